//! Campaign results (SPEC §8): what a campaign produced.
//!
//! Every figure is optional: `None` means "not reported yet", which is
//! different from zero and shows as "n/a".

use super::ids::{CampaignId, Record, ResultsId};
use super::money::{amount_error, count_error};
use super::validation::{FieldError, Invalid};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The actual results of one campaign (SPEC §8). Pipeline is kept in its
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
    /// Sourced pipeline, USD.
    #[serde(default)]
    pub pipeline_sourced: Option<Decimal>,
    /// Influenced pipeline, USD.
    #[serde(default)]
    pub pipeline_influenced: Option<Decimal>,
    /// Partner-assisted pipeline, USD.
    #[serde(default)]
    pub pipeline_partner_assisted: Option<Decimal>,
    /// Revenue attributed, USD.
    #[serde(default)]
    pub revenue: Option<Decimal>,
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
        Invalid::check(errors)
    }
}
