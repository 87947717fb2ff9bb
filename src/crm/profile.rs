//! Import profiles: how a CRM file's columns and values map to jmo's fields
//! (issue 12 item 4; `docs/domain.md §13`).
//!
//! A profile is TOML. It names the CRM object it reads (`object`, e.g.
//! `Campaign`, which an sObject Tree record's `attributes.type` must match),
//! the jmo record the rows become (`target`, e.g. `campaign`), and for each
//! jmo field the source column names (matched case-insensitively, first
//! present one wins), the field's type and whether it is required; value
//! maps turn a CRM's picklist values into jmo keys:
//!
//! ```toml
//! name = "Salesforce Campaign"
//! object = "Campaign"
//! target = "campaign"
//!
//! [fields.name]
//! columns = ["Name"]
//! type = "text"
//! required = true
//!
//! [fields.status]
//! columns = ["Status"]
//! type = "text"
//!
//! [values.status]
//! "In Progress" = "live"
//! ```
//!
//! The Salesforce Campaign profile is built in
//! (`assets/crm/salesforce-campaign.toml`, [`Profile::salesforce_campaign`]);
//! a user writes one for another CRM's export in the same shape.

use std::collections::BTreeMap;

use serde::Deserialize;
use thiserror::Error;

mod file;
mod targets;
pub use file::read_profile;

use super::values::Kind;
use crate::domain::campaign::{CampaignStatus, CampaignType};
use crate::domain::evidence::{Outcome, Population, TouchKind};
use crate::domain::results::LeadSource;

/// The built-in Salesforce Campaign profile's text.
pub const SALESFORCE_CAMPAIGN: &str = include_str!("../../assets/crm/salesforce-campaign.toml");

/// The jmo records a profile can fill: campaigns, and the pipeline
/// evidence records (`docs/domain.md §15.1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A campaign (`docs/domain.md §2`).
    Campaign,
    /// A CRM account (`account`).
    Account,
    /// An account-overlap row (`overlap`).
    Overlap,
    /// A lead, campaign member or contact (`lead`).
    Lead,
    /// An opportunity or deal (`opportunity`).
    Opportunity,
    /// A partner on an opportunity (`opportunity_partner`).
    OpportunityPartner,
    /// A partner's touch (`touch`).
    Touch,
}

/// The set of jmo keys a mapped value must be one of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    /// A campaign type key (`webinar`, `content`…).
    CampaignType,
    /// A campaign status key (`planned`, `live`, `completed`, `cancelled`).
    CampaignStatus,
    /// A lead source key (`ours`, `partner`, `paid`, `organic`).
    LeadSource,
    /// An overlap population key (`customer`, `prospect`, `open_opportunity`).
    Population,
    /// An opportunity outcome key (`open`, `won`, `lost`).
    Outcome,
    /// A touch kind key (`deal_registration`, `referral`…).
    TouchKind,
}

impl Keys {
    /// Whether `key` is one of these keys.
    pub fn accepts(self, key: &str) -> bool {
        match self {
            Keys::CampaignType => CampaignType::from_key(key).is_some(),
            Keys::CampaignStatus => CampaignStatus::from_key(key).is_some(),
            Keys::LeadSource => LeadSource::from_key(key).is_some(),
            Keys::Population => Population::from_key(key).is_some(),
            Keys::Outcome => Outcome::from_key(key).is_some(),
            Keys::TouchKind => TouchKind::from_key(key).is_some(),
        }
    }

    /// The keys, comma-separated, for messages.
    pub fn list(self) -> String {
        match self {
            Keys::CampaignType => CampaignType::keys(),
            Keys::CampaignStatus => CampaignStatus::keys(),
            Keys::LeadSource => {
                let keys: Vec<&str> = LeadSource::ALL.iter().map(|s| s.key()).collect();
                keys.join(", ")
            }
            Keys::Population => Population::keys(),
            Keys::Outcome => Outcome::keys(),
            Keys::TouchKind => TouchKind::keys(),
        }
    }
}

/// One jmo field a profile may map: its name, kind and, for a picklist, the
/// keys its mapped values must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TargetField {
    /// The field's name in a profile (`[fields.NAME]`).
    pub name: &'static str,
    /// The kind its cells are read as; a profile must declare the same.
    pub kind: Kind,
    /// For a picklist field, the jmo keys a value map must produce.
    pub keys: Option<Keys>,
}

const fn field(name: &'static str, kind: Kind) -> TargetField {
    TargetField {
        name,
        kind,
        keys: None,
    }
}

const CAMPAIGN_FIELDS: &[TargetField] = &[
    field("crm_id", Kind::Id),
    field("external_id", Kind::Id),
    field("name", Kind::Text),
    TargetField {
        name: "type",
        kind: Kind::Text,
        keys: Some(Keys::CampaignType),
    },
    TargetField {
        name: "status",
        kind: Kind::Text,
        keys: Some(Keys::CampaignStatus),
    },
    field("start", Kind::Date),
    field("end", Kind::Date),
    field("budgeted_cost", Kind::Decimal),
    field("actual_cost", Kind::Decimal),
    field("expected_revenue", Kind::Decimal),
    field("expected_response", Kind::Percent),
    field("number_sent", Kind::Decimal),
    field("active", Kind::Bool),
    field("description", Kind::Text),
    field("parent_id", Kind::Id),
    field("parent_external_id", Kind::Id),
    field("currency", Kind::Text),
];

impl Target {
    /// Every target, in the order messages list them.
    pub const ALL: [Target; 7] = [
        Target::Campaign,
        Target::Account,
        Target::Overlap,
        Target::Lead,
        Target::Opportunity,
        Target::OpportunityPartner,
        Target::Touch,
    ];

    /// The target's name in a profile (`target = "campaign"`).
    pub fn name(self) -> &'static str {
        match self {
            Target::Campaign => "campaign",
            Target::Account => "account",
            Target::Overlap => "overlap",
            Target::Lead => "lead",
            Target::Opportunity => "opportunity",
            Target::OpportunityPartner => "opportunity_partner",
            Target::Touch => "touch",
        }
    }

    /// The jmo fields a profile may map for this target, in display order.
    pub fn fields(self) -> &'static [TargetField] {
        match self {
            Target::Campaign => CAMPAIGN_FIELDS,
            Target::Account => targets::ACCOUNT_FIELDS,
            Target::Overlap => targets::OVERLAP_FIELDS,
            Target::Lead => targets::LEAD_FIELDS,
            Target::Opportunity => targets::OPPORTUNITY_FIELDS,
            Target::OpportunityPartner => targets::OPPORTUNITY_PARTNER_FIELDS,
            Target::Touch => targets::TOUCH_FIELDS,
        }
    }

    fn field(self, name: &str) -> Option<&'static TargetField> {
        self.fields().iter().find(|f| f.name == name)
    }

    fn field_names(self) -> String {
        let names: Vec<&str> = self.fields().iter().map(|f| f.name).collect();
        names.join(", ")
    }
}

/// A value map: CRM picklist value → jmo key, looked up ignoring case and
/// surrounding whitespace.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValueMap {
    entries: Vec<(String, String)>,
    /// Each entry's CRM value folded (trimmed, lower-case), for lookups.
    folded: Vec<String>,
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

impl ValueMap {
    /// Builds a map from (CRM value, jmo key) pairs.
    ///
    /// # Errors
    /// The two CRM values that are the same ignoring case and whitespace.
    pub fn new(
        pairs: impl IntoIterator<Item = (String, String)>,
    ) -> Result<ValueMap, (String, String)> {
        let mut map = ValueMap::default();
        for (from, to) in pairs {
            let key = fold(&from);
            if let Some(i) = map.folded.iter().position(|f| *f == key) {
                return Err((map.entries[i].0.clone(), from));
            }
            map.folded.push(key);
            map.entries.push((from, to));
        }
        Ok(map)
    }

    /// The jmo key for a CRM value, if the map has one.
    pub fn get(&self, crm_value: &str) -> Option<&str> {
        let key = fold(crm_value);
        self.folded
            .iter()
            .position(|f| *f == key)
            .map(|i| self.entries[i].1.as_str())
    }

    /// The (CRM value, jmo key) pairs, in the order given.
    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }
}

/// How one jmo field is read: from which columns, as what, required or not,
/// through which value map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldMap {
    /// The jmo field (one of [`Target::fields`]).
    pub field: &'static str,
    /// Source column names, in preference order (case-insensitive).
    pub columns: Vec<String>,
    /// The kind its cells are read as.
    pub kind: Kind,
    /// Whether every record must have a non-empty value (and a CSV the column).
    pub required: bool,
    /// The value map for a picklist field, if any.
    pub values: Option<ValueMap>,
    /// Cell values read as empty (no value), compared ignoring case and
    /// surrounding whitespace: what a tool writes into a column that is not
    /// the record's data. The Salesforce profile lists Data Loader's own
    /// status messages ("Item Created", "Item Updated"), which a success
    /// file writes into every column named `Status`, the Campaign's
    /// included (docs/crm.md "Import").
    pub ignore: Vec<String>,
}

impl FieldMap {
    /// Whether `cell` is one of the values read as empty ([`FieldMap::ignore`]).
    pub fn ignores(&self, cell: &str) -> bool {
        let c = fold(cell);
        self.ignore.iter().any(|i| fold(i) == c)
    }

    /// Whether a header or JSON key names one of this field's columns
    /// (case-insensitive, surrounding whitespace ignored).
    pub fn matches(&self, header: &str) -> bool {
        let h = fold(header);
        self.columns.iter().any(|c| fold(c) == h)
    }

    /// The preferred column name, for messages ("Name").
    pub fn column(&self) -> &str {
        self.columns.first().map_or(self.field, String::as_str)
    }
}

/// A checked import profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// Its name, for messages ("Salesforce Campaign").
    pub name: String,
    /// The CRM object it reads ("Campaign"); sObject Tree records must be of it.
    pub object: String,
    /// The jmo record its rows become.
    pub target: Target,
    /// The mapped fields, in the target's field order.
    pub fields: Vec<FieldMap>,
}

/// What is wrong with a profile. Each message names the field or value.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ProfileError {
    /// Not TOML, or not a profile's shape (the TOML parser's message, with
    /// its line and column).
    #[error("not an import profile: {0}")]
    Toml(String),
    /// `target` is not a jmo record a profile can fill.
    #[error(
        "unknown target {0:?} (one of: campaign, account, overlap, lead, opportunity, opportunity_partner, touch)"
    )]
    UnknownTarget(String),
    /// A campaign profile with no `[fields.name]`: every campaign is matched
    /// (or created) by its name, so without it every row would be a skip.
    #[error("a {0} profile needs [fields.name] (the column of the record's name)")]
    NoName(&'static str),
    /// `[fields.X]` where X is not a field of the target.
    #[error("unknown field {field:?} for a {target} (one of: {known})")]
    UnknownField {
        /// The field as written.
        field: String,
        /// The target's name.
        target: &'static str,
        /// The target's fields.
        known: String,
    },
    /// `type = "…"` is not a kind.
    #[error("field {field}: {message}")]
    UnknownType {
        /// The field.
        field: String,
        /// Names the type and the known ones.
        message: String,
    },
    /// The declared type is not the field's type in jmo.
    #[error("field {field} is a {want} in jmo, not a {given}")]
    WrongType {
        /// The field.
        field: String,
        /// The declared kind.
        given: &'static str,
        /// jmo's kind.
        want: &'static str,
    },
    /// `columns = []` or a blank column name.
    #[error("field {0} needs at least one column name (and no blank ones)")]
    NoColumns(String),
    /// One column claimed by two fields (names compared ignoring case).
    #[error("column {column:?} is mapped twice: to {first} and to {second}")]
    DuplicateColumn {
        /// The column.
        column: String,
        /// The first field claiming it.
        first: String,
        /// The second.
        second: String,
    },
    /// `[values.X]` for a field that is not mapped or is not text.
    #[error("[values.{0}]: only a mapped text field can have a value map")]
    ValuesForUnmappedField(String),
    /// Two CRM values in one map that are the same ignoring case.
    #[error("[values.{field}]: {first:?} and {second:?} are the same value (case is ignored)")]
    DuplicateValue {
        /// The field.
        field: String,
        /// The first spelling.
        first: String,
        /// The second.
        second: String,
    },
    /// A mapped value that is not one of the field's jmo keys.
    #[error("[values.{field}]: {from:?} maps to {to:?}, which is not one of: {allowed}")]
    UnknownKey {
        /// The field.
        field: String,
        /// The CRM value.
        from: String,
        /// The jmo key given.
        to: String,
        /// The keys allowed.
        allowed: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    name: String,
    object: String,
    target: String,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    fields: BTreeMap<String, RawField>,
    #[serde(default)]
    values: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    columns: Vec<String>,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    ignore: Vec<String>,
}

impl Profile {
    /// The built-in Salesforce Campaign profile.
    ///
    /// # Errors
    /// None in practice (a test reads it); a [`ProfileError`] if the shipped
    /// asset were broken.
    pub fn salesforce_campaign() -> Result<Profile, ProfileError> {
        Profile::from_toml(SALESFORCE_CAMPAIGN)
    }

    /// Reads and checks a profile.
    ///
    /// # Errors
    /// [`ProfileError`]: bad TOML or shape (unknown keys included), unknown
    /// target, field or type, no `[fields.name]`, a type that is not the field's, a field with no
    /// columns, a column mapped twice, a value map for an unmapped or non-text
    /// field, duplicate values, or a mapped value that is not a jmo key.
    pub fn from_toml(text: &str) -> Result<Profile, ProfileError> {
        let raw: RawProfile = toml::from_str(text)
            .map_err(|e| ProfileError::Toml(e.to_string().trim().to_owned()))?;
        let Some(target) = Target::ALL.into_iter().find(|t| t.name() == raw.target) else {
            return Err(ProfileError::UnknownTarget(raw.target));
        };
        let mut fields = Vec::new();
        for (name, f) in raw.fields {
            fields.push(check_field(target, &name, f)?);
        }
        fields.sort_by_key(|f| target.fields().iter().position(|t| t.name == f.field));
        if target == Target::Campaign && !fields.iter().any(|f| f.field == "name") {
            return Err(ProfileError::NoName(target.name()));
        }
        check_columns(&fields)?;
        let mut profile = Profile {
            name: raw.name,
            object: raw.object,
            target,
            fields,
        };
        for (field, pairs) in raw.values {
            let map =
                ValueMap::new(pairs).map_err(|(first, second)| ProfileError::DuplicateValue {
                    field: field.clone(),
                    first,
                    second,
                })?;
            profile.set_values(&field, map)?;
        }
        Ok(profile)
    }

    /// Replaces a field's value map, e.g. with the reverse of the configured
    /// jmo type → Salesforce Type map (`[crm.salesforce.types]`).
    ///
    /// # Errors
    /// The field is not mapped or not text, or a mapped value is not one of
    /// the field's jmo keys.
    pub fn set_values(&mut self, field: &str, map: ValueMap) -> Result<(), ProfileError> {
        let target = self.target;
        let Some(f) = self
            .fields
            .iter_mut()
            .find(|f| f.field == field && f.kind == Kind::Text)
        else {
            return Err(ProfileError::ValuesForUnmappedField(field.to_owned()));
        };
        if let Some(keys) = target.field(field).and_then(|t| t.keys) {
            if let Some((from, to)) = map.entries().iter().find(|(_, to)| !keys.accepts(to)) {
                return Err(ProfileError::UnknownKey {
                    field: field.to_owned(),
                    from: from.clone(),
                    to: to.clone(),
                    allowed: keys.list(),
                });
            }
        }
        f.values = Some(map);
        Ok(())
    }

    /// The mapping of one jmo field, if the profile maps it.
    pub fn field(&self, name: &str) -> Option<&FieldMap> {
        self.fields.iter().find(|f| f.field == name)
    }
}

fn check_field(target: Target, name: &str, f: RawField) -> Result<FieldMap, ProfileError> {
    let Some(spec) = target.field(name) else {
        return Err(ProfileError::UnknownField {
            field: name.to_owned(),
            target: target.name(),
            known: target.field_names(),
        });
    };
    let kind: Kind = f
        .kind
        .parse()
        .map_err(|message| ProfileError::UnknownType {
            field: name.to_owned(),
            message,
        })?;
    if kind != spec.kind {
        return Err(ProfileError::WrongType {
            field: name.to_owned(),
            given: kind.name(),
            want: spec.kind.name(),
        });
    }
    if f.columns.is_empty() || f.columns.iter().any(|c| c.trim().is_empty()) {
        return Err(ProfileError::NoColumns(name.to_owned()));
    }
    Ok(FieldMap {
        field: spec.name,
        columns: f.columns,
        kind,
        required: f.required,
        values: None,
        ignore: f.ignore,
    })
}

fn check_columns(fields: &[FieldMap]) -> Result<(), ProfileError> {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for f in fields {
        for c in &f.columns {
            if let Some((_, first)) = seen.iter().find(|(s, _)| *s == fold(c)) {
                return Err(ProfileError::DuplicateColumn {
                    column: c.clone(),
                    first: (*first).to_owned(),
                    second: f.field.to_owned(),
                });
            }
            seen.push((fold(c), f.field));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "profile_tests.rs"]
mod tests;
