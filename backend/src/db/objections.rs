//! Every SQL statement about objections to findings, the amendments of published reports and
//! the versions they create.

use shared::api::objections::{
    AmendedAnswer, Objection, ObjectionStatus, ReportSnapshot, ReportVersion,
};
use shared::checklist::Translated;
use shared::roles::Role;
use shared::visit::AnswerChoice;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

/// Writes one submission and its objected findings (question code, reason); returns the
/// ids of the objected findings.
pub async fn insert(
    connection: &mut AnyConnection,
    visit_id: i64,
    findings: &[(String, String)],
    by: i64,
    now: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let objection_id: i64 = sqlx::query_scalar(
        "insert into objections (visit_id, submitted_by, submitted_at) values ($1, $2, $3) \
         returning id",
    )
    .bind(visit_id)
    .bind(by)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    let mut ids = Vec::with_capacity(findings.len());
    for (question_code, reason) in findings {
        let id: i64 = sqlx::query_scalar(
            "insert into objection_items (objection_id, visit_id, question_code, reason) \
             values ($1, $2, $3, $4) returning id",
        )
        .bind(objection_id)
        .bind(visit_id)
        .bind(question_code)
        .bind(reason)
        .fetch_one(&mut *connection)
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

const OBJECTION_SELECT: &str = "select i.id, i.visit_id, v.factory_id, f.name as factory_name, \
         v.start_date, i.question_code, \
         coalesce(q.text_en, '') as text_en, coalesce(q.text_km, '') as text_km, \
         coalesce(q.text_zh, '') as text_zh, \
         i.reason, s.display_name as submitted_by, o.submitted_at, i.status, i.decision_reason, \
         d.display_name as decided_by, d.role as decided_by_role, i.decided_at, i.version_number \
     from objection_items i join objections o on o.id = i.objection_id \
     join visits v on v.id = i.visit_id join factories f on f.id = v.factory_id \
     join users s on s.id = o.submitted_by left join users d on d.id = i.decided_by \
     left join checklist_questions q on q.code = i.question_code \
         and q.version_id = v.checklist_version_id";

fn objection_from_row(row: &AnyRow) -> Result<Objection, sqlx::Error> {
    let status: String = row.try_get("status")?;
    let role: Option<String> = row.try_get("decided_by_role")?;
    Ok(Objection {
        id: row.try_get("id")?,
        visit_id: row.try_get("visit_id")?,
        factory_id: row.try_get("factory_id")?,
        factory_name: row.try_get("factory_name")?,
        visit_start_date: row.try_get("start_date")?,
        question_code: row.try_get("question_code")?,
        question: Translated {
            en: row.try_get("text_en")?,
            km: row.try_get("text_km")?,
            zh: row.try_get("text_zh")?,
        },
        reason: row.try_get("reason")?,
        submitted_by: row.try_get("submitted_by")?,
        submitted_at: row.try_get("submitted_at")?,
        status: ObjectionStatus::parse(&status).unwrap_or(ObjectionStatus::Pending),
        decision_reason: row.try_get("decision_reason")?,
        decided_by: row.try_get("decided_by")?,
        decided_by_role: role.as_deref().and_then(Role::parse),
        decided_at: row.try_get("decided_at")?,
        version_number: row.try_get("version_number")?,
    })
}

/// Every objected finding of a report, oldest first.
pub async fn for_report<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<Objection>, sqlx::Error> {
    let sql = format!("{OBJECTION_SELECT} where i.visit_id = $1 order by i.id");
    let rows = sqlx::query(&sql).bind(visit_id).fetch_all(executor).await?;
    rows.iter().map(objection_from_row).collect()
}

/// Objected findings still waiting for a decision, across all reports, oldest first.
pub async fn pending<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<Objection>, sqlx::Error> {
    let sql = format!("{OBJECTION_SELECT} where i.status = 'pending' order by i.id");
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(objection_from_row).collect()
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    item_id: i64,
) -> Result<Option<Objection>, sqlx::Error> {
    let sql = format!("{OBJECTION_SELECT} where i.id = $1");
    let row = sqlx::query(&sql)
        .bind(item_id)
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(objection_from_row).transpose()
}

/// The question codes of the report's objected findings still pending.
pub async fn pending_codes<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select question_code from objection_items where visit_id = $1 and status = 'pending'",
    )
    .bind(visit_id)
    .fetch_all(executor)
    .await
}

/// Records the decision on a pending objected finding; false when it was already decided
/// (two reviewers at once: only the first decision counts).
pub async fn decide<'e>(
    executor: impl Executor<'e, Database = Any>,
    item_id: i64,
    status: ObjectionStatus,
    reason: &str,
    version_number: Option<i64>,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "update objection_items set status = $1, decision_reason = $2, version_number = $3, \
             decided_by = $4, decided_at = $5 \
         where id = $6 and status = 'pending'",
    )
    .bind(status.as_str())
    .bind(reason)
    .bind(version_number)
    .bind(by)
    .bind(now)
    .bind(item_id)
    .execute(executor)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Changes one stored answer of a published report to its amended form. The change time
/// (milliseconds, as tablets send them) is the amendment's.
pub async fn amend_answer<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    question_code: &str,
    amendment: &AmendedAnswer,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let non_compliant = amendment.choice == AnswerChoice::NonCompliant;
    let changed = sqlx::query(
        "update answers set choice = $1, finding = $2, suggestion = $3, changed_at = $4, \
             saved_by = $5, saved_at = $6 \
         where visit_id = $7 and question_id = (select q.id from checklist_questions q \
             join visits v on v.checklist_version_id = q.version_id \
             where v.id = $7 and q.code = $8)",
    )
    .bind(amendment.choice.as_str())
    // A compliant or not-applicable answer has no finding to keep.
    .bind(if non_compliant {
        amendment.finding.trim()
    } else {
        ""
    })
    .bind(if non_compliant {
        amendment.suggestion.trim()
    } else {
        ""
    })
    .bind(now * 1000)
    .bind(by)
    .bind(now)
    .bind(visit_id)
    .bind(question_code)
    .execute(executor)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

const VERSION_SELECT: &str = "select r.number, r.kind, r.reason, r.question_code, \
         u.display_name, u.role, r.created_at, r.created_by, r.snapshot \
     from report_versions r left join users u on u.id = r.created_by";

/// The versions of a report kept in `report_versions` before reports were stored as documents
/// (read once, to write their documents), oldest first.
pub async fn versions<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<ReportVersion>, sqlx::Error> {
    let sql = format!("{VERSION_SELECT} where r.visit_id = $1 order by r.number");
    let rows = sqlx::query(&sql).bind(visit_id).fetch_all(executor).await?;
    rows.iter()
        .map(crate::db::report_documents::version_from_row)
        .collect()
}

/// One version kept from before documents, with what the report said in it and its author.
pub async fn version<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    number: i64,
) -> Result<Option<(ReportVersion, ReportSnapshot, Option<i64>)>, sqlx::Error> {
    let sql = format!("{VERSION_SELECT} where r.visit_id = $1 and r.number = $2");
    let Some(row) = sqlx::query(&sql)
        .bind(visit_id)
        .bind(number)
        .fetch_optional(executor)
        .await?
    else {
        return Ok(None);
    };
    let snapshot: String = row.try_get("snapshot")?;
    let snapshot =
        serde_json::from_str(&snapshot).map_err(|error| sqlx::Error::Decode(Box::new(error)))?;
    Ok(Some((
        crate::db::report_documents::version_from_row(&row)?,
        snapshot,
        row.try_get("created_by")?,
    )))
}

/// Who published the report, from its review history: the author of version 1.
pub async fn publisher<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select actor_user_id from visit_transitions where visit_id = $1 and to_status = 'published' \
         order by id desc limit 1",
    )
    .bind(visit_id)
    .fetch_optional(executor)
    .await
}
