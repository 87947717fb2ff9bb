//! A long text field written in `$EDITOR` (issue 11, item 6), with the
//! real binary in a pseudo-terminal: Ctrl-e in the partner's notes gives
//! the terminal back (main screen, cooked mode) while the editor runs,
//! takes it again after, and the editor's text is in the field, saved on
//! Enter.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

#[test]
fn ctrl_e_runs_the_editor_on_the_main_screen_and_its_text_is_saved() {
    let env = TestEnv::new();
    env.demo();
    let dir = env.path().display().to_string();
    let script = env.path().join("editor.sh");
    // The editor notes the terminal's mode, shows itself, waits (at most
    // 10 s) for the test to look, then adds a line.
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\n\
             stty -a > '{dir}/stty.txt' 2>&1\n\
             printf 'EDITOR RUNNING\\n'\n\
             i=0\n\
             while [ ! -e '{dir}/go' ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done\n\
             echo 'Line from the editor' >> \"$1\"\n"
        ),
    )
    .unwrap();
    let editor = format!("sh {}", script.display());
    let mut tui = env.open_with_env(100, 30, &[], &[("EDITOR", &editor), ("VISUAL", "")]);
    // The partner's form, its last field (the notes), the editor.
    tui.send("e");
    tui.wait_for("the partner form", |s| s.contains("Edit partner"));
    tui.send("\x1b[Z");
    tui.wait_for("the notes focused", |s| s.contains("$EDITOR"));
    tui.send("\x05");
    // The terminal as it is now (jmo draws no frame while the editor runs).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !tui.with_screen(|s| !s.alternate_screen() && screen_text(s).contains("EDITOR RUNNING")) {
        assert!(
            std::time::Instant::now() < deadline,
            "the editor never showed on the main screen:\n{}",
            tui.with_screen(screen_text)
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::fs::write(env.path().join("go"), "").unwrap();
    tui.wait_for_screen("the form again, with the editor's line", |s| {
        s.alternate_screen()
            && screen_text(s).contains("Edit partner")
            && screen_text(s).contains("Line from the editor")
    });
    let stty = std::fs::read_to_string(env.path().join("stty.txt")).unwrap();
    assert!(
        stty.split_whitespace().any(|w| w == "icanon") && !stty.contains("-icanon"),
        "the editor ran in raw mode: {stty}"
    );
    // Not saved until Enter.
    tui.send("\r");
    tui.wait_for("the save", |s| s.contains("Saved: Edit partner"));
    let export = env.export();
    let notes = export["partners"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|p| {
            p["notes"]
                .as_str()
                .filter(|n| n.contains("Line from the editor"))
        })
        .unwrap_or_else(|| panic!("no partner's notes hold the editor's line"))
        .to_string();
    assert!(notes.ends_with("\nLine from the editor"), "{notes:?}");
    assert!(notes.lines().count() >= 3, "{notes:?}");
}
