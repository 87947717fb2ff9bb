//! Tests for reading a profile file: each error names FILE:LINE of the
//! table or key it is about.

#![allow(clippy::unwrap_used)]

use super::*;

fn err_of(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.toml");
    std::fs::write(&path, text).unwrap();
    let e = read_profile(&path).unwrap_err();
    e.replace(&path.display().to_string(), "p.toml")
}

const HEAD: &str = "name = \"T\"\nobject = \"Campaign\"\ntarget = \"campaign\"\n";
const NAME: &str = "[fields.name]\ncolumns = [\"Name\"]\ntype = \"text\"\nrequired = true\n";

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let e = err_of(&format!("{HEAD}{NAME}[fields.end]\ncolumns = [\"End\"\n"));
    assert_eq!(
        e,
        "p.toml:9:17: not an import profile: unclosed array, expected `]`"
    );
}

#[test]
fn an_unknown_key_is_placed_at_its_line() {
    let e = err_of(&format!("{HEAD}{NAME}colums = [\"X\"]\n"));
    assert!(e.starts_with("p.toml:8:1: "), "{e}");
    assert!(e.contains("colums"), "{e}");
}

#[test]
fn a_wrong_type_is_placed_at_the_type_key_of_its_field() {
    let e = err_of(&format!(
        "{HEAD}{NAME}\n[fields.start]\ncolumns = [\"Start\"]\ntype = \"text\"\n"
    ));
    assert_eq!(e, "p.toml:11: field start is a date in jmo, not a text");
}

#[test]
fn an_unknown_field_and_target_are_placed_at_their_lines() {
    let e = err_of(&format!(
        "{HEAD}{NAME}[fields.owner]\ncolumns = [\"O\"]\ntype = \"text\"\n"
    ));
    assert!(e.starts_with("p.toml:8: unknown field \"owner\""), "{e}");
    let e = err_of(&format!(
        "name = \"T\"\nobject = \"C\"\ntarget = \"deal\"\n{NAME}"
    ));
    assert!(e.starts_with("p.toml:3: unknown target \"deal\""), "{e}");
}

#[test]
fn a_value_mapped_to_no_jmo_key_is_placed_at_its_entry() {
    let e = err_of(&format!(
        "{HEAD}{NAME}[fields.status]\ncolumns = [\"S\"]\ntype = \"text\"\n\n[values.status]\n\"active\" = \"live\"\n\"paused\" = \"on_hold\"\n"
    ));
    assert!(
        e.starts_with("p.toml:14: [values.status]: \"paused\" maps to \"on_hold\""),
        "{e}"
    );
}

#[test]
fn a_missing_file_says_so() {
    let e = read_profile(Path::new("/nonexistent/p.toml")).unwrap_err();
    assert_eq!(e, "/nonexistent/p.toml: no such file");
}

/// A campaign profile without `[fields.name]` would make every row a skip
/// with no name: it is refused at load, placed at its `target` line.
#[test]
fn a_campaign_profile_without_a_name_field_is_refused() {
    let e = err_of(&format!(
        "{HEAD}[fields.start]\ncolumns = [\"Start\"]\ntype = \"date\"\n"
    ));
    assert_eq!(
        e,
        "p.toml:3: a campaign profile needs [fields.name] (the column of the record's name)"
    );
}
