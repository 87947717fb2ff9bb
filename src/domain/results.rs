//! Campaign results (docs/domain.md §8): what a campaign produced.
//!
//! Every figure is optional: `None` means "not reported yet", which is
//! different from zero and shows as "n/a".

use super::ids::{CampaignId, Record, ResultsId};
use super::money::{amount_error, count_error};
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The actual results of one campaign (docs/domain.md §8). Pipeline is kept in its
/// three classes, never summed silently.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CampaignResults {
    /// The campaign these results belong to (one results record per campaign).
    pub campaign_id: CampaignId,
    /// Registrations (count).
    #[serde(default)]
    pub registrations: Option<i64>,
    /// Attendees (count).
    #[serde(default)]
    pub attendees: Option<i64>,
    /// Leads generated (count).
    #[serde(default)]
    pub leads: Option<i64>,
    /// MQLs created (count).
    #[serde(default)]
    pub mqls: Option<i64>,
    /// Sourced pipeline, in the database's currency.
    #[serde(default)]
    pub pipeline_sourced: Option<Decimal>,
    /// Influenced pipeline, in the database's currency.
    #[serde(default)]
    pub pipeline_influenced: Option<Decimal>,
    /// Partner-assisted pipeline, in the database's currency.
    #[serde(default)]
    pub pipeline_partner_assisted: Option<Decimal>,
    /// Revenue attributed, in the database's currency.
    #[serde(default)]
    pub revenue: Option<Decimal>,
    /// The day these figures are as of (results are updated many times;
    /// the change history keeps every earlier version with its date).
    #[serde(default)]
    pub reported_on: Option<NaiveDate>,
    /// Leads from our own promotion (count; docs/domain.md §8 lead sources).
    #[serde(default)]
    pub leads_ours: Option<i64>,
    /// Leads from the partner's promotion (count).
    #[serde(default)]
    pub leads_partner: Option<i64>,
    /// Leads from paid ads (count).
    #[serde(default)]
    pub leads_paid: Option<i64>,
    /// Organic leads (count).
    #[serde(default)]
    pub leads_organic: Option<i64>,
    /// Our promotion's reach: people our channels reached (count; docs/domain.md §9
    /// partner promotion engagement = partner reach ÷ our reach).
    #[serde(default)]
    pub reach_ours: Option<i64>,
    /// The partner's promotion reach (count).
    #[serde(default)]
    pub reach_partner: Option<i64>,
    /// Registrations target (count); `None` = no target.
    #[serde(default)]
    pub target_registrations: Option<i64>,
    /// Attendees target (count); `None` = no target.
    #[serde(default)]
    pub target_attendees: Option<i64>,
    /// Leads target (count); `None` = the campaign's lead target, else the
    /// low end of the type's expected leads (docs/domain.md §2). See [`targets`].
    #[serde(default)]
    pub target_leads: Option<i64>,
    /// MQLs target (count); `None` = leads target × the program's
    /// lead-to-MQL target (docs/domain.md §9), rounded up.
    #[serde(default)]
    pub target_mqls: Option<i64>,
    /// Sourced pipeline target, in the database's currency; `None` = no target.
    #[serde(default)]
    pub target_pipeline: Option<Decimal>,
    /// Revenue target, in the database's currency; `None` = total cost × the program's ROI
    /// multiple target (docs/domain.md §7, §9).
    #[serde(default)]
    pub target_revenue: Option<Decimal>,
}

impl Record for CampaignResults {
    type Id = ResultsId;
    type Parent = CampaignId;
    fn parent(&self) -> CampaignId {
        self.campaign_id
    }
}

impl CampaignResults {
    /// Empty results for a campaign.
    pub fn empty(campaign_id: CampaignId) -> Self {
        Self {
            campaign_id,
            ..Self::default()
        }
    }

    /// Checks the figures: no negatives; attendees ≤ registrations; MQLs ≤
    /// leads. Errors: [`Invalid`].
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        let counts = [
            ("registrations", self.registrations),
            ("attendees", self.attendees),
            ("leads", self.leads),
            ("mqls", self.mqls),
            ("leads_ours", self.leads_ours),
            ("leads_partner", self.leads_partner),
            ("leads_paid", self.leads_paid),
            ("leads_organic", self.leads_organic),
            ("reach_ours", self.reach_ours),
            ("reach_partner", self.reach_partner),
            ("target_registrations", self.target_registrations),
            ("target_attendees", self.target_attendees),
            ("target_leads", self.target_leads),
            ("target_mqls", self.target_mqls),
        ];
        for (field, v) in counts {
            if let Some(m) = v.and_then(count_error) {
                errors.push(FieldError::new(field, m));
            }
        }
        let money = [
            ("pipeline_sourced", self.pipeline_sourced),
            ("pipeline_influenced", self.pipeline_influenced),
            ("pipeline_partner_assisted", self.pipeline_partner_assisted),
            ("revenue", self.revenue),
            ("target_pipeline", self.target_pipeline),
            ("target_revenue", self.target_revenue),
        ];
        for (field, v) in money {
            if let Some(m) = v.and_then(amount_error) {
                errors.push(FieldError::new(field, m));
            }
        }
        if let (Some(a), Some(r)) = (self.attendees, self.registrations)
            && a > r
        {
            errors.push(FieldError::new(
                "attendees",
                format!("more attendees than registrations ({r})"),
            ));
        }
        if let (Some(m), Some(l)) = (self.mqls, self.leads)
            && m > l
        {
            errors.push(FieldError::new(
                "mqls",
                format!("more MQLs than leads ({l})"),
            ));
        }
        if let (Some(a), Some(r)) = (self.target_attendees, self.target_registrations)
            && a > r
        {
            errors.push(FieldError::new(
                "target_attendees",
                format!("more attendees than registrations targeted ({r})"),
            ));
        }
        if let (Some(m), Some(l)) = (self.target_mqls, self.target_leads)
            && m > l
        {
            errors.push(FieldError::new(
                "target_mqls",
                format!("more MQLs than leads targeted ({l})"),
            ));
        }
        let sourced: i64 = self.lead_sources().iter().filter_map(|(_, n)| *n).sum();
        if let Some(leads) = self.leads
            && sourced > leads
        {
            errors.push(FieldError::new(
                "leads_organic",
                format!("the lead sources add up to {sourced}, more than the {leads} leads"),
            ));
        }
        Invalid::check(errors)
    }

    /// The four lead sources in report order (docs/domain.md §8): ours, partner,
    /// paid, organic, with their counts.
    pub fn lead_sources(&self) -> [(LeadSource, Option<i64>); 4] {
        [
            (LeadSource::Ours, self.leads_ours),
            (LeadSource::Partner, self.leads_partner),
            (LeadSource::Paid, self.leads_paid),
            (LeadSource::Organic, self.leads_organic),
        ]
    }

    /// Whether any actual figure (not a target) has been reported.
    pub fn has_actuals(&self) -> bool {
        self.registrations.is_some()
            || self.attendees.is_some()
            || self.leads.is_some()
            || self.mqls.is_some()
            || self.pipeline_sourced.is_some()
            || self.pipeline_influenced.is_some()
            || self.pipeline_partner_assisted.is_some()
            || self.revenue.is_some()
    }
}

/// Where a campaign's leads came from (docs/domain.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LeadSource {
    /// Our own promotion.
    Ours,
    /// The partner's promotion.
    Partner,
    /// Paid ads.
    Paid,
    /// Organic.
    Organic,
}

impl LeadSource {
    /// Every source, in report order.
    pub const ALL: [LeadSource; 4] = [
        LeadSource::Ours,
        LeadSource::Partner,
        LeadSource::Paid,
        LeadSource::Organic,
    ];

    /// The stable key stored in the database: `ours`, `partner`, `paid`, `organic`.
    pub fn key(self) -> &'static str {
        match self {
            LeadSource::Ours => "ours",
            LeadSource::Partner => "partner",
            LeadSource::Paid => "paid",
            LeadSource::Organic => "organic",
        }
    }

    /// The source for a stored key, if it is one.
    pub fn from_key(key: &str) -> Option<LeadSource> {
        LeadSource::ALL.into_iter().find(|s| s.key() == key.trim())
    }

    /// The label in reports ("Your promotion", seed 000).
    pub fn label(self) -> &'static str {
        match self {
            LeadSource::Ours => "Our promotion",
            LeadSource::Partner => "Partner promotion",
            LeadSource::Paid => "Paid ads",
            LeadSource::Organic => "Organic",
        }
    }
}
