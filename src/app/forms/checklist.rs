//! Checklist items (responsibilities): the form, its rules and save step.

use super::{DATE_HINT, Draft, FormTarget, Kind, OpenForm, choices, key_of, mismatch, opt_date};
use crate::app::App;
use crate::app::form::{Form, Parse};
use crate::app::view::{Pane, Row};
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;

/// The checklist item form (docs/domain.md §5).
pub fn responsibility_form(
    campaign: CampaignId,
    existing: Option<&Stored<Responsibility>>,
    side: Side,
    owner: &str,
    today: NaiveDate,
) -> OpenForm {
    let r = existing.map(|s| s.value.clone());
    let title = match &r {
        Some(r) => format!("Edit item — {}", r.title),
        None => "New checklist item".to_string(),
    };
    let form = Form::new(title, today)
        .text(
            "title",
            "Title",
            r.as_ref().map_or("", |r| &r.title),
            Parse::Required,
            "what to do",
        )
        .choice(
            "side",
            "Side",
            choices(Side::ALL),
            r.as_ref().map_or(side, |r| r.side).key(),
            "ours / partner / shared",
        )
        .text(
            "owner",
            "Owner",
            r.as_ref().map_or(owner, |r| &r.owner),
            Parse::Text,
            "a person's name",
        )
        .text(
            "due",
            "Due",
            &opt_date(r.as_ref().and_then(|r| r.due)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "done_on",
            "Done on",
            &opt_date(r.as_ref().and_then(|r| r.done_on)),
            Parse::OptDate,
            "empty = not done (Space in the list ticks it)",
        );
    OpenForm::new(
        form,
        FormTarget::Responsibility {
            campaign,
            id: existing.map(|s| s.id),
        },
    )
}

/// The checklist item's write side.
pub(super) struct ChecklistForms;

impl Kind for ChecklistForms {
    /// An item keeps its place on its side; moved to the other side (or
    /// new) it goes last there.
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        program: &Program,
        base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Responsibility { campaign, id } = target else {
            return None;
        };
        let side: Side = key_of(form, "side")?;
        let existing = match base {
            Some(Draft::Responsibility(r)) => Some(r.clone()),
            _ => id
                .and_then(|id| program.responsibilities.get(id))
                .map(|r| r.value.clone()),
        };
        let position = match existing {
            Some(r) if r.side == side => r.position,
            _ => program
                .checklist_of(campaign)
                .iter()
                .filter(|r| r.side == side)
                .map(|r| r.position + 1)
                .max()
                .unwrap_or(0),
        };
        Some(Draft::Responsibility(Responsibility {
            campaign_id: campaign,
            side,
            title: form.get_text("title"),
            owner: form.get_text("owner"),
            due: form.get_opt_date("due")?,
            done_on: form.get_opt_date("done_on")?,
            position,
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
            Draft::Responsibility(r) => r.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Responsibility(r), FormTarget::Responsibility { id, .. }) =
            (draft, open.target)
        else {
            return Err(mismatch());
        };
        match id {
            None => {
                let id = app.commit(&format!("Add item '{}'", r.title), |tx| tx.insert(&r))?;
                app.show_new(Pane::Checklist, Row::Item(id));
            }
            Some(id) => app.save_over(&format!("Edit item '{}'", r.title), id, open, &r)?,
        }
        Ok(())
    }
}
