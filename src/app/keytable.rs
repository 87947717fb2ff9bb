//! A view's key table: one list that says, for each thing the view can do,
//! its config name, its default keys, its label in the hint bar and its
//! line in the help overlay (STYLE, gitui: "help always matches the real
//! bindings"). The view dispatches its keys through the same table, so a
//! key rebound in the config changes what the key does, the hint bar and
//! the help at once.
//!
//! Overrides come from the config file (atuin: defaults in code, user
//! overrides key by key, a bad entry warned about and skipped):
//!
//! ```toml
//! [keys]                  # every view that has an action of this name
//! undo = "z"
//! [keys.profile]          # this view only, over [keys]
//! archive = "A"
//! ```

use super::keymap::{Key, KeySpec};
use crossterm::event::KeyEvent;
use std::collections::BTreeMap;

/// One key hint: the key as shown and what it does here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The key(s), e.g. "Space" or "u".
    pub key: String,
    /// What it does in this context, e.g. "tick".
    pub label: String,
    /// Shown however narrow the screen ([`Hint::kept`]): the way out
    /// (the last hint, always kept too), undo, a form's save.
    pub keep: bool,
}

impl Hint {
    /// A hint for `key` doing `label`.
    pub fn new(key: impl Into<String>, label: impl Into<String>) -> Hint {
        Hint {
            key: key.into(),
            label: label.into(),
            keep: false,
        }
    }

    /// This hint, kept in the hint bar when others give way for room.
    pub fn kept(self) -> Hint {
        Hint { keep: true, ..self }
    }
}

/// A section of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    /// Section title.
    pub title: String,
    /// `(keys, description)` lines.
    pub lines: Vec<(String, String)>,
}

/// One entry of a key table, as written in code: the action, its config
/// name, its default keys, its hint and its help text.
#[derive(Debug, Clone, PartialEq)]
pub struct Def<A> {
    /// What the keys do.
    pub action: A,
    /// The config name (`[keys]` / `[keys.VIEW]`), e.g. "undo".
    pub name: &'static str,
    /// The default keys, the one shown in hints first.
    pub keys: Vec<Key>,
    /// The label in the hint bar (`None`: only in the help overlay).
    /// Consecutive hints with the same label show as one ("↑/↓ scroll").
    pub hint: Option<&'static str>,
    /// The line in the help overlay.
    pub help: &'static str,
    /// Kept in the hint bar however narrow the screen (the narrow-screen
    /// rule of the hint bar: undo, a form's save).
    pub keep: bool,
    /// How many of its keys the hint shows ("n/Esc"); at least one.
    pub hint_keys: usize,
}

/// An entry of a key table: action `action`, named `name`, on `keys`,
/// described by `help` in the help overlay, not in the hint bar (add one
/// with [`Def::hint`]).
pub fn def<A>(action: A, name: &'static str, keys: &[Key], help: &'static str) -> Def<A> {
    Def {
        action,
        name,
        keys: keys.to_vec(),
        hint: None,
        help,
        keep: false,
        hint_keys: 1,
    }
}

impl<A> Def<A> {
    /// Shown in the hint bar as `label`.
    pub fn hint(mut self, label: &'static str) -> Def<A> {
        self.hint = Some(label);
        self
    }

    /// Kept in the hint bar however narrow the screen.
    pub fn keep(mut self) -> Def<A> {
        self.keep = true;
        self
    }

    /// The hint shows the first `n` keys ("n/Esc no, keep it").
    pub fn hint_keys(mut self, n: usize) -> Def<A> {
        self.hint_keys = n.max(1);
        self
    }
}

/// A view's key table as configured: its entries with their keys now.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTable<A> {
    /// The view's name in the config (`[keys.profile]`); "main" for the
    /// main screen, whose own section is `[keys]`.
    pub view: &'static str,
    /// The view's title in the help overlay.
    pub title: &'static str,
    /// Typing views (a form, a prompt, the filter) take plain characters
    /// as text: a plain character cannot be bound there.
    pub typing: bool,
    entries: Vec<Def<A>>,
}

impl<A: Copy + PartialEq> KeyTable<A> {
    /// A table with its default keys.
    pub fn new(view: &'static str, title: &'static str, entries: Vec<Def<A>>) -> KeyTable<A> {
        KeyTable {
            view,
            title,
            typing: false,
            entries,
        }
    }

    /// This table, for a view where plain characters are typed.
    pub fn typing(mut self) -> KeyTable<A> {
        self.typing = true;
        self
    }

    /// The entries, in table order.
    pub fn entries(&self) -> &[Def<A>] {
        &self.entries
    }

    /// The action bound to a key event, if any.
    pub fn action(&self, ev: &KeyEvent) -> Option<A> {
        let key = Key::from_event(ev);
        self.entries
            .iter()
            .find(|e| e.keys.contains(&key))
            .map(|e| e.action)
    }

    /// The keys bound to an action (every entry of it), in table order.
    pub fn keys_for(&self, action: A) -> Vec<Key> {
        self.entries
            .iter()
            .filter(|e| e.action == action)
            .flat_map(|e| e.keys.iter().copied())
            .collect()
    }

    /// The first key of an action as text ("Space"), or "" if unbound.
    pub fn key_label(&self, action: A) -> String {
        self.keys_for(action)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// The action named `name` here, if any.
    pub fn named(&self, name: &str) -> Option<A> {
        self.entries
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.action)
    }

    /// The hint bar of this table: each entry with a hint and a key, in
    /// table order, labelled by `label` (given the action and the
    /// table's label; `None` leaves it out). Consecutive hints with the
    /// same label join ("↑/↓ scroll").
    pub fn hints(&self, mut label: impl FnMut(A, &'static str) -> Option<String>) -> Vec<Hint> {
        let mut out: Vec<Hint> = Vec::new();
        for e in &self.entries {
            let (Some(default), false) = (e.hint, e.keys.is_empty()) else {
                continue;
            };
            let Some(text) = label(e.action, default) else {
                continue;
            };
            let key = e
                .keys
                .iter()
                .take(e.hint_keys)
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("/");
            match out.last_mut() {
                Some(last) if last.label == text => {
                    last.key = format!("{}/{key}", last.key);
                    last.keep |= e.keep;
                }
                _ => out.push(Hint {
                    key,
                    label: text,
                    keep: e.keep,
                }),
            }
        }
        out
    }

    /// The help overlay's lines of this table: every entry with a key,
    /// all its keys, and what it does (entries in a row that do the same
    /// share a line: "Enter e").
    pub fn help_lines(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for e in self.entries.iter().filter(|e| !e.keys.is_empty()) {
            let keys = e
                .keys
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" ");
            match out.last_mut() {
                Some((k, help)) if help == e.help => {
                    k.push(' ');
                    k.push_str(&keys);
                }
                _ => out.push((keys, e.help.to_string())),
            }
        }
        out
    }
}

/// One entry of a table as the README documents it: its keys (as shown,
/// the first in hints), its config name and its help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocRow {
    /// The keys, in order.
    pub keys: Vec<String>,
    /// The config name.
    pub name: &'static str,
    /// What it does.
    pub help: &'static str,
}

impl<A: Copy + PartialEq> KeyTable<A> {
    /// Every entry as documented, in table order (entries without a key
    /// too: their name can still be bound).
    pub fn doc_rows(&self) -> Vec<DocRow> {
        self.entries
            .iter()
            .map(|e| DocRow {
                keys: e.keys.iter().map(ToString::to_string).collect(),
                name: e.name,
                help: e.help,
            })
            .collect()
    }
}

/// What every configured table answers, whatever its actions: the
/// override step works on tables of every view alike.
pub trait Table {
    /// The view's config name.
    fn view(&self) -> &'static str;
    /// Whether an entry is named `name`.
    fn has(&self, name: &str) -> bool;
    /// Binds `keys` to the entry named `name` (all its keys replaced),
    /// taking them away from the table's other entries. Returns a warning
    /// for keys this table cannot take (a plain character in a typing
    /// view); the others apply.
    fn bind(&mut self, name: &str, keys: &[Key]) -> Option<String>;
    /// Whether the entry named `name` has a key left.
    fn bound(&self, name: &str) -> bool;
}

impl<A: Copy + PartialEq> Table for KeyTable<A> {
    fn view(&self) -> &'static str {
        self.view
    }

    fn has(&self, name: &str) -> bool {
        self.entries.iter().any(|e| e.name == name)
    }

    fn bind(&mut self, name: &str, keys: &[Key]) -> Option<String> {
        let (typed, keys): (Vec<Key>, Vec<Key>) =
            keys.iter().partition(|k| self.typing && k.is_typed());
        for e in &mut self.entries {
            if e.name == name {
                if !keys.is_empty() || typed.is_empty() {
                    e.keys = keys.clone();
                }
            } else {
                e.keys.retain(|k| !keys.contains(k));
            }
        }
        (!typed.is_empty()).then(|| {
            let names: Vec<String> = typed.iter().map(|k| format!("'{k}'")).collect();
            format!(
                "[keys] {name}: {} would be typed into the text in {}; skipped there",
                names.join(", "),
                self.view
            )
        })
    }

    fn bound(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.name == name && !e.keys.is_empty())
    }
}

/// The `[keys]` overrides of a config file, parsed: the keys of each
/// action name for every view, and per view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// `[keys] NAME = …`: in every view with an action of that name.
    pub all: Vec<(String, Vec<Key>)>,
    /// `[keys.VIEW] NAME = …`: in that view only, by view name.
    pub views: BTreeMap<String, Vec<(String, Vec<Key>)>>,
}

/// Parses the key names of one entry; a warning per bad name (skipped).
fn parse_spec(section: &str, name: &str, spec: &KeySpec, warnings: &mut Vec<String>) -> Vec<Key> {
    let texts: Vec<&String> = match spec {
        KeySpec::One(s) => vec![s],
        KeySpec::Many(v) => v.iter().collect(),
    };
    let mut keys = Vec::new();
    for t in texts {
        match Key::parse(t) {
            Ok(k) => keys.push(k),
            Err(e) => warnings.push(format!("{section} {name}: {e}; skipped")),
        }
    }
    keys
}

impl Overrides {
    /// Parses `[keys]` (`all`) and `[keys.VIEW]` (`views`): a bad key
    /// name is warned about and skipped; an entry with no good key is
    /// left out.
    pub fn parse(
        all: &BTreeMap<String, KeySpec>,
        views: &BTreeMap<String, BTreeMap<String, KeySpec>>,
    ) -> (Overrides, Vec<String>) {
        let mut warnings = Vec::new();
        let mut out = Overrides::default();
        for (name, spec) in all {
            let keys = parse_spec("[keys]", name, spec, &mut warnings);
            if !keys.is_empty() {
                out.all.push((name.clone(), keys));
            }
        }
        for (view, entries) in views {
            let section = format!("[keys.{view}]");
            let parsed: Vec<(String, Vec<Key>)> = entries
                .iter()
                .filter_map(|(name, spec)| {
                    let keys = parse_spec(&section, name, spec, &mut warnings);
                    (!keys.is_empty()).then(|| (name.clone(), keys))
                })
                .collect();
            out.views.insert(view.clone(), parsed);
        }
        (out, warnings)
    }

    /// Applies the overrides to `tables` (the main screen's first):
    /// `[keys]` to every table with an entry of that name, then each
    /// `[keys.VIEW]` to its table. Returns a warning per entry no table
    /// knows and per unknown view; the rest apply.
    pub fn apply(&self, tables: &mut [&mut dyn Table]) -> Vec<String> {
        let mut warnings = Vec::new();
        for (name, keys) in &self.all {
            let mut known = false;
            for t in tables.iter_mut().filter(|t| t.has(name)) {
                known = true;
                // A plain letter is text in a typing view: there the
                // action keeps its keys, unsaid (the user named no view).
                let _ = t.bind(name, keys);
            }
            if !known {
                warnings.push(format!("[keys]: unknown action '{name}' skipped"));
            }
        }
        for (view, entries) in &self.views {
            let Some(table) = tables.iter_mut().find(|t| t.view() == view) else {
                let names: Vec<&str> = tables.iter().map(|t| t.view()).collect();
                warnings.push(format!(
                    "[keys.{view}]: no such view (views: {}); skipped",
                    names.join(", ")
                ));
                continue;
            };
            for (name, keys) in entries {
                if table.has(name) {
                    warnings.extend(table.bind(name, keys));
                } else {
                    warnings.push(format!("[keys.{view}]: unknown action '{name}' skipped"));
                }
            }
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEventKind, KeyEventState, KeyModifiers};

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum A {
        Up,
        Down,
        Save,
        Close,
    }

    fn table() -> KeyTable<A> {
        KeyTable::new(
            "test",
            "Test",
            vec![
                def(A::Up, "up", &[Key::plain(KeyCode::Up), Key::ch('k')], "up").hint("scroll"),
                def(
                    A::Down,
                    "down",
                    &[Key::plain(KeyCode::Down), Key::ch('j')],
                    "down",
                )
                .hint("scroll"),
                def(A::Save, "save", &[Key::ctrl('s')], "save")
                    .hint("save")
                    .keep(),
                def(
                    A::Close,
                    "close",
                    &[Key::plain(KeyCode::Esc), Key::ch('q')],
                    "close",
                )
                .hint("close")
                .hint_keys(2),
            ],
        )
    }

    fn ev(code: KeyCode) -> KeyEvent {
        KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn hints_join_same_labels_and_show_the_keys_asked_for() {
        let hints = table().hints(|_, l| Some(l.to_string()));
        let shown: Vec<(String, String, bool)> = hints
            .into_iter()
            .map(|h| (h.key, h.label, h.keep))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("↑/↓".into(), "scroll".into(), false),
                ("Ctrl-s".into(), "save".into(), true),
                ("Esc/q".into(), "close".into(), false),
            ]
        );
    }

    #[test]
    fn a_bound_key_moves_from_the_entry_that_had_it() {
        let mut t = table();
        assert_eq!(t.bind("save", &[Key::ch('q')]), None);
        assert_eq!(t.action(&ev(KeyCode::Char('q'))), Some(A::Save));
        assert_eq!(t.keys_for(A::Close), vec![Key::plain(KeyCode::Esc)]);
        let hints = t.hints(|_, l| Some(l.to_string()));
        assert!(hints.iter().any(|h| h.key == "q" && h.label == "save"));
    }

    #[test]
    fn a_typing_table_refuses_plain_characters() {
        let mut t = table().typing();
        let warning = t.bind("save", &[Key::ch('s'), Key::ctrl('w')]);
        assert!(warning.is_some_and(|w| w.contains("'s'")));
        assert_eq!(t.keys_for(A::Save), vec![Key::ctrl('w')]);
    }

    #[test]
    fn overrides_apply_to_every_table_with_the_name_then_per_view() {
        let mut one = table();
        let mut two = KeyTable::new("two", "Two", table().entries().to_vec());
        let mut all = BTreeMap::new();
        all.insert("down".to_string(), KeySpec::One("n".into()));
        all.insert("nonsense".to_string(), KeySpec::One("x".into()));
        let mut views = BTreeMap::new();
        let mut only_two = BTreeMap::new();
        only_two.insert("down".to_string(), KeySpec::One("m".into()));
        views.insert("two".to_string(), only_two);
        views.insert("nowhere".to_string(), BTreeMap::new());
        let (o, parse_warnings) = Overrides::parse(&all, &views);
        assert!(parse_warnings.is_empty());
        let warnings = o.apply(&mut [&mut one, &mut two]);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(one.keys_for(A::Down), vec![Key::ch('n')]);
        assert_eq!(two.keys_for(A::Down), vec![Key::ch('m')]);
    }
}
