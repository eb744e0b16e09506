//! `/api/users` and `/api/organisations`: account administration.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::users::{
    CreateUserRequest, OrganisationSummary, TemporaryPasswordResponse, UserSummary,
};
use shared::roles::Role;
use shared::validate::{new_user_problems, username_problem, FieldErrors};

use crate::db::{self, audit, factories, organisations, sessions, users};
use crate::domain::passwords;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{hash_password, require};
use crate::state::AppState;
use shared::permissions::Action;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/users", get(list_users).post(create_user))
        .route("/users/{id}/password-reset", post(reset_password))
        .route("/organisations", get(list_organisations))
}

fn summary(user: &users::UserRecord) -> UserSummary {
    UserSummary {
        id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        email: user.email.clone(),
        factory_id: user.factory_id,
        organisation_id: user.organisation_id,
        must_change_password: user.must_change_password,
        created_at: user.created_at,
    }
}

async fn list_users(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<UserSummary>>, ApiError> {
    require(&user, Action::ListUsers)?;
    let accounts = users::list(&state.db.pool).await?;
    Ok(Json(accounts.iter().map(summary).collect()))
}

async fn list_organisations(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<OrganisationSummary>>, ApiError> {
    require(&user, Action::ListOrganisations)?;
    Ok(Json(organisations::list(&state.db.pool).await?))
}

/// Checks the request against the rules and the database; returns the parsed role.
async fn validate_new_user(
    state: &AppState,
    request: &CreateUserRequest,
) -> Result<Role, ApiError> {
    let mut errors = FieldErrors(new_user_problems(request));
    let role = Role::parse(&request.role);
    if username_problem(&request.username).is_none()
        && users::find_by_username(&state.db.pool, &request.username)
            .await?
            .is_some()
    {
        errors.add("username", Some("username_taken"));
    }
    if let (Some(Role::FactoryManager), Some(id)) = (role, request.factory_id) {
        if !factories::exists(&state.db.pool, id).await? {
            errors.add("factory_id", Some("factory_unknown"));
        }
    }
    if let (Some(role @ (Role::Buyer | Role::UnionRepresentative)), Some(id)) =
        (role, request.organisation_id)
    {
        let wanted_union = role == Role::UnionRepresentative;
        let kind = organisations::find_kind(&state.db.pool, id).await?;
        let fits = kind.is_some_and(|kind| (kind == "union") == wanted_union);
        errors.add("organisation_id", (!fits).then_some("organisation_unknown"));
    }
    errors.into_result().map_err(ApiError::Validation)?;
    role.ok_or(ApiError::field("role", "role_unknown"))
}

async fn create_user(
    State(state): State<AppState>,
    admin: ActiveUser,
    AppJson(request): AppJson<CreateUserRequest>,
) -> Result<(StatusCode, Json<TemporaryPasswordResponse>), ApiError> {
    require(&admin, Action::CreateUser)?;
    let role = validate_new_user(&state, &request).await?;
    let now = state.clock.now();
    let temporary_password = passwords::temporary_password();
    let password_hash = hash_password(temporary_password.clone()).await?;
    let email = request
        .email
        .as_deref()
        .map(str::trim)
        .filter(|email| !email.is_empty());
    let new_user = users::NewUser {
        username: &request.username,
        display_name: request.display_name.trim(),
        email,
        role,
        password_hash: &password_hash,
        must_change_password: true,
        // Links that do not fit the role are dropped rather than stored.
        factory_id: request.factory_id.filter(|_| role == Role::FactoryManager),
        organisation_id: request
            .organisation_id
            .filter(|_| matches!(role, Role::Buyer | Role::UnionRepresentative)),
    };
    let mut transaction = state.db.pool.begin().await?;
    let id = match users::insert(&mut *transaction, &new_user, now).await {
        Ok(id) => id,
        Err(error) if db::is_unique_violation(&error) => {
            return Err(ApiError::field("username", "username_taken"));
        }
        Err(error) => return Err(error.into()),
    };
    audit::record(
        &mut *transaction,
        Some(admin.0.user.id),
        "user_created",
        Some(id),
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(
        user_id = id,
        role = role.as_str(),
        by = admin.0.user.id,
        "user created"
    );
    let created = users::find_by_id(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((
        StatusCode::CREATED,
        Json(TemporaryPasswordResponse {
            user: summary(&created),
            temporary_password,
        }),
    ))
}

async fn reset_password(
    State(state): State<AppState>,
    admin: ActiveUser,
    AppPath(user_id): AppPath<i64>,
) -> Result<Json<TemporaryPasswordResponse>, ApiError> {
    require(&admin, Action::ResetPassword)?;
    let target = users::find_by_id(&state.db.pool, user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let now = state.clock.now();
    let temporary_password = passwords::temporary_password();
    let password_hash = hash_password(temporary_password.clone()).await?;
    let mut transaction = state.db.pool.begin().await?;
    users::set_password(&mut *transaction, target.id, &password_hash, true, now).await?;
    sessions::delete_for_user(&mut *transaction, target.id, None).await?;
    audit::record(
        &mut *transaction,
        Some(admin.0.user.id),
        "password_reset",
        Some(target.id),
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(user_id = target.id, by = admin.0.user.id, "password reset");
    let updated = users::find_by_id(&state.db.pool, user_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(TemporaryPasswordResponse {
        user: summary(&updated),
        temporary_password,
    }))
}
