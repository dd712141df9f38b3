//! How the standalone server's process takes memory from the kernel.
//!
//! The server's memory grows with every stored message, and mimalloc asks for transparent huge
//! pages for its arenas. The kernel zeroes a huge page whole on its first touch, and when that
//! touch comes while an AppInstance's lock is held, every request on the AppInstance waits for
//! it. `cargo bench --bench tail` showed it: all 64 connections stalled at once for 5-10 ms, once
//! per 2 MiB of growth, and the p99 was 7.5-8.9x the bare handler's; without huge pages the
//! stalls were gone and the p99 fell to 3.3-4.2x, for about 10% more CPU a request (512 small
//! faults instead of one large). The tail is what a local endpoint under load is judged by, so
//! `serve` pays that; databases that serve from memory advise the same
//! (Redis, MongoDB). The embedded server of `run` keeps them: it serves one short suite, where
//! the throughput matters and the tail does not.

use std::io;

/// Turns transparent huge pages off for this process and the processes it starts, from now on.
#[cfg(target_os = "linux")]
pub fn no_transparent_huge_pages() -> io::Result<()> {
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    let done = unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Elsewhere there is nothing to turn off.
#[cfg(not(target_os = "linux"))]
pub fn no_transparent_huge_pages() -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn the_kernel_reports_huge_pages_off() {
        // The setting is the whole test binary's from here on, which changes no test's outcome.
        no_transparent_huge_pages().expect("prctl");
        // SAFETY: PR_GET_THP_DISABLE takes plain integers.
        let off = unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) };
        assert_eq!(off, 1);
    }
}
