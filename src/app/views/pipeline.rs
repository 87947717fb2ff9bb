//! A campaign's pipeline evidence (`E` from the Timeline or the MDF pane;
//! docs/domain.md §15.2–§15.3): what the evidence supports beside what
//! was reported, the opportunities attributed to the campaign with their
//! class and reason, and its leads. Enter on an opportunity opens its
//! account's journey (§15.5); the journey closes back here.

use super::journey::Journey;
use super::{Cmd, Move, Outcome, View, moves, way_out};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::pipeline::PipelineData;
use crate::app::{App, Mode, StatusKind};

/// The Pipeline view's state: the data read when it opened, and the
/// opportunity under the cursor.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// What the view shows.
    pub data: Box<PipelineData>,
    /// The selected opportunity (index into `data.opportunities`).
    pub cursor: usize,
}

/// The Pipeline view's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// The selected opportunity's account journey.
    Journey,
    /// Add a partner touch by hand on the selected opportunity.
    AddTouch,
}

impl View for Pipeline {
    type Action = Act;
    const TITLE: &'static str = "Pipeline";

    fn hint(&self, _app: &App, cmd: Cmd<Act>, label: &'static str) -> Option<String> {
        match cmd {
            // Nothing to open or touch without an opportunity.
            Cmd::Own(Act::Journey | Act::AddTouch) if self.data.opportunities.is_empty() => None,
            _ => Some(label.to_string()),
        }
    }

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let mut keys = vec![
            def(
                Cmd::Own(Act::Journey),
                "journey",
                &[Key::plain(crossterm::event::KeyCode::Enter)],
                "the account's journey: every touch, lead and opportunity in date order",
            )
            .hint("account journey"),
            def(
                Cmd::Own(Act::AddTouch),
                "add_touch",
                &[Key::ch('t')],
                "add a partner touch by hand on the selected opportunity",
            )
            .hint("add touch"),
        ];
        keys.extend(moves(Some("select")));
        keys.extend(way_out("close", Some(("pipeline", Key::ch('E')))));
        keys
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Pipeline> {
        match action {
            Act::AddTouch => {
                match self.data.opportunities.get(self.cursor) {
                    Some(o) => match o.account {
                        Some(account) => {
                            app.open_touch_form((Some(self.data.campaign), None), account, Some(o.id))
                        }
                        None => app.say(
                            StatusKind::Info,
                            format!("'{}' has no account in jmo: import the accounts first", o.name),
                        ),
                    },
                    None => app.say(
                        StatusKind::Info,
                        "No opportunity is attributed to this campaign: open a journey (Enter) on one",
                    ),
                }
                Outcome::Keep(self)
            }
            Act::Journey => {
                let Some(o) = self.data.opportunities.get(self.cursor) else {
                    app.say(
                        StatusKind::Info,
                        "No opportunity is attributed to this campaign",
                    );
                    return Outcome::Keep(self);
                };
                let Some(account) = o.account else {
                    app.say(
                        StatusKind::Info,
                        format!(
                            "'{}' has no account in jmo ({}): import the accounts to see its journey",
                            o.name, o.account_name
                        ),
                    );
                    return Outcome::Keep(self);
                };
                let steps = app.journey_in(&self.data, account);
                let title = app.account_name_in(&self.data, account);
                app.mode = Mode::Journey(Journey {
                    title,
                    steps,
                    cursor: 0,
                    campaign: Some(self.data.campaign),
                    partner: app
                        .program
                        .campaigns
                        .get(self.data.campaign)
                        .map(|c| c.partner_id),
                    account,
                    opportunity: Some(o.id),
                });
                Outcome::Keep(self)
            }
        }
    }

    fn moved(self, _app: &mut App, to: Move) -> Outcome<Pipeline> {
        // Ten steps a page.
        let room = crate::app::view::Scrolling {
            max: self.data.opportunities.len().saturating_sub(1),
            page: 11,
        };
        let cursor = super::scrolled(to, self.cursor, room);
        Outcome::Keep(Pipeline { cursor, ..self })
    }

    fn alive(&self, app: &App) -> bool {
        app.program.campaigns.get(self.data.campaign).is_some()
    }
}
