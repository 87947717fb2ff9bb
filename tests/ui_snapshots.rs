//! Snapshots of what a user sees (insta + ratatui's TestBackend): the main
//! screen on the example plan at 80×24 and 160×45, in colour and in ASCII
//! without colour, and the welcome, form, findings, help and too-small
//! screens. Colour snapshots also list the styled runs, so a change of
//! colour by meaning shows up in review.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use jmo::app::config;
use jmo::app::{App, Clock, Display, Setup};
use jmo::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

const AS_OF: &str = "2026-11-21";

fn today() -> NaiveDate {
    NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap()
}

/// An app laid out for a `w`×`h` screen before any key is pressed, as the
/// event loop does.
fn app(example: bool, display: Display, size: (u16, u16)) -> App {
    app_with_config(example, display, size, "")
}

/// [`app`] with a config file's text.
fn app_with_config(example: bool, display: Display, (w, h): (u16, u16), file: &str) -> App {
    let mut store = Store::open_in_memory().unwrap();
    let mut loaded = config::defaults();
    let (config, warnings) = config::parse(file);
    assert!(warnings.is_empty(), "{warnings:?}");
    loaded.config = config;
    if example {
        jmo::store::example::load(&mut store, today(), &loaded.templates, false).unwrap();
    }
    let mut app = App::new(Setup {
        store,
        loaded,
        display,
        clock: Clock::Fixed(today()),
    })
    .unwrap();
    app.set_areas(jmo::ui::areas(Rect::new(0, 0, w, h)));
    app
}

const BIG: (u16, u16) = (160, 45);
const SMALL: (u16, u16) = (80, 24);

const COLOUR: Display = Display {
    ascii: false,
    color: true,
};
const ASCII: Display = Display {
    ascii: true,
    color: false,
};

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent {
            code,
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        });
    }
}

fn render(app: &mut App, w: u16, h: u16) -> Buffer {
    app.set_areas(jmo::ui::areas(Rect::new(0, 0, w, h)));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| jmo::ui::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

/// The screen as text, one line per row (wide characters once).
fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut skip = 0;
        for x in 0..area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            out.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

/// The styled runs of the screen: `row col..col fg/bg/modifiers "text"`,
/// for every run whose style is not the default.
fn styles(buf: &Buffer) -> String {
    let mut out = String::new();
    let area = buf.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let cell = &buf[(x, y)];
            let key = (cell.fg, cell.bg, cell.modifier);
            let start = x;
            let mut run = String::new();
            while x < area.width && (buf[(x, y)].fg, buf[(x, y)].bg, buf[(x, y)].modifier) == key {
                run.push_str(buf[(x, y)].symbol());
                x += 1;
            }
            if key != (Color::Reset, Color::Reset, Modifier::empty()) && !run.trim().is_empty() {
                out.push_str(&format!(
                    "{y:>2} {start:>3}..{x:<3} {:?}/{:?}/{:?} {:?}\n",
                    key.0,
                    key.1,
                    key.2,
                    run.trim_end()
                ));
            }
        }
    }
    out
}

#[test]
fn main_screen_160x45_colour() {
    let mut a = app(true, COLOUR, BIG);
    let buf = render(&mut a, 160, 45);
    insta::assert_snapshot!("main_160x45_colour_text", text(&buf));
    insta::assert_snapshot!("main_160x45_colour_styles", styles(&buf));
}

#[test]
fn main_screen_160x45_ascii_no_colour() {
    let mut a = app(true, ASCII, BIG);
    let buf = render(&mut a, 160, 45);
    let t = text(&buf);
    assert!(t.is_ascii(), "non-ASCII on an ASCII screen:\n{t}");
    assert_eq!(
        styles(&buf)
            .lines()
            .filter(|l| l.contains("Red")
                || l.contains("Green")
                || l.contains("Cyan")
                || l.contains("Yellow")
                || l.contains("Indexed"))
            .count(),
        0
    );
    insta::assert_snapshot!("main_160x45_ascii", t);
}

#[test]
fn main_screen_80x24_colour() {
    let mut a = app(true, COLOUR, SMALL);
    // A live campaign with an overdue item and a G5 error: Meridian.
    press(&mut a, "jj2j");
    let buf = render(&mut a, 80, 24);
    // A ticked item says "done" before its date at 80 columns too, so the
    // date never reads like a due date.
    let t = text(&buf);
    let ticked: Vec<&str> = t.lines().filter(|l| l.contains("[x]")).collect();
    assert!(!ticked.is_empty(), "{t}");
    for line in ticked {
        let item = line.split('│').find(|p| p.contains("[x]")).unwrap();
        assert!(item.contains(" done "), "{line}");
    }
    insta::assert_snapshot!("main_80x24_colour_text", text(&buf));
    insta::assert_snapshot!("main_80x24_colour_styles", styles(&buf));
}

/// `theme = "light"`: the same screen in the light palette, whose colours
/// all come from the 256-colour cube (none of the terminal's own yellow or
/// cyan, unreadable on white); NO_COLOR still takes every colour away.
#[test]
fn main_screen_80x24_light_theme() {
    let mut a = app_with_config(true, COLOUR, SMALL, "theme = \"light\"");
    press(&mut a, "jj2j");
    let buf = render(&mut a, 80, 24);
    let mut dark = app(true, COLOUR, SMALL);
    press(&mut dark, "jj2j");
    assert_eq!(text(&buf), text(&render(&mut dark, 80, 24)));
    let runs = styles(&buf);
    for line in runs.lines() {
        let fg = line.split_whitespace().nth(2).unwrap();
        assert!(
            fg.starts_with("Reset/") || fg.starts_with("Indexed("),
            "not a light-theme colour: {line}"
        );
    }
    for colour in [
        "Indexed(24)",
        "Indexed(242)",
        "Indexed(160)",
        "Indexed(130)",
    ] {
        assert!(runs.contains(colour), "{colour} unused:\n{runs}");
    }
    insta::assert_snapshot!("main_80x24_light_styles", runs);
    let mut plain = app_with_config(true, ASCII, SMALL, "theme = \"light\"");
    press(&mut plain, "jj2j");
    let plain = styles(&render(&mut plain, 80, 24));
    assert!(!plain.contains("Indexed("), "{plain}");
}

#[test]
fn main_screen_80x24_ascii_no_colour() {
    let mut a = app(true, ASCII, SMALL);
    press(&mut a, "jj2j");
    let buf = render(&mut a, 80, 24);
    let t = text(&buf);
    assert!(t.is_ascii(), "non-ASCII on an ASCII screen:\n{t}");
    insta::assert_snapshot!("main_80x24_ascii", t);
}

#[test]
fn welcome_screen() {
    let mut a = app(false, COLOUR, SMALL);
    insta::assert_snapshot!("welcome_80x24", text(&render(&mut a, 80, 24)));
}

#[test]
fn too_small_says_so() {
    let mut a = app(true, COLOUR, (60, 20));
    let t = text(&render(&mut a, 60, 20));
    assert!(t.contains("jmo needs a bigger window"));
    insta::assert_snapshot!("too_small_60x20", t);
}

#[test]
fn campaign_form_with_a_field_error() {
    let mut a = app(true, COLOUR, BIG);
    // Timeline, edit the selected campaign, put garbage in the budget, save.
    press(&mut a, "2e");
    if let jmo::app::Mode::Form(open) = &mut a.mode {
        open.form.focus_on("budget");
    }
    // End keeps the budget (selected as focus enters it); x goes after it.
    a.handle_key(crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::End,
    ));
    press(&mut a, "x\n");
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("is not an amount"), "{t}");
    insta::assert_snapshot!("form_error_160x45", t);
}

#[test]
fn findings_list() {
    let mut a = app(true, COLOUR, BIG);
    press(&mut a, "f");
    insta::assert_snapshot!("findings_160x45", text(&render(&mut a, 160, 45)));
}

/// At 80x24 the selected finding's whole text shows under the list, what
/// to do included (an E5's runs to five lines).
#[test]
fn findings_list_80x24_shows_the_whole_selected_finding() {
    let mut a = app(true, COLOUR, BIG);
    press(&mut a, "f");
    let t = text(&render(&mut a, 80, 24));
    let first = a.findings_listed()[0].clone();
    let tail: String = first
        .message
        .split_whitespace()
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&tail), "'{tail}' not in:\n{t}");
    insta::assert_snapshot!("findings_80x24", t);
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut a = app(true, COLOUR, BIG);
    press(&mut a, "?");
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("tick item / advance milestone / approve asset"));
    insta::assert_snapshot!("help_160x45", t);
}

/// The MDF pane drilled into a request (issue 3): its balances, proof of
/// performance, expenses with holds, and claims.
#[test]
fn mdf_request_ledger_160x45() {
    let mut a = app(true, COLOUR, BIG);
    // Atlas Cloud's completed Cloud Migration Summit: its approved request.
    let (campaign, request) = {
        let p = &a.program;
        let c = p
            .campaigns
            .iter()
            .find(|c| c.name == "Cloud Migration Summit")
            .unwrap();
        (c.id, p.requests_of(c.id)[0].id)
    };
    a.reveal(jmo::domain::RecordRef::Campaign(campaign));
    a.reveal(jmo::domain::RecordRef::Request(request));
    press(&mut a, "\n");
    assert_eq!(a.mdf_drill, vec![jmo::app::Drill::Request(request)]);
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("Claimable (vendor share)"), "{t}");
    insta::assert_snapshot!("mdf_request_ledger_160x45", t);
}

/// The results view of a completed campaign (issue 4, item 2): targets,
/// actuals, % of target, ROI, lead sources and the findings on results.
#[test]
fn results_view_160x45() {
    let mut a = app(true, COLOUR, BIG);
    let campaign = a
        .program
        .campaigns
        .iter()
        .find(|c| c.name == "Cloud Migration Summit")
        .unwrap()
        .id;
    a.reveal(jmo::domain::RecordRef::Campaign(campaign));
    press(&mut a, "R");
    // The summit has pipeline evidence: its evidenced figures show first
    // (docs/domain.md §15.3); `v` switches to the reported ones.
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("evidenced figures (v: reported)"), "{t}");
    insta::assert_snapshot!("results_view_evidenced_160x45", t);
    press(&mut a, "v");
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("reported figures (v: evidenced)"), "{t}");
    assert!(t.contains("Results — Cloud Migration Summit"), "{t}");
    assert!(
        t.contains("ROI multiple 3.7x is below the 5.0x target"),
        "{t}"
    );
    insta::assert_snapshot!("results_view_160x45", t);
}

/// A campaign's Pipeline view (`E`, issue 14 item 5) and, Enter on its
/// opportunity, the account's journey, at 160×45 and at 80×24 in ASCII:
/// the example's Northwind webinar sourced Contoso Pharma's deal.
#[test]
fn pipeline_and_journey_160x45_and_ascii_80x24() {
    for (display, (w, h), name) in [(COLOUR, BIG, "160x45"), (ASCII, SMALL, "ascii_80x24")] {
        let mut a = app(true, display, (w, h));
        let campaign = a
            .program
            .campaigns
            .iter()
            .find(|c| c.name == "Modern Data Stack Webinar")
            .unwrap()
            .id;
        a.reveal(jmo::domain::RecordRef::Campaign(campaign));
        press(&mut a, "E");
        let t = text(&render(&mut a, w, h));
        assert!(t.contains("Pipeline"), "{t}");
        assert!(t.contains("Contoso Pharma"), "{t}");
        assert!(t.contains("sourced"), "{t}");
        insta::assert_snapshot!(format!("pipeline_{name}"), t);
        press(&mut a, "\n");
        let t = text(&render(&mut a, w, h));
        assert!(t.contains("Journey"), "{t}");
        assert!(t.contains("referral"), "{t}");
        insta::assert_snapshot!(format!("journey_{name}"), t);
        press(&mut a, "q");
        let t = text(&render(&mut a, w, h));
        assert!(t.contains("Pipeline"), "q goes back to the pipeline: {t}");
    }
}

/// The touch form (`t` in an account's journey, issue 14) at 80×24: the
/// campaign's partner, today, a referral, the opportunity the journey
/// was opened on.
#[test]
fn touch_form_80x24() {
    let mut a = app(true, COLOUR, SMALL);
    let campaign = a
        .program
        .campaigns
        .iter()
        .find(|c| c.name == "Modern Data Stack Webinar")
        .unwrap()
        .id;
    a.reveal(jmo::domain::RecordRef::Campaign(campaign));
    press(&mut a, "E\nt");
    let t = text(&render(&mut a, 80, 24));
    assert!(t.contains("New partner touch"), "{t}");
    assert!(t.contains("Referral"), "{t}");
    insta::assert_snapshot!("touch_form_80x24", t);
}

/// The program dashboard (issue 4, item 3) at both sizes; ASCII at 80×24
/// shows every gauge and keeps to ASCII cells.
#[test]
fn dashboard_160x45_and_ascii_80x24() {
    let mut a = app(true, COLOUR, BIG);
    press(&mut a, "D");
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("Dashboard FY2026"), "{t}");
    assert!(t.contains("Joint sourced pipeline"), "{t}");
    assert!(t.contains("By partner × type"), "{t}");
    // The example has pipeline evidence: the evidenced figures where the
    // CRM supports them (docs/domain.md §15.3), `v` the reported ones.
    assert!(
        t.contains("evidenced where the CRM supports it (2 campaigns) · v: reported"),
        "{t}"
    );
    insta::assert_snapshot!("dashboard_160x45", t);
    press(&mut a, "v");
    let reported = text(&render(&mut a, 160, 45));
    assert!(
        reported.contains("Program metrics vs targets · reported · v: evidenced"),
        "{reported}"
    );
    assert!(reported.contains("$1.9M"), "{reported}");
    let mut a = app(true, ASCII, SMALL);
    press(&mut a, "D");
    let t = text(&render(&mut a, 80, 24));
    for label in [
        "Joint sourced pipeline",
        "Campaign ROI",
        "Lead-to-MQL",
        "Partner promotion engagement",
        "MDF utilization",
    ] {
        assert!(t.contains(label), "{label} missing:\n{t}");
    }
    assert!(t.is_ascii(), "{t}");
    insta::assert_snapshot!("dashboard_ascii_80x24", t);
    // ← goes to the year before: nothing launched in FY2025 in the example.
    press(&mut a, "h");
    let t = text(&render(&mut a, 80, 24));
    assert!(t.contains("Dashboard FY2025"), "{t}");
}

/// The partner profile (issue 5, item 1): Enter on the first partner shows
/// profile, agreement, readiness, budget, contacts, cadence, plans and
/// past performance; at 80×24 in ASCII it stays readable and ASCII-only.
#[test]
fn partner_profile_160x45_and_ascii_80x24() {
    let mut a = app(true, COLOUR, BIG);
    press(&mut a, "1\n");
    let t = text(&render(&mut a, 160, 45));
    for part in [
        "Profile",
        "Agreement",
        "Readiness",
        "Co-marketing budget suggestion",
        "Marketing contacts",
        "Cadence",
    ] {
        assert!(t.contains(part), "{part} missing:\n{t}");
    }
    insta::assert_snapshot!("profile_160x45", t);
    press(&mut a, "G");
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("Joint marketing plans"), "{t}");
    assert!(t.contains("Past performance"), "{t}");
    insta::assert_snapshot!("profile_end_160x45", t);
    let mut a = app(true, ASCII, SMALL);
    press(&mut a, "1\n");
    let t = text(&render(&mut a, 80, 24));
    assert!(t.is_ascii(), "{t}");
    insta::assert_snapshot!("profile_ascii_80x24", t);
}

/// The joint marketing plan of the first partner (issue 5, item 6).
#[test]
fn joint_marketing_plan_160x45() {
    let mut a = app(true, COLOUR, BIG);
    press(&mut a, "J");
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("Joint marketing plan"), "{t}");
    assert!(t.contains("Review checkpoint"), "{t}");
    assert!(t.contains("Who does what"), "{t}");
    insta::assert_snapshot!("plan_160x45", t);
}

/// The agenda (issue 11, item 5) on the example plan at 80×24: overdue,
/// due in the next 7 days and blocked, across partners, the cursor on the
/// first entry; and at 80×24 in ASCII.
#[test]
fn agenda_80x24() {
    let mut a = app(true, COLOUR, SMALL);
    press(&mut a, "T");
    let t = text(&render(&mut a, 80, 24));
    for part in ["Agenda", "Overdue", "Due in the next 7 days"] {
        assert!(t.contains(part), "{part} missing:\n{t}");
    }
    insta::assert_snapshot!("agenda_80x24", t);
    let mut a = app(true, ASCII, SMALL);
    press(&mut a, "T");
    let t = text(&render(&mut a, 80, 24));
    assert!(t.is_ascii(), "{t}");
}

/// In ASCII a message's arrow is spelled "->": "'Kickoff call' -> in
/// progress", not "'Kickoff call' > in progress", which reads like a
/// comparison.
#[test]
fn ascii_messages_spell_their_arrows_out() {
    let mut a = app(true, ASCII, SMALL);
    // Down the Timeline to the first milestone Space moves on.
    press(&mut a, "2");
    for _ in 0..8 {
        press(&mut a, " ");
        if a.status.as_ref().is_some_and(|s| s.text.contains('→')) {
            break;
        }
        press(&mut a, "j");
    }
    let said = a.status.as_ref().map(|s| s.text.clone()).unwrap();
    assert!(said.contains("' → "), "{said}");
    let t = text(&render(&mut a, 80, 24));
    let status = t.lines().nth(22).unwrap();
    assert!(status.contains("' -> "), "{status}\n{t}");
    assert!(t.is_ascii(), "{t}");
}

/// The MDF pane's CRM block (issue 12, item 3): a campaign without a CRM id
/// shows the Salesforce name G8 asks for, "no Id" and "not in the CRM yet
/// (G8)"; typing the Id in the campaign form (Timeline → e) turns it into
/// "linked" with that Id, and G8 goes from the strip.
#[test]
fn mdf_crm_block_from_g8_to_linked_160x45() {
    let mut a = app(true, COLOUR, BIG);
    let campaign = a
        .program
        .campaigns
        .iter()
        .find(|c| c.name == "Joint booth at DataWorld Expo")
        .unwrap()
        .id;
    a.reveal(jmo::domain::RecordRef::Campaign(campaign));
    press(&mut a, "4G");
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains(" Salesforce "), "{t}");
    assert!(t.contains("not in the CRM yet (G8) ▲"), "{t}");
    assert!(
        t.contains("Partner: Atlas Cloud - Joint booth at DataWorld Expo"),
        "{t}"
    );
    assert!(t.contains("no Id"), "{t}");
    insta::assert_snapshot!("mdf_crm_unlinked_160x45", t);

    press(&mut a, "2e");
    match &mut a.mode {
        jmo::app::Mode::Form(open) => open.form.focus_on("crm_id"),
        other => panic!("e opened {other:?}"),
    }
    press(&mut a, "701Hs00001AtJBEIA3\n");
    assert_eq!(
        a.program.campaigns.get(campaign).unwrap().crm_id.as_deref(),
        Some("701Hs00001AtJBEIA3")
    );
    press(&mut a, "4G");
    let t = text(&render(&mut a, 160, 45));
    assert!(t.contains("linked"), "{t}");
    assert!(!t.contains("not in the CRM yet"), "{t}");
    assert!(t.contains("701Hs00001AtJBEIA3"), "{t}");
    assert!(!t.contains("G8 "), "{t}");
    insta::assert_snapshot!("mdf_crm_linked_160x45", t);
}

/// The CRM import's preview at 80×24 (issue 12 item 3): `I`, the demo
/// Data Loader file, Enter: the counts and keys on top, one line per record
/// in `jmo crm import`'s words, the cursor line in full below; the hint bar
/// says Enter applies and Esc cancels.
#[test]
fn crm_import_preview_80x24() {
    let mut a = app(true, COLOUR, SMALL);
    press(&mut a, "Itests/fixtures/crm/import-demo.csv\n");
    jmo::app::effects::run_files(&mut a);
    assert!(
        matches!(a.mode, jmo::app::Mode::CrmImport(_)),
        "{:?}",
        a.mode
    );
    let t = text(&render(&mut a, 80, 24));
    assert!(t.contains(" Import from import-demo.csv (preview) "), "{t}");
    assert!(t.contains("Enter applies · Esc cancels"), "{t}");
    assert!(
        t.contains("line 2: update 'Partner: Northwind Analytics"),
        "{t}"
    );
    insta::assert_snapshot!("crm_import_preview_80x24", t);
}

/// A file the import cannot read keeps the prompt with the path typed, and
/// the located problem wraps in it at 80×24 instead of being cut.
#[test]
fn crm_import_prompt_error_wraps_80x24() {
    let mut a = app(true, COLOUR, SMALL);
    press(&mut a, "Itests/fixtures/crm/bad-date.csv\n");
    jmo::app::effects::run_files(&mut a);
    assert!(matches!(a.mode, jmo::app::Mode::Prompt(_)), "{:?}", a.mode);
    let t = text(&render(&mut a, 80, 24));
    let inside: Vec<String> = t
        .lines()
        .filter_map(|l| l.split('┃').nth(1).map(|s| s.trim().to_string()))
        .collect();
    let flat = inside.join(" ");
    assert!(flat.contains("tests/fixtures/crm/bad-date.csv"), "{t}");
    assert!(
        flat.contains("bad-date.csv:2:3: STARTDATE: not a date: \"13/13/2014\""),
        "{t}"
    );
    let error = a_prompt_error(&a);
    let tail: Vec<&str> = error.split_whitespace().rev().take(3).collect();
    assert!(
        tail.iter().all(|w| flat.contains(w)),
        "the end of '{error}' ({tail:?}) is not shown:\n{t}"
    );
}

fn a_prompt_error(a: &App) -> String {
    match &a.mode {
        jmo::app::Mode::Prompt(p) => p.error.clone().unwrap_or_default(),
        other => panic!("no prompt: {other:?}"),
    }
}
