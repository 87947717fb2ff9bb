//! The views: the main screen (`main.rs`) and each view over it, one
//! module each. A view owns its state, its key table (action, config name,
//! default keys, hint label, help text), its hints and its key handling,
//! and answers each key with an [`Outcome`] (tui-journal's pop-ups:
//! `KeepPopup | Cancel`): it stays open, in its new state, or it closes.
//! The hint bar and the help overlay of a view are generated from the
//! table that dispatches its keys (gitui's `commands()`).
//!
//! Adding a view (an agenda): a module here with a state
//! type implementing [`View`] (its key table in [`View::keys`], built from
//! `moves`, `help_key` and `way_out` for what every view does alike),
//! and one line in the `views!` list below; the `Mode` variant, its
//! configured table (`[keys.NAME]`), its dispatch, hints and help follow
//! from that line. The ui draws it: a match arm in `ui/popups.rs` (a
//! pop-up) or `ui/mod.rs` (a full view), and `ui::scrolling` if it
//! scrolls. A view opens by setting `app.mode`; what it opens from a key
//! goes over it, and it comes back when that closes (`App::back`).

pub mod agenda;
pub mod capture;
pub mod confirm;
pub mod crm_import;
pub mod dashboard;
pub mod filter;
pub mod findings;
pub mod form;
pub mod help;
pub mod history;
pub mod journey;
pub mod jump;
pub mod line;
pub mod main;
pub mod menu;
pub mod notice;
pub mod pipeline;
pub mod plan;
pub mod profile;
pub mod prompt;
pub mod results;

use super::forms::OpenForm;
use super::keymap::{Key, KeyMap};
use super::keytable::{Def, DocRow, HelpSection, Hint, KeyTable, Overrides, Table, def};
use super::{App, StatusKind};
use crossterm::event::{KeyCode, KeyEvent};

/// A move of a view's cursor or scroll, by the moving keys (named as the
/// main screen's: `[keys] down = "n"` moves every view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// A line up.
    Up,
    /// A line down.
    Down,
    /// A page up.
    PageUp,
    /// A page down.
    PageDown,
    /// To the top.
    Top,
    /// To the end.
    Bottom,
}

/// What a key does in a view: what every view does alike (close, help,
/// move), or the view's own action `A`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmd<A> {
    /// Close the view (Esc, `q`, or the key that opened it).
    Close,
    /// Show the view's keys (the help overlay).
    Help,
    /// Move the cursor or scroll.
    Move(Move),
    /// The view's own action.
    Own(A),
}

/// The actions of a view that has none of its own (help, history).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nothing {}

/// What a view's key did: the view stays open in its new state (under
/// anything the key opened), or closes.
#[derive(Debug)]
pub enum Outcome<V> {
    /// The view stays open, in this state.
    Keep(V),
    /// The view closes (what the key opened, or the view under it, shows).
    Close,
}

/// A view over the main screen: its state is `Self`.
pub trait View: Sized {
    /// Its own actions.
    type Action: Copy + PartialEq + std::fmt::Debug;
    /// Its title in the help overlay.
    const TITLE: &'static str;
    /// Whether plain characters are typed into it (a form, a prompt, the
    /// filter): its keys cannot be plain characters, its help key is F1.
    const TYPING: bool = false;

    /// Its key table, with the default keys, in hint and help order.
    fn keys() -> Vec<Def<Cmd<Self::Action>>>;

    /// Does one of its own actions.
    fn act(self, app: &mut App, action: Self::Action) -> Outcome<Self>;

    /// Moves its cursor or scroll (views whose table has the moving keys).
    fn moved(self, _app: &mut App, _to: Move) -> Outcome<Self> {
        Outcome::Keep(self)
    }

    /// A key its table does not bind: a typing view types it, a menu
    /// picks the option. `Err` gives the view back: the key does nothing
    /// here (the status bar says so).
    fn other(self, _app: &mut App, _ev: &KeyEvent) -> Result<Outcome<Self>, Self> {
        Err(self)
    }

    /// Ctrl-c: closes, by default.
    fn cancel(self, _app: &mut App) -> Outcome<Self> {
        Outcome::Close
    }

    /// The hint label of `cmd` now (`None` leaves it out of the hint
    /// bar); the table's label by default.
    fn hint(&self, _app: &App, _cmd: Cmd<Self::Action>, label: &'static str) -> Option<String> {
        Some(label.to_string())
    }

    /// The hint bar from the table's `hints`, with the hints the view's
    /// data adds (a menu's options, a form field's own keys) put in.
    fn arrange(&self, _app: &App, hints: Vec<Hint>) -> Vec<Hint> {
        hints
    }

    /// Help lines before the table's: the options of a menu.
    fn extra_help(&self, _app: &App) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Help lines after the table's (what a form's fields accept).
    fn notes(_app: &App) -> Vec<(String, String)> {
        Vec::new()
    }

    /// Whether what it shows still exists (after an undo it may not).
    fn alive(&self, _app: &App) -> bool {
        true
    }
}

/// A view in the `views!` list: where its configured table is.
pub trait Listed: View {
    /// Its table in `keys`.
    fn table(keys: &Keys) -> &KeyTable<Cmd<Self::Action>>;
}

/// Lists the views: the [`Mode`] enum, the [`Keys`] of every view and the
/// dispatch to each are generated from this one list.
macro_rules! views {
    ($( $(#[$doc:meta])* $variant:ident($state:ty) => $field:ident, )*) => {
        /// What the user is doing right now: the main screen, or a view
        /// over it that takes every key until it closes.
        #[derive(Debug, Clone)]
        pub enum Mode {
            /// The main screen: the four panes take keys through the keymap.
            Normal,
            $( $(#[$doc])* $variant($state), )*
        }

        /// Every view's key table, as configured.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Keys {
            $(
                #[doc = concat!("The `", stringify!($field), "` view's table (`[keys.", stringify!($field), "]`).")]
                pub $field: KeyTable<Cmd<<$state as View>::Action>>,
            )*
        }

        $(
            impl Listed for $state {
                fn table(keys: &Keys) -> &KeyTable<Cmd<Self::Action>> {
                    &keys.$field
                }
            }
        )*

        impl Default for Keys {
            fn default() -> Keys {
                Keys {
                    $( $field: table::<$state>(stringify!($field)), )*
                }
            }
        }

        impl Keys {
            fn tables_mut(&mut self) -> Vec<&mut dyn Table> {
                vec![$( &mut self.$field, )*]
            }

            /// Every view's table as documented: its config name, its
            /// title and its entries, in the order the views are listed.
            pub fn docs(&self) -> Vec<(&'static str, &'static str, Vec<DocRow>)> {
                vec![$( (self.$field.view, self.$field.title, self.$field.doc_rows()), )*]
            }
        }

        impl Mode {
            /// The view's name, as in the config (`[keys.profile]`).
            pub fn name(&self) -> &'static str {
                match self {
                    Mode::Normal => "main",
                    $( Mode::$variant(_) => stringify!($field), )*
                }
            }

            /// Hands a key to the view (taken out of `app.mode`).
            fn handle(self, app: &mut App, ev: &KeyEvent, ctrl_c: bool) {
                match self {
                    Mode::Normal => {}
                    $( Mode::$variant(v) => run(v, app, ev, ctrl_c, Mode::$variant), )*
                }
            }

            /// The view's hints, most useful first, the way out last.
            pub fn hints(&self, app: &App) -> Vec<Hint> {
                match self {
                    Mode::Normal => app.main_hints(),
                    $( Mode::$variant(v) => hints_of(v, app), )*
                }
            }

            /// The help overlay's sections for this view.
            pub fn help(&self, app: &App) -> Vec<HelpSection> {
                match self {
                    Mode::Normal => app.main_help(),
                    $( Mode::$variant(v) => help_of(v, app), )*
                }
            }

            /// Whether what the view shows still exists.
            pub fn alive(&self, app: &App) -> bool {
                match self {
                    Mode::Normal => true,
                    $( Mode::$variant(v) => v.alive(app), )*
                }
            }
        }
    };
}

views! {
    /// Typing a filter for a pane (live).
    Filter(filter::Filter) => filter,
    /// The help overlay: the keys of the view under it.
    Help(help::Help) => help,
    /// The full findings list.
    Findings(findings::Findings) => findings,
    /// An add/edit form.
    Form(Box<OpenForm>) => form,
    /// A yes/no question before something that needs it.
    Confirm(confirm::Confirm) => confirm,
    /// A message with lines to read and, optionally, a key that acts on it.
    Notice(notice::Notice) => notice,
    /// A choice among a few things (what to add in the MDF pane).
    Menu(menu::Menu) => menu,
    /// A one-line question (why a milestone is blocked).
    Prompt(prompt::Prompt) => prompt,
    /// A partner's profile (issue 5).
    Profile(profile::Profile) => profile,
    /// A joint marketing plan (issue 5, item 6).
    Plan(plan::Plan) => plan,
    /// A campaign's results against its targets (issue 4, item 2).
    Results(results::Results) => results,
    /// A campaign's pipeline evidence (issue 14, item 5).
    Pipeline(pipeline::Pipeline) => pipeline,
    /// An account's journey (issue 14, item 5).
    Journey(journey::Journey) => journey,
    /// The program dashboard of one fiscal year (issue 4, item 3).
    Dashboard(dashboard::Dashboard) => dashboard,
    /// A record's change history.
    History(history::History) => history,
    /// A one-line quick capture: a checklist item or a check-in line (issue 11, item 4).
    Capture(capture::Capture) => capture,
    /// What is overdue, due soon or blocked across partners (issue 11, item 5).
    Agenda(agenda::Agenda) => agenda,
    /// The jump prompt: a few letters go to a partner, campaign or item.
    Jump(jump::Jump) => jump,
    /// The preview of a CRM file's campaigns; Enter imports them (issue 12, item 3).
    CrmImport(crm_import::CrmImport) => crm_import,
}

/// A view's table with its default keys.
fn table<V: View>(name: &'static str) -> KeyTable<Cmd<V::Action>> {
    let t = KeyTable::new(name, V::TITLE, V::keys());
    if V::TYPING { t.typing() } else { t }
}

impl Keys {
    /// Every view's table as `[keys]` and `[keys.VIEW]` configure them,
    /// and the main screen's `main`. Returns the warnings for bad entries
    /// (skipped; the rest apply).
    pub fn configured(
        main: &mut KeyMap,
        all: &std::collections::BTreeMap<String, super::keymap::KeySpec>,
        views: &std::collections::BTreeMap<
            String,
            std::collections::BTreeMap<String, super::keymap::KeySpec>,
        >,
    ) -> (Keys, Vec<String>) {
        let mut keys = Keys::default();
        let (overrides, mut warnings) = Overrides::parse(all, views);
        let mut tables: Vec<&mut dyn Table> = vec![main];
        tables.extend(keys.tables_mut());
        warnings.extend(overrides.apply(&mut tables));
        drop(tables);
        warnings.extend(main.quit_warning());
        (keys, warnings)
    }
}

fn run<V: Listed>(view: V, app: &mut App, ev: &KeyEvent, ctrl_c: bool, wrap: fn(V) -> Mode) {
    let outcome = if ctrl_c {
        view.cancel(app)
    } else {
        match V::table(&app.keys).action(ev) {
            Some(Cmd::Close) => Outcome::Close,
            Some(Cmd::Help) => {
                app.mode = Mode::Help(help::Help::default());
                Outcome::Keep(view)
            }
            Some(Cmd::Move(to)) => view.moved(app, to),
            Some(Cmd::Own(action)) => view.act(app, action),
            None => match view.other(app, ev) {
                Ok(outcome) => outcome,
                Err(view) => {
                    let table = V::table(&app.keys);
                    let help = table.key_label(Cmd::Help);
                    if help.is_empty() {
                        // The help itself: say how to close it instead.
                        let close = table.key_label(Cmd::Close);
                        app.nothing_here_closes(ev, &close, V::TITLE);
                    } else {
                        app.nothing_here(ev, &help);
                    }
                    Outcome::Keep(view)
                }
            },
        }
    };
    if let Outcome::Keep(view) = outcome
        && view.alive(app)
    {
        let mode = wrap(view);
        if matches!(app.mode, Mode::Normal) {
            app.mode = mode;
        } else {
            // It opened something: it shows again when that closes.
            app.back.push(mode);
        }
    }
}

fn hints_of<V: Listed>(view: &V, app: &App) -> Vec<Hint> {
    let hints = V::table(&app.keys).hints(|cmd, label| view.hint(app, cmd, label));
    view.arrange(app, hints)
}

/// The section of a view's keys in the help overlay.
fn section_of<V: Listed>(view: Option<&V>, app: &App) -> HelpSection {
    let table = V::table(&app.keys);
    let mut lines = view.map(|v| v.extra_help(app)).unwrap_or_default();
    lines.extend(table.help_lines());
    lines.extend(V::notes(app));
    HelpSection {
        title: table.title.to_string(),
        lines,
    }
}

fn help_of<V: Listed>(view: &V, app: &App) -> Vec<HelpSection> {
    vec![section_of(Some(view), app), anywhere(false)]
}

/// The keys that work in every view (and the mouse, on the main screen).
fn anywhere(main: bool) -> HelpSection {
    let pair = |k: &str, d: &str| (k.to_string(), d.to_string());
    let mut lines = vec![pair("Ctrl-c", "close a pop-up, or quit")];
    if main {
        lines.push(pair(
            "mouse",
            "click selects a row and focuses its pane; wheel scrolls",
        ));
    }
    HelpSection {
        title: "Anywhere".into(),
        lines,
    }
}

impl App {
    /// Hands a key to the open view (not the main screen).
    pub(crate) fn key_to_view(&mut self, ev: &KeyEvent, ctrl_c: bool) {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        mode.handle(self, ev, ctrl_c);
    }

    /// Says that a key does nothing in this view, and which key shows
    /// the keys that do: "x does nothing here; ? for keys".
    pub(crate) fn nothing_here(&mut self, ev: &KeyEvent, help_key: &str) {
        let key = Key::from_event(ev);
        let text = if help_key.is_empty() {
            format!("{key} does nothing here")
        } else {
            format!("{key} does nothing here; {help_key} for keys")
        };
        self.say(StatusKind::Info, text);
    }

    /// Says that a key does nothing in a view with no help key (the help
    /// itself), and which key closes it: "x does nothing here; Esc closes
    /// the help".
    pub(crate) fn nothing_here_closes(&mut self, ev: &KeyEvent, close_key: &str, title: &str) {
        let key = Key::from_event(ev);
        let text = if close_key.is_empty() {
            format!("{key} does nothing here")
        } else {
            format!(
                "{key} does nothing here; {close_key} closes the {}",
                title.to_lowercase()
            )
        };
        self.say(StatusKind::Info, text);
    }

    /// The hints for the current view, most useful first. The hint bar
    /// shows as many as fit, always with the kept ones ([`Hint::keep`])
    /// and the last (the way out: close, cancel, quit).
    pub fn hints(&self) -> Vec<Hint> {
        self.mode.hints(self)
    }

    /// The help overlay's sections: the keys of the view it was opened
    /// from (the main screen's when none), then the keys that work
    /// anywhere.
    pub fn help(&self) -> Vec<HelpSection> {
        match (&self.mode, self.back.last()) {
            (Mode::Help(_), Some(under)) => under.help(self),
            (Mode::Help(_), None) => self.main_help(),
            (mode, _) => mode.help(self),
        }
    }

    /// How many lines the help overlay has (titles, keys, blank lines and
    /// the closing note), to bound its scrolling.
    pub fn help_len(&self) -> usize {
        self.help().iter().map(|s| s.lines.len() + 2).sum::<usize>() + 1
    }

    /// The room of the open scrolling view as last laid out; before any
    /// layout (tests), `fallback_max` lines beyond a page of the full
    /// view's height.
    pub(crate) fn scroll_room(&self, fallback_max: usize) -> super::view::Scrolling {
        self.areas.scroll.unwrap_or(super::view::Scrolling {
            max: fallback_max,
            page: self.areas.view_height(),
        })
    }

    /// The main screen's help: its keys, the keys of a form, and the keys
    /// that work anywhere.
    pub(crate) fn main_help(&self) -> Vec<HelpSection> {
        vec![
            HelpSection {
                title: self.keymap.title.to_string(),
                lines: self.keymap.help_lines(),
            },
            section_of::<Box<OpenForm>>(None, self),
            anywhere(true),
        ]
    }
}

/// The moving keys of a view, labelled `hint` in the hint bar (the ↑ / ↓
/// pair) when given: ↓ ↑ (j k), PgDn PgUp (Ctrl-d Ctrl-u), Home End (g G).
pub(super) fn moves<A>(hint: Option<&'static str>) -> Vec<Def<Cmd<A>>> {
    use KeyCode::*;
    let p = Key::plain;
    let c = Key::ch;
    let mut up = def(Cmd::Move(Move::Up), "up", &[p(Up), c('k')], "up a line");
    let mut down = def(
        Cmd::Move(Move::Down),
        "down",
        &[p(Down), c('j')],
        "down a line",
    );
    if let Some(label) = hint {
        up = up.hint(label);
        down = down.hint(label);
    }
    vec![
        up,
        down,
        def(
            Cmd::Move(Move::PageDown),
            "page_down",
            &[p(PageDown), Key::ctrl('d')],
            "down a page",
        ),
        def(
            Cmd::Move(Move::PageUp),
            "page_up",
            &[p(PageUp), Key::ctrl('u')],
            "up a page",
        ),
        def(
            Cmd::Move(Move::Top),
            "top",
            &[p(Home), c('g')],
            "to the top",
        ),
        def(
            Cmd::Move(Move::Bottom),
            "bottom",
            &[p(End), c('G')],
            "to the end",
        ),
    ]
}

/// Whether a typing view's text takes `ev`: characters, editing and
/// moving keys do; function keys and the like do nothing there.
pub(super) fn typed(ev: &KeyEvent) -> bool {
    !matches!(
        ev.code,
        KeyCode::F(_)
            | KeyCode::Insert
            | KeyCode::Null
            | KeyCode::CapsLock
            | KeyCode::ScrollLock
            | KeyCode::NumLock
            | KeyCode::PrintScreen
            | KeyCode::Pause
            | KeyCode::Menu
            | KeyCode::KeypadBegin
            | KeyCode::Media(_)
            | KeyCode::Modifier(_)
    )
}

/// The key that shows a view's keys: `?` and F1, F1 alone in a typing
/// view (where `?` is text).
pub(super) fn help_key<A>(typing: bool) -> Def<Cmd<A>> {
    let keys: &[Key] = if typing {
        &[Key::plain(KeyCode::F(1))]
    } else {
        &[Key::ch('?'), Key::plain(KeyCode::F(1))]
    };
    def(Cmd::Help, "help", keys, "the keys of this view").hint("help")
}

/// The way out of a view that does not take text, last in its table: `?`
/// shows its keys, Esc and `q` close it (`close` says how: "close",
/// "cancel"), and so does `opener`, the name and key of the main
/// screen's action that opened it (`[keys] NAME` moves both).
pub(super) fn way_out<A>(
    close: &'static str,
    opener: Option<(&'static str, Key)>,
) -> Vec<Def<Cmd<A>>> {
    let mut out = vec![
        help_key(false),
        def(
            Cmd::Close,
            "close",
            &[Key::plain(KeyCode::Esc), Key::ch('q')],
            close,
        )
        .hint(close),
    ];
    if let Some((name, key)) = opener {
        out.push(def(
            Cmd::Close,
            name,
            &[key],
            "close (the key that opened it)",
        ));
    }
    out
}

/// Where a move takes a scrolling view (help, history, results,
/// dashboard): a line, a page (less a line of overlap) or to either end,
/// within `0..=room.max`.
pub(super) fn scrolled(to: Move, scroll: usize, room: super::view::Scrolling) -> usize {
    let scroll = scroll.min(room.max);
    let page = room.page.saturating_sub(1).max(1);
    let next = match to {
        Move::Down => scroll.saturating_add(1),
        Move::Up => scroll.saturating_sub(1),
        Move::PageDown => scroll.saturating_add(page),
        Move::PageUp => scroll.saturating_sub(page),
        Move::Top => 0,
        Move::Bottom => room.max,
    };
    next.min(room.max)
}

#[cfg(test)]
mod tests;
