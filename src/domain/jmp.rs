//! The joint marketing plan (docs/domain.md §10.7, seed 003, issue 5): per partner and
//! period (a calendar quarter or year), the campaign portfolio, who does
//! what, the budget with MDF coverage and the partner's co-investment, the
//! pipeline targets, and review checkpoints comparing actual with plan.
//!
//! The plan and its entries are records; everything else here is derived
//! from the program as of "today". Money is in the database's currency;
//! pipeline is sourced pipeline (docs/domain.md §8–§9).

use super::campaign::{CampaignStatus, CampaignType};
use super::currency::Currency;
use super::dates::iso;
use super::ids::{CampaignId, PlanEntryId, PlanId};
use super::markdown::{Align, Md, dash, inline};
use super::meeting::MeetingKind;
use super::money::{format_count, format_percent};
use super::program::Program;
use super::responsibility::Side;
use super::roi::ratio;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

// The records live in their own module; their old path keeps working.
pub use super::joint_plan::{JointPlan, Period, PlanEntry};

/// Who does what on one side, over the plan's campaigns (rolled up from
/// their checklists, docs/domain.md §5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SideRollup {
    /// Ours, partner or shared.
    pub side: Side,
    /// Items done.
    #[serde(serialize_with = "super::figure::count")]
    pub done: usize,
    /// Items in all.
    #[serde(serialize_with = "super::figure::count")]
    pub total: usize,
    /// The open items: (campaign, title, owner, due), by due date.
    pub open: Vec<(String, String, String, Option<NaiveDate>)>,
}

/// One campaign's line in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanLine {
    /// The entry (for editing).
    pub entry: PlanEntryId,
    /// The campaign.
    pub campaign: CampaignId,
    /// Its name.
    pub name: String,
    /// Its type.
    pub campaign_type: CampaignType,
    /// Its status.
    pub status: CampaignStatus,
    /// Launch date.
    pub launch: NaiveDate,
    /// Whether it launches outside the plan's period.
    pub outside_period: bool,
    /// Budget + internal cost, in the database's currency (docs/domain.md §7).
    #[serde(serialize_with = "super::figure::money")]
    pub cost: Decimal,
    /// MDF approved for it, in the database's currency (docs/domain.md §11).
    #[serde(serialize_with = "super::figure::money")]
    pub mdf_approved: Decimal,
    /// MDF requested and not yet decided or approved, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub mdf_requested: Decimal,
    /// The partner's co-investment, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub partner_investment: Decimal,
    /// Cost − MDF approved − co-investment, in the database's currency (may be negative).
    #[serde(serialize_with = "super::figure::money")]
    pub our_net: Decimal,
    /// The pipeline target, in the database's currency, if set (entry, else results target).
    #[serde(serialize_with = "super::figure::optional_money")]
    pub pipeline_target: Option<Decimal>,
    /// The lead target, if set.
    #[serde(serialize_with = "super::figure::optional_count")]
    pub lead_target: Option<i64>,
    /// Sourced pipeline reported, in the database's currency.
    #[serde(serialize_with = "super::figure::optional_money")]
    pub pipeline_actual: Option<Decimal>,
    /// Leads reported.
    #[serde(serialize_with = "super::figure::optional_count")]
    pub leads_actual: Option<i64>,
    /// Checklist items done, of all (in JSON `{"done": …, "total": …}`).
    #[serde(serialize_with = "super::figure::done_of")]
    pub checklist: (usize, usize),
}

/// Plan totals over its campaigns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct PlanTotals {
    /// Σ cost, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub cost: Decimal,
    /// Σ MDF approved, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub mdf_approved: Decimal,
    /// Σ MDF requested, not yet approved, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub mdf_requested: Decimal,
    /// Σ partner co-investment, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub partner_investment: Decimal,
    /// Σ our net, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub our_net: Decimal,
    /// MDF approved ÷ cost × 100, %.
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub mdf_coverage_percent: Option<Decimal>,
    /// Partner co-investment ÷ cost × 100, %.
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub partner_share_percent: Option<Decimal>,
    /// Σ pipeline targets, in the database's currency, over the campaigns that have one.
    #[serde(serialize_with = "super::figure::money")]
    pub pipeline_target: Decimal,
    /// Campaigns without a pipeline target.
    #[serde(serialize_with = "super::figure::count")]
    pub without_target: usize,
    /// Σ sourced pipeline reported, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub pipeline_actual: Decimal,
    /// Σ lead targets.
    #[serde(serialize_with = "super::figure::count")]
    pub lead_target: i64,
    /// Σ leads reported.
    #[serde(serialize_with = "super::figure::count")]
    pub leads_actual: i64,
}

/// Where a review checkpoint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CheckpointStatus {
    /// Its date is after today.
    Upcoming,
    /// Nothing was planned to launch by then.
    NothingDue,
    /// Actual pipeline ≥ planned.
    OnTrack,
    /// Actual pipeline below planned.
    Behind,
}

impl CheckpointStatus {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            CheckpointStatus::Upcoming => "upcoming",
            CheckpointStatus::NothingDue => "nothing due",
            CheckpointStatus::OnTrack => "on track",
            CheckpointStatus::Behind => "behind plan",
        }
    }
}

/// A review checkpoint: actual against plan as of its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checkpoint {
    /// The day.
    pub date: NaiveDate,
    /// Campaigns planned to have launched by then.
    #[serde(serialize_with = "super::figure::count")]
    pub launches_planned: usize,
    /// Of them, launched (live or completed).
    #[serde(serialize_with = "super::figure::count")]
    pub launched: usize,
    /// Σ pipeline targets of the campaigns launching by then, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub pipeline_planned: Decimal,
    /// Σ sourced pipeline they reported, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub pipeline_actual: Decimal,
    /// Actual ÷ planned × 100, %.
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub percent: Option<Decimal>,
    /// The verdict.
    pub status: CheckpointStatus,
}

/// A joint marketing plan worked out as of a day (the view and the report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSheet {
    /// The plan.
    pub plan: PlanId,
    /// The partner's name.
    pub partner: String,
    /// The period.
    pub period: Period,
    /// The objective.
    pub objective: String,
    /// Notes.
    pub notes: String,
    /// The day the figures are as of.
    pub as_of: NaiveDate,
    /// The portfolio, by launch date.
    pub lines: Vec<PlanLine>,
    /// Totals.
    pub totals: PlanTotals,
    /// Who does what, per side.
    pub roles: Vec<SideRollup>,
    /// The review checkpoints.
    pub checkpoints: Vec<Checkpoint>,
    /// QBRs and check-ins held with the partner in the period.
    pub reviews_held: Vec<(MeetingKind, NaiveDate)>,
    /// The database's currency, every amount is in it (in the JSON, the
    /// document's top-level `"currency"`: [`super::figure::InCurrency`]).
    #[serde(skip)]
    pub currency: Currency,
}

/// Works out plan `plan` as of `today`. `None` when the plan is gone.
pub fn sheet(program: &Program, plan: PlanId, today: NaiveDate) -> Option<PlanSheet> {
    let p = program.plans.get(plan)?;
    let partner = program
        .partners
        .get(p.partner_id)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    let mut lines = Vec::new();
    let mut roles: Vec<SideRollup> = Side::ALL
        .iter()
        .map(|s| SideRollup {
            side: *s,
            done: 0,
            total: 0,
            open: Vec::new(),
        })
        .collect();
    for e in program.plan_entries.children(plan) {
        let Some(c) = program.campaigns.get(e.campaign_id) else {
            continue;
        };
        let results = program.results_of(c.id);
        let mdf = program.mdf_summary(c.id);
        let cost = c.budget + c.internal_cost;
        let undecided: Decimal = program
            .requests_of(c.id)
            .iter()
            .filter(|r| r.status == super::mdf::RequestStatus::Submitted)
            .map(|r| r.amount)
            .sum();
        let items = program.checklist_of(c.id);
        let done = items.iter().filter(|r| r.done_on.is_some()).count();
        for r in &items {
            if let Some(roll) = roles.iter_mut().find(|x| x.side == r.side) {
                roll.total += 1;
                if r.done_on.is_some() {
                    roll.done += 1;
                } else {
                    roll.open
                        .push((c.name.clone(), r.title.clone(), r.owner.clone(), r.due));
                }
            }
        }
        lines.push(PlanLine {
            entry: e.id,
            campaign: c.id,
            name: c.name.clone(),
            campaign_type: c.campaign_type,
            status: c.status,
            launch: c.launch,
            outside_period: !p.period.contains(c.launch),
            cost,
            mdf_approved: mdf.approved,
            mdf_requested: undecided,
            partner_investment: e.partner_investment,
            our_net: cost - mdf.approved - e.partner_investment,
            pipeline_target: e
                .pipeline_target
                .or_else(|| results.and_then(|r| r.target_pipeline)),
            lead_target: c.lead_target,
            pipeline_actual: results.and_then(|r| r.pipeline_sourced),
            leads_actual: results.and_then(|r| r.leads),
            checklist: (done, items.len()),
        });
    }
    lines.sort_by_key(|l| (l.launch, l.campaign));
    for r in &mut roles {
        r.open.sort_by(|a, b| (a.3, &a.0).cmp(&(b.3, &b.0)));
    }
    let mut t = PlanTotals::default();
    for l in &lines {
        t.cost += l.cost;
        t.mdf_approved += l.mdf_approved;
        t.mdf_requested += l.mdf_requested;
        t.partner_investment += l.partner_investment;
        t.our_net += l.our_net;
        match l.pipeline_target {
            Some(x) => t.pipeline_target += x,
            None => t.without_target += 1,
        }
        t.pipeline_actual += l.pipeline_actual.unwrap_or_default();
        t.lead_target += l.lead_target.unwrap_or(0);
        t.leads_actual += l.leads_actual.unwrap_or(0);
    }
    let pct = |a: Decimal, b: Decimal| ratio(a, b).map(|x| x * Decimal::ONE_HUNDRED);
    t.mdf_coverage_percent = pct(t.mdf_approved, t.cost);
    t.partner_share_percent = pct(t.partner_investment, t.cost);
    let checkpoints = p
        .period
        .checkpoints()
        .into_iter()
        .map(|date| {
            let due: Vec<&PlanLine> = lines.iter().filter(|l| l.launch <= date).collect();
            let planned: Decimal = due.iter().filter_map(|l| l.pipeline_target).sum();
            let actual: Decimal = due.iter().filter_map(|l| l.pipeline_actual).sum();
            let status = if date > today {
                CheckpointStatus::Upcoming
            } else if due.is_empty() || planned.is_zero() {
                CheckpointStatus::NothingDue
            } else if actual >= planned {
                CheckpointStatus::OnTrack
            } else {
                CheckpointStatus::Behind
            };
            Checkpoint {
                date,
                launches_planned: due.len(),
                launched: due
                    .iter()
                    .filter(|l| {
                        matches!(l.status, CampaignStatus::Live | CampaignStatus::Completed)
                    })
                    .count(),
                pipeline_planned: planned,
                pipeline_actual: actual,
                percent: pct(actual, planned),
                status,
            }
        })
        .collect();
    let mut reviews_held: Vec<(MeetingKind, NaiveDate)> = program
        .meetings
        .children(p.partner_id)
        .filter(|m| p.period.contains(m.held_on))
        .map(|m| (m.kind, m.held_on))
        .collect();
    reviews_held.sort_by_key(|(_, d)| *d);
    Some(PlanSheet {
        plan,
        partner,
        period: p.period,
        objective: p.objective.clone(),
        notes: p.notes.clone(),
        as_of: today,
        lines,
        totals: t,
        roles,
        checkpoints,
        reviews_held,
        currency: program.currency,
    })
}

/// The partner's campaigns not yet in `plan`, those launching in its
/// period first, then by launch date (what the "link a campaign" choice
/// offers). Cancelled campaigns are not offered.
pub fn linkable(program: &Program, plan: PlanId) -> Vec<CampaignId> {
    let Some(p) = program.plans.get(plan) else {
        return Vec::new();
    };
    let linked: Vec<CampaignId> = program
        .plan_entries
        .children(plan)
        .map(|e| e.campaign_id)
        .collect();
    let mut out: Vec<_> = program
        .campaigns
        .children(p.partner_id)
        .filter(|c| c.status != CampaignStatus::Cancelled && !linked.contains(&c.id))
        .map(|c| (!p.period.contains(c.launch), c.launch, c.id))
        .collect();
    out.sort();
    out.into_iter().map(|(_, _, id)| id).collect()
}

fn money_opt(v: Option<Decimal>, cur: Currency) -> String {
    v.map_or("—".into(), |v| cur.format(v))
}

impl PlanSheet {
    /// The plan as Markdown (`jmo report jmp`, `W` in the plan view):
    /// portfolio, roles, budget, pipeline targets, review checkpoints.
    pub fn markdown(&self) -> String {
        let cur = self.currency;
        let mut md = Md::default();
        md.heading_at(2, "Joint Marketing Plan");
        md.line(format!("**Partner**: {}  ", inline(&self.partner)));
        md.line(format!(
            "**Period**: {} ({} to {})  ",
            self.period,
            iso(self.period.start()),
            iso(self.period.end())
        ));
        md.line(format!(
            "**Objective**: {}  ",
            dash(&inline(&self.objective))
        ));
        md.line(format!("**Figures as of**: {}", iso(self.as_of)));
        md.blank();
        if !self.notes.trim().is_empty() {
            md.line(format!("> {}", inline(&self.notes)));
            md.blank();
        }
        md.heading_at(3, "Campaign Portfolio");
        if self.lines.is_empty() {
            md.line("No campaigns are linked to this plan yet.");
            md.blank();
        } else {
            md.table(
                &[
                    ("Campaign", Align::Left),
                    ("Type", Align::Left),
                    ("Launch", Align::Left),
                    ("Status", Align::Left),
                    ("Checklist", Align::Right),
                ],
                self.lines
                    .iter()
                    .map(|l| {
                        vec![
                            format!(
                                "{}{}",
                                l.name,
                                if l.outside_period {
                                    " (outside the period)"
                                } else {
                                    ""
                                }
                            ),
                            l.campaign_type.label().to_string(),
                            iso(l.launch),
                            l.status.label().to_string(),
                            format!("{}/{}", l.checklist.0, l.checklist.1),
                        ]
                    })
                    .collect(),
            );
        }
        md.heading_at(3, "Roles and Responsibilities");
        for r in &self.roles {
            let who = match r.side {
                Side::Ours => "Our team",
                Side::Partner => "Partner team",
                Side::Shared => "Shared",
            };
            md.line(format!("**{who}**: {} of {} done", r.done, r.total));
            md.blank();
            for (campaign, title, owner, due) in &r.open {
                md.line(format!(
                    "- [ ] {} ({}) - {} - {}",
                    inline(title),
                    inline(campaign),
                    dash(&inline(owner)),
                    due.map_or("no due date".to_string(), iso)
                ));
            }
            if !r.open.is_empty() {
                md.blank();
            }
        }
        let t = &self.totals;
        md.heading_at(3, "Budget and Funding");
        let mut rows: Vec<Vec<String>> = self
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.name.clone(),
                    cur.format(l.cost),
                    cur.format(l.mdf_approved),
                    cur.format(l.partner_investment),
                    cur.format(l.our_net),
                ]
            })
            .collect();
        rows.push(vec![
            "**Total**".into(),
            format!("**{}**", cur.format(t.cost)),
            format!("**{}**", cur.format(t.mdf_approved)),
            format!("**{}**", cur.format(t.partner_investment)),
            format!("**{}**", cur.format(t.our_net)),
        ]);
        md.table(
            &[
                ("Campaign", Align::Left),
                ("Cost", Align::Right),
                ("MDF approved", Align::Right),
                ("Partner co-investment", Align::Right),
                ("Our net", Align::Right),
            ],
            rows,
        );
        md.line(format!(
            "MDF coverage: {} of cost; partner co-investment: {} of cost; MDF requested awaiting a decision: {}.",
            format_percent(t.mdf_coverage_percent),
            format_percent(t.partner_share_percent),
            cur.format(t.mdf_requested)
        ));
        md.blank();
        md.heading_at(3, "Pipeline Targets");
        let mut rows: Vec<Vec<String>> = self
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.name.clone(),
                    l.lead_target.map_or("—".into(), format_count),
                    money_opt(l.pipeline_target, cur),
                    l.leads_actual.map_or("—".into(), format_count),
                    money_opt(l.pipeline_actual, cur),
                ]
            })
            .collect();
        rows.push(vec![
            "**Total**".into(),
            format!("**{}**", format_count(t.lead_target)),
            format!("**{}**", cur.format(t.pipeline_target)),
            format!("**{}**", format_count(t.leads_actual)),
            format!("**{}**", cur.format(t.pipeline_actual)),
        ]);
        md.table(
            &[
                ("Campaign", Align::Left),
                ("Lead target", Align::Right),
                ("Pipeline target", Align::Right),
                ("Leads", Align::Right),
                ("Pipeline (sourced)", Align::Right),
            ],
            rows,
        );
        if t.without_target > 0 {
            md.line(format!(
                "{} campaign{} without a pipeline target: set one so the plan is accountable.",
                t.without_target,
                if t.without_target == 1 { "" } else { "s" }
            ));
            md.blank();
        }
        md.heading_at(3, "Review Checkpoints");
        md.table(
            &[
                ("Checkpoint", Align::Left),
                ("Launched", Align::Right),
                ("Planned pipeline", Align::Right),
                ("Actual pipeline", Align::Right),
                ("% of plan", Align::Right),
                ("Status", Align::Left),
            ],
            self.checkpoints
                .iter()
                .map(|c| {
                    vec![
                        iso(c.date),
                        format!("{}/{}", c.launched, c.launches_planned),
                        cur.format(c.pipeline_planned),
                        cur.format(c.pipeline_actual),
                        format_percent(c.percent),
                        c.status.label().to_string(),
                    ]
                })
                .collect(),
        );
        if self.reviews_held.is_empty() {
            md.line("No check-in or QBR recorded in the period yet.");
        } else {
            md.line(format!(
                "Reviews held: {}.",
                self.reviews_held
                    .iter()
                    .map(|(k, d)| format!("{} {}", k.label(), iso(*d)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        md.0
    }
}
