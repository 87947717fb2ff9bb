//! Why jmo refuses a file, in words (issue 10, item 3): each [`Refusal`]
//! says what the file is and what to do, in one or two lines; the CLI
//! prints it and exits with code 2. `file.rs` decides; this module words.

use std::path::PathBuf;

/// What to do about a file jmo will not open, for the refusal messages.
const PASS_ANOTHER: &str = "Pass --db with a jmo database or a new file name.";

/// Why jmo refuses a file. Each message is one or two lines: what the file
/// is, and what to do; the CLI prints it and exits with code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// A read-only command was pointed at a path with no file.
    #[error("no database at {} (run jmo to create one, or jmo demo for the example plan)", .0.display())]
    Missing(PathBuf),
    /// The path is a folder.
    #[error("{} is a folder, not a database file; pass --db with a file name", .0.display())]
    Folder(PathBuf),
    /// The path is a named pipe, a socket or a device ("a named pipe").
    #[error("{} is {kind}, not a database file; jmo never opens it.\n{PASS_ANOTHER}", .path.display())]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What is there: "a named pipe", "a socket", "a device".
        kind: &'static str,
    },
    /// The path is a symbolic link to where there is no file: jmo creates
    /// a database only at a path it names itself, never through a link.
    #[error("{} is a symbolic link to {}, where there is no file; jmo does not create a database through a link.\nPass --db {} to create it there, or --db with another file name.", .path.display(), .target.display(), .target.display())]
    DanglingLink {
        /// The link.
        path: PathBuf,
        /// Where it points (a relative link joined to the link's folder).
        target: PathBuf,
    },
    /// A zero-byte file that was there before this command.
    #[error("{} is an empty file, not a jmo database; jmo never changes it.\n{PASS_ANOTHER}", .0.display())]
    Empty(PathBuf),
    /// The file does not start with SQLite's header.
    #[error("{} is not a jmo database (not an SQLite file); jmo never changes it.\n{PASS_ANOTHER}", .0.display())]
    NotSqlite(PathBuf),
    /// An SQLite database without jmo's mark or tables.
    #[error("{} is {}; jmo never changes it.\n{PASS_ANOTHER}", .path.display(), describe_foreign(*.application_id, .tables))]
    Foreign {
        /// The file.
        path: PathBuf,
        /// Its `PRAGMA application_id` (0: none).
        application_id: i32,
        /// Its tables, sorted.
        tables: Vec<String>,
    },
    /// A jmo database of a schema newer than this build's.
    #[error("{} was written by a newer jmo (schema version {found}; this jmo knows up to {supported}); jmo never changes it.\nUpdate jmo to open it.", .path.display())]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        supported: i64,
    },
    /// A jmo database whose tables do not match its schema version (a
    /// table missing, or one of a later version already there): its
    /// migration would fail half-way, so nothing is written to it.
    #[error("{} is a jmo database of schema version {version}, but its tables do not match that version ({}); jmo never changes it.\nRestore it from a backup or an export (jmo import), or pass --db with another file.", .path.display(), describe_mismatches(.problems))]
    Mismatch {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        version: i64,
        /// What does not match, e.g. "no table expenses".
        problems: Vec<String>,
    },
    /// A read-only command met a jmo database of an older schema: reading
    /// it would need a migration, which only a writing command does.
    #[error("{} is a jmo database of an older version (schema {found}; this jmo uses {latest}), and read-only commands never upgrade it.\nOpen it once in the screen (jmo --db {}) to upgrade it, then try again.", .path.display(), .path.display())]
    Outdated {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// This build's schema version.
        latest: i64,
    },
}

/// The first few of `items`, joined: "a, b, c and 4 more".
fn list_some(items: &[String]) -> String {
    const SHOWN: usize = 3;
    if items.len() <= SHOWN {
        items.join(", ")
    } else {
        format!(
            "{} and {} more",
            items[..SHOWN].join(", "),
            items.len() - SHOWN
        )
    }
}

/// The mismatches of a file's schema counted by kind, each kind with its
/// first few names (review 2 of issue 10, N11): "1 table missing:
/// expenses; 5 columns missing: mdf_requests.expected_roi, … and 2 more".
/// Kinds: tables and columns missing, tables and columns of a later
/// version already there, then anything else as written.
fn describe_mismatches(problems: &[String]) -> String {
    use crate::domain::words::count_of;
    let kinds: [(&str, &str, &str, &str); 4] = [
        ("no table ", "", "table", "missing"),
        ("no column ", "", "column", "missing"),
        (
            "table ",
            " already there",
            "table",
            "of a later version already there",
        ),
        (
            "column ",
            " already there",
            "column",
            "of a later version already there",
        ),
    ];
    let mut parts = Vec::new();
    let mut rest: Vec<String> = problems.to_vec();
    for (prefix, suffix, noun, what) in kinds {
        let (names, others): (Vec<String>, Vec<String>) = rest.into_iter().partition(|p| {
            p.starts_with(prefix) && p.ends_with(suffix) && p.len() > prefix.len() + suffix.len()
        });
        rest = others;
        if !names.is_empty() {
            let names: Vec<String> = names
                .iter()
                .map(|p| p[prefix.len()..p.len() - suffix.len()].to_string())
                .collect();
            parts.push(format!(
                "{} {what}: {}",
                count_of(names.len(), noun),
                list_some(&names)
            ));
        }
    }
    if !rest.is_empty() {
        parts.push(list_some(&rest));
    }
    parts.join("; ")
}

/// "an SQLite database of another program (application_id 0x…, tables: …)".
fn describe_foreign(application_id: i32, tables: &[String]) -> String {
    if application_id == 0 && tables.is_empty() {
        return "an empty SQLite database that jmo did not create".into();
    }
    let mut parts = Vec::new();
    if application_id != 0 {
        parts.push(format!("application_id {application_id:#010x}"));
    }
    const SHOWN: usize = 6;
    if tables.is_empty() {
        parts.push("no tables".into());
    } else if tables.len() <= SHOWN {
        parts.push(format!("tables: {}", tables.join(", ")));
    } else {
        parts.push(format!(
            "tables: {} and {} more",
            tables[..SHOWN].join(", "),
            tables.len() - SHOWN
        ));
    }
    format!(
        "an SQLite database of another program ({})",
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_foreign_file_is_described_briefly() {
        let many: Vec<String> = (1..=9).map(|i| format!("t{i}")).collect();
        let text = describe_foreign(0x1234_5678, &many);
        assert_eq!(
            text,
            "an SQLite database of another program (application_id 0x12345678, tables: t1, t2, t3, t4, t5, t6 and 3 more)"
        );
        assert_eq!(
            describe_foreign(0, &[]),
            "an empty SQLite database that jmo did not create"
        );
    }
}
