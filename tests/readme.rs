//! The README must stay true: its keys table matches the real default
//! keymap, its config example parses without a warning, and CI runs the
//! test command it gives.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jmo::app::action::BINDABLE;
use jmo::app::config;
use jmo::app::keymap::KeyMap;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

#[test]
fn keys_table_matches_the_default_keymap() {
    let text = readme();
    let km = KeyMap::default();
    let mut seen = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (key, name) = (cells[1].trim_matches('`'), cells[2].trim_matches('`'));
        let Some(action) = jmo::app::Action::from_name(name) else {
            continue;
        };
        assert_eq!(km.key_label(action), key, "README says {key} for {name}");
        seen.push(name.to_string());
    }
    for (_, name, _) in BINDABLE {
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

#[test]
fn screenshot_is_the_real_80x24_screen() {
    let text = readme();
    let start = text.find("```text\n").unwrap() + 8;
    let end = start + text[start..].find("```").unwrap();
    let shown: Vec<&str> = text[start..end].lines().map(str::trim_end).collect();
    let snap = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/ui_snapshots__main_80x24_colour_text.snap"
    ))
    .unwrap();
    let body = snap.splitn(3, "---\n").nth(2).unwrap();
    let real: Vec<&str> = body.lines().map(str::trim_end).collect();
    assert_eq!(
        shown, real,
        "update the README's screenshot from the snapshot"
    );
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
