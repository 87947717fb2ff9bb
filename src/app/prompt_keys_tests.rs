//! The one-line prompts' editing keys and the CRM import's file prompt and
//! preview as a new user meets them (the new-user test of `I`): Ctrl-u
//! empties the line and Ctrl-w deletes a word, as in the forms; the help
//! lists them; Tab in a folder of hidden entries only says so; the
//! preview's hint never says Enter applies when Enter would refuse; `w`
//! writes the valid records.

use super::tests::{app_on, keys, press, press_mod};
use super::views::prompt::PromptPurpose;
use super::*;
use crate::domain::guardrails::Rule;
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// The example plan in memory.
fn example() -> App {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    app
}

fn ctrl(app: &mut App, c: char) {
    press_mod(app, KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// The file prompt's line and message.
fn prompt(app: &App) -> (String, Option<String>) {
    match &app.mode {
        Mode::Prompt(p) if p.purpose == PromptPurpose::CrmImport => {
            (p.area.lines().join("\n"), p.error.clone())
        }
        other => panic!("no file prompt: {other:?}"),
    }
}

/// The screen's rows at `w`×`h`, laid out as the event loop does.
fn rows_at(app: &mut App, w: u16, h: u16) -> Vec<String> {
    app.set_areas(crate::ui::areas(Rect::new(0, 0, w, h)));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    let buf = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// Ctrl-w deletes the word before the cursor and Ctrl-u empties the line
/// in the file prompt (it used to undo one character), and in the filter.
#[test]
fn ctrl_u_empties_a_prompt_and_ctrl_w_deletes_a_word() {
    let mut app = example();
    keys(&mut app, "I");
    keys(&mut app, "~/Downloads/old report");
    ctrl(&mut app, 'w');
    assert_eq!(prompt(&app).0, "~/Downloads/old ");
    ctrl(&mut app, 'u');
    assert_eq!(prompt(&app).0, "");
    keys(&mut app, "~/x.csv");
    assert_eq!(prompt(&app).0, "~/x.csv");
    press(&mut app, KeyCode::Esc);

    keys(&mut app, "/");
    keys(&mut app, "atlas cloud");
    ctrl(&mut app, 'u');
    match &app.mode {
        Mode::Filter(f) => assert_eq!(f.text(), ""),
        other => panic!("no filter: {other:?}"),
    }
}

/// The prompt's help lists its editing keys: Ctrl-u, Ctrl-w, Tab, Enter,
/// Esc.
#[test]
fn the_prompt_help_lists_its_editing_keys() {
    let mut app = example();
    keys(&mut app, "I");
    press(&mut app, KeyCode::F(1));
    let screen = rows_at(&mut app, 200, 60).join("\n");
    for (key, what) in [
        ("Ctrl-u", "empty the line"),
        ("Ctrl-w", "delete the word before the cursor"),
        ("Tab", "complete it"),
        ("Enter", "save the answer"),
        ("Esc", "cancel"),
    ] {
        let line = screen.lines().find(|l| l.contains(what));
        assert!(
            line.is_some_and(|l| l.contains(key)),
            "{key} {what}:\n{screen}"
        );
    }
}

/// Tab in a folder holding only hidden entries lists them (and types the
/// dot they share) instead of saying no name starts with the folder; an
/// empty folder and a missing one are said as such.
#[test]
fn tab_in_a_folder_of_hidden_entries_lists_them() {
    use super::views::crm_import::complete_path;
    let home = tempfile::tempdir().unwrap();
    for f in [".bashrc", ".profile"] {
        std::fs::write(home.path().join(f), "").unwrap();
    }
    let c = complete_path("~/", Some(home.path()));
    assert_eq!(c.text, "~/.");
    assert_eq!(c.choices, [".bashrc", ".profile"]);
    assert!(c.hidden && c.folder);

    let mut app = example();
    let d = home.path().display().to_string();
    keys(&mut app, "I");
    keys(&mut app, &format!("{d}/"));
    press(&mut app, KeyCode::Tab);
    assert_eq!(
        prompt(&app),
        (
            format!("{d}/."),
            Some("only hidden entries here: .bashrc  .profile".into())
        )
    );

    let empty = tempfile::tempdir().unwrap();
    let e = empty.path().display().to_string();
    ctrl(&mut app, 'u');
    keys(&mut app, &format!("{e}/"));
    press(&mut app, KeyCode::Tab);
    assert_eq!(prompt(&app).1, Some(format!("{e}/ is empty")));

    ctrl(&mut app, 'u');
    keys(&mut app, &format!("{e}/missing/"));
    press(&mut app, KeyCode::Tab);
    assert_eq!(prompt(&app).1, Some(format!("no folder {e}/missing/")));
}

/// The preview's key line as drawn at 80×24.
fn keys_line(app: &mut App) -> String {
    let rows = rows_at(app, 80, 24);
    let at = rows.iter().position(|r| r.contains("invalid")).unwrap();
    rows[at + 1]
        .trim_matches(|c: char| c == ' ' || !c.is_ascii() && c != '·')
        .to_string()
}

/// Opens the preview of `text` (a Data Loader CSV) from the keys.
fn preview_of(app: &mut App, dir: &std::path::Path, text: &str) {
    let path = dir.join("f.csv");
    std::fs::write(&path, text).unwrap();
    keys(app, "I");
    keys(app, &path.display().to_string());
    press(app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::CrmImport(_)), "{:?}", app.mode);
}

/// The preview's key line says Enter refuses when records are invalid
/// and `w` writes the valid ones; with nothing to write it says so, never
/// "Enter applies".
#[test]
fn the_preview_says_what_enter_will_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = example();
    // A campaign G8 fires on: not in the CRM yet.
    let findings = app.derived.all_findings();
    let g8 = findings.iter().find(|f| f.rule == Rule::G8);
    let open = g8.and_then(|f| f.campaign_id).unwrap();
    let mixed = format!(
        "Id,Jmo_Id__c,Name,StartDate\r\n701Hs00001Nw007IAB,jmo-campaign-{},a,\r\n,,b,13/13/2014\r\n",
        open.0
    );
    preview_of(&mut app, dir.path(), &mixed);
    assert_eq!(
        keys_line(&mut app),
        "1 invalid: Enter refuses · w writes the valid ones · Esc cancels"
    );
    press(&mut app, KeyCode::Esc);

    let linked = app.program.campaigns.iter().find(|c| c.crm_id.is_some());
    let linked = linked.unwrap().crm_id.clone().unwrap();
    preview_of(
        &mut app,
        dir.path(),
        &format!("Id,Name\r\n{linked},same\r\n"),
    );
    assert_eq!(
        keys_line(&mut app),
        "Nothing to write: every record links as it is, or is skipped · Esc closes"
    );
    press(&mut app, KeyCode::Esc);

    let valid = format!(
        "Id,Jmo_Id__c,Name\r\n701Hs00001Nw007IAB,jmo-campaign-{},a\r\n",
        open.0
    );
    preview_of(&mut app, dir.path(), &valid);
    assert_eq!(keys_line(&mut app), "Enter applies · Esc cancels");
}
