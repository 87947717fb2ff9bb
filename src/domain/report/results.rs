//! The campaign results (docs/domain.md §12; seed 000 "Campaign Results"):
//! the figures against their targets, what worked and what to improve, the
//! next campaign to run with this partner, and its Markdown.

use super::{Header, head, header};
use crate::domain::campaign::{Campaign, CampaignStatus, CampaignType};
use crate::domain::dashboard::Basis;
use crate::domain::dates::iso;
use crate::domain::ids::{CampaignId, Stored};
use crate::domain::markdown::{Align, Md, inline};
use crate::domain::money::{format_count, format_multiple, format_percent};
use crate::domain::performance::{self, Metric, Performance, ProgramTargets};
use crate::domain::program::Program;
use crate::domain::words;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

/// The campaign results (docs/domain.md §12; seed 000 "Campaign Results").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultsReport {
    /// Who, what, when.
    pub header: Header,
    /// The day the figures are as of, if given.
    pub reported_on: Option<NaiveDate>,
    /// Whether any result has been reported (or evidenced, on the
    /// evidenced basis).
    pub reported: bool,
    /// Which figures: evidenced (the campaign has evidence and they were
    /// asked for) or reported (docs/domain.md §15.3).
    pub basis: Basis,
    /// Targets, actuals, ROI, sources and findings.
    pub performance: Performance,
    /// MDF reimbursed.
    #[serde(serialize_with = "crate::domain::figure::money")]
    pub mdf_reimbursed: Decimal,
    /// What worked (derived from the figures).
    pub worked: Vec<String>,
    /// What to improve (the findings on the results).
    pub improve: Vec<String>,
    /// The next campaign, from the partner's record by type.
    pub next: String,
}

/// Builds the results report of `campaign` as of `today` on the reported
/// figures; `None` if it does not exist. The "next campaign" line compares
/// the partner's completed campaigns by type (pooled pipeline-to-spend,
/// all years).
pub fn results(
    program: &Program,
    campaign: CampaignId,
    goals: &ProgramTargets,
    today: NaiveDate,
) -> Option<ResultsReport> {
    results_with(program, campaign, goals, today, None)
}

/// [`results`] on the `evidenced` results when given (the campaign's
/// results with the evidenced figures,
/// [`crate::domain::evidence::campaign::CampaignEvidence::as_results`];
/// docs/domain.md §15.3): the report's basis is then
/// [`Basis::Evidenced`]. The date the figures are as of stays the
/// reported one.
pub fn results_with(
    program: &Program,
    campaign: CampaignId,
    goals: &ProgramTargets,
    today: NaiveDate,
    evidenced: Option<&crate::domain::results::CampaignResults>,
) -> Option<ResultsReport> {
    let c = program.campaigns.get(campaign)?;
    let typed = program.results_of(c.id).map(|r| &r.value);
    let r = evidenced.or(typed);
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
        reported_on: typed.and_then(|r| r.reported_on),
        reported: r.is_some_and(crate::domain::results::CampaignResults::has_actuals),
        basis: if evidenced.is_some() {
            Basis::Evidenced
        } else {
            Basis::Reported
        },
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
        .filter_map(|(t, (pipe, cost, n))| {
            crate::domain::roi::ratio(*pipe, *cost).map(|x| (*t, x, *n))
        })
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
            "**Figures as of**: {}  ",
            self.reported_on.map_or("not dated".to_string(), iso)
        ));
        md.line(format!(
            "**Figures**: {}",
            match self.basis {
                Basis::Evidenced =>
                    "evidenced: leads, MQLs, pipeline and closed-won revenue from the CRM's records (docs/domain.md §15.3), the rest as reported",
                Basis::Reported => "reported (as typed)",
            }
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
