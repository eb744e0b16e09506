//! User accounts and organisations.

use std::future::Future;

use shared::api::users::{
    CreateUserRequest, OrganisationSummary, TemporaryPasswordResponse, UserSummary,
};

use super::{post, ApiError};

/// `GET /api/users`.
pub fn list() -> impl Future<Output = Result<Vec<UserSummary>, ApiError>> {
    super::get("/api/users")
}

/// `POST /api/users`: the new account and its temporary password.
pub async fn create(request: &CreateUserRequest) -> Result<TemporaryPasswordResponse, ApiError> {
    post("/api/users", request).await
}

/// `POST /api/users/{id}/password-reset`: a new temporary password; the user is signed out
/// everywhere.
pub async fn reset_password(user_id: i64) -> Result<TemporaryPasswordResponse, ApiError> {
    post(&format!("/api/users/{user_id}/password-reset"), &()).await
}

/// `GET /api/organisations`: every organisation.
pub fn organisations() -> impl Future<Output = Result<Vec<OrganisationSummary>, ApiError>> {
    super::get("/api/organisations")
}
