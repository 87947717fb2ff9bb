//! Milestones: the form, its rules and save step.

use super::{DATE_HINT, Draft, FormTarget, Kind, OpenForm, choices, key_of, mismatch, opt_date};
use crate::app::App;
use crate::app::form::{Form, Parse};
use crate::app::view::{Pane, Row};
use crate::domain::dates::iso;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;

/// The milestone form (docs/domain.md §4).
pub fn milestone_form(
    campaign: CampaignId,
    existing: Option<&Stored<Milestone>>,
    today: NaiveDate,
) -> OpenForm {
    let m = existing.map(|s| s.value.clone());
    let title = match &m {
        Some(m) => format!("Edit milestone — {}", m.name),
        None => "New milestone".to_string(),
    };
    let form = Form::new(title, today)
        .text(
            "name",
            "Name",
            m.as_ref().map_or("", |m| &m.name),
            Parse::Required,
            "",
        )
        .text(
            "due",
            "Due",
            &iso(m.as_ref().map_or(today, |m| m.due)),
            Parse::Date,
            DATE_HINT,
        )
        .choice(
            "status",
            "Status",
            choices(MilestoneStatus::ALL),
            m.as_ref().map_or("upcoming", |m| m.status.key()),
            "overdue is never set: it follows from the date",
        )
        .text(
            "completed_on",
            "Completed on",
            &opt_date(m.as_ref().and_then(|m| m.completed_on)),
            Parse::OptDate,
            "for done milestones; empty = today",
        )
        .text(
            "blocked_reason",
            "Blocked because",
            m.as_ref()
                .and_then(|m| m.blocked_reason.as_deref())
                .unwrap_or(""),
            Parse::Text,
            "for blocked milestones",
        );
    OpenForm::new(
        form,
        FormTarget::Milestone {
            campaign,
            id: existing.map(|s| s.id),
        },
    )
}

/// The milestone's write side.
pub(super) struct MilestoneForms;

impl Kind for MilestoneForms {
    /// A milestone's kind (standard or not) is kept; a done one gets its
    /// completion date (today when none is typed), a blocked one keeps
    /// its reason.
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        program: &Program,
        base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Milestone { campaign, id } = target else {
            return None;
        };
        let status: MilestoneStatus = key_of(form, "status")?;
        let completed_on = form.get_opt_date("completed_on")?;
        let reason = form.get_opt_text("blocked_reason");
        Some(Draft::Milestone(Milestone {
            campaign_id: campaign,
            name: form.get_text("name"),
            kind: match base {
                Some(Draft::Milestone(m)) => m.kind,
                _ => id
                    .and_then(|id| program.milestones.get(id))
                    .and_then(|m| m.kind),
            },
            due: form.get_date("due")?,
            status,
            completed_on: match status {
                MilestoneStatus::Done => completed_on.or(Some(form.today)),
                _ => None,
            },
            blocked_reason: if status == MilestoneStatus::Blocked {
                reason
            } else {
                None
            },
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
            Draft::Milestone(m) => m.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Milestone(m), FormTarget::Milestone { id, .. }) = (draft, open.target) else {
            return Err(mismatch());
        };
        match id {
            None => {
                let id = app.commit(&format!("Add milestone '{}'", m.name), |tx| tx.insert(&m))?;
                app.show_new(Pane::Timeline, Row::Milestone(id));
            }
            Some(id) => app.save_over(&format!("Edit milestone '{}'", m.name), id, open, &m)?,
        }
        Ok(())
    }
}
