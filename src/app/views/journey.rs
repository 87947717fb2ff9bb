//! An account's journey (Enter on an opportunity in the Pipeline view, or
//! on a reconciliation finding in the findings list; docs/domain.md §15.5): every touch, lead, snapshot and opportunity on
//! the account in date order, ours and the partners' side by side. `t`
//! adds a partner touch by hand, `o` marks the account as in a partner's
//! overlap, `d` deletes a hand-added touch, `u` undoes (§15.1); the
//! journey and the pipeline under it are read again after each.

use super::confirm::Confirmed;
use super::{Cmd, Move, Outcome, View, moves, way_out};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::{App, StatusKind};
use crate::domain::evidence::journey::{JourneyStep, Step};
use crate::domain::evidence::{AccountId, OpportunityId, Touch};
use crate::domain::{CampaignId, PartnerId};

/// A journey on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journey {
    /// The account's name.
    pub title: String,
    /// The steps, in date order.
    pub steps: Vec<JourneyStep>,
    /// The selected step (index into `steps`).
    pub cursor: usize,
    /// The campaign whose pipeline it was opened from; `None` when opened
    /// from the findings list (it is then read by account).
    pub campaign: Option<CampaignId>,
    /// The default partner of a new touch or overlap mark: the campaign's,
    /// or the finding's.
    pub partner: Option<PartnerId>,
    /// The account.
    pub account: AccountId,
    /// The opportunity it was opened on (a new touch's default).
    pub opportunity: Option<OpportunityId>,
}

/// The Journey view's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Add a partner touch by hand.
    AddTouch,
    /// Mark the account as in a partner's overlap.
    MarkOverlap,
    /// Delete the selected touch (hand-added only).
    Delete,
    /// Undo the last edit.
    Undo,
}

impl View for Journey {
    type Action = Act;
    const TITLE: &'static str = "Journey";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let c = Key::ch;
        let mut keys = vec![
            def(
                Cmd::Own(Act::AddTouch),
                "add_touch",
                &[c('t')],
                "add a partner touch by hand (registration, referral, introduction, meeting, response)",
            )
            .hint("add touch"),
            def(
                Cmd::Own(Act::MarkOverlap),
                "mark_overlap",
                &[c('o')],
                "mark the account as in a partner's overlap (customer, prospect, open opportunity)",
            )
            .hint("mark overlap"),
            def(
                Cmd::Own(Act::Delete),
                "delete",
                &[c('d')],
                "delete the selected touch or overlap snapshot (after a yes)",
            )
            .hint("delete"),
            def(Cmd::Own(Act::Undo), "undo", &[c('u')], "undo the last edit").hint("undo"),
        ];
        keys.extend(moves(Some("select")));
        keys.extend(way_out("back", None));
        keys
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Journey> {
        match action {
            Act::AddTouch => app.open_touch_form(
                (self.campaign, self.partner),
                self.account,
                self.opportunity,
            ),
            Act::MarkOverlap => app.open_overlap_form((self.campaign, self.partner), self.account),
            Act::Delete => match self.steps.get(self.cursor).map(|s| s.step) {
                Some(Step::Touch(id)) => app.ask_delete_touch(id, &self.title),
                Some(Step::Snapshot(id)) => app.ask_delete_overlap(id, &self.title),
                _ => app.say(
                    StatusKind::Info,
                    "Select a partner touch or an overlap snapshot to delete it (leads and \
                     opportunities change in the CRM: import again)",
                ),
            },
            Act::Undo => {
                app.undo();
                return Outcome::Keep(app.reread_journey(self));
            }
        }
        Outcome::Keep(self)
    }

    fn moved(self, _app: &mut App, to: Move) -> Outcome<Journey> {
        // Ten steps a page.
        let room = crate::app::view::Scrolling {
            max: self.steps.len().saturating_sub(1),
            page: 11,
        };
        let cursor = super::scrolled(to, self.cursor, room);
        Outcome::Keep(Journey { cursor, ..self })
    }

    fn alive(&self, app: &App) -> bool {
        self.campaign
            .is_none_or(|c| app.program.campaigns.get(c).is_some())
    }
}

impl App {
    /// Asks before deleting overlap row `id` on account `account` (a mark
    /// made by hand, or one of an imported snapshot: a new import of the
    /// snapshot writes it again; docs/domain.md §15.1).
    fn ask_delete_overlap(&mut self, id: crate::domain::evidence::OverlapId, account: &str) {
        match self.store.get::<crate::domain::evidence::Overlap>(id) {
            Ok(Some(o)) => {
                let who = self
                    .program
                    .partners
                    .get(o.partner_id)
                    .map_or_else(|| format!("partner {}", o.partner_id), |p| p.name.clone());
                let excluded = if o.excluded { ", excluded" } else { "" };
                self.ask(
                    format!(
                        "Delete {account} from {who}'s overlap snapshot of {} ({}{excluded})?",
                        o.snapshot_on,
                        o.population.label().to_lowercase()
                    ),
                    Confirmed::Delete(crate::domain::RecordRef::Overlap(id)),
                );
            }
            Ok(None) => self.say(StatusKind::Info, "This overlap row was deleted meanwhile"),
            Err(e) => self.say(
                StatusKind::Error,
                format!("Cannot read the overlap row: {e}"),
            ),
        }
    }

    /// Asks before deleting touch `id` on account `account`; for an
    /// imported touch (with a CRM id) the question says a later import of
    /// a file that still holds it brings it back (remove it in the CRM too).
    fn ask_delete_touch(&mut self, id: crate::domain::evidence::TouchId, account: &str) {
        match self.store.get::<Touch>(id) {
            Ok(Some(t)) => {
                let imported = if t.crm_id.is_empty() {
                    String::new()
                } else {
                    format!(
                        " It was imported from the CRM (id {}): remove it there too, or a \
                         later import brings it back.",
                        t.crm_id
                    )
                };
                let who = self
                    .program
                    .partners
                    .get(t.partner_id)
                    .map_or_else(|| format!("partner {}", t.partner_id), |p| p.name.clone());
                self.ask(
                    format!(
                        "Delete {who}'s {} on {account} of {}?{imported}",
                        t.kind.label().to_lowercase(),
                        t.on
                    ),
                    Confirmed::DeleteTouch(id),
                );
            }
            Ok(None) => self.say(StatusKind::Info, "This touch was deleted meanwhile"),
            Err(e) => self.say(StatusKind::Error, format!("Cannot read the touch: {e}")),
        }
    }
}
