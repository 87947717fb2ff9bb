//! The pipeline-evidence records' rows (docs/domain.md §15.1), one table
//! each, created by migration 8 (`migrations/8-evidence.sql`).

use super::{Row, SqlField};
use crate::domain::evidence::{
    Account, AccountId, Lead, LeadId, Opportunity, OpportunityId, Overlap, OverlapId, Touch,
    TouchId,
};
use crate::domain::{Invalid, RecordRef};
use rusqlite::types::{Value, ValueRef};

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
