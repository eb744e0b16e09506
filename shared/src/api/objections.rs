//! Objections to findings, amendments of published reports with their version history, and
//! clarification meetings: request and response bodies (`/api/reports/:id/objections`,
//! `/api/objections`, `/api/reports/:id/versions`, `/api/reports/:id/corrections`,
//! `/api/reports/:id/meetings`, `/api/meetings`).

use serde::{Deserialize, Serialize};

use crate::api::visits::{Finding, Scores};
use crate::checklist::Translated;
use crate::roles::Role;
use crate::wire::{string_enum, AnswerChoice};

string_enum!(
    /// Where the review of one objected finding stands.
    ObjectionStatus {
        Pending => "pending",
        /// The finding was amended: a new version of the report exists.
        Upheld => "upheld",
        Rejected => "rejected",
    }
);

string_enum!(
    /// Why a version of a report exists.
    VersionKind {
        /// The report as it was published (version 1).
        Published => "published",
        /// An upheld objection amended a finding.
        Objection => "objection",
        /// Programme staff corrected a finding themselves.
        Correction => "correction",
    }
);

string_enum!(
    /// Where a clarification meeting stands.
    MeetingStatus {
        Requested => "requested",
        Scheduled => "scheduled",
        /// The meeting took place and its outcome is recorded.
        Held => "held",
    }
);

/// One finding the factory disputes, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectedFinding {
    pub question_code: String,
    pub reason: String,
}

/// `POST /api/reports/:id/objections`: one or more findings in one submission.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewObjection {
    pub findings: Vec<ObjectedFinding>,
}

/// One objected finding with its review.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Objection {
    pub id: i64,
    pub visit_id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub visit_start_date: String,
    pub question_code: String,
    /// The question, for lists that do not show the report.
    pub question: Translated,
    pub reason: String,
    pub submitted_by: String,
    /// Unix seconds.
    pub submitted_at: i64,
    pub status: ObjectionStatus,
    pub decision_reason: String,
    pub decided_by: Option<String>,
    pub decided_by_role: Option<Role>,
    pub decided_at: Option<i64>,
    /// The version of the report the upheld objection created.
    pub version_number: Option<i64>,
}

/// `GET /api/reports/:id/objections`: the window and every objection of the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportObjections {
    /// Last day (ISO date, Cambodia) on which objections are accepted.
    pub deadline: Option<String>,
    /// Today (Cambodia) is on or before the deadline.
    pub open: bool,
    /// The reader may submit an objection (the factory's manager, while open).
    pub may_object: bool,
    /// The reader may decide objections and correct findings (administrators, approvers).
    pub may_decide: bool,
    pub objections: Vec<Objection>,
}

/// The answer a finding is amended to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendedAnswer {
    pub choice: AnswerChoice,
    #[serde(default)]
    pub finding: String,
    #[serde(default)]
    pub suggestion: String,
}

/// `POST /api/objections/:id/decision`. Upholding needs the amended answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionDecision {
    pub outcome: ObjectionStatus,
    pub reason: String,
    #[serde(default)]
    pub amendment: Option<AmendedAnswer>,
}

/// `POST /api/reports/:id/corrections`: staff amend a finding directly.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub question_code: String,
    pub reason: String,
    pub amendment: AmendedAnswer,
}

/// One version of a published report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportVersion {
    pub number: i64,
    pub kind: VersionKind,
    pub reason: String,
    /// The amended question (none for version 1).
    pub question_code: Option<String>,
    pub created_by: Option<String>,
    pub created_by_role: Option<Role>,
    /// Unix seconds.
    pub created_at: i64,
}

/// What a version of a report said: its findings and scores.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSnapshot {
    pub findings: Vec<Finding>,
    pub scores: Scores,
}

/// `GET /api/reports/:id/versions/:number`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportVersionDetail {
    pub version: ReportVersion,
    pub snapshot: ReportSnapshot,
}

/// `POST /api/reports/:id/meetings`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRequest {
    pub topic: String,
}

/// `POST /api/meetings/:id/schedule`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSchedule {
    /// Local time in Phnom Penh, `2027-01-20T09:30`.
    pub scheduled_for: String,
    pub place: String,
}

/// `POST /api/meetings/:id/outcome`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingOutcome {
    pub outcome: String,
}

/// A clarification meeting about a report, with who did each step and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClarificationMeeting {
    pub id: i64,
    pub visit_id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub status: MeetingStatus,
    pub topic: String,
    pub requested_by: String,
    pub requested_at: i64,
    pub scheduled_for: Option<String>,
    pub place: String,
    pub scheduled_by: Option<String>,
    pub scheduled_at: Option<i64>,
    pub outcome: String,
    pub outcome_by: Option<String>,
    pub outcome_at: Option<i64>,
}

/// `GET /api/reports/:id/meetings`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportMeetings {
    /// The reader may ask for a meeting (the factory's manager).
    pub may_request: bool,
    /// The reader may schedule meetings and record outcomes (administrators, approvers).
    pub may_manage: bool,
    pub meetings: Vec<ClarificationMeeting>,
}
