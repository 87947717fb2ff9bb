//! The CRM import started from the screen (issue 12 item 3; docs/crm.md
//! "From the screen"): `I` asks for a file (the prompt; `~` is the home
//! folder), the event loop reads it ([`Files::CrmRead`]: the same reading
//! as `jmo crm import`, [`crate::crm::source`]), and this view shows the
//! preview: the counts on top, one line per record in the command's words
//! ([`crate::crm::preview`]), the records that could not be read first.
//! Enter writes the plan as one edit through [`App::after_commit`] ("Import
//! campaigns from FILE"; `u` undoes it); with invalid records Enter refuses
//! and `w` writes only the valid ones (as `--skip-invalid`). Esc cancels:
//! nothing is written. Drawn by `ui/crm_import.rs`.

use super::prompt::{Prompt, PromptPurpose};
use super::{Cmd, Move, Outcome, View, help_key, moves, scrolled};
use crate::app::effects::{Effect, Files};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::view::Scrolling;
use crate::app::{App, Mode, StatusKind};
use crate::crm::import::{self, Outcome as PlanOutcome, Planned};
use crate::crm::preview::{counts_line, preview_line};
use crate::crm::read::Record;
use crate::crm::write::{write, writes};
use crate::domain::Program;
use crate::store::StoreError;
use crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

/// Lines of the view above its list: the counts and the keys.
pub const HEAD: usize = 2;
/// Lines of the view below its list: a rule and the selected line in
/// full (wrapped to 3 lines).
pub const FOOT: usize = 4;

/// What a preview line says, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A record that could not be read (file, line and column).
    Invalid,
    /// Links a campaign, at most setting its CRM id.
    Link,
    /// Links a campaign and changes other fields.
    Update,
    /// Creates a campaign.
    Create,
    /// Does nothing, and says why.
    Skip,
}

/// The preview of a file read for import.
#[derive(Debug, Clone)]
pub struct CrmImport {
    /// The file as typed, `~` expanded.
    pub file: PathBuf,
    /// The records read, planned again on Enter.
    pub records: Vec<Record>,
    /// The records that could not be read, located
    /// (`FILE:LINE:COLUMN: problem`, the file by its name).
    pub invalid: Vec<String>,
    /// The plan shown, on the program as it was when shown.
    pub planned: Vec<Planned>,
    /// The counts line: `2 link, 1 update, 1 create, 5 skip, 0 invalid`.
    pub counts: String,
    /// The lines shown: the invalid records, then one per planned record.
    pub lines: Vec<(Kind, String)>,
    /// The line under the cursor.
    pub index: usize,
    /// Why Enter did not write (shown over the list), if it did not.
    pub note: Option<String>,
}

/// The view's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Write the plan (refused while some records are invalid).
    Apply,
    /// Write the plan of the valid records, leaving the invalid ones out.
    ValidOnly,
    /// Close, writing nothing, and say so.
    Cancel,
}

impl CrmImport {
    /// The preview of `records` (and the `invalid` ones) read from `file`,
    /// planned on `program`.
    pub fn new(
        program: &Program,
        file: PathBuf,
        records: Vec<Record>,
        invalid: Vec<String>,
    ) -> CrmImport {
        let mut view = CrmImport {
            file,
            records,
            invalid,
            planned: Vec::new(),
            counts: String::new(),
            lines: Vec::new(),
            index: 0,
            note: None,
        };
        view.plan_on(program);
        view
    }

    /// Plans the records on `program` and sets the lines from it.
    fn plan_on(&mut self, program: &Program) {
        self.planned = import::plan(program, &self.records, None);
        self.counts = counts_line(&import::counts(&self.planned), self.invalid.len());
        let mut lines: Vec<(Kind, String)> = self
            .invalid
            .iter()
            .map(|p| (Kind::Invalid, format!("invalid: {p}")))
            .collect();
        lines.extend(self.planned.iter().map(|p| {
            let kind = match &p.outcome {
                o @ PlanOutcome::Link { .. } if o.is_update() => Kind::Update,
                PlanOutcome::Link { .. } => Kind::Link,
                PlanOutcome::Create { .. } => Kind::Create,
                PlanOutcome::Skip(_) => Kind::Skip,
            };
            (kind, preview_line(p, program))
        }));
        self.lines = lines;
        self.index = self.index.min(self.lines.len().saturating_sub(1));
    }

    /// The line under the counts, naming the keys (`enter`, `write` the
    /// valid ones, `esc`; `dot` between): "Enter applies · Esc cancels";
    /// with invalid records "1 invalid: Enter refuses · w writes the valid
    /// ones · Esc cancels" (or that nothing else is to write); with
    /// nothing to write, that and "Esc closes".
    pub fn keys_line(&self, enter: &str, write: &str, esc: &str, dot: &str) -> String {
        let valid = writes(&self.planned);
        match (self.invalid.len(), valid) {
            (0, true) => format!("{enter} applies {dot} {esc} cancels"),
            (0, false) => format!(
                "Nothing to write: every record links as it is, or is skipped {dot} {esc} closes"
            ),
            (n, true) => format!(
                "{n} invalid: {enter} refuses {dot} {write} writes the valid ones {dot} {esc} cancels"
            ),
            (n, false) => {
                format!("{n} invalid, nothing else to write: fix the file {dot} {esc} cancels")
            }
        }
    }

    /// The file's name, as the edit's label and the messages name it.
    pub fn file_name(&self) -> String {
        file_name(&self.file)
    }
}

/// `path`'s last part (the whole path when it has none).
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}

impl View for CrmImport {
    type Action = Act;
    const TITLE: &'static str = "Import from CRM";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let mut keys = vec![
            def(
                Cmd::Own(Act::Apply),
                "apply",
                &[Key::plain(KeyCode::Enter)],
                "write it all as one edit (u undoes it); refused while records are invalid",
            )
            .hint("apply"),
            def(
                Cmd::Own(Act::ValidOnly),
                "valid_only",
                &[Key::ch('w')],
                "write only the valid records, leaving the invalid ones out (--skip-invalid)",
            )
            .hint("write the valid ones"),
        ];
        keys.extend(moves(Some("move")));
        keys.push(help_key(false));
        keys.push(
            def(
                Cmd::Own(Act::Cancel),
                "close",
                &[Key::plain(KeyCode::Esc), Key::ch('q')],
                "cancel: nothing is written",
            )
            .hint("cancel"),
        );
        keys.push(def(
            Cmd::Own(Act::Cancel),
            "crm_import",
            &[Key::ch('I')],
            "cancel (the key that opened it)",
        ));
        keys
    }

    fn act(mut self, app: &mut App, action: Act) -> Outcome<CrmImport> {
        if action == Act::Cancel {
            return self.cancel(app);
        }
        if action == Act::Apply && !self.invalid.is_empty() {
            let v = app.keys.crm_import.key_label(Cmd::Own(Act::ValidOnly));
            self.note = Some(format!(
                "{} invalid: nothing was written; {v} writes the valid ones",
                crate::domain::words::count_of(self.invalid.len(), "record")
            ));
            return Outcome::Keep(self);
        }
        match app.apply_crm_import(&mut self) {
            true => Outcome::Close,
            false => Outcome::Keep(self),
        }
    }

    /// The cursor moves over the lines; a page is the list's height.
    fn moved(self, app: &mut App, to: Move) -> Outcome<CrmImport> {
        let room = Scrolling {
            max: self.lines.len().saturating_sub(1),
            page: app.areas.view_height().saturating_sub(HEAD + FOOT).max(1),
        };
        let index = scrolled(to, self.index, room);
        Outcome::Keep(CrmImport { index, ..self })
    }

    fn hint(&self, _app: &App, cmd: Cmd<Act>, label: &'static str) -> Option<String> {
        match cmd {
            Cmd::Own(Act::ValidOnly) if self.invalid.is_empty() || !writes(&self.planned) => None,
            Cmd::Own(Act::Apply) if !self.invalid.is_empty() || !writes(&self.planned) => None,
            _ => Some(label.to_string()),
        }
    }

    fn cancel(self, app: &mut App) -> Outcome<CrmImport> {
        app.say(StatusKind::Info, "Import cancelled: nothing was written");
        Outcome::Close
    }
}

/// `typed` with a leading `~` as the home folder (`~` alone, or `~/…`).
pub fn expand_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(h)) => h.to_path_buf(),
        (Some(rest), Some(h)) if rest.starts_with('/') => h.join(rest.trim_start_matches('/')),
        _ => PathBuf::from(typed),
    }
}

/// `problem` (`PATH:LINE:COLUMN: …`) with `file`'s folder left out, so the
/// file is named as the user knows it and the line fits the screen.
fn short_problem(problem: &str, file: &Path) -> String {
    let dir = file.parent().map(|d| d.display().to_string());
    match dir.filter(|d| !d.is_empty()) {
        Some(d) => problem
            .strip_prefix(&d)
            .and_then(|rest| rest.strip_prefix('/'))
            .unwrap_or(problem)
            .to_string(),
        None => problem.to_string(),
    }
}

impl App {
    /// `I`: asks for the file to import campaigns from.
    pub(crate) fn ask_crm_file(&mut self) {
        self.mode = Mode::Prompt(Prompt::new(
            "Import campaigns from (Data Loader CSV, tree JSON or plan):",
            PromptPurpose::CrmImport,
        ));
    }

    /// The file prompt's Enter: asks the event loop to read `typed` (the
    /// prompt stays, with the path, until the result comes back).
    ///
    /// Errors: nothing typed.
    pub(crate) fn read_crm_file(&mut self, typed: &str) -> Result<(), String> {
        if typed.is_empty() {
            return Err("type the file's path, e.g. ~/Downloads/success.csv".into());
        }
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let path = expand_home(typed, home.as_deref());
        let types = self.config.crm.types.clone();
        self.effect(Effect::Files(Files::CrmRead { path, types }));
        Ok(())
    }

    /// The file read: the preview replaces the prompt; when nothing could
    /// be read (no file, no Campaign records), the prompt says why and
    /// keeps the path.
    pub(crate) fn crm_file_read(
        &mut self,
        path: PathBuf,
        result: Result<(Vec<Record>, Vec<String>), String>,
    ) {
        let shown = |p: &String| short_problem(p, &path);
        let error = match result {
            Err(e) => e,
            Ok((records, problems)) if records.is_empty() => match problems.split_first() {
                Some((first, [])) => shown(first),
                Some((first, rest)) => format!("{} (and {} more)", shown(first), rest.len()),
                None => format!("{}: no Campaign records", file_name(&path)),
            },
            Ok((records, problems)) => {
                // An import matches campaigns across every partner.
                self.hold_all();
                let invalid = problems.iter().map(shown).collect();
                let view = CrmImport::new(&self.program, path, records, invalid);
                self.mode = Mode::CrmImport(view);
                return;
            }
        };
        match &mut self.mode {
            Mode::Prompt(p) if p.purpose == PromptPurpose::CrmImport => p.error = Some(error),
            _ => self.say(StatusKind::Error, format!("Not imported: {error}")),
        }
    }

    /// Enter in the preview: plans the records again on the program as it
    /// is now; if that differs from what is shown (another jmo changed a
    /// campaign), shows the new plan and writes nothing; else writes it as
    /// one edit. Returns whether the view closes.
    pub(crate) fn apply_crm_import(&mut self, view: &mut CrmImport) -> bool {
        let shown = view.planned.clone();
        view.plan_on(&self.program);
        if view.planned != shown {
            view.note = Some(
                "The campaigns changed since the preview: nothing was written; this is the plan now"
                    .into(),
            );
            return false;
        }
        if !writes(&view.planned) {
            self.say(
                StatusKind::Info,
                "Nothing to write: every record links as it is, or is skipped",
            );
            return true;
        }
        let label = format!("Import campaigns from {}", view.file_name());
        let (program, templates) = (&self.program, &self.templates);
        let owner = &self.config.our_owner;
        let planned = &view.planned;
        let done = self
            .store
            .edit(&label, |tx| write(tx, program, planned, templates, owner));
        match self.after_commit(done) {
            Ok((changed, created)) => {
                let undo = self.keymap.key_label(crate::app::Action::Undo);
                let left_out = match view.invalid.len() {
                    0 => String::new(),
                    n => format!(
                        "; {} left out",
                        crate::domain::words::count_of(n, "invalid record")
                    ),
                };
                self.say(
                    StatusKind::Saved,
                    format!(
                        "Imported from {}: {} changed, {created} created{left_out} ({undo} undoes it)",
                        view.file_name(),
                        crate::domain::words::count_of(changed, "campaign"),
                    ),
                );
                true
            }
            Err(StoreError::Refused(why)) => {
                let again = self.keymap.key_label(crate::app::Action::CrmImport);
                self.say(
                    StatusKind::Error,
                    format!("Not written: {why}; {again} imports the file again"),
                );
                true
            }
            Err(e) => {
                self.say(StatusKind::Error, format!("Not written: {e}"));
                true
            }
        }
    }
}

/// A path completed in the file prompt (Tab).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The text with its last part completed as far as the names agree
    /// (a folder's name ends in `/`).
    pub text: String,
    /// The names the last part could still be, when more than one (a
    /// folder's ends in `/`).
    pub choices: Vec<String>,
    /// How many names start with the last part typed.
    pub matches: usize,
    /// The names are hidden ones (`.` first), offered because nothing
    /// else is in the folder.
    pub hidden: bool,
    /// The folder of the last part could be read (it exists).
    pub folder: bool,
}

/// Completes the last part of `typed` from the names in its folder (`~`
/// is `home`): as far as they agree, a lone folder with its `/`. Hidden
/// names when the part starts with `.`, or when the folder holds nothing
/// else. Reads the folder: called by the event loop
/// ([`Files::CompletePath`]), never by the update step.
pub fn complete_path(typed: &str, home: Option<&Path>) -> Completion {
    let cut = typed.rfind('/').map_or(0, |i| i + 1);
    let (dir_typed, part) = typed.split_at(cut);
    let dir = if dir_typed.is_empty() {
        PathBuf::from(".")
    } else {
        expand_home(dir_typed, home)
    };
    let read = std::fs::read_dir(&dir);
    let folder = read.is_ok();
    let all: Vec<String> = read
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let dir = e.path().is_dir();
            name.starts_with(part)
                .then(|| if dir { name + "/" } else { name })
        })
        .collect();
    let visible: Vec<String> = all
        .iter()
        .filter(|n| part.starts_with('.') || !n.starts_with('.'))
        .cloned()
        .collect();
    let hidden = visible.is_empty() && !all.is_empty();
    let mut names = if hidden { all } else { visible };
    names.sort();
    let common = names
        .iter()
        .skip(1)
        .fold(names.first().cloned().unwrap_or_default(), |acc, n| {
            acc.chars()
                .zip(n.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect()
        });
    let text = if common.chars().count() > part.chars().count() {
        format!("{dir_typed}{common}")
    } else {
        typed.to_string()
    };
    let matches = names.len();
    let choices = if matches > 1 || hidden {
        names
    } else {
        Vec::new()
    };
    Completion {
        text,
        choices,
        matches,
        hidden,
        folder,
    }
}

/// What the file prompt says after Tab on `typed`: the names it could
/// still be, that only hidden entries are there, that the folder is empty
/// or missing, or that no name starts so; nothing for one name.
fn completion_message(typed: &str, c: &Completion) -> Option<String> {
    let dir = typed.rfind('/').map_or("", |i| &typed[..=i]);
    let shown = if dir.is_empty() { "this folder" } else { dir };
    match c.matches {
        _ if c.hidden => Some(format!(
            "only hidden entries here: {}",
            c.choices.join("  ")
        )),
        0 if !c.folder => Some(format!("no folder {shown}")),
        0 if typed.len() == dir.len() => Some(format!("{shown} is empty")),
        0 => Some(format!("no file or folder starts with '{typed}'")),
        1 => None,
        _ => Some(c.choices.join("  ")),
    }
}

impl App {
    /// Tab in the file prompt: asks the event loop to complete `typed`.
    pub(crate) fn complete_crm_path(&mut self, typed: String) {
        let home = std::env::var_os("HOME").map(PathBuf::from);
        self.effect(Effect::Files(Files::CompletePath { typed, home }));
    }

    /// A path completed: the prompt (still showing `typed`) takes the
    /// completion, and lists the names it could still be; no name at all
    /// is said.
    pub(crate) fn path_completed(&mut self, typed: &str, completion: Completion) {
        let Mode::Prompt(p) = &mut self.mode else {
            return;
        };
        let now = p.area.lines().first().cloned().unwrap_or_default();
        if p.purpose != PromptPurpose::CrmImport || now != typed {
            return;
        }
        p.area = super::line::line_editor(&completion.text);
        p.error = completion_message(typed, &completion);
    }
}
