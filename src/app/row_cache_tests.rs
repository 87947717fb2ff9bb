//! The panes' row cache (issue 13, item 2): after any sequence of keys,
//! edits, new days and another jmo's edits, every pane's cached rows are
//! the rows built from scratch; a cursor move builds only the rows whose
//! selection it changed, and no key re-sorts the partners unless it
//! touched one.

use super::tests::{app_on, form_field, keys, press, press_mod, retype};
use super::view::Pane;
use super::*;
use crossterm::event::{KeyCode, KeyModifiers};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The example plan on a file (so another jmo can open it), laid out at
/// 160x45.
fn example_on(path: &std::path::Path) -> App {
    let mut app = app_on(Store::open(path).unwrap());
    keys(&mut app, "x");
    assert!(!app.is_welcome());
    app
}

/// One frame, as the event loop draws it after each key.
fn draw(app: &mut App) {
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    app.set_areas(crate::ui::areas_for(
        app,
        ratatui::layout::Rect::new(0, 0, 160, 45),
    ));
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
}

/// The partner list is in name order, and every pane's rows as the cache
/// hands them out are the rows built from the records now.
fn assert_fresh(app: &App, step: &str) {
    let sorted: Vec<PartnerId> = app.program.partners_sorted().iter().map(|p| p.id).collect();
    assert_eq!(
        app.derived.partner_order(),
        &sorted[..],
        "order after {step}"
    );
    for pane in Pane::ALL {
        let cached = app.rows(pane);
        let fresh = app.build_rows(pane);
        assert_eq!(&cached[..], &fresh[..], "{pane:?} stale after {step}");
    }
}

/// The row builds per pane that `f` caused.
fn builds_of(app: &mut App, f: impl FnOnce(&mut App)) -> [usize; 4] {
    let before = app.row_builds();
    f(app);
    let after = app.row_builds();
    std::array::from_fn(|i| after[i] - before[i])
}

#[test]
fn a_j_in_partners_builds_no_partner_rows_and_each_other_pane_at_most_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = example_on(&dir.path().join("jmo.db"));
    keys(&mut app, "1");
    draw(&mut app);
    let before = app.selected_partner().map(|p| p.id);
    let built = builds_of(&mut app, |app| {
        keys(app, "j");
        draw(app);
    });
    assert_ne!(
        app.selected_partner().map(|p| p.id),
        before,
        "j did not move"
    );
    assert_eq!(built, [0, 1, 1, 1], "rows built by one j in Partners");
}

#[test]
fn a_j_in_the_checklist_builds_no_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = example_on(&dir.path().join("jmo.db"));
    keys(&mut app, "3g");
    draw(&mut app);
    let before = app.selected_row(Pane::Checklist);
    let built = builds_of(&mut app, |app| {
        keys(app, "j");
        draw(app);
    });
    assert_ne!(app.selected_row(Pane::Checklist), before, "j did not move");
    assert_eq!(built, [0; 4]);
}

#[test]
fn a_tick_re_sorts_no_partner_and_a_rename_re_sorts_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = example_on(&dir.path().join("jmo.db"));
    keys(&mut app, "3g");
    let item = app.selected_row(Pane::Checklist);
    draw(&mut app);
    let built = builds_of(&mut app, |app| {
        keys(app, "j ");
        draw(app);
    });
    assert_ne!(
        app.selected_row(Pane::Checklist),
        item,
        "Space did not tick"
    );
    assert_eq!(built[0], 0, "the tick rebuilt the partner list");
    assert!(built[1..].iter().all(|&n| n <= 1), "{built:?}");
    // Renaming the selected partner re-sorts the list once.
    let built = builds_of(&mut app, |app| {
        keys(app, "1e");
        form_field(app, "name");
        retype(app, "Aardvark Systems");
        press(app, KeyCode::Enter);
        draw(app);
    });
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    assert_eq!(
        app.selected_partner().map(|p| p.name.as_str()),
        Some("Aardvark Systems")
    );
    assert_eq!(built[0], 1, "{built:?}");
    assert_fresh(&app, "the rename");
}

/// One step of the property test.
#[derive(Debug, Clone)]
pub(super) enum Op {
    /// A key on the main screen (or the view it opened).
    Key(KeyCode, KeyModifiers),
    /// A pane's filter set to a text.
    Filter(usize, String),
    /// A partner added through its form.
    AddPartner(String),
    /// The selected partner renamed through its form.
    Rename(String),
    /// The selected partner's first campaign folded or unfolded (`2`,
    /// `g`, Enter).
    Fold,
    /// A later day (some days on), seen on the idle tick.
    NewDay(u64),
    /// The other jmo presses keys (an edit), then this one's idle tick.
    Theirs(String),
    /// An idle tick.
    Tick,
}

pub(super) fn op() -> impl Strategy<Value = Op> {
    let plain = |c| (KeyCode::Char(c), KeyModifiers::NONE);
    let key = prop::sample::select(vec![
        plain('j'),
        plain('j'),
        plain('k'),
        plain('g'),
        plain('G'),
        (KeyCode::PageDown, KeyModifiers::NONE),
        (KeyCode::Tab, KeyModifiers::NONE),
        plain('1'),
        plain('2'),
        plain('3'),
        plain('4'),
        plain(']'),
        plain('['),
        plain('}'),
        plain('{'),
        plain('o'),
        plain('t'),
        plain('y'),
        plain('A'),
        plain(' '),
        plain('u'),
        (KeyCode::Char('r'), KeyModifiers::CONTROL),
        (KeyCode::Enter, KeyModifiers::NONE),
        (KeyCode::Esc, KeyModifiers::NONE),
    ])
    .prop_map(|(c, m)| Op::Key(c, m));
    let word = prop::sample::select(vec!["", "a", "web", "north", "zz", "Gold", "done"]);
    prop_oneof![
        12 => key,
        2 => (0..4usize, word.clone()).prop_map(|(p, w)| Op::Filter(p, w.to_string())),
        1 => word.clone().prop_map(|w| Op::AddPartner(format!("{w} New Partner"))),
        1 => word.prop_map(|w| Op::Rename(format!("{w} Renamed"))),
        1 => Just(Op::Fold),
        1 => (1..30u64).prop_map(Op::NewDay),
        1 => prop::sample::select(vec![
            "1j3 ",
            "1G2 ",
            "4j",
            "1jjj3j ",
            "1jj2jdy",
            // Approvals that change partners' findings.
            "1jj3 j j j j j j j j ",
            "1G3 j j j j j j j j ",
        ])
            .prop_map(|k| Op::Theirs(k.to_string())),
        1 => Just(Op::Tick),
    ]
}

/// Back to the main screen (closing a view, a form, a question).
pub(super) fn to_main(app: &mut App) {
    for _ in 0..4 {
        if matches!(app.mode, Mode::Normal) {
            return;
        }
        press(app, KeyCode::Esc);
    }
}

pub(super) fn apply(a: &mut App, b: &mut App, op: &Op) {
    match op {
        Op::Key(code, mods) => press_mod(a, *code, *mods),
        Op::Filter(pane, text) => {
            to_main(a);
            a.set_filter(Pane::ALL[*pane], text.clone());
        }
        Op::AddPartner(name) => {
            to_main(a);
            keys(a, "1a");
            keys(a, name);
            press(a, KeyCode::Enter);
            to_main(a);
        }
        Op::Rename(name) => {
            to_main(a);
            keys(a, "1e");
            form_field(a, "name");
            retype(a, name);
            press(a, KeyCode::Enter);
            to_main(a);
        }
        Op::Fold => {
            to_main(a);
            keys(a, "2g");
            press(a, KeyCode::Enter);
            to_main(a);
        }
        Op::NewDay(days) => {
            a.clock = Clock::Fixed(a.today + chrono::Days::new(*days));
            a.tick();
        }
        Op::Theirs(k) => {
            to_main(b);
            b.tick();
            keys(b, k);
            a.tick();
        }
        Op::Tick => a.tick(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn cached_rows_are_the_rows_built_from_scratch(ops in prop::collection::vec(op(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jmo.db");
        let mut a = example_on(&path);
        let mut b = app_on(Store::open(&path).unwrap());
        assert_fresh(&a, "loading the example");
        for (i, op) in ops.iter().enumerate() {
            apply(&mut a, &mut b, op);
            if i % 3 == 0 {
                draw(&mut a);
            }
            assert_fresh(&a, &format!("step {i}: {op:?}"));
        }
    }
}
