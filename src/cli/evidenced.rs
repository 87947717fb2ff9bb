//! The evidenced figures of `jmo report program` and `jmo report results`
//! (docs/domain.md §15.3): read from the database after the program, on
//! their own snapshot, only when asked for (no `--reported`).

use super::{Loaded, db_path, fail, read_existing};
use crate::domain::evidence::attribution::Scope;
use crate::domain::evidence::campaign::evidenced_results;
use crate::domain::results::CampaignResults;
use crate::domain::{CampaignId, Program};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::process::ExitCode;

/// Every campaign's evidenced results over the whole `program` (all
/// partners and campaigns): the whole evidence read once, only when the
/// database holds some ([`crate::store::Store::evidence_if_any`]); an
/// empty map without evidence. Exit code 2 when the database cannot be
/// read.
pub(super) fn of_program(
    cli: &super::Cli,
    program: &Program,
    loaded: &Loaded,
    today: NaiveDate,
) -> Result<BTreeMap<CampaignId, CampaignResults>, ExitCode> {
    let path = db_path(cli).map_err(|e| fail(2, e))?;
    let evidence = read_existing(&path, crate::store::Store::evidence_if_any)
        .and_then(|r| r)
        .map_err(|e| fail(2, e))?;
    let Some(evidence) = evidence else {
        return Ok(BTreeMap::new());
    };
    let scope = Scope {
        partners: &program.partners,
        campaigns: &program.campaigns,
        rules: &loaded.config.evidence,
        today,
        currency: program.currency,
    };
    Ok(evidenced_results(&evidence, &scope, |c| {
        program.results_of(c).map(|r| &r.value)
    }))
}

/// `campaign`'s results with the evidenced figures (docs/domain.md
/// §15.3): its evidence read through the store's indexes and attributed
/// with every partner ([`crate::store::Store::campaign_evidence_read`]);
/// `None` when it has no evidence (its reported figures stand). Exit
/// code 2 when the database cannot be read.
pub(super) fn of_campaign(
    cli: &super::Cli,
    program: &Program,
    loaded: &Loaded,
    campaign: CampaignId,
    today: NaiveDate,
) -> Result<Option<CampaignResults>, ExitCode> {
    let path = db_path(cli).map_err(|e| fail(2, e))?;
    let read = read_existing(&path, |s| {
        let partners = s.partner_rows()?;
        s.campaign_evidence_read(
            campaign,
            &program.campaigns,
            &partners,
            &loaded.config.evidence,
            today,
        )
    })
    .and_then(|r| r)
    .map_err(|e| fail(2, e))?;
    Ok(read.figures.has_evidence().then(|| {
        read.figures
            .as_results(campaign, program.results_of(campaign).map(|r| &r.value))
    }))
}
