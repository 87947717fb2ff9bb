//! Writing Markdown that renders the same in every viewer: escaped table
//! cells, tables whose rows all have the header's column count, user text
//! kept on one line. Used by the reimbursement packet (docs/domain.md §11) and the
//! reports (docs/domain.md §12).

/// User text on one line (for headings, list items and quotes).
pub fn inline(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text in a table cell: one line (`<br>` between lines), `|` escaped.
pub fn cell(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("<br>").replace('|', "\\|")
}

/// User text for a cell, `—` when blank.
pub fn dash(text: &str) -> String {
    if text.trim().is_empty() {
        "—".into()
    } else {
        text.to_string()
    }
}

/// Column alignment in a Markdown table.
#[derive(Clone, Copy)]
pub enum Align {
    /// Left-aligned (text).
    Left,
    /// Right-aligned (figures).
    Right,
}

/// A Markdown document being written; `.0` is the text so far.
#[derive(Default)]
pub struct Md(pub String);

impl Md {
    /// Appends one line of text.
    pub fn line(&mut self, text: impl AsRef<str>) {
        self.0.push_str(text.as_ref());
        self.0.push('\n');
    }

    /// Appends an empty line.
    pub fn blank(&mut self) {
        self.0.push('\n');
    }

    /// A `##` heading followed by a blank line.
    pub fn heading(&mut self, title: &str) {
        self.line(format!("## {title}"));
        self.blank();
    }

    /// A heading of `level` (2 = `##`) followed by a blank line.
    pub fn heading_at(&mut self, level: usize, title: &str) {
        self.line(format!("{} {title}", "#".repeat(level)));
        self.blank();
    }

    /// One bullet item, its text kept on one line.
    pub fn item(&mut self, text: &str) {
        self.line(format!("- {}", inline(text)));
    }

    /// A table whose every row has exactly the header's column count
    /// (short rows are padded, long ones cut), cells escaped by [`cell`].
    pub fn table(&mut self, header: &[(&str, Align)], rows: Vec<Vec<String>>) {
        let n = header.len();
        let row = |cells: Vec<String>| {
            let mut cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            cells.resize(n, String::new());
            format!("| {} |", cells.join(" | "))
        };
        self.line(row(header.iter().map(|(h, _)| h.to_string()).collect()));
        let rule: Vec<&str> = header
            .iter()
            .map(|(_, a)| match a {
                Align::Left => "---",
                Align::Right => "---:",
            })
            .collect();
        self.line(format!("| {} |", rule.join(" | ")));
        for r in rows {
            self.line(row(r));
        }
        self.blank();
    }
}
