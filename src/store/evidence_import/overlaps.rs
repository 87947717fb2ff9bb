//! Planning a partner's account-overlap row (docs/domain.md §15.1): its
//! partner found by name and its account by reference; without either
//! the row is skipped (an overlap row is not kept unreconciled).

use super::{Planned, Planner, Write, changed, checked, describe, not_kept, place, skip};
use crate::crm::evidence::{OverlapRow, Position};
use crate::domain::evidence::Overlap;
use crate::domain::*;
use crate::store::StoreError;

impl Planner<'_> {
    /// Plans an overlap row: the one stored for the same partner, account
    /// and snapshot day is updated.
    ///
    /// Errors: the store's (a look-up failed).
    pub(super) fn plan_overlap(
        &mut self,
        o: &OverlapRow,
        pos: &Position,
    ) -> Result<Planned, StoreError> {
        let place = place(pos);
        let what = format!(
            "overlap of {} with {}",
            describe(&o.account),
            o.partner.trim()
        );
        let partner = match self.partner(&o.partner) {
            Ok(p) => p,
            Err(why) => return Ok(skip(place, what, why)),
        };
        let account = match self.account(&o.account)? {
            Ok(a) => a,
            Err(why) => return Ok(skip(place, what, not_kept(&why))),
        };
        let new = Overlap {
            partner_id: partner,
            account_id: account,
            population: o.population,
            snapshot_on: o.snapshot_on,
            excluded: o.excluded,
        };
        let plan = match self.store.overlap_on(partner, account, o.snapshot_on)? {
            Some(old) => changed(&old.value, &new, RecordRef::Overlap(old.id), |a, b| {
                Write::OverlapUpdate(old.id, Box::new(a), Box::new(b))
            }),
            None => checked(&new, Write::Overlap(new.clone())),
        };
        Ok(Planned {
            place,
            what,
            plan,
            note: None,
        })
    }
}
