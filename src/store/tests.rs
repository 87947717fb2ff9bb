use super::*;
use crate::domain::milestone::standard_milestones;
use crate::domain::program::Program;
use chrono::NaiveDate;
use rust_decimal_macros::dec;

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(super) fn partner(name: &str) -> Partner {
    Partner {
        name: name.into(),
        partnership_type: PartnershipType::Technology,
        tier: Tier::Gold,
        brand_guidelines_on_file: true,
        data_consent_on: None,
        notes: String::new(),
        agreement_start: None,
        agreement_end: None,
        ..Partner::default()
    }
}

pub(super) fn campaign(partner_id: PartnerId) -> Campaign {
    Campaign {
        partner_id,
        name: "Q1 Webinar".into(),
        campaign_type: CampaignType::Webinar,
        playbook: None,
        status: CampaignStatus::Planned,
        audience: "IT leaders".into(),
        start: d("2026-03-02"),
        launch: d("2026-04-13"),
        end: d("2026-04-20"),
        budget: dec!(5000.50),
        internal_cost: dec!(1200),
        lead_target: Some(200),
        crm_id: None,
        attribution_agreed: false,
        uses_partner_data: false,
    }
}

/// A store with one partner and one campaign with its standard milestones.
pub(super) fn seeded(store: &mut Store) -> (PartnerId, CampaignId) {
    store
        .edit("Seed", |tx| {
            let p = tx.insert(&partner("Acme"))?;
            let c = tx.insert(&campaign(p))?;
            let cc = campaign(p);
            for m in standard_milestones(c, cc.start, cc.launch, cc.end) {
                tx.insert(&m)?;
            }
            Ok((p, c))
        })
        .unwrap()
        .value
}

#[test]
fn migrates_a_new_file_and_reopens_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/jmo.db");
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        schema::version(&store.conn).unwrap(),
        schema::latest_version()
    );
    let (p, c) = seeded(&mut store);
    drop(store);
    let store = Store::open(&path).unwrap();
    let program = store.load_program().unwrap();
    assert_eq!(program.partners.get(p).unwrap().name, "Acme");
    let camp = program.campaigns.get(c).unwrap();
    assert_eq!(camp.value, campaign(p));
    assert_eq!(camp.budget.to_string(), "5000.50");
    assert_eq!(program.milestones_of(c).len(), 7);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

/// A database written by an older jmo (schema version 2, before partner
/// agreements) opens: the migration adds the columns, the data stays.
#[test]
fn an_older_database_is_migrated_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &schema::MIGRATIONS[..2] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 2).unwrap();
        tx.execute(
            "INSERT INTO partners (name, partnership_type, tier, brand_guidelines_on_file, data_consent_on, notes) \
             VALUES ('Acme', 'technology', 'gold', 1, '2026-01-05', 'old')",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        schema::version(&store.conn).unwrap(),
        schema::latest_version()
    );
    let program = store.load_program().unwrap();
    let acme = program.partners.iter().next().unwrap();
    // Migration 5's defaults: neutral budget factors, no tier numbers, active.
    assert_eq!(
        (
            acme.pipeline_potential,
            acme.strategic_value,
            acme.referrals
        ),
        (rust_decimal::Decimal::ONE, rust_decimal::Decimal::ONE, 0)
    );
    assert_eq!(acme.archived_on, None);
    assert_eq!(
        (
            acme.name.as_str(),
            acme.data_consent_on,
            acme.agreement_start
        ),
        ("Acme", Some(d("2026-01-05")), None)
    );
    // And the new fields are written and read back.
    let id = acme.id;
    let mut next = acme.value.clone();
    next.agreement_start = Some(d("2026-01-01"));
    next.agreement_end = Some(d("2026-12-31"));
    store.edit("agreement", |tx| tx.update(id, &next)).unwrap();
    let program = store.load_program().unwrap();
    assert_eq!(program.partners.get(id).unwrap().value, next);
}

#[test]
fn refuses_a_newer_schema_and_a_non_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let err = Store::open(&path).unwrap_err().to_string();
    assert!(err.contains("was written by a newer jmo"), "{err}");
    let junk = dir.path().join("junk.db");
    std::fs::write(
        &junk,
        b"this is not sqlite, just text long enough to be a header......",
    )
    .unwrap();
    let err = Store::open(&junk).unwrap_err().to_string();
    assert!(
        err.contains("not an SQLite file") && err.contains("junk.db"),
        "{err}"
    );
}

#[test]
fn every_edit_is_recorded_field_by_field() {
    let mut store = Store::open_in_memory().unwrap();
    store.set_actor("dana").unwrap();
    let (_, c) = seeded(&mut store);
    let mut changed = store.get::<Campaign>(c).unwrap().unwrap().value;
    changed.crm_id = Some("701A".into());
    changed.budget = dec!(6000);
    let edited = store
        .edit("Edit campaign", |tx| tx.update(c, &changed))
        .unwrap();
    assert!(edited.value);
    assert_eq!(edited.touched, vec![RecordRef::Campaign(c)]);
    let history = store.history_of(RecordRef::Campaign(c)).unwrap();
    let ops: Vec<_> = history
        .iter()
        .map(|h| {
            (
                h.op.as_str(),
                h.field.as_deref(),
                h.old.clone(),
                h.new.clone(),
            )
        })
        .collect();
    assert_eq!(ops[0].0, "insert");
    assert_eq!(
        &ops[1..],
        &[
            (
                "update",
                Some("budget"),
                Value::Text("5000.50".into()),
                Value::Text("6000".into())
            ),
            (
                "update",
                Some("crm_id"),
                Value::Null,
                Value::Text("701A".into())
            ),
        ]
    );
    let sets = store.recent_sets(1).unwrap();
    assert_eq!(
        (sets[0].label.as_str(), sets[0].actor.as_str()),
        ("Edit campaign", "dana")
    );
}

#[test]
fn an_edit_that_changes_nothing_records_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, c) = seeded(&mut store);
    let same = store.get::<Campaign>(c).unwrap().unwrap().value;
    let depth = store.undo_depth();
    let edited = store.edit("No-op", |tx| tx.update(c, &same)).unwrap();
    assert!(!edited.value);
    assert!(edited.touched.is_empty());
    assert_eq!(store.undo_depth(), depth);
    assert_eq!(store.recent_sets(1).unwrap()[0].label, "Seed");
}

#[test]
fn a_failed_edit_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let (p, _) = seeded(&mut store);
    let err = store
        .edit("Half", |tx| {
            tx.insert(&partner("Beta"))?;
            tx.insert(&campaign(PartnerId(999)))?; // no such partner
            Ok(())
        })
        .unwrap_err();
    assert!(matches!(err, StoreError::Sqlite(_)), "{err}");
    let program = store.load_program().unwrap();
    assert_eq!(program.partners.len(), 1);
    assert!(program.partners.get(p).is_some());
    assert_eq!(store.recent_sets(10).unwrap().len(), 1);
}

#[test]
fn undo_and_redo_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut store = Store::open(&path).unwrap();
    let (_, c) = seeded(&mut store);
    let m = store.load_program().unwrap().milestones_of(c)[0].clone();
    let mut done = m.value.clone();
    done.status = MilestoneStatus::Done;
    done.completed_on = Some(d("2026-03-02"));
    store
        .edit("Advance 'Kickoff call'", |tx| tx.update(m.id, &done))
        .unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.undo_label().unwrap().as_deref(),
        Some("Advance 'Kickoff call'")
    );
    let applied = store.undo().unwrap().unwrap();
    assert_eq!(applied.touched, vec![RecordRef::Milestone(m.id)]);
    assert_eq!(
        store.get::<Milestone>(m.id).unwrap().unwrap().status,
        MilestoneStatus::Upcoming
    );
    drop(store);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.redo_label().unwrap().as_deref(),
        Some("Advance 'Kickoff call'")
    );
    store.redo().unwrap().unwrap();
    let back = store.get::<Milestone>(m.id).unwrap().unwrap();
    assert_eq!(
        (back.status, back.completed_on),
        (MilestoneStatus::Done, Some(d("2026-03-02")))
    );
    assert_eq!(store.redo().unwrap(), None);
    // Undo walks back past the restart to the seed itself.
    store.undo().unwrap().unwrap();
    store.undo().unwrap().unwrap();
    assert!(store.load_program().unwrap().is_empty());
    assert_eq!(store.undo().unwrap(), None);
}

#[test]
fn a_new_edit_clears_redo() {
    let mut store = Store::open_in_memory().unwrap();
    let (p, _) = seeded(&mut store);
    store
        .edit("Add Beta", |tx| tx.insert(&partner("Beta")))
        .unwrap();
    store.undo().unwrap().unwrap();
    assert!(store.redo_label().unwrap().is_some());
    let mut renamed = partner("Acme Corp");
    renamed.tier = Tier::Platinum;
    store.edit("Rename", |tx| tx.update(p, &renamed)).unwrap();
    assert_eq!(store.redo_label().unwrap(), None);
    assert_eq!(store.undo_label().unwrap().as_deref(), Some("Rename"));
}

#[test]
fn deleting_a_partner_cascades_and_undo_restores_everything() {
    let mut store = Store::open_in_memory().unwrap();
    let (p, c) = seeded(&mut store);
    store
        .edit("Fund", |tx| {
            tx.insert(&Fund {
                partner_id: p,
                name: "FY26".into(),
                period_start: d("2026-01-01"),
                period_end: d("2026-12-31"),
                allocated: dec!(50000),
                policy: "default".into(),
            })
        })
        .unwrap();
    let before = store.load_program().unwrap();
    let edited = store
        .edit("Delete Acme", |tx| tx.delete(RecordRef::Partner(p)))
        .unwrap();
    assert!(edited.touched.contains(&RecordRef::Partner(p)));
    assert!(edited.touched.contains(&RecordRef::Campaign(c)));
    assert_eq!(edited.touched.len(), 1 + 1 + 7 + 1);
    let after = store.load_program().unwrap();
    assert!(after.is_empty() && after.campaigns.is_empty() && after.milestones.is_empty());
    assert!(after.funds.is_empty());

    let applied = store.undo().unwrap().unwrap();
    assert_eq!(applied.label, "Delete Acme");
    let restored = store.load_program().unwrap();
    let rows = |p: &Program| {
        (
            format!("{:?}", p.partners.iter().collect::<Vec<_>>()),
            format!("{:?}", p.campaigns.iter().collect::<Vec<_>>()),
            format!("{:?}", p.milestones.iter().collect::<Vec<_>>()),
            format!("{:?}", p.funds.iter().collect::<Vec<_>>()),
        )
    };
    assert_eq!(rows(&restored), rows(&before));
}

#[test]
fn mdf_requests_and_claims_are_never_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    let (p, c) = seeded(&mut store);
    store
        .edit("Money", |tx| {
            let f = tx.insert(&Fund {
                partner_id: p,
                name: "FY26".into(),
                period_start: d("2026-01-01"),
                period_end: d("2026-12-31"),
                allocated: dec!(50000),
                policy: "default".into(),
            })?;
            let r = tx.insert(&MdfRequest {
                campaign_id: c,
                fund_id: Some(f),
                activity: mdf::ActivityType::Webinar,
                amount: dec!(2500),
                approved_amount: None,
                status: RequestStatus::Approved,
                submitted_on: Some(d("2026-02-01")),
                decided_on: Some(d("2026-02-03")),
                justification: String::new(),
                expected_roi: None,
                proof_required: String::new(),
                reason: None,
            })?;
            tx.insert(&Claim {
                request_id: r,
                amount: dec!(2500),
                status: ClaimStatus::Submitted,
                submitted_on: Some(d("2026-05-01")),
                paid_on: None,
                paid_amount: None,
                note: String::new(),
            })
        })
        .unwrap();
    let before = store.recent_sets(100).unwrap().len();
    let fund = store
        .load_program()
        .unwrap()
        .funds
        .iter()
        .next()
        .unwrap()
        .id;
    let err = store
        .edit("Delete fund", |tx| tx.delete(RecordRef::Fund(fund)))
        .unwrap_err();
    assert!(
        err.to_string().contains("1 request still draw on it"),
        "{err}"
    );
    for record in [RecordRef::Partner(p), RecordRef::Campaign(c)] {
        let err = store.edit("Delete", |tx| tx.delete(record)).unwrap_err();
        assert!(err.to_string().contains("never deleted"), "{err}");
    }
    let after = store.load_program().unwrap();
    assert_eq!(
        (
            after.partners.len(),
            after.campaigns.len(),
            after.milestones.len()
        ),
        (1, 1, 7)
    );
    assert_eq!(
        (after.requests.len(), after.claims.len(), after.funds.len()),
        (1, 1, 1)
    );
    assert_eq!(store.recent_sets(100).unwrap().len(), before);
}

#[test]
fn undoing_a_date_move_never_breaks_the_date_order_check() {
    let mut store = Store::open_in_memory().unwrap();
    let (p, c) = seeded(&mut store);
    // Move the whole campaign a month later: start jumps past the old launch.
    let mut moved = campaign(p);
    moved.start = d("2026-05-01");
    moved.launch = d("2026-06-12");
    moved.end = d("2026-06-19");
    store.edit("Move", |tx| tx.update(c, &moved)).unwrap();
    store.undo().unwrap().unwrap();
    assert_eq!(
        store.get::<Campaign>(c).unwrap().unwrap().value,
        campaign(p)
    );
    store.redo().unwrap().unwrap();
    assert_eq!(store.get::<Campaign>(c).unwrap().unwrap().value, moved);
}

#[test]
fn refresh_follows_edits_and_deletes() {
    let mut store = Store::open_in_memory().unwrap();
    let (p, c) = seeded(&mut store);
    let mut program = store.load_program().unwrap();
    let mut renamed = partner("Acme Cloud");
    renamed.brand_guidelines_on_file = false;
    let edited = store.edit("Rename", |tx| tx.update(p, &renamed)).unwrap();
    store.refresh(&mut program, &edited.touched).unwrap();
    assert_eq!(program.partners.get(p).unwrap().name, "Acme Cloud");
    let edited = store
        .edit("Delete campaign", |tx| tx.delete(RecordRef::Campaign(c)))
        .unwrap();
    store.refresh(&mut program, &edited.touched).unwrap();
    assert!(program.campaigns.get(c).is_none());
    assert!(program.milestones.is_empty());
    assert_eq!(program.campaigns_of(p).len(), 0);
}

#[test]
fn history_is_append_only() {
    let mut store = Store::open_in_memory().unwrap();
    seeded(&mut store);
    let err = store
        .conn
        .execute("DELETE FROM changes", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("append-only"), "{err}");
    let err = store
        .conn
        .execute("UPDATE change_sets SET label = 'x'", [])
        .unwrap_err()
        .to_string();
    assert!(err.contains("append-only"), "{err}");
}

#[test]
fn the_database_refuses_launch_before_start_even_if_a_bug_tried() {
    let mut store = Store::open_in_memory().unwrap();
    let (p, _) = seeded(&mut store);
    let mut bad = campaign(p);
    bad.launch = d("2026-01-01");
    let err = store.edit("Bad", |tx| tx.insert(&bad)).unwrap_err();
    assert!(err.to_string().contains("CHECK"), "{err}");
}

#[test]
fn a_second_connection_sees_that_the_first_changed_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut a = Store::open(&path).unwrap();
    let mut b = Store::open(&path).unwrap();
    assert!(!b.changed_elsewhere().unwrap());
    seeded(&mut a);
    assert!(
        !a.changed_elsewhere().unwrap(),
        "its own edits do not count"
    );
    assert!(b.changed_elsewhere().unwrap());
    // Another jmo's edit is not on this one's undo stack (issue 10, item 1).
    assert_eq!(b.undo_label().unwrap(), None);
    assert_eq!(a.undo_label().unwrap().as_deref(), Some("Seed"));
    assert!(!b.changed_elsewhere().unwrap());
}
