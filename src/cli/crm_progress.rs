//! The progress bar of `jmo crm import` on a large file (issue 12, the
//! import's quality bars): bytes read out of the file's size, on standard
//! error, and only when standard error is a terminal, so piped or captured
//! output never holds it.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Files from this size (bytes) get a bar: 1 MiB, about 4,000 to 6,000
/// Campaign rows of a Data Loader export.
pub const FROM_BYTES: u64 = 1 << 20;

/// Whether a file of `len` bytes gets a drawn bar, given whether standard
/// error is a terminal.
pub fn shows(len: u64, stderr_is_terminal: bool) -> bool {
    stderr_is_terminal && len >= FROM_BYTES
}

/// The bar for reading a file of `len` bytes: drawn on standard error
/// (at most 10 times a second) when [`shows`], else hidden; a hidden bar
/// still counts.
pub fn bar(len: u64, stderr_is_terminal: bool) -> ProgressBar {
    if !shows(len, stderr_is_terminal) {
        return ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::hidden());
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr_with_hz(10));
    if let Ok(style) =
        ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} ({eta} left)")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("reading");
    bar
}

/// The bar for planning `rows` records after a file's bar was shown:
/// drawn on standard error (at most 10 times a second).
pub fn rows_bar(rows: u64) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(rows), ProgressDrawTarget::stderr_with_hz(10));
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta} left)") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message("matching");
    bar
}

/// The bar for `file` (its size from the file system; 0 when unknown),
/// drawn only when standard error is a terminal.
pub fn for_file(file: &std::fs::File) -> ProgressBar {
    let len = file.metadata().map_or(0, |m| m.len());
    bar(len, std::io::stderr().is_terminal())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::Read;

    /// Drawn only for a large file on a terminal.
    #[test]
    fn a_bar_only_for_large_files_on_a_terminal() {
        assert!(shows(FROM_BYTES, true));
        assert!(!shows(FROM_BYTES - 1, true));
        assert!(!shows(50 * FROM_BYTES, false));
        assert!(bar(50 * FROM_BYTES, false).is_hidden());
    }

    /// The bar counts the bytes read through it, to the file's size.
    #[test]
    fn the_bar_counts_bytes_read() {
        let data = vec![b'x'; 3000];
        let b = bar(data.len() as u64, false);
        let mut out = Vec::new();
        b.wrap_read(data.as_slice()).read_to_end(&mut out).unwrap();
        assert_eq!(b.position(), 3000);
        assert_eq!(b.length(), Some(3000));
    }
}
