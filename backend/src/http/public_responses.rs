//! `/api/reports/{id}/public-responses` and `/api/public-responses/{id}/check`: a factory's short
//! public responses to the findings the public site discloses (non-compliant critical-issue and
//! publicly reported questions of its published assessments), and a monitor's check of them at
//! a later visit. The public site shows a response as the factory's own statement until then.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::corrective_actions::VerificationInput;
use shared::api::public_responses::{DisclosedFinding, PublicResponseInput, PublicResponses};
use shared::api::visits::VisitSummary;
use shared::corrective_action::verification_problems;
use shared::permissions::{may, Action};
use shared::public_response::{is_disclosed, response_problems};
use shared::visit::VisitType;
use shared::wire::Verification;

use crate::db::public_responses;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{checking_visit, later_visit_on_team, readable_report, require};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/reports/{id}/public-responses", get(list).post(respond))
        .route("/public-responses/{id}/check", post(check))
}

/// The published assessment `visit_id` if the reader may see its responses; the public site
/// publishes assessments only, so other visits have nothing to respond to.
async fn disclosed_report(
    state: &AppState,
    user: &ActiveUser,
    visit_id: i64,
) -> Result<VisitSummary, ApiError> {
    let report = readable_report(state, user, visit_id).await?;
    require(
        user,
        Action::ViewPublicResponses {
            factory_id: report.factory_id,
        },
    )?;
    if report.visit_type != VisitType::Assessment {
        return Err(ApiError::NotFound);
    }
    Ok(report)
}

async fn responses_of(
    state: &AppState,
    user: &ActiveUser,
    report: &VisitSummary,
) -> Result<PublicResponses, ApiError> {
    let mut connection = state.db.pool.acquire().await?;
    let findings = public_responses::disclosable_findings(&mut connection, report.id).await?;
    let mut responses = public_responses::latest_for_visit(&mut *connection, report.id).await?;
    drop(connection);
    let may_check = may(
        &user.actor(),
        Action::CheckPublicResponse {
            on_later_visit_team: later_visit_on_team(state, user, report).await?.is_some(),
        },
    );
    Ok(PublicResponses {
        findings: findings
            .into_iter()
            .filter(|f| is_disclosed(f.publicly_reported, f.critical_issue))
            .map(|finding| {
                let response = responses
                    .iter()
                    .position(|(code, _)| *code == finding.question_code)
                    .map(|index| responses.swap_remove(index).1);
                DisclosedFinding {
                    question_code: finding.question_code,
                    question: finding.question,
                    critical_issue: finding.critical_issue,
                    publicly_reported: finding.publicly_reported,
                    response,
                }
            })
            .collect(),
        may_respond: may(
            &user.actor(),
            Action::RespondPublicly {
                factory_id: report.factory_id,
            },
        ),
        may_check,
    })
}

async fn list(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<PublicResponses>, ApiError> {
    let report = disclosed_report(&state, &user, visit_id).await?;
    Ok(Json(responses_of(&state, &user, &report).await?))
}

async fn respond(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(input): AppJson<PublicResponseInput>,
) -> Result<(StatusCode, Json<PublicResponses>), ApiError> {
    let report = disclosed_report(&state, &user, visit_id).await?;
    require(
        &user,
        Action::RespondPublicly {
            factory_id: report.factory_id,
        },
    )?;
    let problems = response_problems(&input);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let code = input.question_code.trim();
    let mut transaction = state.db.pool.begin().await?;
    let disclosed = public_responses::disclosable_findings(&mut transaction, visit_id)
        .await?
        .iter()
        .any(|f| f.question_code == code && is_disclosed(f.publicly_reported, f.critical_issue));
    if !disclosed {
        return Err(ApiError::field("question_code", "not_a_disclosed_finding"));
    }
    let id = public_responses::insert(
        &mut *transaction,
        report.factory_id,
        visit_id,
        code,
        input.statement.trim(),
        user.0.user.id,
        state.clock.now(),
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(
        response = id,
        visit_id,
        by = user.0.user.id,
        "public response posted"
    );
    Ok((
        StatusCode::CREATED,
        Json(responses_of(&state, &user, &report).await?),
    ))
}

async fn check(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(response_id): AppPath<i64>,
    AppJson(input): AppJson<VerificationInput>,
) -> Result<Json<PublicResponses>, ApiError> {
    let (visit_id, _) = public_responses::owner(&state.db.pool, response_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let report = disclosed_report(&state, &user, visit_id).await?;
    let checking_visit_id = checking_visit(&state, &user, &report, |on_later_visit_team| {
        Action::CheckPublicResponse {
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
    let mut transaction = state.db.pool.begin().await?;
    let checked = public_responses::insert_check(
        &mut *transaction,
        response_id,
        outcome,
        input.note.trim(),
        user.0.user.id,
        checking_visit_id,
        state.clock.now(),
    )
    .await?;
    if !checked {
        return Err(ApiError::Conflict("response_already_checked"));
    }
    transaction.commit().await?;
    tracing::info!(
        response = response_id,
        by = user.0.user.id,
        outcome = outcome.as_str(),
        "public response checked"
    );
    Ok(Json(responses_of(&state, &user, &report).await?))
}
