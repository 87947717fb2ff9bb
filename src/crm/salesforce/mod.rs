//! Salesforce (docs/crm.md, docs/domain.md §13): jmo's campaigns and MDF records as
//! Salesforce's Campaign and channel objects (PartnerMarketingBudget,
//! PartnerFundAllocation, PartnerFundRequest, PartnerFundClaim).
//!
//! - [`mapping`]: the picklists, the external-ID scheme and the config's
//!   `[crm.salesforce.types]`;
//! - [`export`]: the records as typed rows, one [`export::Table`] per
//!   object (the MDF objects' rows built in `mdf.rs`), and those tables as
//!   Data Loader CSV files;
//! - [`tree`]: the same tables as sObject Tree JSON plus the plan file
//!   `sf data import tree --plan` reads.

pub mod export;
pub mod mapping;
mod mdf;
pub mod tree;

pub use export::{ExportOptions, OutFile, Table, build, csv_files};
pub use mapping::{SalesforceSettings, TypeMap};
