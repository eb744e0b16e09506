//! The one JSON error envelope every API error uses.

use serde::{Deserialize, Serialize};

/// Body of every non-2xx API response.
///
/// `code` is stable and is what clients branch on and translate (`error.<code>` in
/// `locales/`); `message` is the same text in the language the request asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// Seconds to wait before trying again, for throttled requests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// For refused file imports: every bad line of the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<ImportRowError>,
}

/// One invalid input field. `code` is a translation key under `validation.`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
    #[serde(default)]
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str) -> Self {
        FieldError {
            field: field.to_owned(),
            code: code.to_owned(),
            message: String::new(),
        }
    }
}

/// One bad line of an imported file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRowError {
    /// Line number in the file as a spreadsheet shows it (the header is line 1).
    pub line: usize,
    pub field: String,
    /// Translation code under `validation.`.
    pub code: String,
    /// For duplicates: the line or registered factory it duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}
