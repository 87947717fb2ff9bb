//! Saving an edit made from an earlier snapshot (a form) over a record that
//! may have changed underneath since, by another jmo on the same file, the
//! command line or an undo (issue 10, item 1).
//!
//! Three versions of the record meet in [`Tx::update_from`]:
//! - **base**: the record as it was when the form opened;
//! - **pristine**: what the untouched form reads back as (so a field the
//!   form shows differently from how it is stored is not a change);
//! - **mine**: what the form reads back as now.
//!
//! The user changed the fields where pristine and mine differ, and only
//! those are written, over the record as it is on disk now ("theirs"). A
//! field the user changed that was also changed underneath (theirs ≠ base)
//! to something else than mine is a [`Conflict`]: nothing is written, and
//! the caller shows theirs and mine.

use super::rows::{Row, table_of};
use super::{StoreError, Tx};
use crate::domain::{Invalid, RecordRef};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

/// One field the user changed that was also changed underneath.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldConflict {
    /// The column (the form field of the same name), e.g. `"budget"`.
    pub column: &'static str,
    /// Its value on disk now, as stored (money as its decimal text, dates
    /// `YYYY-MM-DD`, flags 0/1, choices their keys).
    pub theirs: Value,
    /// The value the user's form would write, as stored.
    pub mine: Value,
    /// When it was last changed (UTC, RFC 3339 with milliseconds), from
    /// the change history.
    pub changed_at: Option<String>,
    /// Who changed it (the change set's actor).
    pub changed_by: Option<String>,
}

/// An edit refused because the record changed underneath since the form
/// opened. Nothing was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The record.
    pub record: RecordRef,
    /// The fields changed on both sides (or, with [`Conflict::invalid`],
    /// the fields changed underneath).
    pub fields: Vec<FieldConflict>,
    /// Set when no field clashes but the user's changes together with the
    /// changes made underneath make an invalid record (e.g. your launch
    /// before their new start).
    pub invalid: Option<Invalid>,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = self
            .fields
            .iter()
            .map(|c| {
                let when = match (&c.changed_by, &c.changed_at) {
                    (Some(by), Some(at)) => format!(" by {by} at {}", short_stamp(at)),
                    _ => String::new(),
                };
                format!(
                    "its {} changed to {}{when} (yours: {})",
                    c.column.replace('_', " "),
                    show_value(&c.theirs),
                    show_value(&c.mine)
                )
            })
            .collect();
        write!(
            f,
            "the {} changed while you edited: {}",
            self.record.kind_label(),
            parts.join("; ")
        )?;
        if let Some(invalid) = &self.invalid {
            write!(f, "; with your changes it would be invalid: {invalid}")?;
        }
        Ok(())
    }
}

impl Tx<'_> {
    /// Writes the fields the user changed (`pristine` → `mine`) over record
    /// `id` as it is on disk now, leaving every other field as it is there.
    /// `base` is the record as it was when the edit began. Returns whether
    /// anything was written.
    ///
    /// Errors: [`StoreError::Conflict`] when a field the user changed was
    /// changed underneath to another value (give the record read then as
    /// `base` to save over it), or when the merged record is invalid after
    /// changes underneath; [`StoreError::Invalid`] when the user's own
    /// record is invalid; [`StoreError::NotFound`] when it was deleted;
    /// SQLite errors. Nothing is written on error.
    pub fn update_from<T: Row>(
        &mut self,
        id: T::Id,
        base: &T,
        pristine: &T,
        mine: &T,
    ) -> Result<bool, StoreError> {
        let record = T::record_ref(id);
        let raw = T::id_raw(id);
        let theirs = self
            .get::<T>(id)?
            .ok_or(StoreError::NotFound(record))?
            .value;
        let differs = theirs.diff(mine);
        let underneath = base.diff(&theirs);
        let changed: Vec<usize> = pristine
            .diff(mine)
            .into_iter()
            .filter(|i| differs.contains(i))
            .collect();
        if changed.is_empty() {
            return Ok(false);
        }
        let clash: Vec<usize> = changed
            .iter()
            .copied()
            .filter(|i| underneath.contains(i))
            .collect();
        if !clash.is_empty() {
            return Err(self.conflict(record, &clash, &theirs, mine, None));
        }
        let mut merged = theirs.clone();
        merged.take_fields(mine, &changed);
        if let Err(invalid) = merged.validate_row() {
            return Err(if underneath.is_empty() {
                StoreError::Invalid {
                    what: record.kind_label(),
                    errors: invalid,
                }
            } else {
                self.conflict(record, &underneath, &theirs, mine, Some(invalid))
            });
        }
        let old = self
            .read_values(T::TABLE, T::COLUMNS, raw)?
            .ok_or(StoreError::NotFound(record))?;
        self.write_columns::<T>(raw, &old, &merged.values(), &changed)
    }

    fn conflict<T: Row>(
        &self,
        record: RecordRef,
        columns: &[usize],
        theirs: &T,
        mine: &T,
        invalid: Option<Invalid>,
    ) -> StoreError {
        let (theirs, mine) = (theirs.values(), mine.values());
        let fields = columns
            .iter()
            .map(|&i| {
                let last = last_change(&self.tx, record, T::COLUMNS[i]).ok().flatten();
                let (changed_at, changed_by) =
                    last.map_or((None, None), |l| (Some(l.at.clone()), Some(l.who())));
                FieldConflict {
                    column: T::COLUMNS[i],
                    theirs: theirs[i].clone(),
                    mine: mine[i].clone(),
                    changed_at,
                    changed_by,
                }
            })
            .collect();
        StoreError::Conflict(Box::new(Conflict {
            record,
            fields,
            invalid,
        }))
    }
}

/// The last change of a record or of one of its fields, from the history.
#[derive(Debug, Clone, PartialEq)]
pub struct LastChange {
    /// When, UTC, RFC 3339 with milliseconds.
    pub at: String,
    /// Who (the change set's actor).
    pub actor: String,
    /// "edit", "undo" or "redo".
    pub kind: String,
}

impl LastChange {
    /// "dana", or "sam's undo" when the change was an undo or a redo.
    pub fn who(&self) -> String {
        match self.kind.as_str() {
            "undo" | "redo" => format!("{}'s {}", self.actor, self.kind),
            _ => self.actor.clone(),
        }
    }

    /// ", by dana at 14:02".
    pub fn by_at(&self) -> String {
        format!(", by {} at {}", self.who(), short_stamp(&self.at))
    }
}

/// When, by whom and how `field` of `record` was last changed (or the
/// record created or restored); any change of the record when `field` is
/// empty.
///
/// Errors: SQLite errors.
pub(super) fn last_change(
    conn: &Connection,
    record: RecordRef,
    field: &str,
) -> Result<Option<LastChange>, StoreError> {
    let (table, id) = table_of(record);
    Ok(conn
        .prepare_cached(
            "SELECT c.at, s.actor, s.kind FROM changes c JOIN change_sets s ON s.id = c.set_id \
             WHERE c.entity = ?1 AND c.record_id = ?2 \
             AND (?3 = '' OR c.field = ?3 OR c.op = 'insert') \
             ORDER BY c.id DESC LIMIT 1",
        )?
        .query_row(params![table, id, field], |r| {
            Ok(LastChange {
                at: r.get(0)?,
                actor: r.get(1)?,
                kind: r.get(2)?,
            })
        })
        .optional()?)
}

/// A history stamp for people, in local time: "14:02" today, else
/// "2026-11-21 14:02". The stamp as stored when it cannot be read.
pub fn short_stamp(at: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => {
            let local = t.with_timezone(&chrono::Local);
            if local.date_naive() == chrono::Local::now().date_naive() {
                local.format("%H:%M").to_string()
            } else {
                local.format("%Y-%m-%d %H:%M").to_string()
            }
        }
        Err(_) => at.to_string(),
    }
}

/// A stored value for a message: text as is, numbers as digits, NULL as
/// "(empty)".
pub fn show_value(v: &Value) -> String {
    match v {
        Value::Null => "(empty)".into(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(t) if t.is_empty() => "(empty)".into(),
        Value::Text(t) => format!("'{t}'"),
        Value::Blob(_) => "(data)".into(),
    }
}
