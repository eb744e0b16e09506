//! The factory registry: list and search, one factory, the form and the CSV import.

use std::future::Future;

use shared::api::factories::{Factory, FactoryFilter, ImportOutcome};
use shared::factory::FactoryInput;

use super::ApiError;

/// `GET /api/factories?q=…&province=…&product_type=…&status=…`: empty filters are left out.
pub fn list(filter: &FactoryFilter) -> impl Future<Output = Result<Vec<Factory>, ApiError>> {
    let params: Vec<String> = [
        ("q", filter.q.as_str()),
        ("province", filter.province.as_str()),
        ("product_type", filter.product_type.as_str()),
        ("status", filter.status.as_str()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(name, value)| format!("{name}={}", js_sys::encode_uri_component(value)))
    .collect();
    let path = if params.is_empty() {
        "/api/factories".to_owned()
    } else {
        format!("/api/factories?{}", params.join("&"))
    };
    super::get(&path)
}

/// `GET /api/factories/{id}`.
pub fn get(id: i64) -> impl Future<Output = Result<Factory, ApiError>> {
    super::get(&format!("/api/factories/{id}"))
}

/// `POST /api/factories`.
pub async fn create(input: &FactoryInput) -> Result<Factory, ApiError> {
    super::post("/api/factories", input).await
}

/// `PUT /api/factories/{id}`.
pub async fn update(id: i64, input: &FactoryInput) -> Result<Factory, ApiError> {
    super::put(&format!("/api/factories/{id}"), input).await
}

/// `POST /api/factories/import`: a CSV file, imported whole or not at all.
pub async fn import(csv: String) -> Result<ImportOutcome, ApiError> {
    super::post_text("/api/factories/import", "text/csv", csv).await
}
