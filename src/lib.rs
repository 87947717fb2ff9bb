//! jmo, the Joint Marketing Orchestrator: a keyboard-first terminal app for
//! partner marketers (docs/domain.md §1).
//!
//! Layers, each depending only on the ones before it:
//! 1. [`domain`]: plain types and pure functions (no I/O, no clock);
//!    [`crm`]: file formats for CRMs (pure; on [`domain`] only);
//! 2. [`store`]: SQLite schema, migrations, queries, change history;
//! 3. [`app`]: state, actions, the update step, config and keymap;
//! 4. [`ui`]: rendering only;
//! 5. [`cli`] and `main.rs`: argument parsing and wiring.
//!
//! [`memory`] stands outside the layers: one call to the C allocator.

pub mod app;
pub mod cli;
pub mod crm;
pub mod domain;
pub mod memory;
pub mod store;
pub mod tui;
pub mod ui;
