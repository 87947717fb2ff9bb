//! The command line as scripts use it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};

const JMO: &str = env!("CARGO_BIN_EXE_jmo");

/// `jmo check | head -1`: the reader goes away before jmo writes. jmo must
/// keep its documented exit code (1: errors found), not crash with 101.
#[test]
fn a_closed_pipe_is_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jmo.db");
    let db = db.to_str().unwrap();
    let ok = Command::new(JMO)
        .args(["demo", "--db", db, "--as-of", "2026-11-21"])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(ok.success());
    for args in [
        vec!["check", "--db", db, "--as-of", "2026-11-21"],
        vec!["check", "--json", "--db", db, "--as-of", "2026-11-21"],
        vec!["export", "--json", "--db", db],
    ] {
        let mut child = Command::new(JMO)
            .args(&args)
            .env("XDG_CONFIG_HOME", dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone before the first byte
        let out = child.wait_with_output().unwrap();
        let expected = if args[0] == "check" { 1 } else { 0 };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
