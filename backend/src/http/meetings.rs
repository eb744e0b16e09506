//! Clarification meetings about published reports: `/api/reports/:id/meetings` (the factory
//! asks for one; the factory and staff read them), `/api/meetings` (staff: the meetings not
//! yet held), `/api/meetings/:id/schedule` and `/api/meetings/:id/outcome` (administrators
//! and approvers).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::objections::{
    ClarificationMeeting, MeetingOutcome, MeetingRequest, MeetingSchedule, ReportMeetings,
};
use shared::objection::{
    decide_meeting_step, meeting_outcome_problems, meeting_request_problems,
    meeting_schedule_problems, MeetingStep,
};

use crate::db::meetings;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{readable_report, require};
use crate::state::AppState;
use shared::permissions::{may, Action};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/reports/{id}/meetings",
            get(report_meetings).post(request_meeting),
        )
        .route("/meetings", get(open_meetings))
        .route("/meetings/{id}/schedule", post(schedule_meeting))
        .route("/meetings/{id}/outcome", post(record_outcome))
}

async fn report_meetings(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<ReportMeetings>, ApiError> {
    let visit = readable_report(&state, &user, visit_id).await?;
    let factory_id = visit.factory_id;
    require(&user, Action::ViewClarificationMeetings { factory_id })?;
    Ok(Json(ReportMeetings {
        may_request: may(
            &user.actor(),
            Action::RequestClarificationMeeting { factory_id },
        ),
        may_manage: may(&user.actor(), Action::ManageClarificationMeetings),
        meetings: meetings::for_report(&state.db.pool, visit_id).await?,
    }))
}

async fn request_meeting(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(request): AppJson<MeetingRequest>,
) -> Result<(StatusCode, Json<ClarificationMeeting>), ApiError> {
    let visit = readable_report(&state, &user, visit_id).await?;
    require(
        &user,
        Action::RequestClarificationMeeting {
            factory_id: visit.factory_id,
        },
    )?;
    let problems = meeting_request_problems(&request);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let mut transaction = state.db.pool.begin().await?;
    let id = meetings::request(
        &mut transaction,
        visit_id,
        request.topic.trim(),
        user.0.user.id,
        state.clock.now(),
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(visit_id, meeting_id = id, "clarification meeting requested");
    let meeting = meetings::find(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(meeting)))
}

async fn open_meetings(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<ClarificationMeeting>>, ApiError> {
    require(&user, Action::ManageClarificationMeetings)?;
    Ok(Json(meetings::open(&state.db.pool).await?))
}

/// A meeting of a report the user may read (others learn nothing: "not found"), which the
/// user may manage.
async fn managed_meeting(
    state: &AppState,
    user: &ActiveUser,
    meeting_id: i64,
) -> Result<ClarificationMeeting, ApiError> {
    let meeting = meetings::find(&state.db.pool, meeting_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    readable_report(state, user, meeting.visit_id).await?;
    require(user, Action::ManageClarificationMeetings)?;
    Ok(meeting)
}

async fn schedule_meeting(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(meeting_id): AppPath<i64>,
    AppJson(schedule): AppJson<MeetingSchedule>,
) -> Result<Json<ClarificationMeeting>, ApiError> {
    let meeting = managed_meeting(&state, &user, meeting_id).await?;
    let problems = meeting_schedule_problems(&schedule);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    decide_meeting_step(meeting.status, MeetingStep::Schedule).map_err(ApiError::Conflict)?;
    let mut transaction = state.db.pool.begin().await?;
    if !meetings::schedule(
        &mut transaction,
        meeting_id,
        schedule.scheduled_for.trim(),
        schedule.place.trim(),
        user.0.user.id,
        state.clock.now(),
    )
    .await?
    {
        return Err(ApiError::Conflict("meeting_already_held"));
    }
    transaction.commit().await?;
    tracing::info!(
        meeting_id,
        by = user.0.user.id,
        "clarification meeting scheduled"
    );
    Ok(Json(
        meetings::find(&state.db.pool, meeting_id)
            .await?
            .ok_or(ApiError::NotFound)?,
    ))
}

async fn record_outcome(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(meeting_id): AppPath<i64>,
    AppJson(outcome): AppJson<MeetingOutcome>,
) -> Result<Json<ClarificationMeeting>, ApiError> {
    let meeting = managed_meeting(&state, &user, meeting_id).await?;
    let problems = meeting_outcome_problems(&outcome);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    decide_meeting_step(meeting.status, MeetingStep::RecordOutcome).map_err(ApiError::Conflict)?;
    let mut transaction = state.db.pool.begin().await?;
    if !meetings::record_outcome(
        &mut transaction,
        meeting_id,
        outcome.outcome.trim(),
        user.0.user.id,
        state.clock.now(),
    )
    .await?
    {
        return Err(ApiError::Conflict("meeting_already_held"));
    }
    transaction.commit().await?;
    tracing::info!(
        meeting_id,
        by = user.0.user.id,
        "clarification meeting outcome recorded"
    );
    Ok(Json(
        meetings::find(&state.db.pool, meeting_id)
            .await?
            .ok_or(ApiError::NotFound)?,
    ))
}
