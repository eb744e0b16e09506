//! The factory's own self-assessment on the monitors' side: the tablet shows the factory's
//! answers beside each question of a visit (never its notes), and the published report states
//! the self-assessment's accuracy, computed once at publication.
//!
//! Hand-computed fixture (cluster WT, points WT.01, WT.02, WT.03; Injae):
//!
//! | point | self-assessment | monitors at the visit |
//! |-------|-----------------|-----------------------|
//! | WT.01 | compliant       | non-compliant         |
//! | WT.02 | compliant       | compliant             |
//! | WT.03 | non-compliant   | non-compliant         |
//!
//! Compared 3 points, agreeing 2 (WT.02, WT.03): 66.7%.

use std::collections::HashMap;

use axum::http::StatusCode;
use serde_json::json;
use shared::api::analytics::FactoryReport;
use shared::api::visits::ClusterCapture;
use shared::visit::AnswerChoice;

use crate::helpers::{TestApp, TestClient};
use crate::self_assessments::{completed, publish_assessment};
use crate::visits::{create_visit, factory_id, INJAE, SABRINA};

async fn cluster(client: &mut TestClient, visit_id: i64, code: &str) -> ClusterCapture {
    client
        .get(&format!("/api/visits/{visit_id}/clusters/{code}"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn report(client: &mut TestClient, visit_id: i64) -> FactoryReport {
    client
        .get(&format!("/api/reports/{visit_id}"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

fn choices() -> HashMap<&'static str, AnswerChoice> {
    HashMap::from([
        ("WT.01.01", AnswerChoice::Compliant),
        ("WT.02.01", AnswerChoice::Compliant),
        ("WT.03.01", AnswerChoice::NonCompliant),
    ])
}

async fn the_tablet_shows_the_factory_answers_of_its_self_assessment_before_the_visit(
    app: TestApp,
) {
    // Arrange: Injae completes a self-assessment today; a visit starts today.
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let mut manager = app.login_demo("factory").await;
    let before = completed(&mut manager, &["WT"], &choices()).await;
    let mut monitor = app.login_demo("monitor").await;
    let visit = create_visit(&mut monitor, injae).await;
    let other = create_visit(&mut monitor, sabrina).await;
    // Two days later the factory completes another one: the visit keeps the first.
    app.advance_minutes(2 * 24 * 60);
    let mut manager = app.login_demo("factory").await;
    let mut monitor = app.login_demo("monitor").await;
    completed(&mut manager, &["WT"], &HashMap::new()).await;

    // Act
    let capture = cluster(&mut monitor, visit.id, "WT").await;
    let without = cluster(&mut monitor, other.id, "WT").await;

    // Assert
    let own = capture
        .factory_self_assessment
        .expect("the factory's self-assessment beside the questions");
    assert_eq!(own.self_assessment_id, before.id);
    assert_eq!(Some(own.completed_at), before.completed_at);
    let by_code: HashMap<&str, Option<AnswerChoice>> = own
        .answers
        .iter()
        .map(|answer| (answer.question_code.as_str(), answer.choice))
        .collect();
    assert_eq!(
        by_code.get("WT.01.01"),
        Some(&Some(AnswerChoice::Compliant))
    );
    assert_eq!(
        by_code.get("WT.03.01"),
        Some(&Some(AnswerChoice::NonCompliant))
    );
    let wt_questions = capture.cluster.questions().count();
    assert_eq!(
        own.answers.len(),
        wt_questions,
        "only this cluster's answers"
    );
    assert_eq!(without.factory_self_assessment, None, "Sabrina has none");
}

async fn the_published_report_states_the_self_assessment_accuracy(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let mut manager = app.login_demo("factory").await;
    let own = completed(&mut manager, &["WT"], &choices()).await;
    let (no, yes) = ("non_compliant", "compliant");

    // Act
    let visit_id = publish_assessment(
        &app,
        injae,
        &[("WT.01.01", no), ("WT.02.01", yes), ("WT.03.01", no)],
    )
    .await;
    let without_id = publish_assessment(&app, sabrina, &[("WT.01.01", yes)]).await;

    // Assert
    let published = report(&mut manager, visit_id).await;
    let accuracy = published
        .self_assessment_accuracy
        .expect("the report states the accuracy");
    assert_eq!(accuracy.self_assessment_id, own.id);
    assert_eq!((accuracy.points_compared, accuracy.points_agreeing), (3, 2));
    assert!(accuracy
        .rate()
        .is_some_and(|rate| (rate - 200.0 / 3.0).abs() < 0.01));
    let mut approver = app.login_demo("approver").await;
    assert_eq!(
        report(&mut approver, without_id)
            .await
            .self_assessment_accuracy,
        None
    );
    // Stored once: a later self-assessment does not change what the report states.
    app.advance_minutes(24 * 60);
    let mut manager = app.login_demo("factory").await;
    let mut approver = app.login_demo("approver").await;
    let mut admin = app.login_demo("admin").await;
    completed(&mut manager, &["WT"], &HashMap::new()).await;
    assert_eq!(
        report(&mut approver, visit_id)
            .await
            .self_assessment_accuracy,
        Some(accuracy)
    );
    let chain: serde_json::Value = admin
        .get("/api/report-documents/verify")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(chain["breaks"], json!([]));
}

both_databases!(
    the_tablet_shows_the_factory_answers_of_its_self_assessment_before_the_visit,
    the_published_report_states_the_self_assessment_accuracy,
);
