//! Checklist versions: the list, CSV import and export, publication.

use std::future::Future;

use shared::api::checklists::{ChecklistVersion, ChecklistVersionDetail};

use super::ApiError;

/// `GET /api/checklists`.
pub fn list() -> impl Future<Output = Result<Vec<ChecklistVersion>, ApiError>> {
    super::get("/api/checklists")
}

/// `POST /api/checklists/import?label=…`: a CSV file as a new draft version.
pub async fn import(label: &str, csv: String) -> Result<ChecklistVersion, ApiError> {
    let path = format!(
        "/api/checklists/import?label={}",
        js_sys::encode_uri_component(label)
    );
    super::post_text(&path, "text/csv", csv).await
}

/// `POST /api/checklists/{id}/publish`.
pub async fn publish(id: i64) -> Result<ChecklistVersion, ApiError> {
    super::post(&format!("/api/checklists/{id}/publish"), &()).await
}

/// `GET /api/checklists/{id}/export`: the address of the CSV download, for a link.
pub fn export_href(id: i64) -> String {
    format!("/api/checklists/{id}/export")
}

/// The checklist in use with its clusters and points (`GET /api/checklists`, then
/// `GET /api/checklists/{id}`), or `None` before one is published.
pub async fn current() -> Result<Option<ChecklistVersionDetail>, ApiError> {
    let Some(current) = list().await?.into_iter().find(|version| version.current) else {
        return Ok(None);
    };
    super::get(&format!("/api/checklists/{}", current.id))
        .await
        .map(Some)
}
