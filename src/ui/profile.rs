//! Drawing a partner's profile (issue 5): the words of each row the app
//! lists ([`crate::app::App::profile_rows`]), with the figures from the
//! domain, and the cursor line highlighted. Keys named in the text come
//! from the profile's key table, so a rebound key shows here too.

use super::Ctx;
use super::text::{cut, first_line, width};
use crate::app::view::keep_visible;
use crate::app::views::Cmd;
use crate::app::views::profile::{Act, Profile, ProfileField, ProfileItem, ProfileRow};
use crate::domain::dates::{days_between, iso};
use crate::domain::jmp;
use crate::domain::money::{format_multiple, format_percent};
use crate::domain::relationship::{self, Cadence, PastPerformance, Readiness};
use crate::domain::*;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// What a piece of profile text means, for its colour (STYLE: colours by
/// meaning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    /// A section heading.
    Heading,
    /// A field label.
    Label,
    /// Ordinary text.
    Text,
    /// Secondary text.
    Muted,
    /// Passes / met.
    Good,
    /// Needs attention.
    Warning,
}

fn style(t: Tone, ctx: &Ctx<'_>) -> Style {
    let th = ctx.theme;
    match t {
        Tone::Heading => th.header(),
        Tone::Label | Tone::Muted => th.muted(),
        Tone::Text => th.text(),
        Tone::Good => th.good(),
        Tone::Warning => th.warning(),
    }
}

type Spans = Vec<(String, Tone)>;

fn field(label: &str, value: String, tone: Tone) -> Spans {
    vec![(format!("  {label:<18}"), Tone::Label), (value, tone)]
}

fn or_dash(text: &str) -> (String, Tone) {
    if text.trim().is_empty() {
        ("—".to_string(), Tone::Muted)
    } else {
        (text.trim().to_string(), Tone::Text)
    }
}

fn dashed(label: &str, text: &str) -> Spans {
    let (t, tone) = or_dash(text);
    field(label, t, tone)
}

fn short_kind(k: MeetingKind) -> &'static str {
    match k {
        MeetingKind::CheckIn => "Check-in",
        MeetingKind::Qbr => "QBR",
    }
}

/// What the profile's words are made of, worked out once per frame.
struct Facts<'a> {
    ctx: &'a Ctx<'a>,
    partner: &'a Stored<Partner>,
    today: chrono::NaiveDate,
    readiness: Readiness,
    cadences: [Cadence; 2],
    past: PastPerformance,
}

impl Facts<'_> {
    /// The key the profile binds to `act` ("c"), or "" if none.
    fn key(&self, act: Act) -> String {
        self.ctx.app.keys.profile.key_label(Cmd::Own(act))
    }

    /// The words of one row.
    fn line(&self, row: ProfileRow) -> Spans {
        let app = self.ctx.app;
        let p = self.partner;
        match row {
            ProfileRow::Blank => Vec::new(),
            ProfileRow::Heading(item) => vec![(
                match item {
                    ProfileItem::Agreement => "Agreement",
                    ProfileItem::Budget => "Co-marketing budget suggestion",
                    _ => "Profile",
                }
                .to_string(),
                Tone::Heading,
            )],
            ProfileRow::Field(f) => self.field(f),
            ProfileRow::Readiness => {
                let r = &self.readiness;
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
                ]
            }
            ProfileRow::Check(i) => {
                let Some(c) = self.readiness.items.get(i) else {
                    return Vec::new();
                };
                let (mark, tone) = if c.ok {
                    ("✓", Tone::Good)
                } else {
                    ("✗", Tone::Warning)
                };
                vec![
                    (format!("  {mark} "), tone),
                    (format!("{:<30}", c.check.label()), Tone::Label),
                    (
                        c.detail.clone(),
                        if c.ok { Tone::Text } else { Tone::Warning },
                    ),
                ]
            }
            ProfileRow::Budget => {
                let cur = app.program.currency;
                let bases = &app.config.tier_budget;
                // The result first: on a narrow screen the factors are cut,
                // never the figure.
                vec![
                    ("  ".into(), Tone::Text),
                    (cur.format(p.budget_suggestion(bases)), Tone::Good),
                    (
                        format!(
                            " = {} {} base × {} pipeline potential × {} strategic value",
                            cur.format(bases.base(p.tier)),
                            p.tier,
                            format_multiple(Some(p.pipeline_potential)),
                            format_multiple(Some(p.strategic_value)),
                        ),
                        Tone::Text,
                    ),
                ]
            }
            ProfileRow::Contacts => vec![
                ("Marketing contacts".into(), Tone::Heading),
                (format!("  {} adds", self.key(Act::AddContact)), Tone::Muted),
            ],
            ProfileRow::NoContacts => vec![(
                format!("  none yet: {} adds one", self.key(Act::AddContact)),
                Tone::Warning,
            )],
            ProfileRow::Contact(id) => {
                let Some(c) = app.program.contacts.get(id) else {
                    return Vec::new();
                };
                let mut spans = vec![(format!("  {}", c.name), Tone::Text)];
                if !c.role.trim().is_empty() {
                    spans.push((format!(" · {}", c.role), Tone::Muted));
                }
                if !c.email.trim().is_empty() {
                    spans.push((format!(" · {}", c.email), Tone::Text));
                }
                spans
            }
            ProfileRow::Cadences => vec![
                ("Cadence".into(), Tone::Heading),
                (
                    format!(
                        "  {} check-in notes · {} QBR notes",
                        self.key(Act::CheckinNotes),
                        self.key(Act::QbrNotes)
                    ),
                    Tone::Muted,
                ),
            ],
            ProfileRow::Cadence(kind) => self.cadence(kind),
            ProfileRow::Meeting(id) => {
                let Some(m) = app.program.meetings.get(id) else {
                    return Vec::new();
                };
                let notes: Vec<String> = [
                    ("progress", &m.progress),
                    ("upcoming", &m.upcoming),
                    ("roadblocks", &m.roadblocks),
                    ("next", &m.next_steps),
                ]
                .iter()
                .filter(|(_, t)| !t.trim().is_empty())
                .map(|(l, t)| format!("{l}: {}", first_line(t, self.ctx.sym.ellipsis())))
                .collect();
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
                ]
            }
            ProfileRow::Plans => vec![
                ("Joint marketing plans".into(), Tone::Heading),
                (
                    format!(
                        "  {} adds · {} opens",
                        self.key(Act::NewPlan),
                        self.key(Act::Open)
                    ),
                    Tone::Muted,
                ),
            ],
            ProfileRow::NoPlans => vec![(
                format!(
                    "  none yet: {} plans a quarter or a year",
                    self.key(Act::NewPlan)
                ),
                Tone::Muted,
            )],
            ProfileRow::Plan(id) => self.plan(id),
            ProfileRow::Past => vec![
                ("Past performance".into(), Tone::Heading),
                (
                    format!(
                        "  campaigns launched {} → {}",
                        iso(self.past.since),
                        iso(self.today)
                    ),
                    Tone::Muted,
                ),
            ],
            ProfileRow::NoPast => vec![("  no campaign in the last 12 months".into(), Tone::Muted)],
            ProfileRow::PastColumns => vec![(
                format!(
                    "  {:<18}{:>10}{:>12}{:>12}{:>10}{:>16}",
                    "Type", "Campaigns", "Cost", "Cost/lead", "Lead→MQL", "Pipeline/spend"
                ),
                Tone::Label,
            )],
            ProfileRow::PastType(i) => self.past_type(i),
        }
    }

    fn field(&self, f: ProfileField) -> Spans {
        let p = self.partner;
        let today = self.today;
        let cur = self.ctx.app.program.currency;
        match f {
            ProfileField::Partnership => {
                field("Partnership", p.partnership_type.label().into(), Tone::Text)
            }
            ProfileField::Tier => {
                let mut tier = vec![
                    ("  Tier              ".to_string(), Tone::Label),
                    (format!("{} set", p.tier), Tone::Text),
                ];
                let numbers = format!(
                    " ({} revenue, {})",
                    cur.format(p.recorded_revenue),
                    words::count(p.referrals, "referral")
                );
                match p.earned_tier() {
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
                tier
            }
            ProfileField::BrandGuidelines => field(
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
            ),
            ProfileField::DataConsent => field(
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
            ),
            ProfileField::PastWork => dashed("Past work", &p.past_performance),
            ProfileField::Notes => dashed("Notes", &first_line(&p.notes, self.ctx.sym.ellipsis())),
            ProfileField::Archived => field(
                "Archived",
                format!(
                    "since {} ({} brings it back)",
                    p.archived_on.map(iso).unwrap_or_default(),
                    self.key(Act::Archive)
                ),
                Tone::Warning,
            ),
            ProfileField::Period => {
                let (text, tone) = match (p.agreement_start, p.agreement_end) {
                    (None, _) => ("no signed agreement recorded".to_string(), Tone::Warning),
                    (Some(s), None) => (format!("from {} (open-ended)", iso(s)), Tone::Text),
                    (Some(s), Some(e)) if e < today => (
                        format!(
                            "{} → {} · ended: archive the partner ({})?",
                            iso(s),
                            iso(e),
                            self.key(Act::Archive)
                        ),
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
                field("Period", text, tone)
            }
            ProfileField::Scope => dashed("Scope", &p.agreement_scope),
            ProfileField::Sharing => dashed("Lead / revenue", &p.sharing_terms),
            ProfileField::Exclusivity => {
                let (text, tone) = match (p.exclusivity.trim(), p.exclusive_until) {
                    ("", None) => ("none".to_string(), Tone::Muted),
                    ("", Some(u)) => (format!("until {}", iso(u)), Tone::Text),
                    (e, None) => (e.to_string(), Tone::Text),
                    (e, Some(u)) if u < today => (format!("{e} (ended {})", iso(u)), Tone::Muted),
                    (e, Some(u)) => (format!("{e} until {}", iso(u)), Tone::Text),
                };
                field("Exclusivity", text, tone)
            }
            ProfileField::BrandUsage => dashed("Brand usage", &p.brand_usage),
            ProfileField::NoticePeriod => field(
                "Notice period",
                p.termination_notice_days
                    .map_or("—".into(), |d| words::count(d, "day")),
                Tone::Text,
            ),
        }
    }

    fn cadence(&self, kind: MeetingKind) -> Spans {
        let Some(c) = self.cadences.iter().find(|c| c.kind == kind) else {
            return Vec::new();
        };
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
        vec![
            (format!("  {:<18}", c.kind.label()), Tone::Label),
            (format!("{last} · "), Tone::Text),
            (due, tone),
        ]
    }

    fn plan(&self, id: PlanId) -> Spans {
        let app = self.ctx.app;
        let cur = app.program.currency;
        let (Some(plan), Some(sheet)) = (
            app.program.plans.get(id),
            jmp::sheet(&app.program, id, self.today),
        ) else {
            return Vec::new();
        };
        let current = plan.period.contains(self.today);
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
        ]
    }

    fn past_type(&self, i: usize) -> Spans {
        let cur = self.ctx.app.program.currency;
        let past = &self.past;
        let Some(b) = past.by_type.get(i) else {
            return Vec::new();
        };
        let name = b.campaign_type.map_or("Total", |t| t.label());
        let best = b.campaign_type.is_some() && b.campaign_type == past.best_type;
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
        )]
    }
}

/// Draws the profile `view` into `area`.
pub(super) fn draw(frame: &mut Frame<'_>, area: Rect, view: &Profile, ctx: &Ctx<'_>) {
    let app = ctx.app;
    let Some(p) = app.program.partners.get(view.partner) else {
        return;
    };
    let facts = Facts {
        ctx,
        partner: p,
        today: app.today,
        readiness: app.readiness_of(p.id),
        cadences: relationship::cadences(&app.program, p.id, app.today),
        past: relationship::past_performance(&app.program, p.id, app.today),
    };
    let rows = app.profile_rows(view.partner);
    let title = format!(
        " {} {} {} {} {}{} ",
        p.name,
        ctx.sym.dot(),
        p.partnership_type.label(),
        ctx.sym.dot(),
        p.tier,
        if p.is_archived() { " (archived)" } else { "" }
    );
    frame.render_widget(Clear, area);
    let block = super::view_block(title, ctx);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    let w = usize::from(inner.width);
    let off = keep_visible(view.scroll, view.cursor, h, rows.len());
    let ell = ctx.sym.ellipsis();
    let out: Vec<Line<'static>> = rows
        .iter()
        .enumerate()
        .skip(off)
        .take(h)
        .map(|(i, row)| {
            let mut used = 0;
            let mut spans = Vec::new();
            for (text, t) in facts.line(*row) {
                let room = w.saturating_sub(used);
                if room == 0 {
                    break;
                }
                // Arrows spelled out in ASCII ("2026-01-01 -> 2026-12-31"),
                // but not in the column heads, whose widths are fixed.
                let text = if matches!(t, Tone::Label) {
                    text
                } else {
                    ctx.sym.text(&text)
                };
                let text = if width(&text) > room {
                    cut(&text, room, ell)
                } else {
                    text
                };
                used += width(&text);
                spans.push(Span::styled(text, style(t, ctx)));
            }
            if i == view.cursor {
                spans.push(Span::raw(" ".repeat(w.saturating_sub(used))));
                Line::from(spans).style(ctx.theme.selected())
            } else {
                Line::from(spans)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(out), inner);
}
