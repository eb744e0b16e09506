//! Factory self-assessments: the factory's own answers to the current checklist, their result
//! beside the industry and the official report, and sharing one with an organisation.

use std::future::Future;

use shared::api::self_assessments::{
    NewSelfAssessment, SaveSelfAnswers, SelfAssessmentCapture, SelfAssessmentDetail,
    SelfAssessmentOptions, SelfAssessmentResult, SelfAssessmentSummary, ShareRequest,
};

use super::{delete, post, ApiError};

/// `GET /api/self-assessments?factory_id=…`: a factory manager may leave the factory out
/// (their own).
pub fn list(
    factory_id: Option<i64>,
) -> impl Future<Output = Result<Vec<SelfAssessmentSummary>, ApiError>> {
    match factory_id {
        Some(id) => super::get(&format!("/api/self-assessments?factory_id={id}")),
        None => super::get("/api/self-assessments"),
    }
}

/// `GET /api/self-assessments/options`: the clusters of the current checklist one may choose.
pub fn options() -> impl Future<Output = Result<SelfAssessmentOptions, ApiError>> {
    super::get("/api/self-assessments/options")
}

/// `POST /api/self-assessments`: refused while another one is in progress.
pub async fn start(request: &NewSelfAssessment) -> Result<SelfAssessmentSummary, ApiError> {
    post("/api/self-assessments", request).await
}

/// `GET /api/self-assessments/{id}`.
pub fn get(id: i64) -> impl Future<Output = Result<SelfAssessmentDetail, ApiError>> {
    super::get(&format!("/api/self-assessments/{id}"))
}

/// `GET /api/self-assessments/{id}/clusters/{code}`.
pub fn cluster(
    id: i64,
    code: &str,
) -> impl Future<Output = Result<SelfAssessmentCapture, ApiError>> {
    let code = String::from(js_sys::encode_uri_component(code));
    super::get(&format!("/api/self-assessments/{id}/clusters/{code}"))
}

/// `POST /api/self-assessments/{id}/answers`: the stored answers of the batch.
pub async fn save_answers(id: i64, answers: &SaveSelfAnswers) -> Result<SaveSelfAnswers, ApiError> {
    post(&format!("/api/self-assessments/{id}/answers"), answers).await
}

/// `POST /api/self-assessments/{id}/complete`: a 422 names the questions still unanswered
/// (fields `answers.{question code}`). The page reloads the self-assessment afterwards, so the
/// answer's body is not read.
pub async fn complete(id: i64) -> Result<(), ApiError> {
    post::<_, serde::de::IgnoredAny>(&format!("/api/self-assessments/{id}/complete"), &())
        .await
        .map(|_| ())
}

/// `GET /api/self-assessments/{id}/result`.
pub fn result(id: i64) -> impl Future<Output = Result<SelfAssessmentResult, ApiError>> {
    super::get(&format!("/api/self-assessments/{id}/result"))
}

/// `POST /api/self-assessments/{id}/shares`.
pub async fn share(id: i64, request: &ShareRequest) -> Result<SelfAssessmentSummary, ApiError> {
    post(&format!("/api/self-assessments/{id}/shares"), request).await
}

/// `DELETE /api/self-assessments/{id}/shares/{organisation_id}`.
pub async fn unshare(id: i64, organisation_id: i64) -> Result<SelfAssessmentSummary, ApiError> {
    delete(&format!(
        "/api/self-assessments/{id}/shares/{organisation_id}"
    ))
    .await
}
