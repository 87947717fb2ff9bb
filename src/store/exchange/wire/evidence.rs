//! The JSON shape of the pipeline-evidence tables (docs/domain.md §15.1,
//! docs/export-format.md): accounts, overlaps, leads, opportunities and
//! touches, declared like the other tables with `exchanged!`, and the
//! references each one must find in the document.

use super::{Day, Exchanged, Money, Reference, References, Wire};
use crate::domain::evidence::{
    Account, AccountId, Lead, Opportunity, OpportunityId, Outcome, Overlap, Population, Touch,
    TouchKind,
};
use crate::domain::results::LeadSource;
use crate::domain::*;
use crate::store::rows::Row;
use serde::{Deserialize, Serialize};

plain_wire!(
    AccountId,
    OpportunityId,
    Population,
    Outcome,
    TouchKind,
    LeadSource
);

exchanged!(Account => AccountJson {
    crm_id: String,
    name: String,
    domain: String,
    owner: String,
});
exchanged!(Overlap => OverlapJson {
    partner_id: PartnerId,
    account_id: AccountId,
    population: Population,
    snapshot_on: Day,
    excluded: bool,
});
exchanged!(Lead => LeadJson {
    crm_id: String,
    account_id: Option<AccountId>,
    account_ref: String,
    campaign_id: Option<CampaignId>,
    source: LeadSource,
    created_on: Day,
    mql_on: Option<Day>,
});
exchanged!(Opportunity => OpportunityJson {
    crm_id: String,
    account_id: Option<AccountId>,
    account_ref: String,
    name: String,
    amount: Money,
    stage: String,
    created_on: Day,
    close_on: Day,
    outcome: Outcome,
    lead_source: String,
    registered_by: Option<PartnerId>,
    campaign_id: Option<CampaignId>,
});
exchanged!(Touch => TouchJson {
    partner_id: PartnerId,
    account_id: Option<AccountId>,
    opportunity_id: Option<OpportunityId>,
    on: Day,
    kind: TouchKind,
    campaign_id: Option<CampaignId>,
    crm_id: String,
    note: String,
});

/// `(field, table, id)` when the optional reference is set.
fn opt(field: &'static str, table: &'static str, id: Option<i64>) -> Option<Reference> {
    id.map(|id| (field, table, id))
}

impl References for Account {
    fn refs(&self) -> Vec<Reference> {
        Vec::new()
    }
}

impl References for Overlap {
    fn refs(&self) -> Vec<Reference> {
        vec![
            ("partner_id", Partner::TABLE, self.partner_id.0),
            ("account_id", Account::TABLE, self.account_id.0),
        ]
    }
}

impl References for Lead {
    fn refs(&self) -> Vec<Reference> {
        [
            opt("account_id", Account::TABLE, self.account_id.map(|a| a.0)),
            opt(
                "campaign_id",
                Campaign::TABLE,
                self.campaign_id.map(|c| c.0),
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

impl References for Opportunity {
    fn refs(&self) -> Vec<Reference> {
        [
            opt("account_id", Account::TABLE, self.account_id.map(|a| a.0)),
            opt(
                "registered_by",
                Partner::TABLE,
                self.registered_by.map(|p| p.0),
            ),
            opt(
                "campaign_id",
                Campaign::TABLE,
                self.campaign_id.map(|c| c.0),
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

impl References for Touch {
    fn refs(&self) -> Vec<Reference> {
        [
            Some(("partner_id", Partner::TABLE, self.partner_id.0)),
            opt("account_id", Account::TABLE, self.account_id.map(|a| a.0)),
            opt(
                "opportunity_id",
                Opportunity::TABLE,
                self.opportunity_id.map(|o| o.0),
            ),
            opt(
                "campaign_id",
                Campaign::TABLE,
                self.campaign_id.map(|c| c.0),
            ),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}
