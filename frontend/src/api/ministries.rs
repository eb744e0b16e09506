//! The letters to the ministries about obstructed visits, and their paper copies handed over.

use std::future::Future;

use shared::api::ministries::{MinistryLetter, PaperHandover};

use super::ApiError;

/// `GET /api/ministry-letters`: every letter as written, newest first.
pub fn letters() -> impl Future<Output = Result<Vec<MinistryLetter>, ApiError>> {
    super::get("/api/ministry-letters")
}

/// `GET /api/ministry-letters/{id}`.
pub fn letter(id: i64) -> impl Future<Output = Result<MinistryLetter, ApiError>> {
    super::get(&format!("/api/ministry-letters/{id}"))
}

/// `POST /api/ministry-letters/{id}/paper-handover`: the paper copy was handed over; the
/// answer is the letter with it recorded.
pub async fn record_handover(
    id: i64,
    handover: &PaperHandover,
) -> Result<MinistryLetter, ApiError> {
    super::post(
        &format!("/api/ministry-letters/{id}/paper-handover"),
        handover,
    )
    .await
}
