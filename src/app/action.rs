//! One enum of everything a user can do (STYLE: "one Action enum").
//!
//! Keys map to actions through the [`crate::app::keymap::KeyMap`]; mouse
//! events map to actions in the event loop. [`crate::app::App::update`]
//! applies an action.

use super::view::Pane;

/// Everything a user can do in the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Leave jmo (everything is already saved).
    Quit,
    /// Suspend to the shell (Ctrl-Z); `fg` comes back.
    Suspend,
    /// Show the keys.
    Help,
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
    /// Show the program dashboard (docs/domain.md §9).
    Dashboard,
    /// Write the selected campaign's plan and results reports (docs/domain.md §12).
    Report,
    /// Load the example plan (welcome screen).
    LoadExample,
    /// Open the selected partner's monthly check-in notes (issue 5, item 5).
    CheckinNotes,
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

/// The actions that can be bound to keys, with their config names and
/// help texts, in help order.
pub const BINDABLE: &[(Action, &str, &str)] = &[
    (
        Action::Toggle,
        "toggle",
        "tick item / advance milestone / approve asset",
    ),
    (Action::Add, "add", "add a record here"),
    (Action::Edit, "edit", "edit the selected record"),
    (
        Action::Delete,
        "delete",
        "delete the selected record (asks first)",
    ),
    (Action::Block, "block", "block / unblock a milestone"),
    (
        Action::AdvanceStatus,
        "status",
        "campaign: planned → live → completed",
    ),
    (Action::Undo, "undo", "undo the last edit"),
    (Action::Redo, "redo", "redo"),
    (Action::Open, "open", "open the selection"),
    (
        Action::Findings,
        "findings",
        "all findings (Enter jumps to the record)",
    ),
    (
        Action::History,
        "history",
        "change history of the selected record",
    ),
    (
        Action::Packet,
        "packet",
        "write the MDF reimbursement packet (Markdown + CSV)",
    ),
    (
        Action::Results,
        "results",
        "campaign results vs targets, ROI, lead sources",
    ),
    (
        Action::Dashboard,
        "dashboard",
        "program dashboard for the fiscal year (docs/domain.md §9)",
    ),
    (
        Action::Report,
        "report",
        "write the campaign's plan and results reports (Markdown)",
    ),
    (
        Action::CheckinNotes,
        "checkin_notes",
        "check-in notes for the selected partner (during the call)",
    ),
    (
        Action::JointPlan,
        "joint_plan",
        "the partner's joint marketing plan (this quarter's)",
    ),
    (
        Action::SortPartners,
        "sort_partners",
        "order partners by name / tier / type",
    ),
    (
        Action::TierFilter,
        "tier_filter",
        "partners of one tier only (cycles; then all)",
    ),
    (
        Action::TypeFilter,
        "type_filter",
        "partners of one partnership type only (cycles)",
    ),
    (
        Action::ShowArchived,
        "show_archived",
        "show / hide archived partners",
    ),
    (Action::Filter, "filter", "filter the list in this pane"),
    (
        Action::ClearFilter,
        "clear_filter",
        "clear this pane's filter",
    ),
    (Action::Down, "down", "move down"),
    (Action::Up, "up", "move up"),
    (Action::PageDown, "page_down", "page down"),
    (Action::PageUp, "page_up", "page up"),
    (Action::Top, "top", "first row"),
    (Action::Bottom, "bottom", "last row"),
    (Action::FocusNext, "focus_next", "next pane"),
    (Action::FocusPrev, "focus_prev", "previous pane"),
    (
        Action::Focus(Pane::Partners),
        "focus_partners",
        "Partners pane",
    ),
    (
        Action::Focus(Pane::Timeline),
        "focus_timeline",
        "Timeline pane",
    ),
    (
        Action::Focus(Pane::Checklist),
        "focus_checklist",
        "Checklist pane",
    ),
    (Action::Focus(Pane::Mdf), "focus_mdf", "MDF pane"),
    (
        Action::LoadExample,
        "load_example",
        "load the example plan (empty database)",
    ),
    (Action::Help, "help", "this help"),
    (
        Action::Suspend,
        "suspend",
        "suspend to the shell (fg to return)",
    ),
    (Action::Quit, "quit", "quit (everything is saved already)"),
];

impl Action {
    /// The config name of a bindable action (`[keys]` table), if it has one.
    pub fn name(self) -> Option<&'static str> {
        BINDABLE
            .iter()
            .find(|(a, _, _)| *a == self)
            .map(|(_, n, _)| *n)
    }

    /// The bindable action with this config name.
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| *a)
    }

    /// The help text of a bindable action.
    pub fn describe(self) -> &'static str {
        BINDABLE
            .iter()
            .find(|(a, _, _)| *a == self)
            .map_or("", |(_, _, d)| *d)
    }
}
