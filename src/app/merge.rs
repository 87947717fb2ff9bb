//! Saving a form over a record that may have changed underneath since the
//! form opened (issue 10, item 1): by another jmo on the same file, the
//! command line, or an undo.
//!
//! As a form opens, [`super::snapshot::prepare`] keeps the record it shows (the *base*) and
//! what the untouched form reads back as (the *pristine* draft). A save
//! writes only the fields where the form now differs from pristine, over
//! the record as it is on disk ([`crate::store::Tx::update_from`]). When a
//! field the user changed was also changed underneath, nothing is written:
//! the form says what changed, by whom and when, theirs and yours; Enter
//! saves the user's fields over theirs, Esc reloads the form with theirs
//! and keeps the user's other changes.

use super::form::{Input, Parse};
use super::forms::{self, Draft, FormTarget, OpenForm};
use super::snapshot::{FromDraft, changed_columns, prepare, snapshot, take_columns};
use super::targets::{record_of, target_kind};
use super::{App, Mode, StatusKind};
use crate::domain::money::format_count;
use crate::store::{Conflict, FieldConflict, Stale, StaleNow, StoreError};
use rusqlite::types::Value;
use rust_decimal::Decimal;

/// What changed underneath when a save was refused: the record as it was
/// on disk then, and the columns that clashed with the user's.
#[derive(Debug, Clone)]
pub struct Underneath {
    /// The record on disk when the save was refused; Enter saves the
    /// user's fields over this version.
    pub record: Draft,
    /// The columns changed on both sides (kept as theirs on Esc).
    pub columns: Vec<&'static str>,
}

impl App {
    /// After another jmo changed the database while a form is open: the
    /// fields the user has not touched show the record as it is now (and
    /// count as its base, so saving never writes them); the top of the form
    /// says what changed, by whom, and which of the user's own changes it
    /// touched (saving will ask about those).
    pub(super) fn follow_disk_in_form(&mut self) {
        let Mode::Form(open) = &self.mode else {
            return;
        };
        let (target, base) = (open.target, open.base.clone());
        let Some(base) = base else { return };
        let Some(theirs) = snapshot(target, &self.program) else {
            let text = format!(
                "The {} was deleted meanwhile{}: saving is refused; Esc closes the form.",
                target_kind(target),
                self.last_change_text(target)
            );
            if let Mode::Form(open) = &mut self.mode {
                open.form.conflict = Some(text);
            }
            return;
        };
        let underneath = changed_columns(&base, &theirs);
        if underneath.is_empty() {
            return;
        }
        let Some(fresh) = self.form_for(target) else {
            return;
        };
        let fresh_reading = forms::read(&fresh.form, target, &self.program, Some(&theirs));
        let by = self.last_change_text(target);
        let Mode::Form(open) = &mut self.mode else {
            return;
        };
        let mut shown = Vec::new();
        let mut yours = Vec::new();
        let mut refreshed: Vec<&'static str> = Vec::new();
        for (i, f) in open.form.fields.iter().enumerate() {
            if !underneath.contains(&f.key) {
                continue;
            }
            let now = open.form.value(f.key);
            if open.initial.get(i) == Some(&now) {
                refreshed.push(f.key);
                shown.push(f.label);
            } else {
                yours.push(f.label);
            }
        }
        for key in &refreshed {
            let value = fresh.form.value(key);
            open.form.set_value(key, &value);
            if let Some(i) = open.form.fields.iter().position(|f| f.key == *key) {
                open.initial[i] = value;
            }
        }
        // Those columns are theirs now, in the base and in the pristine
        // reading alike: not the user's change, never written.
        if let Some(b) = open.base.as_mut() {
            take_columns(b, &theirs, &refreshed);
        }
        if let (Some(p), Some(fresh_reading)) = (open.pristine.as_mut(), fresh_reading.as_ref()) {
            take_columns(p, fresh_reading, &refreshed);
        }
        let mut text = format!("Changed meanwhile{by}");
        if !shown.is_empty() {
            text.push_str(&format!(": {} (shown here)", shown.join(", ")));
        }
        if !yours.is_empty() {
            text.push_str(&format!(
                "{} {}, which you changed too: saving will ask which to keep",
                if shown.is_empty() { ":" } else { "; also" },
                yours.join(", ")
            ));
        }
        text.push('.');
        open.form.conflict = Some(text);
    }

    /// ", by dana at 14:02": the last change of `target`'s record, from the
    /// history ("" when unknown).
    fn last_change_text(&self, target: FormTarget) -> String {
        let Some(record) = record_of(target, &self.program) else {
            return String::new();
        };
        self.store
            .last_change(record)
            .ok()
            .flatten()
            .map(|l| l.by_at())
            .unwrap_or_default()
    }

    /// The form pop-up for `open`, tied to the record as it is now.
    pub(super) fn form_mode(&self, mut open: OpenForm) -> Mode {
        prepare(&mut open, &self.program);
        Mode::Form(Box::new(open))
    }

    /// Saves the fields of `mine` the user changed in `open` over record
    /// `id` as it is on disk, as one edit labelled `label`.
    ///
    /// Errors: [`StoreError::Conflict`] (nothing written) when a field the
    /// user changed also changed underneath; as [`App::commit`].
    pub(super) fn save_over<T: FromDraft>(
        &mut self,
        label: &str,
        id: T::Id,
        open: &OpenForm,
        mine: &T,
    ) -> Result<(), StoreError> {
        let (base, pristine) = self.form_versions::<T>(open)?;
        self.commit(label, |tx| tx.update_from(id, &base, &pristine, mine))?;
        Ok(())
    }

    /// The base (the record the form opened on, or the version on disk
    /// the user chose to save over after a conflict) and the pristine
    /// reading of `open`, for [`crate::store::Tx::update_from`].
    ///
    /// Errors: [`StoreError::Refused`] when the form has no record (an
    /// internal error: forms open through [`App::form_mode`]).
    pub(super) fn form_versions<T: FromDraft>(
        &self,
        open: &OpenForm,
    ) -> Result<(T, T), StoreError> {
        let base = open
            .theirs
            .as_ref()
            .map(|u| &u.record)
            .or(open.base.as_ref())
            .and_then(T::from_draft)
            .ok_or_else(|| StoreError::Refused("internal: the form lost its record".into()))?;
        let pristine = open
            .pristine
            .as_ref()
            .and_then(T::from_draft)
            .unwrap_or(base);
        Ok((base.clone(), pristine.clone()))
    }

    /// A save of `open` was refused because the record changed underneath:
    /// memory follows the disk, and the form says what changed, theirs and
    /// yours, and what Enter and Esc do.
    pub(super) fn show_conflict(&mut self, mut open: Box<OpenForm>, conflict: &Conflict) -> Mode {
        self.after_change(&[conflict.record]);
        let Some(record) = snapshot(open.target, &self.program) else {
            open.form.error =
                Some("Not saved: the record was deleted meanwhile (Esc closes)".into());
            return Mode::Form(open);
        };
        let clash = conflict.invalid.is_none();
        let parts: Vec<String> = conflict
            .fields
            .iter()
            .map(|c| describe(&open, c, clash))
            .collect();
        let mut text = format!("{} while you edited.", parts.join("; "));
        if let Some(invalid) = &conflict.invalid {
            text.push_str(&format!(
                " With your changes the {} would be invalid: {invalid}. Esc reloads theirs.",
                conflict.record.kind_label()
            ));
        } else {
            text.push_str(" Enter saves yours over it, Esc reloads.");
        }
        open.form.conflict = Some(text);
        open.theirs = Some(Underneath {
            record,
            columns: if conflict.invalid.is_some() {
                Vec::new()
            } else {
                conflict.fields.iter().map(|c| c.column).collect()
            },
        });
        Mode::Form(open)
    }

    /// Esc after a conflict: the form again, from the record as it is on
    /// disk now, with the user's changes to the fields that did not clash.
    pub(super) fn reload_form(&mut self, open: Box<OpenForm>) -> Mode {
        let Some(fresh) = self.form_for(open.target) else {
            self.say(
                StatusKind::Error,
                "Closed: the record was deleted meanwhile",
            );
            return Mode::Normal;
        };
        let Mode::Form(mut fresh) = self.form_mode(fresh) else {
            return Mode::Normal;
        };
        let clashed: &[&str] = open.theirs.as_ref().map_or(&[], |u| &u.columns);
        let mut kept = Vec::new();
        for (i, f) in open.form.fields.iter().enumerate() {
            let now = open.form.value(f.key);
            let changed = open.initial.get(i) != Some(&now);
            if changed && !clashed.contains(&f.key) && fresh.form.field(f.key).is_some() {
                fresh.form.set_value(f.key, &now);
                kept.push(f.label);
            }
        }
        fresh.form.focus = open
            .form
            .focus
            .min(fresh.form.fields.len().saturating_sub(1));
        fresh.form.dirty = !kept.is_empty();
        fresh.form.conflict = Some(if kept.is_empty() {
            "Reloaded: the form shows the record as it is now.".to_string()
        } else {
            format!(
                "Reloaded: the form shows the record as it is now, with your changes to {}. Enter saves them.",
                kept.join(", ")
            )
        });
        Mode::Form(fresh)
    }

    /// Why an undo or redo was refused, for the status bar: "Cannot undo
    /// 'Edit money of …': its Budget was changed since, to $9,000.00 by
    /// sam's undo at 00:28. It stays; u again undoes the edit before it."
    pub(super) fn describe_stale(&self, stale: &Stale) -> String {
        let (done, key, again) = if stale.undoing {
            (
                "Not undone",
                self.keymap.key_label(super::Action::Undo),
                "undoes the edit before it",
            )
        } else {
            (
                "Not redone",
                self.keymap.key_label(super::Action::Redo),
                "redoes the next one",
            )
        };
        let kind = stale.record.kind_label();
        let by = stale.last.as_ref().map_or_else(String::new, |l| {
            format!(" by {} at {}", l.who(), crate::store::short_stamp(&l.at))
        });
        let what = match &stale.now {
            StaleNow::Changed { column, value } => {
                let form = self.target_of(stale.record).and_then(|t| self.form_for(t));
                let label = form
                    .as_ref()
                    .and_then(|open| open.form.field(column))
                    .map_or_else(|| column.replace('_', " "), |f| f.label.to_string());
                let cleared = match value {
                    Value::Null => true,
                    Value::Text(t) => t.is_empty(),
                    _ => false,
                };
                if cleared {
                    format!("the {kind}'s {label} was cleared since{by}")
                } else {
                    let shown = form.as_ref().map_or_else(
                        || crate::store::show_value(value),
                        |open| show(open, column, value),
                    );
                    format!("the {kind}'s {label} was changed since, to {shown}{by}")
                }
            }
            StaleNow::Gone => format!("the {kind} was deleted since{by}"),
            StaleNow::Back => format!("the {kind} exists again{by}"),
        };
        format!(
            "{done}: {}. {}; {key} again {again}.",
            stale.label,
            capitalised(&what)
        )
    }
}

/// "Budget changed to $8,000.00 by dana at 14:02 (yours: $12,500.00)".
/// With `yours` false (the field was not the user's change; it only
/// makes theirs and yours invalid together) the user's value is left out.
fn describe(open: &OpenForm, c: &FieldConflict, yours: bool) -> String {
    let label = open.form.field(c.column).map_or_else(
        || capitalised(&c.column.replace('_', " ")),
        |f| f.label.to_string(),
    );
    let when = match (&c.changed_by, &c.changed_at) {
        (Some(by), Some(at)) => format!(" by {by} at {}", crate::store::short_stamp(at)),
        _ => String::new(),
    };
    let theirs = show(open, c.column, &c.theirs);
    if yours {
        format!(
            "{label} changed to {theirs}{when} (yours: {})",
            show(open, c.column, &c.mine)
        )
    } else {
        format!("{label} changed to {theirs}{when}")
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(chars).collect())
}

/// A stored value as the form's field shows it: money with its symbol,
/// a choice by its label, a flag as yes/no, text in quotes.
fn show(open: &OpenForm, column: &str, v: &Value) -> String {
    let cur = open.form.currency;
    let text = match v {
        Value::Null => return "(empty)".into(),
        Value::Integer(i) => i.to_string(),
        Value::Text(t) => t.clone(),
        other => return crate::store::show_value(other),
    };
    match open.form.field(column).map(|f| &f.input) {
        Some(Input::Text {
            parse: Parse::Money | Parse::OptMoney,
            ..
        }) => text.parse::<Decimal>().map_or(text, |v| cur.format(v)),
        Some(Input::Text {
            parse: Parse::OptCount,
            ..
        }) => text.parse::<i64>().map_or(text, format_count),
        Some(Input::Text {
            parse: Parse::OptMultiple,
            ..
        }) => format!("{text}x"),
        Some(Input::Text {
            parse: Parse::Text | Parse::Required,
            ..
        }) => format!("'{text}'"),
        Some(Input::Choice { options, .. }) => options
            .iter()
            .find(|o| o.key == text)
            .map_or(text, |o| o.label.clone()),
        Some(Input::Toggle(_)) => if text == "1" { "yes" } else { "no" }.to_string(),
        _ if text.is_empty() => "(empty)".into(),
        _ => text,
    }
}
