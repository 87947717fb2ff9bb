//! An account's journey (docs/domain.md §15.5): every step in date order,
//! each on its side, with the classes of its opportunities.

use super::attribution_tests::{C, World, d};
use super::journey::{Side, Step, journey};
use super::*;
use crate::domain::Currency;
use crate::domain::results::LeadSource;

#[test]
fn the_journey_lists_both_sides_in_date_order_with_the_classes() {
    let mut w = World::new();
    let northwind = w.partner("Northwind");
    let contoso = w.partner("Contoso");
    let webinar = w.campaign(northwind, "2026-04-01");
    let acme = w.account();
    let other = w.account();
    let deal = w.won(acme); // created C = 2026-06-01, won 2026-09-01, $1,000
    w.touch(northwind, acme, "2026-05-02", TouchKind::Referral);
    w.touch_on(
        contoso,
        None,
        Some(deal),
        "2026-07-10",
        TouchKind::CoSellingMeeting,
    );
    let lead = w.lead(Some(acme), Some(webinar), LeadSource::Partner, "2026-05-20");
    w.lead(Some(acme), None, LeadSource::Paid, "2026-05-25");
    w.overlap(contoso, acme, "2026-12-15", false); // after today: planned
    // On another account: not in this journey.
    w.touch(northwind, other, "2026-05-03", TouchKind::Introduction);
    let mut l = w.evidence.leads.get(lead).unwrap().clone();
    l.value.mql_on = Some(d("2026-05-22"));
    w.evidence.leads.upsert(l);

    let attribution = w.attribute();
    let steps = journey(
        acme,
        &w.evidence,
        &attribution,
        &w.scope(),
        Currency::default(),
    );
    let lines: Vec<(String, Side, &str, bool)> = steps
        .iter()
        .map(|s| (s.on.to_string(), s.side, s.what.as_str(), s.counts))
        .collect();
    let webinar_name = format!("Webinar {}", webinar.0);
    assert_eq!(
        lines,
        vec![
            (
                "2026-05-02".into(),
                Side::Partner(northwind),
                "Northwind: referral",
                true
            ),
            (
                "2026-05-20".into(),
                Side::Partner(northwind),
                &*format!(
                    "Lead L{} from the partner's promotion ({webinar_name})",
                    lead.0
                ),
                true
            ),
            (
                "2026-05-22".into(),
                Side::Partner(northwind),
                &*format!("Lead L{} became an MQL", lead.0),
                true
            ),
            (
                "2026-05-25".into(),
                Side::Ours,
                &*format!("Lead L{} from paid ads", lead.0 + 1),
                true
            ),
            (
                C.into(),
                Side::Ours,
                &*format!(
                    "Opportunity Deal {} created: $1,000.00; Northwind sourced, Contoso assisted",
                    deal.0
                ),
                true
            ),
            (
                "2026-07-10".into(),
                Side::Partner(contoso),
                &*format!("Contoso: co-selling meeting on Deal {}", deal.0),
                true
            ),
            (
                "2026-09-01".into(),
                Side::Ours,
                &*format!("Opportunity Deal {} closed won", deal.0),
                true
            ),
            (
                "2026-12-15".into(),
                Side::Partner(contoso),
                "Contoso's overlap snapshot: prospect",
                false
            ),
        ]
    );
    assert_eq!(steps[4].step, Step::Created(deal));
    assert_eq!(steps[6].step, Step::Closed(deal));
}

#[test]
fn a_touch_outside_the_agreement_is_listed_but_does_not_count() {
    let mut w = World::new();
    let northwind = w.partner("Northwind");
    let mut p = w.program.partners.get(northwind).unwrap().clone();
    p.value.agreement_start = Some(d("2026-05-01"));
    w.program.partners.upsert(p);
    let acme = w.account();
    w.touch(northwind, acme, "2026-04-30", TouchKind::Introduction);
    w.touch(northwind, acme, "2026-05-01", TouchKind::Introduction);
    let attribution = w.attribute();
    let counts: Vec<bool> = journey(
        acme,
        &w.evidence,
        &attribution,
        &w.scope(),
        Currency::default(),
    )
    .iter()
    .map(|s| s.counts)
    .collect();
    assert_eq!(counts, vec![false, true]);
}

#[test]
fn an_unknown_account_has_no_journey() {
    let w = World::new();
    let attribution = w.attribute();
    assert!(
        journey(
            AccountId(99),
            &w.evidence,
            &attribution,
            &w.scope(),
            Currency::default()
        )
        .is_empty()
    );
}
