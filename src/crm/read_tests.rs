//! Unit tests for the readers: the CSV variants a CRM may write (BOM, LF,
//! any-case headers, blank lines, quoted commas), streaming, and the sObject
//! Tree file's own errors.

use super::*;
use std::io::Read;

fn profile() -> Profile {
    Profile::salesforce_campaign().unwrap_or_else(|e| unreachable!("{e}"))
}

fn all(text: &str) -> Vec<Result<Record, ReadError>> {
    let p = profile();
    match read_csv(text.as_bytes(), &p) {
        Ok(records) => records.collect(),
        Err(e) => vec![Err(e)],
    }
}

fn msgs(items: &[Result<Record, ReadError>]) -> Vec<String> {
    items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(ToString::to_string)
        .collect()
}

#[test]
fn bom_lf_mixed_case_headers_blank_lines_and_quoted_commas() {
    let items = all(
        "\u{feff}name,startDate,Budgetedcost\n\n\"Acme, Inc - Webinar\",2014-01-13,25000\n\n\nB,,\n",
    );
    assert_eq!(msgs(&items), Vec::<String>::new());
    let rows: Vec<Record> = items.into_iter().flatten().collect();
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[1].line, rows[1].index), (Some(6), 2));
    assert_eq!(
        rows[0].get("name"),
        Some(&Value::Text("Acme, Inc - Webinar".into()))
    );
    assert_eq!((rows[0].line, rows[0].index), (Some(3), 1));
}

#[test]
fn a_whitespace_only_row_is_a_wrong_field_count_not_silence() {
    let items = all("Name,StartDate\nA,2014-01-13\n  \n");
    assert_eq!(
        msgs(&items),
        ["line 3, column 2 (StartDate): the row has 1 field; the header has 2"]
    );
}

#[test]
fn a_header_after_blank_lines_is_placed_on_its_own_line() {
    assert_eq!(
        msgs(&all("\n\nFoo,Bar\n1,2\n")),
        ["line 3: missing required column: Name"]
    );
}

#[test]
fn a_bare_cr_inside_an_unquoted_cell_opens_no_quote() {
    let items = all("Name,Description\nA,x\r\"y\nB,z\n");
    assert_eq!(msgs(&items), Vec::<String>::new());
    let rows: Vec<Record> = items.into_iter().flatten().collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].get("description"),
        Some(&Value::Text("x\r\"y".into()))
    );
}

#[test]
fn a_required_cell_left_empty_is_named() {
    let items = all("Id,Name\r\n701A,\r\n");
    assert_eq!(
        msgs(&items),
        ["line 2, column 2 (Name): Name is required and is empty"]
    );
}

#[test]
fn a_bad_cell_after_a_multi_line_cell_reports_its_own_line() {
    let items = all("Name,Description,StartDate\r\nA,\"one\r\ntwo\r\nthree\",soon\r\n");
    assert_eq!(
        msgs(&items),
        [
            "line 4, column 3 (StartDate): not a date: \"soon\" (write 2014-01-13, 2014-01-13T00:00:00.000Z or 1/13/2014)"
        ]
    );
}

#[test]
fn an_empty_file_and_an_unmapped_header() {
    assert_eq!(msgs(&all("")), ["line 1: the file is empty: no header row"]);
    assert_eq!(
        msgs(&all("Foo,Bar\n1,2\n")),
        ["line 1: missing required column: Name"]
    );
    let mut p = profile();
    p.fields.retain(|f| !f.required);
    let e = read_csv("Foo,Bar\n1,2\n".as_bytes(), &p)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("line 1: none of the Salesforce Campaign profile's columns is in the header")
    );
}

#[test]
fn an_unterminated_quote_in_the_header_or_after_many_rows() {
    assert_eq!(
        msgs(&all("Name,\"Start\n")),
        ["line 1, column 2 (Start): a quoted field starts here and is never closed"]
    );
    let mut text = String::from("Name,Description\n");
    for i in 0..5000 {
        text.push_str(&format!("Campaign {i},\"fine, \"\"really\"\"\"\n"));
    }
    text.push_str("Last,\"open\nstill open\n");
    let items = all(&text);
    assert_eq!(items.iter().filter(|r| r.is_ok()).count(), 5000);
    assert_eq!(
        msgs(&items),
        ["line 5002, column 2 (Description): a quoted field starts here and is never closed"]
    );
}

#[test]
fn not_utf8_is_reported_at_its_cell() {
    let p = profile();
    let bytes: &[u8] = b"Name,StartDate\nA\xff,2014-01-13\n";
    let items: Vec<_> = read_csv(bytes, &p)
        .map(Iterator::collect::<Vec<_>>)
        .unwrap_or_default();
    assert_eq!(msgs(&items), ["line 2, column 1 (Name): not UTF-8 text"]);
}

/// A reader that hands out one generated row at a time and counts the bytes
/// it has given: the reader must not need the whole input before the first
/// record.
struct Rows {
    next: usize,
    total: usize,
    pending: Vec<u8>,
    given: std::rc::Rc<std::cell::Cell<usize>>,
}

impl Read for Rows {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() && self.next <= self.total {
            self.pending = if self.next == 0 {
                b"Name,BudgetedCost\r\n".to_vec()
            } else {
                format!("Campaign {},{}.50\r\n", self.next, self.next).into_bytes()
            };
            self.next += 1;
        }
        let n = self.pending.len().min(buf.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        self.given.set(self.given.get() + n);
        Ok(n)
    }
}

#[test]
fn csv_is_streamed_one_record_at_a_time() {
    let p = profile();
    let given = std::rc::Rc::new(std::cell::Cell::new(0));
    let rows = Rows {
        next: 0,
        total: 200_000,
        pending: Vec::new(),
        given: given.clone(),
    };
    let mut records = read_csv(rows, &p).unwrap_or_else(|e| unreachable!("{e}"));
    let first = records.next().and_then(Result::ok).map(|r| r.index);
    assert_eq!(first, Some(1));
    assert!(
        given.get() < 64 * 1024,
        "read {} bytes for one record",
        given.get()
    );
    assert_eq!(records.count(), 199_999);
}

#[test]
fn tree_records_of_another_type_missing_required_keys_and_nested_values() {
    let p = profile();
    let json = r#"{"records":[
        {"attributes":{"type":"Account","referenceId":"a1"},"Name":"X"},
        {"attributes":{"type":"Campaign","referenceId":"c1"},"StartDate":"2014-01-13"},
        {"attributes":{"type":"Campaign","referenceId":"c2"},"Name":"Y","BudgetedCost":{"amount":1}},
        {"attributes":{"type":"Campaign","referenceId":"c3"},"Name":"Z","EndDate":"1/40/2014"},
        {"attributes":{"type":"campaign","referenceId":"c4"},"NAME":"W"}
    ]}"#;
    let items: Vec<_> = read_tree(json.as_bytes(), &p)
        .map(Iterator::collect::<Vec<_>>)
        .unwrap_or_default();
    assert_eq!(
        msgs(&items),
        [
            "record 1: a Account record, not a Campaign",
            "record 2, field Name: Name is required and is empty",
            "record 3, field BudgetedCost: not a single value",
            "record 4, field EndDate: not a date: \"1/40/2014\" (no such day)",
        ]
    );
    assert_eq!(items[4].as_ref().ok().map(|r| r.index), Some(5));
}

#[test]
fn tree_files_that_are_not_json_or_hold_nothing() {
    let p = profile();
    let e = read_tree("{\"records\": [\n  {\"Name\": }\n]}".as_bytes(), &p)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("line 2, column 12: not an sObject Tree file: expected value")
    );
    let e = read_tree("{\"records\": []}".as_bytes(), &p)
        .err()
        .map(|e| e.to_string());
    assert_eq!(e.as_deref(), Some("no Campaign records in the file"));
    let e = read_tree("{\"rows\": []}".as_bytes(), &p)
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("line 1, column 12: not an sObject Tree file: missing field `records`")
    );
}

proptest::proptest! {
    /// Any bytes at all: the reader never panics, and every problem it
    /// reports has a line (CSV problems always have a place).
    #[test]
    fn any_bytes_read_without_panic_and_every_problem_has_a_line(
        body in proptest::collection::vec(proptest::sample::select(
            vec![b'a', b'1', b',', b'"', b'\n', b'\r', b' ', b'.', b'-', b'/', 0xff]), 0..200)
    ) {
        let p = profile();
        let mut bytes = b"Name,StartDate,BudgetedCost,IsActive\n".to_vec();
        bytes.extend(body);
        if let Ok(records) = read_csv(&bytes[..], &p) {
            for item in records {
                if let Err(e) = item {
                    proptest::prop_assert!(e.line.is_some(), "{e}");
                }
            }
        }
    }
}
