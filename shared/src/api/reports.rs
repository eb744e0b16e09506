//! The published report as a stored document (`/api/reports/:id` serves it) and the check of
//! the documents' hash chains (`GET /api/report-documents/verify`).
//!
//! Publication and every amendment write one [`ReportDocument`]: everything a reader sees of
//! that version, the dates announced with it, and the industry average at that moment. It is
//! never changed afterwards; its SHA-256 chains to the factory's previous document.

use serde::{Deserialize, Serialize};

use crate::api::analytics::{Progress, ReportCluster};
use crate::api::objections::ReportVersion;
use crate::api::visits::{DocumentRequest, Finding, Measurement, Scores, VisitSummary};

/// One version of a published report, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportDocument {
    /// Which version this is, why it exists and who made it.
    pub version: ReportVersion,
    pub visit: VisitSummary,
    pub factory_local_name: Option<String>,
    /// Unix seconds: when the report was first published (the same for every version).
    pub published_at: i64,
    /// Unix seconds: from when buyers with access may read it.
    pub third_party_visible_from: i64,
    /// ISO date (Cambodia): the last day to object, computed at publication.
    pub objection_deadline: Option<String>,
    /// Years the objection window touches for which the holiday calendar had no dates when the
    /// deadline was computed: the deadline skipped weekends only in those years.
    pub deadline_years_without_holidays: Vec<i32>,
    /// Clusters with the industry average *at publication of this version* in
    /// `industry_rate_at_publication` (`industry_rate` is left empty in storage: it is filled
    /// with the current average when the report is read).
    pub clusters: Vec<ReportCluster>,
    pub scores: Scores,
    pub progress: Option<Progress>,
    pub findings: Vec<Finding>,
    pub measurements: Vec<Measurement>,
    pub documents: Vec<DocumentRequest>,
    /// How far the factory's own latest self-assessment before the visit agreed with the
    /// monitors; absent when the factory had completed none (and in documents stored before
    /// reports stated it, so their text and hash stay as they were).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub self_assessment_accuracy: Option<SelfAssessmentAccuracy>,
    /// The compliance points (codes) a partial visit covered; empty for a visit of the whole
    /// checklist (and absent from such documents, so documents stored before partial visits
    /// existed keep their text and hash).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<String>,
}

/// The factory's self-assessment accuracy, stated in the report: of the compliance points
/// both the factory (in its self-assessment) and the monitors (in this report) assessed, how
/// many the factory rated as the monitors did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessmentAccuracy {
    pub self_assessment_id: i64,
    /// Unix seconds.
    pub completed_at: i64,
    pub points_compared: i64,
    pub points_agreeing: i64,
}

impl SelfAssessmentAccuracy {
    /// Points rated as the monitors did over points compared (percent).
    pub fn rate(&self) -> Option<f64> {
        crate::analytics::share(self.points_agreeing, self.points_compared)
    }
}

/// One problem found by the chain check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainBreak {
    pub factory_id: i64,
    pub visit_id: i64,
    pub version: i64,
    /// `hash_mismatch` (the stored text no longer hashes to its stored SHA-256),
    /// `chain_broken` (it does not name the factory's previous document),
    /// `unreadable` (the stored text is not a report document) or `columns_differ` (the
    /// indexed copies of its dates differ from the document).
    pub problem: String,
}

/// `GET /api/report-documents/verify`: every stored document re-hashed, every chain walked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainCheck {
    pub documents: i64,
    pub factories: i64,
    pub breaks: Vec<ChainBreak>,
}
