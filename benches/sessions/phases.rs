//! Rounds of one pace run against both servers in turn, and what each server did over them:
//! its best round, every round's p99, and the CPU time its process spent per delivered event.

use crate::fleet::Fleet;
use crate::rounds::{Pace, Round, Sender, round};
use crate::shared::{ROUNDS, cpu_seconds, fail, lock};
use std::time::Duration;

/// One server under test: its sessions, the way to send to it, its process.
pub struct Target<'a> {
    pub fleet: &'a Fleet,
    pub sender: &'a Sender,
    pub pid: Option<u32>,
}

/// One server's figures over a phase.
#[derive(Default)]
pub struct Phase {
    pub best: Round,
    pub p99s: Vec<Duration>,
    cpu_seconds: f64,
    delivered: u64,
}

impl Phase {
    /// The server process's CPU time (user and system) per event delivered in the phase.
    pub fn cpu_per_event(&self) -> Duration {
        Duration::from_secs_f64(self.cpu_seconds / self.delivered.max(1) as f64)
    }
}

/// Which of two rounds is the better measurement.
pub type Better = fn(&Round, &Round) -> bool;

/// Outside load only slows a round down: the most events a second is the truest.
pub fn more_events(new: &Round, best: &Round) -> bool {
    new.events_per_second() > best.events_per_second()
}

/// Outside load only adds latency: the lowest p99 is the truest.
pub fn lower_p99(new: &Round, best: &Round) -> bool {
    new.quantile(0.99) < best.quantile(0.99)
}

/// `ROUNDS` rounds of `pace` against each target in turn; a round that lost a delivery
/// or a send ends the run.
pub async fn phase(targets: &[Target<'_>], pace: Pace, seconds: f64, better: Better) -> Vec<Phase> {
    let mut phases: Vec<Phase> = targets.iter().map(|_| Phase::default()).collect();
    for _ in 0..ROUNDS {
        for (target, phase) in targets.iter().zip(phases.iter_mut()) {
            let cpu_before = target.pid.and_then(cpu_seconds);
            let r = round(target.fleet, target.sender, pace, seconds).await;
            let cpu_after = target.pid.and_then(cpu_seconds);
            check(&r, target.fleet);
            if let (Some(before), Some(after)) = (cpu_before, cpu_after) {
                phase.cpu_seconds += after - before;
            }
            phase.delivered += r.delivered;
            phase.p99s.push(r.quantile(0.99));
            if phase.best.seconds == 0.0 || better(&r, &phase.best) {
                phase.best = r;
            }
        }
    }
    phases
}

/// A round that lost or duplicated a delivery, or lost a send, measured nothing.
fn check(r: &Round, fleet: &Fleet) {
    if r.delivered != r.expected || r.failed_sends > 0 {
        fail(format!(
            "a round delivered {} events of {} due, {} sends failed; first malformed frame: {:?}",
            r.delivered,
            r.expected,
            r.failed_sends,
            lock(&fleet.malformed).first()
        ));
    }
}
