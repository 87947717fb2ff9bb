//! The CRM import from the screen, end to end (issue 12 item 3): the real
//! binary in a pseudo-terminal at 80×24 on the example plan. The campaigns
//! are exported for Salesforce (`jmo crm export salesforce`), a Data Loader
//! success file is made from `Campaign.csv` as Data Loader writes one after
//! an insert (`ID` first, the sent columns with the new Id in `Id` and
//! "Item Created" in `Status`, `STATUS` last, every cell quoted, CRLF), and
//! `I` imports it: the preview, Enter, the status bar; `jmo check` then
//! finds no G8 and the database holds the Ids.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

/// `Campaign.csv` of the export as Data Loader's success file after
/// inserting it: each row gets an Id (a new one where it had none).
fn success_file(campaign_csv: &str) -> (String, Vec<(String, String)>) {
    let mut r = csv::Reader::from_reader(campaign_csv.as_bytes());
    let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let id_col = headers.iter().position(|h| h == "Id").unwrap();
    let status_col = headers.iter().position(|h| h == "Status").unwrap();
    let ext_col = headers.iter().position(|h| h == "Jmo_Id__c").unwrap();
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut head = vec!["ID".to_string()];
    head.extend(headers.iter().map(|h| h.to_uppercase()));
    head.push("STATUS".into());
    w.write_record(&head).unwrap();
    let mut given = Vec::new();
    for (n, row) in r.records().enumerate() {
        let row = row.unwrap();
        let mut cells: Vec<String> = row.iter().map(str::to_string).collect();
        let id = if cells[id_col].is_empty() {
            let id = format!("701Hs00009Ne{n:03}IAB");
            given.push((cells[ext_col].clone(), id.clone()));
            id
        } else {
            cells[id_col].clone()
        };
        cells[id_col] = id.clone();
        cells[status_col] = "Item Created".into();
        let mut out = vec![id];
        out.extend(cells);
        out.push("Item Created".into());
        w.write_record(&out).unwrap();
    }
    (String::from_utf8(w.into_inner().unwrap()).unwrap(), given)
}

fn g8_count(env: &TestEnv) -> usize {
    let out = env.run(&["check", "--json"]);
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "G8")
        .count()
}

#[test]
fn a_success_file_imported_from_the_screen_closes_g8() {
    let env = TestEnv::new();
    env.demo();
    let out = env.run(&["crm", "export", "salesforce", "--redact", "--out", "sf"]);
    assert!(out.status.success(), "{out:?}");
    let exported = std::fs::read_to_string(env.path().join("sf/Campaign.csv")).unwrap();
    let (success, given) = success_file(&exported);
    // The parent row and the one campaign G8 fires on get new Ids.
    assert_eq!(given.len(), 2, "{given:?}");
    std::fs::write(env.path().join("success.csv"), success).unwrap();
    assert_eq!(g8_count(&env), 1);

    let mut tui = env.open(80, 24, &[]);
    tui.wait_for("the main screen", |s| s.contains("1 Partners"));
    tui.send("I");
    tui.wait_for("the file prompt", |s| s.contains("Import campaigns from"));
    tui.send("~/../success.csv\r");
    let screen = tui.wait_for("the preview", |s| {
        s.contains("Import from success.csv (preview)")
    });
    assert!(screen.contains("Enter applies · Esc cancels"), "{screen}");
    let counts = line_with(&screen, " link, ").unwrap();
    assert!(
        counts.contains("0 update, 0 create, 1 skip, 0 invalid"),
        "{screen}"
    );
    tui.send("\r");
    let screen = tui.wait_for("the import written", |s| {
        s.contains("Imported from success.csv: 1 campaign changed")
    });
    assert!(!screen.contains("(preview)"), "{screen}");
    tui.send("q");
    assert!(tui.wait_exit().success());

    assert_eq!(g8_count(&env), 0);
    let export = env.export();
    let (ext, id) = given
        .iter()
        .find(|(ext, _)| ext.starts_with("jmo-campaign-"))
        .unwrap();
    let campaign: i64 = ext.trim_start_matches("jmo-campaign-").parse().unwrap();
    let stored = export["campaigns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == campaign)
        .unwrap();
    assert_eq!(stored["crm_id"], id.as_str(), "{stored}");
}
