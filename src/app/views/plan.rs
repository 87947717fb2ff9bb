//! A joint marketing plan (`J`, or Enter on a plan in the profile; issue
//! 5, item 6): the cursor moves over its campaigns; `e` sets a campaign's
//! targets and co-investment, `l` links a campaign, `x` takes one out,
//! `E` edits the plan, `W` writes its report. The sheet is worked out by
//! [`crate::domain::jmp`] and drawn by `ui/plan.rs`.

use super::{Cmd, Move, Outcome, View, moves, way_out};
use crate::app::keymap::Key;
use crate::app::keytable::{Def, def};
use crate::app::{App, Confirmed, MenuChoice, StatusKind, forms};
use crate::domain::dates::iso;
use crate::domain::jmp;
use crate::domain::*;
use crossterm::event::KeyCode;

/// A plan on the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// The plan.
    pub plan: PlanId,
    /// The selected campaign line.
    pub cursor: usize,
    /// Lines scrolled.
    pub scroll: usize,
}

impl Plan {
    /// The plan `plan`, the cursor on its first campaign.
    pub fn new(plan: PlanId) -> Plan {
        Plan {
            plan,
            cursor: 0,
            scroll: 0,
        }
    }
}

/// The plan view's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    /// The selected campaign's pipeline target and co-investment.
    Open,
    /// Link another of the partner's campaigns.
    Link,
    /// Take the selected campaign out of the plan (asks first).
    Unlink,
    /// Edit the plan (objective, period).
    EditPlan,
    /// Write the plan's report.
    Report,
    /// The history of the selected line (or of the plan).
    History,
    /// Undo the last edit.
    Undo,
}

impl View for Plan {
    type Action = Act;
    const TITLE: &'static str = "Joint marketing plan";

    fn keys() -> Vec<Def<Cmd<Act>>> {
        let c = Key::ch;
        let own = |a| Cmd::Own(a);
        let mut keys = vec![
            def(
                own(Act::Open),
                "open",
                &[Key::plain(KeyCode::Enter)],
                "the selected campaign's pipeline target and co-investment",
            )
            .hint("targets / co-investment"),
            def(
                own(Act::Open),
                "edit",
                &[c('e')],
                "the selected campaign's pipeline target and co-investment",
            )
            .hint("targets / co-investment"),
            def(
                own(Act::Link),
                "link",
                &[c('l')],
                "link another of the partner's campaigns",
            )
            .hint("link campaign"),
            def(
                own(Act::Unlink),
                "unlink",
                &[c('x'), c('d')],
                "take the selected campaign out of the plan (asks first)",
            )
            .hint("take out"),
            def(
                own(Act::EditPlan),
                "edit_plan",
                &[c('E')],
                "edit the plan: objective and period",
            )
            .hint("edit plan"),
            def(
                own(Act::Report),
                "report",
                &[c('W')],
                "write the plan's report (Markdown)",
            )
            .hint("write report"),
            def(
                own(Act::History),
                "history",
                &[c('H')],
                "change history of the selected line (or the plan)",
            )
            .hint("history"),
            def(own(Act::Undo), "undo", &[c('u')], "undo the last edit")
                .hint("undo")
                .keep(),
        ];
        // ↓ / ↑ move over the campaigns; the page keys (and Space) scroll
        // the sheet by half a page.
        let mut m = moves(None);
        for d in &mut m {
            match d.action {
                Cmd::Move(Move::PageDown) => {
                    d.keys.push(c(' '));
                    d.hint = Some("scroll");
                    d.help = "scroll down half a page";
                }
                Cmd::Move(Move::PageUp) => d.help = "scroll up half a page",
                Cmd::Move(Move::Top) => d.help = "the first campaign, the top",
                Cmd::Move(Move::Down) => d.help = "the next campaign",
                Cmd::Move(Move::Up) => d.help = "the campaign before",
                _ => {}
            }
        }
        keys.extend(m);
        keys.extend(way_out("close", None));
        keys
    }

    fn act(self, app: &mut App, action: Act) -> Outcome<Plan> {
        let Some(sheet) = app.plan_sheet(self.plan) else {
            return Outcome::Close;
        };
        let today = app.today;
        let selected = sheet.lines.get(self.cursor);
        match action {
            Act::Open => {
                let open = selected.and_then(|l| {
                    let e = app.program.plan_entries.get(l.entry)?;
                    let c = app.program.campaigns.get(l.campaign)?;
                    let target = app.program.results_of(c.id).and_then(|r| r.target_pipeline);
                    Some(forms::plan_entry_form(
                        e,
                        c,
                        target,
                        today,
                        app.program.currency,
                    ))
                });
                match open {
                    Some(open) => app.open_form(open),
                    None => {
                        let link = app.keys.plan.key_label(Cmd::Own(Act::Link));
                        app.say(
                            StatusKind::Info,
                            format!("No campaign in the plan yet: {link} links one"),
                        );
                    }
                }
            }
            Act::EditPlan => {
                let open = app.program.plans.get(self.plan).and_then(|x| {
                    app.program
                        .partners
                        .get(x.partner_id)
                        .map(|p| forms::plan_form(p, Some(x), today))
                });
                if let Some(open) = open {
                    app.open_form(open);
                }
            }
            Act::Link => {
                let options: Vec<(char, String, MenuChoice)> =
                    jmp::linkable(&app.program, self.plan)
                        .into_iter()
                        .filter_map(|c| app.program.campaigns.get(c))
                        .zip(('a'..='z').filter(|k| *k != 'q'))
                        .map(|(c, k)| {
                            (
                                k,
                                format!("{} ({}, launch {})", c.name, c.status, iso(c.launch)),
                                MenuChoice::LinkCampaign(self.plan, c.id),
                            )
                        })
                        .collect();
                if options.is_empty() {
                    app.say(
                        StatusKind::Info,
                        "Every campaign of this partner is in the plan (cancelled ones are not offered)",
                    );
                } else {
                    app.open_menu(
                        format!("Link a campaign to the {} plan", sheet.period),
                        options,
                    );
                }
            }
            Act::Unlink => {
                if let Some(l) = selected {
                    let undo = app.keys.plan.key_label(Cmd::Own(Act::Undo));
                    app.ask(
                        format!(
                            "Take '{}' out of the {} plan? The campaign itself stays ({undo} undoes it).",
                            l.name, sheet.period
                        ),
                        Confirmed::Unlink(l.entry),
                    );
                }
            }
            Act::Report => app.write_plan_report(&sheet),
            Act::History => app.show_history_of(match selected {
                Some(l) => RecordRef::PlanEntry(l.entry),
                None => RecordRef::Plan(self.plan),
            }),
            Act::Undo => app.undo(),
        }
        Outcome::Keep(self)
    }

    fn moved(self, app: &mut App, to: Move) -> Outcome<Plan> {
        let n = app.plan_sheet(self.plan).map_or(0, |s| s.lines.len());
        let room = app.scroll_room(usize::MAX);
        let half = (room.page / 2).max(1);
        let (cursor, scroll) = match to {
            Move::Down => ((self.cursor + 1).min(n.saturating_sub(1)), 0),
            Move::Up => (self.cursor.saturating_sub(1), 0),
            Move::PageDown => (self.cursor, self.scroll.saturating_add(half).min(room.max)),
            Move::PageUp => (self.cursor, self.scroll.min(room.max).saturating_sub(half)),
            Move::Top => (0, 0),
            Move::Bottom => (self.cursor, room.max),
        };
        Outcome::Keep(Plan {
            cursor,
            scroll,
            ..self
        })
    }

    fn alive(&self, app: &App) -> bool {
        app.program.plans.get(self.plan).is_some()
    }
}
