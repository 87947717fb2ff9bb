//! A campaign's performance against its targets (docs/domain.md §7, §8, §9): the
//! results view, the findings on results, and the figures the results
//! report is written from.
//!
//! Percentages are exact `Decimal`s (×100); display rounds them half away
//! from zero (see [`super::money::round_to`]). A missing figure or a zero
//! denominator gives `None` ("n/a"), never zero.

use super::campaign::Campaign;
use super::currency::Currency;
use super::money::{format_multiple, format_percent};
use super::results::{CampaignResults, LeadSource};
use super::roi::{self, Roi, ratio};
use super::words;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The program's targets (docs/domain.md §9), configurable under `[program]` in the
/// config file. Percentages are in percent (30 = 30 %).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramTargets {
    /// The month the fiscal year starts, 1–12 (1 = January). Default 1.
    pub fiscal_year_start_month: u32,
    /// Joint sourced pipeline per fiscal year, in the database's currency. Default 2,000,000.
    pub sourced_pipeline: Decimal,
    /// Campaign ROI multiple (revenue ÷ total cost). Default 5 (5x).
    pub roi_multiple: Decimal,
    /// Lead-to-MQL conversion, %. Default 30.
    pub lead_to_mql_percent: Decimal,
    /// Partner promotion engagement (partner reach ÷ our reach), %. Default 50.
    pub promotion_engagement_percent: Decimal,
    /// MDF utilization (claimed ÷ allocated), %. Default 80.
    pub mdf_utilization_percent: Decimal,
}

impl Default for ProgramTargets {
    fn default() -> Self {
        ProgramTargets {
            fiscal_year_start_month: 1,
            sourced_pipeline: Decimal::from(2_000_000),
            roi_multiple: Decimal::from(5),
            lead_to_mql_percent: Decimal::from(30),
            promotion_engagement_percent: Decimal::from(50),
            mdf_utilization_percent: Decimal::from(80),
        }
    }
}

pub use super::figure::Figure;

/// The metrics of docs/domain.md §8 in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Registrations.
    Registrations,
    /// Attendees.
    Attendees,
    /// Attendance rate = attendees ÷ registrations (%).
    Attendance,
    /// Leads generated.
    Leads,
    /// MQLs created.
    Mqls,
    /// Sourced pipeline, in the database's currency.
    Pipeline,
    /// Revenue attributed, in the database's currency.
    Revenue,
}

impl Metric {
    /// All metrics, in report order.
    pub const ALL: [Metric; 7] = [
        Metric::Registrations,
        Metric::Attendees,
        Metric::Attendance,
        Metric::Leads,
        Metric::Mqls,
        Metric::Pipeline,
        Metric::Revenue,
    ];

    /// The label in views and reports.
    pub fn label(self) -> &'static str {
        match self {
            Metric::Registrations => "Registrations",
            Metric::Attendees => "Attendees",
            Metric::Attendance => "Attendance",
            Metric::Leads => "Leads",
            Metric::Mqls => "MQLs",
            Metric::Pipeline => "Pipeline (sourced)",
            Metric::Revenue => "Revenue",
        }
    }

    /// Where the figure is measured (the plan report's "Measurement"
    /// column, seed 000).
    pub fn measured_in(self) -> &'static str {
        match self {
            Metric::Registrations | Metric::Attendees | Metric::Attendance => "Platform",
            Metric::Leads | Metric::Mqls | Metric::Pipeline | Metric::Revenue => "CRM",
        }
    }
}

/// Where a target comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "basis", rename_all = "snake_case")]
pub enum TargetSource {
    /// Typed in the results form.
    Set,
    /// Derived by default; the text says from what, e.g. "the webinar's
    /// expected leads, 100–500 (docs/domain.md §2)".
    Default(String),
}

/// One metric's line: target, actual and % of target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricLine {
    /// The metric.
    pub metric: Metric,
    /// The target, if any.
    pub target: Option<Figure>,
    /// Where the target comes from (`None` when there is no target).
    pub target_source: Option<TargetSource>,
    /// The actual figure, if reported.
    pub actual: Option<Figure>,
    /// Actual ÷ target × 100; `None` when either is missing or the target is zero.
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub percent_of_target: Option<Decimal>,
}

impl MetricLine {
    /// Met: actual ≥ target. `None` when it cannot be said.
    pub fn met(&self) -> Option<bool> {
        Some(self.actual?.value() >= self.target?.value())
    }
}

/// The effective targets of a campaign (docs/domain.md §2, §7, §9): what was typed,
/// else the defaults:
/// - leads: the campaign's lead target, else the low end of its type's
///   expected leads (docs/domain.md §2);
/// - MQLs: the leads target × the program's lead-to-MQL target, rounded up;
/// - revenue: total cost × the program's ROI multiple target (docs/domain.md §7, §9);
/// - attendees: none unless typed; attendance target = attendees target ÷
///   registrations target;
/// - registrations and pipeline: none unless typed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Targets {
    /// Registrations (count).
    pub registrations: Option<(i64, TargetSource)>,
    /// Attendees (count).
    pub attendees: Option<(i64, TargetSource)>,
    /// Leads (count).
    pub leads: Option<(i64, TargetSource)>,
    /// MQLs (count).
    pub mqls: Option<(i64, TargetSource)>,
    /// Sourced pipeline, in the database's currency.
    pub pipeline: Option<(Decimal, TargetSource)>,
    /// Revenue, in the database's currency.
    pub revenue: Option<(Decimal, TargetSource)>,
}

/// The effective targets of `campaign` (see [`Targets`]).
pub fn targets(
    campaign: &Campaign,
    results: Option<&CampaignResults>,
    goals: &ProgramTargets,
) -> Targets {
    let set = |v: Option<i64>| v.map(|n| (n, TargetSource::Set));
    let leads = match results.and_then(|r| r.target_leads) {
        Some(n) => Some((n, TargetSource::Set)),
        None => Some(match campaign.lead_target {
            Some(n) => (
                n,
                TargetSource::Default("the campaign's lead target".into()),
            ),
            None => {
                let (lo, hi) = campaign.campaign_type.expected_leads();
                (
                    lo,
                    TargetSource::Default(format!(
                        "the low end of {}'s expected leads, {lo}–{hi} (docs/domain.md §2)",
                        words::a(campaign.campaign_type.noun())
                    )),
                )
            }
        }),
    };
    let mqls = match results.and_then(|r| r.target_mqls) {
        Some(n) => Some((n, TargetSource::Set)),
        None => leads.as_ref().and_then(|(l, _)| {
            let m = (Decimal::from(*l) * goals.lead_to_mql_percent / Decimal::ONE_HUNDRED).ceil();
            i64::try_from(m).ok().map(|m| {
                (
                    m,
                    TargetSource::Default(format!(
                        "{}% of the leads target (docs/domain.md §9)",
                        goals.lead_to_mql_percent.normalize()
                    )),
                )
            })
        }),
    };
    let total_cost = campaign.budget + campaign.internal_cost;
    let revenue = match results.and_then(|r| r.target_revenue) {
        Some(d) => Some((d, TargetSource::Set)),
        None if total_cost.is_zero() => None,
        None => total_cost.checked_mul(goals.roi_multiple).map(|d| {
            (
                d,
                TargetSource::Default(format!(
                    "{} × the total cost (docs/domain.md §9)",
                    format_multiple(Some(goals.roi_multiple))
                )),
            )
        }),
    };
    Targets {
        registrations: set(results.and_then(|r| r.target_registrations)),
        attendees: set(results.and_then(|r| r.target_attendees)),
        leads,
        mqls,
        pipeline: results
            .and_then(|r| r.target_pipeline)
            .map(|d| (d, TargetSource::Set)),
        revenue,
    }
}

fn percent(a: Decimal, b: Decimal) -> Option<Decimal> {
    ratio(a, b).and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED))
}

/// One lead source's line in the breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceLine {
    /// The source; `None` = leads no source was reported for.
    pub source: Option<LeadSource>,
    /// Leads from it.
    #[serde(serialize_with = "super::figure::count")]
    pub leads: i64,
    /// Share of all leads, %; `None` when no leads.
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub percent: Option<Decimal>,
}

impl SourceLine {
    /// The label in views and reports.
    pub fn label(&self) -> &'static str {
        self.source.map_or("Not attributed", LeadSource::label)
    }
}

/// A finding on a campaign's results (issue 4): a figure below its
/// program target, with the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResultFinding {
    /// Stable key: `lead_to_mql`, `roi_multiple`, `promotion_engagement`,
    /// `below_target`, `unattributed_leads`.
    pub key: &'static str,
    /// What was found and the target, e.g. "Lead-to-MQL 24.0% is below the
    /// 30% target".
    pub message: String,
}

/// Everything the results view and the results report show of one
/// campaign (docs/domain.md §7, §8).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Performance {
    /// One line per metric, in [`Metric::ALL`] order.
    pub lines: Vec<MetricLine>,
    /// The ROI figures (docs/domain.md §7).
    pub roi: Roi,
    /// Influenced pipeline, in the database's currency (kept apart, docs/domain.md §8).
    #[serde(serialize_with = "super::figure::optional_money")]
    pub pipeline_influenced: Option<Decimal>,
    /// Partner-assisted pipeline, in the database's currency (kept apart, docs/domain.md §8).
    #[serde(serialize_with = "super::figure::optional_money")]
    pub pipeline_partner_assisted: Option<Decimal>,
    /// MQLs ÷ leads, %.
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub lead_to_mql: Option<Decimal>,
    /// Partner reach ÷ our reach, %.
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub promotion_engagement: Option<Decimal>,
    /// Our promotion's reach (count).
    #[serde(serialize_with = "super::figure::optional_count")]
    pub reach_ours: Option<i64>,
    /// The partner's promotion reach (count).
    #[serde(serialize_with = "super::figure::optional_count")]
    pub reach_partner: Option<i64>,
    /// Lead sources with their share; empty when no source was reported.
    /// A line "Not attributed" holds leads no source accounts for.
    pub sources: Vec<SourceLine>,
    /// Findings on the results, in a fixed order.
    pub findings: Vec<ResultFinding>,
}

impl Performance {
    /// The line of one metric.
    pub fn line(&self, metric: Metric) -> Option<&MetricLine> {
        self.lines.iter().find(|l| l.metric == metric)
    }

    /// The actual figure of one metric as a number, if reported.
    pub fn actual(&self, metric: Metric) -> Option<Decimal> {
        self.line(metric)?.actual.map(Figure::value)
    }
}

/// Computes a campaign's performance (docs/domain.md §7, §8, §9). `reimbursed` is
/// its MDF reimbursed (for the net cost); the findings show money in
/// `currency`.
pub fn performance(
    campaign: &Campaign,
    results: Option<&CampaignResults>,
    reimbursed: Decimal,
    goals: &ProgramTargets,
    currency: Currency,
) -> Performance {
    let t = targets(campaign, results, goals);
    let r = results.cloned().unwrap_or_default();
    let count = |v: Option<i64>| v.map(Figure::Count);
    let usd = |v: Option<Decimal>| v.map(Figure::Money);
    let attendance_target = match (&t.attendees, &t.registrations) {
        (Some((a, _)), Some((reg, _))) => {
            percent(Decimal::from(*a), Decimal::from(*reg)).map(|p| {
                (
                    Figure::Percent(p),
                    TargetSource::Default("attendees target ÷ registrations target".into()),
                )
            })
        }
        _ => None,
    };
    let attendance = match (r.attendees, r.registrations) {
        (Some(a), Some(reg)) => percent(Decimal::from(a), Decimal::from(reg)),
        _ => None,
    };
    let mk = |metric, target: Option<(Figure, TargetSource)>, actual: Option<Figure>| {
        let percent_of_target = match (&target, actual) {
            (Some((tf, _)), Some(af)) => percent(af.value(), tf.value()),
            _ => None,
        };
        let (target, target_source) = match target {
            Some((f, s)) => (Some(f), Some(s)),
            None => (None, None),
        };
        MetricLine {
            metric,
            target,
            target_source,
            actual,
            percent_of_target,
        }
    };
    let c = |x: Option<(i64, TargetSource)>| x.map(|(n, s)| (Figure::Count(n), s));
    let d = |x: Option<(Decimal, TargetSource)>| x.map(|(n, s)| (Figure::Money(n), s));
    let lines = vec![
        mk(
            Metric::Registrations,
            c(t.registrations.clone()),
            count(r.registrations),
        ),
        mk(
            Metric::Attendees,
            c(t.attendees.clone()),
            count(r.attendees),
        ),
        mk(
            Metric::Attendance,
            attendance_target,
            attendance.map(Figure::Percent),
        ),
        mk(Metric::Leads, c(t.leads.clone()), count(r.leads)),
        mk(Metric::Mqls, c(t.mqls.clone()), count(r.mqls)),
        mk(
            Metric::Pipeline,
            d(t.pipeline.clone()),
            usd(r.pipeline_sourced),
        ),
        mk(Metric::Revenue, d(t.revenue.clone()), usd(r.revenue)),
    ];
    let roi = roi::of_campaign(campaign, results, reimbursed);
    let lead_to_mql = match (r.mqls, r.leads) {
        (Some(m), Some(l)) => percent(Decimal::from(m), Decimal::from(l)),
        _ => None,
    };
    let promotion_engagement = match (r.reach_partner, r.reach_ours) {
        (Some(p), Some(o)) => percent(Decimal::from(p), Decimal::from(o)),
        _ => None,
    };
    let sources = source_lines(&r);
    let mut findings = Vec::new();
    if let Some(x) = lead_to_mql
        && x < goals.lead_to_mql_percent
    {
        findings.push(ResultFinding {
            key: "lead_to_mql",
            message: format!(
                "Lead-to-MQL {} is below the {}% target",
                format_percent(Some(x)),
                goals.lead_to_mql_percent.normalize()
            ),
        });
    }
    if let Some(x) = roi.revenue_to_spend
        && x < goals.roi_multiple
    {
        findings.push(ResultFinding {
            key: "roi_multiple",
            message: format!(
                "ROI multiple {} is below the {} target",
                format_multiple(Some(x)),
                format_multiple(Some(goals.roi_multiple))
            ),
        });
    }
    if let Some(x) = promotion_engagement
        && x < goals.promotion_engagement_percent
    {
        findings.push(ResultFinding {
            key: "promotion_engagement",
            message: format!(
                "Partner promotion reached {} of our reach, below the {}% target",
                format_percent(Some(x)),
                goals.promotion_engagement_percent.normalize()
            ),
        });
    }
    for l in &lines {
        if l.met() == Some(false)
            && let (Some(a), Some(tg)) = (l.actual, l.target)
        {
            findings.push(ResultFinding {
                key: "below_target",
                message: format!(
                    "{} {} is {} of the {} target",
                    l.metric.label(),
                    a.text(currency),
                    format_percent(l.percent_of_target),
                    tg.text(currency)
                ),
            });
        }
    }
    if let Some(un) = sources.iter().find(|s| s.source.is_none()) {
        findings.push(ResultFinding {
            key: "unattributed_leads",
            message: format!(
                "{} {} no source: attribution cannot be judged on {}",
                words::count(un.leads, "lead"),
                words::agree(un.leads, "has", "have"),
                words::agree(un.leads, "it", "them")
            ),
        });
    }
    Performance {
        lines,
        roi,
        pipeline_influenced: r.pipeline_influenced,
        pipeline_partner_assisted: r.pipeline_partner_assisted,
        lead_to_mql,
        promotion_engagement,
        reach_ours: r.reach_ours,
        reach_partner: r.reach_partner,
        sources,
        findings,
    }
}

/// The lead-source breakdown: each reported source with its share of the
/// leads, then the leads no source accounts for (when leads are reported
/// and exceed the sources' sum). Empty when no source is reported.
fn source_lines(r: &CampaignResults) -> Vec<SourceLine> {
    let reported: Vec<(LeadSource, i64)> = r
        .lead_sources()
        .iter()
        .filter_map(|(s, n)| n.map(|n| (*s, n)))
        .collect();
    if reported.is_empty() {
        return Vec::new();
    }
    let sum: i64 = reported.iter().map(|(_, n)| n).sum();
    let total = r.leads.unwrap_or(sum).max(sum);
    let share = |n: i64| percent(Decimal::from(n), Decimal::from(total));
    let mut lines: Vec<SourceLine> = reported
        .into_iter()
        .map(|(s, n)| SourceLine {
            source: Some(s),
            leads: n,
            percent: share(n),
        })
        .collect();
    if total > sum {
        lines.push(SourceLine {
            source: None,
            leads: total - sum,
            percent: share(total - sum),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::{CampaignStatus, CampaignType};
    use crate::domain::ids::{CampaignId, PartnerId};
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn campaign(lead_target: Option<i64>) -> Campaign {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        Campaign {
            partner_id: PartnerId(1),
            name: "Q3 Security Webinar".into(),
            campaign_type: CampaignType::Webinar,
            playbook: None,
            status: CampaignStatus::Completed,
            audience: String::new(),
            start: d(6, 1),
            launch: d(6, 29),
            end: d(6, 30),
            budget: dec!(8000),
            internal_cost: dec!(2000),
            lead_target,
            crm_id: None,
            attribution_agreed: true,
            uses_partner_data: false,
        }
    }

    fn results() -> CampaignResults {
        CampaignResults {
            campaign_id: CampaignId(1),
            registrations: Some(400),
            attendees: Some(180),
            leads: Some(250),
            mqls: Some(60),
            pipeline_sourced: Some(dec!(42000)),
            revenue: Some(dec!(45000)),
            leads_ours: Some(100),
            leads_partner: Some(75),
            leads_paid: Some(50),
            leads_organic: Some(15),
            reach_ours: Some(20000),
            reach_partner: Some(8000),
            target_registrations: Some(500),
            target_attendees: Some(200),
            ..CampaignResults::default()
        }
    }

    #[test]
    fn targets_default_from_the_type_the_program_and_the_cost() {
        let goals = ProgramTargets::default();
        let t = targets(&campaign(None), None, &goals);
        // Webinar expected leads 100–500: the low end.
        assert_eq!(t.leads.as_ref().map(|x| x.0), Some(100));
        assert!(matches!(&t.leads, Some((_, TargetSource::Default(s))) if s.contains("100–500")));
        // 30% of 100 leads.
        assert_eq!(t.mqls.as_ref().map(|x| x.0), Some(30));
        // 5 × (8,000 + 2,000).
        assert_eq!(t.revenue.as_ref().map(|x| x.0), Some(dec!(50000)));
        assert_eq!(t.registrations, None);
        assert_eq!(t.pipeline, None);
        // The campaign's own lead target wins over the type's; 30% of 333
        // is 99.9, rounded up to 100.
        let t = targets(&campaign(Some(333)), None, &goals);
        assert_eq!(t.leads.as_ref().map(|x| x.0), Some(333));
        assert_eq!(t.mqls.as_ref().map(|x| x.0), Some(100));
        // What was typed wins over both.
        let r = CampaignResults {
            target_leads: Some(50),
            target_mqls: Some(5),
            target_revenue: Some(dec!(1)),
            ..results()
        };
        let t = targets(&campaign(Some(333)), Some(&r), &goals);
        assert_eq!(t.leads, Some((50, TargetSource::Set)));
        assert_eq!(t.mqls, Some((5, TargetSource::Set)));
        assert_eq!(t.revenue, Some((dec!(1), TargetSource::Set)));
    }

    #[test]
    fn unattributed_leads_are_counted_in_words_that_agree() {
        let unattributed = |leads: i64| {
            let r = CampaignResults {
                leads: Some(leads),
                ..results()
            };
            let p = performance(
                &campaign(None),
                Some(&r),
                dec!(0),
                &ProgramTargets::default(),
                Currency::USD,
            );
            p.findings
                .into_iter()
                .find(|f| f.key == "unattributed_leads")
                .map(|f| f.message)
        };
        // The sources add up to 240.
        assert_eq!(
            unattributed(241).as_deref(),
            Some("1 lead has no source: attribution cannot be judged on it")
        );
        assert_eq!(
            unattributed(1240).as_deref(),
            Some("1,000 leads have no source: attribution cannot be judged on them")
        );
        // With no campaign lead target, the default names the type with
        // its article.
        let t = targets(
            &Campaign {
                campaign_type: CampaignType::InPersonEvent,
                ..campaign(None)
            },
            None,
            &ProgramTargets::default(),
        );
        assert_eq!(
            t.leads.map(|(_, s)| s),
            Some(TargetSource::Default(
                "the low end of an in-person event's expected leads, 50–200 (docs/domain.md §2)"
                    .into()
            ))
        );
    }

    #[test]
    fn performance_worked_example() {
        let goals = ProgramTargets::default();
        let p = performance(
            &campaign(Some(200)),
            Some(&results()),
            dec!(3000),
            &goals,
            Currency::USD,
        );
        let pct = |m| p.line(m).and_then(|l| l.percent_of_target);
        assert_eq!(pct(Metric::Registrations), Some(dec!(80))); // 400 / 500
        assert_eq!(pct(Metric::Attendees), Some(dec!(90))); // 180 / 200
        // Attendance 180/400 = 45% against 200/500 = 40%: 112.5% of target.
        let att = p.line(Metric::Attendance).unwrap();
        assert_eq!(att.actual, Some(Figure::Percent(dec!(45))));
        assert_eq!(att.target, Some(Figure::Percent(dec!(40))));
        assert_eq!(att.percent_of_target, Some(dec!(112.5)));
        assert_eq!(pct(Metric::Leads), Some(dec!(125))); // 250 / 200
        assert_eq!(pct(Metric::Mqls), Some(dec!(100))); // 60 / 60 (30% of 200)
        assert_eq!(pct(Metric::Pipeline), None); // no pipeline target
        assert_eq!(pct(Metric::Revenue), Some(dec!(90))); // 45,000 / 50,000
        assert_eq!(p.lead_to_mql, Some(dec!(24)));
        assert_eq!(p.promotion_engagement, Some(dec!(40)));
        assert_eq!(p.roi.revenue_to_spend, Some(dec!(4.5)));
        assert_eq!(p.roi.net_cost, dec!(7000));
        // Sources: 240 of 250 attributed, 10 not.
        let shares: Vec<(&str, i64, Option<Decimal>)> = p
            .sources
            .iter()
            .map(|s| (s.label(), s.leads, s.percent))
            .collect();
        assert_eq!(
            shares,
            vec![
                ("Our promotion", 100, Some(dec!(40))),
                ("Partner promotion", 75, Some(dec!(30))),
                ("Paid ads", 50, Some(dec!(20))),
                ("Organic", 15, Some(dec!(6))),
                ("Not attributed", 10, Some(dec!(4))),
            ]
        );
        let keys: Vec<&str> = p.findings.iter().map(|f| f.key).collect();
        assert_eq!(
            keys,
            vec![
                "lead_to_mql",
                "roi_multiple",
                "promotion_engagement",
                "below_target", // registrations
                "below_target", // attendees
                "below_target", // revenue
                "unattributed_leads",
            ]
        );
        assert_eq!(
            p.findings[0].message,
            "Lead-to-MQL 24.0% is below the 30% target"
        );
        assert_eq!(
            p.findings[1].message,
            "ROI multiple 4.5x is below the 5.0x target"
        );
        assert!(
            p.findings[5]
                .message
                .contains("$45,000.00 is 90.0% of the $50,000.00")
        );
    }

    #[test]
    fn findings_stop_at_the_targets_edge() {
        let goals = ProgramTargets::default();
        // Exactly 30% lead-to-MQL, 50% engagement and 5x are met.
        let r = CampaignResults {
            campaign_id: CampaignId(1),
            leads: Some(100),
            mqls: Some(30),
            reach_ours: Some(1000),
            reach_partner: Some(500),
            revenue: Some(dec!(50000)),
            ..CampaignResults::default()
        };
        let p = performance(
            &campaign(Some(100)),
            Some(&r),
            dec!(0),
            &goals,
            Currency::USD,
        );
        assert!(p.findings.is_empty(), "{:?}", p.findings);
        // One below each.
        let r = CampaignResults {
            mqls: Some(29),
            reach_partner: Some(499),
            revenue: Some(dec!(49999.99)),
            ..r
        };
        let p = performance(
            &campaign(Some(100)),
            Some(&r),
            dec!(0),
            &goals,
            Currency::USD,
        );
        let keys: Vec<&str> = p.findings.iter().map(|f| f.key).collect();
        assert_eq!(
            keys,
            vec![
                "lead_to_mql",
                "roi_multiple",
                "promotion_engagement",
                "below_target",
                "below_target"
            ]
        );
    }

    #[test]
    fn nothing_reported_is_na_not_zero() {
        let p = performance(
            &campaign(None),
            None,
            dec!(0),
            &ProgramTargets::default(),
            Currency::USD,
        );
        assert!(p.lines.iter().all(|l| l.actual.is_none()));
        assert!(p.lines.iter().all(|l| l.percent_of_target.is_none()));
        assert!(p.sources.is_empty());
        assert!(p.findings.is_empty());
        assert_eq!(p.lead_to_mql, None);
        // Zero registrations: no attendance rate, no panic.
        let r = CampaignResults {
            registrations: Some(0),
            attendees: Some(0),
            leads: Some(0),
            mqls: Some(0),
            target_registrations: Some(0),
            target_attendees: Some(0),
            leads_ours: Some(0),
            ..CampaignResults::default()
        };
        let p = performance(
            &campaign(None),
            Some(&r),
            dec!(0),
            &ProgramTargets::default(),
            Currency::USD,
        );
        assert_eq!(p.line(Metric::Attendance).unwrap().actual, None);
        assert_eq!(
            p.line(Metric::Registrations).unwrap().percent_of_target,
            None
        );
        assert_eq!(p.sources[0].percent, None);
    }

    #[test]
    fn sources_above_leads_are_refused_by_validation() {
        let r = CampaignResults {
            leads: Some(10),
            leads_ours: Some(8),
            leads_partner: Some(3),
            ..CampaignResults::default()
        };
        let e = r.validate().unwrap_err();
        assert!(e.to_string().contains("add up to 11"), "{e}");
    }
}
