//! Pure rules of the programme: no I/O, unit-tested where they live.

pub mod analytics;
pub mod answers;
pub mod checklist_csv;
pub mod factory_import;
pub mod passwords;
pub mod report_document;
pub mod scoring;
pub mod self_assessment;
pub mod throttle;
pub mod tokens;
