//! Every SQL statement about training: courses and their topics, sessions, the factories
//! invited to a session and the participants each enrolled.

use std::collections::BTreeMap;

use shared::api::training::{
    AttendanceRow, Course, CourseInput, GroupOutcome, InvitedFactory, NewSession, ParticipantGroup,
    Session, SessionReport,
};
use shared::checklist::Translated;
use shared::training::{Audience, CourseFormat, SessionStatus};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{flag, get_flag};

/// Stores a course and its topics; returns its id.
pub async fn insert_course(
    connection: &mut AnyConnection,
    course: &CourseInput,
    user_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "insert into training_courses (title_en, title_km, title_zh, description_en, \
             description_km, description_zh, audience, format, hours, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id",
    )
    .bind(course.title.en.trim())
    .bind(course.title.km.trim())
    .bind(course.title.zh.trim())
    .bind(course.description.en.trim())
    .bind(course.description.km.trim())
    .bind(course.description.zh.trim())
    .bind(course.audience.trim())
    .bind(course.format.trim())
    .bind(course.hours)
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    let mut topics: Vec<&str> = course.topics.iter().map(|code| code.trim()).collect();
    topics.sort_unstable();
    topics.dedup();
    for code in topics.into_iter().filter(|code| !code.is_empty()) {
        sqlx::query("insert into training_course_topics (course_id, code) values ($1, $2)")
            .bind(id)
            .bind(code)
            .execute(&mut *connection)
            .await?;
    }
    Ok(id)
}

const SELECT_COURSE: &str = "select id, title_en, title_km, title_zh, description_en, \
     description_km, description_zh, audience, format, hours from training_courses";

fn course_from_row(row: &AnyRow, topics: Vec<String>) -> Result<Course, sqlx::Error> {
    let audience: String = row.try_get("audience")?;
    let format: String = row.try_get("format")?;
    Ok(Course {
        id: row.try_get("id")?,
        title: Translated {
            en: row.try_get("title_en")?,
            km: row.try_get("title_km")?,
            zh: row.try_get("title_zh")?,
        },
        description: Translated {
            en: row.try_get("description_en")?,
            km: row.try_get("description_km")?,
            zh: row.try_get("description_zh")?,
        },
        audience: Audience::parse(&audience).unwrap_or(Audience::Managers),
        format: CourseFormat::parse(&format).unwrap_or(CourseFormat::Classroom),
        hours: row.try_get("hours")?,
        topics,
    })
}

/// Every course's topics, by course id, in code order.
async fn topics(connection: &mut AnyConnection) -> Result<BTreeMap<i64, Vec<String>>, sqlx::Error> {
    let rows =
        sqlx::query("select course_id, code from training_course_topics order by course_id, code")
            .fetch_all(&mut *connection)
            .await?;
    let mut topics: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in rows {
        topics
            .entry(row.try_get("course_id")?)
            .or_default()
            .push(row.try_get("code")?);
    }
    Ok(topics)
}

/// The catalogue, newest course first.
pub async fn courses(connection: &mut AnyConnection) -> Result<Vec<Course>, sqlx::Error> {
    let mut topics = topics(connection).await?;
    let sql = format!("{SELECT_COURSE} order by id desc");
    let rows = sqlx::query(&sql).fetch_all(&mut *connection).await?;
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            course_from_row(row, topics.remove(&id).unwrap_or_default())
        })
        .collect()
}

pub async fn find_course(
    connection: &mut AnyConnection,
    id: i64,
) -> Result<Option<Course>, sqlx::Error> {
    let sql = format!("{SELECT_COURSE} where id = $1");
    let Some(row) = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?
    else {
        return Ok(None);
    };
    let topics = sqlx::query_scalar(
        "select code from training_course_topics where course_id = $1 order by code",
    )
    .bind(id)
    .fetch_all(&mut *connection)
    .await?;
    course_from_row(&row, topics).map(Some)
}

/// Stores a planned session; returns its id (its invitations are stored by [`invite`]).
pub async fn insert_session(
    connection: &mut AnyConnection,
    session: &NewSession,
    user_id: i64,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let input = &session.session;
    sqlx::query_scalar(
        "insert into training_sessions (course_id, starts_on, ends_on, venue, online, trainers, \
             capacity, status, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, 'planned', $8, $9) returning id",
    )
    .bind(session.course_id)
    .bind(input.starts_on.trim())
    .bind(input.ends_on.trim())
    .bind(input.venue.trim())
    .bind(flag(input.online))
    .bind(input.trainers.trim())
    .bind(input.capacity)
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *connection)
    .await
}

/// Invites factories to a session; a factory invited before stays as it was.
pub async fn invite(
    connection: &mut AnyConnection,
    session_id: i64,
    factory_ids: &[i64],
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    for factory_id in factory_ids {
        sqlx::query(
            "insert into training_invitations (session_id, factory_id, invited_by, invited_at) \
             values ($1, $2, $3, $4) on conflict (session_id, factory_id) do nothing",
        )
        .bind(session_id)
        .bind(factory_id)
        .bind(user_id)
        .bind(now)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// A session without its invited factories (filled by [`invited`]).
/// Its status is that of its latest report, if the trainer reported on it.
const SELECT_SESSION: &str = "select s.id, s.course_id, s.starts_on, s.ends_on, s.venue, \
     s.online, s.trainers, s.capacity, coalesce((select r.status from training_session_reports r \
         where r.session_id = s.id order by r.id desc limit 1), s.status) as status, \
     c.title_en, c.title_km, c.title_zh \
     from training_sessions s join training_courses c on c.id = s.course_id";

fn session_from_row(row: &AnyRow) -> Result<Session, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(Session {
        id: row.try_get("id")?,
        course_id: row.try_get("course_id")?,
        course_title: Translated {
            en: row.try_get("title_en")?,
            km: row.try_get("title_km")?,
            zh: row.try_get("title_zh")?,
        },
        topics: Vec::new(),
        starts_on: row.try_get("starts_on")?,
        ends_on: row.try_get("ends_on")?,
        venue: row.try_get("venue")?,
        online: get_flag(row, "online")?,
        trainers: row.try_get("trainers")?,
        capacity: row.try_get("capacity")?,
        status: SessionStatus::parse(&status).unwrap_or(SessionStatus::Planned),
        invited: Vec::new(),
        enrolment_open: false,
        attendance: Vec::new(),
        outcomes: Vec::new(),
        notes: String::new(),
    })
}

/// Sessions, latest start first: every one, or those `factory_id` is invited to.
pub async fn sessions(
    connection: &mut AnyConnection,
    factory_id: Option<i64>,
) -> Result<Vec<Session>, sqlx::Error> {
    let rows = match factory_id {
        Some(factory_id) => {
            let sql = format!(
                "{SELECT_SESSION} where s.id in \
                 (select session_id from training_invitations where factory_id = $1) \
                 order by s.starts_on desc, s.id desc"
            );
            sqlx::query(&sql)
                .bind(factory_id)
                .fetch_all(&mut *connection)
                .await?
        }
        None => {
            let sql = format!("{SELECT_SESSION} order by s.starts_on desc, s.id desc");
            sqlx::query(&sql).fetch_all(&mut *connection).await?
        }
    };
    rows.iter().map(session_from_row).collect()
}

pub async fn find_session(
    connection: &mut AnyConnection,
    id: i64,
) -> Result<Option<Session>, sqlx::Error> {
    let sql = format!("{SELECT_SESSION} where s.id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
    row.as_ref().map(session_from_row).transpose()
}

/// The factories invited to a session (or only `factory_id`), by name, with their groups.
pub async fn invited(
    connection: &mut AnyConnection,
    session_id: i64,
    factory_id: Option<i64>,
) -> Result<Vec<InvitedFactory>, sqlx::Error> {
    let rows = sqlx::query(
        "select i.factory_id, f.name, \
             (select max(e.enrolled_at) from training_enrolments e \
              where e.session_id = i.session_id and e.factory_id = i.factory_id) as enrolled_at \
         from training_invitations i join factories f on f.id = i.factory_id \
         where i.session_id = $1 and ($2 = 0 or i.factory_id = $2) order by f.name",
    )
    .bind(session_id)
    .bind(factory_id.unwrap_or(0))
    .fetch_all(&mut *connection)
    .await?;
    let groups = sqlx::query(
        "select factory_id, audience, women, men from training_enrolments \
         where session_id = $1 order by factory_id, audience",
    )
    .bind(session_id)
    .fetch_all(&mut *connection)
    .await?;
    let mut by_factory: BTreeMap<i64, Vec<ParticipantGroup>> = BTreeMap::new();
    for row in groups {
        let audience: String = row.try_get("audience")?;
        let Some(audience) = Audience::parse(&audience) else {
            continue;
        };
        by_factory
            .entry(row.try_get("factory_id")?)
            .or_default()
            .push(ParticipantGroup {
                audience,
                women: row.try_get("women")?,
                men: row.try_get("men")?,
            });
    }
    rows.iter()
        .map(|row| {
            let factory_id: i64 = row.try_get("factory_id")?;
            Ok(InvitedFactory {
                factory_id,
                factory_name: row.try_get("name")?,
                groups: by_factory.remove(&factory_id).unwrap_or_default(),
                enrolled_at: row.try_get("enrolled_at")?,
            })
        })
        .collect()
}

pub async fn is_invited(
    connection: &mut AnyConnection,
    session_id: i64,
    factory_id: i64,
) -> Result<bool, sqlx::Error> {
    let found =
        sqlx::query("select 1 from training_invitations where session_id = $1 and factory_id = $2")
            .bind(session_id)
            .bind(factory_id)
            .fetch_optional(&mut *connection)
            .await?;
    Ok(found.is_some())
}

/// Replaces what a factory enrolled in a session with `groups` (groups with nobody left out).
pub async fn replace_enrolment(
    connection: &mut AnyConnection,
    session_id: i64,
    factory_id: i64,
    groups: &[ParticipantGroup],
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from training_enrolments where session_id = $1 and factory_id = $2")
        .bind(session_id)
        .bind(factory_id)
        .execute(&mut *connection)
        .await?;
    for group in groups.iter().filter(|group| group.women + group.men > 0) {
        sqlx::query(
            "insert into training_enrolments (session_id, factory_id, audience, women, men, \
                 enrolled_by, enrolled_at) values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(session_id)
        .bind(factory_id)
        .bind(group.audience.as_str())
        .bind(group.women)
        .bind(group.men)
        .bind(user_id)
        .bind(now)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// Stores a report on a session (never updated: a later one replaces it for readers).
pub async fn insert_report(
    connection: &mut AnyConnection,
    session_id: i64,
    report: &SessionReport,
    user_id: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let report_id: i64 = sqlx::query_scalar(
        "insert into training_session_reports (session_id, status, notes, reported_by, reported_at) \
         values ($1, $2, $3, $4, $5) returning id",
    )
    .bind(session_id)
    .bind(report.status.trim())
    .bind(report.notes.trim())
    .bind(user_id)
    .bind(now)
    .fetch_one(&mut *connection)
    .await?;
    for row in &report.attendance {
        sqlx::query(
            "insert into training_attendance (report_id, factory_id, audience, women, men) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(report_id)
        .bind(row.factory_id)
        .bind(row.audience.as_str())
        .bind(row.women)
        .bind(row.men)
        .execute(&mut *connection)
        .await?;
    }
    for outcome in &report.outcomes {
        sqlx::query(
            "insert into training_outcomes (report_id, audience, pre_test, post_test, evaluation) \
             values ($1, $2, $3, $4, $5)",
        )
        .bind(report_id)
        .bind(outcome.audience.as_str())
        .bind(outcome.pre_test)
        .bind(outcome.post_test)
        .bind(outcome.evaluation)
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

/// The latest report on a session: attendance (of every factory, or only `factory_id`),
/// outcomes and notes; empty when there is none.
pub async fn latest_report(
    connection: &mut AnyConnection,
    session_id: i64,
    factory_id: Option<i64>,
) -> Result<(Vec<AttendanceRow>, Vec<GroupOutcome>, String), sqlx::Error> {
    let Some(report) = sqlx::query(
        "select id, notes from training_session_reports where session_id = $1 \
         order by id desc limit 1",
    )
    .bind(session_id)
    .fetch_optional(&mut *connection)
    .await?
    else {
        return Ok((Vec::new(), Vec::new(), String::new()));
    };
    let report_id: i64 = report.try_get("id")?;
    let rows = sqlx::query(
        "select factory_id, audience, women, men from training_attendance \
         where report_id = $1 and ($2 = 0 or factory_id = $2) order by factory_id, audience",
    )
    .bind(report_id)
    .bind(factory_id.unwrap_or(0))
    .fetch_all(&mut *connection)
    .await?;
    let mut attendance = Vec::new();
    for row in rows {
        let audience: String = row.try_get("audience")?;
        if let Some(audience) = Audience::parse(&audience) {
            attendance.push(AttendanceRow {
                factory_id: row.try_get("factory_id")?,
                audience,
                women: row.try_get("women")?,
                men: row.try_get("men")?,
            });
        }
    }
    let rows = sqlx::query(
        "select audience, pre_test, post_test, evaluation from training_outcomes \
         where report_id = $1 order by audience",
    )
    .bind(report_id)
    .fetch_all(&mut *connection)
    .await?;
    let mut outcomes = Vec::new();
    for row in rows {
        let audience: String = row.try_get("audience")?;
        if let Some(audience) = Audience::parse(&audience) {
            outcomes.push(GroupOutcome {
                audience,
                pre_test: row.try_get("pre_test")?,
                post_test: row.try_get("post_test")?,
                evaluation: row.try_get("evaluation")?,
            });
        }
    }
    Ok((attendance, outcomes, report.try_get("notes")?))
}
