//! The generated program of the benchmark and of `jmo demo --campaigns N`
//! (issue 13, item 6): a partner program of any size with the shape of a
//! real one, to try jmo at 10,000 or 100,000 campaigns.
//!
//! Shape: one partner per 10 campaigns (the last partner takes the
//! remainder; at least one partner), 1–2 MDF funds a partner, and per
//! campaign its standard milestones (docs/domain.md §4), its checklist from
//! the templates (docs/domain.md §5), 0–3 assets, on every third campaign
//! an MDF request with three expenses (a claim on half of the completed
//! ones, docs/domain.md §7), and results on the completed ones (docs/domain.md
//! §8). Campaigns spread over ±8 months around `today`; progress (done
//! milestones and items, approvals, claims) follows the dates; a few break
//! guardrails on purpose (over-budget campaigns, a missing proof file).
//! At 10,000 campaigns: 1,000 partners, 70,000 milestones, ~92,000
//! checklist items, ~3,200 MDF requests and ~9,600 expenses, 202,000
//! records in all (an 82 MB file, ~7 s to write); at 100,000, ten times
//! that (2.0 million records, 830 MB, ~70 s).
//!
//! Deterministic: the same `campaigns`, `today` and templates give the same
//! records with the same ids (a fixed integer mix, no random source), the
//! records the benchmark measured before this module existed
//! (`benches/tick.rs` held it until issue 13).
//!
//! Written through [`Store::edit`] like any edit (each record in the change
//! history), in batches of [`PARTNERS_PER_EDIT`] partners, one transaction
//! each, so memory stays bounded and a progress report follows each batch.

use super::generate_evidence::EvidenceGenerated;
use super::{Store, StoreError, Tx};
use crate::domain::milestone::standard_milestones;
use crate::domain::responsibility::{Owners, Templates};
use crate::domain::*;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

/// Campaigns per partner (the last partner takes the remainder).
pub const CAMPAIGNS_PER_PARTNER: usize = 10;

/// Partners written per transaction (so about 1,000 campaigns and 30,000
/// records with their history rows).
pub const PARTNERS_PER_EDIT: usize = 100;

/// The most campaigns [`generate`] makes: one million (about 20 million
/// records, ~8 GB and ~12 minutes of writing).
pub const MAX_CAMPAIGNS: usize = 1_000_000;

/// What was written: record counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Generated {
    /// Partners written.
    pub partners: usize,
    /// Campaigns written (the `campaigns` asked for).
    pub campaigns: usize,
    /// Every record written (partners, funds, campaigns, milestones,
    /// checklist items, assets, requests, expenses, claims, results).
    pub records: usize,
    /// Transactions (change sets) it took: one per [`PARTNERS_PER_EDIT`]
    /// partners.
    pub edits: usize,
}

/// The number of partners for `campaigns` campaigns: one per
/// [`CAMPAIGNS_PER_PARTNER`], at least one.
pub fn partners_for(campaigns: usize) -> usize {
    (campaigns / CAMPAIGNS_PER_PARTNER).max(1)
}

/// How many campaigns partner `p` (0-based) of `partners` gets out of
/// `campaigns`: [`CAMPAIGNS_PER_PARTNER`], the last one the remainder.
fn campaigns_of(p: usize, partners: usize, campaigns: usize) -> usize {
    if p + 1 == partners {
        campaigns - CAMPAIGNS_PER_PARTNER * (partners - 1)
    } else {
        CAMPAIGNS_PER_PARTNER
    }
}

/// Writes a generated program of `campaigns` campaigns (see the module
/// docs) dated around `today`, checklists from `templates`, into `store`,
/// whatever it already holds (the caller refuses a non-empty database).
/// `progress(done)` is called after each transaction with the campaigns
/// written so far.
///
/// Errors: [`StoreError::Refused`] for 0 campaigns or more than
/// [`MAX_CAMPAIGNS`]; SQLite errors (the batches written before the error
/// stay).
pub fn generate(
    store: &mut Store,
    campaigns: usize,
    today: NaiveDate,
    templates: &Templates,
    mut progress: impl FnMut(usize),
) -> Result<Generated, StoreError> {
    if campaigns == 0 || campaigns > MAX_CAMPAIGNS {
        return Err(StoreError::Refused(format!(
            "a generated program has 1 to {MAX_CAMPAIGNS} campaigns, not {campaigns}"
        )));
    }
    let partners = partners_for(campaigns);
    let mut out = Generated::default();
    let mut first = 0;
    while first < partners {
        let last = (first + PARTNERS_PER_EDIT).min(partners);
        let label = format!(
            "Generate a program of {campaigns} campaigns (partners {}–{last} of {partners})",
            first + 1
        );
        let edited = store.edit(&label, |tx| {
            let mut records = 0;
            let mut written = 0;
            for p in first..last {
                let count = campaigns_of(p, partners, campaigns);
                records += partner(tx, p, count, today, templates)?;
                written += count;
            }
            Ok((records, written))
        })?;
        let (records, written) = edited.value;
        out.partners += last - first;
        out.campaigns += written;
        out.records += records;
        out.edits += 1;
        progress(out.campaigns);
        first = last;
    }
    Ok(out)
}

/// Writes a generated program as [`generate`] does and then, when
/// `evidence`, its pipeline evidence ([`super::generate_evidence`], issue
/// 14's shape: per 10,000 campaigns 100,000 accounts, 300,000 leads,
/// 100,000 opportunities, touches and overlap snapshots) in one more edit.
/// `progress(done)` counts campaigns twice with evidence: the program's,
/// then those whose evidence is written (so a bar of `2 × campaigns`).
///
/// Errors: those of [`generate`] and of the evidence's edit.
pub fn generate_with_evidence(
    store: &mut Store,
    campaigns: usize,
    today: NaiveDate,
    templates: &Templates,
    evidence: bool,
    mut progress: impl FnMut(usize),
) -> Result<(Generated, EvidenceGenerated), StoreError> {
    let after: i64 =
        store
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM partners", [], |r| {
                r.get(0)
            })?;
    let made = generate(store, campaigns, today, templates, &mut progress)?;
    if !evidence {
        return Ok((made, EvidenceGenerated::default()));
    }
    let ev = super::generate_evidence::generate(store, PartnerId(after), today, |done| {
        progress(campaigns + done)
    })?;
    Ok((made, ev))
}

const FIRST: &[&str] = &[
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adatum",
    "Proseware",
    "Woodgrove",
    "Lucerne",
    "Wingtip",
    "Coho",
    "Alpine",
];
const SECOND: &[&str] = &[
    "Systems",
    "Labs",
    "Cloud",
    "Data",
    "Networks",
    "Analytics",
    "Security",
    "Software",
    "Partners",
];

/// A deterministic pseudo-random number (no RNG crate needed): a 64-bit
/// mix of the inputs.
pub(super) fn mix(a: usize, b: usize) -> usize {
    let mut x = (a as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .wrapping_add((b as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
    x ^= x >> 31;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 29;
    x as usize
}

fn days(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}

/// Writes partner `p` with its funds and its `count` campaigns; returns
/// the number of records written.
fn partner(
    tx: &mut Tx<'_>,
    p: usize,
    count: usize,
    today: NaiveDate,
    templates: &Templates,
) -> Result<usize, StoreError> {
    let name = format!(
        "{} {} {p:04}",
        FIRST[mix(p, 1) % FIRST.len()],
        SECOND[mix(p, 2) % SECOND.len()]
    );
    let partner = Partner {
        name: name.clone(),
        partnership_type: PartnershipType::ALL[p % PartnershipType::ALL.len()],
        tier: Tier::ALL[mix(p, 3) % Tier::ALL.len()],
        brand_guidelines_on_file: p % 3 != 0,
        data_consent_on: (p % 4 != 0).then(|| days(today, -200)),
        notes: String::new(),
        agreement_start: None,
        agreement_end: None,
        ..Partner::default()
    };
    let pid = tx.insert(&partner)?;
    let mut records = 1;
    let mut funds = Vec::new();
    for f in 0..(1 + p % 2) {
        let fund = Fund {
            partner_id: pid,
            name: format!("FY27 H{} MDF", f + 1),
            period_start: days(today, -180 + 182 * f as i64),
            period_end: days(today, 1 + 182 * f as i64),
            allocated: Decimal::from(20_000 + 5_000 * (mix(p, f) % 8) as i64),
            policy: "default".into(),
        };
        funds.push(tx.insert(&fund)?);
        records += 1;
    }
    for k in 0..count {
        records += campaign(tx, (pid, &name, &funds), p, k, today, templates)?;
    }
    Ok(records)
}

/// Writes campaign `k` of partner `p` (id, name and funds in `of`) with
/// its milestones, checklist, assets, MDF and results; returns the number
/// of records written.
fn campaign(
    tx: &mut Tx<'_>,
    of: (PartnerId, &str, &[FundId]),
    p: usize,
    k: usize,
    today: NaiveDate,
    templates: &Templates,
) -> Result<usize, StoreError> {
    let (pid, name, funds) = of;
    let n = p * CAMPAIGNS_PER_PARTNER + k;
    let r = mix(p, k + 10);
    let t = CampaignType::ALL[r % CampaignType::ALL.len()];
    // Campaigns spread over ±8 months around today.
    let start = days(today, (r % 480) as i64 - 300);
    let launch = days(start, 28 + (r / 7 % 50) as i64);
    let end = days(launch, (r / 11 % 35) as i64);
    let status = if r % 23 == 0 {
        CampaignStatus::Cancelled
    } else if end < today {
        CampaignStatus::Completed
    } else if launch <= today {
        CampaignStatus::Live
    } else {
        CampaignStatus::Planned
    };
    let (lo, hi) = t.typical_budget();
    let budget = if r % 17 == 0 {
        hi + Decimal::from(1_000)
    } else {
        lo + (hi - lo) * Decimal::from((r / 13 % 10) as i64) / Decimal::from(10)
    };
    let (leads_lo, leads_hi) = t.expected_leads();
    let c = Campaign {
        partner_id: pid,
        name: format!("{} {} #{}", t.label(), name, k + 1),
        campaign_type: t,
        playbook: None,
        status,
        audience: "IT decision makers".into(),
        start,
        launch,
        end,
        budget,
        internal_cost: Decimal::from(500 + 100 * (r % 20) as i64),
        lead_target: Some(leads_lo + (leads_hi - leads_lo) * (r % 5) as i64 / 4),
        crm_id: (r % 3 != 0).then(|| format!("701{n:07}")),
        attribution_agreed: r % 4 != 0,
        uses_partner_data: r % 5 == 0,
    };
    let cid = tx.insert(&c)?;
    let mut records = 1;
    for mut m in standard_milestones(cid, start, launch, end) {
        if m.due < today && r % 7 != 0 {
            m.status = MilestoneStatus::Done;
            m.completed_on = Some(m.due);
        }
        tx.insert(&m)?;
        records += 1;
    }
    let owners = Owners {
        ours: "Us",
        partner: name,
        shared: "Both",
    };
    for (i, mut item) in templates
        .generate(cid, t, (start, launch, end), &owners)
        .into_iter()
        .enumerate()
    {
        if item.due.is_some_and(|d| d < today) && (r + i) % 6 != 0 {
            item.done_on = item.due;
        }
        tx.insert(&item)?;
        records += 1;
    }
    if r % 2 == 0 {
        for a in 0..(1 + r % 3) {
            tx.insert(&Asset {
                campaign_id: cid,
                name: format!("Asset {}", a + 1),
                kind: ["deck", "landing page", "ad creative"][a].into(),
                co_branded: a != 2,
                approved_on: ((r + a) % 3 == 0).then(|| days(start, 20)),
                location: String::new(),
            })?;
            records += 1;
        }
    }
    if r % 3 == 0 && status != CampaignStatus::Cancelled {
        let fund = funds[k % funds.len()];
        records += mdf(tx, (cid, t, status), fund, budget, (start, end), r)?;
    }
    if status == CampaignStatus::Completed {
        let leads = (leads_lo + (r % 300) as i64).max(1);
        tx.insert(&CampaignResults {
            campaign_id: cid,
            registrations: Some(leads * 2),
            attendees: Some(leads * 3 / 2),
            leads: Some(leads),
            mqls: Some(leads / 3),
            pipeline_sourced: Some(Decimal::from(leads * 400)),
            pipeline_influenced: Some(Decimal::from(leads * 250)),
            pipeline_partner_assisted: None,
            revenue: (r % 2 == 0).then(|| Decimal::from(leads * 90)),
            leads_ours: Some(leads / 2),
            leads_partner: Some(leads / 3),
            reach_ours: Some(leads * 40),
            reach_partner: Some(leads * (10 + (r % 40) as i64)),
            target_registrations: Some(leads * 2),
            ..CampaignResults::empty(cid)
        })?;
        records += 1;
    }
    Ok(records)
}

/// The campaign's MDF request on `fund` (half its `budget`, approved once
/// the campaign is under way) with three expenses and, on half of the
/// completed campaigns, a claim; returns the number of records written.
fn mdf(
    tx: &mut Tx<'_>,
    of: (CampaignId, CampaignType, CampaignStatus),
    fund: FundId,
    budget: Decimal,
    (start, end): (NaiveDate, NaiveDate),
    r: usize,
) -> Result<usize, StoreError> {
    let (cid, t, status) = of;
    let amount = budget / Decimal::from(2);
    let approved = status != CampaignStatus::Planned;
    let req = MdfRequest {
        campaign_id: cid,
        fund_id: Some(fund),
        activity: mdf::ActivityType::for_campaign(t),
        amount,
        approved_amount: approved.then_some(amount),
        status: if approved {
            RequestStatus::Approved
        } else {
            RequestStatus::Submitted
        },
        submitted_on: Some(days(start, 3)),
        decided_on: approved.then(|| days(start, 10)),
        justification: "Joint demand generation".into(),
        expected_roi: None,
        proof_required: String::new(),
        reason: None,
    };
    let rid = tx.insert(&req)?;
    let mut records = 1;
    // Three expenses: the activity's proof as URLs on two, a local file
    // (not on disk: an M8) on every fifth request's third.
    for x in 0..3usize {
        let proof = if x == 2 && r % 5 == 0 {
            format!("invoice scan: /srv/mdf/{rid}/invoice.pdf")
        } else {
            "attendee lead list: https://files.example/leads.csv\n\
             recording URL: https://v.example/1\n\
             photo or recording URL: https://v.example/2\n\
             screenshot: https://files.example/ad.png\n\
             landing URL: https://example.com/lp\n\
             click report: https://files.example/clicks.csv\n\
             copy: https://files.example/copy.pdf\n\
             send report: https://files.example/send.csv\n\
             final asset: https://files.example/asset.pdf"
                .to_string()
        };
        tx.insert(&Expense {
            campaign_id: cid,
            request_id: Some(rid),
            category: ["venue", "paid social", "catering"][x].into(),
            amount: budget / Decimal::from(3),
            spent_on: days(start, 5 + 7 * x as i64),
            vendor: format!("Vendor {x}"),
            invoice_ref: format!("INV-{rid}-{x}"),
            proof,
            withdrawn: None,
        })?;
        records += 1;
    }
    if status == CampaignStatus::Completed && r % 2 == 0 {
        let paid = r % 4 == 0;
        tx.insert(&Claim {
            request_id: rid,
            amount,
            status: if paid {
                ClaimStatus::Paid
            } else {
                ClaimStatus::Submitted
            },
            submitted_on: Some(days(end, 10)),
            paid_on: paid.then(|| days(end, 40)),
            paid_amount: paid.then_some(amount),
            note: String::new(),
        })?;
        records += 1;
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::app::config;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn made(campaigns: usize) -> (Store, Generated) {
        let mut store = Store::open_in_memory().unwrap();
        let g = generate(
            &mut store,
            campaigns,
            day(),
            &config::defaults().templates,
            |_| {},
        )
        .unwrap();
        (store, g)
    }

    /// N campaigns, one partner per ten (the last one takes the rest), at
    /// least one partner; every record counted.
    #[test]
    fn the_sizes_asked_for() {
        for (n, partners) in [(50, 5), (57, 5), (3, 1), (10, 1), (250, 25)] {
            let (store, g) = made(n);
            let p = store.load_program().unwrap();
            assert_eq!((p.partners.len(), p.campaigns.len()), (partners, n));
            assert_eq!((g.partners, g.campaigns), (partners, n));
            let records = p.partners.len()
                + p.funds.len()
                + p.campaigns.len()
                + p.milestones.len()
                + p.responsibilities.len()
                + p.assets.len()
                + p.requests.len()
                + p.expenses.len()
                + p.claims.len()
                + p.results.len();
            assert_eq!(g.records, records);
        }
    }

    /// The shape: every campaign has milestones and a checklist; some have
    /// MDF with three expenses each, claims and results; progress follows
    /// the dates; some guardrails fire (an over-budget campaign).
    #[test]
    fn a_program_of_the_benchmark_shape() {
        let (store, _) = made(300);
        let p = store.load_program().unwrap();
        assert!(p.milestones.len() >= 5 * 300);
        assert!(p.responsibilities.len() >= 5 * 300);
        assert!(!p.requests.is_empty());
        assert_eq!(p.expenses.len(), 3 * p.requests.len());
        assert!(!p.claims.is_empty() && !p.results.is_empty() && !p.assets.is_empty());
        let statuses: std::collections::HashSet<_> = p.campaigns.iter().map(|c| c.status).collect();
        assert_eq!(statuses.len(), 4, "{statuses:?}");
        assert!(
            p.campaigns
                .iter()
                .any(|c| c.budget > c.campaign_type.typical_budget().1)
        );
    }

    /// The same inputs give the same records, ids included.
    #[test]
    fn deterministic() {
        let a = made(120).0.load_program().unwrap();
        let b = made(120).0.load_program().unwrap();
        let names = |p: &Program| {
            p.campaigns
                .iter()
                .map(|c| (c.id, c.name.clone(), c.budget, c.start, c.status))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        let items = |p: &Program| {
            p.responsibilities
                .iter()
                .map(|r| (r.id, r.done_on))
                .collect::<Vec<_>>()
        };
        assert_eq!(items(&a), items(&b));
    }

    /// One transaction per hundred partners: undo removes the last batch.
    #[test]
    fn written_in_batches() {
        let (mut store, g) = made(2_050);
        assert_eq!((g.partners, g.edits), (205, 3));
        assert_eq!(
            store.undo_label().unwrap().as_deref(),
            Some("Generate a program of 2050 campaigns (partners 201–205 of 205)")
        );
        store.undo().unwrap();
        let p = store.load_program().unwrap();
        assert_eq!((p.partners.len(), p.campaigns.len()), (200, 2_000));
    }

    /// No campaigns, or too many, is refused before anything is written.
    #[test]
    fn sizes_out_of_range_are_refused() {
        let mut store = Store::open_in_memory().unwrap();
        let t = config::defaults().templates;
        for n in [0, MAX_CAMPAIGNS + 1] {
            let e = generate(&mut store, n, day(), &t, |_| {}).unwrap_err();
            assert!(e.to_string().contains("1 to 1000000 campaigns"), "{e}");
        }
        assert!(store.is_empty().unwrap());
    }
}
