//! The pipeline-evidence records' rows (docs/domain.md §15.1), one table
//! each, created by migration 8 (`migrations/8-evidence.sql`).

use super::{Row, SqlField, text};
use crate::domain::evidence::{
    Account, AccountId, Lead, LeadId, Opportunity, OpportunityId, Outcome, Overlap, OverlapId,
    Population, Touch, TouchId, TouchKind,
};
use crate::domain::keyed::Keyed;
use crate::domain::results::LeadSource;
use crate::domain::{Invalid, RecordRef};
use rusqlite::types::{Value, ValueRef};

keyed_fields!(Population, Outcome, TouchKind);
id_fields!(AccountId, OverlapId, LeadId, OpportunityId, TouchId);

/// A lead's source, by its key (`ours`, `partner`, `paid`, `organic`).
impl SqlField for LeadSource {
    fn to_sql(&self) -> Value {
        Value::Text(self.key().to_owned())
    }
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
        let t = text(v)?;
        LeadSource::from_key(t)
            .ok_or_else(|| format!("'{t}' is not one of ours, partner, paid, organic"))
    }
}

row!(
    Account,
    "accounts",
    AccountId,
    Account {
        crm_id,
        name,
        domain,
        owner
    }
);
row!(
    Overlap,
    "overlaps",
    OverlapId,
    Overlap {
        partner_id,
        account_id,
        population,
        snapshot_on,
        excluded
    }
);
row!(
    Lead,
    "leads",
    LeadId,
    Lead {
        crm_id,
        account_id,
        account_ref,
        campaign_id,
        source,
        created_on,
        mql_on
    }
);
row!(
    Opportunity,
    "opportunities",
    OpportunityId,
    Opportunity {
        crm_id,
        account_id,
        account_ref,
        name,
        amount,
        stage,
        created_on,
        close_on,
        outcome,
        lead_source,
        registered_by,
        campaign_id
    }
);
row!(
    Touch,
    "touches",
    TouchId,
    Touch {
        partner_id,
        account_id,
        opportunity_id,
        on,
        kind,
        campaign_id,
        crm_id,
        note
    }
);
