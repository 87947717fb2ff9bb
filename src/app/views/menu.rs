//! A choice among a few things (what to add in the MDF pane, which
//! campaign to link to a plan): an option's key picks it, Esc cancels.

use super::{Cmd, Nothing, Outcome, View, way_out};
use crate::app::App;
use crate::app::forms;
use crate::app::keymap::Key;
use crate::app::keytable::{Def, Hint};
use crate::domain::*;
use crossterm::event::{KeyCode, KeyEvent};
use rust_decimal::Decimal;

/// What a menu option (or a notice's key) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuChoice {
    /// New milestone for the campaign.
    NewMilestone(CampaignId),
    /// New campaign with the partner.
    NewCampaign(PartnerId),
    /// New fund for the partner.
    NewFund(PartnerId),
    /// New MDF request for the campaign.
    NewRequest(CampaignId),
    /// New claim against the request.
    NewClaim(RequestId),
    /// Enter the campaign's results.
    EditResults(CampaignId),
    /// New expense for the campaign, under the request if given.
    NewExpense(CampaignId, Option<RequestId>),
    /// Write the request's packet as a draft, with what it still needs.
    DraftPacket(RequestId),
    /// Link the campaign to the joint marketing plan.
    LinkCampaign(PlanId, CampaignId),
}

/// A menu on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Menu {
    /// Title.
    pub title: String,
    /// Options: key, label, what it does.
    pub options: Vec<(char, String, MenuChoice)>,
}

/// The option of `options` a key picks: a plain character that is one's key.
pub(super) fn picked(options: &[(char, String, MenuChoice)], ev: &KeyEvent) -> Option<MenuChoice> {
    match Key::from_event(ev) {
        k if !k.is_typed() => None,
        Key {
            code: KeyCode::Char(c),
            ..
        } => options.iter().find(|(k, _, _)| *k == c).map(|(_, _, m)| *m),
        _ => None,
    }
}

impl View for Menu {
    type Action = Nothing;
    const TITLE: &'static str = "Menu";

    fn keys() -> Vec<Def<Cmd<Nothing>>> {
        way_out("cancel", None)
    }

    fn act(self, _app: &mut App, action: Nothing) -> Outcome<Menu> {
        match action {}
    }

    /// An option's key picks it.
    fn other(self, app: &mut App, ev: &KeyEvent) -> Result<Outcome<Menu>, Menu> {
        match picked(&self.options, ev) {
            Some(choice) => {
                app.menu_choice(choice);
                Ok(Outcome::Close)
            }
            None => Err(self),
        }
    }

    fn hint(&self, _app: &App, cmd: Cmd<Nothing>, label: &'static str) -> Option<String> {
        // The options fill the bar; the way out stays.
        (cmd != Cmd::Help).then(|| label.to_string())
    }

    fn arrange(&self, _app: &App, hints: Vec<Hint>) -> Vec<Hint> {
        let mut out: Vec<Hint> = self
            .options
            .iter()
            .map(|(k, label, _)| Hint::new(k.to_string(), label.clone()))
            .collect();
        out.extend(hints);
        out
    }

    fn extra_help(&self, _app: &App) -> Vec<(String, String)> {
        self.options
            .iter()
            .map(|(k, label, _)| (k.to_string(), label.clone()))
            .collect()
    }
}

impl App {
    /// Opens a menu.
    pub(crate) fn open_menu(
        &mut self,
        title: impl Into<String>,
        options: Vec<(char, String, MenuChoice)>,
    ) {
        self.mode = super::Mode::Menu(Menu {
            title: title.into(),
            options,
        });
    }

    pub(crate) fn menu_choice(&mut self, choice: MenuChoice) {
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
}
