//! Factory self-assessments (`/api/self-assessments`): start, capture, complete, the result
//! beside the industry and the official report (checked against figures worked out by hand),
//! sharing with an organisation that holds report access, the factory's access ledger of the
//! organisations' reads, the access matrix, and proof that a self-assessment never reaches the
//! industry figures.
//!
//! Hand-computed fixture of `the_result_compares_with_the_industry_and_the_official_report`
//! (cluster WT, Working Time, points WT.01, WT.02, WT.03):
//!
//! | point | Injae official | Sabrina official | Injae self-assessment | action on the finding |
//! |-------|----------------|------------------|-----------------------|-----------------------|
//! | WT.01 | non-compliant  | compliant        | compliant             | done                  |
//! | WT.02 | non-compliant  |                  | compliant             | none                  |
//! | WT.03 | non-compliant  |                  | non-compliant         | none                  |
//!
//! Self-assessment WT: 1 of 3 points non-compliant = 33.33%. Official (Injae): 3/3 = 100%.
//! Industry (latest assessments: Injae 100%, Sabrina 0%): mean 50%. Blind spot: WT.02
//! (rated compliant, found non-compliant, nothing done); reported fixed: WT.01; compared 3
//! points, agreeing 1 (WT.03).

use std::collections::HashMap;

use axum::http::StatusCode;
use serde_json::{json, Value};
use shared::api::access::{AccessLogEntry, SELF_ASSESSMENT_LEDGER_WINDOW_SECONDS};
use shared::api::auth::CurrentUser;
use shared::api::self_assessments::{
    SaveSelfAnswers, SelfAnswer, SelfAssessmentBlindSpots, SelfAssessmentCapture,
    SelfAssessmentDetail, SelfAssessmentOptions, SelfAssessmentResult, SelfAssessmentSummary,
};
use shared::api::users::OrganisationSummary;
use shared::checklist::QuestionKind;
use shared::date::cambodia_date;
use shared::visit::AnswerChoice;
use shared::wire::SelfAssessmentStatus;

use crate::helpers::{TestApp, TestClient, START};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call};
use crate::visits::{create_visit, factory_id, step, INJAE, SABRINA};

const YORKS: &str = "Yorks (Cambodia) Co. Ltd";

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|value| (value - expected).abs() < 0.01)
}

/// Creates, answers and publishes an assessment; `answers` are (question code, choice).
pub(crate) async fn publish_assessment(
    app: &TestApp,
    factory_id: i64,
    answers: &[(&str, &str)],
) -> i64 {
    let mut monitor = app.login_demo("monitor").await;
    let visit = create_visit(&mut monitor, factory_id).await;
    let answers: Vec<Value> = answers
        .iter()
        .map(|(code, choice)| {
            let non_compliant = *choice == "non_compliant";
            json!({
                "question_code": code,
                "choice": choice,
                "finding": if non_compliant { format!("Finding on {code}.") } else { String::new() },
                "suggestion": if non_compliant { "Fix it.".to_owned() } else { String::new() },
                "changed_at": 1_000,
            })
        })
        .collect();
    monitor
        .post(
            &format!("/api/visits/{}/answers", visit.id),
            &json!({ "answers": answers }),
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
    step(&mut approver, visit.id, "publish", "").await;
    visit.id
}

pub(crate) async fn start(manager: &mut TestClient, clusters: &[&str]) -> SelfAssessmentSummary {
    manager
        .post("/api/self-assessments", &json!({ "clusters": clusters }))
        .await
        .assert_status(StatusCode::CREATED)
        .json()
}

pub(crate) async fn capture(client: &mut TestClient, id: i64, code: &str) -> SelfAssessmentCapture {
    client
        .get(&format!("/api/self-assessments/{id}/clusters/{code}"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn detail(client: &mut TestClient, id: i64) -> SelfAssessmentDetail {
    client
        .get(&format!("/api/self-assessments/{id}"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

fn self_answer(code: &str, choice: Option<AnswerChoice>, value: &str, note: &str) -> SelfAnswer {
    SelfAnswer {
        question_code: code.into(),
        choice,
        value: value.into(),
        note: note.into(),
        changed_at: START * 1000,
    }
}

/// An answer to every question of the chosen clusters: the scored ones `choices[code]` or
/// not applicable, numbers 48, texts "none"; `skip` left unanswered.
pub(crate) async fn every_answer(
    manager: &mut TestClient,
    summary: &SelfAssessmentSummary,
    choices: &HashMap<&str, AnswerChoice>,
    skip: &[&str],
) -> Vec<SelfAnswer> {
    let mut answers = Vec::new();
    for code in &summary.clusters {
        let cluster = capture(manager, summary.id, code).await.cluster;
        for question in cluster.questions() {
            if skip.contains(&question.code.as_str()) {
                continue;
            }
            answers.push(match question.kind {
                QuestionKind::YesNo => self_answer(
                    &question.code,
                    Some(
                        choices
                            .get(question.code.as_str())
                            .copied()
                            .unwrap_or(AnswerChoice::NotApplicable),
                    ),
                    "",
                    "",
                ),
                QuestionKind::Number => self_answer(&question.code, None, "48", ""),
                QuestionKind::Text => self_answer(&question.code, None, "none", ""),
            });
        }
    }
    answers
}

pub(crate) async fn save(
    manager: &mut TestClient,
    id: i64,
    answers: Vec<SelfAnswer>,
) -> SaveSelfAnswers {
    manager
        .post(
            &format!("/api/self-assessments/{id}/answers"),
            &SaveSelfAnswers { answers },
        )
        .await
        .assert_status(StatusCode::OK)
        .json()
}

pub(crate) async fn complete(manager: &mut TestClient, id: i64) -> SelfAssessmentDetail {
    manager
        .post(&format!("/api/self-assessments/{id}/complete"), &json!({}))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// A self-assessment of `clusters` started, answered whole (see [`every_answer`]) and
/// completed by `manager`.
pub(crate) async fn completed(
    manager: &mut TestClient,
    clusters: &[&str],
    choices: &HashMap<&str, AnswerChoice>,
) -> SelfAssessmentSummary {
    let summary = start(manager, clusters).await;
    let answers = every_answer(manager, &summary, choices, &[]).await;
    save(manager, summary.id, answers).await;
    complete(manager, summary.id).await.summary
}

/// The demo organisation of this kind (the demo buyer's, the demo union's).
async fn organisation_of(app: &TestApp, kind: &str) -> i64 {
    let mut admin = app.login_demo("admin").await;
    let organisations: Vec<OrganisationSummary> = admin
        .get("/api/organisations")
        .await
        .assert_status(StatusCode::OK)
        .json();
    organisations
        .iter()
        .find(|organisation| organisation.kind == kind)
        .unwrap_or_else(|| panic!("a demo {kind} organisation"))
        .id
}

both_databases!(
    a_manager_starts_answers_and_completes_a_self_assessment,
    completing_with_missing_answers_is_refused_and_says_which,
    one_self_assessment_is_in_progress_at_a_time,
    replaying_a_batch_is_harmless_and_the_latest_change_wins,
    answers_must_belong_to_the_chosen_clusters,
    the_result_compares_with_the_industry_and_the_official_report,
    sharing_lets_a_granted_buyer_read_the_result_until_revoked,
    a_buyer_opening_a_shared_self_assessment_is_in_the_factory_ledger,
    self_assessments_never_reach_the_industry_figures,
    every_self_assessment_endpoint_answers_each_role,
    the_industry_blind_spots_are_withheld_below_five_compared_factories,
    the_industry_blind_spots_count_factories_and_answer_only_programme_staff,
    closed_factories_are_left_out_of_the_industry_blind_spots,
);

async fn a_manager_starts_answers_and_completes_a_self_assessment(app: TestApp) {
    // Arrange
    let mut manager = app.login_demo("factory").await;
    let options: SelfAssessmentOptions = manager
        .get("/api/self-assessments/options")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert!(options.clusters.iter().any(|c| c.code == "WT"));
    assert!(
        options.clusters.iter().all(|c| c.code != "PRO"),
        "PRO is not scored"
    );
    let wt = options.clusters.iter().find(|c| c.code == "WT").unwrap();
    assert_eq!(wt.questions, 25);

    // Act: start on WT only, answer everything, complete.
    let summary = start(&mut manager, &["WT"]).await;
    assert_eq!(summary.clusters, vec!["WT"]);
    assert_eq!(summary.status, SelfAssessmentStatus::InProgress);
    assert_eq!(summary.checklist_version_id, options.checklist_version_id);
    let before = detail(&mut manager, summary.id).await;
    assert!(before.editable);
    assert_eq!(before.unanswered, 25);
    assert_eq!(before.progress.len(), 1);
    assert_eq!(
        (before.progress[0].answered, before.progress[0].total),
        (0, 25)
    );
    let choices = HashMap::from([("WT.01.01", AnswerChoice::NonCompliant)]);
    let answers = every_answer(&mut manager, &summary, &choices, &[]).await;
    let saved = save(&mut manager, summary.id, answers.clone()).await;
    assert_eq!(saved.answers, answers);
    let done = complete(&mut manager, summary.id).await;

    // Assert
    assert_eq!(done.summary.status, SelfAssessmentStatus::Completed);
    assert_eq!(done.summary.completed_at, Some(START));
    assert!(!done.editable);
    assert_eq!(done.unanswered, 0);
    // WT.01 assessed non-compliant; WT.02 and WT.03 only "not applicable".
    assert!(close(done.summary.non_compliance_rate, 100.0));
    let list: Vec<SelfAssessmentSummary> = manager
        .get("/api/self-assessments")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, summary.id);
    assert_eq!(list[0].status, SelfAssessmentStatus::Completed);
    let captured = capture(&mut manager, summary.id, "WT").await;
    assert!(!captured.editable);
    assert_eq!(captured.answers.len(), 25);
    let audit: i64 = sqlx::query_scalar("select count(*) from audit_events where action = $1")
        .bind(format!("self_assessment_completed:{}", summary.id))
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(audit, 1);
    // A completed self-assessment no longer changes.
    manager
        .post(
            &format!("/api/self-assessments/{}/answers", summary.id),
            &SaveSelfAnswers {
                answers: vec![answers[0].clone()],
            },
        )
        .await
        .assert_error(StatusCode::CONFLICT, "self_assessment_not_editable");
    manager
        .post(
            &format!("/api/self-assessments/{}/complete", summary.id),
            &json!({}),
        )
        .await
        .assert_error(StatusCode::CONFLICT, "self_assessment_not_editable");
    // The whole checklist when no cluster is chosen.
    let whole = start(&mut manager, &[]).await;
    assert_eq!(
        whole.clusters,
        options
            .clusters
            .iter()
            .map(|c| c.code.clone())
            .collect::<Vec<_>>()
    );
}

async fn completing_with_missing_answers_is_refused_and_says_which(app: TestApp) {
    // Arrange: everything of WT answered but two questions.
    let mut manager = app.login_demo("factory").await;
    let summary = start(&mut manager, &["WT"]).await;
    let answers = every_answer(
        &mut manager,
        &summary,
        &HashMap::new(),
        &["WT.02.03", "WT.01.08"],
    )
    .await;
    save(&mut manager, summary.id, answers).await;
    // A fact-gathering question with a blank value is not answered either.
    let mut blank = self_answer("WT.02.08", None, " ", "");
    blank.changed_at += 1;
    save(&mut manager, summary.id, vec![blank]).await;

    // Act
    let response = manager
        .post(
            &format!("/api/self-assessments/{}/complete", summary.id),
            &json!({}),
        )
        .await;

    // Assert
    assert_eq!(
        response.field_errors(),
        crate::helpers::fields(&[
            ("answers.WT.01.08", "answer_missing"),
            ("answers.WT.02.03", "answer_missing"),
            ("answers.WT.02.08", "answer_missing"),
        ])
    );
    let after = detail(&mut manager, summary.id).await;
    assert_eq!(after.summary.status, SelfAssessmentStatus::InProgress);
    assert_eq!(after.unanswered, 3);
    assert_eq!(
        (after.progress[0].answered, after.progress[0].total),
        (22, 25)
    );
    let audit: i64 = sqlx::query_scalar(
        "select count(*) from audit_events where action like 'self_assessment%'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(audit, 0);
}

async fn one_self_assessment_is_in_progress_at_a_time(app: TestApp) {
    // Arrange
    let mut manager = app.login_demo("factory").await;
    let unknown = manager
        .post(
            "/api/self-assessments",
            &json!({ "clusters": ["WT", "XYZ"] }),
        )
        .await;
    assert_eq!(
        unknown.field_errors(),
        crate::helpers::fields(&[("clusters", "cluster_unknown")])
    );
    manager
        .post("/api/self-assessments", &json!({ "clusters": ["PRO"] }))
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let first = start(&mut manager, &["WT"]).await;

    // Act
    let second = manager
        .post("/api/self-assessments", &json!({ "clusters": ["CHI"] }))
        .await;

    // Assert
    second.assert_error(StatusCode::CONFLICT, "self_assessment_in_progress");
    // Another factory may have its own at the same time.
    let mut admin = app.login_demo("admin").await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let mut other = app.factory_manager_of(sabrina, "sabrina.manager").await;
    start(&mut other, &["WT"]).await;
    // Once the first is completed, a new one may start.
    let answers = every_answer(&mut manager, &first, &HashMap::new(), &[]).await;
    save(&mut manager, first.id, answers).await;
    complete(&mut manager, first.id).await;
    let next = start(&mut manager, &["CHI"]).await;
    assert_ne!(next.id, first.id);
    // The database refuses a second one in progress even past the handler.
    let refused = sqlx::query(
        "insert into self_assessments (factory_id, checklist_version_id, clusters, status, \
             started_by, started_at) \
         select factory_id, checklist_version_id, clusters, 'in_progress', started_by, started_at \
         from self_assessments where id = $1",
    )
    .bind(next.id)
    .execute(&app.db.pool)
    .await;
    assert!(refused.is_err(), "the partial unique index holds");
}

async fn replaying_a_batch_is_harmless_and_the_latest_change_wins(app: TestApp) {
    // Arrange
    let mut manager = app.login_demo("factory").await;
    let summary = start(&mut manager, &["WT"]).await;
    let first = vec![
        self_answer(
            "WT.01.01",
            Some(AnswerChoice::Compliant),
            "",
            "Time cards checked",
        ),
        self_answer("WT.01.08", None, "48", ""),
    ];
    save(&mut manager, summary.id, first.clone()).await;
    let mut newer = self_answer(
        "WT.01.01",
        Some(AnswerChoice::NonCompliant),
        "",
        "Sunday work",
    );
    newer.changed_at += 5_000;
    save(&mut manager, summary.id, vec![newer.clone()]).await;

    // Act: the first batch arrives again, after the newer change.
    let replayed = save(&mut manager, summary.id, first.clone()).await;

    // Assert
    assert_eq!(replayed.answers, vec![newer.clone(), first[1].clone()]);
    let stored = capture(&mut manager, summary.id, "WT").await.answers;
    assert_eq!(stored, vec![newer, first[1].clone()]);
    let rows: i64 = sqlx::query_scalar(
        "select count(*) from self_assessment_answers where self_assessment_id = $1",
    )
    .bind(summary.id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(rows, 2);
}

async fn answers_must_belong_to_the_chosen_clusters(app: TestApp) {
    // Arrange
    let mut manager = app.login_demo("factory").await;
    let summary = start(&mut manager, &["WT"]).await;

    // Act
    let response = manager
        .post(
            &format!("/api/self-assessments/{}/answers", summary.id),
            &SaveSelfAnswers {
                answers: vec![
                    self_answer("WT.01.01", Some(AnswerChoice::Compliant), "", ""),
                    self_answer("CHI.01.01", Some(AnswerChoice::Compliant), "", ""),
                    self_answer("NOPE.01.01", Some(AnswerChoice::Compliant), "", ""),
                    self_answer("WT.01.08", Some(AnswerChoice::Compliant), "many", ""),
                ],
            },
        )
        .await;

    // Assert: nothing of the batch is saved.
    assert_eq!(
        response.field_errors(),
        crate::helpers::fields(&[
            ("answers.1.question_code", "question_not_chosen"),
            ("answers.2.question_code", "question_unknown"),
            ("answers.3.choice", "choice_not_expected"),
            ("answers.3.value", "number_invalid"),
        ])
    );
    assert!(capture(&mut manager, summary.id, "WT")
        .await
        .answers
        .is_empty());
    // A cluster that was not chosen has no capture page.
    manager
        .get(&format!(
            "/api/self-assessments/{}/clusters/CHI",
            summary.id
        ))
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
}

async fn the_result_compares_with_the_industry_and_the_official_report(app: TestApp) {
    // Arrange: the official reports and the action of the table above.
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let (no, yes) = ("non_compliant", "compliant");
    publish_assessment(&app, sabrina, &[("WT.01.01", yes)]).await;
    let official = publish_assessment(
        &app,
        injae,
        &[("WT.01.01", no), ("WT.02.01", no), ("WT.03.01", no)],
    )
    .await;
    let mut manager = app.login_demo("factory").await;
    manager
        .post(
            &format!("/api/reports/{official}/corrective-actions"),
            &json!({
                "question_code": "WT.01.01",
                "description": "Weekly hours capped at 48 in the time system",
                "responsible": "HR manager",
                "target_date": "2027-02-15",
                "status": "done",
            }),
        )
        .await
        .assert_status(StatusCode::CREATED);
    let summary = start(&mut manager, &["WT"]).await;
    let choices = HashMap::from([
        ("WT.01.01", AnswerChoice::Compliant),
        ("WT.02.01", AnswerChoice::Compliant),
        ("WT.03.01", AnswerChoice::NonCompliant),
    ]);
    let mut answers = every_answer(&mut manager, &summary, &choices, &[]).await;
    for answer in &mut answers {
        if answer.question_code == "WT.02.01" {
            answer.note = "Overtime sheets signed weekly".into();
        }
    }
    save(&mut manager, summary.id, answers).await;
    manager
        .get(&format!("/api/self-assessments/{}/result", summary.id))
        .await
        .assert_error(StatusCode::CONFLICT, "self_assessment_unfinished");
    complete(&mut manager, summary.id).await;

    // Act
    let path = format!("/api/self-assessments/{}/result", summary.id);
    let result: SelfAssessmentResult = manager
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .json();
    let mut trainer = app.login_demo("trainer").await;
    let for_staff: SelfAssessmentResult = trainer
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    assert_eq!(result.clusters.len(), 1);
    let wt = &result.clusters[0];
    assert_eq!(wt.code, "WT");
    assert_eq!((wt.points_assessed, wt.points_non_compliant), (3, 1));
    assert!(close(wt.non_compliance_rate, 100.0 / 3.0), "{wt:?}");
    assert!(close(wt.official_rate, 100.0), "{wt:?}");
    assert!(close(wt.industry_rate, 50.0), "{wt:?}");
    assert!(close(result.summary.non_compliance_rate, 100.0 / 3.0));
    assert_eq!(result.official.as_ref().map(|o| o.visit_id), Some(official));
    let codes = |points: &[shared::api::self_assessments::ComparedPoint]| {
        points
            .iter()
            .map(|p| p.point_code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&result.blind_spots), vec!["WT.02"]);
    assert_eq!(codes(&result.reported_fixed), vec!["WT.01"]);
    assert_eq!((result.points_compared, result.points_agreeing), (3, 1));
    assert_eq!(result.history.len(), 1);
    assert_eq!(result.history[0].id, summary.id);
    assert!(close(result.history[0].non_compliance_rate, 100.0 / 3.0));
    assert_eq!(
        result
            .notes
            .iter()
            .map(|n| (n.question_code.as_str(), n.note.as_str()))
            .collect::<Vec<_>>(),
        vec![("WT.02.01", "Overtime sheets signed weekly")]
    );
    // Programme staff see the same figures but never the factory's notes.
    assert!(for_staff.notes.is_empty());
    assert_eq!(for_staff.clusters, result.clusters);
    assert_eq!(for_staff.blind_spots, result.blind_spots);
    let staff_capture = capture(&mut trainer, summary.id, "WT").await;
    assert!(staff_capture.answers.iter().all(|a| a.note.is_empty()));
    assert!(!staff_capture.editable);
}

async fn sharing_lets_a_granted_buyer_read_the_result_until_revoked(app: TestApp) {
    // Arrange
    let buyer_organisation = organisation_of(&app, "buyer").await;
    let union_organisation = organisation_of(&app, "union").await;
    let mut manager = app.login_demo("factory").await;
    let mut buyer = app.login_demo("buyer").await;
    let in_progress = start(&mut manager, &["WT"]).await;
    manager
        .post(
            &format!("/api/self-assessments/{}/shares", in_progress.id),
            &json!({ "organisation_id": buyer_organisation }),
        )
        .await
        .assert_error(StatusCode::CONFLICT, "self_assessment_unfinished");
    let answers = every_answer(&mut manager, &in_progress, &HashMap::new(), &[]).await;
    save(&mut manager, in_progress.id, answers).await;
    let summary = complete(&mut manager, in_progress.id).await.summary;
    let result_path = format!("/api/self-assessments/{}/result", summary.id);
    let shares_path = format!("/api/self-assessments/{}/shares", summary.id);
    buyer
        .get(&result_path)
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    let listed: Vec<SelfAssessmentSummary> = buyer.get("/api/self-assessments").await.json();
    assert!(listed.is_empty());

    // Act: an ungranted organisation and an unknown one are refused; the buyer is accepted.
    for organisation_id in [union_organisation, 999_999] {
        let refused = manager
            .post(&shares_path, &json!({ "organisation_id": organisation_id }))
            .await;
        assert_eq!(
            refused.field_errors(),
            crate::helpers::fields(&[("organisation_id", "organisation_without_access")])
        );
    }
    let shared: SelfAssessmentSummary = manager
        .post(
            &shares_path,
            &json!({ "organisation_id": buyer_organisation }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    // Sharing again changes nothing.
    manager
        .post(
            &shares_path,
            &json!({ "organisation_id": buyer_organisation }),
        )
        .await
        .assert_status(StatusCode::OK);

    // Assert
    assert_eq!(
        shared
            .shared_with
            .iter()
            .map(|s| s.organisation_id)
            .collect::<Vec<_>>(),
        vec![buyer_organisation]
    );
    let read: SelfAssessmentResult = buyer
        .get(&result_path)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(read.summary.id, summary.id);
    assert_eq!(read.history.len(), 1);
    let listed: Vec<SelfAssessmentSummary> = buyer.get("/api/self-assessments").await.json();
    assert_eq!(
        listed.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![summary.id]
    );
    // The buyer may read it, not change or share it.
    buyer
        .post(
            &shares_path,
            &json!({ "organisation_id": buyer_organisation }),
        )
        .await
        .assert_error(StatusCode::FORBIDDEN, "forbidden");
    let ledger: Vec<(String, Option<i64>)> = sqlx::query_as(
        "select event, self_assessment_id from factory_access_grant_events \
         where event like 'self_assessment%' order by id",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        ledger,
        vec![("self_assessment_shared".to_owned(), Some(summary.id))]
    );

    // Revoking removes it.
    let unshare_path = format!("{shares_path}/{buyer_organisation}");
    let unshared: SelfAssessmentSummary = manager
        .delete(&unshare_path)
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert!(unshared.shared_with.is_empty());
    buyer
        .get(&result_path)
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    manager
        .delete(&unshare_path)
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    let ledger: i64 = sqlx::query_scalar(
        "select count(*) from factory_access_grant_events where event = 'self_assessment_unshared'",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(ledger, 1);
    let rows: i64 = sqlx::query_scalar("select count(*) from self_assessment_shares")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(rows, 1, "a revocation keeps the row");

    // Shared again, then the factory revokes the buyer's report access: the share lapses.
    manager
        .post(
            &shares_path,
            &json!({ "organisation_id": buyer_organisation }),
        )
        .await
        .assert_status(StatusCode::OK);
    buyer.get(&result_path).await.assert_status(StatusCode::OK);
    let me: CurrentUser = manager.me().await.json();
    let injae = me.factory_id.unwrap();
    manager
        .delete(&format!(
            "/api/factories/{injae}/grants/{buyer_organisation}"
        ))
        .await
        .assert_status(StatusCode::OK);
    buyer
        .get(&result_path)
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    let listed: Vec<SelfAssessmentSummary> = buyer.get("/api/self-assessments").await.json();
    assert!(listed.is_empty());
}

/// Lines of the factory's access ledger written for self-assessment `id`.
async fn ledger_lines_of(app: &TestApp, id: i64) -> i64 {
    sqlx::query_scalar(
        "select count(*) from self_assessment_access_log where self_assessment_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

async fn a_buyer_opening_a_shared_self_assessment_is_in_the_factory_ledger(app: TestApp) {
    // Arrange: two completed self-assessments of Injae, the first shared with the demo buyer
    // (whose organisation reads Injae's reports), the second not.
    const MINUTE: i64 = 60;
    let buyer_organisation = organisation_of(&app, "buyer").await;
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let mut manager = app.login_demo("factory").await;
    let shared = completed(&mut manager, &["CHI"], &HashMap::new()).await;
    let unshared = completed(&mut manager, &["CHI"], &HashMap::new()).await;
    manager
        .post(
            &format!("/api/self-assessments/{}/shares", shared.id),
            &json!({ "organisation_id": buyer_organisation }),
        )
        .await
        .assert_status(StatusCode::OK);
    let path = |id: i64, tail: &str| format!("/api/self-assessments/{id}{tail}");
    let mut buyer = app.login_demo("buyer").await;

    // Act: the buyer opens the shared result, then its progress and one cluster twice.
    buyer
        .get(&path(shared.id, "/result"))
        .await
        .assert_status(StatusCode::OK);
    app.advance_minutes(1);
    detail(&mut buyer, shared.id).await;
    capture(&mut buyer, shared.id, "CHI").await;
    capture(&mut buyer, shared.id, "CHI").await;

    // Assert: one line, for the result.
    assert_eq!(ledger_lines_of(&app, shared.id).await, 1);

    // Act: the factory itself and programme staff read it; the buyer tries the unshared one.
    for client in [&mut manager, &mut admin] {
        client
            .get(&path(shared.id, "/result"))
            .await
            .assert_status(StatusCode::OK);
        detail(client, shared.id).await;
        capture(client, shared.id, "CHI").await;
    }
    let mut trainer = app.login_demo("trainer").await;
    trainer
        .get(&path(shared.id, "/result"))
        .await
        .assert_status(StatusCode::OK);
    for tail in ["/result", "", "/clusters/CHI"] {
        buyer
            .get(&path(unshared.id, tail))
            .await
            .assert_error(StatusCode::NOT_FOUND, "not_found");
    }

    // Assert: nothing more written.
    assert_eq!(ledger_lines_of(&app, shared.id).await, 1);
    assert_eq!(ledger_lines_of(&app, unshared.id).await, 0);

    // Act: days later the buyer opens a published report, then (past the window) a cluster
    // of the self-assessment, then its result again.
    let visit = publish_assessment(&app, injae, &[("CHI.01.01", "compliant")]).await;
    app.clock.advance(6 * 86_400);
    let opened_report = START + MINUTE + 6 * 86_400;
    assert!(opened_report - START > SELF_ASSESSMENT_LEDGER_WINDOW_SECONDS);
    let mut buyer = app.login_demo("buyer").await;
    let mut manager = app.login_demo("factory").await;
    buyer
        .get(&format!("/api/reports/{visit}"))
        .await
        .assert_status(StatusCode::OK);
    app.advance_minutes(1);
    capture(&mut buyer, shared.id, "CHI").await;
    app.advance_minutes(1);
    buyer
        .get(&path(shared.id, "/result"))
        .await
        .assert_status(StatusCode::OK);

    // Assert: the factory's ledger shows both kinds, newest first.
    let ledger: Vec<AccessLogEntry> = manager
        .get(&format!("/api/factories/{injae}/access-log"))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let lines: Vec<(&str, Option<i64>, i64, i64)> = ledger
        .iter()
        .map(|line| {
            (
                line.organisation_name.as_str(),
                line.self_assessment_id,
                line.visit_id,
                line.viewed_at,
            )
        })
        .collect();
    let northwind = "Northwind Apparel (demo buyer)";
    assert_eq!(
        lines,
        vec![
            (northwind, Some(shared.id), 0, opened_report + 2 * MINUTE),
            (northwind, Some(shared.id), 0, opened_report + MINUTE),
            (northwind, None, visit, opened_report),
            (northwind, Some(shared.id), 0, START),
        ]
    );
    let completed_on = cambodia_date(shared.completed_at.expect("completed"));
    assert_eq!(ledger[0].visit_start_date, completed_on);
    assert_eq!(ledger[3].visit_start_date, completed_on);
    let (user_id, organisation_id): (i64, i64) = sqlx::query_as(
        "select user_id, organisation_id from self_assessment_access_log order by id limit 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let me: CurrentUser = buyer.me().await.json();
    assert_eq!((user_id, organisation_id), (me.id, buyer_organisation));
}

/// The industry figures as JSON, as a trainer reads them.
async fn industry_figures(trainer: &mut TestClient) -> Vec<String> {
    let mut figures = Vec::new();
    for path in [
        "/api/analytics/overview",
        "/api/analytics/issues",
        "/api/analytics/issues?level=point",
        "/api/analytics/groups?dimension=province",
        "/api/analytics/trends",
        "/api/analytics/recurring",
    ] {
        figures.push(trainer.get(path).await.assert_status(StatusCode::OK).text());
    }
    figures
}

async fn self_assessments_never_reach_the_industry_figures(app: TestApp) {
    // Arrange: one official report, so that the figures are not empty.
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    publish_assessment(
        &app,
        injae,
        &[("WT.01.01", "non_compliant"), ("WT.02.01", "compliant")],
    )
    .await;
    let mut trainer = app.login_demo("trainer").await;
    let before = industry_figures(&mut trainer).await;
    assert!(
        before[0].contains("WT"),
        "the overview has figures: {}",
        before[0]
    );

    // Act: a self-assessment full of non-compliance, completed.
    let mut manager = app.login_demo("factory").await;
    let choices: HashMap<&str, AnswerChoice> =
        ["WT.01.01", "WT.01.02", "WT.02.01", "WT.02.02", "WT.03.01"]
            .into_iter()
            .map(|code| (code, AnswerChoice::NonCompliant))
            .collect();
    completed(&mut manager, &["WT"], &choices).await;

    // Assert
    assert_eq!(industry_figures(&mut trainer).await, before);
}

async fn every_self_assessment_endpoint_answers_each_role(app: TestApp) {
    // Arrange: Injae (the demo manager's factory) has one completed self-assessment shared with
    // the demo buyer, one completed and not shared, one in progress; Sabrina (another factory,
    // also granted to the buyer) one completed and shared with the buyer.
    let buyer_organisation = organisation_of(&app, "buyer").await;
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let yorks = factory_id(&mut admin, YORKS).await;
    let mut manager = app.login_demo("factory").await;
    let share = json!({ "organisation_id": buyer_organisation });
    let shared = completed(&mut manager, &["CHI"], &HashMap::new()).await;
    manager
        .post(
            &format!("/api/self-assessments/{}/shares", shared.id),
            &share,
        )
        .await
        .assert_status(StatusCode::OK);
    let unshared = completed(&mut manager, &["CHI"], &HashMap::new()).await;
    let in_progress = start(&mut manager, &["WT"]).await;
    let mut other_manager = app.factory_manager_of(sabrina, "sabrina.manager").await;
    let other = completed(&mut other_manager, &["CHI"], &HashMap::new()).await;
    other_manager
        .post(
            &format!("/api/self-assessments/{}/shares", other.id),
            &share,
        )
        .await
        .assert_status(StatusCode::OK);
    let answer = json!({ "answers": [
        { "question_code": "WT.01.01", "choice": "compliant", "changed_at": START * 1000 }
    ] });

    // Expected answers: administrator, monitor, approver, trainer, factory manager, buyer,
    // union representative.
    let path = |id: i64, tail: &str| format!("/api/self-assessments/{id}{tail}");
    let calls = vec![
        Call::get(
            "/api/self-assessments/options".into(),
            [403, 403, 403, 403, 200, 403, 403, 403],
        ),
        Call::get(
            format!("/api/self-assessments?factory_id={injae}"),
            [200, 200, 200, 200, 200, 200, 403, 403],
        ),
        Call::get(
            format!("/api/self-assessments?factory_id={sabrina}"),
            [200, 200, 200, 200, 404, 200, 403, 403],
        ),
        Call::get(
            format!("/api/self-assessments?factory_id={yorks}"),
            [200, 200, 200, 200, 404, 200, 403, 403],
        ),
        Call::get(
            "/api/self-assessments".into(),
            [422, 422, 422, 422, 200, 200, 403, 403],
        ),
        // Own factory, shared with the buyer.
        Call::get(
            path(shared.id, ""),
            [200, 200, 200, 200, 200, 200, 403, 403],
        ),
        Call::get(
            path(shared.id, "/clusters/CHI"),
            [200, 200, 200, 200, 200, 200, 403, 403],
        ),
        Call::get(
            path(shared.id, "/result"),
            [200, 200, 200, 200, 200, 200, 403, 403],
        ),
        // Own factory, not shared.
        Call::get(
            path(unshared.id, ""),
            [200, 200, 200, 200, 200, 404, 403, 403],
        ),
        Call::get(
            path(unshared.id, "/clusters/CHI"),
            [200, 200, 200, 200, 200, 404, 403, 403],
        ),
        Call::get(
            path(unshared.id, "/result"),
            [200, 200, 200, 200, 200, 404, 403, 403],
        ),
        // Own factory, in progress (never shared).
        Call::get(
            path(in_progress.id, ""),
            [200, 200, 200, 200, 200, 404, 403, 403],
        ),
        Call::get(
            path(in_progress.id, "/clusters/WT"),
            [200, 200, 200, 200, 200, 404, 403, 403],
        ),
        Call::get(
            path(in_progress.id, "/result"),
            [409, 409, 409, 409, 409, 404, 403, 403],
        ),
        // Another factory, shared with the buyer.
        Call::get(path(other.id, ""), [200, 200, 200, 200, 404, 200, 403, 403]),
        Call::get(
            path(other.id, "/clusters/CHI"),
            [200, 200, 200, 200, 404, 200, 403, 403],
        ),
        Call::get(
            path(other.id, "/result"),
            [200, 200, 200, 200, 404, 200, 403, 403],
        ),
        // Writes: only the factory's own manager.
        Call::post(
            "/api/self-assessments".into(),
            json!({}),
            [403, 403, 403, 403, 409, 403, 403, 403],
        ),
        Call::post(
            path(in_progress.id, "/answers"),
            answer.clone(),
            [403, 403, 403, 403, 200, 404, 403, 403],
        ),
        Call::post(
            path(other.id, "/answers"),
            answer,
            [403, 403, 403, 403, 404, 403, 403, 403],
        ),
        // Still unanswered questions: refused, and it stays in progress.
        Call::post(
            path(in_progress.id, "/complete"),
            json!({}),
            [403, 403, 403, 403, 422, 404, 403, 403],
        ),
        Call::post(
            path(other.id, "/complete"),
            json!({}),
            [403, 403, 403, 403, 404, 403, 403, 403],
        ),
        Call::post(
            path(shared.id, "/shares"),
            share.clone(),
            [403, 403, 403, 403, 200, 403, 403, 403],
        ),
        Call::post(
            path(other.id, "/shares"),
            share.clone(),
            [403, 403, 403, 403, 404, 403, 403, 403],
        ),
        // Shared and unshared again by the manager, before the buyer's turn.
        Call::post(
            path(unshared.id, "/shares"),
            share,
            [403, 403, 403, 403, 200, 404, 403, 403],
        ),
        Call::delete(
            path(unshared.id, &format!("/shares/{buyer_organisation}")),
            [403, 403, 403, 403, 200, 404, 403, 403],
        ),
        Call::delete(
            path(other.id, &format!("/shares/{buyer_organisation}")),
            [403, 403, 403, 403, 404, 403, 403, 403],
        ),
    ];

    // Act
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);

    // Assert
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    let still: SelfAssessmentDetail = detail(&mut manager, in_progress.id).await;
    assert_eq!(still.summary.status, SelfAssessmentStatus::InProgress);
}

/// The registry entry of new factory `n`.
fn new_factory_input(n: usize) -> Value {
    json!({
        "name": format!("Blind Spot Garment {n} Co. Ltd."),
        "registration_number": format!("MOC-2026-09{n:02}"),
        "address": "National Road No. 4, Sangkat Kantouk, Khan Kamboul",
        "province": "Phnom Penh",
        "product_type": "garment",
        "ownership_country": "CN",
        "total_workers": 800,
        "women_share_percent": 80.0,
        "union_presence": true,
        "contact_email": format!("compliance{n}@blindspot.example"),
        "needs_paper_copy": false
    })
}

/// A new factory registered by the administrator, and a manager of it.
async fn new_factory_with_manager(app: &TestApp, n: usize) -> (i64, TestClient) {
    let mut admin = app.login_demo("admin").await;
    let created: Value = admin
        .post("/api/factories", &new_factory_input(n))
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let factory_id = created["id"].as_i64().expect("a factory id");
    let manager = app
        .factory_manager_of(factory_id, &format!("blindspot.manager{n}"))
        .await;
    (factory_id, manager)
}

async fn industry_blind_spots(client: &mut TestClient) -> SelfAssessmentBlindSpots {
    client
        .get("/api/analytics/self-assessment-blind-spots")
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn the_industry_blind_spots_are_withheld_below_five_compared_factories(app: TestApp) {
    // Arrange: Injae has a published report and a completed self-assessment with a blind
    // spot (WT.02); a new factory has a self-assessment but no report to compare with.
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    publish_assessment(&app, injae, &[("WT.02.01", "non_compliant")]).await;
    let mut manager = app.login_demo("factory").await;
    let choices = HashMap::from([("WT.02.01", AnswerChoice::Compliant)]);
    completed(&mut manager, &["WT"], &choices).await;
    let (_, mut other_manager) = new_factory_with_manager(&app, 1).await;
    completed(&mut other_manager, &["WT"], &choices).await;
    let mut trainer = app.login_demo("trainer").await;

    // Act
    let figures = industry_blind_spots(&mut trainer).await;

    // Assert: the counts, never the one factory's blind spot.
    assert_eq!(figures.factories_self_assessing, 2);
    assert_eq!(figures.factories_compared, 1);
    assert!(figures.suppressed);
    assert!(figures.points.is_empty());
}

/// Five new factories, each with a published report and a completed self-assessment of WT:
///
/// | factory | WT.01 official / own       | WT.02 official / own       | WT.03 official / own |
/// |---------|----------------------------|----------------------------|----------------------|
/// | 0       | non-compliant / compliant  | non-compliant / compliant  | non-compliant / non-compliant |
/// | 1, 2    | non-compliant / compliant  | non-compliant / compliant  | compliant / compliant |
/// | 3, 4    | compliant / compliant      | non-compliant / compliant  | compliant / compliant |
///
/// Blind spots: WT.02 at 5 factories, WT.01 at 3; WT.03 agrees everywhere.
async fn the_industry_blind_spots_count_factories_and_answer_only_programme_staff(app: TestApp) {
    // Arrange
    let (no, yes) = ("non_compliant", "compliant");
    for n in 0..5 {
        let (factory, mut manager) = new_factory_with_manager(&app, n).await;
        let wt01 = if n < 3 { no } else { yes };
        let wt03 = if n == 0 { no } else { yes };
        publish_assessment(
            &app,
            factory,
            &[("WT.01.01", wt01), ("WT.02.01", no), ("WT.03.01", wt03)],
        )
        .await;
        let own_wt03 = if n == 0 {
            AnswerChoice::NonCompliant
        } else {
            AnswerChoice::Compliant
        };
        let choices = HashMap::from([
            ("WT.01.01", AnswerChoice::Compliant),
            ("WT.02.01", AnswerChoice::Compliant),
            ("WT.03.01", own_wt03),
        ]);
        completed(&mut manager, &["WT"], &choices).await;
    }
    let mut trainer = app.login_demo("trainer").await;
    let calls = vec![Call::get(
        "/api/analytics/self-assessment-blind-spots".into(),
        [200, 403, 200, 200, 403, 403, 403, 403],
    )];

    // Act
    let figures = industry_blind_spots(&mut trainer).await;
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);

    // Assert
    assert_eq!(figures.factories_self_assessing, 5);
    assert_eq!(figures.factories_compared, 5);
    assert!(!figures.suppressed);
    let counts: Vec<(&str, &str, i64)> = figures
        .points
        .iter()
        .map(|p| (p.cluster_code.as_str(), p.point_code.as_str(), p.factories))
        .collect();
    assert_eq!(counts, [("WT", "WT.02", 5), ("WT", "WT.01", 3)]);
    assert!(figures.points.iter().all(|p| !p.point_name.en.is_empty()));
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

async fn closed_factories_are_left_out_of_the_industry_blind_spots(app: TestApp) {
    // Arrange: Injae and a new factory, each with a published report and a completed
    // self-assessment with a blind spot (WT.02).
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let (closing, mut other_manager) = new_factory_with_manager(&app, 1).await;
    let choices = HashMap::from([("WT.02.01", AnswerChoice::Compliant)]);
    for factory in [injae, closing] {
        publish_assessment(&app, factory, &[("WT.02.01", "non_compliant")]).await;
    }
    let mut manager = app.login_demo("factory").await;
    completed(&mut manager, &["WT"], &choices).await;
    completed(&mut other_manager, &["WT"], &choices).await;
    let mut trainer = app.login_demo("trainer").await;
    let before = industry_blind_spots(&mut trainer).await;
    assert_eq!(
        (before.factories_self_assessing, before.factories_compared),
        (2, 2)
    );

    // Act: the administrator records the new factory as closed.
    let mut input = new_factory_input(1);
    input["status"] = json!("closed");
    admin
        .put(&format!("/api/factories/{closing}"), &input)
        .await
        .assert_status(StatusCode::OK);
    let figures = industry_blind_spots(&mut trainer).await;

    // Assert: only Injae is counted.
    assert_eq!(figures.factories_self_assessing, 1);
    assert_eq!(figures.factories_compared, 1);
    assert!(figures.suppressed);
}
