//! The joint marketing plan's records (docs/domain.md §10.7, seed 003): the plan of one
//! partner for one period (a calendar quarter or year), and its entries,
//! each linking one of the partner's campaigns with its plan figures.
//!
//! What is derived from them (the plan sheet, its totals and review
//! checkpoints) is in [`super::jmp`].

use super::ids::{CampaignId, PartnerId, PlanEntryId, PlanId, Record};
use super::money::amount_error;
use super::validation::{FieldError, Invalid};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A plan's period: a calendar quarter or a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Period {
    /// Quarter `quarter` (1–4) of `year`.
    Quarter {
        /// The year.
        year: i32,
        /// 1–4.
        quarter: u32,
    },
    /// A whole calendar year.
    Year(i32),
}

impl Period {
    /// Reads `2026Q1`, `2026-Q1`, `2026 q1`, `Q1 2026` or `2026`.
    ///
    /// Errors: a message saying what to type.
    pub fn parse(text: &str) -> Result<Period, String> {
        let t: String = text
            .trim()
            .to_uppercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '/'))
            .collect();
        let bad = || {
            format!(
                "'{}' is not a period: type 2026Q1 (a quarter) or 2026 (a year)",
                text.trim()
            )
        };
        let year_ok = |y: i32| (1900..=9999).contains(&y);
        if let Some((a, b)) = t.split_once('Q') {
            let (y, q) = if a.is_empty() {
                // Q1 2026 → "Q12026"
                let (q, y) = b.split_at(1.min(b.len()));
                (y, q)
            } else {
                (a, b)
            };
            let year: i32 = y.parse().map_err(|_| bad())?;
            let quarter: u32 = q.parse().map_err(|_| bad())?;
            if !year_ok(year) || !(1..=4).contains(&quarter) {
                return Err(bad());
            }
            return Ok(Period::Quarter { year, quarter });
        }
        match t.parse::<i32>() {
            Ok(y) if year_ok(y) && t.len() == 4 => Ok(Period::Year(y)),
            _ => Err(bad()),
        }
    }

    /// The quarter or year containing `day`.
    pub fn quarter_of(day: NaiveDate) -> Period {
        Period::Quarter {
            year: day.year(),
            quarter: (day.month() - 1) / 3 + 1,
        }
    }

    /// First day.
    pub fn start(self) -> NaiveDate {
        let (y, m) = match self {
            Period::Quarter { year, quarter } => (year, (quarter - 1) * 3 + 1),
            Period::Year(year) => (year, 1),
        };
        NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Last day.
    pub fn end(self) -> NaiveDate {
        let months = match self {
            Period::Quarter { .. } => 3,
            Period::Year(_) => 12,
        };
        self.start()
            .checked_add_months(chrono::Months::new(months))
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether `day` is in the period.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.start() <= day && day <= self.end()
    }

    /// The review checkpoints (seed 003: a defined review cadence): the
    /// last day of each month of a quarter, of each quarter of a year.
    pub fn checkpoints(self) -> Vec<NaiveDate> {
        let (step, n) = match self {
            Period::Quarter { .. } => (1, 3),
            Period::Year(_) => (3, 4),
        };
        (1..=n)
            .filter_map(|i| {
                self.start()
                    .checked_add_months(chrono::Months::new(step * i))
                    .and_then(|d| d.pred_opt())
            })
            .collect()
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Quarter { year, quarter } => write!(f, "{year}Q{quarter}"),
            Period::Year(y) => write!(f, "{y}"),
        }
    }
}

impl TryFrom<String> for Period {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Period::parse(&s)
    }
}

impl From<Period> for String {
    fn from(p: Period) -> String {
        p.to_string()
    }
}

/// A joint marketing plan with a partner for one period (seed 003).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JointPlan {
    /// The partner.
    pub partner_id: PartnerId,
    /// The period planned.
    pub period: Period,
    /// What the plan is for (the commercial objective it serves).
    #[serde(default)]
    pub objective: String,
    /// Notes (commitments agreed, capacity, assumptions).
    #[serde(default)]
    pub notes: String,
}

impl Record for JointPlan {
    type Id = PlanId;
    type Parent = PartnerId;
    fn parent(&self) -> PartnerId {
        self.partner_id
    }
}

/// A campaign in a joint marketing plan, with its plan figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanEntry {
    /// The plan.
    pub plan_id: PlanId,
    /// The campaign (the plan partner's).
    pub campaign_id: CampaignId,
    /// The sourced pipeline this campaign is to generate, in the database's currency; `None` =
    /// the campaign's results target, if set.
    #[serde(default)]
    pub pipeline_target: Option<Decimal>,
    /// What the partner puts in from its own budget, in the database's currency.
    #[serde(default)]
    pub partner_investment: Decimal,
}

impl Record for PlanEntry {
    type Id = PlanEntryId;
    type Parent = PlanId;
    fn parent(&self) -> PlanId {
        self.plan_id
    }
}

impl JointPlan {
    /// Checks the fields: the objective at most 200 characters (the period
    /// is valid by construction, [`Period::parse`]).
    ///
    /// Errors: [`Invalid`] on `objective`.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.objective.chars().count() > 200 {
            errors.push(FieldError::new("objective", "at most 200 characters"));
        }
        Invalid::check(errors)
    }
}

impl PlanEntry {
    /// Checks the amounts: valid amounts ≥ 0.
    ///
    /// Errors: [`Invalid`] listing every bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if let Some(m) = self.pipeline_target.and_then(amount_error) {
            errors.push(FieldError::new("pipeline_target", m));
        }
        if let Some(m) = amount_error(self.partner_investment) {
            errors.push(FieldError::new("partner_investment", m));
        }
        Invalid::check(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn periods_parse_in_the_usual_spellings() {
        let q1 = Period::Quarter {
            year: 2026,
            quarter: 1,
        };
        for t in ["2026Q1", "2026-Q1", "2026 q1", "Q1 2026", " 2026q1 "] {
            assert_eq!(Period::parse(t), Ok(q1), "{t}");
        }
        assert_eq!(Period::parse("2026"), Ok(Period::Year(2026)));
        for bad in ["2026Q5", "2026Q0", "Q", "26", "20261", "next quarter", ""] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(q1.to_string(), "2026Q1");
        assert_eq!(
            Period::parse(&Period::Year(2027).to_string()),
            Ok(Period::Year(2027))
        );
    }

    #[test]
    fn period_bounds_and_checkpoints() {
        let q4 = Period::parse("2026Q4").unwrap();
        assert_eq!((q4.start(), q4.end()), (d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(
            q4.checkpoints(),
            [d(2026, 10, 31), d(2026, 11, 30), d(2026, 12, 31)]
        );
        let q1 = Period::parse("2028Q1").unwrap();
        assert_eq!(q1.checkpoints()[1], d(2028, 2, 29));
        let y = Period::Year(2026);
        assert_eq!(y.end(), d(2026, 12, 31));
        assert_eq!(
            y.checkpoints(),
            [
                d(2026, 3, 31),
                d(2026, 6, 30),
                d(2026, 9, 30),
                d(2026, 12, 31)
            ]
        );
        assert_eq!(Period::quarter_of(d(2026, 11, 21)), q4);
        assert!(q4.contains(d(2026, 10, 1)) && !q4.contains(d(2027, 1, 1)));
    }
}
