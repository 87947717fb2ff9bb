//! "The database is never left corrupt, even when the process is killed
//! mid-edit": kill jmo with SIGKILL at many moments during a large write
//! (the example plan, then an import) and check that every time the file is
//! sound and holds all of the write or none of it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jmo::store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

const JMO: &str = env!("CARGO_BIN_EXE_jmo");

/// Runs `jmo ARGS`, kills it after `delay`, and waits for it.
fn run_and_kill(args: &[&str], delay: Duration) {
    let mut child = Command::new(JMO)
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-jmo-test")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    child.wait().unwrap();
}

fn counts(path: &Path) -> (usize, usize) {
    let store = Store::open(path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    let p = store.load_program().unwrap();
    (p.partners.len(), store.recent_sets(10).unwrap().len())
}

/// How long a full, unkilled `jmo ARGS` takes here (the kill points are
/// spread over it, so the test adapts to a slow or loaded machine).
fn full_run(args: &[&str]) -> Duration {
    let start = std::time::Instant::now();
    let status = Command::new(JMO)
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-jmo-test")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    start.elapsed()
}

#[test]
fn a_killed_write_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.db");
    let took = full_run(&[
        "demo",
        "--db",
        whole.to_str().unwrap(),
        "--as-of",
        "2026-11-21",
    ]);
    assert_eq!(counts(&whole), (6, 1));
    for i in 0..12u32 {
        let db = dir.path().join(format!("demo{i}.db"));
        let db_s = db.to_str().unwrap();
        run_and_kill(
            &["demo", "--db", db_s, "--as-of", "2026-11-21"],
            took * i / 12,
        );
        if !db.exists() {
            continue;
        }
        let (partners, sets) = counts(&db);
        assert!(
            (partners, sets) == (0, 0) || (partners, sets) == (6, 1),
            "half-written example plan: {partners} partners, {sets} change sets"
        );
    }
}

#[test]
fn a_killed_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("source.db");
    let status = Command::new(JMO)
        .args([
            "demo",
            "--db",
            source.to_str().unwrap(),
            "--as-of",
            "2026-11-21",
        ])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let export = dir.path().join("plan.json");
    let status = Command::new(JMO)
        .args([
            "export",
            "--json",
            "--redact", // the example plan holds a campaign without consent (G5)
            "--db",
            source.to_str().unwrap(),
            "--out",
            export.to_str().unwrap(),
        ])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let whole = dir.path().join("whole.db");
    let took = full_run(&[
        "import",
        export.to_str().unwrap(),
        "--db",
        whole.to_str().unwrap(),
    ]);
    assert_eq!(counts(&whole).0, 6);
    for i in 0..10u32 {
        let db = dir.path().join(format!("import{i}.db"));
        let db_s = db.to_str().unwrap();
        run_and_kill(
            &["import", export.to_str().unwrap(), "--db", db_s],
            took * i / 10,
        );
        if !db.exists() {
            continue;
        }
        let (partners, _) = counts(&db);
        assert!(
            partners == 0 || partners == 6,
            "half-imported: {partners} partners"
        );
    }
}
