//! The smallest screen, 80×24, as a user sees it (review of issue 10,
//! finding 13): a long status keeps its reason, the help overlay shows
//! every description whole, the hint bar keeps undo and the way out, and
//! counts and articles read as English.

use super::tests::{app_on, app_with_campaign_on, form_field, keys, press, retype};
use super::*;
use crate::store::exchange::{ImportMode, import, parse};
use crossterm::event::KeyCode;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The screen's rows at `w`×`h`.
fn rows_at(app: &mut App, w: u16, h: u16) -> Vec<String> {
    app.set_areas(crate::ui::areas(Rect::new(0, 0, w, h)));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

fn small(app: &mut App) -> Vec<String> {
    rows_at(app, 80, 24)
}

/// The hint bar: the screen's last row.
fn hint_bar(app: &mut App) -> String {
    small(app).last().cloned().unwrap_or_default()
}

#[test]
fn the_example_plans_refusal_in_a_euro_database_keeps_its_reason_at_80_columns() {
    let doc = parse(r#"{"format": "jmo", "version": 1, "currency": "EUR"}"#).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import(
        &mut store,
        &doc,
        ImportMode::Record {
            label: "Import".into(),
        },
    )
    .unwrap();
    let mut app = app_on(store);
    assert!(app.is_welcome());
    keys(&mut app, "x");
    let screen = small(&mut app).join("\n");
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Could not load the example plan: the example plan is in USD and this database counts in EUR: load it into a new database"),
        "{screen}"
    );
    // The hint bar is still there, under it.
    assert!(hint_bar(&mut app).contains("q quit"), "{screen}");
}

#[test]
fn the_help_overlay_shows_every_description_whole_at_80_columns() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    let expected: Vec<String> = app
        .help()
        .into_iter()
        .flat_map(|s| s.lines.into_iter().map(|(_, what)| what))
        .collect();
    keys(&mut app, "?");
    // Scroll through, collecting what is shown.
    let mut seen = String::new();
    for _ in 0..8 {
        for row in small(&mut app) {
            seen.push_str(&row);
            seen.push('\n');
        }
        press(&mut app, KeyCode::PageDown);
    }
    let flat = seen.split_whitespace().collect::<Vec<_>>().join(" ");
    for what in expected {
        assert!(flat.contains(&what), "{what:?} cut off:\n{seen}");
    }
}

#[test]
fn the_hint_bar_keeps_undo_help_and_quit_at_80_columns() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    // A milestone row, where the hints are longest.
    keys(&mut app, "2jj");
    let bar = hint_bar(&mut app);
    assert!(bar.starts_with("Space advance"), "{bar}");
    for hint in ["u undo", "? help", "q quit"] {
        assert!(bar.contains(hint), "{hint:?} dropped: {bar}");
    }
    // The partner's profile.
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    let bar = hint_bar(&mut app);
    for hint in ["u undo", "Esc close"] {
        assert!(bar.contains(hint), "{hint:?} dropped: {bar}");
    }
}

#[test]
fn a_conflicting_form_keeps_both_choices_in_its_hint_bar_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut a = app_with_campaign_on(app_on(Store::open(&path).unwrap()));
    let mut b = app_on(Store::open(&path).unwrap());
    let c = a.selected_campaign().unwrap().id;
    for app in [&mut a, &mut b] {
        let i = app
            .rows(Pane::Mdf)
            .iter()
            .position(|r| *r == Row::Budget(c))
            .unwrap();
        app.select(Pane::Mdf, Row::Budget(c), i);
        app.focus = Pane::Mdf;
    }
    press(&mut a, KeyCode::Char('e'));
    form_field(&mut a, "budget");
    retype(&mut a, "12500");
    // The other jmo sets the budget meanwhile.
    press(&mut b, KeyCode::Char('e'));
    form_field(&mut b, "budget");
    retype(&mut b, "8000");
    press(&mut b, KeyCode::Enter);
    assert!(matches!(b.mode, Mode::Normal), "{:?}", b.status);
    press(&mut a, KeyCode::Enter);
    assert!(
        matches!(a.mode, Mode::Form(_)),
        "no conflict: {:?}",
        a.status
    );
    let bar = hint_bar(&mut a);
    assert!(bar.starts_with("Enter save yours over theirs"), "{bar}");
    assert!(bar.contains("Esc reload theirs"), "{bar}");
}

#[test]
fn undoing_a_whole_plan_counts_its_records_in_english_and_fits_80x24() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "xu");
    let Mode::Confirm(views::confirm::Confirm { message, .. }) = &app.mode else {
        panic!("u undid without asking");
    };
    assert_eq!(
        message,
        "Undo 'Load the example plan'? It removes 6 partners, 16 campaigns, 4 funds \
         and 384 other records. y undoes, n keeps everything."
    );
    let screen = rows_at(&mut app, 80, 24).join("\n");
    assert!(screen.contains("n keeps everything."), "{screen}");
}

/// Cells drawn as part of a bar.
fn is_bar(c: char) -> bool {
    ('▁'..='█').contains(&c) || c == '#'
}

#[test]
fn the_dashboard_chart_puts_each_amount_above_its_bar_not_on_it() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "xD");
    for (w, h) in [(80, 24), (200, 60)] {
        let screen = rows_at(&mut app, w, h);
        let top = screen
            .iter()
            .position(|r| r.contains("Sourced pipeline by launch month"))
            .unwrap();
        let bottom = top
            + screen[top..]
                .iter()
                .position(|r| r.contains("Jan"))
                .unwrap();
        let chart: Vec<Vec<char>> = screen[top + 1..bottom]
            .iter()
            .map(|r| r.chars().collect())
            .collect();
        let mut amounts = 0;
        for (y, row) in chart.iter().enumerate() {
            for (x, &c) in row.iter().enumerate() {
                if c != '$' {
                    continue;
                }
                amounts += 1;
                let end = x + row[x..].iter().take_while(|c| !c.is_whitespace()).count();
                let text: String = row[x..end].iter().collect();
                assert!(
                    !is_bar(row[x - 1]) && !row.get(end).copied().is_some_and(is_bar),
                    "{text} touches a bar at {w}x{h}:\n{}",
                    screen.join("\n")
                );
                assert!(
                    text[1..]
                        .chars()
                        .all(|c| c.is_ascii_digit() || ".KM".contains(c)),
                    "{text} at {w}x{h}"
                );
                let below = chart.get(y + 1).map(|r| r[x..end].to_vec());
                let on_bar = below.is_some_and(|b| b.iter().any(|&c| is_bar(c)));
                assert!(on_bar, "{text} is not above its bar at {w}x{h}");
            }
        }
        assert!(amounts >= 2, "{}", screen.join("\n"));
    }
}

#[test]
fn loading_the_example_plan_says_so_whole_at_80_columns() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    assert!(!app.is_welcome());
    let screen = small(&mut app);
    // The two status lines above the hint bar hold the whole message,
    // the way back (u) included, without an ellipsis.
    let status = screen[screen.len() - 3..screen.len() - 1].join(" ");
    let flat = status.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Loaded the example plan as of")
            && flat.contains("6 partners, 16 campaigns")
            && flat.ends_with("(u undoes it)"),
        "{}",
        screen.join("\n")
    );
    assert!(!status.contains('…'), "{status}");
}
