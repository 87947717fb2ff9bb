//! `jmo check [--json]` (issue 2, item 2): the guardrail findings of every
//! partner, read and derived one partner at a time (issue 13, item 3), so
//! memory holds one partner's records, not the database's.
//!
//! The output is what [`guardrails::check_all`] on the whole program
//! prints: the findings sorted errors first, then by partner, campaign,
//! rule and record ([`guardrails::finding_order`]). A partner's findings
//! only concern it, and partners are read in id order, so each partner's
//! sorted errors go to one spool file and its warnings to another, and the
//! two are printed one after the other, under the counts.

use super::{Cli, db_path, emit, fail, read_existing, to_stdout, today};
use crate::app::config::{self, Loaded};
use crate::app::files;
use crate::domain::evidence::Evidence;
use crate::domain::evidence::attribution::Scope;
use crate::domain::evidence::reconcile;
use crate::domain::guardrails::{self, Context, Finding, Severity};
use crate::domain::program::Table;
use crate::domain::results::CampaignResults;
use crate::domain::{Campaign, Partner, PartnerId, Program};
use crate::store::{PartnerRecords, Store, StoreError};
use std::io::{Seek, Write};
use std::process::ExitCode;

/// How many partners `jmo check` reads at once: few enough that memory
/// holds a small part of a large database, enough that the queries per
/// partner cost little.
const PARTNERS_AT_ONCE: usize = 50;

/// How many batches of partners read wait for the thread that checks them:
/// enough that neither thread waits for the other's slower batch, few
/// enough that memory stays bounded whatever the database's size.
const BATCHES_WAITING: usize = 2;

/// `jmo check`: exit 0 when no errors, 1 when there are errors (or the
/// output cannot be written), 2 when the database cannot be opened.
pub(super) fn check(cli: &Cli, json: bool) -> ExitCode {
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let loaded = config::load(cli.config.as_deref());
    let today = today(cli);
    let spooled = read_existing(&path, |s| spool(s, &loaded, today, json))
        .and_then(|r| r)
        .map_err(|e| fail(2, e));
    let mut spooled = match spooled {
        Ok(x) => x,
        Err(code) => return code,
    };
    for w in &loaded.warnings {
        eprintln!("jmo: config: {w}");
    }
    if let Some(w) = crate::store::file::privacy_warning(&path) {
        eprintln!("jmo: warning: {w}");
    }
    let written = if json {
        spooled.write_json()
    } else {
        spooled.write_text(today)
    };
    if let Err(code) = written {
        return code;
    }
    if spooled.errors.count > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The findings of one severity, written out as they come: their count and
/// their text in a temporary file.
struct Spool {
    count: usize,
    file: std::io::BufWriter<std::fs::File>,
}

impl Spool {
    fn new() -> Result<Spool, StoreError> {
        let file = tempfile::tempfile().map_err(io_refused)?;
        Ok(Spool {
            count: 0,
            file: std::io::BufWriter::new(file),
        })
    }

    /// Copies the spooled text to standard output.
    fn copy_out(&mut self) -> std::io::Result<()> {
        self.file.flush()?;
        let file = self.file.get_mut();
        file.rewind()?;
        let mut out = std::io::stdout().lock();
        std::io::copy(file, &mut out)?;
        out.flush()
    }
}

/// Every partner's findings, errors and warnings apart.
struct Spooled {
    errors: Spool,
    warnings: Spool,
    /// The spools hold JSON elements (separated by commas), not text.
    json: bool,
}

impl Spooled {
    /// `jmo check`'s text: the counts, then each finding on two lines.
    fn write_text(&mut self, today: chrono::NaiveDate) -> Result<(), ExitCode> {
        let (errors, warnings) = (self.errors.count, self.warnings.count);
        emit(&format!(
            "jmo check as of {today}: {errors} error{}, {warnings} warning{}\n",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ))?;
        self.copy_out()
    }

    /// `jmo check --json`: one array, errors first (as
    /// `serde_json::to_string_pretty` writes a list).
    fn write_json(&mut self) -> Result<(), ExitCode> {
        if self.errors.count + self.warnings.count == 0 {
            return emit("[]\n");
        }
        emit("[\n")?;
        self.copy_out()?;
        emit("\n]\n")
    }

    fn copy_out(&mut self) -> Result<(), ExitCode> {
        let copied = self.errors.copy_out().and_then(|()| {
            if self.json && self.errors.count > 0 && self.warnings.count > 0 {
                to_stdout(",\n")?;
            }
            self.warnings.copy_out()
        });
        match copied {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                Err(fail(1, format!("cannot write the output: {e}")))
            }
            _ => Ok(()),
        }
    }
}

/// Reads and checks every partner in turn on `store` (one read
/// transaction), spooling the findings; nothing is printed here, since a
/// read that has to be repeated ([`Store::read_snapshot`]) runs this again.
///
/// Two threads, one per core: this one reads the partners a batch at a
/// time ([`Store::read_partners`]) and hands each batch over a channel of
/// [`BATCHES_WAITING`] places to a second one, which indexes, checks and
/// spools it. Batches arrive in id order, so the spools are written in the
/// order a single thread writes them. Memory holds at most
/// `BATCHES_WAITING + 2` batches: the waiting ones, the one being read and
/// the one being checked.
///
/// Errors: SQLite errors; a temporary file that cannot be written.
fn spool(
    store: &Store,
    loaded: &Loaded,
    today: chrono::NaiveDate,
    json: bool,
) -> Result<Spooled, StoreError> {
    let mut out = Spooled {
        errors: Spool::new()?,
        warnings: Spool::new()?,
        json,
    };
    store.in_read_transaction(|| {
        let ids = store.partner_ids()?;
        // The pipeline evidence's rules look up every partner (names,
        // agreements) and campaign (partner, start): read once, and only
        // when the database holds evidence.
        let counts = store.evidence_counts()?;
        let tables = if counts == (0, 0, 0, 0) {
            None
        } else {
            Some((
                store.partner_rows()?,
                store.campaign_rows()?,
                counts.2 > 0,
                store.currency()?,
            ))
        };
        let tables = tables.as_ref();
        std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel(BATCHES_WAITING);
            let checker = scope.spawn(|| {
                for (batch, records, evidence) in receive {
                    let evidence = tables.map(|t| (t, evidence));
                    check_batch(batch, records, evidence, loaded, today, &mut out)?;
                }
                Ok::<(), StoreError>(())
            });
            let read = ids.chunks(PARTNERS_AT_ONCE).try_for_each(|batch| {
                let (Some(&first), Some(&last)) = (batch.first(), batch.last()) else {
                    return Ok(());
                };
                let records = store.read_partners(first, last)?;
                let evidence: Vec<Evidence> = match tables {
                    Some(_) => batch
                        .iter()
                        .map(|&p| store.evidence_of_partner(p))
                        .collect::<Result<_, _>>()?,
                    None => Vec::new(),
                };
                // The checker stopped (a spool it could not write): its
                // error is the one to report.
                let _ = send.send((batch, records, evidence));
                Ok::<(), StoreError>(())
            });
            drop(send);
            let checked = checker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            read.and(checked)
        })
    })?;
    Ok(out)
}

/// Every partner's and every campaign's record: what the evidence rules
/// look up beyond a partner's own records (docs/domain.md §15.2).
/// And whether the program holds any opportunity (E3), and its currency.
type ScopeTables = (
    Table<Partner>,
    Table<Campaign>,
    bool,
    crate::domain::currency::Currency,
);

/// Indexes one batch of partners' records, checks each of `partners` (in
/// id order) — with `evidence` (one per partner, and the scope tables),
/// its reconciliation findings E1–E6 too — and spools its findings.
///
/// Errors: a temporary file that cannot be written.
fn check_batch(
    partners: &[PartnerId],
    records: PartnerRecords,
    evidence: Option<(&ScopeTables, Vec<Evidence>)>,
    loaded: &Loaded,
    today: chrono::NaiveDate,
    out: &mut Spooled,
) -> Result<(), StoreError> {
    let program = records.into_program();
    let missing_files = files::missing_proof_files(&program);
    let config_file = loaded.file_label();
    let ctx = Context {
        today,
        thresholds: &loaded.config.guardrails,
        policies: &loaded.config.policies,
        missing_files: &missing_files,
        config_file: &config_file,
    };
    for (i, &id) in partners.iter().enumerate() {
        let mut findings = guardrails::check_partner(&program, id, &ctx);
        // An archived partner is kept for its history only (as its
        // guardrails, docs/domain.md §6).
        let active = program.partners.get(id).is_some_and(|p| !p.is_archived());
        if let Some(((partners_all, campaigns_all, any_opportunity, currency), evidence)) =
            &evidence
            && let Some(e) = evidence.get(i)
            && active
        {
            let scope = Scope {
                partners: partners_all,
                campaigns: campaigns_all,
                rules: &loaded.config.evidence,
                today,
                currency: *currency,
            };
            // Only this partner's results: E3 and E6 are filed under the
            // campaign's partner.
            let results: Table<CampaignResults> = program
                .campaigns_of(id)
                .into_iter()
                .filter_map(|c| program.results_of(c.id).cloned())
                .collect();
            findings.extend(reconcile::partner_findings(
                id,
                e,
                &results,
                &scope,
                *any_opportunity,
            ));
            guardrails::sort_findings(&mut findings);
        }
        for f in findings {
            let spool = match f.severity {
                Severity::Error => &mut out.errors,
                Severity::Warning => &mut out.warnings,
            };
            write_finding(spool, &program, id, &f, out.json).map_err(io_refused)?;
        }
    }
    Ok(())
}

/// Appends one finding to `spool`: two lines of text, or one JSON element
/// (after a comma but the first).
fn write_finding(
    spool: &mut Spool,
    program: &Program,
    partner_id: PartnerId,
    f: &Finding,
    json: bool,
) -> std::io::Result<()> {
    let partner = program
        .partners
        .get(partner_id)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let campaign = f
        .campaign_id
        .and_then(|c| program.campaigns.get(c))
        .map(|c| c.name.clone());
    let id = crate::store::rows::table_of(f.record).1;
    if json {
        let row = JsonFinding {
            rule: f.rule.key(),
            severity: f.severity.key(),
            partner,
            campaign,
            record: JsonRecord {
                kind: f.record.kind_label(),
                id,
            },
            message: f.message.clone(),
            since: f.since.map(|d| d.to_string()),
        };
        // The element as it sits in a pretty-printed list: indented by two.
        let list = serde_json::to_string_pretty(&[row]).map_err(std::io::Error::other)?;
        let element = list
            .strip_prefix("[\n")
            .and_then(|e| e.strip_suffix("\n]"))
            .unwrap_or(&list);
        if spool.count > 0 {
            spool.file.write_all(b",\n")?;
        }
        spool.file.write_all(element.as_bytes())?;
    } else {
        let sev = match f.severity {
            Severity::Error => "ERROR  ",
            Severity::Warning => "warning",
        };
        let place = match campaign {
            Some(c) => format!("{partner} / {c}"),
            None => partner,
        };
        writeln!(
            spool.file,
            "{sev} {:<3} {place} ({} {id})\n            {}",
            f.rule.key(),
            f.record.kind_label(),
            f.message
        )?;
    }
    spool.count += 1;
    Ok(())
}

fn io_refused(e: std::io::Error) -> StoreError {
    StoreError::Refused(format!("cannot write a temporary file: {e}"))
}

/// One finding in `jmo check --json` (fields in this order).
#[derive(serde::Serialize)]
struct JsonFinding {
    rule: &'static str,
    severity: &'static str,
    partner: String,
    campaign: Option<String>,
    record: JsonRecord,
    message: String,
    since: Option<String>,
}

/// The record a finding is about: its kind and row id.
#[derive(serde::Serialize)]
struct JsonRecord {
    kind: &'static str,
    id: i64,
}
