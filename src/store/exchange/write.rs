//! Writing a checked document (`jmo import`, docs/export-format.md): into
//! an empty database only, either as one recorded edit (the records keep
//! their ids) or as a restore (records and history verbatim, the id
//! sequences set past every id the history names, undo / redo rebuilt).

use super::{Document, evidence};
use crate::domain::*;
use crate::store::rows::{Row, TABLES};
use crate::store::{Store, StoreError, Tx, insert_row_with_id};
use rusqlite::{Connection, params};

/// No rows in any record table and no history.
pub(super) fn is_blank(conn: &Connection) -> Result<bool, StoreError> {
    for table in TABLES.iter().chain(&["change_sets", "changes"]) {
        let any: bool =
            conn.query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
                r.get(0)
            })?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Sets the database's currency (`meta.currency`) to `currency`.
pub(super) fn set_currency(conn: &Connection, currency: &str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('currency', ?1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [currency],
    )?;
    Ok(())
}

/// Inserts `rows` with their ids in `t` (recorded in its change set).
pub(super) fn insert_all<T: Row>(t: &mut Tx<'_>, rows: &[Stored<T>]) -> Result<(), StoreError> {
    for row in rows {
        t.insert_with_id(row.id, &row.value)?;
    }
    Ok(())
}

/// Writes the records with their ids and the history verbatim in one
/// transaction, restores the id sequences, then rebuilds undo / redo.
pub(super) fn restore(store: &mut Store, doc: &Document) -> Result<(), StoreError> {
    let tx = store.conn.transaction()?;
    write_rows(&tx, &doc.partners)?;
    write_rows(&tx, &doc.campaigns)?;
    write_rows(&tx, &doc.milestones)?;
    write_rows(&tx, &doc.responsibilities)?;
    write_rows(&tx, &doc.assets)?;
    write_rows(&tx, &doc.funds)?;
    write_rows(&tx, &doc.mdf_requests)?;
    write_rows(&tx, &doc.claims)?;
    write_rows(&tx, &doc.results)?;
    write_rows(&tx, &doc.expenses)?;
    write_rows(&tx, &doc.contacts)?;
    write_rows(&tx, &doc.meetings)?;
    write_rows(&tx, &doc.plans)?;
    write_rows(&tx, &doc.plan_entries)?;
    evidence::write(&tx, doc)?;
    for s in &doc.history.change_sets {
        tx.prepare_cached("INSERT INTO change_sets (id, at, actor, label, kind, target) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![s.id, s.at, s.actor, s.label, s.kind, s.target])?;
    }
    for c in &doc.history.changes {
        tx.prepare_cached(
            "INSERT INTO changes (id, set_id, at, entity, record_id, op, field, old, new) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            c.id,
            c.set_id,
            c.at,
            c.entity,
            c.record_id,
            c.op,
            c.field,
            c.old,
            c.new
        ])?;
    }
    // AUTOINCREMENT never reuses an id, even of a deleted record: the next
    // id is above every id the history mentions, as in the exported file,
    // so a restored deletion can still be undone without a clash.
    let sequences = [
        max_id(&doc.partners),
        max_id(&doc.campaigns),
        max_id(&doc.milestones),
        max_id(&doc.responsibilities),
        max_id(&doc.assets),
        max_id(&doc.funds),
        max_id(&doc.mdf_requests),
        max_id(&doc.claims),
        max_id(&doc.results),
        max_id(&doc.expenses),
        max_id(&doc.contacts),
        max_id(&doc.meetings),
        max_id(&doc.plans),
        max_id(&doc.plan_entries),
    ]
    .into_iter()
    .chain(evidence::max_ids(doc));
    for (&table, live) in TABLES.iter().zip(sequences) {
        let seen = doc
            .history
            .changes
            .iter()
            .filter(|c| c.entity == table)
            .map(|c| c.record_id)
            .chain(live)
            .max();
        if let Some(seq) = seen {
            tx.execute("DELETE FROM sqlite_sequence WHERE name = ?1", [table])?;
            tx.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)",
                params![table, seq],
            )?;
        }
    }
    set_currency(&tx, &doc.currency)?;
    tx.commit()?;
    store.rebuild_stacks()
}

/// Writes `rows` with their ids, without history.
pub(super) fn write_rows<T: Row>(conn: &Connection, rows: &[Stored<T>]) -> Result<(), StoreError> {
    for row in rows {
        insert_row_with_id(conn, T::id_raw(row.id), &row.value)?;
    }
    Ok(())
}

/// The highest id of `rows`; `None` when there are none.
pub(super) fn max_id<T: Row>(rows: &[Stored<T>]) -> Option<i64> {
    rows.iter().map(|r| T::id_raw(r.id)).max()
}
