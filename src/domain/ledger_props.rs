//! Property tests of the MDF ledger (issue 3): for any program of funds,
//! requests, expenses and claims, the balances keep the invariants stated in
//! [`crate::domain::ledger`]'s docs, and every balance that the records can
//! push below zero (a fund over-committed, a request over-claimed, a held
//! line) comes with a finding that says why.
//!
//! The strategies build realistic programs: one partner; 1–3 funds with
//! various allocations, periods and policies; 1–4 campaigns; 0–6 requests
//! each in any status; 0–8 expenses per request (eligible and ineligible
//! categories, cents, dates on and around the fund period, invoices present
//! or blank, proof covering some, all or none of the required kinds, some
//! withdrawn); 0–3 claims per request in any status (paid ≤ claimed, as
//! validation guarantees). Money is whole cents: at most $1,000,000, or a
//! multiple (up to twice) of the request's approved amount, so that lines
//! and claims often meet it exactly. Every generated record passes its own
//! validation.
//!
//! `PROPTEST_CASES=10000 cargo test --lib ledger_props` for a longer run.

use super::dates::{days_between, shift};
use super::expense::Expense;
use super::guardrails::{self, Context, Finding, Rule, Severity, Thresholds};
use super::ids::*;
use super::ledger::{self, EXPIRING_DAYS, Line, vendor_part};
use super::mdf::policy_for;
use super::mdf::{ActivityType, Claim, ClaimStatus, Fund, MdfRequest, Policy, RequestStatus};
use super::partner::{Partner, PartnershipType, Tier};
use super::program::Program;
use super::{Campaign, CampaignStatus, CampaignType};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

const PARTNER: PartnerId = PartnerId(1);

/// The first day every generated date is counted from.
fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
}

fn usd(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

// ---------------------------------------------------------------------------
// Policies

/// The policies a fund can name. "default" and "unknown" are not in the map,
/// so they fall back to the defaults of docs/domain.md §11.2 (50 % share).
const POLICY_NAMES: &[&str] = &["default", "unknown", "full", "third"];

fn policies() -> BTreeMap<String, Policy> {
    let full = Policy {
        claim_window_days: 45,
        lead_time: 14,
        lead_time_business_days: false,
        max_share_percent: Decimal::ONE_HUNDRED,
        min_request: Decimal::from(500),
        ..Policy::default()
    };
    let third = Policy {
        max_share_percent: Decimal::from(33),
        ineligible_categories: vec!["swag".into(), " Printing ".into()],
        proof: [
            ("webinar", &["recording URL"][..]),
            ("event", &["photo", "badge scans"][..]),
            ("digital_ads", &[][..]),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
        .collect(),
        ..Policy::default()
    };
    BTreeMap::from([("full".to_string(), full), ("third".to_string(), third)])
}

// ---------------------------------------------------------------------------
// What is generated

/// Expense categories: eligible ones and ones some policy refuses (with the
/// case and spaces a user may type).
const CATEGORIES: &[&str] = &[
    "venue",
    "paid social",
    "catering",
    "speaker fee",
    "Alcohol",
    " travel ",
    "CASH",
    "swag",
    "printing",
];

/// Proof kinds that are never required (noise on an expense).
const OTHER_PROOF: &[&str] = &["invoice scan", "proof"];

/// What a request agrees as its proof (blank = the policy's list).
const PROOF_REQUIRED: &[&str] = &[
    "",
    "",
    "",
    " Attendee Lead List \n",
    "screenshot\n\nclick report",
    "final asset\nphoto",
];

#[derive(Debug, Clone)]
struct FundSpec {
    allocated: i64,
    start: i64,
    len: i64,
    policy: &'static str,
}

/// When an expense is dated, relative to its request's fund period.
#[derive(Debug, Clone)]
enum When {
    FirstDay,
    LastDay,
    DayBefore,
    DayAfter,
    /// This many thousandths into the period.
    Inside(i64),
    /// Days from [`base`], wherever that falls.
    Anywhere(i64),
}

#[derive(Debug, Clone)]
enum Invoice {
    Ref,
    Blank,
    Spaces,
}

/// An amount of money: whole cents, or thousandths of the request's
/// approved amount (so that lines and claims meet it exactly, often).
#[derive(Debug, Clone)]
enum Money {
    Cents(i64),
    OfApproved(i64),
}

#[derive(Debug, Clone)]
struct ExpenseSpec {
    category: &'static str,
    amount: Money,
    when: When,
    invoice: Invoice,
    /// Proof lines: an index into the request's required kinds followed by
    /// [`OTHER_PROOF`] (modulo their number), and whether the reference is a
    /// URL.
    proof: Vec<(usize, bool)>,
    withdrawn: bool,
}

#[derive(Debug, Clone)]
struct ClaimSpec {
    amount: Money,
    status: ClaimStatus,
    /// Paid, in thousandths of the claimed amount.
    paid: i64,
    /// A paid amount on a claim that is not (yet) paid.
    stray_paid: bool,
}

#[derive(Debug, Clone)]
enum ProofMode {
    /// No expense carries proof.
    None,
    /// Each expense carries what it was generated with.
    Lines,
    /// Also, the first expense carries every required kind.
    AllOnFirst,
}

#[derive(Debug, Clone)]
struct RequestSpec {
    /// Index of the fund (modulo the funds), or no fund.
    fund: Option<usize>,
    activity: ActivityType,
    amount: i64,
    /// Approved amount in thousandths of the amount; `None` = not set.
    approved: Option<i64>,
    status: RequestStatus,
    proof_required: &'static str,
    proof_mode: ProofMode,
    expenses: Vec<ExpenseSpec>,
    claims: Vec<ClaimSpec>,
}

#[derive(Debug, Clone)]
struct CampaignSpec {
    campaign_type: CampaignType,
    status: CampaignStatus,
    start: i64,
    requests: Vec<RequestSpec>,
}

/// Today: a number of days from a fund's end, or from [`base`].
#[derive(Debug, Clone)]
enum Today {
    FromFundEnd(usize, i64),
    FromBase(i64),
}

#[derive(Debug, Clone)]
struct Spec {
    funds: Vec<FundSpec>,
    campaigns: Vec<CampaignSpec>,
    today: Today,
    /// The partner agreement: start and end, in days from `base()`, each
    /// side possibly open; `None` = not recorded.
    agreement: Option<(Option<i64>, Option<i64>)>,
}

// ---------------------------------------------------------------------------
// Strategies

/// Whole cents up to $1,000,000, with zero, single cents and small amounts
/// likely.
fn cents() -> impl Strategy<Value = i64> {
    prop_oneof![
        1 => Just(0i64),
        2 => 1i64..=100,
        4 => 1i64..=1_000_000,
        4 => 1i64..=100_000_000,
    ]
}

fn money() -> impl Strategy<Value = Money> {
    prop_oneof![
        3 => cents().prop_map(Money::Cents),
        1 => prop::sample::select(&[250i64, 500, 1000, 2000][..]).prop_map(Money::OfApproved),
        1 => (0i64..=2000).prop_map(Money::OfApproved),
    ]
}

fn fund() -> impl Strategy<Value = FundSpec> {
    (
        cents(),
        0i64..=200,
        0i64..=300,
        prop::sample::select(POLICY_NAMES),
    )
        .prop_map(|(allocated, start, len, policy)| FundSpec {
            allocated,
            start,
            len,
            policy,
        })
}

fn when() -> impl Strategy<Value = When> {
    prop_oneof![
        1 => Just(When::FirstDay),
        1 => Just(When::LastDay),
        1 => Just(When::DayBefore),
        1 => Just(When::DayAfter),
        4 => (0i64..=1000).prop_map(When::Inside),
        2 => (-60i64..=560).prop_map(When::Anywhere),
    ]
}

fn expense() -> impl Strategy<Value = ExpenseSpec> {
    (
        prop_oneof![
            2 => prop::sample::select(&CATEGORIES[..4]),
            1 => prop::sample::select(CATEGORIES),
        ],
        money(),
        when(),
        prop_oneof![6 => Just(Invoice::Ref), 1 => Just(Invoice::Blank), 1 => Just(Invoice::Spaces)],
        prop::collection::vec((0usize..8, any::<bool>()), 0..=3),
        prop::bool::weighted(0.2),
    )
        .prop_map(
            |(category, amount, when, invoice, proof, withdrawn)| ExpenseSpec {
                category,
                amount,
                when,
                invoice,
                proof,
                withdrawn,
            },
        )
}

fn claim() -> impl Strategy<Value = ClaimSpec> {
    (
        money(),
        prop::sample::select(ClaimStatus::ALL),
        0i64..=1000,
        prop::bool::weighted(0.1),
    )
        .prop_map(|(amount, status, paid, stray_paid)| ClaimSpec {
            amount,
            status,
            paid,
            stray_paid,
        })
}

fn request() -> impl Strategy<Value = RequestSpec> {
    (
        prop::option::weighted(0.9, 0usize..3),
        prop::sample::select(ActivityType::ALL),
        cents(),
        prop::option::weighted(0.7, prop_oneof![Just(1000i64), 0i64..=1000]),
        prop_oneof![
            1 => Just(RequestStatus::Approved),
            1 => prop::sample::select(RequestStatus::ALL),
        ],
        prop::sample::select(PROOF_REQUIRED),
        prop_oneof![
            1 => Just(ProofMode::None),
            2 => Just(ProofMode::Lines),
            2 => Just(ProofMode::AllOnFirst),
        ],
        prop::collection::vec(expense(), 0..=8),
        prop::collection::vec(claim(), 0..=3),
    )
        .prop_map(
            |(
                fund,
                activity,
                amount,
                approved,
                status,
                proof_required,
                proof_mode,
                expenses,
                claims,
            )| RequestSpec {
                fund,
                activity,
                amount,
                approved,
                status,
                proof_required,
                proof_mode,
                expenses,
                claims,
            },
        )
}

fn campaign() -> impl Strategy<Value = CampaignSpec> {
    (
        prop::sample::select(CampaignType::ALL),
        prop::sample::select(CampaignStatus::ALL),
        -30i64..=400,
        prop::collection::vec(request(), 0..=6),
    )
        .prop_map(|(campaign_type, status, start, requests)| CampaignSpec {
            campaign_type,
            status,
            start,
            requests,
        })
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        prop::collection::vec(fund(), 1..=3),
        prop::collection::vec(campaign(), 1..=4),
        prop_oneof![
            (0usize..3, -45i64..=5).prop_map(|(f, d)| Today::FromFundEnd(f, d)),
            (-30i64..=700).prop_map(Today::FromBase),
        ],
        prop_oneof![
            1 => Just(None),
            2 => (prop::option::of(-30i64..=200), prop::option::of(0i64..=400))
                .prop_map(|(s, len)| Some((s, len.map(|l| s.unwrap_or(0) + l)))),
        ],
    )
        .prop_map(|(funds, campaigns, today, agreement)| Spec {
            funds,
            campaigns,
            today,
            agreement,
        })
}

// ---------------------------------------------------------------------------
// Building the program

/// The program a spec describes, and today.
fn build(spec: &Spec, policies: &BTreeMap<String, Policy>) -> (Program, NaiveDate) {
    let mut p = Program::default();
    p.partners.upsert(Stored::new(
        PARTNER,
        Partner {
            name: "Acme".into(),
            partnership_type: PartnershipType::Technology,
            tier: Tier::Gold,
            brand_guidelines_on_file: true,
            data_consent_on: None,
            notes: String::new(),
            agreement_start: spec
                .agreement
                .and_then(|(s, _)| s)
                .map(|s| shift(base(), s)),
            agreement_end: spec
                .agreement
                .and_then(|(_, e)| e)
                .map(|e| shift(base(), e)),
            ..Partner::default()
        },
    ));
    let funds: Vec<(FundId, Fund)> = spec
        .funds
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let start = shift(base(), f.start);
            let fund = Fund {
                partner_id: PARTNER,
                name: format!("Fund {}", i + 1),
                period_start: start,
                period_end: shift(start, f.len),
                allocated: usd(f.allocated),
                policy: f.policy.into(),
            };
            (FundId(i as i64 + 1), fund)
        })
        .collect();
    for (id, f) in &funds {
        p.funds.upsert(Stored::new(*id, f.clone()));
    }
    let (mut request_id, mut expense_id, mut claim_id) = (0i64, 0i64, 0i64);
    for (ci, c) in spec.campaigns.iter().enumerate() {
        let campaign_id = CampaignId(ci as i64 + 1);
        let start = shift(base(), c.start);
        let launch = shift(start, 21);
        p.campaigns.upsert(Stored::new(
            campaign_id,
            Campaign {
                partner_id: PARTNER,
                name: format!("Campaign {}", ci + 1),
                campaign_type: c.campaign_type,
                playbook: None,
                status: c.status,
                audience: String::new(),
                start,
                launch,
                end: shift(launch, 14),
                budget: usd(1_000_000),
                internal_cost: Decimal::ZERO,
                lead_target: None,
                crm_id: Some("701".into()),
                attribution_agreed: true,
                uses_partner_data: false,
            },
        ));
        for r in &c.requests {
            request_id += 1;
            let id = RequestId(request_id);
            let approved_cents = r.approved.map(|t| r.amount * t / 1000);
            let cents = |m: &Money| match *m {
                Money::Cents(c) => c,
                Money::OfApproved(t) => approved_cents.unwrap_or(r.amount) * t / 1000,
            };
            let fund = r.fund.map(|i| &funds[i % funds.len()]);
            let request = MdfRequest {
                campaign_id,
                fund_id: fund.map(|(id, _)| *id),
                activity: r.activity,
                amount: usd(r.amount),
                approved_amount: approved_cents.map(usd),
                status: r.status,
                submitted_on: (r.status != RequestStatus::Draft).then_some(shift(start, -20)),
                decided_on: None,
                justification: String::new(),
                expected_roi: None,
                proof_required: r.proof_required.into(),
                reason: None,
            };
            assert!(request.validate().is_ok());
            // The kinds the ledger will ask for, to aim the proof at them.
            let policy = policy_for(policies, fund.map(|(_, f)| f.policy.as_str()));
            let mut kinds: Vec<String> = if r.proof_required.trim().is_empty() {
                policy.required_proof(r.activity).to_vec()
            } else {
                r.proof_required
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect()
            };
            let required = kinds.len();
            kinds.extend(OTHER_PROOF.iter().map(|k| k.to_string()));
            let (period_start, period_end) = fund
                .map(|(_, f)| (f.period_start, f.period_end))
                .unwrap_or((base(), shift(base(), 180)));
            for (ei, e) in r.expenses.iter().enumerate() {
                expense_id += 1;
                let spent_on = match e.when {
                    When::FirstDay => period_start,
                    When::LastDay => period_end,
                    When::DayBefore => shift(period_start, -1),
                    When::DayAfter => shift(period_end, 1),
                    When::Inside(t) => shift(
                        period_start,
                        days_between(period_start, period_end) * t / 1000,
                    ),
                    When::Anywhere(d) => shift(base(), d),
                };
                let mut proof: Vec<String> = match r.proof_mode {
                    ProofMode::None => Vec::new(),
                    _ => e
                        .proof
                        .iter()
                        .map(|&(k, url)| proof_line(&kinds[k % kinds.len()], expense_id, url))
                        .collect(),
                };
                if matches!(r.proof_mode, ProofMode::AllOnFirst) && ei == 0 {
                    proof.extend(
                        kinds[..required]
                            .iter()
                            .map(|k| proof_line(k, expense_id, true)),
                    );
                }
                let expense = Expense {
                    campaign_id,
                    request_id: Some(id),
                    category: e.category.into(),
                    amount: usd(cents(&e.amount)),
                    spent_on,
                    vendor: "Vendor".into(),
                    invoice_ref: match e.invoice {
                        Invoice::Ref => format!("INV-{expense_id}"),
                        Invoice::Blank => String::new(),
                        Invoice::Spaces => "  ".into(),
                    },
                    proof: proof.join("\n"),
                    withdrawn: e.withdrawn.then(|| "duplicate".to_string()),
                };
                assert!(expense.validate().is_ok());
                p.expenses
                    .upsert(Stored::new(ExpenseId(expense_id), expense));
            }
            for c in &r.claims {
                claim_id += 1;
                let paid = c.status == ClaimStatus::Paid || c.stray_paid;
                let amount = cents(&c.amount);
                let claim = Claim {
                    request_id: id,
                    amount: usd(amount),
                    status: c.status,
                    submitted_on: (c.status != ClaimStatus::Draft).then_some(shift(start, 60)),
                    paid_on: paid.then_some(shift(start, 90)),
                    paid_amount: paid.then(|| usd(amount * c.paid / 1000)),
                    note: String::new(),
                };
                assert!(claim.validate().is_ok());
                p.claims.upsert(Stored::new(ClaimId(claim_id), claim));
            }
            p.requests.upsert(Stored::new(id, request));
        }
    }
    let today = match spec.today {
        Today::FromFundEnd(i, d) => shift(funds[i % funds.len()].1.period_end, d),
        Today::FromBase(d) => shift(base(), d),
    };
    (p, today)
}

/// A proof line `kind: reference`, the kind written as a user might (its
/// case changed, spaces around it).
fn proof_line(kind: &str, n: i64, url: bool) -> String {
    let kind = if n % 3 == 0 {
        format!(" {} ", kind.to_uppercase())
    } else {
        kind.to_string()
    };
    if url {
        format!("{kind}: https://proof.example/{n}")
    } else {
        format!("{kind}: /share/proof-{n}.pdf")
    }
}

// ---------------------------------------------------------------------------
// The properties

fn has_finding(
    findings: &[Finding],
    rule: Rule,
    severity: Option<Severity>,
    record: RecordRef,
) -> bool {
    findings
        .iter()
        .any(|f| f.rule == rule && f.record == record && severity.is_none_or(|s| f.severity == s))
}

/// Checks every property on one program; `Err` says which broke, where.
fn check(
    program: &Program,
    today: NaiveDate,
    policies: &BTreeMap<String, Policy>,
) -> Result<(), TestCaseError> {
    let zero = Decimal::ZERO;
    let thresholds = Thresholds::default();
    let ctx = Context {
        today,
        thresholds: &thresholds,
        policies,
        missing_files: &Default::default(),
        config_file: "the config file",
    };
    let findings = guardrails::check_partner(program, PARTNER, &ctx);
    // The one-pass ledger says exactly what the one-by-one balances say.
    let all = ledger::PartnerLedger::of(program, PARTNER, policies, today);
    prop_assert_eq!(all.requests.len(), program.requests.len());
    for r in program.requests.iter() {
        let one = ledger::request_balance(program, r.id, policies);
        prop_assert_eq!(all.requests.get(&r.id), one.as_ref());
    }
    prop_assert_eq!(all.funds.len(), program.funds.len());
    for f in program.funds.iter() {
        let one = ledger::fund_balance(program, f.id, policies, today);
        prop_assert_eq!(all.funds.get(&f.id), one.as_ref());
    }

    for r in program.requests.iter() {
        let b = ledger::request_balance(program, r.id, policies)
            .ok_or_else(|| TestCaseError::fail(format!("no balance for {:?}", r.id)))?;
        let share = ledger::policy_of(program, r, policies).max_share_percent;
        let at = format!("request {:?} ({}): {b:?}", r.id, r.status);
        prop_assert_eq!(b.approved, r.approved(), "{}", at);
        prop_assert!(
            zero <= b.claimable && b.claimable <= b.approved,
            "0 ≤ claimable ≤ approved: {}",
            at
        );
        prop_assert_eq!(
            b.eligible + b.held,
            b.spent,
            "eligible + held = spent: {}",
            at
        );
        prop_assert!(
            b.held >= zero && b.eligible >= zero,
            "held, eligible ≥ 0: {}",
            at
        );
        let sum: Decimal = b.lines.iter().map(|l| l.claimable).sum();
        prop_assert_eq!(sum, b.claimable, "Σ lines' claimable = claimable: {}", at);
        for l in &b.lines {
            let part = vendor_part(l.amount, share);
            match &l.hold {
                Some(_) => prop_assert_eq!(
                    l.claimable,
                    zero,
                    "a held line claims nothing: {:?}; {}",
                    l,
                    at
                ),
                None if l.capped.is_some() => prop_assert!(
                    zero < l.claimable && l.claimable < part,
                    "a partly capped line claims part of its vendor part: {:?}; {}",
                    l,
                    at
                ),
                None => prop_assert_eq!(
                    l.claimable,
                    part,
                    "an eligible line's claimable is its vendor part: {:?}; {}",
                    l,
                    at
                ),
            }
            // The vendor part is known for every line the caps reached.
            if l.hold.is_none()
                || matches!(
                    l.hold,
                    Some(ledger::Hold::OverApproved | ledger::Hold::OverAllocation)
                )
            {
                prop_assert_eq!(l.part, part, "the line's vendor part: {:?}; {}", l, at);
            }
            prop_assert_eq!(
                l.capped.is_some(),
                matches!(
                    l.hold,
                    None | Some(ledger::Hold::OverApproved | ledger::Hold::OverAllocation)
                ) && l.claimable < l.part,
                "capped iff a cap cut the line: {:?}; {}",
                l,
                at
            );
            // Zero iff held, for every line whose vendor part is not itself
            // zero (a $0.00 expense is eligible and claims $0.00).
            if !part.is_zero() {
                prop_assert_eq!(
                    l.claimable.is_zero(),
                    l.hold.is_some(),
                    "claimable 0 iff held: {:?}; {}",
                    l,
                    at
                );
            }
        }
        // Paid ≤ claimed on every claim (generated valid), so:
        prop_assert!(b.reimbursed <= b.claimed, "reimbursed ≤ claimed: {}", at);
        if share <= Decimal::ONE_HUNDRED {
            prop_assert!(b.claimable <= b.eligible, "claimable ≤ eligible: {}", at);
        }
        // The lines are exactly the expenses in force.
        let in_force: BTreeSet<ExpenseId> = program
            .expenses
            .iter()
            .filter(|e| e.request_id == Some(r.id) && e.is_active())
            .map(|e| e.id)
            .collect();
        let lines: BTreeSet<ExpenseId> = b.lines.iter().map(|l| l.id).collect();
        prop_assert_eq!(lines.len(), b.lines.len(), "a line twice: {}", at);
        prop_assert_eq!(&lines, &in_force, "lines = expenses in force: {}", at);
        // A break comes with a finding that says why, and only a break.
        let m7 = has_finding(
            &findings,
            Rule::M7,
            Some(Severity::Error),
            RecordRef::Request(r.id),
        );
        prop_assert_eq!(
            m7,
            b.claimed > b.claimable,
            "an M7 error iff claimed > claimable: {}",
            at
        );
        if matches!(
            r.status,
            RequestStatus::Approved
                | RequestStatus::Rejected
                | RequestStatus::Cancelled
                | RequestStatus::Expired
        ) {
            // Every held line has an M6, except lines past the approved
            // amount or the allocation (nothing to fix on them).
            let fixable = |l: &&ledger::Line| {
                l.hold.is_some()
                    && !matches!(
                        l.hold,
                        Some(ledger::Hold::OverApproved | ledger::Hold::OverAllocation)
                    )
            };
            for l in b.lines.iter().filter(fixable) {
                prop_assert!(
                    has_finding(&findings, Rule::M6, None, RecordRef::Expense(l.id)),
                    "held line {:?} without an M6 finding: {}",
                    l,
                    at
                );
            }
        }
        // An M6 finding is on a held line of the request.
        for e in program
            .expenses
            .iter()
            .filter(|e| e.request_id == Some(r.id))
        {
            if has_finding(&findings, Rule::M6, None, RecordRef::Expense(e.id)) {
                prop_assert!(
                    b.lines.iter().any(|l| l.id == e.id && l.hold.is_some()),
                    "M6 on expense {:?}, not a held line: {}",
                    e.id,
                    at
                );
            }
        }
    }

    for f in program.funds.iter() {
        let b = ledger::fund_balance(program, f.id, policies, today)
            .ok_or_else(|| TestCaseError::fail(format!("no balance for {:?}", f.id)))?;
        let at = format!(
            "fund {:?} ({} to {}, today {today}): {b:?}",
            f.id, f.period_start, f.period_end
        );
        let of_fund: Vec<ledger::RequestBalance> = program
            .requests
            .iter()
            .filter(|r| r.fund_id == Some(f.id))
            .filter_map(|r| ledger::request_balance(program, r.id, policies))
            .collect();
        let sum =
            |g: fn(&ledger::RequestBalance) -> Decimal| of_fund.iter().map(g).sum::<Decimal>();
        prop_assert_eq!(b.allocated, f.allocated, "{}", at);
        prop_assert_eq!(
            b.remaining,
            b.allocated - b.approved,
            "remaining = allocated − approved: {}",
            at
        );
        prop_assert_eq!(
            b.approved,
            sum(|r| r.approved),
            "approved = Σ requests: {}",
            at
        );
        prop_assert_eq!(
            b.approved,
            program.fund_committed(f.id),
            "approved = committed: {}",
            at
        );
        prop_assert_eq!(
            Some(b.remaining),
            program.fund_left(f.id),
            "remaining = fund_left: {}",
            at
        );
        prop_assert_eq!(b.requested, sum(|r| r.requested), "{}", at);
        prop_assert_eq!(b.spent, sum(|r| r.spent), "{}", at);
        prop_assert_eq!(b.claimable, sum(|r| r.claimable), "{}", at);
        prop_assert_eq!(b.claimed, sum(|r| r.claimed), "{}", at);
        prop_assert_eq!(b.reimbursed, sum(|r| r.reimbursed), "{}", at);
        prop_assert!(b.reimbursed <= b.claimed, "reimbursed ≤ claimed: {}", at);
        prop_assert!(
            b.claimable <= b.allocated,
            "a fund never pays more than it allocated: {}",
            at
        );
        prop_assert!(
            zero <= b.claimable && b.claimable <= b.approved,
            "0 ≤ claimable ≤ approved: {}",
            at
        );
        if b.allocated.is_zero() {
            prop_assert_eq!(b.utilization, None, "utilization of nothing: {}", at);
        } else {
            prop_assert_eq!(
                b.utilization,
                Some(b.claimed / b.allocated * Decimal::ONE_HUNDRED),
                "utilization = claimed / allocated × 100: {}",
                at
            );
        }
        prop_assert!(b.expiring >= zero, "expiring ≥ 0: {}", at);
        let ends_in = days_between(today, f.period_end);
        if !(0..=EXPIRING_DAYS).contains(&ends_in) {
            prop_assert_eq!(
                b.expiring,
                zero,
                "expiring only within 30 days of the end: {}",
                at
            );
        }
        let m4 = has_finding(
            &findings,
            Rule::M4,
            Some(Severity::Error),
            RecordRef::Fund(f.id),
        );
        prop_assert_eq!(
            m4,
            b.remaining < zero,
            "an M4 error iff remaining < 0: {}",
            at
        );
    }
    Ok(())
}

/// The program with its withdrawn expenses gone.
fn without_withdrawn(program: &Program) -> Program {
    let mut p = program.clone();
    let withdrawn: Vec<ExpenseId> = p
        .expenses
        .iter()
        .filter(|e| !e.is_active())
        .map(|e| e.id)
        .collect();
    for id in withdrawn {
        p.expenses.remove(id);
    }
    p
}

proptest! {
    // The default 256 cases (PROPTEST_CASES=… for a longer run).

    /// Every invariant of the ledger's docs, and a finding for every break.
    #[test]
    fn balances_keep_the_invariants(spec in spec()) {
        let policies = policies();
        let (program, today) = build(&spec, &policies);
        check(&program, today, &policies)?;
    }

    /// Withdrawn expenses never appear and never change a balance (nor a
    /// finding).
    #[test]
    fn withdrawn_expenses_change_nothing(spec in spec()) {
        let policies = policies();
        let (program, today) = build(&spec, &policies);
        let bare = without_withdrawn(&program);
        for r in program.requests.iter() {
            let with = ledger::request_balance(&program, r.id, &policies);
            let lines: Vec<&Line> = with.iter().flat_map(|b| &b.lines).collect();
            for l in lines {
                prop_assert!(program.expenses.get(l.id).is_some_and(|e| e.is_active()), "withdrawn line {:?}", l);
            }
            prop_assert_eq!(with, ledger::request_balance(&bare, r.id, &policies), "request {:?}", r.id);
        }
        for f in program.funds.iter() {
            prop_assert_eq!(
                ledger::fund_balance(&program, f.id, &policies, today),
                ledger::fund_balance(&bare, f.id, &policies, today),
                "fund {:?}", f.id
            );
        }
        let thresholds = Thresholds::default();
        let ctx = Context { today, thresholds: &thresholds, policies: &policies, missing_files: &Default::default(), config_file: "the config file" };
        prop_assert_eq!(
            guardrails::check_partner(&program, PARTNER, &ctx),
            guardrails::check_partner(&bare, PARTNER, &ctx)
        );
    }
}

/// The generators reach every case the properties speak of (so that none
/// of them passes for want of examples): each hold, eligible lines, the
/// approved amount met exactly, claims above and within the claimable,
/// over-committed and healthy funds, expiring funds, withdrawn expenses,
/// cancelled campaigns.
#[test]
fn generators_reach_every_case() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let policies = policies();
    let mut runner = TestRunner::deterministic();
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for _ in 0..300 {
        let spec = spec().new_tree(&mut runner).expect("a spec").current();
        let (p, today) = build(&spec, &policies);
        for r in p.requests.iter() {
            let b = ledger::request_balance(&p, r.id, &policies).expect("a balance");
            if b.claimed > b.claimable {
                seen.insert("claimed > claimable");
            } else if !b.claimed.is_zero() {
                seen.insert("0 < claimed ≤ claimable");
            }
            if !b.approved.is_zero() && b.claimable == b.approved {
                seen.insert("claimable = approved > 0");
            }
            if b.reimbursed > Decimal::ZERO {
                seen.insert("reimbursed > 0");
            }
            for l in &b.lines {
                match l.capped {
                    Some(ledger::Cap::Approved) if l.hold.is_none() => {
                        seen.insert("partly capped at approved");
                    }
                    Some(ledger::Cap::Allocation) if l.hold.is_none() => {
                        seen.insert("partly capped at allocation");
                    }
                    _ => {}
                }
                seen.insert(match &l.hold {
                    None if l.claimable.is_zero() => "eligible line claiming 0",
                    None => "eligible line",
                    Some(ledger::Hold::IneligibleCategory(_)) => "ineligible category",
                    Some(ledger::Hold::NoInvoice) => "no invoice",
                    Some(ledger::Hold::OutsideFundPeriod { .. }) => "outside the period",
                    Some(ledger::Hold::OutsideAgreement { .. }) => "outside the agreement",
                    Some(ledger::Hold::NoApprovedRequest) => "no approved request",
                    Some(ledger::Hold::MissingProof(_)) => "missing proof",
                    Some(ledger::Hold::OverApproved) => "over the approved amount",
                    Some(ledger::Hold::OverAllocation) => "over the allocation",
                });
            }
        }
        for f in p.funds.iter() {
            let b = ledger::fund_balance(&p, f.id, &policies, today).expect("a balance");
            seen.insert(if b.remaining < Decimal::ZERO {
                "remaining < 0"
            } else {
                "remaining ≥ 0"
            });
            if !b.expiring.is_zero() {
                seen.insert("expiring");
            }
            if b.utilization.is_none() {
                seen.insert("nothing allocated");
            }
        }
        if p.expenses.iter().any(|e| !e.is_active()) {
            seen.insert("withdrawn");
        }
        if p.campaigns
            .iter()
            .any(|c| c.status == CampaignStatus::Cancelled)
        {
            seen.insert("cancelled campaign");
        }
    }
    let all = [
        "claimed > claimable",
        "0 < claimed ≤ claimable",
        "claimable = approved > 0",
        "reimbursed > 0",
        "eligible line",
        "eligible line claiming 0",
        "ineligible category",
        "no invoice",
        "outside the period",
        "no approved request",
        "outside the agreement",
        "missing proof",
        "over the approved amount",
        "over the allocation",
        "partly capped at approved",
        "partly capped at allocation",
        "remaining < 0",
        "remaining ≥ 0",
        "expiring",
        "nothing allocated",
        "withdrawn",
        "cancelled campaign",
    ];
    let missed: Vec<&str> = all.into_iter().filter(|k| !seen.contains(k)).collect();
    assert!(missed.is_empty(), "never generated: {missed:?}");
}
