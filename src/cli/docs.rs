//! `jmo completions SHELL` and `jmo man [--out DIR]` (issue 11): the shell
//! completion scripts (clap_complete) and the man pages (clap_mangen),
//! generated from the command line's own definition, so they name every
//! subcommand and option there is.

use super::{Cli, done, emit, fail};
use clap::CommandFactory;
use clap_complete::Shell;
use std::path::Path;
use std::process::ExitCode;

/// The completion script of `shell` for `jmo`, as the shell sources it.
pub fn completion_script(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jmo", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The man page `jmo.1` (roff): synopsis, global options, and a COMMANDS
/// section with every subcommand at every level (`jmo report plan`, …):
/// its usage and what it does. Each also has a page of its own (see
/// [`write_man_pages`]).
///
/// Errors: none in practice (roff is written to memory).
pub fn man_page() -> std::io::Result<String> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut commands = roff::Roff::new();
    commands.control("SH", ["COMMANDS"]);
    every_command(&cmd, &mut commands);
    commands.control("PP", []);
    commands.text([roff::roman(
        "Each command's options: jmo COMMAND --help, or its own page, jmo-COMMAND(1), e.g. jmo-report-plan(1) (jmo man --out DIR writes them all).",
    )]);
    commands.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// One entry per subcommand under `cmd`, depth first: its usage in bold,
/// then its help.
fn every_command(cmd: &clap::Command, roff: &mut roff::Roff) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(ToString::to_string)
            .unwrap_or_default();
        roff.control("TP", []);
        roff.text([roff::bold(usage)]);
        roff.text([roff::roman(about)]);
        every_command(sub, roff);
    }
}

/// Writes `jmo.1` and one page per subcommand (`jmo-report-plan.1`, …)
/// into `dir`, creating it if missing; the number of pages written.
///
/// Errors: the folder cannot be created or a page cannot be written.
pub fn write_man_pages(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(Cli::command(), dir)?;
    // jmo.1 as `jmo man` prints it: with every command at every level.
    std::fs::write(dir.join("jmo.1"), man_page()?)?;
    fn pages(cmd: &clap::Command) -> usize {
        1 + cmd
            .get_subcommands()
            .filter(|s| !s.is_hide_set())
            .map(pages)
            .sum::<usize>()
    }
    Ok(pages(&Cli::command().disable_help_subcommand(true)))
}

/// `jmo completions SHELL`: prints the script.
pub(super) fn completions(shell: Shell) -> ExitCode {
    done(emit(&completion_script(shell)))
}

/// `jmo man [--out DIR]`: prints `jmo.1`, or writes every page into DIR.
pub(super) fn man(out: Option<&Path>) -> ExitCode {
    match out {
        None => match man_page() {
            Ok(page) => done(emit(&page)),
            Err(e) => fail(1, format!("cannot write the man page: {e}")),
        },
        Some(dir) => match write_man_pages(dir) {
            Ok(n) => {
                eprintln!("Wrote {n} man pages to {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(
                1,
                format!("cannot write the man pages to {}: {e}", dir.display()),
            ),
        },
    }
}
