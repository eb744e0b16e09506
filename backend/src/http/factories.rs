//! `/api/factories`: the factory registry (read side).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::factories::FactorySummary;

use crate::db::factories;
use crate::domain::permissions::{may, Action};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppPath};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/factories", get(list_factories))
        .route("/factories/{id}", get(get_factory))
}

async fn list_factories(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<FactorySummary>>, ApiError> {
    if !may(&user.actor(), Action::ListFactories) {
        return Err(ApiError::Forbidden);
    }
    Ok(Json(factories::list(&state.db.pool).await?))
}

async fn get_factory(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<FactorySummary>, ApiError> {
    // Refuse before looking, so outsiders cannot learn which ids exist.
    if !may(&user.actor(), Action::ViewFactory { factory_id }) {
        return Err(ApiError::Forbidden);
    }
    let factory = factories::find(&state.db.pool, factory_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(factory))
}
