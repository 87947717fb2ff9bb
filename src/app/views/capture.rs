//! Quick capture during the call (issue 11, item 4): one line that adds
//! a checklist item to the selected campaign (`+`: `Send logo files
//! @partner +3`, the grammar of [`crate::domain::capture`]), or a line to
//! the partner's check-in notes of today (`N`). Enter saves in one
//! transaction (one undo removes it); what is wrong is said at the prompt,
//! the typed text kept, nothing written. The ui shows, as you type, what
//! Enter will save ([`App::capture_preview`]).

use super::{Cmd, Outcome, View, help_key};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::view::{Pane, Row};
use crate::app::{App, Mode, StatusKind};
use crate::domain::capture;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

/// What the typed line becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A checklist item of this campaign.
    Item(CampaignId),
    /// A line of this partner's check-in notes of today.
    Note(PartnerId),
}

/// A capture prompt on the screen.
#[derive(Debug, Clone)]
pub struct Capture {
    /// What the line becomes.
    pub target: Target,
    /// The line being typed.
    pub area: Box<TextArea<'static>>,
    /// Why Enter was refused, until the line changes.
    pub error: Option<String>,
}

/// The capture prompt's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Save the line.
    Save,
}

/// What Enter would save, for the prompt to show as you type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Preview {
    /// A checklist item: its side, owner and due date (`None`: undated).
    Item {
        /// The side.
        side: Side,
        /// The owner it gets (the side's default owner, docs/domain.md §5.1).
        owner: String,
        /// The due date.
        due: Option<NaiveDate>,
    },
    /// A line added to the check-in notes of today; `adds` when notes of
    /// today exist already (else they are started).
    Note {
        /// Whether today's check-in has notes already.
        adds: bool,
    },
    /// Nothing typed yet.
    Empty,
    /// What is wrong with the line.
    Wrong(String),
}

impl Capture {
    /// An empty prompt for `target`.
    pub fn new(target: Target) -> Capture {
        Capture {
            target,
            area: super::line::line_editor(""),
            error: None,
        }
    }

    /// The typed line.
    pub fn text(&self) -> String {
        self.area.lines().first().cloned().unwrap_or_default()
    }
}

impl View for Capture {
    type Action = Act;
    const TITLE: &'static str = "Quick capture";
    const TYPING: bool = true;

    fn keys() -> Vec<Def<Cmd<Act>>> {
        vec![
            def(
                Cmd::Own(Act::Save),
                "save",
                &[Key::plain(KeyCode::Enter)],
                "save the line (one undo removes it)",
            )
            .hint("save"),
            help_key(true),
            def(
                Cmd::Close,
                "cancel",
                &[Key::plain(KeyCode::Esc)],
                "cancel: nothing is saved",
            )
            .hint("cancel"),
        ]
    }

    fn act(mut self, app: &mut App, action: Act) -> Outcome<Capture> {
        match action {
            Act::Save => match app.capture_save(self.target, &self.text()) {
                Ok(()) => Outcome::Close,
                Err(error) => {
                    self.error = Some(error);
                    Outcome::Keep(self)
                }
            },
        }
    }

    /// Typed text goes into the line.
    fn other(mut self, _app: &mut App, ev: &KeyEvent) -> Result<Outcome<Capture>, Capture> {
        if !super::typed(ev) {
            return Err(self);
        }
        super::line::line_input(&mut self.area, ev);
        self.error = None;
        Ok(Outcome::Keep(self))
    }

    /// The grammar, under the keys in the help.
    fn notes(_app: &App) -> Vec<(String, String)> {
        let pair = |k: &str, d: &str| (k.to_string(), d.to_string());
        vec![
            pair(
                "@partner",
                "side: @ours (@us), @partner (@them), @shared (@both), or a prefix (@p); ours when not said",
            ),
            pair(
                "+3",
                "due: +N days, +Nw weeks, YYYY-MM-DD, today, tomorrow, mon … sun (the last word)",
            ),
        ]
    }

    fn alive(&self, app: &App) -> bool {
        match self.target {
            Target::Item(c) => app.program.campaigns.get(c).is_some(),
            Target::Note(p) => app.program.partners.get(p).is_some(),
        }
    }
}

impl App {
    /// `+`: the capture prompt for a checklist item of the selected
    /// campaign.
    pub(crate) fn capture_item(&mut self) {
        match self.selected_campaign().map(|c| c.id) {
            Some(c) => self.mode = Mode::Capture(Capture::new(Target::Item(c))),
            None => self.say(
                StatusKind::Info,
                "Select a campaign first (Timeline, 2): the item goes on its checklist",
            ),
        }
    }

    /// `N`: the capture prompt for a line of `partner`'s check-in notes of
    /// today (the selected partner's, on the main screen).
    pub(crate) fn capture_note(&mut self, partner: Option<PartnerId>) {
        match partner.or_else(|| self.selected_partner().map(|p| p.id)) {
            Some(p) => self.mode = Mode::Capture(Capture::new(Target::Note(p))),
            None => self.say(StatusKind::Info, "Select a partner first (Partners, 1)"),
        }
    }

    /// The owner a new item of `side` gets on a campaign of `partner`: the
    /// side's default owner (docs/domain.md §5.1).
    fn owner_for(&self, partner: PartnerId, side: Side) -> String {
        match self.program.partners.get(partner) {
            Some(p) => {
                let contacts = self.program.contacts_of(partner);
                new_campaign::default_owners(
                    &self.config.our_owner,
                    p,
                    contacts.iter().map(|c| &c.value),
                )
                .of(side)
                .to_string()
            }
            None => String::new(),
        }
    }

    /// The check-in of `partner` held today, if its notes exist.
    fn todays_checkin(&self, partner: PartnerId) -> Option<&Stored<Meeting>> {
        self.program
            .meetings_of(partner)
            .into_iter()
            .find(|m| m.kind == MeetingKind::CheckIn && m.held_on == self.today)
    }

    /// What Enter would save from `text` for `target`.
    pub fn capture_preview(&self, target: Target, text: &str) -> Preview {
        if text.trim().is_empty() {
            return Preview::Empty;
        }
        match target {
            Target::Item(c) => match capture::parse(text, self.today) {
                Ok(cap) => Preview::Item {
                    side: cap.side,
                    owner: self
                        .program
                        .campaigns
                        .get(c)
                        .map(|c| self.owner_for(c.partner_id, cap.side))
                        .unwrap_or_default(),
                    due: cap.due,
                },
                Err(e) => Preview::Wrong(e),
            },
            Target::Note(p) => Preview::Note {
                adds: self.todays_checkin(p).is_some(),
            },
        }
    }

    /// Saves a captured line. Errors: what is wrong, to say at the prompt
    /// (nothing was written).
    pub(crate) fn capture_save(&mut self, target: Target, text: &str) -> Result<(), String> {
        match target {
            Target::Item(c) => self.save_item(c, text),
            Target::Note(p) => self.save_note(p, text),
        }
    }

    fn save_item(&mut self, campaign: CampaignId, text: &str) -> Result<(), String> {
        let cap = capture::parse(text, self.today)?;
        let Some(partner) = self.program.campaigns.get(campaign).map(|c| c.partner_id) else {
            return Err("that campaign no longer exists".into());
        };
        let position = self
            .program
            .checklist_of(campaign)
            .iter()
            .filter(|r| r.side == cap.side)
            .map(|r| r.position + 1)
            .max()
            .unwrap_or(0);
        let item = Responsibility {
            campaign_id: campaign,
            side: cap.side,
            title: cap.title,
            owner: self.owner_for(partner, cap.side),
            due: cap.due,
            done_on: None,
            position,
        };
        item.validate().map_err(|e| e.to_string())?;
        let label = format!("Add item '{}'", item.title);
        let id = self
            .commit(&label, |tx| tx.insert(&item))
            .map_err(|e| format!("Not saved: {e}"))?;
        self.show_new(Pane::Checklist, Row::Item(id));
        Ok(())
    }

    fn save_note(&mut self, partner: PartnerId, text: &str) -> Result<(), String> {
        let line = text.trim();
        if line.is_empty() {
            return Err("type a line first: it goes into today's check-in notes".into());
        }
        let today = self.today;
        let kind = MeetingKind::CheckIn;
        // The same record, and the same label, as the check-in form's; the
        // day's notes are looked up under the write lock, so a line typed
        // while another jmo started today's notes joins them.
        let label = format!("{} notes, {}", kind.label(), today);
        self.commit(&label, |tx| {
            let existing = tx.query_i64(
                "SELECT coalesce(max(id), 0) FROM meetings \
                 WHERE partner_id = ?1 AND kind = ?2 AND held_on = ?3",
                &[&partner.0, &kind.key(), &dates::iso(today)],
            )?;
            let (id, mut notes) = if existing > 0 {
                let id = MeetingId(existing);
                let m = tx
                    .get::<Meeting>(id)?
                    .ok_or(StoreError::NotFound(RecordRef::Meeting(id)))?;
                (Some(id), m.value)
            } else {
                (None, Meeting::blank(partner, kind, today))
            };
            notes.progress = add_line(&notes.progress, line);
            notes
                .validate()
                .map_err(|e| StoreError::Refused(format!("the notes would be too long: {e}")))?;
            match id {
                Some(id) => tx.update(id, &notes).map(|_| ()),
                None => tx.insert(&notes).map(|_| ()),
            }
        })
        .map_err(|e| match e {
            StoreError::Refused(why) => why,
            e => format!("Not saved: {e}"),
        })
    }
}

/// `notes` with `line` added on a line of its own after what is there
/// (meeting notes are long text, several lines: docs/domain.md §10.5).
fn add_line(notes: &str, line: &str) -> String {
    let notes = notes.trim_end();
    if notes.is_empty() {
        line.to_string()
    } else {
        format!("{notes}\n{line}")
    }
}
