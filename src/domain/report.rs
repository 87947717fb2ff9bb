//! The reports a partner marketer sends (docs/domain.md §12, seed 000 "Response
//! Format"): the **campaign plan** after planning, the **campaign results**
//! after the campaign, and the **program** report of the dashboard (docs/domain.md
//! §9). Each is a plain struct (serialised as the `--json` form) with a
//! `markdown()` rendering.
//!
//! Every sentence is derived from the records and figures; nothing is
//! invented. Money in the database's currency ([`Header::currency`],
//! [`Dashboard::currency`]); percentages rounded to one decimal, half away
//! from zero.

use super::campaign::{Campaign, CampaignStatus, CampaignType};
use super::currency::Currency;
use super::dashboard::{Breakdown, Dashboard, Unit};
use super::dates::iso;
use super::figure::Figure;
use super::ids::{CampaignId, Stored};
use super::markdown::{Align, Md, dash, inline};
use super::milestone::ShownStatus;
use super::money::{format_count, format_multiple, format_percent};
use super::performance::{self, Metric, Performance, ProgramTargets, TargetSource};
use super::playbook::Playbook;
use super::program::Program;
use super::responsibility::Side;
use super::words;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The header every campaign report starts with.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    /// Partner name.
    pub partner: String,
    /// Campaign name.
    pub campaign: String,
    /// Campaign type label, e.g. "Webinar".
    pub campaign_type: String,
    /// Target audience ("" when not set).
    pub audience: String,
    /// Lifecycle status.
    pub status: String,
    /// Kickoff.
    pub start: NaiveDate,
    /// Launch (go-live).
    pub launch: NaiveDate,
    /// End.
    pub end: NaiveDate,
    /// Weeks from kickoff to end, rounded up.
    pub duration_weeks: i64,
    /// The day the report was written as of.
    pub as_of: NaiveDate,
    /// The database's currency, every amount of the report is in it (in
    /// the JSON, the document's top-level `"currency"`:
    /// [`super::figure::InCurrency`]).
    #[serde(skip)]
    pub currency: Currency,
}

/// A line of the budget table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetLine {
    /// What, e.g. "External budget".
    pub item: String,
    /// in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub amount: Decimal,
    /// Who pays or holds it: "Ours", "Partner", "—".
    pub owner: String,
}

/// One checklist item in the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// Done?
    pub done: bool,
    /// The item.
    pub title: String,
    /// Its owner ("" when none).
    pub owner: String,
    /// Due date, if any.
    pub due: Option<NaiveDate>,
}

/// One milestone in the plan's timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineRow {
    /// Week number from kickoff (W1 = the kickoff week); 0 or less = before it.
    pub week: i64,
    /// Milestone name.
    pub milestone: String,
    /// Due date.
    pub due: NaiveDate,
    /// Shown status (overdue derived from the date, docs/domain.md §4).
    pub status: ShownStatus,
}

/// One row of the plan's success metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SuccessMetric {
    /// Metric label.
    pub metric: String,
    /// The target, `None` when there is none ("—").
    pub target: Option<Figure>,
    /// Where it is measured: Platform, CRM, Calculated.
    pub measurement: String,
    /// Where the target comes from ("set" or the default's basis).
    pub basis: String,
}

/// The campaign plan (docs/domain.md §12; seed 000 "Campaign Plan").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanReport {
    /// Who, what, when.
    pub header: Header,
    /// The playbook's best outcome, else the type's "best for" (docs/domain.md §2, §3).
    pub objective: String,
    /// Budget & MDF lines, ending with the totals and net cost.
    pub budget: Vec<BudgetLine>,
    /// Our side's checklist.
    pub ours: Vec<Task>,
    /// The partner's checklist.
    pub partner: Vec<Task>,
    /// Shared items.
    pub shared: Vec<Task>,
    /// Milestones by due date.
    pub timeline: Vec<TimelineRow>,
    /// Targets.
    pub success_metrics: Vec<SuccessMetric>,
    /// Promotion items of the checklist (titles naming a promotion
    /// channel), with their side.
    pub promotion: Vec<(Side, Task)>,
    /// "Promotion begins" due date, if the milestone exists.
    pub promotion_begins: Option<NaiveDate>,
    /// The partner's promotion reach target, % of ours (docs/domain.md §9).
    #[serde(serialize_with = "super::figure::percent")]
    pub partner_reach_target_percent: Decimal,
}

/// The campaign results (docs/domain.md §12; seed 000 "Campaign Results").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultsReport {
    /// Who, what, when.
    pub header: Header,
    /// The day the figures are as of, if given.
    pub reported_on: Option<NaiveDate>,
    /// Whether any result has been reported.
    pub reported: bool,
    /// Targets, actuals, ROI, sources and findings.
    pub performance: Performance,
    /// MDF reimbursed.
    #[serde(serialize_with = "super::figure::money")]
    pub mdf_reimbursed: Decimal,
    /// What worked (derived from the figures).
    pub worked: Vec<String>,
    /// What to improve (the findings on the results).
    pub improve: Vec<String>,
    /// The next campaign, from the partner's record by type.
    pub next: String,
}

/// Words in a checklist title that make it a promotion item.
const PROMOTION_WORDS: &[&str] = &[
    "promot",
    "social",
    "newsletter",
    "email",
    "linkedin",
    "ads",
    "share on",
    "invite",
];

fn header(program: &Program, c: &Stored<Campaign>, as_of: NaiveDate) -> Header {
    let days = (c.end - c.start).num_days() + 1;
    Header {
        partner: program
            .partners
            .get(c.partner_id)
            .map_or_else(String::new, |p| p.name.clone()),
        campaign: c.name.clone(),
        campaign_type: c.campaign_type.label().to_string(),
        audience: c.audience.clone(),
        status: c.status.label().to_string(),
        start: c.start,
        launch: c.launch,
        end: c.end,
        duration_weeks: (days + 6) / 7,
        as_of,
        currency: program.currency,
    }
}

fn task(r: &super::responsibility::Responsibility) -> Task {
    Task {
        done: r.done_on.is_some(),
        title: r.title.clone(),
        owner: r.owner.clone(),
        due: r.due,
    }
}

/// The week of `day` counted from `start` (W1 = the 7 days from the kickoff).
pub fn week_of(start: NaiveDate, day: NaiveDate) -> i64 {
    (day - start).num_days().div_euclid(7) + 1
}

/// Builds the plan of `campaign` as of `today`; `None` if it does not exist.
pub fn plan(
    program: &Program,
    campaign: CampaignId,
    goals: &ProgramTargets,
    playbooks: &[Playbook],
    today: NaiveDate,
) -> Option<PlanReport> {
    let c = program.campaigns.get(campaign)?;
    let objective = c
        .playbook
        .as_deref()
        .and_then(|name| playbooks.iter().find(|p| p.name == name))
        .map_or_else(
            || {
                format!(
                    "{} ({})",
                    c.campaign_type.best_for(),
                    c.campaign_type.label()
                )
            },
            |p| format!("{} ({} playbook)", p.best_outcome, p.name),
        );
    let mdf = program.mdf_summary(c.id);
    let total = c.budget + c.internal_cost;
    let line = |item: &str, amount, owner: &str| BudgetLine {
        item: item.into(),
        amount,
        owner: owner.into(),
    };
    let budget = vec![
        line("External budget", c.budget, "Ours"),
        line("Internal cost", c.internal_cost, "Ours"),
        line("Total", total, "—"),
        line("MDF requested", mdf.requested, "Partner"),
        line("MDF approved", mdf.approved, "Partner"),
        line("MDF reimbursed", mdf.reimbursed, "Partner"),
        line(
            "Net cost if the approved MDF is reimbursed",
            total - mdf.approved,
            "—",
        ),
        line(
            "Net cost today (after MDF reimbursed)",
            total - mdf.reimbursed,
            "—",
        ),
    ];
    let checklist = program.checklist_of(c.id);
    let side = |s: Side| -> Vec<Task> {
        checklist
            .iter()
            .filter(|r| r.side == s)
            .map(|r| task(r))
            .collect()
    };
    let mut milestones = program.milestones_of(c.id);
    milestones.sort_by_key(|m| (m.due, m.id));
    let timeline = milestones
        .iter()
        .map(|m| TimelineRow {
            week: week_of(c.start, m.due),
            milestone: m.name.clone(),
            due: m.due,
            status: m.shown_status(today),
        })
        .collect();
    let results = program.results_of(c.id).map(|r| &r.value);
    // The targets as the results view computes them (docs/domain.md §2, §9).
    let perf = performance::performance(c, results, mdf.reimbursed, goals, program.currency);
    let basis = |s: &TargetSource| match s {
        TargetSource::Set => "set".to_string(),
        TargetSource::Default(why) => format!("default: {why}"),
    };
    let success_metrics = perf
        .lines
        .iter()
        .filter(|l| l.metric != Metric::Attendees)
        .map(|l| SuccessMetric {
            metric: match l.metric {
                Metric::Leads => "Leads generated".to_string(),
                m => m.label().to_string(),
            },
            target: l.target,
            measurement: l.metric.measured_in().into(),
            basis: l.target_source.as_ref().map_or("no target".into(), basis),
        })
        .chain(std::iter::once(SuccessMetric {
            metric: "ROI (revenue ÷ cost)".into(),
            target: Some(Figure::Multiple(goals.roi_multiple)),
            measurement: "Calculated".into(),
            basis: "program target (docs/domain.md §9)".into(),
        }))
        .collect();
    let promotion = checklist
        .iter()
        .filter(|r| {
            let title = r.title.to_lowercase();
            PROMOTION_WORDS.iter().any(|w| title.contains(w))
        })
        .map(|r| (r.side, task(r)))
        .collect();
    let promotion_begins = milestones
        .iter()
        .find(|m| m.kind == Some(super::milestone::MilestoneKind::PromotionBegins))
        .map(|m| m.due);
    Some(PlanReport {
        header: header(program, c, today),
        objective,
        budget,
        ours: side(Side::Ours),
        partner: side(Side::Partner),
        shared: side(Side::Shared),
        timeline,
        success_metrics,
        promotion,
        promotion_begins,
        partner_reach_target_percent: goals.promotion_engagement_percent,
    })
}

fn head(md: &mut Md, title: &str, h: &Header) {
    md.heading_at(2, title);
    md.line(format!("**Partner**: {}  ", inline(&h.partner)));
    md.line(format!("**Campaign**: {}  ", inline(&h.campaign)));
    md.line(format!("**Type**: {}  ", h.campaign_type));
    md.line(format!(
        "**Target Audience**: {}  ",
        dash(&inline(&h.audience))
    ));
    md.line(format!("**Status**: {} (as of {})", h.status, iso(h.as_of)));
    md.blank();
}

fn task_line(t: &Task) -> String {
    format!(
        "- [{}] {} - {} - {}",
        if t.done { "x" } else { " " },
        inline(&t.title),
        dash(&inline(&t.owner)),
        t.due.map_or("no due date".to_string(), iso)
    )
}

fn week_text(w: i64) -> String {
    if w >= 1 {
        format!("W{w}")
    } else {
        "before W1".into()
    }
}

impl PlanReport {
    /// The plan as Markdown (seed 000 "Campaign Plan" sections).
    pub fn markdown(&self) -> String {
        let mut md = Md::default();
        let h = &self.header;
        let cur = h.currency;
        head(&mut md, "Joint Marketing Campaign Plan", h);
        md.heading_at(3, "Campaign Overview");
        md.line(format!("**Objective**: {}  ", inline(&self.objective)));
        md.line(format!("**Kickoff**: {}  ", iso(h.start)));
        md.line(format!("**Launch Date**: {}  ", iso(h.launch)));
        md.line(format!("**End**: {}  ", iso(h.end)));
        md.line(format!(
            "**Duration**: {} week{}",
            h.duration_weeks,
            if h.duration_weeks == 1 { "" } else { "s" }
        ));
        md.blank();
        md.heading_at(3, "Budget & MDF");
        md.table(
            &[
                ("Item", Align::Left),
                ("Amount", Align::Right),
                ("Owner", Align::Left),
            ],
            self.budget
                .iter()
                .map(|b| {
                    let bold = b.item == "Total";
                    let wrap = |s: String| if bold { format!("**{s}**") } else { s };
                    vec![
                        wrap(b.item.clone()),
                        wrap(cur.format(b.amount)),
                        b.owner.clone(),
                    ]
                })
                .collect(),
        );
        md.heading_at(3, "Responsibilities");
        for (title, tasks) in [
            ("Our Team", &self.ours),
            ("Partner Team", &self.partner),
            ("Shared", &self.shared),
        ] {
            md.line(format!("**{title}**:"));
            md.blank();
            if tasks.is_empty() {
                md.line("- (none)");
            }
            for t in tasks {
                md.line(task_line(t));
            }
            md.blank();
        }
        md.heading_at(3, "Timeline");
        md.table(
            &[
                ("Week", Align::Left),
                ("Milestone", Align::Left),
                ("Due", Align::Left),
                ("Status", Align::Left),
            ],
            self.timeline
                .iter()
                .map(|t| {
                    vec![
                        week_text(t.week),
                        t.milestone.clone(),
                        iso(t.due),
                        format!("{} {}", t.status.icon(), t.status.label()),
                    ]
                })
                .collect(),
        );
        md.heading_at(3, "Success Metrics");
        md.table(
            &[
                ("Metric", Align::Left),
                ("Target", Align::Right),
                ("Measurement", Align::Left),
                ("Basis", Align::Left),
            ],
            self.success_metrics
                .iter()
                .map(|m| {
                    vec![
                        m.metric.clone(),
                        m.target.map_or("—".into(), |f| f.text(h.currency)),
                        m.measurement.clone(),
                        m.basis.clone(),
                    ]
                })
                .collect(),
        );
        md.heading_at(3, "Promotion Plan");
        let begins = self
            .promotion_begins
            .map_or("not scheduled".to_string(), |d| {
                format!("{} ({})", iso(d), week_text(week_of(h.start, d)))
            });
        md.line(format!(
            "Promotion begins {begins}; launch {} ({}). The partner's reach target is {}% of ours (docs/domain.md §9).",
            iso(h.launch),
            week_text(week_of(h.start, h.launch)),
            self.partner_reach_target_percent.normalize()
        ));
        md.blank();
        if self.promotion.is_empty() {
            md.line("No promotion items on the checklist yet.");
            md.blank();
        } else {
            md.table(
                &[
                    ("Channel", Align::Left),
                    ("Owner", Align::Left),
                    ("Timing", Align::Left),
                    ("Done", Align::Left),
                ],
                self.promotion
                    .iter()
                    .map(|(side, t)| {
                        let owner = if t.owner.trim().is_empty() {
                            side.label().to_string()
                        } else {
                            format!("{} ({})", side.label(), t.owner.trim())
                        };
                        vec![
                            t.title.clone(),
                            owner,
                            t.due.map_or("—".to_string(), |d| {
                                format!("by {} ({})", iso(d), week_text(week_of(h.start, d)))
                            }),
                            if t.done { "yes" } else { "no" }.to_string(),
                        ]
                    })
                    .collect(),
            );
        }
        md.0
    }
}

/// Builds the results report of `campaign` as of `today`; `None` if it
/// does not exist. The "next campaign" line compares the partner's
/// completed campaigns by type (pooled pipeline-to-spend, all years).
pub fn results(
    program: &Program,
    campaign: CampaignId,
    goals: &ProgramTargets,
    today: NaiveDate,
) -> Option<ResultsReport> {
    let c = program.campaigns.get(campaign)?;
    let r = program.results_of(c.id).map(|r| &r.value);
    let mdf = program.mdf_summary(c.id);
    let p = performance::performance(c, r, mdf.reimbursed, goals, program.currency);
    let mut worked = Vec::new();
    for l in &p.lines {
        if l.met() == Some(true)
            && let (Some(a), Some(t)) = (l.actual, l.target)
        {
            worked.push(format!(
                "{} {}: {} of the {} target",
                l.metric.label(),
                a.text(program.currency),
                format_percent(l.percent_of_target),
                t.text(program.currency)
            ));
        }
    }
    if let Some(x) = p.roi.revenue_to_spend
        && x >= goals.roi_multiple
    {
        worked.push(format!(
            "ROI multiple {} meets the {} target",
            format_multiple(Some(x)),
            format_multiple(Some(goals.roi_multiple))
        ));
    }
    if let Some(x) = p.lead_to_mql
        && x >= goals.lead_to_mql_percent
    {
        worked.push(format!(
            "Lead-to-MQL {} meets the {}% target",
            format_percent(Some(x)),
            goals.lead_to_mql_percent.normalize()
        ));
    }
    if let Some(x) = p.promotion_engagement
        && x >= goals.promotion_engagement_percent
    {
        worked.push(format!(
            "The partner's promotion reached {} of ours (target {}%)",
            format_percent(Some(x)),
            goals.promotion_engagement_percent.normalize()
        ));
    }
    if let Some(top) = p
        .sources
        .iter()
        .filter(|s| s.source.is_some())
        .max_by_key(|s| s.leads)
        .filter(|s| s.leads > 0)
    {
        worked.push(format!(
            "{} brought the most leads: {} ({})",
            top.label(),
            format_count(top.leads),
            format_percent(top.percent)
        ));
    }
    let improve: Vec<String> = p.findings.iter().map(|f| f.message.clone()).collect();
    let next = next_campaign(program, c, &p, goals);
    Some(ResultsReport {
        header: header(program, c, today),
        reported_on: r.and_then(|r| r.reported_on),
        reported: r.is_some_and(super::results::CampaignResults::has_actuals),
        performance: p,
        mdf_reimbursed: mdf.reimbursed,
        worked,
        improve,
        next,
    })
}

/// The recommendation for the next campaign with this partner: the
/// campaign type with the best pooled pipeline-to-spend among the
/// partner's completed campaigns with results, compared with this one.
fn next_campaign(
    program: &Program,
    c: &Stored<Campaign>,
    p: &Performance,
    goals: &ProgramTargets,
) -> String {
    let partner = program
        .partners
        .get(c.partner_id)
        .map_or_else(String::new, |p| p.name.clone());
    let mut by_type: std::collections::BTreeMap<CampaignType, (Decimal, Decimal, usize)> =
        std::collections::BTreeMap::new();
    for other in program.campaigns.children(c.partner_id) {
        if other.status != CampaignStatus::Completed && other.id != c.id {
            continue;
        }
        let Some(pipe) = program
            .results_of(other.id)
            .and_then(|r| r.pipeline_sourced)
        else {
            continue;
        };
        let e = by_type.entry(other.campaign_type).or_default();
        e.0 += pipe;
        e.1 += other.budget + other.internal_cost;
        e.2 += 1;
    }
    let best = by_type
        .iter()
        .filter_map(|(t, (pipe, cost, n))| super::roi::ratio(*pipe, *cost).map(|x| (*t, x, *n)))
        .max_by(|a, b| a.1.cmp(&b.1));
    let this = p.roi.pipeline_to_spend;
    let roi_ok = p.roi.revenue_to_spend.map(|x| x >= goals.roi_multiple);
    let kind = c.campaign_type.noun();
    match (best, this) {
        (_, None) => format!(
            "Report the sourced pipeline of this {kind} first: without it there is nothing to compare with {partner}'s other campaigns."
        ),
        (Some((t, x, n)), Some(_)) if t != c.campaign_type => format!(
            "With {partner}, {} returned the most pipeline per {} spent: {} over {} (this {kind}: {}). Plan {} next.",
            words::plural(t.noun()),
            program.currency.mark(),
            format_multiple(Some(x)),
            words::count_of(n, "completed campaign"),
            format_multiple(this),
            words::a(t.noun())
        ),
        (_, Some(x)) if roi_ok == Some(false) => format!(
            "{} is {partner}'s best type so far ({} pipeline-to-spend), but its revenue missed the {} ROI target: repeat it with the improvement areas above addressed.",
            words::capitalized(&words::a(kind)),
            format_multiple(Some(x)),
            format_multiple(Some(goals.roi_multiple))
        ),
        (_, Some(x)) => format!(
            "Repeat {} with {partner}: {} pipeline-to-spend, its best type so far.",
            words::a(kind),
            format_multiple(Some(x))
        ),
    }
}

impl ResultsReport {
    /// The results as Markdown (seed 000 "Campaign Results" sections).
    pub fn markdown(&self) -> String {
        let mut md = Md::default();
        let h = &self.header;
        let cur = h.currency;
        head(&mut md, "Campaign Results", h);
        md.line(format!("**Period**: {} to {}  ", iso(h.start), iso(h.end)));
        md.line(format!(
            "**Figures as of**: {}",
            self.reported_on.map_or("not dated".to_string(), iso)
        ));
        md.blank();
        if !self.reported {
            md.line("No results have been reported for this campaign yet.");
            md.blank();
        }
        let p = &self.performance;
        md.heading_at(3, "Performance Summary");
        md.table(
            &[
                ("Metric", Align::Left),
                ("Target", Align::Right),
                ("Actual", Align::Right),
                ("% of Target", Align::Right),
            ],
            p.lines
                .iter()
                .map(|l| {
                    vec![
                        l.metric.label().to_string(),
                        l.target.map_or("—".into(), |f| f.text(cur)),
                        l.actual.map_or("n/a".into(), |f| f.text(cur)),
                        l.percent_of_target
                            .map_or("—".into(), |x| format_percent(Some(x))),
                    ]
                })
                .collect(),
        );
        md.line(format!(
            "Pipeline is kept in its classes (docs/domain.md §8): sourced {}, influenced {}, partner-assisted {}; only sourced pipeline counts in the ratios.",
            cur.format_optional(p.actual(Metric::Pipeline)),
            cur.format_optional(p.pipeline_influenced),
            cur.format_optional(p.pipeline_partner_assisted)
        ));
        md.blank();
        md.heading_at(3, "ROI Analysis");
        let roi = &p.roi;
        md.item(&format!(
            "**Total Investment**: {}",
            cur.format(roi.total_cost)
        ));
        md.item(&format!(
            "**MDF Reimbursed**: {}",
            cur.format(self.mdf_reimbursed)
        ));
        md.item(&format!("**Net Cost**: {}", cur.format(roi.net_cost)));
        md.item(&format!(
            "**Pipeline Generated (sourced)**: {}",
            cur.format_optional(p.actual(Metric::Pipeline))
        ));
        md.item(&format!(
            "**Revenue (so far)**: {}",
            cur.format_optional(p.actual(Metric::Revenue))
        ));
        md.item(&format!(
            "**Cost per Lead**: {}",
            cur.format_optional(roi.cost_per_lead)
        ));
        md.item(&format!(
            "**Cost per MQL**: {}",
            cur.format_optional(roi.cost_per_mql)
        ));
        md.item(&format!(
            "**Pipeline-to-Spend**: {}",
            format_multiple(roi.pipeline_to_spend)
        ));
        md.item(&format!(
            "**ROI Multiple (revenue ÷ cost)**: {}",
            format_multiple(roi.revenue_to_spend)
        ));
        md.item(&format!("**ROI**: {}", format_percent(roi.roi_percent)));
        md.item(&format!(
            "**Lead-to-MQL**: {}",
            format_percent(p.lead_to_mql)
        ));
        md.blank();
        md.heading_at(3, "Lead Source Breakdown");
        if p.sources.is_empty() {
            md.line("No lead sources reported.");
            md.blank();
        } else {
            md.table(
                &[
                    ("Source", Align::Left),
                    ("Leads", Align::Right),
                    ("% of Total", Align::Right),
                ],
                p.sources
                    .iter()
                    .map(|s| {
                        vec![
                            s.label().to_string(),
                            format_count(s.leads),
                            format_percent(s.percent),
                        ]
                    })
                    .collect(),
            );
        }
        let reach = |n: Option<i64>| n.map_or("n/a".into(), format_count);
        md.line(format!(
            "Promotion reach: ours {}, partner {} (engagement {}).",
            reach(p.reach_ours),
            reach(p.reach_partner),
            format_percent(p.promotion_engagement)
        ));
        md.blank();
        md.heading_at(3, "Recommendations");
        let list = |md: &mut Md, n: usize, title: &str, items: &[String], none: &str| {
            if items.is_empty() {
                md.line(format!("{n}. **{title}**: {none}."));
            } else {
                md.line(format!("{n}. **{title}**:"));
                for i in items {
                    md.line(format!("   - {}", inline(i)));
                }
            }
        };
        list(
            &mut md,
            1,
            "What worked",
            &self.worked,
            "no figure reached its target",
        );
        list(
            &mut md,
            2,
            "Improvement areas",
            &self.improve,
            "none: every figure with a target met it",
        );
        md.line(format!("3. **Next campaign**: {}", self.next));
        md.0
    }
}

/// The program report (docs/domain.md §9): the dashboard's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgramReport {
    /// The dashboard it is written from.
    pub dashboard: Dashboard,
}

fn unit_text(v: Option<Decimal>, unit: Unit, cur: Currency) -> String {
    match unit {
        Unit::Money => cur.format_optional(v),
        Unit::Multiple => format_multiple(v),
        Unit::Percent => format_percent(v),
    }
}

fn breakdown_cells(b: &Breakdown, cur: Currency) -> Vec<String> {
    vec![
        b.campaigns.to_string(),
        cur.format(b.total_cost),
        format_count(b.leads),
        format_count(b.mqls),
        cur.format(b.pipeline_sourced),
        cur.format_optional(b.cost_per_lead),
        cur.format_optional(b.cost_per_mql),
        format_multiple(b.pipeline_to_spend),
        format_multiple(b.revenue_to_spend),
    ]
}

const BREAKDOWN_HEAD: [(&str, Align); 9] = [
    ("Campaigns", Align::Right),
    ("Cost", Align::Right),
    ("Leads", Align::Right),
    ("MQLs", Align::Right),
    ("Sourced pipeline", Align::Right),
    ("Cost per lead", Align::Right),
    ("Cost per MQL", Align::Right),
    ("Pipeline-to-spend", Align::Right),
    ("ROI multiple", Align::Right),
];

impl ProgramReport {
    /// The program report as Markdown.
    pub fn markdown(&self) -> String {
        let d = &self.dashboard;
        let cur = d.currency;
        let mut md = Md::default();
        md.heading_at(2, &format!("Partner Program {}", d.year.label()));
        md.line(format!(
            "**Fiscal year**: {} to {}  ",
            iso(d.year.start),
            iso(d.year.end)
        ));
        md.line(format!("**As of**: {}  ", iso(d.as_of)));
        md.line(format!(
            "**Campaigns launched**: {} ({} without results)",
            d.campaigns.len(),
            d.without_results
        ));
        md.blank();
        md.heading_at(3, "Program Metrics");
        md.table(
            &[
                ("Metric", Align::Left),
                ("Target", Align::Right),
                ("Actual", Align::Right),
                ("% of Target", Align::Right),
                ("Status", Align::Left),
                ("Basis", Align::Left),
            ],
            d.gauges
                .iter()
                .map(|g| {
                    vec![
                        g.label.to_string(),
                        format!("> {}", unit_text(Some(g.target), g.unit, cur)),
                        unit_text(g.value, g.unit, cur),
                        format_percent(g.percent_of_target()),
                        match g.met() {
                            Some(true) => "✅ met",
                            Some(false) => "🔴 below",
                            None => "n/a",
                        }
                        .to_string(),
                        g.basis.clone(),
                    ]
                })
                .collect(),
        );
        md.heading_at(3, "Pipeline by Launch Month");
        md.table(
            &[
                ("Month", Align::Left),
                ("Sourced", Align::Right),
                ("Influenced", Align::Right),
                ("Partner-assisted", Align::Right),
            ],
            d.pipeline_by_month
                .iter()
                .map(|m| {
                    vec![
                        m.month.format("%Y-%m").to_string(),
                        cur.format(m.sourced),
                        cur.format(m.influenced),
                        cur.format(m.partner_assisted),
                    ]
                })
                .collect(),
        );
        md.heading_at(3, "By Campaign Type");
        if d.by_type.is_empty() {
            md.line("No campaigns launched in this fiscal year.");
            md.blank();
        } else {
            let mut head = vec![("Type", Align::Left)];
            head.extend(BREAKDOWN_HEAD);
            md.table(
                &head,
                d.by_type
                    .iter()
                    .map(|b| {
                        let mut row = vec![
                            b.campaign_type
                                .map_or("**All types**".to_string(), |t| t.label().to_string()),
                        ];
                        row.extend(breakdown_cells(b, cur));
                        row
                    })
                    .collect(),
            );
            md.heading_at(3, "By Partner and Type");
            let mut head = vec![("Partner", Align::Left), ("Type", Align::Left)];
            head.extend(BREAKDOWN_HEAD);
            md.table(
                &head,
                d.by_partner_type
                    .iter()
                    .map(|b| {
                        let mut row = vec![
                            b.partner.clone().unwrap_or_default(),
                            b.campaign_type
                                .map_or(String::new(), |t| t.label().to_string()),
                        ];
                        row.extend(breakdown_cells(b, cur));
                        row
                    })
                    .collect(),
            );
        }
        md.line(
            "Ratios are pooled over the campaigns reporting each figure (Σ ÷ Σ); pipeline counts sourced pipeline only (docs/domain.md §8).",
        );
        md.0
    }
}
