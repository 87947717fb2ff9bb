//! The edits a user makes from the main screen: tick, advance, add, edit,
//! delete, block, move a campaign's status, and the forms' save step. Each
//! goes through [`App::commit`] (one transaction, then re-derive).

use super::forms::{self, Draft, FormTarget, OpenForm};
use super::update::line_editor;
use super::view::{Drill, Pane, Row};
use super::{Action, App, MenuChoice, Mode, PromptPurpose, StatusKind};
use crate::domain::dates::{iso, short};
use crate::domain::new_campaign;
use crate::domain::reschedule;
use crate::domain::*;
use crate::store::StoreError;
use rust_decimal::Decimal;

/// One line of a record's history, for people: "2026-11-21 15:02 +01:00
/// Dana  budget: 5000 → 6000": the time in `tz` (local time on the screen)
/// with its UTC offset, who made the change ([`author`]), and what changed
/// (flags as yes/no, names without underscores).
fn history_line<Tz: chrono::TimeZone>(c: &crate::store::ChangeRow, us: &Us<'_>, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    use rusqlite::types::Value;
    let when = local_time(&c.at, tz);
    let field = c.field.as_deref().unwrap_or("?");
    let flag = matches!(
        field,
        "brand_guidelines_on_file" | "co_branded" | "attribution_agreed" | "uses_partner_data"
    );
    let show = |v: &Value| match v {
        Value::Null => "—".to_string(),
        Value::Integer(0) if flag => "no".to_string(),
        Value::Integer(1) if flag => "yes".to_string(),
        Value::Integer(i) => i.to_string(),
        Value::Text(t) => t.clone(),
        other => format!("{other:?}"),
    };
    let what = match c.op.as_str() {
        "insert" => "created".to_string(),
        "delete" => "deleted".to_string(),
        _ => format!(
            "{}: {} → {}",
            field.replace('_', " "),
            show(&c.old),
            show(&c.new)
        ),
    };
    format!("{when}  {}  {what}", us.author(&c.actor))
}

/// Who "we" are in the history: this user's actor in the store (`$USER`)
/// and the name our side goes by (the config's `our_owner`).
struct Us<'a> {
    actor: &'a str,
    our_owner: &'a str,
}

impl Us<'_> {
    /// Who made a change: `our_owner` for this user's own edits, anyone
    /// else by their actor (another login on a shared file).
    fn author<'b>(&'b self, actor: &'b str) -> &'b str {
        if actor == self.actor {
            self.our_owner
        } else {
            actor
        }
    }
}

/// A stored UTC time ("2026-11-21T14:02:09.123Z") in `tz`, to the minute,
/// with its offset: "2026-11-21 15:02 +01:00"; as stored (to the minute,
/// "UTC") if it does not read as RFC 3339.
fn local_time<Tz: chrono::TimeZone>(at: &str, tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    match chrono::DateTime::parse_from_rfc3339(at) {
        Ok(t) => t.with_timezone(tz).format("%Y-%m-%d %H:%M %:z").to_string(),
        Err(_) => format!("{} UTC", at.get(..16).unwrap_or(at).replace('T', " ")),
    }
}

impl App {
    /// Space: ticks or unticks a checklist item, advances a milestone,
    /// records or withdraws the partner's approval of an asset, each from
    /// the record as it is on disk now (issue 10, item 1).
    pub(super) fn toggle(&mut self) {
        let today = self.today;
        match self.selected_row(self.focus) {
            Some(Row::Item(id)) => {
                self.commit_or_say("Tick", |tx| {
                    tx.change(id, |r: &Responsibility| {
                        let next = r.toggled(today);
                        let verb = if next.is_done() { "Tick" } else { "Untick" };
                        Ok((format!("{verb} '{}'", r.title), next))
                    })
                });
            }
            Some(Row::Milestone(id)) => {
                self.commit_or_say("Advance", |tx| {
                    tx.change(id, |m: &Milestone| {
                        let next = m.advanced(today);
                        Ok((format!("'{}' → {}", m.name, next.status.label()), next))
                    })
                });
            }
            Some(Row::Asset(id)) => {
                self.commit_or_say("Approval", |tx| {
                    tx.change(id, |a: &Asset| {
                        let next = a.toggled(today);
                        let label = if next.approved_on.is_some() {
                            format!("Partner approved '{}'", a.name)
                        } else {
                            format!("Approval of '{}' withdrawn", a.name)
                        };
                        Ok((label, next))
                    })
                });
            }
            Some(Row::Campaign(_)) => self.say(
                StatusKind::Info,
                format!(
                    "Space works on milestones; {} moves the campaign's status",
                    self.keymap.key_label(Action::AdvanceStatus)
                ),
            ),
            _ => {}
        }
    }

    pub(super) fn open(&mut self) {
        match self.selected_row(self.focus) {
            Some(Row::Partner(id)) => self.open_profile(id),
            Some(Row::Campaign(id)) => {
                if !self.flipped.remove(&id) {
                    self.flipped.insert(id);
                }
                self.sync_pane(Pane::Timeline);
            }
            Some(Row::SideHeader(_))
            | Some(Row::AssetsHeader)
            | Some(Row::FundsHeader)
            | Some(Row::Heading(_)) => self.add(),
            // The MDF drill-down: fund → its requests → a request's ledger.
            Some(Row::Fund(f)) if self.focus == Pane::Mdf => self.drill(Drill::Fund(f)),
            Some(Row::Request(r)) if self.focus == Pane::Mdf => self.drill(Drill::Request(r)),
            Some(Row::Results(_)) => self.open_results(),
            Some(_) => self.edit(),
            None => {}
        }
    }

    pub(super) fn add(&mut self) {
        let today = self.today;
        if self.is_welcome() {
            self.open_form(forms::partner_form(None, today, self.program.currency));
            return;
        }
        let partner = self.selected_partner().cloned();
        let campaign = self.selected_campaign().cloned();
        let row = self.selected_row(self.focus);
        let need_campaign =
            |app: &mut App| app.say(StatusKind::Info, "Select a campaign first (Timeline, 2)");
        match self.focus {
            Pane::Partners => {
                self.open_form(forms::partner_form(None, today, self.program.currency))
            }
            Pane::Timeline => match (row, partner, campaign) {
                (Some(Row::Milestone(_)), _, Some(c)) => {
                    self.open_form(forms::milestone_form(c.id, None, today))
                }
                (Some(Row::Campaign(_)), Some(p), Some(c)) => {
                    self.mode = Mode::Menu {
                        title: "Add".into(),
                        options: vec![
                            (
                                'm',
                                format!("milestone to '{}'", c.name),
                                MenuChoice::NewMilestone(c.id),
                            ),
                            (
                                'c',
                                format!("campaign with {}", p.name),
                                MenuChoice::NewCampaign(p.id),
                            ),
                        ],
                    };
                }
                (_, Some(p), _) => self.open_form(forms::campaign_form(
                    &p,
                    None,
                    &self.playbooks,
                    today,
                    self.program.currency,
                )),
                _ => self.say(StatusKind::Info, "Add a partner first (Partners, a)"),
            },
            Pane::Checklist => {
                let Some(c) = campaign else {
                    return need_campaign(self);
                };
                match row {
                    Some(Row::Asset(_)) | Some(Row::AssetsHeader) => {
                        self.open_form(forms::asset_form(c.id, None, today))
                    }
                    other => {
                        let side = match other {
                            Some(Row::SideHeader(s)) => s,
                            Some(Row::Item(id)) => self
                                .program
                                .responsibilities
                                .get(id)
                                .map_or(Side::Ours, |r| r.side),
                            _ => Side::Ours,
                        };
                        let owner = self.default_owner(side);
                        self.open_form(forms::responsibility_form(c.id, None, side, &owner, today));
                    }
                }
            }
            Pane::Mdf => {
                let Some(p) = partner else { return };
                // In a request's drill-down: add to that request.
                if let Some(Drill::Request(r)) = self.mdf_drill.last().copied() {
                    let Some(req) = self.program.requests.get(r) else {
                        return;
                    };
                    let mut options = vec![(
                        'e',
                        "expense under this request".to_string(),
                        MenuChoice::NewExpense(req.campaign_id, Some(r)),
                    )];
                    if req.status == RequestStatus::Approved {
                        options.push((
                            'c',
                            "claim against this request".to_string(),
                            MenuChoice::NewClaim(r),
                        ));
                    }
                    self.mode = Mode::Menu {
                        title: "Add".into(),
                        options,
                    };
                    return;
                }
                let mut options = vec![(
                    'f',
                    format!("MDF fund for {}", p.name),
                    MenuChoice::NewFund(p.id),
                )];
                if let Some(c) = &campaign {
                    options.push((
                        'r',
                        format!("MDF request for '{}'", c.name),
                        MenuChoice::NewRequest(c.id),
                    ));
                    let request = match row {
                        Some(Row::Request(r)) => Some(r),
                        Some(Row::Claim(cl)) => self.program.claims.get(cl).map(|c| c.request_id),
                        _ => self
                            .program
                            .requests_of(c.id)
                            .iter()
                            .find(|r| r.status == RequestStatus::Approved)
                            .map(|r| r.id),
                    };
                    // Claims go against approved requests only (docs/domain.md §11).
                    let approved = request.filter(|r| {
                        self.program
                            .requests
                            .get(*r)
                            .is_some_and(|r| r.status == RequestStatus::Approved)
                    });
                    if let Some(r) = approved {
                        options.push((
                            'c',
                            "claim against the approved request".to_string(),
                            MenuChoice::NewClaim(r),
                        ));
                    }
                    options.push((
                        'e',
                        format!("expense of '{}'", c.name),
                        MenuChoice::NewExpense(c.id, request),
                    ));
                    options.push((
                        's',
                        format!("results of '{}'", c.name),
                        MenuChoice::EditResults(c.id),
                    ));
                }
                self.mode = Mode::Menu {
                    title: "Add".into(),
                    options,
                };
            }
        }
    }

    /// The owner a new checklist item of `side` starts with: the selected
    /// partner's default owners ([`new_campaign::default_owners`]: ours,
    /// its first marketing contact, "Both").
    pub(super) fn default_owner(&self, side: Side) -> String {
        let Some(p) = self.selected_partner() else {
            return match side {
                Side::Ours => self.config.our_owner.clone(),
                Side::Partner => String::new(),
                Side::Shared => new_campaign::SHARED_OWNER.into(),
            };
        };
        let contacts = self.program.contacts_of(p.id);
        new_campaign::default_owners(&self.config.our_owner, p, contacts.iter().map(|c| &c.value))
            .of(side)
            .to_string()
    }

    pub(super) fn menu_choice(&mut self, choice: MenuChoice) {
        let today = self.today;
        match choice {
            MenuChoice::NewMilestone(c) => self.open_form(forms::milestone_form(c, None, today)),
            MenuChoice::NewCampaign(p) => {
                if let Some(p) = self.program.partners.get(p).cloned() {
                    self.open_form(forms::campaign_form(
                        &p,
                        None,
                        &self.playbooks,
                        today,
                        self.program.currency,
                    ));
                }
            }
            MenuChoice::NewFund(p) => {
                if let Some(p) = self.program.partners.get(p).cloned() {
                    self.open_form(forms::fund_form(
                        &p,
                        None,
                        &self.config.policies,
                        today,
                        self.program.currency,
                    ));
                }
            }
            MenuChoice::NewRequest(c) => {
                if let Some(c) = self.program.campaigns.get(c).cloned() {
                    let funds: Vec<_> = self
                        .program
                        .funds_of(c.partner_id)
                        .into_iter()
                        .cloned()
                        .collect();
                    let refs: Vec<_> = funds.iter().collect();
                    // The proof the default fund's policy asks for this activity.
                    let policy = mdf::policy_for(
                        &self.config.policies,
                        funds.first().map(|f| f.policy.as_str()),
                    );
                    let proof = policy
                        .required_proof(mdf::ActivityType::for_campaign(c.campaign_type))
                        .to_vec();
                    self.open_form(forms::request_form(
                        &c,
                        &refs,
                        None,
                        &proof,
                        today,
                        self.program.currency,
                    ));
                }
            }
            MenuChoice::DraftPacket(r) => self.write_packet(r, true),
            MenuChoice::LinkCampaign(plan, c) => self.link_campaign(plan, c),
            MenuChoice::NewExpense(c, request) => {
                if let Some(c) = self.program.campaigns.get(c).cloned() {
                    let requests: Vec<_> = self
                        .program
                        .requests_of(c.id)
                        .into_iter()
                        .cloned()
                        .collect();
                    let refs: Vec<_> = requests.iter().collect();
                    self.open_form(forms::expense_form(
                        &c,
                        &refs,
                        None,
                        request,
                        today,
                        self.program.currency,
                    ));
                }
            }
            MenuChoice::NewClaim(r) => {
                if let Some(r) = self.program.requests.get(r).cloned() {
                    let unclaimed = self.derived.request(r.id).map_or(r.approved(), |b| {
                        (b.claimable - b.claimed).max(Decimal::ZERO)
                    });
                    self.open_form(forms::claim_form(
                        &r,
                        None,
                        unclaimed,
                        today,
                        self.program.currency,
                    ));
                }
            }
            MenuChoice::EditResults(c) => {
                if let Some(c) = self.program.campaigns.get(c).cloned() {
                    let existing = self.program.results_of(c.id).cloned();
                    self.open_form(forms::results_form(
                        &c,
                        existing.as_ref(),
                        today,
                        &self.config.program,
                        self.program.currency,
                    ));
                }
            }
        }
    }

    pub(super) fn edit(&mut self) {
        let Some(row) = self.selected_row(self.focus) else {
            return;
        };
        let target = match row {
            Row::Budget(id) | Row::InternalCost(id) => Some(FormTarget::Costs(id)),
            Row::Results(c) => Some(FormTarget::Results(c)),
            Row::SideHeader(_) | Row::AssetsHeader | Row::FundsHeader => {
                self.add();
                return;
            }
            other => other.record().and_then(|r| self.target_of(r)),
        };
        if let Some(open) = target.and_then(|t| self.form_for(t)) {
            self.open_form(open);
        }
    }

    pub(super) fn open_form(&mut self, open: OpenForm) {
        self.mode = self.form_mode(open);
    }

    /// Validates and saves a submitted form. Stays open (with the errors
    /// at their fields and everything typed kept) until it is valid and
    /// saved.
    pub(super) fn submit(&mut self, mut open: Box<OpenForm>) -> Mode {
        let Some(draft) = forms::build(&mut open, &self.program, self.today) else {
            return Mode::Form(open);
        };
        // The readiness gate (issue 5, item 3): a campaign set to live
        // while its partner is not ready saves on a second Enter.
        if let Draft::Campaign(c) = &draft {
            let was_live = match open.target {
                FormTarget::Campaign { id: Some(id), .. } => self
                    .program
                    .campaigns
                    .get(id)
                    .is_some_and(|old| old.status == CampaignStatus::Live),
                _ => false,
            };
            let r = self.readiness_of(c.partner_id);
            if c.status == CampaignStatus::Live
                && !was_live
                && !r.complete()
                && !open.form.acknowledged
            {
                open.form.acknowledged = true;
                open.form.error = Some(format!(
                    "The partner's readiness is incomplete ({} missing: {}): Enter again to go live anyway",
                    r.items.len() - r.passed(),
                    r.missing()
                ));
                return Mode::Form(open);
            }
        }
        match self.save(&open, draft) {
            Ok(()) => {
                if let Some(record) = self.edited_record(open.target) {
                    self.keep_in_view(record);
                }
                Mode::Normal
            }
            Err(StoreError::Conflict(conflict)) => {
                // New notes that met the same day's notes of another jmo
                // (see `save`): from now on the form edits those.
                if let (
                    FormTarget::Meeting {
                        id: None,
                        partner,
                        kind,
                    },
                    RecordRef::Meeting(id),
                ) = (open.target, conflict.record)
                {
                    let day = match &open.pristine {
                        Some(Draft::Meeting(m)) => m.held_on,
                        _ => self.today,
                    };
                    open.target = FormTarget::Meeting {
                        partner,
                        kind,
                        id: Some(id),
                    };
                    open.base = Some(Draft::Meeting(Meeting::blank(partner, kind, day)));
                }
                self.show_conflict(open, &conflict)
            }
            Err(StoreError::NotFound(record)) => {
                let by = self
                    .store
                    .last_change(record)
                    .ok()
                    .flatten()
                    .map(|l| l.by_at())
                    .unwrap_or_default();
                open.form.error = Some(format!(
                    "Not saved: the {} was deleted meanwhile{by}; Esc closes the form",
                    record.kind_label()
                ));
                Mode::Form(open)
            }
            Err(StoreError::Invalid { errors, .. }) => {
                open.form.show_errors(&errors);
                open.form.error = Some(format!("Not saved: {errors}"));
                Mode::Form(open)
            }
            Err(e) => {
                open.form.error = Some(format!("Not saved: {e}"));
                Mode::Form(open)
            }
        }
    }

    /// Saves a valid form: a new record is inserted; an edited one gets
    /// only the fields the user changed, over the record as it is on disk
    /// (see `merge.rs`).
    pub(super) fn save(&mut self, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        match (open.target, draft) {
            (FormTarget::Partner(None), Draft::Partner(p)) => {
                let name = p.name.clone();
                let id = self.commit(&format!("Add partner '{name}'"), |tx| tx.insert(&p))?;
                self.show_new(Pane::Partners, Row::Partner(id));
                self.select_default_campaign();
            }
            (FormTarget::Partner(Some(id)), Draft::Partner(p)) => {
                self.save_over(&format!("Edit partner '{}'", p.name), id, open, &p)?;
            }
            (FormTarget::Agreement(id), Draft::Partner(p)) => {
                self.save_over(&format!("Agreement of '{}'", p.name), id, open, &p)?;
            }
            (FormTarget::BudgetFactors(id), Draft::Partner(p)) => {
                self.save_over(&format!("Budget factors of '{}'", p.name), id, open, &p)?;
            }
            (FormTarget::Contact { id: None, .. }, Draft::Contact(c)) => {
                self.commit(&format!("Add contact '{}'", c.name), |tx| tx.insert(&c))?;
            }
            (FormTarget::Contact { id: Some(id), .. }, Draft::Contact(c)) => {
                self.save_over(&format!("Edit contact '{}'", c.name), id, open, &c)?;
            }
            (
                FormTarget::Meeting {
                    id: None,
                    kind,
                    partner,
                },
                Draft::Meeting(m),
            ) => {
                // Notes for a day that has them by now (another jmo took
                // notes in the same call) go into that day's notes, checked
                // under the write lock: the fields merge, and a field both
                // wrote is a conflict.
                let blank = Meeting::blank(partner, kind, m.held_on);
                let pristine = match &open.pristine {
                    Some(Draft::Meeting(p)) => p.clone(),
                    _ => blank.clone(),
                };
                let label = format!("{} notes, {}", kind.label(), m.held_on);
                let merged = self.commit(&label, |tx| {
                    let existing = tx.query_i64(
                        "SELECT coalesce(max(id), 0) FROM meetings \
                         WHERE partner_id = ?1 AND kind = ?2 AND held_on = ?3",
                        &[&partner.0, &kind.key(), &iso(m.held_on)],
                    )?;
                    if existing > 0 {
                        tx.update_from(MeetingId(existing), &blank, &pristine, &m)?;
                        Ok(true)
                    } else {
                        tx.insert(&m)?;
                        Ok(false)
                    }
                })?;
                if merged {
                    self.say(
                        StatusKind::Saved,
                        format!("Saved: {label}, added to the notes taken in another jmo"),
                    );
                }
            }
            (
                FormTarget::Meeting {
                    id: Some(id), kind, ..
                },
                Draft::Meeting(m),
            ) => {
                let label = format!("{} notes, {}", kind.label(), m.held_on);
                self.save_over(&label, id, open, &m)?;
            }
            (FormTarget::Plan { id: None, partner }, Draft::Plan(plan)) => {
                // A new plan takes the partner's campaigns launching in its
                // period (not cancelled); more can be linked in the plan view.
                let campaigns: Vec<CampaignId> = self
                    .program
                    .campaigns_of(partner)
                    .iter()
                    .filter(|c| c.status != CampaignStatus::Cancelled)
                    .filter(|c| plan.period.contains(c.launch))
                    .map(|c| c.id)
                    .collect();
                let label = format!("Add {} joint marketing plan", plan.period);
                let id = self.commit(&label, |tx| {
                    let id = tx.insert(&plan)?;
                    for c in &campaigns {
                        tx.insert(&PlanEntry {
                            plan_id: id,
                            campaign_id: *c,
                            pipeline_target: None,
                            partner_investment: Decimal::ZERO,
                        })?;
                    }
                    Ok(id)
                })?;
                self.say(
                    StatusKind::Saved,
                    format!(
                        "Saved: {label}, with the {} campaign{} launching in it",
                        campaigns.len(),
                        if campaigns.len() == 1 { "" } else { "s" }
                    ),
                );
                // Straight into the new plan; closing it goes back.
                self.back.push(Mode::Plan {
                    plan: id,
                    cursor: 0,
                    scroll: 0,
                });
            }
            (FormTarget::Plan { id: Some(id), .. }, Draft::Plan(plan)) => {
                let label = format!("Edit {} joint marketing plan", plan.period);
                self.save_over(&label, id, open, &plan)?;
            }
            (FormTarget::PlanEntry(id), Draft::PlanEntry(e)) => {
                let name = self
                    .program
                    .campaigns
                    .get(e.campaign_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                self.save_over(&format!("Plan figures of '{name}'"), id, open, &e)?;
            }
            (FormTarget::Campaign { id: None, partner }, Draft::Campaign(c)) => {
                // The campaign with its milestones and checklist: one
                // domain rule (new_campaign), here and in the example plan.
                let Some(p) = self.program.partners.get(partner).map(|p| p.value.clone()) else {
                    return Err(StoreError::Refused("that partner no longer exists".into()));
                };
                let contacts: Vec<Contact> = self
                    .program
                    .contacts_of(partner)
                    .into_iter()
                    .map(|c| c.value.clone())
                    .collect();
                let templates = self.templates.clone();
                let our = self.config.our_owner.clone();
                let label = format!("Add campaign '{}'", c.name);
                let id = self.commit(&label, |tx| {
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
                self.focus = Pane::Timeline;
                self.show_new(Pane::Timeline, Row::Campaign(id));
                self.reset_campaign_panes();
                let n_items = self.program.checklist_of(id).len();
                self.say(
                    StatusKind::Saved,
                    format!(
                        "Saved: {label}, with 7 milestones and {}",
                        words::count_of(n_items, "checklist item")
                    ),
                );
            }
            (FormTarget::Campaign { id: Some(id), .. }, Draft::Campaign(c)) => {
                // Standard milestones and template checklist items still on
                // their rule dates follow the dates the user changed
                // (domain::reschedule): from the campaign as the form read
                // it when it opened, to the form now.
                let seen = open.pristine.as_ref().or(open.base.as_ref());
                let moves = match seen {
                    Some(Draft::Campaign(old)) => reschedule::follow_dates(
                        old,
                        &c,
                        &self.program.milestones_of(id),
                        &self.program.checklist_of(id),
                        &self.templates,
                    ),
                    _ => reschedule::Moves::default(),
                };
                // Each moves only if its date is still the one seen here.
                let milestones: Vec<_> = moves
                    .milestones
                    .iter()
                    .filter_map(|(m, due)| Some((*m, self.program.milestones.get(*m)?.due, *due)))
                    .collect();
                let items: Vec<_> = moves
                    .checklist
                    .iter()
                    .filter_map(|(r, due)| {
                        Some((*r, self.program.responsibilities.get(*r)?.due, *due))
                    })
                    .collect();
                let label = format!("Edit campaign '{}'", c.name);
                let (base, pristine) = self.form_versions::<Campaign>(open)?;
                self.commit(&label, |tx| {
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
            }
            (FormTarget::Milestone { id: None, .. }, Draft::Milestone(m)) => {
                let id = self.commit(&format!("Add milestone '{}'", m.name), |tx| tx.insert(&m))?;
                self.show_new(Pane::Timeline, Row::Milestone(id));
            }
            (FormTarget::Milestone { id: Some(id), .. }, Draft::Milestone(m)) => {
                self.save_over(&format!("Edit milestone '{}'", m.name), id, open, &m)?;
            }
            (FormTarget::Responsibility { id: None, .. }, Draft::Responsibility(r)) => {
                let id = self.commit(&format!("Add item '{}'", r.title), |tx| tx.insert(&r))?;
                self.show_new(Pane::Checklist, Row::Item(id));
            }
            (FormTarget::Responsibility { id: Some(id), .. }, Draft::Responsibility(r)) => {
                self.save_over(&format!("Edit item '{}'", r.title), id, open, &r)?;
            }
            (FormTarget::Asset { id: None, .. }, Draft::Asset(a)) => {
                let id = self.commit(&format!("Add asset '{}'", a.name), |tx| tx.insert(&a))?;
                self.show_new(Pane::Checklist, Row::Asset(id));
            }
            (FormTarget::Asset { id: Some(id), .. }, Draft::Asset(a)) => {
                self.save_over(&format!("Edit asset '{}'", a.name), id, open, &a)?;
            }
            (FormTarget::Costs(id), Draft::Costs(c)) => {
                self.save_over(&format!("Edit money of '{}'", c.name), id, open, &c)?;
            }
            (FormTarget::Fund { id: None, .. }, Draft::Fund(f)) => {
                let id = self.commit(&format!("Add fund '{}'", f.name), |tx| tx.insert(&f))?;
                self.show_new(Pane::Mdf, Row::Fund(id));
            }
            (FormTarget::Fund { id: Some(id), .. }, Draft::Fund(f)) => {
                self.save_over(&format!("Edit fund '{}'", f.name), id, open, &f)?;
            }
            (FormTarget::Request { id: None, .. }, Draft::Request(r)) => {
                let id = self.commit("Add MDF request", |tx| tx.insert(&r))?;
                self.show_new(Pane::Mdf, Row::Request(id));
            }
            (FormTarget::Request { id: Some(id), .. }, Draft::Request(r)) => {
                self.save_over("Edit MDF request", id, open, &r)?;
            }
            (FormTarget::Claim { id: None, .. }, Draft::Claim(c)) => {
                let id = self.commit("Add claim", |tx| tx.insert(&c))?;
                self.show_new(Pane::Mdf, Row::Claim(id));
            }
            (FormTarget::Claim { id: Some(id), .. }, Draft::Claim(c)) => {
                self.save_over("Edit claim", id, open, &c)?;
            }
            (FormTarget::Expense { id: None, .. }, Draft::Expense(e)) => {
                let id =
                    self.commit(&format!("Add expense '{}'", e.category), |tx| tx.insert(&e))?;
                self.show_new(Pane::Mdf, Row::Expense(id));
            }
            (FormTarget::Expense { id: Some(id), .. }, Draft::Expense(e)) => {
                let label = match &e.withdrawn {
                    Some(_) => format!("Withdraw expense '{}'", e.category),
                    None => format!("Edit expense '{}'", e.category),
                };
                self.save_over(&label, id, open, &e)?;
            }
            (FormTarget::Results(campaign), Draft::Results(r)) => {
                let existing = self.program.results_of(campaign).map(|x| x.id);
                let name = self
                    .program
                    .campaigns
                    .get(campaign)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let label = format!("Results of '{name}'");
                match existing {
                    // Also when results were entered elsewhere after the
                    // form opened: the form's base is then the empty
                    // results, and only the figures typed here are written.
                    Some(id) => self.save_over(&label, id, open, &r)?,
                    None => {
                        self.commit(&label, |tx| tx.insert(&r))?;
                    }
                }
            }
            _ => {
                return Err(StoreError::Refused(
                    "internal: the form does not match its record".into(),
                ));
            }
        }
        Ok(())
    }

    /// Selects a just-created row in `pane`.
    /// Selects a just-created row (clearing a filter that would hide it).
    pub(super) fn show_new(&mut self, _pane: Pane, row: Row) {
        if let Some(record) = row.record() {
            self.keep_in_view(record);
        }
    }

    /// Opens a drill-down level of the MDF pane.
    pub(super) fn drill(&mut self, to: Drill) {
        self.mdf_drill.push(to);
        let st = self.pane_mut(Pane::Mdf);
        // A filter typed on the level above would hide this level's rows.
        st.filter.clear();
        st.selected = None;
        st.index = 0;
        st.offset = 0;
        self.sync_pane(Pane::Mdf);
    }

    /// The record an edit form changed, to keep in view (not for new
    /// records: [`App::show_new`] shows those; nor for a partner's profile
    /// records, which show in the profile the form returns to).
    fn edited_record(&self, target: FormTarget) -> Option<RecordRef> {
        super::targets::record_of(target, &self.program).filter(|r| {
            !matches!(
                r,
                RecordRef::Contact(_)
                    | RecordRef::Meeting(_)
                    | RecordRef::Plan(_)
                    | RecordRef::PlanEntry(_)
            )
        })
    }

    /// Keeps `record` in view after it was added, edited, undone or
    /// redone: the record is selected, the focus stays where it was, and
    /// a filter is cleared only when it would hide the record (e.g. a
    /// renamed partner); the status bar then says which.
    pub(super) fn keep_in_view(&mut self, record: RecordRef) {
        let focus = self.focus;
        let filters = Pane::ALL.map(|p| self.pane(p).filter.clone());
        self.reveal(record);
        self.focus = focus;
        let cleared: Vec<&str> = Pane::ALL
            .iter()
            .zip(&filters)
            .filter(|(pane, before)| self.pane(**pane).filter != **before)
            .map(|(pane, _)| pane.title())
            .collect();
        if !cleared.is_empty()
            && let Some(status) = &mut self.status
        {
            status.text.push_str(&format!(
                " ({} filter cleared to keep it in view)",
                cleared.join(" and ")
            ));
        }
    }

    pub(super) fn ask_delete(&mut self) {
        let Some(row) = self.selected_row(self.focus) else {
            return;
        };
        let p = &self.program;
        // MDF requests and claims are never deleted (docs/domain.md §11), and neither
        // is what holds them: say so before asking.
        let has_mdf = |c: CampaignId| p.requests.children(c).next().is_some();
        let instead = match row {
            Row::Partner(id) if p.campaigns.children(id).any(|c| has_mdf(c.id)) => Some(
                "Its campaigns have MDF requests, which are never deleted: archive the partner instead (Enter opens its profile, X archives)",
            ),
            Row::Campaign(id) if has_mdf(id) => Some(
                "It has MDF requests, which are never deleted: cancel the campaign instead (e, status cancelled)",
            ),
            _ => None,
        };
        if let Some(instead) = instead {
            self.say(StatusKind::Info, instead);
            return;
        }
        let (record, message) = match row {
            Row::Partner(id) => {
                let Some(x) = p.partners.get(id) else { return };
                let n = p.campaigns.children(id).count();
                let f = p.funds.children(id).count();
                (
                    RecordRef::Partner(id),
                    format!(
                        "Delete partner '{}' with its {n} campaign(s) and {f} fund(s)?",
                        x.name
                    ),
                )
            }
            Row::Campaign(id) => {
                let Some(c) = p.campaigns.get(id) else { return };
                (
                    RecordRef::Campaign(id),
                    format!(
                        "Delete campaign '{}' with {}, {} and {}?",
                        c.name,
                        words::count_of(p.milestones.children(id).count(), "milestone"),
                        words::count_of(p.responsibilities.children(id).count(), "checklist item"),
                        words::count_of(p.assets.children(id).count(), "asset")
                    ),
                )
            }
            Row::Milestone(id) => match p.milestones.get(id) {
                Some(m) => (
                    RecordRef::Milestone(id),
                    format!("Delete milestone '{}'?", m.name),
                ),
                None => return,
            },
            Row::Item(id) => match p.responsibilities.get(id) {
                Some(r) => (
                    RecordRef::Responsibility(id),
                    format!("Delete checklist item '{}'?", r.title),
                ),
                None => return,
            },
            Row::Asset(id) => match p.assets.get(id) {
                Some(a) => (RecordRef::Asset(id), format!("Delete asset '{}'?", a.name)),
                None => return,
            },
            Row::Fund(id) => match p.funds.get(id) {
                Some(f) => (RecordRef::Fund(id), format!("Delete fund '{}'?", f.name)),
                None => return,
            },
            Row::Results(c) => match p.results_of(c) {
                Some(r) => (
                    RecordRef::Results(r.id),
                    "Clear this campaign's results?".to_string(),
                ),
                None => return,
            },
            // MDF records are never deleted: d withdraws with a reason.
            Row::Request(id) => {
                let Some(r) = p.requests.get(id) else { return };
                if matches!(
                    r.status,
                    RequestStatus::Cancelled | RequestStatus::Rejected | RequestStatus::Expired
                ) {
                    self.say(
                        StatusKind::Info,
                        format!("Already {}; nothing to withdraw", r.status),
                    );
                    return;
                }
                let mut next = r.value.clone();
                next.status = RequestStatus::Cancelled;
                if let Some(e) = p.request_change_error(id, &next) {
                    self.say(StatusKind::Error, format!("Not withdrawn: {}", e.message));
                    return;
                }
                self.mode = Mode::Prompt {
                    title: "Why withdraw this MDF request? (it stays, cancelled)".into(),
                    area: line_editor(""),
                    purpose: PromptPurpose::WithdrawRequest(id),
                    error: None,
                };
                return;
            }
            Row::Expense(id) => {
                let withdrawn = p.expenses.get(id).is_some_and(|e| e.withdrawn.is_some());
                if withdrawn {
                    self.say(
                        StatusKind::Info,
                        "Already withdrawn; e to put it back in force",
                    );
                    return;
                }
                self.mode = Mode::Prompt {
                    title: "Why withdraw this expense? (it stays, greyed)".into(),
                    area: line_editor(""),
                    purpose: PromptPurpose::WithdrawExpense(id),
                    error: None,
                };
                return;
            }
            Row::Claim(_) => {
                self.say(
                    StatusKind::Info,
                    "Claims are never deleted: set their status (e) to rejected or disputed, with a note",
                );
                return;
            }
            _ => return,
        };
        self.mode = Mode::Confirm {
            message: format!("{message} (u undoes it)"),
            then: super::Confirmed::Delete(record),
        };
    }

    pub(super) fn delete(&mut self, record: RecordRef) {
        let what = record.kind_label();
        self.commit_or_say(&format!("Delete {what}"), |tx| tx.delete(record));
    }

    pub(super) fn block(&mut self) {
        let Some(Row::Milestone(id)) = self.selected_row(self.focus) else {
            self.say(
                StatusKind::Info,
                "Select a milestone in the Timeline to block it",
            );
            return;
        };
        let Some(m) = self.program.milestones.get(id).cloned() else {
            return;
        };
        if m.status == MilestoneStatus::Blocked {
            self.commit_or_say("Unblock", |tx| {
                tx.change(id, |m: &Milestone| {
                    let mut next = m.clone();
                    if m.status == MilestoneStatus::Blocked {
                        next.status = MilestoneStatus::Upcoming;
                        next.blocked_reason = None;
                    }
                    Ok((format!("Unblock '{}'", m.name), next))
                })
            });
        } else {
            self.mode = Mode::Prompt {
                title: format!("Why is '{}' blocked?", m.name),
                area: line_editor(""),
                purpose: PromptPurpose::BlockMilestone(id),
                error: None,
            };
        }
    }

    pub(super) fn prompt_answer(
        &mut self,
        purpose: PromptPurpose,
        answer: &str,
    ) -> Result<(), String> {
        match purpose {
            PromptPurpose::BlockMilestone(id) => {
                if answer.is_empty() {
                    return Err("say why, so the partner knows what to unblock".into());
                }
                self.commit("Block", |tx| {
                    tx.change(id, |m: &Milestone| {
                        let mut next = m.clone();
                        next.status = MilestoneStatus::Blocked;
                        next.blocked_reason = Some(answer.to_string());
                        next.completed_on = None;
                        Ok((format!("Block '{}'", m.name), next))
                    })
                })
                .map(|_| ())
                .map_err(|e| format!("Not saved: {e}"))
            }
            PromptPurpose::WithdrawRequest(id) => {
                if answer.is_empty() {
                    return Err("say why: the reason stays with the request".into());
                }
                let program = &self.program;
                let checked = |r: &MdfRequest| {
                    let mut next = r.clone();
                    next.status = RequestStatus::Cancelled;
                    next.reason = Some(answer.to_string());
                    match program.request_change_error(id, &next) {
                        Some(e) => Err(StoreError::Refused(e.message)),
                        None => Ok(("Withdraw MDF request".to_string(), next)),
                    }
                };
                let store = &mut self.store;
                let done = store.edit("Withdraw MDF request", |tx| tx.change(id, checked));
                self.after_commit(done).map(|_| ()).map_err(|e| match e {
                    StoreError::Refused(why) => why,
                    e => format!("Not saved: {e}"),
                })
            }
            PromptPurpose::WithdrawExpense(id) => {
                if answer.is_empty() {
                    return Err("say why: the reason stays with the expense".into());
                }
                self.commit("Withdraw expense", |tx| {
                    tx.change(id, |e: &Expense| {
                        let mut next = e.clone();
                        next.withdrawn = Some(answer.to_string());
                        Ok((format!("Withdraw expense '{}'", e.category), next))
                    })
                })
                .map(|_| ())
                .map_err(|e| format!("Not saved: {e}"))
            }
        }
    }

    pub(super) fn advance_status(&mut self) {
        let Some(c) = self.selected_campaign().cloned() else {
            self.say(StatusKind::Info, "Select a campaign first");
            return;
        };
        let next = c.status.next();
        if next == c.status {
            self.say(
                StatusKind::Info,
                format!(
                    "'{}' is {}; change it in the form (e) if needed",
                    c.name, c.status
                ),
            );
            return;
        }
        if next == CampaignStatus::Live && self.ask_before_live(&c) {
            return;
        }
        // The move is from the status seen on the screen: if it changed
        // on disk meanwhile, say so rather than move it twice.
        let seen = c.status;
        self.commit_or_say("Status", |tx| {
            tx.change(c.id, |c: &Campaign| {
                if c.status != seen {
                    return Err(StoreError::Refused(format!(
                        "'{}' is {} now (changed elsewhere); nothing was changed",
                        c.name, c.status
                    )));
                }
                let mut updated = c.clone();
                updated.status = next;
                Ok((format!("'{}' → {}", c.name, next), updated))
            })
        });
    }

    pub(super) fn show_history(&mut self) {
        let Some(record) = self.selected_row(self.focus).and_then(Row::record) else {
            self.say(StatusKind::Info, "Select a record to see its history");
            return;
        };
        self.show_history_of(record);
    }

    /// Opens the change history of `record`, newest first.
    pub(super) fn show_history_of(&mut self, record: RecordRef) {
        match self.store.history_of(record) {
            Ok(rows) => {
                let us = Us {
                    actor: self.store.actor(),
                    our_owner: &self.config.our_owner,
                };
                let lines = rows
                    .iter()
                    .rev()
                    .map(|c| history_line(c, &us, &chrono::Local))
                    .collect();
                self.mode = Mode::History {
                    title: format!("History of this {}", record.kind_label()),
                    lines,
                    scroll: 0,
                };
            }
            Err(e) => self.say(
                StatusKind::Error,
                format!("Could not read the history: {e}"),
            ),
        }
    }

    /// The MDF request the selection is about: the request, claim or
    /// expense selected in the MDF pane, or the request drilled into.
    fn selected_request(&self) -> Option<RequestId> {
        let from_row = match self.selected_row(Pane::Mdf) {
            Some(Row::Request(r)) => Some(r),
            Some(Row::Claim(c)) => self.program.claims.get(c).map(|c| c.request_id),
            Some(Row::Expense(e)) => self.program.expenses.get(e).and_then(|e| e.request_id),
            _ => None,
        };
        from_row.or(match self.mdf_drill.last() {
            Some(Drill::Request(r)) => Some(*r),
            _ => None,
        })
    }

    /// `P`: writes the selected request's reimbursement packet into the
    /// current folder; if it is not claimable yet, says what is missing and
    /// offers a draft (issue 3, item 7).
    pub(super) fn packet(&mut self, draft: bool) {
        let Some(r) = self.selected_request() else {
            self.say(
                StatusKind::Info,
                "Select an MDF request (MDF pane) to write its packet",
            );
            return;
        };
        self.write_packet(r, draft);
    }

    fn write_packet(&mut self, request: RequestId, draft: bool) {
        use crate::domain::packet;
        if let Some(c) = self.program.requests.get(request).map(|r| r.campaign_id)
            && self.refused_by_consent(&[c])
        {
            return;
        }
        // The disk may have changed since the last look: look again.
        let ids: Vec<ExpenseId> = self
            .program
            .expenses_of_request(request)
            .iter()
            .map(|e| e.id)
            .collect();
        self.check_proof_files(Some(&ids));
        if let Some(partner) = self.program.partner_of(RecordRef::Request(request)) {
            self.rederive([partner]);
        }
        match packet::build(
            &self.program,
            request,
            &self.config.policies,
            &self.missing_files,
            self.today,
            draft,
        ) {
            Ok(p) => match super::files::write_packet(
                &p,
                self.config.packet_dir.as_deref(),
                self.store.path(),
            ) {
                Ok([md, csv]) => {
                    let full = |f: &std::path::Path| {
                        std::fs::canonicalize(f).unwrap_or_else(|_| f.to_path_buf())
                    };
                    let kind = if p.is_draft() {
                        "Draft packet"
                    } else {
                        "Packet"
                    };
                    self.say(
                        if p.is_draft() {
                            StatusKind::Warning
                        } else {
                            StatusKind::Saved
                        },
                        format!(
                            "{kind} written: {} and {}",
                            full(&md).display(),
                            full(&csv).display()
                        ),
                    );
                }
                Err(e) => self.say(StatusKind::Error, format!("Packet not written: {e}")),
            },
            Err(packet::Missing(missing)) => {
                self.mode = Mode::Notice {
                    title: "Not claimable yet: the packet needs".into(),
                    lines: missing,
                    action: Some((
                        'd',
                        "write a DRAFT packet anyway".into(),
                        MenuChoice::DraftPacket(request),
                    )),
                };
            }
        }
    }

    pub(super) fn load_example(&mut self) {
        if !self.is_welcome() {
            self.say(
                StatusKind::Info,
                "The example plan loads into an empty database (or use: jmo demo --force)",
            );
            return;
        }
        match crate::store::example::load(&mut self.store, self.today, &self.templates, false) {
            Ok(summary) => {
                let summary = summary.counts;
                match self.read_program() {
                    Ok(p) => self.program = p,
                    Err(e) => {
                        return self.say(
                            StatusKind::Error,
                            format!("Could not read the example plan back: {e}"),
                        );
                    }
                }
                self.rederive_all();
                self.select_initial();
                // The status keeps to two lines at 80 columns: the main
                // records, not every kind (`jmo demo` lists them all).
                self.say(
                    StatusKind::Saved,
                    format!(
                        "Loaded the example plan as of {}: {}, {}, {} and all that hangs on them (u undoes it)",
                        short(self.today, self.today),
                        words::count_of(summary.partners, "partner"),
                        words::count_of(summary.campaigns, "campaign"),
                        words::count_of(summary.funds, "MDF fund"),
                    ),
                );
            }
            Err(e) => self.say(
                StatusKind::Error,
                format!("Could not load the example plan: {e}"),
            ),
        }
    }
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod history_tests;
