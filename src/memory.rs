//! Giving freed memory back to the system (issue 13: resident memory
//! follows what is on the screen). A view of the whole program (the
//! agenda, the dashboard, every finding, an import) reads every record;
//! when it closes, jmo drops the partners it no longer shows
//! (`app::load`), but glibc's allocator keeps the freed pages of its heap
//! unless asked to return them, so the process would stay at the view's
//! peak (about 800 MB at 100,000 campaigns) for the rest of the session.

/// Asks the C allocator to return its free pages to the system
/// (glibc's `malloc_trim(0)`); returns whether any came back. Elsewhere
/// (musl, macOS, Windows, whose allocators return memory themselves)
/// it does nothing and returns `false`. Costs a walk of the allocator's
/// free lists: call it after dropping many records, not per key.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
pub fn release_freed() -> bool {
    // SAFETY: malloc_trim takes no pointers and has no caller-side
    // invariants; glibc serialises it with every other allocator call.
    unsafe { libc::malloc_trim(0) == 1 }
}

/// See the glibc version: nothing to do on this platform.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release_freed() -> bool {
    false
}
