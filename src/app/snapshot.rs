//! What a form was opened on (issue 10, item 1): the record it edits as
//! it was then (the *base*), what the untouched form reads back as (the
//! *pristine* draft), and the typed helpers that compare and copy fields
//! between two versions of a record held in [`Draft`]s.

use super::forms::{self, Draft, FormTarget, OpenForm};
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::rows::Row;

/// Ties `open` to the record it edits as `program` holds it now: its base,
/// its pristine reading and each field's initial value.
pub fn prepare(open: &mut OpenForm, program: &Program) {
    open.base = snapshot(open.target, program);
    open.pristine = forms::read(&open.form, open.target, program, open.base.as_ref());
    open.initial = open
        .form
        .fields
        .iter()
        .map(|f| open.form.value(f.key))
        .collect();
    open.theirs = None;
}

/// The record a form for `target` edits, as `program` holds it; `None`
/// for a new record (or one that is gone). A campaign's results that do
/// not exist yet are the empty results: a save then fills what the user
/// typed, over what someone else may have entered meanwhile.
pub fn snapshot(target: FormTarget, program: &Program) -> Option<Draft> {
    let p = program;
    Some(match target {
        FormTarget::Partner(Some(id))
        | FormTarget::Agreement(id)
        | FormTarget::BudgetFactors(id) => Draft::Partner(p.partners.get(id)?.value.clone()),
        FormTarget::Campaign { id: Some(id), .. } => {
            Draft::Campaign(p.campaigns.get(id)?.value.clone())
        }
        FormTarget::Costs(id) => Draft::Costs(p.campaigns.get(id)?.value.clone()),
        FormTarget::Milestone { id: Some(id), .. } => {
            Draft::Milestone(p.milestones.get(id)?.value.clone())
        }
        FormTarget::Responsibility { id: Some(id), .. } => {
            Draft::Responsibility(p.responsibilities.get(id)?.value.clone())
        }
        FormTarget::Asset { id: Some(id), .. } => Draft::Asset(p.assets.get(id)?.value.clone()),
        FormTarget::Fund { id: Some(id), .. } => Draft::Fund(p.funds.get(id)?.value.clone()),
        FormTarget::Request { id: Some(id), .. } => {
            Draft::Request(p.requests.get(id)?.value.clone())
        }
        FormTarget::Claim { id: Some(id), .. } => Draft::Claim(p.claims.get(id)?.value.clone()),
        FormTarget::Expense { id: Some(id), .. } => {
            Draft::Expense(p.expenses.get(id)?.value.clone())
        }
        FormTarget::Contact { id: Some(id), .. } => {
            Draft::Contact(p.contacts.get(id)?.value.clone())
        }
        FormTarget::Meeting { id: Some(id), .. } => {
            Draft::Meeting(p.meetings.get(id)?.value.clone())
        }
        FormTarget::Plan { id: Some(id), .. } => Draft::Plan(p.plans.get(id)?.value.clone()),
        FormTarget::PlanEntry(id) => Draft::PlanEntry(p.plan_entries.get(id)?.value.clone()),
        FormTarget::Results(c) => Draft::Results(
            p.results_of(c)
                .map_or_else(|| CampaignResults::empty(c), |r| r.value.clone()),
        ),
        _ => return None,
    })
}

/// Runs `$body` with `$a` and `$b` as the same record type inside two
/// drafts of the same variant; `$none` otherwise.
macro_rules! with_pair {
    ($x:expr, $y:expr, |$a:ident, $b:ident, $t:ident| $body:expr, $none:expr) => {
        match ($x, $y) {
            (Draft::Partner($a), Draft::Partner($b)) => {
                type $t = Partner;
                $body
            }
            (Draft::Campaign($a), Draft::Campaign($b)) | (Draft::Costs($a), Draft::Costs($b)) => {
                type $t = Campaign;
                $body
            }
            (Draft::Milestone($a), Draft::Milestone($b)) => {
                type $t = Milestone;
                $body
            }
            (Draft::Responsibility($a), Draft::Responsibility($b)) => {
                type $t = Responsibility;
                $body
            }
            (Draft::Asset($a), Draft::Asset($b)) => {
                type $t = Asset;
                $body
            }
            (Draft::Fund($a), Draft::Fund($b)) => {
                type $t = Fund;
                $body
            }
            (Draft::Request($a), Draft::Request($b)) => {
                type $t = MdfRequest;
                $body
            }
            (Draft::Claim($a), Draft::Claim($b)) => {
                type $t = Claim;
                $body
            }
            (Draft::Results($a), Draft::Results($b)) => {
                type $t = CampaignResults;
                $body
            }
            (Draft::Expense($a), Draft::Expense($b)) => {
                type $t = Expense;
                $body
            }
            (Draft::Contact($a), Draft::Contact($b)) => {
                type $t = Contact;
                $body
            }
            (Draft::Meeting($a), Draft::Meeting($b)) => {
                type $t = Meeting;
                $body
            }
            (Draft::Plan($a), Draft::Plan($b)) => {
                type $t = JointPlan;
                $body
            }
            (Draft::PlanEntry($a), Draft::PlanEntry($b)) => {
                type $t = PlanEntry;
                $body
            }
            _ => $none,
        }
    };
}

/// The columns whose values differ between two versions of a record.
pub(super) fn changed_columns(a: &Draft, b: &Draft) -> Vec<&'static str> {
    with_pair!(
        a,
        b,
        |x, y, T| x
            .diff(y)
            .into_iter()
            .map(|i| <T as Row>::COLUMNS[i])
            .collect(),
        Vec::new()
    )
}

/// Copies `columns` of `from` into `into` (two versions of one record).
pub(super) fn take_columns(into: &mut Draft, from: &Draft, columns: &[&str]) {
    with_pair!(
        into,
        from,
        |x, y, T| {
            let idx: Vec<usize> = <T as Row>::COLUMNS
                .iter()
                .enumerate()
                .filter(|(_, c)| columns.contains(c))
                .map(|(i, _)| i)
                .collect();
            x.take_fields(y, &idx);
        },
        ()
    )
}

/// A record type a [`Draft`] can hold.
pub trait FromDraft: Row {
    /// The record in `draft`, if it holds this type.
    fn from_draft(draft: &Draft) -> Option<&Self>;
}

macro_rules! from_draft {
    ($($t:ty => $($variant:ident)|+),+ $(,)?) => {$(
        impl FromDraft for $t {
            fn from_draft(draft: &Draft) -> Option<&Self> {
                match draft {
                    $(Draft::$variant(x))|+ => Some(x),
                    #[allow(unreachable_patterns)]
                    _ => None,
                }
            }
        }
    )+};
}
from_draft!(
    Partner => Partner,
    Campaign => Campaign | Costs,
    Milestone => Milestone,
    Responsibility => Responsibility,
    Asset => Asset,
    Fund => Fund,
    MdfRequest => Request,
    Claim => Claim,
    CampaignResults => Results,
    Expense => Expense,
    Contact => Contact,
    Meeting => Meeting,
    JointPlan => Plan,
    PlanEntry => PlanEntry,
);

/// The stored values of `record` as `program` holds it (`None` when it is
/// not there): to tell whether a record changed between two readings.
pub(super) fn values_of(
    program: &Program,
    record: RecordRef,
) -> Option<Vec<rusqlite::types::Value>> {
    let p = program;
    Some(match record {
        RecordRef::Partner(id) => p.partners.get(id)?.value.values(),
        RecordRef::Campaign(id) => p.campaigns.get(id)?.value.values(),
        RecordRef::Milestone(id) => p.milestones.get(id)?.value.values(),
        RecordRef::Responsibility(id) => p.responsibilities.get(id)?.value.values(),
        RecordRef::Asset(id) => p.assets.get(id)?.value.values(),
        RecordRef::Fund(id) => p.funds.get(id)?.value.values(),
        RecordRef::Request(id) => p.requests.get(id)?.value.values(),
        RecordRef::Claim(id) => p.claims.get(id)?.value.values(),
        RecordRef::Results(id) => p.results.get(id)?.value.values(),
        RecordRef::Expense(id) => p.expenses.get(id)?.value.values(),
        RecordRef::Contact(id) => p.contacts.get(id)?.value.values(),
        RecordRef::Meeting(id) => p.meetings.get(id)?.value.values(),
        RecordRef::Plan(id) => p.plans.get(id)?.value.values(),
        RecordRef::PlanEntry(id) => p.plan_entries.get(id)?.value.values(),
        // Pipeline evidence is not held in a Program.
        RecordRef::Account(_)
        | RecordRef::Overlap(_)
        | RecordRef::Lead(_)
        | RecordRef::Opportunity(_)
        | RecordRef::Touch(_) => return None,
    })
}
