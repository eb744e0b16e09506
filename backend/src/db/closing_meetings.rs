//! Every SQL statement about the closing meetings recorded at the end of visits.

use shared::api::closing_meetings::{ClosingMeetingSummary, NewClosingMeeting};
use shared::api::visits::DocumentRequest;
use sqlx::{Any, AnyConnection, Executor, Row};

/// A closing meeting as stored, with who recorded it and how many recordings the visit has up
/// to this one.
pub struct StoredClosingMeeting {
    pub id: i64,
    pub visit_id: i64,
    pub meeting: NewClosingMeeting,
    pub documents: Vec<DocumentRequest>,
    pub recorded_by: String,
    pub recorded_at: i64,
    pub version: i64,
}

/// Appends a recording of the visit's closing meeting (text already trimmed) with the
/// documents requested at that moment; returns its id.
pub async fn insert(
    connection: &mut AnyConnection,
    visit_id: i64,
    meeting: &NewClosingMeeting,
    documents: &[DocumentRequest],
    recorded_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let documents = serde_json::to_string(documents).map_err(|error| {
        sqlx::Error::Encode(Box::new(error) as Box<dyn std::error::Error + Send + Sync>)
    })?;
    sqlx::query_scalar(
        "insert into visit_closing_meetings (visit_id, held_on, attendees, summary, next_steps, \
             documents, recorded_by, recorded_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
    )
    .bind(visit_id)
    .bind(&meeting.held_on)
    .bind(&meeting.attendees)
    .bind(&meeting.summary)
    .bind(&meeting.next_steps)
    .bind(documents)
    .bind(recorded_by)
    .bind(now)
    .fetch_one(&mut *connection)
    .await
}

/// The visit's latest closing meeting, if one was recorded.
pub async fn latest<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Option<StoredClosingMeeting>, sqlx::Error> {
    let row = sqlx::query(
        "select m.id, m.visit_id, m.held_on, m.attendees, m.summary, m.next_steps, m.documents, \
             u.display_name as recorded_by, m.recorded_at, \
             (select count(*) from visit_closing_meetings e where e.visit_id = m.visit_id) \
                 as version \
         from visit_closing_meetings m join users u on u.id = m.recorded_by \
         where m.visit_id = $1 order by m.id desc limit 1",
    )
    .bind(visit_id)
    .fetch_optional(executor)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let documents: String = row.try_get("documents")?;
    Ok(Some(StoredClosingMeeting {
        id: row.try_get("id")?,
        visit_id: row.try_get("visit_id")?,
        meeting: NewClosingMeeting {
            held_on: row.try_get("held_on")?,
            attendees: row.try_get("attendees")?,
            summary: row.try_get("summary")?,
            next_steps: row.try_get("next_steps")?,
        },
        documents: serde_json::from_str(&documents)
            .map_err(|error| sqlx::Error::Decode(Box::new(error)))?,
        recorded_by: row.try_get("recorded_by")?,
        recorded_at: row.try_get("recorded_at")?,
        version: row.try_get("version")?,
    }))
}

/// The latest closing meeting of each of the factory's visits, newest meeting first.
pub async fn of_factory<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
) -> Result<Vec<ClosingMeetingSummary>, sqlx::Error> {
    let rows = sqlx::query(
        "select v.id as visit_id, v.start_date, v.end_date, m.held_on, \
             (select count(*) from visit_closing_meetings e where e.visit_id = v.id) as version \
         from visit_closing_meetings m join visits v on v.id = m.visit_id \
         where v.factory_id = $1 \
             and m.id = (select max(l.id) from visit_closing_meetings l where l.visit_id = v.id) \
         order by m.held_on desc, v.id desc",
    )
    .bind(factory_id)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ClosingMeetingSummary {
                visit_id: row.try_get("visit_id")?,
                visit_start: row.try_get("start_date")?,
                visit_end: row.try_get("end_date")?,
                held_on: row.try_get("held_on")?,
                version: row.try_get("version")?,
            })
        })
        .collect()
}
