//! Re-deriving the held partners' figures (docs/domain.md §6, §7, §11,
//! §15.4): every held partner after a read (start-up, a new day, a
//! reload), the touched ones after an edit; their marks handed to the
//! resident set to be stored.

use super::{App, derived};
use crate::domain::PartnerId;

impl App {
    /// Re-derives every partner (start-up, a new day, a bulk load), with
    /// the proof files as last looked for.
    pub(super) fn rederive_all(&mut self) {
        // The evidence may have changed with what was read (the example
        // plan loaded, the whole program read again).
        self.reread_evidence(false);
        self.held_evidence.stale_all();
        let held: Vec<PartnerId> = self
            .program
            .partners
            .iter()
            .map(|p| p.id)
            .filter(|&p| self.resident.holds(p))
            .collect();
        self.read_evidence_of(&held);
        let inputs = derived::Inputs {
            today: self.today,
            thresholds: &self.config.guardrails,
            policies: &self.config.policies,
            missing_files: &self.missing_files,
            config_file: &self.config_file,
            evidence: Some(&self.held_evidence),
        };
        let resident = &self.resident;
        self.derived
            .recompute_all(&self.program, |p| resident.holds(p), &inputs);
        for p in self.program.partners.iter() {
            if self.resident.holds(p.id) {
                let marks = self.derived.marks(p.id);
                self.resident.derived(p.id, marks);
            }
        }
    }

    /// Re-derives the given partners only.
    pub(super) fn rederive(&mut self, partners: impl IntoIterator<Item = PartnerId>) {
        let partners: Vec<PartnerId> = partners.into_iter().collect();
        let held: Vec<PartnerId> = partners
            .iter()
            .copied()
            .filter(|&p| self.resident.holds(p))
            .collect();
        self.read_evidence_of(&held);
        let inputs = derived::Inputs {
            today: self.today,
            thresholds: &self.config.guardrails,
            policies: &self.config.policies,
            missing_files: &self.missing_files,
            config_file: &self.config_file,
            evidence: Some(&self.held_evidence),
        };
        for p in partners {
            // A partner whose records are not held keeps its stored
            // summary; a deleted one is forgotten either way.
            if !self.resident.holds(p) && self.program.partners.get(p).is_some() {
                continue;
            }
            self.derived.recompute_partner(&self.program, p, &inputs);
            if self.program.partners.get(p).is_some() {
                let marks = self.derived.marks(p);
                self.resident.derived(p, marks);
            } else {
                self.resident.forget(p);
            }
        }
    }
}
