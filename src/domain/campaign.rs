//! Campaigns (docs/domain.md §2) and their lifecycle.

use super::currency::Currency;
use super::ids::{CampaignId, PartnerId, Record};
use super::keyed::keyed_enum;
use super::money::{amount_error, count_error};
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

keyed_enum!(
    /// The six campaign types (docs/domain.md §2, seed 000).
    CampaignType {
        /// Webinar: thought leadership.
        Webinar = ("webinar", "Webinar"),
        /// Co-branded content: SEO & nurture.
        Content = ("content", "Co-branded content"),
        /// Virtual event: demand gen.
        VirtualEvent = ("virtual_event", "Virtual event"),
        /// In-person event: enterprise.
        InPersonEvent = ("in_person_event", "In-person event"),
        /// Digital ads: awareness.
        DigitalAds = ("digital_ads", "Digital ads"),
        /// Email campaign: existing base.
        Email = ("email", "Email campaign"),
    }
);

impl CampaignType {
    /// Typical budget range, inclusive (docs/domain.md §2 table), taken as amounts
    /// in the database's currency.
    pub fn typical_budget(self) -> (Decimal, Decimal) {
        let (lo, hi): (i64, i64) = match self {
            CampaignType::Webinar => (2_000, 10_000),
            CampaignType::Content => (5_000, 15_000),
            CampaignType::VirtualEvent => (10_000, 50_000),
            CampaignType::InPersonEvent => (20_000, 100_000),
            CampaignType::DigitalAds => (5_000, 25_000),
            CampaignType::Email => (1_000, 5_000),
        };
        (Decimal::from(lo), Decimal::from(hi))
    }

    /// Expected leads range, inclusive (docs/domain.md §2 table).
    pub fn expected_leads(self) -> (i64, i64) {
        match self {
            CampaignType::Webinar => (100, 500),
            CampaignType::Content => (50, 200),
            CampaignType::VirtualEvent => (200, 1000),
            CampaignType::InPersonEvent => (50, 200),
            CampaignType::DigitalAds => (100, 500),
            CampaignType::Email => (50, 150),
        }
    }

    /// What the type is best for (docs/domain.md §2).
    pub fn best_for(self) -> &'static str {
        match self {
            CampaignType::Webinar => "thought leadership",
            CampaignType::Content => "SEO & nurture",
            CampaignType::VirtualEvent => "demand gen",
            CampaignType::InPersonEvent => "enterprise",
            CampaignType::DigitalAds => "awareness",
            CampaignType::Email => "existing base",
        }
    }

    /// The type as a countable noun inside a sentence: "webinar",
    /// "in-person event", "digital ads campaign" (with
    /// [`super::words::a`]: "an in-person event"; with
    /// [`super::words::plural`]: "digital ads campaigns").
    pub fn noun(self) -> &'static str {
        match self {
            CampaignType::Webinar => "webinar",
            CampaignType::Content => "co-branded content campaign",
            CampaignType::VirtualEvent => "virtual event",
            CampaignType::InPersonEvent => "in-person event",
            CampaignType::DigitalAds => "digital ads campaign",
            CampaignType::Email => "email campaign",
        }
    }

    /// Whether the type is an event, subject to the 6-week lead time (docs/domain.md §6.2 G7).
    pub fn is_event(self) -> bool {
        matches!(
            self,
            CampaignType::VirtualEvent | CampaignType::InPersonEvent
        )
    }

    /// The typical budget as text in `currency`, e.g. "$2K–$10K" (the ranges of docs/domain.md
    /// §2, taken as amounts in the database's currency).
    pub fn typical_budget_text(self, currency: Currency) -> String {
        let (lo, hi) = self.typical_budget();
        format!(
            "{}–{}",
            currency.format_short(lo),
            currency.format_short(hi)
        )
    }
}

keyed_enum!(
    /// A campaign's lifecycle state, set by the user (docs/domain.md §2, issue 2).
    CampaignStatus {
        /// Being planned; not launched.
        Planned = ("planned", "planned"),
        /// Launched and running.
        Live = ("live", "live"),
        /// Ended.
        Completed = ("completed", "completed"),
        /// Called off.
        Cancelled = ("cancelled", "cancelled"),
    }
);

impl CampaignStatus {
    /// The next status in the normal flow (planned → live → completed);
    /// completed and cancelled stay as they are.
    pub fn next(self) -> CampaignStatus {
        match self {
            CampaignStatus::Planned => CampaignStatus::Live,
            CampaignStatus::Live => CampaignStatus::Completed,
            other => other,
        }
    }

    /// Completed or cancelled: the campaign needs no more work.
    pub fn is_closed(self) -> bool {
        matches!(self, CampaignStatus::Completed | CampaignStatus::Cancelled)
    }
}

/// A co-marketing campaign with one partner (docs/domain.md §2–§4, §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// The partner this campaign is run with.
    pub partner_id: PartnerId,
    /// Campaign name, e.g. "Q3 Security Webinar".
    pub name: String,
    /// Campaign type (docs/domain.md §2).
    pub campaign_type: CampaignType,
    /// The playbook it was created from, by name (docs/domain.md §3), if any.
    #[serde(default)]
    pub playbook: Option<String>,
    /// Lifecycle status.
    pub status: CampaignStatus,
    /// Target audience segment.
    #[serde(default)]
    pub audience: String,
    /// Kickoff date (docs/domain.md §4).
    pub start: NaiveDate,
    /// Launch (go-live) date; `start ≤ launch ≤ end` (docs/domain.md §4).
    pub launch: NaiveDate,
    /// End date.
    pub end: NaiveDate,
    /// External budget, in the database's currency, ≥ 0 (docs/domain.md §7).
    pub budget: Decimal,
    /// Internal cost, in the database's currency, ≥ 0 (docs/domain.md §7).
    pub internal_cost: Decimal,
    /// Lead target (expected leads), if set (docs/domain.md §2).
    #[serde(default)]
    pub lead_target: Option<i64>,
    /// CRM (Salesforce) campaign id; `None` = not tracked (docs/domain.md §6.2 G8).
    #[serde(default)]
    pub crm_id: Option<String>,
    /// Lead attribution rules agreed with the partner (docs/domain.md §6.2 G3).
    pub attribution_agreed: bool,
    /// The campaign uses the partner's customer data (docs/domain.md §6.7 G5).
    pub uses_partner_data: bool,
}

/// The name of a campaign's CRM (Salesforce) Campaign record,
/// `Partner: {partner} - {campaign}`: the name G8 asks for, the `Name`
/// jmo's export writes and the one `jmo crm import` links by
/// (docs/domain.md §13, docs/crm.md). Both names are taken as they are.
pub fn crm_campaign_name(partner: &str, campaign: &str) -> String {
    format!("Partner: {partner} - {campaign}")
}

/// The most characters Salesforce's Campaign `Name` holds (a Text(80)
/// field; Salesforce refuses a longer one on insert or update).
pub const CRM_NAME_MAX: usize = 80;

/// The length in characters of [`crm_campaign_name`] when it is over
/// [`CRM_NAME_MAX`] (a name Salesforce refuses), else `None`.
pub fn crm_name_too_long(partner: &str, campaign: &str) -> Option<usize> {
    let n = crm_campaign_name(partner, campaign).chars().count();
    (n > CRM_NAME_MAX).then_some(n)
}

impl Record for Campaign {
    type Id = CampaignId;
    type Parent = PartnerId;
    fn parent(&self) -> PartnerId {
        self.partner_id
    }
}

impl Campaign {
    /// Active (docs/domain.md §6.2 G6): not completed or cancelled, and `end ≥ today`.
    pub fn is_active(&self, today: NaiveDate) -> bool {
        !self.status.is_closed() && self.end >= today
    }

    /// Has the campaign gone live? Its status says so (live or completed),
    /// or, still marked planned, its launch date has come.
    pub fn has_launched(&self, today: NaiveDate) -> bool {
        matches!(
            self.status,
            CampaignStatus::Live | CampaignStatus::Completed
        ) || (self.status == CampaignStatus::Planned && today >= self.launch)
    }

    /// Checks the fields: name; `start ≤ launch ≤ end`; money ≥ 0; lead
    /// target ≥ 0; a CRM id that can be one ([`super::crm_id::crm_id_problem`]:
    /// a `701…` id is a real Salesforce Campaign id). Errors: [`Invalid`]
    /// with one entry per bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", "a campaign needs a name"));
        } else if self.name.chars().count() > 100 {
            errors.push(FieldError::new("name", "at most 100 characters"));
        }
        if self.launch < self.start {
            errors.push(FieldError::new(
                "launch",
                format!("launch must be on or after the start ({})", self.start),
            ));
        }
        if self.end < self.launch {
            errors.push(FieldError::new(
                "end",
                format!("end must be on or after the launch ({})", self.launch),
            ));
        }
        if let Some(m) = amount_error(self.budget) {
            errors.push(FieldError::new("budget", m));
        }
        if let Some(m) = amount_error(self.internal_cost) {
            errors.push(FieldError::new("internal_cost", m));
        }
        if let Some(m) = self.lead_target.and_then(count_error) {
            errors.push(FieldError::new("lead_target", m));
        }
        if let Some(id) = self.crm_id.as_deref()
            && let Some(why) = super::crm_id::crm_id_problem(id)
        {
            errors.push(FieldError::new("crm_id", format!("'{id}' {why}")));
        }
        Invalid::check(errors)
    }

    /// Total cost = budget + internal cost, in the database's currency (docs/domain.md §7).
    pub fn total_cost(&self) -> Decimal {
        self.budget + self.internal_cost
    }
}

#[cfg(test)]
pub(crate) mod tests_support {
    pub(crate) use super::tests::webinar;
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    pub(crate) fn webinar() -> Campaign {
        Campaign {
            partner_id: PartnerId(1),
            name: "Q1 Webinar".into(),
            campaign_type: CampaignType::Webinar,
            playbook: None,
            status: CampaignStatus::Planned,
            audience: String::new(),
            start: d("2026-01-05"),
            launch: d("2026-02-02"),
            end: d("2026-02-09"),
            budget: dec!(5000),
            internal_cost: dec!(1000),
            lead_target: Some(200),
            crm_id: None,
            attribution_agreed: false,
            uses_partner_data: false,
        }
    }

    #[test]
    fn validates_date_order_and_money() {
        assert!(webinar().validate().is_ok());
        let mut c = webinar();
        c.launch = d("2026-01-04");
        c.budget = dec!(-1);
        let err = c.validate().unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["launch", "budget"]);
        let mut c = webinar();
        c.end = d("2026-02-01");
        assert_eq!(c.validate().unwrap_err().0[0].field, "end");
    }

    #[test]
    fn active_means_open_and_not_ended() {
        let c = webinar();
        assert!(c.is_active(d("2026-02-09")));
        assert!(!c.is_active(d("2026-02-10")));
        let mut done = webinar();
        done.status = CampaignStatus::Completed;
        assert!(!done.is_active(d("2026-01-10")));
    }

    #[test]
    fn launched_by_status_or_date() {
        let c = webinar();
        assert!(!c.has_launched(d("2026-02-01")));
        assert!(c.has_launched(d("2026-02-02")));
        let mut cancelled = webinar();
        cancelled.status = CampaignStatus::Cancelled;
        assert!(!cancelled.has_launched(d("2026-03-01")));
    }

    #[test]
    fn type_table_matches_spec() {
        assert_eq!(
            CampaignType::Webinar.typical_budget_text(Currency::USD),
            "$2K–$10K"
        );
        assert_eq!(
            CampaignType::InPersonEvent.typical_budget(),
            (dec!(20000), dec!(100000))
        );
        assert_eq!(CampaignType::VirtualEvent.expected_leads(), (200, 1000));
        assert!(CampaignType::VirtualEvent.is_event());
        assert!(!CampaignType::Webinar.is_event());
        assert_eq!(
            CampaignType::from_key("virtual_event"),
            Some(CampaignType::VirtualEvent)
        );
        assert_eq!(
            CampaignType::from_key("Webinar"),
            Some(CampaignType::Webinar)
        );
    }
}

#[cfg(test)]
mod bounds {
    use super::tests_support::webinar;
    use rust_decimal::Decimal;

    #[test]
    fn huge_or_sub_cent_money_is_refused_so_sums_never_overflow() {
        let mut c = webinar();
        c.budget = Decimal::MAX;
        c.internal_cost = Decimal::new(1001, 3);
        c.lead_target = Some(i64::MAX);
        let fields: Vec<_> = c
            .validate()
            .unwrap_err()
            .0
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["budget", "internal_cost", "lead_target"]);
    }
}
