//! Drawing the partner profile and the joint marketing plan (issue 5).
//! Pure rendering: the profile's lines come from
//! [`crate::app::App::profile_lines`], the plan's figures from
//! [`crate::app::App::plan_sheet`].

use super::Ctx;
use super::text::{cut, pad, right, width};
use crate::app::Mode;
use crate::app::view::{Scrolling, Tone, keep_visible};
use crate::domain::dates::iso;
use crate::domain::jmp::{CheckpointStatus, PlanSheet};
use crate::domain::money::{format_count, format_percent};
use crate::domain::responsibility::Side;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

fn tone(t: Tone, ctx: &Ctx<'_>) -> Style {
    let th = ctx.theme;
    match t {
        Tone::Heading => th.header(),
        Tone::Label => th.muted(),
        Tone::Text => th.text(),
        Tone::Muted => th.muted(),
        Tone::Good => th.good(),
        Tone::Warning => th.warning(),
    }
}

fn frame_block(title: String, ctx: &Ctx<'_>) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(ctx.sym.border(true))
        .border_style(ctx.theme.focus())
        .title(Span::styled(title, ctx.theme.focus()))
}

/// Draws a full view (profile or plan) into `area`.
pub(super) fn draw_view(frame: &mut Frame<'_>, area: Rect, mode: &Mode, ctx: &Ctx<'_>) {
    match mode {
        Mode::Profile {
            partner,
            cursor,
            scroll,
        } => profile(frame, area, *partner, *cursor, *scroll, ctx),
        Mode::Plan {
            plan,
            cursor,
            scroll,
        } => {
            if let Some(sheet) = ctx.app.plan_sheet(*plan) {
                plan_view(frame, area, &sheet, *cursor, *scroll, ctx);
            }
        }
        _ => {}
    }
}

fn profile(
    frame: &mut Frame<'_>,
    area: Rect,
    partner: crate::domain::PartnerId,
    cursor: usize,
    scroll: usize,
    ctx: &Ctx<'_>,
) {
    let app = ctx.app;
    let Some(p) = app.program.partners.get(partner) else {
        return;
    };
    let lines = app.profile_lines(partner);
    let title = format!(
        " {} {} {} {} {}{} ",
        p.name,
        ctx.sym.dot(),
        p.partnership_type.label(),
        ctx.sym.dot(),
        p.tier,
        if p.is_archived() { " (archived)" } else { "" }
    );
    frame.render_widget(Clear, area);
    let block = frame_block(title, ctx);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    let w = usize::from(inner.width);
    let off = keep_visible(scroll, cursor, h, lines.len());
    let ell = ctx.sym.ellipsis();
    let out: Vec<Line<'static>> = lines
        .iter()
        .enumerate()
        .skip(off)
        .take(h)
        .map(|(i, l)| {
            let mut used = 0;
            let mut spans = Vec::new();
            for (text, t) in &l.spans {
                let room = w.saturating_sub(used);
                if room == 0 {
                    break;
                }
                let text = if width(text) > room {
                    cut(text, room, ell)
                } else {
                    text.clone()
                };
                used += width(&text);
                spans.push(Span::styled(text, tone(*t, ctx)));
            }
            if i == cursor {
                spans.push(Span::raw(" ".repeat(w.saturating_sub(used))));
                Line::from(spans).style(ctx.theme.selected())
            } else {
                Line::from(spans)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(out), inner);
}

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
    let mut out = Vec::new();
    out.push(Line::from(vec![
        Span::styled("Objective  ", t.muted()),
        Span::styled(
            if s.objective.trim().is_empty() {
                "— (E sets it)".to_string()
            } else {
                s.objective.clone()
            },
            t.text(),
        ),
    ]));
    out.push(Line::from(vec![
        Span::styled("Period     ", t.muted()),
        Span::styled(
            format!("{} → {}", iso(s.period.start()), iso(s.period.end())),
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
            "No campaign linked yet: l links one of the partner's campaigns.",
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

fn plan_view(
    frame: &mut Frame<'_>,
    area: Rect,
    s: &PlanSheet,
    cursor: usize,
    scroll: usize,
    ctx: &Ctx<'_>,
) {
    let title = format!(
        " Joint marketing plan {} {} {} ",
        ctx.sym.dot(),
        s.partner,
        s.period
    );
    frame.render_widget(Clear, area);
    let block = frame_block(title, ctx);
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
