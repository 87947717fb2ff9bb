//! Which files jmo may change, and how a file is read without changing it
//! (issue 10, items 3 and 4).
//!
//! - jmo marks its databases: `PRAGMA application_id` = [`APPLICATION_ID`]
//!   (ASCII "JMO1"). A database written by an older jmo, before the mark,
//!   is recognised by its tables ([`JMO_TABLES`]) and marked when a writing
//!   command opens it to write.
//! - Before anything is written, the file is looked at: does it exist, is it
//!   empty, is it an SQLite file at all, its mark, its schema version and its
//!   tables. Only a file created by this very command, or a jmo database of
//!   a version this jmo knows, is ever written, migrated or switched to WAL;
//!   every other file gets a [`Refusal`] and stays as it was, byte for byte.
//! - A new database is built whole under a temporary name in the same
//!   folder and then linked into place, so the path never holds a
//!   half-made (or zero-byte) database, even if jmo is killed meanwhile.
//! - Folders jmo creates are 0700 and databases 0600, whatever the umask.
//!
//! The doors: [`Store::open`] (the screen and the writing commands),
//! [`Store::copy_of`] (a writing command's trial run, so a refused command
//! writes nothing), [`Store::open_read_only`] and [`Store::read_snapshot`]
//! (`check`, `export`, `report`, `mdf packet`).

pub use super::refusal::Refusal;
use super::shape::Shape;
use super::{Access, Store, StoreError, schema};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// The mark in every jmo database's header (`PRAGMA application_id`):
/// the ASCII bytes "JMO1" as a big-endian 32-bit integer.
pub const APPLICATION_ID: i32 = 0x4A4D_4F31;

/// The tables every jmo database has had since schema version 1: an
/// unmarked file with all of them (and a schema version of 1 or more) was
/// written by a jmo older than the mark.
pub const JMO_TABLES: &[&str] = &[
    "meta",
    "partners",
    "campaigns",
    "milestones",
    "responsibilities",
    "assets",
    "funds",
    "mdf_requests",
    "claims",
    "results",
    "change_sets",
    "changes",
];

/// What the SQLite header and catalogue of a file say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Inspection {
    /// `PRAGMA application_id`.
    pub application_id: i32,
    /// `PRAGMA user_version`: jmo's schema version.
    pub user_version: i64,
    /// The tables (not SQLite's own), sorted.
    pub tables: Vec<String>,
    /// Every table (with its columns), index and trigger.
    shape: Shape,
}

impl Inspection {
    fn read(conn: &Connection) -> rusqlite::Result<Inspection> {
        let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let user_version = schema::version(conn)?;
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )?;
        let tables = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Inspection {
            application_id,
            user_version,
            tables,
            shape: Shape::read(conn)?,
        })
    }

    /// Whether the file is jmo's: it carries the mark, or it is an older
    /// jmo database (all of [`JMO_TABLES`], schema version 1 or more), of
    /// a version this jmo knows, with the tables of that version and none
    /// of a later one's (so its migration can run). Otherwise the refusal
    /// that describes it.
    pub fn judge(&self, path: &Path) -> Result<Judged, Refusal> {
        let marked = self.application_id == APPLICATION_ID;
        let old_jmo = self.application_id == 0
            && self.user_version >= 1
            && JMO_TABLES
                .iter()
                .all(|t| self.tables.iter().any(|have| have == t));
        if !marked && !old_jmo {
            return Err(Refusal::Foreign {
                path: path.to_path_buf(),
                application_id: self.application_id,
                tables: self.tables.clone(),
            });
        }
        if self.user_version > schema::latest_version() {
            return Err(Refusal::TooNew {
                path: path.to_path_buf(),
                found: self.user_version,
                supported: schema::latest_version(),
            });
        }
        // The reference is built in memory from the migrations; if even
        // that fails, the migration on the file would too: refuse.
        let problems = self
            .shape
            .mismatches(self.user_version)
            .unwrap_or_else(|e| vec![e]);
        if !problems.is_empty() {
            return Err(Refusal::Mismatch {
                path: path.to_path_buf(),
                version: self.user_version,
                problems,
            });
        }
        Ok(Judged { marked })
    }
}

/// A file judged to be jmo's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Judged {
    /// Whether it carries the mark already (else: mark it when writing).
    pub marked: bool,
}

/// What the first 100 bytes say, before SQLite opens anything.
struct Header {
    /// The file is in WAL mode (header bytes 18/19 are 2).
    wal: bool,
    /// The header carries jmo's mark (bytes 68–71, the application id).
    marked: bool,
}

/// Looks at the file's first bytes: refuses a missing path (for readers),
/// a link to nothing, a folder, a named pipe, socket or device, a
/// zero-byte file and a file that is not SQLite.
fn header(path: &Path) -> Result<Header, StoreError> {
    use std::io::Read;
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(match std::fs::read_link(path) {
                Ok(target) => Refusal::DanglingLink {
                    path: path.to_path_buf(),
                    target: path.parent().map_or(target.clone(), |d| d.join(&target)),
                },
                Err(_) => Refusal::Missing(path.to_path_buf()),
            }
            .into());
        }
        Err(e) => return Err(open_error(path, e)),
    };
    if meta.is_dir() {
        return Err(Refusal::Folder(path.to_path_buf()).into());
    }
    if !meta.is_file() {
        let kind = kind_of(&meta.file_type());
        return Err(Refusal::NotAFile {
            path: path.to_path_buf(),
            kind,
        }
        .into());
    }
    if meta.len() == 0 {
        return Err(Refusal::Empty(path.to_path_buf()).into());
    }
    let mut bytes = Vec::with_capacity(100);
    std::fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut bytes))
        .map_err(|e| open_error(path, e))?;
    if bytes.len() < 100 || !bytes.starts_with(b"SQLite format 3\0") {
        return Err(Refusal::NotSqlite(path.to_path_buf()).into());
    }
    Ok(Header {
        wal: bytes[18] == 2 || bytes[19] == 2,
        marked: bytes[68..72] == APPLICATION_ID.to_be_bytes(),
    })
}

/// "a folder", "a named pipe", "a socket", "a device": what is at a path
/// that is not a regular file.
pub fn kind_of(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() { "a folder" } else { "not a file" }
}

fn open_error(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Open {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The side file SQLite keeps next to `path` (`-wal`, `-shm`, `-journal`).
pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Who the file is, to tell whether another process changed it while it
/// was read without locks: device, inode, size, modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stamp(u64, u64, u64, Option<std::time::SystemTime>);

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let (dev, ino) = {
            use std::os::unix::fs::MetadataExt;
            (m.dev(), m.ino())
        };
        #[cfg(not(unix))]
        let (dev, ino) = (0, 0);
        Some(Stamp(dev, ino, m.len(), m.modified().ok()))
    }

    /// Whether the file is still the one stamped, unchanged, and no writer
    /// has started a write-ahead log beside it.
    pub fn still_holds(&self, path: &Path) -> bool {
        Stamp::of(path).as_ref() == Some(self) && !side_file(path, "-wal").exists()
    }
}

/// A read-only connection and what it found.
pub(super) struct ReadOnly {
    /// The connection (`SQLITE_OPEN_READ_ONLY`; writes fail).
    pub conn: Connection,
    /// The file's mark, version and tables.
    pub inspection: Inspection,
    /// Set when the file is read without locks (`immutable=1`): the stamp
    /// to check afterwards that no writer changed it meanwhile.
    pub unlocked: Option<Stamp>,
}

/// Opens `path` read-only and reads its mark, version and tables, changing
/// nothing: not the file, not its journal mode, and no side file is left.
///
/// How: always `SQLITE_OPEN_READ_ONLY` with a `file:…?mode=ro` URI. A
/// database in rollback-journal mode needs nothing more: readers take
/// SQLite's locks on the file itself. A database in WAL mode needs its
/// `-wal` and `-shm` files; when they exist, a writer has the database
/// open, and reading through them (with SQLite's locks) sees its last
/// commit while it keeps writing. When neither exists no connection is
/// open, and a read-only connection would create both and leave them
/// behind (it cannot check the log back in on close), or fail with
/// SQLITE_READONLY_DIRECTORY in a folder it may not write. So then the
/// file is read as `immutable=1`: no locks, no side files. What that gives
/// up, a writer that starts and checkpoints while jmo reads, is checked
/// afterwards with the file's [`Stamp`] (see `Store::read_snapshot`).
///
/// Errors: [`Refusal`] for a missing path, a folder, an empty or non-SQLite
/// file; [`StoreError::Open`] when SQLite cannot read it.
pub(super) fn open_read_only(path: &Path) -> Result<ReadOnly, StoreError> {
    let header = header(path)?;
    let unlocked =
        (header.wal && !side_file(path, "-wal").exists() && !side_file(path, "-shm").exists())
            .then(|| Stamp::of(path))
            .flatten();
    let uri = format!(
        "file:{}?mode=ro{}",
        uri_path(path),
        if unlocked.is_some() {
            "&immutable=1"
        } else {
            ""
        }
    );
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let opened = Connection::open_with_flags(&uri, flags).and_then(|conn| {
        conn.busy_timeout(super::BUSY_TIMEOUT)?;
        conn.pragma_update(None, "query_only", true)?;
        let inspection = Inspection::read(&conn)?;
        Ok((conn, inspection))
    });
    // A jmo that was killed can leave a write-ahead log whose index (the
    // -shm file) must be rebuilt before anyone reads it; a read-only
    // connection cannot ("attempt to write a readonly database"). For a
    // file with jmo's mark, a connection that may write the index (never
    // the database: query_only, no checkpoint, none on close) rebuilds it;
    // the database file stays byte for byte as it was.
    let opened = match opened {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ReadOnly
                && header.wal
                && header.marked
                && side_file(path, "-wal").exists() =>
        {
            open_recovering(path)
        }
        other => other,
    };
    let hot_journal = || std::fs::metadata(side_file(path, "-journal")).is_ok_and(|m| m.len() > 0);
    match opened {
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::ReadOnly && hot_journal() =>
        {
            Err(open_error(
                path,
                "it was left mid-write by a jmo that stopped (a hot journal); \
                 open it once with the screen or any jmo command that writes to finish the recovery",
            ))
        }
        Ok((conn, inspection)) => Ok(ReadOnly {
            conn,
            inspection,
            unlocked,
        }),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(Refusal::NotSqlite(path.to_path_buf()).into())
        }
        Err(e) => Err(open_error(path, schema::short_sqlite(&e))),
    }
}

/// A jmo killed in the middle of a transaction in rollback-journal mode (a
/// new database switching to WAL, say) leaves a hot journal: the database
/// is half-written until the journal is rolled back, which only a
/// connection that may write can do. For a file with jmo's mark, a writing
/// command rolls it back first, restoring the last commit; a foreign file
/// is left alone (and refused later).
///
/// Errors: SQLite errors (the file stays as it was).
fn recover_hot_journal(path: &Path) -> Result<(), StoreError> {
    let journal = side_file(path, "-journal");
    if !std::fs::metadata(&journal).is_ok_and(|m| m.len() > 0) {
        return Ok(());
    }
    if !header(path)?.marked {
        return Ok(());
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| open_error(path, schema::short_sqlite(&e)))?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|e| open_error(path, schema::short_sqlite(&e)))?;
    Ok(())
}

/// A connection to a marked WAL database whose log needs recovery after a
/// crash: it may write the log's index (-shm), never the database (it is
/// query-only, checkpoints neither automatically nor on close).
fn open_recovering(path: &Path) -> rusqlite::Result<(Connection, Inspection)> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    )?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    conn.pragma_update(None, "query_only", true)?;
    let inspection = Inspection::read(&conn)?;
    Ok((conn, inspection))
}

/// The path for a `file:` URI: every byte outside `A–Z a–z 0–9 - . _ ~ /`
/// percent-encoded, so `?`, `#` and `%` in a file name stay in the name.
fn uri_path(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str().as_bytes().to_vec()
    };
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut out = String::with_capacity(bytes.len());
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Gets `path` ready for a writing command, before anything is written to
/// an existing file: creates the folder (0700 where jmo creates it) and,
/// when there is no file, a new marked database at the newest schema;
/// otherwise checks that the file is jmo's and not newer than this build.
/// Returns whether the file is marked (`false`: an older jmo file, to mark).
///
/// Errors: [`Refusal`] for a file that is not jmo's or too new;
/// [`StoreError::Open`] for I/O errors.
pub(super) fn prepare_for_writing(path: &Path) -> Result<Judged, StoreError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_private_dirs(parent).map_err(|e| open_error(parent, e))?;
    }
    if !path.exists() && std::fs::symlink_metadata(path).is_err() {
        create_database(path)?;
    }
    recover_hot_journal(path)?;
    let ro = open_read_only(path)?;
    let judged = ro.inspection.judge(path)?;
    Ok(judged)
}

/// Builds a new database at `path`: a private temporary file in the same
/// folder gets the mark and every migration, then is linked into place
/// (never over a file someone else created meanwhile, which is then left
/// to be judged like any existing file).
fn create_database(path: &Path) -> Result<(), StoreError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "jmo.db".into());
    let tmp = dir.join(format!(".{name}.{}.new", std::process::id()));
    // Errors name the user's path and its folder, never the temporary name.
    let built = build_new(&tmp)
        .map_err(|e| match e {
            StoreError::Open { message, .. } => open_error(
                path,
                format!("{message}; cannot create a file in {}", dir.display()),
            ),
            other => other,
        })
        .and_then(|()| match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            // A file system without hard links: rename, unless a file appeared.
            Err(_) if !path.exists() => {
                std::fs::rename(&tmp, path).map_err(|e| open_error(path, e))
            }
            Err(_) => Ok(()),
        });
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(side_file(&tmp, suffix));
    }
    built
}

/// The new database at the temporary `tmp`: created 0600, marked, migrated.
fn build_new(tmp: &Path) -> Result<(), StoreError> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(tmp).map_err(|e| open_error(tmp, e))?;
    set_mode(tmp, 0o600).map_err(|e| open_error(tmp, e))?;
    let mut conn = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    schema::migrate(&mut conn)?;
    Ok(())
}

/// Sets the permission bits of `path` (Unix; elsewhere nothing).
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}

/// Creates `dir` and its missing parents, each one jmo creates private to
/// its owner (0700) whatever the umask; folders that exist are left as
/// they are. For the data folder, `--out` and `packet_dir` (issue 10,
/// item 4; as the XDG base directory spec asks of the data folder).
///
/// Errors: the I/O error of the first folder that cannot be created.
pub fn create_private_dirs(dir: &Path) -> std::io::Result<()> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(d) = at.filter(|d| !d.as_os_str().is_empty()) {
        if d.is_dir() {
            break;
        }
        missing.push(d);
        at = d.parent();
    }
    for d in missing.into_iter().rev() {
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(d) {
            // The umask may have taken bits off 0700: put them back.
            Ok(()) => set_mode(d, 0o700)?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A warning when the database file can be read by others than its owner
/// (group or world permission bits): partner money and customer data
/// should not be. jmo never changes the mode of a file it did not create
/// in this run (the owner may share it on purpose); it says how to:
/// "database readable by others (mode 0644): chmod 600 PATH".
pub fn privacy_warning(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then(|| {
            format!(
                "database readable by others (mode {mode:04o}): chmod 600 {}",
                path.display()
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Why a jmo database cannot be opened for writing, and what still works.
const READ_ONLY_HINT: &str = "it is read-only here (the file or its folder may not be written); \
     jmo check, export, report and mdf packet can still read it";

impl Store {
    /// Opens (creating if needed) the database at `path` for reading and
    /// writing. Everything is checked before anything is written (issue 10,
    /// item 3): a missing file is created whole (folder 0700, file 0600,
    /// marked, at the newest schema); an existing file must be a jmo
    /// database (marked, or an older jmo file, which gets the mark) of a
    /// schema this jmo knows, with the tables of that schema. Only then is
    /// it switched to WAL (with `synchronous=FULL` and foreign keys),
    /// marked and migrated: opening is itself a write. A command that may
    /// still refuse for its own reasons (nothing to write, a bad value)
    /// tries its change on [`Store::copy_of`] first, and opens the file
    /// with this only when there is something to write.
    ///
    /// Errors: [`StoreError::File`] for a file that is not jmo's (another
    /// program's database, an empty or non-SQLite file, a newer jmo's, one
    /// whose tables do not match its version), untouched; [`StoreError::Open`] when it cannot be created or read.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let judged = prepare_for_writing(path)?;
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::Open {
            path: path.to_path_buf(),
            message: schema::short_sqlite(&e),
        })?;
        // SQLite falls back to reading a file it may not write: say so
        // before anything tries to.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                message: READ_ONLY_HINT.into(),
            });
        }
        Store::setup(conn, Some(path.to_path_buf()), Access::Write { judged }).map_err(
            |e| match e {
                StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _))
                    if f.code == rusqlite::ErrorCode::ReadOnly
                        || f.code == rusqlite::ErrorCode::CannotOpen =>
                {
                    StoreError::Open {
                        path: path.to_path_buf(),
                        message: READ_ONLY_HINT.into(),
                    }
                }
                other => other,
            },
        )
    }

    /// Opens an existing database for reading only (`jmo check`, `export`,
    /// `report`, `mdf packet`): `SQLITE_OPEN_READ_ONLY`, no journal-mode
    /// change, no migration, no side file left behind; it works on a
    /// read-only file, in a read-only folder and while another jmo writes.
    /// Every write through it fails. The file must be a jmo database of
    /// exactly this jmo's schema (an older one needs a writing command to
    /// migrate it first). See this module's docs for how it reads without
    /// locks when no writer is there, and [`Store::read_snapshot`] for a
    /// read that checks no writer changed the file meanwhile.
    ///
    /// Errors: [`StoreError::File`] for a missing file, a file that is not
    /// jmo's, or a schema older or newer than this jmo's;
    /// [`StoreError::Open`] when SQLite cannot read it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let ro = open_read_only(path)?;
        ro.inspection.judge(path)?;
        if ro.inspection.user_version < schema::latest_version() {
            return Err(Refusal::Outdated {
                path: path.to_path_buf(),
                found: ro.inspection.user_version,
                latest: schema::latest_version(),
            }
            .into());
        }
        let mut store = Store::setup(ro.conn, Some(path.to_path_buf()), Access::Read)?;
        store.unlocked = ro.unlocked;
        Ok(store)
    }

    /// Opens `path` read-only ([`Store::open_read_only`]) and runs `read`
    /// on it; when the file was read without locks (no writer had it open),
    /// checks afterwards that no writer changed it meanwhile, and if one
    /// did, reads again (by then through the writer's log, with locks), up
    /// to three times.
    ///
    /// Errors: those of [`Store::open_read_only`] and of `read`;
    /// [`StoreError::Refused`] when the file kept changing.
    pub fn read_snapshot<T, E: From<StoreError>>(
        path: &Path,
        read: impl Fn(&Store) -> Result<T, E>,
    ) -> Result<T, E> {
        for _ in 0..3 {
            let store = Store::open_read_only(path)?;
            let result = read(&store);
            match &store.unlocked {
                Some(stamp) if !stamp.still_holds(path) => continue,
                _ => return result,
            }
        }
        Err(StoreError::Refused(format!(
            "{} kept changing while it was read; try again",
            path.display()
        ))
        .into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_spells_jmo1() {
        assert_eq!(APPLICATION_ID.to_be_bytes(), *b"JMO1");
    }

    #[test]
    fn uri_paths_keep_odd_characters_in_the_name() {
        assert_eq!(
            uri_path(Path::new("/tmp/a b?c#d%e.db")),
            "/tmp/a%20b%3Fc%23d%25e.db"
        );
    }
}
