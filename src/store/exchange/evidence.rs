//! The pipeline-evidence arrays of a whole-database document
//! (docs/domain.md §15.1, docs/export-format.md): accounts, overlaps,
//! leads, opportunities and touches, inserted by a recorded import and
//! written with their ids by a restore, after every other table (TABLES
//! order: they refer to partners and campaigns). Their JSON shape is in
//! `wire/evidence.rs`, their checks in `check.rs`.

use super::write::{insert_all, max_id, write_rows};
use super::{Document, StoreError, Tx};
use rusqlite::Connection;

/// Inserts the evidence records of `doc` in `t`, keeping their ids, as
/// part of one recorded import.
///
/// Errors: the store's.
pub(super) fn insert(t: &mut Tx<'_>, doc: &Document) -> Result<(), StoreError> {
    insert_all(t, &doc.accounts)?;
    insert_all(t, &doc.overlaps)?;
    insert_all(t, &doc.leads)?;
    insert_all(t, &doc.opportunities)?;
    insert_all(t, &doc.touches)
}

/// Writes the evidence records of `doc` with their ids, without history
/// (a restore).
///
/// Errors: SQLite's.
pub(super) fn write(conn: &Connection, doc: &Document) -> Result<(), StoreError> {
    write_rows(conn, &doc.accounts)?;
    write_rows(conn, &doc.overlaps)?;
    write_rows(conn, &doc.leads)?;
    write_rows(conn, &doc.opportunities)?;
    write_rows(conn, &doc.touches)
}

/// The highest id of each evidence table in `doc` (`None` for an empty
/// one), in TABLES order: accounts, overlaps, leads, opportunities, touches.
pub(super) fn max_ids(doc: &Document) -> [Option<i64>; 5] {
    [
        max_id(&doc.accounts),
        max_id(&doc.overlaps),
        max_id(&doc.leads),
        max_id(&doc.opportunities),
        max_id(&doc.touches),
    ]
}
