//! A save or an undo keeps the user's filters and focus: a filter is
//! cleared only when it would hide the record changed, and the status bar
//! says so (issue 11, "also mend").

use super::tests::{app_on, app_with_campaign_on, form_field, keys, press, retype};
use super::view::{Pane, Row};
use super::*;
use crossterm::event::KeyCode;

/// Northwind's webinar, the Timeline filtered by "webinar" (which the
/// campaign matches), the cursor on a checklist item in the focused
/// Checklist pane; the item's id.
fn filtered() -> (App, ResponsibilityId) {
    let mut app = app_with_campaign_on(app_on(Store::open_in_memory().unwrap()));
    keys(&mut app, "2/webinar");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.pane(Pane::Timeline).filter, "webinar");
    keys(&mut app, "3j");
    let Some(Row::Item(id)) = app.selected_row(Pane::Checklist) else {
        panic!("no item: {:?}", app.selected_row(Pane::Checklist))
    };
    (app, id)
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn saving_an_edit_keeps_a_filter_that_still_matches() {
    let (mut app, id) = filtered();
    keys(&mut app, "e");
    form_field(&mut app, "title");
    retype(&mut app, "Send the speaker bios");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    assert_eq!(
        app.program.responsibilities.get(id).unwrap().title,
        "Send the speaker bios"
    );
    assert_eq!(app.pane(Pane::Timeline).filter, "webinar");
    assert!(!status(&app).contains("filter cleared"), "{}", status(&app));
    assert_eq!(app.focus, Pane::Checklist);
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(id)));
}

#[test]
fn undo_keeps_the_focus_and_the_filters() {
    let (mut app, id) = filtered();
    keys(&mut app, " "); // tick
    assert!(app.program.responsibilities.get(id).unwrap().is_done());
    keys(&mut app, "1"); // look elsewhere
    keys(&mut app, "u");
    assert!(!app.program.responsibilities.get(id).unwrap().is_done());
    assert_eq!(app.focus, Pane::Partners, "undo moved the focus");
    assert_eq!(app.pane(Pane::Timeline).filter, "webinar");
    // The record undone is selected in its pane, for the user to see.
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(id)));
    assert!(status(&app).starts_with("Undone: "), "{}", status(&app));
    assert!(!status(&app).contains("filter cleared"), "{}", status(&app));
    // Redo too.
    press_ctrl_r(&mut app);
    assert!(app.program.responsibilities.get(id).unwrap().is_done());
    assert_eq!(app.focus, Pane::Partners);
    assert_eq!(app.pane(Pane::Timeline).filter, "webinar");
}

#[test]
fn undo_clears_a_filter_only_when_it_would_hide_the_record_and_says_so() {
    let (mut app, id) = filtered();
    let before = app.program.responsibilities.get(id).unwrap().title.clone();
    keys(&mut app, "e");
    form_field(&mut app, "title");
    retype(&mut app, "Zebra crossing");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "/zebra");
    press(&mut app, KeyCode::Enter);
    let rows = app.rows(Pane::Checklist);
    let items: Vec<&Row> = rows.iter().filter(|r| matches!(r, Row::Item(_))).collect();
    assert_eq!(items, [&Row::Item(id)]);
    keys(&mut app, "u"); // back to its old title, which "zebra" hides
    assert_eq!(app.program.responsibilities.get(id).unwrap().title, before);
    assert_eq!(app.pane(Pane::Checklist).filter, "");
    assert_eq!(app.pane(Pane::Timeline).filter, "webinar", "still matched");
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(id)));
    assert_eq!(app.focus, Pane::Checklist);
    let s = status(&app);
    assert!(s.starts_with("Undone: "), "{s}");
    assert!(s.contains("Checklist filter cleared"), "{s}");
}

fn press_ctrl_r(app: &mut App) {
    app.handle_key(crossterm::event::KeyEvent::new(
        KeyCode::Char('r'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
}
