//! `jmo tick ITEM` (issue 13, targets: a checklist tick from the shell):
//! ticks and unticks a checklist item as one edit labelled as the
//! screen's Space labels it; an item already so, an unknown item and an
//! ambiguous one write nothing; the item is found reading its partner
//! alone. On the example plan, as of the harness's day.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use common::{AS_OF, TestEnv};
use serde_json::Value;
use std::process::Output;

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The checklist item `id` of an export.
fn item(doc: &Value, id: i64) -> &Value {
    doc["responsibilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// The labels of an export's change sets, in order.
fn labels(doc: &Value) -> Vec<String> {
    doc["history"]["change_sets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap().to_owned())
        .collect()
}

/// The database file's bytes, with the names of the files beside it.
fn file_state(env: &TestEnv) -> (Vec<u8>, Vec<String>) {
    let mut names: Vec<String> = std::fs::read_dir(env.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    (std::fs::read(&env.db).unwrap(), names)
}

/// Runs `jmo ARGS`, asserting exit code `code`.
fn run(env: &TestEnv, args: &[&str], code: i32) -> Output {
    let out = env.run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{args:?}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    out
}

#[test]
fn tick_and_untick_are_one_edit_each_labelled_as_the_screen_labels_them() {
    let env = TestEnv::new();
    env.demo();
    let before = env.export();
    assert_eq!(item(&before, 31)["done_on"], Value::Null);
    let out = run(
        &env,
        &[
            "tick",
            "build agenda ",
            "--campaign",
            "Northwind Data Summit",
        ],
        0,
    );
    assert_eq!(
        stdout(&out),
        format!(
            "Ticked 'Build agenda' (ours) in 'Northwind Data Summit' (Northwind Analytics) on {AS_OF}: 1 of 10 done\n"
        )
    );
    assert_eq!(stderr(&out), "");
    let ticked = env.export();
    assert_eq!(item(&ticked, 31)["done_on"], AS_OF);
    let mut expected = labels(&before);
    expected.push("Tick 'Build agenda'".to_owned());
    assert_eq!(labels(&ticked), expected);
    // Nothing else changed: the item's done_on is the one difference.
    let mut same = ticked.clone();
    same["responsibilities"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["id"] == 31)
        .unwrap()["done_on"] = Value::Null;
    assert_eq!(same["responsibilities"], before["responsibilities"]);

    let out = run(&env, &["tick", "item:31", "--untick"], 0);
    assert_eq!(
        stdout(&out),
        "Unticked 'Build agenda' (ours) in 'Northwind Data Summit' (Northwind Analytics): 0 of 10 done\n"
    );
    let unticked = env.export();
    assert_eq!(item(&unticked, 31)["done_on"], Value::Null);
    expected.push("Untick 'Build agenda'".to_owned());
    assert_eq!(labels(&unticked), expected);
    assert_eq!(unticked["responsibilities"], before["responsibilities"]);
}

#[test]
fn an_item_already_so_is_said_and_the_file_is_left_as_it_was() {
    let env = TestEnv::new();
    env.demo();
    let before = file_state(&env);
    // Item 1 was ticked on 2026-08-10 in the example plan.
    let out = run(&env, &["tick", "item:1"], 0);
    assert_eq!(
        stdout(&out),
        "Already done: 'Create landing page' (ours) in 'Modern Data Stack Webinar' (Northwind Analytics), ticked on 2026-08-10; nothing was written\n"
    );
    let out = run(
        &env,
        &[
            "tick",
            "Build agenda",
            "--campaign",
            "campaign:4",
            "--untick",
        ],
        0,
    );
    assert_eq!(
        stdout(&out),
        "Already open: 'Build agenda' (ours) in 'Northwind Data Summit' (Northwind Analytics); nothing was written\n"
    );
    assert!(file_state(&env) == before, "the file changed");
}

#[test]
fn an_unknown_item_lists_the_near_titles_with_their_ids_and_writes_nothing() {
    let env = TestEnv::new();
    env.demo();
    let before = file_state(&env);
    let out = run(&env, &["tick", "agenda"], 2);
    assert_eq!(
        stderr(&out),
        "jmo: no checklist item matches 'agenda' (use its title, ignoring case, or item:ID); candidates:\n  \
         item:31  Build agenda (ours) in 'Northwind Data Summit' (Northwind Analytics, campaign:4)\n  \
         item:54  Joint agenda (shared, done) in 'Meridian Customer Day Chicago' (Meridian Solutions Group, campaign:6)\n  \
         item:82  Build agenda (ours, done) in 'Cloud Migration Summit' (Atlas Cloud, campaign:10)\n  \
         item:109  Joint agenda (shared) in 'Joint booth at DataWorld Expo' (Atlas Cloud, campaign:12)\n  \
         item:129  Joint agenda (shared) in 'Partner roadshow Austin' (Verity Systems, campaign:14)\n  \
         item:138  Joint agenda (shared, done) in 'Redwood Tech Day Denver' (Redwood IT Services, campaign:15)\n"
    );
    assert_eq!(stdout(&out), "");
    // Within a campaign with no near title: its whole checklist.
    let out = run(&env, &["tick", "zzz", "--campaign", "campaign:4"], 2);
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "jmo: no checklist item matches 'zzz' in 'Northwind Data Summit' (use its title, ignoring case, or item:ID); candidates:\n  item:30  Set up event platform (ours)"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 11, "{err}");
    let out = run(&env, &["tick", "item:9999"], 2);
    assert_eq!(
        stderr(&out),
        "jmo: there is no checklist item item:9999 (use its title, or item:ID)\n"
    );
    // An item of another campaign than the one given.
    let out = run(&env, &["tick", "item:1", "--campaign", "campaign:4"], 2);
    assert!(stderr(&out).contains("no checklist item matches 'item:1' in 'Northwind Data Summit'"));
    let out = run(&env, &["tick", "Build agenda", "--campaign", "Nope"], 2);
    assert!(
        stderr(&out).starts_with("jmo: --campaign: no campaign matches 'Nope'"),
        "{}",
        stderr(&out)
    );
    assert!(file_state(&env) == before, "the file changed");
}

#[test]
fn a_title_several_items_share_is_refused_with_the_candidates_until_narrowed() {
    let env = TestEnv::new();
    env.demo();
    let before = file_state(&env);
    let out = run(&env, &["tick", "Build agenda"], 2);
    assert_eq!(
        stderr(&out),
        "jmo: 'Build agenda' names 2 checklist items; add --campaign CAMPAIGN, --side SIDE or use item:ID; candidates:\n  \
         item:31  Build agenda (ours) in 'Northwind Data Summit' (Northwind Analytics, campaign:4)\n  \
         item:82  Build agenda (ours, done) in 'Cloud Migration Summit' (Atlas Cloud, campaign:10)\n"
    );
    // One campaign, the title on two sides.
    let playbook = ["--campaign", "Data Quality Playbook e-book"];
    let mut args = vec!["tick", "Promote on channels"];
    args.extend(playbook);
    let out = run(&env, &args, 2);
    assert_eq!(
        stderr(&out),
        "jmo: 'Promote on channels' names 2 checklist items; add --side SIDE or use item:ID; candidates:\n  \
         item:15  Promote on channels (ours, done) in 'Data Quality Playbook e-book' (Northwind Analytics, campaign:2)\n  \
         item:18  Promote on channels (partner) in 'Data Quality Playbook e-book' (Northwind Analytics, campaign:2)\n"
    );
    assert!(file_state(&env) == before, "the file changed");
    args.extend(["--side", "partner"]);
    let out = run(&env, &args, 0);
    assert_eq!(
        stdout(&out),
        format!(
            "Ticked 'Promote on channels' (partner) in 'Data Quality Playbook e-book' (Northwind Analytics) on {AS_OF}: 10 of 10 done\n"
        )
    );
    let doc = env.export();
    assert_eq!(item(&doc, 18)["done_on"], AS_OF);
}

/// Issue 13: the command reads the item's partner, not the database. A
/// value of another partner's campaign that cannot be read stops every
/// whole read (`jmo export`), and not the tick: by id, by title within a
/// campaign, and by a title only one item has.
#[test]
fn a_tick_reads_the_items_partner_alone() {
    let env = TestEnv::new();
    env.demo();
    {
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        // Campaign 10 is Atlas Cloud's; items 30–39 are Northwind Analytics'.
        conn.execute("UPDATE campaigns SET budget = 'lots' WHERE id = 10", [])
            .unwrap();
        conn.execute(
            "UPDATE responsibilities SET title = 'Book the studio' WHERE id = 37",
            [],
        )
        .unwrap();
    }
    let whole = env.run(&["export", "--json", "--redact"]);
    assert_ne!(whole.status.code(), Some(0), "the whole read must fail");
    run(&env, &["tick", "item:30"], 0);
    run(
        &env,
        &[
            "tick",
            "Build agenda",
            "--campaign",
            "Northwind Data Summit",
        ],
        0,
    );
    let out = run(&env, &["tick", "book the studio"], 0);
    assert_eq!(
        stdout(&out),
        format!(
            "Ticked 'Book the studio' (shared) in 'Northwind Data Summit' (Northwind Analytics) on {AS_OF}: 3 of 10 done\n"
        )
    );
}

#[test]
fn no_database_is_said_and_none_is_created() {
    let env = TestEnv::new();
    let out = run(&env, &["tick", "Build agenda"], 2);
    assert!(
        stderr(&out).starts_with("jmo: no database at "),
        "{}",
        stderr(&out)
    );
    assert!(!env.db.exists());
}
