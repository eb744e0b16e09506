//! The generated public transparency site.

use std::future::Future;

use shared::api::public_site::PublicSiteStatus;

use super::{post, ApiError};

/// `GET /api/public-site`: its address and latest generation.
pub fn status() -> impl Future<Output = Result<PublicSiteStatus, ApiError>> {
    super::get("/api/public-site")
}

/// `POST /api/public-site`: writes a new generation from the published reports.
pub async fn publish() -> Result<PublicSiteStatus, ApiError> {
    post("/api/public-site", &serde_json::json!({})).await
}
