//! The bottom of the screen: the findings strip (counts, and the findings
//! of the selection with what to do), the status line, and the hint bar
//! generated from the keymap.

use super::Ctx;
use super::text::{cut, width};
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
    let findings_lines = usize::from(area.height.saturating_sub(2));
    let mut lines: Vec<Line<'static>> = Vec::new();

    // Findings strip.
    let (errors, warnings) = app.derived.counts();
    let counts = vec![
        Span::styled(
            format!("{} {errors} ", ctx.sym.error()),
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
            format!("{} {warnings} ", ctx.sym.warning()),
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
        for (i, f) in selection.iter().enumerate().take(findings_lines) {
            let last_slot = i + 1 == findings_lines;
            let remaining = selection.len() - i;
            let (mark, style) = match f.severity {
                Severity::Error => (ctx.sym.error(), t.error()),
                Severity::Warning => (ctx.sym.warning(), t.warning()),
            };
            let mut spans = if i == 0 {
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
            let room =
                w.saturating_sub(counts_w + width(mark) + 2 + width(f.rule.key()) + width(&more));
            spans.push(Span::raw(cut(&f.message, room, ell)));
            spans.push(Span::styled(more, t.muted()));
            lines.push(Line::from(spans));
        }
    }
    while lines.len() < findings_lines {
        lines.push(Line::raw(""));
    }

    // Status line (or the filter being typed).
    let status = match &app.mode {
        Mode::Filter { pane, area } => Line::from(vec![
            Span::styled(format!("Filter {}: ", pane.title()), t.accent()),
            Span::raw(area.lines().first().cloned().unwrap_or_default()),
            Span::styled("▏", t.accent()),
        ]),
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
                    s.text.clone()
                } else {
                    format!("{prefix} {}", s.text)
                };
                Line::styled(cut(&text, w, ell), style)
            }
            // A standing warning (a database others can read) stays until
            // it is fixed, whenever no other message is there.
            None => match app.standing_warning() {
                Some(text) => Line::styled(
                    cut(&format!("{} {text}", ctx.sym.warning()), w, ell),
                    t.warning(),
                ),
                None => Line::raw(""),
            },
        },
    };
    lines.push(status);

    // Hint bar: as many hints as fit, but the last two (help, quit) always
    // stay, so a user can always find the keys.
    let hints = app.hints();
    let hint_w = |h: &crate::app::hints::Hint| width(&h.key) + 1 + width(&h.label) + 2;
    let keep = if matches!(app.mode, Mode::Normal) {
        hints.len().min(2)
    } else {
        0
    };
    let (head, tail) = hints.split_at(hints.len() - keep);
    let mut room = w.saturating_sub(tail.iter().map(hint_w).sum());
    let mut shown: Vec<&crate::app::hints::Hint> = Vec::new();
    for h in head {
        if hint_w(h) > room {
            break;
        }
        room -= hint_w(h);
        shown.push(h);
    }
    shown.extend(tail);
    let mut spans = Vec::new();
    for h in shown {
        spans.push(Span::styled(h.key.clone(), t.key()));
        spans.push(Span::raw(format!(" {}  ", h.label)));
    }
    lines.push(Line::from(spans));
    frame.render_widget(Paragraph::new(lines), area);
}
