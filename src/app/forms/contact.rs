//! A partner's marketing contacts: the form, its rules and save step.

use super::{Draft, FormTarget, Kind, OpenForm, mismatch};
use crate::app::App;
use crate::app::form::{Form, Parse};
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;

/// The contact form (docs/domain.md §10).
pub fn contact_form(
    partner: &Stored<Partner>,
    existing: Option<&Stored<Contact>>,
    today: NaiveDate,
) -> OpenForm {
    let title = match existing {
        Some(c) => format!("Edit contact — {}", c.name),
        None => format!("New contact — {}", partner.name),
    };
    let form = Form::new(title, today)
        .text(
            "name",
            "Name",
            existing.map_or("", |c| &c.name),
            Parse::Required,
            "full name",
        )
        .text(
            "role",
            "Role",
            existing.map_or("", |c| &c.role),
            Parse::Text,
            "e.g. Partner marketing manager",
        )
        .text(
            "email",
            "E-mail",
            existing.map_or("", |c| &c.email),
            Parse::Text,
            "name@company.com",
        );
    OpenForm::new(
        form,
        FormTarget::Contact {
            partner: partner.id,
            id: existing.map(|c| c.id),
        },
    )
}

/// The contact's write side.
pub(super) struct ContactForms;

impl Kind for ContactForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Contact { partner, .. } = target else {
            return None;
        };
        Some(Draft::Contact(Contact {
            partner_id: partner,
            name: form.get_text("name"),
            role: form.get_text("role"),
            email: form.get_text("email"),
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
            Draft::Contact(c) => c.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Contact(c), FormTarget::Contact { id, .. }) = (draft, open.target) else {
            return Err(mismatch());
        };
        match id {
            None => {
                app.commit(&format!("Add contact '{}'", c.name), |tx| tx.insert(&c))?;
            }
            Some(id) => {
                app.save_over(&format!("Edit contact '{}'", c.name), id, open, &c)?;
            }
        }
        Ok(())
    }
}
