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

use super::campaign::Campaign;
use super::currency::Currency;
use super::dates::{days_between, iso};
use super::expense::{Expense, MissingFiles, ProofRef};
use super::ids::{CampaignId, ExpenseId, RequestId, Stored};
use super::ledger::{self, Hold, Line, RequestBalance};
use super::markdown::{Align, Md, dash, inline};
use super::mdf::{ClaimStatus, Fund, MdfRequest, Policy, RequestStatus, claim_deadline};
use super::money::{format_multiple, round_cents};
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

/// What a packet target names: one request, or a campaign (one packet per
/// request, see [`packet_requests`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// One MDF request.
    Request(RequestId),
    /// A campaign.
    Campaign(CampaignId),
}

/// Why a packet target names nothing, or more than one thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    /// Nothing matches; `candidates` are what the user may have meant
    /// (near names, or the existing records), one line each.
    Unknown {
        /// What the user typed.
        target: String,
        /// Lines naming candidates, e.g. `campaign:3  Webinar (Acme)`.
        candidates: Vec<String>,
    },
    /// Where only a campaign is taken (`jmo results`, `jmo report
    /// plan|results`): no campaign has that name or id; `candidates` as
    /// for [`TargetError::Unknown`].
    NoCampaign {
        /// What the user typed.
        target: String,
        /// Lines naming candidates, e.g. `campaign:3  Webinar (Acme)`.
        candidates: Vec<String>,
    },
    /// Several campaigns have that name.
    Ambiguous {
        /// What the user typed.
        target: String,
        /// One line per match, e.g. `campaign:3  Webinar (Acme)`.
        candidates: Vec<String>,
    },
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, candidates) = match self {
            TargetError::Unknown { target, candidates } => (
                format!(
                    "no MDF request or campaign matches '{target}' (use R12, request:12, a campaign's name or campaign:ID)"
                ),
                candidates,
            ),
            TargetError::NoCampaign { target, candidates } => (
                format!("no campaign matches '{target}' (use its name or campaign:ID)"),
                candidates,
            ),
            TargetError::Ambiguous { target, candidates } => (
                format!("'{target}' names several campaigns; use campaign:ID"),
                candidates,
            ),
        };
        f.write_str(&head)?;
        if !candidates.is_empty() {
            f.write_str("; candidates:")?;
            for c in candidates {
                write!(f, "\n  {c}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for TargetError {}

/// How many candidates a [`TargetError`] lists at most.
pub const MAX_CANDIDATES: usize = 20;

/// Resolves what the user typed as a packet target: `R12`, `request:12` or
/// a bare number is request 12; `campaign:7` is campaign 7; anything else is
/// a campaign name, matched exactly ignoring case and surrounding spaces.
///
/// Errors: [`TargetError::Unknown`] (no such request, campaign or name,
/// with candidates) or [`TargetError::Ambiguous`] (several campaigns of
/// that name, listed).
pub fn resolve_target(program: &Program, text: &str) -> Result<Target, TargetError> {
    let typed = text.trim();
    let lower = typed.to_lowercase();
    let unknown = |candidates| TargetError::Unknown {
        target: typed.to_string(),
        candidates,
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let request_id = match lower.strip_prefix("request:") {
        Some(rest) => Some(rest.trim()),
        None => Some(lower.strip_prefix('r').unwrap_or(&lower)).filter(|s| digits(s)),
    };
    if let Some(text) = request_id {
        let id = Some(text)
            .filter(|s| digits(s))
            .and_then(|s| s.parse::<i64>().ok())
            .map(RequestId);
        return match id.filter(|&id| program.requests.get(id).is_some()) {
            Some(id) => Ok(Target::Request(id)),
            None => Err(unknown(request_lines(program))),
        };
    }
    campaign_named(program, typed, unknown).map(Target::Campaign)
}

/// Resolves a campaign alone (`jmo results`, `jmo report plan|results`):
/// `campaign:ID`, or its name ignoring case.
///
/// Errors: [`TargetError::NoCampaign`] with the near names (else every
/// campaign) as candidates; [`TargetError::Ambiguous`].
pub fn resolve_campaign(program: &Program, text: &str) -> Result<CampaignId, TargetError> {
    let typed = text.trim();
    campaign_named(program, typed, |candidates| TargetError::NoCampaign {
        target: typed.to_string(),
        candidates,
    })
}

/// `campaign:ID` or a campaign's name (ignoring case); `unknown` makes
/// the error for no match from its candidates.
fn campaign_named(
    program: &Program,
    typed: &str,
    unknown: impl Fn(Vec<String>) -> TargetError,
) -> Result<CampaignId, TargetError> {
    let lower = typed.to_lowercase();
    if let Some(rest) = lower.strip_prefix("campaign:") {
        let id = rest.trim().parse::<i64>().ok().map(CampaignId);
        return match id.filter(|&id| program.campaigns.get(id).is_some()) {
            Some(id) => Ok(id),
            None => Err(unknown(campaign_lines(program, |_| true))),
        };
    }
    let exact: Vec<&Stored<Campaign>> = program
        .campaigns
        .iter()
        .filter(|c| c.name.trim().to_lowercase() == lower)
        .collect();
    match exact.as_slice() {
        [one] => Ok(one.id),
        [] => {
            let near = campaign_lines(program, |c| {
                !lower.is_empty() && c.name.to_lowercase().contains(&lower)
            });
            Err(unknown(if near.is_empty() {
                campaign_lines(program, |_| true)
            } else {
                near
            }))
        }
        _ => Err(TargetError::Ambiguous {
            target: typed.to_string(),
            candidates: exact.iter().map(|c| campaign_line(program, c)).collect(),
        }),
    }
}

fn campaign_line(program: &Program, c: &Stored<Campaign>) -> String {
    let partner = program
        .partners
        .get(c.partner_id)
        .map_or("?", |p| p.name.as_str());
    format!("campaign:{}  {} ({partner})", c.id, c.name.trim())
}

fn campaign_lines(program: &Program, keep: impl Fn(&Campaign) -> bool) -> Vec<String> {
    program
        .campaigns
        .iter()
        .filter(|c| keep(c))
        .take(MAX_CANDIDATES)
        .map(|c| campaign_line(program, c))
        .collect()
}

fn request_lines(program: &Program) -> Vec<String> {
    program
        .requests
        .iter()
        .take(MAX_CANDIDATES)
        .map(|r| {
            let campaign = program.campaigns.get(r.campaign_id);
            let partner = campaign
                .and_then(|c| program.partners.get(c.partner_id))
                .map_or("?", |p| p.name.as_str());
            format!(
                "R{}  {partner} / {} ({}, {})",
                r.id,
                campaign.map_or("?", |c| c.name.as_str()),
                r.status,
                program.currency.format(r.amount)
            )
        })
        .collect()
}

fn no_such_request(request: RequestId) -> String {
    format!("there is no MDF request R{request}")
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

    fn markdown(&self, today: NaiveDate, missing: &[String], warnings: &[String]) -> String {
        let mut md = Md::default();
        md.line(format!(
            "# MDF reimbursement packet: {} — {} — request R{}",
            inline(self.partner_name()),
            inline(self.campaign_name()),
            self.request.id
        ));
        md.blank();
        if !missing.is_empty() {
            md.line(format!("> **{DRAFT_MARK}.** A final packet still needs:"));
            md.line(">");
            for m in missing {
                md.line(format!("> - {}", inline(m)));
            }
            md.blank();
        }
        for w in warnings {
            md.line(format!("> **Warning:** {}", inline(w)));
            md.blank();
        }
        md.line(format!(
            "Prepared on {} by jmo. All amounts in {}.",
            iso(today),
            self.currency.code()
        ));
        md.blank();
        self.request_section(&mut md);
        self.claim_section(&mut md);
        self.deadline_section(&mut md, today);
        self.proof_section(&mut md);
        self.lines_section(&mut md);
        self.held_section(&mut md);
        self.totals_section(&mut md);
        let mut text = md.0.trim_end().to_string();
        text.push('\n');
        text
    }

    fn request_section(&self, md: &mut Md) {
        let r = self.request;
        let c = self.campaign;
        let share = percent(self.policy.max_share_percent);
        let fund = match self.fund {
            Some(f) => format!(
                "{} ({} to {}, allocated {})",
                f.name,
                iso(f.period_start),
                iso(f.period_end),
                self.money(f.allocated)
            ),
            None => "none chosen".into(),
        };
        let (name, known) = &self.policy_name;
        let policy = format!(
            "{name}{}: vendor share up to {share}, claim window {} days",
            if *known {
                ""
            } else {
                " (not in the config: docs/domain.md §11 defaults apply)"
            },
            self.policy.claim_window_days
        );
        let campaign = match c {
            Some(c) => format!(
                "{} ({}, {} to {})",
                c.name,
                c.campaign_type,
                iso(c.start),
                iso(c.end)
            ),
            None => self.campaign_name().to_string(),
        };
        let date = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), iso);
        let mut rows = vec![
            vec!["Partner".into(), self.partner_name().to_string()],
            vec!["Campaign".into(), campaign],
            vec!["Request".into(), format!("R{}", r.id)],
            vec!["Status".into(), r.status.to_string()],
            vec!["Activity".into(), r.activity.to_string()],
            vec!["Fund".into(), fund],
            vec!["Policy".into(), policy],
            vec!["Requested".into(), self.money(r.amount)],
            vec!["Approved".into(), self.money(self.balance.approved)],
            vec!["Submitted".into(), date(r.submitted_on)],
            vec!["Decided".into(), date(r.decided_on)],
            vec!["Justification".into(), dash(&r.justification)],
            vec![
                "Expected ROI".into(),
                r.expected_roi
                    .map_or_else(|| "not stated".into(), |x| format_multiple(Some(x))),
            ],
        ];
        if let Some(reason) = r.reason.as_deref().filter(|s| !s.trim().is_empty()) {
            rows.push(vec!["Reason".into(), reason.to_string()]);
        }
        md.heading("Request");
        md.table(&[("field", Align::Left), ("value", Align::Left)], rows);
    }

    fn claim_section(&self, md: &mut Md) {
        let b = &self.balance;
        let share = self.policy.max_share_percent;
        md.heading("Claim");
        md.line(format!(
            "**Claim amount: {}** (the claimable amount).",
            self.money(b.claimable)
        ));
        md.blank();
        md.line("How it was computed:");
        md.blank();
        md.line(format!(
            "1. Each eligible line's vendor part is its amount × {} (the policy's maximum vendor share), rounded to the cent half away from zero (0.005 → 0.01), line by line.",
            percent(share)
        ));
        md.line(format!(
                        "2. Lines are taken in date order and the claim is capped at the approved {}: the line that crosses it counts for what is left of it, and lines after it are held.",
            self.money(b.approved)
        ));
        md.line(
            "3. The fund never pays more than it allocated: its requests share the allocation in the order they were submitted, and a line past it is capped or held the same way.",
        );
        md.line(
            "4. Held lines count for nothing; the claim is the sum of the counted vendor parts.",
        );
        md.blank();
        if b.lines.is_empty() {
            md.line("No expense line yet: nothing to compute.");
            md.blank();
        } else {
            self.computation_table(md);
        }
        for l in &b.lines {
            let Some(cap) = l.capped else { continue };
            let limit = match cap {
                ledger::Cap::Approved => format!("the approved {}", self.money(b.approved)),
                ledger::Cap::Allocation => "the fund's allocation".to_string(),
            };
            md.line(if l.claimable.is_zero() {
                format!(
                    "Capped: nothing of {limit} was left for E{}, so it is held.",
                    l.id
                )
            } else {
                format!(
                    "Capped: E{} counts {} of its vendor part of {}, what was left of {limit}.",
                    l.id,
                    self.money(l.claimable),
                    self.money(l.part)
                )
            });
        }
        if b.lines.iter().any(|l| l.capped.is_some()) {
            md.blank();
        }
        md.line("Claims recorded against this request:");
        md.blank();
        if self.claims.is_empty() {
            md.line("None yet.");
            md.blank();
        } else {
            let date = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), iso);
            let rows = self
                .claims
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.status.to_string(),
                        self.money(c.amount),
                        date(c.submitted_on),
                        date(c.paid_on),
                        c.paid_amount.map_or_else(|| "—".into(), |a| self.money(a)),
                        dash(&c.note),
                    ]
                })
                .collect();
            md.table(
                &[
                    ("claim", Align::Left),
                    ("status", Align::Left),
                    ("amount", Align::Right),
                    ("submitted", Align::Left),
                    ("paid on", Align::Left),
                    ("paid", Align::Right),
                    ("note", Align::Left),
                ],
                rows,
            );
        }
        let left = (b.claimable - b.claimed).max(Decimal::ZERO);
        md.line(format!(
            "Claimed so far (submitted, not rejected): {}. Left to claim: {}.",
            self.money(b.claimed),
            self.money(left)
        ));
        let disputed = self
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Disputed)
            .count();
        if disputed > 0 {
            md.line(format!("{disputed} claim(s) in dispute."));
        }
        md.blank();
    }

    /// The claim line by line: amount × share, rounded to the cent,
    /// counted or held, and the running total.
    fn computation_table(&self, md: &mut Md) {
        let b = &self.balance;
        let share = self.policy.max_share_percent;
        let mut running = Decimal::ZERO;
        let mut rows = Vec::new();
        for line in &b.lines {
            let exact = line.amount * share / Decimal::ONE_HUNDRED;
            running += line.claimable;
            let counted = match (&line.hold, line.capped) {
                (None, None) => "yes".to_string(),
                (None, Some(cap)) => format!(
                    "{} only: capped at {}",
                    self.money(line.claimable),
                    cap.label()
                ),
                (Some(h), _) => format!("no: held, {}", h.message()),
            };
            let date = self
                .expenses
                .get(&line.id)
                .map_or_else(String::new, |e| iso(e.spent_on));
            rows.push(vec![
                format!("E{}", line.id),
                date,
                self.money(line.amount),
                self.currency.format_exact(exact),
                self.money(round_cents(exact)),
                counted,
                self.money(running),
            ]);
        }
        let mut total = vec![String::new(); 6];
        total[0] = "**claim**".into();
        total.push(format!("**{}**", self.money(b.claimable)));
        rows.push(total);
        let times = format!("amount × {}", percent(share));
        md.table(
            &[
                ("expense", Align::Left),
                ("date", Align::Left),
                ("amount", Align::Right),
                (times.as_str(), Align::Right),
                ("vendor part", Align::Right),
                ("counted", Align::Left),
                ("running claim", Align::Right),
            ],
            rows,
        );
    }

    fn deadline_section(&self, md: &mut Md, today: NaiveDate) {
        md.heading("Deadline");
        let Some((end, deadline)) = self.deadline() else {
            md.line("Unknown: the request's campaign is missing.");
            md.blank();
            return;
        };
        let days = days_between(today, deadline);
        let state = match days {
            d if d > 1 => format!("{d} days left"),
            1 => "1 day left".into(),
            0 => "today is the last day".into(),
            -1 => "passed 1 day ago".into(),
            d => format!("passed {} days ago", -d),
        };
        md.line(format!(
            "Activity end {} + {} days' claim window ({} policy) = **{}**: {state} as of {}.",
            iso(end),
            self.policy.claim_window_days,
            self.policy_name.0,
            iso(deadline),
            iso(today)
        ));
        if let Some(s) = self.first_submission() {
            md.blank();
            md.line(format!(
                "First claim submitted on {}: {}.",
                iso(s),
                if s <= deadline { "in time" } else { "late" }
            ));
        }
        md.blank();
    }

    /// Lines whose proof counts (the ledger's rule): not held for a reason
    /// of their own.
    fn proof_counts(&self, line: &Line) -> bool {
        !line.hold.as_ref().is_some_and(is_line_hold)
    }

    fn proof_section(&self, md: &mut Md) {
        md.heading("Proof of performance");
        if self.required.is_empty() {
            md.line("Nothing is required for this activity.");
            md.blank();
            return;
        }
        let source = if self.request.proof_required.trim().is_empty() {
            format!(
                "Required by the {} policy for {}.",
                self.policy_name.0, self.request.activity
            )
        } else {
            "Required as agreed on the request.".to_string()
        };
        md.line(source);
        md.blank();
        let refs_of = |kind: &str, counting: bool| -> Vec<String> {
            self.balance
                .lines
                .iter()
                .filter(|l| self.proof_counts(l) == counting)
                .filter_map(|l| self.expenses.get(&l.id))
                .flat_map(|e| {
                    e.proofs()
                        .into_iter()
                        .filter(|p| ledger::proof_meets(kind, &p.kind))
                        .map(|p| format!("E{}: {}", e.id, p.reference))
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let rows = self
            .required
            .iter()
            .map(|kind| {
                let missing = self
                    .missing_proof
                    .iter()
                    .any(|m| m.trim().eq_ignore_ascii_case(kind.trim()));
                let (status, refs) = if missing {
                    let held = refs_of(kind, false);
                    let note = if held.is_empty() {
                        "—".to_string()
                    } else {
                        format!("only on held lines: {}", held.join("; "))
                    };
                    ("**missing**".to_string(), note)
                } else {
                    ("on file".to_string(), refs_of(kind, true).join("; "))
                };
                vec![kind.clone(), status, refs]
            })
            .collect();
        md.table(
            &[
                ("required proof", Align::Left),
                ("status", Align::Left),
                ("references", Align::Left),
            ],
            rows,
        );
    }

    fn lines_section(&self, md: &mut Md) {
        let b = &self.balance;
        md.heading("Expense lines");
        if b.lines.is_empty() {
            md.line("No expense is recorded under this request.");
            md.blank();
        } else {
            let mut rows: Vec<Vec<String>> = b
                .lines
                .iter()
                .map(|l| {
                    let e = self.expenses.get(&l.id);
                    let field = |f: fn(&Expense) -> String| e.map(|e| f(e)).unwrap_or_default();
                    vec![
                        format!("E{}", l.id),
                        field(|e| iso(e.spent_on)),
                        field(|e| dash(&e.category)),
                        field(|e| dash(&e.vendor)),
                        field(|e| dash(&e.invoice_ref)),
                        self.money(l.amount),
                        self.money(l.claimable),
                        match (&l.hold, l.capped) {
                            (None, None) => "eligible".into(),
                            (None, Some(cap)) => format!("eligible, capped at {}", cap.label()),
                            (Some(h), _) => format!("held: {}", h.message()),
                        },
                        dash(&e.map(|e| proof_text(&e.proofs(), "; ")).unwrap_or_default()),
                    ]
                })
                .collect();
            rows.push(vec![
                "**total**".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("**{}**", self.money(b.spent)),
                format!("**{}**", self.money(b.claimable)),
                String::new(),
                String::new(),
            ]);
            md.table(
                &[
                    ("expense", Align::Left),
                    ("date", Align::Left),
                    ("category", Align::Left),
                    ("vendor", Align::Left),
                    ("invoice", Align::Left),
                    ("amount", Align::Right),
                    ("vendor part", Align::Right),
                    ("status", Align::Left),
                    ("proof", Align::Left),
                ],
                rows,
            );
        }
        if !self.withdrawn.is_empty() {
            md.line("Withdrawn, not counted:");
            md.blank();
            for e in &self.withdrawn {
                md.line(format!(
                    "- E{} ({}, {}, {}): {}",
                    e.id,
                    iso(e.spent_on),
                    inline(&e.category),
                    self.money(e.amount),
                    inline(e.withdrawn.as_deref().unwrap_or(""))
                ));
            }
            md.blank();
        }
    }

    fn held_section(&self, md: &mut Md) {
        md.heading("Held lines and why");
        let held: Vec<(&Line, &Hold)> = self
            .balance
            .lines
            .iter()
            .filter_map(|l| l.hold.as_ref().map(|h| (l, h)))
            .collect();
        if held.is_empty() {
            md.line("None: every line is eligible.");
        } else {
            for (line, h) in held {
                md.line(format!(
                    "- {}: {}. To do: {}.",
                    self.line_label(line),
                    inline(&h.message()),
                    fix(h)
                ));
            }
        }
        md.blank();
    }

    fn totals_section(&self, md: &mut Md) {
        let b = &self.balance;
        md.heading("Totals");
        let row = |k: &str, v: Decimal| vec![k.to_string(), self.money(v)];
        md.table(
            &[("total", Align::Left), ("amount", Align::Right)],
            vec![
                row("Requested", b.requested),
                row("Approved", b.approved),
                row("Spent (lines in force)", b.spent),
                row("Eligible", b.eligible),
                row("Held", b.held),
                row("Claimable (this claim)", b.claimable),
                row("Claimed (submitted claims)", b.claimed),
                row("Reimbursed", b.reimbursed),
            ],
        );
    }

    fn csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(CSV_HEADER)?;
        let share = self.policy.max_share_percent.normalize().to_string();
        for l in &self.balance.lines {
            let e = self.expenses.get(&l.id);
            let text = |f: fn(&Expense) -> String| e.map(|e| f(e)).unwrap_or_default();
            w.write_record([
                l.id.to_string(),
                text(|e| iso(e.spent_on)),
                text(|e| inert(e.category.trim())),
                text(|e| inert(e.vendor.trim())),
                text(|e| inert(e.invoice_ref.trim())),
                self.currency.plain(l.amount),
                share.clone(),
                self.currency.plain(l.claimable),
                if l.hold.is_some() { "held" } else { "eligible" }.to_string(),
                match (&l.hold, l.capped) {
                    (Some(h), _) => h.message(),
                    (None, Some(cap)) => format!("capped at {}", cap.label()),
                    (None, None) => String::new(),
                },
                e.map(|e| inert(&proof_text(&e.proofs(), " | ")))
                    .unwrap_or_default(),
                self.currency.code().to_string(),
            ])?;
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A typed text made inert for spreadsheets: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so a
/// spreadsheet opening the CSV shows it as text and never runs it as a
/// formula (OWASP "CSV injection").
fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// `kind: reference` joined with `sep`.
fn proof_text(refs: &[ProofRef], sep: &str) -> String {
    refs.iter()
        .map(|p| format!("{}: {}", p.kind, p.reference))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A percentage for text: `50%`, `62.5%`.
fn percent(p: Decimal) -> String {
    format!("{}%", p.normalize())
}

#[cfg(test)]
#[path = "packet_tests.rs"]
mod tests;
