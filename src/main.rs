//! The `jmo` binary: parse the command line and run it.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("jmo: {e}");
    }
    match jmo::cli::run(jmo::cli::Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("jmo: {e:?}");
            ExitCode::from(2)
        }
    }
}
