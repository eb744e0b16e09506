//! `/api/self-assessments`: a factory manager's self-assessment of their own factory on the
//! current published checklist, its capture cluster by cluster, its completion and result
//! beside the industry and the latest official report, and sharing it with an organisation
//! that holds report access. Self-assessments live in their own tables: they never reach the
//! industry figures. An organisation's user opening one shared with it is written to the
//! factory's access ledger, like a report opened.

use std::collections::HashSet;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use shared::api::access::SELF_ASSESSMENT_LEDGER_WINDOW_SECONDS;
use shared::api::self_assessments::{
    ClusterOption, NewSelfAssessment, OfficialReference, SaveSelfAnswers, SelfAnswer,
    SelfAssessmentCapture, SelfAssessmentCluster, SelfAssessmentDetail, SelfAssessmentOptions,
    SelfAssessmentResult, SelfAssessmentSummary, ShareRequest,
};
use shared::checklist::ChecklistContent;
use shared::date::cambodia_date;
use shared::error::FieldError;
use shared::permissions::{may, Action};
use shared::roles::Role;
use shared::wire::SelfAssessmentStatus;

use crate::db::self_assessments::{ListScope, Record};
use crate::db::{
    access_log, audit, checklists, corrective_actions, grants, report_documents, reports,
    self_assessments, visits,
};
use crate::domain::answers::{self, AnswerParts, QuestionFit, MAX_ANSWERS_PER_BATCH};
use crate::domain::self_assessment::{self as rules, StoredScores};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{grant_scope, has_active_access, require, GrantScope};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/self-assessments", get(list).post(start))
        .route("/self-assessments/options", get(options))
        .route("/self-assessments/{id}", get(detail))
        .route("/self-assessments/{id}/clusters/{code}", get(capture))
        .route("/self-assessments/{id}/answers", post(save_answers))
        .route("/self-assessments/{id}/complete", post(complete))
        .route("/self-assessments/{id}/result", get(result))
        .route("/self-assessments/{id}/shares", post(share))
        .route(
            "/self-assessments/{id}/shares/{organisation_id}",
            delete(unshare),
        )
}

/// A self-assessment the user may read, and how.
struct Visible {
    record: Record,
    /// The factory's own manager (may change it, reads the notes).
    own: bool,
    /// The organisation of a buyer it is shared with (reads the notes, only its own share).
    organisation: Option<i64>,
}

impl Visible {
    fn factory_id(&self) -> i64 {
        self.record.summary.factory_id
    }

    fn notes_visible(&self) -> bool {
        self.own || self.organisation.is_some()
    }

    fn in_progress(&self) -> bool {
        self.record.summary.status == SelfAssessmentStatus::InProgress
    }
}

/// `Forbidden` for users who may never read any self-assessment (union representatives, a
/// factory manager without a factory).
fn require_reader(user: &ActiveUser) -> Result<(), ApiError> {
    let actor = user.actor();
    require(
        user,
        Action::ViewSelfAssessment {
            factory_id: actor.factory_id.unwrap_or_default(),
            shared: true,
        },
    )
}

/// Loads a self-assessment the user may read. Other factories and buyers it is not shared
/// with (or whose report access lapsed) get "not found", so they learn nothing of it.
async fn visible(state: &AppState, user: &ActiveUser, id: i64) -> Result<Visible, ApiError> {
    require_reader(user)?;
    let record = self_assessments::find(&state.db.pool, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let factory_id = record.summary.factory_id;
    let organisation = match grant_scope(user) {
        GrantScope::Organisation(organisation_id)
            if self_assessments::is_shared_with(&state.db.pool, id, organisation_id).await?
                && has_active_access(state, user, factory_id).await? =>
        {
            Some(organisation_id)
        }
        _ => None,
    };
    let actor = user.actor();
    if !may(
        &actor,
        Action::ViewSelfAssessment {
            factory_id,
            shared: organisation.is_some(),
        },
    ) {
        return Err(ApiError::NotFound);
    }
    let mut record = record;
    let mut shared_with = self_assessments::shares(&state.db.pool, id).await?;
    if let Some(organisation_id) = organisation {
        // A buyer learns only of its own share.
        shared_with.retain(|share| share.organisation_id == organisation_id);
    }
    record.summary.shared_with = shared_with;
    Ok(Visible {
        own: may(&actor, Action::ConductSelfAssessment { factory_id }),
        organisation,
        record,
    })
}

/// Loads a self-assessment the user may change: its own factory's manager.
async fn own(state: &AppState, user: &ActiveUser, id: i64) -> Result<Visible, ApiError> {
    let visible = visible(state, user, id).await?;
    require(
        user,
        Action::ConductSelfAssessment {
            factory_id: visible.factory_id(),
        },
    )?;
    Ok(visible)
}

/// The user's own factory, when they may conduct its self-assessments.
fn own_factory(user: &ActiveUser) -> Result<i64, ApiError> {
    let factory_id = user.actor().factory_id.unwrap_or_default();
    require(user, Action::ConductSelfAssessment { factory_id })?;
    Ok(factory_id)
}

/// How a read of a shared self-assessment enters the factory's access ledger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LedgerRead {
    /// Opening the result: a line each time.
    Always,
    /// Its progress or one cluster's answers: a line only when the reader has none for it
    /// within [`SELF_ASSESSMENT_LEDGER_WINDOW_SECONDS`].
    UnlessRecent,
}

/// Writes an organisation's read of a self-assessment shared with it to the factory's access
/// ledger, on the read's own connection. The factory's managers and programme staff are not
/// written.
async fn record_read(
    connection: &mut sqlx::AnyConnection,
    state: &AppState,
    user: &ActiveUser,
    visible: &Visible,
    read: LedgerRead,
) -> Result<(), ApiError> {
    let Some(organisation_id) = visible.organisation else {
        return Ok(());
    };
    let now = state.clock.now();
    let view = access_log::SelfAssessmentView {
        factory_id: visible.factory_id(),
        self_assessment_id: visible.record.summary.id,
        organisation_id,
        user_id: user.0.user.id,
        viewed_at: now,
    };
    match read {
        LedgerRead::Always => access_log::record_self_assessment(&mut *connection, &view).await?,
        LedgerRead::UnlessRecent => {
            access_log::record_self_assessment_unless_read_since(
                &mut *connection,
                &view,
                now - SELF_ASSESSMENT_LEDGER_WINDOW_SECONDS,
            )
            .await?;
        }
    }
    Ok(())
}

/// The chosen clusters of the self-assessment's checklist version.
async fn chosen_content(
    connection: &mut sqlx::AnyConnection,
    summary: &SelfAssessmentSummary,
) -> Result<ChecklistContent, ApiError> {
    let content = checklists::load_content(connection, summary.checklist_version_id).await?;
    Ok(rules::restricted(&content, &summary.clusters))
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(default)]
    factory_id: Option<i64>,
}

async fn list(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<SelfAssessmentSummary>>, ApiError> {
    require_reader(&user)?;
    let actor = user.actor();
    let scope = match (actor.role, grant_scope(&user)) {
        (Role::FactoryManager, _) => {
            let own = own_factory(&user)?;
            if query.factory_id.is_some_and(|id| id != own) {
                return Err(ApiError::NotFound);
            }
            ListScope::Factory(own)
        }
        (_, GrantScope::Organisation(organisation_id)) => ListScope::SharedWith {
            organisation_id,
            factory_id: query.factory_id,
            today: cambodia_date(state.clock.now()),
        },
        (_, GrantScope::Nothing) => return Ok(Json(Vec::new())),
        (_, GrantScope::Unlimited) => {
            let factory_id = query
                .factory_id
                .ok_or_else(|| ApiError::field("factory_id", "required"))?;
            require(
                &user,
                Action::ViewSelfAssessment {
                    factory_id,
                    shared: false,
                },
            )?;
            ListScope::Factory(factory_id)
        }
    };
    let mut connection = state.db.pool.acquire().await?;
    let mut summaries = self_assessments::list(&mut connection, &scope).await?;
    if let ListScope::SharedWith {
        organisation_id, ..
    } = scope
    {
        for summary in &mut summaries {
            summary
                .shared_with
                .retain(|share| share.organisation_id == organisation_id);
        }
    }
    Ok(Json(summaries))
}

async fn options(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<SelfAssessmentOptions>, ApiError> {
    own_factory(&user)?;
    let mut connection = state.db.pool.acquire().await?;
    let version_id = checklists::current_version_id(&mut *connection)
        .await?
        .ok_or(ApiError::Conflict("no_checklist_version"))?;
    let version = checklists::find_version(&mut *connection, version_id)
        .await?
        .ok_or(ApiError::Conflict("no_checklist_version"))?;
    let content = checklists::load_content(&mut connection, version_id).await?;
    Ok(Json(SelfAssessmentOptions {
        checklist_version_id: version_id,
        checklist_label: version.label,
        clusters: content
            .clusters
            .iter()
            .filter(|cluster| cluster.scored)
            .map(|cluster| ClusterOption {
                code: cluster.code.clone(),
                name: cluster.name.clone(),
                questions: cluster.questions().count() as i64,
            })
            .collect(),
    }))
}

async fn start(
    State(state): State<AppState>,
    user: ActiveUser,
    AppJson(input): AppJson<NewSelfAssessment>,
) -> Result<(StatusCode, Json<SelfAssessmentSummary>), ApiError> {
    let factory_id = own_factory(&user)?;
    let mut connection = state.db.pool.acquire().await?;
    let version_id = checklists::current_version_id(&mut *connection)
        .await?
        .ok_or(ApiError::Conflict("no_checklist_version"))?;
    let content = checklists::load_content(&mut connection, version_id).await?;
    let clusters = rules::chosen_clusters(&content, &input.clusters)
        .map_err(|_| ApiError::field("clusters", "cluster_unknown"))?;
    if self_assessments::in_progress_of(&mut *connection, factory_id)
        .await?
        .is_some()
    {
        return Err(ApiError::Conflict("self_assessment_in_progress"));
    }
    let now = state.clock.now();
    // The partial unique index settles two starts racing past the check above.
    let id = self_assessments::insert(
        &mut *connection,
        factory_id,
        version_id,
        &clusters,
        user.0.user.id,
        now,
    )
    .await
    .map_err(|error| {
        if crate::db::is_unique_violation(&error) {
            ApiError::Conflict("self_assessment_in_progress")
        } else {
            ApiError::from(error)
        }
    })?;
    tracing::info!(
        self_assessment_id = id,
        by = user.0.user.id,
        "self-assessment started"
    );
    let record = self_assessments::find(&mut *connection, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok((StatusCode::CREATED, Json(record.summary)))
}

async fn detail(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
) -> Result<Json<SelfAssessmentDetail>, ApiError> {
    let visible = visible(&state, &user, id).await?;
    let mut connection = state.db.pool.acquire().await?;
    let content = chosen_content(&mut connection, &visible.record.summary).await?;
    let answers = self_assessments::answers(&mut *connection, id).await?;
    record_read(
        &mut connection,
        &state,
        &user,
        &visible,
        LedgerRead::UnlessRecent,
    )
    .await?;
    Ok(Json(SelfAssessmentDetail {
        progress: rules::progress(&content, &answers),
        unanswered: rules::missing_answers(&content, &answers).len() as i64,
        editable: visible.own && visible.in_progress(),
        summary: visible.record.summary,
    }))
}

async fn capture(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath((id, code)): AppPath<(i64, String)>,
) -> Result<Json<SelfAssessmentCapture>, ApiError> {
    let visible = visible(&state, &user, id).await?;
    let mut connection = state.db.pool.acquire().await?;
    let content = chosen_content(&mut connection, &visible.record.summary).await?;
    let cluster = content
        .clusters
        .into_iter()
        .find(|cluster| cluster.code == code)
        .ok_or(ApiError::NotFound)?;
    let codes: HashSet<&str> = cluster.questions().map(|q| q.code.as_str()).collect();
    let notes_visible = visible.notes_visible();
    let answers = self_assessments::answers(&mut *connection, id)
        .await?
        .into_iter()
        .filter(|answer| codes.contains(answer.question_code.as_str()))
        .map(|answer| without_note_unless(notes_visible, answer))
        .collect();
    record_read(
        &mut connection,
        &state,
        &user,
        &visible,
        LedgerRead::UnlessRecent,
    )
    .await?;
    Ok(Json(SelfAssessmentCapture {
        editable: visible.own && visible.in_progress(),
        cluster_codes: visible.record.summary.clusters.clone(),
        summary: visible.record.summary,
        cluster,
        answers,
    }))
}

/// Programme staff never read the factory's notes.
fn without_note_unless(notes_visible: bool, answer: SelfAnswer) -> SelfAnswer {
    if notes_visible {
        answer
    } else {
        SelfAnswer {
            note: String::new(),
            ..answer
        }
    }
}

/// What is wrong with one answer of a batch.
fn answer_problems(index: usize, answer: &SelfAnswer, fit: QuestionFit) -> Vec<FieldError> {
    let texts = [
        ("value", answer.value.as_str()),
        ("note", answer.note.as_str()),
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

/// Saves a batch of answers whole or not at all; each is kept only if it is newer than what
/// is stored, so a browser may resend a batch whose answer it never received.
async fn save_answers(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
    AppJson(batch): AppJson<SaveSelfAnswers>,
) -> Result<Json<SaveSelfAnswers>, ApiError> {
    let visible = own(&state, &user, id).await?;
    if !visible.in_progress() {
        return Err(ApiError::Conflict("self_assessment_not_editable"));
    }
    if batch.answers.len() > MAX_ANSWERS_PER_BATCH {
        return Err(ApiError::field("answers", "too_long"));
    }
    let summary = &visible.record.summary;
    let questions = checklists::question_refs(&state.db.pool, summary.checklist_version_id).await?;
    let mut connection = state.db.pool.acquire().await?;
    let chosen = chosen_content(&mut connection, summary).await?;
    drop(connection);
    let chosen_codes: HashSet<&str> = chosen.questions().map(|q| q.code.as_str()).collect();
    let problems: Vec<FieldError> = batch
        .answers
        .iter()
        .enumerate()
        .flat_map(|(index, answer)| {
            let fit = match questions.get(&answer.question_code) {
                None => QuestionFit::Unknown,
                Some(_) if !chosen_codes.contains(answer.question_code.as_str()) => {
                    QuestionFit::NotChosen
                }
                Some(question) => QuestionFit::Kind(question.kind),
            };
            answer_problems(index, answer, fit)
        })
        .collect();
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    let latest_allowed_ms = answers::latest_allowed_ms(now);
    let mut transaction = state.db.pool.begin().await?;
    if !self_assessments::hold_in_progress(&mut *transaction, id).await? {
        return Err(ApiError::Conflict("self_assessment_not_editable"));
    }
    for answer in &batch.answers {
        let answer = SelfAnswer {
            changed_at: answer.changed_at.min(latest_allowed_ms),
            ..answer.clone()
        };
        self_assessments::upsert_answer(
            &mut transaction,
            id,
            questions[&answer.question_code].id,
            &answer,
            user.0.user.id,
            now,
        )
        .await?;
    }
    transaction.commit().await?;
    let sent: HashSet<&str> = batch
        .answers
        .iter()
        .map(|answer| answer.question_code.as_str())
        .collect();
    let answers = self_assessments::answers(&state.db.pool, id)
        .await?
        .into_iter()
        .filter(|answer| sent.contains(answer.question_code.as_str()))
        .collect();
    Ok(Json(SaveSelfAnswers { answers }))
}

async fn complete(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
) -> Result<Json<SelfAssessmentDetail>, ApiError> {
    let visible = own(&state, &user, id).await?;
    if !visible.in_progress() {
        return Err(ApiError::Conflict("self_assessment_not_editable"));
    }
    let mut connection = state.db.pool.acquire().await?;
    let content = chosen_content(&mut connection, &visible.record.summary).await?;
    drop(connection);
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    // Moved first, then checked inside the transaction: no answer can change in between.
    if !self_assessments::mark_completed(&mut *transaction, id, user.0.user.id, now).await? {
        return Err(ApiError::Conflict("self_assessment_not_editable"));
    }
    let answers = self_assessments::answers(&mut *transaction, id).await?;
    let missing = rules::missing_answers(&content, &answers);
    if !missing.is_empty() {
        return Err(ApiError::Validation(
            missing
                .iter()
                .map(|code| FieldError::new(&format!("answers.{code}"), "answer_missing"))
                .collect(),
        ));
    }
    let scores = rules::scores_of(&content, &answers);
    let json = serde_json::to_string(&scores)
        .map_err(|error| ApiError::Internal(format!("scores: {error}")))?;
    self_assessments::store_scores(&mut *transaction, id, &json, scores.overall_rate()).await?;
    audit::record(
        &mut *transaction,
        Some(user.0.user.id),
        &format!("self_assessment_completed:{id}"),
        None,
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(
        self_assessment_id = id,
        by = user.0.user.id,
        "self-assessment completed"
    );
    let visible = own(&state, &user, id).await?;
    let mut connection = state.db.pool.acquire().await?;
    let answers = self_assessments::answers(&mut *connection, id).await?;
    Ok(Json(SelfAssessmentDetail {
        progress: rules::progress(&content, &answers),
        unanswered: 0,
        editable: false,
        summary: visible.record.summary,
    }))
}

async fn result(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
) -> Result<Json<SelfAssessmentResult>, ApiError> {
    let visible = visible(&state, &user, id).await?;
    let scores: StoredScores = match (&visible.record.scores, visible.in_progress()) {
        (Some(json), false) => serde_json::from_str(json)
            .map_err(|error| ApiError::Internal(format!("stored scores: {error}")))?,
        _ => return Err(ApiError::Conflict("self_assessment_unfinished")),
    };
    let factory_id = visible.factory_id();
    let mut connection = state.db.pool.acquire().await?;
    let content = chosen_content(&mut connection, &visible.record.summary).await?;
    let industry = report_documents::industry_averages(&mut *connection).await?;
    // A buyer compares with the reports it may read: those past their third-party date.
    let visible_before = visible.organisation.map(|_| state.clock.now());
    let official_id = reports::latest_report(&mut *connection, factory_id, visible_before).await?;
    let (official, official_scores, comparison) = match official_id {
        Some(visit_id) => {
            let visit = visits::find(&mut *connection, visit_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            let official_scores = visits::scores(&mut connection, visit_id).await?;
            let outcomes = reports::point_outcomes(&mut *connection, visit_id).await?;
            let actions = corrective_actions::for_visit(&mut connection, visit_id).await?;
            let comparison = rules::compare(
                &content,
                &scores.points,
                &outcomes,
                &rules::reported_done(&actions),
            );
            (
                Some(OfficialReference {
                    visit_id,
                    visit_date: visit.start_date,
                }),
                Some(official_scores),
                comparison,
            )
        }
        None => (None, None, rules::Comparison::default()),
    };
    let clusters = scores
        .clusters
        .iter()
        .map(|cluster| SelfAssessmentCluster {
            code: cluster.code.clone(),
            name: cluster.name.clone(),
            points_assessed: cluster.points_assessed,
            points_non_compliant: cluster.points_non_compliant,
            non_compliance_rate: cluster.non_compliance_rate,
            industry_rate: industry.get(&cluster.code).copied().flatten(),
            official_rate: official_scores.as_ref().and_then(|official| {
                official
                    .clusters
                    .iter()
                    .find(|c| c.code == cluster.code)
                    .and_then(|c| c.non_compliance_rate)
            }),
        })
        .collect();
    let history =
        self_assessments::history(&mut *connection, factory_id, visible.organisation).await?;
    let answers = self_assessments::answers(&mut *connection, id).await?;
    let non_compliant = rules::non_compliant_questions(&content, &answers);
    let notes = if visible.notes_visible() {
        answers
            .into_iter()
            .filter(|answer| !answer.note.trim().is_empty())
            .collect()
    } else {
        Vec::new()
    };
    record_read(&mut connection, &state, &user, &visible, LedgerRead::Always).await?;
    Ok(Json(SelfAssessmentResult {
        summary: visible.record.summary,
        clusters,
        official,
        blind_spots: comparison.blind_spots,
        reported_fixed: comparison.reported_fixed,
        points_compared: comparison.points_compared,
        points_agreeing: comparison.points_agreeing,
        non_compliant,
        history,
        notes,
    }))
}

async fn share(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(id): AppPath<i64>,
    AppJson(request): AppJson<ShareRequest>,
) -> Result<Json<SelfAssessmentSummary>, ApiError> {
    let visible = own(&state, &user, id).await?;
    if visible.in_progress() {
        return Err(ApiError::Conflict("self_assessment_unfinished"));
    }
    let factory_id = visible.factory_id();
    let now = state.clock.now();
    let organisation_id = request.organisation_id;
    if !grants::organisation_may_see(
        &state.db.pool,
        organisation_id,
        factory_id,
        &cambodia_date(now),
    )
    .await?
    {
        return Err(ApiError::field(
            "organisation_id",
            "organisation_without_access",
        ));
    }
    let mut transaction = state.db.pool.begin().await?;
    if self_assessments::share(&mut transaction, id, organisation_id, user.0.user.id, now).await? {
        grants::record_self_assessment_event(
            &mut transaction,
            factory_id,
            organisation_id,
            id,
            true,
            user.0.user.id,
            now,
        )
        .await?;
    }
    transaction.commit().await?;
    tracing::info!(
        self_assessment_id = id,
        organisation_id,
        by = user.0.user.id,
        "self-assessment shared"
    );
    Ok(Json(own(&state, &user, id).await?.record.summary))
}

async fn unshare(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath((id, organisation_id)): AppPath<(i64, i64)>,
) -> Result<Json<SelfAssessmentSummary>, ApiError> {
    let visible = own(&state, &user, id).await?;
    let now = state.clock.now();
    let mut transaction = state.db.pool.begin().await?;
    if !self_assessments::revoke_share(&mut *transaction, id, organisation_id, user.0.user.id, now)
        .await?
    {
        return Err(ApiError::NotFound);
    }
    grants::record_self_assessment_event(
        &mut transaction,
        visible.factory_id(),
        organisation_id,
        id,
        false,
        user.0.user.id,
        now,
    )
    .await?;
    transaction.commit().await?;
    tracing::info!(
        self_assessment_id = id,
        organisation_id,
        by = user.0.user.id,
        "self-assessment share revoked"
    );
    Ok(Json(own(&state, &user, id).await?.record.summary))
}
