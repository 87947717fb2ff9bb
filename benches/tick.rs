//! The benchmark: one checklist tick at 1,000 partners and 10,000
//! campaigns (generated), saved to a file database (WAL, `synchronous=FULL`),
//! re-derived, and drawn to a 160×45 `TestBackend`.
//!
//! Groups:
//! - `tick`: one Space press on a checklist item (one SQLite transaction with
//!   its history row, the re-read, guardrails and ROI for that partner, the
//!   panes re-synced) plus one full draw;
//! - `render`: one full draw, nothing changed;
//! - `navigate`: one `j`/`k` press plus one draw, in the Partners pane (a new
//!   partner: Timeline, Checklist and MDF follow) and in the Checklist pane;
//! - `jump`: one keystroke in the jump prompt (issue 11, item 1) plus one
//!   draw: opening it (`'`: every partner and campaign listed for the
//!   matcher), its first letter (nearly everything matches) and its third
//!   (a typical narrowing), each over all 11,000 names;
//! - `startup`: `Store::open` + `App::new` (which runs `Store::load_program`
//!   and derives every partner) at this size.
//!
//! Besides criterion's estimates, every timed iteration's own time is kept
//! (criterion's warm-up included) and its median and 99th percentile are
//! printed per operation ("per-iteration: median … p99 …"), and written to
//! `target/criterion/percentiles.json`.
//!
//! Run: `cargo bench --bench tick`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use chrono::{Duration, NaiveDate};
use criterion::{Bencher, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use jmo::app::{App, Clock, Display, Mode, Pane, Row, Setup, config};
use jmo::domain::milestone::standard_milestones;
use jmo::domain::responsibility::Owners;
use jmo::domain::*;
use jmo::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use rust_decimal::Decimal;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration as StdDuration, Instant};

const PARTNERS: usize = 1_000;
const CAMPAIGNS_PER_PARTNER: usize = 10;
const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn days(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}

const FIRST: &[&str] = &[
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adatum",
    "Proseware",
    "Woodgrove",
    "Lucerne",
    "Wingtip",
    "Coho",
    "Alpine",
];
const SECOND: &[&str] = &[
    "Systems",
    "Labs",
    "Cloud",
    "Data",
    "Networks",
    "Analytics",
    "Security",
    "Software",
    "Partners",
];

/// A deterministic pseudo-random number (no RNG crate needed): a 64-bit
/// mix of the inputs.
fn mix(a: usize, b: usize) -> usize {
    let mut x = (a as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    x as usize
}

/// Fills the database with the generated program, in one edit.
fn generate(store: &mut Store) {
    let loaded = config::defaults();
    let templates = loaded.templates;
    let today = as_of();
    store
        .edit("Generate the benchmark program", |tx| {
            for p in 0..PARTNERS {
                let name = format!(
                    "{} {} {p:04}",
                    FIRST[mix(p, 1) % FIRST.len()],
                    SECOND[mix(p, 2) % SECOND.len()]
                );
                let partner = Partner {
                    name: name.clone(),
                    partnership_type: PartnershipType::ALL[p % PartnershipType::ALL.len()],
                    tier: Tier::ALL[mix(p, 3) % Tier::ALL.len()],
                    brand_guidelines_on_file: p % 3 != 0,
                    data_consent_on: (p % 4 != 0).then(|| days(today, -200)),
                    notes: String::new(),
                    agreement_start: None,
                    agreement_end: None,
                    ..Partner::default()
                };
                let pid = tx.insert(&partner)?;
                let mut funds = Vec::new();
                for f in 0..(1 + p % 2) {
                    let fund = Fund {
                        partner_id: pid,
                        name: format!("FY27 H{} MDF", f + 1),
                        period_start: days(today, -180 + 182 * f as i64),
                        period_end: days(today, 1 + 182 * f as i64),
                        allocated: Decimal::from(20_000 + 5_000 * (mix(p, f) % 8) as i64),
                        policy: "default".into(),
                    };
                    funds.push(tx.insert(&fund)?);
                }
                for k in 0..CAMPAIGNS_PER_PARTNER {
                    let n = p * CAMPAIGNS_PER_PARTNER + k;
                    let r = mix(p, k + 10);
                    let t = CampaignType::ALL[r % CampaignType::ALL.len()];
                    // Campaigns spread over ±8 months around today.
                    let start = days(today, (r % 480) as i64 - 300);
                    let launch = days(start, 28 + (r / 7 % 50) as i64);
                    let end = days(launch, (r / 11 % 35) as i64);
                    let status = if r % 23 == 0 {
                        CampaignStatus::Cancelled
                    } else if end < today {
                        CampaignStatus::Completed
                    } else if launch <= today {
                        CampaignStatus::Live
                    } else {
                        CampaignStatus::Planned
                    };
                    let (lo, hi) = t.typical_budget();
                    let budget = if r % 17 == 0 {
                        hi + Decimal::from(1_000)
                    } else {
                        lo + (hi - lo) * Decimal::from((r / 13 % 10) as i64) / Decimal::from(10)
                    };
                    let (leads_lo, leads_hi) = t.expected_leads();
                    let c = Campaign {
                        partner_id: pid,
                        name: format!("{} {} #{}", t.label(), name, k + 1),
                        campaign_type: t,
                        playbook: None,
                        status,
                        audience: "IT decision makers".into(),
                        start,
                        launch,
                        end,
                        budget,
                        internal_cost: Decimal::from(500 + 100 * (r % 20) as i64),
                        lead_target: Some(leads_lo + (leads_hi - leads_lo) * (r % 5) as i64 / 4),
                        crm_id: (r % 3 != 0).then(|| format!("701{n:07}")),
                        attribution_agreed: r % 4 != 0,
                        uses_partner_data: r % 5 == 0,
                    };
                    let cid = tx.insert(&c)?;
                    for mut m in standard_milestones(cid, start, launch, end) {
                        if m.due < today && r % 7 != 0 {
                            m.status = MilestoneStatus::Done;
                            m.completed_on = Some(m.due);
                        }
                        tx.insert(&m)?;
                    }
                    let owners = Owners {
                        ours: "Us",
                        partner: &name,
                        shared: "Both",
                    };
                    for (i, mut item) in templates
                        .generate(cid, t, (start, launch, end), &owners)
                        .into_iter()
                        .enumerate()
                    {
                        if item.due.is_some_and(|d| d < today) && (r + i) % 6 != 0 {
                            item.done_on = item.due;
                        }
                        tx.insert(&item)?;
                    }
                    if r % 2 == 0 {
                        for a in 0..(1 + r % 3) {
                            let asset = Asset {
                                campaign_id: cid,
                                name: format!("Asset {}", a + 1),
                                kind: ["deck", "landing page", "ad creative"][a].into(),
                                co_branded: a != 2,
                                approved_on: ((r + a) % 3 == 0).then(|| days(start, 20)),
                                location: String::new(),
                            };
                            tx.insert(&asset)?;
                        }
                    }
                    if r % 3 == 0 && status != CampaignStatus::Cancelled {
                        let amount = budget / Decimal::from(2);
                        let approved = status != CampaignStatus::Planned;
                        let req = MdfRequest {
                            campaign_id: cid,
                            fund_id: Some(funds[k % funds.len()]),
                            activity: mdf::ActivityType::for_campaign(t),
                            amount,
                            approved_amount: approved.then_some(amount),
                            status: if approved {
                                RequestStatus::Approved
                            } else {
                                RequestStatus::Submitted
                            },
                            submitted_on: Some(days(start, 3)),
                            decided_on: approved.then(|| days(start, 10)),
                            justification: "Joint demand generation".into(),
                            expected_roi: None,
                            proof_required: String::new(),
                            reason: None,
                        };
                        let rid = tx.insert(&req)?;
                        // Three expenses: the activity's proof as URLs on
                        // two, a local file (not on disk: an M8) on every
                        // fifth request's third.
                        for x in 0..3usize {
                            let proof = if x == 2 && r % 5 == 0 {
                                format!("invoice scan: /srv/mdf/{rid}/invoice.pdf")
                            } else {
                                "attendee lead list: https://files.example/leads.csv\n\
                                 recording URL: https://v.example/1\n\
                                 photo or recording URL: https://v.example/2\n\
                                 screenshot: https://files.example/ad.png\n\
                                 landing URL: https://example.com/lp\n\
                                 click report: https://files.example/clicks.csv\n\
                                 copy: https://files.example/copy.pdf\n\
                                 send report: https://files.example/send.csv\n\
                                 final asset: https://files.example/asset.pdf"
                                    .to_string()
                            };
                            tx.insert(&Expense {
                                campaign_id: cid,
                                request_id: Some(rid),
                                category: ["venue", "paid social", "catering"][x].into(),
                                amount: budget / Decimal::from(3),
                                spent_on: days(start, 5 + 7 * x as i64),
                                vendor: format!("Vendor {x}"),
                                invoice_ref: format!("INV-{rid}-{x}"),
                                proof,
                                withdrawn: None,
                            })?;
                        }
                        if status == CampaignStatus::Completed && r % 2 == 0 {
                            let paid = r % 4 == 0;
                            tx.insert(&Claim {
                                request_id: rid,
                                amount,
                                status: if paid {
                                    ClaimStatus::Paid
                                } else {
                                    ClaimStatus::Submitted
                                },
                                submitted_on: Some(days(end, 10)),
                                paid_on: paid.then(|| days(end, 40)),
                                paid_amount: paid.then_some(amount),
                                note: String::new(),
                            })?;
                        }
                    }
                    if status == CampaignStatus::Completed {
                        let leads = (leads_lo + (r % 300) as i64).max(1);
                        tx.insert(&CampaignResults {
                            campaign_id: cid,
                            registrations: Some(leads * 2),
                            attendees: Some(leads * 3 / 2),
                            leads: Some(leads),
                            mqls: Some(leads / 3),
                            pipeline_sourced: Some(Decimal::from(leads * 400)),
                            pipeline_influenced: Some(Decimal::from(leads * 250)),
                            pipeline_partner_assisted: None,
                            revenue: (r % 2 == 0).then(|| Decimal::from(leads * 90)),
                            leads_ours: Some(leads / 2),
                            leads_partner: Some(leads / 3),
                            reach_ours: Some(leads * 40),
                            reach_partner: Some(leads * (10 + (r % 40) as i64)),
                            target_registrations: Some(leads * 2),
                            ..CampaignResults::empty(cid)
                        })?;
                    }
                }
            }
            Ok(())
        })
        .expect("generate the program");
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
    fn report(&mut self) {
        let mut json = Vec::new();
        for (name, times) in &mut self.0 {
            times.sort_unstable();
            let at = |q: f64| {
                let i = ((times.len() as f64 - 1.0) * q).round() as usize;
                times[i].as_secs_f64() * 1e3
            };
            let (median, p99) = (at(0.5), at(0.99));
            eprintln!(
                "{name}: per-iteration median {median:.3} ms, p99 {p99:.3} ms ({} iterations)",
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
            dir.join("percentiles.json"),
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

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("bench.db");
    {
        let started = std::time::Instant::now();
        let mut store = Store::open(&path).expect("create the database");
        generate(&mut store);
        eprintln!(
            "generated {PARTNERS} partners × {CAMPAIGNS_PER_PARTNER} campaigns in {:.1?}",
            started.elapsed()
        );
    }

    let mut app = open_app(&path);
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

    // (c) navigate: one cursor move, then one frame. The direction
    // alternates so that every press moves the cursor.
    {
        let mut g = c.benchmark_group("navigate");
        g.sample_size(60)
            .measurement_time(StdDuration::from_secs(5))
            .warm_up_time(StdDuration::from_secs(1));
        key(&mut app, '1');
        let mut down = true;
        g.bench_function("partners_j_draw", |b| {
            times.run(b, "navigate/partners_j_draw", |timed| {
                if timed {
                    key(&mut app, if down { 'j' } else { 'k' });
                    down = !down;
                    draw(&mut terminal, &app);
                }
            });
        });
        select_middle(&mut app);
        let mut down = true;
        g.bench_function("checklist_j_draw", |b| {
            times.run(b, "navigate/checklist_j_draw", |timed| {
                if timed {
                    key(&mut app, if down { 'j' } else { 'k' });
                    down = !down;
                    draw(&mut terminal, &app);
                }
            });
        });
        g.finish();
    }

    // (d) jump: one keystroke in the jump prompt, then one frame, over
    // the 1,000 partners and 10,000 campaigns. Each press is undone
    // outside the time (Backspace, or Esc for the opening).
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
        eprintln!("jump: 'nor' matches {} of 11,000 names", j.matched);
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
                    black_box(open_app(&path));
                }
            });
        });
        g.finish();
    }
    times.report();
}

criterion_group!(tick, benches);
criterion_main!(tick);
