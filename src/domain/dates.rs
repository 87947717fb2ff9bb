//! Calendar dates: parsing what a user types and short display forms.
//!
//! Dates are `chrono::NaiveDate` in the user's local time zone (docs/domain.md §1.3).
//! "Today" is always passed in; nothing here reads the clock.

use chrono::{Datelike, Days, NaiveDate};

/// The earliest year a typed date may have.
pub const FIRST_YEAR: i32 = 1900;
/// The latest year a typed date may have.
pub const LAST_YEAR: i32 = 2200;

/// Parses a date typed into a field, relative to `today`.
///
/// Accepts `YYYY-MM-DD`, `today`, and a day offset `+N` / `-N`
/// (e.g. `+14` is two weeks from today), in the years
/// [`FIRST_YEAR`]–[`LAST_YEAR`]. Errors: a message for the field.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let s = input.trim();
    if s.is_empty() {
        return Err("enter a date as YYYY-MM-DD (or today, +7, -3)".into());
    }
    if s.eq_ignore_ascii_case("today") {
        return Ok(today);
    }
    let date = if let Some(rest) = s.strip_prefix('+').or_else(|| s.strip_prefix('-')) {
        let digits = rest.trim();
        let days: i64 = digits
            .parse()
            .ok()
            .filter(|_| !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
            .ok_or_else(|| format!("'{s}' is not a date; use YYYY-MM-DD, today, +7 or -3"))?;
        let days = if s.starts_with('-') { -days } else { days };
        add_days(today, days).ok_or_else(|| format!("'{s}' is out of range"))?
    } else {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
            format!(
                "'{s}' is not a date; use YYYY-MM-DD (e.g. {})",
                today.format("%Y-%m-%d")
            )
        })?
    };
    if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
        return Err(format!(
            "'{s}' is {}: use a year from {FIRST_YEAR} to {LAST_YEAR}",
            iso(date)
        ));
    }
    Ok(date)
}

/// Parses an optional date: empty input is `None`.
pub fn parse_optional_date(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        parse_date(input, today).map(Some)
    }
}

/// `date + days` (negative allowed); `None` only outside chrono's range.
pub fn add_days(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

/// `date + days`, saturating at chrono's range ends (never panics).
pub fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    add_days(date, days).unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Short display form: `Sep 12` in the current year of `today`, else `Sep 12 '25`.
pub fn short(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%b %d").to_string()
    } else {
        date.format("%b %d '%y").to_string()
    }
}

/// ISO form `YYYY-MM-DD`, the one forms and exports use.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_iso_today_and_offsets() {
        let today = d(2026, 11, 21);
        assert_eq!(parse_date("2026-03-01", today), Ok(d(2026, 3, 1)));
        assert_eq!(parse_date(" today ", today), Ok(today));
        assert_eq!(parse_date("+14", today), Ok(d(2026, 12, 5)));
        assert_eq!(parse_date("-21", today), Ok(d(2026, 10, 31)));
        assert_eq!(parse_optional_date("", today), Ok(None));
    }

    #[test]
    fn refuses_bad_dates_with_a_message() {
        let today = d(2026, 11, 21);
        assert!(
            parse_date("2026-02-30", today)
                .unwrap_err()
                .contains("YYYY-MM-DD")
        );
        assert!(
            parse_date("next week", today)
                .unwrap_err()
                .contains("not a date")
        );
        assert!(parse_date("+x", today).unwrap_err().contains("not a date"));
        assert!(parse_date("", today).unwrap_err().contains("enter a date"));
        assert!(parse_date("+99999999999", today).is_err());
        assert!(parse_date("--5", today).is_err());
        assert!(parse_date("+-5", today).is_err());
        assert!(
            parse_date("+3000000", today)
                .unwrap_err()
                .contains("use a year from")
        );
        assert!(parse_date("1899-12-31", today).is_err());
    }

    #[test]
    fn short_form_shows_year_only_when_needed() {
        let today = d(2026, 11, 21);
        assert_eq!(short(d(2026, 9, 2), today), "Sep 02");
        assert_eq!(short(d(2025, 9, 2), today), "Sep 02 '25");
        assert_eq!(days_between(d(2026, 1, 1), d(2026, 2, 12)), 42);
    }
}
