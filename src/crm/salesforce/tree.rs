//! The export as sObject Tree JSON (docs/crm.md): one file per object,
//! `{"records":[{"attributes":{"type":"Campaign","referenceId":"…"}, …}]}`,
//! and the plan file `sf data import tree --plan` reads: a list of
//! `{"sobject", "saveRefs", "resolveRefs", "files"}` in load order, each
//! file's records referring to earlier files' records as `@referenceId`.
//!
//! The parent campaigns (one per fiscal year, or the one `--parent`
//! names) are their own file (`Campaign-parent.json`, loaded first) so
//! their children's `ParentId` resolves from a saved reference.
//! Tree files insert; they carry no `Id`, and no relationship to a record
//! the export does not hold (PartnerFundAllocation's `ChannelPartnerId`,
//! an Account).

use super::export::{Cell, OutFile, Table};
use crate::domain::Currency;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

/// The plan file's name.
pub const PLAN_FILE: &str = "jmo-salesforce-plan.json";

/// A row's `referenceId`: its external id with `-` as `_`
/// (`jmo-campaign-42` → `jmo_campaign_42`: letters, digits and `_` only).
pub fn reference_id(external_id: &str) -> String {
    external_id.replace('-', "_")
}

/// The tables as tree files plus the plan ([`PLAN_FILE`], last).
pub fn tree_files(tables: &[Table], currency: Currency) -> Vec<OutFile> {
    let mut files = Vec::new();
    let mut plan = Vec::new();
    for t in tables {
        // The parent campaigns (the first Campaign rows) go first, alone.
        let groups: Vec<(String, &[super::export::Row])> = if t.object == "Campaign" {
            let parents = t
                .rows
                .iter()
                .take_while(|r| r.external_id.starts_with("jmo-parent-"))
                .count();
            let (first, rest) = t.rows.split_at(parents);
            vec![
                ("Campaign-parent.json".to_owned(), first),
                ("Campaign.json".to_owned(), rest),
            ]
        } else {
            vec![(format!("{}.json", t.object), &t.rows[..])]
        };
        for (name, rows) in groups {
            let records: Vec<Ordered> = rows
                .iter()
                .map(|r| {
                    let mut m = vec![(
                        "attributes",
                        json!({"type": t.object, "referenceId": reference_id(&r.external_id)}),
                    )];
                    for (c, cell) in t.columns.iter().zip(&r.cells) {
                        let Some(field) = c.tree else { continue };
                        if let Some(v) = value(cell, currency) {
                            m.push((field, v));
                        }
                    }
                    Ordered(m)
                })
                .collect();
            let text =
                serde_json::to_string_pretty(&Records { records }).unwrap_or_default() + "\n";
            plan.push(json!({
                "sobject": t.object,
                "saveRefs": true,
                "resolveRefs": true,
                "files": [name.clone()],
            }));
            files.push(OutFile {
                name,
                text,
                records: rows.len(),
            });
        }
    }
    files.push(OutFile {
        name: PLAN_FILE.into(),
        text: serde_json::to_string_pretty(&Value::Array(plan)).unwrap_or_default() + "\n",
        records: 0,
    });
    files
}

/// A cell as a JSON value: money and percents as strings (exact
/// decimals), counts as numbers, booleans as booleans, a relationship as
/// `"@referenceId"`; `None` for no value.
fn value(cell: &Cell, currency: Currency) -> Option<Value> {
    Some(match cell {
        Cell::Empty => return None,
        Cell::Ref(id) => Value::String(format!("@{}", reference_id(id))),
        Cell::Count(n) => json!(n),
        Cell::Bool(b) => json!(b),
        other => Value::String(super::export::csv_text(other, currency)),
    })
}

/// A tree file: `{"records": [...]}`.
#[derive(serde::Serialize)]
struct Records {
    records: Vec<Ordered>,
}

/// A JSON object whose fields keep their order (`attributes` first, then
/// the columns' order), as Salesforce's own examples write them.
struct Ordered(Vec<(&'static str, Value)>);

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}
