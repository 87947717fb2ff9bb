//! A small harness that runs the real `jmo` binary, either as a plain
//! command or in a pseudo-terminal whose output is parsed by vt100.
//!
//! Every run gets its own temporary folder: the database, an empty config
//! file passed with `--config`, and `HOME` / `XDG_*` pointing inside it, so
//! the user's real config and data are never read. The date is fixed with
//! `--as-of`.
//!
//! Nothing here sleeps to make an assertion pass: [`Tui::wait_for`] polls
//! until a condition holds or a generous timeout expires (and then fails
//! with the screen it last saw).
//!
//! Conditions are checked on complete frames only. The child writes a frame
//! in several chunks (stdout is line-buffered and frames have no newlines),
//! so the emulator often holds half a frame. ratatui's crossterm backend
//! ends every `Terminal::draw` (one per event, and one every 500 ms when
//! idle) with `SetAttribute(Reset)`, the bytes [`FRAME_END`], and uses it
//! nowhere else (inside a frame it switches single attributes off); the
//! colour resets before it are left out under `NO_COLOR`. The reader thread
//! snapshots the emulator's screen right after each one.

#![allow(dead_code)]

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_jmo");

/// The day every run is pinned to.
pub const AS_OF: &str = "2026-11-21";

/// How long to wait for anything: generous, because CI machines are small
/// and debug builds are slow (a loaded 2-core machine once needed more than
/// 15 s for one saved edit). Only failures ever wait this long.
pub const TIMEOUT: Duration = Duration::from_secs(30);

/// The bytes that end every frame ratatui draws (see the module docs).
pub const FRAME_END: &[u8] = b"\x1b[0m";

/// How often a waiting test looks at the screen again.
const POLL: Duration = Duration::from_millis(20);

/// One test's private world: a temporary folder with the database and an
/// empty config file.
pub struct TestEnv {
    dir: tempfile::TempDir,
    /// The database file (`--db`).
    pub db: PathBuf,
    /// The config file (`--config`): empty, so every default applies.
    pub config: PathBuf,
}

impl Default for TestEnv {
    fn default() -> Self {
        Self::new()
    }
}

impl TestEnv {
    /// A fresh folder; the database does not exist yet.
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().unwrap();
        for sub in [
            "home",
            "xdg-config",
            "xdg-data",
            "xdg-cache",
            "xdg-state",
            "config",
        ] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let config = dir.path().join("config").join("config.toml");
        std::fs::write(&config, "").unwrap();
        let db = dir.path().join("jmo.db");
        TestEnv { dir, db, config }
    }

    /// The temporary folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The environment every run gets (the rest of the parent's is dropped).
    fn env(&self) -> Vec<(String, String)> {
        let p = |sub: &str| self.dir.path().join(sub).display().to_string();
        vec![
            ("HOME".into(), p("home")),
            ("XDG_CONFIG_HOME".into(), p("xdg-config")),
            ("XDG_DATA_HOME".into(), p("xdg-data")),
            ("XDG_CACHE_HOME".into(), p("xdg-cache")),
            ("XDG_STATE_HOME".into(), p("xdg-state")),
            ("PATH".into(), std::env::var("PATH").unwrap_or_default()),
            ("TERM".into(), "xterm-256color".into()),
            ("LANG".into(), "C.UTF-8".into()),
        ]
    }

    /// The global arguments every run gets: database, config, date.
    fn base_args(&self) -> Vec<String> {
        vec![
            "--db".into(),
            self.db.display().to_string(),
            "--config".into(),
            self.config.display().to_string(),
            "--as-of".into(),
            AS_OF.into(),
        ]
    }

    /// `jmo` as a plain command (no terminal), with `args` after the global ones.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.env_clear()
            .envs(self.env())
            .current_dir(self.dir.path())
            .args(self.base_args())
            .args(args);
        cmd
    }

    /// Runs `jmo ARGS` to completion and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// `jmo demo`: loads the example plan into the database.
    pub fn demo(&self) {
        let out = self.run(&["demo"]);
        assert!(
            out.status.success(),
            "jmo demo failed: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// `jmo export --json --redact`, parsed: the example plan holds a
    /// campaign that uses a partner's customer data without consent (G5),
    /// which is left out.
    pub fn export(&self) -> serde_json::Value {
        let out = self.run(&["export", "--json", "--redact"]);
        assert!(
            out.status.success(),
            "jmo export failed: {:?}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// Opens the screen in a `cols`×`rows` terminal with extra arguments,
    /// and waits for the first frame.
    pub fn open(&self, cols: u16, rows: u16, args: &[&str]) -> Tui {
        self.open_with_env(cols, rows, args, &[])
    }

    /// As [`TestEnv::open`], with extra environment variables.
    pub fn open_with_env(&self, cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Tui {
        Tui::spawn(self.pty_command(args, env), cols, rows)
    }

    /// The TUI command for a pseudo-terminal: the test's environment,
    /// `env` on top, the global arguments, then `args`.
    pub fn pty_command(&self, args: &[&str], env: &[(&str, &str)]) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.env_clear();
        for (k, v) in self.env().into_iter() {
            cmd.env(k, v);
        }
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(self.dir.path());
        cmd.args(self.base_args());
        cmd.args(args);
        cmd
    }
}

/// What the reader thread shares with the test.
struct Term {
    /// The emulator, fed every byte as it arrives.
    parser: vt100::Parser,
    /// The screen right after the last complete frame.
    frame: Option<vt100::Screen>,
}

/// The real binary running in a pseudo-terminal.
pub struct Tui {
    term: Arc<Mutex<Term>>,
    /// The terminal's master side; `None` once [`Tui::hang_up`] closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    /// Set by the reader thread when the terminal has no more output (the
    /// child and everything it started have closed it).
    drained: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

/// Feeds `chunk` to the emulator, snapshotting the screen after each
/// [`FRAME_END`] (also one that started in the previous chunk: `carry`
/// holds that chunk's last bytes).
fn feed(term: &mut Term, carry: &mut Vec<u8>, chunk: &[u8]) {
    let offset = carry.len();
    let mut joined = std::mem::take(carry);
    joined.extend_from_slice(chunk);
    let mut start = 0;
    for end in FRAME_END.len()..=joined.len() {
        if end > offset && joined[end - FRAME_END.len()..end] == *FRAME_END {
            term.parser.process(&chunk[start..end - offset]);
            start = end - offset;
            term.frame = Some(term.parser.screen().clone());
        }
    }
    term.parser.process(&chunk[start..]);
    let keep = joined.len().saturating_sub(FRAME_END.len() - 1);
    *carry = joined.split_off(keep);
}

impl Tui {
    fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Only the child holds the terminal's slave side from here on, so
        // the reader sees the end of output when the child is gone.
        drop(pair.slave);
        let term = Arc::new(Mutex::new(Term {
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            frame: None,
        }));
        let drained = Arc::new(AtomicBool::new(false));
        let mut source = pair.master.try_clone_reader().unwrap();
        let reader = {
            let term = Arc::clone(&term);
            let drained = Arc::clone(&drained);
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                let mut carry = Vec::new();
                loop {
                    match source.read(&mut buf) {
                        // EOF, or EIO on Linux once the slave side is closed.
                        Ok(0) | Err(_) => break,
                        Ok(n) => feed(&mut term.lock().unwrap(), &mut carry, &buf[..n]),
                    }
                }
                drained.store(true, Ordering::SeqCst);
            })
        };
        let writer = pair.master.take_writer().unwrap();
        let mut tui = Tui {
            term,
            master: Some(pair.master),
            writer: Some(writer),
            child,
            drained,
            reader: Some(reader),
            status: None,
        };
        // The first frame: raw mode is on before the alternate screen is
        // entered, so keys sent from here on are read as keys. (A child that
        // already exited, e.g. by a deliberate panic, is left to the test.)
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let drawn = tui.with_frame(|s| s.alternate_screen() && !s.contents().trim().is_empty());
            if drawn || !tui.is_running() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no first frame on the alternate screen"
            );
            std::thread::sleep(POLL);
        }
        tui
    }

    /// The process id of the child.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap()
    }

    /// Writes bytes to the terminal as if typed.
    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal was hung up");
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
    }

    /// The last complete frame as plain text, one line per row.
    pub fn text(&self) -> String {
        self.with_frame(screen_text)
    }

    /// Runs `f` on the last complete frame (an empty screen before the first).
    pub fn with_frame<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        let term = self.term.lock().unwrap();
        match &term.frame {
            Some(frame) => f(frame),
            None => f(vt100::Parser::new(nz(1), nz(1), 0).screen()),
        }
    }

    /// Runs `f` on the emulator's screen as it is now, every byte so far
    /// processed (for the state the child left the terminal in).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.term.lock().unwrap().parser.screen())
    }

    /// The text of the selected row in the focused pane of the last frame
    /// (the cells drawn in reverse video), or `None`.
    pub fn selected_row(&self) -> Option<String> {
        self.with_frame(selected_row)
    }

    /// Waits until `pred` holds for the text of a complete frame; returns
    /// that text.
    /// Fails after [`TIMEOUT`], or as soon as the child has exited without
    /// the condition holding, showing the last screen.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        self.wait_for_screen(what, |s| pred(&screen_text(s)));
        self.text()
    }

    /// Waits until `pred` holds for a complete frame.
    pub fn wait_for_screen(&mut self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if self.with_frame(&pred) {
                return;
            }
            if self.status.is_none() {
                self.status = self.child.try_wait().unwrap();
            }
            // Once the child is gone and its output read, nothing changes.
            let gone = self.status.is_some() && self.drained.load(Ordering::SeqCst);
            if gone || Instant::now() > deadline {
                if self.with_frame(&pred) {
                    return;
                }
                panic!(
                    "timed out waiting for {what} (child: {:?})\n\
                     --- last complete frame ---\n{}\n\
                     --- the terminal now ---\n{}\n---",
                    self.status,
                    self.text(),
                    self.with_screen(screen_text),
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Whether the child is still running.
    pub fn is_running(&mut self) -> bool {
        if self.status.is_none() {
            self.status = self.child.try_wait().unwrap();
        }
        self.status.is_none()
    }

    /// Waits for the child to exit and for all its output to be parsed;
    /// returns its exit status.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        while self.status.is_none() {
            self.status = self.child.try_wait().unwrap();
            if self.status.is_none() {
                assert!(
                    Instant::now() < deadline,
                    "the child did not exit\n--- screen ---\n{}",
                    self.with_screen(screen_text)
                );
                std::thread::sleep(POLL);
            }
        }
        while !self.drained.load(Ordering::SeqCst) {
            assert!(
                Instant::now() < deadline,
                "the terminal output did not end after the child exited"
            );
            std::thread::sleep(POLL);
        }
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.status.clone().unwrap()
    }

    /// Closes the terminal under the child, as closing a terminal window or
    /// losing an SSH connection does.
    pub fn hang_up(&mut self) {
        self.writer = None;
        self.master = None;
    }

    /// Resizes the terminal (the child gets SIGWINCH) and the emulator.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut term = self.term.lock().unwrap();
        term.parser.screen_mut().set_size(nz(rows), nz(cols));
        drop(term);
        self.master
            .as_ref()
            .expect("the terminal was hung up")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }
}

impl Drop for Tui {
    /// A test that failed midway must not leave its child running.
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A terminal dimension (never zero in these tests).
fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// The screen as plain text: one line per row, trailing blanks kept off.
pub fn screen_text(screen: &vt100::Screen) -> String {
    let (_, cols) = screen.size();
    screen.rows(0, cols.get()).collect::<Vec<_>>().join("\n")
}

/// The text of the first row drawn (partly) in reverse video: the cursor
/// row of the focused pane. Only the reversed cells are returned.
pub fn selected_row(screen: &vt100::Screen) -> Option<String> {
    let (rows, cols) = screen.size();
    for row in 0..rows.get() {
        let mut text = String::new();
        for col in 0..cols.get() {
            if let Some(cell) = screen.cell(row, col)
                && cell.inverse()
            {
                text.push_str(if cell.has_contents() {
                    cell.contents()
                } else if cell.is_wide_continuation() {
                    ""
                } else {
                    " "
                });
            }
        }
        if !text.is_empty() {
            return Some(text);
        }
    }
    None
}

/// The line of `text` that contains `needle`, if any.
pub fn line_with<'a>(text: &'a str, needle: &str) -> Option<&'a str> {
    text.lines().find(|l| l.contains(needle))
}
