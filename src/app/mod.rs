//! The app layer: state, the one [`Action`] enum, and the update step that
//! applies an action, saves it, and re-derives findings and ROI.
//!
//! The flow of an edit (STYLE): write (one store transaction) → the store
//! records it in the change history (undo) → the touched records are
//! re-read into memory → findings, ROI and MDF figures are recomputed for
//! the partners the edit touched, not the world. The screen is drawn from
//! this state in the same frame.

pub mod action;
pub mod config;
pub mod derived;
pub mod editor;
mod edits;
pub mod effects;
mod evidence_edits;
pub mod evidence_held;
pub mod evidence_nav;
pub mod files;
pub mod form;
pub mod forms;
pub mod keymap;
pub mod keytable;
mod load;
mod merge;
pub mod nav;
mod partners;
pub mod pipeline;
mod rederive;
mod reports;
pub mod resident;
pub mod resume;
mod row_cache;
mod rows;
mod snapshot;
mod targets;
pub mod tracked;
mod update;
pub mod view;
pub mod views;

pub use action::Action;
pub use effects::Effect;
pub use load::SummaryJob;
pub use row_cache::{PaneRows, Rows};
pub use view::{Drill, Pane, Row};
pub use views::Mode;
pub use views::confirm::Confirmed;
pub use views::menu::MenuChoice;
pub use views::prompt::PromptPurpose;

use crate::domain::playbook::Playbook;
use crate::domain::program::{ClaimWindow, Program};
use crate::domain::responsibility::Templates;
use crate::domain::*;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use config::Config;
use derived::Derived;
use keymap::KeyMap;
use tracked::Tracked;
use view::{Areas, PaneState};

/// How many idle ticks (about half a second each) between two looks for
/// the proof files on disk: about ten seconds.
pub const FILES_EVERY: u32 = 20;

/// How long a key's edit waits for another program's write lock before it
/// says "Not saved: another program is writing to this database; try again
/// in a moment" ([`StoreError::Busy`]). The screen does nothing else while
/// it waits, so this is shorter than the commands' 3 seconds: long enough
/// for another jmo's edit, or even a whole import, to commit (milliseconds
/// to a fraction of a second), short enough that a key never freezes the
/// screen for long when another program holds the lock.
pub const SCREEN_BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(1);

/// The kind of a status-bar message, for its colour and symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// Neutral information.
    Info,
    /// An edit was saved (or undone / redone).
    Saved,
    /// Something needs attention (config warnings).
    Warning,
    /// An action failed; nothing was changed.
    Error,
}

/// A message in the status bar until the next action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// The text.
    pub text: String,
    /// Its kind.
    pub kind: StatusKind,
}

/// Display settings decided at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    /// ASCII icons instead of emoji (docs/domain.md §4).
    pub ascii: bool,
    /// Colour on (off with `NO_COLOR` or `color = false`).
    pub color: bool,
}

/// Where "today" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// A fixed date (`--as-of`, tests).
    Fixed(NaiveDate),
    /// The local calendar date, re-read on every tick.
    Local,
}

impl Clock {
    /// Today by this clock.
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::Fixed(d) => d,
            Clock::Local => chrono::Local::now().date_naive(),
        }
    }
}

/// The whole application state.
pub struct App {
    /// The database.
    pub store: Store,
    /// Every partner's own record and the records under the partners the
    /// screen holds ([`App::resident`]), kept in step with the store edit
    /// by edit (tracked: every change bumps its version, which the panes'
    /// row cache is keyed by).
    pub program: Tracked<Program>,
    /// Which partners' records are held, and the stored summaries shown
    /// for the others (issue 13, item 1).
    pub resident: resident::Resident,
    /// Findings, ROI and MDF figures derived from the program (tracked).
    pub derived: Tracked<Derived>,
    /// The configuration.
    pub config: Config,
    /// How messages name the config file ([`config::Loaded::file_label`]).
    pub config_file: String,
    /// The main screen's key bindings.
    pub keymap: KeyMap,
    /// Every other view's key bindings.
    pub keys: views::Keys,
    /// Checklist templates (docs/domain.md §5).
    pub templates: Templates,
    /// Playbooks (docs/domain.md §3).
    pub playbooks: Vec<Playbook>,
    /// Display settings.
    pub display: Display,
    /// The date everything is evaluated as of.
    pub today: NaiveDate,
    clock: Clock,
    /// The focused pane.
    pub focus: Pane,
    /// Each pane's cursor, scroll and filter, by [`Pane::index`].
    pub panes: [PaneState; 4],
    /// The pane areas as last laid out.
    pub areas: Areas,
    /// The current mode.
    pub mode: Mode,
    /// Local proof-of-performance files that are referenced but do not
    /// exist, by expense (URLs are not checked; jmo never copies files).
    pub missing_files: crate::domain::expense::MissingFiles,
    /// Idle ticks so far (see [`App::tick`]).
    ticks: u32,
    /// The MDF pane's drill-down path (empty = the overview).
    pub mdf_drill: Vec<view::Drill>,
    /// Campaigns whose default expansion (open: expanded, closed:
    /// collapsed) the user flipped with Enter (tracked).
    pub flipped: Tracked<std::collections::HashSet<CampaignId>>,
    /// The status-bar message.
    pub status: Option<Status>,
    /// The held partners' pipeline evidence: their reconciliation
    /// findings (E1–E6, docs/domain.md §15.4) are among their findings.
    held_evidence: evidence_held::HeldEvidence,
    /// The views a pop-up returns to when it closes, innermost last (a
    /// form opened from a profile goes back to the profile).
    pub back: Vec<Mode>,
    /// How the Partners pane is sorted and filtered (issue 5, item 2).
    pub partner_view: view::PartnerView,
    /// The warning about a database others can read, while it holds
    /// (re-checked on every idle tick): it stays in the status line
    /// whenever no other message is there (issue 10, item 4).
    privacy: Option<String>,
    /// What the event loop is asked to do, oldest first.
    effects: std::collections::VecDeque<Effect>,
    /// Each pane's rows as last built ([`App::rows`]).
    row_cache: row_cache::RowCache,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("today", &self.today)
            .field("focus", &self.focus)
            .finish_non_exhaustive()
    }
}

/// The program as the screen shows it: in ASCII mode its currency shows
/// its code instead of a symbol that is not ASCII ("EUR 1,200.00", not
/// "€1,200.00"), in the panes, the findings and what the screen writes.
fn shown(mut program: Program, display: &Display) -> Program {
    if display.ascii {
        program.currency = program.currency.ascii();
    }
    program
}

/// What [`App::new`] needs.
pub struct Setup {
    /// The open database.
    pub store: Store,
    /// The loaded configuration, templates and playbooks.
    pub loaded: config::Loaded,
    /// Display settings.
    pub display: Display,
    /// Where today comes from.
    pub clock: Clock,
}

impl App {
    /// Loads the program and derives everything.
    ///
    /// Errors: the store could not be read.
    pub fn new(setup: Setup) -> Result<App, StoreError> {
        Self::with_capacity(setup, resident::CAPACITY, resident::READ_WHOLE_UP_TO)
    }

    /// [`App::new`], holding the records of at most `capacity` partners,
    /// and reading a program of at most `read_whole_up_to` campaigns whole
    /// at start-up (tests read the example plan partner by partner with 0).
    ///
    /// Errors: the store could not be read.
    pub fn with_capacity(
        setup: Setup,
        capacity: usize,
        read_whole_up_to: usize,
    ) -> Result<App, StoreError> {
        let Setup {
            mut store,
            loaded,
            display,
            clock,
        } = setup;
        store.set_busy_timeout(SCREEN_BUSY_TIMEOUT)?;
        let privacy = store.path().and_then(crate::store::file::privacy_warning);
        let config_file = loaded.file_label();
        let today = clock.today();
        let held_evidence = evidence_held::HeldEvidence::read(&store)?;
        let inputs =
            Self::inputs_fingerprint(&loaded.config, &config_file, held_evidence.version());
        let (program, resident) =
            Self::read_first(&store, &display, today, inputs, capacity, read_whole_up_to)?;
        let mut keymap = KeyMap::default();
        let mut warnings = loaded.warnings;
        let (keys, key_warnings) =
            views::Keys::configured(&mut keymap, &loaded.config.keys, &loaded.config.view_keys);
        warnings.extend(key_warnings);
        let mut app = App {
            store,
            program: Tracked::new(program),
            resident,
            derived: Tracked::default(),
            config: loaded.config,
            config_file,
            keymap,
            keys,
            templates: loaded.templates,
            playbooks: loaded.playbooks,
            display,
            today,
            clock,
            focus: Pane::Partners,
            panes: Default::default(),
            areas: Areas::default(),
            mode: Mode::Normal,
            flipped: Default::default(),
            mdf_drill: Vec::new(),
            missing_files: Default::default(),
            ticks: 0,
            status: None,
            held_evidence,
            back: Vec::new(),
            partner_view: view::PartnerView::default(),
            privacy,
            effects: Default::default(),
            row_cache: Default::default(),
        };
        // The partner order first: the first frame's selection needs it.
        app.derived.reorder(&app.program);
        app.select_first_partner();
        // Set-up looks for the held partners' proof files once, before the
        // first frame; later looks are effects the event loop runs.
        app.check_proof_files_now();
        // Selecting the first partner asked the event loop for its proof
        // files too: just looked for.
        app.effects
            .retain(|e| !matches!(e, Effect::Files(effects::Files::Proof { .. })));
        app.rederive_all();
        app.derive_stale_summaries();
        // A database others can read comes first (issue 10, item 4).
        let mut notes: Vec<String> = app.privacy.iter().cloned().collect();
        if !warnings.is_empty() {
            notes.push(format!("Config: {}", warnings.join(" · ")));
        }
        if !notes.is_empty() {
            app.status = Some(Status {
                text: notes.join(" · "),
                kind: StatusKind::Warning,
            });
        }
        app.select_initial();
        Ok(app)
    }

    /// Reads the whole program from the store, as the screen shows it
    /// ([`shown`]).
    ///
    /// Errors: the store could not be read.
    pub(super) fn read_program(&self) -> Result<Program, StoreError> {
        Ok(shown(self.store.load_program()?, &self.display))
    }

    /// Called periodically by the event loop (about twice a second when
    /// idle): another jmo's edits are read in; the event loop is asked to
    /// look at the database file's mode (a `chmod 600` clears the standing
    /// warning); when the local date has changed (past midnight),
    /// everything date-based is re-derived; every [`FILES_EVERY`] ticks
    /// the event loop is asked to look for the proof files again, so a
    /// file put back (or moved away) shows within seconds (rule M8).
    pub fn tick(&mut self) {
        self.sync_with_disk();
        if let Some(database) = self.store.path() {
            let database = database.to_path_buf();
            self.effect(Effect::Files(effects::Files::Privacy { database }));
        }
        let today = self.clock.today();
        if today != self.today {
            self.today = today;
            self.resident.set_today(today);
            self.rederive_all();
            self.check_proof_files(None, None);
            self.derive_stale_summaries();
        }
        self.store_marks();
        self.drop_excess();
        self.ticks = self.ticks.wrapping_add(1);
        if self.ticks % FILES_EVERY == 0 {
            self.check_proof_files(None, None);
        }
    }

    /// Sets the pane areas from the latest layout (before each draw) and
    /// keeps each cursor visible.
    pub fn set_areas(&mut self, areas: Areas) {
        if self.areas != areas {
            self.areas = areas;
            for pane in Pane::ALL {
                self.sync_pane(pane);
            }
        }
    }

    /// Whether the welcome screen shows (no partners yet).
    pub fn is_welcome(&self) -> bool {
        self.program.is_empty()
    }

    /// One pane's state.
    pub fn pane(&self, pane: Pane) -> &PaneState {
        &self.panes[pane.index()]
    }

    fn pane_mut(&mut self, pane: Pane) -> &mut PaneState {
        &mut self.panes[pane.index()]
    }

    /// The selected partner.
    pub fn selected_partner(&self) -> Option<&Stored<Partner>> {
        match self.pane(Pane::Partners).selected {
            Some(Row::Partner(id)) => self.program.partners.get(id),
            _ => None,
        }
    }

    /// The selected campaign (from the Timeline cursor).
    pub fn selected_campaign(&self) -> Option<&Stored<Campaign>> {
        let partner = self.selected_partner()?;
        let id = match self.pane(Pane::Timeline).selected {
            Some(Row::Campaign(id)) => Some(id),
            Some(Row::Milestone(m)) => self.program.milestones.get(m).map(|m| m.campaign_id),
            _ => None,
        }?;
        self.program
            .campaigns
            .get(id)
            .filter(|c| c.partner_id == partner.id)
    }

    /// The selected row of a pane, if it still exists.
    pub fn selected_row(&self, pane: Pane) -> Option<Row> {
        let rows = self.rows(pane);
        view::resolve(&rows, self.pane(pane)).map(|i| rows[i])
    }

    /// The findings shown for the selection: the selected campaign's and
    /// the selected partner's own. Those on the focused pane's selected
    /// record come first, then the campaign's, then the partner's; errors
    /// before warnings within each.
    pub fn selection_findings(&self) -> Vec<&guardrails::Finding> {
        let Some(p) = self.selected_partner() else {
            return Vec::new();
        };
        let campaign = self.selected_campaign().map(|c| c.id);
        let record = self.selected_row(self.focus).and_then(Row::record);
        let mut shown: Vec<&guardrails::Finding> = self
            .derived
            .findings_of(p.id)
            .iter()
            .filter(|f| f.campaign_id.is_none() || f.campaign_id == campaign)
            .collect();
        shown.sort_by_key(|f| {
            let group = if Some(f.record) == record {
                0
            } else if f.campaign_id.is_some() {
                1
            } else {
                2
            };
            (group, f.severity != guardrails::Severity::Error)
        });
        shown
    }

    /// Where an approved request stands against its claim window under its
    /// fund's policy, and the days left to its deadline (negative once
    /// passed) (docs/domain.md §6.2 G4, §11). `None` for a request not approved.
    pub fn claim_window(&self, request: RequestId) -> Option<(ClaimWindow, i64)> {
        let (window, _) = self.program.claim_window(request, &self.config.policies)?;
        Some((window, dates::days_between(self.today, window.deadline())))
    }

    /// The warning that stays in the status line until its cause is fixed,
    /// shown whenever no other message is there: the database can be read
    /// by others ("database readable by others (mode 0644): chmod 600
    /// PATH"; issue 10, item 4). `chmod` clears it within one idle tick.
    pub fn standing_warning(&self) -> Option<&str> {
        self.privacy.as_deref()
    }

    /// Ctrl-Z did not stop jmo: nothing could resume it (no shell with job
    /// control started it, e.g. `setsid jmo`, or `exec jmo` from a login
    /// shell, where the kernel discards the stop). Says so, instead of
    /// nothing.
    pub fn cannot_suspend(&mut self) {
        let quit = self.keymap.key_label(Action::Quit);
        self.say(
            StatusKind::Warning,
            format!(
                "Cannot suspend: jmo was not started by a shell with job control, so nothing could resume it; {quit} quits"
            ),
        );
    }

    /// Sets the status message.
    pub fn say(&mut self, kind: StatusKind, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind,
        });
    }

    /// Selects the first partner in the Partners pane and reads its
    /// records (start-up, before anything is derived).
    fn select_first_partner(&mut self) {
        self.sync_pane(Pane::Partners);
        if let Some(p) = self.selected_partner().map(|p| p.id) {
            self.hold(p);
        }
    }

    /// Selects the first partner (preferring one with open campaigns) and
    /// its first open campaign.
    fn select_initial(&mut self) {
        self.sync_pane(Pane::Partners);
        self.select_default_campaign();
    }

    /// Points the Timeline at the partner's first campaign that is not
    /// closed (else the first campaign).
    fn select_default_campaign(&mut self) {
        // Another partner: the MDF pane starts at its overview.
        self.mdf_drill.clear();
        if let Some(p) = self.selected_partner().map(|p| p.id) {
            self.hold(p);
        }
        let Some(p) = self.selected_partner().map(|p| p.id) else {
            for pane in [Pane::Timeline, Pane::Checklist, Pane::Mdf] {
                *self.pane_mut(pane) = PaneState {
                    filter: self.pane(pane).filter.clone(),
                    ..PaneState::default()
                };
            }
            return;
        };
        let campaigns = self.program.campaigns_of(p);
        let pick = campaigns
            .iter()
            .find(|c| !c.status.is_closed())
            .or(campaigns.first())
            .map(|c| c.id);
        let tl = self.pane_mut(Pane::Timeline);
        tl.selected = pick.map(Row::Campaign);
        tl.index = 0;
        tl.offset = 0;
        self.reset_campaign_panes();
        self.sync_pane(Pane::Timeline);
        self.scroll_to_campaign();
    }

    /// Resets the Checklist and MDF cursors (the campaign changed): the
    /// Checklist's starts on its first open item (issue 11, item 3), else
    /// at the top.
    fn reset_campaign_panes(&mut self) {
        for pane in [Pane::Checklist, Pane::Mdf] {
            let st = self.pane_mut(pane);
            st.selected = None;
            st.index = 0;
            st.offset = 0;
        }
        self.pane_mut(Pane::Checklist).selected = self.first_open_item();
        self.sync_pane(Pane::Checklist);
        self.sync_pane(Pane::Mdf);
    }

    /// Drops the MDF drill-down levels (and those under them) whose record
    /// is gone or is not the selected partner's, after an undo, a delete or
    /// a change of partner.
    fn prune_drill(&mut self) {
        let p = &self.program;
        let partner = self.selected_partner().map(|p| p.id);
        let keep = self
            .mdf_drill
            .iter()
            .take_while(|d| {
                let record = match d {
                    view::Drill::Fund(f) => RecordRef::Fund(*f),
                    view::Drill::Request(r) => RecordRef::Request(*r),
                };
                partner.is_some() && p.partner_of(record) == partner
            })
            .count();
        self.mdf_drill.truncate(keep);
    }

    /// Re-resolves a pane's cursor against its current rows and keeps it
    /// visible.
    fn sync_pane(&mut self, pane: Pane) {
        if pane == Pane::Mdf {
            self.prune_drill();
        }
        let rows = self.rows(pane);
        let height = self.areas.height(pane);
        let st = &mut self.panes[pane.index()];
        match view::resolve(&rows, st) {
            Some(i) => {
                st.selected = Some(rows[i]);
                st.index = i;
                // Show the derived lines under the selection too, if they fit.
                let end = view::block_end(&rows, i);
                let off = view::keep_visible(st.offset, end, height, rows.len());
                st.offset = view::keep_visible(off, i, height, rows.len());
                // The header the row sits under stays in sight when both fit.
                if let Some(h) = view::group_header(&rows, i)
                    && h < st.offset
                    && i - h < height
                {
                    st.offset = h;
                }
            }
            None => {
                st.selected = None;
                st.index = 0;
                st.offset = view::keep_visible(st.offset, 0, height, rows.len());
            }
        }
    }
}

#[cfg(test)]
mod capture_tests;
#[cfg(test)]
mod concurrency_tests;
#[cfg(test)]
mod consent_tests;
#[cfg(test)]
mod crm_import_tests;
#[cfg(test)]
mod dashboard_tests;
#[cfg(test)]
mod evidence_edit_tests;
#[cfg(test)]
mod evidence_marks_tests;
#[cfg(test)]
mod evidence_nav_tests;
#[cfg(test)]
mod file_tests;
#[cfg(test)]
mod fixnav_tests;
#[cfg(test)]
mod form_tests;
#[cfg(test)]
mod keep_view_tests;
#[cfg(test)]
mod narrow_tests;
#[cfg(test)]
mod nav_tests;
#[cfg(test)]
mod owner_tests;
#[cfg(test)]
mod program_tests;
#[cfg(test)]
mod prompt_keys_tests;
#[cfg(test)]
mod row_cache_tests;
#[cfg(test)]
mod summary_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod undo_tests;
#[cfg(test)]
mod view_tests;
