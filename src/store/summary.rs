//! Partner versions and derived summaries (issue 13, items 1 and 5): what
//! the first frame reads instead of every record.
//!
//! Triggers (schema migration 7, `migrations/7-partner-versions.sql`) bump
//! a partner's version in the same transaction as every change to a record
//! its derivation reads, whoever writes. A summary is stored with the
//! version, the day and the configuration it was derived for; one whose
//! version, day or configuration is not the current one is stale: the
//! screen shows "…" for it until it is derived again, so a summary can
//! never be shown for records it was not derived from.

use super::{Store, StoreError};
use crate::domain::program::Table;
use crate::domain::*;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use std::collections::HashMap;

/// A partner's marks: what the Partners pane shows for it (active count,
/// severity, readiness) and its share of the status bar's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Campaigns active today (docs/domain.md §6.2 G6).
    pub active: usize,
    /// Guardrail findings that are errors (docs/domain.md §6).
    pub errors: usize,
    /// Guardrail findings that are warnings.
    pub warnings: usize,
    /// Whether the readiness checklist is complete (docs/domain.md §10).
    pub ready: bool,
}

impl Summary {
    /// The worst severity among the partner's findings, if any.
    pub fn worst(&self) -> Option<crate::domain::guardrails::Severity> {
        use crate::domain::guardrails::Severity;
        if self.errors > 0 {
            Some(Severity::Error)
        } else if self.warnings > 0 {
            Some(Severity::Warning)
        } else {
            None
        }
    }
}

/// A summary as stored: derived from the partner's records at `version`,
/// as of `as_of`, under the configuration fingerprinted by `inputs`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSummary {
    /// The partner.
    pub partner: PartnerId,
    /// The partner's version the records were read at.
    pub version: i64,
    /// The day the derivation was as of.
    pub as_of: NaiveDate,
    /// The configuration's fingerprint (thresholds, policies, config file).
    pub inputs: String,
    /// The marks.
    pub summary: Summary,
}

/// What the store holds for one partner: its current version and its
/// stored summary, if any (fresh or not: [`Standing::fresh`] says).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Standing {
    /// The partner's version now (0 when no record change was counted
    /// yet: a database from before migration 7).
    pub version: i64,
    /// The stored summary.
    pub stored: Option<StoredSummary>,
}

impl Standing {
    /// The stored summary when it was derived from the records as they are
    /// now, for `today`, under `inputs`; `None` when stale or missing.
    pub fn fresh(&self, today: NaiveDate, inputs: &str) -> Option<Summary> {
        self.stored
            .as_ref()
            .filter(|s| s.version == self.version && s.as_of == today && s.inputs == inputs)
            .map(|s| s.summary)
    }
}

impl Store {
    /// Every partner's record, by id: the Partners pane lists them all
    /// (names, tiers and filters) without their campaigns.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for unreadable values.
    pub fn partner_rows(&self) -> Result<Table<Partner>, StoreError> {
        self.load_all()
    }

    /// Every campaign's record (the jump prompt lists every campaign by
    /// name without reading what is under them).
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for unreadable values.
    pub fn campaign_rows(&self) -> Result<Table<Campaign>, StoreError> {
        self.load_all()
    }

    /// Every partner's current version and stored summary, by partner.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for an unreadable day.
    pub fn standings(&self) -> Result<HashMap<PartnerId, Standing>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, v.version, s.version, s.as_of, s.inputs, s.active, s.errors, \
             s.warnings, s.ready FROM partners p \
             LEFT JOIN partner_versions v ON v.partner_id = p.id \
             LEFT JOIN partner_summaries s ON s.partner_id = p.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            let partner = PartnerId(r.get(0)?);
            let version: Option<i64> = r.get(1)?;
            let stored = match r.get::<_, Option<i64>>(2)? {
                None => None,
                Some(v) => Some(StoredSummary {
                    partner,
                    version: v,
                    as_of: day(partner, r.get(3)?)?,
                    inputs: r.get(4)?,
                    summary: Summary {
                        active: r.get::<_, i64>(5)?.max(0) as usize,
                        errors: r.get::<_, i64>(6)?.max(0) as usize,
                        warnings: r.get::<_, i64>(7)?.max(0) as usize,
                        ready: r.get(8)?,
                    },
                }),
            };
            out.insert(
                partner,
                Standing {
                    version: version.unwrap_or(0),
                    stored,
                },
            );
        }
        Ok(out)
    }

    /// How many campaigns the database holds (start-up reads a small
    /// program whole).
    ///
    /// Errors: SQLite errors.
    pub fn campaign_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM campaigns", [], |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }

    /// The current versions of `partners` (0 for one never changed since
    /// migration 7).
    ///
    /// Errors: SQLite errors.
    pub fn partner_versions(
        &self,
        partners: impl IntoIterator<Item = PartnerId>,
    ) -> Result<HashMap<PartnerId, i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT version FROM partner_versions WHERE partner_id = ?1")?;
        let mut out = HashMap::new();
        for p in partners {
            let v: Option<i64> = stmt.query_row([p.0], |r| r.get(0)).optional()?;
            out.insert(p, v.unwrap_or(0));
        }
        Ok(out)
    }

    /// Stores summaries, in one transaction: each only while its partner's
    /// version is still the one it was derived at (a summary of records
    /// that changed meanwhile is left out: it would be stale anyway).
    /// Returns how many were stored. Summaries are not records: no change
    /// history, no partner version moves, and another jmo does not reload
    /// for them.
    ///
    /// Errors: SQLite errors; [`StoreError::Busy`] when another program
    /// holds the write lock.
    pub fn write_summaries(&mut self, summaries: &[StoredSummary]) -> Result<usize, StoreError> {
        if summaries.is_empty() {
            return Ok(0);
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let written = insert(&tx, summaries)?;
        tx.commit()?;
        Ok(written)
    }

    /// Stores summaries the screen derived from the records it holds, at
    /// the partners' current versions, when those records are current:
    /// when no other program committed a record change since this store
    /// last looked ([`Store::changed_elsewhere`]). Returns `None` when one
    /// did (nothing is written: the screen reloads on its next tick and
    /// derives again), else the summaries stored.
    ///
    /// Errors: SQLite errors; [`StoreError::Busy`] when another program
    /// holds the write lock.
    pub fn write_current_summaries(
        &mut self,
        as_of: NaiveDate,
        inputs: &str,
        summaries: &[(PartnerId, Summary)],
    ) -> Result<Option<Vec<StoredSummary>>, StoreError> {
        if summaries.is_empty() {
            return Ok(Some(Vec::new()));
        }
        let seen = self.data_version;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now: i64 = tx.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        if now != seen && records_in(&tx) != self.seen_records {
            return Ok(None);
        }
        let rows = {
            let mut stmt = tx.prepare_cached(
                "SELECT coalesce((SELECT version FROM partner_versions WHERE partner_id = ?1), 0)",
            )?;
            summaries
                .iter()
                .map(|&(partner, summary)| {
                    Ok(StoredSummary {
                        partner,
                        version: stmt.query_row([partner.0], |r| r.get(0))?,
                        as_of,
                        inputs: inputs.to_string(),
                        summary,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?
        };
        insert(&tx, &rows)?;
        tx.commit()?;
        Ok(Some(rows))
    }
}

/// The count of every record change (row 0 of `partner_versions`) as
/// `conn` sees it; `None` without the table (a database opened read-only
/// before migration 7).
pub(super) fn records_in(conn: &rusqlite::Connection) -> Option<i64> {
    conn.query_row(
        "SELECT version FROM partner_versions WHERE partner_id = 0",
        [],
        |r| r.get(0),
    )
    .optional()
    .map(|v| v.unwrap_or(0))
    .ok()
}

/// Inserts or replaces each summary whose partner still exists and is still
/// at the summary's version; returns how many.
fn insert(conn: &rusqlite::Connection, summaries: &[StoredSummary]) -> Result<usize, StoreError> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO partner_summaries \
         (partner_id, version, as_of, inputs, active, errors, warnings, ready) \
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 \
         WHERE coalesce((SELECT version FROM partner_versions WHERE partner_id = ?1), 0) = ?2 \
         AND EXISTS (SELECT 1 FROM partners WHERE id = ?1) \
         ON CONFLICT (partner_id) DO UPDATE SET version = excluded.version, \
         as_of = excluded.as_of, inputs = excluded.inputs, active = excluded.active, \
         errors = excluded.errors, warnings = excluded.warnings, ready = excluded.ready",
    )?;
    let mut written = 0;
    for s in summaries {
        written += stmt.execute(params![
            s.partner.0,
            s.version,
            s.as_of.to_string(),
            s.inputs,
            s.summary.active as i64,
            s.summary.errors as i64,
            s.summary.warnings as i64,
            s.summary.ready,
        ])?;
    }
    Ok(written)
}

fn day(partner: PartnerId, text: String) -> Result<NaiveDate, StoreError> {
    text.parse().map_err(|_| StoreError::Corrupt {
        table: "partner_summaries",
        column: "as_of",
        id: partner.0,
        message: format!("not a date: {text}"),
    })
}
