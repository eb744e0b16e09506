//! Every SQL statement about factories' public responses and the monitors' checks of them.

use shared::api::public_responses::{PublicResponse, ResponseCheck};
use shared::checklist::Translated;
use shared::wire::Verification;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

use crate::db::get_flag;

/// A non-compliant answer of a report that the public site may disclose, with its question.
#[derive(Clone, Debug, PartialEq)]
pub struct DisclosableFinding {
    pub question_code: String,
    pub question: Translated,
    pub critical_issue: Option<i64>,
    pub publicly_reported: bool,
}

/// The report's non-compliant answers to critical-issue or publicly reported questions of its
/// checklist version, in checklist order. (`shared::public_response::is_disclosed` is the rule;
/// the query narrows to the same questions so that a report's hundreds of answers stay in the
/// database.)
pub async fn disclosable_findings(
    connection: &mut AnyConnection,
    visit_id: i64,
) -> Result<Vec<DisclosableFinding>, sqlx::Error> {
    let rows = sqlx::query(
        "select q.code, q.text_en, q.text_km, q.text_zh, q.critical_issue, q.publicly_reported \
         from visit_question_exceptions e \
         join visits v on v.id = e.visit_id \
         join checklist_questions q on q.version_id = v.checklist_version_id \
              and q.code = e.question_code \
         join checklist_points p on p.id = q.point_id \
         join checklist_clusters c on c.id = p.cluster_id \
         where e.visit_id = $1 and e.non_compliant = 1 \
           and (q.publicly_reported = 1 or q.critical_issue is not null) \
         order by c.position, p.position, q.position",
    )
    .bind(visit_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(DisclosableFinding {
                question_code: row.try_get("code")?,
                question: Translated {
                    en: row.try_get("text_en")?,
                    km: row.try_get("text_km")?,
                    zh: row.try_get("text_zh")?,
                },
                critical_issue: row.try_get("critical_issue")?,
                publicly_reported: get_flag(row, "publicly_reported")?,
            })
        })
        .collect()
}

pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    visit_id: i64,
    question_code: &str,
    statement: &str,
    posted_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into public_responses \
             (factory_id, visit_id, question_code, statement, posted_by, posted_at) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(factory_id)
    .bind(visit_id)
    .bind(question_code)
    .bind(statement)
    .bind(posted_by)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// The check of a response; false when it was already checked (the first check stands).
#[allow(clippy::too_many_arguments)]
pub async fn insert_check<'e>(
    executor: impl Executor<'e, Database = Any>,
    response_id: i64,
    outcome: Verification,
    note: &str,
    checked_by: i64,
    checking_visit_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "insert into public_response_checks \
             (response_id, outcome, note, checked_by, checking_visit_id, checked_at) \
         values ($1, $2, $3, $4, $5, $6) on conflict (response_id) do nothing",
    )
    .bind(response_id)
    .bind(outcome.as_str())
    .bind(note)
    .bind(checked_by)
    .bind(checking_visit_id)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The report a response belongs to: `(visit_id, question_code)`.
pub async fn owner<'e>(
    executor: impl Executor<'e, Database = Any>,
    response_id: i64,
) -> Result<Option<(i64, String)>, sqlx::Error> {
    let row = sqlx::query("select visit_id, question_code from public_responses where id = $1")
        .bind(response_id)
        .fetch_optional(executor)
        .await?;
    row.map(|row| Ok((row.try_get("visit_id")?, row.try_get("question_code")?)))
        .transpose()
}

/// Latest responses: selects the newest response per (visit, question) with its check.
const LATEST: &str = "select r.id, r.visit_id, r.question_code, r.statement, r.posted_at, \
         k.outcome, k.note, k.checked_at \
     from public_responses r \
     left join public_response_checks k on k.response_id = r.id \
     where not exists (select 1 from public_responses newer \
         where newer.visit_id = r.visit_id and newer.question_code = r.question_code \
           and newer.id > r.id)";

fn response_of(row: &AnyRow) -> Result<(i64, String, PublicResponse), sqlx::Error> {
    let outcome: Option<String> = row.try_get("outcome")?;
    let check = match outcome.as_deref().and_then(Verification::parse) {
        Some(outcome) => Some(ResponseCheck {
            outcome,
            note: row.try_get("note")?,
            checked_at: row.try_get("checked_at")?,
        }),
        None => None,
    };
    Ok((
        row.try_get("visit_id")?,
        row.try_get("question_code")?,
        PublicResponse {
            id: row.try_get("id")?,
            statement: row.try_get("statement")?,
            posted_at: row.try_get("posted_at")?,
            check,
        },
    ))
}

/// The current response to each finding of one report, by question code.
pub async fn latest_for_visit<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<(String, PublicResponse)>, sqlx::Error> {
    let sql = format!("{LATEST} and r.visit_id = $1");
    sqlx::query(&sql)
        .bind(visit_id)
        .fetch_all(executor)
        .await?
        .iter()
        .map(|row| response_of(row).map(|(_, code, response)| (code, response)))
        .collect()
}

/// The current response to every finding of every report: what the public site shows (it
/// keeps those of the assessments it publishes).
pub async fn latest<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<(i64, String, PublicResponse)>, sqlx::Error> {
    sqlx::query(&format!("{LATEST} order by r.visit_id, r.question_code"))
        .fetch_all(executor)
        .await?
        .iter()
        .map(response_of)
        .collect()
}
