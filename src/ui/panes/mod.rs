//! The four panes: Partners, Timeline, Checklist, MDF.

mod checklist;
mod drill;
mod mdf;
mod partners;
mod timeline;

use super::Ctx;
use super::text::{cut, width};
use crate::app::view::{Pane, Row};
use crate::domain::guardrails::Severity;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// The area inside a pane's block where its rows go (the Partners pane
/// keeps one line for its column header).
pub(super) fn rows_area(pane: Pane, block: Rect) -> Rect {
    let inner = Rect::new(
        block.x.saturating_add(1),
        block.y.saturating_add(1),
        block.width.saturating_sub(2),
        block.height.saturating_sub(2),
    );
    if pane == Pane::Partners {
        Rect::new(
            inner.x,
            inner.y.saturating_add(1),
            inner.width,
            inner.height.saturating_sub(1),
        )
    } else {
        inner
    }
}

pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, pane: Pane, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let t = ctx.theme;
    let focused = app.focus == pane;
    let state = app.pane(pane);
    let rows = app.rows(pane);
    let inner = rows_area(pane, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);

    let subject = match pane {
        Pane::Partners => {
            // Every selectable row of the Partners pane is a partner.
            let shown = rows.selectable_count();
            let all = app.program.partners.len();
            let count = if shown == all {
                format!("({all})")
            } else {
                format!("({shown} of {all})")
            };
            format!("{count}{}", app.partner_view.describe())
        }
        Pane::Timeline => app
            .selected_partner()
            .map(|p| format!("{} {}", ctx.sym.dot(), p.name))
            .unwrap_or_default(),
        Pane::Checklist => app
            .selected_campaign()
            .map(|c| format!("{} {}", ctx.sym.dot(), c.name))
            .unwrap_or_default(),
        Pane::Mdf => app
            .selected_campaign()
            .map(|c| format!("{} {}", ctx.sym.dot(), c.name))
            .unwrap_or_default(),
    };
    let mut title = vec![
        Span::styled(
            format!(" {} ", pane.number()),
            if focused { t.focus() } else { t.muted() },
        ),
        Span::styled(pane.title(), if focused { t.focus() } else { t.title() }),
    ];
    // In an MDF drill-down the border says what is shown, with the claim
    // window: it never scrolls away.
    if pane == Pane::Mdf && !app.mdf_drill.is_empty() {
        let used: usize = title.iter().map(|s| width(&s.content)).sum();
        title.push(Span::raw(" "));
        let filter_w = if state.filter.is_empty() {
            0
        } else {
            width(&state.filter) + 2
        };
        let room = usize::from(area.width).saturating_sub(used + 4 + filter_w);
        title.extend(drill::drill_title(room, ctx).spans);
        title.push(Span::raw(" "));
    } else {
        title.push(Span::raw(format!(" {} ", subject)));
    }
    if !state.filter.is_empty() {
        title.push(Span::styled(format!("/{} ", state.filter), t.accent()));
    }
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_set(ctx.sym.border(focused))
        .border_style(if focused { t.focus() } else { t.border() })
        .title(Line::from(title));
    let selectable = rows.selectable_count();
    if rows.len() > h && selectable > 0 {
        let pos = rows.selectable_up_to(state.index);
        block = block.title_bottom(Line::from(format!(" {pos}/{selectable} ")).right_aligned());
    }
    frame.render_widget(block, area);

    if pane == Pane::Partners && inner.y > area.y {
        let header = partners::partner_header(w, ctx);
        frame.render_widget(
            Paragraph::new(header),
            Rect::new(inner.x, inner.y - 1, inner.width, 1),
        );
    }

    let selected = app.selected_row(pane);
    let mut lines = Vec::with_capacity(h);
    for row in rows.iter().skip(state.offset).take(h) {
        let is_sel = selected == Some(*row) && row.selectable();
        let cursor = if is_sel && focused {
            ctx.sym.cursor()
        } else {
            " "
        };
        let body = render_row(*row, w.saturating_sub(1), ctx);
        let mut spans = vec![Span::styled(cursor, t.focus())];
        spans.extend(body.spans);
        let mut line = Line::from(spans);
        let used = line.width();
        if used < w {
            line.spans.push(Span::raw(" ".repeat(w - used)));
        }
        if is_sel {
            line = line.patch_style(if focused {
                t.selected()
            } else {
                t.selected_unfocused()
            });
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The findings mark of a row: error, warning or a blank.
pub(super) fn severity_mark(s: Option<Severity>, ctx: &Ctx<'_>) -> Span<'static> {
    match s {
        Some(Severity::Error) => Span::styled(ctx.sym.error(), ctx.theme.error()),
        Some(Severity::Warning) => Span::styled(ctx.sym.warning(), ctx.theme.warning()),
        None => Span::raw(" "),
    }
}

/// A line with `left` spans and `right_text` right-aligned in `w` columns;
/// the left part is cut first when space runs out.
pub(super) fn split_line(
    left: Vec<Span<'static>>,
    right_spans: Vec<Span<'static>>,
    w: usize,
    ctx: &Ctx<'_>,
) -> Line<'static> {
    let right_w: usize = right_spans.iter().map(|s| width(&s.content)).sum();
    let room = w.saturating_sub(right_w + 1);
    let mut out = Vec::new();
    let mut used = 0;
    for s in left {
        let sw = width(&s.content);
        if used + sw <= room {
            used += sw;
            out.push(s);
        } else {
            let c = cut(&s.content, room.saturating_sub(used), ctx.sym.ellipsis());
            used += width(&c);
            out.push(Span::styled(c, s.style));
            break;
        }
    }
    out.push(Span::raw(
        " ".repeat(
            w.saturating_sub(used + right_w)
                .max(usize::from(right_w > 0)),
        ),
    ));
    out.extend(right_spans);
    Line::from(out)
}

fn render_row(row: Row, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    match row {
        Row::Partner(id) => partners::partner(id, w, ctx),
        Row::Campaign(id) => timeline::campaign(id, w, ctx),
        Row::Milestone(id) => timeline::milestone(id, w, ctx),
        Row::Today(_) => timeline::today_rule(w, ctx),
        Row::SideHeader(side) => checklist::side_header(side, ctx),
        Row::Item(id) => checklist::item(id, w, ctx),
        Row::AssetsHeader => checklist::assets_header(ctx),
        Row::Asset(id) => checklist::asset(id, w, ctx),
        Row::FundsHeader => mdf::funds_header(ctx),
        Row::Fund(id) => mdf::fund(id, w, ctx),
        Row::MoneyHeader(_) => Line::styled("Campaign money".to_string(), ctx.theme.header()),
        Row::Budget(_) | Row::InternalCost(_) => mdf::cost(row, w, ctx),
        Row::Request(id) => mdf::request(id, w, ctx),
        Row::Claim(id) => mdf::claim(id, w, ctx),
        Row::Money(line) => mdf::money_line(line, w, ctx),
        Row::Crm(id) => mdf::crm_heading(id, w, ctx),
        Row::CrmRecord(id) => mdf::crm_record(id, w, ctx),
        Row::Results(id) => timeline::results(id, w, ctx),
        Row::Balance(b) => drill::balance_line(b, w, ctx),
        Row::Heading(h) => drill::heading_line(h, ctx),
        Row::Proof(i) => drill::proof_line(i, ctx),
        Row::Expense(id) => drill::expense_line(id, w, ctx),
        Row::Empty(pane) => Line::styled(
            match pane {
                Pane::Partners => "No partners match the filter: Esc clears it.",
                Pane::Timeline if app.selected_partner().is_none() => "No partner selected.",
                Pane::Timeline => "No campaigns yet: a adds one.",
                Pane::Checklist => "Select a campaign in the Timeline.",
                Pane::Mdf => "Select a partner.",
            }
            .to_string(),
            ctx.theme.muted(),
        ),
    }
}
