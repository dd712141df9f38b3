//! What the parts of the benchmark share: its limits and clock, the Content mark that carries
//! a message's send time, the process's open-files limit and resident set, and failing.

use serde_json::Value;
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

pub const ROLE: &str = "CHIME_SESSIONS_BENCH_ROLE";
/// The bare server's read buffer per socket, when not tungstenite's default (128 KiB, which
/// axum's upgrade keeps too).
pub const READ_BUFFER: &str = "CHIME_SESSIONS_BENCH_READ_BUFFER";
/// How many users the reference server seeds (one a session), when not `BENCH_SESSIONS`.
pub const USERS: &str = "CHIME_SESSIONS_BENCH_USERS";
/// The reference server's connection limit, when not one a user plus 64.
pub const CONNECTIONS: &str = "CHIME_SESSIONS_BENCH_CONNECTIONS";
/// The smaller read buffer measured beside the default: the clients send no frames.
pub const SMALL_READ_BUFFER: usize = 4096;
/// The whole run, and each child's life, end after this whatever happens.
pub const BUDGET: Duration = Duration::from_secs(170);
/// How long any one connect, request, frame write or completion may take.
pub const STEP: Duration = Duration::from_secs(10);
/// Messages that may be on their way at once in a saturation round.
pub const WINDOW: u32 = 32;
pub const ROUNDS: usize = 3;
/// Messages one fleet may be sent over the whole run (the size of its delivery table).
pub const MAX_MESSAGES: u32 = 100_000;
pub const CONNECTING_AT_ONCE: usize = 32;
/// Each client session's read buffer, in bytes.
pub const CLIENT_READ_BUFFER: usize = 4096;
/// Content is `fanout-{seq:010}-{sent nanoseconds:015}`: always the same length.
pub const MARK: &str = "fanout-";
pub const CONTENT_LEN: usize = MARK.len() + 10 + 1 + 15;
pub const CREATE_EVENT: &str = r#""x-amz-chime-event-type":"CREATE_CHANNEL_MESSAGE""#;

pub type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

pub fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn now_ns() -> u64 {
    static EPOCH: OnceLock<std::time::Instant> = OnceLock::new();
    EPOCH
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_nanos() as u64
}

pub fn content(seq: u32) -> String {
    format!("{MARK}{seq:010}-{:015}", now_ns())
}

/// (seq, sent nanoseconds) of the first Content mark in `text`.
pub fn parse_mark(text: &str) -> Option<(u32, u64)> {
    let mark = content_in(text)?;
    let (seq, sent) = (
        mark.get(MARK.len()..MARK.len() + 10)?,
        mark.get(MARK.len() + 11..)?,
    );
    Some((seq.parse().ok()?, sent.parse().ok()?))
}

/// The first Content in `text`, as it stands there.
pub fn content_in(text: &str) -> Option<&str> {
    let at = text.find(MARK)?;
    text.get(at..at + CONTENT_LEN)
}

/// Raises the soft limit of open files to the hard one: (soft before, soft after, hard).
pub fn raise_open_files() -> std::io::Result<(u64, u64, u64)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed, which we own.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let before = limit.rlim_cur;
    limit.rlim_cur = limit.rlim_max;
    // SAFETY: as above.
    if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok((before, limit.rlim_cur, limit.rlim_max))
}

pub fn resident_bytes(pid: u32) -> Option<u64> {
    let statm = std::fs::read_to_string(format!("/proc/{pid}/statm")).ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    // SAFETY: sysconf reads a constant of the system.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages * u64::try_from(page).unwrap_or(4096))
}

/// The CPU time (user and system) process `pid` has spent so far, from /proc.
pub fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command (which may hold spaces) start at field 3; utime and stime
    // are fields 14 and 15, in clock ticks.
    let mut fields = stat
        .get(stat.rfind(')')? + 2..)?
        .split_whitespace()
        .skip(11);
    let (user, system): (u64, u64) = (fields.next()?.parse().ok()?, fields.next()?.parse().ok()?);
    // SAFETY: sysconf reads a constant of the system.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    Some((user + system) as f64 / ticks.max(1) as f64)
}

pub fn fail(why: impl std::fmt::Display) -> ! {
    eprintln!("sessions bench: {why}");
    std::process::exit(1)
}

pub fn text(v: &Value, member: &str) -> String {
    v[member].as_str().unwrap_or_default().to_owned()
}

pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The machine's load average over 1, 5 and 15 minutes: the machine is shared.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
