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
        // The example plan holds a campaign without consent (G5).
        vec!["export", "--json", "--redact", "--db", db],
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

/// An export is written whole (temporary file, fsync, rename), private like
/// the database; a failed import into a new path leaves no file behind.
#[test]
fn export_files_are_private_and_a_failed_import_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jmo.db");
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| {
        Command::new(JMO)
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .unwrap()
    };
    assert!(
        run(&["demo", "--db", db, "--as-of", "2026-11-21"])
            .status
            .success()
    );
    let out = dir.path().join("plan.json");
    assert!(
        run(&[
            "export",
            "--json",
            "--redact",
            "--db",
            db,
            "--out",
            out.to_str().unwrap()
        ])
        .status
        .success()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    let mut bad: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    bad["campaigns"][0]["budget"] = serde_json::json!("abc");
    let bad_file = dir.path().join("bad.json");
    std::fs::write(&bad_file, bad.to_string()).unwrap();
    let fresh = dir.path().join("fresh.db");
    let o = run(&[
        "import",
        bad_file.to_str().unwrap(),
        "--db",
        fresh.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("campaigns[0].budget: 'abc' is not an amount; nothing was imported"),
        "{err}"
    );
    assert!(!fresh.exists(), "a failed import left a database behind");
}

/// A blocked milestone is a finding (G9, a warning) that `jmo check` lists
/// with the milestone, its reason and what to do; the example plan's
/// CloudStack newsletter waits for the brand kit.
#[test]
fn check_lists_a_blocked_milestone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("jmo.db");
    let db = db.to_str().unwrap();
    let run = |args: &[&str]| {
        Command::new(JMO)
            .args(args)
            .env("XDG_CONFIG_HOME", dir.path())
            .output()
            .unwrap()
    };
    assert!(
        run(&["demo", "--db", db, "--as-of", "2026-11-21"])
            .status
            .success()
    );
    let out = run(&["check", "--db", db, "--as-of", "2026-11-21"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let at = text
        .find("warning G9  CloudStack Weekly / Sponsored newsletter: the cloud cost issue (milestone ")
        .unwrap_or_else(|| panic!("no G9 line in:\n{text}"));
    let message = text[at..].lines().nth(1).unwrap().trim();
    assert_eq!(
        message,
        "Milestone 'Partner review' (was due Nov 11) is blocked: No CloudStack brand kit to review the sponsor block against; Jess is asking their designer. Clear what blocks it, then unblock it: Timeline → b on the milestone."
    );
    let json = run(&["check", "--json", "--db", db, "--as-of", "2026-11-21"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let g9: Vec<_> = doc
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "G9")
        .collect();
    assert_eq!(g9.len(), 1);
    assert_eq!(
        (&g9[0]["severity"], &g9[0]["record"]["kind"]),
        (&"warning".into(), &"milestone".into())
    );
}
