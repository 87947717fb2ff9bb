//! Campaigns: the campaign form (with the playbooks that fill it), the
//! money form, their rules, the readiness gate before going live, and the
//! save step (a new campaign comes with its milestones and checklist; an
//! edit moves the rule-dated ones with the dates).

use super::{DATE_HINT, Draft, FormTarget, Kind, OpenForm, choices, key_of, mismatch, opt_count};
use crate::app::form::{Choice, Form, Parse};
use crate::app::view::{Pane, Row};
use crate::app::{App, StatusKind};
use crate::domain::Currency;
use crate::domain::dates::{iso, shift};
use crate::domain::playbook::Playbook;
use crate::domain::program::Program;
use crate::domain::*;
use crate::domain::{new_campaign, reschedule};
use crate::store::StoreError;
use chrono::NaiveDate;

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

/// The readiness gate (issue 5, item 3): a campaign set to live while its
/// partner is not ready saves on a second Enter. `true` when this Enter
/// only warned (the warning is in the form's error line).
pub(in crate::app) fn warned_not_ready(app: &App, open: &mut OpenForm, draft: &Draft) -> bool {
    let Draft::Campaign(c) = draft else {
        return false;
    };
    let was_live = match open.target {
        FormTarget::Campaign { id: Some(id), .. } => app
            .program
            .campaigns
            .get(id)
            .is_some_and(|old| old.status == CampaignStatus::Live),
        _ => false,
    };
    let r = app.readiness_of(c.partner_id);
    if c.status == CampaignStatus::Live && !was_live && !r.complete() && !open.form.acknowledged {
        open.form.acknowledged = true;
        open.form.error = Some(format!(
            "The partner's readiness is incomplete ({} missing: {}): Enter again to go live anyway",
            r.items.len() - r.passed(),
            r.missing()
        ));
        return true;
    }
    false
}

/// The write side of campaigns and their money.
pub(super) struct CampaignForms;

impl Kind for CampaignForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        program: &Program,
        base: Option<&Draft>,
    ) -> Option<Draft> {
        let campaign = |id: CampaignId| match base {
            Some(Draft::Campaign(c) | Draft::Costs(c)) => Some(c.clone()),
            _ => program.campaigns.get(id).map(|c| c.value.clone()),
        };
        Some(match target {
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
            FormTarget::Costs(id) => {
                let mut c = campaign(id)?;
                c.budget = form.get_money("budget")?;
                c.internal_cost = form.get_money("internal_cost")?;
                c.lead_target = form.get_opt_count("lead_target")?;
                Draft::Costs(c)
            }
            _ => return None,
        })
    }

    fn check(
        &self,
        draft: &Draft,
        _target: FormTarget,
        _program: &Program,
        _today: NaiveDate,
    ) -> Result<(), Invalid> {
        match draft {
            Draft::Campaign(c) | Draft::Costs(c) => c.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        match (open.target, draft) {
            (FormTarget::Campaign { id: None, partner }, Draft::Campaign(c)) => {
                add(app, partner, c)
            }
            (FormTarget::Campaign { id: Some(id), .. }, Draft::Campaign(c)) => {
                edit(app, open, id, c)
            }
            (FormTarget::Costs(id), Draft::Costs(c)) => {
                app.save_over(&format!("Edit money of '{}'", c.name), id, open, &c)
            }
            _ => Err(mismatch()),
        }
    }
}

/// Adds campaign `c` of `partner` with its milestones and checklist: one
/// domain rule (new_campaign), here and in the example plan.
fn add(app: &mut App, partner: PartnerId, c: Campaign) -> Result<(), StoreError> {
    let Some(p) = app.program.partners.get(partner).map(|p| p.value.clone()) else {
        return Err(StoreError::Refused("that partner no longer exists".into()));
    };
    let contacts: Vec<Contact> = app
        .program
        .contacts_of(partner)
        .into_iter()
        .map(|c| c.value.clone())
        .collect();
    let templates = app.templates.clone();
    let our = app.config.our_owner.clone();
    let label = format!("Add campaign '{}'", c.name);
    let id = app.commit(&label, |tx| {
        let id = tx.insert(&c)?;
        let owners = new_campaign::default_owners(&our, &p, &contacts);
        let new = new_campaign::records(id, &c, &templates, &owners);
        for m in &new.milestones {
            tx.insert(m)?;
        }
        for r in &new.checklist {
            tx.insert(r)?;
        }
        Ok(id)
    })?;
    app.focus = Pane::Timeline;
    app.show_new(Pane::Timeline, Row::Campaign(id));
    app.reset_campaign_panes();
    let n_items = app.program.checklist_of(id).len();
    app.say(
        StatusKind::Saved,
        format!(
            "Saved: {label}, with 7 milestones and {}",
            words::count_of(n_items, "checklist item")
        ),
    );
    Ok(())
}

/// Saves the edited campaign `id`. Standard milestones and template
/// checklist items still on their rule dates follow the dates the user
/// changed (domain::reschedule): from the campaign as the form read it
/// when it opened, to the form now.
fn edit(app: &mut App, open: &OpenForm, id: CampaignId, c: Campaign) -> Result<(), StoreError> {
    let seen = open.pristine.as_ref().or(open.base.as_ref());
    let moves = match seen {
        Some(Draft::Campaign(old)) => reschedule::follow_dates(
            old,
            &c,
            &app.program.milestones_of(id),
            &app.program.checklist_of(id),
            &app.templates,
        ),
        _ => reschedule::Moves::default(),
    };
    // Each moves only if its date is still the one seen here.
    let milestones: Vec<_> = moves
        .milestones
        .iter()
        .filter_map(|(m, due)| Some((*m, app.program.milestones.get(*m)?.due, *due)))
        .collect();
    let items: Vec<_> = moves
        .checklist
        .iter()
        .filter_map(|(r, due)| Some((*r, app.program.responsibilities.get(*r)?.due, *due)))
        .collect();
    let label = format!("Edit campaign '{}'", c.name);
    let (base, pristine) = app.form_versions::<Campaign>(open)?;
    app.commit(&label, |tx| {
        tx.update_from(id, &base, &pristine, &c)?;
        for &(m, was, due) in &milestones {
            if let Some(cur) = tx.get::<Milestone>(m)?.filter(|x| x.due == was) {
                let mut next = cur.value;
                next.due = due;
                tx.update(m, &next)?;
            }
        }
        for &(r, was, due) in &items {
            if let Some(cur) = tx.get::<Responsibility>(r)?.filter(|x| x.due == was) {
                let mut next = cur.value;
                next.due = Some(due);
                tx.update(r, &next)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}
