//! The write side, one module per record kind: each holds that kind's
//! add/edit forms (fields, labels, hints, prefilled from the record being
//! edited or sensible defaults for a new one), how the form reads back
//! into a [`Draft`], the rules the draft must pass, and its save step
//! (the [`Kind`] trait). This module holds what they share: what a form is
//! for ([`FormTarget`]), the drafts, the open form, and [`build`], which
//! shows every error at its field and returns `None` until the whole form
//! is valid (issue 2, item 6).

mod asset;
mod campaign;
mod checklist;
mod claim;
mod contact;
mod evidence;
mod expense;
mod fund;
mod meeting;
mod milestone;
mod partner;
mod plan;
mod request;
mod results;

pub use asset::asset_form;
pub(super) use campaign::warned_not_ready;
pub use campaign::{apply_playbook, campaign_form, costs_form, follow_start};
pub use checklist::responsibility_form;
pub use claim::claim_form;
pub use contact::contact_form;
pub use evidence::{overlap_form, touch_form};
pub use expense::expense_form;
pub use fund::fund_form;
pub(super) use meeting::edit_theirs;
pub use meeting::meeting_form;
pub use milestone::milestone_form;
pub use partner::{agreement_form, budget_form, partner_form};
pub use plan::{plan_entry_form, plan_form};
pub use request::request_form;
pub use results::results_form;

use super::App;
use super::form::{Choice, Form};
use crate::domain::dates::iso;
use crate::domain::keyed::Keyed;
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// What a form creates or edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A partner (new when `None`).
    Partner(Option<PartnerId>),
    /// A campaign of a partner.
    Campaign {
        /// Its partner.
        partner: PartnerId,
        /// The campaign edited, or `None` for a new one.
        id: Option<CampaignId>,
    },
    /// A milestone of a campaign.
    Milestone {
        /// Its campaign.
        campaign: CampaignId,
        /// The milestone edited, or `None`.
        id: Option<MilestoneId>,
    },
    /// A checklist item of a campaign.
    Responsibility {
        /// Its campaign.
        campaign: CampaignId,
        /// The item edited, or `None`.
        id: Option<ResponsibilityId>,
    },
    /// An asset of a campaign.
    Asset {
        /// Its campaign.
        campaign: CampaignId,
        /// The asset edited, or `None`.
        id: Option<AssetId>,
    },
    /// A campaign's money: budget, internal cost, lead target.
    Costs(CampaignId),
    /// An MDF fund of a partner.
    Fund {
        /// Its partner.
        partner: PartnerId,
        /// The fund edited, or `None`.
        id: Option<FundId>,
    },
    /// An MDF request of a campaign.
    Request {
        /// Its campaign.
        campaign: CampaignId,
        /// The request edited, or `None`.
        id: Option<RequestId>,
    },
    /// A claim against a request.
    Claim {
        /// Its request.
        request: RequestId,
        /// The claim edited, or `None`.
        id: Option<ClaimId>,
    },
    /// A campaign's results.
    Results(CampaignId),
    /// An MDF expense of a campaign.
    Expense {
        /// Its campaign.
        campaign: CampaignId,
        /// The expense edited, or `None`.
        id: Option<ExpenseId>,
    },
    /// A partner's agreement terms (docs/domain.md §10).
    Agreement(PartnerId),
    /// A partner's co-marketing budget factors (docs/domain.md §10).
    BudgetFactors(PartnerId),
    /// A marketing contact of a partner.
    Contact {
        /// Its partner.
        partner: PartnerId,
        /// The contact edited, or `None`.
        id: Option<ContactId>,
    },
    /// A check-in or QBR with its notes.
    Meeting {
        /// Its partner.
        partner: PartnerId,
        /// Check-in or QBR.
        kind: MeetingKind,
        /// The meeting edited, or `None`.
        id: Option<MeetingId>,
    },
    /// A joint marketing plan.
    Plan {
        /// Its partner.
        partner: PartnerId,
        /// The plan edited, or `None`.
        id: Option<PlanId>,
    },
    /// A campaign's figures in a joint marketing plan.
    PlanEntry(PlanEntryId),
    /// A partner touch typed by hand on this account (docs/domain.md §15.1).
    Touch(crate::domain::evidence::AccountId),
    /// This account marked as in a partner's overlap (docs/domain.md §15.1).
    Overlap(crate::domain::evidence::AccountId),
}

/// A valid record read from a form, ready to save.
#[derive(Debug, Clone, PartialEq)]
pub enum Draft {
    /// A partner.
    Partner(Partner),
    /// A campaign; for a new one, the playbook it came from.
    Campaign(Campaign),
    /// A milestone.
    Milestone(Milestone),
    /// A checklist item.
    Responsibility(Responsibility),
    /// An asset.
    Asset(Asset),
    /// The campaign with new costs.
    Costs(Campaign),
    /// A fund.
    Fund(Fund),
    /// An MDF request.
    Request(MdfRequest),
    /// A claim.
    Claim(Claim),
    /// Results.
    Results(CampaignResults),
    /// An MDF expense.
    Expense(Expense),
    /// A contact.
    Contact(Contact),
    /// A meeting.
    Meeting(Meeting),
    /// A joint marketing plan.
    Plan(JointPlan),
    /// A plan entry.
    PlanEntry(PlanEntry),
    /// A partner touch typed by hand.
    Touch(crate::domain::evidence::Touch),
    /// An overlap row typed by hand.
    Overlap(crate::domain::evidence::Overlap),
}

/// A form and what it is for.
#[derive(Debug, Clone)]
pub struct OpenForm {
    /// The form.
    pub form: Form,
    /// Its target.
    pub target: FormTarget,
    /// The record as it was when the form opened (edits only); the form
    /// reads back onto it, and a save writes only what the user changed
    /// since (issue 10, item 1). Set by [`super::snapshot::prepare`].
    pub base: Option<Draft>,
    /// What the untouched form read back as when it opened: the fields
    /// where the current reading differs are the ones the user changed.
    pub pristine: Option<Draft>,
    /// Each field's value when the form opened, in field order (to keep
    /// the user's typing when the form is reloaded after a conflict).
    pub initial: Vec<String>,
    /// What changed underneath when a save was refused: Enter saves the
    /// user's fields over that version, Esc reloads.
    pub theirs: Option<super::merge::Underneath>,
}

impl OpenForm {
    /// A form for `target`, not yet tied to a snapshot (see
    /// [`super::snapshot::prepare`], which the app calls as it opens it).
    pub fn new(form: Form, target: FormTarget) -> OpenForm {
        OpenForm {
            form,
            target,
            base: None,
            pristine: None,
            initial: Vec::new(),
            theirs: None,
        }
    }
}

fn choices<T: Keyed + std::fmt::Display>(all: &[T]) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice::new(v.key(), v.to_string()))
        .collect()
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(iso).unwrap_or_default()
}

fn opt_money(m: Option<Decimal>) -> String {
    m.map(|v| v.to_string()).unwrap_or_default()
}

fn opt_count(n: Option<i64>) -> String {
    n.map(|v| v.to_string()).unwrap_or_default()
}

const DATE_HINT: &str = "YYYY-MM-DD, today, +7 (days from today) or -3";

/// `a; b; c` → one item per line (blank items dropped), as stored.
fn split_list(text: &str) -> String {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn key_of<T: Keyed>(form: &Form, field: &str) -> Option<T> {
    T::from_key(&form.chosen(field))
}

/// The save step's answer to a draft of another kind than its form's
/// target (a bug, never the user's doing).
fn mismatch() -> StoreError {
    StoreError::Refused("internal: the form does not match its record".into())
}

/// One record kind's write side: how its form reads back into a
/// [`Draft`], the rules a draft must pass before it is saved, and the save
/// step. Each kind's module implements it (with that kind's form builders
/// and labels); [`kind`] picks the one a [`FormTarget`] belongs to.
trait Kind: Sync {
    /// Reads the (parse-valid) fields of `form` into a draft for `target`;
    /// `None` when a field does not read (its error is shown) or the
    /// record edited is gone. An edit reads onto `base`, the record as it
    /// was when the form opened (issue 10, item 1); without a base, onto
    /// the record in `program`.
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        program: &Program,
        base: Option<&Draft>,
    ) -> Option<Draft>;

    /// The draft's own validation, then the rules against the stored
    /// records in `program` as of `today`; errors name their fields.
    fn check(
        &self,
        draft: &Draft,
        target: FormTarget,
        program: &Program,
        today: NaiveDate,
    ) -> Result<(), Invalid>;

    /// Saves a valid draft: a new record is inserted (with what comes with
    /// it), an edited one gets only the fields the user changed over the
    /// record as it is on disk (`merge.rs`). One transaction.
    ///
    /// Errors: the store's (conflict, not found, invalid, I/O).
    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError>;
}

/// The record kind `target` belongs to.
fn kind(target: FormTarget) -> &'static dyn Kind {
    match target {
        FormTarget::Partner(_) | FormTarget::Agreement(_) | FormTarget::BudgetFactors(_) => {
            &partner::PartnerForms
        }
        FormTarget::Contact { .. } => &contact::ContactForms,
        FormTarget::Meeting { .. } => &meeting::MeetingForms,
        FormTarget::Plan { .. } | FormTarget::PlanEntry(_) => &plan::PlanForms,
        FormTarget::Campaign { .. } | FormTarget::Costs(_) => &campaign::CampaignForms,
        FormTarget::Milestone { .. } => &milestone::MilestoneForms,
        FormTarget::Responsibility { .. } => &checklist::ChecklistForms,
        FormTarget::Asset { .. } => &asset::AssetForms,
        FormTarget::Fund { .. } => &fund::FundForms,
        FormTarget::Request { .. } => &request::RequestForms,
        FormTarget::Claim { .. } => &claim::ClaimForms,
        FormTarget::Results(_) => &results::ResultsForms,
        FormTarget::Expense { .. } => &expense::ExpenseForms,
        FormTarget::Touch(_) | FormTarget::Overlap(_) => &evidence::EvidenceForms,
    }
}

/// Reads the form into a draft. Shows every error at its field (parse
/// errors, then the record's own validation, then the rules against the
/// stored records as of `today`) and returns `None` until the form is
/// valid; nothing is saved before that.
pub fn build(open: &mut OpenForm, program: &Program, today: NaiveDate) -> Option<Draft> {
    let form = &mut open.form;
    if !form.check_all() {
        form.focus_first_error();
        return None;
    }
    let kind = kind(open.target);
    let draft = kind.read(form, open.target, program, open.base.as_ref())?;
    match kind.check(&draft, open.target, program, today) {
        Ok(()) => Some(draft),
        Err(invalid) => {
            form.show_errors(&invalid);
            None
        }
    }
}

/// Reads the (parse-valid) fields into a draft. An edit reads onto
/// `base`, the record as it was when the form opened, so the fields the
/// form does not show stay as they were then (issue 10, item 1); without a
/// base, onto the record in `program`.
pub(super) fn read(
    form: &Form,
    target: FormTarget,
    program: &Program,
    base: Option<&Draft>,
) -> Option<Draft> {
    kind(target).read(form, target, program, base)
}

impl App {
    /// Saves a valid form: a new record is inserted; an edited one gets
    /// only the fields the user changed, over the record as it is on disk
    /// (see `merge.rs`). Each record kind's save step is in its module.
    pub(super) fn save(&mut self, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        kind(open.target).save(self, open, draft)
    }
}
