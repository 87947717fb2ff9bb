//! The help overlay: the keys of the view it was opened from (`?` there),
//! then the keys that work anywhere, generated from the views' key tables.

use super::{Cmd, Move, Nothing, Outcome, View, moves, scrolled, way_out};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crossterm::event::KeyCode;

/// The help overlay's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    /// Lines scrolled.
    pub scroll: usize,
}

impl View for Help {
    type Action = Nothing;
    const TITLE: &'static str = "Help";

    fn keys() -> Vec<Def<Cmd<Nothing>>> {
        let mut keys = moves(Some("scroll"));
        // `?` again closes it: the help key is the way out here.
        keys.extend(way_out("close", None).into_iter().skip(1));
        keys.push(def(
            Cmd::Close,
            "help",
            &[Key::ch('?'), Key::plain(KeyCode::F(1))],
            "close the help",
        ));
        keys
    }

    fn act(self, _app: &mut App, action: Nothing) -> Outcome<Help> {
        match action {}
    }

    fn moved(self, app: &mut App, to: Move) -> Outcome<Help> {
        let room = app.scroll_room(app.help_len());
        Outcome::Keep(Help {
            scroll: scrolled(to, self.scroll, room),
        })
    }
}
