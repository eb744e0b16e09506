//! Visit planning: the planner (factories by risk and due date) and the planned visits.

use std::future::Future;

use shared::api::planning::{
    CancelPlannedVisit, NewPlannedVisit, PlannedVisit, PlannedVisitFilter, Planner, PlannerFilter,
};

use super::ApiError;

/// `base?name=value&…` with the empty values left out (the API reads a missing filter as
/// "all").
fn with_query(base: &str, params: &[(&str, String)]) -> String {
    let params: Vec<String> = params
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", js_sys::encode_uri_component(value)))
        .collect();
    if params.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", params.join("&"))
    }
}

fn optional_id(id: Option<i64>) -> String {
    id.map(|id| id.to_string()).unwrap_or_default()
}

/// `GET /api/planning?province=…&monitor_id=…&dimension=…&group=…`: every active factory,
/// highest risk first.
pub fn planner(filter: &PlannerFilter) -> impl Future<Output = Result<Planner, ApiError>> {
    super::get(&with_query(
        "/api/planning",
        &[
            ("province", filter.province.clone()),
            ("monitor_id", optional_id(filter.monitor_id)),
            ("dimension", filter.dimension.clone()),
            ("group", filter.group.clone()),
        ],
    ))
}

/// `GET /api/planning/visits?from=…&to=…&monitor_id=…&status=…`: a monitor gets only their
/// own; the status is `planned` unless asked otherwise.
pub fn planned_visits(
    filter: &PlannedVisitFilter,
) -> impl Future<Output = Result<Vec<PlannedVisit>, ApiError>> {
    super::get(&with_query(
        "/api/planning/visits",
        &[
            ("from", filter.from.clone()),
            ("to", filter.to.clone()),
            ("monitor_id", optional_id(filter.monitor_id)),
            ("status", filter.status.clone()),
        ],
    ))
}

/// `POST /api/planning/visits`.
pub async fn plan_visit(visit: &NewPlannedVisit) -> Result<PlannedVisit, ApiError> {
    super::post("/api/planning/visits", visit).await
}

/// `POST /api/planning/visits/{id}/cancellation`: calls a planned visit off, with the reason.
pub async fn cancel(id: i64, cancellation: &CancelPlannedVisit) -> Result<PlannedVisit, ApiError> {
    super::post(
        &format!("/api/planning/visits/{id}/cancellation"),
        cancellation,
    )
    .await
}
