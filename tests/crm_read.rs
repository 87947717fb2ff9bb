//! Reading the CRM fixtures (issue 12 items 2 and 4, "Bad input"): files in
//! the exact shapes Salesforce's tools write, read through the built-in
//! Salesforce Campaign profile; every bad file's message names its line and
//! column.

use jmo::crm::profile::Profile;
use jmo::crm::read::{Problem, ReadError, Record, read_csv, read_tree};
use jmo::crm::values::Value;
use rust_decimal_macros::dec;

fn profile() -> Profile {
    Profile::salesforce_campaign().unwrap_or_else(|e| unreachable!("built-in profile: {e}"))
}

fn day(s: &str) -> Value {
    Value::Date(s.parse().unwrap_or_default())
}

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

fn choice(source: &str, mapped: Option<&str>) -> Value {
    Value::Choice {
        source: source.to_owned(),
        mapped: mapped.map(str::to_owned),
    }
}

/// Every item of a CSV fixture (records and errors), or the header's error.
fn csv(bytes: &[u8]) -> Result<Vec<Result<Record, ReadError>>, ReadError> {
    let profile = profile();
    let records = read_csv(bytes, &profile)?;
    Ok(records.collect())
}

fn messages(items: &[Result<Record, ReadError>]) -> Vec<String> {
    items
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_data_loader_export_reads_every_shape_it_writes() {
    let items = csv(include_bytes!("fixtures/crm/dataloader-export.csv")).unwrap_or_default();
    assert_eq!(messages(&items), Vec::<String>::new());
    let rows: Vec<Record> = items.into_iter().flatten().collect();
    assert_eq!(rows.len(), 3);
    let [a, b, c] = &rows[..] else { unreachable!() };

    // All-capitals headers, CRLF, a quoted multi-line Description with a
    // comma and doubled quotes, 3.5E8, an ISO date.
    assert_eq!((a.line, a.index), (Some(2), 1));
    assert_eq!(
        a.get("crm_id"),
        Some(&Value::Id("701D000000AaAaAIAV".into()))
    );
    assert_eq!(a.get("name"), Some(&text("Partner: Acme - Q3 Webinar")));
    assert_eq!(a.get("type"), Some(&choice("Webinar", Some("webinar"))));
    assert_eq!(a.get("status"), Some(&choice("In Progress", Some("live"))));
    assert_eq!(a.get("start"), Some(&day("2014-01-13")));
    assert_eq!(a.get("budgeted_cost"), Some(&Value::Decimal(dec!(25000))));
    assert_eq!(a.get("actual_cost"), Some(&Value::Decimal(dec!(1250.50))));
    assert_eq!(
        a.get("expected_revenue"),
        Some(&Value::Decimal(dec!(350000000)))
    );
    assert_eq!(
        a.get("expected_response"),
        Some(&Value::Percent(dec!(12.5)))
    );
    assert_eq!(a.get("active"), Some(&Value::Bool(true)));
    assert_eq!(
        a.get("description"),
        Some(&text("Line one, with a comma\r\nLine two \"quoted\""))
    );
    assert_eq!(
        a.get("parent_id"),
        Some(&Value::Id("701D000000PpPpPIAV".into()))
    );
    assert_eq!(a.get("external_id"), Some(&Value::Id("c-1".into())));

    // The record after a two-line one starts on line 4. A timestamp date, a
    // US date, 25000.00, empty strings as nulls.
    assert_eq!((b.line, b.index), (Some(4), 2));
    assert_eq!(b.get("start"), Some(&day("2014-01-13")));
    assert_eq!(b.get("end"), Some(&day("2014-03-31")));
    assert_eq!(
        b.get("budgeted_cost"),
        Some(&Value::Decimal(dec!(25000.00)))
    );
    assert_eq!(
        b.get("type"),
        Some(&choice("Banner Ads", Some("digital_ads")))
    );
    for null in [
        "actual_cost",
        "expected_revenue",
        "expected_response",
        "number_sent",
        "description",
        "parent_id",
        "external_id",
    ] {
        assert_eq!(b.get(null), None, "{null} should be null");
    }
    assert_eq!(b.get("active"), Some(&Value::Bool(false)));

    // A Type with no jmo equivalent is read, unmapped; 1 is true; -1.25e-2.
    assert_eq!(c.get("type"), Some(&choice("Direct Mail", None)));
    assert_eq!(c.get("start"), Some(&day("2014-01-13")));
    assert_eq!(c.get("actual_cost"), Some(&Value::Decimal(dec!(-0.0125))));
    assert_eq!(c.get("active"), Some(&Value::Bool(true)));
}

/// Data Loader's success file (its AbstractAction and CSVFileWriter):
/// all-capitals headers, `ID` first, the sent columns, `STATUS` last, every
/// cell quoted, the platform's line ends; its row map ignores case, so the
/// new Id fills the sent `Id` column too and "Item Created" fills the sent
/// `Status` column: the Campaign's status is not in the file, and reads as
/// empty (no change), not as a Status with no jmo equivalent.
#[test]
fn a_success_file_gives_the_new_ids_and_no_status() {
    let items = csv(include_bytes!("fixtures/crm/dataloader-success.csv")).unwrap_or_default();
    let rows: Vec<Record> = items.into_iter().flatten().collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[0].get("crm_id"),
        Some(&Value::Id("701D000000DdDdDIAV".into()))
    );
    assert_eq!(
        rows[0].get("external_id"),
        Some(&Value::Id("jmo-campaign-7".into()))
    );
    assert_eq!(rows[0].get("status"), None);
    assert_eq!(
        rows[0].get("type"),
        Some(&choice("Conference", Some("virtual_event")))
    );
    assert_eq!(
        rows[1].get("crm_id"),
        Some(&Value::Id("701D000000EeEeEIAV".into()))
    );
    assert_eq!(rows[1].get("status"), None);
    assert_eq!(rows[1].line, Some(3));
}

#[test]
fn an_sobject_tree_file_reads_through_the_same_profile() {
    let profile = profile();
    let bytes: &[u8] = include_bytes!("fixtures/crm/campaigns.tree.json");
    let rows: Vec<Result<Record, ReadError>> = read_tree(bytes, &profile)
        .map(Iterator::collect)
        .unwrap_or_default();
    let rows: Vec<Record> = rows.into_iter().flatten().collect();
    assert_eq!(rows.len(), 2);
    let [a, b] = &rows[..] else { unreachable!() };
    assert_eq!(
        (a.line, a.index, a.reference.as_deref()),
        (None, 1, Some("CampaignRef1"))
    );
    assert_eq!(a.get("name"), Some(&text("Partner: Acme - Q3 Webinar")));
    assert_eq!(a.get("budgeted_cost"), Some(&Value::Decimal(dec!(25000))));
    assert_eq!(
        a.get("expected_revenue").cloned().map(|v| match v {
            Value::Decimal(d) => d.normalize(),
            _ => dec!(-1),
        }),
        Some(dec!(350000000))
    );
    assert_eq!(
        a.get("expected_response"),
        Some(&Value::Percent(dec!(12.5)))
    );
    assert_eq!(a.get("active"), Some(&Value::Bool(true)));
    assert_eq!(a.get("crm_id"), None);
    // Keys in another case; null; a string number; a timestamp.
    assert_eq!(b.get("name"), Some(&text("Partner: Globex - Banner push")));
    assert_eq!(b.get("start"), Some(&day("2014-01-13")));
    assert_eq!(b.get("end"), None);
    assert_eq!(
        b.get("budgeted_cost"),
        Some(&Value::Decimal(dec!(25000.00)))
    );
    assert_eq!(b.get("external_id"), Some(&Value::Id("c-2".into())));
}

#[test]
fn an_unterminated_quote_is_reported_where_it_opens_and_ends_the_file() {
    let items = csv(include_bytes!("fixtures/crm/bad-unterminated.csv")).unwrap_or_default();
    assert_eq!(
        items.len(),
        2,
        "the good record, then the error, then nothing"
    );
    assert!(items[0].is_ok());
    assert_eq!(
        messages(&items),
        ["line 3, column 5 (DESCRIPTION): a quoted field starts here and is never closed"]
    );
}

#[test]
fn a_row_with_the_wrong_number_of_fields() {
    let items = csv(include_bytes!("fixtures/crm/bad-field-count.csv")).unwrap_or_default();
    assert!(items[0].is_ok());
    assert_eq!(
        messages(&items),
        ["line 3, column 6: the row has 6 fields; the header has 5"]
    );
}

#[test]
fn a_bad_date_names_its_line_column_and_rule() {
    let items = csv(include_bytes!("fixtures/crm/bad-date.csv")).unwrap_or_default();
    assert_eq!(
        messages(&items),
        [
            "line 2, column 3 (STARTDATE): not a date: \"13/13/2014\" (slash dates are month/day/year; there is no month 13 or later)"
        ]
    );
}

#[test]
fn a_bad_number_names_its_line_column_and_rule() {
    let items = csv(include_bytes!("fixtures/crm/bad-number.csv")).unwrap_or_default();
    assert!(items[0].is_ok());
    assert_eq!(
        messages(&items),
        [
            "line 3, column 4 (BUDGETEDCOST): not a number: \"1,234\" (no thousands separators or decimal commas: write 1234.56)"
        ]
    );
}

#[test]
fn a_header_and_no_rows_is_one_error() {
    let items = csv(include_bytes!("fixtures/crm/no-rows.csv")).unwrap_or_default();
    assert_eq!(
        messages(&items),
        ["line 2: no Campaign records in the file"]
    );
    assert_eq!(items.len(), 1);
}

#[test]
fn a_missing_required_column_is_reported_once_at_the_header() {
    let Err(e) = csv(include_bytes!("fixtures/crm/missing-required.csv")) else {
        unreachable!("the header lacks NAME")
    };
    assert_eq!(e.to_string(), "line 1: missing required column: Name");
    assert_eq!(e.problem, Problem::MissingColumns(vec!["Name".into()]));
}

#[test]
fn a_plan_file_names_the_tree_files_per_object() {
    let bytes: &[u8] = include_bytes!("fixtures/crm/campaigns-plan.json");
    let plan = jmo::crm::read::read_plan(bytes).unwrap_or_default();
    assert_eq!(plan.len(), 1);
    assert_eq!(plan[0].sobject, "Campaign");
    assert!(plan[0].save_refs && plan[0].resolve_refs);
    assert_eq!(plan[0].files, ["campaigns.tree.json"]);
    let e = jmo::crm::read::read_plan(&b"[{\"sobject\": \"Campaign\"}]"[..])
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        e.as_deref(),
        Some("line 1, column 24: not an sObject Tree file: missing field `files`")
    );
}
