//! Planning opportunity rows (docs/domain.md §15.1): an opportunity (its
//! account not found keeps it unreconciled, finding E2, §15.4), and a
//! partner on an opportunity (`OpportunityPartner`), which sets the
//! opportunity's registering partner.

use super::{Planned, Planner, Write, changed, checked, describe, joined, place, skip};
use crate::crm::evidence::{OpportunityRow, PartnerRow, Position};
use crate::domain::evidence::Opportunity;
use crate::domain::*;
use crate::store::StoreError;

impl Planner<'_> {
    /// Plans an opportunity row: a second row with the same CRM id is
    /// skipped; the registering partner stored is kept.
    ///
    /// Errors: the store's (a look-up failed).
    pub(super) fn plan_opportunity(
        &mut self,
        o: &OpportunityRow,
        pos: &Position,
    ) -> Result<Planned, StoreError> {
        let place = place(pos);
        let what = format!("opportunity {} '{}'", o.crm_id, o.name);
        if let Some(why) = self.repeated("opportunities", &o.crm_id, &place) {
            return Ok(skip(place, what, why));
        }
        let mut notes = Vec::new();
        let (account_id, account_ref) = match self.account(&o.account)? {
            Ok(a) => (Some(a), String::new()),
            Err(n) => {
                notes.push(n);
                (None, describe(&o.account))
            }
        };
        let old = self.store.opportunity_by_crm_id(&o.crm_id)?;
        let new = Opportunity {
            crm_id: o.crm_id.clone(),
            account_id,
            account_ref,
            name: o.name.clone(),
            amount: o.amount.unwrap_or_default(),
            stage: o.stage.clone(),
            created_on: o.created_on,
            close_on: o.close_on,
            outcome: o.outcome,
            lead_source: o.lead_source.clone().unwrap_or_default(),
            // Set by the partner rows (OpportunityPartner), kept here.
            registered_by: old.as_ref().and_then(|s| s.registered_by),
            campaign_id: self.campaign(&o.campaign),
        };
        let plan = match old {
            Some(old) => changed(&old.value, &new, RecordRef::Opportunity(old.id), |a, b| {
                Write::OpportunityUpdate(old.id, Box::new(a), Box::new(b))
            }),
            None => checked(&new, Write::Opportunity(new.clone())),
        };
        Ok(Planned {
            place,
            what,
            plan,
            note: joined(notes),
        })
    }

    /// Plans a partner on an opportunity: the partner is the one named like
    /// the account with the row's partner-account CRM id; it replaces another
    /// registering partner only when primary.
    ///
    /// Errors: the store's (a look-up failed).
    pub(super) fn plan_partner_on_opportunity(
        &mut self,
        p: &PartnerRow,
        pos: &Position,
    ) -> Result<Planned, StoreError> {
        let place = place(pos);
        let what = format!(
            "partner {} on opportunity {}",
            p.partner_account_crm_id, p.opportunity_crm_id
        );
        if let Some(why) = self.repeated("opportunity partners", &p.opportunity_crm_id, &place) {
            return Ok(skip(
                place,
                what,
                why.replace("the same CRM id as", "the same opportunity as"),
            ));
        }
        let Some(opp) = self.store.opportunity_by_crm_id(&p.opportunity_crm_id)? else {
            return Ok(skip(
                place,
                what,
                "opportunity not found: import the opportunities first".into(),
            ));
        };
        let Some(account) = self.store.account_by_crm_id(&p.partner_account_crm_id)? else {
            return Ok(skip(
                place,
                what,
                format!(
                    "no account {} to name the partner: import the partner's account first",
                    p.partner_account_crm_id
                ),
            ));
        };
        let partner = match self.partner(&account.name) {
            Ok(id) => id,
            Err(why) => {
                return Ok(skip(
                    place,
                    what,
                    format!("account '{}': {why}", account.name),
                ));
            }
        };
        if let Some(other) = opp.registered_by.filter(|o| *o != partner)
            && !p.primary
        {
            return Ok(skip(
                place,
                what,
                format!(
                    "partner {other} is already its registering partner; only a primary partner replaces it"
                ),
            ));
        }
        let mut new = opp.value.clone();
        new.registered_by = Some(partner);
        let plan = changed(&opp.value, &new, RecordRef::Opportunity(opp.id), |a, b| {
            Write::OpportunityUpdate(opp.id, Box::new(a), Box::new(b))
        });
        Ok(Planned {
            place,
            what,
            plan,
            note: None,
        })
    }
}
