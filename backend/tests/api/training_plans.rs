//! What follows training: whether it changed compliance (against a hand-computed fixture),
//! participation, the factory's improvement plan checked at a later visit, a trainer's needs
//! assessment at a clarification meeting, and who may do each.
//!
//! The effect fixture: course A on points WT.02 and OSH.08, course B on WT.02 only. Both have
//! a session held 2027-01-02..03: A attended by P1..P5, B by P1 and P2. Every factory below is
//! assessed on 2026-12-28 (before) and 2027-01-10 (after); "yes" is compliant.
//!
//! | factory | before WT.02 | before OSH.08 | after WT.02 | after OSH.08 | A before → after | B (WT.02) |
//! |---------|--------------|---------------|-------------|--------------|------------------|-----------|
//! | P1      | no           | yes           | yes         | yes          | 50 → 100         | 0 → 100   |
//! | P2      | no           | no            | yes         | yes          | 0 → 100          | 0 → 100   |
//! | P3      | yes          | no            | no          | yes          | 50 → 50          | 100 → 0   |
//! | P4      | no           | no            | yes         | no           | 0 → 50           | 0 → 100   |
//! | P5      | yes          | no            | yes         | yes          | 50 → 100         | 100 → 100 |
//! | O1..O4  | yes          | no            | yes         | no           | 50 → 50          | 100 → 100 |
//! | O5      | no           | no            | no          | yes          | 0 → 50           | 0 → 0     |
//!
//! Course A: participants (5) 30 → 80, change +50; others (5) 40 → 50, change +10;
//! difference +40. Course B: participants are 2 factories, withheld; others are P3..P5 and
//! O1..O5 (8): 75 → 75, change 0; no difference.

use axum::http::StatusCode;
use backend::clock::Clock;
use serde_json::{json, Value};
use shared::api::auth::CurrentUser;
use shared::api::factories::Factory;
use shared::api::training::{Course, CourseEffect, FactoryTraining, ParticipationReport, Session};
use shared::checklist::ChecklistContent;
use shared::wire::Verification;

use crate::analytics::publish_assessment_as;
use crate::checklists::current_checklist;
use crate::helpers::{fields, TestApp, TestClient};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call};
use crate::visits::{create_visit, factory_id, INJAE};

const BEFORE: &str = "2026-12-28";
const AFTER: &str = "2027-01-10";

/// The point of a question code, and the question itself.
fn point_of(content: &ChecklistContent, question: &str) -> String {
    content
        .clusters
        .iter()
        .flat_map(|cluster| &cluster.points)
        .find(|point| point.questions.iter().any(|q| q.code == question))
        .map(|point| point.code.clone())
        .expect("the question's point")
}

async fn new_course(trainer: &mut TestClient, title: &str, topics: &[&str]) -> Course {
    trainer
        .post(
            "/api/training/courses",
            &json!({
                "title": { "en": title, "km": "", "zh": "" },
                "audience": "managers",
                "format": "classroom",
                "hours": 4,
                "topics": topics,
            }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json()
}

/// A session on `starts_on`..`ends_on` inviting `invited`, reported held with two women and
/// one man from each of `attended`.
async fn held_session(
    trainer: &mut TestClient,
    course_id: i64,
    dates: (&str, &str),
    invited: &[i64],
    attended: &[i64],
) -> Session {
    let session: Session = trainer
        .post(
            "/api/training/sessions",
            &json!({
                "course_id": course_id,
                "starts_on": dates.0,
                "ends_on": dates.1,
                "venue": "BFC office, Phnom Penh",
                "trainers": "Sophea Chan",
                "capacity": 30,
                "factory_ids": invited,
            }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let attendance: Vec<Value> = attended
        .iter()
        .map(|id| json!({ "factory_id": id, "audience": "managers", "women": 2, "men": 1 }))
        .collect();
    trainer
        .put(
            &format!("/api/training/sessions/{}/report", session.id),
            &json!({ "status": "held", "attendance": attendance }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// Ten factories: the six of the demo and four more registered here; the demo factory
/// manager's (Injae) first.
async fn ten_factories(app: &TestApp) -> Vec<i64> {
    let mut admin = app.login_demo("admin").await;
    for index in 1..=4 {
        admin
            .post(
                "/api/factories",
                &json!({
                    "name": format!("Fixture Garment {index} Co. Ltd."),
                    "address": "National Road No. 4",
                    "province": "Kandal",
                    "product_type": "garment",
                    "total_workers": 800,
                    "needs_paper_copy": false
                }),
            )
            .await
            .assert_status(StatusCode::CREATED);
    }
    let injae = factory_id(&mut admin, INJAE).await;
    let all: Vec<Factory> = admin.get("/api/factories").await.json();
    let mut ids = vec![injae];
    ids.extend(all.iter().map(|f| f.id).filter(|id| *id != injae));
    assert!(ids.len() >= 10, "ten factories");
    ids.truncate(10);
    ids
}

struct EffectFixture {
    factories: Vec<i64>,
    session_b: i64,
    course_a: Course,
    course_b: Course,
}

async fn effect_fixture(app: &TestApp) -> EffectFixture {
    let factories = ten_factories(app).await;
    let mut trainer = app.login_demo("trainer").await;
    let content = current_checklist(&mut trainer).await.content;
    let wt = point_of(&content, "WT.02.01");
    let osh = point_of(&content, "OSH.08.01");
    let course_a = new_course(&mut trainer, "Hours and safety", &[&wt, &osh]).await;
    let course_b = new_course(&mut trainer, "Working time", &[&wt]).await;
    let dates = ("2027-01-02", "2027-01-03");
    held_session(
        &mut trainer,
        course_a.id,
        dates,
        &factories,
        &factories[..5],
    )
    .await;
    let session_b = held_session(
        &mut trainer,
        course_b.id,
        dates,
        &factories[..2],
        &factories[..2],
    )
    .await;
    let (yes, no) = ("compliant", "non_compliant");
    // (WT.02, OSH.08) before and after, per factory in the order of the table above.
    let plan = [
        ((no, yes), (yes, yes)),
        ((no, no), (yes, yes)),
        ((yes, no), (no, yes)),
        ((no, no), (yes, no)),
        ((yes, no), (yes, yes)),
        ((yes, no), (yes, no)),
        ((yes, no), (yes, no)),
        ((yes, no), (yes, no)),
        ((yes, no), (yes, no)),
        ((no, no), (no, yes)),
    ];
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    for (factory, (before, after)) in factories.iter().zip(plan) {
        for (date, (wt_choice, osh_choice)) in [(BEFORE, before), (AFTER, after)] {
            publish_assessment_as(
                app,
                &mut monitor,
                &mut approver,
                *factory,
                date,
                &[("WT.02.01", wt_choice), ("OSH.08.01", osh_choice)],
            )
            .await;
        }
    }
    EffectFixture {
        factories,
        session_b: session_b.id,
        course_a,
        course_b,
    }
}

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|value| (value - expected).abs() < 0.01)
}

async fn the_effect_of_training_matches_the_hand_computed_fixture(app: TestApp) {
    // Arrange
    let fixture = effect_fixture(&app).await;
    let mut trainer = app.login_demo("trainer").await;

    // Act
    let effects: Vec<CourseEffect> = trainer
        .get("/api/training/effect")
        .await
        .assert_status(StatusCode::OK)
        .json();
    let participation: ParticipationReport = trainer
        .get("/api/training/participation?granularity=quarter&dimension=province")
        .await
        .assert_status(StatusCode::OK)
        .json();
    let bad_query = trainer
        .get("/api/training/participation?granularity=decade")
        .await;
    // A later report on a session changes the figures at once: course B, now cancelled, has
    // no held session left.
    trainer
        .put(
            &format!("/api/training/sessions/{}/report", fixture.session_b),
            &json!({ "status": "cancelled" }),
        )
        .await
        .assert_status(StatusCode::OK);
    let after_cancelling: Vec<CourseEffect> = trainer.get("/api/training/effect").await.json();
    let mut manager = app.login_demo("factory").await;
    let own: FactoryTraining = manager
        .get(&format!("/api/training/factories/{}", fixture.factories[0]))
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    let a = effects
        .iter()
        .find(|e| e.course_id == fixture.course_a.id)
        .expect("course A");
    assert_eq!(a.sessions_held, 1);
    assert_eq!((a.participants.factories, a.others.factories), (5, 5));
    assert!(close(a.participants.before, 30.0), "{a:?}");
    assert!(close(a.participants.after, 80.0), "{a:?}");
    assert!(close(a.participants.change, 50.0), "{a:?}");
    assert!(close(a.others.before, 40.0), "{a:?}");
    assert!(close(a.others.after, 50.0), "{a:?}");
    assert!(close(a.others.change, 10.0), "{a:?}");
    assert!(close(a.difference, 40.0), "{a:?}");
    let b = effects
        .iter()
        .find(|e| e.course_id == fixture.course_b.id)
        .expect("course B");
    assert!(b.participants.withheld);
    assert_eq!(b.participants.factories, 2);
    assert_eq!(b.participants.change, None);
    assert_eq!(b.others.factories, 8);
    assert!(
        close(b.others.before, 75.0) && close(b.others.change, 0.0),
        "{b:?}"
    );
    assert_eq!(b.difference, None);
    let courses: Vec<i64> = after_cancelling.iter().map(|e| e.course_id).collect();
    assert!(courses.contains(&fixture.course_a.id));
    assert!(!courses.contains(&fixture.course_b.id), "{courses:?}");

    let course_a_row = participation
        .by_course
        .iter()
        .find(|row| row.key == fixture.course_a.id.to_string())
        .expect("course A's participation");
    assert_eq!(
        (
            course_a_row.sessions,
            course_a_row.factories,
            course_a_row.women,
            course_a_row.men
        ),
        (1, 5, 10, 5)
    );
    assert_eq!(course_a_row.title.en, "Hours and safety");
    let quarter = &participation.by_period;
    assert_eq!(quarter.len(), 1);
    assert_eq!(
        (
            quarter[0].key.as_str(),
            quarter[0].sessions,
            quarter[0].women + quarter[0].men
        ),
        ("2027-Q1", 2, 21)
    );
    let by_group: i64 = participation.by_group.iter().map(|r| r.women + r.men).sum();
    assert_eq!(by_group, 21, "every participant once in the groups");
    assert_eq!(
        bad_query.field_errors(),
        fields(&[("granularity", "choose_one")])
    );

    let session_a = own
        .sessions
        .iter()
        .find(|s| s.course_id == fixture.course_a.id)
        .expect("the factory's session of course A");
    assert_eq!(session_a.attended, 3);
    assert!(close(session_a.change.before, 50.0) && close(session_a.change.after, 100.0));
    assert_eq!(session_a.points.len(), 2);
}
both_databases!(the_effect_of_training_matches_the_hand_computed_fixture);

async fn a_factory_plans_after_training_and_a_monitor_verifies_at_the_next_visit(app: TestApp) {
    // Arrange: a course on one point of a cluster, held for the demo factory (Injae).
    let mut trainer = app.login_demo("trainer").await;
    let injae = factory_id(&mut trainer, INJAE).await;
    let content = current_checklist(&mut trainer).await.content;
    let wt = point_of(&content, "WT.02.01");
    let osh = point_of(&content, "OSH.08.01");
    let course = new_course(&mut trainer, "Working time", &[&wt]).await;
    let held = held_session(
        &mut trainer,
        course.id,
        ("2027-01-05", "2027-01-06"),
        &[injae],
        &[injae],
    )
    .await;
    let today = shared::date::cambodia_date(app.clock.now());
    let planned: Session = trainer
        .post(
            "/api/training/sessions",
            &json!({
                "course_id": course.id, "starts_on": today, "ends_on": today, "venue": "Online",
                "online": true, "trainers": "Sophea Chan", "capacity": 30, "factory_ids": [injae],
            }),
        )
        .await
        .json();
    let mut manager = app.login_demo("factory").await;
    let path = format!("/api/training/factories/{injae}/plan");
    let action = |session: i64, point: &str| {
        json!({
            "session_id": session,
            "question_code": point,
            "description": "Record every overtime hour on the time cards and have workers sign.",
            "responsible": "HR manager",
            "target_date": "2027-03-31",
            "status": "planned",
        })
    };

    // Act
    let not_held = manager.post(&path, &action(planned.id, &wt)).await;
    let other_point = manager.post(&path, &action(held.id, &osh)).await;
    let posted: FactoryTraining = manager
        .post(&path, &action(held.id, &wt))
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let action_id = posted.plan[0].action.id;
    let updated: FactoryTraining = manager
        .post(
            &format!("/api/training/plan-actions/{action_id}/updates"),
            &json!({ "comment": "Time cards reprinted.", "status": "in_progress" }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    let mut monitor = app.login_demo("monitor").await;
    let verification = format!("/api/training/plan-actions/{action_id}/verification");
    let check = json!({ "outcome": "verified", "note": "Signed time cards for January." });
    let without_visit = monitor.post(&verification, &check).await;
    let before_visit: FactoryTraining = monitor
        .get(&format!("/api/training/factories/{injae}"))
        .await
        .json();
    let visit = create_visit(&mut monitor, injae).await; // starts 2027-01-15
    let seen_by_monitor: FactoryTraining = monitor
        .get(&format!("/api/training/factories/{injae}"))
        .await
        .json();
    let verified: FactoryTraining = monitor
        .post(&verification, &check)
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    not_held.assert_error(StatusCode::CONFLICT, "training_not_held");
    assert_eq!(
        other_point.field_errors(),
        fields(&[("question_code", "not_course_point")])
    );
    assert!(posted.may_post);
    assert_eq!(posted.plan[0].session_id, Some(held.id));
    assert_eq!(posted.plan[0].action.question_code, wt);
    assert_eq!(updated.plan[0].action.updates.len(), 1);
    without_visit.assert_error(StatusCode::FORBIDDEN, "verification_needs_later_visit");
    assert!(!before_visit.may_verify);
    assert!(seen_by_monitor.may_verify);
    let check = verified.plan[0]
        .action
        .verification
        .as_ref()
        .expect("verified");
    assert_eq!(check.outcome, Verification::Verified);
    assert_eq!(check.visit_id, Some(visit.id));
}
both_databases!(a_factory_plans_after_training_and_a_monitor_verifies_at_the_next_visit);

async fn a_trainer_assesses_needs_at_a_meeting_and_the_factory_plans_from_it(app: TestApp) {
    // Arrange: a published report of Injae and a clarification meeting about it, scheduled.
    let report = app.report_with_findings(INJAE).await;
    let injae = report.visit.factory_id;
    let mut manager = app.login_demo("factory").await;
    let meeting: Value = manager
        .post(
            &format!("/api/reports/{}/meetings", report.visit.id),
            &json!({ "topic": "We would like to understand the overtime findings." }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let meeting_id = meeting["id"].as_i64().expect("an id");
    let mut trainer = app.login_demo("trainer").await;
    let course = new_course(&mut trainer, "Working time", &[&report.points[0]]).await;
    let path = format!("/api/training/factories/{injae}/needs-assessments");
    let assessment = json!({
        "meeting_id": meeting_id,
        "points": [report.points[0]],
        "root_causes": "Supervisors set overtime without a record.",
        "course_ids": [course.id],
        "recommended_actions": "Keep an overtime register signed by workers.",
    });

    // Act
    let before_scheduled = trainer.post(&path, &assessment).await;
    let mut approver = app.login_demo("approver").await;
    approver
        .post(
            &format!("/api/meetings/{meeting_id}/schedule"),
            &json!({ "scheduled_for": "2027-01-20T09:30", "place": "BFC office" }),
        )
        .await
        .assert_status(StatusCode::OK);
    let mut incomplete = assessment.clone();
    incomplete["points"] = json!(["NOT.A.POINT"]);
    incomplete["root_causes"] = json!(" ");
    incomplete["course_ids"] = json!([999_999]);
    let refused = trainer.post(&path, &incomplete).await;
    let by_trainer: FactoryTraining = trainer
        .post(&path, &assessment)
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let read_by_factory: FactoryTraining = manager
        .get(&format!("/api/training/factories/{injae}"))
        .await
        .json();
    let needs_id = read_by_factory.needs_assessments[0].id;
    let plan_path = format!("/api/training/factories/{injae}/plan");
    let action = |point: &str| {
        json!({
            "needs_assessment_id": needs_id,
            "question_code": point,
            "description": "Open an overtime register.",
            "responsible": "HR manager",
            "target_date": "2027-02-28",
            "status": "planned",
        })
    };
    let not_found_point = manager.post(&plan_path, &action(&report.points[1])).await;
    let planned: FactoryTraining = manager
        .post(&plan_path, &action(&report.points[0]))
        .await
        .assert_status(StatusCode::CREATED)
        .json();

    // Assert
    before_scheduled.assert_error(StatusCode::CONFLICT, "meeting_not_scheduled");
    assert_eq!(
        refused.field_errors(),
        fields(&[
            ("points", "topic_unknown"),
            ("root_causes", "required"),
            ("course_ids", "course_unknown"),
        ])
    );
    assert!(by_trainer.may_assess);
    assert_eq!(by_trainer.meetings[0].id, meeting_id);
    let read = &read_by_factory.needs_assessments[0];
    assert_eq!(read.points, [report.points[0].clone()]);
    assert_eq!(read.courses[0].title.en, "Working time");
    assert_eq!(
        read.recommended_actions,
        "Keep an overtime register signed by workers."
    );
    assert!(
        read_by_factory.meetings.is_empty(),
        "meetings are the trainers' list"
    );
    assert_eq!(
        not_found_point.field_errors(),
        fields(&[("question_code", "not_needs_point")])
    );
    assert_eq!(planned.plan[0].needs_assessment_id, Some(needs_id));
}
both_databases!(a_trainer_assesses_needs_at_a_meeting_and_the_factory_plans_from_it);

async fn every_training_follow_up_endpoint_answers_each_role(app: TestApp) {
    // Arrange: the demo factory (own) attended a held session; another factory did not.
    let mut trainer = app.login_demo("trainer").await;
    let manager: CurrentUser = app.login_demo("factory").await.me().await.json();
    let own = manager.factory_id.expect("a factory");
    let other = factory_id(&mut trainer, crate::visits::SABRINA).await;
    let content = current_checklist(&mut trainer).await.content;
    let wt = point_of(&content, "WT.02.01");
    let course = new_course(&mut trainer, "Working time", &[&wt]).await;
    let held = held_session(
        &mut trainer,
        course.id,
        ("2027-01-05", "2027-01-05"),
        &[own],
        &[own],
    )
    .await;
    let mut factory = app.login_demo("factory").await;
    let posted: FactoryTraining = factory
        .post(
            &format!("/api/training/factories/{own}/plan"),
            &json!({ "session_id": held.id, "question_code": wt, "description": "Register.",
                     "responsible": "HR", "target_date": "2027-02-01", "status": "planned" }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let action_id = posted.plan[0].action.id;
    let plan_body = json!({ "session_id": held.id, "question_code": wt, "description": "More.",
                            "responsible": "HR", "target_date": "2027-02-01", "status": "planned" });
    let update = json!({ "comment": "Progress.", "status": "in_progress" });
    let check = json!({ "outcome": "verified", "note": "Seen." });
    let needs = json!({ "meeting_id": 999_999, "points": [wt], "root_causes": "x" });
    //                 admin monitor approver trainer factory buyer union
    let calls = vec![
        Call::get(
            format!("/api/training/factories/{own}"),
            [200, 200, 200, 200, 200, 404, 404, 404],
        ),
        Call::get(
            format!("/api/training/factories/{other}"),
            [200, 200, 200, 200, 404, 404, 404, 404],
        ),
        Call::post(
            format!("/api/training/factories/{own}/plan"),
            plan_body.clone(),
            [403, 403, 403, 403, 201, 404, 404, 404],
        ),
        Call::post(
            format!("/api/training/factories/{other}/plan"),
            plan_body,
            [403, 403, 403, 403, 404, 404, 404, 404],
        ),
        Call::post(
            format!("/api/training/plan-actions/{action_id}/updates"),
            update,
            [403, 403, 403, 403, 200, 404, 404, 404],
        ),
        // The demo monitor is on no later visit of the factory.
        Call::post(
            format!("/api/training/plan-actions/{action_id}/verification"),
            check,
            [403, 403, 403, 403, 403, 404, 404, 404],
        ),
        // Gets as far as the meeting (there is none) for the training unit.
        Call::post(
            format!("/api/training/factories/{own}/needs-assessments"),
            needs,
            [422, 403, 403, 422, 403, 403, 403, 403],
        ),
        Call::get(
            "/api/training/effect".into(),
            [200, 200, 200, 200, 403, 403, 403, 403],
        ),
        Call::get(
            "/api/training/participation".into(),
            [200, 200, 200, 200, 403, 403, 403, 403],
        ),
    ];

    // Act
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);

    // Assert
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(every_training_follow_up_endpoint_answers_each_role);
