//! Forms a person can type in (issue 11, item 6), driven from the keys:
//! a field's text selected as focus enters it, Ctrl-u, Ctrl-w, new lines
//! in long text fields, and `$EDITOR` through the event loop's effect
//! (run here with a fake editor, as the loop would run the real one).

use super::editor::{Edit, Edited};
use super::tests::{app_on, form, keys, press, press_mod};
use super::*;
use crossterm::event::{KeyCode, KeyModifiers};

/// An app with one partner "Northwind Traders", made through its form.
fn app_with_partner() -> App {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "aNorthwind Traders");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_partner().unwrap().name, "Northwind Traders");
    app
}

fn ctrl(app: &mut App, c: char) {
    press_mod(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// The partner's notes as stored on disk.
fn stored_notes(app: &App) -> String {
    let program = app.read_program().unwrap();
    program.partners.iter().next().unwrap().notes.clone()
}

/// The partner form with its last field (the notes) focused.
fn edit_notes(app: &mut App) {
    keys(app, "e");
    press(app, KeyCode::BackTab);
    assert_eq!(form(app).fields[form(app).focus].key, "notes");
}

#[test]
fn typing_replaces_a_prefilled_field_and_end_keeps_it() {
    let mut app = app_with_partner();
    keys(&mut app, "e");
    keys(&mut app, "Contoso");
    assert_eq!(form(&app).value("name"), "Contoso");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_partner().unwrap().name, "Contoso");
    // Moving out and back in selects again; End keeps the text.
    keys(&mut app, "e");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::End);
    keys(&mut app, " Ltd");
    assert_eq!(form(&app).value("name"), "Contoso Ltd");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    // Left keeps it too, the cursor one back.
    keys(&mut app, "e");
    press(&mut app, KeyCode::Left);
    keys(&mut app, "x");
    assert_eq!(form(&app).value("name"), "Contosxo");
}

#[test]
fn ctrl_u_empties_the_field_and_ctrl_w_deletes_a_word() {
    let mut app = app_with_partner();
    keys(&mut app, "e");
    ctrl(&mut app, 'u');
    assert_eq!(form(&app).value("name"), "");
    keys(&mut app, "Fabrikam Global Inc");
    ctrl(&mut app, 'w');
    assert_eq!(form(&app).value("name"), "Fabrikam Global ");
    ctrl(&mut app, 'w');
    assert_eq!(form(&app).value("name"), "Fabrikam ");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected_partner().unwrap().name, "Fabrikam");
    // On a selected field Ctrl-w still deletes one word, not the selection.
    keys(&mut app, "e");
    press(&mut app, KeyCode::End);
    keys(&mut app, " Europe");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::BackTab);
    ctrl(&mut app, 'w');
    assert_eq!(form(&app).value("name"), "Fabrikam ");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    // A required field emptied keeps its error at the field, the form open.
    keys(&mut app, "e");
    ctrl(&mut app, 'u');
    press(&mut app, KeyCode::Enter);
    assert_eq!(form(&app).fields[0].error.as_deref(), Some("required"));
}

#[test]
fn a_new_line_in_a_long_field_saves_several_lines_and_reloads_them() {
    let mut app = app_with_partner();
    edit_notes(&mut app);
    keys(&mut app, "Met at the summit");
    ctrl(&mut app, 'j');
    keys(&mut app, "Wants a webinar");
    press_mod(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    keys(&mut app, "in Q1");
    assert_eq!(
        form(&app).value("notes"),
        "Met at the summit\nWants a webinar\nin Q1"
    );
    // Enter still saves the form.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(
        stored_notes(&app),
        "Met at the summit\nWants a webinar\nin Q1"
    );
    // Reopened, the field holds the three lines.
    edit_notes(&mut app);
    let Some(form::Input::Text { area, .. }) = form(&app).field("notes").map(|f| &f.input) else {
        panic!("no notes field")
    };
    assert_eq!(area.lines().len(), 3);
    // A one-line field takes no new line.
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'j');
    press_mod(&mut app, KeyCode::Enter, KeyModifiers::ALT);
    assert_eq!(form(&app).value("name"), "Northwind Traders");
}

#[test]
fn the_new_line_and_editor_keys_show_in_a_long_field_only() {
    let mut app = app_with_partner();
    keys(&mut app, "e");
    let labels = |app: &App| -> Vec<String> { app.hints().into_iter().map(|h| h.label).collect() };
    assert!(
        !labels(&app)
            .iter()
            .any(|l| l == "new line" || l == "$EDITOR")
    );
    press(&mut app, KeyCode::BackTab);
    let shown = labels(&app);
    assert!(shown.iter().any(|l| l == "new line"), "{shown:?}");
    assert!(shown.iter().any(|l| l == "$EDITOR"), "{shown:?}");
}

/// A fake editor: a shell script that appends a line to the file.
fn fake_editor(dir: &std::path::Path, body: &str) -> String {
    let script = dir.join("editor.sh");
    std::fs::write(&script, format!("#!/bin/sh\n{body}\n")).unwrap();
    format!("sh {}", script.display())
}

/// Ctrl-e in the focused field: the effect the event loop would run.
fn ask_editor(app: &mut App) -> Edit {
    ctrl(app, 'e');
    let mut found = None;
    while let Some(effect) = app.take_effect() {
        if let Effect::Editor(edit) = effect {
            found = Some(edit);
        }
    }
    found.expect("Ctrl-e asked for no editor")
}

#[test]
fn ctrl_e_edits_a_long_field_in_the_editor_and_enter_saves_it() {
    let mut app = app_with_partner();
    edit_notes(&mut app);
    keys(&mut app, "First line");
    let edit = ask_editor(&mut app);
    assert_eq!(
        edit,
        Edit {
            field: "notes",
            text: "First line".into()
        }
    );
    let dir = tempfile::tempdir().unwrap();
    let editor = fake_editor(dir.path(), "echo 'Added in the editor' >> \"$1\"");
    let edited = edit.run_with(&editor);
    assert_eq!(
        edited.result.as_deref(),
        Ok("First line\nAdded in the editor\n")
    );
    app.edited(edited);
    // In the field, not saved until Enter.
    assert_eq!(form(&app).value("notes"), "First line\nAdded in the editor");
    assert_eq!(stored_notes(&app), "");
    press(&mut app, KeyCode::Enter);
    assert_eq!(stored_notes(&app), "First line\nAdded in the editor");
}

#[test]
fn a_line_the_editor_adds_to_an_empty_field_is_its_first_line() {
    let mut app = app_with_partner();
    edit_notes(&mut app);
    let edit = ask_editor(&mut app);
    assert_eq!(edit.text, "");
    let dir = tempfile::tempdir().unwrap();
    let editor = fake_editor(dir.path(), "echo 'added' >> \"$1\"");
    app.edited(edit.run_with(&editor));
    assert_eq!(form(&app).value("notes"), "added");
    press(&mut app, KeyCode::Enter);
    assert_eq!(stored_notes(&app), "added");
}

#[test]
fn the_editor_file_is_private_and_removed_afterwards() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("seen");
    let editor = fake_editor(
        dir.path(),
        &format!(
            "stat -c '%a' \"$1\" \"$(dirname \"$1\")\" > {log}; echo \"$1\" >> {log}",
            log = log.display()
        ),
    );
    let edited = Edit {
        field: "notes",
        text: "secret".into(),
    }
    .run_with(&editor);
    assert_eq!(edited.result.as_deref(), Ok("secret\n"));
    let seen = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(&lines[..2], ["600", "700"], "{seen}");
    assert!(!std::path::Path::new(lines[2]).exists());
}

#[test]
fn a_failing_or_missing_editor_leaves_the_text_and_says_so_as_a_notice() {
    let mut app = app_with_partner();
    edit_notes(&mut app);
    keys(&mut app, "Kept");
    let dir = tempfile::tempdir().unwrap();
    let failing = fake_editor(dir.path(), "echo 'lost' >> \"$1\"; exit 3");
    let edited = ask_editor(&mut app).run_with(&failing);
    app.edited(edited);
    assert_eq!(form(&app).value("notes"), "Kept");
    // Not a field's error: the form's notice, in its status line.
    assert!(form(&app).fields.iter().all(|f| f.error.is_none()));
    let notice = form(&app).notice.clone().unwrap_or_default();
    assert!(notice.contains("failed (exit 3)"), "{notice}");
    let rows = rows_80x24(&mut app).join("\n");
    assert!(rows.contains("▲ the editor 'sh "), "{rows}");
    assert!(rows.contains("failed (exit 3); the text is as"), "{rows}");
    assert!(!rows.contains("Fix the fields"), "{rows}");
    let edited = ask_editor(&mut app).run_with("/no/such/editor");
    app.edited(edited);
    let notice = form(&app).notice.clone().unwrap_or_default();
    assert!(notice.contains("not found"), "{notice}");
    assert_eq!(form(&app).value("notes"), "Kept");
    // Typing goes on: the notice goes with the next change.
    keys(&mut app, "!");
    assert_eq!(form(&app).notice, None);
    // The message is not a rule: Enter saves what is in the field.
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(stored_notes(&app), "Kept!");
}

#[test]
fn ctrl_e_outside_a_long_field_asks_for_no_editor() {
    let mut app = app_with_partner();
    keys(&mut app, "e");
    ctrl(&mut app, 'e');
    assert!(app.take_effect().is_none());
    assert!(
        form(&app)
            .error
            .as_deref()
            .unwrap_or_default()
            .contains("long text")
    );
    // What the editor left after the form closed is dropped, said so.
    press(&mut app, KeyCode::Esc);
    app.edited(Edited {
        field: "notes",
        result: Ok("late".into()),
    });
    assert_eq!(stored_notes(&app), "");
}

/// The screen's rows at 80×24.
fn rows_80x24(app: &mut App) -> Vec<String> {
    use ratatui::{Terminal, backend::TestBackend, layout::Rect};
    app.set_areas(crate::ui::areas(Rect::new(0, 0, 80, 24)));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..24)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

#[test]
fn a_long_field_shows_its_lines_and_its_keys_in_the_form_at_80_columns() {
    let mut app = app_with_partner();
    edit_notes(&mut app);
    keys(&mut app, "One");
    ctrl(&mut app, 'j');
    keys(&mut app, "Two");
    let rows = rows_80x24(&mut app);
    let at = |text: &str| rows.iter().position(|r| r.contains(text));
    let (one, two) = (at("One").unwrap(), at("Two").unwrap());
    assert_eq!(two, one + 1, "{rows:#?}");
    assert!(
        rows.iter()
            .any(|r| r.contains("Ctrl-j new line  Ctrl-e $EDITOR")),
        "{rows:#?}"
    );
    // Not in a one-line field.
    press(&mut app, KeyCode::Tab);
    let rows = rows_80x24(&mut app);
    assert!(
        !rows.iter().any(|r| r.contains("Ctrl-j new line")),
        "{rows:#?}"
    );
}

#[test]
fn typing_in_a_long_field_adds_to_its_text_rather_than_replacing_it() {
    // A meeting's notes: `n` opens today's check-in on Progress; a second
    // `n` reopens them, and one letter typed must not wipe the notes.
    let mut app = super::tests::app_with_campaign();
    keys(&mut app, "n");
    keys(&mut app, "Landing page live");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "n");
    assert_eq!(form(&app).fields[form(&app).focus].key, "progress");
    keys(&mut app, "y");
    assert_eq!(form(&app).value("progress"), "Landing page livey");
    // Tabbing into a long field puts the cursor at its end too.
    ctrl(&mut app, 'u');
    keys(&mut app, "Two lines");
    ctrl(&mut app, 'j');
    keys(&mut app, "of notes");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::BackTab);
    keys(&mut app, ".");
    assert_eq!(form(&app).value("progress"), "Two lines\nof notes.");
    press(&mut app, KeyCode::Enter);
    let m = app.program.meetings.iter().next().unwrap();
    assert_eq!(m.progress, "Two lines\nof notes.");
    // A one-line field is still selected as focus enters it.
    keys(&mut app, "n");
    press(&mut app, KeyCode::BackTab);
    assert_eq!(form(&app).fields[form(&app).focus].key, "held_on");
    keys(&mut app, "today");
    assert_eq!(form(&app).value("held_on"), "today");
}
