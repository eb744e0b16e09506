//! Every SQL statement about the append-only audit trail.

use sqlx::{Any, Executor, Row};

/// An administrative action, as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEvent {
    pub actor_user_id: Option<i64>,
    pub action: String,
    pub subject_user_id: Option<i64>,
    pub occurred_at: i64,
}

pub async fn record<'e>(
    executor: impl Executor<'e, Database = Any>,
    actor_user_id: Option<i64>,
    action: &str,
    subject_user_id: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into audit_events (actor_user_id, action, subject_user_id, occurred_at) values ($1, $2, $3, $4)",
    )
    .bind(actor_user_id)
    .bind(action)
    .bind(subject_user_id)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// What happened to one account, oldest first.
pub async fn for_subject<'e>(
    executor: impl Executor<'e, Database = Any>,
    subject_user_id: i64,
) -> Result<Vec<AuditEvent>, sqlx::Error> {
    let rows = sqlx::query(
        "select actor_user_id, action, subject_user_id, occurred_at from audit_events \
         where subject_user_id = $1 order by id",
    )
    .bind(subject_user_id)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(AuditEvent {
                actor_user_id: row.try_get("actor_user_id")?,
                action: row.try_get("action")?,
                subject_user_id: row.try_get("subject_user_id")?,
                occurred_at: row.try_get("occurred_at")?,
            })
        })
        .collect()
}
