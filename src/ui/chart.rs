//! The dashboard's column chart (sourced pipeline by launch month): one
//! bar per month, its amount on the row just above the bar, never on the
//! bar itself ("€1.8M" over "█████", not "€1.8M███"), and the month below.

use super::Ctx;
use super::text::{cut, width};
use crate::domain::Currency;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Block characters by eighths of a cell, from empty to full.
const EIGHTHS: [&str; 9] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];

/// One column: its label (the month) and its amount (≥ 0; below zero is
/// drawn as zero).
pub(super) struct Column {
    /// Under the bar, e.g. "Aug".
    pub label: String,
    /// The amount, in the database's currency.
    pub amount: Decimal,
}

/// Draws `columns` into `area`, left to right, each `bar_w` wide with one
/// blank column between bars. The top row holds the tallest bar's amount,
/// the bottom row the labels; bars are scaled to the largest amount, in
/// eighths of a cell (`#` in ASCII). An amount of zero has no bar and no
/// text. An amount too wide for its column drops the currency's mark
/// (the chart's title names the currency), then is cut.
pub(super) fn columns(
    buf: &mut Buffer,
    area: Rect,
    columns: &[Column],
    bar_w: u16,
    cur: Currency,
    ctx: &Ctx<'_>,
) {
    let t = ctx.theme;
    if area.height < 3 || bar_w == 0 {
        return;
    }
    let bars_h = area.height - 2;
    let label_y = area.y + area.height - 1;
    let max = columns
        .iter()
        .map(|c| c.amount)
        .fold(Decimal::ZERO, Decimal::max);
    let col_w = bar_w + 1;
    for (i, c) in columns.iter().enumerate() {
        let Some(x) = u16::try_from(i)
            .ok()
            .and_then(|i| i.checked_mul(col_w))
            .map(|dx| area.x.saturating_add(dx))
            .filter(|x| x.saturating_add(bar_w) <= area.right())
        else {
            break;
        };
        let label = cut(&c.label, usize::from(bar_w), ctx.sym.ellipsis());
        let lx = x + (bar_w.saturating_sub(width(&label) as u16)) / 2;
        buf.set_string(lx, label_y, &label, t.text());
        if c.amount <= Decimal::ZERO || max <= Decimal::ZERO {
            continue;
        }
        // Height in eighths of a cell, at least one eighth.
        let eighths = (c.amount * Decimal::from(bars_h) * Decimal::from(8) / max)
            .round()
            .to_u16()
            .unwrap_or(0)
            .clamp(1, bars_h * 8);
        let full = eighths / 8;
        let part = eighths % 8;
        let bottom = label_y - 1;
        for row in 0..full {
            let cell = if ctx.sym.is_ascii() { "#" } else { EIGHTHS[8] };
            buf.set_string(x, bottom - row, cell.repeat(usize::from(bar_w)), t.accent());
        }
        let cells = full + u16::from(part > 0);
        if part > 0 {
            let cell = if ctx.sym.is_ascii() {
                "#"
            } else {
                EIGHTHS[usize::from(part)]
            };
            buf.set_string(
                x,
                bottom - full,
                cell.repeat(usize::from(bar_w)),
                t.accent(),
            );
        }
        // The amount on the row above the bar's top cell.
        let text_y = bottom - cells;
        let mut text = cur.format_short(c.amount);
        if width(&text) > usize::from(col_w) {
            text = text.replacen(cur.mark(), "", 1).trim().to_string();
        }
        let text = cut(&text, usize::from(col_w), ctx.sym.ellipsis());
        let tx = x + (bar_w.saturating_sub(width(&text) as u16)) / 2;
        buf.set_string(tx, text_y, &text, t.text());
    }
}
