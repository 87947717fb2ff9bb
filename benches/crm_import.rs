//! Importing 100,000 Salesforce Campaign rows, preview included (issue 12's
//! quality bar): a generated Data Loader export read through the built-in
//! profile (`jmo::crm::read::read_csv`), planned a record at a time against
//! a program of 1,000 partners and 10,000 campaigns
//! (`jmo::crm::import::Planner`, as `jmo crm import` streams) and every
//! preview line formatted
//! (`jmo::crm::preview::preview_line`). Rows, in turn: an id stored on a
//! campaign (link by crm id), a "Partner: X - Y" name of a campaign (link
//! or update), a new "Partner: X - Y" campaign (create), a bare unknown
//! name (skip).
//!
//! Each iteration is timed on its own; the median and p99 are printed
//! (`crm_import/...: per-iteration median …`). Run: `cargo bench --bench
//! crm_import`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::Read;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use jmo::crm::import::{Counts, Planner};
use jmo::crm::preview::preview_line;
use jmo::crm::profile::Profile;
use jmo::crm::read::read_csv;
use jmo::domain::ids::Stored;
use jmo::domain::*;
use rust_decimal::Decimal;

const ROWS: usize = 100_000;
const PARTNERS: i64 = 1_000;
const PER_PARTNER: i64 = 10;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// 1,000 partners "Partner 0000"…, each with 10 campaigns "Campaign K";
/// every other campaign has a crm id `701B{n:014}`.
fn program() -> Program {
    let mut p = Program::default();
    for i in 0..PARTNERS {
        let pid = PartnerId(i + 1);
        p.partners.upsert(Stored::new(
            pid,
            Partner {
                name: format!("Partner {i:04}"),
                ..Partner::default()
            },
        ));
        for k in 0..PER_PARTNER {
            let n = i * PER_PARTNER + k;
            let c = Campaign {
                partner_id: pid,
                name: format!("Campaign {k}"),
                campaign_type: CampaignType::Webinar,
                playbook: None,
                status: CampaignStatus::Planned,
                audience: String::new(),
                start: day("2027-01-04"),
                launch: day("2027-01-20"),
                end: day("2027-01-31"),
                budget: Decimal::from(8_000),
                internal_cost: Decimal::from(500),
                lead_target: None,
                crm_id: (n % 2 == 0).then(|| format!("701B{n:014}")),
                attribution_agreed: true,
                uses_partner_data: false,
            };
            p.campaigns.upsert(Stored::new(CampaignId(n + 1), c));
        }
    }
    p
}

/// A Data Loader-shaped export, generated a row at a time.
struct Export {
    next: usize,
    pending: Vec<u8>,
    at: usize,
}

impl Export {
    fn new() -> Self {
        let header = "\"ID\",\"NAME\",\"TYPE\",\"STATUS\",\"STARTDATE\",\"ENDDATE\",\"BUDGETEDCOST\",\"DESCRIPTION\"\r\n";
        Export {
            next: 0,
            pending: header.as_bytes().to_vec(),
            at: 0,
        }
    }
}

/// Row `i` (from 1) of the generated export.
fn row(i: usize) -> String {
    let n = (i * 7919) as i64 % (PARTNERS * PER_PARTNER);
    let (p, k) = (n / PER_PARTNER, n % PER_PARTNER);
    let (id, name) = match i % 4 {
        0 => (format!("701B{:014}", n - n % 2), format!("Renamed {i}")),
        1 => (
            String::new(),
            format!("Partner: Partner {p:04} - Campaign {k}"),
        ),
        2 => (
            String::new(),
            format!("Partner: Partner {p:04} - New campaign {i}"),
        ),
        _ => (String::new(), format!("Field day {i}")),
    };
    format!(
        "\"{id}\",\"{name}\",\"Webinar\",\"In Progress\",\"2027-01-04\",\"2027-02-07\",\"9000.00\",\
         \"Line one, with a comma\r\nline two\"\r\n"
    )
}

impl Read for Export {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() {
            if self.next == ROWS {
                return Ok(0);
            }
            self.next += 1;
            self.pending = row(self.next).into_bytes();
            self.at = 0;
        }
        let n = (self.pending.len() - self.at).min(buf.len());
        buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Read, plan and format the preview of the 100,000 rows a record at a
/// time, as `jmo crm import` does; returns the preview's length (so
/// nothing is optimised away).
fn import(profile: &Profile, program: &Program) -> usize {
    let mut planner = Planner::new(program, None);
    let mut n = Counts::default();
    let mut len = 0;
    for record in read_csv(Export::new(), profile).unwrap() {
        let p = planner.plan(&record.unwrap());
        n.add(&p);
        len += preview_line(&p, program).len() + 1;
    }
    assert_eq!(n.link + n.update + n.create + n.skip, ROWS);
    len
}

fn import_100k(c: &mut Criterion) {
    let profile = Profile::salesforce_campaign().unwrap();
    let program = program();
    let mut times: Vec<Duration> = Vec::new();
    let mut group = c.benchmark_group("crm_import");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("csv_100k_campaigns_preview", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let started = Instant::now();
                std::hint::black_box(import(&profile, &program));
                let took = started.elapsed();
                times.push(took);
                total += took;
            }
            total
        });
    });
    group.finish();
    times.sort_unstable();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    eprintln!(
        "crm_import/csv_100k_campaigns_preview: per-iteration median {:.1} ms, p99 {:.1} ms ({} iterations)",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times.len()
    );
}

criterion_group!(benches, import_100k);
criterion_main!(benches);
