//! The findings list (`f`): every finding, errors first, one line each,
//! with the selected one's whole text (what to do included) under the list
//! (docs/domain.md §6, §15.4).

use super::popups::block;
use super::text::{cut, pad, width};
use super::{Ctx, centered};
use crate::domain::guardrails::Severity;
use crate::domain::words;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

/// Draws the findings list in `area`, `index` selected.
pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, index: usize, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let t = ctx.theme;
    let all = app.findings_listed();
    let r = centered(
        area,
        area.width.saturating_sub(6),
        area.height.saturating_sub(4),
    );
    frame.render_widget(Clear, r);
    let e = all
        .iter()
        .filter(|f| f.severity == crate::domain::guardrails::Severity::Error)
        .count();
    let w = all.len() - e;
    let block = block(
        &format!(
            " Findings: {}, {} (Enter goes to the record) ",
            words::count_of(e, "error"),
            words::count_of(w, "warning")
        ),
        ctx,
    );
    let inner = block.inner(r);
    frame.render_widget(block, r);
    // The selected finding's whole text, what to do included: as many
    // lines as it wraps to (at least 3, at most half the box).
    let detail = all
        .get(index)
        .map(|f| format!("{} ({}): {}", f.rule.key(), f.rule.label(), f.message));
    let wrapped = detail.as_deref().map_or(0, |text| {
        textwrap::wrap(text, usize::from(inner.width.max(1))).len()
    });
    let detail_h: u16 = u16::try_from(wrapped)
        .unwrap_or(u16::MAX)
        .clamp(3, (inner.height / 2).max(3));
    let list_h = usize::from(inner.height.saturating_sub(detail_h + 1));
    let offset = index.saturating_sub(list_h.saturating_sub(1));
    let width_all = usize::from(inner.width);
    let mut lines = Vec::new();
    for (i, f) in all.iter().enumerate().skip(offset).take(list_h) {
        let (mark, style) = match f.severity {
            Severity::Error => (ctx.sym.error(), t.error()),
            Severity::Warning => (ctx.sym.warning(), t.warning()),
        };
        let partner = app
            .program
            .partners
            .get(f.partner_id)
            .map_or("?", |p| p.name.as_str());
        let campaign = f
            .campaign_id
            .and_then(|c| app.program.campaigns.get(c))
            .map_or(String::new(), |c| c.name.clone());
        let place = format!(
            "{} {} ",
            pad(partner, 20, ctx.sym.ellipsis()),
            pad(&campaign, 26, ctx.sym.ellipsis())
        );
        let head = format!("{mark} {:<3} ", f.rule.key());
        let room = width_all.saturating_sub(width(&head) + width(&place));
        let mut line = Line::from(vec![
            Span::styled(head, style),
            Span::styled(place, t.muted()),
            Span::raw(cut(&f.message, room, ctx.sym.ellipsis())),
        ]);
        if i == index {
            line = line.patch_style(t.selected());
        }
        lines.push(line);
    }
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: list_h as u16,
            ..inner
        },
    );
    if let Some(text) = detail {
        let y = inner.y + inner.height.saturating_sub(detail_h);
        frame.render_widget(
            Paragraph::new(text)
                .style(t.text())
                .wrap(Wrap { trim: true }),
            Rect::new(inner.x, y, inner.width, detail_h),
        );
    }
}
