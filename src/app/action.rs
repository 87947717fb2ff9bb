//! One enum of everything a user can do (STYLE: "one Action enum").
//!
//! Keys map to actions through the [`crate::app::keymap::KeyMap`]; mouse
//! events map to actions in the event loop. [`crate::app::App::update`]
//! applies an action.

use super::keymap::{Key, KeyMap, KeySpec};
use super::keytable::{Def, def};
use super::view::Pane;
use crossterm::event::KeyCode;
use std::collections::BTreeMap;

/// Everything a user can do in the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave jmo (everything is already saved).
    Quit,
    /// Suspend to the shell (Ctrl-Z); `fg` comes back.
    Suspend,
    /// Show the keys.
    Help,
    /// Open the jump prompt: type a few letters of a partner, campaign
    /// or checklist item, Enter goes there (issue 11, item 1).
    Jump,
    /// Select the next campaign of the selected partner, from any pane.
    NextCampaign,
    /// Select the previous campaign of the selected partner, from any pane.
    PrevCampaign,
    /// Select the next partner, from any pane.
    NextPartner,
    /// Select the previous partner, from any pane.
    PrevPartner,
    /// Open the full findings list.
    Findings,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Focus one pane.
    Focus(Pane),
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move up a page.
    PageUp,
    /// Move down a page.
    PageDown,
    /// Go to the first row.
    Top,
    /// Go to the last row.
    Bottom,
    /// Space: tick a checklist item, advance a milestone, approve an asset.
    Toggle,
    /// Enter: open the selection (partner → its profile; campaign → fold / unfold).
    Open,
    /// Add a record in the focused pane.
    Add,
    /// Edit the selected record.
    Edit,
    /// Delete the selected record (asks first).
    Delete,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Filter the focused pane's list.
    Filter,
    /// Clear the focused pane's filter.
    ClearFilter,
    /// Mark the selected milestone blocked (asks why), or unblock it.
    Block,
    /// Move the selected campaign to its next status (planned → live → completed).
    AdvanceStatus,
    /// Show the change history of the selected record.
    History,
    /// Write the reimbursement packet of the selected MDF request.
    Packet,
    /// Show the selected campaign's results against its targets.
    Results,
    /// A campaign's pipeline evidence: evidenced vs reported, the
    /// opportunities attributed with class and reason (docs/domain.md §15).
    Pipeline,
    /// Show the program dashboard (docs/domain.md §9).
    Dashboard,
    /// Write the selected campaign's plan and results reports (docs/domain.md §12).
    Report,
    /// Import campaigns from a CRM file: path prompt, preview, Enter
    /// writes (issue 12, item 3; docs/crm.md "From the screen").
    CrmImport,
    /// Load the example plan (welcome screen).
    LoadExample,
    /// Open the selected partner's monthly check-in notes (issue 5, item 5).
    CheckinNotes,
    /// Add a checklist item to the selected campaign in one typed line
    /// (issue 11, item 4).
    CaptureItem,
    /// Add a line to the selected partner's check-in notes of today
    /// (issue 11, item 4).
    CaptureNote,
    /// Open the agenda: overdue, due soon and blocked across partners
    /// (issue 11, item 5).
    Agenda,
    /// Open the selected partner's joint marketing plan (issue 5, item 6).
    JointPlan,
    /// Order the Partners pane by the next key: name, tier, type.
    SortPartners,
    /// Show only partners of the next tier (then all).
    TierFilter,
    /// Show only partners of the next partnership type (then all).
    TypeFilter,
    /// Show archived partners too, or hide them again.
    ShowArchived,
    /// Select row `row` of `pane` (mouse click).
    Click {
        /// The pane clicked.
        pane: Pane,
        /// The row index within the pane's rows (offset already added).
        row: usize,
    },
    /// Scroll a pane by `delta` rows (mouse wheel).
    Scroll {
        /// The pane under the pointer.
        pane: Pane,
        /// Rows to move: negative up, positive down.
        delta: i32,
    },
}

/// The main screen's key table, in help order: every action a key can
/// do there, its config name (`[keys]`), default keys and help text.
/// [`KeyMap::default`] binds them; the hint bar labels them by what is
/// selected ([`crate::app::App::hints`]).
pub fn main_keys() -> Vec<Def<Action>> {
    use KeyCode::*;
    let p = Key::plain;
    let c = Key::ch;
    vec![
        def(
            Action::Toggle,
            "toggle",
            &[c(' ')],
            "tick item / advance milestone / approve asset",
        ),
        def(Action::Add, "add", &[c('a')], "add a record here"),
        def(Action::Edit, "edit", &[c('e')], "edit the selected record"),
        def(
            Action::Delete,
            "delete",
            &[c('d'), p(Delete)],
            "delete the selected record (asks first)",
        ),
        def(
            Action::Block,
            "block",
            &[c('b')],
            "block / unblock a milestone",
        ),
        def(
            Action::AdvanceStatus,
            "status",
            &[c('s')],
            "campaign: planned → live → completed",
        ),
        def(Action::Undo, "undo", &[c('u')], "undo the last edit"),
        def(Action::Redo, "redo", &[Key::ctrl('r')], "redo"),
        def(Action::Open, "open", &[p(Enter)], "open the selection"),
        def(
            Action::Jump,
            "jump",
            &[c('\''), Key::ctrl('p')],
            "jump to a partner, campaign, or (#) checklist item",
        ),
        def(
            Action::NextCampaign,
            "next_campaign",
            &[c(']')],
            "next campaign of the partner (from any pane)",
        ),
        def(
            Action::PrevCampaign,
            "prev_campaign",
            &[c('[')],
            "previous campaign of the partner (from any pane)",
        ),
        def(
            Action::NextPartner,
            "next_partner",
            &[c('}')],
            "next partner (from any pane)",
        ),
        def(
            Action::PrevPartner,
            "prev_partner",
            &[c('{')],
            "previous partner (from any pane)",
        ),
        def(
            Action::Findings,
            "findings",
            &[c('f')],
            "all findings (Enter jumps to the record)",
        ),
        def(
            Action::History,
            "history",
            &[c('H')],
            "change history of the selected record",
        ),
        def(
            Action::Packet,
            "packet",
            &[c('P')],
            "write the MDF reimbursement packet (Markdown + CSV)",
        ),
        def(
            Action::Results,
            "results",
            &[c('R')],
            "campaign results vs targets, ROI, lead sources",
        ),
        def(
            Action::Pipeline,
            "pipeline",
            &[c('E')],
            "pipeline evidence: reported vs evidenced, account journeys",
        ),
        def(
            Action::Dashboard,
            "dashboard",
            &[c('D')],
            "program dashboard for the fiscal year (docs/domain.md §9)",
        ),
        def(
            Action::Report,
            "report",
            &[c('W')],
            "write the campaign's plan and results reports (Markdown)",
        ),
        def(
            Action::CrmImport,
            "crm_import",
            &[c('I')],
            "import campaigns from a CRM file: preview, Enter writes",
        ),
        def(
            Action::CheckinNotes,
            "checkin_notes",
            &[c('n')],
            "check-in notes for the selected partner (during the call)",
        ),
        def(
            Action::CaptureItem,
            "capture_item",
            &[c('+')],
            "quick add an item: Send logo files @partner +3",
        ),
        def(
            Action::CaptureNote,
            "capture_note",
            &[c('N')],
            "add a line to today's check-in notes",
        ),
        def(
            Action::Agenda,
            "agenda",
            &[c('T')],
            "agenda: overdue, due in 7 days, blocked (all partners)",
        ),
        def(
            Action::JointPlan,
            "joint_plan",
            &[c('J')],
            "the partner's joint marketing plan (this quarter's)",
        ),
        def(
            Action::SortPartners,
            "sort_partners",
            &[c('o')],
            "order partners by name / tier / type",
        ),
        def(
            Action::TierFilter,
            "tier_filter",
            &[c('t')],
            "partners of one tier only (cycles; then all)",
        ),
        def(
            Action::TypeFilter,
            "type_filter",
            &[c('y')],
            "partners of one partnership type only (cycles)",
        ),
        def(
            Action::ShowArchived,
            "show_archived",
            &[c('A')],
            "show / hide archived partners",
        ),
        def(
            Action::Filter,
            "filter",
            &[c('/')],
            "filter the list in this pane",
        ),
        def(
            Action::ClearFilter,
            "clear_filter",
            &[p(Esc)],
            "clear this pane's filter",
        ),
        def(Action::Down, "down", &[c('j'), p(Down)], "move down"),
        def(Action::Up, "up", &[c('k'), p(Up)], "move up"),
        def(
            Action::PageDown,
            "page_down",
            &[p(PageDown), Key::ctrl('d')],
            "page down",
        ),
        def(
            Action::PageUp,
            "page_up",
            &[p(PageUp), Key::ctrl('u')],
            "page up",
        ),
        def(Action::Top, "top", &[c('g'), p(Home)], "first row"),
        def(Action::Bottom, "bottom", &[c('G'), p(End)], "last row"),
        def(
            Action::FocusNext,
            "focus_next",
            &[p(Tab), c('l'), p(Right)],
            "next pane",
        ),
        def(
            Action::FocusPrev,
            "focus_prev",
            &[p(BackTab), c('h'), p(Left)],
            "previous pane",
        ),
        def(
            Action::Focus(Pane::Partners),
            "focus_partners",
            &[c('1')],
            "Partners pane",
        ),
        def(
            Action::Focus(Pane::Timeline),
            "focus_timeline",
            &[c('2')],
            "Timeline pane",
        ),
        def(
            Action::Focus(Pane::Checklist),
            "focus_checklist",
            &[c('3')],
            "Checklist pane",
        ),
        def(Action::Focus(Pane::Mdf), "focus_mdf", &[c('4')], "MDF pane"),
        def(
            Action::LoadExample,
            "load_example",
            &[c('x')],
            "load the example plan (empty database)",
        ),
        def(Action::Help, "help", &[c('?'), p(F(1))], "this help"),
        def(
            Action::Suspend,
            "suspend",
            &[Key::ctrl('z')],
            "suspend to the shell (fg to return)",
        ),
        def(
            Action::Quit,
            "quit",
            &[c('q')],
            "quit (everything is saved already)",
        ),
    ]
}

impl Default for KeyMap {
    fn default() -> Self {
        KeyMap::new("main", "Main screen", main_keys())
    }
}

impl KeyMap {
    /// Applies `[keys]` overrides to the main screen alone: each entry
    /// replaces all keys of one action and takes those keys away from any
    /// other action. Returns a warning per bad entry (unknown action, bad
    /// key name); bad entries are skipped, the rest apply. (The app
    /// applies the config to every view's table at once: see
    /// [`crate::app::views::Keys::configured`].)
    pub fn apply_overrides(&mut self, overrides: &BTreeMap<String, KeySpec>) -> Vec<String> {
        let (parsed, mut warnings) = super::keytable::Overrides::parse(overrides, &BTreeMap::new());
        warnings.extend(parsed.apply(&mut [self]));
        warnings.extend(self.quit_warning());
        warnings
    }

    /// The warning when no key quits any more.
    pub fn quit_warning(&self) -> Option<String> {
        self.keys_for(Action::Quit)
            .is_empty()
            .then(|| "[keys]: quit has no key left; Ctrl-C still quits".to_string())
    }
}

impl Action {
    /// The config name of a bindable action (`[keys]` table), if it has one.
    pub fn name(self) -> Option<&'static str> {
        main_keys()
            .into_iter()
            .find(|d| d.action == self)
            .map(|d| d.name)
    }

    /// The bindable action with this config name.
    pub fn from_name(name: &str) -> Option<Action> {
        main_keys()
            .into_iter()
            .find(|d| d.name == name)
            .map(|d| d.action)
    }

    /// The help text of a bindable action.
    pub fn describe(self) -> &'static str {
        main_keys()
            .into_iter()
            .find(|d| d.action == self)
            .map_or("", |d| d.help)
    }
}
