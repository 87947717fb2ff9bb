//! A campaign's evidence (docs/domain.md §15.2 "A campaign's evidence",
//! §15.3): its leads and MQLs, and the opportunities attributed to it with
//! its partner's class of each, the figures shown beside the reported ones.

use super::attribution::{Attribution, Class, ClassTotals, Scope};
use super::{Evidence, OpportunityId};
use crate::domain::dates::shift;
use crate::domain::ids::CampaignId;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashMap};

/// What the evidence supports for one campaign (docs/domain.md §15.2–§15.3).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignEvidence {
    /// Leads of the campaign created on or before today (count).
    pub leads: i64,
    /// Those that became an MQL on or before today (count, by MQL day).
    pub mqls: i64,
    /// The leads by source, in [`crate::domain::results::LeadSource::ALL`]
    /// order (ours, partner, paid, organic; counts).
    pub lead_sources: [i64; 4],
    /// Evidenced pipeline per class: the attributed opportunities' amounts
    /// in the campaign's partner's class of each, database currency.
    pub pipeline: ClassTotals,
    /// Evidenced closed-won revenue: the same over the won ones.
    pub won_revenue: Decimal,
    /// The attributed opportunities its partner has a class on, with the
    /// class and the credit's reason, by id.
    pub opportunities: Vec<(OpportunityId, Class, String)>,
}

impl CampaignEvidence {
    /// The campaign's results with the evidenced figures in place of the
    /// reported ones (docs/domain.md §15.3): leads, MQLs, pipeline per
    /// class, closed-won revenue and the leads' sources from the evidence;
    /// targets, reach and the rest as reported (`reported`, or none).
    pub fn as_results(
        &self,
        campaign: CampaignId,
        reported: Option<&crate::domain::results::CampaignResults>,
    ) -> crate::domain::results::CampaignResults {
        let mut r = reported.cloned().unwrap_or_default();
        r.campaign_id = campaign;
        r.leads = Some(self.leads);
        r.mqls = Some(self.mqls);
        let [ours, partner, paid, organic] = self.lead_sources;
        r.leads_ours = Some(ours);
        r.leads_partner = Some(partner);
        r.leads_paid = Some(paid);
        r.leads_organic = Some(organic);
        r.pipeline_sourced = Some(self.pipeline.sourced);
        r.pipeline_influenced = Some(self.pipeline.influenced);
        r.pipeline_partner_assisted = Some(self.pipeline.partner_assisted);
        r.revenue = Some(self.won_revenue);
        r
    }

    /// Whether the campaign has evidence (docs/domain.md §15.3): a lead or
    /// an opportunity attributed to it. Without, the reported figures stand.
    pub fn has_evidence(&self) -> bool {
        self.leads > 0 || !self.opportunities.is_empty()
    }
}

/// The evidence of one campaign (docs/domain.md §15.2 "A campaign's
/// evidence"). Attributed: the opportunities naming it as primary
/// campaign, and those on an account where one of its leads was created in
/// the window before C (C − W ≤ created ≤ C). An opportunity its partner
/// has no class on is not the campaign's pipeline. Unknown campaign: empty.
/// Scans the opportunities for the primary campaign: for many campaigns use
/// [`PrimaryIndex`] and [`campaign_evidence_with`].
pub fn campaign_evidence(
    campaign_id: CampaignId,
    evidence: &Evidence,
    attribution: &Attribution,
    scope: &Scope<'_>,
) -> CampaignEvidence {
    let primary = PrimaryIndex::build(evidence);
    campaign_evidence_with(campaign_id, &primary, evidence, attribution, scope)
}

/// The opportunities naming each campaign as primary campaign, built in
/// one pass over the opportunities (docs/domain.md §15.2).
#[derive(Debug, Default)]
pub struct PrimaryIndex(HashMap<CampaignId, Vec<OpportunityId>>);

impl PrimaryIndex {
    /// Groups the opportunities by primary campaign: O(opportunities).
    pub fn build(evidence: &Evidence) -> Self {
        let mut map: HashMap<CampaignId, Vec<OpportunityId>> = HashMap::new();
        for o in evidence.opportunities.iter() {
            if let Some(c) = o.campaign_id {
                map.entry(c).or_default().push(o.id);
            }
        }
        PrimaryIndex(map)
    }

    fn of(&self, c: CampaignId) -> &[OpportunityId] {
        self.0.get(&c).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// [`campaign_evidence`] with a prebuilt [`PrimaryIndex`]:
/// O(the campaign's leads + the opportunities on their accounts).
pub fn campaign_evidence_with(
    campaign_id: CampaignId,
    primary: &PrimaryIndex,
    evidence: &Evidence,
    attribution: &Attribution,
    scope: &Scope<'_>,
) -> CampaignEvidence {
    let mut out = CampaignEvidence::default();
    let Some(campaign) = scope.campaigns.get(campaign_id) else {
        return out;
    };
    let w = scope.rules.window_days;
    let leads: Vec<_> = evidence
        .leads
        .children(Some(campaign_id))
        .filter(|l| l.created_on <= scope.today)
        .collect();
    out.leads = leads.len() as i64;
    for l in &leads {
        if let Some(i) = crate::domain::results::LeadSource::ALL
            .iter()
            .position(|s| *s == l.source)
        {
            out.lead_sources[i] += 1;
        }
    }
    out.mqls = leads
        .iter()
        .filter(|l| l.mql_on.is_some_and(|m| m <= scope.today))
        .count() as i64;

    let mut attributed: BTreeSet<OpportunityId> = primary.of(campaign_id).iter().copied().collect();
    let lead_days: BTreeSet<_> = leads
        .iter()
        .filter_map(|l| l.account_id.map(|a| (a, l.created_on)))
        .collect();
    let accounts: BTreeSet<_> = lead_days.iter().map(|(a, _)| *a).collect();
    for account in accounts {
        for o in evidence.opportunities.children(Some(account)) {
            let c = o.created_on;
            let mut in_window = lead_days.range((account, shift(c, -w))..=(account, c));
            if in_window.next().is_some() {
                attributed.insert(o.id);
            }
        }
    }
    for id in attributed {
        let Some(o) = attribution.opportunities.get(&id) else {
            continue;
        };
        let Some(credit) = o.credit_of(campaign.partner_id) else {
            continue;
        };
        out.pipeline.add(credit.class, o.amount);
        if o.won {
            out.won_revenue += o.amount;
        }
        out.opportunities
            .push((id, credit.class, credit.reason.clone()));
    }
    out
}

/// Every campaign's evidenced results (docs/domain.md §15.3), for the
/// dashboard and the program report: `evidence` attributed once, then for
/// each campaign of `scope` that has evidence
/// ([`CampaignEvidence::has_evidence`]) its results with the evidenced
/// figures in place of the reported ones (`reported` gives those, by
/// campaign; [`CampaignEvidence::as_results`]). A campaign without
/// evidence is absent: its reported figures stand.
pub fn evidenced_results<'r>(
    evidence: &Evidence,
    scope: &Scope<'_>,
    reported: impl Fn(CampaignId) -> Option<&'r crate::domain::results::CampaignResults>,
) -> std::collections::BTreeMap<CampaignId, crate::domain::results::CampaignResults> {
    let attribution = super::attribution::attribute(evidence, scope);
    let primary = PrimaryIndex::build(evidence);
    scope
        .campaigns
        .iter()
        .filter_map(|c| {
            let figures = campaign_evidence_with(c.id, &primary, evidence, &attribution, scope);
            figures
                .has_evidence()
                .then(|| (c.id, figures.as_results(c.id, reported(c.id))))
        })
        .collect()
}
