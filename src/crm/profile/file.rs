//! Reading a user's import profile from a file, with each error placed at
//! its `FILE:LINE:COLUMN` in the TOML (issue 12 item 4; docs/crm.md
//! "Writing an import profile").

use std::path::Path;

use super::{Profile, ProfileError};

/// Reads and checks the profile at `path`.
///
/// # Errors
/// A message for the user: `FILE: no such file` (…, [`crate::crm::source::file_problem`])
/// when the file cannot be read, else `FILE:LINE:COLUMN: …` (TOML syntax or shape, from the
/// parser's span) or `FILE:LINE: …` (a check of [`Profile::from_toml`],
/// placed at the table or key it is about; `FILE: …` when no line names it).
pub fn read_profile(path: &Path) -> Result<Profile, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| crate::crm::source::file_problem(path, &e))?;
    Profile::from_toml(&text).map_err(|e| {
        let f = path.display();
        match locate(&text, &e) {
            Some((line, Some(col))) => format!("{f}:{line}:{col}: {}", message(&e)),
            Some((line, None)) => format!("{f}:{line}: {}", message(&e)),
            None => format!("{f}: {}", message(&e)),
        }
    })
}

/// The error's message without the TOML parser's own location block (the
/// `FILE:LINE:COLUMN` prefix says where).
fn message(e: &ProfileError) -> String {
    match e {
        ProfileError::Toml(_) => e
            .to_string()
            .lines()
            .last()
            .map(|l| format!("not an import profile: {}", l.trim()))
            .unwrap_or_else(|| e.to_string()),
        _ => e.to_string(),
    }
}

/// The 1-based line (and column, for syntax errors) an error is about.
pub fn locate(text: &str, e: &ProfileError) -> Option<(usize, Option<usize>)> {
    let table = |kind: &str, name: &str| header_line(text, kind, name);
    let line = match e {
        ProfileError::Toml(_) => {
            // The typed parse again: syntax and shape errors carry a span.
            let span = toml::from_str::<super::RawProfile>(text).err()?.span()?;
            let (l, c) = line_col(text, span.start);
            return Some((l, Some(c)));
        }
        ProfileError::UnknownTarget(_) | ProfileError::NoName(_) => key_line(text, 0, "target"),
        ProfileError::UnknownField { field, .. } | ProfileError::NoColumns(field) => {
            table("fields", field)
        }
        ProfileError::UnknownType { field, .. } | ProfileError::WrongType { field, .. } => {
            let h = table("fields", field)?;
            key_line(text, h, "type").or(Some(h))
        }
        ProfileError::DuplicateColumn { second, .. } => table("fields", second),
        ProfileError::ValuesForUnmappedField(field) => table("values", field),
        ProfileError::DuplicateValue { field, second, .. } => {
            let h = table("values", field)?;
            key_line(text, h, second).or(Some(h))
        }
        ProfileError::UnknownKey { field, from, .. } => {
            let h = table("values", field)?;
            key_line(text, h, from).or(Some(h))
        }
    }?;
    Some((line, None))
}

fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn unquote(s: &str) -> String {
    s.trim().trim_matches('"').trim_matches('\'').to_owned()
}

/// The line of `[kind.name]` (quoted or not, spaces allowed).
fn header_line(text: &str, kind: &str, name: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.starts_with('[')
                && l.ends_with(']')
                && l[1..l.len() - 1]
                    .split_once('.')
                    .is_some_and(|(k, n)| k.trim() == kind && unquote(n) == name)
        })
        .map(|i| i + 1)
}

/// The first line below line `after` (1-based; 0: from the top) and in
/// the same table whose key is `key` (quoted or not).
fn key_line(text: &str, after: usize, key: &str) -> Option<usize> {
    for (i, l) in text.lines().enumerate().skip(after) {
        let t = l.trim();
        if t.starts_with('[') {
            return None;
        }
        if let Some((k, _)) = t.split_once('=')
            && unquote(k) == key
        {
            return Some(i + 1);
        }
    }
    None
}

#[cfg(test)]
#[path = "file_tests.rs"]
mod tests;
