//! What a key means in a view or pop-up that reads (help, history, a
//! notice, the findings list, results, the dashboard, a profile, a plan, a
//! menu) — issue 10, review 2, N12: a view keeps the keys it does not use
//! (it never closes on them, and they never reach the main screen behind
//! it), the main screen's moving keys move it (Ctrl-d / Ctrl-u page, as
//! on the main screen) and only Esc, `q` or the key that opened it close
//! it. (Issue 11 gives each view its own keys; until then this is the
//! one place that says what they have in common.)

use super::view::Scrolling;
use super::{Action, App};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

impl App {
    /// The key a view sees: a key the keymap binds to moving (↓ ↑ j k,
    /// PgDn PgUp Ctrl-d Ctrl-u, Home End g G) as the arrow, page or end
    /// key it stands for; any other key held with Ctrl or Alt as none (a
    /// view ignores it: Ctrl-d must not delete, Ctrl-u must not undo);
    /// else its code.
    pub(super) fn view_code(&self, ev: &KeyEvent) -> Option<KeyCode> {
        match self.keymap.action(ev) {
            Some(Action::Down) => Some(KeyCode::Down),
            Some(Action::Up) => Some(KeyCode::Up),
            Some(Action::PageDown) => Some(KeyCode::PageDown),
            Some(Action::PageUp) => Some(KeyCode::PageUp),
            Some(Action::Top) => Some(KeyCode::Home),
            Some(Action::Bottom) => Some(KeyCode::End),
            _ if ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                None
            }
            _ => Some(ev.code),
        }
    }

    /// Whether `ev` closes the open view: Esc, `q`, or the key of the
    /// action that opened it (`?` the help, `D` the dashboard…).
    pub(super) fn closes_view(&self, ev: &KeyEvent, opener: Option<Action>) -> bool {
        let plain = !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        ev.code == KeyCode::Esc
            || (plain && ev.code == KeyCode::Char('q'))
            || opener.is_some_and(|a| self.keymap.action(ev) == Some(a))
    }

    /// The room of the open scrolling view as last laid out; before any
    /// layout (tests), `fallback_max` lines beyond a page of the full
    /// view's height.
    pub(super) fn scroll_room(&self, fallback_max: usize) -> Scrolling {
        self.areas.scroll.unwrap_or(Scrolling {
            max: fallback_max,
            page: self.areas.view_height(),
        })
    }
}
