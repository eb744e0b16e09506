//! Corrective action plans: the factory posts actions and updates for each finding of its
//! published report; a monitor on a later visit verifies them; the share of findings verified
//! as fixed is on the plan and the report; buyers with access read it.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::analytics::FactoryReport;
use shared::api::corrective_actions::CorrectiveActionPlan;
use shared::api::visits::VisitSummary;
use shared::corrective_action::{ActionStatus, Verification};

use crate::fixtures::ReportWithFindings;
use crate::helpers::{TestApp, TestClient};
use crate::visits::{INJAE, SABRINA};

/// Yorks: a demo factory that granted the demo buyer nothing.
const YORKS: &str = "Yorks (Cambodia) Co. Ltd";
const DAY: i64 = 86_400;

fn action(question_code: &str) -> serde_json::Value {
    json!({
        "question_code": question_code,
        "description": "Repair the fans and add ventilation in the sewing section",
        "responsible": "Chief engineer, Mr Sok",
        "target_date": "2027-03-31",
        "status": "planned",
    })
}

async fn plan(client: &mut TestClient, visit_id: i64) -> CorrectiveActionPlan {
    client
        .get(&format!("/api/reports/{visit_id}/corrective-actions"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// A visit of `factory_id` by the demo monitor after the report: the "next visit".
pub(crate) async fn later_visit(monitor: &mut TestClient, factory_id: i64) -> VisitSummary {
    let body = json!({
        "factory_id": factory_id,
        "visit_type": "follow_up",
        "announced": false,
        "start_date": "2027-04-10",
        "end_date": "2027-04-10",
    });
    monitor
        .post("/api/visits", &body)
        .await
        .assert_status(StatusCode::CREATED)
        .json()
}

async fn a_factory_posts_actions_and_updates_on_its_findings(app: TestApp) {
    // Arrange
    let ReportWithFindings {
        visit: report,
        findings,
        compliant,
        ..
    } = app.report_with_findings(INJAE).await;
    let mut factory = app.login_demo("factory").await;
    let path = format!("/api/reports/{}/corrective-actions", report.id);

    // Act
    let created: CorrectiveActionPlan = factory
        .post(&path, &action(&findings[0]))
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let not_a_finding = factory.post(&path, &action(&compliant)).await;
    let bad = factory
        .post(
            &path,
            &json!({ "question_code": findings[0], "description": "", "responsible": "",
                     "target_date": "2027-02-30", "status": "started" }),
        )
        .await;
    let action_id = created.actions[0].id;
    // A day later (sessions do not last that long: sign in again).
    app.clock.advance(DAY);
    let mut factory = app.login_demo("factory").await;
    let updated: CorrectiveActionPlan = factory
        .post(
            &format!("/api/corrective-actions/{action_id}/updates"),
            &json!({ "comment": "Eight new fans ordered", "status": "in_progress" }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    let no_comment = factory
        .post(
            &format!("/api/corrective-actions/{action_id}/updates"),
            &json!({ "comment": " ", "status": "finished" }),
        )
        .await;

    // Assert
    assert!(created.may_post && !created.may_verify);
    assert_eq!(created.actions.len(), 1);
    let posted = &created.actions[0];
    assert_eq!(posted.question_code, findings[0]);
    assert_eq!(posted.status, ActionStatus::Planned);
    assert_eq!(posted.target_date, "2027-03-31");
    assert_eq!(posted.created_by_name, "Li Wei");
    assert_eq!(
        not_a_finding.field_errors(),
        crate::helpers::fields(&[("question_code", "not_a_finding")])
    );
    assert_eq!(
        bad.field_errors(),
        crate::helpers::fields(&[
            ("description", "required"),
            ("responsible", "required"),
            ("target_date", "date_invalid"),
            ("status", "choose_one"),
        ])
    );
    let action = &updated.actions[0];
    assert_eq!(action.status, ActionStatus::InProgress);
    assert_eq!(action.updates.len(), 1);
    assert_eq!(action.updates[0].comment, "Eight new fans ordered");
    assert_eq!(action.updates[0].status, Some(ActionStatus::InProgress));
    assert_eq!(action.updates[0].author_name, "Li Wei");
    assert_eq!(action.updates[0].posted_at, crate::helpers::START + DAY);
    assert_eq!(
        no_comment.field_errors(),
        crate::helpers::fields(&[("comment", "required"), ("status", "choose_one")])
    );
    assert_eq!(updated.share.findings, 2);
    assert_eq!(updated.share.verified_fixed, 0);
}
both_databases!(a_factory_posts_actions_and_updates_on_its_findings);

async fn only_the_factorys_manager_posts_and_outsiders_see_nothing(app: TestApp) {
    // Arrange: a report of the manager's factory, one of another factory, and one of a
    // factory the buyer has no access to.
    let own_report = app.report_with_findings(INJAE).await;
    let (own, findings) = (own_report.visit, own_report.findings);
    let other_report = app.report_with_findings(SABRINA).await;
    let (other, other_findings) = (other_report.visit, other_report.findings);
    let ungranted = app.report_with_findings(YORKS).await.visit;
    let mut factory = app.login_demo("factory").await;
    let mut buyer = app.login_demo("buyer").await;
    let own_path = format!("/api/reports/{}/corrective-actions", own.id);
    factory
        .post(&own_path, &action(&findings[0]))
        .await
        .assert_status(StatusCode::CREATED);

    // Act
    let on_other = factory
        .post(
            &format!("/api/reports/{}/corrective-actions", other.id),
            &action(&other_findings[0]),
        )
        .await;
    let read_other = factory
        .get(&format!("/api/reports/{}/corrective-actions", other.id))
        .await;
    let buyer_before = buyer.get(&own_path).await;
    // Past the third-party date (publication + 5 days).
    app.clock.advance(6 * DAY);
    let mut buyer = app.login_demo("buyer").await;
    let mut admin = app.login_demo("admin").await;
    let mut union = app.login_demo("union").await;
    let buyer_plan = plan(&mut buyer, own.id).await;
    let buyer_posts = buyer.post(&own_path, &action(&findings[1])).await;
    let buyer_ungranted = buyer
        .get(&format!("/api/reports/{}/corrective-actions", ungranted.id))
        .await;
    let admin_posts = admin.post(&own_path, &action(&findings[1])).await;
    let union_reads = union.get(&own_path).await;

    // Assert
    on_other.assert_error(StatusCode::NOT_FOUND, "not_found");
    read_other.assert_error(StatusCode::NOT_FOUND, "not_found");
    buyer_before.assert_error(StatusCode::NOT_FOUND, "not_found");
    assert_eq!(buyer_plan.actions.len(), 1);
    assert!(!buyer_plan.may_post && !buyer_plan.may_verify);
    buyer_posts.assert_error(StatusCode::FORBIDDEN, "forbidden");
    buyer_ungranted.assert_error(StatusCode::NOT_FOUND, "not_found");
    admin_posts.assert_error(StatusCode::FORBIDDEN, "forbidden");
    union_reads.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(only_the_factorys_manager_posts_and_outsiders_see_nothing);

async fn a_monitor_on_the_next_visit_verifies_and_the_share_follows(app: TestApp) {
    // Arrange: actions on both findings, the first finding with two actions.
    let own_report = app.report_with_findings(INJAE).await;
    let (report, findings) = (own_report.visit, own_report.findings);
    let mut factory = app.login_demo("factory").await;
    let path = format!("/api/reports/{}/corrective-actions", report.id);
    for code in [&findings[0], &findings[0], &findings[1]] {
        factory
            .post(&path, &action(code))
            .await
            .assert_status(StatusCode::CREATED);
    }
    let ids: Vec<i64> = plan(&mut factory, report.id)
        .await
        .actions
        .iter()
        .map(|action| action.id)
        .collect();
    let mut monitor = app.login_demo("monitor").await;
    let verify =
        |outcome: &str| json!({ "outcome": outcome, "note": "Seen on site: 12 fans work" });

    // Act: before any later visit the monitor may not verify; then, on the next visit's team,
    // they verify both actions of the first finding and find the other not in place.
    let too_early = monitor
        .post(
            &format!("/api/corrective-actions/{}/verification", ids[0]),
            &verify("verified"),
        )
        .await;
    let next = later_visit(&mut monitor, report.factory_id).await;
    let before = plan(&mut monitor, report.id).await;
    let by_factory = factory
        .post(
            &format!("/api/corrective-actions/{}/verification", ids[0]),
            &verify("verified"),
        )
        .await;
    let no_note = monitor
        .post(
            &format!("/api/corrective-actions/{}/verification", ids[0]),
            &json!({ "outcome": "fixed", "note": "" }),
        )
        .await;
    for (id, outcome) in [
        (ids[0], "verified"),
        (ids[1], "verified"),
        (ids[2], "not_verified"),
    ] {
        monitor
            .post(
                &format!("/api/corrective-actions/{id}/verification"),
                &verify(outcome),
            )
            .await
            .assert_status(StatusCode::OK);
    }
    let after = plan(&mut factory, report.id).await;
    let report_after: FactoryReport = factory
        .get(&format!("/api/reports/{}", report.id))
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    too_early.assert_error(StatusCode::FORBIDDEN, "verification_needs_later_visit");
    assert!(before.may_verify && !before.may_post);
    by_factory.assert_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(
        no_note.field_errors(),
        crate::helpers::fields(&[("outcome", "choose_one"), ("note", "required")])
    );
    let verification = after.actions[0].verification.as_ref().expect("verified");
    assert_eq!(verification.outcome, Verification::Verified);
    assert_eq!(verification.monitor_name, "Dara Kim");
    assert_eq!(verification.visit_id, Some(next.id));
    assert_eq!(verification.visit_start_date.as_deref(), Some("2027-04-10"));
    assert_eq!(verification.note, "Seen on site: 12 fans work");
    assert_eq!(
        after.actions[2].verification.as_ref().map(|v| v.outcome),
        Some(Verification::NotVerified)
    );
    // One of two findings verified fixed.
    assert_eq!(after.share.findings, 2);
    assert_eq!(after.share.verified_fixed, 1);
    assert_eq!(after.share.percent, Some(50.0));
    assert_eq!(report_after.corrective_actions, after.share);
}
both_databases!(a_monitor_on_the_next_visit_verifies_and_the_share_follows);

async fn an_unknown_action_or_report_is_not_found(app: TestApp) {
    // Arrange
    let mut factory = app.login_demo("factory").await;

    // Act
    let report = factory.get("/api/reports/999999/corrective-actions").await;
    let update = factory
        .post(
            "/api/corrective-actions/999999/updates",
            &json!({ "comment": "x" }),
        )
        .await;

    // Assert
    report.assert_error(StatusCode::NOT_FOUND, "not_found");
    update.assert_error(StatusCode::NOT_FOUND, "not_found");
}
both_databases!(an_unknown_action_or_report_is_not_found);
