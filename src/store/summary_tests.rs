//! Partner versions and stored summaries (issue 13, items 1 and 5): every
//! record change moves the version of each partner whose derivation reads
//! the record, whoever writes; a summary is stored only for the version it
//! was derived at; another jmo's summaries cause no reload.

use super::summary::{StoredSummary, Summary};
use super::*;
use crate::domain::program::Program;

fn example(store: &mut Store) -> Program {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let templates = crate::domain::responsibility::Templates::parse(include_str!(
        "../../assets/templates.toml"
    ))
    .unwrap();
    example::load(store, today, &templates, false).unwrap();
    store.load_program().unwrap()
}

fn versions(store: &Store) -> std::collections::HashMap<PartnerId, i64> {
    store
        .standings()
        .unwrap()
        .into_iter()
        .map(|(p, s)| (p, s.version))
        .collect()
}

/// Touches one row of `table` (an update that changes nothing but fires
/// the triggers, as any program writing it would).
fn touch(store: &Store, table: &str, id: i64) {
    let n = store
        .conn
        .execute(&format!("UPDATE {table} SET id = id WHERE id = ?1"), [id])
        .unwrap();
    assert_eq!(n, 1, "{table} {id}");
}

#[test]
fn a_change_to_any_record_moves_its_partners_version_only() {
    let mut store = Store::open_in_memory().unwrap();
    let program = example(&mut store);
    let records: Vec<RecordRef> = vec![
        RecordRef::Partner(program.partners.iter().last().unwrap().id),
        RecordRef::Campaign(program.campaigns.iter().last().unwrap().id),
        RecordRef::Milestone(program.milestones.iter().last().unwrap().id),
        RecordRef::Responsibility(program.responsibilities.iter().last().unwrap().id),
        RecordRef::Asset(program.assets.iter().last().unwrap().id),
        RecordRef::Fund(program.funds.iter().last().unwrap().id),
        RecordRef::Request(program.requests.iter().last().unwrap().id),
        RecordRef::Claim(program.claims.iter().last().unwrap().id),
        RecordRef::Results(program.results.iter().last().unwrap().id),
        RecordRef::Expense(program.expenses.iter().last().unwrap().id),
        RecordRef::Contact(program.contacts.iter().last().unwrap().id),
        RecordRef::Meeting(program.meetings.iter().last().unwrap().id),
        RecordRef::Plan(program.plans.iter().last().unwrap().id),
        RecordRef::PlanEntry(program.plan_entries.iter().last().unwrap().id),
    ];
    for r in records {
        let before = versions(&store);
        let (table, id) = rows::table_of(r);
        touch(&store, table, id);
        let after = versions(&store);
        let owner = program.partner_of(r).unwrap();
        for (p, v) in &after {
            let moved = v - before.get(p).copied().unwrap_or(0);
            // A fund also moves the partners whose requests name it: in
            // the example, only its own.
            assert_eq!(moved > 0, *p == owner, "{r:?}: partner {p:?} moved {moved}");
        }
    }
}

#[test]
fn a_summary_is_stored_only_at_the_version_it_was_derived_at() {
    let mut store = Store::open_in_memory().unwrap();
    let program = example(&mut store);
    let p = program.partners.iter().next().unwrap().id;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let v = versions(&store)[&p];
    let row = |version| StoredSummary {
        partner: p,
        version,
        as_of: today,
        inputs: "x".into(),
        summary: Summary {
            active: 2,
            errors: 1,
            warnings: 3,
            ready: true,
        },
    };
    // Derived from an older version: not stored.
    assert_eq!(store.write_summaries(&[row(v - 1)]).unwrap(), 0);
    assert_eq!(store.write_summaries(&[row(v)]).unwrap(), 1);
    let standing = &store.standings().unwrap()[&p];
    assert_eq!(standing.fresh(today, "x"), Some(row(v).summary));
    // Another day, other inputs, a later record change: stale.
    assert_eq!(standing.fresh(today.succ_opt().unwrap(), "x"), None);
    assert_eq!(standing.fresh(today, "y"), None);
    let c = program.campaigns_of(p)[0].id;
    touch(&store, "campaigns", c.0);
    assert_eq!(store.standings().unwrap()[&p].fresh(today, "x"), None);
}

#[test]
fn another_jmos_summaries_cause_no_reload_and_its_edits_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut mine = Store::open(&path).unwrap();
    let program = example(&mut mine);
    let mut theirs = Store::open(&path).unwrap();
    assert!(!mine.changed_elsewhere().unwrap());
    let p = program.partners.iter().next().unwrap().id;
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let summary = Summary::default();
    // Their summaries only: nothing to reload.
    assert!(
        theirs
            .write_current_summaries(today, "x", &[(p, summary)])
            .unwrap()
            .is_some()
    );
    assert!(!mine.changed_elsewhere().unwrap());
    // My own edit, then their summaries: still nothing to reload.
    let mut renamed = program.partners.get(p).unwrap().value.clone();
    renamed.name.push_str(" Inc");
    mine.edit("Rename", |tx| tx.update(p, &renamed)).unwrap();
    theirs.changed_elsewhere().unwrap();
    theirs
        .write_current_summaries(today, "x", &[(p, summary)])
        .unwrap();
    assert!(!mine.changed_elsewhere().unwrap());
    // Their edit: reload.
    renamed.name.push_str(" Ltd");
    theirs.edit("Rename", |tx| tx.update(p, &renamed)).unwrap();
    assert!(mine.changed_elsewhere().unwrap());
    // My summaries are refused until I have read their edit.
    let mut stale = Store::open(&path).unwrap();
    renamed.name.push_str(" GmbH");
    theirs.edit("Rename", |tx| tx.update(p, &renamed)).unwrap();
    assert_eq!(
        stale
            .write_current_summaries(today, "x", &[(p, summary)])
            .unwrap(),
        None
    );
}
