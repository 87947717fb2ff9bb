//! The jump prompt (`'` or Ctrl-p on the main screen; issue 11, item 1):
//! type a few letters of a partner's or a campaign's name and the best
//! matches show at once, best first; Enter goes there, with the panes
//! following. Typed after `#` (Tab puts it in or takes it out), the
//! letters match the checklist items of the selected partner's
//! campaigns instead.
//!
//! Matching is nucleo-matcher's fuzzy matching (the matcher of the helix
//! editor), over names kept in memory: the candidates are built once when
//! the prompt opens, and a keystroke scores each of them again without
//! reading the database, keeping the best [`SHOWN`] in a buffer it reuses.

use super::{Cmd, Move, Outcome, View, help_key};
use crate::app::App;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::domain::*;
use crossterm::event::{KeyCode, KeyEvent};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32String};
use ratatui_textarea::TextArea;
use std::cmp::Ordering;
use std::sync::Arc;

/// How many matches the prompt lists (it fits an 80×24 screen).
pub const SHOWN: usize = 8;

/// The prefix that makes the typed letters match checklist items.
pub const ITEMS_PREFIX: char = '#';

/// What a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A partner.
    Partner,
    /// A campaign.
    Campaign,
    /// A checklist item.
    Item,
}

impl Kind {
    /// How the list names it: "partner", "campaign", "item".
    pub fn label(self) -> &'static str {
        match self {
            Kind::Partner => "partner",
            Kind::Campaign => "campaign",
            Kind::Item => "item",
        }
    }
}

/// One record the prompt can go to.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The record Enter goes to.
    pub record: RecordRef,
    /// What it is.
    pub kind: Kind,
    /// Its name (a checklist item's title), as matched and shown.
    pub name: String,
    /// Where it is, shown after the name: a campaign's partner, an
    /// item's campaign; empty for a partner.
    pub context: String,
    /// The name as the matcher reads it (built once).
    hay: Utf32String,
}

impl Candidate {
    fn new(record: RecordRef, kind: Kind, name: &str, context: &str) -> Candidate {
        Candidate {
            record,
            kind,
            name: name.to_string(),
            context: context.to_string(),
            hay: Utf32String::from(name),
        }
    }
}

/// The matcher and its scratch space, kept while the prompt is open.
struct Fuzzy(Matcher);

impl Clone for Fuzzy {
    fn clone(&self) -> Fuzzy {
        Fuzzy::new()
    }
}

impl std::fmt::Debug for Fuzzy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fuzzy")
    }
}

impl Fuzzy {
    fn new() -> Fuzzy {
        let mut config = Config::DEFAULT;
        // A name that starts with what was typed ranks above one that
        // merely contains it.
        config.prefer_prefix = true;
        Fuzzy(Matcher::new(config))
    }
}

/// The jump prompt's state.
#[derive(Debug, Clone)]
pub struct Jump {
    /// What is being typed.
    pub area: Box<TextArea<'static>>,
    /// Every partner and campaign (built when the prompt opened).
    records: Arc<[Candidate]>,
    /// The checklist items of the selected partner's campaigns.
    items: Arc<[Candidate]>,
    /// The best matches, best first (indices into the scope's list), at
    /// most [`SHOWN`].
    best: Vec<usize>,
    /// How many candidates match in all.
    pub matched: usize,
    /// The highlighted match (index into the best).
    pub cursor: usize,
    /// Scores of this keystroke's matches, reused from one to the next.
    scratch: Vec<(u32, usize)>,
    /// Every candidate the text in `pool_of` matched (indices into that
    /// scope's list), for the next letter to narrow.
    pool: Vec<usize>,
    /// The text (without `#`) and scope (items or not) `pool` is of.
    pool_of: Option<(String, bool)>,
    fuzzy: Fuzzy,
}

/// The jump prompt's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// Go to the highlighted match.
    Go,
    /// Switch between partners and campaigns and checklist items.
    Scope,
}

impl Jump {
    /// A prompt over the program's partners (by name) and campaigns, and
    /// the checklist items of `partner`'s campaigns; empty text.
    pub fn new(program: &Program, partner: Option<PartnerId>) -> Jump {
        let mut records = Vec::with_capacity(program.partners.len() + program.campaigns.len());
        let mut partners: Vec<_> = program.partners.iter().collect();
        partners.sort_by_cached_key(|p| (p.name.to_lowercase(), p.id));
        for p in partners {
            records.push(Candidate::new(
                RecordRef::Partner(p.id),
                Kind::Partner,
                &p.name,
                "",
            ));
        }
        for c in program.campaigns.iter() {
            let partner = program
                .partners
                .get(c.partner_id)
                .map_or("", |p| p.name.as_str());
            records.push(Candidate::new(
                RecordRef::Campaign(c.id),
                Kind::Campaign,
                &c.name,
                partner,
            ));
        }
        let mut items = Vec::new();
        for c in partner.map(|p| program.campaigns_of(p)).unwrap_or_default() {
            for r in program.checklist_of(c.id) {
                items.push(Candidate::new(
                    RecordRef::Responsibility(r.id),
                    Kind::Item,
                    &r.title,
                    &c.name,
                ));
            }
        }
        let mut jump = Jump {
            area: super::line::line_editor(""),
            records: records.into(),
            items: items.into(),
            best: Vec::with_capacity(SHOWN),
            matched: 0,
            cursor: 0,
            scratch: Vec::new(),
            pool: Vec::new(),
            pool_of: None,
            fuzzy: Fuzzy::new(),
        };
        jump.rank();
        jump
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        self.area.lines().first().map_or("", String::as_str)
    }

    /// Replaces the text, as a paste would, and ranks again.
    pub fn set_text(&mut self, text: &str) {
        self.area = super::line::line_editor(text);
        self.rank();
    }

    /// Whether the letters match checklist items (typed after `#`).
    pub fn items_scope(&self) -> bool {
        self.text().starts_with(ITEMS_PREFIX)
    }

    fn scope(&self) -> &[Candidate] {
        if self.items_scope() {
            &self.items
        } else {
            &self.records
        }
    }

    /// The matches shown, best first.
    pub fn shown(&self) -> impl Iterator<Item = &Candidate> {
        let scope = self.scope();
        self.best.iter().map(move |&i| &scope[i])
    }

    /// The highlighted match.
    pub fn current(&self) -> Option<&Candidate> {
        self.shown().nth(self.cursor)
    }

    /// Scores every candidate of the scope against the typed text and
    /// keeps the best [`SHOWN`]: by score, then partners before campaigns,
    /// then the shorter name, then the order they were listed in. With
    /// nothing typed, the first ones listed (partners by name first).
    ///
    /// Letters added at the end of plain words can only narrow a fuzzy
    /// match, so then only the names that matched the text before are
    /// scored again.
    fn rank(&mut self) {
        let items = self.items_scope();
        let typed = self
            .text()
            .trim_start_matches(ITEMS_PREFIX)
            .trim()
            .to_string();
        let nothing = typed.is_empty();
        // Only for plain words: a `!` (not), `$` or `^` in the text makes
        // a match of more letters no narrower.
        let plain = typed.chars().all(|c| c.is_alphanumeric() || c == ' ');
        let narrows = plain
            && !nothing
            && self.pool_of.as_ref().is_some_and(|(before, scope)| {
                *scope == items
                    && typed
                        .strip_prefix(before.as_str())
                        .is_some_and(|added| added.chars().all(char::is_alphanumeric))
            });
        let pattern = Pattern::parse(&typed, CaseMatching::Ignore, Normalization::Smart);
        let scope = Arc::clone(if items { &self.items } else { &self.records });
        let scope: &[Candidate] = &scope;
        self.scratch.clear();
        if nothing {
            self.scratch.extend((0..scope.len()).map(|i| (0, i)));
        } else {
            let fuzzy = &mut self.fuzzy.0;
            let mut score = |i: usize| pattern.score(scope[i].hay.slice(..), fuzzy).map(|s| (s, i));
            if narrows {
                self.scratch
                    .extend(self.pool.iter().filter_map(|&i| score(i)));
            } else {
                self.scratch.extend((0..scope.len()).filter_map(score));
            }
        }
        self.matched = self.scratch.len();
        self.pool.clear();
        if !nothing {
            self.pool.extend(self.scratch.iter().map(|&(_, i)| i));
        }
        self.pool_of = (!nothing).then_some((typed, items));
        let order = |a: &(u32, usize), b: &(u32, usize)| -> Ordering {
            if nothing {
                return a.1.cmp(&b.1);
            }
            let (ca, cb) = (&scope[a.1], &scope[b.1]);
            b.0.cmp(&a.0)
                .then(ca.kind.cmp(&cb.kind))
                .then(ca.name.len().cmp(&cb.name.len()))
                .then(a.1.cmp(&b.1))
        };
        if self.scratch.len() > SHOWN {
            self.scratch.select_nth_unstable_by(SHOWN - 1, order);
            self.scratch.truncate(SHOWN);
        }
        self.scratch.sort_unstable_by(order);
        self.best.clear();
        self.best.extend(self.scratch.iter().map(|&(_, i)| i));
        self.cursor = 0;
    }

    /// Puts the `#` in front of the text, or takes it out.
    fn toggle_scope(&mut self) {
        let text = self.text();
        let next = match text.strip_prefix(ITEMS_PREFIX) {
            Some(rest) => rest.to_string(),
            None => format!("{ITEMS_PREFIX}{text}"),
        };
        self.set_text(&next);
    }
}

impl View for Jump {
    type Action = Act;
    const TITLE: &'static str = "Jump";
    const TYPING: bool = true;

    fn keys() -> Vec<Def<Cmd<Act>>> {
        use KeyCode::*;
        vec![
            def(
                Cmd::Own(Act::Go),
                "go",
                &[Key::plain(Enter)],
                "go to the highlighted match",
            )
            .hint("go"),
            def(
                Cmd::Move(Move::Down),
                "down",
                &[Key::plain(Down), Key::ctrl('n')],
                "next match",
            )
            .hint("move"),
            def(
                Cmd::Move(Move::Up),
                "up",
                &[Key::plain(Up), Key::ctrl('p')],
                "previous match",
            )
            .hint("move"),
            def(
                Cmd::Own(Act::Scope),
                "scope",
                &[Key::plain(Tab)],
                "checklist items of this partner (# in front), or partners and campaigns",
            )
            .hint("# items"),
            help_key(true),
            def(
                Cmd::Close,
                "cancel",
                &[Key::plain(Esc)],
                "close: stay where you are",
            )
            .hint("cancel"),
        ]
    }

    fn act(mut self, app: &mut App, action: Act) -> Outcome<Jump> {
        match action {
            Act::Go => match self.current().map(|c| c.record) {
                Some(record) => {
                    app.reveal(record);
                    Outcome::Close
                }
                None => {
                    app.say(crate::app::StatusKind::Info, "Nothing matches: type less");
                    Outcome::Keep(self)
                }
            },
            Act::Scope => {
                self.toggle_scope();
                Outcome::Keep(self)
            }
        }
    }

    /// Up / Down move the highlight within the list shown.
    fn moved(mut self, _app: &mut App, to: Move) -> Outcome<Jump> {
        let last = self.best.len().saturating_sub(1);
        self.cursor = match to {
            Move::Up => self.cursor.saturating_sub(1),
            Move::Down => (self.cursor + 1).min(last),
            Move::PageUp | Move::Top => 0,
            Move::PageDown | Move::Bottom => last,
        };
        Outcome::Keep(self)
    }

    /// Typed text narrows the list at once.
    fn other(mut self, _app: &mut App, ev: &KeyEvent) -> Result<Outcome<Jump>, Jump> {
        if matches!(ev.code, KeyCode::BackTab) || !super::typed(ev) {
            return Err(self);
        }
        let before = self.text().to_string();
        super::line::line_input(&mut self.area, ev);
        if self.text() != before {
            self.rank();
        }
        Ok(Outcome::Keep(self))
    }
}

impl App {
    /// `'` / Ctrl-p: opens the jump prompt.
    pub(crate) fn open_jump(&mut self) {
        let partner = self.selected_partner().map(|p| p.id);
        if self.resident.is_whole() {
            self.mode = super::Mode::Jump(Jump::new(&self.program, partner));
            return;
        }
        // Every partner's campaigns are listed by name: their records are
        // read, not what is under them (issue 13, item 1).
        match self.store.campaign_rows() {
            Ok(campaigns) => {
                let mut names = (*self.program).clone();
                names.campaigns.extend(campaigns.into_records());
                self.mode = super::Mode::Jump(Jump::new(&names, partner));
            }
            Err(e) => self.say(
                super::StatusKind::Error,
                format!("Could not read the campaigns: {e}"),
            ),
        }
    }
}
