//! The add/edit forms of each record kind, and the drafts they produce.
//!
//! Each `*_form` function builds an [`OpenForm`] prefilled from the record
//! being edited (or sensible defaults for a new one); [`build`] reads the
//! form back into a [`Draft`], showing every error at its field and
//! returning `None` until the whole form is valid (issue 2, item 6).

use super::form::{Choice, Form, Parse};
use crate::domain::Currency;
use crate::domain::dates::{iso, shift};
use crate::domain::keyed::Keyed;
use crate::domain::mdf::{ActivityType, Policy};
use crate::domain::money::format_count;
use crate::domain::performance::{self, ProgramTargets, TargetSource};
use crate::domain::playbook::Playbook;
use crate::domain::program::Program;
use crate::domain::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What a form creates or edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A partner (new when `None`).
    Partner(Option<PartnerId>),
    /// A campaign of a partner.
    Campaign {
        /// Its partner.
        partner: PartnerId,
        /// The campaign edited, or `None` for a new one.
        id: Option<CampaignId>,
    },
    /// A milestone of a campaign.
    Milestone {
        /// Its campaign.
        campaign: CampaignId,
        /// The milestone edited, or `None`.
        id: Option<MilestoneId>,
    },
    /// A checklist item of a campaign.
    Responsibility {
        /// Its campaign.
        campaign: CampaignId,
        /// The item edited, or `None`.
        id: Option<ResponsibilityId>,
    },
    /// An asset of a campaign.
    Asset {
        /// Its campaign.
        campaign: CampaignId,
        /// The asset edited, or `None`.
        id: Option<AssetId>,
    },
    /// A campaign's money: budget, internal cost, lead target.
    Costs(CampaignId),
    /// An MDF fund of a partner.
    Fund {
        /// Its partner.
        partner: PartnerId,
        /// The fund edited, or `None`.
        id: Option<FundId>,
    },
    /// An MDF request of a campaign.
    Request {
        /// Its campaign.
        campaign: CampaignId,
        /// The request edited, or `None`.
        id: Option<RequestId>,
    },
    /// A claim against a request.
    Claim {
        /// Its request.
        request: RequestId,
        /// The claim edited, or `None`.
        id: Option<ClaimId>,
    },
    /// A campaign's results.
    Results(CampaignId),
    /// An MDF expense of a campaign.
    Expense {
        /// Its campaign.
        campaign: CampaignId,
        /// The expense edited, or `None`.
        id: Option<ExpenseId>,
    },
    /// A partner's agreement terms (docs/domain.md §10).
    Agreement(PartnerId),
    /// A partner's co-marketing budget factors (docs/domain.md §10).
    BudgetFactors(PartnerId),
    /// A marketing contact of a partner.
    Contact {
        /// Its partner.
        partner: PartnerId,
        /// The contact edited, or `None`.
        id: Option<ContactId>,
    },
    /// A check-in or QBR with its notes.
    Meeting {
        /// Its partner.
        partner: PartnerId,
        /// Check-in or QBR.
        kind: MeetingKind,
        /// The meeting edited, or `None`.
        id: Option<MeetingId>,
    },
    /// A joint marketing plan.
    Plan {
        /// Its partner.
        partner: PartnerId,
        /// The plan edited, or `None`.
        id: Option<PlanId>,
    },
    /// A campaign's figures in a joint marketing plan.
    PlanEntry(PlanEntryId),
}

/// A valid record read from a form, ready to save.
#[derive(Debug, Clone, PartialEq)]
pub enum Draft {
    /// A partner.
    Partner(Partner),
    /// A campaign; for a new one, the playbook it came from.
    Campaign(Campaign),
    /// A milestone.
    Milestone(Milestone),
    /// A checklist item.
    Responsibility(Responsibility),
    /// An asset.
    Asset(Asset),
    /// The campaign with new costs.
    Costs(Campaign),
    /// A fund.
    Fund(Fund),
    /// An MDF request.
    Request(MdfRequest),
    /// A claim.
    Claim(Claim),
    /// Results.
    Results(CampaignResults),
    /// An MDF expense.
    Expense(Expense),
    /// A contact.
    Contact(Contact),
    /// A meeting.
    Meeting(Meeting),
    /// A joint marketing plan.
    Plan(JointPlan),
    /// A plan entry.
    PlanEntry(PlanEntry),
}

/// A form and what it is for.
#[derive(Debug, Clone)]
pub struct OpenForm {
    /// The form.
    pub form: Form,
    /// Its target.
    pub target: FormTarget,
    /// The record as it was when the form opened (edits only); the form
    /// reads back onto it, and a save writes only what the user changed
    /// since (issue 10, item 1). Set by [`super::snapshot::prepare`].
    pub base: Option<Draft>,
    /// What the untouched form read back as when it opened: the fields
    /// where the current reading differs are the ones the user changed.
    pub pristine: Option<Draft>,
    /// Each field's value when the form opened, in field order (to keep
    /// the user's typing when the form is reloaded after a conflict).
    pub initial: Vec<String>,
    /// What changed underneath when a save was refused: Enter saves the
    /// user's fields over that version, Esc reloads.
    pub theirs: Option<super::merge::Underneath>,
}

impl OpenForm {
    /// A form for `target`, not yet tied to a snapshot (see
    /// [`super::snapshot::prepare`], which the app calls as it opens it).
    pub fn new(form: Form, target: FormTarget) -> OpenForm {
        OpenForm {
            form,
            target,
            base: None,
            pristine: None,
            initial: Vec::new(),
            theirs: None,
        }
    }
}

fn choices<T: Keyed + std::fmt::Display>(all: &[T]) -> Vec<Choice> {
    all.iter()
        .map(|v| Choice::new(v.key(), v.to_string()))
        .collect()
}

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(iso).unwrap_or_default()
}

fn opt_money(m: Option<Decimal>) -> String {
    m.map(|v| v.to_string()).unwrap_or_default()
}

fn opt_count(n: Option<i64>) -> String {
    n.map(|v| v.to_string()).unwrap_or_default()
}

const DATE_HINT: &str = "YYYY-MM-DD, today, +7 (days from today) or -3";

/// The partner profile form (docs/domain.md §10): who the partner is, its tier and
/// the numbers the tier rules read, brand guidelines, data-sharing
/// consent, past work and notes. The agreement and the budget factors have
/// their own forms ([`agreement_form`], [`budget_form`]).
pub fn partner_form(
    existing: Option<&Stored<Partner>>,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let p = existing.map_or_else(Partner::default, |s| s.value.clone());
    let title = match existing {
        Some(_) => format!("Edit partner — {}", p.name),
        None => "New partner".to_string(),
    };
    let form = Form::new(title, today)
        .in_currency(cur)
        .text(
            "name",
            "Name",
            &p.name,
            Parse::Required,
            "the partner company's name",
        )
        .choice(
            "partnership_type",
            "Partnership",
            choices(PartnershipType::ALL),
            p.partnership_type.key(),
            "←/→ or the first letter",
        )
        .choice(
            "tier",
            "Tier",
            choices(Tier::ALL),
            p.tier.key(),
            "the tier set; the profile shows the tier the numbers earn",
        )
        .text(
            "recorded_revenue",
            "Revenue",
            &p.recorded_revenue.to_string(),
            Parse::Money,
            format!(
                "revenue the partner brought, {} (tiers: {} Silver, {} Gold, {} Platinum)",
                cur.code(),
                cur.format_short(Decimal::from(10_000)),
                cur.format_short(Decimal::from(50_000)),
                cur.format_short(Decimal::from(200_000))
            ),
        )
        .text(
            "referrals",
            "Referrals",
            &p.referrals.to_string(),
            Parse::OptCount,
            "referrals the partner made (tiers: 5 Silver, 20 Gold); empty = 0",
        )
        .toggle(
            "brand_guidelines_on_file",
            "Brand guidelines",
            p.brand_guidelines_on_file,
            "on file? Space toggles (guardrail G2, readiness)",
        )
        .text(
            "brand_guidelines_ref",
            "Guidelines at",
            &p.brand_guidelines_ref,
            Parse::Text,
            "where they are: URL, file or document name",
        )
        .text(
            "data_consent_on",
            "Data consent on",
            &opt_date(p.data_consent_on),
            Parse::OptDate,
            "date consent to share customer data was recorded; empty = none (G5)",
        )
        .text(
            "data_consent_scope",
            "Consent scope",
            &p.data_consent_scope,
            Parse::Text,
            "what the consent covers, e.g. webinar registrants",
        )
        .text(
            "past_performance",
            "Past work",
            &p.past_performance,
            Parse::Text,
            "campaigns run together before jmo (readiness: previous performance)",
        )
        .text("notes", "Notes", &p.notes, Parse::Text, "");
    OpenForm::new(form, FormTarget::Partner(existing.map(|s| s.id)))
}

/// The agreement form of a partner (docs/domain.md §10.1, seed 002): period, scope,
/// lead / revenue sharing, exclusivity and its end, brand usage,
/// termination notice.
pub fn agreement_form(p: &Stored<Partner>, today: NaiveDate) -> OpenForm {
    let form = Form::new(format!("Agreement — {}", p.name), today)
        .text(
            "agreement_start",
            "Signed / from",
            &opt_date(p.agreement_start),
            Parse::OptDate,
            "the agreement's first day; empty = no signed agreement (no tier earned)",
        )
        .text(
            "agreement_end",
            "Until",
            &opt_date(p.agreement_end),
            Parse::OptDate,
            "its last day; empty = open-ended. MDF holds expenses dated outside it",
        )
        .text(
            "agreement_scope",
            "Scope",
            &p.agreement_scope,
            Parse::Text,
            "what you do together, e.g. 1 webinar + 2 blog posts a quarter",
        )
        .text(
            "sharing_terms",
            "Lead / revenue",
            &p.sharing_terms,
            Parse::Text,
            "e.g. each keeps its leads; 20% referral commission for 12 months",
        )
        .text(
            "exclusivity",
            "Exclusivity",
            &p.exclusivity,
            Parse::Text,
            "empty = none; e.g. no other CRM partner",
        )
        .text(
            "exclusive_until",
            "Exclusive until",
            &opt_date(p.exclusive_until),
            Parse::OptDate,
            "the exclusivity's last day",
        )
        .text(
            "brand_usage",
            "Brand usage",
            &p.brand_usage,
            Parse::Text,
            "e.g. logos on website and co-branded material; press needs approval",
        )
        .text(
            "termination_notice_days",
            "Notice (days)",
            &opt_count(p.termination_notice_days),
            Parse::OptCount,
            "termination notice in days, e.g. 30",
        );
    OpenForm::new(form, FormTarget::Agreement(p.id))
}

/// The co-marketing budget factors of a partner (docs/domain.md §10, seed 001):
/// pipeline potential 0.5–2.0 and strategic value 0.8–1.5; the tier base
/// comes from the config (`[tier_budget]`).
pub fn budget_form(
    p: &Stored<Partner>,
    base: Decimal,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let form = Form::new(format!("Co-marketing budget — {}", p.name), today)
        .in_currency(cur)
        .text(
            "pipeline_potential",
            "Pipeline potential",
            &p.pipeline_potential.normalize().to_string(),
            Parse::OptMultiple,
            "0.5–2.0 by lead quality; empty = 1.0",
        )
        .text(
            "strategic_value",
            "Strategic value",
            &p.strategic_value.normalize().to_string(),
            Parse::OptMultiple,
            format!(
                "0.8–1.5 by brand alignment; empty = 1.0. {} base: {}",
                p.tier,
                cur.format(base)
            ),
        );
    OpenForm::new(form, FormTarget::BudgetFactors(p.id))
}

/// The contact form (docs/domain.md §10).
pub fn contact_form(
    partner: &Stored<Partner>,
    existing: Option<&Stored<Contact>>,
    today: NaiveDate,
) -> OpenForm {
    let title = match existing {
        Some(c) => format!("Edit contact — {}", c.name),
        None => format!("New contact — {}", partner.name),
    };
    let form = Form::new(title, today)
        .text(
            "name",
            "Name",
            existing.map_or("", |c| &c.name),
            Parse::Required,
            "full name",
        )
        .text(
            "role",
            "Role",
            existing.map_or("", |c| &c.role),
            Parse::Text,
            "e.g. Partner marketing manager",
        )
        .text(
            "email",
            "E-mail",
            existing.map_or("", |c| &c.email),
            Parse::Text,
            "name@company.com",
        );
    OpenForm::new(
        form,
        FormTarget::Contact {
            partner: partner.id,
            id: existing.map(|c| c.id),
        },
    )
}

/// The notes form of a check-in or QBR (docs/domain.md §10.5, seed 002 agenda).
pub fn meeting_form(
    partner: &Stored<Partner>,
    kind: MeetingKind,
    existing: Option<&Stored<Meeting>>,
    today: NaiveDate,
) -> OpenForm {
    let title = match existing {
        Some(m) => format!(
            "{} notes — {}, {}",
            kind.label(),
            partner.name,
            iso(m.held_on)
        ),
        None => format!("{} notes — {}", kind.label(), partner.name),
    };
    let (progress, next) = match kind {
        MeetingKind::CheckIn => (
            "what's working: progress since the last check-in",
            "next month's plan: goals you aligned on",
        ),
        MeetingKind::Qbr => (
            "metrics (leads, revenue, reach) and ROI: worth continuing?",
            "renew, expand, adjust or end, and why",
        ),
    };
    let form = Form::new(title, today)
        .text(
            "held_on",
            "Held on",
            &existing.map_or_else(|| iso(today), |m| iso(m.held_on)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "progress",
            "Progress",
            existing.map_or("", |m| &m.progress),
            Parse::Text,
            progress,
        )
        .text(
            "upcoming",
            "Upcoming",
            existing.map_or("", |m| &m.upcoming),
            Parse::Text,
            "upcoming campaigns: coordinate timing",
        )
        .text(
            "roadblocks",
            "Roadblocks",
            existing.map_or("", |m| &m.roadblocks),
            Parse::Text,
            "what needs fixing, and who fixes it",
        )
        .text(
            "next_steps",
            match kind {
                MeetingKind::CheckIn => "Next month",
                MeetingKind::Qbr => "Decision",
            },
            existing.map_or("", |m| &m.next_steps),
            Parse::Text,
            next,
        );
    let mut open = OpenForm::new(
        form,
        FormTarget::Meeting {
            partner: partner.id,
            kind,
            id: existing.map(|m| m.id),
        },
    );
    // During a call the date is already right: start at the notes.
    open.form.focus_on("progress");
    open
}

/// The joint marketing plan form (docs/domain.md §10.7, seed 003): period, objective,
/// notes. A new plan takes the partner's campaigns launching in the period.
pub fn plan_form(
    partner: &Stored<Partner>,
    existing: Option<&Stored<JointPlan>>,
    today: NaiveDate,
) -> OpenForm {
    let title = match existing {
        Some(p) => format!("Edit joint marketing plan — {}, {}", partner.name, p.period),
        None => format!("New joint marketing plan — {}", partner.name),
    };
    let period = existing.map_or_else(|| Period::quarter_of(today), |p| p.period);
    let form = Form::new(title, today)
        .text(
            "period",
            "Period",
            &period.to_string(),
            Parse::Period,
            "a quarter (2026Q1) or a year (2026)",
        )
        .text(
            "objective",
            "Objective",
            existing.map_or("", |p| &p.objective),
            Parse::Text,
            "the commercial goal the plan serves, e.g. 400K joint pipeline in EMEA",
        )
        .text(
            "notes",
            "Notes",
            existing.map_or("", |p| &p.notes),
            Parse::Text,
            "commitments, capacity, assumptions",
        );
    OpenForm::new(
        form,
        FormTarget::Plan {
            partner: partner.id,
            id: existing.map(|p| p.id),
        },
    )
}

/// A campaign's figures in a plan: pipeline target and the partner's
/// co-investment (in the database's currency, `cur`).
pub fn plan_entry_form(
    entry: &Stored<PlanEntry>,
    campaign: &Stored<Campaign>,
    results_target: Option<Decimal>,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let form = Form::new(format!("In the plan — {}", campaign.name), today)
        .in_currency(cur)
        .text(
            "pipeline_target",
            "Pipeline target",
            &opt_money(entry.pipeline_target),
            Parse::OptMoney,
            match results_target {
                Some(t) => format!(
                    "sourced pipeline to generate, {}; empty = the results target ({})",
                    cur.code(),
                    cur.format(t)
                ),
                None => format!("sourced pipeline to generate, {}", cur.code()),
            },
        )
        .text(
            "partner_investment",
            "Partner invests",
            &entry.partner_investment.to_string(),
            Parse::Money,
            cur.hint(),
        );
    OpenForm::new(form, FormTarget::PlanEntry(entry.id))
}

/// The campaign form (docs/domain.md §2–§4). For a new campaign it offers the
/// playbooks (docs/domain.md §3): choosing one fills type, dates and budget.
pub fn campaign_form(
    partner: &Stored<Partner>,
    existing: Option<&Stored<Campaign>>,
    playbooks: &[Playbook],
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let c = existing.map(|s| s.value.clone());
    let title = match &c {
        Some(c) => format!("Edit campaign — {}", c.name),
        None => format!("New campaign — {}", partner.name),
    };
    let start = c.as_ref().map_or(shift(today, 7), |c| c.start);
    let mut form = Form::new(title, today).in_currency(cur).text(
        "name",
        "Name",
        c.as_ref().map_or("", |c| &c.name),
        Parse::Required,
        "e.g. Q3 Security Webinar",
    );
    if c.is_none() {
        let mut options = vec![Choice::new("", "(none)")];
        options.extend(playbooks.iter().map(|p| {
            Choice::new(
                p.name.clone(),
                format!(
                    "{} — {}, {} wk, {}",
                    p.name,
                    p.campaign_type.label(),
                    p.duration_weeks,
                    cur.format_short(p.budget)
                ),
            )
        }));
        form = form.choice(
            "playbook",
            "Playbook",
            options,
            "",
            "a playbook fills type, dates and budget",
        );
    }
    let form = form
        .choice(
            "campaign_type",
            "Type",
            choices(CampaignType::ALL),
            c.as_ref().map_or("webinar", |c| c.campaign_type.key()),
            "←/→ or the first letter",
        )
        .choice(
            "status",
            "Status",
            choices(CampaignStatus::ALL),
            c.as_ref().map_or("planned", |c| c.status.key()),
            "",
        )
        .text(
            "audience",
            "Audience",
            c.as_ref().map_or("", |c| &c.audience),
            Parse::Text,
            "target audience segment",
        )
        .text(
            "start",
            "Start (kickoff)",
            &iso(start),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "launch",
            "Launch (live)",
            &iso(c.as_ref().map_or(shift(start, 42), |c| c.launch)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "end",
            "End",
            &iso(c.as_ref().map_or(shift(start, 49), |c| c.end)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "budget",
            "Budget",
            &c.as_ref().map_or("0".to_string(), |c| c.budget.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .text(
            "internal_cost",
            "Internal cost",
            &c.as_ref()
                .map_or("0".to_string(), |c| c.internal_cost.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .text(
            "lead_target",
            "Lead target",
            &opt_count(c.as_ref().and_then(|c| c.lead_target)),
            Parse::OptCount,
            "expected leads",
        )
        .text(
            "crm_id",
            "CRM campaign id",
            c.as_ref().and_then(|c| c.crm_id.as_deref()).unwrap_or(""),
            Parse::Text,
            "Salesforce campaign id; empty = not tracked (G8)",
        )
        .toggle(
            "attribution_agreed",
            "Attribution agreed",
            c.as_ref().is_some_and(|c| c.attribution_agreed),
            "lead attribution rules agreed with the partner (G3)",
        )
        .toggle(
            "uses_partner_data",
            "Uses partner data",
            c.as_ref().is_some_and(|c| c.uses_partner_data),
            "uses the partner's customer data (needs consent, G5)",
        );
    OpenForm::new(
        form,
        FormTarget::Campaign {
            partner: partner.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// Fills the campaign form from the chosen playbook (type, dates from the
/// start date, budget, lead target from the type's range).
pub fn apply_playbook(form: &mut Form, playbooks: &[Playbook]) {
    let name = form.chosen("playbook");
    let Some(p) = playbooks.iter().find(|p| p.name == name) else {
        return;
    };
    form.set_choice("campaign_type", p.campaign_type.key());
    let start = form.get_date("start").unwrap_or(shift(form.today, 7));
    let (s, l, e) = p.dates(start);
    form.set_text("start", &iso(s));
    form.set_text("launch", &iso(l));
    form.set_text("end", &iso(e));
    form.set_text("budget", &p.budget.to_string());
    // The name follows the playbook until the user types their own.
    let name = form.get_text("name");
    if name.is_empty() || playbooks.iter().any(|q| q.name == name) {
        form.set_text("name", &p.name);
    }
}

/// On a new campaign with a playbook chosen, a valid new start date moves
/// launch and end with it (the playbook's shape is kept).
pub fn follow_start(form: &mut Form, playbooks: &[Playbook]) {
    let name = form.chosen("playbook");
    let (Some(p), Some(start)) = (
        playbooks.iter().find(|p| p.name == name),
        form.get_date("start"),
    ) else {
        return;
    };
    let (_, launch, end) = p.dates(start);
    form.set_text("launch", &iso(launch));
    form.set_text("end", &iso(end));
}

/// The milestone form (docs/domain.md §4).
pub fn milestone_form(
    campaign: CampaignId,
    existing: Option<&Stored<Milestone>>,
    today: NaiveDate,
) -> OpenForm {
    let m = existing.map(|s| s.value.clone());
    let title = match &m {
        Some(m) => format!("Edit milestone — {}", m.name),
        None => "New milestone".to_string(),
    };
    let form = Form::new(title, today)
        .text(
            "name",
            "Name",
            m.as_ref().map_or("", |m| &m.name),
            Parse::Required,
            "",
        )
        .text(
            "due",
            "Due",
            &iso(m.as_ref().map_or(today, |m| m.due)),
            Parse::Date,
            DATE_HINT,
        )
        .choice(
            "status",
            "Status",
            choices(MilestoneStatus::ALL),
            m.as_ref().map_or("upcoming", |m| m.status.key()),
            "overdue is never set: it follows from the date",
        )
        .text(
            "completed_on",
            "Completed on",
            &opt_date(m.as_ref().and_then(|m| m.completed_on)),
            Parse::OptDate,
            "for done milestones; empty = today",
        )
        .text(
            "blocked_reason",
            "Blocked because",
            m.as_ref()
                .and_then(|m| m.blocked_reason.as_deref())
                .unwrap_or(""),
            Parse::Text,
            "for blocked milestones",
        );
    OpenForm::new(
        form,
        FormTarget::Milestone {
            campaign,
            id: existing.map(|s| s.id),
        },
    )
}

/// The checklist item form (docs/domain.md §5).
pub fn responsibility_form(
    campaign: CampaignId,
    existing: Option<&Stored<Responsibility>>,
    side: Side,
    owner: &str,
    today: NaiveDate,
) -> OpenForm {
    let r = existing.map(|s| s.value.clone());
    let title = match &r {
        Some(r) => format!("Edit item — {}", r.title),
        None => "New checklist item".to_string(),
    };
    let form = Form::new(title, today)
        .text(
            "title",
            "Title",
            r.as_ref().map_or("", |r| &r.title),
            Parse::Required,
            "what to do",
        )
        .choice(
            "side",
            "Side",
            choices(Side::ALL),
            r.as_ref().map_or(side, |r| r.side).key(),
            "ours / partner / shared",
        )
        .text(
            "owner",
            "Owner",
            r.as_ref().map_or(owner, |r| &r.owner),
            Parse::Text,
            "a person's name",
        )
        .text(
            "due",
            "Due",
            &opt_date(r.as_ref().and_then(|r| r.due)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "done_on",
            "Done on",
            &opt_date(r.as_ref().and_then(|r| r.done_on)),
            Parse::OptDate,
            "empty = not done (Space in the list ticks it)",
        );
    OpenForm::new(
        form,
        FormTarget::Responsibility {
            campaign,
            id: existing.map(|s| s.id),
        },
    )
}

/// The asset form (G1).
pub fn asset_form(
    campaign: CampaignId,
    existing: Option<&Stored<Asset>>,
    today: NaiveDate,
) -> OpenForm {
    let a = existing.map(|s| s.value.clone());
    let title = match &a {
        Some(a) => format!("Edit asset — {}", a.name),
        None => "New asset".to_string(),
    };
    let form = Form::new(title, today)
        .text(
            "name",
            "Name",
            a.as_ref().map_or("", |a| &a.name),
            Parse::Required,
            "e.g. Webinar deck v2",
        )
        .text(
            "kind",
            "Kind",
            a.as_ref().map_or("", |a| &a.kind),
            Parse::Text,
            "deck, landing page, ad creative…",
        )
        .toggle(
            "co_branded",
            "Co-branded",
            a.as_ref().is_none_or(|a| a.co_branded),
            "carries both brands: needs the partner's approval (G1)",
        )
        .text(
            "approved_on",
            "Partner approved on",
            &opt_date(a.as_ref().and_then(|a| a.approved_on)),
            Parse::OptDate,
            "empty = not approved yet",
        )
        .text(
            "location",
            "Location",
            a.as_ref().map_or("", |a| &a.location),
            Parse::Text,
            "URL or path",
        );
    OpenForm::new(
        form,
        FormTarget::Asset {
            campaign,
            id: existing.map(|s| s.id),
        },
    )
}

/// The campaign money form: budget, internal cost, lead target (docs/domain.md §7).
pub fn costs_form(c: &Stored<Campaign>, today: NaiveDate, cur: Currency) -> OpenForm {
    let form = Form::new(format!("Money — {}", c.name), today)
        .in_currency(cur)
        .text(
            "budget",
            "Budget",
            &c.budget.to_string(),
            Parse::Money,
            cur.hint(),
        )
        .text(
            "internal_cost",
            "Internal cost",
            &c.internal_cost.to_string(),
            Parse::Money,
            cur.hint(),
        )
        .text(
            "lead_target",
            "Lead target",
            &opt_count(c.lead_target),
            Parse::OptCount,
            "expected leads",
        );
    OpenForm::new(form, FormTarget::Costs(c.id))
}

/// The fund form (docs/domain.md §11).
pub fn fund_form(
    partner: &Stored<Partner>,
    existing: Option<&Stored<Fund>>,
    policies: &BTreeMap<String, Policy>,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let f = existing.map(|s| s.value.clone());
    let title = match &f {
        Some(f) => format!("Edit fund — {}", f.name),
        None => format!("New MDF fund — {}", partner.name),
    };
    let mut policy_choices: Vec<Choice> = policies
        .iter()
        .map(|(name, p)| {
            Choice::new(
                name.clone(),
                format!("{name} ({}-day claim window)", p.claim_window_days),
            )
        })
        .collect();
    // A fund whose policy is not in this config keeps it (shown as such),
    // so editing another field never changes its claim window silently.
    if let Some(f) = &f
        && !policies.contains_key(&f.policy)
    {
        policy_choices.insert(
            0,
            Choice::new(
                f.policy.clone(),
                format!("{} (not in the config: default rules)", f.policy),
            ),
        );
    }
    let form = Form::new(title, today)
        .in_currency(cur)
        .text(
            "name",
            "Name",
            f.as_ref().map_or("", |f| &f.name),
            Parse::Required,
            "e.g. FY27 H1 co-op",
        )
        .text(
            "period_start",
            "Period start",
            &opt_date(f.as_ref().map(|f| f.period_start)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "period_end",
            "Period end",
            &opt_date(f.as_ref().map(|f| f.period_end)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "allocated",
            "Allocated",
            &f.as_ref()
                .map_or(String::new(), |f| f.allocated.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .choice(
            "policy",
            "Policy",
            policy_choices,
            f.as_ref().map_or("default", |f| f.policy.as_str()),
            "program policy from the config file",
        );
    OpenForm::new(
        form,
        FormTarget::Fund {
            partner: partner.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// The MDF request form (docs/domain.md §11).
/// `proof_default` is the policy's proof list for the campaign's activity,
/// prefilled on a new request.
pub fn request_form(
    campaign: &Stored<Campaign>,
    funds: &[&Stored<Fund>],
    existing: Option<&Stored<MdfRequest>>,
    proof_default: &[String],
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let r = existing.map(|s| s.value.clone());
    let title = match &r {
        Some(_) => format!("Edit MDF request — {}", campaign.name),
        None => format!("New MDF request — {}", campaign.name),
    };
    let mut fund_choices = vec![Choice::new("", "(no fund)")];
    fund_choices.extend(
        funds
            .iter()
            .map(|f| Choice::new(f.id.0.to_string(), f.name.clone())),
    );
    let default_fund = r
        .as_ref()
        .and_then(|r| r.fund_id)
        .or(funds.first().map(|f| f.id))
        .map_or(String::new(), |f| f.0.to_string());
    let activity = r
        .as_ref()
        .map_or(ActivityType::for_campaign(campaign.campaign_type), |r| {
            r.activity
        });
    let form = Form::new(title, today)
        .in_currency(cur)
        .choice("fund_id", "Fund", fund_choices, &default_fund, "")
        .choice(
            "activity",
            "Activity",
            choices(ActivityType::ALL),
            activity.key(),
            "",
        )
        .text(
            "amount",
            "Amount requested",
            &r.as_ref().map_or(String::new(), |r| r.amount.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .choice(
            "status",
            "Status",
            choices(RequestStatus::ALL),
            r.as_ref().map_or("draft", |r| r.status.key()),
            "",
        )
        .text(
            "approved_amount",
            "Amount approved",
            &opt_money(r.as_ref().and_then(|r| r.approved_amount)),
            Parse::OptMoney,
            "empty = as requested",
        )
        .text(
            "submitted_on",
            "Submitted on",
            &opt_date(r.as_ref().and_then(|r| r.submitted_on)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "decided_on",
            "Decided on",
            &opt_date(r.as_ref().and_then(|r| r.decided_on)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "justification",
            "Justification",
            r.as_ref().map_or("", |r| &r.justification),
            Parse::Text,
            "why the partner should fund it",
        )
        .text(
            "expected_roi",
            "Expected ROI (x)",
            &r.as_ref()
                .map_or(Some(Decimal::from(5)), |r| r.expected_roi)
                .map(|m| m.to_string())
                .unwrap_or_default(),
            Parse::OptMultiple,
            "revenue ÷ cost expected, e.g. 5 (the program's target is 5x)",
        )
        .text(
            "proof_required",
            "Proof of performance",
            &r.as_ref().map_or_else(
                || proof_default.join("; "),
                |r| r.proof_required.lines().collect::<Vec<_>>().join("; "),
            ),
            Parse::Text,
            "what the partner will need to see, separated by ';' (from the policy)",
        )
        .text(
            "reason",
            "Reason",
            r.as_ref().and_then(|r| r.reason.as_deref()).unwrap_or(""),
            Parse::Text,
            "why it was returned, rejected, expired or cancelled",
        );
    OpenForm::new(
        form,
        FormTarget::Request {
            campaign: campaign.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// The claim form (docs/domain.md §11). A new claim's amount defaults to `unclaimed`: what is claimable under
/// the request and not yet claimed (docs/domain.md §11, issue 3 item 4).
pub fn claim_form(
    request: &Stored<MdfRequest>,
    existing: Option<&Stored<Claim>>,
    unclaimed: Decimal,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let c = existing.map(|s| s.value.clone());
    let title = if c.is_some() {
        "Edit claim"
    } else {
        "New claim"
    };
    let form = Form::new(title, today)
        .in_currency(cur)
        .text(
            "amount",
            "Amount claimed",
            &c.as_ref()
                .map_or(unclaimed.to_string(), |c| c.amount.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .choice(
            "status",
            "Status",
            choices(ClaimStatus::ALL),
            c.as_ref().map_or("submitted", |c| c.status.key()),
            "",
        )
        .text(
            "submitted_on",
            "Submitted on",
            &c.as_ref().map_or(iso(today), |c| opt_date(c.submitted_on)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "paid_on",
            "Paid on",
            &opt_date(c.as_ref().and_then(|c| c.paid_on)),
            Parse::OptDate,
            DATE_HINT,
        )
        .text(
            "paid_amount",
            "Amount paid",
            &opt_money(c.as_ref().and_then(|c| c.paid_amount)),
            Parse::OptMoney,
            cur.hint(),
        )
        .text(
            "note",
            "Note",
            c.as_ref().map_or("", |c| &c.note),
            Parse::Text,
            "e.g. what is disputed",
        );
    OpenForm::new(
        form,
        FormTarget::Claim {
            request: request.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// The results form (docs/domain.md §8, issue 4): the day the figures are as of,
/// each metric with its target (an empty target shows its default in the
/// hint: see [`performance::targets`]), pipeline in its three classes,
/// lead sources and promotion reach. Updating it again keeps the earlier
/// version in the change history.
pub fn results_form(
    c: &Stored<Campaign>,
    existing: Option<&Stored<CampaignResults>>,
    today: NaiveDate,
    goals: &ProgramTargets,
    cur: Currency,
) -> OpenForm {
    let r = existing
        .map(|s| s.value.clone())
        .unwrap_or_else(|| CampaignResults::empty(c.id));
    let defaults = performance::targets(&c.value, None, goals);
    let default_hint = |t: Option<String>| match t {
        Some(text) => format!("empty = {text}"),
        None => "empty = no target".to_string(),
    };
    let count_hint = |t: &Option<(i64, TargetSource)>| {
        default_hint(t.as_ref().map(|(n, s)| match s {
            TargetSource::Default(why) => format!("{} ({why})", format_count(*n)),
            TargetSource::Set => format_count(*n),
        }))
    };
    let revenue_hint = default_hint(defaults.revenue.as_ref().map(|(d, s)| match s {
        TargetSource::Default(why) => format!("{} ({why})", cur.format(*d)),
        TargetSource::Set => cur.format(*d),
    }));
    let reported = r.reported_on.or(existing.is_none().then_some(today));
    let form = Form::new(format!("Results — {}", c.name), today)
        .in_currency(cur)
        .text(
            "reported_on",
            "Figures as of",
            &opt_date(reported),
            Parse::OptDate,
            "the day these figures are from; earlier versions stay in the history (H)",
        )
        .text(
            "registrations",
            "Registrations",
            &opt_count(r.registrations),
            Parse::OptCount,
            "empty = not reported",
        )
        .text(
            "target_registrations",
            "  target",
            &opt_count(r.target_registrations),
            Parse::OptCount,
            "empty = no target",
        )
        .text(
            "attendees",
            "Attendees",
            &opt_count(r.attendees),
            Parse::OptCount,
            "",
        )
        .text(
            "target_attendees",
            "  target",
            &opt_count(r.target_attendees),
            Parse::OptCount,
            "empty = no target; attendance target = attendees ÷ registrations targets",
        )
        .text("leads", "Leads", &opt_count(r.leads), Parse::OptCount, "")
        .text(
            "target_leads",
            "  target",
            &opt_count(r.target_leads),
            Parse::OptCount,
            count_hint(&defaults.leads),
        )
        .text("mqls", "MQLs", &opt_count(r.mqls), Parse::OptCount, "")
        .text(
            "target_mqls",
            "  target",
            &opt_count(r.target_mqls),
            Parse::OptCount,
            format!(
                "empty = {}% of the leads target (docs/domain.md §9)",
                goals.lead_to_mql_percent.normalize()
            ),
        )
        .text(
            "pipeline_sourced",
            "Pipeline sourced",
            &opt_money(r.pipeline_sourced),
            Parse::OptMoney,
            cur.hint(),
        )
        .text(
            "target_pipeline",
            "  target",
            &opt_money(r.target_pipeline),
            Parse::OptMoney,
            "sourced pipeline; empty = no target",
        )
        .text(
            "pipeline_influenced",
            "Pipeline influenced",
            &opt_money(r.pipeline_influenced),
            Parse::OptMoney,
            "kept apart from sourced (docs/domain.md §8)",
        )
        .text(
            "pipeline_partner_assisted",
            "Pipeline partner-assisted",
            &opt_money(r.pipeline_partner_assisted),
            Parse::OptMoney,
            "kept apart from sourced (docs/domain.md §8)",
        )
        .text(
            "revenue",
            "Revenue",
            &opt_money(r.revenue),
            Parse::OptMoney,
            cur.hint(),
        )
        .text(
            "target_revenue",
            "  target",
            &opt_money(r.target_revenue),
            Parse::OptMoney,
            revenue_hint,
        )
        .text(
            "leads_ours",
            "Leads: ours",
            &opt_count(r.leads_ours),
            Parse::OptCount,
            "leads from our own promotion; the four sources add up to at most the leads",
        )
        .text(
            "leads_partner",
            "Leads: partner",
            &opt_count(r.leads_partner),
            Parse::OptCount,
            "",
        )
        .text(
            "leads_paid",
            "Leads: paid ads",
            &opt_count(r.leads_paid),
            Parse::OptCount,
            "",
        )
        .text(
            "leads_organic",
            "Leads: organic",
            &opt_count(r.leads_organic),
            Parse::OptCount,
            "",
        )
        .text(
            "reach_ours",
            "Reach: ours",
            &opt_count(r.reach_ours),
            Parse::OptCount,
            "people our promotion reached",
        )
        .text(
            "reach_partner",
            "Reach: partner",
            &opt_count(r.reach_partner),
            Parse::OptCount,
            format!(
                "people the partner reached; target {}% of ours (docs/domain.md §9)",
                goals.promotion_engagement_percent.normalize()
            ),
        );
    OpenForm::new(form, FormTarget::Results(c.id))
}

/// `a; b; c` → one item per line (blank items dropped), as stored.
fn split_list(text: &str) -> String {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The expense form (docs/domain.md §11): category, amount, date, vendor, invoice,
/// proof of performance (`kind: path or URL; …`), the request it is claimed
/// under; when editing, a reason to withdraw it (expenses are never deleted).
pub fn expense_form(
    campaign: &Stored<Campaign>,
    requests: &[&Stored<MdfRequest>],
    existing: Option<&Stored<Expense>>,
    request: Option<RequestId>,
    today: NaiveDate,
    cur: Currency,
) -> OpenForm {
    let e = existing.map(|s| s.value.clone());
    let title = match &e {
        Some(e) => format!("Edit expense — {}", e.category),
        None => format!("New expense — {}", campaign.name),
    };
    let mut request_choices = vec![Choice::new("", "(no request)")];
    request_choices.extend(requests.iter().map(|r| {
        Choice::new(
            r.id.0.to_string(),
            format!("{} {} ({})", r.activity, cur.format(r.amount), r.status),
        )
    }));
    let chosen = e
        .as_ref()
        .and_then(|e| e.request_id)
        .or(request)
        .map_or(String::new(), |r| r.0.to_string());
    let mut form = Form::new(title, today)
        .in_currency(cur)
        .choice(
            "request_id",
            "Claimed under",
            request_choices,
            &chosen,
            "the MDF request this expense counts toward",
        )
        .text(
            "category",
            "Category",
            e.as_ref().map_or("", |e| &e.category),
            Parse::Required,
            "venue, paid social, catering…",
        )
        .text(
            "amount",
            "Amount",
            &e.as_ref().map_or(String::new(), |e| e.amount.to_string()),
            Parse::Money,
            cur.hint(),
        )
        .text(
            "spent_on",
            "Date",
            &iso(e.as_ref().map_or(today, |e| e.spent_on)),
            Parse::Date,
            DATE_HINT,
        )
        .text(
            "vendor",
            "Vendor",
            e.as_ref().map_or("", |e| &e.vendor),
            Parse::Text,
            "who was paid",
        )
        .text(
            "invoice_ref",
            "Invoice",
            e.as_ref().map_or("", |e| &e.invoice_ref),
            Parse::Text,
            "invoice number or reference",
        )
        .text(
            "proof",
            "Proof of performance",
            &e.as_ref().map_or(String::new(), |e| {
                e.proof.lines().collect::<Vec<_>>().join("; ")
            }),
            Parse::Text,
            "kind: path or URL; … e.g. attendee lead list: /share/leads.csv",
        );
    if e.is_some() {
        form = form.text(
            "withdrawn",
            "Withdrawn because",
            e.as_ref()
                .and_then(|e| e.withdrawn.as_deref())
                .unwrap_or(""),
            Parse::Text,
            "empty = in force; expenses are never deleted",
        );
    }
    OpenForm::new(
        form,
        FormTarget::Expense {
            campaign: campaign.id,
            id: existing.map(|s| s.id),
        },
    )
}

/// Reads the form into a draft. Shows every error at its field (parse
/// errors, then the record's own validation, then the rules against the
/// stored records as of `today`) and returns `None` until the form is
/// valid; nothing is saved before that.
pub fn build(open: &mut OpenForm, program: &Program, today: NaiveDate) -> Option<Draft> {
    let form = &mut open.form;
    if !form.check_all() {
        form.focus_first_error();
        return None;
    }
    let draft = read(form, open.target, program, open.base.as_ref())?;
    let checked = match &draft {
        // The consent date is the partner form's; the agreement and budget
        // forms leave it as it is.
        Draft::Partner(p) if matches!(open.target, FormTarget::Partner(_)) => {
            p.validate().and_then(|()| p.validate_as_of(today))
        }
        Draft::Partner(p) => p.validate(),
        Draft::Contact(c) => c.validate(),
        Draft::Meeting(m) => m.validate().and_then(|()| m.validate_as_of(today)),
        Draft::Plan(p) => p.validate().and_then(|()| {
            let own_id = match open.target {
                FormTarget::Plan { id, .. } => id,
                _ => None,
            };
            let clash = program
                .plans
                .children(p.partner_id)
                .any(|x| x.period == p.period && Some(x.id) != own_id);
            Invalid::check(if clash {
                vec![FieldError::new(
                    "period",
                    format!("there is already a {} plan with this partner", p.period),
                )]
            } else {
                Vec::new()
            })
        }),
        Draft::PlanEntry(e) => e.validate(),
        Draft::Campaign(c) | Draft::Costs(c) => c.validate(),
        Draft::Milestone(m) => m.validate(),
        Draft::Responsibility(r) => r.validate(),
        Draft::Asset(a) => a.validate(),
        Draft::Fund(f) => f.validate(),
        Draft::Request(r) => r
            .validate()
            .and_then(|()| r.validate_as_of(today))
            .and_then(|()| {
                let stored = match open.target {
                    FormTarget::Request { id: Some(id), .. } => program.request_change_error(id, r),
                    _ => None,
                };
                Invalid::check(stored.into_iter().collect())
            }),
        Draft::Claim(c) => c
            .validate()
            .and_then(|()| c.validate_as_of(today))
            .and_then(|()| match program.requests.get(c.request_id) {
                Some(r)
                    if r.status != RequestStatus::Approved
                        && matches!(open.target, FormTarget::Claim { id: None, .. }) =>
                {
                    Invalid::check(vec![FieldError::new(
                        "request",
                        format!(
                            "the request is {}, not approved: claim once it is approved",
                            r.status
                        ),
                    )])
                }
                Some(r) => c.validate_against(r, program.currency),
                None => Ok(()),
            }),
        Draft::Results(r) => r.validate(),
        Draft::Expense(e) => e.validate(),
    };
    match checked {
        Ok(()) => Some(draft),
        Err(invalid) => {
            form.show_errors(&invalid);
            None
        }
    }
}

fn key_of<T: Keyed>(form: &Form, field: &str) -> Option<T> {
    T::from_key(&form.chosen(field))
}

/// Reads the (parse-valid) fields into a draft. An edit reads onto
/// `base`, the record as it was when the form opened, so the fields the
/// form does not show stay as they were then (issue 10, item 1); without a
/// base, onto the record in `program`.
pub(super) fn read(
    form: &Form,
    target: FormTarget,
    program: &Program,
    base: Option<&Draft>,
) -> Option<Draft> {
    let partner = |id: PartnerId| match base {
        Some(Draft::Partner(p)) => Some(p.clone()),
        _ => program.partners.get(id).map(|p| p.value.clone()),
    };
    let campaign = |id: CampaignId| match base {
        Some(Draft::Campaign(c) | Draft::Costs(c)) => Some(c.clone()),
        _ => program.campaigns.get(id).map(|c| c.value.clone()),
    };
    Some(match target {
        FormTarget::Partner(id) => {
            let mut p = id.and_then(partner).unwrap_or_default();
            p.name = form.get_text("name");
            p.partnership_type = key_of(form, "partnership_type")?;
            p.tier = key_of(form, "tier")?;
            p.recorded_revenue = form.get_money("recorded_revenue")?;
            p.referrals = form.get_opt_count("referrals")?.unwrap_or(0);
            p.brand_guidelines_on_file = form.flag("brand_guidelines_on_file");
            p.brand_guidelines_ref = form.get_text("brand_guidelines_ref");
            p.data_consent_on = form.get_opt_date("data_consent_on")?;
            p.data_consent_scope = form.get_text("data_consent_scope");
            p.past_performance = form.get_text("past_performance");
            p.notes = form.get_text("notes");
            Draft::Partner(p)
        }
        FormTarget::Agreement(id) => {
            let mut p = partner(id)?;
            p.agreement_start = form.get_opt_date("agreement_start")?;
            p.agreement_end = form.get_opt_date("agreement_end")?;
            p.agreement_scope = form.get_text("agreement_scope");
            p.sharing_terms = form.get_text("sharing_terms");
            p.exclusivity = form.get_text("exclusivity");
            p.exclusive_until = form.get_opt_date("exclusive_until")?;
            p.brand_usage = form.get_text("brand_usage");
            p.termination_notice_days = form.get_opt_count("termination_notice_days")?;
            Draft::Partner(p)
        }
        FormTarget::BudgetFactors(id) => {
            let mut p = partner(id)?;
            p.pipeline_potential = form
                .get_opt_multiple("pipeline_potential")?
                .unwrap_or(Decimal::ONE);
            p.strategic_value = form
                .get_opt_multiple("strategic_value")?
                .unwrap_or(Decimal::ONE);
            Draft::Partner(p)
        }
        FormTarget::Contact { partner, .. } => Draft::Contact(Contact {
            partner_id: partner,
            name: form.get_text("name"),
            role: form.get_text("role"),
            email: form.get_text("email"),
        }),
        FormTarget::Meeting { partner, kind, .. } => Draft::Meeting(Meeting {
            partner_id: partner,
            kind,
            held_on: form.get_date("held_on")?,
            progress: form.get_text("progress"),
            upcoming: form.get_text("upcoming"),
            roadblocks: form.get_text("roadblocks"),
            next_steps: form.get_text("next_steps"),
        }),
        FormTarget::Plan { partner, .. } => Draft::Plan(JointPlan {
            partner_id: partner,
            period: form.get_period("period")?,
            objective: form.get_text("objective"),
            notes: form.get_text("notes"),
        }),
        FormTarget::PlanEntry(id) => {
            let mut e = match base {
                Some(Draft::PlanEntry(e)) => e.clone(),
                _ => program.plan_entries.get(id)?.value.clone(),
            };
            e.pipeline_target = form.get_opt_money("pipeline_target")?;
            e.partner_investment = form.get_money("partner_investment")?;
            Draft::PlanEntry(e)
        }
        FormTarget::Campaign { partner, id } => {
            let playbook = match id {
                Some(id) => campaign(id).and_then(|c| c.playbook),
                None => form.get_opt_text("playbook"),
            };
            Draft::Campaign(Campaign {
                partner_id: partner,
                name: form.get_text("name"),
                campaign_type: key_of(form, "campaign_type")?,
                playbook,
                status: key_of(form, "status")?,
                audience: form.get_text("audience"),
                start: form.get_date("start")?,
                launch: form.get_date("launch")?,
                end: form.get_date("end")?,
                budget: form.get_money("budget")?,
                internal_cost: form.get_money("internal_cost")?,
                lead_target: form.get_opt_count("lead_target")?,
                crm_id: form.get_opt_text("crm_id"),
                attribution_agreed: form.flag("attribution_agreed"),
                uses_partner_data: form.flag("uses_partner_data"),
            })
        }
        FormTarget::Milestone { campaign, id } => {
            let status: MilestoneStatus = key_of(form, "status")?;
            let completed_on = form.get_opt_date("completed_on")?;
            let reason = form.get_opt_text("blocked_reason");
            Draft::Milestone(Milestone {
                campaign_id: campaign,
                name: form.get_text("name"),
                kind: match base {
                    Some(Draft::Milestone(m)) => m.kind,
                    _ => id
                        .and_then(|id| program.milestones.get(id))
                        .and_then(|m| m.kind),
                },
                due: form.get_date("due")?,
                status,
                completed_on: match status {
                    MilestoneStatus::Done => completed_on.or(Some(form.today)),
                    _ => None,
                },
                blocked_reason: if status == MilestoneStatus::Blocked {
                    reason
                } else {
                    None
                },
            })
        }
        FormTarget::Responsibility { campaign, id } => {
            let side: Side = key_of(form, "side")?;
            let existing = match base {
                Some(Draft::Responsibility(r)) => Some(r.clone()),
                _ => id
                    .and_then(|id| program.responsibilities.get(id))
                    .map(|r| r.value.clone()),
            };
            let position = match existing {
                Some(r) if r.side == side => r.position,
                _ => program
                    .checklist_of(campaign)
                    .iter()
                    .filter(|r| r.side == side)
                    .map(|r| r.position + 1)
                    .max()
                    .unwrap_or(0),
            };
            Draft::Responsibility(Responsibility {
                campaign_id: campaign,
                side,
                title: form.get_text("title"),
                owner: form.get_text("owner"),
                due: form.get_opt_date("due")?,
                done_on: form.get_opt_date("done_on")?,
                position,
            })
        }
        FormTarget::Asset { campaign, .. } => Draft::Asset(Asset {
            campaign_id: campaign,
            name: form.get_text("name"),
            kind: form.get_text("kind"),
            co_branded: form.flag("co_branded"),
            approved_on: form.get_opt_date("approved_on")?,
            location: form.get_text("location"),
        }),
        FormTarget::Costs(id) => {
            let mut c = campaign(id)?;
            c.budget = form.get_money("budget")?;
            c.internal_cost = form.get_money("internal_cost")?;
            c.lead_target = form.get_opt_count("lead_target")?;
            Draft::Costs(c)
        }
        FormTarget::Fund { partner, .. } => Draft::Fund(Fund {
            partner_id: partner,
            name: form.get_text("name"),
            period_start: form.get_date("period_start")?,
            period_end: form.get_date("period_end")?,
            allocated: form.get_money("allocated")?,
            policy: form.chosen("policy"),
        }),
        FormTarget::Request { campaign, .. } => Draft::Request(MdfRequest {
            campaign_id: campaign,
            fund_id: form.chosen("fund_id").parse::<i64>().ok().map(FundId),
            activity: key_of(form, "activity")?,
            amount: form.get_money("amount")?,
            approved_amount: form.get_opt_money("approved_amount")?,
            status: key_of(form, "status")?,
            submitted_on: form.get_opt_date("submitted_on")?,
            decided_on: form.get_opt_date("decided_on")?,
            justification: form.get_text("justification"),
            expected_roi: form.get_opt_multiple("expected_roi")?,
            proof_required: split_list(&form.get_text("proof_required")),
            reason: form.get_opt_text("reason"),
        }),
        FormTarget::Expense { campaign, .. } => Draft::Expense(Expense {
            campaign_id: campaign,
            request_id: form.chosen("request_id").parse::<i64>().ok().map(RequestId),
            category: form.get_text("category"),
            amount: form.get_money("amount")?,
            spent_on: form.get_date("spent_on")?,
            vendor: form.get_text("vendor"),
            invoice_ref: form.get_text("invoice_ref"),
            proof: split_list(&form.get_text("proof")),
            withdrawn: form.get_opt_text("withdrawn"),
        }),
        FormTarget::Claim { request, .. } => Draft::Claim(Claim {
            request_id: request,
            amount: form.get_money("amount")?,
            status: key_of(form, "status")?,
            submitted_on: form.get_opt_date("submitted_on")?,
            paid_on: form.get_opt_date("paid_on")?,
            paid_amount: form.get_opt_money("paid_amount")?,
            note: form.get_text("note"),
        }),
        FormTarget::Results(campaign) => Draft::Results(CampaignResults {
            campaign_id: campaign,
            registrations: form.get_opt_count("registrations")?,
            attendees: form.get_opt_count("attendees")?,
            leads: form.get_opt_count("leads")?,
            mqls: form.get_opt_count("mqls")?,
            pipeline_sourced: form.get_opt_money("pipeline_sourced")?,
            pipeline_influenced: form.get_opt_money("pipeline_influenced")?,
            pipeline_partner_assisted: form.get_opt_money("pipeline_partner_assisted")?,
            revenue: form.get_opt_money("revenue")?,
            reported_on: form.get_opt_date("reported_on")?,
            leads_ours: form.get_opt_count("leads_ours")?,
            leads_partner: form.get_opt_count("leads_partner")?,
            leads_paid: form.get_opt_count("leads_paid")?,
            leads_organic: form.get_opt_count("leads_organic")?,
            reach_ours: form.get_opt_count("reach_ours")?,
            reach_partner: form.get_opt_count("reach_partner")?,
            target_registrations: form.get_opt_count("target_registrations")?,
            target_attendees: form.get_opt_count("target_attendees")?,
            target_leads: form.get_opt_count("target_leads")?,
            target_mqls: form.get_opt_count("target_mqls")?,
            target_pipeline: form.get_opt_money("target_pipeline")?,
            target_revenue: form.get_opt_money("target_revenue")?,
        }),
    })
}
