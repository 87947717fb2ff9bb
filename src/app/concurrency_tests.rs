//! Two jmo on one file, driven as two people would (issue 10, item 1):
//! no edit is lost, a clash shows theirs and mine, one-key actions act on
//! the record as it is on disk, and `u` undoes this jmo's own edits.

use super::tests::{TODAY, app_on, app_with_campaign_on, d, form, form_field, press, retype};
use super::*;
use crossterm::event::KeyCode;
use rust_decimal_macros::dec;

/// Two apps (two jmo) on one file: `a` created the partner and campaign
/// through its forms; `b` opened the file afterwards.
fn two_apps() -> (tempfile::TempDir, App, App) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let a = app_with_campaign_on(app_on(Store::open(&path).unwrap()));
    let mut store = Store::open(&path).unwrap();
    store.set_actor("dana").unwrap();
    let b = app_on(store);
    (dir, a, b)
}

/// Selects `row` in `pane` and focuses the pane.
fn select(app: &mut App, pane: Pane, row: Row) {
    let i = app
        .rows(pane)
        .iter()
        .position(|r| *r == row)
        .unwrap_or_else(|| panic!("{row:?} not in {pane:?}"));
    app.select(pane, row, i);
    app.focus = pane;
}

fn first_item(app: &App) -> ResponsibilityId {
    let c = app.selected_campaign().unwrap().id;
    app.program.checklist_of(c)[0].id
}

fn on_disk<T: crate::store::rows::Row>(app: &App, id: T::Id) -> T {
    app.store.get::<T>(id).unwrap().unwrap().value
}

/// The user's words: the conflict message at the top of the open form.
fn conflict(app: &App) -> String {
    form(app).conflict.clone().unwrap_or_default()
}

#[test]
fn a_form_saved_after_the_other_jmo_ticked_the_item_keeps_the_tick() {
    let (_dir, mut a, mut b) = two_apps();
    let item = first_item(&a);
    select(&mut a, Pane::Checklist, Row::Item(item));
    press(&mut a, KeyCode::Char('e'));
    assert!(form(&a).value("done_on").is_empty());
    // Meanwhile the other jmo ticks it.
    select(&mut b, Pane::Checklist, Row::Item(item));
    press(&mut b, KeyCode::Char(' '));
    assert_eq!(on_disk::<Responsibility>(&b, item).done_on, Some(d(TODAY)));
    // This one renames it in the form it opened before the tick.
    type_into(&mut a, "title", "Create the landing page");
    save(&mut a);
    let now = on_disk::<Responsibility>(&a, item);
    assert_eq!(now.title, "Create the landing page");
    assert_eq!(now.done_on, Some(d(TODAY)), "the other jmo's tick is kept");
}

#[test]
fn a_rename_and_a_budget_edit_made_in_two_jmo_both_stay() {
    let (_dir, mut a, mut b) = two_apps();
    let c = a.selected_campaign().unwrap().id;
    // a opens the whole campaign form (its budget field shows 5,000)…
    select(&mut a, Pane::Timeline, Row::Campaign(c));
    press(&mut a, KeyCode::Char('e'));
    // …b sets the budget…
    set_budget(&mut b, c, "8000");
    // …a renames: its form's old budget is not written back.
    type_into(&mut a, "name", "Launch webinar EMEA");
    save(&mut a);
    let now = on_disk::<Campaign>(&a, c);
    assert_eq!(now.name, "Launch webinar EMEA");
    assert_eq!(now.budget, dec!(8000));
}

/// Opens campaign `c`'s money form (MDF pane, Budget row, `e`).
fn open_money(app: &mut App, c: CampaignId) {
    select(app, Pane::Mdf, Row::Budget(c));
    press(app, KeyCode::Char('e'));
}

/// Types `text` into `field` of the open form.
fn type_into(app: &mut App, field: &str, text: &str) {
    form_field(app, field);
    retype(app, text);
}

/// Saves the open form, which must close.
fn save(app: &mut App) {
    press(app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
}

/// Sets campaign `c`'s budget through the money form.
fn set_budget(app: &mut App, c: CampaignId, text: &str) {
    open_money(app, c);
    type_into(app, "budget", text);
    save(app);
}

/// Opens the budget form in `a` and types 12,500 there; then sets the
/// budget to 8,000 in `b`.
fn budget_clash() -> (tempfile::TempDir, App, App, CampaignId) {
    let (dir, mut a, mut b) = two_apps();
    let c = a.selected_campaign().unwrap().id;
    open_money(&mut a, c);
    type_into(&mut a, "budget", "12500");
    set_budget(&mut b, c, "8000");
    (dir, a, b, c)
}

#[test]
fn a_field_changed_in_both_jmo_shows_theirs_and_mine_and_enter_saves_mine() {
    let (_dir, mut a, _b, c) = budget_clash();
    type_into(&mut a, "lead_target", "250");
    press(&mut a, KeyCode::Enter);
    // Refused: the form stays, says what changed, by whom, theirs and mine.
    assert!(matches!(a.mode, Mode::Form(_)));
    let text = conflict(&a);
    assert!(
        text.starts_with("Budget changed to $8,000.00 by dana at "),
        "{text}"
    );
    assert!(text.contains("(yours: $12,500.00)"), "{text}");
    assert!(
        text.contains("Enter saves yours over it, Esc reloads"),
        "{text}"
    );
    let now = on_disk::<Campaign>(&a, c);
    assert_eq!(
        (now.budget, now.lead_target),
        (dec!(8000), None),
        "nothing written"
    );
    // Enter: mine over theirs.
    save(&mut a);
    let now = on_disk::<Campaign>(&a, c);
    assert_eq!((now.budget, now.lead_target), (dec!(12500), Some(250)));
}

#[test]
fn esc_after_a_conflict_reloads_theirs_and_keeps_my_other_changes() {
    let (_dir, mut a, _b, c) = budget_clash();
    type_into(&mut a, "lead_target", "250");
    press(&mut a, KeyCode::Enter);
    assert!(!conflict(&a).is_empty());
    press(&mut a, KeyCode::Esc);
    assert!(
        matches!(a.mode, Mode::Form(_)),
        "Esc reloads, it does not close"
    );
    assert_eq!(form(&a).value("budget"), "8000", "theirs");
    assert_eq!(form(&a).value("lead_target"), "250", "my other change kept");
    assert!(conflict(&a).contains("with your changes to Lead target"));
    save(&mut a);
    let now = on_disk::<Campaign>(&a, c);
    assert_eq!((now.budget, now.lead_target), (dec!(8000), Some(250)));
}

#[test]
fn space_acts_on_the_milestone_as_it_is_on_disk() {
    let (_dir, mut a, mut b) = two_apps();
    let c = a.selected_campaign().unwrap().id;
    let m = a.program.milestones_of(c)[0].id;
    select(&mut a, Pane::Timeline, Row::Milestone(m));
    select(&mut b, Pane::Timeline, Row::Milestone(m));
    press(&mut b, KeyCode::Char(' ')); // upcoming → in progress, in b
    // a has not looked at the disk since (no key, no tick): its copy
    // still says upcoming. The action reads the row under the write lock.
    assert_eq!(
        a.program.milestones.get(m).unwrap().status,
        MilestoneStatus::Upcoming
    );
    a.update(Action::Toggle);
    assert_eq!(on_disk::<Milestone>(&a, m).status, MilestoneStatus::Done);
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("Saved: 'Kickoff call' → done")
    );
}

#[test]
fn s_refuses_when_the_campaign_status_changed_elsewhere() {
    let (_dir, mut a, mut b) = two_apps();
    let c = a.selected_campaign().unwrap().id;
    select(&mut b, Pane::Timeline, Row::Campaign(c));
    b.update(Action::AdvanceStatus);
    if matches!(b.mode, Mode::Confirm(_)) {
        press(&mut b, KeyCode::Char('y')); // readiness incomplete: go live anyway
    }
    assert_eq!(on_disk::<Campaign>(&b, c).status, CampaignStatus::Live);
    select(&mut a, Pane::Timeline, Row::Campaign(c));
    a.update(Action::AdvanceStatus);
    if matches!(a.mode, Mode::Confirm(_)) {
        press(&mut a, KeyCode::Char('y'));
    }
    assert_eq!(
        on_disk::<Campaign>(&a, c).status,
        CampaignStatus::Live,
        "not moved on to completed from a stale copy"
    );
    let text = a
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(text.contains("is live now (changed elsewhere)"), "{text}");
}

#[test]
fn u_undoes_this_jmos_last_edit_not_the_other_ones() {
    let (_dir, mut a, mut b) = two_apps();
    let c = a.selected_campaign().unwrap().id;
    let items: Vec<ResponsibilityId> = a
        .program
        .checklist_of(c)
        .iter()
        .map(|r| r.id)
        .take(2)
        .collect();
    select(&mut a, Pane::Checklist, Row::Item(items[0]));
    press(&mut a, KeyCode::Char(' '));
    select(&mut b, Pane::Checklist, Row::Item(items[1]));
    press(&mut b, KeyCode::Char(' '));
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(
        on_disk::<Responsibility>(&a, items[0]).done_on,
        None,
        "mine undone"
    );
    assert_eq!(
        on_disk::<Responsibility>(&a, items[1]).done_on,
        Some(d(TODAY)),
        "theirs kept"
    );
}

#[test]
fn u_refuses_when_the_record_changed_since_and_says_so() {
    let (_dir, mut a, mut b) = two_apps();
    let c = a.selected_campaign().unwrap().id;
    set_budget(&mut a, c, "6000");
    set_budget(&mut b, c, "8000");
    press(&mut a, KeyCode::Char('u'));
    assert_eq!(
        on_disk::<Campaign>(&a, c).budget,
        dec!(8000),
        "theirs stays"
    );
    let status = a.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Error);
    assert!(
        status.text.starts_with(
            "Not undone: Edit money of 'Launch webinar'. The campaign's Budget was changed since, to $8,000.00 by dana at "
        ) && status
            .text
            .ends_with("; u again undoes the edit before it."),
        "{}",
        status.text
    );
    // u again goes on to the edit before it, the campaign's creation,
    // which the other jmo's budget change also stops.
    press(&mut a, KeyCode::Char('u'));
    let status = a.status.clone().unwrap();
    assert!(
        status
            .text
            .starts_with("Not undone: Add campaign 'Launch webinar'. The campaign's Budget"),
        "{}",
        status.text
    );
    assert!(a.program.campaigns.get(c).is_some());
}

#[test]
fn check_in_notes_taken_in_two_jmo_on_one_day_are_one_meeting() {
    let (_dir, mut a, mut b) = two_apps();
    let partner = a.selected_partner().unwrap().id;
    press(&mut a, KeyCode::Char('n'));
    press(&mut b, KeyCode::Char('n'));
    type_into(&mut a, "progress", "Webinar registrations ahead of plan");
    type_into(&mut b, "next_steps", "Send the Q1 proposal");
    save(&mut a);
    save(&mut b);
    assert!(
        b.status
            .as_ref()
            .is_some_and(|s| s.text.ends_with("added to the notes taken in another jmo")),
        "{:?}",
        b.status
    );
    let todays: Vec<_> = b
        .store
        .load_program()
        .unwrap()
        .meetings_of(partner)
        .into_iter()
        .filter(|m| m.held_on == d(TODAY))
        .map(|m| (m.progress.clone(), m.next_steps.clone()))
        .collect();
    assert_eq!(
        todays,
        vec![(
            "Webinar registrations ahead of plan".to_string(),
            "Send the Q1 proposal".to_string()
        )],
        "one meeting with both notes"
    );
    // Both writing the same part: the second is asked.
    press(&mut a, KeyCode::Char('n'));
    press(&mut b, KeyCode::Char('n'));
    type_into(&mut a, "roadblocks", "Legal review of the logo");
    type_into(&mut b, "roadblocks", "Budget sign-off");
    save(&mut a);
    press(&mut b, KeyCode::Enter);
    assert!(
        conflict(&b).starts_with("Roadblocks changed to 'Legal review of the logo' by "),
        "{}",
        conflict(&b)
    );
}

#[test]
fn an_open_form_shows_what_changed_underneath_in_the_fields_not_touched() {
    let (_dir, mut a, mut b) = two_apps();
    let c = a.selected_campaign().unwrap().id;
    select(&mut a, Pane::Timeline, Row::Campaign(c));
    press(&mut a, KeyCode::Char('e'));
    type_into(&mut a, "audience", "CIOs");
    // b renames the campaign and sets its budget, while a's form is open.
    select(&mut b, Pane::Timeline, Row::Campaign(c));
    press(&mut b, KeyCode::Char('e'));
    type_into(&mut b, "name", "Launch webinar EMEA");
    type_into(&mut b, "audience", "CFOs");
    save(&mut b);
    // a's next key: the name shows theirs; its own audience stays, marked.
    press(&mut a, KeyCode::Tab);
    assert_eq!(form(&a).value("name"), "Launch webinar EMEA");
    assert_eq!(form(&a).value("audience"), "CIOs");
    let text = conflict(&a);
    assert!(
        text.starts_with("Changed meanwhile, by dana at ")
            && text.contains(": Name (shown here); also Audience, which you changed"),
        "{text}"
    );
    // Saving asks about the audience only; Enter keeps a's, and the
    // status names the campaign by its new name.
    press(&mut a, KeyCode::Enter);
    assert!(
        conflict(&a).starts_with("Audience changed to 'CFOs' by dana"),
        "{}",
        conflict(&a)
    );
    save(&mut a);
    let now = on_disk::<Campaign>(&a, c);
    assert_eq!(
        (now.name.as_str(), now.audience.as_str()),
        ("Launch webinar EMEA", "CIOs")
    );
    assert_eq!(
        a.status.as_ref().map(|s| s.text.as_str()),
        Some("Saved: Edit campaign 'Launch webinar EMEA'")
    );
}

#[test]
fn a_form_whose_record_was_deleted_in_the_other_jmo_says_so_and_saves_nothing() {
    let (_dir, mut a, mut b) = two_apps();
    let item = first_item(&a);
    select(&mut a, Pane::Checklist, Row::Item(item));
    press(&mut a, KeyCode::Char('e'));
    select(&mut b, Pane::Checklist, Row::Item(item));
    press(&mut b, KeyCode::Char('d'));
    press(&mut b, KeyCode::Char('y'));
    assert!(b.store.get::<Responsibility>(item).unwrap().is_none());
    type_into(&mut a, "title", "Renamed");
    assert!(
        conflict(&a).starts_with("The checklist item was deleted meanwhile, by dana at "),
        "{}",
        conflict(&a)
    );
    press(&mut a, KeyCode::Enter);
    let error = form(&a).error.clone().unwrap_or_default();
    assert!(
        error.starts_with("Not saved: the checklist item was deleted meanwhile, by dana at "),
        "{error}"
    );
    assert!(
        a.store.get::<Responsibility>(item).unwrap().is_none(),
        "not re-created"
    );
}

#[test]
fn a_one_key_action_on_a_record_the_other_jmo_just_changed_does_nothing_and_says_so() {
    let (_dir, mut a, mut b) = two_apps();
    let item = first_item(&a);
    select(&mut a, Pane::Checklist, Row::Item(item));
    select(&mut b, Pane::Checklist, Row::Item(item));
    // b ticks; a's screen still shows the item open (no frame since).
    press(&mut b, KeyCode::Char(' '));
    assert_eq!(a.program.responsibilities.get(item).unwrap().done_on, None);
    // a presses Space meaning "tick": it must not untick b's tick.
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(on_disk::<Responsibility>(&a, item).done_on, Some(d(TODAY)));
    let status = a.status.clone().unwrap();
    assert_eq!(status.kind, StatusKind::Warning);
    assert!(
        status
            .text
            .starts_with("Not done: another jmo changed this checklist item just now"),
        "{}",
        status.text
    );
    // Now that a shows it ticked, Space acts: it unticks.
    press(&mut a, KeyCode::Char(' '));
    assert_eq!(on_disk::<Responsibility>(&a, item).done_on, None);
    // The same for s on a campaign another jmo just moved.
    let c = a.selected_campaign().unwrap().id;
    select(&mut b, Pane::Timeline, Row::Campaign(c));
    b.update(Action::AdvanceStatus);
    if matches!(b.mode, Mode::Confirm(_)) {
        press(&mut b, KeyCode::Char('y'));
    }
    assert_eq!(on_disk::<Campaign>(&b, c).status, CampaignStatus::Live);
    select(&mut a, Pane::Timeline, Row::Campaign(c));
    press(&mut a, KeyCode::Char('s'));
    assert_eq!(
        on_disk::<Campaign>(&a, c).status,
        CampaignStatus::Live,
        "not moved on to completed"
    );
}
