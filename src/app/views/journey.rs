//! An account's journey (Enter on an opportunity in the Pipeline view;
//! docs/domain.md §15.5): every touch, lead, snapshot and opportunity on
//! the account in date order, ours and the partners' side by side.

use super::{Cmd, Move, Nothing, Outcome, View, moves, scrolled, way_out};
use crate::app::App;
use crate::app::keytable::Def;
use crate::domain::evidence::journey::JourneyStep;

/// A journey on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journey {
    /// The account's name.
    pub title: String,
    /// The steps, in date order.
    pub steps: Vec<JourneyStep>,
    /// Lines scrolled.
    pub scroll: usize,
}

impl View for Journey {
    type Action = Nothing;
    const TITLE: &'static str = "Journey";

    fn keys() -> Vec<Def<Cmd<Nothing>>> {
        let mut keys = moves(Some("scroll"));
        keys.extend(way_out("back to the pipeline", None));
        keys
    }

    fn act(self, _app: &mut App, action: Nothing) -> Outcome<Journey> {
        match action {}
    }

    fn moved(self, app: &mut App, to: Move) -> Outcome<Journey> {
        let room = app.scroll_room(self.steps.len().saturating_sub(1));
        let scroll = scrolled(to, self.scroll, room);
        Outcome::Keep(Journey { scroll, ..self })
    }
}
