//! A fund on a policy the config does not define (issue 10, item 6): an
//! M9 error in `jmo check`, text and JSON, naming the config file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

const JMO: &str = env!("CARGO_BIN_EXE_jmo");

fn run(home: &Path, args: &[&str]) -> Output {
    Command::new(JMO)
        .args(args)
        .env("XDG_CONFIG_HOME", home)
        .env("XDG_DATA_HOME", home)
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The example plan exported (`--redact`: G5 leaves out a campaign without
/// consent), its first fund moved to policy "gitlab", imported into a new
/// database; returns its path.
fn plan_on_gitlab(home: &Path) -> String {
    let demo = home.join("demo.db");
    let out = run(
        home,
        &[
            "demo",
            "--db",
            demo.to_str().unwrap(),
            "--as-of",
            "2026-11-21",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json = home.join("plan.json");
    let out = run(
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
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc["funds"][0]["name"], "Northwind FY co-marketing MDF");
    doc["funds"][0]["policy"] = "gitlab".into();
    std::fs::write(&json, doc.to_string()).unwrap();
    let db = home.join("gitlab.db");
    let out = run(
        home,
        &[
            "import",
            json.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    db.to_str().unwrap().to_owned()
}

#[test]
fn an_undefined_fund_policy_is_an_m9_error_in_check() {
    let home = tempfile::tempdir().unwrap();
    let db = plan_on_gitlab(home.path());
    let config = home.path().join("jmo").join("config.toml");
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "--db", &db, "--as-of", "2026-11-21"];
        args.extend_from_slice(extra);
        run(home.path(), &args)
    };
    // No config file yet: the message names the default path all the same.
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    let expected = format!(
        "Fund 'Northwind FY co-marketing MDF' uses policy 'gitlab', which is not defined in {}; \
         the defaults are used: 30-day claim window, 10 business days pre-approval, 50% max \
         share, $1,000.00 minimum. Add [policies.gitlab] to {} or pick a defined policy \
         (MDF → e on the fund).",
        config.display(),
        config.display()
    );
    let line = said
        .lines()
        .position(|l| l.starts_with("ERROR   M9  Northwind Analytics (fund 1)"))
        .unwrap_or_else(|| panic!("{said}"));
    assert_eq!(said.lines().nth(line + 1).unwrap().trim(), expected);
    let out = check(&["--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let m9: Vec<_> = rows.iter().filter(|r| r["rule"] == "M9").collect();
    assert_eq!(m9.len(), 1, "{rows:?}");
    assert_eq!(m9[0]["severity"], "error");
    assert_eq!(m9[0]["record"]["id"], 1);
    assert_eq!(m9[0]["message"], expected.as_str());
    // Defined in the config: no M9.
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "[policies.gitlab]\nclaim_window_days = 60\n").unwrap();
    let out = check(&[]);
    assert!(!text(&out.stdout).contains("M9"), "{}", text(&out.stdout));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn an_unknown_policy_key_is_warned_about_with_the_valid_ones() {
    let home = tempfile::tempdir().unwrap();
    let db = plan_on_gitlab(home.path());
    let config = home.path().join("mine.toml");
    std::fs::write(&config, "[policies.gitlab]\nclaim_window = 60\n").unwrap();
    let out = run(
        home.path(),
        &[
            "check",
            "--db",
            &db,
            "--as-of",
            "2026-11-21",
            "--config",
            config.to_str().unwrap(),
        ],
    );
    assert_eq!(
        text(&out.stderr).trim(),
        format!(
            "jmo: config: {}: [policies.gitlab]: unknown setting 'claim_window' skipped (valid: \
             claim_window_days, ineligible_categories, lead_time, lead_time_business_days, \
             max_share_percent, min_request, proof)",
            config.display()
        )
    );
    // The table itself defines the policy: no M9.
    assert!(!text(&out.stdout).contains("M9"), "{}", text(&out.stdout));
}

/// The screen shows it too: in the fund's partner's findings strip (errors
/// first) and in the `f` list.
#[test]
fn an_undefined_fund_policy_is_shown_in_the_screen() {
    use jmo::app::{App, Clock, Display, Setup};
    let home = tempfile::tempdir().unwrap();
    let db = plan_on_gitlab(home.path());
    let mut app = App::new(Setup {
        store: jmo::store::Store::open(Path::new(&db)).unwrap(),
        loaded: jmo::app::config::defaults(),
        display: Display {
            ascii: false,
            color: false,
        },
        clock: Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()),
    })
    .unwrap();
    let screen = |app: &mut App| {
        let area = ratatui::layout::Rect::new(0, 0, 160, 45);
        app.set_areas(jmo::ui::areas(area));
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 45)).unwrap();
        t.draw(|f| jmo::ui::draw(f, app)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..45)
            .map(|y| (0..160).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // The strip shows the selected partner's findings: Northwind, the
    // fourth by name.
    for _ in 0..3 {
        app.handle_key(crossterm::event::KeyEvent::from(
            crossterm::event::KeyCode::Char('j'),
        ));
    }
    let main = screen(&mut app);
    assert!(
        main.contains("✖ M9 Fund 'Northwind FY co-marketing MDF' uses policy 'gitlab'"),
        "{main}"
    );
    // The fund's row in the MDF pane carries the error mark, like every
    // other record with a finding (review 2, N14).
    let row = main
        .lines()
        .find(|l| l.contains("Northwind FY") && l.contains(" left "))
        .unwrap_or_else(|| panic!("no fund row:\n{main}"));
    let fund = row[row.find("Northwind FY").unwrap()..]
        .split('│')
        .next()
        .unwrap();
    assert!(fund.trim_end().ends_with('✖'), "{row}");
    app.handle_key(crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Char('f'),
    ));
    let list = screen(&mut app);
    assert!(list.contains("✖ M9  Northwind Analytics"), "{list}");
}
