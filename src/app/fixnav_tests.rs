//! Fixes found by a new user's test (cursor, scrolling, findings strip),
//! each driven from the keys on the example plan: the Timeline keeps its
//! milestone through a save and an undo, a campaign reached by `]` shows
//! from its header, a side header stays above its item, the strip puts the
//! selected record's finding first, Space on a blocked milestone says what
//! it did, `e` on a side header says what it opens, and the place you left
//! includes the row.

use super::tests::{app_on, keys, press};
use super::view::{Pane, Row};
use super::*;
use crossterm::event::KeyCode;

/// The example plan as of the tests' day, on the main screen.
fn example() -> App {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    assert!(!app.is_welcome());
    app.status = None;
    app
}

fn milestone_name(app: &App, row: Option<Row>) -> Option<String> {
    match row {
        Some(Row::Milestone(m)) => app.program.milestones.get(m).map(|m| m.name.clone()),
        _ => None,
    }
}

/// `2`, `g j j j`: the cursor on the selected campaign's third milestone.
fn on_a_milestone(app: &mut App) -> Row {
    keys(app, "2gjjj");
    let row = app.selected_row(Pane::Timeline);
    assert!(
        milestone_name(app, row).is_some(),
        "not on a milestone: {row:?}"
    );
    row.unwrap()
}

#[test]
fn the_timeline_keeps_its_milestone_through_a_quick_capture_and_its_undo() {
    let mut app = example();
    let milestone = on_a_milestone(&mut app);
    let items = app.program.responsibilities.len();
    keys(&mut app, "+x3");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    assert_eq!(app.program.responsibilities.len(), items + 1);
    assert_eq!(app.selected_row(Pane::Timeline), Some(milestone));
    assert_eq!(app.focus, Pane::Timeline);
    // The Checklist shows the item saved.
    let Some(Row::Item(new)) = app.selected_row(Pane::Checklist) else {
        panic!("{:?}", app.selected_row(Pane::Checklist))
    };
    assert_eq!(app.program.responsibilities.get(new).unwrap().title, "x3");
    keys(&mut app, "u");
    assert!(
        app.status.as_ref().unwrap().text.starts_with("Undone"),
        "{:?}",
        app.status
    );
    assert_eq!(app.program.responsibilities.len(), items);
    assert_eq!(app.selected_row(Pane::Timeline), Some(milestone));
    assert_eq!(app.focus, Pane::Timeline);
}

/// The example plan laid out at 80x24, as a small terminal shows it from
/// the start.
fn example_80x24() -> App {
    let mut app = app_on(Store::open_in_memory().unwrap());
    app.set_areas(crate::ui::areas(ratatui::layout::Rect::new(0, 0, 80, 24)));
    keys(&mut app, "x");
    app.status = None;
    app
}

/// The rows of the selected campaign's block in the Timeline: its header
/// and the rows up to the next campaign.
fn campaign_block(app: &App) -> (usize, usize) {
    let rows = app.rows(Pane::Timeline);
    let c = app.selected_campaign().unwrap().id;
    let start = rows.iter().position(|r| *r == Row::Campaign(c)).unwrap();
    let end = (start + 1..rows.len())
        .find(|&i| matches!(rows[i], Row::Campaign(_)))
        .map_or(rows.len() - 1, |n| n - 1);
    (start, end)
}

#[test]
fn a_campaign_reached_by_brackets_shows_from_its_header_or_whole() {
    let mut app = example_80x24();
    let height = app.areas.height(Pane::Timeline);
    let mut seen_long_enough = false;
    for _ in 0..6 {
        keys(&mut app, "}");
        for _ in 0..8 {
            keys(&mut app, "[");
        }
        for step in 0..8 {
            let (start, end) = campaign_block(&app);
            let off = app.pane(Pane::Timeline).offset;
            let whole = off <= start && end < off + height;
            assert!(
                whole || off == start,
                "step {step}: block {start}..={end}, offset {off}, height {height}"
            );
            seen_long_enough |= end > start && start >= height;
            keys(&mut app, "]");
        }
    }
    // The walk met a campaign below the first screenful that has rows of
    // its own (else it proves nothing).
    assert!(seen_long_enough);
}

/// Whether the Checklist shows the selected item's side header whenever
/// both fit.
fn header_in_sight(app: &App, pane: Pane) -> Result<(), String> {
    let rows = app.rows(pane);
    let st = app.pane(pane);
    let Some(i) = rows.iter().position(|r| Some(*r) == st.selected) else {
        return Ok(());
    };
    match super::view::group_header(&rows, i) {
        Some(h) if i - h < app.areas.height(pane) && st.offset > h => Err(format!(
            "{pane:?} row {i} ({:?}): its header {h} ({:?}) is scrolled away, offset {}",
            rows[i], rows[h], st.offset
        )),
        _ => Ok(()),
    }
}

#[test]
fn the_checklist_shows_the_side_header_above_the_first_open_item_from_the_start() {
    // A database with the example plan, opened as jmo starts: the app
    // is made before the first frame lays out the screen at 80x24.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("a.db");
    let mut app = app_on(Store::open(&db).unwrap());
    keys(&mut app, "x");
    drop(app);
    let mut app = App::new(Setup {
        store: Store::open(&db).unwrap(),
        loaded: super::config::defaults(),
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(super::tests::d(super::tests::TODAY)),
    })
    .unwrap();
    app.set_areas(crate::ui::areas(ratatui::layout::Rect::new(0, 0, 80, 24)));
    assert!(matches!(
        app.selected_row(Pane::Checklist),
        Some(Row::Item(_))
    ));
    header_in_sight(&app, Pane::Checklist).unwrap();
    // And on every partner's default campaign after it.
    for _ in 0..6 {
        keys(&mut app, "}");
        header_in_sight(&app, Pane::Checklist).unwrap();
    }
}

#[test]
fn walking_up_keeps_the_side_header_and_the_campaign_row_in_sight() {
    let mut app = example_80x24();
    for pane in ["3", "2"] {
        keys(&mut app, pane);
        keys(&mut app, "G");
        let pane = app.focus;
        for _ in 0..30 {
            keys(&mut app, "k");
            header_in_sight(&app, pane).unwrap();
        }
    }
}

/// Blocks the selected milestone with `b`, a reason and Enter.
fn block(app: &mut App, reason: &str) {
    keys(app, "b");
    keys(app, reason);
    press(app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
}

#[test]
fn the_findings_strip_shows_the_selected_milestones_finding_first() {
    let mut app = example();
    let Row::Milestone(m) = on_a_milestone(&mut app) else {
        unreachable!()
    };
    block(&mut app, "legal review");
    let shown = app.selection_findings();
    assert!(shown.len() > 1, "{shown:?}");
    assert_eq!(shown[0].rule, guardrails::Rule::G9, "{shown:?}");
    assert_eq!(shown[0].record, RecordRef::Milestone(m));
    // Then the campaign's, then the partner's, errors first in each.
    let rank = |f: &&guardrails::Finding| {
        let group = if f.record == RecordRef::Milestone(m) {
            0
        } else if f.campaign_id.is_some() {
            1
        } else {
            2
        };
        (group, f.severity != guardrails::Severity::Error)
    };
    let ranks: Vec<_> = shown.iter().map(rank).collect();
    let mut sorted = ranks.clone();
    sorted.sort();
    assert_eq!(ranks, sorted);
    // On the campaign row, the milestone's finding is one of the campaign's.
    keys(&mut app, "k");
    while !matches!(app.selected_row(Pane::Timeline), Some(Row::Campaign(_))) {
        keys(&mut app, "k");
    }
    let first = app.selection_findings()[0].clone();
    assert!(
        first.campaign_id.is_some() || first.record == RecordRef::Partner(first.partner_id),
        "{first:?}"
    );
}

fn hint_labels(app: &App) -> Vec<(String, String)> {
    app.main_hints()
        .into_iter()
        .map(|h| (h.key, h.label))
        .collect()
}

#[test]
fn space_on_a_blocked_milestone_says_it_unblocked_it_and_b_is_labelled_unblock() {
    let mut app = example();
    let Row::Milestone(m) = on_a_milestone(&mut app) else {
        unreachable!()
    };
    let name = app.program.milestones.get(m).unwrap().name.clone();
    assert!(hint_labels(&app).contains(&("b".into(), "block".into())));
    block(&mut app, "legal review");
    assert_eq!(
        app.program.milestones.get(m).unwrap().status,
        MilestoneStatus::Blocked
    );
    assert!(
        hint_labels(&app).contains(&("b".into(), "unblock".into())),
        "{:?}",
        hint_labels(&app)
    );
    keys(&mut app, " ");
    assert_eq!(
        app.program.milestones.get(m).unwrap().status,
        MilestoneStatus::InProgress
    );
    assert_eq!(
        app.status.as_ref().unwrap().text,
        format!("Unblocked '{name}' (was: legal review) → in progress; u undoes it")
    );
    // u brings the block and its reason back; b then unblocks, saying
    // what it did: back to upcoming.
    keys(&mut app, "u");
    let back = app.program.milestones.get(m).unwrap().clone();
    assert_eq!(back.status, MilestoneStatus::Blocked);
    assert_eq!(back.blocked_reason.as_deref(), Some("legal review"));
    keys(&mut app, "b");
    assert_eq!(
        app.program.milestones.get(m).unwrap().status,
        MilestoneStatus::Upcoming
    );
    assert_eq!(
        app.status.as_ref().unwrap().text,
        format!("Saved: Unblocked '{name}' (was: legal review) → upcoming")
    );
}

#[test]
fn a_side_header_hints_that_a_and_e_add_an_item_there() {
    let mut app = example();
    keys(&mut app, "3g");
    let Some(Row::SideHeader(side)) = app.selected_row(Pane::Checklist) else {
        panic!(
            "not on a side header: {:?}",
            app.selected_row(Pane::Checklist)
        );
    };
    assert!(
        hint_labels(&app).contains(&("a/e".into(), "add item here".into())),
        "{:?}",
        hint_labels(&app)
    );
    // And e there does what the hint says: a new item on that side.
    keys(&mut app, "e");
    let Mode::Form(open) = &app.mode else {
        panic!("no form: {:?}", app.mode)
    };
    assert!(
        open.form.title.contains("checklist item"),
        "{}",
        open.form.title
    );
    let _ = side;
}

#[test]
fn reopening_restores_the_milestone_and_the_checklist_item_left_selected() {
    use super::resume;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("where.json");
    let db = dir.path().join("a.db");
    let mut app = app_on(Store::open(&db).unwrap());
    keys(&mut app, "x");
    let milestone = on_a_milestone(&mut app);
    resume::save(&file, &db, app.place().unwrap()).unwrap();
    // The Checklist, on an item below the first open one.
    keys(&mut app, "3jj");
    let item = app.selected_row(Pane::Checklist).unwrap();
    assert!(matches!(item, Row::Item(_)), "{item:?}");
    assert_ne!(Some(item), app.first_open_item());
    let checklist_place = app.place().unwrap();
    drop(app);

    let mut app = app_on(Store::open(&db).unwrap());
    app.resume(resume::load(&file, &db).unwrap());
    assert_eq!(app.focus, Pane::Timeline);
    assert_eq!(app.selected_row(Pane::Timeline), Some(milestone));

    resume::save(&file, &db, checklist_place).unwrap();
    let mut app = app_on(Store::open(&db).unwrap());
    app.resume(resume::load(&file, &db).unwrap());
    assert_eq!(app.focus, Pane::Checklist);
    assert_eq!(app.selected_row(Pane::Checklist), Some(item));

    // A state file written before rows were remembered still loads.
    let mut old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    for entry in old["databases"].as_object_mut().unwrap().values_mut() {
        assert!(entry.as_object_mut().unwrap().remove("row").is_some());
    }
    std::fs::write(&file, old.to_string()).unwrap();
    let place = resume::load(&file, &db);
    assert!(place.is_some_and(|p| p.row.is_none()), "{old}");
}
