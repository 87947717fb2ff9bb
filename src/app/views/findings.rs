//! The full findings list (`f`): every guardrail finding, errors first;
//! Enter goes to the record, or for a reconciliation finding opens the
//! account's journey or the campaign's pipeline over the list
//! (`App::open_evidence_of`).

use super::{Cmd, Move, Outcome, View, moves, scrolled, way_out};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::view::Scrolling;
use crossterm::event::KeyCode;

/// The findings list's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Findings {
    /// The selected finding.
    pub index: usize,
    /// The finding a view was opened from (its rule, partner and record),
    /// so the list comes back on it after an edit there moved the others
    /// ([`Findings::follow`]).
    pub opened: Option<(
        crate::domain::guardrails::Rule,
        crate::domain::PartnerId,
        crate::domain::RecordRef,
    )>,
}

impl Findings {
    /// Back from the view opened over the list, after the findings may
    /// have changed: on the finding it was opened from if it is still
    /// listed, else at the same place (the next one, when it was fixed).
    pub fn follow(self, app: &App) -> Findings {
        let listed = app.findings_listed();
        let index = self
            .opened
            .and_then(|(rule, partner, record)| {
                listed
                    .iter()
                    .position(|f| f.rule == rule && f.partner_id == partner && f.record == record)
            })
            .unwrap_or(self.index)
            .min(listed.len().saturating_sub(1));
        Findings { index, ..self }
    }
}

/// The findings list's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Go to the selected finding's record.
    Open,
}

impl View for Findings {
    type Action = Act;
    const TITLE: &'static str = "Findings";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let mut keys = moves(Some("move"));
        keys.push(
            def(
                Cmd::Own(Act::Open),
                "open",
                &[Key::plain(KeyCode::Enter)],
                "go to the finding's record",
            )
            .hint("go to the record"),
        );
        keys.extend(way_out("close", Some(("findings", Key::ch('f')))));
        keys
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Findings> {
        match action {
            // The evidence's view opens over the list (Esc comes back);
            // a record in the panes closes it.
            Act::Open if app.jump_to_finding(self.index) => {
                let opened = app
                    .findings_listed()
                    .get(self.index)
                    .map(|f| (f.rule, f.partner_id, f.record));
                Outcome::Keep(Findings { opened, ..self })
            }
            Act::Open => Outcome::Close,
        }
    }

    /// The cursor moves over the findings; a page is 10.
    fn moved(self, app: &mut App, to: Move) -> Outcome<Findings> {
        let last = app.findings_listed().len().saturating_sub(1);
        let room = Scrolling {
            max: last,
            page: 11,
        };
        Outcome::Keep(Findings {
            index: scrolled(to, self.index, room),
            opened: None,
        })
    }
}
