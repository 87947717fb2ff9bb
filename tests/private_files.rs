//! "Private by default" (issue 10, item 4): the folders jmo creates (the
//! data folder, `--out`, `mdf packet --out`, `packet_dir`) are 0700 and its
//! files 0600 whatever the umask; folders that were there keep their mode;
//! a database others can read is warned about, in `jmo check` and in the
//! screen's status bar, and left as it is.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `jmo ARGS` under `umask 000`, with `env`'s private HOME and XDG folders
/// (`XDG_DATA_HOME` as given), its config and date, and no `--db` unless
/// `ARGS` has one.
fn jmo_umask_000(env: &TestEnv, data_home: &Path, args: &[&str]) -> Output {
    let p = |sub: &str| env.path().join(sub);
    let out = Command::new("sh")
        .arg("-c")
        .arg(r#"umask 000; exec "$0" "$@""#)
        .arg(BIN)
        .args(["--config", env.config.to_str().unwrap(), "--as-of", AS_OF])
        .args(args)
        .env_clear()
        .env("HOME", p("home"))
        .env("XDG_CONFIG_HOME", p("xdg-config"))
        .env("XDG_DATA_HOME", data_home)
        .env("XDG_CACHE_HOME", p("xdg-cache"))
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .current_dir(env.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "jmo {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn the_data_folder_jmo_creates_is_private_whatever_the_umask() {
    let env = TestEnv::new();
    let there = mode(env.path());
    let data_home = env.path().join("data/home");
    jmo_umask_000(&env, &data_home, &["demo"]);
    let db = data_home.join("jmo/jmo.db");
    assert!(db.is_file());
    for folder in ["data", "data/home", "data/home/jmo"] {
        assert_eq!(mode(&env.path().join(folder)), 0o700, "{folder}");
    }
    assert_eq!(mode(&db), 0o600);
    // The folder that was there (the test's own) keeps its mode.
    assert_eq!(mode(env.path()), there);
}

#[test]
fn out_folders_jmo_creates_are_private_and_existing_ones_keep_their_mode() {
    let env = TestEnv::new();
    env.demo();
    let shared = env.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = env.db.to_str().unwrap();
    let export = shared.join("exports/2026/plan.json");
    let report = shared.join("reports/fy.md");
    let packets = shared.join("packets/q4");
    let data = env.path().join("xdg-data");
    for args in [
        vec![
            "export",
            "--json",
            "--redact",
            "--out",
            export.to_str().unwrap(),
        ],
        vec!["report", "program", "--out", report.to_str().unwrap()],
        vec![
            "mdf",
            "packet",
            "R1",
            "--draft",
            "--out",
            packets.to_str().unwrap(),
        ],
    ] {
        let mut all = vec!["--db", db];
        all.extend(args);
        jmo_umask_000(&env, &data, &all);
    }
    assert_eq!(mode(&shared), 0o755, "not jmo's folder: left as it was");
    for folder in [
        "exports",
        "exports/2026",
        "reports",
        "packets",
        "packets/q4",
    ] {
        assert_eq!(mode(&shared.join(folder)), 0o700, "{folder}");
    }
    assert_eq!(mode(&export), 0o600);
    assert_eq!(mode(&report), 0o600);
    let written: Vec<_> = std::fs::read_dir(&packets).unwrap().collect();
    assert_eq!(written.len(), 2);
    for f in written {
        assert_eq!(mode(&f.unwrap().path()), 0o600);
    }
}

/// `P` and `W` in the screen write through `files::write_packet` and
/// `files::write_new_file` into `packet_dir`: a missing folder is created,
/// private.
#[test]
fn a_missing_packet_dir_is_created_private() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("packets/2026/plan.md");
    jmo::app::files::write_new_file(&file, "# Plan\n", None).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "# Plan\n");
    assert_eq!(mode(&dir.path().join("packets")), 0o700);
    assert_eq!(mode(&dir.path().join("packets/2026")), 0o700);
    assert_eq!(mode(&file), 0o600);
}

#[test]
fn a_database_others_can_read_is_warned_about_in_check_and_left_as_it_is() {
    let env = TestEnv::new();
    env.demo();
    let out = env.run(&["check"]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("readable by others"),
        "jmo's own file is 0600"
    );
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = env.run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "jmo: warning: database readable by others (mode 0644): chmod 600 {}",
            env.db.display()
        )),
        "{err}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the findings decide the exit code"
    );
    assert_eq!(mode(&env.db), 0o644, "not jmo's to change");
}

/// The screen says so in its status bar when it starts.
#[test]
fn a_database_others_can_read_is_warned_about_in_the_status_bar() {
    use jmo::app::{App, Clock, Display, Setup, config};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    drop(jmo::store::Store::open(&path).unwrap());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    let app = App::new(Setup {
        store: jmo::store::Store::open(&path).unwrap(),
        loaded: config::defaults(),
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()),
    })
    .unwrap();
    let status = app.status.expect("a warning in the status bar");
    assert_eq!(status.kind, jmo::app::StatusKind::Warning);
    assert_eq!(
        status.text,
        format!(
            "database readable by others (mode 0604): chmod 600 {}",
            path.display()
        )
    );
    assert_eq!(mode(&path), 0o604);
}
