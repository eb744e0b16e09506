//! Every SQL statement about the access ledger: which organisation opened which report, or
//! which self-assessment the factory shared with it.

use shared::api::access::AccessLogEntry;
use shared::date::cambodia_date;
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

/// An organisation's user opening a self-assessment the factory shared with it.
pub struct SelfAssessmentView {
    pub factory_id: i64,
    pub self_assessment_id: i64,
    pub organisation_id: i64,
    pub user_id: i64,
    pub viewed_at: i64,
}

pub async fn record_self_assessment<'e>(
    executor: impl Executor<'e, Database = Any>,
    view: &SelfAssessmentView,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into self_assessment_access_log \
             (factory_id, self_assessment_id, organisation_id, user_id, viewed_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(view.factory_id)
    .bind(view.self_assessment_id)
    .bind(view.organisation_id)
    .bind(view.user_id)
    .bind(view.viewed_at)
    .execute(executor)
    .await?;
    Ok(())
}

/// Writes the line only when the same user has no line for this self-assessment at or after
/// `since`; true when it was written.
pub async fn record_self_assessment_unless_read_since<'e>(
    executor: impl Executor<'e, Database = Any>,
    view: &SelfAssessmentView,
    since: i64,
) -> Result<bool, sqlx::Error> {
    let written = sqlx::query(
        "insert into self_assessment_access_log \
             (factory_id, self_assessment_id, organisation_id, user_id, viewed_at) \
         select $1, $2, $3, $4, $5 where not exists ( \
             select 1 from self_assessment_access_log \
             where self_assessment_id = $2 and user_id = $4 and viewed_at >= $6)",
    )
    .bind(view.factory_id)
    .bind(view.self_assessment_id)
    .bind(view.organisation_id)
    .bind(view.user_id)
    .bind(view.viewed_at)
    .bind(since)
    .execute(executor)
    .await?
    .rows_affected();
    Ok(written == 1)
}

/// A factory's ledger, newest first; at most `limit` lines: the reports opened and the
/// shared self-assessments opened, together.
pub async fn for_factory<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    limit: i64,
) -> Result<Vec<AccessLogEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "select o.name as name, l.visit_id as visit_id, v.start_date as start_date, \
             null as self_assessment_id, null as completed_at, l.viewed_at as viewed_at, \
             l.id as id \
         from report_access_log l \
         join organisations o on o.id = l.organisation_id join visits v on v.id = l.visit_id \
         where l.factory_id = $1 \
         union all \
         select o.name, null, null, l.self_assessment_id, s.completed_at, l.viewed_at, l.id \
         from self_assessment_access_log l \
         join organisations o on o.id = l.organisation_id \
         join self_assessments s on s.id = l.self_assessment_id \
         where l.factory_id = $1 \
         order by viewed_at desc, id desc limit $2",
    )
    .bind(factory_id)
    .bind(limit)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            let self_assessment_id: Option<i64> = row.try_get("self_assessment_id")?;
            let (visit_id, date) = match self_assessment_id {
                Some(_) => {
                    let completed_at: Option<i64> = row.try_get("completed_at")?;
                    (0, completed_at.map(cambodia_date).unwrap_or_default())
                }
                None => (
                    row.try_get::<Option<i64>, _>("visit_id")?
                        .unwrap_or_default(),
                    row.try_get::<Option<String>, _>("start_date")?
                        .unwrap_or_default(),
                ),
            };
            Ok(AccessLogEntry {
                organisation_name: row.try_get("name")?,
                visit_id,
                visit_start_date: date,
                viewed_at: row.try_get("viewed_at")?,
                self_assessment_id,
            })
        })
        .collect()
}
