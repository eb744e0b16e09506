//! `/api/planning`: the planner (administrators, approvers and monitors) and the planned
//! visits. Administrators and approvers plan visits for a team and call them off; a monitor
//! lists only the visits planned for them and carries one out by opening a visit from it
//! (`POST /api/visits` with `planned_visit_id`). Factories never see any of it: visits are
//! unannounced.

use std::collections::HashSet;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::analytics::GroupDimension;
use shared::api::planning::{
    CancelPlannedVisit, NewPlannedVisit, PlannedVisit, PlannedVisitFilter, Planner, PlannerFilter,
};
use shared::date::{cambodia_date, is_iso_date};
use shared::error::FieldError;
use shared::permissions::Action;
use shared::planning::planned_visit_problems;
use shared::roles::Role;

use crate::db::{checklists, concerns, planning, visits};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::require;
use crate::planner;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/planning", get(get_planner))
        .route(
            "/planning/visits",
            get(list_planned_visits).post(plan_visit),
        )
        .route(
            "/planning/visits/{id}/cancellation",
            post(cancel_planned_visit),
        )
}

async fn get_planner(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(filter): Query<PlannerFilter>,
) -> Result<Json<Planner>, ApiError> {
    require(&user, Action::ViewPlanner)?;
    let dimension = if filter.dimension.is_empty() || filter.group.is_empty() {
        None
    } else {
        Some(
            GroupDimension::parse(&filter.dimension)
                .ok_or_else(|| ApiError::field("dimension", "choose_one"))?,
        )
    };
    let today = cambodia_date(state.clock.now());
    let mut connection = state.db.pool.acquire().await?;
    let planner = planner::planner(&mut connection, &filter, dimension, &today)
        .await
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    Ok(Json(planner))
}

async fn list_planned_visits(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(filter): Query<PlannedVisitFilter>,
) -> Result<Json<Vec<PlannedVisit>>, ApiError> {
    require(&user, Action::ViewPlanner)?;
    let mut problems = Vec::new();
    for (field, value) in [("from", &filter.from), ("to", &filter.to)] {
        if !value.is_empty() && !is_iso_date(value) {
            problems.push(FieldError::new(field, "date_invalid"));
        }
    }
    if !matches!(
        filter.status.as_str(),
        "" | "planned" | "started" | "cancelled" | "all"
    ) {
        problems.push(FieldError::new("status", "choose_one"));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    // A monitor sees the visits planned for them, never a colleague's schedule.
    let only_monitor = (user.0.user.role == Role::Monitor).then_some(user.0.user.id);
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(
        planning::list(&mut connection, &filter, only_monitor).await?,
    ))
}

/// The point codes of the checklist in use.
async fn current_point_codes(
    connection: &mut sqlx::AnyConnection,
) -> Result<HashSet<String>, ApiError> {
    let version = checklists::current_version_id(&mut *connection)
        .await?
        .ok_or(ApiError::Conflict("no_checklist_version"))?;
    let content = checklists::load_content(connection, version).await?;
    Ok(content
        .clusters
        .iter()
        .flat_map(|cluster| &cluster.points)
        .map(|point| point.code.clone())
        .collect())
}

async fn plan_visit(
    State(state): State<AppState>,
    user: ActiveUser,
    AppJson(mut input): AppJson<NewPlannedVisit>,
) -> Result<(StatusCode, Json<PlannedVisit>), ApiError> {
    require(&user, Action::PlanVisits)?;
    let now = state.clock.now();
    let today = cambodia_date(now);
    input.scope.sort();
    input.scope.dedup();
    let mut problems = planned_visit_problems(&input, &today);
    let mut transaction = state.db.pool.begin().await?;
    if input.factory_id > 0
        && !concerns::factory_is_active(&mut *transaction, input.factory_id).await?
    {
        problems.push(FieldError::new("factory_id", "factory_unknown"));
    }
    for (field, monitor) in [
        (
            "lead_monitor_id",
            Some(input.lead_monitor_id).filter(|id| *id > 0),
        ),
        ("second_monitor_id", input.second_monitor_id),
    ] {
        if let Some(monitor) = monitor {
            if !visits::is_monitor(&mut *transaction, monitor).await? {
                problems.push(FieldError::new(field, "monitor_unknown"));
            }
        }
    }
    if !input.scope.is_empty() {
        let known = current_point_codes(&mut transaction).await?;
        if input.scope.iter().any(|code| !known.contains(code)) {
            problems.push(FieldError::new("scope", "point_unknown"));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    // Two plans for one factory at once would send two teams: call the first one off first.
    if planning::factory_has_open_plan(&mut *transaction, input.factory_id).await? {
        return Err(ApiError::Conflict("visit_already_planned"));
    }
    let id = planning::insert(&mut transaction, &input, user.0.user.id, now).await?;
    let planned = planning::find(&mut transaction, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    transaction.commit().await?;
    tracing::info!(planned_visit_id = id, by = user.0.user.id, "visit planned");
    Ok((StatusCode::CREATED, Json(planned)))
}

async fn cancel_planned_visit(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<CancelPlannedVisit>,
) -> Result<Json<PlannedVisit>, ApiError> {
    require(&user, Action::PlanVisits)?;
    let reason = input.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::field("reason", "required"));
    }
    if reason.chars().count() > 2000 {
        return Err(ApiError::field("reason", "too_long"));
    }
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    if planning::find(&mut transaction, id).await?.is_none() {
        return Err(ApiError::NotFound);
    }
    if !planning::close(
        &mut transaction,
        id,
        "cancelled",
        None,
        reason,
        user.0.user.id,
        now,
    )
    .await?
    {
        return Err(ApiError::Conflict("planned_visit_closed"));
    }
    let planned = planning::find(&mut transaction, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    transaction.commit().await?;
    tracing::info!(
        planned_visit_id = id,
        by = user.0.user.id,
        "planned visit called off"
    );
    Ok(Json(planned))
}
