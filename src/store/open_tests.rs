//! Opening files (issue 10, items 3 and 4): what `Store::open` refuses
//! before writing, the read-only store, and the private new file.

use super::file::{APPLICATION_ID, JMO_TABLES, Refusal};
use super::*;
use crate::domain::{Partner, PartnershipType, Tier};
use std::path::Path;

/// A file and its side files as they are: bytes, modification time, mode,
/// and which of `-wal`, `-shm`, `-journal` exist.
#[derive(Debug, PartialEq)]
struct Snapshot {
    bytes: Vec<u8>,
    modified: std::time::SystemTime,
    mode: u32,
    side_files: Vec<&'static str>,
}

fn snapshot(path: &Path) -> Snapshot {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).unwrap();
    Snapshot {
        bytes: std::fs::read(path).unwrap(),
        modified: meta.modified().unwrap(),
        mode: meta.permissions().mode(),
        side_files: ["-wal", "-shm", "-journal"]
            .into_iter()
            .filter(|s| file::side_file(path, s).exists())
            .collect(),
    }
}

fn partner(name: &str) -> Partner {
    Partner {
        name: name.into(),
        partnership_type: PartnershipType::Technology,
        tier: Tier::Gold,
        ..Partner::default()
    }
}

/// A jmo database with one partner, closed (WAL mode, no side files).
fn jmo_db(path: &Path) {
    let mut store = Store::open(path).unwrap();
    store
        .edit("Add Acme", |tx| tx.insert(&partner("Acme")))
        .unwrap();
}

fn application_id(path: &Path) -> i32 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_new_file_is_marked_private_and_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    drop(Store::open(&path).unwrap());
    assert_eq!(application_id(&path), APPLICATION_ID);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["jmo.db".to_string()], "no temporary file left");
    assert_eq!(snapshot(&path).mode & 0o777, 0o600);
}

/// Every file that is not jmo's is refused by the writing open, and stays
/// exactly as it was: bytes, time, and no journal or WAL file appears.
#[test]
fn the_writing_open_refuses_every_file_that_is_not_jmos_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch(
            "PRAGMA application_id = 305419896; CREATE TABLE foo (x); \
             CREATE TABLE bar (y); INSERT INTO foo VALUES (1);",
        )
        .unwrap();
    let clash = dir.path().join("clash.db");
    Connection::open(&clash)
        .unwrap()
        .execute_batch("CREATE TABLE partners (x); CREATE TABLE meta (k, v);")
        .unwrap();
    let empty_sqlite = dir.path().join("empty-sqlite.db");
    Connection::open(&empty_sqlite)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); DROP TABLE t;")
        .unwrap();
    let zero = dir.path().join("zero.db");
    std::fs::write(&zero, b"").unwrap();
    let text = dir.path().join("notes.db");
    std::fs::write(&text, "partner notes, not a database\n".repeat(10)).unwrap();
    let newer = dir.path().join("newer.db");
    jmo_db(&newer);
    {
        let conn = Connection::open(&newer).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        conn.pragma_update(None, "user_version", schema::latest_version() + 1)
            .unwrap();
    }
    let cases: [(&Path, &str); 6] = [
        (
            &foreign,
            "of another program (application_id 0x12345678, tables: bar, foo)",
        ),
        (&clash, "of another program (tables: meta, partners)"),
        (
            &empty_sqlite,
            "an empty SQLite database that jmo did not create",
        ),
        (&zero, "an empty file"),
        (&text, "not an SQLite file"),
        (&newer, "was written by a newer jmo"),
    ];
    for (path, says) in cases {
        let before = snapshot(path);
        let err = Store::open(path).unwrap_err();
        assert!(matches!(err, StoreError::File(_)), "{path:?}: {err:?}");
        let text = err.to_string();
        assert!(text.contains(says), "{path:?}: {text}");
        assert!(text.lines().count() <= 2, "{text}");
        assert_eq!(snapshot(path), before, "{path:?} was changed");
        // The read-only open refuses it the same way, also unchanged.
        let err = Store::open_read_only(path).unwrap_err().to_string();
        assert!(err.contains(says), "{path:?}: {err}");
        assert_eq!(snapshot(path), before, "{path:?} was changed");
    }
}

/// A database written by a jmo older than the mark is recognised by its
/// tables and marked by the first writing open; a read-only open reads an
/// unmarked database of this schema without marking it, and refuses an
/// older schema (which only a writer may migrate) without touching it.
#[test]
fn an_older_unmarked_jmo_file_is_recognised_and_marked_by_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &schema::MIGRATIONS[..4] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 4).unwrap();
        tx.commit().unwrap();
    }
    assert_eq!(application_id(&path), 0);
    let before = snapshot(&path);
    let err = Store::open_read_only(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::File(Refusal::Outdated { found: 4, .. })),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("Open it once in the screen"),
        "{err}"
    );
    assert_eq!(snapshot(&path), before);

    drop(Store::open(&path).unwrap());
    assert_eq!(application_id(&path), APPLICATION_ID);
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(
        schema::version(&store.conn).unwrap(),
        schema::latest_version()
    );

    // Unmarked again (as an older jmo at this schema would have left it):
    // readable, and reading does not mark it.
    drop(store);
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "application_id", 0)
        .unwrap();
    let before = snapshot(&path);
    assert!(Store::open_read_only(&path).unwrap().load_program().is_ok());
    assert_eq!(snapshot(&path), before);
    assert_eq!(application_id(&path), 0);
    // Its tables are what recognises it: without one of them, it is not
    // jmo's, and neither reader nor writer touches it.
    assert!(JMO_TABLES.contains(&"claims"));
    Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TABLE claims;")
        .unwrap();
    let before = snapshot(&path);
    for err in [
        Store::open_read_only(&path).unwrap_err(),
        Store::open(&path).unwrap_err(),
    ] {
        assert!(
            matches!(err, StoreError::File(Refusal::Foreign { .. })),
            "{err:?}"
        );
    }
    assert_eq!(snapshot(&path), before);
}

/// The read-only store cannot write, changes nothing, and leaves no side
/// file next to a WAL database that no writer has open.
#[test]
fn the_read_only_store_refuses_writes_and_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    jmo_db(&path);
    let before = snapshot(&path);
    assert!(before.side_files.is_empty(), "{before:?}");
    let mut store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.load_program().unwrap().partners.len(), 1);
    let err = store
        .edit("Add Beta", |tx| tx.insert(&partner("Beta")))
        .unwrap_err();
    assert!(err.to_string().contains("readonly"), "{err}");
    assert!(
        store
            .conn
            .execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE x (y);")
            .is_err()
    );
    drop(store);
    assert_eq!(snapshot(&path), before);
    assert_eq!(snapshot(&path).bytes, before.bytes);
}

/// While a writer has the database open (in the middle of a write
/// transaction, even), a reader sees the last commit and waits for nothing.
#[test]
fn a_reader_reads_while_a_writer_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    jmo_db(&path);
    let mut writer = Store::open(&path).unwrap();
    writer
        .edit("Add Beta", |tx| tx.insert(&partner("Beta")))
        .unwrap();
    writer.conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    writer
        .conn
        .execute("UPDATE partners SET name = 'Uncommitted'", [])
        .unwrap();
    let program = Store::read_snapshot(&path, Store::load_program).unwrap();
    let mut names: Vec<&str> = program.partners.iter().map(|p| p.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Acme", "Beta"]);
    writer.conn.execute_batch("ROLLBACK").unwrap();
}

/// A read without locks (no writer was there) that a writer overlapped,
/// changing the file, is done again.
#[test]
fn a_snapshot_overlapped_by_a_writer_is_read_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    jmo_db(&path);
    let calls = std::cell::Cell::new(0);
    let names = Store::read_snapshot(&path, |store| {
        calls.set(calls.get() + 1);
        let program = store.load_program()?;
        if calls.get() == 1 {
            // Another jmo starts, saves and quits while this one reads.
            let mut other = Store::open(&path)?;
            other.edit("Add Beta", |tx| tx.insert(&partner("Beta")))?;
        }
        Ok::<_, StoreError>(program.partners.len())
    })
    .unwrap();
    assert_eq!(calls.get(), 2);
    assert_eq!(names, 2);
}

/// A jmo database whose tables do not match its schema version would fail
/// its migration half-way, after the journal mode was switched: it is
/// refused before anything is written, by writers and readers alike, in
/// two lines without SQL (review 1 of issue 10, item 8).
#[test]
fn a_jmo_file_whose_tables_do_not_match_its_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    // An older jmo file whose next migration cannot run: a table that
    // migration 5 creates is already there.
    let early = dir.path().join("early.db");
    {
        let mut conn = Connection::open(&early).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &schema::MIGRATIONS[..4] {
            tx.execute_batch(sql).unwrap();
        }
        tx.execute_batch("CREATE TABLE contacts (x);").unwrap();
        tx.pragma_update(None, "user_version", 4).unwrap();
        tx.commit().unwrap();
    }
    // Marked, at version 0, with a table of its own named like jmo's.
    let clash = dir.path().join("clash.db");
    Connection::open(&clash)
        .unwrap()
        .execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; CREATE TABLE partners (x);"
        ))
        .unwrap();
    // Marked, at version 3, without the tables of version 2.
    let missing = dir.path().join("v3.db");
    {
        let conn = Connection::open(&missing).unwrap();
        conn.execute_batch(schema::MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 3).unwrap();
    }
    let cases: [(&Path, &str); 3] = [
        (
            &early,
            "is a jmo database of schema version 4, but its tables do not match that version (1 table of a later version already there: contacts); jmo never changes it.",
        ),
        (
            &clash,
            "is a jmo database of schema version 0, but its tables do not match that version (1 table of a later version already there: partners)",
        ),
        (
            &missing,
            "is a jmo database of schema version 3, but its tables do not match that version (1 table missing: expenses; 5 columns missing: mdf_requests.expected_roi, mdf_requests.proof_required, mdf_requests.reason and 2 more); jmo never changes it.\nRestore it from a backup or an export (jmo import), or pass --db with another file.",
        ),
    ];
    for (path, says) in cases {
        let before = snapshot(path);
        for err in [
            Store::open(path).unwrap_err(),
            Store::open_read_only(path).unwrap_err(),
        ] {
            assert!(
                matches!(err, StoreError::File(Refusal::Mismatch { .. })),
                "{path:?}: {err:?}"
            );
            let text = err.to_string();
            assert!(text.contains(says), "{path:?}: {text}");
            assert_eq!(text.lines().count(), 2, "{text}");
            assert!(
                !text.contains("CREATE") && !text.contains("ALTER"),
                "{text}"
            );
            assert_eq!(snapshot(path), before, "{path:?} was changed");
        }
    }
}

#[test]
fn created_folders_are_private_and_existing_ones_are_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = shared.join("a/b/jmo.db");
    drop(Store::open(&path).unwrap());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&shared), 0o755);
    assert_eq!(mode(&shared.join("a")), 0o700);
    assert_eq!(mode(&shared.join("a/b")), 0o700);
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_database_others_can_read_is_warned_about_and_left_as_it_is() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    jmo_db(&path);
    assert_eq!(file::privacy_warning(&path), None);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let warning = file::privacy_warning(&path).unwrap();
    assert!(
        warning.starts_with("database readable by others (mode 0640): chmod 600 "),
        "{warning}"
    );
    drop(Store::open(&path).unwrap());
    assert_eq!(snapshot(&path).mode & 0o777, 0o640, "not jmo's to change");
}

/// A copy of `path` (a jmo database in rollback-journal mode) taken in the
/// middle of a transaction that renamed Acme: the database file and its
/// hot journal, as a jmo killed at that moment leaves them.
fn killed_mid_write(path: &Path, copy: &Path) {
    {
        let conn = Connection::open(path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut conn = Connection::open(path).unwrap();
    // A tiny page cache spills the change into the database file before
    // the commit, so the copy is really half-written.
    conn.pragma_update(None, "cache_size", 1).unwrap();
    let tx = conn.transaction().unwrap();
    tx.execute("UPDATE partners SET name = 'Half-written'", [])
        .unwrap();
    for i in 0..200 {
        tx.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)",
            rusqlite::params![format!("pad{i}"), "x".repeat(900)],
        )
        .unwrap();
    }
    let journal = |p: &Path| PathBuf::from(format!("{}-journal", p.display()));
    assert!(journal(path).exists(), "no journal mid-transaction");
    std::fs::copy(path, copy).unwrap();
    std::fs::copy(journal(path), journal(copy)).unwrap();
    tx.rollback().unwrap();
}

#[test]
fn a_database_left_mid_write_is_recovered_by_a_writer_and_refused_clearly_by_a_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    jmo_db(&path);
    let copy = dir.path().join("killed.db");
    killed_mid_write(&path, &copy);
    // A reader cannot roll the journal back without writing: it says so.
    let before = snapshot(&copy);
    let err = Store::open_read_only(&copy).unwrap_err().to_string();
    assert!(
        err.contains("left mid-write by a jmo that stopped"),
        "{err}"
    );
    assert_eq!(snapshot(&copy), before, "the reader changed nothing");
    // A writer rolls it back: the last commit is there, whole.
    let store = Store::open(&copy).unwrap();
    assert_eq!(store.integrity_check().unwrap(), vec!["ok".to_string()]);
    let program = store.load_program().unwrap();
    let names: Vec<&str> = program.partners.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Acme"]);
}
