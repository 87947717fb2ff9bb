//! The program report (docs/domain.md §9): the dashboard's figures, by
//! partner, tier and campaign type, and its Markdown.

use crate::domain::currency::Currency;
use crate::domain::dashboard::{Breakdown, Dashboard, Unit};
use crate::domain::dates::iso;
use crate::domain::markdown::{Align, Md};
use crate::domain::money::{format_count, format_multiple, format_percent};
use rust_decimal::Decimal;
use serde::Serialize;

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
            "**Campaigns launched**: {} ({} without results)  ",
            d.campaigns.len(),
            d.without_results
        ));
        md.line(format!(
            "**Figures**: {} (docs/domain.md §15.3)",
            d.figures.describe()
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
