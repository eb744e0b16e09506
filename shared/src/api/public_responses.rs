//! `/api/reports/{id}/public-responses` and `/api/public-responses/{id}/check`: the
//! factory's short public responses to the findings the public site discloses, and the
//! monitors' check of them at a later visit.

use serde::{Deserialize, Serialize};

use crate::checklist::Translated;
use crate::wire::Verification;

/// A monitor's check of a response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponseCheck {
    pub outcome: Verification,
    pub note: String,
    /// Unix seconds.
    pub checked_at: i64,
}

/// The factory's current response to one finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicResponse {
    pub id: i64,
    pub statement: String,
    /// Unix seconds.
    pub posted_at: i64,
    /// `None` until a monitor checks it: the site then calls it the factory's own statement.
    pub check: Option<ResponseCheck>,
}

/// A finding of a published report that the public site discloses (non-compliant on a
/// critical issue or a publicly reported item), with the factory's response if any.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DisclosedFinding {
    pub question_code: String,
    pub question: Translated,
    pub critical_issue: Option<i64>,
    pub publicly_reported: bool,
    pub response: Option<PublicResponse>,
}

/// The disclosed findings of one report and what the reader may do with them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicResponses {
    pub findings: Vec<DisclosedFinding>,
    /// The factory's own manager may post responses.
    pub may_respond: bool,
    /// A monitor on the team of a later visit of the factory may check them.
    pub may_check: bool,
}

/// `POST /api/reports/{id}/public-responses`: the factory's response to one disclosed finding;
/// a new one replaces the one shown (and its check).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicResponseInput {
    pub question_code: String,
    pub statement: String,
}
