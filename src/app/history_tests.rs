//! The history names our own edits by `our_owner` and others' by their
//! login, in local time with its offset (issue 11, "also mend").

use super::super::tests::{app_on, keys};
use super::*;
use crate::store::{ChangeRow, Store};
use chrono::{DateTime, FixedOffset};
use rusqlite::types::Value;

fn row(actor: &str, at: &str) -> ChangeRow {
    ChangeRow {
        set_id: 1,
        at: at.into(),
        entity: "campaigns".into(),
        record_id: 1,
        op: "update".into(),
        field: Some("budget".into()),
        old: Value::Text("5000".into()),
        new: Value::Text("6000".into()),
        actor: actor.into(),
    }
}

#[test]
fn a_line_says_who_by_name_and_when_in_local_time() {
    let us = Us {
        actor: "dana",
        our_owner: "Dana Whitfield",
    };
    let paris = FixedOffset::east_opt(3600).unwrap();
    assert_eq!(
        history_line(&row("dana", "2026-11-21T14:02:09.123Z"), &us, &paris),
        "2026-11-21 15:02 +01:00  Dana Whitfield  budget: 5000 → 6000"
    );
    // Another login on a shared file is named by its login; the local day
    // may differ from the UTC one.
    let la = FixedOffset::west_opt(8 * 3600).unwrap();
    assert_eq!(
        history_line(&row("sam", "2026-11-21T03:30:00.000Z"), &us, &la),
        "2026-11-20 19:30 -08:00  sam  budget: 5000 → 6000"
    );
    // A time that does not read as RFC 3339 is shown as stored.
    assert!(history_line(&row("sam", "yesterday"), &us, &paris).starts_with("yesterday UTC  sam"),);
}

/// Driven from the keys: `H` on a campaign edited by this user and by
/// another login names them "Dana" (our_owner) and "sam", in this
/// machine's local time.
#[test]
fn h_names_our_edits_by_our_owner() {
    let mut store = Store::open_in_memory().unwrap();
    store.set_actor("dana-login").unwrap();
    let mut app = app_on(store);
    app.config.our_owner = "Dana".into();
    keys(&mut app, "aNorthwind");
    app.handle_key(crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Enter,
    ));
    app.store.set_actor("sam").unwrap();
    keys(&mut app, "e");
    // The name is selected as the form opens: End keeps it, typing adds.
    app.handle_key(crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::End,
    ));
    keys(&mut app, "s");
    app.handle_key(crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Enter,
    ));
    assert_eq!(app.selected_partner().unwrap().name, "Northwinds");
    app.store.set_actor("dana-login").unwrap();
    keys(&mut app, "H");
    let Mode::History(crate::app::views::history::History { lines, .. }) = &app.mode else {
        panic!("no history: {:?} {:?}", app.mode, app.status)
    };
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].contains("  sam  name: Northwind → Northwinds"),
        "{lines:?}"
    );
    assert!(lines[1].ends_with("  Dana  created"), "{lines:?}");
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("UTC") || l.contains("dana-login"))
    );
    // The time shown is the stored instant, in local time with its offset.
    let stored = app
        .store
        .history_of(RecordRef::Partner(app.selected_partner().unwrap().id));
    let at = DateTime::parse_from_rfc3339(&stored.unwrap()[0].at).unwrap();
    let shown = DateTime::parse_from_str(&lines[1][..23], "%Y-%m-%d %H:%M %:z").unwrap();
    let local = at.with_timezone(&chrono::Local);
    assert_eq!(
        shown.offset().local_minus_utc(),
        local.offset().local_minus_utc()
    );
    assert_eq!(shown.timestamp() / 60, at.timestamp() / 60);
}
