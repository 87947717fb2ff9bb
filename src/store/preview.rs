//! A writing command tries its change on a private copy first (review 1 of
//! issue 10, item 9): `demo` into a database that holds data, `results`
//! for an unknown campaign or with a bad figure, `import` into a database
//! that is not empty are refused before the file is opened for writing, so
//! a refused command leaves it byte for byte as it was (not even marked or
//! switched to WAL).

use super::file::{self, Refusal};
use super::{Access, Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

impl Store {
    /// A private in-memory copy of the database at `path`, at this jmo's
    /// schema (an older file's copy is migrated in memory, the file is
    /// not), for a writing command to try its change on before it opens
    /// the file with [`Store::open`]. With no file at `path`, an empty new
    /// database, as `Store::open` would create. The file is read as
    /// [`Store::open_read_only`] reads it: nothing of it changes.
    ///
    /// Errors: the refusals of [`Store::open`] ([`StoreError::File`] for a
    /// file that is not jmo's, too new, or whose tables do not match its
    /// version); [`StoreError::Open`] when it cannot be read;
    /// [`StoreError::Refused`] when it kept changing while it was copied.
    pub fn copy_of(path: &Path) -> Result<Store, StoreError> {
        for _ in 0..3 {
            let ro = match file::open_read_only(path) {
                Err(StoreError::File(Refusal::Missing(_))) => return Store::open_in_memory(),
                other => other?,
            };
            let judged = ro.inspection.judge(path)?;
            let mut copy = Connection::open_in_memory()?;
            {
                let backup = rusqlite::backup::Backup::new(&ro.conn, &mut copy)?;
                // -1: every page in one step, in one read transaction.
                backup.step(-1)?;
            }
            if let Some(stamp) = &ro.unlocked
                && !stamp.still_holds(path)
            {
                continue;
            }
            return Store::setup(copy, None, Access::Write { judged });
        }
        Err(StoreError::Refused(format!(
            "{} kept changing while it was read; try again",
            path.display()
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Partner;

    fn partner(name: &str) -> Partner {
        Partner {
            name: name.into(),
            ..Partner::default()
        }
    }

    #[test]
    fn a_copy_holds_the_file_s_records_and_writing_it_leaves_the_file_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jmo.db");
        {
            let mut store = Store::open(&path).unwrap();
            store
                .edit("Add Acme", |tx| tx.insert(&partner("Acme")))
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let mut copy = Store::copy_of(&path).unwrap();
        assert_eq!(copy.path(), None);
        assert_eq!(copy.load_program().unwrap().partners.len(), 1);
        copy.edit("Add Beta", |tx| tx.insert(&partner("Beta")))
            .unwrap();
        assert_eq!(copy.load_program().unwrap().partners.len(), 2);
        drop(copy);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no side file left");
    }

    #[test]
    fn the_copy_of_an_older_file_is_migrated_and_the_file_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let mut conn = Connection::open(&path).unwrap();
            let tx = conn.transaction().unwrap();
            for sql in &super::super::schema::MIGRATIONS[..4] {
                tx.execute_batch(sql).unwrap();
            }
            tx.execute("INSERT INTO partners (name, partnership_type, tier) VALUES ('Acme', 'technology', 'gold')", [])
                .unwrap();
            tx.pragma_update(None, "user_version", 4).unwrap();
            tx.commit().unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let copy = Store::copy_of(&path).unwrap();
        assert_eq!(
            super::super::schema::version(copy.conn()).unwrap(),
            super::super::schema::latest_version()
        );
        assert_eq!(copy.load_program().unwrap().partners.len(), 1);
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn no_file_is_an_empty_copy_and_no_file_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/jmo.db");
        let copy = Store::copy_of(&path).unwrap();
        assert!(copy.is_empty().unwrap());
        assert!(!dir.path().join("sub").exists());
    }
}
