//! `/api/training`: the course catalogue, sessions of a course, the factories invited to a
//! session and the participants each enrols (rules in `crate::training`).

use serde::{Deserialize, Serialize};

use crate::api::corrective_actions::{CorrectiveAction, NewCorrectiveAction};
use crate::checklist::Translated;
use crate::training::{Audience, CourseFormat, SessionStatus};

/// A course as a trainer writes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CourseInput {
    pub title: Translated,
    #[serde(default)]
    pub description: Translated,
    /// An [`Audience`] code.
    pub audience: String,
    /// A [`CourseFormat`] code.
    pub format: String,
    pub hours: i64,
    /// The codes of the clusters and compliance points the course addresses.
    pub topics: Vec<String>,
}

/// A course of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Course {
    pub id: i64,
    pub title: Translated,
    pub description: Translated,
    pub audience: Audience,
    pub format: CourseFormat,
    pub hours: i64,
    pub topics: Vec<String>,
}

/// When and where a session is given, as a trainer writes it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionInput {
    pub starts_on: String,
    pub ends_on: String,
    /// Where it is given; may stay empty for an online session.
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub online: bool,
    /// Who gives it.
    pub trainers: String,
    pub capacity: i64,
}

/// A new session of a course, with the factories invited to it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewSession {
    pub course_id: i64,
    #[serde(flatten)]
    pub session: SessionInput,
    #[serde(default)]
    pub factory_ids: Vec<i64>,
}

/// Factories invited to a session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InviteFactories {
    pub factory_ids: Vec<i64>,
}

/// Participants of one factory in one audience group, by sex (no names are kept).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantGroup {
    pub audience: Audience,
    pub women: i64,
    pub men: i64,
}

/// What a factory enrols in a session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EnrolmentInput {
    pub groups: Vec<ParticipantGroup>,
}

/// A factory invited to a session and what it enrolled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitedFactory {
    pub factory_id: i64,
    pub factory_name: String,
    pub groups: Vec<ParticipantGroup>,
    /// Unix seconds of the last change of its enrolment, if it enrolled.
    pub enrolled_at: Option<i64>,
}

/// A session of a course. A factory manager sees only their own factory among `invited`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub course_id: i64,
    pub course_title: Translated,
    pub topics: Vec<String>,
    pub starts_on: String,
    pub ends_on: String,
    pub venue: String,
    pub online: bool,
    pub trainers: String,
    pub capacity: i64,
    pub status: SessionStatus,
    pub invited: Vec<InvitedFactory>,
    /// Whether the factory seeing it may still change its enrolment.
    pub enrolment_open: bool,
    /// Once held: who attended (a factory manager: only their own factory's rows).
    #[serde(default)]
    pub attendance: Vec<AttendanceRow>,
    #[serde(default)]
    pub outcomes: Vec<GroupOutcome>,
    /// The trainer's notes: programme staff only.
    #[serde(default)]
    pub notes: String,
}

/// Who of one factory attended, in one audience group, by sex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    pub factory_id: i64,
    pub audience: Audience,
    pub women: i64,
    pub men: i64,
}

/// One audience group's results: average pre- and post-test scores (0–100) and the
/// participants' evaluation of the session (1–5), each when measured.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupOutcome {
    pub audience: Audience,
    #[serde(default)]
    pub pre_test: Option<f64>,
    #[serde(default)]
    pub post_test: Option<f64>,
    #[serde(default)]
    pub evaluation: Option<f64>,
}

/// What the trainer records after a session (`held` or `cancelled`); a later report replaces
/// an earlier one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionReport {
    pub status: String,
    #[serde(default)]
    pub attendance: Vec<AttendanceRow>,
    #[serde(default)]
    pub outcomes: Vec<GroupOutcome>,
    #[serde(default)]
    pub notes: String,
}

/// What a trainer who joined a clarification meeting records about the factory's needs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeedsAssessmentInput {
    pub meeting_id: i64,
    /// Codes of the compliance points at issue.
    pub points: Vec<String>,
    pub root_causes: String,
    #[serde(default)]
    pub course_ids: Vec<i64>,
    #[serde(default)]
    pub recommended_actions: String,
}

/// A course recommended by a needs assessment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseRef {
    pub id: i64,
    pub title: Translated,
}

/// A trainer's needs assessment at a clarification meeting, as the factory reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedsAssessment {
    pub id: i64,
    pub meeting_id: i64,
    /// The report the meeting was about.
    pub visit_id: i64,
    pub points: Vec<String>,
    pub root_causes: String,
    pub courses: Vec<CourseRef>,
    pub recommended_actions: String,
    pub assessed_by_name: String,
    /// Unix seconds.
    pub assessed_at: i64,
}

/// A clarification meeting of one of the factory's reports, where a trainer may assess needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeetingRef {
    pub id: i64,
    pub visit_id: i64,
    pub status: String,
    pub scheduled_for: Option<String>,
    pub topic: String,
}

/// An action of the factory's improvement plan on a compliance point that a session it attended
/// covered (`session_id`) or that a needs assessment found (`needs_assessment_id`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewPlanAction {
    #[serde(default)]
    pub session_id: Option<i64>,
    #[serde(default)]
    pub needs_assessment_id: Option<i64>,
    /// `question_code` holds the compliance point's code.
    #[serde(flatten)]
    pub action: NewCorrectiveAction,
}

/// An action of the improvement plan, shaped like a corrective action (its `question_code` is
/// the compliance point), with where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanAction {
    pub session_id: Option<i64>,
    pub needs_assessment_id: Option<i64>,
    #[serde(flatten)]
    pub action: CorrectiveAction,
}

/// One session a factory was invited to, what it sent, and the change on the trained points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactorySession {
    pub session_id: i64,
    pub course_id: i64,
    pub course_title: Translated,
    pub starts_on: String,
    pub ends_on: String,
    pub status: SessionStatus,
    /// Participants who attended (0 until the session is reported held).
    pub attended: i64,
    /// The compliance points the course covers, in the checklist in use.
    pub points: Vec<String>,
    /// Compliance on those points before and after the session (see [`crate::training`]).
    pub change: PointsChange,
}

/// A factory's compliance on some points at its assessment before and its first assessment
/// after a session (percent of assessed points found compliant).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PointsChange {
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// A factory's training: sessions, needs assessments, its improvement plan, and what the reader
/// may do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactoryTraining {
    pub factory_id: i64,
    pub factory_name: String,
    pub sessions: Vec<FactorySession>,
    pub needs_assessments: Vec<NeedsAssessment>,
    /// In the order posted.
    pub plan: Vec<PlanAction>,
    /// The factory's clarification meetings: only for those who record needs assessments.
    pub meetings: Vec<MeetingRef>,
    /// The reader is the factory's manager: may post actions and updates.
    pub may_post: bool,
    /// The reader is a monitor on a visit of the factory after a plan's session: may verify.
    pub may_verify: bool,
    /// The reader records needs assessments (the training unit).
    pub may_assess: bool,
    /// Names of the compliance points above, by code, in the checklist in use.
    #[serde(default)]
    pub point_names: std::collections::BTreeMap<String, Translated>,
}

/// One group of factories in the effect of a course: how many, and their mean compliance on the
/// course's points before and after (withheld below
/// [`crate::analytics::MIN_FACTORIES_IN_A_FIGURE`] factories).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EffectGroup {
    pub factories: i64,
    /// Before/after comparisons behind the means (a factory that did not take part counts once
    /// per session of the course).
    pub comparisons: i64,
    pub before: Option<f64>,
    pub after: Option<f64>,
    /// Mean of the factories' changes, in percentage points.
    pub change: Option<f64>,
    pub withheld: bool,
}

/// Whether a course changed compliance: participating factories beside the others.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CourseEffect {
    pub course_id: i64,
    pub title: Translated,
    pub points: Vec<String>,
    pub sessions_held: i64,
    pub participants: EffectGroup,
    pub others: EffectGroup,
    /// Participants' change minus the others' change (percentage points); `None` when either
    /// is withheld or missing.
    pub difference: Option<f64>,
}

/// What the participation report is broken down by, beside course and period.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParticipationQuery {
    /// A [`crate::analytics::Granularity`] code; a year when empty.
    #[serde(default)]
    pub granularity: String,
    /// A [`crate::analytics::GroupDimension`] code; product type when empty.
    #[serde(default)]
    pub dimension: String,
}

/// Participants who attended, in one row of a breakdown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipationRow {
    /// The course id, the period (`2026`, `2026-Q2`) or the group's value.
    pub key: String,
    /// The course's title (empty for periods and groups).
    #[serde(default)]
    pub title: Translated,
    pub sessions: i64,
    pub factories: i64,
    pub women: i64,
    pub men: i64,
}

/// Participation in held sessions by course, period and factory group, by sex.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParticipationReport {
    pub granularity: String,
    pub dimension: String,
    pub by_course: Vec<ParticipationRow>,
    pub by_period: Vec<ParticipationRow>,
    pub by_group: Vec<ParticipationRow>,
}
