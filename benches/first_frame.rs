//! The first frame of the real release binary (issue 13's targets): the
//! time from spawning `jmo --db PATH` in a 160×45 pseudo-terminal until the
//! screen shows the partner list, and the process's resident memory at
//! that moment, over a generated program (`jmo demo --campaigns N`).
//!
//! Each run spawns a fresh process with fresh config, data and state
//! folders (nothing remembered from the run before), feeds its output to
//! a terminal emulator (vt100) as it arrives, stops the clock when the
//! screen holds the "Partners" title and a generated partner's name,
//! reads `VmHWM` (peak resident set) from `/proc/PID/status`, and kills
//! the process. The database stays in the page cache between runs (as it
//! is when a user opens jmo again), so the first run is left out.
//!
//! Environment: `JMO_BENCH_CAMPAIGNS` (default 10000), `JMO_BENCH_DB` (the
//! database; generated with `jmo demo --campaigns N` when missing; one
//! written by `jmo demo --campaigns N --evidence` for issue 14's shape),
//! `JMO_BENCH_RUNS` (default 10).
//!
//! Run: `cargo bench --bench first_frame`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_jmo");
const AS_OF: &str = "2026-11-21";
const COLS: u16 = 160;
const ROWS: u16 = 45;
/// The first words of the generated partners' names
/// (`jmo::store::generate`): one of them is on a partner list.
const NAMES: [&str; 12] = [
    "Northwind",
    "Contoso",
    "Fabrikam",
    "Tailspin",
    "Litware",
    "Adatum",
    "Proseware",
    "Woodgrove",
    "Lucerne",
    "Wingtip",
    "Coho",
    "Alpine",
];
/// Give up on a run after this long.
const TIMEOUT: Duration = Duration::from_secs(120);

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .map(|v| v.replace(['_', ','], "").parse().expect("a number"))
        .unwrap_or(default)
}

/// The generated program's database: `JMO_BENCH_DB` or a temporary one,
/// written by the real `jmo demo --campaigns N` when missing.
fn database(n: usize, tmp: &Path) -> PathBuf {
    let path = std::env::var_os("JMO_BENCH_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.join("bench.db"));
    if !path.exists() {
        let started = Instant::now();
        let out = std::process::Command::new(BIN)
            .args([
                "demo",
                "--campaigns",
                &n.to_string(),
                "--as-of",
                AS_OF,
                "--db",
            ])
            .arg(&path)
            .env("XDG_CONFIG_HOME", tmp)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        eprintln!(
            "jmo demo --campaigns {n}: {:.1?}: {}",
            started.elapsed(),
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .next()
                .unwrap_or("")
        );
    }
    path
}

/// Peak resident set size of process `pid`, in KiB (`VmHWM`).
fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// One run: the time to the partner list, and the peak resident memory
/// (KiB) then.
fn run(db: &Path, home: &Path) -> (Duration, u64) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env_clear();
    for (k, sub) in [
        ("HOME", "home"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_STATE_HOME", "state"),
    ] {
        std::fs::create_dir_all(home.join(sub)).unwrap();
        cmd.env(k, home.join(sub));
    }
    cmd.cwd(home);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LANG", "C.UTF-8");
    cmd.args(["--db", &db.display().to_string(), "--as-of", AS_OF]);
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let seen: Arc<Mutex<Option<Duration>>> = Arc::new(Mutex::new(None));
    let last = Arc::new(Mutex::new(String::new()));
    let done = Arc::new(AtomicBool::new(false));
    let mut source = pair.master.try_clone_reader().unwrap();
    // The terminal answers jmo's question for its background colour (OSC
    // 11, asked for `theme = "auto"`, followed by a status report that
    // every terminal answers) as xterm, kitty or iTerm2 do; without an
    // answer the question costs its 100 ms timeout.
    let mut answer = pair.master.take_writer().unwrap();
    let reader = {
        let seen = Arc::clone(&seen);
        let done = Arc::clone(&done);
        let last = Arc::clone(&last);
        std::thread::spawn(move || {
            let mut parser = vt100::Parser::new(
                std::num::NonZeroU16::new(ROWS).unwrap(),
                std::num::NonZeroU16::new(COLS).unwrap(),
                0,
            );
            let mut buf = [0u8; 16384];
            loop {
                match source.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if buf[..n].windows(5).any(|w| w == b"]11;?") {
                            let _ = answer.write_all(b"\x1b]11;rgb:0000/0000/0000\x07");
                            let _ = answer.flush();
                        }
                        // A device status report: "OK", as every terminal says.
                        if buf[..n].windows(4).any(|w| w == b"\x1b[5n") {
                            let _ = answer.write_all(b"\x1b[0n");
                            let _ = answer.flush();
                        }
                        parser.process(&buf[..n]);
                        let mut s = seen.lock().unwrap();
                        if s.is_none() {
                            let text = parser.screen().contents();
                            last.lock().unwrap().clone_from(&text);
                            if text.contains("Partners") && NAMES.iter().any(|n| text.contains(n)) {
                                *s = Some(started.elapsed());
                            }
                        }
                    }
                }
            }
            done.store(true, Ordering::SeqCst);
        })
    };
    let took = loop {
        if let Some(t) = *seen.lock().unwrap() {
            break t;
        }
        assert!(
            started.elapsed() < TIMEOUT && !done.load(Ordering::SeqCst),
            "no partner list on the screen:\n{}",
            last.lock().unwrap()
        );
        std::thread::sleep(Duration::from_millis(1));
    };
    let rss = child.process_id().and_then(peak_rss_kib).unwrap_or(0);
    child.kill().unwrap();
    child.wait().unwrap();
    drop(pair.master);
    let _ = reader.join();
    (took, rss)
}

fn main() {
    let n = env_usize("JMO_BENCH_CAMPAIGNS", 10_000);
    let runs = env_usize("JMO_BENCH_RUNS", 10).max(1);
    let tmp = tempfile::tempdir().unwrap();
    let db = database(n, tmp.path());
    let mut times = Vec::new();
    let mut rss = Vec::new();
    for i in 0..=runs {
        let home = tmp.path().join(format!("run{i}"));
        let (t, r) = run(&db, &home);
        if i > 0 {
            times.push(t);
            rss.push(r);
        }
    }
    times.sort_unstable();
    rss.sort_unstable();
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    eprintln!(
        "first_frame @ {n}: median {:.1} ms, p99 {:.1} ms, min {:.1} ms ({runs} runs); peak resident at the first frame: median {:.1} MiB, max {:.1} MiB",
        at(0.5).as_secs_f64() * 1e3,
        at(0.99).as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        rss[rss.len() / 2] as f64 / 1024.0,
        rss[rss.len() - 1] as f64 / 1024.0,
    );
}
