//! Planning a partner's touch row (docs/domain.md §15.1): its partner found
//! by name, its account and opportunity (when given) by reference, else
//! the row is skipped; a touch without a CRM id is matched by its fields.

use super::{Planned, Planner, Write, changed, checked, not_kept, place, skip};
use crate::crm::evidence::{CampaignRef, Position, TouchRow};
use crate::domain::evidence::Touch;
use crate::domain::*;
use crate::store::StoreError;

impl Planner<'_> {
    /// Plans a touch row: a second row with the same CRM id is skipped.
    ///
    /// Errors: the store's (a look-up failed).
    pub(super) fn plan_touch(
        &mut self,
        t: &TouchRow,
        pos: &Position,
    ) -> Result<Planned, StoreError> {
        let place = place(pos);
        let crm_id = t.crm_id.clone().unwrap_or_default();
        let what = format!("touch of {} on {}", t.partner.trim(), t.on);
        if let Some(why) = self.repeated("touches", &crm_id, &place) {
            return Ok(skip(place, what, why));
        }
        let partner = match self.partner(&t.partner) {
            Ok(p) => p,
            Err(why) => return Ok(skip(place, what, why)),
        };
        let mut account_id = None;
        if let Some(a) = t.account.as_deref().filter(|s| !s.trim().is_empty()) {
            match self.account_text(a)? {
                Ok(id) => account_id = Some(id),
                Err(why) => return Ok(skip(place, what, not_kept(&why))),
            }
        }
        let mut opportunity_id = None;
        if let Some(o) = t.opportunity.as_deref().filter(|s| !s.trim().is_empty()) {
            match self.store.opportunity_by_crm_id(o.trim())? {
                Some(s) => {
                    opportunity_id = Some(s.id);
                    account_id = account_id.or(s.account_id);
                }
                None => {
                    return Ok(skip(
                        place,
                        what,
                        format!(
                            "opportunity '{}' not found: import the opportunities first",
                            o.trim()
                        ),
                    ));
                }
            }
        }
        let campaign_id = t.campaign.as_deref().and_then(|c| {
            self.campaign(&CampaignRef {
                crm_id: Some(c.to_owned()),
                name: Some(c.to_owned()),
            })
        });
        let new = Touch {
            partner_id: partner,
            account_id,
            opportunity_id,
            on: t.on,
            kind: t.kind,
            campaign_id,
            crm_id: crm_id.clone(),
            note: t.note.clone(),
        };
        let old = if crm_id.is_empty() {
            self.store.touch_like(&new)?
        } else {
            self.store.touch_by_crm_id(&crm_id)?
        };
        let plan = match old {
            Some(old) => changed(&old.value, &new, RecordRef::Touch(old.id), |a, b| {
                Write::TouchUpdate(old.id, Box::new(a), Box::new(b))
            }),
            None => checked(&new, Write::Touch(new.clone())),
        };
        Ok(Planned {
            place,
            what,
            plan,
            note: None,
        })
    }
}
