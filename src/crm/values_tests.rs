//! Tests for the cell parsers: each CRM shape, each refusal, and properties
//! (never a panic; a formatted Decimal reads back as itself).

use super::*;
use proptest::prelude::*;
use rust_decimal_macros::dec;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn dates_in_the_three_shapes_crms_write() {
    let want = Some(day(2014, 1, 13));
    assert_eq!(parse_date("2014-01-13"), Ok(want));
    assert_eq!(parse_date("2014-01-13T00:00:00.000Z"), Ok(want));
    assert_eq!(parse_date("2014-01-13T23:30:00-08:00"), Ok(want));
    assert_eq!(parse_date("2014-01-13T23:30:00+0100"), Ok(want));
    assert_eq!(parse_date("1/13/2014"), Ok(want));
    assert_eq!(parse_date("01/13/2014"), Ok(want));
    assert_eq!(parse_date(" 2014-01-13 "), Ok(want));
    assert_eq!(parse_date(""), Ok(None));
    assert_eq!(parse_date("   "), Ok(None));
}

#[test]
fn slash_dates_are_month_first_and_day_first_is_refused() {
    assert_eq!(parse_date("2/1/2014"), Ok(Some(day(2014, 2, 1))));
    let e = parse_date("13/1/2014").unwrap_err();
    assert_eq!(
        e.reason,
        "not a date: \"13/1/2014\" (slash dates are month/day/year; there is no month 13 or later)"
    );
    let e = parse_date("1/13/14").unwrap_err();
    assert!(e.reason.contains("four digits"), "{}", e.reason);
}

#[test]
fn impossible_and_foreign_dates_are_refused_with_the_rule() {
    let e = parse_date("2014-02-30").unwrap_err();
    assert_eq!(e.reason, "not a date: \"2014-02-30\" (no such day)");
    for bad in [
        "13 Jan 2014",
        "2014/01/13",
        "20140113",
        "2014-1-13",
        "2014-01-13T25",
        "soon",
    ] {
        let e = parse_date(bad).unwrap_err();
        assert_eq!(e.kind, Kind::Date);
        assert!(e.reason.starts_with("not a date: "), "{bad}: {}", e.reason);
    }
}

#[test]
fn numbers_plain_fixed_and_scientific() {
    assert_eq!(parse_decimal("25000"), Ok(Some(dec!(25000))));
    assert_eq!(parse_decimal("25000.00"), Ok(Some(dec!(25000.00))));
    assert_eq!(parse_decimal("3.5E8"), Ok(Some(dec!(350000000))));
    assert_eq!(parse_decimal("-1.25e-2"), Ok(Some(dec!(-0.0125))));
    assert_eq!(parse_decimal("+7"), Ok(Some(dec!(7))));
    assert_eq!(parse_decimal(".5"), Ok(Some(dec!(0.5))));
    assert_eq!(parse_decimal(""), Ok(None));
}

#[test]
fn separators_symbols_and_junk_are_refused() {
    let e = parse_decimal("1,234").unwrap_err();
    assert_eq!(
        e.reason,
        "not a number: \"1,234\" (no thousands separators or decimal commas: write 1234.56)"
    );
    for bad in [
        "$25000", "25 000", "1e", "e5", ".", "-", "1.2.3", "12abc", "NaN", "1e99999",
    ] {
        assert!(parse_decimal(bad).is_err(), "{bad} was read as a number");
    }
    let e = parse_decimal("9e100").unwrap_err();
    assert!(e.reason.contains("too large"), "{}", e.reason);
}

#[test]
fn percents_are_percent_units_with_an_optional_sign() {
    assert_eq!(parse_percent("12.5"), Ok(Some(dec!(12.5))));
    assert_eq!(parse_percent("12.5%"), Ok(Some(dec!(12.5))));
    assert_eq!(parse_percent(""), Ok(None));
    let e = parse_percent("ten%").unwrap_err();
    assert_eq!(e.kind, Kind::Percent);
    assert!(
        e.reason.starts_with("not a percent: \"ten%\""),
        "{}",
        e.reason
    );
}

#[test]
fn booleans_as_crms_write_them() {
    for (t, want) in [
        ("true", true),
        ("TRUE", true),
        ("1", true),
        ("false", false),
        ("False", false),
        ("0", false),
    ] {
        assert_eq!(parse_bool(t), Ok(Some(want)), "{t}");
    }
    assert_eq!(parse_bool(""), Ok(None));
    let e = parse_bool("yes").unwrap_err();
    assert_eq!(
        e.reason,
        "not true or false: \"yes\" (write true, false, 1 or 0)"
    );
}

#[test]
fn ids_and_text() {
    assert_eq!(
        parse_id(" 701D000000AbCdEIAZ "),
        Ok(Some("701D000000AbCdEIAZ".into()))
    );
    assert_eq!(parse_id(""), Ok(None));
    assert!(parse_id("701 D").is_err());
    assert_eq!(
        parse_text("  Partner: A - B "),
        Some("  Partner: A - B ".into())
    );
    assert_eq!(parse_text(" "), None);
}

#[test]
fn parse_dispatches_on_kind_and_kinds_have_names() {
    assert_eq!(
        parse(Kind::Decimal, "3.5E8"),
        Ok(Some(Value::Decimal(dec!(350000000))))
    );
    assert_eq!(parse(Kind::Bool, "0"), Ok(Some(Value::Bool(false))));
    assert_eq!(parse(Kind::Text, ""), Ok(None));
    for k in Kind::ALL {
        assert_eq!(k.name().parse::<Kind>(), Ok(k));
    }
    assert_eq!(
        "money".parse::<Kind>(),
        Err(
            "unknown type \"money\" (one of: text, date, decimal, percent, bool, id, amount)"
                .into()
        )
    );
}

proptest! {
    #[test]
    fn no_parser_panics(s in "\\PC{0,24}") {
        for k in Kind::ALL {
            let _ = parse(k, &s);
        }
    }

    #[test]
    fn no_parser_panics_on_number_like_text(s in "[-+]?[0-9.]{0,30}([eE][-+]?[0-9]{0,5})?%?") {
        for k in Kind::ALL {
            let _ = parse(k, &s);
        }
    }

    #[test]
    fn a_formatted_decimal_reads_back_as_itself(m in any::<i64>(), scale in 0u32..=18) {
        let d = Decimal::new(m, scale);
        let back = parse_decimal(&d.to_string());
        prop_assert_eq!(back.clone(), Ok(Some(d)));
        prop_assert_eq!(back.ok().flatten().map(|b| b.scale()), Some(d.scale()));
    }

    #[test]
    fn a_decimal_in_scientific_form_reads_back_as_its_value(m in any::<i32>(), scale in 0u32..=9) {
        let d = Decimal::new(i64::from(m), scale);
        let sci = format!("{d:e}");
        prop_assert_eq!(parse_decimal(&sci).ok().flatten().map(|b| b.normalize()), Some(d.normalize()));
    }

    #[test]
    fn every_real_day_reads_back_in_all_three_shapes(n in 0i64..80_000) {
        let d = day(1900, 1, 1) + chrono::Duration::days(n);
        prop_assert_eq!(parse_date(&d.format("%Y-%m-%d").to_string()), Ok(Some(d)));
        prop_assert_eq!(parse_date(&d.format("%Y-%m-%dT00:00:00.000Z").to_string()), Ok(Some(d)));
        prop_assert_eq!(parse_date(&d.format("%-m/%-d/%Y").to_string()), Ok(Some(d)));
    }
}

/// HubSpot writes amounts with thousands separators; only groups of three
/// read, and a decimal comma is refused with the reason.
#[test]
fn an_amount_may_group_thousands() {
    assert_eq!(parse_amount("1,234,567.50"), Ok(Some(dec!(1234567.50))));
    assert_eq!(parse_amount("-12,000"), Ok(Some(dec!(-12000))));
    assert_eq!(parse_amount(" 48000 "), Ok(Some(dec!(48000))));
    assert_eq!(parse_amount(""), Ok(None));
    let e = parse_amount("12,34.5").unwrap_err();
    assert_eq!(
        e.reason,
        "not an amount: \"12,34.5\" (thousands separators group three digits, e.g. 1,234.56; no decimal commas)"
    );
    assert!(parse_amount("1,234,5").is_err());
    assert!(parse_amount("1.234,50").is_err());
    assert!(parse_amount(",123").is_err());
}
