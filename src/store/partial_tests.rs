//! The reads of one partner and the cheap look-ups (issue 13, item 3).

use super::tests::{campaign, d, partner};
use super::*;
use crate::domain::guardrails::{self, Context, Thresholds};
use crate::domain::mdf::{ActivityType, Policy};
use crate::domain::program::Program;
use rust_decimal_macros::dec;
use std::collections::BTreeMap;

/// Two partners, Acme (two campaigns, one fund, a request with a claim
/// and an expense, results, a contact, a meeting, a plan) and Globex (one
/// campaign, one fund, a plan); then, as only an old import could leave
/// them, three links across: Acme's request names Globex's fund, Globex's
/// expense names Acme's request, Globex's plan lists Acme's campaign.
struct World {
    store: Store,
    acme: PartnerId,
    globex: PartnerId,
    webinar: CampaignId,
    request: RequestId,
    claim: ClaimId,
    globex_fund: FundId,
    globex_expense: ExpenseId,
    globex_entry: PlanEntryId,
}

fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let ids = store
        .edit("Seed", |tx| {
            let acme = tx.insert(&partner("Acme"))?;
            let globex = tx.insert(&partner("Globex"))?;
            let webinar = tx.insert(&campaign(acme))?;
            let mut second = campaign(acme);
            second.name = "  Spring EVENT ".into();
            let spring = tx.insert(&second)?;
            let mut theirs = campaign(globex);
            theirs.name = "Globex launch".into();
            let launch = tx.insert(&theirs)?;
            let fund = |partner_id| Fund {
                partner_id,
                name: "FY26 MDF".into(),
                period_start: d("2026-01-01"),
                period_end: d("2026-12-31"),
                allocated: dec!(10000),
                policy: "default".into(),
            };
            let acme_fund = tx.insert(&fund(acme))?;
            let globex_fund = tx.insert(&fund(globex))?;
            let request = tx.insert(&MdfRequest {
                campaign_id: webinar,
                fund_id: Some(acme_fund),
                activity: ActivityType::Webinar,
                amount: dec!(2000),
                approved_amount: Some(dec!(2000)),
                status: RequestStatus::Approved,
                submitted_on: Some(d("2026-02-01")),
                decided_on: Some(d("2026-02-05")),
                justification: "Leads".into(),
                expected_roi: None,
                proof_required: String::new(),
                reason: None,
            })?;
            let claim = tx.insert(&Claim {
                request_id: request,
                amount: dec!(1000),
                status: ClaimStatus::Submitted,
                submitted_on: Some(d("2026-05-01")),
                paid_on: None,
                paid_amount: None,
                note: String::new(),
            })?;
            let expense = |campaign_id, request_id| Expense {
                campaign_id,
                request_id,
                category: "venue".into(),
                amount: dec!(900),
                spent_on: d("2026-04-14"),
                vendor: "Hall".into(),
                invoice_ref: "INV-1".into(),
                proof: "invoice scan: https://files.example/inv.pdf".into(),
                withdrawn: None,
            };
            tx.insert(&expense(webinar, Some(request)))?;
            let globex_expense = tx.insert(&expense(launch, None))?;
            tx.insert(&CampaignResults {
                leads: Some(120),
                ..CampaignResults::empty(webinar)
            })?;
            tx.insert(&Contact {
                partner_id: acme,
                name: "Ann".into(),
                role: "Marketing".into(),
                email: "ann@acme.example".into(),
            })?;
            let plan = |partner_id| JointPlan {
                partner_id,
                period: Period::parse("2026").unwrap(),
                objective: "Grow".into(),
                notes: String::new(),
            };
            let acme_plan = tx.insert(&plan(acme))?;
            let globex_plan = tx.insert(&plan(globex))?;
            tx.insert(&PlanEntry {
                plan_id: acme_plan,
                campaign_id: spring,
                pipeline_target: None,
                partner_investment: dec!(0),
            })?;
            let globex_entry = tx.insert(&PlanEntry {
                plan_id: globex_plan,
                campaign_id: launch,
                pipeline_target: None,
                partner_investment: dec!(0),
            })?;
            Ok((
                acme,
                globex,
                webinar,
                request,
                claim,
                globex_fund,
                globex_expense,
                globex_entry,
            ))
        })
        .unwrap()
        .value;
    let (acme, globex, webinar, request, claim, globex_fund, globex_expense, globex_entry) = ids;
    // The links across partners, as only an old import could leave them.
    let conn = store.conn();
    conn.execute(
        "UPDATE mdf_requests SET fund_id = ?1 WHERE id = ?2",
        [globex_fund.0, request.0],
    )
    .unwrap();
    conn.execute(
        "UPDATE expenses SET request_id = ?1 WHERE id = ?2",
        [request.0, globex_expense.0],
    )
    .unwrap();
    conn.execute(
        "UPDATE plan_entries SET campaign_id = ?1 WHERE id = ?2",
        [webinar.0, globex_entry.0],
    )
    .unwrap();
    World {
        store,
        acme,
        globex,
        webinar,
        request,
        claim,
        globex_fund,
        globex_expense,
        globex_entry,
    }
}

fn ids<T: Record>(table: &program::Table<T>) -> Vec<T::Id> {
    table.iter().map(|r| r.id).collect()
}

#[test]
fn load_partner_reads_one_partner_and_what_its_records_link_to() {
    let w = world();
    let all = w.store.load_program().unwrap();
    let p = w.store.load_partner(w.acme).unwrap();
    assert_eq!(ids(&p.partners), vec![w.acme]);
    assert_eq!(ids(&p.campaigns), ids(&all.campaigns)[..2].to_vec());
    assert_eq!(p.milestones.len(), 0);
    assert_eq!(p.responsibilities.len(), 0);
    assert_eq!(ids(&p.requests), vec![w.request]);
    assert_eq!(ids(&p.claims), vec![w.claim]);
    assert_eq!(p.results.len(), 1);
    assert_eq!(p.contacts.len(), 1);
    assert_eq!(p.plans.len(), 1);
    // Its own fund and Globex's, which its request names.
    assert_eq!(p.funds.len(), 2);
    assert!(p.funds.get(w.globex_fund).is_some());
    // Its expense and Globex's naming its request; Globex's plan entry
    // listing its campaign besides its own plan's.
    assert_eq!(p.expenses.len(), 2);
    assert!(p.expenses.get(w.globex_expense).is_some());
    assert_eq!(p.plan_entries.len(), 2);
    assert!(p.plan_entries.get(w.globex_entry).is_some());
    assert_eq!(p.currency, all.currency);
    // Globex sees its own records: no Acme request, claim or campaign.
    let g = w.store.load_partner(w.globex).unwrap();
    assert_eq!(ids(&g.partners), vec![w.globex]);
    assert_eq!(g.campaigns.len(), 1);
    assert!(g.requests.is_empty() && g.claims.is_empty());
    // An unknown partner: nothing.
    assert!(
        w.store
            .load_partner(PartnerId(99))
            .unwrap()
            .partners
            .is_empty()
    );
}

#[test]
fn load_partners_reads_a_range_of_partners_at_once() {
    let w = world();
    let both = w.store.load_partners(w.acme, w.globex).unwrap();
    let all = w.store.load_program().unwrap();
    assert_eq!(ids(&both.partners), ids(&all.partners));
    assert_eq!(ids(&both.campaigns), ids(&all.campaigns));
    assert_eq!(ids(&both.expenses), ids(&all.expenses));
    assert_eq!(ids(&both.plan_entries), ids(&all.plan_entries));
    let only = w.store.load_partners(w.globex, w.globex).unwrap();
    assert_eq!(ids(&only.partners), vec![w.globex]);
}

#[test]
fn one_partner_s_findings_and_consent_are_those_of_the_whole_program() {
    let w = world();
    let all = w.store.load_program().unwrap();
    let policies: BTreeMap<String, Policy> = BTreeMap::new();
    let missing = Default::default();
    let ctx = Context {
        today: d("2026-06-30"),
        thresholds: &Thresholds::default(),
        policies: &policies,
        missing_files: &missing,
        config_file: "the config file",
    };
    for id in w.store.partner_ids().unwrap() {
        let one = w.store.load_partner(id).unwrap();
        let want = guardrails::check_partner(&all, id, &ctx);
        assert!(!want.is_empty());
        assert_eq!(guardrails::check_partner(&one, id, &ctx), want);
        assert_eq!(
            crate::domain::consent::withheld_of(&one, id),
            crate::domain::consent::withheld_of(&all, id)
        );
        for c in one.campaigns.iter() {
            assert_eq!(one.mdf_summary(c.id), all.mdf_summary(c.id));
        }
    }
    let one: Program = w.store.load_partner(w.acme).unwrap();
    assert_eq!(
        one.claim_window(w.request, &policies),
        all.claim_window(w.request, &policies)
    );
}

#[test]
fn partner_ids_are_every_partner_in_id_order() {
    let w = world();
    assert_eq!(w.store.partner_ids().unwrap(), vec![w.acme, w.globex]);
    let empty = Store::open_in_memory().unwrap();
    assert!(empty.partner_ids().unwrap().is_empty());
}

#[test]
fn partner_of_finds_the_partner_of_a_campaign_request_or_claim() {
    let w = world();
    let s = &w.store;
    assert_eq!(
        s.partner_of(RecordRef::Campaign(w.webinar)).unwrap(),
        Some(w.acme)
    );
    assert_eq!(
        s.partner_of(RecordRef::Request(w.request)).unwrap(),
        Some(w.acme)
    );
    assert_eq!(
        s.partner_of(RecordRef::Claim(w.claim)).unwrap(),
        Some(w.acme)
    );
    assert_eq!(
        s.partner_of(RecordRef::Fund(w.globex_fund)).unwrap(),
        Some(w.globex)
    );
    // Globex's expense is on Globex's campaign, whatever request it names.
    assert_eq!(
        s.partner_of(RecordRef::Expense(w.globex_expense)).unwrap(),
        Some(w.globex)
    );
    assert_eq!(
        s.partner_of(RecordRef::PlanEntry(w.globex_entry)).unwrap(),
        Some(w.globex)
    );
    assert_eq!(
        s.partner_of(RecordRef::Partner(w.globex)).unwrap(),
        Some(w.globex)
    );
    assert_eq!(
        s.partner_of(RecordRef::Campaign(CampaignId(99))).unwrap(),
        None
    );
    assert_eq!(s.partner_of(RecordRef::Claim(ClaimId(99))).unwrap(), None);
}

#[test]
fn find_campaign_resolves_one_campaign_as_the_commands_do() {
    let w = world();
    let s = &w.store;
    let all = s.load_program().unwrap();
    let spring = ids(&all.campaigns)[1];
    assert_eq!(s.find_campaign("q1 webinar").unwrap(), Some(w.webinar));
    // Case and surrounding spaces, on both sides, do not count.
    assert_eq!(s.find_campaign(" spring event").unwrap(), Some(spring));
    assert_eq!(
        s.find_campaign(&format!("Campaign: {}", w.webinar))
            .unwrap(),
        Some(w.webinar)
    );
    // What the whole read would refuse: the caller reads it for the message.
    assert_eq!(s.find_campaign("campaign:99").unwrap(), None);
    assert_eq!(s.find_campaign("campaign:x").unwrap(), None);
    assert_eq!(
        s.find_campaign("webinar").unwrap(),
        None,
        "no partial names"
    );
    let mut s2 = world().store;
    s2.edit("Twin", |tx| {
        let mut twin = campaign(PartnerId(2));
        twin.name = "Q1 WEBINAR".into();
        tx.insert(&twin)
    })
    .unwrap();
    assert_eq!(s2.find_campaign("Q1 Webinar").unwrap(), None, "ambiguous");
    // Each agrees with the whole-program resolver.
    for text in ["q1 webinar", " spring event", "campaign:1", "Globex launch"] {
        assert_eq!(
            s.find_campaign(text).unwrap(),
            crate::domain::packet::resolve_campaign(&all, text).ok()
        );
    }
}

#[test]
fn find_request_reads_r12_request_12_and_12() {
    let w = world();
    let s = &w.store;
    let n = w.request.0;
    for text in [
        format!("R{n}"),
        format!("request:{n}"),
        format!("{n}"),
        format!(" r{n} "),
    ] {
        assert_eq!(s.find_request(&text).unwrap(), Some(w.request), "{text}");
    }
    assert_eq!(s.find_request("R99").unwrap(), None);
    assert_eq!(s.find_request("request:x").unwrap(), None);
    assert_eq!(s.find_request("Q1 Webinar").unwrap(), None);
}

#[test]
fn a_read_transaction_sees_one_state_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.db");
    let mut writer = Store::open(&path).unwrap();
    writer
        .edit("Seed", |tx| tx.insert(&partner("Acme")))
        .unwrap();
    let reader = Store::open(&path).unwrap();
    let seen = reader
        .in_read_transaction(|| {
            let before = reader.partner_ids()?;
            writer
                .edit("Another", |tx| tx.insert(&partner("Globex")))
                .unwrap();
            Ok((before, reader.partner_ids()?))
        })
        .unwrap();
    assert_eq!(seen.0, seen.1, "the second query sees what the first saw");
    assert_eq!(
        reader.partner_ids().unwrap().len(),
        2,
        "after it, the new one"
    );
}

/// Stored dates are read digit by digit when written `YYYY-MM-DD`, and
/// through chrono's parser otherwise: either way, what chrono's
/// `%Y-%m-%d` reads (or refuses) is what a stored date reads as.
#[test]
fn a_stored_date_reads_as_chrono_reads_it() {
    let chrono = |t: &str| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").ok();
    let mut day = d("1999-12-01");
    while day < d("2001-03-31") {
        let t = day.format("%Y-%m-%d").to_string();
        assert_eq!(rows::stored_date(&t), Some(day), "{t}");
        day = day.succ_opt().unwrap();
    }
    for t in [
        "2026-02-29",
        "2024-02-29",
        "2026-02-30",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "2026-01-00",
        "0000-01-01",
        "9999-12-31",
        "2026-1-5",
        "2026-01-5",
        "+2026-01-01",
        " 2026-01-01",
        "2026-01-01 ",
        "2026/01/01",
        "abcd-ef-gh",
        "",
        "2026-01-0a",
        "20260101xx",
        "2026-01-01T00",
        "-001-01-01",
        "12026-01-01",
        "2026-+1-01",
    ] {
        assert_eq!(rows::stored_date(t), chrono(t), "{t:?}");
    }
}
