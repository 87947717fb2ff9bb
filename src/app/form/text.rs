//! A form's text fields: their editors (ratatui-textarea: selection,
//! word deletion, undo, soft wrap), the whole text of a one-line field
//! selected as focus enters it (a long text field's cursor at its end),
//! emptying it, deleting a word, new lines in long text
//! fields and the text `$EDITOR` wrote (issue 11, item 6).

use super::{Form, Input, Outcome};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Modifier, Style};
use ratatui_textarea::TextArea;

/// The editor of a text field holding `value` (its lines split at `\n`),
/// the cursor at the end; a selection shows in reverse video (visible
/// without colours).
pub(super) fn text_area(value: &str) -> Box<TextArea<'static>> {
    let mut area = TextArea::new(value.split('\n').map(str::to_string).collect());
    area.set_cursor_line_style(Style::default());
    area.set_selection_style(Style::default().add_modifier(Modifier::REVERSED));
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Box::new(area)
}

/// The text of an editor, its lines joined with `\n`.
pub(super) fn text_of(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

impl Form {
    /// As focus moves into a field (issue 11, item 6): a one-line field's
    /// whole text selected (typing replaces it, an arrow, Home or End keeps
    /// it); a long text field's cursor at the end of its text, nothing
    /// selected, so typing adds to the notes rather than replacing them.
    /// No other field keeps a selection. An empty field has nothing to
    /// select.
    pub fn select_focused(&mut self) {
        let focus = self.focus;
        for (i, f) in self.fields.iter_mut().enumerate() {
            if let Input::Text { area, .. } = &mut f.input {
                area.cancel_selection();
                if i != focus || area.is_empty() {
                    continue;
                }
                if f.long {
                    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
                    area.move_cursor(ratatui_textarea::CursorMove::End);
                } else {
                    area.select_all();
                }
            }
        }
    }

    /// The focused field, when it is a text field: its editor and whether
    /// it holds long text.
    fn focused_text(&mut self) -> Option<(&mut TextArea<'static>, bool)> {
        let f = self.fields.get_mut(self.focus)?;
        let long = f.long;
        match &mut f.input {
            Input::Text { area, .. } => Some((&mut **area, long)),
            _ => None,
        }
    }

    /// Whether the focused field holds long text ([`Field::long`]).
    pub fn focused_long(&self) -> bool {
        self.fields.get(self.focus).is_some_and(|f| f.long)
    }

    /// Applies `edit` to the focused text field's editor; when it changed
    /// the text, the field is re-checked and the form marked changed.
    fn edit_focused(&mut self, edit: impl FnOnce(&mut TextArea<'static>, bool) -> bool) -> Outcome {
        self.confirm_discard = false;
        let i = self.focus;
        let Some((area, long)) = self.focused_text() else {
            return Outcome::Keep;
        };
        if !edit(area, long) {
            return Outcome::Keep;
        }
        let key = self.fields[i].key;
        self.dirty = true;
        self.error = None;
        self.notice = None;
        self.check_field(i);
        Outcome::Changed(key)
    }

    /// Ctrl-u: empties the focused text field.
    pub fn clear_field(&mut self) -> Outcome {
        self.edit_focused(|area, _| area.clear())
    }

    /// Ctrl-w: deletes the word before the cursor in the focused text
    /// field (a selection is dropped first, so it is always one word).
    pub fn delete_word(&mut self) -> Outcome {
        self.edit_focused(|area, _| {
            area.cancel_selection();
            area.delete_word()
        })
    }

    /// Alt-Enter / Ctrl-j: a new line at the cursor in a long text field
    /// (replacing a selection); nothing in other fields.
    pub fn new_line(&mut self) -> Outcome {
        self.edit_focused(|area, long| {
            if long {
                area.insert_newline();
            }
            long
        })
    }

    /// The focused long text field's key and text, for `$EDITOR`; `None`
    /// when the focused field is not long text.
    pub fn long_text(&self) -> Option<(&'static str, String)> {
        let f = self.fields.get(self.focus).filter(|f| f.long)?;
        Some((f.key, self.value(f.key)))
    }

    /// Puts `text` (from `$EDITOR`) into the text field `key` as typed: the
    /// form is changed, nothing is saved until Enter. A final newline (as
    /// editors write) is dropped.
    pub fn put_text(&mut self, key: &str, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        if self.value(key) == text {
            return;
        }
        self.set_text(key, text);
        self.dirty = true;
        self.error = None;
        self.notice = None;
    }
}

/// A key typed into a text field's editor. Moving keys (arrows, Home,
/// End) drop a selection and keep the text; a new line only in a long
/// field (Alt-Enter; Enter itself saves the form); the editor's own
/// Ctrl-j / Ctrl-u (delete to the line's head, undo) are the form's keys
/// instead. `true` when the text changed.
pub(super) fn text_input(area: &mut TextArea<'static>, ev: &KeyEvent, long: bool) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
    match ev.code {
        KeyCode::Left
        | KeyCode::Right
        | KeyCode::Home
        | KeyCode::End
        | KeyCode::Up
        | KeyCode::Down
            if !shift =>
        {
            area.cancel_selection();
            area.input(*ev)
        }
        KeyCode::Enter if !long => false,
        KeyCode::Enter => {
            area.insert_newline();
            true
        }
        KeyCode::Char('j' | 'u' | 'm') if ctrl => false,
        _ => area.input(*ev),
    }
}
