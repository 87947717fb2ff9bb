//! `jmo results` and `jmo report` as a user runs them (issue 4, items 1,
//! 4, 5): the real binary on the example plan, as of a fixed day.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

const JMO: &str = env!("CARGO_BIN_EXE_jmo");
const AS_OF: &str = "2026-11-21";

struct World {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("jmo.db");
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        let w = World { dir, db };
        let out = w.run(&["demo"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        w
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(JMO)
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .arg("--as-of")
            .arg(AS_OF)
            .args(args)
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path())
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "jmo {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// Every Markdown table has a rule row right under its header, and every
/// row has the header's number of cells (unescaped `|` would break this).
fn assert_tables_valid(md: &str) {
    let cells = |line: &str| {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        inner.replace("\\|", "").split('|').count()
    };
    let lines: Vec<&str> = md.lines().collect();
    let mut i = 0;
    let mut tables = 0;
    while i < lines.len() {
        if lines[i].starts_with('|') {
            tables += 1;
            let n = cells(lines[i]);
            let rule = lines.get(i + 1).copied().unwrap_or("");
            assert!(
                rule.split('|')
                    .all(|c| c.trim().trim_end_matches(':').chars().all(|ch| ch == '-')),
                "no rule under the header {:?}",
                lines[i]
            );
            while i < lines.len() && lines[i].starts_with('|') {
                assert_eq!(
                    cells(lines[i]),
                    n,
                    "row {:?} has the wrong cell count",
                    lines[i]
                );
                i += 1;
            }
            assert!(
                lines.get(i).is_none_or(|l| l.trim().is_empty()),
                "a table must end with a blank line"
            );
        }
        i += 1;
    }
    assert!(tables > 0, "no table in:\n{md}");
}

#[test]
fn the_plan_report_has_the_seed_sections_and_valid_tables() {
    let w = World::new();
    let md = w.stdout(&["report", "plan", "Joint booth at DataWorld Expo"]);
    for section in [
        "## Joint Marketing Campaign Plan",
        "### Campaign Overview",
        "### Budget & MDF",
        "### Responsibilities",
        "### Timeline",
        "### Success Metrics",
        "### Promotion Plan",
    ] {
        assert!(md.contains(section), "{section} missing:\n{md}");
    }
    // Unticked items are open checkboxes with owner and due date.
    assert!(
        md.contains("- [ ] Book venue & logistics - Jordan Ellis - 2026-11-30"),
        "{md}"
    );
    // The timeline by week from the kickoff, with the status.
    assert!(
        md.contains("| W1 | Kickoff call | 2026-11-16 | ✅ done |"),
        "{md}"
    );
    assert_tables_valid(&md);
    insta::assert_snapshot!("plan_report", md);
}

#[test]
fn the_results_report_shows_targets_roi_sources_and_recommendations() {
    let w = World::new();
    let md = w.stdout(&["report", "results", "Cloud Migration Summit", "--reported"]);
    for text in [
        "**Figures**: reported (as typed)",
        "### Performance Summary",
        "| Leads | 700 | 720 | 102.9% |",
        "### ROI Analysis",
        "- **ROI Multiple (revenue ÷ cost)**: 3.7x",
        "### Lead Source Breakdown",
        "| Our promotion | 300 | 41.7% |",
        "### Recommendations",
        "ROI multiple 3.7x is below the 5.0x target",
    ] {
        assert!(md.contains(text), "{text} missing:\n{md}");
    }
    assert_tables_valid(&md);
    insta::assert_snapshot!("results_report", md);
    // JSON carries the same figures.
    let json: serde_json::Value =
        serde_json::from_str(&w.stdout(&["report", "results", "Cloud Migration Summit", "--json"]))
            .unwrap();
    // The reported and the evidenced reports share their shape.
    assert_eq!(json["currency"], "USD");
    assert_eq!(
        json["performance"]["roi"]["total_cost"],
        serde_json::json!({"unit": "money", "value": "57000"})
    );
    assert_eq!(json["header"]["partner"], "Atlas Cloud");
    assert_eq!(json["basis"], "evidenced");
}

/// The summit has pipeline evidence (docs/domain.md §15.3): without
/// `--reported` its report counts what the CRM's records support, one
/// lead and MQL and no sourced pipeline, and says so.
#[test]
fn the_results_report_uses_the_evidenced_figures_where_there_are_some() {
    let w = World::new();
    let md = w.stdout(&["report", "results", "Cloud Migration Summit"]);
    for text in [
        "**Figures**: evidenced: leads, MQLs, pipeline and closed-won revenue from the CRM's records",
        "| Leads | 700 | 1 | 0.1% |",
        "| MQLs | 210 | 1 | 0.5% |",
        // Reach is not in the evidence: as reported.
        "| Registrations | 1,200 | 1,450 | 120.8% |",
    ] {
        assert!(md.contains(text), "{text} missing:\n{md}");
    }
    assert_tables_valid(&md);
    let json: serde_json::Value = serde_json::from_str(&w.stdout(&[
        "report",
        "results",
        "Cloud Migration Summit",
        "--json",
        "--reported",
    ]))
    .unwrap();
    assert_eq!(json["basis"], "reported");
}

#[test]
fn results_from_the_cli_update_the_report_and_keep_the_earlier_version() {
    let w = World::new();
    let name = "Securing Multi-Cloud Analytics";
    let before = w.stdout(&["report", "results", name]);
    assert!(before.contains("| Leads | 200 | 162 | 81.0% |"), "{before}");
    let out = w.stdout(&[
        "results",
        name,
        "--leads",
        "240",
        "--mqls",
        "60",
        "--leads-organic",
        "90",
        "--reported-on",
        "2026-11-20",
    ]);
    assert!(
        out.contains("Saved the results of 'Securing Multi-Cloud Analytics' as of 2026-11-20"),
        "{out}"
    );
    // Lead-to-MQL 60 / 240 = 25%: below the target, said at once.
    assert!(
        out.contains("Lead-to-MQL 25.0% is below the 30% target"),
        "{out}"
    );
    let after = w.stdout(&["report", "results", name]);
    assert!(after.contains("| Leads | 200 | 240 | 120.0% |"), "{after}");
    // The figures not given are kept.
    assert!(
        after.contains("| Registrations | 400 | 340 | 85.0% |"),
        "{after}"
    );
    assert!(after.contains("**Figures as of**: 2026-11-20"), "{after}");
    // A bad figure writes nothing and says which flag.
    let out = w.run(&["results", name, "--leads", "lots", "--mqls", "1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--leads: 'lots' is not a whole number"),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    // Sources above the leads are refused like in the form.
    let out = w.run(&["results", name, "--leads-ours", "500"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("add up to"),
        "{out:?}"
    );
    assert_eq!(w.stdout(&["report", "results", name]), after);
    // An unknown campaign is exit 2 with the candidates.
    let out = w.run(&["results", "No such campaign", "--leads", "1"]);
    assert_eq!(out.status.code(), Some(2));
    // The history keeps the earlier version: the export has two results edits.
    let export: serde_json::Value =
        serde_json::from_str(&w.stdout(&["export", "--json", "--redact"])).unwrap();
    let labels: Vec<&str> = export["history"]["change_sets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["label"].as_str())
        .filter(|l| l.starts_with("Results of"))
        .collect();
    assert_eq!(labels, vec!["Results of 'Securing Multi-Cloud Analytics'"]);
    let old_leads: Vec<&serde_json::Value> = export["history"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["entity"] == "results" && c["field"] == "leads")
        .collect();
    assert_eq!(old_leads.len(), 1);
    assert_eq!(old_leads[0]["old"], 162);
    assert_eq!(old_leads[0]["new"], 240);
}

#[test]
fn the_program_report_and_its_file() {
    let w = World::new();
    let md = w.stdout(&["report", "program", "--year", "2026"]);
    for text in [
        "## Partner Program FY2026",
        "| Joint sourced pipeline | > $2,000,000.00 |",
        "### Pipeline by Launch Month",
        "### By Campaign Type",
        "### By Partner and Type",
    ] {
        assert!(md.contains(text), "{text} missing:\n{md}");
    }
    assert_tables_valid(&md);
    let file = w.path("program.md");
    let out = w.run(&["report", "program", "--out", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), md);
    let json: serde_json::Value =
        serde_json::from_str(&w.stdout(&["report", "program", "--json"])).unwrap();
    assert_eq!(json["dashboard"]["gauges"].as_array().unwrap().len(), 5);
    // The example has evidence: its campaigns count with the evidenced
    // figures where they have some, said in the report and the JSON.
    assert_eq!(json["dashboard"]["figures"]["basis"], "evidenced");
    let n = json["dashboard"]["figures"]["evidenced"]["value"]
        .as_i64()
        .unwrap();
    assert!(n > 0, "{json}");
    assert!(
        md.contains("**Figures**: evidenced where the CRM supports it ("),
        "{md}"
    );
    // --reported: the typed figures, whatever the evidence.
    let typed = w.stdout(&["report", "program", "--year", "2026", "--reported"]);
    assert!(
        typed.contains("**Figures**: reported (as typed)"),
        "{typed}"
    );
    assert_ne!(typed, md);
    let json: serde_json::Value =
        serde_json::from_str(&w.stdout(&["report", "program", "--json", "--reported"])).unwrap();
    assert_eq!(json["dashboard"]["figures"]["basis"], "reported");
    // A fiscal year starting in February: FY2027 runs Feb 2026 – Jan 2027.
    std::fs::write(
        w.path("config.toml"),
        "[program]\nfiscal_year_start_month = 2\n",
    )
    .unwrap();
    let md = w.stdout(&["report", "program"]);
    assert!(
        md.contains("**Fiscal year**: 2026-02-01 to 2027-01-31"),
        "{md}"
    );
}

/// `jmo report jmp PARTNER --period …` (issue 5, item 6).
#[test]
fn the_joint_marketing_plan_report_and_its_refusals() {
    let w = World::new();
    let out = w.run(&["report", "jmp", "atlas cloud", "--period", "2026Q4"]);
    assert!(out.status.success(), "{out:?}");
    let md = String::from_utf8(out.stdout).unwrap();
    for part in [
        "## Joint Marketing Plan",
        "**Partner**: Atlas Cloud",
        "**Period**: 2026Q4 (2026-10-01 to 2026-12-31)",
        "### Campaign Portfolio",
        "### Roles and Responsibilities",
        "### Budget and Funding",
        "### Pipeline Targets",
        "### Review Checkpoints",
    ] {
        assert!(md.contains(part), "{part} missing:\n{md}");
    }
    assert_tables_valid(&md);
    insta::assert_snapshot!("jmp_report", md);
    // The default period is the quarter of --as-of; JSON has the figures.
    let out = w.run(&["report", "jmp", "Atlas Cloud", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["period"], "2026Q4");
    assert_eq!(v["currency"], "USD");
    assert_eq!(v["totals"]["cost"]["unit"], "money", "{v}");
    assert!(v["totals"]["cost"]["value"].is_string(), "{v}");
    // Unknown partner, bad period, no plan for the period: exit 2, nothing printed.
    for args in [
        vec!["report", "jmp", "Nobody"],
        vec!["report", "jmp", "Atlas Cloud", "--period", "2026Q5"],
        vec!["report", "jmp", "Atlas Cloud", "--period", "2019"],
    ] {
        let out = w.run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}
