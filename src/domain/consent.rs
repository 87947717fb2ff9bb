//! Partner customer data and consent (docs/domain.md §6.7 G5): which records carry a
//! partner's customer data, which of them may not leave jmo because the
//! partner's consent is not recorded, and what a redacted output leaves
//! out.
//!
//! This is the one definition every door reads: the G5 finding
//! ([`super::guardrails`]), `jmo export --json`, `jmo report
//! plan|results|jmp`, `jmo mdf packet` and `W` / `P` on the screen. A door
//! refuses an output that would contain a [`Withheld`] record; with
//! `--redact` it writes the output without them ([`Redaction`]) and says so
//! at the top ([`Note`]).
//!
//! A record kind that carries customer data joins with one entry in
//! [`CARRIERS`] (leads, contacts, accounts, opportunities when they come);
//! the records that depend on a withheld one follow it out through
//! [`Program::dependents`], so every door picks the new kind up.

use super::ids::{PartnerId, RecordRef};
use super::program::Program;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A record that carries a partner's customer data, as a [`Carrier`]
/// finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    /// The record.
    pub record: RecordRef,
    /// Its name as the user knows it (a campaign's name).
    pub name: String,
    /// How to stop carrying the data, for the G5 finding, e.g. "stop
    /// using the data (Timeline → e)".
    pub stop: &'static str,
}

/// The records of one kind that carry `partner`'s customer data, in the
/// order the user sees them.
pub type Carrier = fn(&Program, PartnerId) -> Vec<Carried>;

/// Every kind of record that carries a partner's customer data: one entry
/// per kind. Today only campaigns marked as using it; a kind that holds
/// customer data itself (a lead, a customer contact) returns all its
/// records of the partner.
pub const CARRIERS: &[Carrier] = &[campaigns_using_partner_data];

/// Campaigns marked as using the partner's customer data
/// (`uses_partner_data`, docs/domain.md §6.7 G5), by start date. Cancelled and
/// completed ones too: the record still says whose customers it reached.
fn campaigns_using_partner_data(program: &Program, partner: PartnerId) -> Vec<Carried> {
    program
        .campaigns_of(partner)
        .into_iter()
        .filter(|c| c.uses_partner_data)
        .map(|c| Carried {
            record: RecordRef::Campaign(c.id),
            name: c.name.clone(),
            stop: "stop using the data (Timeline → e)",
        })
        .collect()
}

/// What to do about a withheld record, for the command line's messages.
pub const RECORD_CONSENT: &str = "Record the consent date (Partners → e, 'Data consent on')";

/// Where the consent is recorded on the screen (the partner form's field).
pub const WHERE_TO_RECORD: &str = "Partners → e, 'Data consent on'";

/// A record that carries a partner's customer data while that partner's
/// consent is not recorded: it may not leave jmo (docs/domain.md §6.7 G5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// The record.
    pub record: RecordRef,
    /// Its name as the user knows it.
    pub name: String,
    /// The partner whose customers' data it carries.
    pub partner: PartnerId,
    /// That partner's name.
    pub partner_name: String,
    /// How to stop carrying the data (see [`Carried::stop`]).
    pub stop: &'static str,
}

impl Withheld {
    /// Why it is withheld, naming the record and the partner: "campaign
    /// 'Install-base retargeting' uses Meridian Solutions Group's customer
    /// data and their consent is not recorded".
    pub fn reason(&self) -> String {
        format!(
            "{} '{}' uses {}'s customer data and their consent is not recorded",
            self.record.kind_label(),
            self.name,
            self.partner_name
        )
    }

    /// The record without its name, as the command line names it:
    /// "campaign:57", "R12", else "<kind> <id>".
    pub fn label(&self) -> String {
        match self.record {
            RecordRef::Campaign(id) => format!("campaign:{id}"),
            RecordRef::Request(id) => format!("R{id}"),
            other => format!("{} {}", other.kind_label(), other.raw_id()),
        }
    }
}

/// Whether `partner`'s consent to share its customer data is recorded
/// (`data_consent_on`). An unknown partner has none.
pub fn consented(program: &Program, partner: PartnerId) -> bool {
    program
        .partners
        .get(partner)
        .is_some_and(|p| p.data_consent_on.is_some())
}

/// The records of `partner` that carry its customer data while its consent
/// is not recorded, in [`CARRIERS`] order; empty with consent.
pub fn withheld_of(program: &Program, partner: PartnerId) -> Vec<Withheld> {
    let Some(p) = program.partners.get(partner) else {
        return Vec::new();
    };
    if consented(program, partner) {
        return Vec::new();
    }
    CARRIERS
        .iter()
        .flat_map(|carrier| carrier(program, partner))
        .map(|c| Withheld {
            record: c.record,
            name: c.name,
            partner,
            partner_name: p.name.clone(),
            stop: c.stop,
        })
        .collect()
}

/// Every withheld record of the program, by partner id, then as
/// [`withheld_of`].
pub fn withheld(program: &Program) -> Vec<Withheld> {
    program
        .partners
        .iter()
        .flat_map(|p| withheld_of(program, p.id))
        .collect()
}

/// The withheld records an output about `campaign` would contain: the
/// campaign itself and any withheld record that belongs to it.
pub fn withheld_in_campaign(program: &Program, campaign: super::ids::CampaignId) -> Vec<Withheld> {
    let Some(c) = program.campaigns.get(campaign) else {
        return Vec::new();
    };
    withheld_of(program, c.partner_id)
        .into_iter()
        .filter(|w| program.campaign_of(w.record) == Some(campaign))
        .collect()
}

/// What a redacted output leaves out: the withheld records and every
/// record that depends on them (a campaign's milestones, checklist,
/// assets, MDF requests and their claims, expenses, results and its places
/// in joint marketing plans).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The withheld records, as given.
    pub withheld: Vec<Withheld>,
    /// Every record left out: the withheld ones and their dependents.
    pub left_out: BTreeSet<RecordRef>,
    /// One line per withheld record (see [`Note::left_out`]).
    lines: Vec<String>,
}

impl Redaction {
    /// The redaction of `withheld` from `program`.
    pub fn new(program: &Program, withheld: Vec<Withheld>) -> Redaction {
        let mut left_out = BTreeSet::new();
        let mut lines = Vec::with_capacity(withheld.len());
        for w in &withheld {
            let mine = closure(program, w.record);
            lines.push(line(w, &mine));
            left_out.extend(mine);
        }
        Redaction {
            withheld,
            left_out,
            lines,
        }
    }

    /// Adds `other`'s withheld records, left-out records and note lines
    /// after this one's: a redaction built partner by partner (each on
    /// that partner's records only) is the one built on the whole program.
    pub fn extend(&mut self, other: Redaction) {
        self.withheld.extend(other.withheld);
        self.left_out.extend(other.left_out);
        self.lines.extend(other.lines);
    }

    /// Nothing is left out.
    pub fn is_empty(&self) -> bool {
        self.withheld.is_empty()
    }

    /// `program` without the left-out records.
    pub fn apply(&self, program: &Program) -> Program {
        let mut p = program.clone();
        self.remove_from(&mut p);
        p
    }

    /// Removes the left-out records from `program` itself (no copy).
    pub fn remove_from(&self, program: &mut Program) {
        for r in &self.left_out {
            program.remove(*r);
        }
    }

    /// The note for the top of the output.
    pub fn note(&self) -> Note {
        Note {
            reason: NOTE_REASON.to_owned(),
            left_out: self.lines.clone(),
        }
    }
}

/// [`Note::reason`] as jmo writes it.
pub const NOTE_REASON: &str = "G5: records that carry a partner's customer data are left out while the partner's consent is not recorded; record the consent date (Partners → e, 'Data consent on') to include them";

/// What a redacted output left out and why, at its top: a Markdown
/// blockquote ([`Note::markdown`]), or the `"redacted"` field of a JSON
/// output (`{"reason": "...", "left_out": ["..."]}`). The left-out records
/// are named by kind and id, never by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Why: [`NOTE_REASON`].
    pub reason: String,
    /// One line per withheld record and what went with it: "campaign:57
    /// of Meridian Solutions Group, with its 2 assets, 1 checklist item,
    /// 1 MDF request and 1 plan campaign".
    pub left_out: Vec<String>,
}

impl Note {
    /// The note as a Markdown blockquote followed by a blank line.
    pub fn markdown(&self) -> String {
        let mut s = format!("> **Redacted.** {}.\n>\n", self.reason);
        for l in &self.left_out {
            s.push_str(&format!("> - left out: {l}\n"));
        }
        s.push('\n');
        s
    }
}

/// `record` and everything that depends on it, transitively.
fn closure(program: &Program, record: RecordRef) -> BTreeSet<RecordRef> {
    let mut seen = BTreeSet::from([record]);
    let mut todo = vec![record];
    while let Some(r) = todo.pop() {
        for d in program.dependents(r) {
            if seen.insert(d) {
                todo.push(d);
            }
        }
    }
    seen
}

/// "campaign:57 of Meridian Solutions Group, with its 2 assets and 1 MDF
/// request".
fn line(w: &Withheld, mine: &BTreeSet<RecordRef>) -> String {
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    for r in mine.iter().filter(|r| **r != w.record) {
        let kind = r.kind_label();
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(kind, n)| {
            let plural = if *n == 1 || kind.ends_with('s') {
                ""
            } else {
                "s"
            };
            format!("{n} {kind}{plural}")
        })
        .collect();
    let with = match parts.as_slice() {
        [] => String::new(),
        [one] => format!(", with its {one}"),
        [rest @ .., last] => format!(", with its {} and {last}", rest.join(", ")),
    };
    format!("{} of {}{with}", w.label(), w.partner_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::{Campaign, CampaignStatus, CampaignType};
    use crate::domain::ids::{CampaignId, MilestoneId, PlanEntryId, PlanId, RequestId, Stored};
    use crate::domain::jmp::{JointPlan, Period, PlanEntry};
    use crate::domain::mdf::{ActivityType, MdfRequest, RequestStatus};
    use crate::domain::milestone::standard_milestones;
    use crate::domain::partner::Partner;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Two partners: Acme (consent on file) and Beta (none); each with one
    /// campaign using its customer data (10, 20) and one not (11, 21).
    fn program() -> Program {
        let mut p = Program::default();
        for (id, name, consent) in [(1, "Acme", Some(d("2026-01-01"))), (2, "Beta", None)] {
            p.partners.upsert(Stored::new(
                PartnerId(id),
                Partner {
                    name: name.into(),
                    data_consent_on: consent,
                    ..Partner::default()
                },
            ));
        }
        for (id, partner, name, uses) in [
            (10, 1, "Acme list", true),
            (11, 1, "Acme plain", false),
            (20, 2, "Beta list", true),
            (21, 2, "Beta plain", false),
        ] {
            p.campaigns.upsert(Stored::new(
                CampaignId(id),
                Campaign {
                    partner_id: PartnerId(partner),
                    name: name.into(),
                    campaign_type: CampaignType::Webinar,
                    playbook: None,
                    status: CampaignStatus::Planned,
                    audience: String::new(),
                    start: d("2026-02-01"),
                    launch: d("2026-03-01"),
                    end: d("2026-03-31"),
                    budget: dec!(5000),
                    internal_cost: dec!(0),
                    lead_target: None,
                    crm_id: None,
                    attribution_agreed: true,
                    uses_partner_data: uses,
                },
            ));
        }
        p
    }

    #[test]
    fn a_campaign_using_data_of_a_partner_without_consent_is_withheld() {
        let mut p = program();
        let w = withheld(&p);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].record, RecordRef::Campaign(CampaignId(20)));
        assert_eq!(
            w[0].reason(),
            "campaign 'Beta list' uses Beta's customer data and their consent is not recorded"
        );
        assert_eq!(w[0].label(), "campaign:20");
        assert!(withheld_in_campaign(&p, CampaignId(21)).is_empty());
        assert_eq!(withheld_in_campaign(&p, CampaignId(20)), w);
        // Recording the consent releases it.
        let mut beta = p.partners.get(PartnerId(2)).unwrap().clone();
        beta.data_consent_on = Some(d("2026-02-01"));
        p.partners.upsert(beta);
        assert!(withheld(&p).is_empty());
    }

    #[test]
    fn a_redaction_takes_the_campaign_and_everything_that_hangs_on_it() {
        let mut p = program();
        let c = CampaignId(20);
        for (i, m) in standard_milestones(c, d("2026-02-01"), d("2026-03-01"), d("2026-03-31"))
            .into_iter()
            .enumerate()
        {
            p.milestones
                .upsert(Stored::new(MilestoneId(i as i64 + 1), m));
        }
        let milestones = p.milestones.len();
        p.requests.upsert(Stored::new(
            RequestId(5),
            MdfRequest {
                campaign_id: c,
                fund_id: None,
                activity: ActivityType::Webinar,
                amount: dec!(1000),
                approved_amount: None,
                status: RequestStatus::Approved,
                submitted_on: None,
                decided_on: None,
                justification: String::new(),
                expected_roi: None,
                proof_required: String::new(),
                reason: None,
            },
        ));
        p.plans.upsert(Stored::new(
            PlanId(3),
            JointPlan {
                partner_id: PartnerId(2),
                period: Period::Quarter {
                    year: 2026,
                    quarter: 1,
                },
                objective: String::new(),
                notes: String::new(),
            },
        ));
        for (id, campaign) in [(4, c), (6, CampaignId(21))] {
            p.plan_entries.upsert(Stored::new(
                PlanEntryId(id),
                PlanEntry {
                    plan_id: PlanId(3),
                    campaign_id: campaign,
                    pipeline_target: None,
                    partner_investment: dec!(0),
                },
            ));
        }
        let red = Redaction::new(&p, withheld(&p));
        assert_eq!(
            red.note().left_out,
            vec![format!(
                "campaign:20 of Beta, with its {milestones} milestones, 1 MDF request and 1 plan campaign"
            )]
        );
        let q = red.apply(&p);
        assert!(q.campaigns.get(c).is_none());
        assert!(q.milestones.is_empty() && q.requests.is_empty());
        assert_eq!(q.plan_entries.len(), 1, "the other campaign's place stays");
        assert!(q.plans.get(PlanId(3)).is_some(), "the plan itself stays");
        assert_eq!(q.campaigns.len(), 3);
        let md = red.note().markdown();
        assert!(md.starts_with("> **Redacted.** G5: "), "{md}");
        assert!(!md.contains("Beta list"), "{md}");
    }
}
