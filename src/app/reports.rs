//! Results, the dashboard and the reports on the screen (issue 4): opening
//! the results view of a campaign (`R`, or Enter on its Results row) and
//! the program dashboard (`D`), and the Markdown reports (`W`), written by
//! the event loop. The views are `views/results.rs` and
//! `views/dashboard.rs`. Figures come from the domain
//! ([`crate::domain::performance`], [`crate::domain::dashboard`],
//! [`crate::domain::report`]); this file only decides what is shown and
//! where files go.

use super::view::{Pane, Row};
use super::{App, Mode, StatusKind};
use crate::domain::consent;
use crate::domain::dashboard::{self, Dashboard, FiscalYear};
use crate::domain::evidence::{self, attribution::Scope};
use crate::domain::ids::CampaignId;
use crate::domain::packet::slug;
use crate::domain::performance::{self, Performance};
use crate::domain::report;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The evidenced results by campaign (docs/domain.md §15.3), for the
/// campaigns that have evidence.
pub type EvidencedResults = BTreeMap<CampaignId, crate::domain::results::CampaignResults>;

impl App {
    /// The campaign the selection is about: the Timeline's campaign, else
    /// the one whose Results row is selected in the MDF pane.
    pub(super) fn campaign_in_view(&self) -> Option<CampaignId> {
        if let Some(Row::Results(c)) = self.selected_row(Pane::Mdf)
            && self.focus == Pane::Mdf
        {
            return Some(c);
        }
        self.selected_campaign().map(|c| c.id)
    }

    /// `R`: the selected campaign's results against its targets.
    pub(crate) fn open_results(&mut self) {
        match self.campaign_in_view() {
            Some(campaign) => {
                // The evidence (a few indexed reads): shown by default
                // where there is some (docs/domain.md §15.3).
                let evidenced = self.evidenced_of(campaign).map(Box::new);
                self.mode = Mode::Results(super::views::results::Results {
                    campaign,
                    scroll: 0,
                    show_evidenced: evidenced.is_some(),
                    evidenced,
                })
            }
            None => self.say(
                StatusKind::Info,
                "Select a campaign (Timeline, 2) to see its results",
            ),
        }
    }

    /// `campaign`'s evidenced results (docs/domain.md §15.3: the evidence's
    /// leads, MQLs, pipeline per class and won revenue, the rest as
    /// reported), read through the store's indexes; `None` when it has no
    /// evidence or the evidence cannot be read.
    pub(crate) fn evidenced_of(
        &self,
        campaign: CampaignId,
    ) -> Option<crate::domain::results::CampaignResults> {
        self.pipeline_of(campaign)
            .ok()
            .filter(|p| p.figures.has_evidence())
            .map(|p| {
                let reported = self.program.results_of(campaign).map(|r| &r.value);
                p.figures.as_results(campaign, reported)
            })
    }

    /// A campaign's performance as the results view shows it (docs/domain.md §7–§9).
    pub fn performance_of(&self, campaign: CampaignId) -> Option<Performance> {
        self.performance_with(campaign, None)
    }

    /// [`App::performance_of`] on `shown` results instead of the reported
    /// ones when given (the evidenced figures, docs/domain.md §15.3).
    pub fn performance_with(
        &self,
        campaign: CampaignId,
        shown: Option<&crate::domain::results::CampaignResults>,
    ) -> Option<Performance> {
        let c = self.program.campaigns.get(campaign)?;
        let r = shown.or(self.program.results_of(campaign).map(|r| &r.value));
        let reimbursed = self.program.mdf_summary(campaign).reimbursed;
        Some(performance::performance(
            c,
            r,
            reimbursed,
            &self.config.program,
            self.program.currency,
        ))
    }

    /// The dashboard of `year` (default: the fiscal year of today), or
    /// `None` (said in the status bar) when there is no such year.
    /// `evidenced`: the evidenced results to use where a campaign has some
    /// ([`App::evidenced_results`]), `None`: the reported ones
    /// (docs/domain.md §15.3).
    pub(crate) fn dashboard_of(
        &mut self,
        year: Option<i32>,
        evidenced: Option<&EvidencedResults>,
    ) -> Option<Dashboard> {
        let start = self.config.program.fiscal_year_start_month;
        let fy = match year {
            Some(y) => FiscalYear::new(y, start),
            None => FiscalYear::containing(self.today, start),
        };
        let Some(fy) = fy else {
            self.say(StatusKind::Info, "No fiscal year there");
            return None;
        };
        // The whole program's figures: every record is read.
        self.hold_all();
        Some(dashboard::dashboard(
            &self.program,
            fy,
            &self.config.program,
            &self.config.policies,
            self.today,
            evidenced,
        ))
    }

    /// The whole program's evidenced results (docs/domain.md §15.3): the
    /// whole evidence read once ([`crate::store::Store::evidence_if_any`])
    /// and attributed over every partner and campaign
    /// ([`evidence::campaign::evidenced_results`]). Holds the whole
    /// program first. `None` (said in the status bar on an error) when
    /// the database holds no evidence or it cannot be read.
    pub(crate) fn evidenced_results(&mut self) -> Option<EvidencedResults> {
        self.hold_all();
        let evidence = match self.store.evidence_if_any() {
            Ok(e) => e?,
            Err(e) => {
                self.say(StatusKind::Error, format!("Cannot read the evidence: {e}"));
                return None;
            }
        };
        let scope = Scope {
            partners: &self.program.partners,
            campaigns: &self.program.campaigns,
            rules: &self.config.evidence,
            today: self.today,
            currency: self.program.currency,
        };
        Some(evidence::campaign::evidenced_results(
            &evidence,
            &scope,
            |c| self.program.results_of(c).map(|r| &r.value),
        ))
    }

    /// `D`: the dashboard of today's fiscal year, on the evidenced figures
    /// where the database holds evidence (docs/domain.md §15.3).
    pub(crate) fn open_dashboard(&mut self) {
        let evidenced = self.evidenced_results().map(Box::new);
        if let Some(dash) = self.dashboard_of(None, evidenced.as_deref()) {
            self.mode = Mode::Dashboard(super::views::dashboard::Dashboard {
                dash: Box::new(dash),
                scroll: 0,
                show_evidenced: evidenced.is_some(),
                evidenced,
            });
        }
    }

    /// `W` in the dashboard: the program report of its year.
    pub(crate) fn write_program_report(&mut self, dash: &Dashboard) {
        let file = self.report_path(&format!("program-{}.md", dash.year.label().to_lowercase()));
        let text = report::ProgramReport {
            dashboard: dash.clone(),
        }
        .markdown();
        // Pooled figures name no campaign: no partner's customer data
        // (README, G5 at every export).
        self.write_report_files(&[], vec![(file, text)]);
    }

    /// `W` on the main screen: the selected campaign's reports, its
    /// results report on the evidenced figures where it has evidence
    /// (docs/domain.md §15.3, as `jmo report results`).
    pub(crate) fn write_campaign_reports(&mut self) {
        match self.campaign_in_view() {
            Some(c) => {
                let evidenced = self.evidenced_of(c);
                self.write_reports_of(c, evidenced.as_ref())
            }
            None => self.say(
                StatusKind::Info,
                "Select a campaign (Timeline, 2) to write its reports",
            ),
        }
    }

    /// Writes `<partner>-<campaign>-plan.md`, and `-results.md` when
    /// results are reported, into the packet folder (config `packet_dir`,
    /// else the current folder). The results report is on `evidenced`
    /// when given (it says so), else on the reported figures.
    pub(crate) fn write_reports_of(
        &mut self,
        campaign: CampaignId,
        evidenced: Option<&crate::domain::results::CampaignResults>,
    ) {
        let goals = &self.config.program;
        let Some(plan) = report::plan(&self.program, campaign, goals, &self.playbooks, self.today)
        else {
            return;
        };
        let stem = {
            let partner = slug(&plan.header.partner);
            let name = slug(&plan.header.campaign);
            match (partner.is_empty(), name.is_empty()) {
                (false, false) => format!("{partner}-{name}"),
                (true, false) => name,
                (false, true) => format!("{partner}-campaign-{}", campaign.0),
                (true, true) => format!("campaign-{}", campaign.0),
            }
        };
        let mut files = vec![(
            self.report_path(&format!("{stem}-plan.md")),
            plan.markdown(),
        )];
        if let Some(r) = report::results_with(&self.program, campaign, goals, self.today, evidenced)
            && r.reported
        {
            files.push((
                self.report_path(&format!("{stem}-results.md")),
                r.markdown(),
            ));
        }
        self.write_report_files(&[campaign], files);
    }

    /// The G5 gate of `W` and `P` (docs/domain.md §6; [`consent`] decides): when
    /// one of `campaigns`, or a record of it, carries a partner's customer
    /// data without recorded consent, says so in the status bar, naming
    /// the campaign, the partner and what to record, and returns true: the
    /// caller writes nothing. The screen has no `--redact`: the report or
    /// packet is about these campaigns.
    pub(crate) fn refused_by_consent(&mut self, campaigns: &[CampaignId]) -> bool {
        let withheld: Vec<consent::Withheld> = campaigns
            .iter()
            .flat_map(|c| consent::withheld_in_campaign(&self.program, *c))
            .collect();
        if withheld.is_empty() {
            return false;
        }
        // What to do first: the status bar is one line.
        let partner = withheld[0].partner_name.clone();
        let what: Vec<String> = withheld
            .iter()
            .map(|w| format!("{} '{}'", w.record.kind_label(), w.name))
            .collect();
        self.say(
            StatusKind::Error,
            format!(
                "Not written (G5): record {partner}'s consent first ({}): {} uses their customer data",
                consent::WHERE_TO_RECORD,
                what.join(" and ")
            ),
        );
        true
    }

    pub(crate) fn report_path(&self, name: &str) -> PathBuf {
        self.config
            .packet_dir
            .as_deref()
            .map_or_else(|| PathBuf::from(name), |d| d.join(name))
    }

    /// Writes report `files` (path, text) from the screen, each whole (an
    /// effect the event loop runs; its result shows in the status bar);
    /// the campaigns whose records the files hold go through the G5 gate
    /// first ([`App::refused_by_consent`]): every report the screen writes
    /// names what it covers, so none can skip it.
    pub(crate) fn write_report_files(
        &mut self,
        covers: &[CampaignId],
        files: Vec<(PathBuf, String)>,
    ) {
        if self.refused_by_consent(covers) {
            return;
        }
        self.write_files(files);
    }
}
