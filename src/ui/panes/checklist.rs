//! The Checklist pane: responsibility items by side, and the campaign's assets.

use super::{Ctx, severity_mark, split_line};
use crate::domain::dates::short;
use crate::domain::guardrails::Severity;
use crate::domain::*;
use crate::ui::text::cut;
use ratatui::text::{Line, Span};

/// A side's heading with its done and overdue counts.
pub(super) fn side_header(side: Side, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let today = app.today;
    let Some(c) = app.selected_campaign() else {
        return Line::raw("");
    };
    let items: Vec<_> = p
        .checklist_of(c.id)
        .into_iter()
        .filter(|r| r.side == side)
        .collect();
    let done = items.iter().filter(|r| r.is_done()).count();
    let overdue = items.iter().filter(|r| r.is_overdue(today)).count();
    let mut spans = vec![
        Span::styled(side.label().to_string(), t.header()),
        Span::styled(format!("  {done}/{} done", items.len()), t.muted()),
    ];
    if overdue > 0 {
        spans.push(Span::styled(
            format!(" {} {overdue} overdue", ctx.sym.dot()),
            t.error(),
        ));
    }
    Line::from(spans)
}

/// A checklist item row: check box, title, owner, due or done date.
pub(super) fn item(id: ResponsibilityId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let today = app.today;
    let ell = ctx.sym.ellipsis();
    let Some(r) = p.responsibilities.get(id) else {
        return Line::raw("");
    };
    let overdue = r.is_overdue(today);
    let mut right_spans = Vec::new();
    if !r.owner.is_empty() {
        // Narrow panes show first names: the title matters more.
        let owner = match r.owner.split_whitespace().next() {
            Some(first) if w < 50 => first,
            _ => &r.owner,
        };
        right_spans.push(Span::styled(
            cut(owner, (w / 5).clamp(6, 16), ell),
            t.muted(),
        ));
    }
    match (r.done_on, r.due) {
        (Some(done), _) => {
            // The word stays at every width, so a done date never reads
            // like a due date: the title is cut shorter instead.
            right_spans.push(Span::styled(
                format!(" done {}", short(done, today)),
                t.muted(),
            ))
        }
        (None, Some(due)) if overdue => {
            right_spans.push(Span::styled(format!(" !{}", short(due, today)), t.error()))
        }
        (None, Some(due)) => right_spans.push(Span::raw(format!(" {}", short(due, today)))),
        (None, None) => {}
    }
    let check_style = if r.is_done() {
        t.good()
    } else if overdue {
        t.error()
    } else {
        t.text()
    };
    split_line(
        vec![
            Span::raw("  "),
            Span::styled(ctx.sym.check(r.is_done()).to_string(), check_style),
            Span::raw(" "),
            Span::styled(
                r.title.clone(),
                if r.is_done() { t.muted() } else { t.text() },
            ),
        ],
        right_spans,
        w,
        ctx,
    )
}

/// The assets heading with how many co-branded assets are approved.
pub(super) fn assets_header(ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let Some(c) = app.selected_campaign() else {
        return Line::raw("");
    };
    let assets = p.assets_of(c.id);
    let co: Vec<_> = assets.iter().filter(|a| a.co_branded).collect();
    let ok = co.iter().filter(|a| a.approved_on.is_some()).count();
    let summary = match (assets.len(), co.len()) {
        (0, _) => "  none yet (a to add)".to_string(),
        (_, 0) => "  none co-branded".to_string(),
        (_, n) => format!("  {ok}/{n} co-branded approved by the partner"),
    };
    Line::from(vec![
        Span::styled("Assets".to_string(), t.header()),
        Span::styled(summary, t.muted()),
    ])
}

/// An asset row with its approval state.
pub(super) fn asset(id: AssetId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let today = app.today;
    let Some(a) = p.assets.get(id) else {
        return Line::raw("");
    };
    let sev = app
        .selected_partner()
        .and_then(|pt| app.derived.worst_of_record(pt.id, RecordRef::Asset(id)));
    let state = match (a.co_branded, a.approved_on) {
        (true, Some(d)) => Span::styled(format!("approved {}", short(d, today)), t.good()),
        (true, None) => Span::styled(
            "needs partner approval".to_string(),
            if sev == Some(Severity::Error) {
                t.error()
            } else {
                t.warning()
            },
        ),
        (false, _) => Span::styled("ours only".to_string(), t.muted()),
    };
    let kind = if a.kind.is_empty() {
        String::new()
    } else {
        format!(" ({})", a.kind)
    };
    split_line(
        vec![
            Span::raw("  "),
            Span::raw(ctx.sym.check(!a.needs_approval()).to_string()),
            Span::raw(" "),
            Span::raw(a.name.clone()),
            Span::styled(kind, t.muted()),
        ],
        vec![state, Span::raw(" "), severity_mark(sev, ctx)],
        w,
        ctx,
    )
}
