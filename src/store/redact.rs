//! A redacted export (docs/domain.md §6.7 G5, issue 10 item 2): the [`Document`]
//! without the records a [`Redaction`] leaves out, and without the history
//! that holds their values.
//!
//! Which records are left out is decided in one place, the domain's
//! [`crate::domain::consent`]; this file only applies that to the
//! document's tables (generically, by record reference) and its history:
//! - every change about a record that is not in the redacted document
//!   goes (the left-out records, and records deleted earlier: their rows
//!   are in the history only, and may be the left-out records' children);
//! - a change set left with none of its changes goes, and so does an undo
//!   or redo of a change set that went;
//! - a kept change set whose label names a withheld record says
//!   [`LABEL_LEFT_OUT`] instead.
//!
//! The result imports like any export: every reference points at a record
//! in the document, and undo in the imported database reverts the kept
//! part of each edit.

use super::exchange::Document;
use super::rows::{Row, ref_of};
use crate::domain::consent::{Note, Redaction, Withheld};
use crate::domain::ids::{RecordRef, Stored};
use crate::domain::program::Program;
use std::collections::{BTreeSet, HashMap, HashSet};

/// The label of a kept change set whose label named a withheld record.
pub const LABEL_LEFT_OUT: &str = "(label left out: it named a record left out of this export)";

/// [`Note::left_out`]'s last line in a redacted export.
pub const HISTORY_LEFT_OUT: &str =
    "the change history of these records and of records deleted earlier";

/// The document's records as a [`Program`] (the history is not part of
/// it), for the domain's consent rules.
pub fn program_of(doc: &Document) -> Program {
    fn table<T: crate::domain::ids::Record, C: FromIterator<Stored<T>>>(rows: &[Stored<T>]) -> C {
        rows.iter().cloned().collect()
    }
    Program {
        partners: table(&doc.partners),
        campaigns: table(&doc.campaigns),
        milestones: table(&doc.milestones),
        responsibilities: table(&doc.responsibilities),
        assets: table(&doc.assets),
        funds: table(&doc.funds),
        requests: table(&doc.mdf_requests),
        claims: table(&doc.claims),
        results: table(&doc.results),
        expenses: table(&doc.expenses),
        contacts: table(&doc.contacts),
        meetings: table(&doc.meetings),
        plans: table(&doc.plans),
        plan_entries: table(&doc.plan_entries),
        currency: crate::domain::Currency::from_code(&doc.currency).unwrap_or_default(),
    }
}

/// The pipeline evidence of `doc` that carries a partner's customer data
/// while that partner's consent is not recorded (docs/domain.md §6.7 G5,
/// §15.1): the partner's overlap rows (its account list, named by the
/// account's name) and the leads of its promotion (source `partner`, on
/// one of its campaigns, named by their CRM id), by partner id, overlaps
/// before leads. Accounts, opportunities and touches are our CRM's records
/// and are never withheld. Add these to [`crate::domain::consent::withheld`]
/// of [`program_of`] (which holds no evidence) before refusing or
/// redacting an export.
pub fn evidence_withheld(doc: &Document) -> Vec<Withheld> {
    use crate::domain::results::LeadSource;
    let account = |id| {
        doc.accounts
            .iter()
            .find(|a| a.id == id)
            .map_or_else(String::new, |a| a.name.clone())
    };
    let mut out = Vec::new();
    for p in doc.partners.iter().filter(|p| p.data_consent_on.is_none()) {
        let withheld = |record, name| Withheld {
            record,
            name,
            partner: p.id,
            partner_name: p.name.clone(),
            stop: "remove the partner's overlap rows and partner-sourced leads",
        };
        for o in doc.overlaps.iter().filter(|o| o.partner_id == p.id) {
            out.push(withheld(RecordRef::Overlap(o.id), account(o.account_id)));
        }
        let campaigns: HashSet<_> = doc
            .campaigns
            .iter()
            .filter(|c| c.partner_id == p.id)
            .map(|c| c.id)
            .collect();
        for l in doc.leads.iter().filter(|l| {
            l.source == LeadSource::Partner && l.campaign_id.is_some_and(|c| campaigns.contains(&c))
        }) {
            out.push(withheld(RecordRef::Lead(l.id), l.crm_id.clone()));
        }
    }
    out
}

/// Leaves out of `doc` the records `redaction` leaves out and the history
/// described in the module docs, and sets `doc.redacted` to what was left
/// out and why. Nothing changes for an empty redaction.
pub fn redact(doc: &mut Document, redaction: &Redaction) {
    if redaction.is_empty() {
        return;
    }
    let out = &redaction.left_out;
    retain(&mut doc.partners, out);
    retain(&mut doc.campaigns, out);
    retain(&mut doc.milestones, out);
    retain(&mut doc.responsibilities, out);
    retain(&mut doc.assets, out);
    retain(&mut doc.funds, out);
    retain(&mut doc.mdf_requests, out);
    retain(&mut doc.claims, out);
    retain(&mut doc.results, out);
    retain(&mut doc.expenses, out);
    retain(&mut doc.contacts, out);
    retain(&mut doc.meetings, out);
    retain(&mut doc.plans, out);
    retain(&mut doc.plan_entries, out);
    retain(&mut doc.accounts, out);
    retain(&mut doc.overlaps, out);
    retain(&mut doc.leads, out);
    retain(&mut doc.opportunities, out);
    retain(&mut doc.touches, out);
    let names: Vec<String> = redaction
        .withheld
        .iter()
        .map(|w| w.name.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    redact_history(doc, &names);
    let mut note: Note = redaction.note();
    note.left_out.push(HISTORY_LEFT_OUT.to_owned());
    doc.redacted = Some(note);
}

/// Keeps the rows that are not left out.
fn retain<T: Row>(rows: &mut Vec<Stored<T>>, out: &BTreeSet<RecordRef>) {
    rows.retain(|r| ref_of(T::TABLE, T::id_raw(r.id)).is_none_or(|x| !out.contains(&x)));
}

/// `(table, id)` of every record in the document.
fn present(doc: &Document) -> HashSet<(&'static str, i64)> {
    fn add<T: Row>(set: &mut HashSet<(&'static str, i64)>, rows: &[Stored<T>]) {
        set.extend(rows.iter().map(|r| (T::TABLE, T::id_raw(r.id))));
    }
    let mut s = HashSet::new();
    add(&mut s, &doc.partners);
    add(&mut s, &doc.campaigns);
    add(&mut s, &doc.milestones);
    add(&mut s, &doc.responsibilities);
    add(&mut s, &doc.assets);
    add(&mut s, &doc.funds);
    add(&mut s, &doc.mdf_requests);
    add(&mut s, &doc.claims);
    add(&mut s, &doc.results);
    add(&mut s, &doc.expenses);
    add(&mut s, &doc.contacts);
    add(&mut s, &doc.meetings);
    add(&mut s, &doc.plans);
    add(&mut s, &doc.plan_entries);
    add(&mut s, &doc.accounts);
    add(&mut s, &doc.overlaps);
    add(&mut s, &doc.leads);
    add(&mut s, &doc.opportunities);
    add(&mut s, &doc.touches);
    s
}

/// The history part of [`redact`]; `names` are the withheld records'
/// names, lowercased.
fn redact_history(doc: &mut Document, names: &[String]) {
    let present = present(doc);
    let history = &mut doc.history;
    let mut before: HashMap<i64, usize> = HashMap::new();
    for c in &history.changes {
        *before.entry(c.set_id).or_default() += 1;
    }
    history.changes.retain(|c| {
        TABLE_NAMES
            .iter()
            .find(|t| **t == c.entity)
            .is_some_and(|t| present.contains(&(*t, c.record_id)))
    });
    let mut after: HashMap<i64, usize> = HashMap::new();
    for c in &history.changes {
        *after.entry(c.set_id).or_default() += 1;
    }
    let mut dropped: HashSet<i64> = HashSet::new();
    history.change_sets.retain(|s| {
        let emptied = before.get(&s.id).copied().unwrap_or(0) > 0 && !after.contains_key(&s.id);
        let orphan = s.target.is_some_and(|t| dropped.contains(&t));
        if emptied || orphan {
            dropped.insert(s.id);
            false
        } else {
            true
        }
    });
    history.changes.retain(|c| !dropped.contains(&c.set_id));
    for s in &mut history.change_sets {
        let label = s.label.to_lowercase();
        if names.iter().any(|n| label.contains(n.as_str())) {
            s.label = LABEL_LEFT_OUT.to_owned();
        }
    }
}

/// The record tables, as `'static` names (the history's `entity` column).
const TABLE_NAMES: &[&str] = super::rows::TABLES;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::{Campaign, CampaignStatus, CampaignType};
    use crate::domain::consent;
    use crate::domain::ids::{CampaignId, PartnerId};
    use crate::domain::milestone::standard_milestones;
    use crate::domain::partner::Partner;
    use crate::store::Store;
    use crate::store::exchange::{ImportMode, export, import, parse, to_json};
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn campaign(partner_id: PartnerId, name: &str, uses: bool) -> Campaign {
        Campaign {
            partner_id,
            name: name.into(),
            campaign_type: CampaignType::Webinar,
            playbook: None,
            status: CampaignStatus::Planned,
            audience: String::new(),
            start: d("2026-03-02"),
            launch: d("2026-04-13"),
            end: d("2026-04-20"),
            budget: dec!(5000),
            internal_cost: dec!(0),
            lead_target: None,
            crm_id: None,
            attribution_agreed: true,
            uses_partner_data: uses,
        }
    }

    /// A partner without consent, a campaign using its data ("Secret
    /// list") and one not ("Open"); a mixed edit naming the first; a
    /// milestone of "Open" added then deleted; an asset of "Secret list"
    /// added then undone.
    fn store() -> (Store, CampaignId, CampaignId) {
        let mut s = Store::open_in_memory().unwrap();
        let (secret, open) = s
            .edit("Add campaigns 'Secret list' and 'Open'", |tx| {
                let p = tx.insert(&Partner {
                    name: "Beta".into(),
                    ..Partner::default()
                })?;
                let secret = tx.insert(&campaign(p, "Secret list", true))?;
                for m in
                    standard_milestones(secret, d("2026-03-02"), d("2026-04-13"), d("2026-04-20"))
                {
                    tx.insert(&m)?;
                }
                let open = tx.insert(&campaign(p, "Open", false))?;
                Ok((secret, open))
            })
            .unwrap()
            .value;
        s.edit("Budgets of 'Secret list' and 'Open'", |tx| {
            let mut a = campaign(PartnerId(1), "Secret list", true);
            a.budget = dec!(6000);
            tx.update(secret, &a)?;
            let mut b = campaign(PartnerId(1), "Open", false);
            b.budget = dec!(7000);
            tx.update(open, &b)
        })
        .unwrap();
        let m = s
            .edit("Add milestone", |tx| {
                let mut m =
                    standard_milestones(open, d("2026-03-02"), d("2026-04-13"), d("2026-04-20"))
                        .remove(0);
                m.name = "Extra".into();
                tx.insert(&m)
            })
            .unwrap()
            .value;
        s.edit("Delete milestone", |tx| {
            tx.delete(crate::domain::ids::RecordRef::Milestone(m))
        })
        .unwrap();
        s.edit("Add asset", |tx| {
            tx.insert(&crate::domain::Asset {
                campaign_id: secret,
                name: "List upload".into(),
                kind: "audience".into(),
                co_branded: false,
                approved_on: None,
                location: String::new(),
            })
        })
        .unwrap();
        s.undo().unwrap().unwrap();
        (s, secret, open)
    }

    #[test]
    fn a_redacted_document_keeps_the_rest_with_its_history_and_restores() {
        let (s, secret, open) = store();
        let mut doc = export(&s).unwrap();
        let program = program_of(&doc);
        let withheld = consent::withheld(&program);
        assert_eq!(withheld.len(), 1);
        redact(&mut doc, &Redaction::new(&program, withheld));
        let ids: Vec<CampaignId> = doc.campaigns.iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![open]);
        assert!(doc.milestones.iter().all(|m| m.campaign_id == open));
        let entity = |e: &str, id: i64| {
            doc.history
                .changes
                .iter()
                .any(|c| c.entity == e && c.record_id == id)
        };
        assert!(!entity("campaigns", secret.0), "its history is gone");
        assert!(entity("campaigns", open.0), "the other's stays");
        let labels: Vec<&str> = doc
            .history
            .change_sets
            .iter()
            .map(|s| s.label.as_str())
            .collect();
        // The deleted milestone's edits and the undone asset's edit and
        // undo touched only records not in the document: gone. The mixed
        // edits stay, without the name.
        assert_eq!(labels, vec![LABEL_LEFT_OUT, LABEL_LEFT_OUT]);
        let text = to_json(&doc);
        assert!(!text.contains("Secret list"), "{text}");
        assert!(text.contains("\"redacted\""));
        // It imports, as a backup, and undo reverts the kept part of the
        // last edit (Open's budget back to 5000).
        let back = parse(&text).unwrap();
        let mut target = Store::open_in_memory().unwrap();
        import(&mut target, &back, ImportMode::Restore).unwrap();
        target.undo().unwrap().unwrap();
        let p = target.load_program().unwrap();
        assert_eq!(p.campaigns.get(open).unwrap().budget, dec!(5000));
        assert!(p.campaigns.get(secret).is_none());
    }

    #[test]
    fn nothing_withheld_leaves_the_document_as_it_was() {
        let (s, _, _) = store();
        let mut doc = export(&s).unwrap();
        let mut partner = doc.partners[0].clone();
        partner.data_consent_on = Some(d("2026-01-01"));
        doc.partners[0] = partner;
        let before = doc.clone();
        let program = program_of(&doc);
        redact(
            &mut doc,
            &Redaction::new(&program, consent::withheld(&program)),
        );
        assert_eq!(doc, before);
    }
}
