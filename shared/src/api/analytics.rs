//! Reports and industry figures: request parameters and response bodies.
//!
//! Rates are percentages (0–100) of non-compliant compliance points (clusters) or of
//! factories found non-compliant (questions, points, critical issues). `None` means nothing
//! was assessed. "Weighted" figures weigh each factory by its number of workers.

use serde::{Deserialize, Serialize};

use crate::analytics::{Granularity, GroupDimension, IssueLevel};
use crate::api::visits::{DocumentRequest, Finding, Measurement, VisitSummary};
use crate::checklist::Translated;

/// Query parameters shared by the industry endpoints. Empty strings mean "not chosen".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnalyticsQuery {
    /// `2024-Q1`, `2024-H1` or `2024`: each factory's latest assessment in that period.
    /// Empty: each factory's latest assessment.
    #[serde(default)]
    pub period: String,
    /// Narrow to one group: dimension and value (as returned in `GroupFigures::key`).
    #[serde(default)]
    pub dimension: String,
    #[serde(default)]
    pub group: String,
    /// For issue rankings: `question`, `point` or `cluster`.
    #[serde(default)]
    pub level: String,
    /// For trends: `quarter`, `half` or `year`.
    #[serde(default)]
    pub granularity: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterRate {
    pub code: String,
    pub name: Translated,
    /// Factories where the cluster was assessed.
    pub factories: i64,
    pub rate: Option<f64>,
    pub weighted_rate: Option<f64>,
}

/// How often an issue (question, compliance point or cluster) is found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueRate {
    pub level: IssueLevel,
    pub code: String,
    pub name: Translated,
    pub cluster_code: String,
    pub critical_issue: Option<i64>,
    pub factories_assessed: i64,
    pub factories_non_compliant: i64,
    pub rate: Option<f64>,
    pub workers_assessed: i64,
    pub workers_non_compliant: i64,
    pub weighted_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriticalIssueRate {
    pub number: i64,
    pub factories_non_compliant: i64,
    pub rate: Option<f64>,
    pub workers_non_compliant: i64,
    pub weighted_rate: Option<f64>,
}

/// The industry at a glance: the dashboard of administrators, approvers and trainers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndustryOverview {
    pub factories: i64,
    pub workers: i64,
    pub women_workers: i64,
    pub factories_without_critical_issues: i64,
    pub clusters: Vec<ClusterRate>,
    pub critical_issues: Vec<CriticalIssueRate>,
    /// The most frequent question-level issues, most frequent first.
    pub top_issues: Vec<IssueRate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupFigures {
    /// The group's value (`garment`, `Kandal`, `under_500`, `yes`...); empty when unknown.
    pub key: String,
    pub factories: i64,
    pub workers: i64,
    pub women_workers: i64,
    pub clusters: Vec<ClusterRate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupComparison {
    pub dimension: GroupDimension,
    pub industry: Vec<ClusterRate>,
    pub groups: Vec<GroupFigures>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodTrend {
    pub period: String,
    pub factories: i64,
    pub workers: i64,
    pub women_workers: i64,
    pub factories_without_critical_issues: i64,
    pub mean_rate: Option<f64>,
    pub clusters: Vec<ClusterRate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trends {
    pub granularity: Granularity,
    pub periods: Vec<PeriodTrend>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactoryRef {
    pub id: i64,
    pub name: String,
}

/// A compliance point found non-compliant in both of the latest two assessments of factories.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecurringIssue {
    pub point_code: String,
    pub point_name: Translated,
    pub cluster_code: String,
    /// How many factories have the issue twice in a row.
    pub factory_count: i64,
    /// At most [`RECURRING_FACTORIES_LISTED`] of them, by name; narrowing to a
    /// group lists the others.
    pub factories: Vec<FactoryRef>,
}

/// How many factories a recurring issue lists: enough to act on, small enough for a tablet.
pub const RECURRING_FACTORIES_LISTED: usize = 50;

/// One factory's latest report visible to the reader, for side-by-side comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparedFactory {
    pub factory_id: i64,
    pub name: String,
    pub visit_id: i64,
    pub start_date: String,
    pub overall_rate: Option<f64>,
    pub clusters: Vec<ClusterRate>,
    pub critical_issues: Vec<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub industry: Vec<ClusterRate>,
    pub factories: Vec<ComparedFactory>,
}

/// A factory the reader may compare (has at least one report visible to them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComparableFactory {
    pub id: i64,
    pub name: String,
    pub province: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PointRef {
    pub code: String,
    pub name: Translated,
    pub cluster_code: String,
}

/// What changed since the factory's previous published assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub previous_visit_id: i64,
    pub previous_start_date: String,
    pub newly_compliant: Vec<PointRef>,
    pub newly_non_compliant: Vec<PointRef>,
    pub persistent: Vec<PointRef>,
}

/// A cluster of the report beside the industry's average.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportCluster {
    pub code: String,
    pub name: Translated,
    pub points_assessed: i64,
    pub points_non_compliant: i64,
    pub rate: Option<f64>,
    /// The industry average now.
    pub industry_rate: Option<f64>,
    /// The industry average when this version of the report was published.
    #[serde(default)]
    pub industry_rate_at_publication: Option<f64>,
}

/// A published report: the streamlined view (clusters, critical issues, progress) and the
/// detailed view (findings, measurements, documents).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactoryReport {
    pub visit: VisitSummary,
    pub factory_local_name: Option<String>,
    pub published_at: i64,
    pub third_party_visible_from: Option<i64>,
    /// The last day (ISO date, Cambodia) on which the factory may object to findings: 21
    /// working days after the day of publication. `None` for reports published before
    /// deadlines were computed (no publication time).
    #[serde(default)]
    pub objection_deadline: Option<String>,
    pub clusters: Vec<ReportCluster>,
    pub overall_rate: Option<f64>,
    pub critical_issues: Vec<i64>,
    pub progress: Option<Progress>,
    pub findings: Vec<Finding>,
    pub measurements: Vec<Measurement>,
    pub documents: Vec<DocumentRequest>,
    /// The share of findings verified as fixed by the corrective action plan.
    #[serde(default)]
    pub corrective_actions: crate::wire::VerifiedShare,
    /// Years the objection window touches for which the holiday calendar had no dates at
    /// publication: the deadline then skipped weekends only in those years.
    #[serde(default)]
    pub deadline_years_without_holidays: Vec<i32>,
    /// The version being read (1 is the report as published).
    #[serde(default)]
    pub version: i64,
    /// SHA-256 (hex) of the stored document of that version.
    #[serde(default)]
    pub document_sha256: String,
    /// How far the factory's self-assessment agreed with the monitors, as stated at
    /// publication.
    #[serde(default)]
    pub self_assessment_accuracy: Option<crate::api::reports::SelfAssessmentAccuracy>,
    /// The compliance points (codes) of a partial visit; empty for the whole checklist.
    #[serde(default)]
    pub scope: Vec<String>,
}

/// One published report in a factory's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportHistoryEntry {
    pub visit_id: i64,
    pub visit_type: String,
    pub start_date: String,
    pub published_at: i64,
    pub overall_rate: Option<f64>,
    pub critical_issues: i64,
    pub clusters: Vec<ClusterRate>,
}
