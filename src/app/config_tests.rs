//! The config file read leniently: every setting, its range, and the
//! warnings for what does not fit (tests of `config.rs`).

use super::*;

#[test]
fn out_of_range_values_are_warned_about_and_reset() {
    let (c, w) = parse(
        "[guardrails]\nclaim_warning_days = -3\nmax_active_campaigns = 0\n\
         [policies.x]\nclaim_window_days = -1\nmax_share_percent = \"150\"",
    );
    assert_eq!(c.guardrails, Thresholds::default());
    assert_eq!(c.policies["x"], Policy::default());
    assert_eq!(w.len(), 4, "{w:?}");
}

#[test]
fn tier_budget_bases_parse_and_bad_ones_are_reset() {
    let (c, w) = parse("[tier_budget]\nsilver = 12000\ngold = -5\nbronze = 1");
    assert_eq!(c.tier_budget.silver, rust_decimal::Decimal::from(12000));
    assert_eq!(c.tier_budget.gold, rust_decimal::Decimal::from(25000));
    assert_eq!(c.tier_budget.platinum, rust_decimal::Decimal::from(50000));
    assert!(w.iter().any(|w| w.contains("[tier_budget] gold")), "{w:?}");
    assert!(w.iter().any(|w| w.contains("bronze")), "{w:?}");
}

#[test]
fn program_targets_parse_and_bad_ones_are_reset() {
    let (c, w) = parse(
        "[program]\nfiscal_year_start_month = 2\nsourced_pipeline = 2500000\nroi_multiple = 4.5",
    );
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.program.fiscal_year_start_month, 2);
    assert_eq!(
        c.program.sourced_pipeline,
        rust_decimal::Decimal::from(2_500_000)
    );
    assert_eq!(c.program.roi_multiple, rust_decimal::Decimal::new(45, 1));
    let (c, w) =
        parse("[program]\nfiscal_year_start_month = 13\nlead_to_mql_percent = -5\nsurprise = 1");
    assert_eq!(c.program, ProgramTargets::default());
    assert_eq!(w.len(), 3, "{w:?}");
    assert!(
        w.iter().any(|m| m.contains("fiscal_year_start_month")),
        "{w:?}"
    );
}

#[test]
fn a_built_in_policy_is_amended_not_replaced() {
    // Only the window changes; fast-track keeps its 100 % share, $500
    // minimum and 14 calendar days.
    let (c, w) = parse("[policies.fast-track]\nclaim_window_days = 60");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        c.policies["fast-track"],
        Policy {
            claim_window_days: 60,
            ..fast_track()
        }
    );
    // Out of range: a year at most; the built-in value is kept.
    let (c, w) = parse(
        "[policies.fast-track]\nclaim_window_days = 366\nlead_time = 100000000\n\
         [policies.y]\nlead_time = 365",
    );
    assert_eq!(c.policies["fast-track"], fast_track());
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w[0].contains("(0–365)"), "{w:?}");
    assert_eq!(c.policies["y"].lead_time, 365);
}

#[test]
fn empty_config_is_all_defaults() {
    let (c, w) = parse("");
    assert_eq!(c, Config::default());
    assert!(w.is_empty());
    assert_eq!(c.guardrails.max_active_campaigns, 3);
    assert_eq!(c.policies["default"].claim_window_days, 30);
}

#[test]
fn reads_thresholds_policies_and_keys() {
    let (c, w) = parse(
        r#"
        ascii = true
        our_owner = "Dana"
        [guardrails]
        max_active_campaigns = 4
        event_lead_time_days = 56
        [policies.partnerx]
        claim_window_days = 45
        [keys]
        toggle = "x"
        down = ["j", "ctrl-n"]
        "#,
    );
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(c.ascii, Some(true));
    assert_eq!(c.our_owner, "Dana");
    assert_eq!(c.guardrails.max_active_campaigns, 4);
    assert_eq!(c.guardrails.event_lead_time_days, 56);
    assert_eq!(c.guardrails.claim_warning_days, 7);
    assert_eq!(c.policies["partnerx"].claim_window_days, 45);
    assert_eq!(
        c.policies["partnerx"].min_request,
        Policy::default().min_request
    );
    assert!(c.policies.contains_key("default"));
    assert_eq!(
        c.keys["down"],
        KeySpec::Many(vec!["j".into(), "ctrl-n".into()])
    );
}

#[test]
fn bad_entries_are_warned_about_and_skipped() {
    let (c, w) = parse(
        r#"
        ascii = "sometimes"
        colour = false
        [guardrails]
        max_active_campaigns = -1
        event_lead_time_days = 35
        lead_time_weeks = 6
        [keys]
        toggle = 5
        "#,
    );
    assert_eq!(c.ascii, None);
    assert_eq!(c.guardrails.max_active_campaigns, 3);
    assert_eq!(c.guardrails.event_lead_time_days, 35);
    assert!(c.keys.is_empty());
    assert_eq!(w.len(), 5, "{w:?}");
    assert!(
        w.iter()
            .any(|m| m.contains("unknown setting 'lead_time_weeks'"))
    );
    assert!(w.iter().any(|m| m.contains("unknown setting 'colour'")));
    assert!(w.iter().any(|m| m.contains("[guardrails]")));
    let (c, w) = parse("this is = = not toml");
    assert_eq!(c, Config::default());
    assert!(w[0].contains("not valid TOML"));
}

/// Warnings in the config file's words, not the parser's, with the
/// range a value must be in; a proof entry for an activity type that
/// does not exist is warned about (review 2 of issue 10, N11).
#[test]
fn warnings_say_what_a_value_must_be() {
    let (c, w) = parse(
        r#"
        [guardrails]
        max_active_campaigns = 1.5
        [policies.default]
        ineligible_categories = "travel"
        lead_time_business_days = "yes"
        min_request = -5
        proof = { party = ["photos"], webinar = ["recording URL"] }
        "#,
    );
    assert_eq!(
        w,
        [
            "[guardrails] max_active_campaigns: must be a whole number, not the number 1.5; default kept",
            "[policies.default] ineligible_categories: must be a list in brackets, e.g. [\"a\", \"b\"], not the text \"travel\"; default kept",
            "[policies.default] lead_time_business_days: must be true or false, not the text \"yes\"; default kept",
            "[policies.default] min_request: out of range (an amount of 0 or more); default kept",
            "[policies.default] proof: unknown activity type 'party' skipped (valid: event, webinar, digital_ads, email, content)",
        ]
    );
    let proof = &c.policies["default"].proof;
    assert_eq!(proof.keys().collect::<Vec<_>>(), ["webinar"]);
    let (_, w) = parse("[guardrails]\nmax_active_campaigns = 99999999999999999999\n");
    assert_eq!(
        w,
        [
            "not valid TOML at line 2: the number 99999999999999999999 is out of range (whole numbers go from -9223372036854775808 to 9223372036854775807); using defaults"
        ]
    );
}

#[test]
fn a_missing_explicit_file_is_a_warning_and_overrides_load_from_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let loaded = load(Some(&dir.path().join("nope.toml")));
    assert_eq!(loaded.warnings.len(), 1);
    assert_eq!(loaded.config, Config::default());
    std::fs::write(dir.path().join("config.toml"), "our_owner = \"Sam\"").unwrap();
    std::fs::write(
        dir.path().join("playbooks.toml"),
        "[[playbook]]\nname='Tiny'\ntype='email'\nduration_weeks=2\nlaunch_after_days=7\nbudget='1000'\nbest_outcome='x'",
    )
    .unwrap();
    std::fs::write(dir.path().join("templates.toml"), "not [ toml").unwrap();
    let loaded = load(Some(&dir.path().join("config.toml")));
    assert_eq!(loaded.config.our_owner, "Sam");
    assert_eq!(loaded.playbooks.len(), 1);
    assert!(
        loaded
            .templates
            .get(crate::domain::CampaignType::Webinar)
            .is_some()
    );
    assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
    assert!(loaded.warnings[0].contains("using the shipped templates.toml"));
}

#[test]
fn theme_is_auto_dark_or_light_and_a_bad_one_is_warned_about() {
    assert_eq!(parse("").0.theme, ThemeSetting::Auto);
    for (text, theme) in [
        ("theme = \"light\"", ThemeSetting::Light),
        ("theme = \"Dark\"", ThemeSetting::Dark),
        ("theme = \"auto\"", ThemeSetting::Auto),
    ] {
        let (c, w) = parse(text);
        assert!(w.is_empty(), "{text}: {w:?}");
        assert_eq!(c.theme, theme, "{text}");
    }
    for bad in ["theme = \"solarized\"", "theme = true"] {
        let (c, w) = parse(bad);
        assert_eq!(c.theme, ThemeSetting::Auto, "{bad}");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("theme: must be \"auto\", \"dark\" or \"light\""),
            "{w:?}"
        );
    }
}

#[test]
fn auto_asks_the_terminal_and_falls_back_to_dark() {
    let never = || -> Option<f32> { panic!("only auto asks the terminal") };
    assert_eq!(ThemeSetting::Light.resolve(never), ThemeSetting::Light);
    assert_eq!(ThemeSetting::Dark.resolve(never), ThemeSetting::Dark);
    assert_eq!(ThemeSetting::Auto.resolve(|| None), ThemeSetting::Dark);
    assert_eq!(
        ThemeSetting::Auto.resolve(|| Some(0.05)),
        ThemeSetting::Dark
    );
    assert_eq!(
        ThemeSetting::Auto.resolve(|| Some(0.95)),
        ThemeSetting::Light
    );
}

#[test]
fn evidence_window_and_tolerance_parse_and_bad_ones_are_reset() {
    let (c, w) = parse("[evidence]\nwindow_days = 120\ntolerance_percent = 12.5");
    assert_eq!(c.evidence.window_days, 120);
    assert_eq!(
        c.evidence.tolerance_percent,
        rust_decimal::Decimal::new(125, 1)
    );
    assert!(w.is_empty(), "{w:?}");
    let (c, w) = parse("[evidence]\nwindow_days = 0\ntolerance_percent = 101");
    assert_eq!(c.evidence.window_days, 90);
    assert_eq!(c.evidence.tolerance_percent, rust_decimal::Decimal::TEN);
    assert!(
        w.iter().any(|w| w.contains("[evidence] window_days")),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| w.contains("[evidence] tolerance_percent")),
        "{w:?}"
    );
    let (c, w) = parse("[evidence]\nwindow = 30");
    assert_eq!(c.evidence.window_days, 90);
    assert!(
        w.iter().any(|w| w.contains("unknown setting 'window'")),
        "{w:?}"
    );
}
