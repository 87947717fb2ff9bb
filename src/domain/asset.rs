//! Campaign assets (decks, landing pages, ad creative) and their partner
//! approval (docs/domain.md §6.2 G1).

use super::ids::{AssetId, CampaignId, Record};
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A piece of campaign collateral.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// The campaign it belongs to.
    pub campaign_id: CampaignId,
    /// Name, e.g. "Webinar deck v2".
    pub name: String,
    /// What it is, free text, e.g. "deck", "landing page".
    #[serde(default)]
    pub kind: String,
    /// Carries both companies' brands: needs the partner's approval (G1).
    pub co_branded: bool,
    /// When the partner approved it; `None` = not approved.
    #[serde(default)]
    pub approved_on: Option<NaiveDate>,
    /// Where it lives (URL or path), free text.
    #[serde(default)]
    pub location: String,
}

impl Record for Asset {
    type Id = AssetId;
    type Parent = CampaignId;
    fn parent(&self) -> CampaignId {
        self.campaign_id
    }
}

impl Asset {
    /// A co-branded asset still waiting for the partner's approval (G1).
    pub fn needs_approval(&self) -> bool {
        self.co_branded && self.approved_on.is_none()
    }

    /// The asset after one press of Space on `today`: the partner's approval
    /// recorded (dated today) or withdrawn.
    pub fn toggled(&self, today: NaiveDate) -> Asset {
        let mut next = self.clone();
        next.approved_on = if self.approved_on.is_some() {
            None
        } else {
            Some(today)
        };
        next
    }

    /// Checks the fields: a name. Errors: [`Invalid`].
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", "an asset needs a name"));
        }
        Invalid::check(errors)
    }
}
