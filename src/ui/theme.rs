//! Colours belong to meanings, not widgets (STYLE, atuin). With colour off
//! (`NO_COLOR`, `color = false`) every meaning falls back to a modifier or
//! nothing, and no meaning is carried by colour alone: symbols and words
//! say it too.

use ratatui::style::{Color, Modifier, Style};

/// The styles of each meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// A theme with or without colour.
    pub fn new(color: bool) -> Theme {
        Theme { color }
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
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// Unfocused borders.
    pub fn border(&self) -> Style {
        self.pick(Style::default().fg(Color::DarkGray), Style::default())
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
            Style::default().fg(Color::DarkGray),
            Style::default().add_modifier(Modifier::DIM),
        )
    }

    /// A rule broken now; overdue; money lost.
    pub fn error(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// Will become an error, or unusual.
    pub fn warning(&self) -> Style {
        self.pick(Style::default().fg(Color::Yellow), Style::default())
    }

    /// Done, approved, saved.
    pub fn good(&self) -> Style {
        self.pick(Style::default().fg(Color::Green), Style::default())
    }

    /// The today marker and other "you are here" accents.
    pub fn accent(&self) -> Style {
        self.pick(
            Style::default().fg(Color::Cyan),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// A key in the hint bar or help.
    pub fn key(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }

    /// Group headers inside a pane.
    pub fn header(&self) -> Style {
        self.pick(
            Style::default()
                .fg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            Style::default().add_modifier(Modifier::BOLD),
        )
    }
}
