//! `jmo tick ITEM [--campaign CAMPAIGN] [--side SIDE] [--untick]` (issue
//! 13, targets: a checklist tick from the shell): ticks a campaign's
//! checklist item done (docs/domain.md §5), or opens it again, as one
//! edit, labelled as Space labels it in the screen ("Tick '…'"). Like
//! `jmo results` it reads only the item's partner, finds the item on the
//! file opened read-only (an older file: on a private migrated copy)
//! before the file is opened for writing, so an unknown or ambiguous item
//! leaves the file byte for byte as it was, and so does an item already
//! in the state asked for.

use super::one::{Naming, read_partner_of};
use super::{Cli, campaign_named, confirm, db_path, fail, today};
use crate::domain::packet::{MAX_CANDIDATES, Target};
use crate::domain::{
    CampaignId, Program, RecordRef, Responsibility, ResponsibilityId, Side, Stored,
};
use crate::store::{ItemName, Refusal, Store, StoreError};
use chrono::NaiveDate;
use std::process::ExitCode;

/// `jmo tick ITEM …`: which checklist item, and which way.
#[derive(Debug, clap::Args)]
pub struct TickArgs {
    /// The checklist item: its title (ignoring case and surrounding spaces) or item:ID.
    pub item: String,
    /// The item's campaign: its name (ignoring case) or campaign:ID; needed when campaigns share the item's title (template items do).
    #[arg(long, value_name = "CAMPAIGN")]
    pub campaign: Option<String>,
    /// The item's side: ours, partner or shared; needed when a campaign has the title on two sides.
    #[arg(long, value_name = "SIDE", value_parser = parse_side)]
    pub side: Option<Side>,
    /// Open the item again (untick it) instead of ticking it.
    #[arg(long)]
    pub untick: bool,
}

fn parse_side(s: &str) -> Result<Side, String> {
    Side::from_key(&s.trim().to_lowercase())
        .ok_or_else(|| format!("'{s}' is not a side; use {}", Side::keys()))
}

/// The item found, with what the messages say about it.
#[derive(Debug)]
struct Found {
    /// The item as read.
    item: Stored<Responsibility>,
    /// Its campaign's name and its partner's.
    campaign: String,
    partner: String,
}

impl Found {
    /// `'Create landing page' (ours) in 'Q1 Webinar' (Acme)`.
    fn named(&self) -> String {
        format!(
            "'{}' ({}) in '{}' ({})",
            self.item.title,
            self.item.side.key(),
            self.campaign,
            self.partner
        )
    }

    /// What is said when the item is already as asked: nothing is written.
    fn already(&self, item: &Responsibility) -> String {
        match item.done_on {
            Some(d) => format!(
                "Already done: {}, ticked on {d}; nothing was written\n",
                self.named()
            ),
            None => format!("Already open: {}; nothing was written\n", self.named()),
        }
    }
}

/// Why the item could not be found: the message (after "jmo: "), exit 2.
#[derive(Debug)]
struct NotFound(String);

/// `jmo tick ITEM …`: finds the item (exit 2 with the candidates, with
/// their ids, when the text names none or several), then ticks it done
/// on `--as-of` (else today) or, with `--untick`, opens it again, as one
/// edit. An item already so writes nothing and says so (exit 0). Exit 1
/// when the edit cannot be saved (the file is read-only, another program
/// holds the write lock).
pub(super) fn tick(cli: &Cli, a: &TickArgs) -> ExitCode {
    let path = match db_path(cli) {
        Ok(p) => p,
        Err(e) => return fail(2, e),
    };
    if std::fs::symlink_metadata(&path).is_err() {
        return fail(2, Refusal::Missing(path));
    }
    let today = today(cli);
    // Found on the file read as it is, nothing written; an older file,
    // which is read only once migrated, on a private migrated copy.
    let found = match Store::read_snapshot(&path, |s| find(s, a)) {
        Ok(found) => found,
        Err(StoreError::File(Refusal::Outdated { .. })) => {
            match Store::copy_of(&path).and_then(|copy| find(&copy, a)) {
                Ok(found) => found,
                Err(e) => return fail(2, e),
            }
        }
        Err(e) => return fail(2, e),
    };
    let found = match found {
        Ok(f) => f,
        Err(NotFound(message)) => return fail(2, message),
    };
    let done = !a.untick;
    if found.item.is_done() == done {
        return confirm(&found.already(&found.item));
    }
    let mut store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => return fail(2, e),
    };
    match save(&mut store, &found, done, today) {
        Ok(Saved {
            changed: false,
            item,
            ..
        }) => confirm(&found.already(&item)),
        Ok(Saved {
            item,
            ticked,
            total,
            ..
        }) => {
            let (verb, on) = match item.done_on {
                Some(d) => ("Ticked", format!(" on {d}")),
                None => ("Unticked", String::new()),
            };
            confirm(&format!(
                "{verb} {}{on}: {ticked} of {total} done\n",
                found.named()
            ))
        }
        Err(StoreError::NotFound(_)) => fail(
            2,
            format!(
                "item:{} was deleted meanwhile; nothing was written",
                found.item.id
            ),
        ),
        Err(e) => fail(1, format!("{e}; nothing was written")),
    }
}

/// What [`save`] wrote.
struct Saved {
    /// Whether anything changed (no: another jmo did it meanwhile).
    changed: bool,
    /// The item as it is now.
    item: Responsibility,
    /// How many items of its campaign are ticked, and how many it has.
    ticked: i64,
    total: i64,
}

/// Ticks (`done`) or opens the found item, from the row as it is on disk
/// under the write lock, as Space does (labelled "Tick '…'" or "Untick
/// '…'"); counts its campaign's items in the same transaction.
///
/// Errors: [`StoreError::NotFound`] when the item is gone; SQLite errors.
fn save(
    store: &mut Store,
    found: &Found,
    done: bool,
    today: NaiveDate,
) -> Result<Saved, StoreError> {
    let id = found.item.id;
    let campaign = found.item.campaign_id;
    let verb = if done { "Tick" } else { "Untick" };
    let edited = store.edit(&format!("{verb} '{}'", found.item.title), |tx| {
        let changed = tx.change(id, |r: &Responsibility| {
            let mut next = r.clone();
            next.done_on = if done {
                r.done_on.or(Some(today))
            } else {
                None
            };
            Ok((format!("{verb} '{}'", r.title), next))
        })?;
        let item = tx
            .get::<Responsibility>(id)?
            .ok_or(StoreError::NotFound(RecordRef::Responsibility(id)))?;
        let count = |filter: &str| {
            tx.query_i64(
                &format!("SELECT count(*) FROM responsibilities WHERE campaign_id = ?1{filter}"),
                &[&campaign.0],
            )
        };
        Ok(Saved {
            changed,
            item: item.value,
            ticked: count(" AND done_on IS NOT NULL")?,
            total: count("")?,
        })
    })?;
    Ok(edited.value)
}

/// Finds the item `a` names, reading only its partner when the text names
/// one item; the outer error is the database's.
fn find(store: &Store, a: &TickArgs) -> Result<Result<Found, NotFound>, StoreError> {
    let typed = a.item.trim();
    match &a.campaign {
        Some(campaign) => in_campaign(store, a, campaign),
        None => match item_id(typed) {
            Some(id) => {
                let Some(partner) = store.partner_of(RecordRef::Responsibility(id))? else {
                    return Ok(Err(NotFound(format!(
                        "there is no checklist item {typed} (use its title, or item:ID)"
                    ))));
                };
                let program = store.load_partner(partner)?;
                Ok(found(&program, id).ok_or_else(|| NotFound(format!("no item:{id}"))))
            }
            None => by_title(store, a),
        },
    }
}

/// `item:12` as an id; `None` for text not written so.
fn item_id(typed: &str) -> Option<ResponsibilityId> {
    let lower = typed.to_lowercase();
    let rest = lower.strip_prefix("item:")?;
    rest.trim().parse::<i64>().ok().map(ResponsibilityId)
}

/// What the item's text asks for: its title in lower case (typed), and
/// its side if given.
struct Wanted {
    lower: String,
    side: Option<Side>,
}

impl Wanted {
    fn of(a: &TickArgs) -> Wanted {
        Wanted {
            lower: a.item.trim().to_lowercase(),
            side: a.side,
        }
    }

    /// Whether `title` (ignoring case and surrounding spaces) and `side`
    /// (a side key) are the ones asked for. An ASCII title is compared
    /// without lower-casing it (the scan over every item's title).
    fn same(&self, title: &str, side: &str) -> bool {
        let title = title.trim();
        let title_is = if title.is_ascii() {
            title.eq_ignore_ascii_case(&self.lower)
        } else {
            title.to_lowercase() == self.lower
        };
        title_is && self.side.is_none_or(|s| s.key() == side)
    }

    /// Whether `title` contains what was asked (ignoring case), on the
    /// side asked.
    fn near(&self, title: &str, side: &str) -> bool {
        !self.lower.is_empty()
            && title.to_lowercase().contains(&self.lower)
            && self.side.is_none_or(|s| s.key() == side)
    }
}

/// The item found by its title among every campaign's: a scan of the
/// items' titles, then its partner alone.
fn by_title(store: &Store, a: &TickArgs) -> Result<Result<Found, NotFound>, StoreError> {
    let wanted = Wanted::of(a);
    let exact = store.find_items(|t, s| wanted.same(t, s))?;
    if let [one] = exact.as_slice() {
        let Some(partner) = store.partner_of(RecordRef::Responsibility(*one))? else {
            return Ok(Err(NotFound(format!("no item:{one}"))));
        };
        let program = store.load_partner(partner)?;
        return Ok(found(&program, *one).ok_or_else(|| NotFound(format!("no item:{one}"))));
    }
    let (head, ids) = if exact.is_empty() {
        (
            no_match(a, None),
            store.find_items(|t, s| wanted.near(t, s))?,
        )
    } else {
        (
            several(a, exact.len(), "--campaign CAMPAIGN, --side SIDE"),
            exact,
        )
    };
    let names = store.item_names(&ids[..ids.len().min(MAX_CANDIDATES)])?;
    Ok(Err(NotFound(with_candidates(head, &names, ids.len()))))
}

/// The item found among one campaign's, read with its partner alone
/// (the whole program only when the campaign's text names none or
/// several, for the message, as `jmo results` does).
fn in_campaign(
    store: &Store,
    a: &TickArgs,
    campaign: &str,
) -> Result<Result<Found, NotFound>, StoreError> {
    let quick = read_partner_of(store, campaign, Naming::Campaign)?.and_then(|(p, target)| {
        let c = match target {
            Target::Campaign(c) => Some(c),
            Target::Request(r) => p.requests.get(r).map(|r| r.campaign_id),
        };
        c.map(|c| (p, c))
    });
    let (program, c) = match quick {
        Some(found) => found,
        None => {
            let program = store.load_program()?;
            match campaign_named(&program, campaign) {
                Ok(c) => (program, c),
                Err(e) => return Ok(Err(NotFound(format!("--campaign: {e}")))),
            }
        }
    };
    let items = program.checklist_of(c);
    let wanted = Wanted::of(a);
    let typed = a.item.trim();
    let exact: Vec<ResponsibilityId> = match item_id(typed) {
        Some(id) => items.iter().filter(|r| r.id == id).map(|r| r.id).collect(),
        None => items
            .iter()
            .filter(|r| wanted.same(&r.title, r.side.key()))
            .map(|r| r.id)
            .collect(),
    };
    if let [one] = exact.as_slice() {
        return Ok(found(&program, *one).ok_or_else(|| NotFound(format!("no item:{one}"))));
    }
    let (head, ids): (String, Vec<ResponsibilityId>) = if exact.is_empty() {
        let near: Vec<_> = items
            .iter()
            .filter(|r| wanted.near(&r.title, r.side.key()))
            .map(|r| r.id)
            .collect();
        let all = || items.iter().map(|r| r.id).collect();
        (
            no_match(a, Some(&campaign_name(&program, c))),
            if near.is_empty() { all() } else { near },
        )
    } else {
        (several(a, exact.len(), "--side SIDE"), exact)
    };
    let names: Vec<ItemName> = ids
        .iter()
        .take(MAX_CANDIDATES)
        .filter_map(|&id| name_of(&program, id))
        .collect();
    Ok(Err(NotFound(with_candidates(head, &names, ids.len()))))
}

fn campaign_name(program: &Program, c: CampaignId) -> String {
    program
        .campaigns
        .get(c)
        .map_or_else(|| format!("campaign:{c}"), |c| c.name.clone())
}

/// "no checklist item matches 'X'" (in the campaign, when one is given).
fn no_match(a: &TickArgs, campaign: Option<&str>) -> String {
    let side = a
        .side
        .map(|s| format!(" on the {s} side"))
        .unwrap_or_default();
    let within = campaign.map(|c| format!(" in '{c}'")).unwrap_or_default();
    format!(
        "no checklist item matches '{}'{side}{within} (use its title, ignoring case, or item:ID)",
        a.item.trim()
    )
}

/// "'X' names N checklist items; add …".
fn several(a: &TickArgs, n: usize, narrow: &str) -> String {
    format!(
        "'{}' names {n} checklist items; add {narrow} or use item:ID",
        a.item.trim()
    )
}

/// `head`, then one candidate a line (`of` in all, the rest counted).
fn with_candidates(head: String, names: &[ItemName], of: usize) -> String {
    let mut text = head;
    if names.is_empty() {
        return text;
    }
    text.push_str("; candidates:");
    for n in names {
        let side = n.side.map_or("?", |s| s.key());
        let done = if n.done { ", done" } else { "" };
        text.push_str(&format!(
            "\n  item:{}  {} ({side}{done}) in '{}' ({}, campaign:{})",
            n.id,
            n.title.trim(),
            n.campaign,
            n.partner,
            n.campaign_id
        ));
    }
    if of > names.len() {
        text.push_str(&format!("\n  and {} more", of - names.len()));
    }
    text
}

/// The item `id` of `program` as a candidate line names it.
fn name_of(program: &Program, id: ResponsibilityId) -> Option<ItemName> {
    let r = program.responsibilities.get(id)?;
    let c = program.campaigns.get(r.campaign_id)?;
    Some(ItemName {
        id,
        title: r.title.clone(),
        side: Some(r.side),
        done: r.is_done(),
        campaign_id: c.id,
        campaign: c.name.clone(),
        partner: program
            .partners
            .get(c.partner_id)
            .map_or_else(String::new, |p| p.name.clone()),
    })
}

/// The item `id` of `program` with its campaign's and partner's names.
fn found(program: &Program, id: ResponsibilityId) -> Option<Found> {
    let n = name_of(program, id)?;
    Some(Found {
        item: program.responsibilities.get(id)?.clone(),
        campaign: n.campaign,
        partner: n.partner,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(item: &str, side: Option<Side>) -> Wanted {
        Wanted::of(&TickArgs {
            item: item.to_owned(),
            campaign: None,
            side,
            untick: false,
        })
    }

    #[test]
    fn a_title_matches_ignoring_case_and_surrounding_spaces_also_beyond_ascii() {
        let w = wanted("  build AGENDA ", None);
        assert!(w.same("Build agenda", "ours"));
        assert!(w.same(" Build agenda  ", "shared"));
        assert!(!w.same("Build agendas", "ours"));
        let w = wanted("ÜBERSETZUNG prüfen", None);
        assert!(w.same("Übersetzung Prüfen", "partner"));
        assert!(!w.same("Ubersetzung prufen", "partner"));
        // The Kelvin sign lower-cases to an ASCII k.
        assert!(wanted("\u{212A}ickoff", None).same("Kickoff", "ours"));
    }

    #[test]
    fn a_side_given_narrows_the_match_and_near_means_contains() {
        let w = wanted("Promote on channels", Some(Side::Partner));
        assert!(w.same("Promote on channels", "partner"));
        assert!(!w.same("Promote on channels", "ours"));
        let w = wanted("agenda", None);
        assert!(w.near("Joint Agenda", "shared"));
        assert!(!w.near("Agend", "shared"));
        assert!(!wanted(" ", None).near("anything", "ours"));
    }

    #[test]
    fn an_item_id_is_written_item_colon_number() {
        assert_eq!(item_id("item:31"), Some(ResponsibilityId(31)));
        assert_eq!(item_id("ITEM: 7"), Some(ResponsibilityId(7)));
        assert_eq!(item_id("31"), None);
        assert_eq!(item_id("item:x"), None);
    }
}
