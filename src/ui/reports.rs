//! Drawing the results view and the program dashboard (issue 4). Pure
//! rendering: the figures come from the app ([`crate::app::App::performance_of`])
//! or the mode ([`crate::app::Mode::Dashboard`]).

use super::text::{pad, right, width};
use super::{Ctx, chart};
use crate::app::view::Scrolling;
use crate::app::views::dashboard::Dashboard as DashboardView;
use crate::app::views::results::Results;
use crate::domain::Currency;
use crate::domain::dashboard::{Basis, Breakdown, Dashboard, Figures, Gauge, Unit};
use crate::domain::dates::iso;
use crate::domain::money::{format_count, format_multiple, format_percent};
use crate::domain::performance::Performance;
use crate::domain::words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

fn block(title: String, ctx: &Ctx<'_>) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(ctx.sym.border(true))
        .border_style(ctx.theme.focus())
        .title(Span::styled(title, ctx.theme.focus()))
}

/// A bar of `cols` columns filled to `percent` (capped at 100 %).
fn bar(percent: Option<Decimal>, cols: usize, ctx: &Ctx<'_>) -> String {
    let (full, empty) = if ctx.sym.is_ascii() {
        ('#', '.')
    } else {
        ('█', '░')
    };
    let filled = percent
        .map(|p| {
            p.clamp(Decimal::ZERO, Decimal::ONE_HUNDRED) * Decimal::from(cols)
                / Decimal::ONE_HUNDRED
        })
        .and_then(|x| x.round().to_usize())
        .unwrap_or(0)
        .min(cols);
    std::iter::repeat_n(full, filled)
        .chain(std::iter::repeat_n(empty, cols - filled))
        .collect()
}

fn met_style(met: Option<bool>, ctx: &Ctx<'_>) -> Style {
    match met {
        Some(true) => ctx.theme.good(),
        Some(false) => ctx.theme.warning(),
        None => ctx.theme.muted(),
    }
}

/// The results view of `campaign` (issue 4, item 2).
pub(super) fn results(frame: &mut Frame<'_>, area: Rect, view: &Results, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let (campaign, scroll) = (view.campaign, view.scroll);
    let (Some(c), Some((r, lines))) = (
        app.program.campaigns.get(campaign),
        results_layout(area, view, ctx),
    ) else {
        return;
    };
    frame.render_widget(Clear, r);
    // The evidenced figures are the CRM's records as of today; the
    // reported ones as of the day they were typed for.
    let as_of = match view.shown() {
        Some(_) => format!("evidence as of {}", iso(app.today)),
        None => app
            .program
            .results_of(campaign)
            .and_then(|r| r.reported_on)
            .map_or("figures not dated".to_string(), |d| {
                format!("figures as of {}", iso(d))
            }),
    };
    let which = match (&view.evidenced, view.show_evidenced) {
        (None, _) => String::new(),
        (Some(_), true) => " · evidenced figures (v: reported)".to_string(),
        (Some(_), false) => " · reported figures (v: evidenced)".to_string(),
    };
    // Which figures before the day: a narrow screen cuts the day first.
    let title = format!(" Results — {}{which} · {as_of} ", c.name);
    let block = block(title, ctx);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let visible = inner.height as usize;
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()),
        inner,
    );
}

/// The results box of `campaign` in `area` and its lines; `None` when
/// the campaign is gone.
fn results_layout(area: Rect, view: &Results, ctx: &Ctx<'_>) -> Option<(Rect, Vec<Line<'static>>)> {
    let app = ctx.app;
    let campaign = view.campaign;
    let p = app.performance_with(campaign, view.shown())?;
    let width = 100.min(area.width.saturating_sub(2));
    let lines = result_lines(
        &p,
        view.shown().is_some() || app.program.results_of(campaign).is_some(),
        width.saturating_sub(2) as usize,
        ctx,
    );
    // Above the status lines and the hint bar: "Written: …" and the
    // counts show under it.
    let r = super::above_status(
        area,
        width,
        u16::try_from(lines.len() + 2).unwrap_or(u16::MAX),
    );
    Some((r, lines))
}

/// How far the results view of `campaign` scrolls in `area`.
pub(super) fn results_scrolling(area: Rect, view: &Results, ctx: &Ctx<'_>) -> Option<Scrolling> {
    let (r, lines) = results_layout(area, view, ctx)?;
    let visible = usize::from(r.height.saturating_sub(2));
    Some(Scrolling {
        max: lines.len().saturating_sub(visible),
        page: visible,
    })
}

fn result_lines(p: &Performance, entered: bool, w: usize, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let cur = ctx.app.program.currency;
    let t = ctx.theme;
    let e = ctx.sym.ellipsis();
    let mut out = Vec::new();
    if !entered {
        out.push(Line::styled(
            "No results entered yet: e enters them (targets below are the defaults).",
            t.warning(),
        ));
        out.push(Line::raw(""));
    }
    let bar_w = w.saturating_sub(22 + 14 + 14 + 9 + 6).clamp(4, 30);
    out.push(Line::styled(
        format!(
            "{}{}{}{}  {}",
            pad("Metric", 22, e),
            right("Target", 14, e),
            right("Actual", 14, e),
            right("% target", 9, e),
            "progress"
        ),
        t.header(),
    ));
    for l in &p.lines {
        let met = l.met();
        out.push(Line::from(vec![
            Span::styled(pad(l.metric.label(), 22, e), t.text()),
            Span::styled(
                right(&l.target.map_or("—".into(), |f| f.text(cur)), 14, e),
                t.muted(),
            ),
            Span::styled(
                right(&l.actual.map_or("n/a".into(), |f| f.text(cur)), 14, e),
                t.text(),
            ),
            Span::styled(
                right(
                    &l.percent_of_target
                        .map_or("—".into(), |x| format_percent(Some(x))),
                    9,
                    e,
                ),
                met_style(met, ctx),
            ),
            Span::raw("  "),
            Span::styled(bar(l.percent_of_target, bar_w, ctx), met_style(met, ctx)),
        ]));
    }
    out.push(Line::styled(
        format!(
            "Pipeline kept apart (docs/domain.md §8): influenced {} {} partner-assisted {}",
            cur.format_optional(p.pipeline_influenced),
            ctx.sym.dot(),
            cur.format_optional(p.pipeline_partner_assisted)
        ),
        t.muted(),
    ));
    out.push(Line::raw(""));
    out.push(Line::styled("ROI (docs/domain.md §7)", t.header()));
    let roi = &p.roi;
    let pair = |a: &str, b: String, c: &str, d: String| {
        Line::from(vec![
            Span::styled(pad(a, 20, e), t.muted()),
            Span::styled(pad(&b, 16, e), t.text()),
            Span::styled(pad(c, 20, e), t.muted()),
            Span::styled(d, t.text()),
        ])
    };
    out.push(pair(
        "Total cost",
        cur.format(roi.total_cost),
        "Net cost",
        cur.format(roi.net_cost),
    ));
    out.push(pair(
        "ROI",
        format_percent(roi.roi_percent),
        "ROI multiple",
        format_multiple(roi.revenue_to_spend),
    ));
    out.push(pair(
        "Cost per lead",
        cur.format_optional(roi.cost_per_lead),
        "Cost per MQL",
        cur.format_optional(roi.cost_per_mql),
    ));
    out.push(pair(
        "Pipeline-to-spend",
        format_multiple(roi.pipeline_to_spend),
        "Lead-to-MQL",
        format_percent(p.lead_to_mql),
    ));
    out.push(Line::raw(""));
    out.push(Line::styled("Lead sources", t.header()));
    if p.sources.is_empty() {
        out.push(Line::styled("No lead sources reported.", t.muted()));
    }
    for s in &p.sources {
        out.push(Line::from(vec![
            Span::styled(pad(s.label(), 22, e), t.text()),
            Span::styled(right(&format_count(s.leads), 10, e), t.text()),
            Span::styled(right(&format_percent(s.percent), 9, e), t.muted()),
            Span::raw("  "),
            Span::styled(bar(s.percent, bar_w, ctx), t.accent()),
        ]));
    }
    let reach = |n: Option<i64>| n.map_or("n/a".into(), format_count);
    out.push(Line::styled(
        format!(
            "Promotion reach: ours {} {} partner {} (engagement {})",
            reach(p.reach_ours),
            ctx.sym.dot(),
            reach(p.reach_partner),
            format_percent(p.promotion_engagement)
        ),
        t.muted(),
    ));
    out.push(Line::raw(""));
    out.push(Line::styled("Findings on the results", t.header()));
    if p.findings.is_empty() {
        out.push(Line::styled(
            if entered {
                "None: every figure with a target met it."
            } else {
                "None yet."
            },
            t.good(),
        ));
    }
    for f in &p.findings {
        out.push(Line::from(vec![
            Span::styled(format!("{} ", ctx.sym.warning()), t.warning()),
            Span::styled(f.message.clone(), t.text()),
        ]));
    }
    out
}

fn unit_text(v: Option<Decimal>, unit: Unit, cur: Currency) -> String {
    match unit {
        Unit::Money => v.map_or("n/a".into(), |v| cur.format_short(v)),
        Unit::Multiple => format_multiple(v),
        Unit::Percent => format_percent(v),
    }
}

fn gauge_line(g: &Gauge, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let t = ctx.theme;
    let e = ctx.sym.ellipsis();
    let met = g.met();
    let icon = match met {
        Some(true) => ctx.sym.ok(),
        Some(false) => ctx.sym.warning(),
        None => " ",
    };
    let bar_w = w.saturating_sub(30 + 10 + 12 + 9 + 4).clamp(6, 60);
    Line::from(vec![
        Span::styled(format!("{icon} "), met_style(met, ctx)),
        Span::styled(pad(g.label, 30, e), t.text()),
        Span::styled(right(&unit_text(g.value, g.unit, cur), 10, e), t.text()),
        Span::styled(
            right(
                &format!("/ {}", unit_text(Some(g.target), g.unit, cur)),
                12,
                e,
            ),
            t.muted(),
        ),
        Span::styled(
            right(&format_percent(g.percent_of_target()), 9, e),
            met_style(met, ctx),
        ),
        Span::raw(" "),
        Span::styled(bar(g.percent_of_target(), bar_w, ctx), met_style(met, ctx)),
    ])
}

fn breakdown_line(first: &str, b: &Breakdown, first_w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let e = ctx.sym.ellipsis();
    let text = format!(
        "{}{}{}{}{}{}{}{}",
        pad(first, first_w, e),
        right(&b.campaigns.to_string(), 4, e),
        right(&cur.format_short(b.total_cost), 10, e),
        right(&format_count(b.leads), 8, e),
        right(
            &b.cost_per_lead
                .map_or("n/a".into(), |v| cur.format_short(v)),
            10,
            e
        ),
        right(
            &b.cost_per_mql.map_or("n/a".into(), |v| cur.format_short(v)),
            10,
            e
        ),
        right(&format_multiple(b.pipeline_to_spend), 10, e),
        right(&format_multiple(b.revenue_to_spend), 8, e),
    );
    Line::styled(text, ctx.theme.text())
}

fn breakdown_head(first: &str, first_w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let e = ctx.sym.ellipsis();
    // The database's currency, not jmo's: "€/lead", "CHF/MQL".
    let mark = ctx.app.program.currency.mark();
    Line::styled(
        format!(
            "{}{}{}{}{}{}{}{}",
            pad(first, first_w, e),
            right("n", 4, e),
            right("cost", 10, e),
            right("leads", 8, e),
            right(&format!("{mark}/lead"), 10, e),
            right(&format!("{mark}/MQL"), 10, e),
            right(&format!("pipe/{mark}"), 10, e),
            right("ROI", 8, e),
        ),
        ctx.theme.header(),
    )
}

/// Which figures the dashboard shows, for its header (docs/domain.md
/// §15.3), with what `v` switches to when the database holds evidence
/// (`switchable`).
fn figures_text(f: &Figures, switchable: bool) -> String {
    let what = match f.basis {
        Basis::Evidenced if f.evidenced > 0 => format!(
            "evidenced where the CRM supports it ({})",
            words::count_of(f.evidenced, "campaign")
        ),
        Basis::Evidenced => "reported (no CRM evidence this year)".to_string(),
        Basis::Reported => "reported".to_string(),
    };
    match (switchable, f.basis) {
        (false, _) => what,
        (true, Basis::Evidenced) => format!("{what} · v: reported"),
        (true, Basis::Reported) => format!("{what} · v: evidenced"),
    }
}

/// The dashboard screen (issue 4, item 3), over the whole screen but the
/// bottom bar.
pub(super) fn dashboard(frame: &mut Frame<'_>, area: Rect, view: &DashboardView, ctx: &Ctx<'_>) {
    let (dash, scroll) = (&*view.dash, view.scroll);
    let cur = ctx.app.program.currency;
    let t = ctx.theme;
    let (r, [gauges, chart, tables]) = dashboard_areas(area);
    frame.render_widget(Clear, r);
    // The year's dates give way first when the title does not fit.
    let counts = format!(
        "{} {} launched, {} without results",
        ctx.sym.dot(),
        words::count_of(dash.campaigns.len(), "campaign"),
        dash.without_results
    );
    let dated = format!(
        " Dashboard {} ({} – {}) {counts} ",
        dash.year.label(),
        iso(dash.year.start),
        iso(dash.year.end),
    );
    let title = if width(&dated) + 2 <= usize::from(r.width) {
        dated
    } else {
        format!(" Dashboard {} {counts} ", dash.year.label())
    };
    frame.render_widget(block(title, ctx), r);
    let w = usize::from(gauges.width);
    let mut g_lines = vec![Line::styled(
        format!(
            "Program metrics vs targets · {}",
            figures_text(&dash.figures, view.evidenced.is_some())
        ),
        t.header(),
    )];
    g_lines.extend(dash.gauges.iter().map(|g| gauge_line(g, w, ctx)));
    frame.render_widget(Paragraph::new(g_lines), gauges);

    // Pipeline by launch month: sourced pipeline, each amount above its bar.
    let bar_w = ((chart.width as usize).saturating_sub(2) / 12)
        .saturating_sub(1)
        .clamp(1, 8) as u16;
    let chart_block = Block::default()
        .borders(Borders::TOP)
        .border_set(ctx.sym.border(false))
        .title(Span::styled(
            format!(" Sourced pipeline by launch month ({}) ", cur.code()),
            t.header(),
        ));
    let chart_area = chart_block.inner(chart);
    frame.render_widget(chart_block, chart);
    let months: Vec<chart::Column> = dash
        .pipeline_by_month
        .iter()
        .map(|m| chart::Column {
            label: m.month.format("%b").to_string(),
            amount: m.sourced,
        })
        .collect();
    chart::columns(
        frame.buffer_mut(),
        Rect {
            x: chart_area.x + 1,
            width: chart_area.width.saturating_sub(1),
            ..chart_area
        },
        &months,
        bar_w,
        cur,
        ctx,
    );

    let lines = table_lines(dash, w, ctx);
    let visible = tables.height as usize;
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()),
        tables,
    );
}

/// The dashboard's box in `area` (all but the hint bar's rows) and its
/// parts inside the border: gauges, chart, tables.
fn dashboard_areas(area: Rect) -> (Rect, [Rect; 3]) {
    let r = Rect {
        height: area.height.saturating_sub(2),
        ..area
    };
    let inner = Block::default().borders(Borders::ALL).inner(r);
    let chart_h: u16 = if inner.height >= 40 { 12 } else { 8 };
    let parts = Layout::vertical([
        Constraint::Length(7),
        Constraint::Length(chart_h),
        Constraint::Min(3),
    ])
    .areas(inner);
    (r, parts)
}

/// How far the dashboard's tables scroll in `area`.
pub(super) fn dashboard_scrolling(area: Rect, dash: &Dashboard, ctx: &Ctx<'_>) -> Scrolling {
    let (_, [_, _, tables]) = dashboard_areas(area);
    let lines = table_lines(dash, usize::from(tables.width), ctx);
    let visible = usize::from(tables.height);
    Scrolling {
        max: lines.len().saturating_sub(visible),
        page: visible,
    }
}

/// The dashboard's tables, `w` columns wide: by type, then by partner ×
/// type.
fn table_lines(dash: &Dashboard, w: usize, ctx: &Ctx<'_>) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let first_w = w.saturating_sub(60).clamp(12, 48);
    let mut lines = vec![breakdown_head("By campaign type", first_w, ctx)];
    if dash.by_type.is_empty() {
        lines.push(Line::styled(
            "No campaigns launched in this fiscal year.",
            t.muted(),
        ));
    }
    for b in &dash.by_type {
        let name = b
            .campaign_type
            .map_or("All types".to_string(), |c| c.label().to_string());
        lines.push(breakdown_line(&name, b, first_w, ctx));
    }
    if !dash.by_partner_type.is_empty() {
        lines.push(Line::raw(""));
        lines.push(breakdown_head("By partner × type", first_w, ctx));
        for b in &dash.by_partner_type {
            let name = format!(
                "{} {} {}",
                b.partner.as_deref().unwrap_or(""),
                ctx.sym.dot(),
                b.campaign_type.map_or("", |c| c.label())
            );
            lines.push(breakdown_line(&name, b, first_w, ctx));
        }
    }
    lines.push(Line::styled(
        "Ratios pooled over the campaigns reporting each figure; pipeline = sourced only.",
        t.muted(),
    ));
    lines
}
