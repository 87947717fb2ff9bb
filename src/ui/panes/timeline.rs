//! The Timeline pane: campaigns, their milestones, the today rule and results.

use super::{Ctx, severity_mark, split_line};
use crate::domain::dates::short;
use crate::domain::*;
use crate::ui::text::width;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

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

/// A campaign row: fold mark, name, type, status, dates, findings mark.
pub(super) fn campaign(id: CampaignId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let today = app.today;
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

/// A milestone row: status symbol, name, blocked reason, due or done date.
pub(super) fn milestone(id: MilestoneId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let today = app.today;
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

/// The "today" rule between past and future milestones.
pub(super) fn today_rule(w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let t = ctx.theme;
    let today = app.today;
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

/// A campaign's results line (leads, MQLs, pipeline) or how to enter them.
pub(super) fn results(id: CampaignId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
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
