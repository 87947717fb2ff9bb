//! "A file that is not jmo's is never changed" (issue 10, item 3), with the
//! real binary: every bad file, every command, the file compared byte for
//! byte (and its time, mode and side files) before and after; read-only
//! commands on a read-only file in a read-only folder, as a user who may not
//! write them, and under a writer's lock.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use jmo::store::Store;
use rusqlite::Connection;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The database file and everything in its folder, as they are: each
/// entry's name, bytes (files), modification time and mode. Compared whole,
/// byte for byte (stronger than comparing checksums); shown with sizes and
/// a digest.
#[derive(PartialEq)]
struct Folder(Vec<(String, Option<Vec<u8>>, std::time::SystemTime, u32)>);

impl std::fmt::Debug for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::hash::{DefaultHasher, Hash, Hasher};
        let mut list = f.debug_list();
        for (name, bytes, modified, mode) in &self.0 {
            let digest = bytes.as_ref().map(|b| {
                let mut h = DefaultHasher::new();
                b.hash(&mut h);
                format!("{} bytes, digest {:016x}", b.len(), h.finish())
            });
            list.entry(&format_args!(
                "{name} {mode:o} {modified:?} {}",
                digest.unwrap_or_else(|| "folder".into())
            ));
        }
        list.finish()
    }
}

fn folder(dir: &Path) -> Folder {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            let bytes = meta.is_file().then(|| std::fs::read(e.path()).unwrap());
            (
                e.file_name().to_string_lossy().into_owned(),
                bytes,
                meta.modified().unwrap(),
                meta.permissions().mode(),
            )
        })
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Folder(entries)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A file that is not jmo's, written at `path`.
struct Bad {
    name: &'static str,
    /// What the refusal must say.
    says: &'static str,
    make: fn(&Path),
}

const BAD_FILES: &[Bad] = &[
    Bad {
        name: "another program's database",
        says: "is an SQLite database of another program (application_id 0x12345678, tables: bar, foo); jmo never changes it",
        make: |p| {
            Connection::open(p)
                .unwrap()
                .execute_batch(
                    "PRAGMA application_id = 305419896; CREATE TABLE foo (x); \
                     CREATE TABLE bar (y); INSERT INTO foo VALUES ('theirs');",
                )
                .unwrap();
        },
    },
    Bad {
        name: "a database whose table names clash with jmo's",
        says: "is an SQLite database of another program (tables: change_sets, meta, partners)",
        make: |p| {
            Connection::open(p)
                .unwrap()
                .execute_batch(
                    "CREATE TABLE partners (x); CREATE TABLE meta (k, v); \
                     CREATE TABLE change_sets (id);",
                )
                .unwrap();
        },
    },
    Bad {
        name: "a zero-byte file",
        says: "is an empty file, not a jmo database; jmo never changes it",
        make: |p| std::fs::write(p, b"").unwrap(),
    },
    Bad {
        name: "a named pipe",
        says: "is a named pipe, not a database file; jmo never opens it",
        make: |p| {
            let made = Command::new("mkfifo").arg(p).status();
            assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        },
    },
    Bad {
        name: "a symbolic link to nothing",
        says: "/gone/jmo.db, where there is no file; jmo does not create a database through a link",
        make: |p| std::os::unix::fs::symlink("gone/jmo.db", p).unwrap(),
    },
    Bad {
        name: "a text file",
        says: "is not a jmo database (not an SQLite file)",
        make: |p| std::fs::write(p, "name,tier\nAcme,gold\n".repeat(20)).unwrap(),
    },
    Bad {
        name: "a newer jmo's database in rollback-journal mode",
        says: "was written by a newer jmo",
        make: |p| {
            drop(Store::open(p).unwrap());
            let conn = Connection::open(p).unwrap();
            conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
            conn.pragma_update(
                None,
                "user_version",
                jmo::store::schema::latest_version() + 1,
            )
            .unwrap();
        },
    },
    Bad {
        name: "a marked database whose own table is named like jmo's (version 0)",
        says: "is a jmo database of schema version 0, but its tables do not match that version (1 table of a later version already there: partners); jmo never changes it",
        make: |p| {
            Connection::open(p)
                .unwrap()
                .execute_batch("PRAGMA application_id = 1246580529; CREATE TABLE partners (x);")
                .unwrap();
        },
    },
    Bad {
        name: "a marked database of version 3 without the tables of version 2",
        says: "is a jmo database of schema version 3, but its tables do not match that version (1 table missing: expenses; ",
        make: |p| {
            let conn = Connection::open(p).unwrap();
            conn.execute_batch(jmo::store::schema::MIGRATIONS[0])
                .unwrap();
            conn.execute_batch("PRAGMA application_id = 1246580529; PRAGMA user_version = 3;")
                .unwrap();
        },
    },
];

/// Every command, each pointed at the bad file (`import` needs a valid
/// export, at `import`).
fn commands(import: &str) -> Vec<Vec<String>> {
    let all: &[&[&str]] = &[
        &["check"],
        &["check", "--json"],
        &["export", "--json", "--redact"],
        &["report", "plan", "Joint booth at DataWorld Expo"],
        &["report", "results", "Cloud Migration Summit"],
        &["report", "program"],
        &["report", "jmp", "Atlas Cloud"],
        &["mdf", "packet", "R1"],
        &["mdf", "packet", "R1", "--draft"],
        &["results", "Cloud Migration Summit", "--leads", "3"],
        &["import", import],
        &["demo"],
        &["demo", "--force"],
    ];
    all.iter()
        .map(|c| c.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// A valid export (of the example plan) in its own folder.
fn an_export() -> (TestEnv, PathBuf) {
    let source = TestEnv::new();
    source.demo();
    let file = source.path().join("plan.json");
    let out = source.run(&[
        "export",
        "--json",
        "--redact",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    (source, file)
}

fn assert_refused(out: &Output, says: &str, what: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: {err}");
    assert!(out.stdout.is_empty(), "{what}: {}", text(&out.stdout));
    assert!(
        err.starts_with("jmo: ") && err.contains(says),
        "{what}: {err}"
    );
    assert!(
        err.lines().count() <= 2,
        "{what}: more than two lines:\n{err}"
    );
    for noise in ["CREATE", "Location:", "BACKTRACE", "Error {"] {
        assert!(!err.contains(noise), "{what}: {err}");
    }
}

#[test]
fn every_command_refuses_every_bad_file_and_changes_nothing() {
    let (_source, import) = an_export();
    for bad in BAD_FILES {
        let env = TestEnv::new();
        (bad.make)(&env.db);
        for args in commands(import.to_str().unwrap()) {
            let before = folder(env.path());
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = env.run(&args);
            let what = format!("{} / jmo {}", bad.name, args.join(" "));
            assert_refused(&out, bad.says, &what);
            assert_eq!(folder(env.path()), before, "{what}: the folder changed");
        }
    }
}

/// The screen opens the file for writing: it refuses each bad file the same
/// way, in one or two lines on the terminal, and leaves it as it was.
#[test]
fn the_screen_refuses_every_bad_file_and_changes_nothing() {
    for bad in BAD_FILES {
        let env = TestEnv::new();
        (bad.make)(&env.db);
        let before = folder(env.path());
        // Wide enough that the message is not wrapped.
        let mut tui = env.open(250, 24, &[]);
        let status = tui.wait_exit();
        let screen = tui.with_screen(screen_text);
        assert_eq!(status.exit_code(), 2, "{}: {screen}", bad.name);
        assert!(screen.contains(bad.says), "{}: {screen}", bad.name);
        assert!(!screen.contains("Location:"), "{}: {screen}", bad.name);
        assert_eq!(
            folder(env.path()),
            before,
            "{}: the folder changed",
            bad.name
        );
    }
}

/// The read-only commands, with a campaign's packet written elsewhere.
fn read_commands(out_dir: &Path) -> Vec<Vec<String>> {
    let out = out_dir.to_str().unwrap();
    let all: &[&[&str]] = &[
        &["check"],
        &["check", "--json"],
        &["export", "--json", "--redact"],
        &["report", "plan", "Joint booth at DataWorld Expo"],
        &["report", "results", "Cloud Migration Summit", "--json"],
        &["report", "program"],
        &["report", "jmp", "Atlas Cloud", "--period", "2026Q4"],
        &["mdf", "packet", "R1", "--draft", "--out", out],
    ];
    all.iter()
        .map(|c| c.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// How a read-only command ends on the example plan: `check` with 1 (the
/// plan has errors on purpose), the others with 0.
fn expected_code(args: &[&str]) -> i32 {
    if args[0] == "check" { 1 } else { 0 }
}

/// Whether this test process runs as root (which ignores permission bits).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| text(&o.stdout).trim() == "0")
}

/// `cmd` as a user who may not write the test's files: run as `nobody`
/// through `setpriv` when this test runs as root (root ignores permission
/// bits); as is otherwise. `None` as root without `setpriv`.
fn as_a_user(cmd: &Command) -> Option<Command> {
    let mut user = if is_root() {
        let found = Command::new("setpriv").arg("--version").output();
        if !found.is_ok_and(|o| o.status.success()) {
            return None;
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(cmd.get_program());
        c
    } else {
        Command::new(cmd.get_program())
    };
    user.args(cmd.get_args()).env_clear();
    for (k, v) in cmd.get_envs() {
        if let Some(v) = v {
            user.env(k, v);
        }
    }
    if let Some(dir) = cmd.get_current_dir() {
        user.current_dir(dir);
    }
    Some(user)
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `check`, `export`, `report` and `mdf packet` on a read-only database in
/// a read-only folder, by a user who may write neither: they work (SQLite
/// would need to create the `-wal` and `-shm` files of a WAL database, so
/// jmo reads it immutable), and the folder is exactly as it was.
#[test]
fn read_only_commands_work_on_a_read_only_file_in_a_read_only_folder() {
    let env = TestEnv::new();
    env.demo();
    let out_dir = tempfile::tempdir().unwrap();
    set_mode(out_dir.path(), 0o777);
    set_mode(env.path(), 0o755);
    set_mode(&env.config, 0o644);
    set_mode(&env.db, 0o444);
    set_mode(env.path(), 0o555);
    let before = folder(env.path());
    for args in read_commands(out_dir.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let cmd = env.command(&args);
        let out = as_a_user(&cmd)
            .unwrap_or_else(|| {
                eprintln!("note: root without setpriv: running as root");
                env.command(&args)
            })
            .output()
            .unwrap();
        let what = format!("jmo {}", args.join(" "));
        let err = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(expected_code(&args)),
            "{what}: {err}"
        );
        assert!(!out.stdout.is_empty(), "{what}");
        assert_eq!(folder(env.path()), before, "{what}: the folder changed");
    }
    // A 0444 file is readable by others: check says so, and leaves it.
    let out = env.run(&["check"]);
    assert!(
        text(&out.stderr).contains("database readable by others (mode 0444): chmod 600"),
        "{}",
        text(&out.stderr)
    );
    set_mode(env.path(), 0o700);
}

/// A writing command on a database it may not write says so in one line
/// and points to the commands that still work.
#[test]
fn a_writing_command_on_a_read_only_database_says_what_still_works() {
    let env = TestEnv::new();
    env.demo();
    set_mode(env.path(), 0o755);
    set_mode(&env.config, 0o644);
    set_mode(&env.db, 0o444);
    let before = folder(env.path());
    let cmd = env.command(&[
        "results",
        "Cloud Migration Summit",
        "--reported-on",
        "2026-11-20",
    ]);
    let Some(mut cmd) = as_a_user(&cmd) else {
        eprintln!("note: root without setpriv: skipped");
        return;
    };
    let out = cmd.output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("it is read-only here")
            && err.contains("jmo check, export, report and mdf packet can still read it"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(folder(env.path()), before);
    set_mode(env.path(), 0o700);
}

/// Read-only commands leave a jmo database byte for byte as it was, with no
/// `-wal` or `-shm` file left beside it (also as root, on a 0444 file).
#[test]
fn read_only_commands_leave_the_database_and_its_folder_as_they_were() {
    let env = TestEnv::new();
    env.demo();
    set_mode(&env.db, 0o444);
    let out_dir = tempfile::tempdir().unwrap();
    let before = folder(env.path());
    for args in read_commands(out_dir.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        let what = format!("jmo {}", args.join(" "));
        assert_eq!(
            out.status.code(),
            Some(expected_code(&args)),
            "{what}: {}",
            text(&out.stderr)
        );
        assert_eq!(folder(env.path()), before, "{what}: the folder changed");
    }
}

/// While another jmo holds a write transaction, the read-only commands
/// read the last commit, without waiting and without error.
#[test]
fn read_only_commands_work_while_a_writer_holds_the_database() {
    let env = TestEnv::new();
    env.demo();
    let writer = Connection::open(&env.db).unwrap();
    writer
        .execute_batch(
            "BEGIN EXCLUSIVE; UPDATE partners SET name = 'Uncommitted' WHERE name = 'Atlas Cloud';",
        )
        .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    for args in read_commands(out_dir.path()) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = env.run(&args);
        let what = format!("jmo {}", args.join(" "));
        assert_eq!(
            out.status.code(),
            Some(expected_code(&args)),
            "{what}: {}",
            text(&out.stderr)
        );
        assert!(!text(&out.stdout).contains("Uncommitted"), "{what}");
    }
    let export: serde_json::Value =
        serde_json::from_slice(&env.run(&["export", "--json", "--redact"]).stdout).unwrap();
    assert!(export.to_string().contains("Atlas Cloud"));
    writer.execute_batch("ROLLBACK").unwrap();
}

/// A database from before the mark (no application_id, jmo's tables) is
/// jmo's: a writing command opens it and marks it.
#[test]
fn an_unmarked_jmo_database_is_marked_by_the_first_writing_command() {
    let env = TestEnv::new();
    env.demo();
    let id = |p: &Path| -> i32 {
        Connection::open(p)
            .unwrap()
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(id(&env.db), 0x4A4D_4F31, "jmo marks a new database");
    Connection::open(&env.db)
        .unwrap()
        .pragma_update(None, "application_id", 0)
        .unwrap();
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(id(&env.db), 0, "a read-only command does not mark it");
    let out = env.run(&[
        "results",
        "Cloud Migration Summit",
        "--reported-on",
        "2026-11-20",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(id(&env.db), 0x4A4D_4F31);
}

/// A database from before the mark (no application_id, jmo's tables, in
/// rollback-journal mode as an older tool may leave it): a writing command
/// that is refused for its own reasons (the database holds data, an
/// unknown campaign, a bad figure) leaves it exactly as it was, not marked
/// and not switched to WAL.
#[test]
fn a_refused_writing_command_leaves_an_unmarked_database_as_it_was() {
    let (_source, import) = an_export();
    let env = TestEnv::new();
    env.demo();
    {
        let conn = Connection::open(&env.db).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "application_id", 0).unwrap();
    }
    let import = import.to_str().unwrap();
    let cases: [(&[&str], i32, &str); 5] = [
        (&["demo"], 1, "already holds data"),
        (
            &["results", "No such campaign", "--leads", "1"],
            2,
            "no campaign matches 'No such campaign'",
        ),
        (
            &["results", "campaign:1", "--leads", "-1"],
            1,
            "jmo: --leads: cannot be negative",
        ),
        (
            &[
                "results",
                "Cloud Migration Summit",
                "--reported-on",
                "2027-01-01",
            ],
            1,
            "is in the future",
        ),
        (&["import", import], 1, "import needs an empty database"),
    ];
    for (args, code, says) in cases {
        let before = folder(env.path());
        let out = env.run(args);
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert_eq!(folder(env.path()), before, "{args:?}: the folder changed");
    }
    // A command that writes does mark it, and switches it to WAL.
    let out = env.run(&[
        "results",
        "Cloud Migration Summit",
        "--reported-on",
        "2026-11-20",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let conn = Connection::open(&env.db).unwrap();
    let id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!((id, mode.as_str()), (0x4A4D_4F31, "wal"));
}

/// `results` with no database there creates nothing and says there is no
/// database (review 2 of issue 10, N11: it used to say the campaign was
/// not found).
#[test]
fn a_refused_results_command_creates_no_database() {
    let env = TestEnv::new();
    let out = env.run(&["results", "Webinar", "--leads", "3"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        format!(
            "jmo: no database at {} (run jmo to create one, or jmo demo for the example plan)\n",
            env.db.display()
        )
    );
    assert!(!env.db.exists());
}

/// `jmo demo` into a folder it may not write: one line naming the
/// database the user asked for (never jmo's temporary name), exit 2,
/// nothing left behind.
#[test]
fn demo_into_a_read_only_folder_names_the_users_path() {
    let env = TestEnv::new();
    let shut = env.path().join("shut");
    std::fs::create_dir(&shut).unwrap();
    set_mode(env.path(), 0o755);
    set_mode(&env.config, 0o644);
    set_mode(&env.path().join("config"), 0o755);
    set_mode(&shut, 0o555);
    let db = shut.join("new.db");
    let mut cmd = env.command(&["demo"]);
    cmd.args(["--db", db.to_str().unwrap()]);
    let Some(mut cmd) = as_a_user(&cmd) else {
        eprintln!("note: root without setpriv: skipped");
        return;
    };
    let out = cmd.output().unwrap();
    let err = text(&out.stderr);
    set_mode(&shut, 0o700);
    set_mode(env.path(), 0o700);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.starts_with(&format!("jmo: cannot open {}: ", db.display())),
        "{err}"
    );
    assert!(err.contains("Permission denied"), "{err}");
    assert!(!err.contains(".new.db."), "the temporary name: {err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read_dir(&shut).unwrap().count(), 0);
}
