//! `/api/dashboard`: figures for the home page.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::dashboard::ProvinceWorkforce;

use crate::db::factories;
use crate::http::error::ApiError;
use crate::http::extract::ActiveUser;
use crate::state::AppState;
use shared::permissions::{may, Action};

pub fn router() -> Router<AppState> {
    Router::new().route("/dashboard/province-workforce", get(province_workforce))
}

async fn province_workforce(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<ProvinceWorkforce>>, ApiError> {
    if !may(&user.actor(), Action::ViewDashboard) {
        return Err(ApiError::Forbidden);
    }
    Ok(Json(
        factories::workforce_by_province(&state.db.pool).await?,
    ))
}
