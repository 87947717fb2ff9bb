//! `jmo crm import FILE [--partner NAME] [--apply] [--skip-invalid]
//! [--profile PROFILE.toml]` (issue 12 items 2 and 4, docs/crm.md
//! "Import"): reads Campaign records from a Data Loader CSV (export or
//! success file), an sObject Tree JSON file or a tree plan file — or,
//! through a user's import profile, another CRM's campaign export — plans
//! them ([`crate::crm::import`]) and prints the preview; with `--apply`
//! writes the plan as one store edit. A file of 1 MiB or more shows a
//! progress bar on standard error when that is a terminal.

use super::{Cli, crm_progress, db_path, fail, read_with, resolve_partner, to_stdout};
use crate::crm::import::{self, Counts, Outcome, Planned};
use crate::crm::preview::{counts_line, preview_line};
use crate::crm::profile::read_profile;
use crate::crm::source::{profile, visit_file};
use crate::crm::write::{write, writes};
use crate::domain::Program;
use crate::store::{Store, StoreError};
use indicatif::ProgressBar;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

/// `jmo crm import` arguments.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file: a Data Loader CSV (an export or the success file of an insert), an sObject Tree JSON file, or the plan file of `sf data import tree --plan` (JSON by its .json name or its first character); or a pipeline-evidence file (Salesforce or HubSpot export, overlap or touches CSV).
    pub file: PathBuf,
    /// The partner of new campaigns whose name is not "Partner: X - Y" (its name or partner:ID).
    #[arg(long, value_name = "NAME")]
    pub partner: Option<String>,
    /// Write the plan, as one edit (one `u` undoes it); without it, only the preview is printed.
    #[arg(long)]
    pub apply: bool,
    /// Go on when some records cannot be read: plan (and with --apply write) the others; the rest are listed on standard error.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Read FILE through this import profile (TOML: columns, types, value maps; docs/crm.md "Writing an import profile") instead of the built-in Salesforce Campaign one.
    #[arg(long, value_name = "PROFILE.toml")]
    pub profile: Option<PathBuf>,
}

/// Runs `jmo crm import`: the partners and campaigns are read (not what
/// is under them), then the file a record at a time, each record planned
/// and its preview line printed as it comes, so a preview takes memory
/// for the names only, whatever the file's size; with `--apply` only the
/// records that write are kept, then written as one edit.
pub fn run(cli: &Cli, args: &ImportArgs) -> ExitCode {
    if let Some(profile) = evidence_profile(cli, args) {
        return super::crm_evidence::run(cli, args, profile);
    }
    let (program, loaded) = match read_with(cli, Store::load_names) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let profile = match &args.profile {
        Some(path) => match read_profile(path) {
            Ok(p) => p,
            Err(e) => return fail(2, e),
        },
        None => match profile(&loaded.config.crm.types) {
            Ok(p) => p,
            Err(e) => return fail(2, format!("[crm.salesforce.types]: {e}")),
        },
    };
    let partner = match &args.partner {
        Some(name) => match resolve_partner(&program, name) {
            Ok(p) => Some(p),
            Err(code) => return code,
        },
        None => None,
    };
    let bars: RefCell<Vec<ProgressBar>> = RefCell::new(Vec::new());
    let mut wrap = |f: std::fs::File| -> Box<dyn std::io::Read> {
        let bar = crm_progress::for_file(&f);
        bars.borrow_mut().push(bar.clone());
        Box::new(bar.wrap_read(f))
    };
    let mut planner = import::Planner::new(&program, partner);
    let mut out = Chunked::new(&bars);
    let mut n = Counts::default();
    let mut invalid = 0;
    let (mut records, mut writing) = (0usize, 0usize);
    let mut kept: Vec<Planned> = Vec::new();
    let read = visit_file(&args.file, &profile, &mut wrap, &mut |item| match item {
        Ok(record) => {
            let p = planner.plan(&record);
            n.add(&p);
            records += 1;
            out.line(&preview_line(&p, &program));
            if writes(std::slice::from_ref(&p)) {
                writing += 1;
                if args.apply {
                    kept.push(p);
                }
            }
        }
        Err(problem) => {
            invalid += 1;
            out.problem(&problem);
        }
    });
    for bar in bars.borrow().iter() {
        bar.finish_and_clear();
    }
    if let Err(e) = read {
        let _ = out.flush();
        return fail(1, e);
    }
    out.line(&counts_line(&n, invalid));
    if records == 0 {
        // A whole-file problem (no Name column, no rows, an empty file):
        // --skip-invalid has nothing to keep.
        let _ = out.flush();
        return fail(
            1,
            format!(
                "{}: no Campaign record could be read: nothing was written",
                args.file.display()
            ),
        );
    }
    if invalid > 0 && !args.skip_invalid {
        let _ = out.flush();
        return fail(
            1,
            "invalid records: nothing was written (--skip-invalid writes the valid ones)",
        );
    }
    if !args.apply {
        out.line(if writing == 0 {
            NOTHING_TO_WRITE
        } else {
            "Preview only: nothing was written; --apply writes it."
        });
        return match out.flush() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(1, e),
        };
    }
    if let Err(e) = out.flush() {
        return fail(1, e);
    }
    apply(cli, args, program, &kept, &loaded)
}

/// The last line when no record writes anything (preview or `--apply`).
const NOTHING_TO_WRITE: &str = "Nothing to write: every record links as it is, or is skipped.";

/// Standard output in chunks of [`CHUNK`] bytes, written with any
/// progress bar suspended so the bar and the lines do not mix; problems go
/// to standard error at once, the same way. A reader that went away (`|
/// head`) is not an error; another write error is kept and returned by
/// [`Chunked::flush`].
struct Chunked<'b> {
    bars: &'b RefCell<Vec<ProgressBar>>,
    text: String,
    error: Option<std::io::Error>,
}

/// How much preview text is held before it is written.
const CHUNK: usize = 64 * 1024;

impl<'b> Chunked<'b> {
    fn new(bars: &'b RefCell<Vec<ProgressBar>>) -> Self {
        Chunked {
            bars,
            text: String::with_capacity(CHUNK + 256),
            error: None,
        }
    }

    fn suspended<T>(&self, f: impl FnOnce() -> T) -> T {
        match self.bars.borrow().last() {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
        if self.text.len() >= CHUNK {
            self.write();
        }
    }

    fn problem(&mut self, problem: &str) {
        self.write();
        self.suspended(|| eprintln!("{problem}"));
    }

    fn write(&mut self) {
        if self.text.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.text);
        if self.error.is_none()
            && let Err(e) = self.suspended(|| to_stdout(&text))
        {
            self.error = Some(e);
        }
        self.text = text;
        self.text.clear();
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.write();
        self.error.take().map_or(Ok(()), Err)
    }
}

/// Writes the records that write (planned on `program`, kept in file
/// order) as one edit labelled "Import campaigns from FILE"; a campaign
/// changed since `program` was read refuses the whole edit. What the
/// write needs beyond the names (a changed campaign's milestones and
/// checklist, which follow its dates; a new campaign's partner contacts,
/// its default owners) is read for the partners it touches only.
fn apply(
    cli: &Cli,
    args: &ImportArgs,
    mut program: Program,
    planned: &[Planned],
    loaded: &crate::app::config::Loaded,
) -> ExitCode {
    if planned.is_empty() {
        return match to_stdout(&format!("{NOTHING_TO_WRITE}\n")) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(1, e),
        };
    }
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    if let Err(e) = read_touched(&store, &mut program, planned) {
        return fail(1, format!("nothing was written: {e}"));
    }
    let file_name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let label = format!("Import campaigns from {file_name}");
    let written = store.edit(&label, |tx| {
        write(
            tx,
            &program,
            planned,
            &loaded.templates,
            &loaded.config.our_owner,
        )
    });
    match written {
        Ok(e) => {
            let (changed, created) = e.value;
            let text = format!(
                "Written as one edit ({label}): {changed} campaign{} changed, {created} created{}.\n",
                if changed == 1 { "" } else { "s" },
                if created > 0 {
                    " with their milestones and checklists"
                } else {
                    ""
                }
            );
            match to_stdout(&text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(1, e),
            }
        }
        Err(StoreError::Conflict(c)) => fail(
            1,
            format!("nothing was written: {c}; run the command again"),
        ),
        Err(StoreError::Refused(why)) => fail(
            1,
            format!("nothing was written: {why}; run the command again"),
        ),
        Err(e) => fail(1, format!("nothing was written: {e}")),
    }
}

/// Adds to `program` (the partners and campaigns the plan was made on)
/// the records under the partners `planned` touches: each changed
/// campaign's partner and each new campaign's. The partners and campaigns
/// read now are dropped: the write compares each campaign with the one
/// the plan saw.
///
/// Errors: the store's.
fn read_touched(
    store: &Store,
    program: &mut Program,
    planned: &[Planned],
) -> Result<(), StoreError> {
    let partners: BTreeSet<_> = planned
        .iter()
        .filter_map(|p| match &p.outcome {
            Outcome::Link {
                campaign, changes, ..
            } if !changes.is_empty() => program.campaigns.get(*campaign).map(|c| c.partner_id),
            Outcome::Create { partner, .. } => Some(*partner),
            _ => None,
        })
        .collect();
    store.in_read_transaction(|| {
        for p in partners {
            let mut part = store.load_partner(p)?;
            part.partners = Default::default();
            part.campaigns = Default::default();
            program.absorb(part);
        }
        Ok(())
    })
}

/// The evidence profile that reads `args.file`, when it is a pipeline
/// evidence file (docs/crm.md "Pipeline evidence files"): the `--profile`
/// given, if its target is not a campaign; else the shipped profile its
/// header (or an sObject Tree file's object) fits better than the
/// Salesforce Campaign one. `None`: the file is read as campaigns (and
/// any problem with it is reported there).
fn evidence_profile(cli: &Cli, args: &ImportArgs) -> Option<crate::crm::profile::Profile> {
    use crate::crm::profile::Target;
    if let Some(path) = &args.profile {
        return read_profile(path)
            .ok()
            .filter(|p| p.target != Target::Campaign);
    }
    let mut set = crate::crm::evidence::profiles().ok()?;
    let loaded = crate::app::config::load(cli.config.as_deref());
    set.0.push(profile(&loaded.config.crm.types).ok()?);
    set.for_file(&args.file)
        .ok()
        .filter(|p| p.target != Target::Campaign)
        .cloned()
}
