//! `/api/training`: the course catalogue, sessions of a course, the factories invited to a
//! session and the participants each enrols (rules in `crate::training`).

use serde::{Deserialize, Serialize};

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
