//! Which running jmo made a change set (`change_sets.session`), and
//! whether that jmo is still running: `u` undoes the edits of this jmo,
//! and after a restart the user's own edits of jmo sessions that have
//! ended, never those of a jmo still open on the file (issue 10, item 1).
//!
//! A session is named `HOST/PID/NANOS`: the machine, the process and the
//! moment the store was opened. It is live when it is open in this process
//! (a registry of open stores), or, on this machine, when its process still
//! runs. A session of another machine cannot be checked and counts as
//! live; so does any name that cannot be read (never undo what may be
//! someone else's).

use std::collections::BTreeSet;
use std::sync::{Mutex, PoisonError};

/// The sessions of the stores open in this process.
static OPEN: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// This machine's name ("" when it cannot be read).
fn host() -> String {
    #[cfg(unix)]
    {
        nix::unistd::gethostname()
            .ok()
            .and_then(|h| h.into_string().ok())
            .unwrap_or_default()
            .replace('/', "_")
    }
    #[cfg(not(unix))]
    {
        String::new()
    }
}

/// A new session name for a store being opened, registered as open until
/// [`close`].
pub(super) fn open() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let name = format!("{}/{}/{nanos}", host(), std::process::id());
    OPEN.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(name.clone());
    name
}

/// The store of `session` is closed.
pub(super) fn close(session: &str) {
    OPEN.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .remove(session);
}

/// Whether the jmo of `session` may still be running (see the module).
pub(super) fn is_live(session: &str) -> bool {
    let mut parts = session.splitn(3, '/');
    let (Some(host_name), Some(pid), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return true;
    };
    let Ok(pid) = pid.parse::<u32>() else {
        return true;
    };
    if host_name != host() {
        return true;
    }
    if pid == std::process::id() {
        return OPEN
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(session);
    }
    process_runs(pid)
}

#[cfg(unix)]
fn process_runs(pid: u32) -> bool {
    use nix::errno::Errno;
    let Ok(raw) = i32::try_from(pid) else {
        return true;
    };
    // Signal 0 checks without signalling; EPERM: it runs, as another user.
    !matches!(
        nix::sys::signal::kill(nix::unistd::Pid::from_raw(raw), None),
        Err(Errno::ESRCH)
    )
}

#[cfg(not(unix))]
fn process_runs(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_live_while_its_store_is_open_here() {
        let s = open();
        assert!(is_live(&s));
        close(&s);
        assert!(!is_live(&s), "closed in this process");
    }

    #[test]
    fn a_session_of_an_ended_process_is_not_live_and_unknown_ones_are() {
        // A process id that cannot be running (Linux's pid_max is at most 2^22).
        let ended = format!("{}/{}/1", host(), 4_194_305u32 + 7);
        assert!(!is_live(&ended));
        assert!(is_live("another-machine/1/1"), "cannot be checked");
        assert!(is_live("garbage"), "cannot be read");
        let parent = format!("{}/1/1", host());
        assert!(is_live(&parent), "pid 1 always runs");
    }
}
