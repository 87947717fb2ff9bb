//! The relationship with a partner beyond one campaign (docs/domain.md §10, issue 5):
//! the meeting cadence (seed 002), the readiness checklist (seed 000 step
//! 1) and the partner's past performance (seed 000 step 2).
//!
//! Pure functions of the [`Program`] and "today".

use super::campaign::{CampaignStatus, CampaignType};
use super::dashboard::{Breakdown, by_type};
use super::dates::days_between;
use super::ids::{PartnerId, Stored};
use super::keyed::keyed_enum;
use super::program::Program;
use chrono::{Months, NaiveDate};
use serde::Serialize;

// The records live in their own module; their old path keeps working.
pub use super::meeting::{MAX_NOTE, Meeting, MeetingKind};

/// Where one meeting of the cadence stands (docs/domain.md §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cadence {
    /// Check-in or QBR.
    pub kind: MeetingKind,
    /// The last one held, if any.
    pub last_held: Option<NaiveDate>,
    /// When the next one is due: the last one plus the interval (1 or 3
    /// months, clamped to the month's end: Jan 31 + 1 month = Feb 28), or,
    /// when none was held, the agreement's start plus the interval; `None`
    /// when neither is known.
    pub next_due: Option<NaiveDate>,
    /// Days past due (> 0) as of today; `None` when not overdue.
    pub overdue_days: Option<i64>,
}

/// `day` plus `months` calendar months, clamped to the month's last day.
pub fn add_months(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_add_months(Months::new(months)).unwrap_or(day)
}

/// The cadence of `kind` for a partner whose meetings are `meetings`
/// (any order, any kind) and whose agreement started on `agreement_start`.
pub fn cadence(
    kind: MeetingKind,
    meetings: &[&Meeting],
    agreement_start: Option<NaiveDate>,
    today: NaiveDate,
) -> Cadence {
    let last_held = meetings
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| m.held_on)
        .max();
    let next_due = last_held
        .or(agreement_start)
        .map(|d| add_months(d, kind.interval_months()));
    let overdue_days = next_due
        .map(|d| days_between(d, today))
        .filter(|&late| late > 0);
    Cadence {
        kind,
        last_held,
        next_due,
        overdue_days,
    }
}

/// The check-in and QBR cadence of a partner, in that order.
pub fn cadences(program: &Program, partner: PartnerId, today: NaiveDate) -> [Cadence; 2] {
    let meetings: Vec<&Meeting> = program
        .meetings
        .children(partner)
        .map(|m| &m.value)
        .collect();
    let start = program
        .partners
        .get(partner)
        .and_then(|p| p.agreement_start);
    [
        cadence(MeetingKind::CheckIn, &meetings, start, today),
        cadence(MeetingKind::Qbr, &meetings, start, today),
    ]
}

keyed_enum!(
    /// The readiness checks before co-marketing with a partner (docs/domain.md §10,
    /// seed 000 step 1).
    ReadinessCheck {
        /// The partner's brand guidelines are on file.
        BrandGuidelines = ("brand_guidelines", "Brand guidelines"),
        /// At least one marketing contact is recorded.
        MarketingContacts = ("marketing_contacts", "Marketing contacts"),
        /// Results of an earlier campaign, or noted past work.
        PastPerformance = ("past_performance", "Previous campaign performance"),
        /// A fund in force with money not yet committed.
        AvailableMdf = ("available_mdf", "Available MDF"),
    }
);

/// One line of the readiness checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadinessItem {
    /// The check.
    pub check: ReadinessCheck,
    /// Whether it passes.
    pub ok: bool,
    /// What was found, or what to do.
    pub detail: String,
}

/// A partner's readiness checklist (docs/domain.md §10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Readiness {
    /// The four checks, in [`ReadinessCheck::ALL`] order.
    pub items: Vec<ReadinessItem>,
}

impl Readiness {
    /// Whether every check passes.
    pub fn complete(&self) -> bool {
        self.items.iter().all(|i| i.ok)
    }

    /// Checks passed, of 4.
    pub fn passed(&self) -> usize {
        self.items.iter().filter(|i| i.ok).count()
    }

    /// The labels of the failing checks, e.g. "Brand guidelines, Available MDF".
    pub fn missing(&self) -> String {
        self.items
            .iter()
            .filter(|i| !i.ok)
            .map(|i| i.check.label())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The readiness of `partner` as of `today` (docs/domain.md §10, seed 000 step 1):
/// brand guidelines on file; a marketing contact; previous performance =
/// a campaign with results reported, or past work noted on the profile;
/// available MDF = a fund whose period includes today with allocation not
/// yet committed to approved requests (> 0).
pub fn readiness(program: &Program, partner: PartnerId, today: NaiveDate) -> Readiness {
    let Some(p) = program.partners.get(partner) else {
        return Readiness { items: Vec::new() };
    };
    let contacts = program.contacts.children(partner).count();
    let reported = program
        .campaigns
        .children(partner)
        .filter(|c| program.results_of(c.id).is_some_and(|r| r.has_actuals()))
        .count();
    let mut left: Vec<(String, rust_decimal::Decimal)> = program
        .funds
        .children(partner)
        .filter(|f| f.period_start <= today && today <= f.period_end)
        .filter_map(|f| program.fund_left(f.id).map(|l| (f.name.clone(), l)))
        .filter(|(_, l)| *l > rust_decimal::Decimal::ZERO)
        .collect();
    left.sort_by_key(|x| std::cmp::Reverse(x.1));
    let items = vec![
        ReadinessItem {
            check: ReadinessCheck::BrandGuidelines,
            ok: p.brand_guidelines_on_file,
            detail: match (p.brand_guidelines_on_file, p.brand_guidelines_ref.trim()) {
                (true, "") => "on file".into(),
                (true, r) => format!("on file: {r}"),
                (false, _) => "not on file: ask the partner for them (guardrail G2)".into(),
            },
        },
        ReadinessItem {
            check: ReadinessCheck::MarketingContacts,
            ok: contacts > 0,
            detail: match contacts {
                0 => "none recorded: add the partner's marketing contact".into(),
                1 => "1 contact".into(),
                n => format!("{n} contacts"),
            },
        },
        ReadinessItem {
            check: ReadinessCheck::PastPerformance,
            ok: reported > 0 || !p.past_performance.trim().is_empty(),
            detail: match (reported, p.past_performance.trim()) {
                (0, "") => "no campaign results yet: report them, or note past work".into(),
                (0, note) => format!("noted: {note}"),
                (1, _) => "1 campaign with results".into(),
                (n, _) => format!("{n} campaigns with results"),
            },
        },
        ReadinessItem {
            check: ReadinessCheck::AvailableMdf,
            ok: !left.is_empty(),
            detail: match left.first() {
                Some((name, l)) => format!("{} left in '{name}'", program.currency.format(*l)),
                None => "no fund in force with money left: agree an MDF allocation".into(),
            },
        },
    ];
    Readiness { items }
}

/// What a partner's campaigns of the last 12 months returned, by type
/// (seed 000 step 2), so the next campaign type is chosen from evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PastPerformance {
    /// First day of the window (today − 12 months + 1 day).
    pub since: NaiveDate,
    /// One row per campaign type, then a total row (`campaign_type: None`);
    /// empty when no campaign launched in the window.
    pub by_type: Vec<Breakdown>,
    /// The type with the best pipeline-to-spend, if any type reports pipeline.
    pub best_type: Option<CampaignType>,
}

/// The partner's campaigns launched in the 12 months up to `today`
/// (inclusive), not cancelled, pooled by type like the dashboard (docs/domain.md §9):
/// cost per lead, lead-to-MQL, pipeline-to-spend.
pub fn past_performance(
    program: &Program,
    partner: PartnerId,
    today: NaiveDate,
) -> PastPerformance {
    let since = add_months_back(today, 12).succ_opt().unwrap_or(today);
    let items: Vec<_> = program
        .campaigns
        .children(partner)
        .filter(|c| c.status != CampaignStatus::Cancelled && since <= c.launch && c.launch <= today)
        .map(|c: &Stored<_>| (&c.value, program.results_of(c.id).map(|r| &r.value)))
        .collect();
    let rows = by_type(items);
    let best_type = rows
        .iter()
        .filter(|r| r.campaign_type.is_some())
        .filter_map(|r| r.pipeline_to_spend.map(|x| (x, r.campaign_type)))
        .max_by(|a, b| a.0.cmp(&b.0))
        .and_then(|(_, t)| t);
    PastPerformance {
        since,
        by_type: rows,
        best_type,
    }
}

/// `day` minus `months` calendar months, clamped to the month's end.
pub fn add_months_back(day: NaiveDate, months: u32) -> NaiveDate {
    day.checked_sub_months(Months::new(months)).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn meeting(kind: MeetingKind, held_on: NaiveDate) -> Meeting {
        Meeting {
            partner_id: PartnerId(1),
            kind,
            held_on,
            progress: String::new(),
            upcoming: String::new(),
            roadblocks: String::new(),
            next_steps: String::new(),
        }
    }

    #[test]
    fn check_in_due_a_month_after_the_last_across_month_ends() {
        let jan31 = meeting(MeetingKind::CheckIn, d(2026, 1, 31));
        let c = cadence(MeetingKind::CheckIn, &[&jan31], None, d(2026, 2, 28));
        // Jan 31 + 1 month = Feb 28 (2026 is not a leap year): due today, not overdue.
        assert_eq!(c.next_due, Some(d(2026, 2, 28)));
        assert_eq!(c.overdue_days, None);
        let c = cadence(MeetingKind::CheckIn, &[&jan31], None, d(2026, 3, 1));
        assert_eq!(c.overdue_days, Some(1));
        // Leap year: Jan 31 2028 + 1 month = Feb 29.
        let leap = meeting(MeetingKind::CheckIn, d(2028, 1, 31));
        let c = cadence(MeetingKind::CheckIn, &[&leap], None, d(2028, 2, 1));
        assert_eq!(c.next_due, Some(d(2028, 2, 29)));
        // Dec 15 → Jan 15 across the year end.
        let dec = meeting(MeetingKind::CheckIn, d(2026, 12, 15));
        let c = cadence(MeetingKind::CheckIn, &[&dec], None, d(2026, 12, 20));
        assert_eq!(c.next_due, Some(d(2027, 1, 15)));
    }

    #[test]
    fn qbr_due_three_months_after_the_last_and_only_its_kind_counts() {
        let qbr = meeting(MeetingKind::Qbr, d(2026, 11, 30));
        let later_checkin = meeting(MeetingKind::CheckIn, d(2026, 12, 20));
        let c = cadence(
            MeetingKind::Qbr,
            &[&later_checkin, &qbr],
            None,
            d(2027, 3, 1),
        );
        // Nov 30 + 3 months = Feb 28; on Mar 1 it is 1 day overdue.
        assert_eq!(c.last_held, Some(d(2026, 11, 30)));
        assert_eq!(c.next_due, Some(d(2027, 2, 28)));
        assert_eq!(c.overdue_days, Some(1));
        // The latest of several counts.
        let older = meeting(MeetingKind::Qbr, d(2026, 8, 1));
        let c = cadence(MeetingKind::Qbr, &[&qbr, &older], None, d(2026, 12, 1));
        assert_eq!(c.last_held, Some(d(2026, 11, 30)));
    }

    #[test]
    fn first_meeting_due_from_the_agreement_start_or_not_scheduled() {
        let c = cadence(
            MeetingKind::CheckIn,
            &[],
            Some(d(2026, 3, 31)),
            d(2026, 5, 1),
        );
        assert_eq!(c.last_held, None);
        assert_eq!(c.next_due, Some(d(2026, 4, 30)));
        assert_eq!(c.overdue_days, Some(1));
        let c = cadence(MeetingKind::Qbr, &[], None, d(2026, 5, 1));
        assert_eq!((c.next_due, c.overdue_days), (None, None));
    }

    #[test]
    fn a_meeting_is_recorded_once_held() {
        let m = meeting(MeetingKind::CheckIn, d(2026, 5, 2));
        assert!(m.validate_as_of(d(2026, 5, 2)).is_ok());
        assert_eq!(
            m.validate_as_of(d(2026, 5, 1)).unwrap_err().0[0].field,
            "held_on"
        );
    }

    #[test]
    fn twelve_month_window_starts_the_day_after_a_year_back() {
        assert_eq!(add_months_back(d(2026, 11, 21), 12), d(2025, 11, 21));
        assert_eq!(add_months_back(d(2028, 2, 29), 12), d(2027, 2, 28));
    }
}
