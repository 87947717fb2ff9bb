//! A campaign's results against its targets (`R`, or Enter on its Results
//! row): the moving keys scroll, `e` enters the results, `W` writes the
//! reports, `H` shows earlier versions.

use super::{Cmd, Move, Outcome, View, moves, scrolled, way_out};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::{App, MenuChoice, StatusKind};
use crate::domain::ids::{CampaignId, RecordRef};

/// The results view's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Results {
    /// The campaign.
    pub campaign: CampaignId,
    /// Lines scrolled.
    pub scroll: usize,
}

/// The results view's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Enter or change the results (the form replaces the view).
    Edit,
    /// Write the campaign's plan and results reports.
    Report,
    /// The results' earlier versions (the history replaces the view).
    History,
}

impl View for Results {
    type Action = Act;
    const TITLE: &'static str = "Results";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let c = Key::ch;
        let mut keys = vec![
            def(
                Cmd::Own(Act::Edit),
                "edit",
                &[c('e')],
                "enter or change the results",
            )
            .hint("edit results"),
            def(
                Cmd::Own(Act::Report),
                "report",
                &[c('W')],
                "write the campaign's plan and results reports (Markdown)",
            )
            .hint("write reports"),
            def(
                Cmd::Own(Act::History),
                "history",
                &[c('H')],
                "earlier versions of the results",
            )
            .hint("earlier versions"),
        ];
        keys.extend(moves(Some("scroll")));
        keys.extend(way_out("close", Some(("results", c('R')))));
        keys
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Results> {
        match action {
            Act::Edit => {
                app.menu_choice(MenuChoice::EditResults(self.campaign));
                Outcome::Close
            }
            Act::Report => {
                app.write_reports_of(self.campaign);
                Outcome::Keep(self)
            }
            Act::History => match app.program.results_of(self.campaign) {
                Some(r) => {
                    app.show_history_of(RecordRef::Results(r.id));
                    Outcome::Close
                }
                None => {
                    let edit = app.keys.results.key_label(Cmd::Own(Act::Edit));
                    app.say(
                        StatusKind::Info,
                        format!("No results entered yet: {edit} enters them"),
                    );
                    Outcome::Keep(self)
                }
            },
        }
    }

    fn moved(self, app: &mut App, to: Move) -> Outcome<Results> {
        let scroll = scrolled(to, self.scroll, app.scroll_room(usize::MAX));
        Outcome::Keep(Results { scroll, ..self })
    }

    fn alive(&self, app: &App) -> bool {
        app.program.campaigns.get(self.campaign).is_some()
    }
}
