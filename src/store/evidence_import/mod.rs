//! Importing pipeline evidence (docs/domain.md §15.1, docs/crm.md
//! "Pipeline evidence files"): each [`EvidenceRow`] a CRM file gave is
//! matched with what the database holds — by CRM id, and its references
//! (account, partner, campaign, opportunity) resolved to jmo's ids — and
//! planned as a create, an update (each field old → new), unchanged, or a
//! skip that says why; [`write_plan`] writes the plan as one edit.
//!
//! An account is found by CRM id, else by domain, else by name (ignoring
//! case), when exactly one matches; a lead or opportunity whose account is
//! not found is kept **unreconciled** (no account; the reference as the
//! file wrote it), which is finding E2 (§15.4). A partner is found by name
//! (ignoring case and surrounding spaces), or for an `OpportunityPartner`
//! row by its account's CRM id and that account's name; a campaign by its
//! CRM id, else its name.
//!
//! Each record kind is planned in its own module (`accounts`, `overlaps`,
//! `leads`, `opportunities` with the partner-on-opportunity rows,
//! `touches`); this one keeps the [`Planner`]'s look-ups, the [`Plan`] and
//! [`write_plan`].

use super::{Store, StoreError, Tx};
use crate::crm::evidence::{AccountRef, CampaignRef, EvidenceRow, Position};
use crate::domain::evidence::{
    Account, AccountId, Lead, LeadId, Opportunity, OpportunityId, Overlap, OverlapId, Touch,
    TouchId,
};
use crate::domain::*;
use std::collections::HashMap;

mod accounts;
mod leads;
mod opportunities;
mod overlaps;
mod touches;

/// A record to write: new, or a new value of a stored one.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    /// A new account.
    Account(Account),
    /// A new overlap row.
    Overlap(Overlap),
    /// A new lead.
    Lead(Lead),
    /// A new opportunity.
    Opportunity(Opportunity),
    /// A new touch.
    Touch(Touch),
    /// A changed account: id, the value read, the new value.
    AccountUpdate(AccountId, Box<Account>, Box<Account>),
    /// A changed overlap row.
    OverlapUpdate(OverlapId, Box<Overlap>, Box<Overlap>),
    /// A changed lead.
    LeadUpdate(LeadId, Box<Lead>, Box<Lead>),
    /// A changed opportunity.
    OpportunityUpdate(OpportunityId, Box<Opportunity>, Box<Opportunity>),
    /// A changed touch.
    TouchUpdate(TouchId, Box<Touch>, Box<Touch>),
}

/// What one row of the file does.
#[derive(Debug, Clone, PartialEq)]
pub enum Plan {
    /// Writes a record (new or changed); the changes in words ("amount
    /// 48000 → 50000"), empty for a new one.
    Write(Write, Vec<String>),
    /// The stored record is as the file has it.
    Same(RecordRef),
    /// Nothing is written for the row, and why.
    Skip(String),
}

/// One planned row: where it was read, what it is, what it does, and a
/// note (an account not found, a source read as ours).
#[derive(Debug, Clone, PartialEq)]
pub struct Planned {
    /// The row's place: `line N` or `record N`.
    pub place: String,
    /// What the row is ("opportunity 006… 'Acme renewal'").
    pub what: String,
    /// What it does.
    pub plan: Plan,
    /// A note on how it was read, if any.
    pub note: Option<String>,
}

impl Planned {
    /// The preview line: "line 3: create opportunity 006… 'Acme renewal'
    /// (account not found: kept unreconciled)".
    pub fn line(&self) -> String {
        let body = match &self.plan {
            Plan::Write(w, changes) if changes.is_empty() && w.is_new() => {
                format!("create {}", self.what)
            }
            Plan::Write(_, changes) => format!("update {}: {}", self.what, changes.join("; ")),
            Plan::Same(_) => format!("unchanged {}", self.what),
            Plan::Skip(why) => format!("skip {}: {why}", self.what),
        };
        match &self.note {
            Some(n) => format!("{}: {body} ({n})", self.place),
            None => format!("{}: {body}", self.place),
        }
    }
}

impl Write {
    /// Whether it creates a record.
    pub fn is_new(&self) -> bool {
        matches!(
            self,
            Write::Account(_)
                | Write::Overlap(_)
                | Write::Lead(_)
                | Write::Opportunity(_)
                | Write::Touch(_)
        )
    }
}

/// Counts of a plan, for the preview's last line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Records created.
    pub create: usize,
    /// Records changed.
    pub update: usize,
    /// Rows already as stored.
    pub same: usize,
    /// Rows skipped.
    pub skip: usize,
    /// Leads and opportunities kept without an account (E2).
    pub unreconciled: usize,
}

impl Counts {
    /// Adds one planned row.
    pub fn add(&mut self, p: &Planned) {
        match &p.plan {
            Plan::Write(w, _) if w.is_new() => self.create += 1,
            Plan::Write(..) => self.update += 1,
            Plan::Same(_) => self.same += 1,
            Plan::Skip(_) => self.skip += 1,
        }
        if p.note
            .as_deref()
            .is_some_and(|n| n.starts_with(UNRECONCILED))
        {
            self.unreconciled += 1;
        }
    }

    /// "3 create, 1 update, 0 unchanged, 1 skip; 2 unreconciled".
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} create, {} update, {} unchanged, {} skip",
            self.create, self.update, self.same, self.skip
        );
        if self.unreconciled > 0 {
            s.push_str(&format!(
                "; {} unreconciled (no account found: finding E2)",
                self.unreconciled
            ));
        }
        s
    }
}

/// The start of the note of a lead or opportunity whose account is not found.
const UNRECONCILED: &str = "account not found";

/// Plans evidence rows against one database: the partners and campaigns
/// are read once (names and CRM ids), accounts, leads, opportunities and
/// touches are looked up per row through their indexes. Rows of one file
/// with the same CRM id: the first is planned, the others are skipped.
pub struct Planner<'s> {
    store: &'s Store,
    partners: HashMap<String, Vec<PartnerId>>,
    campaigns_by_crm: HashMap<String, CampaignId>,
    campaigns_by_name: HashMap<String, Vec<CampaignId>>,
    seen: HashMap<(&'static str, String), String>,
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

impl<'s> Planner<'s> {
    /// A planner on `store`: reads every partner's and campaign's record
    /// (names and CRM ids) once.
    ///
    /// Errors: the store's.
    pub fn new(store: &'s Store) -> Result<Planner<'s>, StoreError> {
        let mut partners: HashMap<String, Vec<PartnerId>> = HashMap::new();
        for p in store.partner_rows()?.iter() {
            partners.entry(key(&p.name)).or_default().push(p.id);
        }
        let mut campaigns_by_crm = HashMap::new();
        let mut campaigns_by_name: HashMap<String, Vec<CampaignId>> = HashMap::new();
        for c in store.campaign_rows()?.iter() {
            if let Some(id) = &c.crm_id {
                campaigns_by_crm.insert(id.trim().to_owned(), c.id);
            }
            campaigns_by_name
                .entry(key(&c.name))
                .or_default()
                .push(c.id);
        }
        Ok(Planner {
            store,
            partners,
            campaigns_by_crm,
            campaigns_by_name,
            seen: HashMap::new(),
        })
    }

    fn partner(&self, name: &str) -> Result<PartnerId, String> {
        match self.partners.get(&key(name)).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(_) => Err(format!("several partners are named '{}'", name.trim())),
            None => Err(format!(
                "no partner named '{}' (add the partner first, or correct the name)",
                name.trim()
            )),
        }
    }

    fn campaign(&self, r: &CampaignRef) -> Option<CampaignId> {
        if let Some(id) = r.crm_id.as_deref().map(str::trim).filter(|s| !s.is_empty())
            && let Some(c) = self.campaigns_by_crm.get(id)
        {
            return Some(*c);
        }
        match r
            .name
            .as_deref()
            .map(key)
            .and_then(|n| self.campaigns_by_name.get(&n))
        {
            Some(v) if v.len() == 1 => Some(v[0]),
            _ => None,
        }
    }

    /// The account a reference names: by CRM id, else domain, else name,
    /// when exactly one matches. `Err` is the note for an unreconciled record.
    fn account(&self, r: &AccountRef) -> Result<Result<AccountId, String>, StoreError> {
        if let Some(id) = r.crm_id.as_deref().filter(|s| !s.trim().is_empty())
            && let Some(a) = self.store.account_by_crm_id(id.trim())?
        {
            return Ok(Ok(a.id));
        }
        let mut several = None;
        if let Some(d) = r.domain.as_deref().filter(|s| !s.is_empty()) {
            match self.store.accounts_by_domain(d)?.as_slice() {
                [one] => return Ok(Ok(one.id)),
                [] => {}
                many => several = Some(format!("{} accounts have the domain {d}", many.len())),
            }
        }
        if let Some(n) = r.name.as_deref().filter(|s| !s.trim().is_empty()) {
            match self.store.accounts_by_name(n)?.as_slice() {
                [one] => return Ok(Ok(one.id)),
                [] => {}
                many => several = Some(format!("{} accounts are named '{}'", many.len(), n.trim())),
            }
        }
        Ok(Err(match several {
            Some(s) => format!("{UNRECONCILED}: {s}; kept unreconciled"),
            None => format!(
                "{UNRECONCILED}: {}; kept unreconciled (import the accounts first)",
                describe(r)
            ),
        }))
    }

    /// An account named by one text (a touch's): CRM id, domain or name.
    fn account_text(&self, text: &str) -> Result<Result<AccountId, String>, StoreError> {
        let t = text.trim();
        self.account(&AccountRef {
            crm_id: Some(t.to_owned()),
            name: Some(t.to_owned()),
            domain: crate::crm::evidence::domain_of(t).filter(|d| d.contains('.')),
        })
    }

    /// A second row of the file with a CRM id already planned.
    fn repeated(&mut self, table: &'static str, crm_id: &str, place: &str) -> Option<String> {
        if crm_id.is_empty() {
            return None;
        }
        match self.seen.get(&(table, crm_id.to_owned())) {
            Some(first) => Some(format!(
                "the same CRM id as {first}: only the first is read"
            )),
            None => {
                self.seen
                    .insert((table, crm_id.to_owned()), place.to_owned());
                None
            }
        }
    }

    /// Plans one row.
    ///
    /// Errors: the store's (a look-up failed).
    pub fn plan(&mut self, row: &EvidenceRow) -> Result<Planned, StoreError> {
        match row {
            EvidenceRow::Account(a, pos) => self.plan_account(a, pos),
            EvidenceRow::Overlap(o, pos) => self.plan_overlap(o, pos),
            EvidenceRow::Lead(l, pos) => self.plan_lead(l, pos),
            EvidenceRow::Opportunity(o, pos) => self.plan_opportunity(o, pos),
            EvidenceRow::PartnerOnOpportunity(p, pos) => self.plan_partner_on_opportunity(p, pos),
            EvidenceRow::Touch(t, pos) => self.plan_touch(t, pos),
        }
    }
}

/// A new record's plan: written when valid, else skipped with the fields.
fn checked<T: super::rows::Row>(new: &T, write: Write) -> Plan {
    match new.validate_row() {
        Ok(()) => Plan::Write(write, Vec::new()),
        Err(e) => Plan::Skip(e.to_string()),
    }
}

/// A stored record's plan: unchanged, or an update naming each changed
/// field (old → new); an invalid new value is skipped.
fn changed<T: super::rows::Row + Clone>(
    old: &T,
    new: &T,
    record: RecordRef,
    write: impl FnOnce(T, T) -> Write,
) -> Plan {
    let fields = old.diff(new);
    if fields.is_empty() {
        return Plan::Same(record);
    }
    if let Err(e) = new.validate_row() {
        return Plan::Skip(e.to_string());
    }
    let (ov, nv) = (old.values(), new.values());
    let words = fields
        .iter()
        .map(|&i| {
            format!(
                "{} {} → {}",
                T::COLUMNS[i].replace('_', " "),
                shown(&ov[i]),
                shown(&nv[i])
            )
        })
        .collect();
    Plan::Write(write(old.clone(), new.clone()), words)
}

fn shown(v: &rusqlite::types::Value) -> String {
    use rusqlite::types::Value as V;
    match v {
        V::Null => "none".into(),
        V::Integer(i) => i.to_string(),
        V::Real(r) => r.to_string(),
        V::Text(t) if t.is_empty() => "''".into(),
        V::Text(t) => t.clone(),
        V::Blob(_) => "…".into(),
    }
}

fn skip(place: String, what: String, why: String) -> Planned {
    Planned {
        place,
        what,
        plan: Plan::Skip(why),
        note: None,
    }
}

/// The note of an account not found, for a record that cannot be kept
/// without one (an overlap row, a touch): "kept unreconciled" dropped.
fn not_kept(note: &str) -> String {
    note.replace(
        "; kept unreconciled (import the accounts first)",
        ": import the accounts first",
    )
    .replace("; kept unreconciled", ": name it by its CRM id")
}

fn joined(notes: Vec<String>) -> Option<String> {
    (!notes.is_empty()).then(|| notes.join("; "))
}

fn place(pos: &Position) -> String {
    match (pos.line, &pos.reference) {
        (Some(l), _) => format!("line {l}"),
        (None, Some(r)) => format!("record {} ({r})", pos.index),
        (None, None) => format!("record {}", pos.index),
    }
}

/// An account reference in words: its CRM id, domain or name as given,
/// each once (a file that gives one value in several columns names it
/// once: "globex.io", not "globex.io / globex.io").
fn describe(r: &AccountRef) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in [r.crm_id.as_deref(), r.domain.as_deref(), r.name.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
    {
        if !p.is_empty() && !parts.iter().any(|q| q.eq_ignore_ascii_case(p)) {
            parts.push(p);
        }
    }
    if parts.is_empty() {
        "no account given".into()
    } else {
        parts.join(" / ")
    }
}

fn describe_campaign(r: &CampaignRef) -> String {
    r.crm_id
        .as_deref()
        .or(r.name.as_deref())
        .map(|s| format!("'{}'", s.trim()))
        .unwrap_or_default()
}

/// Writes every planned record (creates and updates, in file order) in
/// `tx`; an update whose record changed since it was planned refuses the
/// whole edit. Returns (created, updated).
///
/// Errors: [`StoreError::Refused`] ("opportunity 12 changed meanwhile:
/// run the import again"), or the store's (a CRM id taken meanwhile).
pub fn write_plan(tx: &mut Tx<'_>, planned: &[Planned]) -> Result<(usize, usize), StoreError> {
    let (mut created, mut updated) = (0, 0);
    fn update<T: super::rows::Row + PartialEq>(
        tx: &mut Tx<'_>,
        id: T::Id,
        old: &T,
        new: &T,
        what: &str,
    ) -> Result<(), StoreError>
    where
        T::Id: std::fmt::Display,
    {
        let now = tx.get::<T>(id)?;
        if now.as_ref().map(|s| &s.value) != Some(old) {
            return Err(StoreError::Refused(format!(
                "{what} {id} changed meanwhile: run the import again"
            )));
        }
        tx.update(id, new)?;
        Ok(())
    }
    for p in planned {
        let Plan::Write(w, _) = &p.plan else { continue };
        match w {
            Write::Account(a) => drop(tx.insert(a)?),
            Write::Overlap(o) => drop(tx.insert(o)?),
            Write::Lead(l) => drop(tx.insert(l)?),
            Write::Opportunity(o) => drop(tx.insert(o)?),
            Write::Touch(t) => drop(tx.insert(t)?),
            Write::AccountUpdate(id, o, n) => update(tx, *id, &**o, &**n, "account")?,
            Write::OverlapUpdate(id, o, n) => update(tx, *id, &**o, &**n, "overlap row")?,
            Write::LeadUpdate(id, o, n) => update(tx, *id, &**o, &**n, "lead")?,
            Write::OpportunityUpdate(id, o, n) => update(tx, *id, &**o, &**n, "opportunity")?,
            Write::TouchUpdate(id, o, n) => update(tx, *id, &**o, &**n, "touch")?,
        }
        if w.is_new() {
            created += 1;
        } else {
            updated += 1;
        }
    }
    Ok((created, updated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(crm_id: Option<&str>, domain: Option<&str>, name: Option<&str>) -> AccountRef {
        AccountRef {
            crm_id: crm_id.map(String::from),
            name: name.map(String::from),
            domain: domain.map(String::from),
        }
    }

    #[test]
    fn an_account_reference_names_each_value_once() {
        assert_eq!(
            describe(&account(None, Some("globex.io"), Some("Globex.io"))),
            "globex.io"
        );
        assert_eq!(
            describe(&account(Some("001X"), Some("acme.com"), Some("Acme Corp"))),
            "001X / acme.com / Acme Corp"
        );
        assert_eq!(
            describe(&account(None, Some(" "), None)),
            "no account given"
        );
    }
}
