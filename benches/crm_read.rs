//! Reading 100,000 Salesforce Campaign rows (a generated Data Loader export:
//! all-capitals headers, CRLF, every cell quoted, each date shape) through the
//! built-in profile with `jmo::crm::read::read_csv`: the reader's share of
//! issue 12's "import of 100,000 Campaign rows" figure. The rows are produced
//! while being read (never one buffer), as from a file.
//!
//! Run: `cargo bench --bench crm_read`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::Read;

use criterion::{Criterion, criterion_group, criterion_main};
use jmo::crm::profile::Profile;
use jmo::crm::read::read_csv;

const ROWS: usize = 100_000;

/// A Data Loader-shaped export, generated a row at a time.
struct Export {
    next: usize,
    pending: Vec<u8>,
    at: usize,
}

impl Export {
    fn new() -> Self {
        let header = "\"ID\",\"NAME\",\"TYPE\",\"STATUS\",\"STARTDATE\",\"ENDDATE\",\"BUDGETEDCOST\",\
            \"ACTUALCOST\",\"EXPECTEDREVENUE\",\"EXPECTEDRESPONSE\",\"ISACTIVE\",\"DESCRIPTION\",\"JMO_ID__C\"\r\n";
        Export {
            next: 0,
            pending: header.as_bytes().to_vec(),
            at: 0,
        }
    }
}

impl Read for Export {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.pending.len() {
            if self.next == ROWS {
                return Ok(0);
            }
            self.next += 1;
            let i = self.next;
            let start = ["2026-01-13", "2026-01-13T00:00:00.000Z", "1/13/2026"][i % 3];
            self.pending = format!(
                "\"701D{i:014}\",\"Partner: P{p} - Campaign {i}\",\"Webinar\",\"In Progress\",\"{start}\",\
                 \"2026-03-31\",\"25000.00\",\"1250.5\",\"3.5E5\",\"12.5\",\"true\",\
                 \"Line one, with a comma\r\nline two\",\"c-{i}\"\r\n",
                p = i % 1000
            )
            .into_bytes();
            self.at = 0;
        }
        let n = (self.pending.len() - self.at).min(buf.len());
        buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn read_100k(c: &mut Criterion) {
    let profile = Profile::salesforce_campaign().unwrap();
    let mut group = c.benchmark_group("crm_read");
    group.sample_size(10);
    group.bench_function("csv_100k_campaigns", |b| {
        b.iter(|| {
            let records = read_csv(Export::new(), &profile).unwrap();
            let ok = records.filter(Result::is_ok).count();
            assert_eq!(ok, ROWS);
        });
    });
    group.finish();
}

criterion_group!(benches, read_100k);
criterion_main!(benches);
