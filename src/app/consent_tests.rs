//! G5 at the screen's doors (docs/domain.md §6, issue 10 item 2): `W` (reports) and
//! `P` (packet) on a campaign that uses a partner's customer data without
//! recorded consent say why in the status bar and write nothing. Driven
//! from the keys on the example plan, where Meridian's "Install-base
//! retargeting" is such a campaign.

use super::*;
use crate::app::config;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use ratatui::layout::Rect;

const CAMPAIGN: &str = "Install-base retargeting";
const PARTNER: &str = "Meridian Solutions Group";

/// The example plan as of the README's day, reports and packets going to
/// a fresh folder.
pub(super) fn example_app() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut loaded = config::defaults();
    loaded.config.packet_dir = Some(dir.path().to_path_buf());
    let mut app = App::new(Setup {
        store: Store::open_in_memory().unwrap(),
        loaded,
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()),
    })
    .unwrap();
    app.set_areas(crate::ui::areas(Rect::new(0, 0, 160, 45)));
    keys(&mut app, "x");
    (app, dir)
}

pub(super) fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(KeyEvent {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::NONE,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        });
        crate::app::effects::run_files(app);
    }
}

fn campaign_id(app: &App, name: &str) -> CampaignId {
    app.program
        .campaigns
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.id)
        .unwrap_or_else(|| panic!("no campaign {name}"))
}

fn written(dir: &tempfile::TempDir) -> Vec<String> {
    std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// The status says the refusal: the rule, the campaign, the partner and
/// what to record.
fn assert_refused(app: &App) {
    let status = app.status.as_ref().expect("a status message");
    assert_eq!(status.kind, StatusKind::Error, "{status:?}");
    for part in [
        "Not written (G5): record ",
        &format!("{PARTNER}'s consent first"),
        "(Partners → e, 'Data consent on')",
        &format!("campaign '{CAMPAIGN}' uses their customer data"),
    ] {
        assert!(status.text.contains(part), "{part:?} not in {status:?}");
    }
}

#[test]
fn w_on_a_campaign_without_consent_writes_nothing_and_says_why() {
    let (mut app, dir) = example_app();
    let c = campaign_id(&app, CAMPAIGN);
    app.reveal(RecordRef::Campaign(c));
    assert_eq!(app.selected_campaign().map(|x| x.id), Some(c));
    keys(&mut app, "W");
    assert_refused(&app);
    assert_eq!(written(&dir), Vec::<String>::new());
    // From its results view too.
    keys(&mut app, "R");
    assert!(
        matches!(app.mode, Mode::Results(views::results::Results { campaign, .. }) if campaign == c)
    );
    keys(&mut app, "W");
    assert_refused(&app);
    assert_eq!(written(&dir), Vec::<String>::new());
    // The same partner's campaign that uses none of its data still writes.
    keys(&mut app, "q");
    let other = campaign_id(&app, "Meridian Customer Day Chicago");
    app.reveal(RecordRef::Campaign(other));
    keys(&mut app, "W");
    let status = app.status.as_ref().unwrap();
    assert_eq!(status.kind, StatusKind::Saved, "{status:?}");
    assert!(!written(&dir).is_empty());
}

#[test]
fn p_on_a_request_of_a_campaign_without_consent_writes_nothing_and_says_why() {
    let (mut app, dir) = example_app();
    let c = campaign_id(&app, CAMPAIGN);
    let r = app.program.requests_of(c)[0].id;
    app.reveal(RecordRef::Request(r));
    keys(&mut app, "P");
    assert!(
        matches!(app.mode, Mode::Normal),
        "no notice offering a draft: {:?}",
        app.mode
    );
    assert_refused(&app);
    assert_eq!(written(&dir), Vec::<String>::new());
    // The draft action (d on the "not claimable" notice) is the same door.
    app.menu_choice(MenuChoice::DraftPacket(r));
    assert_refused(&app);
    assert_eq!(written(&dir), Vec::<String>::new());
}

#[test]
fn w_in_a_joint_marketing_plan_holding_a_campaign_without_consent_writes_nothing() {
    let (mut app, dir) = example_app();
    let c = campaign_id(&app, CAMPAIGN);
    let partner = app.program.campaigns.get(c).unwrap().partner_id;
    app.reveal(RecordRef::Partner(partner));
    keys(&mut app, "J");
    let Mode::Plan(views::plan::Plan { plan, .. }) = app.mode else {
        panic!("no plan view: {:?}", app.mode);
    };
    assert!(
        app.program
            .plan_entries
            .iter()
            .any(|e| e.plan_id == plan && e.campaign_id == c),
        "the example's plan holds the campaign"
    );
    keys(&mut app, "W");
    assert_refused(&app);
    assert_eq!(written(&dir), Vec::<String>::new());
    assert!(matches!(app.mode, Mode::Plan(_)), "the plan view stays");
}

#[test]
fn a_consent_date_in_the_future_is_refused_at_its_field_and_g5_stays() {
    let (mut app, _dir) = example_app();
    let c = campaign_id(&app, CAMPAIGN);
    let partner = app.program.campaigns.get(c).unwrap().partner_id;
    app.reveal(RecordRef::Partner(partner));
    app.update(Action::Edit);
    let Mode::Form(open) = &mut app.mode else {
        panic!("no partner form: {:?}", app.mode);
    };
    open.form.set_text("data_consent_on", "+400");
    open.form.dirty = true;
    app.handle_key(KeyEvent::from(KeyCode::Enter));
    let Mode::Form(open) = &app.mode else {
        panic!("saved a consent date a year ahead");
    };
    let error = open
        .form
        .field("data_consent_on")
        .and_then(|f| f.error.clone());
    assert!(
        error
            .as_deref()
            .is_some_and(|e| e.contains("is in the future")),
        "{error:?}"
    );
    let stored = app.store.get::<Partner>(partner).unwrap().unwrap();
    assert_eq!(stored.data_consent_on, None);
}
