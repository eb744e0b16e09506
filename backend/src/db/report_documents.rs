//! The stored report documents (one row per version of a published report, never updated)
//! and the industry's current cluster averages that a report read shows beside them.

use std::collections::HashMap;

use shared::api::objections::{ReportVersion, VersionKind};
use shared::corrective_action::Verification;
use shared::roles::Role;
use sqlx::any::AnyRow;
use sqlx::{Any, Executor, Row};

use crate::domain::report_document::StoredDocument;

/// A document about to be stored, with its canonical text.
pub struct NewDocument<'a> {
    pub visit_id: i64,
    pub factory_id: i64,
    pub version: &'a ReportVersion,
    pub created_by: Option<i64>,
    pub published_at: i64,
    pub third_party_visible_from: i64,
    pub objection_deadline: Option<&'a str>,
    pub document: &'a str,
    pub sha256: &'a str,
    pub previous_sha256: &'a str,
}

pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    document: &NewDocument<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into report_documents (visit_id, factory_id, version_number, kind, reason, \
             question_code, created_by, created_at, published_at, third_party_visible_from, \
             objection_deadline, document, sha256, previous_sha256) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(document.visit_id)
    .bind(document.factory_id)
    .bind(document.version.number)
    .bind(document.version.kind.as_str())
    .bind(document.version.reason.as_str())
    .bind(document.version.question_code.as_deref())
    .bind(document.created_by)
    .bind(document.version.created_at)
    .bind(document.published_at)
    .bind(document.third_party_visible_from)
    .bind(document.objection_deadline)
    .bind(document.document)
    .bind(document.sha256)
    .bind(document.previous_sha256)
    .execute(executor)
    .await?;
    Ok(())
}

/// The hash of the factory's most recently stored document (`""` before its first), which the
/// next document chains to.
pub async fn chain_head<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
) -> Result<String, sqlx::Error> {
    let head: Option<String> = sqlx::query_scalar(
        "select sha256 from report_documents where factory_id = $1 order by id desc limit 1",
    )
    .bind(factory_id)
    .fetch_optional(executor)
    .await?;
    Ok(head.unwrap_or_default())
}

/// The dates announced with a report's first version, which every later version repeats.
pub struct AnnouncedDates {
    pub published_at: i64,
    pub third_party_visible_from: i64,
    pub objection_deadline: Option<String>,
}

pub async fn announced_dates<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Option<AnnouncedDates>, sqlx::Error> {
    let row = sqlx::query(
        "select published_at, third_party_visible_from, objection_deadline from report_documents \
         where visit_id = $1 and version_number = 1",
    )
    .bind(visit_id)
    .fetch_optional(executor)
    .await?;
    row.map(|row| {
        Ok(AnnouncedDates {
            published_at: row.try_get("published_at")?,
            third_party_visible_from: row.try_get("third_party_visible_from")?,
            objection_deadline: row.try_get("objection_deadline")?,
        })
    })
    .transpose()
}

/// The highest version number of a report (0 before publication).
pub async fn latest_number<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<i64, sqlx::Error> {
    let number: Option<i64> =
        sqlx::query_scalar("select max(version_number) from report_documents where visit_id = $1")
            .bind(visit_id)
            .fetch_one(executor)
            .await?;
    Ok(number.unwrap_or(0))
}

/// A stored document as a reader gets it: the text, its hash and whom it concerns.
pub struct ReadDocument {
    pub factory_id: i64,
    pub third_party_visible_from: i64,
    pub document: String,
    pub sha256: String,
}

fn read_document(row: &AnyRow) -> Result<ReadDocument, sqlx::Error> {
    Ok(ReadDocument {
        factory_id: row.try_get("factory_id")?,
        third_party_visible_from: row.try_get("third_party_visible_from")?,
        document: row.try_get("document")?,
        sha256: row.try_get("sha256")?,
    })
}

/// The current version of a report without its text: whose it is, from when third parties
/// read it, its number and SHA-256, and the question and verification of every corrective
/// action posted for it (what a reader needs beside the prepared document), in one query.
pub struct DocumentHead {
    pub factory_id: i64,
    pub third_party_visible_from: i64,
    pub version_number: i64,
    pub sha256: String,
    pub verifications: Vec<(String, Option<Verification>)>,
}

pub async fn current_head<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Option<DocumentHead>, sqlx::Error> {
    let rows = sqlx::query(
        "select d.factory_id, d.third_party_visible_from, d.version_number, d.sha256, \
             a.question_code, a.verification \
         from report_documents d left join corrective_actions a on a.visit_id = d.visit_id \
         where d.visit_id = $1 and d.version_number = \
             (select max(version_number) from report_documents where visit_id = $1)",
    )
    .bind(visit_id)
    .fetch_all(executor)
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let mut verifications = Vec::new();
    for row in &rows {
        let code: Option<String> = row.try_get("question_code")?;
        let verification: Option<String> = row.try_get("verification")?;
        if let Some(code) = code {
            verifications.push((code, verification.as_deref().and_then(Verification::parse)));
        }
    }
    Ok(Some(DocumentHead {
        factory_id: first.try_get("factory_id")?,
        third_party_visible_from: first.try_get("third_party_visible_from")?,
        version_number: first.try_get("version_number")?,
        sha256: first.try_get("sha256")?,
        verifications,
    }))
}

/// One version of a report.
pub async fn version<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    number: i64,
) -> Result<Option<ReadDocument>, sqlx::Error> {
    let row = sqlx::query(
        "select factory_id, third_party_visible_from, document, sha256 from report_documents \
         where visit_id = $1 and version_number = $2",
    )
    .bind(visit_id)
    .bind(number)
    .fetch_optional(executor)
    .await?;
    row.as_ref().map(read_document).transpose()
}

/// One version from a row with `number`, `kind`, `reason`, `question_code`, `display_name`,
/// `role` and `created_at`.
pub fn version_from_row(row: &AnyRow) -> Result<ReportVersion, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    let role: Option<String> = row.try_get("role")?;
    Ok(ReportVersion {
        number: row.try_get("number")?,
        kind: VersionKind::parse(&kind).unwrap_or(VersionKind::Published),
        reason: row.try_get("reason")?,
        question_code: row.try_get("question_code")?,
        created_by: row.try_get("display_name")?,
        created_by_role: role.as_deref().and_then(Role::parse),
        created_at: row.try_get("created_at")?,
    })
}

/// The versions of a report, oldest first, with who made each (their name today).
pub async fn versions<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<ReportVersion>, sqlx::Error> {
    let rows = sqlx::query(
        "select d.version_number as number, d.kind, d.reason, d.question_code, u.display_name, \
             u.role, d.created_at \
         from report_documents d left join users u on u.id = d.created_by \
         where d.visit_id = $1 order by d.version_number",
    )
    .bind(visit_id)
    .fetch_all(executor)
    .await?;
    rows.iter().map(version_from_row).collect()
}

/// Every stored document of the factories from `after_factory` on (exclusive), at most
/// `limit` factories' worth, each factory's in the order they were stored.
pub async fn chain_batch<'e>(
    executor: impl Executor<'e, Database = Any>,
    after_factory: i64,
    limit: i64,
) -> Result<Vec<StoredDocument>, sqlx::Error> {
    let rows = sqlx::query(
        "select factory_id, visit_id, version_number, third_party_visible_from, \
             objection_deadline, document, sha256, previous_sha256 \
         from report_documents where factory_id in ( \
             select distinct factory_id from report_documents where factory_id > $1 \
             order by factory_id limit $2) \
         order by factory_id, id",
    )
    .bind(after_factory)
    .bind(limit)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StoredDocument {
                factory_id: row.try_get("factory_id")?,
                visit_id: row.try_get("visit_id")?,
                version: row.try_get("version_number")?,
                third_party_visible_from: row.try_get("third_party_visible_from")?,
                objection_deadline: row.try_get("objection_deadline")?,
                document: row.try_get("document")?,
                sha256: row.try_get("sha256")?,
                previous_sha256: row.try_get("previous_sha256")?,
            })
        })
        .collect()
}

/// Published reports that have no document yet, oldest publication first: reports published
/// before documents were stored, and the generator's bulk-loaded history.
pub async fn published_without_document<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select v.id from visits v where v.status = 'published' \
             and not exists (select 1 from report_documents d where d.visit_id = v.id) \
         order by v.published_at, v.id",
    )
    .fetch_all(executor)
    .await
}

/// The industry's average non-compliance rate per cluster now (each factory's latest
/// assessment), by cluster code.
pub async fn industry_averages<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<HashMap<String, Option<f64>>, sqlx::Error> {
    let rows: Vec<(String, Option<f64>)> = sqlx::query_as(
        "select cluster_code, cast(mean_rate as double precision) from industry_cluster_averages",
    )
    .fetch_all(executor)
    .await?;
    Ok(rows.into_iter().collect())
}

/// Recomputes [`industry_averages`] from the copies of each factory's latest figures.
pub async fn refresh_industry_averages(
    connection: &mut sqlx::AnyConnection,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from industry_cluster_averages")
        .execute(&mut *connection)
        .await?;
    sqlx::query(
        "insert into industry_cluster_averages (cluster_code, factories, mean_rate) \
         select cluster_code, count(*), avg(non_compliance_rate) from latest_cluster_scores \
         group by cluster_code",
    )
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// One published assessment's cluster rates, for replaying the industry average over time.
pub struct PublishedClusterRate {
    pub published_at: i64,
    pub visit_id: i64,
    pub factory_id: i64,
    pub start_date: String,
    pub cluster_code: String,
    pub rate: f64,
}

/// Every published assessment's cluster rates, in order of publication.
pub async fn published_cluster_rates<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<PublishedClusterRate>, sqlx::Error> {
    let rows = sqlx::query(
        "select v.published_at, v.id, v.factory_id, v.start_date, c.code, \
             cast(s.non_compliance_rate as double precision) as rate \
         from visits v join visit_cluster_scores s on s.visit_id = v.id \
         join checklist_clusters c on c.id = s.cluster_id \
         where v.visit_type = 'assessment' and v.status = 'published' \
             and s.non_compliance_rate is not null \
         order by v.published_at, v.id",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(PublishedClusterRate {
                published_at: row.try_get("published_at")?,
                visit_id: row.try_get("id")?,
                factory_id: row.try_get("factory_id")?,
                start_date: row.try_get("start_date")?,
                cluster_code: row.try_get("code")?,
                rate: row.try_get("rate")?,
            })
        })
        .collect()
}
