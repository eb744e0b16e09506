//! Corrective action plans of published reports, their updates and verification.

use std::future::Future;

use shared::api::corrective_actions::{
    ActionUpdateInput, CorrectiveActionPlan, NewCorrectiveAction, VerificationInput,
};

use super::{post, ApiError};

/// `GET /api/reports/{visit_id}/corrective-actions`.
pub fn plan(visit_id: i64) -> impl Future<Output = Result<CorrectiveActionPlan, ApiError>> {
    super::get(&format!("/api/reports/{visit_id}/corrective-actions"))
}

/// `POST /api/reports/{visit_id}/corrective-actions`: the plan with the new action.
pub async fn add(
    visit_id: i64,
    action: &NewCorrectiveAction,
) -> Result<CorrectiveActionPlan, ApiError> {
    post(
        &format!("/api/reports/{visit_id}/corrective-actions"),
        action,
    )
    .await
}

/// `POST /api/corrective-actions/{id}/updates`: the plan with the update.
pub async fn post_update(
    action_id: i64,
    update: &ActionUpdateInput,
) -> Result<CorrectiveActionPlan, ApiError> {
    post(
        &format!("/api/corrective-actions/{action_id}/updates"),
        update,
    )
    .await
}

/// `POST /api/corrective-actions/{id}/verification`: the plan with the monitor's check.
pub async fn verify(
    action_id: i64,
    verification: &VerificationInput,
) -> Result<CorrectiveActionPlan, ApiError> {
    post(
        &format!("/api/corrective-actions/{action_id}/verification"),
        verification,
    )
    .await
}
