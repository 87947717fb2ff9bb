//! English for counts and articles in jmo's own messages: "1 lead" and
//! "3 leads", "5 results", "an in-person event", "an MDF request".
//!
//! Every message that puts a number before a noun, or an article before a
//! word it does not know in advance (a campaign type, a record kind), goes
//! through these, so "1 lead have", "5 resultss" and "a in-person event"
//! cannot be written.

use super::money::format_count;

/// Nouns jmo uses whose plural is the word itself: a campaign's "results"
/// is one record ("1 results record" reads worse than "results").
const SAME_IN_PLURAL: &[&str] = &["results"];

/// The plural of `noun` (the last word changes): `lead → leads`,
/// `MDF request → MDF requests`, `entry → entries`, `status → statuses`,
/// `results → results`.
pub fn plural(noun: &str) -> String {
    let last = noun.rsplit(' ').next().unwrap_or(noun);
    if SAME_IN_PLURAL.contains(&last) {
        return noun.to_string();
    }
    let consonant_y = last.len() > 1
        && last.ends_with('y')
        && !last[..last.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| last.ends_with(e))
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// `n` and `noun`, plural unless `n` is 1, the number grouped by
/// thousands: `1 lead`, `0 leads`, `1,200 leads`, `2 change sets`.
pub fn count(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {}", format_count(n), plural(noun))
    }
}

/// [`count`] for a length or index (`usize`).
pub fn count_of(n: usize, noun: &str) -> String {
    count(i64::try_from(n).unwrap_or(i64::MAX), noun)
}

/// `singular` when `n` is 1, else `plural`: for verbs ("has"/"have",
/// "is"/"are") that agree with a [`count`].
pub fn agree<'a>(n: i64, singular: &'a str, plural: &'a str) -> &'a str {
    if n == 1 { singular } else { plural }
}

/// The indefinite article for `word` by how it is said: `an` before a
/// vowel sound (`an in-person event`, `an email`, `an MDF request`, `an
/// 8-week plan`), else `a` (`a webinar`, `a user`, `a one-off`, `a 2026Q1
/// plan`).
pub fn article(word: &str) -> &'static str {
    let w = word.trim_start();
    let first_word: String = w.chars().take_while(|c| c.is_alphanumeric()).collect();
    let lower = first_word.to_lowercase();
    // An all-capital abbreviation is said letter by letter: "an MDF", "an
    // SDR", "a CRM".
    let spelled = first_word.len() > 1 && first_word.chars().all(|c| c.is_ascii_uppercase());
    let vowel_sound = if spelled {
        first_word.starts_with(['A', 'E', 'F', 'H', 'I', 'L', 'M', 'N', 'O', 'R', 'S', 'X'])
    } else if lower.starts_with(|c: char| c.is_ascii_digit()) {
        // "an 8", "an 80", "an 11", "an 18,000": numbers said with a vowel.
        let digits = lower.chars().take_while(char::is_ascii_digit).count();
        lower.starts_with('8')
            || (lower.starts_with("11") || lower.starts_with("18")) && digits % 3 == 2
    } else {
        const SAID_WITH_Y_OR_W: &[&str] = &["uni", "use", "usu", "uti", "eu", "one", "once"];
        const SILENT_H: &[&str] = &["hour", "honest", "honor", "honour", "heir"];
        let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u']);
        (vowel && !SAID_WITH_Y_OR_W.iter().any(|p| lower.starts_with(p)))
            || SILENT_H.iter().any(|p| lower.starts_with(p))
    };
    if vowel_sound { "an" } else { "a" }
}

/// `word` with its indefinite article: `an in-person event`, `a webinar`.
pub fn a(word: &str) -> String {
    format!("{} {word}", article(word))
}

/// Names joined in words: "A", "A and B", "A, B and C"; "" for none.
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `text` with its first letter a capital: "An email campaign is…".
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_of_jmo_nouns() {
        assert_eq!(plural("lead"), "leads");
        assert_eq!(plural("results"), "results");
        assert_eq!(plural("MDF request"), "MDF requests");
        assert_eq!(plural("change set"), "change sets");
        assert_eq!(plural("entry"), "entries");
        assert_eq!(plural("day"), "days");
        assert_eq!(plural("status"), "statuses");
        assert_eq!(plural("in-person event"), "in-person events");
        assert_eq!(plural("joint marketing plan"), "joint marketing plans");
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "lead"), "1 lead");
        assert_eq!(count(0, "lead"), "0 leads");
        assert_eq!(count(1200, "lead"), "1,200 leads");
        assert_eq!(count(5, "results"), "5 results");
        assert_eq!(count_of(1, "change set"), "1 change set");
        assert_eq!(agree(1, "has", "have"), "has");
        assert_eq!(agree(2, "has", "have"), "have");
    }

    #[test]
    fn articles_follow_the_sound() {
        for (word, want) in [
            ("in-person event", "an in-person event"),
            ("email campaign", "an email campaign"),
            ("webinar", "a webinar"),
            ("virtual event", "a virtual event"),
            (
                "co-branded content campaign",
                "a co-branded content campaign",
            ),
            ("MDF request", "an MDF request"),
            ("CRM field", "a CRM field"),
            ("undo", "an undo"),
            ("redo", "a redo"),
            ("update", "an update"),
            ("delete", "a delete"),
            ("insert", "an insert"),
            ("user", "a user"),
            ("hour", "an hour"),
            ("8-week plan", "an 8-week plan"),
            ("2026Q1 plan", "a 2026Q1 plan"),
            ("11-day window", "an 11-day window"),
        ] {
            assert_eq!(a(word), want);
        }
        assert_eq!(capitalized(&a("email campaign")), "An email campaign");
    }
}
