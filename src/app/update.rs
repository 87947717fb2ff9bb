//! The update step: a key or mouse event becomes an [`Action`] (or goes to
//! the open pop-up), and the action is applied: navigation here, edits in
//! `edits.rs`. Every edit goes through [`App::commit`]: one store
//! transaction, then the touched records are re-read and their partners
//! re-derived.

use super::forms;
use super::view::{self, Pane, Row};
use super::{Action, App, Drill, Effect, Mode, StatusKind};
use crate::domain::*;
use crate::store::{StoreError, Tx};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::style::Style;
use ratatui_textarea::TextArea;
use std::collections::BTreeSet;

/// An undo or redo that would remove more records than this (or more than
/// one partner) asks first: loading the example plan or an import is not
/// undone by one stray key (issue 10, item 7).
pub const ASK_BEFORE_REMOVING: usize = 50;

pub(super) fn line_editor(text: &str) -> Box<TextArea<'static>> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.set_cursor_line_style(Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Box::new(area)
}

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
            let exists = match &view {
                Mode::Profile { partner, .. } => self.program.partners.get(*partner).is_some(),
                Mode::Plan { plan, .. } => self.program.plans.get(*plan).is_some(),
                _ => true,
            };
            if exists {
                self.mode = view;
            }
        }
    }

    fn handle_key_here(&mut self, ev: KeyEvent) {
        let ctrl_c = ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c && matches!(self.mode, Mode::Normal) {
            self.effect = Some(Effect::Quit);
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
                self.effect = Some(Effect::Quit);
            }
            return;
        }
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        self.mode = match mode {
            Mode::Normal => {
                if let Some(action) = self.keymap.action(&ev) {
                    self.update(action);
                }
                return;
            }
            // The views that read keep the keys they do not use (review 2,
            // N12: view_keys.rs); Ctrl-c, Esc, q or their opening key close
            // them.
            Mode::Help { scroll } => {
                let room = self.scroll_room(self.help_len());
                match self.view_code(&ev) {
                    _ if ctrl_c || self.closes_view(&ev, Some(Action::Help)) => Mode::Normal,
                    Some(code) => Mode::Help {
                        scroll: view::scrolled(code, scroll, room).unwrap_or(scroll),
                    },
                    None => Mode::Help { scroll },
                }
            }
            Mode::Results { campaign, scroll } => {
                if ctrl_c || self.closes_view(&ev, Some(Action::Results)) {
                    Mode::Normal
                } else if let Some(code) = self.view_code(&ev) {
                    self.results_key(campaign, scroll, code);
                    return;
                } else {
                    Mode::Results { campaign, scroll }
                }
            }
            Mode::Dashboard { dash, scroll } => {
                if ctrl_c || self.closes_view(&ev, Some(Action::Dashboard)) {
                    Mode::Normal
                } else if let Some(code) = self.view_code(&ev) {
                    self.dashboard_key(dash, scroll, code);
                    return;
                } else {
                    Mode::Dashboard { dash, scroll }
                }
            }
            Mode::History {
                title,
                lines,
                scroll,
            } => {
                let room = self.scroll_room(lines.len().saturating_sub(1));
                match self.view_code(&ev) {
                    _ if ctrl_c || self.closes_view(&ev, Some(Action::History)) => Mode::Normal,
                    Some(code) => Mode::History {
                        title,
                        lines,
                        scroll: view::scrolled(code, scroll, room).unwrap_or(scroll),
                    },
                    None => Mode::History {
                        title,
                        lines,
                        scroll,
                    },
                }
            }
            Mode::Notice {
                title,
                lines,
                action,
            } => match (self.view_code(&ev), &action) {
                _ if ctrl_c || self.closes_view(&ev, None) => Mode::Normal,
                (Some(KeyCode::Enter), _) => Mode::Normal,
                (Some(KeyCode::Char(c)), Some((k, _, choice))) if c == *k => {
                    let choice = *choice;
                    self.mode = Mode::Normal;
                    self.menu_choice(choice);
                    return;
                }
                _ => Mode::Notice {
                    title,
                    lines,
                    action,
                },
            },
            Mode::Findings { index } => {
                let last = self.derived.all_findings().len().saturating_sub(1);
                match self.view_code(&ev) {
                    _ if ctrl_c || self.closes_view(&ev, Some(Action::Findings)) => Mode::Normal,
                    Some(KeyCode::Enter) => {
                        self.jump_to_finding(index);
                        Mode::Normal
                    }
                    Some(code) => {
                        // The cursor moves over the findings; a page is 10.
                        let room = view::Scrolling {
                            max: last,
                            page: 11,
                        };
                        Mode::Findings {
                            index: view::scrolled(code, index, room).unwrap_or(index),
                        }
                    }
                    None => Mode::Findings { index },
                }
            }
            Mode::Confirm { message, then } => match ev.code {
                KeyCode::Char('y') | KeyCode::Char('Y') | KeyCode::Enter => {
                    self.confirmed(then);
                    Mode::Normal
                }
                KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc | KeyCode::Char('q') => {
                    self.say(
                        StatusKind::Info,
                        match then {
                            super::Confirmed::Delete(_) => "Kept; nothing deleted",
                            _ => "Nothing changed",
                        },
                    );
                    Mode::Normal
                }
                _ if ctrl_c => Mode::Normal,
                _ => Mode::Confirm { message, then },
            },
            Mode::Profile {
                partner,
                cursor,
                scroll,
            } => {
                if ctrl_c || self.closes_view(&ev, None) {
                    Mode::Normal
                } else if let Some(code) = self.view_code(&ev) {
                    self.profile_key(partner, cursor, scroll, code);
                    return;
                } else {
                    Mode::Profile {
                        partner,
                        cursor,
                        scroll,
                    }
                }
            }
            Mode::Plan {
                plan,
                cursor,
                scroll,
            } => {
                if ctrl_c || self.closes_view(&ev, None) {
                    Mode::Normal
                } else if let Some(code) = self.view_code(&ev) {
                    self.plan_key(plan, cursor, scroll, code);
                    return;
                } else {
                    Mode::Plan {
                        plan,
                        cursor,
                        scroll,
                    }
                }
            }
            // A menu: an option's key picks it; Esc (or q when no option
            // has it) cancels; other keys are kept.
            Mode::Menu { title, options } => {
                let plain = !ev
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
                let picked = match ev.code {
                    KeyCode::Char(c) if plain => options.iter().find(|(k, _, _)| *k == c),
                    _ => None,
                };
                match picked {
                    Some((_, _, choice)) => {
                        let choice = *choice;
                        self.mode = Mode::Normal;
                        self.menu_choice(choice);
                        return;
                    }
                    None if ctrl_c || self.closes_view(&ev, None) => Mode::Normal,
                    None => Mode::Menu { title, options },
                }
            }
            Mode::Prompt {
                title,
                mut area,
                purpose,
                ..
            } => match ev.code {
                KeyCode::Esc => Mode::Normal,
                _ if ctrl_c => Mode::Normal,
                KeyCode::Enter => {
                    let answer = area.lines().first().cloned().unwrap_or_default();
                    match self.prompt_answer(purpose, answer.trim()) {
                        Ok(()) => Mode::Normal,
                        Err(error) => Mode::Prompt {
                            title,
                            area,
                            purpose,
                            error: Some(error),
                        },
                    }
                }
                _ => {
                    area.input(ev);
                    Mode::Prompt {
                        title,
                        area,
                        purpose,
                        error: None,
                    }
                }
            },
            Mode::Filter { pane, mut area } => match ev.code {
                KeyCode::Enter => Mode::Normal,
                KeyCode::Tab | KeyCode::BackTab => Mode::Filter { pane, area },
                KeyCode::Esc => {
                    self.set_filter(pane, String::new());
                    Mode::Normal
                }
                _ if ctrl_c => {
                    self.set_filter(pane, String::new());
                    Mode::Normal
                }
                _ => {
                    area.input(ev);
                    let text = area.lines().first().cloned().unwrap_or_default();
                    self.set_filter(pane, text);
                    Mode::Filter { pane, area }
                }
            },
            Mode::Form(open) if open.theirs.is_some() && ev.code == KeyCode::Esc => {
                // After a conflict Esc reloads the record as it is now.
                self.reload_form(open)
            }
            Mode::Form(mut open) => {
                let outcome = if ctrl_c {
                    super::form::Outcome::Cancel
                } else {
                    open.form.handle_key(&ev)
                };
                match outcome {
                    super::form::Outcome::Keep => Mode::Form(open),
                    super::form::Outcome::Changed(field) => {
                        match field {
                            "playbook" => forms::apply_playbook(&mut open.form, &self.playbooks),
                            "start" => forms::follow_start(&mut open.form, &self.playbooks),
                            _ => {}
                        }
                        Mode::Form(open)
                    }
                    super::form::Outcome::Cancel => {
                        self.say(StatusKind::Info, "Closed; nothing saved");
                        Mode::Normal
                    }
                    super::form::Outcome::Submit => self.submit(open),
                }
            }
        };
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

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        let keeps_status = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::Scroll { .. }
                | Action::Click { .. }
                | Action::PageUp
                | Action::PageDown
        );
        if !keeps_status {
            self.status = None;
        }
        if self.is_welcome()
            && !matches!(
                action,
                Action::Quit
                    | Action::Suspend
                    | Action::Help
                    | Action::LoadExample
                    | Action::Add
                    | Action::Undo
                    | Action::Redo
            )
        {
            return;
        }
        match action {
            Action::Quit => self.effect = Some(Effect::Quit),
            Action::Suspend => self.effect = Some(Effect::Suspend),
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Findings => {
                if self.derived.all_findings().is_empty() {
                    self.say(StatusKind::Info, "No findings: every guardrail passes");
                } else {
                    self.mode = Mode::Findings { index: 0 };
                }
            }
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::Focus(p) => self.focus = p,
            Action::Up => self.move_cursor(self.focus, -1),
            Action::Down => self.move_cursor(self.focus, 1),
            Action::PageUp => self.move_cursor(
                self.focus,
                -(self.areas.height(self.focus) as i64 - 1).max(1),
            ),
            Action::PageDown => self.move_cursor(
                self.focus,
                (self.areas.height(self.focus) as i64 - 1).max(1),
            ),
            Action::Top => self.move_cursor(self.focus, i64::MIN / 2),
            Action::Bottom => self.move_cursor(self.focus, i64::MAX / 2),
            Action::Click { pane, row } => {
                self.focus = pane;
                let rows = self.rows(pane);
                if let Some(r) = rows.get(row).copied().filter(|r| r.selectable()) {
                    self.select(pane, r, row);
                }
            }
            Action::Scroll { pane, delta } => self.move_cursor(pane, i64::from(delta)),
            Action::Toggle => self.toggle(),
            Action::Open => self.open(),
            Action::Add => self.add(),
            Action::Edit => self.edit(),
            Action::Delete => self.ask_delete(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::Filter => {
                let pane = self.focus;
                let current = self.pane(pane).filter.clone();
                self.mode = Mode::Filter {
                    pane,
                    area: line_editor(&current),
                };
            }
            Action::ClearFilter => {
                // Esc: back up one level of the MDF drill-down, else clear the filter.
                // Back on the level above, the cursor is on the row drilled from.
                if self.focus == Pane::Mdf
                    && let Some(from) = self.mdf_drill.pop()
                {
                    let st = self.pane_mut(Pane::Mdf);
                    st.selected = Some(match from {
                        Drill::Fund(f) => Row::Fund(f),
                        Drill::Request(r) => Row::Request(r),
                    });
                    st.index = 0;
                    st.offset = 0;
                    self.sync_pane(Pane::Mdf);
                } else if !self.pane(self.focus).filter.is_empty() {
                    self.set_filter(self.focus, String::new());
                    self.say(
                        StatusKind::Info,
                        format!("{} filter cleared", self.focus.title()),
                    );
                }
            }
            Action::Block => self.block(),
            Action::AdvanceStatus => self.advance_status(),
            Action::History => self.show_history(),
            Action::Packet => self.packet(false),
            Action::Results => self.open_results(),
            Action::Dashboard => self.open_dashboard(None),
            Action::Report => self.write_campaign_reports(),
            Action::LoadExample => self.load_example(),
            Action::CheckinNotes => self.checkin_notes(),
            Action::JointPlan => self.open_plan_of_selected(),
            Action::SortPartners => self.cycle_partner_sort(),
            Action::TierFilter => self.cycle_tier_filter(),
            Action::TypeFilter => self.cycle_type_filter(),
            Action::ShowArchived => self.toggle_archived(),
        }
    }

    /// The record a one-key action (Space, `s`, `b`) would change: the
    /// selected checklist item, milestone or asset, or the selected
    /// campaign for `s`; `None` for other actions.
    fn one_key_target(&self, action: Action) -> Option<RecordRef> {
        match action {
            Action::Toggle | Action::Block => self.selected_row(self.focus)?.record(),
            Action::AdvanceStatus => self.selected_campaign().map(|c| RecordRef::Campaign(c.id)),
            _ => None,
        }
    }

    // ---- navigation -------------------------------------------------------

    pub(super) fn move_cursor(&mut self, pane: Pane, delta: i64) {
        let rows = self.rows(pane);
        let from = view::resolve(&rows, self.pane(pane)).unwrap_or(0);
        if let Some(i) = view::step(&rows, from, delta) {
            self.select(pane, rows[i], i);
        }
    }

    /// Selects `row` (at `index`) in `pane`, and follows through: a new
    /// partner resets the Timeline; a new campaign resets Checklist and MDF.
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
        }
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
    /// finding). Filters that would hide it are cleared.
    pub fn reveal(&mut self, record: RecordRef) {
        let Some(partner) = self.program.partner_of(record) else {
            self.say(StatusKind::Error, "That record no longer exists");
            return;
        };
        if !self.rows(Pane::Partners).contains(&Row::Partner(partner)) {
            self.pane_mut(Pane::Partners).filter.clear();
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
            let rows = self.rows(Pane::Timeline);
            let idx = rows
                .iter()
                .position(|r| *r == Row::Campaign(c))
                .unwrap_or(0);
            self.select(Pane::Timeline, Row::Campaign(c), idx);
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
        if let Some(i) = rows.iter().position(|r| *r == row) {
            self.select(pane, row, i);
        }
        self.focus = pane;
    }

    pub(super) fn jump_to_finding(&mut self, index: usize) {
        let Some(f) = self.derived.all_findings().get(index).map(|f| (*f).clone()) else {
            return;
        };
        self.reveal(f.record);
        self.say(
            match f.severity {
                guardrails::Severity::Error => StatusKind::Error,
                guardrails::Severity::Warning => StatusKind::Warning,
            },
            format!("{} {}", f.rule.key(), f.message),
        );
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
                    self.program = p;
                    format!("re-reading it failed ({e}); the screen was reloaded")
                }
                Err(e2) => format!("the screen may be out of date ({e}; {e2}): restart jmo"),
            });
            self.rederive_all();
        }
        partners.extend(touched.iter().filter_map(|r| self.program.partner_of(*r)));
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
            self.check_proof_files(Some(&expenses));
        }
        self.rederive(partners);
        if touched.iter().any(|r| matches!(r, RecordRef::Partner(_))) {
            self.derived.reorder(&self.program);
        }
        if self.selected_partner().is_none() {
            self.sync_pane(Pane::Partners);
            self.select_default_campaign();
        }
        for pane in Pane::ALL {
            self.sync_pane(pane);
        }
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
        self.mode = Mode::Confirm {
            message: format!(
                "{} '{label}'? It removes {what}. y {}, n keeps everything.",
                if redo { "Redo" } else { "Undo" },
                if redo { "redoes" } else { "undoes" }
            ),
            then: if redo {
                super::Confirmed::Redo
            } else {
                super::Confirmed::Undo
            },
        };
        true
    }

    pub(super) fn undo_now(&mut self) {
        match self.store.undo() {
            Ok(Some(applied)) => {
                let problem = self.after_change(&applied.touched);
                self.after_bulk_change();
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
