//! Reads of one partner and cheap look-ups (issue 13, item 3): what a
//! shell command about one campaign, request or claim needs, read through
//! the foreign-key indexes (`campaigns_by_partner`, `milestones_by_campaign`,
//! … in [`super::schema`]) instead of the whole database.
//!
//! [`Store::load_partner`] gives a [`Program`] holding the program-level
//! settings (the currency) and one partner's records. Every derivation of
//! one partner (its guardrail findings, MDF ledger, reports, packets,
//! consent) reads only that partner's records and the funds its requests
//! name, so on such a program it gives what it gives on the whole
//! program (docs/domain.md §6, §11, §12); `tests/partial_reads.rs` compares
//! the two on the example plan and on a generated program.

use super::rows::Row;
use super::{Store, StoreError, column_list, read_row};
use crate::domain::program::Program;
use crate::domain::*;

/// The partners' campaigns, as a sub-select on `?1`..=`?2` (partner ids).
const CAMPAIGNS: &str = "SELECT id FROM campaigns WHERE partner_id BETWEEN ?1 AND ?2";
/// The MDF requests of the partners' campaigns, as a sub-select.
const REQUESTS: &str = "SELECT id FROM mdf_requests WHERE campaign_id IN \
     (SELECT id FROM campaigns WHERE partner_id BETWEEN ?1 AND ?2)";
/// The partners themselves, or their own records, by `partner_id`.
const OWN: &str = "partner_id BETWEEN ?1 AND ?2";

impl Store {
    /// Runs `read` in one read transaction: every query it makes sees the
    /// database as it was when the first one ran, even while another jmo
    /// commits (`jmo check` reads partner after partner).
    ///
    /// Errors: SQLite errors; `read`'s.
    pub fn in_read_transaction<T>(
        &self,
        read: impl FnOnce() -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.conn.execute_batch("BEGIN")?;
        let result = read();
        // Ending a read changes nothing: a failure to end it is not the
        // read's.
        let _ = self.conn.execute_batch("COMMIT");
        result
    }

    /// Every partner's id, in id order: `jmo check` reads them one by one
    /// ([`Store::load_partner`]).
    ///
    /// Errors: SQLite errors.
    pub fn partner_ids(&self) -> Result<Vec<PartnerId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM partners ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        Ok(ids.map(|id| id.map(PartnerId)).collect::<Result<_, _>>()?)
    }

    /// The program as one partner sees it: the currency, the partner, and
    /// its campaigns with their milestones, checklist, assets, MDF
    /// requests and their claims, expenses and results; its funds,
    /// contacts, meetings, joint marketing plans and their entries. Also
    /// the few records of other partners that these point at or that point
    /// at them (only in data imported before imports refused such links):
    /// a fund named by one of its requests, an expense naming one of its
    /// requests, a plan entry naming one of its campaigns, so each
    /// derivation finds what it finds in the whole program. An unknown
    /// partner gives a program without partners.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for unreadable values.
    pub fn load_partner(&self, partner: PartnerId) -> Result<Program, StoreError> {
        self.load_partners(partner, partner)
    }

    /// [`Store::load_partner`] for every partner whose id is in
    /// `first..=last` at once: the program those partners see.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for unreadable values.
    pub fn load_partners(&self, first: PartnerId, last: PartnerId) -> Result<Program, StoreError> {
        Ok(self.read_partners(first, last)?.into_program())
    }

    /// The records [`Store::load_partners`] reads, decoded but not yet
    /// indexed ([`PartnerRecords::into_program`] does that): `jmo check`
    /// reads the partners a few dozen at a time on one thread and indexes
    /// and checks them on another.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for unreadable values.
    pub fn read_partners(
        &self,
        first: PartnerId,
        last: PartnerId,
    ) -> Result<PartnerRecords, StoreError> {
        let by_campaign = format!("campaign_id IN ({CAMPAIGNS})");
        let partner = (first, last);
        Ok(PartnerRecords {
            partners: self.read_where("id BETWEEN ?1 AND ?2", partner)?,
            campaigns: self.read_where(OWN, partner)?,
            milestones: self.read_where(&by_campaign, partner)?,
            responsibilities: self.read_where(&by_campaign, partner)?,
            assets: self.read_where(&by_campaign, partner)?,
            funds: self.read_where(
                &format!("{OWN} OR id IN (SELECT fund_id FROM mdf_requests WHERE {by_campaign})"),
                partner,
            )?,
            requests: self.read_where(&by_campaign, partner)?,
            claims: self.read_where(&format!("request_id IN ({REQUESTS})"), partner)?,
            results: self.read_where(&by_campaign, partner)?,
            expenses: self.read_where(
                &format!("{by_campaign} OR request_id IN ({REQUESTS})"),
                partner,
            )?,
            contacts: self.read_where(OWN, partner)?,
            meetings: self.read_where(OWN, partner)?,
            plans: self.read_where(OWN, partner)?,
            plan_entries: self.read_where(
                &format!("plan_id IN (SELECT id FROM plans WHERE {OWN}) OR {by_campaign}"),
                partner,
            )?,
            currency: self.currency()?,
        })
    }

    /// The rows of `T`'s table matching `filter` (SQL on `?1` and `?2`,
    /// the first and last partner ids), in the order SQLite finds them: a
    /// [`Table`](crate::domain::program::Table) orders them by id, so sorting them here would be wasted.
    fn read_where<T: Row>(
        &self,
        filter: &str,
        (first, last): (PartnerId, PartnerId),
    ) -> Result<Vec<Stored<T>>, StoreError> {
        let sql = format!(
            "SELECT id, {} FROM {} WHERE {filter}",
            column_list(T::COLUMNS),
            T::TABLE
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query([first.0, last.0])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(read_row::<T>(row)?);
        }
        Ok(out)
    }

    /// The partners and their campaigns, without what is under them, and
    /// the currency: what `jmo crm import` plans on (links by CRM id,
    /// external id and name; a new campaign's partner). Other tables are
    /// empty.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for unreadable values.
    pub fn load_names(&self) -> Result<Program, StoreError> {
        Ok(Program {
            partners: self.load_all()?,
            campaigns: self.load_all()?,
            currency: self.currency()?,
            ..Program::default()
        })
    }

    /// The tables `jmo crm export salesforce` writes from, and only those:
    /// partners, campaigns, their results and expenses (a campaign's
    /// actual cost), MDF funds, requests and claims, and the currency.
    /// Milestones, checklists, assets, contacts, meetings and joint plans
    /// are left empty (no CRM file carries them).
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`] for unreadable values.
    pub fn load_for_crm_export(&self) -> Result<Program, StoreError> {
        Ok(Program {
            partners: self.load_all()?,
            campaigns: self.load_all()?,
            funds: self.load_all()?,
            requests: self.load_all()?,
            claims: self.load_all()?,
            results: self.load_all()?,
            expenses: self.load_all()?,
            currency: self.currency()?,
            ..Program::default()
        })
    }

    /// The partner a campaign, MDF request or claim belongs to (through its
    /// campaign), read by id; `None` when the record does not exist. Other
    /// records: the partner of their campaign or their own `partner_id`
    /// (a plan entry: its plan's). Evidence: an overlap's or a touch's
    /// partner, the partner that registered an opportunity; `None` for an
    /// account or a lead (they belong to no partner).
    ///
    /// Errors: SQLite errors.
    pub fn partner_of(&self, record: RecordRef) -> Result<Option<PartnerId>, StoreError> {
        let by_campaign = |table: &str| {
            format!(
                "SELECT c.partner_id FROM {table} x JOIN campaigns c ON c.id = x.campaign_id \
                 WHERE x.id = ?1"
            )
        };
        let (sql, id) = match record {
            RecordRef::Partner(p) => ("SELECT id FROM partners WHERE id = ?1".to_owned(), p.0),
            RecordRef::Campaign(c) => (
                "SELECT partner_id FROM campaigns WHERE id = ?1".to_owned(),
                c.0,
            ),
            RecordRef::Claim(c) => (
                "SELECT c.partner_id FROM claims k JOIN mdf_requests r ON r.id = k.request_id \
                 JOIN campaigns c ON c.id = r.campaign_id WHERE k.id = ?1"
                    .to_owned(),
                c.0,
            ),
            RecordRef::Request(r) => (by_campaign("mdf_requests"), r.0),
            RecordRef::Milestone(m) => (by_campaign("milestones"), m.0),
            RecordRef::Responsibility(r) => (by_campaign("responsibilities"), r.0),
            RecordRef::Asset(a) => (by_campaign("assets"), a.0),
            RecordRef::Results(r) => (by_campaign("results"), r.0),
            RecordRef::Expense(e) => (by_campaign("expenses"), e.0),
            RecordRef::Fund(f) => ("SELECT partner_id FROM funds WHERE id = ?1".to_owned(), f.0),
            RecordRef::Contact(c) => (
                "SELECT partner_id FROM contacts WHERE id = ?1".to_owned(),
                c.0,
            ),
            RecordRef::Meeting(m) => (
                "SELECT partner_id FROM meetings WHERE id = ?1".to_owned(),
                m.0,
            ),
            RecordRef::Plan(p) => ("SELECT partner_id FROM plans WHERE id = ?1".to_owned(), p.0),
            RecordRef::PlanEntry(e) => (
                "SELECT p.partner_id FROM plan_entries e JOIN plans p ON p.id = e.plan_id \
                 WHERE e.id = ?1"
                    .to_owned(),
                e.0,
            ),
            // Evidence: the partner it names (an overlap, a touch), or the
            // one that registered the opportunity; accounts and leads
            // belong to no partner.
            RecordRef::Overlap(o) => (
                "SELECT partner_id FROM overlaps WHERE id = ?1".to_owned(),
                o.0,
            ),
            RecordRef::Touch(t) => (
                "SELECT partner_id FROM touches WHERE id = ?1".to_owned(),
                t.0,
            ),
            RecordRef::Opportunity(o) => (
                "SELECT registered_by FROM opportunities WHERE id = ?1 \
                 AND registered_by IS NOT NULL"
                    .to_owned(),
                o.0,
            ),
            RecordRef::Account(_) | RecordRef::Lead(_) => return Ok(None),
        };
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], |r| r.get::<_, i64>(0))
            .optional()?
            .map(PartnerId))
    }

    /// The one campaign `text` names as `jmo results` and `jmo report`
    /// read it ([`packet::resolve_campaign`](crate::domain::packet::resolve_campaign)):
    /// `campaign:ID`, or its name ignoring case and surrounding spaces.
    /// Reads only the campaigns' ids and names. `None` when no campaign or
    /// several match: the caller then reads the whole program, which says
    /// which campaigns may have been meant.
    ///
    /// Errors: SQLite errors.
    pub fn find_campaign(&self, text: &str) -> Result<Option<CampaignId>, StoreError> {
        let typed = text.trim();
        let lower = typed.to_lowercase();
        if let Some(rest) = lower.strip_prefix("campaign:") {
            let Ok(id) = rest.trim().parse::<i64>() else {
                return Ok(None);
            };
            let found = self.partner_of(RecordRef::Campaign(CampaignId(id)))?;
            return Ok(found.map(|_| CampaignId(id)));
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name FROM campaigns ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut hit = None;
        while let Some(row) = rows.next()? {
            let name = row.get_ref(1)?.as_str().unwrap_or_default();
            if name.trim().to_lowercase() == lower {
                if hit.is_some() {
                    return Ok(None);
                }
                hit = Some(CampaignId(row.get(0)?));
            }
        }
        Ok(hit)
    }

    /// The MDF request `text` names as `jmo mdf packet` reads it
    /// ([`packet::resolve_target`](crate::domain::packet::resolve_target)):
    /// `R12`, `request:12` or `12`, when that request exists. `None` when
    /// `text` is not written as a request or names none.
    ///
    /// Errors: SQLite errors.
    pub fn find_request(&self, text: &str) -> Result<Option<RequestId>, StoreError> {
        let lower = text.trim().to_lowercase();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let number = match lower.strip_prefix("request:") {
            Some(rest) => rest.trim(),
            None => lower.strip_prefix('r').unwrap_or(&lower),
        };
        let Some(id) = Some(number)
            .filter(|s| digits(s))
            .and_then(|s| s.parse::<i64>().ok())
            .map(RequestId)
        else {
            return Ok(None);
        };
        let found = self.partner_of(RecordRef::Request(id))?;
        Ok(found.map(|_| id))
    }
}

/// The records of a few partners as [`Store::read_partners`] read them:
/// each table's rows in no particular order, and the program's currency.
/// Plain data, so one thread can read them and another index them.
#[derive(Debug, Default)]
pub struct PartnerRecords {
    partners: Vec<Stored<Partner>>,
    campaigns: Vec<Stored<Campaign>>,
    milestones: Vec<Stored<Milestone>>,
    responsibilities: Vec<Stored<Responsibility>>,
    assets: Vec<Stored<Asset>>,
    funds: Vec<Stored<Fund>>,
    requests: Vec<Stored<MdfRequest>>,
    claims: Vec<Stored<Claim>>,
    results: Vec<Stored<CampaignResults>>,
    expenses: Vec<Stored<Expense>>,
    contacts: Vec<Stored<Contact>>,
    meetings: Vec<Stored<Meeting>>,
    plans: Vec<Stored<JointPlan>>,
    plan_entries: Vec<Stored<PlanEntry>>,
    currency: Currency,
}

impl PartnerRecords {
    /// The program these records make, indexed by id and by parent: what
    /// [`Store::load_partners`] returns.
    pub fn into_program(self) -> Program {
        Program {
            partners: self.partners.into_iter().collect(),
            campaigns: self.campaigns.into_iter().collect(),
            milestones: self.milestones.into_iter().collect(),
            responsibilities: self.responsibilities.into_iter().collect(),
            assets: self.assets.into_iter().collect(),
            funds: self.funds.into_iter().collect(),
            requests: self.requests.into_iter().collect(),
            claims: self.claims.into_iter().collect(),
            results: self.results.into_iter().collect(),
            expenses: self.expenses.into_iter().collect(),
            contacts: self.contacts.into_iter().collect(),
            meetings: self.meetings.into_iter().collect(),
            plans: self.plans.into_iter().collect(),
            plan_entries: self.plan_entries.into_iter().collect(),
            currency: self.currency,
        }
    }
}
