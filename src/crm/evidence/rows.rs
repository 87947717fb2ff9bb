//! The evidence rows and the conversion of a [`Record`] into one
//! (docs/domain.md §15.1).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::crm::profile::{Profile, Target};
use crate::crm::read::{Column, Problem, ReadError, Record};
use crate::crm::values::{Kind, Value, ValueError};
use crate::domain::evidence::{Outcome, Population, TouchKind};
use crate::domain::results::LeadSource;

/// Where a row was read: the 1-based line (CSV) or `None` (JSON), the
/// 1-based record number, and an sObject Tree record's `referenceId`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    /// CSV: the line the record starts on.
    pub line: Option<u64>,
    /// The 1-based record number (data rows only).
    pub index: usize,
    /// A tree record's `attributes.referenceId`.
    pub reference: Option<String>,
}

/// An account as a file names it: any of its CRM id, name and domain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountRef {
    /// The account's CRM id (Salesforce `AccountId`, `ConvertedAccountId`).
    pub crm_id: Option<String>,
    /// The company name as written.
    pub name: Option<String>,
    /// The web domain, lower case without scheme, `www.` or path
    /// ([`domain_of`]); for a lead, its email's domain.
    pub domain: Option<String>,
}

/// A campaign as a file names it: its CRM id or its name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CampaignRef {
    /// The campaign's CRM id (Salesforce `CampaignId`).
    pub crm_id: Option<String>,
    /// The campaign's name.
    pub name: Option<String>,
}

/// An account (Salesforce `Account`, HubSpot company).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountRow {
    /// Its CRM id.
    pub crm_id: String,
    /// Its name.
    pub name: String,
    /// Its domain ([`domain_of`] the website), empty if none.
    pub domain: String,
    /// The owner as written (a CRM user id or a name), empty if none.
    pub owner: String,
}

/// One account in one partner's overlap snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverlapRow {
    /// The account.
    pub account: AccountRef,
    /// The partner's name as written.
    pub partner: String,
    /// The partner's relation to the account.
    pub population: Population,
    /// The snapshot day.
    pub snapshot_on: NaiveDate,
    /// Marked out of scope in the file (`Excluded` true); false if absent.
    pub excluded: bool,
}

/// A lead, campaign member or contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeadRow {
    /// Its CRM id.
    pub crm_id: String,
    /// Its account: converted account id, company name, email domain.
    pub account: AccountRef,
    /// A campaign member's Lead or Contact id (whichever is set).
    pub person_crm_id: Option<String>,
    /// The campaign it responded to (a campaign member's `CampaignId`).
    pub campaign: CampaignRef,
    /// The CRM's status as written (Lead Status, member Status).
    pub status: Option<String>,
    /// The source as written, and as a jmo source when the profile's
    /// value map knows it (`None`: unmapped, decided on resolution).
    pub source: Option<(String, Option<LeadSource>)>,
    /// The day it was created (the date part of a timestamp as written).
    pub created_on: NaiveDate,
    /// The day it became an MQL.
    pub mql_on: Option<NaiveDate>,
    /// A campaign member's first responded day.
    pub responded_on: Option<NaiveDate>,
}

/// An opportunity (Salesforce `Opportunity`, HubSpot deal).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpportunityRow {
    /// Its CRM id.
    pub crm_id: String,
    /// Its account (Salesforce `AccountId`, HubSpot Associated Company).
    pub account: AccountRef,
    /// Its name.
    pub name: String,
    /// Its amount; `None` when the cell is empty.
    pub amount: Option<Decimal>,
    /// The stage as written (`Closed Won`, `closedwon`, `Prospecting`).
    pub stage: String,
    /// The HubSpot pipeline, if given.
    pub pipeline: Option<String>,
    /// The day it was created.
    pub created_on: NaiveDate,
    /// The close day (expected, while open).
    pub close_on: NaiveDate,
    /// Open, won or lost: from `IsWon` / `IsClosed` when the file has
    /// them, else from the stage map (an unmapped stage is open).
    pub outcome: Outcome,
    /// The lead source as written.
    pub lead_source: Option<String>,
    /// The primary campaign (Salesforce `CampaignId`).
    pub campaign: CampaignRef,
}

/// A partner account on an opportunity (Salesforce `OpportunityPartner`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerRow {
    /// The row's CRM id, if the file has one.
    pub crm_id: Option<String>,
    /// The opportunity's CRM id.
    pub opportunity_crm_id: String,
    /// The partner's account CRM id (`AccountToId`).
    pub partner_account_crm_id: String,
    /// The role as written (`Reseller`, `VAR/Reseller`…).
    pub role: Option<String>,
    /// Whether it is the primary partner; false if absent.
    pub primary: bool,
}

/// A partner's touch (jmo's touches CSV).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TouchRow {
    /// The touch's id, if the file gives one.
    pub crm_id: Option<String>,
    /// The partner's name as written.
    pub partner: String,
    /// The account as written (CRM id, name or domain), if any.
    pub account: Option<String>,
    /// The opportunity as written (CRM id or name), if any.
    pub opportunity: Option<String>,
    /// The day.
    pub on: NaiveDate,
    /// What the partner did.
    pub kind: TouchKind,
    /// The joint campaign as written, if any.
    pub campaign: Option<String>,
    /// The note.
    pub note: String,
}

/// One evidence record read from a file, with its place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceRow {
    /// An account.
    Account(AccountRow, Position),
    /// An overlap row.
    Overlap(OverlapRow, Position),
    /// A lead, campaign member or contact.
    Lead(LeadRow, Position),
    /// An opportunity.
    Opportunity(OpportunityRow, Position),
    /// A touch.
    Touch(TouchRow, Position),
    /// A partner on an opportunity.
    PartnerOnOpportunity(PartnerRow, Position),
}

/// The domain of a website or an email: lower case, without scheme,
/// `www.`, user, port or path (`https://www.Acme.com/about` → `acme.com`,
/// `ann@Acme.io` → `acme.io`); `None` for blank text.
pub fn domain_of(text: &str) -> Option<String> {
    let t = text.trim().to_lowercase();
    let t = t.rsplit_once('@').map_or(t.as_str(), |(_, d)| d);
    let t = t.split_once("://").map_or(t, |(_, rest)| rest);
    let t = t.split(['/', '?', '#', ':']).next().unwrap_or_default();
    let t = t.strip_prefix("www.").unwrap_or(t);
    (!t.is_empty()).then(|| t.to_owned())
}

fn text(r: &Record, field: &str) -> Option<String> {
    match r.get(field)? {
        Value::Text(s) | Value::Id(s) => Some(s.trim().to_owned()),
        Value::Choice { source, .. } => Some(source.trim().to_owned()),
        _ => None,
    }
}

fn date(r: &Record, field: &str) -> Option<NaiveDate> {
    match r.get(field)? {
        Value::Date(d) => Some(*d),
        _ => None,
    }
}

fn flag(r: &Record, field: &str) -> Option<bool> {
    match r.get(field)? {
        Value::Bool(b) => Some(*b),
        _ => None,
    }
}

/// A picklist field's text as written and the key its value map gives
/// (a profile without a map: the text itself, taken as the key).
fn choice(r: &Record, field: &str) -> Option<(String, Option<String>)> {
    match r.get(field) {
        Some(Value::Choice { source, mapped }) => Some((source.clone(), mapped.clone())),
        Some(Value::Text(s)) => Some((s.clone(), Some(s.trim().to_owned()))),
        _ => None,
    }
}

fn problem_at(r: &Record, field: &str, problem: Problem) -> ReadError {
    ReadError {
        line: r.line,
        record: r.line.is_none().then_some(r.index),
        column: r.places.get(field).cloned().or_else(|| {
            Some(Column {
                number: None,
                name: field.to_owned(),
            })
        }),
        problem,
    }
}

fn unknown(r: &Record, field: &str, source: &str, keys: &str) -> ReadError {
    let reason = format!("not one of the known values: {source:?} (the profile maps to: {keys})");
    let e = ValueError {
        kind: Kind::Text,
        reason,
    };
    problem_at(r, field, Problem::Value(e))
}

/// A required value the profile guarantees; a profile that does not
/// require it reads as the field being empty.
fn need<T>(r: &Record, field: &str, v: Option<T>) -> Result<T, ReadError> {
    v.ok_or_else(|| {
        problem_at(
            r,
            field,
            Problem::Required {
                field: field.to_owned(),
            },
        )
    })
}

fn position(r: &Record) -> Position {
    Position {
        line: r.line,
        index: r.index,
        reference: r.reference.clone(),
    }
}

/// Turns a record `profile` read into its evidence row.
///
/// # Errors
/// A [`ReadError`] at the record's line and the column of the value: a
/// picklist value the profile's map does not know (an overlap population,
/// a touch kind), a touch with neither account nor opportunity, or a field
/// the row needs that the profile does not require and the record lacks.
/// `None` for a campaign profile (not evidence).
pub fn row(profile: &Profile, r: &Record) -> Option<Result<EvidenceRow, ReadError>> {
    let at = position(r);
    let result = match profile.target {
        Target::Campaign => return None,
        Target::Account => account(r).map(|a| EvidenceRow::Account(a, at)),
        Target::Overlap => overlap(r).map(|o| EvidenceRow::Overlap(o, at)),
        Target::Lead => lead(r).map(|l| EvidenceRow::Lead(l, at)),
        Target::Opportunity => opportunity(r).map(|o| EvidenceRow::Opportunity(o, at)),
        Target::OpportunityPartner => partner(r).map(|p| EvidenceRow::PartnerOnOpportunity(p, at)),
        Target::Touch => touch(r).map(|t| EvidenceRow::Touch(t, at)),
    };
    Some(result)
}

fn account(r: &Record) -> Result<AccountRow, ReadError> {
    Ok(AccountRow {
        crm_id: need(r, "crm_id", text(r, "crm_id"))?,
        name: need(r, "name", text(r, "name"))?,
        domain: text(r, "domain")
            .and_then(|d| domain_of(&d))
            .unwrap_or_default(),
        owner: text(r, "owner").unwrap_or_default(),
    })
}

fn account_ref(r: &Record) -> AccountRef {
    let domain = text(r, "domain").or_else(|| text(r, "email"));
    AccountRef {
        crm_id: text(r, "account_crm_id"),
        name: text(r, "account_name"),
        domain: domain.and_then(|d| domain_of(&d)),
    }
}

fn overlap(r: &Record) -> Result<OverlapRow, ReadError> {
    let (source, key) = need(r, "population", choice(r, "population"))?;
    let population = key
        .as_deref()
        .and_then(Population::from_key)
        .ok_or_else(|| unknown(r, "population", &source, &Population::keys()))?;
    Ok(OverlapRow {
        account: account_ref(r),
        partner: need(r, "partner", text(r, "partner"))?,
        population,
        snapshot_on: need(r, "snapshot", date(r, "snapshot"))?,
        excluded: flag(r, "excluded").unwrap_or(false),
    })
}

fn lead(r: &Record) -> Result<LeadRow, ReadError> {
    let source =
        choice(r, "source").map(|(s, key)| (s, key.as_deref().and_then(LeadSource::from_key)));
    Ok(LeadRow {
        crm_id: need(r, "crm_id", text(r, "crm_id"))?,
        account: account_ref(r),
        person_crm_id: text(r, "lead_crm_id").or_else(|| text(r, "contact_crm_id")),
        campaign: CampaignRef {
            crm_id: text(r, "campaign_crm_id"),
            name: text(r, "campaign_name"),
        },
        status: text(r, "status"),
        source,
        created_on: need(r, "created", date(r, "created"))?,
        mql_on: date(r, "mql"),
        responded_on: date(r, "responded"),
    })
}

fn opportunity(r: &Record) -> Result<OpportunityRow, ReadError> {
    let (stage, key) = need(r, "stage", choice(r, "stage"))?;
    let outcome = match (flag(r, "closed"), flag(r, "won")) {
        (_, Some(true)) => Outcome::Won,
        (Some(true), _) => Outcome::Lost,
        (Some(false), _) => Outcome::Open,
        _ => key
            .as_deref()
            .and_then(Outcome::from_key)
            .unwrap_or(Outcome::Open),
    };
    let amount = match r.get("amount") {
        Some(Value::Decimal(d)) => Some(*d),
        _ => None,
    };
    Ok(OpportunityRow {
        crm_id: need(r, "crm_id", text(r, "crm_id"))?,
        account: account_ref(r),
        name: need(r, "name", text(r, "name"))?,
        amount,
        stage: stage.trim().to_owned(),
        pipeline: text(r, "pipeline"),
        created_on: need(r, "created", date(r, "created"))?,
        close_on: need(r, "close", date(r, "close"))?,
        outcome,
        lead_source: text(r, "lead_source"),
        campaign: CampaignRef {
            crm_id: text(r, "campaign_crm_id"),
            name: None,
        },
    })
}

fn partner(r: &Record) -> Result<PartnerRow, ReadError> {
    Ok(PartnerRow {
        crm_id: text(r, "crm_id"),
        opportunity_crm_id: need(r, "opportunity_crm_id", text(r, "opportunity_crm_id"))?,
        partner_account_crm_id: need(
            r,
            "partner_account_crm_id",
            text(r, "partner_account_crm_id"),
        )?,
        role: text(r, "role"),
        primary: flag(r, "primary").unwrap_or(false),
    })
}

fn touch(r: &Record) -> Result<TouchRow, ReadError> {
    let (source, key) = need(r, "kind", choice(r, "kind"))?;
    let kind = key
        .as_deref()
        .and_then(TouchKind::from_key)
        .ok_or_else(|| unknown(r, "kind", &source, &TouchKind::keys()))?;
    let account = text(r, "account");
    let opportunity = text(r, "opportunity");
    if account.is_none() && opportunity.is_none() {
        let e = ValueError {
            kind: Kind::Text,
            reason: "a touch names an account or an opportunity; both are empty".to_owned(),
        };
        return Err(problem_at(r, "account", Problem::Value(e)));
    }
    Ok(TouchRow {
        crm_id: text(r, "crm_id"),
        partner: need(r, "partner", text(r, "partner"))?,
        account,
        opportunity,
        on: need(r, "on", date(r, "on"))?,
        kind,
        campaign: text(r, "campaign"),
        note: text(r, "note").unwrap_or_default(),
    })
}
