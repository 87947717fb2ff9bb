//! Tests of the reconciliation findings E1–E6 beyond the ones next to
//! their rules in `attribution_tests` (docs/domain.md §15.3–§15.4), and of
//! a campaign's evidence (§15.2). Literals computed by hand.

use super::attribution::Class;
use super::attribution_tests::{C, World, d, rules_of};
use super::campaign::campaign_evidence;
use super::reconcile::beyond_tolerance;
use super::*;
use crate::domain::guardrails::{Rule, Severity};
use crate::domain::ids::{RecordRef, ResultsId, Stored};
use crate::domain::results::{CampaignResults, LeadSource};
use rust_decimal_macros::dec;

#[test]
fn an_unreconciled_lead_is_e2() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let camp = w.campaign(p, "2026-01-01");
    let l3 = w.lead(None, Some(camp), LeadSource::Partner, "2026-05-01");
    w.lead(
        Some(AccountId(999)),
        Some(camp),
        LeadSource::Ours,
        "2026-05-01",
    );
    let f = w.findings();
    assert_eq!(
        rules_of(&f),
        [
            (Rule::E2, Severity::Error, p),
            (Rule::E2, Severity::Error, p)
        ]
    );
    // The finding points at the lead; it stays filed under the campaign.
    assert_eq!(f[0].record, RecordRef::Lead(l3));
    assert_eq!(f[0].campaign_id, Some(camp));
    assert_eq!(
        f[0].message,
        "Lead L3 of 'Webinar 2' names the account 'acme.example', which jmo does not have. \
         Import the accounts, or fix the account in the CRM and import again."
    );
}

#[test]
fn beyond_tolerance_at_its_boundary() {
    let ten = dec!(10);
    assert!(!beyond_tolerance(dec!(110), dec!(100), ten));
    assert!(beyond_tolerance(dec!(110.01), dec!(100), ten));
    assert!(!beyond_tolerance(dec!(90), dec!(100), ten));
    assert!(beyond_tolerance(dec!(89.99), dec!(100), ten));
    assert!(beyond_tolerance(dec!(1), dec!(0), ten));
    assert!(!beyond_tolerance(dec!(0), dec!(0), ten));
}

#[test]
fn a_campaigns_evidence_and_e3_e6() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let camp = w.campaign(p, "2026-01-01");
    let a = w.account();
    let o = w.won(a);
    let other = w.account();
    w.opp(other, C, "2026-09-01", Outcome::Lost, dec!(300)); // not the campaign's
    let l = w.lead(Some(a), Some(camp), LeadSource::Partner, "2026-05-01");
    let mut lead = w.evidence.leads.get(l).unwrap().clone();
    lead.value.mql_on = Some(d("2026-05-05"));
    w.evidence.leads.upsert(lead);
    w.lead(Some(other), Some(camp), LeadSource::Ours, "2026-12-02"); // after today
    let att = w.attribute();
    let ev = campaign_evidence(camp, &w.evidence, &att, &w.scope());
    assert_eq!((ev.leads, ev.mqls), (1, 1));
    // The one lead of today or before is the partner's; the later one of
    // ours does not count yet.
    assert_eq!(ev.lead_sources, [0, 1, 0, 0]);
    let shown = ev.as_results(camp, None);
    assert_eq!(
        (
            shown.leads_ours,
            shown.leads_partner,
            shown.leads_paid,
            shown.leads_organic
        ),
        (Some(0), Some(1), Some(0), Some(0))
    );
    assert_eq!(ev.pipeline.sourced, dec!(1000));
    assert_eq!(ev.won_revenue, dec!(1000));
    assert_eq!(ev.opportunities.len(), 1);
    assert_eq!(
        (ev.opportunities[0].0, ev.opportunities[0].1),
        (o, Class::Sourced)
    );
    let results = CampaignResults {
        leads: Some(1),
        pipeline_sourced: Some(dec!(1100)),
        pipeline_influenced: Some(dec!(50)),
        revenue: Some(dec!(1100.01)),
        ..CampaignResults::empty(camp)
    };
    w.program.results.upsert(Stored::new(ResultsId(1), results));
    let f = w.findings();
    let found: Vec<_> = f.iter().map(|f| f.rule).collect();
    // E3 (no influenced opportunity); E6 on influenced (50 vs 0) and
    // revenue (1100.01 vs 1000); sourced 1100 is exactly 10 % off.
    assert_eq!(found, [Rule::E3, Rule::E6, Rule::E6]);
    // Amounts in the database's currency (USD here).
    assert!(
        f[1].message
            .contains("reports $50.00 influenced pipeline; the evidence shows $0.00"),
        "{}",
        f[1].message
    );
    assert!(
        f[2].message
            .contains("reports $1,100.01 closed-won revenue; the evidence shows $1,000.00"),
        "{}",
        f[2].message
    );
    assert!(
        f[0].message
            .contains("reports $50.00 of influenced pipeline"),
        "{}",
        f[0].message
    );
}

#[test]
fn an_unreconciled_opportunity_is_e2_under_its_registering_partner() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.won(a);
    let orphan = w.won(a);
    w.edit_opp(o, |o| {
        o.account_id = None;
        o.account_ref = "Globex".into();
        o.registered_by = Some(p);
    });
    // No partner to file it under: not reported yet (docs §15.2).
    w.edit_opp(orphan, |o| o.account_id = None);
    let f = w.findings();
    assert_eq!(rules_of(&f), [(Rule::E2, Severity::Error, p)]);
    assert_eq!(f[0].record, RecordRef::Opportunity(o));
    assert_eq!(
        f[0].message,
        "Opportunity 'Deal 3' (O3, $1,000.00) names the account 'Globex', which jmo does not have. \
         Import the accounts, or fix the account in the CRM and import again."
    );
}

#[test]
fn e6_waits_for_the_campaign_to_have_evidence() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let camp = w.campaign(p, "2026-01-01");
    let results = CampaignResults {
        leads: Some(40),
        ..CampaignResults::empty(camp)
    };
    w.program.results.upsert(Stored::new(ResultsId(1), results));
    assert_eq!(w.findings(), []);
    // One lead is evidence: 40 reported against 1 evidenced.
    w.lead(None, Some(camp), LeadSource::Ours, "2026-05-01");
    let rules: Vec<_> = w.findings().iter().map(|f| f.rule).collect();
    assert_eq!(rules, [Rule::E2, Rule::E6]);
}
