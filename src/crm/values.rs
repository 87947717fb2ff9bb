//! Parsers for the cell values CRMs write (issue 12 items 2 and 4).
//!
//! Each parser takes one cell as text and returns `Ok(None)` for a null (an
//! empty or all-blank cell: Data Loader writes null as an empty string),
//! `Ok(Some(value))` for a value, or `Err(ValueError)` saying why the text is
//! not one. Nothing here knows files or positions: [`super::read`] adds the
//! line and column.
//!
//! The rules, chosen for what Salesforce Data Loader and the sObject Tree API
//! write:
//! - **Dates**: `2014-01-13` (ISO), `2014-01-13T00:00:00.000Z` (a timestamp:
//!   the calendar date *as written* is kept, no time-zone conversion, because
//!   Data Loader writes a date field as that day's midnight UTC), or
//!   `1/13/2014`. A slash date is **always month/day/year** (Data Loader's
//!   default US locale); `13/1/2014` is refused with a reason rather than read
//!   as day/month, and two-digit years are refused.
//! - **Numbers**: `25000`, `25000.00`, `-1.25`, `3.5E8`, `-1.25e-2`; a leading
//!   `+` is allowed. A comma anywhere is refused, quoted or not: `1,234` is a
//!   thousands separator in one locale and a decimal comma in another, and no
//!   CRM export we read writes either. Currency symbols and spaces inside the
//!   number are refused too.
//! - **Percents**: a number of percent units (`12.5` is 12.5 %), as Salesforce
//!   writes `ExpectedResponse`; one trailing `%` is allowed.
//! - **Booleans**: `true`/`false` in any case, `1`/`0`.
//! - **Ids**: an opaque token with no whitespace (Salesforce's are 15 or 18
//!   letters and digits; other CRMs differ, so the length is not checked).
//! - **Text**: kept exactly as written; only an all-blank cell is null.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The kind of a mapped field: what its cells are parsed as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Free text, kept as written.
    Text,
    /// A calendar date.
    Date,
    /// A decimal number (money, counts).
    Decimal,
    /// A number of percent units (`12.5` = 12.5 %).
    Percent,
    /// A yes/no flag.
    Bool,
    /// A record identifier (opaque, no whitespace).
    Id,
    /// A money amount: a decimal that may group its whole part with
    /// thousands separators (`1,234,567.50`), as HubSpot exports write.
    Amount,
}

impl Kind {
    /// Every kind, in the order the profile documentation lists them.
    pub const ALL: [Kind; 7] = [
        Kind::Text,
        Kind::Date,
        Kind::Decimal,
        Kind::Percent,
        Kind::Bool,
        Kind::Id,
        Kind::Amount,
    ];

    /// The kind's name as a profile writes it (`type = "date"`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Date => "date",
            Kind::Decimal => "decimal",
            Kind::Percent => "percent",
            Kind::Bool => "bool",
            Kind::Id => "id",
            Kind::Amount => "amount",
        }
    }

    /// The kind a profile names, or `None` for an unknown name (exact,
    /// lower-case match).
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A typed value read from one cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Text, as written.
    Text(String),
    /// A calendar date.
    Date(NaiveDate),
    /// A decimal number.
    Decimal(Decimal),
    /// A number of percent units.
    Percent(Decimal),
    /// A flag.
    Bool(bool),
    /// A record identifier.
    Id(String),
    /// A text cell of a field with a value map (`[values.FIELD]`): the text as
    /// written and what the map turns it into, `None` when the map has no
    /// entry for it (the import decides what an unmapped value means, e.g.
    /// a Salesforce Type with no jmo equivalent is a *skip*).
    Choice {
        /// The cell's text as written.
        source: String,
        /// The jmo value the map gives, if any.
        mapped: Option<String>,
    },
}

/// Why a cell's text is not a value of its kind: a sentence fragment naming
/// the text and the rule, e.g. `not a date: "13/13/2014" (slash dates are
/// month/day/year)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueError {
    /// The kind the cell was read as.
    pub kind: Kind,
    /// The reason, in words.
    pub reason: String,
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for ValueError {}

fn refuse(kind: Kind, text: &str, why: &str) -> ValueError {
    let what = match kind {
        Kind::Text => "text",
        Kind::Date => "a date",
        Kind::Decimal => "a number",
        Kind::Percent => "a percent",
        Kind::Bool => "true or false",
        Kind::Id => "an id",
        Kind::Amount => "an amount",
    };
    let reason = if why.is_empty() {
        format!("not {what}: {text:?}")
    } else {
        format!("not {what}: {text:?} ({why})")
    };
    ValueError { kind, reason }
}

/// Reads one cell as `kind`. Null (an all-blank cell) is `Ok(None)` for
/// every kind.
///
/// # Errors
/// [`ValueError`] when the text is not a value of that kind (see the module
/// documentation for each kind's rules).
pub fn parse(kind: Kind, text: &str) -> Result<Option<Value>, ValueError> {
    Ok(match kind {
        Kind::Text => parse_text(text).map(Value::Text),
        Kind::Date => parse_date(text)?.map(Value::Date),
        Kind::Decimal => parse_decimal(text)?.map(Value::Decimal),
        Kind::Percent => parse_percent(text)?.map(Value::Percent),
        Kind::Bool => parse_bool(text)?.map(Value::Bool),
        Kind::Id => parse_id(text)?.map(Value::Id),
        Kind::Amount => parse_amount(text)?.map(Value::Decimal),
    })
}

/// Text as written; `None` for an empty or all-whitespace cell.
pub fn parse_text(text: &str) -> Option<String> {
    if text.trim().is_empty() {
        None
    } else {
        Some(text.to_owned())
    }
}

/// A date: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ss[.sss](Z|±hh:mm|±hhmm)` (the
/// date as written), or `M/D/YYYY` (always month/day/year). Surrounding
/// whitespace is ignored; blank is `None`.
///
/// # Errors
/// Any other shape, an impossible day (`2014-02-30`), a slash date whose
/// first number is over 12, or a two-digit year.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, ValueError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.contains('/') {
        return parse_us_date(t).map(Some);
    }
    let (day, rest) = match t.find(['T', 't', ' ']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let bad = |why: &str| refuse(Kind::Date, text, why);
    if !is_iso_day_shape(day) {
        return Err(bad(
            "write 2014-01-13, 2014-01-13T00:00:00.000Z or 1/13/2014",
        ));
    }
    if let Some(time) = rest
        && !is_time_shape(time)
    {
        return Err(bad("the time after the date is not hh:mm:ss"));
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| bad("no such day"))
}

fn is_iso_day_shape(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// `hh:mm[:ss[.fff]]` then an optional `Z`, `±hh:mm` or `±hhmm`.
fn is_time_shape(s: &str) -> bool {
    let (clock, zone) = match s.find(['Z', 'z', '+', '-']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let (hms, frac) = match clock.split_once('.') {
        Some((a, b)) => (a, Some(b)),
        None => (clock, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    let two = |p: &str| p.len() == 2 && p.bytes().all(|c| c.is_ascii_digit());
    let clock_ok = (parts.len() == 2 || parts.len() == 3) && parts.iter().all(|p| two(p));
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|c| c.is_ascii_digit()));
    let zone_ok = match zone {
        "" | "Z" | "z" => true,
        z => {
            let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
            digits.len() == 4 && digits.bytes().all(|c| c.is_ascii_digit())
        }
    };
    clock_ok && frac_ok && zone_ok
}

fn parse_us_date(t: &str) -> Result<NaiveDate, ValueError> {
    let bad = |why: &str| refuse(Kind::Date, t, why);
    let parts: Vec<&str> = t.split('/').collect();
    let number = |p: &str, max_len: usize| {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let [m, d, y] = parts[..] else {
        return Err(bad("slash dates are month/day/year, e.g. 1/13/2014"));
    };
    let (Some(month), Some(day)) = (number(m, 2), number(d, 2)) else {
        return Err(bad("slash dates are month/day/year, e.g. 1/13/2014"));
    };
    if y.len() != 4 || !y.bytes().all(|c| c.is_ascii_digit()) {
        return Err(bad("the year needs four digits"));
    }
    let year: i32 = y.parse().map_err(|_| bad("the year needs four digits"))?;
    if month > 12 {
        return Err(bad(
            "slash dates are month/day/year; there is no month 13 or later",
        ));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| bad("no such day"))
}

/// A decimal number: optional sign, digits, optional `.digits`, optional
/// exponent (`E8`, `e-2`). Blank is `None`.
///
/// # Errors
/// Commas (thousands separators or decimal commas), currency symbols, inner
/// spaces, anything that is not the shape above, or a value too large for a
/// 96-bit decimal.
pub fn parse_decimal(text: &str) -> Result<Option<Decimal>, ValueError> {
    parse_number(Kind::Decimal, text)
}

fn parse_number(kind: Kind, text: &str) -> Result<Option<Decimal>, ValueError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let bad = |why: &str| refuse(kind, text, why);
    if t.contains(',') {
        return Err(bad(
            "no thousands separators or decimal commas: write 1234.56",
        ));
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (whole, frac) = match mantissa.split_once('.') {
        Some((w, f)) => (w, f),
        None => (mantissa, ""),
    };
    let digits = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
    let mantissa_ok = digits(whole) && digits(frac) && !(whole.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.len() <= 3 && digits(e)
    });
    if !mantissa_ok || !exponent_ok {
        return Err(bad(
            "plain digits with an optional point and exponent, e.g. 25000.00 or 3.5E8",
        ));
    }
    let plain = t.strip_prefix('+').unwrap_or(t);
    let value = if exponent.is_some() {
        Decimal::from_scientific(plain)
    } else {
        Decimal::from_str_exact(plain)
    };
    value.map(Some).map_err(|_| bad("too large or too precise"))
}

/// A money amount: a [`parse_decimal`] number whose whole part may be
/// grouped by commas in threes (`1,234,567.50`, `-12,000`); read as a
/// [`Value::Decimal`]. Blank is `None`.
///
/// # Errors
/// A comma not between groups of three digits (`1,23`, `12,34.5`: a
/// decimal comma is refused), or anything [`parse_decimal`] refuses.
pub fn parse_amount(text: &str) -> Result<Option<Decimal>, ValueError> {
    let t = text.trim();
    if !t.contains(',') {
        return parse_number(Kind::Amount, text);
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let whole = unsigned.split(['.', 'e', 'E']).next().unwrap_or_default();
    let groups: Vec<&str> = whole.split(',').collect();
    let digits = |g: &str| g.bytes().all(|c| c.is_ascii_digit());
    let grouped = groups.iter().all(|g| digits(g))
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && !unsigned[whole.len()..].contains(',');
    if !grouped {
        return Err(refuse(
            Kind::Amount,
            text,
            "thousands separators group three digits, e.g. 1,234.56; no decimal commas",
        ));
    }
    parse_number(Kind::Amount, &t.replace(',', ""))
        .map_err(|e| refuse(Kind::Amount, text, reason_tail(&e)))
}

/// A percent as a number of percent units (`12.5` or `12.5%` = 12.5 %).
/// Blank is `None`.
///
/// # Errors
/// As [`parse_decimal`].
pub fn parse_percent(text: &str) -> Result<Option<Decimal>, ValueError> {
    let t = text.trim();
    let t = t.strip_suffix('%').unwrap_or(t);
    parse_number(Kind::Percent, t).map_err(|e| refuse(Kind::Percent, text, reason_tail(&e)))
}

fn reason_tail(e: &ValueError) -> &str {
    e.reason
        .rsplit_once(" (")
        .map(|(_, tail)| tail.trim_end_matches(')'))
        .unwrap_or("")
}

/// A flag: `true`/`false` in any case, or `1`/`0`. Blank is `None`.
///
/// # Errors
/// Anything else (`yes`, `Y`, `2`…).
pub fn parse_bool(text: &str) -> Result<Option<bool>, ValueError> {
    let t = text.trim();
    if t.is_empty() {
        Ok(None)
    } else if t.eq_ignore_ascii_case("true") || t == "1" {
        Ok(Some(true))
    } else if t.eq_ignore_ascii_case("false") || t == "0" {
        Ok(Some(false))
    } else {
        Err(refuse(Kind::Bool, text, "write true, false, 1 or 0"))
    }
}

/// An identifier: surrounding whitespace trimmed; blank is `None`.
///
/// # Errors
/// Whitespace or control characters inside the id.
pub fn parse_id(text: &str) -> Result<Option<String>, ValueError> {
    let t = text.trim();
    if t.is_empty() {
        Ok(None)
    } else if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Err(refuse(Kind::Id, text, "an id has no spaces"))
    } else {
        Ok(Some(t.to_owned()))
    }
}

impl FromStr for Kind {
    type Err = String;

    /// Parses a profile's `type = "…"`; the error lists the known kinds.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Kind::from_name(s).ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
            format!("unknown type {s:?} (one of: {})", names.join(", "))
        })
    }
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
