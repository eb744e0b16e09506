//! Union and third-party concerns about factories.

use std::future::Future;

use shared::api::concerns::{
    Concern, ConcernFactoryOption, ConcernReviewInput, FlaggedFactory, NewConcern, VerifiedConcern,
};

use super::{post, ApiError};

/// `GET /api/concerns`: a representative's own concerns, or every concern for staff.
pub fn list() -> impl Future<Output = Result<Vec<Concern>, ApiError>> {
    super::get("/api/concerns")
}

/// `POST /api/concerns`.
pub async fn submit(concern: &NewConcern) -> Result<Concern, ApiError> {
    post("/api/concerns", concern).await
}

/// `GET /api/concerns/factories`: the factories a concern may be raised about.
pub fn factory_options() -> impl Future<Output = Result<Vec<ConcernFactoryOption>, ApiError>> {
    super::get("/api/concerns/factories")
}

/// `GET /api/concerns/flags`: factories that verified concerns flag for a visit.
pub fn flags() -> impl Future<Output = Result<Vec<FlaggedFactory>, ApiError>> {
    super::get("/api/concerns/flags")
}

/// `POST /api/concerns/{id}/review`.
pub async fn review(concern_id: i64, review: &ConcernReviewInput) -> Result<Concern, ApiError> {
    post(&format!("/api/concerns/{concern_id}/review"), review).await
}

/// `GET /api/factories/{id}/concerns`: a factory's verified concerns.
pub fn of_factory(factory_id: i64) -> impl Future<Output = Result<Vec<VerifiedConcern>, ApiError>> {
    super::get(&format!("/api/factories/{factory_id}/concerns"))
}
