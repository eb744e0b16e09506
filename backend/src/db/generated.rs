//! The industry generator's writes that have no place in the application's own resources:
//! factories, accounts and visits created whole, already published.

use sqlx::{Any, AnyConnection, Executor};

use crate::db::flag;

/// A factory as the generator creates it.
pub struct GeneratedFactory {
    pub name: String,
    pub local_name: Option<String>,
    pub registration_number: String,
    pub province: String,
    pub product_type: String,
    pub ownership_country: String,
    pub export_licence: Option<String>,
    pub total_workers: i64,
    pub women_share_percent: f64,
    pub union_presence: bool,
    pub closed: bool,
}

pub async fn insert_factory(
    connection: &mut AnyConnection,
    factory: &GeneratedFactory,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into factories (name, local_name, registration_number, address, province, product_type, \
             ownership_country, export_licence, total_workers, women_share_percent, union_presence, \
             contact_email, needs_paper_copy, status, created_at, updated_at) \
         values ($1, $2, $3, '', $4, $5, $6, $7, $8, $9, $10, $11, 0, $12, $13, $13) returning id",
    )
    .bind(&factory.name)
    .bind(factory.local_name.as_deref())
    .bind(&factory.registration_number)
    .bind(&factory.province)
    .bind(&factory.product_type)
    .bind(&factory.ownership_country)
    .bind(factory.export_licence.as_deref())
    .bind(factory.total_workers)
    .bind(factory.women_share_percent)
    .bind(flag(factory.union_presence))
    .bind(format!(
        "compliance@{}.factories.example",
        factory.registration_number.to_lowercase()
    ))
    .bind(if factory.closed { "closed" } else { "active" })
    .bind(now)
    .fetch_one(connection)
    .await
}

/// An account nobody can sign in to until an administrator resets its password.
pub async fn insert_user<'e>(
    executor: impl Executor<'e, Database = Any>,
    username: &str,
    display_name: &str,
    role: &str,
    password_hash: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into users (username, display_name, role, password_hash, must_change_password, created_at, updated_at) \
         values ($1, $2, $3, $4, 1, $5, $5) returning id",
    )
    .bind(username)
    .bind(display_name)
    .bind(role)
    .bind(password_hash)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// A published assessment as the generator creates it (its paper copy, where the factory
/// needs one, was posted two days after publication).
pub struct GeneratedVisit {
    pub factory_id: i64,
    pub checklist_version_id: i64,
    pub announced: bool,
    pub start_date: String,
    pub end_date: String,
    pub lead_monitor_id: i64,
    pub second_monitor_id: Option<i64>,
    pub gate_wait_minutes: i64,
    pub workers_interviewed: i64,
    pub managers_interviewed: i64,
    pub union_reps_interviewed: i64,
    pub published_at: i64,
    pub third_party_visible_from: i64,
    pub workers_total: i64,
    pub women_workers: i64,
}

pub async fn insert_visit(
    connection: &mut AnyConnection,
    visit: &GeneratedVisit,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into visits (factory_id, checklist_version_id, visit_type, announced, start_date, end_date, \
             lead_monitor_id, second_monitor_id, status, gate_wait_minutes, workers_interviewed, \
             managers_interviewed, union_reps_interviewed, outcome, published_at, third_party_visible_from, \
             created_at, updated_at, workers_total, women_workers, paper_copy_posted_at) \
         values ($1, $2, 'assessment', $3, $4, $5, $6, $7, 'published', $8, $9, $10, $11, 'completed', \
             $12, $13, $12, $12, $14, $15, \
             case when (select needs_paper_copy from factories where id = $1) = 1 then $12 + 172800 end) \
         returning id",
    )
    .bind(visit.factory_id)
    .bind(visit.checklist_version_id)
    .bind(flag(visit.announced))
    .bind(&visit.start_date)
    .bind(&visit.end_date)
    .bind(visit.lead_monitor_id)
    .bind(visit.second_monitor_id)
    .bind(visit.gate_wait_minutes)
    .bind(visit.workers_interviewed)
    .bind(visit.managers_interviewed)
    .bind(visit.union_reps_interviewed)
    .bind(visit.published_at)
    .bind(visit.third_party_visible_from)
    .bind(visit.workers_total)
    .bind(visit.women_workers)
    .fetch_one(connection)
    .await
}

/// Factories of the registry and their workforce, to give them a history.
pub async fn factories_for_history<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("select id, coalesce(total_workers, 0) from factories order by id")
        .fetch_all(executor)
        .await
}
