//! What only the event loop does: leave, suspend, and the file work a key
//! or a tick asks for (writing reports and packets, looking for proof
//! files and at the database file's mode). The
//! update step never touches a file: it queues an [`Effect`]; the event
//! loop (`tui.rs`) takes it, does the work ([`Files::run`]) and hands the
//! result back ([`App::finished`]), which says in the status bar what was
//! written or found. Tests run the same way through [`run_files`].

use super::{App, Mode, StatusKind, files};
use crate::domain::packet::{self, Packet};
use crate::domain::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Something only the event loop can do (it owns the terminal and the
/// files).
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Leave.
    Quit,
    /// Suspend the process (Ctrl-Z) and redraw on return.
    Suspend,
    /// File work; its result goes back to [`App::finished`].
    Files(Files),
    /// A long text field in `$EDITOR`, the terminal given back around it;
    /// its result goes back to [`App::edited`].
    Editor(super::editor::Edit),
    /// Derive and store the summaries of partners whose records the
    /// screen does not hold, on a thread of its own with its own
    /// connection; each batch goes back to [`App::summaries_derived`].
    Summaries(Box<super::SummaryJob>),
}

/// File work the update step asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Files {
    /// Write report files (path, text), each whole, never over the
    /// database (`database`: its path) (`W`).
    Reports {
        /// The files and their text.
        files: Vec<(PathBuf, String)>,
        /// The database file, never written over.
        database: Option<PathBuf>,
    },
    /// Look for the local proof files of expenses (rule M8).
    Proof {
        /// Each expense with its local (not URL) proof references.
        refs: Vec<(ExpenseId, Vec<String>)>,
        /// Every expense is listed: the ones missing nothing are cleared.
        all: bool,
        /// What to do once they were looked for.
        then: Option<Then>,
    },
    /// Look at the database file's mode: can others read it? (issue 10,
    /// item 4)
    Privacy {
        /// The database file.
        database: PathBuf,
    },
    /// Write a reimbursement packet (`P`) into `dir` (the current folder
    /// when `None`).
    Packet {
        /// The packet.
        packet: Box<Packet>,
        /// Where to.
        dir: Option<PathBuf>,
        /// The database file, never written over.
        database: Option<PathBuf>,
    },
    /// Read a CRM file's Campaign records for import (`I`), through the
    /// Salesforce profile with the config's Type map (`types`).
    CrmRead {
        /// The file.
        path: PathBuf,
        /// `[crm.salesforce.types]`.
        types: crate::crm::salesforce::TypeMap,
    },
    /// Complete the path typed in the file prompt (Tab).
    CompletePath {
        /// The text typed.
        typed: String,
        /// The home folder, for a leading `~`.
        home: Option<PathBuf>,
    },
}

/// What to do after the proof files were looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Build and write the request's packet (a draft when `draft`).
    Packet {
        /// The MDF request.
        request: RequestId,
        /// Written as a draft, with what it still needs.
        draft: bool,
    },
}

/// What the file work did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Done {
    /// The reports written (full paths), or why not.
    Reports(Result<Vec<String>, String>),
    /// The proof references not found, per expense looked at.
    Proof {
        /// Each expense looked at with its references not found (maybe none).
        found: Vec<(ExpenseId, Vec<String>)>,
        /// Every expense was looked at.
        all: bool,
        /// What to do next.
        then: Option<Then>,
    },
    /// The warning when others can read the database, or none.
    Privacy(Option<String>),
    /// The packet's two files (full paths), or why not.
    Packet {
        /// It was a draft.
        draft: bool,
        /// The Markdown and CSV files written, or the error.
        result: Result<[String; 2], String>,
    },
    /// A CRM file read: its records and its located problems, or why it
    /// could not be read at all.
    CrmRead {
        /// The file.
        path: PathBuf,
        /// The records and the problems (`FILE:LINE:COLUMN: …`), or the error.
        result: CrmRecords,
    },
    /// A path completed: the text it was typed as, and the completion.
    Completed {
        /// The text typed when Tab was pressed.
        typed: String,
        /// The text completed and the names it could still be.
        completion: super::views::crm_import::Completion,
    },
}

/// The records of a CRM file and its problems, or why it cannot be read.
pub type CrmRecords = Result<(Vec<crate::crm::read::Record>, Vec<String>), String>;

/// A path as the status bar shows it: in full.
fn full(path: &std::path::Path) -> String {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

impl Files {
    /// Does the work. File I/O: called by the event loop (or
    /// [`run_files`]), never by the update step.
    pub fn run(self) -> Done {
        match self {
            Files::Reports { files, database } => {
                let mut written = Vec::new();
                for (file, text) in files {
                    if let Err(e) = files::write_new_file(&file, &text, database.as_deref()) {
                        return Done::Reports(Err(format!("cannot write {}: {e}", file.display())));
                    }
                    written.push(full(&file));
                }
                Done::Reports(Ok(written))
            }
            Files::Proof { refs, all, then } => Done::Proof {
                found: refs
                    .into_iter()
                    .map(|(id, refs)| (id, files::not_found(&refs)))
                    .collect(),
                all,
                then,
            },
            Files::Privacy { database } => {
                Done::Privacy(crate::store::file::privacy_warning(&database))
            }
            Files::Packet {
                packet,
                dir,
                database,
            } => Done::Packet {
                draft: packet.is_draft(),
                result: files::write_packet(&packet, dir.as_deref(), database.as_deref())
                    .map(|[md, csv]| [full(&md), full(&csv)])
                    .map_err(|e| e.to_string()),
            },
            Files::CrmRead { path, types } => {
                let result = crate::crm::source::profile(&types).and_then(|profile| {
                    crate::crm::source::read_file(&path, &profile, &mut crate::crm::source::plain)
                });
                Done::CrmRead { path, result }
            }
            Files::CompletePath { typed, home } => Done::Completed {
                completion: super::views::crm_import::complete_path(&typed, home.as_deref()),
                typed,
            },
        }
    }
}

/// Runs every pending file job of `app` and hands each result back, as
/// the event loop does after each key and tick; leaving, suspending and
/// the editor stay for the loop.
pub fn run_files(app: &mut App) {
    let mut kept = Vec::new();
    while let Some(effect) = app.take_effect() {
        match effect {
            Effect::Files(job) => {
                let done = job.run();
                app.finished(done);
            }
            // The background pass, here in the caller's thread, on its
            // own connection as on the event loop's thread.
            Effect::Summaries(job) => {
                if let Ok(mut store) = crate::store::Store::open(&job.database) {
                    let mut got = Vec::new();
                    let _ = job.run(&mut store, |rows| {
                        got.extend(rows);
                        true
                    });
                    app.summaries_derived(got);
                }
            }
            other => kept.push(other),
        }
    }
    app.effects.extend(kept);
}

impl App {
    /// Queues an effect for the event loop.
    pub(crate) fn effect(&mut self, effect: Effect) {
        self.effects.push_back(effect);
    }

    /// Takes the next pending effect for the event loop, if any.
    pub fn take_effect(&mut self) -> Option<Effect> {
        self.effects.pop_front()
    }

    /// The local proof references of `expenses` (all when `None`), to look
    /// for on disk.
    fn proof_refs(&self, expenses: Option<&[ExpenseId]>) -> Vec<(ExpenseId, Vec<String>)> {
        let of = |e: &Stored<Expense>| {
            let refs = e
                .proofs()
                .into_iter()
                .filter(|p| !p.is_url())
                .map(|p| p.reference)
                .collect();
            (e.id, refs)
        };
        match expenses {
            None => self.program.expenses.iter().map(of).collect(),
            Some(ids) => ids
                .iter()
                .map(|id| self.program.expenses.get(*id).map_or((*id, Vec::new()), of))
                .collect(),
        }
    }

    /// Asks the event loop to look for the proof files of `expenses` (all
    /// when `None`), then to do `then`.
    pub(crate) fn check_proof_files(&mut self, expenses: Option<&[ExpenseId]>, then: Option<Then>) {
        let refs = self.proof_refs(expenses);
        self.effect(Effect::Files(Files::Proof {
            refs,
            all: expenses.is_none(),
            then,
        }));
    }

    /// Looks for every proof file now: only while setting up ([`App::new`]),
    /// before the first frame.
    pub(crate) fn check_proof_files_now(&mut self) {
        let refs = self.proof_refs(None);
        let done = Files::Proof {
            refs,
            all: true,
            then: None,
        }
        .run();
        if let Done::Proof { found, .. } = done {
            self.missing_files = found.into_iter().filter(|(_, m)| !m.is_empty()).collect();
        }
    }

    /// Asks the event loop to write report `files`.
    pub(crate) fn write_files(&mut self, files: Vec<(PathBuf, String)>) {
        let database = self.store.path().map(std::path::Path::to_path_buf);
        self.effect(Effect::Files(Files::Reports { files, database }));
    }

    /// Takes the result of file work: says what was written, or updates
    /// the missing proof files (re-deriving the partners whose expenses
    /// found or lost a file) and goes on with what waited for them.
    pub fn finished(&mut self, done: Done) {
        match done {
            Done::Reports(Ok(written)) => self.say(
                StatusKind::Saved,
                format!("Written: {}", written.join(" and ")),
            ),
            Done::Privacy(warning) => self.privacy = warning,
            Done::CrmRead { path, result } => self.crm_file_read(path, result),
            Done::Completed { typed, completion } => self.path_completed(&typed, completion),
            Done::Reports(Err(e)) => {
                self.say(StatusKind::Error, format!("Report not written: {e}"));
            }
            Done::Packet { draft, result } => match result {
                Ok([md, csv]) => self.say(
                    if draft {
                        StatusKind::Warning
                    } else {
                        StatusKind::Saved
                    },
                    format!(
                        "{} written: {md} and {csv}",
                        if draft { "Draft packet" } else { "Packet" }
                    ),
                ),
                Err(e) => self.say(StatusKind::Error, format!("Packet not written: {e}")),
            },
            Done::Proof { found, all, then } => {
                let before = self.missing_files.clone();
                if all {
                    self.missing_files.clear();
                }
                for (id, missing) in found {
                    if missing.is_empty() {
                        self.missing_files.remove(&id);
                    } else {
                        self.missing_files.insert(id, missing);
                    }
                }
                let changed: BTreeSet<PartnerId> = before
                    .keys()
                    .chain(self.missing_files.keys())
                    .filter(|e| before.get(e) != self.missing_files.get(e))
                    .filter_map(|e| self.program.partner_of(RecordRef::Expense(*e)))
                    .collect();
                self.rederive(changed);
                match then {
                    Some(Then::Packet { request, draft }) => self.build_packet(request, draft),
                    None => {}
                }
            }
        }
    }

    /// Builds the request's packet from the proof files just looked for:
    /// written by the event loop, or, when not claimable yet, a notice of
    /// what it still needs with a key that writes a draft.
    fn build_packet(&mut self, request: RequestId, draft: bool) {
        match packet::build(
            &self.program,
            request,
            &self.config.policies,
            &self.missing_files,
            self.today,
            draft,
        ) {
            Ok(p) => {
                let database = self.store.path().map(std::path::Path::to_path_buf);
                self.effect(Effect::Files(Files::Packet {
                    packet: Box::new(p),
                    dir: self.config.packet_dir.clone(),
                    database,
                }));
            }
            Err(packet::Missing(missing)) => {
                let mode = Mode::Notice(super::views::notice::Notice {
                    title: "Not claimable yet: the packet needs".into(),
                    lines: missing,
                    action: Some((
                        'd',
                        "write a DRAFT packet anyway".into(),
                        super::MenuChoice::DraftPacket(request),
                    )),
                });
                // Over whatever is open now (its result came later).
                if !matches!(self.mode, Mode::Normal) {
                    let under = std::mem::replace(&mut self.mode, Mode::Normal);
                    self.back.push(under);
                }
                self.mode = mode;
            }
        }
    }
}
