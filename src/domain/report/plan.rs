//! The campaign plan (docs/domain.md §12; seed 000 "Campaign Plan"): the
//! budget, the checklist by side, the timeline by week, the success
//! metrics and the promotion plan, and its Markdown.

use super::{Header, head, header};
use crate::domain::dates::iso;
use crate::domain::figure::Figure;
use crate::domain::ids::CampaignId;
use crate::domain::markdown::{Align, Md, dash, inline};
use crate::domain::milestone::ShownStatus;
use crate::domain::performance::{self, Metric, ProgramTargets, TargetSource};
use crate::domain::playbook::Playbook;
use crate::domain::program::Program;
use crate::domain::responsibility::Side;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// A line of the budget table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetLine {
    /// What, e.g. "External budget".
    pub item: String,
    /// in the database's currency.
    #[serde(serialize_with = "crate::domain::figure::money")]
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
    #[serde(serialize_with = "crate::domain::figure::percent")]
    pub partner_reach_target_percent: Decimal,
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

fn task(r: &crate::domain::responsibility::Responsibility) -> Task {
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
        .find(|m| m.kind == Some(crate::domain::milestone::MilestoneKind::PromotionBegins))
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
