//! Which form edits which record: a record's form target, a target's
//! record, and the edit form of a record as it is now.

use super::App;
use super::forms::{self, FormTarget, OpenForm};
use crate::domain::program::Program;
use crate::domain::*;
use rust_decimal::Decimal;

/// The record a form target edits (`None` for a new record).
pub(super) fn record_of(target: FormTarget, program: &Program) -> Option<RecordRef> {
    Some(match target {
        FormTarget::Partner(Some(id))
        | FormTarget::Agreement(id)
        | FormTarget::BudgetFactors(id) => RecordRef::Partner(id),
        FormTarget::Campaign { id: Some(id), .. } | FormTarget::Costs(id) => {
            RecordRef::Campaign(id)
        }
        FormTarget::Milestone { id: Some(id), .. } => RecordRef::Milestone(id),
        FormTarget::Responsibility { id: Some(id), .. } => RecordRef::Responsibility(id),
        FormTarget::Asset { id: Some(id), .. } => RecordRef::Asset(id),
        FormTarget::Fund { id: Some(id), .. } => RecordRef::Fund(id),
        FormTarget::Request { id: Some(id), .. } => RecordRef::Request(id),
        FormTarget::Claim { id: Some(id), .. } => RecordRef::Claim(id),
        FormTarget::Expense { id: Some(id), .. } => RecordRef::Expense(id),
        FormTarget::Contact { id: Some(id), .. } => RecordRef::Contact(id),
        FormTarget::Meeting { id: Some(id), .. } => RecordRef::Meeting(id),
        FormTarget::Plan { id: Some(id), .. } => RecordRef::Plan(id),
        FormTarget::PlanEntry(id) => RecordRef::PlanEntry(id),
        FormTarget::Results(c) => RecordRef::Results(program.results_of(c)?.id),
        _ => return None,
    })
}

/// What a form target edits, for messages: "campaign", "checklist item".
pub(super) fn target_kind(target: FormTarget) -> &'static str {
    match target {
        FormTarget::Partner(_) | FormTarget::Agreement(_) | FormTarget::BudgetFactors(_) => {
            "partner"
        }
        FormTarget::Campaign { .. } | FormTarget::Costs(_) => "campaign",
        FormTarget::Milestone { .. } => "milestone",
        FormTarget::Responsibility { .. } => "checklist item",
        FormTarget::Asset { .. } => "asset",
        FormTarget::Fund { .. } => "fund",
        FormTarget::Request { .. } => "MDF request",
        FormTarget::Claim { .. } => "claim",
        FormTarget::Expense { .. } => "expense",
        FormTarget::Results(_) => "results",
        FormTarget::Contact { .. } => "contact",
        FormTarget::Meeting { .. } => "meeting",
        FormTarget::Plan { .. } => "joint marketing plan",
        FormTarget::PlanEntry(_) => "plan entry",
        FormTarget::Touch(_) => "partner touch",
        FormTarget::Overlap(_) => "account overlap",
    }
}

impl App {
    /// The form target that edits `record` (`None` for a record no form
    /// edits whole, or one that is gone).
    pub(super) fn target_of(&self, record: RecordRef) -> Option<FormTarget> {
        let p = &self.program;
        Some(match record {
            RecordRef::Partner(id) => FormTarget::Partner(Some(id)),
            RecordRef::Campaign(id) => FormTarget::Campaign {
                partner: p.campaigns.get(id)?.partner_id,
                id: Some(id),
            },
            RecordRef::Milestone(id) => FormTarget::Milestone {
                campaign: p.milestones.get(id)?.campaign_id,
                id: Some(id),
            },
            RecordRef::Responsibility(id) => FormTarget::Responsibility {
                campaign: p.responsibilities.get(id)?.campaign_id,
                id: Some(id),
            },
            RecordRef::Asset(id) => FormTarget::Asset {
                campaign: p.assets.get(id)?.campaign_id,
                id: Some(id),
            },
            RecordRef::Fund(id) => FormTarget::Fund {
                partner: p.funds.get(id)?.partner_id,
                id: Some(id),
            },
            RecordRef::Request(id) => FormTarget::Request {
                campaign: p.requests.get(id)?.campaign_id,
                id: Some(id),
            },
            RecordRef::Claim(id) => FormTarget::Claim {
                request: p.claims.get(id)?.request_id,
                id: Some(id),
            },
            RecordRef::Results(id) => FormTarget::Results(p.results.get(id)?.campaign_id),
            RecordRef::Expense(id) => FormTarget::Expense {
                campaign: p.expenses.get(id)?.campaign_id,
                id: Some(id),
            },
            RecordRef::Contact(id) => FormTarget::Contact {
                partner: p.contacts.get(id)?.partner_id,
                id: Some(id),
            },
            RecordRef::Meeting(id) => {
                let m = p.meetings.get(id)?;
                FormTarget::Meeting {
                    partner: m.partner_id,
                    kind: m.kind,
                    id: Some(id),
                }
            }
            RecordRef::Plan(id) => FormTarget::Plan {
                partner: p.plans.get(id)?.partner_id,
                id: Some(id),
            },
            RecordRef::PlanEntry(id) => FormTarget::PlanEntry(id),
            // No form edits pipeline evidence (it comes from a CRM import).
            RecordRef::Account(_)
            | RecordRef::Overlap(_)
            | RecordRef::Lead(_)
            | RecordRef::Opportunity(_)
            | RecordRef::Touch(_) => return None,
        })
    }

    /// The edit form of `target`'s record as it is now (`None` when the
    /// record is gone or `target` is a new record).
    pub(super) fn form_for(&self, target: FormTarget) -> Option<OpenForm> {
        let p = &self.program;
        let today = self.today;
        Some(match target {
            FormTarget::Partner(Some(id)) => {
                forms::partner_form(Some(p.partners.get(id)?), today, p.currency)
            }
            FormTarget::Agreement(id) => forms::agreement_form(p.partners.get(id)?, today),
            FormTarget::BudgetFactors(id) => {
                let partner = p.partners.get(id)?;
                forms::budget_form(
                    partner,
                    self.config.tier_budget.base(partner.tier),
                    today,
                    p.currency,
                )
            }
            FormTarget::Campaign { id: Some(id), .. } => {
                let c = p.campaigns.get(id)?;
                forms::campaign_form(
                    p.partners.get(c.partner_id)?,
                    Some(c),
                    &self.playbooks,
                    today,
                    p.currency,
                )
            }
            FormTarget::Costs(id) => forms::costs_form(p.campaigns.get(id)?, today, p.currency),
            FormTarget::Milestone { id: Some(id), .. } => {
                let m = p.milestones.get(id)?;
                forms::milestone_form(m.campaign_id, Some(m), today)
            }
            FormTarget::Responsibility { id: Some(id), .. } => {
                let r = p.responsibilities.get(id)?;
                forms::responsibility_form(r.campaign_id, Some(r), r.side, &r.owner, today)
            }
            FormTarget::Asset { id: Some(id), .. } => {
                let a = p.assets.get(id)?;
                forms::asset_form(a.campaign_id, Some(a), today)
            }
            FormTarget::Fund { id: Some(id), .. } => {
                let f = p.funds.get(id)?;
                let partner = p.partners.get(f.partner_id)?;
                forms::fund_form(partner, Some(f), &self.config.policies, today, p.currency)
            }
            FormTarget::Request { id: Some(id), .. } => {
                let r = p.requests.get(id)?;
                let c = p.campaigns.get(r.campaign_id)?;
                forms::request_form(
                    c,
                    &p.funds_of(c.partner_id),
                    Some(r),
                    &[],
                    today,
                    p.currency,
                )
            }
            FormTarget::Claim { id: Some(id), .. } => {
                let cl = p.claims.get(id)?;
                forms::claim_form(
                    p.requests.get(cl.request_id)?,
                    Some(cl),
                    Decimal::ZERO,
                    today,
                    p.currency,
                )
            }
            FormTarget::Expense { id: Some(id), .. } => {
                let e = p.expenses.get(id)?;
                let c = p.campaigns.get(e.campaign_id)?;
                forms::expense_form(c, &p.requests_of(c.id), Some(e), None, today, p.currency)
            }
            FormTarget::Results(c) => {
                let campaign = p.campaigns.get(c)?;
                forms::results_form(
                    campaign,
                    p.results_of(c),
                    today,
                    &self.config.program,
                    p.currency,
                )
            }
            FormTarget::Contact { id: Some(id), .. } => {
                let c = p.contacts.get(id)?;
                forms::contact_form(p.partners.get(c.partner_id)?, Some(c), today)
            }
            FormTarget::Meeting { id: Some(id), .. } => {
                let m = p.meetings.get(id)?;
                forms::meeting_form(p.partners.get(m.partner_id)?, m.kind, Some(m), today)
            }
            FormTarget::Plan { id: Some(id), .. } => {
                let plan = p.plans.get(id)?;
                forms::plan_form(p.partners.get(plan.partner_id)?, Some(plan), today)
            }
            FormTarget::PlanEntry(id) => {
                let e = p.plan_entries.get(id)?;
                let c = p.campaigns.get(e.campaign_id)?;
                let target = p.results_of(c.id).and_then(|r| r.target_pipeline);
                forms::plan_entry_form(e, c, target, today, p.currency)
            }
            _ => return None,
        })
    }
}
