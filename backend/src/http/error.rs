//! The one error type of the HTTP layer, rendered as the JSON envelope of `shared::error`.
//!
//! Messages come from `locales/` in the language the request asked for (`Accept-Language`),
//! which a middleware keeps in a task-local for the duration of the request.

use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use shared::error::{ErrorBody, FieldError};
use shared::factory::ImportRowError;
use shared::i18n::{translate, translate_with, Lang};

tokio::task_local! {
    static REQUEST_LANG: Lang;
}

/// Runs the rest of the request with its language known to [`ApiError`].
pub async fn with_request_language(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    REQUEST_LANG.scope(lang, next.run(request)).await
}

fn request_lang() -> Lang {
    REQUEST_LANG.try_with(|lang| *lang).unwrap_or_default()
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    #[error("malformed request: {0}")]
    MalformedRequest(String),
    #[error("not signed in")]
    Unauthenticated,
    #[error("wrong user name or password")]
    InvalidCredentials,
    #[error("too many failed attempts")]
    TooManyAttempts { retry_after_seconds: u64 },
    #[error("password change required")]
    PasswordChangeRequired,
    #[error("missing or wrong anti-forgery token")]
    CsrfRejected,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The request body is larger than this endpoint accepts.
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("the imported file has errors")]
    ImportRejected(Vec<ImportRowError>),
    /// The user may not take this step (a specific reason, unlike the generic `Forbidden`).
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The resource is not in a state where this change applies.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// Every error code; each has an `error.<code>` text in every language.
    pub const CODES: [&'static str; 35] = [
        "validation_failed",
        "malformed_request",
        "unauthenticated",
        "invalid_credentials",
        "too_many_attempts",
        "password_change_required",
        "csrf_rejected",
        "forbidden",
        "not_found",
        "method_not_allowed",
        "payload_too_large",
        "import_rejected",
        "internal",
        "transition_wrong_role",
        "transition_wrong_state",
        "visit_not_editable",
        "no_checklist_version",
        "checklist_already_published",
        "verification_needs_later_visit",
        "concern_already_reviewed",
        "objection_deadline_passed",
        "objection_already_decided",
        "meeting_not_scheduled",
        "meeting_already_held",
        "self_assessment_in_progress",
        "self_assessment_not_editable",
        "self_assessment_not_completed",
        "self_assessment_unfinished",
        "training_enrolment_closed",
        "training_not_held",
        "training_not_attended",
        "visit_already_planned",
        "planned_visit_closed",
        "paper_already_handed_over",
        "document_already_handed_over",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Validation(_) => "validation_failed",
            ApiError::MalformedRequest(_) => "malformed_request",
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::InvalidCredentials => "invalid_credentials",
            ApiError::TooManyAttempts { .. } => "too_many_attempts",
            ApiError::PasswordChangeRequired => "password_change_required",
            ApiError::CsrfRejected => "csrf_rejected",
            ApiError::Forbidden => "forbidden",
            ApiError::NotFound => "not_found",
            ApiError::MethodNotAllowed => "method_not_allowed",
            ApiError::PayloadTooLarge => "payload_too_large",
            ApiError::ImportRejected(_) => "import_rejected",
            ApiError::Internal(_) => "internal",
            ApiError::Refused(code) | ApiError::Conflict(code) => code,
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::ImportRejected(_) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::MalformedRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated | ApiError::InvalidCredentials => StatusCode::UNAUTHORIZED,
            ApiError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::PasswordChangeRequired
            | ApiError::CsrfRejected
            | ApiError::Forbidden
            | ApiError::Refused(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::Conflict(_) => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// One invalid field.
    pub fn field(field: &str, code: &str) -> ApiError {
        ApiError::Validation(vec![FieldError::new(field, code)])
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        ApiError::Internal(format!("database: {error}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let lang = request_lang();
        let code = self.code();
        let status = self.status();
        if let ApiError::Internal(detail) = &self {
            // Details stay in the log; the client gets the generic message.
            tracing::error!(detail = %detail, "internal error");
        }
        let (message, retry_after_seconds) = match &self {
            ApiError::TooManyAttempts {
                retry_after_seconds,
            } => {
                let minutes = retry_after_seconds.div_ceil(60).to_string();
                (
                    translate_with(lang, "error.too_many_attempts", &[("minutes", &minutes)]),
                    Some(*retry_after_seconds),
                )
            }
            _ => (translate(lang, &format!("error.{code}")), None),
        };
        let rows = match &self {
            ApiError::ImportRejected(rows) => rows.clone(),
            _ => Vec::new(),
        };
        let fields = match self {
            ApiError::Validation(fields) => fields
                .into_iter()
                .map(|field| FieldError {
                    message: translate(lang, &format!("validation.{}", field.code)),
                    ..field
                })
                .collect(),
            _ => Vec::new(),
        };
        let body = ErrorBody {
            code: code.to_owned(),
            message,
            fields,
            retry_after_seconds,
            rows,
        };
        let mut response = (status, Json(body)).into_response();
        if let Some(seconds) = retry_after_seconds {
            if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, value);
            }
        }
        response
    }
}

/// Answers unknown API routes with the envelope.
pub async fn api_not_found() -> ApiError {
    ApiError::NotFound
}

/// Answers a known route called with the wrong method.
pub async fn api_method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::i18n::has_key;

    #[test]
    fn every_error_code_has_a_text_in_every_language() {
        for code in ApiError::CODES {
            for lang in Lang::ALL {
                assert!(
                    has_key(lang, &format!("error.{code}")),
                    "{}: error.{code}",
                    lang.code()
                );
            }
        }
    }
}
