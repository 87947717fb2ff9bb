//! The `jmo` binary.
fn main() {}
