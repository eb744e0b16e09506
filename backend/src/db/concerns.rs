//! Every SQL statement about union and accredited third-party concerns and their review.

use shared::api::concerns::{Concern, ConcernFactoryOption, FlaggedFactory, NewConcern};
use shared::concern::{ConcernCategory, ConcernStatus};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

/// The factories a concern may be about: those in the programme now.
pub async fn active_factories<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<ConcernFactoryOption>, sqlx::Error> {
    let rows = sqlx::query(
        "select id, name, province from factories where status = 'active' order by name, id",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ConcernFactoryOption {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                province: row.try_get("province")?,
            })
        })
        .collect()
}

/// Whether `factory_id` is an active factory.
pub async fn factory_is_active<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
) -> Result<bool, sqlx::Error> {
    let count: i64 =
        sqlx::query_scalar("select count(*) from factories where id = $1 and status = 'active'")
            .bind(factory_id)
            .fetch_one(executor)
            .await?;
    Ok(count > 0)
}

async fn record_event(
    connection: &mut AnyConnection,
    concern_id: i64,
    event: &str,
    note: &str,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into concern_events (concern_id, event, note, actor_user_id, occurred_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(concern_id)
    .bind(event)
    .bind(note)
    .bind(user_id)
    .bind(now)
    .execute(connection)
    .await?;
    Ok(())
}

/// Stores a new concern and its "submitted" event; returns its id.
pub async fn insert(
    connection: &mut AnyConnection,
    concern: &NewConcern,
    user_id: i64,
    organisation_id: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "insert into concerns (factory_id, category, description, submitted_by, \
         organisation_id, submitted_at) values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(concern.factory_id)
    .bind(concern.category.as_str())
    .bind(concern.description.trim())
    .bind(user_id)
    .bind(organisation_id)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    record_event(connection, id, "submitted", "", user_id, now).await?;
    Ok(id)
}

const SELECT_CONCERN: &str = "select c.id, c.factory_id, f.name as factory_name, c.category, \
     c.description, c.status, submitter.display_name as submitter_name, \
     o.name as organisation_name, c.submitted_at, c.review_note, \
     reviewer.display_name as reviewer_name, c.reviewed_at \
     from concerns c join factories f on f.id = c.factory_id \
     join users submitter on submitter.id = c.submitted_by \
     left join organisations o on o.id = c.organisation_id \
     left join users reviewer on reviewer.id = c.reviewed_by";

fn concern_from_row(row: &AnyRow) -> Result<Concern, sqlx::Error> {
    let category: String = row.try_get("category")?;
    let status: String = row.try_get("status")?;
    Ok(Concern {
        id: row.try_get("id")?,
        factory_id: row.try_get("factory_id")?,
        factory_name: row.try_get("factory_name")?,
        category: ConcernCategory::parse(&category).unwrap_or(ConcernCategory::Other),
        description: row.try_get("description")?,
        status: ConcernStatus::parse(&status).unwrap_or(ConcernStatus::Submitted),
        submitted_by_name: row.try_get("submitter_name")?,
        organisation_name: row.try_get("organisation_name")?,
        submitted_at: row.try_get("submitted_at")?,
        review_note: row.try_get("review_note")?,
        reviewed_by_name: row.try_get("reviewer_name")?,
        reviewed_at: row.try_get("reviewed_at")?,
    })
}

/// Every concern, newest first; only those `submitted_by` raised when given.
pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
    submitted_by: Option<i64>,
) -> Result<Vec<Concern>, sqlx::Error> {
    let rows = match submitted_by {
        Some(user_id) => {
            sqlx::query(&format!(
                "{SELECT_CONCERN} where c.submitted_by = $1 order by c.submitted_at desc, c.id desc"
            ))
            .bind(user_id)
            .fetch_all(executor)
            .await?
        }
        None => {
            sqlx::query(&format!(
                "{SELECT_CONCERN} order by c.submitted_at desc, c.id desc"
            ))
            .fetch_all(executor)
            .await?
        }
    };
    rows.iter().map(concern_from_row).collect()
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<Concern>, sqlx::Error> {
    let row = sqlx::query(&format!("{SELECT_CONCERN} where c.id = $1"))
        .bind(id)
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(concern_from_row).transpose()
}

/// Records the review of a concern still waiting for one; false when it was already
/// reviewed (checked in the update, so two reviewers cannot both decide).
pub async fn review(
    connection: &mut AnyConnection,
    id: i64,
    outcome: ConcernStatus,
    note: &str,
    user_id: i64,
    now: i64,
    today: &str,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query(
        "update concerns set status = $1, review_note = $2, reviewed_by = $3, \
         reviewed_at = $4, reviewed_on = $5 where id = $6 and status = 'submitted'",
    )
    .bind(outcome.as_str())
    .bind(note)
    .bind(user_id)
    .bind(now)
    .bind(today)
    .bind(id)
    .execute(&mut *connection)
    .await?
    .rows_affected();
    if moved != 1 {
        return Ok(false);
    }
    record_event(connection, id, outcome.as_str(), note, user_id, now).await?;
    Ok(true)
}

/// The verified concerns of a factory, newest first: (id, category, description, verified on).
pub async fn verified_for_factory<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
) -> Result<Vec<(i64, ConcernCategory, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "select id, category, description, reviewed_on from concerns \
         where factory_id = $1 and status = 'verified' order by reviewed_at desc, id desc",
    )
    .bind(factory_id)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            let category: String = row.try_get("category")?;
            Ok((
                row.try_get("id")?,
                ConcernCategory::parse(&category).unwrap_or(ConcernCategory::Other),
                row.try_get("description")?,
                row.try_get::<Option<String>, _>("reviewed_on")?
                    .unwrap_or_default(),
            ))
        })
        .collect()
}

/// Factories with verified concerns that no visit has followed yet. The flag is derived,
/// not stored: a concern stops flagging its factory once a visit is planned after the
/// verification (created after it and starting on or after its day), so the flag can never
/// go stale and needs no one to clear it.
pub async fn flagged_factories<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<FlaggedFactory>, sqlx::Error> {
    let rows = sqlx::query(
        "select c.factory_id, f.name, count(*) as concerns, min(c.reviewed_on) as since \
         from concerns c join factories f on f.id = c.factory_id \
         where c.status = 'verified' and not exists (select 1 from visits v \
           where v.factory_id = c.factory_id and v.created_at > c.reviewed_at \
             and v.start_date >= c.reviewed_on) \
         group by c.factory_id, f.name order by since, c.factory_id",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(FlaggedFactory {
                factory_id: row.try_get("factory_id")?,
                factory_name: row.try_get("name")?,
                verified_concerns: row.try_get("concerns")?,
                since: row
                    .try_get::<Option<String>, _>("since")?
                    .unwrap_or_default(),
            })
        })
        .collect()
}
