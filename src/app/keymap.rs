//! Keys: a key with its modifiers, as a terminal sends it and as the config
//! file names it. Each view's key table ([`super::keytable`]) binds keys
//! to its actions; the main screen's is [`KeyMap`]. Input handling is
//! pure: a key event in, an action out.
//!
//! ```toml
//! [keys]
//! toggle = "x"              # one key
//! down = ["j", "down", "ctrl-n"]   # or several
//! ```
//! Key names: a character (`a`, `G`, `?`), `space`, `enter`, `tab`,
//! `backtab` (`shift-tab`), `esc`, `backspace`, `delete`, `up`, `down`,
//! `left`, `right`, `pageup`, `pagedown`, `home`, `end`, `f1`…`f12`, with
//! optional `ctrl-` / `alt-` prefixes.

use super::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// The main screen's key table: its actions' keys, as configured.
pub type KeyMap = super::keytable::KeyTable<Action>;

/// One key with its modifiers, normalised (Shift is folded into the
/// character for letters and symbols).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl / Alt (Shift only for non-character keys).
    pub mods: KeyModifiers,
}

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// A character key.
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Ctrl + a character.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            mods: KeyModifiers::CONTROL,
        }
    }

    /// The normalised key of a terminal key event.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let mut mods =
            ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match ev.code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    /// Parses a key name as written in the config file (see module docs).
    ///
    /// Errors: a message naming the text.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = text.trim();
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                mods |= KeyModifiers::CONTROL;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                mods |= KeyModifiers::ALT;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" | "s-tab" => KeyCode::BackTab,
            "esc" | "escape" => KeyCode::Esc,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" | "pgup" => KeyCode::PageUp,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            f if f.len() >= 2
                && f.starts_with('f')
                && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
            {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => {
                        KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                            c.to_ascii_lowercase()
                        } else {
                            c
                        })
                    }
                    _ => {
                        return Err(format!(
                            "'{text}' is not a key name (e.g. \"x\", \"ctrl-r\", \"space\", \"pagedown\")"
                        ));
                    }
                }
            }
        };
        Ok(Key { code, mods })
    }
}

impl Key {
    /// Whether a typing view (a form, a prompt, the filter) takes this key
    /// as text: a character without Ctrl or Alt.
    pub fn is_typed(&self) -> bool {
        matches!(self.code, KeyCode::Char(_))
            && !self
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A key binding value in the config: one key or a list of keys.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(untagged)]
pub enum KeySpec {
    /// One key name.
    One(String),
    /// Several key names.
    Many(Vec<String>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view::Pane;
    use crossterm::event::{KeyEventKind, KeyEventState};
    use std::collections::BTreeMap;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: mods,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn default_keys_map_to_actions() {
        let km = KeyMap::default();
        assert_eq!(
            km.action(&ev(KeyCode::Char(' '), KeyModifiers::NONE)),
            Some(Action::Toggle)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('r'), KeyModifiers::CONTROL)),
            Some(Action::Redo)
        );
        assert_eq!(
            km.action(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            km.action(&ev(KeyCode::Char('3'), KeyModifiers::NONE)),
            Some(Action::Focus(Pane::Checklist))
        );
        assert_eq!(km.action(&ev(KeyCode::Char('Z'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn key_names_parse_and_print() {
        assert_eq!(Key::parse("ctrl-r"), Ok(Key::ctrl('r')));
        assert_eq!(Key::parse("C-R"), Ok(Key::ctrl('r')));
        assert_eq!(Key::parse("space"), Ok(Key::ch(' ')));
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("f5"), Ok(Key::plain(KeyCode::F(5))));
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
        assert_eq!(Key::ctrl('r').to_string(), "Ctrl-r");
        assert_eq!(Key::ch(' ').to_string(), "Space");
    }

    #[test]
    fn overrides_replace_keys_and_bad_entries_are_skipped() {
        let mut km = KeyMap::default();
        let mut o = BTreeMap::new();
        o.insert("toggle".to_string(), KeySpec::One("x".into()));
        o.insert(
            "undo".to_string(),
            KeySpec::Many(vec!["z".into(), "nonsense-key".into()]),
        );
        o.insert("launch_rockets".to_string(), KeySpec::One("r".into()));
        let warnings = km.apply_overrides(&o);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings.iter().any(|w| w.contains("launch_rockets")));
        assert!(warnings.iter().any(|w| w.contains("nonsense-key")));
        assert_eq!(km.keys_for(Action::Toggle), vec![Key::ch('x')]);
        // x was load_example's key: it moved to toggle.
        assert!(km.keys_for(Action::LoadExample).is_empty());
        assert_eq!(km.keys_for(Action::Undo), vec![Key::ch('z')]);
        assert_eq!(km.action(&ev(KeyCode::Char(' '), KeyModifiers::NONE)), None);
    }

    #[test]
    fn taking_quits_key_away_is_warned_about() {
        let mut km = KeyMap::default();
        let mut o = BTreeMap::new();
        o.insert("help".to_string(), KeySpec::One("q".into()));
        let warnings = km.apply_overrides(&o);
        assert!(
            warnings.iter().any(|w| w.contains("Ctrl-C still quits")),
            "{warnings:?}"
        );
        assert_eq!(km.keys_for(Action::Help), vec![Key::ch('q')]);
    }
}
