//! Every SQL statement about what follows training: trainers' needs assessments at
//! clarification meetings, factories' improvement plans (kept in the corrective-action book
//! [`ActionBook::TrainingPlan`]), and the figures of whether training changed compliance and
//! who took part.

use std::collections::BTreeMap;

use shared::analytics::GroupDimension;
use shared::api::corrective_actions::NewCorrectiveAction;
use shared::api::training::{
    CourseRef, MeetingRef, NeedsAssessment, NeedsAssessmentInput, PlanAction,
};
use shared::checklist::Translated;
use shared::training::{AssessmentOnPoints, HeldSession};
use sqlx::{AnyConnection, Row};

use super::analytics::group_expression;
use super::corrective_actions::{self, ActionBook};

/// The factory, report and status of a clarification meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingOwner {
    pub factory_id: i64,
    pub status: String,
}

pub async fn meeting_owner(
    connection: &mut AnyConnection,
    meeting_id: i64,
) -> Result<Option<MeetingOwner>, sqlx::Error> {
    let row = sqlx::query(
        "select v.factory_id, m.status from clarification_meetings m \
         join visits v on v.id = m.visit_id where m.id = $1",
    )
    .bind(meeting_id)
    .fetch_optional(&mut *connection)
    .await?;
    row.map(|row| {
        Ok(MeetingOwner {
            factory_id: row.try_get("factory_id")?,
            status: row.try_get("status")?,
        })
    })
    .transpose()
}

/// The clarification meetings of the factory's reports, latest first.
pub async fn factory_meetings(
    connection: &mut AnyConnection,
    factory_id: i64,
) -> Result<Vec<MeetingRef>, sqlx::Error> {
    let rows = sqlx::query(
        "select m.id, m.visit_id, m.status, m.scheduled_for, m.topic \
         from clarification_meetings m join visits v on v.id = m.visit_id \
         where v.factory_id = $1 order by m.id desc",
    )
    .bind(factory_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(MeetingRef {
                id: row.try_get("id")?,
                visit_id: row.try_get("visit_id")?,
                status: row.try_get("status")?,
                scheduled_for: row.try_get("scheduled_for")?,
                topic: row.try_get("topic")?,
            })
        })
        .collect()
}

/// Stores a needs assessment (never updated); returns its id.
pub async fn insert_needs_assessment(
    connection: &mut AnyConnection,
    factory_id: i64,
    input: &NeedsAssessmentInput,
    user_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "insert into training_needs_assessments (meeting_id, factory_id, root_causes, \
             recommended_actions, assessed_by, assessed_at) \
         values ($1, $2, $3, $4, $5, $6) returning id",
    )
    .bind(input.meeting_id)
    .bind(factory_id)
    .bind(input.root_causes.trim())
    .bind(input.recommended_actions.trim())
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    let mut points: Vec<&str> = input.points.iter().map(|code| code.trim()).collect();
    points.sort_unstable();
    points.dedup();
    for code in points.into_iter().filter(|code| !code.is_empty()) {
        sqlx::query(
            "insert into training_needs_points (assessment_id, point_code) values ($1, $2)",
        )
        .bind(id)
        .bind(code)
        .execute(&mut *connection)
        .await?;
    }
    let mut courses = input.course_ids.clone();
    courses.sort_unstable();
    courses.dedup();
    for course_id in courses {
        sqlx::query(
            "insert into training_needs_courses (assessment_id, course_id) values ($1, $2)",
        )
        .bind(id)
        .bind(course_id)
        .execute(&mut *connection)
        .await?;
    }
    Ok(id)
}

/// The factory's needs assessments, the latest of each meeting, latest first.
pub async fn needs_assessments(
    connection: &mut AnyConnection,
    factory_id: i64,
) -> Result<Vec<NeedsAssessment>, sqlx::Error> {
    let rows = sqlx::query(
        "select n.id, n.meeting_id, m.visit_id, n.root_causes, n.recommended_actions, \
             u.display_name, n.assessed_at \
         from training_needs_assessments n \
         join clarification_meetings m on m.id = n.meeting_id \
         join users u on u.id = n.assessed_by \
         where n.factory_id = $1 and n.id = (select max(l.id) from training_needs_assessments l \
             where l.meeting_id = n.meeting_id) \
         order by n.id desc",
    )
    .bind(factory_id)
    .fetch_all(&mut *connection)
    .await?;
    let point_rows = sqlx::query(
        "select p.assessment_id, p.point_code from training_needs_points p \
         join training_needs_assessments n on n.id = p.assessment_id \
         where n.factory_id = $1 order by p.point_code",
    )
    .bind(factory_id)
    .fetch_all(&mut *connection)
    .await?;
    let course_rows = sqlx::query(
        "select nc.assessment_id, c.id, c.title_en, c.title_km, c.title_zh \
         from training_needs_courses nc \
         join training_needs_assessments n on n.id = nc.assessment_id \
         join training_courses c on c.id = nc.course_id \
         where n.factory_id = $1 order by c.id",
    )
    .bind(factory_id)
    .fetch_all(&mut *connection)
    .await?;
    let mut points: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in &point_rows {
        points
            .entry(row.try_get("assessment_id")?)
            .or_default()
            .push(row.try_get("point_code")?);
    }
    let mut courses: BTreeMap<i64, Vec<CourseRef>> = BTreeMap::new();
    for row in &course_rows {
        courses
            .entry(row.try_get("assessment_id")?)
            .or_default()
            .push(CourseRef {
                id: row.try_get("id")?,
                title: Translated {
                    en: row.try_get("title_en")?,
                    km: row.try_get("title_km")?,
                    zh: row.try_get("title_zh")?,
                },
            });
    }
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            Ok(NeedsAssessment {
                id,
                meeting_id: row.try_get("meeting_id")?,
                visit_id: row.try_get("visit_id")?,
                points: points.remove(&id).unwrap_or_default(),
                root_causes: row.try_get("root_causes")?,
                courses: courses.remove(&id).unwrap_or_default(),
                recommended_actions: row.try_get("recommended_actions")?,
                assessed_by_name: row.try_get("display_name")?,
                assessed_at: row.try_get("assessed_at")?,
            })
        })
        .collect()
}

/// Where a plan action comes from: a session or a needs assessment of the factory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanSource {
    Session(i64),
    NeedsAssessment(i64),
}

/// Stores a new action of the factory's improvement plan and its "created" event.
pub async fn insert_plan_action(
    connection: &mut AnyConnection,
    factory_id: i64,
    source: PlanSource,
    action: &NewCorrectiveAction,
    user_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let (session_id, needs_assessment_id) = match source {
        PlanSource::Session(id) => (Some(id), None),
        PlanSource::NeedsAssessment(id) => (None, Some(id)),
    };
    let id: i64 = sqlx::query_scalar(
        "insert into training_plan_actions (factory_id, session_id, needs_assessment_id, \
             point_code, description, responsible, target_date, status, created_by, created_at, \
             updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) returning id",
    )
    .bind(factory_id)
    .bind(session_id)
    .bind(needs_assessment_id)
    .bind(action.question_code.trim())
    .bind(action.description.trim())
    .bind(action.responsible.trim())
    .bind(action.target_date.trim())
    .bind(action.status.trim())
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    corrective_actions::record_event(
        connection,
        ActionBook::TrainingPlan,
        id,
        "created",
        "",
        Some(action.status.trim()),
        None,
        user_id,
        now,
    )
    .await?;
    Ok(id)
}

/// The factory's improvement plan, in the order posted.
pub async fn plan(
    connection: &mut AnyConnection,
    factory_id: i64,
) -> Result<Vec<PlanAction>, sqlx::Error> {
    let actions = corrective_actions::actions_of(
        connection,
        ActionBook::TrainingPlan,
        "factory_id",
        factory_id,
    )
    .await?;
    let rows = sqlx::query(
        "select id, session_id, needs_assessment_id from training_plan_actions \
         where factory_id = $1",
    )
    .bind(factory_id)
    .fetch_all(&mut *connection)
    .await?;
    let mut sources = BTreeMap::new();
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let session: Option<i64> = row.try_get("session_id")?;
        let needs: Option<i64> = row.try_get("needs_assessment_id")?;
        sources.insert(id, (session, needs));
    }
    Ok(actions
        .into_iter()
        .map(|action| {
            let (session_id, needs_assessment_id) =
                sources.get(&action.id).copied().unwrap_or_default();
            PlanAction {
                session_id,
                needs_assessment_id,
                action,
            }
        })
        .collect())
}

/// The factory of a plan action and the date after which a visit checks it (the session's last
/// day, or the needs assessment's time in Unix seconds).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanActionOwner {
    pub factory_id: i64,
    pub session_ends_on: Option<String>,
    pub assessed_at: Option<i64>,
}

pub async fn plan_action_owner(
    connection: &mut AnyConnection,
    action_id: i64,
) -> Result<Option<PlanActionOwner>, sqlx::Error> {
    let row = sqlx::query(
        "select a.factory_id, s.ends_on, n.assessed_at from training_plan_actions a \
         left join training_sessions s on s.id = a.session_id \
         left join training_needs_assessments n on n.id = a.needs_assessment_id \
         where a.id = $1",
    )
    .bind(action_id)
    .fetch_optional(&mut *connection)
    .await?;
    row.map(|row| {
        Ok(PlanActionOwner {
            factory_id: row.try_get("factory_id")?,
            session_ends_on: row.try_get("ends_on")?,
            assessed_at: row.try_get("assessed_at")?,
        })
    })
    .transpose()
}

/// The points a needs assessment of the factory found, when it is the factory's.
pub async fn needs_points(
    connection: &mut AnyConnection,
    assessment_id: i64,
    factory_id: i64,
) -> Result<Option<Vec<String>>, sqlx::Error> {
    let found =
        sqlx::query("select 1 from training_needs_assessments where id = $1 and factory_id = $2")
            .bind(assessment_id)
            .bind(factory_id)
            .fetch_optional(&mut *connection)
            .await?;
    if found.is_none() {
        return Ok(None);
    }
    let codes = sqlx::query_scalar(
        "select point_code from training_needs_points where assessment_id = $1 order by point_code",
    )
    .bind(assessment_id)
    .fetch_all(&mut *connection)
    .await?;
    Ok(Some(codes))
}

/// Participants who attended each held session (the latest report of each session), per
/// factory: (session id, factory id, women, men).
pub async fn attendance(
    connection: &mut AnyConnection,
    factory_id: Option<i64>,
) -> Result<Vec<(i64, i64, i64, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "select r.session_id, a.factory_id, cast(sum(a.women) as bigint) as women, cast(sum(a.men) as bigint) as men \
         from training_session_reports r join training_attendance a on a.report_id = r.id \
         where r.status = 'held' and ($1 = 0 or a.factory_id = $1) \
           and r.id = (select max(l.id) from training_session_reports l \
               where l.session_id = r.session_id) \
         group by r.session_id, a.factory_id",
    )
    .bind(factory_id.unwrap_or(0))
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get("session_id")?,
                row.try_get("factory_id")?,
                row.try_get("women")?,
                row.try_get("men")?,
            ))
        })
        .collect()
}

/// Held sessions by course: their dates and the factories with someone attending.
pub async fn held_sessions(
    connection: &mut AnyConnection,
) -> Result<BTreeMap<i64, Vec<HeldSession>>, sqlx::Error> {
    let rows = sqlx::query(
        "select s.id, s.course_id, s.starts_on, s.ends_on from training_sessions s \
         where (select r.status from training_session_reports r where r.session_id = s.id \
             order by r.id desc limit 1) = 'held' \
         order by s.starts_on, s.id",
    )
    .fetch_all(&mut *connection)
    .await?;
    let mut attended: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for (session_id, factory_id, women, men) in attendance(connection, None).await? {
        if women + men > 0 {
            attended.entry(session_id).or_default().push(factory_id);
        }
    }
    let mut by_course: BTreeMap<i64, Vec<HeldSession>> = BTreeMap::new();
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        by_course
            .entry(row.try_get("course_id")?)
            .or_default()
            .push(HeldSession {
                starts_on: row.try_get("starts_on")?,
                ends_on: row.try_get("ends_on")?,
                attended: attended.remove(&id).unwrap_or_default(),
            });
    }
    Ok(by_course)
}

/// What the training effect is computed from, as the latest row of each record it reads: report
/// documents (written at each publication and amendment, with the scores), session reports,
/// courses (their topics are written with them) and checklist versions.
pub type EffectState = (i64, i64, i64, i64);

/// The training effect of one [`EffectState`]: figures, by course.
pub type EffectCache = std::sync::Arc<
    std::sync::Mutex<
        Option<(
            EffectState,
            std::sync::Arc<Vec<shared::api::training::CourseEffect>>,
        )>,
    >,
>;

pub async fn effect_state(connection: &mut AnyConnection) -> Result<EffectState, sqlx::Error> {
    let row = sqlx::query(
        "select (select coalesce(max(id), 0) from report_documents) as documents, \
             (select coalesce(max(id), 0) from training_session_reports) as reports, \
             (select coalesce(max(id), 0) from training_courses) as courses, \
             (select coalesce(max(id), 0) from checklist_versions) as versions",
    )
    .fetch_one(&mut *connection)
    .await?;
    Ok((
        row.try_get("documents")?,
        row.try_get("reports")?,
        row.try_get("courses")?,
        row.try_get("versions")?,
    ))
}

/// Every point of every checklist version: (id, code).
pub async fn checklist_points(
    connection: &mut AnyConnection,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows = sqlx::query("select id, code from checklist_points")
        .fetch_all(&mut *connection)
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("id")?, row.try_get("code")?)))
        .collect()
}

/// One factory's published assessments on the points `point_ids`: how many of them each
/// assessed and found non-compliant.
pub async fn factory_assessments_on_points(
    connection: &mut AnyConnection,
    point_ids: &[i64],
    factory_id: i64,
) -> Result<Vec<AssessmentOnPoints>, sqlx::Error> {
    if point_ids.is_empty() {
        return Ok(Vec::new());
    }
    // Ids are integers from the database: listed inline, they need no bind parameters.
    let sql = format!(
        "select v.factory_id, v.start_date, count(*) as assessed, \
             cast(sum(r.non_compliant) as bigint) as non_compliant \
         from visits v join visit_point_results r on r.visit_id = v.id \
         where v.factory_id = $1 and v.visit_type = 'assessment' and v.status = 'published' \
           and r.point_id in ({}) \
         group by v.id, v.factory_id, v.start_date",
        id_list(point_ids)
    );
    let rows = sqlx::query(&sql)
        .bind(factory_id)
        .fetch_all(&mut *connection)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(AssessmentOnPoints {
                factory_id: row.try_get("factory_id")?,
                start_date: row.try_get("start_date")?,
                assessed: row.try_get("assessed")?,
                non_compliant: row.try_get("non_compliant")?,
            })
        })
        .collect()
}

fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every published assessment on each set of points in `point_sets` (one set per course), in
/// the same order: one pass over the point results for all sets together, summed per set with
/// `case`, then matched to the assessments' factories and dates.
pub async fn assessments_on_point_sets(
    connection: &mut AnyConnection,
    point_sets: &[Vec<i64>],
) -> Result<Vec<Vec<AssessmentOnPoints>>, sqlx::Error> {
    let mut results = vec![Vec::new(); point_sets.len()];
    let mut all: Vec<i64> = point_sets.iter().flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    if all.is_empty() {
        return Ok(results);
    }
    let visits = sqlx::query(
        "select id, factory_id, start_date from visits \
         where visit_type = 'assessment' and status = 'published'",
    )
    .fetch_all(&mut *connection)
    .await?;
    let mut published = std::collections::HashMap::with_capacity(visits.len());
    for row in &visits {
        let id: i64 = row.try_get("id")?;
        let factory_id: i64 = row.try_get("factory_id")?;
        let start_date: String = row.try_get("start_date")?;
        published.insert(id, (factory_id, start_date));
    }
    let mut columns = Vec::new();
    for (index, set) in point_sets.iter().enumerate() {
        // An empty set never matches (`in (0)`: ids start at 1).
        let ids = if set.is_empty() {
            "0".to_owned()
        } else {
            id_list(set)
        };
        columns.push(format!(
            "cast(sum(case when point_id in ({ids}) then 1 else 0 end) as bigint) as a{index}, \
             cast(sum(case when point_id in ({ids}) then non_compliant else 0 end) as bigint) as n{index}"
        ));
    }
    let sql = format!(
        "select visit_id, {} from visit_point_results where point_id in ({}) group by visit_id",
        columns.join(", "),
        id_list(&all)
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *connection).await?;
    for row in &rows {
        let visit_id: i64 = row.try_get("visit_id")?;
        let Some((factory_id, start_date)) = published.get(&visit_id) else {
            continue;
        };
        for (index, result) in results.iter_mut().enumerate() {
            let assessed: i64 = row.try_get(format!("a{index}").as_str())?;
            if assessed > 0 {
                result.push(AssessmentOnPoints {
                    factory_id: *factory_id,
                    start_date: start_date.clone(),
                    assessed,
                    non_compliant: row.try_get(format!("n{index}").as_str())?,
                });
            }
        }
    }
    Ok(results)
}

/// One factory's attendance at one held session, with what participation reports group by.
#[derive(Clone, Debug, PartialEq)]
pub struct ParticipationFact {
    pub session_id: i64,
    pub course_id: i64,
    pub course_title: Translated,
    pub starts_on: String,
    pub factory_id: i64,
    pub group: String,
    pub women: i64,
    pub men: i64,
}

/// Who attended held sessions, per session and factory, with the factory's group in
/// `dimension` (the same grouping as industry figures; size from the registry's workforce).
pub async fn participation(
    connection: &mut AnyConnection,
    dimension: GroupDimension,
) -> Result<Vec<ParticipationFact>, sqlx::Error> {
    let sql = format!(
        "select s.id as session_id, s.course_id, c.title_en, c.title_km, c.title_zh, \
             s.starts_on, a.factory_id, {group} as grp, cast(sum(a.women) as bigint) as women, cast(sum(a.men) as bigint) as men \
         from training_session_reports r \
         join training_attendance a on a.report_id = r.id \
         join training_sessions s on s.id = r.session_id \
         join training_courses c on c.id = s.course_id \
         join factories f on f.id = a.factory_id \
         join (select id as factory_id, coalesce(total_workers, 0) as workers from factories) sc \
             on sc.factory_id = f.id \
         where r.status = 'held' and r.id = (select max(l.id) from training_session_reports l \
             where l.session_id = r.session_id) \
         group by s.id, s.course_id, c.title_en, c.title_km, c.title_zh, s.starts_on, \
             a.factory_id, {group} \
         order by s.starts_on, s.id",
        group = group_expression(dimension)
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *connection).await?;
    rows.iter()
        .map(|row| {
            Ok(ParticipationFact {
                session_id: row.try_get("session_id")?,
                course_id: row.try_get("course_id")?,
                course_title: Translated {
                    en: row.try_get("title_en")?,
                    km: row.try_get("title_km")?,
                    zh: row.try_get("title_zh")?,
                },
                starts_on: row.try_get("starts_on")?,
                factory_id: row.try_get("factory_id")?,
                group: row.try_get("grp")?,
                women: row.try_get("women")?,
                men: row.try_get("men")?,
            })
        })
        .collect()
}
