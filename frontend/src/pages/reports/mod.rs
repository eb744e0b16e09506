//! A published report and what follows it: objections, amendments, corrective actions.

pub mod corrective_actions;
pub mod objections;
pub mod report;
