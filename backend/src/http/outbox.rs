//! `/api/outbox`: what the system emailed or holds, and the paper copies still to post.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::outbox::OutboxView;

use crate::db::{outbox, visits};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppPath};
use crate::state::AppState;
use shared::permissions::{may, Action};

/// The outbox page shows the latest messages; older ones stay in the database.
const MESSAGES_SHOWN: i64 = 200;

pub fn router() -> Router<AppState> {
    Router::new().route("/outbox", get(get_outbox)).route(
        "/outbox/paper-copies/{visit_id}/posted",
        post(mark_paper_copy_posted),
    )
}

async fn get_outbox(
    State(state): State<AppState>,
    admin: ActiveUser,
) -> Result<Json<OutboxView>, ApiError> {
    if !may(&admin.actor(), Action::ReadOutbox) {
        return Err(ApiError::Forbidden);
    }
    Ok(Json(OutboxView {
        messages: outbox::list(&state.db.pool, MESSAGES_SHOWN).await?,
        paper_copies_due: visits::paper_copies_due(&state.db.pool).await?,
    }))
}

async fn mark_paper_copy_posted(
    State(state): State<AppState>,
    admin: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<StatusCode, ApiError> {
    if !may(&admin.actor(), Action::ReadOutbox) {
        return Err(ApiError::Forbidden);
    }
    if !visits::mark_paper_copy_posted(&state.db.pool, visit_id, state.clock.now()).await? {
        return Err(ApiError::NotFound);
    }
    tracing::info!(visit_id, by = admin.0.user.id, "paper copy posted");
    Ok(StatusCode::NO_CONTENT)
}
