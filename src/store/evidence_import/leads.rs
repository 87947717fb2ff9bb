//! Planning a lead row (docs/domain.md §15.1): an account not found keeps
//! the lead unreconciled (finding E2, §15.4), a campaign not found keeps it
//! without one, and a source jmo does not know is read as ours.

use super::{
    Planned, Planner, Write, changed, checked, describe, describe_campaign, joined, place, skip,
};
use crate::crm::evidence::{LeadRow, Position};
use crate::domain::evidence::Lead;
use crate::domain::results::LeadSource;
use crate::domain::*;
use crate::store::StoreError;

impl Planner<'_> {
    /// Plans a lead row: a second row with the same CRM id is skipped.
    ///
    /// Errors: the store's (a look-up failed).
    pub(super) fn plan_lead(&mut self, l: &LeadRow, pos: &Position) -> Result<Planned, StoreError> {
        let place = place(pos);
        let what = format!("lead {}", l.crm_id);
        if let Some(why) = self.repeated("leads", &l.crm_id, &place) {
            return Ok(skip(place, what, why));
        }
        let mut notes = Vec::new();
        let (account_id, account_ref) = match self.account(&l.account)? {
            Ok(a) => (Some(a), String::new()),
            Err(n) => {
                notes.push(n);
                (None, describe(&l.account))
            }
        };
        let campaign_id = self.campaign(&l.campaign);
        if campaign_id.is_none() && (l.campaign.crm_id.is_some() || l.campaign.name.is_some()) {
            notes.push(format!(
                "campaign {} not in jmo: kept without one",
                describe_campaign(&l.campaign)
            ));
        }
        let source = match &l.source {
            Some((_, Some(s))) => *s,
            Some((text, None)) if !text.trim().is_empty() => {
                notes.push(format!("source '{}' read as ours", text.trim()));
                LeadSource::Ours
            }
            _ => LeadSource::Ours,
        };
        let new = Lead {
            crm_id: l.crm_id.clone(),
            account_id,
            account_ref,
            campaign_id,
            source,
            created_on: l.created_on,
            mql_on: l.mql_on,
        };
        let plan = match self.store.lead_by_crm_id(&l.crm_id)? {
            Some(old) => changed(&old.value, &new, RecordRef::Lead(old.id), |a, b| {
                Write::LeadUpdate(old.id, Box::new(a), Box::new(b))
            }),
            None => checked(&new, Write::Lead(new.clone())),
        };
        Ok(Planned {
            place,
            what,
            plan,
            note: joined(notes),
        })
    }
}
