//! The evidence grouped per account and per opportunity, built once
//! (docs/domain.md §15.2 "A partner's evidence on an opportunity"), so
//! attributing N opportunities costs O(N + evidence) instead of scanning
//! every touch, overlap row and lead for each opportunity.

use super::{AccountId, Evidence, Lead, OpportunityId, Overlap, Touch};
use crate::domain::ids::Stored;
use crate::domain::results::LeadSource;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What one account carries (docs/domain.md §15.2): the touches naming the
/// account and no opportunity, its overlap rows (every partner), its leads
/// (every campaign and source), and our own first touch on it.
#[derive(Debug, Default)]
pub struct AccountEvidence<'a> {
    /// Touches on the account that name no opportunity.
    pub touches: Vec<&'a Stored<Touch>>,
    /// Overlap rows of the account, every partner and snapshot.
    pub overlaps: Vec<&'a Stored<Overlap>>,
    /// Leads matched to the account.
    pub leads: Vec<&'a Stored<Lead>>,
    /// Our own first touch (docs/domain.md §15.2 Sourced): the earliest
    /// created day of a lead on the account from our own, paid or organic
    /// promotion; `None` = no such lead.
    pub first_ours: Option<NaiveDate>,
}

/// The evidence by account and by opportunity (docs/domain.md §15.2).
#[derive(Debug, Default)]
pub struct Index<'a> {
    accounts: HashMap<AccountId, AccountEvidence<'a>>,
    on_opportunity: HashMap<OpportunityId, Vec<&'a Stored<Touch>>>,
}

impl<'a> Index<'a> {
    /// Groups every touch, overlap row and lead once: O(evidence).
    /// A touch naming an opportunity is filed under that opportunity only
    /// (docs/domain.md §15.2: it is not a touch on the account's other
    /// opportunities); a touch naming only an account, under the account.
    pub fn build(evidence: &'a Evidence) -> Self {
        let mut index = Index::default();
        for t in evidence.touches.iter() {
            match (t.opportunity_id, t.account_id) {
                (Some(o), _) => index.on_opportunity.entry(o).or_default().push(t),
                (None, Some(a)) => index.accounts.entry(a).or_default().touches.push(t),
                (None, None) => {}
            }
        }
        for o in evidence.overlaps.iter() {
            index
                .accounts
                .entry(o.account_id)
                .or_default()
                .overlaps
                .push(o);
        }
        for l in evidence.leads.iter() {
            let Some(a) = l.account_id else { continue };
            let acc = index.accounts.entry(a).or_default();
            acc.leads.push(l);
            if l.source != LeadSource::Partner {
                acc.first_ours = Some(match acc.first_ours {
                    Some(d) => d.min(l.created_on),
                    None => l.created_on,
                });
            }
        }
        index
    }

    /// The account's evidence; `None` when nothing names the account.
    pub fn account(&self, account: Option<AccountId>) -> Option<&AccountEvidence<'a>> {
        account.and_then(|a| self.accounts.get(&a))
    }

    /// The touches naming this opportunity.
    pub fn touches_on(&self, opportunity: OpportunityId) -> &[&'a Stored<Touch>] {
        self.on_opportunity
            .get(&opportunity)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}
