//! Reading what is seen (issue 13, item 1): the partners' own records and
//! their stored summaries at start-up, a partner's campaigns and MDF when
//! it is selected, everything when a view needs everything, and the
//! derived summaries written back ([`super::resident`]).

use super::resident::{self, Resident};
use super::{App, Pane, StatusKind, derived, shown};
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::summary::{StoredSummary, Summary};
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The background pass that derives the summaries of partners whose
/// records the screen does not hold (stale after a new day, another
/// program's edit, or a database from before summaries): each is read,
/// its proof files looked for, its marks derived and stored, batch by
/// batch, and handed back to the screen ([`App::summaries_derived`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryJob {
    /// The database (the pass opens its own connection).
    pub database: PathBuf,
    /// The partners to derive, in id order.
    pub partners: Vec<PartnerId>,
    /// The day they are derived as of.
    pub today: NaiveDate,
    /// The configuration fingerprint ([`resident::fingerprint`]).
    pub inputs: String,
    /// Guardrail thresholds (docs/domain.md §6).
    pub thresholds: crate::domain::guardrails::Thresholds,
    /// MDF policies (docs/domain.md §11).
    pub policies: BTreeMap<String, crate::domain::mdf::Policy>,
    /// How findings name the config file (rule M9).
    pub config_file: String,
    /// The pipeline evidence's rules (docs/domain.md §15.2): the
    /// partners' findings E1–E6 are in their marks.
    pub evidence_rules: crate::domain::evidence::EvidenceRules,
}

/// Partners derived per batch (one read transaction, one write).
const BATCH: usize = 25;

/// How many partners dropped at once make it worth asking the allocator
/// to give the freed memory back ([`crate::memory::release_freed`]): the
/// close of a whole-program view drops hundreds; a selection drops one.
const RELEASE_AFTER: usize = 64;

impl SummaryJob {
    /// Runs the pass on `store`, calling `send` with each batch stored;
    /// stops early when `send` returns `false` (the screen quit). File
    /// I/O (the proof files) and SQLite: the event loop runs it on its own
    /// thread, never the update step.
    ///
    /// Errors: SQLite errors (what was stored so far stays).
    pub fn run(
        &self,
        store: &mut Store,
        mut send: impl FnMut(Vec<StoredSummary>) -> bool,
    ) -> Result<(), StoreError> {
        for chunk in self.partners.chunks(BATCH) {
            let read = store.in_read_transaction(|| {
                let versions = store.partner_versions(chunk.iter().copied())?;
                // Partners close together by id are read in one range
                // (one query per table); scattered ones one by one.
                let (first, last) = (chunk[0], chunk[chunk.len() - 1]);
                let span = (last.0 - first.0).max(0) as usize + 1;
                let programs = if span <= chunk.len() * 4 {
                    vec![(chunk.to_vec(), store.load_partners(first, last)?)]
                } else {
                    chunk
                        .iter()
                        .map(|&p| Ok((vec![p], store.load_partner(p)?)))
                        .collect::<Result<Vec<_>, StoreError>>()?
                };
                // Each partner's evidence, read in the same transaction.
                let mut evidence = super::evidence_held::HeldEvidence::read(store)?;
                for (partners, program) in &programs {
                    for &p in partners {
                        evidence.load(store, p, program)?;
                    }
                    evidence.derive(program, partners, &self.evidence_rules, self.today);
                }
                Ok((versions, programs, evidence))
            })?;
            let (versions, programs, evidence) = read;
            let mut rows = Vec::with_capacity(chunk.len());
            for (partners, program) in programs {
                let missing = missing_files(&program);
                for p in partners {
                    if program.partners.get(p).is_none() {
                        continue;
                    }
                    let inputs = derived::Inputs {
                        today: self.today,
                        thresholds: &self.thresholds,
                        policies: &self.policies,
                        missing_files: &missing,
                        config_file: &self.config_file,
                        evidence: Some(&evidence),
                    };
                    let mut d = derived::Derived::default();
                    d.recompute_partner(&program, p, &inputs);
                    rows.push(StoredSummary {
                        partner: p,
                        version: versions.get(&p).copied().unwrap_or(0),
                        as_of: self.today,
                        inputs: self.inputs.clone(),
                        summary: d.marks(p),
                    });
                }
            }
            // Busy (the screen or another jmo is writing): the summaries
            // still go to the screen; the next start derives them again.
            let _ = store.write_summaries(&rows);
            if !send(rows) {
                break;
            }
        }
        Ok(())
    }
}

/// The local proof files of `program`'s expenses that are not on disk
/// (rule M8). File I/O.
fn missing_files(program: &Program) -> crate::domain::expense::MissingFiles {
    program
        .expenses
        .iter()
        .filter_map(|e| {
            let refs: Vec<String> = e
                .proofs()
                .into_iter()
                .filter(|p| !p.is_url())
                .map(|p| p.reference)
                .collect();
            let missing = super::files::not_found(&refs);
            (!missing.is_empty()).then_some((e.id, missing))
        })
        .collect()
}

impl App {
    /// Reads what the first frame shows: every partner's own record and
    /// stored summary, and (for a program of up to
    /// [`resident::READ_WHOLE_UP_TO`] campaigns) every record; otherwise
    /// only the partners the screen selects are read, as they are selected.
    pub(super) fn read_first(
        store: &Store,
        display: &super::Display,
        today: NaiveDate,
        inputs: String,
        capacity: usize,
        read_whole_up_to: usize,
    ) -> Result<(Program, Resident), StoreError> {
        let standings = store.standings()?;
        let mut resident = Resident::new(standings, today, inputs, capacity);
        let program = if store.campaign_count()? <= read_whole_up_to {
            let program = store.load_program()?;
            resident.hold_all(program.partners.iter().map(|p| p.id));
            program
        } else {
            Program {
                partners: store.partner_rows()?,
                currency: store.currency()?,
                ..Program::default()
            }
        };
        Ok((shown(program, display), resident))
    }

    /// If another jmo changed the database, reads again what the screen
    /// holds ([`App::read_again`]) before the next action, so no edit is
    /// made from a stale copy. Returns whether it reloaded.
    pub fn sync_with_disk(&mut self) -> bool {
        match self.store.changed_elsewhere() {
            Ok(false) => false,
            Ok(true) => match self.read_again() {
                Ok(program) => {
                    *self.program = program;
                    self.reread_evidence(true);
                    self.rederive_all();
                    self.derive_stale_summaries();
                    self.check_proof_files(None, None);
                    for pane in Pane::ALL {
                        self.sync_pane(pane);
                    }
                    if self.selected_partner().is_none() {
                        self.select_initial();
                    }
                    self.say(
                        StatusKind::Info,
                        "Reloaded: another jmo changed this database",
                    );
                    // An open form shows what changed underneath; an
                    // open view of evidence is read again.
                    self.follow_disk_in_form();
                    self.reread_views();
                    true
                }
                Err(e) => {
                    self.say(
                        StatusKind::Error,
                        format!("Could not reload the database: {e}"),
                    );
                    false
                }
            },
            Err(e) => {
                self.say(
                    StatusKind::Error,
                    format!("Could not check the database: {e}"),
                );
                false
            }
        }
    }

    /// Reads again what the screen holds (another program changed the
    /// database): every partner's own record, the held partners' records
    /// and the stored summaries; everything when everything was held.
    ///
    /// Errors: SQLite errors.
    pub(super) fn read_again(&mut self) -> Result<Program, StoreError> {
        if self.resident.is_whole() {
            let program = self.read_program()?;
            self.resident
                .hold_all(program.partners.iter().map(|p| p.id));
            return Ok(program);
        }
        let (program, standings) = self.store.in_read_transaction(|| {
            let mut program = Program {
                partners: self.store.partner_rows()?,
                currency: self.store.currency()?,
                ..Program::default()
            };
            for p in self.resident.held() {
                if program.partners.get(p).is_some() {
                    program.absorb(self.store.load_partner(p)?);
                }
            }
            Ok((program, self.store.standings()?))
        })?;
        let gone: Vec<PartnerId> = self
            .resident
            .held()
            .into_iter()
            .filter(|p| program.partners.get(*p).is_none())
            .collect();
        for p in gone {
            self.resident.forget(p);
            self.forget_evidence_of(p);
        }
        self.resident.set_standings(standings);
        Ok(shown(program, &self.display))
    }

    /// Reads the stored summaries again and derives the stale ones (after
    /// an undo or redo, which may change partners whose records are not
    /// held): nothing when every record is held.
    pub(super) fn restand(&mut self) {
        if self.resident.is_whole() {
            return;
        }
        if let Ok(standings) = self.store.standings() {
            self.resident.set_standings(standings);
            self.derive_stale_summaries();
        }
    }

    /// The configuration fingerprint summaries are derived under.
    /// `evidence_version`: the evidence's (migration 9): a summary derived
    /// before the evidence changed is stale (its findings E1–E6).
    pub(super) fn inputs_fingerprint(
        config: &super::config::Config,
        config_file: &str,
        evidence_version: i64,
    ) -> String {
        resident::fingerprint(&[
            &config.guardrails,
            &config.policies,
            &config.evidence,
            &config_file,
            &evidence_version,
        ])
    }

    /// Makes sure `partner`'s records are in memory (read when they are
    /// not, with their proof files looked for and their figures derived),
    /// marks it the most recently used, and drops the least recently used
    /// partners beyond the capacity.
    pub(crate) fn hold(&mut self, partner: PartnerId) {
        if !self.resident.holds(partner) && self.program.partners.get(partner).is_some() {
            match self.store.load_partner(partner) {
                Ok(p) => {
                    let p = shown(p, &self.display);
                    self.program.absorb(p);
                    self.resident.hold(partner);
                    let expenses: Vec<ExpenseId> = self
                        .program
                        .campaigns_of(partner)
                        .iter()
                        .flat_map(|c| self.program.expenses_of(c.id))
                        .map(|e| e.id)
                        .collect();
                    if !expenses.is_empty() {
                        self.check_proof_files(Some(&expenses), None);
                    }
                    self.rederive([partner]);
                }
                Err(e) => {
                    self.say(
                        StatusKind::Error,
                        format!("Could not read the partner's records: {e}"),
                    );
                    return;
                }
            }
        }
        self.resident.hold(partner);
        self.drop_excess();
    }

    /// Drops the least recently used partners' records beyond the
    /// capacity (never the selected partner's, nor those whose marks are
    /// not stored yet). A view of the whole program (the agenda, the
    /// dashboard) keeps everything until the main screen is back.
    pub(super) fn drop_excess(&mut self) {
        if !matches!(self.mode, super::Mode::Normal) {
            return;
        }
        let keep = self.selected_partner().map(|p| p.id);
        let dropping = self.resident.to_drop(keep);
        let many = dropping.len() >= RELEASE_AFTER;
        for p in dropping {
            self.derived.forget_partner(&self.program, p);
            self.forget_evidence_of(p);
            self.program.drop_partner(p);
            self.resident.dropped(p);
        }
        if many {
            crate::memory::release_freed();
        }
    }

    /// Makes sure the partner a record belongs to is held, when the record
    /// is not in memory (an undo of another partner's edit, a finding, a
    /// place to resume).
    pub(crate) fn hold_owner_of(&mut self, record: RecordRef) {
        if self.resident.is_whole() || self.program.partner_of(record).is_some() {
            return;
        }
        if let Ok(Some(p)) = self.store.partner_of(record) {
            self.hold(p);
        }
    }

    /// Reads every record (a view that shows the whole program: the
    /// dashboard, the agenda, the jump list, every finding, an import):
    /// nothing when they are all held already.
    pub(crate) fn hold_all(&mut self) {
        if self.resident.is_whole() {
            return;
        }
        match self.read_program() {
            Ok(program) => {
                *self.program = program;
                self.resident
                    .hold_all(self.program.partners.iter().map(|p| p.id));
                self.check_proof_files_now();
                self.rederive_all();
            }
            Err(e) => self.say(
                StatusKind::Error,
                format!("Could not read the whole program: {e}"),
            ),
        }
    }

    /// A partner's marks as the Partners pane shows them: derived when its
    /// records are held, else its fresh stored summary, else `None` ("…":
    /// the background pass has not derived it yet).
    pub fn partner_marks(&self, partner: PartnerId) -> Option<Summary> {
        if self.resident.holds(partner) {
            Some(self.derived.marks(partner))
        } else {
            self.resident.summary(partner)
        }
    }

    /// Errors and warnings over the whole program, or `None` while a
    /// partner not held has no fresh summary ("…" in the status bar).
    pub fn counts(&self) -> Option<(usize, usize)> {
        let (e, w) = self.derived.counts();
        let (e2, w2) = self.resident.counts_not_held()?;
        Some((e + e2, w + w2))
    }

    /// How many partners' marks the background pass is still deriving.
    pub fn summaries_pending(&self) -> usize {
        self.resident.pending()
    }

    /// Queues the background pass for the partners not held whose
    /// summaries are stale (on a database in memory, runs it now).
    pub(crate) fn derive_stale_summaries(&mut self) {
        let partners = self.resident.stale();
        if partners.is_empty() {
            return;
        }
        let job = SummaryJob {
            database: self.store.path().map(PathBuf::from).unwrap_or_default(),
            partners,
            today: self.today,
            inputs: self.resident.inputs().to_string(),
            thresholds: self.config.guardrails.clone(),
            policies: self.config.policies.clone(),
            config_file: self.config_file.clone(),
            evidence_rules: self.config.evidence.clone(),
        };
        if self.store.path().is_some() {
            self.effect(super::Effect::Summaries(Box::new(job)));
        } else {
            let mut got = Vec::new();
            let _ = job.run(&mut self.store, |rows| {
                got.extend(rows);
                true
            });
            self.summaries_derived(got);
        }
    }

    /// Summaries the background pass derived and stored.
    pub fn summaries_derived(&mut self, rows: Vec<StoredSummary>) {
        self.resident.stored(rows);
    }

    /// Writes the held partners' marks that changed since they were last
    /// stored (an idle tick): a failure leaves them to the next tick.
    pub(crate) fn store_marks(&mut self) {
        let dirty = self.resident.dirty();
        if dirty.is_empty() {
            return;
        }
        let rows: Vec<(PartnerId, Summary)> = dirty
            .iter()
            .filter(|p| self.program.partners.get(**p).is_some())
            .map(|&p| (p, self.derived.marks(p)))
            .collect();
        let inputs = self.resident.inputs().to_string();
        // Another program's edit meanwhile (`None`: the next tick
        // reloads and derives again) or a busy file: the next tick tries.
        if let Ok(Some(stored)) = self
            .store
            .write_current_summaries(self.today, &inputs, &rows)
        {
            for p in dirty {
                self.resident.clean(p);
            }
            self.resident.stored(stored);
            self.drop_excess();
        }
    }
}
