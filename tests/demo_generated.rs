//! `jmo demo --campaigns N` (issue 13, item 6): a generated program of the
//! benchmark's shape, at the size asked for, the same on every run, and
//! refused on a database that holds data, as `jmo demo` is.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

const JMO: &str = env!("CARGO_BIN_EXE_jmo");

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(JMO)
        .args(args)
        .args(["--as-of", "2026-11-21"])
        .env("XDG_CONFIG_HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .output()
        .unwrap()
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// The records of `jmo export` (the history, which carries the time of
/// each edit, left out).
fn records(dir: &Path, db: &str) -> serde_json::Value {
    let out = run(dir, &["export", "--json", "--redact", "--db", db]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    doc.as_object_mut().unwrap().remove("history");
    doc
}

#[test]
fn fifty_campaigns_and_five_partners_the_same_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    for db in [&a, &b] {
        let out = run(
            dir.path(),
            &["demo", "--campaigns", "50", "--db", db.to_str().unwrap()],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.starts_with(&format!(
                "Generated a program of 50 campaigns into {} as of 2026-11-21: 5 partners, ",
                db.display()
            )),
            "{text}"
        );
        assert!(text.contains("Open it with: jmo --db "), "{text}");
        // Not a terminal: no progress bar in captured output.
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(count(db, "campaigns"), 50);
        assert_eq!(count(db, "partners"), 5);
        assert!(count(db, "responsibilities") > 50);
    }
    let (ra, rb) = (
        records(dir.path(), a.to_str().unwrap()),
        records(dir.path(), b.to_str().unwrap()),
    );
    assert!(ra["campaigns"].as_array().is_some_and(|c| !c.is_empty()));
    assert_eq!(ra, rb);
}

#[test]
fn a_database_with_data_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let db_s = db.to_str().unwrap();
    assert!(run(dir.path(), &["demo", "--db", db_s]).status.success());
    let partners = count(&db, "partners");
    let before = std::fs::read(&db).unwrap();
    for args in [
        vec!["demo", "--campaigns", "50", "--db", db_s],
        vec!["demo", "--campaigns", "20", "--db", db_s],
    ] {
        let out = run(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "jmo: {} already holds data; the generated program goes into an empty database (add --force to add it anyway)\n",
                db.display()
            )
        );
        assert_eq!(std::fs::read(&db).unwrap(), before, "a refusal wrote");
    }
    let out = run(
        dir.path(),
        &["demo", "--campaigns", "30", "--force", "--db", db_s],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&db, "partners"), partners + 3);
    // And the example plan is refused on the generated program.
    let fresh = dir.path().join("g.db");
    let fresh_s = fresh.to_str().unwrap();
    assert!(
        run(dir.path(), &["demo", "--campaigns", "10", "--db", fresh_s])
            .status
            .success()
    );
    assert_eq!(
        run(dir.path(), &["demo", "--db", fresh_s]).status.code(),
        Some(1)
    );
}

#[test]
fn zero_campaigns_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.db");
    let out = run(
        dir.path(),
        &["demo", "--campaigns", "0", "--db", db.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!db.exists());
}

/// `--evidence` adds the pipeline evidence of issue 14's shape (per
/// campaign 10 accounts, 30 leads, 10 opportunities) and says so; it needs
/// `--campaigns` (the example plan has its own evidence).
#[test]
fn evidence_with_the_generated_program() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ev.db");
    let db_arg = db.to_str().unwrap();
    let out = run(
        dir.path(),
        &["demo", "--campaigns", "20", "--evidence", "--db", db_arg],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("pipeline evidence in one more edit: 200 accounts, "),
        "{text}"
    );
    assert_eq!(
        (
            count(&db, "accounts"),
            count(&db, "leads"),
            count(&db, "opportunities")
        ),
        (200, 600, 200)
    );
    assert!(count(&db, "touches") > 0);
    let refused = run(dir.path(), &["demo", "--evidence", "--db", db_arg]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--campaigns"));
}
