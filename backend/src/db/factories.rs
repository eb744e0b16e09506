//! Every SQL statement about factories.

use shared::api::dashboard::ProvinceWorkforce;
use shared::api::factories::{Factory, FactoryFilter};
use shared::factory::FactoryInput;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use super::{flag, get_flag};

const SELECT_FACTORY: &str = "select id, name, local_name, registration_number, osh_id, address, \
     province, latitude, longitude, product_type, ownership_country, export_licence, \
     total_workers, women_share_percent, union_presence, contact_email, needs_paper_copy, \
     status, third_party_delay_days, updated_at from factories";

fn factory_from_row(row: &AnyRow) -> Result<Factory, sqlx::Error> {
    Ok(Factory {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        local_name: row.try_get("local_name")?,
        registration_number: row.try_get("registration_number")?,
        osh_id: row.try_get("osh_id")?,
        address: row.try_get("address")?,
        province: row.try_get("province")?,
        latitude: row.try_get("latitude")?,
        longitude: row.try_get("longitude")?,
        product_type: row.try_get("product_type")?,
        ownership_country: row.try_get("ownership_country")?,
        export_licence: row.try_get("export_licence")?,
        total_workers: row.try_get("total_workers")?,
        women_share_percent: row.try_get("women_share_percent")?,
        union_presence: row
            .try_get::<Option<i64>, _>("union_presence")?
            .map(|value| value != 0),
        contact_email: row.try_get("contact_email")?,
        needs_paper_copy: get_flag(row, "needs_paper_copy")?,
        status: row.try_get("status")?,
        third_party_delay_days: row.try_get("third_party_delay_days")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// The registry, filtered, ordered by name.
pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
    filter: &FactoryFilter,
) -> Result<Vec<Factory>, sqlx::Error> {
    // Each filter is "empty or equal", so one statement serves every combination. LIKE's
    // wildcards are removed from the search text so it matches literally.
    let sql = format!(
        "{SELECT_FACTORY} where ($1 = '' or lower(name) like $2 or lower(coalesce(local_name, '')) like $2 \
             or lower(coalesce(registration_number, '')) like $2 or lower(coalesce(osh_id, '')) like $2) \
         and ($3 = '' or province = $3) and ($4 = '' or product_type = $4) and ($5 = '' or status = $5) \
         order by lower(name), id"
    );
    let query = filter.q.trim().to_lowercase();
    let pattern = format!("%{}%", query.replace(['%', '_'], ""));
    let rows = sqlx::query(&sql)
        .bind(&query)
        .bind(pattern)
        .bind(&filter.province)
        .bind(&filter.product_type)
        .bind(&filter.status)
        .fetch_all(executor)
        .await?;
    rows.iter().map(factory_from_row).collect()
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<Factory>, sqlx::Error> {
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

/// Names and identifiers of every registered factory, for duplicate detection.
pub async fn identities<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<(i64, String, Option<String>, Option<String>)>, sqlx::Error> {
    let rows = sqlx::query("select id, name, registration_number, osh_id from factories")
        .fetch_all(executor)
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("id")?,
                row.try_get("name")?,
                row.try_get("registration_number")?,
                row.try_get("osh_id")?,
            ))
        })
        .collect()
}

/// sqlx 0.8's `Any` driver sends a missing `f64` to PostgreSQL typed as `float4`
/// (sqlx-core `any/arguments.rs`), which breaks a cached statement that also receives real
/// values ("incorrect binary data format"). So a nullable float is always bound as a number,
/// with a 0/1 "known" flag beside it, and the SQL writes `case when <flag> = 1 then <value> end`.
fn known_float(value: Option<f64>) -> f64 {
    value.unwrap_or_default()
}

fn delay_days(input: &FactoryInput) -> i64 {
    input
        .third_party_delay_days
        .unwrap_or(shared::visit::DEFAULT_THIRD_PARTY_DELAY_DAYS)
}

fn status_or_active(input: &FactoryInput) -> &str {
    if input.status.is_empty() {
        "active"
    } else {
        &input.status
    }
}

/// Inserts a factory and returns its id. A taken registration number or Open Supply Hub id
/// is a unique violation.
pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    input: &FactoryInput,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into factories (name, local_name, registration_number, osh_id, address, province, \
         latitude, longitude, product_type, ownership_country, export_licence, total_workers, \
         women_share_percent, union_presence, contact_email, needs_paper_copy, status, \
         created_at, updated_at, third_party_delay_days) \
         values ($1, $2, $3, $4, $5, $6, case when $19 = 1 then $7 end, case when $20 = 1 then $8 end, \
         $9, $10, $11, $12, case when $21 = 1 then $13 end, $14, $15, $16, $17, $18, $18, $22) \
         returning id",
    )
    .bind(input.name.trim())
    .bind(input.local_name.as_deref())
    .bind(input.registration_number.as_deref())
    .bind(input.osh_id.as_deref())
    .bind(input.address.trim())
    .bind(&input.province)
    .bind(known_float(input.latitude))
    .bind(known_float(input.longitude))
    .bind(&input.product_type)
    .bind(input.ownership_country.as_deref())
    .bind(input.export_licence.as_deref())
    .bind(input.total_workers)
    .bind(known_float(input.women_share_percent))
    .bind(input.union_presence.map(flag))
    .bind(input.contact_email.as_deref())
    .bind(flag(input.needs_paper_copy))
    .bind(status_or_active(input))
    .bind(now)
    .bind(flag(input.latitude.is_some()))
    .bind(flag(input.longitude.is_some()))
    .bind(flag(input.women_share_percent.is_some()))
    .bind(delay_days(input))
    .fetch_one(executor)
    .await
}

/// Replaces every editable fact of a factory. Returns false when it does not exist.
pub async fn update<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
    input: &FactoryInput,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update factories set name = $1, local_name = $2, registration_number = $3, osh_id = $4, \
         address = $5, province = $6, latitude = case when $20 = 1 then $7 end, \
         longitude = case when $21 = 1 then $8 end, product_type = $9, \
         ownership_country = $10, export_licence = $11, total_workers = $12, \
         women_share_percent = case when $22 = 1 then $13 end, union_presence = $14, \
         contact_email = $15, needs_paper_copy = $16, status = $17, updated_at = $18, \
         third_party_delay_days = $23 where id = $19",
    )
    .bind(input.name.trim())
    .bind(input.local_name.as_deref())
    .bind(input.registration_number.as_deref())
    .bind(input.osh_id.as_deref())
    .bind(input.address.trim())
    .bind(&input.province)
    .bind(known_float(input.latitude))
    .bind(known_float(input.longitude))
    .bind(&input.product_type)
    .bind(input.ownership_country.as_deref())
    .bind(input.export_licence.as_deref())
    .bind(input.total_workers)
    .bind(known_float(input.women_share_percent))
    .bind(input.union_presence.map(flag))
    .bind(input.contact_email.as_deref())
    .bind(flag(input.needs_paper_copy))
    .bind(status_or_active(input))
    .bind(now)
    .bind(id)
    .bind(flag(input.latitude.is_some()))
    .bind(flag(input.longitude.is_some()))
    .bind(flag(input.women_share_percent.is_some()))
    .bind(delay_days(input))
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Active factories and their workers per province, largest workforce first. Factories
/// whose workforce is unknown count as factories but add no workers.
pub async fn workforce_by_province<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<ProvinceWorkforce>, sqlx::Error> {
    let rows = sqlx::query(
        "select province, count(*) as factories, \
         cast(coalesce(sum(total_workers), 0) as bigint) as workers \
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

/// Days after publication before third parties may see this factory's reports.
pub async fn third_party_delay_days<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select third_party_delay_days from factories where id = $1")
        .bind(factory_id)
        .fetch_one(executor)
        .await
}

pub async fn id_by_registration_number<'e>(
    executor: impl Executor<'e, Database = Any>,
    registration_number: &str,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select id from factories where registration_number = $1")
        .bind(registration_number)
        .fetch_optional(executor)
        .await
}
