//! The four panes: Partners, Timeline, Checklist, MDF.

use super::Ctx;
use super::text::{cut, pad, right, width};
use crate::app::view::{Balance, Drill, Heading, MoneyLine, Pane, Row};
use crate::domain::dates::short;
use crate::domain::guardrails::Severity;
use crate::domain::money::{format_multiple, format_percent};
use crate::domain::program::ClaimWindow;
use crate::domain::*;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
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
            let shown = rows
                .iter()
                .filter(|r| matches!(r, crate::app::Row::Partner(_)))
                .count();
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
        title.extend(drill_title(room, ctx).spans);
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
    let selectable = rows.iter().filter(|r| r.selectable()).count();
    if rows.len() > h && selectable > 0 {
        let pos = rows
            .iter()
            .take(state.index + 1)
            .filter(|r| r.selectable())
            .count();
        block = block.title_bottom(Line::from(format!(" {pos}/{selectable} ")).right_aligned());
    }
    frame.render_widget(block, area);

    if pane == Pane::Partners && inner.y > area.y {
        let header = partner_header(w, ctx);
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

/// The Partners pane's columns at width `w`: tier width, active-count
/// width and heading. Narrow panes abbreviate.
fn partner_columns(w: usize) -> (usize, usize, &'static str) {
    if w >= 36 {
        (11, 7, "Active")
    } else {
        (6, 4, "Act")
    }
}

/// A tier label that fits `width` columns ("Platinum" or "Plat.").
fn tier_label(t: Tier, width: usize) -> &'static str {
    if width > 10 {
        return t.label();
    }
    match t {
        Tier::Registered => "Reg.",
        Tier::Silver => "Silv.",
        Tier::Gold => "Gold",
        Tier::Platinum => "Plat.",
    }
}

fn partner_header(w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let (tier_w, active_w, heading) = partner_columns(w);
    let name_w = w.saturating_sub(3 + tier_w + active_w);
    Line::styled(
        format!(
            "   {}{}{}",
            pad("Partner", name_w, ""),
            pad("Tier", tier_w, ""),
            right(heading, active_w, "")
        ),
        ctx.theme.muted(),
    )
}

fn severity_mark(s: Option<Severity>, ctx: &Ctx<'_>) -> Span<'static> {
    match s {
        Some(Severity::Error) => Span::styled(ctx.sym.error(), ctx.theme.error()),
        Some(Severity::Warning) => Span::styled(ctx.sym.warning(), ctx.theme.warning()),
        None => Span::raw(" "),
    }
}

fn status_style(s: CampaignStatus, ctx: &Ctx<'_>) -> Style {
    match s {
        CampaignStatus::Planned => ctx.theme.text(),
        CampaignStatus::Live => ctx.theme.accent(),
        CampaignStatus::Completed => ctx.theme.good(),
        CampaignStatus::Cancelled => ctx.theme.muted(),
    }
}

fn type_short(t: CampaignType) -> &'static str {
    match t {
        CampaignType::Webinar => "webinar",
        CampaignType::Content => "content",
        CampaignType::VirtualEvent => "virtual",
        CampaignType::InPersonEvent => "in-person",
        CampaignType::DigitalAds => "ads",
        CampaignType::Email => "email",
    }
}

/// A line with `left` spans and `right_text` right-aligned in `w` columns;
/// the left part is cut first when space runs out.
fn split_line(
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
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let today = app.today;
    let ell = ctx.sym.ellipsis();
    match row {
        Row::Partner(id) => {
            let Some(pt) = p.partners.get(id) else {
                return Line::raw("");
            };
            let (tier_w, active_w, _) = partner_columns(w + 1);
            let name_w = w.saturating_sub(2 + tier_w + active_w);
            let active = app.derived.active(id);
            // Readiness (issue 5): ● ready, ○ something missing.
            let ready = app.derived.ready(id);
            Line::from(vec![
                severity_mark(app.derived.worst(id), ctx),
                if ready {
                    Span::styled(ctx.sym.ready(true), t.good())
                } else {
                    Span::styled(ctx.sym.ready(false), t.warning())
                },
                Span::raw(" "),
                Span::styled(
                    pad(&pt.name, name_w.saturating_sub(2), ell),
                    if pt.is_archived() {
                        t.muted()
                    } else {
                        t.text()
                    },
                ),
                Span::raw(" "),
                Span::styled(pad(tier_label(pt.tier, tier_w), tier_w, ell), t.muted()),
                Span::styled(
                    right(&active.to_string(), active_w, ell),
                    if active > app.config.guardrails.max_active_campaigns {
                        t.error()
                    } else {
                        t.text()
                    },
                ),
            ])
        }
        Row::Campaign(id) => {
            let Some(c) = p.campaigns.get(id) else {
                return Line::raw("");
            };
            let fold = if app.is_expanded(c) {
                ctx.sym.expanded()
            } else {
                ctx.sym.collapsed()
            };
            let name_style = if c.status.is_closed() {
                t.muted()
            } else {
                t.title()
            };
            let type_text = if w >= 60 {
                format!("{} ", type_short(c.campaign_type))
            } else {
                String::new()
            };
            let right_spans = vec![
                Span::styled(type_text, t.muted()),
                Span::styled(c.status.label().to_string(), status_style(c.status, ctx)),
                Span::styled(
                    format!(
                        " {}{}{} ",
                        short(c.start, today),
                        ctx.sym.arrow(),
                        short(c.end, today)
                    ),
                    t.muted(),
                ),
                severity_mark(app.derived.worst_of_campaign(c.partner_id, c.id), ctx),
            ];
            split_line(
                vec![
                    Span::raw(format!("{fold} ")),
                    Span::styled(c.name.clone(), name_style),
                ],
                right_spans,
                w,
                ctx,
            )
        }
        Row::Milestone(id) => {
            let Some(m) = p.milestones.get(id) else {
                return Line::raw("");
            };
            let shown = m.shown_status(today);
            let date_style = match shown {
                ShownStatus::Overdue => t.error(),
                ShownStatus::Done => t.muted(),
                _ => t.text(),
            };
            let mut left = vec![
                Span::raw("  "),
                Span::raw(ctx.sym.milestone(shown).to_string()),
                Span::raw(" "),
                Span::styled(
                    m.name.clone(),
                    if shown == ShownStatus::Done {
                        t.muted()
                    } else {
                        t.text()
                    },
                ),
            ];
            if let Some(reason) = &m.blocked_reason
                && shown == ShownStatus::Blocked
            {
                left.push(Span::styled(
                    format!(" {} {reason}", ctx.sym.dot()),
                    t.warning(),
                ));
            }
            let when = match (shown, m.completed_on) {
                (ShownStatus::Done, Some(done)) => format!("done {}", short(done, today)),
                (ShownStatus::Overdue, _) => format!("due {}", short(m.due, today)),
                _ => short(m.due, today),
            };
            split_line(left, vec![Span::styled(when, date_style)], w, ctx)
        }
        Row::Today(_) => {
            let label = format!(" today {} ", short(today, today));
            let lead = 4;
            let tail = w.saturating_sub(lead + width(&label));
            Line::styled(
                format!(
                    "{}{}{}",
                    ctx.sym.rule().repeat(lead),
                    label,
                    ctx.sym.rule().repeat(tail)
                ),
                t.accent(),
            )
        }
        Row::SideHeader(side) => {
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
        Row::Item(id) => {
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
                    // Narrow panes drop the word: the [x] says it.
                    let label = if w < 50 { "" } else { "done " };
                    right_spans.push(Span::styled(
                        format!(" {label}{}", short(done, today)),
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
        Row::AssetsHeader => {
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
        Row::Asset(id) => {
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
        Row::FundsHeader => {
            let n = app
                .selected_partner()
                .map_or(0, |pt| p.funds.children(pt.id).count());
            Line::from(vec![
                Span::styled("Funds".to_string(), t.header()),
                Span::styled(
                    if n == 0 {
                        "  none yet (a to add)".to_string()
                    } else {
                        format!("  {n}")
                    },
                    t.muted(),
                ),
            ])
        }
        Row::Fund(id) => {
            let Some(f) = p.funds.get(id) else {
                return Line::raw("");
            };
            let left = p.fund_left(id).unwrap_or_default();
            // A fund's own findings (M9 undefined policy, M4 overcommitted,
            // expiring money) mark its row like any other record's.
            let sev = app
                .selected_partner()
                .and_then(|pt| app.derived.worst_of_record(pt.id, RecordRef::Fund(id)));
            split_line(
                vec![
                    Span::raw("  "),
                    Span::raw(f.name.clone()),
                    Span::styled(format!(" to {}", short(f.period_end, today)), t.muted()),
                ],
                vec![
                    Span::raw(cur.format_short(f.allocated)),
                    Span::styled(" left ".to_string(), t.muted()),
                    Span::styled(
                        cur.format_short(left),
                        if left.is_sign_negative() {
                            t.error()
                        } else {
                            t.text()
                        },
                    ),
                    Span::raw(" "),
                    severity_mark(sev, ctx),
                ],
                w,
                ctx,
            )
        }
        Row::MoneyHeader(_) => Line::styled("Campaign money".to_string(), t.header()),
        Row::Budget(id) | Row::InternalCost(id) => {
            let Some(c) = p.campaigns.get(id) else {
                return Line::raw("");
            };
            let (label, v) = if matches!(row, Row::Budget(_)) {
                ("Budget", c.budget)
            } else {
                ("Internal cost", c.internal_cost)
            };
            let sev = if matches!(row, Row::Budget(_)) {
                app.derived
                    .findings_of(c.partner_id)
                    .iter()
                    .find(|f| f.campaign_id == Some(c.id) && f.rule == guardrails::Rule::T1)
                    .map(|f| f.severity)
            } else {
                None
            };
            split_line(
                vec![Span::raw(format!("  {label}"))],
                vec![
                    Span::raw(cur.format(v)),
                    Span::raw(" "),
                    severity_mark(sev, ctx),
                ],
                w,
                ctx,
            )
        }
        Row::Request(id) => {
            let Some(r) = p.requests.get(id) else {
                return Line::raw("");
            };
            // In a fund's drill-down the campaign says more than the fund.
            let fund = match app.mdf_drill.last() {
                Some(Drill::Fund(_)) => p
                    .campaigns
                    .get(r.campaign_id)
                    .map(|c| format!(" {} {}", ctx.sym.dot(), c.name))
                    .unwrap_or_default(),
                _ => r
                    .fund_id
                    .and_then(|f| p.funds.get(f))
                    .map(|f| format!(" {} {}", ctx.sym.dot(), f.name))
                    .unwrap_or_default(),
            };
            let muted = matches!(
                r.status,
                RequestStatus::Rejected | RequestStatus::Cancelled | RequestStatus::Expired
            );
            let mut left = vec![
                Span::styled(
                    "  MDF request ".to_string(),
                    if muted { t.muted() } else { t.text() },
                ),
                Span::styled(
                    r.status.label().to_string(),
                    if r.status == RequestStatus::Approved {
                        t.good()
                    } else {
                        t.muted()
                    },
                ),
                Span::styled(fund, t.muted()),
            ];
            // A withdrawn, rejected or returned request keeps its reason in view.
            if let Some(reason) = r.reason.as_deref().filter(|s| !s.is_empty()) {
                left.push(Span::styled(
                    format!(" {} {reason}", ctx.sym.dot()),
                    t.muted(),
                ));
            }
            let amount = if r.status == RequestStatus::Approved {
                r.approved()
            } else {
                r.amount
            };
            let sev = app
                .selected_partner()
                .and_then(|pt| app.derived.worst_of_record(pt.id, RecordRef::Request(id)));
            let right = vec![
                Span::raw(cur.format(amount)),
                Span::raw(" "),
                severity_mark(sev, ctx),
            ];
            let right = with_window(claim_window_span(id, ctx), right, w, 22);
            split_line(left, right, w, ctx)
        }
        Row::Claim(id) => {
            let Some(c) = p.claims.get(id) else {
                return Line::raw("");
            };
            let when = match (c.status, c.paid_on, c.submitted_on) {
                (ClaimStatus::Paid, Some(d), _) => format!(" {}", short(d, today)),
                (_, _, Some(d)) => format!(" sent {}", short(d, today)),
                _ => String::new(),
            };
            let style = match c.status {
                ClaimStatus::Paid => t.good(),
                ClaimStatus::Disputed => t.error(),
                ClaimStatus::Rejected => t.muted(),
                _ => t.text(),
            };
            let amount = if c.status == ClaimStatus::Paid {
                c.paid_amount.unwrap_or(c.amount)
            } else {
                c.amount
            };
            // A claim not sent yet shows the deadline it must meet; a sent
            // one, whether it met it.
            let mut right = Vec::new();
            let window = app.claim_window(c.request_id);
            let span = match (c.status, c.submitted_on, window) {
                (ClaimStatus::Rejected, ..) | (_, _, None) => None,
                (ClaimStatus::Draft, ..) => claim_window_span(c.request_id, ctx),
                // After an earlier claim went out in time (G4 is met): a
                // follow-up, flagged but not an error.
                (_, Some(on), Some((win @ ClaimWindow::Claimed { .. }, _)))
                    if on > win.deadline() =>
                {
                    Some(WindowText {
                        full: format!("after the window ({})", short(win.deadline(), today)),
                        compact: "after window".into(),
                        style: t.warning(),
                    })
                }
                (_, Some(on), Some((win, _))) if on > win.deadline() => Some(WindowText {
                    full: format!("late, window closed {}", short(win.deadline(), today)),
                    compact: "late".into(),
                    style: t.error(),
                }),
                (_, Some(_), Some(_)) => Some(WindowText {
                    full: "in time".into(),
                    compact: "in time".into(),
                    style: t.muted(),
                }),
                (_, None, Some(_)) => None,
            };
            right.extend([
                Span::styled(
                    cur.format(amount),
                    if c.status == ClaimStatus::Rejected {
                        t.muted()
                    } else {
                        t.text()
                    },
                ),
                Span::raw("  "),
            ]);
            let right = with_window(span, right, w, 20);
            let mut left = vec![
                Span::styled(
                    "    claim ".to_string(),
                    if c.status == ClaimStatus::Rejected {
                        t.muted()
                    } else {
                        t.text()
                    },
                ),
                Span::styled(c.status.label().to_string(), style),
                Span::styled(when, t.muted()),
            ];
            if let Some(note) = Some(c.note.trim()).filter(|n| !n.is_empty()) {
                left.push(Span::styled(
                    format!(" {} {note}", ctx.sym.dot()),
                    t.muted(),
                ));
            }
            split_line(left, right, w, ctx)
        }
        Row::Money(line) => money_line(line, w, ctx),
        Row::Results(id) => {
            let r = p.results_of(id);
            let text = match r {
                None => "not reported yet (e to enter)".to_string(),
                Some(r) => {
                    let n = |v: Option<i64>, noun: &str| {
                        v.map_or(format!("n/a {}", words::plural(noun)), |n| {
                            words::count(n, noun)
                        })
                    };
                    format!(
                        "{} {} {} {} {} pipeline",
                        n(r.leads, "lead"),
                        ctx.sym.dot(),
                        n(r.mqls, "MQL"),
                        ctx.sym.dot(),
                        r.pipeline_sourced
                            .map_or("n/a".to_string(), |v| cur.format_short(v))
                    )
                }
            };
            split_line(
                vec![
                    Span::styled("Results ".to_string(), t.header()),
                    Span::styled(text, t.muted()),
                ],
                vec![],
                w,
                ctx,
            )
        }

        Row::Balance(b) => balance_line(b, w, ctx),
        Row::Heading(h) => heading_line(h, ctx),
        Row::Proof(i) => proof_line(i, ctx),
        Row::Expense(id) => expense_line(id, w, ctx),
        Row::Empty(pane) => Line::styled(
            match pane {
                Pane::Partners => "No partners match the filter: Esc clears it.",
                Pane::Timeline if app.selected_partner().is_none() => "No partner selected.",
                Pane::Timeline => "No campaigns yet: a adds one.",
                Pane::Checklist => "Select a campaign in the Timeline.",
                Pane::Mdf => "Select a partner.",
            }
            .to_string(),
            t.muted(),
        ),
    }
}

fn drill_title(w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let back = ctx.sym.collapsed().replace('▸', "◂").replace('+', "<");
    let text = match app.mdf_drill.last() {
        Some(Drill::Fund(f)) => p.funds.get(*f).map_or(String::new(), |f| {
            format!(
                "{back} Fund {} {} {} policy {} {}{}{}",
                f.name,
                ctx.sym.dot(),
                f.policy,
                ctx.sym.dot(),
                short(f.period_start, app.today),
                ctx.sym.arrow(),
                short(f.period_end, app.today)
            )
        }),
        Some(Drill::Request(r)) => p.requests.get(*r).map_or(String::new(), |r| {
            let campaign = p
                .campaigns
                .get(r.campaign_id)
                .map_or("", |c| c.name.as_str());
            format!(
                "{back} Request {} {} {} {} {}",
                campaign,
                ctx.sym.dot(),
                r.activity,
                ctx.sym.dot(),
                r.status
            )
        }),
        None => String::new(),
    };
    // The claim window of a drilled request stays in view, right-aligned,
    // where a long campaign name cannot push it off.
    let window = match app.mdf_drill.last() {
        Some(Drill::Request(r)) => claim_window_span(*r, ctx),
        _ => None,
    };
    // The way back is in the hint bar, with the key as configured.
    let right = with_window(window, Vec::new(), w, 16);
    split_line(vec![Span::styled(text, t.header())], right, w, ctx)
}

/// A claim window in two lengths, for wide and narrow rows.
struct WindowText {
    /// E.g. "claim by Dec 3, 12d".
    full: String,
    /// E.g. "12d left".
    compact: String,
    /// Coloured by urgency.
    style: Style,
}

/// `right` with the claim window before it: the full text if the row keeps
/// `min_left` columns for its left part, else the compact one if that fits,
/// else none (the findings strip still names a G4 deadline).
fn with_window(
    window: Option<WindowText>,
    right: Vec<Span<'static>>,
    w: usize,
    min_left: usize,
) -> Vec<Span<'static>> {
    let Some(win) = window else {
        return right;
    };
    let right_w: usize = right.iter().map(|s| width(&s.content)).sum();
    let fits = |text: &str| right_w + width(text) + 2 + min_left <= w;
    let text = if fits(&win.full) {
        win.full
    } else if fits(&win.compact) {
        win.compact
    } else {
        return right;
    };
    let mut out = vec![Span::styled(text, win.style)];
    if !right.is_empty() {
        out.push(Span::raw("  "));
    }
    out.extend(right);
    out
}

/// Where a request stands against its claim window (docs/domain.md §6.2 G4, §11), in
/// a few words for the right of a row: "claim by Dec 3, 12d" / "12d left",
/// "window closed Nov 2" / "closed", "claimed Nov 1" / "claimed", "claimed
/// late Nov 5" / "late". Coloured by urgency; `None` for a request that is
/// not approved.
fn claim_window_span(request: RequestId, ctx: &Ctx<'_>) -> Option<WindowText> {
    let app = ctx.app;
    let t = ctx.theme;
    let today = app.today;
    let (window, left) = app.claim_window(request)?;
    let (full, compact, style) = match window {
        ClaimWindow::Open { deadline } if left < 0 => (
            format!("window closed {}", short(deadline, today)),
            "closed".to_string(),
            t.error(),
        ),
        ClaimWindow::Open { deadline } => (
            format!("claim by {}, {left}d", short(deadline, today)),
            format!("{left}d left"),
            if left < app.config.guardrails.claim_warning_days {
                t.warning()
            } else {
                t.muted()
            },
        ),
        ClaimWindow::Claimed { on, .. } => (
            format!("claimed {}", short(on, today)),
            "claimed".to_string(),
            t.muted(),
        ),
        ClaimWindow::Late { on, .. } => (
            format!("claimed late {}", short(on, today)),
            "late".to_string(),
            t.error(),
        ),
    };
    Some(WindowText {
        full,
        compact,
        style,
    })
}

fn balance_line(b: Balance, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let t = ctx.theme;
    let (label, value, style) = match app.mdf_drill.last() {
        Some(Drill::Fund(f)) => {
            let Some(fb) = app.derived.fund(*f) else {
                return Line::raw("");
            };
            match b {
                Balance::Allocated => ("Allocated", cur.format(fb.allocated), t.text()),
                Balance::Requested => ("Requested", cur.format(fb.requested), t.text()),
                Balance::Approved => ("Approved (committed)", cur.format(fb.approved), t.text()),
                Balance::Remaining => (
                    "Remaining",
                    cur.format(fb.remaining),
                    if fb.remaining.is_sign_negative() {
                        t.error()
                    } else {
                        t.title()
                    },
                ),
                Balance::Spent => ("Spent", cur.format(fb.spent), t.text()),
                Balance::Claimable => ("Claimable", cur.format(fb.claimable), t.text()),
                Balance::Claimed => ("Claimed", cur.format(fb.claimed), t.text()),
                Balance::Reimbursed => ("Reimbursed", cur.format(fb.reimbursed), t.good()),
                Balance::Utilization => (
                    "Utilization (claimed ÷ allocated)",
                    format_percent(fb.utilization),
                    t.text(),
                ),
                Balance::Expiring => (
                    "Expiring (ends within 30 days)",
                    cur.format(fb.expiring),
                    t.warning(),
                ),
                Balance::Eligible | Balance::Held => return Line::raw(""),
            }
        }
        Some(Drill::Request(r)) => {
            let Some(rb) = app.derived.request(*r) else {
                return Line::raw("");
            };
            match b {
                Balance::Requested => ("Requested", cur.format(rb.requested), t.text()),
                Balance::Approved => ("Approved", cur.format(rb.approved), t.text()),
                Balance::Spent => ("Spent", cur.format(rb.spent), t.text()),
                Balance::Eligible => ("Eligible", cur.format(rb.eligible), t.text()),
                Balance::Held => (
                    "Held (not claimable)",
                    cur.format(rb.held),
                    if rb.held.is_zero() {
                        t.text()
                    } else {
                        t.warning()
                    },
                ),
                Balance::Claimable => (
                    "Claimable (vendor share)",
                    cur.format(rb.claimable),
                    t.title(),
                ),
                Balance::Claimed => (
                    "Claimed",
                    cur.format(rb.claimed),
                    if rb.claimed > rb.claimable {
                        t.error()
                    } else {
                        t.text()
                    },
                ),
                Balance::Reimbursed => ("Reimbursed", cur.format(rb.reimbursed), t.good()),
                _ => return Line::raw(""),
            }
        }
        None => return Line::raw(""),
    };
    split_line(
        vec![Span::styled(format!("  {label}"), t.muted())],
        vec![Span::styled(value, style), Span::raw("  ")],
        w,
        ctx,
    )
}

fn heading_line(h: Heading, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let t = ctx.theme;
    let request = match app.mdf_drill.last() {
        Some(Drill::Request(r)) => Some(*r),
        _ => None,
    };
    let (title, detail) = match h {
        Heading::Requests => ("Requests", String::new()),
        Heading::Proof => {
            let need = request.map_or(0, |r| app.required_proof(r).len());
            let missing = request
                .and_then(|r| app.derived.request(r))
                .map_or(0, |b| b.missing_proof.len());
            (
                "Proof of performance",
                format!("  {}/{need} on file", need - missing.min(need)),
            )
        }
        Heading::Expenses => {
            let n = request.map_or(0, |r| app.program.expenses_of_request(r).len());
            (
                "Expenses",
                if n == 0 {
                    "  none yet (a to add)".to_string()
                } else {
                    format!("  {n}")
                },
            )
        }
        Heading::Claims => {
            let n = request.map_or(0, |r| app.program.claims_of(r).len());
            (
                "Claims",
                if n == 0 {
                    "  none yet".to_string()
                } else {
                    format!("  {n}")
                },
            )
        }
    };
    Line::from(vec![
        Span::styled(title.to_string(), t.header()),
        Span::styled(detail, t.muted()),
    ])
}

fn proof_line(i: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let t = ctx.theme;
    let Some(Drill::Request(r)) = app.mdf_drill.last().copied() else {
        return Line::raw("");
    };
    let kinds = app.required_proof(r);
    let Some(kind) = kinds.get(i) else {
        return Line::raw("");
    };
    let missing = app
        .derived
        .request(r)
        .is_some_and(|b| b.missing_proof.contains(kind));
    if missing {
        Line::from(vec![
            Span::styled(format!("  {} ", ctx.sym.error()), t.error()),
            Span::raw(kind.clone()),
            Span::styled(" missing".to_string(), t.error()),
        ])
    } else {
        Line::from(vec![
            Span::styled(format!("  {} ", ctx.sym.ok()), t.good()),
            Span::raw(kind.clone()),
        ])
    }
}

fn expense_line(id: ExpenseId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let t = ctx.theme;
    let Some(e) = app.program.expenses.get(id) else {
        return Line::raw("");
    };
    let line = e
        .request_id
        .and_then(|r| app.derived.request(r))
        .and_then(|b| b.lines.iter().find(|l| l.id == id));
    let hold = line.and_then(|l| l.hold.clone());
    let mut left = vec![
        Span::raw("  "),
        Span::styled(short(e.spent_on, app.today), t.muted()),
        Span::raw(" "),
        Span::styled(
            e.category.clone(),
            if e.is_active() { t.text() } else { t.muted() },
        ),
    ];
    if !e.vendor.is_empty() {
        left.push(Span::styled(
            format!(" {} {}", ctx.sym.dot(), e.vendor),
            t.muted(),
        ));
    }
    let mark = match (&e.withdrawn, &hold) {
        (Some(reason), _) => {
            left.push(Span::styled(
                format!(" {} withdrawn: {reason}", ctx.sym.dot()),
                t.muted(),
            ));
            Span::raw(" ")
        }
        (None, Some(h)) => {
            left.push(Span::styled(
                format!(" {} held: {}", ctx.sym.dot(), h.message()),
                t.warning(),
            ));
            Span::styled(ctx.sym.warning(), t.warning())
        }
        (None, None) if line.is_some_and(|l| l.capped.is_some()) => {
            let (part, counted, cap) = line
                .map(|l| (l.part, l.claimable, l.capped))
                .unwrap_or_default();
            left.push(Span::styled(
                format!(
                    " {} capped at {}: counts {} of {}",
                    ctx.sym.dot(),
                    cap.map_or("", |c| c.label()),
                    cur.format(counted),
                    cur.format(part)
                ),
                t.warning(),
            ));
            Span::raw(" ")
        }
        (None, None) if e.request_id.is_none() => {
            left.push(Span::styled(
                format!(" {} not under a request", ctx.sym.dot()),
                t.muted(),
            ));
            Span::raw(" ")
        }
        (None, None) => Span::raw(" "),
    };
    if let Some(files) = app.missing_files.get(&id) {
        left.push(Span::styled(
            format!(" {} file not found: {}", ctx.sym.dot(), files.join(", ")),
            t.warning(),
        ));
    }
    split_line(
        left,
        vec![Span::raw(cur.format(e.amount)), Span::raw(" "), mark],
        w,
        ctx,
    )
}

fn money_line(line: MoneyLine, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let t = ctx.theme;
    let Some(c) = app.selected_campaign() else {
        return Line::raw("");
    };
    let mdf = app.derived.mdf(c.id);
    let roi = app.derived.roi(c.id).copied();
    let (label, value, style) = match line {
        MoneyLine::TotalCost => ("Total cost", cur.format(c.total_cost()), t.title()),
        MoneyLine::Requested => ("MDF requested", cur.format(mdf.requested), t.text()),
        MoneyLine::Approved => ("MDF approved", cur.format(mdf.approved), t.text()),
        MoneyLine::Spent => (
            "MDF expenses",
            cur.format(app.derived.spent_claimable(c.id).0),
            t.text(),
        ),
        MoneyLine::Claimable => (
            "MDF claimable",
            cur.format(app.derived.spent_claimable(c.id).1),
            t.text(),
        ),
        MoneyLine::Claimed => ("MDF claimed", cur.format(mdf.claimed), t.text()),
        MoneyLine::Reimbursed => ("MDF reimbursed", cur.format(mdf.reimbursed), t.good()),
        MoneyLine::NetCost => (
            "Net cost",
            roi.map_or("n/a".into(), |r| cur.format(r.net_cost)),
            t.title(),
        ),
        MoneyLine::RoiPercent => (
            "ROI",
            format_percent(roi.and_then(|r| r.roi_percent)),
            roi_style(roi.and_then(|r| r.roi_percent), ctx),
        ),
        MoneyLine::CostPerLead => (
            "Cost per lead",
            cur.format_optional(roi.and_then(|r| r.cost_per_lead)),
            t.text(),
        ),
        MoneyLine::CostPerMql => (
            "Cost per MQL",
            cur.format_optional(roi.and_then(|r| r.cost_per_mql)),
            t.text(),
        ),
        MoneyLine::PipelineToSpend => (
            "Pipeline-to-spend (sourced)",
            format_multiple(roi.and_then(|r| r.pipeline_to_spend)),
            t.text(),
        ),
        MoneyLine::RevenueToSpend => (
            "Revenue-to-spend (ROI multiple)",
            format_multiple(roi.and_then(|r| r.revenue_to_spend)),
            t.text(),
        ),
    };
    split_line(
        vec![Span::styled(format!("  {label}"), t.muted())],
        vec![Span::styled(value, style), Span::raw("  ")],
        w,
        ctx,
    )
}

fn roi_style(v: Option<rust_decimal::Decimal>, ctx: &Ctx<'_>) -> Style {
    match v {
        Some(x) if x.is_sign_negative() => ctx.theme.error(),
        Some(_) => ctx.theme.good(),
        None => ctx.theme.muted(),
    }
}
