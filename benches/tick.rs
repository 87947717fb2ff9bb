//! The benchmark: one checklist tick in a generated program
//! ([`jmo::store::generate`], the program `jmo demo --campaigns N` writes;
//! 10,000 campaigns and 1,000 partners unless `JMO_BENCH_CAMPAIGNS` says
//! otherwise), saved to a file database (WAL, `synchronous=FULL`),
//! re-derived, and drawn to a 160×45 `TestBackend`.
//!
//! Groups:
//! - `tick`: one Space press on a checklist item (one SQLite transaction with
//!   its history row, the re-read, guardrails and ROI for that partner, the
//!   panes re-synced) plus one full draw;
//! - `render`: one full draw, nothing changed;
//! - `navigate`: one `j`/`k` press plus one draw in each pane: Partners (a
//!   new partner: Timeline, Checklist and MDF follow), Timeline (a new
//!   campaign: Checklist and MDF follow), Checklist and MDF;
//! - `jump`: one keystroke in the jump prompt (issue 11, item 1) plus one
//!   draw: opening it (`'`: every partner and campaign listed for the
//!   matcher), its first letter (nearly everything matches) and its third
//!   (a typical narrowing), each over every partner and campaign name;
//! - `startup`: `Store::open` + `App::new` (which runs `Store::load_program`
//!   and derives every partner) at this size.
//!
//! Besides criterion's estimates, every timed iteration's own time is kept
//! (criterion's warm-up included) and its median and 99th percentile are
//! printed per operation ("per-iteration: median … p99 …"), and written to
//! `target/criterion/percentiles-{campaigns}.json`.
//!
//! Environment:
//! - `JMO_BENCH_CAMPAIGNS=100000`: the size (default 10000); partners are
//!   a tenth of it.
//! - `JMO_BENCH_DB=/tmp/jmo-100k.db`: keep the generated database there
//!   (generated when the file does not exist, reused when it holds that
//!   many campaigns): a 100,000-campaign program takes minutes to write.
//!   The benchmark changes it (ticks are saved), as `jmo demo` files are
//!   changed by use. With issue 14's evidence: write it first with
//!   `jmo demo --campaigns N --evidence --db PATH` and point this at it.
//! - `JMO_BENCH_COUNT=20`: instead of timing, run each operation that many
//!   times in a function of its own (`counted_tick`, `counted_partners_j`,
//!   …) for an instruction counter: `scripts/bench-instructions.sh` runs
//!   it under `valgrind --tool=callgrind` and prints instructions per
//!   operation (repeatable where times are noisy; this machine's perf has
//!   no hardware counters).
//!
//! Run: `cargo bench --bench tick`; at 100,000:
//! `JMO_BENCH_CAMPAIGNS=100000 JMO_BENCH_DB=/tmp/jmo-100k.db cargo bench --bench tick`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use chrono::NaiveDate;
use criterion::{Bencher, Criterion};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use jmo::app::{App, Clock, Display, Mode, Pane, Row, Setup, config};
use jmo::domain::*;
use jmo::store::{Store, generate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration as StdDuration, Instant};

const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

/// The size asked for: `JMO_BENCH_CAMPAIGNS`, default 10,000.
fn campaigns() -> usize {
    std::env::var("JMO_BENCH_CAMPAIGNS")
        .ok()
        .map(|v| {
            v.replace(['_', ','], "")
                .parse()
                .expect("JMO_BENCH_CAMPAIGNS: a number")
        })
        .unwrap_or(10_000)
}

/// The database of the generated program of `n` campaigns: `JMO_BENCH_DB`
/// when set (generated there if missing, reused if it holds `n`
/// campaigns), else a new one in a temporary folder (kept in `_dir`).
fn database(n: usize) -> (PathBuf, Option<tempfile::TempDir>) {
    let (path, dir) = match std::env::var_os("JMO_BENCH_DB") {
        Some(p) => (PathBuf::from(p), None),
        None => {
            let dir = tempfile::tempdir().expect("a temporary folder");
            (dir.path().join("bench.db"), Some(dir))
        }
    };
    if path.exists() {
        let conn = rusqlite::Connection::open(&path).expect("open the benchmark database");
        let held: i64 = conn
            .query_row("SELECT count(*) FROM campaigns", [], |r| r.get(0))
            .expect("count its campaigns");
        assert_eq!(
            held as usize,
            n,
            "{} holds {held} campaigns, not {n}: remove it or set JMO_BENCH_CAMPAIGNS",
            path.display()
        );
        eprintln!("reusing {} ({n} campaigns)", path.display());
        return (path, dir);
    }
    let started = Instant::now();
    let mut store = Store::open(&path).expect("create the database");
    let made = generate::generate(
        &mut store,
        n,
        as_of(),
        &config::defaults().templates,
        |_| {},
    )
    .expect("generate the program");
    eprintln!(
        "generated {} partners, {} campaigns, {} records in {} edits in {:.1?}",
        made.partners,
        made.campaigns,
        made.records,
        made.edits,
        started.elapsed()
    );
    (path, dir)
}

fn open_app(path: &Path) -> App {
    let store = Store::open(path).expect("open the database");
    let mut app = App::new(Setup {
        store,
        loaded: config::defaults(),
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(as_of()),
    })
    .expect("load the program");
    app.set_areas(jmo::ui::areas(Rect::new(0, 0, WIDTH, HEIGHT)));
    app
}

fn key(app: &mut App, c: char) {
    app.handle_key(KeyEvent {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| jmo::ui::draw(f, app)).unwrap();
}

/// Each timed iteration's own time, by operation, for the percentiles.
#[derive(Default)]
struct Times(Vec<(String, Vec<StdDuration>)>);

impl Times {
    /// Runs `step(true)` once per iteration criterion asks for, timing
    /// each on its own (and `step(false)` after it, outside the time: what
    /// puts the state back), recording every time under `name`.
    fn run(&mut self, b: &mut Bencher<'_>, name: &str, mut step: impl FnMut(bool)) {
        if self.0.last().is_none_or(|(n, _)| n != name) {
            self.0.push((name.to_string(), Vec::new()));
        }
        let Some((_, times)) = self.0.last_mut() else {
            return;
        };
        b.iter_custom(|iters| {
            let mut total = StdDuration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                step(true);
                let took = started.elapsed();
                step(false);
                times.push(took);
                total += took;
            }
            total
        });
    }

    /// Prints and writes the median and p99 of each operation.
    fn report(&mut self, campaigns: usize) {
        let mut json = Vec::new();
        for (name, times) in &mut self.0 {
            times.sort_unstable();
            let at = |q: f64| {
                let i = ((times.len() as f64 - 1.0) * q).round() as usize;
                times[i].as_secs_f64() * 1e3
            };
            let (median, p99) = (at(0.5), at(0.99));
            eprintln!(
                "{name} @ {campaigns}: per-iteration median {median:.3} ms, p99 {p99:.3} ms ({} iterations)",
                times.len()
            );
            json.push(format!(
                "  \"{name}\": {{ \"median_ms\": {median:.4}, \"p99_ms\": {p99:.4}, \"iterations\": {} }}",
                times.len()
            ));
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/criterion");
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(
            dir.join(format!("percentiles-{campaigns}.json")),
            format!("{{\n{}\n}}\n", json.join(",\n")),
        );
    }
}

/// Selects the partner in the middle of the list, its default (first open)
/// campaign, and the first item of its checklist, and focuses the Checklist.
fn select_middle(app: &mut App) {
    let partners = app.rows(Pane::Partners);
    let Row::Partner(pid) = partners[partners.len() / 2] else {
        panic!("no partners");
    };
    app.reveal(RecordRef::Partner(pid));
    let campaign = app.selected_campaign().expect("a campaign").id;
    let item = app.program.checklist_of(campaign)[0].id;
    app.reveal(RecordRef::Responsibility(item));
    assert_eq!(app.focus, Pane::Checklist);
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(item)));
}

/// Opens the app on `path`, prints what it holds, and puts it in the
/// benchmarks' starting state: the middle partner's first campaign's first
/// checklist item selected, one frame drawn.
fn ready(path: &Path) -> (App, Terminal<TestBackend>) {
    let mut app = open_app(path);
    eprintln!(
        "program: {} partners, {} campaigns, {} milestones, {} checklist items, {} assets, {} funds, {} requests, {} expenses, {} claims, {} results; {} errors, {} warnings",
        app.program.partners.len(),
        app.program.campaigns.len(),
        app.program.milestones.len(),
        app.program.responsibilities.len(),
        app.program.assets.len(),
        app.program.funds.len(),
        app.program.requests.len(),
        app.program.expenses.len(),
        app.program.claims.len(),
        app.program.results.len(),
        app.derived.counts().0,
        app.derived.counts().1,
    );
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap();
    select_middle(&mut app);
    draw(&mut terminal, &app);
    (app, terminal)
}

/// The panes `navigate` moves in, with the key that focuses each.
const PANES: [(Pane, char, &str); 4] = [
    (Pane::Partners, '1', "partners"),
    (Pane::Timeline, '2', "timeline"),
    (Pane::Checklist, '3', "checklist"),
    (Pane::Mdf, '4', "mdf"),
];

/// Focuses `pane` from the starting state and checks that `j` moves its
/// cursor (so every timed press is a move).
fn focus(app: &mut App, pane: Pane, key_: char) {
    select_middle(app);
    key(app, key_);
    assert_eq!(app.focus, pane);
    let before = app.selected_row(pane);
    key(app, 'j');
    assert_ne!(
        app.selected_row(pane),
        before,
        "j does not move in {pane:?}"
    );
    key(app, 'k');
}

fn benches(c: &mut Criterion, path: &Path, campaigns: usize) {
    let (mut app, mut terminal) = ready(path);

    // Sanity check (not timed): Space ticks the item, saved, and the
    // cursor moves on to the next open item (issue 11, item 3); on the
    // item again, Space unticks it.
    let Some(Row::Item(item)) = app.selected_row(Pane::Checklist) else {
        panic!("no checklist item selected");
    };
    let done = |app: &App| app.program.responsibilities.get(item).unwrap().is_done();
    let before = done(&app);
    key(&mut app, ' ');
    assert_ne!(done(&app), before, "Space did not toggle the item");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.starts_with("Saved: ")),
        "the tick was not saved: {:?}",
        app.status
    );
    app.reveal(RecordRef::Responsibility(item));
    key(&mut app, ' ');
    assert_eq!(done(&app), before);
    let mut times = Times::default();

    // (a) tick: Space on the selected checklist item, then one frame.
    // A tick moves the cursor on to the next open item, so the presses
    // tick the campaign's open items one by one, then (none left open)
    // untick and tick the last one in turn: every press is one edit.
    {
        let mut g = c.benchmark_group("tick");
        g.sample_size(60)
            .measurement_time(StdDuration::from_secs(8))
            .warm_up_time(StdDuration::from_secs(2));
        g.bench_function("space_save_recompute_draw", |b| {
            times.run(b, "tick/space_save_recompute_draw", |timed| {
                if timed {
                    key(&mut app, ' ');
                    draw(&mut terminal, &app);
                }
            });
        });
        g.finish();
    }
    assert!(matches!(
        app.selected_row(Pane::Checklist),
        Some(Row::Item(_))
    ));

    // (b) render: one frame, nothing changed.
    {
        let mut g = c.benchmark_group("render");
        g.sample_size(60)
            .measurement_time(StdDuration::from_secs(5))
            .warm_up_time(StdDuration::from_secs(1));
        g.bench_function("draw_160x45", |b| {
            times.run(b, "render/draw_160x45", |timed| {
                if timed {
                    draw(&mut terminal, black_box(&app));
                }
            });
        });
        g.finish();
    }

    // (c) navigate: one cursor move, then one frame, in each pane. The
    // direction alternates so that every press moves the cursor.
    {
        let mut g = c.benchmark_group("navigate");
        g.sample_size(60)
            .measurement_time(StdDuration::from_secs(5))
            .warm_up_time(StdDuration::from_secs(1));
        for (pane, focus_key, name) in PANES {
            focus(&mut app, pane, focus_key);
            let mut down = true;
            let id = format!("{name}_j_draw");
            g.bench_function(id.as_str(), |b| {
                times.run(b, &format!("navigate/{id}"), |timed| {
                    if timed {
                        key(&mut app, if down { 'j' } else { 'k' });
                        down = !down;
                        draw(&mut terminal, &app);
                    }
                });
            });
        }
        g.finish();
    }

    // (d) jump: one keystroke in the jump prompt, then one frame, over
    // every partner and campaign. Each press is undone outside the time
    // (Backspace, or Esc for the opening).
    {
        let mut g = c.benchmark_group("jump");
        g.sample_size(60)
            .measurement_time(StdDuration::from_secs(5))
            .warm_up_time(StdDuration::from_secs(1));
        // Sanity check (not timed): three letters narrow the list to
        // the Northwind partners and their campaigns, best first.
        key(&mut app, '\'');
        assert_eq!(app.mode.name(), "jump");
        for c in "nor".chars() {
            key(&mut app, c);
        }
        let Mode::Jump(j) = &app.mode else {
            panic!("the jump prompt closed");
        };
        eprintln!(
            "jump: 'nor' matches {} of {} names",
            j.matched,
            campaigns + generate::partners_for(campaigns)
        );
        assert!(j.current().is_some_and(|c| c.name.starts_with("Northwind")));
        press(&mut app, KeyCode::Esc);
        g.bench_function("open_draw", |b| {
            times.run(b, "jump/open_draw", |timed| {
                if timed {
                    key(&mut app, '\'');
                    draw(&mut terminal, &app);
                } else {
                    press(&mut app, KeyCode::Esc);
                }
            });
        });
        key(&mut app, '\'');
        g.bench_function("first_letter_draw", |b| {
            times.run(b, "jump/first_letter_draw", |timed| {
                if timed {
                    key(&mut app, 'n');
                    draw(&mut terminal, &app);
                } else {
                    press(&mut app, KeyCode::Backspace);
                }
            });
        });
        key(&mut app, 'n');
        key(&mut app, 'o');
        g.bench_function("third_letter_draw", |b| {
            times.run(b, "jump/third_letter_draw", |timed| {
                if timed {
                    key(&mut app, 'r');
                    draw(&mut terminal, &app);
                } else {
                    press(&mut app, KeyCode::Backspace);
                }
            });
        });
        press(&mut app, KeyCode::Esc);
        g.finish();
    }
    drop(app);

    // (e) startup: open the file, load every record, derive everything.
    {
        let mut g = c.benchmark_group("startup");
        g.sample_size(10)
            .measurement_time(StdDuration::from_secs(10))
            .warm_up_time(StdDuration::from_secs(1));
        g.bench_function("open_load_derive", |b| {
            times.run(b, "startup/open_load_derive", |timed| {
                if timed {
                    black_box(open_app(path));
                }
            });
        });
        g.finish();
    }
    times.report(campaigns);
}

// The counted operations (`JMO_BENCH_COUNT`): each runs its operation
// `times` times from the state the timed benchmark measures it in, in a
// function of its own that callgrind's `--toggle-collect` selects by name
// (never inlined, so the name stays in the binary).

#[inline(never)]
fn counted_startup(path: &Path, times: usize) {
    for _ in 0..times {
        black_box(open_app(path));
    }
}

#[inline(never)]
fn counted_tick(app: &mut App, terminal: &mut Terminal<TestBackend>, times: usize) {
    for _ in 0..times {
        key(app, ' ');
        draw(terminal, app);
    }
}

#[inline(never)]
fn counted_draw(app: &App, terminal: &mut Terminal<TestBackend>, times: usize) {
    for _ in 0..times {
        draw(terminal, black_box(app));
    }
}

/// One `j`/`k` press and one frame, `times` times, alternating. `pane`
/// keeps each caller's code its own (identical functions would be merged
/// into one, and callgrind would count them under one name).
#[inline(always)]
fn moves(app: &mut App, terminal: &mut Terminal<TestBackend>, times: usize, pane: &str) {
    black_box(pane);
    for i in 0..times {
        key(app, if i % 2 == 0 { 'j' } else { 'k' });
        draw(terminal, app);
    }
}

#[inline(never)]
fn counted_partners_j(app: &mut App, terminal: &mut Terminal<TestBackend>, times: usize) {
    moves(app, terminal, times, "partners");
}

#[inline(never)]
fn counted_timeline_j(app: &mut App, terminal: &mut Terminal<TestBackend>, times: usize) {
    moves(app, terminal, times, "timeline");
}

#[inline(never)]
fn counted_checklist_j(app: &mut App, terminal: &mut Terminal<TestBackend>, times: usize) {
    moves(app, terminal, times, "checklist");
}

#[inline(never)]
fn counted_mdf_j(app: &mut App, terminal: &mut Terminal<TestBackend>, times: usize) {
    moves(app, terminal, times, "mdf");
}

/// `JMO_BENCH_COUNT=times`: every counted operation `times` times, for
/// `scripts/bench-instructions.sh`; prints what ran.
fn count(path: &Path, times: usize) {
    let (mut app, mut terminal) = ready(path);
    counted_tick(&mut app, &mut terminal, times);
    counted_draw(&app, &mut terminal, times);
    for (pane, focus_key, _) in PANES {
        focus(&mut app, pane, focus_key);
        match pane {
            Pane::Partners => counted_partners_j(&mut app, &mut terminal, times),
            Pane::Timeline => counted_timeline_j(&mut app, &mut terminal, times),
            Pane::Checklist => counted_checklist_j(&mut app, &mut terminal, times),
            Pane::Mdf => counted_mdf_j(&mut app, &mut terminal, times),
        }
    }
    drop(app);
    counted_startup(path, times.div_ceil(10));
    eprintln!(
        "counted: tick, draw, partners_j, timeline_j, checklist_j, mdf_j {times} times each, startup {} times",
        times.div_ceil(10)
    );
}

fn main() {
    let n = campaigns();
    let (path, _dir) = database(n);
    if let Some(times) = std::env::var("JMO_BENCH_COUNT")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        count(&path, times.max(1));
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c, &path, n);
    c.final_summary();
}
