//! Files on disk, for the CLI and the screen alike: writing what the user
//! asked for (exports, reimbursement packets), whole or not at all and
//! private to the owner; and looking for the proof files expenses refer to
//! (docs/domain.md §11: jmo stores the references and checks that a path exists).

use crate::domain::expense::{Expense, MissingFiles};
use crate::domain::program::Program;
use std::path::{Path, PathBuf};

/// A proof reference as a path: `~/` is the home folder.
fn local_path(reference: &str) -> PathBuf {
    match (reference.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Path::new(&home).join(rest),
        _ => PathBuf::from(reference),
    }
}

/// The proof references of `expense` that are local paths (not URLs) with
/// no file or folder there, as typed; empty when all are found.
pub fn missing_files_of(expense: &Expense) -> Vec<String> {
    expense
        .proofs()
        .into_iter()
        .filter(|p| !p.is_url() && !local_path(&p.reference).exists())
        .map(|p| p.reference)
        .collect()
}

/// The `references` (local paths, as typed) with no file or folder there.
pub fn not_found(references: &[String]) -> Vec<String> {
    references
        .iter()
        .filter(|r| !local_path(r).exists())
        .cloned()
        .collect()
}

/// Every expense in force whose proof files are not all found (for
/// `jmo check` and `jmo mdf packet`; the screen keeps its own up to date).
pub fn missing_proof_files(program: &Program) -> MissingFiles {
    program
        .expenses
        .iter()
        .filter(|e| e.is_active())
        .map(|e| (e.id, missing_files_of(e)))
        .filter(|(_, m)| !m.is_empty())
        .collect()
}

/// Writes a reimbursement packet as `<stem>.md` and `<stem>.csv` into `dir`
/// (the current folder when `None`; created 0700 if missing): see
/// [`write_packets`]. Returns the two paths written, Markdown first
/// (issue 3, item 7).
///
/// Errors: as [`write_packets`].
pub fn write_packet(
    packet: &crate::domain::packet::Packet,
    dir: Option<&Path>,
    database: Option<&Path>,
) -> std::io::Result<[PathBuf; 2]> {
    let mut written = write_packets(std::slice::from_ref(packet), dir, database)?;
    written
        .pop()
        .ok_or_else(|| std::io::Error::other("no packet to write"))
}

/// Writes each packet as `<stem>.md` and `<stem>.csv` into `dir` (the
/// current folder when `None`; created 0700 if missing), each file as
/// [`write_new_file`] writes one (which also says what `database` is
/// for); an older packet of the same name is replaced. Returns the paths
/// written, per packet, Markdown first.
///
/// Whole or not at all (review 2 of issue 10, N10): every path is
/// checked, and every text written to its temporary file, before any is
/// renamed into place; a refused path leaves no file of any packet.
///
/// Errors: `dir` is a file, not a folder; a file's I/O error, its message
/// naming the file and, when nothing was written, saying so.
pub fn write_packets(
    packets: &[crate::domain::packet::Packet],
    dir: Option<&Path>,
    database: Option<&Path>,
) -> std::io::Result<Vec<[PathBuf; 2]>> {
    let nothing = if packets.len() == 1 {
        format!("nothing of packet R{} was written", packets[0].request)
    } else {
        "no packet was written".to_string()
    };
    let mut files = Vec::with_capacity(2 * packets.len());
    for p in packets {
        files.push((format!("{}.md", p.file_stem), p.markdown.as_str()));
        files.push((format!("{}.csv", p.file_stem), p.csv.as_str()));
    }
    let written = write_files(&files, dir, database, "the packet", &nothing)?;
    Ok(written
        .chunks(2)
        .map(|w| [w[0].clone(), w[1].clone()])
        .collect())
}

/// Writes each `(name, text)` into `dir` (the current folder when `None`;
/// created 0700 if missing), each as [`write_new_file`] writes one; a file
/// of the same name is replaced. Returns the paths written, in order.
/// `what` names the files in the refusal of a `dir` that is a file ("the
/// packet"); `nothing` is said after a failure before any file was put in
/// place ("no packet was written").
///
/// Whole or not at all (review 2 of issue 10, N10): every path is
/// checked, and every text written to its temporary file, before any is
/// renamed into place; a refused path leaves none of the files.
///
/// Errors: `dir` is a file, not a folder; a file's I/O error, its message
/// naming the file and, when nothing was written, saying so.
pub fn write_files(
    files: &[(String, &str)],
    dir: Option<&Path>,
    database: Option<&Path>,
    what: &str,
    nothing: &str,
) -> std::io::Result<Vec<PathBuf>> {
    if let Some(d) = dir
        && std::fs::metadata(d).is_ok_and(|m| !m.is_dir())
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "cannot write {what} into {}: it is a file, not a folder",
                d.display()
            ),
        ));
    }
    let in_dir = |name: &str| dir.map_or_else(|| PathBuf::from(name), |d| d.join(name));
    let failed = |file: &Path, e: std::io::Error, note: &str| {
        std::io::Error::new(
            e.kind(),
            format!("cannot write {}: {e}{note}", file.display()),
        )
    };
    let note = format!("; {nothing}");
    let mut staged = Vec::with_capacity(files.len());
    for (name, text) in files {
        let file = in_dir(name);
        let target = writable_target(&file, database).map_err(|e| failed(&file, e, &note))?;
        let s = stage(target, text).map_err(|e| failed(&file, e, &note))?;
        staged.push((file, s));
    }
    let mut written = Vec::with_capacity(staged.len());
    for (file, s) in staged {
        s.put_in_place().map_err(|e| failed(&file, e, ""))?;
        written.push(file);
    }
    Ok(written)
}

/// Writes `text` to `file`, whole or not at all: through a temporary file
/// in the same folder (from the `tempfile` crate), renamed over the file,
/// so a crash never leaves half an export. A new file is private to the
/// owner (0600), a file already there keeps its mode; missing folders on
/// the way are created 0700 (issue 10, item 4).
///
/// What is at the path is written to, never replaced by something else
/// (review 1 of issue 10, item 3): a symbolic link keeps pointing where it
/// did, and the file it points to gets the text (a link to nothing: that
/// file is created); a folder, named pipe, socket or device is refused
/// ([`is_not_a_file`] tells that error), nothing written; so is a path
/// into /dev or /proc (`/dev/stdout`), and a file this process has open,
/// e.g. the file its standard output goes to ([`is_open_here`]). Nor is
/// `database` (the file jmo works on) or one of its side files (`-wal`,
/// `-shm`, `-journal`) ever written over, whether named or reached through
/// a link (review 2 of issue 10, N1; [`is_the_database`] tells that error).
///
/// (Not the `atomic-write-file` crate: it replaces a symbolic link with
/// the file, and a device or pipe as well, which is what this must not
/// do; `tempfile` gives the private temporary file and the rename.)
///
/// Errors: I/O errors; a folder, pipe, socket or device at the path; the
/// path is the database or one of its side files.
pub fn write_new_file(file: &Path, text: &str, database: Option<&Path>) -> std::io::Result<()> {
    stage(writable_target(file, database)?, text)?.put_in_place()
}

/// A text written whole to a private temporary file beside the file it
/// is for, ready to be renamed over it; dropped, the temporary file is
/// removed.
struct Staged {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
}

/// Writes `text` to a temporary file in `target`'s folder, creating
/// missing folders 0700, and syncs it. Its mode is the mode of the file
/// already at `target` (a file the user made, maybe shared on purpose,
/// keeps its mode: review 2 of issue 10, N13), else 0600 (tempfile's
/// default on Unix), whatever the umask.
///
/// Errors: I/O errors.
fn stage(target: PathBuf, text: &str) -> std::io::Result<Staged> {
    use std::io::Write;
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::store::file::create_private_dirs(dir)?;
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    if let Ok(there) = std::fs::metadata(&target) {
        use std::os::unix::fs::PermissionsExt;
        let mode = there.permissions().mode() & 0o777;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    Ok(Staged { tmp, target })
}

impl Staged {
    /// Renames the temporary file over the file it is for.
    ///
    /// Errors: the rename's I/O error (the temporary file is removed).
    fn put_in_place(self) -> std::io::Result<()> {
        self.tmp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}

/// Something at an output path that is not a regular file: a folder, a
/// named pipe, a socket or a device, or a path into /dev or /proc; what
/// it is, as said to the user ("it is a folder, not a regular file").
#[derive(Debug)]
struct NotAFile(String);

impl std::fmt::Display for NotAFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotAFile {}

/// Whether `e` (from [`write_new_file`]) says the path holds a folder,
/// named pipe, socket or device rather than a regular file, or leads into
/// /dev or /proc.
pub fn is_not_a_file(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<NotAFile>())
}

/// A file this process has open at an output path: the number of its
/// file descriptor (1: standard output).
#[derive(Debug)]
struct OpenHere(u32);

impl std::fmt::Display for OpenHere {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.0 {
            0 => "this jmo's standard input",
            1 => "this jmo's standard output",
            2 => "this jmo's standard error",
            _ => "a file this jmo has open",
        };
        write!(f, "it is {what}, not a file to write over")
    }
}

impl std::error::Error for OpenHere {}

/// Whether `e` (from [`write_new_file`]) says the path is a file this
/// process has open, e.g. its standard output (`--out log.txt >> log.txt`).
pub fn is_open_here(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<OpenHere>())
}

/// The database (or its side file `-wal`, …) at an output path.
#[derive(Debug)]
struct TheDatabase {
    /// The database's file, or its side file, as reached.
    file: PathBuf,
    /// "" for the database itself, else its side file's suffix ("-wal", …).
    side: &'static str,
}

impl std::fmt::Display for TheDatabase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.side {
            "" => write!(f, "it is the database ({})", self.file.display()),
            side => write!(
                f,
                "it is the database's {side} file ({})",
                self.file.display()
            ),
        }
    }
}

impl std::error::Error for TheDatabase {}

/// Whether `e` (from [`write_new_file`]) says the path is the database or
/// one of its side files.
pub fn is_the_database(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<TheDatabase>())
}

/// The files SQLite keeps beside a database: `""` is the database itself.
const SIDE_FILES: [&str; 4] = ["", "-wal", "-shm", "-journal"];

/// Refuses `target` (an absolute output path, folder resolved) when it is the database at
/// `db` or one of its side files: by name (the database as given, and
/// the file its links lead to, as SQLite names the side files after
/// either) or, for files that exist, by identity (same device and inode).
///
/// Errors: [`TheDatabase`] as an `InvalidInput` I/O error.
fn refuse_the_database(target: &Path, db: &Path) -> std::io::Result<()> {
    let target_id = file_id(target);
    let given = resolved_folder(db)?;
    let real = std::fs::canonicalize(db).unwrap_or_else(|_| given.clone());
    for base in [&given, &real] {
        for side in SIDE_FILES {
            let mut name = base.clone().into_os_string();
            name.push(side);
            let file = PathBuf::from(name);
            if target == file || target_id.is_some() && target_id == file_id(&file) {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    TheDatabase { file, side },
                ));
            }
        }
    }
    Ok(())
}

/// The device and inode of the file at `path` (links followed), when
/// there is one.
fn file_id(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// `path` made absolute with the links in its folder resolved: the
/// longest part of the folder that exists, as [`std::fs::canonicalize`]
/// gives it, then the rest as written, then the file name (itself not
/// followed). A path with no file name (`/`, `x/..`) is only made
/// absolute.
///
/// Errors: no current folder for a relative path.
fn resolved_folder(path: &Path) -> std::io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    let (Some(folder), Some(name)) = (abs.parent(), abs.file_name()) else {
        return Ok(abs);
    };
    let mut rest = vec![name];
    let mut base = folder;
    loop {
        if let Ok(mut real) = std::fs::canonicalize(base) {
            real.extend(rest.iter().rev());
            return Ok(real);
        }
        match (base.parent(), base.file_name()) {
            (Some(up), Some(n)) => {
                rest.push(n);
                base = up;
            }
            _ => return Ok(abs),
        }
    }
}

/// The regular file that writing to `file` should replace: `file` itself,
/// or for a symbolic link the file it points to (followed to the end, a
/// link to nothing: the file it names), as an absolute path with its
/// folder's links resolved.
///
/// A path that is, or leads through, /dev or /proc is refused whatever it
/// ends at (review 2 of issue 10, N2): `/dev/stdout` and `/proc/self/fd/1`
/// lead to this process's standard output, which may be a file the shell
/// opened (`>> log.txt`) and that must not be replaced. (/dev/shm, a
/// folder for ordinary files, is not refused.) So is a file this process
/// has open (`--out log.txt >> log.txt`), and `database` and its side
/// files (see [`refuse_the_database`]; checked first: the screen has the
/// database open, and "it is the database" says more).
///
/// Errors: a folder, named pipe, socket or device there, or a path into
/// /dev or /proc ([`NotAFile`]); the database ([`TheDatabase`]); a file
/// this process has open ([`OpenHere`]); too many links; I/O errors.
fn writable_target(file: &Path, database: Option<&Path>) -> std::io::Result<PathBuf> {
    let refuse = |e: Box<dyn std::error::Error + Send + Sync>| {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, e)
    };
    let mut at = file.to_path_buf();
    for _ in 0..40 {
        let abs = resolved_folder(&at)?;
        if let Some(what) = special_place(&abs) {
            return Err(refuse(Box::new(NotAFile(what.into()))));
        }
        match std::fs::symlink_metadata(&abs) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&abs)?;
                at = abs.parent().unwrap_or(Path::new("/")).join(link);
            }
            Ok(m) if m.is_file() => {
                if let Some(db) = database {
                    refuse_the_database(&abs, db)?;
                }
                return match file_id(&abs).and_then(open_here) {
                    Some(fd) => Err(refuse(Box::new(OpenHere(fd)))),
                    None => Ok(abs),
                };
            }
            Ok(m) => {
                let what = format!(
                    "it is {}, not a regular file",
                    crate::store::file::kind_of(&m.file_type())
                );
                return Err(refuse(Box::new(NotAFile(what))));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if let Some(db) = database {
                    refuse_the_database(&abs, db)?;
                }
                return Ok(abs);
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// Why `path` (absolute, folder resolved) is no place for an output:
/// it is in /dev (except /dev/shm) or /proc.
fn special_place(path: &Path) -> Option<&'static str> {
    if path.starts_with("/proc") {
        Some("it is in /proc (a process's open files), not a regular file")
    } else if path.starts_with("/dev") && !path.starts_with("/dev/shm") {
        Some("it is a device (in /dev), not a regular file")
    } else {
        None
    }
}

/// Which of this process's open files has the identity `id` (device,
/// inode): its file descriptor number, looked up in /proc/self/fd (or
/// /dev/fd where there is no /proc).
fn open_here(id: (u64, u64)) -> Option<u32> {
    let dir = ["/proc/self/fd", "/dev/fd"]
        .into_iter()
        .find(|d| Path::new(d).is_dir())?;
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|entry| file_id(&entry.path()) == Some(id))
        .find_map(|entry| entry.file_name().to_str()?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn a_new_file_is_written_whole_and_private_with_no_temporary_left() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("out/plan.md");
        write_new_file(&file, "plan", None).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "plan");
        assert_eq!(mode(&file), 0o600);
        assert_eq!(mode(&dir.path().join("out")), 0o700);
        assert_eq!(
            std::fs::read_dir(dir.path().join("out")).unwrap().count(),
            1
        );
        // Written again: replaced whole.
        write_new_file(&file, "plan 2", None).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "plan 2");
    }

    /// A symbolic link stays a link; the file it points to gets the text.
    #[test]
    fn a_symbolic_link_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write_new_file(&link, "new", None).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("real.txt"));
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        // A link to nothing (yet): the file it names is created.
        let dangling = dir.path().join("later.md");
        std::os::unix::fs::symlink("sub/later.txt", &dangling).unwrap();
        write_new_file(&dangling, "later", None).unwrap();
        assert!(
            std::fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("sub/later.txt")).unwrap(),
            "later"
        );
    }

    /// The database, a link to it and its side files are never written over
    /// (what `W` and `P` pass: the screen's database), by name or by inode.
    #[test]
    fn the_database_and_its_side_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("jmo.db");
        std::fs::write(&db, "the data").unwrap();
        // Open, as in the screen: still "the database", not "a file open here".
        let _open = std::fs::File::open(&db).unwrap();
        std::os::unix::fs::symlink("jmo.db", dir.path().join("link.md")).unwrap();
        std::fs::hard_link(&db, dir.path().join("hard.md")).unwrap();
        for name in [
            "jmo.db",
            "link.md",
            "hard.md",
            "jmo.db-wal",
            "jmo.db-journal",
        ] {
            let err = write_new_file(&dir.path().join(name), "report", Some(&db)).unwrap_err();
            assert!(is_the_database(&err), "{name}: {err}");
        }
        assert_eq!(std::fs::read_to_string(&db).unwrap(), "the data");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
        // The database given as a link (`--db link.md`): the file it leads to.
        let err = write_new_file(&db, "report", Some(Path::new(&dir.path().join("link.md"))))
            .unwrap_err();
        assert!(is_the_database(&err), "{err}");
        // Another file beside it is written.
        write_new_file(&dir.path().join("plan.md"), "plan", Some(&db)).unwrap();
    }

    /// A folder, a named pipe or a device is refused, left as it was. (The
    /// device only through a link: were this ever broken, a test run as
    /// root must not replace /dev/null itself.)
    #[test]
    fn a_folder_a_pipe_or_a_device_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let folder = dir.path().join("folder.md");
        std::fs::create_dir(&folder).unwrap();
        let to_null = dir.path().join("null.md");
        std::os::unix::fs::symlink("/dev/null", &to_null).unwrap();
        for (path, says) in [
            (fifo.as_path(), "it is a named pipe, not a regular file"),
            (folder.as_path(), "it is a folder, not a regular file"),
            (
                to_null.as_path(),
                "it is a device (in /dev), not a regular file",
            ),
        ] {
            let err = write_new_file(path, "text", None).unwrap_err();
            assert!(is_not_a_file(&err), "{path:?}: {err:?}");
            assert_eq!(err.to_string(), says, "{path:?}");
        }
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        assert!(
            std::fs::symlink_metadata(&to_null)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 3, "no temporary file left");
    }
}
