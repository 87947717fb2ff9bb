//! A campaign's results against its targets (`R`, or Enter on its Results
//! row): the moving keys scroll, `e` enters the results, `W` writes the
//! reports, `H` shows earlier versions, `v` switches between the reported
//! figures and the evidenced ones (docs/domain.md §15.3).

use super::{Cmd, Move, Outcome, View, moves, scrolled, way_out};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::{App, MenuChoice, StatusKind};
use crate::domain::ids::{CampaignId, RecordRef};
use crate::domain::results::CampaignResults;

/// The results view's state.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The campaign.
    pub campaign: CampaignId,
    /// Lines scrolled.
    pub scroll: usize,
    /// The results with the evidenced figures (docs/domain.md §15.3),
    /// read when the view opened; `None`: the campaign has no evidence.
    pub evidenced: Option<Box<CampaignResults>>,
    /// Whether the evidenced figures are shown (the default where there
    /// are some); `v` switches.
    pub show_evidenced: bool,
}

impl Results {
    /// The figures shown: the evidenced results when they are shown,
    /// else `None` (the reported ones).
    pub fn shown(&self) -> Option<&CampaignResults> {
        self.evidenced.as_deref().filter(|_| self.show_evidenced)
    }
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
    /// Switch between the reported and the evidenced figures.
    Evidence,
}

impl View for Results {
    type Action = Act;
    const TITLE: &'static str = "Results";

    fn hint(&self, _app: &App, cmd: Cmd<Act>, label: &'static str) -> Option<String> {
        match cmd {
            // Nothing to switch to without evidence.
            Cmd::Own(Act::Evidence) if self.evidenced.is_none() => None,
            _ => Some(label.to_string()),
        }
    }

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
                Cmd::Own(Act::Evidence),
                "evidence",
                &[c('v')],
                "switch between the reported and the evidenced figures",
            )
            .hint("reported/evidenced"),
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
                // The results report on the figures shown (v switches).
                app.write_reports_of(self.campaign, self.shown());
                Outcome::Keep(self)
            }
            Act::Evidence => {
                if self.evidenced.is_none() {
                    app.say(
                        StatusKind::Info,
                        "No pipeline evidence for this campaign: the reported figures stand",
                    );
                    return Outcome::Keep(self);
                }
                let show_evidenced = !self.show_evidenced;
                app.say(
                    StatusKind::Info,
                    if show_evidenced {
                        "Showing the evidenced figures (what the CRM's records support)"
                    } else {
                        "Showing the reported figures (as typed)"
                    },
                );
                Outcome::Keep(Results {
                    show_evidenced,
                    ..self
                })
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
