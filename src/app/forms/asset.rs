//! Assets of a campaign (G1): the form, its rules and save step.

use super::{Draft, FormTarget, Kind, OpenForm, mismatch, opt_date};
use crate::app::App;
use crate::app::form::{Form, Parse};
use crate::app::view::{Pane, Row};
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;

/// The asset form (G1).
pub fn asset_form(
    campaign: CampaignId,
    existing: Option<&Stored<Asset>>,
    today: NaiveDate,
) -> OpenForm {
    let a = existing.map(|s| s.value.clone());
    let title = match &a {
        Some(a) => format!("Edit asset — {}", a.name),
        None => "New asset".to_string(),
    };
    let form = Form::new(title, today)
        .text(
            "name",
            "Name",
            a.as_ref().map_or("", |a| &a.name),
            Parse::Required,
            "e.g. Webinar deck v2",
        )
        .text(
            "kind",
            "Kind",
            a.as_ref().map_or("", |a| &a.kind),
            Parse::Text,
            "deck, landing page, ad creative…",
        )
        .toggle(
            "co_branded",
            "Co-branded",
            a.as_ref().is_none_or(|a| a.co_branded),
            "carries both brands: needs the partner's approval (G1)",
        )
        .text(
            "approved_on",
            "Partner approved on",
            &opt_date(a.as_ref().and_then(|a| a.approved_on)),
            Parse::OptDate,
            "empty = not approved yet",
        )
        .text(
            "location",
            "Location",
            a.as_ref().map_or("", |a| &a.location),
            Parse::Text,
            "URL or path",
        );
    OpenForm::new(
        form,
        FormTarget::Asset {
            campaign,
            id: existing.map(|s| s.id),
        },
    )
}

/// The asset's write side.
pub(super) struct AssetForms;

impl Kind for AssetForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Asset { campaign, .. } = target else {
            return None;
        };
        Some(Draft::Asset(Asset {
            campaign_id: campaign,
            name: form.get_text("name"),
            kind: form.get_text("kind"),
            co_branded: form.flag("co_branded"),
            approved_on: form.get_opt_date("approved_on")?,
            location: form.get_text("location"),
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
            Draft::Asset(a) => a.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Asset(a), FormTarget::Asset { id, .. }) = (draft, open.target) else {
            return Err(mismatch());
        };
        match id {
            None => {
                let id = app.commit(&format!("Add asset '{}'", a.name), |tx| tx.insert(&a))?;
                app.show_new(Pane::Checklist, Row::Asset(id));
            }
            Some(id) => app.save_over(&format!("Edit asset '{}'", a.name), id, open, &a)?,
        }
        Ok(())
    }
}
