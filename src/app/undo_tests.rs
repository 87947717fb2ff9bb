//! One key never removes a whole plan without asking (issue 10, item 7).

use super::tests::{app_on, keys};
use super::*;

#[test]
fn u_right_after_loading_the_example_plan_asks_first() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "x");
    let partners = app.program.partners.len();
    assert_eq!(partners, 6);
    keys(&mut app, "u");
    let Mode::Confirm(views::confirm::Confirm { message, then }) = &app.mode else {
        panic!("u undid without asking: {:?}", app.status);
    };
    assert_eq!(*then, Confirmed::Undo);
    assert!(
        message.starts_with("Undo 'Load the example plan'? It removes ")
            && message.contains("6 partners")
            && message.contains("16 campaigns"),
        "{message}"
    );
    // n keeps everything.
    keys(&mut app, "n");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.store.load_program().unwrap().partners.len(), 6);
    // y undoes; Ctrl-r (redo) asks nothing: it removes nothing.
    keys(&mut app, "uy");
    assert!(app.store.load_program().unwrap().partners.is_empty());
    assert!(app.is_welcome());
}

#[test]
fn a_small_undo_does_not_ask() {
    let mut app = app_on(Store::open_in_memory().unwrap());
    keys(&mut app, "a");
    keys(&mut app, "Northwind");
    app.handle_key(crossterm::event::KeyEvent::from(
        crossterm::event::KeyCode::Enter,
    ));
    assert_eq!(app.program.partners.len(), 1);
    keys(&mut app, "u");
    assert!(matches!(app.mode, Mode::Normal), "asked for one partner");
    assert!(app.program.partners.is_empty());
}
