//! `/api/analytics/self-assessment-blind-spots`: the industry's blind spots for programme
//! staff — the compliance points factories most often rate compliant in their own latest
//! self-assessment while the monitors found them non-compliant; closed factories are not
//! counted. Counts only: no factory's self-assessment is shown, and below
//! [`shared::analytics::MIN_FACTORIES_IN_A_FIGURE`] compared factories the points are withheld.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::self_assessments::SelfAssessmentBlindSpots;
use shared::permissions::Action;

use crate::domain::self_assessment as rules;
use crate::http::error::ApiError;
use crate::http::extract::ActiveUser;
use crate::http::guards::require;
use crate::self_assessment_comparisons;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/analytics/self-assessment-blind-spots", get(blind_spots))
}

async fn blind_spots(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<SelfAssessmentBlindSpots>, ApiError> {
    require(&user, Action::ViewIndustryAnalytics)?;
    let mut connection = state.db.pool.acquire().await?;
    let latest = self_assessment_comparisons::latest(&mut connection)
        .await
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    let comparisons: Vec<_> = latest
        .comparisons
        .into_iter()
        .map(|(_, comparison)| comparison)
        .collect();
    Ok(Json(rules::industry_blind_spots(
        latest.factories_self_assessing,
        &comparisons,
    )))
}
