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

fn key(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    app.handle_key(KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
    crate::app::effects::run_files(app);
}

fn ctrl(app: &mut App, c: char) {
    key(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// What the main screen behind a view shows: focus, each pane's
/// selection and scroll, and every record (an undo or a delete shows).
fn main_screen(app: &App) -> String {
    let panes: Vec<_> = Pane::ALL
        .iter()
        .map(|p| (app.pane(*p).selected, app.pane(*p).offset))
        .collect();
    format!("{:?} {panes:?} {:?}", app.focus, app.program)
}

/// The open view's kind and, for a view, its record.
fn view_of(app: &App) -> String {
    match &app.mode {
        Mode::Profile(views::profile::Profile { partner, .. }) => format!("Profile {partner:?}"),
        Mode::Plan(views::plan::Plan { plan, .. }) => format!("Plan {plan:?}"),
        Mode::Results(views::results::Results { campaign, .. }) => format!("Results {campaign:?}"),
        other => format!("{other:?}")
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect(),
    }
}

/// Keys none of the views uses, the main screen's page keys among them.
fn unused_keys(app: &mut App) {
    for code in [
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Char('1'),
        KeyCode::Char('4'),
        KeyCode::Char('/'),
        KeyCode::F(5),
        KeyCode::Delete,
        KeyCode::Insert,
        KeyCode::PageDown,
        KeyCode::PageUp,
        KeyCode::End,
        KeyCode::Home,
    ] {
        key(app, code, KeyModifiers::NONE);
    }
    // Ctrl-d / Ctrl-u page (they are not d "delete" or u "undo" here),
    // Ctrl-r (redo) and Alt-x do nothing in a view.
    for c in ['d', 'u', 'r'] {
        ctrl(app, c);
    }
    key(app, KeyCode::Char('x'), KeyModifiers::ALT);
}

#[test]
fn every_view_keeps_the_keys_it_does_not_use_and_esc_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = example();
    app.config.packet_dir = Some(dir.path().to_path_buf());
    let northwind = partner_named(&app, "Northwind Analytics");
    let request = app.program.requests.iter().next().unwrap().id;
    type Open = Box<dyn Fn(&mut App)>;
    let views: Vec<(&str, Open)> = vec![
        ("help", Box::new(|a: &mut App| keys(a, "?"))),
        ("findings", Box::new(|a: &mut App| keys(a, "f"))),
        ("dashboard", Box::new(|a: &mut App| keys(a, "D"))),
        ("results", Box::new(|a: &mut App| keys(a, "2R"))),
        ("history", Box::new(|a: &mut App| keys(a, "1H"))),
        (
            "profile",
            Box::new(|a: &mut App| {
                keys(a, "1");
                press(a, KeyCode::Enter);
            }),
        ),
        (
            "plan",
            Box::new(move |a: &mut App| {
                a.reveal(RecordRef::Partner(northwind));
                keys(a, "J");
            }),
        ),
        ("menu", Box::new(|a: &mut App| keys(a, "2a"))),
        (
            "notice",
            Box::new(move |a: &mut App| {
                a.mode = Mode::Notice(views::notice::Notice {
                    title: "Not claimable yet: the packet needs".into(),
                    lines: vec!["an invoice".into()],
                    action: Some((
                        'd',
                        "write a DRAFT packet anyway".into(),
                        MenuChoice::DraftPacket(request),
                    )),
                });
            }),
        ),
    ];
    for (name, open) in views {
        open(&mut app);
        let view = view_of(&app);
        assert!(
            !matches!(app.mode, Mode::Normal),
            "{name}: nothing opened ({:?})",
            app.status
        );
        let behind = main_screen(&app);
        unused_keys(&mut app);
        assert_eq!(view_of(&app), view, "{name} closed or changed");
        assert!(
            main_screen(&app) == behind,
            "{name}: a key reached the main screen"
        );
        assert!(
            std::fs::read_dir(dir.path()).unwrap().next().is_none(),
            "{name}: a key wrote a file"
        );
        press(&mut app, KeyCode::Esc);
        assert!(
            matches!(app.mode, Mode::Normal),
            "{name}: Esc left {:?}",
            app.mode
        );
    }
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
    app.reveal(RecordRef::Partner(partner_named(
        &app,
        "Northwind Analytics",
    )));
    keys(&mut app, "J");
    assert!(matches!(app.mode, Mode::Plan(_)), "{:?}", app.mode);
    keys(&mut app, "l");
    let Mode::Menu(views::menu::Menu { options, .. }) = &app.mode else {
        panic!("no link menu: {:?}", app.mode);
    };
    let labels: Vec<String> = options.iter().map(|(_, l, _)| l.clone()).collect();
    assert!(
        labels
            .iter()
            .any(|l| l.len() > 52 && l.contains(", launch 20")),
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

/// Lays the screen out at 80×24 as the event loop does before each key
/// (the open view's room included) and returns the rows.
fn laid_out(app: &mut App) -> Vec<String> {
    let rows = rows_at(app, 80, 24);
    app.set_areas(crate::ui::areas_for(app, Rect::new(0, 0, 80, 24)));
    rows
}

fn scroll_of(app: &App) -> usize {
    match &app.mode {
        Mode::Help(views::help::Help { scroll })
        | Mode::Dashboard(views::dashboard::Dashboard { scroll, .. })
        | Mode::Results(views::results::Results { scroll, .. })
        | Mode::History(views::history::History { scroll, .. }) => *scroll,
        other => panic!("not a scrolling view: {other:?}"),
    }
}

#[test]
fn page_keys_scroll_a_view_to_its_real_end_and_back_at_once() {
    let mut app = example();
    for (name, open) in [("dashboard", "D"), ("help", "?"), ("results", "2R")] {
        keys(&mut app, open);
        let top = laid_out(&mut app);
        let max = app.areas.scroll.map(|r| r.max).unwrap();
        assert!(max > 2, "{name}: something to scroll at 80x24");
        key(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
        assert!(scroll_of(&app) > 1, "{name}: PgDn scrolls a page");
        assert_ne!(laid_out(&mut app), top, "{name}: PgDn shows more");
        ctrl(&mut app, 'u');
        assert_eq!(scroll_of(&app), 0, "{name}: Ctrl-u pages back");
        ctrl(&mut app, 'd');
        assert!(scroll_of(&app) > 1, "{name}: Ctrl-d pages");
        laid_out(&mut app);
        key(&mut app, KeyCode::End, KeyModifiers::NONE);
        assert_eq!(scroll_of(&app), max, "{name}: End is the last page");
        let end = laid_out(&mut app);
        // More ↓ does not go past the end, so ↑ moves at once.
        keys(&mut app, "jjjj");
        assert_eq!(scroll_of(&app), max, "{name}: nothing past the end");
        keys(&mut app, "k");
        assert_eq!(scroll_of(&app), max - 1, "{name}: ↑ moves at once");
        assert_ne!(laid_out(&mut app), end, "{name}: ↑ shows it");
        key(&mut app, KeyCode::Home, KeyModifiers::NONE);
        assert_eq!(laid_out(&mut app), top, "{name}: Home is the top");
        press(&mut app, KeyCode::Esc);
        assert!(matches!(app.mode, Mode::Normal), "{name}");
    }
}
