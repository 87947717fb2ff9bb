//! The screen and its file (review 1 of issue 10, items 11, 12, 14): a
//! write lock held by another program, a database others can read, and a
//! Ctrl-Z that cannot stop jmo (tests/messages.rs drives that one).

use super::tests::{app_on, app_with_campaign_on, press};
use super::*;
use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use std::path::Path;

/// The app on a new database file at `path`, with one partner, one
/// campaign and its checklist, the first checklist item selected.
fn app_on_file(path: &Path) -> (App, ResponsibilityId) {
    let mut app = app_with_campaign_on(app_on(Store::open(path).unwrap()));
    let c = app.selected_campaign().unwrap().id;
    let item = app.program.checklist_of(c)[0].id;
    let row = Row::Item(item);
    let i = app
        .rows(Pane::Checklist)
        .iter()
        .position(|r| *r == row)
        .unwrap();
    app.select(Pane::Checklist, row, i);
    app.focus = Pane::Checklist;
    (app, item)
}

/// The whole screen as text, one line per row.
fn screen(app: &mut App) -> String {
    let mut terminal = ratatui::Terminal::new(TestBackend::new(160, 45)).unwrap();
    app.set_areas(crate::ui::areas(ratatui::layout::Rect::new(0, 0, 160, 45)));
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

fn status(app: &App) -> (StatusKind, String) {
    let s = app.status.as_ref().expect("a status message");
    (s.kind, s.text.clone())
}

/// Another program holds the write lock: the key's edit gives up after the
/// screen's short wait, saves nothing, and says what happened and what to
/// do; once the lock is gone the same key saves.
#[test]
fn a_key_while_another_program_holds_the_write_lock_says_so_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let (mut app, item) = app_on_file(&path);
    let waits: i64 = app
        .store
        .conn()
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        waits,
        i64::try_from(SCREEN_BUSY_TIMEOUT.as_millis()).unwrap(),
        "the screen waits less than the commands"
    );
    // Short for the test; the behaviour is the same at any length.
    app.store
        .set_busy_timeout(std::time::Duration::from_millis(20))
        .unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();

    press(&mut app, KeyCode::Char(' '));
    assert_eq!(
        status(&app),
        (
            StatusKind::Error,
            "Not saved: another program is writing to this database; try again in a moment".into()
        )
    );
    assert_eq!(
        app.store
            .get::<Responsibility>(item)
            .unwrap()
            .unwrap()
            .value
            .done_on,
        None
    );
    assert_eq!(
        app.program.responsibilities.get(item).unwrap().done_on,
        None
    );

    other.execute_batch("ROLLBACK").unwrap();
    press(&mut app, KeyCode::Char(' '));
    assert_eq!(status(&app).0, StatusKind::Saved, "{:?}", app.status);
    assert!(
        app.store
            .get::<Responsibility>(item)
            .unwrap()
            .unwrap()
            .value
            .done_on
            .is_some()
    );
}

/// The store says "busy" in its own words, for every caller.
#[test]
fn a_locked_database_is_a_busy_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut store = Store::open(&path).unwrap();
    store
        .set_busy_timeout(std::time::Duration::from_millis(10))
        .unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store
        .edit("Add Acme", |tx| {
            tx.insert(&Partner {
                name: "Acme".into(),
                ..Partner::default()
            })
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    other.execute_batch("ROLLBACK").unwrap();
}

/// The warning about a database others can read stays on the screen after
/// keys (whenever no other message is there), and goes within one idle
/// tick of `chmod 600`.
#[test]
fn the_readable_by_others_warning_stays_until_the_mode_is_fixed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    drop(app_on_file(&path));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mut app = app_on(Store::open(&path).unwrap());
    let says = "database readable by others (mode 0644): chmod 600";
    assert!(screen(&mut app).contains(says), "{}", screen(&mut app));
    // Keys that clear the status line: the warning is still there.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.status, None);
    let shown = screen(&mut app);
    assert!(shown.contains(says), "{shown}");
    // Another message takes the line while it is there…
    app.say(StatusKind::Info, "Something else");
    assert!(!screen(&mut app).contains(says));
    // …and once the mode is fixed, the next idle tick takes it away.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    app.status = None;
    assert!(screen(&mut app).contains(says));
    app.tick();
    crate::app::effects::run_files(&mut app);
    assert_eq!(app.standing_warning(), None);
    assert!(!screen(&mut app).contains("readable by others"));
}
