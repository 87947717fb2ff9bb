//! Reading an sObject Tree JSON file through a profile (see [`super`]).

use std::collections::BTreeMap;
use std::io::Read;

use super::{Column, Problem, ReadError, Record, at, field_named, typed};
use crate::crm::profile::Profile;

/// The records of an sObject Tree JSON file (see [`read_tree`]).
pub struct TreeRecords<'p> {
    records: std::vec::IntoIter<serde_json::Map<String, serde_json::Value>>,
    profile: &'p Profile,
    index: usize,
}

#[derive(serde::Deserialize)]
struct TreeFile {
    records: Vec<serde_json::Map<String, serde_json::Value>>,
}

/// The JSON parser's error as a [`ReadError`] with its line and column.
fn json_error(e: &serde_json::Error) -> ReadError {
    let line = (e.line() > 0).then_some(e.line() as u64);
    let column = (e.column() > 0).then(|| Column {
        number: Some(e.column()),
        name: String::new(),
    });
    let message = e.to_string();
    let message = message.split(" at line ").next().unwrap_or_default();
    ReadError {
        line,
        record: None,
        column,
        problem: Problem::Json(message.to_owned()),
    }
}

/// One entry of an sObject Tree plan file (the `--plan` file of `sf data
/// export tree` / `sf data import tree`): an object and its tree files, in
/// load order.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanEntry {
    /// The object the files hold ("Campaign").
    pub sobject: String,
    /// Whether the CLI saves the new Ids under their reference ids.
    #[serde(default)]
    pub save_refs: bool,
    /// Whether the CLI replaces `@reference` values with saved Ids.
    #[serde(default)]
    pub resolve_refs: bool,
    /// The tree files, as written (paths relative to the plan file).
    pub files: Vec<String>,
}

/// Reads a plan file: the list of objects and their tree files. The caller
/// opens the files of the entries whose `sobject` is the profile's object.
///
/// # Errors
/// Not JSON or not a plan's shape (with the parser's line and column).
pub fn read_plan<R: Read>(input: R) -> Result<Vec<PlanEntry>, ReadError> {
    serde_json::from_reader(input).map_err(|e| json_error(&e))
}

/// Reads an sObject Tree JSON file through `profile`.
///
/// # Errors
/// Not JSON (with the parser's line and column), no `records` list, or an
/// empty one ([`Problem::NoRecords`]).
pub fn read_tree<R: Read>(input: R, profile: &Profile) -> Result<TreeRecords<'_>, ReadError> {
    let file: TreeFile = serde_json::from_reader(input).map_err(|e| json_error(&e))?;
    if file.records.is_empty() {
        return Err(at(
            None,
            None,
            Problem::NoRecords {
                object: profile.object.clone(),
            },
        ));
    }
    Ok(TreeRecords {
        records: file.records.into_iter(),
        profile,
        index: 0,
    })
}

impl TreeRecords<'_> {
    fn record(
        &self,
        mut json: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Record, ReadError> {
        let index = self.index;
        let fail = |column: Option<Column>, problem| ReadError {
            line: None,
            record: Some(index),
            column,
            problem,
        };
        let attributes = json.remove("attributes");
        let attr = |key: &str| {
            attributes
                .as_ref()
                .and_then(|a| a.get(key))
                .and_then(|v| v.as_str())
        };
        let found = attr("type").unwrap_or_default();
        if !found.eq_ignore_ascii_case(&self.profile.object) {
            let problem = Problem::WrongObject {
                found: found.to_owned(),
                expected: self.profile.object.clone(),
            };
            return Err(fail(None, problem));
        }
        let reference = attr("referenceId").map(str::to_owned);
        let mut values = BTreeMap::new();
        let mut places = BTreeMap::new();
        for field in &self.profile.fields {
            let hit = field
                .columns
                .iter()
                .find_map(|c| json.iter().find(|(k, _)| field_named(c, k)));
            let Some((key, value)) = hit else {
                if field.required {
                    let column = Column {
                        number: None,
                        name: field.column().to_owned(),
                    };
                    return Err(fail(
                        Some(column),
                        Problem::Required {
                            field: field.column().to_owned(),
                        },
                    ));
                }
                continue;
            };
            let column = || {
                Some(Column {
                    number: None,
                    name: key.clone(),
                })
            };
            places.insert(
                field.field,
                Column {
                    number: None,
                    name: key.clone(),
                },
            );
            let text = match value {
                serde_json::Value::Null => String::new(),
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => return Err(fail(column(), Problem::NotAValue)),
            };
            match typed(field, &text) {
                Err(e) => return Err(fail(column(), Problem::Value(e))),
                Ok(None) if field.required => {
                    return Err(fail(
                        column(),
                        Problem::Required {
                            field: field.column().to_owned(),
                        },
                    ));
                }
                Ok(None) => {}
                Ok(Some(v)) => {
                    values.insert(field.field, v);
                }
            }
        }
        Ok(Record {
            line: None,
            index,
            reference,
            file: None,
            values,
            places,
        })
    }
}

impl Iterator for TreeRecords<'_> {
    type Item = Result<Record, ReadError>;

    /// The next top-level record (child records nested under a relationship
    /// key are not read).
    fn next(&mut self) -> Option<Self::Item> {
        let json = self.records.next()?;
        self.index += 1;
        Some(self.record(json))
    }
}
