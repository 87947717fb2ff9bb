//! MDF expenses of a campaign: the form, its rules and save step (an
//! expense is never deleted: an edit with a reason withdraws it).

use super::{DATE_HINT, Draft, FormTarget, Kind, OpenForm, mismatch, split_list};
use crate::app::App;
use crate::app::form::{Choice, Form, Parse};
use crate::app::view::{Pane, Row};
use crate::domain::Currency;
use crate::domain::dates::iso;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;

/// The expense form (docs/domain.md §11): category, amount, date, vendor, invoice,
/// proof of performance (`kind: path or URL; …`), the request it is claimed
/// under; when editing, a reason to withdraw it (expenses are never deleted).
pub fn expense_form(
    campaign: &Stored<Campaign>,
    requests: &[&Stored<MdfRequest>],
    existing: Option<&Stored<Expense>>,
    request: Option<RequestId>,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let e = existing.map(|s| s.value.clone());
    let title = match &e {
        Some(e) => format!("Edit expense — {}", e.category),
        None => format!("New expense — {}", campaign.name),
    };
    let mut request_choices = vec![Choice::new("", "(no request)")];
    request_choices.extend(requests.iter().map(|r| {
        Choice::new(
            r.id.0.to_string(),
            format!("{} {} ({})", r.activity, cur.format(r.amount), r.status),
        )
    }));
    let chosen = e
        .as_ref()
        .and_then(|e| e.request_id)
        .or(request)
        .map_or(String::new(), |r| r.0.to_string());
    let mut form = Form::new(title, today)
        .in_currency(cur)
        .choice(
            "request_id",
            "Claimed under",
            request_choices,
            &chosen,
            "the MDF request this expense counts toward",
        )
        .text(
            "category",
            "Category",
            e.as_ref().map_or("", |e| &e.category),
            Parse::Required,
            "venue, paid social, catering…",
        )
        .text(
            "amount",
            "Amount",
            &e.as_ref().map_or(String::new(), |e| e.amount.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .text(
            "spent_on",
            "Date",
            &iso(e.as_ref().map_or(today, |e| e.spent_on)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "vendor",
            "Vendor",
            e.as_ref().map_or("", |e| &e.vendor),
            Parse::Text,
            "who was paid",
        )
        .text(
            "invoice_ref",
            "Invoice",
            e.as_ref().map_or("", |e| &e.invoice_ref),
            Parse::Text,
            "invoice number or reference",
        )
        .text(
            "proof",
            "Proof of performance",
            &e.as_ref().map_or(String::new(), |e| {
                e.proof.lines().collect::<Vec<_>>().join("; ")
            }),
            Parse::Text,
            "kind: path or URL; … e.g. attendee lead list: /share/leads.csv",
        );
    if e.is_some() {
        form = form.text(
            "withdrawn",
            "Withdrawn because",
            e.as_ref()
                .and_then(|e| e.withdrawn.as_deref())
                .unwrap_or(""),
            Parse::Text,
            "empty = in force; expenses are never deleted",
        );
    }
    OpenForm::new(
        form,
        FormTarget::Expense {
            campaign: campaign.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// The expense's write side.
pub(super) struct ExpenseForms;

impl Kind for ExpenseForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Expense { campaign, .. } = target else {
            return None;
        };
        Some(Draft::Expense(Expense {
            campaign_id: campaign,
            request_id: form.chosen("request_id").parse::<i64>().ok().map(RequestId),
            category: form.get_text("category"),
            amount: form.get_money("amount")?,
            spent_on: form.get_date("spent_on")?,
            vendor: form.get_text("vendor"),
            invoice_ref: form.get_text("invoice_ref"),
            proof: split_list(&form.get_text("proof")),
            withdrawn: form.get_opt_text("withdrawn"),
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
            Draft::Expense(e) => e.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Expense(e), FormTarget::Expense { id, .. }) = (draft, open.target) else {
            return Err(mismatch());
        };
        match id {
            None => {
                let id =
                    app.commit(&format!("Add expense '{}'", e.category), |tx| tx.insert(&e))?;
                app.show_new(Pane::Mdf, Row::Expense(id));
            }
            Some(id) => {
                let label = match &e.withdrawn {
                    Some(_) => format!("Withdraw expense '{}'", e.category),
                    None => format!("Edit expense '{}'", e.category),
                };
                app.save_over(&label, id, open, &e)?;
            }
        }
        Ok(())
    }
}
