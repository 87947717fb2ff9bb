//! Enter on a reconciliation finding (E1–E6, docs/domain.md §15.4) in the
//! findings list: the finding points at the evidence it is about, and the
//! view that shows that evidence opens over the list (Esc comes back to
//! it). An opportunity, lead, touch or overlap on an account jmo has opens
//! the account's journey (§15.5) on its step; one with no such account
//! (E2) opens its campaign's Pipeline view (§15.2) on it, else the
//! campaign in the Timeline, else the partner.

use super::views::journey::Journey;
use super::views::pipeline::Pipeline;
use super::{App, Mode, StatusKind};
use crate::domain::evidence::attribution::Scope;
use crate::domain::evidence::journey::{JourneyStep, Step, journey};
use crate::domain::evidence::{
    Account, AccountId, Lead, Opportunity, OpportunityId, Overlap, Touch,
};
use crate::domain::guardrails::Finding;
use crate::domain::{CampaignId, PartnerId, RecordRef};

/// One account's journey read on its own (not through a campaign's
/// pipeline): what the Journey view opened from the findings list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountJourney {
    /// The account's name (`account N` when it is gone).
    pub name: String,
    /// The steps, in date order ([`journey`]).
    pub steps: Vec<JourneyStep>,
    /// The opportunities on the account (id and name), by creation day:
    /// a new touch's choices.
    pub opportunities: Vec<(OpportunityId, String)>,
}

/// Where an evidence record sits: its account (if jmo has it), its
/// campaign, and the journey step that shows it.
struct Place {
    account: Option<AccountId>,
    campaign: Option<CampaignId>,
    step: Option<Step>,
    opportunity: Option<OpportunityId>,
}

impl App {
    /// The journey of `account` read through the store
    /// ([`crate::store::Store::account_evidence_read`]) and built by
    /// [`journey`], as the Pipeline view builds it from a campaign's read.
    ///
    /// Errors: the store's, in words.
    pub(crate) fn account_journey(&self, account: AccountId) -> Result<AccountJourney, String> {
        let read = self
            .store
            .account_evidence_read(
                account,
                &self.program.campaigns,
                &self.program.partners,
                &self.config.evidence,
                self.today,
            )
            .map_err(|e| e.to_string())?;
        let scope = Scope {
            partners: &self.program.partners,
            campaigns: &read.campaigns,
            rules: &self.config.evidence,
            today: self.today,
            currency: self.program.currency,
        };
        let steps = journey(
            account,
            &read.evidence,
            &read.attribution,
            &scope,
            self.program.currency,
        );
        let name = read
            .evidence
            .accounts
            .get(account)
            .map_or_else(|| format!("account {account}"), |a| a.name.clone());
        let mut opportunities: Vec<_> = read
            .evidence
            .opportunities
            .children(Some(account))
            .map(|o| (o.created_on, o.id, o.name.clone()))
            .collect();
        opportunities.sort();
        Ok(AccountJourney {
            name,
            steps,
            opportunities: opportunities
                .into_iter()
                .map(|(_, id, name)| (id, name))
                .collect(),
        })
    }

    /// Opens the view that shows the evidence finding `f` points at, over
    /// the findings list. Returns whether it did (`false`: the record is
    /// not evidence, or nothing shows it; the caller goes to a record in
    /// the panes instead).
    pub(super) fn open_evidence_of(&mut self, f: &Finding) -> bool {
        if !f.record.is_evidence() {
            return false;
        }
        let place = match self.place_of(f.record) {
            Ok(p) => p,
            Err(e) => {
                self.say(StatusKind::Error, format!("Cannot read the evidence: {e}"));
                return false;
            }
        };
        if let Some(account) = place.account {
            return self.open_account_journey(account, f.partner_id, &place);
        }
        let Some(campaign) = place.campaign.or(f.campaign_id) else {
            self.reveal(RecordRef::Partner(f.partner_id));
            return false;
        };
        match self.pipeline_of(campaign) {
            Ok(data) => {
                let cursor = place
                    .opportunity
                    .and_then(|o| data.opportunities.iter().position(|l| l.id == o))
                    .unwrap_or(0);
                self.mode = Mode::Pipeline(Pipeline {
                    data: Box::new(data),
                    cursor,
                });
                true
            }
            Err(_) => {
                self.reveal(RecordRef::Campaign(campaign));
                false
            }
        }
    }

    fn open_account_journey(&mut self, account: AccountId, partner: PartnerId, at: &Place) -> bool {
        match self.account_journey(account) {
            Ok(j) => {
                let cursor = at
                    .step
                    .and_then(|s| j.steps.iter().position(|x| x.step == s))
                    .unwrap_or(0);
                self.mode = Mode::Journey(Journey {
                    title: j.name,
                    steps: j.steps,
                    cursor,
                    campaign: None,
                    partner: Some(partner),
                    account,
                    opportunity: at.opportunity,
                });
                true
            }
            Err(e) => {
                self.say(StatusKind::Error, format!("Cannot read the evidence: {e}"));
                false
            }
        }
    }

    /// Where evidence record `record` sits, read from the store; its
    /// account only when the store has that account.
    fn place_of(&self, record: RecordRef) -> Result<Place, crate::store::StoreError> {
        let s = &self.store;
        let opportunity = |id: OpportunityId| s.get::<Opportunity>(id);
        let mut place = match record {
            RecordRef::Opportunity(id) => {
                let o = opportunity(id)?;
                Place {
                    account: o.as_ref().and_then(|o| o.account_id),
                    campaign: o.as_ref().and_then(|o| o.campaign_id),
                    step: Some(Step::Created(id)),
                    opportunity: Some(id),
                }
            }
            RecordRef::Lead(id) => {
                let l = s.get::<Lead>(id)?;
                Place {
                    account: l.as_ref().and_then(|l| l.account_id),
                    campaign: l.as_ref().and_then(|l| l.campaign_id),
                    step: Some(Step::Lead(id)),
                    opportunity: None,
                }
            }
            RecordRef::Touch(id) => {
                let t = s.get::<Touch>(id)?;
                let on = match t.as_ref().and_then(|t| t.opportunity_id) {
                    Some(o) => opportunity(o)?.and_then(|o| o.account_id),
                    None => None,
                };
                Place {
                    account: t.as_ref().and_then(|t| t.account_id).or(on),
                    campaign: t.as_ref().and_then(|t| t.campaign_id),
                    step: Some(Step::Touch(id)),
                    opportunity: t.as_ref().and_then(|t| t.opportunity_id),
                }
            }
            RecordRef::Overlap(id) => Place {
                account: s.get::<Overlap>(id)?.map(|o| o.account_id),
                campaign: None,
                step: Some(Step::Snapshot(id)),
                opportunity: None,
            },
            RecordRef::Account(id) => Place {
                account: Some(id),
                campaign: None,
                step: None,
                opportunity: None,
            },
            _ => Place {
                account: None,
                campaign: None,
                step: None,
                opportunity: None,
            },
        };
        if let Some(a) = place.account
            && s.get::<Account>(a)?.is_none()
        {
            place.account = None;
        }
        Ok(place)
    }
}
