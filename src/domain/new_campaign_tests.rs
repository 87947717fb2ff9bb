//! Tests of creating a campaign: its records for every type with the
//! shipped templates, and the default owners.

use super::*;
use crate::domain::campaign::{CampaignStatus, CampaignType};
use crate::domain::ids::PartnerId;
use crate::domain::milestone::{MilestoneKind, MilestoneStatus};
use crate::domain::responsibility::Side;
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn shipped() -> Templates {
    Templates::parse(include_str!("../../assets/templates.toml")).unwrap()
}

fn campaign(t: CampaignType) -> Campaign {
    Campaign {
        partner_id: PartnerId(1),
        name: "New".into(),
        campaign_type: t,
        playbook: None,
        status: CampaignStatus::Planned,
        audience: String::new(),
        start: d("2026-03-02"),
        launch: d("2026-04-13"),
        end: d("2026-04-20"),
        budget: Decimal::from(5000),
        internal_cost: Decimal::ZERO,
        lead_target: None,
        crm_id: None,
        attribution_agreed: false,
        uses_partner_data: false,
    }
}

fn acme() -> Partner {
    Partner {
        name: "Acme".into(),
        ..Partner::default()
    }
}

fn contact(name: &str) -> Contact {
    Contact {
        partner_id: PartnerId(1),
        name: name.into(),
        role: String::new(),
        email: String::new(),
    }
}

#[test]
fn every_type_gets_the_seven_milestones_and_its_template_checklist() {
    let templates = shipped();
    let owners = Owners {
        ours: "Maya",
        partner: "Pat",
        shared: SHARED_OWNER,
    };
    // Items per type in the shipped templates: ours, partner, shared.
    let sizes = [
        (CampaignType::Webinar, (4, 4, 3)),
        (CampaignType::Content, (4, 4, 2)),
        (CampaignType::VirtualEvent, (4, 3, 3)),
        (CampaignType::InPersonEvent, (4, 3, 2)),
        (CampaignType::DigitalAds, (3, 2, 2)),
        (CampaignType::Email, (3, 3, 2)),
    ];
    for (t, (ours, partner, shared)) in sizes {
        let c = campaign(t);
        let made = records(CampaignId(7), &c, &templates, &owners);
        let kinds: Vec<_> = made.milestones.iter().map(|m| m.kind).collect();
        assert_eq!(
            kinds,
            MilestoneKind::ALL
                .iter()
                .copied()
                .map(Some)
                .collect::<Vec<_>>(),
            "{t:?}"
        );
        for m in &made.milestones {
            assert_eq!(m.campaign_id, CampaignId(7));
            assert_eq!(m.status, MilestoneStatus::Upcoming);
            let kind = m.kind.unwrap();
            assert_eq!(m.due, kind.due(c.start, c.launch, c.end), "{t:?} {kind:?}");
            assert_eq!(m.name, kind.label());
        }
        let count = |side| made.checklist.iter().filter(|r| r.side == side).count();
        assert_eq!(
            (count(Side::Ours), count(Side::Partner), count(Side::Shared)),
            (ours, partner, shared),
            "{t:?}"
        );
        for r in &made.checklist {
            assert_eq!(r.campaign_id, CampaignId(7));
            assert!(r.done_on.is_none() && r.due.is_some(), "{t:?} {}", r.title);
            let want = match r.side {
                Side::Ours => "Maya",
                Side::Partner => "Pat",
                Side::Shared => "Both",
            };
            assert_eq!(r.owner, want, "{t:?} {}", r.title);
        }
        // The same as the two generators it combines, item for item.
        assert_eq!(
            made.checklist,
            templates.generate(CampaignId(7), t, (c.start, c.launch, c.end), &owners)
        );
    }
}

#[test]
fn a_type_without_a_template_gets_milestones_and_no_checklist() {
    let only_webinars = Templates::parse(
        "[webinar]\nours = [{ title = \"Create landing page\", due = \"launch-21\" }]",
    )
    .unwrap();
    let p = acme();
    let owners = default_owners("Us", &p, []);
    let made = records(
        CampaignId(1),
        &campaign(CampaignType::Email),
        &only_webinars,
        &owners,
    );
    assert_eq!(made.milestones.len(), 7);
    assert!(made.checklist.is_empty());
}

#[test]
fn a_template_items_own_owner_wins() {
    let t = Templates::parse(
        "[email]\nshared = [{ title = \"Segment selection\", due = \"start+3\", owner = \"Dana\" }]",
    )
    .unwrap();
    let p = acme();
    let owners = default_owners("Us", &p, []);
    let made = records(CampaignId(1), &campaign(CampaignType::Email), &t, &owners);
    assert_eq!(made.checklist[0].owner, "Dana");
}

#[test]
fn the_partner_side_defaults_to_the_first_marketing_contact() {
    let p = acme();
    let (pat, lee) = (contact("Pat Okafor"), contact("Lee Chen"));
    assert_eq!(partner_owner(&p, [&pat, &lee]), "Pat Okafor");
    // A blank name is no contact; a name is trimmed.
    let (blank, padded) = (contact("  "), contact("  Lee Chen "));
    assert_eq!(partner_owner(&p, [&blank, &padded]), "Lee Chen");
    // No contact on file: the company.
    assert_eq!(partner_owner(&p, []), "Acme");
    assert_eq!(partner_owner(&p, [&blank]), "Acme");
}

#[test]
fn default_owners_are_ours_the_contact_and_both() {
    let p = acme();
    let pat = contact("Pat Okafor");
    let owners = default_owners("Maya Chen", &p, [&pat]);
    assert_eq!(
        (owners.ours, owners.partner, owners.shared),
        ("Maya Chen", "Pat Okafor", "Both")
    );
}

/// A campaign created without a launch goes live after its preparation
/// milestones: start + 28 days (42 for an event), never after the end.
#[test]
fn the_default_launch_follows_the_standard_schedule_within_the_dates() {
    let l = default_launch(CampaignType::Webinar, d("2027-03-01"), d("2027-03-31"));
    assert_eq!(l, d("2027-03-29"));
    let (s, e) = (d("2027-03-01"), d("2027-03-31"));
    for k in [
        MilestoneKind::Kickoff,
        MilestoneKind::ContentDraft,
        MilestoneKind::PartnerReview,
        MilestoneKind::AssetsFinalized,
        MilestoneKind::PromotionBegins,
    ] {
        assert!(
            k.due(s, l, e) <= MilestoneKind::CampaignLive.due(s, l, e),
            "{k:?}"
        );
    }
    assert_eq!(
        default_launch(CampaignType::VirtualEvent, d("2027-03-01"), d("2027-06-30")),
        d("2027-04-12")
    );
    assert_eq!(
        default_launch(CampaignType::Webinar, d("2027-03-01"), d("2027-03-10")),
        d("2027-03-10")
    );
}
