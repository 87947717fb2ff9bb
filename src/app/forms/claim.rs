//! Claims against an MDF request: the form, its rules (a new claim only
//! against an approved request, within what it allows) and save step.

use super::{
    DATE_HINT, Draft, FormTarget, Kind, OpenForm, choices, key_of, mismatch, opt_date, opt_money,
};
use crate::app::App;
use crate::app::form::{Form, Parse};
use crate::app::view::{Pane, Row};
use crate::domain::Currency;
use crate::domain::dates::iso;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The claim form (docs/domain.md §11). A new claim's amount defaults to `unclaimed`: what is claimable under
/// the request and not yet claimed (docs/domain.md §11, issue 3 item 4).
pub fn claim_form(
    request: &Stored<MdfRequest>,
    existing: Option<&Stored<Claim>>,
    unclaimed: Decimal,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let c = existing.map(|s| s.value.clone());
    let title = if c.is_some() {
        "Edit claim"
    } else {
        "New claim"
    };
    let form = Form::new(title, today)
        .in_currency(cur)
        .text(
            "amount",
            "Amount claimed",
            &c.as_ref()
                .map_or(unclaimed.to_string(), |c| c.amount.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .choice(
            "status",
            "Status",
            choices(ClaimStatus::ALL),
            c.as_ref().map_or("submitted", |c| c.status.key()),
            "",
        )
        .text(
            "submitted_on",
            "Submitted on",
            &c.as_ref().map_or(iso(today), |c| opt_date(c.submitted_on)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "paid_on",
            "Paid on",
            &opt_date(c.as_ref().and_then(|c| c.paid_on)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "paid_amount",
            "Amount paid",
            &opt_money(c.as_ref().and_then(|c| c.paid_amount)),
            Parse::OptMoney,
            cur.hint(),
        )
        .text(
            "note",
            "Note",
            c.as_ref().map_or("", |c| &c.note),
            Parse::Text,
            "e.g. what is disputed",
        )
        .long();
    OpenForm::new(
        form,
        FormTarget::Claim {
            request: request.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// The claim's write side.
pub(super) struct ClaimForms;

impl Kind for ClaimForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Claim { request, .. } = target else {
            return None;
        };
        Some(Draft::Claim(Claim {
            request_id: request,
            amount: form.get_money("amount")?,
            status: key_of(form, "status")?,
            submitted_on: form.get_opt_date("submitted_on")?,
            paid_on: form.get_opt_date("paid_on")?,
            paid_amount: form.get_opt_money("paid_amount")?,
            note: form.get_text("note"),
        }))
    }

    fn check(
        &self,
        draft: &Draft,
        target: FormTarget,
        program: &Program,
        today: NaiveDate,
    ) -> Result<(), Invalid> {
        let Draft::Claim(c) = draft else {
            return Ok(());
        };
        c.validate()
            .and_then(|()| c.validate_as_of(today))
            .and_then(|()| match program.requests.get(c.request_id) {
                Some(r)
                    if r.status != RequestStatus::Approved
                        && matches!(target, FormTarget::Claim { id: None, .. }) =>
                {
                    Invalid::check(vec![FieldError::new(
                        "request",
                        format!(
                            "the request is {}, not approved: claim once it is approved",
                            r.status
                        ),
                    )])
                }
                Some(r) => c.validate_against(r, program.currency),
                None => Ok(()),
            })
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Claim(c), FormTarget::Claim { id, .. }) = (draft, open.target) else {
            return Err(mismatch());
        };
        match id {
            None => {
                let id = app.commit("Add claim", |tx| tx.insert(&c))?;
                app.show_new(Pane::Mdf, Row::Claim(id));
            }
            Some(id) => app.save_over("Edit claim", id, open, &c)?,
        }
        Ok(())
    }
}
