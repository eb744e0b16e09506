//! Every SQL statement about organisations' paid subscriptions to factories' reports.

use shared::api::access::{Subscription, SubscriptionInput};
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

const SELECT: &str = "select s.id, s.organisation_id, o.name as organisation_name, s.factory_id, \
       f.name as factory_name, s.fee_cents, s.starts_on, s.ends_on, s.paid \
     from organisation_subscriptions s \
     join organisations o on o.id = s.organisation_id \
     join factories f on f.id = s.factory_id";

fn from_row(row: &AnyRow, today: &str) -> Result<Subscription, sqlx::Error> {
    let starts_on: String = row.try_get("starts_on")?;
    let ends_on: String = row.try_get("ends_on")?;
    let paid = row.try_get::<i64, _>("paid")? == 1;
    Ok(Subscription {
        id: row.try_get("id")?,
        organisation_id: row.try_get("organisation_id")?,
        organisation_name: row.try_get("organisation_name")?,
        factory_id: row.try_get("factory_id")?,
        factory_name: row.try_get("factory_name")?,
        fee_cents: row.try_get("fee_cents")?,
        active: paid && starts_on.as_str() <= today && ends_on.as_str() >= today,
        starts_on,
        ends_on,
        paid,
    })
}

/// Every subscription, newest period first.
pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
    today: &str,
) -> Result<Vec<Subscription>, sqlx::Error> {
    let sql = format!("{SELECT} order by s.ends_on desc, o.name, f.name");
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(|row| from_row(row, today)).collect()
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
    today: &str,
) -> Result<Option<Subscription>, sqlx::Error> {
    let sql = format!("{SELECT} where s.id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(executor).await?;
    row.map(|row| from_row(&row, today)).transpose()
}

pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    input: &SubscriptionInput,
    fee_cents: i64,
    by: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into organisation_subscriptions (organisation_id, factory_id, fee_cents, starts_on, \
           ends_on, paid, recorded_by, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning id",
    )
    .bind(input.organisation_id)
    .bind(input.factory_id)
    .bind(fee_cents)
    .bind(&input.starts_on)
    .bind(&input.ends_on)
    .bind(i64::from(input.paid))
    .bind(by)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// Changes the fee, the dates or the payment of a subscription; false when it does not exist.
pub async fn update<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
    input: &SubscriptionInput,
    fee_cents: i64,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update organisation_subscriptions set organisation_id = $2, factory_id = $3, fee_cents = $4, \
           starts_on = $5, ends_on = $6, paid = $7, recorded_by = $8, updated_at = $9 where id = $1",
    )
    .bind(id)
    .bind(input.organisation_id)
    .bind(input.factory_id)
    .bind(fee_cents)
    .bind(&input.starts_on)
    .bind(&input.ends_on)
    .bind(i64::from(input.paid))
    .bind(by)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(result.rows_affected() > 0)
}

/// The factories organisation `organisation_id` reads today, with the last day of its
/// access: an unrevoked grant and a paid subscription covering today.
pub async fn readable_factories<'e>(
    executor: impl Executor<'e, Database = Any>,
    organisation_id: i64,
    today: &str,
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    let sql = format!(
        "select f.id, f.name, f.province, \
           (select max(s.ends_on) from organisation_subscriptions s where s.factory_id = f.id \
              and s.organisation_id = $1 and s.paid = 1 and s.starts_on <= $2 and s.ends_on >= $2) \
             as access_until \
         from factories f where {} order by f.name",
        crate::db::grants::active_access("f.id", "$1", "$2")
    );
    sqlx::query_as(&sql)
        .bind(organisation_id)
        .bind(today)
        .fetch_all(executor)
        .await
}
