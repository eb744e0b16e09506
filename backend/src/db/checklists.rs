//! Every SQL statement about checklist versions and their content.

use std::collections::HashMap;

use shared::api::checklists::ChecklistVersion;
use shared::checklist::{
    ChecklistContent, ChecklistQuestion, Cluster, CompliancePoint, QuestionKind, Translated,
};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

use super::{flag, get_flag};

/// 12 values per question: 50 questions stay under SQLite's oldest limit of 999 parameters.
const QUESTIONS_PER_INSERT: usize = 50;

/// A question's database identity within one version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuestionRef {
    pub id: i64,
    pub kind: QuestionKind,
}

/// Stores a whole version: the version row, then its clusters, points and questions in order.
pub async fn insert_version(
    connection: &mut AnyConnection,
    label: &str,
    content: &ChecklistContent,
    created_by: Option<i64>,
    now: i64,
    published: bool,
) -> Result<i64, sqlx::Error> {
    let version_id: i64 = sqlx::query_scalar(
        "insert into checklist_versions (label, published_at, created_by, created_at) \
         values ($1, $2, $3, $4) returning id",
    )
    .bind(label)
    .bind(published.then_some(now))
    .bind(created_by)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    let mut questions = Vec::new();
    for (cluster_position, cluster) in content.clusters.iter().enumerate() {
        let cluster_id: i64 = sqlx::query_scalar(
            "insert into checklist_clusters (version_id, code, position, scored, name_en, name_km, name_zh) \
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
        )
        .bind(version_id)
        .bind(&cluster.code)
        .bind(cluster_position as i64)
        .bind(flag(cluster.scored))
        .bind(&cluster.name.en)
        .bind(&cluster.name.km)
        .bind(&cluster.name.zh)
        .fetch_one(&mut *connection)
        .await?;
        for (point_position, point) in cluster.points.iter().enumerate() {
            let point_id: i64 = sqlx::query_scalar(
                "insert into checklist_points (version_id, cluster_id, code, position, name_en, name_km, name_zh) \
                 values ($1, $2, $3, $4, $5, $6, $7) returning id",
            )
            .bind(version_id)
            .bind(cluster_id)
            .bind(&point.code)
            .bind(point_position as i64)
            .bind(&point.name.en)
            .bind(&point.name.km)
            .bind(&point.name.zh)
            .fetch_one(&mut *connection)
            .await?;
            for (question_position, question) in point.questions.iter().enumerate() {
                questions.push((point_id, question_position as i64, question));
            }
        }
    }
    // Many rows per statement: a version has hundreds of questions, and one round trip per
    // question made every new database (and every test) noticeably slower on PostgreSQL.
    for chunk in questions.chunks(QUESTIONS_PER_INSERT) {
        let placeholders: Vec<String> = (0..chunk.len())
            .map(|row| {
                let first = row * 12;
                let numbers: Vec<String> = (1..=12).map(|n| format!("${}", first + n)).collect();
                format!("({})", numbers.join(", "))
            })
            .collect();
        let sql = format!(
            "insert into checklist_questions (version_id, point_id, code, position, kind, \
                 text_en, text_km, text_zh, legal_reference, guidance, critical_issue, publicly_reported) \
             values {}",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(&sql);
        for (point_id, position, question) in chunk {
            query = query
                .bind(version_id)
                .bind(*point_id)
                .bind(&question.code)
                .bind(*position)
                .bind(question.kind.as_str())
                .bind(&question.text.en)
                .bind(&question.text.km)
                .bind(&question.text.zh)
                .bind(&question.legal_reference)
                .bind(&question.guidance)
                .bind(question.critical_issue)
                .bind(flag(question.publicly_reported));
        }
        query.execute(&mut *connection).await?;
    }
    Ok(version_id)
}

// The current version is the one published last; ties (same second) go to the newer id.
const SELECT_VERSION: &str = "select v.id, v.label, v.published_at, v.created_at, \
     (select count(*) from checklist_questions q where q.version_id = v.id) as question_count, \
     cast(case when v.id = (select c.id from checklist_versions c where c.published_at is not null \
                       order by c.published_at desc, c.id desc limit 1) then 1 else 0 end as bigint) as is_current \
     from checklist_versions v";

fn version_from_row(row: &AnyRow) -> Result<ChecklistVersion, sqlx::Error> {
    Ok(ChecklistVersion {
        id: row.try_get("id")?,
        label: row.try_get("label")?,
        question_count: row.try_get("question_count")?,
        published_at: row.try_get("published_at")?,
        current: get_flag(row, "is_current")?,
        created_at: row.try_get("created_at")?,
    })
}

/// Every version, newest first.
pub async fn list_versions<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<ChecklistVersion>, sqlx::Error> {
    let sql = format!("{SELECT_VERSION} order by v.created_at desc, v.id desc");
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(version_from_row).collect()
}

pub async fn find_version<'e>(
    executor: impl Executor<'e, Database = Any>,
    version_id: i64,
) -> Result<Option<ChecklistVersion>, sqlx::Error> {
    let sql = format!("{SELECT_VERSION} where v.id = $1");
    let row = sqlx::query(&sql)
        .bind(version_id)
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(version_from_row).transpose()
}

/// The version new visits use, if any has been published.
pub async fn current_version_id<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select id from checklist_versions where published_at is not null \
         order by published_at desc, id desc limit 1",
    )
    .fetch_optional(executor)
    .await
}

pub async fn label_taken<'e>(
    executor: impl Executor<'e, Database = Any>,
    label: &str,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("select count(*) from checklist_versions where label = $1")
        .bind(label)
        .fetch_one(executor)
        .await?;
    Ok(count > 0)
}

/// Publishes a draft version; returns false when it was already published or does not exist.
pub async fn publish_version<'e>(
    executor: impl Executor<'e, Database = Any>,
    version_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update checklist_versions set published_at = $1 where id = $2 and published_at is null",
    )
    .bind(now)
    .bind(version_id)
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

fn translated(row: &AnyRow, prefix: &str) -> Result<Translated, sqlx::Error> {
    Ok(Translated {
        en: row.try_get(format!("{prefix}_en").as_str())?,
        km: row.try_get(format!("{prefix}_km").as_str())?,
        zh: row.try_get(format!("{prefix}_zh").as_str())?,
    })
}

/// The whole tree of a version, in order.
pub async fn load_content(
    connection: &mut AnyConnection,
    version_id: i64,
) -> Result<ChecklistContent, sqlx::Error> {
    let cluster_rows = sqlx::query(
        "select id, code, scored, name_en, name_km, name_zh from checklist_clusters \
         where version_id = $1 order by position",
    )
    .bind(version_id)
    .fetch_all(&mut *connection)
    .await?;
    let point_rows = sqlx::query(
        "select id, cluster_id, code, name_en, name_km, name_zh from checklist_points \
         where version_id = $1 order by position",
    )
    .bind(version_id)
    .fetch_all(&mut *connection)
    .await?;
    let question_rows = sqlx::query(
        "select point_id, code, kind, text_en, text_km, text_zh, legal_reference, guidance, \
             critical_issue, publicly_reported \
         from checklist_questions where version_id = $1 order by position",
    )
    .bind(version_id)
    .fetch_all(&mut *connection)
    .await?;

    let mut questions_by_point: HashMap<i64, Vec<ChecklistQuestion>> = HashMap::new();
    for row in &question_rows {
        let kind: String = row.try_get("kind")?;
        questions_by_point
            .entry(row.try_get("point_id")?)
            .or_default()
            .push(ChecklistQuestion {
                code: row.try_get("code")?,
                kind: QuestionKind::parse(&kind).unwrap_or(QuestionKind::Text),
                text: translated(row, "text")?,
                legal_reference: row.try_get("legal_reference")?,
                guidance: row.try_get("guidance")?,
                critical_issue: row.try_get("critical_issue")?,
                publicly_reported: get_flag(row, "publicly_reported")?,
            });
    }
    let mut points_by_cluster: HashMap<i64, Vec<CompliancePoint>> = HashMap::new();
    for row in &point_rows {
        let point_id: i64 = row.try_get("id")?;
        points_by_cluster
            .entry(row.try_get("cluster_id")?)
            .or_default()
            .push(CompliancePoint {
                code: row.try_get("code")?,
                name: translated(row, "name")?,
                questions: questions_by_point.remove(&point_id).unwrap_or_default(),
            });
    }
    let clusters = cluster_rows
        .iter()
        .map(|row| {
            let cluster_id: i64 = row.try_get("id")?;
            Ok(Cluster {
                code: row.try_get("code")?,
                scored: get_flag(row, "scored")?,
                name: translated(row, "name")?,
                points: points_by_cluster.remove(&cluster_id).unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(ChecklistContent { clusters })
}

/// Question ids and kinds of a version, by code.
pub async fn question_refs<'e>(
    executor: impl Executor<'e, Database = Any>,
    version_id: i64,
) -> Result<HashMap<String, QuestionRef>, sqlx::Error> {
    let rows = sqlx::query("select id, code, kind from checklist_questions where version_id = $1")
        .bind(version_id)
        .fetch_all(executor)
        .await?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok((
                row.try_get("code")?,
                QuestionRef {
                    id: row.try_get("id")?,
                    kind: QuestionKind::parse(&kind).unwrap_or(QuestionKind::Text),
                },
            ))
        })
        .collect()
}

/// Point and cluster ids of a version by code, to store scores against them.
pub async fn structure_ids<'e>(
    executor: impl Executor<'e, Database = Any>,
    version_id: i64,
) -> Result<HashMap<String, i64>, sqlx::Error> {
    let rows = sqlx::query(
        "select code, id from checklist_clusters where version_id = $1 \
         union all select code, id from checklist_points where version_id = $1",
    )
    .bind(version_id)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("code")?, row.try_get("id")?)))
        .collect()
}

pub async fn version_count<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from checklist_versions")
        .fetch_one(executor)
        .await
}

/// A checklist item's name and where it sits, for labelling figures.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedItem {
    pub name: Translated,
    pub cluster_code: String,
    pub critical_issue: Option<i64>,
}

/// Names of the current version's clusters, points and questions by code. Figures are keyed
/// by code, which stays the same across versions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChecklistNames {
    scored_clusters: Vec<(String, Translated)>,
    points: HashMap<String, NamedItem>,
    questions: HashMap<String, NamedItem>,
}

impl ChecklistNames {
    /// Scored clusters in checklist order.
    pub fn scored_clusters(&self) -> impl Iterator<Item = (&str, &Translated)> {
        self.scored_clusters
            .iter()
            .map(|(code, name)| (code.as_str(), name))
    }

    pub fn point(&self, code: &str) -> Option<&NamedItem> {
        self.points.get(code)
    }

    pub fn question(&self, code: &str) -> Option<&NamedItem> {
        self.questions.get(code)
    }
}

/// The names of one published version, kept by version id.
pub type NamesCache =
    std::sync::Arc<std::sync::Mutex<Option<(i64, std::sync::Arc<ChecklistNames>)>>>;

/// The names of the current version (empty when no version is published yet), from `cache`
/// when they were read for that version before.
pub async fn current_names(
    connection: &mut AnyConnection,
    cache: &NamesCache,
) -> Result<std::sync::Arc<ChecklistNames>, sqlx::Error> {
    let Some(version_id) = current_version_id(&mut *connection).await? else {
        return Ok(Default::default());
    };
    if let Some((cached_id, names)) = cache.lock().expect("names cache").as_ref() {
        if *cached_id == version_id {
            return Ok(names.clone());
        }
    }
    let names = std::sync::Arc::new(version_names(connection, version_id).await?);
    *cache.lock().expect("names cache") = Some((version_id, names.clone()));
    Ok(names)
}

async fn version_names(
    connection: &mut AnyConnection,
    version_id: i64,
) -> Result<ChecklistNames, sqlx::Error> {
    let rows = sqlx::query(
        "select 'cluster' as level, c.code, c.name_en, c.name_km, c.name_zh, c.code as cluster_code, \
             c.scored, cast(null as bigint) as critical_issue, c.position as p1, 0 as p2, 0 as p3 \
         from checklist_clusters c where c.version_id = $1 \
         union all \
         select 'point', p.code, p.name_en, p.name_km, p.name_zh, c.code, c.scored, null, c.position, p.position, 0 \
         from checklist_points p join checklist_clusters c on c.id = p.cluster_id where p.version_id = $1 \
         union all \
         select 'question', q.code, q.text_en, q.text_km, q.text_zh, c.code, c.scored, q.critical_issue, \
             c.position, p.position, q.position \
         from checklist_questions q join checklist_points p on p.id = q.point_id \
         join checklist_clusters c on c.id = p.cluster_id where q.version_id = $1 \
         order by 9, 10, 11",
    )
    .bind(version_id)
    .fetch_all(&mut *connection)
    .await?;
    let mut names = ChecklistNames::default();
    for row in &rows {
        let level: String = row.try_get("level")?;
        let code: String = row.try_get("code")?;
        let item = NamedItem {
            name: translated(row, "name")?,
            cluster_code: row.try_get("cluster_code")?,
            critical_issue: row.try_get("critical_issue")?,
        };
        match level.as_str() {
            "cluster" if get_flag(row, "scored")? => names.scored_clusters.push((code, item.name)),
            "point" => {
                names.points.insert(code, item);
            }
            "question" => {
                names.questions.insert(code, item);
            }
            _ => {}
        }
    }
    Ok(names)
}
