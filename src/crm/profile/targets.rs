//! The fields each evidence target of a profile may map (docs/domain.md
//! §15.1): accounts, overlap rows, leads (and campaign members),
//! opportunities, opportunity partners and touches. The campaign's are in
//! [`super`]. References to other records stay text here (CRM ids, names,
//! domains); resolving them to jmo's records is a later step.

use super::{Keys, TargetField, field};
use crate::crm::values::Kind;

const fn keyed(name: &'static str, keys: Keys) -> TargetField {
    TargetField {
        name,
        kind: Kind::Text,
        keys: Some(keys),
    }
}

/// An account (Salesforce `Account`, HubSpot company).
pub(super) const ACCOUNT_FIELDS: &[TargetField] = &[
    field("crm_id", Kind::Id),
    field("name", Kind::Text),
    field("domain", Kind::Text),
    field("owner", Kind::Text),
];

/// One account in one partner's overlap snapshot (Crossbeam, Reveal).
pub(super) const OVERLAP_FIELDS: &[TargetField] = &[
    field("account_crm_id", Kind::Id),
    field("account_name", Kind::Text),
    field("domain", Kind::Text),
    field("partner", Kind::Text),
    keyed("population", Keys::Population),
    field("snapshot", Kind::Date),
    field("excluded", Kind::Bool),
];

/// A lead, a campaign member or a HubSpot contact.
pub(super) const LEAD_FIELDS: &[TargetField] = &[
    field("crm_id", Kind::Id),
    field("account_crm_id", Kind::Id),
    field("account_name", Kind::Text),
    field("email", Kind::Text),
    field("lead_crm_id", Kind::Id),
    field("contact_crm_id", Kind::Id),
    field("campaign_crm_id", Kind::Id),
    field("campaign_name", Kind::Text),
    field("status", Kind::Text),
    keyed("source", Keys::LeadSource),
    field("created", Kind::Date),
    field("mql", Kind::Date),
    field("responded", Kind::Date),
];

/// An opportunity (Salesforce `Opportunity`, HubSpot deal).
pub(super) const OPPORTUNITY_FIELDS: &[TargetField] = &[
    field("crm_id", Kind::Id),
    field("account_crm_id", Kind::Id),
    field("account_name", Kind::Text),
    field("name", Kind::Text),
    field("amount", Kind::Amount),
    keyed("stage", Keys::Outcome),
    field("pipeline", Kind::Text),
    field("created", Kind::Date),
    field("close", Kind::Date),
    field("closed", Kind::Bool),
    field("won", Kind::Bool),
    field("lead_source", Kind::Text),
    field("campaign_crm_id", Kind::Id),
];

/// A partner on an opportunity (Salesforce `OpportunityPartner`).
pub(super) const OPPORTUNITY_PARTNER_FIELDS: &[TargetField] = &[
    field("crm_id", Kind::Id),
    field("opportunity_crm_id", Kind::Id),
    field("partner_account_crm_id", Kind::Id),
    field("role", Kind::Text),
    field("primary", Kind::Bool),
];

/// A partner's touch (jmo's own touches CSV).
pub(super) const TOUCH_FIELDS: &[TargetField] = &[
    field("crm_id", Kind::Id),
    field("partner", Kind::Text),
    field("account", Kind::Text),
    field("opportunity", Kind::Text),
    field("on", Kind::Date),
    keyed("kind", Keys::TouchKind),
    field("campaign", Kind::Text),
    field("note", Kind::Text),
];
