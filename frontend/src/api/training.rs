//! The training unit's courses and sessions, and factories' enrolments.

use std::future::Future;

use shared::api::training::{
    Course, CourseInput, EnrolmentInput, NewSession, Session, SessionReport,
};

use super::{post, put, ApiError};

/// `GET /api/training/courses`.
pub fn courses() -> impl Future<Output = Result<Vec<Course>, ApiError>> {
    super::get("/api/training/courses")
}

/// `POST /api/training/courses`.
pub async fn create_course(course: &CourseInput) -> Result<Course, ApiError> {
    post("/api/training/courses", course).await
}

/// `GET /api/training/sessions`: every session for staff, the invited ones for a factory.
pub fn sessions() -> impl Future<Output = Result<Vec<Session>, ApiError>> {
    super::get("/api/training/sessions")
}

/// `GET /api/training/sessions/{id}`.
pub fn session(id: i64) -> impl Future<Output = Result<Session, ApiError>> {
    super::get(&format!("/api/training/sessions/{id}"))
}

/// `POST /api/training/sessions`.
pub async fn create_session(session: &NewSession) -> Result<Session, ApiError> {
    post("/api/training/sessions", session).await
}

/// `PUT /api/training/sessions/{id}/enrolments/{factory_id}`.
pub async fn enrol(
    session_id: i64,
    factory_id: i64,
    enrolment: &EnrolmentInput,
) -> Result<Session, ApiError> {
    put(
        &format!("/api/training/sessions/{session_id}/enrolments/{factory_id}"),
        enrolment,
    )
    .await
}

/// `PUT /api/training/sessions/{id}/report`: held (attendance, outcomes) or cancelled.
pub async fn report(session_id: i64, report: &SessionReport) -> Result<Session, ApiError> {
    put(
        &format!("/api/training/sessions/{session_id}/report"),
        report,
    )
    .await
}
