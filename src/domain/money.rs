//! Money: the limits of an amount, rounding, and the display of counts and
//! ratios.
//!
//! All money in jmo is `rust_decimal::Decimal` in the database's one currency
//! (USD by default, docs/domain.md §1.2; how amounts are shown and typed in it is
//! [`super::currency::Currency`]). Rounding to cents is **round half away
//! from zero** (`0.005 → 0.01`, `-0.005 → -0.01`), never banker's rounding.

use rust_decimal::{Decimal, RoundingStrategy};

/// The largest amount jmo accepts anywhere, in any currency: one
/// trillion. It keeps every sum jmo makes far inside `Decimal`'s range, so arithmetic on user
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
        Some("too large: at most 1,000,000,000,000".into())
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

/// Formats a whole count with thousands separators: `12,500`.
pub fn format_count(n: i64) -> String {
    let text = n.unsigned_abs().to_string();
    format!("{}{}", if n < 0 { "-" } else { "" }, group_thousands(&text))
}

/// `digits` with a comma between groups of three: `1234567 → 1,234,567`.
pub(super) fn group_thousands(digits: &str) -> String {
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
/// `None → "n/a"` (a zero denominator, docs/domain.md §7).
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

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(round_cents(dec!(0.005)), dec!(0.01));
        assert_eq!(round_cents(dec!(0.015)), dec!(0.02));
        assert_eq!(round_cents(dec!(0.025)), dec!(0.03));
        assert_eq!(round_cents(dec!(-0.005)), dec!(-0.01));
        assert_eq!(round_cents(dec!(2.344)), dec!(2.34));
    }

    #[test]
    fn formats_counts_and_checks_amounts() {
        assert_eq!(format_count(1234567), "1,234,567");
        assert_eq!(format_count(-1234), "-1,234");
        assert_eq!(amount_error(dec!(1.5)), None);
        assert!(amount_error(dec!(-1)).unwrap().contains("negative"));
        assert!(amount_error(dec!(0.001)).unwrap().contains("cents"));
        assert!(
            amount_error(MAX_AMOUNT + dec!(1))
                .unwrap()
                .contains("too large")
        );
    }

    #[test]
    fn formats_ratios_and_na() {
        assert_eq!(format_percent(Some(dec!(12.35))), "12.4%");
        assert_eq!(format_percent(None), "n/a");
        assert_eq!(format_multiple(Some(dec!(4.25))), "4.3x");
        assert_eq!(format_multiple(None), "n/a");
    }
}
