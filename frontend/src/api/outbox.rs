//! The email outbox and the paper copies due.

use std::future::Future;

use shared::api::outbox::OutboxView;

use super::{post_no_content, ApiError};

/// `GET /api/outbox`: the emails written and the reports still to post on paper.
pub fn get() -> impl Future<Output = Result<OutboxView, ApiError>> {
    super::get("/api/outbox")
}

/// `POST /api/outbox/paper-copies/{visit_id}/posted`.
pub async fn mark_posted(visit_id: i64) -> Result<(), ApiError> {
    post_no_content(&format!("/api/outbox/paper-copies/{visit_id}/posted")).await
}
