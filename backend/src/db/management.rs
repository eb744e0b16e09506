//! Every SQL statement of the management reports: the visits of a period with the first time
//! their reports reached each step, the reports waiting in review, objections, corrective
//! actions and documents still open, and notices that failed.

use std::collections::HashMap;

use shared::api::management::FailedNotice;
use sqlx::{Any, Executor, Row};

/// A visit of the period and when its report first reached each step (Unix seconds).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PeriodVisit {
    pub id: i64,
    pub factory_name: String,
    pub lead_monitor_id: i64,
    pub lead_monitor_name: String,
    /// ISO date of the visit's last day.
    pub end_date: String,
    pub status: String,
    pub submitted_at: Option<i64>,
    pub approved_at: Option<i64>,
    pub published_at: Option<i64>,
    /// Times the report was sent back for revision.
    pub returned: i64,
    /// The latest step (Unix seconds): when it entered its current state.
    pub since: i64,
}

/// Visits whose last day is between `first_day` and `last_day` (ISO dates, inclusive), and
/// visits still in review whatever their day (`in_review`), with their steps.
pub async fn visits<'e, E>(
    executor: E,
    first_day: &str,
    last_day: &str,
) -> Result<Vec<PeriodVisit>, sqlx::Error>
where
    E: Executor<'e, Database = Any> + Copy,
{
    let in_scope = "(v.end_date between $1 and $2 or v.status <> 'published')";
    let rows = sqlx::query(&format!(
        "select v.id, f.name as factory_name, v.lead_monitor_id, u.display_name, v.end_date, \
             v.status \
         from visits v join factories f on f.id = v.factory_id \
         join users u on u.id = v.lead_monitor_id \
         where {in_scope} order by v.end_date, v.id"
    ))
    .bind(first_day)
    .bind(last_day)
    .fetch_all(executor)
    .await?;
    let steps = sqlx::query(&format!(
        "select t.visit_id, t.to_status, min(t.occurred_at) as first_at, \
             max(t.occurred_at) as last_at, count(*) as times \
         from visit_transitions t join visits v on v.id = t.visit_id \
         where {in_scope} group by t.visit_id, t.to_status"
    ))
    .bind(first_day)
    .bind(last_day)
    .fetch_all(executor)
    .await?;
    let mut visits: HashMap<i64, PeriodVisit> = HashMap::new();
    let mut order = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        order.push(id);
        visits.insert(
            id,
            PeriodVisit {
                id,
                factory_name: row.try_get("factory_name")?,
                lead_monitor_id: row.try_get("lead_monitor_id")?,
                lead_monitor_name: row.try_get("display_name")?,
                end_date: row.try_get("end_date")?,
                status: row.try_get("status")?,
                ..PeriodVisit::default()
            },
        );
    }
    for row in &steps {
        let Some(visit) = visits.get_mut(&row.try_get::<i64, _>("visit_id")?) else {
            continue;
        };
        let first: i64 = row.try_get("first_at")?;
        let last: i64 = row.try_get("last_at")?;
        let status: String = row.try_get("to_status")?;
        match status.as_str() {
            "submitted" => visit.submitted_at = Some(first),
            "approved" => visit.approved_at = Some(first),
            "published" => visit.published_at = Some(first),
            "returned" => visit.returned = row.try_get("times")?,
            _ => {}
        }
        visit.since = visit.since.max(last);
    }
    Ok(order
        .into_iter()
        .filter_map(|id| visits.remove(&id))
        .collect())
}

/// Objected findings of reports whose visit ended in the period: (status, objected at,
/// decided at).
pub async fn objections<'e>(
    executor: impl Executor<'e, Database = Any>,
    first_day: &str,
    last_day: &str,
) -> Result<Vec<(String, i64, Option<i64>)>, sqlx::Error> {
    let rows = sqlx::query(
        "select i.status, o.submitted_at, i.decided_at from objection_items i \
         join objections o on o.id = i.objection_id join visits v on v.id = i.visit_id \
         where v.end_date between $1 and $2",
    )
    .bind(first_day)
    .bind(last_day)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("status")?,
                row.try_get("submitted_at")?,
                row.try_get("decided_at")?,
            ))
        })
        .collect()
}

/// Documents requested at visits whose last day is in the period and not yet handed over:
/// (visit id, factory name, document, due on).
pub async fn documents_not_received<'e>(
    executor: impl Executor<'e, Database = Any>,
    first_day: &str,
    last_day: &str,
) -> Result<Vec<(i64, String, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "select d.visit_id, f.name as factory_name, d.name, d.due_on from visit_documents d \
         join visits v on v.id = d.visit_id join factories f on f.id = v.factory_id \
         where d.received_on is null and v.end_date between $1 and $2 \
         order by d.due_on, d.visit_id, d.position",
    )
    .bind(first_day)
    .bind(last_day)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("visit_id")?,
                row.try_get("factory_name")?,
                row.try_get("name")?,
                row.try_get("due_on")?,
            ))
        })
        .collect()
}

/// Emails that failed to send, newest first.
pub async fn failed_notices<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<FailedNotice>, sqlx::Error> {
    let rows = sqlx::query(
        "select o.id, f.name, o.subject, o.created_at, o.error from outbox_messages o \
         left join factories f on f.id = o.factory_id \
         where o.delivery = 'failed' order by o.created_at desc, o.id desc",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(FailedNotice {
                id: row.try_get("id")?,
                factory_name: row.try_get("name")?,
                subject: row.try_get("subject")?,
                created_at: row.try_get("created_at")?,
                error: row
                    .try_get::<Option<String>, _>("error")?
                    .unwrap_or_default(),
            })
        })
        .collect()
}
