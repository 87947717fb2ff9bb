//! A figure with its unit, and how every report's `--json` writes money
//! (README "Currency").
//!
//! One rule for the JSON of `jmo report plan|results|program|jmp`: the
//! document's top-level `"currency"` is the database's ISO code
//! ([`InCurrency`]), and every amount of money in it is an object
//! `{"unit": "money", "value": "5000"}` (the value a decimal string in
//! that currency), the same shape as the other figures whose unit is not
//! given by their name (`{"unit": "count", "value": 500}`, `"percent"`,
//! `"multiple"`). A missing figure is `null`.

use super::currency::Currency;
use super::money::{format_count, format_multiple, format_percent};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// One figure of a metric or a gauge: a count, an amount of money (in
/// the database's currency), a percentage or a multiple. In JSON:
/// `{"unit": "money", "value": "42000"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
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

/// A report as its `--json` writes it: `"currency"` first, then the
/// report's own fields.
#[derive(Debug, Serialize)]
pub struct InCurrency<'a, T: Serialize> {
    /// The database's currency, every amount of the report is in it.
    pub currency: Currency,
    /// The report.
    #[serde(flatten)]
    pub report: &'a T,
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
}
