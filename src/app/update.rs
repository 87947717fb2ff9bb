//! The update step: a key or mouse event goes to the open view (the main
//! screen's keymap turns it into an [`Action`]: `views/main`), and what it
//! does is applied: navigation here, edits in the views and `edits.rs`.
//! Every edit goes through [`App::commit`]: one store transaction, then
//! the touched records are re-read and their partners re-derived. No file
//! is touched here: file work is an effect the event loop runs
//! ([`super::effects`]).

use super::view::{self, Pane, Row};
use super::{Action, App, Drill, Effect, Mode, StatusKind};
use crate::domain::*;
use crate::store::{StoreError, Tx};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use std::collections::BTreeSet;

/// An undo or redo that would remove more records than this (or more than
/// one partner) asks first: loading the example plan or an import is not
/// undone by one stray key (issue 10, item 7).
pub const ASK_BEFORE_REMOVING: usize = 50;

impl App {
    /// Handles one key press: the open pop-up takes it, else the keymap
    /// turns it into an action. Ctrl-C closes a pop-up, or quits. When a
    /// pop-up closes, the view it was opened from (a profile, a plan)
    /// comes back.
    pub fn handle_key(&mut self, ev: KeyEvent) {
        self.handle_key_here(ev);
        self.return_to_view();
    }

    /// Brings back the view under a closed pop-up, skipping views whose
    /// record is gone (an undo, a delete).
    pub(super) fn return_to_view(&mut self) {
        while matches!(self.mode, Mode::Normal) {
            let Some(view) = self.back.pop() else {
                return;
            };
            if view.alive(self) {
                self.mode = view;
            }
        }
    }

    fn handle_key_here(&mut self, ev: KeyEvent) {
        let ctrl_c = ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c && matches!(self.mode, Mode::Normal) {
            self.effect(Effect::Quit);
            return;
        }
        // A one-key action acts on what the screen showed: if another jmo
        // changed that record since the last frame, the key does nothing
        // and the screen shows the record as it is now (issue 10, item 1).
        let shown = match (&self.mode, self.keymap.action(&ev)) {
            (Mode::Normal, Some(action)) => self
                .one_key_target(action)
                .map(|r| (action, r, super::snapshot::values_of(&self.program, r))),
            _ => None,
        };
        let reloaded = self.sync_with_disk();
        if let Some((action, record, before)) = shown
            && reloaded
            && super::snapshot::values_of(&self.program, record) != before
        {
            self.say(
                StatusKind::Warning,
                format!(
                    "Not done: another jmo changed this {} just now; the screen shows it as it is now ({} again acts on it)",
                    record.kind_label(),
                    self.keymap.key_label(action),
                ),
            );
            return;
        }
        // Nothing is drawn on a too-small screen, so nothing may change
        // blind: only the quit key (and Ctrl-C) work there.
        if self.areas.too_small {
            if ctrl_c || self.keymap.action(&ev) == Some(Action::Quit) {
                self.effect(Effect::Quit);
            }
            return;
        }
        if matches!(self.mode, Mode::Normal) {
            self.main_key(&ev);
        } else {
            self.key_to_view(&ev, ctrl_c);
        }
    }

    /// Handles a mouse event: a left click selects a row and focuses its
    /// pane; the wheel moves the selection of the pane under the pointer.
    pub fn handle_mouse(&mut self, ev: MouseEvent) {
        if !matches!(self.mode, Mode::Normal) || self.is_welcome() || self.areas.too_small {
            return;
        }
        match ev.kind {
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some((pane, row)) = self.areas.hit(ev.column, ev.row) {
                    let offset = self.pane(pane).offset;
                    self.update(Action::Click {
                        pane,
                        row: row + offset,
                    });
                } else if let Some(pane) = self.areas.pane_at(ev.column, ev.row) {
                    self.update(Action::Focus(pane));
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                if let Some(pane) = self.areas.pane_at(ev.column, ev.row) {
                    let delta = if ev.kind == MouseEventKind::ScrollDown {
                        1
                    } else {
                        -1
                    };
                    self.update(Action::Scroll { pane, delta });
                }
            }
            _ => {}
        }
    }

    // ---- navigation -------------------------------------------------------

    pub(super) fn move_cursor(&mut self, pane: Pane, delta: i64) {
        let rows = self.rows(pane);
        let from = view::resolve(&rows, self.pane(pane)).unwrap_or(0);
        if let Some(i) = rows.step(from, delta) {
            self.select(pane, rows[i], i);
        }
    }

    /// Selects `row` (at `index`) in `pane`, and follows through: a new
    /// partner resets the Timeline; a new campaign resets Checklist and MDF
    /// and scrolls the Timeline to that campaign's block.
    pub(super) fn select(&mut self, pane: Pane, row: Row, index: usize) {
        let before_campaign = self.selected_campaign().map(|c| c.id);
        let before_partner = self.selected_partner().map(|p| p.id);
        {
            let st = self.pane_mut(pane);
            st.selected = Some(row);
            st.index = index;
        }
        self.sync_pane(pane);
        if pane == Pane::Partners && self.selected_partner().map(|p| p.id) != before_partner {
            self.select_default_campaign();
        } else if pane == Pane::Timeline
            && self.selected_campaign().map(|c| c.id) != before_campaign
        {
            self.reset_campaign_panes();
            self.scroll_to_campaign();
        }
    }

    /// Scrolls the Timeline to the selected campaign's block: all of it
    /// when it fits (moving as little as possible), else its header first;
    /// the cursor stays in view.
    pub(super) fn scroll_to_campaign(&mut self) {
        let Some(c) = self.selected_campaign().map(|c| c.id) else {
            return;
        };
        let rows = self.rows(Pane::Timeline);
        let Some(start) = rows.iter().position(|r| *r == Row::Campaign(c)) else {
            return;
        };
        let end = (start + 1..rows.len())
            .find(|&i| matches!(rows[i], Row::Campaign(_)))
            .map_or(rows.len() - 1, |next| next - 1);
        let height = self.areas.height(Pane::Timeline);
        let st = self.pane_mut(Pane::Timeline);
        st.offset = view::show_block(st.offset, start, end, height, rows.len());
        self.sync_pane(Pane::Timeline);
    }

    pub(super) fn set_filter(&mut self, pane: Pane, text: String) {
        let before_partner = self.selected_partner().map(|p| p.id);
        let before_campaign = self.selected_campaign().map(|c| c.id);
        self.pane_mut(pane).filter = text;
        self.sync_pane(pane);
        if self.selected_partner().map(|p| p.id) != before_partner {
            self.select_default_campaign();
        } else if self.selected_campaign().map(|c| c.id) != before_campaign {
            self.reset_campaign_panes();
        }
    }

    /// Selects a record wherever it shows, focusing its pane (Enter on a
    /// finding, the jump prompt). Filters that would hide it are cleared
    /// (and the Partners pane's tier and type filters; an archived
    /// partner's record shows the archived partners).
    pub fn reveal(&mut self, record: RecordRef) {
        self.reveal_keeping(record, false);
    }

    /// [`App::reveal`]; with `keep_milestone`, a campaign revealed while
    /// the Timeline's cursor is on one of its milestones leaves the cursor
    /// there (after a save or an undo of the campaign: issue 11 fixes).
    pub(super) fn reveal_keeping(&mut self, record: RecordRef, keep_milestone: bool) {
        self.hold_owner_of(record);
        let Some(partner) = self.program.partner_of(record) else {
            self.say(StatusKind::Error, "That record no longer exists");
            return;
        };
        if !self.rows(Pane::Partners).contains(&Row::Partner(partner)) {
            self.pane_mut(Pane::Partners).filter.clear();
        }
        // Hidden by the tier or type filter, or archived: shown again.
        if !self.rows(Pane::Partners).contains(&Row::Partner(partner)) {
            let archived = self.program.partners.get(partner).map(|p| p.is_archived());
            let v = &mut self.partner_view;
            v.tier = None;
            v.partnership_type = None;
            v.show_archived |= archived == Some(true);
        }
        let idx = self
            .rows(Pane::Partners)
            .iter()
            .position(|r| *r == Row::Partner(partner))
            .unwrap_or(0);
        self.select(Pane::Partners, Row::Partner(partner), idx);
        if let Some(c) = self.program.campaign_of(record) {
            if let Some(camp) = self.program.campaigns.get(c)
                && !self.is_expanded(camp)
                && matches!(record, RecordRef::Milestone(_))
            {
                self.flipped.insert(c);
            }
            if !self.rows(Pane::Timeline).contains(&Row::Campaign(c)) {
                self.pane_mut(Pane::Timeline).filter.clear();
            }
            // A milestone of that campaign under the cursor stays there
            // (a checklist item saved from the Timeline keeps its place).
            if self.timeline_milestone_of(c).is_none() {
                let rows = self.rows(Pane::Timeline);
                let idx = rows
                    .iter()
                    .position(|r| *r == Row::Campaign(c))
                    .unwrap_or(0);
                self.select(Pane::Timeline, Row::Campaign(c), idx);
            }
        }
        let (pane, row) = match record {
            RecordRef::Partner(id) => (Pane::Partners, Row::Partner(id)),
            RecordRef::Campaign(id) => (Pane::Timeline, Row::Campaign(id)),
            RecordRef::Milestone(id) => (Pane::Timeline, Row::Milestone(id)),
            RecordRef::Responsibility(id) => (Pane::Checklist, Row::Item(id)),
            RecordRef::Asset(id) => (Pane::Checklist, Row::Asset(id)),
            RecordRef::Fund(id) => (Pane::Mdf, Row::Fund(id)),
            RecordRef::Request(id) => (Pane::Mdf, Row::Request(id)),
            RecordRef::Claim(id) => (Pane::Mdf, Row::Claim(id)),
            RecordRef::Expense(id) => (Pane::Mdf, Row::Expense(id)),
            RecordRef::Results(id) => match self.program.results.get(id) {
                Some(r) => (Pane::Mdf, Row::Results(r.campaign_id)),
                None => return,
            },
            // Profile records show on the partner's row (Enter opens the profile).
            RecordRef::Contact(_)
            | RecordRef::Meeting(_)
            | RecordRef::Plan(_)
            | RecordRef::PlanEntry(_) => (Pane::Partners, Row::Partner(partner)),
            // Pipeline evidence has no row of its own on the main screen
            // (and no partner in the Program: never reached).
            RecordRef::Account(_)
            | RecordRef::Overlap(_)
            | RecordRef::Lead(_)
            | RecordRef::Opportunity(_)
            | RecordRef::Touch(_) => (Pane::Partners, Row::Partner(partner)),
        };
        // The MDF pane: stay at the current drill-down level if the record
        // shows there; else go where it lives (an expense or claim in its
        // request's ledger, a fund or request in the overview).
        if pane == Pane::Mdf && !self.rows(pane).contains(&row) {
            let request = match record {
                RecordRef::Expense(e) => self.program.expenses.get(e).and_then(|e| e.request_id),
                RecordRef::Claim(c) => self.program.claims.get(c).map(|c| c.request_id),
                _ => None,
            };
            self.mdf_drill = request.map(Drill::Request).into_iter().collect();
        }
        if pane != Pane::Partners && !self.rows(pane).contains(&row) {
            self.pane_mut(pane).filter.clear();
        }
        let rows = self.rows(pane);
        let kept = match row {
            Row::Campaign(c) if keep_milestone => self.timeline_milestone_of(c).is_some(),
            _ => false,
        };
        if !kept && let Some(i) = rows.iter().position(|r| *r == row) {
            self.select(pane, row, i);
        }
        self.focus = pane;
    }

    /// The Timeline's selected milestone when it belongs to campaign `c`
    /// and shows (its campaign unfolded, not filtered out).
    fn timeline_milestone_of(&self, c: CampaignId) -> Option<MilestoneId> {
        let Some(Row::Milestone(m)) = self.pane(Pane::Timeline).selected else {
            return None;
        };
        let ours = self.program.milestones.get(m)?.campaign_id == c;
        (ours && self.rows(Pane::Timeline).contains(&Row::Milestone(m))).then_some(m)
    }

    /// Goes to finding `index` of the findings list: the view showing its
    /// evidence for a reconciliation finding ([`App::open_evidence_of`]),
    /// else its record in the panes; the status bar says the finding.
    /// Returns whether a view opened over the list (it comes back when
    /// that closes).
    pub(super) fn jump_to_finding(&mut self, index: usize) -> bool {
        let Some(f) = self.findings_listed().get(index).map(|f| (*f).clone()) else {
            return false;
        };
        let opened = self.open_evidence_of(&f);
        if !opened && !f.record.is_evidence() {
            self.reveal(f.record);
        }
        self.say(
            match f.severity {
                guardrails::Severity::Error => StatusKind::Error,
                guardrails::Severity::Warning => StatusKind::Warning,
            },
            format!("{} {}", f.rule.key(), f.message),
        );
        opened
    }

    // ---- saving -----------------------------------------------------------

    /// Runs one edit as one transaction labelled `label`, then re-reads
    /// what it touched and re-derives the partners concerned. On failure
    /// nothing is written and the status bar says why.
    pub fn commit<T>(
        &mut self,
        label: &str,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let done = self.store.edit(label, f);
        self.after_commit(done)
    }

    /// After a store edit (made by [`App::commit`], or directly when the
    /// edit's closure reads other parts of the app): memory and figures
    /// follow, and the status bar says what was saved.
    ///
    /// Errors: the edit's own error (nothing was written).
    pub(super) fn after_commit<T>(
        &mut self,
        done: Result<crate::store::Edited<T>, StoreError>,
    ) -> Result<T, StoreError> {
        let edited = done?;
        let label = edited.label.as_str();
        if edited.touched.is_empty() {
            self.say(StatusKind::Info, "No change");
        } else {
            match self.after_change(&edited.touched) {
                None => self.say(StatusKind::Saved, format!("Saved: {label}")),
                Some(problem) => self.say(
                    StatusKind::Warning,
                    format!("Saved: {label}; but {problem}"),
                ),
            }
        }
        Ok(edited.value)
    }

    pub(super) fn commit_or_say<T>(
        &mut self,
        label: &str,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, StoreError>,
    ) -> Option<T> {
        match self.commit(label, f) {
            Ok(v) => Some(v),
            Err(e) => {
                self.say(StatusKind::Error, format!("Not saved: {e}"));
                None
            }
        }
    }

    /// Brings memory and derived figures in step with the touched records.
    ///
    /// Returns what went wrong when the records could not be re-read (the
    /// whole program is then reloaded; if even that fails, the screen may
    /// be stale and the message says to restart).
    pub(super) fn after_change(&mut self, touched: &[RecordRef]) -> Option<String> {
        let mut problem = None;
        // A record of a partner whose records are not held (an undo of an
        // edit made while it was selected): that partner is read whole.
        for r in touched {
            self.hold_owner_of(*r);
        }
        let mut partners: BTreeSet<PartnerId> = touched
            .iter()
            .filter_map(|r| self.program.partner_of(*r))
            .collect();
        for r in touched {
            if let RecordRef::Campaign(c) = r {
                self.derived.forget_campaign(*c);
            }
        }
        if let Err(e) = self.store.refresh(&mut self.program, touched) {
            problem = Some(match self.read_program() {
                Ok(p) => {
                    *self.program = p;
                    format!("re-reading it failed ({e}); the screen was reloaded")
                }
                Err(e2) => format!("the screen may be out of date ({e}; {e2}): restart jmo"),
            });
            self.rederive_all();
        }
        partners.extend(touched.iter().filter_map(|r| self.program.partner_of(*r)));
        // Pipeline evidence changed (added by hand, an undo of an
        // import): every held partner's findings E1–E6 may move. A
        // campaign or partner another partner's evidence names moves
        // that partner's.
        if touched.iter().any(RecordRef::is_evidence) {
            self.reread_evidence(true);
            if self.resident.is_whole() {
                partners.extend(self.program.partners.iter().map(|p| p.id));
            } else {
                partners.extend(self.resident.held());
            }
        } else {
            partners.extend(self.held_evidence.naming(touched));
            // What the rules read of the program: a campaign (its partner,
            // start), results (E3, E6), a partner (agreement, name). A
            // checklist tick keeps the findings derived before.
            if touched.iter().any(|r| {
                matches!(
                    r,
                    RecordRef::Campaign(_) | RecordRef::Results(_) | RecordRef::Partner(_)
                )
            }) {
                self.held_evidence.stale(partners.iter().copied());
            }
        }
        for r in touched {
            if let RecordRef::Partner(p) = *r {
                if self.program.partners.get(p).is_none() {
                    self.resident.forget(p);
                } else if !self.resident.holds(p) {
                    // A partner just created (or restored): its records are held.
                    self.hold(p);
                }
            }
        }
        for p in &partners {
            if self.resident.holds(*p) {
                self.resident.changed(*p);
            }
        }
        let expenses: Vec<ExpenseId> = touched
            .iter()
            .filter_map(|r| {
                if let RecordRef::Expense(e) = r {
                    Some(*e)
                } else {
                    None
                }
            })
            .collect();
        if !expenses.is_empty() {
            self.check_proof_files(Some(&expenses), None);
        }
        self.rederive(partners);
        let touched_partners: BTreeSet<PartnerId> = touched
            .iter()
            .filter_map(|r| match r {
                RecordRef::Partner(p) => Some(*p),
                _ => None,
            })
            .collect();
        if !touched_partners.is_empty() {
            self.derived
                .reorder_partners(&self.program, &touched_partners);
        }
        if self.selected_partner().is_none() {
            self.sync_pane(Pane::Partners);
            self.select_default_campaign();
        }
        self.drop_excess();
        for pane in Pane::ALL {
            self.sync_pane(pane);
        }
        self.refresh_evidence_views(touched);
        problem
    }

    /// After an undo or redo: select the first record it changed that
    /// still exists, so the user sees what moved (it may be another
    /// partner's), keeping the focus and the filters that still show it
    /// ([`App::keep_in_view`]; call it after the status is said).
    fn show_changed(&mut self, touched: &[RecordRef]) {
        let p = &self.program;
        let exists = |r: &RecordRef| p.partner_of(*r).is_some();
        if let Some(r) = touched.iter().find(|r| exists(r)).copied() {
            self.keep_in_view(r);
        }
    }

    /// `u`: undoes this jmo's last edit; one that would remove more than
    /// [`ASK_BEFORE_REMOVING`] records or more than one partner (loading
    /// the example plan, an import) asks first (issue 10, item 7).
    pub(super) fn undo(&mut self) {
        if !self.ask_before_removing(false) {
            self.undo_now();
        }
    }

    /// Ctrl-r: redoes; a redo that would remove many records asks first.
    pub(super) fn redo(&mut self) {
        if !self.ask_before_removing(true) {
            self.redo_now();
        }
    }

    /// Opens the confirmation when the undo (or redo) would remove many
    /// records; `true` when it asked.
    fn ask_before_removing(&mut self, redo: bool) -> bool {
        let removes = self.store.would_remove(redo).unwrap_or_default();
        let total: usize = removes.iter().map(|(_, n)| n).sum();
        let partners = removes
            .iter()
            .find(|(kind, _)| *kind == "partner")
            .map_or(0, |(_, n)| *n);
        if total <= ASK_BEFORE_REMOVING && partners <= 1 {
            return false;
        }
        let label = if redo {
            self.store.redo_label()
        } else {
            self.store.undo_label()
        }
        .ok()
        .flatten()
        .unwrap_or_default();
        // The kinds a user counts by first; the rest as one number, so the
        // question fits a small screen.
        let count = |kind: &str| removes.iter().find(|(k, _)| *k == kind).map(|(_, n)| *n);
        let mut what: Vec<String> = ["partner", "campaign", "fund"]
            .iter()
            .filter_map(|kind| Some(crate::domain::words::count_of(count(kind)?, kind)))
            .collect();
        let named: usize = ["partner", "campaign", "fund"]
            .iter()
            .filter_map(|kind| count(kind))
            .sum();
        if total > named {
            what.push(crate::domain::words::count_of(
                total - named,
                if named == 0 { "record" } else { "other record" },
            ));
        }
        let what = match what.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        };
        let (yes, no) = {
            use super::views::{Cmd, confirm::Act};
            let t = &self.keys.confirm;
            (
                t.key_label(Cmd::Own(Act::Yes)),
                t.key_label(Cmd::Own(Act::No)),
            )
        };
        self.ask(
            format!(
                "{} '{label}'? It removes {what}. {yes} {}, {no} keeps everything.",
                if redo { "Redo" } else { "Undo" },
                if redo { "redoes" } else { "undoes" }
            ),
            if redo {
                super::Confirmed::Redo
            } else {
                super::Confirmed::Undo
            },
        );
        true
    }

    pub(super) fn undo_now(&mut self) {
        match self.store.undo() {
            Ok(Some(applied)) => {
                let problem = self.after_change(&applied.touched);
                self.after_bulk_change();
                self.restand();
                match problem {
                    None => self.say(StatusKind::Saved, format!("Undone: {}", applied.label)),
                    Some(p) => self.say(
                        StatusKind::Warning,
                        format!("Undone: {}; but {p}", applied.label),
                    ),
                }
                self.show_changed(&applied.touched);
            }
            Ok(None) => self.say(StatusKind::Info, "Nothing to undo"),
            Err(StoreError::Stale(stale)) => {
                let text = self.describe_stale(&stale);
                self.say(StatusKind::Error, text);
            }
            Err(e) => self.say(
                StatusKind::Error,
                format!("Undo failed, nothing changed: {e}"),
            ),
        }
    }

    pub(super) fn redo_now(&mut self) {
        match self.store.redo() {
            Ok(Some(applied)) => {
                let problem = self.after_change(&applied.touched);
                self.after_bulk_change();
                self.restand();
                match problem {
                    None => self.say(StatusKind::Saved, format!("Redone: {}", applied.label)),
                    Some(p) => self.say(
                        StatusKind::Warning,
                        format!("Redone: {}; but {p}", applied.label),
                    ),
                }
                self.show_changed(&applied.touched);
            }
            Ok(None) => self.say(StatusKind::Info, "Nothing to redo"),
            Err(StoreError::Stale(stale)) => {
                let text = self.describe_stale(&stale);
                self.say(StatusKind::Error, text);
            }
            Err(e) => self.say(
                StatusKind::Error,
                format!("Redo failed, nothing changed: {e}"),
            ),
        }
    }

    /// After an undo/redo that may have emptied or filled the database.
    pub(super) fn after_bulk_change(&mut self) {
        if self.selected_partner().is_none() {
            self.select_initial();
        }
    }
}
