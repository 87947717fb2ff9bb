//! Pop-ups drawn over the main screen: help, forms, confirm, prompt,
//! menu, history (the findings list: [`super::findings`]).

use super::text::{cut, pad, width, wrap};
use super::{Ctx, centered};
use crate::app::Mode;
use crate::app::form::Input;
use crate::app::forms::OpenForm;
use crate::app::view::Scrolling;
use crate::app::views::Cmd;
use crate::app::views::form::Act as FormAct;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, mode: &Mode, ctx: &Ctx<'_>) {
    match mode {
        Mode::Help(h) => help(frame, area, h.scroll, ctx),
        Mode::Findings(f) => super::findings::draw(frame, area, f.index, ctx),
        Mode::Form(open) => form(frame, area, open, ctx),
        Mode::Profile(_) | Mode::Plan(_) | Mode::Agenda(_) | Mode::CrmImport(_) => {}
        Mode::Capture(c) => super::capture::draw(frame, area, c, ctx),
        Mode::Confirm(c) => {
            use crate::app::views::{Cmd, confirm::Act};
            let t = ctx.theme;
            let (title, yes) = match c.then {
                crate::app::Confirmed::Delete(_) | crate::app::Confirmed::DeleteTouch(_) => {
                    (" Delete? ", " delete   ")
                }
                crate::app::Confirmed::GoLive(_) => (" Go live? ", " go live   "),
                crate::app::Confirmed::Archive(_) => (" Archive? ", " yes   "),
                crate::app::Confirmed::Unlink(_) => (" Take out of the plan? ", " take out   "),
                crate::app::Confirmed::Undo => (" Undo? ", " undo   "),
                crate::app::Confirmed::Redo => (" Redo? ", " redo   "),
            };
            // The keys as the confirm view's table binds them.
            let keys = &ctx.app.keys.confirm;
            let no: Vec<String> = keys
                .keys_for(Cmd::Own(Act::No))
                .iter()
                .take(2)
                .map(ToString::to_string)
                .collect();
            let r = centered(area, 72, 8);
            let lines = vec![
                Line::raw(ctx.sym.text(&c.message)),
                Line::raw(""),
                Line::from(vec![
                    Span::styled(keys.key_label(Cmd::Own(Act::Yes)), t.key()),
                    Span::raw(yes),
                    Span::styled(no.join("/"), t.key()),
                    Span::raw(" keep"),
                ]),
            ];
            boxed(
                frame,
                r,
                title,
                ctx,
                Paragraph::new(lines).wrap(Wrap { trim: true }),
            );
        }
        Mode::Prompt(prompt) => {
            use crate::app::views::{Cmd, prompt::Act};
            let (title, input, error) = (&prompt.title, &prompt.area, &prompt.error);
            let t = ctx.theme;
            let r = centered(area, 64, 6);
            frame.render_widget(Clear, r);
            let block = block(" Answer ", ctx);
            let inner = block.inner(r);
            frame.render_widget(block, r);
            frame.render_widget(
                Paragraph::new(Line::styled(title.clone(), t.title())),
                Rect { height: 1, ..inner },
            );
            if inner.height > 1 {
                frame.render_widget(
                    &**input,
                    Rect {
                        y: inner.y + 1,
                        height: 1,
                        ..inner
                    },
                );
            }
            if inner.height > 2 {
                let msg = match error {
                    Some(e) => Line::styled(e.clone(), t.error()),
                    None => {
                        let keys = &ctx.app.keys.prompt;
                        Line::styled(
                            format!(
                                "{} {} · {} cancels",
                                keys.key_label(Cmd::Own(Act::Save)),
                                prompt.purpose.verb(),
                                keys.key_label(Cmd::Close)
                            ),
                            t.muted(),
                        )
                    }
                };
                // A long error (a located file problem) wraps below.
                frame.render_widget(
                    Paragraph::new(msg).wrap(Wrap { trim: false }),
                    Rect {
                        y: inner.y + 2,
                        height: inner.height - 2,
                        ..inner
                    },
                );
            }
        }
        Mode::Menu(menu) => {
            let (title, options) = (&menu.title, &menu.options);
            let cancel = ctx.app.keys.menu.key_label(crate::app::views::Cmd::Close);
            let t = ctx.theme;
            // As wide as its longest option (at least 56 columns), so a
            // campaign's status and launch date are not cut off; on a
            // screen too narrow for that an option ends with an ellipsis.
            let widest = options
                .iter()
                .map(|(k, label, _)| width(&format!(" {k}  {label} ")))
                .chain([width(title) + 4])
                .max()
                .unwrap_or(0);
            let r = centered(
                area,
                u16::try_from(widest + 2).unwrap_or(u16::MAX).max(56),
                options.len() as u16 + 3,
            );
            let room = usize::from(r.width.saturating_sub(2));
            let mut lines: Vec<Line<'static>> = options
                .iter()
                .map(|(k, label, _)| {
                    let key = format!(" {k}  ");
                    let label = cut(label, room.saturating_sub(width(&key)), ctx.sym.ellipsis());
                    Line::from(vec![Span::styled(key, t.key()), Span::raw(label)])
                })
                .collect();
            lines.push(Line::styled(format!(" {cancel}  cancel"), t.muted()));
            boxed(frame, r, &format!(" {title} "), ctx, Paragraph::new(lines));
        }
        Mode::Notice(notice) => {
            let (title, lines, action) = (&notice.title, &notice.lines, &notice.action);
            let close = ctx.app.keys.notice.key_label(crate::app::views::Cmd::Close);
            let t = ctx.theme;
            let mut body: Vec<Line<'static>> = lines
                .iter()
                .map(|l| {
                    Line::from(vec![
                        Span::styled(format!(" {} ", ctx.sym.error()), t.error()),
                        Span::raw(ctx.sym.text(l)),
                    ])
                })
                .collect();
            body.push(Line::raw(""));
            if let Some((k, label, _)) = action {
                body.push(Line::from(vec![
                    Span::styled(format!(" {k}  "), t.key()),
                    Span::raw(label.clone()),
                ]));
            }
            body.push(Line::styled(format!(" {close}  close"), t.muted()));
            // Long lines wrap: count the rows they take at the box's width
            // (word wrapping may take a row more; one spare row is kept).
            let inner = usize::from(96.min(area.width.saturating_sub(2)).saturating_sub(2)).max(1);
            let rows: usize = body
                .iter()
                .map(|l| {
                    let w: usize = l.spans.iter().map(|s| width(&s.content)).sum();
                    w.div_ceil(inner).max(1)
                })
                .sum();
            let r = centered(
                area,
                96,
                u16::try_from(rows + 3)
                    .unwrap_or(u16::MAX)
                    .clamp(5, area.height.saturating_sub(4).max(5)),
            );
            boxed(
                frame,
                r,
                &format!(" {title} "),
                ctx,
                Paragraph::new(body).wrap(Wrap { trim: false }),
            );
        }
        Mode::History(history) => {
            let (title, lines, scroll) = (&history.title, &history.lines, &history.scroll);
            let r = history_rect(area, lines.len());
            let room = history_scrolling(area, lines.len());
            let body: Vec<Line<'static>> = if lines.is_empty() {
                vec![Line::styled("No recorded changes.", ctx.theme.muted())]
            } else {
                lines
                    .iter()
                    .skip((*scroll).min(room.max))
                    .map(|l| Line::raw(ctx.sym.text(l)))
                    .collect()
            };
            boxed(
                frame,
                r,
                &format!(" {title} (newest first) "),
                ctx,
                Paragraph::new(body),
            );
        }
        Mode::Results(r) => {
            super::reports::results(frame, area, r, ctx);
        }
        Mode::Dashboard(d) => {
            super::reports::dashboard(frame, area, d, ctx);
        }
        Mode::Pipeline(p) => super::pipeline::pipeline(frame, area, p, ctx),
        Mode::Journey(j) => super::pipeline::journey(frame, area, j, ctx),
        Mode::Jump(j) => super::jump::draw(frame, area, j, ctx),
        Mode::Normal | Mode::Filter(_) => {}
    }
}

pub(super) fn block(title: &str, ctx: &Ctx<'_>) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(ctx.sym.border(true))
        .border_style(ctx.theme.focus())
        .title(Span::styled(title.to_string(), ctx.theme.focus()))
}

fn boxed(frame: &mut Frame<'_>, r: Rect, title: &str, ctx: &Ctx<'_>, body: Paragraph<'static>) {
    frame.render_widget(Clear, r);
    frame.render_widget(body.block(block(title, ctx)), r);
}

/// The help box in `area`, its lines and how many of them show.
fn help_layout(area: Rect, ctx: &Ctx<'_>) -> (Rect, Vec<Line<'static>>, usize) {
    let r = centered(area, 84, area.height.saturating_sub(4));
    let lines = help_lines(ctx, usize::from(r.width.saturating_sub(2)));
    let visible = usize::from(r.height.saturating_sub(2));
    (r, lines, visible)
}

/// How far the help overlay scrolls in `area`.
pub(super) fn help_scrolling(area: Rect, ctx: &Ctx<'_>) -> Scrolling {
    let (_, lines, visible) = help_layout(area, ctx);
    Scrolling {
        max: lines.len().saturating_sub(visible),
        page: visible,
    }
}

/// The history box in `area` for `n` lines.
fn history_rect(area: Rect, n: usize) -> Rect {
    centered(
        area,
        90,
        u16::try_from(n + 2)
            .unwrap_or(u16::MAX)
            .clamp(5, area.height.saturating_sub(4).max(5)),
    )
}

/// How far a history of `n` lines scrolls in `area`.
pub(super) fn history_scrolling(area: Rect, n: usize) -> Scrolling {
    let visible = usize::from(history_rect(area, n).height.saturating_sub(2));
    Scrolling {
        max: n.saturating_sub(visible),
        page: visible,
    }
}

fn help(frame: &mut Frame<'_>, area: Rect, scroll: usize, ctx: &Ctx<'_>) {
    let (r, lines, visible) = help_layout(area, ctx);
    let scroll = scroll.min(lines.len().saturating_sub(visible));
    let body: Vec<_> = lines.into_iter().skip(scroll).collect();
    // The help view's own keys, as its table binds them.
    use crate::app::views::{Cmd, Move};
    let keys = &ctx.app.keys.help;
    let title = format!(
        " Help: keys ({}/{} scroll, {} closes) ",
        keys.key_label(Cmd::Move(Move::Up)),
        keys.key_label(Cmd::Move(Move::Down)),
        keys.key_label(Cmd::Close),
    );
    boxed(frame, r, &title, ctx, Paragraph::new(body));
}

/// The help overlay's lines for an inner width of `inner_w` columns: the
/// key column as wide as the widest keys (at most 22), each description
/// wrapped under itself so none is cut off.
fn help_lines(ctx: &Ctx<'_>, inner_w: usize) -> Vec<Line<'static>> {
    let t = ctx.theme;
    let sections = ctx.app.help();
    let key_w = sections
        .iter()
        .flat_map(|s| s.lines.iter().map(|(k, _)| width(k)))
        .max()
        .unwrap_or(0)
        .min(22);
    let indent = 2 + key_w + 2;
    let text_w = inner_w.saturating_sub(indent).max(20);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for section in sections {
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(section.title, t.header()));
        for (keys, what) in section.lines {
            let mut parts = wrap(&what, text_w).into_iter();
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {}  ", pad(&keys, key_w, ctx.sym.ellipsis())),
                    t.key(),
                ),
                Span::raw(parts.next().unwrap_or_default()),
            ]));
            lines.extend(parts.map(|more| Line::raw(format!("{}{more}", " ".repeat(indent)))));
        }
    }
    lines.push(Line::raw(""));
    // The config section of the view the help is about.
    let view = match ctx.app.back.last() {
        Some(under) => format!(", or [keys.{}] for this view only", under.name()),
        None => String::new(),
    };
    lines.extend(
        wrap(
            &format!(
                "Keys can be changed in the config file's [keys] table{view} (see the README)."
            ),
            inner_w,
        )
        .into_iter()
        .map(|l| Line::styled(l, t.muted())),
    );
    lines
}

/// The most rows a long text field takes in a form; its editor scrolls
/// beyond.
const LONG_ROWS: usize = 4;

/// A row of the form pop-up, for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormRow {
    /// The field's first row: label and input.
    Field,
    /// A further row of a long text field (its line `k`).
    More(usize),
    /// The field's error.
    Error,
}

/// The rows of a text field's text in `cols` columns: a long text field's
/// lines wrapped (as its editor wraps them), else its one line. The form
/// shows up to [`LONG_ROWS`] of them.
fn field_rows(f: &crate::app::form::Field, cols: usize) -> Vec<String> {
    match &f.input {
        Input::Text { area, .. } if f.long => area
            .lines()
            .iter()
            .flat_map(|l| {
                let rows = crate::ui::text::wrap(l, cols);
                if rows.is_empty() {
                    vec![String::new()]
                } else {
                    rows
                }
            })
            .collect(),
        Input::Text { area, .. } => vec![area.lines().first().cloned().unwrap_or_default()],
        _ => vec![String::new()],
    }
}

/// Line `k` of a text shown on `shown` rows; the last row shown ends in
/// `ellipsis` when lines follow that do not show.
fn more_marked(lines: &[String], k: usize, shown: usize, ellipsis: &str) -> String {
    let line = lines.get(k).cloned().unwrap_or_default();
    if k + 1 == shown && lines.len() > shown {
        format!("{line} {ellipsis}")
    } else {
        line
    }
}

/// A form pop-up. After a save was refused because the record changed
/// underneath, Esc reloads instead of cancelling, and Enter saves the
/// user's fields over theirs when fields clashed.
fn form(frame: &mut Frame<'_>, area: Rect, open: &OpenForm, ctx: &Ctx<'_>) {
    let form = &open.form;
    let after_conflict = open.theirs.is_some();
    let clash = open.theirs.as_ref().is_some_and(|u| !u.columns.is_empty());
    let t = ctx.theme;
    let label_w: usize = 24;
    // Every field takes one line (a long text field one per line of its
    // text, up to LONG_ROWS), plus one for its error.
    // The input column's width (the pop-up's, as `centered` makes it).
    let input_w = usize::from(area.width.saturating_sub(2).min(78).max(10.min(area.width)))
        .saturating_sub(2 + label_w + 1);
    let mut rows: Vec<(usize, FormRow)> = Vec::new();
    for (i, f) in form.fields.iter().enumerate() {
        rows.push((i, FormRow::Field));
        for k in 1..field_rows(f, input_w).len().clamp(1, LONG_ROWS) {
            rows.push((i, FormRow::More(k)));
        }
        if f.error.is_some() {
            rows.push((i, FormRow::Error));
        }
    }
    let footer = 3u16;
    // A conflict or reload message sits at the top (issue 10, item 1).
    let notice = form
        .conflict
        .as_deref()
        .map(|text| {
            crate::ui::text::wrap(
                text,
                usize::from(area.width.saturating_sub(2).min(78).saturating_sub(2)),
            )
        })
        .unwrap_or_default();
    let notice_h = notice.len().min(5) as u16;
    let want_h = rows.len() as u16 + footer + 2 + notice_h;
    let r = centered(area, 78, want_h);
    frame.render_widget(Clear, r);
    let block = block(&format!(" {} ", form.title), ctx);
    let mut inner = block.inner(r);
    frame.render_widget(block, r);
    if notice_h > 0 {
        let lines: Vec<Line<'_>> = notice
            .iter()
            .take(usize::from(notice_h))
            .map(|l| Line::styled(l.clone(), t.warning()))
            .collect();
        let h = notice_h.min(inner.height.saturating_sub(footer + 1));
        frame.render_widget(
            Paragraph::new(lines),
            Rect::new(inner.x, inner.y, inner.width, h),
        );
        inner.y += h;
        inner.height -= h;
    }
    let body_h = usize::from(inner.height.saturating_sub(footer));
    let focus_line = rows.iter().position(|(i, _)| *i == form.focus).unwrap_or(0);
    let focus_end = rows
        .iter()
        .rposition(|(i, _)| *i == form.focus)
        .unwrap_or(focus_line);
    let offset = (focus_end + 1).saturating_sub(body_h).min(focus_line);
    for (n, (i, row)) in rows.iter().enumerate().skip(offset).take(body_h) {
        let y = inner.y + (n - offset) as u16;
        let f = &form.fields[*i];
        let focused = *i == form.focus;
        let wrapped = field_rows(f, input_w);
        let shown = wrapped.len().clamp(1, LONG_ROWS);
        // The rows of a long field below its first: the focused one's
        // editor covers them; an unfocused one shows its next lines.
        if let FormRow::More(k) = row {
            if !focused {
                let line = more_marked(&wrapped, *k, shown, ctx.sym.ellipsis());
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        cut(&line, input_w, ctx.sym.ellipsis()),
                        t.text(),
                    )),
                    Rect::new(inner.x + label_w as u16 + 1, y, input_w as u16, 1),
                );
            }
            continue;
        }
        if *row == FormRow::Error {
            let msg = f.error.clone().unwrap_or_default();
            let mark = ctx.sym.error();
            frame.render_widget(
                Paragraph::new(Line::styled(
                    cut(
                        &format!("   {mark} {msg}"),
                        usize::from(inner.width),
                        ctx.sym.ellipsis(),
                    ),
                    t.error(),
                )),
                Rect::new(inner.x, y, inner.width, 1),
            );
            continue;
        }
        let label_style = if focused { t.focus() } else { t.text() };
        let cursor = if focused { ctx.sym.cursor() } else { " " };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(cursor, t.focus()),
                Span::styled(pad(f.label, label_w, ctx.sym.ellipsis()), label_style),
            ])),
            Rect::new(inner.x, y, (label_w + 1) as u16, 1),
        );
        let input_rect = Rect::new(inner.x + label_w as u16 + 1, y, input_w as u16, 1);
        match &f.input {
            Input::Text { area: text, .. } => {
                if focused {
                    // The editor on all the field's rows that are on screen.
                    let bottom = (inner.y + body_h as u16).saturating_sub(y);
                    let h = (shown as u16).min(bottom).max(1);
                    frame.render_widget(
                        &**text,
                        Rect {
                            height: h,
                            ..input_rect
                        },
                    );
                } else {
                    let value = more_marked(&wrapped, 0, shown, ctx.sym.ellipsis());
                    let style = if f.error.is_some() {
                        t.error()
                    } else {
                        t.text()
                    };
                    frame.render_widget(
                        Paragraph::new(Span::styled(
                            cut(&value, input_w, ctx.sym.ellipsis()),
                            style,
                        )),
                        input_rect,
                    );
                }
            }
            Input::Choice { options, index } => {
                let label = options.get(*index).map_or("", |o| o.label.as_str());
                let (l, rr) = if ctx.sym.is_ascii() {
                    ("< ", " >")
                } else {
                    ("◂ ", " ▸")
                };
                let text = cut(&format!("{l}{label}{rr}"), input_w, ctx.sym.ellipsis());
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        text,
                        if focused { t.accent() } else { t.text() },
                    )),
                    input_rect,
                );
            }
            Input::Toggle(b) => {
                let text = format!("{} {}", ctx.sym.check(*b), if *b { "yes" } else { "no" });
                frame.render_widget(
                    Paragraph::new(Span::styled(
                        text,
                        if focused { t.accent() } else { t.text() },
                    )),
                    input_rect,
                );
            }
        }
    }
    // Footer: hint of the focused field, form error or discard warning, keys.
    let fy = inner.y + inner.height.saturating_sub(footer);
    let hint = form.fields.get(form.focus).map_or("", |f| &f.hint);
    let status = if form.confirm_discard {
        Line::styled(
            "You typed something: Esc again discards it, any other key keeps editing.",
            t.warning(),
        )
    } else if let Some(e) = &form.error {
        Line::styled(e.clone(), t.error())
    } else if form.fields.iter().any(|f| f.error.is_some()) {
        Line::styled(
            "Fix the fields marked above; nothing is saved until then.",
            t.warning(),
        )
    } else {
        Line::raw("")
    };
    let mut keys = vec![
        Span::styled("Enter", t.key()),
        Span::raw(if clash { " save yours  " } else { " save  " }),
        Span::styled("Tab", t.key()),
        Span::raw("/"),
        Span::styled("↑↓", t.key()),
        Span::raw(" fields  "),
    ];
    // A long text field's own keys, as the form's key table binds them.
    if form.focused_long() {
        let table = &ctx.app.keys.form;
        for (act, what) in [(FormAct::NewLine, "new line"), (FormAct::Editor, "$EDITOR")] {
            let key = table.key_label(Cmd::Own(act));
            if !key.is_empty() {
                keys.push(Span::styled(key, t.key()));
                keys.push(Span::raw(format!(" {what}  ")));
            }
        }
    }
    keys.push(Span::styled("Esc", t.key()));
    keys.push(Span::raw(if after_conflict {
        " reload theirs"
    } else {
        " cancel"
    }));
    let mut lines = vec![Line::styled(hint.to_string(), t.muted()), status];
    // A notice that is no field's error (a failed editor) takes the hint's
    // line and the status line when nothing else is there to say.
    if let Some(notice) = &form.notice
        && lines[1].width() == 0
    {
        let w = usize::from(inner.width);
        let text = format!("{} {notice}", ctx.sym.warning());
        let mut rows = wrap(&text, w);
        if rows.len() > 2 {
            rows[1] = cut(&rows[1..].join(" "), w, ctx.sym.ellipsis());
        }
        rows.resize(2, String::new());
        lines = rows
            .into_iter()
            .map(|r| Line::styled(r, t.warning()))
            .collect();
    }
    lines.push(Line::from(keys));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        Rect::new(inner.x, fy, inner.width, footer),
    );
}
