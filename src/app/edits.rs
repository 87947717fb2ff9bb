//! The forms' save step (a new record inserted, an edited one saved over
//! the record as it is on disk), keeping what was saved in view, and a
//! record's change history. Each edit goes through [`App::commit`] (one
//! transaction, then re-derive). The main screen's own edit keys are in
//! `views/main`.

use super::forms::{self, Draft, FormTarget, OpenForm};
use super::view::{Drill, Pane, Row};
use super::views::history::History;
use super::{App, Mode, StatusKind};
use crate::domain::dates::iso;
use crate::domain::new_campaign;
use crate::domain::reschedule;
use crate::domain::*;
use crate::store::StoreError;
use rust_decimal::Decimal;

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
        if let Draft::Campaign(c) = &draft {
            let was_live = match open.target {
                FormTarget::Campaign { id: Some(id), .. } => self
                    .program
                    .campaigns
                    .get(id)
                    .is_some_and(|old| old.status == CampaignStatus::Live),
                _ => false,
            };
            let r = self.readiness_of(c.partner_id);
            if c.status == CampaignStatus::Live
                && !was_live
                && !r.complete()
                && !open.form.acknowledged
            {
                open.form.acknowledged = true;
                open.form.error = Some(format!(
                    "The partner's readiness is incomplete ({} missing: {}): Enter again to go live anyway",
                    r.items.len() - r.passed(),
                    r.missing()
                ));
                return Mode::Form(open);
            }
        }
        match self.save(&open, draft) {
            Ok(()) => {
                if let Some(record) = self.edited_record(open.target) {
                    self.keep_in_view(record);
                }
                Mode::Normal
            }
            Err(StoreError::Conflict(conflict)) => {
                // New notes that met the same day's notes of another jmo
                // (see `save`): from now on the form edits those.
                if let (
                    FormTarget::Meeting {
                        id: None,
                        partner,
                        kind,
                    },
                    RecordRef::Meeting(id),
                ) = (open.target, conflict.record)
                {
                    let day = match &open.pristine {
                        Some(Draft::Meeting(m)) => m.held_on,
                        _ => self.today,
                    };
                    open.target = FormTarget::Meeting {
                        partner,
                        kind,
                        id: Some(id),
                    };
                    open.base = Some(Draft::Meeting(Meeting::blank(partner, kind, day)));
                }
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

    /// Saves a valid form: a new record is inserted; an edited one gets
    /// only the fields the user changed, over the record as it is on disk
    /// (see `merge.rs`).
    pub(super) fn save(&mut self, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        match (open.target, draft) {
            (FormTarget::Partner(None), Draft::Partner(p)) => {
                let name = p.name.clone();
                let id = self.commit(&format!("Add partner '{name}'"), |tx| tx.insert(&p))?;
                self.show_new(Pane::Partners, Row::Partner(id));
                self.select_default_campaign();
            }
            (FormTarget::Partner(Some(id)), Draft::Partner(p)) => {
                self.save_over(&format!("Edit partner '{}'", p.name), id, open, &p)?;
            }
            (FormTarget::Agreement(id), Draft::Partner(p)) => {
                self.save_over(&format!("Agreement of '{}'", p.name), id, open, &p)?;
            }
            (FormTarget::BudgetFactors(id), Draft::Partner(p)) => {
                self.save_over(&format!("Budget factors of '{}'", p.name), id, open, &p)?;
            }
            (FormTarget::Contact { id: None, .. }, Draft::Contact(c)) => {
                self.commit(&format!("Add contact '{}'", c.name), |tx| tx.insert(&c))?;
            }
            (FormTarget::Contact { id: Some(id), .. }, Draft::Contact(c)) => {
                self.save_over(&format!("Edit contact '{}'", c.name), id, open, &c)?;
            }
            (
                FormTarget::Meeting {
                    id: None,
                    kind,
                    partner,
                },
                Draft::Meeting(m),
            ) => {
                // Notes for a day that has them by now (another jmo took
                // notes in the same call) go into that day's notes, checked
                // under the write lock: the fields merge, and a field both
                // wrote is a conflict.
                let blank = Meeting::blank(partner, kind, m.held_on);
                let pristine = match &open.pristine {
                    Some(Draft::Meeting(p)) => p.clone(),
                    _ => blank.clone(),
                };
                let label = format!("{} notes, {}", kind.label(), m.held_on);
                let merged = self.commit(&label, |tx| {
                    let existing = tx.query_i64(
                        "SELECT coalesce(max(id), 0) FROM meetings \
                         WHERE partner_id = ?1 AND kind = ?2 AND held_on = ?3",
                        &[&partner.0, &kind.key(), &iso(m.held_on)],
                    )?;
                    if existing > 0 {
                        tx.update_from(MeetingId(existing), &blank, &pristine, &m)?;
                        Ok(true)
                    } else {
                        tx.insert(&m)?;
                        Ok(false)
                    }
                })?;
                if merged {
                    self.say(
                        StatusKind::Saved,
                        format!("Saved: {label}, added to the notes taken in another jmo"),
                    );
                }
            }
            (
                FormTarget::Meeting {
                    id: Some(id), kind, ..
                },
                Draft::Meeting(m),
            ) => {
                let label = format!("{} notes, {}", kind.label(), m.held_on);
                self.save_over(&label, id, open, &m)?;
            }
            (FormTarget::Plan { id: None, partner }, Draft::Plan(plan)) => {
                // A new plan takes the partner's campaigns launching in its
                // period (not cancelled); more can be linked in the plan view.
                let campaigns: Vec<CampaignId> = self
                    .program
                    .campaigns_of(partner)
                    .iter()
                    .filter(|c| c.status != CampaignStatus::Cancelled)
                    .filter(|c| plan.period.contains(c.launch))
                    .map(|c| c.id)
                    .collect();
                let label = format!("Add {} joint marketing plan", plan.period);
                let id = self.commit(&label, |tx| {
                    let id = tx.insert(&plan)?;
                    for c in &campaigns {
                        tx.insert(&PlanEntry {
                            plan_id: id,
                            campaign_id: *c,
                            pipeline_target: None,
                            partner_investment: Decimal::ZERO,
                        })?;
                    }
                    Ok(id)
                })?;
                self.say(
                    StatusKind::Saved,
                    format!(
                        "Saved: {label}, with the {} campaign{} launching in it",
                        campaigns.len(),
                        if campaigns.len() == 1 { "" } else { "s" }
                    ),
                );
                // Straight into the new plan; closing it goes back.
                self.back
                    .push(Mode::Plan(super::views::plan::Plan::new(id)));
            }
            (FormTarget::Plan { id: Some(id), .. }, Draft::Plan(plan)) => {
                let label = format!("Edit {} joint marketing plan", plan.period);
                self.save_over(&label, id, open, &plan)?;
            }
            (FormTarget::PlanEntry(id), Draft::PlanEntry(e)) => {
                let name = self
                    .program
                    .campaigns
                    .get(e.campaign_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                self.save_over(&format!("Plan figures of '{name}'"), id, open, &e)?;
            }
            (FormTarget::Campaign { id: None, partner }, Draft::Campaign(c)) => {
                // The campaign with its milestones and checklist: one
                // domain rule (new_campaign), here and in the example plan.
                let Some(p) = self.program.partners.get(partner).map(|p| p.value.clone()) else {
                    return Err(StoreError::Refused("that partner no longer exists".into()));
                };
                let contacts: Vec<Contact> = self
                    .program
                    .contacts_of(partner)
                    .into_iter()
                    .map(|c| c.value.clone())
                    .collect();
                let templates = self.templates.clone();
                let our = self.config.our_owner.clone();
                let label = format!("Add campaign '{}'", c.name);
                let id = self.commit(&label, |tx| {
                    let id = tx.insert(&c)?;
                    let owners = new_campaign::default_owners(&our, &p, &contacts);
                    let new = new_campaign::records(id, &c, &templates, &owners);
                    for m in &new.milestones {
                        tx.insert(m)?;
                    }
                    for r in &new.checklist {
                        tx.insert(r)?;
                    }
                    Ok(id)
                })?;
                self.focus = Pane::Timeline;
                self.show_new(Pane::Timeline, Row::Campaign(id));
                self.reset_campaign_panes();
                let n_items = self.program.checklist_of(id).len();
                self.say(
                    StatusKind::Saved,
                    format!(
                        "Saved: {label}, with 7 milestones and {}",
                        words::count_of(n_items, "checklist item")
                    ),
                );
            }
            (FormTarget::Campaign { id: Some(id), .. }, Draft::Campaign(c)) => {
                // Standard milestones and template checklist items still on
                // their rule dates follow the dates the user changed
                // (domain::reschedule): from the campaign as the form read
                // it when it opened, to the form now.
                let seen = open.pristine.as_ref().or(open.base.as_ref());
                let moves = match seen {
                    Some(Draft::Campaign(old)) => reschedule::follow_dates(
                        old,
                        &c,
                        &self.program.milestones_of(id),
                        &self.program.checklist_of(id),
                        &self.templates,
                    ),
                    _ => reschedule::Moves::default(),
                };
                // Each moves only if its date is still the one seen here.
                let milestones: Vec<_> = moves
                    .milestones
                    .iter()
                    .filter_map(|(m, due)| Some((*m, self.program.milestones.get(*m)?.due, *due)))
                    .collect();
                let items: Vec<_> = moves
                    .checklist
                    .iter()
                    .filter_map(|(r, due)| {
                        Some((*r, self.program.responsibilities.get(*r)?.due, *due))
                    })
                    .collect();
                let label = format!("Edit campaign '{}'", c.name);
                let (base, pristine) = self.form_versions::<Campaign>(open)?;
                self.commit(&label, |tx| {
                    tx.update_from(id, &base, &pristine, &c)?;
                    for &(m, was, due) in &milestones {
                        if let Some(cur) = tx.get::<Milestone>(m)?.filter(|x| x.due == was) {
                            let mut next = cur.value;
                            next.due = due;
                            tx.update(m, &next)?;
                        }
                    }
                    for &(r, was, due) in &items {
                        if let Some(cur) = tx.get::<Responsibility>(r)?.filter(|x| x.due == was) {
                            let mut next = cur.value;
                            next.due = Some(due);
                            tx.update(r, &next)?;
                        }
                    }
                    Ok(())
                })?;
            }
            (FormTarget::Milestone { id: None, .. }, Draft::Milestone(m)) => {
                let id = self.commit(&format!("Add milestone '{}'", m.name), |tx| tx.insert(&m))?;
                self.show_new(Pane::Timeline, Row::Milestone(id));
            }
            (FormTarget::Milestone { id: Some(id), .. }, Draft::Milestone(m)) => {
                self.save_over(&format!("Edit milestone '{}'", m.name), id, open, &m)?;
            }
            (FormTarget::Responsibility { id: None, .. }, Draft::Responsibility(r)) => {
                let id = self.commit(&format!("Add item '{}'", r.title), |tx| tx.insert(&r))?;
                self.show_new(Pane::Checklist, Row::Item(id));
            }
            (FormTarget::Responsibility { id: Some(id), .. }, Draft::Responsibility(r)) => {
                self.save_over(&format!("Edit item '{}'", r.title), id, open, &r)?;
            }
            (FormTarget::Asset { id: None, .. }, Draft::Asset(a)) => {
                let id = self.commit(&format!("Add asset '{}'", a.name), |tx| tx.insert(&a))?;
                self.show_new(Pane::Checklist, Row::Asset(id));
            }
            (FormTarget::Asset { id: Some(id), .. }, Draft::Asset(a)) => {
                self.save_over(&format!("Edit asset '{}'", a.name), id, open, &a)?;
            }
            (FormTarget::Costs(id), Draft::Costs(c)) => {
                self.save_over(&format!("Edit money of '{}'", c.name), id, open, &c)?;
            }
            (FormTarget::Fund { id: None, .. }, Draft::Fund(f)) => {
                let id = self.commit(&format!("Add fund '{}'", f.name), |tx| tx.insert(&f))?;
                self.show_new(Pane::Mdf, Row::Fund(id));
            }
            (FormTarget::Fund { id: Some(id), .. }, Draft::Fund(f)) => {
                self.save_over(&format!("Edit fund '{}'", f.name), id, open, &f)?;
            }
            (FormTarget::Request { id: None, .. }, Draft::Request(r)) => {
                let id = self.commit("Add MDF request", |tx| tx.insert(&r))?;
                self.show_new(Pane::Mdf, Row::Request(id));
            }
            (FormTarget::Request { id: Some(id), .. }, Draft::Request(r)) => {
                self.save_over("Edit MDF request", id, open, &r)?;
            }
            (FormTarget::Claim { id: None, .. }, Draft::Claim(c)) => {
                let id = self.commit("Add claim", |tx| tx.insert(&c))?;
                self.show_new(Pane::Mdf, Row::Claim(id));
            }
            (FormTarget::Claim { id: Some(id), .. }, Draft::Claim(c)) => {
                self.save_over("Edit claim", id, open, &c)?;
            }
            (FormTarget::Expense { id: None, .. }, Draft::Expense(e)) => {
                let id =
                    self.commit(&format!("Add expense '{}'", e.category), |tx| tx.insert(&e))?;
                self.show_new(Pane::Mdf, Row::Expense(id));
            }
            (FormTarget::Expense { id: Some(id), .. }, Draft::Expense(e)) => {
                let label = match &e.withdrawn {
                    Some(_) => format!("Withdraw expense '{}'", e.category),
                    None => format!("Edit expense '{}'", e.category),
                };
                self.save_over(&label, id, open, &e)?;
            }
            (FormTarget::Results(campaign), Draft::Results(r)) => {
                let existing = self.program.results_of(campaign).map(|x| x.id);
                let name = self
                    .program
                    .campaigns
                    .get(campaign)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let label = format!("Results of '{name}'");
                match existing {
                    // Also when results were entered elsewhere after the
                    // form opened: the form's base is then the empty
                    // results, and only the figures typed here are written.
                    Some(id) => self.save_over(&label, id, open, &r)?,
                    None => {
                        self.commit(&label, |tx| tx.insert(&r))?;
                    }
                }
            }
            _ => {
                return Err(StoreError::Refused(
                    "internal: the form does not match its record".into(),
                ));
            }
        }
        Ok(())
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
        self.reveal(record);
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
