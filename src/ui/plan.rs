//! Drawing a joint marketing plan (issue 5, item 6): the figures come
//! from [`crate::app::App::plan_sheet`]; keys named in the text from the
//! plan view's key table.

use super::Ctx;
use super::text::{pad, right};
use crate::app::view::{Scrolling, keep_visible};
use crate::app::views::Cmd;
use crate::app::views::plan::{Act, Plan};
use crate::domain::dates::iso;
use crate::domain::jmp::{CheckpointStatus, PlanSheet};
use crate::domain::money::{format_count, format_percent};
use crate::domain::responsibility::Side;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn status_style(s: CheckpointStatus, ctx: &Ctx<'_>) -> Style {
    match s {
        CheckpointStatus::OnTrack => ctx.theme.good(),
        CheckpointStatus::Behind => ctx.theme.warning(),
        CheckpointStatus::Upcoming | CheckpointStatus::NothingDue => ctx.theme.muted(),
    }
}

/// The plan's lines; returns them with the index of the first campaign line.
fn plan_lines(
    s: &PlanSheet,
    cursor: usize,
    w: usize,
    ctx: &Ctx<'_>,
) -> (Vec<Line<'static>>, usize) {
    let cur = ctx.app.program.currency;
    let t = ctx.theme;
    let e = ctx.sym.ellipsis();
    // Keys named in the text, as the plan's table binds them.
    let key = |act: Act| ctx.app.keys.plan.key_label(Cmd::Own(act));
    let mut out = Vec::new();
    out.push(Line::from(vec![
        Span::styled("Objective  ", t.muted()),
        Span::styled(
            if s.objective.trim().is_empty() {
                format!("— ({} sets it)", key(Act::EditPlan))
            } else {
                s.objective.clone()
            },
            t.text(),
        ),
    ]));
    out.push(Line::from(vec![
        Span::styled("Period     ", t.muted()),
        Span::styled(
            format!(
                "{} {} {}",
                iso(s.period.start()),
                ctx.sym.arrow(),
                iso(s.period.end())
            ),
            t.text(),
        ),
        Span::styled(format!("   figures as of {}", iso(s.as_of)), t.muted()),
    ]));
    out.push(Line::raw(""));
    // Portfolio with budget and pipeline, one line per campaign.
    // Below 100 columns the launch and status give way to the money.
    let wide = w >= 100;
    let mw = if wide { 11 } else { 10 };
    let dates_w = if wide { 21 } else { 0 };
    let name_w = w.saturating_sub(dates_w + 5 * mw + 12).clamp(10, 40);
    out.push(Line::styled(
        format!(
            "{}{}{}{}{}{}{}{}",
            pad("Campaign", name_w, e),
            if wide {
                format!("{}{}", pad(" Launch", 11, e), pad(" Status", 10, e))
            } else {
                String::new()
            },
            right("Cost", mw, e),
            right("MDF", mw, e),
            right("Partner", mw, e),
            right("Our net", mw, e),
            right("Pipe target", 12, e),
            right("Actual", mw, e),
        ),
        t.header(),
    ));
    let first = out.len();
    if s.lines.is_empty() {
        out.push(Line::styled(
            format!(
                "No campaign linked yet: {} links one of the partner's campaigns.",
                key(Act::Link)
            ),
            t.warning(),
        ));
    }
    for (i, l) in s.lines.iter().enumerate() {
        let name = if l.outside_period {
            format!("{} (outside)", l.name)
        } else {
            l.name.clone()
        };
        let mut spans = vec![Span::styled(pad(&name, name_w, e), t.text())];
        if wide {
            spans.push(Span::styled(format!(" {}", iso(l.launch)), t.muted()));
            spans.push(Span::styled(
                pad(&format!(" {}", l.status), 10, e),
                t.muted(),
            ));
        }
        spans.extend([
            Span::styled(right(&cur.format_short(l.cost), mw, e), t.text()),
            Span::styled(right(&cur.format_short(l.mdf_approved), mw, e), t.text()),
            Span::styled(
                right(&cur.format_short(l.partner_investment), mw, e),
                t.text(),
            ),
            Span::styled(right(&cur.format_short(l.our_net), mw, e), t.text()),
            Span::styled(
                right(
                    &l.pipeline_target
                        .map_or("—".into(), |v| cur.format_short(v)),
                    12,
                    e,
                ),
                if l.pipeline_target.is_some() {
                    t.text()
                } else {
                    t.warning()
                },
            ),
            Span::styled(
                right(
                    &l.pipeline_actual
                        .map_or("—".into(), |v| cur.format_short(v)),
                    mw,
                    e,
                ),
                t.text(),
            ),
        ]);
        let line = Line::from(spans);
        out.push(if i == cursor {
            line.style(t.selected())
        } else {
            line
        });
    }
    let tt = &s.totals;
    out.push(Line::styled(
        format!(
            "{}{}{}{}{}{}{}{}",
            pad("Total", name_w, e),
            " ".repeat(dates_w),
            right(&cur.format_short(tt.cost), mw, e),
            right(&cur.format_short(tt.mdf_approved), mw, e),
            right(&cur.format_short(tt.partner_investment), mw, e),
            right(&cur.format_short(tt.our_net), mw, e),
            right(&cur.format_short(tt.pipeline_target), 12, e),
            right(&cur.format_short(tt.pipeline_actual), mw, e),
        ),
        t.title(),
    ));
    out.push(Line::styled(
        format!(
            "MDF coverage {} of cost · partner co-investment {} · MDF requested awaiting a decision {} · leads {} of {} targeted{}",
            format_percent(tt.mdf_coverage_percent),
            format_percent(tt.partner_share_percent),
            cur.format(tt.mdf_requested),
            format_count(tt.leads_actual),
            format_count(tt.lead_target),
            if tt.without_target > 0 {
                format!(" · {} without a pipeline target", tt.without_target)
            } else {
                String::new()
            }
        ),
        t.muted(),
    ));
    out.push(Line::raw(""));
    out.push(Line::styled("Who does what", t.header()));
    for r in &s.roles {
        let who = match r.side {
            Side::Ours => "Our team",
            Side::Partner => "Partner team",
            Side::Shared => "Shared",
        };
        let open: Vec<String> = r
            .open
            .iter()
            .take(3)
            .map(|(c, title, owner, due)| {
                format!(
                    "{title} ({c}; {}; {})",
                    if owner.trim().is_empty() {
                        "—"
                    } else {
                        owner
                    },
                    due.map_or("no due date".into(), iso)
                )
            })
            .collect();
        out.push(Line::from(vec![
            Span::styled(pad(who, 14, e), t.muted()),
            Span::styled(
                format!("{}/{} done", r.done, r.total),
                if r.done == r.total {
                    t.good()
                } else {
                    t.text()
                },
            ),
            Span::styled(
                if open.is_empty() {
                    String::new()
                } else {
                    format!(
                        " · next: {}{}",
                        open.join(" · "),
                        if r.open.len() > 3 {
                            format!(" · +{} more", r.open.len() - 3)
                        } else {
                            String::new()
                        }
                    )
                },
                t.text(),
            ),
        ]));
    }
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(
            "{}{}{}{}{}  {}",
            pad("Review checkpoint", 20, e),
            right("Launched", 10, e),
            right("Planned", 12, e),
            right("Actual", 12, e),
            right("% of plan", 10, e),
            "status"
        ),
        t.header(),
    ));
    for c in &s.checkpoints {
        out.push(Line::from(vec![
            Span::styled(pad(&iso(c.date), 20, e), t.text()),
            Span::styled(
                right(&format!("{}/{}", c.launched, c.launches_planned), 10, e),
                t.text(),
            ),
            Span::styled(
                right(&cur.format_short(c.pipeline_planned), 12, e),
                t.text(),
            ),
            Span::styled(right(&cur.format_short(c.pipeline_actual), 12, e), t.text()),
            Span::styled(right(&format_percent(c.percent), 10, e), t.text()),
            Span::styled(
                format!("  {}", c.status.label()),
                status_style(c.status, ctx),
            ),
        ]));
    }
    out.push(Line::styled(
        if s.reviews_held.is_empty() {
            "No check-in or QBR recorded in the period yet.".to_string()
        } else {
            format!(
                "Reviews held: {}",
                s.reviews_held
                    .iter()
                    .map(|(k, d)| format!("{} {}", k.label(), iso(*d)))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
        t.muted(),
    ));
    (out, first)
}

/// How far the plan view of `plan` scrolls in `area` (the view with its
/// border), the cursor on campaign `cursor`.
pub(super) fn plan_scrolling(
    area: Rect,
    plan: crate::domain::PlanId,
    cursor: usize,
    ctx: &Ctx<'_>,
) -> Option<Scrolling> {
    let sheet = ctx.app.plan_sheet(plan)?;
    let inner = Block::default().borders(Borders::ALL).inner(area);
    let (lines, _) = plan_lines(&sheet, cursor, usize::from(inner.width), ctx);
    let h = usize::from(inner.height);
    Some(Scrolling {
        max: lines.len().saturating_sub(h),
        page: h,
    })
}

/// Draws the plan `view` into `area`.
pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, view: &Plan, ctx: &Ctx<'_>) {
    let Some(s) = ctx.app.plan_sheet(view.plan) else {
        return;
    };
    let s = &s;
    let (cursor, scroll) = (view.cursor, view.scroll);
    let title = format!(
        " Joint marketing plan {} {} {} ",
        ctx.sym.dot(),
        s.partner,
        s.period
    );
    frame.render_widget(Clear, area);
    let block = super::view_block(title, ctx);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let (lines, first) = plan_lines(s, cursor, w, ctx);
    // The selected campaign stays in view; PgDn / PgUp scroll the rest
    // (↑ / ↓ come back to the campaigns).
    let off = if scroll > 0 {
        scroll.min(lines.len().saturating_sub(h))
    } else {
        keep_visible(0, first + cursor, h, lines.len())
    };
    let visible: Vec<Line<'static>> = lines.into_iter().skip(off).take(h).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
