//! Enter on a reconciliation finding in the findings list (docs/domain.md
//! §15.4), driven from the keys on the example plan: an E1 opens the
//! disputed opportunity's account journey on its step, an E4 on a touch
//! the journey on the touch, an E2 (a lead with no account) its campaign's
//! Pipeline; Esc comes back to the list where it was.

use super::tests::{app_on, keys, press};
use super::*;
use crate::domain::evidence::journey::Step;
use crate::domain::evidence::{Lead, Opportunity};
use crate::domain::guardrails::Rule;
use crossterm::event::KeyCode;

/// The example plan with the findings list open on the first finding of
/// `rule` whose message contains `words`; that finding.
fn on_finding(rule: Rule, words: &str) -> (App, guardrails::Finding) {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    keys(&mut app, "f");
    assert!(matches!(app.mode, Mode::Findings(_)), "{:?}", app.mode);
    let (at, f) = app
        .findings_listed()
        .iter()
        .enumerate()
        .find(|(_, f)| f.rule == rule && f.message.contains(words))
        .map(|(i, f)| (i, (*f).clone()))
        .unwrap_or_else(|| panic!("no {rule:?} on {words}"));
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    assert!(matches!(app.mode, Mode::Findings(x) if x.index == at));
    (app, f)
}

#[test]
fn enter_on_an_e1_opens_the_disputed_opportunitys_account_journey_and_esc_comes_back() {
    let (mut app, f) = on_finding(Rule::E1, "Tailspin Retail - Store analytics");
    let RecordRef::Opportunity(o) = f.record else {
        panic!("E1 points at {:?}", f.record)
    };
    let opp = app.store.get::<Opportunity>(o).unwrap().unwrap();
    assert_eq!(opp.name, "Tailspin Retail - Store analytics");
    // Filed under the partner as before (the partners' marks count it).
    assert_eq!(
        app.program.partners.get(f.partner_id).unwrap().name,
        "Redwood IT Services"
    );
    let Mode::Findings(list) = app.mode.clone() else {
        unreachable!()
    };
    press(&mut app, KeyCode::Enter);
    let Mode::Journey(j) = &app.mode else {
        panic!("no journey: {:?} ({:?})", app.mode, app.status)
    };
    assert_eq!(j.title, "Tailspin Retail");
    assert_eq!(Some(j.account), opp.account_id);
    assert_eq!(j.campaign, None);
    assert_eq!(j.partner, Some(f.partner_id));
    assert_eq!(j.steps[j.cursor].step, Step::Created(o));
    // Both registrations show on the account's journey.
    let registrations = j
        .steps
        .iter()
        .filter(|s| s.what.contains("deal registration"))
        .count();
    assert_eq!(registrations, 2, "{:#?}", j.steps);
    assert!(app.status.as_ref().unwrap().text.starts_with("E1 "));
    press(&mut app, KeyCode::Esc);
    assert!(
        matches!(&app.mode, Mode::Findings(x) if x.index == list.index),
        "{:?}",
        app.mode
    );
}

/// Back from a view opened over the list, after an edit there moved the
/// findings: the list is on the finding it was opened from, wherever it
/// is now; when that one was fixed, at the same place.
#[test]
fn the_list_follows_the_finding_it_was_opened_from() {
    let (app, f) = on_finding(Rule::E1, "Tailspin Retail - Store analytics");
    let listed = app.findings_listed();
    let at = listed
        .iter()
        .position(|x| x.rule == f.rule && x.record == f.record)
        .unwrap();
    assert!(at > 0);
    let key = Some((f.rule, f.partner_id, f.record));
    let moved = views::findings::Findings {
        index: 0,
        opened: key,
    };
    assert_eq!(moved.follow(&app).index, at);
    let gone = views::findings::Findings {
        index: 2,
        opened: Some((Rule::E1, f.partner_id, RecordRef::Partner(PartnerId(999)))),
    };
    assert_eq!(gone.follow(&app).index, 2);
    let past_the_end = views::findings::Findings {
        index: listed.len() + 5,
        opened: None,
    };
    assert_eq!(past_the_end.follow(&app).index, listed.len() - 1);
}

#[test]
fn enter_on_an_e4_touch_opens_the_journey_on_the_touch() {
    let (mut app, f) = on_finding(Rule::E4, "referral touch");
    let RecordRef::Touch(t) = f.record else {
        panic!("E4 points at {:?}", f.record)
    };
    press(&mut app, KeyCode::Enter);
    let Mode::Journey(j) = &app.mode else {
        panic!("no journey: {:?} ({:?})", app.mode, app.status)
    };
    assert_eq!(j.title, "Adventure Works");
    assert_eq!(j.steps[j.cursor].step, Step::Touch(t));
    assert!(!j.steps[j.cursor].counts, "outside the agreement (T2)");
}

#[test]
fn enter_on_an_e2_lead_opens_its_campaigns_pipeline() {
    let (mut app, f) = on_finding(Rule::E2, "Lead ");
    let RecordRef::Lead(l) = f.record else {
        panic!("E2 points at {:?}", f.record)
    };
    let lead = app.store.get::<Lead>(l).unwrap().unwrap();
    assert_eq!(lead.account_id, None);
    assert_eq!(f.campaign_id, lead.campaign_id);
    press(&mut app, KeyCode::Enter);
    let Mode::Pipeline(p) = &app.mode else {
        panic!("no pipeline: {:?} ({:?})", app.mode, app.status)
    };
    assert_eq!(Some(p.data.campaign), lead.campaign_id);
    assert!(
        p.data
            .leads
            .iter()
            .any(|x| x.id == l && x.account_id.is_none())
    );
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Findings(_)), "{:?}", app.mode);
}

#[test]
fn enter_on_a_finding_that_is_no_evidence_still_closes_the_list_on_its_record() {
    let (mut app, f) = on_finding(Rule::E6, "");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert!(matches!(f.record, RecordRef::Results(_)));
}

#[test]
fn a_touch_added_on_a_journey_from_the_findings_list_shows_at_once() {
    let (mut app, f) = on_finding(Rule::E1, "Tailspin Retail - Store analytics");
    let RecordRef::Opportunity(o) = f.record else {
        panic!("E1 points at {:?}", f.record)
    };
    press(&mut app, KeyCode::Enter);
    let steps = |app: &App| match &app.mode {
        Mode::Journey(j) => j.steps.len(),
        other => panic!("no journey: {other:?} ({:?})", app.status),
    };
    let before = steps(&app);
    keys(&mut app, "t");
    // The finding's partner and opportunity are the new touch's defaults.
    let form = super::tests::form(&app);
    assert_eq!(form.chosen("partner_id"), f.partner_id.0.to_string());
    assert_eq!(form.chosen("opportunity_id"), o.0.to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(steps(&app), before + 1, "{:?}", app.status);
    press(&mut app, KeyCode::Esc);
    // Back on the same finding, wherever the edit moved it.
    let Mode::Findings(list) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    let selected = app.findings_listed()[list.index].clone();
    assert_eq!(
        (selected.rule, selected.partner_id, selected.record),
        (f.rule, f.partner_id, f.record)
    );
}
