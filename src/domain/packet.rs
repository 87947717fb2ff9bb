//! The MDF **reimbursement packet** (docs/domain.md §11; seed 004 step 11, "Prepare
//! the MDF reimbursement packet"; issue 3 item 7): what a partner marketer
//! sends the vendor to claim an approved request.
//!
//! A packet is two texts built from the records, never typed in:
//! - a **Markdown** summary: the request and its approval, the claim amount
//!   and how it was computed, the claim deadline, the proof of performance
//!   (each required kind on file, with its reference, or missing), every
//!   expense line with its invoice and proof references, what is held and
//!   why, and the totals;
//! - a **CSV** of the expense lines ([`CSV_HEADER`]).
//!
//! All amounts are in the database's currency (the Markdown says which,
//! the CSV has a `currency` column) and come from the ledger
//! ([`crate::domain::ledger::request_balance`]), so the packet says exactly
//! what the MDF pane says.
//!
//! ## When a packet is final
//! [`build`] refuses ([`Missing`]) while the claim is not claimable, listing
//! what blocks it ([`blockers`]):
//! - the request is not approved;
//! - the proof of performance lacks kinds (named);
//! - an expense line is held for a reason of its own (ineligible category,
//!   no invoice, dated outside the fund period or the partner agreement),
//!   each with its reason and the fix;
//! - a proof file a line refers to is not on disk (the caller looks, and
//!   passes what it did not find);
//! - no expense is recorded, or nothing is claimable.
//!
//! Decisions (documented here and in the README):
//! - A line capped or held because it goes **over the approved amount** or
//!   the fund's **allocation** does not block: they cap every claim, so the
//!   packet is final and shows the cap on that line.
//! - A **passed claim window** does not block either: a late packet is what
//!   an exception request to the vendor needs. The packet is built with a
//!   warning at its top ([`Packet::warnings`]).
//! - `draft = true` always builds (for a request that exists). When
//!   something is missing, the Markdown is marked "DRAFT — not claimable
//!   yet" and lists the missing items at the top; when nothing is, the
//!   packet is the final one (a draft flag never mislabels a ready claim).
//!
//! Pure: no I/O, no clock; "today" is a parameter (it only moves the
//! deadline's "days left").

mod target;
mod text;

use target::no_such_request;
pub use target::{MAX_CANDIDATES, Target, TargetError, resolve_campaign, resolve_target};

use super::campaign::Campaign;
use super::currency::Currency;
use super::dates::{days_between, iso};
use super::expense::{Expense, MissingFiles};
use super::ids::{CampaignId, ExpenseId, RequestId, Stored};
use super::ledger::{self, Hold, Line, RequestBalance};
use super::markdown::inline;
use super::mdf::{Fund, MdfRequest, Policy, RequestStatus, claim_deadline};
use super::partner::Partner;
use super::program::Program;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt;

/// The columns of the packet's CSV, in order. Amounts are plain decimals
/// with the currency's decimal places (`1234.50`; `1235` for JPY), in the
/// currency the last column names (`USD`); `vendor_share_percent` is the policy's
/// maximum share in percent (`50`); `status` is `eligible` or `held`, and
/// `hold_reason` says why a line is held or capped; `proof` joins the line's
/// references (`kind: reference`) with ` | `. Typed texts that a
/// spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`) are
/// prefixed with `'`.
pub const CSV_HEADER: [&str; 12] = [
    "expense_id",
    "date",
    "category",
    "vendor",
    "invoice",
    "amount",
    "vendor_share_percent",
    "claimable",
    "status",
    "hold_reason",
    "proof",
    "currency",
];

/// The marker a draft packet's Markdown carries at its top.
pub const DRAFT_MARK: &str = "DRAFT — not claimable yet";

/// A reimbursement packet for one MDF request (docs/domain.md §11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packet {
    /// The request it claims.
    pub request: RequestId,
    /// The file name without extension, safe on every platform:
    /// `mdf-packet-<partner-slug>-<campaign-slug>-request-<id>` (see
    /// [`file_stem`]); the CLI writes `<stem>.md` and `<stem>.csv`.
    pub file_stem: String,
    /// The Markdown summary (GitHub-flavoured: every table has one column
    /// count throughout).
    pub markdown: String,
    /// The expense lines as CSV, header [`CSV_HEADER`], one row per expense
    /// in force, in date order.
    pub csv: String,
    /// What blocks a final packet; empty for a final packet, non-empty only
    /// for a draft (the same list the Markdown shows under [`DRAFT_MARK`]).
    pub missing: Vec<String>,
    /// Things to know that do not block (the claim window has passed, the
    /// activity has not ended, more was claimed than is claimable); shown
    /// at the top of the Markdown too.
    pub warnings: Vec<String>,
}

impl Packet {
    /// Whether this is a draft (something is still missing).
    pub fn is_draft(&self) -> bool {
        !self.missing.is_empty()
    }
}

/// Why a final packet cannot be built: what is missing, one item per
/// entry, each saying what to do (docs/domain.md §11). Also returned, even for a
/// draft, when the request does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing(pub Vec<String>);

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not claimable yet:")?;
        for item in &self.0 {
            write!(f, "\n  - {item}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Missing {}

/// Builds the reimbursement packet of `request` as of `today`, under the
/// fund policies `policies` (by name; docs/domain.md §11 defaults for an unknown
/// name).
///
/// Errors: [`Missing`] listing what blocks a final packet (see the module
/// docs) unless `draft`; with `draft`, only when the request does not
/// exist.
pub fn build(
    program: &Program,
    request: RequestId,
    policies: &BTreeMap<String, Policy>,
    missing_files: &MissingFiles,
    today: NaiveDate,
    draft: bool,
) -> Result<Packet, Missing> {
    let Some(facts) = Facts::gather(program, request, policies, missing_files) else {
        return Err(Missing(vec![no_such_request(request)]));
    };
    let missing = facts.blockers();
    if !missing.is_empty() && !draft {
        return Err(Missing(missing));
    }
    let warnings = facts.warnings(today);
    let markdown = facts.markdown(today, &missing, &warnings);
    let csv = facts
        .csv()
        .map_err(|e| Missing(vec![format!("cannot write the CSV: {e}")]))?;
    Ok(Packet {
        request,
        file_stem: facts.file_stem(),
        markdown,
        csv,
        missing,
        warnings,
    })
}

/// What blocks a final packet for `request` (empty = a final packet can be
/// built now); the list [`build`] refuses with. For the screen's "packet
/// ready?" hint.
pub fn blockers(
    program: &Program,
    request: RequestId,
    policies: &BTreeMap<String, Policy>,
    missing_files: &MissingFiles,
) -> Vec<String> {
    match Facts::gather(program, request, policies, missing_files) {
        Some(f) => f.blockers(),
        None => vec![no_such_request(request)],
    }
}

/// The packet's file name without extension:
/// `mdf-packet-<partner-slug>-<campaign-slug>-request-<id>` (see [`slug`]);
/// `None` if the request does not exist.
pub fn file_stem(program: &Program, request: RequestId) -> Option<String> {
    let r = program.requests.get(request)?;
    let campaign = program.campaigns.get(r.campaign_id);
    let partner = campaign.and_then(|c| program.partners.get(c.partner_id));
    Some(stem(
        partner.map(|p| p.name.as_str()),
        campaign.map(|c| c.name.as_str()),
        request,
    ))
}

fn stem(partner: Option<&str>, campaign: Option<&str>, request: RequestId) -> String {
    let part = |name: Option<&str>, fallback: &str| {
        let s = slug(name.unwrap_or(""));
        if s.is_empty() {
            fallback.to_string()
        } else {
            s
        }
    };
    format!(
        "mdf-packet-{}-{}-request-{}",
        part(partner, "partner"),
        part(campaign, "campaign"),
        request.0
    )
}

/// Longest slug [`slug`] returns, in characters.
pub const SLUG_MAX: usize = 40;

/// A file-name-safe slug: ASCII letters and digits lowercased, every other
/// run of characters one `-`, no `-` at either end, at most [`SLUG_MAX`]
/// characters (`"Acme Corp. / EMEA"` → `acme-corp-emea`). Empty when the
/// text has no ASCII letter or digit.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if out.len() >= SLUG_MAX {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The requests of `campaign` that get a packet: the approved ones, or
/// every request with `draft`; in id order.
pub fn packet_requests(program: &Program, campaign: CampaignId, draft: bool) -> Vec<RequestId> {
    program
        .requests_of(campaign)
        .into_iter()
        .filter(|r| draft || r.status == RequestStatus::Approved)
        .map(|r| r.id)
        .collect()
}

/// Everything a packet says about one request, gathered once.
struct Facts<'a> {
    request: &'a Stored<MdfRequest>,
    campaign: Option<&'a Stored<Campaign>>,
    partner: Option<&'a Stored<Partner>>,
    fund: Option<&'a Stored<Fund>>,
    /// The policy's name and whether the config defines it.
    policy_name: (String, bool),
    policy: Policy,
    balance: RequestBalance,
    expenses: BTreeMap<ExpenseId, &'a Stored<Expense>>,
    withdrawn: Vec<&'a Stored<Expense>>,
    required: Vec<String>,
    /// Required kinds no line carries, counting every line not held for a
    /// reason of its own: the ledger's `missing_proof` for an approved
    /// request, and for an unapproved one what it will lack once approved
    /// (the ledger holds all its lines, so it would name every kind).
    missing_proof: Vec<String>,
    claims: Vec<&'a Stored<super::mdf::Claim>>,
    /// Proof files not found on disk, for this request's lines in force.
    missing_files: BTreeMap<ExpenseId, Vec<String>>,
    /// The database's currency.
    currency: Currency,
}

/// The missing proof files of a balance's lines (the expenses in force).
fn balance_files(b: &RequestBalance, missing: &MissingFiles) -> BTreeMap<ExpenseId, Vec<String>> {
    b.lines
        .iter()
        .filter_map(|l| missing.get(&l.id).map(|f| (l.id, f.clone())))
        .filter(|(_, f)| !f.is_empty())
        .collect()
}

/// Holds that belong to the line itself (the user fixes the line), as
/// opposed to the request (approval, proof) or the approved cap.
fn is_line_hold(h: &Hold) -> bool {
    matches!(
        h,
        Hold::IneligibleCategory(_)
            | Hold::NoInvoice
            | Hold::OutsideFundPeriod { .. }
            | Hold::OutsideAgreement { .. }
    )
}

/// What to do about a hold.
fn fix(h: &Hold) -> &'static str {
    match h {
        Hold::IneligibleCategory(_) => {
            "withdraw it (with the reason), or correct the category if it was mis-filed"
        }
        Hold::NoInvoice => "add the invoice reference",
        Hold::OutsideFundPeriod { .. } => {
            "correct its date if it is wrong; otherwise this fund cannot pay it"
        }
        Hold::OutsideAgreement { .. } => {
            "correct its date, or the agreement's dates if they are wrong; otherwise MDF cannot pay it"
        }
        Hold::NoApprovedRequest => "claim once the request is approved",
        Hold::MissingProof(_) => "attach the missing proof to an expense of this request",
        Hold::OverApproved => "not claimable unless the approved amount is raised",
        Hold::OverAllocation => {
            "not claimable from this fund: its allocation is used up by earlier requests"
        }
    }
}

impl<'a> Facts<'a> {
    fn gather(
        program: &'a Program,
        id: RequestId,
        policies: &BTreeMap<String, Policy>,
        missing_files: &MissingFiles,
    ) -> Option<Facts<'a>> {
        let request = program.requests.get(id)?;
        let balance = ledger::request_balance(program, id, policies)?;
        let campaign = program.campaigns.get(request.campaign_id);
        let partner = campaign.and_then(|c| program.partners.get(c.partner_id));
        let fund = request.fund_id.and_then(|f| program.funds.get(f));
        let policy = ledger::policy_of(program, request, policies);
        let name = fund.map_or("default", |f| f.policy.as_str()).to_string();
        let known = policies.contains_key(&name);
        let all = program.expenses_of_request(id);
        let required = ledger::required_proof(request, &policy);
        let missing_proof = ledger::missing_proof(
            &required,
            balance
                .lines
                .iter()
                .filter(|l| !l.hold.as_ref().is_some_and(is_line_hold))
                .filter_map(|l| all.iter().find(|e| e.id == l.id))
                .map(|e| &e.value),
        );
        Some(Facts {
            request,
            campaign,
            partner,
            fund,
            policy_name: (name, known),
            policy,
            expenses: all.iter().map(|e| (e.id, *e)).collect(),
            withdrawn: all.into_iter().filter(|e| !e.is_active()).collect(),
            required,
            missing_proof,
            claims: program.claims_of(id),
            missing_files: balance_files(&balance, missing_files),
            balance,
            currency: program.currency,
        })
    }

    /// An amount in the database's currency.
    fn money(&self, amount: Decimal) -> String {
        self.currency.format(amount)
    }

    fn partner_name(&self) -> &str {
        self.partner
            .map_or("(unknown partner)", |p| p.name.as_str())
    }

    fn campaign_name(&self) -> &str {
        self.campaign
            .map_or("(unknown campaign)", |c| c.name.as_str())
    }

    fn file_stem(&self) -> String {
        stem(
            self.partner.map(|p| p.name.as_str()),
            self.campaign.map(|c| c.name.as_str()),
            self.request.id,
        )
    }

    /// `E7 (2026-02-10, venue, $4,000.00)`.
    fn line_label(&self, line: &Line) -> String {
        match self.expenses.get(&line.id) {
            Some(e) => format!(
                "E{} ({}, {}, {})",
                line.id,
                iso(e.spent_on),
                inline(&e.category),
                self.money(line.amount)
            ),
            None => format!("E{} ({})", line.id, self.money(line.amount)),
        }
    }

    fn blockers(&self) -> Vec<String> {
        let b = &self.balance;
        let r = self.request;
        let mut out = Vec::new();
        if r.status != RequestStatus::Approved {
            out.push(format!(
                "the request is {}, not approved: a claim needs an approved request",
                r.status
            ));
        }
        for (id, files) in &self.missing_files {
            if let Some(line) = b.lines.iter().find(|l| l.id == *id) {
                out.push(format!(
                    "{}'s proof is not on disk: {}; fix the path or put the file there",
                    self.line_label(line),
                    files.join(", ")
                ));
            }
        }
        if !self.missing_proof.is_empty() {
            out.push(format!(
                "proof of performance missing: {} (attach it to an expense of this request)",
                self.missing_proof.join(", ")
            ));
        }
        for line in &b.lines {
            if let Some(h) = line.hold.as_ref().filter(|h| is_line_hold(h)) {
                out.push(format!(
                    "{} is held: {}; {}",
                    self.line_label(line),
                    h.message(),
                    fix(h)
                ));
            }
        }
        if b.lines.is_empty() {
            out.push("no expenses are recorded under this request: add them with their invoices and proof".into());
        } else if out.is_empty() && b.claimable.is_zero() {
            out.push("nothing is claimable: every line is held".into());
        }
        out
    }

    /// The day the claim window closes, and the activity end it counts from.
    fn deadline(&self) -> Option<(NaiveDate, NaiveDate)> {
        let end = self.campaign?.end;
        Some((end, claim_deadline(end, &self.policy)))
    }

    /// When the first claim that used the window went out, if one did
    /// (rejected and $0 claims leave it open: G4's rule,
    /// [`super::program::ClaimWindow`]).
    fn first_submission(&self) -> Option<NaiveDate> {
        self.claims
            .iter()
            .filter(|c| c.uses_claim_window())
            .filter_map(|c| c.submitted_on)
            .min()
    }

    fn warnings(&self, today: NaiveDate) -> Vec<String> {
        let mut out = Vec::new();
        if let Some((end, deadline)) = self.deadline() {
            let in_time = self.first_submission().is_some_and(|s| s <= deadline);
            if today > deadline && !in_time {
                out.push(format!(
                    "the claim window closed on {} ({} days ago): the vendor may refuse a late claim; send this packet with an exception request",
                    iso(deadline),
                    days_between(deadline, today)
                ));
            }
            if today < end {
                out.push(format!(
                    "the activity ends on {}: expenses and proof may still come",
                    iso(end)
                ));
            }
        }
        let b = &self.balance;
        if b.claimed > b.claimable {
            out.push(format!(
                "claimed {} but only {} is claimable (held lines, missing proof or missing expenses): fix the lines or amend the claim",
                self.money(b.claimed),
                self.money(b.claimable)
            ));
        }
        out
    }
}

#[cfg(test)]
#[path = "packet_tests.rs"]
mod tests;
