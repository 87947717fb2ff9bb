//! Planning a CRM campaign import (issue 12 items 2 and 5; `docs/domain.md
//! §13`, docs/crm.md "Import"): what each record read from a CRM file
//! would do to jmo's campaigns. Pure: takes the program and the typed
//! records ([`super::read`]), returns one [`Planned`] per record; the
//! command line prints it (the preview) or writes it as one store edit.
//!
//! **Matching order** (the first that finds a campaign wins):
//! 1. the record's `Id` is a campaign's stored CRM id (a 15-character
//!    Salesforce id matches the 18-character form that starts with it);
//! 2. its external id is jmo's `jmo-campaign-N` and campaign N exists;
//! 3. its name is "Partner: {partner} - {campaign}" for a partner and one
//!    of its campaigns (names compared ignoring case);
//! 4. its name is exactly one campaign's name.
//!
//! **What an import may change** on a campaign it links: the start and end
//! dates (the launch is kept, moved into the new range if it falls out of
//! it), the status, the type, the budget (Salesforce's `BudgetedCost` is
//! jmo's total cost, so the budget becomes `BudgetedCost` − internal cost)
//! and an absent CRM id (a stored CRM id is never replaced: a record whose
//! `Id` differs from it is a skip). A null cell changes nothing. Never changed: the name
//! (it is what the record is matched by), the partner, and what jmo owns
//! (actual cost from the expenses, expected revenue and response, reach,
//! active, description: the export derives them).

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use super::read::Record;
use super::values::Value;
use crate::domain::{Campaign, CampaignId, CampaignStatus, CampaignType, PartnerId, Program};

/// How a record found its campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkBy {
    /// The record's `Id` is the campaign's stored CRM id.
    CrmId,
    /// The record's external id is `jmo-campaign-N`.
    ExternalId,
    /// The record's name is "Partner: {partner} - {campaign}".
    PartnerName,
    /// The record's name is the campaign's name.
    Name,
}

impl LinkBy {
    /// The words of the preview: "by crm id", "by external id", …
    pub fn words(self) -> &'static str {
        match self {
            LinkBy::CrmId => "by crm id",
            LinkBy::ExternalId => "by external id",
            LinkBy::PartnerName => "by the \"Partner: X - Y\" name",
            LinkBy::Name => "by name",
        }
    }
}

/// One field an import changes: its name as the preview says it ("start",
/// "end", "launch", "status", "type", "budget", "crm id") and the old and
/// new values as text (dates `YYYY-MM-DD`, money a plain decimal, status
/// and type as jmo keys; an absent CRM id is "none").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The field.
    pub field: &'static str,
    /// Its value now.
    pub old: String,
    /// Its value after the import.
    pub new: String,
}

/// What one record does.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// It is the campaign `campaign`; `changes` (empty on a round trip) turn
    /// the stored campaign into `updated`.
    Link {
        /// The linked campaign.
        campaign: CampaignId,
        /// How it was found.
        by: LinkBy,
        /// Field by field, old → new.
        changes: Vec<Change>,
        /// The campaign with the changes applied.
        updated: Campaign,
    },
    /// A new campaign under `partner` (`partner_name` for the preview);
    /// its milestones and checklist come from `domain::new_campaign`.
    Create {
        /// Its partner.
        partner: PartnerId,
        /// The partner's name.
        partner_name: String,
        /// The campaign to insert.
        campaign: Campaign,
    },
    /// Nothing is done; why, as a sentence fragment.
    Skip(String),
}

impl Outcome {
    /// Whether a link changes fields other than the CRM id (an *update*).
    pub fn is_update(&self) -> bool {
        matches!(self, Outcome::Link { changes, .. } if changes.iter().any(|c| c.field != "crm id"))
    }
}

/// A record and its outcome.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    /// The record's line (CSV), if known.
    pub line: Option<u64>,
    /// The record's 1-based index.
    pub index: usize,
    /// The file of a several-file plan it came from ([`Record::file`]).
    pub file: Option<String>,
    /// The record's name as written.
    pub name: String,
    /// What it does.
    pub outcome: Outcome,
}

/// The counts of a plan, for its summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Links that change nothing but, at most, the CRM id.
    pub link: usize,
    /// Links that change other fields.
    pub update: usize,
    /// New campaigns.
    pub create: usize,
    /// Records skipped.
    pub skip: usize,
}

impl Counts {
    /// Counts one more planned record.
    pub fn add(&mut self, p: &Planned) {
        match &p.outcome {
            o @ Outcome::Link { .. } if o.is_update() => self.update += 1,
            Outcome::Link { .. } => self.link += 1,
            Outcome::Create { .. } => self.create += 1,
            Outcome::Skip(_) => self.skip += 1,
        }
    }
}

/// Counts the outcomes of `plan`.
pub fn counts(plan: &[Planned]) -> Counts {
    let mut n = Counts::default();
    for p in plan {
        n.add(p);
    }
    n
}

/// The prefix of the name the Salesforce export gives a partner campaign.
const PARTNER_PREFIX: &str = "Partner: ";

/// Plans the import of `records` into `program`: one [`Planned`] per
/// record, in order. `partner` is `--partner`: the partner of a new
/// campaign whose name is not "Partner: X - Y" (a name that says a partner
/// jmo does not have is a skip even with it). A campaign already linked by an
/// earlier record makes a record a
/// skip, so applying the plan never writes one campaign twice.
pub fn plan<'r>(
    program: &Program,
    records: impl IntoIterator<Item = &'r Record>,
    partner: Option<PartnerId>,
) -> Vec<Planned> {
    let mut planner = Planner::new(program, partner);
    records.into_iter().map(|r| planner.plan(r)).collect()
}

/// [`plan`] a record at a time, for a caller that streams a file: it holds
/// the program's index and the campaigns linked so far (a few words per
/// campaign), never the records, so a preview of any number of records
/// takes memory for the program only.
pub struct Planner<'p> {
    program: &'p Program,
    ix: Index<'p>,
    partner: Option<PartnerId>,
    /// Campaign → where the record that linked it is, as the preview
    /// names it ("line 5", or "record 3" for JSON).
    linked: BTreeMap<CampaignId, String>,
}

impl<'p> Planner<'p> {
    /// A planner over `program`; `partner` as for [`plan`].
    pub fn new(program: &'p Program, partner: Option<PartnerId>) -> Planner<'p> {
        Planner {
            program,
            ix: Index::new(program),
            partner,
            linked: BTreeMap::new(),
        }
    }

    /// The outcome of the next record (records in file order).
    pub fn plan(&mut self, r: &Record) -> Planned {
        let name = text(r, "name").unwrap_or_default();
        let mut outcome = outcome(self.program, &self.ix, r, &name, self.partner);
        if let Outcome::Link { campaign, .. } = &outcome {
            if let Some(first) = self.linked.get(campaign) {
                outcome = Outcome::Skip(format!(
                    "campaign {} is already linked by {first}",
                    campaign.0
                ));
            } else {
                self.linked
                    .insert(*campaign, place(r.file.as_deref(), r.line, r.index));
            }
        }
        Planned {
            line: r.line,
            index: r.index,
            file: r.file.clone(),
            name,
            outcome,
        }
    }
}

/// Where a record is, as the preview names it: "line N" (CSV) or "record
/// N" (its 1-based index, for JSON), after its file's name when a tree
/// plan named several ("Campaign.json record 1").
pub fn place(file: Option<&str>, line: Option<u64>, index: usize) -> String {
    let at = line.map_or_else(|| format!("record {index}"), |l| format!("line {l}"));
    match file {
        Some(f) => format!("{f} {at}"),
        None => at,
    }
}

fn text(r: &Record, field: &str) -> Option<String> {
    match r.get(field)? {
        Value::Text(s) | Value::Id(s) => Some(s.clone()),
        Value::Choice { source, .. } => Some(source.clone()),
        _ => None,
    }
}

fn date(r: &Record, field: &str) -> Option<chrono::NaiveDate> {
    match r.get(field)? {
        Value::Date(d) => Some(*d),
        _ => None,
    }
}

fn decimal(r: &Record, field: &str) -> Option<Decimal> {
    match r.get(field)? {
        Value::Decimal(d) => Some(*d),
        _ => None,
    }
}

/// A mapped choice: `Ok(None)` when the cell is null, `Err(source)` when the
/// profile's map has no jmo value for it.
fn choice(r: &Record, field: &str) -> Result<Option<String>, String> {
    match r.get(field) {
        Some(Value::Choice {
            mapped: Some(m), ..
        }) => Ok(Some(m.clone())),
        Some(Value::Choice { source, .. }) => Err(source.clone()),
        Some(Value::Text(s)) => Ok(Some(s.clone())),
        _ => Ok(None),
    }
}

/// Whether two Salesforce ids name the same record (15- and 18-character
/// forms: the 18 starts with the 15).
fn same_id(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a == b
        || (a.len() == 15 && b.len() == 18 && b.starts_with(a))
        || (a.len() == 18 && b.len() == 15 && a.starts_with(b))
}

/// Splits "Partner: X - Y" at the first " - " whose left part is a partner's
/// name (ignoring case): that partner and Y.
fn partner_name<'a>(ix: &Index<'a>, name: &'a str) -> Option<(PartnerId, &'a str, &'a str)> {
    let rest = name.trim().strip_prefix(PARTNER_PREFIX)?;
    let mut from = 0;
    while let Some(i) = rest.get(from..).and_then(|s| s.find(" - ")) {
        let (left, right) = (rest.get(..from + i)?, rest.get(from + i + 3..)?);
        if let Some((p, partner)) = ix.partners.get(&left.trim().to_ascii_lowercase()) {
            return Some((*p, partner, right.trim()));
        }
        from += i + 3;
    }
    None
}

fn is_parent(r: &Record, name: &str) -> bool {
    text(r, "external_id").is_some_and(|e| e.starts_with("jmo-parent-"))
        || name.trim().starts_with("Partner Marketing FY")
}

/// The program's lookups the matching needs, built once per plan so each
/// record costs a few hash lookups, not scans of every campaign and a sort
/// of every partner (issue 12: 100,000 rows against 10,000 campaigns).
struct Index<'p> {
    /// Partner name (trimmed, ASCII lower-case) → the first such partner
    /// in [`Program::partners_sorted`] order, with its name.
    partners: HashMap<String, (PartnerId, &'p str)>,
    /// [`id_key`] of a campaign's crm id → (campaign, crm id), in the
    /// program's campaign order.
    crm: HashMap<&'p str, Vec<(CampaignId, &'p str)>>,
    /// Campaign name as stored → the campaigns with it, in order.
    names: HashMap<&'p str, Vec<CampaignId>>,
}

/// The part of a crm id that its 15- and 18-character forms share.
fn id_key(id: &str) -> &str {
    let id = id.trim();
    if id.len() == 18 {
        id.get(..15).unwrap_or(id)
    } else {
        id
    }
}

impl<'p> Index<'p> {
    fn new(program: &'p Program) -> Index<'p> {
        let mut partners = HashMap::new();
        for p in program.partners_sorted() {
            partners
                .entry(p.name.trim().to_ascii_lowercase())
                .or_insert((p.id, p.name.as_str()));
        }
        let mut crm: HashMap<&str, Vec<(CampaignId, &str)>> = HashMap::new();
        let mut names: HashMap<&str, Vec<CampaignId>> = HashMap::new();
        for c in program.campaigns.iter() {
            if let Some(id) = c.crm_id.as_deref() {
                crm.entry(id_key(id)).or_default().push((c.id, id));
            }
            names.entry(c.name.as_str()).or_default().push(c.id);
        }
        Index {
            partners,
            crm,
            names,
        }
    }

    /// The first campaign whose crm id names the same record as `id`.
    fn by_crm_id(&self, id: &str) -> Option<CampaignId> {
        self.crm
            .get(id_key(id))?
            .iter()
            .find(|(_, x)| same_id(x, id))
            .map(|(c, _)| *c)
    }
}

fn outcome(
    program: &Program,
    ix: &Index<'_>,
    r: &Record,
    name: &str,
    partner: Option<PartnerId>,
) -> Outcome {
    if is_parent(r, name) {
        return Outcome::Skip("the parent campaign of jmo's export, not a partner campaign".into());
    }
    let crm_id = text(r, "crm_id").filter(|s| !s.trim().is_empty());
    if let Some(id) = crm_id.as_deref().map(str::trim)
        && let Some(why) = crate::domain::crm_id::crm_id_problem(id)
    {
        return Outcome::Skip(format!("Id '{id}' {why}"));
    }
    let found = find(program, ix, r, name, crm_id.as_deref());
    let (start, end) = (date(r, "start"), date(r, "end"));
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return Outcome::Skip(format!(
            "dates out of order: ends {e}, before it starts {s}"
        ));
    }
    let kind = match choice(r, "type") {
        Ok(t) => t.and_then(|k| CampaignType::from_key(&k)),
        Err(source) => {
            return Outcome::Skip(format!("Type '{source}' has no jmo equivalent"));
        }
    };
    let status = match choice(r, "status") {
        Ok(s) => s.and_then(|k| CampaignStatus::from_key(&k)),
        Err(source) => return Outcome::Skip(format!("Status '{source}' has no jmo equivalent")),
    };
    match found {
        Some((id, by)) => {
            let Some(stored) = program.campaigns.get(id) else {
                return Outcome::Skip("the campaign is gone".into());
            };
            let fields = Fields {
                start,
                end,
                status,
                kind,
                budgeted: decimal(r, "budgeted_cost"),
                crm_id,
            };
            match update(&stored.value, &fields) {
                Ok((updated, changes)) => Outcome::Link {
                    campaign: id,
                    by,
                    changes,
                    updated,
                },
                Err(why) => Outcome::Skip(why),
            }
        }
        None => create(
            program,
            ix,
            r,
            name,
            partner,
            (start, end, kind, status),
            crm_id,
        ),
    }
}

fn find(
    program: &Program,
    ix: &Index<'_>,
    r: &Record,
    name: &str,
    crm_id: Option<&str>,
) -> Option<(CampaignId, LinkBy)> {
    if let Some(c) = crm_id.and_then(|id| ix.by_crm_id(id)) {
        return Some((c, LinkBy::CrmId));
    }
    let by_ext = text(r, "external_id")
        .and_then(|e| e.trim().strip_prefix("jmo-campaign-")?.parse::<i64>().ok())
        .and_then(|n| program.campaigns.get(CampaignId(n)));
    if let Some(c) = by_ext {
        return Some((c.id, LinkBy::ExternalId));
    }
    if let Some((p, _, campaign)) = partner_name(ix, name)
        && let Some(c) = program
            .campaigns_of(p)
            .into_iter()
            .find(|c| c.name.trim().eq_ignore_ascii_case(campaign))
    {
        return Some((c.id, LinkBy::PartnerName));
    }
    match ix.names.get(name.trim()).map(Vec::as_slice) {
        Some([c]) => Some((*c, LinkBy::Name)),
        _ => None,
    }
}

struct Fields {
    start: Option<chrono::NaiveDate>,
    end: Option<chrono::NaiveDate>,
    status: Option<CampaignStatus>,
    kind: Option<CampaignType>,
    budgeted: Option<Decimal>,
    crm_id: Option<String>,
}

/// `c` with the record's fields over it, and the changes; `Err` when the
/// result is not a valid campaign.
fn update(c: &Campaign, f: &Fields) -> Result<(Campaign, Vec<Change>), String> {
    let mut n = c.clone();
    let mut changes = Vec::new();
    let mut note = |field: &'static str, old: String, new: String| {
        if old != new {
            changes.push(Change { field, old, new });
        }
    };
    if let Some(s) = f.start {
        n.start = s;
    }
    if let Some(e) = f.end {
        n.end = e;
    }
    if n.end < n.start {
        return Err(format!(
            "dates out of order: would end {}, before it starts {}",
            n.end, n.start
        ));
    }
    n.launch = n.launch.clamp(n.start, n.end);
    note("start", c.start.to_string(), n.start.to_string());
    note("launch", c.launch.to_string(), n.launch.to_string());
    note("end", c.end.to_string(), n.end.to_string());
    if let Some(s) = f.status {
        n.status = s;
        note("status", c.status.key().into(), s.key().into());
    }
    if let Some(t) = f.kind {
        n.campaign_type = t;
        note("type", c.campaign_type.key().into(), t.key().into());
    }
    if let Some(total) = f.budgeted {
        let budget = total - c.internal_cost;
        if budget < Decimal::ZERO {
            return Err(format!(
                "BudgetedCost {total} is below the campaign's internal cost {}",
                c.internal_cost
            ));
        }
        n.budget = budget;
        note(
            "budget",
            c.budget.normalize().to_string(),
            budget.normalize().to_string(),
        );
    }
    if let Some(id) = &f.crm_id {
        if let Some(stored) = c.crm_id.as_deref()
            && !same_id(stored, id)
        {
            let id = id.trim();
            return Err(format!(
                "its Id {id} differs from the stored CRM id {stored} (a duplicate in \
                 Salesforce?); clear the campaign's CRM id (e) to link it to {id}"
            ));
        }
        if c.crm_id.is_none() {
            n.crm_id = Some(id.trim().to_owned());
            let old = c.crm_id.clone().unwrap_or_else(|| "none".into());
            note("crm id", old, id.trim().to_owned());
        }
    }
    n.validate().map_err(|e| invalid(&e))?;
    Ok((n, changes))
}

type Wanted = (
    Option<chrono::NaiveDate>,
    Option<chrono::NaiveDate>,
    Option<CampaignType>,
    Option<CampaignStatus>,
);

fn create(
    program: &Program,
    ix: &Index<'_>,
    r: &Record,
    name: &str,
    partner: Option<PartnerId>,
    (start, end, kind, status): Wanted,
    crm_id: Option<String>,
) -> Outcome {
    let named = partner_name(ix, name);
    let (partner, partner_name, campaign_name) = match (named, partner) {
        (Some((p, pn, c)), _) => (p, pn.to_owned(), c.to_owned()),
        (None, _) if name.trim().starts_with(PARTNER_PREFIX) => {
            return Outcome::Skip("no partner: the name's partner is not in jmo".into());
        }
        (None, Some(p)) => match program.partners.get(p) {
            Some(stored) => (p, stored.name.clone(), name.trim().to_owned()),
            None => return Outcome::Skip("--partner names no partner".into()),
        },
        (None, None) => {
            return Outcome::Skip(
                "no partner: the name is not \"Partner: X - Y\" and no --partner was given".into(),
            );
        }
    };
    let Some(campaign_type) = kind else {
        return Outcome::Skip("no Type: a new campaign needs one".into());
    };
    let (Some(start), Some(end)) = (start, end) else {
        return Outcome::Skip("no StartDate or EndDate: a new campaign needs both".into());
    };
    let campaign = Campaign {
        partner_id: partner,
        name: campaign_name,
        campaign_type,
        playbook: None,
        status: status.unwrap_or(CampaignStatus::Planned),
        audience: String::new(),
        start,
        launch: crate::domain::new_campaign::default_launch(campaign_type, start, end),
        end,
        budget: decimal(r, "budgeted_cost").unwrap_or_default(),
        internal_cost: Decimal::ZERO,
        lead_target: None,
        crm_id: crm_id.map(|s| s.trim().to_owned()),
        attribution_agreed: false,
        uses_partner_data: false,
    };
    if let Err(e) = campaign.validate() {
        return Outcome::Skip(format!("not a valid campaign: {}", invalid(&e)));
    }
    Outcome::Create {
        partner,
        partner_name,
        campaign,
    }
}

fn invalid(e: &crate::domain::validation::Invalid) -> String {
    let all: Vec<String> = e.0.iter().map(ToString::to_string).collect();
    all.join("; ")
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
