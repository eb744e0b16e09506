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

use crate::db::{checklists, corrective_actions, reports, self_assessments};
use crate::domain::self_assessment::{self as rules, StoredScores};
use crate::http::error::ApiError;
use crate::http::extract::ActiveUser;
use crate::http::guards::require;
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
    let latest = self_assessments::latest_completed_per_factory(&mut *connection).await?;
    let factories_self_assessing = i64::try_from(latest.len()).unwrap_or(i64::MAX);
    let mut comparisons = Vec::new();
    for record in &latest {
        let Some(json) = &record.scores else {
            continue;
        };
        let scores: StoredScores = serde_json::from_str(json)
            .map_err(|error| ApiError::Internal(format!("stored scores: {error}")))?;
        let factory_id = record.summary.factory_id;
        let Some(visit_id) = reports::latest_report(&mut *connection, factory_id, None).await?
        else {
            continue;
        };
        let content =
            checklists::load_content(&mut connection, record.summary.checklist_version_id).await?;
        let content = rules::restricted(&content, &record.summary.clusters);
        let outcomes = reports::point_outcomes(&mut *connection, visit_id).await?;
        let actions = corrective_actions::for_visit(&mut connection, visit_id).await?;
        comparisons.push(rules::compare(
            &content,
            &scores.points,
            &outcomes,
            &rules::reported_done(&actions),
        ));
    }
    Ok(Json(rules::industry_blind_spots(
        factories_self_assessing,
        &comparisons,
    )))
}
