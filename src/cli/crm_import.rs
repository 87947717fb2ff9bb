//! `jmo crm import FILE [--partner NAME] [--apply] [--skip-invalid]
//! [--profile PROFILE.toml]` (issue 12 items 2 and 4, docs/crm.md
//! "Import"): reads Campaign records from a Data Loader CSV (export or
//! success file), an sObject Tree JSON file or a tree plan file — or,
//! through a user's import profile, another CRM's campaign export — plans
//! them ([`crate::crm::import`]) and prints the preview; with `--apply`
//! writes the plan as one store edit. A file of 1 MiB or more shows a
//! progress bar on standard error when that is a terminal.

use super::{Cli, crm_progress, db_path, fail, read_program, resolve_partner, to_stdout};
use crate::crm::import;
use crate::crm::preview::{counts_line, preview_line};
use crate::crm::profile::read_profile;
use crate::crm::read::Record;
use crate::crm::source::{profile, read_file};
use crate::crm::write::{write, writes};
use crate::store::{Store, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

/// `jmo crm import` arguments.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The file: a Data Loader CSV (an export or the success file of an insert), an sObject Tree JSON file, or the plan file of `sf data import tree --plan` (JSON by its .json name or its first character).
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

/// Runs `jmo crm import`.
pub fn run(cli: &Cli, args: &ImportArgs) -> ExitCode {
    let (program, loaded) = match read_program(cli) {
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
    let mut bars = Vec::new();
    let mut wrap = |f: std::fs::File| -> Box<dyn std::io::Read> {
        let bar = crm_progress::for_file(&f);
        bars.push(bar.clone());
        Box::new(bar.wrap_read(f))
    };
    let read = read_file(&args.file, &profile, &mut wrap);
    for bar in &bars {
        bar.finish_and_clear();
    }
    let (records, problems) = match read {
        Ok(x) => x,
        Err(e) => return fail(1, e),
    };
    for p in &problems {
        eprintln!("{p}");
    }
    let planned = import::plan(&program, &records, partner);
    let n = import::counts(&planned);
    let mut text: String = planned
        .iter()
        .map(|p| preview_line(p, &program) + "\n")
        .collect();
    text.push_str(&counts_line(&n, problems.len()));
    text.push('\n');
    if !problems.is_empty() && !args.skip_invalid {
        let _ = to_stdout(&text);
        return fail(
            1,
            "invalid records: nothing was written (--skip-invalid writes the valid ones)",
        );
    }
    if !args.apply {
        text.push_str("Preview only: nothing was written; --apply writes it.\n");
        return match to_stdout(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(1, e),
        };
    }
    let _ = to_stdout(&text);
    apply(cli, args, &records, partner, &loaded)
}

/// Writes the plan (made again on the database as it is now) as one edit
/// labelled "Import campaigns from FILE".
fn apply(
    cli: &Cli,
    args: &ImportArgs,
    records: &[Record],
    partner: Option<crate::domain::PartnerId>,
    loaded: &crate::app::config::Loaded,
) -> ExitCode {
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    let program = match store.load_program() {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let planned = import::plan(&program, records, partner);
    if !writes(&planned) {
        return match to_stdout("Nothing to write: every record links as it is, or is skipped.\n") {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(1, e),
        };
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
            &planned,
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
        Err(e) => fail(1, format!("nothing was written: {e}")),
    }
}
