//! `jmo completions SHELL` and `jmo man` (issue 11): they exit 0 and name
//! every subcommand at every level; the bash script completes for real.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use clap::CommandFactory;
use std::process::Command;

const JMO: &str = env!("CARGO_BIN_EXE_jmo");

/// Every subcommand as its words after `jmo`: ["report", "plan"], ….
fn subcommands() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd.get_subcommands() {
            let mut p = path.to_vec();
            p.push(sub.get_name().to_string());
            out.push(p.clone());
            walk(sub, &p, out);
        }
    }
    let mut out = Vec::new();
    walk(&jmo::cli::Cli::command(), &[], &mut out);
    out
}

/// Runs jmo with `args`; its standard output, after checking it exited 0.
fn run(args: &[&str]) -> String {
    let out = Command::new(JMO).args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_subcommands_are_all_there() {
    let all: Vec<String> = subcommands().iter().map(|p| p.join(" ")).collect();
    for expected in [
        "demo",
        "report plan",
        "report jmp",
        "mdf packet",
        "completions",
        "man",
    ] {
        assert!(all.iter().any(|s| s == expected), "{expected}: {all:?}");
    }
}

#[test]
fn every_completion_script_names_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run(&["completions", shell]);
        for path in subcommands() {
            let name = path.last().unwrap();
            assert!(
                script
                    .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                    .any(|w| w == name),
                "{shell} script lacks {path:?}"
            );
        }
        // The options of a nested command complete too.
        assert!(
            script.contains("period"),
            "{shell}: jmo report jmp --period"
        );
    }
}

/// The bash script, sourced, offers `plan` and `program` after `jmo report p`.
#[test]
fn the_bash_script_completes() {
    let script = run(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jmo.bash");
    std::fs::write(&file, script).unwrap();
    let probe = format!(
        "source '{}'; COMP_WORDS=(jmo report p); COMP_CWORD=2; COMP_LINE='jmo report p'; \
         COMP_POINT=${{#COMP_LINE}}; _jmo jmo p report; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display()
    );
    let out = Command::new("bash").args(["-c", &probe]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let offered = String::from_utf8(out.stdout).unwrap();
    let mut offered: Vec<&str> = offered.lines().collect();
    offered.sort_unstable();
    assert_eq!(offered, ["plan", "program"]);
}

#[test]
fn the_man_page_names_every_command() {
    let page = run(&["man"]);
    assert!(page.contains(".TH jmo 1"), "{page}");
    for path in subcommands() {
        let usage = format!("jmo {}", path.join(" "));
        assert!(page.contains(&usage), "the man page lacks {usage}");
    }
    // The global options, with their help.
    assert!(page.contains("\\-\\-as\\-of"), "{page}");
}

/// `jmo man --out DIR` writes jmo.1 (as `jmo man` prints it) and a page
/// per subcommand, creating the folder.
#[test]
fn man_out_writes_a_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man/man1");
    let printed = run(&["man"]);
    run(&["man", "--out", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(out.join("jmo.1")).unwrap(), printed);
    for path in subcommands() {
        let file = out.join(format!("jmo-{}.1", path.join("-")));
        let page = std::fs::read_to_string(&file).unwrap();
        assert!(page.contains(".TH jmo"), "{}", file.display());
    }
}

/// The README's command line section names every command, and how to
/// install the completions and the man pages.
#[test]
fn the_readme_names_every_command_and_the_install_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for path in subcommands() {
        let usage = format!("jmo {}", path.join(" "));
        assert!(readme.contains(&usage), "README lacks {usage}");
    }
    assert!(
        readme.contains("jmo completions bash > ~/.local/share/bash-completion/completions/jmo")
    );
    assert!(readme.contains("jmo man --out ~/.local/share/man/man1"));
}
