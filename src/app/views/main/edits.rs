//! The main screen's edit keys: Space (tick, advance, approve), `a` add,
//! `e` edit, `d` delete (asks first; MDF records are withdrawn with a
//! reason), `b` block, `s` a campaign's next status. Each edit goes
//! through [`App::commit`] (one transaction, then re-derive).

use crate::app::forms::{self, FormTarget};
use crate::app::view::{Drill, Pane, Row};
use crate::app::{Action, App, Confirmed, MenuChoice, PromptPurpose, StatusKind};
use crate::domain::*;
use crate::store::StoreError;

impl App {
    /// Space: ticks or unticks a checklist item, advances a milestone,
    /// records or withdraws the partner's approval of an asset, each from
    /// the record as it is on disk now (issue 10, item 1).
    pub(crate) fn toggle(&mut self) {
        let today = self.today;
        match self.selected_row(self.focus) {
            Some(Row::Item(id)) => {
                let saved = self.commit_or_say("Tick", |tx| {
                    tx.change(id, |r: &Responsibility| {
                        let next = r.toggled(today);
                        let verb = if next.is_done() { "Tick" } else { "Untick" };
                        Ok((format!("{verb} '{}'", r.title), next))
                    })
                });
                // Ticked: on to the next open item (issue 11, item 3).
                let done = |app: &App| app.program.responsibilities.get(id).map(|r| r.is_done());
                if saved.is_some() && done(self) == Some(true) {
                    self.move_to_next_open(self.focus, Row::Item(id));
                }
            }
            Some(Row::Milestone(id)) => {
                // Space on a blocked milestone unblocks it: it says so,
                // with the reason it drops.
                let mut unblocked: Option<String> = None;
                let saved = self.commit_or_say("Advance", |tx| {
                    tx.change(id, |m: &Milestone| {
                        let next = m.advanced(today);
                        let to = next.status.label();
                        if m.status != MilestoneStatus::Blocked {
                            return Ok((format!("'{}' → {to}", m.name), next));
                        }
                        let was = m.blocked_reason.as_deref().unwrap_or("no reason given");
                        let label = format!("Unblocked '{}' (was: {was}) → {to}", m.name);
                        unblocked = Some(label.clone());
                        Ok((label, next))
                    })
                });
                if let (Some(true), Some(label)) = (saved, unblocked) {
                    let undo = self.keymap.key_label(Action::Undo);
                    self.say(StatusKind::Saved, format!("{label}; {undo} undoes it"));
                }
                // Done: on to the campaign's next milestone not done.
                let status = |app: &App| app.program.milestones.get(id).map(|m| m.status);
                if saved.is_some() && status(self) == Some(MilestoneStatus::Done) {
                    self.move_to_next_open(self.focus, Row::Milestone(id));
                }
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

    pub(crate) fn add(&mut self) {
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
                    self.open_menu(
                        "Add",
                        vec![
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
                    );
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
                    self.open_menu("Add", options);
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
                self.open_menu("Add", options);
            }
        }
    }

    pub(crate) fn edit(&mut self) {
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

    pub(crate) fn ask_delete(&mut self) {
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
                self.ask_why(
                    "Why withdraw this MDF request? (it stays, cancelled)",
                    PromptPurpose::WithdrawRequest(id),
                );
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
                self.ask_why(
                    "Why withdraw this expense? (it stays, greyed)",
                    PromptPurpose::WithdrawExpense(id),
                );
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
        self.ask(
            format!(
                "{message} ({} undoes it)",
                self.keymap.key_label(Action::Undo)
            ),
            Confirmed::Delete(record),
        );
    }

    pub(crate) fn delete(&mut self, record: RecordRef) {
        let what = record.kind_label();
        self.commit_or_say(&format!("Delete {what}"), |tx| tx.delete(record));
    }

    pub(crate) fn block(&mut self) {
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
                    let was = m.blocked_reason.as_deref().unwrap_or("no reason given");
                    Ok((
                        format!(
                            "Unblocked '{}' (was: {was}) → {}",
                            m.name,
                            next.status.label()
                        ),
                        next,
                    ))
                })
            });
        } else {
            self.ask_why(
                format!("Why is '{}' blocked?", m.name),
                PromptPurpose::BlockMilestone(id),
            );
        }
    }

    pub(crate) fn advance_status(&mut self) {
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
}
