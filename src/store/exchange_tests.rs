use super::*;
use crate::domain::mdf::ActivityType;
use crate::domain::milestone::standard_milestones;
use crate::store::rows::TABLES;
use check::columns_of;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::json;
use std::str::FromStr;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn money(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn partner(name: &str) -> Partner {
    Partner {
        name: name.into(),
        partnership_type: PartnershipType::Technology,
        tier: Tier::Gold,
        brand_guidelines_on_file: true,
        data_consent_on: Some(d("2026-01-15")),
        notes: "Line one\nLine two: “quoted” — ünïcödé".into(),
        agreement_start: None,
        agreement_end: None,
        ..Partner::default()
    }
}

fn webinar(partner_id: PartnerId) -> Campaign {
    Campaign {
        partner_id,
        name: "Q2 Security Webinar".into(),
        campaign_type: CampaignType::Webinar,
        playbook: Some("Quick Win Webinar".into()),
        status: CampaignStatus::Planned,
        audience: "IT leaders".into(),
        start: d("2026-03-02"),
        launch: d("2026-04-13"),
        end: d("2026-04-20"),
        budget: money("5000.50"),
        internal_cost: money("1200"),
        lead_target: Some(200),
        crm_id: None,
        attribution_agreed: true,
        uses_partner_data: false,
    }
}

/// A database a marketer might have after a few days: two partners (one
/// deleted again), a webinar with milestones, checklist, assets, MDF fund,
/// request and claim, results; edits, a deletion, an undo (so the redo
/// stack is not empty).
fn realistic(store: &mut Store) {
    store.set_actor("dana").unwrap();
    let (p, c) = store
        .edit("Add Acme and its Q2 webinar", |tx| {
            let p = tx.insert(&partner("Acme “Cloud” Ltd"))?;
            let camp = webinar(p);
            let c = tx.insert(&camp)?;
            for m in standard_milestones(c, camp.start, camp.launch, camp.end) {
                tx.insert(&m)?;
            }
            for (i, (side, title, due)) in [
                (Side::Ours, "Create landing page", Some(d("2026-03-20"))),
                (Side::Partner, "Provide speaker", Some(d("2026-03-16"))),
                (Side::Shared, "Follow-up sequence", None),
            ]
            .into_iter()
            .enumerate()
            {
                tx.insert(&Responsibility {
                    campaign_id: c,
                    side,
                    title: title.into(),
                    owner: if side == Side::Ours {
                        "Dana".into()
                    } else {
                        String::new()
                    },
                    due,
                    done_on: None,
                    position: i as i64,
                })?;
            }
            tx.insert(&Asset {
                campaign_id: c,
                name: "Webinar deck v2".into(),
                kind: "deck".into(),
                co_branded: true,
                approved_on: None,
                location: "https://drive.example.com/deck-v2".into(),
            })?;
            tx.insert(&Asset {
                campaign_id: c,
                name: "Landing page".into(),
                kind: "landing page".into(),
                co_branded: false,
                approved_on: Some(d("2026-03-10")),
                location: String::new(),
            })?;
            Ok((p, c))
        })
        .unwrap()
        .value;
    let beta = store
        .edit("Add Beta", |tx| tx.insert(&partner("Beta")))
        .unwrap()
        .value;
    store
        .edit("Add Beta's summit", |tx| {
            let mut summit = webinar(beta);
            summit.name = "Beta Summit".into();
            summit.campaign_type = CampaignType::VirtualEvent;
            summit.launch = d("2026-05-01");
            summit.end = d("2026-05-02");
            tx.insert(&summit)
        })
        .unwrap();
    store
        .edit("MDF for the webinar", |tx| {
            let f = tx.insert(&Fund {
                partner_id: p,
                name: "FY26 H1 co-op".into(),
                period_start: d("2026-01-01"),
                period_end: d("2026-06-30"),
                allocated: money("25000.00"),
                policy: "default".into(),
            })?;
            let r = tx.insert(&MdfRequest {
                campaign_id: c,
                fund_id: Some(f),
                activity: ActivityType::Webinar,
                amount: money("2500"),
                approved_amount: Some(money("2000.00")),
                status: RequestStatus::Approved,
                submitted_on: Some(d("2026-02-01")),
                decided_on: Some(d("2026-02-05")),
                justification: "Joint pipeline".into(),
                expected_roi: None,
                proof_required: String::new(),
                reason: None,
            })?;
            tx.insert(&Claim {
                request_id: r,
                amount: money("1999.99"),
                status: ClaimStatus::Paid,
                submitted_on: Some(d("2026-05-01")),
                paid_on: Some(d("2026-05-20")),
                paid_amount: Some(money("1999.99")),
                note: String::new(),
            })?;
            tx.insert(&Expense {
                campaign_id: c,
                request_id: Some(r),
                category: "webinar platform".into(),
                amount: money("4000.00"),
                spent_on: d("2026-04-10"),
                vendor: "StreamCo".into(),
                invoice_ref: "SC-1182".into(),
                proof:
                    "attendee lead list: /share/leads.csv\nrecording URL: https://v.example.com/q2"
                        .into(),
                withdrawn: None,
            })
        })
        .unwrap();
    store
        .edit("Enter results", |tx| {
            tx.insert(&CampaignResults {
                campaign_id: c,
                registrations: Some(420),
                attendees: Some(180),
                leads: Some(150),
                mqls: None,
                pipeline_sourced: Some(money("120000.00")),
                pipeline_influenced: None,
                pipeline_partner_assisted: Some(money("0")),
                revenue: Some(money("18500.25")),
                reported_on: Some(d("2026-04-02")),
                leads_ours: Some(70),
                leads_partner: Some(50),
                leads_paid: None,
                leads_organic: Some(0),
                reach_ours: Some(12000),
                reach_partner: Some(6500),
                target_registrations: Some(400),
                target_attendees: None,
                target_leads: Some(200),
                target_mqls: None,
                target_pipeline: Some(money("150000")),
                target_revenue: None,
            })
        })
        .unwrap();
    store
        .edit("Partner profile: contact, check-in, plan", |tx| {
            tx.insert(&Contact {
                partner_id: p,
                name: "Ana Ruiz".into(),
                role: "Partner marketing".into(),
                email: "ana@acme.example".into(),
            })?;
            tx.insert(&Meeting {
                partner_id: p,
                kind: MeetingKind::Qbr,
                held_on: d("2026-03-31"),
                progress: "registrations 105% of target".into(),
                upcoming: String::new(),
                roadblocks: "speaker | slides late".into(),
                next_steps: "renew".into(),
            })?;
            let plan = tx.insert(&JointPlan {
                partner_id: p,
                period: Period::parse("2026Q2").unwrap(),
                objective: "$150K pipeline".into(),
                notes: String::new(),
            })?;
            tx.insert(&PlanEntry {
                plan_id: plan,
                campaign_id: c,
                pipeline_target: Some(money("150000")),
                partner_investment: money("1250.50"),
            })
        })
        .unwrap();
    let program = store.load_program().unwrap();
    let item = program.responsibilities.iter().next().unwrap().clone();
    let mut ticked = item.value.clone();
    ticked.done_on = Some(d("2026-03-18"));
    store
        .edit("Tick 'Create landing page'", |tx| {
            tx.update(item.id, &ticked)
        })
        .unwrap();
    let mut cheaper = webinar(p);
    cheaper.budget = money("4800.00");
    cheaper.crm_id = Some("701A000000XyZ01".into());
    store
        .edit("Edit 'Q2 Security Webinar'", |tx| tx.update(c, &cheaper))
        .unwrap();
    store
        .edit("Delete Beta", |tx| tx.delete(RecordRef::Partner(beta)))
        .unwrap();
    let mut renamed = partner("Acme Cloud");
    renamed.tier = Tier::Platinum;
    store
        .edit("Rename Acme", |tx| tx.update(p, &renamed))
        .unwrap();
    store.undo().unwrap().unwrap();
}

type Dump = Vec<(String, Vec<Vec<Value>>)>;

/// Every row of every table: records, history, meta and the id sequences.
fn dump(store: &Store) -> Dump {
    let mut out = Vec::new();
    let tables = TABLES
        .iter()
        .chain(&["change_sets", "changes", "meta", "sqlite_sequence"]);
    for table in tables {
        // `change_sets.session` names the running jmo that made a set; it
        // matters only while that jmo runs, and is not exported.
        let columns = if *table == "change_sets" {
            "id, at, actor, label, kind, target"
        } else {
            "*"
        };
        let mut stmt = store
            .conn
            .prepare(&format!("SELECT {columns} FROM {table} ORDER BY 1"))
            .unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        out.push((table.to_string(), rows));
    }
    out
}

/// No record, no history, nothing to undo.
fn assert_blank(store: &Store) {
    for (table, rows) in dump(store) {
        if table != "meta" && table != "sqlite_sequence" {
            assert!(rows.is_empty(), "{table} has {} rows", rows.len());
        }
    }
    assert_eq!(store.undo_depth(), 0);
}

/// The JSON of the realistic database, as a value to tamper with.
fn sample() -> serde_json::Value {
    let mut store = Store::open_in_memory().unwrap();
    realistic(&mut store);
    serde_json::from_str(&to_json(&export(&store).unwrap())).unwrap()
}

/// Parses `json` and imports it into a fresh database; returns the refusal
/// and checks that the database was left blank.
fn refused(json: &serde_json::Value) -> ImportError {
    let mut store = Store::open_in_memory().unwrap();
    let err = match parse(&json.to_string()) {
        Err(e) => e,
        Ok(doc) => import(&mut store, &doc, ImportMode::Restore).unwrap_err(),
    };
    assert_blank(&store);
    err
}

fn tampered(edit: impl FnOnce(&mut serde_json::Value)) -> ImportError {
    let mut v = sample();
    edit(&mut v);
    refused(&v)
}

#[test]
fn a_realistic_database_round_trips_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(&dir.path().join("a.db")).unwrap();
    realistic(&mut a);
    let doc = export(&a).unwrap();
    let json = to_json(&doc);
    let parsed = parse(&json).unwrap();
    assert_eq!(parsed, doc);

    let b_path = dir.path().join("b.db");
    let mut b = Store::open(&b_path).unwrap();
    let summary = import(&mut b, &parsed, ImportMode::Restore).unwrap();
    assert_eq!(
        (
            summary.partners,
            summary.campaigns,
            summary.milestones,
            summary.responsibilities,
            summary.assets
        ),
        (1, 1, 7, 3, 2)
    );
    assert_eq!(
        (
            summary.funds,
            summary.mdf_requests,
            summary.claims,
            summary.results
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(
        (
            summary.contacts,
            summary.meetings,
            summary.plans,
            summary.plan_entries
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(summary.records(), 23);
    assert_eq!(summary.change_sets, doc.history.change_sets.len());
    assert_eq!(summary.changes, doc.history.changes.len());
    assert_eq!(to_json(&export(&b).unwrap()), json);
    // Byte for byte: every row of every table, the history and the id
    // sequences (Beta's deleted ids are not handed out again).
    assert_eq!(dump(&b), dump(&a));
    drop(b);

    // The reopened copy undoes and redoes exactly like the original, for
    // the same user; for another, none of these edits are theirs to undo.
    let mut b = Store::open(&b_path).unwrap();
    b.set_actor("sam").unwrap();
    assert_eq!(b.undo_depth(), 0);
    b.set_actor("dana").unwrap();
    assert_eq!(b.undo_depth(), a.undo_depth());
    assert_eq!(b.undo_label().unwrap().as_deref(), Some("Delete Beta"));
    assert_eq!(b.redo_label().unwrap().as_deref(), Some("Rename Acme"));
    let (ua, ub) = (a.undo().unwrap().unwrap(), b.undo().unwrap().unwrap());
    assert_eq!(ub, ua);
    assert_eq!(b.load_program().unwrap().partners.len(), 2, "Beta is back");
    let records = |s: &Store| Document {
        history: History::default(),
        ..export(s).unwrap()
    };
    assert_eq!(records(&b), records(&a));
    let next_a = a
        .edit("Add Gamma", |tx| tx.insert(&partner("Gamma")))
        .unwrap()
        .value;
    let next_b = b
        .edit("Add Gamma", |tx| tx.insert(&partner("Gamma")))
        .unwrap()
        .value;
    assert_eq!(next_b, next_a);
    assert_eq!(next_b, PartnerId(3));
}

#[test]
fn the_json_uses_the_domain_names_strings_for_money_and_keys_for_enums() {
    let v = sample();
    assert_eq!(
        (&v["format"], &v["version"], &v["currency"]),
        (&json!("jmo"), &json!(5), &json!("USD"))
    );
    let campaign = &v["campaigns"][0];
    assert_eq!(campaign["id"], json!(1));
    assert_eq!(campaign["budget"], json!("4800.00"));
    assert_eq!(campaign["internal_cost"], json!("1200"));
    assert_eq!(campaign["campaign_type"], json!("webinar"));
    assert_eq!(campaign["start"], json!("2026-03-02"));
    assert_eq!(campaign["lead_target"], json!(200));
    assert_eq!(campaign["attribution_agreed"], json!(true));
    assert_eq!(v["milestones"][0]["kind"], json!("kickoff"));
    assert_eq!(v["milestones"][0]["completed_on"], serde_json::Value::Null);
    assert_eq!(v["mdf_requests"][0]["approved_amount"], json!("2000.00"));
    assert_eq!(v["claims"][0]["status"], json!("paid"));
    assert_eq!(v["results"][0]["mqls"], serde_json::Value::Null);
    assert_eq!(v["meetings"][0]["kind"], json!("qbr"));
    assert_eq!(v["plans"][0]["period"], json!("2026Q2"));
    assert_eq!(v["plan_entries"][0]["partner_investment"], json!("1250.50"));
    assert_eq!(v["partners"][0]["pipeline_potential"], json!("1"));
    // Every record object is exactly `id` plus the table's columns.
    fn keys(o: &serde_json::Value) -> Vec<String> {
        let mut k: Vec<String> = o.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    }
    for (table, columns) in TABLES.iter().map(|t| (*t, columns_of(t).unwrap())) {
        let mut expected: Vec<String> = std::iter::once("id")
            .chain(columns.iter().copied())
            .map(String::from)
            .collect();
        expected.sort();
        // The evidence tables are checked in exchange_evidence_tests.rs.
        if v[table].is_null() {
            continue;
        }
        let first = &v[table][0];
        assert_eq!(keys(first), expected, "{table}");
    }
    // The history keeps SQLite's values: an update of text, a whole row as text.
    let changes = v["history"]["changes"].as_array().unwrap();
    let budget = changes
        .iter()
        .find(|c| c["field"] == json!("budget"))
        .unwrap();
    assert_eq!(
        (&budget["old"], &budget["new"]),
        (&json!("5000.50"), &json!("4800.00"))
    );
    let tick = changes
        .iter()
        .find(|c| c["field"] == json!("done_on"))
        .unwrap();
    assert_eq!(tick["old"], serde_json::Value::Null);
    let insert = &changes[0];
    assert_eq!(insert["op"], json!("insert"));
    let row: serde_json::Value = serde_json::from_str(insert["new"].as_str().unwrap()).unwrap();
    assert_eq!(
        (&row["id"], &row["name"], &row["brand_guidelines_on_file"]),
        (&json!(1), &json!("Acme “Cloud” Ltd"), &json!(1))
    );
    let sets = v["history"]["change_sets"].as_array().unwrap();
    let undo = sets.last().unwrap();
    assert_eq!(
        (&undo["kind"], &undo["label"], &undo["actor"]),
        (&json!("undo"), &json!("Rename Acme"), &json!("dana"))
    );
}

#[test]
fn a_bad_amount_is_refused_with_its_path() {
    let err = tampered(|v| v["campaigns"][0]["budget"] = json!("abc"));
    assert_eq!(
        err.to_string(),
        "campaigns[0].budget: 'abc' is not an amount"
    );
    // A JSON number is not exact: refused too.
    let err = tampered(|v| v["mdf_requests"][0]["amount"] = json!(2500.5));
    assert_eq!(err.path, "mdf_requests[0].amount");
    assert!(err.message.contains("an amount as a JSON string"), "{err}");
    let err = tampered(|v| v["results"][0]["revenue"] = json!("12,000"));
    assert_eq!(
        err.to_string(),
        "results[0].revenue: '12,000' is not an amount"
    );
}

#[test]
fn a_bad_date_is_refused_with_its_path() {
    let err = tampered(|v| v["campaigns"][0]["start"] = json!("2026-02-30"));
    assert_eq!(
        err.to_string(),
        "campaigns[0].start: '2026-02-30' is not a date (YYYY-MM-DD)"
    );
    let err = tampered(|v| v["milestones"][4]["due"] = json!("2026-4-6"));
    assert_eq!(
        err.to_string(),
        "milestones[4].due: '2026-4-6' is not a date (YYYY-MM-DD)"
    );
    let err = tampered(|v| v["claims"][0]["paid_on"] = json!(20260520));
    assert_eq!(err.path, "claims[0].paid_on");
}

#[test]
fn unknown_fields_and_bad_keys_are_refused_with_their_path() {
    let err = tampered(|v| v["milestones"][2]["colour"] = json!("red"));
    assert_eq!(err.path, "milestones[2].colour");
    assert!(err.message.starts_with("unknown field `colour`"), "{err}");
    let err = tampered(|v| v["extra"] = json!([]));
    assert_eq!(err.path, "extra");
    let err = tampered(|v| v["history"]["changes"][0]["who"] = json!("x"));
    assert_eq!(err.path, "history.changes[0].who");
    let err = tampered(|v| v["campaigns"][0]["campaign_type"] = json!("webinarr"));
    assert_eq!(err.path, "campaigns[0].campaign_type");
    assert!(
        err.message.contains("expected one of: webinar, content"),
        "{err}"
    );
    let err = tampered(|v| {
        v["partners"][0].as_object_mut().unwrap().remove("name");
    });
    assert_eq!(err.to_string(), "partners[0]: missing field `name`");
}

#[test]
fn a_dangling_reference_is_refused_with_its_path() {
    let err = tampered(|v| v["milestones"][3]["campaign_id"] = json!(99));
    assert_eq!(
        err.to_string(),
        "milestones[3].campaign_id: there is no campaign with id 99 in the document"
    );
    let err = tampered(|v| v["mdf_requests"][0]["fund_id"] = json!(7));
    assert_eq!(
        err.to_string(),
        "mdf_requests[0].fund_id: there is no fund with id 7 in the document"
    );
    // A request on another partner's fund.
    let err = tampered(|v| {
        let mut other = v["partners"][0].clone();
        other["id"] = json!(99);
        v["partners"].as_array_mut().unwrap().push(other);
        v["funds"][0]["partner_id"] = json!(99);
    });
    assert_eq!(err.path, "mdf_requests[0].fund_id");
    assert!(
        err.to_string().contains("belongs to another partner"),
        "{err}"
    );
    let err = tampered(|v| v["claims"][0]["request_id"] = json!(2));
    assert_eq!(err.path, "claims[0].request_id");
    // A child listed without its parent.
    let err = tampered(|v| v["partners"] = json!([]));
    assert_eq!(
        err.to_string(),
        "campaigns[0].partner_id: there is no partner with id 1 in the document"
    );
}

#[test]
fn a_launch_before_the_start_is_refused_with_its_path() {
    let err = tampered(|v| v["campaigns"][0]["launch"] = json!("2026-03-01"));
    assert_eq!(
        err.to_string(),
        "campaigns[0].launch: launch must be on or after the start (2026-03-02)"
    );
    // Other validation rules map to their field the same way.
    let err = tampered(|v| v["claims"][0]["paid_amount"] = json!("5000"));
    assert_eq!(
        err.to_string(),
        "claims[0].paid_amount: cannot be paid more than was claimed"
    );
}

#[test]
fn ids_must_be_unique_and_results_one_per_campaign() {
    let err = tampered(|v| v["milestones"][1]["id"] = json!(1));
    assert_eq!(
        err.to_string(),
        "milestones[1].id: id 1 is used twice (also milestones[0])"
    );
    let err = tampered(|v| v["assets"][0]["id"] = json!(0));
    assert_eq!(err.path, "assets[0].id");
    let err = tampered(|v| {
        let mut twin = v["results"][0].clone();
        twin["id"] = json!(2);
        v["results"].as_array_mut().unwrap().push(twin);
    });
    assert_eq!(
        err.to_string(),
        "results[1].campaign_id: campaign 1 already has results (results[0])"
    );
}

#[test]
fn a_wrong_format_or_version_is_refused_first() {
    let err = tampered(|v| v["format"] = json!("trello"));
    assert_eq!(
        err.to_string(),
        "format: 'trello' is not a jmo export (expected \"jmo\")"
    );
    // The version is checked before the fields a newer version may add.
    let err = tampered(|v| {
        v["version"] = json!(6);
        v["campaigns"][0]["new_in_v6"] = json!(true);
    });
    assert_eq!(
        err.to_string(),
        "version: version 6 is not supported; this jmo reads versions 1 to 5"
    );
    let err = refused(&json!({"version": 1, "currency": "USD"}));
    assert_eq!(err.path, "format");
    let err = tampered(|v| v["currency"] = json!("usd"));
    assert_eq!(err.path, "currency");
    // Three capitals, but no currency of the ISO 4217 table.
    let err = tampered(|v| v["currency"] = json!("XYZ"));
    assert_eq!(
        err.to_string(),
        "currency: 'XYZ' is not an ISO 4217 currency code, e.g. USD or EUR"
    );
    let err = parse("{\"format\": \"jmo\", \"version\": 1,").unwrap_err();
    assert!(err.message.contains("EOF"), "{err}");
    let err = parse("[1, 2]").unwrap_err();
    assert_eq!(
        err.to_string(),
        "not a jmo export: the document must be a JSON object"
    );
    let err = parse("").unwrap_err();
    assert_eq!(
        err.to_string(),
        "EOF while parsing a value at line 1 column 0"
    );
}

#[test]
fn a_bad_history_is_refused_with_its_path() {
    let err = tampered(|v| v["history"]["changes"][0]["set_id"] = json!(999));
    assert_eq!(
        err.to_string(),
        "history.changes[0].set_id: there is no change set with id 999"
    );
    let err = tampered(|v| v["history"]["change_sets"][1]["kind"] = json!("oops"));
    assert_eq!(err.path, "history.change_sets[1].kind");
    let err = tampered(|v| v["history"]["changes"][5]["entity"] = json!("sqlite_master"));
    assert_eq!(err.path, "history.changes[5].entity");
    let err = tampered(|v| {
        let changes = v["history"]["changes"].as_array_mut().unwrap();
        let i = changes
            .iter()
            .position(|c| c["field"] == json!("budget"))
            .unwrap();
        changes[i]["field"] = json!("budgett");
    });
    assert!(
        err.path.starts_with("history.changes[") && err.path.ends_with("].field"),
        "{err}"
    );
    let err = tampered(|v| v["history"]["changes"][2]["id"] = json!(1));
    assert_eq!(err.path, "history.changes[2].id");
    let err = tampered(|v| v["history"]["changes"][0]["old"] = json!(1.5));
    assert_eq!(err.path, "history.changes[0].old");
}

#[test]
fn a_database_that_holds_anything_is_refused() {
    let mut full = Store::open_in_memory().unwrap();
    realistic(&mut full);
    let doc = export(&full).unwrap();
    let before = dump(&full);
    let err = import(&mut full, &doc, ImportMode::Restore).unwrap_err();
    assert_eq!(err.path, "");
    assert_eq!(
        err.to_string(),
        "the database already holds data; import needs an empty database"
    );
    assert_eq!(dump(&full), before);

    // No records left, but a history: refused too (its undo would clash).
    let mut emptied = Store::open_in_memory().unwrap();
    let p = emptied
        .edit("Add", |tx| tx.insert(&partner("Acme")))
        .unwrap()
        .value;
    emptied
        .edit("Delete", |tx| tx.delete(RecordRef::Partner(p)))
        .unwrap();
    let err = import(
        &mut emptied,
        &doc,
        ImportMode::Record {
            label: "Import".into(),
        },
    )
    .unwrap_err();
    assert!(
        err.message.starts_with("the database already holds data"),
        "{err}"
    );
    assert!(emptied.load_program().unwrap().is_empty());
}

#[test]
fn a_failure_while_writing_leaves_nothing_behind() {
    let mut source = Store::open_in_memory().unwrap();
    realistic(&mut source);
    let doc = export(&source).unwrap();
    let modes = [
        ImportMode::Restore,
        ImportMode::Record {
            label: "Import".into(),
        },
    ];
    for mode in modes {
        let mut target = Store::open_in_memory().unwrap();
        // Claims are written late: everything before them must roll back.
        target
            .conn
            .execute_batch("CREATE TRIGGER no_claims BEFORE INSERT ON claims BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;")
            .unwrap();
        let err = import(&mut target, &doc, mode.clone()).unwrap_err();
        assert_eq!(err.path, "");
        assert!(err.message.contains("disk on fire"), "{mode:?}: {err}");
        assert_blank(&target);
    }
}

#[test]
fn record_mode_imports_as_one_undoable_edit() {
    let mut source = Store::open_in_memory().unwrap();
    realistic(&mut source);
    let doc = export(&source).unwrap();
    let mut target = Store::open_in_memory().unwrap();
    target.set_actor("sam").unwrap();
    let summary = import(
        &mut target,
        &doc,
        ImportMode::Record {
            label: "Import backup.json".into(),
        },
    )
    .unwrap();
    assert_eq!(
        (summary.records(), summary.change_sets, summary.changes),
        (23, 1, 23)
    );

    let records = |s: &Store| Document {
        history: History::default(),
        ..export(s).unwrap()
    };
    assert_eq!(records(&target), records(&source), "same records, same ids");
    let history = export(&target).unwrap().history;
    assert_eq!(history.change_sets.len(), 1);
    assert_eq!(
        (
            history.change_sets[0].label.as_str(),
            history.change_sets[0].actor.as_str()
        ),
        ("Import backup.json", "sam")
    );
    assert!(history.changes.iter().all(|c| c.op == "insert"));
    assert_eq!(target.undo_depth(), 1);
    assert_eq!(
        target.undo_label().unwrap().as_deref(),
        Some("Import backup.json")
    );

    let undone = target.undo().unwrap().unwrap();
    assert_eq!(undone.touched.len(), 23);
    let after = export(&target).unwrap();
    assert_eq!(after.record_count(), 0);
    target.redo().unwrap().unwrap();
    assert_eq!(records(&target), records(&source));
}

#[test]
fn every_sqlite_value_in_the_history_survives() {
    let mut source = Store::open_in_memory().unwrap();
    realistic(&mut source);
    let mut doc = export(&source).unwrap();
    let set_id = doc.history.change_sets.last().unwrap().id + 1;
    let change_id = doc.history.changes.last().unwrap().id + 1;
    doc.history.change_sets.push(HistorySet {
        id: set_id,
        at: "2026-03-02T09:15:00.000Z".into(),
        actor: "import-test".into(),
        label: "Odd values".into(),
        kind: "edit".into(),
        target: None,
    });
    let odd = [
        (Value::Real(0.1), Value::Real(-1.0e300)),
        (Value::Blob(vec![0, 1, 0xfe, 0xff]), Value::Blob(Vec::new())),
        (Value::Integer(i64::MIN), Value::Text(String::new())),
    ];
    for (i, (old, new)) in odd.into_iter().enumerate() {
        doc.history.changes.push(HistoryChange {
            id: change_id + i as i64,
            set_id,
            at: "2026-03-02T09:15:00.000Z".into(),
            entity: "partners".into(),
            record_id: 1,
            op: "update".into(),
            field: Some("notes".into()),
            old,
            new,
        });
    }
    let json = to_json(&doc);
    assert!(
        json.contains("\"real\": \"0.1\"") && json.contains("\"blob\": \"0001feff\""),
        "{json}"
    );
    let parsed = parse(&json).unwrap();
    assert_eq!(parsed, doc);
    let mut target = Store::open_in_memory().unwrap();
    import(&mut target, &parsed, ImportMode::Restore).unwrap();
    assert_eq!(to_json(&export(&target).unwrap()), json);
    let types: Vec<String> = target
        .conn
        .prepare(
            "SELECT typeof(old) || '/' || typeof(new) FROM changes WHERE set_id = ?1 ORDER BY id",
        )
        .unwrap()
        .query_map([set_id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(types, ["real/real", "blob/blob", "integer/text"]);
}

#[test]
fn an_empty_document_sets_the_currency() {
    let doc = parse(r#"{"format": "jmo", "version": 1, "currency": "EUR"}"#).unwrap();
    assert_eq!(doc.record_count(), 0);
    let mut target = Store::open_in_memory().unwrap();
    let summary = import(
        &mut target,
        &doc,
        ImportMode::Record {
            label: "Import".into(),
        },
    )
    .unwrap();
    assert_eq!(summary, ImportSummary::default());
    // The program says so: every amount is shown in euros from now on.
    assert_eq!(
        target.load_program().unwrap().currency,
        crate::domain::Currency::from_code("EUR").unwrap()
    );
    let back = export(&target).unwrap();
    // A version 1 document comes back as version 2, otherwise equal.
    assert_eq!(
        back,
        Document {
            version: VERSION,
            ..doc
        }
    );
    assert_eq!(target.undo_depth(), 0);
    let text = to_json(&back);
    assert!(
        text.contains("\"partners\": []") && text.ends_with("}\n"),
        "{text}"
    );
}

#[test]
fn insert_with_id_keeps_the_id_refuses_a_taken_one_and_is_undoable() {
    let mut store = Store::open_in_memory().unwrap();
    let edited = store
        .edit("Add Acme as 5", |tx| {
            tx.insert_with_id(PartnerId(5), &partner("Acme"))
        })
        .unwrap();
    assert_eq!(edited.touched, vec![RecordRef::Partner(PartnerId(5))]);
    assert_eq!(
        store.get::<Partner>(PartnerId(5)).unwrap().unwrap().name,
        "Acme"
    );
    let err = store
        .edit("Again", |tx| {
            tx.insert_with_id(PartnerId(5), &partner("Other"))
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "partner 5 already exists");
    assert_eq!(
        store.undo_label().unwrap().as_deref(),
        Some("Add Acme as 5")
    );
    let next = store
        .edit("Add Beta", |tx| tx.insert(&partner("Beta")))
        .unwrap()
        .value;
    assert_eq!(next, PartnerId(6));
    store.undo().unwrap().unwrap();
    store.undo().unwrap().unwrap();
    assert!(store.load_program().unwrap().is_empty());
}

#[test]
fn the_documented_example_imports() {
    let page = include_str!("../../docs/export-format.md");
    let start = page.find("```json\n").unwrap() + "```json\n".len();
    let example = &page[start..start + page[start..].find("```").unwrap()];
    let doc = parse(example).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    let summary = import(&mut store, &doc, ImportMode::Restore).unwrap();
    assert_eq!(
        (summary.records(), summary.change_sets, summary.changes),
        (14, 2, 2)
    );
    assert_eq!(to_json(&export(&store).unwrap()), example);
}

#[test]
fn versions_1_to_4_documents_still_import() {
    let page = include_str!("../../docs/export-format.md");
    let start = page.find("```json\n").unwrap() + "```json\n".len();
    let example = &page[start..start + page[start..].find("```").unwrap()];
    let mut v: serde_json::Value = serde_json::from_str(example).unwrap();
    // Version 4: partners without profile terms, no contacts, meetings or plans.
    v["version"] = json!(4);
    let partner = v["partners"][0].as_object_mut().unwrap();
    let added = [
        "brand_guidelines_ref",
        "data_consent_scope",
        "agreement_scope",
        "sharing_terms",
        "exclusivity",
        "exclusive_until",
        "brand_usage",
        "termination_notice_days",
        "recorded_revenue",
        "referrals",
        "pipeline_potential",
        "strategic_value",
        "past_performance",
        "archived_on",
    ];
    for field in added {
        assert!(partner.remove(field).is_some(), "{field}");
    }
    for table in ["contacts", "meetings", "plans", "plan_entries"] {
        v.as_object_mut().unwrap().remove(table);
    }
    let doc = parse(&v.to_string()).unwrap();
    assert_eq!(
        doc.partners[0].pipeline_potential,
        rust_decimal::Decimal::ONE
    );
    assert_eq!(doc.partners[0].strategic_value, rust_decimal::Decimal::ONE);
    assert_eq!(
        doc.partners[0].recorded_revenue,
        rust_decimal::Decimal::ZERO
    );
    assert_eq!(
        (doc.partners[0].referrals, doc.partners[0].archived_on),
        (0, None)
    );
    assert!(doc.plans.is_empty() && doc.contacts.is_empty());
    // Version 3: results without targets, lead sources, reach or date.
    v["version"] = json!(3);
    let results = v["results"][0].as_object_mut().unwrap();
    let new: Vec<String> = results
        .keys()
        .filter(|k| k.starts_with("target_") || k.starts_with("leads_") || k.starts_with("reach_"))
        .cloned()
        .collect();
    assert_eq!(new.len(), 12, "{new:?}");
    for field in new.iter().map(String::as_str).chain(["reported_on"]) {
        results.remove(field);
    }
    let doc = parse(&v.to_string()).unwrap();
    assert_eq!(doc.results[0].leads_ours, None);
    assert_eq!(doc.results[0].leads, Some(150));
    // Version 2: no partner agreements.
    v["version"] = json!(2);
    for field in ["agreement_start", "agreement_end"] {
        v["partners"][0].as_object_mut().unwrap().remove(field);
    }
    let doc = parse(&v.to_string()).unwrap();
    assert_eq!(doc.partners[0].agreement_end, None);
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(
        import(&mut store, &doc, ImportMode::Restore)
            .unwrap()
            .records(),
        10
    );
    // Version 1: no expenses either, nor a request's expected ROI, proof
    // and reason.
    v["version"] = json!(1);
    v.as_object_mut().unwrap().remove("expenses");
    for field in ["expected_roi", "proof_required", "reason"] {
        v["mdf_requests"][0].as_object_mut().unwrap().remove(field);
    }
    let doc = parse(&v.to_string()).unwrap();
    assert_eq!(doc.mdf_requests[0].proof_required, "");
    assert!(doc.expenses.is_empty());
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(
        import(&mut store, &doc, ImportMode::Restore)
            .unwrap()
            .records(),
        9
    );
}

#[test]
fn optional_fields_and_empty_tables_may_be_left_out() {
    let mut v = sample();
    let campaign = v["campaigns"][0].as_object_mut().unwrap();
    campaign.remove("crm_id");
    campaign.remove("lead_target");
    v.as_object_mut().unwrap().remove("history");
    let doc = parse(&v.to_string()).unwrap();
    assert_eq!(
        (
            doc.campaigns[0].crm_id.clone(),
            doc.campaigns[0].lead_target
        ),
        (None, None)
    );
    assert!(doc.history.change_sets.is_empty());
    // A required field cannot be left out, even one with an obvious default.
    let err = tampered(|v| {
        v["assets"][1].as_object_mut().unwrap().remove("location");
    });
    assert_eq!(err.to_string(), "assets[1]: missing field `location`");
}

#[test]
fn a_claim_above_its_approved_request_is_refused_with_its_path() {
    let err = tampered(|v| v["claims"][0]["amount"] = json!("99999999"));
    assert_eq!(err.path, "claims[0].amount");
    assert!(err.message.contains("more than the approved"), "{err}");
}

/// What older builds let a user record (a $0 submitted claim, a payment
/// dated before the submission) still imports: the forms refuse it now,
/// an export of an older database must still restore.
#[test]
fn records_older_builds_accepted_still_import() {
    let mut v = sample();
    v["claims"][0]["status"] = json!("submitted");
    v["claims"][0]["amount"] = json!("0");
    v["claims"][0]["paid_on"] = json!(null);
    v["claims"][0]["paid_amount"] = json!(null);
    let doc = parse(&v.to_string()).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &doc, ImportMode::Restore).unwrap();
    let mut v = sample();
    let submitted = v["claims"][0]["submitted_on"].as_str().unwrap().to_string();
    assert_eq!(v["claims"][0]["status"], json!("paid"));
    v["claims"][0]["paid_on"] = json!("2000-01-01");
    assert!(submitted.as_str() > "2000-01-01");
    let doc = parse(&v.to_string()).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, &doc, ImportMode::Restore).unwrap();
}

#[test]
fn the_usd_example_plan_does_not_go_into_a_euro_database() {
    let doc = parse(r#"{"format": "jmo", "version": 1, "currency": "EUR"}"#).unwrap();
    let mut store = Store::open_in_memory().unwrap();
    import(
        &mut store,
        &doc,
        ImportMode::Record {
            label: "Import".into(),
        },
    )
    .unwrap();
    let templates = crate::domain::responsibility::Templates::parse(include_str!(
        "../../assets/templates.toml"
    ))
    .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    let err = crate::store::example::load(&mut store, today, &templates, true).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the example plan is in USD and this database counts in EUR: load it into a new database"
    );
    assert!(store.is_empty().unwrap());
}
