//! The shipped evidence profiles and which one reads a file
//! (docs/domain.md §15.1): a CSV's header is matched against each
//! profile's columns (ignoring case, so Data Loader's ALL CAPITALS
//! headers match the API names); an sObject Tree file's records name their
//! object in `attributes.type`.

use std::io::Read;
use std::path::Path;

use super::rows::{EvidenceRow, row};
use crate::crm::profile::Profile;
use crate::crm::source::{file_problem, first_bytes, located, plain, visit_file};

/// The shipped evidence profiles' texts (`assets/crm/*.toml`), in the
/// order detection tries them.
pub const SHIPPED: [&str; 10] = [
    include_str!("../../../assets/crm/salesforce-account.toml"),
    include_str!("../../../assets/crm/salesforce-lead.toml"),
    include_str!("../../../assets/crm/salesforce-campaign-member.toml"),
    include_str!("../../../assets/crm/salesforce-opportunity.toml"),
    include_str!("../../../assets/crm/salesforce-opportunity-partner.toml"),
    include_str!("../../../assets/crm/hubspot-companies.toml"),
    include_str!("../../../assets/crm/hubspot-contacts.toml"),
    include_str!("../../../assets/crm/hubspot-deals.toml"),
    include_str!("../../../assets/crm/account-overlap.toml"),
    include_str!("../../../assets/crm/jmo-touches.toml"),
];

/// A set of profiles to detect a file's among.
#[derive(Clone, Debug)]
pub struct ProfileSet(pub Vec<Profile>);

/// The shipped evidence profiles, checked.
///
/// # Errors
/// None in practice (a test reads them all); the first broken asset's
/// message otherwise.
pub fn profiles() -> Result<ProfileSet, String> {
    SHIPPED
        .iter()
        .map(|t| Profile::from_toml(t).map_err(|e| e.to_string()))
        .collect::<Result<Vec<_>, _>>()
        .map(ProfileSet)
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl ProfileSet {
    /// The profile for a CSV header: of the profiles whose required
    /// columns are all present, the one with most of its columns present
    /// (a Salesforce Opportunity export also has an Account's `Id` and
    /// `Name`, but more of the Opportunity's columns).
    ///
    /// # Errors
    /// No profile's required columns are all there, or two profiles match
    /// equally: a message naming the columns each profile needs.
    pub fn for_header(&self, headers: &[String]) -> Result<&Profile, String> {
        let has = |c: &str| headers.iter().any(|h| same(h, c));
        let mut best: Vec<(usize, &Profile)> = Vec::new();
        for p in &self.0 {
            let complete = p
                .fields
                .iter()
                .filter(|f| f.required)
                .all(|f| f.columns.iter().any(|c| has(c)));
            if !complete {
                continue;
            }
            let score = p
                .fields
                .iter()
                .filter(|f| f.columns.iter().any(|c| has(c)))
                .count();
            best.push((score, p));
        }
        best.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        match best.as_slice() {
            [(a, p), (b, q), ..] if a == b => Err(format!(
                "the header fits both the {} and the {} profile",
                p.name, q.name
            )),
            [(_, p), ..] => Ok(p),
            [] => Err(self.unrecognised()),
        }
    }

    /// The profile for an sObject Tree record's `attributes.type`.
    ///
    /// # Errors
    /// No profile reads that object: the message lists the objects.
    pub fn for_object(&self, object: &str) -> Result<&Profile, String> {
        self.0
            .iter()
            .find(|p| same(&p.object, object))
            .ok_or_else(|| {
                let objects: Vec<&str> = self.0.iter().map(|p| p.object.as_str()).collect();
                format!(
                    "no profile reads {object} records (one of: {})",
                    objects.join(", ")
                )
            })
    }

    fn unrecognised(&self) -> String {
        let mut lines = vec!["the header is not one jmo knows; each file needs:".to_owned()];
        for p in &self.0 {
            let needs: Vec<String> = p
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| f.columns.join(" or "))
                .collect();
            lines.push(format!("  {}: {}", p.name, needs.join(", ")));
        }
        lines.join("\n")
    }

    /// The profile that reads `file`: from its header (CSV) or its first
    /// record's `attributes.type` (an sObject Tree file).
    ///
    /// # Errors
    /// The file cannot be read, is not CSV or tree JSON, or no profile fits
    /// (`PATH: …`).
    pub fn for_file(&self, file: &Path) -> Result<&Profile, String> {
        let head = first_bytes(file)?;
        let first = head.iter().find(|b| !b.is_ascii_whitespace() && **b < 0x80);
        let named = |m: String| format!("{}: {m}", file.display());
        if first == Some(&b'{') {
            let bytes = std::fs::read(file).map_err(|e| file_problem(file, &e))?;
            let json: serde_json::Value = serde_json::from_slice(&bytes)
                .map_err(|e| named(format!("not an sObject Tree file: {e}")))?;
            let object = json["records"][0]["attributes"]["type"]
                .as_str()
                .ok_or_else(|| named("no records[0].attributes.type".to_owned()))?;
            return self.for_object(object).map_err(named);
        }
        let input = std::fs::File::open(file).map_err(|e| file_problem(file, &e))?;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input.take(1 << 20));
        let mut header = csv::StringRecord::new();
        let found = reader
            .read_record(&mut header)
            .map_err(|e| named(format!("line 1: {e}")))?;
        if !found {
            return Err(named("the file is empty: no header row".to_owned()));
        }
        let headers: Vec<String> = header
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
            .collect();
        self.for_header(&headers).map_err(named)
    }
}

/// Reads an evidence file: picks its profile ([`ProfileSet::for_file`]),
/// reads its records and turns each into an [`EvidenceRow`]. Returns the
/// profile's name, the rows in file order and each problem located as
/// `FILE:LINE:COLUMN: …` (a bad record is left out; the others are read).
///
/// # Errors
/// The file cannot be read or no profile fits it (`PATH: …`).
pub fn read_evidence_file(
    set: &ProfileSet,
    file: &Path,
) -> Result<(String, Vec<EvidenceRow>, Vec<String>), String> {
    read_evidence_file_with(set, file, &mut plain)
}

/// [`read_evidence_file`] with each opened file passed through `wrap`
/// (a progress bar counting the bytes read).
///
/// # Errors
/// As [`read_evidence_file`].
pub fn read_evidence_file_with(
    set: &ProfileSet,
    file: &Path,
    wrap: &mut dyn FnMut(std::fs::File) -> Box<dyn std::io::Read>,
) -> Result<(String, Vec<EvidenceRow>, Vec<String>), String> {
    let profile = set.for_file(file)?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    visit_file(file, profile, wrap, &mut |item| match item {
        Ok(record) => match row(profile, &record) {
            Some(Ok(r)) => rows.push(r),
            Some(Err(e)) => problems.push(located(file, &e)),
            None => {}
        },
        Err(p) => problems.push(p),
    })?;
    Ok((profile.name.clone(), rows, problems))
}
