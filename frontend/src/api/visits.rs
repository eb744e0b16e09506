//! Visits: the list, a new visit, its facts, cluster capture, answers and review workflow.

use std::future::Future;

use shared::api::visits::{
    ClusterCapture, Finding, MonitorOption, NewVisit, SaveAnswers, SavedAnswers, TransitionRequest,
    VisitDetail, VisitFacts, VisitFilter, VisitSummary,
};

use super::ApiError;

/// `GET /api/visits?status=…&factory_id=…`: empty filters are left out.
pub fn list(filter: &VisitFilter) -> impl Future<Output = Result<Vec<VisitSummary>, ApiError>> {
    let mut params = Vec::new();
    if !filter.status.is_empty() {
        params.push(format!(
            "status={}",
            js_sys::encode_uri_component(&filter.status)
        ));
    }
    if let Some(factory_id) = filter.factory_id {
        params.push(format!("factory_id={factory_id}"));
    }
    let path = if params.is_empty() {
        "/api/visits".to_owned()
    } else {
        format!("/api/visits?{}", params.join("&"))
    };
    super::get(&path)
}

/// `GET /api/visits/monitors`: who may join a visit as second monitor.
pub fn monitors() -> impl Future<Output = Result<Vec<MonitorOption>, ApiError>> {
    super::get("/api/visits/monitors")
}

/// `POST /api/visits`.
pub async fn create(visit: &NewVisit) -> Result<VisitSummary, ApiError> {
    super::post("/api/visits", visit).await
}

/// `GET /api/visits/{id}`.
pub fn get(id: i64) -> impl Future<Output = Result<VisitDetail, ApiError>> {
    super::get(&format!("/api/visits/{id}"))
}

/// `PUT /api/visits/{id}/facts`: the stored facts, with the due dates the server sets.
pub async fn save_facts(id: i64, facts: &VisitFacts) -> Result<VisitFacts, ApiError> {
    super::put(&format!("/api/visits/{id}/facts"), facts).await
}

/// `GET /api/visits/{id}/clusters/{code}`.
pub fn cluster(id: i64, code: &str) -> impl Future<Output = Result<ClusterCapture, ApiError>> {
    let code = String::from(js_sys::encode_uri_component(code));
    super::get(&format!("/api/visits/{id}/clusters/{code}"))
}

/// `POST /api/visits/{id}/answers`.
pub async fn save_answers(id: i64, answers: &SaveAnswers) -> Result<SavedAnswers, ApiError> {
    super::post(&format!("/api/visits/{id}/answers"), answers).await
}

/// `POST /api/visits/{id}/transitions`.
pub async fn transition(id: i64, request: &TransitionRequest) -> Result<VisitDetail, ApiError> {
    super::post(&format!("/api/visits/{id}/transitions"), request).await
}

/// `GET /api/visits/{id}/findings`.
pub fn findings(id: i64) -> impl Future<Output = Result<Vec<Finding>, ApiError>> {
    super::get(&format!("/api/visits/{id}/findings"))
}
