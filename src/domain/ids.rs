//! Typed record ids and the [`Stored`] wrapper that pairs a record with its id.
//!
//! Drafts (what a form or an import produces) are the plain record types
//! (`Campaign`, `Milestone`, …) and carry no id; a record read back from the
//! store is a `Stored<Campaign>` (STYLE: "drafts vs stored records").

use super::evidence::{AccountId, LeadId, OpportunityId, OverlapId, TouchId};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Deref, DerefMut};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Row id of a partner (docs/domain.md §10).
    PartnerId
);
id_type!(
    /// Row id of a campaign (docs/domain.md §2).
    CampaignId
);
id_type!(
    /// Row id of a milestone (docs/domain.md §4).
    MilestoneId
);
id_type!(
    /// Row id of a responsibility (checklist item, docs/domain.md §5).
    ResponsibilityId
);
id_type!(
    /// Row id of a campaign asset (docs/domain.md §6.2 G1).
    AssetId
);
id_type!(
    /// Row id of an MDF fund (docs/domain.md §11).
    FundId
);
id_type!(
    /// Row id of an MDF request / pre-approval (docs/domain.md §11).
    RequestId
);
id_type!(
    /// Row id of an MDF claim (docs/domain.md §11).
    ClaimId
);
id_type!(
    /// Row id of a campaign's results record (docs/domain.md §8).
    ResultsId
);
id_type!(
    /// Row id of an MDF expense (docs/domain.md §11).
    ExpenseId
);

id_type!(
    /// Row id of a partner's marketing contact (docs/domain.md §10).
    ContactId
);
id_type!(
    /// Row id of a partner meeting: check-in or QBR (docs/domain.md §10.5, seed 002).
    MeetingId
);
id_type!(
    /// Row id of a joint marketing plan (docs/domain.md §10.7, seed 003).
    PlanId
);
id_type!(
    /// Row id of a campaign's place in a joint marketing plan.
    PlanEntryId
);

/// A record type kept by jmo: it names its id type and its parent's id type,
/// so that a [`crate::domain::program::Table`] can index children by parent.
pub trait Record: Clone {
    /// The typed id of this record.
    type Id: Copy + Ord + std::hash::Hash + fmt::Debug;
    /// The typed id of the parent record (`()` for top-level records).
    type Parent: Copy + Ord + std::hash::Hash + fmt::Debug;
    /// The parent this record belongs to.
    fn parent(&self) -> Self::Parent;
}

/// A record as stored: its id plus its fields. Derefs to the record, so
/// `stored.name` reads the field directly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stored<T: Record> {
    /// The row id.
    pub id: T::Id,
    /// The record's fields.
    #[serde(flatten)]
    pub value: T,
}

impl<T: Record> Stored<T> {
    /// Pairs `value` with its `id`.
    pub fn new(id: T::Id, value: T) -> Self {
        Self { id, value }
    }
}

impl<T: Record> Deref for Stored<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Record> DerefMut for Stored<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.value
    }
}

/// A reference to any one record, used by findings ("which record is wrong")
/// and by the change history ("which record changed").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum RecordRef {
    /// A partner.
    Partner(PartnerId),
    /// A campaign.
    Campaign(CampaignId),
    /// A milestone.
    Milestone(MilestoneId),
    /// A checklist item.
    Responsibility(ResponsibilityId),
    /// An asset.
    Asset(AssetId),
    /// An MDF fund.
    Fund(FundId),
    /// An MDF request.
    Request(RequestId),
    /// An MDF claim.
    Claim(ClaimId),
    /// A campaign's results.
    Results(ResultsId),
    /// An MDF expense.
    Expense(ExpenseId),
    /// A partner's marketing contact.
    Contact(ContactId),
    /// A check-in or QBR with a partner.
    Meeting(MeetingId),
    /// A joint marketing plan.
    Plan(PlanId),
    /// A campaign in a joint marketing plan.
    PlanEntry(PlanEntryId),
    /// A CRM account (pipeline evidence, docs/domain.md §15.1).
    Account(AccountId),
    /// One account in a partner's overlap snapshot (docs/domain.md §15.1).
    Overlap(OverlapId),
    /// A lead or campaign member (docs/domain.md §15.1).
    Lead(LeadId),
    /// An opportunity (docs/domain.md §15.1).
    Opportunity(OpportunityId),
    /// A partner's touch on an account or opportunity (docs/domain.md §15.1).
    Touch(TouchId),
}

impl RecordRef {
    /// A short human label of the record kind, e.g. "milestone".
    pub fn kind_label(&self) -> &'static str {
        match self {
            RecordRef::Partner(_) => "partner",
            RecordRef::Campaign(_) => "campaign",
            RecordRef::Milestone(_) => "milestone",
            RecordRef::Responsibility(_) => "checklist item",
            RecordRef::Asset(_) => "asset",
            RecordRef::Fund(_) => "fund",
            RecordRef::Request(_) => "MDF request",
            RecordRef::Claim(_) => "claim",
            RecordRef::Results(_) => "results",
            RecordRef::Expense(_) => "expense",
            RecordRef::Contact(_) => "contact",
            RecordRef::Meeting(_) => "meeting",
            RecordRef::Plan(_) => "joint marketing plan",
            RecordRef::PlanEntry(_) => "plan campaign",
            RecordRef::Account(_) => "account",
            RecordRef::Overlap(_) => "account overlap",
            RecordRef::Lead(_) => "lead",
            RecordRef::Opportunity(_) => "opportunity",
            RecordRef::Touch(_) => "partner touch",
        }
    }

    /// Whether it is a pipeline-evidence record (docs/domain.md §15.1):
    /// an account, overlap row, lead, opportunity or touch.
    pub fn is_evidence(&self) -> bool {
        matches!(
            self,
            RecordRef::Account(_)
                | RecordRef::Overlap(_)
                | RecordRef::Lead(_)
                | RecordRef::Opportunity(_)
                | RecordRef::Touch(_)
        )
    }

    /// The record's row id, without its kind.
    pub fn raw_id(&self) -> i64 {
        match *self {
            RecordRef::Partner(id) => id.0,
            RecordRef::Campaign(id) => id.0,
            RecordRef::Milestone(id) => id.0,
            RecordRef::Responsibility(id) => id.0,
            RecordRef::Asset(id) => id.0,
            RecordRef::Fund(id) => id.0,
            RecordRef::Request(id) => id.0,
            RecordRef::Claim(id) => id.0,
            RecordRef::Results(id) => id.0,
            RecordRef::Expense(id) => id.0,
            RecordRef::Contact(id) => id.0,
            RecordRef::Meeting(id) => id.0,
            RecordRef::Plan(id) => id.0,
            RecordRef::PlanEntry(id) => id.0,
            RecordRef::Account(id) => id.0,
            RecordRef::Overlap(id) => id.0,
            RecordRef::Lead(id) => id.0,
            RecordRef::Opportunity(id) => id.0,
            RecordRef::Touch(id) => id.0,
        }
    }
}
