//! What a jmo database looks like at each schema version: its tables (with
//! their columns), indexes and triggers. Checked before anything is written
//! (issue 10, item 3): a file whose schema does not match its version
//! (a table missing, or one that a later migration creates already there)
//! would fail its migration half-way after the journal mode had been
//! switched, so it is refused untouched instead.
//!
//! The reference is not written out by hand: it is what the migrations
//! themselves build, in memory, once per process.

use super::schema::MIGRATIONS;
use rusqlite::Connection;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// One schema object: its kind ("table", "index", "trigger", "view") and,
/// for a table, its column names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Object {
    kind: String,
    /// The table it belongs to (its own name for a table).
    table: String,
    columns: BTreeSet<String>,
}

/// A database's schema: its objects by name (SQLite's own, `sqlite_…`,
/// left out).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Shape(BTreeMap<String, Object>);

impl Shape {
    /// Reads the schema of `conn`'s main database (no writes).
    pub fn read(conn: &Connection) -> rusqlite::Result<Shape> {
        let mut stmt = conn.prepare(
            "SELECT type, name, tbl_name FROM sqlite_master \
             WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        )?;
        let named: Vec<(String, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut columns = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
        let mut objects = BTreeMap::new();
        for (kind, name, table) in named {
            let columns = if kind == "table" {
                columns
                    .query_map([&name], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            } else {
                BTreeSet::new()
            };
            objects.insert(
                name,
                Object {
                    kind,
                    table,
                    columns,
                },
            );
        }
        Ok(Shape(objects))
    }

    /// What this shape (a file's, at schema `version`) lacks of that
    /// version's schema, and what it already has of a later version's:
    /// "no table expenses", "no column partners.tier", "table contacts
    /// already there", "column results.leads_ours already there". Empty
    /// when it matches; objects jmo never creates (the user's own) are
    /// not its business.
    ///
    /// Errors: the reference could not be built (SQLite errors in memory).
    pub fn mismatches(&self, version: i64) -> Result<Vec<String>, String> {
        let reference = reference()?;
        let (Some(expected), Some(latest)) = (
            usize::try_from(version).ok().and_then(|v| reference.get(v)),
            reference.last(),
        ) else {
            // Versions outside the known range are judged elsewhere.
            return Ok(Vec::new());
        };
        // Missing tables, missing columns, early tables, early columns,
        // then indexes and triggers (those of a table named already are
        // left out: they go with it).
        let mut problems: [Vec<String>; 5] = Default::default();
        let mut named_tables = BTreeSet::new();
        for (name, want) in &expected.0 {
            match self.0.get(name) {
                None if want.kind == "table" => {
                    named_tables.insert(name);
                    problems[0].push(format!("no table {name}"));
                }
                None => {
                    if !named_tables.contains(&want.table) && self.0.contains_key(&want.table) {
                        problems[4].push(format!("no {} {name}", want.kind));
                    }
                }
                Some(have) if have.kind != want.kind => {
                    problems[4].push(format!("{name} is a {}, not a {}", have.kind, want.kind));
                }
                Some(have) => problems[1].extend(
                    want.columns
                        .difference(&have.columns)
                        .map(|c| format!("no column {name}.{c}")),
                ),
            }
        }
        for (name, later) in &latest.0 {
            let Some(have) = self.0.get(name) else {
                continue;
            };
            match expected.0.get(name) {
                None if have.kind == "table" => {
                    named_tables.insert(name);
                    problems[2].push(format!("table {name} already there"));
                }
                None => {
                    if !named_tables.contains(&have.table) {
                        problems[4].push(format!("{} {name} already there", have.kind));
                    }
                }
                Some(now) => problems[3].extend(
                    later
                        .columns
                        .difference(&now.columns)
                        .filter(|c| have.columns.contains(*c))
                        .map(|c| format!("column {name}.{c} already there")),
                ),
            }
        }
        Ok(problems.concat())
    }
}

/// The schema at each version, 0 (nothing) to the latest, as the
/// migrations build it.
fn reference() -> Result<&'static [Shape], String> {
    static SHAPES: OnceLock<Result<Vec<Shape>, String>> = OnceLock::new();
    let built = SHAPES.get_or_init(|| {
        let build = || -> rusqlite::Result<Vec<Shape>> {
            let conn = Connection::open_in_memory()?;
            let mut shapes = vec![Shape::read(&conn)?];
            for sql in MIGRATIONS {
                conn.execute_batch(sql)?;
                shapes.push(Shape::read(&conn)?);
            }
            Ok(shapes)
        };
        build().map_err(|e| format!("cannot build the reference schema: {e}"))
    });
    built.as_deref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(version: usize) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..version] {
            conn.execute_batch(sql).unwrap();
        }
        conn
    }

    #[test]
    fn every_version_matches_itself_and_no_other() {
        for v in 0..=MIGRATIONS.len() {
            let shape = Shape::read(&at(v)).unwrap();
            assert_eq!(shape.mismatches(v as i64).unwrap(), Vec::<String>::new());
            if v > 0 {
                assert!(!shape.mismatches(v as i64 - 1).unwrap().is_empty(), "{v}");
            }
        }
    }

    #[test]
    fn what_is_missing_and_what_is_early_are_named() {
        let conn = at(3);
        conn.execute_batch(
            "DROP TABLE claims; CREATE TABLE contacts (x); \
             ALTER TABLE results ADD COLUMN leads_ours INTEGER; CREATE TABLE mine (y);",
        )
        .unwrap();
        let problems = Shape::read(&conn).unwrap().mismatches(3).unwrap();
        assert_eq!(
            problems,
            [
                "no table claims",
                "table contacts already there",
                "column results.leads_ours already there",
            ]
        );
        // A column gone from a table that is there.
        let conn = at(5);
        conn.execute_batch("ALTER TABLE partners DROP COLUMN notes;")
            .unwrap();
        assert_eq!(
            Shape::read(&conn).unwrap().mismatches(5).unwrap(),
            ["no column partners.notes"]
        );
    }
}
