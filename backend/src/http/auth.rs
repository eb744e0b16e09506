//! `/api/auth`: log in, log out, who am I, change my password.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::auth::{ChangePasswordRequest, CurrentUser, LoginRequest};
use shared::api::SESSION_COOKIE;
use shared::validate::{password_problems, FieldErrors};

use crate::db::{audit, login_attempts, sessions, users};
use crate::domain::throttle::{self, RecentFailures};
use crate::domain::{passwords, tokens};
use crate::http::error::ApiError;
use crate::http::extract::{AppJson, Authenticated, ClientAddress};
use crate::http::guards::hash_password;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", post(log_in))
        .route("/logout", post(log_out))
        .route("/me", get(current_user))
        .route("/password", post(change_password))
}

/// The UI's view of a signed-in user.
pub fn current_user_body(user: &users::UserRecord, csrf_token: &str) -> CurrentUser {
    CurrentUser {
        id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: user.role,
        factory_id: user.factory_id,
        organisation: user.organisation_name.clone(),
        must_change_password: user.must_change_password,
        csrf_token: csrf_token.to_owned(),
        areas: shared::permissions::areas(&user.actor()),
    }
}

/// Refuses the attempt when the account or address has failed too often recently.
async fn check_throttle(
    state: &AppState,
    username: &str,
    address: &str,
    now: i64,
) -> Result<(), ApiError> {
    let since = throttle::window_start(now);
    let account = login_attempts::failures_for_account(&state.db.pool, username, since).await?;
    let from_address =
        login_attempts::failures_from_address(&state.db.pool, address, since).await?;
    let recent = |failures: login_attempts::Failures| RecentFailures {
        count: failures.count,
        oldest_at: failures.oldest_at,
    };
    throttle::may_attempt(recent(account), recent(from_address), now).map_err(
        |retry_after_seconds| ApiError::TooManyAttempts {
            retry_after_seconds,
        },
    )
}

/// Argon2 is deliberately slow: run it off the async workers.
async fn verify_password(password: String, stored_hash: String) -> Result<bool, ApiError> {
    tokio::task::spawn_blocking(move || passwords::verify(&password, &stored_hash))
        .await
        .map_err(|error| ApiError::Internal(format!("password check: {error}")))
}

fn session_cookie(state: &AppState, token: &str, max_age_seconds: i64) -> String {
    let secure = if state.config.cookie_secure {
        "; Secure"
    } else {
        ""
    };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}{secure}")
}

async fn log_in(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    AppJson(request): AppJson<LoginRequest>,
) -> Result<Response, ApiError> {
    let now = state.clock.now();
    let username = request.username.trim().to_lowercase();
    let mut errors = FieldErrors::default();
    errors.add("username", username.is_empty().then_some("required"));
    errors.add(
        "password",
        request.password.is_empty().then_some("required"),
    );
    errors.into_result().map_err(ApiError::Validation)?;

    check_throttle(&state, &username, &address, now).await?;
    let user = users::find_by_username(&state.db.pool, &username).await?;
    let stored_hash = user.as_ref().map_or_else(
        || passwords::decoy_hash().to_owned(),
        |user| user.password_hash.clone(),
    );
    let matches = verify_password(request.password, stored_hash).await? && user.is_some();
    login_attempts::record(&state.db.pool, &username, &address, matches, now).await?;
    // Housekeeping rides on logins so that no background job is needed.
    login_attempts::delete_older_than(&state.db.pool, now - 24 * 3600).await?;
    sessions::delete_expired(&state.db.pool, now).await?;
    let Some(user) = user.filter(|_| matches) else {
        tracing::info!("login refused");
        return Err(ApiError::InvalidCredentials);
    };

    let token = tokens::random_token();
    let csrf_token = tokens::random_token();
    let lifetime = state.config.session_hours * 3600;
    sessions::insert(
        &state.db.pool,
        &tokens::token_hash(&token),
        user.id,
        &csrf_token,
        now,
        now + lifetime,
    )
    .await?;
    tracing::info!(user_id = user.id, role = user.role.as_str(), "signed in");
    let cookie = session_cookie(&state, &token, lifetime);
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(current_user_body(&user, &csrf_token)),
    )
        .into_response())
}

async fn log_out(
    State(state): State<AppState>,
    Authenticated(session): Authenticated,
) -> Result<Response, ApiError> {
    sessions::delete(&state.db.pool, &session.token_hash).await?;
    tracing::info!(user_id = session.user.id, "signed out");
    let cookie = session_cookie(&state, "", 0);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

async fn current_user(Authenticated(session): Authenticated) -> Json<CurrentUser> {
    Json(current_user_body(&session.user, &session.csrf_token))
}

async fn change_password(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Authenticated(session): Authenticated,
    AppJson(request): AppJson<ChangePasswordRequest>,
) -> Result<Json<CurrentUser>, ApiError> {
    let now = state.clock.now();
    let user = &session.user;
    // A wrong current password is a guess like any other: it counts towards throttling.
    check_throttle(&state, &user.username, &address, now).await?;
    let current_matches =
        verify_password(request.current_password.clone(), user.password_hash.clone()).await?;
    if !current_matches {
        login_attempts::record(&state.db.pool, &user.username, &address, false, now).await?;
        return Err(ApiError::field(
            "current_password",
            "current_password_wrong",
        ));
    }
    let mut errors = FieldErrors::default();
    errors.add_all(
        "new_password",
        password_problems(&user.username, &request.new_password),
    );
    errors.add(
        "new_password",
        (request.new_password == request.current_password).then_some("password_unchanged"),
    );
    errors.into_result().map_err(ApiError::Validation)?;

    let new_hash = hash_password(request.new_password).await?;
    let mut transaction = state.db.pool.begin().await?;
    users::set_password(&mut *transaction, user.id, &new_hash, false, now).await?;
    // Whoever else held a session with the old password is signed out.
    sessions::delete_for_user(&mut *transaction, user.id, Some(&session.token_hash)).await?;
    audit::record(
        &mut *transaction,
        Some(user.id),
        "password_changed",
        Some(user.id),
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(user_id = user.id, "password changed");

    let updated = users::find_by_id(&state.db.pool, user.id)
        .await?
        .ok_or(ApiError::Unauthenticated)?;
    Ok(Json(current_user_body(&updated, &session.csrf_token)))
}
