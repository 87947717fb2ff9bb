//! How each domain record maps to a table row: the column list, and the
//! conversion of every field to and from an SQLite value.
//!
//! Storage conventions: money is TEXT (the exact `Decimal` string, never a
//! float); dates are TEXT `YYYY-MM-DD`; enums are TEXT keys; flags are
//! INTEGER 0/1; ids are INTEGER.

use crate::domain::evidence::{
    Account, AccountId, Lead, LeadId, Opportunity, OpportunityId, Overlap, OverlapId, Touch,
    TouchId,
};
use crate::domain::keyed::Keyed;
use crate::domain::*;
use chrono::NaiveDate;
use rusqlite::types::{Value, ValueRef};
use rust_decimal::Decimal;
use std::str::FromStr;

/// A field type that can be stored in one SQLite column.
pub trait SqlField: Sized {
    /// The value to store.
    fn to_sql(&self) -> Value;
    /// Reads the value back. Errors: a message saying what was found.
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String>;
}

fn text(v: ValueRef<'_>) -> Result<&str, String> {
    match v {
        ValueRef::Text(t) => std::str::from_utf8(t).map_err(|e| e.to_string()),
        other => Err(format!("expected text, found {:?}", other.data_type())),
    }
}

impl SqlField for String {
    fn to_sql(&self) -> Value {
        Value::Text(self.clone())
    }
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
        text(v).map(str::to_owned)
    }
}

impl SqlField for i64 {
    fn to_sql(&self) -> Value {
        Value::Integer(*self)
    }
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
        v.as_i64().map_err(|e| e.to_string())
    }
}

impl SqlField for bool {
    fn to_sql(&self) -> Value {
        Value::Integer(i64::from(*self))
    }
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
        match v.as_i64().map_err(|e| e.to_string())? {
            0 => Ok(false),
            1 => Ok(true),
            n => Err(format!("expected 0 or 1, found {n}")),
        }
    }
}

impl SqlField for Decimal {
    fn to_sql(&self) -> Value {
        Value::Text(self.to_string())
    }
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
        let t = text(v)?;
        Decimal::from_str(t).map_err(|_| format!("'{t}' is not an amount"))
    }
}

impl SqlField for NaiveDate {
    fn to_sql(&self) -> Value {
        Value::Text(self.format("%Y-%m-%d").to_string())
    }
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
        let t = text(v)?;
        stored_date(t).ok_or_else(|| format!("'{t}' is not a date"))
    }
}

/// A stored date, `YYYY-MM-DD`. The form every stored date has is read
/// digit by digit (chrono's format parser was a third of reading a
/// checklist item); anything else goes through that parser, so whatever
/// it accepted or refused reads as before.
pub(super) fn stored_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0u32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
            })
        };
        if let (Some(y), Some(m), Some(d)) = (number(&b[0..4]), number(&b[5..7]), number(&b[8..10]))
        {
            return i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d));
        }
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok()
}

impl<T: SqlField> SqlField for Option<T> {
    fn to_sql(&self) -> Value {
        self.as_ref().map_or(Value::Null, SqlField::to_sql)
    }
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
        match v {
            ValueRef::Null => Ok(None),
            other => T::from_sql(other).map(Some),
        }
    }
}

macro_rules! keyed_fields {
    ($($t:ty),+) => {$(
        impl SqlField for $t {
            fn to_sql(&self) -> Value {
                Value::Text(Keyed::key(self).to_owned())
            }
            fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
                let t = text(v)?;
                <$t as Keyed>::from_key(t)
                    .ok_or_else(|| format!("'{t}' is not one of {}", <$t as Keyed>::keys()))
            }
        }
    )+};
}
keyed_fields!(
    PartnershipType,
    Tier,
    CampaignType,
    CampaignStatus,
    MilestoneKind,
    MilestoneStatus,
    Side,
    mdf::ActivityType,
    RequestStatus,
    ClaimStatus,
    MeetingKind
);

impl SqlField for Period {
    fn to_sql(&self) -> Value {
        Value::Text(self.to_string())
    }
    fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
        Period::parse(text(v)?)
    }
}

macro_rules! id_fields {
    ($($t:ident),+) => {$(
        impl SqlField for $t {
            fn to_sql(&self) -> Value {
                Value::Integer(self.0)
            }
            fn from_sql(v: ValueRef<'_>) -> Result<Self, String> {
                i64::from_sql(v).map($t)
            }
        }
    )+};
}
id_fields!(
    ExpenseId,
    PartnerId,
    CampaignId,
    MilestoneId,
    ResponsibilityId,
    AssetId,
    FundId,
    RequestId,
    ClaimId,
    ResultsId,
    ContactId,
    MeetingId,
    PlanId,
    PlanEntryId
);

/// A domain record that lives in one table.
pub trait Row: Record + Sized {
    /// The table name.
    const TABLE: &'static str;
    /// The columns after `id`, in field order.
    const COLUMNS: &'static [&'static str];
    /// The field values, in [`Row::COLUMNS`] order.
    fn values(&self) -> Vec<Value>;
    /// Builds the record from values in [`Row::COLUMNS`] order.
    /// Errors: `(column, message)` of the first bad value.
    fn from_values(values: &[ValueRef<'_>]) -> Result<Self, (&'static str, String)>;
    /// The typed id from a row id.
    fn id_from(raw: i64) -> Self::Id;
    /// The row id of a typed id.
    fn id_raw(id: Self::Id) -> i64;
    /// The [`RecordRef`] for a row of this table.
    fn record_ref(id: Self::Id) -> RecordRef;
    /// The indices (into [`Row::COLUMNS`]) of the fields whose values
    /// differ between `self` and `other`, compared as domain values (so
    /// `12500` and `12500.00` are the same amount).
    fn diff(&self, other: &Self) -> Vec<usize>;
    /// Copies the fields at `columns` (indices into [`Row::COLUMNS`]) from
    /// `from` into `self`.
    fn take_fields(&mut self, from: &Self, columns: &[usize]);
    /// The record's own validation (the domain type's `validate`).
    ///
    /// Errors: every invalid field.
    fn validate_row(&self) -> Result<(), Invalid>;
}

macro_rules! row {
    ($t:ty, $table:literal, $id:ident, $variant:ident { $($field:ident),+ $(,)? }) => {
        impl Row for $t {
            const TABLE: &'static str = $table;
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),+];
            fn values(&self) -> Vec<Value> {
                vec![$(SqlField::to_sql(&self.$field)),+]
            }
            fn from_values(values: &[ValueRef<'_>]) -> Result<Self, (&'static str, String)> {
                let mut it = values.iter().copied();
                Ok(Self {
                    $($field: {
                        let v = it.next().ok_or((stringify!($field), "missing column".to_string()))?;
                        SqlField::from_sql(v).map_err(|e| (stringify!($field), e))?
                    }),+
                })
            }
            fn id_from(raw: i64) -> $id {
                $id(raw)
            }
            fn id_raw(id: $id) -> i64 {
                id.0
            }
            fn record_ref(id: $id) -> RecordRef {
                RecordRef::$variant(id)
            }
            fn diff(&self, other: &Self) -> Vec<usize> {
                let mut out = Vec::new();
                let mut i = 0;
                $(
                    if self.$field != other.$field {
                        out.push(i);
                    }
                    i += 1;
                )+
                let _ = i;
                out
            }
            fn take_fields(&mut self, from: &Self, columns: &[usize]) {
                let mut i = 0;
                $(
                    if columns.contains(&i) {
                        self.$field = from.$field.clone();
                    }
                    i += 1;
                )+
                let _ = i;
            }
            fn validate_row(&self) -> Result<(), Invalid> {
                self.validate()
            }
        }
    };
}

row!(
    Partner,
    "partners",
    PartnerId,
    Partner {
        name,
        partnership_type,
        tier,
        brand_guidelines_on_file,
        data_consent_on,
        notes,
        agreement_start,
        agreement_end,
        brand_guidelines_ref,
        data_consent_scope,
        agreement_scope,
        sharing_terms,
        exclusivity,
        exclusive_until,
        brand_usage,
        termination_notice_days,
        recorded_revenue,
        referrals,
        pipeline_potential,
        strategic_value,
        past_performance,
        archived_on
    }
);
row!(
    Contact,
    "contacts",
    ContactId,
    Contact {
        partner_id,
        name,
        role,
        email
    }
);
row!(
    Meeting,
    "meetings",
    MeetingId,
    Meeting {
        partner_id,
        kind,
        held_on,
        progress,
        upcoming,
        roadblocks,
        next_steps
    }
);
row!(
    JointPlan,
    "plans",
    PlanId,
    Plan {
        partner_id,
        period,
        objective,
        notes
    }
);
row!(
    PlanEntry,
    "plan_entries",
    PlanEntryId,
    PlanEntry {
        plan_id,
        campaign_id,
        pipeline_target,
        partner_investment
    }
);
row!(
    Campaign,
    "campaigns",
    CampaignId,
    Campaign {
        partner_id,
        name,
        campaign_type,
        playbook,
        status,
        audience,
        start,
        launch,
        end,
        budget,
        internal_cost,
        lead_target,
        crm_id,
        attribution_agreed,
        uses_partner_data
    }
);
row!(
    Milestone,
    "milestones",
    MilestoneId,
    Milestone {
        campaign_id,
        name,
        kind,
        due,
        status,
        completed_on,
        blocked_reason
    }
);
row!(
    Responsibility,
    "responsibilities",
    ResponsibilityId,
    Responsibility {
        campaign_id,
        side,
        title,
        owner,
        due,
        done_on,
        position
    }
);
row!(
    Asset,
    "assets",
    AssetId,
    Asset {
        campaign_id,
        name,
        kind,
        co_branded,
        approved_on,
        location
    }
);
row!(
    Fund,
    "funds",
    FundId,
    Fund {
        partner_id,
        name,
        period_start,
        period_end,
        allocated,
        policy
    }
);
row!(
    MdfRequest,
    "mdf_requests",
    RequestId,
    Request {
        campaign_id,
        fund_id,
        activity,
        amount,
        approved_amount,
        status,
        submitted_on,
        decided_on,
        justification,
        expected_roi,
        proof_required,
        reason
    }
);
row!(
    Expense,
    "expenses",
    ExpenseId,
    Expense {
        campaign_id,
        request_id,
        category,
        amount,
        spent_on,
        vendor,
        invoice_ref,
        proof,
        withdrawn
    }
);
row!(
    Claim,
    "claims",
    ClaimId,
    Claim {
        request_id,
        amount,
        status,
        submitted_on,
        paid_on,
        paid_amount,
        note
    }
);
row!(
    CampaignResults,
    "results",
    ResultsId,
    Results {
        campaign_id,
        registrations,
        attendees,
        leads,
        mqls,
        pipeline_sourced,
        pipeline_influenced,
        pipeline_partner_assisted,
        revenue,
        reported_on,
        leads_ours,
        leads_partner,
        leads_paid,
        leads_organic,
        reach_ours,
        reach_partner,
        target_registrations,
        target_attendees,
        target_leads,
        target_mqls,
        target_pipeline,
        target_revenue
    }
);

// The pipeline-evidence records (docs/domain.md §15.1), migration 8.
mod evidence;

/// The table of a record reference, and its row id.
pub fn table_of(r: RecordRef) -> (&'static str, i64) {
    match r {
        RecordRef::Partner(id) => (Partner::TABLE, id.0),
        RecordRef::Campaign(id) => (Campaign::TABLE, id.0),
        RecordRef::Milestone(id) => (Milestone::TABLE, id.0),
        RecordRef::Responsibility(id) => (Responsibility::TABLE, id.0),
        RecordRef::Asset(id) => (Asset::TABLE, id.0),
        RecordRef::Fund(id) => (Fund::TABLE, id.0),
        RecordRef::Request(id) => (MdfRequest::TABLE, id.0),
        RecordRef::Claim(id) => (Claim::TABLE, id.0),
        RecordRef::Results(id) => (CampaignResults::TABLE, id.0),
        RecordRef::Expense(id) => (Expense::TABLE, id.0),
        RecordRef::Contact(id) => (Contact::TABLE, id.0),
        RecordRef::Meeting(id) => (Meeting::TABLE, id.0),
        RecordRef::Plan(id) => (JointPlan::TABLE, id.0),
        RecordRef::PlanEntry(id) => (PlanEntry::TABLE, id.0),
        RecordRef::Account(id) => (Account::TABLE, id.0),
        RecordRef::Overlap(id) => (Overlap::TABLE, id.0),
        RecordRef::Lead(id) => (Lead::TABLE, id.0),
        RecordRef::Opportunity(id) => (Opportunity::TABLE, id.0),
        RecordRef::Touch(id) => (Touch::TABLE, id.0),
    }
}

/// The record reference for a row of `table`, if `table` holds records.
pub fn ref_of(table: &str, id: i64) -> Option<RecordRef> {
    Some(match table {
        "partners" => RecordRef::Partner(PartnerId(id)),
        "campaigns" => RecordRef::Campaign(CampaignId(id)),
        "milestones" => RecordRef::Milestone(MilestoneId(id)),
        "responsibilities" => RecordRef::Responsibility(ResponsibilityId(id)),
        "assets" => RecordRef::Asset(AssetId(id)),
        "funds" => RecordRef::Fund(FundId(id)),
        "mdf_requests" => RecordRef::Request(RequestId(id)),
        "claims" => RecordRef::Claim(ClaimId(id)),
        "results" => RecordRef::Results(ResultsId(id)),
        "expenses" => RecordRef::Expense(ExpenseId(id)),
        "contacts" => RecordRef::Contact(ContactId(id)),
        "meetings" => RecordRef::Meeting(MeetingId(id)),
        "plans" => RecordRef::Plan(PlanId(id)),
        "plan_entries" => RecordRef::PlanEntry(PlanEntryId(id)),
        "accounts" => RecordRef::Account(AccountId(id)),
        "overlaps" => RecordRef::Overlap(OverlapId(id)),
        "leads" => RecordRef::Lead(LeadId(id)),
        "opportunities" => RecordRef::Opportunity(OpportunityId(id)),
        "touches" => RecordRef::Touch(TouchId(id)),
        _ => return None,
    })
}

/// The record tables, parents before children (the order to insert in).
pub const TABLES: &[&str] = &[
    "partners",
    "campaigns",
    "milestones",
    "responsibilities",
    "assets",
    "funds",
    "mdf_requests",
    "claims",
    "results",
    "expenses",
    "contacts",
    "meetings",
    "plans",
    "plan_entries",
    "accounts",
    "overlaps",
    "leads",
    "opportunities",
    "touches",
];

/// The children of each table: `(child table, foreign key column)`. Deleting
/// a row deletes its children first (each recorded in the history).
pub fn children_of(table: &str) -> &'static [(&'static str, &'static str)] {
    match table {
        "partners" => &[
            ("campaigns", "partner_id"),
            ("funds", "partner_id"),
            ("contacts", "partner_id"),
            ("meetings", "partner_id"),
            ("plans", "partner_id"),
        ],
        "plans" => &[("plan_entries", "plan_id")],
        "campaigns" => &[
            ("plan_entries", "campaign_id"),
            ("milestones", "campaign_id"),
            ("responsibilities", "campaign_id"),
            ("assets", "campaign_id"),
            ("mdf_requests", "campaign_id"),
            ("results", "campaign_id"),
            ("expenses", "campaign_id"),
        ],
        "mdf_requests" => &[("claims", "request_id")],
        _ => &[],
    }
}

/// Tables whose rows are never deleted (docs/domain.md §11: MDF requests and claims
/// keep their history; a withdrawn one changes status instead). Deleting a
/// record whose children include such rows is refused.
pub fn never_deleted(table: &str) -> bool {
    matches!(table, "mdf_requests" | "claims" | "expenses")
}

/// Rows that point at a row without being its children: a fund cannot be
/// deleted while requests draw on it.
pub fn referrers_of(table: &str) -> &'static [(&'static str, &'static str)] {
    match table {
        "funds" => &[("mdf_requests", "fund_id")],
        // The pipeline evidence (docs/domain.md §15.1) is the CRM's record:
        // deleting what it names is refused, not cascaded.
        "partners" => &[
            ("overlaps", "partner_id"),
            ("touches", "partner_id"),
            ("opportunities", "registered_by"),
        ],
        "campaigns" => &[
            ("leads", "campaign_id"),
            ("opportunities", "campaign_id"),
            ("touches", "campaign_id"),
        ],
        "accounts" => &[
            ("overlaps", "account_id"),
            ("leads", "account_id"),
            ("opportunities", "account_id"),
            ("touches", "account_id"),
        ],
        "opportunities" => &[("touches", "opportunity_id")],
        _ => &[],
    }
}
