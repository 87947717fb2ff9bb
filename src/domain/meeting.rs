//! The relationship cadence's records (docs/domain.md §10.5, seed 002): a check-in or
//! QBR held with a partner, with its notes along the seed's agenda.
//!
//! When the next one is due, and the partner's readiness and past
//! performance, are derived in [`super::relationship`].

use super::ids::{MeetingId, PartnerId, Record};
use super::keyed::keyed_enum;
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

keyed_enum!(
    /// The two meetings of the relationship cadence (docs/domain.md §10.5, seed 002).
    MeetingKind {
        /// The monthly check-in: progress, upcoming campaigns, roadblocks,
        /// next month's plan (30 minutes).
        CheckIn = ("checkin", "Monthly check-in"),
        /// The quarterly business review: metrics, ROI, feedback, renew or
        /// adjust (60 minutes).
        Qbr = ("qbr", "QBR"),
    }
);

impl MeetingKind {
    /// Months between two meetings of this kind: 1 for the check-in, 3 for
    /// the QBR.
    pub fn interval_months(self) -> u32 {
        match self {
            MeetingKind::CheckIn => 1,
            MeetingKind::Qbr => 3,
        }
    }
}

/// A check-in or QBR held with a partner, with its notes along the
/// seed-002 agenda. One record per meeting; editing keeps the earlier text
/// in the change history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    /// The partner.
    pub partner_id: PartnerId,
    /// Check-in or QBR.
    pub kind: MeetingKind,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Progress: what is working (QBR: metrics and ROI).
    #[serde(default)]
    pub progress: String,
    /// Upcoming campaigns and their timing.
    #[serde(default)]
    pub upcoming: String,
    /// Roadblocks: what needs fixing.
    #[serde(default)]
    pub roadblocks: String,
    /// Next month's plan (QBR: renew, expand or adjust).
    #[serde(default)]
    pub next_steps: String,
}

impl Meeting {
    /// Notes of a `kind` meeting with `partner` on `day`, with nothing
    /// written yet.
    pub fn blank(partner: PartnerId, kind: MeetingKind, day: NaiveDate) -> Meeting {
        Meeting {
            partner_id: partner,
            kind,
            held_on: day,
            progress: String::new(),
            upcoming: String::new(),
            roadblocks: String::new(),
            next_steps: String::new(),
        }
    }
}

impl Record for Meeting {
    type Id = MeetingId;
    type Parent = PartnerId;
    fn parent(&self) -> PartnerId {
        self.partner_id
    }
}

/// The longest note a meeting field keeps, characters.
pub const MAX_NOTE: usize = 4000;

impl Meeting {
    /// Checks the fields: each note at most [`MAX_NOTE`] characters.
    ///
    /// Errors: [`Invalid`] listing every bad field.
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        for (field, text) in [
            ("progress", &self.progress),
            ("upcoming", &self.upcoming),
            ("roadblocks", &self.roadblocks),
            ("next_steps", &self.next_steps),
        ] {
            if text.chars().count() > MAX_NOTE {
                errors.push(FieldError::new(
                    field,
                    format!("at most {MAX_NOTE} characters"),
                ));
            }
        }
        Invalid::check(errors)
    }

    /// Checks the fields against `today`: a meeting is recorded once held,
    /// so its date is not after today.
    ///
    /// Errors: [`Invalid`] on `held_on`.
    pub fn validate_as_of(&self, today: NaiveDate) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.held_on > today {
            errors.push(FieldError::new(
                "held_on",
                format!("record a meeting once held: the date is after today ({today})"),
            ));
        }
        Invalid::check(errors)
    }
}
