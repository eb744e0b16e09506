//! The factory's own improvement actions, and its one list of actions (corrective and
//! self-identified together).

use std::future::Future;

use shared::api::corrective_actions::{ActionUpdateInput, NewCorrectiveAction};
use shared::api::improvement_actions::{FactoryActions, ImprovementAction};

use super::{post, ApiError};

/// `POST /api/self-assessments/{id}/improvement-actions`.
pub async fn create(
    self_assessment_id: i64,
    action: &NewCorrectiveAction,
) -> Result<ImprovementAction, ApiError> {
    post(
        &format!("/api/self-assessments/{self_assessment_id}/improvement-actions"),
        action,
    )
    .await
}

/// `POST /api/improvement-actions/{id}/updates`.
pub async fn post_update(
    action_id: i64,
    update: &ActionUpdateInput,
) -> Result<ImprovementAction, ApiError> {
    post(
        &format!("/api/improvement-actions/{action_id}/updates"),
        update,
    )
    .await
}

/// `GET /api/factories/{id}/actions`.
pub fn of_factory(factory_id: i64) -> impl Future<Output = Result<FactoryActions, ApiError>> {
    super::get(&format!("/api/factories/{factory_id}/actions"))
}
