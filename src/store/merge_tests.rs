//! Two jmo on one file (issue 10, item 1), at the store: an edit from an
//! earlier snapshot writes only what the user changed, a clash is refused
//! with theirs and mine, undo undoes this store's own edits and refuses
//! over a newer value.

use super::tests::{campaign, d, seeded};
use super::*;
use rust_decimal_macros::dec;

/// Two stores (two jmo) on one new file, with the seed written by `a`.
fn two_on_one_file() -> (tempfile::TempDir, Store, Store, CampaignId) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut a = Store::open(&path).unwrap();
    let (_, c) = seeded(&mut a);
    let mut b = Store::open(&path).unwrap();
    b.set_actor("dana").unwrap();
    (dir, a, b, c)
}

fn campaign_in(store: &Store, c: CampaignId) -> Campaign {
    store.get::<Campaign>(c).unwrap().unwrap().value
}

fn history_len(store: &Store) -> usize {
    store.recent_sets(10_000).unwrap().len()
}

#[test]
fn an_edit_from_a_snapshot_writes_only_the_fields_the_user_changed() {
    let (_dir, mut a, mut b, c) = two_on_one_file();
    // a's form opens on the campaign; b renames it meanwhile.
    let base = campaign_in(&a, c);
    let mut renamed = base.clone();
    renamed.name = "Q1 Webinar (renamed)".into();
    b.edit("Rename", |tx| tx.update(c, &renamed)).unwrap();
    // a changes the budget only.
    let mut mine = base.clone();
    mine.budget = dec!(12500);
    let edited = a
        .edit("Budget", |tx| tx.update_from(c, &base, &base, &mine))
        .unwrap();
    assert!(edited.value);
    let now = campaign_in(&a, c);
    assert_eq!(now.name, "Q1 Webinar (renamed)", "b's rename is kept");
    assert_eq!(now.budget, dec!(12500));
    // The history of a's edit names the budget only.
    let rows = a.history_of(RecordRef::Campaign(c)).unwrap();
    let last = rows.last().unwrap();
    assert_eq!(last.field.as_deref(), Some("budget"));
    assert_eq!(
        rows.iter().filter(|r| r.set_id == last.set_id).count(),
        1,
        "one field written"
    );
}

#[test]
fn a_field_changed_on_both_sides_is_a_conflict_and_nothing_is_written() {
    let (_dir, mut a, mut b, c) = two_on_one_file();
    let base = campaign_in(&a, c);
    let mut theirs = base.clone();
    theirs.budget = dec!(8000);
    b.edit("Budget 8000", |tx| tx.update(c, &theirs)).unwrap();
    let mut mine = base.clone();
    mine.budget = dec!(12500);
    mine.audience = "CIOs".into();
    let sets = history_len(&a);
    let err = a
        .edit("Budget 12500", |tx| tx.update_from(c, &base, &base, &mine))
        .unwrap_err();
    let StoreError::Conflict(conflict) = err else {
        panic!("expected a conflict, got {err}");
    };
    assert_eq!(conflict.record, RecordRef::Campaign(c));
    assert_eq!(conflict.fields.len(), 1, "only the budget clashes");
    let f = &conflict.fields[0];
    assert_eq!(f.column, "budget");
    assert_eq!(f.theirs, Value::Text("8000".into()));
    assert_eq!(f.mine, Value::Text("12500".into()));
    assert_eq!(f.changed_by.as_deref(), Some("dana"));
    assert!(f.changed_at.is_some());
    assert!(
        conflict
            .to_string()
            .contains("budget changed to '8000' by dana")
    );
    // Nothing written: not the audience either, and no change set.
    let now = campaign_in(&a, c);
    assert_eq!(
        (now.budget, now.audience.as_str()),
        (dec!(8000), "IT leaders")
    );
    assert_eq!(history_len(&a), sets);
    // Saving over theirs: theirs becomes the base, and both fields go in.
    let theirs_now = campaign_in(&a, c);
    a.edit("Budget 12500", |tx| {
        tx.update_from(c, &theirs_now, &base, &mine)
    })
    .unwrap();
    let now = campaign_in(&a, c);
    assert_eq!((now.budget, now.audience.as_str()), (dec!(12500), "CIOs"));
}

#[test]
fn the_same_change_on_both_sides_is_not_a_conflict() {
    let (_dir, mut a, mut b, c) = two_on_one_file();
    let base = campaign_in(&a, c);
    let mut same = base.clone();
    same.budget = dec!(9000);
    b.edit("Budget", |tx| tx.update(c, &same)).unwrap();
    let edited = a
        .edit("Budget", |tx| tx.update_from(c, &base, &base, &same))
        .unwrap();
    assert!(!edited.value, "nothing left to write");
    assert!(edited.touched.is_empty());
}

#[test]
fn a_merge_that_would_be_invalid_is_refused_with_what_changed_underneath() {
    let (_dir, mut a, mut b, c) = two_on_one_file();
    let base = campaign_in(&a, c);
    // b moves the start and launch later; a moves the end earlier: each
    // valid alone, together the end falls before the launch.
    let mut theirs = base.clone();
    theirs.start = d("2026-04-01");
    theirs.launch = d("2026-04-15");
    b.edit("Later", |tx| tx.update(c, &theirs)).unwrap();
    let mut mine = base.clone();
    mine.end = d("2026-04-14");
    let err = a
        .edit("End", |tx| tx.update_from(c, &base, &base, &mine))
        .unwrap_err();
    let StoreError::Conflict(conflict) = err else {
        panic!("expected a conflict, got {err}");
    };
    assert!(conflict.invalid.is_some());
    let columns: Vec<&str> = conflict.fields.iter().map(|f| f.column).collect();
    assert_eq!(columns, ["start", "launch"]);
    assert_eq!(campaign_in(&a, c).end, d("2026-04-20"));
}

#[test]
fn undo_undoes_this_stores_edit_not_the_other_jmos() {
    let (_dir, mut a, mut b, c) = two_on_one_file();
    let base = campaign_in(&a, c);
    let mut x = base.clone();
    x.audience = "CIOs".into();
    a.edit("Audience", |tx| tx.update(c, &x)).unwrap();
    let mut y = campaign_in(&b, c);
    y.crm_id = Some("701XX".into());
    b.edit("CRM id", |tx| tx.update(c, &y)).unwrap();
    assert!(a.changed_elsewhere().unwrap());
    assert_eq!(a.undo_label().unwrap().as_deref(), Some("Audience"));
    a.undo().unwrap().unwrap();
    let now = campaign_in(&a, c);
    assert_eq!(now.audience, "IT leaders", "a's edit undone");
    assert_eq!(now.crm_id.as_deref(), Some("701XX"), "b's edit kept");
}

#[test]
fn undo_refuses_when_the_record_changed_since_and_writes_nothing() {
    let (_dir, mut a, mut b, c) = two_on_one_file();
    let mut mine = campaign_in(&a, c);
    mine.budget = dec!(6000);
    a.edit("Budget 6000", |tx| tx.update(c, &mine)).unwrap();
    let mut theirs = campaign_in(&b, c);
    theirs.budget = dec!(8000);
    b.edit("Budget 8000", |tx| tx.update(c, &theirs)).unwrap();
    a.changed_elsewhere().unwrap();
    let sets = history_len(&a);
    let err = a.undo().unwrap_err().to_string();
    assert!(
        err.contains("cannot undo 'Budget 6000'") && err.contains("budget was changed since"),
        "{err}"
    );
    assert!(err.contains("now '8000', by dana"), "{err}");
    assert_eq!(campaign_in(&a, c).budget, dec!(8000));
    assert_eq!(history_len(&a), sets, "no undo set recorded");
    // It stays as it is; the next undo goes on to the edit before it.
    assert_eq!(a.undo_label().unwrap().as_deref(), Some("Seed"));
}

#[test]
fn undoing_an_insert_refuses_when_the_new_record_was_changed_since() {
    let (_dir, mut a, mut b, c) = two_on_one_file();
    let (partner, _) = (campaign_in(&a, c).partner_id, ());
    let new = a
        .edit("Add campaign", |tx| tx.insert(&campaign(partner)))
        .unwrap()
        .value;
    assert!(b.changed_elsewhere().unwrap());
    let mut theirs = campaign_in(&b, new);
    theirs.name = "Theirs now".into();
    b.edit("Rename", |tx| tx.update(new, &theirs)).unwrap();
    a.changed_elsewhere().unwrap();
    let err = a.undo().unwrap_err().to_string();
    assert!(err.contains("name was changed since"), "{err}");
    assert!(a.get::<Campaign>(new).unwrap().is_some(), "not deleted");
}

/// A file where "Audience" was the last edit, made by a jmo that has ended.
fn edited_and_closed() -> (tempfile::TempDir, std::path::PathBuf, CampaignId) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut s = Store::open(&path).unwrap();
    let (_, c) = seeded(&mut s);
    let mut x = campaign_in(&s, c);
    x.audience = "CIOs".into();
    s.edit("Audience", |tx| tx.update(c, &x)).unwrap();
    (dir, path, c)
}

#[test]
fn after_a_restart_u_undoes_the_users_edits_of_ended_jmo_not_of_open_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut first = Store::open(&path).unwrap();
    let (_, c) = seeded(&mut first);
    // While the first jmo is open, a second one cannot undo its edits…
    let second = Store::open(&path).unwrap();
    assert_eq!(second.undo_label().unwrap(), None);
    drop(second);
    drop(first);
    // …once it has ended, its user's next jmo can (undo across restarts);
    let mut third = Store::open(&path).unwrap();
    assert_eq!(third.undo_label().unwrap().as_deref(), Some("Seed"));
    // another person's cannot.
    third.set_actor("dana").unwrap();
    assert_eq!(third.undo_label().unwrap(), None);
    assert!(third.get::<Campaign>(c).unwrap().is_some());
}

#[test]
fn the_other_jmos_undo_takes_a_shared_edit_off_this_ones_stack() {
    let (_dir, path, c) = edited_and_closed();
    // Two jmo open after the edit's jmo ended: both may undo it.
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    assert_eq!(b.undo_label().unwrap().as_deref(), Some("Audience"));
    a.undo().unwrap().unwrap();
    assert!(b.changed_elsewhere().unwrap());
    assert_eq!(
        b.undo_label().unwrap().as_deref(),
        Some("Seed"),
        "undone by a, so off b's stack"
    );
    assert_eq!(campaign_in(&b, c).audience, "IT leaders");
}

/// An edit of campaign `c`'s audience, labelled `label`.
fn set_audience(store: &mut Store, c: CampaignId, audience: &str, label: &str) {
    let mut x = campaign_in(store, c);
    x.audience = audience.into();
    store.edit(label, |tx| tx.update(c, &x)).unwrap();
}

#[test]
fn an_edit_undone_and_redone_in_a_later_jmo_can_still_be_undone_after_a_restart() {
    let (_dir, path, c) = edited_and_closed(); // "Audience", by a jmo that ended
    let mut open = Store::open(&path).unwrap();
    let mut x = campaign_in(&open, c);
    x.crm_id = Some("701".into());
    open.edit("CRM id", |tx| tx.update(c, &x)).unwrap();
    {
        // A jmo started while `open` runs: undo and redo "Audience".
        let mut third = Store::open(&path).unwrap();
        assert_eq!(third.undo_label().unwrap().as_deref(), Some("Audience"));
        third.undo().unwrap().unwrap();
        third.redo().unwrap().unwrap();
    }
    drop(open);
    let mut later = Store::open(&path).unwrap();
    let mut undone = Vec::new();
    while let Some(applied) = later.undo().unwrap() {
        undone.push(applied.label);
    }
    assert_eq!(undone, ["Audience", "CRM id", "Seed"]);
}

#[test]
fn u_reaches_the_users_edits_of_a_jmo_that_ended_after_this_one_started() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut first = Store::open(&path).unwrap();
    let (_, c) = seeded(&mut first);
    set_audience(&mut first, c, "CIOs", "Audience");
    let mut second = Store::open(&path).unwrap();
    assert_eq!(second.undo_label().unwrap(), None, "first is still open");
    drop(first);
    let applied = second.undo().unwrap().expect("first has ended");
    assert_eq!(applied.label, "Audience");
}
