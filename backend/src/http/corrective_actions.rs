//! `/api/reports/{id}/corrective-actions` and `/api/corrective-actions/{id}/…`: the factory's
//! corrective action plan for a published report's findings, and the monitors' verification
//! at the next visit.
//!
//! Reading goes through [`readable_report`], so the plan is visible exactly where the report
//! is (staff, the factory, buyers with access after the third-party date) and "not found"
//! elsewhere. Writing is the factory's own manager's (posting and updating actions) or a
//! monitor's on a later visit of the factory (verifying).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::corrective_actions::{
    ActionUpdateInput, CorrectiveActionPlan, NewCorrectiveAction, VerificationInput,
};
use shared::api::visits::VisitSummary;
use shared::corrective_action::{
    new_action_problems, update_problems, verification_problems, ActionStatus, Verification,
};

use crate::db::corrective_actions::{self, ActionBook, ActionOwner};
use crate::domain::report_document::verified_share_of;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{checking_visit, later_visit_on_team, readable_report, require};
use crate::publication::current_findings;
use crate::state::AppState;
use shared::permissions::{may, Action};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/reports/{id}/corrective-actions",
            get(plan).post(post_action),
        )
        .route("/corrective-actions/{id}/updates", post(post_update))
        .route("/corrective-actions/{id}/verification", post(verify))
}

async fn plan_of(
    state: &AppState,
    user: &ActiveUser,
    report: &VisitSummary,
) -> Result<CorrectiveActionPlan, ApiError> {
    let mut connection = state.db.pool.acquire().await?;
    let findings = current_findings(&mut connection, report).await?;
    let actions = corrective_actions::for_visit(&mut connection, report.id).await?;
    drop(connection);
    let share = verified_share_of(
        findings
            .iter()
            .map(|finding| finding.question_code.as_str()),
        actions.iter().map(|action| {
            (
                action.question_code.as_str(),
                action.verification.as_ref().map(|v| v.outcome),
            )
        }),
    );
    let may_verify = may(
        &user.actor(),
        Action::VerifyCorrectiveAction {
            on_later_visit_team: later_visit_on_team(state, user, report).await?.is_some(),
        },
    );
    Ok(CorrectiveActionPlan {
        visit_id: report.id,
        actions,
        share,
        may_post: may(
            &user.actor(),
            Action::PostCorrectiveAction {
                factory_id: report.factory_id,
            },
        ),
        may_verify,
    })
}

async fn plan(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<CorrectiveActionPlan>, ApiError> {
    let report = readable_report(&state, &user, visit_id).await?;
    Ok(Json(plan_of(&state, &user, &report).await?))
}

async fn post_action(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(input): AppJson<NewCorrectiveAction>,
) -> Result<(StatusCode, Json<CorrectiveActionPlan>), ApiError> {
    let report = readable_report(&state, &user, visit_id).await?;
    require(
        &user,
        Action::PostCorrectiveAction {
            factory_id: report.factory_id,
        },
    )?;
    let mut problems = new_action_problems(&input);
    if problems.is_empty() {
        let mut connection = state.db.pool.acquire().await?;
        let findings = current_findings(&mut connection, &report).await?;
        let code = input.question_code.trim();
        if !findings.iter().any(|finding| finding.question_code == code) {
            problems.push(shared::error::FieldError::new(
                "question_code",
                "not_a_finding",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    let action_id = corrective_actions::insert(
        &mut transaction,
        ActionOwner {
            visit_id,
            factory_id: report.factory_id,
        },
        &input,
        user.0.user.id,
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(
        action_id,
        visit_id,
        by = user.0.user.id,
        "corrective action posted"
    );
    Ok((
        StatusCode::CREATED,
        Json(plan_of(&state, &user, &report).await?),
    ))
}

/// The action `action_id` and its report, if the user may read that report.
async fn readable_action(
    state: &AppState,
    user: &ActiveUser,
    action_id: i64,
) -> Result<VisitSummary, ApiError> {
    let owner = corrective_actions::owner(&state.db.pool, action_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    readable_report(state, user, owner.visit_id).await
}

async fn post_update(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(action_id): AppPath<i64>,
    AppJson(input): AppJson<ActionUpdateInput>,
) -> Result<Json<CorrectiveActionPlan>, ApiError> {
    let report = readable_action(&state, &user, action_id).await?;
    require(
        &user,
        Action::PostCorrectiveAction {
            factory_id: report.factory_id,
        },
    )?;
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
    corrective_actions::add_update(
        &mut transaction,
        ActionBook::CorrectiveActions,
        action_id,
        input.comment.trim(),
        status,
        user.0.user.id,
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(action_id, by = user.0.user.id, "corrective action updated");
    Ok(Json(plan_of(&state, &user, &report).await?))
}

async fn verify(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(action_id): AppPath<i64>,
    AppJson(input): AppJson<VerificationInput>,
) -> Result<Json<CorrectiveActionPlan>, ApiError> {
    let report = readable_action(&state, &user, action_id).await?;
    let visit_id = checking_visit(&state, &user, &report, |on_later_visit_team| {
        Action::VerifyCorrectiveAction {
            on_later_visit_team,
        }
    })
    .await?;
    let problems = verification_problems(&input);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let Some(outcome) = Verification::parse(&input.outcome) else {
        return Err(ApiError::Forbidden);
    };
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    corrective_actions::verify(
        &mut transaction,
        ActionBook::CorrectiveActions,
        action_id,
        outcome,
        input.note.trim(),
        user.0.user.id,
        visit_id,
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(
        action_id,
        visit_id,
        by = user.0.user.id,
        outcome = outcome.as_str(),
        "corrective action checked"
    );
    Ok(Json(plan_of(&state, &user, &report).await?))
}
