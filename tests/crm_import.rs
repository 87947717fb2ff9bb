//! `jmo crm import` on the example plan (issue 12 items 2 and 5, "Bad
//! input"; docs/crm.md "Import"): every preview outcome on the fixtures, a
//! preview that leaves the database byte-identical, --apply as one edit
//! seen by `jmo export`, bad input (file:line:column, nothing written),
//! --skip-invalid, the round trip, and G8 closed from a success file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Output;

mod crm_world;

use crm_world::World;

impl World {
    fn import(&self, file: &Path, extra: &[&str]) -> Output {
        let mut args = vec!["crm", "import", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }

    fn bytes(&self) -> Vec<u8> {
        std::fs::read(&self.db).unwrap()
    }

    /// The campaign with row id `id` in `jmo export`'s JSON.
    fn campaign(&self, id: i64) -> serde_json::Value {
        let out = self.run(&["export", "--json", "--redact"]);
        assert!(out.status.success());
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["campaigns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap_or(serde_json::Value::Null)
    }

    fn campaigns(&self) -> usize {
        let out = self.run(&["export", "--json", "--redact"]);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["campaigns"].as_array().unwrap().len()
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/crm")
        .join(name)
}

fn text(o: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn line<'a>(out: &'a str, start: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting {start:?} in:\n{out}"))
}

#[test]
fn the_preview_shows_every_outcome_and_writes_nothing() {
    let w = World::new();
    let before = w.bytes();
    let out = w.import(&fixture("import-demo.csv"), &[]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        line(&stdout, "line 2:"),
        "line 2: link 'Partner: Northwind Analytics - Modern Data Stack Webinar' → campaign 1 by crm id"
    );
    assert!(
        line(&stdout, "line 3:")
            .contains("→ campaign 3 by external id ('Connector launch announcement')")
    );
    assert_eq!(
        line(&stdout, "line 4:"),
        "line 4: update 'Partner: Atlas Cloud - Joint booth at DataWorld Expo' → campaign 12 by the \"Partner: X - Y\" name; end 2026-12-28 → 2027-01-08; status planned → live; crm id ← 701D000000DdDdDIAV"
    );
    assert_eq!(
        line(&stdout, "line 5:"),
        "line 5: link 'Local search ads' → campaign 16 by name"
    );
    assert_eq!(
        line(&stdout, "line 6:"),
        "line 6: create 'Spring webinar' under Verity Systems: webinar, 2027-03-01 to 2027-03-31, launch 2027-03-29, budget 4000.00, planned; crm id 701D000000EeEeEIAV"
    );
    assert!(line(&stdout, "line 7:").contains("skip 'Field day': no partner"));
    assert!(line(&stdout, "line 8:").ends_with("Type 'Direct Mail' has no jmo equivalent"));
    assert!(line(&stdout, "line 9:").contains("dates out of order"));
    assert!(line(&stdout, "line 10:").contains("the parent campaign"));
    assert!(line(&stdout, "line 11:").contains("the name's partner is not in jmo"));
    assert!(
        stdout.contains("3 link, 1 update, 1 create, 5 skip, 0 invalid\n"),
        "{stdout}"
    );
    assert_eq!(w.bytes(), before, "a preview never writes");
}

#[test]
fn an_sobject_tree_file_and_its_plan_are_read() {
    let w = World::new();
    for file in ["campaigns.tree.json", "campaigns-plan.json"] {
        let out = w.import(&fixture(file), &[]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{file}: {stderr}");
        assert!(
            line(&stdout, "record 2:")
                .starts_with("record 2: skip 'Partner: Globex - Banner push'"),
            "{stdout}"
        );
        assert!(
            stdout.contains("0 link, 0 update, 0 create, 2 skip, 0 invalid"),
            "{stdout}"
        );
    }
}

#[test]
fn partner_flag_names_the_partner_of_a_bare_name() {
    let w = World::new();
    let out = w.import(
        &fixture("import-demo.csv"),
        &["--partner", "Redwood IT Services"],
    );
    let (stdout, _) = text(&out);
    assert!(
        line(&stdout, "line 7:")
            .starts_with("line 7: create 'Field day' under Redwood IT Services: content")
    );
}

#[test]
fn apply_writes_one_edit_that_export_shows() {
    let w = World::new();
    let before = w.campaigns();
    let out = w.import(&fixture("import-demo.csv"), &["--apply"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stdout.contains("Written as one edit (Import campaigns from import-demo.csv): 1 campaign changed, 1 created"), "{stdout}");
    let c = w.campaign(12);
    assert_eq!(c["end"], "2027-01-08");
    assert_eq!(c["status"], "live");
    assert_eq!(c["crm_id"], "701D000000DdDdDIAV");
    assert_eq!(w.campaigns(), before + 1);
    let out = w.run(&["export", "--json", "--redact"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let new = doc["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Spring webinar")
        .unwrap();
    assert_eq!(new["crm_id"], "701D000000EeEeEIAV");
    let id = &new["id"];
    let milestones = doc["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| &m["campaign_id"] == id)
        .count();
    assert_eq!(milestones, 7, "a new campaign comes with its milestones");
    assert!(
        doc["responsibilities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| &r["campaign_id"] == id)
    );
    // The standard milestones follow the moved end (end + 7 days), as on screen.
    let review = doc["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["campaign_id"] == 12 && m["name"] == "Performance review")
        .unwrap();
    assert_eq!(review["due"], "2027-01-15");
    // One change set, labelled with the file (one `u` undoes it).
    let sets = doc["history"]["change_sets"].as_array().unwrap();
    assert_eq!(sets.len(), 2, "the example plan, then the import");
    assert_eq!(sets[1]["label"], "Import campaigns from import-demo.csv");
    // Applied again: everything links as it is now.
    let (stdout, _) = text(&w.import(&fixture("import-demo.csv"), &[]));
    assert!(
        stdout.contains("5 link, 0 update, 0 create, 5 skip"),
        "{stdout}"
    );
}

#[test]
fn bad_input_names_file_line_and_column_and_writes_nothing() {
    let w = World::new();
    let before = w.bytes();
    for (file, place) in [
        ("bad-date.csv", "bad-date.csv:2:3: STARTDATE: not a date"),
        ("bad-unterminated.csv", "bad-unterminated.csv:3:5: "),
        ("bad-number.csv", "bad-number.csv:3:4: "),
        ("bad-field-count.csv", "bad-field-count.csv:3:"),
        ("no-rows.csv", "no-rows.csv:"),
        (
            "missing-required.csv",
            "missing-required.csv:1: missing required column",
        ),
    ] {
        let out = w.import(&fixture(file), &["--apply"]);
        let (_, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(1), "{file}: {stderr}");
        assert!(stderr.contains(place), "{file}: {stderr}");
        assert!(stderr.contains("nothing was written"), "{stderr}");
    }
    assert_eq!(w.bytes(), before);
}

#[test]
fn skip_invalid_writes_the_valid_records() {
    let w = World::new();
    let mut csv = std::fs::read_to_string(fixture("import-demo.csv")).unwrap();
    csv.push_str("\"\",\"Partner: Atlas Cloud - Bad\",\"Webinar\",\"Planned\",\"13/13/2027\",\"2027-01-04\",\"\",\"\"\r\n");
    let file = w.path("mixed.csv");
    std::fs::write(&file, csv).unwrap();
    let out = w.import(&file, &["--apply"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        w.campaign(12)["crm_id"].is_null(),
        "nothing written without --skip-invalid"
    );
    let out = w.import(&file, &["--apply", "--skip-invalid"]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("mixed.csv:12:5: STARTDATE: not a date"),
        "{stderr}"
    );
    assert!(stdout.contains("1 invalid"), "{stdout}");
    assert_eq!(w.campaign(12)["crm_id"], "701D000000DdDdDIAV");
}

/// A file that yields no record at all (no Name column, no rows, empty) is
/// a whole-file problem: exit 1 even with --skip-invalid, which it never
/// suggests.
#[test]
fn skip_invalid_does_not_pass_a_file_with_no_record() {
    let w = World::new();
    let before = w.bytes();
    let header_only = w.path("header-only.csv");
    std::fs::write(&header_only, "Id,Name,Type,StartDate,EndDate\r\n").unwrap();
    let empty = w.path("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let no_name = fixture("missing-required.csv");
    for file in [&no_name, &header_only, &empty] {
        for extra in [&["--skip-invalid"][..], &["--skip-invalid", "--apply"], &[]] {
            let out = w.import(file, extra);
            let (stdout, stderr) = text(&out);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{file:?} {extra:?}: {stdout}{stderr}"
            );
            assert!(
                stderr.contains("no Campaign record could be read: nothing was written"),
                "{file:?}: {stderr}"
            );
            assert!(!stderr.contains("--skip-invalid"), "{file:?}: {stderr}");
            assert!(!stdout.contains("Nothing to write"), "{file:?}: {stdout}");
        }
    }
    assert_eq!(w.bytes(), before);
}

#[test]
fn round_trip_export_then_import_links_everything_and_changes_nothing() {
    let w = World::new();
    for format in ["csv", "tree"] {
        let dir = w.path(format);
        let out = w.run(&[
            "crm",
            "export",
            "salesforce",
            "--redact",
            "--format",
            format,
            "--out",
            dir.to_str().unwrap(),
        ]);
        assert!(out.status.success());
        let file = if format == "csv" {
            dir.join("Campaign.csv")
        } else {
            dir.join("jmo-salesforce-plan.json")
        };
        let before = w.bytes();
        let out = w.import(&file, &[]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{stderr}");
        // 15 campaigns (one withheld by G5) and the parent row.
        assert!(
            stdout.contains("15 link, 0 update, 0 create, 1 skip, 0 invalid"),
            "{format}: {stdout}"
        );
        if format == "tree" {
            // The plan names two Campaign files, each numbered from 1: each
            // preview line names its file.
            let starts = |s: &str| stdout.lines().any(|l| l.starts_with(s));
            assert!(
                starts("Campaign-parent.json record 1: skip 'Partner Marketing FY26'"),
                "{stdout}"
            );
            assert!(
                starts("Campaign.json record 1: link 'Partner: "),
                "{stdout}"
            );
            assert!(!starts("record 1:"), "{stdout}");
        }
        // A preview with nothing to write says so, not "--apply writes it".
        assert!(
            stdout.ends_with(
                "0 invalid\nNothing to write: every record links as it is, or is skipped.\n"
            ),
            "{format}: {stdout}"
        );
        assert!(!stdout.contains("--apply writes it"), "{stdout}");
        let applied = w.import(&file, &["--apply"]);
        assert!(text(&applied).0.contains("Nothing to write"));
        assert_eq!(w.bytes(), before);
    }
}

#[test]
fn a_success_file_with_new_ids_closes_g8() {
    let w = World::new();
    let (check, _) = text(&w.run(&["check"]));
    assert!(
        check.contains("G8") && check.contains("(campaign 12)"),
        "{check}"
    );
    let dir = w.path("out");
    assert!(
        w.run(&[
            "crm",
            "export",
            "salesforce",
            "--redact",
            "--out",
            dir.to_str().unwrap()
        ])
        .status
        .success()
    );
    // Data Loader's success file, as its AbstractAction and CSVFileWriter
    // write it: headers in capitals, ID first, the sent columns, STATUS
    // last, every cell quoted, CRLF; its row map ignores case, so the new Id
    // also fills the sent Id column and "Item Created" the sent Status.
    let mut r = csv::Reader::from_path(dir.join("Campaign.csv")).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let id_at = header.iter().position(|h| h == "Id").unwrap();
    let status_at = header.iter().position(|h| h == "Status").unwrap();
    let mut out = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_path(w.path("success.csv"))
        .unwrap();
    let mut head = vec!["ID".to_string()];
    head.extend(header.iter().map(|h| h.to_uppercase()));
    head.push("STATUS".into());
    out.write_record(&head).unwrap();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.unwrap();
        let id = match rec.get(id_at).unwrap() {
            "" => format!("701Hs00009New{n:02}IAB"),
            known => known.to_owned(),
        };
        let mut row = vec![id.clone()];
        row.extend(rec.iter().enumerate().map(|(i, c)| match i {
            i if i == id_at => id.clone(),
            i if i == status_at => "Item Created".to_owned(),
            _ => c.to_owned(),
        }));
        row.push("Item Created".into());
        out.write_record(&row).unwrap();
    }
    out.flush().unwrap();
    let preview = w.import(&w.path("success.csv"), &[]);
    let (stdout, _) = text(&preview);
    assert!(
        line(&stdout, "line 5:")
            .contains("→ campaign 12 by external id; crm id ← 701Hs00009New03IAB"),
        "{stdout}"
    );
    assert!(stdout.contains("15 link, 0 update, 0 create"), "{stdout}");
    let out = w.import(&w.path("success.csv"), &["--apply"]);
    assert!(out.status.success(), "{}", text(&out).1);
    let (check, _) = text(&w.run(&["check"]));
    assert!(
        !check.lines().any(|l| l.contains(" G8 ")),
        "G8 is closed: {check}"
    );
    assert_eq!(w.campaign(12)["crm_id"], "701Hs00009New03IAB");
}

/// Item 4: another CRM's export read through a user's profile
/// (`--profile`): previewed, then applied; without the profile the same
/// file is not readable (no Name column).
#[test]
fn a_users_profile_reads_another_crms_export() {
    let w = World::new();
    let before = w.bytes();
    let profile = fixture("hubspot-campaign.toml");
    let csv = fixture("hubspot-campaigns.csv");
    let profile_args = ["--profile", profile.to_str().unwrap()];
    let out = w.import(&csv, &profile_args);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(
        line(&stdout, "line 2:"),
        "line 2: update 'Partner: Atlas Cloud - Joint booth at DataWorld Expo' → campaign 12 by the \"Partner: X - Y\" name; status planned → live; crm id ← 9b0c1e2a-4f6d-4c1b-8a3e-2d5f7a9c1b30"
    );
    assert_eq!(
        line(&stdout, "line 3:"),
        "line 3: create 'Spring nurture emails' under Verity Systems: email, 2027-04-01 to 2027-04-30, launch 2027-04-29, budget 5000.00, planned; crm id 3f8e6d4c-2b1a-4e9f-9c7d-5a3b1e0f2d61"
    );
    assert!(line(&stdout, "line 4:").contains("skip 'Internal brand refresh': no partner"));
    assert!(
        stdout.contains("0 link, 1 update, 1 create, 1 skip, 0 invalid\n"),
        "{stdout}"
    );
    assert_eq!(w.bytes(), before, "a preview never writes");

    let without = w.import(&csv, &[]);
    assert_eq!(without.status.code(), Some(1));
    assert!(text(&without).1.contains("missing required column"));

    let n = w.campaigns();
    let mut apply = profile_args.to_vec();
    apply.push("--apply");
    let out = w.import(&csv, &apply);
    assert!(out.status.success(), "{}", text(&out).1);
    assert_eq!(
        w.campaign(12)["crm_id"],
        "9b0c1e2a-4f6d-4c1b-8a3e-2d5f7a9c1b30"
    );
    assert_eq!(w.campaign(12)["status"], "live");
    assert_eq!(w.campaigns(), n + 1);
}

/// A broken profile: exit 2, its file and line named, nothing read or
/// written.
#[test]
fn a_broken_profile_names_its_line_and_writes_nothing() {
    let w = World::new();
    let before = w.bytes();
    let text_of = std::fs::read_to_string(fixture("hubspot-campaign.toml")).unwrap();
    let bad = text_of.replace("\"Active\" = \"live\"", "\"Active\" = \"running\"");
    let path = w.path("bad-profile.toml");
    std::fs::write(&path, &bad).unwrap();
    let at = bad.lines().position(|l| l.contains("running")).unwrap() + 1;
    let out = w.import(
        &fixture("hubspot-campaigns.csv"),
        &["--profile", path.to_str().unwrap(), "--apply"],
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains(&format!(
            "bad-profile.toml:{at}: [values.status]: \"Active\" maps to \"running\", which is not one of: "
        )),
        "{stderr}"
    );
    assert_eq!(w.bytes(), before);
}

/// An evidence profile (docs/crm.md "Pipeline evidence files") is not
/// read as campaigns: exit 2, nothing written, even with --partner.
#[test]
fn an_evidence_profile_reads_evidence_not_campaigns() {
    let w = World::new();
    let before = w.bytes();
    let profile = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/crm/hubspot-deals.toml");
    let out = w.import(
        &fixture("evidence/hs-deals.csv"),
        &["--profile", profile, "--partner", "Atlas Cloud"],
    );
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("read as HubSpot deals"), "{stdout}");
    assert!(stdout.contains("create opportunity"), "{stdout}");
    assert!(
        !stdout.contains("campaign"),
        "no deal is read as a campaign: {stdout}"
    );
    assert_eq!(w.bytes(), before, "a preview writes nothing");
}

/// A file over the progress bar's threshold: with standard error captured
/// (not a terminal) it holds no bar, only what it held before (nothing).
#[test]
fn a_large_file_shows_no_bar_when_stderr_is_not_a_terminal() {
    let w = World::new();
    let mut csv = String::from("Name,Type,Status,StartDate,EndDate,Description\n");
    for i in 0..6000 {
        csv.push_str(&format!(
            "Partner: Nobody {i} - Campaign {i},Webinar,Planned,2027-01-01,2027-01-31,\"{}\"\n",
            "x".repeat(150)
        ));
    }
    assert!(csv.len() as u64 > jmo::cli::crm_progress::FROM_BYTES);
    let file = w.path("large.csv");
    std::fs::write(&file, csv).unwrap();
    let out = w.import(&file, &[]);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr, "");
    assert!(
        stdout.contains("0 link, 0 update, 0 create, 6000 skip, 0 invalid"),
        "{stdout}"
    );
}
