//! File formats for CRMs (issue 12; docs/domain.md §13, docs/crm.md):
//! mappings between jmo's records and a CRM's objects, the writers that
//! turn records into the files a CRM's tools load, and the readers of the
//! files they export.
//!
//! Layers: this one depends on [`crate::domain`] and, to write an
//! import's plan ([`write`]), on [`crate::store`]'s transaction; never on
//! the app. It takes records and returns text or rows; it reads a CRM's
//! files ([`source`]) but never writes one (the command line writes what
//! it returns through [`crate::app::files`]).

pub mod evidence;
pub mod import;
pub mod preview;
pub mod profile;
pub mod read;
pub mod salesforce;
pub mod source;
pub mod values;
pub mod write;
