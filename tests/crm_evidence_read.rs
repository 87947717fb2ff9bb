//! Reading pipeline evidence files (docs/domain.md §15.1) through the
//! shipped profiles: each fixture in its tool's export shape
//! (`tests/fixtures/crm/evidence/`) is detected and read into rows with
//! their values; every bad value is named by file, line and column.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use chrono::NaiveDate;
use jmo::crm::evidence::{
    AccountRef, AccountRow, CampaignRef, EvidenceRow, LeadRow, OpportunityRow, OverlapRow,
    PartnerRow, Position, TouchRow, profiles, read_evidence_file,
};
use jmo::domain::evidence::{Outcome, Population, TouchKind};
use jmo::domain::results::LeadSource;
use rust_decimal_macros::dec;

fn path(name: &str) -> PathBuf {
    PathBuf::from("tests/fixtures/crm/evidence").join(name)
}

fn read(name: &str) -> (String, Vec<EvidenceRow>, Vec<String>) {
    read_evidence_file(&profiles().unwrap(), &path(name)).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(line: u64, index: usize) -> Position {
    Position {
        line: Some(line),
        index,
        reference: None,
    }
}

fn s(t: &str) -> Option<String> {
    Some(t.to_owned())
}

/// Data Loader's Account export (ALL CAPITALS, all quoted, CRLF): the
/// website kept as its domain, an empty owner as empty text.
#[test]
fn salesforce_accounts() {
    let (profile, rows, problems) = read("sf-account.csv");
    assert_eq!(profile, "Salesforce Account");
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(
        rows,
        vec![
            EvidenceRow::Account(
                AccountRow {
                    crm_id: "001Hs00001AcmeAAA".into(),
                    name: "Acme Corp".into(),
                    domain: "acme.com".into(),
                    owner: "005Hs000001OwnAAA".into(),
                },
                at(2, 1)
            ),
            EvidenceRow::Account(
                AccountRow {
                    crm_id: "001Hs00001GlobxAAA".into(),
                    name: "Globex, Inc.".into(),
                    domain: "globex.io".into(),
                    owner: String::new(),
                },
                at(3, 2)
            ),
        ]
    );
}

/// An sObject Tree file is detected by its records' attributes.type.
#[test]
fn salesforce_account_tree() {
    let (profile, rows, problems) = read("sf-account.tree.json");
    assert_eq!(profile, "Salesforce Account");
    assert!(problems.is_empty());
    let EvidenceRow::Account(a, p) = &rows[0] else {
        panic!("{rows:?}")
    };
    assert_eq!(a.domain, "acme.com");
    assert_eq!(p.reference.as_deref(), Some("AccountRef1"));
    assert_eq!(p.line, None);
}

/// Leads: the timestamp's date as written, the custom MQL_Date__c, the
/// LeadSource picklist mapped, the converted account's id and the email's
/// domain as account references.
#[test]
fn salesforce_leads() {
    let (profile, rows, problems) = read("sf-lead.csv");
    assert_eq!(profile, "Salesforce Lead");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        rows[0],
        EvidenceRow::Lead(
            LeadRow {
                crm_id: "00QHs00001LeadAAA".into(),
                account: AccountRef {
                    crm_id: None,
                    name: s("Acme Corp"),
                    domain: s("acme.com"),
                },
                person_crm_id: None,
                campaign: CampaignRef::default(),
                status: s("Working - Contacted"),
                source: Some(("Partner Referral".into(), Some(LeadSource::Partner))),
                created_on: day(2026, 3, 2),
                mql_on: Some(day(2026, 3, 9)),
                responded_on: None,
            },
            at(2, 1)
        )
    );
    let EvidenceRow::Lead(b, _) = &rows[1] else {
        panic!()
    };
    assert_eq!(b.account.crm_id, s("001Hs00001InitAAA"));
    assert_eq!(b.source, Some(("Web".into(), Some(LeadSource::Organic))));
    assert_eq!((b.created_on, b.mql_on), (day(2026, 1, 15), None));
}

/// Campaign members: the campaign's id, the Lead or the Contact id, the
/// first responded day.
#[test]
fn salesforce_campaign_members() {
    let (profile, rows, problems) = read("sf-campaign-member.csv");
    assert_eq!(profile, "Salesforce CampaignMember");
    assert!(problems.is_empty(), "{problems:?}");
    let leads: Vec<&LeadRow> = rows
        .iter()
        .map(|r| match r {
            EvidenceRow::Lead(l, _) => l,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(leads[0].campaign.crm_id, s("701Hs00001CampAAA"));
    assert_eq!(leads[0].person_crm_id, s("00QHs00001LeadAAA"));
    assert_eq!(leads[0].responded_on, Some(day(2026, 3, 3)));
    assert_eq!(leads[1].person_crm_id, s("003Hs00001ContAAA"));
    assert_eq!(leads[1].status, s("Sent"));
    assert_eq!(
        (leads[1].created_on, leads[1].responded_on),
        (day(2026, 3, 4), None)
    );
}

/// Opportunities: outcome from IsClosed/IsWon, an empty amount as none.
#[test]
fn salesforce_opportunities() {
    let (profile, rows, problems) = read("sf-opportunity.csv");
    assert_eq!(profile, "Salesforce Opportunity");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        rows[0],
        EvidenceRow::Opportunity(
            OpportunityRow {
                crm_id: "006Hs00001OppAAAA".into(),
                account: AccountRef {
                    crm_id: s("001Hs00001AcmeAAA"),
                    name: None,
                    domain: None,
                },
                name: "Acme - Platform".into(),
                amount: Some(dec!(48000.00)),
                stage: "Closed Won".into(),
                pipeline: None,
                created_on: day(2026, 3, 10),
                close_on: day(2026, 5, 29),
                outcome: Outcome::Won,
                lead_source: s("Partner Referral"),
                campaign: CampaignRef {
                    crm_id: s("701Hs00001CampAAA"),
                    name: None,
                },
            },
            at(2, 1)
        )
    );
    let outcomes: Vec<(Outcome, Option<rust_decimal::Decimal>)> = rows
        .iter()
        .map(|r| match r {
            EvidenceRow::Opportunity(o, _) => (o.outcome, o.amount),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (Outcome::Won, Some(dec!(48000))),
            (Outcome::Open, Some(dec!(12500))),
            (Outcome::Lost, None),
        ]
    );
}

#[test]
fn salesforce_opportunity_partners() {
    let (profile, rows, problems) = read("sf-opportunity-partner.csv");
    assert_eq!(profile, "Salesforce OpportunityPartner");
    assert!(problems.is_empty());
    assert_eq!(
        rows,
        vec![EvidenceRow::PartnerOnOpportunity(
            PartnerRow {
                crm_id: s("00IHs00001PartAAA"),
                opportunity_crm_id: "006Hs00001OppAAAA".into(),
                partner_account_crm_id: "001Hs00001NorthAAA".into(),
                role: s("VAR/Reseller"),
                primary: true,
            },
            at(2, 1)
        )]
    );
}

#[test]
fn hubspot_companies() {
    let (profile, rows, problems) = read("hs-companies.csv");
    assert_eq!(profile, "HubSpot companies");
    assert!(problems.is_empty());
    let EvidenceRow::Account(b, p) = &rows[1] else {
        panic!()
    };
    assert_eq!(
        (
            b.crm_id.as_str(),
            b.name.as_str(),
            b.domain.as_str(),
            b.owner.as_str()
        ),
        ("9002", "Globex, Inc.", "globex.io", "")
    );
    assert_eq!(*p, at(3, 2));
}

/// HubSpot contacts: "2026-03-02 14:05" and "03/04/2026" dates, Original
/// Source mapped, the primary company's name as the account.
#[test]
fn hubspot_contacts() {
    let (profile, rows, problems) = read("hs-contacts.csv");
    assert_eq!(profile, "HubSpot contacts");
    assert!(problems.is_empty(), "{problems:?}");
    let [EvidenceRow::Lead(a, _), EvidenceRow::Lead(b, _)] = rows.as_slice() else {
        panic!("{rows:?}")
    };
    assert_eq!(a.crm_id, "51");
    assert_eq!(a.account.name, s("Acme Corp"));
    assert_eq!(a.account.domain, s("acme.com"));
    assert_eq!(
        (a.created_on, a.mql_on),
        (day(2026, 3, 2), Some(day(2026, 3, 9)))
    );
    assert_eq!(
        a.source,
        Some(("Organic Search".into(), Some(LeadSource::Organic)))
    );
    assert_eq!(a.status, s("OPEN"));
    assert_eq!(b.created_on, day(2026, 3, 4));
    assert_eq!(b.account.name, None);
    assert_eq!(
        b.source,
        Some(("Offline Sources".into(), Some(LeadSource::Ours)))
    );
}

/// HubSpot deals: "48,000.50" read with its separator; closedwon /
/// closedlost close the deal, any other stage is open.
#[test]
fn hubspot_deals() {
    let (profile, rows, problems) = read("hs-deals.csv");
    assert_eq!(profile, "HubSpot deals");
    assert!(problems.is_empty(), "{problems:?}");
    let deals: Vec<&OpportunityRow> = rows
        .iter()
        .map(|r| match r {
            EvidenceRow::Opportunity(o, _) => o,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(deals[0].amount, Some(dec!(48000.50)));
    assert_eq!(deals[0].outcome, Outcome::Won);
    assert_eq!(deals[0].account.name, s("Acme Corp"));
    assert_eq!(deals[0].pipeline, s("Sales Pipeline"));
    assert_eq!(deals[0].lead_source, s("Offline Sources"));
    assert_eq!(
        (deals[0].created_on, deals[0].close_on),
        (day(2026, 3, 10), day(2026, 5, 29))
    );
    assert_eq!(deals[1].outcome, Outcome::Open);
    assert_eq!(deals[1].account.name, s("Globex, Inc."));
    assert_eq!(
        (deals[1].created_on, deals[1].close_on),
        (day(2026, 4, 1), day(2026, 6, 30))
    );
    assert_eq!(
        (deals[2].outcome, deals[2].amount),
        (Outcome::Lost, Some(dec!(900)))
    );
}

#[test]
fn account_overlap() {
    let (profile, rows, problems) = read("overlap.csv");
    assert_eq!(profile, "Account overlap");
    assert!(problems.is_empty());
    assert_eq!(
        rows[1],
        EvidenceRow::Overlap(
            OverlapRow {
                account: AccountRef {
                    crm_id: None,
                    name: s("Globex"),
                    domain: s("globex.io"),
                },
                partner: "Northwind Analytics".into(),
                population: Population::OpenOpportunity,
                snapshot_on: day(2026, 2, 15),
                excluded: false,
            },
            at(3, 2)
        )
    );
    let EvidenceRow::Overlap(a, _) = &rows[0] else {
        panic!()
    };
    assert_eq!(a.population, Population::Customer);
}

/// jmo's touches: a kind as its key or its label, a quoted note.
#[test]
fn jmo_touches() {
    let (profile, rows, problems) = read("touches.csv");
    assert_eq!(profile, "jmo touches");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        rows[0],
        EvidenceRow::Touch(
            TouchRow {
                crm_id: s("T-1"),
                partner: "Northwind Analytics".into(),
                account: s("Acme Corp"),
                opportunity: s("006Hs00001OppAAAA"),
                on: day(2026, 3, 2),
                kind: TouchKind::DealRegistration,
                campaign: s("Q1 Webinar"),
                note: "Registered via portal, ref 88".into(),
            },
            at(2, 1)
        )
    );
    let EvidenceRow::Touch(b, _) = &rows[1] else {
        panic!()
    };
    assert_eq!(b.kind, TouchKind::CoSellingMeeting);
    assert_eq!((b.opportunity.clone(), b.crm_id.clone()), (None, None));
}

fn problems(name: &str) -> Vec<String> {
    let (_, _, problems) = read(name);
    let prefix = format!("{}:", path(name).display());
    problems
        .iter()
        .map(|p| p.strip_prefix(&prefix).unwrap_or(p).to_owned())
        .collect()
}

/// Bad HubSpot values: a decimal comma in an amount, a day/month date;
/// the good row is still read.
#[test]
fn bad_hubspot_deals_name_line_and_column() {
    assert_eq!(
        problems("bad-hs-deals.csv"),
        vec![
            "2:3: Amount: not an amount: \"48.000,50\" (thousands separators group three digits, e.g. 1,234.56; no decimal commas)",
            "3:5: Create Date: not a date: \"31/03/2026\" (slash dates are month/day/year; there is no month 13 or later)",
        ]
    );
    assert_eq!(read("bad-hs-deals.csv").1.len(), 1);
}

#[test]
fn bad_salesforce_opportunities_name_line_and_column() {
    assert_eq!(
        problems("bad-sf-opportunity.csv"),
        vec![
            "2:8: ISCLOSED: not true or false: \"yes\" (write true, false, 1 or 0)",
            "3:3: NAME: Name is required and is empty",
        ]
    );
}

/// A population or a touch kind the profile does not know, and a touch on
/// nothing, are named at their column.
#[test]
fn unknown_picklist_values_and_a_touch_on_nothing() {
    assert_eq!(
        problems("bad-overlap.csv"),
        vec![
            "2:4: Population: not one of the known values: \"Partners\" (the profile maps to: customer, prospect, open_opportunity)"
        ]
    );
    assert_eq!(
        problems("bad-touches.csv"),
        vec![
            "2:2: Account: a touch names an account or an opportunity; both are empty",
            "3:5: Kind: not one of the known values: \"handshake\" (the profile maps to: deal_registration, referral, introduction, co_selling_meeting, campaign_response)",
        ]
    );
}

/// An unknown header says what each profile needs.
#[test]
fn an_unknown_header_lists_what_each_profile_needs() {
    let e = read_evidence_file(&profiles().unwrap(), &path("unknown-header.csv")).unwrap_err();
    let want = format!(
        "{}: the header is not one jmo knows; each file needs:
  Salesforce Account: Id, Name
  Salesforce Lead: Id, Company, CreatedDate
  Salesforce CampaignMember: Id, CampaignId, CreatedDate
  Salesforce Opportunity: Id, Name, StageName, CreatedDate, CloseDate
  Salesforce OpportunityPartner: OpportunityId, AccountToId
  HubSpot companies: Record ID, Company name or Name
  HubSpot contacts: Record ID, Create Date
  HubSpot deals: Record ID, Deal Name, Deal Stage, Create Date, Close Date
  Account overlap: Partner or Partner Name, Population or Partner Population, Snapshot date or Snapshot
  jmo touches: Partner, Date, Kind",
        path("unknown-header.csv").display()
    );
    assert_eq!(e, want);
}

/// Detection by header: case-insensitive API names; an Opportunity's
/// header also holds an Account's required Id and Name but fits the
/// Opportunity better; a header in lower case still fits.
#[test]
fn detection_by_header() {
    let set = profiles().unwrap();
    let h = |cols: &[&str]| cols.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>();
    let pick = |cols: &[&str]| set.for_header(&h(cols)).map(|p| p.name.clone());
    assert_eq!(pick(&["id", "name"]), Ok("Salesforce Account".into()));
    assert_eq!(
        pick(&["Id", "Name", "StageName", "CreatedDate", "CloseDate"]),
        Ok("Salesforce Opportunity".into())
    );
    assert_eq!(
        pick(&[
            "Record ID",
            "Deal Name",
            "Deal Stage",
            "Create Date",
            "Close Date"
        ]),
        Ok("HubSpot deals".into())
    );
    assert_eq!(
        pick(&["Record ID", "Email", "Create Date"]),
        Ok("HubSpot contacts".into())
    );
    assert_eq!(
        set.for_object("opportunitypartner").map(|p| p.name.clone()),
        Ok("Salesforce OpportunityPartner".into())
    );
    assert!(
        set.for_object("Contact")
            .unwrap_err()
            .starts_with("no profile reads Contact records")
    );
}
