//! Evidence typed by hand (issue 14; docs/domain.md §15.1) driven from
//! the keys on the example plan: `E` on the Northwind Data Summit, Enter
//! on Woodgrove Bank's opportunity, `t` adds a referral through the form,
//! the journey and the class follow at once, `u` takes it back; a bad
//! date keeps its text; `d` deletes a hand-added touch after a yes and
//! refuses an imported one.

use super::tests::{app_on, form, keys, press, retype};
use super::*;
use crate::domain::evidence::attribution::Class;
use crate::domain::evidence::journey::Step;
use crate::domain::evidence::{Touch, TouchKind};
use crossterm::event::KeyCode;

/// The example plan, with the Northwind Data Summit's Pipeline open on
/// Woodgrove Bank's opportunity (its class there, and the summit's partner).
fn summit_pipeline() -> (tempfile::TempDir, App, PartnerId) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(Store::open(&dir.path().join("jmo.db")).unwrap());
    keys(&mut app, "x");
    let summit = app
        .program
        .campaigns
        .iter()
        .find(|c| c.name == "Northwind Data Summit")
        .map(|c| (c.id, c.partner_id))
        .unwrap();
    app.reveal(RecordRef::Campaign(summit.0));
    keys(&mut app, "E");
    let Mode::Pipeline(p) = &app.mode else {
        panic!("no pipeline: {:?}", app.mode)
    };
    let at = p
        .data
        .opportunities
        .iter()
        .position(|o| o.name.starts_with("Woodgrove"))
        .expect("the summit's pipeline has Woodgrove's deal");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    (dir, app, summit.1)
}

/// The class of Woodgrove's opportunity in the open Pipeline view.
fn woodgrove_class(app: &App) -> Class {
    let Mode::Pipeline(p) = &app.mode else {
        panic!("no pipeline: {:?}", app.mode)
    };
    p.data
        .opportunities
        .iter()
        .find(|o| o.name.starts_with("Woodgrove"))
        .unwrap()
        .class
}

/// The open journey's steps, in words.
fn journey_words(app: &App) -> Vec<String> {
    let Mode::Journey(j) = &app.mode else {
        panic!("no journey: {:?}", app.mode)
    };
    j.steps.iter().map(|s| s.what.clone()).collect()
}

/// The stored touches typed by hand on Woodgrove as referrals.
fn referrals(app: &App) -> Vec<Touch> {
    app.store
        .load_evidence()
        .unwrap()
        .touches
        .iter()
        .filter(|t| t.kind == TouchKind::Referral && t.note == "Met their CFO")
        .map(|t| t.value.clone())
        .collect()
}

#[test]
fn a_touch_added_by_keys_is_stored_shown_classed_and_undone() {
    let (_dir, mut app, northwind) = summit_pipeline();
    // Before: Northwind's lead came before the summit started (T4), so
    // it only influenced the deal.
    assert_eq!(woodgrove_class(&app), Class::Influenced);
    press(&mut app, KeyCode::Enter);
    let before = journey_words(&app);
    keys(&mut app, "t");
    let f = form(&app);
    assert_eq!(f.chosen("partner_id"), northwind.0.to_string());
    assert_eq!(f.value("on"), crate::domain::dates::iso(app.today));
    // Date: the day before the opportunity was created (today − 12).
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "-13");
    press(&mut app, KeyCode::Tab);
    assert_eq!(form(&app).chosen("kind"), "referral");
    press(&mut app, KeyCode::Tab);
    assert!(
        !form(&app).chosen("opportunity_id").is_empty(),
        "the opportunity the journey was opened on"
    );
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Met their CFO");
    press(&mut app, KeyCode::Enter);

    // Stored, as one edit labelled with the account, kind and day.
    let day = crate::domain::dates::shift(app.today, -13);
    let stored = referrals(&app);
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0].partner_id, northwind);
    assert_eq!(stored[0].on, day);
    assert!(stored[0].crm_id.is_empty());
    let status = app.status.as_ref().unwrap().text.clone();
    assert!(
        status.contains(&format!(
            "Add touch: Woodgrove Bank, referral on {}",
            crate::domain::dates::iso(day)
        )),
        "{status}"
    );
    // Shown at once in the journey the form returns to.
    let after = journey_words(&app);
    assert_eq!(after.len(), before.len() + 1);
    assert!(
        after.iter().any(|w| w
            == "Northwind Analytics: referral on Woodgrove Bank - Risk analytics — Met their CFO"),
        "{after:?}"
    );
    // The rules: a referral on C − 1, with no lead of ours on the account
    // and no other partner's claim, sources it (§15.2 rule 1).
    assert!(
        after
            .iter()
            .any(|w| w.contains("Northwind Analytics sourced")),
        "{after:?}"
    );
    keys(&mut app, "q");
    assert_eq!(woodgrove_class(&app), Class::Sourced);
    // The partners' marks follow the new evidence (findings E1–E6).
    let counts_before_undo = app.counts();
    super::evidence_marks_tests::assert_marks_true(&app, "adding a touch");

    // `u` in the journey takes it back; both views follow.
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "u");
    assert!(referrals(&app).is_empty());
    assert_eq!(journey_words(&app), before);
    keys(&mut app, "q");
    assert_eq!(woodgrove_class(&app), Class::Influenced);
    super::evidence_marks_tests::assert_marks_true(&app, "undoing the touch");
    let _ = counts_before_undo;
}

#[test]
fn a_bad_date_keeps_its_text_with_the_message_at_the_field() {
    let (_dir, mut app, _) = summit_pipeline();
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "t");
    press(&mut app, KeyCode::Tab);
    retype(&mut app, "2026-13-45");
    press(&mut app, KeyCode::Enter);
    let f = form(&app);
    assert_eq!(f.value("on"), "2026-13-45");
    let field = f.field("on").unwrap();
    assert!(field.error.is_some(), "the error is at the date field");
    assert_eq!(f.fields[f.focus].key, "on");
    assert!(referrals(&app).is_empty());
}

#[test]
fn d_deletes_a_touch_after_a_yes_and_says_when_it_was_imported() {
    let (_dir, mut app, northwind) = summit_pipeline();
    press(&mut app, KeyCode::Enter);
    let account = match &app.mode {
        Mode::Journey(j) => j.account,
        other => panic!("{other:?}"),
    };
    // An imported touch (it has the CRM's id), and one typed by hand.
    let today = app.today;
    let imported = app
        .commit("import", |tx| {
            tx.insert(&Touch {
                partner_id: northwind,
                account_id: Some(account),
                opportunity_id: None,
                on: today,
                kind: TouchKind::Introduction,
                campaign_id: None,
                crm_id: "00TEX1".into(),
                note: String::new(),
            })
        })
        .unwrap();
    keys(&mut app, "t");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Met their CFO");
    press(&mut app, KeyCode::Enter);
    let Mode::Journey(j) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    let hand = referrals(&app);
    assert_eq!(hand.len(), 1);
    let steps: Vec<Step> = j.steps.iter().map(|s| s.step).collect();
    let at = |id| steps.iter().position(|s| *s == Step::Touch(id)).unwrap();
    let hand_id = app
        .store
        .load_evidence()
        .unwrap()
        .touches
        .iter()
        .find(|t| t.note == "Met their CFO")
        .unwrap()
        .id;

    keys(&mut app, "g");
    for _ in 0..at(imported) {
        press(&mut app, KeyCode::Down);
    }
    // An imported one asks too, saying the CRM holds it; "n" keeps it.
    keys(&mut app, "d");
    let Mode::Confirm(c) = &app.mode else {
        panic!("no question: {:?}", app.mode)
    };
    assert!(
        c.message.contains("imported from the CRM (id 00TEX1)"),
        "{}",
        c.message
    );
    keys(&mut app, "n");
    assert!(app.store.get::<Touch>(imported).unwrap().is_some(), "kept");

    keys(&mut app, "g");
    for _ in 0..at(hand_id) {
        press(&mut app, KeyCode::Down);
    }
    keys(&mut app, "d");
    assert!(matches!(app.mode, Mode::Confirm(_)), "{:?}", app.mode);
    keys(&mut app, "y");
    assert!(referrals(&app).is_empty());
    assert!(matches!(app.mode, Mode::Journey(_)));
    assert!(
        !journey_words(&app)
            .iter()
            .any(|w| w.contains("referral on Woodgrove")),
        "{:?}",
        journey_words(&app)
    );
    keys(&mut app, "u");
    assert_eq!(referrals(&app).len(), 1, "u brings it back");
}

#[test]
fn o_marks_the_account_as_in_a_partners_overlap() {
    let (_dir, mut app, northwind) = summit_pipeline();
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "o");
    assert_eq!(form(&app).chosen("partner_id"), northwind.0.to_string());
    press(&mut app, KeyCode::Enter);
    let overlaps = app.store.load_evidence().unwrap().overlaps;
    assert!(
        overlaps
            .iter()
            .any(|o| o.partner_id == northwind && o.snapshot_on == app.today && !o.excluded),
        "{overlaps:?}"
    );
    assert!(
        journey_words(&app)
            .iter()
            .any(|w| w == "Northwind Analytics's overlap snapshot: prospect"),
        "{:?}",
        journey_words(&app)
    );
    // Marking it again the same day is refused, saying how to correct it.
    keys(&mut app, "o");
    press(&mut app, KeyCode::Enter);
    let error = form(&app).error.clone().unwrap_or_default();
    assert!(error.contains("press d to delete it"), "{error}");
    press(&mut app, KeyCode::Esc);
    if matches!(app.mode, Mode::Confirm(_)) {
        keys(&mut app, "y");
    }
    // d on the snapshot's step deletes the row after a yes; u brings it back.
    let Mode::Journey(j) = &app.mode else {
        panic!("no journey: {:?}", app.mode)
    };
    let at = j
        .steps
        .iter()
        .position(|s| s.what == "Northwind Analytics's overlap snapshot: prospect")
        .unwrap();
    for _ in 0..j.cursor {
        press(&mut app, KeyCode::Up);
    }
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    keys(&mut app, "d");
    assert!(matches!(app.mode, Mode::Confirm(_)), "{:?}", app.mode);
    keys(&mut app, "y");
    let mine = |app: &App| {
        app.store
            .load_evidence()
            .unwrap()
            .overlaps
            .iter()
            .filter(|o| o.partner_id == northwind && o.snapshot_on == app.today)
            .count()
    };
    assert_eq!(mine(&app), 0);
    assert!(
        !journey_words(&app)
            .iter()
            .any(|w| w == "Northwind Analytics's overlap snapshot: prospect")
    );
    keys(&mut app, "u");
    assert_eq!(mine(&app), 1);
}
