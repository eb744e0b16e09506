//! The factory registry: list, one factory, the registration form and the CSV import.

pub mod detail;
pub mod form;
pub mod import;
pub mod list;
