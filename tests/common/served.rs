//! `chime-conformance serve --port 0` as a child process, with deliberate faults, killed when
//! the test ends however it ends; and `run` against it, as a user would type them.
// Each test file uses what it needs of these.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// How long `serve` may take to print its URL.
const START: Duration = Duration::from_secs(30);

pub struct Served {
    child: Child,
    pub url: String,
}

impl Served {
    /// Starts the reference server with these faults (none: the faithful server).
    pub fn start(faults: &[&str]) -> Served {
        let mut args = vec!["serve", "--port", "0"];
        for f in faults {
            args.extend(["--fault", f]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(START).unwrap_or_default();
        let url = line.trim().strip_prefix("listening on ").map(str::to_owned);
        let mut served = Served {
            child,
            url: String::new(),
        };
        served.url = url.unwrap_or_else(|| panic!("serve {args:?} printed {line:?}"));
        served
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `chime-conformance run` with `args`, from the repository (so `snapshots/` is found), without
/// pacing or progress: (exit code, stdout, stderr).
pub fn run(endpoint: Option<&str>, args: &[&str]) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chime-conformance"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "run",
        "--quiet",
        "--no-progress",
        "--no-pacing",
    ]);
    if let Some(url) = endpoint {
        cmd.args(["--endpoint", url]);
    }
    let out = cmd.args(args).output().expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A path as an argument.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}
