//! `jmo demo --campaigns N [--evidence] [--force]` (issue 13, item 6): a
//! generated program of N campaigns ([`crate::store::generate`], the
//! benchmark's), with `--evidence` its pipeline evidence of issue 14's
//! shape ([`crate::store::generate_evidence`]), to try jmo at size, with a progress bar on standard error when it is a
//! terminal. `jmo demo` without `--campaigns` loads the example plan
//! (in `cli.rs`).

use super::{Cli, confirm, db_path, fail, today};
use crate::app::config;
use crate::store::generate::{self, Generated, MAX_CAMPAIGNS};
use crate::store::generate_evidence::EvidenceGenerated;
use crate::store::{Refusal, Store, StoreError};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// The largest `--campaigns` accepted: [`MAX_CAMPAIGNS`].
pub const MAX: i64 = MAX_CAMPAIGNS as i64;

/// The bar for generating `campaigns` steps (campaigns; twice the campaigns
/// with evidence, whose own are counted second): drawn on standard error
/// (at most 10 times a second) when `stderr_is_terminal`, else hidden; a
/// hidden bar still counts.
pub fn bar(campaigns: u64, stderr_is_terminal: bool) -> ProgressBar {
    if !stderr_is_terminal {
        return ProgressBar::with_draw_target(Some(campaigns), ProgressDrawTarget::hidden());
    }
    let bar =
        ProgressBar::with_draw_target(Some(campaigns), ProgressDrawTarget::stderr_with_hz(10));
    if let Ok(style) = ProgressStyle::with_template(
        "{msg} [{bar:30}] {human_pos}/{human_len} campaigns ({eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("generating");
    bar
}

/// Whether the database at `path` holds no partners (no file: empty).
///
/// Errors: the file cannot be read or is not jmo's.
fn is_empty(path: &Path) -> Result<bool, StoreError> {
    match Store::read_snapshot(path, |s| s.is_empty()) {
        Err(StoreError::File(Refusal::Missing(_))) => Ok(true),
        other => other,
    }
}

/// `jmo demo --campaigns N [--evidence] [--force]`: writes the generated
/// program (with `evidence`, and its pipeline evidence) into
/// the database, refused (exit 1, nothing written, the file not even
/// created) when it already holds partners and `force` is not given, as
/// `jmo demo` refuses. Exit 2 when the database cannot be opened.
pub(super) fn generated(cli: &Cli, campaigns: usize, force: bool, evidence: bool) -> ExitCode {
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let refused = || {
        fail(
            1,
            format!(
                "{} already holds data; the generated program goes into an empty database (add --force to add it anyway)",
                path.display()
            ),
        )
    };
    if !force {
        match is_empty(&path) {
            Ok(true) => {}
            Ok(false) => return refused(),
            Err(e) => return fail(2, e),
        }
    }
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    // Another jmo may have written since the look above.
    if !force && !store.is_empty().unwrap_or(false) {
        return refused();
    }
    let loaded = config::load(cli.config.as_deref());
    let today = today(cli);
    let started = Instant::now();
    let steps = if evidence { 2 * campaigns } else { campaigns };
    let bar = bar(steps as u64, std::io::stderr().is_terminal());
    let made = generate::generate_with_evidence(
        &mut store,
        campaigns,
        today,
        &loaded.templates,
        evidence,
        |done| {
            if done > campaigns {
                bar.set_message("evidence");
            }
            bar.set_position(done as u64)
        },
    );
    bar.finish_and_clear();
    match made {
        Ok((
            Generated {
                partners,
                campaigns,
                records,
                edits,
            },
            ev,
        )) => confirm(&format!(
            "Generated a program of {campaigns} campaigns into {} as of {today}: {partners} partners, {records} records, in {}{}, {:.1} s\nOpen it with: jmo --db {}{}\n",
            path.display(),
            crate::domain::words::count_of(edits, "edit"),
            evidence_line(&ev),
            started.elapsed().as_secs_f64(),
            path.display(),
            cli.as_of
                .map(|d| format!(" --as-of {d}"))
                .unwrap_or_default()
        )),
        Err(e) => fail(1, e),
    }
}

/// The confirmation's words for the evidence written; empty for none.
fn evidence_line(ev: &EvidenceGenerated) -> String {
    if ev.records() == 0 {
        return String::new();
    }
    format!(
        "; pipeline evidence in one more edit: {} accounts, {} overlap rows, {} leads, {} opportunities, {} touches",
        ev.accounts, ev.overlaps, ev.leads, ev.opportunities, ev.touches
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Hidden unless standard error is a terminal; counts either way.
    #[test]
    fn the_bar_is_drawn_only_on_a_terminal() {
        let b = bar(500, false);
        assert!(b.is_hidden());
        b.set_position(200);
        assert_eq!(b.position(), 200);
        assert_eq!(b.length(), Some(500));
    }

    /// The generator reports every batch: the bar ends at the campaigns
    /// asked for.
    #[test]
    fn the_bar_follows_the_generator() {
        let mut store = Store::open_in_memory().unwrap();
        let b = bar(2_345, false);
        let mut steps = 0;
        let made = generate::generate(
            &mut store,
            2_345,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(),
            &config::defaults().templates,
            |done| {
                steps += 1;
                b.set_position(done as u64)
            },
        )
        .unwrap();
        assert_eq!(b.position(), 2_345);
        assert_eq!(made.edits, 3, "234 partners in batches of 100");
        assert_eq!(steps, 3);
    }
}
