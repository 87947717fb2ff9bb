//! The store: one SQLite file holding every record and the append-only
//! change history.
//!
//! - Every user edit is **one transaction** ([`Store::edit`]): the record
//!   rows and their change-history rows are committed together or not at all.
//! - The history is a list of change sets (one per edit, undo or redo) with
//!   one row per inserted, updated or deleted record (entity, id, field, old,
//!   new, timestamp). Undo and redo are themselves change sets, so the undo
//!   stack survives restarts and nothing is ever rewritten.
//! - The file is opened in WAL mode with `synchronous=FULL`: a committed edit
//!   is on disk before the screen says so, and a killed process never leaves
//!   a corrupt database.

mod evidence;
pub mod evidence_edit;
pub mod evidence_import;
#[cfg(test)]
mod evidence_tests;
pub mod evidenced;
pub mod example;
mod example_evidence;
pub mod exchange;
pub mod file;
mod find_item;
pub mod generate;
pub mod generate_evidence;
mod history;
mod merge;
mod partial;
mod preview;
pub mod redact;
mod refusal;
pub mod rows;
pub mod schema;
mod session;
mod shape;
pub mod summary;
mod tx;

pub use file::Refusal;
pub use find_item::ItemName;
pub use history::{ChangeRow, ChangeSetInfo, Stale, StaleNow};
pub use merge::{Conflict, FieldConflict, LastChange, short_stamp, show_value};
pub use partial::PartnerRecords;
pub use rows::Row;
pub use tx::Tx;

use crate::domain::program::Program;
use crate::domain::*;
use rows::table_of;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params, params_from_iter};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused (disk full, constraint…).
    #[error("database error: {}", schema::short_sqlite(.0))]
    Sqlite(rusqlite::Error),
    /// Another program (another jmo, `sqlite3`, a backup tool) held the
    /// database's write lock for longer than the busy timeout
    /// (SQLITE_BUSY or SQLITE_LOCKED); nothing was written, and the same
    /// action can simply be tried again.
    #[error("another program is writing to this database; try again in a moment")]
    Busy,
    /// The file could not be opened or created.
    #[error("cannot open {path}: {message}")]
    Open {
        /// The database path.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The schema could not be brought up to date.
    #[error(transparent)]
    Migrate(#[from] schema::MigrateError),
    /// The file is not one jmo may open this way (another program's, empty,
    /// newer…); nothing was written to it.
    #[error(transparent)]
    File(#[from] Refusal),
    /// A record failed validation; nothing was written.
    #[error("invalid {what}: {errors}")]
    Invalid {
        /// Which record, e.g. "campaign".
        what: &'static str,
        /// The field errors.
        errors: Invalid,
    },
    /// The record does not exist (deleted meanwhile?).
    #[error("{} {} no longer exists", .0.kind_label(), table_of(*.0).1)]
    NotFound(RecordRef),
    /// The operation is refused, with the reason for the user.
    #[error("{0}")]
    Refused(String),
    /// An undo or redo would overwrite a record changed since the edit;
    /// nothing was written (issue 10, item 1).
    #[error("{0}")]
    Stale(Box<Stale>),
    /// Fields the user changed were also changed underneath (by another
    /// jmo, the CLI or an undo) since the form opened; nothing was written
    /// (issue 10, item 1).
    #[error("{0}")]
    Conflict(Box<Conflict>),
    /// A stored value could not be read (the file was edited by hand?).
    #[error("corrupt value in {table}.{column} (row {id}): {message}")]
    Corrupt {
        /// Table.
        table: &'static str,
        /// Column.
        column: &'static str,
        /// Row id.
        id: i64,
        /// What was wrong.
        message: String,
    },
}

/// SQLite's "database is locked" (SQLITE_BUSY, SQLITE_LOCKED) becomes
/// [`StoreError::Busy`], which says what happened and what to do; every
/// other SQLite error is [`StoreError::Sqlite`].
impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match &e {
            rusqlite::Error::SqliteFailure(f, _)
                if matches!(
                    f.code,
                    rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                ) =>
            {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

/// How long a command waits for another program's write lock before
/// giving up with [`StoreError::Busy`]: scripts would rather wait than
/// fail. The screen waits less ([`Store::set_busy_timeout`]).
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// The result of an edit: the closure's value and the records it touched.
#[derive(Debug, Clone, PartialEq)]
pub struct Edited<T> {
    /// What the edit closure returned (e.g. the new record's id).
    pub value: T,
    /// Every record inserted, updated or deleted, in order, without repeats.
    pub touched: Vec<RecordRef>,
    /// The edit's label as recorded (the closure may have set it from the
    /// record it read: "Tick …" or "Untick …").
    pub label: String,
}

/// An undo or redo that was applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The label of the edit undone or redone, e.g. "Tick 'Create landing page'".
    pub label: String,
    /// The records it touched.
    pub touched: Vec<RecordRef>,
}

/// An open jmo database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    actor: String,
    undo: Vec<i64>,
    redo: Vec<i64>,
    /// `PRAGMA data_version` when last checked: it changes only when
    /// another connection (another jmo) commits.
    data_version: i64,
    /// This open's identity in `change_sets.session`: the edits this jmo
    /// makes, as opposed to another jmo's on the same file.
    session: String,
    /// The newest change set this store has accounted for in its undo and
    /// redo stacks.
    seen_set: i64,
    /// The count of record changes ([`summary`]) this store's records
    /// reflect: a commit by another program that leaves it as it was
    /// changed derived summaries only, and needs no reload.
    seen_records: Option<i64>,
    /// For a read-only store reading without locks: the file's stamp when
    /// opened (see [`Store::read_snapshot`]).
    unlocked: Option<file::Stamp>,
}

impl Drop for Store {
    /// This jmo's session ends: a store opened later may undo its edits.
    fn drop(&mut self) {
        session::close(&self.session);
    }
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens a private in-memory database (tests, benchmarks).
    ///
    /// Errors: SQLite errors.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::setup(
            Connection::open_in_memory()?,
            None,
            Access::Write {
                judged: file::Judged { marked: false },
            },
        )
    }

    fn setup(
        mut conn: Connection,
        path: Option<PathBuf>,
        access: Access,
    ) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Room for every statement of a partner's read (`load_partner`:
        // one per table) besides the edits': none is parsed twice.
        conn.set_prepared_statement_cache_capacity(64);
        if let Access::Write { judged } = access {
            // Checked again here, before the first write: a newer schema is
            // refused before the journal mode is touched.
            let found = schema::version(&conn)?;
            if found > schema::latest_version() {
                return Err(schema::MigrateError::TooNew {
                    found,
                    supported: schema::latest_version(),
                }
                .into());
            }
            if path.is_some() {
                let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
                if !mode.eq_ignore_ascii_case("wal") {
                    conn.pragma_update(None, "journal_mode", "DELETE")?;
                }
            }
            conn.pragma_update(None, "synchronous", "FULL")?;
            if !judged.marked {
                conn.pragma_update(None, "application_id", file::APPLICATION_ID)?;
            }
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        if matches!(access, Access::Write { .. }) {
            schema::migrate(&mut conn)?;
        }
        let mut store = Store {
            conn,
            path,
            actor: default_actor(),
            undo: Vec::new(),
            redo: Vec::new(),
            data_version: 0,
            session: session::open(),
            seen_set: 0,
            seen_records: None,
            unlocked: None,
        };
        store.data_version = store.read_data_version()?;
        store.seen_records = summary::records_in(&store.conn);
        if matches!(access, Access::Write { .. }) {
            store.rebuild_stacks()?;
        }
        Ok(store)
    }

    /// After this store committed record changes: when no other program
    /// had changed records before it (`before` is what this store had
    /// seen), the records it holds now reflect every change up to `after`.
    fn own_commit(&mut self, before: Option<i64>, after: Option<i64>) {
        if before == self.seen_records {
            self.seen_records = after;
        }
    }

    fn read_data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Whether another connection (another jmo on the same file) committed
    /// since the last call; if so, the caller should reload the program.
    /// The other jmo's edits do not join this one's undo stack (`u` undoes
    /// this jmo's own edits); its undos and redos of edits that are on this
    /// one's stacks take them off (issue 10, item 1).
    ///
    /// Errors: SQLite errors.
    pub fn changed_elsewhere(&mut self) -> Result<bool, StoreError> {
        let now = self.read_data_version()?;
        if now == self.data_version {
            return Ok(false);
        }
        self.data_version = now;
        let records = summary::records_in(&self.conn);
        if records.is_some() && records == self.seen_records {
            // Another jmo stored derived summaries only.
            return Ok(false);
        }
        self.seen_records = records;
        self.follow_other_sessions()?;
        Ok(true)
    }

    /// How long an edit waits for another program's write lock before it
    /// fails with [`StoreError::Busy`] (default [`BUSY_TIMEOUT`]).
    ///
    /// Errors: SQLite errors.
    pub fn set_busy_timeout(&mut self, wait: std::time::Duration) -> Result<(), StoreError> {
        Ok(self.conn.busy_timeout(wait)?)
    }

    /// The file this store is on (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Who is recorded as making the edits (see [`Store::set_actor`]).
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Sets who is recorded as making the edits (default: `$USER`), and
    /// rebuilds the undo and redo stacks for them (a restarted jmo undoes
    /// its user's own earlier edits only).
    ///
    /// Errors: SQLite errors.
    pub fn set_actor(&mut self, actor: impl Into<String>) -> Result<(), StoreError> {
        self.actor = actor.into();
        self.rebuild_stacks()
    }

    /// The raw connection, for read-only queries of other modules in this
    /// layer (export).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// SQLite's `PRAGMA integrity_check`: `["ok"]` for a sound file, else
    /// the problems found.
    ///
    /// Errors: SQLite errors.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether the database holds no partners (a fresh database).
    ///
    /// Errors: SQLite errors.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))?;
        Ok(n == 0)
    }

    /// Reads every record into memory.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for unreadable values.
    pub fn load_program(&self) -> Result<Program, StoreError> {
        Ok(Program {
            partners: self.load_all()?,
            campaigns: self.load_all()?,
            milestones: self.load_all()?,
            responsibilities: self.load_all()?,
            assets: self.load_all()?,
            funds: self.load_all()?,
            requests: self.load_all()?,
            claims: self.load_all()?,
            results: self.load_all()?,
            expenses: self.load_all()?,
            contacts: self.load_all()?,
            meetings: self.load_all()?,
            plans: self.load_all()?,
            plan_entries: self.load_all()?,
            currency: self.currency()?,
        })
    }

    /// The database's currency (`meta.currency`, "USD" when not set).
    ///
    /// Errors: the stored code is not a currency (only a hand-edited file).
    pub fn currency(&self) -> Result<Currency, StoreError> {
        let code: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'currency'", [], |r| {
                r.get(0)
            })
            .optional()?;
        match code {
            None => Ok(Currency::USD),
            Some(code) => Currency::from_code(&code).map_err(|m| {
                StoreError::Refused(format!("the database's currency (meta.currency): {m}"))
            }),
        }
    }

    fn load_all<T: Row, C: FromIterator<Stored<T>>>(&self) -> Result<C, StoreError> {
        let sql = format!(
            "SELECT id, {} FROM {} ORDER BY id",
            column_list(T::COLUMNS),
            T::TABLE
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(read_row::<T>(row)?);
        }
        Ok(out.into_iter().collect())
    }

    /// Reads one record.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn get<T: Row>(&self, id: T::Id) -> Result<Option<Stored<T>>, StoreError> {
        let sql = format!(
            "SELECT id, {} FROM {} WHERE id = ?1",
            column_list(T::COLUMNS),
            T::TABLE
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([T::id_raw(id)])?;
        match rows.next()? {
            Some(row) => Ok(Some(read_row::<T>(row)?)),
            None => Ok(None),
        }
    }

    /// Re-reads `refs` from the database into `program`: updated records are
    /// replaced, deleted ones removed. This is how the in-memory program
    /// follows an edit, an undo or a redo without a full reload.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn refresh(&self, program: &mut Program, refs: &[RecordRef]) -> Result<(), StoreError> {
        for r in refs {
            match *r {
                RecordRef::Partner(id) => sync(&mut program.partners, id, self.get(id)?),
                RecordRef::Campaign(id) => sync(&mut program.campaigns, id, self.get(id)?),
                RecordRef::Milestone(id) => sync(&mut program.milestones, id, self.get(id)?),
                RecordRef::Responsibility(id) => {
                    sync(&mut program.responsibilities, id, self.get(id)?)
                }
                RecordRef::Asset(id) => sync(&mut program.assets, id, self.get(id)?),
                RecordRef::Fund(id) => sync(&mut program.funds, id, self.get(id)?),
                RecordRef::Request(id) => sync(&mut program.requests, id, self.get(id)?),
                RecordRef::Claim(id) => sync(&mut program.claims, id, self.get(id)?),
                RecordRef::Results(id) => sync(&mut program.results, id, self.get(id)?),
                RecordRef::Expense(id) => sync(&mut program.expenses, id, self.get(id)?),
                RecordRef::Contact(id) => sync(&mut program.contacts, id, self.get(id)?),
                RecordRef::Meeting(id) => sync(&mut program.meetings, id, self.get(id)?),
                RecordRef::Plan(id) => sync(&mut program.plans, id, self.get(id)?),
                RecordRef::PlanEntry(id) => sync(&mut program.plan_entries, id, self.get(id)?),
                // Pipeline evidence is not held in a Program: nothing to follow.
                RecordRef::Account(_)
                | RecordRef::Overlap(_)
                | RecordRef::Lead(_)
                | RecordRef::Opportunity(_)
                | RecordRef::Touch(_) => {}
            }
        }
        Ok(())
    }

    /// Runs one user edit as one transaction, recorded as one change set
    /// labelled `label` (shown by undo: "Undid: {label}").
    ///
    /// If `f` fails, nothing is written. If `f` changes nothing, no change
    /// set is recorded and the undo stack is untouched.
    ///
    /// Errors: whatever `f` returns; SQLite errors.
    pub fn edit<T>(
        &mut self,
        label: &str,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T, StoreError>,
    ) -> Result<Edited<T>, StoreError> {
        let (value, set_id, touched, label, records_before, records_after) = {
            let now = now_stamp();
            // IMMEDIATE: the write lock is taken before the first read, so
            // what an edit reads (the row as it is on disk now) is what it
            // writes over; another jmo waits (busy timeout) until it commits.
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut t = Tx {
                tx,
                set_id: None,
                actor: &self.actor,
                session: &self.session,
                now,
                touched: Vec::new(),
                seen: HashSet::new(),
                changes: 0,
                label: label.to_string(),
            };
            let records_before = summary::records_in(&t.tx);
            let value = f(&mut t)?;
            if t.changes == 0 {
                // Nothing changed: drop the empty change set.
                t.tx.rollback()?;
                return Ok(Edited {
                    value,
                    touched: Vec::new(),
                    label: label.to_string(),
                });
            }
            let touched = std::mem::take(&mut t.touched);
            let label = std::mem::take(&mut t.label);
            let set_id = t.set_id.unwrap_or_default();
            let records_after = summary::records_in(&t.tx);
            t.tx.commit()?;
            (value, set_id, touched, label, records_before, records_after)
        };
        self.own_commit(records_before, records_after);
        self.undo.push(set_id);
        self.redo.clear();
        self.seen_set = self.seen_set.max(set_id);
        Ok(Edited {
            value,
            touched,
            label,
        })
    }
}

fn sync<T: Record>(table: &mut program::Table<T>, id: T::Id, row: Option<Stored<T>>) {
    match row {
        Some(r) => table.upsert(r),
        None => {
            table.remove(id);
        }
    }
}

fn read_row<T: Row>(row: &rusqlite::Row<'_>) -> Result<Stored<T>, StoreError> {
    let id: i64 = row.get(0)?;
    let mut values: Vec<ValueRef<'_>> = Vec::with_capacity(T::COLUMNS.len());
    for i in 0..T::COLUMNS.len() {
        values.push(row.get_ref(i + 1)?);
    }
    let value = T::from_values(&values).map_err(|(column, message)| StoreError::Corrupt {
        table: T::TABLE,
        column,
        id,
        message,
    })?;
    Ok(Stored::new(T::id_from(id), value))
}

/// `"a", "b", "c"`: quoted column names (some, like `end`, are keywords).
pub(crate) fn column_list(columns: &[&str]) -> String {
    columns
        .iter()
        .map(|c| quote(c))
        .collect::<Vec<_>>()
        .join(", ")
}

fn quote(column: &str) -> String {
    format!("\"{column}\"")
}

/// Inserts `value` as row `id` of its table, without recording anything in
/// the history (the caller does, or restores the history verbatim).
fn insert_row_with_id<T: Row>(conn: &Connection, id: i64, value: &T) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO {} (\"id\", {}) VALUES ({})",
        T::TABLE,
        column_list(T::COLUMNS),
        placeholders(T::COLUMNS.len() + 1)
    );
    let values = std::iter::once(Value::Integer(id)).chain(value.values());
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}

fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole row as a JSON object (column → value), for the history.
pub(crate) fn row_json(conn: &Connection, table: &str, id: i64) -> Result<String, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
    let map = stmt
        .query_row([id], |r| {
            let mut m = serde_json::Map::new();
            for (i, name) in names.iter().enumerate() {
                m.insert(name.clone(), value_to_json(r.get::<_, Value>(i)?));
            }
            Ok(m)
        })
        .optional()?
        .ok_or_else(|| StoreError::Refused(format!("{table} {id} is gone")))?;
    Ok(serde_json::Value::Object(map).to_string())
}

pub(crate) fn value_to_json(v: Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => serde_json::Value::from(i),
        Value::Real(f) => serde_json::Value::from(f.to_string()),
        Value::Text(t) => serde_json::Value::String(t),
        Value::Blob(b) => serde_json::Value::String(String::from_utf8_lossy(&b).into_owned()),
    }
}

pub(crate) fn json_to_value(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Integer(i64::from(*b)),
        serde_json::Value::Number(n) => n
            .as_i64()
            .map_or_else(|| Value::Text(n.to_string()), Value::Integer),
        serde_json::Value::String(s) => Value::Text(s.clone()),
        other => Value::Text(other.to_string()),
    }
}

fn insert_set(
    conn: &Connection,
    at: &str,
    actor: &str,
    session: &str,
    label: &str,
    kind: &str,
    target: Option<i64>,
) -> Result<i64, StoreError> {
    conn.prepare_cached(
        "INSERT INTO change_sets (at, actor, session, label, kind, target) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![at, actor, session, label, kind, target])?;
    Ok(conn.last_insert_rowid())
}

fn now_stamp() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Who makes the edits: `$USER` (`$USERNAME` on Windows), else the login
/// name of the process's user, else "me". It names the changes in the
/// history, and `u` after a restart undoes this user's own edits only.
fn default_actor() -> String {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    var("USER")
        .or_else(|| var("USERNAME"))
        .or_else(login_name)
        .unwrap_or_else(|| "me".into())
}

#[cfg(unix)]
fn login_name() -> Option<String> {
    nix::unistd::User::from_uid(nix::unistd::getuid())
        .ok()
        .flatten()
        .map(|u| u.name)
}

#[cfg(not(unix))]
fn login_name() -> Option<String> {
    None
}

/// How a store is opened.
#[derive(Debug, Clone, Copy)]
enum Access {
    /// `jmo check`, `export`, `report`, `mdf packet`: read-only, as found.
    Read,
    /// The screen and the writing commands: WAL, marked, migrated.
    Write {
        /// What the file was judged to be before anything was written.
        judged: file::Judged,
    },
}

#[cfg(test)]
mod merge_tests;
#[cfg(test)]
mod open_tests;
#[cfg(test)]
mod partial_tests;
#[cfg(test)]
mod summary_tests;
#[cfg(test)]
mod tests;
