//! `/api/self-assessments/{id}/improvement-actions`, `/api/improvement-actions/{id}/updates`
//! and `/api/factories/{id}/actions`: a factory turns a non-compliant point of its own
//! completed self-assessment into an improvement action, follows it up, and reads one list of
//! all its actions (corrective actions for report findings and self-identified ones).
//!
//! Improvement actions are the factory's own: only its manager writes them; its manager and
//! programme staff read the list. Anyone else gets "not found".

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::corrective_actions::{ActionUpdateInput, NewCorrectiveAction};
use shared::api::improvement_actions::{FactoryAction, FactoryActions, ImprovementAction};
use shared::corrective_action::{is_overdue, new_action_problems, update_problems, ActionStatus};
use shared::date::cambodia_date;
use shared::error::FieldError;
use shared::permissions::{may, Action};
use shared::visit::AnswerChoice;

use crate::db::improvement_actions::{self, ImprovementOwner};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/self-assessments/{id}/improvement-actions",
            post(post_action),
        )
        .route("/improvement-actions/{id}/updates", post(post_update))
        .route("/factories/{id}/actions", get(factory_actions))
}

/// Refuses with "not found" unless the user conducts the factory's self-assessments, so that
/// nobody else learns which self-assessments or actions exist.
fn require_own_factory(user: &ActiveUser, factory_id: i64) -> Result<(), ApiError> {
    if may(&user.actor(), Action::ConductSelfAssessment { factory_id }) {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

async fn post_action(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(self_assessment_id): AppPath<i64>,
    AppJson(input): AppJson<NewCorrectiveAction>,
) -> Result<(StatusCode, Json<ImprovementAction>), ApiError> {
    let code = input.question_code.trim().to_owned();
    let point = improvement_actions::assessed_point(&state.db.pool, self_assessment_id, &code)
        .await?
        .ok_or(ApiError::NotFound)?;
    require_own_factory(&user, point.factory_id)?;
    if !point.completed {
        return Err(ApiError::Conflict("self_assessment_not_completed"));
    }
    let mut problems = new_action_problems(&input);
    let non_compliant = point.choice.as_deref() == Some(AnswerChoice::NonCompliant.as_str());
    if !code.is_empty() && !non_compliant {
        problems.push(FieldError::new("question_code", "not_self_non_compliant"));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    let action_id = improvement_actions::insert(
        &mut transaction,
        ImprovementOwner {
            self_assessment_id,
            factory_id: point.factory_id,
        },
        &input,
        user.0.user.id,
        now,
    )
    .await?;
    let action = improvement_actions::find(&mut transaction, action_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    transaction.commit().await?;
    tracing::info!(
        action_id,
        self_assessment_id,
        by = user.0.user.id,
        "improvement action posted"
    );
    Ok((StatusCode::CREATED, Json(action)))
}

async fn post_update(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(action_id): AppPath<i64>,
    AppJson(input): AppJson<ActionUpdateInput>,
) -> Result<Json<ImprovementAction>, ApiError> {
    let owner = improvement_actions::owner(&state.db.pool, action_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    require_own_factory(&user, owner.factory_id)?;
    let problems = update_problems(&input);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let status = input
        .status
        .as_deref()
        .filter(|status| !status.is_empty())
        .and_then(ActionStatus::parse);
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    improvement_actions::add_update(
        &mut transaction,
        action_id,
        input.comment.trim(),
        status,
        user.0.user.id,
        now,
    )
    .await?;
    let action = improvement_actions::find(&mut transaction, action_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    transaction.commit().await?;
    tracing::info!(action_id, by = user.0.user.id, "improvement action updated");
    Ok(Json(action))
}

async fn factory_actions(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<FactoryActions>, ApiError> {
    if !may(&user.actor(), Action::ViewFactory { factory_id }) {
        return Err(ApiError::NotFound);
    }
    let today = cambodia_date(state.clock.now());
    let mut connection = state.db.pool.acquire().await?;
    let actions: Vec<FactoryAction> = improvement_actions::for_factory(&mut connection, factory_id)
        .await?
        .into_iter()
        .map(|listed| FactoryAction {
            overdue: is_overdue(&listed.target_date, listed.status, &today),
            id: listed.id,
            source: listed.source,
            origin_id: listed.origin_id,
            question_code: listed.question_code,
            description: listed.description,
            responsible: listed.responsible,
            target_date: listed.target_date,
            status: listed.status,
        })
        .collect();
    let open = actions
        .iter()
        .filter(|action| action.status != ActionStatus::Done)
        .count() as i64;
    let overdue = actions.iter().filter(|action| action.overdue).count() as i64;
    Ok(Json(FactoryActions {
        actions,
        open,
        overdue,
    }))
}
