//! The bottom of the screen: the findings strip (counts, and the findings
//! of the selection with what to do), the status line, and the hint bar
//! generated from the keymap.

use super::Ctx;
use super::text::{cut, width, wrap};
use crate::app::{Mode, StatusKind};
use crate::domain::guardrails::Severity;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let t = ctx.theme;
    let w = usize::from(area.width);
    let ell = ctx.sym.ellipsis();
    let mut lines: Vec<Line<'static>> = Vec::new();
    // Status line (or the filter being typed). A status longer than the
    // screen is wide takes a second line from the findings strip, so its
    // reason is never cut off.
    let status: Vec<Line<'static>> = match &app.mode {
        Mode::Filter(f) => vec![Line::from(vec![
            Span::styled(format!("Filter {}: ", f.pane.title()), t.accent()),
            Span::raw(f.text()),
            Span::styled("▏", t.accent()),
        ])],
        _ => match &app.status {
            Some(s) => {
                // A symbol says the kind too: colour never carries it alone.
                let (prefix, style) = match s.kind {
                    StatusKind::Info => ("", t.text()),
                    StatusKind::Saved => (ctx.sym.ok(), t.good()),
                    StatusKind::Warning => (ctx.sym.warning(), t.warning()),
                    StatusKind::Error => (ctx.sym.error(), t.error()),
                };
                let text = if prefix.is_empty() {
                    ctx.sym.text(&s.text)
                } else {
                    format!("{prefix} {}", ctx.sym.text(&s.text))
                };
                status_lines(&text, w, ell)
                    .into_iter()
                    .map(|l| Line::styled(l, style))
                    .collect()
            }
            // A standing warning (a database others can read) stays until
            // it is fixed, whenever no other message is there.
            None => match app.standing_warning() {
                Some(text) => vec![Line::styled(
                    cut(&format!("{} {text}", ctx.sym.warning()), w, ell),
                    t.warning(),
                )],
                None => vec![Line::raw("")],
            },
        },
    };
    let findings_lines = usize::from(area.height.saturating_sub(1))
        .saturating_sub(status.len())
        .max(1);

    // Findings strip.
    // "…" while the background pass derives partners' summaries (issue
    // 13, item 1).
    let known = app.counts();
    let (errors, warnings) = known.unwrap_or_default();
    let figure = |n: usize| match known {
        // Grouped as the findings list counts them ("1,112").
        Some(_) => crate::domain::money::format_count(i64::try_from(n).unwrap_or(i64::MAX)),
        None => ctx.sym.pending().to_string(),
    };
    let counts = vec![
        Span::styled(
            format!("{} {} ", ctx.sym.error(), figure(errors)),
            if errors > 0 { t.error() } else { t.muted() },
        ),
        Span::styled(
            if errors == 1 {
                "error  ".to_string()
            } else {
                "errors  ".to_string()
            },
            t.muted(),
        ),
        Span::styled(
            format!("{} {} ", ctx.sym.warning(), figure(warnings)),
            if warnings > 0 { t.warning() } else { t.muted() },
        ),
        Span::styled(
            if warnings == 1 {
                "warning".to_string()
            } else {
                "warnings".to_string()
            },
            t.muted(),
        ),
        Span::raw(" │ ".replace('│', if ctx.sym.is_ascii() { "|" } else { "│" })),
    ];
    let counts_w: usize = counts.iter().map(|s| width(&s.content)).sum();
    let selection = if app.is_welcome() {
        Vec::new()
    } else {
        app.selection_findings()
    };
    let subject = if app.selected_campaign().is_some() {
        "this campaign"
    } else {
        "this partner"
    };
    if selection.is_empty() {
        let mut first = counts.clone();
        if !app.is_welcome() {
            first.push(Span::styled(
                format!("No findings for {subject}."),
                t.good(),
            ));
        }
        lines.push(Line::from(first));
    } else {
        // Lines the findings shown do not need go to the messages cut
        // short, in order: a message wraps onto them rather than be cut
        // while a line stays empty.
        let mut spare = findings_lines.saturating_sub(selection.len());
        for (i, f) in selection.iter().enumerate() {
            if lines.len() >= findings_lines {
                break;
            }
            let last_slot = lines.len() + 1 == findings_lines;
            let remaining = selection.len() - i;
            let (mark, style) = match f.severity {
                Severity::Error => (ctx.sym.error(), t.error()),
                Severity::Warning => (ctx.sym.warning(), t.warning()),
            };
            let mut spans = if lines.is_empty() {
                counts.clone()
            } else {
                vec![Span::raw(" ".repeat(counts_w))]
            };
            let more = if last_slot && remaining > 1 {
                format!(
                    " (+{} more: {} lists all)",
                    remaining - 1,
                    app.keymap.key_label(crate::app::Action::Findings)
                )
            } else {
                String::new()
            };
            spans.push(Span::styled(format!("{mark} {} ", f.rule.key()), style));
            let indent = counts_w + width(mark) + 2 + width(f.rule.key());
            let room = w.saturating_sub(indent + width(&more));
            let mut rows = wrap(&f.message, room.max(1));
            let fits = if more.is_empty() { 1 + spare } else { 1 };
            if rows.len() > fits {
                let rest = rows.split_off(fits - 1).join(" ");
                rows.push(cut(&rest, room, ell));
            }
            spare -= rows.len().saturating_sub(1);
            let mut rows = rows.into_iter();
            spans.push(Span::raw(rows.next().unwrap_or_default()));
            spans.push(Span::styled(more, t.muted()));
            lines.push(Line::from(spans));
            for row in rows {
                lines.push(Line::raw(format!("{}{row}", " ".repeat(indent))));
            }
        }
    }
    while lines.len() < findings_lines {
        lines.push(Line::raw(""));
    }

    lines.extend(status);

    // Hint bar: as many hints as fit, in their order; the kept ones (undo,
    // help, a form's save) and the last (the way out) always stay.
    let hints = app.hints();
    let hint_w = |h: &crate::app::keytable::Hint| width(&h.key) + 1 + width(&h.label) + 2;
    let kept = |i: usize, h: &crate::app::keytable::Hint| h.keep || i + 1 == hints.len();
    let mut room = w.saturating_sub(
        hints
            .iter()
            .enumerate()
            .filter(|(i, h)| kept(*i, h))
            .map(|(_, h)| hint_w(h))
            .sum(),
    );
    let mut shown: Vec<&crate::app::keytable::Hint> = Vec::new();
    for (i, h) in hints.iter().enumerate() {
        if kept(i, h) {
            shown.push(h);
        } else if hint_w(h) <= room {
            room -= hint_w(h);
            shown.push(h);
        }
    }
    let mut spans = Vec::new();
    for h in shown {
        spans.push(Span::styled(h.key.clone(), t.key()));
        spans.push(Span::raw(format!(" {}  ", h.label)));
    }
    lines.push(Line::from(spans));
    frame.render_widget(Paragraph::new(lines), area);
}

/// A status text in at most two lines of `w` columns: one when it fits,
/// else wrapped at words, the second line cut (with `ell`) if still
/// longer.
fn status_lines(text: &str, w: usize, ell: &str) -> Vec<String> {
    if width(text) <= w {
        return vec![text.to_string()];
    }
    let wrapped = wrap(text, w);
    let (first, rest) = wrapped
        .split_first()
        .map_or(("", &[][..]), |(f, r)| (f.as_str(), r));
    vec![first.to_string(), cut(&rest.join(" "), w, ell)]
}

#[cfg(test)]
mod tests {
    use super::status_lines;

    #[test]
    fn a_long_status_takes_two_lines_and_keeps_its_reason() {
        let text = "✖ Could not load the example plan: the example plan is in USD and this database counts in EUR: load it into a new database";
        let lines = status_lines(text, 80, "…");
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| super::width(l) <= 80), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(status_lines("Saved", 80, "…"), vec!["Saved"]);
        let long = "word ".repeat(60);
        let cut = status_lines(long.trim(), 80, "…");
        assert!(cut[1].ends_with('…'), "{cut:?}");
    }
}
