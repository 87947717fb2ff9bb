//! MDF requests of a campaign: the form, its rules (including the ones
//! against the stored request and its claims) and save step.

use super::{
    DATE_HINT, Draft, FormTarget, Kind, OpenForm, choices, key_of, mismatch, opt_date, opt_money,
    split_list,
};
use crate::app::App;
use crate::app::form::{Choice, Form, Parse};
use crate::app::view::{Pane, Row};
use crate::domain::Currency;
use crate::domain::mdf::ActivityType;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The MDF request form (docs/domain.md §11).
/// `proof_default` is the policy's proof list for the campaign's activity,
/// prefilled on a new request.
pub fn request_form(
    campaign: &Stored<Campaign>,
    funds: &[&Stored<Fund>],
    existing: Option<&Stored<MdfRequest>>,
    proof_default: &[String],
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let r = existing.map(|s| s.value.clone());
    let title = match &r {
        Some(_) => format!("Edit MDF request — {}", campaign.name),
        None => format!("New MDF request — {}", campaign.name),
    };
    let mut fund_choices = vec![Choice::new("", "(no fund)")];
    fund_choices.extend(
        funds
            .iter()
            .map(|f| Choice::new(f.id.0.to_string(), f.name.clone())),
    );
    let default_fund = r
        .as_ref()
        .and_then(|r| r.fund_id)
        .or(funds.first().map(|f| f.id))
        .map_or(String::new(), |f| f.0.to_string());
    let activity = r
        .as_ref()
        .map_or(ActivityType::for_campaign(campaign.campaign_type), |r| {
            r.activity
        });
    let form = Form::new(title, today)
        .in_currency(cur)
        .choice("fund_id", "Fund", fund_choices, &default_fund, "")
        .choice(
            "activity",
            "Activity",
            choices(ActivityType::ALL),
            activity.key(),
            "",
        )
        .text(
            "amount",
            "Amount requested",
            &r.as_ref().map_or(String::new(), |r| r.amount.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .choice(
            "status",
            "Status",
            choices(RequestStatus::ALL),
            r.as_ref().map_or("draft", |r| r.status.key()),
            "",
        )
        .text(
            "approved_amount",
            "Amount approved",
            &opt_money(r.as_ref().and_then(|r| r.approved_amount)),
            Parse::OptMoney,
            "empty = as requested",
        )
        .text(
            "submitted_on",
            "Submitted on",
            &opt_date(r.as_ref().and_then(|r| r.submitted_on)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "decided_on",
            "Decided on",
            &opt_date(r.as_ref().and_then(|r| r.decided_on)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "justification",
            "Justification",
            r.as_ref().map_or("", |r| &r.justification),
            Parse::Text,
            "why the partner should fund it",
        )
        .long()
        .text(
            "expected_roi",
            "Expected ROI (x)",
            &r.as_ref()
                .map_or(Some(Decimal::from(5)), |r| r.expected_roi)
                .map(|m| m.to_string())
                .unwrap_or_default(),
            Parse::OptMultiple,
            "revenue ÷ cost expected, e.g. 5 (the program's target is 5x)",
        )
        .text(
            "proof_required",
            "Proof of performance",
            &r.as_ref().map_or_else(
                || proof_default.join("; "),
                |r| r.proof_required.lines().collect::<Vec<_>>().join("; "),
            ),
            Parse::Text,
            "what the partner will need to see, separated by ';' (from the policy)",
        )
        .text(
            "reason",
            "Reason",
            r.as_ref().and_then(|r| r.reason.as_deref()).unwrap_or(""),
            Parse::Text,
            "why it was returned, rejected, expired or cancelled",
        );
    OpenForm::new(
        form,
        FormTarget::Request {
            campaign: campaign.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// The MDF request's write side.
pub(super) struct RequestForms;

impl Kind for RequestForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Request { campaign, .. } = target else {
            return None;
        };
        Some(Draft::Request(MdfRequest {
            campaign_id: campaign,
            fund_id: form.chosen("fund_id").parse::<i64>().ok().map(FundId),
            activity: key_of(form, "activity")?,
            amount: form.get_money("amount")?,
            approved_amount: form.get_opt_money("approved_amount")?,
            status: key_of(form, "status")?,
            submitted_on: form.get_opt_date("submitted_on")?,
            decided_on: form.get_opt_date("decided_on")?,
            justification: form.get_text("justification"),
            expected_roi: form.get_opt_multiple("expected_roi")?,
            proof_required: split_list(&form.get_text("proof_required")),
            reason: form.get_opt_text("reason"),
        }))
    }

    fn check(
        &self,
        draft: &Draft,
        target: FormTarget,
        program: &Program,
        today: NaiveDate,
    ) -> Result<(), Invalid> {
        let Draft::Request(r) = draft else {
            return Ok(());
        };
        r.validate()
            .and_then(|()| r.validate_as_of(today))
            .and_then(|()| {
                let stored = match target {
                    FormTarget::Request { id: Some(id), .. } => program.request_change_error(id, r),
                    _ => None,
                };
                Invalid::check(stored.into_iter().collect())
            })
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Request(r), FormTarget::Request { id, .. }) = (draft, open.target) else {
            return Err(mismatch());
        };
        match id {
            None => {
                let id = app.commit("Add MDF request", |tx| tx.insert(&r))?;
                app.show_new(Pane::Mdf, Row::Request(id));
            }
            Some(id) => app.save_over("Edit MDF request", id, open, &r)?,
        }
        Ok(())
    }
}
