//! What a command about one campaign or MDF request reads (issue 13,
//! item 3): the program as that campaign's partner sees it
//! ([`Store::load_partner`]), found by name or id without reading the
//! rest of the database ([`Store::find_campaign`], [`Store::find_request`],
//! [`Store::partner_of`]). When the text names no campaign or several,
//! the whole program is read as before, so the message listing what may
//! have been meant is the same.

use super::{Cli, config, db_path, fail, read_existing, read_program};
use crate::app::config::Loaded;
use crate::domain::packet::Target;
use crate::domain::{Program, RecordRef};
use crate::store::{Store, StoreError};
use std::process::ExitCode;

/// How the command reads what the user typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Naming {
    /// A campaign (its name or campaign:ID), else an MDF request standing
    /// for its campaign: `jmo results`, `jmo report plan|results`.
    Campaign,
    /// An MDF request (R12, request:12, 12), else a campaign: `jmo mdf
    /// packet`.
    PacketTarget,
}

/// For a read command about one campaign or request: the program, the
/// config (its warnings printed to stderr, as [`read_program`] does) and
/// what `text` names. `Some(target)`: the program holds the target's
/// partner only. `None`: `text` names nothing or several things; the
/// program is the whole one, for the caller to resolve `text` on it and
/// say what may have been meant. Exit code 2 when the database is missing
/// or cannot be read.
pub(super) fn read_one(
    cli: &Cli,
    text: &str,
    naming: Naming,
) -> Result<(Program, Loaded, Option<Target>), ExitCode> {
    let path = db_path(cli).map_err(|e| fail(2, e))?;
    let quick = read_existing(&path, |s| read_partner_of(s, text, naming))
        .and_then(|r| r)
        .map_err(|e| fail(2, e))?;
    match quick {
        Some((program, target)) => {
            let loaded = config::load(cli.config.as_deref());
            for w in &loaded.warnings {
                eprintln!("jmo: config: {w}");
            }
            Ok((program, loaded, Some(target)))
        }
        None => read_program(cli).map(|(program, loaded)| (program, loaded, None)),
    }
}

/// On `store`: what `text` names and the program of its partner; `None`
/// when `text` names nothing or several things (see [`read_one`]).
///
/// Errors: SQLite errors.
pub(super) fn read_partner_of(
    store: &Store,
    text: &str,
    naming: Naming,
) -> Result<Option<(Program, Target)>, StoreError> {
    let Some(target) = find(store, text, naming)? else {
        return Ok(None);
    };
    let record = match target {
        Target::Request(r) => RecordRef::Request(r),
        Target::Campaign(c) => RecordRef::Campaign(c),
    };
    let Some(partner) = store.partner_of(record)? else {
        return Ok(None);
    };
    Ok(Some((store.load_partner(partner)?, target)))
}

/// What `text` names, resolved as the whole-program resolvers do
/// ([`crate::domain::packet::resolve_target`] for a packet; for a
/// campaign [`crate::domain::packet::resolve_campaign`], then a request
/// standing for its campaign); `None` when they would fail or the text
/// is not one this quick path can tell.
fn find(store: &Store, text: &str, naming: Naming) -> Result<Option<Target>, StoreError> {
    match naming {
        Naming::Campaign => {
            if let Some(c) = store.find_campaign(text)? {
                return Ok(Some(Target::Campaign(c)));
            }
            Ok(store.find_request(text)?.map(Target::Request))
        }
        Naming::PacketTarget => {
            let lower = text.trim().to_lowercase();
            let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let written_as_request =
                lower.starts_with("request:") || digits(lower.strip_prefix('r').unwrap_or(&lower));
            if written_as_request {
                return Ok(store.find_request(text)?.map(Target::Request));
            }
            Ok(store.find_campaign(text)?.map(Target::Campaign))
        }
    }
}
