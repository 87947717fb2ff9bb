//! The program dashboard of one fiscal year (`D`): ← / → change the year,
//! the moving keys scroll the tables, `W` writes the program report.

use super::{Cmd, Move, Outcome, View, moves, scrolled, way_out};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::domain::dashboard;
use crossterm::event::KeyCode;

/// The dashboard's state: its figures, computed when opened or when the
/// year changes.
#[derive(Debug, Clone)]
pub struct Dashboard {
    /// The figures.
    pub dash: Box<dashboard::Dashboard>,
    /// Lines scrolled (the tables).
    pub scroll: usize,
}

/// The dashboard's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// The fiscal year before.
    PrevYear,
    /// The fiscal year after.
    NextYear,
    /// Write the program report of the year.
    Report,
}

impl View for Dashboard {
    type Action = Act;
    const TITLE: &'static str = "Dashboard";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let c = Key::ch;
        let p = Key::plain;
        let mut keys = vec![
            def(
                Cmd::Own(Act::PrevYear),
                "prev_year",
                &[p(KeyCode::Left), c('h')],
                "the fiscal year before",
            )
            .hint("fiscal year"),
            def(
                Cmd::Own(Act::NextYear),
                "next_year",
                &[p(KeyCode::Right), c('l')],
                "the fiscal year after",
            )
            .hint("fiscal year"),
            def(
                Cmd::Own(Act::Report),
                "report",
                &[c('W')],
                "write the program report of the year (Markdown)",
            )
            .hint("write the program report"),
        ];
        keys.extend(moves(Some("scroll")));
        keys.extend(way_out("close", Some(("dashboard", c('D')))));
        keys
    }

    fn act(mut self, app: &mut App, action: Act) -> Outcome<Dashboard> {
        let year = self.dash.year.year;
        let to = match action {
            Act::PrevYear if year > 1900 => year - 1,
            Act::NextYear if year < 9999 => year + 1,
            Act::PrevYear | Act::NextYear => return Outcome::Keep(self),
            Act::Report => {
                app.write_program_report(&self.dash);
                return Outcome::Keep(self);
            }
        };
        match app.dashboard_of(Some(to)) {
            Some(dash) => Outcome::Keep(Dashboard {
                dash: Box::new(dash),
                scroll: 0,
            }),
            None => {
                self.scroll = 0;
                Outcome::Keep(self)
            }
        }
    }

    fn moved(self, app: &mut App, to: Move) -> Outcome<Dashboard> {
        let scroll = scrolled(to, self.scroll, app.scroll_room(usize::MAX));
        Outcome::Keep(Dashboard { scroll, ..self })
    }
}
