//! The pipeline evidence of the partners the screen holds, and their
//! reconciliation findings E1–E6 (docs/domain.md §15.4) in the partners'
//! marks and the status bar's counts, as `jmo check` counts them.
//!
//! A partner's evidence is read when its records are read (a few indexed
//! queries, [`Store::evidence_of_partner`]) and kept while they are held;
//! an edit re-derives its findings from what is kept, never reading the
//! store. Everything kept is dropped when the evidence changes (its
//! version, migration 9) or the screen reads again after another
//! program's edit.

use crate::domain::evidence::attribution::Scope;
use crate::domain::evidence::reconcile;
use crate::domain::evidence::{Evidence, EvidenceRules};
use crate::domain::guardrails::Finding;
use crate::domain::program::{Program, Table};
use crate::domain::results::CampaignResults;
use crate::domain::*;
use crate::store::{Store, StoreError};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// One partner's evidence as the rules judge it: its closure
/// ([`Store::evidence_of_partner`]), and the campaigns and partners the
/// evidence names that are another partner's (read by id: the rules look
/// up their partner, start and agreement, docs/domain.md §15.2).
#[derive(Debug, Clone, Default)]
pub struct PartnerEvidence {
    evidence: Evidence,
    /// Every campaign the evidence names.
    campaign_ids: BTreeSet<CampaignId>,
    /// Every partner the evidence or those campaigns name.
    partner_ids: BTreeSet<PartnerId>,
    /// Those not among the held records when read: the program's copy is
    /// used when it has one (it is current), these otherwise.
    campaigns: Table<Campaign>,
    partners: Table<Partner>,
}

/// The evidence kept for the held partners, and what the whole database
/// holds of it.
#[derive(Debug, Clone, Default)]
pub struct HeldEvidence {
    /// The evidence's version when read (migration 9).
    version: i64,
    /// Whether the database holds any evidence record: when not, nothing
    /// is read and no partner has findings E1–E6.
    any: bool,
    /// Whether it holds any opportunity (rule E3).
    opportunities: bool,
    held: HashMap<PartnerId, PartnerEvidence>,
    /// The findings E1–E6 derived of each held partner's evidence, until
    /// what they read changes ([`HeldEvidence::stale`]): a checklist tick
    /// reuses them.
    findings: HashMap<PartnerId, Vec<Finding>>,
}

impl HeldEvidence {
    /// What the database holds: its evidence version and whether it holds
    /// any evidence; no partner's evidence yet.
    ///
    /// Errors: SQLite errors.
    pub fn read(store: &Store) -> Result<HeldEvidence, StoreError> {
        let (any, opportunities) = store.evidence_present()?;
        Ok(HeldEvidence {
            version: store.evidence_version()?,
            any,
            opportunities,
            held: HashMap::new(),
            findings: HashMap::new(),
        })
    }

    /// The evidence version this was read at.
    pub fn version(&self) -> i64 {
        self.version
    }

    /// Whether `partner`'s evidence is kept (or there is none to keep).
    pub fn has(&self, partner: PartnerId) -> bool {
        !self.any || self.held.contains_key(&partner)
    }

    /// Reads `partner`'s evidence and the campaigns and partners it names
    /// that `program` does not hold; nothing when the database holds no
    /// evidence or it is kept already.
    ///
    /// Errors: SQLite errors; [`StoreError::Corrupt`].
    pub fn load(
        &mut self,
        store: &Store,
        partner: PartnerId,
        program: &Program,
    ) -> Result<(), StoreError> {
        if self.has(partner) {
            return Ok(());
        }
        let evidence = store.evidence_of_partner(partner)?;
        // Every campaign the evidence names: the program's copy is used
        // when derived (it is current); the others' are kept.
        let mut campaigns = store.campaigns_named(&evidence, None, &program.campaigns)?;
        let campaign_ids: BTreeSet<CampaignId> = campaigns.iter().map(|c| c.id).collect();
        let mut partner_ids: BTreeSet<PartnerId> = BTreeSet::from([partner]);
        partner_ids.extend(campaigns.iter().map(|c| c.partner_id));
        partner_ids.extend(evidence.overlaps.iter().map(|o| o.partner_id));
        partner_ids.extend(evidence.touches.iter().map(|t| t.partner_id));
        partner_ids.extend(
            evidence
                .opportunities
                .iter()
                .filter_map(|o| o.registered_by),
        );
        for id in &campaign_ids {
            if program.campaigns.get(*id).is_some() {
                campaigns.remove(*id);
            }
        }
        let mut partners: Table<Partner> = Table::default();
        for &id in &partner_ids {
            if program.partners.get(id).is_none()
                && let Some(p) = store.get::<Partner>(id)?
            {
                partners.upsert(p);
            }
        }
        self.held.insert(
            partner,
            PartnerEvidence {
                evidence,
                campaign_ids,
                partner_ids,
                campaigns,
                partners,
            },
        );
        Ok(())
    }

    /// The partners whose kept evidence names one of `touched` (a campaign
    /// or a partner another partner's findings read: its start, its
    /// agreement, its name), besides their own.
    pub fn naming(&self, touched: &[RecordRef]) -> Vec<PartnerId> {
        self.held
            .iter()
            .filter(|(_, kept)| {
                touched.iter().any(|r| match *r {
                    RecordRef::Campaign(c) => kept.campaign_ids.contains(&c),
                    RecordRef::Partner(p) => kept.partner_ids.contains(&p),
                    _ => false,
                })
            })
            .map(|(p, _)| *p)
            .collect()
    }

    /// Forgets `partner`'s evidence (its records are no longer held).
    pub fn forget(&mut self, partner: PartnerId) {
        self.held.remove(&partner);
        self.findings.remove(&partner);
    }

    /// What `partners`' findings read changed (a campaign, results or
    /// partner record of theirs or named by their evidence): they are
    /// derived again by the next [`HeldEvidence::derive`].
    pub fn stale(&mut self, partners: impl IntoIterator<Item = PartnerId>) {
        for p in partners {
            self.findings.remove(&p);
        }
    }

    /// Every partner's findings are to be derived again (a new day, the
    /// whole program read again).
    pub fn stale_all(&mut self) {
        self.findings.clear();
    }

    /// Derives the findings of those of `partners` whose evidence is kept
    /// and whose findings are not current ([`HeldEvidence::findings`]).
    pub fn derive(
        &mut self,
        program: &Program,
        partners: &[PartnerId],
        rules: &EvidenceRules,
        today: NaiveDate,
    ) {
        for &p in partners {
            if self.held.contains_key(&p) && !self.findings.contains_key(&p) {
                let found = self.findings(program, p, rules, today);
                self.findings.insert(p, found);
            }
        }
    }

    /// `partner`'s findings E1–E6 as last derived ([`HeldEvidence::derive`]);
    /// none when its evidence is not kept or there is none.
    pub fn findings_of(&self, partner: PartnerId) -> &[Finding] {
        self.findings.get(&partner).map_or(&[], Vec::as_slice)
    }

    /// `partner`'s reconciliation findings E1–E6 (docs/domain.md §15.4) on
    /// its kept evidence, with `program`'s current copy of every campaign
    /// and partner it holds and of the partner's reported results: those
    /// `jmo check` gives the partner. None for an archived partner (kept
    /// for its history only, as its guardrails), nor when its evidence is
    /// not kept.
    fn findings(
        &self,
        program: &Program,
        partner: PartnerId,
        rules: &EvidenceRules,
        today: NaiveDate,
    ) -> Vec<Finding> {
        let Some(kept) = self.held.get(&partner) else {
            return Vec::new();
        };
        if program
            .partners
            .get(partner)
            .is_none_or(|p| p.is_archived())
        {
            return Vec::new();
        }
        let own = program.campaigns_of(partner);
        let mut campaigns: Table<Campaign> = own.iter().map(|c| (*c).clone()).collect();
        for &id in &kept.campaign_ids {
            if let Some(c) = program.campaigns.get(id).or_else(|| kept.campaigns.get(id)) {
                campaigns.upsert(c.clone());
            }
        }
        let mut partners: Table<Partner> = Table::default();
        for &id in &kept.partner_ids {
            if let Some(p) = program.partners.get(id).or_else(|| kept.partners.get(id)) {
                partners.upsert(p.clone());
            }
        }
        // Only this partner's results: E3 and E6 are filed under the
        // campaign's partner.
        let results: Table<CampaignResults> = own
            .iter()
            .filter_map(|c| program.results_of(c.id).cloned())
            .collect();
        let scope = Scope {
            partners: &partners,
            campaigns: &campaigns,
            rules,
            today,
            currency: program.currency,
        };
        reconcile::partner_findings(
            partner,
            &kept.evidence,
            &results,
            &scope,
            self.opportunities,
        )
    }
}

impl super::App {
    /// Reads the evidence of those of `partners` whose evidence is not
    /// kept yet (their records were just read, or the evidence changed).
    /// A read that fails is said in the status line; the partner's
    /// findings E1–E6 are missing until it is read again.
    ///
    /// Then derives their findings E1–E6 where they are not current.
    pub(super) fn read_evidence_of(&mut self, partners: &[PartnerId]) {
        for &p in partners {
            if let Err(e) = self.held_evidence.load(&self.store, p, &self.program) {
                self.say(
                    super::StatusKind::Error,
                    format!("Cannot read the pipeline evidence: {e}"),
                );
                break;
            }
        }
        self.held_evidence
            .derive(&self.program, partners, &self.config.evidence, self.today);
    }

    /// Forgets the evidence of a partner whose records are dropped.
    pub(super) fn forget_evidence_of(&mut self, partner: PartnerId) {
        self.held_evidence.forget(partner);
    }

    /// Reads again what the database holds of the evidence. When its
    /// version moved (an import, an evidence edit, the example plan, an
    /// undo), or with `force` (another program's edit: the campaigns and
    /// partners kept beside the evidence may have changed), every
    /// partner's kept evidence is forgotten, to be read again when the
    /// partner is next derived; when the version moved, every stored
    /// summary derived before is stale too (the summaries' inputs change
    /// with it). A single-row read otherwise. Returns whether the version
    /// moved.
    pub(super) fn reread_evidence(&mut self, force: bool) -> bool {
        let version = match self.store.evidence_version() {
            Ok(v) => v,
            Err(e) => {
                self.say(
                    super::StatusKind::Error,
                    format!("Cannot read the pipeline evidence: {e}"),
                );
                return false;
            }
        };
        let moved = version != self.held_evidence.version();
        if !moved && !force {
            return false;
        }
        match HeldEvidence::read(&self.store) {
            Ok(fresh) => {
                let moved = fresh.version() != self.held_evidence.version();
                self.held_evidence = fresh;
                if moved {
                    let inputs = Self::inputs_fingerprint(
                        &self.config,
                        &self.config_file,
                        self.held_evidence.version(),
                    );
                    self.resident.set_inputs(inputs);
                }
                moved
            }
            Err(e) => {
                self.say(
                    super::StatusKind::Error,
                    format!("Cannot read the pipeline evidence: {e}"),
                );
                false
            }
        }
    }
}
