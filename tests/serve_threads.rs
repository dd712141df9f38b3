//! `serve --threads N` answers on N threads, and on half the cores without it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// A served child, killed when the test ends however it ends.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `serve` with `args` on a free port and waits for its "listening on" line.
fn serve(args: &[&str]) -> Served {
    let mut child = Served(
        Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    let stdout = child.0.stdout.take().expect("stdout piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(WAIT).expect("a line in time");
    assert!(line.starts_with("listening on http://"), "{line:?}");
    child
}

/// The async runtime's worker threads of process `pid`, by the name tokio gives them.
fn workers(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .expect("the process's threads are listed")
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
        .filter(|comm| comm.trim_end() == "tokio-rt-worker")
        .count()
}

/// Asserts that process `pid` comes to have `want` workers and still has them a moment later.
/// A thread takes its name once it runs, so the count may lag the "listening on" line; the
/// second look makes sure no more were on their way.
fn assert_workers(pid: u32, want: usize) {
    let deadline = std::time::Instant::now() + WAIT;
    while workers(pid) != want && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(workers(pid), want);
}

#[test]
fn serve_answers_on_the_threads_it_is_given() {
    let served = serve(&["--threads", "3"]);
    assert_workers(served.0.id(), 3);
}

#[test]
fn serve_answers_on_half_the_cores_by_default() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let served = serve(&[]);
    assert_workers(served.0.id(), (cores / 2).max(1));
}
