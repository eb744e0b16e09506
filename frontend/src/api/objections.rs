//! Objections, amendments and clarification meetings: one function per endpoint.

use shared::api::objections::{
    ClarificationMeeting, Correction, MeetingOutcome, MeetingRequest, MeetingSchedule,
    NewObjection, Objection, ObjectionDecision, ReportObjections, ReportVersion,
};

use super::{post, ApiError};

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
