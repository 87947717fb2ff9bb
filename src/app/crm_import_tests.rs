//! The CRM import from the screen (issue 12 item 3), driven from the keys
//! on the example plan in a database file: `I`, a path, Enter → the
//! preview → Enter writes one edit that closes G8 and `u` takes back; Esc
//! writes nothing; a file that cannot be read keeps the typed path and
//! says where; invalid records are refused unless `w`; a campaign changed
//! by another jmo meanwhile is never written over.

use super::tests::{app_on, keys, press};
use super::views::crm_import::CrmImport;
use super::views::prompt::PromptPurpose;
use super::*;
use crate::domain::guardrails::Rule;
use crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

/// The example plan in a database file in a fresh folder.
fn example() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on(Store::open(&dir.path().join("jmo.db")).unwrap());
    keys(&mut app, "x");
    assert!(!app.program.campaigns.is_empty());
    (dir, app)
}

/// The campaigns G8 fires on, in id order.
fn g8(app: &App) -> Vec<CampaignId> {
    let mut v: Vec<CampaignId> = app
        .derived
        .all_findings()
        .iter()
        .filter(|f| f.rule == Rule::G8)
        .filter_map(|f| f.campaign_id)
        .collect();
    v.sort();
    v.dedup();
    v
}

/// A Salesforce-like 18-character Campaign Id.
fn sf_id(n: u32) -> String {
    format!("701Hs00001Nw{n:03}IAB")
}

/// Writes `text` as `name` in `dir`.
fn file(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// A Data Loader success-like file giving `campaigns` their Ids by external id.
fn success_file(dir: &Path, campaigns: &[CampaignId]) -> PathBuf {
    let mut text = String::from("\"ID\",\"JMO_ID__C\",\"NAME\"\r\n");
    for (i, c) in campaigns.iter().enumerate() {
        text.push_str(&format!(
            "\"{}\",\"jmo-campaign-{}\",\"whatever it is called there\"\r\n",
            sf_id(i as u32),
            c.0
        ));
    }
    file(dir, "success.csv", &text)
}

/// `I`, the path typed, Enter: the file read as the event loop reads it.
fn import(app: &mut App, path: &Path) {
    keys(app, "I");
    assert!(
        matches!(&app.mode, Mode::Prompt(p) if p.purpose == PromptPurpose::CrmImport),
        "{:?}",
        app.mode
    );
    keys(app, &path.display().to_string());
    press(app, KeyCode::Enter);
}

fn preview(app: &App) -> &CrmImport {
    match &app.mode {
        Mode::CrmImport(v) => v,
        other => panic!("no preview: {other:?}"),
    }
}

fn crm_id(app: &App, c: CampaignId) -> Option<String> {
    app.program.campaigns.get(c).unwrap().crm_id.clone()
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Prompt → preview → Enter: one edit, labelled by the file, sets the CRM
/// ids, G8 stops firing on those campaigns at once; `u` takes it all back.
#[test]
fn an_import_from_the_keys_closes_g8_as_one_edit_and_u_takes_it_back() {
    let (dir, mut app) = example();
    let before = g8(&app);
    assert!(!before.is_empty());
    let c = before[0];
    let path = success_file(dir.path(), &[c]);
    import(&mut app, &path);
    let v = preview(&app);
    assert_eq!(v.counts, "1 link, 0 update, 0 create, 0 skip, 0 invalid");
    assert!(v.lines[0].1.starts_with("line 2: link "), "{:?}", v.lines);
    assert!(
        v.lines[0].1.contains(&format!("; crm id ← {}", sf_id(0))),
        "{:?}",
        v.lines
    );
    // A preview writes nothing.
    assert_eq!(crm_id(&app, c), None);

    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(crm_id(&app, c), Some(sf_id(0)));
    let after = g8(&app);
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&c));
    assert!(
        status(&app).starts_with("Imported from success.csv: 1 campaign changed, 0 created"),
        "{}",
        status(&app)
    );
    assert_eq!(
        app.store.undo_label().unwrap().as_deref(),
        Some("Import campaigns from success.csv")
    );
    // On disk, not only on the screen.
    let on_disk = app.store.load_program().unwrap();
    assert_eq!(on_disk.campaigns.get(c).unwrap().crm_id, Some(sf_id(0)));

    keys(&mut app, "u");
    assert_eq!(crm_id(&app, c), None);
    assert_eq!(g8(&app), before);
}

/// Esc in the preview writes nothing and says so.
#[test]
fn esc_in_the_preview_writes_nothing() {
    let (dir, mut app) = example();
    let before = g8(&app);
    let path = success_file(dir.path(), &before[..1]);
    import(&mut app, &path);
    preview(&app);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(status(&app), "Import cancelled: nothing was written");
    assert_eq!(crm_id(&app, before[0]), None);
    assert_eq!(g8(&app), before);
    assert_eq!(
        app.store.undo_label().unwrap().as_deref(),
        Some("Load the example plan")
    );
}

/// A file with no readable record keeps the prompt, the path as typed and
/// the problem with its line and column; a missing file says it cannot
/// be read.
#[test]
fn an_unreadable_file_keeps_the_typed_path_and_says_where() {
    let (dir, mut app) = example();
    let path = file(
        dir.path(),
        "bad.csv",
        "Name,StartDate\r\nPartner: Atlas Cloud - X,13/13/2014\r\n",
    );
    import(&mut app, &path);
    let typed = path.display().to_string();
    match &app.mode {
        Mode::Prompt(p) => {
            assert_eq!(p.area.lines(), std::slice::from_ref(&typed));
            let error = p.error.clone().unwrap_or_default();
            assert!(error.starts_with("bad.csv:2:2: StartDate: "), "{error}");
        }
        other => panic!("the prompt closed: {other:?}"),
    }
    // Typing goes on from the path kept.
    for _ in 0..7 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "gone.csv");
    press(&mut app, KeyCode::Enter);
    match &app.mode {
        Mode::Prompt(p) => {
            let error = p.error.clone().unwrap_or_default();
            assert!(error.ends_with("gone.csv: no such file"), "{error}");
        }
        other => panic!("the prompt closed: {other:?}"),
    }
    assert_eq!(
        app.store.undo_label().unwrap().as_deref(),
        Some("Load the example plan")
    );
}

/// `~/` is the home folder.
#[test]
fn a_tilde_is_the_home_folder() {
    use super::views::crm_import::expand_home;
    let home = Path::new("/home/dana");
    assert_eq!(
        expand_home("~/Downloads/s.csv", Some(home)),
        home.join("Downloads/s.csv")
    );
    assert_eq!(expand_home("~", Some(home)), home);
    assert_eq!(
        expand_home("~dana/s.csv", Some(home)),
        Path::new("~dana/s.csv")
    );
    assert_eq!(expand_home("s.csv", Some(home)), Path::new("s.csv"));
    assert_eq!(expand_home("~/s.csv", None), Path::new("~/s.csv"));
}

/// With an invalid record, Enter refuses and writes nothing; `v` (the
/// key before issue 12's new-user test) does nothing; `w` writes the
/// valid ones and says how many were left out.
#[test]
fn invalid_records_are_refused_unless_only_the_valid_ones_are_asked_for() {
    let (dir, mut app) = example();
    let before = g8(&app);
    let text = format!(
        "Id,Jmo_Id__c,Name,StartDate\r\n{},jmo-campaign-{},a,\r\n,,b,13/13/2014\r\n",
        sf_id(7),
        before[0].0
    );
    let path = file(dir.path(), "mixed.csv", &text);
    import(&mut app, &path);
    let v = preview(&app);
    assert_eq!(v.counts, "1 link, 0 update, 0 create, 0 skip, 1 invalid");
    assert!(
        v.lines[0]
            .1
            .starts_with("invalid: mixed.csv:3:4: StartDate: "),
        "{:?}",
        v.lines
    );

    press(&mut app, KeyCode::Enter);
    let note = preview(&app).note.clone().unwrap_or_default();
    // Whole at 80 columns, naming the key that writes the valid ones.
    assert_eq!(
        note,
        "1 record invalid: nothing was written; w writes the valid ones"
    );
    assert_eq!(crm_id(&app, before[0]), None);

    keys(&mut app, "v");
    assert_eq!(crm_id(&app, before[0]), None);
    keys(&mut app, "w");
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(crm_id(&app, before[0]), Some(sf_id(7)));
    assert!(
        status(&app).contains("1 invalid record left out"),
        "{}",
        status(&app)
    );
}

/// A new campaign "Partner: X - Y" is created under X with its milestones
/// and checklist, and shows on the Timeline at once.
#[test]
fn a_created_campaign_comes_with_milestones_and_checklist_on_the_timeline() {
    let (dir, mut app) = example();
    let partner = app.program.partners.iter().next().unwrap().name.clone();
    let text = format!(
        "Id,Name,Type,Status,StartDate,EndDate\r\n{},Partner: {partner} - Spring webinar,Webinar,Planned,2027-03-01,2027-03-31\r\n",
        sf_id(9)
    );
    let path = file(dir.path(), "new.csv", &text);
    import(&mut app, &path);
    let line = preview(&app).lines[0].1.clone();
    assert!(
        line.starts_with(&format!(
            "line 2: create 'Spring webinar' under {partner}: webinar, 2027-03-01 to 2027-03-31, \
             launch 2027-03-29, budget 0.00, planned"
        )),
        "{line}"
    );
    press(&mut app, KeyCode::Enter);
    let c = app
        .program
        .campaigns
        .iter()
        .find(|c| c.name == "Spring webinar")
        .map(|c| c.id)
        .unwrap();
    assert_eq!(crm_id(&app, c), Some(sf_id(9)));
    // Launch where the standard schedule puts it: every preparation
    // milestone falls on or before "Campaign live".
    let launch = app.program.campaigns.get(c).unwrap().launch;
    assert_eq!(launch.to_string(), "2027-03-29");
    let milestones = app.program.milestones_of(c);
    assert!(!milestones.is_empty());
    for m in milestones {
        if m.kind != Some(crate::domain::milestone::MilestoneKind::PerformanceReview) {
            assert!(
                m.due <= launch,
                "{} due {} after launch {launch}",
                m.name,
                m.due
            );
        }
    }
    assert!(!app.program.checklist_of(c).is_empty());
    app.reveal(RecordRef::Campaign(c));
    assert!(app.rows(Pane::Timeline).contains(&Row::Campaign(c)));
    assert!(!g8(&app).contains(&c));
}

/// Another jmo changes a campaign while the preview is open: the next key
/// reloads it, Enter shows the plan as it is now and writes nothing; and a
/// change that lands between that reload and the write is refused by the
/// store check, nothing written.
#[test]
fn a_campaign_changed_meanwhile_is_never_written_over() {
    let (dir, mut app) = example();
    let before = g8(&app);
    let path = success_file(dir.path(), &before[..1]);
    // Their edit renames the campaign (a change of its CRM id would make
    // the record a skip: a stored CRM id is never replaced).
    let theirs = "Their name".to_string();
    let mut other = Store::open(&dir.path().join("jmo.db")).unwrap();
    let set_theirs = |other: &mut Store, id: &str| {
        other
            .edit("Their edit", |tx| {
                tx.change(before[0], |c: &Campaign| {
                    let mut next = c.clone();
                    next.name = id.to_string();
                    Ok(("Their edit".to_string(), next))
                })
            })
            .unwrap();
    };

    import(&mut app, &path);
    set_theirs(&mut other, &theirs);
    press(&mut app, KeyCode::Enter);
    let v = preview(&app);
    assert!(
        v.note
            .as_deref()
            .unwrap_or_default()
            .starts_with("The campaigns changed since the preview: nothing was written"),
        "{:?}",
        v.note
    );
    assert!(v.lines[0].1.contains(&theirs), "{:?}", v.lines);
    assert_eq!(
        other
            .load_program()
            .unwrap()
            .campaigns
            .get(before[0])
            .unwrap()
            .name,
        theirs
    );

    // Straight to the write, without the reload a key does.
    set_theirs(&mut other, "Their name again");
    let Mode::CrmImport(mut view) = std::mem::replace(&mut app.mode, Mode::Normal) else {
        panic!("no preview");
    };
    assert!(app.apply_crm_import(&mut view));
    assert!(
        status(&app).starts_with(&format!(
            "Not written: campaign {} changed meanwhile; I imports the file again",
            before[0].0
        )),
        "{}",
        status(&app)
    );
    assert_eq!(
        other
            .load_program()
            .unwrap()
            .campaigns
            .get(before[0])
            .unwrap()
            .crm_id,
        None
    );
}

/// `[keys] crm_import` rebinds the import on the main screen and in the
/// preview (the key that opened it cancels it), and the hint bar follows.
#[test]
fn the_import_key_is_rebound_by_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = crate::app::config::defaults();
    let (config, warnings) = crate::app::config::parse("[keys]\ncrm_import = \"F5\"\n");
    assert!(warnings.is_empty(), "{warnings:?}");
    loaded.config = config;
    let mut app = App::new(Setup {
        store: Store::open(&dir.path().join("jmo.db")).unwrap(),
        loaded,
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(super::tests::d(super::tests::TODAY)),
    })
    .unwrap();
    keys(&mut app, "x4");
    assert!(
        app.hints()
            .iter()
            .any(|h| h.key == "F5" && h.label == "import from CRM"),
        "{:?}",
        app.hints()
    );
    keys(&mut app, "I");
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    press(&mut app, KeyCode::F(5));
    assert!(
        matches!(&app.mode, Mode::Prompt(p) if p.purpose == PromptPurpose::CrmImport),
        "{:?}",
        app.mode
    );
    let path = success_file(dir.path(), &g8(&app)[..1]);
    keys(&mut app, &path.display().to_string());
    press(&mut app, KeyCode::Enter);
    preview(&app);
    press(&mut app, KeyCode::F(5));
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(status(&app), "Import cancelled: nothing was written");
}

/// Tab completes the last part of the path from its folder: as far as the
/// names agree, a lone folder with its `/`; more than one name is listed;
/// none is said.
#[test]
fn tab_completes_the_path_in_the_file_prompt() {
    use super::views::crm_import::complete_path;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    for f in ["success.csv", "summary.txt", ".hidden.csv"] {
        file(dir.path(), f, "");
    }
    std::fs::create_dir(dir.path().join("sf")).unwrap();
    let c = complete_path(&format!("{d}/suc"), None);
    assert_eq!((c.text, c.matches), (format!("{d}/success.csv"), 1));
    let c = complete_path(&format!("{d}/sf"), None);
    assert_eq!(c.text, format!("{d}/sf/"));
    let c = complete_path(&format!("{d}/s"), None);
    assert_eq!(c.text, format!("{d}/s"));
    assert_eq!(c.choices, ["sf/", "success.csv", "summary.txt"]);
    let c = complete_path(&format!("{d}/."), None);
    assert_eq!(c.text, format!("{d}/.hidden.csv"));
    let c = complete_path("~/suc", Some(dir.path()));
    assert_eq!(c.text, "~/success.csv");

    // From the keys: Tab in the prompt, then Enter reads the file.
    let (db_dir, mut app) = example();
    let path = success_file(db_dir.path(), &g8(&app)[..1]);
    keys(&mut app, "I");
    keys(&mut app, &format!("{}/succ", db_dir.path().display()));
    press(&mut app, KeyCode::Tab);
    match &app.mode {
        Mode::Prompt(p) => {
            assert_eq!(p.area.lines(), [path.display().to_string()]);
            assert_eq!(p.error, None);
        }
        other => panic!("the prompt closed: {other:?}"),
    }
    press(&mut app, KeyCode::Enter);
    preview(&app);
    keys(&mut app, "q");
    keys(&mut app, "I");
    keys(&mut app, &format!("{}/nothing", db_dir.path().display()));
    press(&mut app, KeyCode::Tab);
    match &app.mode {
        Mode::Prompt(p) => assert!(
            p.error
                .as_deref()
                .unwrap_or_default()
                .starts_with("no file or folder starts with"),
            "{:?}",
            p.error
        ),
        other => panic!("the prompt closed: {other:?}"),
    }
}

/// A file that changes nothing (every record links as it is) writes no
/// edit and says so.
#[test]
fn a_plan_with_nothing_to_write_records_no_edit() {
    let (dir, mut app) = example();
    let linked = app
        .program
        .campaigns
        .iter()
        .find(|c| c.crm_id.is_some())
        .map(|c| (c.id, c.crm_id.clone().unwrap()))
        .unwrap();
    let text = format!("Id,Name\r\n{},whatever\r\n", linked.1);
    let path = file(dir.path(), "same.csv", &text);
    import(&mut app, &path);
    assert_eq!(
        preview(&app).counts,
        "1 link, 0 update, 0 create, 0 skip, 0 invalid"
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    assert_eq!(
        status(&app),
        "Nothing to write: every record links as it is, or is skipped"
    );
    assert_eq!(
        app.store.undo_label().unwrap().as_deref(),
        Some("Load the example plan")
    );
}
