//! `/api/training`: the training unit writes courses, plans sessions and invites factories;
//! an invited factory's manager enrols participants until the session starts; each reader
//! sees only what their role allows.

use axum::http::StatusCode;
use backend::clock::Clock;
use serde_json::{json, Value};
use shared::api::auth::CurrentUser;
use shared::api::training::{Course, ParticipantGroup, Session};
use shared::training::{Audience, SessionStatus};

use crate::checklists::current_checklist;
use crate::helpers::{fields, TestApp, TestClient};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call};
use crate::visits::{factory_id, INJAE, SABRINA};

/// A course on the first scored cluster and one of its points, as the trainer writes it.
async fn course_input(client: &mut TestClient) -> Value {
    let checklist = current_checklist(client).await;
    let cluster = checklist
        .content
        .clusters
        .iter()
        .find(|cluster| cluster.scored)
        .expect("a scored cluster");
    json!({
        "title": { "en": "Working hours and overtime", "km": "ម៉ោងធ្វើការ និងម៉ោងបន្ថែម", "zh": "工时与加班" },
        "description": { "en": "Recording hours, limits on overtime, pay.", "km": "", "zh": "" },
        "audience": "hr",
        "format": "classroom",
        "hours": 6,
        "topics": [cluster.code, cluster.points[0].code],
    })
}

/// A session starting on `starts_on`, inviting `factory_ids`.
fn session_input(course_id: i64, starts_on: &str, factory_ids: &[i64]) -> Value {
    json!({
        "course_id": course_id,
        "starts_on": starts_on,
        "ends_on": starts_on,
        "venue": "GMAC training centre, Phnom Penh",
        "online": false,
        "trainers": "Vanna Sok",
        "capacity": 40,
        "factory_ids": factory_ids,
    })
}

async fn new_course(trainer: &mut TestClient) -> Course {
    let input = course_input(trainer).await;
    trainer
        .post("/api/training/courses", &input)
        .await
        .assert_status(StatusCode::CREATED)
        .json()
}

async fn new_session(trainer: &mut TestClient, body: &Value) -> Session {
    trainer
        .post("/api/training/sessions", body)
        .await
        .assert_status(StatusCode::CREATED)
        .json()
}

async fn a_trainer_writes_a_course_plans_a_session_and_invites_factories(app: TestApp) {
    // Arrange
    let mut trainer = app.login_demo("trainer").await;
    let injae = factory_id(&mut trainer, INJAE).await;
    let sabrina = factory_id(&mut trainer, SABRINA).await;
    let mut bad = course_input(&mut trainer).await;
    bad["title"]["en"] = json!(" ");
    bad["audience"] = json!("everyone");
    bad["topics"] = json!(["NOT.A.CODE"]);

    // Act
    let refused = trainer.post("/api/training/courses", &bad).await;
    let course = new_course(&mut trainer).await;
    let refused_session = trainer
        .post(
            "/api/training/sessions",
            &json!({ "course_id": 999_999, "starts_on": "2027-02-10", "ends_on": "2027-02-09",
                     "venue": "", "trainers": "Vanna Sok", "capacity": 0, "factory_ids": [999_999] }),
        )
        .await;
    let session = new_session(
        &mut trainer,
        &session_input(course.id, "2027-02-10", &[injae]),
    )
    .await;
    let after_invitation: Session = trainer
        .post(
            &format!("/api/training/sessions/{}/invitations", session.id),
            &json!({ "factory_ids": [sabrina, injae] }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    assert_eq!(
        refused.field_errors(),
        fields(&[
            ("title.en", "required"),
            ("audience", "choose_one"),
            ("topics", "topic_unknown"),
        ])
    );
    assert_eq!(course.title.km, "ម៉ោងធ្វើការ និងម៉ោងបន្ថែម");
    assert_eq!(course.topics.len(), 2);
    assert_eq!(
        refused_session.field_errors(),
        fields(&[
            ("ends_on", "end_before_start"),
            ("venue", "required"),
            ("capacity", "out_of_range"),
            ("course_id", "course_unknown"),
            ("factory_ids.0", "factory_unknown"),
        ])
    );
    assert_eq!(session.status, SessionStatus::Planned);
    assert_eq!(session.topics, course.topics);
    let invited: Vec<i64> = after_invitation
        .invited
        .iter()
        .map(|factory| factory.factory_id)
        .collect();
    assert_eq!(invited.len(), 2);
    assert!(invited.contains(&injae) && invited.contains(&sabrina));
    let listed: Vec<Course> = trainer.get("/api/training/courses").await.json();
    assert_eq!(listed, [course]);
}
both_databases!(a_trainer_writes_a_course_plans_a_session_and_invites_factories);

async fn an_invited_factory_enrols_participants_until_the_session_starts(app: TestApp) {
    // Arrange
    let mut trainer = app.login_demo("trainer").await;
    let injae = factory_id(&mut trainer, INJAE).await;
    let sabrina = factory_id(&mut trainer, SABRINA).await;
    let course = new_course(&mut trainer).await;
    let invited = new_session(
        &mut trainer,
        &session_input(course.id, "2030-03-01", &[injae, sabrina]),
    )
    .await;
    let not_invited = new_session(
        &mut trainer,
        &session_input(course.id, "2030-04-01", &[sabrina]),
    )
    .await;
    let mut factory = app.login_demo("factory").await;
    let path = format!("/api/training/sessions/{}/enrolments/{injae}", invited.id);
    let groups = json!({ "groups": [
        { "audience": "hr", "women": 2, "men": 1 },
        { "audience": "supervisors", "women": 3, "men": 0 },
    ] });

    // Act
    let enrolled = factory.put(&path, &groups).await;
    let for_another = factory
        .put(
            &format!("/api/training/sessions/{}/enrolments/{sabrina}", invited.id),
            &groups,
        )
        .await;
    let not_invited_enrolment = factory
        .put(
            &format!(
                "/api/training/sessions/{}/enrolments/{injae}",
                not_invited.id
            ),
            &groups,
        )
        .await;
    let bad = factory
        .put(
            &path,
            &json!({ "groups": [{ "audience": "hr", "women": -1, "men": 0 }, { "audience": "hr", "women": 1, "men": 0 }] }),
        )
        .await;
    let seen_by_factory: Vec<Session> = factory.get("/api/training/sessions").await.json();
    let seen_by_trainer: Session = trainer
        .get(&format!("/api/training/sessions/{}", invited.id))
        .await
        .json();
    // The session's first day in Cambodia.
    let first_day = shared::date::parse("2030-03-01")
        .map(|date| date.midnight().assume_utc().unix_timestamp())
        .expect("a date");
    app.clock.advance(first_day - app.clock.now());
    // Signed in afresh: the session of years ago has expired.
    let mut factory = app.login_demo("factory").await;
    let too_late = factory.put(&path, &groups).await;

    // Assert
    let enrolled: Session = enrolled.assert_status(StatusCode::OK).json();
    assert_eq!(
        enrolled.invited.len(),
        1,
        "the factory sees only its own enrolment"
    );
    assert_eq!(
        enrolled.invited[0].groups,
        [
            ParticipantGroup {
                audience: Audience::HumanResources,
                women: 2,
                men: 1
            },
            ParticipantGroup {
                audience: Audience::Supervisors,
                women: 3,
                men: 0
            },
        ]
    );
    assert!(enrolled.enrolment_open);
    for_another.assert_status(StatusCode::NOT_FOUND);
    not_invited_enrolment.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(
        bad.field_errors(),
        fields(&[
            ("groups.0.women", "out_of_range"),
            ("groups.1.audience", "duplicate")
        ])
    );
    let ids: Vec<i64> = seen_by_factory.iter().map(|session| session.id).collect();
    assert_eq!(
        ids,
        [invited.id],
        "only the sessions the factory is invited to"
    );
    assert_eq!(seen_by_trainer.invited.len(), 2);
    assert!(!seen_by_trainer.enrolment_open);
    too_late.assert_error(StatusCode::CONFLICT, "training_enrolment_closed");
    factory
        .get(&format!("/api/training/sessions/{}", not_invited.id))
        .await
        .assert_status(StatusCode::NOT_FOUND);
}
both_databases!(an_invited_factory_enrols_participants_until_the_session_starts);

async fn every_training_endpoint_answers_each_role(app: TestApp) {
    // Arrange: a session of a course, the demo factory manager's factory invited.
    let mut trainer = app.login_demo("trainer").await;
    let manager: CurrentUser = app.login_demo("factory").await.me().await.json();
    let own = manager.factory_id.expect("a factory");
    let other = factory_id(&mut trainer, SABRINA).await;
    let course = new_course(&mut trainer).await;
    let session = new_session(
        &mut trainer,
        &session_input(course.id, "2030-05-01", &[own]),
    )
    .await;
    let course_body = course_input(&mut trainer).await;
    let enrolment = json!({ "groups": [{ "audience": "managers", "women": 1, "men": 1 }] });
    //                 admin monitor approver trainer factory buyer union
    let calls = vec![
        Call::get(
            "/api/training/courses".into(),
            [200, 200, 200, 200, 200, 403, 403, 403],
        ),
        Call::get(
            format!("/api/training/courses/{}", course.id),
            [200, 200, 200, 200, 200, 403, 403, 403],
        ),
        Call::post(
            "/api/training/courses".into(),
            course_body,
            [201, 403, 403, 201, 403, 403, 403, 403],
        ),
        Call::get(
            "/api/training/sessions".into(),
            [200, 200, 200, 200, 200, 403, 403, 403],
        ),
        Call::get(
            format!("/api/training/sessions/{}", session.id),
            [200, 200, 200, 200, 200, 403, 403, 403],
        ),
        Call::post(
            "/api/training/sessions".into(),
            session_input(course.id, "2030-06-01", &[other]),
            [201, 403, 403, 201, 403, 403, 403, 403],
        ),
        Call::post(
            format!("/api/training/sessions/{}/invitations", session.id),
            json!({ "factory_ids": [other] }),
            [200, 403, 403, 200, 403, 403, 403, 403],
        ),
        Call::put(
            format!("/api/training/sessions/{}/enrolments/{own}", session.id),
            enrolment.clone(),
            [403, 403, 403, 403, 200, 403, 403, 403],
        ),
        Call::put(
            format!("/api/training/sessions/{}/enrolments/{other}", session.id),
            enrolment,
            [403, 403, 403, 403, 404, 403, 403, 403],
        ),
        // Reporting gets as far as the rule (the session has not started) for the trainers.
        Call::put(
            format!("/api/training/sessions/{}/report", session.id),
            json!({ "status": "held" }),
            [422, 403, 403, 422, 403, 403, 403, 403],
        ),
    ];

    // Act
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);

    // Assert
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(every_training_endpoint_answers_each_role);

async fn a_trainer_reports_a_session_held_with_attendance_and_outcomes(app: TestApp) {
    // Arrange: a session tomorrow (Cambodian date), the demo factory and another invited.
    let mut trainer = app.login_demo("trainer").await;
    let injae = factory_id(&mut trainer, INJAE).await;
    let sabrina = factory_id(&mut trainer, SABRINA).await;
    let course = new_course(&mut trainer).await;
    let tomorrow =
        shared::date::add_days(&shared::date::cambodia_date(app.clock.now()), 1).expect("a date");
    let session = new_session(
        &mut trainer,
        &session_input(course.id, &tomorrow, &[injae, sabrina]),
    )
    .await;
    let path = format!("/api/training/sessions/{}/report", session.id);
    let held = json!({
        "status": "held",
        "attendance": [
            { "factory_id": injae, "audience": "hr", "women": 2, "men": 1 },
            { "factory_id": sabrina, "audience": "managers", "women": 1, "men": 1 },
        ],
        "outcomes": [{ "audience": "hr", "pre_test": 45.0, "post_test": 80.5, "evaluation": 4.5 }],
        "notes": "Payroll records were the main question.",
    });

    // Act
    let too_early = trainer.put(&path, &held).await;
    app.clock.advance(86_400);
    let mut trainer = app.login_demo("trainer").await;
    let reported = trainer.put(&path, &held).await;
    let mut factory = app.login_demo("factory").await;
    let seen_by_factory: Session = factory
        .get(&format!("/api/training/sessions/{}", session.id))
        .await
        .json();
    let cancelled_after: Session = trainer
        .put(&path, &json!({ "status": "cancelled" }))
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    assert_eq!(
        too_early.field_errors(),
        fields(&[("status", "session_not_started")])
    );
    let reported: Session = reported.assert_status(StatusCode::OK).json();
    assert_eq!(reported.status, SessionStatus::Held);
    assert_eq!(reported.attendance.len(), 2);
    assert_eq!(reported.outcomes[0].post_test, Some(80.5));
    assert_eq!(reported.notes, "Payroll records were the main question.");
    assert_eq!(seen_by_factory.status, SessionStatus::Held);
    assert_eq!(
        seen_by_factory.attendance.len(),
        1,
        "only its own attendance"
    );
    assert_eq!(seen_by_factory.attendance[0].factory_id, injae);
    assert_eq!(
        seen_by_factory.notes, "",
        "the trainer's notes stay the programme's"
    );
    assert_eq!(cancelled_after.status, SessionStatus::Cancelled);
    assert!(cancelled_after.attendance.is_empty());
}
both_databases!(a_trainer_reports_a_session_held_with_attendance_and_outcomes);
