//! Guardrail checks (docs/domain.md §6, G1–G9), the type-range warnings (docs/domain.md §2)
//! and the MDF policy findings (docs/domain.md §11, M1–M9).
//!
//! Pure functions of the [`Program`], the thresholds, the MDF policies, the
//! proof files the caller did not find on disk, and "today". Each check yields [`Finding`]s that say what is wrong and what
//! to do. Checks are per partner (G6 counts a partner's campaigns), so an
//! edit re-checks only the partner it touched.
//!
//! Which campaigns each rule looks at:
//! - cancelled campaigns are never checked;
//! - G1, G2, G3, G7, G9 and the type ranges (T1, T2) concern campaigns
//!   still being worked (planned or live; G7 planned only, it is a planning
//!   rule);
//! - G4, G5 and G8 also apply to completed campaigns (claims, consent and CRM
//!   tracking matter after the end);
//! - the MDF ledger's findings (M6 held expenses, M7 over-claimed, M8 proof
//!   files not found) apply to
//!   every campaign, cancelled ones too: money spent or claimed stays
//!   wrong after a cancellation, and the ledger promises a finding for it.

use super::campaign::{Campaign, CampaignStatus};
use super::consent;
use super::dates::{days_between, shift, short};
use super::expense::MissingFiles;
use super::ids::{CampaignId, PartnerId, RecordRef, Stored};
use super::keyed::keyed_enum;
use super::ledger;
use super::mdf::{Policy, RequestStatus};
use super::milestone::{MilestoneKind, MilestoneStatus};
use super::partner::Partner;
use super::program::Program;
use super::words;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

keyed_enum!(
    /// The rules a finding can come from.
    Rule {
        /// Partner approval on all co-branded assets.
        G1 = ("G1", "partner approval on co-branded assets"),
        /// Follow both companies' brand guidelines.
        G2 = ("G2", "brand guidelines on file"),
        /// Clear lead attribution rules before launch.
        G3 = ("G3", "lead attribution agreed before launch"),
        /// MDF claims within the claim window after campaign end.
        G4 = ("G4", "MDF claim within the claim window"),
        /// No sharing of partner customer data without consent.
        G5 = ("G5", "consent for partner customer data"),
        /// At most 3 active campaigns per partner.
        G6 = ("G6", "at most 3 active campaigns per partner"),
        /// At least 6 weeks' lead time for events.
        G7 = ("G7", "6 weeks' lead time for events"),
        /// Track all campaigns in CRM.
        G8 = ("G8", "campaign tracked in CRM"),
        /// No milestone left blocked (issue 11): a blocked milestone
        /// holds up the campaign until what blocks it is cleared.
        G9 = ("G9", "no milestone left blocked"),
        /// Budget outside the type's typical range (docs/domain.md §2).
        T1 = ("T1", "budget in the type's typical range"),
        /// Lead target outside the type's typical range (docs/domain.md §2).
        T2 = ("T2", "lead target in the type's typical range"),
        /// MDF request made later than the policy's lead time (docs/domain.md §11).
        M1 = ("M1", "MDF request within the policy's lead time"),
        /// MDF request below the policy's minimum (docs/domain.md §11).
        M2 = ("M2", "MDF request at least the policy's minimum"),
        /// MDF request above the maximum vendor share (docs/domain.md §11).
        M3 = ("M3", "MDF request within the maximum vendor share"),
        /// Requests above the fund's remaining allocation (docs/domain.md §6, §11).
        M4 = ("M4", "MDF requests within the fund's allocation"),
        /// A fund ending soon with money unclaimed (docs/domain.md §11).
        M5 = ("M5", "MDF fund used before it expires"),
        /// A held expense: not claimable, with the reason (docs/domain.md §6, §11).
        M6 = ("M6", "MDF expenses eligible and proven"),
        /// More claimed than is claimable (docs/domain.md §11).
        M7 = ("M7", "MDF claims within what is claimable"),
        /// A proof file an expense refers to is not on disk (docs/domain.md §11).
        M8 = ("M8", "MDF proof files found"),
        /// A fund names a policy the config does not define (docs/domain.md §11).
        M9 = ("M9", "MDF fund's policy defined in the config"),
        /// The tier set differs from the tier the numbers earn (docs/domain.md §10).
        P1 = ("P1", "partner tier matches its numbers"),
        /// The monthly check-in is overdue (docs/domain.md §10.5, seed 002).
        P2 = ("P2", "monthly check-in held on time"),
        /// The quarterly business review is overdue (docs/domain.md §10.5, seed 002).
        P3 = ("P3", "QBR held on time"),
    }
);

keyed_enum!(
    /// How bad a finding is.
    Severity {
        /// Must be fixed: the plan breaks a rule now.
        Error = ("error", "error"),
        /// Will become an error, or is unusual: look at it.
        Warning = ("warning", "warning"),
    }
);

/// One broken rule on one record (docs/domain.md §6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule.
    pub rule: Rule,
    /// Error or warning.
    pub severity: Severity,
    /// The partner concerned.
    pub partner_id: PartnerId,
    /// The campaign concerned, if any.
    pub campaign_id: Option<CampaignId>,
    /// The record to fix (Enter on the finding jumps to it).
    pub record: RecordRef,
    /// What is wrong and what to do.
    pub message: String,
    /// Since when this severity applies, where a date says so.
    pub since: Option<NaiveDate>,
}

/// Configurable thresholds of the guardrails (docs/domain.md §6 "Thresholds are
/// configurable; these are the defaults"). Read from the config file's
/// `[guardrails]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// G6: most active campaigns a partner may have. Default 3.
    pub max_active_campaigns: usize,
    /// G7: least days from start to launch for events. Default 42 (6 weeks).
    pub event_lead_time_days: i64,
    /// G3: warn when launch is this many days away or fewer. Default 14.
    pub attribution_warning_days: i64,
    /// G4: warn in the last this-many days of the claim window. Default 7.
    pub claim_warning_days: i64,
    /// T1/T2: warn when budget or lead target is outside the type's range.
    pub type_range_warnings: bool,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            max_active_campaigns: 3,
            event_lead_time_days: 42,
            attribution_warning_days: 14,
            claim_warning_days: 7,
            type_range_warnings: true,
        }
    }
}

/// Everything a check needs besides the program.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The date to evaluate as of.
    pub today: NaiveDate,
    /// Thresholds.
    pub thresholds: &'a Thresholds,
    /// MDF program policies by name; a fund whose policy is missing here
    /// (an M9 error), or a request without a fund, uses
    /// [`Policy::default`] (docs/domain.md §11). "default" always counts as defined.
    pub policies: &'a BTreeMap<String, Policy>,
    /// How M9 names the config file: its path, or "the config file".
    pub config_file: &'a str,
    /// Proof files not found on disk, by expense (M8); the caller checks
    /// the disk.
    pub missing_files: &'a MissingFiles,
}

/// Checks every partner; findings sorted by [`sort_findings`].
pub fn check_all(program: &Program, ctx: &Context<'_>) -> Vec<Finding> {
    let mut out: Vec<Finding> = program
        .partners
        .iter()
        .flat_map(|p| check_partner(program, p.id, ctx))
        .collect();
    sort_findings(&mut out);
    out
}

/// The order findings are shown in: errors first, then by partner,
/// campaign, rule, record.
pub fn finding_order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    a.severity
        .cmp(&b.severity)
        .then(a.partner_id.cmp(&b.partner_id))
        .then(a.campaign_id.cmp(&b.campaign_id))
        .then(a.rule.cmp(&b.rule))
        .then(a.record.cmp(&b.record))
}

/// Sorts findings by [`finding_order`].
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(finding_order);
}

/// Checks one partner and its campaigns (all rules). Unknown partner: none.
pub fn check_partner(program: &Program, partner_id: PartnerId, ctx: &Context<'_>) -> Vec<Finding> {
    let ledger = ledger::PartnerLedger::of(program, partner_id, ctx.policies, ctx.today);
    check_partner_with(program, partner_id, ctx, &ledger)
}

/// [`check_partner`] with the partner's MDF ledger already derived (as of
/// `ctx.today`, under `ctx.policies`), so a caller that keeps the balances
/// derives them once.
pub fn check_partner_with(
    program: &Program,
    partner_id: PartnerId,
    ctx: &Context<'_>,
    ledger: &ledger::PartnerLedger,
) -> Vec<Finding> {
    let Some(partner) = program.partners.get(partner_id) else {
        return Vec::new();
    };
    // An archived partner (agreement ended) is kept for its history only.
    if partner.is_archived() {
        return Vec::new();
    }
    let mut out = Vec::new();
    partner_rules(program, partner, ctx.today, &mut out);
    let campaigns = program.campaigns_of(partner_id);
    for c in &campaigns {
        let f = Finder {
            partner,
            campaign: c,
            ctx,
            program,
            ledger,
        };
        f.mdf_ledger(&mut out);
        if c.status == CampaignStatus::Cancelled {
            continue;
        }
        let open = !c.status.is_closed();
        if open {
            f.g1_asset_approval(&mut out);
            f.g2_brand_guidelines(&mut out);
            f.g3_attribution(&mut out);
            f.g9_blocked_milestones(&mut out);
            f.type_ranges(&mut out);
        }
        if c.status == CampaignStatus::Planned {
            f.g7_event_lead_time(&mut out);
        }
        f.g4_claim_window(&mut out);
        f.g8_crm(&mut out);
        f.mdf_requests(&mut out);
    }
    g5_consent(program, partner, &mut out);
    g6_active_limit(partner, &campaigns, ctx, &mut out);
    mdf_funds(program, partner, ctx, ledger, &mut out);
    sort_findings(&mut out);
    out
}

/// G5: every record that carries the partner's customer data while its
/// consent is not recorded ([`consent::withheld_of`], the definition the
/// export doors use too): an error on the record. Records of cancelled
/// campaigns are not checked (see the module docs).
fn g5_consent(program: &Program, partner: &Stored<Partner>, out: &mut Vec<Finding>) {
    for w in consent::withheld_of(program, partner.id) {
        let campaign = program.campaign_of(w.record);
        if campaign
            .and_then(|c| program.campaigns.get(c))
            .is_some_and(|c| c.status == CampaignStatus::Cancelled)
        {
            continue;
        }
        out.push(Finding {
            rule: Rule::G5,
            severity: Severity::Error,
            partner_id: partner.id,
            campaign_id: campaign,
            record: w.record,
            message: format!(
                "This {} uses {}'s customer data but their consent is not recorded. Record the consent date (Partners → e) or {}.",
                w.record.kind_label(),
                partner.name,
                w.stop
            ),
            since: None,
        });
    }
}

/// The partner's own rules (docs/domain.md §10): P1 the tier set against the tier
/// its recorded revenue and referrals earn (partners with a signed
/// agreement); P2 / P3 an overdue check-in or QBR (warnings).
fn partner_rules(
    program: &Program,
    partner: &Stored<Partner>,
    today: NaiveDate,
    out: &mut Vec<Finding>,
) {
    let finding = |rule: Rule, message: String, since: Option<NaiveDate>| Finding {
        rule,
        severity: Severity::Warning,
        partner_id: partner.id,
        campaign_id: None,
        record: RecordRef::Partner(partner.id),
        message,
        since,
    };
    // Without a signed agreement no tier is earned; the profile says so,
    // but it is not a finding (many programs record agreements elsewhere).
    if let Some(earned) = partner.earned_tier()
        && earned != partner.tier
    {
        out.push(finding(
            Rule::P1,
            format!(
                "'{}' is set at {} but its numbers ({} revenue, {} referrals) earn {}: update the tier or the numbers",
                partner.name,
                partner.tier,
                program.currency.format(partner.recorded_revenue),
                partner.referrals,
                earned
            ),
            None,
        ));
    }
    for c in super::relationship::cadences(program, partner.id, today) {
        let (Some(due), Some(late)) = (c.next_due, c.overdue_days) else {
            continue;
        };
        // Where its notes are written: `n` (main screen or profile) opens
        // today's check-in; a QBR's notes are `Q` in the profile.
        let (rule, keys) = match c.kind {
            super::meeting::MeetingKind::CheckIn => (Rule::P2, "n on the partner"),
            super::meeting::MeetingKind::Qbr => (Rule::P3, "Enter on the partner, then Q"),
        };
        let last = c
            .last_held
            .map_or("none held yet".to_string(), |d| format!("last held {d}"));
        out.push(finding(
            rule,
            format!(
                "{} with '{}' was due {due} ({late} day{} ago; {last}): hold it and record its notes ({keys})",
                c.kind.label(),
                partner.name,
                if late == 1 { "" } else { "s" }
            ),
            Some(due),
        ));
    }
}

/// The checks of one campaign, with what they share.
struct Finder<'a> {
    partner: &'a Stored<Partner>,
    campaign: &'a Stored<Campaign>,
    ctx: &'a Context<'a>,
    program: &'a Program,
    ledger: &'a ledger::PartnerLedger,
}

impl Finder<'_> {
    fn finding(
        &self,
        rule: Rule,
        severity: Severity,
        record: RecordRef,
        message: String,
        since: Option<NaiveDate>,
    ) -> Finding {
        Finding {
            rule,
            severity,
            partner_id: self.partner.id,
            campaign_id: Some(self.campaign.id),
            record,
            message,
            since,
        }
    }

    fn today(&self) -> NaiveDate {
        self.ctx.today
    }

    /// An amount in the program's currency.
    fn money(&self, amount: Decimal) -> String {
        self.program.currency.format(amount)
    }

    /// G1: a co-branded asset not approved by the partner: warning; error
    /// once today ≥ "Promotion begins" or the campaign has launched.
    fn g1_asset_approval(&self, out: &mut Vec<Finding>) {
        let promo = self
            .program
            .milestone_due(self.campaign, MilestoneKind::PromotionBegins);
        let launched = self.campaign.has_launched(self.today());
        for a in self.program.assets_of(self.campaign.id) {
            if !a.needs_approval() {
                continue;
            }
            let (severity, since) = if self.today() >= promo {
                (Severity::Error, Some(promo))
            } else if launched {
                (
                    Severity::Error,
                    Some(self.campaign.launch.min(self.today())),
                )
            } else {
                (Severity::Warning, None)
            };
            let when = if self.today() >= promo || launched {
                format!("promotion began {}", short(promo, self.today()))
            } else {
                format!("promotion begins {}", short(promo, self.today()))
            };
            out.push(self.finding(
                Rule::G1,
                severity,
                RecordRef::Asset(a.id),
                format!(
                    "Co-branded asset '{}' is not approved by {} ({when}). Get the approval, then tick it: Checklist → asset → Space.",
                    a.name, self.partner.name
                ),
                since,
            ));
        }
    }

    /// G2: the partner has no brand guidelines on file: warning; error once
    /// "Assets finalized" is due (today ≥ its date).
    fn g2_brand_guidelines(&self, out: &mut Vec<Finding>) {
        if self.partner.brand_guidelines_on_file {
            return;
        }
        let due = self
            .program
            .milestone_due(self.campaign, MilestoneKind::AssetsFinalized);
        let error = self.today() >= due;
        out.push(self.finding(
            Rule::G2,
            if error { Severity::Error } else { Severity::Warning },
            RecordRef::Partner(self.partner.id),
            format!(
                "{} has no brand guidelines on file; assets {} finalized {}. Get them and mark them on file: Partners → e.",
                self.partner.name,
                if error { "were to be" } else { "are to be" },
                short(due, self.today())
            ),
            error.then_some(due),
        ));
    }

    /// G3: attribution rules not agreed: warning within N (14) days of
    /// launch; error on or after launch.
    fn g3_attribution(&self, out: &mut Vec<Finding>) {
        if self.campaign.attribution_agreed {
            return;
        }
        let launch = self.campaign.launch;
        let days = days_between(self.today(), launch);
        let (severity, since, when) = if self.campaign.has_launched(self.today()) {
            (
                Severity::Error,
                Some(launch.min(self.today())),
                format!("it launched {}", short(launch, self.today())),
            )
        } else if days <= self.ctx.thresholds.attribution_warning_days {
            (
                Severity::Warning,
                Some(shift(launch, -self.ctx.thresholds.attribution_warning_days)),
                format!(
                    "launch is in {} (on {})",
                    plural_days(days),
                    short(launch, self.today())
                ),
            )
        } else {
            return;
        };
        out.push(self.finding(
            Rule::G3,
            severity,
            RecordRef::Campaign(self.campaign.id),
            format!(
                "Lead attribution rules are not agreed with {}; {when}. Agree who owns which leads, then set 'Attribution agreed': Timeline → e.",
                self.partner.name
            ),
            since,
        ));
    }

    /// G4: an approved MDF request with no claim submitted: warning in the
    /// last N (7) days of the policy's claim window (days left shown); error
    /// once the window has passed, and when the first claim went out after
    /// it. Rejected and $0 claims leave the window open
    /// ([`crate::domain::program::ClaimWindow`]).
    fn g4_claim_window(&self, out: &mut Vec<Finding>) {
        use crate::domain::program::ClaimWindow;
        for r in self.program.requests_of(self.campaign.id) {
            let Some((window, policy)) = self.program.claim_window(r.id, self.ctx.policies) else {
                continue;
            };
            let deadline = match window {
                ClaimWindow::Open { deadline } => deadline,
                ClaimWindow::Claimed { .. } => continue,
                ClaimWindow::Late { deadline, on } => {
                    out.push(self.finding(
                        Rule::G4,
                        Severity::Error,
                        RecordRef::Request(r.id),
                        format!(
                            "MDF claim submitted on {on}, {} after the {}-day claim window closed on {deadline}: the vendor may refuse it. Ask {} for an exception and note it on the claim: MDF → e.",
                            plural_days(days_between(deadline, on)),
                            policy.claim_window_days,
                            self.partner.name
                        ),
                        Some(shift(deadline, 1)),
                    ));
                    continue;
                }
            };
            let left = days_between(self.today(), deadline);
            let warn_days = self.ctx.thresholds.claim_warning_days;
            let amount = self.money(r.approved());
            let (severity, since, message) = if left < 0 {
                (
                    Severity::Error,
                    shift(deadline, 1),
                    format!(
                        "MDF claim for {amount} not submitted; the {}-day claim window closed {} ({} ago). Submit it now and ask {} for an exception: MDF → a → claim.",
                        policy.claim_window_days,
                        short(deadline, self.today()),
                        plural_days(-left),
                        self.partner.name
                    ),
                )
            } else if left < warn_days {
                (
                    Severity::Warning,
                    shift(deadline, -(warn_days - 1)),
                    format!(
                        "MDF claim for {amount} not submitted; {} left (window closes {}). Submit the claim: MDF → a → claim.",
                        plural_days(left),
                        short(deadline, self.today())
                    ),
                )
            } else {
                continue;
            };
            out.push(self.finding(
                Rule::G4,
                severity,
                RecordRef::Request(r.id),
                message,
                Some(since),
            ));
        }
    }

    /// G7: a virtual or in-person event with launch − start < 42 days: error.
    fn g7_event_lead_time(&self, out: &mut Vec<Finding>) {
        let c = self.campaign;
        let min = self.ctx.thresholds.event_lead_time_days;
        let lead = days_between(c.start, c.launch);
        if c.campaign_type.is_event() && lead < min {
            out.push(self.finding(
                Rule::G7,
                Severity::Error,
                RecordRef::Campaign(c.id),
                format!(
                    "{} has {} of lead time from kickoff to launch; events need at least {min}. Move the launch to {} or later: Timeline → e.",
                    c.campaign_type.label(),
                    plural_days(lead),
                    short(shift(c.start, min), self.today())
                ),
                None,
            ));
        }
    }

    /// G8: no CRM campaign id: warning while planned (not launched); error
    /// once launched.
    fn g8_crm(&self, out: &mut Vec<Finding>) {
        let c = self.campaign;
        if c.crm_id.as_deref().is_some_and(|id| !id.trim().is_empty()) {
            return;
        }
        let launched = c.has_launched(self.today());
        out.push(self.finding(
            Rule::G8,
            if launched { Severity::Error } else { Severity::Warning },
            RecordRef::Campaign(c.id),
            format!(
                "Not in the CRM, so its leads cannot be attributed: create \"{}\" in Salesforce (jmo crm export salesforce, load Campaign.csv, then jmo crm import <success file> --apply) or type its Id: Timeline → e.",
                super::campaign::crm_campaign_name(&self.partner.name, &c.name)
            ),
            launched.then_some(c.launch.min(self.today())),
        ));
    }

    /// G9: a blocked milestone: a warning on the milestone, saying what is
    /// blocked, why (its reason), and what to do.
    fn g9_blocked_milestones(&self, out: &mut Vec<Finding>) {
        for m in self.program.milestones_of(self.campaign.id) {
            if m.status != MilestoneStatus::Blocked {
                continue;
            }
            let reason = m
                .blocked_reason
                .as_deref()
                .map(|r| r.trim().trim_end_matches('.'))
                .filter(|r| !r.is_empty())
                .unwrap_or("no reason given");
            let due = if m.due < self.today() {
                "was due"
            } else {
                "due"
            };
            out.push(self.finding(
                Rule::G9,
                Severity::Warning,
                RecordRef::Milestone(m.id),
                format!(
                    "Milestone '{}' ({due} {}) is blocked: {reason}. Clear what blocks it, then unblock it: Timeline → b on the milestone.",
                    m.name,
                    short(m.due, self.today())
                ),
                None,
            ));
        }
    }

    /// T1/T2: budget or lead target outside the type's typical range (docs/domain.md §2).
    fn type_ranges(&self, out: &mut Vec<Finding>) {
        if !self.ctx.thresholds.type_range_warnings {
            return;
        }
        let c = self.campaign;
        let t = c.campaign_type;
        let (lo, hi) = t.typical_budget();
        if c.budget < lo || c.budget > hi {
            out.push(self.finding(
                Rule::T1,
                Severity::Warning,
                RecordRef::Campaign(c.id),
                format!(
                    "Budget {} is outside the typical range for {}: {}. Check the budget (MDF → e) or the type.",
                    self.money(c.budget),
                    words::a(t.noun()),
                    t.typical_budget_text(self.program.currency)
                ),
                None,
            ));
        }
        if let Some(target) = c.lead_target {
            let (lo, hi) = t.expected_leads();
            if target < lo || target > hi {
                out.push(self.finding(
                    Rule::T2,
                    Severity::Warning,
                    RecordRef::Campaign(c.id),
                    format!(
                        "Lead target {target} is outside the typical range for {}: {lo}–{hi}. Check the target: Timeline → e.",
                        words::a(t.noun())
                    ),
                    None,
                ));
            }
        }
    }
}

impl Finder<'_> {
    /// M1, M2, M3: each of the campaign's MDF requests against its policy
    /// (docs/domain.md §11).
    fn mdf_requests(&self, out: &mut Vec<Finding>) {
        let today = self.today();
        let mut requests = self.program.requests_of(self.campaign.id);
        requests.sort_by_key(|r| (r.submitted_on.is_none(), r.submitted_on, r.id));
        // M3 counts the campaign's requests together, in submission order.
        let mut asked = Decimal::ZERO;
        for r in requests {
            let policy = ledger::policy_of(self.program, r, self.ctx.policies);
            let pending_or_approved = ledger::counts_as_requested(r.status);
            let record = RecordRef::Request(r.id);
            if pending_or_approved {
                // M1: submitted on or after the cutoff day.
                let cutoff = ledger::lead_time_cutoff(self.campaign.start, &policy);
                if let Some(submitted) = r.submitted_on
                    && submitted >= cutoff
                {
                    let unit = if policy.lead_time_business_days {
                        "business days"
                    } else {
                        "days"
                    };
                    out.push(self.finding(
                        Rule::M1,
                        Severity::Warning,
                        record,
                        format!(
                            "MDF request submitted {}, later than the policy's {} {unit} before the {} start (submit by {}). Expect pushback; note the reason in the request: MDF → e.",
                            short(submitted, today),
                            policy.lead_time,
                            short(self.campaign.start, today),
                            short(shift(cutoff, -1), today)
                        ),
                        Some(submitted),
                    ));
                }
                // M2: below the minimum.
                if r.amount < policy.min_request {
                    out.push(self.finding(
                        Rule::M2,
                        Severity::Warning,
                        record,
                        format!(
                            "MDF request for {} is below the policy's minimum of {}. Combine it with another activity or raise it: MDF → e.",
                            self.money(r.amount),
                            self.money(policy.min_request)
                        ),
                        None,
                    ));
                }
                // M3: the campaign's requests so far ask more than the
                // maximum share of the activity's cost (an approved one
                // counts for what was approved, a pending one for its ask).
                let cap = ledger::vendor_part(self.campaign.total_cost(), policy.max_share_percent);
                let before = asked;
                asked += if r.status == RequestStatus::Approved {
                    r.approved()
                } else {
                    r.amount
                };
                if asked > cap {
                    let with = if before.is_zero() {
                        String::new()
                    } else {
                        format!(
                            " (with the campaign's earlier requests, {} in all)",
                            self.money(asked)
                        )
                    };
                    out.push(self.finding(
                        Rule::M3,
                        Severity::Warning,
                        record,
                        format!(
                            "MDF request for {}{with} is more than {}% of the campaign's cost ({} of {}). Lower it: MDF → e.",
                            self.money(r.amount),
                            policy.max_share_percent.normalize(),
                            self.money(cap),
                            self.money(self.campaign.total_cost())
                        ),
                        None,
                    ));
                }
            }
        }
    }

    /// M6, M7: each of the campaign's MDF requests' expenses and claims
    /// against the ledger (docs/domain.md §11); M8: each expense in force whose proof
    /// files are not found.
    fn mdf_ledger(&self, out: &mut Vec<Finding>) {
        for e in self.program.expenses_of(self.campaign.id) {
            let Some(files) = self.ctx.missing_files.get(&e.id) else {
                continue;
            };
            if !e.is_active() || files.is_empty() {
                continue;
            }
            out.push(self.finding(
                Rule::M8,
                Severity::Warning,
                RecordRef::Expense(e.id),
                format!(
                    "Expense '{}' ({}) refers to proof not found on disk: {}. The vendor will ask for it: fix the path or put the file there (MDF → Enter on the request → e).",
                    e.category,
                    self.money(e.amount),
                    files.join(", ")
                ),
                None,
            ));
        }
        for r in self.program.requests_of(self.campaign.id) {
            let pending_or_approved = ledger::counts_as_requested(r.status);
            let record = RecordRef::Request(r.id);
            let Some(balance) = self.ledger.requests.get(&r.id) else {
                continue;
            };
            // M6: held expenses (a pending request's lines wait for approval, not flagged).
            for line in &balance.lines {
                let Some(hold) = &line.hold else { continue };
                if matches!(hold, ledger::Hold::NoApprovedRequest) && pending_or_approved {
                    continue;
                }
                // Spent beyond what was approved or allocated: ours to pay,
                // nothing to fix on the line (the line shows it).
                if matches!(
                    hold,
                    ledger::Hold::OverApproved | ledger::Hold::OverAllocation
                ) {
                    continue;
                }
                let category = self
                    .program
                    .expenses
                    .get(line.id)
                    .map_or(String::new(), |e| e.category.clone());
                out.push(self.finding(
                    Rule::M6,
                    Severity::Warning,
                    RecordRef::Expense(line.id),
                    format!(
                        "Expense '{category}' ({}) is held, not claimable: {}. Fix it: MDF → Enter on the request → e.",
                        self.money(line.amount),
                        hold.message()
                    ),
                    None,
                ));
            }
            // M7: claimed more than is claimable.
            if balance.claimed > balance.claimable {
                out.push(self.finding(
                    Rule::M7,
                    Severity::Error,
                    record,
                    format!(
                        "Claimed {} but only {} is claimable (held or capped lines, missing proof, or the fund's allocation used up). Fix the lines or amend the claim: MDF → Enter on the request.",
                        self.money(balance.claimed),
                        self.money(balance.claimable)
                    ),
                    None,
                ));
            }
        }
    }
}

/// M4, M5: each of the partner's funds: committed beyond its allocation,
/// pending requests asking more than is left, unclaimed money expiring.
fn mdf_funds(
    program: &Program,
    partner: &Stored<Partner>,
    ctx: &Context<'_>,
    ledger: &ledger::PartnerLedger,
    out: &mut Vec<Finding>,
) {
    for fund in program.funds_of(partner.id) {
        let finding = |rule, severity, record, campaign_id, message| Finding {
            rule,
            severity,
            partner_id: partner.id,
            campaign_id,
            record,
            message,
            since: None,
        };
        if let Some(message) = undefined_policy(program, fund, ctx) {
            out.push(finding(
                Rule::M9,
                Severity::Error,
                RecordRef::Fund(fund.id),
                None,
                message,
            ));
        }
        let Some(b) = ledger.funds.get(&fund.id) else {
            continue;
        };
        if b.remaining.is_sign_negative() && !b.remaining.is_zero() {
            out.push(finding(
                Rule::M4,
                Severity::Error,
                RecordRef::Fund(fund.id),
                None,
                format!(
                    "Fund '{}' has {} approved against {} allocated ({} over). Ask the partner to raise the allocation or lower an approval.",
                    fund.name,
                    program.currency.format(b.approved),
                    program.currency.format(b.allocated),
                    program.currency.format(-b.remaining)
                ),
            ));
        }
        // Pending requests count together, in submission order: the
        // first ones that fit what is left are fine, the rest are flagged.
        let mut pending: Vec<_> = program
            .campaigns
            .children(partner.id)
            .flat_map(|c| program.requests.children(c.id))
            .filter(|r| r.fund_id == Some(fund.id))
            .filter(|r| matches!(r.status, RequestStatus::Submitted | RequestStatus::Returned))
            .collect();
        pending.sort_by_key(|r| (r.submitted_on.is_none(), r.submitted_on, r.id));
        let left = b.remaining.max(Decimal::ZERO);
        let mut asked = Decimal::ZERO;
        for r in pending {
            let before = asked;
            asked += r.amount;
            if asked > left {
                let with = if before.is_zero() {
                    String::new()
                } else {
                    format!(
                        " (with the pending requests before it, {} in all)",
                        program.currency.format(asked)
                    )
                };
                out.push(finding(
                    Rule::M4,
                    Severity::Warning,
                    RecordRef::Request(r.id),
                    Some(r.campaign_id),
                    format!(
                        "MDF request for {}{with} is above what fund '{}' has left ({}). Lower it or use another fund: MDF → e.",
                        program.currency.format(r.amount),
                        fund.name,
                        program.currency.format(left)
                    ),
                ));
            }
        }
        if !b.expiring.is_zero() {
            out.push(finding(
                Rule::M5,
                Severity::Warning,
                RecordRef::Fund(fund.id),
                None,
                format!(
                    "Fund '{}' ends {} with {} not yet claimed. Claim what is claimable, or plan an activity now.",
                    fund.name,
                    short(fund.period_end, ctx.today),
                    program.currency.format(b.expiring)
                ),
            ));
        }
    }
}

/// M9: the message for a fund whose policy the config does not define
/// ("default" always is), saying which rules it is judged by instead (the
/// docs/domain.md §11 defaults, [`super::mdf::policy_for`]); `None` when defined.
fn undefined_policy(
    program: &Program,
    fund: &Stored<super::mdf::Fund>,
    ctx: &Context<'_>,
) -> Option<String> {
    let name = fund.policy.as_str();
    if name == "default" || ctx.policies.contains_key(name) {
        return None;
    }
    let used = super::mdf::policy_for(ctx.policies, Some(name));
    let lead = if used.lead_time_business_days {
        format!("{} business days", used.lead_time)
    } else {
        plural_days(used.lead_time)
    };
    Some(format!(
        "Fund '{}' uses policy '{name}', which is not defined in {config}; the defaults are used: {}-day claim window, {lead} pre-approval, {}% max share, {} minimum. Add [policies.{name}] to {config} or pick a defined policy (MDF → e on the fund).",
        fund.name,
        used.claim_window_days,
        used.max_share_percent.normalize(),
        program.currency.format(used.min_request),
        config = ctx.config_file,
    ))
}

/// G6: more than N (3) active campaigns: error on each beyond the N-th by
/// start date (then id).
fn g6_active_limit(
    partner: &Stored<Partner>,
    campaigns: &[&Stored<Campaign>],
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) {
    let max = ctx.thresholds.max_active_campaigns;
    let active: Vec<_> = campaigns
        .iter()
        .filter(|c| c.is_active(ctx.today))
        .collect();
    if active.len() <= max {
        return;
    }
    for (i, c) in active.iter().enumerate().skip(max) {
        out.push(Finding {
            rule: Rule::G6,
            severity: Severity::Error,
            partner_id: partner.id,
            campaign_id: Some(c.id),
            record: RecordRef::Campaign(c.id),
            message: format!(
                "{} has {} active campaigns (at most {max}); this is number {} by start date. Complete or cancel one of them (Timeline → s, or e to cancel): an open campaign counts until its end date.",
                partner.name,
                active.len(),
                i + 1
            ),
            since: None,
        });
    }
}

fn plural_days(n: i64) -> String {
    words::count(n, "day")
}

/// Error and warning counts of a list of findings: `(errors, warnings)`.
pub fn counts<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> (usize, usize) {
    findings
        .into_iter()
        .fold((0, 0), |(e, w), f| match f.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
        })
}

#[cfg(test)]
#[path = "guardrails_tests.rs"]
mod tests;
