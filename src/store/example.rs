//! The example plan (issue item 3): a realistic partner program, shipped as
//! data in `assets/example-plan.toml`, that a new user loads with one key
//! (welcome screen) or `jmo demo` to see jmo with something in it.
//!
//! The file's dates are relative to "today" (`"today+14"`), so the plan looks
//! current on any day. Milestones (docs/domain.md §4) and checklists (docs/domain.md §5) are not
//! written out: they are made by [`new_campaign::records`] with
//! [`new_campaign::default_owners`], exactly as for a new campaign made on
//! the screen, and the file only states the progress (everything due
//! before today is done, except the listed exceptions). Playbook campaigns take their shape from the shipped
//! `assets/playbooks.toml` (docs/domain.md §3). MDF requests carry their expenses
//! (with invoices and proof of performance) and claims, so the ledger
//! ([`crate::domain::ledger`]) derives every balance from the seed.
//! Partners carry their agreement terms and tier numbers (docs/domain.md §10), with
//! their marketing contacts, the check-ins and QBRs held (dated relative
//! to today like everything else) and one joint marketing plan each for
//! the current quarter, linking their campaigns. The file's header comment
//! documents the format.
//!
//! [`parse`] turns the text into drafts ([`ExamplePlan`]) without touching a
//! store; [`load`] parses the shipped file and inserts it all in **one**
//! [`Store::edit`], so one undo removes the whole plan.

use super::{RecordRef, Store, StoreError, Tx};
use crate::domain::asset::Asset;
use crate::domain::campaign::{Campaign, CampaignStatus, CampaignType};
use crate::domain::currency::Currency;
use crate::domain::dates::add_days;
use crate::domain::expense::Expense;
use crate::domain::ids::{CampaignId, PartnerId, PlanId, RequestId};
use crate::domain::jmp::{JointPlan, Period, PlanEntry};
use crate::domain::mdf::{ActivityType, Claim, ClaimStatus, Fund, MdfRequest, RequestStatus};
use crate::domain::milestone::{Milestone, MilestoneKind, MilestoneStatus};
use crate::domain::new_campaign;
use crate::domain::partner::{
    Contact, PIPELINE_POTENTIAL, Partner, PartnershipType, STRATEGIC_VALUE, Tier, factor_error,
};
use crate::domain::playbook::{Playbook, parse_playbooks};
use crate::domain::relationship::{Meeting, MeetingKind};
use crate::domain::responsibility::{Responsibility, Side, Templates};
use crate::domain::results::CampaignResults;
use crate::domain::validation::Invalid;
use crate::domain::words;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// The shipped example plan, `assets/example-plan.toml` (format: see the
/// file's header comment).
pub const EXAMPLE_PLAN: &str = include_str!("../../assets/example-plan.toml");

/// The shipped playbooks (docs/domain.md §3) the plan's `playbook = "…"` campaigns
/// are shaped by. The shipped file, not the user's override, so the example
/// looks the same everywhere.
const SHIPPED_PLAYBOOKS: &str = include_str!("../../assets/playbooks.toml");

/// The file name used in error messages.
const FILE: &str = "example-plan.toml";

/// Why the example plan could not be parsed or loaded. Every data error
/// names the place in the file: the partner, fund or campaign (by position
/// and name) and the field.
#[derive(Debug, thiserror::Error)]
pub enum ExampleError {
    /// Not valid TOML, or a field of the wrong shape or an unknown key; the
    /// message carries the line and column.
    #[error("{FILE}: {0}")]
    Syntax(#[from] toml::de::Error),
    /// A value that does not make sense: an unknown partner, fund, playbook
    /// or milestone, a bad date, amount, multiple, proof line or progress
    /// state.
    #[error("{FILE}, {place}: {message}")]
    Data {
        /// Where, e.g. `campaign #4 "Northwind Data Summit", launch`.
        place: String,
        /// What is wrong and what to write instead.
        message: String,
    },
    /// A record built from the file fails its domain validation.
    #[error("{FILE}, {place}: {errors}")]
    Invalid {
        /// Where, e.g. `campaign #2 "Q3 webinar"`.
        place: String,
        /// The field errors.
        errors: Invalid,
    },
    /// The database already holds partners and `force` was not given.
    #[error(
        "this database already has partners; the example plan loads into an empty database (force adds it alongside your data)"
    )]
    NotEmpty,
    /// The store refused the insert; nothing was written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The example plan as drafts, ready to insert (or to inspect in tests).
///
/// Parent ids in the drafts (`partner_id`, `campaign_id`, `request_id`,
/// `fund_id`; an expense's `request_id` too) are placeholders (`0` / `None`): the nesting says who belongs
/// to whom, and [`load`] fills in the real ids as it inserts.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamplePlan {
    /// Partners in file order, each with its funds and campaigns.
    pub partners: Vec<PartnerPlan>,
    /// Checklist exceptions (`checklist = …`, `owners = …`) that matched no
    /// item of the templates in use, e.g. a title the user's own
    /// `templates.toml` lacks: skipped, listed here as
    /// `campaign "…": checklist "…"`. Empty with the shipped templates.
    pub skipped: Vec<String>,
}

/// One partner of the plan with what hangs off it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnerPlan {
    /// The partner (docs/domain.md §10), with its agreement terms and tier numbers.
    pub partner: Partner,
    /// Its marketing contacts (docs/domain.md §10); `partner_id` is a placeholder.
    pub contacts: Vec<Contact>,
    /// The check-ins and QBRs held with it (docs/domain.md §10), in file order;
    /// `partner_id` is a placeholder.
    pub meetings: Vec<Meeting>,
    /// Its MDF funds (docs/domain.md §11); `partner_id` is a placeholder.
    pub funds: Vec<Fund>,
    /// Its campaigns, in file order.
    pub campaigns: Vec<CampaignPlan>,
    /// Its joint marketing plans (docs/domain.md §10.7, seed 003).
    pub plans: Vec<MarketingPlan>,
}

/// One joint marketing plan with the campaigns it links.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketingPlan {
    /// The plan; `partner_id` is a placeholder.
    pub plan: JointPlan,
    /// Its entries, in file order.
    pub entries: Vec<EntryPlan>,
}

/// One campaign of a joint marketing plan with its plan figures.
#[derive(Debug, Clone, PartialEq)]
pub struct EntryPlan {
    /// Index of the campaign in its partner's [`PartnerPlan::campaigns`].
    pub campaign: usize,
    /// The entry (pipeline target, partner co-investment); `plan_id` and
    /// `campaign_id` are placeholders.
    pub entry: PlanEntry,
}

/// One campaign of the plan with its generated milestones and checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignPlan {
    /// The campaign (docs/domain.md §2); `partner_id` is a placeholder.
    pub campaign: Campaign,
    /// The seven standard milestones (docs/domain.md §4) with progress applied.
    pub milestones: Vec<Milestone>,
    /// The type's checklist (docs/domain.md §5) with owners and progress applied.
    pub checklist: Vec<Responsibility>,
    /// Assets (docs/domain.md §6.2 G1).
    pub assets: Vec<Asset>,
    /// MDF requests with their expenses and claims (docs/domain.md §11).
    pub requests: Vec<RequestPlan>,
    /// Results (docs/domain.md §8), if reported.
    pub results: Option<CampaignResults>,
}

/// One MDF request with its expenses and claims.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestPlan {
    /// The request; `campaign_id` and `fund_id` are placeholders.
    pub request: MdfRequest,
    /// Index of the fund it draws on in its partner's
    /// [`PartnerPlan::funds`], if any.
    pub fund: Option<usize>,
    /// Its expenses, in file order; `campaign_id` and `request_id` are
    /// placeholders (every one is under this request).
    pub expenses: Vec<Expense>,
    /// Its claims; `request_id` is a placeholder.
    pub claims: Vec<Claim>,
}

/// How many records of each kind a plan holds (or a load inserted).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExampleCounts {
    /// Partners.
    pub partners: usize,
    /// MDF funds.
    pub funds: usize,
    /// Campaigns.
    pub campaigns: usize,
    /// Milestones.
    pub milestones: usize,
    /// Checklist items.
    pub checklist_items: usize,
    /// Assets.
    pub assets: usize,
    /// MDF requests.
    pub requests: usize,
    /// MDF expenses (withdrawn ones included).
    pub expenses: usize,
    /// MDF claims.
    pub claims: usize,
    /// Results records.
    pub results: usize,
    /// Marketing contacts.
    pub contacts: usize,
    /// Check-ins and QBRs.
    pub meetings: usize,
    /// Joint marketing plans.
    pub plans: usize,
    /// Campaigns linked to joint marketing plans.
    pub plan_entries: usize,
}

impl fmt::Display for ExampleCounts {
    /// `6 partners, 16 campaigns, 3 funds, …` for the status line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let records = [
            (self.partners, "partner"),
            (self.campaigns, "campaign"),
            (self.milestones, "milestone"),
            (self.checklist_items, "checklist item"),
            (self.assets, "asset"),
            (self.funds, "fund"),
            (self.requests, "MDF request"),
            (self.expenses, "expense"),
            (self.claims, "claim"),
            (self.results, "results"),
            (self.contacts, "contact"),
            (self.meetings, "meeting"),
            (self.plans, "joint marketing plan"),
        ];
        let records: Vec<String> = records
            .iter()
            .map(|(n, w)| words::count_of(*n, w))
            .collect();
        f.write_str(&records.join(", "))
    }
}

/// What [`load`] inserted.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleSummary {
    /// Records inserted, by kind.
    pub counts: ExampleCounts,
    /// Every record inserted, in insert order (for [`Store::refresh`]).
    pub touched: Vec<RecordRef>,
}

impl ExamplePlan {
    /// Every campaign of the plan, partner by partner, in file order.
    pub fn campaigns(&self) -> impl Iterator<Item = &CampaignPlan> {
        self.partners.iter().flat_map(|p| p.campaigns.iter())
    }

    /// How many records of each kind the plan holds.
    pub fn counts(&self) -> ExampleCounts {
        let mut n = ExampleCounts {
            partners: self.partners.len(),
            ..ExampleCounts::default()
        };
        for p in &self.partners {
            n.funds += p.funds.len();
            n.contacts += p.contacts.len();
            n.meetings += p.meetings.len();
            n.plans += p.plans.len();
            n.plan_entries += p.plans.iter().map(|m| m.entries.len()).sum::<usize>();
        }
        for c in self.campaigns() {
            n.campaigns += 1;
            n.milestones += c.milestones.len();
            n.checklist_items += c.checklist.len();
            n.assets += c.assets.len();
            n.requests += c.requests.len();
            n.expenses += c.requests.iter().map(|r| r.expenses.len()).sum::<usize>();
            n.claims += c.requests.iter().map(|r| r.claims.len()).sum::<usize>();
            n.results += usize::from(c.results.is_some());
        }
        n
    }
}

/// Loads the shipped example plan ([`EXAMPLE_PLAN`]) into `store`, its
/// dates resolved against `today`, in one edit labelled "Load the example
/// plan" (one undo removes it all).
///
/// Checklists come from `templates` (the shipped or the user's; exceptions
/// naming items the templates lack are skipped); playbooks from the shipped
/// `assets/playbooks.toml`.
///
/// Errors: [`ExampleError::NotEmpty`] when the database already has partners
/// and `force` is false (with `force` the plan is added alongside);
/// [`ExampleError::Store`] refusing a database in another currency than
/// the plan's USD;
/// [`ExampleError::Syntax`] / [`ExampleError::Data`] /
/// [`ExampleError::Invalid`] if the shipped file is broken (a build bug,
/// caught by the tests); [`ExampleError::Store`] for SQLite errors — nothing
/// is written then.
pub fn load(
    store: &mut Store,
    today: NaiveDate,
    templates: &Templates,
    force: bool,
) -> Result<ExampleSummary, ExampleError> {
    let plan = parse(EXAMPLE_PLAN, today, templates)?;
    if !force && !store.is_empty()? {
        return Err(ExampleError::NotEmpty);
    }
    // Its amounts are USD: in a database that counts in another currency
    // they would be shown as that currency's, which they are not.
    let currency = store.currency()?;
    if currency != Currency::USD {
        return Err(ExampleError::Store(StoreError::Refused(format!(
            "the example plan is in USD and this database counts in {currency}: load it into a new database"
        ))));
    }
    let edited = store.edit("Load the example plan", |tx| {
        let names = insert_plan(tx, &plan)?;
        super::example_evidence::insert(tx, &names, today)
    })?;
    Ok(ExampleSummary {
        counts: plan.counts(),
        touched: edited.touched,
    })
}

/// Parses an example-plan text (format: `assets/example-plan.toml`'s header)
/// into drafts, dates resolved against `today`, milestones and checklists
/// generated (checklists from `templates`), and every record validated.
///
/// Errors: [`ExampleError::Syntax`] for TOML errors (with line and column);
/// [`ExampleError::Data`] for an unknown partner / fund / playbook /
/// milestone / plan campaign, a bad date, amount, budget factor, period,
/// expected ROI, proof line (`kind: path or URL`) or progress state, a
/// meeting dated after today, or a duplicate name, plan or plan entry;
/// [`ExampleError::Invalid`] for a record that fails `validate()`.
pub fn parse(
    text: &str,
    today: NaiveDate,
    templates: &Templates,
) -> Result<ExamplePlan, ExampleError> {
    let raw: RawPlan = toml::from_str(text)?;
    let playbooks = parse_playbooks(SHIPPED_PLAYBOOKS).map_err(|message| ExampleError::Data {
        place: "the shipped playbooks".into(),
        message,
    })?;
    let cx = Cx {
        today,
        templates,
        playbooks: &playbooks,
        team: &raw.team,
    };
    let mut partners: Vec<PartnerPlan> = Vec::new();
    for (i, rp) in raw.partners.iter().enumerate() {
        let place = format!("partner #{} \"{}\"", i + 1, rp.name);
        if raw.partners[..i]
            .iter()
            .any(|p| p.name.trim().eq_ignore_ascii_case(rp.name.trim()))
        {
            return Err(data(
                &place,
                "a second partner with this name; names must be unique",
            ));
        }
        partners.push(PartnerPlan {
            partner: cx.partner(rp, &place)?,
            contacts: Vec::new(),
            meetings: Vec::new(),
            funds: Vec::new(),
            campaigns: Vec::new(),
            plans: Vec::new(),
        });
    }
    for (i, rc) in raw.contacts.iter().enumerate() {
        let place = format!("contact #{} \"{}\"", i + 1, rc.name);
        let p = partner_index(&raw.partners, &rc.partner, &place)?;
        let contact = Contact {
            partner_id: PartnerId(0),
            name: rc.name.trim().to_string(),
            role: rc.role.trim().to_string(),
            email: rc.email.trim().to_string(),
        };
        invalid(&place, contact.validate())?;
        partners[p].contacts.push(contact);
    }
    for (i, rm) in raw.meetings.iter().enumerate() {
        let place = format!(
            "meeting #{} ({} with {})",
            i + 1,
            rm.kind.label(),
            rm.partner
        );
        let p = partner_index(&raw.partners, &rm.partner, &place)?;
        let meeting = cx.meeting(rm, &place)?;
        partners[p].meetings.push(meeting);
    }
    for (i, rf) in raw.funds.iter().enumerate() {
        let place = format!("fund #{} \"{}\"", i + 1, rf.name);
        let p = partner_index(&raw.partners, &rf.partner, &place)?;
        if partners[p]
            .funds
            .iter()
            .any(|f| f.name.eq_ignore_ascii_case(rf.name.trim()))
        {
            return Err(data(
                &place,
                "a second fund with this name for the same partner",
            ));
        }
        let fund = cx.fund(rf, &place)?;
        partners[p].funds.push(fund);
    }
    let mut skipped = Vec::new();
    for (i, rc) in raw.campaigns.iter().enumerate() {
        let place = format!("campaign #{} \"{}\"", i + 1, rc.name);
        let p = partner_index(&raw.partners, &rc.partner, &place)?;
        let plan = cx.campaign(rc, &raw.partners[p], &partners[p], &place, &mut skipped)?;
        partners[p].campaigns.push(plan);
    }
    for (i, rj) in raw.plans.iter().enumerate() {
        let place = format!("plan #{} ({})", i + 1, rj.partner);
        let p = partner_index(&raw.partners, &rj.partner, &place)?;
        let plan = cx.marketing_plan(rj, &partners[p], &place)?;
        if partners[p]
            .plans
            .iter()
            .any(|m| m.plan.period == plan.plan.period)
        {
            return Err(data(
                &format!("{place}, period"),
                format!(
                    "{} already has a plan for {}; one plan per partner and period",
                    rj.partner, plan.plan.period
                ),
            ));
        }
        partners[p].plans.push(plan);
    }
    Ok(ExamplePlan { partners, skipped })
}

/// Inserts every record of `plan`, parents first, filling in real ids.
fn insert_plan(tx: &mut Tx<'_>, plan: &ExamplePlan) -> Result<Names, StoreError> {
    let mut names = Names::default();
    for pp in &plan.partners {
        let partner_id = tx.insert(&pp.partner)?;
        names.partners.insert(pp.partner.name.clone(), partner_id);
        for c in &pp.contacts {
            tx.insert(&Contact {
                partner_id,
                ..c.clone()
            })?;
        }
        for m in &pp.meetings {
            tx.insert(&Meeting {
                partner_id,
                ..m.clone()
            })?;
        }
        let mut campaign_ids = Vec::with_capacity(pp.campaigns.len());
        let mut fund_ids = Vec::with_capacity(pp.funds.len());
        for f in &pp.funds {
            fund_ids.push(tx.insert(&Fund {
                partner_id,
                ..f.clone()
            })?);
        }
        for cp in &pp.campaigns {
            let campaign_id = tx.insert(&Campaign {
                partner_id,
                ..cp.campaign.clone()
            })?;
            campaign_ids.push(campaign_id);
            names
                .campaigns
                .insert(cp.campaign.name.clone(), campaign_id);
            for m in &cp.milestones {
                tx.insert(&Milestone {
                    campaign_id,
                    ..m.clone()
                })?;
            }
            for r in &cp.checklist {
                tx.insert(&Responsibility {
                    campaign_id,
                    ..r.clone()
                })?;
            }
            for a in &cp.assets {
                tx.insert(&Asset {
                    campaign_id,
                    ..a.clone()
                })?;
            }
            for rp in &cp.requests {
                let fund_id = rp.fund.and_then(|i| fund_ids.get(i).copied());
                let request_id = tx.insert(&MdfRequest {
                    campaign_id,
                    fund_id,
                    ..rp.request.clone()
                })?;
                for e in &rp.expenses {
                    tx.insert(&Expense {
                        campaign_id,
                        request_id: Some(request_id),
                        ..e.clone()
                    })?;
                }
                for c in &rp.claims {
                    tx.insert(&Claim {
                        request_id,
                        ..c.clone()
                    })?;
                }
            }
            if let Some(r) = &cp.results {
                tx.insert(&CampaignResults {
                    campaign_id,
                    ..r.clone()
                })?;
            }
        }
        for mp in &pp.plans {
            let plan_id = tx.insert(&JointPlan {
                partner_id,
                ..mp.plan.clone()
            })?;
            for e in &mp.entries {
                // The index was checked against this partner's campaigns
                // when parsing.
                if let Some(&campaign_id) = campaign_ids.get(e.campaign) {
                    tx.insert(&PlanEntry {
                        plan_id,
                        campaign_id,
                        ..e.entry.clone()
                    })?;
                }
            }
        }
    }
    Ok(names)
}

/// The ids the example plan's partners and campaigns got, by name: the
/// example's evidence ([`super::example_evidence`]) names them.
#[derive(Debug, Default)]
pub struct Names {
    /// Partner ids by name.
    pub partners: std::collections::HashMap<String, PartnerId>,
    /// Campaign ids by name.
    pub campaigns: std::collections::HashMap<String, CampaignId>,
}

// ── The file's shape ────────────────────────────────────────────────────

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    team: RawTeam,
    #[serde(rename = "partner")]
    partners: Vec<RawPartner>,
    #[serde(default, rename = "fund")]
    funds: Vec<RawFund>,
    #[serde(default, rename = "campaign")]
    campaigns: Vec<RawCampaign>,
    #[serde(default, rename = "contact")]
    contacts: Vec<RawContact>,
    #[serde(default, rename = "meeting")]
    meetings: Vec<RawMeeting>,
    #[serde(default, rename = "plan")]
    plans: Vec<RawJointPlan>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTeam {
    owner: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPartner {
    name: String,
    #[serde(rename = "type")]
    partnership_type: PartnershipType,
    tier: Tier,
    brand_guidelines: bool,
    #[serde(default)]
    data_consent: Option<String>,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    agreement_start: Option<String>,
    #[serde(default)]
    agreement_end: Option<String>,
    #[serde(default)]
    brand_guidelines_ref: String,
    #[serde(default)]
    data_consent_scope: String,
    #[serde(default)]
    agreement_scope: String,
    #[serde(default)]
    sharing_terms: String,
    #[serde(default)]
    exclusivity: String,
    #[serde(default)]
    exclusive_until: Option<String>,
    #[serde(default)]
    brand_usage: String,
    #[serde(default)]
    termination_notice_days: Option<i64>,
    #[serde(default)]
    recorded_revenue: Option<String>,
    #[serde(default)]
    referrals: i64,
    #[serde(default)]
    pipeline_potential: Option<String>,
    #[serde(default)]
    strategic_value: Option<String>,
    #[serde(default)]
    past_performance: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContact {
    partner: String,
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    email: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeeting {
    partner: String,
    kind: MeetingKind,
    held: String,
    #[serde(default)]
    progress: String,
    #[serde(default)]
    upcoming: String,
    #[serde(default)]
    roadblocks: String,
    #[serde(default)]
    next_steps: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJointPlan {
    partner: String,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    objective: String,
    #[serde(default)]
    notes: String,
    #[serde(default, rename = "entry")]
    entries: Vec<RawPlanEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlanEntry {
    campaign: String,
    #[serde(default)]
    pipeline_target: Option<String>,
    #[serde(default)]
    partner_investment: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFund {
    partner: String,
    name: String,
    start: String,
    end: String,
    allocated: String,
    #[serde(default)]
    policy: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    partner: String,
    name: String,
    #[serde(default)]
    playbook: Option<String>,
    #[serde(default, rename = "type")]
    campaign_type: Option<CampaignType>,
    status: CampaignStatus,
    #[serde(default)]
    audience: String,
    start: String,
    #[serde(default)]
    launch: Option<String>,
    #[serde(default)]
    end: Option<String>,
    #[serde(default)]
    budget: Option<String>,
    #[serde(default)]
    internal_cost: Option<String>,
    #[serde(default)]
    lead_target: Option<i64>,
    #[serde(default)]
    crm_id: Option<String>,
    attribution_agreed: bool,
    #[serde(default)]
    uses_partner_data: bool,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    done_until: Option<String>,
    #[serde(default)]
    milestones: BTreeMap<String, String>,
    #[serde(default)]
    checklist: BTreeMap<String, String>,
    #[serde(default)]
    owners: BTreeMap<String, String>,
    #[serde(default, rename = "asset")]
    assets: Vec<RawAsset>,
    #[serde(default)]
    mdf: Vec<RawRequest>,
    #[serde(default)]
    results: Option<RawResults>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAsset {
    name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    co_branded: bool,
    #[serde(default)]
    approved: Option<String>,
    #[serde(default)]
    location: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequest {
    #[serde(default)]
    fund: Option<String>,
    #[serde(default)]
    activity: Option<ActivityType>,
    amount: String,
    #[serde(default)]
    approved_amount: Option<String>,
    status: RequestStatus,
    #[serde(default)]
    submitted: Option<String>,
    #[serde(default)]
    decided: Option<String>,
    #[serde(default)]
    justification: String,
    #[serde(default)]
    expected_roi: Option<String>,
    #[serde(default)]
    proof_required: Vec<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    expense: Vec<RawExpense>,
    #[serde(default)]
    claim: Vec<RawClaim>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpense {
    category: String,
    amount: String,
    spent: String,
    #[serde(default)]
    vendor: String,
    #[serde(default)]
    invoice: String,
    #[serde(default)]
    proof: Vec<String>,
    #[serde(default)]
    withdrawn: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    amount: String,
    status: ClaimStatus,
    #[serde(default)]
    submitted: Option<String>,
    #[serde(default)]
    paid: Option<String>,
    #[serde(default)]
    paid_amount: Option<String>,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResults {
    #[serde(default)]
    registrations: Option<i64>,
    #[serde(default)]
    attendees: Option<i64>,
    #[serde(default)]
    leads: Option<i64>,
    #[serde(default)]
    mqls: Option<i64>,
    #[serde(default)]
    pipeline_sourced: Option<String>,
    #[serde(default)]
    pipeline_influenced: Option<String>,
    #[serde(default)]
    pipeline_partner_assisted: Option<String>,
    #[serde(default)]
    revenue: Option<String>,
    /// The day the figures are as of, relative like every example date.
    #[serde(default)]
    reported: Option<String>,
    #[serde(default)]
    leads_ours: Option<i64>,
    #[serde(default)]
    leads_partner: Option<i64>,
    #[serde(default)]
    leads_paid: Option<i64>,
    #[serde(default)]
    leads_organic: Option<i64>,
    #[serde(default)]
    reach_ours: Option<i64>,
    #[serde(default)]
    reach_partner: Option<i64>,
    #[serde(default)]
    target_registrations: Option<i64>,
    #[serde(default)]
    target_attendees: Option<i64>,
    #[serde(default)]
    target_pipeline: Option<String>,
}

// ── Building the drafts ─────────────────────────────────────────────────

/// What every builder needs.
struct Cx<'a> {
    today: NaiveDate,
    templates: &'a Templates,
    playbooks: &'a [Playbook],
    team: &'a RawTeam,
}

fn data(place: &str, message: impl Into<String>) -> ExampleError {
    ExampleError::Data {
        place: place.to_string(),
        message: message.into(),
    }
}

fn invalid(place: &str, result: Result<(), Invalid>) -> Result<(), ExampleError> {
    result.map_err(|errors| ExampleError::Invalid {
        place: place.to_string(),
        errors,
    })
}

fn partner_index(partners: &[RawPartner], name: &str, place: &str) -> Result<usize, ExampleError> {
    partners
        .iter()
        .position(|p| p.name.trim().eq_ignore_ascii_case(name.trim()))
        .ok_or_else(|| {
            let names: Vec<&str> = partners.iter().map(|p| p.name.as_str()).collect();
            data(
                &format!("{place}, partner"),
                format!("no partner named '{name}'; partners: {}", names.join(", ")),
            )
        })
}

/// Resolves a date written `today`, `today+14`, `today-90` or `YYYY-MM-DD`.
/// Errors: a message saying what to write.
fn resolve_date(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let t = text.trim();
    let bad = || format!("'{t}' is not a date; write today, today+14, today-90 or YYYY-MM-DD");
    if let Some(head) = t.get(..5)
        && head.eq_ignore_ascii_case("today")
    {
        let rest = t[5..].trim();
        if rest.is_empty() {
            return Ok(today);
        }
        let (sign, digits) = match (rest.strip_prefix('+'), rest.strip_prefix('-')) {
            (Some(d), _) => (1, d),
            (_, Some(d)) => (-1, d),
            _ => return Err(bad()),
        };
        let days: i64 = digits.trim().parse().map_err(|_| bad())?;
        return add_days(today, sign * days).ok_or_else(|| format!("'{t}' is out of range"));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d").map_err(|_| bad())
}

/// Resolves a plan period written `quarter` (the quarter of `today`),
/// `year` (its year) or as [`Period::parse`] reads it (`2026Q4`, `2027`).
/// Errors: a message saying what to write.
fn resolve_period(text: &str, today: NaiveDate) -> Result<Period, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("quarter") {
        Ok(Period::quarter_of(today))
    } else if t.eq_ignore_ascii_case("year") {
        Ok(Period::Year(today.year()))
    } else {
        Period::parse(t).map_err(|m| format!("{m}, or quarter / year (today's)"))
    }
}

/// A budget factor (docs/domain.md §10) written as a decimal string, `"1.2"`, within
/// `range`; absent = 1. Errors: [`ExampleError::Data`] at the field.
fn factor(
    text: Option<&str>,
    range: (Decimal, Decimal),
    place: &str,
    field: &str,
) -> Result<Decimal, ExampleError> {
    let Some(t) = text else {
        return Ok(Decimal::ONE);
    };
    let at = format!("{place}, {field}");
    let value: Decimal = t.trim().parse().map_err(|_| {
        data(
            &at,
            format!("'{}' is not a number; write e.g. \"1.2\"", t.trim()),
        )
    })?;
    match factor_error(value, range) {
        Some(m) => Err(data(&at, m)),
        None => Ok(value),
    }
}

/// A milestone's or checklist item's progress as written in the file.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Done, on the given date or the default one.
    Done(Option<NaiveDate>),
    /// Not done.
    Open,
    /// Started (milestones only).
    InProgress,
    /// Blocked with a reason (milestones only).
    Blocked(String),
}

/// Parses `done`, `done today-2`, `open`, `in progress`, `blocked: reason`.
/// Errors: a message saying what to write.
fn parse_progress(text: &str, today: NaiveDate) -> Result<State, String> {
    let t = text.trim();
    let word = |w: &str| t.get(..w.len()).is_some_and(|h| h.eq_ignore_ascii_case(w));
    if t.eq_ignore_ascii_case("open") {
        Ok(State::Open)
    } else if t.eq_ignore_ascii_case("in progress") || t.eq_ignore_ascii_case("in_progress") {
        Ok(State::InProgress)
    } else if word("blocked") {
        let reason = t[7..].trim_start().trim_start_matches(':').trim();
        if reason.is_empty() {
            Err("say why it is blocked: \"blocked: <reason>\"".into())
        } else {
            Ok(State::Blocked(reason.to_string()))
        }
    } else if word("done") {
        let rest = t[4..].trim();
        if rest.is_empty() {
            return Ok(State::Done(None));
        }
        let on = resolve_date(rest, today)?;
        if on > today {
            return Err(format!("'{t}': cannot be done after today"));
        }
        Ok(State::Done(Some(on)))
    } else {
        Err(format!(
            "'{t}' is not a progress state; write done, done today-2, open, in progress or blocked: <reason>"
        ))
    }
}

/// The checklist items a file key names: `Title` (every side) or
/// `side/Title` (`ours/`, `partner/`, `shared/`). Titles compare ignoring
/// case and surrounding spaces.
fn matching_items(items: &[Responsibility], key: &str) -> Vec<usize> {
    let (side, title) = match key.split_once('/') {
        Some((s, rest)) => match Side::from_key(s) {
            Some(side) => (Some(side), rest),
            None => (None, key),
        },
        None => (None, key),
    };
    let title = title.trim();
    items
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            side.is_none_or(|s| r.side == s) && r.title.trim().eq_ignore_ascii_case(title)
        })
        .map(|(i, _)| i)
        .collect()
}

impl Cx<'_> {
    fn date(&self, text: &str, place: &str, field: &str) -> Result<NaiveDate, ExampleError> {
        resolve_date(text, self.today).map_err(|m| data(&format!("{place}, {field}"), m))
    }

    fn opt_date(
        &self,
        text: Option<&String>,
        place: &str,
        field: &str,
    ) -> Result<Option<NaiveDate>, ExampleError> {
        text.map(|t| self.date(t, place, field)).transpose()
    }

    fn money(&self, text: &str, place: &str, field: &str) -> Result<Decimal, ExampleError> {
        // The example plan is in USD (the default currency, docs/domain.md §1.2).
        Currency::USD
            .parse(text)
            .map_err(|m| data(&format!("{place}, {field}"), m))
    }

    fn opt_money(
        &self,
        text: Option<&String>,
        place: &str,
        field: &str,
    ) -> Result<Option<Decimal>, ExampleError> {
        text.map(|t| self.money(t, place, field)).transpose()
    }

    fn partner(&self, rp: &RawPartner, place: &str) -> Result<Partner, ExampleError> {
        let partner = Partner {
            name: rp.name.trim().to_string(),
            partnership_type: rp.partnership_type,
            tier: rp.tier,
            brand_guidelines_on_file: rp.brand_guidelines,
            data_consent_on: self.opt_date(rp.data_consent.as_ref(), place, "data_consent")?,
            notes: rp.notes.trim().to_string(),
            agreement_start: self.opt_date(
                rp.agreement_start.as_ref(),
                place,
                "agreement_start",
            )?,
            agreement_end: self.opt_date(rp.agreement_end.as_ref(), place, "agreement_end")?,
            brand_guidelines_ref: rp.brand_guidelines_ref.trim().to_string(),
            data_consent_scope: rp.data_consent_scope.trim().to_string(),
            agreement_scope: rp.agreement_scope.trim().to_string(),
            sharing_terms: rp.sharing_terms.trim().to_string(),
            exclusivity: rp.exclusivity.trim().to_string(),
            exclusive_until: self.opt_date(
                rp.exclusive_until.as_ref(),
                place,
                "exclusive_until",
            )?,
            brand_usage: rp.brand_usage.trim().to_string(),
            termination_notice_days: rp.termination_notice_days,
            recorded_revenue: self
                .opt_money(rp.recorded_revenue.as_ref(), place, "recorded_revenue")?
                .unwrap_or_default(),
            referrals: rp.referrals,
            pipeline_potential: factor(
                rp.pipeline_potential.as_deref(),
                PIPELINE_POTENTIAL,
                place,
                "pipeline_potential",
            )?,
            strategic_value: factor(
                rp.strategic_value.as_deref(),
                STRATEGIC_VALUE,
                place,
                "strategic_value",
            )?,
            past_performance: rp.past_performance.trim().to_string(),
            archived_on: None,
        };
        invalid(place, partner.validate())?;
        Ok(partner)
    }

    fn meeting(&self, rm: &RawMeeting, place: &str) -> Result<Meeting, ExampleError> {
        let meeting = Meeting {
            partner_id: PartnerId(0),
            kind: rm.kind,
            held_on: self.date(&rm.held, place, "held")?,
            progress: rm.progress.trim().to_string(),
            upcoming: rm.upcoming.trim().to_string(),
            roadblocks: rm.roadblocks.trim().to_string(),
            next_steps: rm.next_steps.trim().to_string(),
        };
        invalid(place, meeting.validate())?;
        invalid(place, meeting.validate_as_of(self.today))?;
        Ok(meeting)
    }

    /// A joint marketing plan; its entries name campaigns of `partner`
    /// (already parsed).
    fn marketing_plan(
        &self,
        rj: &RawJointPlan,
        partner: &PartnerPlan,
        place: &str,
    ) -> Result<MarketingPlan, ExampleError> {
        let period = resolve_period(rj.period.as_deref().unwrap_or("quarter"), self.today)
            .map_err(|m| data(&format!("{place}, period"), m))?;
        let plan = JointPlan {
            partner_id: PartnerId(0),
            period,
            objective: rj.objective.trim().to_string(),
            notes: rj.notes.trim().to_string(),
        };
        invalid(place, plan.validate())?;
        let mut entries: Vec<EntryPlan> = Vec::with_capacity(rj.entries.len());
        for (i, re) in rj.entries.iter().enumerate() {
            let at = format!("{place}, entry #{} \"{}\"", i + 1, re.campaign);
            let campaign = partner
                .campaigns
                .iter()
                .position(|c| c.campaign.name.eq_ignore_ascii_case(re.campaign.trim()))
                .ok_or_else(|| {
                    data(
                        &format!("{at}, campaign"),
                        format!(
                            "{} has no campaign named '{}'",
                            partner.partner.name, re.campaign
                        ),
                    )
                })?;
            if entries.iter().any(|e| e.campaign == campaign) {
                return Err(data(&at, "this campaign is already in the plan"));
            }
            let entry = PlanEntry {
                plan_id: PlanId(0),
                campaign_id: CampaignId(0),
                pipeline_target: self.opt_money(
                    re.pipeline_target.as_ref(),
                    &at,
                    "pipeline_target",
                )?,
                partner_investment: self
                    .opt_money(re.partner_investment.as_ref(), &at, "partner_investment")?
                    .unwrap_or_default(),
            };
            invalid(&at, entry.validate())?;
            entries.push(EntryPlan { campaign, entry });
        }
        Ok(MarketingPlan { plan, entries })
    }

    fn fund(&self, rf: &RawFund, place: &str) -> Result<Fund, ExampleError> {
        let fund = Fund {
            partner_id: PartnerId(0),
            name: rf.name.trim().to_string(),
            period_start: self.date(&rf.start, place, "start")?,
            period_end: self.date(&rf.end, place, "end")?,
            allocated: self.money(&rf.allocated, place, "allocated")?,
            policy: rf.policy.clone().unwrap_or_else(|| "default".into()),
        };
        invalid(place, fund.validate())?;
        Ok(fund)
    }

    /// The campaign's record: playbook shape first, fields written in the
    /// file win.
    fn campaign_record(&self, rc: &RawCampaign, place: &str) -> Result<Campaign, ExampleError> {
        let playbook = match &rc.playbook {
            Some(name) => Some(
                self.playbooks
                    .iter()
                    .find(|p| p.name.eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| {
                        let names: Vec<&str> =
                            self.playbooks.iter().map(|p| p.name.as_str()).collect();
                        data(
                            &format!("{place}, playbook"),
                            format!(
                                "no playbook named '{name}'; playbooks: {}",
                                names.join(", ")
                            ),
                        )
                    })?,
            ),
            None => None,
        };
        let campaign_type = match (rc.campaign_type, playbook) {
            (Some(t), Some(p)) if t != p.campaign_type => {
                return Err(data(
                    &format!("{place}, type"),
                    format!(
                        "the playbook '{}' makes {}, not {}",
                        p.name,
                        words::a(p.campaign_type.key()),
                        words::a(t.key())
                    ),
                ));
            }
            (Some(t), _) => t,
            (None, Some(p)) => p.campaign_type,
            (None, None) => {
                return Err(data(
                    &format!("{place}, type"),
                    format!("say the type ({}) or a playbook", CampaignType::keys()),
                ));
            }
        };
        let start = self.date(&rc.start, place, "start")?;
        let shape = playbook.map(|p| (p.dates(start), p.budget));
        let launch = match (&rc.launch, shape) {
            (Some(t), _) => self.date(t, place, "launch")?,
            (None, Some(((_, launch, _), _))) => launch,
            (None, None) => {
                return Err(data(
                    &format!("{place}, launch"),
                    "a launch date is required (or a playbook)",
                ));
            }
        };
        let end = match (&rc.end, shape) {
            (Some(t), _) => self.date(t, place, "end")?,
            (None, Some(((_, _, end), _))) => end,
            (None, None) => {
                return Err(data(
                    &format!("{place}, end"),
                    "an end date is required (or a playbook)",
                ));
            }
        };
        let budget = match (&rc.budget, shape) {
            (Some(t), _) => self.money(t, place, "budget")?,
            (None, Some((_, budget))) => budget,
            (None, None) => {
                return Err(data(
                    &format!("{place}, budget"),
                    "a budget is required (or a playbook)",
                ));
            }
        };
        let campaign = Campaign {
            partner_id: PartnerId(0),
            name: rc.name.trim().to_string(),
            campaign_type,
            playbook: playbook.map(|p| p.name.clone()),
            status: rc.status,
            audience: rc.audience.trim().to_string(),
            start,
            launch,
            end,
            budget,
            internal_cost: self
                .opt_money(rc.internal_cost.as_ref(), place, "internal_cost")?
                .unwrap_or_default(),
            lead_target: rc.lead_target,
            crm_id: rc
                .crm_id
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            attribution_agreed: rc.attribution_agreed,
            uses_partner_data: rc.uses_partner_data,
        };
        invalid(place, campaign.validate())?;
        Ok(campaign)
    }

    /// One campaign of `pp` (its partner, contacts and funds parsed
    /// already), with its milestones and checklist made by the rule every
    /// new campaign follows ([`new_campaign`]) and then the file's
    /// progress and owner exceptions applied.
    fn campaign(
        &self,
        rc: &RawCampaign,
        partner: &RawPartner,
        pp: &PartnerPlan,
        place: &str,
        skipped: &mut Vec<String>,
    ) -> Result<CampaignPlan, ExampleError> {
        let funds = &pp.funds;
        let campaign = self.campaign_record(rc, place)?;
        let start = campaign.start;
        let cutoff = match &rc.done_until {
            Some(t) => {
                let d = self.date(t, place, "done_until")?;
                if d > self.today {
                    return Err(data(
                        &format!("{place}, done_until"),
                        "must be today or earlier",
                    ));
                }
                d
            }
            None => self.today,
        };
        // Done items are done on their due date, never before the kickoff
        // nor after today.
        let done_on = |due: NaiveDate| due.max(start).min(self.today);

        let owners = new_campaign::default_owners(
            rc.owner.as_deref().unwrap_or(&self.team.owner),
            &pp.partner,
            &pp.contacts,
        );
        let made = new_campaign::records(CampaignId(0), &campaign, self.templates, &owners);
        let mut milestones = made.milestones;
        for m in &mut milestones {
            if m.due < cutoff {
                m.status = MilestoneStatus::Done;
                m.completed_on = Some(done_on(m.due));
            }
        }
        for (key, state) in &rc.milestones {
            let at = format!("{place}, milestones.\"{key}\"");
            let kind = MilestoneKind::from_key(key).ok_or_else(|| {
                let names: Vec<&str> = MilestoneKind::ALL.iter().map(|k| k.label()).collect();
                data(
                    &at,
                    format!(
                        "no standard milestone '{key}'; milestones: {}",
                        names.join(", ")
                    ),
                )
            })?;
            let progress = parse_progress(state, self.today).map_err(|m| data(&at, m))?;
            for m in milestones.iter_mut().filter(|m| m.kind == Some(kind)) {
                let (status, completed_on, reason) = match &progress {
                    State::Done(on) => (
                        MilestoneStatus::Done,
                        Some(on.unwrap_or(done_on(m.due))),
                        None,
                    ),
                    State::Open => (MilestoneStatus::Upcoming, None, None),
                    State::InProgress => (MilestoneStatus::InProgress, None, None),
                    State::Blocked(r) => (MilestoneStatus::Blocked, None, Some(r.clone())),
                };
                m.status = status;
                m.completed_on = completed_on;
                m.blocked_reason = reason;
            }
        }
        for m in &milestones {
            invalid(&format!("{place}, milestone \"{}\"", m.name), m.validate())?;
        }

        let mut checklist = made.checklist;
        for r in &mut checklist {
            if let Some(due) = r.due.filter(|d| *d < cutoff) {
                r.done_on = Some(done_on(due));
            }
        }
        for (key, state) in &rc.checklist {
            let at = format!("{place}, checklist.\"{key}\"");
            let done = match parse_progress(state, self.today).map_err(|m| data(&at, m))? {
                State::Done(on) => Some(on),
                State::Open => None,
                State::InProgress | State::Blocked(_) => {
                    return Err(data(
                        &at,
                        "a checklist item is done or open (in progress and blocked are for milestones)",
                    ));
                }
            };
            let hits = matching_items(&checklist, key);
            if hits.is_empty() {
                skipped.push(format!("campaign \"{}\": checklist \"{key}\"", rc.name));
            }
            for i in hits {
                let r = &mut checklist[i];
                r.done_on =
                    done.map(|on| on.unwrap_or_else(|| done_on(r.due.unwrap_or(self.today))));
            }
        }
        for (key, owner) in &rc.owners {
            let hits = matching_items(&checklist, key);
            if hits.is_empty() {
                skipped.push(format!("campaign \"{}\": owners \"{key}\"", rc.name));
            }
            for i in hits {
                checklist[i].owner = owner.trim().to_string();
            }
        }
        for r in &checklist {
            invalid(
                &format!("{place}, checklist item \"{}\"", r.title),
                r.validate(),
            )?;
        }

        let mut assets = Vec::with_capacity(rc.assets.len());
        for (i, ra) in rc.assets.iter().enumerate() {
            let at = format!("{place}, asset #{} \"{}\"", i + 1, ra.name);
            let asset = Asset {
                campaign_id: CampaignId(0),
                name: ra.name.trim().to_string(),
                kind: ra.kind.trim().to_string(),
                co_branded: ra.co_branded,
                approved_on: self.opt_date(ra.approved.as_ref(), &at, "approved")?,
                location: ra.location.trim().to_string(),
            };
            invalid(&at, asset.validate())?;
            assets.push(asset);
        }

        let mut requests = Vec::with_capacity(rc.mdf.len());
        for (i, rr) in rc.mdf.iter().enumerate() {
            let at = format!("{place}, MDF request #{}", i + 1);
            requests.push(self.request(rr, campaign.campaign_type, funds, partner, &at)?);
        }

        let results = match &rc.results {
            Some(r) => {
                let at = format!("{place}, results");
                let results = CampaignResults {
                    campaign_id: CampaignId(0),
                    registrations: r.registrations,
                    attendees: r.attendees,
                    leads: r.leads,
                    mqls: r.mqls,
                    pipeline_sourced: self.opt_money(
                        r.pipeline_sourced.as_ref(),
                        &at,
                        "pipeline_sourced",
                    )?,
                    pipeline_influenced: self.opt_money(
                        r.pipeline_influenced.as_ref(),
                        &at,
                        "pipeline_influenced",
                    )?,
                    pipeline_partner_assisted: self.opt_money(
                        r.pipeline_partner_assisted.as_ref(),
                        &at,
                        "pipeline_partner_assisted",
                    )?,
                    revenue: self.opt_money(r.revenue.as_ref(), &at, "revenue")?,
                    reported_on: self.opt_date(r.reported.as_ref(), &at, "reported")?,
                    leads_ours: r.leads_ours,
                    leads_partner: r.leads_partner,
                    leads_paid: r.leads_paid,
                    leads_organic: r.leads_organic,
                    reach_ours: r.reach_ours,
                    reach_partner: r.reach_partner,
                    target_registrations: r.target_registrations,
                    target_attendees: r.target_attendees,
                    target_leads: None,
                    target_mqls: None,
                    target_pipeline: self.opt_money(
                        r.target_pipeline.as_ref(),
                        &at,
                        "target_pipeline",
                    )?,
                    target_revenue: None,
                };
                invalid(&at, results.validate())?;
                Some(results)
            }
            None => None,
        };

        Ok(CampaignPlan {
            campaign,
            milestones,
            checklist,
            assets,
            requests,
            results,
        })
    }

    fn request(
        &self,
        rr: &RawRequest,
        campaign_type: CampaignType,
        funds: &[Fund],
        partner: &RawPartner,
        place: &str,
    ) -> Result<RequestPlan, ExampleError> {
        let fund = match &rr.fund {
            Some(name) => Some(
                funds
                    .iter()
                    .position(|f| f.name.eq_ignore_ascii_case(name.trim()))
                    .ok_or_else(|| {
                        data(
                            &format!("{place}, fund"),
                            format!("{} has no fund named '{name}'", partner.name),
                        )
                    })?,
            ),
            None => None,
        };
        let request = MdfRequest {
            campaign_id: CampaignId(0),
            fund_id: None,
            activity: rr
                .activity
                .unwrap_or_else(|| ActivityType::for_campaign(campaign_type)),
            amount: self.money(&rr.amount, place, "amount")?,
            approved_amount: self.opt_money(
                rr.approved_amount.as_ref(),
                place,
                "approved_amount",
            )?,
            status: rr.status,
            submitted_on: self.opt_date(rr.submitted.as_ref(), place, "submitted")?,
            decided_on: self.opt_date(rr.decided.as_ref(), place, "decided")?,
            justification: rr.justification.trim().to_string(),
            expected_roi: rr
                .expected_roi
                .as_deref()
                .map(parse_multiple)
                .transpose()
                .map_err(|m| data(&format!("{place}, expected_roi"), m))?,
            proof_required: lines(&rr.proof_required),
            reason: rr
                .reason
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(String::from),
        };
        invalid(place, request.validate())?;
        let mut expenses = Vec::with_capacity(rr.expense.len());
        for (i, re) in rr.expense.iter().enumerate() {
            let at = format!("{place}, expense #{} \"{}\"", i + 1, re.category.trim());
            expenses.push(self.expense(re, &at)?);
        }
        let mut claims = Vec::with_capacity(rr.claim.len());
        for (i, rc) in rr.claim.iter().enumerate() {
            let at = format!("{place}, claim #{}", i + 1);
            let claim = Claim {
                request_id: RequestId(0),
                amount: self.money(&rc.amount, &at, "amount")?,
                status: rc.status,
                submitted_on: self.opt_date(rc.submitted.as_ref(), &at, "submitted")?,
                paid_on: self.opt_date(rc.paid.as_ref(), &at, "paid")?,
                paid_amount: self.opt_money(rc.paid_amount.as_ref(), &at, "paid_amount")?,
                note: rc.note.trim().to_string(),
            };
            invalid(&at, claim.validate())?;
            claims.push(claim);
        }
        Ok(RequestPlan {
            request,
            fund,
            expenses,
            claims,
        })
    }

    fn expense(&self, re: &RawExpense, place: &str) -> Result<Expense, ExampleError> {
        for line in &re.proof {
            let ok = line.split_once(": ").is_some_and(|(kind, reference)| {
                !kind.trim().is_empty() && !reference.trim().is_empty()
            });
            if !ok {
                return Err(data(
                    &format!("{place}, proof"),
                    format!(
                        "'{}' is not a proof line; write 'kind: path or URL', e.g. 'attendee lead list: https://…'",
                        line.trim()
                    ),
                ));
            }
        }
        let expense = Expense {
            campaign_id: CampaignId(0),
            request_id: Some(RequestId(0)),
            category: re.category.trim().to_string(),
            amount: self.money(&re.amount, place, "amount")?,
            spent_on: self.date(&re.spent, place, "spent")?,
            vendor: re.vendor.trim().to_string(),
            invoice_ref: re.invoice.trim().to_string(),
            proof: lines(&re.proof),
            withdrawn: re.withdrawn.as_deref().map(|w| w.trim().to_string()),
        };
        invalid(place, expense.validate())?;
        Ok(expense)
    }
}

/// The non-blank entries of a list, trimmed, one per line.
fn lines(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses an expected ROI written `5`, `4.5` or `5x`: a multiple from 0 to
/// 1000 with at most two decimals. Errors: a message saying what to write.
fn parse_multiple(text: &str) -> Result<Decimal, String> {
    let t = text.trim().trim_end_matches(['x', 'X']).trim();
    match t.parse::<Decimal>() {
        Ok(m) if !m.is_sign_negative() && m <= Decimal::from(1000) && m.scale() <= 2 => {
            Ok(m.normalize())
        }
        _ => Err(format!(
            "'{}' is not a multiple; write e.g. \"5\" or \"4.5x\" (0 to 1000)",
            text.trim()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    use crate::domain::responsibility::Owners;

    fn shipped_templates() -> Templates {
        Templates::parse(include_str!("../../assets/templates.toml")).unwrap()
    }

    /// A minimal valid plan to break one piece at a time.
    const MINI: &str = r#"
        [team]
        owner = "Maya Chen"

        [[partner]]
        name = "Acme"
        type = "technology"
        tier = "gold"
        brand_guidelines = true

        [[fund]]
        partner = "Acme"
        name = "Acme MDF"
        start = "today-30"
        end = "today+300"
        allocated = "10k"

        [[campaign]]
        partner = "Acme"
        name = "Spring webinar"
        playbook = "Quick Win Webinar"
        status = "live"
        start = "today-25"
        attribution_agreed = true
        milestones = { "Partner review" = "blocked: waiting on legal" }
        checklist = { "Provide speaker" = "open" }

        [[campaign.mdf]]
        fund = "Acme MDF"
        amount = "2,500"
        status = "approved"
        submitted = "today-40"
    "#;

    fn parse_err(text: &str) -> String {
        parse(text, d("2026-11-21"), &shipped_templates())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn dates_resolve_relative_to_today() {
        let today = d("2026-11-21");
        assert_eq!(resolve_date("today", today), Ok(today));
        assert_eq!(resolve_date(" Today+14 ", today), Ok(d("2026-12-05")));
        assert_eq!(resolve_date("today-90", today), Ok(d("2026-08-23")));
        assert_eq!(resolve_date("today - 1", today), Ok(d("2026-11-20")));
        assert_eq!(resolve_date("2027-01-02", today), Ok(d("2027-01-02")));
        for bad in ["tomorrow", "today*2", "today+x", "2026-02-30", "", "todayé"] {
            assert!(
                resolve_date(bad, today).unwrap_err().contains("not a date"),
                "{bad}"
            );
        }
        assert!(
            resolve_date("today+99999999999", today)
                .unwrap_err()
                .contains("out of range")
        );
    }

    #[test]
    fn progress_states_parse() {
        let today = d("2026-11-21");
        assert_eq!(parse_progress("done", today), Ok(State::Done(None)));
        assert_eq!(
            parse_progress("Done today-2", today),
            Ok(State::Done(Some(d("2026-11-19"))))
        );
        assert_eq!(parse_progress("open", today), Ok(State::Open));
        assert_eq!(parse_progress("in progress", today), Ok(State::InProgress));
        assert_eq!(
            parse_progress("blocked: legal review", today),
            Ok(State::Blocked("legal review".into()))
        );
        assert!(
            parse_progress("blocked", today)
                .unwrap_err()
                .contains("say why")
        );
        assert!(
            parse_progress("done today+1", today)
                .unwrap_err()
                .contains("after today")
        );
        assert!(
            parse_progress("finished", today)
                .unwrap_err()
                .contains("not a progress state")
        );
        assert!(parse_progress("é", today).is_err());
    }

    #[test]
    fn mini_plan_builds_drafts_with_progress_and_owners() {
        let today = d("2026-11-21");
        let plan = parse(MINI, today, &shipped_templates()).unwrap();
        assert!(plan.skipped.is_empty());
        let c = &plan.partners[0].campaigns[0];
        // Playbook shape: launch and end start+28, $5K.
        assert_eq!(c.campaign.launch, d("2026-11-24"));
        assert_eq!(c.campaign.end, d("2026-11-24"));
        assert_eq!(c.campaign.budget, rust_decimal::Decimal::from(5000));
        assert_eq!(c.campaign.playbook.as_deref(), Some("Quick Win Webinar"));
        let ms: Vec<_> = c
            .milestones
            .iter()
            .map(|m| (m.name.as_str(), m.status))
            .collect();
        assert_eq!(ms[0], ("Kickoff call", MilestoneStatus::Done));
        assert_eq!(ms[2], ("Partner review", MilestoneStatus::Blocked));
        assert_eq!(ms[6], ("Performance review", MilestoneStatus::Upcoming));
        let speaker = c
            .checklist
            .iter()
            .find(|r| r.title == "Provide speaker")
            .unwrap();
        // No marketing contact on file: the partner's side is the company's.
        assert_eq!((speaker.owner.as_str(), speaker.done_on), ("Acme", None));
        let landing = c
            .checklist
            .iter()
            .find(|r| r.title == "Create landing page")
            .unwrap();
        // Due (launch − 21 = kickoff + 7) before today: done on its due date.
        assert_eq!(
            (landing.owner.as_str(), landing.done_on),
            ("Maya Chen", Some(d("2026-11-03")))
        );
        let shared = c.checklist.iter().find(|r| r.side == Side::Shared).unwrap();
        assert_eq!(shared.owner, "Both");
        assert_eq!(
            plan.partners[0].funds[0].allocated,
            rust_decimal::Decimal::from(10_000)
        );
        assert_eq!(c.requests[0].fund, Some(0));
        assert_eq!(c.requests[0].request.activity, ActivityType::Webinar);
        assert_eq!(plan.counts().checklist_items, 11);
    }

    #[test]
    fn done_until_stops_progress_earlier() {
        let today = d("2026-11-21");
        let text = MINI.replace(
            "start = \"today-25\"",
            "start = \"today-25\"\n        done_until = \"today-12\"",
        );
        let plan = parse(&text, today, &shipped_templates()).unwrap();
        let c = &plan.partners[0].campaigns[0];
        let done: Vec<_> = c
            .milestones
            .iter()
            .filter(|m| m.status == MilestoneStatus::Done)
            .map(|m| m.name.as_str())
            .collect();
        // Kickoff (today-25) and content draft (today-18) were due before the cut-off.
        assert_eq!(done, ["Kickoff call", "Content draft"]);
        assert!(
            c.checklist
                .iter()
                .all(|r| r.done_on.is_none_or(|on| on < d("2026-11-09")))
        );
        let future = MINI.replace(
            "start = \"today-25\"",
            "start = \"today-25\"\n        done_until = \"today+1\"",
        );
        assert!(parse_err(&future).contains("done_until: must be today or earlier"));
    }

    #[test]
    fn side_prefix_narrows_a_checklist_title() {
        let items = shipped_templates().generate(
            CampaignId(1),
            CampaignType::Content,
            (d("2026-01-05"), d("2026-02-02"), d("2026-03-02")),
            &Owners {
                ours: "Us",
                partner: "P",
                shared: "Both",
            },
        );
        assert_eq!(matching_items(&items, "Promote on channels").len(), 2);
        let hit = matching_items(&items, "partner/Promote on channels");
        assert_eq!(hit.len(), 1);
        assert_eq!(items[hit[0]].side, Side::Partner);
        // A slash inside a title is not a side.
        assert_eq!(matching_items(&items, "Provide quotes/data").len(), 1);
        assert!(matching_items(&items, "Bake a cake").is_empty());
    }

    #[test]
    fn user_templates_without_an_item_skip_its_exception() {
        let templates = Templates::parse(
            "[webinar]\nours = [{ title = \"Create landing page\", due = \"launch-21\" }]",
        )
        .unwrap();
        let plan = parse(MINI, d("2026-11-21"), &templates).unwrap();
        assert_eq!(
            plan.skipped,
            vec!["campaign \"Spring webinar\": checklist \"Provide speaker\"".to_string()]
        );
    }

    #[test]
    fn errors_name_the_place() {
        let cases = [
            (MINI.replace("partner = \"Acme\"\n        name = \"Spring", "partner = \"Acme Corp\"\n        name = \"Spring"),
             "campaign #1 \"Spring webinar\", partner: no partner named 'Acme Corp'"),
            (MINI.replace("\"Partner review\"", "\"Partner revue\""),
             "campaign #1 \"Spring webinar\", milestones.\"Partner revue\": no standard milestone"),
            (MINI.replace("blocked: waiting on legal", "stuck"), "milestones.\"Partner review\": 'stuck' is not a progress state"),
            (MINI.replace("\"Provide speaker\" = \"open\"", "\"Provide speaker\" = \"in progress\""),
             "checklist.\"Provide speaker\": a checklist item is done or open"),
            (MINI.replace("start = \"today-25\"", "start = \"yesterday\""), "campaign #1 \"Spring webinar\", start: 'yesterday' is not a date"),
            (MINI.replace("Quick Win Webinar", "Slow Webinar"), "playbook: no playbook named 'Slow Webinar'"),
            (MINI.replace("playbook = \"Quick Win Webinar\"", "playbook = \"Quick Win Webinar\"\n        type = \"email\""),
             "type: the playbook 'Quick Win Webinar' makes a webinar, not an email"),
            (MINI.replace("playbook = \"Quick Win Webinar\"", "type = \"webinar\"\n        budget = \"1000\"\n        launch = \"today-30\"\n        end = \"today\""),
             "campaign #1 \"Spring webinar\": launch: launch must be on or after the start"),
            (MINI.replace("fund = \"Acme MDF\"", "fund = \"Other MDF\""), "MDF request #1, fund: Acme has no fund named 'Other MDF'"),
            (MINI.replace("allocated = \"10k\"", "allocated = \"lots\""), "fund #1 \"Acme MDF\", allocated: 'lots' is not an amount"),
            (MINI.replace("submitted = \"today-40\"", ""), "MDF request #1: submitted_on: when was it submitted?"),
            (MINI.replace("tier = \"gold\"", "tier = \"diamond\""), "unknown Tier 'diamond'"),
            (MINI.replace("attribution_agreed = true", "attribution_agreed = true\n        colour = \"red\""), "unknown field `colour`"),
        ];
        for (text, want) in cases {
            let err = parse_err(&text);
            assert!(err.contains(want), "wanted {want:?} in:\n{err}");
            assert!(err.starts_with("example-plan.toml"), "{err}");
        }
    }

    /// MINI's request with its optional keys and two expenses.
    fn mini_with_expenses() -> String {
        format!(
            "{MINI}{}",
            r#"
        expected_roi = "4.5x"
        proof_required = ["attendee lead list", " ", "recording URL"]
        reason = "  "

        [[campaign.mdf.expense]]
        category = "webinar platform"
        amount = "1,200"
        spent = "today-20"
        vendor = "BrightCast"
        invoice = "BC-1"
        proof = ["attendee lead list: /share/leads.csv", "recording URL: https://x.example/r"]

        [[campaign.mdf.expense]]
        category = "alcohol"
        amount = "300"
        spent = "today-19"
        withdrawn = "not eligible"
    "#
        )
    }

    #[test]
    fn requests_carry_their_expenses_and_optional_keys() {
        let today = d("2026-11-21");
        let plan = parse(&mini_with_expenses(), today, &shipped_templates()).unwrap();
        let rp = &plan.partners[0].campaigns[0].requests[0];
        let r = &rp.request;
        assert_eq!(r.expected_roi, Some(rust_decimal::Decimal::new(45, 1)));
        assert_eq!(r.proof_required, "attendee lead list\nrecording URL");
        assert_eq!(r.reason, None);
        assert_eq!(rp.expenses.len(), 2);
        let e = &rp.expenses[0];
        assert_eq!(
            (e.category.as_str(), e.amount, e.spent_on),
            ("webinar platform", Decimal::from(1200), d("2026-11-01"))
        );
        assert_eq!(
            (e.vendor.as_str(), e.invoice_ref.as_str()),
            ("BrightCast", "BC-1")
        );
        assert_eq!(e.proofs().len(), 2);
        assert!(e.proofs()[1].is_url());
        assert_eq!(e.request_id, Some(RequestId(0)));
        assert_eq!(rp.expenses[1].withdrawn.as_deref(), Some("not eligible"));
        assert_eq!(plan.counts().expenses, 2);

        // Loaded: the expenses hang off the inserted request and campaign.
        let mut store = Store::open_in_memory().unwrap();
        store.edit("mini", |tx| insert_plan(tx, &plan)).unwrap();
        let program = store.load_program().unwrap();
        let request = program.requests.iter().next().unwrap();
        let expenses = program.expenses_of_request(request.id);
        assert_eq!(expenses.len(), 2);
        assert!(
            expenses
                .iter()
                .all(|e| e.campaign_id == request.campaign_id)
        );
    }

    #[test]
    fn expense_errors_name_the_place() {
        let text = mini_with_expenses();
        let cases = [
            (
                text.replace("/share/leads.csv", ""),
                "MDF request #1, expense #1 \"webinar platform\", proof: 'attendee lead list:' is not a proof line",
            ),
            (
                text.replace("\"recording URL: https", "\"https"),
                "proof: 'https://x.example/r' is not a proof line; write 'kind: path or URL'",
            ),
            (
                text.replace("spent = \"today-19\"", "spent = \"soon\""),
                "expense #2 \"alcohol\", spent: 'soon' is not a date",
            ),
            (
                text.replace("amount = \"300\"", "amount = \"-300\""),
                "expense #2 \"alcohol\", amount:",
            ),
            (
                text.replace("withdrawn = \"not eligible\"", "withdrawn = \" \""),
                "expense #2 \"alcohol\": withdrawn: say why it is withdrawn",
            ),
            (
                text.replace("4.5x", "lots"),
                "MDF request #1, expected_roi: 'lots' is not a multiple",
            ),
            (
                text.replace("4.5x", "1.234"),
                "expected_roi: '1.234' is not a multiple",
            ),
            (
                text.replace("vendor = \"BrightCast\"", "payee = \"BrightCast\""),
                "unknown field `payee`",
            ),
        ];
        for (text, want) in cases {
            let err = parse_err(&text);
            assert!(err.contains(want), "wanted {want:?} in:\n{err}");
        }
    }

    #[test]
    fn duplicate_partner_names_are_refused() {
        let text = MINI.replace(
            "[[fund]]",
            "[[partner]]\nname = \"ACME\"\ntype = \"oem\"\ntier = \"silver\"\nbrand_guidelines = false\n\n[[fund]]",
        );
        assert!(parse_err(&text).contains("partner #2 \"ACME\": a second partner with this name"));
    }

    #[test]
    fn shipped_plan_parses_on_any_day_with_every_exception_matched() {
        let templates = shipped_templates();
        for today in ["2026-11-21", "2027-02-28", "2026-06-30", "2028-02-29"] {
            let plan = parse(EXAMPLE_PLAN, d(today), &templates).unwrap();
            assert!(plan.skipped.is_empty(), "{:?}", plan.skipped);
            let n = plan.counts();
            assert_eq!((n.partners, n.campaigns), (6, 16));
            assert_eq!(n.milestones, 16 * 7);
            assert_eq!((n.funds, n.expenses), (4, 14));
            assert_eq!((n.contacts, n.meetings), (12, 15));
            assert_eq!((n.plans, n.plan_entries), (6, 9));
            for pp in &plan.partners {
                assert_eq!(pp.plans.len(), 1, "{}", pp.partner.name);
                assert_eq!(pp.plans[0].plan.period, Period::quarter_of(d(today)));
                assert!(pp.meetings.iter().all(|m| m.held_on <= d(today)));
            }
        }
    }

    /// MINI with a contact, a meeting and a plan linking its campaign.
    fn mini_with_relationship() -> String {
        format!(
            "{MINI}{}",
            r#"
        [[contact]]
        partner = "Acme"
        name = "Pat Lee"
        role = "Partner marketing"
        email = "pat@acme.example"

        [[meeting]]
        partner = "Acme"
        kind = "qbr"
        held = "today-10"
        progress = "On track"

        [[plan]]
        partner = "acme"
        objective = "Pipeline"

        [[plan.entry]]
        campaign = "spring webinar"
        pipeline_target = "50k"
        partner_investment = "1,000"
    "#
        )
    }

    #[test]
    fn contacts_meetings_and_plans_build_and_load() {
        let today = d("2026-11-21");
        let plan = parse(&mini_with_relationship(), today, &shipped_templates()).unwrap();
        let pp = &plan.partners[0];
        assert_eq!(pp.contacts[0].email, "pat@acme.example");
        assert_eq!(pp.meetings[0].kind, MeetingKind::Qbr);
        assert_eq!(pp.meetings[0].held_on, d("2026-11-11"));
        let mp = &pp.plans[0];
        assert_eq!(mp.plan.period, Period::parse("2026Q4").unwrap());
        assert_eq!(mp.entries[0].campaign, 0);
        assert_eq!(
            mp.entries[0].entry.pipeline_target,
            Some(Decimal::from(50_000))
        );
        assert_eq!(mp.entries[0].entry.partner_investment, Decimal::from(1000));

        let mut store = Store::open_in_memory().unwrap();
        store.edit("mini", |tx| insert_plan(tx, &plan)).unwrap();
        let program = store.load_program().unwrap();
        let partner = program.partners.iter().next().unwrap().id;
        let campaign = program.campaigns.iter().next().unwrap().id;
        assert_eq!(program.contacts_of(partner).len(), 1);
        assert_eq!(program.meetings_of(partner).len(), 1);
        let plans = program.plans_of(partner);
        assert_eq!(plans.len(), 1);
        let entries: Vec<_> = program.plan_entries.children(plans[0].id).collect();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].campaign_id, campaign);
    }

    /// The partner's side of a checklist is owned by its first marketing
    /// contact on file, and shared items by "Both", as on the screen
    /// (domain::new_campaign): one rule.
    #[test]
    fn checklist_owners_follow_the_new_campaign_rule() {
        let text = format!(
            "{}\n[[contact]]\npartner = \"Acme\"\nname = \"Sam Second\"\n",
            mini_with_relationship()
        );
        let plan = parse(&text, d("2026-11-21"), &shipped_templates()).unwrap();
        let pp = &plan.partners[0];
        let c = &pp.campaigns[0];
        let want = new_campaign::records(
            CampaignId(0),
            &c.campaign,
            &shipped_templates(),
            &new_campaign::default_owners("Maya Chen", &pp.partner, &pp.contacts),
        );
        let owners = |items: &[Responsibility]| {
            items
                .iter()
                .map(|r| (r.side, r.title.clone(), r.owner.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(owners(&c.checklist), owners(&want.checklist));
        for r in &c.checklist {
            let want = match r.side {
                Side::Ours => "Maya Chen",
                Side::Partner => "Pat Lee",
                Side::Shared => "Both",
            };
            assert_eq!(r.owner, want, "{}", r.title);
        }
        let kinds = |ms: &[Milestone]| ms.iter().map(|m| (m.kind, m.due)).collect::<Vec<_>>();
        assert_eq!(kinds(&c.milestones), kinds(&want.milestones));
    }

    #[test]
    fn partner_terms_and_factors_parse() {
        let text = MINI.replace(
            "brand_guidelines = true",
            "brand_guidelines = true\nagreement_start = \"today-100\"\nexclusivity = \"Only us\"\nexclusive_until = \"today+50\"\ntermination_notice_days = 60\nrecorded_revenue = \"55k\"\nreferrals = 4\npipeline_potential = \"1.25\"\nstrategic_value = \"0.8\"",
        );
        let plan = parse(&text, d("2026-11-21"), &shipped_templates()).unwrap();
        let p = &plan.partners[0].partner;
        assert_eq!(p.exclusive_until, Some(d("2027-01-10")));
        assert_eq!(p.termination_notice_days, Some(60));
        assert_eq!(p.recorded_revenue, Decimal::from(55_000));
        assert_eq!(p.earned_tier(), Some(Tier::Gold));
        assert_eq!(p.pipeline_potential, Decimal::new(125, 2));
        assert_eq!(p.strategic_value, Decimal::new(8, 1));
        // Absent factors are neutral.
        let plain = parse(MINI, d("2026-11-21"), &shipped_templates()).unwrap();
        assert_eq!(plain.partners[0].partner.pipeline_potential, Decimal::ONE);
    }

    #[test]
    fn relationship_errors_name_the_place() {
        let text = mini_with_relationship();
        let cases = [
            (
                text.replace("held = \"today-10\"", "held = \"today+1\""),
                "meeting #1 (QBR with Acme): held_on: record a meeting once held",
            ),
            (
                text.replace("kind = \"qbr\"", "kind = \"lunch\""),
                "unknown MeetingKind 'lunch'",
            ),
            (
                text.replace("pat@acme.example", "pat"),
                "contact #1 \"Pat Lee\": email:",
            ),
            (
                text.replace(
                    "campaign = \"spring webinar\"",
                    "campaign = \"Autumn webinar\"",
                ),
                "plan #1 (acme), entry #1 \"Autumn webinar\", campaign: Acme has no campaign named 'Autumn webinar'",
            ),
            (
                text.replace("objective = \"Pipeline\"", "period = \"next\""),
                "plan #1 (acme), period: 'next' is not a period",
            ),
            (
                text.replace("pipeline_target = \"50k\"", "pipeline_target = \"lots\""),
                "entry #1 \"spring webinar\", pipeline_target: 'lots' is not an amount",
            ),
            (
                format!("{text}\n[[plan.entry]]\ncampaign = \"Spring webinar\"\n"),
                "entry #2 \"Spring webinar\": this campaign is already in the plan",
            ),
            (
                format!("{text}\n[[plan]]\npartner = \"Acme\"\nperiod = \"2026Q4\"\n"),
                "plan #2 (Acme), period: Acme already has a plan for 2026Q4",
            ),
            (
                MINI.replace(
                    "brand_guidelines = true",
                    "brand_guidelines = true\npipeline_potential = \"2.5\"",
                ),
                "partner #1 \"Acme\", pipeline_potential: must be between 0.5 and 2",
            ),
            (
                MINI.replace(
                    "brand_guidelines = true",
                    "brand_guidelines = true\nstrategic_value = \"high\"",
                ),
                "strategic_value: 'high' is not a number",
            ),
        ];
        for (text, want) in cases {
            let err = parse_err(&text);
            assert!(err.contains(want), "wanted {want:?} in:\n{err}");
        }
    }

    #[test]
    fn periods_resolve_against_today() {
        let today = d("2027-02-28");
        assert_eq!(
            resolve_period("quarter", today),
            Ok(Period::parse("2027Q1").unwrap())
        );
        assert_eq!(resolve_period(" Year ", today), Ok(Period::Year(2027)));
        assert_eq!(
            resolve_period("2026Q4", today),
            Ok(Period::parse("2026Q4").unwrap())
        );
        assert!(resolve_period("soon", today).is_err());
    }

    #[test]
    fn loads_in_one_undoable_edit_and_refuses_a_second_time() {
        let mut store = Store::open_in_memory().unwrap();
        let today = d("2026-11-21");
        let summary = load(&mut store, today, &shipped_templates(), false).unwrap();
        assert_eq!(summary.counts.campaigns, 16);
        assert_eq!(store.undo_depth(), 1);
        assert!(matches!(
            load(&mut store, today, &shipped_templates(), false),
            Err(ExampleError::NotEmpty)
        ));
        assert_eq!(
            store.undo_label().unwrap().as_deref(),
            Some("Load the example plan")
        );
        store.undo().unwrap();
        assert!(store.is_empty().unwrap());
    }
}
