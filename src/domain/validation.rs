//! Field-level validation errors shared by forms, import and the store.

use std::fmt;

/// One invalid field: which field, and a message that says what to type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's machine name, e.g. `"launch"`; forms map it to the widget.
    pub field: &'static str,
    /// What is wrong and what to do, e.g. "launch must be on or after start (2026-03-01)".
    pub message: String,
}

impl FieldError {
    /// Builds an error for `field`.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// A record that failed validation: every field error found, in field order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    /// `Ok(())` when `errors` is empty, else `Err(Invalid(errors))`.
    pub fn check(errors: Vec<FieldError>) -> Result<(), Invalid> {
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Invalid(errors))
        }
    }
}
