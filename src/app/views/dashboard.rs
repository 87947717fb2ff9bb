//! The program dashboard of one fiscal year (`D`): ← / → change the year,
//! the moving keys scroll the tables, `W` writes the program report, `v`
//! switches between the evidenced figures (where the CRM supports them)
//! and the reported ones (docs/domain.md §15.3).

use super::{Cmd, Move, Outcome, View, moves, scrolled, way_out};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::reports::EvidencedResults;
use crate::app::{App, StatusKind};
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
    /// The whole program's evidenced results (docs/domain.md §15.3), read
    /// when the dashboard opened; `None`: the database holds no evidence.
    pub evidenced: Option<Box<EvidencedResults>>,
    /// Whether the evidenced figures are used where there are some (the
    /// default with evidence); `v` switches.
    pub show_evidenced: bool,
}

impl Dashboard {
    /// The evidenced results when they are used, else `None` (the
    /// reported ones).
    pub fn shown(&self) -> Option<&EvidencedResults> {
        self.evidenced.as_deref().filter(|_| self.show_evidenced)
    }
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
    /// Switch between the evidenced and the reported figures.
    Evidence,
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
            def(
                Cmd::Own(Act::Evidence),
                "evidence",
                &[c('v')],
                "switch between the evidenced figures (where the CRM supports them) and the reported ones",
            )
            .hint("evidenced/reported"),
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
            Act::Evidence => {
                if self.evidenced.is_none() {
                    app.say(
                        StatusKind::Info,
                        "No pipeline evidence in the database: the reported figures stand",
                    );
                    return Outcome::Keep(self);
                }
                let show_evidenced = !self.show_evidenced;
                app.say(
                    StatusKind::Info,
                    if show_evidenced {
                        "Showing the evidenced figures where the CRM supports them"
                    } else {
                        "Showing the reported figures (as typed)"
                    },
                );
                let shown = Dashboard {
                    show_evidenced,
                    ..self
                };
                return match app.dashboard_of(Some(year), shown.shown()) {
                    Some(dash) => Outcome::Keep(Dashboard {
                        dash: Box::new(dash),
                        ..shown
                    }),
                    None => Outcome::Keep(shown),
                };
            }
        };
        match app.dashboard_of(Some(to), self.shown()) {
            Some(dash) => Outcome::Keep(Dashboard {
                dash: Box::new(dash),
                scroll: 0,
                ..self
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
