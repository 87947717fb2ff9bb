//! Whole-database JSON export and import (issue item 9).
//!
//! `jmo export --json` writes the whole database as one [`Document`];
//! `jmo import FILE.json` reads one back into an **empty** database. The
//! format is documented for users in `docs/export-format.md`; in short:
//!
//! ```json
//! { "format": "jmo", "version": 1, "currency": "USD",
//!   "partners": [{ "id": 1, "name": "Acme", ... }], "campaigns": [...],
//!   "milestones": [...], "responsibilities": [...], "assets": [...],
//!   "funds": [...], "mdf_requests": [...], "claims": [...], "results": [...],
//!   "history": { "change_sets": [...], "changes": [...] } }
//! ```
//!
//! - Each record is an object `{ "id": N, ...fields }` with exactly the
//!   domain struct's field names (= the table's columns). Money is a JSON
//!   **string** holding the exact decimal ("5000.50"); dates are
//!   "YYYY-MM-DD"; enums are their keys ("virtual_event"); an empty optional
//!   field is `null`. Unknown fields are refused.
//! - The history keeps every column of the `change_sets` and `changes`
//!   tables but `change_sets.session` (which running jmo made a set: it
//!   matters only while that jmo runs); old / new values keep their SQLite
//!   storage class (see [`HistoryChange`]).
//!
//! Import is all or nothing: [`parse`] refuses malformed input with the path
//! of the bad field, [`import`] checks every record, id and reference
//! *before* writing, then writes everything in one SQLite transaction.

use super::{Store, StoreError, Tx};
use crate::domain::evidence::{Account, Lead, Opportunity, Overlap, Touch};
use crate::domain::*;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The value of a document's `"format"` field.
pub const FORMAT: &str = "jmo";

/// The format version this build writes and reads.
pub const VERSION: u32 = 5;

/// The whole database as one JSON document (format version [`VERSION`]).
///
/// Serializes to, and deserializes from, the layout in the module docs and
/// `docs/export-format.md`. Deserializing alone checks shapes only; use
/// [`parse`] to also check the header, and [`import`] to check the records.
/// Record tables and `history` may be omitted when empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Always [`FORMAT`] (`"jmo"`).
    pub format: String,
    /// [`VERSION`] (5) on export; 1 (before MDF expenses), 2 (before
    /// partner agreements), 3 (before results targets and lead sources)
    /// and 4 (before partner profiles, contacts, meetings and joint
    /// marketing plans) are read too.
    pub version: u32,
    /// The database's currency, an ISO 4217 code such as "USD"; every amount
    /// in the document is in it (docs/domain.md §1.2: one currency per database).
    pub currency: String,
    /// A redacted export (`jmo export --json --redact`, docs/domain.md §6.7 G5): what
    /// was left out and why; absent from a whole export. Read and ignored
    /// by import (the document holds what it holds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redacted: Option<crate::domain::consent::Note>,
    /// Partners (docs/domain.md §10), by id.
    #[serde(default, with = "records")]
    pub partners: Vec<Stored<Partner>>,
    /// Campaigns (docs/domain.md §2–§4, §7), by id.
    #[serde(default, with = "records")]
    pub campaigns: Vec<Stored<Campaign>>,
    /// Milestones (docs/domain.md §4), by id.
    #[serde(default, with = "records")]
    pub milestones: Vec<Stored<Milestone>>,
    /// Checklist items (docs/domain.md §5), by id.
    #[serde(default, with = "records")]
    pub responsibilities: Vec<Stored<Responsibility>>,
    /// Campaign assets (docs/domain.md §6.2 G1), by id.
    #[serde(default, with = "records")]
    pub assets: Vec<Stored<Asset>>,
    /// MDF funds (docs/domain.md §11), by id.
    #[serde(default, with = "records")]
    pub funds: Vec<Stored<Fund>>,
    /// MDF requests (docs/domain.md §11), by id.
    #[serde(default, with = "records")]
    pub mdf_requests: Vec<Stored<MdfRequest>>,
    /// MDF claims (docs/domain.md §11), by id.
    #[serde(default, with = "records")]
    pub claims: Vec<Stored<Claim>>,
    /// Campaign results (docs/domain.md §8), by id; at most one per campaign.
    #[serde(default, with = "records")]
    pub results: Vec<Stored<CampaignResults>>,
    /// MDF expenses (docs/domain.md §11), by id (version 2).
    #[serde(default, with = "records")]
    pub expenses: Vec<Stored<Expense>>,
    /// Partner marketing contacts (docs/domain.md §10), by id (version 5).
    #[serde(default, with = "records")]
    pub contacts: Vec<Stored<Contact>>,
    /// Check-ins and QBRs (docs/domain.md §10), by id (version 5).
    #[serde(default, with = "records")]
    pub meetings: Vec<Stored<Meeting>>,
    /// Joint marketing plans (docs/domain.md §10), by id (version 5).
    #[serde(default, with = "records")]
    pub plans: Vec<Stored<JointPlan>>,
    /// The campaigns of each joint marketing plan, by id (version 5).
    #[serde(default, with = "records")]
    pub plan_entries: Vec<Stored<PlanEntry>>,
    /// CRM accounts (docs/domain.md §15.1), by id (pipeline evidence).
    #[serde(default, with = "records", skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<Stored<Account>>,
    /// Partners' account-overlap rows (docs/domain.md §15.1), by id; a
    /// partner's customer data (§6.7 G5).
    #[serde(default, with = "records", skip_serializing_if = "Vec::is_empty")]
    pub overlaps: Vec<Stored<Overlap>>,
    /// CRM leads (docs/domain.md §15.1), by id; partner-sourced ones on a
    /// partner's campaign are that partner's customer data (§6.7 G5).
    #[serde(default, with = "records", skip_serializing_if = "Vec::is_empty")]
    pub leads: Vec<Stored<Lead>>,
    /// CRM opportunities (docs/domain.md §15.1), by id.
    #[serde(default, with = "records", skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<Stored<Opportunity>>,
    /// Partners' touches (docs/domain.md §15.1), by id.
    #[serde(default, with = "records", skip_serializing_if = "Vec::is_empty")]
    pub touches: Vec<Stored<Touch>>,
    /// The change history (docs/domain.md §11: "every change of every field is kept").
    #[serde(default)]
    pub history: History,
}

impl Document {
    /// The number of records in the document (every record table, no history).
    pub fn record_count(&self) -> usize {
        self.partners.len()
            + self.campaigns.len()
            + self.milestones.len()
            + self.responsibilities.len()
            + self.assets.len()
            + self.funds.len()
            + self.mdf_requests.len()
            + self.claims.len()
            + self.results.len()
            + self.expenses.len()
            + self.contacts.len()
            + self.meetings.len()
            + self.plans.len()
            + self.plan_entries.len()
            + self.accounts.len()
            + self.overlaps.len()
            + self.leads.len()
            + self.opportunities.len()
            + self.touches.len()
    }
}

/// The change history: every row of the `change_sets` and `changes` tables,
/// in id order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct History {
    /// One entry per edit, undo or redo.
    #[serde(default)]
    pub change_sets: Vec<HistorySet>,
    /// One entry per inserted, updated or deleted record (field).
    #[serde(default)]
    pub changes: Vec<HistoryChange>,
}

/// One row of `change_sets` (the same type the store's history reads).
pub use super::history::ChangeSetInfo as HistorySet;

/// One row of `changes`: one inserted, updated or deleted record (field).
///
/// `old` and `new` keep the SQLite value exactly: `null`, a JSON integer,
/// a JSON string, `{"real": "1.5"}` (a float, as its shortest exact
/// decimal) or `{"blob": "00ff"}` (bytes, lowercase hex). The app itself
/// only writes null, integers and text; for an insert `new` (for a delete
/// `old`) is the whole row as a JSON object *in a string*.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryChange {
    /// Its id (ascending, from 1).
    pub id: i64,
    /// The change set it belongs to.
    pub set_id: i64,
    /// When, UTC, as in [`HistorySet::at`].
    pub at: String,
    /// The table, e.g. "campaigns".
    pub entity: String,
    /// The record's id in that table.
    pub record_id: i64,
    /// "insert", "update" or "delete".
    pub op: String,
    /// The column, for an update; `null` otherwise.
    pub field: Option<String>,
    /// The value before (the whole row as JSON text for a delete).
    #[serde(with = "cell")]
    pub old: Value,
    /// The value after (the whole row as JSON text for an insert).
    #[serde(with = "cell")]
    pub new: Value,
}

/// Why a document was refused: where, and what is wrong. Nothing was
/// written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}{}", .path, if .path.is_empty() { "" } else { ": " }, .message)]
pub struct ImportError {
    /// The path of the bad field in the document, e.g.
    /// `campaigns[3].budget`; empty when the error is not about one place
    /// (the database is not empty, the text is not JSON at all, SQLite
    /// failed). Display is `"{path}: {message}"`, or just the message when
    /// the path is empty.
    pub path: String,
    /// What is wrong, e.g. "'abc' is not an amount".
    pub message: String,
}

impl ImportError {
    fn at(path: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::at("", e.to_string())
    }
}

/// How [`import`] treats the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportMode {
    /// Restore a backup: the records with their ids and the document's
    /// history verbatim, so `export` afterwards gives the same document and
    /// undo / redo carry on where the exported database left off.
    Restore,
    /// Record the import as one new edit labelled `label` (the document's
    /// history is ignored), so one undo removes the whole import.
    Record {
        /// The change-set label, e.g. "Import acme-q3.json".
        label: String,
    },
}

/// What [`import`] wrote: rows per table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// Partners.
    pub partners: usize,
    /// Campaigns.
    pub campaigns: usize,
    /// Milestones.
    pub milestones: usize,
    /// Checklist items.
    pub responsibilities: usize,
    /// Assets.
    pub assets: usize,
    /// MDF funds.
    pub funds: usize,
    /// MDF requests.
    pub mdf_requests: usize,
    /// MDF claims.
    pub claims: usize,
    /// Results records.
    pub results: usize,
    /// MDF expenses.
    pub expenses: usize,
    /// Partner contacts.
    pub contacts: usize,
    /// Meetings.
    pub meetings: usize,
    /// Joint marketing plans.
    pub plans: usize,
    /// Campaigns in joint marketing plans.
    pub plan_entries: usize,
    /// CRM accounts.
    pub accounts: usize,
    /// Account-overlap rows.
    pub overlaps: usize,
    /// CRM leads.
    pub leads: usize,
    /// CRM opportunities.
    pub opportunities: usize,
    /// Partners' touches.
    pub touches: usize,
    /// History change sets written (the document's in restore mode; 1, or
    /// 0 for an empty document, in record mode).
    pub change_sets: usize,
    /// History changes written.
    pub changes: usize,
}

impl ImportSummary {
    /// The number of records written (every record table, no history).
    pub fn records(&self) -> usize {
        self.partners
            + self.campaigns
            + self.milestones
            + self.responsibilities
            + self.assets
            + self.funds
            + self.mdf_requests
            + self.claims
            + self.results
            + self.expenses
            + self.contacts
            + self.meetings
            + self.plans
            + self.plan_entries
            + self.accounts
            + self.overlaps
            + self.leads
            + self.opportunities
            + self.touches
    }
}

impl fmt::Display for ImportSummary {
    /// `"3 partners, 5 campaigns, …, 2 claims, 1 results; history: 12 change
    /// sets, 140 changes"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let records = [
            (self.partners, "partner"),
            (self.campaigns, "campaign"),
            (self.milestones, "milestone"),
            (self.responsibilities, "checklist item"),
            (self.assets, "asset"),
            (self.funds, "fund"),
            (self.mdf_requests, "MDF request"),
            (self.claims, "claim"),
            (self.results, "results"),
            (self.expenses, "expense"),
            (self.contacts, "contact"),
            (self.meetings, "meeting"),
            (self.plans, "joint marketing plan"),
            (self.plan_entries, "plan campaign"),
            (self.accounts, "account"),
            (self.overlaps, "overlap row"),
            (self.leads, "lead"),
            (self.opportunities, "opportunity"),
            (self.touches, "touch"),
        ];
        let records: Vec<String> = records
            .iter()
            .map(|(n, w)| words::count_of(*n, w))
            .collect();
        write!(
            f,
            "{}; history: {}, {}",
            records.join(", "),
            words::count_of(self.change_sets, "change set"),
            words::count_of(self.changes, "change")
        )
    }
}

// ---------------------------------------------------------------------------
// Export

/// Reads the whole database (records by id, then the history by id) into a
/// [`Document`].
///
/// Errors: SQLite errors; [`StoreError::Corrupt`] for a stored value that
/// cannot be read (a file edited by hand).
pub fn export(store: &Store) -> Result<Document, StoreError> {
    let conn = store.conn();
    Ok(Document {
        format: FORMAT.to_owned(),
        version: VERSION,
        currency: currency(conn)?,
        redacted: None,
        partners: store.load_all()?,
        campaigns: store.load_all()?,
        milestones: store.load_all()?,
        responsibilities: store.load_all()?,
        assets: store.load_all()?,
        funds: store.load_all()?,
        mdf_requests: store.load_all()?,
        claims: store.load_all()?,
        results: store.load_all()?,
        expenses: store.load_all()?,
        contacts: store.load_all()?,
        meetings: store.load_all()?,
        plans: store.load_all()?,
        plan_entries: store.load_all()?,
        accounts: store.load_all()?,
        overlaps: store.load_all()?,
        leads: store.load_all()?,
        opportunities: store.load_all()?,
        touches: store.load_all()?,
        history: read_history(conn)?,
    })
}

/// The document as pretty-printed JSON (two-space indent, fields in the
/// documented order, records as given — by id from [`export`]), ending in a
/// newline. Equal documents give equal text.
pub fn to_json(doc: &Document) -> String {
    // Serializing these types cannot fail (no maps with non-string keys, no
    // custom errors); the fallback only keeps this function total.
    match serde_json::to_string_pretty(doc) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}

fn currency(conn: &Connection) -> Result<String, StoreError> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = 'currency'", [], |r| {
            r.get(0)
        })
        .optional()?
        .unwrap_or_else(|| "USD".to_owned()))
}

fn read_history(conn: &Connection) -> Result<History, StoreError> {
    let mut stmt =
        conn.prepare("SELECT id, at, actor, label, kind, target FROM change_sets ORDER BY id")?;
    let change_sets = stmt
        .query_map([], |r| {
            Ok(HistorySet {
                id: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                label: r.get(3)?,
                kind: r.get(4)?,
                target: r.get(5)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT id, set_id, at, entity, record_id, op, field, old, new FROM changes ORDER BY id",
    )?;
    let changes = stmt
        .query_map([], |r| {
            Ok(HistoryChange {
                id: r.get(0)?,
                set_id: r.get(1)?,
                at: r.get(2)?,
                entity: r.get(3)?,
                record_id: r.get(4)?,
                op: r.get(5)?,
                field: r.get(6)?,
                old: r.get(7)?,
                new: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(History {
        change_sets,
        changes,
    })
}

// ---------------------------------------------------------------------------
// Import

/// Imports `doc` into `store`, which must be empty (no records, no history).
///
/// Checks everything before writing: the header; each record's
/// `validate()` (a field error becomes e.g. `campaigns[2].launch`); ids
/// (whole numbers from 1, unique per table); every reference (a campaign's
/// partner, a milestone's campaign, a request's fund, a claim's request, …)
/// exists in the document; at most one results record per campaign; in
/// [`ImportMode::Restore`] also the history's shape (ids ascending, known
/// kinds / ops / tables / columns, targets and sets that exist). Then
/// writes everything in one SQLite transaction and sets the database's
/// currency to the document's.
///
/// Errors: [`ImportError`] with the path of the first problem, or an empty
/// path and "the database already holds data; import needs an empty
/// database"; SQLite failures (empty path). On any error nothing is
/// written.
pub fn import(
    store: &mut Store,
    doc: &Document,
    mode: ImportMode,
) -> Result<ImportSummary, ImportError> {
    check_header(doc)?;
    if !is_blank(store.conn())? {
        return Err(ImportError::at(
            "",
            "the database already holds data; import needs an empty database",
        ));
    }
    check_records(doc)?;
    let mut summary = ImportSummary {
        partners: doc.partners.len(),
        campaigns: doc.campaigns.len(),
        milestones: doc.milestones.len(),
        responsibilities: doc.responsibilities.len(),
        assets: doc.assets.len(),
        funds: doc.funds.len(),
        mdf_requests: doc.mdf_requests.len(),
        claims: doc.claims.len(),
        results: doc.results.len(),
        expenses: doc.expenses.len(),
        contacts: doc.contacts.len(),
        meetings: doc.meetings.len(),
        plans: doc.plans.len(),
        plan_entries: doc.plan_entries.len(),
        accounts: doc.accounts.len(),
        overlaps: doc.overlaps.len(),
        leads: doc.leads.len(),
        opportunities: doc.opportunities.len(),
        touches: doc.touches.len(),
        change_sets: 0,
        changes: 0,
    };
    match mode {
        ImportMode::Restore => {
            check_history(&doc.history)?;
            restore(store, doc)?;
            summary.change_sets = doc.history.change_sets.len();
            summary.changes = doc.history.changes.len();
        }
        ImportMode::Record { label } => {
            if doc.record_count() == 0 {
                // Nothing to record: an empty edit would be dropped.
                set_currency(store.conn(), &doc.currency)?;
            } else {
                store.edit(&label, |t| {
                    set_currency(&t.tx, &doc.currency)?;
                    insert_all(t, &doc.partners)?;
                    insert_all(t, &doc.campaigns)?;
                    insert_all(t, &doc.milestones)?;
                    insert_all(t, &doc.responsibilities)?;
                    insert_all(t, &doc.assets)?;
                    insert_all(t, &doc.funds)?;
                    insert_all(t, &doc.mdf_requests)?;
                    insert_all(t, &doc.claims)?;
                    insert_all(t, &doc.results)?;
                    insert_all(t, &doc.expenses)?;
                    insert_all(t, &doc.contacts)?;
                    insert_all(t, &doc.meetings)?;
                    insert_all(t, &doc.plans)?;
                    insert_all(t, &doc.plan_entries)?;
                    evidence::insert(t, doc)
                })?;
                summary.change_sets = 1;
                summary.changes = doc.record_count();
            }
        }
    }
    Ok(summary)
}

mod cells;
mod check;
mod evidence;
mod parse;
mod wire;
mod write;

use cells::{cell, records};
use check::{check_history, check_records};
use parse::check_header;
pub use parse::parse;
use write::{insert_all, is_blank, restore, set_currency};

#[cfg(test)]
#[path = "exchange_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "exchange_evidence_tests.rs"]
mod evidence_tests;
