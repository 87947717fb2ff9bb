//! A form pop-up: labelled fields (text via ratatui-textarea, choices,
//! yes/no toggles), validated on every keystroke, submitted only when all
//! fields are valid (STYLE, tui-journal). The form never touches the store:
//! it hands a draft back to the app, which saves it.
//!
//! While a form is open every key goes to it, so typed letters never
//! trigger the main screen's keys.

use crate::domain::Currency;
use crate::domain::dates::{parse_date, parse_optional_date};
use crate::domain::validation::Invalid;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;
use rust_decimal::Decimal;
use text::{text_area, text_input, text_of};

mod text;

/// How a text field's content is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Parse {
    /// Any text, may be empty.
    Text,
    /// Text that must not be blank.
    Required,
    /// A date (`YYYY-MM-DD`, `today`, `+7`).
    Date,
    /// A date or empty.
    OptDate,
    /// A money amount in the form's currency, ≥ 0.
    Money,
    /// A money amount or empty.
    OptMoney,
    /// A whole number ≥ 0, or empty.
    OptCount,
    /// A multiple like `5`, `4.5` or `5x` (0–1000), or empty.
    OptMultiple,
    /// A plan period: `2026Q1` (a quarter) or `2026` (a year).
    Period,
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The stable key (stored).
    pub key: String,
    /// What the user sees.
    pub label: String,
}

impl Choice {
    /// An option.
    pub fn new(key: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            key: key.into(),
            label: label.into(),
        }
    }
}

/// A field's input widget and value.
#[derive(Debug, Clone)]
pub enum Input {
    /// One line of text.
    Text {
        /// The editor (ratatui-textarea).
        area: Box<TextArea<'static>>,
        /// How to read it.
        parse: Parse,
    },
    /// One of a fixed list; ←/→ or Space cycle, a letter jumps.
    Choice {
        /// The options.
        options: Vec<Choice>,
        /// The chosen one.
        index: usize,
    },
    /// Yes / no; Space toggles.
    Toggle(bool),
}

/// One labelled field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Machine name; matches [`crate::domain::FieldError::field`].
    pub key: &'static str,
    /// Label shown left of the input.
    pub label: &'static str,
    /// The input.
    pub input: Input,
    /// The current error, shown under the field.
    pub error: Option<String>,
    /// A hint shown when the field has focus.
    pub hint: std::borrow::Cow<'static, str>,
    /// Long text (notes, a justification): may hold several lines, typed
    /// with the new-line key or written in `$EDITOR`; shown on a few rows.
    pub long: bool,
}

/// What a key did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing more to do.
    Keep,
    /// The value of this field changed (the app may fill others from it).
    Changed(&'static str),
    /// The user asked to save (Enter / Ctrl-S).
    Submit,
    /// The user closed the form without saving.
    Cancel,
}

/// An open form.
#[derive(Debug, Clone)]
pub struct Form {
    /// Title, e.g. "New campaign — Northwind".
    pub title: String,
    /// The fields, top to bottom.
    pub fields: Vec<Field>,
    /// The focused field.
    pub focus: usize,
    /// A message for the whole form (e.g. a save error).
    pub error: Option<String>,
    /// A notice in the form's status line that is no field's error (e.g.
    /// "the editor 'vi' failed (exit 1); the text is as it was"): it asks
    /// nothing to be fixed, and Enter saves as usual. Cleared by the next
    /// change.
    pub notice: Option<String>,
    /// A message at the top of the form: the record changed underneath
    /// while the user edited (theirs and yours, what Enter and Esc do), or
    /// it was reloaded (issue 10, item 1).
    pub conflict: Option<String>,
    /// Set once the user changed anything (Esc then asks before discarding).
    pub dirty: bool,
    /// Esc was pressed once on a dirty form; a second Esc discards.
    pub confirm_discard: bool,
    /// The user saw a warning the form gave on Enter (e.g. readiness
    /// incomplete before going live) and pressed Enter again to save anyway.
    pub acknowledged: bool,
    /// The date relative dates are counted from.
    pub today: NaiveDate,
    /// The currency money fields are typed in (the database's).
    pub currency: Currency,
}

impl Form {
    /// An empty form.
    pub fn new(title: impl Into<String>, today: NaiveDate) -> Form {
        Form {
            title: title.into(),
            fields: Vec::new(),
            focus: 0,
            error: None,
            notice: None,
            conflict: None,
            dirty: false,
            confirm_discard: false,
            acknowledged: false,
            today,
            currency: Currency::USD,
        }
    }

    /// The same form with its money fields in `currency` (the database's).
    pub fn in_currency(mut self, currency: Currency) -> Form {
        self.currency = currency;
        self
    }

    /// Adds a text field.
    pub fn text(
        mut self,
        key: &'static str,
        label: &'static str,
        value: &str,
        parse: Parse,
        hint: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Form {
        self.fields.push(Field {
            key,
            label,
            input: Input::Text {
                area: text_area(value),
                parse,
            },
            error: None,
            hint: hint.into(),
            long: false,
        });
        self.select_focused();
        self
    }

    /// Makes the field added last a long text field ([`Field::long`]).
    pub fn long(mut self) -> Form {
        if let Some(f) = self.fields.last_mut() {
            f.long = true;
            // Wrapped on the field's rows rather than scrolled sideways.
            if let Input::Text { area, .. } = &mut f.input {
                area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            }
        }
        // Focused as it was added, it was selected as a one-line field.
        self.select_focused();
        self
    }

    /// Adds a choice field with `selected` (a key) chosen, else the first.
    pub fn choice(
        mut self,
        key: &'static str,
        label: &'static str,
        options: Vec<Choice>,
        selected: &str,
        hint: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Form {
        let index = options.iter().position(|o| o.key == selected).unwrap_or(0);
        self.fields.push(Field {
            key,
            label,
            input: Input::Choice { options, index },
            error: None,
            hint: hint.into(),
            long: false,
        });
        self
    }

    /// Adds a yes/no field.
    pub fn toggle(
        mut self,
        key: &'static str,
        label: &'static str,
        value: bool,
        hint: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Form {
        self.fields.push(Field {
            key,
            label,
            input: Input::Toggle(value),
            error: None,
            hint: hint.into(),
            long: false,
        });
        self
    }

    fn index_of(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }

    /// The field named `key`.
    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    /// The text of a text field as typed (its lines joined with `\n`), the
    /// chosen key of a choice, `true` / `false` for a toggle, or "".
    pub fn value(&self, key: &str) -> String {
        match self.field(key).map(|f| &f.input) {
            Some(Input::Text { area, .. }) => text_of(area),
            Some(Input::Choice { options, index }) => options
                .get(*index)
                .map(|o| o.key.clone())
                .unwrap_or_default(),
            Some(Input::Toggle(b)) => b.to_string(),
            None => String::new(),
        }
    }

    /// The chosen key of a choice field, or "".
    pub fn chosen(&self, key: &str) -> String {
        self.value(key)
    }

    /// A toggle's value (false if absent).
    pub fn flag(&self, key: &str) -> bool {
        matches!(self.field(key).map(|f| &f.input), Some(Input::Toggle(true)))
    }

    /// Replaces a text field's content (the app filling it from another).
    pub fn set_text(&mut self, key: &str, value: &str) {
        if let Some(i) = self.index_of(key)
            && let Input::Text { area, .. } = &mut self.fields[i].input
        {
            let wrap = area.wrap_mode();
            **area = *text_area(value);
            area.set_wrap_mode(wrap);
            self.check_field(i);
        }
    }

    /// Chooses the option with `choice_key` in a choice field.
    pub fn set_choice(&mut self, key: &str, choice_key: &str) {
        if let Some(i) = self.index_of(key)
            && let Input::Choice { options, index } = &mut self.fields[i].input
            && let Some(pos) = options.iter().position(|o| o.key == choice_key)
        {
            *index = pos;
        }
    }

    /// Sets a toggle.
    pub fn set_flag(&mut self, key: &str, value: bool) {
        if let Some(i) = self.index_of(key)
            && let Input::Toggle(b) = &mut self.fields[i].input
        {
            *b = value;
        }
    }

    /// Sets any field from a value as [`Form::value`] gives it: the text,
    /// the chosen key, or `true` / `false`.
    pub fn set_value(&mut self, key: &str, value: &str) {
        match self.field(key).map(|f| &f.input) {
            Some(Input::Text { .. }) => self.set_text(key, value),
            Some(Input::Choice { .. }) => self.set_choice(key, value),
            Some(Input::Toggle(_)) => self.set_flag(key, value == "true"),
            None => {}
        }
    }

    /// Handles one key press with the default keys of a form (the form
    /// view dispatches through its key table instead: see
    /// [`crate::app::views::form`]).
    pub fn handle_key(&mut self, ev: &KeyEvent) -> Outcome {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        match ev.code {
            KeyCode::Esc => self.escape(),
            KeyCode::Char('c') if ctrl => Outcome::Cancel,
            KeyCode::Enter => self.submit(),
            KeyCode::Char('s') if ctrl => self.submit(),
            KeyCode::Tab | KeyCode::Down => {
                self.step(1);
                Outcome::Keep
            }
            KeyCode::BackTab | KeyCode::Up => {
                self.step(-1);
                Outcome::Keep
            }
            _ => self.input(ev),
        }
    }

    /// Esc: closes the form; on a form the user changed, only the second
    /// Esc in a row does ([`Form::confirm_discard`]).
    pub fn escape(&mut self) -> Outcome {
        if self.dirty && !self.confirm_discard {
            self.confirm_discard = true;
            return Outcome::Keep;
        }
        Outcome::Cancel
    }

    /// Enter: the user asks to save.
    pub fn submit(&mut self) -> Outcome {
        self.confirm_discard = false;
        Outcome::Submit
    }

    /// Moves the focus `delta` fields (wrapping); the text of the one-line
    /// field it moves into is selected ([`Form::select_focused`]).
    pub fn step(&mut self, delta: i64) {
        self.confirm_discard = false;
        self.move_focus(delta);
        self.select_focused();
    }

    /// A key typed into the focused field: text into a text field; ← / →
    /// / Space or a letter change a choice; Space, ← / →, y / n a yes/no.
    pub fn input(&mut self, ev: &KeyEvent) -> Outcome {
        self.confirm_discard = false;
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let i = self.focus.min(self.fields.len().saturating_sub(1));
        let Some(field) = self.fields.get_mut(i) else {
            return Outcome::Keep;
        };
        let key = field.key;
        let long = field.long;
        let changed = match &mut field.input {
            Input::Text { area, .. } => text_input(area, ev, long),
            Input::Choice { options, index } => match ev.code {
                KeyCode::Left => cycle(index, options.len(), -1),
                KeyCode::Right | KeyCode::Char(' ') => cycle(index, options.len(), 1),
                KeyCode::Char(c) if !ctrl => {
                    let c = c.to_ascii_lowercase();
                    let n = options.len();
                    let start = *index + 1;
                    match (0..n)
                        .map(|k| (start + k) % n)
                        .find(|&k| options[k].label.to_ascii_lowercase().starts_with(c))
                    {
                        Some(k) if k != *index => {
                            *index = k;
                            true
                        }
                        _ => false,
                    }
                }
                _ => false,
            },
            Input::Toggle(b) => match ev.code {
                KeyCode::Char(' ') | KeyCode::Left | KeyCode::Right => {
                    *b = !*b;
                    true
                }
                KeyCode::Char('y') | KeyCode::Char('Y') => !std::mem::replace(b, true),
                KeyCode::Char('n') | KeyCode::Char('N') => std::mem::replace(b, false),
                _ => false,
            },
        };
        if changed {
            self.dirty = true;
            self.error = None;
            self.notice = None;
            self.check_field(i);
            Outcome::Changed(key)
        } else {
            Outcome::Keep
        }
    }

    fn move_focus(&mut self, delta: i64) {
        let n = self.fields.len() as i64;
        if n > 0 {
            self.focus = ((self.focus as i64 + delta).rem_euclid(n)) as usize;
        }
    }

    /// Focuses a field by key, its text selected ([`Form::select_focused`]).
    pub fn focus_on(&mut self, key: &str) {
        if let Some(i) = self.index_of(key) {
            self.focus = i;
            self.select_focused();
        }
    }

    /// Re-parses field `i` and sets or clears its error.
    fn check_field(&mut self, i: usize) {
        let (today, currency) = (self.today, self.currency);
        if let Some(f) = self.fields.get_mut(i)
            && let Input::Text { area, parse } = &f.input
        {
            f.error = parse_error(*parse, &text_of(area), today, currency);
        }
    }

    /// Re-parses every field; `true` when none has an error.
    pub fn check_all(&mut self) -> bool {
        for i in 0..self.fields.len() {
            self.check_field(i);
        }
        self.first_error().is_none()
    }

    fn first_error(&self) -> Option<usize> {
        self.fields.iter().position(|f| f.error.is_some())
    }

    /// Shows domain validation errors at their fields (unknown fields go to
    /// the form's error line) and focuses the first bad field.
    pub fn show_errors(&mut self, invalid: &Invalid) {
        let mut unplaced = Vec::new();
        for e in &invalid.0 {
            match self.index_of(e.field) {
                Some(i) => self.fields[i].error = Some(e.message.clone()),
                None => unplaced.push(e.message.clone()),
            }
        }
        if !unplaced.is_empty() {
            self.error = Some(unplaced.join("; "));
        }
        if let Some(i) = self.first_error() {
            self.focus = i;
        }
    }

    /// Focuses the first field with an error, if any.
    pub fn focus_first_error(&mut self) {
        if let Some(i) = self.first_error() {
            self.focus = i;
        }
    }

    /// The required text of a field (trimmed). Call after [`Form::check_all`].
    pub fn get_text(&self, key: &str) -> String {
        self.value(key).trim().to_string()
    }

    /// The text, or `None` when blank.
    pub fn get_opt_text(&self, key: &str) -> Option<String> {
        Some(self.get_text(key)).filter(|s| !s.is_empty())
    }

    /// A parsed date; `None` if the field is invalid (its error is shown).
    pub fn get_date(&self, key: &str) -> Option<NaiveDate> {
        parse_date(&self.value(key), self.today).ok()
    }

    /// A parsed optional date: `Some(None)` when blank, `None` if invalid.
    pub fn get_opt_date(&self, key: &str) -> Option<Option<NaiveDate>> {
        parse_optional_date(&self.value(key), self.today).ok()
    }

    /// A parsed amount; `None` if invalid.
    pub fn get_money(&self, key: &str) -> Option<Decimal> {
        self.currency.parse(&self.value(key)).ok()
    }

    /// A parsed optional amount: `Some(None)` when blank, `None` if invalid.
    pub fn get_opt_money(&self, key: &str) -> Option<Option<Decimal>> {
        self.currency.parse_optional(&self.value(key)).ok()
    }

    /// A parsed optional multiple: `Some(None)` when blank, `None` if invalid.
    pub fn get_opt_multiple(&self, key: &str) -> Option<Option<Decimal>> {
        parse_multiple(&self.value(key)).ok()
    }

    /// A parsed plan period; `None` if invalid.
    pub fn get_period(&self, key: &str) -> Option<crate::domain::jmp::Period> {
        crate::domain::jmp::Period::parse(&self.value(key)).ok()
    }

    /// A parsed optional count: `Some(None)` when blank, `None` if invalid.
    pub fn get_opt_count(&self, key: &str) -> Option<Option<i64>> {
        parse_count(&self.value(key)).ok()
    }
}

fn cycle(index: &mut usize, len: usize, delta: i64) -> bool {
    if len < 2 {
        return false;
    }
    *index = ((*index as i64 + delta).rem_euclid(len as i64)) as usize;
    true
}

/// Parses an optional multiple: `5`, `4.5`, `5x` (0 to 1000), or empty.
fn parse_multiple(text: &str) -> Result<Option<Decimal>, String> {
    let t = text.trim().trim_end_matches(['x', 'X']).trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<Decimal>() {
        Ok(m) if !m.is_sign_negative() && m <= Decimal::from(1000) && m.scale() <= 2 => {
            Ok(Some(m.normalize()))
        }
        Ok(_) => Err("a multiple from 0 to 1000, at most two decimals (e.g. 4.5)".into()),
        Err(_) => Err(format!(
            "'{}' is not a multiple; type e.g. 5 or 4.5x",
            text.trim()
        )),
    }
}

/// Parses an optional whole count ≥ 0 ("1,200" allowed); empty is `None`.
/// The results form and `jmo results` read counts with it.
///
/// Errors: not a whole number, negative, or above the count limit.
pub fn parse_count(text: &str) -> Result<Option<i64>, String> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .collect();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(n) => match crate::domain::money::count_error(n) {
            Some(message) => Err(message),
            None => Ok(Some(n)),
        },
        Err(_) => Err(format!("'{}' is not a whole number", text.trim())),
    }
}

/// The message for a field's text, or `None` if it reads fine.
fn parse_error(parse: Parse, text: &str, today: NaiveDate, currency: Currency) -> Option<String> {
    match parse {
        Parse::Text => None,
        Parse::Required => text.trim().is_empty().then(|| "required".to_string()),
        Parse::Date => parse_date(text, today).err(),
        Parse::OptDate => parse_optional_date(text, today).err(),
        Parse::Money => currency.parse(text).err(),
        Parse::OptMoney => currency.parse_optional(text).err(),
        Parse::OptCount => parse_count(text).err(),
        Parse::OptMultiple => parse_multiple(text).err(),
        Parse::Period => crate::domain::jmp::Period::parse(text).err(),
    }
}

#[cfg(test)]
mod tests;
