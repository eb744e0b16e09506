//! `/api/visits/{id}/closing-meeting` and `/api/factories/{id}/closing-meetings`: a monitor of the team records what management was told
//! at the end of the visit (each recording kept, the latest shown); staff and the factory's own
//! manager read it and print it to leave with management.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use shared::api::closing_meetings::{ClosingMeeting, ClosingMeetingSummary, NewClosingMeeting};
use shared::api::visits::VisitSummary;
use shared::closing_meeting::closing_meeting_problems;
use shared::date::cambodia_date;
use shared::permissions::{may, Action};

use crate::db::closing_meetings::{self, StoredClosingMeeting};
use crate::db::{factories, visits};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{on_visit_team, require};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/visits/{id}/closing-meeting", get(read).post(record))
        .route("/factories/{id}/closing-meetings", get(of_factory))
}

/// The factory's closing meetings, for its manager's home page and for staff.
async fn of_factory(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<Vec<ClosingMeetingSummary>>, ApiError> {
    require(&user, Action::ViewClosingMeeting { factory_id })?;
    Ok(Json(
        closing_meetings::of_factory(&state.db.pool, factory_id).await?,
    ))
}

async fn read(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<ClosingMeeting>, ApiError> {
    let visit = visits::find(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    // Outsiders learn nothing of which visits exist (unannounced visits included).
    if !may(
        &user.actor(),
        Action::ViewClosingMeeting {
            factory_id: visit.factory_id,
        },
    ) {
        return Err(ApiError::NotFound);
    }
    let stored = closing_meetings::latest(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(sheet(&state, &visit, stored).await?))
}

async fn record(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(input): AppJson<NewClosingMeeting>,
) -> Result<(StatusCode, Json<ClosingMeeting>), ApiError> {
    let visit = visits::find(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    require(
        &user,
        Action::RecordClosingMeeting {
            on_team: on_visit_team(&user, &visit),
        },
    )?;
    if !visit.status.is_editable() {
        return Err(ApiError::Conflict("visit_not_editable"));
    }
    let now = state.clock.now();
    let problems = closing_meeting_problems(&input, &visit.start_date, &cambodia_date(now));
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let meeting = NewClosingMeeting {
        held_on: input.held_on.trim().to_owned(),
        attendees: input.attendees.trim().to_owned(),
        summary: input.summary.trim().to_owned(),
        next_steps: input.next_steps.trim().to_owned(),
    };
    let mut transaction = state.db.pool.begin().await?;
    // Checked again inside the write: a submission that raced this request wins.
    if !visits::touch_editable(&mut *transaction, visit_id, now).await? {
        return Err(ApiError::Conflict("visit_not_editable"));
    }
    // The documents as requested now: the record keeps them as they were announced.
    let documents = visits::facts(&mut transaction, visit_id).await?.documents;
    closing_meetings::insert(
        &mut transaction,
        visit_id,
        &meeting,
        &documents,
        user.0.user.id,
        now,
    )
    .await?;
    let stored = closing_meetings::latest(&mut *transaction, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    transaction.commit().await?;
    tracing::info!(visit_id, by = user.0.user.id, "closing meeting recorded");
    Ok((
        StatusCode::CREATED,
        Json(sheet(&state, &visit, stored).await?),
    ))
}

/// The record as printed: the stored meeting with the visit's factory and team.
async fn sheet(
    state: &AppState,
    visit: &VisitSummary,
    stored: StoredClosingMeeting,
) -> Result<ClosingMeeting, ApiError> {
    let factory = factories::find(&state.db.pool, visit.factory_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let monitors = visit.monitor_names();
    Ok(ClosingMeeting {
        id: stored.id,
        visit_id: stored.visit_id,
        factory_id: visit.factory_id,
        factory_name: factory.name,
        factory_address: factory.address,
        visit_type: visit.visit_type,
        visit_start: visit.start_date.clone(),
        visit_end: visit.end_date.clone(),
        monitors,
        held_on: stored.meeting.held_on,
        attendees: stored.meeting.attendees,
        summary: stored.meeting.summary,
        next_steps: stored.meeting.next_steps,
        documents: stored.documents,
        recorded_by: stored.recorded_by,
        recorded_at: stored.recorded_at,
        version: stored.version,
    })
}
