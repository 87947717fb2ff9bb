//! The full findings list (`f`): every guardrail finding, errors first;
//! Enter goes to the record, or for a reconciliation finding opens the
//! account's journey or the campaign's pipeline over the list
//! (`App::open_evidence_of`).

use super::{Cmd, Move, Outcome, View, moves, scrolled, way_out};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::view::Scrolling;
use crossterm::event::KeyCode;

/// The findings list's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Findings {
    /// The selected finding.
    pub index: usize,
}

/// The findings list's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Go to the selected finding's record.
    Open,
}

impl View for Findings {
    type Action = Act;
    const TITLE: &'static str = "Findings";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let mut keys = moves(Some("move"));
        keys.push(
            def(
                Cmd::Own(Act::Open),
                "open",
                &[Key::plain(KeyCode::Enter)],
                "go to the finding's record",
            )
            .hint("go to the record"),
        );
        keys.extend(way_out("close", Some(("findings", Key::ch('f')))));
        keys
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Findings> {
        match action {
            // The evidence's view opens over the list (Esc comes back);
            // a record in the panes closes it.
            Act::Open if app.jump_to_finding(self.index) => Outcome::Keep(self),
            Act::Open => Outcome::Close,
        }
    }

    /// The cursor moves over the findings; a page is 10.
    fn moved(self, app: &mut App, to: Move) -> Outcome<Findings> {
        let last = app.findings_listed().len().saturating_sub(1);
        let room = Scrolling {
            max: last,
            page: 11,
        };
        Outcome::Keep(Findings {
            index: scrolled(to, self.index, room),
        })
    }
}
