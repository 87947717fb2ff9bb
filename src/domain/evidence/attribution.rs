//! Who gets which class of which opportunity, and why (docs/domain.md
//! §15.2): the rules T1–T5 drop what never counts, then each partner is in
//! at most one class of an opportunity — sourced, influenced or
//! partner-assisted, the first that applies — with its reason in words.
//! Totals per partner and for the program follow "Dollars" (§15.2).
//!
//! Pure: "today" is a parameter (it is E for an open opportunity).

use super::index::{AccountEvidence, Index};
use super::{Evidence, EvidenceRules, Opportunity, OpportunityId, Outcome, TouchId, TouchKind};
use crate::domain::campaign::Campaign;
use crate::domain::dates::shift;
use crate::domain::ids::{CampaignId, PartnerId, Stored};
use crate::domain::keyed::keyed_enum;
use crate::domain::partner::Partner;
use crate::domain::program::Table;
use crate::domain::results::LeadSource;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

keyed_enum!(
    /// The class of a partner's part in an opportunity (docs/domain.md
    /// §15.2), in the order the rules try them.
    Class {
        /// The partner registered or referred it first (§15.2 rule 1).
        Sourced = ("sourced", "Sourced"),
        /// The partner touched it in the window before it was created, or
        /// a joint-campaign response came after (§15.2 rule 2).
        Influenced = ("influenced", "Influenced"),
        /// The partner took part in the sale after it was created (§15.2 rule 3).
        PartnerAssisted = ("partner_assisted", "Partner-assisted"),
    }
);

/// One partner's class of one opportunity (docs/domain.md §15.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// The partner credited.
    pub partner: PartnerId,
    /// The opportunity.
    pub opportunity: OpportunityId,
    /// Its class.
    pub class: Class,
    /// Why, in words naming the evidence and its day ("Northwind registered
    /// the deal on 2026-03-02, before our first touch on 2026-03-10").
    pub reason: String,
    /// The day of the evidence the reason names.
    pub evidence_on: NaiveDate,
}

/// A partner whose sourcing evidence lost under T5 (docs/domain.md §15.2,
/// §15.4 E1): the data of a disputed-ownership finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    /// The partner whose claim did not stand.
    pub partner: PartnerId,
    /// The opportunity.
    pub opportunity: OpportunityId,
    /// The partner that sources it; `None` when the earliest day is shared
    /// and nobody does.
    pub winner: Option<PartnerId>,
    /// The day of this partner's earliest sourcing evidence.
    pub on: NaiveDate,
    /// What is disputed, in words.
    pub reason: String,
}

/// Evidence dated outside a partner's agreement (docs/domain.md §15.2 T2,
/// §15.4 E4): a touch that did not count, or a credit on an opportunity
/// created outside the agreement (kept, and warned about).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideAgreement {
    /// The partner.
    pub partner: PartnerId,
    /// The opportunity it concerns.
    pub opportunity: OpportunityId,
    /// The touch, if a touch; `None` = the registering partner's
    /// registration, or a credit.
    pub touch: Option<TouchId>,
    /// The day outside the agreement.
    pub on: NaiveDate,
    /// What it is, in words.
    pub what: String,
}

/// Everything the rules say about one opportunity (docs/domain.md §15.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpportunityAttribution {
    /// The opportunity.
    pub opportunity: OpportunityId,
    /// Its amount, in the database's currency.
    pub amount: Decimal,
    /// Closed won: its amount is revenue too.
    pub won: bool,
    /// At most one per partner, at most one `Sourced`; by partner id.
    pub credits: Vec<Credit>,
    /// E1 data: partners whose sourcing evidence lost under T5.
    pub disputes: Vec<Dispute>,
    /// E4 data: touches dropped by T2, credits on an opportunity created
    /// outside the partner's agreement.
    pub outside_agreement: Vec<OutsideAgreement>,
    /// E5 data: partners credited sourced or influenced whose overlap marks
    /// the account as our excluded existing customer.
    pub excluded: Vec<PartnerId>,
}

impl OpportunityAttribution {
    /// This partner's credit, if any.
    pub fn credit_of(&self, partner: PartnerId) -> Option<&Credit> {
        self.credits.iter().find(|c| c.partner == partner)
    }
}

/// What the rules look up besides the evidence (docs/domain.md §15.2).
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// Partners: names for the reasons, agreement dates for T2.
    pub partners: &'a Table<Partner>,
    /// Campaigns: partner (whose joint campaign) and start (T4).
    pub campaigns: &'a Table<Campaign>,
    /// Window W and tolerance.
    pub rules: &'a EvidenceRules,
    /// Today: E of an open opportunity.
    pub today: NaiveDate,
    /// The database's currency: amounts in the reasons and findings.
    pub currency: crate::domain::currency::Currency,
}

impl Scope<'_> {
    /// The partner's name, or "partner N" when unknown.
    pub fn partner_name(&self, p: PartnerId) -> String {
        self.partners
            .get(p)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| format!("partner {p}"))
    }

    /// Whether `day` is within the partner's agreement (T2). A `None`
    /// bound, or an unknown partner, is unbounded (docs/domain.md §15.2).
    pub fn in_agreement(&self, p: PartnerId, day: NaiveDate) -> bool {
        self.partners.get(p).is_none_or(|s| {
            s.agreement_start.is_none_or(|a| a <= day) && s.agreement_end.is_none_or(|e| day <= e)
        })
    }

    fn campaign(&self, c: Option<CampaignId>) -> Option<&Stored<Campaign>> {
        c.and_then(|c| self.campaigns.get(c))
    }
}

/// A piece of evidence: its day and what the partner did, in words.
#[derive(Debug, Clone)]
struct Found {
    on: NaiveDate,
    what: String,
}

/// Keeps the earliest (the first seen on a tie).
fn keep(slot: &mut Option<Found>, on: NaiveDate, what: impl FnOnce() -> String) {
    if slot.as_ref().is_none_or(|f| on < f.on) {
        *slot = Some(Found { on, what: what() });
    }
}

#[derive(Debug, Default)]
struct Facts {
    sourcing: Option<Found>,
    influence: Option<Found>,
    assist: Option<Found>,
}

fn touch_words(kind: TouchKind, on_deal: bool) -> &'static str {
    match (kind, on_deal) {
        (TouchKind::DealRegistration, _) => "registered the deal",
        (TouchKind::Referral, true) => "referred the deal",
        (TouchKind::Referral, false) => "referred the account",
        (TouchKind::Introduction, _) => "made an introduction",
        (TouchKind::CoSellingMeeting, _) => "held a co-selling meeting",
        (TouchKind::CampaignResponse, _) => "had a joint-campaign response",
    }
}

/// The rules applied to one opportunity (docs/domain.md §15.2).
/// Builds the evidence index for this one call: to attribute many, use
/// [`attribute`]. Unknown opportunity: `None`.
pub fn attribute_opportunity(
    opportunity: OpportunityId,
    evidence: &Evidence,
    scope: &Scope<'_>,
) -> Option<OpportunityAttribution> {
    let opp = evidence.opportunities.get(opportunity)?;
    Some(attribute_with(&Index::build(evidence), opp, scope))
}

/// The rules on one opportunity with a prebuilt [`Index`].
pub(crate) fn attribute_with(
    index: &Index<'_>,
    opp: &Stored<Opportunity>,
    scope: &Scope<'_>,
) -> OpportunityAttribution {
    let c = opp.created_on;
    let e = opp.last_counting_day(scope.today);
    let w = scope.rules.window_days;
    let window_start = shift(c, -w);
    let response_start = shift(e, -w);
    // T1 too: an open opportunity dated after today has E before C.
    let in_window = |d: NaiveDate| window_start <= d && d <= c && d <= e;
    let empty = AccountEvidence::default();
    let acc = index.account(opp.account_id).unwrap_or(&empty);
    let before_ours = |d: NaiveDate| acc.first_ours.is_none_or(|o| d < o);
    let mut facts: BTreeMap<PartnerId, Facts> = BTreeMap::new();
    let mut outside = Vec::new();

    let on_opp = index.touches_on(opp.id).iter().map(|t| (t, true));
    for (t, on_deal) in on_opp.chain(acc.touches.iter().map(|t| (t, false))) {
        if t.on > e {
            continue; // T1
        }
        let words = touch_words(t.kind, on_deal);
        if !scope.in_agreement(t.partner_id, t.on) {
            outside.push(OutsideAgreement {
                partner: t.partner_id,
                opportunity: opp.id,
                touch: Some(t.id),
                on: t.on,
                what: format!("{} {words} on {}", scope.partner_name(t.partner_id), t.on),
            });
            continue; // T2
        }
        let f = facts.entry(t.partner_id).or_default();
        if t.kind.can_source() && t.on <= c && before_ours(t.on) {
            keep(&mut f.sourcing, t.on, || words.to_string());
        }
        let late_response =
            t.kind == TouchKind::CampaignResponse && c < t.on && response_start <= t.on;
        if in_window(t.on) || late_response {
            keep(&mut f.influence, t.on, || words.to_string());
        }
        if t.kind.assists() && c < t.on {
            keep(&mut f.assist, t.on, || words.to_string());
        }
    }
    if let Some(p) = opp.registered_by.filter(|_| c <= e) {
        // The registering partner: a deal registration on C (§15.1).
        if !scope.in_agreement(p, c) {
            outside.push(OutsideAgreement {
                partner: p,
                opportunity: opp.id,
                touch: None,
                on: c,
                what: format!("{} registered the deal on {c}", scope.partner_name(p)),
            });
        } else {
            let f = facts.entry(p).or_default();
            if before_ours(c) {
                keep(&mut f.sourcing, c, || "registered the deal".into());
            }
            keep(&mut f.influence, c, || "registered the deal".into());
        }
    }
    for o in &acc.overlaps {
        // T1 (after E) and T3 (after C) are outside the window anyway.
        if !o.excluded && in_window(o.snapshot_on) {
            let f = facts.entry(o.partner_id).or_default();
            keep(&mut f.influence, o.snapshot_on, || {
                format!(
                    "had the account in its overlap snapshot ({})",
                    o.population.label().to_lowercase()
                )
            });
        }
    }
    for l in &acc.leads {
        let Some(camp) = scope.campaign(l.campaign_id) else {
            continue;
        };
        let d = l.created_on;
        if d > e {
            continue; // T1
        }
        let f = facts.entry(camp.partner_id).or_default();
        let words = || format!("brought a lead through '{}'", camp.name);
        // T4: an opportunity created before the campaign started.
        if l.source == LeadSource::Partner && d <= c && camp.start <= c && before_ours(d) {
            keep(&mut f.sourcing, d, words);
        }
        if in_window(d) || (c < d && response_start <= d) {
            keep(&mut f.influence, d, words);
        }
    }
    if let Some(camp) = scope.campaign(opp.campaign_id)
        && camp.start <= c
        && c <= e
    {
        // Dated C: the CRM named it at creation (docs/domain.md §15.2).
        let f = facts.entry(camp.partner_id).or_default();
        keep(&mut f.influence, c, || {
            format!("ran its primary campaign '{}'", camp.name)
        });
    }

    classify(opp, acc, facts, outside, scope)
}

/// T5 and the classes, from each partner's earliest evidence.
fn classify(
    opp: &Stored<Opportunity>,
    acc: &AccountEvidence<'_>,
    facts: BTreeMap<PartnerId, Facts>,
    mut outside: Vec<OutsideAgreement>,
    scope: &Scope<'_>,
) -> OpportunityAttribution {
    let c = opp.created_on;
    let first_day = facts
        .values()
        .filter_map(|f| f.sourcing.as_ref().map(|s| s.on))
        .min();
    let earliest: Vec<PartnerId> = facts
        .iter()
        .filter(|(_, f)| f.sourcing.as_ref().map(|s| s.on) == first_day && first_day.is_some())
        .map(|(p, _)| *p)
        .collect();
    let winner = (earliest.len() == 1).then(|| earliest[0]);
    let ours = match acc.first_ours {
        Some(o) => format!("before our first touch on {o}"),
        None => "with no touch of ours on the account".to_string(),
    };
    // The claimants other than `p`, by name.
    let others = |claimants: &[PartnerId], p: PartnerId| {
        let names: Vec<String> = claimants
            .iter()
            .filter(|&&o| o != p)
            .map(|&o| scope.partner_name(o))
            .collect();
        crate::domain::words::and_list(&names)
    };
    let mut credits = Vec::new();
    let mut disputes = Vec::new();
    for (&p, f) in &facts {
        let name = scope.partner_name(p);
        if let Some(s) = &f.sourcing
            && Some(p) != winner
        {
            let why = match winner {
                Some(w) => format!(
                    "{} claimed it first, on {}",
                    scope.partner_name(w),
                    first_day.unwrap_or(s.on)
                ),
                None if Some(s.on) == first_day => format!(
                    "{} {} it the same day, so nobody sources it until the wrong evidence \
                     is removed",
                    others(&earliest, p),
                    if earliest.len() > 2 {
                        "claim"
                    } else {
                        "claims"
                    }
                ),
                None => format!(
                    "{} claimed it earlier, the same day ({}), so nobody sources it",
                    others(&earliest, p),
                    first_day.unwrap_or(s.on)
                ),
            };
            disputes.push(Dispute {
                partner: p,
                opportunity: opp.id,
                winner,
                on: s.on,
                reason: format!("{name} {} on {}, but {why}", s.what, s.on),
            });
        }
        let (class, found, tail) = match (&f.sourcing, &f.influence, &f.assist) {
            (Some(s), _, _) if Some(p) == winner => (Class::Sourced, s, ours.clone()),
            (_, Some(i), _) if i.on <= c => (
                Class::Influenced,
                i,
                format!("in the window before the opportunity was created on {c}"),
            ),
            (_, Some(i), _) => (
                Class::Influenced,
                i,
                format!("after the opportunity was created on {c}"),
            ),
            (_, _, Some(a)) => (
                Class::PartnerAssisted,
                a,
                format!("after the opportunity was created on {c}"),
            ),
            _ => continue,
        };
        credits.push(Credit {
            partner: p,
            opportunity: opp.id,
            class,
            reason: format!("{name} {} on {}, {tail}", found.what, found.on),
            evidence_on: found.on,
        });
    }
    for cr in &credits {
        if !scope.in_agreement(cr.partner, c) {
            outside.push(OutsideAgreement {
                partner: cr.partner,
                opportunity: opp.id,
                touch: None,
                on: c,
                what: format!(
                    "it is credited {} to {} and was created on {c}",
                    cr.class.label().to_lowercase(),
                    scope.partner_name(cr.partner)
                ),
            });
        }
    }
    let excluded = credits
        .iter()
        .filter(|cr| cr.class != Class::PartnerAssisted)
        .map(|cr| cr.partner)
        .filter(|p| {
            acc.overlaps
                .iter()
                .any(|o| o.partner_id == *p && o.excluded)
        })
        .collect();
    OpportunityAttribution {
        opportunity: opp.id,
        amount: opp.amount,
        won: opp.outcome == Outcome::Won,
        credits,
        disputes,
        outside_agreement: outside,
        excluded,
    }
}

/// Money per class (docs/domain.md §15.2 "Dollars"), database currency.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ClassTotals {
    /// Sourced.
    pub sourced: Decimal,
    /// Influenced.
    pub influenced: Decimal,
    /// Partner-assisted.
    pub partner_assisted: Decimal,
}

impl ClassTotals {
    /// The total of one class.
    pub fn get(&self, class: Class) -> Decimal {
        match class {
            Class::Sourced => self.sourced,
            Class::Influenced => self.influenced,
            Class::PartnerAssisted => self.partner_assisted,
        }
    }

    /// Adds `amount` to one class.
    pub fn add(&mut self, class: Class, amount: Decimal) {
        match class {
            Class::Sourced => self.sourced += amount,
            Class::Influenced => self.influenced += amount,
            Class::PartnerAssisted => self.partner_assisted += amount,
        }
    }
}

/// Pipeline and closed-won revenue per class (docs/domain.md §15.2 "Dollars").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Opportunities' amounts, every outcome.
    pub pipeline: ClassTotals,
    /// Won opportunities' amounts.
    pub won: ClassTotals,
}

impl Totals {
    fn add(&mut self, class: Class, o: &OpportunityAttribution) {
        self.pipeline.add(class, o.amount);
        if o.won {
            self.won.add(class, o.amount);
        }
    }
}

/// The rules over every opportunity (docs/domain.md §15.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    /// Each opportunity's attribution, by id.
    pub opportunities: BTreeMap<OpportunityId, OpportunityAttribution>,
}

/// Attributes every opportunity, building the evidence index once:
/// O(opportunities + evidence) (docs/domain.md §15.2).
pub fn attribute(evidence: &Evidence, scope: &Scope<'_>) -> Attribution {
    let index = Index::build(evidence);
    Attribution {
        opportunities: evidence
            .opportunities
            .iter()
            .map(|o| (o.id, attribute_with(&index, o, scope)))
            .collect(),
    }
}

impl Attribution {
    /// Every credit, by opportunity then partner.
    pub fn credits(&self) -> impl Iterator<Item = &Credit> {
        self.opportunities.values().flat_map(|o| o.credits.iter())
    }

    /// A partner's totals: each of its credits carries the opportunity's
    /// whole amount, once (docs/domain.md §15.2 "Dollars").
    pub fn partner_totals(&self, partner: PartnerId) -> Totals {
        let mut t = Totals::default();
        for o in self.opportunities.values() {
            if let Some(c) = o.credit_of(partner) {
                t.add(c.class, o);
            }
        }
        t
    }

    /// The program's totals: each opportunity at most once per class,
    /// whatever the number of partners in it (docs/domain.md §15.2
    /// "Dollars"), so no class exceeds the sum of the amounts.
    pub fn program_totals(&self) -> Totals {
        let mut t = Totals::default();
        for o in self.opportunities.values() {
            for class in Class::ALL {
                if o.credits.iter().any(|c| c.class == *class) {
                    t.add(*class, o);
                }
            }
        }
        t
    }
}
