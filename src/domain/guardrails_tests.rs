//! Boundary tests of every guardrail (docs/domain.md §6). Each test builds the
//! smallest program that puts a rule at its edge and checks both sides.

use super::*;
use crate::domain::asset::Asset;
use crate::domain::campaign::CampaignType;
use crate::domain::ids::*;
use crate::domain::mdf::{ActivityType, Claim, ClaimStatus, Fund, MdfRequest, RequestStatus};
use crate::domain::milestone::MilestoneKind;
use crate::domain::milestone::{MilestoneStatus, standard_milestones};
use crate::domain::partner::{PartnershipType, Tier};
use rust_decimal_macros::dec;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A partner that breaks nothing, and a webinar with it that breaks nothing.
struct Fx {
    program: Program,
    thresholds: Thresholds,
    policies: BTreeMap<String, Policy>,
    missing_files: MissingFiles,
    next: i64,
}

impl Fx {
    fn new() -> Fx {
        let mut program = Program::default();
        program.partners.upsert(Stored::new(
            PartnerId(1),
            Partner {
                name: "Acme".into(),
                partnership_type: PartnershipType::Technology,
                tier: Tier::Gold,
                brand_guidelines_on_file: true,
                data_consent_on: Some(d("2026-01-01")),
                notes: String::new(),
                agreement_start: None,
                agreement_end: None,
                ..Partner::default()
            },
        ));
        Fx {
            program,
            thresholds: Thresholds::default(),
            policies: BTreeMap::new(),
            missing_files: MissingFiles::new(),
            next: 100,
        }
    }

    fn id(&mut self) -> i64 {
        self.next += 1;
        self.next
    }

    /// A clean webinar: start, launch, end; tracked, attributed, in range.
    fn campaign(&mut self, start: &str, launch: &str, end: &str) -> CampaignId {
        let id = CampaignId(self.id());
        self.program.campaigns.upsert(Stored::new(
            id,
            Campaign {
                partner_id: PartnerId(1),
                name: format!("C{}", id.0),
                campaign_type: CampaignType::Webinar,
                playbook: None,
                status: CampaignStatus::Planned,
                audience: String::new(),
                start: d(start),
                launch: d(launch),
                end: d(end),
                budget: dec!(5000),
                internal_cost: dec!(0),
                lead_target: Some(200),
                crm_id: Some("701XX".into()),
                attribution_agreed: true,
                uses_partner_data: false,
            },
        ));
        id
    }

    fn edit(&mut self, id: CampaignId, f: impl FnOnce(&mut Campaign)) {
        let mut c = self.program.campaigns.get(id).unwrap().clone();
        f(&mut c.value);
        self.program.campaigns.upsert(c);
    }

    fn with_milestones(&mut self, id: CampaignId) {
        let c = self.program.campaigns.get(id).unwrap().clone();
        for m in standard_milestones(id, c.start, c.launch, c.end) {
            let mid = MilestoneId(self.id());
            self.program.milestones.upsert(Stored::new(mid, m));
        }
    }

    fn asset(&mut self, campaign: CampaignId, co_branded: bool, approved: Option<&str>) -> AssetId {
        let id = AssetId(self.id());
        self.program.assets.upsert(Stored::new(
            id,
            Asset {
                campaign_id: campaign,
                name: "Webinar deck v2".into(),
                kind: "deck".into(),
                co_branded,
                approved_on: approved.map(d),
                location: String::new(),
            },
        ));
        id
    }

    fn approved_request(&mut self, campaign: CampaignId, fund: Option<FundId>) -> RequestId {
        let id = RequestId(self.id());
        self.program.requests.upsert(Stored::new(
            id,
            MdfRequest {
                campaign_id: campaign,
                fund_id: fund,
                activity: ActivityType::Webinar,
                amount: dec!(2500),
                approved_amount: None,
                status: RequestStatus::Approved,
                submitted_on: Some(d("2025-12-01")),
                decided_on: Some(d("2025-12-05")),
                justification: String::new(),
                expected_roi: None,
                proof_required: String::new(),
                reason: None,
            },
        ));
        id
    }

    fn fund(&mut self, policy: &str) -> FundId {
        let id = FundId(self.id());
        self.program.funds.upsert(Stored::new(
            id,
            Fund {
                partner_id: PartnerId(1),
                name: "FY26".into(),
                period_start: d("2026-01-01"),
                period_end: d("2026-12-31"),
                allocated: dec!(50000),
                policy: policy.into(),
            },
        ));
        id
    }

    fn check(&self, today: &str) -> Vec<Finding> {
        let ctx = Context {
            today: d(today),
            thresholds: &self.thresholds,
            policies: &self.policies,
            missing_files: &self.missing_files,
            config_file: "the config file",
        };
        check_partner(&self.program, PartnerId(1), &ctx)
    }

    /// `(rule, severity)` of every finding of `rule` on `today`.
    fn rule(&self, today: &str, rule: Rule) -> Vec<Severity> {
        self.check(today)
            .into_iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.severity)
            .collect()
    }
}

use Severity::{Error, Warning};

#[test]
fn a_clean_campaign_has_no_findings() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.with_milestones(c);
    fx.asset(c, true, Some("2026-03-20"));
    fx.asset(c, false, None);
    for today in [
        "2026-02-01",
        "2026-03-30",
        "2026-04-13",
        "2026-04-20",
        "2026-06-01",
    ] {
        assert_eq!(fx.check(today), vec![], "on {today}");
    }
}

#[test]
fn g1_unapproved_co_branded_asset_warns_then_errors_at_promotion() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.with_milestones(c);
    let a = fx.asset(c, true, None);
    // Promotion begins = launch − 7 = 2026-04-06.
    assert_eq!(fx.rule("2026-04-05", Rule::G1), vec![Warning]);
    assert_eq!(fx.rule("2026-04-06", Rule::G1), vec![Error]);
    let f = fx
        .check("2026-04-06")
        .into_iter()
        .find(|f| f.rule == Rule::G1)
        .unwrap();
    assert_eq!(f.record, RecordRef::Asset(a));
    assert_eq!(f.since, Some(d("2026-04-06")));
    assert!(
        f.message.contains("'Webinar deck v2'") && f.message.contains("Acme"),
        "{}",
        f.message
    );
    // A stored, re-dated "Promotion begins" milestone moves the edge.
    let promo = fx
        .program
        .milestones
        .iter()
        .find(|m| m.kind == Some(MilestoneKind::PromotionBegins))
        .unwrap()
        .clone();
    let mut moved = promo.clone();
    moved.due = d("2026-04-08");
    fx.program.milestones.upsert(moved);
    assert_eq!(fx.rule("2026-04-07", Rule::G1), vec![Warning]);
    assert_eq!(fx.rule("2026-04-08", Rule::G1), vec![Error]);
}

#[test]
fn g1_live_campaign_is_an_error_even_before_promotion_date() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.asset(c, true, None);
    fx.edit(c, |c| c.status = CampaignStatus::Live);
    assert_eq!(fx.rule("2026-03-10", Rule::G1), vec![Error]);
    // Not co-branded, or approved: nothing.
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.asset(c, false, None);
    assert_eq!(fx.rule("2026-04-10", Rule::G1), vec![]);
}

#[test]
fn g2_no_brand_guidelines_warns_then_errors_when_assets_are_due() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    let mut p = fx.program.partners.get(PartnerId(1)).unwrap().clone();
    p.brand_guidelines_on_file = false;
    fx.program.partners.upsert(p);
    // Assets finalized = start + 21 = 2026-03-23.
    assert_eq!(fx.rule("2026-03-22", Rule::G2), vec![Warning]);
    assert_eq!(fx.rule("2026-03-23", Rule::G2), vec![Error]);
    let f = fx
        .check("2026-03-23")
        .into_iter()
        .find(|f| f.rule == Rule::G2)
        .unwrap();
    assert_eq!(
        (f.record, f.campaign_id),
        (RecordRef::Partner(PartnerId(1)), Some(c))
    );
    // Completed campaigns no longer need the guidelines.
    fx.edit(c, |c| c.status = CampaignStatus::Completed);
    assert_eq!(fx.rule("2026-03-23", Rule::G2), vec![]);
}

#[test]
fn g3_attribution_warns_within_14_days_and_errors_at_launch() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.edit(c, |c| c.attribution_agreed = false);
    assert_eq!(fx.rule("2026-03-29", Rule::G3), vec![]); // 15 days before
    assert_eq!(fx.rule("2026-03-30", Rule::G3), vec![Warning]); // 14 days before
    assert_eq!(fx.rule("2026-04-12", Rule::G3), vec![Warning]); // 1 day before
    assert_eq!(fx.rule("2026-04-13", Rule::G3), vec![Error]); // launch day
    let msg = &fx
        .check("2026-04-12")
        .into_iter()
        .find(|f| f.rule == Rule::G3)
        .unwrap()
        .message;
    assert!(msg.contains("launch is in 1 day"), "{msg}");
    // Marked live early: error before the launch date.
    fx.edit(c, |c| c.status = CampaignStatus::Live);
    assert_eq!(fx.rule("2026-03-01", Rule::G3), vec![Error]);
}

#[test]
fn g4_claim_window_day_30_vs_31_and_the_7_day_warning_edges() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-01-05", "2026-01-26", "2026-01-31");
    fx.edit(c, |c| c.status = CampaignStatus::Completed);
    let r = fx.approved_request(c, None);
    // Deadline = end + 30 = 2026-03-02. Warning on the last 7 days: Feb 24 – Mar 2.
    assert_eq!(fx.rule("2026-02-23", Rule::G4), vec![]); // 7 days left: not yet the last 7 (0–6 left)
    assert_eq!(fx.rule("2026-02-24", Rule::G4), vec![Warning]); // 6 days left: day 24
    assert_eq!(fx.rule("2026-03-02", Rule::G4), vec![Warning]); // day 30: last day, 0 left
    assert_eq!(fx.rule("2026-03-03", Rule::G4), vec![Error]); // day 31
    let warn = fx
        .check("2026-02-24")
        .into_iter()
        .find(|f| f.rule == Rule::G4)
        .unwrap();
    assert!(warn.message.contains("6 days left"), "{}", warn.message);
    assert_eq!(warn.record, RecordRef::Request(r));
    let err = fx
        .check("2026-03-03")
        .into_iter()
        .find(|f| f.rule == Rule::G4)
        .unwrap();
    assert_eq!(err.since, Some(d("2026-03-03")));
    // A submitted claim clears it; a draft claim does not.
    let mut claim = Claim {
        request_id: r,
        amount: dec!(2500),
        status: ClaimStatus::Draft,
        submitted_on: None,
        paid_on: None,
        paid_amount: None,
        note: String::new(),
    };
    fx.program
        .claims
        .upsert(Stored::new(ClaimId(1), claim.clone()));
    assert_eq!(fx.rule("2026-03-03", Rule::G4), vec![Error]);
    claim.status = ClaimStatus::Submitted;
    claim.submitted_on = Some(d("2026-03-01"));
    fx.program
        .claims
        .upsert(Stored::new(ClaimId(1), claim.clone()));
    assert_eq!(fx.rule("2026-03-03", Rule::G4), vec![]);
    // Submitted on day 30 (the deadline): in time, no finding ever.
    claim.submitted_on = Some(d("2026-03-02"));
    fx.program
        .claims
        .upsert(Stored::new(ClaimId(1), claim.clone()));
    assert_eq!(fx.rule("2026-03-03", Rule::G4), vec![]);
    assert_eq!(fx.rule("2026-06-01", Rule::G4), vec![]);
    // Submitted on day 31: late, an error that says so and stays.
    claim.submitted_on = Some(d("2026-03-03"));
    fx.program
        .claims
        .upsert(Stored::new(ClaimId(1), claim.clone()));
    assert_eq!(fx.rule("2026-03-03", Rule::G4), vec![Error]);
    let late = fx
        .check("2026-06-01")
        .into_iter()
        .find(|f| f.rule == Rule::G4)
        .unwrap();
    assert!(
        late.message.contains(
            "submitted on 2026-03-03, 1 day after the 30-day claim window closed on 2026-03-02"
        ),
        "{}",
        late.message
    );
    // A rejected claim leaves the window open: the warning / error is back.
    claim.submitted_on = Some(d("2026-02-25"));
    claim.status = ClaimStatus::Rejected;
    fx.program
        .claims
        .upsert(Stored::new(ClaimId(1), claim.clone()));
    assert_eq!(fx.rule("2026-02-26", Rule::G4), vec![Warning]);
    assert_eq!(fx.rule("2026-03-03", Rule::G4), vec![Error]);
    // So does a $0 claim (imported or old data; forms refuse it).
    claim.status = ClaimStatus::Submitted;
    claim.amount = dec!(0);
    fx.program.claims.upsert(Stored::new(ClaimId(1), claim));
    assert_eq!(fx.rule("2026-03-03", Rule::G4), vec![Error]);
}

#[test]
fn g4_uses_the_fund_policy_window() {
    let mut fx = Fx::new();
    fx.policies.insert(
        "partnerx".into(),
        Policy {
            claim_window_days: 45,
            ..Policy::default()
        },
    );
    let c = fx.campaign("2026-01-05", "2026-01-26", "2026-01-31");
    let fund = fx.fund("partnerx");
    fx.approved_request(c, Some(fund));
    // Deadline = end + 45 = 2026-03-17: day 45 warning, day 46 error.
    assert_eq!(fx.rule("2026-03-17", Rule::G4), vec![Warning]);
    assert_eq!(fx.rule("2026-03-18", Rule::G4), vec![Error]);
    // A claim submitted on day 45 is in time; on day 46, late.
    let r = fx.program.requests.iter().next().unwrap().id;
    let mut claim = Claim {
        request_id: r,
        amount: dec!(100),
        status: ClaimStatus::Submitted,
        submitted_on: Some(d("2026-03-17")),
        paid_on: None,
        paid_amount: None,
        note: String::new(),
    };
    fx.program
        .claims
        .upsert(Stored::new(ClaimId(1), claim.clone()));
    assert_eq!(fx.rule("2026-04-01", Rule::G4), vec![]);
    claim.submitted_on = Some(d("2026-03-18"));
    fx.program.claims.upsert(Stored::new(ClaimId(1), claim));
    assert_eq!(fx.rule("2026-04-01", Rule::G4), vec![Error]);
    // Not approved: no G4.
    let mut fx = Fx::new();
    let c = fx.campaign("2026-01-05", "2026-01-26", "2026-01-31");
    let r = fx.approved_request(c, None);
    let mut req = fx.program.requests.get(r).unwrap().clone();
    req.status = RequestStatus::Submitted;
    fx.program.requests.upsert(req);
    assert_eq!(fx.rule("2026-04-01", Rule::G4), vec![]);
}

#[test]
fn g5_customer_data_without_consent_is_an_error() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.edit(c, |c| c.uses_partner_data = true);
    assert_eq!(fx.rule("2026-03-01", Rule::G5), vec![]); // consent on file
    let mut p = fx.program.partners.get(PartnerId(1)).unwrap().clone();
    p.data_consent_on = None;
    fx.program.partners.upsert(p);
    assert_eq!(fx.rule("2026-03-01", Rule::G5), vec![Error]);
    fx.edit(c, |c| c.status = CampaignStatus::Cancelled);
    assert_eq!(fx.rule("2026-03-01", Rule::G5), vec![]);
}

#[test]
fn g6_three_active_campaigns_pass_the_fourth_fails_by_start_date() {
    let mut fx = Fx::new();
    let a = fx.campaign("2026-03-01", "2026-04-13", "2026-05-01");
    let _b = fx.campaign("2026-03-02", "2026-04-13", "2026-05-01");
    let c = fx.campaign("2026-03-03", "2026-04-13", "2026-05-01");
    assert_eq!(fx.rule("2026-03-10", Rule::G6), vec![]); // 3 active
    let late = fx.campaign("2026-02-01", "2026-04-13", "2026-05-01"); // earliest start
    let found: Vec<_> = fx
        .check("2026-03-10")
        .into_iter()
        .filter(|f| f.rule == Rule::G6)
        .collect();
    assert_eq!(found.len(), 1);
    // Sorted by start: late (Feb 1), a, b, c → the 4th is c, not `late`.
    assert_eq!(found[0].campaign_id, Some(c));
    assert!(
        found[0].message.contains("4 active campaigns") && found[0].message.contains("number 4")
    );
    let _ = a;
    // Completing one, or passing its end date, brings it back to 3.
    fx.edit(late, |c| c.status = CampaignStatus::Completed);
    assert_eq!(fx.rule("2026-03-10", Rule::G6), vec![]);
    fx.edit(late, |c| {
        c.status = CampaignStatus::Live;
        c.end = d("2026-03-09");
    });
    assert_eq!(fx.rule("2026-03-09", Rule::G6), vec![Error]); // end ≥ today: active
    assert_eq!(fx.rule("2026-03-10", Rule::G6), vec![]);
}

#[test]
fn g7_event_lead_time_41_vs_42_days() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-12", "2026-04-14"); // 41 days
    fx.edit(c, |c| {
        c.campaign_type = CampaignType::VirtualEvent;
        c.budget = dec!(20000);
        c.lead_target = Some(400);
    });
    assert_eq!(fx.rule("2026-02-01", Rule::G7), vec![Error]);
    let msg = &fx
        .check("2026-02-01")
        .into_iter()
        .find(|f| f.rule == Rule::G7)
        .unwrap()
        .message;
    assert!(msg.contains("41 days") && msg.contains("Apr 13"), "{msg}");
    fx.edit(c, |c| c.launch = d("2026-04-13")); // 42 days
    assert_eq!(fx.rule("2026-02-01", Rule::G7), vec![]);
    // A webinar with 41 days is fine: G7 is for events only.
    fx.edit(c, |c| {
        c.launch = d("2026-04-12");
        c.campaign_type = CampaignType::Webinar;
        c.budget = dec!(5000);
        c.lead_target = Some(200);
    });
    assert_eq!(fx.rule("2026-02-01", Rule::G7), vec![]);
}

#[test]
fn g8_untracked_warns_while_planned_and_errors_once_live() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.edit(c, |c| c.crm_id = Some("  ".into()));
    assert_eq!(fx.rule("2026-04-12", Rule::G8), vec![Warning]);
    assert_eq!(fx.rule("2026-04-13", Rule::G8), vec![Error]);
    fx.edit(c, |c| c.status = CampaignStatus::Completed);
    assert_eq!(fx.rule("2026-06-01", Rule::G8), vec![Error]);
    let msg = &fx.check("2026-06-01")[0].message;
    assert!(msg.contains("\"Partner: Acme - C101\""), "{msg}");
    assert!(
        msg.contains("jmo crm export salesforce, load Campaign.csv, then jmo crm import <success file> --apply"),
        "{msg}"
    );
    assert!(msg.ends_with("or type its Id: Timeline → e."), "{msg}");
}

/// G8's message as of 2026-04-01 (empty without one).
fn g8(fx: &Fx) -> String {
    fx.check("2026-04-01")
        .into_iter()
        .find(|f| f.rule == Rule::G8)
        .map(|f| f.message)
        .unwrap_or_default()
}

#[test]
fn g8_says_when_the_salesforce_name_is_over_80_characters() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    // "Partner: Acme - " is 16 characters: 64 more make 80, still fine.
    fx.edit(c, |c| {
        c.name = "x".repeat(64);
        c.crm_id = None;
    });
    let msg = g8(&fx);
    assert!(msg.contains(": create \"Partner: Acme - x"), "{msg}");
    assert!(!msg.contains("shorten"), "{msg}");
    fx.edit(c, |c| c.name = "é".repeat(79));
    let msg = g8(&fx);
    assert!(
        msg.contains("is 95 characters; Salesforce's Campaign Name holds 80: shorten the campaign's name (Timeline → e), then create it"),
        "{msg}"
    );
    assert!(!msg.contains(": create \""), "{msg}");
}

/// Blocks the standard milestone `kind` of `c` with `reason`.
fn block(fx: &mut Fx, c: CampaignId, kind: MilestoneKind, reason: &str) -> MilestoneId {
    let mut m = fx
        .program
        .milestones
        .iter()
        .find(|m| m.campaign_id == c && m.kind == Some(kind))
        .unwrap()
        .clone();
    m.status = MilestoneStatus::Blocked;
    m.blocked_reason = Some(reason.into());
    let id = m.id;
    fx.program.milestones.upsert(m);
    id
}

#[test]
fn g9_a_blocked_milestone_is_a_warning_on_it_with_its_reason() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.with_milestones(c);
    // Partner review = start + 14 = 2026-03-16.
    let m = block(
        &mut fx,
        c,
        MilestoneKind::PartnerReview,
        "waiting on legal.",
    );
    for today in ["2026-02-01", "2026-03-16", "2026-03-17", "2026-04-20"] {
        assert_eq!(fx.rule(today, Rule::G9), vec![Warning], "on {today}");
    }
    let f = fx
        .check("2026-03-10")
        .into_iter()
        .find(|f| f.rule == Rule::G9)
        .unwrap();
    assert_eq!(
        (f.record, f.campaign_id, f.partner_id),
        (RecordRef::Milestone(m), Some(c), PartnerId(1))
    );
    assert_eq!(
        f.message,
        "Milestone 'Partner review' (due Mar 16) is blocked: waiting on legal. Clear what blocks it, then unblock it: Timeline → b on the milestone."
    );
    let late = fx
        .check("2026-03-17")
        .into_iter()
        .find(|f| f.rule == Rule::G9)
        .unwrap();
    assert!(
        late.message.contains("(was due Mar 16)"),
        "{}",
        late.message
    );
    // Two blocked milestones: one finding each.
    block(&mut fx, c, MilestoneKind::ContentDraft, "no writer");
    assert_eq!(fx.rule("2026-03-10", Rule::G9), vec![Warning, Warning]);
}

#[test]
fn g9_only_blocked_milestones_of_campaigns_still_worked() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.with_milestones(c);
    // Upcoming, in progress, done and overdue milestones are not blocked.
    let mut ms: Vec<_> = fx.program.milestones.iter().cloned().collect();
    ms[0].status = MilestoneStatus::InProgress;
    ms[1].status = MilestoneStatus::Done;
    ms[1].completed_on = Some(d("2026-03-09"));
    for m in ms {
        fx.program.milestones.upsert(m);
    }
    assert_eq!(fx.rule("2026-05-01", Rule::G9), vec![]);
    block(
        &mut fx,
        c,
        MilestoneKind::AssetsFinalized,
        "brand kit missing",
    );
    fx.edit(c, |c| c.status = CampaignStatus::Live);
    assert_eq!(fx.rule("2026-03-10", Rule::G9), vec![Warning]);
    // Completed or cancelled: nothing left to unblock.
    for closed in [CampaignStatus::Completed, CampaignStatus::Cancelled] {
        fx.edit(c, |c| c.status = closed);
        assert_eq!(fx.rule("2026-03-10", Rule::G9), vec![], "{closed:?}");
    }
}

#[test]
fn type_ranges_are_inclusive_warnings() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.edit(c, |c| {
        c.budget = dec!(10000);
        c.lead_target = Some(500);
    });
    assert_eq!(fx.check("2026-03-01"), vec![]);
    fx.edit(c, |c| {
        c.budget = dec!(10000.01);
        c.lead_target = Some(501);
    });
    let rules: Vec<_> = fx
        .check("2026-03-01")
        .iter()
        .map(|f| (f.rule, f.severity))
        .collect();
    assert_eq!(rules, vec![(Rule::T1, Warning), (Rule::T2, Warning)]);
    assert!(fx.check("2026-03-01")[0].message.contains("$2K–$10K"));
    fx.thresholds.type_range_warnings = false;
    assert_eq!(fx.check("2026-03-01"), vec![]);
}

#[test]
fn type_range_messages_take_the_types_article() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-01-05", "2026-04-13", "2026-04-20");
    fx.edit(c, |c| {
        c.campaign_type = CampaignType::InPersonEvent;
        c.budget = dec!(5000);
        c.lead_target = Some(10);
    });
    let messages: Vec<String> = fx
        .check("2026-01-04")
        .into_iter()
        .filter(|f| matches!(f.rule, Rule::T1 | Rule::T2))
        .map(|f| f.message)
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    for m in &messages {
        assert!(m.contains("typical range for an in-person event:"), "{m}");
    }
    fx.edit(c, |c| c.campaign_type = CampaignType::DigitalAds);
    let t1 = &fx.check("2026-01-04")[0].message;
    assert!(t1.contains("for a digital ads campaign:"), "{t1}");
}

#[test]
fn thresholds_are_configurable() {
    let mut fx = Fx::new();
    fx.thresholds.max_active_campaigns = 1;
    fx.campaign("2026-03-01", "2026-04-13", "2026-05-01");
    fx.campaign("2026-03-02", "2026-04-13", "2026-05-01");
    assert_eq!(fx.rule("2026-03-10", Rule::G6), vec![Error]);
    fx.thresholds.attribution_warning_days = 30;
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.edit(c, |c| c.attribution_agreed = false);
    assert_eq!(fx.rule("2026-03-14", Rule::G3), vec![Warning]); // 30 days before
}

#[test]
fn findings_sort_errors_first_and_count() {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-02", "2026-04-13", "2026-04-20");
    fx.edit(c, |c| {
        c.crm_id = None;
        c.uses_partner_data = true;
    });
    let mut p = fx.program.partners.get(PartnerId(1)).unwrap().clone();
    p.data_consent_on = None;
    fx.program.partners.upsert(p);
    let found = fx.check("2026-03-01");
    let order: Vec<_> = found.iter().map(|f| (f.severity, f.rule)).collect();
    assert_eq!(order, vec![(Error, Rule::G5), (Warning, Rule::G8)]);
    assert_eq!(counts(&found), (1, 1));
    let ctx = Context {
        today: d("2026-03-01"),
        thresholds: &fx.thresholds,
        policies: &fx.policies,
        missing_files: &fx.missing_files,
        config_file: "the config file",
    };
    assert_eq!(check_all(&fx.program, &ctx), found);
}

// ---- MDF policy rules (docs/domain.md §11) -----------------------------------------

impl Fx {
    fn request_on(
        &mut self,
        campaign: CampaignId,
        fund: FundId,
        amount: Decimal,
        status: RequestStatus,
        submitted: &str,
    ) -> RequestId {
        let id = RequestId(self.id());
        self.program.requests.upsert(Stored::new(
            id,
            MdfRequest {
                campaign_id: campaign,
                fund_id: Some(fund),
                activity: ActivityType::Webinar,
                amount,
                approved_amount: None,
                status,
                submitted_on: Some(d(submitted)),
                decided_on: None,
                justification: String::new(),
                expected_roi: None,
                proof_required: String::new(),
                reason: None,
            },
        ));
        id
    }

    fn expense(
        &mut self,
        campaign: CampaignId,
        request: RequestId,
        category: &str,
        amount: Decimal,
        proof: &str,
    ) -> ExpenseId {
        let id = ExpenseId(self.id());
        self.program.expenses.upsert(Stored::new(
            id,
            crate::domain::expense::Expense {
                campaign_id: campaign,
                request_id: Some(request),
                category: category.into(),
                amount,
                spent_on: d("2026-03-10"),
                vendor: String::new(),
                invoice_ref: "INV".into(),
                proof: proof.into(),
                withdrawn: None,
            },
        ));
        id
    }

    fn rules(&self, today: &str) -> Vec<(Rule, Severity)> {
        self.check(today)
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .filter(|(r, _)| r.key().starts_with('M'))
            .collect()
    }
}

/// A webinar starting Monday 2026-03-16 with a $20,000 cost and a
/// $50,000 fund (Jan–Dec).
fn mdf_fx() -> (Fx, CampaignId, FundId) {
    let mut fx = Fx::new();
    let c = fx.campaign("2026-03-16", "2026-04-13", "2026-04-20");
    fx.edit(c, |c| c.budget = dec!(8000));
    fx.edit(c, |c| c.internal_cost = dec!(12000));
    let f = fx.fund("default");
    (fx, c, f)
}

#[test]
fn m1_lead_time_counts_business_days_across_the_weekend() {
    // 10 business days before Mon Mar 16 is Mon Mar 2: submitted Mar 2 is in time.
    let (mut fx, c, f) = mdf_fx();
    let r = fx.request_on(c, f, dec!(5000), RequestStatus::Submitted, "2026-03-02");
    assert_eq!(fx.rules("2026-03-02"), vec![]);
    let mut late = fx.program.requests.get(r).unwrap().clone();
    late.submitted_on = Some(d("2026-03-03")); // 9 business days: late
    fx.program.requests.upsert(late.clone());
    assert_eq!(fx.rules("2026-03-03"), vec![(Rule::M1, Warning)]);
    let msg = &fx
        .check("2026-03-03")
        .into_iter()
        .find(|x| x.rule == Rule::M1)
        .unwrap()
        .message;
    assert!(
        msg.contains("10 business days") && msg.contains("submit by Mar 02"),
        "{msg}"
    );
    // A draft is not a request yet.
    late.status = RequestStatus::Draft;
    fx.program.requests.upsert(late);
    assert_eq!(fx.rules("2026-03-03"), vec![]);
}

#[test]
fn m2_minimum_and_m3_share_at_their_edges() {
    let (mut fx, c, f) = mdf_fx();
    // $1,000.00 is the minimum; 50 % of the $20,000 cost is $10,000.
    let r = fx.request_on(c, f, dec!(1000.00), RequestStatus::Submitted, "2026-01-05");
    assert_eq!(fx.rules("2026-01-05"), vec![]);
    let mut req = fx.program.requests.get(r).unwrap().clone();
    req.amount = dec!(999.99);
    fx.program.requests.upsert(req.clone());
    assert_eq!(fx.rules("2026-01-05"), vec![(Rule::M2, Warning)]);
    req.amount = dec!(10000.00);
    fx.program.requests.upsert(req.clone());
    assert_eq!(fx.rules("2026-01-05"), vec![]);
    req.amount = dec!(10000.01);
    fx.program.requests.upsert(req);
    assert_eq!(fx.rules("2026-01-05"), vec![(Rule::M3, Warning)]);
    // A 100 % policy lets the whole cost through.
    fx.policies.insert(
        "full".into(),
        Policy {
            max_share_percent: dec!(100),
            ..Policy::default()
        },
    );
    let mut fund = fx.program.funds.get(f).unwrap().clone();
    fund.policy = "full".into();
    fx.program.funds.upsert(fund);
    assert_eq!(fx.rules("2026-01-05"), vec![]);
}

#[test]
fn m4_over_allocation_is_an_error_and_a_pending_ask_above_what_is_left_warns() {
    let (mut fx, c, f) = mdf_fx();
    fx.edit(c, |c| c.internal_cost = dec!(32000)); // cost 40,000: M3 stays quiet
    let mut fund = fx.program.funds.get(f).unwrap().clone();
    fund.allocated = dec!(12000);
    fx.program.funds.upsert(fund);
    let a = fx.request_on(c, f, dec!(10000), RequestStatus::Approved, "2026-01-05");
    // $2,000 left: a pending $2,000 is fine, $2,000.01 is not.
    let p = fx.request_on(c, f, dec!(2000), RequestStatus::Submitted, "2026-01-05");
    assert_eq!(fx.rules("2026-01-05"), vec![]);
    let mut pending = fx.program.requests.get(p).unwrap().clone();
    pending.amount = dec!(2000.01);
    fx.program.requests.upsert(pending);
    assert_eq!(fx.rules("2026-01-05"), vec![(Rule::M4, Warning)]);
    // Approvals beyond the allocation: an error on the fund.
    let mut approved = fx.program.requests.get(a).unwrap().clone();
    approved.amount = dec!(12000.01);
    approved.approved_amount = None;
    fx.program.requests.upsert(approved);
    let found = fx.check("2026-01-05");
    let m4: Vec<_> = found
        .iter()
        .filter(|x| x.rule == Rule::M4)
        .map(|x| (x.severity, x.record))
        .collect();
    assert!(m4.contains(&(Error, RecordRef::Fund(f))), "{m4:?}");
}

#[test]
fn m3_and_m4_count_a_campaigns_or_funds_requests_together() {
    // Cost 20,000 → at most 10,000 asked of the partner for this campaign.
    let (mut fx, c, f) = mdf_fx();
    let first = fx.request_on(c, f, dec!(6000), RequestStatus::Approved, "2026-01-05");
    let second = fx.request_on(c, f, dec!(4000), RequestStatus::Submitted, "2026-01-06");
    assert_eq!(fx.rules("2026-01-06"), vec![]); // 10,000: exactly the cap
    let mut more = fx.program.requests.get(second).unwrap().clone();
    more.amount = dec!(4000.01);
    fx.program.requests.upsert(more);
    let m3: Vec<_> = fx
        .check("2026-01-06")
        .into_iter()
        .filter(|x| x.rule == Rule::M3)
        .collect();
    assert_eq!(m3.len(), 1);
    assert_eq!(m3[0].record, RecordRef::Request(second)); // the later one
    assert!(
        m3[0]
            .message
            .contains("with the campaign's earlier requests, $10,000.01 in all"),
        "{}",
        m3[0].message
    );
    // An approval cut to 5,000 counts for 5,000: 5,000 + 4,000.01 fits.
    let mut cut = fx.program.requests.get(first).unwrap().clone();
    cut.approved_amount = Some(dec!(5000));
    fx.program.requests.upsert(cut);
    assert_eq!(fx.rules("2026-01-06"), vec![]);

    // M4: 20,000 allocated − 6,000 approved = 14,000 left; two pending
    // asks of 8,000 on another campaign fit one by one, not together.
    let (mut fx, c, f) = mdf_fx();
    let mut fund = fx.program.funds.get(f).unwrap().clone();
    fund.allocated = dec!(20000);
    fx.program.funds.upsert(fund);
    fx.request_on(c, f, dec!(6000), RequestStatus::Approved, "2026-01-05");
    let other = fx.campaign("2026-03-16", "2026-04-13", "2026-04-20");
    fx.edit(other, |c| c.budget = dec!(40000));
    let a = fx.request_on(other, f, dec!(8000), RequestStatus::Submitted, "2026-01-06");
    let b = fx.request_on(other, f, dec!(8000), RequestStatus::Submitted, "2026-01-07");
    let m4: Vec<_> = fx
        .check("2026-01-07")
        .into_iter()
        .filter(|x| x.rule == Rule::M4)
        .map(|x| x.record)
        .collect();
    assert_eq!(m4, vec![RecordRef::Request(b)]);
    // Alone, the first fits: withdraw the second and nothing is flagged.
    let mut gone = fx.program.requests.get(b).unwrap().clone();
    gone.status = RequestStatus::Cancelled;
    fx.program.requests.upsert(gone);
    assert!(
        !fx.check("2026-01-07")
            .iter()
            .any(|x| x.rule == Rule::M4 && x.record == RecordRef::Request(a))
    );
}

#[test]
fn m5_a_fund_expiring_within_30_days_with_money_left() {
    let (fx, _, _) = mdf_fx();
    // The fund ends Dec 31: Dec 1 is 30 days before.
    assert_eq!(fx.rules("2026-11-30"), vec![]);
    assert_eq!(fx.rules("2026-12-01"), vec![(Rule::M5, Warning)]);
    assert_eq!(fx.rules("2027-01-01"), vec![]);
}

#[test]
fn m6_held_expenses_and_m7_claims_beyond_what_is_claimable() {
    let (mut fx, c, f) = mdf_fx();
    let r = fx.request_on(c, f, dec!(5000), RequestStatus::Approved, "2026-01-05");
    let proof = "attendee lead list: /l.csv\nrecording URL: https://v/1";
    fx.expense(c, r, "venue", dec!(4000), proof); // claimable 2,000
    assert_eq!(fx.rules("2026-03-20"), vec![]);
    let held = fx.expense(c, r, "alcohol", dec!(300), "");
    let found = fx.check("2026-03-20");
    let m6 = found.iter().find(|x| x.rule == Rule::M6).unwrap();
    assert_eq!(
        (m6.severity, m6.record),
        (Warning, RecordRef::Expense(held))
    );
    assert!(
        m6.message.contains("'alcohol' is not eligible"),
        "{}",
        m6.message
    );
    // A claim for $2,000 is fine; $2,000.01 is more than claimable.
    let mut claim = Claim {
        request_id: r,
        amount: dec!(2000),
        status: ClaimStatus::Submitted,
        submitted_on: Some(d("2026-04-25")),
        paid_on: None,
        paid_amount: None,
        note: String::new(),
    };
    fx.program
        .claims
        .upsert(Stored::new(ClaimId(900), claim.clone()));
    assert_eq!(fx.rules("2026-04-25"), vec![(Rule::M6, Warning)]);
    claim.amount = dec!(2000.01);
    fx.program.claims.upsert(Stored::new(ClaimId(900), claim));
    assert_eq!(
        fx.rules("2026-04-25"),
        vec![(Rule::M7, Error), (Rule::M6, Warning)]
    );
}

#[test]
fn m8_a_proof_file_not_on_disk_is_a_warning_on_its_expense() {
    use crate::domain::expense::Expense;
    let mut fx = Fx::new();
    let c = fx.campaign("2026-01-05", "2026-01-26", "2026-01-31");
    let r = fx.approved_request(c, None);
    let expense = |withdrawn: Option<&str>| Expense {
        campaign_id: c,
        request_id: Some(r),
        category: "venue".into(),
        amount: dec!(1000),
        spent_on: d("2026-01-20"),
        vendor: "Hall".into(),
        invoice_ref: "INV-1".into(),
        proof: "attendee lead list: /share/leads.csv".into(),
        withdrawn: withdrawn.map(String::from),
    };
    fx.program
        .expenses
        .upsert(Stored::new(ExpenseId(1), expense(None)));
    assert_eq!(fx.rule("2026-02-01", Rule::M8), vec![]);
    fx.missing_files
        .insert(ExpenseId(1), vec!["/share/leads.csv".into()]);
    assert_eq!(fx.rule("2026-02-01", Rule::M8), vec![Warning]);
    let f = fx
        .check("2026-02-01")
        .into_iter()
        .find(|f| f.rule == Rule::M8)
        .unwrap();
    assert_eq!(f.record, RecordRef::Expense(ExpenseId(1)));
    assert!(
        f.message
            .contains("proof not found on disk: /share/leads.csv"),
        "{}",
        f.message
    );
    // A withdrawn expense's files do not matter.
    fx.program
        .expenses
        .upsert(Stored::new(ExpenseId(1), expense(Some("duplicate"))));
    assert_eq!(fx.rule("2026-02-01", Rule::M8), vec![]);
}

#[test]
fn m9_a_fund_on_a_policy_the_config_does_not_define_is_an_error() {
    let mut fx = Fx::new();
    fx.policies.insert("default".into(), Policy::default());
    let c = fx.campaign("2026-01-05", "2026-01-26", "2026-01-31");
    let fund = fx.fund("gitlab");
    fx.approved_request(c, Some(fund));
    let found = fx.check("2026-01-10");
    let m9: Vec<_> = found.iter().filter(|f| f.rule == Rule::M9).collect();
    assert_eq!(m9.len(), 1, "{found:?}");
    assert_eq!(
        (m9[0].severity, m9[0].record, m9[0].campaign_id),
        (Error, RecordRef::Fund(fund), None)
    );
    assert_eq!(
        m9[0].message,
        "Fund 'FY26' uses policy 'gitlab', which is not defined in the config file; the defaults \
         are used: 30-day claim window, 10 business days pre-approval, 50% max share, $1,000.00 \
         minimum. Add [policies.gitlab] to the config file or pick a defined policy (MDF → e on \
         the fund)."
    );
    // Defined: no finding; "default" needs no table of its own.
    fx.policies.insert("gitlab".into(), Policy::default());
    assert_eq!(fx.rule("2026-01-10", Rule::M9), vec![]);
    fx.policies.clear();
    let mut f = fx.program.funds.get(fund).unwrap().clone();
    f.value.policy = "default".into();
    fx.program.funds.upsert(f);
    assert_eq!(fx.rule("2026-01-10", Rule::M9), vec![]);
}
