//! The database's one currency (docs/domain.md §1.2: "all money in one currency"):
//! its ISO 4217 code, the symbol jmo shows and its minor units, with the
//! formatting and parsing of every amount shown, written or typed.
//!
//! The ISO 4217 table (which codes exist, how many decimal places each
//! has: JPY 0, EUR 2, KWD 3) comes from the `iso_currency` crate. The
//! symbols are jmo's own short list: $ (USD), € (EUR), £ (GBP), ¥ (JPY).
//! Every other currency is shown by its code ("CHF 1,200.00"), because
//! the other symbols are shared ($ is also CAD's and AUD's, ¥ CNY's, kr
//! four currencies') or unreadable in a terminal (د.ك), and an amount must
//! never be mistaken for another currency's.
//!
//! A [`Currency`] is a plain value: the store reads it into
//! [`super::Program::currency`] and every formatter takes it from there.

use super::money::{MAX_AMOUNT, amount_error, group_thousands, round_to};
use rust_decimal::Decimal;
use rust_decimal::prelude::*;

/// A currency: ISO 4217 code, the symbol jmo shows (if any) and the
/// number of decimal places its amounts are shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: [u8; 3],
    minor_units: u8,
    symbol: Option<&'static str>,
}

impl Default for Currency {
    /// USD, the currency of a new database (docs/domain.md §1.2).
    fn default() -> Self {
        Currency::USD
    }
}

impl std::fmt::Display for Currency {
    /// The ISO code, e.g. `EUR`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Currency {
    /// The ISO code, e.g. `"EUR"` (the `currency` of a `--json` report).
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The symbols jmo shows; every other currency is shown by its code.
const SYMBOLS: [(&str, &str); 4] = [("USD", "$"), ("EUR", "€"), ("GBP", "£"), ("JPY", "¥")];

impl Currency {
    /// US dollars: `$`, two decimal places.
    pub const USD: Currency = Currency {
        code: *b"USD",
        minor_units: 2,
        symbol: Some("$"),
    };

    /// The currency of an ISO 4217 code (exactly three capital letters, a
    /// currency in the ISO table that money is counted in, so not XAU).
    ///
    /// Errors: a message for the user, e.g. "'EURO' is not a currency code
    /// (three capital letters, e.g. USD)" or "'XYZ' is not an ISO 4217
    /// currency code".
    pub fn from_code(code: &str) -> Result<Currency, String> {
        let bytes: [u8; 3] = code
            .as_bytes()
            .try_into()
            .ok()
            .filter(|b: &[u8; 3]| b.iter().all(u8::is_ascii_uppercase))
            .ok_or_else(|| {
                format!("'{code}' is not a currency code (three capital letters, e.g. USD)")
            })?;
        let minor = iso_currency::Currency::from_code(code)
            .and_then(|c| c.exponent())
            .ok_or_else(|| format!("'{code}' is not an ISO 4217 currency code, e.g. USD or EUR"))?;
        Ok(Currency {
            code: bytes,
            minor_units: u8::try_from(minor).unwrap_or(2),
            symbol: SYMBOLS.iter().find(|(c, _)| *c == code).map(|(_, s)| *s),
        })
    }

    /// The ISO code, e.g. `EUR`.
    pub fn code(&self) -> &str {
        // Built only from three ASCII capitals.
        std::str::from_utf8(&self.code).unwrap_or("???")
    }

    /// The symbol shown before amounts, if this currency has one jmo uses.
    pub fn symbol(&self) -> Option<&'static str> {
        self.symbol
    }

    /// Decimal places amounts are shown with: 2 for USD, 0 for JPY.
    pub fn minor_units(&self) -> u32 {
        u32::from(self.minor_units)
    }

    /// The same currency for an ASCII terminal (`--ascii`): a symbol that
    /// is not ASCII (€ £ ¥) gives way to the code ("EUR 1,200.00"); `$`
    /// stays.
    pub fn ascii(self) -> Currency {
        Currency {
            symbol: self.symbol.filter(|s| s.is_ascii()),
            ..self
        }
    }

    /// The currency's mark in a unit or a column head: the symbol (`€`),
    /// else the code (`CHF`), as in `€/lead` or "pipeline per € spent".
    pub fn mark(&self) -> &str {
        match self.symbol {
            Some(s) => s,
            None => self.code(),
        }
    }

    /// What goes before the digits: the symbol (`€`), else the code and a
    /// space (`CHF `).
    fn prefix(&self) -> String {
        match self.symbol {
            Some(s) => s.to_string(),
            None => format!("{} ", self.code()),
        }
    }

    /// Rounds to this currency's minor units, half away from zero.
    pub fn round(&self, amount: Decimal) -> Decimal {
        round_to(amount, self.minor_units())
    }

    /// An amount with thousands separators and the currency's decimal
    /// places: `$12,500.00`, `-€40.10`, `¥12,500`, `CHF 1,200.00`.
    pub fn format(&self, amount: Decimal) -> String {
        let rounded = self.round(amount);
        let negative = rounded.is_sign_negative() && !rounded.is_zero();
        format!(
            "{}{}{}",
            if negative { "-" } else { "" },
            self.prefix(),
            self.digits(rounded.abs())
        )
    }

    /// An amount exactly, not rounded, like [`Self::format`] otherwise: at
    /// least the currency's decimal places, more when the amount has
    /// them: `$1,000.00`, `$50.005`, `¥500.5`. For the steps of a
    /// computation that are rounded after (a packet's "amount × share").
    pub fn format_exact(&self, amount: Decimal) -> String {
        let n = amount.normalize();
        let places = n.scale().max(self.minor_units());
        let negative = n.is_sign_negative() && !n.is_zero();
        let text = format!("{:.*}", places as usize, n.abs());
        let digits = match text.split_once('.') {
            Some((int, frac)) => format!("{}.{frac}", group_thousands(int)),
            None => group_thousands(&text),
        };
        format!(
            "{}{}{digits}",
            if negative { "-" } else { "" },
            self.prefix()
        )
    }

    /// `amount` rounded, as grouped digits with the currency's decimal
    /// places and no symbol or sign: `12,500.00`, `12,500` (JPY).
    pub fn grouped(&self, amount: Decimal) -> String {
        self.digits(self.round(amount).abs())
    }

    /// `amount` (≥ 0, already rounded) as grouped digits with the
    /// currency's decimal places, no symbol: `12,500.00`, `12,500`.
    fn digits(&self, amount: Decimal) -> String {
        let text = format!("{:.*}", usize::from(self.minor_units), amount);
        match text.split_once('.') {
            Some((int, frac)) => format!("{}.{frac}", group_thousands(int)),
            None => group_thousands(&text),
        }
    }

    /// An optional amount: `None → "n/a"`.
    pub fn format_optional(&self, amount: Option<Decimal>) -> String {
        amount.map_or_else(|| "n/a".into(), |a| self.format(a))
    }

    /// An amount compactly for narrow columns: `$950`, `€12.5K`, `¥2.1M`,
    /// `CHF 12.5K`.
    pub fn format_short(&self, amount: Decimal) -> String {
        let negative = amount.is_sign_negative() && !amount.is_zero();
        let sign = if negative { "-" } else { "" };
        let prefix = self.prefix();
        let abs = amount.abs();
        // Round first, then pick the unit, so $999.95 is "$1K", not "$1000".
        let whole = round_to(abs, 0);
        if whole < Decimal::from(1000) {
            return format!("{sign}{prefix}{whole}");
        }
        let thousands = round_to(abs / Decimal::from(1000), 1);
        if thousands < Decimal::from(1000) {
            return format!("{sign}{prefix}{}K", thousands.normalize());
        }
        let millions = round_to(abs / Decimal::from(1_000_000), 1);
        format!("{sign}{prefix}{}M", millions.normalize())
    }

    /// An amount as a plain decimal for CSV and other machine-read files,
    /// with the currency's decimal places and no symbol or separators:
    /// `1234.50` (USD), `1235` (JPY).
    pub fn plain(&self, amount: Decimal) -> String {
        format!("{:.*}", usize::from(self.minor_units), self.round(amount))
    }

    /// The hint under a money field: `USD, e.g. 12500, 12,500.00 or 12.5k`.
    pub fn hint(&self) -> String {
        format!(
            "{}, e.g. 12500, {} or 12.5k",
            self.code(),
            self.digits(Decimal::from(12500))
        )
    }

    /// The decimal places a typed amount may have: the currency's, and at
    /// most two (jmo keeps money to the cent, [`amount_error`]).
    fn input_places(&self) -> u32 {
        self.minor_units().min(2)
    }

    /// The message for an amount typed finer than [`Self::input_places`].
    fn too_fine(&self) -> String {
        match self.input_places() {
            0 => format!(
                "{} amounts are whole: no decimal places (e.g. 12500)",
                self.code()
            ),
            2 => "at most two decimal places (cents)".into(),
            n => format!("at most {n} decimal places"),
        }
    }

    /// Parses a money amount typed by a user, in this currency.
    ///
    /// Accepts `12500`, `12,500`, `12.5k` (thousands), the currency's
    /// symbol or code before or after the number (`$12,500.50`, `€12,500`,
    /// `12,500 EUR`) and surrounding spaces. Errors (a message for the
    /// field): empty input, not a number, another currency's sign,
    /// negative, more decimal places than the currency has (cents; none
    /// for JPY), above [`MAX_AMOUNT`].
    pub fn parse(&self, input: &str) -> Result<Decimal, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("enter an amount, e.g. 12500 or 12.5k".into());
        }
        let not_an_amount = || format!("'{s}' is not an amount; type digits, e.g. 12500 or 12.5k");
        // "-€5", "€-5" and "5 €" are all read.
        let t = self.strip_marks(s);
        let negative = t.starts_with('-');
        let body = self.strip_marks(t.trim_start_matches('-'));
        if let Some(foreign) = foreign_mark(body) {
            return Err(format!(
                "'{s}': money here is in {}; type it without {foreign}",
                self.code()
            ));
        }
        let (body, scale) = match body.strip_suffix(['k', 'K']) {
            Some(b) => (b.trim(), Decimal::from(1000)),
            None => (body, Decimal::ONE),
        };
        let cleaned: String = body.chars().filter(|c| *c != ',' && *c != '_').collect();
        if cleaned.is_empty() || !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return Err(not_an_amount());
        }
        if body.contains(',') && !thousands_grouped(body) {
            return Err(format!("'{s}': commas go between thousands, e.g. 12,500"));
        }
        if cleaned.matches('.').count() > 1 {
            return Err(not_an_amount());
        }
        let (int_part, frac_part) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
        if int_part.trim_start_matches('0').len() > 13 {
            return Err(self.too_large());
        }
        if scale == Decimal::ONE
            && frac_part.trim_end_matches('0').len() as u32 > self.input_places()
        {
            return Err(self.too_fine());
        }
        let value = Decimal::from_str(&cleaned)
            .map_err(|_| not_an_amount())?
            .checked_mul(scale)
            .ok_or_else(|| format!("'{s}' is too large"))?;
        if negative && !value.is_zero() {
            return Err("money cannot be negative".into());
        }
        let value = value.normalize();
        if value > MAX_AMOUNT {
            return Err(self.too_large());
        }
        if value.scale() > self.input_places() {
            return Err(self.too_fine());
        }
        match amount_error(value) {
            Some(message) => Err(message),
            None => Ok(value),
        }
    }

    /// `text` without this currency's symbol or code (either case) at its
    /// start or end, trimmed.
    fn strip_marks<'t>(&self, text: &'t str) -> &'t str {
        let mut t = text.trim();
        let mut marks: Vec<&str> = vec![self.code()];
        marks.extend(self.symbol);
        for mark in marks {
            let at_start = t
                .get(..mark.len())
                .filter(|h| h.eq_ignore_ascii_case(mark))
                .map(|_| &t[mark.len()..]);
            if let Some(rest) = at_start {
                t = rest.trim();
            }
            let at_end = t
                .len()
                .checked_sub(mark.len())
                .and_then(|i| t.get(i..).filter(|tail| tail.eq_ignore_ascii_case(mark)))
                .map(|tail| &t[..t.len() - tail.len()]);
            if let Some(rest) = at_end {
                t = rest.trim();
            }
        }
        t
    }

    fn too_large(&self) -> String {
        format!("too large: at most {}", self.format(MAX_AMOUNT))
    }

    /// Parses an optional money amount: empty input is `None`.
    pub fn parse_optional(&self, input: &str) -> Result<Option<Decimal>, String> {
        if input.trim().is_empty() {
            Ok(None)
        } else {
            self.parse(input).map(Some)
        }
    }
}

/// Another currency's mark in `text`, if any: a sign ($ € £ ¥) or a run
/// of three letters that is an ISO 4217 code, in any case (`12 GBP`).
fn foreign_mark(text: &str) -> Option<String> {
    if let Some(sign) = text.chars().find(|c| "$€£¥".contains(*c)) {
        return Some(sign.to_string());
    }
    text.split(|c: char| !c.is_ascii_alphabetic())
        .find(|w| {
            w.len() == 3 && iso_currency::Currency::from_code(&w.to_ascii_uppercase()).is_some()
        })
        .map(str::to_string)
}

/// Whether commas in `body` sit between groups of three digits
/// ("12,500.50" yes, "1,2,3" no).
fn thousands_grouped(body: &str) -> bool {
    let int_part = body.split('.').next().unwrap_or("");
    let mut groups = int_part.split(',');
    let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
    first_ok && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn cur(code: &str) -> Currency {
        Currency::from_code(code).unwrap()
    }

    #[test]
    fn codes_come_from_the_iso_table() {
        assert_eq!(cur("USD"), Currency::USD);
        assert_eq!(cur("EUR").symbol(), Some("€"));
        assert_eq!(cur("JPY").minor_units(), 0);
        assert_eq!(cur("KWD").minor_units(), 3);
        assert_eq!(cur("CHF").symbol(), None);
        assert!(Currency::from_code("XYZ").unwrap_err().contains("ISO 4217"));
        assert!(
            Currency::from_code("XAU").is_err(),
            "gold is not money here"
        );
        assert!(
            Currency::from_code("eur")
                .unwrap_err()
                .contains("three capital")
        );
        assert!(Currency::from_code("EURO").is_err());
        assert_eq!(cur("GBP").to_string(), "GBP");
    }

    #[test]
    fn formats_in_the_currency() {
        assert_eq!(Currency::USD.format(dec!(12500)), "$12,500.00");
        assert_eq!(Currency::USD.format(dec!(999.999)), "$1,000.00");
        assert_eq!(Currency::USD.format(dec!(-40.1)), "-$40.10");
        assert_eq!(Currency::USD.format(dec!(1234567.891)), "$1,234,567.89");
        assert_eq!(Currency::USD.format(dec!(0)), "$0.00");
        assert_eq!(Currency::USD.format_exact(dec!(1000)), "$1,000.00");
        assert_eq!(Currency::USD.format_exact(dec!(50.0050)), "$50.005");
        assert_eq!(Currency::USD.format_exact(dec!(-1234.5)), "-$1,234.50");
        assert_eq!(cur("JPY").format_exact(dec!(500.5)), "¥500.5");
        assert_eq!(cur("JPY").format_exact(dec!(12500)), "¥12,500");
        assert_eq!(cur("CHF").format_exact(dec!(617.285)), "CHF 617.285");
        assert_eq!(cur("EUR").format(dec!(1200)), "€1,200.00");
        assert_eq!(cur("EUR").format(dec!(-40.1)), "-€40.10");
        assert_eq!(cur("GBP").format(dec!(999.5)), "£999.50");
        assert_eq!(cur("JPY").format(dec!(1234567)), "¥1,234,567");
        assert_eq!(cur("JPY").format(dec!(500.5)), "¥501");
        assert_eq!(cur("JPY").format(dec!(0)), "¥0");
        assert_eq!(cur("CHF").format(dec!(1200)), "CHF 1,200.00");
        assert_eq!(cur("CHF").format(dec!(-1200)), "-CHF 1,200.00");
        assert_eq!(cur("KWD").format(dec!(1.5)), "KWD 1.500");
        assert_eq!(Currency::USD.format_optional(None), "n/a");
        assert_eq!(cur("EUR").format_optional(Some(dec!(3))), "€3.00");
    }

    #[test]
    fn ascii_shows_the_code_for_a_non_ascii_symbol() {
        assert_eq!(cur("EUR").ascii().format(dec!(1200)), "EUR 1,200.00");
        assert_eq!(cur("GBP").ascii().format_short(dec!(12500)), "GBP 12.5K");
        assert_eq!(cur("JPY").ascii().format(dec!(1200)), "JPY 1,200");
        assert_eq!(Currency::USD.ascii(), Currency::USD);
    }

    #[test]
    fn formats_short() {
        let usd = Currency::USD;
        assert_eq!(usd.format_short(dec!(950)), "$950");
        assert_eq!(usd.format_short(dec!(12500)), "$12.5K");
        assert_eq!(usd.format_short(dec!(2000000)), "$2M");
        assert_eq!(usd.format_short(dec!(999.95)), "$1K");
        assert_eq!(usd.format_short(dec!(999960)), "$1M");
        assert_eq!(usd.format_short(dec!(999.4)), "$999");
        assert_eq!(cur("EUR").format_short(dec!(12500)), "€12.5K");
        assert_eq!(cur("CHF").format_short(dec!(950)), "CHF 950");
    }

    #[test]
    fn plain_and_hint() {
        assert_eq!(Currency::USD.plain(dec!(1234.5)), "1234.50");
        assert_eq!(cur("JPY").plain(dec!(1234.5)), "1235");
        assert_eq!(Currency::USD.hint(), "USD, e.g. 12500, 12,500.00 or 12.5k");
        assert_eq!(cur("JPY").hint(), "JPY, e.g. 12500, 12,500 or 12.5k");
    }

    #[test]
    fn parses_common_spellings() {
        let usd = Currency::USD;
        assert_eq!(usd.parse("12500"), Ok(dec!(12500)));
        assert_eq!(usd.parse(" $12,500.50 "), Ok(dec!(12500.50)));
        assert_eq!(usd.parse("12.5k"), Ok(dec!(12500)));
        assert_eq!(usd.parse("0"), Ok(dec!(0)));
        assert_eq!(usd.parse("1.10"), Ok(dec!(1.1)));
        assert_eq!(usd.parse("1,234,567.50"), Ok(dec!(1234567.5)));
        let eur = cur("EUR");
        assert_eq!(eur.parse("€12,500.50"), Ok(dec!(12500.50)));
        assert_eq!(eur.parse("12,500 €"), Ok(dec!(12500)));
        assert_eq!(eur.parse("EUR 1,200"), Ok(dec!(1200)));
        assert_eq!(eur.parse("1,200 eur"), Ok(dec!(1200)));
        assert_eq!(eur.parse("-€0"), Ok(dec!(0)));
        assert_eq!(cur("JPY").parse("¥12,500"), Ok(dec!(12500)));
        assert_eq!(cur("JPY").parse("12.5k"), Ok(dec!(12500)));
        assert_eq!(cur("CHF").parse("CHF 12.5k"), Ok(dec!(12500)));
    }

    #[test]
    fn refuses_bad_money_with_a_message() {
        let usd = Currency::USD;
        assert!(usd.parse("").unwrap_err().contains("enter an amount"));
        assert!(usd.parse("abc").unwrap_err().contains("not an amount"));
        assert!(usd.parse("-5").unwrap_err().contains("negative"));
        assert!(usd.parse("-$5").unwrap_err().contains("negative"));
        assert!(usd.parse("1.005").unwrap_err().contains("cents"));
        assert!(usd.parse("1.2.3").unwrap_err().contains("not an amount"));
        assert!(
            usd.parse("1000000000000.01")
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(usd.parse("1000000000000"), Ok(MAX_AMOUNT));
        assert!(
            usd.parse("79228162514264337593543950335")
                .unwrap_err()
                .contains("too large")
        );
        assert!(
            usd.parse("123456789012345678901234567890123")
                .unwrap_err()
                .contains("too large")
        );
        assert!(
            usd.parse("1,2,3")
                .unwrap_err()
                .contains("commas go between thousands")
        );
        assert!(
            usd.parse("0.0000000000000000000000000000001")
                .unwrap_err()
                .contains("cents")
        );
        assert_eq!(usd.parse_optional("  "), Ok(None));
        assert_eq!(
            usd.parse("€12").unwrap_err(),
            "'€12': money here is in USD; type it without €"
        );
        assert!(cur("EUR").parse("$12").unwrap_err().contains("in EUR"));
        assert!(
            cur("EUR")
                .parse("12 GBP")
                .unwrap_err()
                .ends_with("in EUR; type it without GBP")
        );
    }

    #[test]
    fn yen_are_whole() {
        let jpy = cur("JPY");
        assert_eq!(
            jpy.parse("12500.50").unwrap_err(),
            "JPY amounts are whole: no decimal places (e.g. 12500)"
        );
        assert!(jpy.parse("1.2345k").unwrap_err().contains("whole"));
        assert_eq!(jpy.parse("12500.00"), Ok(dec!(12500)));
        assert!(
            jpy.parse("2000000000000")
                .unwrap_err()
                .contains("¥1,000,000,000,000")
        );
    }
}
