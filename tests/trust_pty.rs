//! A record people can trust (issue 10), with the real binary in
//! pseudo-terminals:
//! - two jmo on one file: an edit form saved in one after the other ticked
//!   the same item keeps the tick (item 1);
//! - the screen killed with SIGKILL at random points of a burst of edits,
//!   again and again: the file is always sound, and every edit the screen
//!   reported as saved is in it (the crash test of the quality bar).
//!
//! The kill points come from a seeded generator: `JMO_CRASH_SEED` picks
//! another seed, `JMO_CRASH_KILLS` more kills (CI runs 50).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use jmo::store::Store;
use std::time::Duration;

const COLS: u16 = 160;
const ROWS: u16 = 45;

/// The status line's "Saved: …" label, once drawn whole (up to its
/// closing quote).
fn saved_label(screen: &str) -> Option<String> {
    let line = line_with(screen, "Saved: ")?;
    let rest = &line[line.find("Saved: ")? + "Saved: ".len()..];
    let end = rest.rfind('\'')?;
    Some(rest[..=end].to_string())
}

/// The title of a checklist row as the pane shows it ("[ ] Title  Owner
/// Due"), and whether it is ticked; `None` for a header.
fn item_row(row: &str) -> Option<(bool, String)> {
    let t = &row[row.find('[')?..];
    let (done, rest) = if let Some(r) = t.strip_prefix("[x] ") {
        (true, r)
    } else {
        (false, t.strip_prefix("[ ] ")?)
    };
    // A title cut short ends at its ellipsis (the owner may follow after
    // one space).
    let title: String = rest.split("  ").next()?.split('…').next()?.to_string();
    Some((done, title))
}

/// Focuses the Checklist pane.
fn focus_checklist(tui: &mut Tui) {
    tui.send("3");
    tui.wait_for("the Checklist to take the focus", |s| {
        s.contains("┏ 3 Checklist")
    });
}

/// Moves down to the next checklist item (skipping headers); returns it.
fn next_item(tui: &mut Tui) -> (bool, String) {
    for _ in 0..6 {
        let before = tui.selected_row();
        tui.send("j");
        tui.wait_for_screen("the cursor to move", |s| selected_row(s) != before);
        if let Some(item) = tui.selected_row().as_deref().and_then(item_row) {
            return item;
        }
    }
    panic!(
        "no checklist item below ({:?}):\n{}",
        tui.selected_row(),
        tui.text()
    );
}

#[test]
fn an_edit_form_saved_in_one_jmo_after_the_other_ticked_the_item_keeps_the_tick() {
    let env = TestEnv::new();
    env.demo();
    let mut a = env.open(COLS, ROWS, &[]);
    let mut b = env.open(COLS, ROWS, &[]);
    for tui in [&mut a, &mut b] {
        focus_checklist(tui);
    }
    // The same open item in both: the first unticked one.
    let title = loop {
        let (done, title) = next_item(&mut a);
        if !done {
            break title;
        }
    };
    loop {
        let (_, t) = next_item(&mut b);
        if t == title {
            break;
        }
    }
    a.send("e");
    a.wait_for("the item's form", |s| s.contains("Edit item"));
    b.send(" ");
    b.wait_for("the tick to be saved", |s| {
        saved_label(s).is_some_and(|l| l.starts_with(&format!("Tick '{title}")))
    });
    // a's form still shows the item unticked; a renames it and saves
    // (End first: the title is selected as the form opens).
    a.send("\x1b[F (confirmed)\r");
    a.wait_for("the edit to be saved", |s| {
        saved_label(s).is_some_and(|l| l.starts_with("Edit item '") && l.contains("(confirmed)"))
    });
    let export = env.export();
    let item = export["responsibilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| {
            r["title"]
                .as_str()
                .is_some_and(|t| t.starts_with(&title) && t.ends_with(" (confirmed)"))
        })
        .unwrap_or_else(|| panic!("no renamed item '{title} (confirmed)'"));
    assert_eq!(
        item["done_on"].as_str(),
        Some(AS_OF),
        "the other jmo's tick was written over: {item}"
    );
}

/// A small seeded generator (xorshift64*): the kill points repeat run
/// after run for one seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The labels of the change sets after `after`, oldest first.
fn labels_after(store: &Store, after: i64) -> Vec<String> {
    let mut sets = store.recent_sets(100_000).unwrap();
    sets.retain(|s| s.id > after);
    sets.reverse();
    sets.into_iter().map(|s| s.label).collect()
}

#[test]
fn the_screen_killed_mid_edit_leaves_a_sound_file_with_every_reported_edit() {
    let seed = env_number("JMO_CRASH_SEED", 0x5EED_1010);
    let kills = env_number("JMO_CRASH_KILLS", 50);
    let mut rng = Rng(seed | 1);
    let env = TestEnv::new();
    env.demo();
    let mut reported_total = 0;
    for kill in 0..kills {
        let last_set = {
            let store = Store::open(&env.db).unwrap();
            store.recent_sets(1).unwrap().first().map_or(0, |s| s.id)
        };
        let mut tui = env.open(COLS, ROWS, &[]);
        focus_checklist(&mut tui);
        tui.send("g"); // from the top: the burst never reaches the end
        // (The cursor starts on the first open item: wait for it to leave.)
        tui.wait_for_screen("the cursor on the top row", |s| {
            selected_row(s).is_some_and(|r| r.contains("Ours"))
        });
        // A burst of ticks and unticks, each waited for until the screen
        // says it is saved…
        let mut reported: Vec<String> = Vec::new();
        for _ in 0..rng.below(4) {
            let (done, title) = next_item(&mut tui);
            tui.send(" ");
            let verb = if done { "Untick" } else { "Tick" };
            let screen = tui.wait_for("the edit to be reported saved", |s| {
                saved_label(s).is_some_and(|l| l.starts_with(&format!("{verb} '{title}")))
            });
            reported.push(saved_label(&screen).unwrap());
        }
        // …then one more, killed after 0–20 ms: before, during or after
        // its commit.
        next_item(&mut tui);
        tui.send(" ");
        std::thread::sleep(Duration::from_millis(rng.below(21)));
        nix::sys::signal::kill(
            nix::unistd::Pid::from_raw(tui.pid() as i32),
            nix::sys::signal::Signal::SIGKILL,
        )
        .unwrap();
        tui.wait_exit();
        drop(tui);
        let store = Store::open(&env.db).unwrap();
        assert_eq!(
            store.integrity_check().unwrap(),
            vec!["ok".to_string()],
            "kill {kill} (seed {seed:#x}): the file is not sound"
        );
        store.load_program().unwrap();
        let saved = labels_after(&store, last_set);
        // Every reported edit is there, in order; at most the killed one
        // more.
        assert!(
            saved.len() == reported.len() || saved.len() == reported.len() + 1,
            "kill {kill} (seed {seed:#x}): reported {reported:?}, in the file {saved:?}"
        );
        for (r, s) in reported.iter().zip(&saved) {
            let shown = r.trim_end_matches('\'').trim_end_matches('…');
            assert!(
                s.starts_with(shown),
                "kill {kill} (seed {seed:#x}): reported '{r}', in the file '{s}'"
            );
        }
        reported_total += reported.len();
    }
    assert!(
        kills < 10 || reported_total > 0,
        "the bursts never saved anything"
    );
}

/// The screen's results form (the library's `App`, as the screen runs it)
/// and `jmo results` from the shell on one file: each writes only the
/// figures it changed, and the same figure changed on both sides is a
/// conflict on the screen, with nothing written.
#[test]
fn jmo_results_and_the_screens_results_form_never_lose_each_others_figures() {
    use crossterm::event::{KeyCode, KeyEvent};
    use jmo::app::{App, Clock, Display, Mode, Setup, config};
    let env = TestEnv::new();
    env.demo();
    let open_app = || {
        let mut app = App::new(Setup {
            store: Store::open(&env.db).unwrap(),
            loaded: config::defaults(),
            display: Display {
                ascii: false,
                color: false,
            },
            clock: Clock::Fixed(chrono::NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap()),
        })
        .unwrap();
        app.set_areas(jmo::ui::areas(ratatui::layout::Rect::new(0, 0, 160, 45)));
        app
    };
    let mut app = open_app();
    let results = app.program.results.iter().next().unwrap().clone();
    let name = app
        .program
        .campaigns
        .get(results.campaign_id)
        .unwrap()
        .name
        .clone();
    let figures = |app: &App| {
        let r = app
            .store
            .get::<jmo::domain::CampaignResults>(results.id)
            .unwrap()
            .unwrap();
        (r.leads, r.mqls)
    };
    let edit_mqls = |app: &mut App, mqls: &str| {
        app.reveal(jmo::domain::RecordRef::Results(results.id));
        app.update(jmo::app::Action::Edit);
        let Mode::Form(open) = &mut app.mode else {
            panic!("no results form: {:?}", app.status);
        };
        open.form.focus_on("mqls");
        open.form.set_text("mqls", mqls);
        open.form.dirty = true;
    };
    let enter = |app: &mut App| app.handle_key(KeyEvent::from(KeyCode::Enter));

    // The form opens; the shell sets the leads; the form saves the MQLs.
    edit_mqls(&mut app, "120");
    let out = env.run(&["results", &name, "--leads", "999"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    enter(&mut app);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    assert_eq!(figures(&app), (Some(999), Some(120)), "both figures kept");

    // Both change the MQLs: the screen's save is refused and says so.
    edit_mqls(&mut app, "140");
    let out = env.run(&["results", &name, "--mqls", "130"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    enter(&mut app);
    let Mode::Form(open) = &app.mode else {
        panic!("saved over the shell's figure: {:?}", app.status);
    };
    let text = open.form.conflict.clone().unwrap_or_default();
    assert!(text.starts_with("MQLs changed to 130"), "{text}");
    assert_eq!(figures(&app), (Some(999), Some(130)), "nothing written");
}
