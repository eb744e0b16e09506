//! What follows training, under `/api/training`: a factory's training record (sessions, the
//! change on the trained points, needs assessments, its improvement plan), the trainer's needs
//! assessment at a clarification meeting, the factory's improvement-plan actions checked by
//! monitors at a later visit, and the programme's figures of whether training changed
//! compliance and who took part.
//!
//! A factory's record is read by programme staff and the factory's own manager; anyone else
//! gets "not found". Plan actions follow the corrective-action rules (statuses, updates,
//! verification at a later visit).

use std::collections::{BTreeMap, BTreeSet};

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use shared::analytics::{period_of, Granularity, GroupDimension};
use shared::api::corrective_actions::{ActionUpdateInput, VerificationInput};
use shared::api::training::{
    CourseEffect, FactorySession, FactoryTraining, NeedsAssessmentInput, NewPlanAction,
    ParticipationQuery, ParticipationReport, ParticipationRow, PointsChange,
};
use shared::checklist::Translated;
use shared::corrective_action::{
    new_action_problems, update_problems, verification_problems, ActionStatus, Verification,
};
use shared::date::cambodia_date;
use shared::error::FieldError;
use shared::permissions::{may, Action};
use shared::training::{
    change_around, course_effect, needs_assessment_problems, topics_cover, SessionStatus,
};

use crate::db::corrective_actions::{self, ActionBook};
use crate::db::training_plans::{self, PlanSource};
use crate::db::{checklists, factories, training};
use crate::http::error::ApiError;
use crate::http::extract::{ActiveUser, AppJson, AppPath};
use crate::http::guards::{checking_visit_after, require, visit_on_team_after};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/training/factories/{id}", get(factory_training))
        .route(
            "/training/factories/{id}/needs-assessments",
            post(assess_needs),
        )
        .route("/training/factories/{id}/plan", post(post_plan_action))
        .route("/training/plan-actions/{id}/updates", post(post_update))
        .route("/training/plan-actions/{id}/verification", post(verify))
        .route("/training/effect", get(effect))
        .route("/training/participation", get(participation))
}

/// Refuses with "not found" unless the user reads the factory's training record.
fn require_reader(user: &ActiveUser, factory_id: i64) -> Result<(), ApiError> {
    if may(&user.actor(), Action::ViewTraining)
        && may(&user.actor(), Action::ViewFactory { factory_id })
    {
        Ok(())
    } else {
        Err(ApiError::NotFound)
    }
}

/// Visits after this day check a session's plan actions: the session's last day.
const NO_VISIT: i64 = i64::MAX;

/// The compliance points of the checklist in use, by code, and every version's point ids.
struct Points {
    current: Vec<String>,
    names: BTreeMap<String, Translated>,
    ids: Vec<(i64, String)>,
}

impl Points {
    async fn load(connection: &mut sqlx::AnyConnection) -> Result<Points, ApiError> {
        let mut current = Vec::new();
        let mut names = BTreeMap::new();
        if let Some(version) = checklists::current_version_id(&mut *connection).await? {
            let content = checklists::load_content(connection, version).await?;
            for cluster in content.clusters.iter().filter(|cluster| cluster.scored) {
                for point in &cluster.points {
                    current.push(point.code.clone());
                    names.insert(point.code.clone(), point.name.clone());
                }
            }
        }
        let ids = training_plans::checklist_points(connection).await?;
        Ok(Points {
            current,
            names,
            ids,
        })
    }

    /// The current points a course on `topics` covers.
    fn covered(&self, topics: &[String]) -> Vec<String> {
        self.current
            .iter()
            .filter(|code| topics_cover(topics, code))
            .cloned()
            .collect()
    }

    /// Every version's ids of the points a course on `topics` covers.
    fn ids_covered(&self, topics: &[String]) -> Vec<i64> {
        self.ids
            .iter()
            .filter(|(_, code)| topics_cover(topics, code))
            .map(|(id, _)| *id)
            .collect()
    }
}

async fn load_factory_training(
    state: &AppState,
    connection: &mut sqlx::AnyConnection,
    user: &ActiveUser,
    factory_id: i64,
) -> Result<FactoryTraining, ApiError> {
    let factory = factories::find(&mut *connection, factory_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let points = Points::load(connection).await?;
    let attended: BTreeMap<i64, i64> = training_plans::attendance(connection, Some(factory_id))
        .await?
        .into_iter()
        .map(|(session_id, _, women, men)| (session_id, women + men))
        .collect();
    let mut sessions = Vec::new();
    for session in training::sessions(connection, Some(factory_id)).await? {
        let topics = training::find_course(connection, session.course_id)
            .await?
            .map(|course| course.topics)
            .unwrap_or_default();
        let attended = attended.get(&session.id).copied().unwrap_or(0);
        let change = if session.status == SessionStatus::Held && attended > 0 {
            let assessments = training_plans::factory_assessments_on_points(
                connection,
                &points.ids_covered(&topics),
                factory_id,
            )
            .await?;
            let own: Vec<_> = assessments.iter().collect();
            change_around(&own, &session.starts_on, &session.ends_on)
        } else {
            PointsChange::default()
        };
        sessions.push(FactorySession {
            session_id: session.id,
            course_id: session.course_id,
            course_title: session.course_title,
            starts_on: session.starts_on,
            ends_on: session.ends_on,
            status: session.status,
            attended,
            points: points.covered(&topics),
            change,
        });
    }
    let plan = training_plans::plan(connection, factory_id).await?;
    let may_assess = may(&user.actor(), Action::ManageTraining);
    // A monitor verifies from a visit after the earliest session the plan follows.
    let earliest = sessions
        .iter()
        .filter(|session| {
            plan.iter()
                .any(|a| a.session_id == Some(session.session_id))
        })
        .map(|session| session.ends_on.clone())
        .min();
    let may_verify = match earliest {
        Some(date) if !plan.is_empty() => {
            visit_on_team_after(state, user, factory_id, &date, NO_VISIT)
                .await?
                .is_some()
        }
        _ => false,
    };
    let needs_assessments = training_plans::needs_assessments(connection, factory_id).await?;
    let mentioned: BTreeSet<&String> = sessions
        .iter()
        .flat_map(|session| &session.points)
        .chain(needs_assessments.iter().flat_map(|needs| &needs.points))
        .collect();
    let point_names = mentioned
        .into_iter()
        .filter_map(|code| Some((code.clone(), points.names.get(code)?.clone())))
        .collect();
    Ok(FactoryTraining {
        factory_id,
        factory_name: factory.name,
        sessions,
        needs_assessments,
        plan,
        meetings: if may_assess {
            training_plans::factory_meetings(connection, factory_id).await?
        } else {
            Vec::new()
        },
        may_post: may(&user.actor(), Action::PostCorrectiveAction { factory_id }),
        may_verify,
        may_assess,
        point_names,
    })
}

async fn factory_training(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
) -> Result<Json<FactoryTraining>, ApiError> {
    require_reader(&user, factory_id)?;
    let mut connection = state.db.pool.acquire().await?;
    Ok(Json(
        load_factory_training(&state, &mut connection, &user, factory_id).await?,
    ))
}

/// A trainer who joined a clarification meeting of the factory records its needs.
async fn assess_needs(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
    AppJson(input): AppJson<NeedsAssessmentInput>,
) -> Result<(StatusCode, Json<FactoryTraining>), ApiError> {
    require(&user, Action::ManageTraining)?;
    let mut transaction = state.db.pool.begin().await?;
    let meeting = training_plans::meeting_owner(&mut transaction, input.meeting_id)
        .await?
        .filter(|meeting| meeting.factory_id == factory_id);
    let Some(meeting) = meeting else {
        return Err(ApiError::Validation(vec![FieldError::new(
            "meeting_id",
            "choose_one",
        )]));
    };
    if meeting.status == "requested" {
        return Err(ApiError::Conflict("meeting_not_scheduled"));
    }
    let points = Points::load(&mut transaction).await?;
    let courses: BTreeSet<i64> = training::courses(&mut transaction)
        .await?
        .into_iter()
        .map(|course| course.id)
        .collect();
    let problems = needs_assessment_problems(
        &input,
        |code| points.current.iter().any(|known| known == code),
        |id| courses.contains(&id),
    );
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let now = state.clock.now();
    let id = training_plans::insert_needs_assessment(
        &mut transaction,
        factory_id,
        &input,
        user.0.user.id,
        now,
    )
    .await?;
    let record = load_factory_training(&state, &mut transaction, &user, factory_id).await?;
    transaction.commit().await?;
    tracing::info!(
        id,
        factory_id,
        by = user.0.user.id,
        "training needs assessed"
    );
    Ok((StatusCode::CREATED, Json(record)))
}

/// The factory's manager posts an action on a point a session it attended covered, or that a
/// needs assessment found.
async fn post_plan_action(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(factory_id): AppPath<i64>,
    AppJson(input): AppJson<NewPlanAction>,
) -> Result<(StatusCode, Json<FactoryTraining>), ApiError> {
    require_reader(&user, factory_id)?;
    require(&user, Action::PostCorrectiveAction { factory_id })?;
    let mut problems = new_action_problems(&input.action);
    let code = input.action.question_code.trim().to_owned();
    let mut transaction = state.db.pool.begin().await?;
    let source = match (input.session_id, input.needs_assessment_id) {
        (Some(session_id), None) => {
            let session = training::find_session(&mut transaction, session_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if !training::is_invited(&mut transaction, session_id, factory_id).await? {
                return Err(ApiError::NotFound);
            }
            if session.status != SessionStatus::Held {
                return Err(ApiError::Conflict("training_not_held"));
            }
            let attended = training_plans::attendance(&mut transaction, Some(factory_id))
                .await?
                .into_iter()
                .any(|(id, _, women, men)| id == session_id && women + men > 0);
            if !attended {
                return Err(ApiError::Conflict("training_not_attended"));
            }
            let topics = training::find_course(&mut transaction, session.course_id)
                .await?
                .map(|course| course.topics)
                .unwrap_or_default();
            let points = Points::load(&mut transaction).await?;
            if !code.is_empty() && !points.covered(&topics).contains(&code) {
                problems.push(FieldError::new("question_code", "not_course_point"));
            }
            PlanSource::Session(session_id)
        }
        (None, Some(assessment_id)) => {
            let found = training_plans::needs_points(&mut transaction, assessment_id, factory_id)
                .await?
                .ok_or(ApiError::NotFound)?;
            if !code.is_empty() && !found.contains(&code) {
                problems.push(FieldError::new("question_code", "not_needs_point"));
            }
            PlanSource::NeedsAssessment(assessment_id)
        }
        _ => {
            problems.push(FieldError::new("session_id", "choose_one"));
            return Err(ApiError::Validation(problems));
        }
    };
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let id = training_plans::insert_plan_action(
        &mut transaction,
        factory_id,
        source,
        &input.action,
        user.0.user.id,
        state.clock.now(),
    )
    .await?;
    let record = load_factory_training(&state, &mut transaction, &user, factory_id).await?;
    transaction.commit().await?;
    tracing::info!(
        id,
        factory_id,
        by = user.0.user.id,
        "training plan action posted"
    );
    Ok((StatusCode::CREATED, Json(record)))
}

/// The plan action's factory, refusing anyone who may not read it.
async fn readable_plan_action(
    state: &AppState,
    user: &ActiveUser,
    action_id: i64,
) -> Result<training_plans::PlanActionOwner, ApiError> {
    let mut connection = state.db.pool.acquire().await?;
    let owner = training_plans::plan_action_owner(&mut connection, action_id)
        .await?
        .ok_or(ApiError::NotFound)?;
    require_reader(user, owner.factory_id)?;
    Ok(owner)
}

async fn post_update(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(action_id): AppPath<i64>,
    AppJson(input): AppJson<ActionUpdateInput>,
) -> Result<Json<FactoryTraining>, ApiError> {
    let owner = readable_plan_action(&state, &user, action_id).await?;
    require(
        &user,
        Action::PostCorrectiveAction {
            factory_id: owner.factory_id,
        },
    )?;
    let problems = update_problems(&input);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let status = input.status.as_deref().and_then(ActionStatus::parse);
    let mut transaction = state.db.pool.begin().await?;
    corrective_actions::add_update(
        &mut transaction,
        ActionBook::TrainingPlan,
        action_id,
        input.comment.trim(),
        status,
        user.0.user.id,
        state.clock.now(),
    )
    .await?;
    let record = load_factory_training(&state, &mut transaction, &user, owner.factory_id).await?;
    transaction.commit().await?;
    tracing::info!(
        action_id,
        by = user.0.user.id,
        "training plan action updated"
    );
    Ok(Json(record))
}

/// A monitor on a visit of the factory after the session (or the needs assessment) checks an
/// action on site.
async fn verify(
    State(state): State<AppState>,
    user: ActiveUser,
    AppPath(action_id): AppPath<i64>,
    AppJson(input): AppJson<VerificationInput>,
) -> Result<Json<FactoryTraining>, ApiError> {
    let owner = readable_plan_action(&state, &user, action_id).await?;
    let after = match (&owner.session_ends_on, owner.assessed_at) {
        (Some(ends_on), _) => ends_on.clone(),
        (None, Some(assessed_at)) => cambodia_date(assessed_at),
        (None, None) => return Err(ApiError::NotFound),
    };
    let visit_id = checking_visit_after(
        &state,
        &user,
        owner.factory_id,
        &after,
        NO_VISIT,
        |on_later_visit_team| Action::VerifyCorrectiveAction {
            on_later_visit_team,
        },
    )
    .await?;
    let problems = verification_problems(&input);
    if !problems.is_empty() {
        return Err(ApiError::Validation(problems));
    }
    let Some(outcome) = Verification::parse(&input.outcome) else {
        return Err(ApiError::Forbidden);
    };
    let mut transaction = state.db.pool.begin().await?;
    corrective_actions::verify(
        &mut transaction,
        ActionBook::TrainingPlan,
        action_id,
        outcome,
        input.note.trim(),
        user.0.user.id,
        visit_id,
        state.clock.now(),
    )
    .await?;
    let record = load_factory_training(&state, &mut transaction, &user, owner.factory_id).await?;
    transaction.commit().await?;
    tracing::info!(
        action_id,
        visit_id,
        by = user.0.user.id,
        outcome = outcome.as_str(),
        "training plan action checked"
    );
    Ok(Json(record))
}

/// For each course with a held session: participating factories' change on its points beside
/// the other factories' (`shared::training::course_effect`).
async fn effect(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<CourseEffect>>, ApiError> {
    require(&user, Action::ViewTrainingReports)?;
    let mut connection = state.db.pool.acquire().await?;
    // The figures change only with a publication or amendment, a session report, a course or a
    // checklist version: until then the last computation stands.
    let data_state = training_plans::effect_state(&mut connection).await?;
    let cached = state
        .db
        .training_effect
        .lock()
        .ok()
        .and_then(|cache| cache.clone())
        .filter(|(computed_from, _)| *computed_from == data_state);
    if let Some((_, effects)) = cached {
        return Ok(Json(effects.as_ref().clone()));
    }
    let points = Points::load(&mut connection).await?;
    let mut held = training_plans::held_sessions(&mut connection).await?;
    let courses: Vec<_> = training::courses(&mut connection)
        .await?
        .into_iter()
        .filter_map(|course| Some((held.remove(&course.id)?, course)))
        .collect();
    let point_sets: Vec<Vec<i64>> = courses
        .iter()
        .map(|(_, course)| points.ids_covered(&course.topics))
        .collect();
    let assessments =
        training_plans::assessments_on_point_sets(&mut connection, &point_sets).await?;
    let effects = courses
        .into_iter()
        .zip(assessments)
        .map(|((sessions, course), assessments)| {
            let (participants, others, difference) = course_effect(&sessions, &assessments);
            CourseEffect {
                course_id: course.id,
                points: points.covered(&course.topics),
                title: course.title,
                sessions_held: sessions.len() as i64,
                participants,
                others,
                difference,
            }
        })
        .collect::<Vec<_>>();
    if let Ok(mut cache) = state.db.training_effect.lock() {
        *cache = Some((data_state, std::sync::Arc::new(effects.clone())));
    }
    Ok(Json(effects))
}

#[derive(Default)]
struct Tally {
    title: Translated,
    sessions: BTreeSet<i64>,
    factories: BTreeSet<i64>,
    women: i64,
    men: i64,
}

impl Tally {
    fn add(&mut self, fact: &training_plans::ParticipationFact) {
        self.sessions.insert(fact.session_id);
        self.factories.insert(fact.factory_id);
        self.women += fact.women;
        self.men += fact.men;
    }
}

/// Rows ordered by key: course ids numerically, periods and groups as text.
fn rows<K: ToString>(tallies: BTreeMap<K, Tally>) -> Vec<ParticipationRow> {
    tallies
        .into_iter()
        .map(|(key, tally)| ParticipationRow {
            key: key.to_string(),
            title: tally.title,
            sessions: tally.sessions.len() as i64,
            factories: tally.factories.len() as i64,
            women: tally.women,
            men: tally.men,
        })
        .collect()
}

/// Participants who attended held sessions, by course, period and factory group.
async fn participation(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<ParticipationQuery>,
) -> Result<Json<ParticipationReport>, ApiError> {
    require(&user, Action::ViewTrainingReports)?;
    let granularity = if query.granularity.is_empty() {
        Some(Granularity::Year)
    } else {
        Granularity::parse(&query.granularity)
    };
    let dimension = if query.dimension.is_empty() {
        Some(GroupDimension::ProductType)
    } else {
        GroupDimension::parse(&query.dimension)
    };
    let (Some(granularity), Some(dimension)) = (granularity, dimension) else {
        let mut problems = Vec::new();
        if granularity.is_none() {
            problems.push(FieldError::new("granularity", "choose_one"));
        }
        if dimension.is_none() {
            problems.push(FieldError::new("dimension", "choose_one"));
        }
        return Err(ApiError::Validation(problems));
    };
    let mut connection = state.db.pool.acquire().await?;
    let facts = training_plans::participation(&mut connection, dimension).await?;
    let mut by_course: BTreeMap<i64, Tally> = BTreeMap::new();
    let mut by_period: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_group: BTreeMap<String, Tally> = BTreeMap::new();
    for fact in &facts {
        let course = by_course.entry(fact.course_id).or_default();
        course.title = fact.course_title.clone();
        course.add(fact);
        let period = period_of(&fact.starts_on, granularity).unwrap_or_default();
        by_period.entry(period).or_default().add(fact);
        by_group.entry(fact.group.clone()).or_default().add(fact);
    }
    Ok(Json(ParticipationReport {
        granularity: granularity.as_str().to_owned(),
        dimension: dimension.as_str().to_owned(),
        by_course: rows(by_course),
        by_period: rows(by_period),
        by_group: rows(by_group),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_count_sessions_and_factories_once() {
        let mut tallies = BTreeMap::new();
        let tally: &mut Tally = tallies.entry("2026".to_owned()).or_default();
        for (session, factory) in [(1, 10), (1, 11), (2, 10)] {
            tally.sessions.insert(session);
            tally.factories.insert(factory);
            tally.women += 3;
            tally.men += 1;
        }
        let rows = rows(tallies);
        assert_eq!(rows[0].sessions, 2);
        assert_eq!(rows[0].factories, 2);
        assert_eq!(rows[0].women, 9);
        assert_eq!(rows[0].men, 3);
    }
}
