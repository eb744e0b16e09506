//! Signing in and out, the current user, and changing one's password.

use std::future::Future;

use shared::api::auth::{ChangePasswordRequest, CurrentUser, LoginRequest};

use super::{post, post_no_content, ApiError};

/// `POST /api/auth/login`.
pub async fn login(request: &LoginRequest) -> Result<CurrentUser, ApiError> {
    post("/api/auth/login", request).await
}

/// `POST /api/auth/logout`.
pub async fn logout() -> Result<(), ApiError> {
    post_no_content("/api/auth/logout").await
}

/// `GET /api/auth/me`: who is signed in on this browser, if anyone.
pub fn me() -> impl Future<Output = Result<CurrentUser, ApiError>> {
    super::get("/api/auth/me")
}

/// `POST /api/auth/password`.
pub async fn change_password(request: &ChangePasswordRequest) -> Result<CurrentUser, ApiError> {
    post("/api/auth/password", request).await
}
