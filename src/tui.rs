//! The terminal runner: sets the terminal up, runs the event loop, and
//! restores the terminal on quit, on error and on panic (issue 2, item 10).

use crate::app::{App, Effect};
use crate::ui;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Restores the terminal when dropped: mouse capture off, raw mode off,
/// main screen back.
struct TerminalGuard;

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Why the screen stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// The terminal could not be set up (no terminal to read keys from,
    /// e.g. without a controlling terminal): nothing was drawn.
    #[error("cannot set up the terminal: {0}")]
    NoTerminal(std::io::Error),
    /// The terminal failed while the screen ran (it is restored first).
    #[error("terminal error: {0}")]
    Terminal(#[from] std::io::Error),
}

/// The luma of the terminal's background, 0 (black) to 1 (white), for
/// `theme = "auto"`; `None` when the terminal cannot tell. Asks the
/// terminal (the xterm "dynamic colours" query, answered by most terminals;
/// at most 100 ms for one that answers nothing, and at once for one that
/// answers the status report it is fenced with), else reads `COLORFGBG`
/// (the `terminal-light` crate). Call it before the screen starts.
pub fn background_luma() -> Option<f32> {
    terminal_light::luma().ok().filter(|l| l.is_finite())
}

/// Runs jmo's screen until the user quits, SIGTERM / SIGHUP / SIGINT arrives (the
/// screen is restored; a second signal exits at once), or the terminal
/// goes away.
///
/// Errors: [`TuiError::NoTerminal`] when the terminal cannot be set up;
/// [`TuiError::Terminal`] for terminal I/O errors later (the terminal is
/// restored first).
pub fn run(app: &mut App) -> Result<(), TuiError> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register_conditional_shutdown(sig, 1, Arc::clone(&stop))?;
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // Set when the process is continued after a stop: tells a Ctrl-Z that
    // stopped jmo from one the kernel discarded (see `suspend`).
    let resumed = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    signal_hook::flag::register(signal_hook::consts::SIGCONT, Arc::clone(&resumed))?;
    #[cfg(unix)]
    watch_for_hangup();
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(TuiError::NoTerminal(e));
        }
    };
    let guard = TerminalGuard;
    // ratatui's panic hook restores the screen; ours also releases the mouse.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;
    let result = event_loop(&mut terminal, app, &stop, &resumed);
    drop(guard);
    Ok(result?)
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
    resumed: &AtomicBool,
) -> std::io::Result<()> {
    // Summaries derived on the background pass's threads come back here.
    let (summaries_tx, summaries_rx) = std::sync::mpsc::channel();
    loop {
        while let Ok(rows) = summaries_rx.try_recv() {
            app.summaries_derived(rows);
        }
        let size = terminal.size()?;
        let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        app.set_areas(ui::areas_for(app, area));
        terminal.draw(|frame| ui::draw(frame, app))?;
        // Test seam, debug builds only: lets tests/e2e prove the terminal is
        // restored on a panic. Release builds do not contain it.
        #[cfg(debug_assertions)]
        if std::env::var_os("JMO_TEST_PANIC").is_some() {
            #[allow(clippy::panic)]
            {
                panic!("JMO_TEST_PANIC: a deliberate panic after the first frame");
            }
        }
        if event::poll(Duration::from_millis(500))? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => app.handle_key(key),
                Event::Mouse(mouse) => app.handle_mouse(mouse),
                _ => {}
            }
        } else {
            app.tick();
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // What the key or the tick asked for: file work is done here, its
        // result handed back to the app (it may ask for more).
        while let Some(effect) = app.take_effect() {
            match effect {
                Effect::Quit => return Ok(()),
                Effect::Suspend => {
                    let stopped = suspend(terminal, resumed)?;
                    if !stopped {
                        app.cannot_suspend();
                    }
                }
                Effect::Files(job) => {
                    let done = job.run();
                    app.finished(done);
                }
                Effect::Summaries(job) => {
                    let tx = summaries_tx.clone();
                    std::thread::spawn(move || {
                        // A pass that cannot open the file leaves "…" until
                        // the next start; the screen goes on.
                        if let Ok(mut store) = crate::store::Store::open(&job.database) {
                            let _ = job.run(&mut store, |rows| tx.send(rows).is_ok());
                        }
                    });
                }
                Effect::Editor(edit) => {
                    let edited = release(terminal, || edit.run())?;
                    app.edited(edited);
                }
            }
        }
    }
}

/// Ends the process when its terminal hangs up (the window closed, the SSH
/// connection dropped). crossterm 0.29 would otherwise spin forever reading
/// the dead tty inside `event::poll` (crossterm-rs/crossterm#793). A thread
/// waits in `poll(2)` on the tty asking for no events, so it wakes only on
/// hang-up or error. There is no screen left to restore, and every saved
/// edit is already committed; an edit being written is rolled back by
/// SQLite, never half-written.
#[cfg(unix)]
fn watch_for_hangup() {
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};
    use std::io::IsTerminal;
    use std::os::fd::AsFd;
    std::thread::spawn(|| {
        let stdin = std::io::stdin();
        // crossterm reads stdin when it is a terminal, else /dev/tty.
        let tty = if stdin.is_terminal() {
            None
        } else {
            std::fs::File::open("/dev/tty").ok()
        };
        let fd = match &tty {
            Some(file) => file.as_fd(),
            None => stdin.as_fd(),
        };
        let gone = PollFlags::POLLHUP | PollFlags::POLLERR | PollFlags::POLLNVAL;
        loop {
            let mut fds = [PollFd::new(fd, PollFlags::empty())];
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) if fds[0].revents().is_some_and(|r| r.intersects(gone)) => {
                    std::process::exit(129);
                }
                Ok(_) | Err(nix::errno::Errno::EINTR) => continue,
                Err(_) => return,
            }
        }
    });
}

/// Gives the terminal back (main screen, cooked mode, cursor shown, mouse
/// released) while `work` runs (the user's editor), then takes it again
/// and redraws whole, whatever `work` did.
fn release<T>(terminal: &mut DefaultTerminal, work: impl FnOnce() -> T) -> std::io::Result<T> {
    execute!(stdout(), DisableMouseCapture, crossterm::cursor::Show)?;
    ratatui::restore();
    let result = work();
    take_back(terminal)?;
    Ok(result)
}

/// Takes the terminal again after it was given back: raw mode, the
/// alternate screen cleared, the mouse, and both of ratatui's buffers
/// emptied so the next frame is drawn whole (which also hides the cursor
/// again). Not `Terminal::clear`, which asks the terminal where its cursor
/// is and fails on one that does not answer.
fn take_back(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All),
        EnableMouseCapture
    )?;
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop the process, and take the terminal
/// again when the shell resumes it (`fg`). Returns whether jmo was stopped:
/// the kernel discards the stop when nothing could resume the process (its
/// process group is orphaned: no shell with job control started it, as
/// under `setsid`), and then no SIGCONT arrives before `raise` returns.
#[cfg(unix)]
fn suspend(terminal: &mut DefaultTerminal, resumed: &AtomicBool) -> std::io::Result<bool> {
    resumed.store(false, Ordering::SeqCst);
    let raised = release(terminal, || {
        nix::sys::signal::raise(nix::sys::signal::Signal::SIGTSTP)
    })?;
    raised.map_err(std::io::Error::from)?;
    Ok(resumed.load(Ordering::SeqCst))
}

/// No job control here: jmo is never stopped.
#[cfg(not(unix))]
fn suspend(_terminal: &mut DefaultTerminal, _resumed: &AtomicBool) -> std::io::Result<bool> {
    Ok(false)
}
