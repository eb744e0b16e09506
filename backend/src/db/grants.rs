//! Every SQL statement about which organisations may see which factories' reports: access
//! grants (the third-party access form) and their history.

use shared::api::access::AccessGrant;
use sqlx::{Any, Executor, Row};

/// The condition under which organisation `$org` reads factory `$factory` today (`$today`,
/// an ISO date): an unrevoked grant and a paid subscription covering today. Kept in one
/// place because reports, histories, comparisons and the suppliers list all apply it; the
/// caller substitutes its own placeholders for the three names.
pub const ACTIVE_ACCESS: &str = "exists (select 1 from factory_access_grants g \
       where g.factory_id = $factory and g.organisation_id = $org and g.revoked_at is null) \
     and exists (select 1 from organisation_subscriptions s \
       where s.factory_id = $factory and s.organisation_id = $org and s.paid = 1 \
         and s.starts_on <= $today and s.ends_on >= $today)";

/// [`ACTIVE_ACCESS`] with the placeholders given, e.g. `active_access("f.id", "$2", "$3")`.
pub fn active_access(factory: &str, organisation: &str, today: &str) -> String {
    ACTIVE_ACCESS
        .replace("$factory", factory)
        .replace("$org", organisation)
        .replace("$today", today)
}

/// True when the organisation holds an unrevoked grant for the factory and a paid
/// subscription that covers `today`.
pub async fn organisation_may_see<'e>(
    executor: impl Executor<'e, Database = Any>,
    organisation_id: i64,
    factory_id: i64,
    today: &str,
) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "select count(*) from factories where id = $2 and {}",
        active_access("$2", "$1", "$3")
    );
    let count: i64 = sqlx::query_scalar(&sql)
        .bind(organisation_id)
        .bind(factory_id)
        .bind(today)
        .fetch_one(executor)
        .await?;
    Ok(count > 0)
}

/// Grants (or grants again after a revocation) and returns the grant's id.
pub async fn grant(
    connection: &mut sqlx::AnyConnection,
    factory_id: i64,
    organisation_id: i64,
    by: Option<i64>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let grant_id: i64 = sqlx::query_scalar(
        "insert into factory_access_grants (factory_id, organisation_id, granted_at, granted_by) \
         values ($1, $2, $3, $4) \
         on conflict (factory_id, organisation_id) do update \
           set granted_at = excluded.granted_at, granted_by = excluded.granted_by, \
               revoked_at = null, revoked_by = null \
         returning id",
    )
    .bind(factory_id)
    .bind(organisation_id)
    .bind(now)
    .bind(by)
    .fetch_one(&mut *connection)
    .await?;
    record_event(connection, grant_id, "granted", by, now).await?;
    Ok(grant_id)
}

/// Revokes a standing grant; false when there was none.
pub async fn revoke(
    connection: &mut sqlx::AnyConnection,
    factory_id: i64,
    organisation_id: i64,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let grant_id: Option<i64> = sqlx::query_scalar(
        "update factory_access_grants set revoked_at = $3, revoked_by = $4 \
         where factory_id = $1 and organisation_id = $2 and revoked_at is null returning id",
    )
    .bind(factory_id)
    .bind(organisation_id)
    .bind(now)
    .bind(by)
    .fetch_optional(&mut *connection)
    .await?;
    match grant_id {
        Some(grant_id) => {
            record_event(connection, grant_id, "revoked", Some(by), now).await?;
            Ok(true)
        }
        None => Ok(false),
    }
}

async fn record_event(
    connection: &mut sqlx::AnyConnection,
    grant_id: i64,
    event: &str,
    by: Option<i64>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into factory_access_grant_events (grant_id, event, actor_user_id, occurred_at) \
         values ($1, $2, $3, $4)",
    )
    .bind(grant_id)
    .bind(event)
    .bind(by)
    .bind(now)
    .execute(connection)
    .await?;
    Ok(())
}

/// Records in the grants ledger that a self-assessment of the factory was shared with the
/// organisation (`shared`) or that the share ended, under the organisation's grant. Nothing
/// is recorded when the organisation never held a grant (sharing requires one).
pub async fn record_self_assessment_event(
    connection: &mut sqlx::AnyConnection,
    factory_id: i64,
    organisation_id: i64,
    self_assessment_id: i64,
    shared: bool,
    by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let event = if shared {
        "self_assessment_shared"
    } else {
        "self_assessment_unshared"
    };
    sqlx::query(
        "insert into factory_access_grant_events (grant_id, event, actor_user_id, occurred_at, \
             self_assessment_id) \
         select g.id, $3, $4, $5, $6 from factory_access_grants g \
         where g.factory_id = $1 and g.organisation_id = $2",
    )
    .bind(factory_id)
    .bind(organisation_id)
    .bind(event)
    .bind(by)
    .bind(now)
    .bind(self_assessment_id)
    .execute(connection)
    .await?;
    Ok(())
}

/// Every grant of a factory, standing ones first, with whether a subscription is active.
pub async fn for_factory<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    today: &str,
) -> Result<Vec<AccessGrant>, sqlx::Error> {
    let rows = sqlx::query(
        "select o.id, o.name, o.kind, g.granted_at, g.revoked_at, \
           (select count(*) from organisation_subscriptions s where s.factory_id = g.factory_id \
              and s.organisation_id = g.organisation_id and s.paid = 1 \
              and s.starts_on <= $2 and s.ends_on >= $2) as active_subscriptions \
         from factory_access_grants g join organisations o on o.id = g.organisation_id \
         where g.factory_id = $1 \
         order by case when g.revoked_at is null then 0 else 1 end, o.name",
    )
    .bind(factory_id)
    .bind(today)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(AccessGrant {
                organisation_id: row.try_get("id")?,
                organisation_name: row.try_get("name")?,
                organisation_kind: row.try_get("kind")?,
                granted_at: row.try_get("granted_at")?,
                revoked_at: row.try_get("revoked_at")?,
                subscription_active: row.try_get::<i64, _>("active_subscriptions")? > 0,
            })
        })
        .collect()
}

/// The users (with an email address) of the organisations that read the factory today:
/// who is told when one of its reports is amended.
pub async fn reader_emails<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    today: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let sql = format!(
        "select u.email from users u where u.role = 'buyer' and u.email is not null \
           and u.email <> '' and {} order by u.email",
        active_access("$1", "u.organisation_id", "$2")
    );
    sqlx::query_scalar(&sql)
        .bind(factory_id)
        .bind(today)
        .fetch_all(executor)
        .await
}
