//! Pipeline evidence read from CRM files into typed rows (docs/domain.md
//! §15.1): each [`Record`] a shipped profile reads ([`profiles`]) becomes an
//! [`EvidenceRow`] holding the domain fields, with references to other
//! records still as the file wrote them (CRM ids, names, domains): resolving
//! them to jmo's ids is a later step. Each row keeps its place in the file.
//!
//! Which profile reads a file is found from its header or an sObject Tree
//! file's `attributes.type` ([`detect`]).

pub mod detect;
mod rows;

pub use detect::{ProfileSet, profiles, read_evidence_file, read_evidence_file_with};
pub use rows::{
    AccountRef, AccountRow, CampaignRef, EvidenceRow, LeadRow, OpportunityRow, OverlapRow,
    PartnerRow, Position, TouchRow, domain_of, row,
};

#[cfg(test)]
mod tests;
