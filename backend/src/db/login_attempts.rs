//! Every SQL statement about login attempts, which throttling counts.

use sqlx::{Any, Executor, Row};

use super::flag;

/// Failed attempts in a window: how many, and when the oldest of them happened.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Failures {
    pub count: i64,
    pub oldest_at: Option<i64>,
}

pub async fn record<'e>(
    executor: impl Executor<'e, Database = Any>,
    username: &str,
    client_address: &str,
    succeeded: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into login_attempts (username, client_address, succeeded, attempted_at) \
         values ($1, $2, $3, $4)",
    )
    .bind(username)
    .bind(client_address)
    .bind(flag(succeeded))
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

/// Failures for an account since `since`, not counting those before its last success.
pub async fn failures_for_account<'e>(
    executor: impl Executor<'e, Database = Any>,
    username: &str,
    since: i64,
) -> Result<Failures, sqlx::Error> {
    let row = sqlx::query(
        "select count(*) as failures, min(attempted_at) as oldest_at from login_attempts \
         where username = $1 and succeeded = 0 and attempted_at >= $2 \
         and attempted_at > coalesce((select max(attempted_at) from login_attempts \
                                      where username = $1 and succeeded = 1), 0)",
    )
    .bind(username)
    .bind(since)
    .fetch_one(executor)
    .await?;
    Ok(Failures {
        count: row.try_get("failures")?,
        oldest_at: row.try_get("oldest_at")?,
    })
}

/// Failures from one client address since `since`, whatever account they tried.
pub async fn failures_from_address<'e>(
    executor: impl Executor<'e, Database = Any>,
    client_address: &str,
    since: i64,
) -> Result<Failures, sqlx::Error> {
    let row = sqlx::query(
        "select count(*) as failures, min(attempted_at) as oldest_at from login_attempts \
         where client_address = $1 and succeeded = 0 and attempted_at >= $2",
    )
    .bind(client_address)
    .bind(since)
    .fetch_one(executor)
    .await?;
    Ok(Failures {
        count: row.try_get("failures")?,
        oldest_at: row.try_get("oldest_at")?,
    })
}

/// Forgets attempts older than `before`: addresses are personal data, kept only as long as
/// throttling needs them.
pub async fn delete_older_than<'e>(
    executor: impl Executor<'e, Database = Any>,
    before: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from login_attempts where attempted_at < $1")
        .bind(before)
        .execute(executor)
        .await?;
    Ok(())
}
