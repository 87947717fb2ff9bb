//! Evidence typed by hand from the Pipeline and Journey views (issue 14;
//! docs/domain.md §15.1): opening the touch and overlap forms with their
//! defaults, deleting a hand-added touch, and reading both views again
//! after an edit, an undo or a redo so a new touch shows at once with
//! its effect on the classes (§15.2).

use super::views::dashboard::Dashboard;
use super::views::journey::Journey;
use super::views::pipeline::Pipeline;
use super::views::results::Results;
use super::{App, Mode, StatusKind, forms};
use crate::domain::evidence::{AccountId, OpportunityId, TouchId};
use crate::domain::{CampaignId, PartnerId, RecordRef};

impl App {
    /// Opens the touch form on `account`, opened from `(campaign,
    /// partner)`: a campaign's pipeline (its partner the default) or, with
    /// no campaign, the findings list (`partner` the default); today, the
    /// opportunity `opportunity`.
    pub(crate) fn open_touch_form(
        &mut self,
        from: (Option<CampaignId>, Option<PartnerId>),
        account: AccountId,
        opportunity: Option<OpportunityId>,
    ) {
        let Some((name, opportunities)) = self.account_words(from.0, account) else {
            return;
        };
        let partner = self.default_partner(from);
        let open = forms::touch_form(
            &self.program,
            account,
            &name,
            &opportunities,
            partner,
            opportunity,
            self.today,
        );
        self.open_form(open);
    }

    /// Opens the overlap form on `account`, opened from `(campaign,
    /// partner)` as [`App::open_touch_form`]: snapshot today.
    pub(crate) fn open_overlap_form(
        &mut self,
        from: (Option<CampaignId>, Option<PartnerId>),
        account: AccountId,
    ) {
        let Some((name, _)) = self.account_words(from.0, account) else {
            return;
        };
        let partner = self.default_partner(from);
        let open = forms::overlap_form(&self.program, account, &name, partner, self.today);
        self.open_form(open);
    }

    fn default_partner(&self, from: (Option<CampaignId>, Option<PartnerId>)) -> Option<PartnerId> {
        from.0
            .and_then(|c| self.program.campaigns.get(c))
            .map(|c| c.partner_id)
            .or(from.1)
    }

    /// `account`'s name and opportunities as `campaign`'s pipeline reads
    /// them, or read by account without one; `None` (said) when the read
    /// fails.
    fn account_words(
        &mut self,
        campaign: Option<CampaignId>,
        account: AccountId,
    ) -> Option<(String, Vec<(OpportunityId, String)>)> {
        let read = match campaign {
            Some(c) => self.pipeline_of(c).map(|d| {
                (
                    self.account_name_in(&d, account),
                    d.opportunities_of(account),
                )
            }),
            None => self
                .account_journey(account)
                .map(|j| (j.name, j.opportunities)),
        };
        match read {
            Ok(words) => Some(words),
            Err(e) => {
                self.say(StatusKind::Error, format!("Cannot read the evidence: {e}"));
                None
            }
        }
    }

    /// Deletes touch `id` as one edit ("Delete touch: Acme, referral on
    /// 2026-11-30"), after the user said yes (an imported one too).
    pub(crate) fn delete_touch(&mut self, id: TouchId) {
        let label = match self.store.get::<crate::domain::evidence::Touch>(id) {
            Ok(Some(t)) => {
                let account = t
                    .account_id
                    .and_then(|a| {
                        self.store
                            .get::<crate::domain::evidence::Account>(a)
                            .ok()
                            .flatten()
                    })
                    .map_or_else(|| "an account".to_string(), |a| a.name.clone());
                format!(
                    "Delete touch: {account}, {} on {}",
                    t.kind.label().to_lowercase(),
                    t.on
                )
            }
            _ => "Delete touch".to_string(),
        };
        self.commit_or_say(&label, |tx| tx.delete_touch(id).map(drop));
    }

    /// `journey` read again from the store (after an edit or an undo),
    /// its cursor kept within its steps; as it was if the read fails.
    pub(crate) fn reread_journey(&mut self, journey: Journey) -> Journey {
        let read = match journey.campaign {
            Some(c) => self
                .pipeline_of(c)
                .map(|data| self.journey_in(&data, journey.account)),
            None => self.account_journey(journey.account).map(|j| j.steps),
        };
        match read {
            Ok(steps) => {
                let cursor = journey.cursor.min(steps.len().saturating_sub(1));
                Journey {
                    steps,
                    cursor,
                    ..journey
                }
            }
            Err(e) => {
                self.say(StatusKind::Error, format!("Cannot read the evidence: {e}"));
                journey
            }
        }
    }

    /// `pipeline` read again from the store, its cursor kept.
    fn reread_pipeline(&mut self, pipeline: Pipeline) -> Pipeline {
        match self.pipeline_of(pipeline.data.campaign) {
            Ok(data) => {
                let cursor = pipeline
                    .cursor
                    .min(data.opportunities.len().saturating_sub(1));
                Pipeline {
                    data: Box::new(data),
                    cursor,
                }
            }
            Err(_) => pipeline,
        }
    }

    /// After a change that `touched` evidence records: the open Pipeline
    /// and Journey views (on the screen or under a pop-up) are read again.
    pub(super) fn refresh_evidence_views(&mut self, touched: &[RecordRef]) {
        if touched.iter().any(RecordRef::is_evidence) {
            self.reread_views();
        }
    }

    /// Reads the open views of evidence again (on the screen or under a
    /// pop-up): the Pipeline and Journey, the Results view's evidenced
    /// figures and the dashboard's (another program imported evidence,
    /// or an edit or undo changed it), each keeping its place and which
    /// figures it shows.
    pub(super) fn reread_views(&mut self) {
        let mut back = std::mem::take(&mut self.back);
        for mode in back.iter_mut() {
            self.reread_mode(mode);
        }
        self.back = back;
        let mut mode = std::mem::replace(&mut self.mode, Mode::Normal);
        self.reread_mode(&mut mode);
        if matches!(self.mode, Mode::Normal) {
            self.mode = mode;
        }
    }

    fn reread_mode(&mut self, mode: &mut Mode) {
        let taken = std::mem::replace(mode, Mode::Normal);
        *mode = match taken {
            Mode::Journey(j) => Mode::Journey(self.reread_journey(j)),
            Mode::Pipeline(p) => Mode::Pipeline(self.reread_pipeline(p)),
            Mode::Results(r) => {
                let evidenced = self.evidenced_of(r.campaign).map(Box::new);
                Mode::Results(Results {
                    show_evidenced: r.show_evidenced && evidenced.is_some(),
                    evidenced,
                    ..r
                })
            }
            Mode::Dashboard(d) => Mode::Dashboard(self.reread_dashboard(d)),
            Mode::Findings(f) => Mode::Findings(f.follow(self)),
            other => other,
        };
    }

    /// The dashboard of `d`'s year read again with the evidence as it is
    /// now, showing the figures it showed; as it was if the year is gone.
    fn reread_dashboard(&mut self, d: Dashboard) -> Dashboard {
        let evidenced = self.evidenced_results().map(Box::new);
        let show_evidenced = d.show_evidenced && evidenced.is_some();
        let shown = evidenced.as_deref().filter(|_| show_evidenced);
        match self.dashboard_of(Some(d.dash.year.year), shown) {
            Some(dash) => Dashboard {
                dash: Box::new(dash),
                evidenced,
                show_evidenced,
                ..d
            },
            None => d,
        }
    }
}
