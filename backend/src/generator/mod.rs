//! A seeded, reproducible industry: factories with twenty years of published assessments of
//! the full default checklist, written through the same scoring as a real publication, and
//! the training unit's courses and sessions of the last eight years.
//!
//! `ims-generate` runs it at benchmark scale (1,100 factories); the demo data uses it to give
//! the demo factories a few years of history.

mod industry;
mod names;
mod training;

use std::collections::{HashMap, HashSet};

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use shared::checklist::{ChecklistContent, QuestionKind};
use shared::deadline::third_party_visible_from;
use shared::visit::{AnswerChoice, DEFAULT_THIRD_PARTY_DELAY_DAYS, DOCUMENT_DUE_DAYS};

use crate::db::bulk::{RowBuffer, Value};
use crate::db::{analytics, checklists, generated, users, Db};
use crate::domain::passwords;
use crate::domain::scoring::{question_exceptions, score};

use industry::{factory_profile, non_compliance_chance, FactoryProfile};

const DAY: i64 = 86_400;

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    pub seed: u64,
    pub factories: usize,
    pub years: i64,
    /// The last day of the generated history (ISO date); fixed by default so the same seed
    /// always gives the same data.
    pub until: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            seed: 2026,
            factories: 1_100,
            years: 20,
            until: "2026-06-30".to_owned(),
        }
    }
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub factories: usize,
    pub assessments: usize,
    pub answers: usize,
    /// Training: courses of the catalogue, sessions and attendance rows (factory and group).
    pub courses: usize,
    pub sessions: usize,
    pub attendance_rows: usize,
}

/// Added to the seed for the training history, so that the assessments stay as they were.
const TRAINING_SEED: u64 = 0x7472_6169_6e69_6e67;

#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the database has no published checklist version")]
    NoChecklist,
    #[error("`until` must be an ISO date: {0}")]
    BadDate(String),
}

/// Everything about the checklist that writing answers needs.
struct Checklist {
    version_id: i64,
    content: ChecklistContent,
    question_ids: HashMap<String, i64>,
    structure_ids: HashMap<String, i64>,
    /// For each question, the generated courses (bit set) that address its point.
    course_needs: HashMap<String, u32>,
}

/// The people who sign generated reports and give the training.
struct Staff {
    monitors: Vec<i64>,
    approver: i64,
    trainer: training::Trainer,
}

/// Creates `options.factories` new factories and their history.
pub async fn generate_industry(
    db: &Db,
    options: &Options,
    now: i64,
) -> Result<Summary, GenerateError> {
    let last_day = day_of(&options.until)?;
    let first_day = last_day - options.years * 365;
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let checklist = load_checklist(db).await?;
    let staff = staff(db, now).await?;
    let mut summary = Summary::default();
    let mut taken_names = HashSet::new();
    let mut trained = Vec::with_capacity(options.factories);
    let mut connection = db.pool.acquire().await?;
    for number in 0..options.factories {
        let profile = factory_profile(&mut rng, first_day, last_day);
        let (name, local_name) = unique_name(&mut rng, &profile, &mut taken_names);
        let days = profile.assessment_days(&mut rng, last_day);
        let workers_now = profile.workers_on(days.last().copied().unwrap_or(profile.joined_day));
        let factory_id = generated::insert_factory(
            &mut connection,
            &generated::GeneratedFactory {
                name,
                local_name,
                registration_number: format!("GEN-{:05}", number + 1),
                province: profile.province.to_owned(),
                product_type: profile.product_type.to_owned(),
                ownership_country: profile.ownership_country.to_owned(),
                export_licence: profile
                    .export_licence
                    .then(|| format!("EXP-{}-{:04}", 2000 + rng.gen_range(0..24), number + 1)),
                total_workers: workers_now,
                women_share_percent: (profile.women_share_percent * 10.0).round() / 10.0,
                union_presence: profile.union_presence,
                closed: profile.left_day.is_some(),
            },
            now,
        )
        .await?;
        summary.factories += 1;
        let written = write_history(
            &mut connection,
            &mut rng,
            &checklist,
            &staff,
            factory_id,
            &profile,
            &days,
        )
        .await?;
        summary.assessments += written.assessments;
        summary.answers += written.answers;
        trained.push(training::TrainedFactory {
            id: factory_id,
            province: profile.province,
            women_share_percent: profile.women_share_percent,
            joined_day: profile.joined_day,
            last_day: profile.left_day.unwrap_or(last_day).min(last_day),
            needs: written.needs,
        });
    }
    let written = training::write_training(
        &mut connection,
        &mut ChaCha8Rng::seed_from_u64(options.seed.wrapping_add(TRAINING_SEED)),
        &checklist.content,
        &trained,
        &staff.trainer,
        &training::Period {
            last_day,
            years: options.years,
            today: now.div_euclid(DAY),
        },
    )
    .await?;
    summary.courses = written.courses;
    summary.sessions = written.sessions;
    summary.attendance_rows = written.attendance_rows;
    analytics::refresh_latest_assessments(&mut connection, None).await?;
    analytics::refresh_all_rollups(&mut connection).await?;
    analytics::refresh_planner_statistics(&mut connection, db.kind).await?;
    drop(connection);
    // Every generated report gets its stored document, through the same publication code.
    crate::publication::store_missing_documents(db).await?;
    Ok(summary)
}

/// Gives factories already in the registry `years` of published assessments up to `until`
/// (the demo data's history). Factory facts stay as they are.
pub async fn add_history(
    db: &Db,
    seed: u64,
    years: i64,
    until: &str,
    now: i64,
) -> Result<Summary, GenerateError> {
    let last_day = day_of(until)?;
    let first_day = last_day - years * 365;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let checklist = load_checklist(db).await?;
    let staff = staff(db, now).await?;
    let mut summary = Summary::default();
    let mut connection = db.pool.acquire().await?;
    for (factory_id, total_workers) in generated::factories_for_history(&mut *connection).await? {
        let mut profile = factory_profile(&mut rng, first_day, last_day);
        profile.joined_day = first_day + rng.gen_range(0..(years * 365 / 3).max(1));
        profile.left_day = None;
        profile.initial_workers = total_workers.max(50) as f64;
        profile.yearly_growth = 0.0;
        let days = profile.assessment_days(&mut rng, last_day);
        let written = write_history(
            &mut connection,
            &mut rng,
            &checklist,
            &staff,
            factory_id,
            &profile,
            &days,
        )
        .await?;
        summary.factories += 1;
        summary.assessments += written.assessments;
        summary.answers += written.answers;
    }
    analytics::refresh_latest_assessments(&mut connection, None).await?;
    analytics::refresh_all_rollups(&mut connection).await?;
    analytics::refresh_planner_statistics(&mut connection, db.kind).await?;
    drop(connection);
    // Every generated report gets its stored document, through the same publication code.
    crate::publication::store_missing_documents(db).await?;
    Ok(summary)
}

fn unique_name(
    rng: &mut ChaCha8Rng,
    profile: &FactoryProfile,
    taken: &mut HashSet<String>,
) -> (String, Option<String>) {
    let mut branch = 0;
    loop {
        let (name, local) =
            names::factory_name(rng, profile.name_style, profile.product_type, branch);
        if taken.insert(name.clone()) {
            return (name, local);
        }
        branch += 1;
    }
}

async fn load_checklist(db: &Db) -> Result<Checklist, GenerateError> {
    let version_id = checklists::current_version_id(&db.pool)
        .await?
        .ok_or(GenerateError::NoChecklist)?;
    let mut connection = db.pool.acquire().await?;
    let content = checklists::load_content(&mut connection, version_id).await?;
    let question_ids = checklists::question_refs(&mut *connection, version_id)
        .await?
        .into_iter()
        .map(|(code, question)| (code, question.id))
        .collect();
    let structure_ids = checklists::structure_ids(&mut *connection, version_id).await?;
    Ok(Checklist {
        version_id,
        course_needs: training::course_needs(&content),
        content,
        question_ids,
        structure_ids,
    })
}

/// Names of the generated monitors: their reports show who visited, so the names must read
/// like the programme's Cambodian staff, not like account names.
const TEAM: [&str; 6] = [
    "Sokha Chea",
    "Vichea Lim",
    "Bopha Meas",
    "Rithy Heng",
    "Chanthou Ouk",
    "Piseth Nuon",
];

/// The registry's monitors and an approver, creating a small team when there is none (the
/// generated accounts get random passwords nobody knows).
async fn staff(db: &Db, now: i64) -> Result<Staff, GenerateError> {
    let mut monitors: Vec<i64> = users::monitors(&db.pool)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    for (number, display_name) in TEAM.iter().enumerate().skip(monitors.len()) {
        monitors.push(
            generated::insert_user(
                &db.pool,
                &format!("generated.monitor{}", number + 1),
                display_name,
                "monitor",
                &passwords::hash(&passwords::temporary_password()),
                now,
            )
            .await?,
        );
    }
    let approver = match users::find_by_username(&db.pool, "approver").await? {
        Some(user) => user.id,
        None => {
            generated::insert_user(
                &db.pool,
                "generated.approver",
                "Kimlong Ty",
                "approver",
                &passwords::hash(&passwords::temporary_password()),
                now,
            )
            .await?
        }
    };
    let trainer = match users::find_by_username(&db.pool, "trainer").await? {
        Some(user) => training::Trainer {
            id: user.id,
            name: user.display_name,
        },
        None => {
            let name = "Sreymom Chan";
            let id = generated::insert_user(
                &db.pool,
                "generated.trainer",
                name,
                "trainer",
                &passwords::hash(&passwords::temporary_password()),
                now,
            )
            .await?;
            training::Trainer {
                id,
                name: name.to_owned(),
            }
        }
    };
    Ok(Staff {
        monitors,
        approver,
        trainer,
    })
}

struct Written {
    assessments: usize,
    answers: usize,
    /// Per assessment, its day and the courses (bit set) addressing an issue found.
    needs: Vec<(i64, u32)>,
}

const FINDING_TEMPLATES: &[&str] = &[
    "Interviews with {n} workers and a review of payroll and time records for {month} found that this is not the case: {k} of the {n} workers concerned confirmed it.",
    "The monitors observed the problem during the factory walk-through and {k} of {n} workers interviewed privately confirmed it; management acknowledged it at the closing meeting.",
    "Records for {month} showed the problem for {k} of {n} sampled workers; no corrective measure was in place at the time of the visit.",
];
const SUGGESTION_TEMPLATES: &[&str] = &[
    "Correct the practice for all workers, explain the rule to supervisors and workers' representatives, and keep records the monitors can check at the next visit.",
    "Assign a manager to fix the issue, set a date for it, and review progress with the bipartite committee each month.",
    "Put a written procedure in place, train the supervisors concerned and check compliance monthly.",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Writes one factory's published assessments: visits, review history, answers, facts and
/// the scores a publication stores.
async fn write_history(
    connection: &mut sqlx::AnyConnection,
    rng: &mut ChaCha8Rng,
    checklist: &Checklist,
    staff: &Staff,
    factory_id: i64,
    profile: &FactoryProfile,
    days: &[i64],
) -> Result<Written, GenerateError> {
    let mut answers = RowBuffer::new(
        "answers (visit_id, question_id, choice, value, finding, suggestion, changed_at, saved_by, saved_at)",
        9,
    );
    let mut transitions = RowBuffer::new(
        "visit_transitions (visit_id, from_status, to_status, actor_user_id, reason, occurred_at)",
        6,
    );
    let mut measurements = RowBuffer::new(
        "visit_measurements (visit_id, position, kind, location, value)",
        5,
    );
    let mut documents = RowBuffer::new(
        "visit_documents (visit_id, position, name, requested_on, due_on, received_on)",
        6,
    );
    let mut scores = analytics::ScoreBuffers::new();
    let mut found_last_time: HashSet<&str> = HashSet::new();
    let mut written = Written {
        assessments: 0,
        answers: 0,
        needs: Vec::with_capacity(days.len()),
    };
    let mut transaction = sqlx::Connection::begin(&mut *connection).await?;
    for &day in days {
        let monitor = *staff.monitors.choose(rng).expect("at least one monitor");
        let second = staff
            .monitors
            .iter()
            .copied()
            .filter(|m| *m != monitor)
            .collect::<Vec<_>>();
        let second_monitor = rng
            .gen_bool(0.6)
            .then(|| *second.choose(rng).expect("several monitors"));
        let visited = day * DAY + 8 * 3600;
        let submitted = visited + rng.gen_range(2..8) * DAY;
        let approved = submitted + rng.gen_range(2..12) * DAY;
        let published = approved + rng.gen_range(0..4) * DAY;
        let workers = profile.workers_on(day);
        let visit_id = generated::insert_visit(
            &mut transaction,
            &generated::GeneratedVisit {
                factory_id,
                checklist_version_id: checklist.version_id,
                announced: rng.gen_bool(0.05),
                start_date: iso_date(day),
                end_date: iso_date(day + 1),
                lead_monitor_id: monitor,
                second_monitor_id: second_monitor,
                gate_wait_minutes: rng.gen_range(0..25),
                workers_interviewed: rng.gen_range(8..30),
                managers_interviewed: rng.gen_range(1..5),
                union_reps_interviewed: if profile.union_presence {
                    rng.gen_range(1..4)
                } else {
                    0
                },
                published_at: published,
                third_party_visible_from: third_party_visible_from(
                    published,
                    DEFAULT_THIRD_PARTY_DELAY_DAYS,
                ),
                workers_total: workers,
                women_workers: (workers as f64 * profile.women_share_percent / 100.0).round()
                    as i64,
            },
        )
        .await?;
        let year = 1970.0 + day as f64 / 365.25;
        let mut choices = HashMap::new();
        let mut found_now = HashSet::new();
        let mut needs = 0_u32;
        let month = MONTHS[((day / 30) % 12) as usize];
        for question in checklist.content.questions() {
            let question_id = checklist.question_ids[&question.code];
            let (choice, value, finding, suggestion) = match question.kind {
                QuestionKind::YesNo => {
                    let base = industry::base_rate(&question.code, question.critical_issue);
                    let chance = non_compliance_chance(
                        base,
                        question.critical_issue.is_some(),
                        profile.propensity,
                        year,
                        found_last_time.contains(question.code.as_str()),
                    );
                    if rng.gen_bool(chance) {
                        found_now.insert(question.code.as_str());
                        needs |= checklist
                            .course_needs
                            .get(&question.code)
                            .copied()
                            .unwrap_or(0);
                        let n = rng.gen_range(10..40);
                        let k = rng.gen_range(2..=n / 2);
                        let finding = FINDING_TEMPLATES
                            .choose(rng)
                            .expect("not empty")
                            .replace("{n}", &n.to_string())
                            .replace("{k}", &k.to_string())
                            .replace("{month}", month);
                        let suggestion =
                            (*SUGGESTION_TEMPLATES.choose(rng).expect("not empty")).to_owned();
                        (
                            Some(AnswerChoice::NonCompliant),
                            String::new(),
                            finding,
                            suggestion,
                        )
                    } else if rng.gen_bool(0.01) {
                        (
                            Some(AnswerChoice::NotApplicable),
                            String::new(),
                            String::new(),
                            String::new(),
                        )
                    } else {
                        (
                            Some(AnswerChoice::Compliant),
                            String::new(),
                            String::new(),
                            String::new(),
                        )
                    }
                }
                QuestionKind::Number => (
                    None,
                    fact_number(rng, &question.code, workers),
                    String::new(),
                    String::new(),
                ),
                // Free-text facts are left to real monitors.
                QuestionKind::Text => continue,
            };
            if let Some(choice) = choice {
                choices.insert(question.code.clone(), choice);
            }
            let saved_at = visited + DAY;
            answers.push([
                visit_id.into(),
                question_id.into(),
                match choice {
                    Some(choice) => Value::Text(choice.as_str().to_owned()),
                    None => Value::MaybeText(None),
                },
                value.into(),
                finding.into(),
                suggestion.into(),
                (saved_at * 1000).into(),
                monitor.into(),
                saved_at.into(),
            ]);
            written.answers += 1;
        }
        found_last_time = found_now;
        written.needs.push((day, needs));
        for (position, (kind, location, value)) in [
            ("noise_db", "Sewing section", rng.gen_range(72.0..92.0_f64)),
            (
                "light_lux",
                "Sewing section",
                rng.gen_range(250.0..900.0_f64),
            ),
            (
                "temperature_c",
                "Sewing section",
                rng.gen_range(28.0..36.5_f64),
            ),
        ]
        .into_iter()
        .enumerate()
        {
            measurements.push([
                visit_id.into(),
                (position as i64).into(),
                kind.into(),
                location.into(),
                ((value * 10.0).round() / 10.0).into(),
            ]);
        }
        let received = rng
            .gen_bool(0.9)
            .then(|| iso_date(day + rng.gen_range(1..=DOCUMENT_DUE_DAYS)));
        documents.push([
            visit_id.into(),
            0_i64.into(),
            "Payroll and time records for the last three months".into(),
            iso_date(day).into(),
            iso_date(day + DOCUMENT_DUE_DAYS).into(),
            received.into(),
        ]);
        for (from, to, actor, at) in [
            (None, "draft", monitor, visited),
            (Some("draft"), "submitted", monitor, submitted),
            (Some("submitted"), "approved", staff.approver, approved),
            (Some("approved"), "published", staff.approver, published),
        ] {
            transitions.push([
                visit_id.into(),
                from.into(),
                to.into(),
                actor.into(),
                "".into(),
                at.into(),
            ]);
        }
        let scoring = score(&checklist.content, &choices);
        scores.add(
            visit_id,
            &scoring,
            &question_exceptions(&checklist.content, &choices),
            &checklist.structure_ids,
        );
        written.assessments += 1;
    }
    answers.flush(&mut transaction).await?;
    transitions.flush(&mut transaction).await?;
    measurements.flush(&mut transaction).await?;
    documents.flush(&mut transaction).await?;
    scores.flush(&mut transaction).await?;
    transaction.commit().await?;
    Ok(written)
}

/// A plausible value for a number question.
fn fact_number(rng: &mut ChaCha8Rng, code: &str, workers: i64) -> String {
    match code {
        "PRO.02.01" => workers.to_string(),
        "OSH.04.08" => format!("{:.1}", rng.gen_range(29.0..37.0_f64)),
        "WT.02.08" => rng.gen_range(6..22).to_string(),
        "PRO.02.07" => rng.gen_range(0..70).to_string(),
        _ => rng.gen_range(0..40).to_string(),
    }
}

fn day_of(date: &str) -> Result<i64, GenerateError> {
    let bad = || GenerateError::BadDate(date.to_owned());
    let mut parts = date
        .splitn(3, '-')
        .map(|part| part.parse::<i32>().map_err(|_| bad()));
    let (year, month, day) = (
        parts.next().ok_or_else(bad)??,
        parts.next().ok_or_else(bad)??,
        parts.next().ok_or_else(bad)??,
    );
    let month =
        time::Month::try_from(u8::try_from(month).map_err(|_| bad())?).map_err(|_| bad())?;
    let parsed = time::Date::from_calendar_date(year, month, u8::try_from(day).map_err(|_| bad())?)
        .map_err(|_| bad())?;
    Ok(
        (parsed - time::Date::from_calendar_date(1970, time::Month::January, 1).expect("valid"))
            .whole_days(),
    )
}

/// The ISO date of a day counted from 1970-01-01.
fn iso_date(day: i64) -> String {
    crate::clock::iso_date(day * DAY)
}
