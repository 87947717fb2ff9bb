//! The example plan's pipeline evidence (issue 14 item 7; docs/domain.md
//! §15): accounts, overlap snapshots, leads, opportunities and touches,
//! dated around today, so a newcomer sees each class with its reason and
//! each reconciliation finding. What each account shows:
//!
//! | account | what it shows |
//! |---|---|
//! | Contoso Pharma | Northwind **sourced** (a referral before our first lead); won |
//! | Fabrikam Health | Atlas **influenced** (its overlap snapshot in the window); Verity **partner-assisted** (a co-selling meeting after creation) |
//! | Tailspin Retail | two deal registrations: Meridian's, earlier, **sources** it; Redwood's is **E1** and falls to influenced |
//! | Litware Manufacturing | Northwind influenced it, but its overlap marks it our excluded customer: **E5** |
//! | Adventure Works | Redwood's referral before its agreement began: **E4**, not counted (T2) |
//! | Woodgrove Bank | a Northwind Data Summit pre-registration: the opportunity was created before the summit started, so it is influenced, not sourced (**T4**) |
//! | (none) | a lead whose company is in no account: **E2** unreconciled |
//!
//! The campaigns' typed results stay as they are, so their reported
//! figures differ from the evidenced ones: **E6**. The overlap rows and
//! partner-sourced leads are of partners whose data consent is recorded
//! (Northwind, Atlas), so the example's exports carry them (G5).

use super::example::Names;
use super::{StoreError, Tx};
use crate::domain::dates::shift;
use crate::domain::evidence::*;
use crate::domain::results::LeadSource;
use crate::domain::{CampaignId, PartnerId};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Inserts the example's evidence, dated from `today`; partners and
/// campaigns by their example names (one not in `names` is left out).
///
/// Errors: the store's.
pub(super) fn insert(tx: &mut Tx<'_>, names: &Names, today: NaiveDate) -> Result<(), StoreError> {
    let day = |d: i64| shift(today, d);
    let partner = |n: &str| names.partners.get(n).copied();
    let campaign = |n: &str| names.campaigns.get(n).copied();
    let (Some(northwind), Some(meridian), Some(atlas), Some(verity), Some(redwood)) = (
        partner("Northwind Analytics"),
        partner("Meridian Solutions Group"),
        partner("Atlas Cloud"),
        partner("Verity Systems"),
        partner("Redwood IT Services"),
    ) else {
        return Ok(());
    };
    // The example loaded a second time (`jmo demo --force`): the CRM's
    // records are there already, and their CRM ids are unique.
    let first = "001EX0000000001AAA";
    if tx.query_i64("SELECT count(*) FROM accounts WHERE crm_id = ?1", &[&first])? > 0 {
        return Ok(());
    }
    let account = |tx: &mut Tx<'_>, n: u32, name: &str, domain: &str| {
        tx.insert(&Account {
            crm_id: format!("001EX0000000{n:03}AAA"), // the first is checked above
            name: name.into(),
            domain: domain.into(),
            owner: "Dana Whitfield".into(),
        })
    };
    let contoso = account(tx, 1, "Contoso Pharma", "contosopharma.com")?;
    let fabrikam = account(tx, 2, "Fabrikam Health", "fabrikam.health")?;
    let tailspin = account(tx, 3, "Tailspin Retail", "tailspin.shop")?;
    let litware = account(tx, 4, "Litware Manufacturing", "litware.example")?;
    let adventure = account(tx, 5, "Adventure Works", "adventure-works.example")?;
    let woodgrove = account(tx, 6, "Woodgrove Bank", "woodgrovebank.example")?;

    let overlap = |partner_id, account_id, population, on, excluded| Overlap {
        partner_id,
        account_id,
        population,
        snapshot_on: day(on),
        excluded,
    };
    tx.insert(&overlap(atlas, fabrikam, Population::Prospect, -100, false))?;
    tx.insert(&overlap(
        northwind,
        litware,
        Population::Customer,
        -100,
        true,
    ))?;
    tx.insert(&overlap(
        northwind,
        contoso,
        Population::Prospect,
        -150,
        false,
    ))?;

    let mut n = 0;
    let mut lead = |tx: &mut Tx<'_>,
                    account_id: Option<AccountId>,
                    account_ref: &str,
                    campaign_id: Option<CampaignId>,
                    source: LeadSource,
                    created: i64,
                    mql: Option<i64>| {
        n += 1;
        tx.insert(&Lead {
            crm_id: format!("00QEX00000{n:04}AAA"),
            account_id,
            account_ref: account_ref.into(),
            campaign_id,
            source,
            created_on: day(created),
            mql_on: mql.map(day),
        })
    };
    let webinar = campaign("Modern Data Stack Webinar");
    let summit = campaign("Cloud Migration Summit");
    let data_summit = campaign("Northwind Data Summit");
    lead(
        tx,
        Some(contoso),
        "",
        None,
        LeadSource::Paid,
        -80,
        Some(-75),
    )?;
    lead(
        tx,
        Some(contoso),
        "",
        webinar,
        LeadSource::Partner,
        -78,
        Some(-72),
    )?;
    lead(
        tx,
        Some(fabrikam),
        "",
        summit,
        LeadSource::Ours,
        -120,
        Some(-110),
    )?;
    lead(
        tx,
        Some(woodgrove),
        "",
        data_summit,
        LeadSource::Partner,
        -14,
        None,
    )?;
    lead(
        tx,
        None,
        "globalfreight.example",
        webinar,
        LeadSource::Partner,
        -100,
        None,
    )?;

    let opportunity = |n: u32,
                       account_id: AccountId,
                       name: &str,
                       amount: i64,
                       stage: &str,
                       created: i64,
                       close: i64,
                       outcome: Outcome,
                       campaign_id: Option<CampaignId>| Opportunity {
        crm_id: format!("006EX0000000{n:03}AAA"),
        account_id: Some(account_id),
        account_ref: String::new(),
        name: name.into(),
        amount: Decimal::from(amount),
        stage: stage.into(),
        created_on: day(created),
        close_on: day(close),
        outcome,
        lead_source: String::new(),
        registered_by: None,
        campaign_id,
    };
    use Outcome::{Lost, Open, Won};
    let won = "Closed Won";
    tx.insert(&opportunity(
        1,
        contoso,
        "Contoso Pharma - Analytics platform",
        84_000,
        won,
        -70,
        -20,
        Won,
        webinar,
    ))?;
    let fabrikam_deal = tx.insert(&opportunity(
        2,
        fabrikam,
        "Fabrikam Health - Data hub",
        56_000,
        "Proposal",
        -60,
        30,
        Open,
        None,
    ))?;
    let tailspin_deal = tx.insert(&opportunity(
        3,
        tailspin,
        "Tailspin Retail - Store analytics",
        32_000,
        "Negotiation",
        -40,
        20,
        Open,
        None,
    ))?;
    tx.insert(&opportunity(
        4,
        litware,
        "Litware - Plant dashboards",
        20_000,
        won,
        -85,
        -10,
        Won,
        None,
    ))?;
    tx.insert(&opportunity(
        5,
        adventure,
        "Adventure Works - Pilot",
        15_000,
        "Closed Lost",
        -290,
        -200,
        Lost,
        None,
    ))?;
    tx.insert(&opportunity(
        6,
        woodgrove,
        "Woodgrove Bank - Risk analytics",
        41_000,
        "Discovery",
        -12,
        60,
        Open,
        None,
    ))?;

    let touch = |partner_id: PartnerId,
                 account_id: AccountId,
                 opportunity_id: Option<OpportunityId>,
                 on: i64,
                 kind: TouchKind,
                 note: &str| Touch {
        partner_id,
        account_id: Some(account_id),
        opportunity_id,
        on: day(on),
        kind,
        campaign_id: None,
        crm_id: String::new(),
        note: note.into(),
    };
    use TouchKind::*;
    tx.insert(&touch(
        northwind,
        contoso,
        None,
        -100,
        Referral,
        "Priya (Northwind AE) introduced their VP Data",
    ))?;
    tx.insert(&touch(
        verity,
        fabrikam,
        Some(fabrikam_deal),
        -30,
        CoSellingMeeting,
        "Joint architecture review with Verity's SE",
    ))?;
    tx.insert(&touch(
        meridian,
        tailspin,
        Some(tailspin_deal),
        -45,
        DealRegistration,
        "Registered in the partner portal",
    ))?;
    tx.insert(&touch(
        redwood,
        tailspin,
        Some(tailspin_deal),
        -42,
        DealRegistration,
        "Registered in the partner portal",
    ))?;
    tx.insert(&touch(
        northwind,
        litware,
        None,
        -90,
        Introduction,
        "Intro to the plant IT lead",
    ))?;
    tx.insert(&touch(
        redwood,
        adventure,
        None,
        -320,
        Referral,
        "Referred before the reseller agreement was signed",
    ))?;
    Ok(())
}
