//! Milestones (docs/domain.md §4): the standard seven, their due dates, and status.
//!
//! The stored status is one of upcoming / in progress / done / blocked.
//! **Overdue is never stored**: it is derived from the due date and today
//! ([`Milestone::shown_status`]).

use super::dates::shift;
use super::ids::{CampaignId, MilestoneId, Record};
use super::keyed::keyed_enum;
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

keyed_enum!(
    /// The standard milestones of every campaign (docs/domain.md §4 table), in order.
    MilestoneKind {
        /// Kickoff call, due at the start.
        Kickoff = ("kickoff", "Kickoff call"),
        /// Content draft, start + 7 days.
        ContentDraft = ("content_draft", "Content draft"),
        /// Partner review, start + 14 days.
        PartnerReview = ("partner_review", "Partner review"),
        /// Assets finalized, start + 21 days.
        AssetsFinalized = ("assets_finalized", "Assets finalized"),
        /// Promotion begins, launch − 7 days.
        PromotionBegins = ("promotion_begins", "Promotion begins"),
        /// Campaign live, at launch.
        CampaignLive = ("campaign_live", "Campaign live"),
        /// Performance review, end + 7 days.
        PerformanceReview = ("performance_review", "Performance review"),
    }
);

impl MilestoneKind {
    /// The due date of this standard milestone for a campaign with these
    /// dates (docs/domain.md §4 table).
    pub fn due(self, start: NaiveDate, launch: NaiveDate, end: NaiveDate) -> NaiveDate {
        match self {
            MilestoneKind::Kickoff => start,
            MilestoneKind::ContentDraft => shift(start, 7),
            MilestoneKind::PartnerReview => shift(start, 14),
            MilestoneKind::AssetsFinalized => shift(start, 21),
            MilestoneKind::PromotionBegins => shift(launch, -7),
            MilestoneKind::CampaignLive => launch,
            MilestoneKind::PerformanceReview => shift(end, 7),
        }
    }
}

keyed_enum!(
    /// A milestone's stored status (docs/domain.md §4). Overdue is not here: it is derived.
    MilestoneStatus {
        /// Not started.
        Upcoming = ("upcoming", "upcoming"),
        /// Started.
        InProgress = ("in_progress", "in progress"),
        /// Completed (with a completion date).
        Done = ("done", "done"),
        /// Blocked, with a reason.
        Blocked = ("blocked", "blocked"),
    }
);

keyed_enum!(
    /// The status a user sees, with its icon (docs/domain.md §4 table).
    ShownStatus {
        /// ✅ completed.
        Done = ("done", "done"),
        /// 🟡 started, not due yet.
        InProgress = ("in_progress", "in progress"),
        /// ⏳ not started, not due yet.
        Upcoming = ("upcoming", "upcoming"),
        /// 🔴 not done and its due date has passed.
        Overdue = ("overdue", "overdue"),
        /// ⛔ marked blocked.
        Blocked = ("blocked", "blocked"),
    }
);

impl ShownStatus {
    /// The emoji icon (docs/domain.md §4).
    pub fn icon(self) -> &'static str {
        match self {
            ShownStatus::Done => "✅",
            ShownStatus::InProgress => "🟡",
            ShownStatus::Upcoming => "⏳",
            ShownStatus::Overdue => "🔴",
            ShownStatus::Blocked => "⛔",
        }
    }

    /// The ASCII fallback, three columns wide (docs/domain.md §4).
    pub fn ascii(self) -> &'static str {
        match self {
            ShownStatus::Done => "[x]",
            ShownStatus::InProgress => "[~]",
            ShownStatus::Upcoming => "[ ]",
            ShownStatus::Overdue => "[!]",
            ShownStatus::Blocked => "[#]",
        }
    }
}

/// A dated step of a campaign (docs/domain.md §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// The campaign it belongs to.
    pub campaign_id: CampaignId,
    /// Display name, e.g. "Partner review" (renamable).
    pub name: String,
    /// Which standard milestone this is, if any; guardrails G1/G2 read the
    /// "Promotion begins" / "Assets finalized" dates from it.
    #[serde(default)]
    pub kind: Option<MilestoneKind>,
    /// Due date.
    pub due: NaiveDate,
    /// Stored status.
    pub status: MilestoneStatus,
    /// When it was completed (set when status becomes done).
    #[serde(default)]
    pub completed_on: Option<NaiveDate>,
    /// Why it is blocked (set when status is blocked).
    #[serde(default)]
    pub blocked_reason: Option<String>,
}

impl Record for Milestone {
    type Id = MilestoneId;
    type Parent = CampaignId;
    fn parent(&self) -> CampaignId {
        self.campaign_id
    }
}

impl Milestone {
    /// The status to show on `today`: done and blocked as stored; otherwise
    /// overdue once `today > due`, else in progress / upcoming (docs/domain.md §4).
    pub fn shown_status(&self, today: NaiveDate) -> ShownStatus {
        match self.status {
            MilestoneStatus::Done => ShownStatus::Done,
            MilestoneStatus::Blocked => ShownStatus::Blocked,
            _ if today > self.due => ShownStatus::Overdue,
            MilestoneStatus::InProgress => ShownStatus::InProgress,
            MilestoneStatus::Upcoming => ShownStatus::Upcoming,
        }
    }

    /// The milestone after one press of Space on `today`:
    /// upcoming → in progress → done (completed today) → upcoming;
    /// blocked → in progress (unblocked, reason cleared).
    pub fn advanced(&self, today: NaiveDate) -> Milestone {
        let mut next = self.clone();
        match self.status {
            MilestoneStatus::Upcoming | MilestoneStatus::Blocked => {
                next.status = MilestoneStatus::InProgress;
                next.blocked_reason = None;
            }
            MilestoneStatus::InProgress => {
                next.status = MilestoneStatus::Done;
                next.completed_on = Some(today);
            }
            MilestoneStatus::Done => {
                next.status = MilestoneStatus::Upcoming;
                next.completed_on = None;
            }
        }
        next
    }

    /// Checks the fields: a name; a reason when blocked; a completion date
    /// when done. Errors: [`Invalid`].
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", "a milestone needs a name"));
        }
        if self.status == MilestoneStatus::Blocked
            && self
                .blocked_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            errors.push(FieldError::new("blocked_reason", "say why it is blocked"));
        }
        if self.status == MilestoneStatus::Done && self.completed_on.is_none() {
            errors.push(FieldError::new(
                "completed_on",
                "a done milestone needs its completion date",
            ));
        }
        Invalid::check(errors)
    }
}

/// The seven standard milestones for a campaign with these dates, in docs/domain.md
/// §4 order, all upcoming.
pub fn standard_milestones(
    campaign_id: CampaignId,
    start: NaiveDate,
    launch: NaiveDate,
    end: NaiveDate,
) -> Vec<Milestone> {
    MilestoneKind::ALL
        .iter()
        .map(|&kind| Milestone {
            campaign_id,
            name: kind.label().to_string(),
            kind: Some(kind),
            due: kind.due(start, launch, end),
            status: MilestoneStatus::Upcoming,
            completed_on: None,
            blocked_reason: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn standard_dates_follow_spec_table() {
        let ms = standard_milestones(
            CampaignId(1),
            d("2026-03-02"),
            d("2026-04-13"),
            d("2026-04-20"),
        );
        let got: Vec<(&str, NaiveDate)> = ms.iter().map(|m| (m.name.as_str(), m.due)).collect();
        assert_eq!(
            got,
            vec![
                ("Kickoff call", d("2026-03-02")),
                ("Content draft", d("2026-03-09")),
                ("Partner review", d("2026-03-16")),
                ("Assets finalized", d("2026-03-23")),
                ("Promotion begins", d("2026-04-06")),
                ("Campaign live", d("2026-04-13")),
                ("Performance review", d("2026-04-27")),
            ]
        );
    }

    #[test]
    fn overdue_is_derived_from_the_date() {
        let mut m = standard_milestones(
            CampaignId(1),
            d("2026-03-02"),
            d("2026-04-13"),
            d("2026-04-20"),
        )
        .remove(1);
        assert_eq!(m.shown_status(d("2026-03-09")), ShownStatus::Upcoming);
        assert_eq!(m.shown_status(d("2026-03-10")), ShownStatus::Overdue);
        m.status = MilestoneStatus::InProgress;
        assert_eq!(m.shown_status(d("2026-03-09")), ShownStatus::InProgress);
        assert_eq!(m.shown_status(d("2026-03-10")), ShownStatus::Overdue);
        m.status = MilestoneStatus::Blocked;
        assert_eq!(m.shown_status(d("2026-03-10")), ShownStatus::Blocked);
        m.status = MilestoneStatus::Done;
        assert_eq!(m.shown_status(d("2027-01-01")), ShownStatus::Done);
    }

    #[test]
    fn space_cycles_status_and_records_completion() {
        let today = d("2026-03-05");
        let m = standard_milestones(
            CampaignId(1),
            d("2026-03-02"),
            d("2026-04-13"),
            d("2026-04-20"),
        )
        .remove(0);
        let m1 = m.advanced(today);
        assert_eq!(m1.status, MilestoneStatus::InProgress);
        let m2 = m1.advanced(today);
        assert_eq!(
            (m2.status, m2.completed_on),
            (MilestoneStatus::Done, Some(today))
        );
        let m3 = m2.advanced(today);
        assert_eq!(
            (m3.status, m3.completed_on),
            (MilestoneStatus::Upcoming, None)
        );
        let mut blocked = m.clone();
        blocked.status = MilestoneStatus::Blocked;
        blocked.blocked_reason = Some("waiting on legal".into());
        let unblocked = blocked.advanced(today);
        assert_eq!(
            (unblocked.status, unblocked.blocked_reason),
            (MilestoneStatus::InProgress, None)
        );
    }

    #[test]
    fn blocked_needs_a_reason() {
        let mut m = standard_milestones(
            CampaignId(1),
            d("2026-03-02"),
            d("2026-04-13"),
            d("2026-04-20"),
        )
        .remove(0);
        m.status = MilestoneStatus::Blocked;
        assert_eq!(m.validate().unwrap_err().0[0].field, "blocked_reason");
        m.blocked_reason = Some("legal".into());
        assert!(m.validate().is_ok());
    }
}
