//! Objections to findings and amendments of published reports:
//! `/api/reports/:id/objections`, `/api/objections`, `/api/objections/:id/decision`,
//! `/api/reports/:id/corrections` and the version history `/api/reports/:id/versions`.
//!
//! A factory manager objects to findings until the objection deadline (the one the report
//! shows). Administrators and approvers uphold or reject each objected finding; upholding
//! amends the finding, and so does a staff correction. Every amendment stores a new version
//! of the report document (version 1 is the report as published) through
//! [`crate::publication::amend`], which also recomputes the scores and the industry figures
//! and notifies the factory and the buyers who read it.

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::objections::{
    Correction, NewObjection, Objection, ObjectionDecision, ObjectionStatus, ReportObjections,
    ReportSnapshot, ReportVersion, ReportVersionDetail, VersionKind,
};
use shared::api::reports::ReportDocument;
use shared::api::visits::VisitSummary;
use shared::date::cambodia_date;
use shared::error::FieldError;
use shared::objection::{
    correction_problems, decide_objection_outcome, decision_problems, objection_problems,
    objection_window_open,
};

use crate::db::{objections, report_documents};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{readable_report, require};
use crate::publication::{amend, current_findings, Amendment, Notice, PublicationError};
use crate::state::AppState;
use shared::permissions::{may, Action};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/reports/{id}/objections",
            get(report_objections).post(submit_objection),
        )
        .route("/objections", get(pending_objections))
        .route("/objections/{id}/decision", post(decide_objection))
        .route("/reports/{id}/corrections", post(correct_finding))
        .route("/reports/{id}/versions", get(list_versions))
        .route("/reports/{id}/versions/{number}", get(get_version))
}

/// The objection deadline announced at publication and stored with the report.
async fn announced_deadline(state: &AppState, visit_id: i64) -> Result<Option<String>, ApiError> {
    Ok(report_documents::announced_dates(&state.db.pool, visit_id)
        .await?
        .and_then(|dates| dates.objection_deadline))
}

/// The objection window, the reader's rights and every objection of a readable report.
async fn objections_of(
    state: &AppState,
    user: &ActiveUser,
    visit: &VisitSummary,
) -> Result<ReportObjections, ApiError> {
    let deadline = announced_deadline(state, visit.id).await?;
    let open = objection_window_open(&cambodia_date(state.clock.now()), deadline.as_deref());
    let may_object = open
        && may(
            &user.actor(),
            Action::ObjectToFindings {
                factory_id: visit.factory_id,
            },
        );
    Ok(ReportObjections {
        deadline,
        open,
        may_object,
        may_decide: may(&user.actor(), Action::DecideObjections),
        objections: objections::for_report(&state.db.pool, visit.id).await?,
    })
}

async fn report_objections(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<ReportObjections>, ApiError> {
    let visit = readable_report(&state, &user, visit_id).await?;
    Ok(Json(objections_of(&state, &user, &visit).await?))
}

async fn submit_objection(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(objection): AppJson<NewObjection>,
) -> Result<(StatusCode, Json<ReportObjections>), ApiError> {
    let visit = readable_report(&state, &user, visit_id).await?;
    require(
        &user,
        Action::ObjectToFindings {
            factory_id: visit.factory_id,
        },
    )?;
    let now = state.clock.now();
    let deadline = announced_deadline(&state, visit.id).await?;
    if !objection_window_open(&cambodia_date(now), deadline.as_deref()) {
        return Err(ApiError::Refused("objection_deadline_passed"));
    }
    let mut transaction = state.db.pool.begin().await?;
    let findings = current_findings(&mut transaction, &visit).await?;
    let codes: Vec<&str> = findings.iter().map(|f| f.question_code.as_str()).collect();
    let mut problems = objection_problems(&objection, &codes);
    // A finding already under review is not objected to twice.
    let pending = objections::pending_codes(&mut *transaction, visit_id).await?;
    for (index, item) in objection.findings.iter().enumerate() {
        if pending.contains(&item.question_code) {
            problems.push(FieldError::new(
                &format!("findings.{index}.question_code"),
                "objection_pending",
            ));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let items: Vec<(String, String)> = objection
        .findings
        .iter()
        .map(|item| (item.question_code.clone(), item.reason.trim().to_owned()))
        .collect();
    objections::insert(&mut transaction, visit_id, &items, user.0.user.id, now).await?;
    transaction.commit().await?;
    tracing::info!(
        visit_id,
        by = user.0.user.id,
        findings = items.len(),
        "objection submitted"
    );
    Ok((
        StatusCode::CREATED,
        Json(objections_of(&state, &user, &visit).await?),
    ))
}

async fn pending_objections(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<Objection>>, ApiError> {
    require(&user, Action::DecideObjections)?;
    Ok(Json(objections::pending(&state.db.pool).await?))
}

async fn decide_objection(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(item_id): AppPath<i64>,
    AppJson(decision): AppJson<ObjectionDecision>,
) -> Result<Json<Objection>, ApiError> {
    let objection = objections::find(&state.db.pool, item_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let visit = readable_report(&state, &user, objection.visit_id).await?;
    require(&user, Action::DecideObjections)?;
    let problems = decision_problems(&decision);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    decide_objection_outcome(objection.status, decision.outcome).map_err(ApiError::Conflict)?;
    let now = state.clock.now();
    let reason = decision.reason.trim();
    let mut transaction = state.db.pool.begin().await?;
    let mut notices = Vec::new();
    let mut version_number = None;
    if let (ObjectionStatus::Upheld, Some(amendment)) = (decision.outcome, &decision.amendment) {
        let (number, messages) = amend(
            &mut transaction,
            &visit,
            &Amendment {
                question_code: &objection.question_code,
                answer: amendment,
                kind: VersionKind::Objection,
                reason,
            },
            user.0.user.id,
            now,
            &state.config.mail.public_url,
        )
        .await
        .map_err(amendment_error)?;
        version_number = Some(number);
        notices = messages;
    }
    // Guarded by the status: two reviewers deciding at once cannot both amend the report.
    if !objections::decide(
        &mut *transaction,
        item_id,
        decision.outcome,
        reason,
        version_number,
        user.0.user.id,
        now,
    )
    .await?
    {
        return Err(ApiError::Conflict("objection_already_decided"));
    }
    transaction.commit().await?;
    tracing::info!(
        item_id,
        visit_id = visit.id,
        by = user.0.user.id,
        outcome = decision.outcome.as_str(),
        "objection decided"
    );
    deliver(&state, notices, now).await;
    Ok(Json(
        objections::find(&state.db.pool, item_id)
            .await?
            .ok_or(ApiError::NotFound)?,
    ))
}

async fn correct_finding(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(correction): AppJson<Correction>,
) -> Result<(StatusCode, Json<ReportVersion>), ApiError> {
    let visit = readable_report(&state, &user, visit_id).await?;
    require(&user, Action::DecideObjections)?;
    let mut problems = correction_problems(&correction);
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    let findings = current_findings(&mut transaction, &visit).await?;
    if !findings
        .iter()
        .any(|finding| finding.question_code == correction.question_code)
    {
        problems.insert(0, FieldError::new("question_code", "finding_unknown"));
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let (number, notices) = amend(
        &mut transaction,
        &visit,
        &Amendment {
            question_code: &correction.question_code,
            answer: &correction.amendment,
            kind: VersionKind::Correction,
            reason: correction.reason.trim(),
        },
        user.0.user.id,
        now,
        &state.config.mail.public_url,
    )
    .await
    .map_err(amendment_error)?;
    transaction.commit().await?;
    tracing::info!(visit_id, by = user.0.user.id, number, "finding corrected");
    deliver(&state, notices, now).await;
    let version = report_documents::versions(&state.db.pool, visit_id)
        .await?
        .into_iter()
        .find(|version| version.number == number)
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(version)))
}

fn amendment_error(error: PublicationError) -> ApiError {
    match error {
        PublicationError::FindingUnknown => ApiError::field("question_code", "finding_unknown"),
        PublicationError::Database(error) => error.into(),
    }
}

async fn list_versions(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<Vec<ReportVersion>>, ApiError> {
    readable_report(&state, &user, visit_id).await?;
    Ok(Json(
        report_documents::versions(&state.db.pool, visit_id).await?,
    ))
}

/// One version as it was: its findings and scores, from its stored document.
async fn get_version(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath((visit_id, number)): AppPath<(i64, i64)>,
) -> Result<Json<ReportVersionDetail>, ApiError> {
    readable_report(&state, &user, visit_id).await?;
    let stored = report_documents::version(&state.db.pool, visit_id, number)
        .await?
        .ok_or(ApiError::NotFound)?;
    let version = report_documents::versions(&state.db.pool, visit_id)
        .await?
        .into_iter()
        .find(|version| version.number == number)
        .ok_or(ApiError::NotFound)?;
    let document: ReportDocument = serde_json::from_str(&stored.document)
        .map_err(|error| ApiError::Internal(format!("report document {visit_id}: {error}")))?;
    Ok(Json(ReportVersionDetail {
        version,
        snapshot: ReportSnapshot {
            findings: document.findings,
            scores: document.scores,
        },
    }))
}

async fn deliver(state: &AppState, notices: Vec<Notice>, now: i64) {
    for (message_id, message) in notices {
        crate::mail::deliver(&state.db, &state.config.mail, message_id, &message, now).await;
    }
}
