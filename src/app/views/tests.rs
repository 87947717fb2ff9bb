//! The views' keys as a user meets them (issue 11): every view answers
//! `?` (F1 where letters are typed) with its own keys, a key it does not
//! use leaves it open and says so, `[keys]` and `[keys.VIEW]` rebind a
//! view's keys, and its hint bar and help follow; a key's file work waits
//! for the event loop.

use super::*;
use crate::app::tests::{TODAY, app_on, d, keys, press, press_mod};
use crate::app::view::Scrolling;
use crate::app::{Clock, Display, Setup, config, effects};
use crate::domain::*;
use crate::store::Store;
use crossterm::event::{KeyEventKind, KeyEventState, KeyModifiers};
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

/// The example plan with a config file's text applied.
fn example_with(config_text: &str) -> App {
    let (config, warnings) = config::parse(config_text);
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut loaded = config::defaults();
    loaded.config.keys = config.keys;
    loaded.config.view_keys = config.view_keys;
    let mut app = App::new(Setup {
        store: Store::open_in_memory().unwrap(),
        loaded,
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(d(TODAY)),
    })
    .unwrap();
    app.set_areas(crate::ui::areas(Rect::new(0, 0, 160, 45)));
    keys(&mut app, "x");
    app
}

fn partner_named(app: &App, name: &str) -> PartnerId {
    app.program
        .partners
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.id)
        .unwrap()
}

/// The screen's rows at 160×45.
fn screen(app: &mut App) -> String {
    app.set_areas(crate::ui::areas_for(app, Rect::new(0, 0, 160, 45)));
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..45)
        .map(|y| (0..160).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

type Open = Box<dyn Fn(&mut App)>;

/// Every view, by its config name, with the keys that open it on the
/// example plan from the main screen.
fn views(app: &App) -> Vec<(&'static str, Open)> {
    let northwind = partner_named(app, "Northwind Analytics");
    let request = app.program.requests.iter().next().unwrap().id;
    vec![
        ("main", Box::new(|_: &mut App| {})),
        ("filter", Box::new(|a: &mut App| keys(a, "1/"))),
        ("findings", Box::new(|a: &mut App| keys(a, "f"))),
        ("form", Box::new(|a: &mut App| keys(a, "1e"))),
        ("confirm", Box::new(|a: &mut App| keys(a, "3jd"))),
        (
            "notice",
            Box::new(move |a: &mut App| {
                a.mode = Mode::Notice(notice::Notice {
                    title: "Not claimable yet: the packet needs".into(),
                    lines: vec!["an invoice".into()],
                    action: Some((
                        'd',
                        "write a DRAFT packet anyway".into(),
                        crate::app::MenuChoice::DraftPacket(request),
                    )),
                });
            }),
        ),
        ("menu", Box::new(|a: &mut App| keys(a, "2a"))),
        ("prompt", Box::new(|a: &mut App| keys(a, "2jb"))),
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
        ("results", Box::new(|a: &mut App| keys(a, "2R"))),
        ("dashboard", Box::new(|a: &mut App| keys(a, "D"))),
        ("history", Box::new(|a: &mut App| keys(a, "1H"))),
        ("capture", Box::new(|a: &mut App| keys(a, "+"))),
        ("agenda", Box::new(|a: &mut App| keys(a, "T"))),
        ("jump", Box::new(|a: &mut App| keys(a, "'"))),
    ]
}

/// The help lines of the table of the view named `name`.
fn table_lines(app: &App, name: &str) -> Vec<(String, String)> {
    let k = &app.keys;
    match name {
        "main" => app.keymap.help_lines(),
        "filter" => k.filter.help_lines(),
        "help" => k.help.help_lines(),
        "findings" => k.findings.help_lines(),
        "form" => k.form.help_lines(),
        "confirm" => k.confirm.help_lines(),
        "notice" => k.notice.help_lines(),
        "menu" => k.menu.help_lines(),
        "prompt" => k.prompt.help_lines(),
        "profile" => k.profile.help_lines(),
        "plan" => k.plan.help_lines(),
        "results" => k.results.help_lines(),
        "dashboard" => k.dashboard.help_lines(),
        "history" => k.history.help_lines(),
        "capture" => k.capture.help_lines(),
        "agenda" => k.agenda.help_lines(),
        "jump" => k.jump.help_lines(),
        other => panic!("no view {other}"),
    }
}

/// Views where letters are typed: their help key is F1.
fn typing(name: &str) -> bool {
    matches!(name, "filter" | "form" | "prompt" | "capture" | "jump")
}

fn reset(app: &mut App) {
    app.mode = Mode::Normal;
    app.back.clear();
    app.status = None;
}

#[test]
fn every_view_answers_help_with_its_own_keys_then_the_keys_of_anywhere() {
    let mut app = example();
    for (name, open) in views(&app) {
        reset(&mut app);
        open(&mut app);
        assert_eq!(
            app.mode.name(),
            name,
            "{name} did not open: {:?}",
            app.status
        );
        if typing(name) {
            press(&mut app, KeyCode::F(1));
        } else {
            keys(&mut app, "?");
        }
        assert!(matches!(app.mode, Mode::Help(_)), "{name}: no help");
        let sections = app.help();
        let own = table_lines(&app, name);
        assert!(!own.is_empty());
        for line in &own {
            assert!(
                sections[0].lines.contains(line),
                "{name}: help lacks {line:?}"
            );
        }
        assert_eq!(sections.last().map(|s| s.title.as_str()), Some("Anywhere"));
        // The overlay shows the view's section first.
        let shown = screen(&mut app);
        assert!(shown.contains(&sections[0].title), "{name}:\n{shown}");
        assert!(shown.contains(&own[0].1), "{name}:\n{shown}");
        // Esc (or ? again) closes the help: the view is back.
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.mode.name(), name, "{name}: not back after the help");
    }
    // In the help itself, ? closes it.
    reset(&mut app);
    keys(&mut app, "??");
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn a_key_a_view_does_not_use_leaves_it_open_and_says_so() {
    let mut app = example();
    let mut all = views(&app);
    all.push(("help", Box::new(|a: &mut App| keys(a, "?"))));
    for (name, open) in all {
        reset(&mut app);
        open(&mut app);
        assert_eq!(app.mode.name(), name);
        let (key, says) = match name {
            _ if typing(name) => (KeyCode::F(5), "F5 does nothing here; F1 for keys"),
            // In the help, ? closes it: no "? for keys" there.
            "help" => (
                KeyCode::Char('Z'),
                "Z does nothing here; Esc closes the help",
            ),
            _ => (KeyCode::Char('Z'), "Z does nothing here; ? for keys"),
        };
        press(&mut app, key);
        assert_eq!(app.mode.name(), name, "{name} closed on {key:?}");
        assert_eq!(
            app.status.as_ref().map(|s| s.text.as_str()),
            Some(says),
            "{name}"
        );
        // Held with Ctrl, a letter the view does not bind does nothing too.
        press_mod(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert_eq!(app.mode.name(), name, "{name} closed on Ctrl-y");
    }
}

/// The screen's rows at 80×24, the smallest jmo lays out.
fn screen_80x24(app: &mut App) -> String {
    app.set_areas(crate::ui::areas_for(app, Rect::new(0, 0, 80, 24)));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_status_line_shows_over_every_view_at_80x24() {
    let mut app = example();
    let mut all = views(&app);
    all.push(("help", Box::new(|a: &mut App| keys(a, "?"))));
    // (The filter's status line is the filter being typed.)
    for (name, open) in all.into_iter().filter(|(name, _)| *name != "filter") {
        reset(&mut app);
        open(&mut app);
        let key = if typing(name) {
            KeyCode::F(5)
        } else {
            KeyCode::Char('Z')
        };
        press(&mut app, key);
        let says = app.status.as_ref().map(|s| s.text.clone()).unwrap();
        let shown = screen_80x24(&mut app);
        let rows: Vec<&str> = shown.lines().collect();
        assert!(
            rows[22].starts_with(&says) || rows[21].starts_with(&says),
            "{name}: {says:?} not on the status line:\n{shown}"
        );
    }
}

#[test]
fn a_keys_override_applies_in_the_profile_and_a_per_view_one_there_only() {
    let mut app = example_with(
        r#"
        [keys]
        undo = "z"
        [keys.profile]
        archive = "A"
        "#,
    );
    // Messages name the key as bound.
    let loaded = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(loaded.ends_with("(z undoes it)"), "{loaded}");
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    let Mode::Profile(profile) = &app.mode else {
        panic!("no profile: {:?}", app.mode);
    };
    let partner = profile.partner;
    // An edit in the profile, undone with [keys] undo = "z".
    let contacts = app.program.contacts_of(partner).len();
    keys(&mut app, "c");
    keys(&mut app, "Ana Ruiz");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.program.contacts_of(partner).len(), contacts + 1);
    assert_eq!(app.mode.name(), "profile");
    keys(&mut app, "u");
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("u does nothing here; ? for keys")
    );
    assert_eq!(app.program.contacts_of(partner).len(), contacts + 1);
    keys(&mut app, "z");
    assert_eq!(app.program.contacts_of(partner).len(), contacts, "z undoes");
    assert_eq!(app.mode.name(), "profile");
    // [keys.profile] archive = "A": A asks to archive, X does nothing.
    keys(&mut app, "X");
    assert_eq!(app.mode.name(), "profile");
    keys(&mut app, "A");
    let Mode::Confirm(c) = &app.mode else {
        panic!("A did not ask: {:?}", app.mode);
    };
    assert_eq!(c.then, crate::app::Confirmed::Archive(partner));
    keys(&mut app, "n");
    assert_eq!(app.mode.name(), "profile");
    // On the main screen A still shows archived partners: the override
    // was the profile's only; z undoes there too.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    keys(&mut app, "A");
    assert!(app.partner_view.show_archived);
    assert_eq!(app.keymap.key_label(crate::app::Action::Undo), "z");
}

#[test]
fn the_hint_bar_and_help_show_the_keys_the_config_binds() {
    let mut app = example_with(
        r#"
        [keys]
        undo = "z"
        history = "Y"
        [keys.profile]
        archive = "A"
        add_contact = "+"
        [keys.results]
        report = "w"
        "#,
    );
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    let hints = app.hints();
    let has = |hints: &[Hint], key: &str, label: &str| {
        hints.iter().any(|h| h.key == key && h.label == label)
    };
    assert!(has(&hints, "A", "archive"), "{hints:?}");
    assert!(has(&hints, "z", "undo"), "{hints:?}");
    assert!(has(&hints, "Y", "history"), "{hints:?}");
    assert!(
        !hints.iter().any(|h| h.key == "X" || h.key == "u"),
        "{hints:?}"
    );
    let shown = screen(&mut app);
    let bar = shown.lines().last().unwrap_or_default().to_string();
    assert!(bar.contains("A archive") && bar.contains("z undo"), "{bar}");
    // The profile's text names the rebound keys too.
    let mut seen = shown;
    for _ in 0..40 {
        press(&mut app, KeyCode::Down);
        seen.push_str(&screen(&mut app));
    }
    assert!(seen.contains("Marketing contacts  + adds"), "{seen}");
    assert!(!seen.contains("c adds"), "{seen}");
    press(&mut app, KeyCode::Home);
    keys(&mut app, "?");
    let help = app.help();
    assert!(
        help[0]
            .lines
            .iter()
            .any(|(k, d)| k == "A" && d.contains("archive")),
        "{help:?}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    // The results view: [keys.results] report = "w".
    keys(&mut app, "2R");
    assert_eq!(app.mode.name(), "results");
    let hints = app.hints();
    assert!(has(&hints, "w", "write reports"), "{hints:?}");
    assert!(has(&hints, "Y", "earlier versions"), "{hints:?}");
}

#[test]
fn bad_key_entries_are_warned_about_and_skipped() {
    let (config, warnings) = config::parse(
        r#"
        [keys]
        undo = "z"
        [keys.profile]
        archive = "A"
        nothing = "N"
        [keys.nowhere]
        undo = "u"
        [keys.form]
        save = ["s", "ctrl-w"]
        "#,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let mut main = crate::app::keymap::KeyMap::default();
    let (keys, warnings) = Keys::configured(&mut main, &config.keys, &config.view_keys);
    assert_eq!(warnings.len(), 3, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("[keys.profile]") && w.contains("nothing"))
    );
    assert!(warnings.iter().any(|w| w.contains("[keys.nowhere]")));
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("'s'") && w.contains("form"))
    );
    assert_eq!(
        keys.form.keys_for(Cmd::Own(form::Act::Save)),
        vec![Key::ctrl('w')]
    );
    assert_eq!(keys.profile.key_label(Cmd::Own(profile::Act::Archive)), "A");
    // [keys] undo reaches every view that undoes.
    assert_eq!(keys.profile.key_label(Cmd::Own(profile::Act::Undo)), "z");
    assert_eq!(keys.plan.key_label(Cmd::Own(plan::Act::Undo)), "z");
}

#[test]
fn a_bad_key_entry_is_warned_about_once_on_opening_naming_config_once() {
    let (config, _) = config::parse("[keys.main]\nbogus = \"z\"\n");
    let mut loaded = config::defaults();
    loaded.config.keys = config.keys;
    loaded.config.view_keys = config.view_keys;
    let app = App::new(Setup {
        store: Store::open_in_memory().unwrap(),
        loaded,
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(d(TODAY)),
    })
    .unwrap();
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert_eq!(
        status,
        "Config: [keys.main]: unknown action 'bogus' skipped"
    );
    assert_eq!(
        status.to_lowercase().matches("config").count(),
        1,
        "{status}"
    );
}

#[test]
fn a_report_is_written_by_the_event_loop_not_by_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = example();
    app.config.packet_dir = Some(dir.path().to_path_buf());
    keys(&mut app, "2");
    // The key alone (no event loop): nothing on disk, the work queued.
    app.handle_key(KeyEvent {
        code: KeyCode::Char('W'),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    assert!(matches!(
        app.take_effect(),
        Some(effects::Effect::Files(effects::Files::Reports { .. }))
    ));
    // Again, and the loop's step runs it: the files, and the message.
    keys(&mut app, "W");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_some());
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.starts_with("Written: "), "{status}");
    assert_eq!(app.take_effect(), None);
}

#[test]
fn scrolling_keys_stay_within_the_view() {
    let room = Scrolling { max: 30, page: 10 };
    assert_eq!(scrolled(Move::Down, 0, room), 1);
    assert_eq!(scrolled(Move::Up, 0, room), 0);
    assert_eq!(scrolled(Move::PageDown, 0, room), 9);
    assert_eq!(scrolled(Move::PageDown, 25, room), 30);
    assert_eq!(scrolled(Move::PageUp, 5, room), 0);
    assert_eq!(scrolled(Move::Bottom, 0, room), 30);
    assert_eq!(scrolled(Move::Top, 12, room), 0);
    // Scrolled past the end (a bigger window before): ↑ moves at once.
    assert_eq!(scrolled(Move::Up, 99, room), 29);
}

#[test]
fn the_budget_suggestion_shows_its_figure_at_80_columns() {
    let mut app = example();
    let atlas = partner_named(&app, "Atlas Cloud");
    app.open_profile(atlas);
    let bases = app.config.tier_budget.clone();
    let figure = app.program.currency.format(
        app.program
            .partners
            .get(atlas)
            .unwrap()
            .budget_suggestion(&bases),
    );
    let mut line = None;
    for _ in 0..60 {
        let s = screen_80x24(&mut app);
        line = s.lines().find(|l| l.contains("base ×")).map(str::to_string);
        if line.is_some() {
            break;
        }
        keys(&mut app, "j");
    }
    let line = line.unwrap_or_else(|| panic!("no budget line:\n{}", screen_80x24(&mut app)));
    assert!(line.contains(&format!("{figure} = ")), "{line}");
}
