//! The reconciliation findings E1–E6 (docs/domain.md §15.4, seed 004's
//! holds) as guardrail [`Finding`]s: what is wrong and what to do.
//! E1, E2 and E5 are errors (they hold MDF reimbursement evidence); E3, E4
//! and E6 are warnings.
//!
//! The record a finding points at is the evidence it is about: E1, E5 and
//! E4 on a credit the opportunity (`RecordRef::Opportunity`), E4 on a
//! touch the touch (`RecordRef::Touch`), E2 the unreconciled lead or
//! opportunity; E3 and E6 point at the campaign's results
//! (`RecordRef::Results`), the figure to correct. The partner and campaign
//! a finding is filed under do not depend on the record.

use super::attribution::{Attribution, Class, Scope};
use super::campaign::{PrimaryIndex, campaign_evidence_with};
use super::{Evidence, Opportunity, OpportunityId};
use crate::domain::guardrails::{Finding, Rule, Severity, sort_findings};
use crate::domain::ids::{CampaignId, PartnerId, RecordRef, Stored};
use crate::domain::program::Table;
use crate::domain::results::CampaignResults;
use rust_decimal::Decimal;

/// Whether `reported` is more than `percent` % of `evidenced` away from it
/// (docs/domain.md §15.3, E6): |reported − evidenced| > |evidenced| ×
/// percent ÷ 100. The boundary itself is within; with nothing evidenced
/// any reported figure above zero is beyond.
pub fn beyond_tolerance(reported: Decimal, evidenced: Decimal, percent: Decimal) -> bool {
    (reported - evidenced).abs() > evidenced.abs() * percent / Decimal::ONE_HUNDRED
}

fn finding(
    rule: Rule,
    partner_id: PartnerId,
    campaign_id: Option<CampaignId>,
    record: RecordRef,
    message: String,
) -> Finding {
    let severity = match rule {
        Rule::E1 | Rule::E2 | Rule::E5 => Severity::Error,
        _ => Severity::Warning,
    };
    Finding {
        rule,
        severity,
        partner_id,
        campaign_id,
        record,
        message,
        since: None,
    }
}

fn opportunity_words(o: &Stored<Opportunity>, scope: &Scope<'_>) -> String {
    format!(
        "Opportunity '{}' ({}, {})",
        o.name,
        o.crm_id,
        scope.currency.format(o.amount)
    )
}

/// Every reconciliation finding (docs/domain.md §15.4), sorted by
/// [`sort_findings`]. `attribution` is [`super::attribution::attribute`]
/// of the same evidence and scope; `results` the campaigns' reported
/// figures (E3, E6).
///
/// E2 needs a partner to file the finding under: an unreconciled lead is
/// its campaign's partner's, an opportunity its registering partner's or
/// its primary campaign's partner's; one with neither is not reported
/// until findings can be partner-less (docs/domain.md §15.2).
pub fn reconcile(
    evidence: &Evidence,
    attribution: &Attribution,
    results: &Table<CampaignResults>,
    scope: &Scope<'_>,
) -> Vec<Finding> {
    let any = !evidence.opportunities.is_empty();
    reconcile_with(evidence, attribution, results, scope, any)
}

/// [`reconcile`] on part of the evidence (one partner's closure), told
/// whether the program holds any opportunity (E3 applies only then).
pub fn reconcile_with(
    evidence: &Evidence,
    attribution: &Attribution,
    results: &Table<CampaignResults>,
    scope: &Scope<'_>,
    program_has_opportunities: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let opp = |id: OpportunityId| evidence.opportunities.get(id);
    for a in attribution.opportunities.values() {
        let Some(o) = opp(a.opportunity) else {
            continue;
        };
        for d in &a.disputes {
            out.push(finding(
                Rule::E1,
                d.partner,
                None,
                RecordRef::Opportunity(o.id),
                format!(
                    "{}: {}. Decide with the partners which claim stands; remove the \
                     other touch (d in the account's journey).",
                    opportunity_words(o, scope),
                    d.reason
                ),
            ));
        }
        for x in a.outside_agreement.iter().filter(|x| x.touch.is_none()) {
            out.push(finding(
                Rule::E4,
                x.partner,
                None,
                RecordRef::Opportunity(o.id),
                format!(
                    "{}: {}, outside {}'s agreement{}. Extend the agreement's dates if it was \
                     in force, or leave it uncounted.",
                    opportunity_words(o, scope),
                    x.what,
                    scope.partner_name(x.partner),
                    agreement_words(scope, x.partner)
                ),
            ));
        }
        for &p in &a.excluded {
            let class = a.credit_of(p).map_or(Class::Influenced, |c| c.class);
            let name = scope.partner_name(p);
            out.push(finding(
                Rule::E5,
                p,
                None,
                RecordRef::Opportunity(o.id),
                format!(
                    "{} is credited {} to {name}, but {name}'s overlap marks the account as our \
                     excluded existing customer. Take it out of {name}'s figures, or correct \
                     the overlap.",
                    opportunity_words(o, scope),
                    class.label().to_lowercase()
                ),
            ));
        }
    }
    // E4 on touches: every touch up to today, once, whatever it touches.
    for t in evidence.touches.iter() {
        if t.on <= scope.today && !scope.in_agreement(t.partner_id, t.on) {
            let name = scope.partner_name(t.partner_id);
            out.push(finding(
                Rule::E4,
                t.partner_id,
                t.campaign_id,
                RecordRef::Touch(t.id),
                format!(
                    "{name}'s {} touch on {} is outside its agreement{}, so it does not count. \
                     Extend the agreement's dates if it was in force, or leave it uncounted.",
                    t.kind.label().to_lowercase(),
                    t.on,
                    agreement_words(scope, t.partner_id)
                ),
            ));
        }
    }
    unreconciled(evidence, scope, &mut out);
    let primary = PrimaryIndex::build(evidence);
    for r in results.iter() {
        reported_against_evidence(
            r,
            &primary,
            (evidence, program_has_opportunities),
            attribution,
            scope,
            &mut out,
        );
    }
    sort_findings(&mut out);
    out
}

fn agreement_words(scope: &Scope<'_>, p: PartnerId) -> String {
    let Some(partner) = scope.partners.get(p) else {
        return String::new();
    };
    let day = |d: Option<chrono::NaiveDate>| d.map_or("open".to_string(), |d| d.to_string());
    format!(
        " ({} to {})",
        day(partner.agreement_start),
        day(partner.agreement_end)
    )
}

/// E2: leads and opportunities with no account, or one jmo does not have.
fn unreconciled(evidence: &Evidence, scope: &Scope<'_>, out: &mut Vec<Finding>) {
    let missing =
        |a: Option<super::AccountId>| a.is_none_or(|a| evidence.accounts.get(a).is_none());
    let todo = "Import the accounts, or fix the account in the CRM and import again.";
    let named = |r: &str| {
        if r.is_empty() {
            "no account".to_string()
        } else {
            format!("the account '{r}', which jmo does not have")
        }
    };
    for l in evidence.leads.iter().filter(|l| missing(l.account_id)) {
        let Some(c) = l.campaign_id.and_then(|c| scope.campaigns.get(c)) else {
            continue;
        };
        out.push(finding(
            Rule::E2,
            c.partner_id,
            Some(c.id),
            RecordRef::Lead(l.id),
            format!(
                "Lead {} of '{}' names {}. {todo}",
                l.crm_id,
                c.name,
                named(&l.account_ref)
            ),
        ));
    }
    for o in evidence
        .opportunities
        .iter()
        .filter(|o| missing(o.account_id))
    {
        let campaign = o.campaign_id.and_then(|c| scope.campaigns.get(c));
        let Some(p) = o.registered_by.or(campaign.map(|c| c.partner_id)) else {
            continue;
        };
        out.push(finding(
            Rule::E2,
            p,
            campaign.filter(|c| c.partner_id == p).map(|c| c.id),
            RecordRef::Opportunity(o.id),
            format!(
                "{} names {}. {todo}",
                opportunity_words(o, scope),
                named(&o.account_ref)
            ),
        ));
    }
}

/// E3 and E6 for one campaign's reported results.
fn reported_against_evidence(
    r: &Stored<CampaignResults>,
    primary: &PrimaryIndex,
    (evidence, any_opportunity): (&Evidence, bool),
    attribution: &Attribution,
    scope: &Scope<'_>,
    out: &mut Vec<Finding>,
) {
    let Some(c) = scope.campaigns.get(r.campaign_id) else {
        return;
    };
    let ev = campaign_evidence_with(c.id, primary, evidence, attribution, scope);
    let partner = scope.partner_name(c.partner_id);
    let record = RecordRef::Results(r.id);
    if let Some(claimed) = r.pipeline_influenced.filter(|v| *v > Decimal::ZERO)
        && any_opportunity
        && !ev
            .opportunities
            .iter()
            .any(|(_, k, _)| *k == Class::Influenced)
    {
        out.push(finding(
            Rule::E3,
            c.partner_id,
            Some(c.id),
            record,
            format!(
                "'{}' reports {} of influenced pipeline, but no opportunity is \
                 influenced by {partner} through it. Attach the touches, or correct the \
                 reported figure.",
                c.name,
                scope.currency.format(claimed)
            ),
        ));
    }
    if !ev.has_evidence() {
        return; // §15.3: without evidence the reported figures stand.
    }
    // (what, reported, evidenced, money: shown in the currency)
    let figures = [
        (
            "leads",
            r.leads.map(Decimal::from),
            Decimal::from(ev.leads),
            false,
        ),
        (
            "MQLs",
            r.mqls.map(Decimal::from),
            Decimal::from(ev.mqls),
            false,
        ),
        (
            "sourced pipeline",
            r.pipeline_sourced,
            ev.pipeline.get(Class::Sourced),
            true,
        ),
        (
            "influenced pipeline",
            r.pipeline_influenced,
            ev.pipeline.get(Class::Influenced),
            true,
        ),
        (
            "partner-assisted pipeline",
            r.pipeline_partner_assisted,
            ev.pipeline.get(Class::PartnerAssisted),
            true,
        ),
        ("closed-won revenue", r.revenue, ev.won_revenue, true),
    ];
    let shown = |v: Decimal, money: bool| {
        if money {
            scope.currency.format(v)
        } else {
            v.to_string()
        }
    };
    let pct = scope.rules.tolerance_percent;
    for (what, reported, evidenced, money) in figures {
        let Some(reported) = reported else { continue };
        if beyond_tolerance(reported, evidenced, pct) {
            let (reported, evidenced) = (shown(reported, money), shown(evidenced, money));
            out.push(finding(
                Rule::E6,
                c.partner_id,
                Some(c.id),
                record,
                format!(
                    "'{}' reports {reported} {what}; the evidence shows {evidenced}, more than \
                     {pct} % apart. Correct the results, or import the missing evidence.",
                    c.name
                ),
            ));
        }
    }
}

/// One partner's reconciliation findings (docs/domain.md §15.4), sorted
/// as [`crate::domain::guardrails::sort_findings`]: the rules applied to
/// `evidence` (closed for the partner, as `Store::evidence_of_partner`
/// reads it) and only the findings filed under `partner`, so each
/// partner's run gives each finding once across the program.
/// `program_has_opportunities`: whether the whole program holds any
/// (E3), which the partner's closure alone cannot tell.
pub fn partner_findings(
    partner: crate::domain::ids::PartnerId,
    evidence: &Evidence,
    results: &Table<CampaignResults>,
    scope: &Scope<'_>,
    program_has_opportunities: bool,
) -> Vec<Finding> {
    let attribution = super::attribution::attribute(evidence, scope);
    let mut out: Vec<Finding> = reconcile_with(
        evidence,
        &attribution,
        results,
        scope,
        program_has_opportunities,
    )
    .into_iter()
    .filter(|f| f.partner_id == partner)
    .collect();
    crate::domain::guardrails::sort_findings(&mut out);
    out
}
