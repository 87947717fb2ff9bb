//! The app driven as a user drives it: key events in, state and database
//! checked after each step.

use super::*;
use crate::app::config;
use crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(super) const TODAY: &str = "2026-11-21";

pub(super) fn new_app() -> App {
    app_on(Store::open_in_memory().unwrap())
}

/// An app on `store`, as of [`TODAY`], laid out at 160x45.
pub(super) fn app_on(store: Store) -> App {
    let mut app = App::new(Setup {
        store,
        loaded: config::defaults(),
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(d(TODAY)),
    })
    .unwrap();
    app.set_areas(crate::ui::areas(Rect::new(0, 0, 160, 45)));
    app
}

pub(super) fn press(app: &mut App, code: KeyCode) {
    press_mod(app, code, KeyModifiers::NONE);
}

/// One key, and the file work it asked for, as the event loop does it.
pub(super) fn press_mod(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
    crate::app::effects::run_files(app);
}

pub(super) fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Clears a form's focused text field and types `s`.
pub(super) fn retype(app: &mut App, s: &str) {
    for _ in 0..40 {
        press(app, KeyCode::Backspace);
    }
    keys(app, s);
}

pub(super) fn form(app: &App) -> &form::Form {
    match &app.mode {
        Mode::Form(open) => &open.form,
        other => panic!("no form open: {other:?}"),
    }
}

/// An app with one partner "Northwind" and one Quick Win Webinar starting
/// 2026-12-01, created through the forms.
pub(super) fn app_with_campaign() -> App {
    app_with_campaign_on(new_app())
}

/// `app` (on an empty database) with the partner and campaign of
/// [`app_with_campaign`].
pub(super) fn app_with_campaign_on(mut app: App) -> App {
    keys(&mut app, "a");
    keys(&mut app, "Northwind");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "2a");
    keys(&mut app, "Launch webinar");
    press(&mut app, KeyCode::Tab); // playbook
    press(&mut app, KeyCode::Right); // Quick Win Webinar
    form_field(&mut app, "start");
    retype(&mut app, "2026-12-01"); // launch and end follow the playbook's shape
    press(&mut app, KeyCode::Enter);
    assert!(
        matches!(app.mode, Mode::Normal),
        "form still open: {:?}",
        app.status
    );
    app
}

pub(super) fn form_field(app: &mut App, key: &str) {
    if let Mode::Form(open) = &mut app.mode {
        open.form.focus_on(key);
    }
}

#[test]
fn typing_in_a_form_never_triggers_global_keys() {
    let mut app = new_app();
    assert!(app.is_welcome());
    keys(&mut app, "a");
    keys(&mut app, "quux q?x");
    assert_eq!(form(&app).value("name"), "quux q?x");
    assert_eq!(app.take_effect(), None);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let p = app.selected_partner().unwrap();
    assert_eq!(p.name, "quux q?x");
    // Saved in the database, not only in memory.
    assert_eq!(app.store.load_program().unwrap().partners.len(), 1);
}

#[test]
fn a_campaign_from_a_playbook_gets_milestones_and_the_checklist_template() {
    let app = app_with_campaign();
    let c = app.selected_campaign().unwrap();
    assert_eq!(
        (c.name.as_str(), c.campaign_type),
        ("Launch webinar", CampaignType::Webinar)
    );
    assert_eq!(
        (c.start, c.launch, c.end),
        (d("2026-12-01"), d("2026-12-29"), d("2026-12-29"))
    );
    assert_eq!(c.playbook.as_deref(), Some("Quick Win Webinar"));
    assert_eq!(c.budget, rust_decimal::Decimal::from(5000));
    let ms = app.program.milestones_of(c.id);
    assert_eq!(ms.len(), 7);
    assert_eq!(ms[0].due, d("2026-12-01"));
    let items = app.program.checklist_of(c.id);
    assert_eq!(items.len(), 11);
    assert_eq!(items[0].owner, "Us");
    assert!(
        items
            .iter()
            .any(|r| r.side == Side::Partner && r.owner == "Northwind")
    );
    // The campaign is untracked and unattributed: G8 warns (G3 not yet: launch is 38 days away).
    let rules: Vec<_> = app.selection_findings().iter().map(|f| f.rule).collect();
    assert!(rules.contains(&guardrails::Rule::G8), "{rules:?}");
    assert!(!rules.contains(&guardrails::Rule::G3), "{rules:?}");
}

#[test]
fn space_ticks_saves_and_undo_redo_work() {
    let mut app = app_with_campaign();
    keys(&mut app, "3");
    assert_eq!(app.focus, Pane::Checklist);
    keys(&mut app, "j"); // first item under "Ours"
    let Some(Row::Item(id)) = app.selected_row(Pane::Checklist) else {
        panic!("no item selected")
    };
    keys(&mut app, " ");
    assert_eq!(
        app.program.responsibilities.get(id).unwrap().done_on,
        Some(d(TODAY))
    );
    assert_eq!(
        app.store
            .get::<Responsibility>(id)
            .unwrap()
            .unwrap()
            .done_on,
        Some(d(TODAY))
    );
    assert!(app.status.as_ref().unwrap().text.starts_with("Saved: Tick"));
    keys(&mut app, "u");
    assert_eq!(app.program.responsibilities.get(id).unwrap().done_on, None);
    assert_eq!(
        app.store
            .get::<Responsibility>(id)
            .unwrap()
            .unwrap()
            .done_on,
        None
    );
    press_mod(&mut app, KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(
        app.store
            .get::<Responsibility>(id)
            .unwrap()
            .unwrap()
            .done_on,
        Some(d(TODAY))
    );
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Redone: Tick")
    );
}

#[test]
fn a_bad_form_shows_errors_at_fields_keeps_the_text_and_saves_nothing() {
    let mut app = app_with_campaign();
    let before = app.store.recent_sets(100).unwrap().len();
    keys(&mut app, "2e"); // edit the campaign
    form_field(&mut app, "launch");
    retype(&mut app, "2026-11-30"); // before the start
    form_field(&mut app, "budget");
    retype(&mut app, "12,5x");
    press(&mut app, KeyCode::Enter);
    let f = form(&app);
    assert!(
        f.field("budget")
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("not an amount")
    );
    assert_eq!(f.value("budget"), "12,5x");
    assert_eq!(
        f.focus,
        f.fields.iter().position(|x| x.key == "budget").unwrap()
    );
    // Fix the amount: now the cross-field rule speaks, at the launch field.
    retype(&mut app, "12.5k");
    press(&mut app, KeyCode::Enter);
    let f = form(&app);
    assert!(
        f.field("launch")
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("on or after the start"),
        "{:?}",
        f.field("launch").unwrap().error
    );
    assert_eq!(f.value("launch"), "2026-11-30");
    assert_eq!(app.store.recent_sets(100).unwrap().len(), before);
    // Fix it and save.
    form_field(&mut app, "launch");
    retype(&mut app, "2026-12-20");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let c = app.selected_campaign().unwrap();
    assert_eq!(
        (c.launch, c.budget),
        (d("2026-12-20"), rust_decimal::Decimal::from(12500))
    );
}

#[test]
fn moving_a_campaign_moves_its_standard_milestones_that_are_not_done() {
    let mut app = app_with_campaign();
    let c = app.selected_campaign().unwrap().id;
    // Mark the kickoff done: it must stay where it is.
    keys(&mut app, "2j");
    assert!(matches!(
        app.selected_row(Pane::Timeline),
        Some(Row::Milestone(_))
    ));
    keys(&mut app, "  ");
    keys(&mut app, "g"); // back to the campaign header (done, the cursor moved on)
    keys(&mut app, "e");
    form_field(&mut app, "start");
    retype(&mut app, "2026-12-08");
    form_field(&mut app, "launch");
    retype(&mut app, "2027-01-05");
    form_field(&mut app, "end");
    retype(&mut app, "2027-01-05");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let dues: Vec<_> = app
        .program
        .milestones_of(c)
        .iter()
        .map(|m| (m.name.clone(), m.due))
        .collect();
    assert!(
        dues.contains(&("Kickoff call".into(), d("2026-12-01"))),
        "{dues:?}"
    );
    assert!(
        dues.contains(&("Content draft".into(), d("2026-12-15"))),
        "{dues:?}"
    );
    assert!(
        dues.contains(&("Campaign live".into(), d("2027-01-05"))),
        "{dues:?}"
    );
    // The template checklist follows too: "Provide speaker" is due start + 7.
    let speaker = |app: &App| {
        app.program
            .checklist_of(c)
            .iter()
            .find(|r| r.title == "Provide speaker")
            .and_then(|r| r.due)
    };
    assert_eq!(speaker(&app), Some(d("2026-12-15")));
    // One undo puts the campaign and all its milestones back.
    keys(&mut app, "u");
    assert!(
        app.program
            .milestones_of(c)
            .iter()
            .any(|m| m.name == "Content draft" && m.due == d("2026-12-08"))
    );
    assert_eq!(speaker(&app), Some(d("2026-12-08")));
}

#[test]
fn delete_asks_first_and_undo_brings_everything_back() {
    let mut app = app_with_campaign();
    let c = app.selected_campaign().unwrap().id;
    keys(&mut app, "2d");
    assert!(matches!(app.mode, Mode::Confirm(_)));
    keys(&mut app, "n");
    assert!(app.program.campaigns.get(c).is_some());
    keys(&mut app, "dy");
    assert!(app.program.campaigns.get(c).is_none());
    assert!(app.program.milestones.is_empty());
    assert!(app.selected_campaign().is_none());
    keys(&mut app, "u");
    assert!(app.program.campaigns.get(c).is_some());
    assert_eq!(app.program.milestones_of(c).len(), 7);
    assert_eq!(app.program.checklist_of(c).len(), 11);
}

#[test]
fn milestones_advance_and_block_with_a_reason() {
    let mut app = app_with_campaign();
    keys(&mut app, "2j");
    let Some(Row::Milestone(m)) = app.selected_row(Pane::Timeline) else {
        panic!()
    };
    keys(&mut app, " ");
    assert_eq!(
        app.program.milestones.get(m).unwrap().status,
        MilestoneStatus::InProgress
    );
    keys(&mut app, "b");
    press(&mut app, KeyCode::Enter); // empty reason
    assert!(matches!(
        &app.mode,
        Mode::Prompt(views::prompt::Prompt { error: Some(_), .. })
    ));
    keys(&mut app, "legal review");
    press(&mut app, KeyCode::Enter);
    let ms = app.program.milestones.get(m).unwrap();
    assert_eq!(
        (ms.status, ms.blocked_reason.as_deref()),
        (MilestoneStatus::Blocked, Some("legal review"))
    );
    keys(&mut app, "b");
    assert_eq!(
        app.program.milestones.get(m).unwrap().status,
        MilestoneStatus::Upcoming
    );
}

#[test]
fn filter_narrows_the_focused_list_and_esc_clears_it() {
    let mut app = new_app();
    for name in ["Northwind", "Contoso", "Fabrikam"] {
        keys(&mut app, "1a");
        keys(&mut app, name);
        press(&mut app, KeyCode::Enter);
    }
    keys(&mut app, "1/");
    keys(&mut app, "con");
    assert_eq!(app.rows(Pane::Partners).len(), 1);
    assert_eq!(app.selected_partner().unwrap().name, "Contoso");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.pane(Pane::Partners).filter, "con");
    keys(&mut app, "/");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.rows(Pane::Partners).len(), 3);
}

#[test]
fn enter_on_a_finding_jumps_to_its_record() {
    let mut app = app_with_campaign();
    keys(&mut app, "1");
    keys(&mut app, "f");
    let Mode::Findings(_) = app.mode else {
        panic!("findings not open")
    };
    let first = app.derived.all_findings()[0].clone();
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let expected_pane = match first.record {
        RecordRef::Partner(_) => Pane::Partners,
        RecordRef::Campaign(_) | RecordRef::Milestone(_) => Pane::Timeline,
        RecordRef::Responsibility(_) | RecordRef::Asset(_) => Pane::Checklist,
        _ => Pane::Mdf,
    };
    assert_eq!(app.focus, expected_pane);
    assert_eq!(
        app.selected_row(expected_pane).and_then(Row::record),
        Some(first.record)
    );
}

#[test]
fn a_click_selects_the_row_and_focuses_the_pane() {
    let mut app = app_with_campaign();
    let area = app.areas.panes[Pane::Checklist.index()];
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(crossterm::event::MouseButton::Left),
        column: area.x + 3,
        row: area.y + 2,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.focus, Pane::Checklist);
    let rows = app.rows(Pane::Checklist);
    assert_eq!(app.selected_row(Pane::Checklist), Some(rows[2]));
}

#[test]
fn config_key_overrides_change_what_keys_do() {
    let store = Store::open_in_memory().unwrap();
    let mut loaded = config::defaults();
    loaded
        .config
        .keys
        .insert("toggle".into(), keymap::KeySpec::One("x".into()));
    let app = App::new(Setup {
        store,
        loaded,
        display: Display {
            ascii: true,
            color: false,
        },
        clock: Clock::Fixed(d(TODAY)),
    })
    .unwrap();
    assert_eq!(app.keymap.key_label(Action::Toggle), "x");
    assert!(
        app.help()[0]
            .lines
            .iter()
            .any(|(k, d)| k == "x" && d.contains("tick"))
    );
}

#[test]
fn history_shows_what_changed_newest_first() {
    let mut app = app_with_campaign();
    keys(&mut app, "2e");
    form_field(&mut app, "crm_id");
    keys(&mut app, "701XYZ000000001");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "H");
    let Mode::History(views::history::History { lines, .. }) = &app.mode else {
        panic!("no history: {:?}", app.mode)
    };
    assert!(
        lines[0].ends_with("crm id: — → 701XYZ000000001"),
        "{lines:?}"
    );
    assert!(!lines[0].contains("UTC"), "local time: {lines:?}");
    assert!(lines.last().unwrap().ends_with("created"), "{lines:?}");
}

/// The campaign form refuses a `701…` CRM id that cannot be a Salesforce
/// Campaign id, with the reason at the field.
#[test]
fn the_form_refuses_a_crm_id_that_is_not_a_salesforce_campaign_id() {
    let mut app = app_with_campaign();
    keys(&mut app, "2e");
    form_field(&mut app, "crm_id");
    keys(&mut app, "701XYZ");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        form(&app).field("crm_id").unwrap().error.as_deref(),
        Some("'701XYZ' is not a Salesforce Campaign id: 15 or 18 characters, not 6")
    );
}

#[test]
fn ctrl_c_closes_a_form_then_quits() {
    let mut app = new_app();
    keys(&mut app, "a");
    press_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.take_effect(), None);
    press_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.take_effect(), Some(Effect::Quit));
}

/// The Partners pane reads the order kept in `Derived` (not re-sorted per
/// key press): it must follow adds, renames, deletes and undo.
#[test]
fn the_partner_list_stays_sorted_through_add_rename_delete_and_undo() {
    fn names(app: &App) -> Vec<String> {
        app.rows(Pane::Partners)
            .iter()
            .filter_map(|r| match r {
                Row::Partner(id) => Some(app.program.partners.get(*id).unwrap().name.clone()),
                _ => None,
            })
            .collect()
    }
    let mut app = new_app();
    for name in ["beta", "Charlie", "alpha"] {
        keys(&mut app, "1a");
        keys(&mut app, name);
        press(&mut app, KeyCode::Enter);
        assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    }
    assert_eq!(names(&app), ["alpha", "beta", "Charlie"]);
    // Rename Charlie (the last row) to Aardvark: it moves to the top, still selected.
    keys(&mut app, "1G");
    keys(&mut app, "e");
    form_field(&mut app, "name");
    retype(&mut app, "Aardvark");
    press(&mut app, KeyCode::Enter);
    assert_eq!(names(&app), ["Aardvark", "alpha", "beta"]);
    assert_eq!(app.selected_partner().unwrap().name, "Aardvark");
    // Delete beta.
    keys(&mut app, "G");
    keys(&mut app, "dy");
    assert_eq!(names(&app), ["Aardvark", "alpha"]);
    // Undo the delete, then the rename.
    keys(&mut app, "u");
    assert_eq!(names(&app), ["Aardvark", "alpha", "beta"]);
    keys(&mut app, "u");
    assert_eq!(names(&app), ["alpha", "beta", "Charlie"]);
    // A filter still applies on top of the order.
    keys(&mut app, "/");
    keys(&mut app, "a");
    press(&mut app, KeyCode::Enter);
    assert_eq!(names(&app), ["alpha", "beta", "Charlie"]);
    keys(&mut app, "/");
    press(&mut app, KeyCode::Backspace);
    keys(&mut app, "CHAR");
    press(&mut app, KeyCode::Enter);
    assert_eq!(names(&app), ["Charlie"]);
}

#[test]
fn keys_do_nothing_on_a_too_small_screen_but_quit() {
    let mut app = app_with_campaign();
    app.set_areas(crate::ui::areas(Rect::new(0, 0, 60, 15)));
    let partners = app.program.partners.len();
    keys(&mut app, "1dy");
    assert_eq!(app.program.partners.len(), partners);
    assert!(matches!(app.mode, Mode::Normal));
    keys(&mut app, "q");
    assert_eq!(app.take_effect(), Some(Effect::Quit));
}

#[test]
fn a_on_a_campaign_row_offers_a_milestone_or_a_campaign() {
    let mut app = app_with_campaign();
    let c = app.selected_campaign().unwrap().id;
    keys(&mut app, "2");
    assert_eq!(app.selected_row(Pane::Timeline), Some(Row::Campaign(c)));
    keys(&mut app, "am");
    assert!(form(&app).title.starts_with("New milestone"));
    keys(&mut app, "Launch rehearsal");
    press(&mut app, KeyCode::Enter);
    assert!(
        app.program
            .milestones_of(c)
            .iter()
            .any(|m| m.name == "Launch rehearsal")
    );
    assert_eq!(app.program.milestones_of(c).len(), 8);
}

#[test]
fn undo_shows_the_record_it_changed() {
    let mut app = app_with_campaign();
    keys(&mut app, "3");
    let Some(Row::Item(id)) = app.selected_row(Pane::Checklist) else {
        panic!()
    };
    keys(&mut app, " "); // ticked: the cursor moves on to the next item
    keys(&mut app, "1"); // look elsewhere
    keys(&mut app, "u");
    // Selected where it shows; the focus stays where the user was.
    assert_eq!(app.focus, Pane::Partners);
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(id)));
}

#[test]
fn an_edit_that_a_filter_would_hide_stays_in_view() {
    let mut app = new_app();
    for name in ["Northwind", "Contoso"] {
        keys(&mut app, "1a");
        keys(&mut app, name);
        press(&mut app, KeyCode::Enter);
    }
    keys(&mut app, "1/north");
    press(&mut app, KeyCode::Enter);
    let id = app.selected_partner().unwrap().id;
    keys(&mut app, "e");
    retype(&mut app, "Southwind");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_partner().map(|p| p.id), Some(id));
    assert_eq!(app.selected_partner().unwrap().name, "Southwind");
    assert_eq!(app.pane(Pane::Partners).filter, "");
    assert!(
        app.status.as_ref().unwrap().text.contains("filter cleared"),
        "{:?}",
        app.status
    );
    // Esc clears a filter in the main screen too.
    keys(&mut app, "/con");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.rows(Pane::Partners).len(), 1);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.rows(Pane::Partners).len(), 2);
}

#[test]
fn the_name_follows_the_playbook_until_the_user_types_one() {
    let mut app = new_app();
    keys(&mut app, "aAcme");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "2a");
    form_field(&mut app, "playbook");
    press(&mut app, KeyCode::Right);
    assert_eq!(form(&app).value("name"), "Quick Win Webinar");
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert_eq!(form(&app).value("name"), "Virtual Summit");
    assert_eq!(form(&app).chosen("campaign_type"), "virtual_event");
    form_field(&mut app, "name");
    retype(&mut app, "Data Summit 2027");
    form_field(&mut app, "playbook");
    press(&mut app, KeyCode::Right);
    assert_eq!(form(&app).value("name"), "Data Summit 2027");
}

/// Sets a form field by key: a text field is retyped, a choice is picked by
/// its key.
pub(super) fn set(app: &mut App, field: &str, value: &str) {
    let is_choice = matches!(
        form(app).field(field).map(|f| &f.input),
        Some(form::Input::Choice { .. })
    );
    if is_choice {
        if let Mode::Form(open) = &mut app.mode {
            open.form.set_choice(field, value);
        }
    } else {
        form_field(app, field);
        retype(app, value);
    }
}
