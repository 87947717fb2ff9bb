//! Partners (SPEC §10): who we co-market with.

use super::ids::{PartnerId, Record};
use super::keyed::keyed_enum;
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

keyed_enum!(
    /// Partnership type (SPEC §10, seed 001).
    PartnershipType {
        /// Technology / integration partner.
        Technology = ("technology", "Technology"),
        /// Affiliate.
        Affiliate = ("affiliate", "Affiliate"),
        /// Reseller / channel partner.
        Reseller = ("reseller", "Reseller"),
        /// Strategic alliance.
        StrategicAlliance = ("strategic_alliance", "Strategic alliance"),
        /// OEM / white-label.
        Oem = ("oem", "OEM"),
    }
);

keyed_enum!(
    /// Partner tier (SPEC §10, seed 001), lowest first.
    Tier {
        /// Signed agreement.
        Registered = ("registered", "Registered"),
        /// $10K revenue or 5 referrals.
        Silver = ("silver", "Silver"),
        /// $50K revenue or 20 referrals.
        Gold = ("gold", "Gold"),
        /// $200K+ revenue.
        Platinum = ("platinum", "Platinum"),
    }
);

/// A partner company (SPEC §10). Issue-2 scope: the fields the guardrails
/// need (brand guidelines for G2, data-sharing consent for G5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Company name, unique in practice but not enforced.
    pub name: String,
    /// Partnership type.
    pub partnership_type: PartnershipType,
    /// The tier set for this partner.
    pub tier: Tier,
    /// Whether the partner's brand guidelines are on file (SPEC §6 G2).
    pub brand_guidelines_on_file: bool,
    /// The date the partner's consent to share customer data was recorded;
    /// `None` = no consent (SPEC §6 G5).
    pub data_consent_on: Option<NaiveDate>,
    /// Free-text notes.
    #[serde(default)]
    pub notes: String,
    /// First day of the partner agreement, if recorded (SPEC §10–§11: MDF
    /// pays only for activity within the agreement).
    #[serde(default)]
    pub agreement_start: Option<NaiveDate>,
    /// Last day of the partner agreement, if recorded.
    #[serde(default)]
    pub agreement_end: Option<NaiveDate>,
}

impl Record for Partner {
    type Id = PartnerId;
    type Parent = ();
    fn parent(&self) {}
}

impl Partner {
    /// Checks the fields: a name is required (at most 80 characters); the
    /// agreement ends on or after it starts.
    ///
    /// Errors: [`Invalid`] listing every bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new("name", "a partner needs a name"));
        } else if name.chars().count() > 80 {
            errors.push(FieldError::new("name", "at most 80 characters"));
        }
        if let (Some(s), Some(e)) = (self.agreement_start, self.agreement_end)
            && e < s
        {
            errors.push(FieldError::new(
                "agreement_end",
                format!("the agreement must end on or after its start ({s})"),
            ));
        }
        Invalid::check(errors)
    }

    /// Whether `day` falls outside the partner agreement: before its start
    /// or after its end (an open side never excludes; no agreement
    /// recorded excludes nothing).
    pub fn outside_agreement(&self, day: NaiveDate) -> bool {
        self.agreement_start.is_some_and(|s| day < s) || self.agreement_end.is_some_and(|e| day > e)
    }
}
