//! The training unit's courses and sessions, and factories' enrolments.

use std::future::Future;

use shared::api::corrective_actions::{ActionUpdateInput, VerificationInput};
use shared::api::training::{
    Course, CourseEffect, CourseInput, EnrolmentInput, FactoryTraining, NeedsAssessmentInput,
    NewPlanAction, NewSession, ParticipationReport, Session, SessionReport,
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

/// `GET /api/training/factories/{id}`: the factory's sessions, needs assessments and plan.
pub fn factory_training(id: i64) -> impl Future<Output = Result<FactoryTraining, ApiError>> {
    super::get(&format!("/api/training/factories/{id}"))
}

/// `POST /api/training/factories/{id}/needs-assessments`.
pub async fn assess_needs(
    factory_id: i64,
    input: &NeedsAssessmentInput,
) -> Result<FactoryTraining, ApiError> {
    post(
        &format!("/api/training/factories/{factory_id}/needs-assessments"),
        input,
    )
    .await
}

/// `POST /api/training/factories/{id}/plan`.
pub async fn add_plan_action(
    factory_id: i64,
    input: &NewPlanAction,
) -> Result<FactoryTraining, ApiError> {
    post(&format!("/api/training/factories/{factory_id}/plan"), input).await
}

/// `POST /api/training/plan-actions/{id}/updates`.
pub async fn post_plan_update(
    action_id: i64,
    input: &ActionUpdateInput,
) -> Result<FactoryTraining, ApiError> {
    post(
        &format!("/api/training/plan-actions/{action_id}/updates"),
        input,
    )
    .await
}

/// `POST /api/training/plan-actions/{id}/verification`.
pub async fn verify_plan_action(
    action_id: i64,
    input: &VerificationInput,
) -> Result<FactoryTraining, ApiError> {
    post(
        &format!("/api/training/plan-actions/{action_id}/verification"),
        input,
    )
    .await
}

/// `GET /api/training/effect`.
pub fn effect() -> impl Future<Output = Result<Vec<CourseEffect>, ApiError>> {
    super::get("/api/training/effect")
}

/// `GET /api/training/participation?granularity=&dimension=` (codes of the shared choices).
pub fn participation(
    granularity: &str,
    dimension: &str,
) -> impl Future<Output = Result<ParticipationReport, ApiError>> {
    super::get(&format!(
        "/api/training/participation?granularity={granularity}&dimension={dimension}"
    ))
}
