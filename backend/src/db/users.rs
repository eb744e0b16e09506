//! Every SQL statement about user accounts.

use shared::roles::Role;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use super::{flag, get_flag};

/// A user account as stored, with the organisation's name joined in.
#[derive(Clone, Debug)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub role: Role,
    pub password_hash: String,
    pub must_change_password: bool,
    pub factory_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub organisation_name: Option<String>,
    pub created_at: i64,
}

impl UserRecord {
    /// The user as the permission rules see them.
    pub fn actor(&self) -> shared::permissions::Actor {
        shared::permissions::Actor {
            user_id: self.id,
            role: self.role,
            factory_id: self.factory_id,
        }
    }
}

/// What an administrator (or the demo loader) provides for a new account.
#[derive(Clone, Debug)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub email: Option<&'a str>,
    pub role: Role,
    pub password_hash: &'a str,
    pub must_change_password: bool,
    pub factory_id: Option<i64>,
    pub organisation_id: Option<i64>,
}

const SELECT_USER: &str = "select u.id, u.username, u.display_name, u.email, u.role, \
     u.password_hash, u.must_change_password, u.factory_id, u.organisation_id, \
     o.name as organisation_name, u.created_at \
     from users u left join organisations o on o.id = u.organisation_id";

pub(crate) fn user_from_row(row: &AnyRow) -> Result<UserRecord, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(UserRecord {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        email: row.try_get("email")?,
        role: Role::parse(&role)
            .ok_or_else(|| sqlx::Error::Decode(format!("unknown role {role}").into()))?,
        password_hash: row.try_get("password_hash")?,
        must_change_password: get_flag(row, "must_change_password")?,
        factory_id: row.try_get("factory_id")?,
        organisation_id: row.try_get("organisation_id")?,
        organisation_name: row.try_get("organisation_name")?,
        created_at: row.try_get("created_at")?,
    })
}

pub async fn find_by_username<'e>(
    executor: impl Executor<'e, Database = Any>,
    username: &str,
) -> Result<Option<UserRecord>, sqlx::Error> {
    let sql = format!("{SELECT_USER} where u.username = $1");
    let row = sqlx::query(&sql)
        .bind(username)
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(user_from_row).transpose()
}

pub async fn find_by_id<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<UserRecord>, sqlx::Error> {
    let sql = format!("{SELECT_USER} where u.id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(executor).await?;
    row.as_ref().map(user_from_row).transpose()
}

pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<UserRecord>, sqlx::Error> {
    let sql = format!("{SELECT_USER} order by u.username");
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(user_from_row).collect()
}

pub async fn count<'e>(executor: impl Executor<'e, Database = Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from users")
        .fetch_one(executor)
        .await
}

/// Inserts an account and returns its id. A taken user name is a unique violation.
pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    user: &NewUser<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into users (username, display_name, email, role, password_hash, \
         must_change_password, factory_id, organisation_id, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id",
    )
    .bind(user.username)
    .bind(user.display_name)
    .bind(user.email)
    .bind(user.role.as_str())
    .bind(user.password_hash)
    .bind(flag(user.must_change_password))
    .bind(user.factory_id)
    .bind(user.organisation_id)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// Replaces the password hash; `must_change` marks a temporary password.
pub async fn set_password<'e>(
    executor: impl Executor<'e, Database = Any>,
    user_id: i64,
    password_hash: &str,
    must_change: bool,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update users set password_hash = $1, must_change_password = $2, updated_at = $3 where id = $4",
    )
    .bind(password_hash)
    .bind(flag(must_change))
    .bind(now)
    .bind(user_id)
    .execute(executor)
    .await?;
    Ok(())
}

/// Every monitor, by name, for forming visit teams.
pub async fn monitors<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "select id, display_name from users where role = 'monitor' order by display_name, id",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("display_name")?)))
        .collect()
}
