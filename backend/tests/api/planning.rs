//! Visit planning: the planner's due dates and risk scores against a hand-computed fixture,
//! planned visits, a partial (scoped) follow-up carried out from a plan, and who may do what.

use std::collections::HashMap;

use axum::http::StatusCode;
use serde_json::{json, Value};
use shared::api::analytics::{FactoryReport, IndustryOverview};
use shared::api::auth::CurrentUser;
use shared::api::factories::Factory;
use shared::api::planning::{PlannedVisit, Planner, PlannerRow};
use shared::api::users::TemporaryPasswordResponse;
use shared::api::visits::{VisitDetail, VisitSummary};
use shared::checklist::{ChecklistContent, QuestionKind};
use shared::visit::AnswerChoice;

use crate::analytics::publish_assessment;
use crate::checklists::current_checklist;
use crate::helpers::{fields, TestApp, TestClient};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call};
use crate::self_assessments::completed;
use crate::visits::{create_visit, factory_id, step, INJAE, SABRINA};

/// Five yes/no questions of scored clusters, each in a different compliance point, the second
/// evidencing a critical issue; as (question code, point code).
fn five_questions(content: &ChecklistContent) -> Vec<(String, String)> {
    let scored_points = || {
        content
            .clusters
            .iter()
            .filter(|cluster| cluster.scored)
            .flat_map(|cluster| &cluster.points)
    };
    let critical = scored_points()
        .find_map(|point| {
            point
                .questions
                .iter()
                .find(|q| q.kind == QuestionKind::YesNo && q.critical_issue.is_some())
                .map(|q| (q.code.clone(), point.code.clone()))
        })
        .expect("a critical question");
    let mut plain: Vec<(String, String)> = scored_points()
        .filter(|point| point.code != critical.1)
        // Points with no critical question, so only the chosen one can raise a critical issue.
        .filter(|point| point.questions.iter().all(|q| q.critical_issue.is_none()))
        .filter_map(|point| {
            point
                .questions
                .iter()
                .find(|q| q.kind == QuestionKind::YesNo)
                .map(|q| (q.code.clone(), point.code.clone()))
        })
        .take(4)
        .collect();
    assert_eq!(plain.len(), 4, "four plain points");
    plain.insert(1, critical);
    plain
}

async fn read_planner(client: &mut TestClient, query: &str) -> Planner {
    client
        .get(&format!("/api/planning{query}"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

fn row(planner: &Planner, factory_id: i64) -> &PlannerRow {
    planner
        .rows
        .iter()
        .find(|row| row.factory_id == factory_id)
        .expect("the factory in the planner")
}

fn reasons(row: &PlannerRow) -> Vec<(&str, i64, i64)> {
    row.risk
        .reasons
        .iter()
        .map(|reason| (reason.code.as_str(), reason.value, reason.points))
        .collect()
}

struct Fixture {
    injae: i64,
    sabrina: i64,
    obstructed: i64,
    /// The five questions of Injae's assessment, as (question, point).
    questions: Vec<(String, String)>,
}

/// Today is 2027-01-15 (the test clock). Hand-computed below each factory:
async fn fixture(app: &TestApp) -> Fixture {
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let factories: Vec<Factory> = admin.get("/api/factories").await.json();
    let obstructed = factories
        .iter()
        .map(|factory| factory.id)
        .find(|id| *id != injae && *id != sabrina)
        .expect("a third demo factory");
    let questions = five_questions(&current_checklist(&mut admin).await.content);
    let (no, yes) = ("non_compliant", "compliant");
    // Injae: assessed 2026-06-01, 3 of 5 points non-compliant (60 %), one critical issue;
    // due 2026-12-01, 45 days overdue; 228 days since the visit (under 270: no reason).
    let choices = [no, no, yes, yes, no];
    let answers: Vec<(&str, &str)> = questions
        .iter()
        .zip(choices)
        .map(|((question, _), choice)| (question.as_str(), choice))
        .collect();
    let assessment = publish_assessment(app, injae, "2026-06-01", &answers).await;
    // One corrective action past its target date (overdue), one not yet due.
    let mut manager = app.login_demo("factory").await;
    for (question, target) in [
        (&questions[0].0, "2027-01-10"),
        (&questions[4].0, "2027-02-28"),
    ] {
        manager
            .post(
                &format!("/api/reports/{assessment}/corrective-actions"),
                &json!({ "question_code": question, "description": "Pay the difference",
                         "responsible": "HR manager", "target_date": target,
                         "status": "planned" }),
            )
            .await
            .assert_status(StatusCode::CREATED);
    }
    // Injae's manager then rates the three points the monitors found non-compliant as
    // compliant in a self-assessment of their clusters: 3 blind spots (the corrective actions
    // are not done), 2 points each.
    let content = current_checklist(&mut admin).await.content;
    let mut clusters: Vec<&str> = [0, 1, 4]
        .iter()
        .map(|index| {
            content
                .clusters
                .iter()
                .find(|cluster| cluster.points.iter().any(|p| p.code == questions[*index].1))
                .expect("the point's cluster")
                .code
                .as_str()
        })
        .collect();
    clusters.sort_unstable();
    clusters.dedup();
    let choices: HashMap<&str, AnswerChoice> = [0, 1, 4]
        .iter()
        .map(|index| (questions[*index].0.as_str(), AnswerChoice::Compliant))
        .collect();
    completed(&mut manager, &clusters, &choices).await;
    // Sabrina: assessed 2026-10-20, all compliant; due 2027-04-20 (not overdue); a union
    // concern verified today and no visit since.
    publish_assessment(
        app,
        sabrina,
        "2026-10-20",
        &[(&questions[2].0, yes), (&questions[3].0, yes)],
    )
    .await;
    let mut union = app.login_demo("union").await;
    let concern: Value = union
        .post(
            "/api/concerns",
            &json!({ "factory_id": sabrina, "category": "working_hours",
                     "description": "Sunday work without pay in the cutting section" }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    app.login_demo("monitor")
        .await
        .post(
            &format!("/api/concerns/{}/review", concern["id"]),
            &json!({ "outcome": "verified", "note": "Time cards confirm Sunday work" }),
        )
        .await
        .assert_status(StatusCode::OK);
    // The third factory: an assessment obstructed at the gate on 2026-03-01, never assessed;
    // 320 days since that visit.
    let mut monitor = app.login_demo("monitor").await;
    let visit = create_visit(&mut monitor, obstructed).await;
    sqlx::query(
        "update visits set start_date = '2026-03-01', end_date = '2026-03-01' where id = $1",
    )
    .bind(visit.id)
    .execute(&app.db.pool)
    .await
    .expect("date the obstructed visit");
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &json!({ "outcome": "non_cooperation", "gate_wait_minutes": 95,
                     "non_cooperation_details": "Refused entry after 95 minutes at the gate." }),
        )
        .await
        .assert_status(StatusCode::OK);
    Fixture {
        injae,
        sabrina,
        obstructed,
        questions,
    }
}

async fn the_planner_scores_factories_as_computed_by_hand(app: TestApp) {
    // Arrange
    let fixture = fixture(&app).await;
    let mut approver = app.login_demo("approver").await;

    // Act
    let planner = read_planner(&mut approver, "").await;

    // Assert
    assert_eq!(planner.today, "2027-01-15");
    let injae = row(&planner, fixture.injae);
    assert_eq!(injae.last_assessment.as_deref(), Some("2026-06-01"));
    assert_eq!(injae.next_visit_due.as_deref(), Some("2026-12-01"));
    assert_eq!(injae.overdue_days, Some(45));
    // 60 % → 10 + (60 − 30) / 5 = 16; one critical issue 15; three blind spots 6; one
    // overdue action 5.
    assert_eq!(
        reasons(injae),
        [
            ("low_compliance", 60, 16),
            ("critical_issues", 1, 15),
            ("blind_spots", 3, 6),
            ("overdue_actions", 1, 5)
        ]
    );
    assert_eq!(injae.risk.score, 42);
    let sabrina = row(&planner, fixture.sabrina);
    assert_eq!(sabrina.next_visit_due.as_deref(), Some("2027-04-20"));
    assert_eq!(sabrina.overdue_days, Some(0));
    assert_eq!(reasons(sabrina), [("concerns", 1, 30)]);
    let obstructed = row(&planner, fixture.obstructed);
    assert_eq!(obstructed.last_assessment, None);
    assert_eq!(obstructed.overdue_days, None);
    let last = obstructed
        .last_visit
        .as_ref()
        .expect("the obstructed visit");
    assert_eq!(last.outcome.as_deref(), Some("non_cooperation"));
    assert_eq!(last.start_date, "2026-03-01");
    // 40 for the obstruction; 320 days → 10 + (320 − 270) / 30 = 11.
    assert_eq!(
        reasons(obstructed),
        [("non_cooperation", 1, 40), ("long_since_visit", 320, 11)]
    );
    // Highest risk first; the three never-visited demo factories (25 each) follow by name.
    let order: Vec<i64> = planner.rows.iter().map(|row| row.factory_id).collect();
    assert_eq!(
        order[..3],
        [fixture.obstructed, fixture.injae, fixture.sabrina]
    );
    let rest: Vec<&PlannerRow> = planner.rows[3..].iter().collect();
    assert_eq!(rest.len(), 3, "six demo factories");
    assert!(rest
        .iter()
        .all(|row| reasons(row) == [("never_visited", 0, 25)] && row.overdue_days.is_none()));
    assert!(rest
        .windows(2)
        .all(|pair| pair[0].factory_name <= pair[1].factory_name));
    // The demo monitor led all three visits.
    let monitor: CurrentUser = app.login_demo("monitor").await.me().await.json();
    let led = read_planner(&mut approver, &format!("?monitor_id={}", monitor.id)).await;
    let mut led: Vec<i64> = led.rows.iter().map(|row| row.factory_id).collect();
    led.sort();
    let mut expected = vec![fixture.injae, fixture.sabrina, fixture.obstructed];
    expected.sort();
    assert_eq!(led, expected);
    let province = injae.province.clone();
    let in_province = read_planner(
        &mut approver,
        &format!("?province={}", province.replace(' ', "%20")),
    )
    .await;
    assert!(!in_province.rows.is_empty());
    assert!(in_province.rows.iter().all(|row| row.province == province));
    assert_eq!(
        in_province.rows.len(),
        planner
            .rows
            .iter()
            .filter(|row| row.province == province)
            .count()
    );
    let bad_group = approver
        .get("/api/planning?dimension=colour&group=blue")
        .await
        .field_errors();
    assert_eq!(bad_group, fields(&[("dimension", "choose_one")]));
}
both_databases!(the_planner_scores_factories_as_computed_by_hand);

fn follow_up(factory_id: i64, monitor_id: i64, scope: &[&str]) -> Value {
    json!({
        "factory_id": factory_id,
        "visit_type": "follow_up",
        "starts_on": "2027-01-18",
        "ends_on": "2027-01-29",
        "lead_monitor_id": monitor_id,
        "scope": scope,
        "note": "Check overtime pay and the fire exits.",
    })
}

/// A second monitor, signed in.
async fn second_monitor(app: &TestApp) -> TestClient {
    let mut admin = app.login_demo("admin").await;
    let created: TemporaryPasswordResponse = admin
        .post(
            "/api/users",
            &json!({ "username": "monitor.two", "display_name": "Sok Vanna", "role": "monitor" }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let password = "mekong river at dawn in kratie";
    let mut client = app.login("monitor.two", &created.temporary_password).await;
    client
        .change_password(&created.temporary_password, password)
        .await
        .assert_status(StatusCode::OK);
    app.login("monitor.two", password).await
}

async fn a_scoped_follow_up_is_planned_carried_out_and_kept_out_of_industry_figures(app: TestApp) {
    // Arrange
    let fixture = fixture(&app).await;
    let (scoped_question, scoped_point) = fixture.questions[0].clone();
    let (_, second_point) = fixture.questions[4].clone();
    let (outside_question, _) = fixture.questions[2].clone();
    let mut admin = app.login_demo("admin").await;
    let mut monitor = app.login_demo("monitor").await;
    let me: CurrentUser = monitor.me().await.json();
    let trainer: CurrentUser = app.login_demo("trainer").await.me().await.json();
    let overview_before: IndustryOverview = admin.get("/api/analytics/overview").await.json();

    // Act: plan, with mistakes first.
    let special_without_points = admin
        .post(
            "/api/planning/visits",
            &json!({ "factory_id": fixture.injae, "visit_type": "special_check",
                     "starts_on": "2027-01-18", "ends_on": "2027-01-20",
                     "lead_monitor_id": trainer.id }),
        )
        .await
        .field_errors();
    let unknown_point = admin
        .post(
            "/api/planning/visits",
            &follow_up(fixture.injae, me.id, &["ZZ.99"]),
        )
        .await
        .field_errors();
    let planned: PlannedVisit = admin
        .post(
            "/api/planning/visits",
            &follow_up(fixture.injae, me.id, &[&scoped_point, &second_point]),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let twice = admin
        .post(
            "/api/planning/visits",
            &follow_up(fixture.injae, me.id, &[]),
        )
        .await;
    let mine: Vec<PlannedVisit> = monitor.get("/api/planning/visits").await.json();
    let in_planner = read_planner(&mut admin, "").await;
    // The team goes on the fourth day (sessions left idle that long have ended).
    app.advance_minutes(4 * 24 * 60);
    let mut admin = app.login_demo("admin").await;
    let mut monitor = app.login_demo("monitor").await;
    let mut other_monitor = second_monitor(&app).await;
    let not_mine: Vec<PlannedVisit> = other_monitor
        .get(&format!("/api/planning/visits?monitor_id={}", me.id))
        .await
        .json();
    let by_other = other_monitor
        .post(
            "/api/visits",
            &json!({ "factory_id": fixture.injae, "visit_type": "follow_up", "announced": false,
                     "start_date": "2027-01-19", "end_date": "2027-01-19",
                     "planned_visit_id": planned.id }),
        )
        .await
        .field_errors();
    let visit: VisitSummary = monitor
        .post(
            "/api/visits",
            &json!({ "factory_id": fixture.injae, "visit_type": "follow_up", "announced": false,
                     "start_date": "2027-01-19", "end_date": "2027-01-19",
                     "planned_visit_id": planned.id }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let again = monitor
        .post(
            "/api/visits",
            &json!({ "factory_id": fixture.injae, "visit_type": "follow_up", "announced": false,
                     "start_date": "2027-01-19", "end_date": "2027-01-19",
                     "planned_visit_id": planned.id }),
        )
        .await;
    let detail: VisitDetail = monitor
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let outside = monitor
        .post(
            &format!("/api/visits/{}/answers", visit.id),
            &json!({ "answers": [{ "question_code": outside_question, "choice": "compliant",
                                   "changed_at": 1_000 }] }),
        )
        .await
        .field_errors();
    monitor
        .post(
            &format!("/api/visits/{}/answers", visit.id),
            &json!({ "answers": [{ "question_code": scoped_question, "choice": "non_compliant",
                                   "finding": "Overtime still paid at the normal rate.",
                                   "suggestion": "Pay 150 %.", "changed_at": 1_000 }] }),
        )
        .await
        .assert_status(StatusCode::OK);
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &json!({ "outcome": "completed" }),
        )
        .await
        .assert_status(StatusCode::OK);
    step(&mut monitor, visit.id, "submit", "").await;
    let mut approver = app.login_demo("approver").await;
    step(&mut approver, visit.id, "approve", "").await;
    let published = step(&mut approver, visit.id, "publish", "").await;
    let report: FactoryReport = admin
        .get(&format!("/api/reports/{}", visit.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let overview_after: IndustryOverview = admin.get("/api/analytics/overview").await.json();
    let after = read_planner(&mut admin, "").await;
    let started: Vec<PlannedVisit> = monitor
        .get("/api/planning/visits?status=started")
        .await
        .json();

    // Assert
    assert_eq!(
        special_without_points,
        fields(&[
            ("scope", "choose_points"),
            ("lead_monitor_id", "monitor_unknown")
        ])
    );
    assert_eq!(unknown_point, fields(&[("scope", "point_unknown")]));
    let mut scope = vec![scoped_point.clone(), second_point.clone()];
    scope.sort();
    assert_eq!(planned.scope, scope);
    assert_eq!(planned.status, "planned");
    twice.assert_error(StatusCode::CONFLICT, "visit_already_planned");
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, planned.id);
    assert!(
        not_mine.is_empty(),
        "a monitor sees only their own schedule"
    );
    assert_eq!(row(&in_planner, fixture.injae).planned.len(), 1);
    assert_eq!(
        by_other,
        fields(&[("planned_visit_id", "planned_visit_unknown")])
    );
    again.assert_error(StatusCode::CONFLICT, "planned_visit_closed");
    assert_eq!(detail.scope, scope);
    assert_eq!(
        report.scope, scope,
        "the report says which points the visit covered"
    );
    let content = current_checklist(&mut admin).await.content;
    let scoped_questions: i64 = content
        .clusters
        .iter()
        .flat_map(|cluster| &cluster.points)
        .filter(|point| scope.contains(&point.code))
        .map(|point| point.questions.len() as i64)
        .sum();
    assert!(
        (1..=2).contains(&detail.progress.len()),
        "only the scoped clusters"
    );
    assert_eq!(
        detail
            .progress
            .iter()
            .map(|cluster| cluster.total)
            .sum::<i64>(),
        scoped_questions,
        "only the scoped points' questions"
    );
    assert_eq!(
        outside,
        fields(&[("answers.0.question_code", "not_in_scope")])
    );
    let scores = published.scores.expect("published scores");
    let assessed: i64 = scores.clusters.iter().map(|c| c.points_assessed).sum();
    assert_eq!(assessed, 1, "the partial visit scores only what it covered");
    assert_eq!(
        overview_after, overview_before,
        "a partial visit never changes industry figures"
    );
    // The planner still rates Injae on its full assessment; the follow-up is its last visit.
    let injae = row(&after, fixture.injae);
    assert_eq!(injae.last_assessment.as_deref(), Some("2026-06-01"));
    assert_eq!(
        injae.last_visit.as_ref().map(|v| v.visit_type.as_str()),
        Some("follow_up")
    );
    assert!(reasons(injae).contains(&("low_compliance", 60, 16)));
    assert!(injae.planned.is_empty());
    assert_eq!(started.len(), 1);
    assert_eq!(started[0].visit_id, Some(visit.id));
}
both_databases!(a_scoped_follow_up_is_planned_carried_out_and_kept_out_of_industry_figures);

async fn a_planned_visit_is_called_off_with_a_reason(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let monitor: CurrentUser = app.login_demo("monitor").await.me().await.json();
    let planned: PlannedVisit = admin
        .post("/api/planning/visits", &follow_up(sabrina, monitor.id, &[]))
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let path = format!("/api/planning/visits/{}/cancellation", planned.id);

    // Act
    let without_reason = admin
        .post(&path, &json!({ "reason": "  " }))
        .await
        .field_errors();
    let cancelled: PlannedVisit = admin
        .post(
            &path,
            &json!({ "reason": "Factory closed for the Khmer New Year" }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    let twice = admin.post(&path, &json!({ "reason": "again" })).await;
    let planned_now: Vec<PlannedVisit> = admin.get("/api/planning/visits").await.json();
    let all: Vec<PlannedVisit> = admin.get("/api/planning/visits?status=all").await.json();
    let replanned = admin
        .post("/api/planning/visits", &follow_up(sabrina, monitor.id, &[]))
        .await;

    // Assert
    assert_eq!(without_reason, fields(&[("reason", "required")]));
    assert_eq!(cancelled.status, "cancelled");
    twice.assert_error(StatusCode::CONFLICT, "planned_visit_closed");
    assert!(planned_now.is_empty());
    assert_eq!(all.len(), 1);
    replanned.assert_status(StatusCode::CREATED);
    let events: i64 =
        sqlx::query_scalar("select count(*) from planned_visit_events where planned_visit_id = $1")
            .bind(planned.id)
            .fetch_one(&app.db.pool)
            .await
            .expect("events");
    assert_eq!(events, 2, "planned and cancelled, each kept");
}
both_databases!(a_planned_visit_is_called_off_with_a_reason);

async fn every_planning_endpoint_answers_each_role(app: TestApp) {
    // Arrange
    let calls = vec![
        Call::get(
            "/api/planning".into(),
            [200, 200, 200, 403, 403, 403, 403, 403],
        ),
        Call::get(
            "/api/planning/visits".into(),
            [200, 200, 200, 403, 403, 403, 403, 403],
        ),
        // Gets as far as the plan's check for those who may plan.
        Call::post(
            "/api/planning/visits".into(),
            json!({ "factory_id": 0, "visit_type": "assessment", "starts_on": "",
                    "ends_on": "", "lead_monitor_id": 0 }),
            [422, 403, 422, 403, 403, 403, 403, 403],
        ),
        Call::post(
            "/api/planning/visits/999999/cancellation".into(),
            json!({ "reason": "Not needed" }),
            [404, 403, 404, 403, 403, 403, 403, 403],
        ),
    ];

    // Act
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);

    // Assert
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(every_planning_endpoint_answers_each_role);
