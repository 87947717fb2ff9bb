//! A record's change history (`H`), newest first.

use super::{Cmd, Move, Nothing, Outcome, View, moves, scrolled, way_out};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::Def;

/// A history on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    /// Title (the record).
    pub title: String,
    /// One line per change, newest first.
    pub lines: Vec<String>,
    /// Lines scrolled.
    pub scroll: usize,
}

impl View for History {
    type Action = Nothing;
    const TITLE: &'static str = "History";

    fn keys() -> Vec<Def<Cmd<Nothing>>> {
        let mut keys = moves(Some("scroll"));
        keys.extend(way_out("close", Some(("history", Key::ch('H')))));
        keys
    }

    fn act(self, _app: &mut App, action: Nothing) -> Outcome<History> {
        match action {}
    }

    fn moved(self, app: &mut App, to: Move) -> Outcome<History> {
        let room = app.scroll_room(self.lines.len().saturating_sub(1));
        let scroll = scrolled(to, self.scroll, room);
        Outcome::Keep(History { scroll, ..self })
    }
}
