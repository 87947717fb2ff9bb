//! Getting to the right row in a few keys (issue 11, items 2 and 3):
//! `]` / `[` the partner's next / previous campaign and `}` / `{` the next
//! / previous partner, from any pane; the checklist cursor that starts on
//! the first open item and, after a tick, moves on to the next open item
//! (and after a milestone becomes done, to the next milestone not done).

use super::view::{Pane, Row};
use super::{App, StatusKind};
use crate::domain::*;

/// Which way `]` / `[` and `}` / `{` move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// To the next one (`]`, `}`).
    Next,
    /// To the previous one (`[`, `{`).
    Prev,
}

impl App {
    /// `]` / `[`: selects the selected partner's next / previous campaign
    /// as the Timeline lists them (its filter applies), keeping the focus
    /// where it is; the Checklist and MDF panes follow. At either end it
    /// stays and says so.
    pub(crate) fn step_campaign(&mut self, step: Step) {
        let Some(partner) = self.selected_partner().map(|p| p.name.clone()) else {
            return;
        };
        let rows = self.rows(Pane::Timeline);
        let campaigns: Vec<(usize, CampaignId)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                Row::Campaign(c) => Some((i, *c)),
                _ => None,
            })
            .collect();
        if campaigns.is_empty() {
            self.say(
                StatusKind::Info,
                format!("{partner} has no campaigns shown"),
            );
            return;
        }
        let current = self.selected_campaign().map(|c| c.id);
        let at = current.and_then(|c| campaigns.iter().position(|(_, id)| *id == c));
        let target = match (at, step) {
            (None, _) => Some(0),
            (Some(i), Step::Next) => (i + 1 < campaigns.len()).then_some(i + 1),
            (Some(i), Step::Prev) => i.checked_sub(1),
        };
        match target {
            Some(t) => {
                let (index, id) = campaigns[t];
                self.select(Pane::Timeline, Row::Campaign(id), index);
            }
            None => self.say(
                StatusKind::Info,
                match step {
                    Step::Next => format!("That is the last campaign of {partner}"),
                    Step::Prev => format!("That is the first campaign of {partner}"),
                },
            ),
        }
    }

    /// `}` / `{`: selects the next / previous partner in the Partners
    /// pane's order (its sort and filters apply), keeping the focus where
    /// it is; the other panes follow. At either end it stays and says so.
    pub(crate) fn step_partner(&mut self, step: Step) {
        // Every row of the Partners pane is a partner (or, with none
        // shown, its one "no partners match" row, which is not selectable).
        let rows = self.rows(Pane::Partners);
        let count = rows.selectable_count();
        if count == 0 {
            return;
        }
        let current = self.pane(Pane::Partners);
        let at = current
            .selected
            .and_then(|_| super::view::resolve(&rows, current))
            .filter(|&i| Some(rows[i]) == current.selected);
        let target = match (at, step) {
            (None, _) => Some(0),
            (Some(i), Step::Next) => (i + 1 < count).then_some(i + 1),
            (Some(i), Step::Prev) => i.checked_sub(1),
        };
        match target {
            Some(index) => {
                self.select(Pane::Partners, rows[index], index);
            }
            None => self.say(
                StatusKind::Info,
                match step {
                    Step::Next => "That is the last partner",
                    Step::Prev => "That is the first partner",
                },
            ),
        }
    }

    /// The first checklist item of the selected campaign not done yet, in
    /// the Checklist's order (its filter applies); `None` when all are.
    pub(super) fn first_open_item(&self) -> Option<Row> {
        let rows = self.rows(Pane::Checklist);
        rows.iter().copied().find(|r| self.is_open(*r))
    }

    /// Whether a row is a checklist item not done yet, or a milestone not
    /// done yet.
    fn is_open(&self, row: Row) -> bool {
        match row {
            Row::Item(id) => self
                .program
                .responsibilities
                .get(id)
                .is_some_and(|r| !r.is_done()),
            Row::Milestone(id) => self
                .program
                .milestones
                .get(id)
                .is_some_and(|m| m.status != MilestoneStatus::Done),
            _ => false,
        }
    }

    /// After Space made `done` done: the cursor of `pane` moves to the
    /// next open row of the same kind below it, wrapping round to the
    /// first one above it (skipped earlier, still open); milestones stay
    /// within their campaign. With none left open it stays.
    pub(crate) fn move_to_next_open(&mut self, pane: Pane, done: Row) {
        let rows = self.rows(pane);
        let Some(at) = rows.iter().position(|r| *r == done) else {
            return;
        };
        let campaign_of = |app: &App, r: Row| match r {
            Row::Milestone(m) => app.program.milestones.get(m).map(|m| m.campaign_id),
            _ => None,
        };
        let home = campaign_of(self, done);
        let order = (at + 1..rows.len()).chain(0..at);
        let next = order
            .filter(|&i| self.is_open(rows[i]))
            .find(|&i| campaign_of(self, rows[i]) == home);
        if let Some(i) = next {
            self.select(pane, rows[i], i);
        }
    }
}
