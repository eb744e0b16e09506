//! `/api/management`: how the reporting service runs, for administrators and approvers — how
//! long reports take from the visit to publication, what waits where, what is late.

use serde::{Deserialize, Serialize};

/// Visits whose last day falls in these months (`YYYY-MM`, inclusive); empty for the twelve
/// months up to this one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ManagementFilter {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// Days from the visit's last day to one step of its report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StageDays {
    /// Reports that reached the step.
    pub reports: i64,
    pub median_days: Option<f64>,
    pub p90_days: Option<f64>,
}

/// Turnaround of the visits of one month or one monitor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Turnaround {
    /// `YYYY-MM`, or the monitor's user id.
    pub key: String,
    /// The month again, or the monitor's name.
    pub label: String,
    pub visits: i64,
    pub submitted: StageDays,
    pub approved: StageDays,
    pub published: StageDays,
    /// Reports sent back for revision at least once.
    pub returned: i64,
}

/// Reports now in one state of the review, and how long they have been there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Waiting {
    /// `draft`, `submitted`, `returned` or `approved`.
    pub status: String,
    pub reports: i64,
    pub median_days: Option<f64>,
    pub oldest_days: Option<i64>,
}

/// A report past the publication target.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LateReport {
    pub visit_id: i64,
    pub factory_name: String,
    pub lead_monitor_name: String,
    /// ISO date of the visit's last day.
    pub last_day: String,
    pub status: String,
    /// Days from the last day to publication, or to today while unpublished.
    pub days: i64,
}

/// Objected findings of reports in the period and how long their decisions took.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ObjectionFigures {
    pub findings_objected: i64,
    pub upheld: i64,
    pub rejected: i64,
    pub pending: i64,
    /// Days from the objection to its decision.
    pub median_days_to_decision: Option<f64>,
    pub p90_days_to_decision: Option<f64>,
}

/// A factory's corrective actions open past their target date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionsBehind {
    pub factory_id: i64,
    pub factory_name: String,
    pub actions: i64,
    /// ISO date of the earliest target missed.
    pub oldest_target: String,
}

/// A document a factory was asked for and has not handed over by its due date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentOverdue {
    pub visit_id: i64,
    pub factory_name: String,
    pub document: String,
    pub due_on: String,
    pub days_overdue: i64,
}

/// An email that failed to send.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FailedNotice {
    pub id: i64,
    pub factory_name: Option<String>,
    pub subject: String,
    /// Unix seconds.
    pub created_at: i64,
    pub error: String,
}

/// A published report whose paper copy has not been posted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperCopyWaiting {
    pub visit_id: i64,
    pub factory_name: String,
    /// Unix seconds.
    pub published_at: i64,
    pub days_waiting: i64,
}

/// The management report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManagementReport {
    /// ISO date (Cambodia) the figures are counted on.
    pub today: String,
    /// The months covered, `YYYY-MM`.
    pub from: String,
    pub to: String,
    pub publication_target_days: i64,
    /// Visits of the period, all together.
    pub overall: Turnaround,
    pub by_month: Vec<Turnaround>,
    pub by_monitor: Vec<Turnaround>,
    pub waiting: Vec<Waiting>,
    pub past_target: Vec<LateReport>,
    pub objections: ObjectionFigures,
    pub actions_behind: Vec<ActionsBehind>,
    pub documents_overdue: Vec<DocumentOverdue>,
    pub failed_notices: Vec<FailedNotice>,
    pub paper_copies_waiting: Vec<PaperCopyWaiting>,
}
