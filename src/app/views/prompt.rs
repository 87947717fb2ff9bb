//! A one-line question: why a milestone is blocked, why an MDF request or
//! an expense is withdrawn, which file to import campaigns from. Enter
//! saves the answer (reads the file), Esc cancels.

use super::{Cmd, Outcome, View, help_key};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::domain::*;
use crate::store::StoreError;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

/// What a prompt's answer is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptPurpose {
    /// Block this milestone with the typed reason.
    BlockMilestone(MilestoneId),
    /// Withdraw (cancel) this MDF request with the typed reason.
    WithdrawRequest(RequestId),
    /// Withdraw this expense with the typed reason.
    WithdrawExpense(ExpenseId),
    /// Read the file at the typed path for a CRM import (`I`); the
    /// prompt stays until it is read ([`App::crm_file_read`]).
    CrmImport,
}

/// A question on the screen.
#[derive(Debug, Clone)]
pub struct Prompt {
    /// The question.
    pub title: String,
    /// The answer being typed.
    pub area: Box<TextArea<'static>>,
    /// What the answer is for.
    pub purpose: PromptPurpose,
    /// Why the answer was refused, if it was.
    pub error: Option<String>,
}

/// The prompt's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Save the answer.
    Save,
    /// Complete the path typed (the file prompt only).
    Complete,
    /// Empty the line (Ctrl-u, as in the forms).
    ClearLine,
    /// Delete the word before the cursor (Ctrl-w).
    DeleteWord,
}

impl PromptPurpose {
    /// What Enter does, in the prompt's line: "saves", "reads the file".
    pub fn verb(self) -> &'static str {
        match self {
            PromptPurpose::CrmImport => "reads the file",
            _ => "saves",
        }
    }
}

impl Prompt {
    /// The question `title`, for `purpose`, with an empty answer.
    pub fn new(title: impl Into<String>, purpose: PromptPurpose) -> Prompt {
        Prompt {
            title: title.into(),
            area: super::line::line_editor(""),
            purpose,
            error: None,
        }
    }
}

impl View for Prompt {
    type Action = Act;
    const TITLE: &'static str = "Answer";
    const TYPING: bool = true;

    fn keys() -> Vec<Def<Cmd<Act>>> {
        vec![
            def(
                Cmd::Own(Act::Save),
                "save",
                &[Key::plain(KeyCode::Enter)],
                "save the answer",
            )
            .hint("save"),
            def(
                Cmd::Own(Act::Complete),
                "complete",
                &[Key::plain(KeyCode::Tab)],
                "a file's path: complete it (the names it could be are listed)",
            )
            .hint("complete"),
            def(
                Cmd::Own(Act::ClearLine),
                "clear_line",
                &[Key::ctrl('u')],
                "empty the line",
            ),
            def(
                Cmd::Own(Act::DeleteWord),
                "delete_word",
                &[Key::ctrl('w')],
                "delete the word before the cursor",
            ),
            help_key(true),
            def(
                Cmd::Close,
                "cancel",
                &[Key::plain(KeyCode::Esc)],
                "cancel: nothing is saved",
            )
            .hint("cancel"),
        ]
    }

    fn hint(&self, _app: &App, cmd: Cmd<Act>, label: &'static str) -> Option<String> {
        match cmd {
            Cmd::Own(Act::Save) if self.purpose == PromptPurpose::CrmImport => Some("read".into()),
            Cmd::Own(Act::Complete) if self.purpose != PromptPurpose::CrmImport => None,
            _ => Some(label.to_string()),
        }
    }

    fn act(mut self, app: &mut App, action: Act) -> Outcome<Prompt> {
        match action {
            Act::ClearLine | Act::DeleteWord => {
                let changed = match action {
                    Act::ClearLine => super::line::clear_line(&mut self.area),
                    _ => super::line::delete_word(&mut self.area),
                };
                if changed {
                    self.error = None;
                }
                Outcome::Keep(self)
            }
            Act::Complete => {
                if self.purpose == PromptPurpose::CrmImport {
                    let typed = self.area.lines().first().cloned().unwrap_or_default();
                    app.complete_crm_path(typed);
                }
                Outcome::Keep(self)
            }
            Act::Save => {
                let answer = self.area.lines().first().cloned().unwrap_or_default();
                if self.purpose == PromptPurpose::CrmImport {
                    // The path stays typed while the event loop reads it.
                    self.error = app.read_crm_file(answer.trim()).err();
                    return Outcome::Keep(self);
                }
                match app.prompt_answer(self.purpose, answer.trim()) {
                    Ok(()) => Outcome::Close,
                    Err(error) => {
                        self.error = Some(error);
                        Outcome::Keep(self)
                    }
                }
            }
        }
    }

    /// Typed text goes into the answer.
    fn other(mut self, _app: &mut App, ev: &KeyEvent) -> Result<Outcome<Prompt>, Prompt> {
        if !super::typed(ev) {
            return Err(self);
        }

        super::line::line_input(&mut self.area, ev);
        self.error = None;
        Ok(Outcome::Keep(self))
    }
}

impl App {
    /// Asks `title` for `purpose`.
    pub(crate) fn ask_why(&mut self, title: impl Into<String>, purpose: PromptPurpose) {
        self.mode = super::Mode::Prompt(Prompt::new(title, purpose));
    }

    pub(crate) fn prompt_answer(
        &mut self,
        purpose: PromptPurpose,
        answer: &str,
    ) -> Result<(), String> {
        match purpose {
            PromptPurpose::BlockMilestone(id) => {
                if answer.is_empty() {
                    return Err("say why, so the partner knows what to unblock".into());
                }
                self.commit("Block", |tx| {
                    tx.change(id, |m: &Milestone| {
                        let mut next = m.clone();
                        next.status = MilestoneStatus::Blocked;
                        next.blocked_reason = Some(answer.to_string());
                        next.completed_on = None;
                        Ok((format!("Block '{}'", m.name), next))
                    })
                })
                .map(|_| ())
                .map_err(|e| format!("Not saved: {e}"))
            }
            PromptPurpose::WithdrawRequest(id) => {
                if answer.is_empty() {
                    return Err("say why: the reason stays with the request".into());
                }
                let program = &self.program;
                let checked = |r: &MdfRequest| {
                    let mut next = r.clone();
                    next.status = RequestStatus::Cancelled;
                    next.reason = Some(answer.to_string());
                    match program.request_change_error(id, &next) {
                        Some(e) => Err(StoreError::Refused(e.message)),
                        None => Ok(("Withdraw MDF request".to_string(), next)),
                    }
                };
                let store = &mut self.store;
                let done = store.edit("Withdraw MDF request", |tx| tx.change(id, checked));
                self.after_commit(done).map(|_| ()).map_err(|e| match e {
                    StoreError::Refused(why) => why,
                    e => format!("Not saved: {e}"),
                })
            }
            PromptPurpose::CrmImport => self.read_crm_file(answer),
            PromptPurpose::WithdrawExpense(id) => {
                if answer.is_empty() {
                    return Err("say why: the reason stays with the expense".into());
                }
                self.commit("Withdraw expense", |tx| {
                    tx.change(id, |e: &Expense| {
                        let mut next = e.clone();
                        next.withdrawn = Some(answer.to_string());
                        Ok((format!("Withdraw expense '{}'", e.category), next))
                    })
                })
                .map(|_| ())
                .map_err(|e| format!("Not saved: {e}"))
            }
        }
    }
}
