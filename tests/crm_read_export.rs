//! The exporter's files read back through the import profile (issue 12 item
//! 5's first half): `jmo crm export salesforce` on the example plan, in CSV
//! and in sObject Tree JSON, then every Campaign record read with
//! `jmo::crm::read` and the built-in Salesforce Campaign profile: no errors,
//! every record with its external id, name, a mapped type and status.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::Command;

use jmo::crm::profile::Profile;
use jmo::crm::read::{Record, read_csv, read_plan, read_tree};
use jmo::crm::values::Value;

const JMO: &str = env!("CARGO_BIN_EXE_jmo");

fn jmo(dir: &Path, args: &[&str]) {
    let out = Command::new(JMO)
        .args(args)
        .arg("--db")
        .arg(dir.join("jmo.db"))
        .arg("--config")
        .arg(dir.join("config.toml"))
        .args(["--as-of", "2026-12-01"])
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir)
        .env("XDG_CONFIG_HOME", dir)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn check(records: &[Record]) {
    assert!(records.len() > 2, "the parent and the example's campaigns");
    for r in records {
        let ext = r.get("external_id");
        assert!(
            matches!(ext, Some(Value::Id(id)) if id.starts_with("jmo-")),
            "{r:?}"
        );
        assert!(matches!(r.get("name"), Some(Value::Text(_))), "{r:?}");
        assert!(
            matches!(
                r.get("status"),
                Some(Value::Choice {
                    mapped: Some(_),
                    ..
                })
            ),
            "status of {r:?}"
        );
        assert!(matches!(r.get("start"), Some(Value::Date(_))), "{r:?}");
    }
    // The parent campaign is of Type Partners, no jmo type; every jmo
    // campaign's Type maps back, and names the parent by its external id.
    let parent_type = Value::Choice {
        source: "Partners".into(),
        mapped: None,
    };
    assert_eq!(records[0].get("type"), Some(&parent_type));
    let parent = records[0].get("external_id").cloned();
    for r in &records[1..] {
        assert!(
            matches!(
                r.get("type"),
                Some(Value::Choice {
                    mapped: Some(_),
                    ..
                })
            ),
            "type of {r:?}"
        );
        assert!(
            r.get("parent_external_id").or(r.get("parent_id")).is_some(),
            "{r:?}"
        );
        if let (Some(Value::Id(p)), Some(Value::Id(want))) = (r.get("parent_external_id"), &parent)
        {
            assert_eq!(p, want);
        }
    }
}

#[test]
fn every_exported_campaign_reads_back_through_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("config.toml"), "").unwrap();
    jmo(d, &["demo"]);
    let profile = Profile::salesforce_campaign().unwrap();

    let out = d.join("csv");
    jmo(
        d,
        &[
            "crm",
            "export",
            "salesforce",
            "--redact",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let file = std::fs::File::open(out.join("Campaign.csv")).unwrap();
    let records: Vec<Record> = read_csv(file, &profile)
        .unwrap()
        .map(|r| r.unwrap_or_else(|e| panic!("Campaign.csv: {e}")))
        .collect();
    check(&records);

    let out = d.join("tree");
    jmo(
        d,
        &[
            "crm",
            "export",
            "salesforce",
            "--redact",
            "--format",
            "tree",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    let plan_path = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("plan.json"))
        .expect("a plan file");
    let plan = read_plan(std::fs::File::open(&plan_path).unwrap()).unwrap();
    let mut tree = Vec::new();
    for entry in plan.iter().filter(|e| e.sobject == profile.object) {
        for f in &entry.files {
            let file = std::fs::File::open(out.join(f)).unwrap();
            tree.extend(
                read_tree(file, &profile)
                    .unwrap()
                    .map(|r| r.unwrap_or_else(|e| panic!("{f}: {e}"))),
            );
        }
    }
    assert_eq!(
        tree.len(),
        records.len(),
        "the same campaigns in both shapes"
    );
    let names = |rs: &[Record]| {
        rs.iter()
            .map(|r| r.get("name").cloned())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&tree), names(&records));
}
