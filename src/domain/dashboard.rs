//! The program dashboard (docs/domain.md §9, issue 4): the program metrics of one
//! fiscal year against their targets, pipeline by month, and what each
//! campaign type returns with each partner (seed 000 step 2).
//!
//! Which campaigns count:
//! - **the year's campaigns**: launched (launch date) within the fiscal
//!   year, on or before `today`, and not cancelled;
//! - **the year's completed campaigns**: those of them marked completed.
//!
//! Ratios over several campaigns are pooled (Σ numerator ÷ Σ denominator,
//! over the campaigns that report both figures), never averages of
//! per-campaign ratios, so a small campaign cannot swing the program.

use super::campaign::{Campaign, CampaignStatus, CampaignType};
use super::figure::Figure;
use super::ids::{CampaignId, PartnerId, Stored};
use super::ledger::PartnerLedger;
use super::mdf::Policy;
use super::performance::ProgramTargets;
use super::program::Program;
use super::results::CampaignResults;
use super::roi::ratio;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// A fiscal year: named by the calendar year it **ends** in (FY2027 with
/// a February start runs 2026-02-01 to 2027-01-31); with a January start
/// it is the calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FiscalYear {
    /// Its name, e.g. 2027 for FY2027.
    pub year: i32,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

impl FiscalYear {
    /// Fiscal year `year` for a year starting in `start_month` (1–12; out
    /// of range is taken as 1). `None` for a year chrono cannot represent.
    pub fn new(year: i32, start_month: u32) -> Option<FiscalYear> {
        let m = if (1..=12).contains(&start_month) {
            start_month
        } else {
            1
        };
        let start_year = if m == 1 { year } else { year - 1 };
        let start = NaiveDate::from_ymd_opt(start_year, m, 1)?;
        let end = start.checked_add_months(Months::new(12))?.pred_opt()?;
        Some(FiscalYear { year, start, end })
    }

    /// The fiscal year containing `day`.
    pub fn containing(day: NaiveDate, start_month: u32) -> Option<FiscalYear> {
        let year = if start_month > 1 && day.month() >= start_month {
            day.year() + 1
        } else {
            day.year()
        };
        FiscalYear::new(year, start_month)
    }

    /// Whether `day` falls within the year.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// "FY2026".
    pub fn label(&self) -> String {
        format!("FY{}", self.year)
    }

    /// The first day of each of its 12 months.
    pub fn months(&self) -> Vec<NaiveDate> {
        (0..12)
            .filter_map(|i| self.start.checked_add_months(Months::new(i)))
            .collect()
    }
}

/// How a metric is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Money, in the database's currency.
    Money,
    /// A multiple ("5.0x").
    Multiple,
    /// A percentage.
    Percent,
}

/// One program metric against its target (docs/domain.md §9). In JSON, `value`
/// and `target` are figures with their unit, like every figure of a
/// report ([`super::figure`]): `{"unit": "money", "value": "1888000"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gauge {
    /// Stable key: `sourced_pipeline`, `roi_multiple`, `lead_to_mql`,
    /// `promotion_engagement`, `mdf_utilization`.
    pub key: &'static str,
    /// Label, e.g. "Joint sourced pipeline".
    pub label: &'static str,
    /// The figure; `None` when nothing reports it (n/a).
    pub value: Option<Decimal>,
    /// The target (docs/domain.md §9, config `[program]`).
    pub target: Decimal,
    /// The unit of `value` and `target`.
    pub unit: Unit,
    /// What the figure is computed over, e.g. "7 campaigns launched in FY2026".
    pub basis: String,
}

impl Serialize for Gauge {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let figure = |v: Decimal| match self.unit {
            Unit::Money => Figure::Money(v),
            Unit::Multiple => Figure::Multiple(v),
            Unit::Percent => Figure::Percent(v),
        };
        let mut g = s.serialize_struct("Gauge", 5)?;
        g.serialize_field("key", self.key)?;
        g.serialize_field("label", self.label)?;
        g.serialize_field("value", &self.value.map(figure))?;
        g.serialize_field("target", &figure(self.target))?;
        g.serialize_field("basis", &self.basis)?;
        g.end()
    }
}

impl Gauge {
    /// Value ÷ target × 100 (for the bar); `None` when either is missing
    /// or the target is zero.
    pub fn percent_of_target(&self) -> Option<Decimal> {
        ratio(self.value?, self.target).and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED))
    }

    /// Met: value ≥ target (the targets are "more than", docs/domain.md §9; reaching
    /// the target exactly counts as met).
    pub fn met(&self) -> Option<bool> {
        Some(self.value? >= self.target)
    }
}

/// Pipeline of the campaigns launched in one month, by class (docs/domain.md §8:
/// the classes are kept apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthPipeline {
    /// The month's first day.
    pub month: NaiveDate,
    /// Sourced pipeline, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub sourced: Decimal,
    /// Influenced pipeline, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub influenced: Decimal,
    /// Partner-assisted pipeline, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub partner_assisted: Decimal,
}

/// What a group of campaigns spent and returned (a row of the tables by
/// type and by partner × type). Ratios are pooled over the campaigns
/// reporting the figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Breakdown {
    /// The partner, for the partner × type table; `None` in the by-type table.
    pub partner: Option<String>,
    /// The campaign type; `None` for a total row.
    pub campaign_type: Option<CampaignType>,
    /// Campaigns in the group.
    #[serde(serialize_with = "super::figure::count")]
    pub campaigns: usize,
    /// Their total cost (budget + internal), in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub total_cost: Decimal,
    /// Leads reported.
    #[serde(serialize_with = "super::figure::count")]
    pub leads: i64,
    /// MQLs reported.
    #[serde(serialize_with = "super::figure::count")]
    pub mqls: i64,
    /// Sourced pipeline reported, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub pipeline_sourced: Decimal,
    /// Revenue reported, in the database's currency.
    #[serde(serialize_with = "super::figure::money")]
    pub revenue: Decimal,
    /// Total cost ÷ leads, in the database's currency (over campaigns reporting leads).
    #[serde(serialize_with = "super::figure::optional_money")]
    pub cost_per_lead: Option<Decimal>,
    /// Total cost ÷ MQLs, in the database's currency (over campaigns reporting MQLs).
    #[serde(serialize_with = "super::figure::optional_money")]
    pub cost_per_mql: Option<Decimal>,
    /// Sourced pipeline ÷ total cost (over campaigns reporting pipeline).
    #[serde(serialize_with = "super::figure::optional_multiple")]
    pub pipeline_to_spend: Option<Decimal>,
    /// Revenue ÷ total cost (over campaigns reporting revenue).
    #[serde(serialize_with = "super::figure::optional_multiple")]
    pub revenue_to_spend: Option<Decimal>,
    /// MQLs ÷ leads × 100, % (over campaigns reporting both).
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub lead_to_mql_percent: Option<Decimal>,
}

/// Pooled sums for one group.
#[derive(Default)]
struct Pool {
    campaigns: usize,
    cost: Decimal,
    leads: (Decimal, i64),
    mqls: (Decimal, i64),
    pipeline: (Decimal, Decimal),
    revenue: (Decimal, Decimal),
    /// (leads, MQLs) of the campaigns reporting both.
    conversion: (i64, i64),
}

impl Pool {
    fn add(&mut self, c: &Campaign, r: Option<&CampaignResults>) {
        let cost = c.budget + c.internal_cost;
        self.campaigns += 1;
        self.cost += cost;
        if let Some(r) = r {
            if let Some(l) = r.leads {
                self.leads.0 += cost;
                self.leads.1 += l;
            }
            if let Some(m) = r.mqls {
                self.mqls.0 += cost;
                self.mqls.1 += m;
            }
            if let Some(p) = r.pipeline_sourced {
                self.pipeline.0 += cost;
                self.pipeline.1 += p;
            }
            if let Some(v) = r.revenue {
                self.revenue.0 += cost;
                self.revenue.1 += v;
            }
            if let (Some(l), Some(m)) = (r.leads, r.mqls) {
                self.conversion.0 += l;
                self.conversion.1 += m;
            }
        }
    }

    fn row(&self, partner: Option<String>, campaign_type: Option<CampaignType>) -> Breakdown {
        Breakdown {
            partner,
            campaign_type,
            campaigns: self.campaigns,
            total_cost: self.cost,
            leads: self.leads.1,
            mqls: self.mqls.1,
            pipeline_sourced: self.pipeline.1,
            revenue: self.revenue.1,
            cost_per_lead: ratio(self.leads.0, Decimal::from(self.leads.1)),
            cost_per_mql: ratio(self.mqls.0, Decimal::from(self.mqls.1)),
            pipeline_to_spend: ratio(self.pipeline.1, self.pipeline.0),
            revenue_to_spend: ratio(self.revenue.1, self.revenue.0),
            lead_to_mql_percent: ratio(
                Decimal::from(self.conversion.1),
                Decimal::from(self.conversion.0),
            )
            .map(|x| x * Decimal::ONE_HUNDRED),
        }
    }
}

/// Which results a campaign's figures come from (docs/domain.md §15.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The evidenced figures where the campaign has evidence, the
    /// reported ones for the rest.
    Evidenced,
    /// The reported figures (as typed), whatever the evidence.
    Reported,
}

/// The figures a dashboard is computed on (docs/domain.md §15.3): its
/// basis and, on the evidenced basis, how many of the year's campaigns
/// had evidenced figures. In JSON: `{"basis": "evidenced", "evidenced":
/// {"unit": "count", "value": 4}, "campaigns": {…}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Evidenced where evidence exists, or reported.
    pub basis: Basis,
    /// Of the year's campaigns, how many use evidenced figures (0 on the
    /// reported basis).
    #[serde(serialize_with = "super::figure::count")]
    pub evidenced: usize,
    /// The year's campaigns.
    #[serde(serialize_with = "super::figure::count")]
    pub campaigns: usize,
}

impl Figures {
    /// In words, e.g. "evidenced where the CRM supports it (4 of 7
    /// campaigns), reported for the rest", "reported (as typed)", or
    /// "reported: no CRM evidence for the year's campaigns" on the
    /// evidenced basis without any.
    pub fn describe(&self) -> String {
        match self.basis {
            Basis::Reported => "reported (as typed)".into(),
            Basis::Evidenced if self.evidenced == 0 => {
                "reported: no CRM evidence for the year's campaigns".into()
            }
            Basis::Evidenced if self.evidenced == self.campaigns => format!(
                "evidenced where the CRM supports it (all {})",
                count_text(self.campaigns, "campaign")
            ),
            Basis::Evidenced => format!(
                "evidenced where the CRM supports it ({} of {}), reported for the rest",
                self.evidenced,
                count_text(self.campaigns, "campaign")
            ),
        }
    }
}

/// The dashboard of one fiscal year (docs/domain.md §9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    /// The fiscal year.
    pub year: FiscalYear,
    /// The day the figures are as of.
    pub as_of: NaiveDate,
    /// The five program metrics, in docs/domain.md §9 order.
    pub gauges: Vec<Gauge>,
    /// Pipeline by launch month, the year's 12 months in order.
    pub pipeline_by_month: Vec<MonthPipeline>,
    /// One row per campaign type with campaigns this year, then a total
    /// row (`campaign_type: None`).
    pub by_type: Vec<Breakdown>,
    /// One row per partner × campaign type with campaigns this year,
    /// sorted by partner name then type.
    pub by_partner_type: Vec<Breakdown>,
    /// The year's campaigns, in launch order.
    pub campaigns: Vec<CampaignId>,
    /// Of them, how many have no results reported.
    #[serde(serialize_with = "super::figure::count")]
    pub without_results: usize,
    /// Which figures: evidenced or reported (docs/domain.md §15.3).
    pub figures: Figures,
    /// The database's currency, every amount is in it (in the JSON, the
    /// document's top-level `"currency"`: [`super::figure::InCurrency`]).
    #[serde(skip)]
    pub currency: super::currency::Currency,
}

/// Pools campaigns by type (docs/domain.md §9, pooled Σ ÷ Σ): one row per type
/// present, in type order, then a total row (`campaign_type: None`);
/// empty when `items` is.
pub fn by_type<'a>(
    items: impl IntoIterator<Item = (&'a Campaign, Option<&'a CampaignResults>)>,
) -> Vec<Breakdown> {
    let mut pools: BTreeMap<CampaignType, Pool> = BTreeMap::new();
    let mut total = Pool::default();
    for (c, r) in items {
        pools.entry(c.campaign_type).or_default().add(c, r);
        total.add(c, r);
    }
    let mut rows: Vec<Breakdown> = pools.iter().map(|(t, p)| p.row(None, Some(*t))).collect();
    if total.campaigns > 0 {
        rows.push(total.row(None, None));
    }
    rows
}

/// Whether `c` is one of the year's campaigns (see the module docs).
pub fn in_year(c: &Campaign, year: &FiscalYear, today: NaiveDate) -> bool {
    year.contains(c.launch) && c.launch <= today && c.status != CampaignStatus::Cancelled
}

fn count_text(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Computes the dashboard of `year` as of `today` (docs/domain.md §9). MDF
/// utilization = Σ claimed ÷ Σ allocated over the funds whose period
/// overlaps the year (claims as derived by the ledger, docs/domain.md §11).
///
/// `evidenced`: the evidenced results by campaign (docs/domain.md §15.3,
/// [`super::evidence::campaign::CampaignEvidence::as_results`]); given,
/// a campaign found there counts with them instead of its reported
/// results ([`Basis::Evidenced`]); `None`: the reported results
/// ([`Basis::Reported`]).
pub fn dashboard(
    program: &Program,
    year: FiscalYear,
    goals: &ProgramTargets,
    policies: &BTreeMap<String, Policy>,
    today: NaiveDate,
    evidenced: Option<&BTreeMap<CampaignId, CampaignResults>>,
) -> Dashboard {
    let mut campaigns: Vec<&Stored<Campaign>> = program
        .campaigns
        .iter()
        .filter(|c| in_year(c, &year, today))
        .collect();
    campaigns.sort_by_key(|c| (c.launch, c.id));
    let from_evidence = |c: &Stored<Campaign>| evidenced.and_then(|e| e.get(&c.id));
    let results = |c: &Stored<Campaign>| {
        from_evidence(c).or_else(|| program.results_of(c.id).map(|r| &r.value))
    };
    let figures = Figures {
        basis: if evidenced.is_some() {
            Basis::Evidenced
        } else {
            Basis::Reported
        },
        evidenced: campaigns
            .iter()
            .filter(|c| from_evidence(c).is_some())
            .count(),
        campaigns: campaigns.len(),
    };

    let mut pipeline = Decimal::ZERO;
    let (mut roi_rev, mut roi_cost, mut roi_n) = (Decimal::ZERO, Decimal::ZERO, 0usize);
    let (mut mqls, mut leads, mut mql_n) = (0i64, 0i64, 0usize);
    let (mut reach_p, mut reach_o, mut reach_n) = (0i64, 0i64, 0usize);
    let mut months: Vec<MonthPipeline> = year
        .months()
        .into_iter()
        .map(|month| MonthPipeline {
            month,
            sourced: Decimal::ZERO,
            influenced: Decimal::ZERO,
            partner_assisted: Decimal::ZERO,
        })
        .collect();
    let mut by_type: BTreeMap<CampaignType, Pool> = BTreeMap::new();
    let mut by_pair: BTreeMap<(String, PartnerId, CampaignType), Pool> = BTreeMap::new();
    let mut total = Pool::default();
    let mut without_results = 0;
    for c in &campaigns {
        let r = results(c);
        if !r.is_some_and(CampaignResults::has_actuals) {
            without_results += 1;
        }
        by_type.entry(c.campaign_type).or_default().add(c, r);
        let partner = program
            .partners
            .get(c.partner_id)
            .map_or_else(String::new, |p| p.name.clone());
        by_pair
            .entry((partner, c.partner_id, c.campaign_type))
            .or_default()
            .add(c, r);
        total.add(c, r);
        let Some(r) = r else { continue };
        pipeline += r.pipeline_sourced.unwrap_or_default();
        if let Some(m) = months.iter_mut().rev().find(|m| m.month <= c.launch) {
            m.sourced += r.pipeline_sourced.unwrap_or_default();
            m.influenced += r.pipeline_influenced.unwrap_or_default();
            m.partner_assisted += r.pipeline_partner_assisted.unwrap_or_default();
        }
        if c.status == CampaignStatus::Completed
            && let Some(rev) = r.revenue
        {
            roi_rev += rev;
            roi_cost += c.budget + c.internal_cost;
            roi_n += 1;
        }
        if let (Some(m), Some(l)) = (r.mqls, r.leads) {
            mqls += m;
            leads += l;
            mql_n += 1;
        }
        if let (Some(p), Some(o)) = (r.reach_partner, r.reach_ours) {
            reach_p += p;
            reach_o += o;
            reach_n += 1;
        }
    }
    let pct = |a: Decimal, b: Decimal| ratio(a, b).map(|x| x * Decimal::ONE_HUNDRED);

    // MDF: the funds overlapping the year, with their ledger.
    let (mut allocated, mut claimed, mut funds_n) = (Decimal::ZERO, Decimal::ZERO, 0usize);
    for p in program.partners.iter() {
        let funds: Vec<_> = program
            .funds
            .children(p.id)
            .filter(|f| f.period_start <= year.end && f.period_end >= year.start)
            .collect();
        if funds.is_empty() {
            continue;
        }
        let ledger = PartnerLedger::of(program, p.id, policies, today);
        for f in funds {
            if let Some(b) = ledger.funds.get(&f.id) {
                allocated += b.allocated;
                claimed += b.claimed;
                funds_n += 1;
            }
        }
    }
    let fy = year.label();
    let gauges = vec![
        Gauge {
            key: "sourced_pipeline",
            label: "Joint sourced pipeline",
            value: (!campaigns.is_empty()).then_some(pipeline),
            target: goals.sourced_pipeline,
            unit: Unit::Money,
            basis: format!(
                "{} launched in {fy}",
                count_text(campaigns.len(), "campaign")
            ),
        },
        Gauge {
            key: "roi_multiple",
            label: "Campaign ROI",
            value: ratio(roi_rev, roi_cost),
            target: goals.roi_multiple,
            unit: Unit::Multiple,
            basis: format!(
                "revenue ÷ cost of {} completed with revenue reported",
                count_text(roi_n, "campaign")
            ),
        },
        Gauge {
            key: "lead_to_mql",
            label: "Lead-to-MQL",
            value: pct(Decimal::from(mqls), Decimal::from(leads)),
            target: goals.lead_to_mql_percent,
            unit: Unit::Percent,
            basis: format!(
                "MQLs ÷ leads of {} reporting both",
                count_text(mql_n, "campaign")
            ),
        },
        Gauge {
            key: "promotion_engagement",
            label: "Partner promotion engagement",
            value: pct(Decimal::from(reach_p), Decimal::from(reach_o)),
            target: goals.promotion_engagement_percent,
            unit: Unit::Percent,
            basis: format!(
                "partner reach ÷ our reach of {} reporting both",
                count_text(reach_n, "campaign")
            ),
        },
        Gauge {
            key: "mdf_utilization",
            label: "MDF utilization",
            value: pct(claimed, allocated),
            target: goals.mdf_utilization_percent,
            unit: Unit::Percent,
            basis: format!(
                "claimed ÷ allocated of {} overlapping {fy}",
                count_text(funds_n, "fund")
            ),
        },
    ];
    let mut by_type_rows: Vec<Breakdown> =
        by_type.iter().map(|(t, p)| p.row(None, Some(*t))).collect();
    if !campaigns.is_empty() {
        by_type_rows.push(total.row(None, None));
    }
    Dashboard {
        year,
        as_of: today,
        gauges,
        pipeline_by_month: months,
        by_type: by_type_rows,
        by_partner_type: by_pair
            .iter()
            .map(|((name, _, t), p)| p.row(Some(name.clone()), Some(*t)))
            .collect(),
        campaigns: campaigns.iter().map(|c| c.id).collect(),
        without_results,
        figures,
        currency: program.currency,
    }
}

#[cfg(test)]
#[path = "dashboard_tests.rs"]
mod tests;
