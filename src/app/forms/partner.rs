//! Partners: the profile form, the agreement form and the budget factors
//! form (all three edit the partner record), their rules and save step.

use super::{Draft, FormTarget, Kind, OpenForm, choices, key_of, mismatch, opt_count, opt_date};
use crate::app::App;
use crate::app::form::{Form, Parse};
use crate::app::view::{Pane, Row};
use crate::domain::Currency;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The partner profile form (docs/domain.md §10): who the partner is, its tier and
/// the numbers the tier rules read, brand guidelines, data-sharing
/// consent, past work and notes. The agreement and the budget factors have
/// their own forms ([`agreement_form`], [`budget_form`]).
pub fn partner_form(
    existing: Option<&Stored<Partner>>,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let p = existing.map_or_else(Partner::default, |s| s.value.clone());
    let title = match existing {
        Some(_) => format!("Edit partner — {}", p.name),
        None => "New partner".to_string(),
    };
    let form = Form::new(title, today)
        .in_currency(cur)
        .text(
            "name",
            "Name",
            &p.name,
            Parse::Required,
            "the partner company's name",
        )
        .choice(
            "partnership_type",
            "Partnership",
            choices(PartnershipType::ALL),
            p.partnership_type.key(),
            "←/→ or the first letter",
        )
        .choice(
            "tier",
            "Tier",
            choices(Tier::ALL),
            p.tier.key(),
            "the tier set; the profile shows the tier the numbers earn",
        )
        .text(
            "recorded_revenue",
            "Revenue",
            &p.recorded_revenue.to_string(),
            Parse::Money,
            format!(
                "revenue the partner brought, {} (tiers: {} Silver, {} Gold, {} Platinum)",
                cur.code(),
                cur.format_short(Decimal::from(10_000)),
                cur.format_short(Decimal::from(50_000)),
                cur.format_short(Decimal::from(200_000))
            ),
        )
        .text(
            "referrals",
            "Referrals",
            &p.referrals.to_string(),
            Parse::OptCount,
            "referrals the partner made (tiers: 5 Silver, 20 Gold); empty = 0",
        )
        .toggle(
            "brand_guidelines_on_file",
            "Brand guidelines",
            p.brand_guidelines_on_file,
            "on file? Space toggles (guardrail G2, readiness)",
        )
        .text(
            "brand_guidelines_ref",
            "Guidelines at",
            &p.brand_guidelines_ref,
            Parse::Text,
            "where they are: URL, file or document name",
        )
        .text(
            "data_consent_on",
            "Data consent on",
            &opt_date(p.data_consent_on),
            Parse::OptDate,
            "date consent to share customer data was recorded; empty = none (G5)",
        )
        .text(
            "data_consent_scope",
            "Consent scope",
            &p.data_consent_scope,
            Parse::Text,
            "what the consent covers, e.g. webinar registrants",
        )
        .text(
            "past_performance",
            "Past work",
            &p.past_performance,
            Parse::Text,
            "campaigns run together before jmo (readiness: previous performance)",
        )
        .text("notes", "Notes", &p.notes, Parse::Text, "")
        .long();
    OpenForm::new(form, FormTarget::Partner(existing.map(|s| s.id)))
}

/// The agreement form of a partner (docs/domain.md §10.1, seed 002): period, scope,
/// lead / revenue sharing, exclusivity and its end, brand usage,
/// termination notice.
pub fn agreement_form(p: &Stored<Partner>, today: NaiveDate) -> OpenForm {
    let form = Form::new(format!("Agreement — {}", p.name), today)
        .text(
            "agreement_start",
            "Signed / from",
            &opt_date(p.agreement_start),
            Parse::OptDate,
            "the agreement's first day; empty = no signed agreement (no tier earned)",
        )
        .text(
            "agreement_end",
            "Until",
            &opt_date(p.agreement_end),
            Parse::OptDate,
            "its last day; empty = open-ended. MDF holds expenses dated outside it",
        )
        .text(
            "agreement_scope",
            "Scope",
            &p.agreement_scope,
            Parse::Text,
            "what you do together, e.g. 1 webinar + 2 blog posts a quarter",
        )
        .text(
            "sharing_terms",
            "Lead / revenue",
            &p.sharing_terms,
            Parse::Text,
            "e.g. each keeps its leads; 20% referral commission for 12 months",
        )
        .text(
            "exclusivity",
            "Exclusivity",
            &p.exclusivity,
            Parse::Text,
            "empty = none; e.g. no other CRM partner",
        )
        .text(
            "exclusive_until",
            "Exclusive until",
            &opt_date(p.exclusive_until),
            Parse::OptDate,
            "the exclusivity's last day",
        )
        .text(
            "brand_usage",
            "Brand usage",
            &p.brand_usage,
            Parse::Text,
            "e.g. logos on website and co-branded material; press needs approval",
        )
        .text(
            "termination_notice_days",
            "Notice (days)",
            &opt_count(p.termination_notice_days),
            Parse::OptCount,
            "termination notice in days, e.g. 30",
        );
    OpenForm::new(form, FormTarget::Agreement(p.id))
}

/// The co-marketing budget factors of a partner (docs/domain.md §10, seed 001):
/// pipeline potential 0.5–2.0 and strategic value 0.8–1.5; the tier base
/// comes from the config (`[tier_budget]`).
pub fn budget_form(
    p: &Stored<Partner>,
    base: Decimal,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let form = Form::new(format!("Co-marketing budget — {}", p.name), today)
        .in_currency(cur)
        .text(
            "pipeline_potential",
            "Pipeline potential",
            &p.pipeline_potential.normalize().to_string(),
            Parse::OptMultiple,
            "0.5–2.0 by lead quality; empty = 1.0",
        )
        .text(
            "strategic_value",
            "Strategic value",
            &p.strategic_value.normalize().to_string(),
            Parse::OptMultiple,
            format!(
                "0.8–1.5 by brand alignment; empty = 1.0. {} base: {}",
                p.tier,
                cur.format(base)
            ),
        );
    OpenForm::new(form, FormTarget::BudgetFactors(p.id))
}

/// The partner's write side (its three forms).
pub(super) struct PartnerForms;

impl Kind for PartnerForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        program: &Program,
        base: Option<&Draft>,
    ) -> Option<Draft> {
        let partner = |id: PartnerId| match base {
            Some(Draft::Partner(p)) => Some(p.clone()),
            _ => program.partners.get(id).map(|p| p.value.clone()),
        };
        Some(match target {
            FormTarget::Partner(id) => {
                let mut p = id.and_then(partner).unwrap_or_default();
                p.name = form.get_text("name");
                p.partnership_type = key_of(form, "partnership_type")?;
                p.tier = key_of(form, "tier")?;
                p.recorded_revenue = form.get_money("recorded_revenue")?;
                p.referrals = form.get_opt_count("referrals")?.unwrap_or(0);
                p.brand_guidelines_on_file = form.flag("brand_guidelines_on_file");
                p.brand_guidelines_ref = form.get_text("brand_guidelines_ref");
                p.data_consent_on = form.get_opt_date("data_consent_on")?;
                p.data_consent_scope = form.get_text("data_consent_scope");
                p.past_performance = form.get_text("past_performance");
                p.notes = form.get_text("notes");
                Draft::Partner(p)
            }
            FormTarget::Agreement(id) => {
                let mut p = partner(id)?;
                p.agreement_start = form.get_opt_date("agreement_start")?;
                p.agreement_end = form.get_opt_date("agreement_end")?;
                p.agreement_scope = form.get_text("agreement_scope");
                p.sharing_terms = form.get_text("sharing_terms");
                p.exclusivity = form.get_text("exclusivity");
                p.exclusive_until = form.get_opt_date("exclusive_until")?;
                p.brand_usage = form.get_text("brand_usage");
                p.termination_notice_days = form.get_opt_count("termination_notice_days")?;
                Draft::Partner(p)
            }
            FormTarget::BudgetFactors(id) => {
                let mut p = partner(id)?;
                p.pipeline_potential = form
                    .get_opt_multiple("pipeline_potential")?
                    .unwrap_or(Decimal::ONE);
                p.strategic_value = form
                    .get_opt_multiple("strategic_value")?
                    .unwrap_or(Decimal::ONE);
                Draft::Partner(p)
            }
            _ => return None,
        })
    }

    /// The consent date is the partner form's; the agreement and budget
    /// forms leave it as it is.
    fn check(
        &self,
        draft: &Draft,
        target: FormTarget,
        _program: &Program,
        today: NaiveDate,
    ) -> Result<(), Invalid> {
        match draft {
            Draft::Partner(p) if matches!(target, FormTarget::Partner(_)) => {
                p.validate().and_then(|()| p.validate_as_of(today))
            }
            Draft::Partner(p) => p.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let Draft::Partner(p) = draft else {
            return Err(mismatch());
        };
        match open.target {
            FormTarget::Partner(None) => {
                let name = p.name.clone();
                let id = app.commit(&format!("Add partner '{name}'"), |tx| tx.insert(&p))?;
                app.show_new(Pane::Partners, Row::Partner(id));
                app.select_default_campaign();
            }
            FormTarget::Partner(Some(id)) => {
                app.save_over(&format!("Edit partner '{}'", p.name), id, open, &p)?;
            }
            FormTarget::Agreement(id) => {
                app.save_over(&format!("Agreement of '{}'", p.name), id, open, &p)?;
            }
            FormTarget::BudgetFactors(id) => {
                app.save_over(&format!("Budget factors of '{}'", p.name), id, open, &p)?;
            }
            _ => return Err(mismatch()),
        }
        Ok(())
    }
}
