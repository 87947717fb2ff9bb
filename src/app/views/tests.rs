//! The views' keys as a user meets them (issue 11): every view answers
//! `?` with its own keys, a key it does not use leaves it open and says
//! so, `[keys]` and `[keys.VIEW]` rebind a view's keys, and its hint bar
//! follows.

use super::*;
use crate::app::view::Scrolling;

#[test]
fn scrolling_keys_stay_within_the_view() {
    let room = Scrolling { max: 30, page: 10 };
    assert_eq!(scrolled(Move::Down, 0, room), 1);
    assert_eq!(scrolled(Move::Up, 0, room), 0);
    assert_eq!(scrolled(Move::PageDown, 0, room), 9);
    assert_eq!(scrolled(Move::PageDown, 25, room), 30);
    assert_eq!(scrolled(Move::PageUp, 5, room), 0);
    assert_eq!(scrolled(Move::Bottom, 0, room), 30);
    assert_eq!(scrolled(Move::Top, 12, room), 0);
    // Scrolled past the end (a bigger window before): ↑ moves at once.
    assert_eq!(scrolled(Move::Up, 99, room), 29);
}
