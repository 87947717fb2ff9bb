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

/// Runs jmo's screen until the user quits (or SIGTERM / SIGHUP arrives).
///
/// Errors: terminal I/O errors (the terminal is restored first).
pub fn run(mut app: App) -> color_eyre::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    let guard = TerminalGuard;
    // ratatui's panic hook restores the screen; ours also releases the mouse.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        previous(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;
    let result = event_loop(&mut terminal, &mut app, &stop);
    drop(guard);
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    stop: &AtomicBool,
) -> color_eyre::Result<()> {
    loop {
        let size = terminal.size()?;
        app.set_areas(ui::areas(ratatui::layout::Rect::new(
            0,
            0,
            size.width,
            size.height,
        )));
        terminal.draw(|frame| ui::draw(frame, app))?;
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
        match app.take_effect() {
            Some(Effect::Quit) => return Ok(()),
            Some(Effect::Suspend) => suspend(terminal)?,
            None => {}
        }
    }
}

/// Ctrl-Z: give the terminal back, stop the process, and take the terminal
/// again when the shell resumes it (`fg`).
#[cfg(unix)]
fn suspend(terminal: &mut DefaultTerminal) -> color_eyre::Result<()> {
    execute!(stdout(), DisableMouseCapture)?;
    ratatui::restore();
    nix::sys::signal::raise(nix::sys::signal::Signal::SIGTSTP)?;
    *terminal = ratatui::try_init()?;
    execute!(stdout(), EnableMouseCapture)?;
    terminal.clear()?;
    Ok(())
}

#[cfg(not(unix))]
fn suspend(_terminal: &mut DefaultTerminal) -> color_eyre::Result<()> {
    Ok(())
}
