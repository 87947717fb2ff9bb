//! Pipeline evidence (docs/domain.md §15, seed 004): the CRM's accounts,
//! the account overlap with each partner, leads, opportunities and the
//! partners' touches, from which jmo classes pipeline as **sourced**,
//! **influenced** or **partner-assisted** by rules instead of taking the
//! typed figures on trust.
//!
//! These are the records; the rules are in `attribution` (who gets which
//! class of which opportunity, and why) and the holds seed 004 names in
//! `reconcile`. Every record here comes from a CRM file (`jmo crm import`)
//! or is added by hand, and carries the CRM's id so a newer export updates
//! it in place; the change history keeps every earlier value.
//!
//! Money is in the database's currency; dates are days (no time of day).

pub mod attribution;
#[cfg(test)]
mod attribution_props;
#[cfg(test)]
mod attribution_tests;
pub mod campaign;
mod index;
pub mod journey;
#[cfg(test)]
mod journey_tests;
pub mod reconcile;
#[cfg(test)]
mod reconcile_tests;

use super::ids::{CampaignId, PartnerId, Record};
use super::keyed::keyed_enum;
use super::results::LeadSource;
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! evidence_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

evidence_id!(
    /// Row id of a CRM account (docs/domain.md §15.1).
    AccountId
);
evidence_id!(
    /// Row id of an account-overlap row: one account in one partner's
    /// snapshot (docs/domain.md §15.1).
    OverlapId
);
evidence_id!(
    /// Row id of a lead or campaign member (docs/domain.md §15.1).
    LeadId
);
evidence_id!(
    /// Row id of an opportunity (docs/domain.md §15.1).
    OpportunityId
);
evidence_id!(
    /// Row id of a partner touch (docs/domain.md §15.1).
    TouchId
);

/// The longest CRM id kept, characters (Salesforce ids are 15 or 18,
/// HubSpot record ids up to 20 digits; other CRMs' keys are longer).
pub const MAX_CRM_ID: usize = 64;

/// The longest name, domain, owner, stage or note kept, characters.
pub const MAX_TEXT: usize = 255;

/// An account in the CRM: a company we sell to (docs/domain.md §15.1).
/// Salesforce `Account`, HubSpot company.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The CRM's id (Salesforce `Id`, HubSpot `Record ID`): unique among
    /// accounts; a re-import updates the account with this id.
    pub crm_id: String,
    /// The company's name.
    pub name: String,
    /// Its web domain, lower case without `www.` (`acme.com`); empty if unknown.
    #[serde(default)]
    pub domain: String,
    /// The account owner on our side (a name or the CRM user's id); empty if unknown.
    #[serde(default)]
    pub owner: String,
}

impl Record for Account {
    type Id = AccountId;
    type Parent = ();
    fn parent(&self) {}
}

keyed_enum!(
    /// The partner's relation to a shared account in an overlap snapshot
    /// (docs/domain.md §15.1): the population an account-mapping tool
    /// puts it in on the partner's side.
    Population {
        /// The account is the partner's customer.
        Customer = ("customer", "Customer"),
        /// The partner is prospecting the account.
        Prospect = ("prospect", "Prospect"),
        /// The partner has an open opportunity on the account.
        OpenOpportunity = ("open_opportunity", "Open opportunity"),
    }
);

/// One account in one partner's overlap snapshot (docs/domain.md §15.1):
/// the partner knew the account, in this population, on the snapshot day.
/// A newer snapshot is a new row; earlier ones are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overlap {
    /// The partner whose account list it is.
    pub partner_id: PartnerId,
    /// The shared account.
    pub account_id: AccountId,
    /// The partner's relation to the account.
    pub population: Population,
    /// The day the snapshot was taken.
    pub snapshot_on: NaiveDate,
    /// The account is our existing customer and is out of the joint
    /// campaigns' scope: an opportunity on it credited to the partner is
    /// a finding (docs/domain.md §15.4).
    #[serde(default)]
    pub excluded: bool,
}

impl Record for Overlap {
    type Id = OverlapId;
    type Parent = PartnerId;
    fn parent(&self) -> PartnerId {
        self.partner_id
    }
}

/// A lead or a campaign member (docs/domain.md §15.1): a person who
/// responded, at a company, from a source. Salesforce `Lead` and
/// `CampaignMember`, HubSpot contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lead {
    /// The CRM's id: unique among leads.
    pub crm_id: String,
    /// The account it was matched to; `None` = not reconciled (a finding,
    /// docs/domain.md §15.4).
    #[serde(default)]
    pub account_id: Option<AccountId>,
    /// The account as the file gave it (a CRM id, a company name or a
    /// domain), kept so an unreconciled lead says what it could not find.
    #[serde(default)]
    pub account_ref: String,
    /// The jmo campaign it responded to, if any.
    #[serde(default)]
    pub campaign_id: Option<CampaignId>,
    /// Where it came from (ours, the partner's promotion, paid, organic).
    pub source: LeadSource,
    /// The day it was created in the CRM.
    pub created_on: NaiveDate,
    /// The day it became an MQL; `None` = not (yet) an MQL.
    #[serde(default)]
    pub mql_on: Option<NaiveDate>,
}

impl Record for Lead {
    type Id = LeadId;
    type Parent = Option<CampaignId>;
    fn parent(&self) -> Option<CampaignId> {
        self.campaign_id
    }
}

keyed_enum!(
    /// Whether an opportunity is still open, won or lost (docs/domain.md §15.1).
    Outcome {
        /// Still open: its close date is the expected one.
        Open = ("open", "Open"),
        /// Closed won: its amount is revenue.
        Won = ("won", "Closed won"),
        /// Closed lost.
        Lost = ("lost", "Closed lost"),
    }
);

/// An opportunity (docs/domain.md §15.1): a deal on an account. Salesforce
/// `Opportunity`, HubSpot deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// The CRM's id: unique among opportunities.
    pub crm_id: String,
    /// The account; `None` = not reconciled (a finding).
    #[serde(default)]
    pub account_id: Option<AccountId>,
    /// The account as the file gave it, kept for an unreconciled one.
    #[serde(default)]
    pub account_ref: String,
    /// The opportunity's name.
    pub name: String,
    /// Its amount, in the database's currency (≥ 0).
    pub amount: Decimal,
    /// The CRM's stage, as the CRM names it (`Prospecting`, `closedwon`…).
    #[serde(default)]
    pub stage: String,
    /// The day it was created in the CRM.
    pub created_on: NaiveDate,
    /// The close date: the day it closed, or for an open one the expected day.
    pub close_on: NaiveDate,
    /// Open, won or lost.
    pub outcome: Outcome,
    /// The CRM's lead source, as the CRM names it.
    #[serde(default)]
    pub lead_source: String,
    /// The partner that registered the deal, if the CRM records one
    /// (Salesforce `OpportunityPartner` or a partner lookup): a deal
    /// registration dated the day the opportunity was created.
    #[serde(default)]
    pub registered_by: Option<PartnerId>,
    /// The jmo campaign the CRM names as its primary campaign, if any.
    #[serde(default)]
    pub campaign_id: Option<CampaignId>,
}

impl Record for Opportunity {
    type Id = OpportunityId;
    type Parent = Option<AccountId>;
    fn parent(&self) -> Option<AccountId> {
        self.account_id
    }
}

impl Opportunity {
    /// Whether it has closed (won or lost).
    pub fn is_closed(&self) -> bool {
        self.outcome != Outcome::Open
    }

    /// The last day a touch can count on it (docs/domain.md §15.2): the
    /// close date once closed, else `today` (a touch dated after today is
    /// planned, not evidence).
    pub fn last_counting_day(&self, today: NaiveDate) -> NaiveDate {
        if self.is_closed() {
            self.close_on
        } else {
            today
        }
    }
}

keyed_enum!(
    /// What a partner did (docs/domain.md §15.1).
    TouchKind {
        /// The partner registered the deal.
        DealRegistration = ("deal_registration", "Deal registration"),
        /// The partner referred the account or the deal to us.
        Referral = ("referral", "Referral"),
        /// The partner introduced us to someone at the account.
        Introduction = ("introduction", "Introduction"),
        /// A selling meeting held with the partner.
        CoSellingMeeting = ("co_selling_meeting", "Co-selling meeting"),
        /// Someone at the account responded to a joint campaign.
        CampaignResponse = ("campaign_response", "Joint-campaign response"),
    }
);

impl TouchKind {
    /// Whether this kind can source an opportunity (registration, referral).
    pub fn can_source(self) -> bool {
        matches!(self, TouchKind::DealRegistration | TouchKind::Referral)
    }

    /// Whether this kind is taking part in the sale (introduction,
    /// co-selling meeting): after the opportunity is created it makes the
    /// partner partner-assisted.
    pub fn assists(self) -> bool {
        matches!(self, TouchKind::Introduction | TouchKind::CoSellingMeeting)
    }
}

/// A partner's touch on an account or an opportunity (docs/domain.md
/// §15.1): imported or added by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Touch {
    /// The partner.
    pub partner_id: PartnerId,
    /// The account touched (with or without an opportunity).
    #[serde(default)]
    pub account_id: Option<AccountId>,
    /// The opportunity touched, if the touch names one.
    #[serde(default)]
    pub opportunity_id: Option<OpportunityId>,
    /// The day.
    pub on: NaiveDate,
    /// What the partner did.
    pub kind: TouchKind,
    /// The joint campaign it came from (a campaign response), if any.
    #[serde(default)]
    pub campaign_id: Option<CampaignId>,
    /// The CRM's id if imported; empty when added by hand.
    #[serde(default)]
    pub crm_id: String,
    /// A note (who, what was said).
    #[serde(default)]
    pub note: String,
}

impl Record for Touch {
    type Id = TouchId;
    type Parent = PartnerId;
    fn parent(&self) -> PartnerId {
        self.partner_id
    }
}

/// Checks a CRM id: not empty, at most [`MAX_CRM_ID`] characters.
fn check_crm_id(field: &'static str, id: &str, errors: &mut Vec<FieldError>) {
    if id.trim().is_empty() {
        errors.push(FieldError::new(field, "the CRM id is empty"));
    } else if id.chars().count() > MAX_CRM_ID {
        errors.push(FieldError::new(
            field,
            format!("the CRM id is over {MAX_CRM_ID} characters"),
        ));
    }
}

/// Checks a text field: at most [`MAX_TEXT`] characters.
fn check_text(field: &'static str, text: &str, errors: &mut Vec<FieldError>) {
    if text.chars().count() > MAX_TEXT {
        errors.push(FieldError::new(
            field,
            format!("at most {MAX_TEXT} characters"),
        ));
    }
}

impl Account {
    /// Checks the fields: a CRM id, a name, texts at most [`MAX_TEXT`].
    ///
    /// Errors: [`Invalid`] listing every bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        check_crm_id("crm_id", &self.crm_id, &mut errors);
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", "an account needs a name"));
        }
        for (field, text) in [
            ("name", &self.name),
            ("domain", &self.domain),
            ("owner", &self.owner),
        ] {
            check_text(field, text, &mut errors);
        }
        Invalid::check(errors)
    }
}

impl Overlap {
    /// Checks the fields: every field is typed (a partner, an account, a
    /// population, a day), so there is nothing more to check; kept so an
    /// overlap row validates like every other record.
    ///
    /// Errors: none.
    pub fn validate(&self) -> Result<(), Invalid> {
        Ok(())
    }
}

impl Lead {
    /// Checks the fields: a CRM id; the MQL day not before the created day.
    ///
    /// Errors: [`Invalid`] listing every bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        check_crm_id("crm_id", &self.crm_id, &mut errors);
        check_text("account_ref", &self.account_ref, &mut errors);
        if let Some(m) = self.mql_on
            && m < self.created_on
        {
            errors.push(FieldError::new(
                "mql_on",
                format!(
                    "a lead becomes an MQL on or after it is created ({})",
                    self.created_on
                ),
            ));
        }
        Invalid::check(errors)
    }
}

impl Opportunity {
    /// Checks the fields: a CRM id and a name; the amount ≥ 0; the close
    /// date not before the created date.
    ///
    /// Errors: [`Invalid`] listing every bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        check_crm_id("crm_id", &self.crm_id, &mut errors);
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", "an opportunity needs a name"));
        }
        for (field, text) in [
            ("name", &self.name),
            ("stage", &self.stage),
            ("lead_source", &self.lead_source),
            ("account_ref", &self.account_ref),
        ] {
            check_text(field, text, &mut errors);
        }
        if self.amount < Decimal::ZERO {
            errors.push(FieldError::new("amount", "the amount cannot be negative"));
        }
        if self.close_on < self.created_on {
            errors.push(FieldError::new(
                "close_on",
                format!(
                    "the close date cannot be before the day it was created ({})",
                    self.created_on
                ),
            ));
        }
        Invalid::check(errors)
    }
}

impl Touch {
    /// Checks the fields: an account or an opportunity; the CRM id (if
    /// any) and the note within their lengths.
    ///
    /// Errors: [`Invalid`] listing every bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.account_id.is_none() && self.opportunity_id.is_none() {
            errors.push(FieldError::new(
                "account_id",
                "a touch is on an account or an opportunity",
            ));
        }
        if !self.crm_id.is_empty() {
            check_crm_id("crm_id", &self.crm_id, &mut errors);
        }
        if self.note.chars().count() > 4000 {
            errors.push(FieldError::new("note", "at most 4000 characters"));
        }
        Invalid::check(errors)
    }
}

/// The evidence records in memory (docs/domain.md §15.1), each by id and
/// by parent. What a caller loads must be closed for the opportunities it
/// judges: with each opportunity, every touch, overlap row and lead on its
/// account, whatever the partner (the sourcing rule T5 compares partners).
#[derive(Debug, Clone, Default)]
pub struct Evidence {
    /// Accounts.
    pub accounts: super::program::Table<Account>,
    /// Overlap rows, by partner.
    pub overlaps: super::program::Table<Overlap>,
    /// Leads, by campaign.
    pub leads: super::program::Table<Lead>,
    /// Opportunities, by account.
    pub opportunities: super::program::Table<Opportunity>,
    /// Touches, by partner.
    pub touches: super::program::Table<Touch>,
}

impl Evidence {
    /// No evidence records at all.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
            && self.overlaps.is_empty()
            && self.leads.is_empty()
            && self.opportunities.is_empty()
            && self.touches.is_empty()
    }
}

/// The attribution settings (docs/domain.md §15.2–§15.3), the config
/// file's `[evidence]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EvidenceRules {
    /// W: days before an opportunity's creation (or its close, for a
    /// joint-campaign response) in which a partner's evidence counts.
    /// Default 90.
    pub window_days: i64,
    /// E6: how far a reported figure may be from the evidenced one before
    /// it is a finding, % of the evidenced figure. Default 10.
    pub tolerance_percent: Decimal,
}

impl Default for EvidenceRules {
    fn default() -> Self {
        EvidenceRules {
            window_days: 90,
            tolerance_percent: Decimal::TEN,
        }
    }
}
