//! What moves when a campaign's dates move (docs/domain.md §4, §5).
//!
//! A standard milestone, or a checklist item from the type's template, that
//! is still on the date its rule gives for the old dates moves to the date
//! the rule gives for the new dates. Anything done, re-dated by hand, or
//! added by hand stays where it is.

use super::campaign::Campaign;
use super::ids::{MilestoneId, ResponsibilityId, Stored};
use super::milestone::{Milestone, MilestoneStatus};
use super::responsibility::{Owners, Responsibility, Templates};
use chrono::NaiveDate;
use std::collections::HashMap;

/// New due dates, as `(id, new due date)` pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Moves {
    /// Standard milestones to re-date.
    pub milestones: Vec<(MilestoneId, NaiveDate)>,
    /// Template checklist items to re-date.
    pub checklist: Vec<(ResponsibilityId, NaiveDate)>,
}

/// The new due dates after `old` became `new`. Empty when the dates did
/// not move.
pub fn follow_dates(
    old: &Campaign,
    new: &Campaign,
    milestones: &[&Stored<Milestone>],
    checklist: &[&Stored<Responsibility>],
    templates: &Templates,
) -> Moves {
    let (o, n) = (
        (old.start, old.launch, old.end),
        (new.start, new.launch, new.end),
    );
    if o == n {
        return Moves::default();
    }
    let moved_milestones = milestones
        .iter()
        .filter(|m| m.status != MilestoneStatus::Done)
        .filter_map(|m| {
            let kind = m.kind?;
            (m.due == kind.due(o.0, o.1, o.2)).then(|| (m.id, kind.due(n.0, n.1, n.2)))
        })
        .filter(|(id, due)| milestones.iter().any(|m| m.id == *id && m.due != *due))
        .collect();
    // The template's items for the old and the new dates, by (side, title).
    let owners = Owners {
        ours: "",
        partner: "",
        shared: "",
    };
    let due_by_item = |dates| -> HashMap<_, _> {
        templates
            .generate(Default::default(), old.campaign_type, dates, &owners)
            .into_iter()
            .filter_map(|r| Some(((r.side, r.title), r.due?)))
            .collect()
    };
    let (before, after) = (due_by_item(o), due_by_item(n));
    let moved_items = checklist
        .iter()
        .filter(|r| !r.is_done() && old.campaign_type == new.campaign_type)
        .filter_map(|r| {
            let key = (r.side, r.title.clone());
            let (was, will) = (before.get(&key)?, after.get(&key)?);
            (r.due == Some(*was) && was != will).then_some((r.id, *will))
        })
        .collect();
    Moves {
        milestones: moved_milestones,
        checklist: moved_items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::campaign::{CampaignStatus, CampaignType};
    use crate::domain::ids::{CampaignId, PartnerId};
    use crate::domain::milestone::standard_milestones;
    use crate::domain::responsibility::Side;
    use rust_decimal::Decimal;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn campaign(start: &str, launch: &str, end: &str) -> Campaign {
        Campaign {
            partner_id: PartnerId(1),
            name: "W".into(),
            campaign_type: CampaignType::Webinar,
            playbook: None,
            status: CampaignStatus::Planned,
            audience: String::new(),
            start: d(start),
            launch: d(launch),
            end: d(end),
            budget: Decimal::ZERO,
            internal_cost: Decimal::ZERO,
            lead_target: None,
            crm_id: None,
            attribution_agreed: true,
            uses_partner_data: false,
        }
    }

    #[test]
    fn items_on_their_rule_dates_move_others_stay() {
        let templates = Templates::parse(
            "[webinar]\nours = [{ title = \"Create landing page\", due = \"launch-21\" }]\n\
             partner = [{ title = \"Provide speaker\", due = \"start+7\" }]",
        )
        .unwrap();
        let old = campaign("2026-03-02", "2026-04-13", "2026-04-20");
        let new = campaign("2026-03-09", "2026-04-20", "2026-04-27");
        let c = CampaignId(1);
        let ms: Vec<Stored<Milestone>> = standard_milestones(c, old.start, old.launch, old.end)
            .into_iter()
            .enumerate()
            .map(|(i, m)| Stored::new(MilestoneId(i as i64 + 1), m))
            .collect();
        let mut ms = ms;
        ms[0].status = MilestoneStatus::Done; // kickoff done: stays
        ms[1].due = d("2026-03-11"); // re-dated by hand: stays
        let owners = Owners {
            ours: "Us",
            partner: "Acme",
            shared: "Both",
        };
        let mut items: Vec<Stored<Responsibility>> = templates
            .generate(
                c,
                CampaignType::Webinar,
                (old.start, old.launch, old.end),
                &owners,
            )
            .into_iter()
            .enumerate()
            .map(|(i, r)| Stored::new(ResponsibilityId(i as i64 + 1), r))
            .collect();
        items[1].due = Some(d("2026-03-20")); // the speaker date was moved by hand
        items.push(Stored::new(
            ResponsibilityId(9),
            Responsibility {
                campaign_id: c,
                side: Side::Ours,
                title: "Hand-added".into(),
                owner: String::new(),
                due: Some(d("2026-03-30")),
                done_on: None,
                position: 9,
            },
        ));
        let m_refs: Vec<_> = ms.iter().collect();
        let i_refs: Vec<_> = items.iter().collect();
        let Moves {
            milestones: moved_ms,
            checklist: moved_items,
        } = follow_dates(&old, &new, &m_refs, &i_refs, &templates);
        let moved_ids: Vec<i64> = moved_ms.iter().map(|(id, _)| id.0).collect();
        assert_eq!(moved_ids, vec![3, 4, 5, 6, 7]);
        assert!(moved_ms.contains(&(MilestoneId(6), d("2026-04-20"))));
        assert_eq!(moved_items, vec![(ResponsibilityId(1), d("2026-03-30"))]);
        // Dates unchanged: nothing moves.
        assert_eq!(
            follow_dates(&old, &old, &m_refs, &i_refs, &templates),
            Moves::default()
        );
    }
}
