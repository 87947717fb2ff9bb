//! The Pipeline view (a campaign's evidence beside what was reported) and
//! the Journey view (an account's steps in date order), docs/domain.md
//! §15.2–§15.5. Rendering only: the data is the views' state.

use super::text::pad;
use super::{Ctx, above_status};
use crate::app::pipeline::PipelineData;
use crate::app::views::journey::Journey;
use crate::app::views::pipeline::Pipeline;
use crate::domain::Currency;
use crate::domain::evidence::attribution::Class;
use crate::domain::evidence::journey::{Side, class_words};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use rust_decimal::Decimal;

/// The box of a view of `lines` lines in `area`: up to 120 columns,
/// centred above the bottom four rows, so the status lines (the counts,
/// "Saved: …") and the hint bar stay in sight.
fn boxed(area: Rect, lines: usize) -> Rect {
    let width = 120.min(area.width.saturating_sub(2));
    let height = u16::try_from(lines + 2).unwrap_or(u16::MAX);
    above_status(area, width, height)
}

fn money(c: Currency, a: Decimal) -> String {
    c.format(a)
}

fn reported(v: Option<i64>) -> String {
    v.map_or("—".into(), |n| n.to_string())
}

fn reported_money(c: Currency, v: Option<Decimal>) -> String {
    v.map_or("—".into(), |a| money(c, a))
}

fn class_style(class: Class, ctx: &Ctx<'_>) -> Style {
    match class {
        Class::Sourced => ctx.theme.good(),
        Class::Influenced => Style::default(),
        Class::PartnerAssisted => ctx.theme.muted(),
    }
}

/// `text` wrapped to `width` columns, every line indented by `indent`.
fn wrapped(text: &str, width: usize, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width.max(indent.len() + 10))
        .initial_indent(indent)
        .subsequent_indent(indent)
        // Never split a date or a name at its hyphen ("2026-/09-12").
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// The lines of the Pipeline view, and the line of each opportunity.
fn pipeline_lines(
    data: &PipelineData,
    cursor: usize,
    width: usize,
    ctx: &Ctx<'_>,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let c = ctx.app.program.currency;
    let f = &data.figures;
    let r = data.reported.as_ref();
    // Money columns of 16 (13 on a narrow screen: 10 + 6 + 6 + 4 × 13 = 74).
    let (k, n, m) = if width >= 96 {
        (12, 8, 16)
    } else {
        (10, 6, 13)
    };
    let row = |cells: [String; 7]| {
        format!(
            "{:<k$}{:>n$}{:>n$}{:>m$}{:>m$}{:>m$}{:>m$}",
            cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6]
        )
    };
    let mut lines = vec![
        Line::raw(row([
            String::new(),
            "leads".into(),
            "MQLs".into(),
            "sourced".into(),
            "influenced".into(),
            "assisted".into(),
            "won revenue".into(),
        ])),
        Line::raw(row([
            "evidenced".into(),
            f.leads.to_string(),
            f.mqls.to_string(),
            money(c, f.pipeline.sourced),
            money(c, f.pipeline.influenced),
            money(c, f.pipeline.partner_assisted),
            money(c, f.won_revenue),
        ])),
        Line::styled(
            row([
                "reported".into(),
                reported(r.and_then(|r| r.leads)),
                reported(r.and_then(|r| r.mqls)),
                reported_money(c, r.and_then(|r| r.pipeline_sourced)),
                reported_money(c, r.and_then(|r| r.pipeline_influenced)),
                reported_money(c, r.and_then(|r| r.pipeline_partner_assisted)),
                reported_money(c, r.and_then(|r| r.revenue)),
            ]),
            ctx.theme.muted(),
        ),
        Line::raw(""),
        Line::styled(
            format!("Opportunities attributed ({})", data.opportunities.len()),
            ctx.theme.focus(),
        ),
    ];
    let mut at = Vec::with_capacity(data.opportunities.len());
    if data.opportunities.is_empty() {
        for l in wrapped(
            "none: no opportunity names it as primary campaign or is on its leads' accounts",
            width,
            "  ",
        ) {
            lines.push(Line::styled(l, ctx.theme.muted()));
        }
    }
    for (i, o) in data.opportunities.iter().enumerate() {
        let mark = if i == cursor {
            ctx.sym.text("▸ ")
        } else {
            "  ".into()
        };
        let head = format!(
            "{mark}{} · {} · {} {} · {} → {}",
            o.name,
            o.account_name,
            money(c, o.amount),
            if o.stage.is_empty() {
                o.outcome.label().to_owned()
            } else {
                o.stage.clone()
            },
            o.created_on,
            o.close_on
        );
        let class = class_words(o.class);
        let room = width.saturating_sub(class.len() + 1);
        let style = if i == cursor {
            ctx.theme.selected()
        } else {
            Style::default()
        };
        at.push(lines.len());
        lines.push(Line::from(vec![
            Span::styled(pad(&head, room, ctx.sym.ellipsis()), style),
            Span::raw(" "),
            Span::styled(class.to_owned(), class_style(o.class, ctx)),
        ]));
        for l in wrapped(&o.reason, width, "    ") {
            lines.push(Line::styled(l, ctx.theme.muted()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("Leads ({})", data.leads.len()),
        ctx.theme.focus(),
    ));
    for l in &data.leads {
        let mql = l.mql_on.map_or(String::new(), |d| format!(" · MQL {d}"));
        let text = format!(
            "{} · {} · {} · {}{mql}",
            l.crm_id,
            l.account,
            l.source.label().to_lowercase(),
            l.created_on
        );
        lines.extend(wrapped(&text, width, "  ").into_iter().map(Line::raw));
    }
    (lines, at)
}

/// Draws the Pipeline view in `area`, scrolled so the selected
/// opportunity (and its reason) shows.
pub(super) fn pipeline(frame: &mut Frame<'_>, area: Rect, p: &Pipeline, ctx: &Ctx<'_>) {
    // The box's inner width (its borders take two columns).
    let width = 120.min(area.width.saturating_sub(2)).saturating_sub(2) as usize;
    let (lines, at) = pipeline_lines(&p.data, p.cursor, width, ctx);
    let title = format!(" Pipeline — {} ", p.data.name);
    let target = at.get(p.cursor).copied().unwrap_or(0);
    draw_box(frame, area, &title, lines, target, ctx);
}

/// Draws `lines` in a box titled `title` above the status lines,
/// scrolled so line `target` shows with the line after it.
fn draw_box(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    target: usize,
    ctx: &Ctx<'_>,
) {
    let r = boxed(area, lines.len().max(1));
    frame.render_widget(Clear, r);
    let block = super::popups::block(title, ctx);
    let inner = block.inner(r);
    frame.render_widget(block, r);
    let visible = inner.height as usize;
    let scroll = (target + 2)
        .saturating_sub(visible)
        .min(lines.len().saturating_sub(visible));
    frame.render_widget(
        Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()),
        inner,
    );
}

/// The journey's lines, and the line each step starts on.
fn journey_lines(j: &Journey, width: usize, ctx: &Ctx<'_>) -> (Vec<Line<'static>>, Vec<usize>) {
    let app = ctx.app;
    // The side column: 22 wide, 14 on a narrow screen.
    let side_w = if width >= 96 { 22 } else { 14 };
    let indent = " ".repeat(10 + 2 + side_w + 2);
    let mut out = Vec::new();
    let mut at = Vec::new();
    for (n, s) in j.steps.iter().enumerate() {
        at.push(out.len());
        let side = match s.side {
            Side::Ours => "ours".to_owned(),
            Side::Partner(p) => app
                .program
                .partners
                .get(p)
                .map_or(format!("partner {p}"), |p| p.name.clone()),
        };
        let note = if s.counts { "" } else { " (does not count)" };
        let style = if n == j.cursor {
            ctx.theme.selected()
        } else if s.counts {
            Style::default()
        } else {
            ctx.theme.muted()
        };
        let first = format!("{}  {}  ", s.on, pad(&side, side_w, ctx.sym.ellipsis()));
        let text = ctx.sym.text(&format!("{}{note}", s.what));
        for (i, l) in wrapped(&text, width, &indent).into_iter().enumerate() {
            let l = if i == 0 {
                format!("{first}{}", &l[indent.len()..])
            } else {
                l
            };
            out.push(Line::styled(l, style));
        }
    }
    (out, at)
}

fn journey_width(area: Rect) -> usize {
    120.min(area.width.saturating_sub(2)).saturating_sub(2) as usize
}

/// Draws the Journey view in `area`.
pub(super) fn journey(frame: &mut Frame<'_>, area: Rect, j: &Journey, ctx: &Ctx<'_>) {
    let (lines, at) = journey_lines(j, journey_width(area), ctx);
    // The selected step's first line shows (with the line after it).
    let target = at.get(j.cursor).copied().unwrap_or(0);
    draw_box(
        frame,
        area,
        &format!(" Journey — {} ", j.title),
        lines,
        target,
        ctx,
    );
}
