//! Tests of the attribution rules (docs/domain.md §15.2), each at its
//! boundary, and of the reconciliation findings (§15.4). Literals are
//! computed by hand: C = 2026-06-01, so C − 90 = 2026-03-03 and
//! C − 91 = 2026-03-02.

use super::attribution::{Attribution, Class, Credit, Scope, attribute};
use super::reconcile::reconcile;
use super::*;
use crate::domain::campaign::{Campaign, CampaignStatus, CampaignType};
use crate::domain::guardrails::{Finding, Rule, Severity};
use crate::domain::ids::Stored;
use crate::domain::partner::Partner;
use crate::domain::program::Program;
use crate::domain::results::LeadSource;
use rust_decimal_macros::dec;

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The opportunities' creation day in these tests.
pub(super) const C: &str = "2026-06-01";

pub(super) struct World {
    pub program: Program,
    pub evidence: Evidence,
    pub rules: EvidenceRules,
    pub today: NaiveDate,
    next: i64,
}

impl World {
    pub fn new() -> Self {
        World {
            program: Program::default(),
            evidence: Evidence::default(),
            rules: EvidenceRules::default(),
            today: d("2026-12-01"),
            next: 0,
        }
    }

    fn id(&mut self) -> i64 {
        self.next += 1;
        self.next
    }

    pub fn partner(&mut self, name: &str) -> PartnerId {
        let id = PartnerId(self.id());
        let p = Partner {
            name: name.into(),
            ..Partner::default()
        };
        self.program.partners.upsert(Stored::new(id, p));
        id
    }

    pub fn campaign(&mut self, partner: PartnerId, start: &str) -> CampaignId {
        let id = CampaignId(self.id());
        let c = Campaign {
            partner_id: partner,
            name: format!("Webinar {}", id.0),
            campaign_type: CampaignType::Webinar,
            playbook: None,
            status: CampaignStatus::Live,
            audience: String::new(),
            start: d(start),
            launch: d(start),
            end: d(start),
            budget: dec!(5000),
            internal_cost: dec!(0),
            lead_target: None,
            crm_id: None,
            attribution_agreed: true,
            uses_partner_data: false,
        };
        self.program.campaigns.upsert(Stored::new(id, c));
        id
    }

    pub fn account(&mut self) -> AccountId {
        let id = AccountId(self.id());
        let a = Account {
            crm_id: format!("A{}", id.0),
            name: format!("Acme {}", id.0),
            domain: String::new(),
            owner: String::new(),
        };
        self.evidence.accounts.upsert(Stored::new(id, a));
        id
    }

    /// An opportunity created on `created`, closing on `close`.
    pub fn opp(
        &mut self,
        account: AccountId,
        created: &str,
        close: &str,
        outcome: Outcome,
        amount: Decimal,
    ) -> OpportunityId {
        let id = OpportunityId(self.id());
        let o = Opportunity {
            crm_id: format!("O{}", id.0),
            account_id: Some(account),
            account_ref: String::new(),
            name: format!("Deal {}", id.0),
            amount,
            stage: String::new(),
            created_on: d(created),
            close_on: d(close),
            outcome,
            lead_source: String::new(),
            registered_by: None,
            campaign_id: None,
        };
        self.evidence.opportunities.upsert(Stored::new(id, o));
        id
    }

    /// A won opportunity of $1,000 created on C, closed 2026-09-01.
    pub fn won(&mut self, account: AccountId) -> OpportunityId {
        self.opp(account, C, "2026-09-01", Outcome::Won, dec!(1000))
    }

    pub fn edit_opp(&mut self, id: OpportunityId, f: impl FnOnce(&mut Opportunity)) {
        let mut o = self.evidence.opportunities.get(id).unwrap().clone();
        f(&mut o.value);
        self.evidence.opportunities.upsert(o);
    }

    pub fn touch(&mut self, p: PartnerId, a: AccountId, on: &str, kind: TouchKind) -> TouchId {
        self.touch_on(p, Some(a), None, on, kind)
    }

    pub fn touch_on(
        &mut self,
        p: PartnerId,
        account: Option<AccountId>,
        opportunity: Option<OpportunityId>,
        on: &str,
        kind: TouchKind,
    ) -> TouchId {
        let id = TouchId(self.id());
        let t = Touch {
            partner_id: p,
            account_id: account,
            opportunity_id: opportunity,
            on: d(on),
            kind,
            campaign_id: None,
            crm_id: String::new(),
            note: String::new(),
        };
        self.evidence.touches.upsert(Stored::new(id, t));
        id
    }

    pub fn lead(
        &mut self,
        account: Option<AccountId>,
        campaign: Option<CampaignId>,
        source: LeadSource,
        created: &str,
    ) -> LeadId {
        let id = LeadId(self.id());
        let l = Lead {
            crm_id: format!("L{}", id.0),
            account_id: account,
            account_ref: "acme.example".into(),
            campaign_id: campaign,
            source,
            created_on: d(created),
            mql_on: None,
        };
        self.evidence.leads.upsert(Stored::new(id, l));
        id
    }

    pub fn overlap(&mut self, p: PartnerId, a: AccountId, on: &str, excluded: bool) {
        let id = OverlapId(self.id());
        let o = Overlap {
            partner_id: p,
            account_id: a,
            population: Population::Prospect,
            snapshot_on: d(on),
            excluded,
        };
        self.evidence.overlaps.upsert(Stored::new(id, o));
    }

    pub fn scope(&self) -> Scope<'_> {
        Scope {
            partners: &self.program.partners,
            campaigns: &self.program.campaigns,
            rules: &self.rules,
            today: self.today,
            currency: self.program.currency,
        }
    }

    pub fn attribute(&self) -> Attribution {
        attribute(&self.evidence, &self.scope())
    }

    pub fn credits(&self, o: OpportunityId) -> Vec<Credit> {
        self.attribute().opportunities[&o].credits.clone()
    }

    /// The (partner, class) pairs of an opportunity.
    pub fn classes(&self, o: OpportunityId) -> Vec<(PartnerId, Class)> {
        self.credits(o)
            .iter()
            .map(|c| (c.partner, c.class))
            .collect()
    }

    pub fn findings(&self) -> Vec<Finding> {
        reconcile(
            &self.evidence,
            &self.attribute(),
            &self.program.results,
            &self.scope(),
        )
    }
}

pub(super) fn rules_of(f: &[Finding]) -> Vec<(Rule, Severity, PartnerId)> {
    f.iter()
        .map(|f| (f.rule, f.severity, f.partner_id))
        .collect()
}

#[test]
fn the_window_counts_a_touch_90_days_before_c_and_not_91() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.won(a);
    w.touch(p, a, "2026-03-02", TouchKind::Introduction);
    assert_eq!(w.classes(o), []);
    w.touch(p, a, "2026-03-03", TouchKind::Introduction);
    let c = &w.credits(o)[0];
    assert_eq!(c.class, Class::Influenced);
    assert_eq!(c.evidence_on, d("2026-03-03"));
    assert_eq!(
        c.reason,
        "Northwind made an introduction on 2026-03-03, in the window before the \
         opportunity was created on 2026-06-01"
    );
}

#[test]
fn t1_a_touch_the_day_after_close_never_counts() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.won(a); // closed 2026-09-01
    w.touch_on(p, None, Some(o), "2026-09-02", TouchKind::CoSellingMeeting);
    assert_eq!(w.classes(o), []);
    w.touch_on(p, None, Some(o), "2026-09-01", TouchKind::CoSellingMeeting);
    assert_eq!(w.classes(o), [(p, Class::PartnerAssisted)]);
}

#[test]
fn an_open_opportunity_counts_touches_up_to_today() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.opp(a, C, "2027-03-01", Outcome::Open, dec!(500));
    w.today = d("2026-07-01");
    w.touch(p, a, "2026-07-02", TouchKind::CoSellingMeeting);
    assert_eq!(w.classes(o), []);
    w.touch(p, a, "2026-07-01", TouchKind::CoSellingMeeting);
    assert_eq!(w.classes(o), [(p, Class::PartnerAssisted)]);
}

#[test]
fn t4_a_campaign_starting_the_day_after_c_cannot_source_it() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let camp = w.campaign(p, "2026-06-02"); // starts the day after C
    let a = w.account();
    let o = w.won(a);
    w.lead(Some(a), Some(camp), LeadSource::Partner, "2026-05-20");
    // Not sourced; its lead, in the window, still influences.
    assert_eq!(w.classes(o), [(p, Class::Influenced)]);
    let mut w2 = World::new();
    let p2 = w2.partner("Northwind");
    let camp2 = w2.campaign(p2, C); // starts on C
    let a2 = w2.account();
    let o2 = w2.won(a2);
    w2.lead(Some(a2), Some(camp2), LeadSource::Partner, "2026-05-20");
    let c = &w2.credits(o2)[0];
    assert_eq!(c.class, Class::Sourced);
    assert!(
        c.reason
            .starts_with("Northwind brought a lead through 'Webinar 2' on 2026-05-20")
    );
}

#[test]
fn t3_a_snapshot_on_c_counts_and_the_day_after_does_not() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.won(a);
    w.overlap(p, a, "2026-06-02", false);
    assert_eq!(w.classes(o), []);
    w.overlap(p, a, C, false);
    assert_eq!(w.classes(o), [(p, Class::Influenced)]);
}

#[test]
fn two_partners_claiming_one_opportunity_the_earliest_sources_it() {
    let mut w = World::new();
    let north = w.partner("Northwind");
    let south = w.partner("Southwind");
    let a = w.account();
    let o = w.won(a);
    w.touch(south, a, "2026-05-10", TouchKind::DealRegistration);
    w.touch(north, a, "2026-05-09", TouchKind::Referral);
    assert_eq!(
        w.classes(o),
        [(north, Class::Sourced), (south, Class::Influenced)]
    );
    let att = w.attribute();
    let disputes = &att.opportunities[&o].disputes;
    assert_eq!(disputes.len(), 1);
    assert_eq!(disputes[0].partner, south);
    assert_eq!(disputes[0].winner, Some(north));
    assert_eq!(
        rules_of(&w.findings()),
        [(Rule::E1, Severity::Error, south)]
    );
    assert_eq!(
        w.findings()[0].message,
        "Opportunity 'Deal 4' (O4, $1,000.00): Southwind registered the deal on 2026-05-10, \
         but Northwind claimed it first, on 2026-05-09. Decide with the partners which claim \
         stands; remove the other touch (d in the account's journey)."
    );
}

#[test]
fn a_same_day_tie_sources_nobody() {
    let mut w = World::new();
    let north = w.partner("Northwind");
    let south = w.partner("Southwind");
    let a = w.account();
    let o = w.won(a);
    w.touch(south, a, "2026-05-10", TouchKind::DealRegistration);
    w.touch(north, a, "2026-05-10", TouchKind::Referral);
    assert_eq!(
        w.classes(o),
        [(north, Class::Influenced), (south, Class::Influenced)]
    );
    let att = w.attribute();
    let winners: Vec<_> = att.opportunities[&o]
        .disputes
        .iter()
        .map(|d| (d.partner, d.winner))
        .collect();
    assert_eq!(winners, [(north, None), (south, None)]);
    assert_eq!(
        rules_of(&w.findings()),
        [
            (Rule::E1, Severity::Error, north),
            (Rule::E1, Severity::Error, south)
        ]
    );
    // Each dispute names the other claimant.
    let reasons: Vec<&str> = att.opportunities[&o]
        .disputes
        .iter()
        .map(|d| d.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        [
            "Northwind referred the account on 2026-05-10, but Southwind claims it the same day, so \
             nobody sources it until the wrong evidence is removed",
            "Southwind registered the deal on 2026-05-10, but Northwind claims it the same \
             day, so nobody sources it until the wrong evidence is removed",
        ]
    );
}

#[test]
fn a_third_later_claimant_names_the_tied_two() {
    let mut w = World::new();
    let north = w.partner("Northwind");
    let south = w.partner("Southwind");
    let east = w.partner("Eastwind");
    let a = w.account();
    let o = w.won(a);
    w.touch(south, a, "2026-05-10", TouchKind::DealRegistration);
    w.touch(north, a, "2026-05-10", TouchKind::Referral);
    w.touch(east, a, "2026-05-11", TouchKind::Referral);
    let att = w.attribute();
    let east_dispute = att.opportunities[&o]
        .disputes
        .iter()
        .find(|d| d.partner == east)
        .unwrap();
    assert_eq!(
        east_dispute.reason,
        "Eastwind referred the account on 2026-05-11, but Northwind and Southwind claimed it \
         earlier, the same day (2026-05-10), so nobody sources it"
    );
}

#[test]
fn two_partners_in_different_classes_and_the_dollars() {
    let mut w = World::new();
    let north = w.partner("Northwind");
    let south = w.partner("Southwind");
    let a = w.account();
    let o = w.won(a);
    w.edit_opp(o, |o| o.registered_by = Some(north));
    w.touch_on(
        south,
        None,
        Some(o),
        "2026-07-01",
        TouchKind::CoSellingMeeting,
    );
    assert_eq!(
        w.classes(o),
        [(north, Class::Sourced), (south, Class::PartnerAssisted)]
    );
    let att = w.attribute();
    assert_eq!(att.partner_totals(north).pipeline.sourced, dec!(1000));
    assert_eq!(att.partner_totals(north).won.sourced, dec!(1000));
    assert_eq!(
        att.partner_totals(south).pipeline.partner_assisted,
        dec!(1000)
    );
    assert_eq!(att.partner_totals(south).pipeline.sourced, dec!(0));
    let program = att.program_totals();
    assert_eq!(program.pipeline.sourced, dec!(1000));
    assert_eq!(program.pipeline.partner_assisted, dec!(1000));
    assert_eq!(program.pipeline.influenced, dec!(0));
}

#[test]
fn an_opportunity_influenced_by_two_partners_is_one_amount_of_program_pipeline() {
    let mut w = World::new();
    let north = w.partner("Northwind");
    let south = w.partner("Southwind");
    let a = w.account();
    let o = w.opp(a, C, "2026-09-01", Outcome::Lost, dec!(250));
    w.overlap(north, a, "2026-05-01", false);
    w.overlap(south, a, "2026-05-01", false);
    assert_eq!(w.classes(o).len(), 2);
    let att = w.attribute();
    assert_eq!(att.program_totals().pipeline.influenced, dec!(250));
    assert_eq!(att.program_totals().won.influenced, dec!(0));
    assert_eq!(att.partner_totals(south).pipeline.influenced, dec!(250));
}

#[test]
fn the_registering_partner_sources_it_on_c() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.won(a);
    w.edit_opp(o, |o| o.registered_by = Some(p));
    let c = &w.credits(o)[0];
    assert_eq!((c.class, c.evidence_on), (Class::Sourced, d(C)));
    assert_eq!(
        c.reason,
        "Northwind registered the deal on 2026-06-01, with no touch of ours on the account"
    );
}

#[test]
fn our_first_touch_the_same_day_as_the_referral_means_not_sourced() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.won(a);
    w.touch(p, a, "2026-03-10", TouchKind::Referral);
    let ours = w.lead(Some(a), None, LeadSource::Organic, "2026-03-10");
    assert_eq!(w.classes(o), [(p, Class::Influenced)]);
    // Our first touch a day later: the referral is before it.
    w.evidence.leads.remove(ours);
    w.lead(Some(a), None, LeadSource::Paid, "2026-03-11");
    let c = &w.credits(o)[0];
    assert_eq!(c.class, Class::Sourced);
    assert_eq!(
        c.reason,
        "Northwind referred the account on 2026-03-10, before our first touch on 2026-03-11"
    );
}

#[test]
fn t2_a_touch_outside_the_agreement_does_not_count_and_is_e4() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let mut partner = w.program.partners.get(p).unwrap().clone();
    partner.value.agreement_start = Some(d("2026-04-01"));
    w.program.partners.upsert(partner);
    let a = w.account();
    let o = w.won(a);
    let t = w.touch(p, a, "2026-03-31", TouchKind::Referral);
    assert_eq!(w.classes(o), []);
    let att = w.attribute();
    assert_eq!(att.opportunities[&o].outside_agreement[0].touch, Some(t));
    assert_eq!(rules_of(&w.findings()), [(Rule::E4, Severity::Warning, p)]);
    assert!(
        w.findings()[0]
            .message
            .contains("outside its agreement (2026-04-01 to open)")
    );
    // On the agreement's first day it counts.
    w.touch(p, a, "2026-04-01", TouchKind::Referral);
    assert_eq!(w.classes(o), [(p, Class::Sourced)]);
}

#[test]
fn a_credit_on_an_opportunity_created_after_the_agreement_ended_is_e4() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let mut partner = w.program.partners.get(p).unwrap().clone();
    partner.value.agreement_end = Some(d("2026-05-31"));
    w.program.partners.upsert(partner);
    let a = w.account();
    let o = w.won(a);
    w.overlap(p, a, "2026-05-01", false);
    assert_eq!(w.classes(o), [(p, Class::Influenced)]);
    assert_eq!(rules_of(&w.findings()), [(Rule::E4, Severity::Warning, p)]);
}

#[test]
fn an_excluded_customer_credited_is_e5_and_its_snapshot_influences_nothing() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.won(a);
    w.overlap(p, a, "2026-05-01", true);
    assert_eq!(w.classes(o), []);
    assert_eq!(w.findings(), []);
    w.touch(p, a, "2026-05-02", TouchKind::Referral);
    assert_eq!(w.classes(o), [(p, Class::Sourced)]);
    let f = w.findings();
    assert_eq!(rules_of(&f), [(Rule::E5, Severity::Error, p)]);
    assert!(f[0].message.contains("excluded existing customer"));
}

#[test]
fn a_joint_campaign_response_after_c_influences_within_w_of_e() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    // Closed 2026-12-01: E − 90 = 2026-09-02.
    let o = w.opp(a, C, "2026-12-01", Outcome::Won, dec!(1000));
    w.touch(p, a, "2026-09-01", TouchKind::CampaignResponse);
    assert_eq!(w.classes(o), []);
    w.touch(p, a, "2026-09-02", TouchKind::CampaignResponse);
    assert_eq!(w.classes(o), [(p, Class::Influenced)]);
}

#[test]
fn an_open_opportunity_dated_after_today_has_no_evidence_yet() {
    let mut w = World::new();
    let p = w.partner("Northwind");
    let a = w.account();
    let o = w.opp(a, C, "2026-09-01", Outcome::Open, dec!(1000));
    w.edit_opp(o, |o| o.registered_by = Some(p));
    w.today = d("2026-05-31"); // E = today, the day before C
    assert_eq!(w.classes(o), []);
    w.today = d(C);
    assert_eq!(w.classes(o), [(p, Class::Sourced)]);
}
