//! The whole check: the faithful server's run and each fault's, a few at a time, each on a
//! worker thread with its own single-threaded runtime.

use super::judge::judge;
use super::options::SelfCheckOptions;
use super::report::{RunVerdict, SelfCheckReport};
use crate::server::faults::Fault;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// Runs the suite against the faithful server and each fault, `opts.concurrency` runs at once.
/// Blocking: each worker thread drives its own runtime.
pub fn self_check(opts: &SelfCheckOptions) -> SelfCheckReport {
    let started = Instant::now();
    let faults: Vec<Fault> = if opts.faults.is_empty() {
        Fault::ALL.to_vec()
    } else {
        opts.faults.clone()
    };
    let jobs: VecDeque<Option<Fault>> = std::iter::once(None)
        .chain(faults.iter().copied().map(Some))
        .collect();
    let total = jobs.len();
    let jobs = Arc::new(Mutex::new(jobs));
    let (send, receive) = mpsc::channel::<RunVerdict>();

    // A failing step panics inside cucumber, which (like the runner) swaps the process-wide
    // panic hook around each run; with runs overlapping, the hook one run restores may be the
    // silent one another installed. Silence it for the whole check and restore it after.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let workers: Vec<_> = (0..opts.concurrency.clamp(1, total))
        .map(|_| {
            let jobs = jobs.clone();
            let send = send.clone();
            let opts = opts.clone();
            std::thread::spawn(move || worker(&jobs, &send, &opts))
        })
        .collect();
    drop(send);
    let mut verdicts: Vec<RunVerdict> = receive.iter().collect();
    for w in workers {
        // A worker that died has sent what it finished; its faults count as not judged below.
        let _ = w.join();
    }
    std::panic::set_hook(hook);

    let clean = take_verdict(&mut verdicts, None);
    let faults = faults
        .into_iter()
        .map(|f| take_verdict(&mut verdicts, Some(f)))
        .collect();
    SelfCheckReport {
        clean,
        faults,
        elapsed: started.elapsed(),
    }
}

fn take_verdict(verdicts: &mut Vec<RunVerdict>, fault: Option<Fault>) -> RunVerdict {
    match verdicts.iter().position(|v| v.fault == fault) {
        Some(i) => verdicts.swap_remove(i),
        None => RunVerdict {
            fault,
            failed: Vec::new(),
            scenarios: 0,
            error: Some("the run did not finish".into()),
            elapsed: Duration::ZERO,
        },
    }
}

fn worker(
    jobs: &Mutex<VecDeque<Option<Fault>>>,
    send: &mpsc::Sender<RunVerdict>,
    opts: &SelfCheckOptions,
) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    loop {
        let Some(job) = jobs.lock().unwrap_or_else(|e| e.into_inner()).pop_front() else {
            return;
        };
        let verdict = match &runtime {
            Ok(rt) => rt.block_on(judge(job, opts)),
            Err(e) => RunVerdict {
                fault: job,
                failed: Vec::new(),
                scenarios: 0,
                error: Some(format!("cannot start an async runtime: {e}")),
                elapsed: Duration::ZERO,
            },
        };
        if send.send(verdict).is_err() {
            return;
        }
    }
}
