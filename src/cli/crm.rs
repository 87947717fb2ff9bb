//! `jmo crm …` (issue 12; docs/crm.md): `jmo crm export salesforce`
//! writes jmo's campaigns and MDF records as the files Salesforce's tools
//! load (Data Loader CSV, or sObject Tree JSON and its plan).

use super::{Cli, Redactable, consent_gate, fail, read_with, to_stdout, today};
use crate::app::files;
use crate::crm::salesforce::{self, ExportOptions, tree};
use crate::domain::{Program, consent};
use crate::store::{Store, StoreError};
use std::path::PathBuf;
use std::process::ExitCode;

/// The `jmo crm` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CrmCommand {
    /// Write jmo's campaigns and MDF records as files a CRM loads.
    Export {
        /// The CRM.
        #[command(subcommand)]
        target: ExportTarget,
    },
    /// Read a CRM file and print what each record would do; --apply writes it all as one edit. Salesforce Campaign records (a Data Loader CSV export or success file, an sObject Tree JSON file or its plan): link to a jmo campaign (by Id, external id, "Partner: X - Y" name or exact name), update it (each field old → new), create one, or skip (and why). Pipeline evidence, recognised by its header (docs/crm.md "Importing evidence"): Salesforce Account, Lead, CampaignMember, Opportunity and OpportunityPartner (Data Loader CSV or sObject Tree), HubSpot companies, contacts and deals exports, an account-mapping overlap CSV, jmo's touches CSV: create, update by CRM id, unchanged, or skip (and why). Exit 1 when a record cannot be read (FILE:LINE:COLUMN; nothing is written unless --skip-invalid) or the write fails; 2 when the database cannot be opened.
    Import(Box<super::crm_import::ImportArgs>),
}

/// The CRMs `jmo crm export` writes for.
#[derive(Debug, clap::Subcommand)]
pub enum ExportTarget {
    /// Salesforce (docs/crm.md): Campaign.csv (the parent campaigns first, one per fiscal year, then one row per campaign), PartnerMarketingBudget.csv, PartnerFundAllocation.csv, PartnerFundRequest.csv and PartnerFundClaim.csv for Data Loader, each record keyed by jmo's external id (Jmo_Id__c) so a re-run upserts; or with --format tree, sObject Tree JSON files and their plan for `sf data import tree --plan`. A campaign whose Salesforce name is over 80 characters is written with a warning on standard error (Salesforce refuses it). Exit 1 when a record carries a partner's customer data without recorded consent (G5; nothing is written) or a file cannot be written; 2 when the database cannot be opened.
    Salesforce(SalesforceArgs),
}

/// `jmo crm export salesforce [--out DIR] [--format csv|tree] [--parent NAME] [--redact]`.
#[derive(Debug, clap::Args)]
pub struct SalesforceArgs {
    /// The folder to write the files into (created if missing) [default: the current folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// csv: Data Loader CSV files; tree: sObject Tree JSON files plus jmo-salesforce-plan.json.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// One parent campaign of this name for every campaign [default: one parent per fiscal year, "Partner Marketing FY{yy}", each campaign under the one of the fiscal year of [program] containing its start date].
    #[arg(long, value_name = "NAME")]
    pub parent: Option<String>,
    /// Leave out the campaigns that use a partner's customer data without recorded consent (G5), with their MDF requests and claims, instead of refusing; standard error says what was left out.
    #[arg(long)]
    pub redact: bool,
}

/// The file format of `jmo crm export salesforce`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Data Loader CSV, one file per object.
    Csv,
    /// sObject Tree JSON, one file per object, plus the plan file.
    Tree,
}

/// Runs `jmo crm …`.
pub fn run(cli: &Cli, command: &CrmCommand) -> ExitCode {
    match command {
        CrmCommand::Export {
            target: ExportTarget::Salesforce(args),
        } => export_salesforce(cli, args),
        CrmCommand::Import(args) => super::crm_import::run(cli, args),
    }
}

/// What the export reads, in one snapshot: the tables it writes from
/// ([`Store::load_for_crm_export`]), the withheld records (G5), and with
/// `redact` the redaction, built one withheld partner at a time on that
/// partner's records (each withheld campaign goes with all that is under
/// it, and the note counts them), so memory holds one partner's records
/// beside the tables.
fn read_export(
    store: &Store,
    redact: bool,
) -> Result<(Program, Vec<consent::Withheld>, Option<consent::Redaction>), StoreError> {
    let program = store.load_for_crm_export()?;
    let withheld = consent::withheld(&program);
    if !redact || withheld.is_empty() {
        return Ok((program, withheld, None));
    }
    let mut redaction: Option<consent::Redaction> = None;
    for chunk in withheld.chunk_by(|a, b| a.partner == b.partner) {
        let part = store.load_partner(chunk[0].partner)?;
        let r = consent::Redaction::new(&part, chunk.to_vec());
        match &mut redaction {
            Some(all) => all.extend(r),
            None => redaction = Some(r),
        }
    }
    Ok((program, withheld, redaction))
}

/// `jmo crm export salesforce`: G5 first (refused, or with `--redact` the
/// withheld campaigns and what depends on them left out), then every file
/// built, then all written whole or none ([`files::write_files`]); stdout
/// lists each file and its record count.
fn export_salesforce(cli: &Cli, args: &SalesforceArgs) -> ExitCode {
    let ((program, withheld, redaction), loaded) =
        match read_with(cli, |store| read_export(store, args.redact)) {
            Ok(x) => x,
            Err(code) => return code,
        };
    // The redaction is built already (partner by partner); the gate
    // refuses when it is not asked for.
    let redaction = match redaction {
        Some(r) => Some(r),
        None => match consent_gate(&program, withheld, Redactable::Yes, false) {
            Ok(_) => None,
            Err(code) => return code,
        },
    };
    let mut program = program;
    if let Some(r) = &redaction {
        r.remove_from(&mut program);
    }
    let shown = &program;
    let options = ExportOptions {
        today: today(cli),
        fiscal_year_start_month: loaded.config.program.fiscal_year_start_month,
        parent: args.parent.clone(),
        types: loaded.config.crm.types.clone(),
        goals: loaded.config.program.clone(),
    };
    let tables = salesforce::build(shown, &options);
    let out = match args.format {
        Format::Csv => salesforce::csv_files(&tables, shown.currency),
        Format::Tree => tree::tree_files(&tables, shown.currency),
    };
    let texts: Vec<(String, &str)> = out
        .iter()
        .map(|f| (f.name.clone(), f.text.as_str()))
        .collect();
    let db = super::db_path(cli).ok();
    let written = match files::write_files(
        &texts,
        args.out.as_deref(),
        db.as_deref(),
        "the export",
        "nothing was written",
    ) {
        Ok(w) => w,
        Err(e) => {
            return fail(
                1,
                format!("{e}; --out names the folder for the export's files"),
            );
        }
    };
    if let Some(r) = &redaction {
        let note = r.note();
        eprintln!("jmo: redacted: {}", note.reason);
        for l in &note.left_out {
            eprintln!("jmo: left out: {l}");
        }
    }
    let loader = match args.format {
        Format::Csv => "Data Loader",
        Format::Tree => "sf data import tree",
    };
    for (what, n) in salesforce::export::long_names(&tables) {
        let fix = if what.starts_with("campaign ") {
            "shorten the campaign's name (e)"
        } else {
            "give --parent a shorter name"
        };
        eprintln!(
            "jmo: {what}'s Salesforce name is {n} characters; Salesforce's Campaign Name holds {}: {fix} — the row is written, and {loader} will refuse it",
            crate::domain::campaign::CRM_NAME_MAX
        );
    }
    let mut text = String::new();
    for (path, f) in written.iter().zip(&out) {
        if f.name == tree::PLAN_FILE {
            text.push_str(&format!(
                "{}: the plan for sf data import tree --plan\n",
                path.display()
            ));
        } else {
            text.push_str(&format!(
                "{}: {} record{}\n",
                path.display(),
                f.records,
                if f.records == 1 { "" } else { "s" }
            ));
        }
    }
    match to_stdout(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(1, format!("written, but cannot list the files: {e}")),
    }
}
