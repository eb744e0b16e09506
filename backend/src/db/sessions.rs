//! Every SQL statement about login sessions. Sessions live in the database so that several
//! backend instances can serve the same users.

use sqlx::{Any, Executor, Row};

use super::users::{user_from_row, UserRecord};

/// A live session and the account it belongs to.
#[derive(Clone, Debug)]
pub struct SessionRecord {
    pub token_hash: String,
    pub csrf_token: String,
    pub expires_at: i64,
    pub user: UserRecord,
}

pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    token_hash: &str,
    user_id: i64,
    csrf_token: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into sessions (token_hash, user_id, csrf_token, created_at, expires_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(csrf_token)
    .bind(now)
    .bind(expires_at)
    .execute(executor)
    .await?;
    Ok(())
}

/// The session with this token hash, if it has not expired at `now`.
pub async fn find_live<'e>(
    executor: impl Executor<'e, Database = Any>,
    token_hash: &str,
    now: i64,
) -> Result<Option<SessionRecord>, sqlx::Error> {
    let row = sqlx::query(
        "select s.token_hash, s.csrf_token, s.expires_at, u.id, u.username, u.display_name, \
         u.email, u.role, u.password_hash, u.must_change_password, u.factory_id, \
         u.organisation_id, o.name as organisation_name, u.created_at \
         from sessions s join users u on u.id = s.user_id \
         left join organisations o on o.id = u.organisation_id \
         where s.token_hash = $1 and s.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(executor)
    .await?;
    row.map(|row| {
        Ok(SessionRecord {
            token_hash: row.try_get("token_hash")?,
            csrf_token: row.try_get("csrf_token")?,
            expires_at: row.try_get("expires_at")?,
            user: user_from_row(&row)?,
        })
    })
    .transpose()
}

pub async fn delete<'e>(
    executor: impl Executor<'e, Database = Any>,
    token_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where token_hash = $1")
        .bind(token_hash)
        .execute(executor)
        .await?;
    Ok(())
}

/// Ends every session of a user except `keep` (the one making the change, if any).
pub async fn delete_for_user<'e>(
    executor: impl Executor<'e, Database = Any>,
    user_id: i64,
    keep: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where user_id = $1 and token_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(executor)
        .await?;
    Ok(())
}

pub async fn delete_expired<'e>(
    executor: impl Executor<'e, Database = Any>,
    now: i64,
) -> Result<u64, sqlx::Error> {
    let result = sqlx::query("delete from sessions where expires_at <= $1")
        .bind(now)
        .execute(executor)
        .await?;
    Ok(result.rows_affected())
}
