//! The jump prompt's box: what is typed, then the best matches (best
//! first, the highlighted one marked), each saying what it is and where
//! ("campaign  Northwind Data Summit · Northwind Analytics"), and how many
//! match in all.

use super::text::{cut, pad, width};
use super::{Ctx, centered};
use crate::app::views::jump::{ITEMS_PREFIX, Jump, SHOWN};
use crate::app::views::{Cmd, jump::Act};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// The width of the kind column ("campaign" and a space).
const KIND: usize = 9;

/// Draws the prompt centred in `area`: 12 lines high (the text, [`SHOWN`]
/// matches, a count), up to 84 columns wide.
pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, jump: &Jump, ctx: &Ctx<'_>) {
    let t = ctx.theme;
    let ell = ctx.sym.ellipsis();
    let r = centered(area, 84, SHOWN as u16 + 4);
    frame.render_widget(Clear, r);
    let title = if jump.items_scope() {
        " Jump to a checklist item "
    } else {
        " Jump to a partner or campaign "
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(ctx.sym.border(true))
        .border_style(t.focus())
        .title(Span::styled(title, t.focus()));
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if inner.height == 0 {
        return;
    }
    let line = |y: u16| Rect {
        y: inner.y + y,
        height: 1,
        ..inner
    };
    // The text being typed, after a prompt sign.
    frame.render_widget(Paragraph::new(Span::styled("> ", t.accent())), line(0));
    let text = Rect {
        x: inner.x + 2,
        width: inner.width.saturating_sub(2),
        ..line(0)
    };
    frame.render_widget(&*jump.area, text);
    let room = usize::from(inner.width);
    let rows = usize::from(inner.height.saturating_sub(2)).min(SHOWN);
    for (i, c) in jump.shown().take(rows).enumerate() {
        let here = i == jump.cursor;
        let marker = if here { ctx.sym.cursor() } else { " " };
        let kind = pad(c.kind.label(), KIND, ell);
        let lead = format!("{marker} {kind}");
        let rest = room.saturating_sub(width(&lead));
        let name = cut(&c.name, rest, ell);
        let mut spans = vec![
            Span::styled(lead, t.muted()),
            Span::styled(name.clone(), t.text()),
        ];
        let left = rest.saturating_sub(width(&name));
        if !c.context.is_empty() && left > 4 {
            let context = cut(&format!(" {} {}", ctx.sym.dot(), c.context), left, ell);
            spans.push(Span::styled(context, t.muted()));
        }
        let mut row = Line::from(spans);
        if here {
            row = row.style(t.selected());
        }
        frame.render_widget(Paragraph::new(row), line(1 + i as u16));
    }
    if inner.height < 3 {
        return;
    }
    let keys = &ctx.app.keys.jump;
    let count = match (jump.matched, jump.items_scope()) {
        (0, true) if jump.text().len() <= 1 => "no checklist items here".to_string(),
        (0, _) => "nothing matches".to_string(),
        (1, _) => "1 match".to_string(),
        (n, _) => format!("{n} matches"),
    };
    let scope = if jump.items_scope() {
        "partners and campaigns"
    } else {
        "this partner's checklist items"
    };
    let footer = format!(
        "{count} · {} go · {} {scope} ({ITEMS_PREFIX}) · {} cancel",
        keys.key_label(Cmd::Own(Act::Go)),
        keys.key_label(Cmd::Own(Act::Scope)),
        keys.key_label(Cmd::Close),
    );
    frame.render_widget(
        Paragraph::new(Line::styled(cut(&footer, room, ell), t.muted())),
        line(inner.height - 1),
    );
}
