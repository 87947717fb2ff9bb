//! The agenda with a fixed today: what goes in which section, what stays
//! out, and the order.

use super::*;
use crate::domain::campaign::{Campaign, CampaignStatus, CampaignType};
use crate::domain::ids::*;
use crate::domain::mdf::{ActivityType, Claim, ClaimStatus, MdfRequest, RequestStatus};
use crate::domain::meeting::Meeting;
use crate::domain::milestone::{Milestone, MilestoneStatus};
use crate::domain::partner::Partner;
use crate::domain::responsibility::{Responsibility, Side};
use rust_decimal_macros::dec;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-12-01";

struct Fx {
    program: Program,
    next: i64,
}

impl Fx {
    fn new() -> Fx {
        Fx {
            program: Program::default(),
            next: 100,
        }
    }

    fn id(&mut self) -> i64 {
        self.next += 1;
        self.next
    }

    fn partner(&mut self, name: &str) -> PartnerId {
        let id = PartnerId(self.id());
        self.program.partners.upsert(Stored::new(
            id,
            Partner {
                name: name.into(),
                ..Partner::default()
            },
        ));
        id
    }

    fn campaign(&mut self, partner: PartnerId, status: CampaignStatus, end: &str) -> CampaignId {
        let id = CampaignId(self.id());
        self.program.campaigns.upsert(Stored::new(
            id,
            Campaign {
                partner_id: partner,
                name: format!("C{}", id.0),
                campaign_type: CampaignType::Webinar,
                playbook: None,
                status,
                audience: String::new(),
                start: d("2026-09-01"),
                launch: d("2026-10-01"),
                end: d(end),
                budget: dec!(5000),
                internal_cost: dec!(0),
                lead_target: None,
                crm_id: None,
                attribution_agreed: true,
                uses_partner_data: false,
            },
        ));
        id
    }

    fn milestone(&mut self, c: CampaignId, due: &str, status: MilestoneStatus) -> MilestoneId {
        let id = MilestoneId(self.id());
        self.program.milestones.upsert(Stored::new(
            id,
            Milestone {
                campaign_id: c,
                name: format!("M{}", id.0),
                kind: None,
                due: d(due),
                status,
                completed_on: (status == MilestoneStatus::Done).then(|| d("2026-11-01")),
                blocked_reason: (status == MilestoneStatus::Blocked).then(|| "waiting".into()),
            },
        ));
        id
    }

    fn item(&mut self, c: CampaignId, due: Option<&str>, done: bool) -> ResponsibilityId {
        let id = ResponsibilityId(self.id());
        self.program.responsibilities.upsert(Stored::new(
            id,
            Responsibility {
                campaign_id: c,
                side: Side::Ours,
                title: format!("I{}", id.0),
                owner: String::new(),
                due: due.map(d),
                done_on: done.then(|| d("2026-11-20")),
                position: 0,
            },
        ));
        id
    }

    fn approved(&mut self, c: CampaignId) -> RequestId {
        let id = RequestId(self.id());
        self.program.requests.upsert(Stored::new(
            id,
            MdfRequest {
                campaign_id: c,
                fund_id: None,
                activity: ActivityType::Webinar,
                amount: dec!(2500),
                approved_amount: None,
                status: RequestStatus::Approved,
                submitted_on: Some(d("2026-08-01")),
                decided_on: Some(d("2026-08-05")),
                justification: String::new(),
                expected_roi: None,
                proof_required: String::new(),
                reason: None,
            },
        ));
        id
    }

    fn agenda(&self) -> Agenda {
        agenda(&self.program, &BTreeMap::new(), d(TODAY))
    }
}

fn whats(entries: &[Entry]) -> Vec<What> {
    entries.iter().map(|e| e.what).collect()
}

#[test]
fn milestones_and_items_by_section() {
    let mut fx = Fx::new();
    let p = fx.partner("Acme");
    let c = fx.campaign(p, CampaignStatus::Live, "2026-12-20");
    let late = fx.milestone(c, "2026-11-28", MilestoneStatus::InProgress);
    let soon = fx.milestone(c, "2026-12-04", MilestoneStatus::Upcoming);
    let edge = fx.milestone(c, "2026-12-08", MilestoneStatus::Upcoming);
    fx.milestone(c, "2026-12-09", MilestoneStatus::Upcoming); // beyond 7 days
    fx.milestone(c, "2026-11-20", MilestoneStatus::Done); // done: out
    let blocked = fx.milestone(c, "2027-01-10", MilestoneStatus::Blocked);
    let item_late = fx.item(c, Some("2026-11-30"), false);
    let item_today = fx.item(c, Some(TODAY), false);
    fx.item(c, Some("2026-11-25"), true); // ticked: out
    fx.item(c, None, false); // undated: out
    let a = fx.agenda();
    assert_eq!(
        whats(&a.overdue),
        vec![What::Milestone(late), What::Item(item_late)]
    );
    assert_eq!(
        whats(&a.soon),
        vec![
            What::Item(item_today),
            What::Milestone(soon),
            What::Milestone(edge)
        ]
    );
    assert_eq!(whats(&a.blocked), vec![What::Milestone(blocked)]);
    assert_eq!(a.overdue[0].days_left(d(TODAY)), -3);
    assert_eq!(a.soon[2].days_left(d(TODAY)), HORIZON_DAYS);
    assert_eq!(a.overdue[0].record, RecordRef::Milestone(late));
    assert_eq!(a.overdue[1].record, RecordRef::Responsibility(item_late));
    assert_eq!(a.overdue[0].campaign, Some(c));
    assert_eq!(a.len(), 6);
}

#[test]
fn closed_campaigns_and_archived_partners_stay_out() {
    let mut fx = Fx::new();
    let p = fx.partner("Acme");
    for status in [CampaignStatus::Completed, CampaignStatus::Cancelled] {
        let c = fx.campaign(p, status, "2026-10-01");
        fx.milestone(c, "2026-11-28", MilestoneStatus::Upcoming);
        fx.milestone(c, "2026-11-28", MilestoneStatus::Blocked);
        fx.item(c, Some("2026-11-30"), false);
    }
    let gone = fx.partner("Gone");
    let mut p2 = fx.program.partners.get(gone).unwrap().clone();
    p2.value.archived_on = Some(d("2026-06-01"));
    fx.program.partners.upsert(p2);
    let c = fx.campaign(gone, CampaignStatus::Live, "2026-12-20");
    fx.milestone(c, "2026-11-28", MilestoneStatus::Upcoming);
    assert!(fx.agenda().is_empty(), "{:?}", fx.agenda());
}

#[test]
fn claim_deadlines_by_the_claim_window() {
    let mut fx = Fx::new();
    let p = fx.partner("Acme");
    // The default window is 30 days after the campaign's end.
    let done = fx.campaign(p, CampaignStatus::Completed, "2026-11-05");
    let due_soon = fx.approved(done); // deadline Dec 5
    let late_c = fx.campaign(p, CampaignStatus::Completed, "2026-10-01");
    let closed = fx.approved(late_c); // deadline Oct 31: window closed, no claim
    let claimed = fx.approved(late_c);
    let claim = ClaimId(fx.id());
    fx.program.claims.upsert(Stored::new(
        claim,
        Claim {
            request_id: claimed,
            amount: dec!(100),
            status: ClaimStatus::Submitted,
            submitted_on: Some(d("2026-10-20")),
            paid_on: None,
            paid_amount: None,
            note: String::new(),
        },
    ));
    let far = fx.campaign(p, CampaignStatus::Live, "2026-12-20");
    fx.approved(far); // deadline Jan 19: not yet
    let cancelled = fx.campaign(p, CampaignStatus::Cancelled, "2026-11-05");
    fx.approved(cancelled);
    let a = fx.agenda();
    assert_eq!(whats(&a.overdue), vec![What::Claim(closed)]);
    assert_eq!(whats(&a.soon), vec![What::Claim(due_soon)]);
    assert_eq!(a.soon[0].date, d("2026-12-05"));
    assert_eq!(a.soon[0].record, RecordRef::Request(due_soon));
}

#[test]
fn meetings_by_the_cadence() {
    let mut fx = Fx::new();
    let p = fx.partner("Acme");
    let mut partner = fx.program.partners.get(p).unwrap().clone();
    partner.value.agreement_start = Some(d("2026-06-01"));
    fx.program.partners.upsert(partner);
    // A check-in held Nov 5: the next is due Dec 5. No QBR held: due
    // three months after the agreement's start, Sep 1: overdue.
    let held = MeetingId(fx.id());
    fx.program.meetings.upsert(Stored::new(
        held,
        Meeting::blank(p, MeetingKind::CheckIn, d("2026-11-05")),
    ));
    let a = fx.agenda();
    assert_eq!(whats(&a.overdue), vec![What::Meeting(MeetingKind::Qbr)]);
    assert_eq!(a.overdue[0].date, d("2026-09-01"));
    assert_eq!(a.overdue[0].record, RecordRef::Partner(p));
    assert_eq!(a.overdue[0].campaign, None);
    assert_eq!(whats(&a.soon), vec![What::Meeting(MeetingKind::CheckIn)]);
    // Due today is due, not overdue.
    let b = agenda(&fx.program, &BTreeMap::new(), d("2026-12-05"));
    assert_eq!(whats(&b.soon), vec![What::Meeting(MeetingKind::CheckIn)]);
    let c = agenda(&fx.program, &BTreeMap::new(), d("2026-12-06"));
    assert!(
        c.overdue
            .iter()
            .any(|e| e.what == What::Meeting(MeetingKind::CheckIn))
    );
}

#[test]
fn sorted_by_date_then_partner_name() {
    let mut fx = Fx::new();
    let zeta = fx.partner("zeta");
    let acme = fx.partner("Acme");
    let cz = fx.campaign(zeta, CampaignStatus::Live, "2026-12-20");
    let ca = fx.campaign(acme, CampaignStatus::Live, "2026-12-20");
    let z1 = fx.item(cz, Some("2026-12-03"), false);
    let a1 = fx.item(ca, Some("2026-12-03"), false);
    let a0 = fx.item(ca, Some("2026-12-06"), false);
    let z0 = fx.item(cz, Some("2026-12-02"), false);
    let a = fx.agenda();
    assert_eq!(
        whats(&a.soon),
        vec![
            What::Item(z0),
            What::Item(a1),
            What::Item(z1),
            What::Item(a0)
        ]
    );
}
