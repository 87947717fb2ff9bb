//! A partner's profile (Enter on a partner; issue 5): who they are, the
//! agreement, tier, readiness, budget, contacts, cadence, meetings, plans
//! and past performance. This module holds the view's state, which rows
//! it has and which record is under the cursor ([`ProfileRow`]), and its
//! keys; the words are drawn by `ui/profile.rs`.

use super::{Cmd, Move, Outcome, View, moves, way_out};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::view::keep_visible;
use crate::app::{App, Confirmed, Mode, StatusKind, forms};
use crate::domain::relationship;
use crate::domain::*;
use crossterm::event::KeyCode;

/// What a profile line is about: Enter / e edits or opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileItem {
    /// The profile fields (partner form).
    Profile,
    /// The agreement terms.
    Agreement,
    /// The budget factors.
    Budget,
    /// The monthly check-in or the QBR: new notes.
    Cadence(MeetingKind),
    /// A contact.
    Contact(ContactId),
    /// A meeting's notes.
    Meeting(MeetingId),
    /// A joint marketing plan (Enter opens it).
    Plan(PlanId),
}

/// A field of the profile or of the agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileField {
    /// Partnership type.
    Partnership,
    /// Tier set, and the tier the numbers earn.
    Tier,
    /// Brand guidelines on file.
    BrandGuidelines,
    /// Data consent.
    DataConsent,
    /// Past work.
    PastWork,
    /// Notes.
    Notes,
    /// Archived since (archived partners only).
    Archived,
    /// The agreement's period.
    Period,
    /// The agreement's scope.
    Scope,
    /// Lead and revenue sharing terms.
    Sharing,
    /// Exclusivity.
    Exclusivity,
    /// Brand usage.
    BrandUsage,
    /// Termination notice.
    NoticePeriod,
}

/// One line of the profile, top to bottom: what it shows (the ui words
/// it) and, through [`ProfileRow::item`], what Enter does on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileRow {
    /// An empty line between sections (the cursor skips it).
    Blank,
    /// A section heading that opens its form (Profile, Agreement, Budget).
    Heading(ProfileItem),
    /// A field.
    Field(ProfileField),
    /// The readiness heading with its count.
    Readiness,
    /// One readiness check, by index.
    Check(usize),
    /// The budget suggestion's formula.
    Budget,
    /// The contacts heading.
    Contacts,
    /// No contact yet.
    NoContacts,
    /// A contact.
    Contact(ContactId),
    /// The cadence heading.
    Cadences,
    /// The check-in or QBR cadence.
    Cadence(MeetingKind),
    /// A meeting held.
    Meeting(MeetingId),
    /// The plans heading.
    Plans,
    /// No plan yet.
    NoPlans,
    /// A joint marketing plan.
    Plan(PlanId),
    /// The past performance heading.
    Past,
    /// No campaign in the last 12 months.
    NoPast,
    /// The past performance table's column names.
    PastColumns,
    /// One line of the past performance table, by index.
    PastType(usize),
}

impl ProfileRow {
    /// What Enter / e opens on this line (`None`: the partner form).
    pub fn item(self) -> Option<ProfileItem> {
        use ProfileField::*;
        match self {
            ProfileRow::Heading(i) => Some(i),
            ProfileRow::Field(Partnership | Tier | BrandGuidelines | DataConsent)
            | ProfileRow::Field(PastWork | Notes | Archived)
            | ProfileRow::Readiness
            | ProfileRow::Check(_) => Some(ProfileItem::Profile),
            ProfileRow::Field(_) => Some(ProfileItem::Agreement),
            ProfileRow::Budget => Some(ProfileItem::Budget),
            ProfileRow::Contact(id) => Some(ProfileItem::Contact(id)),
            ProfileRow::Cadence(k) => Some(ProfileItem::Cadence(k)),
            ProfileRow::Meeting(id) => Some(ProfileItem::Meeting(id)),
            ProfileRow::Plan(id) => Some(ProfileItem::Plan(id)),
            _ => None,
        }
    }
}

/// The most meetings the profile lists.
pub const MEETINGS_SHOWN: usize = 6;

impl App {
    /// The rows of a partner's profile, top to bottom (issue 5, items
    /// 1–5, 7): the ui words each; the cursor moves over them.
    pub fn profile_rows(&self, partner: PartnerId) -> Vec<ProfileRow> {
        use ProfileField::*;
        use ProfileRow as R;
        let Some(p) = self.program.partners.get(partner) else {
            return Vec::new();
        };
        let today = self.today;
        let mut out = vec![R::Heading(ProfileItem::Profile)];
        out.extend(
            [
                Partnership,
                Tier,
                BrandGuidelines,
                DataConsent,
                PastWork,
                Notes,
            ]
            .map(R::Field),
        );
        if p.archived_on.is_some() {
            out.push(R::Field(Archived));
        }
        out.push(R::Blank);
        out.push(R::Heading(ProfileItem::Agreement));
        out.extend(
            [
                Period,
                Scope,
                Sharing,
                Exclusivity,
                BrandUsage,
                NoticePeriod,
            ]
            .map(R::Field),
        );
        out.push(R::Blank);
        out.push(R::Readiness);
        out.extend((0..self.readiness_of(partner).items.len()).map(R::Check));
        out.push(R::Blank);
        out.extend([R::Heading(ProfileItem::Budget), R::Budget, R::Blank]);
        out.push(R::Contacts);
        let contacts = self.program.contacts_of(partner);
        if contacts.is_empty() {
            out.push(R::NoContacts);
        }
        out.extend(contacts.iter().map(|c| R::Contact(c.id)));
        out.push(R::Blank);
        out.push(R::Cadences);
        out.extend(
            relationship::cadences(&self.program, partner, today)
                .iter()
                .map(|c| R::Cadence(c.kind)),
        );
        out.extend(
            self.program
                .meetings_of(partner)
                .iter()
                .take(MEETINGS_SHOWN)
                .map(|m| R::Meeting(m.id)),
        );
        out.push(R::Blank);
        out.push(R::Plans);
        let plans = self.program.plans_of(partner);
        if plans.is_empty() {
            out.push(R::NoPlans);
        }
        out.extend(
            plans
                .iter()
                .filter(|plan| self.plan_sheet(plan.id).is_some())
                .map(|plan| R::Plan(plan.id)),
        );
        out.push(R::Blank);
        out.push(R::Past);
        let past = relationship::past_performance(&self.program, partner, today);
        if past.by_type.is_empty() {
            out.push(R::NoPast);
        } else {
            out.push(R::PastColumns);
            out.extend((0..past.by_type.len()).map(R::PastType));
        }
        out
    }

    /// Enter on a partner: its profile.
    pub(crate) fn open_profile(&mut self, partner: PartnerId) {
        self.mode = Mode::Profile(Profile {
            partner,
            cursor: 0,
            scroll: 0,
        });
    }
}

/// A profile on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// The partner.
    pub partner: PartnerId,
    /// The selected line (an index into the profile's rows).
    pub cursor: usize,
    /// Lines scrolled.
    pub scroll: usize,
}

/// The profile's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Edit or open the line under the cursor.
    Open,
    /// Today's check-in notes.
    CheckinNotes,
    /// The agreement form.
    Agreement,
    /// A new contact.
    AddContact,
    /// A new joint marketing plan.
    NewPlan,
    /// The budget factors form.
    Budget,
    /// Today's QBR notes.
    QbrNotes,
    /// A line added to today's check-in notes.
    CaptureNote,
    /// Delete the contact, meeting or plan under the cursor.
    Delete,
    /// Archive the partner (or bring it back).
    Archive,
    /// The history of the line's record.
    History,
    /// Undo the last edit.
    Undo,
}

/// The next line after (delta 1) or before (−1) `from` that is not blank.
fn next_row(rows: &[ProfileRow], from: usize, delta: i64) -> usize {
    let mut i = from as i64;
    loop {
        i += delta;
        if i < 0 || i as usize >= rows.len() {
            return from;
        }
        if rows[i as usize] != ProfileRow::Blank {
            return i as usize;
        }
    }
}

impl View for Profile {
    type Action = Act;
    const TITLE: &'static str = "Partner profile";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let c = Key::ch;
        let own = |a| Cmd::Own(a);
        let mut keys = vec![
            def(
                own(Act::CheckinNotes),
                "checkin_notes",
                &[c('n')],
                "today's check-in notes (during the call)",
            )
            .hint("check-in notes"),
            def(
                own(Act::CaptureNote),
                "capture_note",
                &[c('N')],
                "add a line to today's check-in notes",
            ),
            def(
                own(Act::Open),
                "open",
                &[Key::plain(KeyCode::Enter)],
                "edit or open the line under the cursor",
            )
            .hint("edit / open"),
            def(
                own(Act::Open),
                "edit",
                &[c('e')],
                "edit or open the line under the cursor",
            )
            .hint("edit / open"),
            def(
                own(Act::Agreement),
                "agreement",
                &[c('a')],
                "the agreement's terms",
            )
            .hint("agreement"),
            def(
                own(Act::AddContact),
                "add_contact",
                &[c('c')],
                "add a marketing contact",
            )
            .hint("add contact"),
            def(
                own(Act::NewPlan),
                "new_plan",
                &[c('p')],
                "plan a quarter or a year (joint marketing plan)",
            )
            .hint("new plan"),
            def(
                own(Act::Budget),
                "budget",
                &[c('b')],
                "the co-marketing budget factors",
            )
            .hint("budget factors"),
            def(
                own(Act::QbrNotes),
                "qbr_notes",
                &[c('Q')],
                "today's QBR notes",
            )
            .hint("QBR notes"),
            def(
                own(Act::Delete),
                "delete",
                &[c('d')],
                "delete the contact, meeting or plan under the cursor (asks first)",
            )
            .hint("delete"),
            def(
                own(Act::Archive),
                "archive",
                &[c('X')],
                "archive the partner, or bring it back (asks first)",
            )
            .hint("archive"),
            def(
                own(Act::History),
                "history",
                &[c('H')],
                "change history of the line's record",
            )
            .hint("history"),
            def(own(Act::Undo), "undo", &[c('u')], "undo the last edit")
                .hint("undo")
                .keep(),
        ];
        keys.extend(moves(None));
        keys.extend(way_out("close", None));
        keys
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Profile> {
        let partner = self.partner;
        let Some(p) = app.program.partners.get(partner).cloned() else {
            return Outcome::Close;
        };
        let today = app.today;
        let item = app
            .profile_rows(partner)
            .get(self.cursor)
            .and_then(|r| r.item());
        let record = match item {
            Some(ProfileItem::Contact(id)) => Some(RecordRef::Contact(id)),
            Some(ProfileItem::Meeting(id)) => Some(RecordRef::Meeting(id)),
            Some(ProfileItem::Plan(id)) => Some(RecordRef::Plan(id)),
            _ => None,
        };
        let budget = |app: &App| {
            forms::budget_form(
                &p,
                app.config.tier_budget.base(p.tier),
                today,
                app.program.currency,
            )
        };
        match action {
            Act::Open => match item {
                Some(ProfileItem::Profile) | None => {
                    app.open_form(forms::partner_form(Some(&p), today, app.program.currency));
                }
                Some(ProfileItem::Agreement) => app.open_form(forms::agreement_form(&p, today)),
                Some(ProfileItem::Budget) => app.open_form(budget(app)),
                Some(ProfileItem::Cadence(kind)) => app.meeting_notes(partner, kind),
                Some(ProfileItem::Contact(id)) => {
                    if let Some(c) = app.program.contacts.get(id) {
                        app.open_form(forms::contact_form(&p, Some(c), today));
                    }
                }
                Some(ProfileItem::Meeting(id)) => {
                    if let Some(m) = app.program.meetings.get(id) {
                        app.open_form(forms::meeting_form(&p, m.kind, Some(m), today));
                    }
                }
                Some(ProfileItem::Plan(plan)) => {
                    app.mode = Mode::Plan(super::plan::Plan::new(plan));
                }
            },
            Act::Agreement => app.open_form(forms::agreement_form(&p, today)),
            Act::Budget => app.open_form(budget(app)),
            Act::AddContact => app.open_form(forms::contact_form(&p, None, today)),
            Act::CheckinNotes => app.meeting_notes(partner, MeetingKind::CheckIn),
            Act::QbrNotes => app.meeting_notes(partner, MeetingKind::Qbr),
            Act::CaptureNote => app.capture_note(Some(partner)),
            Act::NewPlan => app.open_form(forms::plan_form(&p, None, today)),
            Act::Delete => match record {
                Some(record) => {
                    let undo = app.keys.profile.key_label(Cmd::Own(Act::Undo));
                    app.ask(
                        format!("Delete this {}? ({undo} undoes it)", record.kind_label()),
                        Confirmed::Delete(record),
                    );
                }
                None => {
                    let d = app.keys.profile.key_label(Cmd::Own(Act::Delete));
                    app.say(
                        StatusKind::Info,
                        format!(
                            "{d} deletes a contact, a meeting or a plan: put the cursor on one"
                        ),
                    );
                }
            },
            Act::Archive => app.ask_archive(partner),
            Act::History => app.show_history_of(record.unwrap_or(RecordRef::Partner(partner))),
            Act::Undo => app.undo(),
        }
        Outcome::Keep(self)
    }

    fn moved(self, app: &mut App, to: Move) -> Outcome<Profile> {
        let rows = app.profile_rows(self.partner);
        let n = rows.len();
        let height = app.areas.view_height();
        let page = height.saturating_sub(1);
        let to = match to {
            Move::Down => next_row(&rows, self.cursor, 1),
            Move::Up => next_row(&rows, self.cursor, -1),
            Move::PageDown => self.cursor + page,
            Move::PageUp => self.cursor.saturating_sub(page),
            Move::Top => 0,
            Move::Bottom => n,
        }
        .min(n.saturating_sub(1));
        Outcome::Keep(Profile {
            cursor: to,
            scroll: keep_visible(self.scroll, to, height, n),
            ..self
        })
    }

    fn alive(&self, app: &App) -> bool {
        app.program.partners.get(self.partner).is_some()
    }
}
