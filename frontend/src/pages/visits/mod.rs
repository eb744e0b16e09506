//! Visits from planning to capture: the list, a new visit, one visit and its cluster capture.

pub mod capture;
pub mod detail;
pub mod list;
pub mod new;
pub mod self_assessment;
