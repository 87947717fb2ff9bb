//! Money: parsing what a user types, rounding, and display.
//!
//! All money in jmo is `rust_decimal::Decimal` in the database's one currency
//! (USD by default, SPEC intro). Rounding to cents is **round half away from
//! zero** (`0.005 → 0.01`, `-0.005 → -0.01`), never banker's rounding.

use rust_decimal::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

/// The largest amount jmo accepts anywhere, USD: one trillion. It keeps
/// every sum jmo makes far inside `Decimal`'s range, so arithmetic on user
/// input can never overflow.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0xD4A5_1000, 0xE8, 0, false, 0);

/// The largest count (leads, attendees…) jmo accepts: one billion.
pub const MAX_COUNT: i64 = 1_000_000_000;

/// What is wrong with a stored amount, if anything: negative, above
/// [`MAX_AMOUNT`], or finer than cents.
pub fn amount_error(amount: Decimal) -> Option<String> {
    if amount.is_sign_negative() && !amount.is_zero() {
        Some("money cannot be negative".into())
    } else if amount > MAX_AMOUNT {
        Some("too large: at most $1,000,000,000,000".into())
    } else if amount.normalize().scale() > 2 {
        Some("at most two decimal places (cents)".into())
    } else {
        None
    }
}

/// What is wrong with a count, if anything: negative or above [`MAX_COUNT`].
pub fn count_error(n: i64) -> Option<String> {
    if n < 0 {
        Some("cannot be negative".into())
    } else if n > MAX_COUNT {
        Some("too large: at most 1,000,000,000".into())
    } else {
        None
    }
}

/// Rounds `amount` to whole cents, half away from zero.
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Rounds `value` to `dp` decimal places, half away from zero.
pub fn round_to(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Parses a money amount typed by a user, in USD.
///
/// Accepts `12500`, `12,500`, `$12,500.50`, `12.5k` (thousands) and
/// surrounding spaces. Errors (as a message for the field): empty input,
/// not a number, negative, more than two decimal places (cents).
pub fn parse_money(input: &str) -> Result<Decimal, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("enter an amount, e.g. 12500 or 12.5k".into());
    }
    let negative = s.starts_with('-');
    let body = s.trim_start_matches('-').trim_start_matches('$').trim();
    let (body, scale) = match body.strip_suffix(['k', 'K']) {
        Some(b) => (b.trim(), Decimal::from(1000)),
        None => (body, Decimal::ONE),
    };
    let cleaned: String = body.chars().filter(|c| *c != ',' && *c != '_').collect();
    if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(format!(
            "'{s}' is not an amount; type digits, e.g. 12500 or 12.5k"
        ));
    }
    if body.contains(',') && !thousands_grouped(body) {
        return Err(format!("'{s}': commas go between thousands, e.g. 12,500"));
    }
    if cleaned.matches('.').count() > 1 {
        return Err(format!(
            "'{s}' is not an amount; type digits, e.g. 12500 or 12.5k"
        ));
    }
    let (int_part, frac_part) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if int_part.trim_start_matches('0').len() > 13 {
        return Err("too large: at most $1,000,000,000,000".into());
    }
    if scale == Decimal::ONE && frac_part.trim_end_matches('0').len() > 2 {
        return Err("at most two decimal places (cents)".into());
    }
    let value = Decimal::from_str(&cleaned)
        .map_err(|_| format!("'{s}' is not an amount; type digits, e.g. 12500 or 12.5k"))?
        .checked_mul(scale)
        .ok_or_else(|| format!("'{s}' is too large"))?;
    if negative && !value.is_zero() {
        return Err("money cannot be negative".into());
    }
    let value = value.normalize();
    match amount_error(value) {
        Some(message) => Err(message),
        None => Ok(value),
    }
}

/// Whether commas in `body` sit between groups of three digits
/// ("12,500.50" yes, "1,2,3" no).
fn thousands_grouped(body: &str) -> bool {
    let int_part = body.split('.').next().unwrap_or("");
    let mut groups = int_part.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    first_ok && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

/// Parses an optional money amount: empty input is `None`.
pub fn parse_optional_money(input: &str) -> Result<Option<Decimal>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_money(input).map(Some)
    }
}

/// Formats USD with thousands separators and cents: `$12,500.00`, `-$40.10`.
pub fn format_usd(amount: Decimal) -> String {
    let rounded = round_cents(amount);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let text = format!("{:.2}", rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    format!(
        "{}${}.{}",
        if negative { "-" } else { "" },
        group_thousands(int),
        frac
    )
}

/// Formats USD compactly for narrow columns: `$950`, `$12.5K`, `$2.1M`.
pub fn format_usd_short(amount: Decimal) -> String {
    let negative = amount.is_sign_negative() && !amount.is_zero();
    let sign = if negative { "-" } else { "" };
    let abs = amount.abs();
    // Round first, then pick the unit, so $999.95 is "$1K", not "$1000".
    let whole = round_to(abs, 0);
    if whole < Decimal::from(1000) {
        return format!("{sign}${whole}");
    }
    let thousands = round_to(abs / Decimal::from(1000), 1);
    if thousands < Decimal::from(1000) {
        return format!("{sign}${}K", thousands.normalize());
    }
    let millions = round_to(abs / Decimal::from(1_000_000), 1);
    format!("{sign}${}M", millions.normalize())
}

/// Formats a whole count with thousands separators: `12,500`.
pub fn format_count(n: i64) -> String {
    let text = n.unsigned_abs().to_string();
    format!("{}{}", if n < 0 { "-" } else { "" }, group_thousands(&text))
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Formats a percentage (already ×100) to one decimal: `Some(12.345) → "12.3%"`,
/// `None → "n/a"` (a zero denominator, SPEC §7).
pub fn format_percent(p: Option<Decimal>) -> String {
    match p {
        Some(v) => format!("{:.1}%", round_to(v, 1)),
        None => "n/a".into(),
    }
}

/// Formats a multiple to one decimal: `Some(4.25) → "4.3x"`, `None → "n/a"`.
pub fn format_multiple(m: Option<Decimal>) -> String {
    match m {
        Some(v) => format!("{:.1}x", round_to(v, 1)),
        None => "n/a".into(),
    }
}

/// Formats an optional USD amount: `None → "n/a"`.
pub fn format_optional_usd(amount: Option<Decimal>) -> String {
    amount.map(format_usd).unwrap_or_else(|| "n/a".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn parses_common_spellings() {
        assert_eq!(parse_money("12500"), Ok(dec!(12500)));
        assert_eq!(parse_money(" $12,500.50 "), Ok(dec!(12500.50)));
        assert_eq!(parse_money("12.5k"), Ok(dec!(12500)));
        assert_eq!(parse_money("0"), Ok(dec!(0)));
        assert_eq!(parse_money("1.10"), Ok(dec!(1.1)));
    }

    #[test]
    fn refuses_bad_money_with_a_message() {
        assert!(parse_money("").unwrap_err().contains("enter an amount"));
        assert!(parse_money("abc").unwrap_err().contains("not an amount"));
        assert!(parse_money("-5").unwrap_err().contains("negative"));
        assert!(parse_money("1.005").unwrap_err().contains("cents"));
        assert!(parse_money("1.2.3").unwrap_err().contains("not an amount"));
        assert!(
            parse_money("1000000000000.01")
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(parse_money("1000000000000"), Ok(MAX_AMOUNT));
        assert!(
            parse_money("79228162514264337593543950335")
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(parse_optional_money("  "), Ok(None));
    }

    #[test]
    fn refuses_odd_spellings_and_extremes() {
        assert!(
            parse_money("123456789012345678901234567890123")
                .unwrap_err()
                .contains("too large")
        );
        assert!(
            parse_money("1,2,3")
                .unwrap_err()
                .contains("commas go between thousands")
        );
        assert!(
            parse_money("0.0000000000000000000000000000001")
                .unwrap_err()
                .contains("cents")
        );
        assert_eq!(parse_money("1,234,567.50"), Ok(dec!(1234567.5)));
        assert_eq!(format_usd_short(dec!(999.95)), "$1K");
        assert_eq!(format_usd_short(dec!(999960)), "$1M");
        assert_eq!(format_usd_short(dec!(999.4)), "$999");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_cents(dec!(0.005)), dec!(0.01));
        assert_eq!(round_cents(dec!(0.015)), dec!(0.02));
        assert_eq!(round_cents(dec!(0.025)), dec!(0.03));
        assert_eq!(round_cents(dec!(-0.005)), dec!(-0.01));
        assert_eq!(round_cents(dec!(2.344)), dec!(2.34));
    }

    #[test]
    fn formats_usd() {
        assert_eq!(format_usd(dec!(12500)), "$12,500.00");
        assert_eq!(format_usd(dec!(999.999)), "$1,000.00");
        assert_eq!(format_usd(dec!(-40.1)), "-$40.10");
        assert_eq!(format_usd(dec!(1234567.891)), "$1,234,567.89");
        assert_eq!(format_usd(dec!(0)), "$0.00");
        assert_eq!(format_usd_short(dec!(950)), "$950");
        assert_eq!(format_usd_short(dec!(12500)), "$12.5K");
        assert_eq!(format_usd_short(dec!(2000000)), "$2M");
        assert_eq!(format_count(1234567), "1,234,567");
    }

    #[test]
    fn formats_ratios_and_na() {
        assert_eq!(format_percent(Some(dec!(12.35))), "12.4%");
        assert_eq!(format_percent(None), "n/a");
        assert_eq!(format_multiple(Some(dec!(4.25))), "4.3x");
        assert_eq!(format_multiple(None), "n/a");
    }
}
