//! Creating a campaign (docs/domain.md §4, §5): the records a new campaign comes
//! with, and who owns its checklist items by default.
//!
//! One rule for every way a campaign is created: the screen's campaign
//! form and the example plan both call [`records`] with the owners of
//! [`default_owners`], then insert what it returns in their own store
//! transaction.

use super::campaign::Campaign;
use super::ids::CampaignId;
use super::milestone::{Milestone, standard_milestones};
use super::partner::{Contact, Partner};
use super::responsibility::{Owners, Responsibility, Templates};

/// The default owner of a new campaign's shared checklist items: both
/// teams (seed 000's "[Both]").
pub const SHARED_OWNER: &str = "Both";

/// The default owner of a partner's side of a checklist: the name of its
/// first marketing contact on file (the first of `contacts` with a
/// non-blank name, trimmed; pass them in id order), else the partner's
/// name.
pub fn partner_owner<'a>(
    partner: &'a Partner,
    contacts: impl IntoIterator<Item = &'a Contact>,
) -> &'a str {
    contacts
        .into_iter()
        .map(|c| c.name.trim())
        .find(|name| !name.is_empty())
        .unwrap_or(partner.name.as_str())
}

/// The default owners of a new campaign's checklist with `partner`: ours
/// → `our_owner` (the config's `our_owner`), the partner's side → its
/// marketing contact ([`partner_owner`]), shared → [`SHARED_OWNER`].
pub fn default_owners<'a>(
    our_owner: &'a str,
    partner: &'a Partner,
    contacts: impl IntoIterator<Item = &'a Contact>,
) -> Owners<'a> {
    Owners {
        ours: our_owner,
        partner: partner_owner(partner, contacts),
        shared: SHARED_OWNER,
    }
}

/// The records a new campaign comes with.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCampaign {
    /// The seven standard milestones, all upcoming, due by the rule of docs/domain.md §4.1.
    pub milestones: Vec<Milestone>,
    /// Its type's checklist from `templates`, open, owned by side
    /// (a template item's own owner wins), due by each item's rule.
    pub checklist: Vec<Responsibility>,
}

/// The milestones and checklist of `campaign`, stored (or to be stored)
/// as `campaign_id`: the standard milestones at its dates, and its type's
/// template items with `owners` by side. A type without a template gets
/// no checklist. Nothing is validated here beyond what the templates
/// already were.
pub fn records(
    campaign_id: CampaignId,
    campaign: &Campaign,
    templates: &Templates,
    owners: &Owners<'_>,
) -> NewCampaign {
    let dates = (campaign.start, campaign.launch, campaign.end);
    NewCampaign {
        milestones: standard_milestones(campaign_id, dates.0, dates.1, dates.2),
        checklist: templates.generate(campaign_id, campaign.campaign_type, dates, owners),
    }
}

/// Days from start to launch in the standard schedule of a campaign that
/// is not an event: the preparation milestones end with assets finalized at
/// start + 21 ([`super::milestone::MilestoneKind::due`]), then a week of
/// promotion before it goes live.
pub const STANDARD_LEAD_DAYS: i64 = 28;

/// Days from start to launch of an event: the 6 weeks' lead time G7 asks
/// for (docs/domain.md §6.2, `event_lead_time_days`' default).
pub const EVENT_LEAD_DAYS: i64 = 42;

/// The launch of a new campaign of type `kind` running `start`..=`end`
/// when nothing says when it goes live (a campaign created by a CRM
/// import, docs/crm.md "Outcomes"): `start` + the type's standard lead
/// ([`STANDARD_LEAD_DAYS`], [`EVENT_LEAD_DAYS`] for an event), so every
/// standard milestone falls in order before "Campaign live"; never after
/// `end` (nor before `start`).
pub fn default_launch(
    kind: super::campaign::CampaignType,
    start: chrono::NaiveDate,
    end: chrono::NaiveDate,
) -> chrono::NaiveDate {
    let lead = if kind.is_event() {
        EVENT_LEAD_DAYS
    } else {
        STANDARD_LEAD_DAYS
    };
    let launch = start
        .checked_add_signed(chrono::Duration::days(lead))
        .unwrap_or(end);
    launch.min(end).max(start)
}

#[cfg(test)]
#[path = "new_campaign_tests.rs"]
mod tests;
