//! `/api/visits/{id}/closing-meeting`: what the monitors told the factory's management at the
//! end of a visit, recorded by a monitor of the team and printed to leave with management.

use serde::{Deserialize, Serialize};

use crate::api::visits::DocumentRequest;
use crate::visit::VisitType;

/// The closing meeting as the monitor records it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewClosingMeeting {
    /// ISO date of the meeting.
    pub held_on: String,
    /// Who attended for the factory: names and positions.
    pub attendees: String,
    /// The summary of findings given to management.
    pub summary: String,
    /// What happens next, in the monitor's words (the programme's own steps are added to the
    /// printed record).
    #[serde(default)]
    pub next_steps: String,
}

/// A recorded closing meeting, as printed. Each recording is kept; the latest is the one shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosingMeeting {
    pub id: i64,
    pub visit_id: i64,
    pub factory_id: i64,
    pub factory_name: String,
    pub factory_address: String,
    pub visit_type: VisitType,
    /// ISO dates of the visit.
    pub visit_start: String,
    pub visit_end: String,
    /// The visit's monitors, lead first.
    pub monitors: Vec<String>,
    pub held_on: String,
    pub attendees: String,
    pub summary: String,
    pub next_steps: String,
    /// The documents requested at the visit when the meeting was recorded, with their due
    /// dates as announced then.
    pub documents: Vec<DocumentRequest>,
    pub recorded_by: String,
    /// Unix seconds.
    pub recorded_at: i64,
    /// 1 for the first recording; a correction is recorded again and counts up.
    pub version: i64,
}

/// A visit's closing meeting in the factory's list: the latest recording of each visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClosingMeetingSummary {
    pub visit_id: i64,
    /// ISO dates of the visit and of the meeting.
    pub visit_start: String,
    pub visit_end: String,
    pub held_on: String,
    pub version: i64,
}
