//! `jmo results CAMPAIGN --FIELD VALUE …` (issue 4, item 1): a campaign's
//! results from the command line, checked on the file read as it is (an
//! older file: on a private migrated copy) before the file is written
//! (review 1 of issue 10, item 9; issue 13, item 3).

use super::one::{Naming, read_partner_of};
use super::{Cli, ResultsArgs, campaign_named, config, confirm, db_path, fail, today};
use crate::domain::packet::Target;
use crate::domain::{CampaignId, CampaignResults, Program, Stored};
use crate::store::{Refusal, Store, StoreError};
use chrono::NaiveDate;
use std::process::ExitCode;

/// `jmo results CAMPAIGN --FIELD VALUE …` (issue 4, item 1): applies the
/// given figures over the stored ones, checks them as the results form
/// does, and saves them as one edit. Checked first on the file opened
/// read-only (an older file: on a private migrated copy, [`Store::copy_of`]):
/// an unknown campaign or a figure the form would refuse leaves the file
/// byte for byte as it was.
pub(super) fn set_results(cli: &Cli, a: &ResultsArgs) -> ExitCode {
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    // No file (not even a link to nothing): say so, rather than that the
    // campaign is not found in the empty trial copy.
    if std::fs::symlink_metadata(&path).is_err() {
        return fail(2, crate::store::file::Refusal::Missing(path));
    }
    let today = today(cli);
    let loaded = config::load(cli.config.as_deref());
    for w in &loaded.warnings {
        eprintln!("jmo: config: {w}");
    }
    // The trial: the file read as it is, nothing written (issue 13: only
    // the campaign's partner is read). An older file, which is read only
    // once migrated, is tried on a private migrated copy, edit included.
    match Store::read_snapshot(&path, |s| Ok::<_, StoreError>(prepare(s, a, today))) {
        Ok(Ok(_)) => {}
        Ok(Err(refused)) => return refused.show(),
        Err(StoreError::File(Refusal::Outdated { .. })) => match Store::copy_of(&path) {
            Err(e) => return fail(2, e),
            Ok(mut copy) => {
                if let Err(code) = save_results(&mut copy, a, today) {
                    return code;
                }
            }
        },
        Err(e) => return fail(2, e),
    }
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    let (program, c, r) = match save_results(&mut store, a, today) {
        Ok(saved) => saved,
        Err(code) => return code,
    };
    let Some(campaign) = program.campaigns.get(c) else {
        return fail(2, "no such campaign");
    };
    let p = crate::domain::performance::performance(
        campaign,
        Some(&r),
        program.mdf_summary(c).reimbursed,
        &loaded.config.program,
        program.currency,
    );
    let mut text = format!("Saved the results of '{}'", campaign.name);
    if let Some(d) = r.reported_on {
        text.push_str(&format!(" as of {d}"));
    }
    text.push('\n');
    for f in &p.findings {
        text.push_str(&format!("  {}\n", f.message));
    }
    confirm(&text)
}

/// Why [`prepare`] refused: the lines to print (each after "jmo: ") and
/// the exit code (1: a figure refused; 2: an unknown campaign, or the
/// database could not be read).
#[derive(Debug)]
struct Refused {
    lines: Vec<String>,
    code: u8,
}

impl Refused {
    fn new(code: u8, line: impl std::fmt::Display) -> Refused {
        Refused {
            lines: vec![line.to_string()],
            code,
        }
    }

    /// Prints the lines; the exit code.
    fn show(self) -> ExitCode {
        for l in &self.lines {
            eprintln!("jmo: {l}");
        }
        ExitCode::from(self.code)
    }
}

/// What [`save_results`] writes, worked out without writing.
struct Prepared {
    /// The program as read: the campaign's partner's.
    program: Program,
    campaign: CampaignId,
    name: String,
    existing: Option<Stored<CampaignResults>>,
    results: CampaignResults,
}

/// The work of [`set_results`] on `store`: resolves the campaign, reads the
/// figures given over the stored ones, checks them, and saves them as one
/// edit. Returns the program as it was read (the campaign's partner's),
/// the campaign and the results saved; on failure, the exit code after
/// the messages (1: a figure refused, a conflict, or a write error; 2: an
/// unknown campaign).
fn save_results(
    store: &mut Store,
    a: &ResultsArgs,
    today: NaiveDate,
) -> Result<(Program, CampaignId, CampaignResults), ExitCode> {
    let Prepared {
        program,
        campaign: c,
        name,
        existing,
        results: r,
    } = prepare(store, a, today).map_err(Refused::show)?;
    // Only the figures given are written, over the results as they are on
    // disk now: a figure changed meanwhile (the screen, another command)
    // and given here too is a conflict, and nothing is written.
    let saved = store.edit(&format!("Results of '{name}'"), |tx| {
        let on_disk = tx.query_i64(
            "SELECT coalesce(max(id), 0) FROM results WHERE campaign_id = ?1",
            &[&c.0],
        )?;
        match &existing {
            Some(s) => tx.update_from(s.id, &s.value, &s.value, &r).map(|_| ()),
            None if on_disk > 0 => {
                let empty = CampaignResults::empty(c);
                let id = crate::domain::ResultsId(on_disk);
                tx.update_from(id, &empty, &empty, &r).map(|_| ())
            }
            None => tx.insert(&r).map(|_| ()),
        }
    });
    match saved {
        Ok(_) => Ok((program, c, r)),
        Err(crate::store::StoreError::Conflict(c)) => Err(fail(
            1,
            format!("nothing was written: {c}; run the command again"),
        )),
        Err(e) => Err(fail(1, e)),
    }
}

/// Resolves the campaign, reads the figures given over the stored ones
/// and checks them, as [`save_results`] does before it writes; reads
/// `store` only.
///
/// Errors: [`Refused`], with every figure refused.
fn prepare(store: &Store, a: &ResultsArgs, today: NaiveDate) -> Result<Prepared, Refused> {
    use crate::domain::dates::parse_optional_date;
    // The campaign's partner only (issue 13, item 3); the whole program
    // when the text names no campaign or several, for the message.
    let quick =
        read_partner_of(store, &a.campaign, Naming::Campaign).map_err(|e| Refused::new(2, e))?;
    let quick = quick.and_then(|(program, target)| {
        let c = match target {
            Target::Campaign(c) => Some(c),
            Target::Request(r) => program.requests.get(r).map(|r| r.campaign_id),
        };
        c.map(|c| (program, c))
    });
    let (program, c) = match quick {
        Some(found) => found,
        None => {
            let program = store.load_program().map_err(|e| Refused::new(2, e))?;
            let c = campaign_named(&program, &a.campaign).map_err(|e| Refused::new(2, e))?;
            (program, c)
        }
    };
    let existing = program.results_of(c).cloned();
    let mut r = existing
        .as_ref()
        .map_or_else(|| CampaignResults::empty(c), |s| s.value.clone());
    let mut errors: Vec<String> = Vec::new();
    let none = |t: &str| t.trim().eq_ignore_ascii_case("none");
    let mut count = |flag: &str, text: &Option<String>, field: &mut Option<i64>| {
        if let Some(t) = text {
            if none(t) {
                *field = None;
            } else {
                match crate::app::form::parse_count(t) {
                    Ok(n) => *field = n,
                    Err(e) => errors.push(format!("--{flag}: {e}")),
                }
            }
        }
    };
    count("registrations", &a.registrations, &mut r.registrations);
    count("attendees", &a.attendees, &mut r.attendees);
    count("leads", &a.leads, &mut r.leads);
    count("mqls", &a.mqls, &mut r.mqls);
    count("leads-ours", &a.leads_ours, &mut r.leads_ours);
    count("leads-partner", &a.leads_partner, &mut r.leads_partner);
    count("leads-paid", &a.leads_paid, &mut r.leads_paid);
    count("leads-organic", &a.leads_organic, &mut r.leads_organic);
    count("reach-ours", &a.reach_ours, &mut r.reach_ours);
    count("reach-partner", &a.reach_partner, &mut r.reach_partner);
    count(
        "target-registrations",
        &a.target_registrations,
        &mut r.target_registrations,
    );
    count(
        "target-attendees",
        &a.target_attendees,
        &mut r.target_attendees,
    );
    count("target-leads", &a.target_leads, &mut r.target_leads);
    count("target-mqls", &a.target_mqls, &mut r.target_mqls);
    let mut money =
        |flag: &str, text: &Option<String>, field: &mut Option<rust_decimal::Decimal>| {
            if let Some(t) = text {
                if none(t) {
                    *field = None;
                } else {
                    match program.currency.parse_optional(t) {
                        Ok(v) => *field = v,
                        Err(e) => errors.push(format!("--{flag}: {e}")),
                    }
                }
            }
        };
    money(
        "pipeline-sourced",
        &a.pipeline_sourced,
        &mut r.pipeline_sourced,
    );
    money(
        "pipeline-influenced",
        &a.pipeline_influenced,
        &mut r.pipeline_influenced,
    );
    money(
        "pipeline-partner-assisted",
        &a.pipeline_partner_assisted,
        &mut r.pipeline_partner_assisted,
    );
    money("revenue", &a.revenue, &mut r.revenue);
    money(
        "target-pipeline",
        &a.target_pipeline,
        &mut r.target_pipeline,
    );
    money("target-revenue", &a.target_revenue, &mut r.target_revenue);
    match &a.reported_on {
        Some(t) if none(t) => r.reported_on = None,
        Some(t) => match parse_optional_date(t, today) {
            Ok(d) => r.reported_on = d,
            Err(e) => errors.push(format!("--reported-on: {e}")),
        },
        None => r.reported_on = Some(today),
    }
    if let Some(d) = r.reported_on
        && d > today
    {
        errors.push(format!(
            "--reported-on: {d} is in the future (today is {today})"
        ));
    }
    if let Err(invalid) = r.validate() {
        for e in invalid.0 {
            errors.push(format!("--{}: {}", e.field.replace('_', "-"), e.message));
        }
    }
    if !errors.is_empty() {
        errors.push("nothing was written".to_owned());
        return Err(Refused {
            lines: errors,
            code: 1,
        });
    }
    let Some(name) = program.campaigns.get(c).map(|c| c.name.clone()) else {
        return Err(Refused::new(2, "no such campaign"));
    };
    Ok(Prepared {
        program,
        campaign: c,
        name,
        existing,
        results: r,
    })
}
