//! A submitted form (validated, then saved by its record kind's save step
//! in `forms/`, with a refused save kept open), keeping what was saved in view, and a
//! record's change history. Each edit goes through [`App::commit`] (one
//! transaction, then re-derive). The main screen's own edit keys are in
//! `views/main`.

use super::forms::{self, FormTarget, OpenForm};
use super::view::{Drill, Pane, Row};
use super::views::history::History;
use super::{App, Mode, StatusKind};
use crate::domain::new_campaign;
use crate::domain::*;
use crate::store::StoreError;

/// One line of a record's history, for people: "2026-11-21 15:02 +01:00
/// Dana  budget: 5000 → 6000": the time in `tz` (local time on the screen)
/// with its UTC offset, who made the change ([`author`]), and what changed
/// (flags as yes/no, names without underscores).
fn history_line<Tz: chrono::TimeZone>(c: &crate::store::ChangeRow, us: &Us<'_>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    use rusqlite::types::Value;
    let when = local_time(&c.at, tz);
    let field = c.field.as_deref().unwrap_or("?");
    let flag = matches!(
        field,
        "brand_guidelines_on_file" | "co_branded" | "attribution_agreed" | "uses_partner_data"
    );
    let show = |v: &Value| match v {
        Value::Null => "—".to_string(),
        Value::Integer(0) if flag => "no".to_string(),
        Value::Integer(1) if flag => "yes".to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Text(t) => t.clone(),
        other => format!("{other:?}"),
    };
    let what = match c.op.as_str() {
        "insert" => "created".to_string(),
        "delete" => "deleted".to_string(),
        _ => format!(
            "{}: {} → {}",
            field.replace('_', " "),
            show(&c.old),
            show(&c.new)
        ),
    };
    format!("{when}  {}  {what}", us.author(&c.actor))
}

/// Who "we" are in the history: this user's actor in the store (`$USER`)
/// and the name our side goes by (the config's `our_owner`).
struct Us<'a> {
    actor: &'a str,
    our_owner: &'a str,
}

impl Us<'_> {
    /// Who made a change: `our_owner` for this user's own edits, anyone
    /// else by their actor (another login on a shared file).
    fn author<'b>(&'b self, actor: &'b str) -> &'b str {
        if actor == self.actor {
            self.our_owner
        } else {
            actor
        }
    }
}

/// A stored UTC time ("2026-11-21T14:02:09.123Z") in `tz`, to the minute,
/// with its offset: "2026-11-21 15:02 +01:00"; as stored (to the minute,
/// "UTC") if it does not read as RFC 3339.
fn local_time<Tz: chrono::TimeZone>(at: &str, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => t.with_timezone(tz).format("%Y-%m-%d %H:%M %:z").to_string(),
        Err(_) => format!("{} UTC", at.get(..16).unwrap_or(at).replace('T', " ")),
    }
}

impl App {
    /// The owner a new checklist item of `side` starts with: the selected
    /// partner's default owners ([`new_campaign::default_owners`]: ours,
    /// its first marketing contact, "Both").
    pub(super) fn default_owner(&self, side: Side) -> String {
        let Some(p) = self.selected_partner() else {
            return match side {
                Side::Ours => self.config.our_owner.clone(),
                Side::Partner => String::new(),
                Side::Shared => new_campaign::SHARED_OWNER.into(),
            };
        };
        let contacts = self.program.contacts_of(p.id);
        new_campaign::default_owners(&self.config.our_owner, p, contacts.iter().map(|c| &c.value))
            .of(side)
            .to_string()
    }

    /// Validates and saves a submitted form. Stays open (with the errors
    /// at their fields and everything typed kept) until it is valid and
    /// saved.
    pub(super) fn submit(&mut self, mut open: Box<OpenForm>) -> Mode {
        let Some(draft) = forms::build(&mut open, &self.program, self.today) else {
            return Mode::Form(open);
        };
        // The readiness gate (issue 5, item 3): a campaign set to live
        // while its partner is not ready saves on a second Enter.
        if forms::warned_not_ready(self, &mut open, &draft) {
            return Mode::Form(open);
        }
        match self.save(&open, draft) {
            Ok(()) => {
                if let Some(record) = self.edited_record(open.target) {
                    self.keep_in_view(record);
                }
                Mode::Normal
            }
            Err(StoreError::Conflict(conflict)) => {
                // New notes that met the same day's notes of another jmo:
                // from now on the form edits those.
                forms::edit_theirs(&mut open, conflict.record, self.today);
                self.show_conflict(open, &conflict)
            }
            Err(StoreError::NotFound(record)) => {
                let by = self
                    .store
                    .last_change(record)
                    .ok()
                    .flatten()
                    .map(|l| l.by_at())
                    .unwrap_or_default();
                open.form.error = Some(format!(
                    "Not saved: the {} was deleted meanwhile{by}; Esc closes the form",
                    record.kind_label()
                ));
                Mode::Form(open)
            }
            Err(StoreError::Invalid { errors, .. }) => {
                open.form.show_errors(&errors);
                open.form.error = Some(format!("Not saved: {errors}"));
                Mode::Form(open)
            }
            Err(e) => {
                open.form.error = Some(format!("Not saved: {e}"));
                Mode::Form(open)
            }
        }
    }

    /// Selects a just-created row in `pane`.
    /// Selects a just-created row (clearing a filter that would hide it).
    pub(super) fn show_new(&mut self, _pane: Pane, row: Row) {
        if let Some(record) = row.record() {
            self.keep_in_view(record);
        }
    }

    /// Opens a drill-down level of the MDF pane.
    pub(super) fn drill(&mut self, to: Drill) {
        self.mdf_drill.push(to);
        let st = self.pane_mut(Pane::Mdf);
        // A filter typed on the level above would hide this level's rows.
        st.filter.clear();
        st.selected = None;
        st.index = 0;
        st.offset = 0;
        self.sync_pane(Pane::Mdf);
    }

    /// The record an edit form changed, to keep in view (not for new
    /// records: [`App::show_new`] shows those; nor for a partner's profile
    /// records, which show in the profile the form returns to).
    fn edited_record(&self, target: FormTarget) -> Option<RecordRef> {
        super::targets::record_of(target, &self.program).filter(|r| {
            !matches!(
                r,
                RecordRef::Contact(_)
                    | RecordRef::Meeting(_)
                    | RecordRef::Plan(_)
                    | RecordRef::PlanEntry(_)
            )
        })
    }

    /// Keeps `record` in view after it was added, edited, undone or
    /// redone: the record is selected, the focus stays where it was, and
    /// a filter is cleared only when it would hide the record (e.g. a
    /// renamed partner); the status bar then says which.
    pub(super) fn keep_in_view(&mut self, record: RecordRef) {
        let focus = self.focus;
        let filters = Pane::ALL.map(|p| self.pane(p).filter.clone());
        self.reveal_keeping(record, true);
        self.focus = focus;
        let cleared: Vec<&str> = Pane::ALL
            .iter()
            .zip(&filters)
            .filter(|(pane, before)| self.pane(**pane).filter != **before)
            .map(|(pane, _)| pane.title())
            .collect();
        if !cleared.is_empty()
            && let Some(status) = &mut self.status
        {
            status.text.push_str(&format!(
                " ({} filter cleared to keep it in view)",
                cleared.join(" and ")
            ));
        }
    }

    pub(super) fn show_history(&mut self) {
        let Some(record) = self.selected_row(self.focus).and_then(Row::record) else {
            self.say(StatusKind::Info, "Select a record to see its history");
            return;
        };
        self.show_history_of(record);
    }

    /// Opens the change history of `record`, newest first.
    pub(super) fn show_history_of(&mut self, record: RecordRef) {
        match self.store.history_of(record) {
            Ok(rows) => {
                let us = Us {
                    actor: self.store.actor(),
                    our_owner: &self.config.our_owner,
                };
                let lines = rows
                    .iter()
                    .rev()
                    .map(|c| history_line(c, &us, &chrono::Local))
                    .collect();
                self.mode = Mode::History(History {
                    title: format!("History of this {}", record.kind_label()),
                    lines,
                    scroll: 0,
                });
            }
            Err(e) => self.say(
                StatusKind::Error,
                format!("Could not read the history: {e}"),
            ),
        }
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod history_tests;
