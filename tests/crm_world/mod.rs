//! The world the CRM command tests share (tests/crm_export.rs,
//! tests/crm_import.rs): the example plan in a temporary folder, jmo run
//! on it with its own config and home, as of one day.

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub const JMO: &str = env!("CARGO_BIN_EXE_jmo");
/// The day the CRM tests run as.
pub const AS_OF: &str = "2026-12-01";

/// The example plan in a fresh folder, and how to run jmo on it.
pub struct World {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl World {
    /// The example plan (`jmo demo`) in a fresh folder, with an empty config.
    pub fn new() -> World {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("jmo.db");
        std::fs::write(dir.path().join("config.toml"), "").unwrap();
        let w = World { dir, db };
        assert!(w.run(&["demo"]).status.success());
        w
    }

    /// Runs `jmo ARGS` on this database and config, as of [`AS_OF`].
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(JMO)
            .args(args)
            .arg("--db")
            .arg(&self.db)
            .arg("--config")
            .arg(self.dir.path().join("config.toml"))
            .args(["--as-of", AS_OF])
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path())
            .current_dir(self.dir.path())
            .output()
            .unwrap()
    }
}
