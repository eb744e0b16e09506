//! Every SQL statement about factories.

use shared::api::dashboard::ProvinceWorkforce;
use shared::api::factories::FactorySummary;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

/// What the demo loader (and later the registry) provides for a new factory.
#[derive(Clone, Debug)]
pub struct NewFactory<'a> {
    pub name: &'a str,
    pub local_name: Option<&'a str>,
    pub registration_number: &'a str,
    pub address: &'a str,
    pub province: &'a str,
    pub product_type: &'a str,
    pub total_workers: i64,
    pub women_share_percent: f64,
}

const SELECT_FACTORY: &str = "select id, name, local_name, registration_number, province, \
     product_type, total_workers, women_share_percent, status from factories";

fn factory_from_row(row: &AnyRow) -> Result<FactorySummary, sqlx::Error> {
    Ok(FactorySummary {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        local_name: row.try_get("local_name")?,
        registration_number: row.try_get("registration_number")?,
        province: row.try_get("province")?,
        product_type: row.try_get("product_type")?,
        total_workers: row.try_get("total_workers")?,
        women_share_percent: row.try_get("women_share_percent")?,
        status: row.try_get("status")?,
    })
}

pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<FactorySummary>, sqlx::Error> {
    let sql = format!("{SELECT_FACTORY} order by name");
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(factory_from_row).collect()
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<FactorySummary>, sqlx::Error> {
    let sql = format!("{SELECT_FACTORY} where id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(executor).await?;
    row.as_ref().map(factory_from_row).transpose()
}

pub async fn exists<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("select id from factories where id = $1")
        .bind(id)
        .fetch_optional(executor)
        .await?;
    Ok(found.is_some())
}

pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory: &NewFactory<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into factories (name, local_name, registration_number, address, province, \
         product_type, total_workers, women_share_percent, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning id",
    )
    .bind(factory.name)
    .bind(factory.local_name)
    .bind(factory.registration_number)
    .bind(factory.address)
    .bind(factory.province)
    .bind(factory.product_type)
    .bind(factory.total_workers)
    .bind(factory.women_share_percent)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// Active factories and their workers per province, largest workforce first.
pub async fn workforce_by_province<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<ProvinceWorkforce>, sqlx::Error> {
    let rows = sqlx::query(
        "select province, count(*) as factories, cast(sum(total_workers) as bigint) as workers \
         from factories where status = 'active' group by province order by workers desc, province",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ProvinceWorkforce {
                province: row.try_get("province")?,
                factories: row.try_get("factories")?,
                workers: row.try_get("workers")?,
            })
        })
        .collect()
}
