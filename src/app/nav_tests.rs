//! Getting to the right row in a few keys, driven from the keys on the
//! example plan (issue 11, items 1, 2, 3 and 8): the jump prompt, `]` `[`
//! `}` `{`, ticking in a row, and starting where you left off.

use super::resume::{self, PaneName, Place};
use super::tests::{TODAY, app_on, d, keys, press, press_mod};
use super::view::{Pane, Row};
use super::*;
use crossterm::event::{KeyCode, KeyModifiers};

/// The example plan as of the tests' day, on the main screen.
fn example() -> App {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    assert!(!app.is_welcome());
    app.status = None;
    app
}

fn partner_named(app: &App, name: &str) -> PartnerId {
    app.program
        .partners
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.id)
        .unwrap_or_else(|| panic!("no partner {name}"))
}

fn campaign_named(app: &App, name: &str) -> CampaignId {
    app.program
        .campaigns
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("no campaign {name}"))
}

fn jump(app: &App) -> &views::jump::Jump {
    match &app.mode {
        Mode::Jump(j) => j,
        other => panic!("no jump prompt open: {other:?}"),
    }
}

/// The short queries a user might type for `name`: the initials of its
/// words, and the start of one or two words, 2 to 4 letters.
fn queries(name: &str) -> Vec<String> {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
    let mut out = Vec::new();
    for n in 2..=4 {
        out.push(initials.chars().take(n).collect::<String>());
    }
    for (i, w) in words.iter().enumerate() {
        for n in 2..=4 {
            out.push(w.chars().take(n).collect());
        }
        for next in words.iter().skip(i + 1) {
            for (a, b) in [(1, 1), (2, 1), (1, 2), (3, 1), (2, 2), (1, 3)] {
                let mut q: String = w.chars().take(a).collect();
                q.extend(next.chars().take(b));
                out.push(q);
            }
        }
    }
    out.retain(|q| (2..=4).contains(&q.chars().count()));
    out.dedup();
    out
}

#[test]
fn a_few_letters_and_enter_reach_every_partner_and_campaign_of_the_example_plan() {
    let mut app = example();
    let mut targets: Vec<(RecordRef, String)> = app
        .program
        .partners
        .iter()
        .map(|p| (RecordRef::Partner(p.id), p.name.clone()))
        .collect();
    targets.extend(
        app.program
            .campaigns
            .iter()
            .map(|c| (RecordRef::Campaign(c.id), c.name.clone())),
    );
    assert_eq!(targets.len(), 6 + 16);
    let mut longest = 0;
    for (record, name) in targets {
        // Start elsewhere: the first partner, Partners pane focused.
        keys(&mut app, "1g");
        let mut reached = None;
        for q in queries(&name) {
            keys(&mut app, "'");
            keys(&mut app, &q);
            if jump(&app).current().map(|c| c.record) == Some(record) {
                press(&mut app, KeyCode::Enter);
                reached = Some(q);
                break;
            }
            press(&mut app, KeyCode::Esc);
            assert!(matches!(app.mode, Mode::Normal));
        }
        let q = reached.unwrap_or_else(|| panic!("no 2–4 letters reach {name}"));
        longest = longest.max(q.len());
        assert!(matches!(app.mode, Mode::Normal), "{name}: still open");
        match record {
            RecordRef::Partner(id) => {
                assert_eq!(app.selected_partner().map(|p| p.id), Some(id), "{name}");
                assert_eq!(app.focus, Pane::Partners, "{name}");
            }
            RecordRef::Campaign(id) => {
                let c = app.program.campaigns.get(id).unwrap();
                assert_eq!(
                    app.selected_partner().map(|p| p.id),
                    Some(c.partner_id),
                    "{name}"
                );
                assert_eq!(app.selected_campaign().map(|c| c.id), Some(id), "{name}");
                assert_eq!(app.focus, Pane::Timeline, "{name}");
                // The Checklist follows the campaign.
                if let Some(Row::Item(i)) = app.selected_row(Pane::Checklist) {
                    let item = app.program.responsibilities.get(i).unwrap();
                    assert_eq!(item.campaign_id, id, "{name}");
                }
            }
            _ => unreachable!(),
        }
    }
    assert!(longest <= 4);
}

#[test]
fn the_jump_prompt_ranks_live_moves_and_closes() {
    let mut app = example();
    let before = app.selected_partner().map(|p| p.id);
    press_mod(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(app.mode.name(), "jump");
    // With nothing typed, the partners show first, by name.
    let first: Vec<String> = jump(&app).shown().take(3).map(|c| c.name.clone()).collect();
    assert_eq!(
        first,
        [
            "Atlas Cloud",
            "CloudStack Weekly",
            "Meridian Solutions Group"
        ]
    );
    assert_eq!(jump(&app).shown().count(), views::jump::SHOWN);
    keys(&mut app, "summit");
    let shown: Vec<String> = jump(&app).shown().map(|c| c.name.clone()).collect();
    assert_eq!(
        shown,
        ["Northwind Data Summit", "Cloud Migration Summit"],
        "{shown:?}"
    );
    // Down, Ctrl-n, Up and Ctrl-p move the highlight, within the list.
    press(&mut app, KeyCode::Down);
    assert_eq!(jump(&app).cursor, 1);
    press_mod(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(jump(&app).cursor, 1);
    press_mod(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    assert_eq!(jump(&app).cursor, 0);
    press_mod(&mut app, KeyCode::Char('n'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Down);
    // Each match says what it is and where.
    let c = jump(&app).current().unwrap();
    assert_eq!(c.kind, views::jump::Kind::Campaign);
    assert_eq!(c.name, "Cloud Migration Summit");
    assert_eq!(c.context, "Atlas Cloud");
    // Typing more narrows the list and puts the highlight back on top.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(jump(&app).cursor, 0);
    keys(&mut app, "zzz");
    assert_eq!(jump(&app).matched, 0);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode.name(), "jump", "Enter on nothing closed it");
    // Esc closes it where you were.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.selected_partner().map(|p| p.id), before);
}

#[test]
fn hash_or_tab_jumps_to_a_checklist_item_of_the_partner() {
    let mut app = example();
    let campaign = campaign_named(&app, "Northwind Data Summit");
    app.reveal(RecordRef::Campaign(campaign));
    keys(&mut app, "1");
    // The item to reach: an open one of another campaign of the partner.
    let partner = partner_named(&app, "Northwind Analytics");
    let other = campaign_named(&app, "Modern Data Stack Webinar");
    let item = app
        .program
        .checklist_of(other)
        .into_iter()
        .find(|r| r.title.to_lowercase().contains("speaker"))
        .map(|r| (r.id, r.title.clone()))
        .unwrap();
    keys(&mut app, "'");
    // Tab switches to the checklist items: a # goes in front.
    press(&mut app, KeyCode::Tab);
    assert_eq!(jump(&app).text(), "#");
    assert!(jump(&app).items_scope());
    let all = jump(&app).matched;
    assert!(all > 10, "{all}");
    assert!(
        jump(&app)
            .shown()
            .all(|c| c.kind == views::jump::Kind::Item)
    );
    // Tab again takes it out; typing it in does the same as Tab.
    press(&mut app, KeyCode::Tab);
    assert!(!jump(&app).items_scope());
    keys(&mut app, "#");
    assert_eq!(jump(&app).matched, all);
    keys(&mut app, &item.1.to_lowercase());
    assert_eq!(
        jump(&app).current().map(|c| c.record),
        Some(RecordRef::Responsibility(item.0))
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_partner().map(|p| p.id), Some(partner));
    assert_eq!(app.selected_campaign().map(|c| c.id), Some(other));
    assert_eq!(app.focus, Pane::Checklist);
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(item.0)));
}

#[test]
fn brackets_step_through_the_campaigns_and_braces_through_the_partners_from_any_pane() {
    let mut app = example();
    let northwind = partner_named(&app, "Northwind Analytics");
    app.reveal(RecordRef::Partner(northwind));
    let campaigns: Vec<CampaignId> = app
        .rows(Pane::Timeline)
        .iter()
        .copied()
        .filter_map(|r| match r {
            Row::Campaign(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(campaigns.len(), 5);
    // From the Checklist: the Timeline, Checklist and MDF follow; the
    // focus stays.
    keys(&mut app, "3");
    let start = app.selected_campaign().unwrap().id;
    let at = campaigns.iter().position(|c| *c == start).unwrap();
    keys(&mut app, "[");
    let mut at_now = at;
    if at > 0 {
        at_now = at - 1;
        assert_eq!(
            app.selected_campaign().map(|c| c.id),
            Some(campaigns[at_now])
        );
    }
    for _ in 0..10 {
        keys(&mut app, "[");
    }
    assert_eq!(app.selected_campaign().map(|c| c.id), Some(campaigns[0]));
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("That is the first campaign of Northwind Analytics")
    );
    for (i, c) in campaigns.iter().enumerate().skip(1) {
        keys(&mut app, "]");
        assert_eq!(app.selected_campaign().map(|c| c.id), Some(*c), "step {i}");
        assert_eq!(app.focus, Pane::Checklist);
        // The Checklist shows that campaign's items.
        if let Some(Row::Item(item)) = app.selected_row(Pane::Checklist) {
            assert_eq!(
                app.program.responsibilities.get(item).unwrap().campaign_id,
                *c
            );
        }
    }
    keys(&mut app, "]");
    assert_eq!(
        app.selected_campaign().map(|c| c.id),
        campaigns.last().copied()
    );
    let _ = at_now;
    // } and { step through the partners as the Partners pane lists them,
    // from the MDF pane.
    keys(&mut app, "4");
    let partners: Vec<Row> = app.rows(Pane::Partners).to_vec();
    keys(&mut app, "1g4");
    for p in partners.iter().skip(1) {
        keys(&mut app, "}");
        assert_eq!(app.pane(Pane::Partners).selected, Some(*p));
        assert_eq!(app.focus, Pane::Mdf);
        // The Timeline follows: the partner's default campaign.
        let c = app.selected_campaign().map(|c| c.partner_id);
        assert!(c.is_none() || c == app.selected_partner().map(|p| p.id));
    }
    keys(&mut app, "}");
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("That is the last partner")
    );
    keys(&mut app, "{");
    assert_eq!(
        app.pane(Pane::Partners).selected,
        Some(partners[partners.len() - 2])
    );
}

/// The open items of the selected campaign's checklist, in its order.
fn open_items(app: &App) -> Vec<ResponsibilityId> {
    app.rows(Pane::Checklist)
        .iter()
        .copied()
        .filter_map(|r| match r {
            Row::Item(id) if !app.program.responsibilities.get(id).unwrap().is_done() => Some(id),
            _ => None,
        })
        .collect()
}

#[test]
fn the_checklist_starts_on_the_first_open_item_and_three_spaces_tick_three_items() {
    let mut app = example();
    let campaign = campaign_named(&app, "Northwind Data Summit");
    app.reveal(RecordRef::Campaign(campaign));
    let open = open_items(&app);
    assert!(open.len() >= 4, "{open:?}");
    // Not the "Ours" header: the first item not done yet.
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(open[0])));
    keys(&mut app, "3   ");
    for id in &open[..3] {
        assert!(
            app.program.responsibilities.get(*id).unwrap().is_done(),
            "{id:?} not ticked"
        );
    }
    assert!(!app.program.responsibilities.get(open[3]).unwrap().is_done());
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(open[3])));
    // Unticking leaves the cursor where it is.
    keys(&mut app, "k ");
    assert!(!app.program.responsibilities.get(open[2]).unwrap().is_done());
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(open[2])));
}

#[test]
fn ticking_the_last_open_item_goes_back_to_one_skipped_above_then_stays() {
    let mut app = example();
    let campaign = campaign_named(&app, "Northwind Data Summit");
    app.reveal(RecordRef::Campaign(campaign));
    let open = open_items(&app);
    // Skip the first open item, tick all the others.
    keys(&mut app, "3j");
    for _ in 1..open.len() {
        keys(&mut app, " ");
    }
    // The last tick wraps round to the one skipped.
    assert_eq!(open_items(&app), vec![open[0]]);
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(open[0])));
    // With none left open, the cursor stays on the item ticked.
    keys(&mut app, " ");
    assert!(open_items(&app).is_empty());
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(open[0])));
}

#[test]
fn a_milestone_advanced_to_done_moves_the_cursor_to_the_next_one_not_done() {
    let mut app = example();
    let campaign = campaign_named(&app, "Northwind Data Summit");
    let milestones: Vec<(MilestoneId, MilestoneStatus)> = app
        .program
        .milestones_of(campaign)
        .iter()
        .map(|m| (m.id, m.status))
        .collect();
    let first = milestones
        .iter()
        .position(|(_, s)| *s != MilestoneStatus::Done)
        .unwrap();
    let (id, _) = milestones[first];
    app.reveal(RecordRef::Milestone(id));
    assert_eq!(app.focus, Pane::Timeline);
    // Space until it is done: in progress first, the cursor stays.
    let mut presses = 0;
    while app.program.milestones.get(id).unwrap().status != MilestoneStatus::Done {
        if presses > 0 {
            assert_eq!(app.selected_row(Pane::Timeline), Some(Row::Milestone(id)));
        }
        keys(&mut app, " ");
        presses += 1;
        assert!(presses <= 2);
    }
    let next = milestones[first + 1..]
        .iter()
        .find(|(_, s)| *s != MilestoneStatus::Done)
        .map(|(m, _)| *m)
        .unwrap();
    assert_eq!(app.selected_row(Pane::Timeline), Some(Row::Milestone(next)));
}

#[test]
fn the_place_is_saved_per_database_and_restored_when_its_records_still_exist() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("state").join("where.json");
    let db = dir.path().join("a.db");
    let other = dir.path().join("b.db");
    let mut app = app_on(Store::open(&db).unwrap());
    keys(&mut app, "x");
    let summit = campaign_named(&app, "Northwind Data Summit");
    app.reveal(RecordRef::Campaign(summit));
    keys(&mut app, "3");
    let place = app.place().unwrap();
    assert_eq!(place.pane, PaneName::Checklist);
    resume::save(&file, &db, place).unwrap();
    // Another database's entry is kept beside it.
    let elsewhere = Place {
        partner: PartnerId(1),
        campaign: None,
        pane: PaneName::Mdf,
        row: None,
    };
    resume::save(&file, &other, elsewhere).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    assert_eq!(resume::load(&file, &db), Some(place));
    assert_eq!(resume::load(&file, &other), Some(elsewhere));
    drop(app);
    // Reopened: it starts there.
    let mut app = app_on(Store::open(&db).unwrap());
    assert_ne!(app.selected_campaign().map(|c| c.id), Some(summit));
    app.resume(resume::load(&file, &db).unwrap());
    assert_eq!(app.selected_campaign().map(|c| c.id), Some(summit));
    assert_eq!(app.focus, Pane::Checklist);
    // A place whose records are gone: the default selection, silently.
    let mut fresh = app_on(Store::open(&db).unwrap());
    let default = (fresh.selected_partner().map(|p| p.id), fresh.focus);
    fresh.resume(Place {
        partner: PartnerId(9999),
        campaign: Some(CampaignId(9999)),
        pane: PaneName::Mdf,
        row: None,
    });
    assert_eq!(
        (fresh.selected_partner().map(|p| p.id), fresh.focus),
        default
    );
    assert!(fresh.status.is_none());
    // A campaign gone but its partner there: the partner.
    let northwind = partner_named(&fresh, "Atlas Cloud");
    fresh.resume(Place {
        partner: northwind,
        campaign: Some(CampaignId(9999)),
        pane: PaneName::Timeline,
        row: None,
    });
    assert_eq!(fresh.selected_partner().map(|p| p.id), Some(northwind));
    assert_eq!(fresh.focus, Pane::Timeline);
    // A broken state file is no file.
    std::fs::write(&file, "{ not json").unwrap();
    assert_eq!(resume::load(&file, &db), None);
    let _ = d(TODAY);
}

#[test]
fn the_jump_reaches_a_partner_the_tier_filter_hides_and_shows_it() {
    let mut app = example();
    let verity = partner_named(&app, "Verity Systems");
    // `t` until the Partners pane shows one tier that is not Verity's.
    let tier = app.program.partners.get(verity).unwrap().tier;
    for _ in 0..8 {
        keys(&mut app, "t");
        if app.partner_view.tier.is_some_and(|t| t != tier)
            && !app.rows(Pane::Partners).contains(&Row::Partner(verity))
        {
            break;
        }
    }
    assert!(!app.rows(Pane::Partners).contains(&Row::Partner(verity)));
    keys(&mut app, "'vesy");
    assert_eq!(
        jump(&app).current().map(|c| c.record),
        Some(RecordRef::Partner(verity))
    );
    press(&mut app, KeyCode::Enter);
    // The tier filter gave way: Verity is shown, and selected.
    assert_eq!(app.partner_view.tier, None);
    assert!(app.rows(Pane::Partners).contains(&Row::Partner(verity)));
    assert_eq!(app.selected_partner().map(|p| p.id), Some(verity));
}

#[test]
fn letters_typed_one_by_one_rank_as_the_whole_text_typed_at_once() {
    let mut app = example();
    let partner = app.selected_partner().map(|p| p.id);
    for text in [
        "summit", "nor da", "cloud", "#spea", "#pro s", "a!b", "clo$", "no !ti",
    ] {
        keys(&mut app, "'");
        for (n, c) in text.chars().enumerate() {
            keys(&mut app, &c.to_string());
            // Narrowed letter by letter, the list is the one a fresh
            // prompt ranks from the whole text at once.
            let typed: String = text.chars().take(n + 1).collect();
            let mut fresh = views::jump::Jump::new(&app.program, partner);
            fresh.set_text(&typed);
            let at_once: Vec<RecordRef> = fresh.shown().map(|c| c.record).collect();
            let typed_in: Vec<RecordRef> = jump(&app).shown().map(|c| c.record).collect();
            assert_eq!(typed_in, at_once, "{typed:?}");
            assert_eq!(jump(&app).matched, fresh.matched, "{typed:?}");
        }
        press(&mut app, KeyCode::Esc);
    }
}
