//! Demo visits, loaded with the demo accounts on a first start so every screen has something
//! to show: a published assessment of the demo factory manager's factory with a few
//! findings, a published report for the factory that needs a paper copy, a draft, and an
//! obstructed visit whose approved report wrote the letters to the ministries.

use std::collections::HashMap;

use shared::api::visits::{Answer, NewVisit, VisitFacts};
use shared::checklist::QuestionKind;
use shared::visit::{AnswerChoice, VisitOutcome, VisitStatus};

use crate::answer_changes;
use crate::clock::iso_date;
use crate::db::{checklists, factories, users, visits, Db};

const DAY: i64 = 86_400;

/// Non-compliances the demo reports record: (question code, finding, suggestion).
const DEMO_FINDINGS: [(&str, &str, &str); 4] = [
    (
        "WT.02.01",
        "Time cards for March show 96 of 120 sampled sewing workers worked 3 to 4 hours of overtime on 9 days, beyond the 2-hour daily limit.",
        "Plan production so that overtime stays within 2 hours a day, and record overtime approvals for each worker.",
    ),
    (
        "OSH.08.05",
        "The last evacuation drill was held 11 months before the visit; management showed no drill record since.",
        "Hold an evacuation drill for all shifts every six months and keep a dated record with the number of workers evacuated.",
    ),
    (
        "COM.05.07",
        "Workers more than 5 minutes late lose half a day's wage; payroll for March shows 37 such deductions, each larger than the time missed.",
        "Deduct only for the time actually missed, refund the excess deducted since January and explain the rule to workers and their representatives.",
    ),
    (
        "OSH.04.01",
        "Temperature in the sewing section reached 35 °C in the afternoon; only 4 of 12 ceiling fans worked.",
        "Repair the fans, add ventilation in the sewing section and measure the temperature at peak hours each month.",
    ),
];

/// Loads the demo visits; does nothing when the demo factories or users are missing.
pub async fn load(db: &Db, now: i64) -> Result<(), sqlx::Error> {
    let (Some(version_id), Some(monitor), Some(approver)) = (
        checklists::current_version_id(&db.pool).await?,
        users::find_by_username(&db.pool, "monitor").await?,
        users::find_by_username(&db.pool, "approver").await?,
    ) else {
        return Ok(());
    };
    let plan = [
        ("DEMO-0001", 40, true, DEMO_FINDINGS.len()),
        ("DEMO-0006", 25, true, 1),
        ("DEMO-0003", 1, false, 0),
    ];
    for (registration_number, days_ago, publish, findings) in plan {
        let Some(factory_id) =
            factories::id_by_registration_number(&db.pool, registration_number).await?
        else {
            continue;
        };
        let visited = now - days_ago * DAY;
        let mut transaction = db.pool.begin().await?;
        let new_visit = NewVisit {
            factory_id,
            visit_type: "assessment".to_owned(),
            announced: false,
            start_date: iso_date(visited),
            end_date: iso_date(visited + DAY),
            second_monitor_id: None,
            planned_visit_id: None,
        };
        let visit_id = visits::insert(
            &mut *transaction,
            &new_visit,
            monitor.id,
            version_id,
            visited,
        )
        .await?;
        visits::record_transition(
            &mut *transaction,
            visit_id,
            None,
            VisitStatus::Draft,
            monitor.id,
            "",
            visited,
        )
        .await?;
        if !publish {
            transaction.commit().await?;
            continue;
        }
        let content = checklists::load_content(&mut transaction, version_id).await?;
        let non_compliant: HashMap<&str, (&str, &str)> = DEMO_FINDINGS[..findings]
            .iter()
            .map(|(code, finding, suggestion)| (*code, (*finding, *suggestion)))
            .collect();
        let questions = checklists::question_refs(&mut *transaction, version_id).await?;
        for question in content
            .questions()
            .filter(|q| q.kind == QuestionKind::YesNo)
        {
            let (choice, finding, suggestion) = match non_compliant.get(question.code.as_str()) {
                Some((finding, suggestion)) => (AnswerChoice::NonCompliant, *finding, *suggestion),
                None => (AnswerChoice::Compliant, "", ""),
            };
            let answer = Answer {
                question_code: question.code.clone(),
                choice: Some(choice),
                finding: finding.to_owned(),
                suggestion: suggestion.to_owned(),
                changed_at: (visited + DAY) * 1000,
                ..Answer::default()
            };
            answer_changes::save_change(
                &mut transaction,
                visit_id,
                questions[&question.code].id,
                &answer,
                answer.changed_at,
                monitor.id,
                visited + DAY,
            )
            .await?;
        }
        let facts = VisitFacts {
            gate_wait_minutes: Some(10),
            workers_interviewed: Some(14),
            managers_interviewed: Some(3),
            union_reps_interviewed: Some(2),
            outcome: Some(VisitOutcome::Completed),
            ..VisitFacts::default()
        };
        visits::save_facts(&mut transaction, visit_id, &facts, visited + DAY).await?;
        let steps = [
            (VisitStatus::Draft, VisitStatus::Submitted, monitor.id, 2),
            (
                VisitStatus::Submitted,
                VisitStatus::Approved,
                approver.id,
                6,
            ),
            (
                VisitStatus::Approved,
                VisitStatus::Published,
                approver.id,
                7,
            ),
        ];
        for (from, to, actor, day) in steps {
            visits::record_transition(
                &mut *transaction,
                visit_id,
                Some(from),
                to,
                actor,
                "",
                visited + day * DAY,
            )
            .await?;
        }
        let visit = visits::find(&mut *transaction, visit_id)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        crate::publication::publish_at(&mut transaction, &visit, visited + 7 * DAY, approver.id)
            .await
            .map_err(|error| match error {
                crate::publication::PublicationError::Database(error) => error,
                crate::publication::PublicationError::FindingUnknown => sqlx::Error::RowNotFound,
            })?;
        transaction.commit().await?;
    }
    load_obstructed_visit(db, now, monitor.id, approver.id, version_id).await
}

/// The factory of the demo's obstructed visit, and what the monitors recorded.
const OBSTRUCTED_FACTORY: &str = "DEMO-0005";
const OBSTRUCTION: &str = "Security kept the team at the gate for 95 minutes; the administration manager then refused entry to the production floor and would not show payroll records.";

/// An obstructed visit 20 days ago, submitted the next day and approved two days later, which
/// wrote the letters to both ministries (no email: the demo configures no ministry address).
async fn load_obstructed_visit(
    db: &Db,
    now: i64,
    monitor: i64,
    approver: i64,
    version_id: i64,
) -> Result<(), sqlx::Error> {
    let Some(factory_id) =
        factories::id_by_registration_number(&db.pool, OBSTRUCTED_FACTORY).await?
    else {
        return Ok(());
    };
    let visited = now - 20 * DAY;
    let mut transaction = db.pool.begin().await?;
    let new_visit = NewVisit {
        factory_id,
        visit_type: "assessment".to_owned(),
        announced: false,
        start_date: iso_date(visited),
        end_date: iso_date(visited),
        second_monitor_id: None,
        planned_visit_id: None,
    };
    let visit_id =
        visits::insert(&mut *transaction, &new_visit, monitor, version_id, visited).await?;
    let facts = VisitFacts {
        gate_wait_minutes: Some(95),
        outcome: Some(VisitOutcome::NonCooperation),
        non_cooperation_details: OBSTRUCTION.to_owned(),
        ..VisitFacts::default()
    };
    visits::save_facts(&mut transaction, visit_id, &facts, visited).await?;
    visits::sync_non_cooperation_record(
        &mut transaction,
        visit_id,
        factory_id,
        Some(OBSTRUCTION),
        monitor,
        visited,
    )
    .await?;
    let steps = [
        (None, VisitStatus::Draft, monitor, 0),
        (Some(VisitStatus::Draft), VisitStatus::Submitted, monitor, 1),
        (
            Some(VisitStatus::Submitted),
            VisitStatus::Approved,
            approver,
            3,
        ),
    ];
    for (from, to, actor, day) in steps {
        let at = visited + day * DAY;
        visits::record_transition(&mut *transaction, visit_id, from, to, actor, "", at).await?;
        if let Some(from) = from {
            visits::move_status(&mut *transaction, visit_id, from, to, at).await?;
        }
    }
    let visit = visits::find(&mut *transaction, visit_id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    crate::ministry_reports::write_letters(
        &mut transaction,
        &visit,
        approver,
        visited + 3 * DAY,
        &crate::config::MinistryEmails::default(),
    )
    .await?;
    transaction.commit().await
}
