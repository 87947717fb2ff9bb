//! Unit tests of the import plan: every outcome, the matching order and
//! what an import may change.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::domain::Partner;
use crate::domain::campaign::tests_support::webinar;
use crate::domain::ids::Stored;
use chrono::NaiveDate;
use rust_decimal_macros::dec;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Atlas Cloud (1) with campaign 10 "Cloud Migration Summit" (no CRM id,
/// internal cost 500) and 11 "Q1 Webinar" (CRM id 701000000000011AAA);
/// Globex (2) with campaign 12 "Q1 Webinar".
fn program() -> Program {
    let mut p = Program::default();
    for (id, name) in [(1, "Atlas Cloud"), (2, "Globex")] {
        p.partners.upsert(Stored::new(
            PartnerId(id),
            Partner {
                name: name.into(),
                ..Partner::default()
            },
        ));
    }
    let mut c = webinar();
    c.name = "Cloud Migration Summit".into();
    c.internal_cost = dec!(500);
    p.campaigns.upsert(Stored::new(CampaignId(10), c));
    let mut c = webinar();
    c.crm_id = Some("701000000000011AAA".into());
    p.campaigns.upsert(Stored::new(CampaignId(11), c));
    let mut c = webinar();
    c.partner_id = PartnerId(2);
    p.campaigns.upsert(Stored::new(CampaignId(12), c));
    p
}

fn record(index: usize, cells: &[(&'static str, Value)]) -> Record {
    Record {
        line: Some(index as u64 + 1),
        index,
        reference: None,
        file: None,
        values: cells.iter().cloned().collect(),
        places: std::collections::BTreeMap::new(),
    }
}

fn t(s: &str) -> Value {
    Value::Text(s.into())
}

fn id(s: &str) -> Value {
    Value::Id(s.into())
}

fn choice(source: &str, mapped: Option<&str>) -> Value {
    Value::Choice {
        source: source.into(),
        mapped: mapped.map(String::from),
    }
}

fn one(r: Record) -> Outcome {
    plan(&program(), [&r], None).remove(0).outcome
}

fn one_with(r: Record, partner: Option<PartnerId>) -> Outcome {
    plan(&program(), [&r], partner).remove(0).outcome
}

#[test]
fn an_id_already_stored_links_even_in_its_15_character_form() {
    let r = record(
        1,
        &[
            ("name", t("renamed in Salesforce")),
            ("crm_id", id("701000000000011")),
        ],
    );
    match one(r) {
        Outcome::Link {
            campaign,
            by,
            changes,
            ..
        } => {
            assert_eq!((campaign, by), (CampaignId(11), LinkBy::CrmId));
            assert!(changes.is_empty(), "{changes:?}");
        }
        o => panic!("{o:?}"),
    }
}

#[test]
fn an_external_id_links_and_a_new_id_sets_the_crm_id_as_a_link_not_an_update() {
    let r = record(
        1,
        &[
            ("name", t("anything")),
            ("external_id", id("jmo-campaign-10")),
            ("crm_id", id("701000000000010AAA")),
        ],
    );
    let planned = plan(&program(), [&r], None);
    match &planned[0].outcome {
        o @ Outcome::Link {
            campaign,
            by,
            changes,
            updated,
        } => {
            assert_eq!((*campaign, *by), (CampaignId(10), LinkBy::ExternalId));
            assert_eq!(
                changes,
                &vec![Change {
                    field: "crm id",
                    old: "none".into(),
                    new: "701000000000010AAA".into()
                }]
            );
            assert_eq!(updated.crm_id.as_deref(), Some("701000000000010AAA"));
            assert!(!o.is_update());
        }
        o => panic!("{o:?}"),
    }
    assert_eq!(counts(&planned).link, 1);
}

#[test]
fn the_partner_name_links_within_that_partner_and_a_bare_name_only_when_unique() {
    let r = record(1, &[("name", t("Partner: GLOBEX - q1 webinar"))]);
    assert!(matches!(
        one(r),
        Outcome::Link {
            campaign: CampaignId(12),
            by: LinkBy::PartnerName,
            ..
        }
    ));
    let r = record(1, &[("name", t("Cloud Migration Summit"))]);
    assert!(matches!(
        one(r),
        Outcome::Link {
            campaign: CampaignId(10),
            by: LinkBy::Name,
            ..
        }
    ));
    // Two campaigns are named "Q1 Webinar": no link by name; no partner to create under.
    let r = record(
        1,
        &[
            ("name", t("Q1 Webinar")),
            ("type", choice("Webinar", Some("webinar"))),
        ],
    );
    assert!(matches!(one(r), Outcome::Skip(why) if why.starts_with("no partner")));
}

#[test]
fn an_update_changes_dates_status_type_and_budget_and_keeps_the_launch_in_range() {
    let r = record(
        1,
        &[
            ("name", t("Partner: Atlas Cloud - Cloud Migration Summit")),
            ("start", Value::Date(day("2026-02-10"))),
            ("end", Value::Date(day("2026-03-31"))),
            ("status", choice("In Progress", Some("live"))),
            ("type", choice("Conference", Some("virtual_event"))),
            ("budgeted_cost", Value::Decimal(dec!(8000.00))),
        ],
    );
    let before = program()
        .campaigns
        .get(CampaignId(10))
        .unwrap()
        .value
        .clone();
    let o = one(r);
    assert!(o.is_update());
    let Outcome::Link {
        changes, updated, ..
    } = o
    else {
        panic!()
    };
    let fields: Vec<_> = changes.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        ["start", "launch", "end", "status", "type", "budget"]
    );
    assert!(
        before.launch < day("2026-02-10"),
        "the webinar launches before the new start"
    );
    assert_eq!(updated.launch, day("2026-02-10"));
    assert_eq!(updated.end, day("2026-03-31"));
    assert_eq!(updated.budget, dec!(7500), "BudgetedCost is the total cost");
    assert_eq!(updated.status, CampaignStatus::Live);
    assert_eq!(updated.campaign_type, CampaignType::VirtualEvent);
}

#[test]
fn a_budgeted_cost_below_the_internal_cost_is_a_skip() {
    let r = record(
        1,
        &[
            ("name", t("Cloud Migration Summit")),
            ("budgeted_cost", Value::Decimal(dec!(100))),
        ],
    );
    assert!(matches!(one(r), Outcome::Skip(why) if why.contains("internal cost")));
}

#[test]
fn a_new_campaign_is_created_under_the_names_partner_or_partner_flag() {
    let cells = |name: &str| {
        vec![
            ("name", t(name)),
            ("type", choice("Email", Some("email"))),
            ("start", Value::Date(day("2026-04-06"))),
            ("end", Value::Date(day("2026-05-04"))),
            ("budgeted_cost", Value::Decimal(dec!(3000))),
            ("crm_id", id("701D000000EeEeEIAV")),
        ]
    };
    match one(record(1, &cells("Partner: Atlas Cloud - Nurture emails"))) {
        Outcome::Create {
            partner,
            partner_name,
            campaign,
        } => {
            assert_eq!(
                (partner, partner_name.as_str()),
                (PartnerId(1), "Atlas Cloud")
            );
            assert_eq!(campaign.name, "Nurture emails");
            assert_eq!(campaign.campaign_type, CampaignType::Email);
            assert_eq!(campaign.status, CampaignStatus::Planned);
            // Launch at start + 28 days (the standard schedule), not at
            // the start: the milestones fall before "Campaign live".
            assert_eq!(
                (campaign.start, campaign.launch),
                (day("2026-04-06"), day("2026-05-04"))
            );
            assert_eq!(campaign.budget, dec!(3000));
            assert_eq!(campaign.crm_id.as_deref(), Some("701D000000EeEeEIAV"));
        }
        o => panic!("{o:?}"),
    }
    match one_with(record(1, &cells("Nurture emails")), Some(PartnerId(2))) {
        Outcome::Create {
            partner, campaign, ..
        } => {
            assert_eq!(
                (partner, campaign.name.as_str()),
                (PartnerId(2), "Nurture emails")
            );
        }
        o => panic!("{o:?}"),
    }
    assert!(matches!(
        one(record(1, &cells("Nurture emails"))),
        Outcome::Skip(why) if why.contains("no --partner")
    ));
    assert!(matches!(
        one(record(1, &cells("Partner: Initech - Nurture emails"))),
        Outcome::Skip(why) if why.contains("not in jmo")
    ));
    // --partner does not override a name that says another partner.
    assert!(matches!(
        one_with(record(1, &cells("Partner: Initech - Nurture emails")), Some(PartnerId(2))),
        Outcome::Skip(why) if why.contains("not in jmo")
    ));
}

#[test]
fn skips_say_why() {
    let direct_mail = record(
        1,
        &[
            ("name", t("Cloud Migration Summit")),
            ("type", choice("Direct Mail", None)),
        ],
    );
    assert!(
        matches!(one(direct_mail), Outcome::Skip(why) if why == "Type 'Direct Mail' has no jmo equivalent")
    );
    let reversed = record(
        1,
        &[
            ("name", t("Cloud Migration Summit")),
            ("start", Value::Date(day("2026-05-01"))),
            ("end", Value::Date(day("2026-04-01"))),
        ],
    );
    assert!(matches!(one(reversed), Outcome::Skip(why) if why.starts_with("dates out of order")));
    let parent = record(
        1,
        &[
            ("name", t("Partner Marketing FY27")),
            ("external_id", id("jmo-parent-partner-marketing-fy27")),
        ],
    );
    assert!(matches!(one(parent), Outcome::Skip(why) if why.starts_with("the parent campaign")));
}

#[test]
fn a_campaign_linked_twice_is_skipped_the_second_time() {
    let a = record(1, &[("name", t("Cloud Migration Summit"))]);
    let b = record(
        2,
        &[("name", t("Partner: Atlas Cloud - Cloud Migration Summit"))],
    );
    let planned = plan(&program(), [&a, &b], None);
    // The first record is named as the preview names it: its line.
    assert_eq!(
        planned[1].outcome,
        Outcome::Skip("campaign 10 is already linked by line 2".into())
    );
    // A JSON record has no line: its record number.
    let (mut ja, mut jb) = (a.clone(), b.clone());
    (ja.line, jb.line) = (None, None);
    let json = plan(&program(), [&ja, &jb], None);
    assert_eq!(
        json[1].outcome,
        Outcome::Skip("campaign 10 is already linked by record 1".into())
    );
    assert_eq!(
        counts(&planned),
        Counts {
            link: 1,
            update: 0,
            create: 0,
            skip: 1
        }
    );
}

/// The index matches a crm id as the scan did: 15 ↔ 18 characters, but
/// two 18-character ids that share only their first 15 are different
/// records; a partner's name ignoring ASCII case and spaces.
#[test]
fn the_index_keeps_the_matching_rules() {
    let mut p = program();
    let mut c = webinar();
    c.name = "Other".into();
    c.crm_id = Some("701000000000011ZZZ".into());
    p.campaigns.upsert(Stored::new(CampaignId(13), c));
    let ix = Index::new(&p);
    assert_eq!(ix.by_crm_id("701000000000011"), Some(CampaignId(11)));
    assert_eq!(ix.by_crm_id(" 701000000000011AAA "), Some(CampaignId(11)));
    assert_eq!(ix.by_crm_id("701000000000011ZZZ"), Some(CampaignId(13)));
    assert_eq!(ix.by_crm_id("701000000000011QQQ"), None);
    let hit = partner_name(&ix, "Partner:  atlas CLOUD  - Summit");
    assert_eq!(hit, Some((PartnerId(1), "Atlas Cloud", "Summit")));
}

/// A record whose `Id` differs from the stored CRM id of the campaign it
/// links by external id or by name is a skip that says why and how to fix
/// it: a stored CRM id is never replaced.
#[test]
fn a_different_id_for_a_linked_campaign_is_a_skip_never_a_replacement() {
    let by_ext = record(
        1,
        &[
            ("name", t("anything")),
            ("external_id", id("jmo-campaign-11")),
            ("crm_id", id("701000000000099AAA")),
        ],
    );
    match one(by_ext) {
        Outcome::Skip(why) => assert_eq!(
            why,
            "its Id 701000000000099AAA differs from the stored CRM id 701000000000011AAA \
             (a duplicate in Salesforce?); clear the campaign's CRM id (e) to link it to \
             701000000000099AAA"
        ),
        o => panic!("{o:?}"),
    }
    let by_partner_name = record(
        2,
        &[
            ("name", t("Partner: Atlas Cloud - Q1 Webinar")),
            ("crm_id", id("701000000000099")),
        ],
    );
    assert!(
        matches!(one(by_partner_name), Outcome::Skip(w) if w.starts_with("its Id 701000000000099 differs"))
    );
    // The 15-character form of the stored id is the same id: a link.
    let same = record(
        3,
        &[
            ("external_id", id("jmo-campaign-11")),
            ("crm_id", id("701000000000011")),
        ],
    );
    assert!(matches!(one(same), Outcome::Link { changes, .. } if changes.is_empty()));
}

/// A `701…` Id that cannot be a Salesforce Campaign id (wrong length or
/// checksum) makes the record a skip that says why; another CRM's id is
/// free text.
#[test]
fn an_id_that_is_not_a_salesforce_campaign_id_is_a_skip() {
    let bad = record(
        1,
        &[
            ("external_id", id("jmo-campaign-10")),
            ("crm_id", id("701000000000010AAB")),
        ],
    );
    assert_eq!(
        one(bad),
        Outcome::Skip(
            "Id '701000000000010AAB' is not a Salesforce Campaign id: an 18-character \
             id ends in its checksum 'AAA', not 'AAB'"
                .into()
        )
    );
    let short = record(
        1,
        &[
            ("external_id", id("jmo-campaign-10")),
            ("crm_id", id("701XYZ")),
        ],
    );
    assert!(
        matches!(one(short), Outcome::Skip(w) if w.starts_with("Id '701XYZ' is not a Salesforce"))
    );
    let hubspot = record(
        1,
        &[
            ("external_id", id("jmo-campaign-10")),
            ("crm_id", id("9b0c1e2a-4f6d-4c1b-8a3e-2d5f7a9c1b30")),
        ],
    );
    assert!(matches!(one(hubspot), Outcome::Link { .. }));
}
