//! The `jmo` binary: parse the command line and run it. Every expected
//! failure is a one-line message from `cli::run` with its exit code; a
//! panic (a bug) restores the terminal first (see `tui`).

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    jmo::cli::run(jmo::cli::Cli::parse())
}
