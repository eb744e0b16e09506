//! Every SQL statement about the access ledger: which organisation opened which report.

use shared::api::access::AccessLogEntry;
use sqlx::{Any, Executor, Row};

pub struct ReportView {
    pub factory_id: i64,
    pub visit_id: i64,
    pub organisation_id: i64,
    pub user_id: i64,
    pub viewed_at: i64,
}

pub async fn record<'e>(
    executor: impl Executor<'e, Database = Any>,
    view: &ReportView,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into report_access_log (factory_id, visit_id, organisation_id, user_id, viewed_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(view.factory_id)
    .bind(view.visit_id)
    .bind(view.organisation_id)
    .bind(view.user_id)
    .bind(view.viewed_at)
    .execute(executor)
    .await?;
    Ok(())
}

/// A factory's ledger, newest first; at most `limit` lines.
pub async fn for_factory<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    limit: i64,
) -> Result<Vec<AccessLogEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "select o.name, l.visit_id, v.start_date, l.viewed_at from report_access_log l \
         join organisations o on o.id = l.organisation_id join visits v on v.id = l.visit_id \
         where l.factory_id = $1 order by l.viewed_at desc, l.id desc limit $2",
    )
    .bind(factory_id)
    .bind(limit)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(AccessLogEntry {
                organisation_name: row.try_get("name")?,
                visit_id: row.try_get("visit_id")?,
                visit_start_date: row.try_get("start_date")?,
                viewed_at: row.try_get("viewed_at")?,
            })
        })
        .collect()
}
