//! Tests of the program dashboard (docs/domain.md §9, §15.3).

use super::*;
use crate::domain::ids::{FundId, ResultsId};
use crate::domain::mdf::Fund;
use crate::domain::partner::{Partner, PartnershipType, Tier};
use rust_decimal_macros::dec;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn partner(p: &mut Program, id: i64, name: &str) {
    p.partners.upsert(Stored::new(
        PartnerId(id),
        Partner {
            name: name.into(),
            partnership_type: PartnershipType::Technology,
            tier: Tier::Gold,
            brand_guidelines_on_file: true,
            data_consent_on: None,
            notes: String::new(),
            agreement_start: None,
            agreement_end: None,
            ..Partner::default()
        },
    ));
}

/// Leads, MQLs, sourced pipeline, revenue, (our reach, partner reach).
type Reported = (i64, i64, Decimal, Decimal, (i64, i64));

#[allow(clippy::too_many_arguments)]
fn campaign(
    p: &mut Program,
    id: i64,
    partner: i64,
    t: CampaignType,
    status: CampaignStatus,
    launch: &str,
    cost: Decimal,
    results: Option<Reported>,
) {
    p.campaigns.upsert(Stored::new(
        CampaignId(id),
        Campaign {
            partner_id: PartnerId(partner),
            name: format!("C{id}"),
            campaign_type: t,
            playbook: None,
            status,
            audience: String::new(),
            start: d(launch) - chrono::Days::new(28),
            launch: d(launch),
            end: d(launch) + chrono::Days::new(7),
            budget: cost,
            internal_cost: Decimal::ZERO,
            lead_target: None,
            crm_id: None,
            attribution_agreed: true,
            uses_partner_data: false,
        },
    ));
    if let Some((leads, mqls, pipeline, revenue, (ours, theirs))) = results {
        p.results.upsert(Stored::new(
            ResultsId(id),
            CampaignResults {
                campaign_id: CampaignId(id),
                leads: Some(leads),
                mqls: Some(mqls),
                pipeline_sourced: Some(pipeline),
                pipeline_influenced: Some(pipeline / dec!(2)),
                revenue: Some(revenue),
                reach_ours: Some(ours),
                reach_partner: Some(theirs),
                ..CampaignResults::default()
            },
        ));
    }
}

/// Two partners; FY2026 = calendar 2026 (January start).
/// - C1 Acme webinar, completed, launched 2026-02-10, cost $10,000:
///   200 leads, 60 MQLs, $300,000 pipeline, $60,000 revenue, reach 10,000 / 6,000.
/// - C2 Acme webinar, completed, launched 2026-02-20, cost $5,000:
///   100 leads, 20 MQLs, $100,000 pipeline, $10,000 revenue, reach 4,000 / 1,000.
/// - C3 Bolt digital ads, live, launched 2026-05-01, cost $20,000:
///   400 leads, 100 MQLs, $200,000 pipeline, $0 revenue, reach 20,000 / 13,000.
/// - C4 Bolt webinar, planned for 2026-12-01 (after today): not counted.
/// - C5 Acme webinar, cancelled, launched 2026-03-01: not counted.
/// - C6 Acme webinar, completed, launched 2025-12-15 (FY2025): not counted.
fn example() -> Program {
    let mut p = Program::default();
    partner(&mut p, 1, "Acme");
    partner(&mut p, 2, "Bolt");
    use CampaignStatus::*;
    use CampaignType::*;
    let r =
        |l, m, pl: i64, rev: i64, reach| Some((l, m, Decimal::from(pl), Decimal::from(rev), reach));
    campaign(
        &mut p,
        1,
        1,
        Webinar,
        Completed,
        "2026-02-10",
        dec!(10000),
        r(200, 60, 300_000, 60_000, (10_000, 6_000)),
    );
    campaign(
        &mut p,
        2,
        1,
        Webinar,
        Completed,
        "2026-02-20",
        dec!(5000),
        r(100, 20, 100_000, 10_000, (4_000, 1_000)),
    );
    campaign(
        &mut p,
        3,
        2,
        DigitalAds,
        Live,
        "2026-05-01",
        dec!(20000),
        r(400, 100, 200_000, 0, (20_000, 13_000)),
    );
    campaign(
        &mut p,
        4,
        2,
        Webinar,
        Planned,
        "2026-12-01",
        dec!(3000),
        None,
    );
    campaign(
        &mut p,
        5,
        1,
        Webinar,
        Cancelled,
        "2026-03-01",
        dec!(3000),
        r(1, 1, 1, 1, (1, 1)),
    );
    campaign(
        &mut p,
        6,
        1,
        Webinar,
        Completed,
        "2025-12-15",
        dec!(3000),
        r(1, 1, 1, 1, (1, 1)),
    );
    // Acme's fund: $20,000 allocated, nothing claimed.
    p.funds.upsert(Stored::new(
        FundId(1),
        Fund {
            partner_id: PartnerId(1),
            name: "H1".into(),
            period_start: d("2026-01-01"),
            period_end: d("2026-06-30"),
            allocated: dec!(20000),
            policy: "default".into(),
        },
    ));
    p
}

#[test]
fn fiscal_years_are_named_by_the_year_they_end_in() {
    let fy = FiscalYear::new(2027, 2).unwrap();
    assert_eq!((fy.start, fy.end), (d("2026-02-01"), d("2027-01-31")));
    assert_eq!(FiscalYear::containing(d("2026-02-01"), 2), Some(fy));
    assert_eq!(FiscalYear::containing(d("2027-01-31"), 2), Some(fy));
    assert_eq!(
        FiscalYear::containing(d("2026-01-31"), 2).unwrap().year,
        2026
    );
    let cal = FiscalYear::new(2026, 1).unwrap();
    assert_eq!((cal.start, cal.end), (d("2026-01-01"), d("2026-12-31")));
    assert_eq!(cal.label(), "FY2026");
    assert_eq!(cal.months().len(), 12);
    assert_eq!(cal.months()[11], d("2026-12-01"));
}

#[test]
fn worked_example_pools_the_years_campaigns() {
    let p = example();
    let year = FiscalYear::new(2026, 1).unwrap();
    let goals = ProgramTargets::default();
    let dash = dashboard(&p, year, &goals, &BTreeMap::new(), d("2026-11-21"), None);
    assert_eq!(
        dash.campaigns,
        vec![CampaignId(1), CampaignId(2), CampaignId(3)]
    );
    let g = |k| dash.gauges.iter().find(|g| g.key == k).unwrap();
    // 300,000 + 100,000 + 200,000.
    assert_eq!(g("sourced_pipeline").value, Some(dec!(600000)));
    assert_eq!(g("sourced_pipeline").percent_of_target(), Some(dec!(30)));
    assert_eq!(g("sourced_pipeline").met(), Some(false));
    // Completed only: (60,000 + 10,000) / (10,000 + 5,000) = 4.666…x.
    let roi = g("roi_multiple").value.unwrap();
    assert_eq!(crate::domain::money::round_to(roi, 4), dec!(4.6667));
    assert!(
        g("roi_multiple")
            .basis
            .starts_with("revenue ÷ cost of 2 campaigns")
    );
    // (60 + 20 + 100) / (200 + 100 + 400) = 180 / 700 = 25.71%.
    let l2m = g("lead_to_mql").value.unwrap();
    assert_eq!(crate::domain::money::round_to(l2m, 2), dec!(25.71));
    // (6,000 + 1,000 + 13,000) / (10,000 + 4,000 + 20,000) = 58.82%: met.
    let eng = g("promotion_engagement").value.unwrap();
    assert_eq!(crate::domain::money::round_to(eng, 2), dec!(58.82));
    assert_eq!(g("promotion_engagement").met(), Some(true));
    // $0 claimed of $20,000.
    assert_eq!(g("mdf_utilization").value, Some(dec!(0)));
    // Pipeline by launch month: February 400,000 sourced, May 200,000.
    let feb = dash.pipeline_by_month[1];
    assert_eq!((feb.sourced, feb.influenced), (dec!(400000), dec!(200000)));
    assert_eq!(dash.pipeline_by_month[4].sourced, dec!(200000));
    assert_eq!(dash.pipeline_by_month[0].sourced, dec!(0));
    // By type: webinars cost 15,000 for 300 leads = $50 a lead, 80 MQLs
    // = $187.50 an MQL, 400,000 / 15,000 = 26.67x pipeline.
    let web = &dash.by_type[0];
    assert_eq!(web.campaign_type, Some(CampaignType::Webinar));
    assert_eq!((web.campaigns, web.leads, web.mqls), (2, 300, 80));
    assert_eq!(web.cost_per_lead, Some(dec!(50)));
    assert_eq!(web.cost_per_mql, Some(dec!(187.5)));
    let ads = &dash.by_type[1];
    assert_eq!(ads.cost_per_lead, Some(dec!(50)));
    assert_eq!(ads.pipeline_to_spend, Some(dec!(10)));
    let total = dash.by_type.last().unwrap();
    assert_eq!((total.campaign_type, total.campaigns), (None, 3));
    assert_eq!(total.total_cost, dec!(35000));
    // Partner × type.
    let pairs: Vec<(Option<&str>, Option<CampaignType>, usize)> = dash
        .by_partner_type
        .iter()
        .map(|b| (b.partner.as_deref(), b.campaign_type, b.campaigns))
        .collect();
    assert_eq!(
        pairs,
        vec![
            (Some("Acme"), Some(CampaignType::Webinar), 2),
            (Some("Bolt"), Some(CampaignType::DigitalAds), 1),
        ]
    );
    assert_eq!(dash.without_results, 0);
    assert_eq!(
        dash.figures,
        Figures {
            basis: Basis::Reported,
            evidenced: 0,
            campaigns: 3
        }
    );
    assert_eq!(dash.figures.describe(), "reported (as typed)");
}

#[test]
fn an_empty_year_is_na_not_zero() {
    let p = example();
    let year = FiscalYear::new(2030, 1).unwrap();
    let dash = dashboard(
        &p,
        year,
        &ProgramTargets::default(),
        &BTreeMap::new(),
        d("2030-06-01"),
        None,
    );
    assert!(
        dash.gauges.iter().all(|g| g.value.is_none()),
        "{:?}",
        dash.gauges
    );
    assert!(dash.by_type.is_empty());
    assert!(dash.pipeline_by_month.iter().all(|m| m.sourced.is_zero()));
}

/// The example with evidenced figures for C1 (and for C6, not in the
/// year): the CRM supports $500,000 sourced (reported $300,000), none
/// influenced (reported $150,000), 80 MQLs of 200 leads (reported 60)
/// and $90,000 won (reported $60,000). C2 and C3 keep their reported
/// figures.
#[test]
fn evidenced_figures_replace_the_reported_ones_where_there_are_some() {
    let p = example();
    let year = FiscalYear::new(2026, 1).unwrap();
    let goals = ProgramTargets::default();
    let reported = |id| p.results_of(CampaignId(id)).unwrap().value.clone();
    let c1 = CampaignResults {
        mqls: Some(80),
        pipeline_sourced: Some(dec!(500000)),
        pipeline_influenced: Some(dec!(0)),
        revenue: Some(dec!(90000)),
        ..reported(1)
    };
    let c6 = CampaignResults {
        pipeline_sourced: Some(dec!(999999)),
        ..reported(6)
    };
    let evidenced = BTreeMap::from([(CampaignId(1), c1), (CampaignId(6), c6)]);
    let today = d("2026-11-21");
    let dash = dashboard(&p, year, &goals, &BTreeMap::new(), today, Some(&evidenced));
    let g = |k| dash.gauges.iter().find(|g| g.key == k).unwrap();
    // 500,000 + 100,000 + 200,000 = 800,000: 40% of the $2,000,000 target
    // (30% on the reported figures).
    assert_eq!(g("sourced_pipeline").value, Some(dec!(800000)));
    assert_eq!(g("sourced_pipeline").percent_of_target(), Some(dec!(40)));
    // (90,000 + 10,000) / 15,000 = 6.6667x (4.6667x reported).
    let roi = g("roi_multiple").value.unwrap();
    assert_eq!(crate::domain::money::round_to(roi, 4), dec!(6.6667));
    // (80 + 20 + 100) / 700 = 28.57% (25.71% reported).
    let l2m = g("lead_to_mql").value.unwrap();
    assert_eq!(crate::domain::money::round_to(l2m, 2), dec!(28.57));
    // February: 500,000 + 100,000 sourced; 0 + 50,000 influenced.
    let feb = dash.pipeline_by_month[1];
    assert_eq!((feb.sourced, feb.influenced), (dec!(600000), dec!(50000)));
    // Webinars: 15,000 for 100 MQLs = $150 an MQL (187.50 reported).
    assert_eq!(dash.by_type[0].cost_per_mql, Some(dec!(150)));
    // C6 is not one of the year's: one campaign of three is evidenced.
    assert_eq!(
        dash.figures,
        Figures {
            basis: Basis::Evidenced,
            evidenced: 1,
            campaigns: 3
        }
    );
    assert_eq!(
        dash.figures.describe(),
        "evidenced where the CRM supports it (1 of 3 campaigns), reported for the rest"
    );
    // The evidenced basis without evidence: the reported numbers, said so.
    let none = dashboard(
        &p,
        year,
        &goals,
        &BTreeMap::new(),
        today,
        Some(&BTreeMap::new()),
    );
    let reported = dashboard(&p, year, &goals, &BTreeMap::new(), today, None);
    assert_eq!(none.gauges, reported.gauges);
    assert_eq!(
        none.figures.describe(),
        "reported: no CRM evidence for the year's campaigns"
    );
}
