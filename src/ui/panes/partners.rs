//! The Partners pane: one row per partner with its findings mark, readiness, tier and active campaigns.

use super::{Ctx, severity_mark};
use crate::domain::*;
use crate::ui::text::{pad, right};
use ratatui::text::{Line, Span};

/// The Partners pane's columns at width `w`: tier width, active-count
/// width and heading. Narrow panes abbreviate.
pub(super) fn partner_columns(w: usize) -> (usize, usize, &'static str) {
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

/// The column header line above the partner rows.
pub(super) fn partner_header(w: usize, ctx: &Ctx<'_>) -> Line<'static> {
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

/// A partner row `w` columns wide.
pub(super) fn partner(id: PartnerId, w: usize, ctx: &Ctx<'_>) -> Line<'static> {
    let app = ctx.app;
    let p = &app.program;
    let t = ctx.theme;
    let ell = ctx.sym.ellipsis();
    let Some(pt) = p.partners.get(id) else {
        return Line::raw("");
    };
    let (tier_w, active_w, _) = partner_columns(w + 1);
    let name_w = w.saturating_sub(2 + tier_w + active_w);
    // Held partners' marks are derived; the others' are stored, or "…"
    // until the background pass derives them (issue 13, item 1).
    let marks = app.partner_marks(id);
    let active = marks.map_or(0, |m| m.active);
    let worst = marks.and_then(|m| m.worst());
    Line::from(vec![
        match marks {
            Some(_) => severity_mark(worst, ctx),
            None => Span::styled(ctx.sym.pending(), t.muted()),
        },
        // Readiness (issue 5): ● ready, ○ something missing.
        match marks.map(|m| m.ready) {
            Some(true) => Span::styled(ctx.sym.ready(true), t.good()),
            Some(false) => Span::styled(ctx.sym.ready(false), t.warning()),
            None => Span::raw(" "),
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
            right(
                &marks.map_or(ctx.sym.pending().to_string(), |_| active.to_string()),
                active_w,
                ell,
            ),
            if active > app.config.guardrails.max_active_campaigns {
                t.error()
            } else {
                t.text()
            },
        ),
    ])
}
