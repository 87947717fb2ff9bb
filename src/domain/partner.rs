//! Partners (docs/domain.md §10): who we co-market with.

use super::ids::{ContactId, PartnerId, Record};
use super::keyed::keyed_enum;
use super::money::{amount_error, count_error, round_cents};
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::{Deserialize, Serialize};

keyed_enum!(
    /// Partnership type (docs/domain.md §10, seed 001).
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
    /// Partner tier (docs/domain.md §10, seed 001), lowest first.
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

/// A partner company and its profile (docs/domain.md §10, seeds 001–003, issue 5).
///
/// Money is in the database's currency; counts are whole numbers; the two budget factors are
/// plain multipliers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// Company name, unique in practice but not enforced.
    pub name: String,
    /// Partnership type.
    pub partnership_type: PartnershipType,
    /// The tier set for this partner (the tier its numbers earn is
    /// [`Partner::earned_tier`]).
    pub tier: Tier,
    /// Whether the partner's brand guidelines are on file (docs/domain.md §6.2 G2).
    pub brand_guidelines_on_file: bool,
    /// The date the partner's consent to share customer data was recorded;
    /// `None` = no consent (docs/domain.md §6.7 G5).
    pub data_consent_on: Option<NaiveDate>,
    /// Free-text notes.
    #[serde(default)]
    pub notes: String,
    /// First day of the partner agreement (the day it was signed or took
    /// effect); `None` = no signed agreement recorded (docs/domain.md §10–§11).
    #[serde(default)]
    pub agreement_start: Option<NaiveDate>,
    /// Last day of the partner agreement, if recorded.
    #[serde(default)]
    pub agreement_end: Option<NaiveDate>,
    /// Where the brand guidelines are (URL, file path or document name).
    #[serde(default)]
    pub brand_guidelines_ref: String,
    /// What the data-sharing consent covers (e.g. "webinar registrants").
    #[serde(default)]
    pub data_consent_scope: String,
    /// The agreement's scope: what the two companies do together.
    #[serde(default)]
    pub agreement_scope: String,
    /// Lead and revenue sharing terms (e.g. "each keeps its leads; 20 %
    /// referral commission for 12 months").
    #[serde(default)]
    pub sharing_terms: String,
    /// The exclusivity clause, empty = none.
    #[serde(default)]
    pub exclusivity: String,
    /// The last day of the exclusivity, if it has one.
    #[serde(default)]
    pub exclusive_until: Option<NaiveDate>,
    /// Brand usage terms (logos, where, approval needed).
    #[serde(default)]
    pub brand_usage: String,
    /// Termination notice, days.
    #[serde(default)]
    pub termination_notice_days: Option<i64>,
    /// Revenue the partner has brought, in the database's currency, as recorded for the tier rules
    /// (docs/domain.md §10: $10K Silver, $50K Gold, $200K Platinum).
    #[serde(default)]
    pub recorded_revenue: Decimal,
    /// Referrals the partner has made, as recorded for the tier rules
    /// (docs/domain.md §10: 5 Silver, 20 Gold).
    #[serde(default)]
    pub referrals: i64,
    /// Pipeline potential factor of the co-marketing budget, 0.5–2.0
    /// (docs/domain.md §10, seed 001: lead quality).
    #[serde(default = "one")]
    pub pipeline_potential: Decimal,
    /// Strategic value score of the co-marketing budget, 0.8–1.5 (docs/domain.md §10,
    /// seed 001: brand alignment).
    #[serde(default = "one")]
    pub strategic_value: Decimal,
    /// Evidence of campaigns run together before jmo (readiness, seed 000
    /// step 1); empty = none noted.
    #[serde(default)]
    pub past_performance: String,
    /// The day the partner was archived (agreement ended); `None` = active.
    /// Archived partners are hidden from the default list and not checked;
    /// nothing is deleted.
    #[serde(default)]
    pub archived_on: Option<NaiveDate>,
}

fn one() -> Decimal {
    Decimal::ONE
}

impl Default for Partner {
    /// An unnamed technology partner at Registered, with neutral budget
    /// factors (1.0) and nothing else recorded: the base of test fixtures
    /// and of the new-partner form.
    fn default() -> Self {
        Partner {
            name: String::new(),
            partnership_type: PartnershipType::Technology,
            tier: Tier::Registered,
            brand_guidelines_on_file: false,
            data_consent_on: None,
            notes: String::new(),
            agreement_start: None,
            agreement_end: None,
            brand_guidelines_ref: String::new(),
            data_consent_scope: String::new(),
            agreement_scope: String::new(),
            sharing_terms: String::new(),
            exclusivity: String::new(),
            exclusive_until: None,
            brand_usage: String::new(),
            termination_notice_days: None,
            recorded_revenue: Decimal::ZERO,
            referrals: 0,
            pipeline_potential: Decimal::ONE,
            strategic_value: Decimal::ONE,
            past_performance: String::new(),
            archived_on: None,
        }
    }
}

/// The pipeline potential range of the budget formula (docs/domain.md §10).
pub const PIPELINE_POTENTIAL: (Decimal, Decimal) = (dec!(0.5), dec!(2.0));
/// The strategic value score range of the budget formula (docs/domain.md §10).
pub const STRATEGIC_VALUE: (Decimal, Decimal) = (dec!(0.8), dec!(1.5));
/// The longest termination notice accepted, days (ten years).
pub const MAX_NOTICE_DAYS: i64 = 3650;

/// Why `value` is outside `range` (inclusive) for a factor, if it is.
pub fn factor_error(value: Decimal, range: (Decimal, Decimal)) -> Option<String> {
    (value < range.0 || value > range.1).then(|| {
        format!(
            "must be between {} and {} (e.g. 1.2), not {}",
            range.0.normalize(),
            range.1.normalize(),
            value.normalize()
        )
    })
}

/// The tier a partner's numbers earn (docs/domain.md §10, seed 001), or `None`
/// without a signed agreement (Registered needs one):
/// Platinum at $200,000 revenue or more; Gold at $50,000 or 20 referrals;
/// Silver at $10,000 or 5 referrals; else Registered. Thresholds are
/// inclusive ($10,000.00 exactly earns Silver). `revenue` is in the database's currency.
pub fn earned_tier(agreement_signed: bool, revenue: Decimal, referrals: i64) -> Option<Tier> {
    if !agreement_signed {
        return None;
    }
    Some(if revenue >= dec!(200000) {
        Tier::Platinum
    } else if revenue >= dec!(50000) || referrals >= 20 {
        Tier::Gold
    } else if revenue >= dec!(10000) || referrals >= 5 {
        Tier::Silver
    } else {
        Tier::Registered
    })
}

/// The base co-marketing allocation of each tier, in the database's currency (docs/domain.md §10: "tier
/// base"), configurable under `[tier_budget]`. Defaults: Registered $0
/// (seed 001: co-marketing funds start at Silver), Silver $10,000, Gold
/// $25,000, Platinum $50,000.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierBudget {
    /// Registered base, in the database's currency.
    pub registered: Decimal,
    /// Silver base, in the database's currency.
    pub silver: Decimal,
    /// Gold base, in the database's currency.
    pub gold: Decimal,
    /// Platinum base, in the database's currency.
    pub platinum: Decimal,
}

impl Default for TierBudget {
    fn default() -> Self {
        TierBudget {
            registered: Decimal::ZERO,
            silver: dec!(10000),
            gold: dec!(25000),
            platinum: dec!(50000),
        }
    }
}

impl TierBudget {
    /// The base of `tier`, in the database's currency.
    pub fn base(&self, tier: Tier) -> Decimal {
        match tier {
            Tier::Registered => self.registered,
            Tier::Silver => self.silver,
            Tier::Gold => self.gold,
            Tier::Platinum => self.platinum,
        }
    }
}

/// The co-marketing budget suggestion (docs/domain.md §10, seed 001): tier base ×
/// pipeline potential × strategic value score, rounded to the cent.
pub fn budget_suggestion(
    tier_base: Decimal,
    pipeline_potential: Decimal,
    strategic: Decimal,
) -> Decimal {
    round_cents(tier_base * pipeline_potential * strategic)
}

impl Record for Partner {
    type Id = PartnerId;
    type Parent = ();
    fn parent(&self) {}
}

impl Partner {
    /// The co-marketing budget suggested for this partner (docs/domain.md §10): the
    /// base of the tier set × its pipeline potential × its strategic value,
    /// in the database's currency.
    pub fn budget_suggestion(&self, bases: &TierBudget) -> Decimal {
        budget_suggestion(
            bases.base(self.tier),
            self.pipeline_potential,
            self.strategic_value,
        )
    }

    /// Checks what depends on the day: consent to share customer data
    /// cannot be recorded as given in the future (a date after `today`
    /// would open every export door for data not yet consented to, docs/domain.md §6
    /// G5).
    ///
    /// Errors: [`Invalid`] on `data_consent_on`.
    pub fn validate_as_of(&self, today: NaiveDate) -> Result<(), Invalid> {
        match self.data_consent_on {
            Some(d) if d > today => Invalid::check(vec![FieldError::new(
                "data_consent_on",
                format!(
                    "{d} is in the future (today is {today}): record the day consent was given, once it is"
                ),
            )]),
            _ => Ok(()),
        }
    }

    /// Checks the fields: a name is required (at most 80 characters); the
    /// agreement ends on or after it starts and the exclusivity on or after
    /// the agreement starts; termination notice 0–3650 days; recorded
    /// revenue a valid amount ≥ 0; referrals ≥ 0; pipeline potential
    /// 0.5–2.0 and strategic value 0.8–1.5 (docs/domain.md §10).
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
        if let (Some(s), Some(e)) = (self.agreement_start, self.exclusive_until)
            && e < s
        {
            errors.push(FieldError::new(
                "exclusive_until",
                format!("the exclusivity must end on or after the agreement's start ({s})"),
            ));
        }
        if let Some(d) = self.termination_notice_days
            && !(0..=MAX_NOTICE_DAYS).contains(&d)
        {
            errors.push(FieldError::new(
                "termination_notice_days",
                format!("days between 0 and {MAX_NOTICE_DAYS}"),
            ));
        }
        if let Some(m) = amount_error(self.recorded_revenue) {
            errors.push(FieldError::new("recorded_revenue", m));
        }
        if let Some(m) = count_error(self.referrals) {
            errors.push(FieldError::new("referrals", m));
        }
        if let Some(m) = factor_error(self.pipeline_potential, PIPELINE_POTENTIAL) {
            errors.push(FieldError::new("pipeline_potential", m));
        }
        if let Some(m) = factor_error(self.strategic_value, STRATEGIC_VALUE) {
            errors.push(FieldError::new("strategic_value", m));
        }
        Invalid::check(errors)
    }

    /// The tier this partner's recorded revenue and referrals earn
    /// ([`earned_tier`]); a signed agreement = an agreement start recorded.
    pub fn earned_tier(&self) -> Option<Tier> {
        earned_tier(
            self.agreement_start.is_some(),
            self.recorded_revenue,
            self.referrals,
        )
    }

    /// Whether the partner is archived (hidden from the default list).
    pub fn is_archived(&self) -> bool {
        self.archived_on.is_some()
    }

    /// Whether `day` falls outside the partner agreement: before its start
    /// or after its end (an open side never excludes; no agreement
    /// recorded excludes nothing).
    pub fn outside_agreement(&self, day: NaiveDate) -> bool {
        self.agreement_start.is_some_and(|s| day < s) || self.agreement_end.is_some_and(|e| day > e)
    }
}

/// A marketing contact at a partner (docs/domain.md §10; readiness, seed 000 step 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The partner.
    pub partner_id: PartnerId,
    /// Full name.
    pub name: String,
    /// Role, e.g. "Partner marketing manager".
    #[serde(default)]
    pub role: String,
    /// E-mail address; empty = not known.
    #[serde(default)]
    pub email: String,
}

impl Record for Contact {
    type Id = ContactId;
    type Parent = PartnerId;
    fn parent(&self) -> PartnerId {
        self.partner_id
    }
}

/// Why `email` is not an e-mail address (`name@domain.tld`), if it is not.
pub fn email_error(email: &str) -> Option<String> {
    let e = email.trim();
    if e.is_empty() {
        return None;
    }
    let ok = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !e.chars().any(char::is_whitespace)
        }
        None => false,
    };
    (!ok).then(|| format!("'{e}' is not an e-mail address (name@company.com)"))
}

impl Contact {
    /// Checks the fields: a name (at most 80 characters); the e-mail, if
    /// given, looks like one.
    ///
    /// Errors: [`Invalid`] listing every bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new("name", "a contact needs a name"));
        } else if name.chars().count() > 80 {
            errors.push(FieldError::new("name", "at most 80 characters"));
        }
        if let Some(m) = email_error(&self.email) {
            errors.push(FieldError::new("email", m));
        }
        Invalid::check(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_at_their_thresholds() {
        let t = |rev: Decimal, refs: i64| earned_tier(true, rev, refs);
        assert_eq!(t(dec!(0), 0), Some(Tier::Registered));
        assert_eq!(t(dec!(9999.99), 4), Some(Tier::Registered));
        assert_eq!(t(dec!(10000), 0), Some(Tier::Silver));
        assert_eq!(t(dec!(0), 5), Some(Tier::Silver));
        assert_eq!(t(dec!(49999.99), 19), Some(Tier::Silver));
        assert_eq!(t(dec!(50000), 0), Some(Tier::Gold));
        assert_eq!(t(dec!(0), 20), Some(Tier::Gold));
        // Referrals alone never earn Platinum.
        assert_eq!(t(dec!(199999.99), 500), Some(Tier::Gold));
        assert_eq!(t(dec!(200000), 0), Some(Tier::Platinum));
        // No signed agreement: no tier, whatever the numbers.
        assert_eq!(earned_tier(false, dec!(500000), 50), None);
    }

    #[test]
    fn partner_earned_tier_needs_an_agreement_start() {
        let mut p = Partner {
            name: "Acme".into(),
            recorded_revenue: dec!(60000),
            ..Partner::default()
        };
        assert_eq!(p.earned_tier(), None);
        p.agreement_start = NaiveDate::from_ymd_opt(2026, 1, 1);
        assert_eq!(p.earned_tier(), Some(Tier::Gold));
    }

    #[test]
    fn budget_formula() {
        // $25,000 × 1.2 × 1.1 = $33,000.
        assert_eq!(
            budget_suggestion(dec!(25000), dec!(1.2), dec!(1.1)),
            dec!(33000)
        );
        // Lowest and highest factors: 10,000 × 0.5 × 0.8 = 4,000; × 2 × 1.5 = 30,000.
        assert_eq!(
            budget_suggestion(dec!(10000), dec!(0.5), dec!(0.8)),
            dec!(4000)
        );
        assert_eq!(
            budget_suggestion(dec!(10000), dec!(2.0), dec!(1.5)),
            dec!(30000)
        );
        // Rounded to the cent: 333.33 × 1.3 × 1.1 = 476.6619 → 476.66; 333.35 × 1.3 × 1.1 = 476.6905 → 476.69.
        assert_eq!(
            budget_suggestion(dec!(333.33), dec!(1.3), dec!(1.1)),
            dec!(476.66)
        );
        assert_eq!(
            budget_suggestion(dec!(333.35), dec!(1.3), dec!(1.1)),
            dec!(476.69)
        );
    }

    #[test]
    fn factors_out_of_range_are_refused_at_their_field() {
        let mut p = Partner {
            name: "Acme".into(),
            pipeline_potential: dec!(0.5),
            strategic_value: dec!(1.5),
            ..Partner::default()
        };
        assert!(p.validate().is_ok());
        p.pipeline_potential = dec!(0.49);
        p.strategic_value = dec!(1.51);
        let err = p.validate().unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["pipeline_potential", "strategic_value"]);
        assert!(
            err.0[0].message.contains("between 0.5 and 2"),
            "{}",
            err.0[0].message
        );
        p.pipeline_potential = dec!(2.01);
        p.strategic_value = dec!(0.79);
        assert_eq!(p.validate().unwrap_err().0.len(), 2);
    }

    #[test]
    fn agreement_terms_are_checked() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day);
        let p = Partner {
            name: "Acme".into(),
            agreement_start: d(3, 1),
            exclusive_until: d(2, 1),
            termination_notice_days: Some(-1),
            referrals: -2,
            ..Partner::default()
        };
        let fields: Vec<_> = p
            .validate()
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["exclusive_until", "termination_notice_days", "referrals"]
        );
    }

    #[test]
    fn contact_emails() {
        assert_eq!(email_error(""), None);
        assert_eq!(email_error("ana@northwind.io"), None);
        for bad in [
            "ana",
            "ana@",
            "@x.io",
            "ana@northwind",
            "a b@x.io",
            "a@b@c.io",
            "ana@x.",
        ] {
            assert!(email_error(bad).is_some(), "{bad}");
        }
        let c = Contact {
            partner_id: PartnerId(1),
            name: " ".into(),
            role: String::new(),
            email: "nope".into(),
        };
        let fields: Vec<_> = c
            .validate()
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "email"]);
    }
}
