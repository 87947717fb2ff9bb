//! The UI layer: rendering only, from [`App`] state to widgets. No SQL and
//! no business rules here; every figure comes from the app's derived state
//! or a domain formatter.

mod agenda;
mod bottom;
mod capture;
mod chart;
mod crm_import;
mod findings;
mod jump;
mod panes;
mod pipeline;
mod plan;
mod popups;
mod profile;
mod reports;
pub mod symbols;
pub mod text;
pub mod theme;

use crate::app::view::{Areas, Pane, Scrolling};
use crate::app::{App, Mode};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use symbols::Symbols;
use theme::Theme;

/// The smallest screen jmo lays out (issue 2, item 10).
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Everything a drawing function needs.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub app: &'a App,
    pub theme: Theme,
    pub sym: Symbols,
}

/// Where each part of the main screen goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// Each pane's block (with border), by [`Pane::index`].
    pub panes: [Rect; 4],
    /// The findings strip, status line and hint bar.
    pub bottom: Rect,
}

/// Lines reserved at the bottom: findings, status, hints.
fn bottom_height(area: Rect) -> u16 {
    if area.height >= 40 { 5 } else { 4 }
}

/// Lays the main screen out: three columns (Partners | Timeline |
/// Checklist over MDF) when wide, a 2×2 grid below 120 columns.
pub fn layout(area: Rect) -> Screen {
    let [main, bottom] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(bottom_height(area))]).areas(area);
    let panes = if area.width >= 120 {
        let partners_w = (area.width / 4).clamp(30, 44);
        let [left, middle, right] = Layout::horizontal([
            Constraint::Length(partners_w),
            Constraint::Percentage(38),
            Constraint::Min(50),
        ])
        .areas(main);
        let [check, mdf] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
        [left, middle, check, mdf]
    } else {
        let [top, low] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(main);
        let [partners, timeline] =
            Layout::horizontal([Constraint::Length(32), Constraint::Min(30)]).areas(top);
        let [check, mdf] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(low);
        [partners, timeline, check, mdf]
    };
    Screen { panes, bottom }
}

/// The row areas of the panes for the app (scrolling, paging, mouse).
pub fn areas(size: Rect) -> Areas {
    let screen = layout(size);
    let mut out = Areas {
        too_small: size.width < MIN_SIZE.0 || size.height < MIN_SIZE.1,
        ..Areas::default()
    };
    for pane in Pane::ALL {
        out.panes[pane.index()] = panes::rows_area(pane, screen.panes[pane.index()]);
    }
    out.view = view_area(size).inner(ratatui::layout::Margin::new(1, 1));
    out
}

/// [`areas`], with the room of the open scrolling view at this size (help,
/// history, results, dashboard, plan), so that its keys scroll exactly as
/// far as there is something to see. The event loop sets it before each
/// draw.
pub fn areas_for(app: &App, size: Rect) -> Areas {
    let mut out = areas(size);
    if !out.too_small {
        out.scroll = scrolling(app, size);
    }
    out
}

fn scrolling(app: &App, size: Rect) -> Option<Scrolling> {
    let ctx = Ctx {
        app,
        theme: Theme::of(app),
        sym: Symbols::new(app.display.ascii),
    };
    match &app.mode {
        Mode::Help(_) => Some(popups::help_scrolling(size, &ctx)),
        Mode::History(h) => Some(popups::history_scrolling(size, h.lines.len())),
        Mode::Results(r) => reports::results_scrolling(size, r, &ctx),
        Mode::Dashboard(d) => Some(reports::dashboard_scrolling(size, &d.dash, &ctx)),
        Mode::Plan(p) => plan::plan_scrolling(view_area(size), p.plan, p.cursor, &ctx),
        _ => None,
    }
}

/// The area of a full view (profile, plan): the screen above the bottom bar.
fn view_area(size: Rect) -> Rect {
    let [main, _] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(bottom_height(size))]).areas(size);
    main
}

/// Draws the whole screen for the current state.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let ctx = Ctx {
        app,
        theme: Theme::of(app),
        sym: Symbols::new(app.display.ascii),
    };
    let area = frame.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        draw_too_small(frame, area, &ctx);
        return;
    }
    let screen = layout(area);
    if app.is_welcome() {
        let [main, bottom] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(bottom_height(area))])
                .areas(area);
        draw_welcome(frame, main, &ctx);
        bottom::draw(frame, bottom, &ctx);
    } else {
        for pane in Pane::ALL {
            panes::draw(frame, screen.panes[pane.index()], pane, &ctx);
        }
        bottom::draw(frame, screen.bottom, &ctx);
    }
    // A full view (profile, plan, agenda, CRM import) covers the panes; a
    // pop-up opened from it is drawn over it.
    let full = |m: &Mode| {
        matches!(
            m,
            Mode::Profile(_) | Mode::Plan(_) | Mode::Agenda(_) | Mode::CrmImport(_)
        )
    };
    let view = match &app.mode {
        m if full(m) => Some(m),
        _ => app.back.last().filter(|m| full(m)),
    };
    match view {
        Some(Mode::Profile(p)) => profile::draw(frame, view_area(area), p, &ctx),
        Some(Mode::CrmImport(c)) => crm_import::draw(frame, view_area(area), c, &ctx),
        Some(Mode::Agenda(a)) => agenda::draw(frame, view_area(area), a, &ctx),
        Some(Mode::Plan(p)) => plan::draw(frame, view_area(area), p, &ctx),
        _ => {}
    }
    match &app.mode {
        Mode::Normal | Mode::Filter(_) => {}
        mode if full(mode) => {}
        mode => popups::draw(frame, area, mode, &ctx),
    }
    if ctx.sym.is_ascii() {
        asciify(frame.buffer_mut());
    }
}

/// ASCII mode's guarantee: every cell that still holds a non-ASCII
/// character (an arrow in a message, an accent in a partner's name) gets a
/// one-column ASCII stand-in, so a terminal that cannot show Unicode never
/// receives it.
pub fn asciify(buf: &mut ratatui::buffer::Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let sym = cell.symbol();
            if sym.is_ascii() {
                continue;
            }
            let mut chars = sym.chars();
            let stand_in = match (chars.next(), chars.next()) {
                (Some(c), None) => ascii_for(c),
                _ => '?',
            };
            cell.set_char(stand_in);
        }
    }
}

/// A one-column ASCII stand-in for a character.
fn ascii_for(c: char) -> char {
    match c {
        '→' | '▸' | '▶' | '»' => '>',
        '←' | '◂' | '◀' | '«' => '<',
        '↑' | '▲' => '^',
        '↓' | '▾' | '▼' => 'v',
        '·' | '–' | '—' | '─' | '━' | '•' => '-',
        '│' | '┃' | '▏' => '|',
        '…' => '~',
        '×' => 'x',
        '✖' | '✗' => 'E',
        '✔' | '✓' => 'v',
        '§' => 'S',
        '‘' | '’' => '\'',
        '“' | '”' => '"',
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'Á' | 'À' | 'Â' | 'Ä' | 'Å' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Ö' | 'Ø' => 'O',
        'Ü' => 'U',
        'ß' => 's',
        _ => '?',
    }
}

fn draw_too_small(frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let lines = vec![
        Line::styled("jmo needs a bigger window", ctx.theme.title()),
        Line::raw(""),
        Line::raw(format!(
            "at least {}×{}; this one is {}×{}.",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        )),
        Line::raw("Enlarge the window: everything is saved."),
        Line::raw(format!(
            "{} quits; other keys wait until the window is bigger.",
            ctx.app.keymap.key_label(crate::app::Action::Quit)
        )),
    ];
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect::new(area.x, y, area.width, h),
    );
}

fn draw_welcome(frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    use crate::app::Action;
    let app = ctx.app;
    let t = ctx.theme;
    let key = |a: Action| app.keymap.key_label(a);
    let row = |k: String, what: &str| {
        Line::from(vec![
            Span::raw("    "),
            Span::styled(format!("{k:<6}"), t.key()),
            Span::raw(what.to_string()),
        ])
    };
    let db = app
        .store
        .path()
        .map_or_else(|| "in memory".to_string(), |p| p.display().to_string());
    let lines = vec![
        Line::styled("jmo · Joint Marketing Orchestrator", t.title()),
        Line::raw(""),
        Line::raw("Plan and run co-marketing campaigns with your partners: each partner's"),
        Line::raw("campaign timeline with milestones, the who-does-what checklist (ours /"),
        Line::raw("partner / shared), MDF money, and guardrail checks and ROI re-run on"),
        Line::raw(format!(
            "every edit. Every edit is saved at once; {} undoes it.",
            key(Action::Undo)
        )),
        Line::raw(""),
        Line::styled("This database is empty.", t.header()),
        row(
            key(Action::LoadExample),
            "load the example plan: partners, campaigns, MDF, results",
        ),
        row(key(Action::Add), "add your first partner"),
        row(key(Action::Help), "all keys"),
        row(key(Action::Quit), "quit"),
        Line::raw(""),
        Line::styled(format!("Database: {db}"), t.muted()),
    ];
    let w = 78.min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + area.height.saturating_sub(h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, r);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_set(ctx.sym.border(true))
                .border_style(t.focus())
                .title(" Welcome "),
        ),
        r,
    );
}

/// The block of a full view (profile, plan): a border in the focus
/// colour, titled.
fn view_block(title: String, ctx: &Ctx<'_>) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(ctx.sym.border(true))
        .border_style(ctx.theme.focus())
        .title(Span::styled(title, ctx.theme.focus()))
}

/// A box of `width` × `height` centred above the bottom four rows of
/// `area`, so the status lines (the counts, "Saved: …") and the hint bar
/// stay in sight under a view the user edits from (Pipeline, Journey,
/// Results).
pub(crate) fn above_status(area: Rect, width: u16, height: u16) -> Rect {
    let above = Rect {
        height: area.height.saturating_sub(4),
        ..area
    };
    centered(above, width, height)
}

/// A rectangle of about `width`×`height` centred in `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width
        .min(area.width.saturating_sub(2))
        .max(10.min(area.width));
    let h = height
        .min(area.height.saturating_sub(2))
        .max(3.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
