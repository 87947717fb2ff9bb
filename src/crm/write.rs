//! Writing an import's plan (issue 12 items 2 and 3, docs/crm.md
//! "Import"): the changes of a [`Planned`] list inside one store
//! transaction, shared by `jmo crm import --apply` and the screen's import.
//! The caller opens the transaction (one edit, labelled "Import campaigns
//! from FILE"), so one `u` undoes all of it.

use super::import::{Outcome, Planned};
use crate::domain::responsibility::Templates;
use crate::domain::{Campaign, Contact, Milestone, Program, Responsibility};
use crate::domain::{new_campaign, reschedule};
use crate::store::{StoreError, Tx};

/// Whether writing `planned` changes anything: a link with changes or a
/// create (links that change nothing and skips write nothing).
pub fn writes(planned: &[Planned]) -> bool {
    planned.iter().any(|p| match &p.outcome {
        Outcome::Link { changes, .. } => !changes.is_empty(),
        Outcome::Create { .. } => true,
        Outcome::Skip(_) => false,
    })
}

/// The edit: each changed campaign over the one read (refused if it changed
/// meanwhile), its standard milestones and template items following moved
/// dates; each new campaign with its milestones and checklist from
/// `templates`, its owners the defaults for `our_owner` and the partner
/// ([`new_campaign::default_owners`]). `program` is the program the plan
/// was made on. Returns (changed, created).
///
/// Errors: [`StoreError::Refused`] when a campaign to change is not as
/// `program` has it ("campaign N changed meanwhile"), or the store's
/// error; the caller's transaction then writes nothing.
pub fn write(
    tx: &mut Tx<'_>,
    program: &Program,
    planned: &[Planned],
    templates: &Templates,
    our_owner: &str,
) -> Result<(usize, usize), StoreError> {
    let (mut changed, mut created) = (0, 0);
    for p in planned {
        match &p.outcome {
            Outcome::Link {
                campaign,
                changes,
                updated,
                ..
            } if !changes.is_empty() => {
                let Some(old) = program.campaigns.get(*campaign) else {
                    continue;
                };
                let now = tx.get::<Campaign>(*campaign)?;
                if now.as_ref().map(|s| &s.value) != Some(&old.value) {
                    return Err(StoreError::Refused(format!(
                        "campaign {} changed meanwhile",
                        campaign.0
                    )));
                }
                let moves = reschedule::follow_dates(
                    &old.value,
                    updated,
                    &program.milestones_of(*campaign),
                    &program.checklist_of(*campaign),
                    templates,
                );
                tx.update(*campaign, updated)?;
                for (m, due) in moves.milestones {
                    if let Some(cur) = tx.get::<Milestone>(m)? {
                        let mut next = cur.value;
                        next.due = due;
                        tx.update(m, &next)?;
                    }
                }
                for (r, due) in moves.checklist {
                    if let Some(cur) = tx.get::<Responsibility>(r)? {
                        let mut next = cur.value;
                        next.due = Some(due);
                        tx.update(r, &next)?;
                    }
                }
                changed += 1;
            }
            Outcome::Create {
                partner, campaign, ..
            } => {
                let Some(partner_record) = program.partners.get(*partner) else {
                    continue;
                };
                let contacts: Vec<Contact> = program
                    .contacts_of(*partner)
                    .into_iter()
                    .map(|c| c.value.clone())
                    .collect();
                let id = tx.insert(campaign)?;
                let owners =
                    new_campaign::default_owners(our_owner, &partner_record.value, &contacts);
                let new = new_campaign::records(id, campaign, templates, &owners);
                for m in &new.milestones {
                    tx.insert(m)?;
                }
                for r in &new.checklist {
                    tx.insert(r)?;
                }
                created += 1;
            }
            _ => {}
        }
    }
    Ok((changed, created))
}
