//! A figure with its unit, and how every report's `--json` writes its
//! figures (README "Currency").
//!
//! One rule for the JSON of `jmo report plan|results|program|jmp`: the
//! document's top-level `"currency"` is the database's ISO code
//! ([`InCurrency`]), and every figure in it — an amount of money, a
//! count, a percentage or a multiple — is an object `{"unit": "money",
//! "value": "5000"}` (`"count"` with a JSON integer, `"percent"` and
//! `"multiple"` with a decimal string like money). A missing figure is
//! `null`. Plain JSON numbers are only record ids, years, and week
//! numbers or durations in weeks.
//!
//! Values are rounded half away from zero when written: money to the
//! currency's minor units (cents; none for the yen), percentages and
//! multiples to two decimal places; trailing zeros are dropped (`"50"`,
//! `"93.79"`, `"27.21"`). The figures are computed unrounded; only their
//! JSON is rounded.

use super::currency::Currency;
use super::money::{format_count, format_multiple, format_percent, round_to};
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::cell::Cell;

/// Decimal places of percentages and multiples in a report's JSON.
pub const RATIO_PLACES: u32 = 2;

thread_local! {
    /// Decimal places money is written with: the currency's minor units
    /// while [`InCurrency`] writes a report, cents otherwise.
    static MONEY_PLACES: Cell<u32> = const { Cell::new(2) };
}

/// One figure of a metric or a gauge: a count, an amount of money (in
/// the database's currency), a percentage or a multiple. In JSON:
/// `{"unit": "money", "value": "42000"}`, rounded ([`Figure::rounded`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    /// A whole count.
    Count(i64),
    /// Money, in the database's currency.
    Money(Decimal),
    /// A percentage (×100).
    Percent(Decimal),
    /// A multiple, e.g. the ROI target 5 ("5.0x").
    Multiple(Decimal),
}

impl Figure {
    /// The figure as a number, for ratios.
    pub fn value(self) -> Decimal {
        match self {
            Figure::Count(n) => Decimal::from(n),
            Figure::Money(d) | Figure::Percent(d) | Figure::Multiple(d) => d,
        }
    }

    /// Display text: `1,200`, `$42,000.00` (in `currency`), `45.0%`,
    /// `5.0x`.
    pub fn text(self, currency: Currency) -> String {
        match self {
            Figure::Count(n) => format_count(n),
            Figure::Money(d) => currency.format(d),
            Figure::Percent(p) => format_percent(Some(p)),
            Figure::Multiple(x) => format_multiple(Some(x)),
        }
    }

    /// The figure as a report's JSON writes it: money rounded to
    /// `money_places`, a percentage or a multiple to [`RATIO_PLACES`],
    /// half away from zero, trailing zeros dropped; a count as it is.
    pub fn rounded(self, money_places: u32) -> Figure {
        let round = |d: Decimal, places| round_to(d, places).normalize();
        match self {
            Figure::Count(n) => Figure::Count(n),
            Figure::Money(d) => Figure::Money(round(d, money_places)),
            Figure::Percent(d) => Figure::Percent(round(d, RATIO_PLACES)),
            Figure::Multiple(d) => Figure::Multiple(round(d, RATIO_PLACES)),
        }
    }
}

impl Serialize for Figure {
    /// `{"unit": "count", "value": 500}`, `{"unit": "money", "value":
    /// "42000"}`, `"percent"`, `"multiple"`: rounded ([`Figure::rounded`]).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut f = s.serialize_struct("Figure", 2)?;
        match self.rounded(MONEY_PLACES.with(Cell::get)) {
            Figure::Count(n) => {
                f.serialize_field("unit", "count")?;
                f.serialize_field("value", &n)?;
            }
            Figure::Money(d) => {
                f.serialize_field("unit", "money")?;
                f.serialize_field("value", &d)?;
            }
            Figure::Percent(d) => {
                f.serialize_field("unit", "percent")?;
                f.serialize_field("value", &d)?;
            }
            Figure::Multiple(d) => {
                f.serialize_field("unit", "multiple")?;
                f.serialize_field("value", &d)?;
            }
        }
        f.end()
    }
}

/// Serializes an amount as a money figure, `{"unit": "money", "value":
/// "5000"}` (`#[serde(serialize_with = "figure::money")]`).
pub fn money<S: Serializer>(amount: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    Figure::Money(*amount).serialize(s)
}

/// Serializes an optional amount as a money figure, or `null`.
pub fn optional_money<S: Serializer>(amount: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    amount.map(Figure::Money).serialize(s)
}

/// Serializes a count (`i64` or `usize`) as a count figure, `{"unit":
/// "count", "value": 480}`.
pub fn count<N, S>(n: &N, s: S) -> Result<S::Ok, S::Error>
where
    N: Copy + TryInto<i64>,
    S: Serializer,
{
    Figure::Count((*n).try_into().unwrap_or(i64::MAX)).serialize(s)
}

/// Serializes an optional count as a count figure, or `null`.
pub fn optional_count<S: Serializer>(n: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
    n.map(Figure::Count).serialize(s)
}

/// Serializes a percentage (×100) as a percent figure.
pub fn percent<S: Serializer>(p: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    Figure::Percent(*p).serialize(s)
}

/// Serializes an optional percentage as a percent figure, or `null`.
pub fn optional_percent<S: Serializer>(p: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    p.map(Figure::Percent).serialize(s)
}

/// Serializes an optional multiple as a multiple figure, or `null`.
pub fn optional_multiple<S: Serializer>(x: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    x.map(Figure::Multiple).serialize(s)
}

/// Serializes "done of total" as `{"done": {"unit": "count", …},
/// "total": {"unit": "count", …}}`.
pub fn done_of<S: Serializer>(pair: &(usize, usize), s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct DoneOf {
        #[serde(serialize_with = "count")]
        done: usize,
        #[serde(serialize_with = "count")]
        total: usize,
    }
    DoneOf {
        done: pair.0,
        total: pair.1,
    }
    .serialize(s)
}

/// A report as its `--json` writes it: `"currency"` first, then the
/// report's own fields, money rounded to the currency's minor units.
#[derive(Debug)]
pub struct InCurrency<'a, T: Serialize> {
    /// The database's currency, every amount of the report is in it.
    pub currency: Currency,
    /// The report.
    pub report: &'a T,
}

impl<T: Serialize> Serialize for InCurrency<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Doc<'a, T: Serialize> {
            currency: Currency,
            #[serde(flatten)]
            report: &'a T,
        }
        /// Puts the money places back when the report is written (or
        /// its writing fails).
        struct Restore(u32);
        impl Drop for Restore {
            fn drop(&mut self) {
                MONEY_PLACES.with(|p| p.set(self.0));
            }
        }
        let _restore = Restore(MONEY_PLACES.with(|p| p.replace(self.currency.minor_units())));
        Doc {
            currency: self.currency,
            report: self.report,
        }
        .serialize(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[derive(Serialize)]
    struct Line {
        item: &'static str,
        #[serde(serialize_with = "money")]
        amount: Decimal,
        #[serde(serialize_with = "optional_money")]
        target: Option<Decimal>,
        share: Figure,
    }

    #[test]
    fn money_is_marked_like_every_figure_and_the_currency_comes_first() {
        let line = Line {
            item: "External budget",
            amount: dec!(5000),
            target: None,
            share: Figure::Percent(dec!(50)),
        };
        let doc = InCurrency {
            currency: Currency::from_code("EUR").unwrap(),
            report: &line,
        };
        assert_eq!(
            serde_json::to_string(&doc).unwrap(),
            r#"{"currency":"EUR","item":"External budget","amount":{"unit":"money","value":"5000"},"target":null,"share":{"unit":"percent","value":"50"}}"#
        );
    }

    #[test]
    fn figures_are_rounded_by_one_rule_money_in_the_currencys_minor_units() {
        #[derive(Serialize)]
        struct Ratios {
            #[serde(serialize_with = "money")]
            per_lead: Decimal,
            #[serde(serialize_with = "optional_percent")]
            of_target: Option<Decimal>,
            #[serde(serialize_with = "optional_multiple")]
            to_spend: Option<Decimal>,
            #[serde(serialize_with = "count")]
            campaigns: usize,
            #[serde(serialize_with = "done_of")]
            checklist: (usize, usize),
            target: Figure,
        }
        let r = Ratios {
            per_lead: dec!(21.383647798742138364779874214),
            of_target: Some(dec!(93.79084967320261437908496732)),
            to_spend: Some(dec!(27.205)),
            campaigns: 9,
            checklist: (9, 10),
            target: Figure::Percent(dec!(50.00)),
        };
        let json = |code: &str| {
            serde_json::to_string(&InCurrency {
                currency: Currency::from_code(code).unwrap(),
                report: &r,
            })
            .unwrap()
        };
        let tail = r#""of_target":{"unit":"percent","value":"93.79"},"to_spend":{"unit":"multiple","value":"27.21"},"campaigns":{"unit":"count","value":9},"checklist":{"done":{"unit":"count","value":9},"total":{"unit":"count","value":10}},"target":{"unit":"percent","value":"50"}}"#;
        assert_eq!(
            json("USD"),
            format!(r#"{{"currency":"USD","per_lead":{{"unit":"money","value":"21.38"}},{tail}"#)
        );
        // The yen has no minor unit: whole yen.
        assert_eq!(
            json("JPY"),
            format!(r#"{{"currency":"JPY","per_lead":{{"unit":"money","value":"21"}},{tail}"#)
        );
        // Outside a report the money places are cents again.
        assert_eq!(
            serde_json::to_string(&Figure::Money(dec!(0.125))).unwrap(),
            r#"{"unit":"money","value":"0.13"}"#
        );
    }
}
