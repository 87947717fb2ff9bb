//! Views and pop-ups as a user meets them (issue 10, review 2: N12, N14):
//! a view keeps the keys it does not use (never closing and letting the
//! next keys act on the main screen), the page keys scroll it, and a
//! pop-up's options are shown whole.

use super::tests::{app_on, keys, press};
use super::*;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The example plan as of the tests' day.
fn example() -> App {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    assert!(!app.is_welcome());
    app
}

/// The screen's rows at `w`×`h`, laid out as the event loop does.
fn rows_at(app: &mut App, w: u16, h: u16) -> Vec<String> {
    app.set_areas(crate::ui::areas(Rect::new(0, 0, w, h)));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

fn partner_named(app: &App, name: &str) -> PartnerId {
    app.program
        .partners
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.id)
        .unwrap()
}

#[test]
fn the_link_menu_of_a_plan_shows_each_campaign_whole_and_cuts_with_an_ellipsis() {
    let mut app = example();
    app.reveal(RecordRef::Partner(partner_named(&app, "Northwind Analytics")));
    keys(&mut app, "J");
    assert!(matches!(app.mode, Mode::Plan { .. }), "{:?}", app.mode);
    keys(&mut app, "l");
    let Mode::Menu { options, .. } = &app.mode else {
        panic!("no link menu: {:?}", app.mode);
    };
    let labels: Vec<String> = options.iter().map(|(_, l, _)| l.clone()).collect();
    assert!(
        labels.iter().any(|l| l.len() > 52 && l.contains(", launch 20")),
        "a long option to show: {labels:?}"
    );
    // A wide screen shows every option whole, status and launch date too
    // (in the pop-up: the hint bar below lists them as well).
    let mut wide = rows_at(&mut app, 200, 60);
    wide.truncate(57);
    let wide = wide.join("\n");
    for label in &labels {
        assert!(wide.contains(label.as_str()), "{label} cut:\n{wide}");
    }
    // At 80 columns an option that does not fit ends with an ellipsis.
    let mut narrow = rows_at(&mut app, 80, 24);
    narrow.truncate(21);
    for label in &labels {
        let head: String = label.chars().take(20).collect();
        let row = narrow
            .iter()
            .find(|r| r.contains(&head))
            .unwrap_or_else(|| panic!("{label} missing:\n{}", narrow.join("\n")));
        assert!(
            row.contains(label.as_str()) || row.contains('…'),
            "{label} cut without an ellipsis: {row}"
        );
    }
}
