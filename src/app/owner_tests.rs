//! Who owns a checklist item by default (issue 11, mends): a new
//! campaign's items and a new item typed in the Checklist pane follow one
//! rule (domain::new_campaign): ours → `our_owner`, the partner's side → the
//! partner's first marketing contact on file (else its name), shared →
//! "Both".

use super::tests::{app_on, form, form_field, keys, press, retype};
use super::*;
use crossterm::event::KeyCode;

/// A store with the partner "Northwind" and, in this order, `contacts`.
fn northwind(contacts: &[&str]) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .edit("setup", |tx| {
            let p = tx.insert(&Partner {
                name: "Northwind".into(),
                ..Partner::default()
            })?;
            for name in contacts {
                tx.insert(&Contact {
                    partner_id: p,
                    name: (*name).into(),
                    role: String::new(),
                    email: String::new(),
                })?;
            }
            Ok(())
        })
        .unwrap();
    store
}

/// Adds a Quick Win Webinar starting 2026-12-01 through the campaign form.
fn add_webinar(app: &mut App) -> CampaignId {
    keys(app, "2a");
    keys(app, "Launch webinar");
    press(app, KeyCode::Tab); // playbook
    press(app, KeyCode::Right); // Quick Win Webinar
    form_field(app, "start");
    retype(app, "2026-12-01");
    press(app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    app.selected_campaign().unwrap().id
}

fn owners_by_side(app: &App, c: CampaignId) -> Vec<(Side, String)> {
    let mut v: Vec<_> = app
        .program
        .checklist_of(c)
        .iter()
        .map(|r| (r.side, r.owner.clone()))
        .collect();
    v.dedup();
    v
}

#[test]
fn a_new_campaigns_partner_items_belong_to_the_first_marketing_contact() {
    let mut app = app_on(northwind(&["Priya Raman", "Luis Ortega"]));
    let c = add_webinar(&mut app);
    assert_eq!(
        owners_by_side(&app, c),
        [
            (Side::Ours, "Us".to_string()),
            (Side::Partner, "Priya Raman".to_string()),
            (Side::Shared, "Both".to_string()),
        ]
    );
    assert_eq!(app.program.milestones_of(c).len(), 7);
}

#[test]
fn without_a_contact_on_file_the_partner_items_belong_to_the_company() {
    let mut app = app_on(northwind(&[]));
    let c = add_webinar(&mut app);
    assert_eq!(
        owners_by_side(&app, c)[1],
        (Side::Partner, "Northwind".into())
    );
}

#[test]
fn a_new_checklist_item_starts_with_its_sides_default_owner() {
    let mut app = app_on(northwind(&["Priya Raman"]));
    let c = add_webinar(&mut app);
    assert_eq!(app.default_owner(Side::Ours), "Us");
    assert_eq!(app.default_owner(Side::Partner), "Priya Raman");
    assert_eq!(app.default_owner(Side::Shared), "Both");
    // From the keys: `a` on a partner-side item offers its owner.
    keys(&mut app, "3");
    let partner_item = |app: &App| match app.selected_row(Pane::Checklist) {
        Some(Row::Item(id)) => app
            .program
            .responsibilities
            .get(id)
            .is_some_and(|r| r.side == Side::Partner && r.campaign_id == c),
        _ => false,
    };
    for _ in 0..20 {
        if partner_item(&app) {
            break;
        }
        keys(&mut app, "j");
    }
    assert!(partner_item(&app), "no partner item reached");
    keys(&mut app, "a");
    assert_eq!(form(&app).value("owner"), "Priya Raman");
}
