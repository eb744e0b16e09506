//! Factory self-assessment: a factory manager answers the current published checklist (whole
//! or chosen clusters) about their own factory. It is the factory's own: never published,
//! never counted in industry figures, and read by an organisation only when the factory shares
//! that one self-assessment with it.

use serde::{Deserialize, Serialize};

use crate::api::visits::ClusterProgress;
use crate::checklist::{Cluster, Translated};
use crate::visit::AnswerChoice;
use crate::wire::SelfAssessmentStatus;

/// One self-assessment as lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessmentSummary {
    pub id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub checklist_version_id: i64,
    pub checklist_label: String,
    /// The chosen clusters' codes, in checklist order (every scored cluster when the whole
    /// checklist was chosen).
    pub clusters: Vec<String>,
    pub status: SelfAssessmentStatus,
    pub started_by: String,
    /// Unix seconds.
    pub started_at: i64,
    /// Unix seconds.
    pub completed_at: Option<i64>,
    /// Non-compliant points over assessed points (percent), stored at completion.
    pub non_compliance_rate: Option<f64>,
    /// Organisations it is shared with now.
    pub shared_with: Vec<SelfAssessmentShare>,
}

/// Starting a self-assessment: the clusters to answer (empty means the whole checklist).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewSelfAssessment {
    #[serde(default)]
    pub clusters: Vec<String>,
}

/// The self-assessment page: progress per cluster and what is still missing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessmentDetail {
    pub summary: SelfAssessmentSummary,
    pub progress: Vec<ClusterProgress>,
    /// Questions of the chosen clusters not answered yet: completing needs none.
    pub unanswered: i64,
    /// Whether the signed-in user may change the answers now.
    pub editable: bool,
}

/// One answer of a self-assessment, as the browser sends it and the server returns it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SelfAnswer {
    pub question_code: String,
    /// For scored questions.
    #[serde(default)]
    pub choice: Option<AnswerChoice>,
    /// For fact-gathering questions: the number or text.
    #[serde(default)]
    pub value: String,
    /// The factory's own note on the answer; shown to others only when the self-assessment
    /// is shared with them.
    #[serde(default)]
    pub note: String,
    /// When the change was made, in milliseconds on the browser's clock. The server keeps
    /// the latest change of each question, so replaying a queue is harmless.
    pub changed_at: i64,
}

/// A batch of answers (one or many, e.g. after being offline).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SaveSelfAnswers {
    pub answers: Vec<SelfAnswer>,
}

/// The capture page of one cluster of a self-assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessmentCapture {
    pub summary: SelfAssessmentSummary,
    pub cluster: Cluster,
    pub answers: Vec<SelfAnswer>,
    pub editable: bool,
    /// The chosen clusters' codes, in order, for moving to the next one.
    pub cluster_codes: Vec<String>,
}

/// One cluster of a completed self-assessment beside the industry and the official report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessmentCluster {
    pub code: String,
    pub name: Translated,
    pub points_assessed: i64,
    pub points_non_compliant: i64,
    /// The factory's own non-compliance rate (percent).
    pub non_compliance_rate: Option<f64>,
    /// The industry's average at the factories' latest official assessments (percent).
    pub industry_rate: Option<f64>,
    /// The factory's latest official report (percent).
    pub official_rate: Option<f64>,
}

/// The factory's latest published official report, which the self-assessment is compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialReference {
    pub visit_id: i64,
    pub visit_date: String,
}

/// One compliance point compared between the self-assessment and the official report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparedPoint {
    pub cluster_code: String,
    pub point_code: String,
    pub point_name: Translated,
    pub critical_issue: Option<i64>,
}

/// One completed self-assessment of the factory, for its progress over time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessmentHistoryEntry {
    pub id: i64,
    /// Unix seconds.
    pub completed_at: i64,
    pub non_compliance_rate: Option<f64>,
}

/// The result page of a completed self-assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessmentResult {
    pub summary: SelfAssessmentSummary,
    pub clusters: Vec<SelfAssessmentCluster>,
    /// `None` when the factory has no published report yet.
    pub official: Option<OfficialReference>,
    /// Points the factory rated compliant that the monitors found non-compliant at the
    /// official report, with no corrective action reported done.
    pub blind_spots: Vec<ComparedPoint>,
    /// Points the monitors found non-compliant that the factory now rates compliant and whose
    /// corrective action it reported done.
    pub reported_fixed: Vec<ComparedPoint>,
    /// Points the monitors assessed that the factory also assessed, and how many of them the
    /// factory rated the same way: the self-assessment's agreement with the monitors.
    pub points_compared: i64,
    pub points_agreeing: i64,
    /// Every completed self-assessment of the factory, oldest first.
    pub history: Vec<SelfAssessmentHistoryEntry>,
    /// The factory's notes per question, only for the factory itself and organisations it
    /// shared this self-assessment with.
    pub notes: Vec<SelfAnswer>,
    /// The questions this self-assessment answered non-compliant, in checklist order: what the
    /// factory can turn into improvement actions.
    pub non_compliant: Vec<NonCompliantQuestion>,
}

/// A question the factory answered non-compliant in its own self-assessment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NonCompliantQuestion {
    pub cluster_code: String,
    pub point_code: String,
    pub point_name: Translated,
    pub question_code: String,
    pub question: Translated,
    pub critical_issue: Option<i64>,
}

/// An organisation a self-assessment is shared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessmentShare {
    pub organisation_id: i64,
    pub organisation_name: String,
    /// Unix seconds.
    pub shared_at: i64,
}

/// Sharing a self-assessment with an organisation that already holds report access.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShareRequest {
    pub organisation_id: i64,
}

/// What a factory manager may choose from when starting a self-assessment: the clusters of the
/// current published checklist that are scored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfAssessmentOptions {
    pub checklist_version_id: i64,
    pub checklist_label: String,
    pub clusters: Vec<ClusterOption>,
}

/// One cluster that can be chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterOption {
    pub code: String,
    pub name: Translated,
    pub questions: i64,
}

/// The industry's blind spots, for trainers and programme staff: the compliance points that
/// factories most often rate compliant in their latest completed self-assessment while the
/// monitors found them non-compliant at the factory's latest published report. Only counts:
/// never a factory's name or answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfAssessmentBlindSpots {
    /// Factories with a completed self-assessment.
    pub factories_self_assessing: i64,
    /// Of those, factories with a published official report to compare with.
    pub factories_compared: i64,
    /// Most frequent first, at most [`BLIND_SPOT_POINTS_LISTED`]; empty when `suppressed`.
    pub points: Vec<BlindSpotFigure>,
    /// Fewer factories were compared than
    /// [`crate::analytics::MIN_FACTORIES_IN_A_FIGURE`]: the points are withheld so that no
    /// single factory's self-assessment can be read from them.
    pub suppressed: bool,
}

/// How many points the industry's blind spots list.
pub const BLIND_SPOT_POINTS_LISTED: usize = 20;

/// One compliance point of the industry's blind spots.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlindSpotFigure {
    pub cluster_code: String,
    pub point_code: String,
    pub point_name: Translated,
    /// Factories that rated it compliant while the monitors found it non-compliant.
    pub factories: i64,
}
