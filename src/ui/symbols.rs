//! The symbols jmo draws, with ASCII fallbacks (docs/domain.md §4: emoji are double
//! width; ASCII mode exists for terminals that cannot show them).

use crate::domain::ShownStatus;
use ratatui::symbols::border;

/// The symbol set in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    ascii: bool,
}

/// ASCII borders.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// ASCII borders of the focused pane.
const ASCII_FOCUS_BORDER: border::Set = border::Set {
    top_left: "#",
    top_right: "#",
    bottom_left: "#",
    bottom_right: "#",
    vertical_left: "#",
    vertical_right: "#",
    horizontal_top: "=",
    horizontal_bottom: "=",
};

impl Symbols {
    /// Emoji and box drawing (`false`) or plain ASCII (`true`).
    pub fn new(ascii: bool) -> Symbols {
        Symbols { ascii }
    }

    /// Whether this is the ASCII set.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// A milestone status icon (docs/domain.md §4): ✅ 🟡 ⏳ 🔴 ⛔ or `[x]` `[~]` `[ ]` `[!]` `[#]`.
    pub fn milestone(&self, s: ShownStatus) -> &'static str {
        if self.ascii { s.ascii() } else { s.icon() }
    }

    /// A checkbox.
    pub fn check(&self, done: bool) -> &'static str {
        if done { "[x]" } else { "[ ]" }
    }

    /// The error marker.
    pub fn error(&self) -> &'static str {
        if self.ascii { "E" } else { "✖" }
    }

    /// The "saved / fine" marker.
    pub fn ok(&self) -> &'static str {
        if self.ascii { "+" } else { "✔" }
    }

    /// The warning marker.
    pub fn warning(&self) -> &'static str {
        if self.ascii { "W" } else { "▲" }
    }

    /// The cursor in front of the selected row.
    pub fn cursor(&self) -> &'static str {
        if self.ascii { ">" } else { "▸" }
    }

    /// An expanded campaign.
    pub fn expanded(&self) -> &'static str {
        if self.ascii { "-" } else { "▾" }
    }

    /// A collapsed campaign.
    pub fn collapsed(&self) -> &'static str {
        if self.ascii { "+" } else { "▸" }
    }

    /// An arrow between dates.
    pub fn arrow(&self) -> &'static str {
        if self.ascii { "->" } else { "→" }
    }

    /// A message or label as drawn: in ASCII mode its arrows spelled out
    /// (`→` as `->`, `←` as `<-`), so "'Kickoff call' → done" reads
    /// "'Kickoff call' -> done", not like a comparison; the text as it is
    /// otherwise. Other characters are left to the screen's ASCII pass.
    pub fn text(&self, s: &str) -> String {
        if self.ascii {
            s.replace('→', "->").replace('←', "<-")
        } else {
            s.to_string()
        }
    }

    /// A separator dot.
    pub fn dot(&self) -> &'static str {
        if self.ascii { "-" } else { "·" }
    }

    /// A horizontal rule piece (today marker).
    pub fn rule(&self) -> &'static str {
        if self.ascii { "-" } else { "─" }
    }

    /// A partner's readiness mark (docs/domain.md §10): "●" ready, "○" incomplete
    /// (ASCII "*" / "o").
    pub fn ready(&self, ready: bool) -> &'static str {
        match (self.ascii, ready) {
            (false, true) => "●",
            (false, false) => "○",
            (true, true) => "*",
            (true, false) => "o",
        }
    }

    /// A figure not derived yet (a partner's marks while the background
    /// pass derives them: issue 13, item 1): one column.
    pub fn pending(&self) -> &'static str {
        if self.ascii { "." } else { "…" }
    }

    /// Ellipsis for cut text.
    pub fn ellipsis(&self) -> &'static str {
        if self.ascii { "~" } else { "…" }
    }

    /// Pane borders.
    pub fn border(&self, focused: bool) -> border::Set<'static> {
        match (self.ascii, focused) {
            (true, true) => ASCII_FOCUS_BORDER,
            (true, false) => ASCII_BORDER,
            (false, true) => border::THICK,
            (false, false) => border::PLAIN,
        }
    }
}
