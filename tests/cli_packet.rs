//! `jmo mdf packet` as scripts use it (issue 3, item 7): the real binary on
//! a database built through the library.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use jmo::domain::campaign::{Campaign, CampaignStatus, CampaignType};
use jmo::domain::mdf::{ActivityType, Fund, MdfRequest, RequestStatus};
use jmo::domain::partner::{Partner, PartnershipType, Tier};
use jmo::domain::{CampaignId, Expense, ExpenseId, RequestId};
use jmo::store::Store;
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const JMO: &str = env!("CARGO_BIN_EXE_jmo");
const AS_OF: &str = "2026-03-20";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// One test's folder, with the database, an empty config and `HOME` /
/// `XDG_*` inside it.
struct World {
    dir: tempfile::TempDir,
    db: PathBuf,
    /// R1: approved webinar request with a complete packet.
    ready: RequestId,
    /// R2: approved, but its only line has no invoice and no proof.
    blocked: RequestId,
    /// The no-invoice expense of R2.
    no_invoice: ExpenseId,
}

impl World {
    fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("jmo.db");
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        std::fs::write(dir.path().join("leads.csv"), "email\nana@example.com\n").unwrap();
        let mut store = Store::open(&db).unwrap();
        let (ready, blocked, no_invoice) = store
            .edit("test plan", |tx| {
                let partner = tx.insert(&Partner {
                    name: "Acme Corp".into(),
                    partnership_type: PartnershipType::Technology,
                    tier: Tier::Gold,
                    brand_guidelines_on_file: true,
                    data_consent_on: None,
                    notes: String::new(),
                    agreement_start: None,
                    agreement_end: None,
                    ..Partner::default()
                })?;
                let campaign = |name: &str| Campaign {
                    partner_id: partner,
                    name: name.into(),
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
                };
                let webinar = tx.insert(&campaign("Security Webinar"))?;
                let other = tx.insert(&campaign("Data Webinar"))?;
                tx.insert(&campaign("Twin"))?;
                tx.insert(&campaign("twin"))?;
                let fund = tx.insert(&Fund {
                    partner_id: partner,
                    name: "FY26".into(),
                    period_start: d("2026-01-01"),
                    period_end: d("2026-06-30"),
                    allocated: dec!(20000),
                    policy: "default".into(),
                })?;
                let request = |campaign_id: CampaignId| MdfRequest {
                    campaign_id,
                    fund_id: Some(fund),
                    activity: ActivityType::Webinar,
                    amount: dec!(5000),
                    approved_amount: Some(dec!(4000)),
                    status: RequestStatus::Approved,
                    submitted_on: Some(d("2026-01-05")),
                    decided_on: Some(d("2026-01-12")),
                    justification: "Joint webinar".into(),
                    expected_roi: Some(dec!(5)),
                    proof_required: String::new(),
                    reason: None,
                };
                let ready = tx.insert(&request(webinar))?;
                let blocked = tx.insert(&request(other))?;
                let expense =
                    |campaign_id, request_id, amount, invoice: &str, proof: &str| Expense {
                        campaign_id,
                        request_id: Some(request_id),
                        category: "venue".into(),
                        amount,
                        spent_on: d("2026-02-10"),
                        vendor: "Hall".into(),
                        invoice_ref: invoice.into(),
                        proof: proof.into(),
                        withdrawn: None,
                    };
                tx.insert(&expense(
                    webinar,
                    ready,
                    dec!(3000),
                    "INV-7001",
                    // `~` is HOME, the test's folder (World::run).
                    "attendee lead list: ~/leads.csv\nrecording URL: https://vimeo.com/1",
                ))?;
                tx.insert(&expense(webinar, ready, dec!(100.01), "INV-7002", ""))?;
                let no_invoice = tx.insert(&expense(other, blocked, dec!(800), "", ""))?;
                Ok((ready, blocked, no_invoice))
            })
            .unwrap()
            .value;
        drop(store);
        World {
            dir,
            db,
            ready,
            blocked,
            no_invoice,
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs `jmo ARGS --db DB --config CONFIG --as-of AS_OF` in `cwd`.
    fn run(&self, cwd: &Path, args: &[&str]) -> Output {
        Command::new(JMO)
            .args(args)
            .args(["--db", self.db.to_str().unwrap()])
            .args([
                "--config",
                self.path().join("config.toml").to_str().unwrap(),
            ])
            .args(["--as-of", AS_OF])
            .current_dir(cwd)
            .env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path())
            .env("XDG_DATA_HOME", self.path())
            .output()
            .unwrap()
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn a_claimable_request_writes_both_files_and_prints_their_paths() {
    let w = World::new();
    let out = w.path().join("packets");
    let o = w.run(
        w.path(),
        &[
            "mdf",
            "packet",
            &format!("R{}", w.ready),
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let stem = format!("mdf-packet-acme-corp-security-webinar-request-{}", w.ready);
    let md = out.join(format!("{stem}.md"));
    let csv = out.join(format!("{stem}.csv"));
    assert_eq!(
        text(&o.stdout),
        format!("{}\n{}\n", md.display(), csv.display())
    );
    let md = std::fs::read_to_string(md).unwrap();
    let csv = std::fs::read_to_string(csv).unwrap();
    assert!(md.contains("INV-7001") && md.contains("INV-7002"), "{md}");
    // 3,000.00 × 50 % = 1,500.00; 100.01 × 50 % = 50.005 → 50.01.
    assert!(md.contains("**Claim amount: $1,550.01**"), "{md}");
    assert!(!md.contains("DRAFT"));
    assert!(csv.starts_with("expense_id,date,category,vendor,invoice,amount,vendor_share_percent,claimable,status,hold_reason,proof,currency\n"));
    assert!(
        csv.contains(",INV-7001,3000.00,50,1500.00,eligible,,"),
        "{csv}"
    );
    assert!(
        csv.contains(",INV-7002,100.01,50,50.01,eligible,,"),
        "{csv}"
    );
    assert!(
        !csv.contains("800.00"),
        "another request's line leaked in: {csv}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join(format!("{stem}.csv")))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn without_out_the_files_go_to_the_current_folder_and_a_campaign_name_works() {
    let w = World::new();
    let cwd = w.path().join("cwd");
    std::fs::create_dir(&cwd).unwrap();
    for target in ["security webinar", "campaign:1", "request:1", "1"] {
        let o = w.run(&cwd, &["mdf", "packet", target]);
        assert_eq!(o.status.code(), Some(0), "{target}: {}", text(&o.stderr));
        let stem = format!("mdf-packet-acme-corp-security-webinar-request-{}", w.ready);
        assert_eq!(
            text(&o.stdout),
            format!("{stem}.md\n{stem}.csv\n"),
            "{target}"
        );
        assert!(cwd.join(format!("{stem}.md")).exists());
        assert!(cwd.join(format!("{stem}.csv")).exists());
    }
}

#[test]
fn a_request_not_claimable_is_refused_with_what_is_missing_unless_draft() {
    let w = World::new();
    let target = format!("R{}", w.blocked);
    let o = w.run(w.path(), &["mdf", "packet", &target]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!(
            "request R{} is not claimable yet; missing:",
            w.blocked
        )),
        "{err}"
    );
    assert!(
        err.contains("  - proof of performance missing: attendee lead list, recording URL"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "  - E{} (2026-02-10, venue, $800.00) is held: no invoice reference",
            w.no_invoice
        )),
        "{err}"
    );
    assert!(err.contains("add --draft"), "{err}");
    assert!(o.stdout.is_empty());
    let written: Vec<_> = std::fs::read_dir(w.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("mdf-packet"))
        .collect();
    assert!(written.is_empty(), "a refused packet wrote files");

    let o = w.run(
        w.path(),
        &["mdf", "packet", &target, "--draft", "--out", "."],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("DRAFT, not claimable yet (2 missing items"));
    let stem = format!("mdf-packet-acme-corp-data-webinar-request-{}", w.blocked);
    let md = std::fs::read_to_string(w.path().join(format!("{stem}.md"))).unwrap();
    assert!(md.contains("> **DRAFT — not claimable yet.**"), "{md}");
    assert!(md.contains("proof of performance missing"), "{md}");
    assert!(w.path().join(format!("{stem}.csv")).exists());
}

#[test]
fn an_unknown_or_ambiguous_target_exits_2_with_candidates() {
    let w = World::new();
    let o = w.run(w.path(), &["mdf", "packet", "R99"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("no MDF request or campaign matches 'R99'"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "R{}  Acme Corp / Security Webinar (approved, $5,000.00)",
            w.ready
        )),
        "{err}"
    );

    let o = w.run(w.path(), &["mdf", "packet", "Nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("campaign:1  Security Webinar (Acme Corp)"));

    let o = w.run(w.path(), &["mdf", "packet", "TWIN"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("'TWIN' names several campaigns; use campaign:ID"),
        "{err}"
    );
    assert!(
        err.contains("campaign:3  Twin (Acme Corp)")
            && err.contains("campaign:4  twin (Acme Corp)"),
        "{err}"
    );

    // A campaign without requests: nothing to pack (exit 1).
    let o = w.run(w.path(), &["mdf", "packet", "campaign:3"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("campaign 'Twin' has no MDF request"));

    // No database: exit 2, and none is created.
    let missing = w.path().join("none.db");
    let o = Command::new(JMO)
        .args(["mdf", "packet", "R1", "--db", missing.to_str().unwrap()])
        .env("HOME", w.path())
        .env("XDG_CONFIG_HOME", w.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(!missing.exists());
}

/// docs/domain.md §11: jmo checks that a proof path exists. A file gone from disk
/// blocks the final packet and is an M8 warning in `jmo check`.
#[test]
fn a_proof_file_gone_from_disk_blocks_the_packet_and_is_a_finding() {
    let w = World::new();
    let check = w.run(w.path(), &["check"]);
    assert!(
        !text(&check.stdout).contains("M8"),
        "{}",
        text(&check.stdout)
    );
    std::fs::remove_file(w.path().join("leads.csv")).unwrap();
    let out = w.path().join("packets");
    let target = format!("R{}", w.ready);
    let o = w.run(
        w.path(),
        &["mdf", "packet", &target, "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr)
            .contains("'s proof is not on disk: ~/leads.csv; fix the path or put the file there"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists(), "nothing is written");
    let check = w.run(w.path(), &["check"]);
    let said = text(&check.stdout);
    assert!(
        said.contains("M8") && said.contains("proof not found on disk: ~/leads.csv"),
        "{said}"
    );
}

/// A packet is written whole or not at all (review 2 of issue 10, N10):
/// with its `.csv` name in the folder a link to a device, the `.md` is not
/// written either, and the message says so. `--out` at a regular file
/// says it is a file, not a folder (N11).
#[test]
fn a_packet_is_written_whole_or_not_at_all() {
    let w = World::new();
    let out = w.path().join("packets");
    std::fs::create_dir(&out).unwrap();
    let stem = format!("mdf-packet-acme-corp-security-webinar-request-{}", w.ready);
    std::os::unix::fs::symlink("/dev/null", out.join(format!("{stem}.csv"))).unwrap();
    let target = format!("R{}", w.ready);
    let o = w.run(w.path(), &["mdf", "packet", &target, "--out", "packets"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stderr).trim_end(),
        format!(
            "jmo: cannot write packets/{stem}.csv: it is a device (in /dev), not a regular file; nothing of packet R{} was written",
            w.ready
        )
    );
    assert!(o.stdout.is_empty(), "{}", text(&o.stdout));
    assert!(!out.join(format!("{stem}.md")).exists(), "half a packet");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);

    std::fs::write(w.path().join("afile"), "mine").unwrap();
    let o = w.run(w.path(), &["mdf", "packet", &target, "--out", "afile"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stderr).trim_end(),
        "jmo: cannot write the packet into afile: it is a file, not a folder; --out names the folder for the packet's two files"
    );
    assert_eq!(
        std::fs::read_to_string(w.path().join("afile")).unwrap(),
        "mine"
    );
}
