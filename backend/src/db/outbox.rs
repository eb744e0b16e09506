//! Every SQL statement about the email outbox.

use shared::api::outbox::OutboxMessage;
use sqlx::{Any, Executor, Row};

/// A message to write to the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    pub factory_id: Option<i64>,
    pub visit_id: Option<i64>,
    pub to_address: String,
    pub subject: String,
    pub body: String,
}

/// Writes a message as `held`; sending it, when SMTP is configured, updates it afterwards.
pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    message: &NewMessage,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into outbox_messages (factory_id, visit_id, to_address, subject, body, delivery, created_at) \
         values ($1, $2, $3, $4, $5, 'held', $6) returning id",
    )
    .bind(message.factory_id)
    .bind(message.visit_id)
    .bind(&message.to_address)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// Records the SMTP server's verdict on a message.
pub async fn record_delivery<'e>(
    executor: impl Executor<'e, Database = Any>,
    message_id: i64,
    error: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("update outbox_messages set delivery = $1, error = $2, sent_at = $3 where id = $4")
        .bind(if error.is_none() { "sent" } else { "failed" })
        .bind(error)
        .bind(error.is_none().then_some(now))
        .bind(message_id)
        .execute(executor)
        .await?;
    Ok(())
}

/// The newest messages first.
pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
    limit: i64,
) -> Result<Vec<OutboxMessage>, sqlx::Error> {
    let rows = sqlx::query(
        "select id, factory_id, to_address, subject, body, delivery, error, created_at, sent_at \
         from outbox_messages order by created_at desc, id desc limit $1",
    )
    .bind(limit)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(OutboxMessage {
                id: row.try_get("id")?,
                factory_id: row.try_get("factory_id")?,
                to_address: row.try_get("to_address")?,
                subject: row.try_get("subject")?,
                body: row.try_get("body")?,
                delivery: row.try_get("delivery")?,
                error: row.try_get("error")?,
                created_at: row.try_get("created_at")?,
                sent_at: row.try_get("sent_at")?,
            })
        })
        .collect()
}
