//! Start-up reads what the first frame shows, and the summaries kept in
//! the database never disagree with the records (issue 13, items 1 and 5).
//!
//! A screen that holds at most two partners' records (of the example
//! plan's six) is compared, after every step of random keys, edits, undos,
//! new days and another jmo's edits, with a screen that reads everything
//! and derives everything from scratch.

use super::row_cache_tests::{Op, apply, op, to_main};
use super::tests::{app_on, keys};
use super::*;
use crate::store::summary::Summary;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::HashMap;
use std::path::Path;

/// The example plan written to a file by one screen, which then closes.
fn example_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("jmo.db");
    let mut app = app_on(Store::open(&path).unwrap());
    keys(&mut app, "x");
    assert!(!app.is_welcome());
    path
}

/// A screen on `path` holding at most `capacity` partners' records, never
/// reading the program whole at start-up.
pub(super) fn partial_on(path: &Path, capacity: usize) -> App {
    let mut app = App::with_capacity(
        Setup {
            store: Store::open(path).unwrap(),
            loaded: config::defaults(),
            display: Display {
                ascii: false,
                color: true,
            },
            clock: Clock::Fixed(super::tests::d(super::tests::TODAY)),
        },
        capacity,
        0,
    )
    .unwrap();
    app.set_areas(crate::ui::areas(ratatui::layout::Rect::new(0, 0, 160, 45)));
    app
}

/// Every partner's marks and the program's counts, derived from scratch
/// from the whole database as of `today`.
fn from_scratch(
    path: &Path,
    today: chrono::NaiveDate,
) -> (HashMap<PartnerId, Summary>, (usize, usize)) {
    let mut whole = app_on(Store::open(path).unwrap());
    whole.clock = Clock::Fixed(today);
    whole.today = today;
    whole.resident.set_today(today);
    whole.rederive_all();
    assert!(whole.resident.is_whole());
    let marks = whole
        .program
        .partners
        .iter()
        .map(|p| (p.id, whole.derived.marks(p.id)))
        .collect();
    (marks, whole.derived.counts())
}

/// What the partial screen shows and what the database stores agree with
/// a derivation from scratch; no more partners are held than allowed.
fn assert_true_to_records(app: &App, path: &Path, capacity: usize, step: &str) {
    let (marks, counts) = from_scratch(path, app.today);
    for p in app.program.partners.iter() {
        if let Some(shown) = app.partner_marks(p.id) {
            assert_eq!(Some(&shown), marks.get(&p.id), "{} after {step}", p.name);
        }
    }
    assert_eq!(
        app.program.partners.len(),
        marks.len(),
        "partners after {step}"
    );
    if let Some(shown) = app.counts() {
        assert_eq!(shown, counts, "counts after {step}");
    }
    // Stored summaries that the database calls fresh are true.
    let standings = Store::open(path).unwrap().standings().unwrap();
    for (p, s) in &standings {
        if let Some(stored) = s.fresh(app.today, app.resident.inputs()) {
            assert_eq!(
                Some(&stored),
                marks.get(p),
                "stored summary of {p:?} after {step}"
            );
        }
    }
    if matches!(app.mode, Mode::Normal) {
        // Partners whose marks are not stored yet stay until the next
        // idle tick stores them.
        let held = app.resident.held_count().unwrap_or(0);
        let unstored = app.resident.dirty().len();
        assert!(
            held <= capacity + unstored,
            "{held} partners held ({unstored} not stored) after {step}"
        );
    }
}

fn draw(app: &mut App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.set_areas(crate::ui::areas_for(
        app,
        ratatui::layout::Rect::new(0, 0, w, h),
    ));
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect::<String>() + "\n")
        .collect()
}

#[test]
fn start_up_reads_one_partner_and_shows_pending_marks_until_the_background_pass() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let mut app = partial_on(&path, 2);
    let selected = app.selected_partner().map(|p| p.id).unwrap();
    assert_eq!(app.resident.held_count(), Some(1));
    // Every partner is listed; only the selected one's campaigns are read.
    assert_eq!(app.program.partners.len(), 6);
    assert!(
        app.program
            .campaigns
            .iter()
            .all(|c| c.partner_id == selected)
    );
    assert!(!app.program.campaigns.is_empty());
    // No summary was stored yet: the others show "…", the counts too.
    assert_eq!(app.counts(), None);
    let screen = draw(&mut app, 160, 45);
    assert!(screen.contains("✖ … errors"), "{screen}");
    // The background pass (as the event loop runs it) fills them in.
    effects::run_files(&mut app);
    assert!(app.counts().is_some());
    assert_true_to_records(&app, &path, 2, "the background pass");
    let screen = draw(&mut app, 160, 45);
    assert!(!screen.contains("✖ … errors"), "{screen}");
    // The next start reads the stored summaries: nothing pending.
    drop(app);
    let app = partial_on(&path, 2);
    assert!(app.counts().is_some());
    assert_eq!(app.resident.stale(), Vec::<PartnerId>::new());
}

#[test]
fn selecting_partners_reads_them_and_drops_the_least_recently_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let mut app = partial_on(&path, 2);
    effects::run_files(&mut app);
    let mut seen = Vec::new();
    for _ in 0..5 {
        keys(&mut app, "1j");
        let p = app.selected_partner().map(|p| p.id).unwrap();
        seen.push(p);
        // The selected partner's campaigns are there, as the whole
        // program has them.
        let whole = app_on(Store::open(&path).unwrap());
        let mine: Vec<CampaignId> = app.program.campaigns_of(p).iter().map(|c| c.id).collect();
        let all: Vec<CampaignId> = whole.program.campaigns_of(p).iter().map(|c| c.id).collect();
        assert_eq!(mine, all);
        assert!(app.resident.held_count().unwrap() <= 2);
    }
    // The first partners visited were dropped: their campaigns are gone
    // from memory, their marks come from the stored summaries.
    let first = seen[0];
    assert!(!app.resident.holds(first));
    assert!(app.program.campaigns_of(first).is_empty());
    assert!(app.partner_marks(first).is_some());
    assert_true_to_records(&app, &path, 2, "five partners visited");
}

#[test]
fn a_view_of_the_whole_program_reads_everything_and_the_main_screen_drops_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let mut app = partial_on(&path, 2);
    effects::run_files(&mut app);
    keys(&mut app, "f");
    assert!(app.resident.is_whole());
    let whole = app_on(Store::open(&path).unwrap());
    assert_eq!(
        app.derived.all_findings().len(),
        whole.derived.all_findings().len()
    );
    to_main(&mut app);
    keys(&mut app, "1j");
    assert!(app.resident.held_count().unwrap() <= 2);
    assert_true_to_records(&app, &path, 2, "the findings list and a j");
}

/// The row cache's steps, with more of another jmo's edits that change
/// partners' marks (approvals that raise or clear findings).
fn step() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => op(),
        1 => prop::sample::select(vec![
            "1jj3 j j j j j j j j ",
            "1G3 j j j j j j j j ",
            "1G3 jj jj jj ",
            "1jj2jdy",
        ])
        .prop_map(|k| Op::Theirs(k.to_string())),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    /// Item 5: after each step of a random sequence, the marks shown, the
    /// counts and every stored summary called fresh are what a derivation
    /// from scratch gives.
    #[test]
    fn summaries_never_disagree_with_the_records(ops in prop::collection::vec(step(), 1..24)) {
        let dir = tempfile::tempdir().unwrap();
        let path = example_file(&dir);
        let mut a = partial_on(&path, 2);
        let mut b = app_on(Store::open(&path).unwrap());
        effects::run_files(&mut a);
        assert_true_to_records(&a, &path, 2, "start-up");
        for (i, op) in ops.iter().enumerate() {
            apply(&mut a, &mut b, op);
            if matches!(op, Op::Tick | Op::NewDay(_) | Op::Theirs(_)) || i % 4 == 0 {
                effects::run_files(&mut a);
            }
            assert_true_to_records(&a, &path, 2, &format!("step {i}: {op:?}"));
        }
        // Everything derived in the end: the counts are known.
        a.tick();
        effects::run_files(&mut a);
        prop_assert!(a.counts().is_some());
    }
}

#[test]
fn the_jump_prompt_lists_every_campaign_and_going_to_one_reads_its_partner() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let mut app = partial_on(&path, 2);
    effects::run_files(&mut app);
    let whole = app_on(Store::open(&path).unwrap());
    let target = whole
        .program
        .campaigns
        .iter()
        .find(|c| !app.resident.holds(c.partner_id))
        .unwrap()
        .clone();
    keys(&mut app, "'");
    keys(&mut app, &target.name);
    super::tests::press(&mut app, crossterm::event::KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    assert_eq!(app.selected_campaign().map(|c| c.id), Some(target.id));
    assert!(app.resident.holds(target.partner_id));
    assert!(!app.resident.is_whole(), "the jump read every record");
    assert!(app.resident.held_count().unwrap() <= 2 + app.resident.dirty().len());
}

/// Item 4: once the marks are derived, the screen of a jmo that holds two
/// partners is the screen of one that holds everything, partner after
/// partner, at 160x45 and 80x24.
#[test]
fn the_screen_is_the_same_whether_everything_or_two_partners_are_held() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let mut partial = partial_on(&path, 2);
    effects::run_files(&mut partial);
    let mut whole = app_on(Store::open(&path).unwrap());
    assert!(whole.resident.is_whole() && !partial.resident.is_whole());
    for step in ["", "1j", "1j", "1G", "1k", "2j", "3j", "4"] {
        keys(&mut partial, step);
        keys(&mut whole, step);
        for (w, h) in [(160, 45), (80, 24)] {
            assert_eq!(
                draw(&mut partial, w, h),
                draw(&mut whole, w, h),
                "after {step:?} at {w}x{h}"
            );
        }
    }
}
