//! The main screen: four panes (Partners, Timeline, Checklist, MDF) and
//! the keys that work on them. Its key table is the keymap
//! ([`crate::app::keymap::KeyMap`], defaults in
//! [`crate::app::action::main_keys`]); a key becomes an [`Action`] and
//! [`App::update`] applies it. Its edit keys are in `edits.rs`, its hints
//! in `hints.rs`.

mod edits;
mod hints;

use super::filter::Filter;
use super::findings::Findings;
use super::help::Help;
use crate::app::effects::{Effect, Then};
use crate::app::nav::Step;
use crate::app::view::{Drill, Pane, Row};
use crate::app::{Action, App, Mode, StatusKind};
use crate::domain::dates::short;
use crate::domain::*;
use crossterm::event::KeyEvent;

impl App {
    /// A key on the main screen: its action, or a word that it does
    /// nothing here.
    pub(crate) fn main_key(&mut self, ev: &KeyEvent) {
        match self.keymap.action(ev) {
            Some(action) => self.update(action),
            None => {
                let help = self.keymap.key_label(Action::Help);
                self.nothing_here(ev, &help);
            }
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
            Action::Quit => self.effect(Effect::Quit),
            Action::Suspend => self.effect(Effect::Suspend),
            Action::Help => self.mode = Mode::Help(Help::default()),
            Action::Jump => self.open_jump(),
            Action::NextCampaign => self.step_campaign(Step::Next),
            Action::PrevCampaign => self.step_campaign(Step::Prev),
            Action::NextPartner => self.step_partner(Step::Next),
            Action::PrevPartner => self.step_partner(Step::Prev),
            Action::Findings => {
                // Every partner's findings: every record is read.
                self.hold_all();
                if self.findings_listed().is_empty() {
                    self.say(StatusKind::Info, "No findings: every guardrail passes");
                } else {
                    self.mode = Mode::Findings(Findings::default());
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
                self.mode = Mode::Filter(Filter::new(pane, &self.pane(pane).filter));
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
            Action::Pipeline => self.open_pipeline(),
            Action::Dashboard => self.open_dashboard(),
            Action::Report => self.write_campaign_reports(),
            Action::CrmImport => self.ask_crm_file(),
            Action::LoadExample => self.load_example(),
            Action::CheckinNotes => self.checkin_notes(),
            Action::JointPlan => self.open_plan_of_selected(),
            Action::CaptureItem => self.capture_item(),
            Action::CaptureNote => self.capture_note(None),
            Action::Agenda => self.open_agenda(),
            Action::SortPartners => self.cycle_partner_sort(),
            Action::TierFilter => self.cycle_tier_filter(),
            Action::TypeFilter => self.cycle_type_filter(),
            Action::ShowArchived => self.toggle_archived(),
        }
    }

    /// The record a one-key action (Space, `s`, `b`) would change: the
    /// selected checklist item, milestone or asset, or the selected
    /// campaign for `s`; `None` for other actions.
    pub(crate) fn one_key_target(&self, action: Action) -> Option<RecordRef> {
        match action {
            Action::Toggle | Action::Block => self.selected_row(self.focus)?.record(),
            Action::AdvanceStatus => self.selected_campaign().map(|c| RecordRef::Campaign(c.id)),
            _ => None,
        }
    }

    /// Enter: opens the selection (a partner's profile, a fund's or
    /// request's drill-down, a campaign's results), folds or unfolds a
    /// campaign, adds under a heading, else edits.
    pub(crate) fn open(&mut self) {
        match self.selected_row(self.focus) {
            Some(Row::Partner(id)) => self.open_profile(id),
            Some(Row::Campaign(id)) => {
                if !self.flipped.remove(&id) {
                    self.flipped.insert(id);
                }
                self.sync_pane(Pane::Timeline);
            }
            Some(Row::SideHeader(_))
            | Some(Row::AssetsHeader)
            | Some(Row::FundsHeader)
            | Some(Row::Heading(_)) => self.add(),
            // The MDF drill-down: fund → its requests → a request's ledger.
            Some(Row::Fund(f)) if self.focus == Pane::Mdf => self.drill(Drill::Fund(f)),
            Some(Row::Request(r)) if self.focus == Pane::Mdf => self.drill(Drill::Request(r)),
            Some(Row::Results(_)) => self.open_results(),
            Some(_) => self.edit(),
            None => {}
        }
    }

    /// The MDF request the selection is about: the request, claim or
    /// expense selected in the MDF pane, or the request drilled into.
    fn selected_request(&self) -> Option<RequestId> {
        let from_row = match self.selected_row(Pane::Mdf) {
            Some(Row::Request(r)) => Some(r),
            Some(Row::Claim(c)) => self.program.claims.get(c).map(|c| c.request_id),
            Some(Row::Expense(e)) => self.program.expenses.get(e).and_then(|e| e.request_id),
            _ => None,
        };
        from_row.or(match self.mdf_drill.last() {
            Some(Drill::Request(r)) => Some(*r),
            _ => None,
        })
    }

    /// `P`: writes the selected request's reimbursement packet into the
    /// current folder; if it is not claimable yet, says what is missing and
    /// offers a draft (issue 3, item 7).
    pub(crate) fn packet(&mut self, draft: bool) {
        let Some(r) = self.selected_request() else {
            self.say(
                StatusKind::Info,
                "Select an MDF request (MDF pane) to write its packet",
            );
            return;
        };
        self.write_packet(r, draft);
    }

    /// Writes the request's packet (a draft when `draft`), through the G5
    /// gate: the event loop looks for its proof files again (the disk may
    /// have changed since the last look), then the packet is built and
    /// written, or a notice says what it still needs ([`App::finished`]).
    pub(crate) fn write_packet(&mut self, request: RequestId, draft: bool) {
        if let Some(c) = self.program.requests.get(request).map(|r| r.campaign_id)
            && self.refused_by_consent(&[c])
        {
            return;
        }
        let ids: Vec<ExpenseId> = self
            .program
            .expenses_of_request(request)
            .iter()
            .map(|e| e.id)
            .collect();
        self.check_proof_files(Some(&ids), Some(Then::Packet { request, draft }));
    }

    pub(crate) fn load_example(&mut self) {
        if !self.is_welcome() {
            self.say(
                StatusKind::Info,
                "The example plan loads into an empty database (or use: jmo demo --force)",
            );
            return;
        }
        match crate::store::example::load(&mut self.store, self.today, &self.templates, false) {
            Ok(summary) => {
                let summary = summary.counts;
                match self.read_program() {
                    Ok(p) => *self.program = p,
                    Err(e) => {
                        return self.say(
                            StatusKind::Error,
                            format!("Could not read the example plan back: {e}"),
                        );
                    }
                }
                self.rederive_all();
                self.check_proof_files(None, None);
                self.select_initial();
                // The status keeps to two lines at 80 columns: the main
                // records, not every kind (`jmo demo` lists them all).
                self.say(
                    StatusKind::Saved,
                    format!(
                        "Loaded the example plan as of {}: {}, {}, {} and all that hangs on them ({} undoes it)",
                        short(self.today, self.today),
                        words::count_of(summary.partners, "partner"),
                        words::count_of(summary.campaigns, "campaign"),
                        words::count_of(summary.funds, "MDF fund"),
                        self.keymap.key_label(Action::Undo),
                    ),
                );
            }
            Err(e) => self.say(
                StatusKind::Error,
                format!("Could not load the example plan: {e}"),
            ),
        }
    }
}
