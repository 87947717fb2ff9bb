//! An edit's transaction: every write of a user edit goes through [`Tx`],
//! which records it in the change history as it writes (one change set per
//! edit, written with its first change).

use super::rows::{self, Row, children_of, ref_of, referrers_of, table_of};
use super::{
    StoreError, column_list, insert_row_with_id, insert_set, placeholders, quote, read_row,
    row_json,
};
use crate::domain::*;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use std::collections::HashSet;

/// An open edit transaction: every write goes through here and is recorded
/// in the change history.
pub struct Tx<'a> {
    pub(super) tx: rusqlite::Transaction<'a>,
    /// The change set, written with the first change (so its label can
    /// still be set from what the edit read).
    pub(super) set_id: Option<i64>,
    pub(super) actor: &'a str,
    pub(super) session: &'a str,
    pub(super) now: String,
    pub(super) touched: Vec<RecordRef>,
    /// The same records as `touched`, for a constant-time "seen?" (a bulk
    /// insert touches hundreds of thousands).
    pub(super) seen: HashSet<RecordRef>,
    pub(super) changes: usize,
    pub(super) label: String,
}

impl Tx<'_> {
    pub(super) fn touch(&mut self, r: RecordRef) {
        if self.seen.insert(r) {
            self.touched.push(r);
        }
    }

    pub(super) fn log(
        &mut self,
        table: &str,
        id: i64,
        op: &str,
        field: Option<&str>,
        old: &Value,
        new: &Value,
    ) -> Result<(), StoreError> {
        let set_id = match self.set_id {
            Some(id) => id,
            None => {
                let id = insert_set(
                    &self.tx,
                    &self.now,
                    self.actor,
                    self.session,
                    &self.label,
                    "edit",
                    None,
                )?;
                self.set_id = Some(id);
                id
            }
        };
        self.tx
            .prepare_cached(
                "INSERT INTO changes (set_id, at, entity, record_id, op, field, old, new) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![set_id, self.now, table, id, op, field, old, new])?;
        self.changes += 1;
        if let Some(r) = ref_of(table, id) {
            self.touch(r);
        }
        Ok(())
    }

    /// Inserts a new record; returns its id. Records the whole row.
    ///
    /// Errors: SQLite errors (e.g. a missing parent).
    pub fn insert<T: Row>(&mut self, value: &T) -> Result<T::Id, StoreError> {
        let values = value.values();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            T::TABLE,
            column_list(T::COLUMNS),
            placeholders(T::COLUMNS.len())
        );
        self.tx
            .prepare_cached(&sql)?
            .execute(params_from_iter(values.iter()))
            .map_err(|e| duplicate_crm_id::<T>(e, &values))?;
        let id = self.tx.last_insert_rowid();
        let row = row_json(&self.tx, T::TABLE, id)?;
        self.log(
            T::TABLE,
            id,
            "insert",
            None,
            &Value::Null,
            &Value::Text(row),
        )?;
        Ok(T::id_from(id))
    }

    /// Inserts a new record under the given `id` instead of the next free
    /// one (the JSON import, issue item 9, keeps the document's ids so its
    /// references hold). Records the whole row, like [`Tx::insert`], so undo
    /// removes it.
    ///
    /// Errors: [`StoreError::Refused`] when a record with that id exists;
    /// SQLite errors (e.g. a missing parent).
    pub fn insert_with_id<T: Row>(&mut self, id: T::Id, value: &T) -> Result<(), StoreError> {
        let raw = T::id_raw(id);
        if self.exists(T::TABLE, raw)? {
            return Err(StoreError::Refused(format!(
                "{} {raw} already exists",
                T::record_ref(id).kind_label()
            )));
        }
        insert_row_with_id(&self.tx, raw, value)?;
        let row = row_json(&self.tx, T::TABLE, raw)?;
        self.log(
            T::TABLE,
            raw,
            "insert",
            None,
            &Value::Null,
            &Value::Text(row),
        )
    }

    /// Replaces the fields of record `id` with `value`'s, in one UPDATE;
    /// records one history row per field that changed. Returns whether
    /// anything changed.
    ///
    /// For a value computed from the row as read in this transaction (a
    /// tick, an advance). A value edited from an earlier snapshot (a form)
    /// goes through [`Tx::update_from`] instead, which writes only what the
    /// user changed.
    ///
    /// Errors: [`StoreError::NotFound`]; SQLite errors.
    pub fn update<T: Row>(&mut self, id: T::Id, value: &T) -> Result<bool, StoreError> {
        let raw = T::id_raw(id);
        let old = self
            .read_values(T::TABLE, T::COLUMNS, raw)?
            .ok_or(StoreError::NotFound(T::record_ref(id)))?;
        let new = value.values();
        let changed: Vec<usize> = (0..T::COLUMNS.len())
            .filter(|&i| old[i] != new[i])
            .collect();
        self.write_columns::<T>(raw, &old, &new, &changed)
    }

    /// Writes `new[i]` over `old[i]` for each column index in `changed`,
    /// in one UPDATE, with one history row each. Returns whether anything
    /// was written.
    pub(super) fn write_columns<T: Row>(
        &mut self,
        raw: i64,
        old: &[Value],
        new: &[Value],
        changed: &[usize],
    ) -> Result<bool, StoreError> {
        if changed.is_empty() {
            return Ok(false);
        }
        let sets: Vec<String> = changed
            .iter()
            .enumerate()
            .map(|(n, &i)| format!("{} = ?{}", quote(T::COLUMNS[i]), n + 2))
            .collect();
        let sql = format!("UPDATE {} SET {} WHERE id = ?1", T::TABLE, sets.join(", "));
        let mut args: Vec<&Value> = Vec::with_capacity(changed.len() + 1);
        let id_value = Value::Integer(raw);
        args.push(&id_value);
        args.extend(changed.iter().map(|&i| &new[i]));
        self.tx
            .prepare_cached(&sql)?
            .execute(params_from_iter(args))
            .map_err(|e| duplicate_crm_id::<T>(e, new))?;
        for &i in changed {
            self.log(
                T::TABLE,
                raw,
                "update",
                Some(T::COLUMNS[i]),
                &old[i],
                &new[i],
            )?;
        }
        Ok(true)
    }

    /// Deletes `record` and, first, its children (a campaign's milestones,
    /// checklist, assets, MDF requests and claims, results; a partner's
    /// campaigns and funds), each recorded whole in the history so undo
    /// restores them all.
    ///
    /// Errors: [`StoreError::NotFound`]; [`StoreError::Refused`] when other
    /// records still point at it (a fund with requests) or when it would
    /// delete MDF requests or claims (never deleted, docs/domain.md §11); nothing is
    /// deleted then. SQLite errors.
    pub fn delete(&mut self, record: RecordRef) -> Result<(), StoreError> {
        let (table, raw) = table_of(record);
        if !self.exists(table, raw)? {
            return Err(StoreError::NotFound(record));
        }
        self.delete_raw(table, raw)
    }

    pub(super) fn delete_raw(&mut self, table: &'static str, id: i64) -> Result<(), StoreError> {
        if rows::never_deleted(table) {
            return Err(StoreError::Refused(
                "it has MDF requests or claims, which are never deleted (docs/domain.md §11): \
                 cancel the campaign instead (e, status cancelled)"
                    .into(),
            ));
        }
        for &(child, fk) in children_of(table) {
            let ids: Vec<i64> = {
                let sql = format!("SELECT id FROM {child} WHERE {fk} = ?1 ORDER BY id");
                let mut stmt = self.tx.prepare_cached(&sql)?;
                stmt.query_map([id], |r| r.get(0))?
                    .collect::<Result<_, _>>()?
            };
            for cid in ids {
                self.delete_raw(child, cid)?;
            }
        }
        for &(other, fk) in referrers_of(table) {
            let n: i64 = self.tx.query_row(
                &format!("SELECT count(*) FROM {other} WHERE {fk} = ?1"),
                [id],
                |r| r.get(0),
            )?;
            if n > 0 {
                return Err(StoreError::Refused(still_named(table, other, n)));
            }
        }
        let row = row_json(&self.tx, table, id)?;
        self.tx
            .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])?;
        self.log(table, id, "delete", None, &Value::Text(row), &Value::Null)
    }

    pub(super) fn exists(&self, table: &str, id: i64) -> Result<bool, StoreError> {
        Ok(self
            .tx
            .query_row(
                &format!("SELECT 1 FROM {table} WHERE id = ?1"),
                [id],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    pub(super) fn read_values(
        &self,
        table: &str,
        columns: &[&str],
        id: i64,
    ) -> Result<Option<Vec<Value>>, StoreError> {
        let sql = format!("SELECT {} FROM {table} WHERE id = ?1", column_list(columns));
        Ok(self
            .tx
            .prepare_cached(&sql)?
            .query_row([id], |r| {
                (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect()
            })
            .optional()?)
    }

    /// Reads a record inside the transaction.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn get<T: Row>(&self, id: T::Id) -> Result<Option<Stored<T>>, StoreError> {
        let sql = format!(
            "SELECT id, {} FROM {} WHERE id = ?1",
            column_list(T::COLUMNS),
            T::TABLE
        );
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let mut rows = stmt.query([T::id_raw(id)])?;
        match rows.next()? {
            Some(row) => Ok(Some(read_row::<T>(row)?)),
            None => Ok(None),
        }
    }

    /// Replaces the edit's label (shown by undo and in the history), when
    /// what it did is known only once the row was read in the transaction
    /// (a tick or an untick).
    ///
    /// Errors: [`StoreError::Refused`] once the edit has written a change
    /// (the history is append-only: set the label before writing).
    pub fn set_label(&mut self, label: &str) -> Result<(), StoreError> {
        if self.set_id.is_some() {
            return Err(StoreError::Refused(
                "internal: an edit's label is set before its first change".into(),
            ));
        }
        self.label = label.to_string();
        Ok(())
    }

    /// Changes record `id` as `change` says, from the record as it is on
    /// disk now (read in this transaction, under the write lock): a tick,
    /// an advance, a block, a status move (issue 10, item 1: one-key
    /// actions act on the row as it is on disk). `change` returns the
    /// edit's label and the new record. Returns whether anything changed.
    ///
    /// Errors: [`StoreError::NotFound`] when the record is gone; what
    /// `change` returns; SQLite errors.
    pub fn change<T: Row>(
        &mut self,
        id: T::Id,
        change: impl FnOnce(&T) -> Result<(String, T), StoreError>,
    ) -> Result<bool, StoreError> {
        let current = self
            .get::<T>(id)?
            .ok_or(StoreError::NotFound(T::record_ref(id)))?;
        let (label, next) = change(&current.value)?;
        self.set_label(&label)?;
        self.update(id, &next)
    }

    /// Runs a read-only count query inside the transaction, e.g. the next
    /// position of a checklist side. Errors: SQLite errors.
    pub fn query_i64(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<i64, StoreError> {
        Ok(self.tx.query_row(sql, args, |r| r.get(0))?)
    }
}

/// A CRM id already taken (the UNIQUE `crm_id` of accounts, leads and
/// opportunities, and of touches that have one, docs/domain.md §15.1)
/// becomes [`StoreError::Refused`] naming the record kind and the id;
/// every other error is returned as it is. `values` are the row's, in
/// [`Row::COLUMNS`] order.
fn duplicate_crm_id<T: Row>(e: rusqlite::Error, values: &[Value]) -> StoreError {
    let unique = matches!(
        &e,
        rusqlite::Error::SqliteFailure(f, Some(msg))
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                && msg.ends_with(&format!("{}.crm_id", T::TABLE))
    );
    let crm_id = T::COLUMNS
        .iter()
        .position(|c| *c == "crm_id")
        .and_then(|i| values.get(i));
    match (unique, crm_id) {
        (true, Some(Value::Text(id))) => StoreError::Refused(format!(
            "another {} already has CRM id '{id}': a re-import updates it instead",
            T::record_ref(T::id_from(0)).kind_label()
        )),
        _ => e.into(),
    }
}

/// Why a record `n` rows of `other` still point at cannot be deleted, and
/// what to do instead.
fn still_named(table: &str, other: &str, n: i64) -> String {
    let plural = |one: &str, many: &str| {
        if n == 1 {
            one.to_owned()
        } else {
            many.to_owned()
        }
    };
    if other == "mdf_requests" {
        return format!(
            "{n} {} still draw on it; move them to another fund first (e on the request)",
            plural("request", "requests")
        );
    }
    let what = match other {
        "overlaps" => plural("overlap row", "overlap rows"),
        "touches" => plural("touch", "touches"),
        "leads" => plural("lead", "leads"),
        _ => plural("opportunity", "opportunities"),
    };
    let instead = match table {
        "partners" => "; archive the partner instead",
        "campaigns" => "; cancel the campaign instead (e, status cancelled)",
        _ => "",
    };
    format!("{n} {what} of the pipeline evidence name it (the CRM's record, kept){instead}")
}
