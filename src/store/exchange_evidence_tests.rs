//! Export and import of the pipeline evidence (docs/domain.md §15.1,
//! docs/export-format.md): the round trip, older documents without the
//! arrays, and a dangling reference refused with its path.

use super::*;
use crate::domain::evidence::*;
use crate::domain::results::LeadSource;
use crate::store::tests::{d, seeded};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// Acme with campaign `c`; account Globex (1) in Acme's overlap; a
/// partner-sourced lead of `c` on Globex; an opportunity on Globex
/// registered by Acme on `c`; Acme's touch on it. One edit each kind,
/// then the opportunity's amount changed (for undo after import).
fn store() -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let (p, c) = seeded(&mut s);
    s.edit("Evidence", |tx| {
        let a = tx.insert(&Account {
            crm_id: "001A".into(),
            name: "Globex".into(),
            domain: "globex.com".into(),
            owner: "Dana".into(),
        })?;
        tx.insert(&Overlap {
            partner_id: p,
            account_id: a,
            population: Population::Customer,
            snapshot_on: d("2026-01-15"),
            excluded: false,
        })?;
        tx.insert(&Lead {
            crm_id: "00Q1".into(),
            account_id: Some(a),
            account_ref: "globex.com".into(),
            campaign_id: Some(c),
            source: LeadSource::Partner,
            created_on: d("2026-02-01"),
            mql_on: Some(d("2026-02-10")),
        })?;
        let o = tx.insert(&opportunity(a, p, c, dec!(48000.50)))?;
        tx.insert(&Touch {
            partner_id: p,
            account_id: Some(a),
            opportunity_id: Some(o),
            on: d("2026-02-20"),
            kind: TouchKind::Referral,
            campaign_id: Some(c),
            crm_id: String::new(),
            note: "intro call".into(),
        })
    })
    .unwrap();
    s.edit("Amount", |tx| {
        tx.update(
            OpportunityId(1),
            &opportunity(AccountId(1), p, c, dec!(60000)),
        )
    })
    .unwrap();
    s
}

fn opportunity(a: AccountId, p: PartnerId, c: CampaignId, amount: Decimal) -> Opportunity {
    Opportunity {
        crm_id: "006X".into(),
        account_id: Some(a),
        account_ref: String::new(),
        name: "Globex renewal".into(),
        amount,
        stage: "Prospecting".into(),
        created_on: d("2026-03-01"),
        close_on: d("2026-06-30"),
        outcome: Outcome::Open,
        lead_source: "Partner".into(),
        registered_by: Some(p),
        campaign_id: Some(c),
    }
}

#[test]
fn evidence_round_trips_with_its_history_and_undo_works_after() {
    let s = store();
    let doc = export(&s).unwrap();
    assert_eq!(
        (
            doc.accounts.len(),
            doc.overlaps.len(),
            doc.leads.len(),
            doc.opportunities.len(),
            doc.touches.len()
        ),
        (1, 1, 1, 1, 1)
    );
    let text = to_json(&doc);
    assert!(text.contains("\"amount\": \"60000\""), "{text}");
    // Every evidence object is exactly `id` plus the table's columns.
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    for table in ["accounts", "overlaps", "leads", "opportunities", "touches"] {
        let columns = check::columns_of(table).unwrap();
        let mut expected: Vec<&str> = std::iter::once("id")
            .chain(columns.iter().copied())
            .collect();
        expected.sort();
        let mut keys: Vec<&str> = v[table][0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        assert_eq!(keys, expected, "{table}");
    }
    assert_eq!(v["touches"][0]["on"], serde_json::json!("2026-02-20"));
    assert_eq!(
        v["overlaps"][0]["population"],
        serde_json::json!("customer")
    );
    let back = parse(&text).unwrap();
    assert_eq!(back, doc);
    let mut target = Store::open_in_memory().unwrap();
    let summary = import(&mut target, &back, ImportMode::Restore).unwrap();
    assert_eq!(
        (summary.accounts, summary.overlaps, summary.leads),
        (1, 1, 1)
    );
    assert_eq!((summary.opportunities, summary.touches), (1, 1));
    assert_eq!(export(&target).unwrap(), doc, "same records and history");
    target.undo().unwrap().unwrap();
    let o: Vec<Stored<Opportunity>> = target.load_all().unwrap();
    assert_eq!(o[0].amount, dec!(48000.50), "undo reverts the amount");
}

#[test]
fn an_older_document_without_the_evidence_arrays_imports() {
    // A whole export of a database without evidence, as jmo wrote it
    // before the arrays existed: the same text without the five keys.
    let mut s = Store::open_in_memory().unwrap();
    seeded(&mut s);
    let mut json: serde_json::Value = serde_json::from_str(&to_json(&export(&s).unwrap())).unwrap();
    let object = json.as_object_mut().unwrap();
    for key in ["accounts", "overlaps", "leads", "opportunities", "touches"] {
        // Empty arrays are not written, so the text is the older shape.
        assert!(object.remove(key).is_none(), "{key}");
    }
    let doc = parse(&json.to_string()).unwrap();
    assert!(doc.accounts.is_empty() && doc.touches.is_empty());
    let mut target = Store::open_in_memory().unwrap();
    let summary = import(&mut target, &doc, ImportMode::Restore).unwrap();
    assert_eq!(
        (summary.partners, summary.campaigns, summary.accounts),
        (1, 1, 0)
    );
}

#[test]
fn a_lead_naming_a_missing_account_is_refused_with_its_path() {
    let mut doc = export(&store()).unwrap();
    doc.leads[0].value.account_id = Some(AccountId(9));
    let mut target = Store::open_in_memory().unwrap();
    let err = import(&mut target, &doc, ImportMode::Restore).unwrap_err();
    assert_eq!(err.path, "leads[0].account_id");
    assert_eq!(err.message, "there is no account with id 9 in the document");
    let mut doc = export(&store()).unwrap();
    doc.touches[0].value.opportunity_id = Some(OpportunityId(4));
    let err = import(&mut target, &doc, ImportMode::Restore).unwrap_err();
    assert_eq!(err.path, "touches[0].opportunity_id");
}

#[test]
fn without_consent_the_overlap_and_partner_sourced_lead_are_withheld_and_redacted() {
    use crate::domain::consent::{self, Redaction};
    use crate::store::redact::{evidence_withheld, program_of, redact};
    let mut doc = export(&store()).unwrap();
    // Acme has no consent: its overlap row and its partner-sourced lead.
    let withheld = evidence_withheld(&doc);
    let records: Vec<RecordRef> = withheld.iter().map(|w| w.record).collect();
    assert_eq!(
        records,
        vec![RecordRef::Overlap(OverlapId(1)), RecordRef::Lead(LeadId(1))]
    );
    assert_eq!(
        withheld[0].reason(),
        "account overlap 'Globex' uses Acme's customer data and their consent is not recorded"
    );
    let program = program_of(&doc);
    redact(&mut doc, &Redaction::new(&program, withheld));
    assert!(doc.overlaps.is_empty() && doc.leads.is_empty());
    assert_eq!(
        (
            doc.accounts.len(),
            doc.opportunities.len(),
            doc.touches.len()
        ),
        (1, 1, 1),
        "our CRM's records stay"
    );
    let entities: Vec<&str> = doc
        .history
        .changes
        .iter()
        .map(|c| c.entity.as_str())
        .collect();
    assert!(!entities.contains(&"overlaps") && !entities.contains(&"leads"));
    assert!(entities.contains(&"touches"));
    let note = doc.redacted.clone().unwrap();
    assert_eq!(note.left_out[0], "account overlap 1 of Acme");
    assert_eq!(note.left_out[1], "lead 1 of Acme");
    let mut target = Store::open_in_memory().unwrap();
    import(
        &mut target,
        &parse(&to_json(&doc)).unwrap(),
        ImportMode::Restore,
    )
    .unwrap();
    // With consent recorded nothing is withheld.
    let mut doc = export(&store()).unwrap();
    doc.partners[0].value.data_consent_on = Some(d("2026-01-01"));
    assert!(evidence_withheld(&doc).is_empty());
    assert!(consent::withheld(&program_of(&doc)).is_empty());
}
