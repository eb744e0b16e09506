//! Industry figures: overview, rankings, groups, trends, recurring issues, synthesis, comparison.

pub mod compare;
pub mod groups;
pub mod issues;
pub mod overview;
pub mod recurring;
pub mod synthesis;
pub mod trends;
