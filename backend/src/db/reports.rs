//! Every SQL statement behind published reports: a factory's reports, the scores stored at
//! publication, and what changed since the previous assessment.

use shared::analytics::share;
use shared::api::analytics::{ClusterRate, ComparableFactory, ReportHistoryEntry};
use shared::checklist::Translated;
use sqlx::{Any, AnyConnection, Executor, Row};

use shared::date::cambodia_date;

use crate::db::{get_flag, grants};
pub use crate::domain::report_document::PointOutcome;

/// The factory's latest published assessment; with `visible_before`, only reports that third
/// parties may already see at that time.
pub async fn latest_report<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    visible_before: Option<i64>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select id from visits where factory_id = $1 and visit_type = 'assessment' \
             and status = 'published' and ($2 = 0 or third_party_visible_from <= $3) \
         order by start_date desc, id desc limit 1",
    )
    .bind(factory_id)
    .bind(i64::from(visible_before.is_some()))
    .bind(visible_before.unwrap_or_default())
    .fetch_optional(executor)
    .await
}

/// The published assessment of the same factory just before this one.
pub async fn previous_assessment<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    start_date: &str,
    visit_id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select id, start_date from visits where factory_id = $1 and visit_type = 'assessment' \
             and status = 'published' and (start_date < $2 or (start_date = $2 and id < $3)) \
         order by start_date desc, id desc limit 1",
    )
    .bind(factory_id)
    .bind(start_date)
    .bind(visit_id)
    .fetch_optional(executor)
    .await
}

pub async fn point_outcomes<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<PointOutcome>, sqlx::Error> {
    let rows = sqlx::query(
        "select p.code, p.name_en, p.name_km, p.name_zh, c.code as cluster_code, r.non_compliant \
         from visit_point_results r join checklist_points p on p.id = r.point_id \
         join checklist_clusters c on c.id = p.cluster_id \
         where r.visit_id = $1 order by c.position, p.position",
    )
    .bind(visit_id)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(PointOutcome {
                code: row.try_get("code")?,
                name: Translated {
                    en: row.try_get("name_en")?,
                    km: row.try_get("name_km")?,
                    zh: row.try_get("name_zh")?,
                },
                cluster_code: row.try_get("cluster_code")?,
                non_compliant: get_flag(row, "non_compliant")?,
            })
        })
        .collect()
}

/// Every published report of a factory, oldest first, with its cluster scores; with
/// `visible_before`, only those third parties may see by then.
pub async fn history(
    connection: &mut AnyConnection,
    factory_id: i64,
    visible_before: Option<i64>,
) -> Result<Vec<ReportHistoryEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "select v.id, v.visit_type, v.start_date, v.published_at, \
             (select count(*) from visit_critical_issues i where i.visit_id = v.id) as critical_issues \
         from visits v where v.factory_id = $1 and v.status = 'published' \
             and ($2 = 0 or v.third_party_visible_from <= $3) \
         order by v.start_date, v.id",
    )
    .bind(factory_id)
    .bind(i64::from(visible_before.is_some()))
    .bind(visible_before.unwrap_or_default())
    .fetch_all(&mut *connection)
    .await?;
    let score_rows = sqlx::query(
        "select s.visit_id, c.code, c.name_en, c.name_km, c.name_zh, s.points_assessed, \
             s.points_non_compliant, s.non_compliance_rate \
         from visit_cluster_scores s join checklist_clusters c on c.id = s.cluster_id \
         join visits v on v.id = s.visit_id \
         where v.factory_id = $1 and v.status = 'published' order by s.visit_id, c.position",
    )
    .bind(factory_id)
    .fetch_all(&mut *connection)
    .await?;
    let mut entries = rows
        .iter()
        .map(|row| {
            Ok(ReportHistoryEntry {
                visit_id: row.try_get("id")?,
                visit_type: row.try_get("visit_type")?,
                start_date: row.try_get("start_date")?,
                published_at: row.try_get("published_at")?,
                overall_rate: None,
                critical_issues: row.try_get("critical_issues")?,
                clusters: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let mut totals = std::collections::HashMap::<i64, (i64, i64)>::new();
    for row in &score_rows {
        let visit_id: i64 = row.try_get("visit_id")?;
        let assessed: i64 = row.try_get("points_assessed")?;
        let non_compliant: i64 = row.try_get("points_non_compliant")?;
        let total = totals.entry(visit_id).or_default();
        total.0 += assessed;
        total.1 += non_compliant;
        if let Some(entry) = entries.iter_mut().find(|e| e.visit_id == visit_id) {
            let rate: Option<f64> = row.try_get("non_compliance_rate")?;
            entry.clusters.push(ClusterRate {
                code: row.try_get("code")?,
                name: Translated {
                    en: row.try_get("name_en")?,
                    km: row.try_get("name_km")?,
                    zh: row.try_get("name_zh")?,
                },
                factories: 1,
                rate,
                weighted_rate: rate,
            });
        }
    }
    for entry in &mut entries {
        if let Some((assessed, non_compliant)) = totals.get(&entry.visit_id) {
            entry.overall_rate = share(*non_compliant, *assessed);
        }
    }
    Ok(entries)
}

/// Factories with at least one published assessment that the reader may see: all for
/// programme staff (`organisation` is `None`), those granted to the organisation otherwise.
pub async fn comparable_factories<'e>(
    executor: impl Executor<'e, Database = Any>,
    organisation: Option<i64>,
    now: i64,
) -> Result<Vec<ComparableFactory>, sqlx::Error> {
    let sql = format!(
        "select f.id, f.name, f.province from factories f \
         where exists (select 1 from visits v where v.factory_id = f.id and v.visit_type = 'assessment' \
                 and v.status = 'published' and ($1 = 0 or v.third_party_visible_from <= $3)) \
           and ($1 = 0 or ({})) \
         order by f.name",
        grants::active_access("f.id", "$2", "$4")
    );
    let rows = sqlx::query(&sql)
        .bind(i64::from(organisation.is_some()))
        .bind(organisation.unwrap_or_default())
        .bind(now)
        .bind(cambodia_date(now))
        .fetch_all(executor)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(ComparableFactory {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                province: row.try_get("province")?,
            })
        })
        .collect()
}
