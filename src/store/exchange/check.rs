//! The checks of an import before anything is written (`jmo import`,
//! docs/export-format.md): every record valid, ids unique and ascending,
//! every reference pointing at a record of the document, the history
//! well formed. Errors carry the JSON path of the bad field.

use super::wire::Exchanged;
use super::{Document, History, ImportError};
use crate::domain::evidence;
use crate::domain::*;
use crate::store::rows::{Row, TABLES, ref_of};
use rusqlite::types::Value;
use std::collections::HashMap;

/// The ids seen so far, per table: id → index in the document.
type Seen = HashMap<&'static str, HashMap<i64, usize>>;

pub(super) fn check_records(doc: &Document) -> Result<(), ImportError> {
    // Parents before children (TABLES order), so every reference points at
    // a table already checked.
    let mut seen = Seen::new();
    check_table(&doc.partners, &mut seen)?;
    check_table(&doc.campaigns, &mut seen)?;
    check_table(&doc.milestones, &mut seen)?;
    check_table(&doc.responsibilities, &mut seen)?;
    check_table(&doc.assets, &mut seen)?;
    check_table(&doc.funds, &mut seen)?;
    check_table(&doc.mdf_requests, &mut seen)?;
    check_table(&doc.claims, &mut seen)?;
    check_table(&doc.results, &mut seen)?;
    check_table(&doc.expenses, &mut seen)?;
    check_table(&doc.contacts, &mut seen)?;
    check_table(&doc.meetings, &mut seen)?;
    check_table(&doc.plans, &mut seen)?;
    check_table(&doc.plan_entries, &mut seen)?;
    check_table(&doc.accounts, &mut seen)?;
    check_table(&doc.overlaps, &mut seen)?;
    check_table(&doc.leads, &mut seen)?;
    check_table(&doc.opportunities, &mut seen)?;
    check_table(&doc.touches, &mut seen)?;
    // A plan's campaign is the plan partner's, and in it once.
    let plan_partner: HashMap<PlanId, PartnerId> =
        doc.plans.iter().map(|p| (p.id, p.partner_id)).collect();
    let mut linked: HashMap<(PlanId, CampaignId), usize> = HashMap::new();
    for (i, e) in doc.plan_entries.iter().enumerate() {
        let campaign = doc.campaigns.iter().find(|c| c.id == e.campaign_id);
        if campaign.map(|c| c.partner_id) != plan_partner.get(&e.plan_id).copied() {
            return Err(ImportError::at(
                format!("plan_entries[{i}].campaign_id"),
                format!(
                    "campaign {} belongs to another partner than plan {}",
                    e.campaign_id, e.plan_id
                ),
            ));
        }
        if let Some(j) = linked.insert((e.plan_id, e.campaign_id), i) {
            return Err(ImportError::at(
                format!("plan_entries[{i}].campaign_id"),
                format!(
                    "campaign {} is already in plan {} (plan_entries[{j}])",
                    e.campaign_id, e.plan_id
                ),
            ));
        }
    }
    // A claim goes against an approved request, up to the approved amount.
    let currency = Currency::from_code(&doc.currency).unwrap_or_default();
    let requests: HashMap<RequestId, &MdfRequest> =
        doc.mdf_requests.iter().map(|r| (r.id, &r.value)).collect();
    for (i, c) in doc.claims.iter().enumerate() {
        if let Some(r) = requests.get(&c.request_id)
            && let Err(invalid) = c.validate_against(r, currency)
            && let Some(first) = invalid.0.first()
        {
            let field = if first.field == "request" {
                "request_id"
            } else {
                first.field
            };
            return Err(ImportError::at(
                format!("claims[{i}].{field}"),
                first.message.clone(),
            ));
        }
    }
    // A request draws on a fund of its own campaign's partner (docs/domain.md §11).
    let campaign_partner: HashMap<CampaignId, PartnerId> =
        doc.campaigns.iter().map(|c| (c.id, c.partner_id)).collect();
    let fund_partner: HashMap<FundId, PartnerId> =
        doc.funds.iter().map(|f| (f.id, f.partner_id)).collect();
    for (i, r) in doc.mdf_requests.iter().enumerate() {
        if let Some(f) = r.fund_id
            && fund_partner.get(&f) != campaign_partner.get(&r.campaign_id)
        {
            return Err(ImportError::at(
                format!("mdf_requests[{i}].fund_id"),
                format!(
                    "fund {f} belongs to another partner than campaign {}",
                    r.campaign_id
                ),
            ));
        }
    }
    let mut by_campaign: HashMap<CampaignId, usize> = HashMap::new();
    for (i, r) in doc.results.iter().enumerate() {
        if let Some(j) = by_campaign.insert(r.campaign_id, i) {
            return Err(ImportError::at(
                format!("results[{i}].campaign_id"),
                format!(
                    "campaign {} already has results (results[{j}])",
                    r.campaign_id
                ),
            ));
        }
    }
    Ok(())
}

fn check_table<T: Exchanged>(rows: &[Stored<T>], seen: &mut Seen) -> Result<(), ImportError> {
    let mut ids: HashMap<i64, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        let path = |field: &str| format!("{}[{i}].{field}", T::TABLE);
        let id = T::id_raw(row.id);
        if id < 1 {
            return Err(ImportError::at(
                path("id"),
                format!("{id} is not an id (whole numbers from 1)"),
            ));
        }
        if let Some(j) = ids.insert(id, i) {
            return Err(ImportError::at(
                path("id"),
                format!("id {id} is used twice (also {}[{j}])", T::TABLE),
            ));
        }
        if let Err(invalid) = row.value.check()
            && let Some(first) = invalid.0.first()
        {
            return Err(ImportError::at(path(first.field), first.message.clone()));
        }
        for (field, table, target) in row.value.refs() {
            if !seen.get(table).is_some_and(|ids| ids.contains_key(&target)) {
                let what = ref_of(table, target).map_or(table, |r| r.kind_label());
                return Err(ImportError::at(
                    path(field),
                    format!("there is no {what} with id {target} in the document"),
                ));
            }
        }
    }
    seen.insert(T::TABLE, ids);
    Ok(())
}

/// The columns of a record table, if `table` is one.
pub(super) fn columns_of(table: &str) -> Option<&'static [&'static str]> {
    Some(match table {
        "partners" => Partner::COLUMNS,
        "campaigns" => Campaign::COLUMNS,
        "milestones" => Milestone::COLUMNS,
        "responsibilities" => Responsibility::COLUMNS,
        "assets" => Asset::COLUMNS,
        "funds" => Fund::COLUMNS,
        "mdf_requests" => MdfRequest::COLUMNS,
        "claims" => Claim::COLUMNS,
        "results" => CampaignResults::COLUMNS,
        "expenses" => Expense::COLUMNS,
        "contacts" => Contact::COLUMNS,
        "meetings" => Meeting::COLUMNS,
        "plans" => JointPlan::COLUMNS,
        "plan_entries" => PlanEntry::COLUMNS,
        "accounts" => evidence::Account::COLUMNS,
        "overlaps" => evidence::Overlap::COLUMNS,
        "leads" => evidence::Lead::COLUMNS,
        "opportunities" => evidence::Opportunity::COLUMNS,
        "touches" => evidence::Touch::COLUMNS,
        _ => return None,
    })
}

/// The history's shape: what undo / redo and the schema rely on.
pub(super) fn check_history(history: &History) -> Result<(), ImportError> {
    let mut sets: HashMap<i64, &str> = HashMap::new();
    let mut last = 0;
    for (i, s) in history.change_sets.iter().enumerate() {
        let path = |field: &str| format!("history.change_sets[{i}].{field}");
        if s.id <= last {
            return Err(ImportError::at(
                path("id"),
                format!(
                    "ids must be whole numbers from 1, in ascending order (found {} after {last})",
                    s.id
                ),
            ));
        }
        last = s.id;
        match (s.kind.as_str(), s.target) {
            ("edit", None) => {}
            ("edit", Some(_)) => {
                return Err(ImportError::at(
                    path("target"),
                    "an edit has no target; use null",
                ));
            }
            ("undo" | "redo", None) => {
                return Err(ImportError::at(
                    path("target"),
                    format!("{} names the edit it applies", words::a(&s.kind)),
                ));
            }
            ("undo" | "redo", Some(t)) => {
                if sets.get(&t) != Some(&"edit") {
                    return Err(ImportError::at(
                        path("target"),
                        format!("there is no earlier edit with id {t}"),
                    ));
                }
            }
            (other, _) => {
                return Err(ImportError::at(
                    path("kind"),
                    format!("'{other}' is not one of edit, undo, redo"),
                ));
            }
        }
        sets.insert(s.id, s.kind.as_str());
    }
    let mut last = 0;
    for (i, c) in history.changes.iter().enumerate() {
        let path = |field: &str| format!("history.changes[{i}].{field}");
        if c.id <= last {
            return Err(ImportError::at(
                path("id"),
                format!(
                    "ids must be whole numbers from 1, in ascending order (found {} after {last})",
                    c.id
                ),
            ));
        }
        last = c.id;
        if !sets.contains_key(&c.set_id) {
            return Err(ImportError::at(
                path("set_id"),
                format!("there is no change set with id {}", c.set_id),
            ));
        }
        let Some(columns) = columns_of(&c.entity) else {
            return Err(ImportError::at(
                path("entity"),
                format!("'{}' is not one of {}", c.entity, TABLES.join(", ")),
            ));
        };
        let whole_row = |v: &Value| matches!(v, Value::Text(_));
        match (c.op.as_str(), c.field.as_deref()) {
            ("insert" | "delete", Some(_)) => {
                return Err(ImportError::at(
                    path("field"),
                    format!("{} has no field; use null", words::a(&c.op)),
                ));
            }
            ("insert", None) if c.old != Value::Null || !whole_row(&c.new) => {
                return Err(ImportError::at(
                    path("new"),
                    "an insert has old null and new the whole row (JSON text)",
                ));
            }
            ("delete", None) if c.new != Value::Null || !whole_row(&c.old) => {
                return Err(ImportError::at(
                    path("old"),
                    "a delete has old the whole row (JSON text) and new null",
                ));
            }
            ("insert" | "delete", None) => {}
            ("update", Some(f)) if columns.contains(&f) => {}
            ("update", _) => {
                return Err(ImportError::at(
                    path("field"),
                    format!(
                        "an update names one of the columns of {}: {}",
                        c.entity,
                        columns.join(", ")
                    ),
                ));
            }
            (other, _) => {
                return Err(ImportError::at(
                    path("op"),
                    format!("'{other}' is not one of insert, update, delete"),
                ));
            }
        }
    }
    Ok(())
}
