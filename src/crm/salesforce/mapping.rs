//! How jmo's values map to Salesforce's (docs/crm.md, docs/domain.md §13): the
//! campaign type to Campaign `Type` (defaults here, overridable in the
//! config's `[crm.salesforce.types]`), the campaign status to Campaign
//! `Status`, the MDF statuses to the channel objects' `Status`, the
//! external-ID scheme, the parent campaign's name and `ExpectedResponse`.

use crate::domain::mdf::ActivityType;
use crate::domain::{CampaignStatus, CampaignType, ClaimStatus, RequestStatus};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// The Campaign `Name` of a jmo campaign, `Partner: {partner} - {campaign}`
/// (one definition, in the domain, shared by G8's message, the export, the
/// import's name match and the MDF pane's CRM line).
pub use crate::domain::campaign::crm_campaign_name as campaign_name;

/// The custom external-ID field jmo's exports carry on every object
/// (Text(64), External ID, Unique): its value is [`external_id`].
pub const EXTERNAL_ID_FIELD: &str = "Jmo_Id__c";

/// Salesforce's standard Campaign `Type` picklist (docs/domain.md §13).
pub const CAMPAIGN_TYPES: &[&str] = &[
    "Conference",
    "Webinar",
    "Trade Show",
    "Public Relations",
    "Partners",
    "Referral Program",
    "Advertisement",
    "Banner Ads",
    "Direct Mail",
    "Email",
    "Telemarketing",
    "Other",
];

/// The default Campaign `Type` of a jmo campaign type (docs/crm.md):
/// webinar → Webinar, content → Other, virtual event → Conference,
/// in-person event → Trade Show, digital ads → Advertisement, email → Email.
pub fn default_type(t: CampaignType) -> &'static str {
    match t {
        CampaignType::Webinar => "Webinar",
        CampaignType::Content => "Other",
        CampaignType::VirtualEvent => "Conference",
        CampaignType::InPersonEvent => "Trade Show",
        CampaignType::DigitalAds => "Advertisement",
        CampaignType::Email => "Email",
    }
}

/// The Campaign `Type` for each jmo campaign type: [`default_type`] unless
/// the config's `[crm.salesforce.types]` names another value (an org may
/// have its own picklist values, so any non-empty text is taken).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TypeMap {
    overrides: BTreeMap<CampaignType, String>,
}

impl TypeMap {
    /// The Salesforce `Type` of `t`.
    pub fn of(&self, t: CampaignType) -> &str {
        self.overrides
            .get(&t)
            .map_or_else(|| default_type(t), String::as_str)
    }

    /// Sets the value for `t` (the config's entry).
    pub fn set(&mut self, t: CampaignType, value: impl Into<String>) {
        self.overrides.insert(t, value.into());
    }
}

/// Everything the config can set for Salesforce: `[crm.salesforce]`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SalesforceSettings {
    /// `[crm.salesforce.types]`: jmo type key = "Salesforce Type".
    pub types: TypeMap,
}

/// Reads the config's `[crm]` table leniently: `[crm.salesforce.types]`
/// entries `webinar = "Webinar"`; an unknown type key, a value that is not
/// a non-empty string or an unknown setting is pushed onto `warnings` and
/// skipped (the default stays).
pub fn settings_from_toml(value: toml::Value, warnings: &mut Vec<String>) -> SalesforceSettings {
    let mut settings = SalesforceSettings::default();
    let toml::Value::Table(crm) = value else {
        warnings.push("[crm] must be a table; defaults kept".into());
        return settings;
    };
    for (key, v) in crm {
        if key != "salesforce" {
            warnings.push(format!("[crm] unknown setting '{key}' skipped"));
            continue;
        }
        let toml::Value::Table(sf) = v else {
            warnings.push("[crm.salesforce] must be a table; defaults kept".into());
            continue;
        };
        for (key, v) in sf {
            if key != "types" {
                warnings.push(format!("[crm.salesforce] unknown setting '{key}' skipped"));
                continue;
            }
            let toml::Value::Table(types) = v else {
                warnings.push("[crm.salesforce.types] must be a table; defaults kept".into());
                continue;
            };
            for (name, value) in types {
                let Some(t) = CampaignType::from_key(&name) else {
                    warnings.push(format!(
                        "[crm.salesforce.types] '{name}' is not a campaign type ({}); skipped",
                        CampaignType::keys()
                    ));
                    continue;
                };
                match value.as_str().map(str::trim) {
                    Some(s) if !s.is_empty() => settings.types.set(t, s),
                    _ => warnings.push(format!(
                        "[crm.salesforce.types] {name}: must be a Salesforce Type such as \"Webinar\"; \"{}\" kept",
                        default_type(t)
                    )),
                }
            }
        }
    }
    settings
}

/// Campaign `Status` of a jmo campaign status: planned → Planned, live →
/// In Progress, completed → Completed, cancelled → Aborted.
pub fn campaign_status(s: CampaignStatus) -> &'static str {
    match s {
        CampaignStatus::Planned => "Planned",
        CampaignStatus::Live => "In Progress",
        CampaignStatus::Completed => "Completed",
        CampaignStatus::Cancelled => "Aborted",
    }
}

/// PartnerFundRequest `Status`: draft and returned (back with the
/// partner) → Draft, submitted → Submitted, approved → Approved; rejected,
/// expired and cancelled → Rejected (no money is released on any of them).
pub fn request_status(s: RequestStatus) -> &'static str {
    match s {
        RequestStatus::Draft | RequestStatus::Returned => "Draft",
        RequestStatus::Submitted => "Submitted",
        RequestStatus::Approved => "Approved",
        RequestStatus::Rejected | RequestStatus::Expired | RequestStatus::Cancelled => "Rejected",
    }
}

/// PartnerFundClaim `Status` (docs/domain.md §13: Draft, Approved, Rejected, Paid):
/// draft and submitted (not decided yet) → Draft, approved → Approved,
/// paid → Paid, rejected and disputed (not accepted) → Rejected; the claim's
/// `Description` keeps jmo's own status and note.
pub fn claim_status(s: ClaimStatus) -> &'static str {
    match s {
        ClaimStatus::Draft | ClaimStatus::Submitted => "Draft",
        ClaimStatus::Approved => "Approved",
        ClaimStatus::Paid => "Paid",
        ClaimStatus::Rejected | ClaimStatus::Disputed => "Rejected",
    }
}

/// PartnerFundRequest `Activity`: jmo's activity label (Event, Webinar,
/// Digital ads, Email, Content).
pub fn activity(a: ActivityType) -> &'static str {
    a.label()
}

/// jmo's stable external id of a record: `jmo-{kind}-{row id}`, e.g.
/// `jmo-campaign-42` (kinds: partner, campaign, fund, allocation, request,
/// claim). Row ids are never reused, so a re-run names the same record the
/// same way and Data Loader's upsert on [`EXTERNAL_ID_FIELD`] updates it.
pub fn external_id(kind: &str, id: impl std::fmt::Display) -> String {
    format!("jmo-{kind}-{id}")
}

/// The parent campaign's name: `--parent NAME`, else "Partner Marketing
/// FY{yy}" by the program's fiscal year (FY2027 → "FY27").
pub fn parent_name(explicit: Option<&str>, fiscal_year: i32) -> String {
    match explicit.map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => name.to_owned(),
        None => format!("Partner Marketing FY{:02}", fiscal_year.rem_euclid(100)),
    }
}

/// The parent campaign's external id: `jmo-parent-` and its name in lower
/// case with every run of other characters than letters and digits as one
/// `-` ("Partner Marketing FY27" → `jmo-parent-partner-marketing-fy27`).
pub fn parent_external_id(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    format!("jmo-parent-{}", slug.trim_end_matches('-'))
}

/// `ExpectedResponse` (a percent in Salesforce): expected leads ÷ reach ×
/// 100, rounded half away from zero to 2 places; `None` unless both are
/// known and the reach is above zero.
pub fn expected_response(expected_leads: Option<i64>, reach: Option<i64>) -> Option<Decimal> {
    let (leads, reach) = (expected_leads?, reach?);
    if reach <= 0 || leads < 0 {
        return None;
    }
    let pct = Decimal::from(leads)
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(Decimal::from(reach))?;
    Some(pct.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_campaign_type_maps_to_a_standard_picklist_value() {
        let got: Vec<&str> = CampaignType::ALL.iter().map(|t| default_type(*t)).collect();
        assert_eq!(
            got,
            [
                "Webinar",
                "Other",
                "Conference",
                "Trade Show",
                "Advertisement",
                "Email"
            ]
        );
        assert!(got.iter().all(|t| CAMPAIGN_TYPES.contains(t)));
    }

    #[test]
    fn config_overrides_one_type_and_warns_about_bad_entries() {
        let v: toml::Value = toml::from_str(
            "[salesforce.types]\ncontent = \"Partners\"\nwebinars = \"Webinar\"\nemail = 3\n",
        )
        .unwrap();
        let mut w = Vec::new();
        let s = settings_from_toml(v, &mut w);
        assert_eq!(s.types.of(CampaignType::Content), "Partners");
        assert_eq!(s.types.of(CampaignType::Email), "Email");
        assert_eq!(s.types.of(CampaignType::Webinar), "Webinar");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].contains("email: must be"), "{w:?}");
        assert!(w[1].contains("'webinars' is not a campaign type"), "{w:?}");
    }

    #[test]
    fn every_status_maps() {
        let c: Vec<&str> = CampaignStatus::ALL
            .iter()
            .map(|s| campaign_status(*s))
            .collect();
        assert_eq!(c, ["Planned", "In Progress", "Completed", "Aborted"]);
        let r: Vec<&str> = RequestStatus::ALL
            .iter()
            .map(|s| request_status(*s))
            .collect();
        assert_eq!(
            r,
            [
                "Draft",
                "Submitted",
                "Approved",
                "Draft",
                "Rejected",
                "Rejected",
                "Rejected"
            ]
        );
        let k: Vec<&str> = ClaimStatus::ALL.iter().map(|s| claim_status(*s)).collect();
        assert_eq!(
            k,
            ["Draft", "Draft", "Approved", "Paid", "Rejected", "Rejected"]
        );
    }

    #[test]
    fn expected_response_is_a_percent_rounded_to_two_places() {
        assert_eq!(
            expected_response(Some(1), Some(3)),
            Some(Decimal::new(3333, 2))
        );
        assert_eq!(
            expected_response(Some(2), Some(3)),
            Some(Decimal::new(6667, 2))
        );
        // 1/8 = 12.5 %, 1/16 = 6.25 %, 1/32 = 3.125 % → 3.13 (half away from zero)
        assert_eq!(
            expected_response(Some(1), Some(32)),
            Some(Decimal::new(313, 2))
        );
        assert_eq!(
            expected_response(Some(300), Some(6000)),
            Some(Decimal::new(5, 0))
        );
        assert_eq!(expected_response(None, Some(10)), None);
        assert_eq!(expected_response(Some(10), None), None);
        assert_eq!(expected_response(Some(10), Some(0)), None);
    }

    #[test]
    fn parent_names_and_ids() {
        assert_eq!(parent_name(None, 2027), "Partner Marketing FY27");
        assert_eq!(parent_name(None, 2100), "Partner Marketing FY00");
        assert_eq!(parent_name(Some(" EMEA Partners "), 2027), "EMEA Partners");
        assert_eq!(
            parent_external_id("Partner Marketing FY27"),
            "jmo-parent-partner-marketing-fy27"
        );
        assert_eq!(
            parent_external_id("EMEA / Partners!"),
            "jmo-parent-emea-partners"
        );
        assert_eq!(external_id("campaign", 42), "jmo-campaign-42");
    }
}
