//! A message with lines to read and, optionally, one key that acts on it
//! (what a packet still needs; `d` writes a draft anyway).

use super::menu::{MenuChoice, picked};
use super::{Cmd, Nothing, Outcome, View, way_out};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, Hint, def};
use crossterm::event::{KeyCode, KeyEvent};

/// A notice on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Title.
    pub title: String,
    /// The lines.
    pub lines: Vec<String>,
    /// The key, its label and what it does.
    pub action: Option<(char, String, MenuChoice)>,
}

impl View for Notice {
    type Action = Nothing;
    const TITLE: &'static str = "Notice";

    fn keys() -> Vec<Def<Cmd<Nothing>>> {
        let mut keys = way_out("close", None);
        keys.push(def(
            Cmd::Close,
            "ok",
            &[Key::plain(KeyCode::Enter)],
            "close (read)",
        ));
        keys
    }

    fn act(self, _app: &mut App, action: Nothing) -> Outcome<Notice> {
        match action {}
    }

    /// The notice's key does what it says.
    fn other(self, app: &mut App, ev: &KeyEvent) -> Result<Outcome<Notice>, Notice> {
        match picked(self.action.as_slice(), ev) {
            Some(choice) => {
                app.menu_choice(choice);
                Ok(Outcome::Close)
            }
            None => Err(self),
        }
    }

    fn hint(&self, _app: &App, cmd: Cmd<Nothing>, label: &'static str) -> Option<String> {
        (cmd != Cmd::Help).then(|| label.to_string())
    }

    fn arrange(&self, _app: &App, hints: Vec<Hint>) -> Vec<Hint> {
        let mut out: Vec<Hint> = self
            .action
            .iter()
            .map(|(k, label, _)| Hint::new(k.to_string(), label.clone()))
            .collect();
        out.extend(hints);
        out
    }

    fn extra_help(&self, _app: &App) -> Vec<(String, String)> {
        self.action
            .iter()
            .map(|(k, label, _)| (k.to_string(), label.clone()))
            .collect()
    }
}
