//! The pipeline-evidence records in the store (docs/domain.md §15.1):
//! edits, history and undo, the UNIQUE CRM ids, the closed reads and the
//! look-ups, and the migration from schema 7.

use super::tests::{d, partner, seeded};
use super::*;
use crate::domain::evidence::*;
use crate::domain::results::LeadSource;
use rust_decimal_macros::dec;

fn account(crm_id: &str, name: &str, domain: &str) -> Account {
    Account {
        crm_id: crm_id.into(),
        name: name.into(),
        domain: domain.into(),
        owner: "Dana".into(),
    }
}

fn overlap(partner_id: PartnerId, account_id: AccountId) -> Overlap {
    Overlap {
        partner_id,
        account_id,
        population: Population::Customer,
        snapshot_on: d("2026-01-15"),
        excluded: false,
    }
}

fn lead(crm_id: &str, account_id: AccountId, campaign_id: Option<CampaignId>) -> Lead {
    Lead {
        crm_id: crm_id.into(),
        account_id: Some(account_id),
        account_ref: "globex.com".into(),
        campaign_id,
        source: LeadSource::Partner,
        created_on: d("2026-02-01"),
        mql_on: None,
    }
}

fn opportunity(crm_id: &str, account_id: AccountId) -> Opportunity {
    Opportunity {
        crm_id: crm_id.into(),
        account_id: Some(account_id),
        account_ref: String::new(),
        name: format!("Deal {crm_id}"),
        amount: dec!(48000.50),
        stage: "Prospecting".into(),
        created_on: d("2026-03-01"),
        close_on: d("2026-06-30"),
        outcome: Outcome::Open,
        lead_source: "Partner".into(),
        registered_by: None,
        campaign_id: None,
    }
}

fn touch(partner_id: PartnerId, account_id: AccountId, crm_id: &str) -> Touch {
    Touch {
        partner_id,
        account_id: Some(account_id),
        opportunity_id: None,
        on: d("2026-02-20"),
        kind: TouchKind::Referral,
        campaign_id: None,
        crm_id: crm_id.into(),
        note: "intro call".into(),
    }
}

/// Ids of the shared world: Acme (with campaign `c`) has Globex in its
/// overlap; Beta referred Globex, which has an opportunity and a lead of
/// campaign `c`; Gamma touched Umbrella, which has its own opportunity
/// and lead; Initech has nothing.
struct World {
    acme: PartnerId,
    beta: PartnerId,
    c: CampaignId,
    globex: AccountId,
    umbrella: AccountId,
    initech: AccountId,
    acme_overlap: OverlapId,
    beta_touch: TouchId,
    gamma_touch: TouchId,
    globex_deal: OpportunityId,
    umbrella_deal: OpportunityId,
    globex_lead: LeadId,
    umbrella_lead: LeadId,
}

fn world(store: &mut Store) -> World {
    let (acme, c) = seeded(store);
    store
        .edit("Evidence", |tx| {
            let beta = tx.insert(&partner("Beta"))?;
            let gamma = tx.insert(&partner("Gamma"))?;
            let globex = tx.insert(&account("001X", "Globex", "globex.com"))?;
            let umbrella = tx.insert(&account("001Z", "Umbrella", "umbrella.com"))?;
            let initech = tx.insert(&account("001Y", "Initech", ""))?;
            Ok(World {
                acme,
                beta,
                c,
                globex,
                umbrella,
                initech,
                acme_overlap: tx.insert(&overlap(acme, globex))?,
                beta_touch: tx.insert(&touch(beta, globex, "00T1"))?,
                gamma_touch: tx.insert(&touch(gamma, umbrella, ""))?,
                globex_deal: tx.insert(&opportunity("006A", globex))?,
                umbrella_deal: tx.insert(&opportunity("006B", umbrella))?,
                globex_lead: tx.insert(&lead("00Q1", globex, Some(c)))?,
                umbrella_lead: tx.insert(&lead("00Q2", umbrella, None))?,
            })
        })
        .unwrap()
        .value
}

fn ids<T: Record>(table: &program::Table<T>) -> Vec<T::Id> {
    table.iter().map(|r| r.id).collect()
}

#[test]
fn each_evidence_record_is_stored_updated_with_history_and_undone() {
    let mut store = Store::open_in_memory().unwrap();
    let w = world(&mut store);
    let before = store.load_evidence().unwrap();
    let a = store.get::<Account>(w.globex).unwrap().unwrap();
    assert_eq!(a.value, account("001X", "Globex", "globex.com"));
    let o = store.get::<Opportunity>(w.globex_deal).unwrap().unwrap();
    assert_eq!(
        (o.amount.to_string(), o.close_on),
        ("48000.50".into(), d("2026-06-30"))
    );
    assert_eq!(
        store.get::<Touch>(w.beta_touch).unwrap().unwrap().kind,
        TouchKind::Referral
    );

    // A newer export: one field of each record changes, in one edit.
    let edited = store
        .edit("Re-import", |tx| {
            tx.update(w.globex, &account("001X", "Globex Corp", "globex.com"))?;
            tx.update(
                w.acme_overlap,
                &Overlap {
                    excluded: true,
                    ..overlap(w.acme, w.globex)
                },
            )?;
            let mql = Lead {
                mql_on: Some(d("2026-02-10")),
                ..lead("00Q1", w.globex, Some(w.c))
            };
            tx.update(w.globex_lead, &mql)?;
            let won = Opportunity {
                amount: dec!(50000),
                outcome: Outcome::Won,
                ..opportunity("006A", w.globex)
            };
            tx.update(w.globex_deal, &won)?;
            tx.update(
                w.beta_touch,
                &Touch {
                    note: "QBR".into(),
                    ..touch(w.beta, w.globex, "00T1")
                },
            )
        })
        .unwrap();
    assert_eq!(edited.touched.len(), 5);
    assert_eq!(
        store.get::<Account>(w.globex).unwrap().unwrap().name,
        "Globex Corp"
    );

    // The history keeps the old values, field by field.
    let last = |r: RecordRef| {
        let h = store.history_of(r).unwrap().pop().unwrap();
        (h.op, h.field, h.old, h.new)
    };
    let text = |s: &str| Value::Text(s.into());
    let update =
        |f: &str, old: Value, new: Value| ("update".to_string(), Some(f.to_string()), old, new);
    assert_eq!(
        last(RecordRef::Account(w.globex)),
        update("name", text("Globex"), text("Globex Corp"))
    );
    assert_eq!(
        last(RecordRef::Overlap(w.acme_overlap)),
        update("excluded", Value::Integer(0), Value::Integer(1))
    );
    assert_eq!(
        last(RecordRef::Lead(w.globex_lead)),
        update("mql_on", Value::Null, text("2026-02-10"))
    );
    assert_eq!(
        last(RecordRef::Opportunity(w.globex_deal)),
        update("outcome", text("open"), text("won"))
    );
    assert_eq!(
        last(RecordRef::Touch(w.beta_touch)),
        update("note", text("intro call"), text("QBR"))
    );
    let deal = store
        .history_of(RecordRef::Opportunity(w.globex_deal))
        .unwrap();
    assert_eq!(
        (deal[1].field.as_deref(), &deal[1].old, &deal[1].new),
        (Some("amount"), &text("48000.50"), &text("50000"))
    );

    // Undo puts every record back as it was.
    let undone = store.undo().unwrap().unwrap();
    assert_eq!(undone.touched.len(), 5);
    let after = store.load_evidence().unwrap();
    assert_eq!(after.accounts.get(w.globex), before.accounts.get(w.globex));
    assert_eq!(
        after.overlaps.get(w.acme_overlap),
        before.overlaps.get(w.acme_overlap)
    );
    assert_eq!(
        after.leads.get(w.globex_lead),
        before.leads.get(w.globex_lead)
    );
    assert_eq!(
        after.opportunities.get(w.globex_deal),
        before.opportunities.get(w.globex_deal)
    );
    assert_eq!(
        after.touches.get(w.beta_touch),
        before.touches.get(w.beta_touch)
    );
    // And undoing the insert removes the records.
    store.undo().unwrap().unwrap();
    assert_eq!(store.evidence_counts().unwrap(), (0, 0, 0, 0));
}

#[test]
fn a_crm_id_already_taken_is_refused_and_nothing_is_written() {
    let mut store = Store::open_in_memory().unwrap();
    let w = world(&mut store);
    let counts = store.evidence_counts().unwrap();
    assert_eq!(counts, (3, 2, 2, 2));
    let err = store
        .edit("Add", |tx| tx.insert(&account("001X", "Globex again", "")))
        .unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        "another account already has CRM id '001X': a re-import updates it instead"
    );
    // An update onto another lead's CRM id, and a touch's.
    let err = store
        .edit("Edit", |tx| {
            tx.update(w.umbrella_lead, &lead("00Q1", w.umbrella, None))
        })
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "another lead already has CRM id '00Q1': a re-import updates it instead"
    );
    let err = store
        .edit("Add", |tx| tx.insert(&touch(w.acme, w.globex, "00T1")))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "another partner touch already has CRM id '00T1': a re-import updates it instead"
    );
    let err = store
        .edit("Add", |tx| tx.insert(&opportunity("006B", w.globex)))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("another opportunity already has CRM id '006B'"),
        "{err}"
    );
    assert_eq!(store.evidence_counts().unwrap(), counts);
    // Touches added by hand have no CRM id: any number of them.
    store
        .edit("Add", |tx| {
            tx.insert(&touch(w.acme, w.initech, ""))?;
            tx.insert(&touch(w.acme, w.initech, ""))
        })
        .unwrap();
    assert_eq!(store.evidence_counts().unwrap().3, 4);
}

#[test]
fn a_partners_evidence_is_closed_over_its_opportunities_accounts() {
    let mut store = Store::open_in_memory().unwrap();
    let w = world(&mut store);
    // Acme has Globex only through its overlap: Globex's opportunity, and
    // Beta's touch and the lead on Globex come with it; Umbrella's do not.
    let e = store.evidence_of_partner(w.acme).unwrap();
    assert_eq!(ids(&e.accounts), vec![w.globex]);
    assert_eq!(ids(&e.overlaps), vec![w.acme_overlap]);
    assert_eq!(ids(&e.opportunities), vec![w.globex_deal]);
    assert_eq!(ids(&e.touches), vec![w.beta_touch]);
    assert_eq!(ids(&e.leads), vec![w.globex_lead]);
    // Beta sees Acme's overlap row on the same account.
    let e = store.evidence_of_partner(w.beta).unwrap();
    assert_eq!(ids(&e.overlaps), vec![w.acme_overlap]);
    assert_eq!(ids(&e.touches), vec![w.beta_touch]);
    // A deal Acme registered on Umbrella brings Umbrella's touches and
    // leads in (Gamma's touch: T5 compares partners), but not Umbrella's
    // other deal, which Acme has nothing to do with.
    let mut reg = opportunity("006C", w.umbrella);
    reg.registered_by = Some(w.acme);
    let r = store.edit("Add", |tx| tx.insert(&reg)).unwrap().value;
    let e = store.evidence_of_partner(w.acme).unwrap();
    assert_eq!(ids(&e.accounts), vec![w.globex, w.umbrella]);
    assert_eq!(ids(&e.opportunities), vec![w.globex_deal, r]);
    assert_eq!(ids(&e.touches), vec![w.beta_touch, w.gamma_touch]);
    assert!(e.opportunities.get(w.umbrella_deal).is_none());
    assert_eq!(ids(&e.leads), vec![w.globex_lead, w.umbrella_lead]);
    assert!(store.evidence_of_partner(PartnerId(99)).unwrap().is_empty());
}

#[test]
fn a_campaigns_evidence_is_its_leads_and_their_accounts_opportunities() {
    let mut store = Store::open_in_memory().unwrap();
    let w = world(&mut store);
    let e = store.evidence_of_campaign(w.c).unwrap();
    assert_eq!(ids(&e.leads), vec![w.globex_lead]);
    assert_eq!(ids(&e.opportunities), vec![w.globex_deal]);
    assert_eq!(ids(&e.touches), vec![w.beta_touch]);
    assert_eq!(ids(&e.overlaps), vec![w.acme_overlap]);
    assert_eq!(ids(&e.accounts), vec![w.globex]);
    assert!(
        store
            .evidence_of_campaign(CampaignId(99))
            .unwrap()
            .is_empty()
    );
    let all = store.load_evidence().unwrap();
    assert_eq!(
        (
            all.accounts.len(),
            all.overlaps.len(),
            all.leads.len(),
            all.opportunities.len(),
            all.touches.len()
        ),
        (3, 1, 2, 2, 2)
    );
}

#[test]
fn an_accounts_evidence_is_what_is_on_it_and_nothing_else() {
    let mut store = Store::open_in_memory().unwrap();
    let w = world(&mut store);
    let e = store.evidence_of_account(w.globex).unwrap();
    assert_eq!(ids(&e.accounts), vec![w.globex]);
    assert_eq!(ids(&e.overlaps), vec![w.acme_overlap]);
    assert_eq!(ids(&e.opportunities), vec![w.globex_deal]);
    assert_eq!(ids(&e.touches), vec![w.beta_touch]);
    assert_eq!(ids(&e.leads), vec![w.globex_lead]);
    let e = store.evidence_of_account(w.umbrella).unwrap();
    assert_eq!(ids(&e.opportunities), vec![w.umbrella_deal]);
    assert_eq!(ids(&e.touches), vec![w.gamma_touch]);
    assert_eq!(ids(&e.leads), vec![w.umbrella_lead]);
    assert!(e.overlaps.is_empty());
    // A touch on another account naming Umbrella's deal comes with it.
    let mut t = touch(w.beta, w.initech, "");
    t.opportunity_id = Some(w.umbrella_deal);
    let named = store.edit("Add", |tx| tx.insert(&t)).unwrap().value;
    let e = store.evidence_of_account(w.umbrella).unwrap();
    assert_eq!(ids(&e.touches), vec![w.gamma_touch, named]);
    assert_eq!(ids(&e.accounts), vec![w.umbrella, w.initech]);
    assert!(store.evidence_of_account(AccountId(99)).unwrap().is_empty());
}

#[test]
fn an_import_finds_records_by_crm_id_domain_and_name() {
    let mut store = Store::open_in_memory().unwrap();
    let w = world(&mut store);
    assert_eq!(
        store.account_by_crm_id("001Z").unwrap().unwrap().id,
        w.umbrella
    );
    assert_eq!(store.account_by_crm_id("001z").unwrap(), None);
    assert_eq!(
        store.lead_by_crm_id("00Q2").unwrap().unwrap().id,
        w.umbrella_lead
    );
    assert_eq!(
        store.opportunity_by_crm_id("006A").unwrap().unwrap().id,
        w.globex_deal
    );
    assert_eq!(
        store.touch_by_crm_id("00T1").unwrap().unwrap().id,
        w.beta_touch
    );
    assert_eq!(store.touch_by_crm_id("").unwrap(), None);
    let found = |v: Vec<Stored<Account>>| v.into_iter().map(|a| a.id).collect::<Vec<_>>();
    assert_eq!(
        found(store.accounts_by_domain("GLOBEX.com").unwrap()),
        vec![w.globex]
    );
    assert_eq!(found(store.accounts_by_domain("").unwrap()), vec![]);
    assert_eq!(
        found(store.accounts_by_name("  initech ").unwrap()),
        vec![w.initech]
    );
    assert_eq!(
        found(store.accounts_by_name("Initech Ltd").unwrap()),
        vec![]
    );
}

#[test]
fn evidence_record_refs_print_and_parse_like_the_others() {
    let r = RecordRef::Account(AccountId(12));
    assert_eq!(
        serde_json::to_string(&r).unwrap(),
        r#"{"kind":"account","id":12}"#
    );
    let t: RecordRef = serde_json::from_str(r#"{"kind":"touch","id":3}"#).unwrap();
    assert_eq!(t, RecordRef::Touch(TouchId(3)));
    assert_eq!((r.kind_label(), r.raw_id()), ("account", 12));
    assert_eq!(
        rows::ref_of("opportunities", 5),
        Some(RecordRef::Opportunity(OpportunityId(5)))
    );
    assert_eq!(
        rows::table_of(RecordRef::Overlap(OverlapId(7))),
        ("overlaps", 7)
    );
    assert_eq!(rows::table_of(RecordRef::Lead(LeadId(2))), ("leads", 2));
}

/// A database of schema 7 (before evidence) opens: migrations 8 and 9 add
/// the five tables with their indexes and the evidence's version, and the
/// data stays.
#[test]
fn a_schema_7_database_is_migrated_to_hold_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    {
        let mut conn = Connection::open(&path).unwrap();
        let tx = conn.transaction().unwrap();
        for sql in &schema::MIGRATIONS[..7] {
            tx.execute_batch(sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 7).unwrap();
        tx.execute(
            "INSERT INTO partners (name, partnership_type, tier) VALUES ('Acme', 'technology', 'gold')",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        (
            schema::version(&store.conn).unwrap(),
            schema::latest_version()
        ),
        (9, 9)
    );
    let acme = store.partner_ids().unwrap()[0];
    assert_eq!(store.evidence_counts().unwrap(), (0, 0, 0, 0));
    assert_eq!(store.evidence_version().unwrap(), 0);
    assert_eq!(store.evidence_present().unwrap(), (false, false));
    let indexes: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name IN \
             ('accounts', 'overlaps', 'leads', 'opportunities', 'touches') AND sql IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexes, 13);
    let a = store
        .edit("Add", |tx| {
            tx.insert(&account("001X", "Globex", "globex.com"))
        })
        .unwrap()
        .value;
    store
        .edit("Add", |tx| tx.insert(&overlap(acme, a)))
        .unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.evidence_of_partner(acme).unwrap().accounts.len(), 1);
}

/// Every insert, update and delete of an evidence record, in each of the
/// five tables, moves the evidence's version and the count of record
/// changes (so a screen on the file reads again, and summaries derived
/// before are stale); a change of another record moves only the latter.
#[test]
fn every_evidence_change_moves_the_evidence_version() {
    let mut store = Store::open_in_memory().unwrap();
    let w = world(&mut store);
    assert_eq!(store.evidence_present().unwrap(), (true, true));
    let mut version = store.evidence_version().unwrap();
    assert!(version >= 9, "nine evidence rows inserted: {version}");
    let mut records = super::summary::records_in(&store.conn).unwrap();
    let mut changed = |store: &mut Store, what: &str, evidence: bool| {
        let v = store.evidence_version().unwrap();
        let r = super::summary::records_in(&store.conn).unwrap();
        assert_eq!(v > version, evidence, "evidence version after {what}");
        assert!(r > records, "record changes after {what}");
        (version, records) = (v, r);
    };
    let edits: Vec<(&str, RecordRef)> = vec![
        ("touch", RecordRef::Touch(w.gamma_touch)),
        ("overlap", RecordRef::Overlap(w.acme_overlap)),
        ("lead", RecordRef::Lead(w.umbrella_lead)),
    ];
    for (what, r) in edits {
        store.edit(what, |tx| tx.delete(r)).unwrap();
        changed(&mut store, what, true);
    }
    let deal = store.get::<Opportunity>(w.umbrella_deal).unwrap().unwrap();
    let mut bigger = deal.value.clone();
    bigger.amount += rust_decimal::Decimal::ONE;
    store
        .edit("opportunity", |tx| {
            tx.update(w.umbrella_deal, &bigger).map(|_| ())
        })
        .unwrap();
    changed(&mut store, "an opportunity's update", true);
    let initech = store.get::<Account>(w.initech).unwrap().unwrap();
    let mut renamed = initech.value.clone();
    renamed.name = "Initech Ltd".into();
    store
        .edit("account", |tx| tx.update(w.initech, &renamed).map(|_| ()))
        .unwrap();
    changed(&mut store, "an account's update", true);
    store
        .edit("partner", |tx| tx.insert(&partner("Delta")).map(|_| ()))
        .unwrap();
    changed(&mut store, "a partner's insert", false);
}
