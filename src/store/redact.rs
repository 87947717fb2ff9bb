//! A redacted export (SPEC §6 G5, issue 10 item 2): the [`Document`]
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
use crate::domain::consent::{Note, Redaction};
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
    }
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
