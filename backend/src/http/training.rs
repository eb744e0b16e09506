//! `/api/training`: the training unit writes its course catalogue, plans sessions of a course
//! and invites factories; an invited factory's manager enrols participants (by audience group
//! and sex, no names) until the session starts.
//!
//! Programme staff read every course and session; a factory manager reads the catalogue and
//! the sessions their factory is invited to, seeing only their own enrolment. A session the
//! reader may not see is "not found".

use std::collections::HashSet;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use shared::api::training::{
    Course, CourseInput, EnrolmentInput, InviteFactories, NewSession, Session, SessionReport,
};
use shared::date::cambodia_date;
use shared::error::FieldError;
use shared::permissions::{may, Action};
use shared::roles::Role;
use shared::training::{
    course_problems, enrolment_open, enrolment_problems, session_problems, session_report_problems,
};

use crate::db::{checklists, factories, training};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::require;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/training/courses", get(list_courses).post(create_course))
        .route("/training/courses/{id}", get(get_course))
        .route(
            "/training/sessions",
            get(list_sessions).post(create_session),
        )
        .route("/training/sessions/{id}", get(get_session))
        .route("/training/sessions/{id}/invitations", post(invite))
        .route(
            "/training/sessions/{id}/enrolments/{factory_id}",
            put(enrol),
        )
        .route("/training/sessions/{id}/report", put(report))
}

/// The factory whose sessions alone the user sees: `Some` for a factory manager.
fn own_factory(user: &ActiveUser) -> Option<i64> {
    let actor = user.actor();
    (actor.role == Role::FactoryManager)
        .then_some(actor.factory_id)
        .flatten()
}

async fn list_courses(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<Course>>, ApiError> {
    require(&user, Action::ViewTraining)?;
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(training::courses(&mut connection).await?))
}

async fn get_course(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
) -> Result<Json<Course>, ApiError> {
    require(&user, Action::ViewTraining)?;
    let mut connection = state.db.pool.acquire().await?;
    let course = training::find_course(&mut connection, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(course))
}

async fn create_course(
    State(state): State<AppState>,
    user: ActiveUser,
    AppJson(input): AppJson<CourseInput>,
) -> Result<(StatusCode, Json<Course>), ApiError> {
    require(&user, Action::ManageTraining)?;
    let mut connection = state.db.pool.acquire().await?;
    // Topics are the clusters and compliance points of the checklist in use.
    let mut known = HashSet::new();
    if let Some(version) = checklists::current_version_id(&mut *connection).await? {
        let content = checklists::load_content(&mut connection, version).await?;
        for cluster in &content.clusters {
            known.insert(cluster.code.clone());
            known.extend(cluster.points.iter().map(|point| point.code.clone()));
        }
    }
    drop(connection);
    let problems = course_problems(&input, |code| known.contains(code));
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let mut transaction = state.db.pool.begin().await?;
    let id = training::insert_course(&mut transaction, &input, user.0.user.id, state.clock.now())
        .await?;
    let course = training::find_course(&mut transaction, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    transaction.commit().await?;
    Ok((StatusCode::CREATED, Json(course)))
}

/// A session with its topics, the factories the user may see among those invited, and
/// whether the user's factory may still change its enrolment.
async fn complete_session(
    state: &AppState,
    connection: &mut sqlx::AnyConnection,
    mut session: Session,
    factory: Option<i64>,
) -> Result<Session, ApiError> {
    session.topics = training::find_course(connection, session.course_id)
        .await?
        .map(|course| course.topics)
        .unwrap_or_default();
    session.invited = training::invited(connection, session.id, factory).await?;
    let (attendance, outcomes, notes) =
        training::latest_report(connection, session.id, factory).await?;
    session.attendance = attendance;
    session.outcomes = outcomes;
    // The trainer's notes are the programme's own.
    session.notes = if factory.is_none() {
        notes
    } else {
        String::new()
    };
    let today = cambodia_date(state.clock.now());
    session.enrolment_open =
        factory.is_some() && enrolment_open(session.status, &session.starts_on, &today);
    Ok(session)
}

async fn list_sessions(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<Session>>, ApiError> {
    require(&user, Action::ViewTraining)?;
    let factory = own_factory(&user);
    let mut connection = state.db.pool.acquire().await?;
    let mut sessions = Vec::new();
    for session in training::sessions(&mut connection, factory).await? {
        sessions.push(complete_session(&state, &mut connection, session, factory).await?);
    }
    Ok(Json(sessions))
}

/// Loads a session the user may see: programme staff any, a factory manager one their
/// factory is invited to.
async fn visible_session(
    state: &AppState,
    connection: &mut sqlx::AnyConnection,
    user: &ActiveUser,
    id: i64,
) -> Result<Session, ApiError> {
    require(user, Action::ViewTraining)?;
    let session = training::find_session(connection, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let factory = own_factory(user);
    if let Some(factory_id) = factory {
        if !training::is_invited(connection, id, factory_id).await? {
            return Err(ApiError::NotFound);
        }
    }
    complete_session(state, connection, session, factory).await
}

async fn get_session(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
) -> Result<Json<Session>, ApiError> {
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(
        visible_session(&state, &mut connection, &user, id).await?,
    ))
}

/// What is wrong with a list of factories to invite: each must exist.
async fn unknown_factories(
    connection: &mut sqlx::AnyConnection,
    factory_ids: &[i64],
) -> Result<Vec<FieldError>, ApiError> {
    let mut problems = Vec::new();
    for (index, factory_id) in factory_ids.iter().enumerate() {
        if !factories::exists(&mut *connection, *factory_id).await? {
            problems.push(FieldError::new(
                &format!("factory_ids.{index}"),
                "factory_unknown",
            ));
        }
    }
    Ok(problems)
}

async fn create_session(
    State(state): State<AppState>,
    user: ActiveUser,
    AppJson(input): AppJson<NewSession>,
) -> Result<(StatusCode, Json<Session>), ApiError> {
    require(&user, Action::ManageTraining)?;
    let mut transaction = state.db.pool.begin().await?;
    let mut problems = session_problems(&input.session);
    if training::find_course(&mut transaction, input.course_id)
        .await?
        .is_none()
    {
        problems.push(FieldError::new("course_id", "course_unknown"));
    }
    problems.extend(unknown_factories(&mut transaction, &input.factory_ids).await?);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    let id = training::insert_session(&mut transaction, &input, user.0.user.id, now).await?;
    training::invite(
        &mut transaction,
        id,
        &input.factory_ids,
        user.0.user.id,
        now,
    )
    .await?;
    let session = visible_session(&state, &mut transaction, &user, id).await?;
    transaction.commit().await?;
    Ok((StatusCode::CREATED, Json(session)))
}

async fn invite(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<InviteFactories>,
) -> Result<Json<Session>, ApiError> {
    require(&user, Action::ManageTraining)?;
    let mut transaction = state.db.pool.begin().await?;
    training::find_session(&mut transaction, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut problems = unknown_factories(&mut transaction, &input.factory_ids).await?;
    if input.factory_ids.is_empty() {
        problems.push(FieldError::new("factory_ids", "required"));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    training::invite(
        &mut transaction,
        id,
        &input.factory_ids,
        user.0.user.id,
        now,
    )
    .await?;
    let session = visible_session(&state, &mut transaction, &user, id).await?;
    transaction.commit().await?;
    Ok(Json(session))
}

async fn enrol(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath((id, factory_id)): AppPath<(i64, i64)>,
    AppJson(input): AppJson<EnrolmentInput>,
) -> Result<Json<Session>, ApiError> {
    if !may(&user.actor(), Action::EnrolInTraining { factory_id }) {
        return Err(if user.actor().role == Role::FactoryManager {
            ApiError::NotFound
        } else {
            ApiError::Forbidden
        });
    }
    let mut transaction = state.db.pool.begin().await?;
    let session = visible_session(&state, &mut transaction, &user, id).await?;
    if !session.enrolment_open {
        return Err(ApiError::Conflict("training_enrolment_closed"));
    }
    let problems = enrolment_problems(&input);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    training::replace_enrolment(
        &mut transaction,
        id,
        factory_id,
        &input.groups,
        user.0.user.id,
        now,
    )
    .await?;
    let session = visible_session(&state, &mut transaction, &user, id).await?;
    transaction.commit().await?;
    Ok(Json(session))
}

/// The trainer records a session as held (with attendance and outcomes) or cancelled.
async fn report(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<SessionReport>,
) -> Result<Json<Session>, ApiError> {
    require(&user, Action::ManageTraining)?;
    let mut transaction = state.db.pool.begin().await?;
    let session = visible_session(&state, &mut transaction, &user, id).await?;
    let invited: Vec<i64> = session.invited.iter().map(|f| f.factory_id).collect();
    let today = cambodia_date(state.clock.now());
    let problems = session_report_problems(&input, &session.starts_on, &today, &invited);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    training::insert_report(
        &mut transaction,
        id,
        &input,
        user.0.user.id,
        state.clock.now(),
    )
    .await?;
    let session = visible_session(&state, &mut transaction, &user, id).await?;
    transaction.commit().await?;
    Ok(Json(session))
}
