//! Issue 13, item 4's guard for the shell commands: reading one partner
//! (`Store::load_partner`, what `jmo results`, `jmo report plan|results`,
//! `jmo mdf packet` and `jmo check` now read) gives what reading the whole
//! database gives. On the example plan (`jmo demo`) and on a generated
//! program, each command's output is compared with what the domain
//! derives from the whole program (`Store::load_program`, the path they
//! took before): the findings of `jmo check` (JSON and text), both
//! campaign reports (JSON and Markdown, redacted where G5 asks), every
//! MDF packet, and the confirmation of `jmo results`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use chrono::{Duration, NaiveDate};
use common::{AS_OF, TestEnv};
use jmo::app::config::{self, Loaded};
use jmo::app::files;
use jmo::domain::figure::InCurrency;
use jmo::domain::guardrails::{self, Context, Severity};
use jmo::domain::milestone::standard_milestones;
use jmo::domain::responsibility::Owners;
use jmo::domain::*;
use jmo::store::Store;
use rust_decimal::Decimal;

fn as_of() -> NaiveDate {
    NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap()
}

fn days(n: i64) -> NaiveDate {
    as_of() + Duration::days(n)
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
    let findings = guardrails::check_all(&program, &ctx);
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
/// against the reports of the whole program.
fn reports_match_the_whole_read(env: &TestEnv) -> usize {
    let program = whole(env);
    let loaded = loaded(env);
    let goals = &loaded.config.program;
    let mut compared = 0;
    for c in program.campaigns.iter() {
        let id = format!("campaign:{}", c.id);
        let withheld = consent::withheld_in_campaign(&program, c.id);
        if withheld.is_empty() {
            let plan = report::plan(&program, c.id, goals, &loaded.playbooks, as_of()).unwrap();
            let results = report::results(&program, c.id, goals, as_of()).unwrap();
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

#[test]
fn on_the_example_plan_every_shell_command_says_what_the_whole_read_says() {
    let env = TestEnv::new();
    env.demo();
    check_matches_the_whole_read(&env);
    assert!(reports_match_the_whole_read(&env) > 10);
    assert!(packets_match_the_whole_read(&env) > 0);
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
    generate(&mut store, 12, 4);
    drop(store);
    check_matches_the_whole_read(&env);
    assert!(reports_match_the_whole_read(&env) > 40);
    assert!(packets_match_the_whole_read(&env) > 5);
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
    generate(&mut store, 160, 2);
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
    generate(&mut store, 160, 2);
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

/// A deterministic pseudo-random number: a 64-bit mix of the inputs.
fn mix(a: usize, b: usize) -> usize {
    let mut x = (a as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    x as usize
}

/// A small program of the benchmark's shape: `partners` partners of
/// `per` campaigns each, with funds shared by several requests, claims,
/// expenses with proof, results, and partners without consent (G5).
fn generate(store: &mut Store, partners: usize, per: usize) {
    let templates = config::defaults().templates;
    let today = as_of();
    store
        .edit("Generate", |tx| {
            for p in 0..partners {
                let name = format!("Partner {p:02}");
                let pid = tx.insert(&Partner {
                    name: name.clone(),
                    partnership_type: PartnershipType::ALL[p % PartnershipType::ALL.len()],
                    tier: Tier::ALL[mix(p, 3) % Tier::ALL.len()],
                    brand_guidelines_on_file: p % 3 != 0,
                    data_consent_on: (p % 4 != 0).then(|| days(-200)),
                    ..Partner::default()
                })?;
                let fund = tx.insert(&Fund {
                    partner_id: pid,
                    name: "FY27 MDF".into(),
                    period_start: days(-180),
                    period_end: days(30),
                    allocated: Decimal::from(8_000 + 2_000 * (p % 3) as i64),
                    policy: "default".into(),
                })?;
                for k in 0..per {
                    let r = mix(p, k + 10);
                    let t = CampaignType::ALL[r % CampaignType::ALL.len()];
                    let start = days((r % 240) as i64 - 160);
                    let launch = start + Duration::days(28 + (r / 7 % 30) as i64);
                    let end = launch + Duration::days((r / 11 % 20) as i64);
                    let status = if r % 13 == 0 {
                        CampaignStatus::Cancelled
                    } else if end < today {
                        CampaignStatus::Completed
                    } else if launch <= today {
                        CampaignStatus::Live
                    } else {
                        CampaignStatus::Planned
                    };
                    let (lo, hi) = t.typical_budget();
                    let budget =
                        lo + (hi - lo) * Decimal::from((r % 10) as i64) / Decimal::from(10);
                    // Two campaigns of the same name at every fifth partner:
                    // the name alone is ambiguous there.
                    let cname = if p % 5 == 0 && k < 2 {
                        "Same name".to_owned()
                    } else {
                        format!("{} {name} #{}", t.label(), k + 1)
                    };
                    let cid = tx.insert(&Campaign {
                        partner_id: pid,
                        name: cname,
                        campaign_type: t,
                        playbook: None,
                        status,
                        audience: "IT".into(),
                        start,
                        launch,
                        end,
                        budget,
                        internal_cost: Decimal::from(500),
                        lead_target: None,
                        crm_id: (r % 3 != 0).then(|| format!("701{p:06}{k:06}")),
                        attribution_agreed: r % 4 != 0,
                        uses_partner_data: r % 5 == 0,
                    })?;
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
                        if item.due.is_some_and(|d| d < today) && (r + i) % 4 != 0 {
                            item.done_on = item.due;
                        }
                        tx.insert(&item)?;
                    }
                    if status == CampaignStatus::Cancelled || r % 3 == 1 {
                        continue;
                    }
                    let amount = budget / Decimal::from(2);
                    let approved = status != CampaignStatus::Planned;
                    let rid = tx.insert(&MdfRequest {
                        campaign_id: cid,
                        fund_id: Some(fund),
                        activity: mdf::ActivityType::for_campaign(t),
                        amount,
                        approved_amount: approved.then_some(amount),
                        status: if approved {
                            RequestStatus::Approved
                        } else {
                            RequestStatus::Submitted
                        },
                        submitted_on: Some(start - Duration::days(20)),
                        decided_on: approved.then(|| start - Duration::days(15)),
                        justification: "Joint demand generation".into(),
                        expected_roi: None,
                        proof_required: String::new(),
                        reason: None,
                    })?;
                    for x in 0..2usize {
                        let proof = if x == 1 && r % 2 == 0 {
                            format!("invoice scan: /srv/mdf/{rid}/invoice.pdf")
                        } else {
                            "attendee lead list: https://files.example/leads.csv\n\
                             screenshot: https://files.example/ad.png"
                                .to_string()
                        };
                        tx.insert(&Expense {
                            campaign_id: cid,
                            request_id: Some(rid),
                            category: ["venue", "paid social"][x].into(),
                            amount: budget / Decimal::from(3),
                            spent_on: start + Duration::days(5 + 7 * x as i64),
                            vendor: format!("Vendor {x}"),
                            invoice_ref: format!("INV-{rid}-{x}"),
                            proof,
                            withdrawn: None,
                        })?;
                    }
                    if status == CampaignStatus::Completed {
                        if r % 2 == 0 {
                            tx.insert(&Claim {
                                request_id: rid,
                                amount: amount / Decimal::from(2),
                                status: ClaimStatus::Submitted,
                                submitted_on: Some(end + Duration::days(10)),
                                paid_on: None,
                                paid_amount: None,
                                note: String::new(),
                            })?;
                        }
                        let leads = 50 + (r % 300) as i64;
                        tx.insert(&CampaignResults {
                            campaign_id: cid,
                            leads: Some(leads),
                            mqls: Some(leads / 3),
                            pipeline_sourced: Some(Decimal::from(leads * 400)),
                            revenue: (r % 2 == 0).then(|| Decimal::from(leads * 90)),
                            leads_ours: Some(leads / 2),
                            leads_partner: Some(leads / 3),
                            ..CampaignResults::empty(cid)
                        })?;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
}
