//! Reading a CRM file into records (issue 12 items 2 and 3, docs/crm.md
//! "Import"), shared by `jmo crm import` and the import started from the
//! screen: which reader a file needs (CSV, an sObject Tree JSON file or a
//! tree plan), the records read through a [`Profile`], and each problem
//! located as `FILE:LINE:COLUMN: …`. Also the built-in Salesforce Campaign
//! profile with the config's Type map ([`profile`]).
//!
//! Reads files; never writes one. A caller that shows progress passes a
//! wrapper for the file's reader ([`read_file`]'s `wrap`), so this layer
//! knows nothing of terminals.

use super::profile::{Profile, ValueMap};
use super::read::{self, Column, ReadError, Record};
use super::salesforce::mapping::{TypeMap, default_type};
use crate::domain::CampaignType;
use std::io::Read;
use std::path::Path;

/// The Salesforce Campaign profile with its Type map the reverse of the
/// config's `[crm.salesforce.types]`: each configured value reads back as
/// its jmo type (over the shipped entry for that value).
///
/// Errors: the shipped profile does not parse, or two configured values
/// clash (the message names them).
pub fn profile(types: &TypeMap) -> Result<Profile, String> {
    let mut profile = Profile::salesforce_campaign().map_err(|e| e.to_string())?;
    let mut entries: Vec<(String, String)> = profile
        .field("type")
        .and_then(|f| f.values.as_ref())
        .map(|m| m.entries().to_vec())
        .unwrap_or_default();
    for &t in CampaignType::ALL {
        let value = types.of(t);
        if value != default_type(t) {
            let folded = value.trim().to_lowercase();
            entries.retain(|(from, _)| from.trim().to_lowercase() != folded);
            entries.push((value.to_owned(), t.key().to_owned()));
        }
    }
    let map = ValueMap::new(entries).map_err(|(a, b)| format!("Type '{a}' and '{b}' clash"))?;
    profile.set_values("type", map).map_err(|e| e.to_string())?;
    Ok(profile)
}

/// `FILE:LINE:COLUMN: msg` (CSV), `FILE:LINE:COLUMN: msg` from the JSON
/// parser, or `FILE: record N, field K: msg` (a tree record).
pub fn located(file: &Path, e: &ReadError) -> String {
    let f = file.display();
    let problem = &e.problem;
    let named = |c: &Column| (!c.name.is_empty()).then(|| format!("{}: ", c.name));
    match (e.line, &e.column) {
        (
            Some(l),
            Some(
                c @ Column {
                    number: Some(n), ..
                },
            ),
        ) => {
            format!("{f}:{l}:{n}: {}{problem}", named(c).unwrap_or_default())
        }
        (Some(l), _) => format!("{f}:{l}: {problem}"),
        (None, _) => format!("{f}: {e}"),
    }
}

/// A reader of an opened file as it is, for callers that show no progress
/// (the `wrap` of [`read_file`]).
pub fn plain(file: std::fs::File) -> Box<dyn Read> {
    Box::new(file)
}

/// The records of `file` and the problems, each problem already located:
/// [`visit_file`] collected.
///
/// Errors: as [`visit_file`].
pub fn read_file(
    file: &Path,
    profile: &Profile,
    wrap: &mut dyn FnMut(std::fs::File) -> Box<dyn Read>,
) -> Result<(Vec<Record>, Vec<String>), String> {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    visit_file(file, profile, wrap, &mut |item| match item {
        Ok(r) => records.push(r),
        Err(p) => problems.push(p),
    })?;
    Ok((records, problems))
}

/// Reads `file` through `profile`, handing each record (or each problem,
/// already located) to `visit` in file order, one at a time: a CSV is
/// streamed, so memory does not grow with the file (a tree file is read
/// whole; such files are small). JSON is told from CSV by a `.json` name
/// or a first character of `{` (a tree file) or `[` (a plan, whose files of
/// the profile's object are read, relative to the plan). `wrap` is given
/// the opened file of a CSV or tree file before it is read (e.g. to count
/// its bytes for a progress bar).
///
/// Errors: the file (or a file its plan names) cannot be opened or read at
/// all: [`file_problem`] (`PATH: no such file`, …); records already
/// visited stay visited.
pub fn visit_file(
    file: &Path,
    profile: &Profile,
    wrap: &mut dyn FnMut(std::fs::File) -> Box<dyn Read>,
    visit: &mut dyn FnMut(Result<Record, String>),
) -> Result<(), String> {
    let open = |p: &Path| std::fs::File::open(p).map_err(|e| file_problem(p, &e));
    let head = first_bytes(file)?;
    let first = head
        .iter()
        .find(|b| !(b.is_ascii_whitespace() || **b >= 0x80))
        .copied();
    let json = file
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        || matches!(first, Some(b'{' | b'['));
    let mut take = |path: &Path, it: &mut dyn Iterator<Item = Result<Record, ReadError>>| {
        for r in it {
            visit(r.map_err(|e| located(path, &e)));
        }
    };
    if !json {
        let input = open(file)?;
        match read::read_csv(wrap(input), profile) {
            Ok(mut it) => take(file, &mut it),
            Err(e) => take(file, &mut std::iter::once(Err(e))),
        }
    } else if first == Some(b'[') {
        let bytes = std::fs::read(file).map_err(|e| file_problem(file, &e))?;
        let entries = match read::read_plan(bytes.as_slice()) {
            Ok(p) => p,
            Err(e) => {
                take(file, &mut std::iter::once(Err(e)));
                return Ok(());
            }
        };
        let dir = file.parent().unwrap_or(Path::new("."));
        let mut any = false;
        let ours = || {
            entries
                .iter()
                .filter(|e| e.sobject.eq_ignore_ascii_case(&profile.object))
        };
        // Each file's records are numbered from 1: with several files, each
        // record names its file.
        let several = ours().map(|e| e.files.len()).sum::<usize>() > 1;
        for entry in ours() {
            for name in &entry.files {
                any = true;
                let path = dir.join(name);
                let named = |r: Result<Record, ReadError>| {
                    r.map(|mut r| {
                        r.file = several.then(|| name.clone());
                        r
                    })
                };
                match read::read_tree(open(&path)?, profile) {
                    Ok(it) => take(&path, &mut it.map(named)),
                    Err(e) => take(&path, &mut std::iter::once(Err(e))),
                }
            }
        }
        if !any {
            visit(Err(format!(
                "{}: the plan names no {} file",
                file.display(),
                profile.object
            )));
        }
    } else {
        let input = open(file)?;
        match read::read_tree(std::io::BufReader::new(wrap(input)), profile) {
            Ok(mut it) => take(file, &mut it),
            Err(e) => take(file, &mut std::iter::once(Err(e))),
        }
    }
    Ok(())
}

/// Up to the first 4 KiB of `file`, to tell JSON from CSV without reading
/// it all.
///
/// Errors: [`file_problem`].
pub fn first_bytes(file: &Path) -> Result<Vec<u8>, String> {
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(file)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(|e| file_problem(file, &e))?;
    Ok(head)
}

/// `PATH: what is wrong`, in words rather than the OS's message and
/// number: `nope.csv: no such file`, `sf: is a folder, not a file`,
/// `x.csv: permission denied`; any other error as the OS says it, in lower
/// case and without `(os error N)`.
pub fn file_problem(path: &Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let words = match e.kind() {
        K::NotFound => "no such file".to_owned(),
        K::IsADirectory => "is a folder, not a file".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::NotADirectory => "a part of the path is a file, not a folder".to_owned(),
        _ => {
            let text = e.to_string();
            let text = match text.rfind(" (os error ") {
                Some(i) if text.ends_with(')') => text[..i].to_owned(),
                _ => text,
            };
            let mut c = text.chars();
            c.next()
                .map(|f| f.to_lowercase().chain(c).collect())
                .unwrap_or_default()
        }
    };
    format!("{}: {words}", path.display())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn problem(path: &Path) -> String {
        let profile = profile(&TypeMap::default()).unwrap();
        read_file(path, &profile, &mut plain).unwrap_err()
    }

    /// A file that cannot be read is said in words, not as an OS error.
    #[test]
    fn a_missing_file_or_a_folder_is_said_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let nope = dir.path().join("nope.csv");
        assert_eq!(problem(&nope), format!("{}: no such file", nope.display()));
        let folder = dir.path().join("sf");
        std::fs::create_dir(&folder).unwrap();
        assert_eq!(
            problem(&folder),
            format!("{}: is a folder, not a file", folder.display())
        );
        // A plan naming a file that is not there.
        let plan = dir.path().join("plan.json");
        std::fs::write(
            &plan,
            r#"[{"sobject":"Campaign","saveRefs":true,"resolveRefs":true,"files":["gone.json"]}]"#,
        )
        .unwrap();
        assert_eq!(
            problem(&plan),
            format!("{}: no such file", dir.path().join("gone.json").display())
        );
        let other = std::io::Error::from_raw_os_error(28);
        assert_eq!(
            file_problem(Path::new("x.csv"), &other),
            "x.csv: no space left on device"
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            file_problem(Path::new("x.csv"), &denied),
            "x.csv: permission denied"
        );
    }

    /// The config's `[crm.salesforce.types]` reads back: a configured value
    /// maps to its jmo type, and the shipped entries for other values stay.
    #[test]
    fn the_type_map_is_the_reverse_of_the_configured_one() {
        let mut types = TypeMap::default();
        types.set(CampaignType::Webinar, "Virtual Webinar");
        types.set(CampaignType::Content, "Conference");
        let p = profile(&types).unwrap();
        let map = p.field("type").unwrap().values.as_ref().unwrap();
        assert_eq!(map.get("virtual webinar"), Some("webinar"));
        assert_eq!(map.get("Conference"), Some("content"));
        assert_eq!(map.get("Banner Ads"), Some("digital_ads"));
        let shipped = profile(&TypeMap::default()).unwrap();
        let map = shipped.field("type").unwrap().values.as_ref().unwrap();
        assert_eq!(map.get("Virtual Webinar"), None);
        assert_eq!(map.get("Conference"), Some("virtual_event"));
    }
}
