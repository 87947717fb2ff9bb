//! Which partners' records the screen holds, and what it shows for the
//! others (issue 13, item 1).
//!
//! Every partner's own record is in memory (the Partners pane lists,
//! filters and sorts them all); the records under a partner (campaigns,
//! milestones, checklist, MDF, results, contacts, meetings, plans) are read
//! when the partner is selected ([`crate::store::Store::load_partner`]) and
//! kept for at most [`Resident::capacity`] partners, least recently
//! selected dropped first. A partner whose records are not held shows the
//! summary stored in the database ([`crate::store::summary`]) when it is
//! fresh, and "…" until a background pass derives it again.

use crate::domain::*;
use crate::store::summary::{Standing, StoredSummary, Summary};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

/// How many partners' records the screen keeps by default: about a
/// hundred partners of ten campaigns each, a few megabytes.
pub const CAPACITY: usize = 100;

/// A program of at most this many campaigns is read whole at start-up
/// (a few milliseconds): every view has everything at once.
pub const READ_WHOLE_UP_TO: usize = 1_000;

/// The partners held in memory and the stored summaries of the others.
#[derive(Debug, Clone)]
pub struct Resident {
    /// Held partners, least recently used first.
    lru: VecDeque<PartnerId>,
    held: HashSet<PartnerId>,
    /// Every partner's records are held (a small program, or a view that
    /// needs them all was opened).
    whole: bool,
    capacity: usize,
    standings: HashMap<PartnerId, Standing>,
    today: NaiveDate,
    inputs: String,
    /// Over the partners not held: errors, warnings (fresh summaries) and
    /// how many have no fresh summary.
    totals: (usize, usize, usize),
    /// Held partners whose derived marks are not yet stored.
    dirty: BTreeSet<PartnerId>,
}

impl Resident {
    /// Nothing held yet; `standings` as read from the store.
    pub fn new(
        standings: HashMap<PartnerId, Standing>,
        today: NaiveDate,
        inputs: String,
        capacity: usize,
    ) -> Resident {
        let mut r = Resident {
            lru: VecDeque::new(),
            held: HashSet::new(),
            whole: false,
            capacity: capacity.max(1),
            standings,
            today,
            inputs,
            totals: (0, 0, 0),
            dirty: BTreeSet::new(),
        };
        r.recount();
        r
    }

    /// The configuration fingerprint summaries are derived under.
    pub fn inputs(&self) -> &str {
        &self.inputs
    }

    /// At most how many partners' records are kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Whether `partner`'s records are in memory.
    pub fn holds(&self, partner: PartnerId) -> bool {
        self.whole || self.held.contains(&partner)
    }

    /// Whether every partner's records are in memory.
    pub fn is_whole(&self) -> bool {
        self.whole
    }

    /// How many partners' records are held (every partner when whole:
    /// `None`).
    pub fn held_count(&self) -> Option<usize> {
        (!self.whole).then_some(self.held.len())
    }

    /// The held partners, least recently used first.
    pub fn held(&self) -> Vec<PartnerId> {
        self.lru.iter().copied().collect()
    }

    /// Every partner's records are now in memory.
    pub fn hold_all(&mut self, partners: impl IntoIterator<Item = PartnerId>) {
        self.whole = true;
        self.lru.clear();
        self.held.clear();
        for p in partners {
            self.lru.push_back(p);
            self.held.insert(p);
        }
        self.recount();
    }

    /// `partner`'s records are in memory, and it is the most recently used.
    pub fn hold(&mut self, partner: PartnerId) {
        if self.held.insert(partner) {
            self.lru.push_back(partner);
            if !self.whole {
                self.add(partner, -1);
            }
        } else if self.lru.back() != Some(&partner) {
            self.lru.retain(|p| *p != partner);
            self.lru.push_back(partner);
        }
    }

    /// The held partners to drop to get back within capacity, least
    /// recently used first: never `keep`, never one whose marks are not
    /// stored yet. Leaves "whole" (the caller drops them).
    pub fn to_drop(&mut self, keep: Option<PartnerId>) -> Vec<PartnerId> {
        if self.held.len() <= self.capacity {
            return Vec::new();
        }
        let mut excess = self.held.len() - self.capacity;
        let mut out = Vec::new();
        for &p in &self.lru {
            if excess == 0 {
                break;
            }
            if Some(p) != keep && !self.dirty.contains(&p) {
                out.push(p);
                excess -= 1;
            }
        }
        if !out.is_empty() && self.whole {
            self.whole = false;
            self.recount();
        }
        out
    }

    /// `partner`'s records were dropped from memory.
    pub fn dropped(&mut self, partner: PartnerId) {
        if self.held.remove(&partner) {
            self.lru.retain(|p| *p != partner);
            if !self.whole {
                self.add(partner, 1);
            }
        }
    }

    /// The partner was deleted: forgotten.
    pub fn forget(&mut self, partner: PartnerId) {
        if !self.whole && !self.held.contains(&partner) {
            self.add(partner, -1);
        }
        self.held.remove(&partner);
        self.lru.retain(|p| *p != partner);
        self.standings.remove(&partner);
        self.dirty.remove(&partner);
    }

    /// The fresh stored summary of a partner whose records are not held.
    pub fn summary(&self, partner: PartnerId) -> Option<Summary> {
        self.standings
            .get(&partner)
            .and_then(|s| s.fresh(self.today, &self.inputs))
    }

    /// Errors and warnings over the partners not held, or `None` while
    /// one of them has no fresh summary.
    pub fn counts_not_held(&self) -> Option<(usize, usize)> {
        let (e, w, pending) = self.totals;
        (pending == 0).then_some((e, w))
    }

    /// How many partners not held have no fresh summary yet.
    pub fn pending(&self) -> usize {
        self.totals.2
    }

    /// The partners not held whose summary is stale or missing: what the
    /// background pass derives.
    pub fn stale(&self) -> Vec<PartnerId> {
        if self.whole {
            return Vec::new();
        }
        let mut v: Vec<PartnerId> = self
            .standings
            .iter()
            .filter(|(p, s)| !self.held.contains(p) && s.fresh(self.today, &self.inputs).is_none())
            .map(|(p, _)| *p)
            .collect();
        v.sort();
        v
    }

    /// A new day: every summary of another day is stale.
    pub fn set_today(&mut self, today: NaiveDate) {
        if today != self.today {
            self.today = today;
            self.recount();
        }
    }

    /// New inputs (the evidence changed, docs/domain.md §15.4): every
    /// summary derived under others is stale.
    pub fn set_inputs(&mut self, inputs: String) {
        if inputs != self.inputs {
            self.inputs = inputs;
            self.recount();
        }
    }

    /// The standings as read again from the store (another jmo wrote).
    pub fn set_standings(&mut self, standings: HashMap<PartnerId, Standing>) {
        self.standings = standings;
        self.recount();
    }

    /// Summaries derived and stored by the background pass (or by this
    /// screen): each replaces the stored one when it is newer.
    pub fn stored(&mut self, summaries: Vec<StoredSummary>) {
        for s in summaries {
            let partner = s.partner;
            let counted = !self.whole && !self.held.contains(&partner);
            if counted {
                self.add(partner, -1);
            }
            let standing = self.standings.entry(partner).or_default();
            if s.version >= standing.version {
                standing.version = s.version;
                standing.stored = Some(s);
            }
            if counted {
                self.add(partner, 1);
            }
        }
    }

    /// A held partner's derived marks changed (or were derived): they are
    /// stored on the next idle tick, unless they are what is stored.
    pub fn derived(&mut self, partner: PartnerId, marks: Summary) {
        let same = self
            .standings
            .get(&partner)
            .and_then(|s| s.fresh(self.today, &self.inputs))
            == Some(marks);
        if same {
            self.dirty.remove(&partner);
        } else {
            self.dirty.insert(partner);
        }
    }

    /// A held partner's records changed: its stored summary is behind.
    pub fn changed(&mut self, partner: PartnerId) {
        if let Some(s) = self.standings.get_mut(&partner) {
            s.stored = None;
        }
        self.dirty.insert(partner);
    }

    /// The held partners whose marks are to be stored.
    pub fn dirty(&self) -> Vec<PartnerId> {
        self.dirty.iter().copied().collect()
    }

    /// Those marks were stored (or the partner is gone).
    pub fn clean(&mut self, partner: PartnerId) {
        self.dirty.remove(&partner);
    }

    /// Adds (`sign` 1) or takes away (-1) a partner's share of the totals
    /// over partners not held.
    fn add(&mut self, partner: PartnerId, sign: i8) {
        let share = match self.standings.get(&partner) {
            None => return,
            Some(s) => match s.fresh(self.today, &self.inputs) {
                Some(m) => (m.errors, m.warnings, 0),
                None => (0, 0, 1),
            },
        };
        let t = &mut self.totals;
        if sign > 0 {
            *t = (t.0 + share.0, t.1 + share.1, t.2 + share.2);
        } else {
            *t = (
                t.0.saturating_sub(share.0),
                t.1.saturating_sub(share.1),
                t.2.saturating_sub(share.2),
            );
        }
    }

    /// Counts the totals again from every standing (a new day, a reload).
    fn recount(&mut self) {
        self.totals = (0, 0, 0);
        if self.whole {
            return;
        }
        let ids: Vec<PartnerId> = self
            .standings
            .keys()
            .filter(|p| !self.held.contains(p))
            .copied()
            .collect();
        for p in ids {
            self.add(p, 1);
        }
    }
}

/// The fingerprint of what a partner's marks are derived under besides its
/// records and the day: the guardrail thresholds, the MDF policies and the
/// config file's name (rule M9 names it).
pub fn fingerprint(parts: &[&dyn std::fmt::Debug]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in parts {
        format!("{p:?}").hash(&mut h);
    }
    format!("{:016x}", h.finish())
}
