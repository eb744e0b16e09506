//! Every SQL statement about issued synthesis editions: inserted once, never updated.

use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

/// An edition as stored: the document's exact text and its hash.
#[derive(Clone, Debug)]
pub struct StoredEdition {
    pub id: i64,
    pub period: String,
    pub issued_at: i64,
    pub issued_by: String,
    pub data_as_of: Option<i64>,
    pub factories: i64,
    pub document: String,
    pub sha256: String,
}

/// An edition about to be stored.
pub struct NewEdition<'a> {
    pub period: &'a str,
    pub issued_by: i64,
    pub issued_at: i64,
    pub data_as_of: Option<i64>,
    pub factories: i64,
    pub document: &'a str,
    pub sha256: &'a str,
}

/// Stores the edition and returns its id, or `None` when the period already has one (the
/// first issue stands).
pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    edition: &NewEdition<'_>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "insert into synthesis_editions \
             (period, issued_by, issued_at, data_as_of, factories, document, sha256) \
         values ($1, $2, $3, $4, $5, $6, $7) \
         on conflict (period) do nothing returning id",
    )
    .bind(edition.period)
    .bind(edition.issued_by)
    .bind(edition.issued_at)
    .bind(edition.data_as_of)
    .bind(edition.factories)
    .bind(edition.document)
    .bind(edition.sha256)
    .fetch_optional(executor)
    .await
}

const SELECT_EDITION: &str = "select e.id, e.period, e.issued_at, u.display_name, e.data_as_of, \
     e.factories, e.sha256, {document} as document \
     from synthesis_editions e join users u on u.id = e.issued_by";

fn edition_of(row: &AnyRow) -> Result<StoredEdition, sqlx::Error> {
    Ok(StoredEdition {
        id: row.try_get("id")?,
        period: row.try_get("period")?,
        issued_at: row.try_get("issued_at")?,
        issued_by: row.try_get("display_name")?,
        data_as_of: row.try_get("data_as_of")?,
        factories: row.try_get("factories")?,
        document: row.try_get("document")?,
        sha256: row.try_get("sha256")?,
    })
}

/// Every edition, oldest period first; with its document when `with_documents` (what the
/// public site publishes), otherwise with an empty one (the list).
pub async fn all<'e>(
    executor: impl Executor<'e, Database = Any>,
    with_documents: bool,
) -> Result<Vec<StoredEdition>, sqlx::Error> {
    let document = if with_documents { "e.document" } else { "''" };
    let sql = format!(
        "{} order by e.period",
        SELECT_EDITION.replace("{document}", document)
    );
    sqlx::query(&sql)
        .fetch_all(executor)
        .await?
        .iter()
        .map(edition_of)
        .collect()
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<StoredEdition>, sqlx::Error> {
    let sql = format!(
        "{} where e.id = $1",
        SELECT_EDITION.replace("{document}", "e.document")
    );
    sqlx::query(&sql)
        .bind(id)
        .fetch_optional(executor)
        .await?
        .as_ref()
        .map(edition_of)
        .transpose()
}

/// The time of the latest publication of any report (unix seconds): what an edition's
/// figures include.
pub async fn latest_publication_at<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select max(published_at) from visits where published_at is not null")
        .fetch_one(executor)
        .await
}
