//! Planning an account row (docs/domain.md §15.1): found by its CRM id,
//! then created, updated field by field, or left as it is.

use super::{Planned, Planner, Write, changed, checked, place, skip};
use crate::crm::evidence::{AccountRow, Position};
use crate::domain::evidence::Account;
use crate::domain::*;
use crate::store::StoreError;

impl Planner<'_> {
    /// Plans an account row: a second row with the same CRM id is skipped.
    ///
    /// Errors: the store's (a look-up failed).
    pub(super) fn plan_account(
        &mut self,
        a: &AccountRow,
        pos: &Position,
    ) -> Result<Planned, StoreError> {
        let place = place(pos);
        let what = format!("account {} '{}'", a.crm_id, a.name);
        if let Some(why) = self.repeated("accounts", &a.crm_id, &place) {
            return Ok(skip(place, what, why));
        }
        let new = Account {
            crm_id: a.crm_id.clone(),
            name: a.name.clone(),
            domain: a.domain.clone(),
            owner: a.owner.clone(),
        };
        let plan = match self.store.account_by_crm_id(&a.crm_id)? {
            Some(old) => changed(&old.value, &new, RecordRef::Account(old.id), |o, n| {
                Write::AccountUpdate(old.id, Box::new(o), Box::new(n))
            }),
            None => checked(&new, Write::Account(new.clone())),
        };
        Ok(Planned {
            place,
            what,
            plan,
            note: None,
        })
    }
}
