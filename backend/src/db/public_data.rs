//! Every SQL statement the public site generator reads: published assessments, the questions
//! the programme discloses, the answers that were not compliant, and corrective actions. Only
//! published reports are read; nothing here writes.

use sqlx::{AnyConnection, Row};

use crate::db::get_flag;

/// A factory as the public site may name it.
#[derive(Clone, Debug, PartialEq)]
pub struct FactoryRow {
    pub id: i64,
    pub name: String,
    pub local_name: Option<String>,
    pub province: String,
    pub total_workers: Option<i64>,
    pub women_share_percent: Option<f64>,
    /// `active`, `suspended` or `closed`.
    pub status: String,
}

/// One published assessment and the hash of its current report version.
#[derive(Clone, Debug, PartialEq)]
pub struct AssessmentRow {
    pub visit_id: i64,
    pub factory_id: i64,
    pub start_date: String,
    pub published_at: i64,
    pub checklist_version_id: i64,
    /// SHA-256 of the report document's latest version ("" for a report stored before
    /// documents existed).
    pub report_sha256: String,
}

/// A scored yes/no question that is publicly reported or part of a critical issue.
#[derive(Clone, Debug, PartialEq)]
pub struct DisclosedQuestion {
    pub version_id: i64,
    pub code: String,
    pub publicly_reported: bool,
    pub critical_issue: Option<i64>,
}

/// A scored question of a published assessment not answered compliant: non-compliant, or not
/// assessed (not applicable or unanswered).
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptionRow {
    pub visit_id: i64,
    pub question_code: String,
    pub non_compliant: bool,
}

/// A corrective action on a finding of a published assessment and its verification, if any.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow {
    pub visit_id: i64,
    pub question_code: String,
    pub verification: Option<String>,
}

const PUBLISHED_ASSESSMENT: &str = "v.visit_type = 'assessment' and v.status = 'published'";

pub async fn factories(connection: &mut AnyConnection) -> Result<Vec<FactoryRow>, sqlx::Error> {
    let rows = sqlx::query(
        "select id, name, local_name, province, total_workers, women_share_percent, status \
         from factories order by name, id",
    )
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(FactoryRow {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                local_name: row.try_get("local_name")?,
                province: row.try_get("province")?,
                total_workers: row.try_get("total_workers")?,
                women_share_percent: row.try_get("women_share_percent")?,
                status: row.try_get("status")?,
            })
        })
        .collect()
}

pub async fn assessments(
    connection: &mut AnyConnection,
) -> Result<Vec<AssessmentRow>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "select v.id, v.factory_id, v.start_date, v.published_at, v.checklist_version_id, \
             (select d.sha256 from report_documents d where d.visit_id = v.id \
              order by d.version_number desc limit 1) as sha256 \
         from visits v where {PUBLISHED_ASSESSMENT} \
         order by v.factory_id, v.start_date, v.id"
    ))
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            let sha256: Option<String> = row.try_get("sha256")?;
            Ok(AssessmentRow {
                visit_id: row.try_get("id")?,
                factory_id: row.try_get("factory_id")?,
                start_date: row.try_get("start_date")?,
                published_at: row.try_get::<Option<i64>, _>("published_at")?.unwrap_or(0),
                checklist_version_id: row.try_get("checklist_version_id")?,
                report_sha256: sha256.unwrap_or_default(),
            })
        })
        .collect()
}

pub async fn disclosed_questions(
    connection: &mut AnyConnection,
) -> Result<Vec<DisclosedQuestion>, sqlx::Error> {
    let rows = sqlx::query(
        "select q.version_id, q.code, q.publicly_reported, q.critical_issue \
         from checklist_questions q \
         join checklist_points p on p.id = q.point_id \
         join checklist_clusters c on c.id = p.cluster_id \
         where c.scored = 1 and q.kind = 'yes_no' \
           and (q.publicly_reported = 1 or q.critical_issue is not null) \
         order by q.version_id, c.position, p.position, q.position",
    )
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(DisclosedQuestion {
                version_id: row.try_get("version_id")?,
                code: row.try_get("code")?,
                publicly_reported: get_flag(row, "publicly_reported")?,
                critical_issue: row.try_get("critical_issue")?,
            })
        })
        .collect()
}

pub async fn exceptions(connection: &mut AnyConnection) -> Result<Vec<ExceptionRow>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "select e.visit_id, e.question_code, e.non_compliant \
         from visit_question_exceptions e join visits v on v.id = e.visit_id \
         where {PUBLISHED_ASSESSMENT}"
    ))
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ExceptionRow {
                visit_id: row.try_get("visit_id")?,
                question_code: row.try_get("question_code")?,
                non_compliant: get_flag(row, "non_compliant")?,
            })
        })
        .collect()
}

pub async fn corrective_actions(
    connection: &mut AnyConnection,
) -> Result<Vec<ActionRow>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "select a.visit_id, a.question_code, a.verification \
         from corrective_actions a join visits v on v.id = a.visit_id \
         where {PUBLISHED_ASSESSMENT} order by a.id"
    ))
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ActionRow {
                visit_id: row.try_get("visit_id")?,
                question_code: row.try_get("question_code")?,
                verification: row.try_get("verification")?,
            })
        })
        .collect()
}
