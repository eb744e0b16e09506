//! Every SQL statement about visits: the visit row and its facts, answers, review history,
//! stored scores and non-cooperation records.

use shared::api::visits::{
    Answer, AnswerConflict, ClusterScore, ConflictingAnswer, DocumentRequest, HistoryEntry,
    Measurement, NewVisit, NonCooperationRecord, Scores, VisitFacts, VisitFilter, VisitSummary,
};
use shared::checklist::Translated;
use shared::visit::{AnswerChoice, MeasurementKind, VisitOutcome, VisitStatus, VisitType};
use sqlx::any::AnyRow;
use sqlx::{Any, AnyConnection, Executor, Row};

use super::{flag, get_flag};

/// Which visits a user may list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VisitScope {
    /// Programme staff: every visit.
    All,
    /// A factory manager: the published reports of their factory.
    PublishedOf(i64),
}

const SELECT_SUMMARY: &str = "select v.id, v.factory_id, f.name as factory_name, v.visit_type, \
     v.announced, v.start_date, v.end_date, v.status, v.lead_monitor_id, lead.display_name as lead_name, \
     v.second_monitor_id, second.display_name as second_name, v.checklist_version_id, v.published_at \
     from visits v join factories f on f.id = v.factory_id \
     join users lead on lead.id = v.lead_monitor_id \
     left join users second on second.id = v.second_monitor_id";

fn summary_from_row(row: &AnyRow) -> Result<VisitSummary, sqlx::Error> {
    let visit_type: String = row.try_get("visit_type")?;
    let status: String = row.try_get("status")?;
    Ok(VisitSummary {
        id: row.try_get("id")?,
        factory_id: row.try_get("factory_id")?,
        factory_name: row.try_get("factory_name")?,
        visit_type: VisitType::parse(&visit_type).unwrap_or(VisitType::Assessment),
        announced: get_flag(row, "announced")?,
        start_date: row.try_get("start_date")?,
        end_date: row.try_get("end_date")?,
        status: VisitStatus::parse(&status).unwrap_or(VisitStatus::Draft),
        lead_monitor_id: row.try_get("lead_monitor_id")?,
        lead_monitor_name: row.try_get("lead_name")?,
        second_monitor_id: row.try_get("second_monitor_id")?,
        second_monitor_name: row.try_get("second_name")?,
        checklist_version_id: row.try_get("checklist_version_id")?,
        published_at: row.try_get("published_at")?,
    })
}

pub async fn insert<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit: &NewVisit,
    lead_monitor_id: i64,
    checklist_version_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "insert into visits (factory_id, checklist_version_id, visit_type, announced, start_date, \
             end_date, lead_monitor_id, second_monitor_id, status, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $9) returning id",
    )
    .bind(visit.factory_id)
    .bind(checklist_version_id)
    .bind(&visit.visit_type)
    .bind(flag(visit.announced))
    .bind(&visit.start_date)
    .bind(&visit.end_date)
    .bind(lead_monitor_id)
    .bind(visit.second_monitor_id)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// Visits within `scope`, newest first.
pub async fn list<'e>(
    executor: impl Executor<'e, Database = Any>,
    scope: VisitScope,
    filter: &VisitFilter,
) -> Result<Vec<VisitSummary>, sqlx::Error> {
    let (only_factory, only_published) = match scope {
        VisitScope::All => (filter.factory_id, false),
        VisitScope::PublishedOf(factory_id) => (Some(factory_id), true),
    };
    let sql = format!(
        "{SELECT_SUMMARY} where ($1 = '' or v.status = $1) and ($2 = 0 or v.factory_id = $3) \
         and ($4 = 0 or v.status = 'published') order by v.start_date desc, v.id desc"
    );
    let rows = sqlx::query(&sql)
        .bind(&filter.status)
        .bind(flag(only_factory.is_some()))
        .bind(only_factory.unwrap_or(0))
        .bind(flag(only_published))
        .fetch_all(executor)
        .await?;
    rows.iter().map(summary_from_row).collect()
}

pub async fn find<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Option<VisitSummary>, sqlx::Error> {
    let sql = format!("{SELECT_SUMMARY} where v.id = $1");
    let row = sqlx::query(&sql)
        .bind(visit_id)
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(summary_from_row).transpose()
}

/// The facts of a visit: counts, outcome, measurements and documents.
pub async fn facts(
    connection: &mut AnyConnection,
    visit_id: i64,
) -> Result<VisitFacts, sqlx::Error> {
    let row = sqlx::query(
        "select gate_wait_minutes, workers_interviewed, managers_interviewed, union_reps_interviewed, \
             outcome, non_cooperation_details from visits where id = $1",
    )
    .bind(visit_id)
    .fetch_one(&mut *connection)
    .await?;
    let outcome: Option<String> = row.try_get("outcome")?;
    let measurements = sqlx::query(
        "select kind, location, value from visit_measurements where visit_id = $1 order by position",
    )
    .bind(visit_id)
    .fetch_all(&mut *connection)
    .await?
    .iter()
    .map(|row| {
        let kind: String = row.try_get("kind")?;
        Ok(Measurement {
            kind: MeasurementKind::parse(&kind).unwrap_or(MeasurementKind::NoiseDb),
            location: row.try_get("location")?,
            value: row.try_get("value")?,
        })
    })
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let documents = sqlx::query(&format!(
        "{SELECT_DOCUMENT} where d.visit_id = $1 order by d.position"
    ))
    .bind(visit_id)
    .fetch_all(&mut *connection)
    .await?
    .iter()
    .map(document_from_row)
    .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok(VisitFacts {
        gate_wait_minutes: row.try_get("gate_wait_minutes")?,
        workers_interviewed: row.try_get("workers_interviewed")?,
        managers_interviewed: row.try_get("managers_interviewed")?,
        union_reps_interviewed: row.try_get("union_reps_interviewed")?,
        outcome: outcome.as_deref().and_then(VisitOutcome::parse),
        non_cooperation_details: row.try_get("non_cooperation_details")?,
        measurements,
        documents,
    })
}

/// Replaces the facts of a visit. Documents must already carry their due date.
pub async fn save_facts(
    connection: &mut AnyConnection,
    visit_id: i64,
    facts: &VisitFacts,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update visits set gate_wait_minutes = $1, workers_interviewed = $2, managers_interviewed = $3, \
             union_reps_interviewed = $4, outcome = $5, non_cooperation_details = $6, updated_at = $7 \
         where id = $8",
    )
    .bind(facts.gate_wait_minutes)
    .bind(facts.workers_interviewed)
    .bind(facts.managers_interviewed)
    .bind(facts.union_reps_interviewed)
    .bind(facts.outcome.map(VisitOutcome::as_str))
    .bind(facts.non_cooperation_details.trim())
    .bind(now)
    .bind(visit_id)
    .execute(&mut *connection)
    .await?;
    sqlx::query("delete from visit_measurements where visit_id = $1")
        .bind(visit_id)
        .execute(&mut *connection)
        .await?;
    for (position, measurement) in facts.measurements.iter().enumerate() {
        sqlx::query(
            "insert into visit_measurements (visit_id, position, kind, location, value) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(visit_id)
        .bind(position as i64)
        .bind(measurement.kind.as_str())
        .bind(measurement.location.trim())
        .bind(measurement.value)
        .execute(&mut *connection)
        .await?;
    }
    sqlx::query("delete from visit_documents where visit_id = $1")
        .bind(visit_id)
        .execute(&mut *connection)
        .await?;
    for (position, document) in facts.documents.iter().enumerate() {
        sqlx::query(
            "insert into visit_documents (visit_id, position, name, requested_on, due_on, received_on) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(visit_id)
        .bind(position as i64)
        .bind(document.name.trim())
        .bind(&document.requested_on)
        .bind(&document.due_on)
        .bind(document.received_on.as_deref())
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// A requested document with the factory's hand-over, matched by its name.
const SELECT_DOCUMENT: &str =
    "select d.visit_id, d.name, d.requested_on, d.due_on, d.received_on, \
         h.handed_over_on from visit_documents d \
     left join visit_document_handovers h \
         on h.visit_id = d.visit_id and h.document_name = d.name";

fn document_from_row(row: &AnyRow) -> Result<DocumentRequest, sqlx::Error> {
    Ok(DocumentRequest {
        name: row.try_get("name")?,
        requested_on: row.try_get("requested_on")?,
        due_on: row.try_get("due_on")?,
        received_on: row.try_get("received_on")?,
        handed_over_on: row.try_get("handed_over_on")?,
    })
}

/// The documents requested on or after `since` at the factory's visits that ended by `today`
/// (ISO dates), newest visit first: (visit id, visit date, document).
pub async fn requested_documents<'e>(
    executor: impl Executor<'e, Database = Any>,
    factory_id: i64,
    since: &str,
    today: &str,
) -> Result<Vec<(i64, String, DocumentRequest)>, sqlx::Error> {
    let sql = "select v.start_date, d.visit_id, d.name, d.requested_on, d.due_on, \
             d.received_on, h.handed_over_on \
         from visit_documents d join visits v on v.id = d.visit_id \
         left join visit_document_handovers h \
             on h.visit_id = d.visit_id and h.document_name = d.name \
         where v.factory_id = $1 and v.end_date <= $2 and d.requested_on >= $3 \
         order by v.start_date desc, v.id desc, d.position";
    let rows = sqlx::query(sql)
        .bind(factory_id)
        .bind(today)
        .bind(since)
        .fetch_all(executor)
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("visit_id")?,
                row.try_get("start_date")?,
                document_from_row(row)?,
            ))
        })
        .collect()
}

/// Records the factory's hand-over of a requested document; false when one was already
/// recorded.
pub async fn record_document_handover(
    connection: &mut AnyConnection,
    visit_id: i64,
    document_name: &str,
    handed_over_on: &str,
    recorded_by: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "insert into visit_document_handovers (visit_id, document_name, handed_over_on, \
             recorded_by, recorded_at) values ($1, $2, $3, $4, $5) \
         on conflict (visit_id, document_name) do nothing",
    )
    .bind(visit_id)
    .bind(document_name)
    .bind(handed_over_on)
    .bind(recorded_by)
    .bind(now)
    .execute(&mut *connection)
    .await?
    .rows_affected();
    Ok(done > 0)
}

/// Keeps the non-cooperation record in step with the visit's outcome while it is edited.
pub async fn sync_non_cooperation_record(
    connection: &mut AnyConnection,
    visit_id: i64,
    factory_id: i64,
    details: Option<&str>,
    recorded_by: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    match details {
        None => {
            sqlx::query("delete from non_cooperation_reports where visit_id = $1")
                .bind(visit_id)
                .execute(&mut *connection)
                .await?;
        }
        Some(details) => {
            sqlx::query(
                "insert into non_cooperation_reports (visit_id, factory_id, details, recorded_by, recorded_at) \
                 values ($1, $2, $3, $4, $5) \
                 on conflict (visit_id) do update set details = excluded.details, \
                     recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
            )
            .bind(visit_id)
            .bind(factory_id)
            .bind(details)
            .bind(recorded_by)
            .bind(now)
            .execute(&mut *connection)
            .await?;
        }
    }
    Ok(())
}

const SELECT_NON_COOPERATION: &str =
    "select r.id, r.visit_id, r.factory_id, f.name as factory_name, \
     v.start_date, r.details, u.display_name as recorded_by, r.recorded_at \
     from non_cooperation_reports r join visits v on v.id = r.visit_id \
     join factories f on f.id = r.factory_id join users u on u.id = r.recorded_by";

fn non_cooperation_from_row(row: &AnyRow) -> Result<NonCooperationRecord, sqlx::Error> {
    Ok(NonCooperationRecord {
        id: row.try_get("id")?,
        visit_id: row.try_get("visit_id")?,
        factory_id: row.try_get("factory_id")?,
        factory_name: row.try_get("factory_name")?,
        visit_date: row.try_get("start_date")?,
        details: row.try_get("details")?,
        recorded_by: row.try_get("recorded_by")?,
        recorded_at: row.try_get("recorded_at")?,
    })
}

pub async fn non_cooperation_record<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Option<NonCooperationRecord>, sqlx::Error> {
    let sql = format!("{SELECT_NON_COOPERATION} where r.visit_id = $1");
    let row = sqlx::query(&sql)
        .bind(visit_id)
        .fetch_optional(executor)
        .await?;
    row.as_ref().map(non_cooperation_from_row).transpose()
}

pub async fn non_cooperation_records<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<NonCooperationRecord>, sqlx::Error> {
    let sql = format!("{SELECT_NON_COOPERATION} order by r.recorded_at desc, r.id desc");
    let rows = sqlx::query(&sql).fetch_all(executor).await?;
    rows.iter().map(non_cooperation_from_row).collect()
}

fn answer_from_row(row: &AnyRow) -> Result<Answer, sqlx::Error> {
    let choice: Option<String> = row.try_get("choice")?;
    let other_id: Option<i64> = row.try_get("other_id")?;
    let conflict = match other_id {
        Some(_) => {
            let other_choice: Option<String> = row.try_get("other_choice")?;
            Some(AnswerConflict {
                current_by: row.try_get("current_by")?,
                other: ConflictingAnswer {
                    choice: other_choice.as_deref().and_then(AnswerChoice::parse),
                    value: row.try_get("other_value")?,
                    finding: row.try_get("other_finding")?,
                    suggestion: row.try_get("other_suggestion")?,
                    changed_at: row.try_get("other_changed_at")?,
                    by: row.try_get("other_by")?,
                },
            })
        }
        None => None,
    };
    Ok(Answer {
        question_code: row.try_get("code")?,
        choice: choice.as_deref().and_then(AnswerChoice::parse),
        value: row.try_get("value")?,
        finding: row.try_get("finding")?,
        suggestion: row.try_get("suggestion")?,
        changed_at: row.try_get("changed_at")?,
        revision: row.try_get("revision")?,
        conflict,
    })
}

/// Every stored answer of a visit, in checklist order, each with the latest change received
/// and any conflict between two monitors' changes nobody has settled.
pub async fn answers<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<Answer>, sqlx::Error> {
    let rows = sqlx::query(
        "select q.code, a.choice, a.value, a.finding, a.suggestion, a.changed_at, a.revision, \
             current_author.display_name as current_by, c.id as other_id, c.choice as other_choice, \
             c.value as other_value, c.finding as other_finding, c.suggestion as other_suggestion, \
             c.changed_at as other_changed_at, other_author.display_name as other_by \
         from answers a join checklist_questions q on q.id = a.question_id \
         join users current_author on current_author.id = a.saved_by \
         left join answer_changes c on c.id = a.conflict_change_id \
         left join users other_author on other_author.id = c.saved_by \
         where a.visit_id = $1 order by q.id",
    )
    .bind(visit_id)
    .fetch_all(executor)
    .await?;
    rows.iter().map(answer_from_row).collect()
}

/// Marks a draft or returned visit as changed now; false when it is no longer editable (it
/// was submitted meanwhile), checked in the same statement so no change slips past a submission.
pub async fn touch_editable<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let touched = sqlx::query(
        "update visits set updated_at = $1 where id = $2 and status in ('draft', 'returned')",
    )
    .bind(now)
    .bind(visit_id)
    .execute(executor)
    .await?
    .rows_affected();
    Ok(touched == 1)
}

/// Moves a visit from `from` to `to`; false when it is no longer in `from` (someone else moved
/// it first), so two reviewers clicking at once cannot both move it.
pub async fn move_status<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    from: VisitStatus,
    to: VisitStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let moved =
        sqlx::query("update visits set status = $1, updated_at = $2 where id = $3 and status = $4")
            .bind(to.as_str())
            .bind(now)
            .bind(visit_id)
            .bind(from.as_str())
            .execute(executor)
            .await?
            .rows_affected();
    Ok(moved == 1)
}

/// Appends one step to the review history.
pub async fn record_transition<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    from: Option<VisitStatus>,
    to: VisitStatus,
    actor_user_id: i64,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into visit_transitions (visit_id, from_status, to_status, actor_user_id, reason, occurred_at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(visit_id)
    .bind(from.map(VisitStatus::as_str))
    .bind(to.as_str())
    .bind(actor_user_id)
    .bind(reason.trim())
    .bind(now)
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn history<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    let rows = sqlx::query(
        "select t.from_status, t.to_status, u.display_name, t.reason, t.occurred_at \
         from visit_transitions t join users u on u.id = t.actor_user_id \
         where t.visit_id = $1 order by t.id",
    )
    .bind(visit_id)
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            let from: Option<String> = row.try_get("from_status")?;
            let to: String = row.try_get("to_status")?;
            Ok(HistoryEntry {
                from_status: from.as_deref().and_then(VisitStatus::parse),
                to_status: VisitStatus::parse(&to).unwrap_or(VisitStatus::Draft),
                actor_name: row.try_get("display_name")?,
                reason: row.try_get("reason")?,
                occurred_at: row.try_get("occurred_at")?,
            })
        })
        .collect()
}

/// Marks a visit published and stores when third parties may see it.
pub async fn set_published<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    published_at: i64,
    third_party_visible_from: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update visits set status = 'published', published_at = $1, third_party_visible_from = $2, \
             updated_at = $1 where id = $3",
    )
    .bind(published_at)
    .bind(third_party_visible_from)
    .bind(visit_id)
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn third_party_visible_from<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("select third_party_visible_from from visits where id = $1")
        .bind(visit_id)
        .fetch_one(executor)
        .await
}

/// The stored scores of a published report.
pub async fn scores(connection: &mut AnyConnection, visit_id: i64) -> Result<Scores, sqlx::Error> {
    let rows = sqlx::query(
        "select c.code, c.name_en, c.name_km, c.name_zh, s.points_assessed, s.points_non_compliant, \
             s.non_compliance_rate \
         from visit_cluster_scores s join checklist_clusters c on c.id = s.cluster_id \
         where s.visit_id = $1 order by c.position",
    )
    .bind(visit_id)
    .fetch_all(&mut *connection)
    .await?;
    let clusters = rows
        .iter()
        .map(|row| {
            Ok(ClusterScore {
                code: row.try_get("code")?,
                name: Translated {
                    en: row.try_get("name_en")?,
                    km: row.try_get("name_km")?,
                    zh: row.try_get("name_zh")?,
                },
                points_assessed: row.try_get("points_assessed")?,
                points_non_compliant: row.try_get("points_non_compliant")?,
                non_compliance_rate: row.try_get("non_compliance_rate")?,
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    let critical_issues = sqlx::query_scalar(
        "select critical_issue from visit_critical_issues where visit_id = $1 order by critical_issue",
    )
    .bind(visit_id)
    .fetch_all(&mut *connection)
    .await?;
    Ok(Scores {
        clusters,
        critical_issues,
    })
}

/// Published reports of factories that need paper copies and have not been posted yet.
pub async fn paper_copies_due<'e>(
    executor: impl Executor<'e, Database = Any>,
) -> Result<Vec<shared::api::outbox::PaperCopyDue>, sqlx::Error> {
    let rows = sqlx::query(
        "select v.id, v.factory_id, f.name, f.address, v.published_at from visits v \
         join factories f on f.id = v.factory_id \
         where v.status = 'published' and f.needs_paper_copy = 1 and v.paper_copy_posted_at is null \
         order by v.published_at, v.id",
    )
    .fetch_all(executor)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(shared::api::outbox::PaperCopyDue {
                visit_id: row.try_get("id")?,
                factory_id: row.try_get("factory_id")?,
                factory_name: row.try_get("name")?,
                address: row.try_get("address")?,
                published_at: row.try_get("published_at")?,
            })
        })
        .collect()
}

/// Records that the paper copy of a published report was posted; false if nothing was due.
pub async fn mark_paper_copy_posted<'e>(
    executor: impl Executor<'e, Database = Any>,
    visit_id: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "update visits set paper_copy_posted_at = $1 \
         where id = $2 and status = 'published' and paper_copy_posted_at is null \
           and factory_id in (select id from factories where needs_paper_copy = 1)",
    )
    .bind(now)
    .bind(visit_id)
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Whether a user exists with the monitor role, for choosing the second monitor.
pub async fn is_monitor<'e>(
    executor: impl Executor<'e, Database = Any>,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let count: i64 =
        sqlx::query_scalar("select count(*) from users where id = $1 and role = 'monitor'")
            .bind(user_id)
            .fetch_one(executor)
            .await?;
    Ok(count > 0)
}
