//! `jmo crm export salesforce` on the example plan (issue 12 item 1,
//! docs/crm.md): every exported CSV read back with the `csv` crate (header,
//! every cell's type, unique ids, every relationship resolving), the tree
//! JSON and its plan, byte-identical re-runs, G5 and a bad `--out`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Output;

mod crm_world;

use crm_world::World;

impl World {
    fn export(&self, out: &str, extra: &[&str]) -> Output {
        let dir = self.dir.path().join(out);
        let mut args = vec![
            "crm",
            "export",
            "salesforce",
            "--out",
            dir.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// (header, rows) of a CSV file read with the `csv` crate.
fn read_csv(path: &Path) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            assert_eq!(rec.len(), header.len(), "{}", path.display());
            header
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (header, rows)
}

const FILES: [(&str, &[&str]); 5] = [
    (
        "Campaign",
        &[
            "Jmo_Id__c",
            "Id",
            "Name",
            "Type",
            "Status",
            "StartDate",
            "EndDate",
            "BudgetedCost",
            "ActualCost",
            "ExpectedRevenue",
            "ExpectedResponse",
            "NumberSent",
            "IsActive",
            "Description",
            "CurrencyIsoCode",
            "Parent.Jmo_Id__c",
        ],
    ),
    (
        "PartnerMarketingBudget",
        &[
            "Jmo_Id__c",
            "Title",
            "Amount",
            "StartDate",
            "EndDate",
            "CurrencyIsoCode",
        ],
    ),
    (
        "PartnerFundAllocation",
        &[
            "Jmo_Id__c",
            "Title",
            "Amount",
            "Budget.Jmo_Id__c",
            "ChannelPartner.Jmo_Id__c",
            "CurrencyIsoCode",
        ],
    ),
    (
        "PartnerFundRequest",
        &[
            "Jmo_Id__c",
            "Title",
            "Activity",
            "RequestedAmount",
            "Amount",
            "DesiredOutcome",
            "Status",
            "Campaign.Jmo_Id__c",
            "Allocation.Jmo_Id__c",
            "CurrencyIsoCode",
        ],
    ),
    (
        "PartnerFundClaim",
        &[
            "Jmo_Id__c",
            "Title",
            "Amount",
            "Description",
            "Status",
            "Request.Jmo_Id__c",
            "CurrencyIsoCode",
        ],
    ),
];

/// A plain decimal: digits, at most one point, no sign, symbol or separator.
fn is_plain_decimal(s: &str) -> bool {
    let mut parts = s.split('.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    parts.next().is_none()
        && !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()))
        && s.parse::<rust_decimal::Decimal>().is_ok()
}

fn check_cell(file: &str, column: &str, value: &str) {
    let what = format!("{file}.{column} = {value:?}");
    if value.is_empty() {
        let required = [
            "Jmo_Id__c",
            "Name",
            "Title",
            "Status",
            "CurrencyIsoCode",
            "Type",
        ];
        assert!(!required.contains(&column), "empty {what}");
        return;
    }
    match column {
        "StartDate" | "EndDate" => {
            assert!(
                chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok(),
                "{what}"
            );
            assert_eq!(value.len(), 10, "{what}");
        }
        "BudgetedCost" | "ActualCost" | "ExpectedRevenue" | "Amount" | "RequestedAmount"
        | "ExpectedResponse" => assert!(is_plain_decimal(value), "{what}"),
        "NumberSent" => assert!(value.parse::<u64>().is_ok(), "{what}"),
        "IsActive" => assert!(value == "true" || value == "false", "{what}"),
        "CurrencyIsoCode" => assert_eq!(value, "USD", "{what}"),
        "Status" => {
            let allowed: &[&str] = match file {
                "Campaign" => &["Planned", "In Progress", "Completed", "Aborted"],
                "PartnerFundClaim" => &["Draft", "Approved", "Rejected", "Paid"],
                _ => &["Draft", "Submitted", "Approved", "Rejected"],
            };
            assert!(allowed.contains(&value), "{what}");
        }
        "Type" => assert!(
            jmo::crm::salesforce::mapping::CAMPAIGN_TYPES.contains(&value),
            "{what}"
        ),
        "Jmo_Id__c" => assert!(value.starts_with("jmo-"), "{what}"),
        "Id" => assert!(value.len() == 15 || value.len() == 18, "{what}"),
        _ => {}
    }
}

#[test]
fn every_csv_reads_back_typed_with_unique_ids_and_resolving_relationships() {
    let w = World::new();
    let o = w.export("out", &["--redact"]);
    let (stdout, stderr) = text(&o);
    assert!(o.status.success(), "{stderr}");
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut relations = Vec::new();
    for (object, header) in FILES {
        let path = w.path(&format!("out/{object}.csv"));
        let (got, rows) = read_csv(&path);
        assert_eq!(got, header, "{object}");
        assert!(!rows.is_empty(), "{object} has no rows");
        assert!(
            stdout.contains(&format!("{}: {} record", path.display(), rows.len())),
            "{stdout}"
        );
        for row in &rows {
            for (column, value) in row {
                check_cell(object, column, value);
                if let Some(rel) = column.strip_suffix(".Jmo_Id__c")
                    && !value.is_empty()
                {
                    relations.push((object, rel.to_owned(), value.clone()));
                }
            }
            assert!(
                ids.entry(object)
                    .or_default()
                    .insert(row["Jmo_Id__c"].clone()),
                "duplicate id {} in {object}",
                row["Jmo_Id__c"]
            );
        }
    }
    let target = |rel: &str| -> &'static str {
        match rel {
            "Parent" | "Campaign" => "Campaign",
            "Budget" => "PartnerMarketingBudget",
            "Allocation" => "PartnerFundAllocation",
            "Request" => "PartnerFundRequest",
            other => panic!("unknown relationship {other}"),
        }
    };
    for (object, rel, value) in &relations {
        if rel == "ChannelPartner" {
            // The partner's Account in Salesforce, not a file of the export.
            assert!(value.starts_with("jmo-partner-"), "{value}");
            continue;
        }
        assert!(
            ids[target(rel)].contains(value),
            "{object}.{rel} = {value} resolves to no row"
        );
    }
    // The parent campaigns come first, one per fiscal year used (FY =
    // calendar year here); each campaign refers to the parent of the year
    // it starts in, whatever the day of the export.
    let (_, campaigns) = read_csv(&w.path("out/Campaign.csv"));
    let parents = campaigns
        .iter()
        .take_while(|c| c["Jmo_Id__c"].starts_with("jmo-parent-"))
        .count();
    assert!(parents >= 1);
    assert!(
        campaigns[..parents]
            .iter()
            .all(|c| c["Name"].starts_with("Partner Marketing FY")
                && c["Parent.Jmo_Id__c"].is_empty())
    );
    assert!(campaigns[parents..].iter().all(|c| {
        let yy = &c["StartDate"][2..4];
        c["Parent.Jmo_Id__c"] == format!("jmo-parent-partner-marketing-fy{yy}")
            && c["Name"].starts_with("Partner: ")
    }));
    let used: BTreeSet<&str> = campaigns[parents..]
        .iter()
        .map(|c| c["Parent.Jmo_Id__c"].as_str())
        .collect();
    let written: BTreeSet<&str> = campaigns[..parents]
        .iter()
        .map(|c| c["Jmo_Id__c"].as_str())
        .collect();
    assert_eq!(used, written);
    for p in &campaigns[..parents] {
        let yy = &p["Name"]["Partner Marketing FY".len()..];
        assert_eq!(p["StartDate"], format!("20{yy}-01-01"));
        assert_eq!(p["EndDate"], format!("20{yy}-12-31"));
    }
    // Linked campaigns carry their Salesforce Id; others leave it empty.
    assert!(campaigns.iter().any(|c| !c["Id"].is_empty()));
    assert!(campaigns[parents..].iter().any(|c| c["Id"].is_empty()));
    // --redact left Meridian's campaign without consent (and its request) out.
    assert!(
        !campaigns
            .iter()
            .any(|c| c["Name"].contains("Install-base retargeting"))
    );
    assert!(stderr.contains("left out: campaign:7"), "{stderr}");
}

#[test]
fn without_consent_it_is_refused_and_nothing_is_written() {
    let w = World::new();
    let o = w.export("out", &[]);
    let (_, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "campaign 'Install-base retargeting' uses Meridian Solutions Group's customer data"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("Data consent on"), "{stderr}");
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    assert!(!w.path("out").exists());
}

#[test]
fn a_rerun_writes_byte_identical_files_in_both_formats() {
    let w = World::new();
    for format in ["csv", "tree"] {
        assert!(
            w.export("a", &["--redact", "--format", format])
                .status
                .success()
        );
        assert!(
            w.export("b", &["--redact", "--format", format])
                .status
                .success()
        );
    }
    let names: Vec<_> = std::fs::read_dir(w.path("a"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 5 + 6 + 1, "{names:?}");
    for n in names {
        let a = std::fs::read(w.path("a").join(&n)).unwrap();
        let b = std::fs::read(w.path("b").join(&n)).unwrap();
        assert_eq!(a, b, "{n:?} differs between runs");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(w.path("a").join(&n))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{n:?}");
        }
    }
}

#[test]
fn tree_files_parse_and_every_reference_resolves_in_plan_order() {
    let w = World::new();
    let o = w.export(
        "tree",
        &["--redact", "--format", "tree", "--parent", "EMEA Partners"],
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let read = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(w.path("tree").join(name)).unwrap()).unwrap()
    };
    let plan = read("jmo-salesforce-plan.json");
    let plan = plan.as_array().unwrap();
    let mut saved: BTreeSet<String> = BTreeSet::new();
    let mut objects = Vec::new();
    for entry in plan {
        assert_eq!(entry["saveRefs"], true);
        assert_eq!(entry["resolveRefs"], true);
        let sobject = entry["sobject"].as_str().unwrap();
        objects.push(sobject.to_owned());
        for f in entry["files"].as_array().unwrap() {
            let doc = read(f.as_str().unwrap());
            for r in doc["records"].as_array().unwrap() {
                assert_eq!(r["attributes"]["type"], sobject);
                let reference = r["attributes"]["referenceId"].as_str().unwrap();
                assert!(
                    reference
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_')
                );
                for (field, v) in r.as_object().unwrap() {
                    if let Some(s) = v.as_str()
                        && let Some(target) = s.strip_prefix('@')
                    {
                        assert!(saved.contains(target), "{field} = {s} not saved before");
                    }
                }
                assert!(saved.insert(reference.to_owned()), "duplicate {reference}");
            }
        }
    }
    assert_eq!(
        objects,
        [
            "Campaign",
            "Campaign",
            "PartnerMarketingBudget",
            "PartnerFundAllocation",
            "PartnerFundRequest",
            "PartnerFundClaim"
        ]
    );
    let parent = read("Campaign-parent.json");
    assert_eq!(parent["records"][0]["Name"], "EMEA Partners");
    // attributes first, as Salesforce's examples write a record.
    let raw = std::fs::read_to_string(w.path("tree/Campaign.json")).unwrap();
    assert!(raw.find("\"attributes\"").unwrap() < raw.find("\"Jmo_Id__c\"").unwrap());
    let campaigns = read("Campaign.json");
    let first = &campaigns["records"][0];
    assert_eq!(first["ParentId"], "@jmo_parent_emea_partners");
    assert!(first.get("Id").is_none(), "a tree insert sets no Id");
}

#[test]
fn config_types_change_the_type_column() {
    let w = World::new();
    std::fs::write(
        w.path("config.toml"),
        "[crm.salesforce.types]\nwebinar = \"Partners\"\n",
    )
    .unwrap();
    assert!(w.export("out", &["--redact"]).status.success());
    let (_, rows) = read_csv(&w.path("out/Campaign.csv"));
    let webinar = rows
        .iter()
        .find(|r| r["Description"].starts_with("Webinar with"))
        .unwrap();
    assert_eq!(webinar["Type"], "Partners");
}

#[test]
fn a_bad_out_writes_nothing() {
    let w = World::new();
    std::fs::write(w.path("afile"), "x").unwrap();
    let o = w.export("afile", &["--redact"]);
    let (_, stderr) = text(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("it is a file, not a folder"), "{stderr}");
    assert_eq!(std::fs::read_to_string(w.path("afile")).unwrap(), "x");
    // A folder in the way of one file: none of the files is put in place.
    std::fs::create_dir_all(w.path("out/PartnerFundClaim.csv")).unwrap();
    let o = w.export("out", &["--redact"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o).1);
    assert!(text(&o).1.contains("nothing was written"), "{}", text(&o).1);
    assert!(!w.path("out/Campaign.csv").exists());
}

#[test]
fn campaigns_go_under_the_parent_of_the_fiscal_year_they_start_in() {
    let w = World::new();
    std::fs::write(
        w.path("config.toml"),
        "[program]\nfiscal_year_start_month = 7\n",
    )
    .unwrap();
    let o = w.export("out", &["--redact"]);
    assert!(o.status.success(), "{}", text(&o).1);
    let (_, campaigns) = read_csv(&w.path("out/Campaign.csv"));
    let row = |id: &str| campaigns.iter().find(|c| c["Jmo_Id__c"] == id).unwrap();
    assert_eq!(campaigns[0]["Name"], "Partner Marketing FY26");
    assert_eq!(campaigns[0]["StartDate"], "2025-07-01");
    assert_eq!(campaigns[0]["EndDate"], "2026-06-30");
    assert_eq!(campaigns[1]["Name"], "Partner Marketing FY27");
    assert_eq!(campaigns[1]["StartDate"], "2026-07-01");
    // Starts 2026-06-24: FY26; starts 2026-07-04: FY27 (today, 2026-12-01, is in FY27).
    assert_eq!(
        row("jmo-campaign-10")["Parent.Jmo_Id__c"],
        "jmo-parent-partner-marketing-fy26"
    );
    assert_eq!(
        row("jmo-campaign-6")["Parent.Jmo_Id__c"],
        "jmo-parent-partner-marketing-fy27"
    );
    let o = w.export("tree", &["--redact", "--format", "tree"]);
    assert!(o.status.success(), "{}", text(&o).1);
    let parents: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(w.path("tree/Campaign-parent.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(parents["records"].as_array().unwrap().len(), 2);
}

#[test]
fn a_name_over_80_characters_is_written_with_a_warning() {
    let w = World::new();
    let long = "P".repeat(81);
    let o = w.export("out", &["--redact", "--parent", &long]);
    let (_, stderr) = text(&o);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("jmo: the parent campaign \"{long}\"'s Salesforce name is 81 characters; Salesforce's Campaign Name holds 80: give --parent a shorter name — the row is written, and Data Loader will refuse it")),
        "{stderr}"
    );
    let (_, campaigns) = read_csv(&w.path("out/Campaign.csv"));
    assert_eq!(campaigns[0]["Name"], long);
    // The example plan's names all fit: no other warning.
    assert_eq!(stderr.matches("Salesforce name is").count(), 1, "{stderr}");
}
