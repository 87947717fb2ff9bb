//! Today's agenda across partners (issue 11, item 5; docs/domain.md §14):
//! what is overdue, what is due in the next [`HORIZON_DAYS`] days, and
//! what is blocked, over every partner not archived.
//!
//! Pure: "today" is a parameter. The dates come from the records and from
//! the domain's own rules: a claim deadline is the claim window of an
//! approved request (docs/domain.md §11.4, [`Program::claim_window`]), a
//! check-in or QBR is due by the cadence (docs/domain.md §10.5,
//! [`relationship::cadences`]).

use super::dates::days_between;
use super::ids::{CampaignId, MilestoneId, PartnerId, RecordRef, RequestId, ResponsibilityId};
use super::mdf::Policy;
use super::meeting::MeetingKind;
use super::milestone::ShownStatus;
use super::program::{ClaimWindow, Program};
use super::relationship;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How many days ahead "due soon" looks: today and the next 7 days.
pub const HORIZON_DAYS: i64 = 7;

/// What an agenda line is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    /// A milestone not done (in the Blocked section: blocked).
    Milestone(MilestoneId),
    /// An open checklist item with a due date.
    Item(ResponsibilityId),
    /// The claim deadline of an approved MDF request with no claim out.
    Claim(RequestId),
    /// The next check-in or QBR of the partner.
    Meeting(MeetingKind),
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When: the due date, the claim deadline, the meeting's due date.
    pub date: NaiveDate,
    /// The partner.
    pub partner: PartnerId,
    /// The campaign, for all but meetings.
    pub campaign: Option<CampaignId>,
    /// What it is about.
    pub what: What,
    /// The record Enter goes to: the milestone, the item, the request (its
    /// claim window is on it), the partner (for a meeting).
    pub record: RecordRef,
}

impl Entry {
    /// Days from `today` to its date: negative when overdue.
    pub fn days_left(&self, today: NaiveDate) -> i64 {
        days_between(today, self.date)
    }
}

/// The three sections of the agenda, each sorted by date (then partner,
/// campaign and record, so the order is stable).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// Past their date (a meeting: the day after it was due).
    pub overdue: Vec<Entry>,
    /// Due today or in the next [`HORIZON_DAYS`] days.
    pub soon: Vec<Entry>,
    /// Blocked milestones, whatever their date (finding G9).
    pub blocked: Vec<Entry>,
}

impl Agenda {
    /// Every entry, section after section (overdue, soon, blocked).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.overdue.iter().chain(&self.soon).chain(&self.blocked)
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.overdue.len() + self.soon.len() + self.blocked.len()
    }

    /// Whether nothing is overdue, due soon or blocked.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The agenda of `program` as of `today`, with the MDF `policies` of the
/// config (for the claim windows).
///
/// Looks at partners not archived; milestones and checklist items of
/// campaigns still being worked (planned or live); claim deadlines of
/// approved requests of campaigns not cancelled (a completed campaign's
/// claim is still due, as G4 says); both meetings of the cadence.
pub fn agenda(program: &Program, policies: &BTreeMap<String, Policy>, today: NaiveDate) -> Agenda {
    let mut out = Agenda::default();
    let horizon = super::dates::shift(today, HORIZON_DAYS);
    let place = |out: &mut Agenda, e: Entry| {
        if e.date < today {
            out.overdue.push(e);
        } else if e.date <= horizon {
            out.soon.push(e);
        }
    };
    for p in program.partners.iter().filter(|p| !p.is_archived()) {
        for c in program.campaigns_of(p.id) {
            let worked = !c.status.is_closed();
            let entry = |date, what, record| Entry {
                date,
                partner: p.id,
                campaign: Some(c.id),
                what,
                record,
            };
            if worked {
                for m in program.milestones_of(c.id) {
                    let e = entry(m.due, What::Milestone(m.id), RecordRef::Milestone(m.id));
                    match m.shown_status(today) {
                        ShownStatus::Done => {}
                        ShownStatus::Blocked => out.blocked.push(e),
                        _ => place(&mut out, e),
                    }
                }
                for r in program.checklist_of(c.id) {
                    if let (None, Some(due)) = (r.done_on, r.due) {
                        place(
                            &mut out,
                            entry(due, What::Item(r.id), RecordRef::Responsibility(r.id)),
                        );
                    }
                }
            }
            if c.status != super::campaign::CampaignStatus::Cancelled {
                for r in program.requests_of(c.id) {
                    if let Some((ClaimWindow::Open { deadline }, _)) =
                        program.claim_window(r.id, policies)
                    {
                        place(
                            &mut out,
                            entry(deadline, What::Claim(r.id), RecordRef::Request(r.id)),
                        );
                    }
                }
            }
        }
        for cad in relationship::cadences(program, p.id, today) {
            if let Some(due) = cad.next_due {
                place(
                    &mut out,
                    Entry {
                        date: due,
                        partner: p.id,
                        campaign: None,
                        what: What::Meeting(cad.kind),
                        record: RecordRef::Partner(p.id),
                    },
                );
            }
        }
    }
    let name = |id: PartnerId| program.partners.get(id).map(|p| p.name.to_lowercase());
    for section in [&mut out.overdue, &mut out.soon, &mut out.blocked] {
        section.sort_by_cached_key(|e| (e.date, name(e.partner), e.partner, e.campaign, e.what));
    }
    out
}

#[cfg(test)]
#[path = "agenda_tests.rs"]
mod tests;
