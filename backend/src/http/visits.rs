//! `/api/visits`: creating visits, recording their facts and answers from the tablet, the
//! review workflow and the published report.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use shared::api::visits::{
    Answer, AnswerHistory, ClusterCapture, ClusterProgress, FactoryAnswer, FactorySelfAssessment,
    Finding, MonitorOption, NewVisit, NonCooperationRecord, SaveAnswers, SavedAnswers,
    TransitionRequest, VisitDetail, VisitFacts, VisitFilter, VisitSummary,
};
use shared::checklist::{ChecklistContent, QuestionKind};
use shared::error::FieldError;
use shared::visit::{
    add_days, decide_transition, finding_is_incomplete, new_visit_problems, visit_facts_problems,
    AnswerChoice, Transition, TransitionRefusal, VisitOutcome, VisitStatus, DOCUMENT_DUE_DAYS,
};

use crate::answer_changes;
use crate::db::visits::VisitScope;
use crate::db::{answer_history, checklists, factories, planning, self_assessments, users, visits};
use crate::domain::answers::{self, AnswerParts, QuestionFit, MAX_ANSWERS_PER_BATCH};
use crate::domain::self_assessment::compared_with_visit;
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{on_visit_team, require};
use crate::state::AppState;
use shared::permissions::{may, Action};
use shared::planning::scoped;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/visits", get(list_visits).post(create_visit))
        .route("/visits/monitors", get(list_monitors))
        .route("/visits/{id}", get(get_visit))
        .route("/visits/{id}/facts", put(save_facts))
        .route("/visits/{id}/clusters/{code}", get(get_cluster))
        .route("/visits/{id}/answers", post(save_answers))
        .route("/visits/{id}/answers/{code}/history", get(answer_history))
        .route("/visits/{id}/transitions", post(transition_visit))
        .route("/visits/{id}/findings", get(list_findings))
        .route(
            "/non-cooperation-records",
            get(list_non_cooperation_records),
        )
}

/// Loads a visit the user may see. Outsiders get "not found" rather than "forbidden" for
/// drafts, so they cannot learn which visits exist.
async fn visible_visit(
    state: &AppState,
    user: &ActiveUser,
    visit_id: i64,
) -> Result<VisitSummary, ApiError> {
    require(user, Action::ListVisits { in_progress: false })?;
    let visit = visits::find(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let action = Action::ViewVisit {
        factory_id: visit.factory_id,
        published: visit.status == VisitStatus::Published,
    };
    if may(&user.actor(), action) {
        Ok(visit)
    } else {
        Err(ApiError::NotFound)
    }
}

/// Loads a visit the user may change now: one of its monitors, while it is with them.
async fn editable_visit(
    state: &AppState,
    user: &ActiveUser,
    visit_id: i64,
) -> Result<VisitSummary, ApiError> {
    let visit = visible_visit(state, user, visit_id).await?;
    require(
        user,
        Action::EditVisit {
            on_team: on_visit_team(user, &visit),
        },
    )?;
    if !visit.status.is_editable() {
        return Err(ApiError::Conflict("visit_not_editable"));
    }
    Ok(visit)
}

/// Marks the visit changed, but only while it is with its monitors: checked inside the
/// write transaction, so a batch that raced with a submission cannot land after it.
async fn touch_editable(
    connection: &mut sqlx::AnyConnection,
    visit_id: i64,
    now: i64,
) -> Result<(), ApiError> {
    if visits::touch_editable(&mut *connection, visit_id, now).await? {
        Ok(())
    } else {
        Err(ApiError::Conflict("visit_not_editable"))
    }
}

async fn list_visits(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(filter): Query<VisitFilter>,
) -> Result<Json<Vec<VisitSummary>>, ApiError> {
    let actor = user.actor();
    let scope = if may(&actor, Action::ListVisits { in_progress: true }) {
        VisitScope::All
    } else {
        require(&user, Action::ListVisits { in_progress: false })?;
        VisitScope::PublishedOf(actor.factory_id.ok_or(ApiError::Forbidden)?)
    };
    Ok(Json(visits::list(&state.db.pool, scope, &filter).await?))
}

async fn list_monitors(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<MonitorOption>>, ApiError> {
    require(&user, Action::CreateVisit)?;
    let monitors = users::monitors(&state.db.pool)
        .await?
        .into_iter()
        .map(|(id, display_name)| MonitorOption { id, display_name })
        .collect();
    Ok(Json(monitors))
}

async fn create_visit(
    State(state): State<AppState>,
    monitor: ActiveUser,
    AppJson(input): AppJson<NewVisit>,
) -> Result<(StatusCode, Json<VisitSummary>), ApiError> {
    require(&monitor, Action::CreateVisit)?;
    let mut problems = new_visit_problems(&input);
    if !factories::exists(&state.db.pool, input.factory_id).await? {
        problems.push(FieldError::new("factory_id", "factory_unknown"));
    }
    if let Some(second) = input.second_monitor_id {
        if second == monitor.0.user.id || !visits::is_monitor(&state.db.pool, second).await? {
            problems.push(FieldError::new("second_monitor_id", "monitor_unknown"));
        }
    }
    let version_id = checklists::current_version_id(&state.db.pool)
        .await?
        .ok_or(ApiError::Conflict("no_checklist_version"))?;
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    // A visit carried out from a plan takes the plan's scope, and must be the plan's visit.
    let plan = match input.planned_visit_id {
        Some(plan_id) => Some(
            planning::find(&mut transaction, plan_id)
                .await?
                .ok_or_else(|| ApiError::field("planned_visit_id", "planned_visit_unknown"))?,
        ),
        None => None,
    };
    if let Some(plan) = &plan {
        let me = monitor.0.user.id;
        if plan.lead_monitor_id != me && plan.second_monitor_id != Some(me) {
            problems.push(FieldError::new("planned_visit_id", "planned_visit_unknown"));
        } else if plan.factory_id != input.factory_id {
            problems.push(FieldError::new("factory_id", "differs_from_plan"));
        } else if plan.visit_type != input.visit_type {
            problems.push(FieldError::new("visit_type", "differs_from_plan"));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let visit_id = visits::insert(
        &mut *transaction,
        &input,
        monitor.0.user.id,
        version_id,
        now,
    )
    .await?;
    if let Some(plan) = &plan {
        planning::set_visit_scope(&mut transaction, visit_id, &plan.scope).await?;
        let started = planning::close(
            &mut transaction,
            plan.id,
            "started",
            Some(visit_id),
            "",
            monitor.0.user.id,
            now,
        )
        .await?;
        if !started {
            return Err(ApiError::Conflict("planned_visit_closed"));
        }
    }
    visits::record_transition(
        &mut *transaction,
        visit_id,
        None,
        VisitStatus::Draft,
        monitor.0.user.id,
        "",
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(visit_id, by = monitor.0.user.id, "visit created");
    let visit = visits::find(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(visit)))
}

/// Answers and progress per cluster, from the checklist and the stored answers.
fn progress(content: &ChecklistContent, answers: &[Answer]) -> Vec<ClusterProgress> {
    let by_code: HashMap<&str, &Answer> = answers
        .iter()
        .map(|answer| (answer.question_code.as_str(), answer))
        .collect();
    content
        .clusters
        .iter()
        .map(|cluster| {
            let mut entry = ClusterProgress {
                code: cluster.code.clone(),
                name: cluster.name.clone(),
                scored: cluster.scored,
                answered: 0,
                total: 0,
                non_compliant: 0,
                incomplete_findings: 0,
                conflicts: 0,
            };
            for question in cluster.questions() {
                entry.total += 1;
                let Some(answer) = by_code.get(question.code.as_str()) else {
                    continue;
                };
                let answered = match question.kind {
                    QuestionKind::YesNo => answer.choice.is_some(),
                    QuestionKind::Number | QuestionKind::Text => !answer.value.trim().is_empty(),
                };
                entry.answered += i64::from(answered);
                entry.non_compliant += i64::from(answer.choice == Some(AnswerChoice::NonCompliant));
                entry.incomplete_findings += i64::from(finding_is_incomplete(answer));
                entry.conflicts += i64::from(answer.conflict.is_some());
            }
            entry
        })
        .collect()
}

async fn visit_detail(
    state: &AppState,
    user: &ActiveUser,
    visit: VisitSummary,
) -> Result<VisitDetail, ApiError> {
    let mut connection = state.db.pool.acquire().await?;
    let scope = planning::visit_scope(&mut *connection, visit.id).await?;
    let content = scoped(
        &checklists::load_content(&mut connection, visit.checklist_version_id).await?,
        &scope,
    );
    let answers = visits::answers(&mut *connection, visit.id).await?;
    let version = checklists::find_version(&mut *connection, visit.checklist_version_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let published = visit.status == VisitStatus::Published;
    let staff = user.0.user.role.is_programme_staff();
    let mut facts = visits::facts(&mut connection, visit.id).await?;
    let mut history = visits::history(&mut *connection, visit.id).await?;
    if !staff {
        // Reviewers' return reasons and the ministries' record are internal to the programme.
        history.retain(|entry| entry.to_status == VisitStatus::Published);
        facts.non_cooperation_details.clear();
    }
    Ok(VisitDetail {
        checklist_label: version.label,
        facts,
        history,
        progress: progress(&content, &answers),
        scores: if published {
            Some(visits::scores(&mut connection, visit.id).await?)
        } else {
            None
        },
        third_party_visible_from: visits::third_party_visible_from(&mut *connection, visit.id)
            .await?,
        non_cooperation: if staff {
            visits::non_cooperation_record(&mut *connection, visit.id).await?
        } else {
            None
        },
        on_team: on_visit_team(user, &visit),
        summary: visit,
        scope,
    })
}

async fn get_visit(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<VisitDetail>, ApiError> {
    let visit = visible_visit(&state, &user, visit_id).await?;
    Ok(Json(visit_detail(&state, &user, visit).await?))
}

async fn save_facts(
    State(state): State<AppState>,
    monitor: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(mut facts): AppJson<VisitFacts>,
) -> Result<Json<VisitFacts>, ApiError> {
    let visit = editable_visit(&state, &monitor, visit_id).await?;
    let problems = visit_facts_problems(&facts);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    for document in &mut facts.documents {
        document.due_on = add_days(&document.requested_on, DOCUMENT_DUE_DAYS).unwrap_or_default();
    }
    let now = state.clock.now();
    if facts.outcome != Some(VisitOutcome::NonCooperation) {
        facts.non_cooperation_details.clear();
    }
    let non_cooperation = (facts.outcome == Some(VisitOutcome::NonCooperation))
        .then(|| facts.non_cooperation_details.trim());
    let mut transaction = state.db.pool.begin().await?;
    touch_editable(&mut transaction, visit_id, now).await?;
    visits::save_facts(&mut transaction, visit_id, &facts, now).await?;
    visits::sync_non_cooperation_record(
        &mut transaction,
        visit_id,
        visit.factory_id,
        non_cooperation,
        monitor.0.user.id,
        now,
    )
    .await?;
    transaction.commit().await?;
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(visits::facts(&mut connection, visit_id).await?))
}

async fn get_cluster(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath((visit_id, code)): AppPath<(i64, String)>,
) -> Result<Json<ClusterCapture>, ApiError> {
    let visit = visible_visit(&state, &user, visit_id).await?;
    let mut connection = state.db.pool.acquire().await?;
    // A partial visit shows only the clusters and points it covers.
    let scope = planning::visit_scope(&mut *connection, visit.id).await?;
    let content = scoped(
        &checklists::load_content(&mut connection, visit.checklist_version_id).await?,
        &scope,
    );
    let cluster_codes = content.clusters.iter().map(|c| c.code.clone()).collect();
    let cluster = content
        .clusters
        .into_iter()
        .find(|cluster| cluster.code == code)
        .ok_or(ApiError::NotFound)?;
    let codes: std::collections::HashSet<&str> =
        cluster.questions().map(|q| q.code.as_str()).collect();
    let answers = visits::answers(&mut *connection, visit_id)
        .await?
        .into_iter()
        .filter(|answer| codes.contains(answer.question_code.as_str()))
        .collect();
    let editable = visit.status.is_editable()
        && may(
            &user.actor(),
            Action::EditVisit {
                on_team: on_visit_team(&user, &visit),
            },
        );
    let own_view = Action::ViewSelfAssessment {
        factory_id: visit.factory_id,
        shared: false,
    };
    let factory_self_assessment = if may(&user.actor(), own_view) {
        factory_answers(&mut connection, &visit, &codes).await?
    } else {
        None
    };
    Ok(Json(ClusterCapture {
        visit,
        cluster,
        answers,
        editable,
        cluster_codes,
        factory_self_assessment,
    }))
}

/// The factory's own answers to the questions `codes`, from the self-assessment the visit is
/// compared with, without their notes (those stay the factory's).
async fn factory_answers(
    connection: &mut sqlx::AnyConnection,
    visit: &VisitSummary,
    codes: &std::collections::HashSet<&str>,
) -> Result<Option<FactorySelfAssessment>, ApiError> {
    let history = self_assessments::history(&mut *connection, visit.factory_id, None).await?;
    let Some(id) = compared_with_visit(&history, &visit.start_date) else {
        return Ok(None);
    };
    let completed_at = history
        .iter()
        .find(|entry| entry.id == id)
        .map(|entry| entry.completed_at)
        .unwrap_or_default();
    let answers = self_assessments::answers(&mut *connection, id)
        .await?
        .into_iter()
        .filter(|answer| codes.contains(answer.question_code.as_str()))
        .map(|answer| FactoryAnswer {
            question_code: answer.question_code,
            choice: answer.choice,
            value: answer.value,
        })
        .collect();
    Ok(Some(FactorySelfAssessment {
        self_assessment_id: id,
        completed_at,
        answers,
    }))
}

/// What is wrong with one answer of a batch, given its question's kind.
fn answer_problems(index: usize, answer: &Answer, kind: Option<QuestionKind>) -> Vec<FieldError> {
    let fit = kind.map_or(QuestionFit::Unknown, QuestionFit::Kind);
    let texts = [
        ("value", answer.value.as_str()),
        ("finding", answer.finding.as_str()),
        ("suggestion", answer.suggestion.as_str()),
    ];
    answers::answer_problems(
        index,
        fit,
        &AnswerParts {
            choice: answer.choice,
            value: &answer.value,
            texts: &texts,
            changed_at: answer.changed_at,
        },
    )
}

/// Saves a batch of answers whole or not at all. Every change joins its answer's history
/// (a replay of a batch whose reply was lost changes nothing); which one is current, and
/// whether two monitors' changes conflict, is `domain::answers::merge_change`'s rule.
async fn save_answers(
    State(state): State<AppState>,
    monitor: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(batch): AppJson<SaveAnswers>,
) -> Result<Json<SavedAnswers>, ApiError> {
    let visit = editable_visit(&state, &monitor, visit_id).await?;
    if batch.answers.len() > MAX_ANSWERS_PER_BATCH {
        return Err(ApiError::field("answers", "too_long"));
    }
    let questions = checklists::question_refs(&state.db.pool, visit.checklist_version_id).await?;
    let scope = planning::visit_scope(&state.db.pool, visit_id).await?;
    let in_scope: Option<std::collections::HashSet<String>> = if scope.is_empty() {
        None
    } else {
        let mut connection = state.db.pool.acquire().await?;
        let content = checklists::load_content(&mut connection, visit.checklist_version_id).await?;
        Some(
            scoped(&content, &scope)
                .questions()
                .map(|question| question.code.clone())
                .collect(),
        )
    };
    let problems: Vec<FieldError> = batch
        .answers
        .iter()
        .enumerate()
        .flat_map(|(index, answer)| {
            let kind = questions.get(&answer.question_code).map(|q| q.kind);
            let mut problems = answer_problems(index, answer, kind);
            // A partial visit answers only the points it covers.
            if problems.is_empty()
                && in_scope
                    .as_ref()
                    .is_some_and(|codes| !codes.contains(&answer.question_code))
            {
                problems.push(FieldError::new(
                    &format!("answers.{index}.question_code"),
                    "not_in_scope",
                ));
            }
            problems
        })
        .collect();
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    let latest_allowed_ms = answers::latest_allowed_ms(now);
    let mut transaction = state.db.pool.begin().await?;
    touch_editable(&mut transaction, visit_id, now).await?;
    for answer in &batch.answers {
        let question = questions[&answer.question_code];
        let checked = Answer {
            changed_at: answer.changed_at.min(latest_allowed_ms),
            conflict: None,
            ..answer.clone()
        };
        answer_changes::save_change(
            &mut transaction,
            visit_id,
            question.id,
            &checked,
            answer.changed_at,
            monitor.0.user.id,
            now,
        )
        .await?;
    }
    transaction.commit().await?;
    let sent: std::collections::HashSet<&str> = batch
        .answers
        .iter()
        .map(|answer| answer.question_code.as_str())
        .collect();
    let answers = visits::answers(&state.db.pool, visit_id)
        .await?
        .into_iter()
        .filter(|answer| sent.contains(answer.question_code.as_str()))
        .collect();
    Ok(Json(SavedAnswers { answers }))
}

/// Every change received for one question of a visit: programme staff's working record, so
/// not for a factory reading its published report.
async fn answer_history(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath((visit_id, code)): AppPath<(i64, String)>,
) -> Result<Json<AnswerHistory>, ApiError> {
    require(&user, Action::ListVisits { in_progress: true })?;
    let visit = visible_visit(&state, &user, visit_id).await?;
    let questions = checklists::question_refs(&state.db.pool, visit.checklist_version_id).await?;
    let question = questions.get(&code).ok_or(ApiError::NotFound)?;
    let changes = answer_history::history(&state.db.pool, visit_id, question.id).await?;
    Ok(Json(AnswerHistory {
        question_code: code,
        changes,
    }))
}

/// What must be true before a report goes to review.
async fn submission_problems(
    connection: &mut sqlx::AnyConnection,
    visit_id: i64,
) -> Result<Vec<FieldError>, ApiError> {
    let facts = visits::facts(connection, visit_id).await?;
    let answers = visits::answers(&mut *connection, visit_id).await?;
    let mut problems = Vec::new();
    if facts.outcome.is_none() {
        problems.push(FieldError::new("outcome", "outcome_required"));
    }
    if answers.iter().any(finding_is_incomplete) {
        problems.push(FieldError::new("findings", "findings_incomplete"));
    }
    if answers.iter().any(|answer| answer.conflict.is_some()) {
        problems.push(FieldError::new("answers", "answers_in_conflict"));
    }
    Ok(problems)
}

async fn transition_visit(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
    AppJson(request): AppJson<TransitionRequest>,
) -> Result<Json<VisitDetail>, ApiError> {
    let visit = visible_visit(&state, &user, visit_id).await?;
    let target = decide_transition(
        request.transition,
        visit.status,
        user.0.user.role,
        on_visit_team(&user, &visit),
        &request.reason,
    )
    .map_err(|refusal| match refusal {
        TransitionRefusal::WrongRole => ApiError::Refused(refusal.code()),
        TransitionRefusal::WrongState => ApiError::Conflict(refusal.code()),
        TransitionRefusal::ReasonRequired => ApiError::field("reason", refusal.code()),
    })?;
    let now = state.clock.now();
    let mut notices = Vec::new();
    let mut transaction = state.db.pool.begin().await?;
    // The status is checked again inside the transaction so that two approvers clicking at
    // once cannot both move the report.
    if !visits::move_status(&mut *transaction, visit_id, visit.status, target, now).await? {
        return Err(ApiError::Conflict("transition_wrong_state"));
    }
    // Checked after the guarded update, inside the transaction: no answer can change between
    // the check and the submission.
    if request.transition == Transition::Submit {
        let problems = submission_problems(&mut transaction, visit_id).await?;
        if !problems.is_empty() {
            return Err(ApiError::Validation(problems));
        }
    }
    visits::record_transition(
        &mut *transaction,
        visit_id,
        Some(visit.status),
        target,
        user.0.user.id,
        &request.reason,
        now,
    )
    .await?;
    // An approved report of an obstructed visit is reported to the ministries.
    if request.transition == Transition::Approve {
        notices = crate::ministry_reports::write_letters(
            &mut transaction,
            &visit,
            user.0.user.id,
            now,
            &state.config.ministry_emails,
        )
        .await?;
    }
    if request.transition == Transition::Publish {
        notices = crate::publication::publish(
            &mut transaction,
            &visit,
            user.0.user.id,
            now,
            &state.config.mail.public_url,
        )
        .await
        .map_err(|error| match error {
            crate::publication::PublicationError::Database(error) => ApiError::from(error),
            crate::publication::PublicationError::FindingUnknown => ApiError::NotFound,
        })?;
    }
    transaction.commit().await?;
    tracing::info!(
        visit_id,
        by = user.0.user.id,
        to = target.as_str(),
        "visit moved"
    );
    for (message_id, message) in notices {
        crate::mail::deliver(&state.db, &state.config.mail, message_id, &message, now).await;
    }
    if request.transition == Transition::Publish && state.config.site.after_publication {
        crate::public_site::regenerate_in_background(
            &state.db,
            &state.config.site.dir,
            now,
            "publication",
        );
    }
    let visit = visits::find(&state.db.pool, visit_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(Json(visit_detail(&state, &user, visit).await?))
}

async fn list_findings(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(visit_id): AppPath<i64>,
) -> Result<Json<Vec<Finding>>, ApiError> {
    let visit = visible_visit(&state, &user, visit_id).await?;
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(
        crate::publication::current_findings(&mut connection, &visit).await?,
    ))
}

async fn list_non_cooperation_records(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<NonCooperationRecord>>, ApiError> {
    require(&user, Action::ListNonCooperationRecords)?;
    Ok(Json(visits::non_cooperation_records(&state.db.pool).await?))
}
