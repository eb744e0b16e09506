//! Components render the data they are given; they never fetch.

pub mod access;
pub mod analytics;
pub mod chart;
pub mod closing_meeting;
pub mod comparison;
pub mod corrective_actions;
pub mod data_table;
pub mod factory_home;
pub mod figures;
pub mod form;
pub mod layout;
pub mod objections;
pub mod question;
pub mod self_assessment;
pub mod synthesis;
pub mod visit;
