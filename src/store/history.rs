//! Undo, redo and reading the change history.
//!
//! The undo and redo stacks are derived from the change sets on open:
//! replaying them in order, an edit pushes onto the undo stack (and clears
//! redo), an undo moves its target to the redo stack, a redo moves it back.
//! So undo works across restarts, as far back as the history goes.

use super::rows::ref_of;
use super::{Applied, Store, StoreError, insert_set, json_to_value, now_stamp, quote};
use crate::domain::RecordRef;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};

/// One recorded change of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeRow {
    /// The change set it belongs to.
    pub set_id: i64,
    /// UTC timestamp, RFC 3339.
    pub at: String,
    /// Table name, e.g. "campaigns".
    pub entity: String,
    /// Row id.
    pub record_id: i64,
    /// "insert", "update" or "delete".
    pub op: String,
    /// The field, for updates.
    pub field: Option<String>,
    /// The old value (whole row as JSON for deletes).
    pub old: Value,
    /// The new value (whole row as JSON for inserts).
    pub new: Value,
    /// Who made the change (the change set's actor).
    pub actor: String,
}

/// One change set (a row of `change_sets`): an edit, or an undo / redo of
/// one. Also the export format's `history.change_sets` entries.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeSetInfo {
    /// Its id (ascending in time, from 1).
    pub id: i64,
    /// When, UTC, RFC 3339 with milliseconds ("2026-03-02T09:15:00.000Z").
    pub at: String,
    /// Who made it.
    pub actor: String,
    /// What it did, e.g. "Tick 'Create landing page'".
    pub label: String,
    /// "edit", "undo" or "redo".
    pub kind: String,
    /// For an undo / redo: the id of the edit it reverted or re-applied
    /// (an earlier set); `null` for an edit.
    pub target: Option<i64>,
}

/// Why an undo or redo cannot be applied: a record it would change was
/// changed since the edit (issue 10, item 1). Nothing was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Stale {
    /// The label of the edit that was to be undone or redone.
    pub label: String,
    /// True for an undo, false for a redo.
    pub undoing: bool,
    /// The record that changed.
    pub record: RecordRef,
    /// What is different now.
    pub now: StaleNow,
    /// When the record (or the field) was last changed, UTC, and by whom,
    /// with "undo" or "redo" when that change was one.
    pub last: Option<super::merge::LastChange>,
}

/// What a record is now, where an undo or redo expected otherwise.
#[derive(Debug, Clone, PartialEq)]
pub enum StaleNow {
    /// A field holds another value (as stored).
    Changed {
        /// The column.
        column: String,
        /// Its value now.
        value: Value,
    },
    /// The record was deleted.
    Gone,
    /// The record exists again (the undo would create it).
    Back,
}

impl std::fmt::Display for Stale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let verb = if self.undoing { "undo" } else { "redo" };
        let kind = self.record.kind_label();
        let by = self.last.as_ref().map(|l| l.by_at()).unwrap_or_default();
        match &self.now {
            StaleNow::Changed { column, value } => write!(
                f,
                "cannot {verb} '{}': the {kind}'s {} was changed since (now {}{by})",
                self.label,
                column.replace('_', " "),
                super::merge::show_value(value)
            ),
            StaleNow::Gone => write!(
                f,
                "cannot {verb} '{}': the {kind} was deleted since{by}",
                self.label
            ),
            StaleNow::Back => write!(
                f,
                "cannot {verb} '{}': the {kind} exists again{by}",
                self.label
            ),
        }
    }
}

impl Store {
    /// Rebuilds the undo and redo stacks from the history, on open. An
    /// edit joins the undo stack when it is this user's (the same actor)
    /// and its jmo is no longer running ([`super::session::is_live`]): `u`
    /// after a restart undoes your own earlier edits, never another
    /// person's, nor those of a jmo still open on the file (issue 10, item
    /// 1). Undos and redos move their targets between the stacks.
    pub(super) fn rebuild_stacks(&mut self) -> Result<(), StoreError> {
        let mut undo: Vec<i64> = Vec::new();
        let mut redo: Vec<i64> = Vec::new();
        let mut last = 0;
        {
            let mut stmt = self
                .conn
                .prepare("SELECT id, kind, target, actor, session FROM change_sets ORDER BY id")?;
            let mut rows = stmt.query([])?;
            let mut live: std::collections::HashMap<String, bool> = Default::default();
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                let kind: String = r.get(1)?;
                let target: Option<i64> = r.get(2)?;
                let actor: String = r.get(3)?;
                let session: Option<String> = r.get(4)?;
                last = id;
                // This jmo's own sets, and the user's sets of jmo that ended.
                let ours = actor == self.actor
                    && !session.is_some_and(|s| {
                        s != self.session
                            && *live
                                .entry(s.clone())
                                .or_insert_with(|| super::session::is_live(&s))
                    });
                match (kind.as_str(), target) {
                    // Another session's edits in between (left out) can put
                    // the target below the top: it moves from wherever it is.
                    ("undo", Some(t)) if ours && undo.contains(&t) => {
                        undo.retain(|&x| x != t);
                        redo.push(t);
                    }
                    ("redo", Some(t)) if ours && redo.contains(&t) => {
                        redo.retain(|&x| x != t);
                        undo.push(t);
                    }
                    ("undo" | "redo", Some(t)) => {
                        undo.retain(|&x| x != t);
                        redo.retain(|&x| x != t);
                    }
                    _ if ours => {
                        undo.push(id);
                        redo.clear();
                    }
                    _ => {}
                }
            }
        }
        self.undo = undo;
        self.redo = redo;
        self.seen_set = last;
        Ok(())
    }

    /// Accounts for the change sets other jmo processes committed since
    /// the last look: their edits stay off this jmo's stacks; their undo or
    /// redo of an edit that is on this jmo's stacks takes it off (it was
    /// undone or redone already).
    pub(super) fn follow_other_sessions(&mut self) -> Result<(), StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, target, session FROM change_sets WHERE id > ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([self.seen_set])?;
        let mut last = self.seen_set;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let kind: String = r.get(1)?;
            let target: Option<i64> = r.get(2)?;
            let session: Option<String> = r.get(3)?;
            last = id;
            if session.as_deref() == Some(self.session.as_str()) {
                continue;
            }
            if let (Some(t), "undo" | "redo") = (target, kind.as_str()) {
                self.undo.retain(|&x| x != t);
                self.redo.retain(|&x| x != t);
            }
        }
        self.seen_set = last;
        Ok(())
    }

    /// Whether the change set `set` was made by this open of the database.
    ///
    /// Errors: SQLite errors.
    pub fn is_own_set(&self, set: i64) -> Result<bool, StoreError> {
        let session: Option<String> = self
            .conn
            .query_row(
                "SELECT session FROM change_sets WHERE id = ?1",
                [set],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(session.as_deref() == Some(self.session.as_str()))
    }

    /// The label of the edit that undo would revert, if any.
    ///
    /// Errors: SQLite errors.
    pub fn undo_label(&self) -> Result<Option<String>, StoreError> {
        self.label_of(self.undo.last().copied())
    }

    /// The label of the edit that redo would re-apply, if any.
    ///
    /// Errors: SQLite errors.
    pub fn redo_label(&self) -> Result<Option<String>, StoreError> {
        self.label_of(self.redo.last().copied())
    }

    /// What an undo (`redo` false) or a redo would remove: the number of
    /// records by kind label ("partner", "campaign", …), largest kinds
    /// first; empty when it removes nothing or there is nothing to do
    /// (issue 10, item 7: the app asks before a big removal).
    ///
    /// Errors: SQLite errors.
    pub fn would_remove(&self, redo: bool) -> Result<Vec<(&'static str, usize)>, StoreError> {
        let (target, op) = if redo {
            (self.redo.last(), "delete")
        } else {
            (self.undo.last(), "insert")
        };
        let Some(&set) = target else {
            return Ok(Vec::new());
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT entity, count(*) FROM changes WHERE set_id = ?1 AND op = ?2 \
             GROUP BY entity ORDER BY count(*) DESC, entity",
        )?;
        let rows = stmt.query_map(params![set, op], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (entity, n) = row?;
            if let Some(r) = ref_of(&entity, 0) {
                out.push((r.kind_label(), n as usize));
            }
        }
        Ok(out)
    }

    /// How many edits can be undone.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    fn label_of(&self, id: Option<i64>) -> Result<Option<String>, StoreError> {
        let Some(id) = id else { return Ok(None) };
        Ok(Some(self.conn.query_row(
            "SELECT label FROM change_sets WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?))
    }

    /// Reverts the latest edit not yet undone, as a new "undo" change set.
    /// `Ok(None)` when there is nothing to undo.
    ///
    /// Errors: SQLite errors; [`StoreError::Stale`] when a record it would
    /// change was changed since (nothing is written; the edit leaves the
    /// undo stack, so the next undo goes on to the one before it).
    pub fn undo(&mut self) -> Result<Option<Applied>, StoreError> {
        if self.undo.is_empty() {
            // A jmo of this user that was open when this one started may
            // have ended since: its edits are this user's to undo now.
            self.rebuild_stacks()?;
        }
        let Some(&target) = self.undo.last() else {
            return Ok(None);
        };
        let applied = match self.replay(target, "undo") {
            Err(StoreError::Stale(stale)) => {
                // It cannot be undone as it is: the next `u` goes on to
                // the edit before it.
                self.undo.pop();
                return Err(StoreError::Stale(stale));
            }
            other => other?,
        };
        self.undo.pop();
        self.redo.push(target);
        Ok(Some(applied))
    }

    /// Re-applies the latest undone edit, as a new "redo" change set.
    /// `Ok(None)` when there is nothing to redo.
    ///
    /// Errors: as [`Store::undo`].
    pub fn redo(&mut self) -> Result<Option<Applied>, StoreError> {
        let Some(&target) = self.redo.last() else {
            return Ok(None);
        };
        let applied = match self.replay(target, "redo") {
            Err(StoreError::Stale(stale)) => {
                self.redo.pop();
                return Err(StoreError::Stale(stale));
            }
            other => other?,
        };
        self.redo.pop();
        self.undo.push(target);
        Ok(Some(applied))
    }

    /// Applies the changes of set `target` backwards (undo) or forwards
    /// (redo) in one transaction, recording them as a new change set.
    fn replay(&mut self, target: i64, kind: &str) -> Result<Applied, StoreError> {
        let now = now_stamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let records_before = super::summary::records_in(&tx);
        let label: String = tx.query_row(
            "SELECT label FROM change_sets WHERE id = ?1",
            [target],
            |r| r.get(0),
        )?;
        let mut changes = changes_of_set(&tx, target)?;
        let undoing = kind == "undo";
        if undoing {
            changes.reverse();
        }
        let set_id = insert_set(
            &tx,
            &now,
            &self.actor,
            &self.session,
            &label,
            kind,
            Some(target),
        )?;
        let mut touched: Vec<RecordRef> = Vec::new();
        let mut seen: std::collections::HashSet<RecordRef> = Default::default();
        let mut i = 0;
        while i < changes.len() {
            let c = &changes[i];
            // A run of updates of one record is applied as one UPDATE, so a
            // row is never seen half-changed (e.g. start moved, launch not yet).
            let mut j = i + 1;
            if c.op == "update" {
                while j < changes.len()
                    && changes[j].op == "update"
                    && changes[j].entity == c.entity
                    && changes[j].record_id == c.record_id
                {
                    j += 1;
                }
            }
            apply(&tx, &changes[i..j], undoing).map_err(|e| match e {
                StoreError::Stale(mut stale) => {
                    stale.label = label.clone();
                    stale.undoing = undoing;
                    StoreError::Stale(stale)
                }
                StoreError::Refused(why) => {
                    StoreError::Refused(format!("cannot {kind} '{label}': {why}"))
                }
                other => other,
            })?;
            for ch in &changes[i..j] {
                let (old, new, op) = match (undoing, ch.op.as_str()) {
                    (true, "insert") => (ch.new.clone(), Value::Null, "delete"),
                    (true, "delete") => (Value::Null, ch.old.clone(), "insert"),
                    (true, _) => (ch.new.clone(), ch.old.clone(), "update"),
                    (false, op) => (
                        ch.old.clone(),
                        ch.new.clone(),
                        match op {
                            "insert" => "insert",
                            "delete" => "delete",
                            _ => "update",
                        },
                    ),
                };
                tx.prepare_cached(
                    "INSERT INTO changes (set_id, at, entity, record_id, op, field, old, new) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    set_id,
                    now,
                    ch.entity,
                    ch.record_id,
                    op,
                    ch.field,
                    old,
                    new
                ])?;
                if let Some(r) = ref_of(&ch.entity, ch.record_id)
                    && seen.insert(r)
                {
                    touched.push(r);
                }
            }
            i = j;
        }
        let records_after = super::summary::records_in(&tx);
        tx.commit()?;
        self.own_commit(records_before, records_after);
        self.seen_set = self.seen_set.max(set_id);
        Ok(Applied { label, touched })
    }

    /// When and by whom `record` was last changed (created, edited,
    /// deleted, undone or redone), from the history.
    ///
    /// Errors: SQLite errors.
    pub fn last_change(
        &self,
        record: RecordRef,
    ) -> Result<Option<super::merge::LastChange>, StoreError> {
        super::merge::last_change(&self.conn, record, "")
    }

    /// The history of one record, oldest first.
    ///
    /// Errors: SQLite errors.
    pub fn history_of(&self, record: RecordRef) -> Result<Vec<ChangeRow>, StoreError> {
        let (table, id) = super::rows::table_of(record);
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.set_id, c.at, c.entity, c.record_id, c.op, c.field, c.old, c.new, s.actor \
             FROM changes c JOIN change_sets s ON s.id = c.set_id \
             WHERE c.entity = ?1 AND c.record_id = ?2 ORDER BY c.id",
        )?;
        let rows = stmt.query_map(params![table, id], read_change)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The most recent change sets, newest first, at most `limit`.
    ///
    /// Errors: SQLite errors.
    pub fn recent_sets(&self, limit: usize) -> Result<Vec<ChangeSetInfo>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, at, actor, label, kind, target FROM change_sets ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(ChangeSetInfo {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                label: r.get(3)?,
                kind: r.get(4)?,
                target: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn read_change(r: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeRow> {
    Ok(ChangeRow {
        set_id: r.get(0)?,
        at: r.get(1)?,
        entity: r.get(2)?,
        record_id: r.get(3)?,
        op: r.get(4)?,
        field: r.get(5)?,
        old: r.get(6)?,
        new: r.get(7)?,
        actor: r.get(8)?,
    })
}

fn changes_of_set(conn: &Connection, set_id: i64) -> Result<Vec<ChangeRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.set_id, c.at, c.entity, c.record_id, c.op, c.field, c.old, c.new, s.actor \
         FROM changes c JOIN change_sets s ON s.id = c.set_id WHERE c.set_id = ?1 ORDER BY c.id",
    )?;
    let rows = stmt.query_map([set_id], read_change)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Applies a run of changes of one record (several updates, or one insert
/// or delete), backwards when `undoing`, after checking that the record is
/// still as the change left it: an undo or redo never overwrites a value
/// changed since (issue 10, item 1). Errors: [`StoreError::Refused`] saying
/// what changed, by whom and when.
fn apply(conn: &Connection, run: &[ChangeRow], undoing: bool) -> Result<(), StoreError> {
    let first = &run[0];
    let table = first.entity.as_str();
    let Some(record) = ref_of(table, first.record_id) else {
        return Err(StoreError::Refused(format!(
            "unknown table '{table}' in the history"
        )));
    };
    let mismatch = || {
        StoreError::Refused(format!(
            "the {} no longer matches the history",
            record.kind_label()
        ))
    };
    let stale = |now: StaleNow, column: &str| {
        StoreError::Stale(Box::new(Stale {
            label: String::new(),
            undoing,
            record,
            now,
            last: super::merge::last_change(conn, record, column)
                .ok()
                .flatten(),
        }))
    };
    let (restore, remove) = match (first.op.as_str(), undoing) {
        ("insert", false) | ("delete", true) => (true, false),
        ("insert", true) | ("delete", false) => (false, true),
        _ => (false, false),
    };
    let current = current_row(conn, table, first.record_id)?;
    if restore {
        if current.is_some() {
            return Err(stale(StaleNow::Back, ""));
        }
        let json = if undoing { &first.old } else { &first.new };
        let row = parse_row(json).ok_or_else(mismatch)?;
        let cols: Vec<&str> = row.keys().map(String::as_str).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            cols.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", "),
            (1..=cols.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        conn.execute(&sql, params_from_iter(row.values().map(json_to_value)))?;
    } else if remove {
        let Some(current) = current else {
            return Err(stale(StaleNow::Gone, ""));
        };
        // The row must be as it was inserted (undo) or before it was
        // deleted (redo): a change since would be lost with it.
        let json = if undoing { &first.new } else { &first.old };
        let expected = parse_row(json).ok_or_else(mismatch)?;
        for (column, value) in &expected {
            let now = current.get(column).cloned().unwrap_or(Value::Null);
            if now != json_to_value(value) {
                let column = column.clone();
                return Err(stale(
                    StaleNow::Changed {
                        column: column.clone(),
                        value: now,
                    },
                    &column,
                ));
            }
        }
        conn.execute(
            &format!("DELETE FROM {table} WHERE id = ?1"),
            [first.record_id],
        )?;
    } else {
        let Some(current) = current else {
            return Err(stale(StaleNow::Gone, ""));
        };
        let mut sets = Vec::new();
        let mut args: Vec<Value> = vec![Value::Integer(first.record_id)];
        for (n, c) in run.iter().enumerate() {
            let field = c.field.as_deref().ok_or_else(mismatch)?;
            let (expected, next) = if undoing {
                (&c.new, &c.old)
            } else {
                (&c.old, &c.new)
            };
            let now = current.get(field).cloned().unwrap_or(Value::Null);
            if now != *expected {
                let column = field.to_string();
                return Err(stale(StaleNow::Changed { column, value: now }, field));
            }
            sets.push(format!("{} = ?{}", quote(field), n + 2));
            args.push(next.clone());
        }
        let sql = format!("UPDATE {table} SET {} WHERE id = ?1", sets.join(", "));
        let n = conn.execute(&sql, params_from_iter(args.iter()))?;
        if n != 1 {
            return Err(mismatch());
        }
    }
    Ok(())
}

/// A stored row object of the history (`{"column": value, …}`).
fn parse_row(json: &Value) -> Option<serde_json::Map<String, serde_json::Value>> {
    match json {
        Value::Text(text) => serde_json::from_str(text).ok(),
        _ => None,
    }
}

/// The row `id` of `table` as column → value, if it exists.
fn current_row(
    conn: &Connection,
    table: &str,
    id: i64,
) -> Result<Option<std::collections::HashMap<String, Value>>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    Ok(stmt
        .query_row([id], |r| {
            let mut m = std::collections::HashMap::new();
            for (i, name) in names.iter().enumerate() {
                m.insert(name.clone(), r.get::<_, Value>(i)?);
            }
            Ok(m)
        })
        .optional()?)
}
