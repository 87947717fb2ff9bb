//! The domain layer: plain types and pure functions.
//!
//! Nothing in here does I/O or reads the clock: "today" is always a
//! parameter (docs/domain.md §1.3). Everything else in jmo
//! (store, app, ui) depends on this layer, never the other way round.

pub mod agenda;
pub mod asset;
pub mod campaign;
pub mod capture;
pub mod consent;
pub mod crm_id;
pub mod currency;
pub mod dashboard;
pub mod dates;
pub mod evidence;
pub mod expense;
pub mod figure;
pub mod guardrails;
pub mod ids;
pub mod jmp;
pub mod joint_plan;
pub mod keyed;
pub mod ledger;
#[cfg(test)]
mod ledger_props;
pub mod markdown;
pub mod mdf;
pub mod meeting;
pub mod milestone;
pub mod money;
pub mod new_campaign;
pub mod packet;
pub mod partner;
#[cfg(test)]
mod partner_program_tests;
pub mod performance;
pub mod playbook;
pub mod program;
pub mod relationship;
pub mod report;
pub mod reschedule;
pub mod responsibility;
pub mod results;
pub mod roi;
pub mod validation;
pub mod words;

pub use asset::Asset;
pub use campaign::{Campaign, CampaignStatus, CampaignType};
pub use currency::Currency;
pub use expense::Expense;
pub use ids::*;
pub use joint_plan::{JointPlan, Period, PlanEntry};
pub use mdf::{Claim, ClaimStatus, Fund, MdfRequest, RequestStatus};
pub use meeting::{Meeting, MeetingKind};
pub use milestone::{Milestone, MilestoneKind, MilestoneStatus, ShownStatus};
pub use partner::{Contact, Partner, PartnershipType, Tier};
pub use program::Program;
pub use responsibility::{Responsibility, Side};
pub use results::CampaignResults;
pub use validation::{FieldError, Invalid};
