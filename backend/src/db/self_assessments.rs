//! Every SQL statement about factory self-assessments: the self-assessment row, its answers,
//! its stored scores and the organisations it is shared with. None of these tables is read by
//! the industry figures.

use shared::api::self_assessments::{
    SelfAnswer, SelfAssessmentHistoryEntry, SelfAssessmentShare, SelfAssessmentSummary,
};
use shared::visit::AnswerChoice;
use shared::wire::SelfAssessmentStatus;
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

use super::{flag, grants};

/// Which self-assessments a list shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListScope {
    /// Every self-assessment of one factory (its manager, programme staff).
    Factory(i64),
    /// Those shared (standing share) with the organisation while its report access is active
    /// on `today` (ISO date), optionally of one factory.
    SharedWith {
        organisation_id: i64,
        factory_id: Option<i64>,
        today: String,
    },
}

/// A self-assessment as stored: its summary (without `shared_with`) and its scores' JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub summary: SelfAssessmentSummary,
    /// Set at completion.
    pub scores: Option<String>,
}

const SELECT: &str = "select s.id, s.factory_id, f.name as factory_name, s.checklist_version_id, \
     v.label as checklist_label, s.clusters, s.status, u.display_name as started_by_name, \
     s.started_at, s.completed_at, cast(s.non_compliance_rate as double precision) as rate, s.scores \
     from self_assessments s join factories f on f.id = s.factory_id \
     join checklist_versions v on v.id = s.checklist_version_id \
     join users u on u.id = s.started_by";

fn record_from_row(row: &AnyRow) -> Result<Record, sqlx::Error> {
    let clusters: String = row.try_get("clusters")?;
    let status: String = row.try_get("status")?;
    Ok(Record {
        summary: SelfAssessmentSummary {
            id: row.try_get("id")?,
            factory_id: row.try_get("factory_id")?,
            factory_name: row.try_get("factory_name")?,
            checklist_version_id: row.try_get("checklist_version_id")?,
            checklist_label: row.try_get("checklist_label")?,
            clusters: serde_json::from_str(&clusters).unwrap_or_default(),
            status: SelfAssessmentStatus::parse(&status)
                .unwrap_or(SelfAssessmentStatus::InProgress),
            started_by: row.try_get("started_by_name")?,
            started_at: row.try_get("started_at")?,
            completed_at: row.try_get("completed_at")?,
            non_compliance_rate: row.try_get("rate")?,
            shared_with: Vec::new(),
        },
        scores: row.try_get("scores")?,
    })
}

/// Starts a self-assessment; the partial unique index refuses a second one in progress for
/// the same factory (a unique violation).
pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    checklist_version_id: i64,
    clusters: &[String],
    started_by: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let clusters = serde_json::to_string(clusters).unwrap_or_else(|_| "[]".to_owned());
    sqlx::query_scalar(
        "insert into self_assessments (factory_id, checklist_version_id, clusters, status, \
             started_by, started_at) values ($1, $2, $3, 'in_progress', $4, $5) returning id",
    )
    .bind(factory_id)
    .bind(checklist_version_id)
    .bind(clusters)
    .bind(started_by)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// The factory's self-assessment in progress, if any.
pub async fn in_progress_of<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "select id from self_assessments where factory_id = $1 and status = 'in_progress'",
    )
    .bind(factory_id)
    .fetch_optional(executor)
    .await
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Option<Record>, sqlx::Error> {
    let sql = format!("{SELECT} where s.id = $1");
    let row = sqlx::query(&sql).bind(id).fetch_optional(executor).await?;
    row.as_ref().map(record_from_row).transpose()
}

/// Self-assessments within `scope`, newest first, with the organisations each is shared with.
pub async fn list(
    connection: &mut AnyConnection,
    scope: &ListScope,
) -> Result<Vec<SelfAssessmentSummary>, sqlx::Error> {
    let rows = match scope {
        ListScope::Factory(factory_id) => {
            let sql = format!("{SELECT} where s.factory_id = $1 order by s.id desc");
            sqlx::query(&sql)
                .bind(factory_id)
                .fetch_all(&mut *connection)
                .await?
        }
        ListScope::SharedWith {
            organisation_id,
            factory_id,
            today,
        } => {
            let sql = format!(
                "{SELECT} where exists (select 1 from self_assessment_shares sh \
                   where sh.self_assessment_id = s.id and sh.organisation_id = $1 \
                     and sh.revoked_at is null) \
                 and ($2 = 0 or s.factory_id = $3) and {} order by s.id desc",
                grants::active_access("s.factory_id", "$1", "$4")
            );
            sqlx::query(&sql)
                .bind(organisation_id)
                .bind(flag(factory_id.is_some()))
                .bind(factory_id.unwrap_or_default())
                .bind(today)
                .fetch_all(&mut *connection)
                .await?
        }
    };
    let mut summaries = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut summary = record_from_row(row)?.summary;
        summary.shared_with = shares(&mut *connection, summary.id).await?;
        summaries.push(summary);
    }
    Ok(summaries)
}

/// The organisations a self-assessment is shared with now, by name.
pub async fn shares<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Vec<SelfAssessmentShare>, sqlx::Error> {
    let rows = sqlx::query(
        "select sh.organisation_id, o.name, sh.shared_at from self_assessment_shares sh \
         join organisations o on o.id = sh.organisation_id \
         where sh.self_assessment_id = $1 and sh.revoked_at is null order by o.name",
    )
    .bind(id)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(SelfAssessmentShare {
                organisation_id: row.try_get("organisation_id")?,
                organisation_name: row.try_get("name")?,
                shared_at: row.try_get("shared_at")?,
            })
        })
        .collect()
}

/// Whether the self-assessment is shared with the organisation now.
pub async fn is_shared_with<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
    organisation_id: i64,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "select count(*) from self_assessment_shares where self_assessment_id = $1 \
         and organisation_id = $2 and revoked_at is null",
    )
    .bind(id)
    .bind(organisation_id)
    .fetch_one(executor)
    .await?;
    Ok(count > 0)
}

/// Shares the self-assessment with the organisation; false when it already was.
pub async fn share(
    connection: &mut AnyConnection,
    id: i64,
    organisation_id: i64,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    if is_shared_with(&mut *connection, id, organisation_id).await? {
        return Ok(false);
    }
    sqlx::query(
        "insert into self_assessment_shares (self_assessment_id, organisation_id, shared_by, \
             shared_at) values ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(organisation_id)
    .bind(by)
    .bind(now)
    .execute(&mut *connection)
    .await?;
    Ok(true)
}

/// Ends the standing share with the organisation; false when there was none.
pub async fn revoke_share<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
    organisation_id: i64,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let revoked = sqlx::query(
        "update self_assessment_shares set revoked_by = $3, revoked_at = $4 \
         where self_assessment_id = $1 and organisation_id = $2 and revoked_at is null",
    )
    .bind(id)
    .bind(organisation_id)
    .bind(by)
    .bind(now)
    .execute(executor)
    .await?
    .rows_affected();
    Ok(revoked > 0)
}

fn answer_from_row(row: &AnyRow) -> Result<SelfAnswer, sqlx::Error> {
    let choice: Option<String> = row.try_get("choice")?;
    Ok(SelfAnswer {
        question_code: row.try_get("code")?,
        choice: choice.as_deref().and_then(AnswerChoice::parse),
        value: row.try_get("value")?,
        note: row.try_get("note")?,
        changed_at: row.try_get("changed_at")?,
    })
}

/// Every stored answer of a self-assessment, in checklist order.
pub async fn answers<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<Vec<SelfAnswer>, sqlx::Error> {
    let rows = sqlx::query(
        "select q.code, a.choice, a.value, a.note, a.changed_at \
         from self_assessment_answers a join checklist_questions q on q.id = a.question_id \
         where a.self_assessment_id = $1 order by q.id",
    )
    .bind(id)
    .fetch_all(executor)
    .await?;
    rows.iter().map(answer_from_row).collect()
}

/// Stores an answer unless a later change of the same question is already stored, so replays
/// of a queue, or an older change arriving after a newer one, leave the newer in place.
pub async fn upsert_answer(
    connection: &mut AnyConnection,
    id: i64,
    question_id: i64,
    answer: &SelfAnswer,
    saved_by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into self_assessment_answers (self_assessment_id, question_id, choice, value, \
             note, changed_at, saved_by, saved_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8) \
         on conflict (self_assessment_id, question_id) do update set choice = excluded.choice, \
             value = excluded.value, note = excluded.note, changed_at = excluded.changed_at, \
             saved_by = excluded.saved_by, saved_at = excluded.saved_at \
         where excluded.changed_at > self_assessment_answers.changed_at",
    )
    .bind(id)
    .bind(question_id)
    .bind(answer.choice.map(AnswerChoice::as_str))
    .bind(&answer.value)
    .bind(&answer.note)
    .bind(answer.changed_at)
    .bind(saved_by)
    .bind(now)
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Holds the self-assessment for a change of its answers; false when it is no longer in
/// progress (completed meanwhile), checked in the writing transaction.
pub async fn hold_in_progress<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let held = sqlx::query(
        "update self_assessments set status = status where id = $1 and status = 'in_progress'",
    )
    .bind(id)
    .execute(executor)
    .await?
    .rows_affected();
    Ok(held == 1)
}

/// Each factory's latest completed self-assessment, by factory; closed factories (registry
/// status `closed`) are left out. Read only to count the industry's blind spots, never to
/// show one of them.
pub async fn latest_completed_per_factory<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<Record>, sqlx::Error> {
    let sql = format!(
        "{SELECT} where s.status = 'completed' and f.status <> 'closed' \
           and s.id = (select max(l.id) \
           from self_assessments l where l.factory_id = s.factory_id \
             and l.status = 'completed') \
         order by s.factory_id"
    );
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(record_from_row).collect()
}

/// Marks the self-assessment completed; false when it was not in progress (completed by
/// someone else first).
pub async fn mark_completed<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
    by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let moved = sqlx::query(
        "update self_assessments set status = 'completed', completed_by = $2, completed_at = $3 \
         where id = $1 and status = 'in_progress'",
    )
    .bind(id)
    .bind(by)
    .bind(now)
    .execute(executor)
    .await?
    .rows_affected();
    Ok(moved == 1)
}

/// Stores the scores computed at completion (JSON) and the overall rate.
pub async fn store_scores<'e>(
    executor: impl Executor<'e, Database = Any>,
    id: i64,
    scores: &str,
    overall_rate: Option<f64>,
) -> Result<(), sqlx::Error> {
    // A missing float is never bound as NULL (see ARCHITECTURE.md).
    sqlx::query(
        "update self_assessments set scores = $2, \
             non_compliance_rate = case when $4 = 1 then $3 end where id = $1",
    )
    .bind(id)
    .bind(scores)
    .bind(overall_rate.unwrap_or_default())
    .bind(flag(overall_rate.is_some()))
    .execute(executor)
    .await?;
    Ok(())
}

/// The factory's completed self-assessments, oldest first; with `shared_with`, only those
/// shared with that organisation now.
pub async fn history<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    shared_with: Option<i64>,
) -> Result<Vec<SelfAssessmentHistoryEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "select s.id, s.completed_at, cast(s.non_compliance_rate as double precision) as rate \
         from self_assessments s where s.factory_id = $1 and s.status = 'completed' \
           and ($2 = 0 or exists (select 1 from self_assessment_shares sh \
                where sh.self_assessment_id = s.id and sh.organisation_id = $3 \
                  and sh.revoked_at is null)) \
         order by s.completed_at, s.id",
    )
    .bind(factory_id)
    .bind(flag(shared_with.is_some()))
    .bind(shared_with.unwrap_or_default())
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(SelfAssessmentHistoryEntry {
                id: row.try_get("id")?,
                completed_at: row
                    .try_get::<Option<i64>, _>("completed_at")?
                    .unwrap_or_default(),
                non_compliance_rate: row.try_get("rate")?,
            })
        })
        .collect()
}
