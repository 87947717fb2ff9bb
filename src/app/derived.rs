//! Figures derived from the program: guardrail findings (docs/domain.md §6), ROI
//! (docs/domain.md §7), per-campaign MDF money (docs/domain.md §11) and active-campaign counts.
//!
//! Kept per partner, so an edit re-derives only the partners it touched.

use crate::domain::guardrails::{self, Context, Finding, Severity, Thresholds};
use crate::domain::ledger::{FundBalance, PartnerLedger, RequestBalance};
use crate::domain::mdf::{MdfSummary, Policy};
use crate::domain::program::Program;
use crate::domain::roi::{self, Roi};
use crate::domain::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the derivations need besides the program.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// As-of date.
    pub today: NaiveDate,
    /// Guardrail thresholds.
    pub thresholds: &'a Thresholds,
    /// MDF policies.
    pub policies: &'a BTreeMap<String, Policy>,
    /// Proof files not found on disk, by expense (rule M8).
    pub missing_files: &'a crate::domain::expense::MissingFiles,
    /// How findings name the config file (rule M9).
    pub config_file: &'a str,
    /// The held partners' pipeline evidence: their reconciliation findings
    /// E1–E6, as last derived, join their guardrail findings
    /// (docs/domain.md §15.4). `None`: none are.
    pub evidence: Option<&'a super::evidence_held::HeldEvidence>,
}

/// Derived figures, by partner and campaign.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    findings: HashMap<PartnerId, Vec<Finding>>,
    roi: HashMap<CampaignId, Roi>,
    mdf: HashMap<CampaignId, MdfSummary>,
    spent_claimable: HashMap<CampaignId, (Decimal, Decimal)>,
    active: HashMap<PartnerId, usize>,
    ready: HashMap<PartnerId, bool>,
    funds: HashMap<FundId, FundBalance>,
    requests: HashMap<RequestId, RequestBalance>,
    /// The funds and requests whose balances were derived for a partner,
    /// so a re-derivation forgets those that are gone.
    ledgers: HashMap<PartnerId, (Vec<FundId>, Vec<RequestId>)>,
    order: Vec<PartnerId>,
    /// Bumped whenever `order` is re-sorted (it survives a full
    /// re-derivation, so it never repeats).
    order_version: u64,
    errors: usize,
    warnings: usize,
}

impl Derived {
    /// Re-derives everything of the partners whose records are held
    /// (`held`; start-up, a new day, a reload), and the partner order.
    pub fn recompute_all(
        &mut self,
        program: &Program,
        held: impl Fn(PartnerId) -> bool,
        inputs: &Inputs<'_>,
    ) {
        *self = Derived {
            order_version: self.order_version,
            ..Derived::default()
        };
        for p in program.partners.iter() {
            if held(p.id) {
                self.recompute_partner(program, p.id, inputs);
            }
        }
        self.reorder(program);
    }

    /// Forgets a partner's figures: its records are no longer held
    /// (issue 13, item 1).
    pub fn forget_partner(&mut self, program: &Program, partner: PartnerId) {
        for c in program.campaigns.children(partner) {
            self.forget_campaign(c.id);
        }
        self.forget_figures(partner);
    }

    /// A partner's marks (docs/domain.md §6.2 G6, §6, §10): active
    /// campaigns, errors, warnings and readiness, as the Partners pane and
    /// the status bar show them, and as they are stored.
    pub fn marks(&self, partner: PartnerId) -> crate::store::summary::Summary {
        let (errors, warnings) = guardrails::counts(self.findings_of(partner));
        crate::store::summary::Summary {
            active: self.active(partner),
            errors,
            warnings,
            ready: self.ready(partner),
        }
    }

    /// Re-sorts the partner list (after a partner was added, renamed or
    /// deleted): by name, case-insensitive, then id.
    pub fn reorder(&mut self, program: &Program) {
        self.order_version = self.order_version.wrapping_add(1);
        self.order = program
            .partners_sorted()
            .into_iter()
            .map(|p| p.id)
            .collect();
    }

    /// Keeps the partner list in order after an edit touched `partners`
    /// (added, renamed, changed or deleted): each is taken out and put
    /// back where its name sorts, a few comparisons instead of a sort of
    /// every partner. The result is the order [`Derived::reorder`] gives;
    /// should the list not match the program's partners (it always does),
    /// it is re-sorted whole.
    pub fn reorder_partners(&mut self, program: &Program, partners: &BTreeSet<PartnerId>) {
        self.order_version = self.order_version.wrapping_add(1);
        self.order.retain(|id| !partners.contains(id));
        let key = |id: PartnerId| {
            program
                .partners
                .get(id)
                .map(|p| (p.name.to_lowercase(), id))
        };
        for &id in partners {
            let Some(k) = key(id) else {
                continue;
            };
            let at = self
                .order
                .partition_point(|&o| key(o).is_some_and(|ko| ko < k));
            self.order.insert(at, id);
        }
        if self.order.len() != program.partners.len() {
            self.reorder(program);
        }
    }

    /// How many times the partner list was re-sorted ([`Derived::reorder`],
    /// [`Derived::reorder_partners`]: a partner added, renamed, deleted or
    /// changed, a reload): the
    /// Partners pane's rows are rebuilt only when it moves.
    pub fn order_version(&self) -> u64 {
        self.order_version
    }

    /// Partner ids in display order (see [`Derived::reorder`]).
    pub fn partner_order(&self) -> &[PartnerId] {
        &self.order
    }

    /// Re-derives one partner: its findings, its active count, and the ROI
    /// and MDF money of each of its campaigns. A partner that no longer
    /// exists is forgotten.
    pub fn recompute_partner(
        &mut self,
        program: &Program,
        partner: PartnerId,
        inputs: &Inputs<'_>,
    ) {
        self.forget_figures(partner);
        if program.partners.get(partner).is_none() {
            return;
        }
        let ctx = Context {
            today: inputs.today,
            thresholds: inputs.thresholds,
            policies: inputs.policies,
            missing_files: inputs.missing_files,
            config_file: inputs.config_file,
        };
        // The partner's MDF ledger, derived once for the findings and the pane.
        let ledger = PartnerLedger::of(program, partner, inputs.policies, inputs.today);
        let mut found = guardrails::check_partner_with(program, partner, &ctx, &ledger);
        if let Some(evidence) = inputs.evidence {
            let reconciled = evidence.findings_of(partner);
            if !reconciled.is_empty() {
                found.extend(reconciled.iter().cloned());
                guardrails::sort_findings(&mut found);
            }
        }
        let (e, w) = guardrails::counts(&found);
        self.errors += e;
        self.warnings += w;
        self.findings.insert(partner, found);
        self.active
            .insert(partner, program.active_count(partner, inputs.today));
        self.ready.insert(
            partner,
            crate::domain::relationship::readiness(program, partner, inputs.today).complete(),
        );
        let fund_ids: Vec<FundId> = ledger.funds.keys().copied().collect();
        let request_ids: Vec<RequestId> = ledger.requests.keys().copied().collect();
        self.funds.extend(ledger.funds);
        self.requests.extend(ledger.requests);
        for c in program.campaigns.children(partner) {
            let mut sums = (Decimal::ZERO, Decimal::ZERO);
            for r in program.requests.children(c.id) {
                if let Some(b) = self.requests.get(&r.id) {
                    sums.0 += b.spent;
                    sums.1 += b.claimable;
                }
            }
            self.spent_claimable.insert(c.id, sums);
            let mdf = program.mdf_summary(c.id);
            let r = roi::of_campaign(
                c,
                program.results_of(c.id).map(|r| &r.value),
                mdf.reimbursed,
            );
            self.mdf.insert(c.id, mdf);
            self.roi.insert(c.id, r);
        }
        self.ledgers.insert(partner, (fund_ids, request_ids));
    }

    /// Forgets a partner's findings, counts and ledger balances.
    fn forget_figures(&mut self, partner: PartnerId) {
        if let Some(old) = self.findings.remove(&partner) {
            let (e, w) = guardrails::counts(&old);
            self.errors -= e;
            self.warnings -= w;
        }
        self.active.remove(&partner);
        self.ready.remove(&partner);
        if let Some((funds, requests)) = self.ledgers.remove(&partner) {
            for f in funds {
                self.funds.remove(&f);
            }
            for r in requests {
                self.requests.remove(&r);
            }
        }
    }

    /// Forgets a deleted campaign's figures.
    pub fn forget_campaign(&mut self, campaign: CampaignId) {
        self.roi.remove(&campaign);
        self.mdf.remove(&campaign);
        self.spent_claimable.remove(&campaign);
    }

    /// A campaign's MDF expenses in force and claimable amount, summed
    /// over its requests' ledgers (docs/domain.md §11).
    pub fn spent_claimable(&self, campaign: CampaignId) -> (Decimal, Decimal) {
        self.spent_claimable
            .get(&campaign)
            .copied()
            .unwrap_or_default()
    }

    /// A partner's findings, errors first.
    pub fn findings_of(&self, partner: PartnerId) -> &[Finding] {
        self.findings.get(&partner).map_or(&[], Vec::as_slice)
    }

    /// Every finding, sorted (errors first, then partner, campaign, rule).
    pub fn all_findings(&self) -> Vec<&Finding> {
        let mut v: Vec<&Finding> = self.findings.values().flatten().collect();
        v.sort_by(|a, b| guardrails::finding_order(a, b));
        v
    }

    /// `(errors, warnings)` over the whole program.
    pub fn counts(&self) -> (usize, usize) {
        (self.errors, self.warnings)
    }

    /// The worst severity among a partner's findings, if any.
    pub fn worst(&self, partner: PartnerId) -> Option<Severity> {
        self.findings_of(partner).iter().map(|f| f.severity).min()
    }

    /// The worst severity among one campaign's findings, if any.
    pub fn worst_of_campaign(&self, partner: PartnerId, campaign: CampaignId) -> Option<Severity> {
        self.findings_of(partner)
            .iter()
            .filter(|f| f.campaign_id == Some(campaign))
            .map(|f| f.severity)
            .min()
    }

    /// The worst severity of findings on one record.
    pub fn worst_of_record(&self, partner: PartnerId, record: RecordRef) -> Option<Severity> {
        self.findings_of(partner)
            .iter()
            .filter(|f| f.record == record)
            .map(|f| f.severity)
            .min()
    }

    /// A campaign's ROI figures (docs/domain.md §7).
    pub fn roi(&self, campaign: CampaignId) -> Option<&Roi> {
        self.roi.get(&campaign)
    }

    /// A campaign's MDF money (docs/domain.md §11).
    pub fn mdf(&self, campaign: CampaignId) -> MdfSummary {
        self.mdf.get(&campaign).copied().unwrap_or_default()
    }

    /// A fund's ledger balance (docs/domain.md §11).
    pub fn fund(&self, fund: FundId) -> Option<&FundBalance> {
        self.funds.get(&fund)
    }

    /// A request's ledger balance, with each expense's hold (docs/domain.md §11).
    pub fn request(&self, request: RequestId) -> Option<&RequestBalance> {
        self.requests.get(&request)
    }

    /// Whether a partner's readiness checklist is complete (docs/domain.md §10).
    pub fn ready(&self, partner: PartnerId) -> bool {
        self.ready.get(&partner).copied().unwrap_or(false)
    }

    /// A partner's active campaigns (docs/domain.md §6.2 G6).
    pub fn active(&self, partner: PartnerId) -> usize {
        self.active.get(&partner).copied().unwrap_or(0)
    }
}
