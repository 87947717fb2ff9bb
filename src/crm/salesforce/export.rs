//! The Salesforce export (issue 12 item 1; docs/crm.md): jmo's campaigns
//! and MDF records as typed rows, one [`Table`] per Salesforce object, and
//! those tables as Data Loader CSV files ([`csv_files`]).
//!
//! Every row carries jmo's stable external id in
//! [`mapping::EXTERNAL_ID_FIELD`]; a relationship is a [`Cell::Ref`] to
//! another row's external id, written as a `Relationship.Jmo_Id__c`
//! column in CSV (Bulk API's `RelationshipName.IndexedFieldName` header)
//! and as `"ParentId": "@reference"` in sObject Tree JSON.

use super::mapping::{self, EXTERNAL_ID_FIELD, TypeMap};
use super::mdf::mdf_tables;
use crate::domain::dashboard::FiscalYear;
use crate::domain::performance::{self, ProgramTargets};
use crate::domain::{Campaign, Currency, Program, Stored};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// One field's value, typed, so each writer renders it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value (an empty CSV field; left out of tree JSON).
    Empty,
    /// Text.
    Text(String),
    /// A date, `YYYY-MM-DD`.
    Date(NaiveDate),
    /// Money in the export's `CurrencyIsoCode`, a plain decimal with the
    /// currency's places (`25000.00`).
    Money(Decimal),
    /// A percent with two places (`33.33`).
    Percent(Decimal),
    /// A whole number.
    Count(i64),
    /// `true` / `false`.
    Bool(bool),
    /// The external id of another exported row (a relationship).
    Ref(String),
}

/// A column: its CSV header and its field in sObject Tree JSON (`None`:
/// not in the tree file, e.g. `Id`, which an insert cannot set, or a
/// relationship to a record the tree does not hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Data Loader CSV header: an API field name, or for a relationship
    /// `Relationship.Jmo_Id__c`.
    pub csv: &'static str,
    /// The field in tree JSON (a relationship's lookup field, e.g. `ParentId`).
    pub tree: Option<&'static str>,
    /// The object a [`Cell::Ref`] in this column points to (`None`: not a
    /// relationship).
    pub refers_to: Option<&'static str>,
}

pub(super) const fn col(name: &'static str) -> Column {
    Column {
        csv: name,
        tree: Some(name),
        refers_to: None,
    }
}

pub(super) const fn rel(csv: &'static str, tree: Option<&'static str>, to: &'static str) -> Column {
    Column {
        csv,
        tree,
        refers_to: Some(to),
    }
}

/// One exported record: its external id and a cell per column.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// jmo's external id ([`mapping::external_id`]).
    pub external_id: String,
    /// The cells, in the table's column order.
    pub cells: Vec<Cell>,
}

/// The records of one Salesforce object.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sObject API name, e.g. `Campaign`.
    pub object: &'static str,
    /// The columns; the first is [`EXTERNAL_ID_FIELD`].
    pub columns: Vec<Column>,
    /// The rows, parents before the rows that refer to them.
    pub rows: Vec<Row>,
}

/// What the export needs besides the records.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Today (for `IsActive`, and the parent's fiscal year when there is no campaign).
    pub today: NaiveDate,
    /// The program's fiscal-year start month (`[program]`, 1–12).
    pub fiscal_year_start_month: u32,
    /// `--parent NAME` (one parent for all), else one "Partner Marketing
    /// FY{yy}" per fiscal year of the campaigns' start dates.
    pub parent: Option<String>,
    /// Campaign type → Salesforce `Type`.
    pub types: TypeMap,
    /// The program's targets (for `ExpectedRevenue`'s default, docs/domain.md §8.2).
    pub goals: ProgramTargets,
}

/// A file to write: its name, its whole text, and how many records it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// The file name, e.g. `Campaign.csv`.
    pub name: String,
    /// The text.
    pub text: String,
    /// Records in it (rows, not counting the header).
    pub records: usize,
}

const CAMPAIGN: [Column; 16] = [
    col(EXTERNAL_ID_FIELD),
    Column {
        csv: "Id",
        tree: None,
        refers_to: None,
    },
    col("Name"),
    col("Type"),
    col("Status"),
    col("StartDate"),
    col("EndDate"),
    col("BudgetedCost"),
    col("ActualCost"),
    col("ExpectedRevenue"),
    col("ExpectedResponse"),
    col("NumberSent"),
    col("IsActive"),
    col("Description"),
    col("CurrencyIsoCode"),
    rel("Parent.Jmo_Id__c", Some("ParentId"), "Campaign"),
];

/// A fiscal year's number and, where the start month is valid, its days.
type Year = (i32, Option<FiscalYear>);

/// The five tables of the export, in load order: Campaign (the parent
/// campaigns first), PartnerMarketingBudget, PartnerFundAllocation,
/// PartnerFundRequest, PartnerFundClaim. `program` is what may leave jmo
/// (already redacted by the caller, G5).
///
/// Each campaign goes under the parent of its own fiscal year (the one of
/// `[program]` containing its start date): one parent row per fiscal year
/// used, earliest first, each dated that year ("Partner Marketing FY26",
/// "… FY27"). With `--parent NAME` every campaign goes under that one
/// parent, dated from the first used fiscal year's start to the last one's
/// end. With no campaign, the parent is of the year containing today.
pub fn build(program: &Program, options: &ExportOptions) -> Vec<Table> {
    let cur = program.currency.code().to_owned();
    let month = options.fiscal_year_start_month;
    let fy_of = |day: NaiveDate| {
        FiscalYear::containing(day, month).map_or((day.year(), None), |f| (f.year, Some(f)))
    };
    let mut children: Vec<(&Stored<Campaign>, &str, Year)> = Vec::new();
    for p in program.partners_sorted() {
        for c in program.campaigns_of(p.id) {
            children.push((c, &p.name, fy_of(c.start)));
        }
    }
    let mut years: Vec<(i32, Option<FiscalYear>)> = children.iter().map(|(_, _, y)| *y).collect();
    years.sort_by_key(|(y, _)| *y);
    years.dedup_by_key(|(y, _)| *y);
    if years.is_empty() {
        years.push(fy_of(options.today));
    }
    let named = options
        .parent
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let mut campaigns = Table {
        object: "Campaign",
        columns: CAMPAIGN.to_vec(),
        rows: Vec::new(),
    };
    let parent_row =
        |name: String, start: Option<NaiveDate>, end: Option<NaiveDate>, about: String| {
            let id = mapping::parent_external_id(&name);
            Row {
                external_id: id.clone(),
                cells: vec![
                    Cell::Text(id),
                    Cell::Empty,
                    Cell::Text(name),
                    Cell::Text("Partners".into()),
                    Cell::Text("In Progress".into()),
                    start.map_or(Cell::Empty, Cell::Date),
                    end.map_or(Cell::Empty, Cell::Date),
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Empty,
                    Cell::Bool(true),
                    Cell::Text(about),
                    Cell::Text(cur.clone()),
                    Cell::Empty,
                ],
            }
        };
    match named {
        Some(name) => campaigns.rows.push(parent_row(
            name.to_owned(),
            years.iter().find_map(|(_, f)| f.map(|f| f.start)),
            years.iter().rev().find_map(|(_, f)| f.map(|f| f.end)),
            "Partner marketing campaigns, exported from jmo".into(),
        )),
        None => {
            for (year, fy) in &years {
                campaigns.rows.push(parent_row(
                    mapping::parent_name(None, *year),
                    fy.map(|f| f.start),
                    fy.map(|f| f.end),
                    format!("Partner marketing campaigns of FY{year}, exported from jmo"),
                ));
            }
        }
    }
    for (c, partner, (year, _)) in children {
        let parent = mapping::parent_external_id(&mapping::parent_name(named, year));
        campaigns
            .rows
            .push(campaign_row(program, c, partner, &parent, &cur, options));
    }
    let mut tables = vec![campaigns];
    tables.extend(mdf_tables(program, &cur));
    tables
}

fn campaign_row(
    program: &Program,
    c: &Stored<Campaign>,
    partner: &str,
    parent: &str,
    cur: &str,
    options: &ExportOptions,
) -> Row {
    let id = mapping::external_id("campaign", c.id);
    let results = program.results_of(c.id).map(|r| &r.value);
    let targets = performance::targets(c, results, &options.goals);
    let reach = results.and_then(|r| match (r.reach_ours, r.reach_partner) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0) + b.unwrap_or(0)),
    });
    let spent: Vec<Decimal> = program
        .expenses_of(c.id)
        .iter()
        .filter(|e| e.withdrawn.is_none())
        .map(|e| e.amount)
        .collect();
    let actual = (!spent.is_empty()).then(|| spent.iter().copied().sum::<Decimal>());
    let mut description = format!(
        "{} with {partner}; launch {}",
        c.campaign_type.label(),
        c.launch
    );
    if !c.audience.trim().is_empty() {
        description.push_str(&format!("; audience: {}", c.audience.trim()));
    }
    let opt = |v: Option<Cell>| v.unwrap_or(Cell::Empty);
    Row {
        external_id: id.clone(),
        cells: vec![
            Cell::Text(id),
            opt(c
                .crm_id
                .clone()
                .filter(|s| !s.trim().is_empty())
                .map(Cell::Text)),
            Cell::Text(mapping::campaign_name(partner, &c.name)),
            Cell::Text(options.types.of(c.campaign_type).to_owned()),
            Cell::Text(mapping::campaign_status(c.status).into()),
            Cell::Date(c.start),
            Cell::Date(c.end),
            Cell::Money(c.total_cost()),
            opt(actual.map(Cell::Money)),
            opt(targets.revenue.map(|(d, _)| Cell::Money(d))),
            opt(
                mapping::expected_response(targets.leads.map(|(n, _)| n), reach).map(Cell::Percent),
            ),
            opt(reach.map(Cell::Count)),
            Cell::Bool(c.is_active(options.today)),
            Cell::Text(description),
            Cell::Text(cur.to_owned()),
            Cell::Ref(parent.to_owned()),
        ],
    }
}

/// The Campaign rows whose `Name` is over Salesforce's 80 characters
/// ([`crate::domain::campaign::CRM_NAME_MAX`]), each as what it is
/// (`campaign 12`, or `the parent campaign "NAME"`) and its length in
/// characters. The rows are written as they are; the caller warns, since
/// Salesforce refuses such a row on load.
pub fn long_names(tables: &[Table]) -> Vec<(String, usize)> {
    let max = crate::domain::campaign::CRM_NAME_MAX;
    let mut out = Vec::new();
    for t in tables.iter().filter(|t| t.object == "Campaign") {
        let Some(i) = t.columns.iter().position(|c| c.csv == "Name") else {
            continue;
        };
        for r in &t.rows {
            let Some(Cell::Text(name)) = r.cells.get(i) else {
                continue;
            };
            let n = name.chars().count();
            if n <= max {
                continue;
            }
            let what = match r.external_id.strip_prefix("jmo-campaign-") {
                Some(id) => format!("campaign {id}"),
                None => format!("the parent campaign \"{name}\""),
            };
            out.push((what, n));
        }
    }
    out
}

/// A cell as CSV text: dates `YYYY-MM-DD`, money with the currency's
/// places and no symbol or separator, percents with 2 places, booleans
/// `true`/`false`, empty for no value.
pub fn csv_text(cell: &Cell, currency: Currency) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) | Cell::Ref(s) => s.clone(),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::Money(d) => currency.plain(*d),
        Cell::Percent(d) => format!("{d:.2}"),
        Cell::Count(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
    }
}

/// The tables as Data Loader CSV files, `{Object}.csv`: UTF-8, a header
/// row of API field names, one row per record, fields quoted where needed
/// (the `csv` crate).
pub fn csv_files(tables: &[Table], currency: Currency) -> Vec<OutFile> {
    tables
        .iter()
        .map(|t| {
            let mut w = csv::Writer::from_writer(Vec::new());
            // Writing into a Vec cannot fail.
            let _ = w.write_record(t.columns.iter().map(|c| c.csv));
            for r in &t.rows {
                let _ = w.write_record(r.cells.iter().map(|c| csv_text(c, currency)));
            }
            let bytes = w.into_inner().unwrap_or_default();
            OutFile {
                name: format!("{}.csv", t.object),
                text: String::from_utf8(bytes).unwrap_or_default(),
                records: t.rows.len(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::tests_support::webinar;
    use crate::domain::{
        CampaignId, CampaignResults, CampaignStatus, Expense, ExpenseId, Partner, PartnerId,
        ResultsId,
    };
    use rust_decimal_macros::dec;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn program() -> Program {
        let mut p = Program::default();
        p.partners.upsert(Stored::new(
            PartnerId(1),
            Partner {
                name: "Acme, Inc.".into(),
                ..Partner::default()
            },
        ));
        let mut c = webinar();
        c.status = CampaignStatus::Cancelled;
        c.crm_id = Some("701000000000001AAA".into());
        p.campaigns.upsert(Stored::new(CampaignId(3), c));
        for (id, amount, withdrawn) in [(1, dec!(1200.5), None), (2, dec!(999), Some("typo"))] {
            p.expenses.upsert(Stored::new(
                ExpenseId(id),
                Expense {
                    campaign_id: CampaignId(3),
                    request_id: None,
                    category: "ads".into(),
                    amount,
                    spent_on: day("2026-01-20"),
                    vendor: String::new(),
                    invoice_ref: String::new(),
                    proof: String::new(),
                    withdrawn: withdrawn.map(String::from),
                },
            ));
        }
        p.results.upsert(Stored::new(
            ResultsId(1),
            CampaignResults {
                reach_ours: Some(4000),
                reach_partner: Some(2000),
                ..CampaignResults::empty(CampaignId(3))
            },
        ));
        p
    }

    fn options() -> ExportOptions {
        ExportOptions {
            today: day("2026-03-01"),
            fiscal_year_start_month: 2,
            parent: None,
            types: TypeMap::default(),
            goals: ProgramTargets::default(),
        }
    }

    fn cell<'a>(t: &'a Table, row: usize, column: &str) -> &'a Cell {
        let i = t
            .columns
            .iter()
            .position(|c| c.csv == column)
            .unwrap_or(usize::MAX);
        &t.rows[row].cells[i]
    }

    #[test]
    fn a_campaign_row_carries_its_money_reach_and_status() {
        let tables = build(&program(), &options());
        let c = &tables[0];
        // FY starting in February: the campaign starts 2026-01-05, in
        // FY2026 (today, 2026-03-01, is in FY2027: not what counts).
        assert_eq!(
            cell(c, 0, "Name"),
            &Cell::Text("Partner Marketing FY26".into())
        );
        assert_eq!(cell(c, 0, "StartDate"), &Cell::Date(day("2025-02-01")));
        assert_eq!(cell(c, 0, "EndDate"), &Cell::Date(day("2026-01-31")));
        assert_eq!(
            cell(c, 1, "Name"),
            &Cell::Text("Partner: Acme, Inc. - Q1 Webinar".into())
        );
        assert_eq!(cell(c, 1, "Id"), &Cell::Text("701000000000001AAA".into()));
        assert_eq!(cell(c, 1, "Status"), &Cell::Text("Aborted".into()));
        assert_eq!(cell(c, 1, "BudgetedCost"), &Cell::Money(dec!(6000)));
        // The withdrawn expense is not counted.
        assert_eq!(cell(c, 1, "ActualCost"), &Cell::Money(dec!(1200.5)));
        // 5x the total cost (docs/domain.md §8.2).
        assert_eq!(cell(c, 1, "ExpectedRevenue"), &Cell::Money(dec!(30000)));
        // Lead target 200 ÷ reach 6000 × 100.
        assert_eq!(cell(c, 1, "ExpectedResponse"), &Cell::Percent(dec!(3.33)));
        assert_eq!(cell(c, 1, "NumberSent"), &Cell::Count(6000));
        assert_eq!(cell(c, 1, "IsActive"), &Cell::Bool(false));
        assert_eq!(
            cell(c, 1, "Parent.Jmo_Id__c"),
            &Cell::Ref("jmo-parent-partner-marketing-fy26".into())
        );
    }

    /// A program with the FY2026 webinar (campaign 3) and a campaign
    /// starting 2026-03-01, in FY2027 (fiscal years starting in February).
    fn two_years() -> Program {
        let mut p = program();
        let mut c = webinar();
        c.name = "Spring Launch".into();
        c.start = day("2026-03-01");
        c.launch = day("2026-03-10");
        c.end = day("2026-03-20");
        p.campaigns.upsert(Stored::new(CampaignId(4), c));
        p
    }

    fn parent_of(t: &Table, name: &str) -> Cell {
        let row = (0..t.rows.len())
            .find(|&r| cell(t, r, "Name") == &Cell::Text(name.into()))
            .unwrap_or(usize::MAX);
        cell(t, row, "Parent.Jmo_Id__c").clone()
    }

    #[test]
    fn each_campaign_goes_under_the_parent_of_its_own_fiscal_year() {
        // Today is in FY2028; no campaign is, so no FY28 parent.
        let options = ExportOptions {
            today: day("2027-02-01"),
            ..options()
        };
        let c = &build(&two_years(), &options)[0];
        let names: Vec<&Cell> = (0..c.rows.len()).map(|r| cell(c, r, "Name")).collect();
        assert_eq!(
            names[..2],
            [
                &Cell::Text("Partner Marketing FY26".into()),
                &Cell::Text("Partner Marketing FY27".into())
            ]
        );
        assert_eq!(c.rows.len(), 4);
        assert_eq!(cell(c, 1, "StartDate"), &Cell::Date(day("2026-02-01")));
        assert_eq!(cell(c, 1, "EndDate"), &Cell::Date(day("2027-01-31")));
        assert_eq!(cell(c, 1, "Parent.Jmo_Id__c"), &Cell::Empty);
        assert_eq!(
            parent_of(c, "Partner: Acme, Inc. - Q1 Webinar"),
            Cell::Ref("jmo-parent-partner-marketing-fy26".into())
        );
        assert_eq!(
            parent_of(c, "Partner: Acme, Inc. - Spring Launch"),
            Cell::Ref("jmo-parent-partner-marketing-fy27".into())
        );
        // The tree file holds both parents, loaded before their children.
        let files =
            super::super::tree::tree_files(&build(&two_years(), &options), Currency::default());
        assert_eq!(files[0].name, "Campaign-parent.json");
        assert_eq!(files[0].records, 2);
        assert_eq!(files[1].name, "Campaign.json");
        assert_eq!(files[1].records, 2);
    }

    #[test]
    fn a_named_parent_holds_every_campaign_and_spans_their_years() {
        let options = ExportOptions {
            parent: Some("EMEA Partners".into()),
            ..options()
        };
        let c = &build(&two_years(), &options)[0];
        assert_eq!(c.rows.len(), 3);
        assert_eq!(cell(c, 0, "Name"), &Cell::Text("EMEA Partners".into()));
        assert_eq!(cell(c, 0, "StartDate"), &Cell::Date(day("2025-02-01")));
        assert_eq!(cell(c, 0, "EndDate"), &Cell::Date(day("2027-01-31")));
        for name in ["Q1 Webinar", "Spring Launch"] {
            assert_eq!(
                parent_of(c, &format!("Partner: Acme, Inc. - {name}")),
                Cell::Ref("jmo-parent-emea-partners".into())
            );
        }
    }

    #[test]
    fn names_over_80_characters_are_found_and_still_written() {
        let mut p = program();
        // "Partner: Acme, Inc. - " is 22 characters; 58 more make 80.
        let mut c = webinar();
        c.name = "x".repeat(58);
        p.campaigns.upsert(Stored::new(CampaignId(4), c));
        let mut c = webinar();
        c.name = "y".repeat(73);
        p.campaigns.upsert(Stored::new(CampaignId(12), c));
        let tables = build(&p, &options());
        assert_eq!(long_names(&tables), vec![("campaign 12".to_owned(), 95)]);
        assert_eq!(tables[0].rows.len(), 4);
        let long = ExportOptions {
            parent: Some("P".repeat(81)),
            ..options()
        };
        let found = long_names(&build(&p, &long));
        assert_eq!(found.len(), 2);
        assert!(
            found[0].0.starts_with("the parent campaign \"PPP"),
            "{found:?}"
        );
        assert_eq!(found[0].1, 81);
    }

    #[test]
    fn csv_quotes_commas_and_writes_plain_numbers() {
        let files = csv_files(&build(&program(), &options()), Currency::default());
        let campaign = &files[0];
        assert_eq!(campaign.name, "Campaign.csv");
        assert_eq!(campaign.records, 2);
        let row = campaign.text.lines().nth(2).unwrap_or_default();
        assert!(
            row.starts_with("jmo-campaign-3,701000000000001AAA,\"Partner: Acme, Inc. - Q1 Webinar\",Webinar,Aborted,2026-01-05,2026-02-09,6000.00,1200.50,30000.00,3.33,6000,false,"),
            "{row}"
        );
    }
}
