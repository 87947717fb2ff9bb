//! The generated program's pipeline evidence (docs/domain.md §15, issue 14's
//! shape): `jmo demo --campaigns N --evidence` and the benchmarks' evidence
//! databases. Called from [`super::generate::generate_with_evidence`].
//!
//! Shape, per partner of `c` campaigns (10 but for the last partner):
//! `10·c` accounts of its own (a block no other partner touches but for
//! the disputes and co-selling below), `30·c` leads (each on one of its
//! campaigns but 5 % inbound ones on none; 3 % unreconciled, with only an
//! `account_ref`; sources ours / partner / paid / organic, our own only on
//! the first 60 % of its accounts so the others have no "first touch of
//! ours"), `10·c` opportunities (amounts in cents as `Decimal`, CRM stages,
//! open / won / lost from the dates, 2 % unreconciled, 10 % registered by
//! the partner, 20 % with one of its campaigns as primary campaign), and
//! touches of every kind: referrals (sourced), deal registrations disputed
//! by the next partner (E1), introductions in the window (influenced),
//! co-selling meetings of the next partner after creation
//! (partner-assisted), joint-campaign responses; and, for a partner with
//! data consent, an overlap snapshot of 45 % of its accounts (3 %
//! excluded). At 10,000 campaigns: 100,000 accounts, 300,000 leads,
//! 100,000 opportunities, ~80,000 touches and ~34,000 overlap rows
//! (~60 s to write on two shared cores, a 336 MB file with the program).
//!
//! Deterministic: the same program and `today` give the same records with
//! the same ids (the integer mix of [`super::generate`], no random source).
//! Written through [`Store::edit`] like every generated record (each in the
//! change history), in one transaction, so one undo removes it all.

use super::{Store, StoreError, Tx};
use crate::domain::dates::shift;
use crate::domain::evidence::*;
use crate::domain::results::LeadSource;
use crate::domain::{CampaignId, PartnerId};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Evidence records written, per table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EvidenceGenerated {
    /// Accounts.
    pub accounts: usize,
    /// Overlap rows.
    pub overlaps: usize,
    /// Leads.
    pub leads: usize,
    /// Opportunities.
    pub opportunities: usize,
    /// Touches.
    pub touches: usize,
}

impl EvidenceGenerated {
    /// Every evidence record written.
    pub fn records(&self) -> usize {
        self.accounts + self.overlaps + self.leads + self.opportunities + self.touches
    }
}

/// A campaign as the generator needs it: id, start and launch days.
#[derive(Debug, Clone, Copy)]
struct Camp {
    id: CampaignId,
    start: NaiveDate,
    launch: NaiveDate,
}

/// A partner with its campaigns and whether its data consent is recorded.
struct Who {
    id: PartnerId,
    consent: bool,
    campaigns: Vec<Camp>,
}

const COMPANY: &[&str] = &[
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Soylent",
    "Vandelay",
    "Cyberdyne",
    "Gringotts",
    "Monarch",
];
const INDUSTRY: &[&str] = &[
    "Health",
    "Retail",
    "Bank",
    "Energy",
    "Logistics",
    "Pharma",
    "Foods",
    "Media",
];
const OWNERS: &[&str] = &["Dana Whitfield", "Sam Ortiz", "Priya Nair", "Lee Chen"];
const OPEN_STAGES: &[&str] = &["Prospecting", "Qualification", "Proposal", "Negotiation"];

use super::generate::mix;

/// Writes the evidence of the partners whose id is above `after` (those a
/// generation just wrote), dated around `today`, in one edit.
/// `progress(done)` is called after each partner with the campaigns whose
/// evidence is written so far.
///
/// Errors: SQLite errors (nothing is written then).
pub fn generate(
    store: &mut Store,
    after: PartnerId,
    today: NaiveDate,
    mut progress: impl FnMut(usize),
) -> Result<EvidenceGenerated, StoreError> {
    let who = partners_after(store, after)?;
    if who.is_empty() {
        return Ok(EvidenceGenerated::default());
    }
    let label = format!("Generate pipeline evidence for {} partners", who.len());
    let edited = store.edit(&label, |tx| {
        let mut out = EvidenceGenerated::default();
        let mut done = 0;
        for (i, w) in who.iter().enumerate() {
            let next = who.get((i + 1) % who.len()).filter(|n| n.id != w.id);
            partner(tx, (after, w, next), today, &mut out)?;
            done += w.campaigns.len();
            progress(done);
        }
        Ok(out)
    })?;
    Ok(edited.value)
}

/// The partners with an id above `after`, with their campaigns, by id.
fn partners_after(store: &Store, after: PartnerId) -> Result<Vec<Who>, StoreError> {
    let mut by: BTreeMap<i64, Who> = BTreeMap::new();
    let mut stmt = store.conn.prepare(
        "SELECT id, data_consent_on IS NOT NULL FROM partners WHERE id > ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([after.0])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let consent: bool = r.get(1)?;
        by.insert(
            id,
            Who {
                id: PartnerId(id),
                consent,
                campaigns: Vec::new(),
            },
        );
    }
    let mut stmt = store.conn.prepare(
        "SELECT id, partner_id, start, launch FROM campaigns WHERE partner_id > ?1 ORDER BY id",
    )?;
    let mut rows = stmt.query([after.0])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let pid: i64 = r.get(1)?;
        let day = |i: usize, column: &'static str| -> Result<NaiveDate, StoreError> {
            let t: String = r.get(i)?;
            NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| StoreError::Corrupt {
                table: "campaigns",
                column,
                id,
                message: format!("'{t}': {e}"),
            })
        };
        let camp = Camp {
            id: CampaignId(id),
            start: day(2, "start")?,
            launch: day(3, "launch")?,
        };
        if let Some(w) = by.get_mut(&pid) {
            w.campaigns.push(camp);
        }
    }
    Ok(by
        .into_values()
        .filter(|w| !w.campaigns.is_empty())
        .collect())
}

/// What an opportunity's partners did: the mix's draw, out of 20.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plot {
    /// The partner referred the account before it was created (sourced).
    Referral,
    /// The partner registered the deal (`registered_by`; sourced).
    Registered,
    /// The partner and the next one registered it: E1.
    Disputed,
    /// An introduction in the window before creation (influenced).
    Introduction,
    /// The next partner's co-selling meeting after creation (assisted).
    CoSelling,
    /// A joint-campaign response after creation (influenced).
    Response,
    /// Nothing but what the overlaps and leads say.
    Quiet,
}

fn plot(r: usize) -> Plot {
    match r % 20 {
        0..=2 => Plot::Referral,
        3..=4 => Plot::Registered,
        5..=6 => Plot::Disputed,
        7..=10 => Plot::Introduction,
        11..=13 => Plot::CoSelling,
        14..=15 => Plot::Response,
        _ => Plot::Quiet,
    }
}

/// Writes one partner's accounts, overlap rows, leads, opportunities and
/// touches; `after` tags the CRM ids, `next` is the partner after `w`
/// (the disputes' and co-selling meetings' other partner).
fn partner(
    tx: &mut Tx<'_>,
    (after, w, next): (PartnerId, &Who, Option<&Who>),
    today: NaiveDate,
    out: &mut EvidenceGenerated,
) -> Result<(), StoreError> {
    let p = w.id.0 as usize;
    let c = w.campaigns.len();
    // CRM ids: the generation's tag (the last partner before it) and a
    // number unique within it, so `--force` twice does not collide.
    let tag = after.0;
    let n_acc = 10 * c;
    let ours_below = n_acc * 6 / 10;
    let mut accounts = Vec::with_capacity(n_acc);
    for k in 0..n_acc {
        let n = p * 1_000 + k;
        let (a, b) = (
            COMPANY[mix(n, 1) % COMPANY.len()],
            INDUSTRY[mix(n, 2) % INDUSTRY.len()],
        );
        accounts.push(tx.insert(&Account {
            crm_id: format!("001G{tag}x{n:09}"),
            name: format!("{a} {b} {n:07}"),
            domain: format!("{}-{}-{n}.example", a.to_lowercase(), b.to_lowercase()),
            owner: OWNERS[mix(n, 3) % OWNERS.len()].into(),
        })?);
        out.accounts += 1;
    }
    if w.consent {
        let snapshot = shift(today, -30 - (mix(p, 4) % 200) as i64);
        for (k, &account_id) in accounts.iter().enumerate() {
            let r = mix(p * 1_000 + k, 5);
            if r % 20 >= 9 {
                continue;
            }
            tx.insert(&Overlap {
                partner_id: w.id,
                account_id,
                population: Population::ALL[r / 20 % Population::ALL.len()],
                snapshot_on: shift(snapshot, -((r / 97 % 60) as i64)),
                excluded: r / 7 % 33 == 0,
            })?;
            out.overlaps += 1;
        }
    }
    for j in 0..30 * c {
        let n = p * 3_000 + j;
        let r = mix(n, 6);
        let camp = w.campaigns[j % c];
        let inbound = r / 6 % 20 == 0;
        let source = if inbound {
            LeadSource::Organic
        } else {
            [
                LeadSource::Partner,
                LeadSource::Ours,
                LeadSource::Partner,
                LeadSource::Ours,
                LeadSource::Paid,
                LeadSource::Organic,
            ][r % 6]
        };
        let slot = if source == LeadSource::Partner {
            r / 120 % n_acc
        } else {
            r / 120 % ours_below.max(1)
        };
        let unreconciled = r / 7 % 33 == 0;
        let created = shift(camp.launch, (r / 11 % 60) as i64 - 20).min(today);
        let mql = shift(created, 2 + (r / 13 % 18) as i64);
        tx.insert(&Lead {
            crm_id: format!("00QG{tag}x{n:09}"),
            account_id: (!unreconciled).then(|| accounts[slot]),
            account_ref: if unreconciled {
                format!("Unmatched Co {n}")
            } else {
                format!("001G{tag}x{:09}", p * 1_000 + slot)
            },
            campaign_id: (!inbound).then_some(camp.id),
            source,
            created_on: created,
            mql_on: (r / 17 % 5 < 2 && mql <= today).then_some(mql),
        })?;
        out.leads += 1;
    }
    for k in 0..10 * c {
        let n = p * 1_000 + k;
        let r = mix(n, 8);
        let plot = plot(r);
        // Sourcing needs no touch of ours before it: the accounts above
        // `ours_below` have no lead of ours.
        let slot = match plot {
            Plot::Referral | Plot::Registered | Plot::Disputed => {
                ours_below + r / 20 % (n_acc - ours_below)
            }
            _ => r / 20 % n_acc,
        };
        let unreconciled = r / 3 % 50 == 0;
        let created = shift(today, -20 - (r / 7 % 340) as i64);
        let close = shift(created, 20 + (r / 11 % 160) as i64);
        let (outcome, stage) = if close >= today {
            (Outcome::Open, OPEN_STAGES[r / 13 % OPEN_STAGES.len()])
        } else if r / 13 % 20 < 9 {
            (Outcome::Won, "Closed Won")
        } else {
            (Outcome::Lost, "Closed Lost")
        };
        let camp = w.campaigns[k % c];
        let cents = (5_000 + (r / 17 % 400) as i64 * 250) * 100 + (r / 19 % 100) as i64;
        let account_id = (!unreconciled).then(|| accounts[slot]);
        let opp = tx.insert(&Opportunity {
            crm_id: format!("006G{tag}x{n:09}"),
            account_id,
            account_ref: if unreconciled {
                format!("Unmatched Co {n}")
            } else {
                String::new()
            },
            name: format!("Deal {n:07}"),
            amount: Decimal::new(cents, 2),
            stage: stage.into(),
            created_on: created,
            close_on: close,
            outcome,
            lead_source: ["Partner Referral", "Web", "Event", "Outbound"][r / 23 % 4].into(),
            registered_by: (plot == Plot::Registered).then_some(w.id),
            // A primary campaign the CRM could name: started by then.
            campaign_id: (r / 29 % 5 == 0 && camp.start <= created).then_some(camp.id),
        })?;
        out.opportunities += 1;
        let touch = |partner_id, on_opp: bool, on, kind, campaign_id, crm: bool| Touch {
            partner_id,
            account_id,
            opportunity_id: (on_opp || account_id.is_none()).then_some(opp),
            on,
            kind,
            campaign_id,
            crm_id: if crm {
                format!("00TG{tag}x{n:09}p{}", partner_id)
            } else {
                String::new()
            },
            note: String::new(),
        };
        let next_id = next.map(|x| x.id);
        let d = |lo: i64, span: usize| shift(created, lo + (r / 31 % span) as i64);
        let mut touches = Vec::new();
        match plot {
            Plot::Referral => touches.push(touch(
                w.id,
                false,
                d(-45, 40),
                TouchKind::Referral,
                None,
                true,
            )),
            Plot::Disputed => {
                touches.push(touch(
                    w.id,
                    true,
                    d(-12, 5),
                    TouchKind::DealRegistration,
                    None,
                    true,
                ));
                if let Some(x) = next_id {
                    touches.push(touch(
                        x,
                        true,
                        d(-6, 5),
                        TouchKind::DealRegistration,
                        None,
                        true,
                    ));
                }
            }
            Plot::Introduction => touches.push(touch(
                w.id,
                false,
                d(-70, 60),
                TouchKind::Introduction,
                None,
                true,
            )),
            Plot::CoSelling => {
                // A hand-added note of the meeting: no CRM id.
                let mut t = touch(
                    next_id.unwrap_or(w.id),
                    true,
                    d(1, 14),
                    TouchKind::CoSellingMeeting,
                    None,
                    false,
                );
                t.note = "Joint call with the account's IT lead".into();
                touches.push(t);
            }
            Plot::Response => touches.push(touch(
                w.id,
                false,
                d(3, 15),
                TouchKind::CampaignResponse,
                Some(camp.id),
                true,
            )),
            Plot::Registered | Plot::Quiet => {}
        }
        for t in touches {
            tx.insert(&t)?;
            out.touches += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::app::config;
    use crate::domain::Program;
    use crate::domain::evidence::attribution::{Class, Scope, attribute};
    use crate::store::generate::{Generated, generate_with_evidence};
    use std::collections::HashSet;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn made(campaigns: usize) -> (Store, Generated, EvidenceGenerated) {
        let mut store = Store::open_in_memory().unwrap();
        let mut last = 0;
        let (g, e) = generate_with_evidence(
            &mut store,
            campaigns,
            day(),
            &config::defaults().templates,
            true,
            |done| last = done,
        )
        .unwrap();
        assert_eq!(last, 2 * campaigns, "the progress counts both phases");
        (store, g, e)
    }

    fn rows<T: crate::domain::ids::Record + Clone>(
        t: &crate::domain::program::Table<T>,
    ) -> Vec<crate::domain::Stored<T>> {
        t.iter().cloned().collect()
    }

    /// The proportions (per campaign 10 accounts, 30 leads, 10
    /// opportunities), every record valid, loaded back as written.
    #[test]
    fn the_shape_loads_and_validates() {
        let (store, g, e) = made(50);
        assert_eq!(g.campaigns, 50);
        let ev = store.load_evidence().unwrap();
        assert_eq!(
            (ev.accounts.len(), ev.leads.len(), ev.opportunities.len()),
            (500, 1_500, 500)
        );
        assert_eq!(
            (ev.overlaps.len(), ev.touches.len()),
            (e.overlaps, e.touches)
        );
        assert!(e.overlaps > 0 && e.touches > 100, "{e:?}");
        assert_eq!(
            store.evidence_counts().unwrap(),
            (500, 1_500, 500, e.touches)
        );
        for a in ev.accounts.iter() {
            a.validate().unwrap();
        }
        for o in ev.overlaps.iter() {
            o.validate().unwrap();
        }
        for l in ev.leads.iter() {
            l.validate().unwrap();
        }
        for o in ev.opportunities.iter() {
            o.validate().unwrap();
            assert!(o.amount > Decimal::ZERO);
        }
        for t in ev.touches.iter() {
            t.validate().unwrap();
        }
        // What a CRM holds: unreconciled leads and deals, inbound leads,
        // every outcome, every touch kind, registrations, primary campaigns.
        assert!(ev.leads.iter().any(|l| l.account_id.is_none()));
        assert!(ev.leads.iter().any(|l| l.campaign_id.is_none()));
        assert!(ev.leads.iter().any(|l| l.mql_on.is_some()));
        assert!(ev.opportunities.iter().any(|o| o.account_id.is_none()));
        assert!(ev.opportunities.iter().any(|o| o.registered_by.is_some()));
        assert!(ev.opportunities.iter().any(|o| o.campaign_id.is_some()));
        assert!(ev.overlaps.iter().any(|o| o.excluded));
        let outcomes: HashSet<_> = ev.opportunities.iter().map(|o| o.outcome).collect();
        assert_eq!(outcomes.len(), 3, "{outcomes:?}");
        let kinds: HashSet<_> = ev.touches.iter().map(|t| t.kind).collect();
        assert_eq!(kinds.len(), TouchKind::ALL.len(), "{kinds:?}");
        let sources: HashSet<_> = ev.leads.iter().map(|l| l.source).collect();
        assert_eq!(sources.len(), 4, "{sources:?}");
    }

    /// The rules find every class, and disputes (E1), on the generated
    /// evidence.
    #[test]
    fn every_class_appears() {
        let (store, _, _) = made(50);
        let program: Program = store.load_program().unwrap();
        let ev = store.load_evidence().unwrap();
        let rules = EvidenceRules::default();
        let scope = Scope {
            partners: &program.partners,
            campaigns: &program.campaigns,
            rules: &rules,
            today: day(),
            currency: program.currency,
        };
        let a = attribute(&ev, &scope);
        let classes: HashSet<Class> = a.credits().map(|c| c.class).collect();
        for class in Class::ALL {
            assert!(classes.contains(class), "no {class:?} in {classes:?}");
        }
        let count = |k: Class| a.credits().filter(|c| c.class == k).count();
        assert!(count(Class::Sourced) >= 25, "{}", count(Class::Sourced));
        assert!(count(Class::PartnerAssisted) >= 10);
        assert!(a.opportunities.values().any(|o| !o.disputes.is_empty()));
        assert!(a.opportunities.values().any(|o| !o.excluded.is_empty()));
        let totals = a.program_totals();
        assert!(totals.won.sourced > Decimal::ZERO);
    }

    /// Two runs give the same records with the same ids.
    #[test]
    fn deterministic() {
        let a = made(30).0.load_evidence().unwrap();
        let b = made(30).0.load_evidence().unwrap();
        assert_eq!(rows(&a.accounts), rows(&b.accounts));
        assert_eq!(rows(&a.overlaps), rows(&b.overlaps));
        assert_eq!(rows(&a.leads), rows(&b.leads));
        assert_eq!(rows(&a.opportunities), rows(&b.opportunities));
        assert_eq!(rows(&a.touches), rows(&b.touches));
    }

    /// Without `evidence`, none; one edit holds it all, so one undo
    /// removes it and leaves the program.
    #[test]
    fn optional_and_one_undo() {
        let mut store = Store::open_in_memory().unwrap();
        let t = config::defaults().templates;
        let (_, e) = generate_with_evidence(&mut store, 20, day(), &t, false, |_| {}).unwrap();
        assert_eq!(e.records(), 0);
        assert!(store.load_evidence().unwrap().is_empty());
        let (mut store, _, _) = made(20);
        assert_eq!(
            store.undo_label().unwrap().as_deref(),
            Some("Generate pipeline evidence for 2 partners")
        );
        store.undo().unwrap();
        assert!(store.load_evidence().unwrap().is_empty());
        assert_eq!(store.load_program().unwrap().campaigns.len(), 20);
    }

    /// A second generation into the same database (`--force`) gets CRM
    /// ids of its own: no UNIQUE collision.
    #[test]
    fn twice_into_one_database() {
        let (mut store, _, first) = made(10);
        let t = config::defaults().templates;
        let (_, second) = generate_with_evidence(&mut store, 10, day(), &t, true, |_| {}).unwrap();
        assert_eq!(
            (first.accounts, first.leads, first.opportunities),
            (second.accounts, second.leads, second.opportunities)
        );
        assert_eq!(store.load_evidence().unwrap().accounts.len(), 200);
    }
}
