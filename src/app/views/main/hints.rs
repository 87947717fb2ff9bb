//! The main screen's hint bar: the keymap's keys, labelled by what is
//! selected ("Space tick" on a checklist item, "Space advance" on a
//! milestone), most useful first, undo and help kept however narrow.

use crate::app::keytable::Hint;
use crate::app::view::{Pane, Row};
use crate::app::{Action, App};

impl App {
    fn hint(&self, action: Action, label: &str) -> Option<Hint> {
        let key = self.keymap.key_label(action);
        (!key.is_empty()).then(|| Hint::new(key, label))
    }

    /// "a/e add item here": on a group header, `a` and `e` both add to it.
    fn add_here(&self, label: &str) -> Option<Hint> {
        let keys: Vec<String> = [Action::Add, Action::Edit]
            .into_iter()
            .map(|a| self.keymap.key_label(a))
            .filter(|k| !k.is_empty())
            .collect();
        (!keys.is_empty()).then(|| Hint::new(keys.join("/"), label))
    }

    /// The main screen's hints for the focused pane and selected row.
    pub(crate) fn main_hints(&self) -> Vec<Hint> {
        if self.is_welcome() {
            return [
                self.hint(Action::LoadExample, "load the example plan"),
                self.hint(Action::Add, "add your first partner"),
                self.hint(Action::Help, "help").map(Hint::kept),
                self.hint(Action::Quit, "quit"),
            ]
            .into_iter()
            .flatten()
            .collect();
        }
        let row = self.selected_row(self.focus);
        let mut v: Vec<Option<Hint>> = Vec::new();
        if !self.pane(self.focus).filter.is_empty() {
            v.push(self.hint(Action::ClearFilter, "clear filter"));
        }
        match (self.focus, row) {
            (Pane::Timeline, Some(Row::Milestone(m))) => {
                let blocked = self
                    .program
                    .milestones
                    .get(m)
                    .is_some_and(|m| m.status == crate::domain::MilestoneStatus::Blocked);
                v.push(self.hint(Action::Toggle, "advance"));
                v.push(self.hint(Action::Block, if blocked { "unblock" } else { "block" }));
                v.push(self.hint(Action::Add, "add milestone"));
            }
            (Pane::Timeline, Some(Row::Campaign(_))) => {
                v.push(self.hint(Action::AdvanceStatus, "status"));
                v.push(self.hint(Action::Open, "fold"));
                v.push(self.hint(Action::Add, "add milestone/campaign"));
            }
            (Pane::Timeline, _) => v.push(self.hint(Action::Add, "add campaign")),
            (Pane::Checklist, Some(Row::Asset(_))) => {
                v.push(self.hint(Action::Toggle, "approve"));
                v.push(self.hint(Action::Add, "add asset"));
            }
            (Pane::Checklist, Some(Row::Item(_))) => {
                v.push(self.hint(Action::Toggle, "tick"));
                v.push(self.hint(Action::Add, "add item"));
                v.push(self.hint(Action::CaptureItem, "quick add"));
            }
            // `e` (and Enter) on a header adds to its group, as `a` does.
            (Pane::Checklist, Some(Row::SideHeader(_))) => v.push(self.add_here("add item here")),
            (Pane::Checklist, Some(Row::AssetsHeader)) => v.push(self.add_here("add asset here")),
            (Pane::Checklist, _) => v.push(self.hint(Action::Add, "add")),
            (Pane::Partners, _) => {
                v.push(self.hint(Action::Open, "open"));
                v.push(self.hint(Action::Add, "add partner"));
            }
            (Pane::Mdf, row) => {
                if !self.mdf_drill.is_empty() {
                    v.push(self.hint(Action::ClearFilter, "back"));
                }
                if matches!(row, Some(Row::Fund(_)) | Some(Row::Request(_))) {
                    v.push(self.hint(Action::Open, "open"));
                }
                v.push(self.hint(Action::Add, "add…"));
            }
        }
        let editable = row.and_then(Row::record).is_some() || matches!(row, Some(Row::Results(_)));
        if editable {
            v.push(self.hint(Action::Edit, "edit"));
            match row {
                // MDF requests and expenses are withdrawn, never deleted.
                Some(Row::Request(_)) | Some(Row::Expense(_)) => {
                    v.push(self.hint(Action::Delete, "withdraw"))
                }
                Some(Row::Claim(_)) | Some(Row::Budget(_)) | Some(Row::InternalCost(_)) => {}
                _ => v.push(self.hint(Action::Delete, "delete")),
            }
        }
        if self.focus == Pane::Mdf {
            v.push(self.hint(Action::CrmImport, "import from CRM"));
        }
        v.push(self.hint(Action::Undo, "undo").map(Hint::kept));
        v.push(self.hint(Action::Jump, "jump"));
        v.push(self.hint(Action::Findings, "findings"));
        v.push(self.hint(Action::Filter, "filter"));
        v.push(self.hint(Action::FocusNext, "pane"));
        v.push(self.hint(Action::Help, "help").map(Hint::kept));
        v.push(self.hint(Action::Quit, "quit"));
        v.into_iter().flatten().collect()
    }
}
