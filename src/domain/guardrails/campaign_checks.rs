//! The guardrail checks of one campaign (docs/domain.md §6: G1, G2, G3,
//! G4, G7, G8, G9) and the type-range warnings (docs/domain.md §2: T1,
//! T2), as methods of [`Finder`]; which campaigns each looks at is in the
//! parent module's docs.

use super::{Finder, Finding, Rule, Severity, plural_days};
use crate::domain::dates::{days_between, shift, short};
use crate::domain::ids::RecordRef;
use crate::domain::milestone::{MilestoneKind, MilestoneStatus};
use crate::domain::words;
impl Finder<'_> {
    /// G1: a co-branded asset not approved by the partner: warning; error
    /// once today ≥ "Promotion begins" or the campaign has launched.
    pub(super) fn g1_asset_approval(&self, out: &mut Vec<Finding>) {
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
    pub(super) fn g2_brand_guidelines(&self, out: &mut Vec<Finding>) {
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
    pub(super) fn g3_attribution(&self, out: &mut Vec<Finding>) {
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
    pub(super) fn g4_claim_window(&self, out: &mut Vec<Finding>) {
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
    pub(super) fn g7_event_lead_time(&self, out: &mut Vec<Finding>) {
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
    pub(super) fn g8_crm(&self, out: &mut Vec<Finding>) {
        let c = self.campaign;
        if c.crm_id.as_deref().is_some_and(|id| !id.trim().is_empty()) {
            return;
        }
        let launched = c.has_launched(self.today());
        use crate::domain::campaign::{CRM_NAME_MAX, crm_campaign_name, crm_name_too_long};
        let name = crm_campaign_name(&self.partner.name, &c.name);
        // A name over Salesforce's 80 characters cannot be created as it is.
        let message = match crm_name_too_long(&self.partner.name, &c.name) {
            Some(n) => format!(
                "Not in the CRM, so its leads cannot be attributed, and its Salesforce name \"{name}\" is {n} characters; Salesforce's Campaign Name holds {CRM_NAME_MAX}: shorten the campaign's name (Timeline → e), then create it in Salesforce (jmo crm export salesforce, load Campaign.csv, then jmo crm import <success file> --apply) or type its Id: Timeline → e."
            ),
            None => format!(
                "Not in the CRM, so its leads cannot be attributed: create \"{name}\" in Salesforce (jmo crm export salesforce, load Campaign.csv, then jmo crm import <success file> --apply) or type its Id: Timeline → e."
            ),
        };
        out.push(self.finding(
            Rule::G8,
            if launched {
                Severity::Error
            } else {
                Severity::Warning
            },
            RecordRef::Campaign(c.id),
            message,
            launched.then_some(c.launch.min(self.today())),
        ));
    }

    /// G9: a blocked milestone: a warning on the milestone, saying what is
    /// blocked, why (its reason), and what to do.
    pub(super) fn g9_blocked_milestones(&self, out: &mut Vec<Finding>) {
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
    pub(super) fn type_ranges(&self, out: &mut Vec<Finding>) {
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
