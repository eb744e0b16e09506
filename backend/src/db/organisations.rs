//! Every SQL statement about organisations (buyers, vendors, head offices, unions).

use shared::api::users::OrganisationSummary;
use sqlx::{Any, Executor, Row};

pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<OrganisationSummary>, sqlx::Error> {
    let rows = sqlx::query("select id, name, kind from organisations order by name")
        .fetch_all(executor)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(OrganisationSummary {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                kind: row.try_get("kind")?,
            })
        })
        .collect()
}

pub async fn find_kind<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select kind from organisations where id = $1")
        .bind(id)
        .fetch_optional(executor)
        .await
}

pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    name: &str,
    kind: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into organisations (name, kind, created_at) values ($1, $2, $3) returning id",
    )
    .bind(name)
    .bind(kind)
    .bind(now)
    .fetch_one(executor)
    .await
}
