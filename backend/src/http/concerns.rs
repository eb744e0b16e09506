//! `/api/concerns`: union and accredited third-party representatives raise concerns about a
//! factory; programme staff review them.
//!
//! Who sees what:
//! - programme staff: every concern, with who raised it;
//! - a representative: only the concerns they raised themselves, with their status;
//! - the factory's manager and buyers with access: only verified concerns, never who raised
//!   them (`/api/factories/{id}/concerns`); buyers see the category and date, not the text,
//!   which was written for the programme and may point to the workers who spoke up.
//!
//! A verified concern flags its factory for a visit until one is planned (see
//! [`crate::db::concerns::flagged_factories`]).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::concerns::{
    Concern, ConcernFactoryOption, ConcernReviewInput, FlaggedFactory, NewConcern, VerifiedConcern,
};
use shared::concern::{
    decide_concern_review, new_concern_problems, review_problems, ConcernStatus,
};
use shared::date::cambodia_date;
use shared::error::FieldError;
use shared::roles::Role;

use crate::db::{concerns, factories};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{has_active_access, require};
use crate::state::AppState;
use shared::permissions::{may, Action};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/concerns", get(list).post(submit))
        .route("/concerns/factories", get(factory_options))
        .route("/concerns/flags", get(flags))
        .route("/concerns/{id}/review", post(review))
        .route("/factories/{id}/concerns", get(verified_of_factory))
}

/// The factories a representative may choose from. They see nothing else of the registry.
async fn factory_options(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<ConcernFactoryOption>>, ApiError> {
    require(&user, Action::SubmitConcern)?;
    Ok(Json(concerns::active_factories(&state.db.pool).await?))
}

async fn list(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<Concern>>, ApiError> {
    require(&user, Action::ListConcerns)?;
    let only_own = (!user.0.user.role.is_programme_staff()).then_some(user.0.user.id);
    Ok(Json(concerns::list(&state.db.pool, only_own).await?))
}

async fn submit(
    State(state): State<AppState>,
    user: ActiveUser,
    AppJson(input): AppJson<NewConcern>,
) -> Result<(StatusCode, Json<Concern>), ApiError> {
    require(&user, Action::SubmitConcern)?;
    let mut problems = new_concern_problems(&input);
    if input.factory_id > 0
        && !concerns::factory_is_active(&state.db.pool, input.factory_id).await?
    {
        problems.push(FieldError::new("factory_id", "factory_unknown"));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    let id = concerns::insert(
        &mut transaction,
        &input,
        user.0.user.id,
        user.0.user.organisation_id,
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(concern_id = id, by = user.0.user.id, "concern submitted");
    let concern = concerns::find(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(concern)))
}

async fn review(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
    AppJson(input): AppJson<ConcernReviewInput>,
) -> Result<Json<Concern>, ApiError> {
    require(&user, Action::ReviewConcern)?;
    let concern = concerns::find(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let problems = review_problems(&input);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let outcome = ConcernStatus::parse(&input.outcome).unwrap_or(ConcernStatus::NotVerified);
    decide_concern_review(concern.status, outcome).map_err(ApiError::Conflict)?;
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    let reviewed = concerns::review(
        &mut transaction,
        id,
        outcome,
        input.note.trim(),
        user.0.user.id,
        now,
        &cambodia_date(now),
    )
    .await?;
    if !reviewed {
        return Err(ApiError::Conflict("concern_already_reviewed"));
    }
    transaction.commit().await?;
    tracing::info!(
        concern_id = id,
        by = user.0.user.id,
        outcome = outcome.as_str(),
        "concern reviewed"
    );
    let concern = concerns::find(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(concern))
}

async fn flags(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<FlaggedFactory>>, ApiError> {
    require(&user, Action::ViewConcernFlags)?;
    Ok(Json(concerns::flagged_factories(&state.db.pool).await?))
}

/// A factory's verified concerns, as the factory and buyers with access see them. Readers
/// without access get "not found", as for reports.
async fn verified_of_factory(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<Vec<VerifiedConcern>>, ApiError> {
    if !factories::exists(&state.db.pool, factory_id).await? {
        return Err(ApiError::NotFound);
    }
    let buyer = user.0.user.role == Role::Buyer;
    let granted = has_active_access(&state, &user, factory_id).await?;
    if !may(
        &user.actor(),
        Action::ViewVerifiedConcerns {
            factory_id,
            granted,
        },
    ) {
        return Err(ApiError::NotFound);
    }
    let concerns = concerns::verified_for_factory(&state.db.pool, factory_id)
        .await?
        .into_iter()
        .map(|(id, category, description, verified_on)| VerifiedConcern {
            id,
            category,
            description: (!buyer).then_some(description),
            verified_on,
        })
        .collect();
    Ok(Json(concerns))
}
