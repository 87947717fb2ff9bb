//! The MDF pane's rows: funds, campaign money, requests and claims with their claim windows.

use super::{Ctx, severity_mark, split_line};
use crate::app::view::{Drill, MoneyLine, Row};
use crate::domain::dates::short;
use crate::domain::money::{format_multiple, format_percent};
use crate::domain::program::ClaimWindow;
use crate::domain::*;
use crate::ui::text::width;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// The funds heading with the partner's fund count.
pub(super) fn funds_header(ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
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

/// A fund row: name, period end, allocated and left.
pub(super) fn fund(id: FundId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let today = app.today;
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

/// A campaign's budget or internal cost row (`row` is `Row::Budget` or `Row::InternalCost`).
pub(super) fn cost(row: Row, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let (Row::Budget(id) | Row::InternalCost(id)) = row else {
        return Line::raw("");
    };
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let p = &app.program;
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

/// The campaign's CRM id, if it has one (blank counts as none, as in G8).
fn crm_id(c: &Campaign) -> Option<&str> {
    c.crm_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
}

/// The CRM heading of the selected campaign ("Salesforce"): "linked" when it has a CRM
/// id, else "not in the CRM yet (G8)" with G8's mark (a cancelled campaign,
/// which G8 leaves alone, says only "not in the CRM").
pub(super) fn crm_heading(id: CampaignId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let t = ctx.theme;
    let Some(c) = app.program.campaigns.get(id) else {
        return Line::raw("");
    };
    let right = if crm_id(c).is_some() {
        vec![
            Span::styled("linked".to_string(), t.good()),
            Span::raw(" "),
            severity_mark(None, ctx),
        ]
    } else {
        let g8 = app
            .derived
            .findings_of(c.partner_id)
            .iter()
            .find(|f| f.campaign_id == Some(c.id) && f.rule == guardrails::Rule::G8)
            .map(|f| f.severity);
        let (text, style) = match g8 {
            Some(guardrails::Severity::Error) => ("not in the CRM yet (G8)", t.error()),
            Some(guardrails::Severity::Warning) => ("not in the CRM yet (G8)", t.warning()),
            None => ("not in the CRM", t.muted()),
        };
        vec![
            Span::styled(text.to_string(), style),
            Span::raw(" "),
            severity_mark(g8, ctx),
        ]
    };
    split_line(
        vec![Span::styled("Salesforce".to_string(), t.header())],
        right,
        w,
        ctx,
    )
}

/// The selected campaign's CRM record: the Salesforce Campaign `Name` it
/// has or should have ("Partner: X - Y", from the export's mapping) and its
/// Id, or "no Id" (type it in the campaign form: Timeline → e).
pub(super) fn crm_record(id: CampaignId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let Some(c) = p.campaigns.get(id) else {
        return Line::raw("");
    };
    let partner = p.partners.get(c.partner_id).map_or("", |p| p.name.as_str());
    let name = crate::crm::salesforce::mapping::campaign_name(partner, &c.name);
    let right = match crm_id(c) {
        Some(crm) => Span::raw(crm.to_string()),
        None => Span::styled("no Id".to_string(), t.muted()),
    };
    split_line(
        vec![Span::raw(format!("  {name}"))],
        vec![right, Span::raw("  ")],
        w,
        ctx,
    )
}

/// An MDF request row: status, fund or campaign, reason, amount, claim window.
pub(super) fn request(id: RequestId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
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

/// A claim row: status, dates, note, amount and whether it met its window.
pub(super) fn claim(id: ClaimId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let cur = ctx.app.program.currency;
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let today = app.today;
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
        (_, Some(on), Some((win @ ClaimWindow::Claimed { .. }, _))) if on > win.deadline() => {
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
        let note = crate::ui::text::first_line(note, ctx.sym.ellipsis());
        left.push(Span::styled(
            format!(" {} {note}", ctx.sym.dot()),
            t.muted(),
        ));
    }
    split_line(left, right, w, ctx)
}

/// A claim window in two lengths, for wide and narrow rows.
pub(super) struct WindowText {
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
pub(super) fn with_window(
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
pub(super) fn claim_window_span(request: RequestId, ctx: &Ctx<'_>) -> Option<WindowText> {
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

/// A line of the campaign money block (cost, MDF figures, ROI).
pub(super) fn money_line(line: MoneyLine, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
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
