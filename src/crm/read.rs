//! Reading CRM files through an import profile into typed records (issue 12
//! items 2 and 4, "Bad input"; `docs/domain.md §13`).
//!
//! Two shapes, both over any [`std::io::Read`] (the caller opens the file):
//! - **CSV** ([`read_csv`]): a Data Loader export or success file, or any
//!   CRM's CSV export. UTF-8 with or without a byte-order mark, CRLF or LF,
//!   headers in any case, quoted fields with commas, quotes and line breaks.
//!   Streamed: the iterator holds one record at a time, never the file.
//!   Columns the profile does not map are ignored; when a mapped column name
//!   appears twice the first one is read (a Data Loader success file has
//!   `ID` first and the sent `Id` later, and `STATUS` twice: both hold its
//!   "Item Created", which the Salesforce profile ignores).
//! - **sObject Tree JSON** ([`read_tree`]): `{"records": [{"attributes":
//!   {"type": "Campaign", "referenceId": "…"}, "Name": …}]}`. Read whole: such
//!   files are small (`sf data export tree` writes at most 2,000 records; the
//!   API takes 200 a request); a large import is a CSV. Keys match the
//!   profile's columns ignoring case. The plan file `sf data import tree
//!   --plan` reads is [`read_plan`]: it names the tree files per object.
//!
//! Every problem is a [`ReadError`] carrying its place: for CSV the 1-based
//! line in the file and the column (its number and its header as written);
//! for JSON the 1-based record index and the key, or the JSON parser's line
//! and column. A missing required column is reported once, at the header;
//! any other problem ends that record only, so a caller can list them all.

use std::collections::{BTreeMap, VecDeque};
use std::fmt;
use std::io::{self, Read};

use thiserror::Error;

use super::profile::{FieldMap, Profile};
use super::values::{self, Value, ValueError};

/// One record read through a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// CSV: the 1-based line the record starts on; JSON: `None`.
    pub line: Option<u64>,
    /// The 1-based record number (data rows only; the header is not one).
    pub index: usize,
    /// JSON: the record's `attributes.referenceId`; CSV: `None`.
    pub reference: Option<String>,
    /// The file the record came from, as a tree plan names it, when the
    /// plan names more than one file (so its `index` is counted within
    /// that file); else `None`. Set by [`crate::crm::source`].
    pub file: Option<String>,
    /// jmo field → value, for the mapped fields whose cell is not null.
    pub values: BTreeMap<&'static str, Value>,
    /// jmo field → the column (CSV) or key (JSON) it is read from, for
    /// each mapped field the file has (empty cells included): a later check of the value (an
    /// unmapped picklist value, docs/domain.md §15.1) names its column.
    pub places: BTreeMap<&'static str, Column>,
}

impl Record {
    /// The value of a jmo field, `None` when null or not mapped.
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.values.get(field)
    }
}

/// A column a problem is in: CSV header number (1-based) and name as written;
/// JSON: no number, the key as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The 1-based column number (CSV only).
    pub number: Option<usize>,
    /// The header or key as written in the file.
    pub name: String,
}

/// What is wrong, without where.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum Problem {
    /// The file has no bytes, or only blank lines: no header, no records.
    #[error("the file is empty: no header row")]
    Empty,
    /// A quoted field opened and never closed (it runs to the end of the file).
    #[error("a quoted field starts here and is never closed")]
    UnterminatedQuote,
    /// A row whose number of fields differs from the header's.
    #[error("the row has {found} field{}; the header has {expected}", if *.found == 1 { "" } else { "s" })]
    FieldCount {
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
    },
    /// A cell that is not a value of its field's type.
    #[error("{0}")]
    Value(ValueError),
    /// A required field with an empty cell or absent key.
    #[error("{field} is required and is empty")]
    Required {
        /// The column as the profile names it.
        field: String,
    },
    /// Required columns the header lacks (reported once, at the header).
    #[error("missing required column{}: {}", if .0.len() == 1 { "" } else { "s" }, .0.join(", "))]
    MissingColumns(Vec<String>),
    /// A header with none of the profile's columns.
    #[error("none of the {profile} profile's columns is in the header")]
    NoMappedColumns {
        /// The profile's name.
        profile: String,
    },
    /// A header and no data rows, or a JSON file with an empty `records`.
    #[error("no {object} records in the file")]
    NoRecords {
        /// The profile's object ("Campaign").
        object: String,
    },
    /// An sObject Tree record of another type.
    #[error("a {found} record, not a {expected}")]
    WrongObject {
        /// `attributes.type` as written ("" when absent).
        found: String,
        /// The profile's object.
        expected: String,
    },
    /// A JSON value that is an object or a list where one value belongs.
    #[error("not a single value")]
    NotAValue,
    /// Not UTF-8 text.
    #[error("not UTF-8 text")]
    NotUtf8,
    /// Not JSON, or not an sObject Tree file's shape.
    #[error("not an sObject Tree file: {0}")]
    Json(String),
    /// The reader failed.
    #[error("read failed: {0}")]
    Io(String),
}

/// A problem and where it is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The 1-based line (CSV, or the JSON parser's), if known.
    pub line: Option<u64>,
    /// The 1-based record index (JSON records), if known.
    pub record: Option<usize>,
    /// The column or key, if the problem is in one.
    pub column: Option<Column>,
    /// What is wrong.
    pub problem: Problem,
}

impl fmt::Display for ReadError {
    /// `line 4, column 3 (STARTDATE): not a date: "13/13/2014" (…)` or
    /// `record 2, field StartDate: …`; the caller prefixes the file name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(line) = self.line {
            place.push(format!("line {line}"));
        }
        if let Some(record) = self.record {
            place.push(format!("record {record}"));
        }
        match &self.column {
            Some(Column {
                number: Some(n),
                name,
            }) if name.is_empty() => place.push(format!("column {n}")),
            Some(Column {
                number: Some(n),
                name,
            }) => place.push(format!("column {n} ({name})")),
            Some(Column { number: None, name }) => place.push(format!("field {name}")),
            None => {}
        }
        if place.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", place.join(", "), self.problem)
        }
    }
}

impl std::error::Error for ReadError {}

fn at(line: Option<u64>, column: Option<Column>, problem: Problem) -> ReadError {
    ReadError {
        line,
        record: None,
        column,
        problem,
    }
}

/// Reads one cell through a field's mapping: a value the field ignores
/// ([`FieldMap::ignore`]) is empty; else its kind, then its value map.
///
/// # Errors
/// The cell is not a value of the field's kind.
pub fn typed(field: &FieldMap, text: &str) -> Result<Option<Value>, ValueError> {
    if field.ignores(text) {
        return Ok(None);
    }
    let value = values::parse(field.kind, text)?;
    Ok(match (value, &field.values) {
        (Some(Value::Text(source)), Some(map)) => {
            let mapped = map.get(&source).map(str::to_owned);
            Some(Value::Choice { source, mapped })
        }
        (value, _) => value,
    })
}

/// Watches the bytes the CSV parser reads to find a quoted field that never
/// closes (the `csv` crate reads such a field to the end of the file without
/// complaint). Mirrors the parser's quoting rules (RFC 4180, `""` escapes).
struct QuoteWatch<R> {
    inner: R,
    offset: u64,
    line: u64,
    field: usize,
    state: Quote,
    /// Where the open quoted field started: byte offset, line, 0-based field.
    open: (u64, u64, usize),
    eof: bool,
    /// Offsets of the line feeds read and not yet passed by a record start
    /// (bounded by the parser's read-ahead), and how many were passed.
    newlines: VecDeque<u64>,
    passed: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    Start,
    Unquoted,
    Quoted,
    MaybeClosed,
}

impl<R: Read> QuoteWatch<R> {
    fn new(inner: R) -> Self {
        QuoteWatch {
            inner,
            offset: 0,
            line: 1,
            field: 0,
            state: Quote::Start,
            open: (0, 0, 0),
            eof: false,
            newlines: VecDeque::new(),
            passed: 0,
        }
    }

    /// The 1-based line of the record the parser says starts at byte
    /// `start`: the parser's own line count and start include the blank
    /// lines it skipped before the record, so the line feeds right at the
    /// start are passed too. Called with increasing `start`.
    fn line_at(&mut self, start: u64) -> u64 {
        let mut cursor = start;
        while let Some(&offset) = self.newlines.front() {
            if offset > cursor {
                break;
            }
            if offset == cursor {
                cursor += 1;
            }
            self.newlines.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }

    fn step(&mut self, byte: u8) {
        if byte == b'\n' {
            self.newlines.push_back(self.offset);
        }
        const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
        let at_bom = self.offset < 3 && self.state == Quote::Start && self.field == 0;
        if at_bom && usize::try_from(self.offset).is_ok_and(|i| BOM[i] == byte) {
            self.offset += 1;
            return;
        }
        let end_field = |w: &mut Self| {
            w.field += 1;
            w.state = Quote::Start;
        };
        let end_row = |w: &mut Self| {
            w.field = 0;
            w.state = Quote::Start;
        };
        match (self.state, byte) {
            (_, b'\n') if self.state != Quote::Quoted => {
                self.line += 1;
                end_row(self);
            }
            (Quote::Quoted, b'\n') => self.line += 1,
            (Quote::Start, b'"') => {
                self.state = Quote::Quoted;
                self.open = (self.offset, self.line, self.field);
            }
            (Quote::Quoted, b'"') => self.state = Quote::MaybeClosed,
            (Quote::MaybeClosed, b'"') => self.state = Quote::Quoted,
            (Quote::Quoted, _) => {}
            (_, b',') => end_field(self),
            _ => self.state = Quote::Unquoted,
        }
        self.offset += 1;
    }

    /// The open quote's (byte offset, line, field) if the input ended inside it.
    fn unterminated(&self) -> Option<(u64, u64, usize)> {
        (self.eof && self.state == Quote::Quoted).then_some(self.open)
    }
}

impl<R: Read> Read for QuoteWatch<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            self.eof = true;
        }
        for &b in buf.get(..n).unwrap_or_default() {
            self.step(b);
        }
        Ok(n)
    }
}

/// The records of a CSV file, one at a time (see [`read_csv`]).
pub struct CsvRecords<'p, R: Read> {
    reader: csv::Reader<QuoteWatch<R>>,
    profile: &'p Profile,
    headers: Vec<String>,
    /// (column index, index into `profile.fields`) for each mapped field.
    bound: Vec<(usize, usize)>,
    row: csv::StringRecord,
    count: usize,
    done: bool,
}

fn csv_error(e: &csv::Error, headers: &[String]) -> ReadError {
    let line = e.position().map(csv::Position::line);
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            let n = err.field();
            let name = headers.get(n).cloned().unwrap_or_default();
            at(
                line,
                Some(Column {
                    number: Some(n + 1),
                    name,
                }),
                Problem::NotUtf8,
            )
        }
        csv::ErrorKind::Io(io) => at(line, None, Problem::Io(io.to_string())),
        other => at(line, None, Problem::Io(format!("{other:?}"))),
    }
}

/// Opens a CSV file for reading through `profile`: reads and checks the
/// header now, the records as the iterator is driven.
///
/// # Errors
/// At the header (line 1): an empty file, an unterminated quote, text that
/// is not UTF-8, required columns missing (all of them in one error), or no
/// mapped column at all.
pub fn read_csv<R: Read>(input: R, profile: &Profile) -> Result<CsvRecords<'_, R>, ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        // Records end at LF only, so a record's line is exact in CRLF files
        // too (the default terminator counts a CRLF's LF into the next
        // record); the CR is taken off the last field (`cell`).
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(QuoteWatch::new(input));
    let mut header = csv::StringRecord::new();
    let found = reader
        .read_record(&mut header)
        .map_err(|e| csv_error(&e, &[]))?;
    if !found {
        return Err(at(Some(1), None, Problem::Empty));
    }
    if let Some((_, line, field)) = reader.get_ref().unterminated() {
        let name = header.get(field).unwrap_or_default();
        let name = name.lines().next().unwrap_or_default().to_owned();
        let column = Column {
            number: Some(field + 1),
            name,
        };
        return Err(at(Some(line), Some(column), Problem::UnterminatedQuote));
    }
    let headers: Vec<String> = (0..header.len())
        .map(|i| cell(&header, i).trim_start_matches('\u{feff}').to_owned())
        .collect();
    let mut bound = Vec::new();
    let mut missing = Vec::new();
    for (fi, field) in profile.fields.iter().enumerate() {
        let column = field
            .columns
            .iter()
            .find_map(|c| headers.iter().position(|h| field_named(c, h)));
        match column {
            Some(ci) => bound.push((ci, fi)),
            None if field.required => missing.push(field.column().to_owned()),
            None => {}
        }
    }
    let header_start = header.position().map_or(0, csv::Position::byte);
    let header_line = Some(reader.get_mut().line_at(header_start));
    if !missing.is_empty() {
        return Err(at(header_line, None, Problem::MissingColumns(missing)));
    }
    if bound.is_empty() {
        let problem = Problem::NoMappedColumns {
            profile: profile.name.clone(),
        };
        return Err(at(header_line, None, problem));
    }
    Ok(CsvRecords {
        reader,
        profile,
        headers,
        bound,
        row: csv::StringRecord::new(),
        count: 0,
        done: false,
    })
}

/// Whether header or key `h` is the profile column `c` (ignoring case and
/// surrounding whitespace).
fn field_named(c: &str, h: &str) -> bool {
    h.trim().to_lowercase() == c.trim().to_lowercase()
}

impl<R: Read> CsvRecords<'_, R> {
    /// The header row as written (byte-order mark removed).
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    fn column(&self, index: usize) -> Column {
        let name = self.headers.get(index).cloned().unwrap_or_default();
        Column {
            number: Some(index + 1),
            name,
        }
    }

    fn record(&mut self) -> Result<Record, ReadError> {
        let start = self.row.position().map_or(0, csv::Position::byte);
        let line = self.reader.get_mut().line_at(start);
        let end = self.reader.position().byte();
        if let Some((offset, open_line, field)) = self.reader.get_ref().unterminated()
            && offset >= start
            && offset <= end
        {
            self.done = true;
            return Err(at(
                Some(open_line),
                Some(self.column(field)),
                Problem::UnterminatedQuote,
            ));
        }
        self.count += 1;
        let row_error = |line: u64, column: Option<Column>, problem: Problem| ReadError {
            line: Some(line),
            record: None,
            column,
            problem,
        };
        if self.row.len() != self.headers.len() {
            let first_off = self.row.len().min(self.headers.len());
            let problem = Problem::FieldCount {
                found: self.row.len(),
                expected: self.headers.len(),
            };
            let column = Column {
                number: Some(first_off + 1),
                name: self.headers.get(first_off).cloned().unwrap_or_default(),
            };
            return Err(row_error(line, Some(column), problem));
        }
        let mut values = BTreeMap::new();
        let mut places = BTreeMap::new();
        for &(ci, fi) in &self.bound {
            let field = &self.profile.fields[fi];
            let text = cell(&self.row, ci);
            places.insert(field.field, self.column(ci));
            // The cell's own line (after multi-line cells), only on a problem.
            let cell_line = || line + self.row.iter().take(ci).map(newlines).sum::<u64>();
            match typed(field, text) {
                Err(e) => {
                    return Err(row_error(
                        cell_line(),
                        Some(self.column(ci)),
                        Problem::Value(e),
                    ));
                }
                Ok(None) if field.required => {
                    let problem = Problem::Required {
                        field: field.column().to_owned(),
                    };
                    return Err(row_error(cell_line(), Some(self.column(ci)), problem));
                }
                Ok(None) => {}
                Ok(Some(v)) => {
                    values.insert(field.field, v);
                }
            }
        }
        Ok(Record {
            line: Some(line),
            index: self.count,
            reference: None,
            file: None,
            values,
            places,
        })
    }
}

/// Field `i` of a row, without the CR of a CRLF line end on the last one.
fn cell(row: &csv::StringRecord, i: usize) -> &str {
    let text = row.get(i).unwrap_or_default();
    if i + 1 == row.len() {
        text.strip_suffix('\r').unwrap_or(text)
    } else {
        text
    }
}

/// Whether a row is a blank line (LF or CRLF alone).
fn blank(row: &csv::StringRecord) -> bool {
    row.len() == 1 && cell(row, 0).is_empty()
}

fn newlines(s: &str) -> u64 {
    s.bytes().filter(|b| *b == b'\n').count() as u64
}

impl<R: Read> Iterator for CsvRecords<'_, R> {
    type Item = Result<Record, ReadError>;

    /// The next record, or the problem that stops it. After the last record,
    /// a file with no data rows yields one [`Problem::NoRecords`].
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            return match self.reader.read_record(&mut self.row) {
                Err(e) => {
                    let err = csv_error(&e, &self.headers);
                    if matches!(err.problem, Problem::Io(_)) {
                        self.done = true;
                    } else {
                        self.count += 1;
                    }
                    Some(Err(err))
                }
                Ok(false) => {
                    self.done = true;
                    (self.count == 0).then(|| {
                        let line = Some(self.reader.get_ref().line);
                        let object = self.profile.object.clone();
                        Err(at(line, None, Problem::NoRecords { object }))
                    })
                }
                Ok(true) if blank(&self.row) => continue,
                Ok(true) => Some(self.record()),
            };
        }
    }
}

mod tree;
pub use tree::{PlanEntry, TreeRecords, read_plan, read_tree};

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
