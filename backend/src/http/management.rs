//! `/api/management`: the management report for administrators and approvers — turnaround
//! from the visit to submission, approval and publication by month and by monitor, reports
//! waiting in each state, reports past the publication target, objections, corrective actions
//! behind schedule, documents overdue, notices that failed and paper copies waiting.

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::api::management::{ManagementFilter, ManagementReport};
use shared::date::cambodia_date;
use shared::management::{last_twelve_months, period_problems};
use shared::permissions::Action;

use crate::http::error::ApiError;
use crate::http::extract::ActiveUser;
use crate::http::guards::require;
use crate::management_report::{self, Period};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/management", get(get_report))
}

async fn get_report(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(filter): Query<ManagementFilter>,
) -> Result<Json<ManagementReport>, ApiError> {
    require(&user, Action::ViewManagementReports)?;
    let now = state.clock.now();
    let (default_from, default_to) = last_twelve_months(&cambodia_date(now));
    let pick = |value: &str, default: String| {
        if value.is_empty() {
            default
        } else {
            value.to_owned()
        }
    };
    let period = Period {
        from: pick(&filter.from, default_from),
        to: pick(&filter.to, default_to),
    };
    let problems = period_problems(&ManagementFilter {
        from: period.from.clone(),
        to: period.to.clone(),
    });
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let report = management_report::report(
        &state.db.pool,
        &period,
        now,
        state.config.publication_target_days,
    )
    .await?;
    Ok(Json(report))
}
