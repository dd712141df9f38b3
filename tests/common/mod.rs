//! What several integration tests share: running the binary as a user would.

use std::process::Command;

/// Runs `chime-conformance` with `args` to the end: (exit code, stdout, stderr).
pub fn chime(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_chime-conformance"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
