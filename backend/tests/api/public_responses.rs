//! A factory's public responses: only to the findings the public site discloses, shown there as
//! the factory's own statement until a monitor on a later visit checks them.

use axum::http::StatusCode;
use backend::public_site;
use serde_json::json;
use shared::api::auth::CurrentUser;
use shared::api::public_responses::PublicResponses;
use shared::public_response::STATEMENT_MAX_CHARS;
use shared::wire::Verification;

use crate::analytics::publish_assessment;
use crate::corrective_actions::later_visit;
use crate::helpers::{fields, TestApp, START};

/// A yes/no question that is neither publicly reported nor part of a critical issue.
async fn confidential_question(app: &TestApp) -> String {
    sqlx::query_scalar(
        "select code from checklist_questions \
         where publicly_reported = 0 and critical_issue is null and kind = 'yes_no' \
         order by code limit 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .expect("a confidential question")
}

async fn a_factory_answers_a_disclosed_finding_and_a_monitor_checks_it(app: TestApp) {
    // Arrange: two assessments of the demo manager's factory, so that the site names it; the
    // latest finds CHI.01.01 (critical issue 1, publicly reported) and a confidential question.
    let manager: CurrentUser = app.login_demo("factory").await.me().await.json();
    let factory_id = manager.factory_id.expect("the demo manager's factory");
    let hidden = confidential_question(&app).await;
    publish_assessment(
        &app,
        factory_id,
        "2026-03-01",
        &[("CHI.01.01", "compliant")],
    )
    .await;
    let visit_id = publish_assessment(
        &app,
        factory_id,
        "2026-09-01",
        &[
            ("CHI.01.01", "non_compliant"),
            (hidden.as_str(), "non_compliant"),
        ],
    )
    .await;
    let path = format!("/api/reports/{visit_id}/public-responses");
    let mut factory = app.login_demo("factory").await;

    // Act and assert: only the disclosed finding is offered.
    let listed: PublicResponses = factory
        .get(&path)
        .await
        .assert_status(StatusCode::OK)
        .json();
    let codes: Vec<&str> = listed
        .findings
        .iter()
        .map(|f| f.question_code.as_str())
        .collect();
    assert_eq!(codes, vec!["CHI.01.01"]);
    assert_eq!(listed.findings[0].critical_issue, Some(1));
    assert!(listed.may_respond && !listed.may_check);

    // Refused with reasons, nothing stored.
    let too_long = "ស".repeat(STATEMENT_MAX_CHARS + 1);
    for (body, expected) in [
        (
            json!({ "question_code": "CHI.01.01", "statement": "  " }),
            ("statement", "required"),
        ),
        (
            json!({ "question_code": "CHI.01.01", "statement": too_long }),
            ("statement", "too_long"),
        ),
        (
            json!({ "question_code": hidden, "statement": "Fixed." }),
            ("question_code", "not_a_disclosed_finding"),
        ),
    ] {
        assert_eq!(
            factory.post(&path, &body).await.field_errors(),
            fields(&[expected])
        );
    }
    let statement = "Children under 15 no longer work here: ages are checked at hiring since May.";
    let answered: PublicResponses = factory
        .post(
            &path,
            &json!({ "question_code": "CHI.01.01", "statement": statement }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let response = answered.findings[0].response.clone().expect("the response");
    assert_eq!(
        (response.statement.as_str(), response.check.clone()),
        (statement, None)
    );

    // The site shows it beside the finding as the factory's own, unverified statement.
    let dir = std::env::temp_dir().join(format!(
        "ims-responses-{}-{}",
        app.kind().name(),
        std::process::id()
    ));
    std::fs::remove_dir_all(&dir).ok();
    public_site::generate(&app.db, &dir, START)
        .await
        .expect("generated");
    let page = std::fs::read_to_string(dir.join(format!("en/factories/{factory_id}.html")))
        .expect("the factory's page");
    assert!(page.contains("Children under 15 no longer work here"));
    assert!(page.contains(&shared::i18n::translate(
        shared::i18n::Lang::En,
        "site.response.unverified"
    )));
    assert!(page.contains(&format!("href=\"#response-{}\"", response.id)));
    let data = std::fs::read_to_string(dir.join("data/public_responses.csv")).expect("csv");
    assert!(data.contains("unverified"));

    // A monitor checks it only from a later visit of the factory; once.
    let mut monitor = app.login_demo("monitor").await;
    let check_path = format!("/api/public-responses/{}/check", response.id);
    let check = json!({ "outcome": "verified", "note": "Hiring records checked." });
    monitor
        .post(&check_path, &check)
        .await
        .assert_error(StatusCode::FORBIDDEN, "verification_needs_later_visit");
    later_visit(&mut monitor, factory_id).await;
    let listed: PublicResponses = monitor.get(&path).await.json();
    assert!(listed.may_check && !listed.may_respond);
    let checked: PublicResponses = monitor
        .post(&check_path, &check)
        .await
        .assert_status(StatusCode::OK)
        .json();
    let done = checked.findings[0].response.clone().expect("the response");
    assert_eq!(done.check.map(|c| c.outcome), Some(Verification::Verified));
    monitor
        .post(&check_path, &check)
        .await
        .assert_error(StatusCode::CONFLICT, "response_already_checked");
    factory
        .post(&check_path, &check)
        .await
        .assert_status(StatusCode::FORBIDDEN);

    public_site::generate(&app.db, &dir, START + 60)
        .await
        .expect("generated again");
    let page = std::fs::read_to_string(dir.join(format!("en/factories/{factory_id}.html")))
        .expect("the factory's page");
    assert!(page.contains("Verified by a monitor"));
    assert!(
        !page.contains("Hiring records checked"),
        "the monitor's note stays private"
    );
    std::fs::remove_dir_all(&dir).ok();
}

both_databases!(a_factory_answers_a_disclosed_finding_and_a_monitor_checks_it);
