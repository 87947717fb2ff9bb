//! A long text field written in the user's editor (issue 11, item 6): the
//! form asks for it with one key, the update step queues an
//! [`Effect::Editor`](super::Effect::Editor) holding the field's text, and
//! the event loop (`tui.rs`) gives the terminal back, runs [`Edit::run`]
//! and takes the terminal again whatever happened, then hands the result
//! to [`App::edited`]. The text goes back into the field as typed: nothing
//! is saved until the form is.

use super::views::Mode;
use super::{App, StatusKind};
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// A field's text to edit in `$VISUAL` / `$EDITOR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The form field's key (e.g. `justification`).
    pub field: &'static str,
    /// Its text when the editor was asked for (lines joined with `\n`).
    pub text: String,
}

/// What the editor left.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// The form field's key.
    pub field: &'static str,
    /// The file's text after the editor quit (as the editor left it,
    /// final newline included), or why there is none: the editor could
    /// not be run, or it failed (non-zero exit).
    pub result: Result<String, String>,
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi` (empty
/// values skipped). It may carry arguments (`code --wait`).
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

impl Edit {
    /// Runs the user's editor ([`editor_command`]) on the text. Blocks
    /// until the editor quits; the caller owns the terminal around it.
    pub fn run(self) -> Edited {
        let command = editor_command();
        self.run_with(&command)
    }

    /// Runs `command` (a shell command line; the file's path is added as
    /// its last argument) on a file holding the text: the file is mode
    /// 0600 in a private temporary folder (0700), both removed afterwards.
    /// The text read back is the result; the editor not found, not
    /// started or exiting non-zero is an error message.
    pub fn run_with(self, command: &str) -> Edited {
        let field = self.field;
        let result = edit_file(command, &self.text);
        Edited { field, result }
    }
}

/// Writes `text` (with a final newline, as editors keep files; an empty
/// text as an empty file, so a line the editor adds is the first) to a
/// private temporary file, runs `command` on it and reads it back.
fn edit_file(command: &str, text: &str) -> Result<String, String> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("jmo-edit-");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700));
    let dir = builder
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let path = dir.path().join("text.txt");
    let contents = if text.is_empty() {
        String::new()
    } else {
        format!("{text}\n")
    };
    write_private(&path, &contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("jmo-editor")
        .arg(&path)
        .status()
        .map_err(|e| format!("cannot run the editor '{command}': {e}"))?;
    match status.code() {
        Some(0) => std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read the edited text back: {e}")),
        Some(127) => Err(format!(
            "the editor '{command}' was not found: set $EDITOR (or $VISUAL)"
        )),
        Some(code) => Err(format!("the editor '{command}' failed (exit {code})")),
        None => Err(format!("the editor '{command}' was stopped by a signal")),
    }
}

/// Creates `path` readable and writable by its owner only, with `text`.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

impl App {
    /// Takes what the editor left: the text goes into the field of the
    /// open form (its final newline dropped; not saved until Enter); a
    /// failed editor leaves the text as it was and says why in the form's
    /// status line ([`Form::notice`](super::form::Form::notice)): no
    /// field is wrong, so Enter saves as usual.
    pub fn edited(&mut self, edited: Edited) {
        let Mode::Form(open) = &mut self.mode else {
            self.say(
                StatusKind::Info,
                "The edited text was dropped: the form had closed",
            );
            return;
        };
        let form = &mut open.form;
        match edited.result {
            Ok(text) => form.put_text(edited.field, &text),
            Err(message) => form.notice = Some(format!("{message}; the text is as it was")),
        }
    }
}
