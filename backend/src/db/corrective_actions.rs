//! Every SQL statement about corrective action plans: the actions a factory posts for the
//! findings of a published report, their updates and the monitors' verifications.

use std::collections::HashMap;

use shared::api::corrective_actions::{
    ActionUpdate, ActionVerification, CorrectiveAction, NewCorrectiveAction,
};
use shared::corrective_action::{ActionStatus, Verification};
use sqlx::{Any, AnyConnection, Executor, Row};

/// Where actions of the corrective-action kind are kept: the corrective actions of published
/// reports, and factories' training improvement plans. Both follow the same statuses, updates
/// and verification at a later visit, so the same statements serve them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionBook {
    CorrectiveActions,
    TrainingPlan,
}

impl ActionBook {
    /// The table of actions and the table of their events.
    fn tables(self) -> (&'static str, &'static str) {
        match self {
            ActionBook::CorrectiveActions => ("corrective_actions", "corrective_action_events"),
            ActionBook::TrainingPlan => ("training_plan_actions", "training_plan_action_events"),
        }
    }

    /// The column an action's compliance point or question is kept in.
    fn code_column(self) -> &'static str {
        match self {
            ActionBook::CorrectiveActions => "question_code",
            ActionBook::TrainingPlan => "point_code",
        }
    }
}

/// The report and factory an action belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ActionOwner {
    pub visit_id: i64,
    pub factory_id: i64,
}

/// Stores a new action and its "created" event; returns its id.
pub async fn insert(
    connection: &mut AnyConnection,
    owner: ActionOwner,
    action: &NewCorrectiveAction,
    user_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "insert into corrective_actions (visit_id, factory_id, question_code, description, \
         responsible, target_date, status, created_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id",
    )
    .bind(owner.visit_id)
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
        ActionBook::CorrectiveActions,
        id,
        "created",
        "",
        Some(action.status.as_str()),
        None,
        user_id,
        now,
    )
    .await?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
pub(crate) async fn record_event(
    connection: &mut AnyConnection,
    book: ActionBook,
    action_id: i64,
    kind: &str,
    comment: &str,
    status: Option<&str>,
    visit_id: Option<i64>,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "insert into {} (action_id, kind, comment, status, visit_id, actor_user_id, occurred_at) \
         values ($1, $2, $3, $4, $5, $6, $7)",
        book.tables().1
    );
    sqlx::query(&sql)
        .bind(action_id)
        .bind(kind)
        .bind(comment)
        .bind(status)
        .bind(visit_id)
        .bind(user_id)
        .bind(now)
        .execute(connection)
        .await?;
    Ok(())
}

/// The report and factory of action `id`, when it exists.
pub async fn owner<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<ActionOwner>, sqlx::Error> {
    let row = sqlx::query("select visit_id, factory_id from corrective_actions where id = $1")
        .bind(id)
        .fetch_optional(executor)
        .await?;
    row.map(|row| {
        Ok(ActionOwner {
            visit_id: row.try_get("visit_id")?,
            factory_id: row.try_get("factory_id")?,
        })
    })
    .transpose()
}

/// Records an update (a comment, and the new status when there is one).
pub async fn add_update(
    connection: &mut AnyConnection,
    book: ActionBook,
    id: i64,
    comment: &str,
    status: Option<ActionStatus>,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let table = book.tables().0;
    match status {
        Some(status) => {
            let sql = format!("update {table} set status = $1, updated_at = $2 where id = $3");
            sqlx::query(&sql)
                .bind(status.as_str())
                .bind(now)
                .bind(id)
                .execute(&mut *connection)
                .await?;
        }
        None => {
            let sql = format!("update {table} set updated_at = $1 where id = $2");
            sqlx::query(&sql)
                .bind(now)
                .bind(id)
                .execute(&mut *connection)
                .await?;
        }
    }
    record_event(
        connection,
        book,
        id,
        "update",
        comment,
        status.map(ActionStatus::as_str),
        None,
        user_id,
        now,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
/// Records a monitor's verification made during visit `visit_id`. A later check replaces
/// the current one on the row; every check stays in the events.
pub async fn verify(
    connection: &mut AnyConnection,
    book: ActionBook,
    id: i64,
    outcome: Verification,
    note: &str,
    user_id: i64,
    visit_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let sql = format!(
        "update {} set verification = $1, verification_note = $2, \
         verified_by = $3, verified_at = $4, verified_at_visit_id = $5, updated_at = $4 \
         where id = $6",
        book.tables().0
    );
    sqlx::query(&sql)
        .bind(outcome.as_str())
        .bind(note)
        .bind(user_id)
        .bind(now)
        .bind(visit_id)
        .bind(id)
        .execute(&mut *connection)
        .await?;
    record_event(
        connection,
        book,
        id,
        outcome.as_str(),
        note,
        None,
        Some(visit_id),
        user_id,
        now,
    )
    .await
}

/// The latest visit of `factory_id` after the report's own visit (`report_visit_id`, which
/// started on `report_date`) on whose team `user_id` is: the "next visit" at which they may
/// verify actions. A visit the same day counts when it was created after the report's.
pub async fn later_visit_on_team<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    report_date: &str,
    report_visit_id: i64,
    user_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select id from visits where factory_id = $1 \
           and (start_date > $2 or (start_date = $2 and id > $4)) \
           and (lead_monitor_id = $3 or second_monitor_id = $3) \
         order by start_date desc, id desc limit 1",
    )
    .bind(factory_id)
    .bind(report_date)
    .bind(user_id)
    .bind(report_visit_id)
    .fetch_optional(executor)
    .await
}

/// Every action of a report, in the order posted, with its updates and verification.
pub async fn for_visit(
    connection: &mut AnyConnection,
    visit_id: i64,
) -> Result<Vec<CorrectiveAction>, sqlx::Error> {
    actions_of(
        connection,
        ActionBook::CorrectiveActions,
        "visit_id",
        visit_id,
    )
    .await
}

/// Every action of `book` whose `owner_column` is `owner_id`, in the order posted, with its
/// updates and verification.
pub(crate) async fn actions_of(
    connection: &mut AnyConnection,
    book: ActionBook,
    owner_column: &str,
    owner_id: i64,
) -> Result<Vec<CorrectiveAction>, sqlx::Error> {
    let (table, events) = book.tables();
    let code = book.code_column();
    let sql = format!(
        "select a.id, a.{code} as question_code, a.description, a.responsible, a.target_date, \
         a.status, author.display_name as author_name, a.created_at, a.verification, \
         a.verification_note, verifier.display_name as verifier_name, a.verified_at, \
         a.verified_at_visit_id, later.start_date as later_start_date \
         from {table} a \
         join users author on author.id = a.created_by \
         left join users verifier on verifier.id = a.verified_by \
         left join visits later on later.id = a.verified_at_visit_id \
         where a.{owner_column} = $1 order by a.id"
    );
    let rows = sqlx::query(&sql)
        .bind(owner_id)
        .fetch_all(&mut *connection)
        .await?;
    let sql = format!(
        "select e.action_id, e.comment, e.status, u.display_name, e.occurred_at \
         from {events} e \
         join {table} a on a.id = e.action_id \
         join users u on u.id = e.actor_user_id \
         where a.{owner_column} = $1 and e.kind = 'update' order by e.id"
    );
    let update_rows = sqlx::query(&sql)
        .bind(owner_id)
        .fetch_all(&mut *connection)
        .await?;
    let mut updates: HashMap<i64, Vec<ActionUpdate>> = HashMap::new();
    for row in &update_rows {
        let status: Option<String> = row.try_get("status")?;
        updates
            .entry(row.try_get("action_id")?)
            .or_default()
            .push(ActionUpdate {
                comment: row.try_get("comment")?,
                status: status.as_deref().and_then(ActionStatus::parse),
                author_name: row.try_get("display_name")?,
                posted_at: row.try_get("occurred_at")?,
            });
    }
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            let status: String = row.try_get("status")?;
            let verification: Option<String> = row.try_get("verification")?;
            let verification = match verification.as_deref().and_then(Verification::parse) {
                Some(outcome) => Some(ActionVerification {
                    outcome,
                    note: row.try_get("verification_note")?,
                    monitor_name: row
                        .try_get::<Option<String>, _>("verifier_name")?
                        .unwrap_or_default(),
                    verified_at: row
                        .try_get::<Option<i64>, _>("verified_at")?
                        .unwrap_or_default(),
                    visit_id: row.try_get("verified_at_visit_id")?,
                    visit_start_date: row.try_get("later_start_date")?,
                }),
                None => None,
            };
            Ok(CorrectiveAction {
                id,
                question_code: row.try_get("question_code")?,
                description: row.try_get("description")?,
                responsible: row.try_get("responsible")?,
                target_date: row.try_get("target_date")?,
                status: ActionStatus::parse(&status).unwrap_or(ActionStatus::Planned),
                created_by_name: row.try_get("author_name")?,
                created_at: row.try_get("created_at")?,
                updates: updates.remove(&id).unwrap_or_default(),
                verification,
            })
        })
        .collect()
}

/// Corrective actions not reported done, of every factory: (factory id, factory name, target
/// date, status). Whether each is behind schedule is `shared::corrective_action::is_overdue`'s
/// call, via `actions_behind`.
pub async fn open_of_every_factory<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "select a.factory_id, f.name, a.target_date, a.status from corrective_actions a \
         join factories f on f.id = a.factory_id where a.status <> 'done'",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("factory_id")?,
                row.try_get("name")?,
                row.try_get("target_date")?,
                row.try_get("status")?,
            ))
        })
        .collect()
}
