//! Issue 5 worked examples with hand-computed figures: a joint marketing
//! plan's totals and checkpoints, readiness, past performance by type.

use super::jmp::{self, CheckpointStatus, Period};
use super::mdf::{ActivityType, Fund, MdfRequest, RequestStatus};
use super::program::Program;
use super::relationship::{self, MeetingKind, ReadinessCheck};
use super::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const TODAY: &str = "2026-11-21";

fn campaign(
    p: &mut Program,
    id: i64,
    t: CampaignType,
    status: CampaignStatus,
    launch: &str,
    budget: Decimal,
    internal: Decimal,
) {
    p.campaigns.upsert(Stored::new(
        CampaignId(id),
        Campaign {
            partner_id: PartnerId(1),
            name: format!("C{id}"),
            campaign_type: t,
            playbook: None,
            status,
            audience: String::new(),
            start: d(launch) - chrono::Days::new(30),
            launch: d(launch),
            end: d(launch) + chrono::Days::new(7),
            budget,
            internal_cost: internal,
            lead_target: Some(100),
            crm_id: None,
            attribution_agreed: true,
            uses_partner_data: false,
        },
    ));
}

fn results(p: &mut Program, id: i64, leads: i64, mqls: i64, pipeline: Decimal) {
    p.results.upsert(Stored::new(
        ResultsId(id),
        CampaignResults {
            campaign_id: CampaignId(id),
            leads: Some(leads),
            mqls: Some(mqls),
            pipeline_sourced: Some(pipeline),
            ..CampaignResults::default()
        },
    ));
}

fn item(p: &mut Program, id: i64, campaign: i64, side: Side, done: bool) {
    p.responsibilities.upsert(Stored::new(
        ResponsibilityId(id),
        Responsibility {
            campaign_id: CampaignId(campaign),
            side,
            title: format!("Task {id}"),
            owner: "Dana".into(),
            due: Some(d("2026-12-01")),
            done_on: done.then(|| d("2026-11-01")),
            position: id,
        },
    ));
}

/// Acme with three Q4 campaigns:
/// - C1 webinar, launched Oct 10, completed: $4,000 + $1,000 = $5,000;
///   MDF approved $2,000; partner puts in $500; target $50,000 pipeline,
///   reported $60,000 (120 leads, 36 MQLs).
/// - C2 email, launched Nov 5, live: $2,000 + $0 = $2,000; MDF $1,500
///   requested, not yet decided; partner $0; target $30,000, reported
///   $10,000 (80 leads, 16 MQLs).
/// - C3 virtual event, launches Dec 10, planned: $20,000 + $5,000 =
///   $25,000; no MDF; partner $5,000; no pipeline target.
fn acme() -> Program {
    let mut p = Program::default();
    p.partners.upsert(Stored::new(
        PartnerId(1),
        Partner {
            name: "Acme".into(),
            agreement_start: Some(d("2026-01-01")),
            ..Partner::default()
        },
    ));
    campaign(
        &mut p,
        1,
        CampaignType::Webinar,
        CampaignStatus::Completed,
        "2026-10-10",
        dec!(4000),
        dec!(1000),
    );
    campaign(
        &mut p,
        2,
        CampaignType::Email,
        CampaignStatus::Live,
        "2026-11-05",
        dec!(2000),
        dec!(0),
    );
    campaign(
        &mut p,
        3,
        CampaignType::VirtualEvent,
        CampaignStatus::Planned,
        "2026-12-10",
        dec!(20000),
        dec!(5000),
    );
    results(&mut p, 1, 120, 36, dec!(60000));
    results(&mut p, 2, 80, 16, dec!(10000));
    p.funds.upsert(Stored::new(
        FundId(1),
        Fund {
            partner_id: PartnerId(1),
            name: "FY26 MDF".into(),
            period_start: d("2026-01-01"),
            period_end: d("2026-12-31"),
            allocated: dec!(10000),
            policy: "default".into(),
        },
    ));
    let request = |id: i64, campaign: i64, amount: Decimal, status: RequestStatus| MdfRequest {
        campaign_id: CampaignId(campaign),
        fund_id: Some(FundId(1)),
        activity: ActivityType::Webinar,
        amount,
        approved_amount: (status == RequestStatus::Approved).then_some(amount),
        status,
        submitted_on: Some(d("2026-09-01")),
        decided_on: (status == RequestStatus::Approved).then(|| d("2026-09-05")),
        justification: format!("R{id}"),
        expected_roi: None,
        proof_required: String::new(),
        reason: None,
    };
    p.requests.upsert(Stored::new(
        RequestId(1),
        request(1, 1, dec!(2000), RequestStatus::Approved),
    ));
    p.requests.upsert(Stored::new(
        RequestId(2),
        request(2, 2, dec!(1500), RequestStatus::Submitted),
    ));
    item(&mut p, 1, 1, Side::Ours, true);
    item(&mut p, 2, 1, Side::Partner, true);
    item(&mut p, 3, 2, Side::Ours, false);
    item(&mut p, 4, 3, Side::Shared, false);
    item(&mut p, 5, 3, Side::Partner, false);
    p.plans.upsert(Stored::new(
        PlanId(1),
        JointPlan {
            partner_id: PartnerId(1),
            period: Period::parse("2026Q4").unwrap(),
            objective: "$80K pipeline".into(),
            notes: String::new(),
        },
    ));
    for (id, c, target, partner) in [
        (1, 1, Some(dec!(50000)), dec!(500)),
        (2, 2, Some(dec!(30000)), dec!(0)),
        (3, 3, None, dec!(5000)),
    ] {
        p.plan_entries.upsert(Stored::new(
            PlanEntryId(id),
            PlanEntry {
                plan_id: PlanId(1),
                campaign_id: CampaignId(c),
                pipeline_target: target,
                partner_investment: partner,
            },
        ));
    }
    p
}

#[test]
fn plan_totals_and_checkpoints_by_hand() {
    let p = acme();
    let s = jmp::sheet(&p, PlanId(1), d(TODAY)).unwrap();
    assert_eq!(
        s.lines.iter().map(|l| l.campaign.0).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    // C1: 5,000 − 2,000 MDF − 500 partner = 2,500 our net.
    assert_eq!(s.lines[0].our_net, dec!(2500));
    assert_eq!(s.lines[1].mdf_requested, dec!(1500));
    assert_eq!(s.lines[1].mdf_approved, dec!(0));
    let t = &s.totals;
    assert_eq!(t.cost, dec!(32000)); // 5,000 + 2,000 + 25,000
    assert_eq!(t.mdf_approved, dec!(2000));
    assert_eq!(t.mdf_requested, dec!(1500));
    assert_eq!(t.partner_investment, dec!(5500));
    assert_eq!(t.our_net, dec!(24500)); // 32,000 − 2,000 − 5,500
    assert_eq!(t.mdf_coverage_percent, Some(dec!(6.25))); // 2,000 ÷ 32,000
    assert_eq!(
        t.partner_share_percent.map(|x| x.round_dp(4)),
        Some(dec!(17.1875))
    );
    assert_eq!(t.pipeline_target, dec!(80000));
    assert_eq!(t.without_target, 1);
    assert_eq!(t.pipeline_actual, dec!(70000));
    assert_eq!((t.lead_target, t.leads_actual), (300, 200));
    // Who does what: ours 1 of 2 done, partner 1 of 2, shared 0 of 1.
    let roles: Vec<(Side, usize, usize, usize)> = s
        .roles
        .iter()
        .map(|r| (r.side, r.done, r.total, r.open.len()))
        .collect();
    assert_eq!(
        roles,
        [
            (Side::Ours, 1, 2, 1),
            (Side::Partner, 1, 2, 1),
            (Side::Shared, 0, 1, 1)
        ]
    );
    // Checkpoints Oct 31, Nov 30, Dec 31 as of Nov 21.
    let c = &s.checkpoints;
    assert_eq!(
        c.iter().map(|c| c.date).collect::<Vec<_>>(),
        [d("2026-10-31"), d("2026-11-30"), d("2026-12-31")]
    );
    // Oct 31: C1 launched, planned 50,000, actual 60,000 → 120 %, on track.
    assert_eq!((c[0].launches_planned, c[0].launched), (1, 1));
    assert_eq!(
        (c[0].pipeline_planned, c[0].pipeline_actual),
        (dec!(50000), dec!(60000))
    );
    assert_eq!(c[0].percent, Some(dec!(120)));
    assert_eq!(c[0].status, CheckpointStatus::OnTrack);
    // Nov 30 is after today: upcoming (planned 80,000, actual 70,000).
    assert_eq!(
        (c[1].pipeline_planned, c[1].pipeline_actual),
        (dec!(80000), dec!(70000))
    );
    assert_eq!(c[1].status, CheckpointStatus::Upcoming);
    // Seen on Dec 1, the same checkpoint is behind plan (87.5 %).
    let later = jmp::sheet(&p, PlanId(1), d("2026-12-01")).unwrap();
    assert_eq!(later.checkpoints[1].status, CheckpointStatus::Behind);
    assert_eq!(later.checkpoints[1].percent, Some(dec!(87.5)));
    // The report carries the same figures.
    let md = s.markdown();
    assert!(
        md.contains(
            "| **Total** | **$32,000.00** | **$2,000.00** | **$5,500.00** | **$24,500.00** |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| 2026-10-31 | 1/1 | $50,000.00 | $60,000.00 | 120.0% | on track |"),
        "{md}"
    );
    assert!(md.contains("1 campaign without a pipeline target"), "{md}");
}

#[test]
fn linkable_campaigns_are_the_partners_others_in_period_first() {
    let mut p = acme();
    campaign(
        &mut p,
        4,
        CampaignType::Email,
        CampaignStatus::Planned,
        "2027-02-01",
        dec!(1000),
        dec!(0),
    );
    campaign(
        &mut p,
        5,
        CampaignType::Email,
        CampaignStatus::Cancelled,
        "2026-11-01",
        dec!(1000),
        dec!(0),
    );
    campaign(
        &mut p,
        6,
        CampaignType::Email,
        CampaignStatus::Planned,
        "2026-12-20",
        dec!(1000),
        dec!(0),
    );
    let ids: Vec<i64> = jmp::linkable(&p, PlanId(1)).iter().map(|c| c.0).collect();
    assert_eq!(ids, [6, 4]);
}

#[test]
fn readiness_needs_each_of_the_four() {
    let mut p = acme();
    let today = d(TODAY);
    let r = relationship::readiness(&p, PartnerId(1), today);
    let ok: Vec<(ReadinessCheck, bool)> = r.items.iter().map(|i| (i.check, i.ok)).collect();
    // No brand guidelines, no contact; results reported; $8,000 of the fund left.
    assert_eq!(
        ok,
        [
            (ReadinessCheck::BrandGuidelines, false),
            (ReadinessCheck::MarketingContacts, false),
            (ReadinessCheck::PastPerformance, true),
            (ReadinessCheck::AvailableMdf, true),
        ]
    );
    assert_eq!(r.items[3].detail, "$8,000.00 left in 'FY26 MDF'");
    assert_eq!(r.missing(), "Brand guidelines, Marketing contacts");
    if let Some(x) = p.partners.get(PartnerId(1)).cloned() {
        let mut v = x.value.clone();
        v.brand_guidelines_on_file = true;
        p.partners.upsert(Stored::new(x.id, v));
    }
    p.contacts.upsert(Stored::new(
        ContactId(1),
        Contact {
            partner_id: PartnerId(1),
            name: "Ana".into(),
            role: String::new(),
            email: String::new(),
        },
    ));
    assert!(relationship::readiness(&p, PartnerId(1), today).complete());
    // The fund fully committed, or expired: no available MDF.
    let after_fund = relationship::readiness(&p, PartnerId(1), d("2027-01-01"));
    assert!(!after_fund.items[3].ok);
}

#[test]
fn past_performance_pools_the_last_twelve_months_by_type() {
    let mut p = acme();
    // A webinar launched 13 months ago does not count.
    campaign(
        &mut p,
        7,
        CampaignType::Webinar,
        CampaignStatus::Completed,
        "2025-10-20",
        dec!(9000),
        dec!(0),
    );
    results(&mut p, 7, 10, 1, dec!(1000));
    let past = relationship::past_performance(&p, PartnerId(1), d(TODAY));
    assert_eq!(past.since, d("2025-11-22"));
    let by: Vec<_> = past
        .by_type
        .iter()
        .map(|b| {
            (
                b.campaign_type,
                b.campaigns,
                b.cost_per_lead,
                b.lead_to_mql_percent,
                b.pipeline_to_spend,
            )
        })
        .collect();
    // Webinar C1: 5,000 ÷ 120 leads = 41.67 (rounded in display), 36 ÷ 120 = 30 %,
    // 60,000 ÷ 5,000 = 12x. Email C2: 2,000 ÷ 80 = 25, 16 ÷ 80 = 20 %, 5x.
    // C3 launches after today: not counted.
    assert_eq!(by[0].0, Some(CampaignType::Webinar));
    assert_eq!(
        (by[0].1, by[0].3, by[0].4),
        (1, Some(dec!(30)), Some(dec!(12)))
    );
    assert_eq!(by[0].2.map(|x| x.round_dp(2)), Some(dec!(41.67)));
    assert_eq!(
        by[1],
        (
            Some(CampaignType::Email),
            1,
            Some(dec!(25)),
            Some(dec!(20)),
            Some(dec!(5))
        )
    );
    // Total: 7,000 ÷ 200 = 35; 52 ÷ 200 = 26 %; 70,000 ÷ 7,000 = 10x.
    assert_eq!(
        by[2],
        (None, 2, Some(dec!(35)), Some(dec!(26)), Some(dec!(10)))
    );
    assert_eq!(past.best_type, Some(CampaignType::Webinar));
}

#[test]
fn overdue_cadence_and_a_stale_tier_are_partner_findings() {
    use super::guardrails::{Context, Rule, Thresholds, check_partner};
    let mut p = acme();
    p.meetings.upsert(Stored::new(
        MeetingId(1),
        Meeting {
            partner_id: PartnerId(1),
            kind: MeetingKind::CheckIn,
            held_on: d("2026-10-21"),
            progress: String::new(),
            upcoming: String::new(),
            roadblocks: String::new(),
            next_steps: String::new(),
        },
    ));
    let thresholds = Thresholds::default();
    let policies = std::collections::BTreeMap::new();
    let missing = Default::default();
    let rules = |p: &Program, day: &str| -> Vec<Rule> {
        let ctx = Context {
            today: d(day),
            thresholds: &thresholds,
            policies: &policies,
            missing_files: &missing,
            config_file: "the config file",
        };
        let mut r: Vec<Rule> = check_partner(p, PartnerId(1), &ctx)
            .iter()
            .map(|f| f.rule)
            .filter(|r| matches!(r, Rule::P1 | Rule::P2 | Rule::P3))
            .collect();
        r.sort();
        r
    };
    // Check-in Oct 21 → due Nov 21: on time today, overdue tomorrow. No
    // QBR since the Jan 1 agreement: due Apr 1, overdue. Registered with
    // $0 and 0 referrals: the tier is right.
    assert_eq!(rules(&p, TODAY), [Rule::P3]);
    assert_eq!(rules(&p, "2026-11-22"), [Rule::P2, Rule::P3]);
    // Each says where its notes are written: a check-in's with `n`, a
    // QBR's with `Q` in the profile (not `n`, the check-in).
    let ctx = Context {
        today: d("2026-11-22"),
        thresholds: &thresholds,
        policies: &policies,
        missing_files: &missing,
        config_file: "the config file",
    };
    let message = |rule| {
        check_partner(&p, PartnerId(1), &ctx)
            .into_iter()
            .find(|f| f.rule == rule)
            .map(|f| f.message)
            .unwrap()
    };
    assert_eq!(
        message(Rule::P2),
        "Monthly check-in with 'Acme' was due 2026-11-21 (1 day ago; last held 2026-10-21): hold it and record its notes (n on the partner)"
    );
    assert!(
        message(Rule::P3).ends_with("hold it and record its notes (Enter on the partner, then Q)"),
        "{}",
        message(Rule::P3)
    );
    let mut partner = p.partners.get(PartnerId(1)).unwrap().value.clone();
    partner.referrals = 5;
    p.partners
        .upsert(Stored::new(PartnerId(1), partner.clone()));
    assert_eq!(
        rules(&p, TODAY),
        [Rule::P1, Rule::P3],
        "5 referrals earn Silver"
    );
    partner.archived_on = Some(d(TODAY));
    p.partners.upsert(Stored::new(PartnerId(1), partner));
    assert!(rules(&p, "2026-11-22").is_empty(), "archived: not checked");
}

#[test]
fn consent_cannot_be_recorded_as_given_in_the_future() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let mut p = Partner {
        name: "Meridian".into(),
        ..Partner::default()
    };
    p.data_consent_on = Some(today);
    assert_eq!(p.validate_as_of(today), Ok(()));
    p.data_consent_on = NaiveDate::from_ymd_opt(2027, 12, 26);
    let err = p.validate_as_of(today).unwrap_err();
    assert_eq!(err.0[0].field, "data_consent_on");
    assert_eq!(
        err.0[0].message,
        "2027-12-26 is in the future (today is 2026-11-21): record the day consent was given, once it is"
    );
}
