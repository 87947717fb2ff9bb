//! Fitting text into columns by display width (emoji count two).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of `s` in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// `s` cut to at most `max` columns, ending in `ellipsis` when cut.
pub fn cut(s: &str, max: usize, ellipsis: &str) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for ch in s.chars() {
        let w = UnicodeWidthChar::width(ch).unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(ch);
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

/// The first line of a text that may hold several (long text: notes, a
/// justification), trimmed, followed by `ellipsis` when more lines with
/// text follow: for places that show one line.
pub fn first_line(s: &str, ellipsis: &str) -> String {
    let mut lines = s.trim().lines();
    let first = lines.next().unwrap_or("").trim_end().to_string();
    if lines.any(|l| !l.trim().is_empty()) {
        format!("{first} {ellipsis}")
    } else {
        first
    }
}

/// `s` cut or padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize, ellipsis: &str) -> String {
    let mut out = cut(s, cols, ellipsis);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// `s` right-aligned in `cols` columns (cut if longer).
pub fn right(s: &str, cols: usize, ellipsis: &str) -> String {
    let c = cut(s, cols, ellipsis);
    format!("{}{}", " ".repeat(cols.saturating_sub(width(&c))), c)
}

/// `s` word-wrapped into lines of at most `cols` columns (by display
/// width; a word longer than a line is broken), via `textwrap`.
pub fn wrap(s: &str, cols: usize) -> Vec<String> {
    textwrap::wrap(s, cols.max(1))
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_emoji_as_two() {
        assert_eq!(width("✅ done"), 7);
        assert_eq!(pad("✅ ab", 6, "…"), "✅ ab ");
        assert_eq!(cut("Northwind Analytics", 10, "…"), "Northwind…");
        assert_eq!(cut("abc", 3, "…"), "abc");
        assert_eq!(right("$5", 5, "…"), "   $5");
        assert_eq!(width(&pad("🔴🔴🔴", 5, "…")), 5);
    }

    #[test]
    fn wrapping_breaks_at_words_within_the_width() {
        assert_eq!(
            wrap("Budget changed to $8,000 while you edited", 20),
            vec!["Budget changed to", "$8,000 while you", "edited"]
        );
        assert!(wrap("✅✅✅✅", 4).iter().all(|l| width(l) <= 4));
    }

    #[test]
    fn first_line_marks_the_lines_that_follow() {
        assert_eq!(first_line("one line", "…"), "one line");
        assert_eq!(first_line("  first\nsecond\n", "…"), "first …");
        assert_eq!(first_line("first\n\n  \n", "~"), "first");
    }
}
