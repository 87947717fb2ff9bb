//! The evidenced figures as the screen and the reports read them (docs/domain.md
//! §15.3): a campaign's evidence, attributed (the Results and Pipeline
//! views, `jmo report results`), and the whole evidence, read once
//! (the dashboard, `jmo report program`, the findings list); an account's
//! evidence, attributed (its journey opened from the findings list).

use super::{Store, StoreError};
use crate::domain::evidence::EvidenceRules;
use crate::domain::evidence::attribution::{Attribution, Scope, attribute};
use crate::domain::evidence::campaign::{CampaignEvidence, campaign_evidence};
use crate::domain::evidence::{AccountId, Evidence};
use crate::domain::program::Table;
use crate::domain::{Campaign, CampaignId, Partner};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// One campaign's evidence, attributed (docs/domain.md §15.2 "A
/// campaign's evidence"): what [`Store::campaign_evidence_read`] read.
#[derive(Debug, Clone)]
pub struct CampaignRead {
    /// The campaign's evidence ([`Store::evidence_of_campaign`]).
    pub evidence: Evidence,
    /// Its attribution.
    pub attribution: Attribution,
    /// The campaign and every campaign the evidence names.
    pub campaigns: Table<Campaign>,
    /// The campaign's evidenced figures.
    pub figures: CampaignEvidence,
}

/// One account's evidence, attributed (docs/domain.md §15.5): what
/// [`Store::account_evidence_read`] read, for the account's journey.
#[derive(Debug, Clone)]
pub struct AccountRead {
    /// The account's evidence ([`Store::evidence_of_account`]).
    pub evidence: Evidence,
    /// Its attribution.
    pub attribution: Attribution,
    /// Every campaign the evidence names.
    pub campaigns: Table<Campaign>,
}

impl Store {
    /// Every evidence record ([`Store::load_evidence`]), or `None` without
    /// reading when the database holds none.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn evidence_if_any(&self) -> Result<Option<Evidence>, StoreError> {
        if !self.evidence_present()?.0 {
            return Ok(None);
        }
        self.load_evidence().map(Some)
    }

    /// Reads `campaign`'s evidence (a few indexed reads) and attributes
    /// it with `partners`, the `rules` and `today`. The campaigns the
    /// evidence names are taken from `known`, else read by id (the rules
    /// look up their partner and start, T4).
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn campaign_evidence_read(
        &self,
        campaign: CampaignId,
        known: &Table<Campaign>,
        partners: &Table<Partner>,
        rules: &EvidenceRules,
        today: NaiveDate,
    ) -> Result<CampaignRead, StoreError> {
        let evidence = self.evidence_of_campaign(campaign)?;
        let campaigns = self.campaigns_named(&evidence, Some(campaign), known)?;
        let scope = Scope {
            partners,
            campaigns: &campaigns,
            rules,
            today,
            currency: self.currency()?,
        };
        let attribution = attribute(&evidence, &scope);
        let figures = campaign_evidence(campaign, &evidence, &attribution, &scope);
        Ok(CampaignRead {
            evidence,
            attribution,
            campaigns,
            figures,
        })
    }

    /// Reads `account`'s evidence (a few indexed reads) and attributes it
    /// as [`Store::campaign_evidence_read`] does a campaign's: the
    /// account's journey (docs/domain.md §15.5) without a campaign, as
    /// the findings list opens it. An unknown account reads empty.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn account_evidence_read(
        &self,
        account: AccountId,
        known: &Table<Campaign>,
        partners: &Table<Partner>,
        rules: &EvidenceRules,
        today: NaiveDate,
    ) -> Result<AccountRead, StoreError> {
        let evidence = self.evidence_of_account(account)?;
        let campaigns = self.campaigns_named(&evidence, None, known)?;
        let scope = Scope {
            partners,
            campaigns: &campaigns,
            rules,
            today,
            currency: self.currency()?,
        };
        let attribution = attribute(&evidence, &scope);
        Ok(AccountRead {
            evidence,
            attribution,
            campaigns,
        })
    }

    /// `first` and every campaign `evidence` names, taken from `known`,
    /// else read by id (the rules look up their partner and start, T4);
    /// those gone are left out.
    pub(crate) fn campaigns_named(
        &self,
        evidence: &Evidence,
        first: Option<CampaignId>,
        known: &Table<Campaign>,
    ) -> Result<Table<Campaign>, StoreError> {
        let mut ids: BTreeSet<CampaignId> = first.into_iter().collect();
        ids.extend(evidence.leads.iter().filter_map(|l| l.campaign_id));
        ids.extend(evidence.opportunities.iter().filter_map(|o| o.campaign_id));
        ids.extend(evidence.touches.iter().filter_map(|t| t.campaign_id));
        let mut campaigns: Table<Campaign> = Table::default();
        for id in ids {
            let found = match known.get(id) {
                Some(c) => Some(c.clone()),
                None => self.get::<Campaign>(id)?,
            };
            if let Some(c) = found {
                campaigns.upsert(c);
            }
        }
        Ok(campaigns)
    }
}
