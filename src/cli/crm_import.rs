//! `jmo crm import FILE [--partner NAME] [--apply] [--skip-invalid]
//! [--profile PROFILE.toml]` (issue 12 items 2 and 4, docs/crm.md
//! "Import"): reads Campaign records from a Data Loader CSV (export or
//! success file), an sObject Tree JSON file or a tree plan file — or,
//! through a user's import profile, another CRM's campaign export — plans
//! them ([`crate::crm::import`]) and prints the preview; with `--apply`
//! writes the plan as one store edit. A file of 1 MiB or more shows a
//! progress bar on standard error when that is a terminal.

use super::{Cli, crm_progress, db_path, fail, read_program, resolve_partner, to_stdout};
use crate::crm::import::{self, Outcome, Planned};
use crate::crm::profile::{Profile, ValueMap, read_profile};
use crate::crm::read::{self, Column, ReadError, Record};
use crate::crm::salesforce::mapping::{TypeMap, default_type};
use crate::domain::{CampaignType, Contact, Program, new_campaign, reschedule};
use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};
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

/// The Salesforce Campaign profile with its Type map the reverse of the
/// config's `[crm.salesforce.types]`: each configured value reads back as
/// its jmo type (over the shipped entry for that value).
pub fn profile(types: &TypeMap) -> Result<Profile, String> {
    let mut profile = Profile::salesforce_campaign().map_err(|e| e.to_string())?;
    let mut entries: Vec<(String, String)> = profile
        .field("type")
        .and_then(|f| f.values.as_ref())
        .map(|m| m.entries().to_vec())
        .unwrap_or_default();
    for &t in CampaignType::ALL {
        let value = types.of(t);
        if value != default_type(t) {
            let folded = value.trim().to_lowercase();
            entries.retain(|(from, _)| from.trim().to_lowercase() != folded);
            entries.push((value.to_owned(), t.key().to_owned()));
        }
    }
    let map = ValueMap::new(entries).map_err(|(a, b)| format!("Type '{a}' and '{b}' clash"))?;
    profile.set_values("type", map).map_err(|e| e.to_string())?;
    Ok(profile)
}

/// `FILE:LINE:COLUMN: msg` (CSV), `FILE:LINE:COLUMN: msg` from the JSON
/// parser, or `FILE: record N, field K: msg` (a tree record).
fn located(file: &Path, e: &ReadError) -> String {
    let f = file.display();
    let problem = &e.problem;
    let named = |c: &Column| (!c.name.is_empty()).then(|| format!("{}: ", c.name));
    match (e.line, &e.column) {
        (
            Some(l),
            Some(
                c @ Column {
                    number: Some(n), ..
                },
            ),
        ) => {
            format!("{f}:{l}:{n}: {}{problem}", named(c).unwrap_or_default())
        }
        (Some(l), _) => format!("{f}:{l}: {problem}"),
        (None, _) => format!("{f}: {e}"),
    }
}

/// The records of `file` and the problems, each problem already located.
/// `Err`: the file cannot be opened or read at all (its message).
fn read_file(file: &Path, profile: &Profile) -> Result<(Vec<Record>, Vec<String>), String> {
    let open =
        |p: &Path| std::fs::File::open(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let head = first_bytes(file)?;
    let first = head
        .iter()
        .find(|b| !(b.is_ascii_whitespace() || **b >= 0x80))
        .copied();
    let json = file
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        || matches!(first, Some(b'{' | b'['));
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let take = |path: &Path,
                it: &mut dyn Iterator<Item = Result<Record, ReadError>>,
                records: &mut Vec<Record>,
                problems: &mut Vec<String>| {
        for r in it {
            match r {
                Ok(r) => records.push(r),
                Err(e) => problems.push(located(path, &e)),
            }
        }
    };
    if !json {
        let input = open(file)?;
        let bar = crm_progress::for_file(&input);
        match read::read_csv(bar.wrap_read(input), profile) {
            Ok(mut it) => take(file, &mut it, &mut records, &mut problems),
            Err(e) => problems.push(located(file, &e)),
        }
        bar.finish_and_clear();
    } else if first == Some(b'[') {
        let bytes =
            std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        let entries = match read::read_plan(bytes.as_slice()) {
            Ok(p) => p,
            Err(e) => return Ok((records, vec![located(file, &e)])),
        };
        let dir = file.parent().unwrap_or(Path::new("."));
        let mut any = false;
        for entry in entries
            .iter()
            .filter(|e| e.sobject.eq_ignore_ascii_case(&profile.object))
        {
            for name in &entry.files {
                any = true;
                let path = dir.join(name);
                match read::read_tree(open(&path)?, profile) {
                    Ok(mut it) => take(&path, &mut it, &mut records, &mut problems),
                    Err(e) => problems.push(located(&path, &e)),
                }
            }
        }
        if !any {
            problems.push(format!(
                "{}: the plan names no {} file",
                file.display(),
                profile.object
            ));
        }
    } else {
        let input = open(file)?;
        let bar = crm_progress::for_file(&input);
        match read::read_tree(std::io::BufReader::new(bar.wrap_read(input)), profile) {
            Ok(mut it) => take(file, &mut it, &mut records, &mut problems),
            Err(e) => problems.push(located(file, &e)),
        }
        bar.finish_and_clear();
    }
    Ok((records, problems))
}

/// Up to the first 4 KiB of `file`, to tell JSON from CSV without reading
/// it all.
fn first_bytes(file: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(file)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    Ok(head)
}

/// One preview line: `line 3: link 'Partner: X - Y' → campaign 10 by
/// external id; crm id ← 701…` (`record N` when there is no line).
pub fn preview_line(p: &Planned, program: &Program) -> String {
    let place = p
        .line
        .map_or_else(|| format!("record {}", p.index), |l| format!("line {l}"));
    let body = match &p.outcome {
        Outcome::Link {
            campaign,
            by,
            changes,
            ..
        } => {
            let verb = if p.outcome.is_update() {
                "update"
            } else {
                "link"
            };
            let mut s = format!(
                "{verb} '{}' → campaign {} by {}",
                p.name,
                campaign.0,
                by.words().trim_start_matches("by ")
            );
            if let Some(c) = program.campaigns.get(*campaign)
                && !p.name.trim().ends_with(c.name.trim())
            {
                s.push_str(&format!(" ('{}')", c.name));
            }
            for c in changes {
                if c.field == "crm id" && c.old == "none" {
                    s.push_str(&format!("; crm id ← {}", c.new));
                } else {
                    s.push_str(&format!("; {} {} → {}", c.field, c.old, c.new));
                }
            }
            s
        }
        Outcome::Create {
            partner_name,
            campaign,
            ..
        } => format!(
            "create '{}' under {partner_name}: {}, {} to {}, {}{}",
            campaign.name,
            campaign.campaign_type.key(),
            campaign.start,
            campaign.end,
            campaign.status.key(),
            campaign
                .crm_id
                .as_ref()
                .map_or_else(String::new, |id| format!("; crm id {id}"))
        ),
        Outcome::Skip(why) => format!("skip '{}': {why}", p.name),
    };
    format!("{place}: {body}")
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
    let (records, problems) = match read_file(&args.file, &profile) {
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
    text.push_str(&format!(
        "{} link, {} update, {} create, {} skip, {} invalid\n",
        n.link,
        n.update,
        n.create,
        n.skip,
        problems.len()
    ));
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
    let writes = planned.iter().any(|p| match &p.outcome {
        Outcome::Link { changes, .. } => !changes.is_empty(),
        Outcome::Create { .. } => true,
        Outcome::Skip(_) => false,
    });
    if !writes {
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
    let written = store.edit(&label, |tx| write(tx, &program, &planned, loaded));
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

/// The edit: each changed campaign over the one read (refused if it changed
/// meanwhile), its standard milestones and template items following moved
/// dates; each new campaign with its milestones and checklist. Returns
/// (changed, created).
fn write(
    tx: &mut crate::store::Tx<'_>,
    program: &Program,
    planned: &[Planned],
    loaded: &crate::app::config::Loaded,
) -> Result<(usize, usize), StoreError> {
    use crate::domain::{Campaign, Milestone, Responsibility};
    let (mut changed, mut created) = (0, 0);
    for p in planned {
        match &p.outcome {
            Outcome::Link {
                campaign,
                changes,
                updated,
                ..
            } if !changes.is_empty() => {
                let Some(old) = program.campaigns.get(*campaign) else {
                    continue;
                };
                let now = tx.get::<Campaign>(*campaign)?;
                if now.as_ref().map(|s| &s.value) != Some(&old.value) {
                    return Err(StoreError::Refused(format!(
                        "campaign {} changed meanwhile; run the command again",
                        campaign.0
                    )));
                }
                let moves = reschedule::follow_dates(
                    &old.value,
                    updated,
                    &program.milestones_of(*campaign),
                    &program.checklist_of(*campaign),
                    &loaded.templates,
                );
                tx.update(*campaign, updated)?;
                for (m, due) in moves.milestones {
                    if let Some(cur) = tx.get::<Milestone>(m)? {
                        let mut next = cur.value;
                        next.due = due;
                        tx.update(m, &next)?;
                    }
                }
                for (r, due) in moves.checklist {
                    if let Some(cur) = tx.get::<Responsibility>(r)? {
                        let mut next = cur.value;
                        next.due = Some(due);
                        tx.update(r, &next)?;
                    }
                }
                changed += 1;
            }
            Outcome::Create {
                partner, campaign, ..
            } => {
                let Some(partner_record) = program.partners.get(*partner) else {
                    continue;
                };
                let contacts: Vec<Contact> = program
                    .contacts_of(*partner)
                    .into_iter()
                    .map(|c| c.value.clone())
                    .collect();
                let id = tx.insert(campaign)?;
                let owners = new_campaign::default_owners(
                    &loaded.config.our_owner,
                    &partner_record.value,
                    &contacts,
                );
                let new = new_campaign::records(id, campaign, &loaded.templates, &owners);
                for m in &new.milestones {
                    tx.insert(m)?;
                }
                for r in &new.checklist {
                    tx.insert(r)?;
                }
                created += 1;
            }
            _ => {}
        }
    }
    Ok((changed, created))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The config's `[crm.salesforce.types]` reads back: a configured value
    /// maps to its jmo type, and the shipped entries for other values stay.
    #[test]
    fn the_type_map_is_the_reverse_of_the_configured_one() {
        let mut types = TypeMap::default();
        types.set(CampaignType::Webinar, "Virtual Webinar");
        types.set(CampaignType::Content, "Conference");
        let p = profile(&types).unwrap();
        let map = p.field("type").unwrap().values.as_ref().unwrap();
        assert_eq!(map.get("virtual webinar"), Some("webinar"));
        assert_eq!(map.get("Conference"), Some("content"));
        assert_eq!(map.get("Banner Ads"), Some("digital_ads"));
        let shipped = profile(&TypeMap::default()).unwrap();
        let map = shipped.field("type").unwrap().values.as_ref().unwrap();
        assert_eq!(map.get("Virtual Webinar"), None);
        assert_eq!(map.get("Conference"), Some("virtual_event"));
    }
}
