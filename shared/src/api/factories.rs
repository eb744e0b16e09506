//! The factory registry (read side for now).

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactorySummary {
    pub id: i64,
    pub name: String,
    pub local_name: Option<String>,
    pub registration_number: String,
    pub province: String,
    pub product_type: String,
    pub total_workers: i64,
    pub women_share_percent: f64,
    pub status: String,
}
