//! Liveness and readiness.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Health {
    /// "ok" when the database answered.
    pub status: String,
    pub database: DatabaseHealth,
    pub version: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DatabaseHealth {
    /// "sqlite" or "postgres".
    pub kind: String,
    pub reachable: bool,
}
