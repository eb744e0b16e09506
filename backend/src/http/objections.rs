//! Objections to findings and amendments of published reports:
//! `/api/reports/:id/objections`, `/api/objections`, `/api/objections/:id/decision`,
//! `/api/reports/:id/corrections` and the version history `/api/reports/:id/versions`.
//!
//! A factory manager objects to findings until the objection deadline (the one the report
//! shows). Administrators and approvers uphold or reject each objected finding; upholding
//! amends the finding, and so does a staff correction. Every amendment stores a new version
//! of the report (version 1, the report as published, is stored at the first amendment),
//! recomputes the report's scores and the industry figures that include them, and notifies
//! the factory and the buyers who read it.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::api::objections::{
    AmendedAnswer, Correction, NewObjection, Objection, ObjectionDecision, ObjectionStatus,
    ReportObjections, ReportSnapshot, ReportVersion, ReportVersionDetail, VersionKind,
};
use shared::api::visits::VisitSummary;
use shared::date::cambodia_date;
use shared::error::FieldError;
use shared::objection::{
    correction_problems, decision_problems, objection_problems, objection_window_open,
};
use shared::visit::{AnswerChoice, VisitType};

use crate::db::objections::{self, NewVersion};
use crate::db::{analytics, checklists, factories, grants, outbox, users, visits};
use crate::domain::permissions::{may, Action};
use crate::domain::scoring::{question_exceptions, score};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::reports::{objection_deadline, readable_report};
use crate::http::visits::findings_of;
use crate::state::AppState;

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

fn require(user: &ActiveUser, action: Action) -> Result<(), ApiError> {
    if may(&user.actor(), action) {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// The objection window, the reader's rights and every objection of a readable report.
async fn objections_of(
    state: &AppState,
    user: &ActiveUser,
    visit: &VisitSummary,
) -> Result<ReportObjections, ApiError> {
    let deadline = objection_deadline(&state.db.pool, visit.published_at).await?;
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
    let deadline = objection_deadline(&state.db.pool, visit.published_at).await?;
    if !objection_window_open(&cambodia_date(now), deadline.as_deref()) {
        return Err(ApiError::Refused("objection_deadline_passed"));
    }
    let mut transaction = state.db.pool.begin().await?;
    let findings = findings_of(&mut transaction, &visit).await?;
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
    if objection.status != ObjectionStatus::Pending {
        return Err(ApiError::Conflict("objection_already_decided"));
    }
    let now = state.clock.now();
    let reason = decision.reason.trim();
    let mut transaction = state.db.pool.begin().await?;
    let mut notices = Vec::new();
    let mut version_number = None;
    if let (ObjectionStatus::Upheld, Some(amendment)) = (decision.outcome, &decision.amendment) {
        let (number, messages) = amend(
            &state,
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
        )
        .await?;
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
    let findings = findings_of(&mut transaction, &visit).await?;
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
        &state,
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
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(visit_id, by = user.0.user.id, number, "finding corrected");
    deliver(&state, notices, now).await;
    let version = objections::versions(&state.db.pool, visit_id)
        .await?
        .into_iter()
        .find(|version| version.number == number)
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(version)))
}

/// Version 1 while the report was never amended: the report as published, by its publisher.
async fn first_version(state: &AppState, visit: &VisitSummary) -> Result<ReportVersion, ApiError> {
    let publisher = match objections::publisher(&state.db.pool, visit.id).await? {
        Some(id) => users::find_by_id(&state.db.pool, id).await?,
        None => None,
    };
    Ok(ReportVersion {
        number: 1,
        kind: VersionKind::Published,
        reason: String::new(),
        question_code: None,
        created_by: publisher.as_ref().map(|user| user.display_name.clone()),
        created_by_role: publisher.map(|user| user.role),
        created_at: visit.published_at.unwrap_or_default(),
    })
}

async fn list_versions(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<Vec<ReportVersion>>, ApiError> {
    let visit = readable_report(&state, &user, visit_id).await?;
    let stored = objections::versions(&state.db.pool, visit_id).await?;
    if stored.is_empty() {
        return Ok(Json(vec![first_version(&state, &visit).await?]));
    }
    Ok(Json(stored))
}

async fn get_version(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath((visit_id, number)): AppPath<(i64, i64)>,
) -> Result<Json<ReportVersionDetail>, ApiError> {
    let visit = readable_report(&state, &user, visit_id).await?;
    if let Some((version, snapshot)) = objections::version(&state.db.pool, visit_id, number).await?
    {
        return Ok(Json(ReportVersionDetail { version, snapshot }));
    }
    let never_amended = objections::latest_version_number(&state.db.pool, visit_id).await? == 0;
    if number != 1 || !never_amended {
        return Err(ApiError::NotFound);
    }
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(ReportVersionDetail {
        version: first_version(&state, &visit).await?,
        snapshot: snapshot_of(&mut connection, &visit).await?,
    }))
}

/// What the report says now: its findings and stored scores.
async fn snapshot_of(
    connection: &mut sqlx::AnyConnection,
    visit: &VisitSummary,
) -> Result<ReportSnapshot, ApiError> {
    Ok(ReportSnapshot {
        findings: findings_of(connection, visit).await?,
        scores: visits::scores(connection, visit.id).await?,
    })
}

/// One finding amended, and why.
struct Amendment<'a> {
    question_code: &'a str,
    answer: &'a AmendedAnswer,
    kind: VersionKind,
    reason: &'a str,
}

/// Amends a finding inside `transaction`: keeps version 1 if this is the first amendment,
/// changes the answer, recomputes the scores and the figures built on them, stores the new
/// version and writes the notices to the outbox. Returns the new version's number and the
/// notices to send once the transaction is committed.
async fn amend(
    state: &AppState,
    transaction: &mut sqlx::Transaction<'static, sqlx::Any>,
    visit: &VisitSummary,
    amendment: &Amendment<'_>,
    by: i64,
    now: i64,
) -> Result<(i64, Vec<(i64, outbox::NewMessage)>), ApiError> {
    let mut number = objections::latest_version_number(&mut **transaction, visit.id).await?;
    if number == 0 {
        let snapshot = snapshot_of(transaction, visit).await?;
        let publisher = objections::publisher(&mut **transaction, visit.id).await?;
        objections::insert_version(
            &mut **transaction,
            &NewVersion {
                visit_id: visit.id,
                number: 1,
                kind: VersionKind::Published,
                reason: "",
                question_code: None,
                created_by: publisher,
                created_at: visit.published_at.unwrap_or(now),
                snapshot: &snapshot,
            },
        )
        .await?;
        number = 1;
    }
    if !objections::amend_answer(
        &mut **transaction,
        visit.id,
        amendment.question_code,
        amendment.answer,
        by,
        now,
    )
    .await?
    {
        return Err(ApiError::field("question_code", "finding_unknown"));
    }

    let content = checklists::load_content(transaction, visit.checklist_version_id).await?;
    let choices: HashMap<String, AnswerChoice> = visits::answers(&mut **transaction, visit.id)
        .await?
        .into_iter()
        .filter_map(|answer| answer.choice.map(|choice| (answer.question_code, choice)))
        .collect();
    let scoring = score(&content, &choices);
    let ids = checklists::structure_ids(&mut **transaction, visit.checklist_version_id).await?;
    analytics::replace_scores(
        transaction,
        &analytics::Publication {
            visit_id: visit.id,
            factory_id: visit.factory_id,
            start_date: &visit.start_date,
            is_assessment: visit.visit_type == VisitType::Assessment,
        },
        &scoring,
        &question_exceptions(&content, &choices),
        &ids,
    )
    .await?;

    number += 1;
    let snapshot = snapshot_of(transaction, visit).await?;
    objections::insert_version(
        &mut **transaction,
        &NewVersion {
            visit_id: visit.id,
            number,
            kind: amendment.kind,
            reason: amendment.reason,
            question_code: Some(amendment.question_code),
            created_by: Some(by),
            created_at: now,
            snapshot: &snapshot,
        },
    )
    .await?;

    let factory = factories::find(&mut **transaction, visit.factory_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let mut addresses: Vec<String> = factory
        .contact_email
        .filter(|email| !email.trim().is_empty())
        .into_iter()
        .collect();
    addresses.extend(
        grants::reader_emails(&mut **transaction, visit.factory_id, &cambodia_date(now)).await?,
    );
    addresses.dedup();
    let mut notices = Vec::with_capacity(addresses.len());
    for address in addresses {
        let message = crate::mail::report_amended_notice(
            visit,
            number,
            amendment.reason,
            &state.config.mail.public_url,
            address,
        );
        let message_id = outbox::insert(&mut **transaction, &message, now).await?;
        notices.push((message_id, message));
    }
    Ok((number, notices))
}

async fn deliver(state: &AppState, notices: Vec<(i64, outbox::NewMessage)>, now: i64) {
    for (message_id, message) in notices {
        crate::mail::deliver(&state.db, &state.config.mail, message_id, &message, now).await;
    }
}
