//! The training history of a generated industry: a catalogue of courses on the checklist's
//! most common issues, about three sessions of each course a year over the last eight years,
//! the factories invited to each (mostly those whose latest assessment found the course's
//! points non-compliant), what they enrolled, and the trainer's report: held (or now and then
//! cancelled) with attendance, test scores, ratings and notes. Sessions after today stay
//! planned. Seeded like the rest of the generator.

use std::collections::{HashMap, HashSet};

use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use shared::api::training::{
    AttendanceRow, CourseInput, GroupOutcome, NewSession, ParticipantGroup, SessionInput,
    SessionReport,
};
use shared::checklist::{ChecklistContent, Translated};
use shared::training::{topics_cover, Audience, CourseFormat, SessionStatus};

use super::industry::weighted;
use super::{iso_date, DAY};
use crate::db::training;

/// A course of the generated catalogue.
struct CourseSpec {
    /// English, Khmer, Chinese.
    title: [&'static str; 3],
    description: &'static str,
    audience: Audience,
    format: CourseFormat,
    hours: i64,
    /// Cluster and point codes of the default checklist.
    topics: &'static [&'static str],
    /// Other groups factories also send.
    also: &'static [Audience],
}

const COURSES: &[CourseSpec] = &[
    CourseSpec {
        title: [
            "Working hours and overtime",
            "ម៉ោងធ្វើការ និងការងារបន្ថែមម៉ោង",
            "工作时间与加班",
        ],
        description: "Legal limits of regular hours and overtime, voluntary overtime, weekly rest, and keeping time records that show the hours actually worked.",
        audience: Audience::HumanResources,
        format: CourseFormat::Classroom,
        hours: 6,
        topics: &["FOR.03", "WT.01", "WT.02"],
        also: &[Audience::Managers, Audience::Supervisors],
    },
    CourseSpec {
        title: [
            "Occupational safety and health committees",
            "គណៈកម្មាធិការសុវត្ថិភាព និងសុខភាពការងារ",
            "职业安全与健康委员会",
        ],
        description: "Setting up a bipartite OSH committee, electing worker members, running monthly meetings with minutes, risk assessment and following up corrective actions.",
        audience: Audience::OshCommittee,
        format: CourseFormat::OnSite,
        hours: 12,
        topics: &["OSH.01"],
        also: &[Audience::Managers, Audience::WorkerRepresentatives],
    },
    CourseSpec {
        title: [
            "Fire safety and emergency exits",
            "សុវត្ថិភាពអគ្គីភ័យ និងច្រកចេញបន្ទាន់",
            "消防安全与紧急出口",
        ],
        description: "Keeping exits unlocked and escape routes clear, signs and evacuation maps in Khmer, extinguishers and alarms, and running evacuation drills on every shift.",
        audience: Audience::OshCommittee,
        format: CourseFormat::OnSite,
        hours: 6,
        topics: &["OSH.08"],
        also: &[Audience::Supervisors, Audience::Managers],
    },
    CourseSpec {
        title: [
            "Wages and payslips",
            "ប្រាក់ឈ្នួល និងបង្កាន់ដៃបើកប្រាក់ឈ្នួល",
            "工资与工资单",
        ],
        description: "Minimum wage for regular, casual and piece-rate workers, overtime rates, lawful deductions, and payslips workers can read and check.",
        audience: Audience::HumanResources,
        format: CourseFormat::Classroom,
        hours: 6,
        topics: &["COM.01", "COM.02", "COM.05"],
        also: &[Audience::Managers, Audience::WorkerRepresentatives],
    },
    CourseSpec {
        title: [
            "Freedom of association and worker representatives",
            "សេរីភាពសមាគម និងតំណាងកម្មករ",
            "结社自由与工人代表",
        ],
        description: "Workers' right to form and join unions, shop steward elections, facilities for representatives, anti-union discrimination and good-faith bargaining.",
        audience: Audience::WorkerRepresentatives,
        format: CourseFormat::Classroom,
        hours: 12,
        topics: &["FOA"],
        also: &[Audience::Managers, Audience::HumanResources],
    },
    CourseSpec {
        title: ["Grievance handling", "ការដោះស្រាយបណ្តឹងតវ៉ា", "申诉处理"],
        description: "A grievance procedure workers know and trust, regular meetings with shop stewards, fair discipline and settling individual disputes inside the factory.",
        audience: Audience::Supervisors,
        format: CourseFormat::Online,
        hours: 4,
        topics: &["CON.03"],
        also: &[Audience::WorkerRepresentatives, Audience::HumanResources],
    },
    CourseSpec {
        title: [
            "Maternity protection and nursing rooms",
            "ការការពារមាតុភាព និងបន្ទប់បំបៅកូន",
            "生育保护与哺乳室",
        ],
        description: "Maternity leave and pay, light work after return, paid breastfeeding breaks, nursing rooms and day care, and protecting pregnant workers from dismissal.",
        audience: Audience::HumanResources,
        format: CourseFormat::Classroom,
        hours: 6,
        topics: &["COM.06", "OSH.06", "WT.03"],
        also: &[Audience::Supervisors, Audience::WorkerRepresentatives],
    },
    CourseSpec {
        title: ["Chemical safety", "សុវត្ថិភាពសារធាតុគីមី", "化学品安全"],
        description: "Chemical inventory, labels and safety data sheets in Khmer, safe storage, protective equipment, ventilation at spot-cleaning stations and first aid.",
        audience: Audience::Supervisors,
        format: CourseFormat::OnSite,
        hours: 8,
        topics: &["OSH.02"],
        also: &[Audience::OshCommittee],
    },
];

/// Years of training history, ending with the generated period.
const TRAINING_YEARS: i64 = 8;

const CLASSROOMS: &[(&str, u32)] = &[
    ("Training centre, Phnom Penh", 8),
    ("Provincial labour department, Ta Khmau, Kandal", 3),
    ("Provincial labour department, Chbar Mon, Kampong Speu", 2),
    ("Hotel meeting room, Bavet, Svay Rieng", 1),
];

const CO_TRAINERS: &[&str] = &["Sophea Keo", "Dalin Pich", "Ratana Srey", "Vuthy Chan"];

const HELD_NOTES: &[&str] = &[
    "Participants worked through cases from recent assessments; supervisors asked for the handouts in Khmer.",
    "Good discussion between managers and worker representatives; several factories asked for a follow-up visit.",
    "Group exercises on the factory's own records went well; the post-test shows the legal limits are now understood.",
    "Some participants arrived late because of the morning shift; the afternoon session was shortened.",
    "Participants prepared a short action plan for their factory to present at the next bipartite meeting.",
];

const CANCELLED_NOTES: &[&str] = &[
    "Cancelled: too few factories confirmed during the peak production season.",
    "Cancelled: the venue was not available; factories were asked to enrol in the next session.",
    "Cancelled because of a public holiday announced at short notice.",
];

/// What the generated industry's factories bring to training: when each was in the programme
/// and, for each of its assessments, which courses address an issue found.
pub(super) struct TrainedFactory {
    pub id: i64,
    pub province: &'static str,
    pub women_share_percent: f64,
    pub joined_day: i64,
    pub last_day: i64,
    /// (assessment day, bit set of courses whose points were found non-compliant), by day.
    pub needs: Vec<(i64, u32)>,
}

/// The catalogue's topics that the checklist knows, per course (in [`COURSES`] order; a course
/// none of whose topics is known gets none and is not generated).
fn known_topics(content: &ChecklistContent) -> Vec<Vec<String>> {
    let mut known = HashSet::new();
    for cluster in content.clusters.iter().filter(|cluster| cluster.scored) {
        known.insert(cluster.code.as_str());
        known.extend(cluster.points.iter().map(|point| point.code.as_str()));
    }
    COURSES
        .iter()
        .map(|course| {
            course
                .topics
                .iter()
                .filter(|code| known.contains(**code))
                .map(|code| (*code).to_owned())
                .collect()
        })
        .collect()
}

/// For each question of the checklist, the courses (bit set) whose topics cover its point.
pub(super) fn course_needs(content: &ChecklistContent) -> HashMap<String, u32> {
    let topics = known_topics(content);
    let mut needs = HashMap::new();
    for cluster in &content.clusters {
        for point in &cluster.points {
            let mask = topics
                .iter()
                .enumerate()
                .filter(|(_, topics)| !topics.is_empty() && topics_cover(topics, &point.code))
                .fold(0_u32, |mask, (index, _)| mask | (1 << index));
            if mask != 0 {
                for question in &point.questions {
                    needs.insert(question.code.clone(), mask);
                }
            }
        }
    }
    needs
}

/// What the training history holds.
#[derive(Clone, Debug, Default)]
pub(super) struct Written {
    pub courses: usize,
    pub sessions: usize,
    pub attendance_rows: usize,
}

/// When training happens: the last `years` years (at most [`TRAINING_YEARS`]) up to
/// `last_day`; sessions ending after `today` get no report. Days since 1970.
pub(super) struct Period {
    pub last_day: i64,
    pub years: i64,
    pub today: i64,
}

/// The trainer who plans and reports the sessions.
pub(super) struct Trainer {
    pub id: i64,
    pub name: String,
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// People of one group, each a woman with the given chance.
fn split_by_sex(rng: &mut ChaCha8Rng, people: i64, women_percent: f64) -> (i64, i64) {
    let women = (0..people)
        .filter(|_| rng.gen_bool((women_percent / 100.0).clamp(0.0, 1.0)))
        .count() as i64;
    (women, people - women)
}

/// Writes the catalogue, sessions, invitations, enrolments and reports over `period`, for
/// `factories`.
pub(super) async fn write_training(
    connection: &mut sqlx::AnyConnection,
    rng: &mut ChaCha8Rng,
    content: &ChecklistContent,
    factories: &[TrainedFactory],
    trainer: &Trainer,
    period: &Period,
) -> Result<Written, sqlx::Error> {
    let mut written = Written::default();
    let (last_day, today) = (period.last_day, period.today);
    let years = period.years.min(TRAINING_YEARS);
    if years <= 0 || factories.is_empty() {
        return Ok(written);
    }
    let first_day = last_day - years * 365;
    for (index, (course, topics)) in COURSES.iter().zip(known_topics(content)).enumerate() {
        if topics.is_empty() {
            continue;
        }
        let bit = 1_u32 << index;
        let mut transaction = sqlx::Connection::begin(&mut *connection).await?;
        let course_id = training::insert_course(
            &mut transaction,
            &CourseInput {
                title: Translated {
                    en: course.title[0].to_owned(),
                    km: course.title[1].to_owned(),
                    zh: course.title[2].to_owned(),
                },
                description: Translated {
                    en: course.description.to_owned(),
                    ..Translated::default()
                },
                audience: course.audience.as_str().to_owned(),
                format: course.format.as_str().to_owned(),
                hours: course.hours,
                topics,
            },
            trainer.id,
            (first_day - 60) * DAY,
        )
        .await?;
        written.courses += 1;
        let days_long = if course.hours > 8 { 2 } else { 1 };
        let mut starts = Vec::new();
        for year in 0..years {
            for _ in 0..rng.gen_range(2..=4) {
                let mut day = first_day + year * 365 + rng.gen_range(0..365);
                // No training on Sundays.
                if (day + 4).rem_euclid(7) == 0 {
                    day += 1;
                }
                if day + days_long - 1 <= last_day {
                    starts.push(day);
                }
            }
        }
        starts.sort_unstable();
        let mut trained: HashSet<i64> = HashSet::new();
        for starts_on in starts {
            let ends_on = starts_on + days_long - 1;
            // Factories in the programme then: first those whose latest assessment found the
            // course's points non-compliant and who have not attended it yet.
            let mut needy_new = Vec::new();
            let mut new = Vec::new();
            let mut rest = Vec::new();
            for factory in factories {
                if factory.joined_day + 30 > starts_on || factory.last_day < ends_on {
                    continue;
                }
                let before = factory.needs.partition_point(|(day, _)| *day < starts_on);
                let needy = before > 0 && factory.needs[before - 1].1 & bit != 0;
                match (needy, trained.contains(&factory.id)) {
                    (true, false) => needy_new.push(factory),
                    (false, false) => new.push(factory),
                    _ => rest.push(factory),
                }
            }
            let wanted = rng.gen_range(8..=20_usize);
            let mut invited = Vec::new();
            for mut group in [needy_new, new, rest] {
                group.shuffle(rng);
                invited.extend(group.into_iter().take(wanted - invited.len()));
                if invited.len() == wanted {
                    break;
                }
            }
            if invited.len() < 3 {
                continue;
            }
            let online = course.format == CourseFormat::Online;
            let venue = match course.format {
                CourseFormat::Online => String::new(),
                CourseFormat::OnSite => format!("Host factory, {}", invited[0].province),
                CourseFormat::Classroom => weighted(rng, CLASSROOMS, |c| c.1).0.to_owned(),
            };
            let trainers = if rng.gen_bool(0.6) {
                format!(
                    "{}, {}",
                    trainer.name,
                    CO_TRAINERS.choose(rng).expect("not empty")
                )
            } else {
                trainer.name.clone()
            };
            let planned_at = (starts_on - rng.gen_range(30..60)) * DAY + 9 * 3600;
            let session_id = training::insert_session(
                &mut transaction,
                &NewSession {
                    course_id,
                    session: SessionInput {
                        starts_on: iso_date(starts_on),
                        ends_on: iso_date(ends_on),
                        venue,
                        online,
                        trainers,
                        capacity: ((invited.len() as i64 * 3).clamp(20, 80) + 4) / 5 * 5,
                    },
                    factory_ids: Vec::new(),
                },
                trainer.id,
                planned_at,
            )
            .await?;
            written.sessions += 1;
            let ids: Vec<i64> = invited.iter().map(|factory| factory.id).collect();
            training::invite(&mut transaction, session_id, &ids, trainer.id, planned_at).await?;
            let mut enrolled: Vec<(i64, Vec<ParticipantGroup>)> = Vec::new();
            for factory in &invited {
                if !rng.gen_bool(0.9) {
                    continue;
                }
                let mut audiences = vec![course.audience];
                let extra = rng.gen_range(0..=course.also.len().min(2));
                audiences.extend(course.also.choose_multiple(rng, extra).copied());
                let groups: Vec<ParticipantGroup> = audiences
                    .into_iter()
                    .map(|audience| {
                        let (people, women_percent) = match audience {
                            Audience::Managers => (rng.gen_range(1..=3), 35.0),
                            Audience::HumanResources => (rng.gen_range(1..=3), 70.0),
                            Audience::Supervisors => {
                                (rng.gen_range(2..=6), factory.women_share_percent - 10.0)
                            }
                            Audience::WorkerRepresentatives | Audience::OshCommittee => {
                                (rng.gen_range(2..=6), factory.women_share_percent)
                            }
                        };
                        let (women, men) = split_by_sex(rng, people, women_percent);
                        ParticipantGroup {
                            audience,
                            women,
                            men,
                        }
                    })
                    .collect();
                let enrolled_at = (starts_on - rng.gen_range(3..25)) * DAY + 10 * 3600;
                training::replace_enrolment(
                    &mut transaction,
                    session_id,
                    factory.id,
                    &groups,
                    trainer.id,
                    enrolled_at,
                )
                .await?;
                enrolled.push((factory.id, groups));
            }
            // Sessions still to come have no report.
            if ends_on >= today {
                continue;
            }
            let reported_at = (ends_on + rng.gen_range(1..7)) * DAY + 15 * 3600;
            let report = if rng.gen_bool(0.04) {
                SessionReport {
                    status: SessionStatus::Cancelled.as_str().to_owned(),
                    attendance: Vec::new(),
                    outcomes: Vec::new(),
                    notes: (*CANCELLED_NOTES.choose(rng).expect("not empty")).to_owned(),
                }
            } else {
                let mut attendance = Vec::new();
                for (factory_id, groups) in &enrolled {
                    if !rng.gen_bool(0.92) {
                        continue;
                    }
                    trained.insert(*factory_id);
                    for group in groups {
                        let women = (0..group.women).filter(|_| rng.gen_bool(0.93)).count();
                        let men = (0..group.men).filter(|_| rng.gen_bool(0.9)).count();
                        if women + men > 0 {
                            attendance.push(AttendanceRow {
                                factory_id: *factory_id,
                                audience: group.audience,
                                women: women as i64,
                                men: men as i64,
                            });
                        }
                    }
                }
                let mut audiences: Vec<Audience> =
                    attendance.iter().map(|row| row.audience).collect();
                audiences.sort_unstable();
                audiences.dedup();
                let outcomes = audiences
                    .into_iter()
                    .map(|audience| {
                        let pre_test = round1(rng.gen_range(40.0..65.0));
                        let post_test = round1(rng.gen_range(60.0..90.0_f64).max(pre_test + 5.0));
                        GroupOutcome {
                            audience,
                            pre_test: Some(pre_test),
                            post_test: Some(post_test),
                            evaluation: Some(round1(rng.gen_range(3.5..4.8))),
                        }
                    })
                    .collect();
                let mut notes = (*HELD_NOTES.choose(rng).expect("not empty")).to_owned();
                let absent = invited.len()
                    - attendance
                        .iter()
                        .map(|row| row.factory_id)
                        .collect::<HashSet<_>>()
                        .len();
                if absent > 0 {
                    notes.push_str(&format!(
                        " {absent} of {} invited factories did not attend.",
                        invited.len()
                    ));
                }
                SessionReport {
                    status: SessionStatus::Held.as_str().to_owned(),
                    attendance,
                    outcomes,
                    notes,
                }
            };
            written.attendance_rows += report.attendance.len();
            training::insert_report(
                &mut transaction,
                session_id,
                &report,
                trainer.id,
                reported_at,
            )
            .await?;
        }
        transaction.commit().await?;
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_course_addresses_points_of_the_default_checklist() {
        let content = crate::domain::checklist_csv::parse_checklist_csv(
            crate::default_checklist::DEFAULT_CHECKLIST_CSV,
        )
        .expect("the default checklist parses");
        for (course, topics) in COURSES.iter().zip(known_topics(&content)) {
            assert_eq!(topics.len(), course.topics.len(), "{}", course.title[0]);
            assert!((1..=3).contains(&topics.len()));
        }
        let needs = course_needs(&content);
        // Overtime is the working-hours course's; exits are the fire-safety course's.
        assert_eq!(needs["WT.02.01"], 1);
        assert_eq!(needs["OSH.08.02"], 1 << 2);
        assert!(!needs.contains_key("CHI.01.01"));
    }
}
