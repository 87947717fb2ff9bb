//! The form's own keys, parsing and errors.

use super::*;
use crate::domain::FieldError;
use crossterm::event::{KeyEventKind, KeyEventState};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent {
        code,
        modifiers: KeyModifiers::NONE,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

fn typed(form: &mut Form, s: &str) {
    for c in s.chars() {
        form.handle_key(&key(KeyCode::Char(c)));
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
}

fn sample() -> Form {
    Form::new("Test", today())
        .text("name", "Name", "", Parse::Required, "")
        .text("start", "Start", "", Parse::Date, "")
        .text("budget", "Budget", "", Parse::Money, "")
        .choice(
            "type",
            "Type",
            vec![
                Choice::new("webinar", "Webinar"),
                Choice::new("email", "Email campaign"),
            ],
            "webinar",
            "",
        )
        .toggle("crm", "In CRM", false, "")
}

#[test]
fn letters_go_into_the_field_not_to_global_keys() {
    let mut f = sample();
    typed(&mut f, "quick q&a");
    assert_eq!(f.value("name"), "quick q&a");
    assert_eq!(
        f.handle_key(&key(KeyCode::Char('q'))),
        Outcome::Changed("name")
    );
}

#[test]
fn errors_show_per_keystroke_and_typed_text_is_kept() {
    let mut f = sample();
    f.handle_key(&key(KeyCode::Tab));
    typed(&mut f, "2026-13-01");
    assert!(f.fields[1].error.as_deref().unwrap().contains("not a date"));
    assert_eq!(f.value("start"), "2026-13-01");
    f.handle_key(&key(KeyCode::Backspace));
    f.handle_key(&key(KeyCode::Backspace));
    f.handle_key(&key(KeyCode::Backspace));
    f.handle_key(&key(KeyCode::Backspace));
    f.handle_key(&key(KeyCode::Backspace));
    typed(&mut f, "02-01");
    assert_eq!(f.fields[1].error, None);
    assert_eq!(f.get_date("start"), NaiveDate::from_ymd_opt(2026, 2, 1));
    f.handle_key(&key(KeyCode::Tab));
    typed(&mut f, "-5");
    assert!(f.fields[2].error.as_deref().unwrap().contains("negative"));
    assert!(!f.check_all());
}

#[test]
fn choices_cycle_and_jump_by_letter_and_toggles_flip() {
    let mut f = sample();
    f.focus_on("type");
    assert_eq!(f.handle_key(&key(KeyCode::Right)), Outcome::Changed("type"));
    assert_eq!(f.chosen("type"), "email");
    f.handle_key(&key(KeyCode::Char('w')));
    assert_eq!(f.chosen("type"), "webinar");
    f.focus_on("crm");
    f.handle_key(&key(KeyCode::Char(' ')));
    assert!(f.flag("crm"));
    f.handle_key(&key(KeyCode::Char('n')));
    assert!(!f.flag("crm"));
}

#[test]
fn domain_errors_land_on_their_fields() {
    let mut f = sample();
    f.show_errors(&Invalid(vec![
        FieldError::new("budget", "money cannot be negative"),
        FieldError::new("elsewhere", "something else"),
    ]));
    assert_eq!(
        f.fields[2].error.as_deref(),
        Some("money cannot be negative")
    );
    assert_eq!(f.error.as_deref(), Some("something else"));
    assert_eq!(f.focus, 2);
}

#[test]
fn esc_on_a_changed_form_asks_once_then_discards() {
    let mut f = sample();
    assert_eq!(f.handle_key(&key(KeyCode::Esc)), Outcome::Cancel);
    typed(&mut f, "x");
    assert_eq!(f.handle_key(&key(KeyCode::Esc)), Outcome::Keep);
    assert!(f.confirm_discard);
    assert_eq!(f.handle_key(&key(KeyCode::Esc)), Outcome::Cancel);
}

#[test]
fn counts_parse_with_separators() {
    assert_eq!(parse_count("1,200"), Ok(Some(1200)));
    assert_eq!(parse_count(" "), Ok(None));
    assert!(parse_count("-3").is_err());
    assert!(parse_count("12a").is_err());
}
