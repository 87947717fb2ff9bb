//! "Messages a user understands" (issue 10, item 8): an expected condition
//! gets jmo's own short message, never an error report with a backtrace or
//! clap's usage error for a value jmo itself checks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use std::io::Read;
use std::process::Stdio;

const NO_TERMINAL: &str =
    "jmo: the screen needs a terminal; for scripts use jmo check, jmo export or jmo demo";

/// Output on a pipe: the one line, exit 2, and no database created.
#[test]
fn the_screen_without_a_terminal_says_so_in_one_line() {
    let env = TestEnv::new();
    let out = env.command(&[]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&out.stderr).trim_end(), NO_TERMINAL);
    assert!(
        !env.db.exists(),
        "nothing is created for a screen that cannot start"
    );
}

/// Under `setsid` (no controlling terminal) with the output on a terminal
/// and the input not: crossterm cannot open /dev/tty to read keys. jmo
/// says the same one line as with piped output, on that terminal, creates
/// no database, and exits 2.
#[test]
fn the_screen_without_a_controlling_terminal_says_the_same_line() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let env = TestEnv::new();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // A background job of a non-interactive shell is not a process group
    // leader, so `setsid` starts the new session itself (no fork) and the
    // shell's `wait` returns jmo's own exit status.
    let mut cmd = CommandBuilder::new("sh");
    cmd.args([
        "-c",
        r#"setsid "$0" "$@" </dev/null & wait $!"#,
        BIN,
        "--db",
        env.db.to_str().unwrap(),
        "--config",
        env.config.to_str().unwrap(),
    ]);
    cmd.env("HOME", env.path().join("home"));
    cmd.env("XDG_CONFIG_HOME", env.path().join("xdg-config"));
    cmd.env("XDG_DATA_HOME", env.path().join("xdg-data"));
    cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(env.path());
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let collected = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        // Ends at EOF (EIO on Linux) once the child closed the terminal.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    let status = child.wait().unwrap();
    drop(pair.master);
    let output = String::from_utf8_lossy(&collected.join().unwrap()).into_owned();
    assert_eq!(status.exit_code(), 2, "{output}");
    assert_eq!(output.trim_end(), NO_TERMINAL, "{output}");
    assert!(
        !env.db.exists(),
        "nothing is created for a screen that cannot start"
    );
}

/// A negative figure reaches jmo's own check: its reason, exit 1, nothing
/// written; not clap's "unexpected argument".
#[test]
fn a_negative_figure_gets_jmos_own_message() {
    let env = TestEnv::new();
    env.demo();
    let before = env.export();
    for (args, says) in [
        (vec!["--leads", "-5"], "jmo: --leads: cannot be negative"),
        (
            vec!["--target-mqls", "-1"],
            "jmo: --target-mqls: cannot be negative",
        ),
        (
            vec!["--revenue", "-5"],
            "jmo: --revenue: money cannot be negative",
        ),
    ] {
        let mut all = vec!["results", "Cloud Migration Summit"];
        all.extend(&args);
        let out = env.run(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(
            err.lines().collect::<Vec<_>>(),
            [says, "jmo: nothing was written"],
            "{args:?}"
        );
    }
    assert_eq!(env.export(), before);
}

/// Ctrl-Z where nothing could resume jmo: the test's terminal starts jmo
/// as the leader of a new session (portable-pty calls `setsid`), as
/// `setsid jmo` does in a real terminal, so the kernel discards the stop.
/// The status bar says so, and the screen goes on.
#[test]
fn ctrl_z_without_job_control_says_so_in_the_status_bar() {
    let env = TestEnv::new();
    env.demo();
    let mut tui = env.open(140, 30, &[]);
    tui.send("\x1a");
    tui.wait_for("the status bar to say jmo cannot suspend", |s| {
        s.contains(
            "Cannot suspend: jmo was not started by a shell with job control, so nothing could resume it; q quits",
        )
    });
    tui.send("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
}

/// `jmo results` and the campaign reports take a campaign: an unknown one
/// is said in those words, with the campaigns that may have been meant,
/// and no MDF request forms are offered.
#[test]
fn an_unknown_campaign_is_called_a_campaign() {
    let env = TestEnv::new();
    env.demo();
    for args in [
        vec!["results", "Cloud Summit", "--leads", "3"],
        vec!["report", "plan", "Cloud Summit"],
        vec!["report", "results", "Cloud Summit"],
    ] {
        let out = env.run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with(
                "jmo: no campaign matches 'Cloud Summit' (use its name or campaign:ID); candidates:\n  campaign:"
            ),
            "{args:?}: {err}"
        );
        assert!(
            !err.contains("R12") && !err.contains("request"),
            "{args:?}: {err}"
        );
    }
}
