//! Check-in and QBR notes: the notes form, its rules, and its save step
//! (new notes for a day that has notes by now merge into them).

use super::{DATE_HINT, Draft, FormTarget, Kind, OpenForm, mismatch};
use crate::app::form::{Form, Parse};
use crate::app::{App, StatusKind};
use crate::domain::dates::iso;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;

/// The notes form of a check-in or QBR (docs/domain.md §10.5, seed 002 agenda).
pub fn meeting_form(
    partner: &Stored<Partner>,
    kind: MeetingKind,
    existing: Option<&Stored<Meeting>>,
    today: NaiveDate,
) -> OpenForm {
    let title = match existing {
        Some(m) => format!(
            "{} notes — {}, {}",
            kind.label(),
            partner.name,
            iso(m.held_on)
        ),
        None => format!("{} notes — {}", kind.label(), partner.name),
    };
    let (progress, next) = match kind {
        MeetingKind::CheckIn => (
            "what's working: progress since the last check-in",
            "next month's plan: goals you aligned on",
        ),
        MeetingKind::Qbr => (
            "metrics (leads, revenue, reach) and ROI: worth continuing?",
            "renew, expand, adjust or end, and why",
        ),
    };
    let form = Form::new(title, today)
        .text(
            "held_on",
            "Held on",
            &existing.map_or_else(|| iso(today), |m| iso(m.held_on)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "progress",
            "Progress",
            existing.map_or("", |m| &m.progress),
            Parse::Text,
            progress,
        )
        .long()
        .text(
            "upcoming",
            "Upcoming",
            existing.map_or("", |m| &m.upcoming),
            Parse::Text,
            "upcoming campaigns: coordinate timing",
        )
        .long()
        .text(
            "roadblocks",
            "Roadblocks",
            existing.map_or("", |m| &m.roadblocks),
            Parse::Text,
            "what needs fixing, and who fixes it",
        )
        .long()
        .text(
            "next_steps",
            match kind {
                MeetingKind::CheckIn => "Next month",
                MeetingKind::Qbr => "Decision",
            },
            existing.map_or("", |m| &m.next_steps),
            Parse::Text,
            next,
        )
        .long();
    let mut open = OpenForm::new(
        form,
        FormTarget::Meeting {
            partner: partner.id,
            kind,
            id: existing.map(|m| m.id),
        },
    );
    // During a call the date is already right: start at the notes.
    open.form.focus_on("progress");
    open
}

/// After a save of new notes met the same day's notes taken in another
/// jmo (a conflict on `record`): from now on the form edits those notes,
/// read onto blank notes of the day the form opened with.
pub(in crate::app) fn edit_theirs(open: &mut OpenForm, record: RecordRef, today: NaiveDate) {
    if let (
        FormTarget::Meeting {
            id: None,
            partner,
            kind,
        },
        RecordRef::Meeting(id),
    ) = (open.target, record)
    {
        let day = match &open.pristine {
            Some(Draft::Meeting(m)) => m.held_on,
            _ => today,
        };
        open.target = FormTarget::Meeting {
            partner,
            kind,
            id: Some(id),
        };
        open.base = Some(Draft::Meeting(Meeting::blank(partner, kind, day)));
    }
}

/// The notes' write side.
pub(super) struct MeetingForms;

impl Kind for MeetingForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Meeting { partner, kind, .. } = target else {
            return None;
        };
        Some(Draft::Meeting(Meeting {
            partner_id: partner,
            kind,
            held_on: form.get_date("held_on")?,
            progress: form.get_text("progress"),
            upcoming: form.get_text("upcoming"),
            roadblocks: form.get_text("roadblocks"),
            next_steps: form.get_text("next_steps"),
        }))
    }

    fn check(
        &self,
        draft: &Draft,
        _target: FormTarget,
        _program: &Program,
        today: NaiveDate,
    ) -> Result<(), Invalid> {
        match draft {
            Draft::Meeting(m) => m.validate().and_then(|()| m.validate_as_of(today)),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Meeting(m), FormTarget::Meeting { id, kind, partner }) = (draft, open.target)
        else {
            return Err(mismatch());
        };
        let label = format!("{} notes, {}", kind.label(), m.held_on);
        if let Some(id) = id {
            return app.save_over(&label, id, open, &m);
        }
        // Notes for a day that has them by now (another jmo took notes in
        // the same call) go into that day's notes, checked under the write
        // lock: the fields merge, and a field both wrote is a conflict.
        let blank = Meeting::blank(partner, kind, m.held_on);
        let pristine = match &open.pristine {
            Some(Draft::Meeting(p)) => p.clone(),
            _ => blank.clone(),
        };
        let merged = app.commit(&label, |tx| {
            let existing = tx.query_i64(
                "SELECT coalesce(max(id), 0) FROM meetings \
                 WHERE partner_id = ?1 AND kind = ?2 AND held_on = ?3",
                &[&partner.0, &kind.key(), &iso(m.held_on)],
            )?;
            if existing > 0 {
                tx.update_from(MeetingId(existing), &blank, &pristine, &m)?;
                Ok(true)
            } else {
                tx.insert(&m)?;
                Ok(false)
            }
        })?;
        if merged {
            app.say(
                StatusKind::Saved,
                format!("Saved: {label}, added to the notes taken in another jmo"),
            );
        }
        Ok(())
    }
}
