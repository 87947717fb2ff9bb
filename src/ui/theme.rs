//! Colours belong to meanings, not widgets (STYLE, atuin). With colour off
//! (`NO_COLOR`, `color = false`) every meaning falls back to a modifier or
//! nothing, and no meaning is carried by colour alone: symbols and words
//! say it too.
//!
//! Two palettes (`theme` in the config file): one for a dark background
//! and one for a light one. Every text colour keeps a WCAG contrast of at
//! least 4.5:1 against black (dark) or white (light), reckoned with the
//! xterm colours (the tests check each).

use crate::app::App;
use crate::app::config::ThemeSetting;
use ratatui::style::{Color, Modifier, Style};

/// The colour of each meaning in one palette.
#[derive(Debug, PartialEq, Eq)]
struct Palette {
    /// The focused pane's border, and accents ("you are here", keys).
    accent: Color,
    /// Unfocused borders (their titles too) and less important text.
    muted: Color,
    /// Errors.
    error: Color,
    /// Warnings.
    warning: Color,
    /// Done, approved, saved.
    good: Color,
    /// Group headers.
    header: Color,
}

/// For a dark background: the terminal's own colours where they read well
/// on black (cyan, yellow, green, dark grey), bright red for errors and a
/// light blue (256-colour 75, #5fafff) for headers, where the plain red and
/// blue are too dark (3.6:1 and 2.2:1 on black).
const DARK: Palette = Palette {
    accent: Color::Cyan,
    muted: Color::DarkGray,
    error: Color::LightRed,
    warning: Color::Yellow,
    good: Color::Green,
    header: Color::Indexed(75),
};

/// For a light background, from the 256-colour cube (whose colours are the
/// same in every terminal): blue-teal 24 (#005f87), grey 242 (#6c6c6c),
/// red 160 (#d70000), amber 130 (#af5f00), green 28 (#008700), blue 19
/// (#0000af); where the terminal's yellow and cyan are ~1.7:1 and ~2.0:1
/// on white.
const LIGHT: Palette = Palette {
    accent: Color::Indexed(24),
    muted: Color::Indexed(242),
    error: Color::Indexed(160),
    warning: Color::Indexed(130),
    good: Color::Indexed(28),
    header: Color::Indexed(19),
};

/// The styles of each meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
    palette: &'static Palette,
}

impl Theme {
    /// A theme for a dark background, with or without colour.
    pub fn new(color: bool) -> Theme {
        Theme {
            color,
            palette: &DARK,
        }
    }

    /// The theme for a light background (`true`) or a dark one, with or
    /// without colour.
    pub fn with_background(color: bool, light: bool) -> Theme {
        Theme {
            color,
            palette: if light { &LIGHT } else { &DARK },
        }
    }

    /// The app's theme: its colour setting and its configured palette
    /// (`theme = "light"`; `auto` was resolved at start-up, and is dark if
    /// it was not).
    pub fn of(app: &App) -> Theme {
        Theme::with_background(app.display.color, app.config.theme == ThemeSetting::Light)
    }

    fn pick(&self, color: Style, plain: Style) -> Style {
        if self.color { color } else { plain }
    }

    /// Ordinary text.
    pub fn text(&self) -> Style {
        Style::default()
    }

    /// Pane titles and headings.
    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    /// The focused pane's border and title.
    pub fn focus(&self) -> Style {
        self.pick(
            Style::default()
                .fg(self.palette.accent)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// Unfocused borders.
    pub fn border(&self) -> Style {
        self.pick(Style::default().fg(self.palette.muted), Style::default())
    }

    /// The selected row in the focused pane.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// The selected row in another pane.
    pub fn selected_unfocused(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }

    /// Less important text (dates, owners, closed campaigns).
    pub fn muted(&self) -> Style {
        self.pick(
            Style::default().fg(self.palette.muted),
            Style::default().add_modifier(Modifier::DIM),
        )
    }

    /// A rule broken now; overdue; money lost.
    pub fn error(&self) -> Style {
        self.pick(
            Style::default()
                .fg(self.palette.error)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// Will become an error, or unusual.
    pub fn warning(&self) -> Style {
        self.pick(Style::default().fg(self.palette.warning), Style::default())
    }

    /// Done, approved, saved.
    pub fn good(&self) -> Style {
        self.pick(Style::default().fg(self.palette.good), Style::default())
    }

    /// The today marker and other "you are here" accents.
    pub fn accent(&self) -> Style {
        self.pick(
            Style::default().fg(self.palette.accent),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// A key in the hint bar or help.
    pub fn key(&self) -> Style {
        self.pick(
            Style::default()
                .fg(self.palette.accent)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// Group headers inside a pane.
    pub fn header(&self) -> Style {
        self.pick(
            Style::default()
                .fg(self.palette.header)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
}

#[cfg(test)]
#[path = "theme_tests.rs"]
mod tests;
