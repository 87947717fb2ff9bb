//! Drawing the CRM import's preview (issue 12 item 3; the view is
//! `app/views/crm_import.rs`): over the panes, the counts and the keys on
//! top (or why Enter did not write), one line per record (invalid ones in
//! the error colour, skips muted), the cursor line highlighted and kept in
//! view, and the cursor line in full under the list.

use super::Ctx;
use super::text::{cut, wrap};
use crate::app::views::Cmd;
use crate::app::views::crm_import::{Act, CrmImport, FOOT, HEAD, Kind};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Draws the preview in `area` (the screen above the bottom bar).
pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, view: &CrmImport, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let ell = ctx.sym.ellipsis();
    let title = format!(" Import from {} (preview) ", view.file_name());
    frame.render_widget(Clear, area);
    let block = super::view_block(title, ctx);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let keys = &ctx.app.keys.crm_import;
    let mut head = vec![Line::styled(cut(&view.counts, w, ell), t.header())];
    head.push(match &view.note {
        Some(note) => Line::styled(cut(note, w, ell), t.error()),
        None => {
            let s = view.keys_line(
                &keys.key_label(Cmd::Own(Act::Apply)),
                &keys.key_label(Cmd::Own(Act::ValidOnly)),
                &keys.key_label(Cmd::Own(Act::Cancel)),
                ctx.sym.dot(),
            );
            Line::styled(cut(&s, w, ell), t.muted())
        }
    });
    let rows = h.saturating_sub(HEAD + FOOT).max(1);
    // From the top while the cursor is on the first page; then the
    // cursor line is the last one shown.
    let off = (view.index + 1).saturating_sub(rows);
    let mut out = head;
    for (i, (kind, text)) in view.lines.iter().enumerate().skip(off).take(rows) {
        let selected = i == view.index;
        let style = match kind {
            Kind::Invalid => t.error(),
            Kind::Skip => t.muted(),
            Kind::Link | Kind::Update | Kind::Create => t.text(),
        };
        let cursor = if selected { ctx.sym.cursor() } else { " " };
        let line = Line::from(vec![
            Span::styled(cursor.to_string(), t.focus()),
            Span::styled(cut(text, w.saturating_sub(1), ell), style),
        ]);
        out.push(if selected {
            line.patch_style(t.selected())
        } else {
            line
        });
    }
    while out.len() < HEAD + rows {
        out.push(Line::raw(""));
    }
    if h > HEAD + FOOT {
        out.push(Line::styled(ctx.sym.rule().repeat(w), t.border()));
        let full = view.lines.get(view.index).map_or("", |(_, s)| s.as_str());
        let mut wrapped = wrap(full, w);
        if wrapped.len() > FOOT - 1 {
            wrapped.truncate(FOOT - 1);
            if let Some(last) = wrapped.last_mut() {
                *last = cut(&format!("{last}{ell}"), w, ell);
            }
        }
        out.extend(wrapped.into_iter().map(Line::raw));
    }
    frame.render_widget(Paragraph::new(out), inner);
}
