//! Command-line parsing and the non-interactive commands: `check`,
//! `export`, `import`, `demo` (issue 2, items 2, 8, 9) and `mdf packet`
//! (issue 3, item 7); `results` and `report` (issue 4, items 1, 4, 5);
//! `completions` and `man` (issue 11, in `docs`); `crm` (issue 12, in `crm`);
//! `tick` (issue 13, in `tick`).

use crate::app::config::{self, Loaded};
use crate::app::files;
use crate::app::{App, Clock, Display, Setup};
use crate::domain::consent;
use crate::domain::{CampaignId, RecordRef};
use crate::store::Store;
use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod check;
pub mod crm;
pub mod crm_evidence;
pub mod crm_import;
pub mod crm_progress;
pub mod demo;
pub mod docs;
mod evidenced;
mod one;
mod results;
pub mod tick;

/// jmo: the Joint Marketing Orchestrator. Plan and run co-marketing
/// campaigns with partners: timelines, checklists, MDF, guardrails, ROI.
#[derive(Debug, Parser)]
#[command(name = "jmo", version, about, long_about = None)]
pub struct Cli {
    /// The database file [default: the platform data folder, e.g. ~/.local/share/jmo/jmo.db].
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The config file [default: the platform config folder, e.g. ~/.config/jmo/config.toml].
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Evaluate guardrails and dates as of this day instead of today.
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub as_of: Option<NaiveDate>,
    /// ASCII icons and borders instead of emoji and box drawing.
    #[arg(long, global = true)]
    pub ascii: bool,
    /// What to do (default: open the screen).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the example plan into the database (it must be empty unless --force); with --campaigns N, a generated program of N campaigns instead.
    Demo {
        /// Add the example plan (or the generated program) even if the database already holds data.
        #[arg(long)]
        force: bool,
        /// Generate a program of this many campaigns (one partner per 10, with milestones, checklists, MDF and results, dated around today) instead of the example plan: try 10000 or 100000.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=demo::MAX))]
        campaigns: Option<u32>,
        /// With --campaigns: add pipeline evidence of issue 14's shape (per 10000 campaigns 100000 accounts, 300000 leads, 100000 opportunities, touches and overlap snapshots: 4 times the records, ~60 s at 10000).
        #[arg(long, requires = "campaigns")]
        evidence: bool,
    },
    /// Print the guardrail findings; exit 0 when no errors, 1 when there are errors, 2 when the database cannot be opened.
    Check {
        /// Print JSON: [{rule, severity, partner, campaign, record, message}].
        #[arg(long)]
        json: bool,
    },
    /// Write the whole database as one JSON document (see docs/export-format.md).
    Export {
        /// JSON output (the only format; required for clarity).
        #[arg(long, required = true)]
        json: bool,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Leave out the campaigns that use a partner's customer data without recorded consent (G5), with their records and history, instead of refusing; the document's "redacted" field says what was left out.
        #[arg(long)]
        redact: bool,
    },
    /// Read a JSON export into an empty database (nothing is written if any of it is invalid).
    Import {
        /// The JSON document.
        file: PathBuf,
    },
    /// Enter or update a campaign's results (docs/domain.md §8); only the figures given change, the others are kept; the earlier version stays in the change history. Exit 1 on a figure the results form would refuse (nothing is written), 2 when the campaign is unknown.
    Results(Box<ResultsArgs>),
    /// Tick a campaign's checklist item done (docs/domain.md §5), dated --as-of or today; --untick opens it again. One edit, in the change history as the screen's Space records it. Exit 0 when done, also when the item already was so (nothing is written then); 1 when it cannot be saved; 2 when there is no database, or the item or campaign is unknown or ambiguous (the candidates are listed with their ids).
    Tick(tick::TickArgs),
    /// Write a report as Markdown (or JSON): a campaign's plan or results (docs/domain.md §12), or the program's fiscal year (docs/domain.md §9).
    Report {
        /// The report.
        #[command(subcommand)]
        report: ReportCommand,
    },
    /// MDF (market development funds) commands.
    Mdf {
        /// The MDF command.
        #[command(subcommand)]
        command: MdfCommand,
    },
    /// CRM commands (docs/crm.md): export campaigns and MDF records for Salesforce, and import its Campaign records back.
    Crm {
        /// The CRM command.
        #[command(subcommand)]
        command: crm::CrmCommand,
    },
    /// Print the shell completion script, e.g. `jmo completions bash > ~/.local/share/bash-completion/completions/jmo`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (jmo.1), e.g. `jmo man > ~/.local/share/man/man1/jmo.1`; with --out, write it and one page per subcommand into a folder.
    Man {
        /// Write jmo.1 and jmo-SUBCOMMAND.1 pages into this folder (created if missing), e.g. ~/.local/share/man/man1.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// `jmo results CAMPAIGN [--leads N] …`: each flag sets one figure;
/// `none` clears it. A negative figure (`--leads -5`) is read as a value,
/// so jmo's own check refuses it with its reason, not clap's usage error.
#[derive(Debug, clap::Args)]
#[command(mut_args(|a| a.allow_negative_numbers(true)))]
pub struct ResultsArgs {
    /// The campaign: its name (ignoring case) or campaign:ID.
    pub campaign: String,
    /// The day the figures are as of [default: --as-of, else today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub reported_on: Option<String>,
    /// Registrations (count).
    #[arg(long, value_name = "N")]
    pub registrations: Option<String>,
    /// Attendees (count).
    #[arg(long, value_name = "N")]
    pub attendees: Option<String>,
    /// Leads generated (count).
    #[arg(long, value_name = "N")]
    pub leads: Option<String>,
    /// MQLs created (count).
    #[arg(long, value_name = "N")]
    pub mqls: Option<String>,
    /// Sourced pipeline, in the database's currency.
    #[arg(long, value_name = "AMOUNT")]
    pub pipeline_sourced: Option<String>,
    /// Influenced pipeline, in the database's currency.
    #[arg(long, value_name = "AMOUNT")]
    pub pipeline_influenced: Option<String>,
    /// Partner-assisted pipeline, in the database's currency.
    #[arg(long, value_name = "AMOUNT")]
    pub pipeline_partner_assisted: Option<String>,
    /// Revenue attributed, in the database's currency.
    #[arg(long, value_name = "AMOUNT")]
    pub revenue: Option<String>,
    /// Leads from our promotion.
    #[arg(long, value_name = "N")]
    pub leads_ours: Option<String>,
    /// Leads from the partner's promotion.
    #[arg(long, value_name = "N")]
    pub leads_partner: Option<String>,
    /// Leads from paid ads.
    #[arg(long, value_name = "N")]
    pub leads_paid: Option<String>,
    /// Organic leads.
    #[arg(long, value_name = "N")]
    pub leads_organic: Option<String>,
    /// People our promotion reached.
    #[arg(long, value_name = "N")]
    pub reach_ours: Option<String>,
    /// People the partner's promotion reached.
    #[arg(long, value_name = "N")]
    pub reach_partner: Option<String>,
    /// Registrations target.
    #[arg(long, value_name = "N")]
    pub target_registrations: Option<String>,
    /// Attendees target.
    #[arg(long, value_name = "N")]
    pub target_attendees: Option<String>,
    /// Leads target [default: the campaign's lead target, else its type's expected leads].
    #[arg(long, value_name = "N")]
    pub target_leads: Option<String>,
    /// MQLs target [default: leads target × the lead-to-MQL target].
    #[arg(long, value_name = "N")]
    pub target_mqls: Option<String>,
    /// Sourced pipeline target, in the database's currency.
    #[arg(long, value_name = "AMOUNT")]
    pub target_pipeline: Option<String>,
    /// Revenue target, in the database's currency [default: total cost × the ROI multiple target].
    #[arg(long, value_name = "AMOUNT")]
    pub target_revenue: Option<String>,
}

/// The `jmo report` subcommands (docs/domain.md §9, §12).
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The campaign plan: overview, budget & MDF with net cost, responsibilities, timeline by week, success metrics, promotion plan.
    Plan(ReportArgs),
    /// The campaign results: % of target, ROI analysis, lead sources, recommendations. Leads, MQLs, pipeline and closed-won revenue are the evidenced figures where the campaign has pipeline evidence (docs/domain.md §15.3), the reported ones otherwise or with --reported; the report says which.
    Results {
        /// The campaign and the output.
        #[command(flatten)]
        args: ReportArgs,
        /// Use the reported figures (as typed) even where the campaign has pipeline evidence.
        #[arg(long)]
        reported: bool,
    },
    /// A partner's joint marketing plan (docs/domain.md §10): portfolio, who does what, budget with MDF coverage and co-investment, pipeline targets, review checkpoints. Exit 2 when the partner or its plan for the period is unknown.
    Jmp {
        /// The partner: its name (ignoring case) or partner:ID.
        partner: String,
        /// The period: a quarter (2026Q1) or a year (2026) [default: the current quarter].
        #[arg(long, value_name = "PERIOD")]
        period: Option<String>,
        /// Print JSON instead of Markdown.
        #[arg(long)]
        json: bool,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Leave out of the portfolio the campaigns that use the partner's customer data without recorded consent (G5) instead of refusing; the top of the report says what was left out.
        #[arg(long)]
        redact: bool,
    },
    /// The program's fiscal year: docs/domain.md §9 metrics against their targets, pipeline by month, and returns by type and by partner. Each campaign counts with its evidenced figures where it has pipeline evidence (docs/domain.md §15.3), its reported ones otherwise or with --reported; the report says which.
    Program {
        /// The fiscal year, named by the year it ends in [default: the one containing today].
        #[arg(long, value_name = "YYYY")]
        year: Option<i32>,
        /// Print JSON instead of Markdown.
        #[arg(long)]
        json: bool,
        /// Write to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Use the reported figures (as typed) even where campaigns have pipeline evidence.
        #[arg(long)]
        reported: bool,
    },
}

/// The arguments of a campaign report.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The campaign: its name (ignoring case) or campaign:ID.
    pub campaign: String,
    /// Print JSON instead of Markdown.
    #[arg(long)]
    pub json: bool,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Leave out records that carry a partner's customer data without recorded consent (G5) instead of refusing. A campaign that itself uses such data is refused even so: the report is about it.
    #[arg(long)]
    pub redact: bool,
}

/// The `jmo mdf` subcommands (docs/domain.md §11).
#[derive(Debug, Subcommand)]
pub enum MdfCommand {
    /// Write the reimbursement packet (<stem>.md and <stem>.csv) of a request, or of each approved request of a campaign; exit 1 listing what is missing when the claim is not claimable yet (unless --draft), 2 when the target is unknown or ambiguous.
    Packet {
        /// A request (R12, request:12 or 12) or a campaign (its name, ignoring case, or campaign:ID).
        target: String,
        /// Write into this folder (created if missing) [default: the current folder].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Write the packet even if the claim is not claimable yet: marked DRAFT, with what is missing at its top; for a campaign, one per request, approved or not.
        #[arg(long)]
        draft: bool,
        /// Accepted like on every export, but a packet is one campaign's claim: a campaign that uses a partner's customer data without recorded consent (G5) is refused even so.
        #[arg(long)]
        redact: bool,
    },
}

fn parse_day(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date; use YYYY-MM-DD"))
}

/// The database path: `--db`, else the default in the platform data folder.
fn db_path(cli: &Cli) -> Result<PathBuf, String> {
    cli.db
        .clone()
        .or_else(config::default_db_path)
        .ok_or_else(|| "cannot find a home folder for the database; pass --db PATH".to_string())
}

fn today(cli: &Cli) -> NaiveDate {
    cli.as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Opens (creating if needed) the database for a writing command.
fn open_for_writing(cli: &Cli) -> Result<(PathBuf, Store), ExitCode> {
    let path = db_path(cli).map_err(|e| fail(2, e))?;
    let store = Store::open(&path).map_err(|e| fail(2, e))?;
    Ok((path, store))
}

/// Reads an existing database for a read command (issue 10, item 3):
/// opened read-only, never created, migrated or changed; `read` runs on a
/// consistent snapshot (see [`Store::read_snapshot`]). The outer error is
/// the file's (exit 2), the inner one `read`'s.
fn read_existing<T>(
    path: &Path,
    read: impl Fn(&Store) -> Result<T, crate::store::StoreError>,
) -> Result<Result<T, crate::store::StoreError>, crate::store::StoreError> {
    Store::read_snapshot(path, |s| Ok(read(s)))
}

/// Runs the parsed command line; returns the process exit code. Every
/// expected failure is a short message on stderr (issue 10, item 8).
pub fn run(cli: Cli) -> ExitCode {
    match &cli.command {
        None => run_tui(&cli),
        Some(Command::Check { json }) => check::check(&cli, *json),
        Some(Command::Demo {
            force,
            campaigns: Some(n),
            evidence,
        }) => demo::generated(&cli, *n as usize, *force, *evidence),
        Some(Command::Demo { force, .. }) => demo(&cli, *force),
        Some(Command::Export { out, redact, .. }) => export(&cli, out.as_deref(), *redact),
        Some(Command::Import { file }) => import(&cli, file),
        Some(Command::Mdf {
            command:
                MdfCommand::Packet {
                    target,
                    out,
                    draft,
                    redact,
                },
        }) => mdf_packet(&cli, target, out.as_deref(), *draft, *redact),
        Some(Command::Results(args)) => results::set_results(&cli, args),
        Some(Command::Tick(args)) => tick::tick(&cli, args),
        Some(Command::Report { report }) => report_command(&cli, report),
        Some(Command::Crm { command }) => crm::run(&cli, command),
        Some(Command::Completions { shell }) => docs::completions(*shell),
        Some(Command::Man { out }) => docs::man(out.as_deref()),
    }
}

/// Writes `text` to standard output. A reader that went away (a closed
/// pipe, `jmo check | head -1`) is not an error: the output just ends, and
/// the command keeps its exit code. Any other write error (a full disk,
/// `> /dev/full`) is: a one-line message, and `Err` with exit code 1 for
/// the command to end with, since its output was not written.
fn emit(text: &str) -> Result<(), ExitCode> {
    to_stdout(text).map_err(|e| fail(1, format!("cannot write the output: {e}")))
}

/// Writes the confirmation of a change already saved (`demo`, `import`,
/// `results`): when it cannot be written, says that the change is saved
/// all the same (review 2 of issue 10, N9), exit 1 as for any output that
/// cannot be written.
fn confirm(text: &str) -> ExitCode {
    match to_stdout(text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, format!("saved, but cannot write the confirmation: {e}")),
    }
}

/// Writes `text` to standard output; a reader that went away (`| head`)
/// is not an error.
///
/// Errors: any other I/O error (a full disk).
fn to_stdout(text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

/// The exit code of a command whose last step was `written`.
fn done(written: Result<(), ExitCode>) -> ExitCode {
    written.err().unwrap_or(ExitCode::SUCCESS)
}

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("jmo: {message}");
    ExitCode::from(code)
}

/// Why the screen cannot start: piped output, or no terminal to read keys
/// from (stdin is not a terminal and there is no controlling terminal,
/// e.g. under `setsid`). The same one line for each, before the database
/// is opened.
const NO_TERMINAL: &str =
    "the screen needs a terminal; for scripts use jmo check, jmo export or jmo demo";

/// Whether this process has a terminal the screen can use: stdout is one,
/// and keys can be read (crossterm reads stdin when it is a terminal, else
/// `/dev/tty`, which only a process with a controlling terminal can open).
fn has_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
        && (std::io::stdin().is_terminal()
            || std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .is_ok())
}

fn run_tui(cli: &Cli) -> ExitCode {
    if !has_terminal() {
        return fail(2, NO_TERMINAL);
    }
    let (database, store) = match open_for_writing(cli) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let mut loaded = config::load(cli.config.as_deref());
    let display = display_for(cli.ascii, &loaded);
    if display.color {
        // `theme = "auto"`: ask the terminal now, before the screen starts.
        loaded.config.theme = loaded.config.theme.resolve(crate::tui::background_luma);
    }
    let clock = cli.as_of.map_or(Clock::Local, Clock::Fixed);
    let mut app = match App::new(Setup {
        store,
        loaded,
        display,
        clock,
    }) {
        Ok(app) => app,
        Err(e) => return fail(2, e),
    };
    // Where you were last time on this database (issue 11, item 8).
    let state = crate::app::resume::state_file();
    if let Some(place) = state
        .as_deref()
        .and_then(|f| crate::app::resume::load(f, &database))
    {
        app.resume(place);
    }
    let ran = crate::tui::run(&mut app);
    // Remembered for next time; a state file that cannot be written
    // costs only that.
    if let (Some(file), Some(place)) = (&state, app.place()) {
        let _ = crate::app::resume::save(file, &database, place);
    }
    match ran {
        Ok(()) => ExitCode::SUCCESS,
        Err(crate::tui::TuiError::NoTerminal(_)) => fail(2, NO_TERMINAL),
        Err(e) => fail(2, e),
    }
}

/// Decides ASCII and colour from the flag, the config and the environment:
/// ASCII for a dumb or Linux-console terminal or a non-UTF-8 locale;
/// no colour with `NO_COLOR` (any value) or a dumb terminal.
pub fn display_for(ascii_flag: bool, loaded: &Loaded) -> Display {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let term = var("TERM").unwrap_or_default();
    let locale = var("LC_ALL")
        .or_else(|| var("LC_CTYPE"))
        .or_else(|| var("LANG"));
    let locale_ascii = locale.is_some_and(|l| {
        let l = l.to_ascii_lowercase();
        !(l.contains("utf-8") || l.contains("utf8"))
    });
    let auto_ascii = matches!(term.as_str(), "dumb" | "linux" | "vt100" | "vt220") || locale_ascii;
    let ascii = ascii_flag || loaded.config.ascii.unwrap_or(auto_ascii);
    let color = var("NO_COLOR").is_none() && term != "dumb" && loaded.config.color != Some(false);
    Display { ascii, color }
}

/// For a read command: the existing database's program and the config
/// (its warnings printed to stderr). Exit code 2 when the database is
/// missing or cannot be read.
fn read_program(cli: &Cli) -> Result<(crate::domain::Program, Loaded), ExitCode> {
    read_with(cli, Store::load_program)
}

/// [`read_program`] with the reading given: `read` runs on a snapshot of
/// the existing database (a command reads only the tables it needs).
fn read_with<T>(
    cli: &Cli,
    read: impl Fn(&Store) -> Result<T, crate::store::StoreError>,
) -> Result<(T, Loaded), ExitCode> {
    let path = db_path(cli).map_err(|e| fail(2, e))?;
    let value = read_existing(&path, read)
        .and_then(|r| r)
        .map_err(|e| fail(2, e))?;
    let loaded = config::load(cli.config.as_deref());
    for w in &loaded.warnings {
        eprintln!("jmo: config: {w}");
    }
    Ok((value, loaded))
}

/// `jmo demo [--force]`: the example plan, tried first on a private copy
/// of the database ([`Store::copy_of`]), so a refused demo (the database
/// holds data) writes nothing, not even the mark or the journal mode.
fn demo(cli: &Cli, force: bool) -> ExitCode {
    use crate::store::example::{self, ExampleError};
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let loaded = config::load(cli.config.as_deref());
    let today = today(cli);
    let refused = |e: ExampleError| match e {
        ExampleError::NotEmpty => fail(
            1,
            format!(
                "{} already holds data; the example plan goes into an empty database (add --force to add it anyway)",
                path.display()
            ),
        ),
        e => fail(1, e),
    };
    match Store::copy_of(&path) {
        Err(e) => return fail(2, e),
        Ok(mut copy) => {
            if let Err(e) = example::load(&mut copy, today, &loaded.templates, force) {
                return refused(e);
            }
        }
    }
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    match example::load(&mut store, today, &loaded.templates, force) {
        Ok(summary) => confirm(&format!(
            "Loaded the example plan into {} as of {today}: {}\nOpen it with: jmo --db {}{}\n",
            path.display(),
            summary.counts,
            path.display(),
            cli.as_of
                .map(|d| format!(" --as-of {d}"))
                .unwrap_or_default()
        )),
        Err(e) => refused(e),
    }
}

/// `jmo export --json [--out FILE] [--redact]`: the whole database, or
/// refused (exit 1, nothing written) when it holds records that carry a
/// partner's customer data without recorded consent (docs/domain.md §6.7 G5), unless
/// `--redact` leaves them out (see [`crate::store::redact`]).
fn export(cli: &Cli, out: Option<&Path>, redact: bool) -> ExitCode {
    use crate::store::{exchange, redact as r};
    let read = db_path(cli)
        .map_err(|e| fail(2, e))
        .and_then(|path| read_existing(&path, exchange::export).map_err(|e| fail(2, e)));
    let mut doc = match read {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return fail(1, e),
        Err(code) => return code,
    };
    let program = r::program_of(&doc);
    let mut withheld = consent::withheld(&program);
    withheld.extend(r::evidence_withheld(&doc));
    match consent_gate(&program, withheld, Redactable::Yes, redact) {
        Err(code) => return code,
        Ok(None) => {}
        Ok(Some(redaction)) => r::redact(&mut doc, &redaction),
    }
    let json = exchange::to_json(&doc);
    match out {
        None => done(emit(&json)),
        Some(file) => match files::write_new_file(file, &json, db_path(cli).ok().as_deref()) {
            Ok(()) => {
                eprintln!(
                    "Wrote {} records to {}{}",
                    doc.record_count(),
                    file.display(),
                    if doc.redacted.is_some() {
                        " (redacted: its \"redacted\" field says what was left out)"
                    } else {
                        ""
                    }
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(1, out_error(file, &e)),
        },
    }
}

/// `jmo mdf packet TARGET [--out DIR] [--draft]` (issue 3, item 7; docs/domain.md
/// §11): builds every packet first and writes nothing unless all of them
/// build; then writes `<stem>.md` and `<stem>.csv` for each (replacing an
/// older packet of the same name; every file checked before any is
/// written, see [`files::write_packets`]) and prints their paths. Exit codes: 0
/// written; 1 not claimable yet (the missing items on stderr), no request
/// to pack, or a write error; 2 no database, or an unknown or ambiguous
/// target (with candidates).
fn mdf_packet(cli: &Cli, target: &str, out: Option<&Path>, draft: bool, redact: bool) -> ExitCode {
    use crate::domain::packet::{self, Target};
    // The target's partner only (issue 13, item 3).
    let (program, loaded, found) = match one::read_one(cli, target, one::Naming::PacketTarget) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let today = today(cli);
    let resolved = found.map_or_else(|| packet::resolve_target(&program, target), Ok);
    let requests = match resolved {
        Err(e) => return fail(2, e),
        Ok(Target::Request(id)) => vec![id],
        Ok(Target::Campaign(c)) => {
            let ids = packet::packet_requests(&program, c, draft);
            if ids.is_empty() {
                let name = program
                    .campaigns
                    .get(c)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let all = program.requests_of(c);
                if all.is_empty() {
                    return fail(1, format!("campaign '{name}' has no MDF request"));
                }
                let list: Vec<String> = all
                    .iter()
                    .map(|r| format!("R{} is {}", r.id, r.status))
                    .collect();
                return fail(
                    1,
                    format!(
                        "campaign '{name}' has no approved MDF request ({}); add --draft for draft packets",
                        list.join(", ")
                    ),
                );
            }
            ids
        }
    };
    // G5 first: a packet is one campaign's claim, so no --redact helps.
    let mut campaigns: Vec<CampaignId> = requests
        .iter()
        .filter_map(|r| program.requests.get(*r).map(|r| r.campaign_id))
        .collect();
    campaigns.dedup();
    for c in campaigns {
        let withheld = consent::withheld_in_campaign(&program, c);
        let about = Redactable::No("a packet is that campaign's claim");
        if let Err(code) = consent_gate(&program, withheld, about, redact) {
            return code;
        }
    }
    let mut packets = Vec::with_capacity(requests.len());
    let mut refusals = String::new();
    let missing_files = files::missing_proof_files(&program);
    for id in requests {
        match packet::build(
            &program,
            id,
            &loaded.config.policies,
            &missing_files,
            today,
            draft,
        ) {
            Ok(p) => packets.push(p),
            Err(missing) => {
                refusals.push_str(&format!(
                    "jmo: request R{id} is not claimable yet; missing:\n"
                ));
                for item in &missing.0 {
                    refusals.push_str(&format!("  - {item}\n"));
                }
            }
        }
    }
    if !refusals.is_empty() {
        eprint!("{refusals}");
        return fail(
            1,
            "nothing was written; add --draft to write a draft packet anyway",
        );
    }
    for p in &packets {
        for w in &p.warnings {
            eprintln!("jmo: warning: R{}: {w}", p.request);
        }
        if p.is_draft() {
            eprintln!(
                "jmo: R{}: DRAFT, not claimable yet ({} missing item{}, listed at its top)",
                p.request,
                p.missing.len(),
                if p.missing.len() == 1 { "" } else { "s" }
            );
        }
    }
    // Every file of every packet checked before any is written.
    let written = match files::write_packets(&packets, out, db_path(cli).ok().as_deref()) {
        Ok(w) => w,
        Err(e) if out.is_some_and(|d| d.is_file()) => {
            return fail(
                1,
                format!("{e}; --out names the folder for the packet's two files"),
            );
        }
        Err(e) => return fail(1, e),
    };
    let written: String = written
        .iter()
        .flatten()
        .map(|f| format!("{}\n", f.display()))
        .collect();
    done(emit(&written))
}

/// `jmo import FILE.json`: tried first on a private copy of the database
/// ([`Store::copy_of`]), so an import that would be refused (a database
/// that is not empty, a record that does not fit) writes nothing.
fn import(cli: &Cli, file: &Path) -> ExitCode {
    use crate::store::exchange::{self, ImportMode};
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return fail(1, crate::crm::source::file_problem(file, &e)),
    };
    let doc = match exchange::parse(&text) {
        Ok(d) => d,
        Err(e) => return fail(1, format!("{}: {e}; nothing was imported", file.display())),
    };
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    let refused = |e: exchange::ImportError| {
        fail(1, format!("{}: {e}; nothing was imported", file.display()))
    };
    match Store::copy_of(&path) {
        Err(e) => return fail(2, e),
        Ok(mut copy) => {
            if let Err(e) = exchange::import(&mut copy, &doc, ImportMode::Restore) {
                return refused(e);
            }
        }
    }
    let existed = path.exists();
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    match exchange::import(&mut store, &doc, ImportMode::Restore) {
        Ok(summary) => confirm(&format!(
            "Imported {} into {}: {summary}\n",
            file.display(),
            path.display()
        )),
        Err(e) => {
            // A database this import created stays behind only if it worked.
            if !existed {
                drop(store);
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            refused(e)
        }
    }
}

/// Resolves a campaign named on the command line: its name (ignoring
/// case) or campaign:ID; also, as `mdf packet` reads them, an MDF request
/// (R12, request:12, 12) stands for its campaign. Exit code 2 and the
/// campaigns that may have been meant, on failure.
fn resolve_campaign(
    program: &crate::domain::Program,
    text: &str,
) -> Result<crate::domain::CampaignId, ExitCode> {
    campaign_named(program, text).map_err(|e| fail(2, e))
}

/// [`resolve_campaign`] without the message printed: the error says which
/// campaigns may have been meant.
fn campaign_named(
    program: &crate::domain::Program,
    text: &str,
) -> Result<crate::domain::CampaignId, crate::domain::packet::TargetError> {
    use crate::domain::packet::{self, Target};
    packet::resolve_campaign(program, text).or_else(|e| {
        match packet::resolve_target(program, text) {
            Ok(Target::Request(r)) => program.requests.get(r).map(|r| r.campaign_id),
            _ => None,
        }
        .ok_or(e)
    })
}

/// Resolves a partner named on the command line: `partner:ID`, or its
/// name ignoring case (exit code 2 with the candidates on failure).
fn resolve_partner(
    program: &crate::domain::Program,
    text: &str,
) -> Result<crate::domain::PartnerId, ExitCode> {
    let t = text.trim();
    if let Some(id) = t
        .strip_prefix("partner:")
        .and_then(|n| n.trim().parse::<i64>().ok())
    {
        return program
            .partners
            .get(crate::domain::PartnerId(id))
            .map(|p| p.id)
            .ok_or_else(|| fail(2, format!("no partner:{id}")));
    }
    let hits: Vec<_> = program
        .partners_sorted()
        .into_iter()
        .filter(|p| p.name.trim().eq_ignore_ascii_case(t))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one.id),
        [] => {
            let names: Vec<String> = program
                .partners_sorted()
                .iter()
                .map(|p| format!("{} (partner:{})", p.name, p.id))
                .collect();
            Err(fail(
                2,
                format!("no partner named '{t}'; partners: {}", names.join(", ")),
            ))
        }
        many => Err(fail(
            2,
            format!(
                "'{t}' names {} partners: use partner:ID ({})",
                many.len(),
                many.iter()
                    .map(|p| format!("partner:{}", p.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Whether `--redact` can leave the withheld records out of an output.
#[derive(Debug, Clone, Copy)]
enum Redactable {
    /// Yes: the output is whole without them.
    Yes,
    /// No: the output is about them (why, e.g. "this report is about that
    /// campaign").
    No(&'static str),
}

/// The G5 gate of every export door (docs/domain.md §6; [`consent`] decides which
/// records are withheld). `withheld` are the withheld records the output
/// would contain. `Ok(None)`: none, write it as it is. `Ok(Some(r))`:
/// `--redact` was given; write the output from `r.apply(program)` with
/// `r.note()` at its top. `Err`: refused, one line per withheld record
/// naming it and its partner, then what to record; exit 1, nothing may be
/// written.
fn consent_gate(
    program: &crate::domain::Program,
    withheld: Vec<consent::Withheld>,
    redactable: Redactable,
    redact: bool,
) -> Result<Option<consent::Redaction>, ExitCode> {
    if withheld.is_empty() {
        return Ok(None);
    }
    if let (Redactable::Yes, true) = (redactable, redact) {
        return Ok(Some(consent::Redaction::new(program, withheld)));
    }
    for w in &withheld {
        eprintln!("jmo: refused (G5): {}.", w.reason());
    }
    let then = match (redactable, redact) {
        (Redactable::No(why), true) => {
            format!(": {why}, so --redact cannot leave it out")
        }
        (Redactable::No(_), false) => " to write it".to_owned(),
        (Redactable::Yes, _) => format!(
            " or run again with --redact to leave {} out",
            if withheld.len() == 1 { "it" } else { "them" }
        ),
    };
    Err(fail(
        1,
        format!("{}{then}. Nothing was written.", consent::RECORD_CONSENT),
    ))
}

/// `text` (a report) with the note of what was left out at its top: a
/// Markdown blockquote, or for JSON a first field `"redacted"`.
fn with_note(text: String, note: Option<&consent::Note>, json: bool) -> String {
    let Some(note) = note else { return text };
    if !json {
        return note.markdown() + &text;
    }
    let field = serde_json::to_string_pretty(note)
        .unwrap_or_default()
        .replace('\n', "\n  ");
    match text.strip_prefix("{\n") {
        Some(rest) => format!("{{\n  \"redacted\": {field},\n{rest}"),
        None => text,
    }
}

/// Why `--out FILE` was not written, in one line; for a folder, pipe or
/// device at FILE, the database, or jmo's own output, what to do instead.
fn out_error(file: &Path, e: &std::io::Error) -> String {
    let mut text = format!("cannot write {}: {e}", file.display());
    if files::is_the_database(e) {
        text.push_str("; --out needs another file than the database; nothing was written");
    } else if files::is_open_here(e) {
        text.push_str("; to write to standard output, leave --out off; nothing was written");
    } else if files::is_not_a_file(e) {
        text.push_str(
            "; --out needs a regular file (to write to standard output, leave --out off); nothing was written",
        );
    }
    text
}

/// Writes a report to `out` (whole, through a temporary file; see
/// [`files::write_new_file`]; never over the database) or standard output.
fn deliver(cli: &Cli, text: &str, out: Option<&Path>) -> ExitCode {
    match out {
        None => done(emit(text)),
        Some(file) => match files::write_new_file(file, text, db_path(cli).ok().as_deref()) {
            Ok(()) => {
                eprintln!("Wrote {}", file.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(1, out_error(file, &e)),
        },
    }
}

/// A report's `--json`: its top-level `"currency"`, then its fields, money
/// as `{"unit": "money", …}` figures ([`crate::domain::figure`]).
fn to_json<T: serde::Serialize>(currency: crate::domain::Currency, report: &T) -> String {
    let doc = crate::domain::figure::InCurrency { currency, report };
    serde_json::to_string_pretty(&doc)
        .map_or_else(|e| format!("{{\"error\": \"{e}\"}}\n"), |s| s + "\n")
}

/// `jmo report plan|results|program` (issue 4, items 4 and 5): exit 0
/// written; 1 a write error; 2 no database, an unknown campaign, or a
/// fiscal year out of range.
fn report_command(cli: &Cli, report: &ReportCommand) -> ExitCode {
    use crate::domain::{dashboard, report as r};
    match report {
        ReportCommand::Plan(a) => return campaign_report(cli, a, None),
        ReportCommand::Results { args, reported } => {
            return campaign_report(cli, args, Some(*reported));
        }
        ReportCommand::Jmp { .. } | ReportCommand::Program { .. } => {}
    }
    let (program, loaded) = match read_program(cli) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let goals = &loaded.config.program;
    let today = today(cli);
    match report {
        // Read above, from the campaign's partner alone.
        ReportCommand::Plan(_) | ReportCommand::Results { .. } => ExitCode::from(2),
        ReportCommand::Jmp {
            partner,
            period,
            json,
            out,
            redact,
        } => {
            use crate::domain::jmp::{self, Period};
            let p = match resolve_partner(&program, partner) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let period = match period.as_deref().map(Period::parse) {
                None => Period::quarter_of(today),
                Some(Ok(x)) => x,
                Some(Err(e)) => return fail(2, format!("--period: {e}")),
            };
            let plans = program.plans_of(p);
            let Some(plan) = plans.iter().find(|x| x.period == period) else {
                let have: Vec<String> = plans.iter().map(|x| x.period.to_string()).collect();
                return fail(
                    2,
                    if have.is_empty() {
                        format!("this partner has no joint marketing plan (none for {period})")
                    } else {
                        format!(
                            "this partner has no {period} plan; its plans: {}",
                            have.join(", ")
                        )
                    },
                );
            };
            // The portfolio shows the plan's campaigns and what hangs on them.
            let in_plan: Vec<CampaignId> = program
                .plan_entries
                .children(plan.id)
                .map(|e| e.campaign_id)
                .collect();
            let withheld: Vec<consent::Withheld> = consent::withheld_of(&program, p)
                .into_iter()
                .filter(|w| {
                    program
                        .campaign_of(w.record)
                        .is_some_and(|c| in_plan.contains(&c))
                })
                .collect();
            let redaction = match consent_gate(&program, withheld, Redactable::Yes, *redact) {
                Ok(r) => r,
                Err(code) => return code,
            };
            let redacted = redaction.as_ref().map(|r| r.apply(&program));
            let shown = redacted.as_ref().unwrap_or(&program);
            let Some(sheet) = jmp::sheet(shown, plan.id, today) else {
                return fail(2, "no such plan");
            };
            let text = if *json {
                to_json(shown.currency, &sheet)
            } else {
                sheet.markdown()
            };
            let note = redaction.map(|r| r.note());
            deliver(cli, &with_note(text, note.as_ref(), *json), out.as_deref())
        }
        ReportCommand::Program {
            year,
            json,
            out,
            reported,
        } => {
            let fy = match year {
                Some(y) => dashboard::FiscalYear::new(*y, goals.fiscal_year_start_month)
                    .filter(|_| (1900..=9999).contains(y)),
                None => dashboard::FiscalYear::containing(today, goals.fiscal_year_start_month),
            };
            let Some(fy) = fy else {
                return fail(2, "the fiscal year must be between 1900 and 9999");
            };
            let evidenced = if *reported {
                None
            } else {
                match evidenced::of_program(cli, &program, &loaded, today) {
                    Ok(e) => Some(e),
                    Err(code) => return code,
                }
            };
            let d = dashboard::dashboard(
                &program,
                fy,
                goals,
                &loaded.config.policies,
                today,
                evidenced.as_ref(),
            );
            let rep = r::ProgramReport { dashboard: d };
            let text = if *json {
                to_json(program.currency, &rep)
            } else {
                rep.markdown()
            };
            deliver(cli, &text, out.as_deref())
        }
    }
}

/// `jmo report plan|results CAMPAIGN` (issue 4, item 4): reads the
/// campaign's partner only ([`one::read_one`], issue 13, item 3); the
/// report is what it is on the whole program. `results`: `None` for the
/// plan; for the results, whether `--reported` was given (else the
/// evidenced figures where the campaign has evidence, docs/domain.md §15.3).
fn campaign_report(cli: &Cli, a: &ReportArgs, results: Option<bool>) -> ExitCode {
    use crate::domain::packet::Target;
    use crate::domain::report as r;
    let (program, loaded, target) = match one::read_one(cli, &a.campaign, one::Naming::Campaign) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let goals = &loaded.config.program;
    let today = today(cli);
    let found = match target {
        Some(Target::Campaign(c)) => Some(c),
        Some(Target::Request(r)) => program.requests.get(r).map(|r| r.campaign_id),
        None => None,
    };
    let c = match found.map_or_else(|| resolve_campaign(&program, &a.campaign), Ok) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let withheld = consent::withheld_in_campaign(&program, c);
    let redactable = if withheld.iter().any(|w| w.record == RecordRef::Campaign(c)) {
        Redactable::No("this report is about that campaign")
    } else {
        Redactable::Yes
    };
    let redaction = match consent_gate(&program, withheld, redactable, a.redact) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let redacted = redaction.as_ref().map(|r| r.apply(&program));
    let shown = redacted.as_ref().unwrap_or(&program);
    let evidenced = match results {
        Some(false) => match evidenced::of_campaign(cli, &program, &loaded, c, today) {
            Ok(e) => e,
            Err(code) => return code,
        },
        Some(true) | None => None,
    };
    let text = if results.is_none() {
        r::plan(shown, c, goals, &loaded.playbooks, today).map(|p| {
            if a.json {
                to_json(shown.currency, &p)
            } else {
                p.markdown()
            }
        })
    } else {
        r::results_with(shown, c, goals, today, evidenced.as_ref()).map(|p| {
            if a.json {
                to_json(shown.currency, &p)
            } else {
                p.markdown()
            }
        })
    };
    let note = redaction.map(|r| r.note());
    match text {
        Some(t) => deliver(cli, &with_note(t, note.as_ref(), a.json), a.out.as_deref()),
        None => fail(2, "no such campaign"),
    }
}
