//! Every SQL statement about the factory's own improvement actions, and the factory's one
//! list of actions (corrective and improvement actions together).

use std::collections::HashMap;

use shared::api::corrective_actions::{ActionUpdate, NewCorrectiveAction};
use shared::api::improvement_actions::{ActionSource, ImprovementAction};
use shared::corrective_action::ActionStatus;
use sqlx::{Any, AnyConnection, Executor, Row};

/// The self-assessment and factory an improvement action belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImprovementOwner {
    pub self_assessment_id: i64,
    pub factory_id: i64,
}

/// Stores a new improvement action and its "created" event; returns its id.
pub async fn insert(
    connection: &mut AnyConnection,
    owner: ImprovementOwner,
    action: &NewCorrectiveAction,
    user_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "insert into improvement_actions (self_assessment_id, factory_id, question_code, \
         description, responsible, target_date, status, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id",
    )
    .bind(owner.self_assessment_id)
    .bind(owner.factory_id)
    .bind(action.question_code.trim())
    .bind(action.description.trim())
    .bind(action.responsible.trim())
    .bind(action.target_date.trim())
    .bind(action.status.as_str())
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    record_event(
        connection,
        id,
        "created",
        "",
        Some(action.status.as_str()),
        user_id,
        now,
    )
    .await?;
    Ok(id)
}

async fn record_event(
    connection: &mut AnyConnection,
    action_id: i64,
    kind: &str,
    comment: &str,
    status: Option<&str>,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into improvement_action_events \
         (action_id, kind, comment, status, actor_user_id, occurred_at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(action_id)
    .bind(kind)
    .bind(comment)
    .bind(status)
    .bind(user_id)
    .bind(now)
    .execute(connection)
    .await?;
    Ok(())
}

/// Who an improvement action belongs to, if it exists.
pub async fn owner<'e>(
    executor: impl Executor<'e, Database = Any>,
    action_id: i64,
) -> Result<Option<ImprovementOwner>, sqlx::Error> {
    sqlx::query("select self_assessment_id, factory_id from improvement_actions where id = $1")
        .bind(action_id)
        .fetch_optional(executor)
        .await?
        .map(|row| {
            Ok(ImprovementOwner {
                self_assessment_id: row.try_get("self_assessment_id")?,
                factory_id: row.try_get("factory_id")?,
            })
        })
        .transpose()
}

/// Records an update (a comment, and the new status when there is one).
pub async fn add_update(
    connection: &mut AnyConnection,
    id: i64,
    comment: &str,
    status: Option<ActionStatus>,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update improvement_actions set status = coalesce($1, status), updated_at = $2 \
         where id = $3",
    )
    .bind(status.map(ActionStatus::as_str))
    .bind(now)
    .bind(id)
    .execute(&mut *connection)
    .await?;
    record_event(
        connection,
        id,
        "update",
        comment,
        status.map(ActionStatus::as_str),
        user_id,
        now,
    )
    .await
}

/// One improvement action with its updates.
pub async fn find(
    connection: &mut AnyConnection,
    action_id: i64,
) -> Result<Option<ImprovementAction>, sqlx::Error> {
    let Some(row) = sqlx::query(
        "select a.id, a.self_assessment_id, a.question_code, a.description, a.responsible, \
         a.target_date, a.status, author.display_name as author_name, a.created_at \
         from improvement_actions a join users author on author.id = a.created_by \
         where a.id = $1",
    )
    .bind(action_id)
    .fetch_optional(&mut *connection)
    .await?
    else {
        return Ok(None);
    };
    let update_rows = sqlx::query(
        "select e.comment, e.status, u.display_name, e.occurred_at \
         from improvement_action_events e join users u on u.id = e.actor_user_id \
         where e.action_id = $1 and e.kind = 'update' order by e.id",
    )
    .bind(action_id)
    .fetch_all(&mut *connection)
    .await?;
    let updates = update_rows
        .iter()
        .map(|row| {
            let status: Option<String> = row.try_get("status")?;
            Ok(ActionUpdate {
                comment: row.try_get("comment")?,
                status: status.as_deref().and_then(ActionStatus::parse),
                author_name: row.try_get("display_name")?,
                posted_at: row.try_get("occurred_at")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let status: String = row.try_get("status")?;
    Ok(Some(ImprovementAction {
        id: row.try_get("id")?,
        self_assessment_id: row.try_get("self_assessment_id")?,
        question_code: row.try_get("question_code")?,
        description: row.try_get("description")?,
        responsible: row.try_get("responsible")?,
        target_date: row.try_get("target_date")?,
        status: ActionStatus::parse(&status).unwrap_or(ActionStatus::Planned),
        created_by_name: row.try_get("author_name")?,
        created_at: row.try_get("created_at")?,
        updates,
    }))
}

/// One row of the factory's list, before the overdue rule is applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedAction {
    pub id: i64,
    pub source: ActionSource,
    pub origin_id: i64,
    pub question_code: String,
    pub description: String,
    pub responsible: String,
    pub target_date: String,
    pub status: ActionStatus,
    pub created_at: i64,
}

/// Every action of the factory, corrective (for findings of its published reports) and
/// improvement (from its self-assessments), newest first.
pub async fn for_factory(
    connection: &mut AnyConnection,
    factory_id: i64,
) -> Result<Vec<ListedAction>, sqlx::Error> {
    let rows = sqlx::query(
        "select id, 'report' as source, visit_id as origin_id, question_code, description, \
         responsible, target_date, status, created_at \
         from corrective_actions where factory_id = $1 \
         union all \
         select id, 'self_identified' as source, self_assessment_id as origin_id, \
         question_code, description, responsible, target_date, status, created_at \
         from improvement_actions where factory_id = $1 \
         order by created_at desc, id desc",
    )
    .bind(factory_id)
    .fetch_all(&mut *connection)
    .await?;
    let sources: HashMap<&str, ActionSource> = [
        ("report", ActionSource::Report),
        ("self_identified", ActionSource::SelfIdentified),
    ]
    .into_iter()
    .collect();
    rows.iter()
        .map(|row| {
            let source: String = row.try_get("source")?;
            let status: String = row.try_get("status")?;
            Ok(ListedAction {
                id: row.try_get("id")?,
                source: sources
                    .get(source.as_str())
                    .copied()
                    .unwrap_or(ActionSource::Report),
                origin_id: row.try_get("origin_id")?,
                question_code: row.try_get("question_code")?,
                description: row.try_get("description")?,
                responsible: row.try_get("responsible")?,
                target_date: row.try_get("target_date")?,
                status: ActionStatus::parse(&status).unwrap_or(ActionStatus::Planned),
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

/// A self-assessment as an improvement action needs it: its factory, whether it is completed,
/// and the choice its answer to `question_code` holds (`None` when unanswered).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssessedPoint {
    pub factory_id: i64,
    pub completed: bool,
    pub choice: Option<String>,
}

/// The self-assessment `self_assessment_id` and its answer to `question_code`, if it exists.
pub async fn assessed_point<'e>(
    executor: impl Executor<'e, Database = Any>,
    self_assessment_id: i64,
    question_code: &str,
) -> Result<Option<AssessedPoint>, sqlx::Error> {
    sqlx::query(
        "select s.factory_id, s.status, \
         (select a.choice from self_assessment_answers a \
          join checklist_questions q on q.id = a.question_id \
          where a.self_assessment_id = s.id and q.version_id = s.checklist_version_id \
          and q.code = $2) as choice \
         from self_assessments s where s.id = $1",
    )
    .bind(self_assessment_id)
    .bind(question_code)
    .fetch_optional(executor)
    .await?
    .map(|row| {
        let status: String = row.try_get("status")?;
        Ok(AssessedPoint {
            factory_id: row.try_get("factory_id")?,
            completed: status == "completed",
            choice: row.try_get("choice")?,
        })
    })
    .transpose()
}
