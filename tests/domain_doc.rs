//! docs/domain.md says what the code does: each table marked *checked*
//! there is read here and compared with the code's own constants, so a
//! number changed on one side only fails the build.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use jmo::domain::campaign::CampaignType;
use jmo::domain::currency::Currency;
use jmo::domain::dashboard::{FiscalYear, dashboard};
use jmo::domain::guardrails::{Rule, Thresholds};
use jmo::domain::mdf::Policy;
use jmo::domain::meeting::MeetingKind;
use jmo::domain::milestone::{MilestoneKind, ShownStatus};
use jmo::domain::new_campaign::SHARED_OWNER;
use jmo::domain::partner::{PIPELINE_POTENTIAL, STRATEGIC_VALUE, Tier, TierBudget, earned_tier};
use jmo::domain::performance::ProgramTargets;
use jmo::domain::playbook::parse_playbooks;
use jmo::domain::program::Program;
use jmo::domain::responsibility::{DueRule, Templates};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};
use std::str::FromStr;

fn doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/domain.md")).unwrap()
}

/// The `n`-th table (0 = first) after the heading of section `id`
/// (`"2.1"`, `"3"`), before the next heading: its body rows, each cell
/// trimmed and without backticks.
fn table_n(id: &str, n: usize) -> Vec<Vec<String>> {
    let text = doc();
    let lines: Vec<&str> = text.lines().collect();
    let heading = |l: &str| {
        let rest = l.trim_start_matches('#');
        let rest = rest.trim_start();
        l.starts_with('#')
            && (rest.starts_with(&format!("{id}. ")) || rest.starts_with(&format!("{id} ")))
    };
    let start = lines
        .iter()
        .position(|l| heading(l))
        .unwrap_or_else(|| panic!("no section §{id} in docs/domain.md"));
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    let mut current: Option<Vec<Vec<String>>> = None;
    for line in &lines[start + 1..] {
        if line.starts_with('#') {
            break;
        }
        if line.starts_with('|') {
            let cells: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| c.trim().replace('`', ""))
                .collect();
            let rows = current.get_or_insert_with(Vec::new);
            rows.push(cells);
        } else if let Some(rows) = current.take() {
            tables.push(rows);
        }
    }
    tables.extend(current);
    let rows = tables
        .get(n)
        .unwrap_or_else(|| panic!("no table #{n} in §{id}"));
    // Header, then the |---| line.
    rows[2..].to_vec()
}

fn table(id: &str) -> Vec<Vec<String>> {
    table_n(id, 0)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A number as the doc writes it: `$5,000`, `$2K`, `2000000`, `0.5`.
fn num(text: &str) -> Decimal {
    let plain = text.replace(['$', ','], "");
    let (digits, unit) = match plain.strip_suffix('K') {
        Some(d) => (d, 1_000),
        None => (plain.as_str(), 1),
    };
    Decimal::from_str(digits).unwrap_or_else(|_| panic!("{text:?}")) * Decimal::from(unit)
}

/// The doc's prose with every run of white space one space (lines wrap).
fn prose() -> String {
    doc().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `lo–hi` as two numbers.
fn range(text: &str) -> (Decimal, Decimal) {
    let (lo, hi) = text.split_once('–').unwrap_or_else(|| panic!("{text:?}"));
    (num(lo), num(hi))
}

/// Whether the doc's `text` is the TOML `value` the code serialises.
fn same(text: &str, value: &toml::Value) -> bool {
    match value {
        toml::Value::String(s) => match (Decimal::from_str(s), Decimal::from_str(text)) {
            (Ok(a), Ok(b)) => a == b,
            _ => s == text,
        },
        toml::Value::Integer(i) => num(text) == Decimal::from(*i),
        toml::Value::Boolean(b) => text == b.to_string(),
        other => panic!("unexpected {other:?}"),
    }
}

/// The fields of a config table as the code serialises its defaults.
fn fields<T: serde::Serialize>(value: &T) -> toml::map::Map<String, toml::Value> {
    toml::Value::try_from(value)
        .unwrap()
        .as_table()
        .unwrap()
        .clone()
}

#[test]
fn campaign_types_and_their_ranges() {
    let rows = table("2.1");
    assert_eq!(rows.len(), CampaignType::ALL.len());
    for (row, t) in rows.iter().zip(CampaignType::ALL) {
        assert_eq!(row[0], t.label());
        assert_eq!(row[1], t.key());
        assert_eq!(row[2], t.best_for());
        assert_eq!(row[3], t.typical_budget_text(Currency::USD), "{t:?}");
        assert_eq!(range(&row[3]), t.typical_budget(), "{t:?}");
        let (lo, hi) = t.expected_leads();
        assert_eq!(range(&row[4]), (lo.into(), hi.into()), "{t:?}");
        assert_eq!(row[5] == "yes", t.is_event(), "{t:?}");
    }
}

#[test]
fn playbooks() {
    let shipped = parse_playbooks(include_str!("../assets/playbooks.toml")).unwrap();
    let rows = table("3");
    assert_eq!(rows.len(), shipped.len());
    for (row, p) in rows.iter().zip(&shipped) {
        assert_eq!(row[0], p.name);
        assert_eq!(row[1], p.campaign_type.key(), "{}", p.name);
        assert_eq!(row[2], p.duration_weeks.to_string(), "{}", p.name);
        assert_eq!(row[3], p.launch_after_days.to_string(), "{}", p.name);
        assert_eq!(num(&row[4]), p.budget, "{}", p.name);
        assert_eq!(row[5], p.best_outcome, "{}", p.name);
    }
}

#[test]
fn standard_milestones_and_their_due_rules() {
    let rows = table("4.1");
    assert_eq!(rows.len(), MilestoneKind::ALL.len());
    let dates = [
        (d("2026-03-02"), d("2026-04-13"), d("2026-04-20")),
        (d("2026-12-28"), d("2027-01-05"), d("2027-03-01")),
    ];
    for (row, k) in rows.iter().zip(MilestoneKind::ALL) {
        assert_eq!((row[0].as_str(), row[1].as_str()), (k.label(), k.key()));
        let rule = DueRule::parse(&row[2]).unwrap();
        for (s, l, e) in dates {
            assert_eq!(rule.resolve(s, l, e), k.due(s, l, e), "{k:?}");
        }
    }
}

#[test]
fn milestone_statuses_and_icons() {
    let rows = table("4.2");
    assert_eq!(rows.len(), ShownStatus::ALL.len());
    for (row, s) in rows.iter().zip(ShownStatus::ALL) {
        assert_eq!(
            (
                row[0].as_str(),
                row[1].as_str(),
                row[2].as_str(),
                row[3].as_str()
            ),
            (s.label(), s.key(), s.icon(), s.ascii())
        );
    }
}

#[test]
fn checklist_templates_and_default_owners() {
    let shipped = Templates::parse(include_str!("../assets/templates.toml")).unwrap();
    let mut code = Vec::new();
    for t in CampaignType::ALL {
        let tpl = shipped.get(*t).unwrap();
        for (side, items) in [
            ("ours", &tpl.ours),
            ("partner", &tpl.partner),
            ("shared", &tpl.shared),
        ] {
            for i in items {
                code.push(vec![
                    t.key().to_string(),
                    side.to_string(),
                    i.title.clone(),
                    i.due.clone(),
                ]);
            }
        }
    }
    assert_eq!(table("5.2"), code);
    let owners = table("5.1");
    assert_eq!(owners[2][0], "shared");
    assert_eq!(owners[2][1], format!("\"{SHARED_OWNER}\""));
}

#[test]
fn every_rule_is_in_a_table_and_the_guardrails_in_order() {
    let ids = |id: &str| -> Vec<String> {
        table(id)
            .into_iter()
            .flat_map(|r| {
                r[0].split(", ")
                    // §15.4 names the rule after its id: "E1 disputed ownership".
                    .map(|id| id.split(' ').next().unwrap_or(id).to_string())
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    let guardrails: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| r.key())
        .filter(|k| k.starts_with('G'))
        .collect();
    assert_eq!(ids("6.2"), guardrails);
    let mdf: Vec<&str> = Rule::ALL
        .iter()
        .map(|r| r.key())
        .filter(|k| k.starts_with('M'))
        .collect();
    assert_eq!(ids("11.5"), mdf);
    let documented: BTreeSet<String> = ["6.2", "6.4", "6.5", "11.5", "15.4"]
        .into_iter()
        .flat_map(ids)
        .collect();
    let all: BTreeSet<String> = Rule::ALL.iter().map(|r| r.key().to_string()).collect();
    assert_eq!(documented, all);
}

#[test]
fn guardrail_thresholds() {
    let code = fields(&Thresholds::default());
    let rows = table("6.3");
    assert_eq!(rows.len(), code.len());
    for row in rows {
        let v = code.get(&row[0]).unwrap_or_else(|| panic!("{}", row[0]));
        assert!(same(&row[1], v), "{}: doc {} code {v}", row[0], row[1]);
    }
}

#[test]
fn program_metrics_and_targets() {
    let goals = ProgramTargets::default();
    let code = fields(&goals);
    let rows = table("9");
    for row in &rows {
        let v = code.get(&row[3]).unwrap_or_else(|| panic!("{}", row[3]));
        assert!(same(&row[4], v), "{}: doc {} code {v}", row[3], row[4]);
    }
    let year = FiscalYear::new(2026, goals.fiscal_year_start_month).unwrap();
    let shown = dashboard(
        &Program::default(),
        year,
        &goals,
        &BTreeMap::new(),
        d("2026-11-21"),
        None,
    );
    let keys: Vec<&str> = shown.gauges.iter().map(|g| g.key).collect();
    let doc_keys: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert_eq!(doc_keys, keys);
    assert!(prose().contains(&format!(
        "`fiscal_year_start_month` (default {}",
        goals.fiscal_year_start_month
    )));
}

#[test]
fn tiers_are_earned_at_their_thresholds() {
    let rows = table("10.2");
    assert_eq!(rows.len(), Tier::ALL.len());
    let cent = Decimal::new(1, 2);
    for (row, tier) in rows.iter().zip(Tier::ALL) {
        assert_eq!(
            (row[0].as_str(), row[1].as_str()),
            (tier.label(), tier.key())
        );
        let revenue = num(&row[2]);
        assert_eq!(earned_tier(true, revenue, 0), Some(*tier), "{tier:?}");
        if revenue > Decimal::ZERO {
            assert!(
                earned_tier(true, revenue - cent, 0) < Some(*tier),
                "{tier:?}"
            );
        }
        if row[3] != "—" {
            let referrals: i64 = row[3].parse().unwrap();
            assert_eq!(earned_tier(true, Decimal::ZERO, referrals), Some(*tier));
            if referrals > 0 {
                assert!(earned_tier(true, Decimal::ZERO, referrals - 1) < Some(*tier));
            }
        }
    }
    // No tier without a signed agreement.
    assert_eq!(earned_tier(false, num("200000"), 100), None);
}

#[test]
fn budget_bases_and_factor_ranges() {
    let code = fields(&TierBudget::default());
    let bases = table_n("10.3", 0);
    assert_eq!(bases.len(), code.len());
    for row in bases {
        assert!(same(&row[1], &code[&row[0]]), "{}", row[0]);
    }
    let factors = table_n("10.3", 1);
    assert_eq!(range(&factors[0][1]), PIPELINE_POTENTIAL);
    assert_eq!(range(&factors[1][1]), STRATEGIC_VALUE);
}

#[test]
fn meeting_cadence() {
    let rows = table("10.5");
    assert_eq!(rows.len(), MeetingKind::ALL.len());
    for (row, k) in rows.iter().zip(MeetingKind::ALL) {
        assert_eq!((row[0].as_str(), row[1].as_str()), (k.label(), k.key()));
        assert_eq!(row[2], k.interval_months().to_string(), "{k:?}");
    }
}

#[test]
fn mdf_policies() {
    let default = fields(&Policy::default());
    let fast = fields(&jmo::app::config::fast_track());
    for row in table_n("11.2", 0) {
        let key = &row[1];
        assert!(same(&row[2], &default[key]), "default {key}");
        assert!(same(&row[3], &fast[key]), "fast-track {key}");
    }
    let policy = Policy::default();
    let text = prose();
    let listed = format!("in both: {}.", policy.ineligible_categories.join(", "));
    assert!(text.contains(&listed), "{listed}");
    let proof: BTreeMap<String, String> = table_n("11.2", 1)
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let code: BTreeMap<String, String> = policy
        .proof
        .iter()
        .map(|(k, v)| (k.clone(), v.join("; ")))
        .collect();
    assert_eq!(proof, code);
    // Both built-in policies share the lists.
    let fast = jmo::app::config::fast_track();
    assert_eq!(fast.ineligible_categories, policy.ineligible_categories);
    assert_eq!(fast.proof, policy.proof);
}
