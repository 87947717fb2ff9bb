//! G5 at every export door of the command line (docs/domain.md §6, issue 10 item
//! 2), as a user runs them: the real binary on the example plan, where
//! Meridian Solutions Group's "Install-base retargeting" uses Meridian's
//! customer data and Meridian's consent is not recorded.
//!
//! Every door refuses with exit 1, a message naming the campaign, the
//! partner and what to record, and writes nothing (no file, no folder);
//! with `--redact` the export and the joint marketing plan leave the
//! campaign out and say so at the top, and a campaign's own reports and
//! packets stay refused.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const JMO: &str = env!("CARGO_BIN_EXE_jmo");
const AS_OF: &str = "2026-11-21";
const CAMPAIGN: &str = "Install-base retargeting";
const PARTNER: &str = "Meridian Solutions Group";
/// The same partner's campaign that uses none of its customer data.
const OTHER: &str = "Meridian Customer Day Chicago";

struct World {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("jmo.db");
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        let w = World { dir, db };
        let out = w.run(&["demo"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        w
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_on(&self.db, args)
    }

    fn run_on(&self, db: &Path, args: &[&str]) -> Output {
        Command::new(JMO)
            .arg("--db")
            .arg(db)
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .arg("--as-of")
            .arg(AS_OF)
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path())
            .output()
            .unwrap()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The names in the world's folder (the database, its config and
    /// whatever a command wrote there).
    fn listing(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("jmo.db"))
            .collect();
        v.sort();
        v
    }

    /// One value from the database, read with SQLite directly.
    fn query_i64(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open_with_flags(
            &self.db,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Exit 1, nothing on standard output, and a message naming the campaign,
/// the partner and what to record.
fn assert_refused(out: &Output, what: &str) {
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{what}: {err}");
    assert_eq!(text(&out.stdout), "", "{what}: nothing on stdout");
    for part in [
        "refused (G5)",
        &format!("campaign '{CAMPAIGN}'"),
        &format!("{PARTNER}'s customer data"),
        "consent is not recorded",
        "Record the consent date",
        "Data consent on",
        "Nothing was written",
    ] {
        assert!(err.contains(part), "{what}: {part:?} not in {err}");
    }
}

#[test]
fn export_is_refused_and_writes_nothing() {
    let w = World::new();
    let before = w.listing();
    let out = w.run(&["export", "--json", "--out", "backup.json"]);
    assert_refused(&out, "export --out");
    assert!(
        text(&out.stderr).contains("--redact"),
        "says how to leave it out"
    );
    assert_eq!(w.listing(), before, "no file, no temporary file");
    assert_refused(&w.run(&["export", "--json"]), "export to stdout");
}

/// Every record in `doc` that belongs to campaign `id`, as "table[i]".
fn records_of_campaign(doc: &Value, id: i64) -> Vec<String> {
    let mut hits = Vec::new();
    for (table, rows) in doc.as_object().unwrap() {
        let Some(rows) = rows.as_array() else {
            continue;
        };
        for (i, row) in rows.iter().enumerate() {
            let own = table == "campaigns" && row["id"] == id;
            if own || row.get("campaign_id").is_some_and(|c| *c == id) {
                hits.push(format!("{table}[{i}]"));
            }
        }
    }
    hits
}

#[test]
fn a_redacted_export_leaves_the_campaign_out_says_so_at_the_top_and_imports() {
    let w = World::new();
    let id = w.query_i64(&format!(
        "SELECT id FROM campaigns WHERE name = '{CAMPAIGN}'"
    ));
    let out = w.run(&["export", "--json", "--redact"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    // At the top: before the first record.
    let note = json.find("\"redacted\"").expect("a redacted field");
    assert!(note < json.find("\"partners\"").unwrap(), "{json:.600}");
    let doc: Value = serde_json::from_str(&json).unwrap();
    let left_out = doc["redacted"]["left_out"][0].as_str().unwrap();
    assert!(
        left_out.starts_with(&format!("campaign:{id} of {PARTNER}, with its ")),
        "{left_out}"
    );
    assert!(
        doc["redacted"]["reason"]
            .as_str()
            .unwrap()
            .starts_with("G5: "),
        "{doc:#}"
    );
    // The campaign and everything of it are gone: records and history.
    assert_eq!(records_of_campaign(&doc, id), Vec::<String>::new());
    let about_it = doc["history"]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["entity"] == "campaigns" && c["record_id"] == id)
        .count();
    assert_eq!(about_it, 0);
    // Its name is nowhere but in the notes the user wrote about it at a
    // meeting (kept as written; see the README).
    let mut rest = doc.clone();
    rest["meetings"] = Value::Null;
    rest["history"]["changes"]
        .as_array_mut()
        .unwrap()
        .retain(|c| c["entity"] != "meetings");
    assert!(!rest.to_string().contains(CAMPAIGN), "the name leaked");
    // Other records keep their history.
    assert!(rest["history"]["changes"].as_array().unwrap().len() > 300);
    // The redacted document imports cleanly into an empty database, which
    // then has nothing to withhold.
    let file = w.path("redacted.json");
    std::fs::write(&file, &json).unwrap();
    let fresh = w.path("fresh.db");
    let imported = w.run_on(&fresh, &["import", file.to_str().unwrap()]);
    assert!(imported.status.success(), "{}", text(&imported.stderr));
    let check = text(&w.run_on(&fresh, &["check", "--json"]).stdout);
    assert!(!check.contains("\"G5\""), "{check}");
    let again = w.run_on(&fresh, &["export", "--json"]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let again = text(&again.stdout);
    assert!(!again.contains("\"redacted\""));
    assert!(again.contains(OTHER), "the partner's other campaign stays");
}

#[test]
fn a_redacted_export_to_a_file_writes_the_file() {
    let w = World::new();
    let out = w.run(&["export", "--json", "--redact", "--out", "shared.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("(redacted: its \"redacted\" field"), "{err}");
    let written = std::fs::read_to_string(w.path("shared.json")).unwrap();
    assert!(written.contains("\"redacted\""));
}

#[test]
fn the_campaigns_own_reports_are_refused_even_with_redact() {
    let w = World::new();
    for report in ["plan", "results"] {
        for redact in [false, true] {
            let mut args = vec!["report", report, CAMPAIGN, "--out", "r.md"];
            if redact {
                args.push("--redact");
            }
            let out = w.run(&args);
            assert_refused(&out, &format!("{args:?}"));
            assert!(!w.path("r.md").exists(), "{args:?} wrote a file");
            if redact {
                assert!(
                    text(&out.stderr).contains("--redact cannot leave it out"),
                    "{}",
                    text(&out.stderr)
                );
            }
        }
        assert_refused(
            &w.run(&["report", report, CAMPAIGN, "--json"]),
            "report --json",
        );
    }
    // The same partner's campaign that uses none of its data is reported.
    let out = w.run(&["report", "plan", OTHER]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn the_joint_marketing_plan_is_refused_and_redact_leaves_the_campaign_out() {
    let w = World::new();
    let out = w.run(&["report", "jmp", PARTNER, "--out", "jmp.md"]);
    assert_refused(&out, "report jmp");
    assert!(!w.path("jmp.md").exists());
    // Markdown: the note first, then the plan without the campaign.
    let out = w.run(&["report", "jmp", PARTNER, "--redact"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let md = text(&out.stdout);
    assert!(md.starts_with("> **Redacted.** G5: "), "{md}");
    assert!(md.contains("> - left out: campaign:"), "{md}");
    assert!(md.contains("## Joint Marketing Plan"), "{md}");
    assert!(!md.contains(CAMPAIGN), "the name leaked:\n{md}");
    // JSON: a first field "redacted", the rest as without --redact.
    let out = w.run(&["report", "jmp", PARTNER, "--redact", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json = text(&out.stdout);
    assert!(json.starts_with("{\n  \"redacted\": {"), "{json}");
    let sheet: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(sheet["partner"], PARTNER);
    assert!(!json.contains(CAMPAIGN), "the name leaked:\n{json}");
    // To a file.
    let out = w.run(&["report", "jmp", PARTNER, "--redact", "--out", "jmp.md"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let file = std::fs::read_to_string(w.path("jmp.md")).unwrap();
    assert!(file.starts_with("> **Redacted.**") && !file.contains(CAMPAIGN));
}

#[test]
fn the_mdf_packet_is_refused_and_its_folder_is_not_created() {
    let w = World::new();
    let r = w.query_i64(&format!(
        "SELECT r.id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id \
         WHERE c.name = '{CAMPAIGN}'"
    ));
    let request = format!("R{r}");
    for target in [CAMPAIGN, request.as_str()] {
        for flags in [
            &[][..],
            &["--draft"],
            &["--redact"],
            &["--draft", "--redact"],
        ] {
            let mut args = vec!["mdf", "packet", target, "--out", "packets"];
            args.extend_from_slice(flags);
            assert_refused(&w.run(&args), &format!("{args:?}"));
            assert!(!w.path("packets").exists(), "{args:?} created the folder");
        }
    }
    // The same partner's other campaign still gets its (draft) packet.
    let out = w.run(&["mdf", "packet", OTHER, "--draft", "--out", "packets"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(w.path("packets").exists());
}

/// The program report's figures are ours (pooled results by type and by
/// partner × type), not the partner's customer data: not refused (see the
/// README, Guardrails).
#[test]
fn the_program_report_is_not_refused() {
    let w = World::new();
    let out = w.run(&["report", "program"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stdout).contains(CAMPAIGN));
}

#[test]
fn recording_the_consent_opens_every_door() {
    let w = World::new();
    {
        let conn = rusqlite::Connection::open(&w.db).unwrap();
        conn.execute(
            "UPDATE partners SET data_consent_on = '2026-11-20' WHERE name = ?1",
            [PARTNER],
        )
        .unwrap();
    }
    let export = w.run(&["export", "--json"]);
    assert!(export.status.success(), "{}", text(&export.stderr));
    assert!(!text(&export.stdout).contains("\"redacted\""));
    for args in [
        vec!["report", "plan", CAMPAIGN],
        vec!["report", "results", CAMPAIGN],
        vec!["report", "jmp", PARTNER],
    ] {
        let out = w.run(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains(CAMPAIGN), "{args:?}");
    }
    let out = w.run(&["mdf", "packet", CAMPAIGN, "--draft", "--out", "packets"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}
