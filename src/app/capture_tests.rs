//! Quick capture and the agenda (issue 11, items 4 and 5) driven from the
//! keys: `+` adds a checklist item in one line, `N` a line of today's
//! check-in notes, `T` lists what is overdue, due soon and blocked across
//! partners and Enter goes to the record.

use super::tests::{TODAY, app_on, app_with_campaign_on, d, keys, press};
use super::views::capture::{Preview, Target};
use super::*;
use crate::domain::agenda::What;
use crossterm::event::KeyCode;

/// The example plan as of the tests' day.
fn example() -> App {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    assert!(!app.is_welcome());
    app.status = None;
    app
}

/// The typed line and the error of the open capture prompt.
fn prompt(app: &App) -> (String, Option<String>, Target) {
    match &app.mode {
        Mode::Capture(c) => (c.text(), c.error.clone(), c.target),
        other => panic!("no capture prompt: {other:?}"),
    }
}

fn items(app: &App, c: CampaignId) -> Vec<Stored<Responsibility>> {
    app.program.checklist_of(c).into_iter().cloned().collect()
}

#[test]
fn plus_adds_an_item_with_side_owner_and_due_in_one_line_and_u_removes_it() {
    let mut app = example();
    let campaign = app.selected_campaign().unwrap().clone();
    let partner = campaign.partner_id;
    let contact = app.program.contacts_of(partner)[0].name.clone();
    let before = items(&app, campaign.id);
    keys(&mut app, "+");
    assert_eq!(prompt(&app).2, Target::Item(campaign.id));
    keys(&mut app, "Send logo files @partner +3");
    // The prompt shows what Enter will save.
    let (text, _, target) = prompt(&app);
    assert_eq!(
        app.capture_preview(target, &text),
        Preview::Item {
            side: Side::Partner,
            owner: contact.clone(),
            due: Some(d("2026-11-24")),
        }
    );
    let shown = screen(&mut app);
    assert!(
        shown.contains(&format!("→ partner · {contact} · due Tue 24 Nov")),
        "{shown}"
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let after = items(&app, campaign.id);
    assert_eq!(after.len(), before.len() + 1);
    let new = after
        .iter()
        .find(|r| !before.iter().any(|b| b.id == r.id))
        .unwrap();
    assert_eq!(new.title, "Send logo files");
    assert_eq!(new.side, Side::Partner);
    assert_eq!(new.owner, contact);
    assert_eq!(new.due, Some(d("2026-11-24")));
    assert_eq!(new.done_on, None);
    // The checklist cursor is on the new item.
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(new.id)));
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Saved: Add item 'Send logo files'")
    );
    // On a checklist item the hint bar offers the quick add.
    app.focus = Pane::Checklist;
    assert!(
        app.hints()
            .contains(&crate::app::keytable::Hint::new("+", "quick add")),
        "{:?}",
        app.hints()
    );
    // One change set: one undo removes it.
    keys(&mut app, "u");
    assert_eq!(items(&app, campaign.id).len(), before.len());
}

#[test]
fn the_owner_follows_the_side_and_no_side_is_ours_undated() {
    let mut app = example();
    let c = app.selected_campaign().unwrap().id;
    for (line, side, owner) in [
        ("Book the room", Side::Ours, app.config.our_owner.clone()),
        (
            "Agree agenda @both tomorrow",
            Side::Shared,
            "Both".to_string(),
        ),
    ] {
        keys(&mut app, "+");
        keys(&mut app, line);
        press(&mut app, KeyCode::Enter);
        let Some(Row::Item(id)) = app.selected_row(Pane::Checklist) else {
            panic!("no item selected: {:?}", app.status);
        };
        let r = app.program.responsibilities.get(id).unwrap();
        assert_eq!((r.side, r.owner.as_str()), (side, owner.as_str()), "{line}");
        assert_eq!(r.campaign_id, c);
    }
    let Some(Row::Item(id)) = app.selected_row(Pane::Checklist) else {
        panic!()
    };
    assert_eq!(
        app.program.responsibilities.get(id).unwrap().due,
        Some(d("2026-11-22"))
    );
    keys(&mut app, "+Undated");
    press(&mut app, KeyCode::Enter);
    let Some(Row::Item(id)) = app.selected_row(Pane::Checklist) else {
        panic!()
    };
    assert_eq!(app.program.responsibilities.get(id).unwrap().due, None);
}

#[test]
fn a_bad_line_is_said_at_the_prompt_the_text_kept_and_nothing_written() {
    let mut app = example();
    let c = app.selected_campaign().unwrap().id;
    let before = items(&app, c).len();
    let changes = app.store.undo_label().unwrap();
    for (line, says) in [
        ("Send logo @nobody +3", "@nobody is not a side"),
        ("Send logo @partner +x", "'+x' is not a due date"),
        ("@partner +3", "type what to do first"),
        ("", "type what to do first"),
    ] {
        app.mode = Mode::Normal;
        keys(&mut app, "+");
        keys(&mut app, line);
        press(&mut app, KeyCode::Enter);
        let (text, error, _) = prompt(&app);
        assert_eq!(text, line);
        let error = error.unwrap_or_default();
        assert!(error.starts_with(says), "{line}: {error}");
        assert!(screen(&mut app).contains(says), "{line}");
    }
    assert_eq!(items(&app, c).len(), before);
    assert_eq!(app.store.undo_label().unwrap(), changes);
    // Typing on clears the error; Esc cancels, nothing saved.
    keys(&mut app, "Call");
    assert_eq!(prompt(&app).1, None);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(items(&app, c).len(), before);
}

#[test]
fn plus_without_a_campaign_says_to_select_one() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "a");
    keys(&mut app, "Northwind");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "+");
    assert!(matches!(app.mode, Mode::Normal));
    let says = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(says.starts_with("Select a campaign first"), "{says}");
}

fn todays_checkins(app: &App, p: PartnerId) -> Vec<Meeting> {
    app.program
        .meetings_of(p)
        .into_iter()
        .filter(|m| m.kind == MeetingKind::CheckIn && m.held_on == d(TODAY))
        .map(|m| m.value.clone())
        .collect()
}

#[test]
fn n_adds_lines_to_todays_check_in_notes_and_u_takes_the_last_back() {
    let mut app = example();
    let p = app.selected_partner().unwrap().id;
    assert!(todays_checkins(&app, p).is_empty());
    let meetings = app.program.meetings_of(p).len();
    keys(&mut app, "N");
    assert_eq!(prompt(&app).2, Target::Note(p));
    // Empty: refused at the prompt.
    press(&mut app, KeyCode::Enter);
    assert!(prompt(&app).1.unwrap().starts_with("type a line first"));
    keys(&mut app, "Budget approved for Q1");
    let shown = screen(&mut app);
    assert!(shown.contains("→ starts today's check-in notes"), "{shown}");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let notes = todays_checkins(&app, p);
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].progress, "Budget approved for Q1");
    // A second line joins the same notes: the record the form edits.
    keys(&mut app, "N");
    keys(&mut app, "Send the deck by Friday");
    assert!(screen(&mut app).contains("→ adds to today's check-in notes"));
    press(&mut app, KeyCode::Enter);
    let notes = todays_checkins(&app, p);
    assert_eq!(notes.len(), 1);
    assert_eq!(
        notes[0].progress,
        "Budget approved for Q1\nSend the deck by Friday"
    );
    assert_eq!(app.program.meetings_of(p).len(), meetings + 1);
    keys(&mut app, "n");
    assert_eq!(
        tests::form(&app).value("progress"),
        "Budget approved for Q1\nSend the deck by Friday"
    );
    press(&mut app, KeyCode::Esc);
    // Undo takes back the last line only, then the notes.
    app.mode = Mode::Normal;
    keys(&mut app, "u");
    assert_eq!(
        todays_checkins(&app, p)[0].progress,
        "Budget approved for Q1"
    );
    keys(&mut app, "u");
    assert!(todays_checkins(&app, p).is_empty());
}

#[test]
fn n_in_the_profile_adds_the_line_and_comes_back_to_the_profile() {
    let mut app = example();
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    let Mode::Profile(profile) = &app.mode else {
        panic!("no profile")
    };
    let p = profile.partner;
    keys(&mut app, "N");
    assert_eq!(prompt(&app).2, Target::Note(p));
    keys(&mut app, "Asked for a joint webinar");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mode.name(), "profile");
    assert_eq!(
        todays_checkins(&app, p)[0].progress,
        "Asked for a joint webinar"
    );
}

#[test]
fn check_in_lines_typed_in_two_jmo_on_one_day_join_one_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("jmo.db");
    let mut a = app_with_campaign_on(app_on(Store::open(&path).unwrap()));
    let mut store = Store::open(&path).unwrap();
    store.set_actor("dana").unwrap();
    let mut b = app_on(store);
    let p = a.selected_partner().unwrap().id;
    keys(&mut a, "N");
    keys(&mut a, "from a");
    keys(&mut b, "N");
    keys(&mut b, "from b");
    press(&mut a, KeyCode::Enter);
    // b has not seen a's notes: its line still joins them on disk.
    press(&mut b, KeyCode::Enter);
    let on_disk: Vec<_> = b
        .store
        .load_program()
        .unwrap()
        .meetings
        .children(p)
        .map(|m| m.value.clone())
        .collect();
    assert_eq!(on_disk.len(), 1);
    assert_eq!(on_disk[0].progress, "from a\nfrom b");
}

/// The screen's text at 160×45.
fn screen(app: &mut App) -> String {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    app.set_areas(crate::ui::areas_for(app, Rect::new(0, 0, 160, 45)));
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..45)
        .map(|y| (0..160).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Opens the agenda and moves the cursor to the first entry for which
/// `pick` holds; returns it.
fn agenda_to(app: &mut App, pick: impl Fn(&What) -> bool) -> crate::domain::agenda::Entry {
    app.mode = Mode::Normal;
    keys(app, "T");
    assert_eq!(app.mode.name(), "agenda", "{:?}", app.status);
    let sheet = app.agenda();
    let i = sheet
        .entries()
        .position(|e| pick(&e.what))
        .expect("no such entry in the example's agenda");
    for _ in 0..i {
        keys(app, "j");
    }
    let Mode::Agenda(a) = &app.mode else { panic!() };
    assert_eq!(a.index, i);
    sheet.entries().nth(i).unwrap().clone()
}

#[test]
fn enter_in_the_agenda_goes_to_the_record_on_the_main_screen() {
    let mut app = example();
    // An item: the Checklist, on the item, its partner and campaign selected.
    let e = agenda_to(&mut app, |w| matches!(w, What::Item(_)));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let What::Item(item) = e.what else { panic!() };
    assert_eq!(app.focus, Pane::Checklist);
    assert_eq!(app.selected_row(Pane::Checklist), Some(Row::Item(item)));
    assert_eq!(app.selected_partner().map(|p| p.id), Some(e.partner));
    assert_eq!(app.selected_campaign().map(|c| c.id), e.campaign);
    // A milestone: the Timeline, on the milestone.
    let e = agenda_to(&mut app, |w| matches!(w, What::Milestone(_)));
    press(&mut app, KeyCode::Enter);
    let What::Milestone(m) = e.what else { panic!() };
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(app.selected_row(Pane::Timeline), Some(Row::Milestone(m)));
    // A claim deadline: the request in the MDF pane.
    let e = agenda_to(&mut app, |w| matches!(w, What::Claim(_)));
    press(&mut app, KeyCode::Enter);
    let What::Claim(r) = e.what else { panic!() };
    assert_eq!(app.focus, Pane::Mdf);
    assert_eq!(app.selected_row(Pane::Mdf), Some(Row::Request(r)));
    // A meeting due: the partner.
    let e = agenda_to(&mut app, |w| matches!(w, What::Meeting(_)));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Partners);
    assert_eq!(app.selected_partner().map(|p| p.id), Some(e.partner));
}

#[test]
fn the_agenda_moves_closes_with_t_and_esc_and_lists_every_section() {
    let mut app = example();
    keys(&mut app, "T");
    let sheet = app.agenda();
    assert!(!sheet.overdue.is_empty() && !sheet.soon.is_empty() && !sheet.blocked.is_empty());
    // Every kind of entry is on the example's agenda.
    for kind in ["item", "milestone", "claim", "meeting"] {
        assert!(
            sheet.entries().any(|e| match e.what {
                What::Item(_) => kind == "item",
                What::Milestone(_) => kind == "milestone",
                What::Claim(_) => kind == "claim",
                What::Meeting(_) => kind == "meeting",
            }),
            "{kind}"
        );
    }
    keys(&mut app, "G");
    let Mode::Agenda(a) = &app.mode else { panic!() };
    assert_eq!(a.index, sheet.len() - 1);
    // The last entry (a blocked milestone) is scrolled into view.
    let shown = screen(&mut app);
    assert!(shown.contains("Blocked"), "{shown}");
    keys(&mut app, "g");
    let Mode::Agenda(a) = &app.mode else { panic!() };
    assert_eq!(a.index, 0);
    keys(&mut app, "T");
    assert!(matches!(app.mode, Mode::Normal));
    keys(&mut app, "T");
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn a_milestone_blocked_from_the_keys_is_on_the_agenda_and_a_g9_finding() {
    let mut app = app_with_campaign_on(app_on(Store::open_in_memory().unwrap()));
    keys(&mut app, "T");
    assert!(app.agenda().blocked.is_empty());
    app.mode = Mode::Normal;
    // The first milestone of the campaign: block it, saying why.
    keys(&mut app, "2j");
    let Some(Row::Milestone(m)) = app.selected_row(Pane::Timeline) else {
        panic!("{:?}", app.selected_row(Pane::Timeline))
    };
    keys(&mut app, "b");
    keys(&mut app, "waiting for legal");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "T");
    let sheet = app.agenda();
    assert_eq!(
        sheet.blocked.iter().map(|e| e.what).collect::<Vec<_>>(),
        vec![What::Milestone(m)]
    );
    assert!(screen(&mut app).contains("waiting for legal"));
    press(&mut app, KeyCode::Esc);
    // The finding: in the strip and in `f`.
    let g9 = app
        .derived
        .all_findings()
        .into_iter()
        .find(|f| f.rule == guardrails::Rule::G9)
        .cloned()
        .expect("no G9 finding");
    assert_eq!(g9.record, RecordRef::Milestone(m));
    assert!(screen(&mut app).contains("G9"));
    keys(&mut app, "f");
    assert!(screen(&mut app).contains("G9"));
}

#[test]
fn t_with_nothing_on_the_agenda_says_so() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "a");
    keys(&mut app, "Northwind");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "T");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        app.status.as_ref().map(|s| s.text.as_str()),
        Some("Nothing is overdue, due in the next 7 days or blocked")
    );
}
