//! The reimbursement packet on a small hand-built program whose figures
//! were computed by hand (in the comments).

use super::text::inert;
use super::*;
use crate::domain::campaign::{Campaign, CampaignStatus, CampaignType};
use crate::domain::ids::*;
use crate::domain::mdf::{ActivityType, Claim, ClaimStatus, Fund};
use crate::domain::partner::{Partner, PartnershipType, Tier};
use rust_decimal_macros::dec;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const P: PartnerId = PartnerId(1);
const C: CampaignId = CampaignId(1);
const F: FundId = FundId(1);
const R1: RequestId = RequestId(1);
const R2: RequestId = RequestId(2);
/// Before the claim deadline (2026-04-08 = 2026-03-09 + 30 days).
const TODAY: &str = "2026-03-20";

fn policies() -> BTreeMap<String, Policy> {
    [("default".to_string(), Policy::default())]
        .into_iter()
        .collect()
}

fn expense(
    id: i64,
    on: &str,
    category: &str,
    amount: Decimal,
    invoice: &str,
    proof: &str,
) -> Stored<Expense> {
    Stored::new(
        ExpenseId(id),
        Expense {
            campaign_id: C,
            request_id: Some(R1),
            category: category.into(),
            amount,
            spent_on: d(on),
            vendor: format!("Vendor {id}"),
            invoice_ref: invoice.into(),
            proof: proof.into(),
            withdrawn: None,
        },
    )
}

/// Acme Corp.'s "Q1 Security Webinar" (Feb 2 – Mar 9, 2026) on a $20,000
/// fund (Jan 1 – Jun 30, default policy: 50 % share, 30-day window,
/// webinar proof = attendee lead list + recording URL). R1: $8,000 asked,
/// $6,000 approved. R2: $3,000 submitted, no decision.
///
/// R1's lines (50 % vendor part, per line, half away from zero):
/// - E1 venue      4,000.00 → 2,000.000 → 2,000.00   (lead list)
/// - E2 paid social  100.01 →    50.005 →    50.01
/// - E3 alcohol      300.00 → held: ineligible
/// - E4 design     1,234.57 →   617.285 →   617.29   (recording URL)
/// - E5 catering      50.00, withdrawn (duplicate invoice)
///
/// Claimable = 2,000.00 + 50.01 + 617.29 = 2,667.30 (the unrounded sum
/// 2,667.29 rounds to a cent less: the claim is per line).
/// Spent = 4,000.00 + 100.01 + 300.00 + 1,234.57 = 5,634.58; held 300.00.
fn program() -> Program {
    let mut p = Program::default();
    p.partners.upsert(Stored::new(
        P,
        Partner {
            name: "Acme Corp.".into(),
            partnership_type: PartnershipType::Technology,
            tier: Tier::Gold,
            brand_guidelines_on_file: true,
            data_consent_on: None,
            notes: String::new(),
            agreement_start: None,
            agreement_end: None,
            ..Partner::default()
        },
    ));
    p.campaigns.upsert(Stored::new(
        C,
        Campaign {
            partner_id: P,
            name: "Q1 Security Webinar".into(),
            campaign_type: CampaignType::Webinar,
            playbook: None,
            status: CampaignStatus::Completed,
            audience: String::new(),
            start: d("2026-02-02"),
            launch: d("2026-03-02"),
            end: d("2026-03-09"),
            budget: dec!(10000),
            internal_cost: dec!(0),
            lead_target: None,
            crm_id: Some("701".into()),
            attribution_agreed: true,
            uses_partner_data: false,
        },
    ));
    p.funds.upsert(Stored::new(
        F,
        Fund {
            partner_id: P,
            name: "FY26 H1 co-op".into(),
            period_start: d("2026-01-01"),
            period_end: d("2026-06-30"),
            allocated: dec!(20000),
            policy: "default".into(),
        },
    ));
    let request = |amount, approved, status| MdfRequest {
        campaign_id: C,
        fund_id: Some(F),
        activity: ActivityType::Webinar,
        amount,
        approved_amount: approved,
        status,
        submitted_on: Some(d("2026-01-05")),
        decided_on: None,
        justification: String::new(),
        expected_roi: None,
        proof_required: String::new(),
        reason: None,
    };
    let mut r1 = request(dec!(8000), Some(dec!(6000)), RequestStatus::Approved);
    r1.decided_on = Some(d("2026-01-12"));
    r1.justification = "Joint webinar for | security leads\nwith a live demo".into();
    r1.expected_roi = Some(dec!(5));
    p.requests.upsert(Stored::new(R1, r1));
    p.requests.upsert(Stored::new(
        R2,
        request(dec!(3000), None, RequestStatus::Submitted),
    ));
    let mut e5 = expense(5, "2026-02-21", "catering", dec!(50), "INV-104", "");
    e5.withdrawn = Some("duplicate invoice".into());
    for e in [
        expense(
            1,
            "2026-02-10",
            "venue",
            dec!(4000.00),
            "INV-100",
            "attendee lead list: /share/leads.csv",
        ),
        expense(2, "2026-02-12", "paid social", dec!(100.01), "INV-101", ""),
        expense(3, "2026-02-15", "alcohol", dec!(300.00), "INV-102", ""),
        expense(
            4,
            "2026-02-20",
            "design",
            dec!(1234.57),
            "INV-103",
            "recording URL: https://vimeo.com/1",
        ),
        e5,
    ] {
        p.expenses.upsert(e);
    }
    p
}

/// The program with E3 (alcohol) withdrawn: every line in force is eligible.
fn ready() -> Program {
    let mut p = program();
    let mut e3 = p.expenses.get(ExpenseId(3)).unwrap().clone();
    e3.withdrawn = Some("alcohol is never eligible".into());
    p.expenses.upsert(e3);
    p
}

fn build_on(p: &Program, today: &str, draft: bool) -> Result<Packet, Missing> {
    build(p, R1, &policies(), &MissingFiles::new(), d(today), draft)
}

#[test]
fn a_proof_file_not_on_disk_blocks_a_final_packet() {
    // The caller found E1's lead list missing on disk.
    let missing: MissingFiles = [(ExpenseId(1), vec!["/share/leads.csv".to_string()])].into();
    let Missing(items) = build(&ready(), R1, &policies(), &missing, d(TODAY), false).unwrap_err();
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        items[0].starts_with("E1 (")
            && items[0].ends_with(
                "'s proof is not on disk: /share/leads.csv; fix the path or put the file there"
            ),
        "{items:?}"
    );
    // A draft still builds and lists it; a file missing on another
    // request's line does not matter here.
    let draft = build(&ready(), R1, &policies(), &missing, d(TODAY), true).unwrap();
    assert_eq!(draft.missing, items);
    let elsewhere: MissingFiles = [(ExpenseId(999), vec!["/x".to_string()])].into();
    assert!(build(&ready(), R1, &policies(), &elsewhere, d(TODAY), false).is_ok());
}

/// Every Markdown table: a header, a delimiter row of `---` / `---:`
/// cells, and the same number of cells (unescaped `|`) in every row, with
/// a blank line before and after. Returns how many tables it checked.
fn check_tables(md: &str) -> usize {
    fn cells(row: &str) -> usize {
        let mut n = 0;
        let mut escaped = false;
        for c in row.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '|' if !escaped => n += 1,
                _ => escaped = false,
            }
        }
        n - 1
    }
    let lines: Vec<&str> = md.lines().collect();
    let mut tables = 0;
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].starts_with('|') {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].starts_with('|') {
            i += 1;
        }
        let table = &lines[start..i];
        assert!(table.len() >= 2, "a table without rows: {table:?}");
        assert!(
            start == 0 || lines[start - 1].is_empty(),
            "no blank line before {table:?}"
        );
        assert!(
            i == lines.len() || lines[i].is_empty(),
            "no blank line after {table:?}"
        );
        let n = cells(table[0]);
        assert!(n >= 1);
        for row in table {
            assert!(row.ends_with('|'), "row does not end with |: {row}");
            assert_eq!(cells(row), n, "column count differs in {row}\n{table:#?}");
        }
        for rule in table[1].trim_matches('|').split('|') {
            let r = rule.trim();
            assert!(r == "---" || r == "---:", "bad delimiter cell '{r}'");
        }
        tables += 1;
    }
    tables
}

#[test]
fn the_claim_is_computed_per_line_with_half_cents_rounded_away_from_zero() {
    let packet = build_on(&ready(), TODAY, false).unwrap();
    assert!(!packet.is_draft());
    assert!(
        packet.missing.is_empty() && packet.warnings.is_empty(),
        "{packet:?}"
    );
    let md = &packet.markdown;
    assert!(md.contains("**Claim amount: $2,667.30**"), "{md}");
    // E2: 100.01 × 50 % = 50.005 → 50.01; E4: 617.285 → 617.29.
    assert!(
        md.contains("| E2 | 2026-02-12 | $100.01 | $50.005 | $50.01 | yes | $2,050.01 |"),
        "{md}"
    );
    assert!(
        md.contains("| E4 | 2026-02-20 | $1,234.57 | $617.285 | $617.29 | yes | $2,667.30 |"),
        "{md}"
    );
    assert!(!md.contains(DRAFT_MARK));
    assert_eq!(
        packet.file_stem,
        "mdf-packet-acme-corp-q1-security-webinar-request-1"
    );
    // The withdrawn lines are named, not counted.
    assert!(
        md.contains("- E5 (2026-02-21, catering, $50.00): duplicate invoice"),
        "{md}"
    );
    assert!(!packet.csv.contains("catering"));
}

#[test]
fn a_held_line_blocks_a_final_packet_and_is_listed_with_its_reason() {
    let p = program();
    let Missing(items) = build_on(&p, TODAY, false).unwrap_err();
    assert_eq!(
        items,
        vec![
            "E3 (2026-02-15, alcohol, $300.00) is held: 'alcohol' is not eligible under the fund's policy; withdraw it (with the reason), or correct the category if it was mis-filed"
                .to_string()
        ]
    );
    assert_eq!(blockers(&p, R1, &policies(), &MissingFiles::new()), items);
    let draft = build_on(&p, TODAY, true).unwrap();
    assert_eq!(draft.missing, items);
    let md = &draft.markdown;
    assert!(
        md.contains(&format!("> **{DRAFT_MARK}.** A final packet still needs:")),
        "{md}"
    );
    assert!(
        md.contains("> - E3 (2026-02-15, alcohol, $300.00) is held"),
        "{md}"
    );
    assert!(md.contains(
        "- E3 (2026-02-15, alcohol, $300.00): 'alcohol' is not eligible under the fund's policy. To do: withdraw it"
    ), "{md}");
    assert!(md.contains("| E3 | 2026-02-15 | alcohol | Vendor 3 | INV-102 | $300.00 | $0.00 | held: 'alcohol' is not eligible under the fund's policy | — |"), "{md}");
    // The held line changes nothing in the claim.
    assert!(md.contains("**Claim amount: $2,667.30**"));
}

#[test]
fn missing_proof_blocks_a_final_packet_but_a_draft_builds() {
    let mut p = ready();
    let mut e4 = p.expenses.get(ExpenseId(4)).unwrap().clone();
    e4.proof = String::new();
    p.expenses.upsert(e4);
    let Missing(items) = build_on(&p, TODAY, false).unwrap_err();
    assert_eq!(
        items,
        vec![
            "proof of performance missing: recording URL (attach it to an expense of this request)"
                .to_string()
        ]
    );
    let draft = build_on(&p, TODAY, true).unwrap();
    assert!(draft.is_draft());
    let md = &draft.markdown;
    assert!(
        md.starts_with(
            "# MDF reimbursement packet: Acme Corp. — Q1 Security Webinar — request R1\n\n> **DRAFT"
        ),
        "{md}"
    );
    assert!(
        md.contains("| attendee lead list | on file | E1: /share/leads.csv |"),
        "{md}"
    );
    assert!(md.contains("| recording URL | **missing** | — |"), "{md}");
    assert!(md.contains("**Claim amount: $0.00**"), "{md}");
    check_tables(md);
}

#[test]
fn proof_on_a_held_line_does_not_count_and_says_so() {
    let mut p = ready();
    let mut e4 = p.expenses.get(ExpenseId(4)).unwrap().clone();
    e4.invoice_ref = String::new();
    p.expenses.upsert(e4);
    let Missing(items) = build_on(&p, TODAY, false).unwrap_err();
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].starts_with("proof of performance missing: recording URL"));
    assert!(
        items[1].starts_with("E4 (2026-02-20, design, $1,234.57) is held: no invoice reference")
    );
    let md = build_on(&p, TODAY, true).unwrap().markdown;
    assert!(
        md.contains(
            "| recording URL | **missing** | only on held lines: E4: https://vimeo.com/1 |"
        ),
        "{md}"
    );
}

#[test]
fn an_unapproved_or_unknown_request_is_refused() {
    let p = program();
    let Missing(items) =
        build(&p, R2, &policies(), &MissingFiles::new(), d(TODAY), false).unwrap_err();
    assert_eq!(
        items[0],
        "the request is submitted, not approved: a claim needs an approved request"
    );
    assert!(
        items
            .iter()
            .any(|i| i.starts_with("no expenses are recorded")),
        "{items:?}"
    );
    assert!(
        build(&p, R2, &policies(), &MissingFiles::new(), d(TODAY), true)
            .unwrap()
            .is_draft()
    );
    let Missing(items) = build(
        &p,
        RequestId(99),
        &policies(),
        &MissingFiles::new(),
        d(TODAY),
        true,
    )
    .unwrap_err();
    assert_eq!(items, vec!["there is no MDF request R99".to_string()]);
}

#[test]
fn an_unapproved_request_with_its_proof_on_file_lacks_only_the_approval() {
    // The ledger holds every line of an unapproved request, so its
    // missing_proof names every kind; the packet counts the lines' proof.
    let mut p = program();
    let mut e = expense(
        6,
        "2026-02-25",
        "venue",
        dec!(900),
        "INV-200",
        "attendee lead list: /share/r2.csv\nrecording URL: https://vimeo.com/2",
    );
    e.request_id = Some(R2);
    p.expenses.upsert(e);
    let Missing(items) =
        build(&p, R2, &policies(), &MissingFiles::new(), d(TODAY), false).unwrap_err();
    assert_eq!(
        items,
        vec![
            "the request is submitted, not approved: a claim needs an approved request".to_string()
        ]
    );
    let md = build(&p, R2, &policies(), &MissingFiles::new(), d(TODAY), true)
        .unwrap()
        .markdown;
    assert!(
        md.contains("| recording URL | on file | E6: https://vimeo.com/2 |"),
        "{md}"
    );
    assert!(
        md.contains("held: not under an approved MDF request"),
        "{md}"
    );
}

#[test]
fn a_packet_after_the_window_is_built_with_a_warning() {
    // Deadline 2026-04-08; 2026-04-18 is 10 days late.
    let packet = build_on(&ready(), "2026-04-18", false).unwrap();
    assert_eq!(
        packet.warnings,
        vec!["the claim window closed on 2026-04-08 (10 days ago): the vendor may refuse a late claim; send this packet with an exception request".to_string()]
    );
    let md = &packet.markdown;
    assert!(
        md.contains("> **Warning:** the claim window closed on 2026-04-08"),
        "{md}"
    );
    assert!(
        md.contains("= **2026-04-08**: passed 10 days ago as of 2026-04-18."),
        "{md}"
    );
    let last_day = build_on(&ready(), "2026-04-08", false).unwrap();
    assert!(last_day.warnings.is_empty());
    assert!(last_day.markdown.contains("today is the last day"));
}

#[test]
fn a_line_over_the_approved_amount_is_capped_and_does_not_block() {
    // Approved 2,100.00: E1 2,000.00 + E2 50.01 = 2,050.01; E4's 617.29
    // would take it to 2,667.30 > 2,100.00, so E4 counts the 49.99 left.
    let mut p = ready();
    let mut r1 = p.requests.get(R1).unwrap().clone();
    r1.approved_amount = Some(dec!(2100));
    p.requests.upsert(r1);
    let packet = build_on(&p, TODAY, false).unwrap();
    let md = &packet.markdown;
    assert!(md.contains("**Claim amount: $2,100.00**"), "{md}");
    assert!(md.contains("Capped: E4 counts $49.99 of its vendor part of $617.29, what was left of the approved $2,100.00."), "{md}");
    assert!(
        md.contains("| $49.99 only: capped at the approved amount | $2,100.00 |"),
        "{md}"
    );
    assert!(
        packet
            .csv
            .contains(",49.99,eligible,capped at the approved amount,"),
        "{}",
        packet.csv
    );
    // E4's recording URL still counts as proof.
    assert!(
        md.contains("| recording URL | on file | E4: https://vimeo.com/1 |"),
        "{md}"
    );
}

#[test]
fn the_csv_parses_back_and_its_sums_are_the_totals() {
    for p in [program(), ready()] {
        let packet = build_on(&p, TODAY, true).unwrap();
        let balance = ledger::request_balance(&p, R1, &policies()).unwrap();
        let mut reader = csv::Reader::from_reader(packet.csv.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header, CSV_HEADER);
        let (mut amount, mut claimable, mut held, mut rows) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, 0);
        for record in reader.records() {
            let r = record.unwrap();
            assert_eq!(r.len(), CSV_HEADER.len());
            let a: Decimal = r[5].parse().unwrap();
            let c: Decimal = r[7].parse().unwrap();
            // Plain decimals with two places.
            assert_eq!(r[5].split('.').nth(1).map(str::len), Some(2), "{:?}", &r[5]);
            assert_eq!(r[7].split('.').nth(1).map(str::len), Some(2), "{:?}", &r[7]);
            assert_eq!(&r[6], "50");
            match &r[8] {
                "held" => {
                    held += a;
                    assert!(!r[9].is_empty());
                }
                "eligible" => assert!(r[9].is_empty() || r[9].starts_with("capped at")),
                other => panic!("status {other}"),
            }
            amount += a;
            claimable += c;
            rows += 1;
        }
        assert_eq!(rows, balance.lines.len());
        assert_eq!(amount, balance.spent);
        assert_eq!(claimable, balance.claimable);
        assert_eq!(held, balance.held);
        assert_eq!(amount - held, balance.eligible);
    }
    let packet = build_on(&ready(), TODAY, false).unwrap();
    let mut reader = csv::Reader::from_reader(packet.csv.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(
        first.iter().collect::<Vec<_>>(),
        vec![
            "1",
            "2026-02-10",
            "venue",
            "Vendor 1",
            "INV-100",
            "4000.00",
            "50",
            "2000.00",
            "eligible",
            "",
            "attendee lead list: /share/leads.csv",
            "USD"
        ]
    );
}

#[test]
fn proof_references_join_with_a_pipe_in_the_csv_and_survive_quoting() {
    let mut p = ready();
    let mut e1 = p.expenses.get(ExpenseId(1)).unwrap().clone();
    e1.proof = "attendee lead list: /share/leads, final.csv\nphoto: https://x.io/\"a\"".into();
    e1.vendor = "Hall, \"Main\"".into();
    p.expenses.upsert(e1);
    let packet = build_on(&p, TODAY, false).unwrap();
    let mut reader = csv::Reader::from_reader(packet.csv.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[3], "Hall, \"Main\"");
    assert_eq!(
        &first[10],
        "attendee lead list: /share/leads, final.csv | photo: https://x.io/\"a\""
    );
}

#[test]
fn typed_texts_that_a_spreadsheet_would_run_are_made_inert() {
    let mut p = ready();
    let mut e1 = p.expenses.get(ExpenseId(1)).unwrap().clone();
    e1.vendor = "=HYPERLINK(\"http://x.io\",\"x\")".into();
    e1.invoice_ref = "@SUM(A1)".into();
    e1.category = "-venue".into();
    p.expenses.upsert(e1);
    let packet = build_on(&p, TODAY, true).unwrap();
    let mut reader = csv::Reader::from_reader(packet.csv.as_bytes());
    let first = reader.records().next().unwrap().unwrap();
    assert_eq!(&first[2], "'-venue");
    assert_eq!(&first[3], "'=HYPERLINK(\"http://x.io\",\"x\")");
    assert_eq!(&first[4], "'@SUM(A1)");
    // An ordinary text is left alone.
    assert_eq!(inert("Hall A"), "Hall A");
}

#[test]
fn every_markdown_table_has_one_column_count() {
    let mut with_claims = ready();
    with_claims.claims.upsert(Stored::new(
        ClaimId(1),
        Claim {
            request_id: R1,
            amount: dec!(2000),
            status: ClaimStatus::Paid,
            submitted_on: Some(d("2026-03-15")),
            paid_on: Some(d("2026-04-01")),
            paid_amount: Some(dec!(2000)),
            note: "first | part".into(),
        },
    ));
    let cases = [
        build_on(&program(), TODAY, true).unwrap(),
        build_on(&ready(), TODAY, false).unwrap(),
        build_on(&with_claims, "2026-05-01", false).unwrap(),
        build(
            &program(),
            R2,
            &policies(),
            &MissingFiles::new(),
            d(TODAY),
            true,
        )
        .unwrap(),
    ];
    // Request, computation, proof, lines, totals (+ claims); R2 has no
    // lines, so no computation or lines table.
    let tables: Vec<usize> = cases.iter().map(|p| check_tables(&p.markdown)).collect();
    assert_eq!(tables, vec![5, 5, 6, 3]);
    // A pipe in user text is escaped, a new line is a <br>.
    assert!(
        cases[1].markdown.contains(
            "| Justification | Joint webinar for \\| security leads<br>with a live demo |"
        )
    );
    assert!(cases[2].markdown.contains(
        "| 1 | paid | $2,000.00 | 2026-03-15 | 2026-04-01 | $2,000.00 | first \\| part |"
    ));
    // Submitted in time: no window warning even after the deadline.
    assert!(cases[2].warnings.is_empty(), "{:?}", cases[2].warnings);
    assert!(
        cases[2]
            .markdown
            .contains("First claim submitted on 2026-03-15: in time.")
    );
}

#[test]
fn the_table_checker_catches_a_ragged_table() {
    let ok = "| a | b |\n| --- | ---: |\n| 1 \\| 2 | 3 |\n";
    assert_eq!(check_tables(ok), 1);
    let ragged = std::panic::catch_unwind(|| check_tables("| a | b |\n| --- | --- |\n| 1 |\n"));
    assert!(ragged.is_err());
}

#[test]
fn slugs_and_stems_are_safe_file_names() {
    assert_eq!(slug("Acme Corp. / EMEA"), "acme-corp-emea");
    assert_eq!(slug("  ../../etc "), "etc");
    assert_eq!(slug("Ünïcödé"), "n-c-d");
    assert_eq!(slug("日本"), "");
    assert_eq!(slug(&"x".repeat(100)).len(), SLUG_MAX);
    assert!(!slug(&format!("{}-y", "x".repeat(SLUG_MAX))).ends_with('-'));
    let mut p = program();
    let mut c = p.campaigns.get(C).unwrap().clone();
    c.name = "日本".into();
    p.campaigns.upsert(c);
    assert_eq!(
        file_stem(&p, R2).as_deref(),
        Some("mdf-packet-acme-corp-campaign-request-2")
    );
    assert_eq!(file_stem(&p, RequestId(9)), None);
}

#[test]
fn targets_resolve_to_requests_or_campaigns() {
    let mut p = program();
    for (text, want) in [
        ("R1", Target::Request(R1)),
        ("r2", Target::Request(R2)),
        ("request:2", Target::Request(R2)),
        (" 1 ", Target::Request(R1)),
        ("q1 security WEBINAR", Target::Campaign(C)),
        ("campaign:1", Target::Campaign(C)),
    ] {
        assert_eq!(resolve_target(&p, text), Ok(want), "{text}");
    }
    let Err(TargetError::Unknown { candidates, .. }) = resolve_target(&p, "R7") else {
        panic!("R7 is unknown");
    };
    assert_eq!(
        candidates,
        vec![
            "R1  Acme Corp. / Q1 Security Webinar (approved, $8,000.00)".to_string(),
            "R2  Acme Corp. / Q1 Security Webinar (submitted, $3,000.00)".to_string(),
        ]
    );
    let Err(TargetError::Unknown { candidates, .. }) = resolve_target(&p, "security") else {
        panic!("a part of a name is not a match");
    };
    assert_eq!(
        candidates,
        vec!["campaign:1  Q1 Security Webinar (Acme Corp.)".to_string()]
    );
    assert!(matches!(
        resolve_target(&p, "campaign:x"),
        Err(TargetError::Unknown { .. })
    ));
    assert!(matches!(
        resolve_target(&p, "request:"),
        Err(TargetError::Unknown { .. })
    ));
    assert!(matches!(
        resolve_target(&p, "R99999999999999999999999"),
        Err(TargetError::Unknown { .. })
    ));
    let mut twin = p.campaigns.get(C).unwrap().clone();
    twin.name = "Q1 security webinar ".into();
    p.campaigns.upsert(Stored::new(CampaignId(2), twin.value));
    let err = resolve_target(&p, "Q1 Security Webinar").unwrap_err();
    assert!(matches!(err, TargetError::Ambiguous { ref candidates, .. } if candidates.len() == 2));
    assert!(
        err.to_string()
            .contains("campaign:2  Q1 security webinar (Acme Corp.)"),
        "{err}"
    );
    assert_eq!(packet_requests(&p, C, false), vec![R1]);
    assert_eq!(packet_requests(&p, C, true), vec![R1, R2]);
}

#[test]
fn packet_markdown_snapshot() {
    let mut p = ready();
    p.claims.upsert(Stored::new(
        ClaimId(1),
        Claim {
            request_id: R1,
            amount: dec!(2000),
            status: ClaimStatus::Submitted,
            submitted_on: Some(d("2026-03-15")),
            paid_on: None,
            paid_amount: None,
            note: String::new(),
        },
    ));
    // Put E3 back in force so the held section has a line.
    let mut e3 = p.expenses.get(ExpenseId(3)).unwrap().clone();
    e3.withdrawn = None;
    p.expenses.upsert(e3);
    let packet = build_on(&p, TODAY, true).unwrap();
    insta::assert_snapshot!(packet.markdown);
}

/// The packet judges the claim window by G4's rule: a rejected claim
/// leaves it open, so after the deadline the packet warns.
#[test]
fn a_rejected_claim_does_not_meet_the_window_in_the_packet_either() {
    let mut p = ready();
    p.claims.upsert(Stored::new(
        ClaimId(1),
        Claim {
            request_id: R1,
            amount: dec!(500),
            status: ClaimStatus::Rejected,
            submitted_on: Some(d("2026-03-20")),
            paid_on: None,
            paid_amount: None,
            note: "wrong form".into(),
        },
    ));
    // Deadline 2026-04-08.
    let packet = build_on(&p, "2026-04-18", false).unwrap();
    assert_eq!(packet.warnings.len(), 1, "{:?}", packet.warnings);
    assert!(packet.warnings[0].starts_with("the claim window closed on 2026-04-08"));
    assert!(
        !packet.markdown.contains("First claim submitted"),
        "{}",
        packet.markdown
    );
    // Resubmitted in time: met.
    let mut again = p.claims.get(ClaimId(1)).unwrap().clone();
    again.status = ClaimStatus::Submitted;
    p.claims.upsert(again);
    let packet = build_on(&p, "2026-04-18", false).unwrap();
    assert!(packet.warnings.is_empty(), "{:?}", packet.warnings);
    assert!(
        packet
            .markdown
            .contains("First claim submitted on 2026-03-20: in time.")
    );
}
