//! Every SQL statement about which organisations may see which factories' reports.

use sqlx::{Any, Executor};

/// True when the organisation holds an unrevoked grant for the factory.
pub async fn organisation_may_see<'e>(
    executor: impl Executor<'e, Database = Any>,
    organisation_id: i64,
    factory_id: i64,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "select count(*) from factory_access_grants \
         where organisation_id = $1 and factory_id = $2 and revoked_at is null",
    )
    .bind(organisation_id)
    .bind(factory_id)
    .fetch_one(executor)
    .await?;
    Ok(count > 0)
}

pub async fn grant<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    organisation_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into factory_access_grants (factory_id, organisation_id, granted_at) values ($1, $2, $3)",
    )
    .bind(factory_id)
    .bind(organisation_id)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}
