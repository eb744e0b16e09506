//! `/api/visits`: monitors create visits and capture answers and facts, approvers review and
//! publish, factory managers read their published reports.

use axum::http::StatusCode;
use backend::clock::Clock;
use serde_json::{json, Value};
use shared::api::auth::CurrentUser;
use shared::api::factories::Factory;
use shared::api::users::TemporaryPasswordResponse;
use shared::api::visits::{
    Answer, ClusterCapture, Finding, HistoryEntry, NonCooperationRecord, SaveAnswers, SavedAnswers,
    VisitDetail, VisitFacts, VisitSummary,
};
use shared::checklist::{
    ChecklistContent, ChecklistQuestion, Cluster, CompliancePoint, QuestionKind,
};
use shared::visit::{AnswerChoice, VisitOutcome, VisitStatus};

use crate::checklists::current_checklist;
use crate::helpers::{fields, TestApp, TestClient, TestResponse, START};

/// The demo factory of the demo factory manager.
pub(crate) const INJAE: &str = "Injae Garment Co. Ltd.";
/// Another demo factory, which the demo factory manager has nothing to do with.
pub(crate) const SABRINA: &str = "Sabrina (Cambodia) Garment Manufacturing Corp.";

/// The id of the demo factory called `name`.
pub(crate) async fn factory_id(staff: &mut TestClient, name: &str) -> i64 {
    let factories: Vec<Factory> = staff
        .get("/api/factories")
        .await
        .assert_status(StatusCode::OK)
        .json();
    factories
        .iter()
        .find(|factory| factory.name == name)
        .unwrap_or_else(|| panic!("a demo factory {name}"))
        .id
}

pub(crate) fn new_visit(factory_id: i64) -> Value {
    json!({
        "factory_id": factory_id,
        "visit_type": "assessment",
        "announced": false,
        "start_date": "2027-01-15",
        "end_date": "2027-01-16",
    })
}

/// A visit created by `monitor`, who leads it.
pub(crate) async fn create_visit(monitor: &mut TestClient, factory_id: i64) -> VisitSummary {
    monitor
        .post("/api/visits", &new_visit(factory_id))
        .await
        .assert_status(StatusCode::CREATED)
        .json()
}

/// Asks for a workflow step.
pub(crate) async fn transition(
    client: &mut TestClient,
    visit_id: i64,
    step: &str,
    reason: &str,
) -> TestResponse {
    let body = json!({ "transition": step, "reason": reason });
    client
        .post(&format!("/api/visits/{visit_id}/transitions"), &body)
        .await
}

/// Takes a workflow step that must succeed.
pub(crate) async fn step(
    client: &mut TestClient,
    visit_id: i64,
    step: &str,
    reason: &str,
) -> VisitDetail {
    transition(client, visit_id, step, reason)
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// The facts of a visit that went as planned.
pub(crate) fn completed_facts() -> Value {
    json!({ "outcome": "completed", "workers_interviewed": 12 })
}

/// A visit to `factory_id`, saved with a completed outcome and submitted.
pub(crate) async fn submitted_visit(app: &TestApp, factory_id: i64) -> VisitSummary {
    let mut monitor = app.login_demo("monitor").await;
    let visit = create_visit(&mut monitor, factory_id).await;
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &completed_facts(),
        )
        .await
        .assert_status(StatusCode::OK);
    step(&mut monitor, visit.id, "submit", "").await.summary
}

/// A visit to `factory_id` taken through the whole workflow by the demo monitor and approver.
pub(crate) async fn published_visit(app: &TestApp, factory_id: i64) -> VisitSummary {
    let visit = submitted_visit(app, factory_id).await;
    let mut approver = app.login_demo("approver").await;
    step(&mut approver, visit.id, "approve", "").await;
    step(&mut approver, visit.id, "publish", "").await.summary
}

/// A second monitor account, signed in with its own password, and its user id.
pub(crate) async fn another_monitor(app: &TestApp) -> (TestClient, i64) {
    let mut admin = app.login_demo("admin").await;
    let body = json!({
        "username": "sokha.chea",
        "display_name": "Sokha Chea",
        "role": "monitor",
        "email": "sokha@example.org",
    });
    let created: TemporaryPasswordResponse = admin
        .post("/api/users", &body)
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let password = "mango trees by the mekong river";
    let mut newcomer = app.login("sokha.chea", &created.temporary_password).await;
    newcomer
        .change_password(&created.temporary_password, password)
        .await
        .assert_status(StatusCode::OK);
    (app.login("sokha.chea", password).await, created.user.id)
}

async fn user_id(client: &mut TestClient) -> i64 {
    client.me().await.json::<CurrentUser>().id
}

pub(crate) fn answer(
    question: &ChecklistQuestion,
    choice: AnswerChoice,
    changed_at: i64,
) -> Answer {
    let (finding, suggestion) = if choice == AnswerChoice::NonCompliant {
        (
            format!("Not in place ({}).", question.code),
            format!("Put it in place ({}).", question.code),
        )
    } else {
        (String::new(), String::new())
    };
    Answer {
        question_code: question.code.clone(),
        choice: Some(choice),
        finding,
        suggestion,
        changed_at,
        ..Answer::default()
    }
}

pub(crate) fn batch(answers: Vec<Answer>) -> SaveAnswers {
    SaveAnswers { answers }
}

pub(crate) fn yes_no_questions(point: &CompliancePoint) -> Vec<&ChecklistQuestion> {
    point
        .questions
        .iter()
        .filter(|question| question.kind == QuestionKind::YesNo)
        .collect()
}

/// The points of `cluster` with a scored question and no critical one.
fn plain_points(cluster: &Cluster) -> Vec<&CompliancePoint> {
    cluster
        .points
        .iter()
        .filter(|point| point.questions.iter().all(|q| q.critical_issue.is_none()))
        .filter(|point| !yes_no_questions(point).is_empty())
        .collect()
}

/// The first question of `kind` anywhere in the checklist.
fn first_of_kind(content: &ChecklistContent, kind: QuestionKind) -> &ChecklistQuestion {
    content
        .questions()
        .find(|question| question.kind == kind)
        .unwrap_or_else(|| panic!("a {kind:?} question in the checklist"))
}

/// The first scored cluster's code and its first scored question.
pub(crate) fn first_scored_question(content: &ChecklistContent) -> (&str, &ChecklistQuestion) {
    let cluster = content
        .clusters
        .iter()
        .find(|cluster| cluster.scored)
        .expect("a scored cluster");
    let question = cluster
        .questions()
        .find(|question| question.kind == QuestionKind::YesNo)
        .expect("a scored question");
    (&cluster.code, question)
}

/// Answers chosen to exercise the scoring rules, read from whatever the checklist holds:
/// in the first scored cluster that has three points without critical questions, point A gets one compliant and one non-compliant answer
/// (non-compliant), point B one compliant answer (compliant) and point C one "not applicable"
/// (not assessed), all three points without critical questions; one question evidencing a
/// critical issue, on a point of its own, is non-compliant.
struct ScoringPlan {
    answers: Vec<Answer>,
    /// (cluster code, points assessed, points non-compliant) for every scored cluster.
    expected: Vec<(String, i64, i64)>,
    critical_issue: i64,
    /// The non-compliant questions, in checklist order.
    non_compliant: Vec<ChecklistQuestion>,
}

impl ScoringPlan {
    fn new(content: &ChecklistContent, changed_at: i64) -> ScoringPlan {
        let scored = || content.clusters.iter().filter(|cluster| cluster.scored);
        let (critical_cluster, critical) = scored()
            .flat_map(|cluster| cluster.questions().map(move |question| (cluster, question)))
            .find(|(_, question)| {
                question.kind == QuestionKind::YesNo && question.critical_issue.is_some()
            })
            .expect("a scored question evidencing a critical issue");
        // Points A, B and C have no critical question, so the critical one is on another point.
        let (plain_cluster, point_a, point_b, point_c) = scored()
            .find_map(|cluster| {
                let points = plain_points(cluster);
                let a = *points
                    .iter()
                    .find(|point| yes_no_questions(point).len() >= 2)?;
                let mut others = points.iter().filter(|point| point.code != a.code);
                Some((cluster, a, *others.next()?, *others.next()?))
            })
            .expect("a scored cluster with three points without critical questions");
        let a = yes_no_questions(point_a);
        let mut answers = vec![
            answer(a[0], AnswerChoice::Compliant, changed_at),
            answer(a[1], AnswerChoice::NonCompliant, changed_at),
            answer(
                yes_no_questions(point_b)[0],
                AnswerChoice::Compliant,
                changed_at,
            ),
            answer(
                yes_no_questions(point_c)[0],
                AnswerChoice::NotApplicable,
                changed_at,
            ),
            answer(critical, AnswerChoice::NonCompliant, changed_at),
        ];
        // A fact-gathering answer, which is never scored.
        answers.push(Answer {
            question_code: first_of_kind(content, QuestionKind::Number).code.clone(),
            value: "12".to_owned(),
            changed_at,
            ..Answer::default()
        });
        // By hand: A, B and C's cluster has A (non-compliant) and B (compliant) assessed, C not;
        // the critical question's point is assessed and non-compliant in its own cluster.
        let expected = content
            .clusters
            .iter()
            .filter(|cluster| cluster.scored)
            .map(|cluster| {
                let (mut assessed, mut non_compliant) = (0, 0);
                if cluster.code == plain_cluster.code {
                    (assessed, non_compliant) = (2, 1);
                }
                if cluster.code == critical_cluster.code {
                    (assessed, non_compliant) = (assessed + 1, non_compliant + 1);
                }
                (cluster.code.clone(), assessed, non_compliant)
            })
            .collect();
        let mut non_compliant = vec![a[1].clone(), critical.clone()];
        let position = |code: &str| content.questions().position(|q| q.code == code);
        non_compliant.sort_by_key(|question| position(&question.code));
        ScoringPlan {
            answers,
            expected,
            critical_issue: critical.critical_issue.expect("a critical issue number"),
            non_compliant,
        }
    }
}

fn history_of(detail: &VisitDetail) -> Vec<(Option<VisitStatus>, VisitStatus, &str, &str)> {
    detail
        .history
        .iter()
        .map(|entry: &HistoryEntry| {
            (
                entry.from_status,
                entry.to_status,
                entry.actor_name.as_str(),
                entry.reason.as_str(),
            )
        })
        .collect()
}

/// What the answers say, without the server's bookkeeping (revision and conflict).
pub(crate) fn said(answers: impl IntoIterator<Item = Answer>) -> Vec<Answer> {
    answers
        .into_iter()
        .map(|answer| Answer {
            revision: None,
            conflict: None,
            ..answer
        })
        .collect()
}

/// The stored answers of one cluster, as the server returns them.
pub(crate) async fn stored_answers(
    client: &mut TestClient,
    visit_id: i64,
    cluster: &str,
) -> Vec<Answer> {
    let capture: ClusterCapture = client
        .get(&format!("/api/visits/{visit_id}/clusters/{cluster}"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    capture.answers
}

/// What the stored answers of one cluster say.
pub(crate) async fn answers_of(
    client: &mut TestClient,
    visit_id: i64,
    cluster: &str,
) -> Vec<Answer> {
    said(stored_answers(client, visit_id, cluster).await)
}

// --- Creating visits -------------------------------------------------------------------

async fn a_monitor_creates_a_draft_visit_on_the_current_checklist(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let monitor_id = user_id(&mut monitor).await;
    let (mut second, second_id) = another_monitor(&app).await;
    let checklist = current_checklist(&mut monitor).await;
    let factory = factory_id(&mut monitor, SABRINA).await;
    let mut input = new_visit(factory);
    input["visit_type"] = json!("follow_up");
    input["announced"] = json!(true);
    input["second_monitor_id"] = json!(second_id);

    // Act
    let response = monitor.post("/api/visits", &input).await;

    // Assert
    let visit: VisitSummary = response.assert_status(StatusCode::CREATED).json();
    assert_eq!(visit.factory_id, factory);
    assert_eq!(visit.factory_name, SABRINA);
    assert_eq!(visit.visit_type.as_str(), "follow_up");
    assert!(visit.announced);
    assert_eq!(visit.start_date, "2027-01-15");
    assert_eq!(visit.end_date, "2027-01-16");
    assert_eq!(visit.status, VisitStatus::Draft);
    assert_eq!(visit.lead_monitor_id, monitor_id);
    assert_eq!(visit.lead_monitor_name, "Dara Kim");
    assert_eq!(visit.second_monitor_id, Some(second_id));
    assert_eq!(visit.second_monitor_name.as_deref(), Some("Sokha Chea"));
    assert_eq!(visit.checklist_version_id, checklist.version.id);
    assert_eq!(visit.published_at, None);
    let detail: VisitDetail = second
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(detail.summary, visit);
    assert!(detail.on_team, "the second monitor is on the team");
    assert_eq!(detail.checklist_label, checklist.version.label);
    assert_eq!(
        detail.history,
        [HistoryEntry {
            from_status: None,
            to_status: VisitStatus::Draft,
            actor_name: "Dara Kim".to_owned(),
            reason: String::new(),
            occurred_at: START,
        }]
    );
    assert_eq!(detail.scores, None);
    assert_eq!(detail.third_party_visible_from, None);
    assert_eq!(detail.facts, VisitFacts::default());
    assert_eq!(detail.progress.len(), checklist.content.clusters.len());
    assert!(detail.progress.iter().all(|cluster| cluster.answered == 0));
    let listed: Vec<VisitSummary> = monitor.get("/api/visits").await.json();
    assert_eq!(listed, [visit]);
}
both_databases!(a_monitor_creates_a_draft_visit_on_the_current_checklist);

async fn only_monitors_create_visits(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, INJAE).await;

    for username in ["admin", "approver", "trainer", "factory", "buyer", "union"] {
        let mut user = app.login_demo(username).await;

        // Act
        let response = user.post("/api/visits", &new_visit(factory)).await;

        // Assert
        response.assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
    let listed: Vec<VisitSummary> = admin.get("/api/visits").await.json();
    assert!(listed.is_empty());
}
both_databases!(only_monitors_create_visits);

async fn a_visit_with_bad_facts_is_refused_field_by_field(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let monitor_id = user_id(&mut monitor).await;
    let factory = factory_id(&mut monitor, INJAE).await;
    let mut backwards = new_visit(factory);
    backwards["end_date"] = json!("2027-01-14");
    let mut unknown_factory = new_visit(999_999);
    unknown_factory["visit_type"] = json!("inspection");
    let mut self_as_second = new_visit(factory);
    self_as_second["second_monitor_id"] = json!(monitor_id);
    let mut approver_as_second = new_visit(factory);
    let approver_id = user_id(&mut app.login_demo("approver").await).await;
    approver_as_second["second_monitor_id"] = json!(approver_id);
    let mut bad_date = new_visit(factory);
    bad_date["start_date"] = json!("2027-02-30");

    // Act
    let backwards = monitor.post("/api/visits", &backwards).await;
    let unknown_factory = monitor.post("/api/visits", &unknown_factory).await;
    let self_as_second = monitor.post("/api/visits", &self_as_second).await;
    let approver_as_second = monitor.post("/api/visits", &approver_as_second).await;
    let bad_date = monitor.post("/api/visits", &bad_date).await;

    // Assert
    assert_eq!(
        backwards.field_errors(),
        fields(&[("end_date", "end_before_start")])
    );
    assert_eq!(
        unknown_factory.field_errors(),
        fields(&[
            ("visit_type", "choose_one"),
            ("factory_id", "factory_unknown")
        ])
    );
    assert_eq!(
        self_as_second.field_errors(),
        fields(&[("second_monitor_id", "monitor_unknown")])
    );
    assert_eq!(
        approver_as_second.field_errors(),
        fields(&[("second_monitor_id", "monitor_unknown")])
    );
    assert_eq!(
        bad_date.field_errors(),
        fields(&[("start_date", "date_invalid")])
    );
    let listed: Vec<VisitSummary> = monitor.get("/api/visits").await.json();
    assert!(listed.is_empty(), "nothing was stored");
}
both_databases!(a_visit_with_bad_facts_is_refused_field_by_field);

async fn facts_with_bad_counts_measurements_or_dates_are_refused_field_by_field(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    let facts = json!({
        "outcome": "completed",
        "workers_interviewed": -1,
        "measurements": [
            { "kind": "noise_db", "location": "Cutting room", "value": 85.0 },
            { "kind": "light_lux", "location": " ", "value": -3.0 },
        ],
        "documents": [
            { "name": "Payroll", "requested_on": "2027-01-15", "received_on": "2027-01-14" },
            { "name": "", "requested_on": "15/01/2027" },
        ],
    });

    // Act
    let response = monitor
        .put(&format!("/api/visits/{}/facts", visit.id), &facts)
        .await;

    // Assert
    assert_eq!(
        response.field_errors(),
        fields(&[
            ("workers_interviewed", "count_invalid"),
            ("measurements.1.location", "required"),
            ("measurements.1.value", "measurement_out_of_range"),
            ("documents.0.received_on", "received_before_requested"),
            ("documents.1.name", "required"),
            ("documents.1.requested_on", "date_invalid"),
        ])
    );
    let detail: VisitDetail = monitor
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .json();
    assert_eq!(detail.facts, VisitFacts::default(), "nothing was saved");
}
both_databases!(facts_with_bad_counts_measurements_or_dates_are_refused_field_by_field);

// --- The review workflow ---------------------------------------------------------------

async fn a_report_is_returned_resubmitted_approved_and_published_with_its_scores(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    let checklist = current_checklist(&mut monitor).await;
    let plan = ScoringPlan::new(&checklist.content, 1_800_000_000_000);
    let factory = factory_id(&mut monitor, SABRINA).await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}", visit.id);
    let facts = json!({
        "outcome": "completed",
        "gate_wait_minutes": 15,
        "workers_interviewed": 24,
        "managers_interviewed": 3,
        "union_reps_interviewed": 2,
        "measurements": [
            { "kind": "noise_db", "location": "Cutting room", "value": 88.5 },
            { "kind": "temperature_c", "location": "Sewing line 4", "value": 33.0 },
        ],
        "documents": [
            { "name": "Payroll December 2026", "requested_on": "2027-01-28" },
        ],
    });

    // Act: capture, submit, return, correct, resubmit, approve, publish.
    app.advance_minutes(60);
    let saved = monitor
        .post(&format!("{path}/answers"), &batch(plan.answers.clone()))
        .await;
    let saved_facts = monitor.put(&format!("{path}/facts"), &facts).await;
    app.advance_minutes(60);
    let submitted = step(&mut monitor, visit.id, "submit", "").await;
    app.advance_minutes(60);
    let returned = step(
        &mut approver,
        visit.id,
        "return",
        "  Please add the payroll finding.  ",
    )
    .await;
    let mut corrected = answer(
        &plan.non_compliant[0],
        AnswerChoice::NonCompliant,
        1_800_000_100_000,
    );
    corrected.finding = "Corrected after review.".to_owned();
    let correction = monitor
        .post(&format!("{path}/answers"), &batch(vec![corrected]))
        .await;
    app.advance_minutes(60);
    let resubmitted = step(&mut monitor, visit.id, "submit", "").await;
    app.advance_minutes(60);
    let approved = step(&mut approver, visit.id, "approve", "").await;
    app.advance_minutes(60);
    let published_at = app.clock.now();
    let published = step(&mut approver, visit.id, "publish", "").await;

    // Assert: what each step returned.
    let saved: SavedAnswers = saved.assert_status(StatusCode::OK).json();
    assert_eq!(saved.answers.len(), plan.answers.len());
    let facts: VisitFacts = saved_facts.assert_status(StatusCode::OK).json();
    assert_eq!(facts.outcome, Some(VisitOutcome::Completed));
    assert_eq!(facts.gate_wait_minutes, Some(15));
    assert_eq!(facts.workers_interviewed, Some(24));
    assert_eq!(facts.measurements.len(), 2);
    assert_eq!(facts.measurements[0].location, "Cutting room");
    assert_eq!(facts.measurements[0].value, 88.5);
    assert_eq!(facts.documents.len(), 1);
    assert_eq!(facts.documents[0].requested_on, "2027-01-28");
    assert_eq!(facts.documents[0].due_on, "2027-02-04", "seven days later");
    assert_eq!(facts.documents[0].received_on, None);
    assert_eq!(submitted.summary.status, VisitStatus::Submitted);
    assert_eq!(returned.summary.status, VisitStatus::Returned);
    correction.assert_status(StatusCode::OK);
    assert_eq!(resubmitted.summary.status, VisitStatus::Submitted);
    assert_eq!(approved.summary.status, VisitStatus::Approved);
    assert_eq!(approved.scores, None, "scores are computed at publication");
    assert_eq!(published.summary.status, VisitStatus::Published);
    assert_eq!(published.summary.published_at, Some(published_at));
    assert_eq!(
        published.third_party_visible_from,
        Some(published_at + 432_000),
        "five days after publication"
    );

    // Assert: the history, in order, with who did what.
    let hour = 3600;
    let expected_history = vec![
        (None, VisitStatus::Draft, "Dara Kim", "", START),
        (
            Some(VisitStatus::Draft),
            VisitStatus::Submitted,
            "Dara Kim",
            "",
            START + 2 * hour,
        ),
        (
            Some(VisitStatus::Submitted),
            VisitStatus::Returned,
            "Maria Santos",
            "Please add the payroll finding.",
            START + 3 * hour,
        ),
        (
            Some(VisitStatus::Returned),
            VisitStatus::Submitted,
            "Dara Kim",
            "",
            START + 4 * hour,
        ),
        (
            Some(VisitStatus::Submitted),
            VisitStatus::Approved,
            "Maria Santos",
            "",
            START + 5 * hour,
        ),
        (
            Some(VisitStatus::Approved),
            VisitStatus::Published,
            "Maria Santos",
            "",
            START + 6 * hour,
        ),
    ];
    let history: Vec<_> = published
        .history
        .iter()
        .map(|entry| {
            (
                entry.from_status,
                entry.to_status,
                entry.actor_name.as_str(),
                entry.reason.as_str(),
                entry.occurred_at,
            )
        })
        .collect();
    assert_eq!(history, expected_history);
    assert_eq!(history_of(&returned).len(), 3);
    assert_eq!(
        history_of(&returned)[2].3,
        "Please add the payroll finding."
    );

    // Assert: the stored scores.
    let scores = published
        .scores
        .clone()
        .expect("a published report has scores");
    let stored: Vec<(String, i64, i64)> = scores
        .clusters
        .iter()
        .map(|cluster| {
            (
                cluster.code.clone(),
                cluster.points_assessed,
                cluster.points_non_compliant,
            )
        })
        .collect();
    assert_eq!(stored, plan.expected);
    for (cluster, (_, assessed, non_compliant)) in scores.clusters.iter().zip(&plan.expected) {
        match cluster.non_compliance_rate {
            None => assert_eq!(*assessed, 0, "{}", cluster.code),
            Some(rate) => {
                let expected = *non_compliant as f64 / *assessed as f64 * 100.0;
                assert!((rate - expected).abs() < 1e-9, "{}: {rate}", cluster.code);
            }
        }
    }
    assert_eq!(scores.critical_issues, [plan.critical_issue]);

    // Assert: everyone on the programme reads the same report later.
    let read: VisitDetail = app
        .login_demo("trainer")
        .await
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(read.scores, published.scores);
    assert_eq!(read.facts, facts);
    assert!(!read.on_team);
    let findings: Vec<Finding> = monitor.get(&format!("{path}/findings")).await.json();
    let first = findings
        .iter()
        .find(|finding| finding.question_code == plan.non_compliant[0].code)
        .expect("the corrected finding");
    assert_eq!(first.finding, "Corrected after review.");
}
both_databases!(a_report_is_returned_resubmitted_approved_and_published_with_its_scores);

async fn every_step_is_refused_from_every_state_where_it_does_not_apply(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &completed_facts(),
        )
        .await
        .assert_status(StatusCode::OK);
    // The state a visit is in, then the steps that must be refused there.
    let mut refused = Vec::new();

    // Act: at each state, every wrong step by the role that may take it elsewhere.
    for (state, wrong_steps, next) in [
        (
            VisitStatus::Draft,
            &["return", "approve", "publish"][..],
            Some(("submit", "monitor")),
        ),
        (
            VisitStatus::Submitted,
            &["submit", "publish"][..],
            Some(("return", "approver")),
        ),
        (
            VisitStatus::Returned,
            &["return", "approve", "publish"][..],
            Some(("submit", "monitor")),
        ),
        (
            VisitStatus::Submitted,
            &["submit", "publish"][..],
            Some(("approve", "approver")),
        ),
        (
            VisitStatus::Approved,
            &["submit", "return", "approve"][..],
            Some(("publish", "approver")),
        ),
        (
            VisitStatus::Published,
            &["submit", "return", "approve", "publish"][..],
            None,
        ),
    ] {
        for wrong in wrong_steps {
            let client = if *wrong == "submit" {
                &mut monitor
            } else {
                &mut approver
            };
            let response = transition(client, visit.id, wrong, "A reason").await;
            refused.push((state, *wrong, response));
        }
        if let Some((next, by)) = next {
            let client = if by == "monitor" {
                &mut monitor
            } else {
                &mut approver
            };
            let moved = step(client, visit.id, next, "A reason").await;
            assert_ne!(moved.summary.status, state);
        }
    }

    // Assert
    assert_eq!(refused.len(), 17);
    for (state, wrong, response) in &refused {
        assert_eq!(
            response.status,
            StatusCode::CONFLICT,
            "{wrong} from {state:?}: {}",
            response.text()
        );
        response.assert_error(StatusCode::CONFLICT, "transition_wrong_state");
    }
    let detail: VisitDetail = monitor
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .json();
    assert_eq!(detail.history.len(), 6, "refused steps leave no history");
}
both_databases!(every_step_is_refused_from_every_state_where_it_does_not_apply);

async fn each_step_is_refused_to_the_wrong_roles(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    let mut admin = app.login_demo("admin").await;
    let mut trainer = app.login_demo("trainer").await;
    let (mut outsider_monitor, _) = another_monitor(&app).await;
    let factory = factory_id(&mut monitor, INJAE).await;
    let draft = create_visit(&mut monitor, factory).await;
    monitor
        .put(
            &format!("/api/visits/{}/facts", draft.id),
            &completed_facts(),
        )
        .await
        .assert_status(StatusCode::OK);
    let submitted = submitted_visit(&app, factory).await;
    let approved = submitted_visit(&app, factory).await;
    step(&mut approver, approved.id, "approve", "").await;
    let published = published_visit(&app, factory).await;
    let mut manager = app.login_demo("factory").await;

    // Act
    let refusals = vec![
        (
            "approver submits",
            transition(&mut approver, draft.id, "submit", "").await,
        ),
        (
            "admin submits",
            transition(&mut admin, draft.id, "submit", "").await,
        ),
        (
            "a monitor off the team submits",
            transition(&mut outsider_monitor, draft.id, "submit", "").await,
        ),
        (
            "the monitor approves",
            transition(&mut monitor, submitted.id, "approve", "").await,
        ),
        (
            "the monitor returns",
            transition(&mut monitor, submitted.id, "return", "Why").await,
        ),
        (
            "a trainer approves",
            transition(&mut trainer, submitted.id, "approve", "").await,
        ),
        (
            "admin approves",
            transition(&mut admin, submitted.id, "approve", "").await,
        ),
        (
            "admin publishes",
            transition(&mut admin, approved.id, "publish", "").await,
        ),
        (
            "the monitor publishes",
            transition(&mut monitor, approved.id, "publish", "").await,
        ),
    ];
    let mut manager_refusals = Vec::new();
    for wrong in ["submit", "return", "approve", "publish"] {
        manager_refusals.push(transition(&mut manager, published.id, wrong, "Why").await);
    }

    // Assert
    for (what, response) in &refusals {
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{what}");
        response.assert_error(StatusCode::FORBIDDEN, "transition_wrong_role");
    }
    for response in &manager_refusals {
        response.assert_error(StatusCode::FORBIDDEN, "transition_wrong_role");
    }
    for (visit, status) in [
        (&draft, VisitStatus::Draft),
        (&submitted, VisitStatus::Submitted),
        (&approved, VisitStatus::Approved),
        (&published, VisitStatus::Published),
    ] {
        let detail: VisitDetail = admin.get(&format!("/api/visits/{}", visit.id)).await.json();
        assert_eq!(detail.summary.status, status);
    }
}
both_databases!(each_step_is_refused_to_the_wrong_roles);

async fn a_return_needs_a_reason(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = submitted_visit(&app, factory).await;

    // Act
    let empty = transition(&mut approver, visit.id, "return", "").await;
    let blank = transition(&mut approver, visit.id, "return", "   ").await;

    // Assert
    assert_eq!(
        empty.field_errors(),
        fields(&[("reason", "reason_required")])
    );
    assert_eq!(
        blank.field_errors(),
        fields(&[("reason", "reason_required")])
    );
    let detail: VisitDetail = monitor
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .json();
    assert_eq!(detail.summary.status, VisitStatus::Submitted);
}
both_databases!(a_return_needs_a_reason);

async fn a_report_without_an_outcome_or_with_incomplete_findings_cannot_be_submitted(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let checklist = current_checklist(&mut monitor).await;
    let (_, question) = first_scored_question(&checklist.content);
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}", visit.id);
    let mut no_suggestion = answer(question, AnswerChoice::NonCompliant, 1_000);
    no_suggestion.suggestion = "  ".to_owned();

    // Act
    let without_outcome = transition(&mut monitor, visit.id, "submit", "").await;
    monitor
        .put(&format!("{path}/facts"), &completed_facts())
        .await
        .assert_status(StatusCode::OK);
    monitor
        .post(&format!("{path}/answers"), &batch(vec![no_suggestion]))
        .await
        .assert_status(StatusCode::OK);
    let incomplete = transition(&mut monitor, visit.id, "submit", "").await;
    let mut no_finding = answer(question, AnswerChoice::NonCompliant, 2_000);
    no_finding.finding = String::new();
    monitor
        .post(&format!("{path}/answers"), &batch(vec![no_finding]))
        .await
        .assert_status(StatusCode::OK);
    let still_incomplete = transition(&mut monitor, visit.id, "submit", "").await;
    monitor
        .post(
            &format!("{path}/answers"),
            &batch(vec![answer(question, AnswerChoice::NonCompliant, 3_000)]),
        )
        .await
        .assert_status(StatusCode::OK);
    let complete = transition(&mut monitor, visit.id, "submit", "").await;

    // Assert
    assert_eq!(
        without_outcome.field_errors(),
        fields(&[("outcome", "outcome_required")])
    );
    assert_eq!(
        incomplete.field_errors(),
        fields(&[("findings", "findings_incomplete")])
    );
    assert_eq!(
        still_incomplete.field_errors(),
        fields(&[("findings", "findings_incomplete")])
    );
    let detail: VisitDetail = complete.assert_status(StatusCode::OK).json();
    assert_eq!(detail.summary.status, VisitStatus::Submitted);
}
both_databases!(a_report_without_an_outcome_or_with_incomplete_findings_cannot_be_submitted);

// --- Answers ---------------------------------------------------------------------------

async fn replaying_the_same_batch_of_answers_is_harmless(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let checklist = current_checklist(&mut monitor).await;
    let (cluster, question) = first_scored_question(&checklist.content);
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}/answers", visit.id);
    let answers = batch(vec![answer(question, AnswerChoice::NonCompliant, 5_000)]);

    // Act
    let first = monitor.post(&path, &answers).await;
    app.advance_minutes(5);
    let replay = monitor.post(&path, &answers).await;

    // Assert
    let first: SavedAnswers = first.assert_status(StatusCode::OK).json();
    let replay: SavedAnswers = replay.assert_status(StatusCode::OK).json();
    assert_eq!(said(first.answers.clone()), answers.answers);
    assert_eq!(replay, first);
    assert_eq!(
        answers_of(&mut monitor, visit.id, cluster).await,
        answers.answers
    );
    let detail: VisitDetail = monitor
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .json();
    let progress = detail
        .progress
        .iter()
        .find(|progress| progress.code == cluster)
        .expect("the cluster's progress");
    assert_eq!(progress.answered, 1);
    assert_eq!(progress.non_compliant, 1);
    assert_eq!(progress.incomplete_findings, 0);
}
both_databases!(replaying_the_same_batch_of_answers_is_harmless);

async fn an_older_change_does_not_overwrite_a_newer_one(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let checklist = current_checklist(&mut monitor).await;
    let (cluster, question) = first_scored_question(&checklist.content);
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}/answers", visit.id);
    let newer = answer(question, AnswerChoice::Compliant, 9_000);
    let older = answer(question, AnswerChoice::NonCompliant, 8_000);

    // Act
    monitor
        .post(&path, &batch(vec![newer.clone()]))
        .await
        .assert_status(StatusCode::OK);
    let late = monitor.post(&path, &batch(vec![older])).await;

    // Assert
    let late: SavedAnswers = late.assert_status(StatusCode::OK).json();
    assert_eq!(
        said(late.answers),
        std::slice::from_ref(&newer),
        "the response shows what is kept"
    );
    assert_eq!(answers_of(&mut monitor, visit.id, cluster).await, [newer]);
}
both_databases!(an_older_change_does_not_overwrite_a_newer_one);

async fn a_batch_with_an_unknown_question_saves_nothing(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let checklist = current_checklist(&mut monitor).await;
    let (cluster, question) = first_scored_question(&checklist.content);
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    let unknown = Answer {
        question_code: "ZZZ.99.99".to_owned(),
        choice: Some(AnswerChoice::Compliant),
        changed_at: 1_000,
        ..Answer::default()
    };
    let answers = batch(vec![
        answer(question, AnswerChoice::Compliant, 1_000),
        unknown,
    ]);

    // Act
    let response = monitor
        .post(&format!("/api/visits/{}/answers", visit.id), &answers)
        .await;

    // Assert
    assert_eq!(
        response.field_errors(),
        fields(&[("answers.1.question_code", "question_unknown")])
    );
    assert!(answers_of(&mut monitor, visit.id, cluster).await.is_empty());
}
both_databases!(a_batch_with_an_unknown_question_saves_nothing);

async fn answers_must_fit_their_question(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let checklist = current_checklist(&mut monitor).await;
    let number = first_of_kind(&checklist.content, QuestionKind::Number).clone();
    let (_, yes_no) = first_scored_question(&checklist.content);
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}/answers", visit.id);
    let number_answer = |value: &str| Answer {
        question_code: number.code.clone(),
        value: value.to_owned(),
        changed_at: 1_000,
        ..Answer::default()
    };
    let mut valued_yes_no = answer(yes_no, AnswerChoice::Compliant, 1_000);
    valued_yes_no.value = "yes".to_owned();
    let mut chosen_number = number_answer("3");
    chosen_number.choice = Some(AnswerChoice::Compliant);
    let undated = answer(yes_no, AnswerChoice::Compliant, 0);

    // Act
    let word = monitor
        .post(&path, &batch(vec![number_answer("twelve")]))
        .await;
    let mixed = monitor
        .post(&path, &batch(vec![valued_yes_no, chosen_number]))
        .await;
    let undated = monitor.post(&path, &batch(vec![undated])).await;
    let decimal = monitor
        .post(&path, &batch(vec![number_answer("12.5")]))
        .await;

    // Assert
    assert_eq!(
        word.field_errors(),
        fields(&[("answers.0.value", "number_invalid")])
    );
    assert_eq!(
        mixed.field_errors(),
        fields(&[
            ("answers.0.value", "value_not_expected"),
            ("answers.1.choice", "choice_not_expected"),
        ])
    );
    assert_eq!(
        undated.field_errors(),
        fields(&[("answers.0.changed_at", "required")])
    );
    let saved: SavedAnswers = decimal.assert_status(StatusCode::OK).json();
    assert_eq!(said(saved.answers), [number_answer("12.5")]);
}
both_databases!(answers_must_fit_their_question);

async fn a_number_answer_must_be_a_finite_number(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let checklist = current_checklist(&mut monitor).await;
    let number = first_of_kind(&checklist.content, QuestionKind::Number).clone();
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}/answers", visit.id);

    for value in ["NaN", "inf", "-infinity", "1e999"] {
        let answers = batch(vec![Answer {
            question_code: number.code.clone(),
            value: value.to_owned(),
            changed_at: 1_000,
            ..Answer::default()
        }]);

        // Act
        let response = monitor.post(&path, &answers).await;

        // Assert
        assert_eq!(
            response.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{value}: {}",
            response.text()
        );
        assert_eq!(
            response.field_errors(),
            fields(&[("answers.0.value", "number_invalid")]),
            "{value}"
        );
    }
}
both_databases!(a_number_answer_must_be_a_finite_number);

async fn only_the_team_changes_answers_and_facts_and_only_before_submission(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    let (mut outsider, _) = another_monitor(&app).await;
    let checklist = current_checklist(&mut monitor).await;
    let (cluster, question) = first_scored_question(&checklist.content);
    let factory = factory_id(&mut monitor, INJAE).await;
    let draft = create_visit(&mut monitor, factory).await;
    let submitted = submitted_visit(&app, factory).await;
    let answers = batch(vec![answer(question, AnswerChoice::Compliant, 1_000)]);
    let facts = completed_facts();

    // Act
    let mut responses = Vec::new();
    for (who, client, visit) in [
        ("a monitor off the team", &mut outsider, &draft),
        ("the approver", &mut approver, &draft),
        (
            "the lead monitor after submission",
            &mut monitor,
            &submitted,
        ),
    ] {
        let answered = client
            .post(&format!("/api/visits/{}/answers", visit.id), &answers)
            .await;
        let facts = client
            .put(&format!("/api/visits/{}/facts", visit.id), &facts)
            .await;
        responses.push((who, answered, facts));
    }

    // Assert
    for (who, answered, facts) in &responses[..2] {
        assert_eq!(answered.status, StatusCode::FORBIDDEN, "{who}");
        answered.assert_error(StatusCode::FORBIDDEN, "forbidden");
        facts.assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
    let (_, answered, facts) = &responses[2];
    answered.assert_error(StatusCode::CONFLICT, "visit_not_editable");
    facts.assert_error(StatusCode::CONFLICT, "visit_not_editable");
    assert!(answers_of(&mut monitor, draft.id, cluster).await.is_empty());
    assert!(answers_of(&mut monitor, submitted.id, cluster)
        .await
        .is_empty());
    let draft_detail: VisitDetail = monitor
        .get(&format!("/api/visits/{}", draft.id))
        .await
        .json();
    assert_eq!(draft_detail.facts, VisitFacts::default());
    let capture: ClusterCapture = monitor
        .get(&format!("/api/visits/{}/clusters/{cluster}", submitted.id))
        .await
        .json();
    assert!(!capture.editable);
    let capture: ClusterCapture = monitor
        .get(&format!("/api/visits/{}/clusters/{cluster}", draft.id))
        .await
        .json();
    assert!(capture.editable);
}
both_databases!(only_the_team_changes_answers_and_facts_and_only_before_submission);

async fn the_second_monitor_captures_answers_too(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let (mut second, second_id) = another_monitor(&app).await;
    let checklist = current_checklist(&mut monitor).await;
    let (cluster, question) = first_scored_question(&checklist.content);
    let factory = factory_id(&mut monitor, INJAE).await;
    let mut input = new_visit(factory);
    input["second_monitor_id"] = json!(second_id);
    let visit: VisitSummary = monitor.post("/api/visits", &input).await.json();
    let answers = batch(vec![answer(question, AnswerChoice::Compliant, 1_000)]);

    // Act
    let response = second
        .post(&format!("/api/visits/{}/answers", visit.id), &answers)
        .await;

    // Assert
    response.assert_status(StatusCode::OK);
    assert_eq!(
        answers_of(&mut monitor, visit.id, cluster).await,
        answers.answers
    );
}
both_databases!(the_second_monitor_captures_answers_too);

// --- Who sees what ---------------------------------------------------------------------

async fn a_factory_manager_sees_only_the_published_reports_of_their_own_factory(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let checklist = current_checklist(&mut monitor).await;
    let (_, question) = first_scored_question(&checklist.content);
    let own = factory_id(&mut monitor, INJAE).await;
    let other = factory_id(&mut monitor, SABRINA).await;
    let draft = create_visit(&mut monitor, own).await;
    let reported = create_visit(&mut monitor, own).await;
    monitor
        .post(
            &format!("/api/visits/{}/answers", reported.id),
            &batch(vec![answer(question, AnswerChoice::NonCompliant, 1_000)]),
        )
        .await
        .assert_status(StatusCode::OK);
    monitor
        .put(
            &format!("/api/visits/{}/facts", reported.id),
            &completed_facts(),
        )
        .await
        .assert_status(StatusCode::OK);
    let mut approver = app.login_demo("approver").await;
    step(&mut monitor, reported.id, "submit", "").await;
    step(&mut approver, reported.id, "approve", "").await;
    let submitted_then = {
        let mut manager = app.login_demo("factory").await;
        manager.get(&format!("/api/visits/{}", reported.id)).await
    };
    step(&mut approver, reported.id, "publish", "").await;
    let elsewhere = published_visit(&app, other).await;
    let mut manager = app.login_demo("factory").await;

    // Act
    let list = manager.get("/api/visits").await;
    let own_report = manager.get(&format!("/api/visits/{}", reported.id)).await;
    let own_findings = manager
        .get(&format!("/api/visits/{}/findings", reported.id))
        .await;
    let own_draft = manager.get(&format!("/api/visits/{}", draft.id)).await;
    let draft_findings = manager
        .get(&format!("/api/visits/{}/findings", draft.id))
        .await;
    let other_report = manager.get(&format!("/api/visits/{}", elsewhere.id)).await;
    let other_findings = manager
        .get(&format!("/api/visits/{}/findings", elsewhere.id))
        .await;
    let filtered = manager
        .get(&format!("/api/visits?factory_id={other}"))
        .await;

    // Assert
    let listed: Vec<VisitSummary> = list.assert_status(StatusCode::OK).json();
    let ids: Vec<i64> = listed.iter().map(|visit| visit.id).collect();
    assert_eq!(ids, [reported.id]);
    let detail: VisitDetail = own_report.assert_status(StatusCode::OK).json();
    assert_eq!(detail.summary.status, VisitStatus::Published);
    assert!(detail.scores.is_some());
    assert_eq!(detail.non_cooperation, None);
    assert!(!detail.on_team);
    let findings: Vec<Finding> = own_findings.assert_status(StatusCode::OK).json();
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].question_code, question.code);
    submitted_then.assert_error(StatusCode::NOT_FOUND, "not_found");
    own_draft.assert_error(StatusCode::NOT_FOUND, "not_found");
    draft_findings.assert_error(StatusCode::NOT_FOUND, "not_found");
    other_report.assert_error(StatusCode::NOT_FOUND, "not_found");
    other_findings.assert_error(StatusCode::NOT_FOUND, "not_found");
    let filtered: Vec<VisitSummary> = filtered.assert_status(StatusCode::OK).json();
    let ids: Vec<i64> = filtered.iter().map(|visit| visit.id).collect();
    assert_eq!(ids, [reported.id], "a filter cannot widen the scope");
}
both_databases!(a_factory_manager_sees_only_the_published_reports_of_their_own_factory);

async fn buyers_and_unions_cannot_list_or_open_visits(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = published_visit(&app, factory).await;

    for username in ["buyer", "union"] {
        let mut outsider = app.login_demo(username).await;

        // Act
        let list = outsider.get("/api/visits").await;
        let detail = outsider.get(&format!("/api/visits/{}", visit.id)).await;
        let findings = outsider
            .get(&format!("/api/visits/{}/findings", visit.id))
            .await;

        // Assert
        list.assert_error(StatusCode::FORBIDDEN, "forbidden");
        detail.assert_error(StatusCode::FORBIDDEN, "forbidden");
        findings.assert_error(StatusCode::FORBIDDEN, "forbidden");
    }
}
both_databases!(buyers_and_unions_cannot_list_or_open_visits);

async fn programme_staff_list_every_visit_and_filter_by_status_and_factory(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let own = factory_id(&mut monitor, INJAE).await;
    let other = factory_id(&mut monitor, SABRINA).await;
    let draft = create_visit(&mut monitor, own).await;
    let published = published_visit(&app, other).await;
    let mut trainer = app.login_demo("trainer").await;

    // Act
    let all: Vec<VisitSummary> = trainer.get("/api/visits").await.json();
    let drafts: Vec<VisitSummary> = trainer.get("/api/visits?status=draft").await.json();
    let of_other: Vec<VisitSummary> = trainer
        .get(&format!("/api/visits?factory_id={other}"))
        .await
        .json();

    // Assert
    let ids = |list: &[VisitSummary]| list.iter().map(|visit| visit.id).collect::<Vec<_>>();
    let mut all_ids = ids(&all);
    all_ids.sort_unstable();
    assert_eq!(all_ids, [draft.id, published.id]);
    assert_eq!(ids(&drafts), [draft.id]);
    assert_eq!(ids(&of_other), [published.id]);
}
both_databases!(programme_staff_list_every_visit_and_filter_by_status_and_factory);

// --- Non-cooperation -------------------------------------------------------------------

async fn an_obstructed_visit_needs_details_and_produces_a_non_cooperation_record(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let factory = factory_id(&mut monitor, SABRINA).await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}/facts", visit.id);
    let details = "Kept at the gate for two hours, then refused entry to the sewing floor.";

    // Act
    let without_details = monitor
        .put(&path, &json!({ "outcome": "non_cooperation" }))
        .await;
    app.advance_minutes(30);
    let with_details = monitor
        .put(
            &path,
            &json!({
                "outcome": "non_cooperation",
                "gate_wait_minutes": 120,
                "non_cooperation_details": format!("  {details}  "),
            }),
        )
        .await;
    let for_admin = app
        .login_demo("admin")
        .await
        .get("/api/non-cooperation-records")
        .await;
    let for_approver = app
        .login_demo("approver")
        .await
        .get("/api/non-cooperation-records")
        .await;
    let for_monitor = monitor.get("/api/non-cooperation-records").await;
    let detail: VisitDetail = monitor
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .json();

    // Assert
    assert_eq!(
        without_details.field_errors(),
        fields(&[("non_cooperation_details", "required")])
    );
    let facts: VisitFacts = with_details.assert_status(StatusCode::OK).json();
    assert_eq!(facts.outcome, Some(VisitOutcome::NonCooperation));
    assert_eq!(facts.non_cooperation_details, details);
    let records: Vec<NonCooperationRecord> = for_admin.assert_status(StatusCode::OK).json();
    assert_eq!(records.len(), 1);
    let record = &records[0];
    assert_eq!(record.visit_id, visit.id);
    assert_eq!(record.factory_id, factory);
    assert_eq!(record.factory_name, SABRINA);
    assert_eq!(record.visit_date, "2027-01-15");
    assert_eq!(record.details, details);
    assert_eq!(record.recorded_by, "Dara Kim");
    assert_eq!(record.recorded_at, START + 1800);
    let for_approver: Vec<NonCooperationRecord> = for_approver.assert_status(StatusCode::OK).json();
    assert_eq!(for_approver, records);
    for_monitor.assert_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(detail.non_cooperation.as_ref(), Some(record));
}
both_databases!(an_obstructed_visit_needs_details_and_produces_a_non_cooperation_record);

async fn changing_the_outcome_back_to_completed_removes_the_record(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut monitor, SABRINA).await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}/facts", visit.id);
    monitor
        .put(
            &path,
            &json!({ "outcome": "non_cooperation", "non_cooperation_details": "Refused entry." }),
        )
        .await
        .assert_status(StatusCode::OK);

    // Act
    monitor
        .put(&path, &completed_facts())
        .await
        .assert_status(StatusCode::OK);

    // Assert
    let records: Vec<NonCooperationRecord> = admin
        .get("/api/non-cooperation-records")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert!(records.is_empty(), "{records:?}");
}
both_databases!(changing_the_outcome_back_to_completed_removes_the_record);

// --- Findings --------------------------------------------------------------------------

async fn the_findings_list_the_non_compliant_answers_with_their_legal_reference(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let checklist = current_checklist(&mut monitor).await;
    let plan = ScoringPlan::new(&checklist.content, 1_000);
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    monitor
        .post(
            &format!("/api/visits/{}/answers", visit.id),
            &batch(plan.answers.clone()),
        )
        .await
        .assert_status(StatusCode::OK);

    // Act
    let response = monitor
        .get(&format!("/api/visits/{}/findings", visit.id))
        .await;

    // Assert
    let findings: Vec<Finding> = response.assert_status(StatusCode::OK).json();
    let codes: Vec<&str> = findings.iter().map(|f| f.question_code.as_str()).collect();
    let expected: Vec<&str> = plan.non_compliant.iter().map(|q| q.code.as_str()).collect();
    assert_eq!(codes, expected);
    for (finding, question) in findings.iter().zip(&plan.non_compliant) {
        let point = checklist
            .content
            .clusters
            .iter()
            .flat_map(|cluster| cluster.points.iter().map(move |point| (cluster, point)))
            .find(|(_, point)| point.questions.iter().any(|q| q.code == question.code))
            .expect("the question's point");
        assert_eq!(finding.cluster_code, point.0.code);
        assert_eq!(finding.point_code, point.1.code);
        assert_eq!(finding.point_name, point.1.name);
        assert_eq!(finding.question, question.text);
        assert_eq!(finding.legal_reference, question.legal_reference);
        assert!(!finding.legal_reference.is_empty());
        assert_eq!(finding.critical_issue, question.critical_issue);
        assert_eq!(
            finding.finding,
            format!("Not in place ({}).", question.code)
        );
        assert_eq!(
            finding.suggestion,
            format!("Put it in place ({}).", question.code)
        );
    }
}
both_databases!(the_findings_list_the_non_compliant_answers_with_their_legal_reference);

async fn an_unknown_visit_or_cluster_is_not_found(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;

    // Act
    let detail = monitor.get("/api/visits/999999").await;
    let findings = monitor.get("/api/visits/999999/findings").await;
    let step = transition(&mut monitor, 999_999, "submit", "").await;
    let answers = monitor
        .post("/api/visits/999999/answers", &batch(Vec::new()))
        .await;
    let factory = factory_id(&mut monitor, INJAE).await;
    let visit = create_visit(&mut monitor, factory).await;
    let cluster = monitor
        .get(&format!("/api/visits/{}/clusters/NOPE", visit.id))
        .await;

    // Assert
    detail.assert_error(StatusCode::NOT_FOUND, "not_found");
    findings.assert_error(StatusCode::NOT_FOUND, "not_found");
    step.assert_error(StatusCode::NOT_FOUND, "not_found");
    answers.assert_error(StatusCode::NOT_FOUND, "not_found");
    cluster.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(an_unknown_visit_or_cluster_is_not_found);

async fn the_third_party_date_follows_the_factory_setting(app: TestApp) {
    // Arrange: this factory shares its reports with third parties 10 days after publication.
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, "Injae Garment Co. Ltd.").await;
    let current: Factory = admin
        .get(&format!("/api/factories/{factory}"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(current.third_party_delay_days, 5, "the programme's default");
    let mut input = serde_json::to_value(&current).unwrap();
    input["third_party_delay_days"] = json!(400);
    let refused = admin
        .put(&format!("/api/factories/{factory}"), &input)
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.field_errors(),
        fields(&[("third_party_delay_days", "delay_out_of_range")])
    );
    input["third_party_delay_days"] = json!(10);
    let updated: Factory = admin
        .put(&format!("/api/factories/{factory}"), &input)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(updated.third_party_delay_days, 10);

    // Act
    let visit = published_visit(&app, factory).await;

    // Assert
    let mut approver = app.login_demo("approver").await;
    let detail: VisitDetail = approver
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let published_at = visit.published_at.expect("published");
    assert_eq!(
        detail.third_party_visible_from,
        Some(published_at + 10 * 86_400)
    );
}
both_databases!(the_third_party_date_follows_the_factory_setting);

async fn a_factory_manager_sees_the_report_without_the_reviewers_notes(app: TestApp) {
    // Arrange: the demo factory manager's factory gets a published report.
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, "Injae Garment Co. Ltd.").await;
    let visit = published_visit(&app, factory).await;

    // Act
    let mut manager = app.login_demo("factory").await;
    let detail: VisitDetail = manager
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert: only the publication step, no internal record.
    assert_eq!(detail.history.len(), 1, "{:?}", detail.history);
    assert_eq!(detail.history[0].to_status, VisitStatus::Published);
    assert!(detail.non_cooperation.is_none());
    assert!(detail.facts.non_cooperation_details.is_empty());
}
both_databases!(a_factory_manager_sees_the_report_without_the_reviewers_notes);

async fn a_change_time_far_ahead_of_the_server_clock_is_brought_back(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let mut admin = app.login_demo("admin").await;
    let factory = factory_id(&mut admin, "Injae Garment Co. Ltd.").await;
    let visit = create_visit(&mut monitor, factory).await;
    let checklist = current_checklist(&mut monitor).await;
    let code = checklist
        .content
        .questions()
        .find(|q| q.kind == QuestionKind::YesNo)
        .unwrap()
        .code
        .clone();
    let answer = |choice: AnswerChoice, changed_at: i64| SaveAnswers {
        answers: vec![Answer {
            question_code: code.clone(),
            choice: Some(choice),
            changed_at,
            ..Answer::default()
        }],
    };

    // Act: a tablet a year ahead answers, then a correctly set one corrects it a minute later.
    let year_ahead = (app.clock.now() + 365 * 86_400) * 1000;
    monitor
        .post(
            &format!("/api/visits/{}/answers", visit.id),
            &answer(AnswerChoice::NonCompliant, year_ahead),
        )
        .await
        .assert_status(StatusCode::OK);
    app.advance_minutes(10);
    let saved: SavedAnswers = monitor
        .post(
            &format!("/api/visits/{}/answers", visit.id),
            &answer(AnswerChoice::Compliant, app.clock.now() * 1000),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    assert_eq!(saved.answers[0].choice, Some(AnswerChoice::Compliant));
}
both_databases!(a_change_time_far_ahead_of_the_server_clock_is_brought_back);
