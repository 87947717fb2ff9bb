//! The reconciliation findings E1–E6 (docs/domain.md §15.4) in the
//! partners' marks and the status bar's counts: the same as the whole
//! evidence gives, whether the screen holds every partner or two, and
//! following an edit of the results, another program's evidence edit and
//! an undo.

use super::summary_tests::partial_on;
use super::tests::{app_on, keys};
use super::*;
use crate::domain::evidence::attribution::{Scope, attribute};
use crate::domain::evidence::reconcile::reconcile;
use crate::domain::guardrails::{Finding, Rule, Severity};
use crate::domain::results::CampaignResults;
use std::collections::BTreeMap;
use std::path::Path;

/// (rule, partner, campaign, message) of every E finding of non-archived
/// partners, from the whole evidence of the database at `path`: what
/// `jmo check` reports.
fn whole_reconciliation(
    path: &Path,
    app: &App,
) -> BTreeMap<PartnerId, Vec<(Rule, Option<CampaignId>, String)>> {
    let store = Store::open(path).unwrap();
    let program = store.load_program().unwrap();
    let evidence = store.load_evidence().unwrap();
    let scope = Scope {
        partners: &program.partners,
        campaigns: &program.campaigns,
        rules: &app.config.evidence,
        today: app.today,
        currency: program.currency,
    };
    let attribution = attribute(&evidence, &scope);
    let mut out: BTreeMap<PartnerId, Vec<_>> = BTreeMap::new();
    for f in reconcile(&evidence, &attribution, &program.results, &scope) {
        if program
            .partners
            .get(f.partner_id)
            .is_some_and(|p| !p.is_archived())
        {
            out.entry(f.partner_id).or_default().push(key(&f));
        }
    }
    for v in out.values_mut() {
        v.sort();
    }
    out
}

fn key(f: &Finding) -> (Rule, Option<CampaignId>, String) {
    (f.rule, f.campaign_id, f.message.clone())
}

fn is_reconciliation(f: &Finding) -> bool {
    matches!(
        f.rule,
        Rule::E1 | Rule::E2 | Rule::E3 | Rule::E4 | Rule::E5 | Rule::E6
    )
}

/// The E findings the screen derived for `partner`, sorted.
fn shown_of(app: &App, partner: PartnerId) -> Vec<(Rule, Option<CampaignId>, String)> {
    let mut v: Vec<_> = app
        .derived
        .findings_of(partner)
        .iter()
        .filter(|f| is_reconciliation(f))
        .map(key)
        .collect();
    v.sort();
    v
}

/// The E findings the screen derived for each partner it holds.
fn shown_reconciliation(app: &App) -> BTreeMap<PartnerId, Vec<(Rule, Option<CampaignId>, String)>> {
    let mut out: BTreeMap<PartnerId, Vec<_>> = BTreeMap::new();
    for p in app.program.partners.iter() {
        let v = shown_of(app, p.id);
        if !v.is_empty() {
            out.insert(p.id, v);
        }
    }
    out
}

/// The screen's findings E1–E6 are those of the whole evidence of its
/// database (a file), and the status bar counts what the list shows.
pub(super) fn assert_marks_true(app: &App, step: &str) {
    let path = app.store.path().expect("a file").to_path_buf();
    assert_eq!(
        shown_reconciliation(app),
        whole_reconciliation(&path, app),
        "after {step}"
    );
    let listed = app.findings_listed();
    let errors = listed
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(
        app.counts(),
        Some((errors, listed.len() - errors)),
        "after {step}"
    );
}

fn example_file(dir: &tempfile::TempDir) -> std::path::PathBuf {
    let path = dir.path().join("jmo.db");
    let mut app = app_on(Store::open(&path).unwrap());
    keys(&mut app, "x");
    assert!(!app.is_welcome());
    // The screen that loaded it shows the example's findings E1–E6 at once.
    assert_marks_true(&app, "loading the example plan");
    path
}

#[test]
fn the_marks_count_every_reconciliation_finding_of_the_whole_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let app = app_on(Store::open(&path).unwrap());
    assert!(app.resident.is_whole());
    let expected = whole_reconciliation(&path, &app);
    // The example shows E1, E2, E4, E5 and E6 (store/example_evidence.rs).
    let rules: std::collections::BTreeSet<Rule> =
        expected.values().flatten().map(|k| k.0).collect();
    for r in [Rule::E1, Rule::E2, Rule::E4, Rule::E5, Rule::E6] {
        assert!(rules.contains(&r), "{r:?} in the example");
    }
    assert_eq!(shown_reconciliation(&app), expected);
    // The status bar counts them: the findings list and the counts agree.
    let listed = app.findings_listed();
    let errors = listed
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = listed.len() - errors;
    assert_eq!(app.counts(), Some((errors, warnings)));
    assert!(listed.iter().any(|f| is_reconciliation(f)));
    // A partner with an E finding is marked with it.
    let (partner, found) = expected.iter().next().unwrap();
    let marks = app.partner_marks(*partner).unwrap();
    assert!(marks.errors + marks.warnings >= found.len());
}

#[test]
fn a_screen_holding_two_partners_derives_theirs_and_the_background_pass_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let whole = app_on(Store::open(&path).unwrap());
    let mut app = partial_on(&path, 2);
    // The background pass (run at once on a file? no: an effect) —
    // run the queued summary jobs here as the event loop would.
    run_summary_jobs(&mut app);
    for p in whole.program.partners.iter() {
        assert_eq!(
            app.partner_marks(p.id),
            Some(whole.derived.marks(p.id)),
            "{}",
            p.name
        );
    }
    assert_eq!(app.counts(), Some(whole.derived.counts()));
    // Selecting each partner reads its evidence: the same findings.
    let expected = whole_reconciliation(&path, &whole);
    for p in whole.program.partners.iter() {
        app.hold(p.id);
        let shown = shown_of(&app, p.id);
        assert_eq!(
            shown,
            expected.get(&p.id).cloned().unwrap_or_default(),
            "{}",
            p.name
        );
    }
}

/// Runs the summary passes the screen queued, as the event loop does.
fn run_summary_jobs(app: &mut App) {
    let jobs: Vec<SummaryJob> = app
        .effects
        .drain(..)
        .filter_map(|e| match e {
            Effect::Summaries(job) => Some(*job),
            _ => None,
        })
        .collect();
    for job in jobs {
        let mut store = Store::open(&job.database).unwrap();
        let mut got = Vec::new();
        job.run(&mut store, |rows| {
            got.extend(rows);
            true
        })
        .unwrap();
        app.summaries_derived(got);
    }
}

/// Typed results within tolerance of the evidence: E6 leaves the marks
/// at once; undo brings it back.
#[test]
fn typing_results_moves_e6_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let mut app = app_on(Store::open(&path).unwrap());
    let e6 = app
        .derived
        .all_findings()
        .into_iter()
        .find(|f| f.rule == Rule::E6)
        .cloned()
        .expect("the example has an E6");
    let campaign = e6.campaign_id.unwrap();
    let partner = e6.partner_id;
    let count_e6 = |app: &App| {
        app.derived
            .findings_of(partner)
            .iter()
            .filter(|f| f.rule == Rule::E6 && f.campaign_id == Some(campaign))
            .count()
    };
    let before = app.counts().unwrap();
    let n = count_e6(&app);
    assert!(n > 0);
    // The results as the evidence has them: no gap.
    let data = app.pipeline_of(campaign).unwrap();
    let evidenced: CampaignResults = data.figures.as_results(campaign, data.reported.as_ref());
    let results = app.program.results_of(campaign).unwrap().clone();
    let edited = app
        .store
        .edit("Results as evidenced", |tx| {
            tx.update(results.id, &evidenced)?;
            Ok(())
        })
        .unwrap();
    app.after_change(&edited.touched);
    assert_eq!(count_e6(&app), 0, "{:?}", app.derived.findings_of(partner));
    // The counts follow: the findings listed are the counts' findings.
    let listed = app.findings_listed();
    let errors = listed
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    assert_eq!(app.counts(), Some((errors, listed.len() - errors)));
    assert_ne!(app.counts(), Some(before));
    keys(&mut app, "u");
    assert_eq!(count_e6(&app), n, "undo brings E6 back");
    assert_eq!(app.counts(), Some(before));
}

/// Another program deletes the touch behind E1 (the disputed
/// registration): the open screen reads the evidence again on its next
/// tick and the finding leaves the marks; the stored summaries derived
/// before are stale.
#[test]
fn another_programs_evidence_edit_moves_the_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let mut app = app_on(Store::open(&path).unwrap());
    let inputs_before = app.resident.inputs().to_string();
    let e1 = app
        .derived
        .all_findings()
        .into_iter()
        .find(|f| f.rule == Rule::E1)
        .cloned()
        .expect("the example has an E1");
    let mut other = Store::open(&path).unwrap();
    let evidence = other.load_evidence().unwrap();
    let registrations: Vec<_> = evidence
        .touches
        .iter()
        .filter(|t| {
            t.kind == crate::domain::evidence::TouchKind::DealRegistration
                && t.partner_id == e1.partner_id
        })
        .map(|t| t.id)
        .collect();
    assert!(!registrations.is_empty());
    other
        .edit("Delete a registration", |tx| {
            for t in &registrations {
                tx.delete(RecordRef::Touch(*t))?;
            }
            Ok(())
        })
        .unwrap();
    app.tick();
    assert!(
        !app.derived
            .all_findings()
            .iter()
            .any(|f| f.rule == Rule::E1 && f.partner_id == e1.partner_id),
        "E1 gone after the reload"
    );
    assert_ne!(app.resident.inputs(), inputs_before);
    assert_eq!(
        shown_reconciliation(&app),
        whole_reconciliation(&path, &app)
    );
}

/// Another program deletes a campaign's leads while its Results view,
/// then its Pipeline view, is open: on the next tick each view shows the
/// evidence as it is now (the Results view still on the evidenced
/// figures).
#[test]
fn open_views_of_evidence_follow_another_programs_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = example_file(&dir);
    let mut app = app_on(Store::open(&path).unwrap());
    let webinar = app
        .program
        .campaigns
        .iter()
        .find(|c| c.name == "Modern Data Stack Webinar")
        .map(|c| c.id)
        .unwrap();
    let leads_shown = |app: &App| match &app.mode {
        Mode::Results(r) => {
            assert!(r.show_evidenced);
            r.shown().and_then(|s| s.leads).unwrap()
        }
        Mode::Pipeline(p) => p.data.leads.len() as i64,
        other => panic!("{other:?}"),
    };
    let leads: Vec<_> = Store::open(&path)
        .unwrap()
        .evidence_of_campaign(webinar)
        .unwrap()
        .leads
        .iter()
        .filter(|l| l.campaign_id == Some(webinar))
        .map(|l| l.id)
        .collect();
    assert!(leads.len() >= 2, "{leads:?}");
    let delete = |lead| {
        Store::open(&path)
            .unwrap()
            .edit("Delete a lead", |tx| tx.delete(RecordRef::Lead(lead)))
            .unwrap();
    };
    app.reveal(RecordRef::Campaign(webinar));
    keys(&mut app, "R");
    let before = leads_shown(&app);
    assert_eq!(before, leads.len() as i64);
    delete(leads[0]);
    app.tick();
    assert_eq!(leads_shown(&app), before - 1, "the Results view");
    keys(&mut app, "q");
    keys(&mut app, "E");
    assert_eq!(leads_shown(&app), before - 1);
    delete(leads[1]);
    app.tick();
    assert_eq!(leads_shown(&app), before - 2, "the Pipeline view");
}
