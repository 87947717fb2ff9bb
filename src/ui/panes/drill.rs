//! The MDF pane drilled into a fund or a request: title, balances, headings, proof and expenses.

use super::mdf::{claim_window_span, with_window};
use super::{Ctx, split_line};
use crate::app::view::{Balance, Drill, Heading};
use crate::domain::dates::short;
use crate::domain::money::format_percent;
use crate::domain::*;
use ratatui::text::{Line, Span};

/// The border title of a drill-down: what is shown, with the claim window.
pub(super) fn drill_title(w: usize, ctx: &Ctx<'_>) -> Line<'static> {
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

/// A balance line of the drilled fund or request.
pub(super) fn balance_line(b: Balance, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
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

/// A section heading of a drilled request (requests, proof, expenses, claims).
pub(super) fn heading_line(h: Heading, ctx: &Ctx<'_>) -> Line<'static> {
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

/// One required proof kind of the drilled request, on file or missing.
pub(super) fn proof_line(i: usize, ctx: &Ctx<'_>) -> Line<'static> {
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

/// An expense row: date, category, vendor, hold or cap, amount.
pub(super) fn expense_line(id: ExpenseId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
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
