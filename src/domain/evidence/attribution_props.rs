//! Property tests of attribution (docs/domain.md §15.2): for random
//! touches, leads, overlap rows and registrations over a few opportunities
//! and partners, each (opportunity, partner) has at most one credit, each
//! opportunity at most one sourced credit, no credit rests on evidence
//! dated after E (T1), no program class total exceeds
//! the sum of the amounts, and a partner's totals are the sum of its
//! credits' amounts.

use super::attribution::Class;
use super::attribution_tests::{World, d};
use super::*;
use crate::domain::dates::shift;
use crate::domain::results::LeadSource;
use proptest::prelude::*;
use std::collections::BTreeSet;

const KINDS: [TouchKind; 5] = [
    TouchKind::DealRegistration,
    TouchKind::Referral,
    TouchKind::Introduction,
    TouchKind::CoSellingMeeting,
    TouchKind::CampaignResponse,
];

/// (account, created offset, length, outcome, amount cents, registered by?)
type OppSpec = (usize, i64, i64, usize, i64, Option<usize>);

fn opp_spec() -> impl Strategy<Value = OppSpec> {
    (
        0..2usize,
        0..120i64,
        0..120i64,
        0..3usize,
        0..1_000_000i64,
        proptest::option::of(0..3usize),
    )
}

proptest! {
    #[test]
    fn credits_are_one_per_partner_and_the_dollars_add_up(
        opps in proptest::collection::vec(opp_spec(), 1..4),
        // (partner, account, opportunity?, day offset, kind)
        touches in proptest::collection::vec(
            (0..3usize, 0..2usize, proptest::option::of(0..3usize), -150..300i64, 0..5usize),
            0..12,
        ),
        // (account, campaign?, source, day offset)
        leads in proptest::collection::vec(
            (0..2usize, proptest::option::of(0..3usize), 0..4usize, -150..300i64),
            0..8,
        ),
        // (partner, account, day offset, excluded)
        overlaps in proptest::collection::vec((0..3usize, 0..2usize, -150..300i64, any::<bool>()), 0..5),
        agreement in proptest::option::of((-100..100i64, 100..300i64)),
        today in 0..300i64,
    ) {
        let base = d("2026-01-01");
        let day = |n: i64| shift(base, n).format("%Y-%m-%d").to_string();
        let mut w = World::new();
        w.today = shift(base, today);
        let partners: Vec<PartnerId> =
            ["Northwind", "Southwind", "Eastwind"].iter().map(|n| w.partner(n)).collect();
        if let Some((s, e)) = agreement {
            let mut p = w.program.partners.get(partners[0]).unwrap().clone();
            p.value.agreement_start = Some(shift(base, s));
            p.value.agreement_end = Some(shift(base, e));
            w.program.partners.upsert(p);
        }
        let campaigns: Vec<CampaignId> = partners
            .iter()
            .enumerate()
            .map(|(i, p)| w.campaign(*p, &day(i as i64 * 40)))
            .collect();
        let accounts = [w.account(), w.account()];
        let mut ids = Vec::new();
        for (acc, created, len, outcome, cents, reg) in &opps {
            let outcome = [Outcome::Open, Outcome::Won, Outcome::Lost][*outcome];
            let o = w.opp(accounts[*acc], &day(*created), &day(created + len), outcome,
                Decimal::new(*cents, 2));
            w.edit_opp(o, |o| o.registered_by = reg.map(|r| partners[r]));
            ids.push(o);
        }
        for (p, acc, opp, on, kind) in &touches {
            let opp = opp.and_then(|i| ids.get(i).copied());
            w.touch_on(partners[*p], Some(accounts[*acc]), opp, &day(*on), KINDS[*kind]);
        }
        for (acc, camp, source, on) in &leads {
            w.lead(Some(accounts[*acc]), camp.map(|c| campaigns[c]), LeadSource::ALL[*source],
                &day(*on));
        }
        for (p, acc, on, excluded) in &overlaps {
            w.overlap(partners[*p], accounts[*acc], &day(*on), *excluded);
        }

        let att = w.attribute();
        let mut sum = Decimal::ZERO;
        for o in att.opportunities.values() {
            sum += o.amount;
            let credited: BTreeSet<_> = o.credits.iter().map(|c| c.partner).collect();
            prop_assert_eq!(credited.len(), o.credits.len());
            let sourced = o.credits.iter().filter(|c| c.class == Class::Sourced).count();
            prop_assert!(sourced <= 1);
            // T1: no credit rests on evidence after E; sourcing is on or before C.
            let opp = w.evidence.opportunities.get(o.opportunity).unwrap();
            for c in &o.credits {
                prop_assert!(c.evidence_on <= opp.last_counting_day(w.today));
                if c.class == Class::Sourced {
                    prop_assert!(c.evidence_on <= opp.created_on);
                }
            }
        }
        let program = att.program_totals();
        for class in Class::ALL {
            prop_assert!(program.pipeline.get(*class) <= sum);
            prop_assert!(program.won.get(*class) <= program.pipeline.get(*class));
        }
        for p in &partners {
            let totals = att.partner_totals(*p);
            for class in Class::ALL {
                let expected: Decimal = att
                    .credits()
                    .filter(|c| c.partner == *p && c.class == *class)
                    .map(|c| att.opportunities[&c.opportunity].amount)
                    .sum();
                prop_assert_eq!(totals.pipeline.get(*class), expected);
            }
        }
        // Building the index once gives what one opportunity at a time gives.
        for id in &ids {
            let one = attribution::attribute_opportunity(*id, &w.evidence, &w.scope()).unwrap();
            prop_assert_eq!(&one, &att.opportunities[id]);
        }
    }
}
