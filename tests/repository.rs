//! The repository holds only the project: no stray crash reports
//! (issue 11: a `nohup.out` had been committed at the root).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

#[test]
fn no_nohup_out_is_committed_and_none_will_be() {
    let ignore = std::fs::read_to_string(format!("{ROOT}/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l.trim() == "nohup.out"), "{ignore}");
    // In a git checkout (CI clones one): the file is not tracked.
    let tracked = Command::new("git")
        .args(["ls-files", "--", "nohup.out", "*.out"])
        .current_dir(ROOT)
        .output()
        .ok()
        .filter(|o| o.status.success());
    if let Some(out) = tracked {
        let files = String::from_utf8_lossy(&out.stdout);
        assert!(files.trim().is_empty(), "tracked: {files}");
    }
}
