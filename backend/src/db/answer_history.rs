//! Every SQL statement about the history of a visit's answers: each change as it arrived from
//! a monitor's device (never updated), the current answer it leads to, and conflicts between
//! two monitors' changes (`answer_changes::save_change` decides with
//! `domain::answers::merge_change`).

use shared::api::visits::{Answer, AnswerChange, ConflictingAnswer};
use shared::visit::AnswerChoice;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

use crate::domain::answers::StoredAnswer;

/// Makes the change `change_id` the question's current answer (with `answer`'s content).
pub async fn make_current(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
    answer: &Answer,
    change_id: i64,
    saved_by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into answers (visit_id, question_id, choice, value, finding, suggestion, changed_at, saved_by, saved_at, revision) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         on conflict (visit_id, question_id) do update set choice = excluded.choice, \
             value = excluded.value, finding = excluded.finding, suggestion = excluded.suggestion, \
             changed_at = excluded.changed_at, saved_by = excluded.saved_by, \
             saved_at = excluded.saved_at, revision = excluded.revision",
    )
    .bind(visit_id)
    .bind(question_id)
    .bind(answer.choice.map(AnswerChoice::as_str))
    .bind(&answer.value)
    .bind(&answer.finding)
    .bind(&answer.suggestion)
    .bind(answer.changed_at)
    .bind(saved_by)
    .bind(now)
    .bind(change_id)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Records `change_id` as the question's latest change, its answer unchanged.
pub async fn set_revision(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
    change_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("update answers set revision = $1 where visit_id = $2 and question_id = $3")
        .bind(change_id)
        .bind(visit_id)
        .bind(question_id)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// Sets the other side of the question's conflict (`None`: settled).
pub async fn set_conflict(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
    other_change: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update answers set conflict_change_id = $1 where visit_id = $2 and question_id = $3",
    )
    .bind(other_change)
    .bind(visit_id)
    .bind(question_id)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Whether the same user already sent a change of this question made at the same device time.
pub async fn is_replay(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
    saved_by: i64,
    device_changed_at: i64,
) -> Result<bool, sqlx::Error> {
    let found = sqlx::query(
        "select 1 from answer_changes where visit_id = $1 and question_id = $2 \
         and saved_by = $3 and device_changed_at = $4",
    )
    .bind(visit_id)
    .bind(question_id)
    .bind(saved_by)
    .bind(device_changed_at)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(found.is_some())
}

/// Whether `change_id` is a change of this question.
pub async fn is_change_of(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
    change_id: i64,
) -> Result<bool, sqlx::Error> {
    let found = sqlx::query(
        "select 1 from answer_changes where id = $1 and visit_id = $2 and question_id = $3",
    )
    .bind(change_id)
    .bind(visit_id)
    .bind(question_id)
    .fetch_optional(&mut *connection)
    .await?;
    Ok(found.is_some())
}

/// What the server holds of the question, if anything.
pub async fn stored(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
) -> Result<Option<StoredAnswer>, sqlx::Error> {
    let row = sqlx::query(
        "select changed_at, revision from answers where visit_id = $1 and question_id = $2",
    )
    .bind(visit_id)
    .bind(question_id)
    .fetch_optional(&mut *connection)
    .await?;
    row.map(|row| {
        Ok(StoredAnswer {
            changed_at: row.try_get("changed_at")?,
            revision: row.try_get("revision")?,
        })
    })
    .transpose()
}

const SELECT_CHANGE: &str = "select c.id, c.choice, c.value, c.finding, c.suggestion, \
     c.changed_at, c.based_on, c.saved_at, u.display_name \
     from answer_changes c join users u on u.id = c.saved_by";

fn change_from_row(row: &AnyRow) -> Result<AnswerChange, sqlx::Error> {
    let choice: Option<String> = row.try_get("choice")?;
    Ok(AnswerChange {
        id: row.try_get("id")?,
        answer: ConflictingAnswer {
            choice: choice.as_deref().and_then(AnswerChoice::parse),
            value: row.try_get("value")?,
            finding: row.try_get("finding")?,
            suggestion: row.try_get("suggestion")?,
            changed_at: row.try_get("changed_at")?,
            by: row.try_get("display_name")?,
        },
        based_on: row.try_get("based_on")?,
        saved_at: row.try_get("saved_at")?,
    })
}

/// Changes of other users than `user` received after the change `seen` (all when none was
/// seen), newest first.
pub async fn unseen_changes_of_others(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
    user: i64,
    seen: Option<i64>,
) -> Result<Vec<(i64, ConflictingAnswer)>, sqlx::Error> {
    let sql = format!(
        "{SELECT_CHANGE} where c.visit_id = $1 and c.question_id = $2 and c.saved_by <> $3 \
         and c.id > $4 order by c.id desc"
    );
    let rows = sqlx::query(&sql)
        .bind(visit_id)
        .bind(question_id)
        .bind(user)
        .bind(seen.unwrap_or(0))
        .fetch_all(&mut *connection)
        .await?;
    rows.iter()
        .map(|row| change_from_row(row).map(|change| (change.id, change.answer)))
        .collect()
}

/// Appends a change to the history; returns its id.
pub async fn append(
    connection: &mut AnyConnection,
    visit_id: i64,
    question_id: i64,
    answer: &Answer,
    device_changed_at: i64,
    saved_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query(
        "insert into answer_changes (visit_id, question_id, choice, value, finding, suggestion, \
             changed_at, device_changed_at, based_on, saved_by, saved_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
    )
    .bind(visit_id)
    .bind(question_id)
    .bind(answer.choice.map(AnswerChoice::as_str))
    .bind(&answer.value)
    .bind(&answer.finding)
    .bind(&answer.suggestion)
    .bind(answer.changed_at)
    .bind(device_changed_at)
    .bind(answer.revision)
    .bind(saved_by)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?
    .try_get("id")
}

/// Every change received for one question of a visit, oldest first.
pub async fn history<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    question_id: i64,
) -> Result<Vec<AnswerChange>, sqlx::Error> {
    let sql = format!("{SELECT_CHANGE} where c.visit_id = $1 and c.question_id = $2 order by c.id");
    let rows = sqlx::query(&sql)
        .bind(visit_id)
        .bind(question_id)
        .fetch_all(executor)
        .await?;
    rows.iter().map(change_from_row).collect()
}
