//! Where the commands' output goes (review 1 of issue 10, items 3 and 4):
//! `--out` writes to what is at the path and never replaces a link, a pipe
//! or a device with a file; output that could not be written (a full
//! disk) ends the command with exit 1, while a reader that went away
//! (`| head`) is not an error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use std::fs::Permissions;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::{Output, Stdio};

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn is_link(p: &Path) -> bool {
    std::fs::symlink_metadata(p)
        .unwrap()
        .file_type()
        .is_symlink()
}

/// `--out link.md`, a symbolic link: the link stays, and the file it points
/// to holds the report and keeps its mode.
#[test]
fn out_through_a_symbolic_link_writes_the_file_it_points_to() {
    let env = TestEnv::new();
    env.demo();
    let real = env.path().join("real.txt");
    std::fs::write(&real, "old").unwrap();
    std::fs::set_permissions(&real, Permissions::from_mode(0o644)).unwrap();
    let link = env.path().join("link.md");
    std::os::unix::fs::symlink("real.txt", &link).unwrap();
    for args in [
        vec!["report", "program", "--out", "link.md"],
        vec!["export", "--json", "--redact", "--out", "link.md"],
    ] {
        let out = env.run(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(is_link(&link), "{args:?}: the link was replaced");
        let written = std::fs::read_to_string(&real).unwrap();
        assert!(
            written.starts_with("## Partner Program") || written.starts_with('{'),
            "{args:?}: {written}"
        );
        // The user's file keeps its mode (review 2 of issue 10, N13).
        assert_eq!(mode(&real), 0o644, "{args:?}");
    }
    // So does a file named directly; a new file is private.
    let shared = env.path().join("shared.md");
    std::fs::write(&shared, "old").unwrap();
    std::fs::set_permissions(&shared, Permissions::from_mode(0o640)).unwrap();
    let out = env.run(&["report", "program", "--out", "shared.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        std::fs::read_to_string(&shared)
            .unwrap()
            .starts_with("## Partner Program")
    );
    assert_eq!(mode(&shared), 0o640);
    let out = env.run(&["report", "program", "--out", "new.md"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(mode(&env.path().join("new.md")), 0o600);
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// `--out` at a named pipe, or at a link to a device: refused in one line
/// that says what to do, exit 1, nothing written, the pipe and the link
/// left as they were; never "Wrote …".
#[test]
fn out_at_a_pipe_or_a_device_is_refused_and_left_alone() {
    let env = TestEnv::new();
    env.demo();
    let fifo = env.path().join("fifo.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    // A device only through a link: were this ever broken, a test run as
    // root must not replace a real device node.
    let device = env.path().join("full.json");
    std::os::unix::fs::symlink("/dev/null", &device).unwrap();
    for (args, what) in [
        (
            vec!["report", "program", "--out", "fifo.md"],
            "a named pipe",
        ),
        (
            vec![
                "report",
                "plan",
                "Cloud Migration Summit",
                "--out",
                "fifo.md",
            ],
            "a named pipe",
        ),
        (
            vec!["export", "--json", "--redact", "--out", "full.json"],
            "a device (in /dev)",
        ),
        (
            vec!["report", "program", "--json", "--out", "full.json"],
            "a device (in /dev)",
        ),
    ] {
        let out = env.run(&args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(
            err.trim_end(),
            format!(
                "jmo: cannot write {}: it is {what}, not a regular file; --out needs a regular file (to write to standard output, leave --out off); nothing was written",
                args[args.len() - 1]
            ),
            "{args:?}"
        );
        assert!(out.stdout.is_empty());
    }
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(is_link(&device));
    assert_eq!(std::fs::read_link(&device).unwrap(), Path::new("/dev/null"));
}

/// `jmo ARGS > /dev/full`.
fn to_a_full_disk(env: &TestEnv, args: &[&str]) -> Option<Output> {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .ok()?;
    Some(
        env.command(args)
            .stdout(Stdio::from(full))
            .output()
            .unwrap(),
    )
}

/// Output that cannot be written (`> /dev/full`) ends every command with
/// exit 1 and one line saying so.
#[test]
fn output_that_cannot_be_written_exits_1() {
    let env = TestEnv::new();
    env.demo();
    let commands: &[&[&str]] = &[
        &["report", "program"],
        &["report", "plan", "Cloud Migration Summit"],
        &["report", "results", "Cloud Migration Summit", "--json"],
        &["report", "jmp", "Atlas Cloud", "--period", "2026Q4"],
        &["export", "--json", "--redact"],
        &["check"],
        &["check", "--json"],
    ];
    for args in commands {
        let Some(out) = to_a_full_disk(&env, args) else {
            eprintln!("note: no /dev/full here; skipped");
            return;
        };
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.ends_with("jmo: cannot write the output: No space left on device (os error 28)\n"),
            "{args:?}: {err}"
        );
    }
}

/// A writing command whose change is saved but whose confirmation cannot
/// be written (`> /dev/full`) says the change is saved (review 2 of issue
/// 10, N9), with exit 1 as any output that cannot be written.
#[test]
fn a_saved_change_whose_confirmation_cannot_be_written_says_it_is_saved() {
    let env = TestEnv::new();
    let saved = |out: &Output| {
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert_eq!(
            err,
            "jmo: saved, but cannot write the confirmation: No space left on device (os error 28)\n"
        );
    };
    let Some(out) = to_a_full_disk(&env, &["demo"]) else {
        eprintln!("note: no /dev/full here; skipped");
        return;
    };
    saved(&out);
    let doc = env.export();
    assert!(
        !doc["campaigns"].as_array().unwrap().is_empty(),
        "demo loaded"
    );
    let args = [
        "results",
        "Cloud Migration Summit",
        "--reported-on",
        "2026-11-20",
    ];
    saved(&to_a_full_disk(&env, &args).unwrap());
    assert!(
        env.export()
            .to_string()
            .contains("\"reported_on\":\"2026-11-20\""),
        "results saved"
    );
    let backup = env.path().join("backup.json");
    std::fs::write(&backup, env.export().to_string()).unwrap();
    let other = TestEnv::new();
    let out = to_a_full_disk(&other, &["import", backup.to_str().unwrap()]).unwrap();
    saved(&out);
    assert!(
        !other.export()["campaigns"].as_array().unwrap().is_empty(),
        "imported"
    );
}

/// `--out` that names the database, a link to it, or one of its side files
/// (`-wal`, `-shm`, `-journal`): refused, exit 1, the database byte for
/// byte as it was and no side file made (review 2 of issue 10, N1: the
/// database used to become the report). The same for a packet whose file
/// in the `--out` folder is a link to the database.
#[test]
fn out_never_writes_over_the_database_or_its_side_files() {
    let env = TestEnv::new();
    env.demo();
    let before = std::fs::read(&env.db).unwrap();
    std::os::unix::fs::symlink("jmo.db", env.path().join("self.md")).unwrap();
    for target in [
        "jmo.db",
        "self.md",
        "jmo.db-wal",
        "jmo.db-shm",
        "jmo.db-journal",
    ] {
        for args in [
            vec!["report", "program", "--out", target],
            vec!["export", "--json", "--redact", "--out", target],
        ] {
            let out = env.run(&args);
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(
                err.starts_with(&format!("jmo: cannot write {target}: it is the database")),
                "{args:?}: {err}"
            );
            assert!(
                err.trim_end()
                    .ends_with("--out needs another file than the database; nothing was written"),
                "{args:?}: {err}"
            );
            assert_eq!(std::fs::read(&env.db).unwrap(), before, "{args:?}");
        }
    }
    for side in ["jmo.db-wal", "jmo.db-shm", "jmo.db-journal"] {
        assert!(!env.path().join(side).exists(), "{side} made");
    }
    let packets = env.path().join("packets");
    std::fs::create_dir(&packets).unwrap();
    let stem = "mdf-packet-northwind-analytics-modern-data-stack-webinar-request-1";
    std::os::unix::fs::symlink("../jmo.db", packets.join(format!("{stem}.md"))).unwrap();
    let out = env.run(&["mdf", "packet", "R1", "--out", "packets"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("it is the database"), "{err}");
    assert_eq!(std::fs::read(&env.db).unwrap(), before);
    assert_eq!(
        std::fs::read_dir(&packets).unwrap().count(),
        1,
        "nothing but the link"
    );
}

/// `--out /dev/stdout` while standard output goes to a file (`>> log.txt`):
/// refused, and the file keeps what the shell put there (review 2 of
/// issue 10, N2: it used to be replaced by the report). So is a link into
/// /proc, /proc itself, and `--out log.txt >> log.txt` (the file is this
/// jmo's own standard output).
#[test]
fn out_never_replaces_the_file_standard_output_goes_to() {
    let env = TestEnv::new();
    env.demo();
    let log = env.path().join("log.txt");
    std::fs::write(&log, "important\n").unwrap();
    std::os::unix::fs::symlink("/proc/self/fd/1", env.path().join("fd1.md")).unwrap();
    for (target, says) in [
        (
            "/dev/stdout",
            "it is a device (in /dev), not a regular file",
        ),
        (
            "/proc/self/fd/1",
            "it is in /proc (a process's open files), not a regular file",
        ),
        (
            "fd1.md",
            "it is in /proc (a process's open files), not a regular file",
        ),
        (
            "log.txt",
            "it is this jmo's standard output, not a file to write over",
        ),
    ] {
        for args in [
            vec!["report", "program", "--out", target],
            vec!["export", "--json", "--redact", "--out", target],
        ] {
            let append = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
            let out = env
                .command(&args)
                .stdout(Stdio::from(append))
                .output()
                .unwrap();
            let err = text(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
            assert!(
                err.starts_with(&format!("jmo: cannot write {target}: {says}; ")),
                "{args:?}: {err}"
            );
            assert!(err.contains("leave --out off"), "{args:?}: {err}");
            assert_eq!(
                std::fs::read_to_string(&log).unwrap(),
                "important\n",
                "{args:?}"
            );
        }
    }
    assert!(is_link(&env.path().join("fd1.md")));
}
