//! The quick-capture prompt (issue 11, item 4): the line being typed and,
//! under it, what Enter will save ("→ partner · Maria Lopez · due Thu 3
//! Dec"), or why it cannot.

use super::popups::block;
use super::text::{cut, wrap};
use super::{Ctx, centered};
use crate::app::views::Cmd;
use crate::app::views::capture::{Act, Capture, Preview, Target};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

/// Draws the prompt over `area`.
pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, capture: &Capture, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let t = ctx.theme;
    let p = &app.program;
    let (title, question) = match capture.target {
        Target::Item(c) => (
            " Quick add: checklist item ",
            p.campaigns
                .get(c)
                .map_or(String::new(), |c| format!("Add to {}", c.name)),
        ),
        Target::Note(id) => (
            " Quick add: check-in line ",
            p.partners.get(id).map_or(String::new(), |p| {
                format!("{}: a line for today's check-in notes", p.name)
            }),
        ),
    };
    let (text, style) = message(capture, ctx);
    // The message wraps (at most 3 lines): an error says what works.
    let r = centered(area, 72, 5);
    let w = usize::from(r.width.saturating_sub(2));
    let mut msg = wrap(&text, w.max(1));
    msg.truncate(3);
    let r = centered(area, 72, 4 + msg.len() as u16);
    frame.render_widget(Clear, r);
    let block = block(title, ctx);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let w = usize::from(inner.width);
    let line = |y: u16| Rect {
        y: inner.y + y,
        height: 1,
        ..inner
    };
    if inner.height == 0 {
        return;
    }
    frame.render_widget(
        Paragraph::new(Line::styled(
            cut(&question, w, ctx.sym.ellipsis()),
            t.title(),
        )),
        line(0),
    );
    if inner.height > 1 {
        frame.render_widget(&*capture.area, line(1));
    }
    for (i, m) in msg.into_iter().enumerate() {
        let y = 2 + i as u16;
        if y < inner.height {
            frame.render_widget(Paragraph::new(Line::styled(m, style)), line(y));
        }
    }
}

/// What the prompt says under the line: the error of the last Enter, else
/// what Enter will save, or what is wrong with it so far; with its style.
fn message(capture: &Capture, ctx: &Ctx<'_>) -> (String, Style) {
    let app = ctx.app;
    let t = ctx.theme;
    let keys = &app.keys.capture;
    let save = keys.key_label(Cmd::Own(Act::Save));
    let cancel = keys.key_label(Cmd::Close);
    let arrow = ctx.sym.arrow();
    let dot = ctx.sym.dot();
    match (
        &capture.error,
        app.capture_preview(capture.target, &capture.text()),
    ) {
        (Some(e), _) => (e.clone(), t.error()),
        (None, Preview::Wrong(e)) => (e, t.warning()),
        (None, Preview::Empty) => (
            match capture.target {
                Target::Item(_) => format!(
                    "e.g. Send logo files @partner +3 {dot} {save} saves {dot} {cancel} cancels"
                ),
                Target::Note(_) => format!("{save} adds the line {dot} {cancel} cancels"),
            },
            t.muted(),
        ),
        (None, Preview::Item { side, owner, due }) => {
            let due = due.map_or("no due date".to_string(), |d| {
                format!("due {}", d.format("%a %-d %b"))
            });
            let owner = if owner.is_empty() {
                String::new()
            } else {
                format!(" {dot} {owner}")
            };
            (
                format!("{arrow} {}{owner} {dot} {due}", side.key()),
                t.accent(),
            )
        }
        (None, Preview::Note { adds }) => (
            format!(
                "{arrow} {} today's check-in notes (progress)",
                if adds { "adds to" } else { "starts" }
            ),
            t.accent(),
        ),
    }
}
