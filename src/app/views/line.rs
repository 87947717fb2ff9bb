//! The one-line text editor the prompts share (filter, jump, quick
//! capture, the file prompt): ratatui-textarea with no cursor-line style,
//! and the line-editing keys of the forms (Ctrl-u empties the line,
//! Ctrl-w deletes the word before the cursor).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Style;
use ratatui_textarea::TextArea;

/// A one-line text editor with the cursor at the end of `text`.
pub(crate) fn line_editor(text: &str) -> Box<TextArea<'static>> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.set_cursor_line_style(Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Box::new(area)
}

/// A key typed into a one-line editor: Ctrl-u empties the line (as in the
/// forms; ratatui-textarea would undo the last change), Ctrl-w deletes the
/// word before the cursor, anything else is the editor's own. `true` when
/// the text changed.
pub(crate) fn line_input(area: &mut TextArea<'static>, ev: &KeyEvent) -> bool {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    match ev.code {
        KeyCode::Char('u') if ctrl => clear_line(area),
        KeyCode::Char('w') if ctrl => delete_word(area),
        _ => area.input(*ev),
    }
}

/// Empties the line. `true` when it held text.
pub(crate) fn clear_line(area: &mut TextArea<'static>) -> bool {
    area.cancel_selection();
    area.clear()
}

/// Deletes the word before the cursor. `true` when there was one.
pub(crate) fn delete_word(area: &mut TextArea<'static>) -> bool {
    area.cancel_selection();
    area.delete_word()
}
