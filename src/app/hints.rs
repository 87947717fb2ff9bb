//! The hint bar and the help overlay, generated from the keymap (STYLE,
//! gitui: "help always matches the real bindings"). Rebinding a key in the
//! config changes both.

use super::action::{Action, BINDABLE};
use super::view::{Pane, Row};
use super::{App, Mode};

/// One key hint: the key as shown and what it does here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The key(s), e.g. "Space" or "u".
    pub key: String,
    /// What it does in this context, e.g. "tick".
    pub label: String,
    /// Shown however narrow the screen ([`Hint::kept`]): the way out
    /// (the last hint, always kept too), undo, a form's save.
    pub keep: bool,
}

impl Hint {
    /// This hint, kept in the hint bar when others give way for room.
    pub fn kept(self) -> Hint {
        Hint { keep: true, ..self }
    }
}

/// A section of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    /// Section title.
    pub title: &'static str,
    /// `(keys, description)` lines.
    pub lines: Vec<(String, String)>,
}

/// A hint with a fixed key (pop-ups and views whose keys are not in the keymap).
pub(super) fn fixed(key: &str, label: &str) -> Hint {
    Hint {
        key: key.into(),
        label: label.into(),
        keep: false,
    }
}

impl App {
    fn hint(&self, action: Action, label: &str) -> Option<Hint> {
        let key = self.keymap.key_label(action);
        (!key.is_empty()).then(|| Hint {
            key,
            label: label.into(),
            keep: false,
        })
    }

    /// The hints for the current mode, pane and selected row, most useful
    /// first. The hint bar shows as many as fit, always with the kept ones
    /// ([`Hint::keep`]) and the last (the way out: close, cancel, quit).
    pub fn hints(&self) -> Vec<Hint> {
        match &self.mode {
            Mode::Form(open) => {
                // After a refused save: Enter saves the user's fields over
                // theirs (when fields clashed), Esc reloads.
                let after_conflict = open.theirs.is_some();
                let clash = open.theirs.as_ref().is_some_and(|u| !u.columns.is_empty());
                let mut v = vec![
                    fixed(
                        "Enter",
                        if clash {
                            "save yours over theirs"
                        } else {
                            "save"
                        },
                    )
                    .kept(),
                ];
                if after_conflict {
                    // What Esc does now matters more than moving around.
                    v.push(fixed("Esc", "reload theirs").kept());
                }
                v.push(fixed("Tab/↓", "next field"));
                v.push(fixed("S-Tab/↑", "previous"));
                if let Some(field) = open.form.fields.get(open.form.focus) {
                    match field.input {
                        super::form::Input::Choice { .. } => v.push(fixed("←/→", "choose")),
                        super::form::Input::Toggle(_) => v.push(fixed("Space", "yes/no")),
                        super::form::Input::Text { .. } => {}
                    }
                }
                if !after_conflict {
                    v.push(fixed("Esc", "cancel"));
                }
                return v;
            }
            Mode::Help { .. } => return vec![fixed("↑/↓", "scroll"), fixed("Esc", "close")],
            Mode::Notice { action, .. } => {
                let mut v: Vec<Hint> = action
                    .iter()
                    .map(|(k, label, _)| fixed(&k.to_string(), label))
                    .collect();
                v.push(fixed("Esc", "close"));
                return v;
            }
            Mode::History { .. } => return vec![fixed("↑/↓", "scroll"), fixed("Esc", "close")],
            Mode::Results { .. } => {
                return vec![
                    fixed("e", "edit results"),
                    fixed("W", "write reports"),
                    fixed("H", "earlier versions"),
                    fixed("↑/↓", "scroll"),
                    fixed("Esc", "close"),
                ];
            }
            Mode::Dashboard { .. } => {
                return vec![
                    fixed("←/→", "fiscal year"),
                    fixed("W", "write the program report"),
                    fixed("↑/↓", "scroll"),
                    fixed("Esc", "close"),
                ];
            }
            Mode::Findings { .. } => {
                return vec![
                    fixed("↑/↓", "move"),
                    fixed("Enter", "go to the record"),
                    fixed("Esc", "close"),
                ];
            }
            Mode::Confirm { then, .. } => {
                let yes = match then {
                    super::Confirmed::Delete(_) => "yes, delete",
                    super::Confirmed::GoLive(_) => "yes, go live",
                    super::Confirmed::Archive(_) => "yes",
                    super::Confirmed::Unlink(_) => "yes, take it out",
                    super::Confirmed::Undo => "yes, undo",
                    super::Confirmed::Redo => "yes, redo",
                };
                return vec![fixed("y", yes), fixed("n/Esc", "no, keep it")];
            }
            Mode::Profile { .. } => return self.profile_hints(),
            Mode::Plan { .. } => return self.plan_hints(),
            Mode::Prompt { .. } => return vec![fixed("Enter", "save"), fixed("Esc", "cancel")],
            Mode::Filter { .. } => {
                return vec![fixed("Enter", "keep filter"), fixed("Esc", "clear filter")];
            }
            Mode::Menu { options, .. } => {
                let mut v: Vec<Hint> = options
                    .iter()
                    .map(|(k, label, _)| fixed(&k.to_string(), label))
                    .collect();
                v.push(fixed("Esc", "cancel"));
                return v;
            }
            Mode::Normal => {}
        }
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
            (Pane::Timeline, Some(Row::Milestone(_))) => {
                v.push(self.hint(Action::Toggle, "advance"));
                v.push(self.hint(Action::Block, "block"));
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
            }
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
        v.push(self.hint(Action::Undo, "undo").map(Hint::kept));
        v.push(self.hint(Action::Findings, "findings"));
        v.push(self.hint(Action::Filter, "filter"));
        v.push(self.hint(Action::FocusNext, "pane"));
        v.push(self.hint(Action::Help, "help").map(Hint::kept));
        v.push(self.hint(Action::Quit, "quit"));
        v.into_iter().flatten().collect()
    }

    /// How many lines the help overlay has (titles, keys, blank lines and
    /// the closing note), to bound its scrolling.
    pub fn help_len(&self) -> usize {
        self.help().iter().map(|s| s.lines.len() + 2).sum::<usize>() + 1
    }

    /// The help overlay's sections: every bindable action with all its
    /// keys, then the keys of forms and lists.
    pub fn help(&self) -> Vec<HelpSection> {
        let cur = self.program.currency;
        let actions = BINDABLE
            .iter()
            .filter_map(|(action, _, description)| {
                let keys = self.keymap.keys_for(*action);
                (!keys.is_empty()).then(|| {
                    (
                        keys.iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(" "),
                        description.to_string(),
                    )
                })
            })
            .collect();
        let pair = |k: &str, d: &str| (k.to_string(), d.to_string());
        vec![
            HelpSection {
                title: "Main screen",
                lines: actions,
            },
            HelpSection {
                title: "Forms",
                lines: vec![
                    pair("Tab ↓ / S-Tab ↑", "next / previous field"),
                    pair("← → Space", "change a choice or yes/no"),
                    pair("Enter, Ctrl-s", "save (only when every field is valid)"),
                    pair("Esc", "cancel (twice if you typed something)"),
                    pair("dates", "YYYY-MM-DD, today, +7, -3"),
                    pair(
                        "money",
                        &format!(
                            "12500, {}, 12.5k ({})",
                            cur.grouped(rust_decimal::Decimal::from(12500)),
                            cur.code()
                        ),
                    ),
                ],
            },
            HelpSection {
                title: "Anywhere",
                lines: vec![
                    pair("Ctrl-c", "close a pop-up, or quit"),
                    pair(
                        "mouse",
                        "click selects a row and focuses its pane; wheel scrolls",
                    ),
                ],
            },
        ]
    }
}
