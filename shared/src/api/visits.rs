//! `/api/visits`: visits, their facts, the answers captured on the tablet, the review
//! workflow and the published report's scores.

use serde::{Deserialize, Serialize};

use crate::checklist::{Cluster, Translated};
use crate::wire::{
    AnswerChoice, MeasurementKind, Transition, VisitOutcome, VisitStatus, VisitType,
};

/// A visit as lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitSummary {
    pub id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub visit_type: VisitType,
    pub announced: bool,
    /// `YYYY-MM-DD`.
    pub start_date: String,
    pub end_date: String,
    pub status: VisitStatus,
    pub lead_monitor_id: i64,
    pub lead_monitor_name: String,
    pub second_monitor_id: Option<i64>,
    pub second_monitor_name: Option<String>,
    pub checklist_version_id: i64,
    /// Unix seconds.
    pub published_at: Option<i64>,
}

impl VisitSummary {
    /// The visit's monitors by name, lead first.
    pub fn monitor_names(&self) -> Vec<String> {
        std::iter::once(self.lead_monitor_name.clone())
            .chain(self.second_monitor_name.clone())
            .collect()
    }
}

/// Filters of the visit list; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VisitFilter {
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub factory_id: Option<i64>,
}

/// What a monitor fills in to start a visit; the monitor who creates it leads it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewVisit {
    pub factory_id: i64,
    pub visit_type: String,
    pub announced: bool,
    pub start_date: String,
    pub end_date: String,
    #[serde(default)]
    pub second_monitor_id: Option<i64>,
    /// The planned visit this visit carries out: the visit takes its compliance-point scope
    /// and the plan is marked started.
    #[serde(default)]
    pub planned_visit_id: Option<i64>,
}

/// One measurement taken during the visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub kind: MeasurementKind,
    pub location: String,
    pub value: f64,
}

/// A document the monitor asked for; the factory has seven days to hand it over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRequest {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub requested_on: String,
    /// Computed by the server: seven days after `requested_on`.
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub received_on: Option<String>,
    /// When the factory's manager says the document was handed over; the monitors confirm it
    /// with `received_on`. Read-only here: saving the visit's facts never changes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handed_over_on: Option<String>,
}

/// A document the monitors asked a factory for at a visit, as the factory sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestedDocument {
    pub visit_id: i64,
    /// ISO date of the visit.
    pub visit_date: String,
    pub document: DocumentRequest,
    /// Past its due date, neither received by the monitors nor handed over.
    pub overdue: bool,
}

/// The factory's manager records that a requested document was handed over.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocumentHandover {
    /// The document's name, as requested.
    pub name: String,
    /// ISO date.
    pub handed_over_on: String,
}

/// The facts of a visit besides the answers, saved together from the visit page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VisitFacts {
    #[serde(default)]
    pub gate_wait_minutes: Option<i64>,
    #[serde(default)]
    pub workers_interviewed: Option<i64>,
    #[serde(default)]
    pub managers_interviewed: Option<i64>,
    #[serde(default)]
    pub union_reps_interviewed: Option<i64>,
    #[serde(default)]
    pub outcome: Option<VisitOutcome>,
    /// What obstructed the visit, for the non-cooperation record.
    #[serde(default)]
    pub non_cooperation_details: String,
    #[serde(default)]
    pub measurements: Vec<Measurement>,
    #[serde(default)]
    pub documents: Vec<DocumentRequest>,
}

/// One step of the review history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub from_status: Option<VisitStatus>,
    pub to_status: VisitStatus,
    pub actor_name: String,
    pub reason: String,
    /// Unix seconds.
    pub occurred_at: i64,
}

/// How far the capture of one cluster has come.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterProgress {
    pub code: String,
    pub name: Translated,
    pub scored: bool,
    pub answered: i64,
    pub total: i64,
    pub non_compliant: i64,
    /// Non-compliant answers that still lack a finding or a suggestion.
    pub incomplete_findings: i64,
    /// Answers two monitors disagree on that nobody has settled.
    #[serde(default)]
    pub conflicts: i64,
}

/// The stored result of one scored cluster, computed at publication.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterScore {
    pub code: String,
    pub name: Translated,
    pub points_assessed: i64,
    pub points_non_compliant: i64,
    /// Non-compliant points over points assessed, in percent; `None` when nothing was assessed.
    pub non_compliance_rate: Option<f64>,
}

/// The scores stored when the report was published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub clusters: Vec<ClusterScore>,
    /// Numbers (1–21) of the critical issues found.
    pub critical_issues: Vec<i64>,
}

impl Scores {
    /// Non-compliant points over assessed points, all clusters together (percent).
    pub fn overall_rate(&self) -> Option<f64> {
        let assessed = self.clusters.iter().map(|c| c.points_assessed).sum();
        let non_compliant = self.clusters.iter().map(|c| c.points_non_compliant).sum();
        crate::analytics::share(non_compliant, assessed)
    }
}

/// A record of an obstructed visit, produced for the ministries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonCooperationRecord {
    pub id: i64,
    pub visit_id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub visit_date: String,
    pub details: String,
    pub recorded_by: String,
    /// Unix seconds.
    pub recorded_at: i64,
}

/// Everything the visit page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitDetail {
    pub summary: VisitSummary,
    pub checklist_label: String,
    pub facts: VisitFacts,
    pub history: Vec<HistoryEntry>,
    pub progress: Vec<ClusterProgress>,
    pub scores: Option<Scores>,
    /// Unix seconds from which authorised third parties may see the published report.
    pub third_party_visible_from: Option<i64>,
    pub non_cooperation: Option<NonCooperationRecord>,
    /// Whether the signed-in user is one of the visit's monitors.
    pub on_team: bool,
    /// The compliance points (codes) a partial visit covers; empty when the visit covers the
    /// whole checklist. A partial visit's scores cover only these points, and industry figures
    /// never count it.
    #[serde(default)]
    pub scope: Vec<String>,
}

/// One answer as the tablet sends and the server returns it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question_code: String,
    /// For scored questions.
    #[serde(default)]
    pub choice: Option<AnswerChoice>,
    /// For fact-gathering questions: the number or text.
    #[serde(default)]
    pub value: String,
    /// English narrative of a non-compliance.
    #[serde(default)]
    pub finding: String,
    #[serde(default)]
    pub suggestion: String,
    /// When the monitor made this change, in milliseconds on the tablet's clock. The server
    /// keeps the latest change of each question, so replaying a queue is harmless.
    pub changed_at: i64,
    /// From the server: the latest change of this question it holds. From a device: the
    /// latest change it had seen when this change was made, so a change made without seeing
    /// another monitor's is recognised as a conflict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<i64>,
    /// From the server: two monitors' changes disagree and nobody has picked one yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conflict: Option<AnswerConflict>,
}

impl Answer {
    /// Whether `other` says the same: same choice, value and texts, whenever it was made.
    pub fn says_the_same(&self, other: &ConflictingAnswer) -> bool {
        self.choice == other.choice
            && self.value == other.value
            && self.finding == other.finding
            && self.suggestion == other.suggestion
    }
}

/// A question two monitors answered differently, each without seeing the other's change.
/// The answer holding it is the later change by device time; `other` is the one it replaced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerConflict {
    /// Display name of whoever made the current answer.
    pub current_by: String,
    pub other: ConflictingAnswer,
}

/// One side of a conflict, or one change in an answer's history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConflictingAnswer {
    #[serde(default)]
    pub choice: Option<AnswerChoice>,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub finding: String,
    #[serde(default)]
    pub suggestion: String,
    /// Milliseconds on the device that made it.
    pub changed_at: i64,
    /// Display name of the monitor who made it.
    pub by: String,
}

/// Every change the server received for one question of a visit, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerHistory {
    pub question_code: String,
    pub changes: Vec<AnswerChange>,
}

/// One change as it arrived.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnswerChange {
    pub id: i64,
    #[serde(flatten)]
    pub answer: ConflictingAnswer,
    /// The change its device had seen, if any.
    pub based_on: Option<i64>,
    /// Unix seconds on the server when it arrived.
    pub saved_at: i64,
}

/// A batch of answers sent by the tablet (one or many, e.g. after being offline).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SaveAnswers {
    pub answers: Vec<Answer>,
}

/// The stored state of every question of the batch after saving it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SavedAnswers {
    pub answers: Vec<Answer>,
}

/// The capture page of one cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterCapture {
    pub visit: VisitSummary,
    pub cluster: Cluster,
    pub answers: Vec<Answer>,
    /// Whether the signed-in user may change the answers now.
    pub editable: bool,
    /// Codes of every cluster of the checklist, in order, for moving to the next one.
    pub cluster_codes: Vec<String>,
    /// The factory's own answers to this cluster's questions in the self-assessment the
    /// report will be compared with (its notes stay the factory's); `None` when the factory
    /// had completed none by the visit.
    #[serde(default)]
    pub factory_self_assessment: Option<FactorySelfAssessment>,
}

/// The factory's own answers, shown beside the monitor's on the tablet.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactorySelfAssessment {
    pub self_assessment_id: i64,
    /// Unix seconds.
    pub completed_at: i64,
    pub answers: Vec<FactoryAnswer>,
}

/// One of the factory's own answers, without its note.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FactoryAnswer {
    pub question_code: String,
    pub choice: Option<AnswerChoice>,
    #[serde(default)]
    pub value: String,
}

/// A workflow step asked for by a user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransitionRequest {
    pub transition: Transition,
    #[serde(default)]
    pub reason: String,
}

/// A non-compliance of a report, with what the factory needs to act on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub cluster_code: String,
    pub point_code: String,
    pub point_name: Translated,
    pub question_code: String,
    pub question: Translated,
    pub legal_reference: String,
    pub critical_issue: Option<i64>,
    pub finding: String,
    pub suggestion: String,
}

/// A monitor who can join a visit team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitorOption {
    pub id: i64,
    pub display_name: String,
}
