//! File formats for CRMs (issue 12; docs/domain.md §13, docs/crm.md):
//! mappings between jmo's records and a CRM's objects, the writers that
//! turn records into the files a CRM's tools load, and the readers of the
//! files they export.
//!
//! Pure: this layer depends only on [`crate::domain`]; it takes records
//! and returns text or rows, and never touches a file (the command line
//! writes what it returns through [`crate::app::files`]).

pub mod import;
pub mod profile;
pub mod read;
pub mod salesforce;
pub mod values;
