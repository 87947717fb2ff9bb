//! The agenda (`T`; issue 11, item 5): what is overdue, due in the next 7
//! days and blocked, across every partner, computed by
//! [`crate::domain::agenda`]; Enter goes to the record on the main screen
//! ([`App::reveal`]). Drawn by `ui/agenda.rs`.

use super::{Cmd, Move, Outcome, View, moves, scrolled, way_out};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::view::Scrolling;
use crate::app::{App, Mode, StatusKind};
use crate::domain::agenda::{self, Agenda as Sheet};
use crossterm::event::KeyCode;

/// The agenda's state: the entry under the cursor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Agenda {
    /// The selected entry, counted over the sections in order (overdue,
    /// due soon, blocked).
    pub index: usize,
}

/// The agenda's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Go to the selected entry's record.
    Open,
}

impl View for Agenda {
    type Action = Act;
    const TITLE: &'static str = "Agenda";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let mut keys = moves(Some("move"));
        keys.push(
            def(
                Cmd::Own(Act::Open),
                "open",
                &[Key::plain(KeyCode::Enter)],
                "go to the record (a claim: its request in MDF; a meeting: the partner)",
            )
            .hint("go to the record"),
        );
        keys.extend(way_out("close", Some(("agenda", Key::ch('T')))));
        keys
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Agenda> {
        match action {
            Act::Open => {
                let sheet = app.agenda();
                match sheet.entries().nth(self.index) {
                    Some(e) => {
                        app.reveal(e.record);
                        Outcome::Close
                    }
                    None => Outcome::Keep(self),
                }
            }
        }
    }

    /// The cursor moves over the entries; a page is the view's height.
    fn moved(self, app: &mut App, to: Move) -> Outcome<Agenda> {
        let room = Scrolling {
            max: app.agenda().len().saturating_sub(1),
            page: app.areas.view_height().saturating_sub(6).max(2),
        };
        Outcome::Keep(Agenda {
            index: scrolled(to, self.index, room),
        })
    }
}

impl App {
    /// The agenda as of today (docs/domain.md §14).
    pub fn agenda(&self) -> Sheet {
        agenda::agenda(&self.program, &self.config.policies, self.today)
    }

    /// `T`: opens the agenda; with nothing on it, says so.
    pub(crate) fn open_agenda(&mut self) {
        // Every partner's milestones and deadlines: every record is read.
        self.hold_all();
        if self.agenda().is_empty() {
            self.say(
                StatusKind::Info,
                format!(
                    "Nothing is overdue, due in the next {} days or blocked",
                    agenda::HORIZON_DAYS
                ),
            );
        } else {
            self.mode = Mode::Agenda(Agenda::default());
        }
    }
}
