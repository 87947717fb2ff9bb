//! Files on disk, for the CLI and the screen alike: writing what the user
//! asked for (exports, reimbursement packets), whole or not at all and
//! private to the owner; and looking for the proof files expenses refer to
//! (SPEC §11: jmo stores the references and checks that a path exists).

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
/// (the current folder when `None`; created 0700 if missing), each private to its
/// owner and written whole (see [`write_new_file`]); an older packet of
/// the same name is replaced. Returns the two paths written, Markdown
/// first (issue 3, item 7).
///
/// Errors: the I/O error, its message naming the file.
pub fn write_packet(
    packet: &crate::domain::packet::Packet,
    dir: Option<&Path>,
) -> std::io::Result<[PathBuf; 2]> {
    let path = |ext: &str| {
        let name = format!("{}.{ext}", packet.file_stem);
        dir.map_or_else(|| PathBuf::from(&name), |d| d.join(&name))
    };
    let files = [path("md"), path("csv")];
    for (file, text) in files.iter().zip([&packet.markdown, &packet.csv]) {
        write_new_file(file, text).map_err(|e| {
            std::io::Error::new(e.kind(), format!("cannot write {}: {e}", file.display()))
        })?;
    }
    Ok(files)
}

/// Writes `text` to `file` through a temporary file in the same folder,
/// renamed into place, so a crash never leaves half an export. Missing
/// folders on the way are created private to the owner (0700, issue 10,
/// item 4).
pub fn write_new_file(file: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::store::file::create_private_dirs(dir)?;
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    // The export holds the whole database: private to its owner, like it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let written = opts.open(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&tmp, file)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
