//! A yes/no question before something that needs it: a delete, going live
//! with readiness incomplete, archiving, taking a campaign out of a plan,
//! an undo that removes many records. `y` (or Enter) goes ahead, `n` (or
//! Esc) keeps things as they are.

use super::{Cmd, Outcome, View, help_key};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::{App, StatusKind};
use crate::domain::*;
use crate::store::StoreError;
use crossterm::event::KeyCode;

/// What "yes" does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmed {
    /// Delete the record (and what hangs under it).
    Delete(RecordRef),
    /// Move the campaign to live although the partner's readiness is
    /// incomplete (issue 5, item 3).
    GoLive(CampaignId),
    /// Archive the partner, or bring it back when archived.
    Archive(PartnerId),
    /// Take the campaign out of its joint marketing plan.
    Unlink(PlanEntryId),
    /// Delete a partner touch added by hand (docs/domain.md §15.1).
    DeleteTouch(crate::domain::evidence::TouchId),
    /// Undo an edit that removes many records (issue 10, item 7).
    Undo,
    /// Redo an edit that removes many records.
    Redo,
}

impl Confirmed {
    /// What "yes" is called in the hint bar.
    pub fn yes(self) -> &'static str {
        match self {
            Confirmed::Delete(_) | Confirmed::DeleteTouch(_) => "yes, delete",
            Confirmed::GoLive(_) => "yes, go live",
            Confirmed::Archive(_) => "yes",
            Confirmed::Unlink(_) => "yes, take it out",
            Confirmed::Undo => "yes, undo",
            Confirmed::Redo => "yes, redo",
        }
    }
}

/// The question on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question.
    pub message: String,
    /// What "yes" does.
    pub then: Confirmed,
}

/// The answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Go ahead.
    Yes,
    /// Keep things as they are.
    No,
}

impl View for Confirm {
    type Action = Act;
    const TITLE: &'static str = "A question";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let c = Key::ch;
        let p = Key::plain;
        vec![
            def(
                Cmd::Own(Act::Yes),
                "yes",
                &[c('y'), c('Y'), p(KeyCode::Enter)],
                "yes: go ahead",
            )
            .hint("yes"),
            help_key(false),
            def(
                Cmd::Own(Act::No),
                "no",
                &[c('n'), p(KeyCode::Esc), c('N'), c('q')],
                "no: keep things as they are",
            )
            .hint("no, keep it")
            .hint_keys(2),
        ]
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Confirm> {
        match action {
            Act::Yes => app.confirmed(self.then),
            Act::No => app.say(
                StatusKind::Info,
                match self.then {
                    Confirmed::Delete(_) | Confirmed::DeleteTouch(_) => "Kept; nothing deleted",
                    _ => "Nothing changed",
                },
            ),
        }
        Outcome::Close
    }

    fn hint(&self, _app: &App, cmd: Cmd<Act>, label: &'static str) -> Option<String> {
        Some(match cmd {
            Cmd::Own(Act::Yes) => self.then.yes().to_string(),
            _ => label.to_string(),
        })
    }
}

impl App {
    /// Does what a confirmation said yes to.
    pub(crate) fn confirmed(&mut self, then: Confirmed) {
        match then {
            Confirmed::Undo => self.undo_now(),
            Confirmed::Redo => self.redo_now(),
            Confirmed::Delete(record) => self.delete(record),
            Confirmed::DeleteTouch(id) => self.delete_touch(id),
            Confirmed::GoLive(campaign) => {
                self.commit_or_say("Go live", |tx| {
                    tx.change(campaign, |c: &Campaign| {
                        // Asked while it was planned: if it moved
                        // elsewhere meanwhile, say so rather than move it.
                        if c.status != CampaignStatus::Planned {
                            return Err(StoreError::Refused(format!(
                                "'{}' is {} now (changed elsewhere); nothing was changed",
                                c.name, c.status
                            )));
                        }
                        let mut next = c.clone();
                        next.status = CampaignStatus::Live;
                        Ok((format!("'{}' → live (readiness incomplete)", c.name), next))
                    })
                });
            }
            Confirmed::Archive(partner) => {
                let today = self.today;
                self.commit_or_say("Archive", |tx| {
                    tx.change(partner, |p: &Partner| {
                        let mut next = p.clone();
                        Ok(if p.is_archived() {
                            next.archived_on = None;
                            (format!("Bring back '{}'", p.name), next)
                        } else {
                            next.archived_on = Some(today);
                            (format!("Archive '{}'", p.name), next)
                        })
                    })
                });
                // An archived partner leaves the list unless archived ones show.
                self.sync_pane(crate::app::view::Pane::Partners);
                self.select_default_campaign();
            }
            Confirmed::Unlink(entry) => {
                let name = self
                    .program
                    .plan_entries
                    .get(entry)
                    .and_then(|e| self.program.campaigns.get(e.campaign_id))
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                self.commit_or_say(&format!("Take '{name}' out of the plan"), |tx| {
                    tx.delete(RecordRef::PlanEntry(entry))
                });
            }
        }
    }

    /// Asks `message` before doing `then`.
    pub(crate) fn ask(&mut self, message: String, then: Confirmed) {
        self.mode = super::Mode::Confirm(Confirm { message, then });
    }
}
