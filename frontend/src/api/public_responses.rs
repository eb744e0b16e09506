//! The factory's public responses to the findings the public site discloses.

use std::future::Future;

use shared::api::corrective_actions::VerificationInput;
use shared::api::public_responses::{PublicResponseInput, PublicResponses};

use super::{post, ApiError};

/// `GET /api/reports/{visit_id}/public-responses`: the disclosed findings with their responses.
pub fn list(visit_id: i64) -> impl Future<Output = Result<PublicResponses, ApiError>> {
    super::get(&format!("/api/reports/{visit_id}/public-responses"))
}

/// `POST /api/reports/{visit_id}/public-responses`: the findings with the new response.
pub async fn respond(
    visit_id: i64,
    input: &PublicResponseInput,
) -> Result<PublicResponses, ApiError> {
    post(&format!("/api/reports/{visit_id}/public-responses"), input).await
}

/// `POST /api/public-responses/{id}/check`: the findings with the monitor's check.
pub async fn check(
    response_id: i64,
    input: &VerificationInput,
) -> Result<PublicResponses, ApiError> {
    post(&format!("/api/public-responses/{response_id}/check"), input).await
}
