//! The one-line text editor the prompts share (filter, jump, quick
//! capture, the file prompt): ratatui-textarea with no cursor-line style.

use ratatui::style::Style;
use ratatui_textarea::TextArea;

/// A one-line text editor with the cursor at the end of `text`.
pub(crate) fn line_editor(text: &str) -> Box<TextArea<'static>> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.set_cursor_line_style(Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::End);
    Box::new(area)
}
