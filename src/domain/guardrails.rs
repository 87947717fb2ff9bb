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

mod campaign_checks;
mod mdf_checks;

use super::campaign::{Campaign, CampaignStatus};
use super::consent;
use super::expense::MissingFiles;
use super::ids::{CampaignId, PartnerId, RecordRef, Stored};
use super::keyed::keyed_enum;
use super::ledger;
use super::mdf::Policy;
use super::partner::Partner;
use super::program::Program;
use super::words;
use chrono::NaiveDate;
use mdf_checks::mdf_funds;
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
        /// Two partners have sourcing evidence on one opportunity (docs/domain.md §15.4, T5).
        E1 = ("E1", "one partner sources each opportunity"),
        /// A lead or opportunity with no account in jmo (docs/domain.md §15.4).
        E2 = ("E2", "evidence reconciled to accounts"),
        /// Reported influenced pipeline no opportunity supports (docs/domain.md §15.4).
        E3 = ("E3", "influence claims supported by evidence"),
        /// A touch or a credit dated outside the partner agreement (docs/domain.md §15.4, T2).
        E4 = ("E4", "evidence within the partner agreement"),
        /// A credit on our excluded existing customer (docs/domain.md §15.4).
        E5 = ("E5", "no credit on excluded customers"),
        /// A reported figure beyond the tolerance from the evidenced one (docs/domain.md §15.3–§15.4).
        E6 = ("E6", "reported results match the evidence"),
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
