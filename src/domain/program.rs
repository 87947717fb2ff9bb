//! The whole partner program in memory: every record, indexed by id and by
//! parent, with the queries the guardrails, ROI and the screen need.
//!
//! The app loads it once from the store and then keeps it in step edit by
//! edit (only the touched records are re-read), so nothing here is ever
//! rebuilt from scratch on a keystroke.

use super::asset::Asset;
use super::campaign::Campaign;
use super::expense::Expense;
use super::ids::*;
use super::joint_plan::{JointPlan, PlanEntry};
use super::mdf::{Claim, Fund, MdfRequest, MdfSummary};
use super::meeting::Meeting;
use super::milestone::{Milestone, MilestoneKind};
use super::partner::{Contact, Partner};
use super::responsibility::Responsibility;
use super::results::CampaignResults;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Records of one type, by id, with an index of ids by parent.
#[derive(Debug, Clone)]
pub struct Table<T: Record> {
    rows: BTreeMap<T::Id, Stored<T>>,
    by_parent: HashMap<T::Parent, BTreeSet<T::Id>>,
}

impl<T: Record> Default for Table<T> {
    fn default() -> Self {
        Self {
            rows: BTreeMap::new(),
            by_parent: HashMap::new(),
        }
    }
}

impl<T: Record> Table<T> {
    /// The record with this id.
    pub fn get(&self, id: T::Id) -> Option<&Stored<T>> {
        self.rows.get(&id)
    }

    /// All records in id order.
    pub fn iter(&self) -> impl Iterator<Item = &Stored<T>> {
        self.rows.values()
    }

    /// The records of one parent, in id order.
    pub fn children(&self, parent: T::Parent) -> impl Iterator<Item = &Stored<T>> {
        self.by_parent
            .get(&parent)
            .into_iter()
            .flatten()
            .filter_map(|id| self.rows.get(id))
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No records.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Inserts or replaces a record, keeping the parent index right.
    pub fn upsert(&mut self, record: Stored<T>) {
        let id = record.id;
        if let Some(old) = self.rows.get(&id) {
            let old_parent = old.value.parent();
            if old_parent != record.value.parent() {
                self.unindex(old_parent, id);
            }
        }
        self.by_parent
            .entry(record.value.parent())
            .or_default()
            .insert(id);
        self.rows.insert(id, record);
    }

    /// Removes a record; returns it if it was there.
    pub fn remove(&mut self, id: T::Id) -> Option<Stored<T>> {
        let old = self.rows.remove(&id)?;
        self.unindex(old.value.parent(), id);
        Some(old)
    }

    /// Takes every record out, in id order.
    pub fn into_records(self) -> impl Iterator<Item = Stored<T>> {
        self.rows.into_values()
    }

    fn unindex(&mut self, parent: T::Parent, id: T::Id) {
        if let Some(set) = self.by_parent.get_mut(&parent) {
            set.remove(&id);
            if set.is_empty() {
                self.by_parent.remove(&parent);
            }
        }
    }
}

/// Upserts each record ([`Table::upsert`]).
impl<T: Record> Extend<Stored<T>> for Table<T> {
    fn extend<I: IntoIterator<Item = Stored<T>>>(&mut self, records: I) {
        for r in records {
            self.upsert(r);
        }
    }
}

impl<T: Record> FromIterator<Stored<T>> for Table<T> {
    fn from_iter<I: IntoIterator<Item = Stored<T>>>(iter: I) -> Self {
        let mut t = Table::default();
        for r in iter {
            t.upsert(r);
        }
        t
    }
}

/// Every record of the program (docs/domain.md §2–§11).
#[derive(Debug, Clone, Default)]
pub struct Program {
    /// Partners.
    pub partners: Table<Partner>,
    /// Campaigns, by partner.
    pub campaigns: Table<Campaign>,
    /// Milestones, by campaign.
    pub milestones: Table<Milestone>,
    /// Checklist items, by campaign.
    pub responsibilities: Table<Responsibility>,
    /// Assets, by campaign.
    pub assets: Table<Asset>,
    /// MDF funds, by partner.
    pub funds: Table<Fund>,
    /// MDF requests, by campaign.
    pub requests: Table<MdfRequest>,
    /// MDF claims, by request.
    pub claims: Table<Claim>,
    /// Campaign results, by campaign (at most one each).
    pub results: Table<CampaignResults>,
    /// MDF expenses, by campaign.
    pub expenses: Table<Expense>,
    /// Marketing contacts, by partner (docs/domain.md §10).
    pub contacts: Table<Contact>,
    /// Check-ins and QBRs, by partner (docs/domain.md §10.5, seed 002).
    pub meetings: Table<Meeting>,
    /// Joint marketing plans, by partner (docs/domain.md §10.7, seed 003).
    pub plans: Table<JointPlan>,
    /// The campaigns of each joint marketing plan, by plan.
    pub plan_entries: Table<PlanEntry>,
    /// The database's currency (`meta.currency`): every amount above is in
    /// it, and every amount shown or written is formatted with it.
    pub currency: super::currency::Currency,
}

impl Program {
    /// No partners: a fresh database (the welcome screen shows).
    pub fn is_empty(&self) -> bool {
        self.partners.is_empty()
    }

    /// Partners sorted by name (case-insensitive), then id.
    pub fn partners_sorted(&self) -> Vec<&Stored<Partner>> {
        let mut v: Vec<_> = self.partners.iter().collect();
        // Each name is lowercased once, not on every comparison.
        v.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id));
        v
    }

    /// A partner's campaigns by start date, then id.
    pub fn campaigns_of(&self, partner: PartnerId) -> Vec<&Stored<Campaign>> {
        let mut v: Vec<_> = self.campaigns.children(partner).collect();
        v.sort_by_key(|c| (c.start, c.id));
        v
    }

    /// A partner's marketing contacts, in id order.
    pub fn contacts_of(&self, partner: PartnerId) -> Vec<&Stored<Contact>> {
        self.contacts.children(partner).collect()
    }

    /// A partner's meetings, newest first.
    pub fn meetings_of(&self, partner: PartnerId) -> Vec<&Stored<Meeting>> {
        let mut v: Vec<_> = self.meetings.children(partner).collect();
        v.sort_by_key(|m| std::cmp::Reverse((m.held_on, m.id)));
        v
    }

    /// A partner's joint marketing plans, by period.
    pub fn plans_of(&self, partner: PartnerId) -> Vec<&Stored<JointPlan>> {
        let mut v: Vec<_> = self.plans.children(partner).collect();
        v.sort_by_key(|p| (p.period.start(), p.period.end(), p.id));
        v
    }

    /// A partner's active campaigns (docs/domain.md §6.2 G6) on `today`.
    pub fn active_count(&self, partner: PartnerId, today: NaiveDate) -> usize {
        self.campaigns
            .children(partner)
            .filter(|c| c.is_active(today))
            .count()
    }

    /// A campaign's milestones in date order (then id).
    pub fn milestones_of(&self, campaign: CampaignId) -> Vec<&Stored<Milestone>> {
        let mut v: Vec<_> = self.milestones.children(campaign).collect();
        v.sort_by_key(|m| (m.due, m.id));
        v
    }

    /// The due date of a campaign's standard milestone `kind`: the stored
    /// milestone of that kind if there is one, else the rule of docs/domain.md §4.1.
    pub fn milestone_due(&self, campaign: &Stored<Campaign>, kind: MilestoneKind) -> NaiveDate {
        self.milestones
            .children(campaign.id)
            .find(|m| m.kind == Some(kind))
            .map(|m| m.due)
            .unwrap_or_else(|| kind.due(campaign.start, campaign.launch, campaign.end))
    }

    /// A campaign's checklist: by side (ours, partner, shared), position, id.
    pub fn checklist_of(&self, campaign: CampaignId) -> Vec<&Stored<Responsibility>> {
        let mut v: Vec<_> = self.responsibilities.children(campaign).collect();
        v.sort_by_key(|r| (r.side, r.position, r.id));
        v
    }

    /// A campaign's assets, in id order.
    pub fn assets_of(&self, campaign: CampaignId) -> Vec<&Stored<Asset>> {
        self.assets.children(campaign).collect()
    }

    /// A partner's funds by period start.
    pub fn funds_of(&self, partner: PartnerId) -> Vec<&Stored<Fund>> {
        let mut v: Vec<_> = self.funds.children(partner).collect();
        v.sort_by_key(|f| (f.period_start, f.id));
        v
    }

    /// A campaign's MDF requests, in id order.
    pub fn requests_of(&self, campaign: CampaignId) -> Vec<&Stored<MdfRequest>> {
        self.requests.children(campaign).collect()
    }

    /// A request's claims, in id order.
    pub fn claims_of(&self, request: RequestId) -> Vec<&Stored<Claim>> {
        self.claims.children(request).collect()
    }

    /// A campaign's expenses by date, then id (withdrawn ones included).
    pub fn expenses_of(&self, campaign: CampaignId) -> Vec<&Stored<Expense>> {
        let mut v: Vec<_> = self.expenses.children(campaign).collect();
        v.sort_by_key(|e| (e.spent_on, e.id));
        v
    }

    /// A request's expenses by date, then id (withdrawn ones included).
    pub fn expenses_of_request(&self, request: RequestId) -> Vec<&Stored<Expense>> {
        let Some(r) = self.requests.get(request) else {
            return Vec::new();
        };
        self.expenses_of(r.campaign_id)
            .into_iter()
            .filter(|e| e.request_id == Some(request))
            .collect()
    }

    /// A campaign's results, if any were entered.
    pub fn results_of(&self, campaign: CampaignId) -> Option<&Stored<CampaignResults>> {
        self.results.children(campaign).next()
    }

    /// A campaign's MDF money, derived from its requests and claims (docs/domain.md §11).
    pub fn mdf_summary(&self, campaign: CampaignId) -> MdfSummary {
        let requests = self.requests_of(campaign);
        let claims: Vec<&Stored<Claim>> = requests
            .iter()
            .flat_map(|r| self.claims.children(r.id))
            .collect();
        MdfSummary::of(
            requests.iter().map(|r| &r.value),
            claims.iter().map(|c| &c.value),
        )
    }

    /// The approved MDF drawn on a fund, in the database's currency.
    pub fn fund_committed(&self, fund: FundId) -> rust_decimal::Decimal {
        self.requests_on_fund(fund)
            .iter()
            .map(|r| r.approved())
            .sum()
    }

    /// The MDF requests drawing on a fund: those of its partner's campaigns
    /// that name it, in id order (docs/domain.md §11). A request of another
    /// partner's campaign naming the fund (only in data imported before
    /// imports refused it) does not draw on it.
    pub fn requests_on_fund(&self, fund: FundId) -> Vec<&Stored<MdfRequest>> {
        let Some(f) = self.funds.get(fund) else {
            return Vec::new();
        };
        let mut v: Vec<_> = self
            .campaigns
            .children(f.partner_id)
            .flat_map(|c| self.requests.children(c.id))
            .filter(|r| r.fund_id == Some(fund))
            .collect();
        v.sort_by_key(|r| r.id);
        v
    }

    /// Why a stored MDF request may not become `next` (docs/domain.md §11): once a
    /// claim went out against an approved request (submitted, not
    /// rejected), the request stays approved, on its campaign and fund, and
    /// approved for at least what was claimed; reject or amend the claims
    /// first. `None` when the change is allowed (also for a request not yet
    /// stored). The error names the field the user changed.
    pub fn request_change_error(
        &self,
        id: RequestId,
        next: &MdfRequest,
    ) -> Option<super::validation::FieldError> {
        use super::validation::FieldError;
        let old = self.requests.get(id)?;
        if old.status != super::mdf::RequestStatus::Approved {
            return None;
        }
        let claimed: rust_decimal::Decimal = self
            .claims_of(id)
            .iter()
            .filter(|c| c.counts_as_claimed())
            .map(|c| c.amount)
            .sum();
        let any = self.claims_of(id).iter().any(|c| c.counts_as_claimed());
        if !any {
            return None;
        }
        let what = format!(
            "claims for {} went out against this request",
            self.currency.format(claimed)
        );
        if next.status != super::mdf::RequestStatus::Approved {
            Some(FieldError::new(
                "status",
                format!("{what}: it stays approved (set the claims to rejected first)"),
            ))
        } else if next.campaign_id != old.campaign_id || next.fund_id != old.fund_id {
            Some(FieldError::new(
                "fund_id",
                format!("{what}: it stays on its fund"),
            ))
        } else if next.approved() < claimed {
            Some(FieldError::new(
                "approved_amount",
                format!("{what}: approve at least that"),
            ))
        } else {
            None
        }
    }

    /// Where an approved MDF request stands against its claim window, with
    /// the policy it follows (the fund's; docs/domain.md §6.2 G4, §11). `None` for a
    /// request that is not approved (nothing to claim) or has no campaign.
    pub fn claim_window(
        &self,
        request: RequestId,
        policies: &std::collections::BTreeMap<String, super::mdf::Policy>,
    ) -> Option<(ClaimWindow, super::mdf::Policy)> {
        let r = self.requests.get(request)?;
        if r.status != super::mdf::RequestStatus::Approved {
            return None;
        }
        let campaign = self.campaigns.get(r.campaign_id)?;
        let fund_policy = r
            .fund_id
            .and_then(|f| self.funds.get(f))
            .map(|f| f.policy.as_str());
        let policy = super::mdf::policy_for(policies, fund_policy);
        let deadline = super::mdf::claim_deadline(campaign.end, &policy);
        let first = self
            .claims_of(request)
            .iter()
            .filter(|c| c.uses_claim_window())
            .filter_map(|c| c.submitted_on)
            .min();
        let window = match first {
            None => ClaimWindow::Open { deadline },
            Some(on) if on <= deadline => ClaimWindow::Claimed { deadline, on },
            Some(on) => ClaimWindow::Late { deadline, on },
        };
        Some((window, policy))
    }

    /// A fund's allocation not yet committed to approved requests
    /// (negative when more was approved than allocated).
    pub fn fund_left(&self, fund: FundId) -> Option<rust_decimal::Decimal> {
        Some(self.funds.get(fund)?.allocated - self.fund_committed(fund))
    }

    /// The partner a record belongs to, if the record exists. Pipeline
    /// evidence is not held in a Program: `None` for it.
    pub fn partner_of(&self, record: RecordRef) -> Option<PartnerId> {
        match record {
            RecordRef::Partner(id) => self.partners.get(id).map(|p| p.id),
            RecordRef::Fund(id) => self.funds.get(id).map(|f| f.partner_id),
            RecordRef::Contact(id) => self.contacts.get(id).map(|c| c.partner_id),
            RecordRef::Meeting(id) => self.meetings.get(id).map(|m| m.partner_id),
            RecordRef::Plan(id) => self.plans.get(id).map(|p| p.partner_id),
            RecordRef::PlanEntry(id) => self
                .plan_entries
                .get(id)
                .and_then(|e| self.plans.get(e.plan_id))
                .map(|p| p.partner_id),
            other => self
                .campaign_of(other)
                .and_then(|c| self.campaigns.get(c))
                .map(|c| c.partner_id),
        }
    }

    /// The records that cannot stay without `record`: its children, and
    /// the records that refer to it (a campaign's place in a joint
    /// marketing plan, a fund's requests, a request's expenses). Direct
    /// ones only, in table then id order; empty for an unknown record.
    pub fn dependents(&self, record: RecordRef) -> Vec<RecordRef> {
        let mut v: Vec<RecordRef> = Vec::new();
        match record {
            RecordRef::Partner(p) => {
                v.extend(
                    self.campaigns
                        .children(p)
                        .map(|c| RecordRef::Campaign(c.id)),
                );
                v.extend(self.funds.children(p).map(|f| RecordRef::Fund(f.id)));
                v.extend(self.contacts.children(p).map(|c| RecordRef::Contact(c.id)));
                v.extend(self.meetings.children(p).map(|m| RecordRef::Meeting(m.id)));
                v.extend(self.plans.children(p).map(|x| RecordRef::Plan(x.id)));
            }
            RecordRef::Campaign(c) => {
                v.extend(
                    self.milestones
                        .children(c)
                        .map(|x| RecordRef::Milestone(x.id)),
                );
                v.extend(
                    self.responsibilities
                        .children(c)
                        .map(|x| RecordRef::Responsibility(x.id)),
                );
                v.extend(self.assets.children(c).map(|x| RecordRef::Asset(x.id)));
                v.extend(self.requests.children(c).map(|x| RecordRef::Request(x.id)));
                v.extend(self.results.children(c).map(|x| RecordRef::Results(x.id)));
                v.extend(self.expenses.children(c).map(|x| RecordRef::Expense(x.id)));
                v.extend(
                    self.plan_entries
                        .iter()
                        .filter(|e| e.campaign_id == c)
                        .map(|e| RecordRef::PlanEntry(e.id)),
                );
            }
            RecordRef::Request(r) => {
                v.extend(self.claims.children(r).map(|x| RecordRef::Claim(x.id)));
                v.extend(
                    self.expenses
                        .iter()
                        .filter(|e| e.request_id == Some(r))
                        .map(|e| RecordRef::Expense(e.id)),
                );
            }
            RecordRef::Fund(f) => v.extend(
                self.requests
                    .iter()
                    .filter(|r| r.fund_id == Some(f))
                    .map(|r| RecordRef::Request(r.id)),
            ),
            RecordRef::Plan(p) => {
                v.extend(
                    self.plan_entries
                        .children(p)
                        .map(|e| RecordRef::PlanEntry(e.id)),
                );
            }
            RecordRef::Milestone(_)
            | RecordRef::Responsibility(_)
            | RecordRef::Asset(_)
            | RecordRef::Claim(_)
            | RecordRef::Results(_)
            | RecordRef::Expense(_)
            | RecordRef::Contact(_)
            | RecordRef::Meeting(_)
            | RecordRef::PlanEntry(_) => {}
            // Pipeline evidence is not held in a Program (docs/domain.md
            // §15.1: the store reads it as `Evidence`): no dependents here.
            RecordRef::Account(_)
            | RecordRef::Overlap(_)
            | RecordRef::Lead(_)
            | RecordRef::Opportunity(_)
            | RecordRef::Touch(_) => {}
        }
        v.sort();
        v.dedup();
        v
    }

    /// Puts `part`'s records in (replacing those with the same id): a
    /// partner read when the screen selects it (issue 13, item 1). The
    /// currency stays this program's.
    pub fn absorb(&mut self, part: Program) {
        // Every table, named: a table added to `Program` must be added here.
        let Program {
            partners,
            campaigns,
            milestones,
            responsibilities,
            assets,
            funds,
            requests,
            claims,
            results,
            expenses,
            contacts,
            meetings,
            plans,
            plan_entries,
            currency: _,
        } = part;
        self.partners.extend(partners.into_records());
        self.campaigns.extend(campaigns.into_records());
        self.milestones.extend(milestones.into_records());
        self.responsibilities
            .extend(responsibilities.into_records());
        self.assets.extend(assets.into_records());
        self.funds.extend(funds.into_records());
        self.requests.extend(requests.into_records());
        self.claims.extend(claims.into_records());
        self.results.extend(results.into_records());
        self.expenses.extend(expenses.into_records());
        self.contacts.extend(contacts.into_records());
        self.meetings.extend(meetings.into_records());
        self.plans.extend(plans.into_records());
        self.plan_entries.extend(plan_entries.into_records());
    }

    /// Removes the records under a partner (its campaigns with their
    /// milestones, checklist, assets, MDF requests, claims, expenses and
    /// results; its funds, contacts, meetings, plans and their entries),
    /// keeping the partner's own record: the screen no longer holds them
    /// (issue 13, item 1).
    pub fn drop_partner(&mut self, partner: PartnerId) {
        let mut gone: Vec<RecordRef> = Vec::new();
        for c in self.campaigns.children(partner) {
            gone.push(RecordRef::Campaign(c.id));
            gone.extend(
                self.milestones
                    .children(c.id)
                    .map(|r| RecordRef::Milestone(r.id)),
            );
            gone.extend(
                self.responsibilities
                    .children(c.id)
                    .map(|r| RecordRef::Responsibility(r.id)),
            );
            gone.extend(self.assets.children(c.id).map(|r| RecordRef::Asset(r.id)));
            gone.extend(
                self.results
                    .children(c.id)
                    .map(|r| RecordRef::Results(r.id)),
            );
            gone.extend(
                self.expenses
                    .children(c.id)
                    .map(|r| RecordRef::Expense(r.id)),
            );
            for r in self.requests.children(c.id) {
                gone.push(RecordRef::Request(r.id));
                gone.extend(self.claims.children(r.id).map(|x| RecordRef::Claim(x.id)));
            }
        }
        gone.extend(self.funds.children(partner).map(|r| RecordRef::Fund(r.id)));
        gone.extend(
            self.contacts
                .children(partner)
                .map(|r| RecordRef::Contact(r.id)),
        );
        gone.extend(
            self.meetings
                .children(partner)
                .map(|r| RecordRef::Meeting(r.id)),
        );
        for plan in self.plans.children(partner) {
            gone.push(RecordRef::Plan(plan.id));
            gone.extend(
                self.plan_entries
                    .children(plan.id)
                    .map(|r| RecordRef::PlanEntry(r.id)),
            );
        }
        for r in gone {
            self.remove(r);
        }
    }

    /// Removes one record (not its dependents); returns whether it was there.
    pub fn remove(&mut self, record: RecordRef) -> bool {
        match record {
            RecordRef::Partner(id) => self.partners.remove(id).is_some(),
            RecordRef::Campaign(id) => self.campaigns.remove(id).is_some(),
            RecordRef::Milestone(id) => self.milestones.remove(id).is_some(),
            RecordRef::Responsibility(id) => self.responsibilities.remove(id).is_some(),
            RecordRef::Asset(id) => self.assets.remove(id).is_some(),
            RecordRef::Fund(id) => self.funds.remove(id).is_some(),
            RecordRef::Request(id) => self.requests.remove(id).is_some(),
            RecordRef::Claim(id) => self.claims.remove(id).is_some(),
            RecordRef::Results(id) => self.results.remove(id).is_some(),
            RecordRef::Expense(id) => self.expenses.remove(id).is_some(),
            RecordRef::Contact(id) => self.contacts.remove(id).is_some(),
            RecordRef::Meeting(id) => self.meetings.remove(id).is_some(),
            RecordRef::Plan(id) => self.plans.remove(id).is_some(),
            RecordRef::PlanEntry(id) => self.plan_entries.remove(id).is_some(),
            // Pipeline evidence is not held in a Program: never there.
            RecordRef::Account(_)
            | RecordRef::Overlap(_)
            | RecordRef::Lead(_)
            | RecordRef::Opportunity(_)
            | RecordRef::Touch(_) => false,
        }
    }

    /// The campaign a record belongs to, if it belongs to one.
    pub fn campaign_of(&self, record: RecordRef) -> Option<CampaignId> {
        match record {
            RecordRef::Partner(_)
            | RecordRef::Fund(_)
            | RecordRef::Contact(_)
            | RecordRef::Meeting(_)
            | RecordRef::Plan(_)
            | RecordRef::PlanEntry(_) => None,
            // Pipeline evidence is not held in a Program (a lead's or an
            // opportunity's campaign is read from the store's `Evidence`).
            RecordRef::Account(_)
            | RecordRef::Overlap(_)
            | RecordRef::Lead(_)
            | RecordRef::Opportunity(_)
            | RecordRef::Touch(_) => None,
            RecordRef::Campaign(id) => self.campaigns.get(id).map(|c| c.id),
            RecordRef::Milestone(id) => self.milestones.get(id).map(|m| m.campaign_id),
            RecordRef::Responsibility(id) => self.responsibilities.get(id).map(|r| r.campaign_id),
            RecordRef::Asset(id) => self.assets.get(id).map(|a| a.campaign_id),
            RecordRef::Request(id) => self.requests.get(id).map(|r| r.campaign_id),
            RecordRef::Claim(id) => self
                .claims
                .get(id)
                .and_then(|c| self.requests.get(c.request_id))
                .map(|r| r.campaign_id),
            RecordRef::Results(id) => self.results.get(id).map(|r| r.campaign_id),
            RecordRef::Expense(id) => self.expenses.get(id).map(|e| e.campaign_id),
        }
    }
}

/// Where an approved MDF request stands against its claim window (docs/domain.md
/// §6.2 G4, §11). The window is used by a claim that went out (submitted or
/// later, not rejected) for more than $0 ([`super::mdf::Claim::uses_claim_window`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimWindow {
    /// No claim yet; it must go out by `deadline` (activity end + window).
    Open {
        /// The last day a claim is in time.
        deadline: NaiveDate,
    },
    /// The first claim went out `on` a day no later than `deadline`.
    Claimed {
        /// The last day a claim is in time.
        deadline: NaiveDate,
        /// When the first claim was submitted.
        on: NaiveDate,
    },
    /// The first claim went out `on` a day after `deadline`: late.
    Late {
        /// The last day a claim was in time.
        deadline: NaiveDate,
        /// When the first claim was submitted.
        on: NaiveDate,
    },
}

impl ClaimWindow {
    /// The last day a claim is in time.
    pub fn deadline(self) -> NaiveDate {
        match self {
            ClaimWindow::Open { deadline }
            | ClaimWindow::Claimed { deadline, .. }
            | ClaimWindow::Late { deadline, .. } => deadline,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Child {
        parent: i64,
    }
    impl Record for Child {
        type Id = i64;
        type Parent = i64;
        fn parent(&self) -> i64 {
            self.parent
        }
    }

    #[test]
    fn table_keeps_parent_index_in_step() {
        let mut t: Table<Child> = Table::default();
        t.upsert(Stored::new(1, Child { parent: 10 }));
        t.upsert(Stored::new(2, Child { parent: 10 }));
        t.upsert(Stored::new(3, Child { parent: 20 }));
        assert_eq!(t.children(10).map(|c| c.id).collect::<Vec<_>>(), vec![1, 2]);
        t.upsert(Stored::new(2, Child { parent: 20 }));
        assert_eq!(t.children(10).map(|c| c.id).collect::<Vec<_>>(), vec![1]);
        assert_eq!(t.children(20).map(|c| c.id).collect::<Vec<_>>(), vec![2, 3]);
        assert!(t.remove(1).is_some());
        assert_eq!(t.children(10).count(), 0);
        assert!(t.remove(1).is_none());
        assert_eq!(t.len(), 2);
    }
}
