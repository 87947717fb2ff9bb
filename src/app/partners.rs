//! Partners as a program (issue 5): check-in / QBR notes (`n`), opening
//! the joint marketing plan (`J`), the readiness gate before a campaign
//! goes live, archiving, and the Partners pane's order and filters. The
//! profile and plan views are `views/profile.rs` and `views/plan.rs`.
//! Figures come from the domain ([`crate::domain::relationship`],
//! [`crate::domain::jmp`], [`crate::domain::partner`]).

use super::forms;
use super::view::PartnerSort;
use super::{App, Confirmed, Mode, StatusKind};
use crate::domain::jmp::{self, Period, PlanSheet};
use crate::domain::relationship::{self, Readiness};
use crate::domain::*;

impl App {
    /// A partner's readiness checklist as of today (docs/domain.md §10).
    pub fn readiness_of(&self, partner: PartnerId) -> Readiness {
        relationship::readiness(&self.program, partner, self.today)
    }

    /// Opens the notes of a `kind` meeting with `partner` (issue 5, item 5):
    /// today's, if one was already recorded today, else new notes dated
    /// today.
    pub(crate) fn meeting_notes(&mut self, partner: PartnerId, kind: MeetingKind) {
        let Some(p) = self.program.partners.get(partner) else {
            return;
        };
        let todays = self
            .program
            .meetings_of(partner)
            .into_iter()
            .find(|m| m.kind == kind && m.held_on == self.today);
        let open = forms::meeting_form(p, kind, todays, self.today);
        self.mode = self.form_mode(open);
    }

    /// `n` on the main screen: the selected partner's check-in notes.
    pub(crate) fn checkin_notes(&mut self) {
        match self.selected_partner().map(|p| p.id) {
            Some(p) => self.meeting_notes(p, MeetingKind::CheckIn),
            None => self.say(StatusKind::Info, "Select a partner first (Partners, 1)"),
        }
    }

    /// Asks before archiving a partner (or bringing one back).
    pub(crate) fn ask_archive(&mut self, partner: PartnerId) {
        let Some(p) = self.program.partners.get(partner) else {
            return;
        };
        let message = if p.is_archived() {
            format!(
                "Bring '{}' back from the archive? It shows in the list and is checked again.",
                p.name
            )
        } else {
            format!(
                "Archive '{}'? It leaves the default list and is no longer checked; nothing is deleted, its history and reports stay ({} shows archived partners, {} undoes).",
                p.name,
                self.keymap.key_label(super::Action::ShowArchived),
                self.keys
                    .profile
                    .key_label(super::views::Cmd::Own(super::views::profile::Act::Undo)),
            )
        };
        self.ask(message, Confirmed::Archive(partner));
    }

    /// The readiness gate (issue 5, item 3): moving `campaign` to live
    /// while its partner's readiness is incomplete asks first. Returns
    /// `true` when it asked (the caller stops).
    pub(crate) fn ask_before_live(&mut self, campaign: &Stored<Campaign>) -> bool {
        let r = self.readiness_of(campaign.partner_id);
        if r.complete() {
            return false;
        }
        self.ask(
            format!(
                "The partner's readiness is incomplete ({} missing: {}). Move '{}' to live anyway?",
                r.items.len() - r.passed(),
                r.missing(),
                campaign.name
            ),
            Confirmed::GoLive(campaign.id),
        );
        true
    }

    // ---- the joint marketing plan ----------------------------------------

    /// A plan worked out as of today.
    pub fn plan_sheet(&self, plan: PlanId) -> Option<PlanSheet> {
        jmp::sheet(&self.program, plan, self.today)
    }

    /// `J`: the selected partner's plan for the current quarter (else the
    /// current year's, else its latest); with none, the new-plan form.
    pub(crate) fn open_plan_of_selected(&mut self) {
        let Some(p) = self.selected_partner().cloned() else {
            self.say(StatusKind::Info, "Select a partner first (Partners, 1)");
            return;
        };
        let plans = self.program.plans_of(p.id);
        let quarter = Period::quarter_of(self.today);
        let pick = plans
            .iter()
            .find(|x| x.period == quarter)
            .or_else(|| plans.iter().find(|x| x.period.contains(self.today)))
            .or(plans.last())
            .map(|x| x.id);
        match pick {
            Some(plan) => self.mode = Mode::Plan(super::views::plan::Plan::new(plan)),
            None => {
                let open = forms::plan_form(&p, None, self.today);
                self.mode = self.form_mode(open);
            }
        }
    }

    /// Links a campaign to a plan (from the `l` menu).
    pub(crate) fn link_campaign(&mut self, plan: PlanId, campaign: CampaignId) {
        let name = self
            .program
            .campaigns
            .get(campaign)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let entry = PlanEntry {
            plan_id: plan,
            campaign_id: campaign,
            pipeline_target: None,
            partner_investment: rust_decimal::Decimal::ZERO,
        };
        self.commit_or_say(&format!("Link '{name}' to the plan"), |tx| {
            tx.insert(&entry)
        });
    }

    // ---- the Partners pane's order and filters ----------------------------

    /// `o`: the next order of the Partners pane.
    pub(crate) fn cycle_partner_sort(&mut self) {
        self.partner_view.sort = self.partner_view.sort.next();
        self.after_partner_view_change(format!("Partners by {}", self.partner_view.sort.label()));
    }

    /// `t`: only partners of the next tier (then all again).
    pub(crate) fn cycle_tier_filter(&mut self) {
        self.partner_view.tier = cycle(self.partner_view.tier, Tier::ALL);
        let text = self
            .partner_view
            .tier
            .map_or("All tiers".to_string(), |t| format!("Tier {t} only"));
        self.after_partner_view_change(text);
    }

    /// `y`: only partners of the next partnership type (then all again).
    pub(crate) fn cycle_type_filter(&mut self) {
        self.partner_view.partnership_type =
            cycle(self.partner_view.partnership_type, PartnershipType::ALL);
        let text = self
            .partner_view
            .partnership_type
            .map_or("All partnership types".to_string(), |t| format!("{t} only"));
        self.after_partner_view_change(text);
    }

    /// `A`: archived partners shown too, or hidden again.
    pub(crate) fn toggle_archived(&mut self) {
        self.partner_view.show_archived = !self.partner_view.show_archived;
        let n = self
            .program
            .partners
            .iter()
            .filter(|p| p.is_archived())
            .count();
        let text = if self.partner_view.show_archived {
            format!("Showing archived partners too ({n})")
        } else {
            format!("Archived partners hidden ({n})")
        };
        self.after_partner_view_change(text);
    }

    fn after_partner_view_change(&mut self, text: String) {
        let before = self.selected_partner().map(|p| p.id);
        self.sync_pane(super::view::Pane::Partners);
        if self.selected_partner().map(|p| p.id) != before {
            self.select_default_campaign();
        }
        self.say(StatusKind::Info, text);
    }

    /// Whether the Partners pane shows `p` under the current filters.
    pub(crate) fn partner_shown(&self, p: &Partner) -> bool {
        let v = &self.partner_view;
        (v.show_archived || !p.is_archived())
            && v.tier.is_none_or(|t| p.tier == t)
            && v.partnership_type.is_none_or(|t| p.partnership_type == t)
    }

    /// Orders partner ids (already in name order) by the pane's sort.
    pub(crate) fn sort_partners(&self, ids: &mut [PartnerId]) {
        let key = |id: &PartnerId| {
            let p = self.program.partners.get(*id);
            match self.partner_view.sort {
                PartnerSort::Name => 0,
                PartnerSort::Tier => {
                    // Highest tier first.
                    Tier::ALL.len()
                        - p.map_or(0, |p| {
                            Tier::ALL.iter().position(|t| *t == p.tier).unwrap_or(0)
                        })
                }
                PartnerSort::Type => p.map_or(0, |p| {
                    PartnershipType::ALL
                        .iter()
                        .position(|t| *t == p.partnership_type)
                        .unwrap_or(0)
                }),
            }
        };
        // Stable: name order is kept within a tier or type.
        ids.sort_by_key(key);
    }

    /// Writes the plan's Markdown report into the packet folder.
    pub(crate) fn write_plan_report(&mut self, sheet: &PlanSheet) {
        let partner = crate::domain::packet::slug(&sheet.partner);
        let name = format!(
            "{}jmp-{}.md",
            if partner.is_empty() {
                String::new()
            } else {
                format!("{partner}-")
            },
            sheet.period.to_string().to_lowercase()
        );
        let file = self.report_path(&name);
        let covers: Vec<CampaignId> = sheet.lines.iter().map(|l| l.campaign).collect();
        self.write_report_files(&covers, vec![(file, sheet.markdown())]);
    }
}

/// The next value of a filter: none → the first → … → the last → none.
fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
    match current {
        None => all.first().copied(),
        Some(c) => all
            .iter()
            .position(|x| *x == c)
            .and_then(|i| all.get(i + 1))
            .copied(),
    }
}
