//! Every SQL statement about clarification meetings: a factory's request about a report,
//! its scheduling by programme staff and its outcome, each step also kept as an event.

use shared::api::objections::{ClarificationMeeting, MeetingStatus};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

const MEETING_SELECT: &str = "select m.id, m.visit_id, v.factory_id, f.name as factory_name, \
         m.status, m.topic, r.display_name as requested_by, m.requested_at, m.scheduled_for, \
         m.place, s.display_name as scheduled_by, m.scheduled_at, m.outcome, \
         o.display_name as outcome_by, m.outcome_at \
     from clarification_meetings m join visits v on v.id = m.visit_id \
     join factories f on f.id = v.factory_id join users r on r.id = m.requested_by \
     left join users s on s.id = m.scheduled_by left join users o on o.id = m.outcome_by";

fn meeting_from_row(row: &AnyRow) -> Result<ClarificationMeeting, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(ClarificationMeeting {
        id: row.try_get("id")?,
        visit_id: row.try_get("visit_id")?,
        factory_id: row.try_get("factory_id")?,
        factory_name: row.try_get("factory_name")?,
        status: MeetingStatus::parse(&status).unwrap_or(MeetingStatus::Requested),
        topic: row.try_get("topic")?,
        requested_by: row.try_get("requested_by")?,
        requested_at: row.try_get("requested_at")?,
        scheduled_for: row.try_get("scheduled_for")?,
        place: row.try_get("place")?,
        scheduled_by: row.try_get("scheduled_by")?,
        scheduled_at: row.try_get("scheduled_at")?,
        outcome: row.try_get("outcome")?,
        outcome_by: row.try_get("outcome_by")?,
        outcome_at: row.try_get("outcome_at")?,
    })
}

async fn record_event(
    connection: &mut AnyConnection,
    meeting_id: i64,
    event: MeetingStatus,
    by: i64,
    now: i64,
    details: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into clarification_meeting_events (meeting_id, event, actor_user_id, occurred_at, details) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(meeting_id)
    .bind(event.as_str())
    .bind(by)
    .bind(now)
    .bind(details)
    .execute(connection)
    .await?;
    Ok(())
}

pub async fn request(
    connection: &mut AnyConnection,
    visit_id: i64,
    topic: &str,
    by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "insert into clarification_meetings (visit_id, topic, requested_by, requested_at) \
         values ($1, $2, $3, $4) returning id",
    )
    .bind(visit_id)
    .bind(topic)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    record_event(connection, id, MeetingStatus::Requested, by, now, topic).await?;
    Ok(id)
}

/// Schedules (or moves) a meeting not yet held; false when it was already held.
pub async fn schedule(
    connection: &mut AnyConnection,
    meeting_id: i64,
    scheduled_for: &str,
    place: &str,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "update clarification_meetings set status = 'scheduled', scheduled_for = $1, place = $2, \
             scheduled_by = $3, scheduled_at = $4 \
         where id = $5 and status in ('requested', 'scheduled')",
    )
    .bind(scheduled_for)
    .bind(place)
    .bind(by)
    .bind(now)
    .bind(meeting_id)
    .execute(&mut *connection)
    .await?
    .rows_affected();
    if changed == 1 {
        let details = format!("{scheduled_for} {place}");
        record_event(
            connection,
            meeting_id,
            MeetingStatus::Scheduled,
            by,
            now,
            &details,
        )
        .await?;
    }
    Ok(changed == 1)
}

/// Records the outcome of a scheduled meeting; false when it is not scheduled.
pub async fn record_outcome(
    connection: &mut AnyConnection,
    meeting_id: i64,
    outcome: &str,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "update clarification_meetings set status = 'held', outcome = $1, outcome_by = $2, \
             outcome_at = $3 \
         where id = $4 and status = 'scheduled'",
    )
    .bind(outcome)
    .bind(by)
    .bind(now)
    .bind(meeting_id)
    .execute(&mut *connection)
    .await?
    .rows_affected();
    if changed == 1 {
        record_event(
            connection,
            meeting_id,
            MeetingStatus::Held,
            by,
            now,
            outcome,
        )
        .await?;
    }
    Ok(changed == 1)
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    meeting_id: i64,
) -> Result<Option<ClarificationMeeting>, sqlx::Error> {
    let sql = format!("{MEETING_SELECT} where m.id = $1");
    let row = sqlx::query(&sql)
        .bind(meeting_id)
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(meeting_from_row).transpose()
}

pub async fn for_report<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<ClarificationMeeting>, sqlx::Error> {
    let sql = format!("{MEETING_SELECT} where m.visit_id = $1 order by m.id");
    let rows = sqlx::query(&sql).bind(visit_id).fetch_all(executor).await?;
    rows.iter().map(meeting_from_row).collect()
}

/// Meetings not yet held, across all reports, oldest request first.
pub async fn open<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<ClarificationMeeting>, sqlx::Error> {
    let sql = format!("{MEETING_SELECT} where m.status <> 'held' order by m.id");
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(meeting_from_row).collect()
}
