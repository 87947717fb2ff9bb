//! Money says its currency (issue 10, item 5): an export in EUR (or JPY)
//! imported into an empty database is shown and written in that currency
//! everywhere — the screen, `jmo check`, the reports and the MDF packet —
//! and never as `$` or USD; yen have no decimals; ASCII mode shows the
//! ISO code.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use jmo::app::config;
use jmo::app::{App, Clock, Display, Setup};
use jmo::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const JMO: &str = env!("CARGO_BIN_EXE_jmo");
const AS_OF: &str = "2026-11-21";

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(JMO)
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .output()
        .unwrap()
}

fn ok(home: &Path, args: &[&str]) -> String {
    let out = run(home, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every string in a JSON value with `$` taken out: the example plan's
/// own texts mention dollars ("$27 cost per lead"), and this test is about
/// the amounts jmo writes, not what a user typed.
fn without_dollars(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => *s = s.replace('$', ""),
        serde_json::Value::Array(a) => a.iter_mut().for_each(without_dollars),
        serde_json::Value::Object(o) => o.values_mut().for_each(without_dollars),
        _ => {}
    }
}

/// The example plan exported (`--redact`: one of its campaigns uses a
/// partner's data without consent, G5), its currency set to `code`,
/// imported into a new, empty database with `jmo import`; returns that
/// database.
fn plan_in(home: &Path, code: &str) -> PathBuf {
    let demo = home.join("demo.db");
    ok(
        home,
        &["demo", "--db", demo.to_str().unwrap(), "--as-of", AS_OF],
    );
    let json = home.join("plan.json");
    ok(
        home,
        &[
            "export",
            "--json",
            "--redact",
            "--db",
            demo.to_str().unwrap(),
            "--out",
            json.to_str().unwrap(),
        ],
    );
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["currency"], "USD");
    without_dollars(&mut doc);
    doc["currency"] = code.into();
    let theirs = home.join(format!("{code}.json"));
    std::fs::write(&theirs, doc.to_string()).unwrap();
    let db = home.join(format!("{code}.db"));
    let said = ok(
        home,
        &[
            "import",
            theirs.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
    );
    // Counted in English: one change set, not "1 change sets".
    assert!(
        said.contains("5 results, ") && said.contains("history: 1 change set, 391 changes"),
        "{said}"
    );
    db
}

/// Says money only in `symbol` / `code`: at least one amount with the
/// symbol, never a dollar sign, never "USD".
fn in_currency(what: &str, text: &str, symbol: &str) {
    assert!(text.contains(symbol), "{what}: no {symbol}:\n{text}");
    assert!(!text.contains('$'), "{what}: a $:\n{text}");
    assert!(!text.contains("USD"), "{what}: USD:\n{text}");
}

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap()
}

fn screen_app(db: &Path, ascii: bool) -> App {
    App::new(Setup {
        store: Store::open(db).unwrap(),
        loaded: config::defaults(),
        display: Display {
            ascii,
            color: false,
        },
        clock: Clock::Fixed(today()),
    })
    .unwrap()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    });
}

fn keys(app: &mut App, typed: &str) {
    for c in typed.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The screen as a user sees it at 160×45.
fn screen(app: &mut App) -> String {
    let (w, h) = (160, 45);
    app.set_areas(jmo::ui::areas(Rect::new(0, 0, w, h)));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| jmo::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// The screens with money on them: the main screen with the MDF pane
/// focused, the findings list, a partner's profile, the dashboard.
fn money_screens(app: &mut App) -> Vec<(&'static str, String)> {
    let mut shots = Vec::new();
    keys(app, "4");
    shots.push(("MDF pane", screen(app)));
    keys(app, "f");
    shots.push(("findings", screen(app)));
    key(app, KeyCode::Esc);
    keys(app, "1");
    key(app, KeyCode::Enter);
    shots.push(("profile", screen(app)));
    key(app, KeyCode::Esc);
    keys(app, "D");
    shots.push(("dashboard", screen(app)));
    key(app, KeyCode::Esc);
    keys(app, "4");
    assert!(shots[1].1.contains("Findings: "), "{}", shots[1].1);
    assert!(shots[2].1.contains("budget suggestion"), "{}", shots[2].1);
    assert!(shots[3].1.contains("By campaign type"), "{}", shots[3].1);
    shots
}

/// The dashboard's column heads say the database's currency (`€/lead`,
/// `EUR/lead` in ASCII), never `$`.
fn dashboard_heads(shots: &[(&str, String)], mark: &str) {
    let dash = &shots[3].1;
    for head in [
        format!("{mark}/lead"),
        format!("{mark}/MQL"),
        format!("pipe/{mark}"),
    ] {
        assert!(dash.contains(&head), "no {head}:\n{dash}");
    }
}

/// A report's `--json` (README "Currency"): the database's currency
/// first and nowhere else, and every figure an object `{"unit": …,
/// "value": …}` (or null) — money, counts, percentages and multiples —
/// rounded by the one rule: money to `money_places`, percentages and
/// multiples to 2 places, no trailing zeros. Plain numbers are only ids,
/// years and weeks; no string holds a bare number.
fn json_figures_follow_the_rule(what: &str, json: &str, code: &str, money_places: usize) {
    assert!(
        json.starts_with(&format!("{{\n  \"currency\": \"{code}\",\n")),
        "{what}: {}",
        &json[..json.len().min(200)]
    );
    assert_eq!(json.matches("\"currency\"").count(), 1, "{what}: {json}");
    assert!(json.contains("\"unit\": \"money\""), "{what}: {json}");
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    /// Fields that hold a plain number: record ids, years, weeks.
    const PLAIN: [&str; 7] = [
        "year",
        "week",
        "duration_weeks",
        "plan",
        "entry",
        "campaign",
        "campaigns",
    ];
    fn numeric(s: &str) -> bool {
        let s = s.strip_prefix('-').unwrap_or(s);
        !s.is_empty()
            && s.split('.').count() <= 2
            && s.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    }
    fn walk(v: &serde_json::Value, key: &str, path: &str, money: usize, bad: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(o)
                if o.len() == 2 && o.contains_key("unit") && o.contains_key("value") =>
            {
                let value = &o["value"];
                let places = match o["unit"].as_str() {
                    Some("count") => {
                        if !value.is_i64() {
                            bad.push(format!("{path}: a count not an integer: {value}"));
                        }
                        return;
                    }
                    Some("money") => money,
                    Some("percent" | "multiple") => 2,
                    other => {
                        bad.push(format!("{path}: unit {other:?}"));
                        return;
                    }
                };
                match value.as_str() {
                    Some(text) if numeric(text) => {
                        let decimals = text.split_once('.').map_or("", |(_, d)| d);
                        if decimals.len() > places || decimals.ends_with('0') {
                            bad.push(format!("{path} = {text}: not rounded to {places} places"));
                        }
                    }
                    _ => bad.push(format!("{path}: value {value} is not a decimal string")),
                }
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    walk(x, k, &format!("{path}.{k}"), money, bad);
                }
            }
            serde_json::Value::Array(a) => {
                for x in a {
                    walk(x, key, &format!("{path}[]"), money, bad);
                }
            }
            serde_json::Value::Number(n) if !PLAIN.contains(&key) => {
                bad.push(format!("{path} = {n}: a bare number"));
            }
            serde_json::Value::String(text) if numeric(text) => {
                bad.push(format!("{path} = {text:?}: a bare number in a string"));
            }
            _ => {}
        }
    }
    let mut bad = Vec::new();
    walk(&doc, "", "", money_places, &mut bad);
    bad.sort();
    bad.dedup_by(|a, b| a.split(['=', ':']).next() == b.split(['=', ':']).next());
    assert!(bad.is_empty(), "{what}: figures off the rule: {bad:#?}");
}

/// Every report's `--json` on the database `d`.
fn report_jsons(h: &Path, d: &str) -> Vec<(String, String)> {
    [
        vec!["plan", "1"],
        vec!["results", "1"],
        vec!["program"],
        vec!["jmp", "Northwind Analytics"],
    ]
    .into_iter()
    .map(|report| {
        let mut args = vec!["report"];
        args.extend(&report);
        args.extend(["--db", d, "--as-of", AS_OF, "--json"]);
        (report.join(" "), ok(h, &args))
    })
    .collect()
}

#[test]
fn an_eur_export_is_shown_and_written_in_euros_everywhere() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = plan_in(h, "EUR");
    let d = db.to_str().unwrap();

    // The screen.
    let mut app = screen_app(&db, false);
    let shots = money_screens(&mut app);
    for (what, shot) in &shots {
        in_currency(what, shot, "€");
    }
    dashboard_heads(&shots, "€");
    let mdf = screen(&mut app);
    assert!(mdf.contains("€120K left"), "{mdf}");

    // jmo check, text and JSON.
    let check = run(h, &["check", "--db", d, "--as-of", AS_OF]);
    let text = String::from_utf8(check.stdout).unwrap();
    in_currency("check", &text, "€");
    assert!(
        text.contains("MDF claim for €2,500.00 not submitted"),
        "{text}"
    );
    let check = run(h, &["check", "--json", "--db", d, "--as-of", AS_OF]);
    in_currency(
        "check --json",
        &String::from_utf8(check.stdout).unwrap(),
        "€",
    );

    // The reports, Markdown and JSON.
    for report in [
        vec!["plan", "1"],
        vec!["results", "1"],
        vec!["program"],
        vec!["jmp", "Northwind Analytics"],
    ] {
        let mut args = vec!["report"];
        args.extend(&report);
        args.extend(["--db", d, "--as-of", AS_OF]);
        in_currency(&report.join(" "), &ok(h, &args), "€");
    }
    for (what, json) in report_jsons(h, d) {
        json_figures_follow_the_rule(&what, &json, "EUR", 2);
        assert!(!json.contains("USD") && !json.contains("usd"), "{json}");
    }

    // The reimbursement packet.
    let out = h.join("packets");
    ok(
        h,
        &[
            "mdf",
            "packet",
            "R1",
            "--draft",
            "--db",
            d,
            "--as-of",
            AS_OF,
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (csv, md) = (
        std::fs::read_to_string(&files[0]).unwrap(),
        std::fs::read_to_string(&files[1]).unwrap(),
    );
    in_currency("packet", &md, "€");
    assert!(md.contains("All amounts in EUR."), "{md}");
    // The computation table: every money column says €, the exact
    // "amount × 50%" too.
    let table: Vec<&str> = md
        .lines()
        .skip_while(|l| !l.starts_with("| expense | date | amount | amount × "))
        .skip(2)
        .take_while(|l| l.starts_with("| E"))
        .collect();
    assert!(!table.is_empty(), "{md}");
    for row in table {
        let cells: Vec<&str> = row.split(" | ").collect();
        for i in [2, 3, 4] {
            assert!(cells[i].starts_with('€'), "column {i} of {row}");
        }
    }
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().ends_with(",proof,currency"), "{csv}");
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.ends_with(",EUR"), "{row}");
    }

    // Exported again, it is still EUR.
    let again = ok(h, &["export", "--json", "--db", d]);
    assert!(again.contains("\"currency\": \"EUR\""), "{}", &again[..200]);
}

/// Each `¥` amount in `text` is whole: no decimal point after its digits.
fn yen_are_whole(text: &str) {
    let mut seen = 0;
    for (i, _) in text.match_indices('¥') {
        let rest = &text[i + '¥'.len_utf8()..];
        let digits: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == ',')
            .collect();
        let after = &rest[digits.len()..];
        // "¥97.5K" is compact thousands, not a fraction of a yen.
        let decimals: String = after
            .chars()
            .skip(1)
            .take_while(char::is_ascii_digit)
            .collect();
        let compact = after[1 + decimals.len()..].starts_with(['K', 'M']);
        let fraction = after.starts_with('.') && !decimals.is_empty() && !compact;
        assert!(!fraction, "¥{digits}.{decimals}");
        seen += 1;
    }
    assert!(seen > 0, "no ¥ amount in:\n{text}");
}

#[test]
fn yen_have_no_decimals_and_a_fraction_of_a_yen_is_refused_at_the_field() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = plan_in(h, "JPY");
    let d = db.to_str().unwrap();
    let check = String::from_utf8(run(h, &["check", "--db", d, "--as-of", AS_OF]).stdout).unwrap();
    in_currency("check", &check, "¥");
    yen_are_whole(&check);
    assert!(
        check.contains("MDF claim for ¥2,500 not submitted"),
        "{check}"
    );
    let plan = ok(h, &["report", "plan", "1", "--db", d, "--as-of", AS_OF]);
    yen_are_whole(&plan);
    // In JSON too: every amount in whole yen, a cost per lead included.
    for (what, json) in report_jsons(h, d) {
        json_figures_follow_the_rule(&what, &json, "JPY", 0);
    }
    assert!(
        plan.contains("| External budget | ¥5,000 | Ours |"),
        "{plan}"
    );

    // The screen: amounts whole; the money form says JPY and refuses 12.5.
    let mut app = screen_app(&db, false);
    let shots = money_screens(&mut app);
    for (what, shot) in &shots {
        in_currency(what, shot, "¥");
        yen_are_whole(shot);
    }
    dashboard_heads(&shots, "¥");
    // MDF pane (focused, on "Funds"): the campaign's budget, then e.
    keys(&mut app, "4jjj");
    key(&mut app, KeyCode::Char('e'));
    let form = screen(&mut app);
    assert!(form.contains("JPY, e.g. 12500, 12,500 or 12.5k"), "{form}");
    for _ in 0..10 {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "12.5");
    let form = screen(&mut app);
    assert!(
        form.contains("JPY amounts are whole: no decimal places"),
        "{form}"
    );
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Backspace);
    keys(&mut app, "k");
    assert!(!screen(&mut app).contains("amounts are whole"));
}

#[test]
fn the_recommendation_weighs_pipeline_per_euro_in_plain_english() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let db = plan_in(h, "EUR");
    let d = db.to_str().unwrap();
    let results = |c: &str| ok(h, &["report", "results", c, "--db", d, "--as-of", AS_OF]);
    let atlas = results("8");
    assert!(
        atlas.contains("With Atlas Cloud, virtual events returned the most pipeline per € spent: 20.2x over 1 completed campaign (this webinar: 14.6x). Plan a virtual event next."),
        "{atlas}"
    );
    let meridian = results("5");
    assert!(
        meridian.contains(
            "**Next campaign**: An in-person event is Meridian Solutions Group's best type so far"
        ),
        "{meridian}"
    );
    for c in 1..=16 {
        let text = run(
            h,
            &[
                "report",
                "results",
                &c.to_string(),
                "--db",
                d,
                "--as-of",
                AS_OF,
            ],
        );
        let text = String::from_utf8(text.stdout).unwrap();
        assert!(!text.to_lowercase().contains("dollar"), "{text}");
    }
}

#[test]
fn ascii_mode_shows_the_iso_code() {
    let home = tempfile::tempdir().unwrap();
    let db = plan_in(home.path(), "EUR");
    let mut app = screen_app(&db, true);
    let shots = money_screens(&mut app);
    dashboard_heads(&shots, "EUR");
    for (what, shot) in shots {
        assert!(shot.is_ascii(), "{what}");
        assert!(shot.contains("EUR "), "{what}: no EUR:\n{shot}");
        assert!(!shot.contains('$'), "{what}:\n{shot}");
        // € folded cell by cell would leave "?1,200.00".
        let folded = shot
            .match_indices('?')
            .any(|(i, _)| shot[i + 1..].starts_with(|c: char| c.is_ascii_digit()));
        assert!(!folded, "{what}: a folded currency sign:\n{shot}");
    }
    let mdf = screen(&mut app);
    assert!(mdf.contains("EUR 120K left"), "{mdf}");
}
