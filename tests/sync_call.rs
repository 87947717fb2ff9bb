//! A scripted sync call, end to end (issue 11): the real `jmo` binary in
//! a pseudo-terminal on the example plan, driven as a partner marketer
//! would during a 30-minute call with Northwind Analytics, with every key
//! counted. Jump to the campaign, tick three checklist items, advance a
//! milestone, add an item by quick capture, add a line to today's
//! check-in notes, quit, reopen: the whole call takes at most 20 keys
//! (the words the user dictates, an item's title or a note, are text,
//! not keys), the database holds exactly what was done, and jmo reopens
//! where the call left it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use serde_json::Value;

/// The wide layout (every pane title and hint visible).
const COLS: u16 = 160;
const ROWS: u16 = 45;

/// The keys of the call, counted as they are pressed.
struct Call {
    tui: Tui,
    keys: Vec<String>,
}

impl Call {
    /// Presses each key of `keys` (one character, or `\r` for Enter).
    fn press(&mut self, keys: &str) {
        for c in keys.chars() {
            self.keys.push(c.to_string());
            self.tui.send(&c.to_string());
        }
    }

    /// Types free text (a title or a note): the user's words, not keys.
    fn dictate(&mut self, text: &str) {
        self.tui.send(text);
    }

    fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.tui.wait_for(what, pred)
    }
}

fn of<'a>(export: &'a Value, table: &str) -> &'a Vec<Value> {
    export[table].as_array().unwrap()
}

/// The id of the campaign named `name` in an export.
fn campaign_id(export: &Value, name: &str) -> Value {
    of(export, "campaigns")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no campaign {name}"))["id"]
        .clone()
}

#[test]
fn a_sync_call_takes_at_most_twenty_keys_and_reopens_where_it_ended() {
    let env = TestEnv::new();
    env.demo();
    let before = env.export();
    let summit = campaign_id(&before, "Northwind Data Summit");
    let open_before: Vec<Value> = of(&before, "responsibilities")
        .iter()
        .filter(|r| r["campaign_id"] == summit && r["done_on"].is_null())
        .cloned()
        .collect();
    assert!(open_before.len() >= 3, "the summit has open items");

    let mut call = Call {
        tui: env.open(COLS, ROWS, &[]),
        keys: Vec::new(),
    };
    call.wait_for("the panes", |s| s.contains("1 Partners"));

    // Jump: three letters of "Northwind Data Summit".
    call.press("'");
    call.wait_for("the jump prompt", |s| {
        s.contains("Jump to a partner or campaign")
    });
    call.press("nds");
    call.wait_for("the summit as the best match", |s| {
        line_with(s, "▸ campaign").is_some_and(|l| l.contains("Northwind Data Summit"))
    });
    call.press("\r");
    call.wait_for("the summit's checklist", |s| {
        s.contains("3 Checklist · Northwind Data Summit") && !s.contains("Jump to")
    });

    // Three ticks in a row: the cursor starts on the first open item
    // and moves to the next after each.
    call.press("3");
    call.wait_for("the Checklist focused", |s| {
        s.contains("┏ 3 Checklist · Northwind Data Summit")
    });
    call.press("   ");
    call.wait_for("three items ticked", |s| s.contains("Ours  3/4 done"));

    // Advance the overdue milestone: the Timeline, down to it, Space.
    call.press("2");
    call.wait_for("the Timeline focused", |s| s.contains("┏ 2 Timeline"));
    call.press("jj");
    call.tui
        .wait_for_screen("the overdue milestone selected", |s| {
            selected_row(s).is_some_and(|r| r.contains("Content draft"))
        });
    call.press(" ");
    call.wait_for("the milestone saved", |s| {
        s.contains("Saved: 'Content draft' → done")
    });

    // Quick capture: one line, side and due date in it.
    call.press("+");
    call.wait_for("the capture prompt", |s| {
        s.contains("Add to Northwind Data Summit")
    });
    call.dictate("Send logo files @partner +3");
    call.wait_for("the preview", |s| s.contains("→ partner"));
    call.press("\r");
    call.wait_for("the item saved", |s| {
        s.contains("Saved: Add item 'Send logo files'")
    });

    // A line for today's check-in notes.
    call.press("N");
    call.wait_for("the note prompt", |s| s.contains("today's check-in notes"));
    call.dictate("Priya confirms two speakers");
    call.press("\r");
    call.wait_for("the note saved", |s| {
        s.contains("Saved: Monthly check-in notes")
    });

    call.press("q");
    let status = call.tui.wait_exit();
    assert!(status.success(), "jmo exited with {status:?}");

    assert!(
        call.keys.len() <= 20,
        "the call took {} keys: {:?}",
        call.keys.len(),
        call.keys
    );
    assert_eq!(
        call.keys.len(),
        18,
        "the README's \"During the call\" says 18 keys: {:?}",
        call.keys
    );

    // The database holds what the call did, and nothing else changed.
    let after = env.export();
    let ticked: Vec<&Value> = of(&after, "responsibilities")
        .iter()
        .filter(|r| open_before.iter().any(|o| o["id"] == r["id"]) && r["done_on"] == AS_OF)
        .collect();
    assert_eq!(ticked.len(), 3, "three items ticked today");
    let content_draft = of(&after, "milestones")
        .iter()
        .find(|m| m["campaign_id"] == summit && m["name"] == "Content draft")
        .unwrap();
    assert_eq!(content_draft["status"], "done");
    let added: Vec<&Value> = of(&after, "responsibilities")
        .iter()
        .filter(|r| r["title"] == "Send logo files")
        .collect();
    assert_eq!(added.len(), 1);
    assert_eq!(added[0]["campaign_id"], summit);
    assert_eq!(added[0]["side"], "partner");
    assert_eq!(added[0]["due"], "2026-11-24");
    assert!(added[0]["done_on"].is_null());
    let notes: Vec<&Value> = of(&after, "meetings")
        .iter()
        .filter(|m| m["held_on"] == AS_OF && m["kind"] == "checkin")
        .collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["progress"], "Priya confirms two speakers");
    assert_eq!(
        of(&after, "responsibilities").len(),
        of(&before, "responsibilities").len() + 1
    );
    assert_eq!(
        of(&after, "meetings").len(),
        of(&before, "meetings").len() + 1
    );

    // Reopened: the partner, the campaign and the pane the call ended on.
    let mut tui = env.open(COLS, ROWS, &[]);
    tui.wait_for("the Timeline focused on the summit", |s| {
        s.contains("┏ 2 Timeline · Northwind Analytics")
            && s.contains("3 Checklist · Northwind Data Summit")
    });
    tui.send("q");
    assert!(tui.wait_exit().success());
}
