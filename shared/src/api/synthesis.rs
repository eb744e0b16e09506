//! `/api/analytics/synthesis` and `/api/synthesis-editions`: the synthesis report of a
//! quarter or half-year, computed live for staff, and the editions issued from it, frozen.

use serde::{Deserialize, Serialize};

use crate::api::analytics::{IndustryOverview, IssueRate, PeriodTrend};

/// Everything one synthesis report shows: the period's industry figures, the trend up to it
/// and its compliance points by how often they were found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SynthesisDocument {
    /// `2025-H1` or `2025-Q3`.
    pub period: String,
    pub overview: IndustryOverview,
    /// The period and up to [`crate::synthesis::TREND_PERIODS`] − 1 before it, oldest first.
    pub trend: Vec<PeriodTrend>,
    /// Every compliance point found in the period, most frequent first.
    pub top_points: Vec<IssueRate>,
}

/// An issued edition: the report as it stood when staff issued it. It never changes; later
/// data appear in the next edition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SynthesisEdition {
    pub id: i64,
    pub period: String,
    /// Unix seconds.
    pub issued_at: i64,
    /// Who issued it: shown to programme staff only.
    pub issued_by: Option<String>,
    /// Unix seconds: the latest publication the figures include.
    pub data_as_of: Option<i64>,
    /// SHA-256 (hex) of the stored document, as printed on the edition.
    pub sha256: String,
    pub document: SynthesisDocument,
}

/// An edition in the list, without its figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SynthesisEditionSummary {
    pub id: i64,
    pub period: String,
    pub issued_at: i64,
    pub issued_by: Option<String>,
    pub data_as_of: Option<i64>,
    pub sha256: String,
    pub factories: i64,
}

/// `POST /api/synthesis-editions`: issue the edition of one ended quarter or half-year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueSynthesisEdition {
    pub period: String,
}
