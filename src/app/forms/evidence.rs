//! Pipeline evidence typed by hand in the Journey view (docs/domain.md
//! §15.1, issue 14): a partner's touch on an account (or one of its
//! opportunities), and the account marked as overlapping with a partner.
//! Both are new records only (an imported record changes by re-import);
//! each save is one edit in the history, undone by `u`.

use super::{DATE_HINT, Draft, FormTarget, Kind, OpenForm, choices, key_of, mismatch};
use crate::app::App;
use crate::app::form::{Choice, Form, Parse};
use crate::domain::dates::iso;
use crate::domain::evidence::{
    AccountId, Opportunity, OpportunityId, Overlap, Population, Touch, TouchKind,
};
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;

/// The partners a form offers (key: the partner's id), by name: every
/// partner not archived, and `keep` (the default) even if archived.
fn partner_choices(program: &Program, keep: Option<PartnerId>) -> Vec<Choice> {
    let mut ps: Vec<&Stored<Partner>> = program
        .partners
        .iter()
        .filter(|p| !p.is_archived() || Some(p.id) == keep)
        .collect();
    ps.sort_by_key(|p| p.name.to_lowercase());
    ps.iter()
        .map(|p| Choice::new(p.id.0.to_string(), p.name.clone()))
        .collect()
}

/// The touch form (docs/domain.md §15.1) on `account` (named
/// `account_name`): partner (default `partner`, the campaign's), date
/// (default `today`), kind, the opportunity (`opportunities` are the
/// account's, id and name; default `opportunity`) or the account alone,
/// and a note.
pub fn touch_form(
    program: &Program,
    account: AccountId,
    account_name: &str,
    opportunities: &[(OpportunityId, String)],
    partner: Option<PartnerId>,
    opportunity: Option<OpportunityId>,
    today: NaiveDate,
) -> OpenForm {
    let mut opps = vec![Choice::new("", "(the account, no opportunity)")];
    opps.extend(
        opportunities
            .iter()
            .map(|(id, name)| Choice::new(id.0.to_string(), name.clone())),
    );
    let form = Form::new(format!("New partner touch — {account_name}"), today)
        .choice(
            "partner_id",
            "Partner",
            partner_choices(program, partner),
            &partner.map_or(String::new(), |p| p.0.to_string()),
            "←/→ or the first letter of its name",
        )
        .text("on", "Date", &iso(today), Parse::Date, DATE_HINT)
        .choice(
            "kind",
            "Kind",
            choices(TouchKind::ALL),
            TouchKind::Referral.key(),
            "a registration or a referral can source a deal; an introduction or a meeting after it is created assists",
        )
        .choice(
            "opportunity_id",
            "Opportunity",
            opps,
            &opportunity.map_or(String::new(), |o| o.0.to_string()),
            "the deal it was on, or the account alone",
        )
        .text(
            "note",
            "Note",
            "",
            Parse::Text,
            "who, what was said (optional)",
        )
        .long();
    OpenForm::new(form, FormTarget::Touch(account))
}

/// The overlap form (docs/domain.md §15.1): `account` (named
/// `account_name`) is in `partner`'s account list on a snapshot day
/// (default `today`), in a population, and perhaps our excluded existing
/// customer.
pub fn overlap_form(
    program: &Program,
    account: AccountId,
    account_name: &str,
    partner: Option<PartnerId>,
    today: NaiveDate,
) -> OpenForm {
    let form = Form::new(format!("Mark overlap — {account_name}"), today)
        .choice(
            "partner_id",
            "Partner",
            partner_choices(program, partner),
            &partner.map_or(String::new(), |p| p.0.to_string()),
            "←/→ or the first letter of its name",
        )
        .choice(
            "population",
            "Population",
            choices(Population::ALL),
            Population::Prospect.key(),
            "the account on the partner's side: its customer, a prospect, an open opportunity",
        )
        .text(
            "snapshot_on",
            "Snapshot date",
            &iso(today),
            Parse::Date,
            DATE_HINT,
        )
        .toggle(
            "excluded",
            "Excluded",
            false,
            "our existing customer, out of the joint campaigns' scope (a credit on it is finding E5)",
        );
    OpenForm::new(form, FormTarget::Overlap(account))
}

/// The hand-typed evidence's write side.
pub(super) struct EvidenceForms;

impl Kind for EvidenceForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let partner_id = PartnerId(form.chosen("partner_id").parse().ok()?);
        match target {
            FormTarget::Touch(account) => Some(Draft::Touch(Touch {
                partner_id,
                account_id: Some(account),
                opportunity_id: form
                    .chosen("opportunity_id")
                    .parse::<i64>()
                    .ok()
                    .map(OpportunityId),
                on: form.get_date("on")?,
                kind: key_of(form, "kind")?,
                campaign_id: None,
                crm_id: String::new(),
                note: form.value("note").trim().to_string(),
            })),
            FormTarget::Overlap(account) => Some(Draft::Overlap(Overlap {
                partner_id,
                account_id: account,
                population: key_of(form, "population")?,
                snapshot_on: form.get_date("snapshot_on")?,
                excluded: form.flag("excluded"),
            })),
            _ => None,
        }
    }

    fn check(
        &self,
        draft: &Draft,
        _target: FormTarget,
        program: &Program,
        _today: NaiveDate,
    ) -> Result<(), Invalid> {
        let (partner, result) = match draft {
            Draft::Touch(t) => (t.partner_id, t.validate()),
            Draft::Overlap(o) => (o.partner_id, o.validate()),
            _ => return Ok(()),
        };
        result?;
        if program.partners.get(partner).is_none() {
            return Invalid::check(vec![FieldError::new("partner_id", "pick a partner")]);
        }
        Ok(())
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let account = match open.target {
            FormTarget::Touch(a) | FormTarget::Overlap(a) => a,
            _ => return Err(mismatch()),
        };
        let account_name = app
            .store
            .get::<crate::domain::evidence::Account>(account)?
            .map_or_else(|| format!("account {account}"), |a| a.name.clone());
        let partner_name = |p: PartnerId| {
            app.program
                .partners
                .get(p)
                .map_or_else(|| format!("partner {p}"), |p| p.name.clone())
        };
        match draft {
            Draft::Touch(t) => {
                let on_deal = match t.opportunity_id {
                    Some(o) => app
                        .store
                        .get::<Opportunity>(o)?
                        .map_or(String::new(), |o| format!(" on {}", o.name)),
                    None => String::new(),
                };
                let label = format!(
                    "Add touch: {account_name}, {} on {} by {}{on_deal}",
                    t.kind.label().to_lowercase(),
                    iso(t.on),
                    partner_name(t.partner_id)
                );
                app.commit(&label, |tx| tx.add_touch(&t))?;
            }
            Draft::Overlap(o) => {
                let label = format!(
                    "Mark overlap: {account_name}, {} of {} on {}{}",
                    o.population.label().to_lowercase(),
                    partner_name(o.partner_id),
                    iso(o.snapshot_on),
                    if o.excluded { ", excluded" } else { "" }
                );
                app.commit(&label, |tx| tx.add_overlap(&o))?;
            }
            _ => return Err(mismatch()),
        }
        Ok(())
    }
}
