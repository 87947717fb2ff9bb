//! An account's journey (docs/domain.md §15.5): every touch, lead,
//! joint-campaign response, overlap snapshot and opportunity on one
//! account, in date order, each on its side — ours or a partner's — so a
//! partner marketer sees in one list why an opportunity is in the class
//! it is in.

use super::attribution::{Attribution, Class, Scope};
use super::{AccountId, Evidence, LeadId, OpportunityId, Outcome, OverlapId, TouchId};
use crate::domain::ids::PartnerId;
use crate::domain::results::LeadSource;
use chrono::NaiveDate;

/// Whose side a journey step is on (docs/domain.md §15.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// Our company: our own, paid or organic leads, the CRM's opportunity.
    Ours,
    /// A partner: its touches, its overlap snapshots, the leads of its
    /// promotion, its deal registrations.
    Partner(PartnerId),
}

/// The record a journey step comes from (Enter on a step opens it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Step {
    /// A partner's touch.
    Touch(TouchId),
    /// A lead was created.
    Lead(LeadId),
    /// A lead became an MQL.
    Mql(LeadId),
    /// The account was in a partner's overlap snapshot.
    Snapshot(OverlapId),
    /// An opportunity was created (with its class per partner).
    Created(OpportunityId),
    /// An opportunity closed (won or lost).
    Closed(OpportunityId),
}

/// One step of an account's journey (docs/domain.md §15.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JourneyStep {
    /// The day.
    pub on: NaiveDate,
    /// Ours or the partner's.
    pub side: Side,
    /// The record it comes from.
    pub step: Step,
    /// What happened, in words ("Northwind: deal registration on Acme
    /// renewal", "Opportunity Acme renewal created: 48,000, Prospecting;
    /// Northwind sourced it").
    pub what: String,
    /// Whether it counts as evidence today: a touch or a snapshot dated
    /// after today is planned, not evidence (T1); a touch outside its
    /// partner's agreement does not count (T2).
    pub counts: bool,
}

/// The journey of `account`: every evidence record on it (and on its
/// opportunities), in date order; on one day, ours before the partners'
/// (by partner id), then by record. `attribution` gives each created
/// opportunity's classes; amounts are written in `currency`. Unknown
/// account: empty. Cost: the account's own
/// records, through the evidence's tables by parent where they have one.
pub fn journey(
    account: AccountId,
    evidence: &Evidence,
    attribution: &Attribution,
    scope: &Scope<'_>,
    currency: crate::domain::Currency,
) -> Vec<JourneyStep> {
    let mut steps = Vec::new();
    let name = |p: PartnerId| scope.partner_name(p);
    let campaign_name = |c: Option<crate::domain::ids::CampaignId>| {
        c.and_then(|c| scope.campaigns.get(c))
            .map(|c| format!(" ({})", c.name))
            .unwrap_or_default()
    };
    let opportunities: Vec<_> = evidence.opportunities.children(Some(account)).collect();
    let opportunity_name = |o: Option<OpportunityId>| {
        o.and_then(|o| evidence.opportunities.get(o))
            .map(|o| format!(" on {}", o.name))
            .unwrap_or_default()
    };
    for t in evidence.touches.iter() {
        let on_account = t.account_id == Some(account)
            || t.opportunity_id
                .and_then(|o| evidence.opportunities.get(o))
                .is_some_and(|o| o.account_id == Some(account));
        if !on_account {
            continue;
        }
        steps.push(JourneyStep {
            on: t.on,
            side: Side::Partner(t.partner_id),
            step: Step::Touch(t.id),
            what: format!(
                "{}: {}{}{}{}",
                name(t.partner_id),
                t.kind.label().to_lowercase(),
                opportunity_name(t.opportunity_id),
                campaign_name(t.campaign_id),
                if t.note.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", t.note)
                },
            ),
            counts: t.on <= scope.today && scope.in_agreement(t.partner_id, t.on),
        });
    }
    for o in evidence.overlaps.iter().filter(|o| o.account_id == account) {
        let excluded = if o.excluded {
            "; our existing customer, excluded"
        } else {
            ""
        };
        steps.push(JourneyStep {
            on: o.snapshot_on,
            side: Side::Partner(o.partner_id),
            step: Step::Snapshot(o.id),
            what: format!(
                "{}'s overlap snapshot: {}{excluded}",
                name(o.partner_id),
                o.population.label().to_lowercase()
            ),
            counts: o.snapshot_on <= scope.today && !o.excluded,
        });
    }
    for l in evidence
        .leads
        .iter()
        .filter(|l| l.account_id == Some(account))
    {
        let partner = l
            .campaign_id
            .and_then(|c| scope.campaigns.get(c))
            .map(|c| c.partner_id);
        let side = match (l.source, partner) {
            (LeadSource::Partner, Some(p)) => Side::Partner(p),
            _ => Side::Ours,
        };
        steps.push(JourneyStep {
            on: l.created_on,
            side,
            step: Step::Lead(l.id),
            what: format!(
                "Lead {} from {}{}",
                l.crm_id,
                source_words(l.source),
                campaign_name(l.campaign_id)
            ),
            counts: l.created_on <= scope.today,
        });
        if let Some(m) = l.mql_on {
            steps.push(JourneyStep {
                on: m,
                side,
                step: Step::Mql(l.id),
                what: format!("Lead {} became an MQL", l.crm_id),
                counts: m <= scope.today,
            });
        }
    }
    for o in opportunities {
        let classes = attribution
            .opportunities
            .get(&o.id)
            .map(|a| {
                a.credits
                    .iter()
                    .map(|c| format!("{} {}", name(c.partner), class_words(c.class)))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let credited = if classes.is_empty() {
            "; no partner class".to_owned()
        } else {
            format!("; {classes}")
        };
        let registered = o
            .registered_by
            .map(|p| format!("; registered by {}", name(p)))
            .unwrap_or_default();
        steps.push(JourneyStep {
            on: o.created_on,
            side: Side::Ours,
            step: Step::Created(o.id),
            what: format!(
                "Opportunity {} created: {}{}{registered}{credited}",
                o.name,
                currency.format(o.amount),
                if o.stage.is_empty() {
                    String::new()
                } else {
                    format!(", {}", o.stage)
                },
            ),
            counts: o.created_on <= scope.today,
        });
        if o.is_closed() {
            steps.push(JourneyStep {
                on: o.close_on,
                side: Side::Ours,
                step: Step::Closed(o.id),
                what: format!(
                    "Opportunity {} {}",
                    o.name,
                    match o.outcome {
                        Outcome::Won => "closed won",
                        _ => "closed lost",
                    }
                ),
                counts: o.close_on <= scope.today,
            });
        }
    }
    steps.sort_by_key(|a| (a.on, a.side, a.step));
    steps
}

/// The source of a lead, in words.
fn source_words(source: LeadSource) -> &'static str {
    match source {
        LeadSource::Ours => "our promotion",
        LeadSource::Partner => "the partner's promotion",
        LeadSource::Paid => "paid ads",
        LeadSource::Organic => "organic search",
    }
}

/// A class as a verb phrase: "sourced", "influenced", "assisted".
pub fn class_words(class: Class) -> &'static str {
    match class {
        Class::Sourced => "sourced",
        Class::Influenced => "influenced",
        Class::PartnerAssisted => "assisted",
    }
}
