//! Partners as a program (issue 5): the profile view (Enter on a partner),
//! check-in / QBR notes (`n`), the joint marketing plan view (`J`), the
//! readiness gate before a campaign goes live, archiving, and the Partners
//! pane's order and filters. Figures come from the domain
//! ([`crate::domain::relationship`], [`crate::domain::jmp`],
//! [`crate::domain::partner`]); this file decides what is shown and which
//! key does what.

use super::forms;
use super::hints::{Hint, fixed};
use super::view::{self, PartnerSort, ProfileItem, ProfileLine, Tone};
use super::{App, Confirmed, MenuChoice, Mode, StatusKind};
use crate::domain::dates::{days_between, iso};
use crate::domain::jmp::{self, Period, PlanSheet};
use crate::domain::money::{format_multiple, format_percent};
use crate::domain::relationship::{self, Readiness};
use crate::domain::*;
use crate::store::StoreError;
use crossterm::event::KeyCode;

fn line(item: Option<ProfileItem>, spans: Vec<(String, Tone)>) -> ProfileLine {
    ProfileLine { item, spans }
}

fn field(item: ProfileItem, label: &str, value: String, tone: Tone) -> ProfileLine {
    line(
        Some(item),
        vec![(format!("  {label:<18}"), Tone::Label), (value, tone)],
    )
}

fn or_dash(text: &str) -> (String, Tone) {
    if text.trim().is_empty() {
        ("—".to_string(), Tone::Muted)
    } else {
        (text.trim().to_string(), Tone::Text)
    }
}

fn heading(item: Option<ProfileItem>, title: String) -> ProfileLine {
    line(item, vec![(title, Tone::Heading)])
}

fn blank() -> ProfileLine {
    line(None, Vec::new())
}

impl App {
    /// A partner's readiness checklist as of today (docs/domain.md §10).
    pub fn readiness_of(&self, partner: PartnerId) -> Readiness {
        relationship::readiness(&self.program, partner, self.today)
    }

    /// Enter on a partner: its profile.
    pub(super) fn open_profile(&mut self, partner: PartnerId) {
        self.mode = Mode::Profile {
            partner,
            cursor: 0,
            scroll: 0,
        };
    }

    /// The lines of a partner's profile, top to bottom (issue 5, items
    /// 1–5, 7): the view draws them; the cursor moves over them.
    pub fn profile_lines(&self, partner: PartnerId) -> Vec<ProfileLine> {
        let cur = self.program.currency;
        let Some(p) = self.program.partners.get(partner) else {
            return Vec::new();
        };
        let today = self.today;
        let mut out = Vec::new();
        // Profile.
        let item = ProfileItem::Profile;
        out.push(heading(Some(item), "Profile".into()));
        out.push(field(
            item,
            "Partnership",
            p.partnership_type.label().into(),
            Tone::Text,
        ));
        let earned = p.earned_tier();
        let mut tier = vec![
            ("  Tier              ".to_string(), Tone::Label),
            (format!("{} set", p.tier), Tone::Text),
        ];
        let numbers = format!(
            " ({} revenue, {})",
            cur.format(p.recorded_revenue),
            words::count(p.referrals, "referral")
        );
        match earned {
            None => tier.push((
                " · no signed agreement recorded: no tier earned".into(),
                Tone::Muted,
            )),
            Some(t) if t == p.tier => {
                tier.push((format!(" · the numbers earn {t}"), Tone::Good));
                tier.push((numbers, Tone::Muted));
            }
            Some(t) => {
                tier.push((format!(" · the numbers earn {t} (P1)"), Tone::Warning));
                tier.push((numbers, Tone::Muted));
            }
        }
        out.push(line(Some(item), tier));
        out.push(field(
            item,
            "Brand guidelines",
            match (p.brand_guidelines_on_file, p.brand_guidelines_ref.trim()) {
                (false, _) => "not on file".into(),
                (true, "") => "on file".into(),
                (true, r) => format!("on file: {r}"),
            },
            if p.brand_guidelines_on_file {
                Tone::Text
            } else {
                Tone::Warning
            },
        ));
        out.push(field(
            item,
            "Data consent",
            match (p.data_consent_on, p.data_consent_scope.trim()) {
                (None, _) => "none recorded".into(),
                (Some(d), "") => format!("since {}", iso(d)),
                (Some(d), scope) => format!("since {}: {scope}", iso(d)),
            },
            if p.data_consent_on.is_some() {
                Tone::Text
            } else {
                Tone::Muted
            },
        ));
        let (text, tone) = or_dash(&p.past_performance);
        out.push(field(item, "Past work", text, tone));
        let (text, tone) = or_dash(&p.notes);
        out.push(field(item, "Notes", text, tone));
        if let Some(d) = p.archived_on {
            out.push(field(
                item,
                "Archived",
                format!("since {} (X brings it back)", iso(d)),
                Tone::Warning,
            ));
        }
        out.push(blank());

        // Agreement.
        let item = ProfileItem::Agreement;
        out.push(heading(Some(item), "Agreement".into()));
        let period = match (p.agreement_start, p.agreement_end) {
            (None, _) => ("no signed agreement recorded".to_string(), Tone::Warning),
            (Some(s), None) => (format!("from {} (open-ended)", iso(s)), Tone::Text),
            (Some(s), Some(e)) if e < today => (
                format!("{} → {} · ended: archive the partner (X)?", iso(s), iso(e)),
                Tone::Warning,
            ),
            (Some(s), Some(e)) => (
                format!(
                    "{} → {} · {} left",
                    iso(s),
                    iso(e),
                    words::count(days_between(today, e), "day")
                ),
                Tone::Text,
            ),
        };
        out.push(field(item, "Period", period.0, period.1));
        for (label, text) in [
            ("Scope", &p.agreement_scope),
            ("Lead / revenue", &p.sharing_terms),
        ] {
            let (t, tone) = or_dash(text);
            out.push(field(item, label, t, tone));
        }
        let excl = match (p.exclusivity.trim(), p.exclusive_until) {
            ("", None) => ("none".to_string(), Tone::Muted),
            ("", Some(u)) => (format!("until {}", iso(u)), Tone::Text),
            (e, None) => (e.to_string(), Tone::Text),
            (e, Some(u)) if u < today => (format!("{e} (ended {})", iso(u)), Tone::Muted),
            (e, Some(u)) => (format!("{e} until {}", iso(u)), Tone::Text),
        };
        out.push(field(item, "Exclusivity", excl.0, excl.1));
        let (t, tone) = or_dash(&p.brand_usage);
        out.push(field(item, "Brand usage", t, tone));
        out.push(field(
            item,
            "Notice period",
            p.termination_notice_days
                .map_or("—".into(), |d| words::count(d, "day")),
            Tone::Text,
        ));
        out.push(blank());

        // Readiness.
        let r = self.readiness_of(partner);
        out.push(line(
            Some(ProfileItem::Profile),
            vec![
                ("Readiness ".into(), Tone::Heading),
                (
                    format!("{}/{}", r.passed(), r.items.len()),
                    if r.complete() {
                        Tone::Good
                    } else {
                        Tone::Warning
                    },
                ),
                (" (seed 000 step 1)".into(), Tone::Muted),
            ],
        ));
        for i in &r.items {
            let (mark, tone) = if i.ok {
                ("✓", Tone::Good)
            } else {
                ("✗", Tone::Warning)
            };
            out.push(line(
                Some(ProfileItem::Profile),
                vec![
                    (format!("  {mark} "), tone),
                    (format!("{:<30}", i.check.label()), Tone::Label),
                    (
                        i.detail.clone(),
                        if i.ok { Tone::Text } else { Tone::Warning },
                    ),
                ],
            ));
        }
        out.push(blank());

        // Budget.
        let item = ProfileItem::Budget;
        let bases = &self.config.tier_budget;
        out.push(heading(Some(item), "Co-marketing budget suggestion".into()));
        out.push(line(
            Some(item),
            vec![
                (
                    format!(
                        "  {} {} base × {} pipeline potential × {} strategic value = ",
                        cur.format(bases.base(p.tier)),
                        p.tier,
                        format_multiple(Some(p.pipeline_potential)),
                        format_multiple(Some(p.strategic_value)),
                    ),
                    Tone::Text,
                ),
                (cur.format(p.budget_suggestion(bases)), Tone::Good),
            ],
        ));
        out.push(blank());

        // Contacts.
        let contacts = self.program.contacts_of(partner);
        out.push(line(
            None,
            vec![
                ("Marketing contacts".into(), Tone::Heading),
                ("  c adds".into(), Tone::Muted),
            ],
        ));
        if contacts.is_empty() {
            out.push(line(
                None,
                vec![("  none yet: c adds one".into(), Tone::Warning)],
            ));
        }
        for c in contacts {
            let mut spans = vec![(format!("  {}", c.name), Tone::Text)];
            if !c.role.trim().is_empty() {
                spans.push((format!(" · {}", c.role), Tone::Muted));
            }
            if !c.email.trim().is_empty() {
                spans.push((format!(" · {}", c.email), Tone::Text));
            }
            out.push(line(Some(ProfileItem::Contact(c.id)), spans));
        }
        out.push(blank());

        // Cadence.
        out.push(line(
            None,
            vec![
                ("Cadence".into(), Tone::Heading),
                ("  n check-in notes · Q QBR notes".into(), Tone::Muted),
            ],
        ));
        for c in relationship::cadences(&self.program, partner, today) {
            let last = c
                .last_held
                .map_or("never held".into(), |d| format!("last {}", iso(d)));
            let (due, tone) = match (c.next_due, c.overdue_days) {
                (None, _) => (
                    "not scheduled: record one, or the agreement's start".to_string(),
                    Tone::Muted,
                ),
                (Some(d), Some(late)) => (
                    format!(
                        "due {} · {late} day{} overdue ({})",
                        iso(d),
                        if late == 1 { "" } else { "s" },
                        if c.kind == MeetingKind::CheckIn {
                            "P2"
                        } else {
                            "P3"
                        }
                    ),
                    Tone::Warning,
                ),
                (Some(d), None) => (format!("next due {}", iso(d)), Tone::Good),
            };
            out.push(line(
                Some(ProfileItem::Cadence(c.kind)),
                vec![
                    (format!("  {:<18}", c.kind.label()), Tone::Label),
                    (format!("{last} · "), Tone::Text),
                    (due, tone),
                ],
            ));
        }
        for m in self.program.meetings_of(partner).iter().take(6) {
            let notes: Vec<String> = [
                ("progress", &m.progress),
                ("upcoming", &m.upcoming),
                ("roadblocks", &m.roadblocks),
                ("next", &m.next_steps),
            ]
            .iter()
            .filter(|(_, t)| !t.trim().is_empty())
            .map(|(l, t)| format!("{l}: {}", t.trim()))
            .collect();
            out.push(line(
                Some(ProfileItem::Meeting(m.id)),
                vec![
                    (format!("    {} ", iso(m.held_on)), Tone::Muted),
                    (format!("{:<8} ", short_kind(m.kind)), Tone::Label),
                    (
                        if notes.is_empty() {
                            "no notes".into()
                        } else {
                            notes.join(" · ")
                        },
                        Tone::Text,
                    ),
                ],
            ));
        }
        out.push(blank());

        // Joint marketing plans.
        out.push(line(
            None,
            vec![
                ("Joint marketing plans".into(), Tone::Heading),
                ("  p adds · Enter opens".into(), Tone::Muted),
            ],
        ));
        let plans = self.program.plans_of(partner);
        if plans.is_empty() {
            out.push(line(
                None,
                vec![(
                    "  none yet: p plans a quarter or a year".into(),
                    Tone::Muted,
                )],
            ));
        }
        for plan in plans {
            let Some(sheet) = jmp::sheet(&self.program, plan.id, today) else {
                continue;
            };
            let current = plan.period.contains(today);
            out.push(line(
                Some(ProfileItem::Plan(plan.id)),
                vec![
                    (
                        format!("  {:<8}", plan.period.to_string()),
                        if current { Tone::Good } else { Tone::Label },
                    ),
                    (
                        format!(
                            "{} campaign{} · {} pipeline target · {} reported · ",
                            sheet.lines.len(),
                            if sheet.lines.len() == 1 { "" } else { "s" },
                            cur.format(sheet.totals.pipeline_target),
                            cur.format(sheet.totals.pipeline_actual),
                        ),
                        Tone::Text,
                    ),
                    or_dash(&plan.objective),
                ],
            ));
        }
        out.push(blank());

        // Past performance (seed 000 step 2).
        let past = relationship::past_performance(&self.program, partner, today);
        out.push(line(
            None,
            vec![
                ("Past performance".into(), Tone::Heading),
                (
                    format!("  campaigns launched {} → {}", iso(past.since), iso(today)),
                    Tone::Muted,
                ),
            ],
        ));
        if past.by_type.is_empty() {
            out.push(line(
                None,
                vec![("  no campaign in the last 12 months".into(), Tone::Muted)],
            ));
        } else {
            out.push(line(
                None,
                vec![(
                    format!(
                        "  {:<18}{:>10}{:>12}{:>12}{:>10}{:>16}",
                        "Type", "Campaigns", "Cost", "Cost/lead", "Lead→MQL", "Pipeline/spend"
                    ),
                    Tone::Label,
                )],
            ));
            for b in &past.by_type {
                let name = b.campaign_type.map_or("Total", |t| t.label());
                let best = b.campaign_type.is_some() && b.campaign_type == past.best_type;
                out.push(line(
                    None,
                    vec![(
                        format!(
                            "  {:<18}{:>10}{:>12}{:>12}{:>10}{:>16}{}",
                            name,
                            b.campaigns,
                            cur.format(b.total_cost),
                            b.cost_per_lead.map_or("n/a".into(), |v| cur.format(v)),
                            format_percent(b.lead_to_mql_percent),
                            format_multiple(b.pipeline_to_spend),
                            if best { "  ← best" } else { "" }
                        ),
                        if b.campaign_type.is_none() {
                            Tone::Label
                        } else if best {
                            Tone::Good
                        } else {
                            Tone::Text
                        },
                    )],
                ));
            }
        }
        out
    }

    /// Keys in the profile view.
    pub(super) fn profile_key(
        &mut self,
        partner: PartnerId,
        cursor: usize,
        scroll: usize,
        code: KeyCode,
    ) {
        let lines = self.profile_lines(partner);
        let n = lines.len();
        let here = |cursor: usize, scroll: usize| Mode::Profile {
            partner,
            cursor,
            scroll,
        };
        let item = lines.get(cursor).and_then(|l| l.item);
        let height = self.areas.view_height();
        let moved = |to: usize| {
            let to = to.min(n.saturating_sub(1));
            here(to, view::keep_visible(scroll, to, height, n))
        };
        let Some(p) = self.program.partners.get(partner).cloned() else {
            self.mode = Mode::Normal;
            return;
        };
        let today = self.today;
        let stay = here(cursor, scroll);
        self.mode = match code {
            KeyCode::Down | KeyCode::Char('j') => moved(next_line(&lines, cursor, 1)),
            KeyCode::Up | KeyCode::Char('k') => moved(next_line(&lines, cursor, -1)),
            KeyCode::PageDown => moved(cursor + height.saturating_sub(1)),
            KeyCode::PageUp => moved(cursor.saturating_sub(height.saturating_sub(1))),
            KeyCode::Home | KeyCode::Char('g') => moved(0),
            KeyCode::End | KeyCode::Char('G') => moved(n),
            KeyCode::Enter | KeyCode::Char('e') => {
                let open = match item {
                    Some(ProfileItem::Profile) | None => {
                        Some(forms::partner_form(Some(&p), today, self.program.currency))
                    }
                    Some(ProfileItem::Agreement) => Some(forms::agreement_form(&p, today)),
                    Some(ProfileItem::Budget) => Some(forms::budget_form(
                        &p,
                        self.config.tier_budget.base(p.tier),
                        today,
                        self.program.currency,
                    )),
                    Some(ProfileItem::Cadence(kind)) => {
                        self.back.push(stay);
                        self.meeting_notes(partner, kind);
                        return;
                    }
                    Some(ProfileItem::Contact(id)) => self
                        .program
                        .contacts
                        .get(id)
                        .map(|c| forms::contact_form(&p, Some(c), today)),
                    Some(ProfileItem::Meeting(id)) => self
                        .program
                        .meetings
                        .get(id)
                        .map(|m| forms::meeting_form(&p, m.kind, Some(m), today)),
                    Some(ProfileItem::Plan(plan)) => {
                        self.back.push(stay);
                        self.mode = Mode::Plan {
                            plan,
                            cursor: 0,
                            scroll: 0,
                        };
                        return;
                    }
                };
                match open {
                    Some(open) => {
                        self.back.push(stay);
                        self.form_mode(open)
                    }
                    None => stay,
                }
            }
            KeyCode::Char('a') => {
                self.back.push(stay);
                self.form_mode(forms::agreement_form(&p, today))
            }
            KeyCode::Char('b') => {
                self.back.push(stay);
                self.form_mode(forms::budget_form(
                    &p,
                    self.config.tier_budget.base(p.tier),
                    today,
                    self.program.currency,
                ))
            }
            KeyCode::Char('c') => {
                self.back.push(stay);
                self.form_mode(forms::contact_form(&p, None, today))
            }
            KeyCode::Char('n') | KeyCode::Char('Q') => {
                self.back.push(stay);
                let kind = if code == KeyCode::Char('n') {
                    MeetingKind::CheckIn
                } else {
                    MeetingKind::Qbr
                };
                self.meeting_notes(partner, kind);
                return;
            }
            KeyCode::Char('p') => {
                self.back.push(stay);
                self.form_mode(forms::plan_form(&p, None, today))
            }
            KeyCode::Char('d') => {
                let record = match item {
                    Some(ProfileItem::Contact(id)) => Some(RecordRef::Contact(id)),
                    Some(ProfileItem::Meeting(id)) => Some(RecordRef::Meeting(id)),
                    Some(ProfileItem::Plan(id)) => Some(RecordRef::Plan(id)),
                    _ => None,
                };
                match record {
                    Some(record) => {
                        self.back.push(stay);
                        Mode::Confirm {
                            message: format!("Delete this {}? (u undoes it)", record.kind_label()),
                            then: Confirmed::Delete(record),
                        }
                    }
                    None => {
                        self.say(
                            StatusKind::Info,
                            "d deletes a contact, a meeting or a plan: put the cursor on one",
                        );
                        stay
                    }
                }
            }
            KeyCode::Char('X') => {
                self.back.push(stay);
                self.ask_archive(partner);
                return;
            }
            KeyCode::Char('H') => {
                let record = match item {
                    Some(ProfileItem::Contact(id)) => RecordRef::Contact(id),
                    Some(ProfileItem::Meeting(id)) => RecordRef::Meeting(id),
                    Some(ProfileItem::Plan(id)) => RecordRef::Plan(id),
                    _ => RecordRef::Partner(partner),
                };
                self.back.push(stay);
                self.show_history_of(record);
                return;
            }
            KeyCode::Char('u') => {
                self.mode = stay;
                self.undo();
                if self.program.partners.get(partner).is_none() {
                    self.mode = Mode::Normal;
                }
                return;
            }
            // Esc / q closed it already (view_keys.rs); other keys are kept.
            _ => stay,
        };
    }

    /// The hints of the profile view.
    pub(super) fn profile_hints(&self) -> Vec<Hint> {
        let h = fixed;
        vec![
            h("n", "check-in notes"),
            h("Enter/e", "edit / open"),
            h("a", "agreement"),
            h("c", "add contact"),
            h("p", "new plan"),
            h("b", "budget factors"),
            h("Q", "QBR notes"),
            h("d", "delete"),
            h("X", "archive"),
            h("H", "history"),
            h("u", "undo").kept(),
            h("Esc", "close"),
        ]
    }

    /// Opens the notes of a `kind` meeting with `partner` (issue 5, item 5):
    /// today's, if one was already recorded today, else new notes dated
    /// today.
    pub(super) fn meeting_notes(&mut self, partner: PartnerId, kind: MeetingKind) {
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
    pub(super) fn checkin_notes(&mut self) {
        match self.selected_partner().map(|p| p.id) {
            Some(p) => self.meeting_notes(p, MeetingKind::CheckIn),
            None => self.say(StatusKind::Info, "Select a partner first (Partners, 1)"),
        }
    }

    /// Asks before archiving a partner (or bringing one back).
    pub(super) fn ask_archive(&mut self, partner: PartnerId) {
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
                "Archive '{}'? It leaves the default list and is no longer checked; nothing is deleted, its history and reports stay (A shows archived partners, u undoes).",
                p.name
            )
        };
        self.mode = Mode::Confirm {
            message,
            then: Confirmed::Archive(partner),
        };
    }

    /// Does what a confirmation said yes to.
    pub(super) fn confirmed(&mut self, then: Confirmed) {
        match then {
            Confirmed::Undo => self.undo_now(),
            Confirmed::Redo => self.redo_now(),
            Confirmed::Delete(record) => self.delete(record),
            Confirmed::GoLive(campaign) => {
                self.commit_or_say("Go live", |tx| {
                    tx.change(campaign, |c: &Campaign| {
                        // Asked while it was planned: if it moved
                        // elsewhere meanwhile, say so rather than move it.
                        if c.status != CampaignStatus::Planned {
                            return Err(StoreError::Refused(format!(
                                "'{}' is {} now (changed elsewhere); nothing was changed",
                                c.name, c.status
                            )));
                        }
                        let mut next = c.clone();
                        next.status = CampaignStatus::Live;
                        Ok((format!("'{}' → live (readiness incomplete)", c.name), next))
                    })
                });
            }
            Confirmed::Archive(partner) => {
                let today = self.today;
                self.commit_or_say("Archive", |tx| {
                    tx.change(partner, |p: &Partner| {
                        let mut next = p.clone();
                        Ok(if p.is_archived() {
                            next.archived_on = None;
                            (format!("Bring back '{}'", p.name), next)
                        } else {
                            next.archived_on = Some(today);
                            (format!("Archive '{}'", p.name), next)
                        })
                    })
                });
                // An archived partner leaves the list unless archived ones show.
                self.sync_pane(super::view::Pane::Partners);
                self.select_default_campaign();
            }
            Confirmed::Unlink(entry) => {
                let name = self
                    .program
                    .plan_entries
                    .get(entry)
                    .and_then(|e| self.program.campaigns.get(e.campaign_id))
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                self.commit_or_say(&format!("Take '{name}' out of the plan"), |tx| {
                    tx.delete(RecordRef::PlanEntry(entry))
                });
            }
        }
    }

    /// The readiness gate (issue 5, item 3): moving `campaign` to live
    /// while its partner's readiness is incomplete asks first. Returns
    /// `true` when it asked (the caller stops).
    pub(super) fn ask_before_live(&mut self, campaign: &Stored<Campaign>) -> bool {
        let r = self.readiness_of(campaign.partner_id);
        if r.complete() {
            return false;
        }
        self.mode = Mode::Confirm {
            message: format!(
                "The partner's readiness is incomplete ({} missing: {}). Move '{}' to live anyway?",
                r.items.len() - r.passed(),
                r.missing(),
                campaign.name
            ),
            then: Confirmed::GoLive(campaign.id),
        };
        true
    }

    // ---- the joint marketing plan ----------------------------------------

    /// A plan worked out as of today.
    pub fn plan_sheet(&self, plan: PlanId) -> Option<PlanSheet> {
        jmp::sheet(&self.program, plan, self.today)
    }

    /// `J`: the selected partner's plan for the current quarter (else the
    /// current year's, else its latest); with none, the new-plan form.
    pub(super) fn open_plan_of_selected(&mut self) {
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
            Some(plan) => {
                self.mode = Mode::Plan {
                    plan,
                    cursor: 0,
                    scroll: 0,
                }
            }
            None => {
                let open = forms::plan_form(&p, None, self.today);
                self.mode = self.form_mode(open);
            }
        }
    }

    /// Keys in the plan view: the cursor moves over the campaigns.
    pub(super) fn plan_key(&mut self, plan: PlanId, cursor: usize, scroll: usize, code: KeyCode) {
        let Some(sheet) = self.plan_sheet(plan) else {
            self.mode = Mode::Normal;
            return;
        };
        let n = sheet.lines.len();
        let here = |cursor: usize, scroll: usize| Mode::Plan {
            plan,
            cursor,
            scroll,
        };
        let stay = here(cursor, scroll);
        let room = self.scroll_room(usize::MAX);
        let selected = sheet.lines.get(cursor);
        let today = self.today;
        self.mode = match code {
            KeyCode::Down | KeyCode::Char('j') => here((cursor + 1).min(n.saturating_sub(1)), 0),
            KeyCode::Up | KeyCode::Char('k') => here(cursor.saturating_sub(1), 0),
            // PgDn / PgUp (Space) scroll the sheet by half a page; Home / End
            // go to its top (the first campaign) and its end.
            KeyCode::PageDown | KeyCode::Char(' ') => here(
                cursor,
                scroll.saturating_add((room.page / 2).max(1)).min(room.max),
            ),
            KeyCode::PageUp => here(
                cursor,
                scroll.min(room.max).saturating_sub((room.page / 2).max(1)),
            ),
            KeyCode::Home | KeyCode::Char('g') => here(0, 0),
            KeyCode::End | KeyCode::Char('G') => here(cursor, room.max),
            KeyCode::Enter | KeyCode::Char('e') => {
                let open = selected.and_then(|l| {
                    let e = self.program.plan_entries.get(l.entry)?;
                    let c = self.program.campaigns.get(l.campaign)?;
                    let target = self
                        .program
                        .results_of(c.id)
                        .and_then(|r| r.target_pipeline);
                    Some(forms::plan_entry_form(
                        e,
                        c,
                        target,
                        today,
                        self.program.currency,
                    ))
                });
                match open {
                    Some(open) => {
                        self.back.push(stay);
                        self.form_mode(open)
                    }
                    None => {
                        self.say(StatusKind::Info, "No campaign in the plan yet: l links one");
                        stay
                    }
                }
            }
            KeyCode::Char('E') => {
                let open = self.program.plans.get(plan).and_then(|x| {
                    self.program
                        .partners
                        .get(x.partner_id)
                        .map(|p| forms::plan_form(p, Some(x), today))
                });
                match open {
                    Some(open) => {
                        self.back.push(stay);
                        self.form_mode(open)
                    }
                    None => stay,
                }
            }
            KeyCode::Char('l') => {
                let options: Vec<(char, String, MenuChoice)> = jmp::linkable(&self.program, plan)
                    .into_iter()
                    .filter_map(|c| self.program.campaigns.get(c))
                    .zip(('a'..='z').filter(|k| *k != 'q'))
                    .map(|(c, k)| {
                        (
                            k,
                            format!("{} ({}, launch {})", c.name, c.status, iso(c.launch)),
                            MenuChoice::LinkCampaign(plan, c.id),
                        )
                    })
                    .collect();
                if options.is_empty() {
                    self.say(
                        StatusKind::Info,
                        "Every campaign of this partner is in the plan (cancelled ones are not offered)",
                    );
                    stay
                } else {
                    self.back.push(stay);
                    Mode::Menu {
                        title: format!("Link a campaign to the {} plan", sheet.period),
                        options,
                    }
                }
            }
            KeyCode::Char('x') | KeyCode::Char('d') => match selected {
                Some(l) => {
                    self.back.push(stay);
                    Mode::Confirm {
                        message: format!(
                            "Take '{}' out of the {} plan? The campaign itself stays (u undoes it).",
                            l.name, sheet.period
                        ),
                        then: Confirmed::Unlink(l.entry),
                    }
                }
                None => stay,
            },
            KeyCode::Char('W') => {
                self.mode = stay;
                self.write_plan_report(&sheet);
                return;
            }
            KeyCode::Char('H') => {
                self.back.push(stay);
                let record = match selected {
                    Some(l) => RecordRef::PlanEntry(l.entry),
                    None => RecordRef::Plan(plan),
                };
                self.show_history_of(record);
                return;
            }
            KeyCode::Char('u') => {
                self.mode = stay;
                self.undo();
                if self.program.plans.get(plan).is_none() {
                    self.mode = Mode::Normal;
                }
                return;
            }
            // Esc / q closed it already (view_keys.rs); other keys are kept.
            _ => stay,
        };
    }

    /// The hints of the plan view.
    pub(super) fn plan_hints(&self) -> Vec<Hint> {
        let h = fixed;
        vec![
            h("e", "targets / co-investment"),
            h("l", "link campaign"),
            h("x", "take out"),
            h("E", "edit plan"),
            h("W", "write report"),
            h("H", "history"),
            h("u", "undo").kept(),
            h("PgDn", "scroll"),
            h("Esc", "close"),
        ]
    }

    /// Links a campaign to a plan (from the `l` menu).
    pub(super) fn link_campaign(&mut self, plan: PlanId, campaign: CampaignId) {
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
    pub(super) fn cycle_partner_sort(&mut self) {
        self.partner_view.sort = self.partner_view.sort.next();
        self.after_partner_view_change(format!("Partners by {}", self.partner_view.sort.label()));
    }

    /// `t`: only partners of the next tier (then all again).
    pub(super) fn cycle_tier_filter(&mut self) {
        self.partner_view.tier = cycle(self.partner_view.tier, Tier::ALL);
        let text = self
            .partner_view
            .tier
            .map_or("All tiers".to_string(), |t| format!("Tier {t} only"));
        self.after_partner_view_change(text);
    }

    /// `y`: only partners of the next partnership type (then all again).
    pub(super) fn cycle_type_filter(&mut self) {
        self.partner_view.partnership_type =
            cycle(self.partner_view.partnership_type, PartnershipType::ALL);
        let text = self
            .partner_view
            .partnership_type
            .map_or("All partnership types".to_string(), |t| format!("{t} only"));
        self.after_partner_view_change(text);
    }

    /// `A`: archived partners shown too, or hidden again.
    pub(super) fn toggle_archived(&mut self) {
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
    pub(super) fn partner_shown(&self, p: &Partner) -> bool {
        let v = &self.partner_view;
        (v.show_archived || !p.is_archived())
            && v.tier.is_none_or(|t| p.tier == t)
            && v.partnership_type.is_none_or(|t| p.partnership_type == t)
    }

    /// Orders partner ids (already in name order) by the pane's sort.
    pub(super) fn sort_partners(&self, ids: &mut [PartnerId]) {
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
    fn write_plan_report(&mut self, sheet: &PlanSheet) {
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

fn short_kind(k: MeetingKind) -> &'static str {
    match k {
        MeetingKind::CheckIn => "Check-in",
        MeetingKind::Qbr => "QBR",
    }
}

/// The next line after (delta 1) or before (−1) `from` that is not blank.
fn next_line(lines: &[ProfileLine], from: usize, delta: i64) -> usize {
    let mut i = from as i64;
    loop {
        i += delta;
        if i < 0 || i as usize >= lines.len() {
            return from;
        }
        if !lines[i as usize].spans.is_empty() {
            return i as usize;
        }
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
