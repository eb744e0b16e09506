//! The factory registry.

use serde::{Deserialize, Serialize};

/// A registered factory with every fact the registry keeps. Unknown facts are `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Factory {
    pub id: i64,
    pub name: String,
    pub local_name: Option<String>,
    pub registration_number: Option<String>,
    pub osh_id: Option<String>,
    pub address: String,
    pub province: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub product_type: String,
    pub ownership_country: Option<String>,
    pub export_licence: Option<String>,
    pub total_workers: Option<i64>,
    pub women_share_percent: Option<f64>,
    pub union_presence: Option<bool>,
    pub contact_email: Option<String>,
    pub needs_paper_copy: bool,
    pub status: String,
    /// Days after publication before authorised third parties may see a report.
    pub third_party_delay_days: i64,
    /// Unix seconds.
    pub updated_at: i64,
}

/// Search and filters of the registry list; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactoryFilter {
    /// Part of the name, local name, registration number or Open Supply Hub id.
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub province: String,
    #[serde(default)]
    pub product_type: String,
    #[serde(default)]
    pub status: String,
}

/// The outcome of a CSV import that was accepted whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportOutcome {
    pub imported: usize,
}
