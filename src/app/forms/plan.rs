//! Joint marketing plans and their entries (a campaign's figures in a
//! plan): the forms, their rules and save steps.

use super::{Draft, FormTarget, Kind, OpenForm, mismatch, opt_money};
use crate::app::form::{Form, Parse};
use crate::app::{App, StatusKind};
use crate::domain::Currency;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The joint marketing plan form (docs/domain.md §10.7, seed 003): period, objective,
/// notes. A new plan takes the partner's campaigns launching in the period.
pub fn plan_form(
    partner: &Stored<Partner>,
    existing: Option<&Stored<JointPlan>>,
    today: NaiveDate,
) -> OpenForm {
    let title = match existing {
        Some(p) => format!("Edit joint marketing plan — {}, {}", partner.name, p.period),
        None => format!("New joint marketing plan — {}", partner.name),
    };
    let period = existing.map_or_else(|| Period::quarter_of(today), |p| p.period);
    let form = Form::new(title, today)
        .text(
            "period",
            "Period",
            &period.to_string(),
            Parse::Period,
            "a quarter (2026Q1) or a year (2026)",
        )
        .text(
            "objective",
            "Objective",
            existing.map_or("", |p| &p.objective),
            Parse::Text,
            "the commercial goal the plan serves, e.g. 400K joint pipeline in EMEA",
        )
        .text(
            "notes",
            "Notes",
            existing.map_or("", |p| &p.notes),
            Parse::Text,
            "commitments, capacity, assumptions",
        )
        .long();
    OpenForm::new(
        form,
        FormTarget::Plan {
            partner: partner.id,
            id: existing.map(|p| p.id),
        },
    )
}

/// A campaign's figures in a plan: pipeline target and the partner's
/// co-investment (in the database's currency, `cur`).
pub fn plan_entry_form(
    entry: &Stored<PlanEntry>,
    campaign: &Stored<Campaign>,
    results_target: Option<Decimal>,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let form = Form::new(format!("In the plan — {}", campaign.name), today)
        .in_currency(cur)
        .text(
            "pipeline_target",
            "Pipeline target",
            &opt_money(entry.pipeline_target),
            Parse::OptMoney,
            match results_target {
                Some(t) => format!(
                    "sourced pipeline to generate, {}; empty = the results target ({})",
                    cur.code(),
                    cur.format(t)
                ),
                None => format!("sourced pipeline to generate, {}", cur.code()),
            },
        )
        .text(
            "partner_investment",
            "Partner invests",
            &entry.partner_investment.to_string(),
            Parse::Money,
            cur.hint(),
        );
    OpenForm::new(form, FormTarget::PlanEntry(entry.id))
}

/// The write side of plans and plan entries.
pub(super) struct PlanForms;

impl Kind for PlanForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        program: &Program,
        base: Option<&Draft>,
    ) -> Option<Draft> {
        Some(match target {
            FormTarget::Plan { partner, .. } => Draft::Plan(JointPlan {
                partner_id: partner,
                period: form.get_period("period")?,
                objective: form.get_text("objective"),
                notes: form.get_text("notes"),
            }),
            FormTarget::PlanEntry(id) => {
                let mut e = match base {
                    Some(Draft::PlanEntry(e)) => e.clone(),
                    _ => program.plan_entries.get(id)?.value.clone(),
                };
                e.pipeline_target = form.get_opt_money("pipeline_target")?;
                e.partner_investment = form.get_money("partner_investment")?;
                Draft::PlanEntry(e)
            }
            _ => return None,
        })
    }

    /// One plan per partner and period.
    fn check(
        &self,
        draft: &Draft,
        target: FormTarget,
        program: &Program,
        _today: NaiveDate,
    ) -> Result<(), Invalid> {
        match draft {
            Draft::Plan(p) => p.validate().and_then(|()| {
                let own_id = match target {
                    FormTarget::Plan { id, .. } => id,
                    _ => None,
                };
                let clash = program
                    .plans
                    .children(p.partner_id)
                    .any(|x| x.period == p.period && Some(x.id) != own_id);
                Invalid::check(if clash {
                    vec![FieldError::new(
                        "period",
                        format!("there is already a {} plan with this partner", p.period),
                    )]
                } else {
                    Vec::new()
                })
            }),
            Draft::PlanEntry(e) => e.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        match (open.target, draft) {
            (FormTarget::Plan { id: None, partner }, Draft::Plan(plan)) => {
                // A new plan takes the partner's campaigns launching in its
                // period (not cancelled); more can be linked in the plan view.
                let campaigns: Vec<CampaignId> = app
                    .program
                    .campaigns_of(partner)
                    .iter()
                    .filter(|c| c.status != CampaignStatus::Cancelled)
                    .filter(|c| plan.period.contains(c.launch))
                    .map(|c| c.id)
                    .collect();
                let label = format!("Add {} joint marketing plan", plan.period);
                let id = app.commit(&label, |tx| {
                    let id = tx.insert(&plan)?;
                    for c in &campaigns {
                        tx.insert(&PlanEntry {
                            plan_id: id,
                            campaign_id: *c,
                            pipeline_target: None,
                            partner_investment: Decimal::ZERO,
                        })?;
                    }
                    Ok(id)
                })?;
                app.say(
                    StatusKind::Saved,
                    format!(
                        "Saved: {label}, with the {} campaign{} launching in it",
                        campaigns.len(),
                        if campaigns.len() == 1 { "" } else { "s" }
                    ),
                );
                // Straight into the new plan; closing it goes back.
                app.back
                    .push(crate::app::Mode::Plan(crate::app::views::plan::Plan::new(
                        id,
                    )));
            }
            (FormTarget::Plan { id: Some(id), .. }, Draft::Plan(plan)) => {
                let label = format!("Edit {} joint marketing plan", plan.period);
                app.save_over(&label, id, open, &plan)?;
            }
            (FormTarget::PlanEntry(id), Draft::PlanEntry(e)) => {
                let name = app
                    .program
                    .campaigns
                    .get(e.campaign_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                app.save_over(&format!("Plan figures of '{name}'"), id, open, &e)?;
            }
            _ => return Err(mismatch()),
        }
        Ok(())
    }
}
