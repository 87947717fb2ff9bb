//! The MDF ledger (docs/domain.md §11, seed 004): which expenses are eligible or
//! **held** and why, and every balance, derived from the records, never
//! typed in.
//!
//! ## Holds (per expense, in this order of precedence)
//! 1. its category is ineligible under the fund's policy;
//! 2. it has no invoice reference;
//! 3. it is dated outside the fund's period;
//! 4. it is dated outside the partner agreement (as far as its dates are
//!    recorded);
//! 5. it is not under an approved request;
//! 6. the request's proof of performance is incomplete: the kinds the
//!    policy requires for the activity are not all among the proof
//!    references of the request's (unheld) expenses — then every line of
//!    the request is held, since nothing is claimable without it;
//! 7. it is over the approved amount: lines are taken in date order; the
//!    line that crosses the approved amount counts for what is left of it
//!    (it is **partly capped**, [`Cap::Approved`]), and the lines after it
//!    are held, since nothing is left;
//! 8. it is over the fund's allocation: a fund never pays more than it
//!    allocated, whatever was approved on it. Its requests are taken in
//!    the order they were submitted (then id), each request's lines in
//!    date order; the line that crosses the allocation counts for what is
//!    left ([`Cap::Allocation`]), the lines after it are held.
//!
//! A held expense is never claimable. A partly capped line is eligible: it
//! counts in `eligible`, and for part of its vendor part in `claimable`.
//! A withdrawn expense is not counted at all (it stays in the records,
//! greyed).
//!
//! ## Money
//! The vendor part of an eligible line is `amount × max share %`, rounded to
//! cents **half away from zero** (`0.005 → 0.01`), per line, so a packet's
//! lines add up to its total.
//!
//! ## Invariants (checked by property tests, `ledger_props.rs`)
//! For every request and fund: `0 ≤ claimable ≤ approved`; for every
//! fund, `claimable ≤ allocated`; `eligible + held = spent`; `reimbursed ≤ claimed` (a claim is never paid
//! more than it asked); `remaining = allocated − approved` (the fund's
//! committed money). `claimed ≤ claimable` and `remaining ≥ 0` can be
//! broken by the records (a claim made before lines were held, requests
//! approved above the allocation); each such break is a finding
//! ([`crate::domain::guardrails`], rules M4 and M7) that says why.

use super::dates::{days_between, shift};
use super::expense::Expense;
use super::ids::{ExpenseId, FundId, RequestId, Stored};
use super::mdf::{ClaimStatus, Fund, MdfRequest, Policy, RequestStatus, policy_for};
use super::money::round_cents;
use super::partner::Partner;
use super::program::Program;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Why an expense is held (not claimable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hold {
    /// The policy never pays for this category.
    IneligibleCategory(String),
    /// No invoice reference.
    NoInvoice,
    /// Dated outside the fund's period.
    OutsideFundPeriod {
        /// First day of the period.
        start: NaiveDate,
        /// Last day of the period.
        end: NaiveDate,
    },
    /// Dated outside the partner agreement.
    OutsideAgreement {
        /// Its first day, if recorded.
        start: Option<NaiveDate>,
        /// Its last day, if recorded.
        end: Option<NaiveDate>,
    },
    /// Not under a request, or the request is not approved.
    NoApprovedRequest,
    /// The request's proof of performance lacks these kinds.
    MissingProof(Vec<String>),
    /// Earlier lines took the whole approved amount: nothing is left.
    OverApproved,
    /// Earlier lines (of this or earlier requests on the fund) took the
    /// fund's whole allocation: nothing is left.
    OverAllocation,
}

/// The cap that cut a line's claimable below its vendor part (docs/domain.md §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    /// The request's approved amount.
    Approved,
    /// The fund's allocation.
    Allocation,
}

impl Cap {
    /// What capped the line, for the screen and the packet.
    pub fn label(self) -> &'static str {
        match self {
            Cap::Approved => "the approved amount",
            Cap::Allocation => "the fund's allocation",
        }
    }
}

impl Hold {
    /// What is wrong and what to do, for the screen and the packet.
    pub fn message(&self) -> String {
        match self {
            Hold::IneligibleCategory(c) => format!("'{c}' is not eligible under the fund's policy"),
            Hold::NoInvoice => "no invoice reference: add it".into(),
            Hold::OutsideFundPeriod { start, end } => {
                format!("dated outside the fund period ({start} to {end})")
            }
            Hold::OutsideAgreement { start, end } => match (start, end) {
                (Some(s), Some(e)) => format!("dated outside the partner agreement ({s} to {e})"),
                (Some(s), None) => format!("dated before the partner agreement (from {s})"),
                (None, Some(e)) => format!("dated after the partner agreement (to {e})"),
                (None, None) => "dated outside the partner agreement".into(),
            },
            Hold::NoApprovedRequest => "not under an approved MDF request".into(),
            Hold::MissingProof(kinds) => {
                format!("proof of performance missing: {}", kinds.join(", "))
            }
            Hold::OverApproved => "over the approved amount (nothing left of it)".into(),
            Hold::OverAllocation => "over the fund's allocation (nothing left of it)".into(),
        }
    }
}

/// One expense as the ledger sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The expense.
    pub id: ExpenseId,
    /// Its amount, in the database's currency.
    pub amount: Decimal,
    /// The vendor part (amount × share, in cents) before the caps; zero
    /// when held for a reason of its own, the request's or its proof's.
    pub part: Decimal,
    /// What of `part` counts: `part`, less what a cap cut; zero if held.
    pub claimable: Decimal,
    /// Why it is held; `None` = eligible.
    pub hold: Option<Hold>,
    /// The cap that cut `claimable` below `part`, if one did (with
    /// `claimable > 0` the line is partly capped; with zero it is held,
    /// [`Hold::OverApproved`] or [`Hold::OverAllocation`]).
    pub capped: Option<Cap>,
}

/// The money of one MDF request (docs/domain.md §11). All amounts in the database's currency.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestBalance {
    /// Amount requested.
    pub requested: Decimal,
    /// Amount approved (zero unless approved).
    pub approved: Decimal,
    /// All expenses in force.
    pub spent: Decimal,
    /// Expenses not held.
    pub eligible: Decimal,
    /// Expenses held.
    pub held: Decimal,
    /// Vendor part of the eligible expenses, at most `approved`, and within
    /// what the fund's allocation left for this request.
    pub claimable: Decimal,
    /// Claims submitted (any status past draft, except rejected).
    pub claimed: Decimal,
    /// Paid out on claims.
    pub reimbursed: Decimal,
    /// Proof kinds the activity needs that no expense carries yet.
    pub missing_proof: Vec<String>,
    /// Each expense in force, in date order, with its hold.
    pub lines: Vec<Line>,
}

/// The money of one fund (docs/domain.md §11). All amounts in the database's currency.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FundBalance {
    /// Allocated to the partner for the period.
    pub allocated: Decimal,
    /// Requested on it (submitted, approved or returned requests).
    pub requested: Decimal,
    /// Approved on it: the committed money.
    pub approved: Decimal,
    /// Spent under its requests.
    pub spent: Decimal,
    /// Claimable under its requests.
    pub claimable: Decimal,
    /// Claimed under its requests.
    pub claimed: Decimal,
    /// Reimbursed under its requests.
    pub reimbursed: Decimal,
    /// Allocated − approved (negative = over-committed).
    pub remaining: Decimal,
    /// Money not yet claimed when the fund ends within 30 days (else zero).
    pub expiring: Decimal,
    /// Claimed ÷ allocated, in percent; `None` when nothing is allocated.
    pub utilization: Option<Decimal>,
}

/// Days before a fund's end from which unclaimed money counts as expiring.
pub const EXPIRING_DAYS: i64 = 30;

/// The policy a request follows: its fund's, else the defaults of docs/domain.md §11.2.
pub fn policy_of(
    program: &Program,
    request: &MdfRequest,
    policies: &BTreeMap<String, Policy>,
) -> Policy {
    let fund = request.fund_id.and_then(|f| program.funds.get(f));
    policy_for(policies, fund.map(|f| f.policy.as_str()))
}

/// The vendor part of an amount: `amount × share %`, in cents, half away
/// from zero.
pub fn vendor_part(amount: Decimal, share_percent: Decimal) -> Decimal {
    round_cents(amount * share_percent / Decimal::ONE_HUNDRED)
}

/// Whether a proof reference of kind `have` meets the required kind
/// `required`: the same kind ignoring case and surrounding spaces; a
/// required kind with alternatives ("photo or recording URL", docs/domain.md §11) is
/// met by any one of them, or by the whole phrase.
pub fn proof_meets(required: &str, have: &str) -> bool {
    let have = have.trim().to_lowercase();
    let required = required.trim().to_lowercase();
    have == required
        || required
            .split(" or ")
            .any(|alt| !alt.trim().is_empty() && alt.trim() == have)
}

/// The proof kinds `required` that none of `expenses` carries (see
/// [`proof_meets`]).
pub fn missing_proof<'a>(
    required: &[String],
    expenses: impl IntoIterator<Item = &'a Expense>,
) -> Vec<String> {
    let have: Vec<String> = expenses
        .into_iter()
        .flat_map(|e| e.proofs())
        .map(|p| p.kind)
        .collect();
    required
        .iter()
        .filter(|k| !have.iter().any(|h| proof_meets(k, h)))
        .cloned()
        .collect()
}

/// The proof kinds a request needs (docs/domain.md §11): the kinds agreed on the
/// request (one per line of `proof_required`), else the policy's list for
/// its activity (may be empty).
pub fn required_proof(request: &MdfRequest, policy: &Policy) -> Vec<String> {
    if request.proof_required.trim().is_empty() {
        policy.required_proof(request.activity).to_vec()
    } else {
        request
            .proof_required
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect()
    }
}

/// The balance of one request: holds per line, claimable, claimed,
/// reimbursed, with its fund's allocation shared among the fund's requests
/// (see the module docs). `None` if the request does not exist.
pub fn request_balance(
    program: &Program,
    request: RequestId,
    policies: &BTreeMap<String, Policy>,
) -> Option<RequestBalance> {
    let r = program.requests.get(request)?;
    if let Some(fund) = r.fund_id
        && let Some(b) = fund_requests(program, fund, policies).and_then(|all| {
            all.into_iter()
                .find(|(id, _)| *id == request)
                .map(|(_, b)| b)
        })
    {
        return Some(b);
    }
    // No fund, or not one it draws on (see `Program::requests_on_fund`).
    Some(uncapped_balance(program, r, policies))
}

/// The balances of every request drawing on a fund
/// ([`Program::requests_on_fund`]), in the order the allocation is shared:
/// by submission date (unsubmitted last), then id. `None` if the fund does
/// not exist.
pub fn fund_requests(
    program: &Program,
    fund: FundId,
    policies: &BTreeMap<String, Policy>,
) -> Option<Vec<(RequestId, RequestBalance)>> {
    let f = program.funds.get(fund)?;
    Some(share_allocation(
        program,
        f,
        program.requests_on_fund(fund),
        policies,
    ))
}

/// The balances of `requests` (all those drawing on fund `f`), sharing its
/// allocation in submission order (see [`fund_requests`]).
fn share_allocation(
    program: &Program,
    f: &Fund,
    mut requests: Vec<&Stored<MdfRequest>>,
    policies: &BTreeMap<String, Policy>,
) -> Vec<(RequestId, RequestBalance)> {
    requests.sort_by_key(|r| (r.submitted_on.is_none(), r.submitted_on, r.id));
    let mut left = f.allocated;
    let mut out = Vec::with_capacity(requests.len());
    for r in requests {
        let mut b = uncapped_balance(program, r, policies);
        for line in b.lines.iter_mut().filter(|l| l.claimable > Decimal::ZERO) {
            if left <= Decimal::ZERO {
                line.claimable = Decimal::ZERO;
                line.hold = Some(Hold::OverAllocation);
                line.capped = Some(Cap::Allocation);
            } else if line.claimable > left {
                line.claimable = left;
                line.capped = Some(Cap::Allocation);
            }
            left -= line.claimable;
        }
        b.total_lines();
        out.push((r.id, b));
    }
    out
}

/// A request's balance with its own caps (approved amount) but not its
/// fund's allocation.
fn uncapped_balance(
    program: &Program,
    r: &Stored<MdfRequest>,
    policies: &BTreeMap<String, Policy>,
) -> RequestBalance {
    let policy = policy_of(program, r, policies);
    let fund = r.fund_id.and_then(|f| program.funds.get(f));
    let partner = program
        .campaigns
        .get(r.campaign_id)
        .and_then(|c| program.partners.get(c.partner_id));
    let expenses: Vec<&Stored<Expense>> = program
        .expenses_of_request(r.id)
        .into_iter()
        .filter(|e| e.is_active())
        .collect();
    let approved = r.approved();
    // Holds that depend on the line alone.
    let mut holds: Vec<Option<Hold>> = expenses
        .iter()
        .map(|e| {
            line_hold(
                e,
                r,
                fund.map(|f| &f.value),
                partner.map(|p| &p.value),
                &policy,
            )
        })
        .collect();
    // Proof of performance, across the lines not already held.
    let required = required_proof(r, &policy);
    let missing = missing_proof(
        &required,
        expenses
            .iter()
            .zip(&holds)
            .filter(|(_, h)| h.is_none())
            .map(|(e, _)| &e.value),
    );
    if !missing.is_empty() {
        for h in holds.iter_mut().filter(|h| h.is_none()) {
            *h = Some(Hold::MissingProof(missing.clone()));
        }
    }
    // The approved amount caps the claimable, line by line in date order.
    let mut left = approved;
    let mut lines = Vec::with_capacity(expenses.len());
    for (e, hold) in expenses.iter().zip(holds) {
        let mut line = Line {
            id: e.id,
            amount: e.amount,
            part: Decimal::ZERO,
            claimable: Decimal::ZERO,
            hold,
            capped: None,
        };
        if line.hold.is_none() {
            line.part = vendor_part(e.amount, policy.max_share_percent);
            line.claimable = line.part.min(left.max(Decimal::ZERO));
            if line.claimable < line.part {
                line.capped = Some(Cap::Approved);
                if line.claimable.is_zero() {
                    line.hold = Some(Hold::OverApproved);
                }
            }
            left -= line.claimable;
        }
        lines.push(line);
    }
    let (mut claimed, mut reimbursed) = (Decimal::ZERO, Decimal::ZERO);
    for c in program.claims_of(r.id) {
        if c.counts_as_claimed() {
            claimed += c.amount;
        }
        if c.status == ClaimStatus::Paid {
            reimbursed += c.paid_amount.unwrap_or(Decimal::ZERO);
        }
    }
    let mut b = RequestBalance {
        requested: if counts_as_requested(r.status) {
            r.amount
        } else {
            Decimal::ZERO
        },
        approved,
        claimed,
        reimbursed,
        missing_proof: missing,
        lines,
        ..RequestBalance::default()
    };
    b.total_lines();
    b
}

impl RequestBalance {
    /// Re-adds `spent`, `held`, `eligible` and `claimable` from the lines.
    fn total_lines(&mut self) {
        self.spent = self.lines.iter().map(|l| l.amount).sum();
        self.held = self
            .lines
            .iter()
            .filter(|l| l.hold.is_some())
            .map(|l| l.amount)
            .sum();
        self.eligible = self.spent - self.held;
        self.claimable = self.lines.iter().map(|l| l.claimable).sum();
    }
}

/// Submitted, approved or returned: the request is on the table.
pub fn counts_as_requested(status: RequestStatus) -> bool {
    matches!(
        status,
        RequestStatus::Submitted | RequestStatus::Approved | RequestStatus::Returned
    )
}

fn line_hold(
    e: &Expense,
    r: &MdfRequest,
    fund: Option<&Fund>,
    partner: Option<&Partner>,
    policy: &Policy,
) -> Option<Hold> {
    if policy.is_ineligible(&e.category) {
        return Some(Hold::IneligibleCategory(e.category.trim().to_string()));
    }
    if e.invoice_ref.trim().is_empty() {
        return Some(Hold::NoInvoice);
    }
    if let Some(f) = fund
        && (e.spent_on < f.period_start || e.spent_on > f.period_end)
    {
        return Some(Hold::OutsideFundPeriod {
            start: f.period_start,
            end: f.period_end,
        });
    }
    if let Some(p) = partner
        && p.outside_agreement(e.spent_on)
    {
        return Some(Hold::OutsideAgreement {
            start: p.agreement_start,
            end: p.agreement_end,
        });
    }
    if r.status != RequestStatus::Approved {
        return Some(Hold::NoApprovedRequest);
    }
    None
}

/// The balance of one fund on `today`: the sums over its requests (see
/// [`fund_requests`]), what is left, what is expiring, and utilization. `None` if the fund does not
/// exist.
pub fn fund_balance(
    program: &Program,
    fund: FundId,
    policies: &BTreeMap<String, Policy>,
    today: NaiveDate,
) -> Option<FundBalance> {
    let f = program.funds.get(fund)?;
    let requests = fund_requests(program, fund, policies)?;
    Some(sum_fund(f, requests.iter().map(|(_, b)| b), today))
}

/// A fund's balance from its requests' balances (see [`fund_balance`]).
fn sum_fund<'a>(
    f: &Fund,
    requests: impl IntoIterator<Item = &'a RequestBalance>,
    today: NaiveDate,
) -> FundBalance {
    let mut b = FundBalance {
        allocated: f.allocated,
        ..FundBalance::default()
    };
    for rb in requests {
        b.requested += rb.requested;
        b.approved += rb.approved;
        b.spent += rb.spent;
        b.claimable += rb.claimable;
        b.claimed += rb.claimed;
        b.reimbursed += rb.reimbursed;
    }
    b.remaining = b.allocated - b.approved;
    let ends_in = days_between(today, f.period_end);
    if (0..=EXPIRING_DAYS).contains(&ends_in) && b.allocated > b.claimed {
        b.expiring = b.allocated - b.claimed;
    }
    b.utilization = super::roi::ratio(b.claimed, b.allocated).map(|x| x * Decimal::ONE_HUNDRED);
    b
}

/// Every MDF balance of one partner (docs/domain.md §11): its funds, and the
/// requests of its campaigns; each fund's requests derived together, once
/// (the allocation is shared among them). The same figures as
/// [`fund_balance`] and [`request_balance`], for all of a partner at the
/// cost of one pass.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartnerLedger {
    /// Each of the partner's funds.
    pub funds: BTreeMap<FundId, FundBalance>,
    /// Each request of the partner's campaigns.
    pub requests: BTreeMap<RequestId, RequestBalance>,
}

impl PartnerLedger {
    /// Derives a partner's ledger on `today` (an unknown partner has an
    /// empty one).
    pub fn of(
        program: &Program,
        partner: super::ids::PartnerId,
        policies: &BTreeMap<String, Policy>,
        today: NaiveDate,
    ) -> PartnerLedger {
        let mut out = PartnerLedger::default();
        // The partner's requests by fund: the requests drawing on a fund
        // are its partner's (`Program::requests_on_fund`), so one pass
        // over the partner's campaigns finds them all.
        let mut by_fund: BTreeMap<FundId, Vec<&Stored<MdfRequest>>> = BTreeMap::new();
        for c in program.campaigns.children(partner) {
            for r in program.requests.children(c.id) {
                if let Some(f) = r.fund_id {
                    by_fund.entry(f).or_default().push(r);
                }
            }
        }
        for f in program.funds.children(partner) {
            let requests = share_allocation(
                program,
                f,
                by_fund.remove(&f.id).unwrap_or_default(),
                policies,
            );
            out.funds
                .insert(f.id, sum_fund(f, requests.iter().map(|(_, b)| b), today));
            out.requests.extend(requests);
        }
        // Requests without a fund of this partner's (none, or unknown).
        for c in program.campaigns.children(partner) {
            for r in program.requests.children(c.id) {
                if !out.requests.contains_key(&r.id)
                    && let Some(b) = request_balance(program, r.id, policies)
                {
                    out.requests.insert(r.id, b);
                }
            }
        }
        out
    }
}

/// The first day from which a request is late: a request submitted on or
/// after this day has less than the policy's lead time before the activity
/// starts on `start` (docs/domain.md §11: 10 business days by default).
pub fn lead_time_cutoff(start: NaiveDate, policy: &Policy) -> NaiveDate {
    if policy.lead_time_business_days {
        // Count back `lead_time` business days (Mon–Fri) before `start`:
        // the latest submission day is that many business days earlier.
        // Whole weeks first (5 business days = 7 days), then day by day, so
        // any lead time takes at most a few steps.
        let lead = policy.lead_time.max(0);
        let weeks = (lead - 1).max(0) / 5;
        let mut day = shift(start, -7 * weeks);
        let mut left = lead - 5 * weeks;
        while left > 0 && day > NaiveDate::MIN {
            day = shift(day, -1);
            if is_business_day(day) {
                left -= 1;
            }
        }
        shift(day, 1)
    } else {
        shift(start, -policy.lead_time + 1)
    }
}

/// Monday to Friday.
pub fn is_business_day(day: NaiveDate) -> bool {
    use chrono::Datelike;
    day.weekday().number_from_monday() <= 5
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod tests;
