//! An add/edit form: its keys (save, cancel, next and previous field),
//! what a field's own keys do, and what a save or a cancel leads to. The
//! form itself (fields, parsing, errors) is [`crate::app::form::Form`];
//! each record kind's form is built in [`crate::app::forms`].

use super::{Cmd, Mode, Outcome, View, help_key};
use crate::app::Effect;
use crate::app::editor::Edit;
use crate::app::form::{Input, Outcome as Typed};
use crate::app::forms::{self, OpenForm};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, Hint, def};
use crate::app::{App, StatusKind};
use crossterm::event::{KeyCode, KeyEvent};

/// A form's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Save (only when every field is valid).
    Save,
    /// Cancel (twice if something was typed); after a refused save,
    /// reload the record as it is now.
    Cancel,
    /// The next field.
    NextField,
    /// The previous field.
    PrevField,
    /// A new line in a long text field (Enter saves).
    NewLine,
    /// The focused long text field in `$EDITOR`.
    Editor,
    /// Empty the focused text field.
    ClearField,
    /// Delete the word before the cursor.
    DeleteWord,
}

/// What a save or a reload left: the form still open, or closed.
fn outcome(app: &mut App, mode: Mode) -> Outcome<Box<OpenForm>> {
    match mode {
        Mode::Form(open) => Outcome::Keep(open),
        Mode::Normal => Outcome::Close,
        other => {
            app.mode = other;
            Outcome::Close
        }
    }
}

impl View for Box<OpenForm> {
    type Action = Act;
    const TITLE: &'static str = "Forms";
    const TYPING: bool = true;

    fn keys() -> Vec<Def<Cmd<Act>>> {
        use KeyCode::*;
        let p = Key::plain;
        vec![
            def(
                Cmd::Own(Act::Save),
                "save",
                &[p(Enter), Key::ctrl('s')],
                "save (only when every field is valid)",
            )
            .hint("save")
            .keep(),
            def(
                Cmd::Own(Act::NextField),
                "next_field",
                &[p(Tab), p(Down)],
                "next field",
            )
            .hint("next field")
            .hint_keys(2),
            def(
                Cmd::Own(Act::PrevField),
                "prev_field",
                &[p(BackTab), p(Up)],
                "previous field",
            )
            .hint("previous")
            .hint_keys(2),
            def(
                Cmd::Own(Act::NewLine),
                "new_line",
                &[Key::ctrl('j')],
                "a new line in a long text field (Alt-Enter too)",
            )
            .hint("new line"),
            def(
                Cmd::Own(Act::Editor),
                "editor",
                &[Key::ctrl('e')],
                "write a long text field in $VISUAL / $EDITOR",
            )
            .hint("$EDITOR"),
            def(
                Cmd::Own(Act::ClearField),
                "clear_field",
                &[Key::ctrl('u')],
                "empty the field",
            ),
            def(
                Cmd::Own(Act::DeleteWord),
                "delete_word",
                &[Key::ctrl('w')],
                "delete the word before the cursor",
            ),
            help_key(true),
            def(
                Cmd::Own(Act::Cancel),
                "cancel",
                &[p(Esc)],
                "cancel (twice if you typed something)",
            )
            .hint("cancel"),
        ]
    }

    fn act(mut self, app: &mut App, action: Act) -> Outcome<Box<OpenForm>> {
        match action {
            Act::Save => match self.form.submit() {
                Typed::Submit => {
                    let mode = app.submit(self);
                    outcome(app, mode)
                }
                _ => Outcome::Keep(self),
            },
            // After a refused save Esc reloads the record as it is now.
            Act::Cancel if self.theirs.is_some() => {
                let mode = app.reload_form(self);
                outcome(app, mode)
            }
            Act::Cancel => match self.form.escape() {
                Typed::Cancel => self.cancel(app),
                _ => Outcome::Keep(self),
            },
            Act::NextField => {
                self.form.step(1);
                Outcome::Keep(self)
            }
            Act::PrevField => {
                self.form.step(-1);
                Outcome::Keep(self)
            }
            Act::NewLine => {
                self.form.new_line();
                Outcome::Keep(self)
            }
            Act::ClearField => {
                self.form.clear_field();
                Outcome::Keep(self)
            }
            Act::DeleteWord => {
                self.form.delete_word();
                Outcome::Keep(self)
            }
            Act::Editor => {
                match self.form.long_text() {
                    Some((field, text)) => app.effect(Effect::Editor(Edit { field, text })),
                    None => {
                        self.form.error =
                            Some("$EDITOR writes long text fields (notes, justification)".into());
                    }
                }
                Outcome::Keep(self)
            }
        }
    }

    /// Other keys go into the focused field; a playbook or a start date
    /// fills the fields that follow from it.
    fn other(
        mut self,
        app: &mut App,
        ev: &KeyEvent,
    ) -> Result<Outcome<Box<OpenForm>>, Box<OpenForm>> {
        if !super::typed(ev) {
            return Err(self);
        }
        if let Typed::Changed(field) = self.form.input(ev) {
            match field {
                "playbook" => forms::apply_playbook(&mut self.form, &app.playbooks),
                "start" => forms::follow_start(&mut self.form, &app.playbooks),
                _ => {}
            }
        }
        Ok(Outcome::Keep(self))
    }

    fn cancel(self, app: &mut App) -> Outcome<Box<OpenForm>> {
        app.say(StatusKind::Info, "Closed; nothing saved");
        Outcome::Close
    }

    /// After a refused save: Enter saves the user's fields over theirs
    /// (when fields clashed), Esc reloads (kept in the bar).
    /// The new-line and editor keys show in a long text field only.
    fn hint(&self, _app: &App, cmd: Cmd<Act>, label: &'static str) -> Option<String> {
        let clash = self.theirs.as_ref().is_some_and(|u| !u.columns.is_empty());
        Some(match cmd {
            Cmd::Own(Act::NewLine | Act::Editor) if !self.form.focused_long() => return None,
            Cmd::Own(Act::Save) if clash => "save yours over theirs".into(),
            Cmd::Own(Act::Cancel) if self.theirs.is_some() => "reload theirs".into(),
            _ => label.to_string(),
        })
    }

    /// The focused field's own keys follow the save key.
    fn arrange(&self, _app: &App, mut hints: Vec<Hint>) -> Vec<Hint> {
        let field = self
            .form
            .fields
            .get(self.form.focus)
            .and_then(|f| match f.input {
                Input::Choice { .. } => Some(Hint::new("←/→", "choose")),
                Input::Toggle(_) => Some(Hint::new("Space", "yes/no")),
                Input::Text { .. } => None,
            });
        if let Some(h) = field {
            hints.insert(1.min(hints.len()), h);
        }
        hints
    }

    fn notes(app: &App) -> Vec<(String, String)> {
        let cur = app.program.currency;
        let pair = |k: &str, d: &str| (k.to_string(), d.to_string());
        vec![
            pair("← → Space", "change a choice or yes/no (in its field)"),
            pair("dates", "YYYY-MM-DD, today, +7, -3"),
            pair(
                "money",
                &format!(
                    "12500, {}, 12.5k ({})",
                    cur.grouped(rust_decimal::Decimal::from(12500)),
                    cur.code()
                ),
            ),
        ]
    }
}

impl App {
    /// Opens `open` (a form).
    pub(crate) fn open_form(&mut self, open: OpenForm) {
        self.mode = self.form_mode(open);
    }
}
