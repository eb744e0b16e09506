//! Objections to findings, amendments with their version history, and clarification
//! meetings (`/api/reports/:id/objections`, `/api/objections`, `/api/reports/:id/versions`,
//! `/api/reports/:id/corrections`, `/api/reports/:id/meetings`, `/api/meetings`).
//!
//! The test clock starts at 1_800_000_000 = Friday 2027-01-15, 15:00 in Phnom Penh. A report
//! published then may be objected to for 21 working days counted from Monday 18 January:
//! the deadline is Monday 15 February 2027 (see holidays.rs), with no holiday seeded.

use axum::http::StatusCode;
use backend::clock::Clock;
use serde_json::{json, Value};
use shared::api::access::SupplierFactory;
use shared::api::analytics::FactoryReport;
use shared::api::factories::Factory;
use shared::api::objections::{
    ClarificationMeeting, Objection, ObjectionStatus, ReportMeetings, ReportObjections,
    ReportVersion, ReportVersionDetail, VersionKind,
};
use shared::api::outbox::OutboxView;
use shared::roles::Role;

use crate::fixtures::ReportWithFindings;
use crate::helpers::{fields, TestApp, TestClient, START};
use crate::visits::{factory_id, INJAE, SABRINA};

const DAY: i64 = 86_400;
/// Monday 15 February 2027, 10:00 in Phnom Penh: the deadline day of a report published at
/// [`START`].
const DEADLINE_DAY: i64 = START + 31 * DAY - 5 * 3_600;
const BUYER_EMAIL: &str = "sourcing@northwind.example";

fn objection_body(items: &[(&str, &str)]) -> Value {
    json!({
        "findings": items
            .iter()
            .map(|(code, reason)| json!({ "question_code": code, "reason": reason }))
            .collect::<Vec<_>>()
    })
}

async fn objections(client: &mut TestClient, visit_id: i64) -> ReportObjections {
    client
        .get(&format!("/api/reports/{visit_id}/objections"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn read_report(client: &mut TestClient, visit_id: i64) -> FactoryReport {
    client
        .get(&format!("/api/reports/{visit_id}"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn versions(client: &mut TestClient, visit_id: i64) -> Vec<ReportVersion> {
    client
        .get(&format!("/api/reports/{visit_id}/versions"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// Moves the clock and signs in again (sessions last 12 hours).
async fn at(app: &TestApp, now: i64, username: &str) -> TestClient {
    app.clock.set_now(now);
    app.login_demo(username).await
}

async fn injae_report(app: &TestApp) -> ReportWithFindings {
    app.report_with_findings(INJAE).await
}

async fn a_factory_objects_in_time_and_on_the_deadline_day_but_not_after(app: TestApp) {
    let report = injae_report(&app).await;
    let visit_id = report.visit.id;
    let path = format!("/api/reports/{visit_id}/objections");
    let mut manager = app.login_demo("factory").await;

    let in_time = manager
        .post(
            &path,
            &objection_body(&[(&report.findings[0], "We pay overtime at 150%; see payroll.")]),
        )
        .await;
    let mut manager = at(&app, DEADLINE_DAY, "factory").await;
    let on_the_day = manager
        .post(
            &path,
            &objection_body(&[(&report.findings[1], "The fans were repaired.")]),
        )
        .await;
    let window_on_the_day = objections(&mut manager, visit_id).await;
    let mut manager = at(&app, DEADLINE_DAY + DAY, "factory").await;
    let late = manager
        .post(
            &path,
            &objection_body(&[(&report.findings[1], "Too late now.")]),
        )
        .await;
    let window_after = objections(&mut manager, visit_id).await;

    let created: ReportObjections = in_time.assert_status(StatusCode::CREATED).json();
    assert_eq!(created.deadline.as_deref(), Some("2027-02-15"));
    assert_eq!(created.objections.len(), 1);
    assert_eq!(created.objections[0].status, ObjectionStatus::Pending);
    assert_eq!(
        created.objections[0].reason,
        "We pay overtime at 150%; see payroll."
    );
    on_the_day.assert_status(StatusCode::CREATED);
    assert!(window_on_the_day.open && window_on_the_day.may_object);
    late.assert_error(StatusCode::FORBIDDEN, "objection_deadline_passed");
    assert!(!window_after.open && !window_after.may_object);
    assert_eq!(
        window_after.objections.len(),
        2,
        "the late one was not kept"
    );
    let pending: Vec<Objection> = app
        .login_demo("approver")
        .await
        .get("/api/objections")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(pending.len(), 2);
    assert_eq!(pending[0].factory_name, INJAE);
    assert_eq!(pending[0].submitted_by, "Li Wei");
}

/// A holiday declared before publication moves the deadline announced with the report (one
/// declared after it does not: see report_documents.rs).
async fn a_holiday_in_the_window_moves_the_objection_deadline(app: TestApp) {
    let mut admin = app.login_demo("admin").await;
    admin
        .post(
            "/api/holidays",
            &json!({ "date": "2027-01-20", "name": "A day off inside the window" }),
        )
        .await
        .assert_status(StatusCode::CREATED);
    let report = injae_report(&app).await;
    let visit_id = report.visit.id;

    let mut manager = at(&app, DEADLINE_DAY + DAY, "factory").await;
    let window = objections(&mut manager, visit_id).await;
    let on_the_new_deadline = manager
        .post(
            &format!("/api/reports/{visit_id}/objections"),
            &objection_body(&[(&report.findings[0], "One more working day.")]),
        )
        .await;

    assert_eq!(window.deadline.as_deref(), Some("2027-02-16"));
    assert_eq!(
        read_report(&mut manager, visit_id)
            .await
            .objection_deadline
            .as_deref(),
        Some("2027-02-16"),
        "the report shows the same deadline"
    );
    on_the_new_deadline.assert_status(StatusCode::CREATED);
}

async fn an_objection_names_findings_of_the_report_each_with_a_reason(app: TestApp) {
    let report = injae_report(&app).await;
    let path = format!("/api/reports/{}/objections", report.visit.id);
    let mut manager = app.login_demo("factory").await;
    let [first, second] = &report.findings;

    let empty = manager.post(&path, &objection_body(&[])).await;
    let bad = manager
        .post(
            &path,
            &objection_body(&[
                (first, " "),
                ("NOT.A.FINDING", "x"),
                (second, &"x".repeat(2_001)),
            ]),
        )
        .await;
    manager
        .post(&path, &objection_body(&[(first, "Paid in full.")]))
        .await
        .assert_status(StatusCode::CREATED);
    let twice = manager
        .post(&path, &objection_body(&[(first, "Again.")]))
        .await;

    assert_eq!(empty.field_errors(), fields(&[("findings", "required")]));
    assert_eq!(
        bad.field_errors(),
        fields(&[
            ("findings.0.reason", "required"),
            ("findings.1.question_code", "finding_unknown"),
            ("findings.2.reason", "too_long"),
        ])
    );
    assert_eq!(
        twice.field_errors(),
        fields(&[("findings.0.question_code", "objection_pending")])
    );
}

async fn nobody_objects_to_another_factorys_report_and_only_the_manager_objects(app: TestApp) {
    let mut admin = app.login_demo("admin").await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let elsewhere = app.report_with_findings_of(sabrina).await;
    let own = injae_report(&app).await;
    let body = |report: &ReportWithFindings| objection_body(&[(&report.findings[0], "No.")]);
    let mut manager = app.login_demo("factory").await;

    let other_read = manager
        .get(&format!("/api/reports/{}/objections", elsewhere.visit.id))
        .await;
    let other_write = manager
        .post(
            &format!("/api/reports/{}/objections", elsewhere.visit.id),
            &body(&elsewhere),
        )
        .await;
    let mut monitor = app.login_demo("monitor").await;
    let by_staff = monitor
        .post(
            &format!("/api/reports/{}/objections", own.visit.id),
            &body(&own),
        )
        .await;

    other_read.assert_error(StatusCode::NOT_FOUND, "not_found");
    other_write.assert_error(StatusCode::NOT_FOUND, "not_found");
    by_staff.assert_error(StatusCode::FORBIDDEN, "forbidden");
}

/// Gives the demo buyer an email address, so that it is told of amendments.
async fn give_the_buyer_an_email(app: &TestApp) {
    sqlx::query("update users set email = $1 where username = 'buyer'")
        .bind(BUYER_EMAIL)
        .execute(&app.db.pool)
        .await
        .expect("set the buyer's email");
}

async fn decide(
    client: &mut TestClient,
    objection_id: i64,
    body: &Value,
) -> crate::helpers::TestResponse {
    client
        .post(&format!("/api/objections/{objection_id}/decision"), body)
        .await
}

async fn buyers_see_objections_and_outcomes_only_with_access(app: TestApp) {
    let report = injae_report(&app).await;
    let visit_id = report.visit.id;
    let mut manager = app.login_demo("factory").await;
    let created: ReportObjections = manager
        .post(
            &format!("/api/reports/{visit_id}/objections"),
            &objection_body(&[(&report.findings[0], "Paid in full.")]),
        )
        .await
        .json();
    let mut approver = app.login_demo("approver").await;
    decide(
        &mut approver,
        created.objections[0].id,
        &json!({ "outcome": "rejected", "reason": "The payroll shows the deductions." }),
    )
    .await
    .assert_status(StatusCode::OK);
    // A factory the demo buyer has no grant for.
    let mut buyer = app.login_demo("buyer").await;
    let suppliers: Vec<SupplierFactory> = buyer.get("/api/suppliers").await.json();
    let mut admin = app.login_demo("admin").await;
    let factories: Vec<Factory> = admin.get("/api/factories").await.json();
    let ungranted = factories
        .iter()
        .find(|f| !suppliers.iter().any(|s| s.factory_id == f.id))
        .expect("a factory the buyer may not read")
        .id;
    let hidden = app.report_with_findings_of(ungranted).await;

    let before_third_party_date = buyer
        .get(&format!("/api/reports/{visit_id}/objections"))
        .await;
    let mut buyer = at(&app, START + 6 * DAY, "buyer").await;
    let with_access = objections(&mut buyer, visit_id).await;
    let without_grant = buyer
        .get(&format!("/api/reports/{}/objections", hidden.visit.id))
        .await;
    let history = buyer
        .get(&format!("/api/reports/{visit_id}/versions"))
        .await;
    let meetings = buyer
        .get(&format!("/api/reports/{visit_id}/meetings"))
        .await;
    let mut union = app.login_demo("union").await;
    let by_union = union
        .get(&format!("/api/reports/{visit_id}/objections"))
        .await;

    before_third_party_date.assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(with_access.objections.len(), 1);
    let seen = &with_access.objections[0];
    assert_eq!(seen.status, ObjectionStatus::Rejected);
    assert_eq!(seen.decision_reason, "The payroll shows the deductions.");
    assert_eq!(seen.decided_by_role, Some(Role::Approver));
    assert!(!with_access.may_object && !with_access.may_decide);
    without_grant.assert_error(StatusCode::NOT_FOUND, "not_found");
    history.assert_status(StatusCode::OK);
    meetings.assert_error(StatusCode::FORBIDDEN, "forbidden");
    by_union.assert_error(StatusCode::NOT_FOUND, "not_found");
}

/// Whether the factory's latest assessment in the industry figures has the point
/// non-compliant.
async fn latest_point_non_compliant(app: &TestApp, visit_id: i64, point_code: &str) -> i64 {
    sqlx::query_scalar(
        "select non_compliant from latest_point_results where visit_id = $1 and point_code = $2",
    )
    .bind(visit_id)
    .bind(point_code)
    .fetch_one(&app.db.pool)
    .await
    .expect("the point in the latest figures")
}

async fn upholding_an_objection_amends_the_report_as_version_2_and_tells_its_readers(app: TestApp) {
    give_the_buyer_an_email(&app).await;
    let report = injae_report(&app).await;
    let visit_id = report.visit.id;
    let [first, second] = &report.findings;
    let mut manager = app.login_demo("factory").await;
    let created: ReportObjections = manager
        .post(
            &format!("/api/reports/{visit_id}/objections"),
            &objection_body(&[(first, "Paid in full."), (second, "Not us.")]),
        )
        .await
        .json();
    let before = read_report(&mut manager, visit_id).await;
    assert_eq!(
        latest_point_non_compliant(&app, visit_id, &report.points[0]).await,
        1
    );
    let mut approver = at(&app, START + 6 * DAY, "approver").await;

    let upheld = decide(
        &mut approver,
        created.objections[0].id,
        &json!({
            "outcome": "upheld",
            "reason": "The payroll shows the legal rate.",
            "amendment": { "choice": "compliant" },
        }),
    )
    .await;

    let upheld: Objection = upheld.assert_status(StatusCode::OK).json();
    assert_eq!(upheld.status, ObjectionStatus::Upheld);
    assert_eq!(upheld.version_number, Some(2));
    assert_eq!(upheld.decided_at, Some(START + 6 * DAY));
    let mut manager = app.login_demo("factory").await;
    let after = read_report(&mut manager, visit_id).await;
    let codes = |report: &FactoryReport| -> Vec<String> {
        report
            .findings
            .iter()
            .map(|f| f.question_code.clone())
            .collect()
    };
    assert_eq!(codes(&before), [first.clone(), second.clone()]);
    assert_eq!(codes(&after), std::slice::from_ref(second));
    let non_compliant = |report: &FactoryReport| -> i64 {
        report.clusters.iter().map(|c| c.points_non_compliant).sum()
    };
    assert_eq!(non_compliant(&before), 2);
    assert_eq!(non_compliant(&after), 1);
    assert!(after.overall_rate < before.overall_rate);
    assert_eq!(
        latest_point_non_compliant(&app, visit_id, &report.points[0]).await,
        0
    );
    assert_eq!(
        latest_point_non_compliant(&app, visit_id, &report.points[1]).await,
        1
    );

    let history = versions(&mut manager, visit_id).await;
    assert_eq!(history.len(), 2);
    assert_eq!(
        (history[0].number, history[0].kind, history[0].created_at),
        (1, VersionKind::Published, START)
    );
    assert_eq!(history[0].created_by_role, Some(Role::Approver));
    assert_eq!(
        (
            history[1].number,
            history[1].kind,
            history[1].reason.as_str()
        ),
        (
            2,
            VersionKind::Objection,
            "The payroll shows the legal rate."
        )
    );
    assert_eq!(history[1].question_code.as_deref(), Some(first.as_str()));
    let old: ReportVersionDetail = manager
        .get(&format!("/api/reports/{visit_id}/versions/1"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(old.snapshot.findings.len(), 2);
    assert_eq!(
        old.snapshot.findings[0].finding,
        format!("Overtime not paid at the legal rate ({first}).")
    );
    assert_eq!(old.snapshot.scores.overall_rate(), before.overall_rate);
    let current: ReportVersionDetail = manager
        .get(&format!("/api/reports/{visit_id}/versions/2"))
        .await
        .json();
    assert_eq!(current.snapshot.findings.len(), 1);
    manager
        .get(&format!("/api/reports/{visit_id}/versions/3"))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");

    let mut admin = app.login_demo("admin").await;
    let outbox: OutboxView = admin.get("/api/outbox").await.json();
    let notices: Vec<&str> = outbox
        .messages
        .iter()
        .filter(|m| m.subject.contains("amended (version 2)"))
        .map(|m| m.to_address.as_str())
        .collect();
    let factory: Factory = admin
        .get(&format!("/api/factories/{}", report.visit.factory_id))
        .await
        .json();
    let factory_email = factory
        .contact_email
        .expect("the demo factory has an email");
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(notices.contains(&factory_email.as_str()));
    assert!(notices.contains(&BUYER_EMAIL));
    let body = &outbox
        .messages
        .iter()
        .find(|m| m.subject.contains("amended (version 2)"))
        .unwrap()
        .body;
    assert!(body.contains("The payroll shows the legal rate."));
    assert!(body.contains(&format!("/reports/{visit_id}")));
}

async fn rejecting_needs_a_reason_and_keeps_the_report_as_it_is(app: TestApp) {
    let report = injae_report(&app).await;
    let visit_id = report.visit.id;
    let mut manager = app.login_demo("factory").await;
    let created: ReportObjections = manager
        .post(
            &format!("/api/reports/{visit_id}/objections"),
            &objection_body(&[(&report.findings[0], "Paid in full.")]),
        )
        .await
        .json();
    let id = created.objections[0].id;
    let mut admin = app.login_demo("admin").await;

    let without_reason = decide(
        &mut admin,
        id,
        &json!({ "outcome": "rejected", "reason": " " }),
    )
    .await;
    let upheld_without_answer = decide(
        &mut admin,
        id,
        &json!({ "outcome": "upheld", "reason": "Yes" }),
    )
    .await;
    let rejected = decide(
        &mut admin,
        id,
        &json!({ "outcome": "rejected", "reason": "Workers confirmed it." }),
    )
    .await;
    let again = decide(
        &mut admin,
        id,
        &json!({ "outcome": "rejected", "reason": "Once more." }),
    )
    .await;

    assert_eq!(
        without_reason.field_errors(),
        fields(&[("reason", "required")])
    );
    assert_eq!(
        upheld_without_answer.field_errors(),
        fields(&[("amendment", "required")])
    );
    let rejected: Objection = rejected.assert_status(StatusCode::OK).json();
    assert_eq!(rejected.status, ObjectionStatus::Rejected);
    assert_eq!(rejected.decided_by.as_deref(), Some("Sophea Chan"));
    assert_eq!(rejected.version_number, None);
    again.assert_error(StatusCode::CONFLICT, "objection_already_decided");
    let history = versions(&mut manager, visit_id).await;
    assert_eq!(history.len(), 1, "no new version");
    assert_eq!(read_report(&mut manager, visit_id).await.findings.len(), 2);
}

async fn only_administrators_and_approvers_decide_objections(app: TestApp) {
    let report = injae_report(&app).await;
    let visit_id = report.visit.id;
    let mut manager = app.login_demo("factory").await;
    let created: ReportObjections = manager
        .post(
            &format!("/api/reports/{visit_id}/objections"),
            &objection_body(&[(&report.findings[0], "Paid in full.")]),
        )
        .await
        .json();
    let id = created.objections[0].id;
    let body = json!({ "outcome": "rejected", "reason": "No." });

    let by_manager = decide(&mut manager, id, &body).await;
    let by_monitor = decide(&mut app.login_demo("monitor").await, id, &body).await;
    let by_trainer = decide(&mut app.login_demo("trainer").await, id, &body).await;
    let list_by_manager = manager.get("/api/objections").await;
    let unknown = decide(&mut app.login_demo("approver").await, 999_999, &body).await;

    by_manager.assert_error(StatusCode::FORBIDDEN, "forbidden");
    by_monitor.assert_error(StatusCode::FORBIDDEN, "forbidden");
    by_trainer.assert_error(StatusCode::FORBIDDEN, "forbidden");
    list_by_manager.assert_error(StatusCode::FORBIDDEN, "forbidden");
    unknown.assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(
        objections(&mut manager, visit_id).await.objections[0].status,
        ObjectionStatus::Pending
    );
}

async fn staff_correct_a_published_finding_as_a_new_version(app: TestApp) {
    let report = injae_report(&app).await;
    let visit_id = report.visit.id;
    let path = format!("/api/reports/{visit_id}/corrections");
    let [first, _] = &report.findings;
    let correction = |code: &str, reason: &str| {
        json!({
            "question_code": code,
            "reason": reason,
            "amendment": {
                "choice": "non_compliant",
                "finding": "Overtime paid at 130% instead of 150% in March.",
                "suggestion": "Pay the difference for March.",
            },
        })
    };
    let mut manager = app.login_demo("factory").await;
    let mut approver = app.login_demo("approver").await;

    let by_manager = manager.post(&path, &correction(first, "Typo")).await;
    let invalid = approver
        .post(&path, &correction("NOT.A.FINDING", " "))
        .await;
    let incomplete = approver
        .post(
            &path,
            &json!({
                "question_code": first,
                "reason": "x",
                "amendment": { "choice": "non_compliant", "finding": "", "suggestion": "s" },
            }),
        )
        .await;
    let corrected = approver
        .post(
            &path,
            &correction(first, "The monitor's note had the wrong rate."),
        )
        .await;

    by_manager.assert_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(
        invalid.field_errors(),
        fields(&[("question_code", "finding_unknown"), ("reason", "required")])
    );
    assert_eq!(
        incomplete.field_errors(),
        fields(&[("amendment.finding", "required")])
    );
    let version: ReportVersion = corrected.assert_status(StatusCode::CREATED).json();
    assert_eq!(
        (version.number, version.kind, version.created_by_role),
        (2, VersionKind::Correction, Some(Role::Approver))
    );
    let now = read_report(&mut manager, visit_id).await;
    assert_eq!(now.findings.len(), 2, "still a finding");
    assert_eq!(
        now.findings[0].finding,
        "Overtime paid at 130% instead of 150% in March."
    );
    let old: ReportVersionDetail = manager
        .get(&format!("/api/reports/{visit_id}/versions/1"))
        .await
        .json();
    assert_eq!(
        old.snapshot.findings[0].finding,
        format!("Overtime not paid at the legal rate ({first}).")
    );
    assert_eq!(versions(&mut manager, visit_id).await.len(), 2);
}

async fn a_factory_asks_for_a_clarification_meeting_that_staff_schedule_and_record(app: TestApp) {
    let report = injae_report(&app).await;
    let visit_id = report.visit.id;
    let mut manager = app.login_demo("factory").await;

    let empty = manager
        .post(
            &format!("/api/reports/{visit_id}/meetings"),
            &json!({ "topic": "" }),
        )
        .await;
    let requested: ClarificationMeeting = manager
        .post(
            &format!("/api/reports/{visit_id}/meetings"),
            &json!({ "topic": "We would like to explain our overtime records." }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let id = requested.id;
    let mut approver = app.login_demo("approver").await;
    let outcome_too_early = approver
        .post(
            &format!("/api/meetings/{id}/outcome"),
            &json!({ "outcome": "x" }),
        )
        .await;
    let by_manager = manager
        .post(
            &format!("/api/meetings/{id}/schedule"),
            &json!({ "scheduled_for": "2027-01-20T09:30", "place": "Factory office" }),
        )
        .await;
    let bad_time = approver
        .post(
            &format!("/api/meetings/{id}/schedule"),
            &json!({ "scheduled_for": "next week", "place": "" }),
        )
        .await;
    let open: Vec<ClarificationMeeting> = approver.get("/api/meetings").await.json();
    let mut approver = at(&app, START + DAY, "approver").await;
    let scheduled: ClarificationMeeting = approver
        .post(
            &format!("/api/meetings/{id}/schedule"),
            &json!({ "scheduled_for": "2027-01-20T09:30", "place": "BFC office, Phnom Penh" }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    let mut admin = at(&app, START + 5 * DAY, "admin").await;
    let held: ClarificationMeeting = admin
        .post(
            &format!("/api/meetings/{id}/outcome"),
            &json!({ "outcome": "The factory showed the payroll; an objection will follow." }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    let reschedule_after = admin
        .post(
            &format!("/api/meetings/{id}/schedule"),
            &json!({ "scheduled_for": "2027-01-21T09:30", "place": "x" }),
        )
        .await;
    let mut manager = app.login_demo("factory").await;
    let seen: ReportMeetings = manager
        .get(&format!("/api/reports/{visit_id}/meetings"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let still_open: Vec<ClarificationMeeting> = admin.get("/api/meetings").await.json();

    assert_eq!(empty.field_errors(), fields(&[("topic", "required")]));
    assert_eq!(
        requested.status,
        shared::api::objections::MeetingStatus::Requested
    );
    assert_eq!(requested.requested_by, "Li Wei");
    assert_eq!(requested.requested_at, START);
    outcome_too_early.assert_error(StatusCode::CONFLICT, "meeting_not_scheduled");
    by_manager.assert_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(
        bad_time.field_errors(),
        fields(&[("scheduled_for", "datetime_invalid"), ("place", "required")])
    );
    assert_eq!(open.len(), 1);
    assert_eq!(scheduled.scheduled_for.as_deref(), Some("2027-01-20T09:30"));
    assert_eq!(scheduled.scheduled_at, Some(START + DAY));
    assert_eq!(
        held.outcome,
        "The factory showed the payroll; an objection will follow."
    );
    assert_eq!(held.outcome_by.as_deref(), Some("Sophea Chan"));
    assert_eq!(held.outcome_at, Some(START + 5 * DAY));
    reschedule_after.assert_error(StatusCode::CONFLICT, "meeting_already_held");
    assert!(seen.may_request && !seen.may_manage);
    assert_eq!(seen.meetings, std::slice::from_ref(&held));
    assert!(still_open.is_empty());
    let events: i64 = sqlx::query_scalar(
        "select count(*) from clarification_meeting_events where meeting_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(events, 3, "requested, scheduled, held");
}

both_databases!(
    a_factory_objects_in_time_and_on_the_deadline_day_but_not_after,
    a_holiday_in_the_window_moves_the_objection_deadline,
    an_objection_names_findings_of_the_report_each_with_a_reason,
    nobody_objects_to_another_factorys_report_and_only_the_manager_objects,
    buyers_see_objections_and_outcomes_only_with_access,
    upholding_an_objection_amends_the_report_as_version_2_and_tells_its_readers,
    rejecting_needs_a_reason_and_keeps_the_report_as_it_is,
    only_administrators_and_approvers_decide_objections,
    staff_correct_a_published_finding_as_a_new_version,
    a_factory_asks_for_a_clarification_meeting_that_staff_schedule_and_record,
);
