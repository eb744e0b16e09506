//! Every SQL statement of the industry figures: what a publication stores for them, the
//! period roll-ups, the reads behind reports and dashboards, and the generator's writes.
//!
//! Reads start from a *scope*: one assessment per factory (its latest, or its latest in a
//! period), optionally narrowed to one group of factories. Scores are read from what was
//! stored at publication, never recomputed from raw answers.

use std::collections::HashMap;

use shared::analytics::{period_bounds, period_of, Granularity, GroupDimension};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

use crate::db::bulk::RowBuffer;
use crate::db::flag;
use crate::domain::analytics::{period_figures, AssessedCluster, AssessedFactory, PeriodFigures};
use crate::domain::scoring::Scoring;

/// Which assessment of each factory the figures use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Each factory's latest published assessment.
    Latest,
    /// Each factory's latest published assessment that started within these ISO dates.
    Period { first: String, last: String },
}

/// Narrows figures to the factories of one group, such as `province = Kandal`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupFilter {
    pub dimension: GroupDimension,
    pub value: String,
}

/// A query under construction: SQL text and its string parameters, numbered as added.
struct Sql {
    text: String,
    binds: Vec<String>,
}

impl Sql {
    fn new() -> Sql {
        Sql {
            text: String::new(),
            binds: Vec::new(),
        }
    }

    fn param(&mut self, value: &str) -> String {
        self.binds.push(value.to_owned());
        format!("${}", self.binds.len())
    }

    fn push(&mut self, text: &str) -> &mut Sql {
        self.text.push_str(text);
        self
    }

    async fn fetch_all(&self, connection: &mut AnyConnection) -> Result<Vec<AnyRow>, sqlx::Error> {
        let mut query = sqlx::query(&self.text);
        for value in &self.binds {
            query = query.bind(value.as_str());
        }
        query.fetch_all(connection).await
    }
}

/// Published assessments, the only visits the figures count.
const PUBLISHED_ASSESSMENT: &str = "visit_type = 'assessment' and status = 'published'";

/// `with scope (factory_id, visit_id, workers, women_workers) as (...)`.
fn scope_cte(sql: &mut Sql, scope: &Scope) {
    match scope {
        Scope::Latest => {
            sql.push(
                "with scope as (select factory_id, visit_id, workers, women_workers \
                 from factory_latest_assessments) ",
            );
        }
        Scope::Period { first, last } => {
            let first = sql.param(first);
            let last = sql.param(last);
            let text = format!(
                "with scope as (select factory_id, visit_id, workers, women_workers from ( \
                     select factory_id, id as visit_id, coalesce(workers_total, 0) as workers, \
                         coalesce(women_workers, 0) as women_workers, \
                         row_number() over (partition by factory_id order by start_date desc, id desc) as position \
                     from visits where {PUBLISHED_ASSESSMENT} and start_date between {first} and {last}) ranked \
                 where position = 1) "
            );
            sql.push(&text);
        }
    }
}

/// The SQL expression of a factory's group; reads `f` (factories) and `sc` (scope).
pub(crate) fn group_expression(dimension: GroupDimension) -> &'static str {
    match dimension {
        GroupDimension::ProductType => "f.product_type",
        GroupDimension::SizeBand => {
            "case when sc.workers < 500 then 'under_500' when sc.workers < 1000 then '500_to_999' \
             when sc.workers < 2000 then '1000_to_1999' else '2000_and_more' end"
        }
        GroupDimension::OwnershipCountry => "coalesce(f.ownership_country, '')",
        GroupDimension::Province => "f.province",
        GroupDimension::UnionPresence => {
            "case f.union_presence when 1 then 'yes' when 0 then 'no' else '' end"
        }
        GroupDimension::ExportLicence => {
            "case when coalesce(f.export_licence, '') = '' then 'no' else 'yes' end"
        }
    }
}

/// `from scope sc`, joined to the factory as `f` (narrowed to the group's value) when a
/// group is filtered on or grouped by; callers may keep adding joins after it.
fn scope_from(sql: &mut Sql, filter: Option<&GroupFilter>, grouped: bool) {
    sql.push(" from scope sc ");
    if let Some(filter) = filter {
        let value = sql.param(&filter.value);
        let text = format!(
            " join factories f on f.id = sc.factory_id and {} = {value} ",
            group_expression(filter.dimension)
        );
        sql.push(&text);
    } else if grouped {
        sql.push(" join factories f on f.id = sc.factory_id ");
    }
}

/// Per group (or one row with an empty group): factories, workers and women workers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GroupTotals {
    pub group: String,
    pub factories: i64,
    pub workers: i64,
    pub women_workers: i64,
}

pub async fn totals(
    connection: &mut AnyConnection,
    scope: &Scope,
    filter: Option<&GroupFilter>,
    by: Option<GroupDimension>,
) -> Result<Vec<GroupTotals>, sqlx::Error> {
    let mut sql = Sql::new();
    scope_cte(&mut sql, scope);
    let group = by.map(group_expression).unwrap_or("''");
    sql.push(&format!(
        "select {group} as grp, count(*) as factories, cast(coalesce(sum(sc.workers), 0) as bigint) as workers, \
         cast(coalesce(sum(sc.women_workers), 0) as bigint) as women"
    ));
    scope_from(&mut sql, filter, by.is_some());
    sql.push(" group by grp order by grp");
    let rows = sql.fetch_all(connection).await?;
    rows.iter()
        .map(|row| {
            Ok(GroupTotals {
                group: row.try_get("grp")?,
                factories: row.try_get("factories")?,
                workers: row.try_get("workers")?,
                women_workers: row.try_get("women")?,
            })
        })
        .collect()
}

/// A cluster's average non-compliance rate over a group's factories (percent).
#[derive(Clone, Debug, PartialEq)]
pub struct GroupClusterRate {
    pub group: String,
    pub cluster_code: String,
    pub factories: i64,
    pub mean_rate: Option<f64>,
    pub weighted_rate: Option<f64>,
}

pub async fn cluster_rates(
    connection: &mut AnyConnection,
    scope: &Scope,
    filter: Option<&GroupFilter>,
    by: Option<GroupDimension>,
) -> Result<Vec<GroupClusterRate>, sqlx::Error> {
    let mut sql = Sql::new();
    scope_cte(&mut sql, scope);
    let group = by.map(group_expression).unwrap_or("''");
    let cluster_code = match scope {
        Scope::Latest => "s.cluster_code",
        Scope::Period { .. } => "c.code",
    };
    sql.push(&format!(
        "select {group} as grp, {cluster_code} as code, count(*) as factories, \
             cast(avg(s.non_compliance_rate) as double precision) as mean_rate, \
             cast(sum(s.non_compliance_rate * sc.workers) as double precision) \
                 / nullif(cast(sum(sc.workers) as double precision), 0) as weighted_rate"
    ));
    scope_from(&mut sql, filter, by.is_some());
    sql.push(match scope {
        Scope::Latest => {
            " join latest_cluster_scores s on s.factory_id = sc.factory_id \
              group by grp, s.cluster_code order by grp, s.cluster_code"
        }
        Scope::Period { .. } => {
            " join visit_cluster_scores s on s.visit_id = sc.visit_id \
              join checklist_clusters c on c.id = s.cluster_id \
              where s.non_compliance_rate is not null group by grp, c.code order by grp, c.code"
        }
    });
    let rows = sql.fetch_all(connection).await?;
    rows.iter()
        .map(|row| {
            Ok(GroupClusterRate {
                group: row.try_get("grp")?,
                cluster_code: row.try_get("code")?,
                factories: row.try_get("factories")?,
                mean_rate: row.try_get("mean_rate")?,
                weighted_rate: row.try_get("weighted_rate")?,
            })
        })
        .collect()
}

/// How many factories in scope a question, point or critical issue was found in, and how
/// many it could not be assessed in, with their workers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IssueCounts {
    pub code: String,
    pub non_compliant: i64,
    pub not_assessed: i64,
    pub workers_non_compliant: i64,
    pub workers_not_assessed: i64,
}

fn issue_counts_from(rows: &[AnyRow]) -> Result<Vec<IssueCounts>, sqlx::Error> {
    rows.iter()
        .map(|row| {
            Ok(IssueCounts {
                code: row.try_get("code")?,
                non_compliant: row.try_get("non_compliant")?,
                not_assessed: row.try_get("not_assessed")?,
                workers_non_compliant: row.try_get("workers_non_compliant")?,
                workers_not_assessed: row.try_get("workers_not_assessed")?,
            })
        })
        .collect()
}

/// Per question code; questions absent from the result were compliant everywhere.
pub async fn question_counts(
    connection: &mut AnyConnection,
    scope: &Scope,
    filter: Option<&GroupFilter>,
) -> Result<Vec<IssueCounts>, sqlx::Error> {
    let mut sql = Sql::new();
    scope_cte(&mut sql, scope);
    sql.push(
        "select e.question_code as code, \
             cast(sum(e.non_compliant) as bigint) as non_compliant, \
             cast(sum(1 - e.non_compliant) as bigint) as not_assessed, \
             cast(sum(e.non_compliant * sc.workers) as bigint) as workers_non_compliant, \
             cast(sum((1 - e.non_compliant) * sc.workers) as bigint) as workers_not_assessed",
    );
    scope_from(&mut sql, filter, false);
    sql.push(match scope {
        Scope::Latest => {
            " join latest_question_exceptions e on e.factory_id = sc.factory_id group by e.question_code"
        }
        Scope::Period { .. } => {
            " join visit_question_exceptions e on e.visit_id = sc.visit_id group by e.question_code"
        }
    });
    issue_counts_from(&sql.fetch_all(connection).await?)
}

/// Per compliance point code: non-compliant and assessed (`not_assessed` holds the number of
/// factories where the point was assessed, negated into "not assessed" by the caller).
pub async fn point_counts(
    connection: &mut AnyConnection,
    scope: &Scope,
    filter: Option<&GroupFilter>,
) -> Result<Vec<(IssueCounts, i64, i64)>, sqlx::Error> {
    let mut sql = Sql::new();
    scope_cte(&mut sql, scope);
    let point_code = match scope {
        Scope::Latest => "r.point_code",
        Scope::Period { .. } => "p.code",
    };
    sql.push(&format!(
        "select {point_code} as code, \
             cast(sum(r.non_compliant) as bigint) as non_compliant, 0 as not_assessed, \
             cast(sum(r.non_compliant * sc.workers) as bigint) as workers_non_compliant, \
             cast(0 as bigint) as workers_not_assessed, \
             count(*) as assessed, cast(sum(sc.workers) as bigint) as workers_assessed"
    ));
    scope_from(&mut sql, filter, false);
    sql.push(match scope {
        Scope::Latest => {
            " join latest_point_results r on r.factory_id = sc.factory_id group by r.point_code"
        }
        Scope::Period { .. } => {
            " join visit_point_results r on r.visit_id = sc.visit_id \
              join checklist_points p on p.id = r.point_id group by p.code"
        }
    });
    let rows = sql.fetch_all(connection).await?;
    let counts = issue_counts_from(&rows)?;
    counts
        .into_iter()
        .zip(rows.iter())
        .map(|(counts, row)| {
            Ok((
                counts,
                row.try_get("assessed")?,
                row.try_get("workers_assessed")?,
            ))
        })
        .collect()
}

/// Per critical issue number: factories (and their workers) where it was found.
pub async fn critical_issue_counts(
    connection: &mut AnyConnection,
    scope: &Scope,
    filter: Option<&GroupFilter>,
) -> Result<Vec<(i64, i64, i64)>, sqlx::Error> {
    let mut sql = Sql::new();
    scope_cte(&mut sql, scope);
    sql.push(
        "select i.critical_issue, count(*) as factories, cast(sum(sc.workers) as bigint) as workers",
    );
    scope_from(&mut sql, filter, false);
    sql.push(match scope {
        Scope::Latest => " join latest_critical_issues i on i.factory_id = sc.factory_id",
        Scope::Period { .. } => " join visit_critical_issues i on i.visit_id = sc.visit_id",
    });
    sql.push(" group by i.critical_issue order by i.critical_issue");
    let rows = sql.fetch_all(connection).await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("critical_issue")?,
                row.try_get("factories")?,
                row.try_get("workers")?,
            ))
        })
        .collect()
}

/// Factories of the scope without any critical issue.
pub async fn factories_without_critical_issues(
    connection: &mut AnyConnection,
    scope: &Scope,
    filter: Option<&GroupFilter>,
) -> Result<i64, sqlx::Error> {
    let mut sql = Sql::new();
    scope_cte(&mut sql, scope);
    sql.push("select count(*) as factories");
    scope_from(&mut sql, filter, false);
    sql.push(match scope {
        Scope::Latest => {
            " where not exists (select 1 from latest_critical_issues i where i.factory_id = sc.factory_id)"
        }
        Scope::Period { .. } => {
            " where not exists (select 1 from visit_critical_issues i where i.visit_id = sc.visit_id)"
        }
    });
    let rows = sql.fetch_all(connection).await?;
    rows.first()
        .map(|row| row.try_get("factories"))
        .unwrap_or(Ok(0))
}

/// A compliance point non-compliant in both the latest and the previous assessment of
/// `factory_count` factories, listing some of them (id, name).
#[derive(Clone, Debug, PartialEq)]
pub struct RecurringPoint {
    pub code: String,
    pub factory_count: i64,
    pub factories: Vec<(i64, String)>,
}

/// Recurring points by code, each listing at most `listed` factories, by name. Which ones are
/// listed goes by id: sorting thousands of names under PostgreSQL's collation costs more
/// than the rest of the query, and any of them is as good a start for a trainer.
pub async fn recurring_points(
    connection: &mut AnyConnection,
    filter: Option<&GroupFilter>,
    listed: usize,
) -> Result<Vec<RecurringPoint>, sqlx::Error> {
    let mut sql = Sql::new();
    scope_cte(&mut sql, &Scope::Latest);
    sql.push(
        "select code, id, name, total from (select r.point_code as code, f.id, f.name, \
             row_number() over (partition by r.point_code order by f.id) as position, \
             count(*) over (partition by r.point_code) as total",
    );
    scope_from(&mut sql, filter, true);
    sql.push(&format!(
        " join latest_recurring_points r on r.factory_id = sc.factory_id) ranked \
         where position <= {listed} order by code, position"
    ));
    let rows = sql.fetch_all(connection).await?;
    let mut points: Vec<RecurringPoint> = Vec::new();
    for row in &rows {
        let code: String = row.try_get("code")?;
        if points.last().is_none_or(|point| point.code != code) {
            points.push(RecurringPoint {
                code,
                factory_count: row.try_get("total")?,
                factories: Vec::new(),
            });
        }
        if let Some(point) = points.last_mut() {
            point
                .factories
                .push((row.try_get("id")?, row.try_get("name")?));
        }
    }
    for point in &mut points {
        point.factories.sort_by(|a, b| a.1.cmp(&b.1));
    }
    Ok(points)
}

/// The stored roll-ups of one granularity, oldest first.
pub async fn period_rows(
    connection: &mut AnyConnection,
    granularity: Granularity,
) -> Result<Vec<PeriodFigures>, sqlx::Error> {
    let rows = sqlx::query(
        "select period, factories, workers, women_workers, factories_without_critical_issues, mean_rate \
         from period_rollups where granularity = $1 order by period",
    )
    .bind(granularity.as_str())
    .fetch_all(&mut *connection)
    .await?;
    let cluster_rows = sqlx::query(
        "select period, cluster_code, factories, mean_rate, weighted_rate \
         from period_cluster_rollups where granularity = $1 order by period, cluster_code",
    )
    .bind(granularity.as_str())
    .fetch_all(&mut *connection)
    .await?;
    let mut clusters: HashMap<String, Vec<crate::domain::analytics::ClusterFigure>> =
        HashMap::new();
    for row in &cluster_rows {
        clusters.entry(row.try_get("period")?).or_default().push(
            crate::domain::analytics::ClusterFigure {
                code: row.try_get("cluster_code")?,
                factories: row.try_get("factories")?,
                mean_rate: row.try_get("mean_rate")?,
                weighted_rate: row.try_get("weighted_rate")?,
            },
        );
    }
    rows.iter()
        .map(|row| {
            let period: String = row.try_get("period")?;
            Ok(PeriodFigures {
                clusters: clusters.remove(&period).unwrap_or_default(),
                period,
                factories: row.try_get("factories")?,
                workers: row.try_get("workers")?,
                women_workers: row.try_get("women_workers")?,
                factories_without_critical_issues: row
                    .try_get("factories_without_critical_issues")?,
                mean_rate: row.try_get("mean_rate")?,
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Writes at publication (and by the generator, through the same functions).

/// Scores of published reports waiting to be inserted together.
pub struct ScoreBuffers {
    points: RowBuffer,
    clusters: RowBuffer,
    critical_issues: RowBuffer,
    exceptions: RowBuffer,
}

impl Default for ScoreBuffers {
    fn default() -> Self {
        Self::new()
    }
}

impl ScoreBuffers {
    pub fn new() -> ScoreBuffers {
        ScoreBuffers {
            points: RowBuffer::new("visit_point_results (visit_id, point_id, non_compliant)", 3),
            clusters: RowBuffer::new(
                "visit_cluster_scores (visit_id, cluster_id, points_assessed, points_non_compliant, non_compliance_rate)",
                5,
            ),
            critical_issues: RowBuffer::new("visit_critical_issues (visit_id, critical_issue)", 2),
            exceptions: RowBuffer::new(
                "visit_question_exceptions (visit_id, question_code, non_compliant)",
                3,
            ),
        }
    }

    /// Adds one report's scores. `ids` maps cluster and point codes to their ids in the
    /// report's checklist version; `exceptions` are (question code, non-compliant).
    pub fn add(
        &mut self,
        visit_id: i64,
        scoring: &Scoring,
        exceptions: &[(String, bool)],
        ids: &HashMap<String, i64>,
    ) {
        for point in &scoring.points {
            if let Some(point_id) = ids.get(&point.point_code) {
                self.points.push([
                    visit_id.into(),
                    (*point_id).into(),
                    flag(point.non_compliant).into(),
                ]);
            }
        }
        for cluster in &scoring.scores.clusters {
            if let Some(cluster_id) = ids.get(&cluster.code) {
                self.clusters.push([
                    visit_id.into(),
                    (*cluster_id).into(),
                    cluster.points_assessed.into(),
                    cluster.points_non_compliant.into(),
                    cluster.non_compliance_rate.into(),
                ]);
            }
        }
        for issue in &scoring.scores.critical_issues {
            self.critical_issues
                .push([visit_id.into(), (*issue).into()]);
        }
        for (code, non_compliant) in exceptions {
            self.exceptions.push([
                visit_id.into(),
                code.as_str().into(),
                flag(*non_compliant).into(),
            ]);
        }
    }

    pub async fn flush(&mut self, connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
        self.points.flush(connection).await?;
        self.clusters.flush(connection).await?;
        self.critical_issues.flush(connection).await?;
        self.exceptions.flush(connection).await
    }
}

/// The report being published, as the figures need it.
pub struct Publication<'a> {
    pub visit_id: i64,
    pub factory_id: i64,
    pub start_date: &'a str,
    /// Only assessments count in industry figures; other visits keep their own scores.
    pub is_assessment: bool,
}

/// Stores everything a publication adds to the figures: the report's scores, the factory's
/// workforce at that time, the factory's latest assessment and the roll-ups of the report's
/// periods. Runs inside the publishing transaction.
pub async fn store_publication(
    connection: &mut AnyConnection,
    publication: &Publication<'_>,
    scoring: &Scoring,
    exceptions: &[(String, bool)],
    ids: &HashMap<String, i64>,
) -> Result<(), sqlx::Error> {
    let mut scores = ScoreBuffers::new();
    scores.add(publication.visit_id, scoring, exceptions, ids);
    scores.flush(connection).await?;
    freeze_workforce(&mut *connection, publication.visit_id).await?;
    if publication.is_assessment {
        refresh_latest_assessments(connection, Some(publication.factory_id)).await?;
        refresh_rollups_for_date(connection, publication.start_date).await?;
    }
    Ok(())
}

/// Replaces the stored scores of a published report after one of its findings was amended,
/// and refreshes the figures that depend on them (the factory's latest assessment and the
/// roll-ups of the report's periods). The workforce frozen at publication stays as it was.
pub async fn replace_scores(
    connection: &mut AnyConnection,
    publication: &Publication<'_>,
    scoring: &Scoring,
    exceptions: &[(String, bool)],
    ids: &HashMap<String, i64>,
) -> Result<(), sqlx::Error> {
    for table in [
        "visit_point_results",
        "visit_cluster_scores",
        "visit_critical_issues",
        "visit_question_exceptions",
    ] {
        sqlx::query(&format!("delete from {table} where visit_id = $1"))
            .bind(publication.visit_id)
            .execute(&mut *connection)
            .await?;
    }
    let mut scores = ScoreBuffers::new();
    scores.add(publication.visit_id, scoring, exceptions, ids);
    scores.flush(connection).await?;
    if publication.is_assessment {
        refresh_latest_assessments(connection, Some(publication.factory_id)).await?;
        refresh_rollups_for_date(connection, publication.start_date).await?;
    }
    Ok(())
}

/// Freezes the factory's workforce into the report at publication.
pub async fn freeze_workforce<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update visits set workers_total = (select f.total_workers from factories f where f.id = visits.factory_id), \
             women_workers = (select cast(round(f.total_workers * f.women_share_percent / 100.0) as bigint) \
                              from factories f where f.id = visits.factory_id) \
         where id = $1",
    )
    .bind(visit_id)
    .execute(executor)
    .await?;
    Ok(())
}

/// A table holding the figures of each factory's latest assessment, and the statement that
/// fills it from the per-visit tables (a `where` clause follows it).
struct LatestCopy {
    name: &'static str,
    fill: &'static str,
}

const LATEST_COPIES: [LatestCopy; 4] = [
    LatestCopy {
        name: "latest_critical_issues",
        fill: "insert into latest_critical_issues (factory_id, visit_id, critical_issue) \
               select l.factory_id, l.visit_id, i.critical_issue \
               from factory_latest_assessments l join visit_critical_issues i on i.visit_id = l.visit_id \
               where 1 = 1",
    },
    LatestCopy {
        name: "latest_question_exceptions",
        fill: "insert into latest_question_exceptions (factory_id, visit_id, question_code, non_compliant) \
               select l.factory_id, l.visit_id, e.question_code, e.non_compliant \
               from factory_latest_assessments l join visit_question_exceptions e on e.visit_id = l.visit_id \
               where 1 = 1",
    },
    LatestCopy {
        name: "latest_point_results",
        fill: "insert into latest_point_results (factory_id, visit_id, point_code, non_compliant) \
               select l.factory_id, l.visit_id, p.code, r.non_compliant \
               from factory_latest_assessments l join visit_point_results r on r.visit_id = l.visit_id \
               join checklist_points p on p.id = r.point_id where 1 = 1",
    },
    LatestCopy {
        name: "latest_cluster_scores",
        fill: "insert into latest_cluster_scores (factory_id, visit_id, cluster_code, non_compliance_rate) \
               select l.factory_id, l.visit_id, c.code, s.non_compliance_rate \
               from factory_latest_assessments l join visit_cluster_scores s on s.visit_id = l.visit_id \
               join checklist_clusters c on c.id = s.cluster_id \
               where s.non_compliance_rate is not null",
    },
];

/// Recomputes which assessment is each factory's latest and previous one, for one factory
/// or (with `None`) for all of them, with the copies of the latest one's figures.
pub async fn refresh_latest_assessments(
    connection: &mut AnyConnection,
    factory_id: Option<i64>,
) -> Result<(), sqlx::Error> {
    let only = if factory_id.is_some() {
        " and factory_id = $1"
    } else {
        ""
    };
    let delete = format!("delete from factory_latest_assessments where 1 = 1{only}");
    let delete_recurring = format!("delete from latest_recurring_points where 1 = 1{only}");
    let insert = format!(
        "insert into factory_latest_assessments \
             (factory_id, visit_id, previous_visit_id, start_date, workers, women_workers) \
         select factory_id, id, previous_id, start_date, coalesce(workers_total, 0), coalesce(women_workers, 0) \
         from (select factory_id, id, start_date, workers_total, women_workers, \
                 row_number() over (partition by factory_id order by start_date desc, id desc) as position, \
                 lead(id) over (partition by factory_id order by start_date desc, id desc) as previous_id \
             from visits where {PUBLISHED_ASSESSMENT}{only}) ranked \
         where position = 1"
    );
    // Points are matched by code: the two reports may use different checklist versions.
    let insert_recurring = format!(
        "insert into latest_recurring_points (factory_id, point_code) \
         select distinct l.factory_id, p.code from factory_latest_assessments l \
         join visit_point_results r on r.visit_id = l.visit_id and r.non_compliant = 1 \
         join checklist_points p on p.id = r.point_id \
         join visit_point_results pr on pr.visit_id = l.previous_visit_id and pr.non_compliant = 1 \
         join checklist_points pp on pp.id = pr.point_id and pp.code = p.code \
         where 1 = 1{}",
        only.replace("factory_id", "l.factory_id")
    );
    let only_latest = only.replace("factory_id", "l.factory_id");
    let mut statements = vec![delete, delete_recurring, insert, insert_recurring];
    for table in LATEST_COPIES {
        statements.push(format!("delete from {} where 1 = 1{only}", table.name));
        statements.push(format!("{}{only_latest}", table.fill));
    }
    for statement in statements {
        let mut query = sqlx::query(&statement);
        if let Some(id) = factory_id {
            query = query.bind(id);
        }
        query.execute(&mut *connection).await?;
    }
    crate::db::report_documents::refresh_industry_averages(connection).await
}

/// Refreshes PostgreSQL's planner statistics after a bulk load: without them it plans the
/// figures' joins for empty tables and reads millions of rows where a few thousand would do.
/// SQLite plans these queries well without statistics (and with them, measured, no better).
pub async fn refresh_planner_statistics(
    connection: &mut AnyConnection,
    kind: crate::db::DbKind,
) -> Result<(), sqlx::Error> {
    if kind == crate::db::DbKind::Postgres {
        sqlx::query("analyze").execute(connection).await?;
    }
    Ok(())
}

/// Recomputes the roll-ups of the quarter, half-year and year that contain `date`.
pub async fn refresh_rollups_for_date(
    connection: &mut AnyConnection,
    date: &str,
) -> Result<(), sqlx::Error> {
    for granularity in Granularity::ALL {
        if let Some(period) = period_of(date, *granularity) {
            refresh_period(connection, &period).await?;
        }
    }
    Ok(())
}

/// Recomputes every roll-up from the stored scores.
pub async fn refresh_all_rollups(connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
    sqlx::query("delete from period_rollups")
        .execute(&mut *connection)
        .await?;
    sqlx::query("delete from period_cluster_rollups")
        .execute(&mut *connection)
        .await?;
    let range: Option<(Option<String>, Option<String>)> = sqlx::query_as(&format!(
        "select min(start_date), max(start_date) from visits where {PUBLISHED_ASSESSMENT}"
    ))
    .fetch_optional(&mut *connection)
    .await?;
    let Some((Some(first), Some(last))) = range else {
        return Ok(());
    };
    let first_year: i32 = first[..4].parse().unwrap_or(2000);
    let last_year: i32 = last[..4].parse().unwrap_or(2000);
    for year in first_year..=last_year {
        for period in [
            format!("{year}-Q1"),
            format!("{year}-Q2"),
            format!("{year}-Q3"),
            format!("{year}-Q4"),
            format!("{year}-H1"),
            format!("{year}-H2"),
            format!("{year}"),
        ] {
            refresh_period(connection, &period).await?;
        }
    }
    Ok(())
}

async fn refresh_period(connection: &mut AnyConnection, period: &str) -> Result<(), sqlx::Error> {
    let Some((granularity, first, last)) = period_bounds(period) else {
        return Ok(());
    };
    let scope = Scope::Period { first, last };
    let mut sql = Sql::new();
    scope_cte(&mut sql, &scope);
    sql.push(
        "select sc.visit_id, sc.workers, coalesce(v.women_workers, 0) as women, \
             (select count(*) from visit_critical_issues i where i.visit_id = sc.visit_id) as critical_issues \
         from scope sc join visits v on v.id = sc.visit_id",
    );
    let factory_rows = sql.fetch_all(&mut *connection).await?;
    let mut sql = Sql::new();
    scope_cte(&mut sql, &scope);
    sql.push(
        "select s.visit_id, c.code, s.points_assessed, s.points_non_compliant, s.non_compliance_rate \
         from scope sc join visit_cluster_scores s on s.visit_id = sc.visit_id \
         join checklist_clusters c on c.id = s.cluster_id",
    );
    let cluster_rows = sql.fetch_all(&mut *connection).await?;
    let mut clusters: HashMap<i64, Vec<AssessedCluster>> = HashMap::new();
    for row in &cluster_rows {
        clusters
            .entry(row.try_get("visit_id")?)
            .or_default()
            .push(AssessedCluster {
                code: row.try_get("code")?,
                points_assessed: row.try_get("points_assessed")?,
                points_non_compliant: row.try_get("points_non_compliant")?,
                rate: row.try_get("non_compliance_rate")?,
            });
    }
    let factories = factory_rows
        .iter()
        .map(|row| {
            let visit_id: i64 = row.try_get("visit_id")?;
            Ok(AssessedFactory {
                workers: row.try_get("workers")?,
                women_workers: row.try_get("women")?,
                critical_issues: row.try_get("critical_issues")?,
                clusters: clusters.remove(&visit_id).unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let figures = period_figures(period, &factories);
    sqlx::query("delete from period_rollups where granularity = $1 and period = $2")
        .bind(granularity.as_str())
        .bind(period)
        .execute(&mut *connection)
        .await?;
    sqlx::query("delete from period_cluster_rollups where granularity = $1 and period = $2")
        .bind(granularity.as_str())
        .bind(period)
        .execute(&mut *connection)
        .await?;
    if figures.factories == 0 {
        return Ok(());
    }
    let mut totals = RowBuffer::new(
        "period_rollups (granularity, period, factories, workers, women_workers, factories_without_critical_issues, mean_rate)",
        7,
    );
    totals.push([
        granularity.as_str().into(),
        period.into(),
        figures.factories.into(),
        figures.workers.into(),
        figures.women_workers.into(),
        figures.factories_without_critical_issues.into(),
        figures.mean_rate.into(),
    ]);
    totals.flush(connection).await?;
    let mut cluster_buffer = RowBuffer::new(
        "period_cluster_rollups (granularity, period, cluster_code, factories, mean_rate, weighted_rate)",
        6,
    );
    for cluster in &figures.clusters {
        cluster_buffer.push([
            granularity.as_str().into(),
            period.into(),
            cluster.code.as_str().into(),
            cluster.factories.into(),
            cluster.mean_rate.into(),
            cluster.weighted_rate.into(),
        ]);
    }
    cluster_buffer.flush(connection).await
}
