//! Drawing the agenda (issue 11, item 5): three sections (overdue, due in
//! the next 7 days, blocked), one line per entry: when, how far off,
//! partner, campaign, what. The entries are the domain's
//! ([`crate::domain::agenda`]); the cursor line is highlighted and kept in
//! view.

use super::Ctx;
use super::text::{cut, pad, width};
use crate::app::views::agenda::Agenda;
use crate::domain::agenda::{Entry, HORIZON_DAYS, What};
use crate::domain::dates::short;
use crate::domain::*;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// One line of the agenda: a section heading, an entry (its index over
/// all entries), or a blank line between sections.
enum AgendaLine<'a> {
    Heading(&'static str, usize),
    Entry(usize, &'a Entry),
    Blank,
}

/// Draws the agenda in `area` (the screen above the bottom bar).
pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, view: &Agenda, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let sheet = app.agenda();
    let title = format!(
        " Agenda {} {} {} {} overdue, {} due in {} days, {} blocked ",
        ctx.sym.dot(),
        app.today.format("%a %-d %b"),
        ctx.sym.dot(),
        sheet.overdue.len(),
        sheet.soon.len(),
        HORIZON_DAYS,
        sheet.blocked.len()
    );
    frame.render_widget(Clear, area);
    let block = super::view_block(title, ctx);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    let mut n = 0;
    for (heading, entries) in [
        ("Overdue", &sheet.overdue),
        ("Due in the next 7 days", &sheet.soon),
        ("Blocked", &sheet.blocked),
    ] {
        if !lines.is_empty() {
            lines.push(AgendaLine::Blank);
        }
        lines.push(AgendaLine::Heading(heading, entries.len()));
        for e in entries {
            lines.push(AgendaLine::Entry(n, e));
            n += 1;
        }
    }
    let h = usize::from(inner.height);
    let w = usize::from(inner.width);
    let cursor = lines
        .iter()
        .position(|l| matches!(l, AgendaLine::Entry(i, _) if *i == view.index))
        .unwrap_or(0);
    // From the top while the cursor is on the first page; then the
    // cursor line is the last one shown.
    let off = (cursor + 1).saturating_sub(h);
    let t = ctx.theme;
    let out: Vec<Line<'static>> = lines
        .iter()
        .skip(off)
        .take(h)
        .map(|l| match l {
            AgendaLine::Blank => Line::raw(""),
            AgendaLine::Heading(name, count) => Line::from(vec![
                Span::styled(format!(" {name}"), t.header()),
                Span::styled(
                    if *count == 0 {
                        "  nothing".to_string()
                    } else {
                        format!("  {count}")
                    },
                    t.muted(),
                ),
            ]),
            AgendaLine::Entry(i, e) => {
                let selected = *i == view.index;
                let line = entry_line(e, selected, w, ctx);
                if selected {
                    line.patch_style(t.selected())
                } else {
                    line
                }
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(out), inner);
}

/// An entry in `w` columns: cursor, date, how far off, partner, campaign,
/// what (cut to fit, the end of the line first).
fn entry_line(e: &Entry, selected: bool, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let ell = ctx.sym.ellipsis();
    let today = app.today;
    let left = e.days_left(today);
    let (rel, rel_style) = match left {
        0 => ("today".to_string(), t.warning()),
        1 => ("tomorrow".to_string(), t.text()),
        n if n > 0 => (format!("in {n}d"), t.text()),
        n => (format!("{}d overdue", -n), t.error()),
    };
    let partner = p.partners.get(e.partner).map_or("", |x| x.name.as_str());
    let campaign = e
        .campaign
        .and_then(|c| p.campaigns.get(c))
        .map_or("", |c| c.name.as_str());
    // Partner and campaign columns grow with the width.
    let partner_w = (w / 6).clamp(10, 24);
    let campaign_w = (w / 5).clamp(12, 32);
    let (mark, what, what_style) = what_text(e, ctx);
    let mut spans = vec![
        Span::styled(
            if selected { ctx.sym.cursor() } else { " " }.to_string(),
            t.focus(),
        ),
        Span::styled(pad(&short(e.date, today), 7, ell), t.muted()),
        // 13 columns: "219d overdue" keeps a space before the partner.
        Span::styled(pad(&rel, 13, ell), rel_style),
        Span::raw(pad(partner, partner_w, ell)),
        Span::raw(" "),
        Span::styled(pad(campaign, campaign_w, ell), t.muted()),
        Span::raw(" "),
        Span::raw(mark),
    ];
    let used: usize = spans.iter().map(|s| width(&s.content)).sum();
    spans.push(Span::styled(
        cut(&what, w.saturating_sub(used), ell),
        what_style,
    ));
    Line::from(spans)
}

/// What an entry is about: a mark like the panes' (a milestone's status
/// icon, an item's check box; none for the rest), its words and their
/// style.
fn what_text(e: &Entry, ctx: &Ctx<'_>) -> (String, String, Style) {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let dot = ctx.sym.dot();
    match e.what {
        What::Milestone(id) => match p.milestones.get(id) {
            Some(m) => {
                let shown = m.shown_status(app.today);
                let mark = format!("{} ", ctx.sym.milestone(shown));
                match (&m.blocked_reason, shown) {
                    (Some(why), ShownStatus::Blocked) => {
                        (mark, format!("{} {dot} {why}", m.name), t.warning())
                    }
                    _ => (mark, m.name.clone(), t.text()),
                }
            }
            None => (String::new(), String::new(), t.text()),
        },
        What::Item(id) => match p.responsibilities.get(id) {
            Some(r) => {
                let owner = if r.owner.is_empty() {
                    r.side.key().to_string()
                } else {
                    r.owner.clone()
                };
                (
                    format!("{} ", ctx.sym.check(false)),
                    format!("{} {dot} {owner}", r.title),
                    t.text(),
                )
            }
            None => (String::new(), String::new(), t.text()),
        },
        What::Claim(id) => {
            let amount = p
                .requests
                .get(id)
                .map_or(String::new(), |r| p.currency.format(r.approved()));
            if e.days_left(app.today) < 0 {
                (
                    String::new(),
                    format!("MDF claim window closed, no claim ({amount})"),
                    t.error(),
                )
            } else {
                (
                    String::new(),
                    format!("MDF claim {amount} by then"),
                    t.text(),
                )
            }
        }
        What::Meeting(kind) => (String::new(), format!("{} due", kind.label()), t.text()),
    }
}
