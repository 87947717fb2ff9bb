//! `jmo crm import` of pipeline-evidence files (issue 14 item 1; docs/crm.md
//! "Pipeline evidence files"), end to end on the team's fixtures in each
//! tool's export shape: the preview writes nothing, `--apply` writes one
//! edit, a re-import of the same file is unchanged, a newer export updates
//! by CRM id with the history keeping the earlier value, references are
//! resolved (account by CRM id, domain or name; partner by name or by its
//! account), and what cannot be resolved says why.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use common::TestEnv;
use jmo::domain::evidence::OpportunityId;
use jmo::domain::*;
use jmo::store::Store;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    let p: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "tests/fixtures/crm/evidence",
        name,
    ]
    .iter()
    .collect();
    p.to_str().unwrap().to_owned()
}

fn stdout(env: &TestEnv, args: &[&str]) -> String {
    let out = env.run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A database with one partner, Northwind Analytics.
fn env_with_partner() -> (TestEnv, PartnerId) {
    let env = TestEnv::new();
    let mut store = Store::open(&env.db).unwrap();
    let id = store
        .edit("Seed", |tx| {
            tx.insert(&Partner {
                name: "Northwind Analytics".into(),
                ..Partner::default()
            })
        })
        .unwrap()
        .value;
    (env, id)
}

fn counts(env: &TestEnv) -> (usize, usize, usize, usize) {
    Store::open(&env.db).unwrap().evidence_counts().unwrap()
}

#[test]
fn accounts_preview_apply_reimport_and_update_by_crm_id() {
    let (env, _) = env_with_partner();
    let file = fixture("sf-account.csv");
    let preview = stdout(&env, &["crm", "import", &file]);
    assert_eq!(
        preview,
        format!(
            "{file}: read as Salesforce Account\n\
             line 2: create account 001Hs00001AcmeAAA 'Acme Corp'\n\
             line 3: create account 001Hs00001GlobxAAA 'Globex, Inc.'\n\
             2 create, 0 update, 0 unchanged, 0 skip\n\
             Preview only: nothing was written; --apply writes it.\n"
        )
    );
    assert_eq!(counts(&env), (0, 0, 0, 0), "a preview writes nothing");
    let applied = stdout(&env, &["crm", "import", &file, "--apply"]);
    assert!(applied.ends_with(
        "Written as one edit (Import evidence from sf-account.csv): 2 records created, 0 changed.\n"
    ));
    assert_eq!(counts(&env).0, 2);
    let again = stdout(&env, &["crm", "import", &file, "--apply"]);
    assert!(again.contains("line 2: unchanged account 001Hs00001AcmeAAA 'Acme Corp'"));
    assert!(again.ends_with("Nothing to write: every record is stored as it is, or is skipped.\n"));

    // A newer export: Acme renamed. Updated by CRM id; the history keeps
    // the earlier name.
    let newer = env.path().join("Account.csv");
    std::fs::write(
        &newer,
        "\"ID\",\"NAME\",\"WEBSITE\",\"OWNERID\"\r\n\
         \"001Hs00001AcmeAAA\",\"Acme Corporation\",\"https://www.acme.com/\",\"005Hs000001OwnAAA\"\r\n",
    )
    .unwrap();
    let updated = stdout(&env, &["crm", "import", newer.to_str().unwrap(), "--apply"]);
    assert!(
        updated.contains(
            "line 2: update account 001Hs00001AcmeAAA 'Acme Corporation': name Acme Corp → Acme Corporation"
        ),
        "{updated}"
    );
    let store = Store::open(&env.db).unwrap();
    let acme = store
        .account_by_crm_id("001Hs00001AcmeAAA")
        .unwrap()
        .unwrap();
    assert_eq!(acme.name, "Acme Corporation");
    assert_eq!(acme.domain, "acme.com");
    let history = store.history_of(RecordRef::Account(acme.id)).unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert_eq!(counts(&env).0, 2, "no second account");
}

#[test]
fn overlap_opportunities_partner_and_touches_resolve_their_references() {
    let (env, northwind) = env_with_partner();
    stdout(
        &env,
        &["crm", "import", &fixture("sf-account.csv"), "--apply"],
    );
    // The partner's own account, as Salesforce has it, names the partner
    // on an OpportunityPartner row.
    let accounts = env.path().join("Partners.csv");
    std::fs::write(
        &accounts,
        "\"ID\",\"NAME\",\"WEBSITE\",\"OWNERID\"\r\n\
         \"001Hs00001NorthAAA\",\"Northwind Analytics\",\"northwind.example\",\"\"\r\n",
    )
    .unwrap();
    stdout(
        &env,
        &["crm", "import", accounts.to_str().unwrap(), "--apply"],
    );

    let overlap = stdout(&env, &["crm", "import", &fixture("overlap.csv"), "--apply"]);
    assert!(
        overlap.contains("2 create, 0 update, 0 unchanged, 0 skip"),
        "{overlap}"
    );
    let opps = stdout(
        &env,
        &["crm", "import", &fixture("sf-opportunity.csv"), "--apply"],
    );
    assert!(opps.contains("3 create"), "{opps}");
    let partner = stdout(
        &env,
        &[
            "crm",
            "import",
            &fixture("sf-opportunity-partner.csv"),
            "--apply",
        ],
    );
    assert!(
        partner.contains(&format!(
            "line 2: update partner 001Hs00001NorthAAA on opportunity 006Hs00001OppAAAA: registered by none → {}",
            northwind.0
        )),
        "{partner}"
    );
    let touches = stdout(&env, &["crm", "import", &fixture("touches.csv"), "--apply"]);
    assert!(
        touches.contains("2 create, 0 update, 0 unchanged, 0 skip"),
        "{touches}"
    );

    let store = Store::open(&env.db).unwrap();
    let opp = store
        .opportunity_by_crm_id("006Hs00001OppAAAA")
        .unwrap()
        .unwrap();
    assert_eq!(opp.registered_by, Some(northwind));
    let acme = store
        .account_by_crm_id("001Hs00001AcmeAAA")
        .unwrap()
        .unwrap();
    assert_eq!(opp.account_id, Some(acme.id));
    let evidence = store.evidence_of_partner(northwind).unwrap();
    let touches: Vec<(Option<OpportunityId>, String)> = evidence
        .touches
        .iter()
        .map(|t| (t.opportunity_id, t.on.to_string()))
        .collect();
    assert_eq!(
        touches,
        vec![
            (Some(opp.id), "2026-03-02".to_owned()),
            (None, "2026-04-20".to_owned())
        ]
    );
    let first = evidence.touches.iter().next().unwrap();
    assert_eq!(first.account_id, Some(acme.id), "the opportunity's account");
    assert_eq!(evidence.overlaps.len(), 2);
    // A touches file without ids imported twice is not doubled.
    let again = stdout(&env, &["crm", "import", &fixture("touches.csv"), "--apply"]);
    assert!(
        again.contains("0 create, 0 update, 2 unchanged, 0 skip"),
        "{again}"
    );
}

#[test]
fn what_cannot_be_resolved_says_why() {
    let (env, _) = env_with_partner();
    // No accounts yet: the lead is kept unreconciled (E2), the overlap
    // rows and the partner row are skipped.
    let leads = stdout(&env, &["crm", "import", &fixture("sf-lead.csv")]);
    assert!(
        leads.contains(
            "line 3: create lead 00QHs00001LeadBAA (account not found: 001Hs00001InitAAA / initech.com / Initech; kept unreconciled (import the accounts first))"
        ),
        "{leads}"
    );
    assert!(
        leads.contains("2 unreconciled (no account found: finding E2)"),
        "{leads}"
    );
    let overlap = stdout(&env, &["crm", "import", &fixture("overlap.csv")]);
    assert!(
        overlap.contains("line 2: skip overlap of acme.com / Acme Corp with Northwind Analytics: account not found: acme.com / Acme Corp: import the accounts first"),
        "{overlap}"
    );
    // A partner jmo does not have.
    let other = env.path().join("overlap.csv");
    std::fs::write(
        &other,
        "Account Name,Domain,Partner,Population,Snapshot date\nAcme Corp,acme.com,Contoso,Customers,2026-02-15\n",
    )
    .unwrap();
    let out = stdout(&env, &["crm", "import", other.to_str().unwrap()]);
    assert!(
        out.contains("skip overlap of acme.com / Acme Corp with Contoso: no partner named 'Contoso' (add the partner first, or correct the name)"),
        "{out}"
    );
    // Two accounts of one name: the lead is not matched to either.
    stdout(
        &env,
        &["crm", "import", &fixture("sf-account.csv"), "--apply"],
    );
    stdout(
        &env,
        &["crm", "import", &fixture("hs-companies.csv"), "--apply"],
    );
    let leads = stdout(&env, &["crm", "import", &fixture("sf-lead.csv")]);
    assert!(
        leads.contains("line 2: create lead 00QHs00001LeadAAA (account not found: 2 accounts are named 'Acme Corp'; kept unreconciled"),
        "{leads}"
    );
}

#[test]
fn a_campaign_file_is_still_read_as_campaigns() {
    let (env, _) = env_with_partner();
    let file = env.path().join("Campaign.csv");
    std::fs::write(
        &file,
        "Id,Name,Type,Status,StartDate,EndDate\n,Partner: Northwind Analytics - Spring webinar,Webinar,Planned,2026-03-01,2026-03-31\n",
    )
    .unwrap();
    let out = stdout(&env, &["crm", "import", file.to_str().unwrap()]);
    assert!(out.contains("create"), "{out}");
    assert!(!out.contains("read as"), "{out}");
}

#[test]
fn jmo_check_reports_two_partners_claiming_one_opportunity() {
    let (env, _) = env_with_partner();
    let mut store = Store::open(&env.db).unwrap();
    store
        .edit("Seed", |tx| {
            tx.insert(&Partner {
                name: "Contoso".into(),
                ..Partner::default()
            })
        })
        .unwrap();
    drop(store);
    let before = env.run(&["check", "--json"]);
    let before = String::from_utf8(before.stdout).unwrap();
    assert!(!before.contains("\"E1\""), "{before}");
    stdout(
        &env,
        &["crm", "import", &fixture("sf-account.csv"), "--apply"],
    );
    stdout(
        &env,
        &["crm", "import", &fixture("sf-opportunity.csv"), "--apply"],
    );
    // Opportunity A was created on 2026-03-10: both registrations are
    // before it; Northwind's is the earlier.
    let touches = env.path().join("touches.csv");
    std::fs::write(
        &touches,
        "Partner,Account,Opportunity,Date,Kind,Campaign,Note,Id\n\
         Northwind Analytics,,006Hs00001OppAAAA,2026-03-01,deal_registration,,,T-1\n\
         Contoso,,006Hs00001OppAAAA,2026-03-05,deal_registration,,,T-2\n",
    )
    .unwrap();
    stdout(
        &env,
        &["crm", "import", touches.to_str().unwrap(), "--apply"],
    );
    let out = env.run(&["check", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let e1: Vec<(String, String)> = json
        .as_array()
        .or_else(|| json["findings"].as_array())
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "E1")
        .map(|f| {
            (
                f["partner"].as_str().unwrap().to_owned(),
                f["severity"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        e1,
        vec![("Contoso".to_owned(), "error".to_owned())],
        "{json}"
    );
    assert_eq!(out.status.code(), Some(1), "an error finding exits 1");
}
