//! MDF funds of a partner: the form, its rules and save step.

use super::{DATE_HINT, Draft, FormTarget, Kind, OpenForm, mismatch, opt_date};
use crate::app::App;
use crate::app::form::{Choice, Form, Parse};
use crate::app::view::{Pane, Row};
use crate::domain::Currency;
use crate::domain::mdf::Policy;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The fund form (docs/domain.md §11).
pub fn fund_form(
    partner: &Stored<Partner>,
    existing: Option<&Stored<Fund>>,
    policies: &BTreeMap<String, Policy>,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let f = existing.map(|s| s.value.clone());
    let title = match &f {
        Some(f) => format!("Edit fund — {}", f.name),
        None => format!("New MDF fund — {}", partner.name),
    };
    let mut policy_choices: Vec<Choice> = policies
        .iter()
        .map(|(name, p)| {
            Choice::new(
                name.clone(),
                format!("{name} ({}-day claim window)", p.claim_window_days),
            )
        })
        .collect();
    // A fund whose policy is not in this config keeps it (shown as such),
    // so editing another field never changes its claim window silently.
    if let Some(f) = &f
        && !policies.contains_key(&f.policy)
    {
        policy_choices.insert(
            0,
            Choice::new(
                f.policy.clone(),
                format!("{} (not in the config: default rules)", f.policy),
            ),
        );
    }
    let form = Form::new(title, today)
        .in_currency(cur)
        .text(
            "name",
            "Name",
            f.as_ref().map_or("", |f| &f.name),
            Parse::Required,
            "e.g. FY27 H1 co-op",
        )
        .text(
            "period_start",
            "Period start",
            &opt_date(f.as_ref().map(|f| f.period_start)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "period_end",
            "Period end",
            &opt_date(f.as_ref().map(|f| f.period_end)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "allocated",
            "Allocated",
            &f.as_ref()
                .map_or(String::new(), |f| f.allocated.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .choice(
            "policy",
            "Policy",
            policy_choices,
            f.as_ref().map_or("default", |f| f.policy.as_str()),
            "program policy from the config file",
        );
    OpenForm::new(
        form,
        FormTarget::Fund {
            partner: partner.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// The fund's write side.
pub(super) struct FundForms;

impl Kind for FundForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Fund { partner, .. } = target else {
            return None;
        };
        Some(Draft::Fund(Fund {
            partner_id: partner,
            name: form.get_text("name"),
            period_start: form.get_date("period_start")?,
            period_end: form.get_date("period_end")?,
            allocated: form.get_money("allocated")?,
            policy: form.chosen("policy"),
        }))
    }

    fn check(
        &self,
        draft: &Draft,
        _target: FormTarget,
        _program: &Program,
        _today: NaiveDate,
    ) -> Result<(), Invalid> {
        match draft {
            Draft::Fund(f) => f.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Fund(f), FormTarget::Fund { id, .. }) = (draft, open.target) else {
            return Err(mismatch());
        };
        match id {
            None => {
                let id = app.commit(&format!("Add fund '{}'", f.name), |tx| tx.insert(&f))?;
                app.show_new(Pane::Mdf, Row::Fund(id));
            }
            Some(id) => app.save_over(&format!("Edit fund '{}'", f.name), id, open, &f)?,
        }
        Ok(())
    }
}
