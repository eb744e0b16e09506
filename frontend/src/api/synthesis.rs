//! Synthesis reports: a period's report as it stands, and the editions issued from it.

use std::future::Future;

use shared::api::synthesis::{
    IssueSynthesisEdition, SynthesisDocument, SynthesisEdition, SynthesisEditionSummary,
};

use super::{post, ApiError};

/// `GET /api/analytics/synthesis?period=`: the report of `period` with today's figures.
pub fn live(period: &str) -> impl Future<Output = Result<SynthesisDocument, ApiError>> {
    super::get(&format!(
        "/api/analytics/synthesis?period={}",
        String::from(js_sys::encode_uri_component(period))
    ))
}

/// `GET /api/synthesis-editions`: every issued edition, newest period first.
pub fn editions() -> impl Future<Output = Result<Vec<SynthesisEditionSummary>, ApiError>> {
    super::get("/api/synthesis-editions")
}

/// `GET /api/synthesis-editions/{id}`: one edition with its frozen figures.
pub fn edition(id: i64) -> impl Future<Output = Result<SynthesisEdition, ApiError>> {
    super::get(&format!("/api/synthesis-editions/{id}"))
}

/// `POST /api/synthesis-editions`: issues the edition of an ended period.
pub async fn issue(period: String) -> Result<SynthesisEdition, ApiError> {
    post("/api/synthesis-editions", &IssueSynthesisEdition { period }).await
}
