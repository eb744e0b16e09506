//! Figures for the home dashboard.

use serde::{Deserialize, Serialize};

/// Factories and their workforce in one province.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProvinceWorkforce {
    pub province: String,
    pub factories: i64,
    pub workers: i64,
}
