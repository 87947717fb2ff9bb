//! Results, the dashboard and the reports on the screen (issue 4): the
//! results view of a campaign (`R`, or Enter on its Results row), the
//! program dashboard (`D`) and writing the Markdown reports (`W`).
//! Figures come from the domain ([`crate::domain::performance`],
//! [`crate::domain::dashboard`], [`crate::domain::report`]); this file
//! only decides what is shown and where files go.

use super::view::{self, Pane, Row};
use super::{App, Mode, StatusKind};
use crate::domain::consent;
use crate::domain::dashboard::{self, Dashboard, FiscalYear};
use crate::domain::ids::{CampaignId, RecordRef};
use crate::domain::packet::slug;
use crate::domain::performance::{self, Performance};
use crate::domain::report;
use crossterm::event::KeyCode;
use std::path::PathBuf;

impl App {
    /// The campaign the selection is about: the Timeline's campaign, else
    /// the one whose Results row is selected in the MDF pane.
    fn campaign_in_view(&self) -> Option<CampaignId> {
        if let Some(Row::Results(c)) = self.selected_row(Pane::Mdf)
            && self.focus == Pane::Mdf
        {
            return Some(c);
        }
        self.selected_campaign().map(|c| c.id)
    }

    /// `R`: the selected campaign's results against its targets.
    pub(super) fn open_results(&mut self) {
        match self.campaign_in_view() {
            Some(campaign) => {
                self.mode = Mode::Results {
                    campaign,
                    scroll: 0,
                }
            }
            None => self.say(
                StatusKind::Info,
                "Select a campaign (Timeline, 2) to see its results",
            ),
        }
    }

    /// A campaign's performance as the results view shows it (docs/domain.md §7–§9).
    pub fn performance_of(&self, campaign: CampaignId) -> Option<Performance> {
        let c = self.program.campaigns.get(campaign)?;
        let r = self.program.results_of(campaign).map(|r| &r.value);
        let reimbursed = self.program.mdf_summary(campaign).reimbursed;
        Some(performance::performance(
            c,
            r,
            reimbursed,
            &self.config.program,
            self.program.currency,
        ))
    }

    /// Keys in the results view (after [`App::view_code`]): the moving
    /// keys scroll, `e` edits the results, `W` writes the reports, `H`
    /// shows earlier versions; other keys are kept (review 2, N12).
    pub(super) fn results_key(&mut self, campaign: CampaignId, scroll: usize, code: KeyCode) {
        if let Some(to) = view::scrolled(code, scroll, self.scroll_room(usize::MAX)) {
            self.mode = Mode::Results {
                campaign,
                scroll: to,
            };
            return;
        }
        self.mode = match code {
            KeyCode::Char('e') => {
                self.mode = Mode::Normal;
                self.menu_choice(super::MenuChoice::EditResults(campaign));
                return;
            }
            KeyCode::Char('W') => {
                self.mode = Mode::Results { campaign, scroll };
                self.write_reports_of(campaign);
                return;
            }
            KeyCode::Char('H') => {
                match self.program.results_of(campaign) {
                    Some(r) => self.show_history_of(RecordRef::Results(r.id)),
                    None => {
                        self.mode = Mode::Results { campaign, scroll };
                        self.say(StatusKind::Info, "No results entered yet: e enters them");
                    }
                }
                return;
            }
            _ => Mode::Results { campaign, scroll },
        };
    }

    /// `D`: the dashboard of `year` (default: the fiscal year of today).
    pub(super) fn open_dashboard(&mut self, year: Option<i32>) {
        let start = self.config.program.fiscal_year_start_month;
        let fy = match year {
            Some(y) => FiscalYear::new(y, start),
            None => FiscalYear::containing(self.today, start),
        };
        let Some(fy) = fy else {
            self.say(StatusKind::Info, "No fiscal year there");
            return;
        };
        let dash = dashboard::dashboard(
            &self.program,
            fy,
            &self.config.program,
            &self.config.policies,
            self.today,
        );
        self.mode = Mode::Dashboard {
            dash: Box::new(dash),
            scroll: 0,
        };
    }

    /// Keys in the dashboard (after [`App::view_code`]): ← / → (h / l)
    /// change the fiscal year, the moving keys scroll the tables, `W`
    /// writes the program report; other keys are kept (review 2, N12).
    pub(super) fn dashboard_key(&mut self, dash: Box<Dashboard>, scroll: usize, code: KeyCode) {
        let year = dash.year.year;
        if let Some(to) = view::scrolled(code, scroll, self.scroll_room(usize::MAX)) {
            self.mode = Mode::Dashboard { dash, scroll: to };
            return;
        }
        self.mode = match code {
            KeyCode::Left | KeyCode::Char('h') if year > 1900 => {
                self.open_dashboard(Some(year - 1));
                return;
            }
            KeyCode::Right | KeyCode::Char('l') if year < 9999 => {
                self.open_dashboard(Some(year + 1));
                return;
            }
            KeyCode::Char('W') => {
                let file =
                    self.report_path(&format!("program-{}.md", dash.year.label().to_lowercase()));
                let text = report::ProgramReport {
                    dashboard: (*dash).clone(),
                }
                .markdown();
                self.mode = Mode::Dashboard { dash, scroll };
                // Pooled figures name no campaign: no partner's customer
                // data (README, G5 at every export).
                self.write_report_files(&[], vec![(file, text)]);
                return;
            }
            _ => Mode::Dashboard { dash, scroll },
        };
    }

    /// `W` on the main screen: the selected campaign's reports.
    pub(super) fn write_campaign_reports(&mut self) {
        match self.campaign_in_view() {
            Some(c) => self.write_reports_of(c),
            None => self.say(
                StatusKind::Info,
                "Select a campaign (Timeline, 2) to write its reports",
            ),
        }
    }

    /// Writes `<partner>-<campaign>-plan.md`, and `-results.md` when
    /// results are reported, into the packet folder (config `packet_dir`,
    /// else the current folder).
    fn write_reports_of(&mut self, campaign: CampaignId) {
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
        if let Some(r) = report::results(&self.program, campaign, goals, self.today)
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
    pub(super) fn refused_by_consent(&mut self, campaigns: &[CampaignId]) -> bool {
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

    pub(super) fn report_path(&self, name: &str) -> PathBuf {
        self.config
            .packet_dir
            .as_deref()
            .map_or_else(|| PathBuf::from(name), |d| d.join(name))
    }

    /// Writes report `files` (path, text) from the screen, each whole; the
    /// campaigns whose records the files hold go through the G5 gate first
    /// ([`App::refused_by_consent`]): every report the screen writes names
    /// what it covers, so none can skip it.
    pub(super) fn write_report_files(
        &mut self,
        covers: &[CampaignId],
        files: Vec<(PathBuf, String)>,
    ) {
        if self.refused_by_consent(covers) {
            return;
        }
        let mut written = Vec::new();
        for (file, text) in files {
            if let Err(e) = super::files::write_new_file(&file, &text, self.store.path()) {
                self.say(
                    StatusKind::Error,
                    format!("Report not written: cannot write {}: {e}", file.display()),
                );
                return;
            }
            written.push(
                std::fs::canonicalize(&file)
                    .unwrap_or(file)
                    .display()
                    .to_string(),
            );
        }
        self.say(
            StatusKind::Saved,
            format!("Written: {}", written.join(" and ")),
        );
    }
}
