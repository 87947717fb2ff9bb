//! `jmo crm import FILE` for a pipeline-evidence file (issue 14 item 1;
//! docs/crm.md "Pipeline evidence files"): accounts, overlap snapshots,
//! leads and campaign members, opportunities and their partners, and
//! partner touches, from Salesforce, HubSpot, an account-mapping tool or
//! jmo's touches CSV. Each row is planned against the database
//! ([`crate::store::evidence_import`]) and its preview line printed; with
//! `--apply` the plan is written as one edit (one `u` undoes it).

use super::crm_import::ImportArgs;
use super::{Cli, crm_progress, db_path, fail, read_existing, to_stdout};
use crate::crm::evidence::{ProfileSet, read_evidence_file_with};
use crate::crm::profile::Profile;
use crate::store::evidence_import::{Counts, Planned, Planner, write_plan};
use crate::store::{Store, StoreError};
use std::fmt::Write as _;
use std::process::ExitCode;

/// Runs the evidence import of `args.file` read through `profile`.
/// Exit 1 when a record cannot be read (nothing is written unless
/// `--skip-invalid`), no record could be read, or the write fails; 2 when
/// the database cannot be opened.
pub fn run(cli: &Cli, args: &ImportArgs, profile: Profile) -> ExitCode {
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let set = ProfileSet(vec![profile]);
    // A large file shows how far the reading is, then the planning, on a
    // terminal's standard error (crm_progress).
    let bars: std::cell::RefCell<Vec<indicatif::ProgressBar>> = Default::default();
    let mut wrap = |f: std::fs::File| -> Box<dyn std::io::Read> {
        let bar = crm_progress::for_file(&f);
        bars.borrow_mut().push(bar.clone());
        Box::new(bar.wrap_read(f))
    };
    let read = read_evidence_file_with(&set, &args.file, &mut wrap);
    let shown = bars.borrow().iter().any(|b| !b.is_hidden());
    for bar in bars.borrow().iter() {
        bar.finish_and_clear();
    }
    let (name, rows, problems) = match read {
        Ok(x) => x,
        Err(e) => return fail(1, e),
    };
    for p in &problems {
        eprintln!("{p}");
    }
    let planning = if shown {
        crm_progress::rows_bar(rows.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let planned = read_existing(&path, |store| plan(store, &rows, &planning)).and_then(|r| r);
    planning.finish_and_clear();
    let planned = match planned {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let mut counts = Counts::default();
    let mut text = format!("{}: read as {name}\n", args.file.display());
    for p in &planned {
        counts.add(p);
        let _ = writeln!(text, "{}", p.line());
    }
    let _ = writeln!(
        text,
        "{}{}",
        counts.line(),
        if problems.is_empty() {
            String::new()
        } else {
            format!(", {} invalid", problems.len())
        }
    );
    let writing = counts.create + counts.update;
    if rows.is_empty() {
        let _ = to_stdout(&text);
        return fail(
            1,
            format!(
                "{}: no record could be read: nothing was written",
                args.file.display()
            ),
        );
    }
    if !problems.is_empty() && !args.skip_invalid {
        let _ = to_stdout(&text);
        return fail(
            1,
            "invalid records: nothing was written (--skip-invalid writes the valid ones)",
        );
    }
    if !args.apply || writing == 0 {
        text.push_str(if writing == 0 {
            "Nothing to write: every record is stored as it is, or is skipped.\n"
        } else {
            "Preview only: nothing was written; --apply writes it.\n"
        });
        return match to_stdout(&text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(1, e),
        };
    }
    if let Err(e) = to_stdout(&text) {
        return fail(1, e);
    }
    apply(&path, args, &planned)
}

/// Plans every row on `store`.
fn plan(
    store: &Store,
    rows: &[crate::crm::evidence::EvidenceRow],
    bar: &indicatif::ProgressBar,
) -> Result<Vec<Planned>, StoreError> {
    let mut planner = Planner::new(store)?;
    rows.iter()
        .map(|r| {
            bar.inc(1);
            planner.plan(r)
        })
        .collect()
}

/// Writes the plan as one edit labelled "Import evidence from FILE".
fn apply(path: &std::path::Path, args: &ImportArgs, planned: &[Planned]) -> ExitCode {
    let mut store = match Store::open(path) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    let file_name = args.file.file_name().map_or_else(
        || args.file.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    );
    let label = format!("Import evidence from {file_name}");
    match store.edit(&label, |tx| write_plan(tx, planned)) {
        Ok(e) => {
            let (created, updated) = e.value;
            let text = format!(
                "Written as one edit ({label}): {created} record{} created, {updated} changed.\n",
                if created == 1 { "" } else { "s" }
            );
            match to_stdout(&text) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(1, e),
            }
        }
        Err(StoreError::Refused(why)) => fail(1, format!("nothing was written: {why}")),
        Err(e) => fail(1, format!("nothing was written: {e}")),
    }
}
