//! `/api/checklists`: checklist versions, their content, CSV export and import.

use serde::{Deserialize, Serialize};

use crate::checklist::ChecklistContent;

/// One version in the list of versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistVersion {
    pub id: i64,
    pub label: String,
    pub question_count: i64,
    /// Unix seconds; `None` while the version is a draft that no visit can use yet.
    pub published_at: Option<i64>,
    /// The version new visits use: the most recently published one.
    pub current: bool,
    pub created_at: i64,
}

/// One version with all its clusters, points and questions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistVersionDetail {
    pub version: ChecklistVersion,
    pub content: ChecklistContent,
}
