//! A campaign's pipeline evidence and an account's journey as the
//! Pipeline and Journey views show them (issue 14 item 5; docs/domain.md
//! §15.2 "A campaign's evidence", §15.3, §15.5). Read when the view opens:
//! the campaign's evidence through the store's indexes
//! (`Store::evidence_of_campaign`), never the whole evidence.

use super::App;
use crate::domain::evidence::attribution::{Attribution, Class, Scope};
use crate::domain::evidence::campaign::CampaignEvidence;
use crate::domain::evidence::journey::{JourneyStep, journey};
use crate::domain::evidence::{AccountId, Evidence, LeadId, OpportunityId, Outcome};
use crate::domain::program::Table;
use crate::domain::results::{CampaignResults, LeadSource};
use crate::domain::{Campaign, CampaignId, Stored};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One opportunity attributed to the campaign (its partner's class of it).
#[derive(Debug, Clone, PartialEq)]
pub struct OpportunityLine {
    /// The opportunity.
    pub id: OpportunityId,
    /// Its account, if reconciled.
    pub account: Option<AccountId>,
    /// The account's name, or the reference the CRM file gave.
    pub account_name: String,
    /// The opportunity's name.
    pub name: String,
    /// The campaign's partner's class of it.
    pub class: Class,
    /// Why, in words, naming the evidence and its day.
    pub reason: String,
    /// Its amount, in the database's currency.
    pub amount: Decimal,
    /// The CRM's stage.
    pub stage: String,
    /// Created.
    pub created_on: NaiveDate,
    /// Closed (or expected to close).
    pub close_on: NaiveDate,
    /// Open, won or lost.
    pub outcome: Outcome,
}

/// One lead of the campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadLine {
    /// The lead.
    pub id: LeadId,
    /// Its CRM id.
    pub crm_id: String,
    /// The account's name, or "not reconciled: REF".
    pub account: String,
    /// Its account, if reconciled.
    pub account_id: Option<AccountId>,
    /// Where it came from.
    pub source: LeadSource,
    /// Created.
    pub created_on: NaiveDate,
    /// Became an MQL.
    pub mql_on: Option<NaiveDate>,
}

/// What the Pipeline view shows of one campaign (docs/domain.md §15.2–§15.3).
#[derive(Debug, Clone)]
pub struct PipelineData {
    /// The campaign.
    pub campaign: CampaignId,
    /// Its name.
    pub name: String,
    /// The evidenced figures.
    pub figures: CampaignEvidence,
    /// The reported figures (the typed results), if any.
    pub reported: Option<CampaignResults>,
    /// The attributed opportunities, by creation day.
    pub opportunities: Vec<OpportunityLine>,
    /// The campaign's leads, by creation day.
    pub leads: Vec<LeadLine>,
    evidence: Evidence,
    attribution: Attribution,
    campaigns: Table<Campaign>,
}

impl App {
    /// Opens the Pipeline view of the campaign in view (Timeline, or the
    /// Results row of the MDF pane).
    pub(crate) fn open_pipeline(&mut self) {
        let Some(campaign) = self.campaign_in_view() else {
            self.say(
                super::StatusKind::Info,
                "Select a campaign (Timeline, 2) to see its pipeline evidence",
            );
            return;
        };
        match self.pipeline_of(campaign) {
            Ok(data) => {
                self.mode = super::Mode::Pipeline(super::views::pipeline::Pipeline {
                    data: Box::new(data),
                    cursor: 0,
                })
            }
            Err(e) => self.say(
                super::StatusKind::Error,
                format!("Cannot read the evidence: {e}"),
            ),
        }
    }

    /// Reads `campaign`'s evidence and attributes it
    /// ([`crate::store::Store::campaign_evidence_read`]): the Pipeline
    /// view's data.
    ///
    /// Errors: the store's, in words.
    pub(crate) fn pipeline_of(&self, campaign: CampaignId) -> Result<PipelineData, String> {
        let read = self
            .store
            .campaign_evidence_read(
                campaign,
                &self.program.campaigns,
                &self.program.partners,
                &self.config.evidence,
                self.today,
            )
            .map_err(|e| e.to_string())?;
        let crate::store::evidenced::CampaignRead {
            evidence,
            attribution,
            campaigns,
            figures,
        } = read;
        let account_name =
            |a: Option<AccountId>, r: &str| match a.and_then(|a| evidence.accounts.get(a)) {
                Some(a) => a.name.clone(),
                None if r.is_empty() => "no account".into(),
                None => format!("not reconciled: {r}"),
            };
        let mut opportunities: Vec<OpportunityLine> = figures
            .opportunities
            .iter()
            .filter_map(|(id, class, reason)| {
                let o = evidence.opportunities.get(*id)?;
                Some(OpportunityLine {
                    id: *id,
                    account: o.account_id,
                    account_name: account_name(o.account_id, &o.account_ref),
                    name: o.name.clone(),
                    class: *class,
                    reason: reason.clone(),
                    amount: o.amount,
                    stage: o.stage.clone(),
                    created_on: o.created_on,
                    close_on: o.close_on,
                    outcome: o.outcome,
                })
            })
            .collect();
        opportunities.sort_by_key(|o| (o.created_on, o.id));
        let mut leads: Vec<LeadLine> = evidence
            .leads
            .children(Some(campaign))
            .map(|l: &Stored<_>| LeadLine {
                id: l.id,
                crm_id: l.crm_id.clone(),
                account: account_name(l.account_id, &l.account_ref),
                account_id: l.account_id,
                source: l.source,
                created_on: l.created_on,
                mql_on: l.mql_on,
            })
            .collect();
        leads.sort_by_key(|l| (l.created_on, l.id));
        let name = campaigns
            .get(campaign)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        Ok(PipelineData {
            campaign,
            name,
            figures,
            reported: self.program.results_of(campaign).map(|r| r.value.clone()),
            opportunities,
            leads,
            evidence,
            attribution,
            campaigns,
        })
    }

    /// The journey of `account` on what `data` read (the campaign's
    /// evidence holds every touch, snapshot and lead on the accounts of
    /// its opportunities and leads).
    pub(crate) fn journey_in(&self, data: &PipelineData, account: AccountId) -> Vec<JourneyStep> {
        let scope = Scope {
            partners: &self.program.partners,
            campaigns: &data.campaigns,
            rules: &self.config.evidence,
            today: self.today,
            currency: self.program.currency,
        };
        journey(
            account,
            &data.evidence,
            &data.attribution,
            &scope,
            self.program.currency,
        )
    }

    /// The name of an account `data` read.
    pub(crate) fn account_name_in(&self, data: &PipelineData, account: AccountId) -> String {
        data.evidence
            .accounts
            .get(account)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| format!("account {account}"))
    }
}

impl App {
    /// The findings list: every held partner's guardrail findings and
    /// reconciliation findings E1–E6 (docs/domain.md §15.4), in
    /// [`crate::domain::guardrails::finding_order`].
    pub fn findings_listed(&self) -> Vec<&crate::domain::guardrails::Finding> {
        self.derived.all_findings()
    }
}

impl PipelineData {
    /// The opportunities on `account` that this data holds (id and name), by
    /// creation day.
    pub(crate) fn opportunities_of(&self, account: AccountId) -> Vec<(OpportunityId, String)> {
        let mut v: Vec<_> = self
            .evidence
            .opportunities
            .children(Some(account))
            .map(|o| (o.created_on, o.id, o.name.clone()))
            .collect();
        v.sort();
        v.into_iter().map(|(_, id, name)| (id, name)).collect()
    }
}
