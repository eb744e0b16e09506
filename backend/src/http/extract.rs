//! Extractors: JSON bodies with our error format, the client address, and the signed-in user.

use std::net::SocketAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{ConnectInfo, FromRef, FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use shared::api::{CSRF_HEADER, SESSION_COOKIE};

use crate::db::sessions::{self, SessionRecord};
use crate::domain::tokens::{constant_time_eq, token_hash};
use crate::http::error::ApiError;
use crate::state::AppState;
use shared::permissions::Actor;

/// `Json<T>` whose rejections (bad JSON, wrong content type) use the error envelope.
pub struct AppJson<T>(pub T);

impl<T, S> FromRequest<S> for AppJson<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(AppJson(value)),
            Err(rejection) => Err(ApiError::MalformedRequest(describe(rejection))),
        }
    }
}

fn describe(rejection: JsonRejection) -> String {
    rejection.body_text()
}

/// `Path<T>` whose rejection (a segment that does not parse, such as `/factories/abc`) uses
/// the error envelope instead of axum's plain-text answer.
pub struct AppPath<T>(pub T);

impl<T, S> FromRequestParts<S> for AppPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(AppPath(value)),
            Err(rejection) => Err(ApiError::MalformedRequest(rejection.body_text())),
        }
    }
}

/// A raw request body (an imported file) whose rejections, above all a body over the
/// endpoint's size limit, use the error envelope instead of axum's plain text.
pub struct AppBytes(pub axum::body::Bytes);

impl<S> FromRequest<S> for AppBytes
where
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::body::Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(AppBytes(bytes)),
            Err(rejection) if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::PayloadTooLarge)
            }
            Err(rejection) => Err(ApiError::MalformedRequest(rejection.body_text())),
        }
    }
}

/// The address a request came from, for throttling. Never logged.
pub struct ClientAddress(pub String);

impl<S> FromRequestParts<S> for ClientAddress
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let forwarded = state
            .config
            .trust_forwarded_for
            .then(|| {
                parts
                    .headers
                    .get("x-forwarded-for")?
                    .to_str()
                    .ok()?
                    .split(',')
                    .next()
                    .map(str::trim)
                    .map(str::to_owned)
            })
            .flatten();
        let direct = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(address)| address.ip().to_string());
        Ok(ClientAddress(
            forwarded.or(direct).unwrap_or_else(|| "unknown".to_owned()),
        ))
    }
}

/// The session token from the `Cookie` header, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value.to_owned())
}

/// Any valid session, even one whose password must be changed first. Used only by the
/// endpoints such a user still needs: who am I, change password, log out.
pub struct Authenticated(pub SessionRecord);

impl<S> FromRequestParts<S> for Authenticated
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let token = session_token(&parts.headers).ok_or(ApiError::Unauthenticated)?;
        let session = sessions::find_live(&state.db.pool, &token_hash(&token), state.clock.now())
            .await?
            .ok_or(ApiError::Unauthenticated)?;
        if !is_safe(&parts.method) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default();
            if !constant_time_eq(sent, &session.csrf_token) {
                return Err(ApiError::CsrfRejected);
            }
        }
        Ok(Authenticated(session))
    }
}

/// A signed-in user whose password is current: what every other endpoint requires.
pub struct ActiveUser(pub SessionRecord);

impl ActiveUser {
    pub fn actor(&self) -> Actor {
        self.0.user.actor()
    }
}

impl<S> FromRequestParts<S> for ActiveUser
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Authenticated(session) = Authenticated::from_request_parts(parts, state).await?;
        if session.user.must_change_password {
            return Err(ApiError::PasswordChangeRequired);
        }
        Ok(ActiveUser(session))
    }
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Refuses state-changing API requests that a browser would send from another site: they
/// must carry the anti-forgery header (which a cross-site form cannot set, and a cross-site
/// script cannot send without a CORS grant we never give), and must not come from another
/// origin. Signed-in requests are further checked against the session's token.
pub async fn reject_cross_site_writes(request: Request, next: Next) -> Response {
    if !is_safe(request.method()) {
        let headers = request.headers();
        let has_token = headers
            .get(CSRF_HEADER)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| !value.is_empty());
        let cross_site = headers
            .get("sec-fetch-site")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|site| site == "cross-site");
        let foreign_origin = match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
            (Some(origin), Some(host)) => {
                let origin = origin.to_str().unwrap_or_default();
                let origin_host = origin.split("://").nth(1).unwrap_or(origin);
                origin_host != host.to_str().unwrap_or_default()
            }
            _ => false,
        };
        if !has_token || cross_site || foreign_origin {
            return ApiError::CsrfRejected.into_response();
        }
    }
    next.run(request).await
}
