//! End-to-end tests: the real `jmo` binary in a pseudo-terminal, its output
//! parsed by a terminal emulator (vt100), keys written as bytes, the
//! database checked afterwards with `jmo export --json` / `jmo check`.
//!
//! Each test has its own temporary database and config; the date is fixed
//! with `--as-of`. Tests wait for what the screen shows, never for a time.

// Test helpers outside `#[test]` functions unwrap too: a failure is a test failure.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Terminal size of the ordinary runs (the wide three-column layout).
const COLS: u16 = 160;
const ROWS: u16 = 45;

/// The milestone emoji of docs/domain.md §4 and the finding markers, none of which
/// may show in ASCII mode.
const EMOJI: [&str; 7] = ["✅", "🟡", "⏳", "🔴", "⛔", "✖", "▲"];

/// The title in the status line `Saved: Tick 'TITLE'`, once the whole line
/// has been drawn (the closing quote is there).
fn ticked_title(screen: &str) -> Option<String> {
    let line = line_with(screen, "Saved: Tick '")?;
    let rest = &line[line.find("Saved: Tick '")? + "Saved: Tick '".len()..];
    let end = rest.rfind('\'')?;
    Some(rest[..end].to_string())
}

/// The start of a title as a pane shows it (long titles are cut).
fn shown(title: &str) -> String {
    title.chars().take(20).collect()
}

/// The checklist items (`responsibilities`) of an export, by id.
fn items(export: &Value) -> Vec<Value> {
    export["responsibilities"].as_array().unwrap().clone()
}

/// Presses `key` until the selected row of the focused pane satisfies
/// `pred` (at most `max` presses, each waiting for the cursor to move).
fn select(tui: &mut Tui, key: &str, max: usize, what: &str, pred: impl Fn(&str) -> bool) -> String {
    for _ in 0..max {
        let before = tui.selected_row();
        if let Some(row) = &before
            && pred(row)
        {
            return row.clone();
        }
        tui.send(key);
        tui.wait_for_screen(&format!("the cursor to move on '{key}'"), |s| {
            selected_row(s) != before
        });
    }
    let row = tui.selected_row();
    match row {
        Some(r) if pred(&r) => r,
        other => panic!("no row for {what} after {max} presses of '{key}': {other:?}"),
    }
}

/// Opens the demo plan, focuses the Checklist, ticks the first unticked
/// item (where the cursor starts), and waits for the save. Returns the
/// item's full title.
fn tick_first_open_item(tui: &mut Tui) -> String {
    tui.send("3");
    // The focused pane has the thick border.
    tui.wait_for("the Checklist to take the focus", |s| {
        s.contains("┏ 3 Checklist")
    });
    select(tui, "j", 30, "an unticked item", |r| r.contains("[ ] "));
    tui.send(" ");
    let screen = tui.wait_for("the tick to be saved", |s| ticked_title(s).is_some());
    let title = ticked_title(&screen).unwrap();
    let ticked = format!("[x] {}", shown(&title));
    let screen = tui.wait_for("the ticked row shown ticked", |s| {
        line_with(s, &ticked).is_some()
    });
    // The cursor moved on to the next open item (issue 11, item 3).
    let row = tui.selected_row().unwrap();
    assert!(
        row.contains("[ ] ") && !row.contains(&ticked),
        "the cursor did not move on to an open item: {row:?}\n{screen}"
    );
    title
}

/// Quits with `q` and checks the process ended cleanly and gave the
/// terminal back: main screen, no mouse reporting, cursor visible.
fn quit(tui: &mut Tui) {
    tui.send("q");
    let status = tui.wait_exit();
    assert!(status.success(), "jmo exited with {status:?}");
    assert_terminal_restored(tui);
}

fn assert_terminal_restored(tui: &Tui) {
    tui.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting left on"
        );
        assert!(!s.hide_cursor(), "cursor left hidden");
    });
}

/// The four pane titles of the main screen.
fn has_panes(s: &str) -> bool {
    ["1 Partners", "2 Timeline", "3 Checklist", "4 MDF"]
        .iter()
        .all(|t| s.contains(t))
}

#[test]
fn a_tick_is_saved_and_still_there_after_quit_and_reopen() {
    let env = TestEnv::new();
    env.demo();
    let before = items(&env.export());

    let mut tui = env.open(COLS, ROWS, &[]);
    let title = tick_first_open_item(&mut tui);
    quit(&mut tui);

    let mut tui = env.open(COLS, ROWS, &[]);
    // Ticked, with today as its done date.
    tui.wait_for("the ticked item after reopening", |s| {
        line_with(s, &format!("[x] {}", shown(&title))).is_some_and(|l| l.contains("done Nov 21"))
    });
    quit(&mut tui);

    // Exactly one item changed in the database: the ticked one, done today.
    let after = items(&env.export());
    assert_eq!(before.len(), after.len());
    let changed: Vec<(&Value, &Value)> =
        before.iter().zip(&after).filter(|(b, a)| b != a).collect();
    assert_eq!(changed.len(), 1, "changed items: {changed:#?}");
    let (b, a) = changed[0];
    assert_eq!(a["title"], Value::from(title.as_str()));
    assert_eq!(b["done_on"], Value::Null);
    assert_eq!(a["done_on"], Value::from(AS_OF));
}

#[test]
fn reopening_starts_on_the_partner_campaign_and_pane_you_left() {
    let env = TestEnv::new();
    env.demo();
    let state = env.path().join("xdg-state").join("jmo").join("where.json");
    let mut tui = env.open(COLS, ROWS, &[]);
    tui.wait_for("the panes", has_panes);
    // The jump prompt: four letters and Enter, then the Checklist.
    tui.send("'");
    tui.wait_for("the jump prompt", |s| {
        s.contains("Jump to a partner or campaign")
    });
    tui.send("rtdd");
    tui.wait_for("the match", |s| s.contains("Redwood Tech Day Denver"));
    tui.send("\r");
    tui.wait_for("the campaign selected", |s| {
        s.contains("2 Timeline · Redwood IT Services") && !s.contains("Jump to")
    });
    tui.send("3");
    tui.wait_for("the Checklist focused", |s| {
        s.contains("┏ 3 Checklist · Redwood Tech Day")
    });
    quit(&mut tui);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&state).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the state file is not private");
    }
    let saved = std::fs::read_to_string(&state).unwrap();
    assert!(saved.contains("\"checklist\""), "{saved}");

    // A read-only command leaves it as it was.
    assert!(env.run(&["check"]).status.code().is_some());
    assert_eq!(std::fs::read_to_string(&state).unwrap(), saved);

    let mut tui = env.open(COLS, ROWS, &[]);
    tui.wait_for("the same partner, campaign and pane", |s| {
        s.contains("2 Timeline · Redwood IT Services")
            && s.contains("┏ 3 Checklist · Redwood Tech Day")
    });
    quit(&mut tui);
}

#[test]
fn the_welcome_screen_loads_the_example_plan_on_one_key() {
    let env = TestEnv::new();
    let mut tui = env.open(COLS, ROWS, &[]);
    let screen = tui.wait_for("the welcome screen", |s| {
        s.contains("This database is empty") && s.contains("q     quit")
    });
    for hint in [
        "x     load the example plan",
        "a     add your first partner",
        "?     all keys",
    ] {
        assert!(screen.contains(hint), "no '{hint}' on\n{screen}");
    }
    assert!(!has_panes(&screen));

    tui.send("x");
    let screen = tui.wait_for("the panes and the status", |s| {
        has_panes(s) && s.contains("Loaded the example plan as of Nov 21: 6 partners")
    });
    assert!(!screen.contains("This database is empty"));
    quit(&mut tui);

    // It was saved, not only shown.
    let export = env.export();
    assert!(!export["partners"].as_array().unwrap().is_empty());
    assert!(!export["campaigns"].as_array().unwrap().is_empty());
}

#[test]
fn undo_works_after_a_restart() {
    let env = TestEnv::new();
    env.demo();
    let mut tui = env.open(COLS, ROWS, &[]);
    let title = tick_first_open_item(&mut tui);
    quit(&mut tui);

    let mut tui = env.open(COLS, ROWS, &[]);
    tui.wait_for("the ticked item after reopening", |s| {
        s.contains(&format!("[x] {}", shown(&title)))
    });
    tui.send("u");
    tui.wait_for("the undo", |s| {
        s.contains(&format!("Undone: Tick '{title}'"))
            && s.contains(&format!("[ ] {}", shown(&title)))
    });
    quit(&mut tui);

    let item = items(&env.export())
        .into_iter()
        .filter(|i| i["title"] == title.as_str())
        .find(|i| i["done_on"] == AS_OF);
    assert_eq!(item, None, "still done today after the undo");
}

#[test]
fn typing_in_a_form_never_reaches_the_global_keys() {
    let env = TestEnv::new();
    env.demo();
    let partners_before = env.export()["partners"].as_array().unwrap().len();
    let mut tui = env.open(COLS, ROWS, &[]);
    tui.send("1");
    tui.wait_for("the Partners' hints", |s| s.contains("a add partner"));
    tui.send("a");
    tui.wait_for("the new-partner form", |s| {
        s.contains("New partner") && s.contains("Esc cancel")
    });
    // On the main screen q quits, u undoes, x loads the example plan, a
    // adds; in the form they are letters.
    tui.send("Quux quantum");
    tui.wait_for("the typed name", |s| {
        s.contains("New partner") && s.contains("Quux quantum")
    });
    assert!(tui.is_running(), "typing q in a form quit jmo");
    tui.send("\r");
    let screen = tui.wait_for("the saved partner", |s| {
        s.contains("Saved: Add partner 'Quux quantum'") && !s.contains("New partner")
    });
    // In the Partners list (the first column; ○: readiness incomplete),
    // and the Timeline is its.
    let line = line_with(&screen, "○ Quux quantum").unwrap();
    assert!(line.find("Quux quantum").unwrap() < 32, "{line:?}");
    assert!(screen.contains("Timeline · Quux quantum"), "{screen}");
    assert!(screen.contains(&format!("Partners ({})", partners_before + 1)));
    assert!(tui.is_running());
    quit(&mut tui);

    let export = env.export();
    let names: Vec<&str> = export["partners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), partners_before + 1, "{names:?}");
    assert!(names.contains(&"Quux quantum"), "{names:?}");
}

#[test]
fn a_small_terminal_asks_for_a_bigger_window_until_resized() {
    let env = TestEnv::new();
    env.demo();
    let mut tui = env.open(60, 20, &[]);
    let screen = tui.wait_for("the too-small message", |s| {
        s.contains("jmo needs a bigger window") && s.contains("this one is 60×20")
    });
    assert!(!has_panes(&screen));

    tui.resize(100, 30);
    let screen = tui.wait_for("the panes after the resize", has_panes);
    assert!(!screen.contains("bigger window"), "{screen}");
    // The 2×2 layout below 120 columns: Partners and Timeline side by side.
    let top = line_with(&screen, "1 Partners").unwrap();
    assert!(top.contains("2 Timeline"), "{top:?}");
    quit(&mut tui);
}

/// Whether any cell has a foreground or background colour.
fn any_colour(s: &vt100::Screen) -> bool {
    let (rows, cols) = s.size();
    (0..rows.get()).any(|r| {
        (0..cols.get()).any(|c| {
            s.cell(r, c).is_some_and(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
        })
    })
}

/// Whether any cell holds a double-width character (emoji).
fn any_wide(s: &vt100::Screen) -> bool {
    let (rows, cols) = s.size();
    (0..rows.get()).any(|r| (0..cols.get()).any(|c| s.cell(r, c).is_some_and(|c| c.is_wide())))
}

/// Moves the Partners cursor to Northwind Analytics, whose timeline has
/// done, overdue, in-progress and pending milestones on 2026-11-21, and
/// waits until `pred` holds for the screen.
fn show_northwind(tui: &mut Tui, what: &str, pred: impl Fn(&vt100::Screen) -> bool) -> String {
    tui.wait_for("the panes", has_panes);
    select(tui, "j", 10, "Northwind", |r| r.contains("Northwind"));
    tui.wait_for_screen(what, |s| {
        let text = screen_text(s);
        // "·" in the title, or "-" in ASCII mode.
        (text.contains("Timeline · Northwind Analytics")
            || text.contains("Timeline - Northwind Analytics"))
            && pred(s)
    });
    tui.text()
}

#[test]
fn ascii_and_no_color_draw_plain_symbols_without_colour() {
    let env = TestEnv::new();
    env.demo();

    // The contrast: by default, emoji and colour.
    let mut tui = env.open(COLS, ROWS, &[]);
    let screen = show_northwind(&mut tui, "emoji and colour", |s| {
        let text = screen_text(s);
        ["✅", "🔴", "⏳"].iter().all(|e| text.contains(e)) && any_colour(s) && any_wide(s)
    });
    assert!(
        !screen.contains("[!]") && !screen.contains("[~]"),
        "{screen}"
    );
    quit(&mut tui);

    let mut tui = env.open_with_env(COLS, ROWS, &["--ascii"], &[("NO_COLOR", "1")]);
    let screen = show_northwind(&mut tui, "the ASCII milestone icons", |s| {
        let text = screen_text(s);
        ["[x] Kickoff call", "[!] ", "[~] ", "[ ] Assets finalized"]
            .iter()
            .all(|icon| text.contains(icon))
    });
    for e in EMOJI {
        assert!(!screen.contains(e), "'{e}' on the ASCII screen\n{screen}");
    }
    assert!(
        !screen.contains('│') && !screen.contains('┃'),
        "box drawing"
    );
    tui.with_frame(|s| {
        assert!(!any_wide(s), "a double-width cell on the ASCII screen");
        assert_no_colour(s);
        // jmo itself saw NO_COLOR (crossterm alone would drop the colours
        // but not add this): muted text falls back to dim.
        assert!(any_dim(s), "no dim text with NO_COLOR");
    });
    quit(&mut tui);
}

/// Fails on the first cell with a foreground or background colour.
fn assert_no_colour(s: &vt100::Screen) {
    let (rows, cols) = s.size();
    for r in 0..rows.get() {
        for c in 0..cols.get() {
            let cell = s.cell(r, c).unwrap();
            assert_eq!(
                (cell.fgcolor(), cell.bgcolor()),
                (vt100::Color::Default, vt100::Color::Default),
                "colour at row {r}, column {c} ({:?})\n{}",
                cell.contents(),
                screen_text(s)
            );
        }
    }
}

/// Whether any cell is drawn dim.
fn any_dim(s: &vt100::Screen) -> bool {
    let (rows, cols) = s.size();
    (0..rows.get()).any(|r| (0..cols.get()).any(|c| s.cell(r, c).is_some_and(|c| c.dim())))
}

#[test]
fn color_false_in_the_config_draws_no_colour() {
    let env = TestEnv::new();
    env.demo();
    std::fs::write(&env.config, "color = false\n").unwrap();
    // NO_COLOR is not set: crossterm would pass any colour jmo asked for.
    let mut tui = env.open(COLS, ROWS, &[]);
    show_northwind(&mut tui, "the timeline, dim where muted", any_dim);
    tui.with_frame(assert_no_colour);
    // The popups too: a form with a text field being typed in, the
    // findings list, help.
    tui.send("1a");
    tui.wait_for("the new-partner form", |s| s.contains("New partner"));
    tui.send("Zed");
    tui.wait_for("the typed name", |s| {
        s.contains("Name                    Zed")
    });
    tui.with_frame(assert_no_colour);
    tui.send("\r");
    tui.wait_for("the saved partner", |s| {
        s.contains("Saved: Add partner 'Zed'")
    });
    tui.send("f");
    tui.wait_for("the findings list", |s| {
        s.contains("Enter goes to the record")
    });
    tui.with_frame(assert_no_colour);
    // The first finding is the demo's E5: Enter opens its account's
    // journey over the list.
    tui.send("\r");
    tui.wait_for("the journey over the list", |s| {
        s.contains("Journey — ") && !s.contains("Enter goes to the record")
    });
    tui.with_frame(assert_no_colour);
    tui.send("?");
    tui.wait_for("help", |s| s.contains("Help: keys"));
    tui.with_frame(assert_no_colour);
    tui.send(" "); // a key help does not use keeps it open (review 2, N12)
    tui.send("q"); // q closes it, as Esc does
    tui.wait_for("help closed", |s| !s.contains("Help: keys"));
    tui.send("\x1b"); // Esc: the journey closes back to the list
    tui.wait_for("the list again", |s| s.contains("Enter goes to the record"));
    tui.send("\x1b");
    tui.wait_for("the list closed", |s| {
        !s.contains("Enter goes to the record")
    });
    quit(&mut tui);
}

#[test]
fn sigterm_quits_and_restores_the_terminal() {
    use nix::sys::signal::{Signal, kill};
    use nix::unistd::Pid;
    let env = TestEnv::new();
    env.demo();
    let mut tui = env.open(COLS, ROWS, &[]);
    tui.wait_for("the panes", has_panes);
    let pid = i32::try_from(tui.pid()).unwrap();
    kill(Pid::from_raw(pid), Signal::SIGTERM).unwrap();
    let status = tui.wait_exit();
    // Handled (a clean exit), not killed by the signal.
    assert_eq!(status.signal(), None, "{status:?}");
    assert!(status.success(), "{status:?}");
    assert_terminal_restored(&tui);
}

#[test]
fn check_exit_codes_and_json() {
    let env = TestEnv::new();

    // No database: exit 2, a clear message, and no database made.
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no database at") && err.contains(&env.db.display().to_string()),
        "{err}"
    );
    assert!(!env.db.exists(), "check created a database");

    // An empty database (made by opening and quitting jmo): exit 0.
    let mut tui = env.open(100, 30, &[]);
    tui.wait_for("the welcome screen", |s| {
        s.contains("This database is empty")
    });
    quit(&mut tui);
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("jmo check as of 2026-11-21: 0 errors, 0 warnings"),
        "{text}"
    );

    // The example plan breaks rules on purpose: exit 1.
    env.demo();
    let out = env.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("jmo check as of 2026-11-21: "), "{text}");
    assert!(text.contains("ERROR"), "{text}");

    let out = env.run(&["check", "--json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = findings.as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let f = f.as_object().unwrap();
        for key in [
            "rule", "severity", "partner", "campaign", "record", "message",
        ] {
            assert!(f.contains_key(key), "no '{key}' in {f:?}");
        }
        let rule = f["rule"].as_str().unwrap();
        assert!(
            jmo::domain::guardrails::Rule::from_key(rule).is_some_and(|r| r.key() == rule),
            "{f:?}"
        );
        assert!(
            ["error", "warning"].contains(&f["severity"].as_str().unwrap()),
            "{f:?}"
        );
        assert!(!f["partner"].as_str().unwrap().is_empty(), "{f:?}");
        assert!(
            f["campaign"].is_string() || f["campaign"].is_null(),
            "{f:?}"
        );
        assert!(
            f["record"]["kind"].is_string() && f["record"]["id"].is_i64(),
            "{f:?}"
        );
        assert!(!f["message"].as_str().unwrap().is_empty(), "{f:?}");
    }
    // The same findings as the text report says.
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    let warnings = findings.len() - errors;
    let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
    assert!(
        text.starts_with(&format!(
            "jmo check as of 2026-11-21: {}, {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        )),
        "{text}"
    );
    assert!(errors > 0);
}

/// A panic restores the terminal (debug builds have a test seam that
/// panics right after the first frame).
#[test]
fn a_panic_restores_the_terminal() {
    let env = TestEnv::new();
    env.demo();
    let mut tui = env.open_with_env(COLS, ROWS, &[], &[("JMO_TEST_PANIC", "1")]);
    let status = tui.wait_exit();
    assert_eq!(status.exit_code(), 101, "a panic exits with 101");
    assert_terminal_restored(&tui);
    // The panic message is printed after the screen is restored, on the
    // main screen (no frame follows it).
    let now = tui.with_screen(screen_text);
    assert!(now.contains("deliberate panic"), "{now}");
}

/// Closing the terminal under jmo ends it: it must not linger, and above
/// all not spin on the dead terminal (crossterm-rs/crossterm#793). The
/// harness's reader keeps the terminal open, so this test reads the first
/// frame itself and then closes every handle on the terminal's master side.
#[test]
fn closing_the_terminal_ends_jmo() {
    use portable_pty::{PtySize, native_pty_system};
    use std::io::Read;
    let env = TestEnv::new();
    env.demo();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut child = pair.slave.spawn_command(env.pty_command(&[], &[])).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (drawn, first_frame) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("MDF") {
                let _ = drawn.send(());
                break; // drops this handle on the master side
            }
        }
    });
    first_frame
        .recv_timeout(Duration::from_secs(15))
        .expect("no first frame");
    std::thread::sleep(Duration::from_millis(300)); // into its event loop
    drop(pair.master); // the last handle: the terminal is gone
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.exit_code() == 0 || status.exit_code() == 129,
                "{status:?}"
            );
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill(); // never leave it spinning
            panic!("jmo is still running after its terminal closed");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Issue 3: record an expense with its proof, submit a claim, and see the
/// request's balances change on screen and in the database.
#[test]
fn an_expense_and_a_claim_move_the_mdf_balances() {
    let env = TestEnv::new();
    // One partner, one webinar, a $20,000 fund, a $5,000 approved request.
    let doc = serde_json::json!({
        "format": "jmo", "version": 2, "currency": "USD",
        "partners": [{"id": 1, "name": "Acme Cloud", "partnership_type": "technology", "tier": "gold",
                      "brand_guidelines_on_file": true, "data_consent_on": null, "notes": ""}],
        "campaigns": [{"id": 1, "partner_id": 1, "name": "Cloud Webinar", "campaign_type": "webinar",
                       "playbook": null, "status": "live", "audience": "", "start": "2026-10-01",
                       "launch": "2026-11-10", "end": "2026-11-17", "budget": "8000", "internal_cost": "2000",
                       "lead_target": 200, "crm_id": "701X00000000001", "attribution_agreed": true, "uses_partner_data": false}],
        "funds": [{"id": 1, "partner_id": 1, "name": "FY26 co-op", "period_start": "2026-01-01",
                   "period_end": "2027-06-30", "allocated": "20000", "policy": "default"}],
        "mdf_requests": [{"id": 1, "campaign_id": 1, "fund_id": 1, "activity": "webinar", "amount": "5000",
                          "approved_amount": null, "status": "approved", "submitted_on": "2026-09-01",
                          "decided_on": "2026-09-05", "justification": "Joint pipeline"}]
    });
    let file = env.path().join("plan.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = env.run(&["import", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut tui = env.open(COLS, ROWS, &[]);
    tui.wait_for("the panes", has_panes);
    // MDF pane: funds header → fund → budget → internal cost → the request.
    tui.send("4jjjj");
    tui.wait_for("the request selected", |s| {
        s.lines().any(|l| l.contains("▸  MDF request approved"))
    });
    tui.send("\r");
    tui.wait_for("the request's ledger", |s| {
        s.contains("Esc back") && s.contains("Claimable (vendor share)")
    });
    let claimable = |s: &str| {
        line_with(s, "Claimable (vendor share)")
            .map(|l| l.to_string())
            .unwrap_or_default()
    };
    assert!(claimable(&tui.text()).contains("$0.00"), "{}", tui.text());
    // a → e: an expense of $3,000 with an invoice and both kinds of proof.
    tui.send("ae");
    tui.wait_for("the expense form", |s| s.contains("New expense"));
    tui.send("\tlead list export\t3000\t\tStreamCo\tINV-77\t");
    tui.send(
        "attendee lead list: https://files.example/leads.csv; recording URL: https://v.example/1\r",
    );
    tui.wait_for("the saved expense", |s| {
        s.contains("Saved: Add expense 'lead list export'")
    });
    // Half of it is claimable (the default policy's 50 % share).
    tui.wait_for("claimable $1,500.00", |s| {
        claimable(s).contains("$1,500.00")
    });
    // a → c: the claim defaults to what is claimable and not yet claimed.
    tui.send("ac");
    tui.wait_for("the claim form", |s| {
        s.contains("New claim") && s.contains("1500")
    });
    tui.send("\r");
    tui.wait_for("the claimed balance", |s| {
        s.contains("Saved: Add claim")
            && line_with(s, "Claimed").is_some_and(|l| l.contains("$1,500.00"))
    });
    quit(&mut tui);

    // In the database: one expense, one submitted claim for $1,500.
    let export = env.export();
    assert_eq!(export["expenses"].as_array().unwrap().len(), 1);
    assert_eq!(export["expenses"][0]["invoice_ref"], "INV-77");
    assert_eq!(export["claims"][0]["amount"], "1500");
    assert_eq!(export["claims"][0]["status"], "submitted");
}
