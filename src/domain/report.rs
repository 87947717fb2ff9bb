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

mod plan;
mod program;
mod results;

pub use plan::{BudgetLine, PlanReport, SuccessMetric, Task, TimelineRow, plan, week_of};
pub use program::ProgramReport;
pub use results::{ResultsReport, results, results_with};

use super::campaign::Campaign;
use super::currency::Currency;
use super::dates::iso;
use super::ids::Stored;
use super::markdown::{Md, dash, inline};
use super::program::Program;
use chrono::NaiveDate;
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
