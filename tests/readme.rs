//! The README must stay true: its keys table matches the real default
//! keymap, its config example parses without a warning, its 80×24 screen
//! is what jmo shows when you do what it says, and CI runs the test
//! command it gives.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jmo::app::action::main_keys;
use jmo::app::config;
use jmo::app::keymap::KeyMap;
use jmo::app::views::Keys;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The README's text from `start` to `end` (both must be there).
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("README lacks {start:?}"));
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("README lacks {end:?}"));
    &text[from..to]
}

#[test]
fn keys_table_matches_the_default_keymap() {
    let text = readme();
    let main = between(
        &text,
        "The main screen's keys (the defaults):",
        "In a form:",
    );
    let km = KeyMap::default();
    let mut seen = Vec::new();
    for line in main.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (key, name) = (cells[1].trim_matches('`'), cells[2].trim_matches('`'));
        let Some(action) = jmo::app::Action::from_name(name) else {
            continue;
        };
        assert_eq!(km.key_label(action), key, "README says {key} for {name}");
        seen.push(name.to_string());
    }
    for d in main_keys() {
        let name = d.name;
        assert!(
            seen.iter().any(|s| s == name),
            "README's keys table lacks {name}"
        );
    }
}

#[test]
fn config_example_parses_cleanly() {
    let text = readme();
    let start = text.find("## The config file").unwrap();
    let block = &text[start..];
    let toml_start = block.find("```toml\n").unwrap() + 8;
    let toml_end = block[toml_start..].find("```").unwrap();
    let (c, warnings) = config::parse(&block[toml_start..toml_start + toml_end]);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(c.our_owner, "Dana");
    assert_eq!(c.theme, config::ThemeSetting::Auto);
    assert!(block[toml_start..toml_start + toml_end].contains("\ntheme = \"auto\""));
    assert_eq!(c.guardrails.max_active_campaigns, 3);
    assert_eq!(c.policies["default"].claim_window_days, 30);
    let mut km = KeyMap::default();
    assert!(km.apply_overrides(&c.keys).is_empty());
    let (keys, warnings) = Keys::configured(&mut km, &c.keys, &c.view_keys);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        keys.profile
            .doc_rows()
            .iter()
            .find(|r| r.name == "archive")
            .map(|r| r.keys.clone()),
        Some(vec!["A".to_string()])
    );
}

/// Each view's table in the README lists that view's keys, action names
/// and help texts, as the code binds them by default, in the same order.
#[test]
fn every_views_keys_table_matches_its_key_table() {
    let text = readme();
    for (view, title, rows) in Keys::default().docs() {
        let heading = format!("#### {title} (`[keys.{view}]`)");
        let from = text
            .find(&heading)
            .unwrap_or_else(|| panic!("README lacks {heading}"));
        let section: String = text[from + heading.len()..]
            .lines()
            .take_while(|l| !l.starts_with("#### ") && !l.starts_with("</details>"))
            .collect::<Vec<_>>()
            .join("\n");
        let documented: Vec<(Vec<String>, String, String)> = section
            .lines()
            .filter(|l| l.starts_with("| `"))
            .map(|line| {
                let cells: Vec<&str> = line.split(" | ").collect();
                let keys = cells[0]
                    .trim_start_matches("| ")
                    .split(", ")
                    .map(|k| k.trim_matches('`').to_string())
                    .collect();
                let name = cells[1].trim_matches('`').to_string();
                let help = cells[2..].join(" | ").trim_end_matches(" |").to_string();
                (keys, name, help)
            })
            .collect();
        let code: Vec<(Vec<String>, String, String)> = rows
            .into_iter()
            .map(|r| (r.keys, r.name.to_string(), r.help.to_string()))
            .collect();
        assert_eq!(documented, code, "README's table of {view}");
    }
}

#[test]
fn ci_runs_the_readme_test_command() {
    let text = readme();
    assert!(text.contains("cargo run --release"));
    assert!(text.contains("cargo test "));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.lines().any(|l| l.trim() == "cargo test"),
        ".ci/run must run `cargo test`"
    );
}

/// The README's 80×24 screen is what jmo shows when you do what the
/// paragraph above it says: the example plan as of its date, its keys
/// pressed. The whole block is compared, line by line.
#[test]
fn screenshot_is_the_real_80x24_screen() {
    let text = readme();
    let start = text.find("```text\n").unwrap() + 8;
    let end = start + text[start..].find("```").unwrap();
    let shown: Vec<&str> = text[start..end].lines().map(str::trim_end).collect();
    let recipe = text[..start]
        .rsplit("\n\n")
        .nth(1)
        .unwrap()
        .replace('\n', " ");
    let after = |marker: &str| {
        let from = recipe
            .find(marker)
            .unwrap_or_else(|| panic!("{marker}: {recipe}"))
            + marker.len();
        recipe[from..].split('`').next().unwrap().to_string()
    };
    let demo_day = after("`jmo demo --as-of ");
    let day = after("`jmo --as-of ");
    assert_eq!(demo_day, day, "{recipe}");
    let keys: Vec<char> = after("the keys `")
        .split_whitespace()
        .map(|k| k.chars().next().unwrap())
        .collect();
    let real = screen(&day, &keys, (80, 24));
    assert_eq!(
        shown,
        real.lines().map(str::trim_end).collect::<Vec<_>>(),
        "update the README's 80x24 screen:\n{real}"
    );
}

/// The screen jmo shows at `w`×`h` on the example plan loaded and viewed
/// as of `day`, after `keys`, one line per row.
fn screen(day: &str, keys: &[char], (w, h): (u16, u16)) -> String {
    use crossterm::event::{KeyCode, KeyEvent};
    use ratatui::{Terminal, backend::TestBackend, layout::Rect};
    let today = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    let mut store = jmo::store::Store::open_in_memory().unwrap();
    let loaded = config::defaults();
    jmo::store::example::load(&mut store, today, &loaded.templates, false).unwrap();
    let mut app = jmo::app::App::new(jmo::app::Setup {
        store,
        loaded,
        display: jmo::app::Display {
            ascii: false,
            color: true,
        },
        clock: jmo::app::Clock::Fixed(today),
    })
    .unwrap();
    app.set_areas(jmo::ui::areas(Rect::new(0, 0, w, h)));
    for k in keys {
        app.handle_key(KeyEvent::from(KeyCode::Char(*k)));
    }
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| jmo::ui::draw(f, &app)).unwrap();
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut skip = 0;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// Every key a `[policies.NAME]` table takes has its row (unit, range,
/// default) in the README's policy table.
#[test]
fn every_policy_key_is_documented() {
    let text = readme();
    let policy = toml::Value::try_from(jmo::domain::mdf::Policy::default()).unwrap();
    let keys: Vec<&String> = policy.as_table().unwrap().keys().collect();
    assert_eq!(keys.len(), 7, "{keys:?}");
    for key in keys {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("| `{key}` |"))),
            "README's policy table lacks {key}"
        );
    }
}
