//! The example plan (issue item 3): loaded into a fresh store on several
//! days, it is a realistic program in which every guardrail G1–G8 fires
//! where the file says it does and most campaigns are clean. Its MDF
//! (issue 3, item 9) has funds under two policies, a request made too late
//! (M1), held expenses (M6), a claim window closing in 2 days (G4), paid
//! claims and a disputed one, and every claim is backed by its expenses.
//! Its partners (issue 5) carry agreement terms, marketing contacts, the
//! check-ins and QBRs held and one joint marketing plan each for the
//! current quarter; one partner's tier is out of date (P1) and one missed
//! its QBR (P3).

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use jmo::app::config::Config;
use jmo::domain::guardrails::{Context, Finding, Rule, Severity, Thresholds, check_all};
use jmo::domain::ids::RecordRef;
use jmo::domain::ledger::{Hold, lead_time_cutoff, policy_of, request_balance};
use jmo::domain::mdf::{Policy, claim_deadline};
use jmo::domain::partner::{PIPELINE_POTENTIAL, STRATEGIC_VALUE};
use jmo::domain::program::Program;
use jmo::domain::relationship::{add_months_back, cadences};
use jmo::domain::responsibility::Templates;
use jmo::domain::{
    CampaignStatus, CampaignType, ClaimStatus, MeetingKind, Period, RequestStatus, ShownStatus,
    Side, Tier,
};
use jmo::store::Store;
use jmo::store::example::{ExampleError, load};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// The days the plan is checked on: late in a year, the last day of
/// February, mid-year.
const DAYS: [&str; 3] = ["2026-11-21", "2027-02-28", "2026-06-30"];

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn templates() -> Templates {
    Templates::parse(include_str!("../assets/templates.toml")).unwrap()
}

fn loaded(today: NaiveDate) -> (Store, Program) {
    let mut store = Store::open_in_memory().unwrap();
    let summary = load(&mut store, today, &templates(), false).unwrap();
    let program = store.load_program().unwrap();
    assert_eq!(summary.counts.partners, program.partners.len());
    assert_eq!(summary.counts.campaigns, program.campaigns.len());
    assert_eq!(summary.counts.milestones, program.milestones.len());
    assert_eq!(
        summary.counts.checklist_items,
        program.responsibilities.len()
    );
    (store, program)
}

/// The built-in MDF policies, `default` and `fast-track`, as a fresh
/// install has them.
fn policies() -> BTreeMap<String, Policy> {
    Config::default().policies
}

fn findings(program: &Program, today: NaiveDate) -> Vec<Finding> {
    let thresholds = Thresholds::default();
    let policies = policies();
    check_all(
        program,
        &Context {
            today,
            thresholds: &thresholds,
            policies: &policies,
            missing_files: &Default::default(),
            config_file: "the config file",
        },
    )
}

/// Where a finding is: its campaign's name, `fund: NAME` for a fund's, or
/// `partner: NAME` for a partner's own (P1–P3).
fn campaign_name(program: &Program, f: &Finding) -> String {
    match (f.campaign_id, f.record) {
        (Some(id), _) => program
            .campaigns
            .get(id)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
        (None, RecordRef::Fund(id)) => program
            .funds
            .get(id)
            .map(|f| format!("fund: {}", f.name))
            .unwrap_or_default(),
        (None, RecordRef::Partner(id)) => program
            .partners
            .get(id)
            .map(|p| format!("partner: {}", p.name))
            .unwrap_or_default(),
        (None, _) => String::new(),
    }
}

#[test]
fn partners_cover_tiers_and_partnership_types() {
    for day in DAYS {
        let (_, program) = loaded(d(day));
        assert!(program.partners.len() >= 5);
        let tiers: BTreeSet<_> = program.partners.iter().map(|p| p.tier).collect();
        let types: BTreeSet<_> = program
            .partners
            .iter()
            .map(|p| p.partnership_type)
            .collect();
        assert!(tiers.len() >= 3, "{tiers:?}");
        assert!(types.len() >= 4, "{types:?}");
        assert_eq!(
            program
                .partners
                .iter()
                .filter(|p| !p.brand_guidelines_on_file)
                .count(),
            1
        );
        assert_eq!(
            program
                .partners
                .iter()
                .filter(|p| p.data_consent_on.is_none())
                .count(),
            1
        );
        for p in program.partners.iter() {
            assert!(p.notes.contains("Marketing contact:"), "{}", p.name);
        }
    }
}

#[test]
fn campaigns_cover_every_type_and_status_and_look_current() {
    for day in DAYS {
        let today = d(day);
        let (_, program) = loaded(today);
        assert!(program.campaigns.len() >= 12);
        let types: BTreeSet<_> = program.campaigns.iter().map(|c| c.campaign_type).collect();
        let statuses: BTreeSet<_> = program.campaigns.iter().map(|c| c.status).collect();
        assert_eq!(types.len(), CampaignType::ALL.len());
        assert_eq!(statuses.len(), CampaignStatus::ALL.len());
        assert!(
            program
                .campaigns
                .iter()
                .filter(|c| c.playbook.is_some())
                .count()
                >= 4
        );
        for c in program.campaigns.iter() {
            match c.status {
                CampaignStatus::Planned => {
                    assert!(c.launch > today, "{} planned but launched", c.name)
                }
                CampaignStatus::Live => {
                    assert!(c.launch <= today && today <= c.end, "{} live", c.name)
                }
                CampaignStatus::Completed => {
                    assert!(c.end < today, "{} completed but not ended", c.name)
                }
                CampaignStatus::Cancelled => {}
            }
            assert_eq!(
                program.milestones_of(c.id).len(),
                7,
                "{}: the seven standard milestones",
                c.name
            );
            assert!(
                !program.checklist_of(c.id).is_empty(),
                "{}: a checklist",
                c.name
            );
        }
    }
}

/// The partner whose tier is out of date on purpose (P1), as
/// [`campaign_name`] renders it.
const STALE_TIER: &str = "partner: Verity Systems";
/// The partner that missed its QBR on purpose (P3).
const MISSED_QBR: &str = "partner: Redwood IT Services";

#[test]
fn every_guardrail_fires_where_the_file_says_and_most_campaigns_are_clean() {
    let expected: BTreeMap<Rule, Vec<&str>> = [
        (Rule::G1, vec!["Sponsored newsletter: the cloud cost issue"]),
        (Rule::G2, vec!["Sponsored newsletter: the cloud cost issue"]),
        (Rule::G3, vec!["Sponsored newsletter: the cloud cost issue"]),
        (Rule::G4, vec!["Securing Multi-Cloud Analytics"]),
        (Rule::G5, vec!["Install-base retargeting"]),
        (Rule::G6, vec!["Healthcare ABM: 120 target accounts"]),
        (Rule::G7, vec!["Joint booth at DataWorld Expo"]),
        (Rule::G8, vec!["Joint booth at DataWorld Expo"]),
        // Its partner review waits for the brand kit (G2).
        (Rule::G9, vec!["Sponsored newsletter: the cloud cost issue"]),
        (Rule::M1, vec!["Joint booth at DataWorld Expo"]),
        (Rule::M5, vec!["fund: Redwood digital co-op"]),
        // Verity's royalties earn Gold; it is still set at Silver.
        (Rule::P1, vec![STALE_TIER]),
        // Redwood's last QBR was 125 days ago; its check-ins are on time.
        (Rule::P3, vec![MISSED_QBR]),
        // Both lines of the request wait for the attendee lead list.
        (
            Rule::M6,
            vec![
                "Securing Multi-Cloud Analytics",
                "Securing Multi-Cloud Analytics",
            ],
        ),
    ]
    .into_iter()
    .collect();
    for day in DAYS {
        let today = d(day);
        let (_, program) = loaded(today);
        let found = findings(&program, today);
        let mut by_rule: BTreeMap<Rule, Vec<String>> = BTreeMap::new();
        for f in &found {
            by_rule
                .entry(f.rule)
                .or_default()
                .push(campaign_name(&program, f));
        }
        let got: BTreeMap<Rule, Vec<&str>> = by_rule
            .iter()
            .map(|(r, v)| (*r, v.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(got, expected, "on {day}: {found:#?}");

        let flagged: BTreeSet<_> = found.iter().filter_map(|f| f.campaign_id).collect();
        let total = program.campaigns.len();
        let clean = total - flagged.len();
        assert!(
            clean * 100 / total >= 60,
            "only {clean} of {total} clean on {day}"
        );
        assert!(clean * 2 > total);
    }
}

#[test]
fn guardrail_severities_tell_a_story() {
    let today = d("2026-11-21");
    let (_, program) = loaded(today);
    let found = findings(&program, today);
    let sev = |rule: Rule| {
        found
            .iter()
            .find(|f| f.rule == rule)
            .map(|f| (f.severity.key(), f.message.clone()))
            .unwrap()
    };
    assert_eq!(sev(Rule::G1).0, "error");
    assert_eq!(sev(Rule::G2).0, "error");
    let (g3, msg) = sev(Rule::G3);
    assert_eq!(g3, "warning");
    assert!(msg.contains("launch is in 5 days"), "{msg}");
    let (g4, msg) = sev(Rule::G4);
    assert_eq!(g4, "warning");
    assert!(msg.contains("2 days left"), "{msg}");
    assert_eq!(sev(Rule::G5).0, "error");
    let (g6, msg) = sev(Rule::G6);
    assert_eq!(g6, "error");
    assert!(msg.contains("number 4"), "{msg}");
    assert_eq!(sev(Rule::G7).0, "error");
    assert_eq!(sev(Rule::G8).0, "warning");
}

#[test]
fn completed_campaigns_have_plausible_results() {
    let (_, program) = loaded(d("2026-11-21"));
    let (mut above, mut below) = (0, 0);
    for c in program
        .campaigns
        .iter()
        .filter(|c| c.status == CampaignStatus::Completed)
    {
        let r = program
            .results_of(c.id)
            .unwrap_or_else(|| panic!("{} has no results", c.name));
        let leads = r.leads.unwrap();
        assert!(r.mqls.unwrap() <= leads);
        assert!(r.pipeline_sourced.is_some() && r.pipeline_influenced.is_some());
        assert!(r.pipeline_partner_assisted.is_some() && r.revenue.is_some());
        if c.campaign_type == CampaignType::Webinar || c.campaign_type.is_event() {
            assert!(r.attendees.unwrap() <= r.registrations.unwrap());
        }
        match c.lead_target {
            Some(t) if leads >= t => above += 1,
            Some(_) => below += 1,
            None => {}
        }
    }
    assert!(above >= 2 && below >= 2, "above {above}, below {below}");
    // Results only where a campaign has run.
    for r in program.results.iter() {
        let c = program.campaigns.get(r.campaign_id).unwrap();
        assert_eq!(c.status, CampaignStatus::Completed, "{}", c.name);
    }
}

/// The one request made too late on purpose (M1).
const LATE_REQUEST: &str = "Joint booth at DataWorld Expo";

#[test]
fn mdf_follows_each_fund_s_policy() {
    let policies = policies();
    for day in DAYS {
        let today = d(day);
        let (_, program) = loaded(today);
        assert!(program.funds.len() >= 2);
        assert!(
            program
                .requests
                .iter()
                .any(|r| r.status == RequestStatus::Approved)
        );
        for r in program.requests.iter() {
            let c = program.campaigns.get(r.campaign_id).unwrap();
            let policy = policy_of(&program, r, &policies);
            assert!(r.amount >= policy.min_request, "{}", c.name);
            assert!(
                r.amount * Decimal::from(100) <= c.budget * policy.max_share_percent,
                "{}",
                c.name
            );
            if let Some(submitted) = r.submitted_on {
                let late = submitted >= lead_time_cutoff(c.start, &policy);
                assert_eq!(
                    late,
                    c.name == LATE_REQUEST,
                    "{}: pre-approval lead time on {day}",
                    c.name
                );
                if let Some(fund) = r.fund_id.and_then(|f| program.funds.get(f)) {
                    assert!(
                        fund.period_start <= submitted && submitted <= fund.period_end,
                        "{}",
                        c.name
                    );
                    assert_eq!(fund.partner_id, c.partner_id);
                }
            }
            if let Some(decided) = r.decided_on {
                assert!(r.submitted_on.is_some_and(|s| s <= decided), "{}", c.name);
            }
            for claim in program.claims_of(r.id) {
                if let Some(submitted) = claim.submitted_on {
                    assert!(
                        submitted > c.end && submitted <= claim_deadline(c.end, &policy),
                        "{}",
                        c.name
                    );
                    assert!(claim.paid_on.is_none_or(|p| p >= submitted));
                }
                assert!(claim.amount <= r.approved());
            }
            // Expenses are dated inside their fund's period.
            for e in program.expenses_of_request(r.id) {
                if let Some(fund) = r.fund_id.and_then(|f| program.funds.get(f)) {
                    assert!(
                        fund.period_start <= e.spent_on && e.spent_on <= fund.period_end,
                        "{}: {}",
                        c.name,
                        e.category
                    );
                }
            }
        }
        for f in program.funds.iter() {
            assert!(program.fund_committed(f.id) <= f.allocated, "{}", f.name);
            assert!(policies.contains_key(&f.policy), "{}: {}", f.name, f.policy);
        }
    }
}

#[test]
fn funds_use_two_policies_and_every_claim_is_backed_by_its_expenses() {
    let policies = policies();
    for day in DAYS {
        let (_, program) = loaded(d(day));
        let used: BTreeSet<&str> = program.funds.iter().map(|f| f.policy.as_str()).collect();
        assert_eq!(used, BTreeSet::from(["default", "fast-track"]), "on {day}");
        assert!(!program.expenses.is_empty());

        let mut paid_under = BTreeSet::new();
        let mut disputed = 0;
        for r in program.requests.iter() {
            let c = program.campaigns.get(r.campaign_id).unwrap();
            let b = request_balance(&program, r.id, &policies).unwrap();
            // No request is over-claimed on purpose: M7 never fires.
            assert!(
                b.claimed <= b.claimable,
                "{}: claimed {} > claimable {} on {day}",
                c.name,
                b.claimed,
                b.claimable
            );
            assert!(b.reimbursed <= b.claimed && b.claimable <= b.approved);
            assert_eq!(b.eligible + b.held, b.spent);
            let fund = r.fund_id.and_then(|f| program.funds.get(f)).unwrap();
            for claim in program.claims_of(r.id) {
                match claim.status {
                    ClaimStatus::Paid => {
                        assert_eq!(claim.paid_amount, Some(claim.amount), "{}", c.name);
                        // A paid claim's request has nothing held.
                        assert!(b.lines.iter().all(|l| l.hold.is_none()), "{}", c.name);
                        assert_eq!(b.claimable, claim.amount, "{}", c.name);
                        paid_under.insert(fund.policy.clone());
                    }
                    ClaimStatus::Disputed => {
                        disputed += 1;
                        assert!(claim.note.contains("disputes"), "{}", claim.note);
                        assert_eq!(b.claimable, claim.amount, "{}", c.name);
                    }
                    _ => {}
                }
            }
        }
        // A paid claim under each policy, and one disputed claim.
        assert_eq!(
            paid_under,
            BTreeSet::from(["default".to_string(), "fast-track".to_string()])
        );
        assert_eq!(disputed, 1);

        // The withdrawn bar tab is kept, with its reason, and never counted.
        let withdrawn: Vec<_> = program.expenses.iter().filter(|e| !e.is_active()).collect();
        assert_eq!(withdrawn.len(), 1);
        assert!(
            withdrawn[0]
                .withdrawn
                .as_deref()
                .unwrap()
                .contains("alcohol")
        );
        let b = request_balance(&program, withdrawn[0].request_id.unwrap(), &policies).unwrap();
        assert!(b.lines.iter().all(|l| l.id != withdrawn[0].id));
    }
}

#[test]
fn the_mdf_problems_are_where_the_file_says() {
    let policies = policies();
    for day in DAYS {
        let today = d(day);
        let (_, program) = loaded(today);
        let found = findings(&program, today);
        let of =
            |rule: Rule| -> Vec<&Finding> { found.iter().filter(|f| f.rule == rule).collect() };

        // M1: the booth's request went in after the kickoff.
        let m1 = of(Rule::M1);
        assert_eq!(m1.len(), 1, "on {day}");
        assert_eq!(m1[0].severity, Severity::Warning);
        let RecordRef::Request(id) = m1[0].record else {
            panic!("{:?}", m1[0])
        };
        let r = program.requests.get(id).unwrap();
        assert_eq!(r.status, RequestStatus::Submitted);
        assert!(!r.proof_required.is_empty() && r.expected_roi.is_some());

        // G4: the default policy's 30-day window closes in 2 days.
        let g4 = of(Rule::G4);
        assert_eq!(g4.len(), 1, "on {day}");
        assert_eq!(g4[0].severity, Severity::Warning);
        assert!(g4[0].message.contains("2 days left"), "{}", g4[0].message);
        let RecordRef::Request(id) = g4[0].record else {
            panic!("{:?}", g4[0])
        };
        let r = program.requests.get(id).unwrap();
        let fund = program.funds.get(r.fund_id.unwrap()).unwrap();
        assert_eq!(fund.policy, "default");
        let c = program.campaigns.get(r.campaign_id).unwrap();
        let deadline = claim_deadline(c.end, &policy_of(&program, r, &policies));
        assert_eq!((deadline - today).num_days(), 2);

        // M6: the same request's expenses are held for the missing lead
        // list; one of them carries no proof at all.
        let m6 = of(Rule::M6);
        assert!(!m6.is_empty());
        let b = request_balance(&program, id, &policies).unwrap();
        assert_eq!(b.missing_proof, vec!["attendee lead list".to_string()]);
        assert!(b.claimable.is_zero() && b.claimed.is_zero());
        for f in &m6 {
            assert_eq!(f.severity, Severity::Warning);
            let RecordRef::Expense(e) = f.record else {
                panic!("{f:?}")
            };
            let line = b.lines.iter().find(|l| l.id == e).unwrap();
            assert!(
                matches!(&line.hold, Some(Hold::MissingProof(k)) if k == &b.missing_proof),
                "{line:?}"
            );
        }
        assert_eq!(m6.len(), b.lines.len());
        assert!(
            program
                .expenses_of_request(id)
                .iter()
                .any(|e| e.proofs().is_empty())
        );

        // M5: a fund ending within 30 days with nothing claimed; M7 nowhere.
        let m5 = of(Rule::M5);
        assert_eq!(m5.len(), 1, "on {day}");
        assert_eq!(m5[0].severity, Severity::Warning);
        assert!(of(Rule::M7).is_empty());
    }
}

#[test]
fn progress_is_plausible() {
    for day in DAYS {
        let today = d(day);
        let (_, program) = loaded(today);
        let mut shown: BTreeMap<ShownStatus, usize> = BTreeMap::new();
        for m in program.milestones.iter() {
            *shown.entry(m.shown_status(today)).or_default() += 1;
            if let Some(on) = m.completed_on {
                assert!(on <= today);
            }
        }
        for status in ShownStatus::ALL {
            assert!(
                shown.get(status).copied().unwrap_or(0) >= 1,
                "no {status:?} milestone on {day}: {shown:?}"
            );
        }
        assert!(shown[&ShownStatus::Done] > program.milestones.len() / 3);
        assert!(shown[&ShownStatus::Overdue] <= 8, "{shown:?}");

        let items: Vec<_> = program.responsibilities.iter().collect();
        let done = items.iter().filter(|r| r.is_done()).count();
        let overdue = items.iter().filter(|r| r.is_overdue(today)).count();
        assert!(
            done > items.len() / 3 && (3..=10).contains(&overdue),
            "{done} done, {overdue} overdue"
        );
        assert!(items.iter().all(|r| r.done_on.is_none_or(|on| on <= today)));

        // Owners are people: our team by name, the partner's contact, "Both".
        for r in &items {
            match r.side {
                Side::Ours | Side::Partner => {
                    assert!(r.owner.contains(' '), "{} owned by {:?}", r.title, r.owner)
                }
                Side::Shared => assert!(!r.owner.is_empty()),
            }
        }
        let ours: BTreeSet<_> = items
            .iter()
            .filter(|r| r.side == Side::Ours)
            .map(|r| r.owner.as_str())
            .collect();
        assert!(ours.len() >= 3, "{ours:?}");
    }
}

#[test]
fn a_second_load_is_refused_unless_forced_and_one_undo_removes_it() {
    let today = d("2027-02-28");
    let (mut store, program) = loaded(today);
    let partners = program.partners.len();

    let err = load(&mut store, today, &templates(), false).unwrap_err();
    assert!(matches!(err, ExampleError::NotEmpty));
    assert!(err.to_string().contains("force"), "{err}");
    assert_eq!(store.load_program().unwrap().partners.len(), partners);
    assert_eq!(store.undo_depth(), 1);

    load(&mut store, today, &templates(), true).unwrap();
    assert_eq!(store.load_program().unwrap().partners.len(), 2 * partners);
    assert_eq!(
        store.undo_label().unwrap().as_deref(),
        Some("Load the example plan")
    );

    store.undo().unwrap();
    store.undo().unwrap();
    let p = store.load_program().unwrap();
    assert!(store.is_empty().unwrap());
    assert!(p.campaigns.is_empty() && p.milestones.is_empty() && p.responsibilities.is_empty());
    assert!(p.assets.is_empty() && p.funds.is_empty() && p.requests.is_empty());
    assert!(p.claims.is_empty() && p.expenses.is_empty() && p.results.is_empty());

    // And redo brings it back whole.
    store.redo().unwrap();
    assert_eq!(
        store.load_program().unwrap().campaigns.len(),
        program.campaigns.len()
    );
}

#[test]
fn one_undo_empties_a_fresh_load() {
    let (mut store, _) = loaded(d("2026-06-30"));
    let applied = store.undo().unwrap().unwrap();
    assert_eq!(applied.label, "Load the example plan");
    let p = store.load_program().unwrap();
    assert!(
        p.is_empty() && p.campaigns.is_empty() && p.milestones.is_empty() && p.requests.is_empty()
    );
}

#[test]
fn partners_carry_agreement_terms_and_tier_numbers() {
    for day in DAYS {
        let (_, program) = loaded(d(day));
        let mut stale = Vec::new();
        let mut exclusive = Vec::new();
        for p in program.partners.iter() {
            let name = p.name.as_str();
            assert!(
                p.agreement_start.is_some() && p.agreement_end.is_some(),
                "{name}"
            );
            for (field, text) in [
                ("agreement_scope", &p.agreement_scope),
                ("sharing_terms", &p.sharing_terms),
                ("brand_usage", &p.brand_usage),
            ] {
                assert!(!text.trim().is_empty(), "{name}: {field}");
            }
            assert!(p.termination_notice_days.is_some_and(|n| n > 0), "{name}");
            // A reference where guidelines are on file, a scope where consent is.
            assert_eq!(
                p.brand_guidelines_ref.is_empty(),
                !p.brand_guidelines_on_file,
                "{name}"
            );
            assert_eq!(
                p.data_consent_scope.is_empty(),
                p.data_consent_on.is_none(),
                "{name}"
            );
            assert!(
                (PIPELINE_POTENTIAL.0..=PIPELINE_POTENTIAL.1).contains(&p.pipeline_potential),
                "{name}"
            );
            assert!(
                (STRATEGIC_VALUE.0..=STRATEGIC_VALUE.1).contains(&p.strategic_value),
                "{name}"
            );
            if !p.exclusivity.is_empty() {
                let until = p.exclusive_until.unwrap();
                assert!(until > d(day) && p.agreement_end.is_some_and(|e| until <= e));
                exclusive.push(name);
            }
            assert!(p.archived_on.is_none(), "{name}");
            let earned = p.earned_tier().unwrap();
            if earned != p.tier {
                stale.push((name, p.tier, earned));
            }
        }
        assert_eq!(exclusive, ["Verity Systems"], "on {day}");
        assert_eq!(
            stale,
            [("Verity Systems", Tier::Silver, Tier::Gold)],
            "on {day}"
        );
        // The budget factors differ from partner to partner.
        let factors: BTreeSet<_> = program
            .partners
            .iter()
            .map(|p| (p.pipeline_potential, p.strategic_value))
            .collect();
        assert_eq!(factors.len(), program.partners.len());
    }
}

#[test]
fn partners_have_contacts_meetings_and_one_plan_each_for_the_quarter() {
    for day in DAYS {
        let today = d(day);
        let (_, program) = loaded(today);
        for p in program.partners.iter() {
            let name = p.name.as_str();
            // 1–3 marketing contacts, each with a role and an address; the
            // first is the one named in the notes.
            let contacts = program.contacts_of(p.id);
            assert!((1..=3).contains(&contacts.len()), "{name}");
            for c in &contacts {
                assert!(!c.role.is_empty() && c.email.contains('@'), "{}", c.name);
            }
            assert!(p.notes.contains(&contacts[0].name), "{name}");

            // Check-ins and QBRs held, with notes along the agenda, none
            // after today.
            let meetings = program.meetings_of(p.id);
            for kind in MeetingKind::ALL {
                assert!(meetings.iter().any(|m| m.kind == *kind), "{name}: {kind:?}");
            }
            for m in &meetings {
                assert!(m.held_on <= today, "{name}: {}", m.held_on);
                assert!(!m.progress.is_empty() && !m.next_steps.is_empty());
            }

            // One plan per (non-archived) partner, for this quarter, whose
            // entries are its own campaigns, none cancelled, each with a
            // pipeline target.
            let plans = program.plans_of(p.id);
            assert_eq!(plans.len(), 1, "{name} on {day}");
            let plan = plans[0];
            assert_eq!(plan.period, Period::quarter_of(today));
            assert!(!plan.objective.is_empty(), "{name}");
            let entries: Vec<_> = program.plan_entries.children(plan.id).collect();
            assert!(!entries.is_empty(), "{name}");
            for e in &entries {
                let c = program.campaigns.get(e.campaign_id).unwrap();
                assert_eq!(c.partner_id, p.id, "{}", c.name);
                assert_ne!(c.status, CampaignStatus::Cancelled, "{}", c.name);
                assert!(e.pipeline_target.is_some_and(|t| t > Decimal::ZERO));
                // The partner's share never exceeds what the campaign costs.
                assert!(e.partner_investment <= c.budget + c.internal_cost);
            }
        }
        let active = program
            .partners
            .iter()
            .filter(|p| p.archived_on.is_none())
            .count();
        assert_eq!(program.plans.len(), active);
        assert!(
            program
                .plan_entries
                .iter()
                .any(|e| e.partner_investment > Decimal::ZERO)
        );
    }
}

#[test]
fn one_stale_tier_one_missed_qbr_and_no_missed_check_in() {
    for day in DAYS {
        let today = d(day);
        let (_, program) = loaded(today);
        let found = findings(&program, today);
        let of = |rule: Rule| -> Vec<String> {
            found
                .iter()
                .filter(|f| f.rule == rule)
                .map(|f| campaign_name(&program, f))
                .collect()
        };
        assert_eq!(of(Rule::P1), [STALE_TIER], "on {day}");
        assert_eq!(of(Rule::P3), [MISSED_QBR], "on {day}");
        assert!(of(Rule::P2).is_empty(), "on {day}: {:?}", of(Rule::P2));

        // The P1 partner: set at Silver, its numbers earn Gold.
        let p1 = found.iter().find(|f| f.rule == Rule::P1).unwrap();
        assert_eq!(p1.severity, Severity::Warning);
        assert!(p1.message.contains("earn Gold"), "{}", p1.message);

        // The P3 partner: its last QBR is more than three months old, and
        // no other partner's is; every check-in is within a month.
        let quarter_ago = add_months_back(today, 3);
        for p in program.partners.iter() {
            let [check_in, qbr] = cadences(&program, p.id, today);
            assert!(check_in.overdue_days.is_none(), "{}", p.name);
            let missed = format!("partner: {}", p.name) == MISSED_QBR;
            assert_eq!(
                qbr.last_held.unwrap() < quarter_ago,
                missed,
                "{} on {day}",
                p.name
            );
            assert_eq!(qbr.overdue_days.is_some(), missed, "{}", p.name);
        }
    }
}
