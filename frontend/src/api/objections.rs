//! Objections, amendments and clarification meetings: one function per endpoint.

use std::future::Future;

use shared::api::objections::{
    ClarificationMeeting, Correction, MeetingOutcome, MeetingRequest, MeetingSchedule,
    NewObjection, Objection, ObjectionDecision, ReportMeetings, ReportObjections, ReportVersion,
    ReportVersionDetail,
};

use super::{post, ApiError};

/// `GET /api/reports/{visit_id}/objections`: the report's objections and what the reader may do.
pub fn of_report(visit_id: i64) -> impl Future<Output = Result<ReportObjections, ApiError>> {
    super::get(&format!("/api/reports/{visit_id}/objections"))
}

/// `GET /api/objections`: the objections waiting for a decision.
pub fn pending() -> impl Future<Output = Result<Vec<Objection>, ApiError>> {
    super::get("/api/objections")
}

/// `GET /api/reports/{visit_id}/versions`.
pub fn versions(visit_id: i64) -> impl Future<Output = Result<Vec<ReportVersion>, ApiError>> {
    super::get(&format!("/api/reports/{visit_id}/versions"))
}

/// `GET /api/reports/{visit_id}/versions/{number}`: one version with its findings and scores.
pub fn version(
    visit_id: i64,
    number: i64,
) -> impl Future<Output = Result<ReportVersionDetail, ApiError>> {
    super::get(&format!("/api/reports/{visit_id}/versions/{number}"))
}

/// `GET /api/reports/{visit_id}/meetings`: the report's clarification meetings.
pub fn meetings_of_report(visit_id: i64) -> impl Future<Output = Result<ReportMeetings, ApiError>> {
    super::get(&format!("/api/reports/{visit_id}/meetings"))
}

/// `GET /api/meetings`: the meetings not yet held.
pub fn open_meetings() -> impl Future<Output = Result<Vec<ClarificationMeeting>, ApiError>> {
    super::get("/api/meetings")
}

/// `POST /api/reports/{visit_id}/objections`.
pub async fn submit(visit_id: i64, objection: &NewObjection) -> Result<ReportObjections, ApiError> {
    post(&format!("/api/reports/{visit_id}/objections"), objection).await
}

/// `POST /api/objections/{id}/decision`.
pub async fn decide(
    objection_id: i64,
    decision: &ObjectionDecision,
) -> Result<Objection, ApiError> {
    post(
        &format!("/api/objections/{objection_id}/decision"),
        decision,
    )
    .await
}

/// `POST /api/reports/{visit_id}/corrections`: the new version.
pub async fn correct(visit_id: i64, correction: &Correction) -> Result<ReportVersion, ApiError> {
    post(&format!("/api/reports/{visit_id}/corrections"), correction).await
}

/// `POST /api/reports/{visit_id}/meetings`.
pub async fn request_meeting(
    visit_id: i64,
    request: &MeetingRequest,
) -> Result<ClarificationMeeting, ApiError> {
    post(&format!("/api/reports/{visit_id}/meetings"), request).await
}

/// `POST /api/meetings/{id}/schedule`.
pub async fn schedule_meeting(
    meeting_id: i64,
    schedule: &MeetingSchedule,
) -> Result<ClarificationMeeting, ApiError> {
    post(&format!("/api/meetings/{meeting_id}/schedule"), schedule).await
}

/// `POST /api/meetings/{id}/outcome`.
pub async fn record_outcome(
    meeting_id: i64,
    outcome: &MeetingOutcome,
) -> Result<ClarificationMeeting, ApiError> {
    post(&format!("/api/meetings/{meeting_id}/outcome"), outcome).await
}
