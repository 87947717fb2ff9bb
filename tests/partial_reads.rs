//! Issue 13, item 4's guard for the shell commands: reading one partner
//! (`Store::load_partner`, what `jmo results`, `jmo report plan|results`,
//! `jmo mdf packet` and `jmo check` now read) gives what reading the whole
//! database gives. On the example plan (`jmo demo`) and on a generated
//! program (`jmo demo --campaigns 100`'s generator), each command's output is compared with what the domain
//! derives from the whole program (`Store::load_program`, the path they
//! took before): the findings of `jmo check` (JSON and text), both
//! campaign reports (JSON and Markdown, redacted where G5 asks), every
//! MDF packet, and the confirmation of `jmo results`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use chrono::NaiveDate;
use common::{AS_OF, TestEnv};
use jmo::app::config::{self, Loaded};
use jmo::app::files;
use jmo::domain::figure::InCurrency;
use jmo::domain::guardrails::{self, Context, Severity};
use jmo::domain::*;
use jmo::store::Store;

fn as_of() -> NaiveDate {
    NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap()
}

/// The whole program, as the commands read it before issue 13.
fn whole(env: &TestEnv) -> Program {
    Store::open_read_only(&env.db)
        .unwrap()
        .load_program()
        .unwrap()
}

fn loaded(env: &TestEnv) -> Loaded {
    config::load(Some(&env.config))
}

/// One finding of `jmo check --json`, fields in its order.
#[derive(serde::Serialize)]
struct JsonFinding {
    rule: &'static str,
    severity: &'static str,
    partner: String,
    campaign: Option<String>,
    record: JsonRecord,
    message: String,
    since: Option<String>,
}

#[derive(serde::Serialize)]
struct JsonRecord {
    kind: &'static str,
    id: i64,
}

/// `jmo check` (JSON and text) against the whole program's findings.
fn check_matches_the_whole_read(env: &TestEnv) {
    let program = whole(env);
    let loaded = loaded(env);
    let missing = files::missing_proof_files(&program);
    let label = loaded.file_label();
    let ctx = Context {
        today: as_of(),
        thresholds: &loaded.config.guardrails,
        policies: &loaded.config.policies,
        missing_files: &missing,
        config_file: &label,
    };
    let mut findings = guardrails::check_all(&program, &ctx);
    // The reconciliation findings (docs/domain.md §15.4) of the whole
    // evidence: `jmo check` derives them partner by partner on each
    // partner's closed evidence, so this also checks the closure.
    let evidence = Store::open_read_only(&env.db)
        .unwrap()
        .load_evidence()
        .unwrap();
    let scope = jmo::domain::evidence::attribution::Scope {
        partners: &program.partners,
        campaigns: &program.campaigns,
        rules: &loaded.config.evidence,
        today: as_of(),
        currency: program.currency,
    };
    let attribution = jmo::domain::evidence::attribution::attribute(&evidence, &scope);
    findings.extend(
        jmo::domain::evidence::reconcile::reconcile(
            &evidence,
            &attribution,
            &program.results,
            &scope,
        )
        .into_iter()
        .filter(|f| {
            program
                .partners
                .get(f.partner_id)
                .is_some_and(|p| !p.is_archived())
        }),
    );
    guardrails::sort_findings(&mut findings);
    assert!(!findings.is_empty(), "the program has findings to compare");
    let partner = |id| program.partners.get(id).unwrap().name.clone();
    let campaign =
        |id: Option<CampaignId>| id.map(|c| program.campaigns.get(c).unwrap().name.clone());
    let rows: Vec<JsonFinding> = findings
        .iter()
        .map(|f| JsonFinding {
            rule: f.rule.key(),
            severity: f.severity.key(),
            partner: partner(f.partner_id),
            campaign: campaign(f.campaign_id),
            record: JsonRecord {
                kind: f.record.kind_label(),
                id: jmo::store::rows::table_of(f.record).1,
            },
            message: f.message.clone(),
            since: f.since.map(|d| d.to_string()),
        })
        .collect();
    let expected = serde_json::to_string_pretty(&rows).unwrap() + "\n";
    let out = env.run(&["check", "--json"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    let (errors, warnings) = guardrails::counts(&findings);
    let mut text = format!(
        "jmo check as of {AS_OF}: {errors} error{}, {warnings} warning{}\n",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    );
    for f in &findings {
        let sev = match f.severity {
            Severity::Error => "ERROR  ",
            Severity::Warning => "warning",
        };
        let place = match campaign(f.campaign_id) {
            Some(c) => format!("{} / {c}", partner(f.partner_id)),
            None => partner(f.partner_id),
        };
        text.push_str(&format!(
            "{sev} {:<3} {place} ({} {})\n            {}\n",
            f.rule.key(),
            f.record.kind_label(),
            jmo::store::rows::table_of(f.record).1,
            f.message
        ));
    }
    let out = env.run(&["check"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout), text);
    assert_eq!(out.status.code(), Some(if errors > 0 { 1 } else { 0 }));
}

fn json<T: serde::Serialize>(currency: Currency, report: &T) -> String {
    serde_json::to_string_pretty(&InCurrency { currency, report }).unwrap() + "\n"
}

/// `jmo report plan|results` of every campaign, by id and by name,
/// against the reports of the whole program; the results on the evidenced
/// figures against those of the whole evidence (docs/domain.md §15.3),
/// and with `--reported` on the typed ones.
fn reports_match_the_whole_read(env: &TestEnv) -> usize {
    let program = whole(env);
    let loaded = loaded(env);
    let goals = &loaded.config.program;
    let evidence = Store::open_read_only(&env.db)
        .unwrap()
        .evidence_if_any()
        .unwrap()
        .unwrap_or_default();
    let scope = jmo::domain::evidence::attribution::Scope {
        partners: &program.partners,
        campaigns: &program.campaigns,
        rules: &loaded.config.evidence,
        today: as_of(),
        currency: program.currency,
    };
    let evidenced = jmo::domain::evidence::campaign::evidenced_results(&evidence, &scope, |c| {
        program.results_of(c).map(|r| &r.value)
    });
    let mut compared = 0;
    for c in program.campaigns.iter() {
        let id = format!("campaign:{}", c.id);
        let withheld = consent::withheld_in_campaign(&program, c.id);
        if withheld.is_empty() {
            let plan = report::plan(&program, c.id, goals, &loaded.playbooks, as_of()).unwrap();
            let typed = report::results(&program, c.id, goals, as_of()).unwrap();
            let results =
                report::results_with(&program, c.id, goals, as_of(), evidenced.get(&c.id)).unwrap();
            for (args, expected) in [
                (vec!["report", "plan", &id], plan.markdown()),
                (
                    vec!["report", "plan", &id, "--json"],
                    json(program.currency, &plan),
                ),
                (vec!["report", "results", &id], results.markdown()),
                (
                    vec!["report", "results", c.name.as_str(), "--json"],
                    json(program.currency, &results),
                ),
                (
                    vec!["report", "results", &id, "--reported"],
                    typed.markdown(),
                ),
            ] {
                let out = env.run(&args);
                let unique = program
                    .campaigns
                    .iter()
                    .filter(|o| o.name.trim().eq_ignore_ascii_case(c.name.trim()))
                    .count()
                    == 1;
                if args.contains(&c.name.as_str()) && !unique {
                    continue;
                }
                assert_eq!(
                    String::from_utf8_lossy(&out.stdout),
                    expected,
                    "jmo {args:?}"
                );
                compared += 1;
            }
        } else if withheld
            .iter()
            .all(|w| w.record != RecordRef::Campaign(c.id))
        {
            // G5 on some of its records: --redact leaves them out.
            let r = consent::Redaction::new(&program, withheld);
            let shown = r.apply(&program);
            let plan = report::plan(&shown, c.id, goals, &loaded.playbooks, as_of()).unwrap();
            let out = env.run(&["report", "plan", &id, "--redact"]);
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                r.note().markdown() + &plan.markdown(),
                "jmo report plan {id} --redact"
            );
            compared += 1;
        } else {
            let out = env.run(&["report", "results", &id]);
            assert_eq!(
                out.status.code(),
                Some(1),
                "the campaign itself is withheld"
            );
        }
    }
    compared
}

/// `jmo mdf packet R… --draft` of every request: the files written are
/// those of the whole program's packet.
fn packets_match_the_whole_read(env: &TestEnv) -> usize {
    let program = whole(env);
    let loaded = loaded(env);
    let missing = files::missing_proof_files(&program);
    let mut compared = 0;
    for r in program.requests.iter() {
        if !consent::withheld_in_campaign(&program, r.campaign_id).is_empty() {
            continue;
        }
        let packet = packet::build(
            &program,
            r.id,
            &loaded.config.policies,
            &missing,
            as_of(),
            true,
        )
        .unwrap();
        let want = env.path().join(format!("want-{}", r.id));
        let got = env.path().join(format!("got-{}", r.id));
        let expected = files::write_packets(&[packet], Some(&want), None).unwrap();
        let out = env.run(&[
            "mdf",
            "packet",
            &format!("R{}", r.id),
            "--draft",
            "--out",
            got.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for file in expected.iter().flatten() {
            let name = file.file_name().unwrap();
            assert_eq!(
                std::fs::read_to_string(file).unwrap(),
                std::fs::read_to_string(got.join(name)).unwrap(),
                "packet of R{}",
                r.id
            );
        }
        compared += 1;
    }
    compared
}

/// `jmo results` on a few campaigns: what it says is what the whole
/// program says of the results saved.
fn results_match_the_whole_read(env: &TestEnv, campaigns: &[CampaignId]) {
    let loaded = loaded(env);
    for (i, &c) in campaigns.iter().enumerate() {
        // More than any stored MQLs or lead sources add up to.
        let leads = format!("{}", 50_000 + i);
        let out = env.run(&["results", &format!("campaign:{c}"), "--leads", &leads]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let program = whole(env);
        let campaign = program.campaigns.get(c).unwrap();
        let r = program.results_of(c).unwrap();
        assert_eq!(r.leads, Some(50_000 + i as i64));
        let p = performance::performance(
            campaign,
            Some(&r.value),
            program.mdf_summary(c).reimbursed,
            &loaded.config.program,
            program.currency,
        );
        let mut text = format!("Saved the results of '{}' as of {AS_OF}\n", campaign.name);
        for f in &p.findings {
            text.push_str(&format!("  {}\n", f.message));
        }
        assert_eq!(String::from_utf8_lossy(&out.stdout), text);
    }
}

/// `jmo crm export salesforce` (CSV and tree, redacted where G5 asks)
/// reads only the tables it writes from, and the withheld partners'
/// records for the redaction's note: every file and every note line is
/// what the whole program gives. Returns the number of files compared.
fn crm_export_matches_the_whole_read(env: &TestEnv) -> usize {
    use jmo::crm::salesforce::{self, ExportOptions, tree};
    let program = whole(env);
    let loaded = loaded(env);
    let withheld = consent::withheld(&program);
    let redaction = (!withheld.is_empty()).then(|| consent::Redaction::new(&program, withheld));
    let shown = redaction.as_ref().map(|r| r.apply(&program));
    let shown = shown.as_ref().unwrap_or(&program);
    let options = ExportOptions {
        today: as_of(),
        fiscal_year_start_month: loaded.config.program.fiscal_year_start_month,
        parent: None,
        types: loaded.config.crm.types.clone(),
        goals: loaded.config.program.clone(),
    };
    let tables = salesforce::build(shown, &options);
    let mut compared = 0;
    for (format, files) in [
        ("csv", salesforce::csv_files(&tables, shown.currency)),
        ("tree", tree::tree_files(&tables, shown.currency)),
    ] {
        let got = env.path().join(format!("crm-{format}"));
        let out = env.run(&[
            "crm",
            "export",
            "salesforce",
            "--redact",
            "--format",
            format,
            "--out",
            got.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for f in &files {
            assert_eq!(
                std::fs::read_to_string(got.join(&f.name)).unwrap(),
                f.text,
                "{format}: {}",
                f.name
            );
            compared += 1;
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        let notes: Vec<&str> = stderr
            .lines()
            .filter_map(|l| l.strip_prefix("jmo: left out: "))
            .collect();
        let want: Vec<String> = redaction
            .as_ref()
            .map(|r| r.note().left_out)
            .unwrap_or_default();
        assert_eq!(notes, want, "{format}: the redaction's note");
    }
    compared
}

#[test]
fn on_the_example_plan_every_shell_command_says_what_the_whole_read_says() {
    let env = TestEnv::new();
    env.demo();
    check_matches_the_whole_read(&env);
    assert!(reports_match_the_whole_read(&env) > 10);
    assert!(packets_match_the_whole_read(&env) > 0);
    assert!(crm_export_matches_the_whole_read(&env) >= 10);
    assert!(
        !consent::withheld(&whole(&env)).is_empty(),
        "the example plan has a campaign G5 withholds, so the redaction is compared"
    );
    let program = whole(&env);
    let some: Vec<CampaignId> = program.campaigns.iter().map(|c| c.id).take(3).collect();
    results_match_the_whole_read(&env, &some);
    // The example plan has findings after the edits too.
    check_matches_the_whole_read(&env);
}

#[test]
fn on_a_generated_program_every_shell_command_says_what_the_whole_read_says() {
    let env = TestEnv::new();
    let mut store = Store::open(&env.db).unwrap();
    generate(&mut store);
    drop(store);
    assert_the_program_has_what_is_compared(&whole(&env));
    check_matches_the_whole_read(&env);
    assert!(reports_match_the_whole_read(&env) > 40);
    assert!(packets_match_the_whole_read(&env) > 5);
    assert!(crm_export_matches_the_whole_read(&env) >= 10);
    let program = whole(&env);
    let some: Vec<CampaignId> = program.campaigns.iter().map(|c| c.id).step_by(7).collect();
    results_match_the_whole_read(&env, &some);
}

/// `jmo check` reads the partners in batches of 50 on one thread and
/// checks them on another, through a channel of two batches: with 160
/// partners (four batches, more than the channel holds) the findings still
/// come out in the whole program's order, every batch's once.
#[test]
fn over_several_batches_jmo_check_says_what_the_whole_read_says() {
    let env = TestEnv::new();
    let mut store = Store::open(&env.db).unwrap();
    generate_sized(&mut store, 1_600);
    drop(store);
    let program = whole(&env);
    assert_eq!(program.partners.len(), 160);
    check_matches_the_whole_read(&env);
}

/// A value that cannot be read in the last batch, read while the checking
/// thread works on the first ones: `jmo check` stops with the reading
/// error (exit 2), prints no findings and does not hang.
#[test]
fn an_unreadable_value_in_a_later_batch_stops_jmo_check() {
    let env = TestEnv::new();
    let mut store = Store::open(&env.db).unwrap();
    generate_sized(&mut store, 1_600);
    drop(store);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let bad = conn
        .execute(
            "UPDATE milestones SET due = 'soon' WHERE id = (SELECT max(id) FROM milestones)",
            [],
        )
        .unwrap();
    assert_eq!(bad, 1);
    drop(conn);
    for args in [&["check"][..], &["check", "--json"]] {
        let out = env.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(
            stderr.contains("'soon' is not a date"),
            "{args:?}: {stderr}"
        );
    }
}

/// A program of `campaigns` campaigns (`campaigns / 10` partners) from the
/// generator of the benchmark and of `jmo demo --campaigns N`.
fn generate_sized(store: &mut Store, campaigns: usize) {
    let templates = config::defaults().templates;
    jmo::store::generate::generate(store, campaigns, as_of(), &templates, |_| {}).unwrap();
}

/// A small program from the generator of the benchmark and of `jmo demo
/// --campaigns N` (`jmo::store::generate`): 100 campaigns of 10 partners
/// (the fewest with claims), with funds shared by several requests,
/// claims, expenses with proof (some naming a file not on disk), results,
/// and partners without consent (G5).
/// Then two campaigns get one name, so that name alone is ambiguous (the
/// commands then read the whole program, for the message).
fn generate(store: &mut Store) {
    let templates = config::defaults().templates;
    jmo::store::generate::generate(store, 100, as_of(), &templates, |_| {}).unwrap();
    let program = store.load_program().unwrap();
    let same: Vec<CampaignId> = program.campaigns.iter().take(2).map(|c| c.id).collect();
    store
        .edit("Same name", |tx| {
            for &c in &same {
                let mut campaign = tx.get::<Campaign>(c)?.unwrap().value;
                campaign.name = "Same name".into();
                tx.update(c, &campaign)?;
            }
            Ok(())
        })
        .unwrap();
}

/// What the comparison needs of the generated program: what each
/// derivation reads across records is there.
fn assert_the_program_has_what_is_compared(program: &Program) {
    let mut on_fund = std::collections::BTreeMap::new();
    for r in program.requests.iter() {
        *on_fund.entry(r.fund_id).or_insert(0) += 1;
    }
    assert!(
        on_fund.values().any(|&n| n > 1),
        "a fund with several requests"
    );
    assert!(!program.claims.is_empty(), "claims");
    assert!(!program.results.is_empty(), "results");
    assert!(
        program.expenses.iter().any(|e| !e.proof.is_empty()),
        "proof"
    );
    assert!(!consent::withheld(program).is_empty(), "G5");
    assert!(
        !files::missing_proof_files(program).is_empty(),
        "a proof file not on disk"
    );
    assert_eq!(
        program
            .campaigns
            .iter()
            .filter(|c| c.name == "Same name")
            .count(),
        2
    );
}
