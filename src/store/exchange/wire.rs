//! The JSON shape of each record table (docs/export-format.md): money as
//! a string holding the exact decimal, dates as "YYYY-MM-DD", enums as
//! their keys; one wire struct per table, declared with the domain
//! struct's fields in order so a field left out does not compile.

use crate::domain::mdf::ActivityType;
use crate::domain::*;
use crate::store::rows::Row;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A reference from a record to another: `(field, table, id)`.
pub(super) type Reference = (&'static str, &'static str, i64);

/// A record table as it appears in the document.
pub(super) trait Exchanged: Row + References {
    /// The JSON object of one record: `id` plus every field, in wire types.
    type Wire: Serialize + DeserializeOwned;
    fn to_wire(row: &Stored<Self>) -> Self::Wire;
    fn from_wire(wire: Self::Wire) -> Stored<Self>;
    /// The record's own validation (`validate()`).
    fn check(&self) -> Result<(), Invalid>;
}

/// A field type as written in JSON, and its domain type.
pub(super) trait Wire: Sized {
    type Domain;
    fn from_domain(value: &Self::Domain) -> Self;
    fn into_domain(self) -> Self::Domain;
}

/// Types whose JSON form is their own serde form.
macro_rules! plain_wire {
    ($($t:ty),+ $(,)?) => {$(
        impl Wire for $t {
            type Domain = $t;
            fn from_domain(value: &$t) -> $t {
                value.clone()
            }
            fn into_domain(self) -> $t {
                self
            }
        }
    )+};
}
plain_wire!(
    String,
    bool,
    i64,
    PartnerId,
    CampaignId,
    FundId,
    RequestId,
    PlanId,
    MeetingKind,
    Period,
    PartnershipType,
    Tier,
    CampaignType,
    CampaignStatus,
    MilestoneKind,
    MilestoneStatus,
    Side,
    ActivityType,
    RequestStatus,
    ClaimStatus,
);

impl<W: Wire> Wire for Option<W> {
    type Domain = Option<W::Domain>;
    fn from_domain(value: &Option<W::Domain>) -> Self {
        value.as_ref().map(W::from_domain)
    }
    fn into_domain(self) -> Option<W::Domain> {
        self.map(W::into_domain)
    }
}

/// Money in JSON: a string holding the exact decimal, e.g. "5000.50".
struct Money(Decimal);

impl Money {
    /// `$0`, the default of a money field older versions did not have.
    fn zero() -> Money {
        Money(Decimal::ZERO)
    }
    /// `1`, the default of a budget factor older versions did not have.
    fn one() -> Money {
        Money(Decimal::ONE)
    }
}

impl Wire for Money {
    type Domain = Decimal;
    fn from_domain(value: &Decimal) -> Self {
        Money(*value)
    }
    fn into_domain(self) -> Decimal {
        self.0
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Money;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an amount as a JSON string, e.g. \"5000.50\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Money, E> {
                Decimal::from_str(v)
                    .map(Money)
                    .map_err(|_| E::custom(format!("'{v}' is not an amount")))
            }
        }
        d.deserialize_str(V)
    }
}

/// A date in JSON: "YYYY-MM-DD", exactly.
struct Day(NaiveDate);

impl Wire for Day {
    type Domain = NaiveDate;
    fn from_domain(value: &NaiveDate) -> Self {
        Day(*value)
    }
    fn into_domain(self) -> NaiveDate {
        self.0
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.format("%Y-%m-%d"))
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as a JSON string, e.g. \"2026-03-02\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Day, E> {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .ok()
                    .filter(|d| d.format("%Y-%m-%d").to_string() == v)
                    .map(Day)
                    .ok_or_else(|| E::custom(format!("'{v}' is not a date (YYYY-MM-DD)")))
            }
        }
        d.deserialize_str(V)
    }
}

/// Declares the JSON object of a record table: `id` first, then the listed
/// fields (all of the domain struct's, in its order, with their wire
/// types), and its [`Exchanged`] impl. Leaving a field out, or giving it
/// the wrong wire type, does not compile.
macro_rules! exchanged {
    ($t:ty => $wire:ident { $($(#[$fattr:meta])* $field:ident: $ft:ty),+ $(,)? }) => {
        #[derive(Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(in crate::store::exchange) struct $wire {
            id: i64,
            $($(#[$fattr])* $field: $ft),+
        }

        impl Exchanged for $t {
            type Wire = $wire;
            fn to_wire(row: &Stored<Self>) -> $wire {
                $wire {
                    id: <$t as Row>::id_raw(row.id),
                    $($field: <$ft as Wire>::from_domain(&row.value.$field)),+
                }
            }
            fn from_wire(wire: $wire) -> Stored<Self> {
                Stored::new(
                    <$t as Row>::id_from(wire.id),
                    Self { $($field: <$ft as Wire>::into_domain(wire.$field)),+ },
                )
            }
            fn check(&self) -> Result<(), Invalid> {
                self.validate()
            }
        }
    };
}

exchanged!(Partner => PartnerJson {
    name: String,
    partnership_type: PartnershipType,
    tier: Tier,
    brand_guidelines_on_file: bool,
    data_consent_on: Option<Day>,
    notes: String,
    #[serde(default)]
    agreement_start: Option<Day>,
    #[serde(default)]
    agreement_end: Option<Day>,
    #[serde(default)]
    brand_guidelines_ref: String,
    #[serde(default)]
    data_consent_scope: String,
    #[serde(default)]
    agreement_scope: String,
    #[serde(default)]
    sharing_terms: String,
    #[serde(default)]
    exclusivity: String,
    #[serde(default)]
    exclusive_until: Option<Day>,
    #[serde(default)]
    brand_usage: String,
    #[serde(default)]
    termination_notice_days: Option<i64>,
    #[serde(default = "Money::zero")]
    recorded_revenue: Money,
    #[serde(default)]
    referrals: i64,
    #[serde(default = "Money::one")]
    pipeline_potential: Money,
    #[serde(default = "Money::one")]
    strategic_value: Money,
    #[serde(default)]
    past_performance: String,
    #[serde(default)]
    archived_on: Option<Day>,
});
exchanged!(Contact => ContactJson {
    partner_id: PartnerId,
    name: String,
    role: String,
    email: String,
});
exchanged!(Meeting => MeetingJson {
    partner_id: PartnerId,
    kind: MeetingKind,
    held_on: Day,
    progress: String,
    upcoming: String,
    roadblocks: String,
    next_steps: String,
});
exchanged!(JointPlan => PlanJson {
    partner_id: PartnerId,
    period: Period,
    objective: String,
    notes: String,
});
exchanged!(PlanEntry => PlanEntryJson {
    plan_id: PlanId,
    campaign_id: CampaignId,
    pipeline_target: Option<Money>,
    partner_investment: Money,
});
exchanged!(Campaign => CampaignJson {
    partner_id: PartnerId,
    name: String,
    campaign_type: CampaignType,
    playbook: Option<String>,
    status: CampaignStatus,
    audience: String,
    start: Day,
    launch: Day,
    end: Day,
    budget: Money,
    internal_cost: Money,
    lead_target: Option<i64>,
    crm_id: Option<String>,
    attribution_agreed: bool,
    uses_partner_data: bool,
});
exchanged!(Milestone => MilestoneJson {
    campaign_id: CampaignId,
    name: String,
    kind: Option<MilestoneKind>,
    due: Day,
    status: MilestoneStatus,
    completed_on: Option<Day>,
    blocked_reason: Option<String>,
});
exchanged!(Responsibility => ResponsibilityJson {
    campaign_id: CampaignId,
    side: Side,
    title: String,
    owner: String,
    due: Option<Day>,
    done_on: Option<Day>,
    position: i64,
});
exchanged!(Asset => AssetJson {
    campaign_id: CampaignId,
    name: String,
    kind: String,
    co_branded: bool,
    approved_on: Option<Day>,
    location: String,
});
exchanged!(Fund => FundJson {
    partner_id: PartnerId,
    name: String,
    period_start: Day,
    period_end: Day,
    allocated: Money,
    policy: String,
});
exchanged!(MdfRequest => MdfRequestJson {
    campaign_id: CampaignId,
    fund_id: Option<FundId>,
    activity: ActivityType,
    amount: Money,
    approved_amount: Option<Money>,
    status: RequestStatus,
    submitted_on: Option<Day>,
    decided_on: Option<Day>,
    justification: String,
    expected_roi: Option<Money>,
    #[serde(default)]
    proof_required: String,
    reason: Option<String>,
});
exchanged!(Expense => ExpenseJson {
    campaign_id: CampaignId,
    request_id: Option<RequestId>,
    category: String,
    amount: Money,
    spent_on: Day,
    vendor: String,
    invoice_ref: String,
    proof: String,
    withdrawn: Option<String>,
});
exchanged!(Claim => ClaimJson {
    request_id: RequestId,
    amount: Money,
    status: ClaimStatus,
    submitted_on: Option<Day>,
    paid_on: Option<Day>,
    paid_amount: Option<Money>,
    note: String,
});
exchanged!(CampaignResults => ResultsJson {
    campaign_id: CampaignId,
    registrations: Option<i64>,
    attendees: Option<i64>,
    leads: Option<i64>,
    mqls: Option<i64>,
    pipeline_sourced: Option<Money>,
    pipeline_influenced: Option<Money>,
    pipeline_partner_assisted: Option<Money>,
    revenue: Option<Money>,
    reported_on: Option<Day>,
    leads_ours: Option<i64>,
    leads_partner: Option<i64>,
    leads_paid: Option<i64>,
    leads_organic: Option<i64>,
    reach_ours: Option<i64>,
    reach_partner: Option<i64>,
    target_registrations: Option<i64>,
    target_attendees: Option<i64>,
    target_leads: Option<i64>,
    target_mqls: Option<i64>,
    target_pipeline: Option<Money>,
    target_revenue: Option<Money>,
});

/// The records a record points at: `(field, table, id)` for each
/// reference field that is set.
pub(super) trait References {
    fn refs(&self) -> Vec<Reference>;
}

impl References for Partner {
    fn refs(&self) -> Vec<Reference> {
        Vec::new()
    }
}

impl References for Contact {
    fn refs(&self) -> Vec<Reference> {
        vec![("partner_id", Partner::TABLE, self.partner_id.0)]
    }
}

impl References for Meeting {
    fn refs(&self) -> Vec<Reference> {
        vec![("partner_id", Partner::TABLE, self.partner_id.0)]
    }
}

impl References for JointPlan {
    fn refs(&self) -> Vec<Reference> {
        vec![("partner_id", Partner::TABLE, self.partner_id.0)]
    }
}

impl References for PlanEntry {
    fn refs(&self) -> Vec<Reference> {
        vec![
            ("plan_id", JointPlan::TABLE, self.plan_id.0),
            ("campaign_id", Campaign::TABLE, self.campaign_id.0),
        ]
    }
}

impl References for Campaign {
    fn refs(&self) -> Vec<Reference> {
        vec![("partner_id", Partner::TABLE, self.partner_id.0)]
    }
}

impl References for Milestone {
    fn refs(&self) -> Vec<Reference> {
        vec![("campaign_id", Campaign::TABLE, self.campaign_id.0)]
    }
}

impl References for Responsibility {
    fn refs(&self) -> Vec<Reference> {
        vec![("campaign_id", Campaign::TABLE, self.campaign_id.0)]
    }
}

impl References for Asset {
    fn refs(&self) -> Vec<Reference> {
        vec![("campaign_id", Campaign::TABLE, self.campaign_id.0)]
    }
}

impl References for Fund {
    fn refs(&self) -> Vec<Reference> {
        vec![("partner_id", Partner::TABLE, self.partner_id.0)]
    }
}

impl References for MdfRequest {
    fn refs(&self) -> Vec<Reference> {
        let mut refs = vec![("campaign_id", Campaign::TABLE, self.campaign_id.0)];
        if let Some(fund) = self.fund_id {
            refs.push(("fund_id", Fund::TABLE, fund.0));
        }
        refs
    }
}

impl References for Claim {
    fn refs(&self) -> Vec<Reference> {
        vec![("request_id", MdfRequest::TABLE, self.request_id.0)]
    }
}

impl References for Expense {
    fn refs(&self) -> Vec<Reference> {
        let mut refs = vec![("campaign_id", Campaign::TABLE, self.campaign_id.0)];
        if let Some(request) = self.request_id {
            refs.push(("request_id", MdfRequest::TABLE, request.0));
        }
        refs
    }
}

impl References for CampaignResults {
    fn refs(&self) -> Vec<Reference> {
        vec![("campaign_id", Campaign::TABLE, self.campaign_id.0)]
    }
}

mod evidence;
