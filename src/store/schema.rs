//! The SQLite schema and its versioned migrations.
//!
//! The schema version is SQLite's `PRAGMA user_version`. Each migration is a
//! batch of SQL run in one transaction together with the version bump, so a
//! database is always at exactly one version. A database newer than this
//! build is refused (never "downgraded").

use rusqlite::Connection;

/// The migrations, in order; migration `i` takes the schema from version `i`
/// to `i + 1`. Append only: never edit a released migration.
pub const MIGRATIONS: &[&str] = &[
    // 1: the first release (issue 2): partners, campaigns, milestones,
    // checklist, assets, MDF funds / requests / claims, results, and the
    // append-only change history.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    INSERT INTO meta (key, value) VALUES ('currency', 'USD');

    CREATE TABLE partners (
        id                       INTEGER PRIMARY KEY AUTOINCREMENT,
        name                     TEXT NOT NULL,
        partnership_type         TEXT NOT NULL,
        tier                     TEXT NOT NULL,
        brand_guidelines_on_file INTEGER NOT NULL DEFAULT 0,
        data_consent_on          TEXT,
        notes                    TEXT NOT NULL DEFAULT ''
    );

    CREATE TABLE campaigns (
        id                 INTEGER PRIMARY KEY AUTOINCREMENT,
        partner_id         INTEGER NOT NULL REFERENCES partners(id),
        name               TEXT NOT NULL,
        campaign_type      TEXT NOT NULL,
        playbook           TEXT,
        status             TEXT NOT NULL,
        audience           TEXT NOT NULL DEFAULT '',
        start              TEXT NOT NULL,
        launch             TEXT NOT NULL,
        "end"              TEXT NOT NULL,
        budget             TEXT NOT NULL,
        internal_cost      TEXT NOT NULL,
        lead_target        INTEGER,
        crm_id             TEXT,
        attribution_agreed INTEGER NOT NULL DEFAULT 0,
        uses_partner_data  INTEGER NOT NULL DEFAULT 0,
        CHECK (start <= launch AND launch <= "end")
    );
    CREATE INDEX campaigns_by_partner ON campaigns(partner_id);

    CREATE TABLE milestones (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id    INTEGER NOT NULL REFERENCES campaigns(id),
        name           TEXT NOT NULL,
        kind           TEXT,
        due            TEXT NOT NULL,
        status         TEXT NOT NULL,
        completed_on   TEXT,
        blocked_reason TEXT
    );
    CREATE INDEX milestones_by_campaign ON milestones(campaign_id);

    CREATE TABLE responsibilities (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        side        TEXT NOT NULL,
        title       TEXT NOT NULL,
        owner       TEXT NOT NULL DEFAULT '',
        due         TEXT,
        done_on     TEXT,
        position    INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX responsibilities_by_campaign ON responsibilities(campaign_id);

    CREATE TABLE assets (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        name        TEXT NOT NULL,
        kind        TEXT NOT NULL DEFAULT '',
        co_branded  INTEGER NOT NULL DEFAULT 0,
        approved_on TEXT,
        location    TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX assets_by_campaign ON assets(campaign_id);

    CREATE TABLE funds (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        partner_id   INTEGER NOT NULL REFERENCES partners(id),
        name         TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end   TEXT NOT NULL,
        allocated    TEXT NOT NULL,
        policy       TEXT NOT NULL DEFAULT 'default'
    );
    CREATE INDEX funds_by_partner ON funds(partner_id);

    CREATE TABLE mdf_requests (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id     INTEGER NOT NULL REFERENCES campaigns(id),
        fund_id         INTEGER REFERENCES funds(id),
        activity        TEXT NOT NULL,
        amount          TEXT NOT NULL,
        approved_amount TEXT,
        status          TEXT NOT NULL,
        submitted_on    TEXT,
        decided_on      TEXT,
        justification   TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX mdf_requests_by_campaign ON mdf_requests(campaign_id);
    CREATE INDEX mdf_requests_by_fund ON mdf_requests(fund_id);

    CREATE TABLE claims (
        id           INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id   INTEGER NOT NULL REFERENCES mdf_requests(id),
        amount       TEXT NOT NULL,
        status       TEXT NOT NULL,
        submitted_on TEXT,
        paid_on      TEXT,
        paid_amount  TEXT,
        note         TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX claims_by_request ON claims(request_id);

    CREATE TABLE results (
        id                        INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id               INTEGER NOT NULL UNIQUE REFERENCES campaigns(id),
        registrations             INTEGER,
        attendees                 INTEGER,
        leads                     INTEGER,
        mqls                      INTEGER,
        pipeline_sourced          TEXT,
        pipeline_influenced       TEXT,
        pipeline_partner_assisted TEXT,
        revenue                   TEXT
    );

    -- The change history: one change set per user edit (or undo / redo),
    -- one row per inserted, updated or deleted record field. Append-only.
    CREATE TABLE change_sets (
        id     INTEGER PRIMARY KEY AUTOINCREMENT,
        at     TEXT NOT NULL,
        actor  TEXT NOT NULL,
        label  TEXT NOT NULL,
        kind   TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
        target INTEGER REFERENCES change_sets(id)
    );
    CREATE TABLE changes (
        id        INTEGER PRIMARY KEY AUTOINCREMENT,
        set_id    INTEGER NOT NULL REFERENCES change_sets(id),
        at        TEXT NOT NULL,
        entity    TEXT NOT NULL,
        record_id INTEGER NOT NULL,
        op        TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        field     TEXT,
        old,
        new
    );
    CREATE INDEX changes_by_record ON changes(entity, record_id);
    CREATE INDEX changes_by_set ON changes(set_id);
    CREATE TRIGGER changes_append_only_u BEFORE UPDATE ON changes
        BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
    CREATE TRIGGER changes_append_only_d BEFORE DELETE ON changes
        BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
    CREATE TRIGGER change_sets_append_only_u BEFORE UPDATE ON change_sets
        BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
    CREATE TRIGGER change_sets_append_only_d BEFORE DELETE ON change_sets
        BEGIN SELECT RAISE(ABORT, 'the change history is append-only'); END;
    "#,
    // 2: the MDF ledger (issue 3): expenses with invoices and proof of
    // performance; a request's expected ROI, agreed proof and reason.
    r#"
    CREATE TABLE expenses (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
        request_id  INTEGER REFERENCES mdf_requests(id),
        category    TEXT NOT NULL,
        amount      TEXT NOT NULL,
        spent_on    TEXT NOT NULL,
        vendor      TEXT NOT NULL DEFAULT '',
        invoice_ref TEXT NOT NULL DEFAULT '',
        proof       TEXT NOT NULL DEFAULT '',
        withdrawn   TEXT
    );
    CREATE INDEX expenses_by_campaign ON expenses(campaign_id);
    CREATE INDEX expenses_by_request ON expenses(request_id);
    ALTER TABLE mdf_requests ADD COLUMN expected_roi TEXT;
    ALTER TABLE mdf_requests ADD COLUMN proof_required TEXT NOT NULL DEFAULT '';
    ALTER TABLE mdf_requests ADD COLUMN reason TEXT;
    "#,
    // 3: the partner agreement's period (issue 3: MDF holds an expense
    // dated outside it).
    r#"
    ALTER TABLE partners ADD COLUMN agreement_start TEXT;
    ALTER TABLE partners ADD COLUMN agreement_end TEXT;
    "#,
    // 4: results with their targets, lead sources, promotion reach and the
    // day they are as of (issue 4, docs/domain.md §8).
    r#"
    ALTER TABLE results ADD COLUMN reported_on TEXT;
    ALTER TABLE results ADD COLUMN leads_ours INTEGER;
    ALTER TABLE results ADD COLUMN leads_partner INTEGER;
    ALTER TABLE results ADD COLUMN leads_paid INTEGER;
    ALTER TABLE results ADD COLUMN leads_organic INTEGER;
    ALTER TABLE results ADD COLUMN reach_ours INTEGER;
    ALTER TABLE results ADD COLUMN reach_partner INTEGER;
    ALTER TABLE results ADD COLUMN target_registrations INTEGER;
    ALTER TABLE results ADD COLUMN target_attendees INTEGER;
    ALTER TABLE results ADD COLUMN target_leads INTEGER;
    ALTER TABLE results ADD COLUMN target_mqls INTEGER;
    ALTER TABLE results ADD COLUMN target_pipeline TEXT;
    ALTER TABLE results ADD COLUMN target_revenue TEXT;
    "#,
    // 5: partners as a program (issue 5, docs/domain.md §10): the profile and
    // agreement terms, tier numbers, budget factors, archiving; marketing
    // contacts; check-ins and QBRs; joint marketing plans and their
    // campaigns.
    r#"
    ALTER TABLE partners ADD COLUMN brand_guidelines_ref TEXT NOT NULL DEFAULT '';
    ALTER TABLE partners ADD COLUMN data_consent_scope TEXT NOT NULL DEFAULT '';
    ALTER TABLE partners ADD COLUMN agreement_scope TEXT NOT NULL DEFAULT '';
    ALTER TABLE partners ADD COLUMN sharing_terms TEXT NOT NULL DEFAULT '';
    ALTER TABLE partners ADD COLUMN exclusivity TEXT NOT NULL DEFAULT '';
    ALTER TABLE partners ADD COLUMN exclusive_until TEXT;
    ALTER TABLE partners ADD COLUMN brand_usage TEXT NOT NULL DEFAULT '';
    ALTER TABLE partners ADD COLUMN termination_notice_days INTEGER;
    ALTER TABLE partners ADD COLUMN recorded_revenue TEXT NOT NULL DEFAULT '0';
    ALTER TABLE partners ADD COLUMN referrals INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE partners ADD COLUMN pipeline_potential TEXT NOT NULL DEFAULT '1';
    ALTER TABLE partners ADD COLUMN strategic_value TEXT NOT NULL DEFAULT '1';
    ALTER TABLE partners ADD COLUMN past_performance TEXT NOT NULL DEFAULT '';
    ALTER TABLE partners ADD COLUMN archived_on TEXT;

    CREATE TABLE contacts (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        partner_id INTEGER NOT NULL REFERENCES partners(id),
        name       TEXT NOT NULL,
        role       TEXT NOT NULL DEFAULT '',
        email      TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX contacts_by_partner ON contacts(partner_id);

    CREATE TABLE meetings (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        partner_id INTEGER NOT NULL REFERENCES partners(id),
        kind       TEXT NOT NULL,
        held_on    TEXT NOT NULL,
        progress   TEXT NOT NULL DEFAULT '',
        upcoming   TEXT NOT NULL DEFAULT '',
        roadblocks TEXT NOT NULL DEFAULT '',
        next_steps TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX meetings_by_partner ON meetings(partner_id);

    CREATE TABLE plans (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        partner_id INTEGER NOT NULL REFERENCES partners(id),
        period     TEXT NOT NULL,
        objective  TEXT NOT NULL DEFAULT '',
        notes      TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX plans_by_partner ON plans(partner_id);

    CREATE TABLE plan_entries (
        id                 INTEGER PRIMARY KEY AUTOINCREMENT,
        plan_id            INTEGER NOT NULL REFERENCES plans(id),
        campaign_id        INTEGER NOT NULL REFERENCES campaigns(id),
        pipeline_target    TEXT,
        partner_investment TEXT NOT NULL DEFAULT '0',
        UNIQUE (plan_id, campaign_id)
    );
    CREATE INDEX plan_entries_by_plan ON plan_entries(plan_id);
    CREATE INDEX plan_entries_by_campaign ON plan_entries(campaign_id);
    "#,
    // 6: issue 10, item 1: which running jmo made each change set, so `u`
    // undoes this jmo's own edits and not another's on the same file
    // (NULL for sets made before, and for imported history).
    r#"
    ALTER TABLE change_sets ADD COLUMN session TEXT;
    "#,
    // 7: issue 13, items 1 and 5: a version counter per partner, kept by
    // triggers in the same transaction as every record change, and the
    // partners' derived summaries (marks and counts) the first frame reads.
    include_str!("migrations/7-partner-versions.sql"),
    // 8: pipeline evidence (docs/domain.md §15.1): accounts, overlaps,
    // leads, opportunities and touches.
    include_str!("migrations/8-evidence.sql"),
    // 9: the evidence's version, so the partners' marks follow it
    // (docs/domain.md §15.4).
    include_str!("migrations/9-evidence-version.sql"),
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The database's schema version (`PRAGMA user_version`).
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the schema up to [`latest_version`], one migration per
/// transaction. Returns the version found before migrating.
///
/// Errors: SQLite errors; [`MigrateError::TooNew`] when the file was written
/// by a newer jmo.
pub fn migrate(conn: &mut Connection) -> Result<i64, MigrateError> {
    let found = version(conn)?;
    if found > latest_version() {
        return Err(MigrateError::TooNew {
            found,
            supported: latest_version(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let step = |conn: &mut Connection| -> rusqlite::Result<()> {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
            tx.commit()
        };
        step(conn).map_err(|source| MigrateError::Step {
            version: i as i64 + 1,
            source,
        })?;
    }
    Ok(found)
}

/// Why a migration failed.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// SQLite refused a statement (the message leaves the SQL out).
    #[error("cannot read the schema version: {}", short_sqlite(.0))]
    Sqlite(#[from] rusqlite::Error),
    /// A migration failed; nothing of it was written. The message is
    /// SQLite's, one line, without the migration's SQL.
    #[error("cannot update the database to schema version {version}: {}", short_sqlite(.source))]
    Step {
        /// The version the failed migration leads to.
        version: i64,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// The database was written by a newer version of jmo.
    #[error(
        "this database has schema version {found}, newer than this jmo supports ({supported}); update jmo"
    )]
    TooNew {
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
}

/// SQLite's message without the SQL text rusqlite adds to some errors.
pub(super) fn short_sqlite(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        other => other.to_string(),
    }
}
