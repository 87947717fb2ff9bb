//! Reads of the pipeline evidence (docs/domain.md §15.1): what the
//! attribution rules judge for one partner or one campaign, everything
//! for `jmo check`, and the look-ups a CRM import matches its rows with.
//!
//! Every read is a few queries through the indexes of migration 8
//! (`migrations/8-evidence.sql`): `overlaps_by_partner`,
//! `touches_by_account`, `opportunities_by_registered_by`, … never a scan
//! of a whole evidence table (but [`Store::load_evidence`], which reads
//! them all).

use super::rows::Row;
use super::{Store, StoreError, column_list, read_row};
use crate::domain::evidence::{Account, Evidence, Lead, Opportunity, Overlap, Touch};
use crate::domain::*;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params_from_iter};

/// A partner's evidence, as common table expressions on `?1` (the
/// partner's id): `own` its accounts (those of its touches, overlap
/// rows and its campaigns' leads), `opp` the opportunities it is judged on (on its accounts, naming
/// it as registrant, with a primary campaign of its, or named by one of its
/// touches), `acc` those opportunities' accounts. Each branch is one
/// indexed look-up (a `UNION`, not an `OR`, so each uses its index).
const PARTNER_CTE: &str = "WITH \
     own(id) AS (SELECT account_id FROM touches WHERE partner_id = ?1 AND account_id IS NOT NULL \
                 UNION SELECT account_id FROM overlaps WHERE partner_id = ?1 \
                 UNION SELECT account_id FROM leads WHERE account_id IS NOT NULL AND campaign_id IN \
                       (SELECT id FROM campaigns WHERE partner_id = ?1)), \
     opp(id) AS (SELECT id FROM opportunities WHERE account_id IN own \
                 UNION SELECT id FROM opportunities WHERE registered_by = ?1 \
                 UNION SELECT id FROM opportunities WHERE campaign_id IN \
                       (SELECT id FROM campaigns WHERE partner_id = ?1) \
                 UNION SELECT opportunity_id FROM touches \
                       WHERE partner_id = ?1 AND opportunity_id IS NOT NULL), \
     acc(id) AS (SELECT account_id FROM opportunities \
                 WHERE id IN opp AND account_id IS NOT NULL) ";

/// The rows of a partner's evidence, each table's `WHERE` on
/// [`PARTNER_CTE`]: its own touches and overlaps, and every touch,
/// overlap row and lead on the accounts of its opportunities whatever the
/// partner; the accounts any of them name.
const PARTNER_WHERE: Closure = Closure {
    touches: "id IN (SELECT id FROM touches WHERE partner_id = ?1 \
              UNION SELECT id FROM touches WHERE account_id IN acc \
              UNION SELECT id FROM touches WHERE opportunity_id IN opp)",
    overlaps: "id IN (SELECT id FROM overlaps WHERE partner_id = ?1 \
               UNION SELECT id FROM overlaps WHERE account_id IN acc)",
    leads: "id IN (SELECT id FROM leads WHERE account_id IN acc \
            UNION SELECT id FROM leads WHERE campaign_id IN \
                  (SELECT id FROM campaigns WHERE partner_id = ?1))",
    opportunities: "id IN opp",
    accounts: "id IN (SELECT id FROM own UNION SELECT id FROM acc \
               UNION SELECT account_id FROM touches WHERE opportunity_id IN opp)",
};

/// A campaign's evidence, as common table expressions on `?1` (the
/// campaign's id): `opp` the opportunities naming it as primary campaign
/// or on the accounts of its leads, `acc` their accounts.
const CAMPAIGN_CTE: &str = "WITH \
     opp(id) AS (SELECT id FROM opportunities WHERE campaign_id = ?1 \
                 UNION SELECT id FROM opportunities WHERE account_id IN \
                       (SELECT account_id FROM leads WHERE campaign_id = ?1)), \
     acc(id) AS (SELECT account_id FROM opportunities \
                 WHERE id IN opp AND account_id IS NOT NULL) ";

/// The rows of a campaign's evidence, each table's `WHERE` on
/// [`CAMPAIGN_CTE`]: its leads, and every touch, overlap row and lead on
/// the accounts of its opportunities; the accounts any of them name.
const CAMPAIGN_WHERE: Closure = Closure {
    touches: "id IN (SELECT id FROM touches WHERE account_id IN acc \
              UNION SELECT id FROM touches WHERE opportunity_id IN opp)",
    overlaps: "account_id IN acc",
    leads: "id IN (SELECT id FROM leads WHERE campaign_id = ?1 \
            UNION SELECT id FROM leads WHERE account_id IN acc)",
    opportunities: "id IN opp",
    accounts: "id IN (SELECT id FROM acc \
               UNION SELECT account_id FROM leads WHERE campaign_id = ?1 \
               UNION SELECT account_id FROM touches WHERE opportunity_id IN opp)",
};

/// An account's evidence, as common table expressions on `?1` (the
/// account's id): `opp` the opportunities on it, `acc` the account.
const ACCOUNT_CTE: &str = "WITH \
     opp(id) AS (SELECT id FROM opportunities WHERE account_id = ?1), \
     acc(id) AS (SELECT ?1) ";

/// The rows of an account's evidence, each table's `WHERE` on
/// [`ACCOUNT_CTE`]: every touch, overlap row, lead and opportunity on the
/// account, the touches naming its opportunities; the accounts any of
/// them name.
const ACCOUNT_WHERE: Closure = Closure {
    touches: "id IN (SELECT id FROM touches WHERE account_id IN acc \
              UNION SELECT id FROM touches WHERE opportunity_id IN opp)",
    overlaps: "account_id IN acc",
    leads: "account_id IN acc",
    opportunities: "id IN opp",
    accounts: "id IN (SELECT id FROM acc \
               UNION SELECT account_id FROM touches WHERE opportunity_id IN opp)",
};

/// One `WHERE` clause per evidence table (SQL on a CTE's names and `?1`).
struct Closure {
    touches: &'static str,
    overlaps: &'static str,
    leads: &'static str,
    opportunities: &'static str,
    accounts: &'static str,
}

impl Store {
    /// A partner's evidence (docs/domain.md §15.1), closed as
    /// [`Evidence`] asks: the partner's touches and overlap rows; the
    /// opportunities on its accounts (those it touched or has in an
    /// overlap snapshot), registered by it, with one of its campaigns as
    /// primary campaign, or named by one of its touches; then every touch,
    /// overlap row and lead on those opportunities' accounts, whatever the
    /// partner; and every account these name. Empty for an unknown partner.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn evidence_of_partner(&self, partner: PartnerId) -> Result<Evidence, StoreError> {
        self.closed_evidence(PARTNER_CTE, &PARTNER_WHERE, partner.0)
    }

    /// A campaign's evidence (docs/domain.md §15.1): its leads, the
    /// opportunities naming it as primary campaign or on its leads'
    /// accounts, then every touch, overlap row and lead on those
    /// opportunities' accounts, whatever the partner or campaign; and every
    /// account these name. Empty for an unknown campaign.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn evidence_of_campaign(&self, campaign: CampaignId) -> Result<Evidence, StoreError> {
        self.closed_evidence(CAMPAIGN_CTE, &CAMPAIGN_WHERE, campaign.0)
    }

    /// An account's evidence (docs/domain.md §15.1, §15.5): every touch,
    /// overlap row, lead and opportunity on it and the touches naming its
    /// opportunities (what its journey and the attribution of its
    /// opportunities read), and every account these name. Empty for an
    /// unknown account.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn evidence_of_account(
        &self,
        account: crate::domain::evidence::AccountId,
    ) -> Result<Evidence, StoreError> {
        self.closed_evidence(ACCOUNT_CTE, &ACCOUNT_WHERE, account.0)
    }

    /// Every evidence record (docs/domain.md §15.1), for `jmo check`.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn load_evidence(&self) -> Result<Evidence, StoreError> {
        Ok(Evidence {
            accounts: self.load_all()?,
            overlaps: self.load_all()?,
            leads: self.load_all()?,
            opportunities: self.load_all()?,
            touches: self.load_all()?,
        })
    }

    /// How many accounts, leads, opportunities and touches are stored, in
    /// that order.
    ///
    /// Errors: SQLite errors.
    pub fn evidence_counts(&self) -> Result<(usize, usize, usize, usize), StoreError> {
        let count = |table: &str| -> Result<usize, StoreError> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(usize::try_from(n).unwrap_or(0))
        };
        Ok((
            count(Account::TABLE)?,
            count(Lead::TABLE)?,
            count(Opportunity::TABLE)?,
            count(Touch::TABLE)?,
        ))
    }

    /// The evidence's version: bumped by migration 9's triggers with every
    /// insert, update or delete of an evidence record, whoever writes
    /// (0 before any). The partners' marks are derived under it.
    ///
    /// Errors: SQLite errors.
    pub fn evidence_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT version FROM evidence_version WHERE id = 0",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }

    /// Whether any evidence record is stored, and whether any opportunity
    /// is (rule E3 needs it): two look-ups of one row each, never a count.
    ///
    /// Errors: SQLite errors.
    pub fn evidence_present(&self) -> Result<(bool, bool), StoreError> {
        let any = |table: &str| -> Result<bool, StoreError> {
            Ok(self
                .conn
                .query_row(&format!("SELECT EXISTS (SELECT 1 FROM {table})"), [], |r| {
                    r.get(0)
                })?)
        };
        let opportunities = any(Opportunity::TABLE)?;
        let some = opportunities
            || any(Account::TABLE)?
            || any(Lead::TABLE)?
            || any(Touch::TABLE)?
            || any(Overlap::TABLE)?;
        Ok((some, opportunities))
    }

    /// The account with CRM id `crm_id` (exactly as stored), if any.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn account_by_crm_id(&self, crm_id: &str) -> Result<Option<Stored<Account>>, StoreError> {
        self.one_by_crm_id(crm_id)
    }

    /// The lead with CRM id `crm_id`, if any.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn lead_by_crm_id(&self, crm_id: &str) -> Result<Option<Stored<Lead>>, StoreError> {
        self.one_by_crm_id(crm_id)
    }

    /// The opportunity with CRM id `crm_id`, if any.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn opportunity_by_crm_id(
        &self,
        crm_id: &str,
    ) -> Result<Option<Stored<Opportunity>>, StoreError> {
        self.one_by_crm_id(crm_id)
    }

    /// The touch with CRM id `crm_id`, if any; `None` for an empty id
    /// (touches added by hand have none, and are not looked up by it).
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn touch_by_crm_id(&self, crm_id: &str) -> Result<Option<Stored<Touch>>, StoreError> {
        if crm_id.is_empty() {
            return Ok(None);
        }
        self.one_by_crm_id(crm_id)
    }

    /// The accounts whose domain is `domain`, ignoring ASCII case (SQLite's
    /// `lower`, through `accounts_by_domain`), in id order. Empty for an
    /// empty `domain` (an account with no domain matches nothing).
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn accounts_by_domain(&self, domain: &str) -> Result<Vec<Stored<Account>>, StoreError> {
        if domain.trim().is_empty() {
            return Ok(Vec::new());
        }
        self.select_where(
            "",
            "lower(domain) = lower(?1)",
            Value::Text(domain.trim().into()),
        )
    }

    /// The accounts named `name`, ignoring ASCII case (SQLite's `lower`,
    /// through `accounts_by_name`) and surrounding spaces of `name`, in id
    /// order.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn accounts_by_name(&self, name: &str) -> Result<Vec<Stored<Account>>, StoreError> {
        self.select_where(
            "",
            "lower(name) = lower(?1)",
            Value::Text(name.trim().into()),
        )
    }

    /// The overlap row of `partner` for `account` in the snapshot of
    /// `day` (an import updates it rather than adding a second), if any.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn overlap_on(
        &self,
        partner: PartnerId,
        account: crate::domain::evidence::AccountId,
        day: chrono::NaiveDate,
    ) -> Result<Option<Stored<Overlap>>, StoreError> {
        let rows =
            self.select_where::<Overlap>("", "partner_id = ?1", Value::Integer(partner.0))?;
        // A partner's overlap rows are few per account: filter here.
        Ok(rows
            .into_iter()
            .find(|o| o.account_id == account && o.snapshot_on == day))
    }

    /// A stored touch with no CRM id that is `touch` (the same partner,
    /// account, opportunity, day and kind): a touches file without ids
    /// imported twice updates, not doubles.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn touch_like(&self, touch: &Touch) -> Result<Option<Stored<Touch>>, StoreError> {
        let rows = self.select_where::<Touch>(
            "",
            "partner_id = ?1 AND crm_id = ''",
            Value::Integer(touch.partner_id.0),
        )?;
        Ok(rows.into_iter().find(|t| {
            t.account_id == touch.account_id
                && t.opportunity_id == touch.opportunity_id
                && t.on == touch.on
                && t.kind == touch.kind
        }))
    }

    /// The row of `T`'s table whose `crm_id` is `crm_id` (unique there).
    fn one_by_crm_id<T: Row>(&self, crm_id: &str) -> Result<Option<Stored<T>>, StoreError> {
        let rows = self.select_where::<T>("", "crm_id = ?1", Value::Text(crm_id.into()))?;
        Ok(rows.into_iter().next())
    }

    /// The evidence a CTE and its `WHERE` clauses select, on `?1` = `id`,
    /// read in one read transaction.
    fn closed_evidence(
        &self,
        cte: &str,
        closure: &Closure,
        id: i64,
    ) -> Result<Evidence, StoreError> {
        let read = || {
            let id = Value::Integer(id);
            Ok(Evidence {
                accounts: self
                    .select_where::<Account>(cte, closure.accounts, id.clone())?
                    .into_iter()
                    .collect(),
                overlaps: self
                    .select_where::<Overlap>(cte, closure.overlaps, id.clone())?
                    .into_iter()
                    .collect(),
                leads: self
                    .select_where::<Lead>(cte, closure.leads, id.clone())?
                    .into_iter()
                    .collect(),
                opportunities: self
                    .select_where::<Opportunity>(cte, closure.opportunities, id.clone())?
                    .into_iter()
                    .collect(),
                touches: self
                    .select_where::<Touch>(cte, closure.touches, id.clone())?
                    .into_iter()
                    .collect(),
            })
        };
        // One snapshot for the five queries; inside a caller's read
        // transaction (`jmo check`), that one.
        if self.conn.is_autocommit() {
            self.in_read_transaction(read)
        } else {
            read()
        }
    }

    /// `{cte} SELECT id, … FROM T WHERE {filter} ORDER BY id` with `?1` = `arg`.
    fn select_where<T: Row>(
        &self,
        cte: &str,
        filter: &str,
        arg: Value,
    ) -> Result<Vec<Stored<T>>, StoreError> {
        let sql = format!(
            "{cte}SELECT id, {} FROM {} WHERE {filter} ORDER BY id",
            column_list(T::COLUMNS),
            T::TABLE
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter([arg]))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(read_row::<T>(row)?);
        }
        Ok(out)
    }
}
