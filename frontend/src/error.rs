//! What can go wrong with a request, as pages and components show it. Kept apart from the
//! client so that components, which never call the API, can still render its errors.

use shared::error::ErrorBody;
use shared::i18n::{translate, translate_with, Lang};

/// Why a call failed: the server could not be reached, or it answered with an error.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    Network,
    Server { status: u16, body: ErrorBody },
}

impl ApiError {
    /// The message to show, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ApiError::Network => translate(lang, "error.network"),
            ApiError::Server { body, .. } => match body.retry_after_seconds {
                Some(seconds) => {
                    let minutes = seconds.div_ceil(60).to_string();
                    translate_with(lang, "error.too_many_attempts", &[("minutes", &minutes)])
                }
                None => translate(lang, &format!("error.{}", body.code)),
            },
        }
    }

    /// A refusal the server sent in another form (the login form shown before the app loaded):
    /// its status, error code and the wait it named, if any.
    pub fn refused(status: u16, code: &str, retry_after_seconds: Option<u64>) -> ApiError {
        ApiError::Server {
            status,
            body: ErrorBody {
                code: code.to_owned(),
                message: String::new(),
                fields: Vec::new(),
                retry_after_seconds,
                rows: Vec::new(),
            },
        }
    }

    /// A form problem found before sending, shaped like the server's validation error so
    /// the form shows it the same way.
    pub fn local_field(field: &str, code: &str) -> ApiError {
        ApiError::Server {
            status: 422,
            body: ErrorBody {
                code: "validation_failed".to_owned(),
                message: String::new(),
                fields: vec![shared::error::FieldError::new(field, code)],
                retry_after_seconds: None,
                rows: Vec::new(),
            },
        }
    }

    /// The shared validator's problems, shaped like the server's validation error, or `None`
    /// when there are none: a form runs the same rule as the API before sending and shows the
    /// same messages.
    pub fn from_problems(problems: Vec<shared::error::FieldError>) -> Option<ApiError> {
        if problems.is_empty() {
            return None;
        }
        Some(ApiError::Server {
            status: 422,
            body: ErrorBody {
                code: "validation_failed".to_owned(),
                message: String::new(),
                fields: problems,
                retry_after_seconds: None,
                rows: Vec::new(),
            },
        })
    }

    /// The messages for one form field, in `lang`.
    pub fn field_messages(&self, field: &str, lang: Lang) -> Vec<String> {
        match self {
            ApiError::Network => Vec::new(),
            ApiError::Server { body, .. } => body
                .fields
                .iter()
                .filter(|error| error.field == field)
                .map(|error| translate(lang, &format!("validation.{}", error.code)))
                .collect(),
        }
    }
}

/// The rows of a refused import.
impl ApiError {
    pub fn import_rows(&self) -> Vec<shared::factory::ImportRowError> {
        match self {
            ApiError::Network => Vec::new(),
            ApiError::Server { body, .. } => body.rows.clone(),
        }
    }
}
