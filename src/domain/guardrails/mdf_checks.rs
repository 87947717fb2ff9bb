//! The MDF policy findings (docs/domain.md §11, M1–M9): a campaign's
//! requests and ledger (methods of [`Finder`]) and a partner's funds
//! ([`mdf_funds`]).

use super::{Context, Finder, Finding, Rule, Severity, plural_days};
use crate::domain::dates::{shift, short};
use crate::domain::ids::{RecordRef, Stored};
use crate::domain::ledger;
use crate::domain::mdf::RequestStatus;
use crate::domain::partner::Partner;
use crate::domain::program::Program;
use rust_decimal::Decimal;
impl Finder<'_> {
    /// M1, M2, M3: each of the campaign's MDF requests against its policy
    /// (docs/domain.md §11).
    pub(super) fn mdf_requests(&self, out: &mut Vec<Finding>) {
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
    pub(super) fn mdf_ledger(&self, out: &mut Vec<Finding>) {
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
pub(super) fn mdf_funds(
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
/// docs/domain.md §11 defaults, [`crate::domain::mdf::policy_for`]); `None` when defined.
fn undefined_policy(
    program: &Program,
    fund: &Stored<crate::domain::mdf::Fund>,
    ctx: &Context<'_>,
) -> Option<String> {
    let name = fund.policy.as_str();
    if name == "default" || ctx.policies.contains_key(name) {
        return None;
    }
    let used = crate::domain::mdf::policy_for(ctx.policies, Some(name));
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
