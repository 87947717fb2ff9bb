//! Typing a filter for the focused pane of the main screen (`/`): the
//! pane narrows as each letter is typed; Enter keeps the filter, Esc
//! clears it.

use super::{Cmd, Outcome, View, help_key};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::view::Pane;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

/// The filter being typed.
#[derive(Debug, Clone)]
pub struct Filter {
    /// The pane filtered.
    pub pane: Pane,
    /// The filter text being typed.
    pub area: Box<TextArea<'static>>,
}

/// The filter's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Keep the filter and go back to the pane.
    Keep,
    /// Clear the filter and go back to the pane.
    Clear,
}

impl Filter {
    /// A filter of `pane`, starting from its current text.
    pub fn new(pane: Pane, current: &str) -> Filter {
        Filter {
            pane,
            area: super::line::line_editor(current),
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> String {
        self.area.lines().first().cloned().unwrap_or_default()
    }
}

impl View for Filter {
    type Action = Act;
    const TITLE: &'static str = "Filter";
    const TYPING: bool = true;

    fn keys() -> Vec<Def<Cmd<Act>>> {
        vec![
            def(
                Cmd::Own(Act::Keep),
                "keep",
                &[Key::plain(KeyCode::Enter)],
                "keep the filter",
            )
            .hint("keep filter"),
            help_key(true),
            def(
                Cmd::Own(Act::Clear),
                "clear",
                &[Key::plain(KeyCode::Esc)],
                "clear the filter",
            )
            .hint("clear filter"),
        ]
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Filter> {
        if action == Act::Clear {
            app.set_filter(self.pane, String::new());
        }
        Outcome::Close
    }

    /// Typed text narrows the pane at once; Tab does nothing here.
    fn other(mut self, app: &mut App, ev: &KeyEvent) -> Result<Outcome<Filter>, Filter> {
        if matches!(ev.code, KeyCode::Tab | KeyCode::BackTab) || !super::typed(ev) {
            return Err(self);
        }
        super::line::line_input(&mut self.area, ev);
        app.set_filter(self.pane, self.text());
        Ok(Outcome::Keep(self))
    }

    fn cancel(self, app: &mut App) -> Outcome<Filter> {
        self.act(app, Act::Clear)
    }
}
