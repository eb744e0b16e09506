//! Every SQL statement about the letters to the ministries and their delivery.

use shared::api::ministries::MinistryLetter;
use shared::ministry::Ministry;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

/// A letter to store, as written.
pub struct NewLetter<'a> {
    pub visit_id: i64,
    pub factory_id: i64,
    pub ministry: Ministry,
    pub reference: &'a str,
    pub written_on: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub outbox_message_id: Option<i64>,
}

/// Stores a letter and its `written` event; returns its id.
pub async fn insert(
    connection: &mut AnyConnection,
    letter: &NewLetter<'_>,
    written_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "insert into ministry_letters (visit_id, factory_id, ministry, reference, written_on, \
             subject, body, outbox_message_id, written_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
    )
    .bind(letter.visit_id)
    .bind(letter.factory_id)
    .bind(letter.ministry.as_str())
    .bind(letter.reference)
    .bind(letter.written_on)
    .bind(letter.subject)
    .bind(letter.body)
    .bind(letter.outbox_message_id)
    .bind(written_by)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    record_event(connection, id, "written", "", written_by, now).await?;
    Ok(id)
}

/// True when the visit's letters were already written (a report approved, returned by a later
/// amendment flow and approved again never writes twice).
pub async fn written_for_visit<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<bool, sqlx::Error> {
    let count: i64 =
        sqlx::query_scalar("select count(*) from ministry_letters where visit_id = $1")
            .bind(visit_id)
            .fetch_one(executor)
            .await?;
    Ok(count > 0)
}

const SELECT_LETTER: &str = "select l.id, l.visit_id, l.factory_id, f.name as factory_name, \
         v.start_date, l.ministry, l.reference, l.written_on, writer.display_name as writer, \
         l.subject, l.body, o.to_address, o.delivery, o.error, l.paper_handed_over_on, \
         recorder.display_name as recorder, l.paper_note \
     from ministry_letters l \
     join factories f on f.id = l.factory_id \
     join visits v on v.id = l.visit_id \
     join users writer on writer.id = l.written_by \
     left join outbox_messages o on o.id = l.outbox_message_id \
     left join users recorder on recorder.id = l.paper_recorded_by";

fn letter_from_row(row: &AnyRow) -> Result<MinistryLetter, sqlx::Error> {
    let ministry: String = row.try_get("ministry")?;
    Ok(MinistryLetter {
        id: row.try_get("id")?,
        visit_id: row.try_get("visit_id")?,
        factory_id: row.try_get("factory_id")?,
        factory_name: row.try_get("factory_name")?,
        visit_date: row.try_get("start_date")?,
        ministry: Ministry::parse(&ministry).unwrap_or(Ministry::Labour),
        reference: row.try_get("reference")?,
        written_on: row.try_get("written_on")?,
        written_by: row.try_get("writer")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        emailed_to: row.try_get("to_address")?,
        email_delivery: row.try_get("delivery")?,
        email_error: row.try_get("error")?,
        paper_handed_over_on: row.try_get("paper_handed_over_on")?,
        paper_recorded_by: row.try_get("recorder")?,
        paper_note: row.try_get("paper_note")?,
    })
}

/// Every letter, newest first.
pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<MinistryLetter>, sqlx::Error> {
    let sql = format!("{SELECT_LETTER} order by l.created_at desc, l.id");
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(letter_from_row).collect()
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<MinistryLetter>, sqlx::Error> {
    let sql = format!("{SELECT_LETTER} where l.id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(executor).await?;
    row.as_ref().map(letter_from_row).transpose()
}

/// Records the paper copy's hand-over; false when one was already recorded.
pub async fn record_handover(
    connection: &mut AnyConnection,
    id: i64,
    handed_over_on: &str,
    note: &str,
    actor: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "update ministry_letters set paper_handed_over_on = $1, paper_note = $2, \
             paper_recorded_by = $3 where id = $4 and paper_handed_over_on is null",
    )
    .bind(handed_over_on)
    .bind(note)
    .bind(actor)
    .bind(id)
    .execute(&mut *connection)
    .await?
    .rows_affected();
    if changed == 0 {
        return Ok(false);
    }
    record_event(connection, id, "paper_handed_over", note, actor, now).await?;
    Ok(true)
}

async fn record_event(
    connection: &mut AnyConnection,
    id: i64,
    event: &str,
    note: &str,
    actor: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into ministry_letter_events (letter_id, event, note, actor_user_id, occurred_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(event)
    .bind(note)
    .bind(actor)
    .bind(now)
    .execute(&mut *connection)
    .await?;
    Ok(())
}
