//! Parsing a document (`jmo import FILE.json`, docs/export-format.md): the
//! header first (a wrong file or a newer version says so), then the whole
//! document with the path of the first bad field.

use super::{Document, FORMAT, ImportError, VERSION};
use crate::domain::*;
use serde::Deserialize;
use serde::de;

/// Parses a document and checks its header (`format` is "jmo", `version`
/// is 1, `currency` is an ISO 4217 code).
///
/// Errors: [`ImportError`] naming the path of the first bad field, e.g.
/// `campaigns[3].budget: 'abc' is not an amount`, `milestones[0].colour:
/// unknown field ...`, `format: 'xyz' is not a jmo export`. Records are not
/// validated here; [`import`](super::import) does that.
pub fn parse(json: &str) -> Result<Document, ImportError> {
    // The header first, so a wrong file or a newer version says so instead
    // of failing on its first unfamiliar field.
    #[derive(Deserialize)]
    struct Header {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    }
    if !json.trim_start().starts_with('{') {
        // Not JSON at all (say where), or JSON but not an object.
        serde_json::from_str::<de::IgnoredAny>(json)
            .map_err(|e| ImportError::at("", json_message(&e)))?;
        return Err(ImportError::at(
            "",
            "not a jmo export: the document must be a JSON object",
        ));
    }
    if let Ok(header) = serde_json::from_str::<Header>(json) {
        match header.format {
            Some(serde_json::Value::String(f)) if f == FORMAT => {}
            Some(serde_json::Value::String(f)) => return Err(wrong_format(&f)),
            Some(other) => return Err(wrong_format(&other.to_string())),
            None => {
                return Err(ImportError::at(
                    "format",
                    "missing: this is not a jmo export",
                ));
            }
        }
        match header.version {
            Some(serde_json::Value::Number(n))
                if n.as_u64()
                    .is_some_and(|v| (1..=u64::from(VERSION)).contains(&v)) => {}
            Some(other) => return Err(wrong_version(&other.to_string())),
            None => {
                return Err(ImportError::at(
                    "version",
                    "missing: which version of the format is this?",
                ));
            }
        }
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let doc: Document = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        ImportError::at(
            if path == "." { String::new() } else { path },
            json_message(e.inner()),
        )
    })?;
    de.end()
        .map_err(|e| ImportError::at("", json_message(&e)))?;
    check_header(&doc)?;
    Ok(doc)
}

fn wrong_format(found: &str) -> ImportError {
    ImportError::at(
        "format",
        format!("'{found}' is not a jmo export (expected \"{FORMAT}\")"),
    )
}

fn wrong_version(found: &str) -> ImportError {
    ImportError::at(
        "version",
        format!("version {found} is not supported; this jmo reads versions 1 to {VERSION}"),
    )
}

/// serde_json's message; for a data error without its "at line L column C"
/// (the path says where), for a syntax error with it.
fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    if e.classify() == serde_json::error::Category::Data && e.line() > 0 {
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        if let Some(message) = text.strip_suffix(&suffix) {
            return message.to_owned();
        }
    }
    text
}

/// Checks `format`, `version` and `currency` of a parsed document.
pub(super) fn check_header(doc: &Document) -> Result<(), ImportError> {
    if doc.format != FORMAT {
        return Err(wrong_format(&doc.format));
    }
    if !(1..=VERSION).contains(&doc.version) {
        return Err(wrong_version(&doc.version.to_string()));
    }
    Currency::from_code(&doc.currency).map_err(|m| ImportError::at("currency", m))?;
    Ok(())
}
