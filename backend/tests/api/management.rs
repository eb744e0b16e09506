//! The management report against a hand-computed fixture: turnaround by month and monitor,
//! reports waiting, past the publication target, objections, actions behind schedule,
//! documents overdue and failed notices; and who may read it.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::factories::Factory;
use shared::api::management::{ManagementReport, StageDays, Turnaround};
use shared::api::objections::ReportObjections;
use shared::api::visits::VisitSummary;
use shared::checklist::QuestionKind;

use crate::checklists::current_checklist;
use crate::helpers::{fields, TestApp, TestClient};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call};
use crate::visits::{completed_facts, create_visit, factory_id, step, INJAE, SABRINA};

const DAY_MINUTES: i64 = 24 * 60;

/// A visit of `factory` by the demo monitor, its days moved to `last_day`.
async fn visit_ending(
    app: &TestApp,
    monitor: &mut TestClient,
    factory: i64,
    last_day: &str,
) -> VisitSummary {
    let visit = create_visit(monitor, factory).await;
    sqlx::query("update visits set start_date = $1, end_date = $1 where id = $2")
        .bind(last_day)
        .bind(visit.id)
        .execute(&app.db.pool)
        .await
        .expect("date the visit");
    visit
}

fn stage(reports: i64, median: Option<f64>, p90: Option<f64>) -> StageDays {
    StageDays {
        reports,
        median_days: median,
        p90_days: p90,
    }
}

/// Rounds the report's figures to 0.01 so that computed percentiles compare exactly.
fn rounded(turnaround: &Turnaround) -> Turnaround {
    let round = |value: Option<f64>| value.map(|v| (v * 100.0).round() / 100.0);
    let stage = |stage: &StageDays| StageDays {
        reports: stage.reports,
        median_days: round(stage.median_days),
        p90_days: round(stage.p90_days),
    };
    Turnaround {
        submitted: stage(&turnaround.submitted),
        approved: stage(&turnaround.approved),
        published: stage(&turnaround.published),
        ..turnaround.clone()
    }
}

async fn the_management_report_matches_the_hand_computed_fixture(app: TestApp) {
    // Arrange, on 2027-01-15 (day 0):
    //   A (Injae) ended 2027-01-05: submitted day 0 (10 days), returned, resubmitted, approved
    //     and published day 2 (12 days); one finding, objected day 2 and rejected day 3.
    //   B (Sabrina) ended 2027-01-12: submitted day 0 (3), approved and published day 2 (5).
    //   C (third factory) ended 2026-12-10: submitted day 0 (36), still submitted; a document
    //     due 2026-12-17 never handed over.
    //   D (fourth factory) ends 2027-01-16: a draft.
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let sabrina = factory_id(&mut admin, SABRINA).await;
    let factories: Vec<Factory> = admin.get("/api/factories").await.json();
    let others: Vec<&Factory> = factories
        .iter()
        .filter(|f| f.id != injae && f.id != sabrina)
        .collect();
    let content = current_checklist(&mut admin).await.content;
    let question = content
        .questions()
        .find(|q| q.kind == QuestionKind::YesNo && q.critical_issue.is_none())
        .expect("a yes/no question")
        .code
        .clone();
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    let a = visit_ending(&app, &mut monitor, injae, "2027-01-05").await;
    let b = visit_ending(&app, &mut monitor, sabrina, "2027-01-12").await;
    let c = visit_ending(&app, &mut monitor, others[0].id, "2026-12-10").await;
    visit_ending(&app, &mut monitor, others[1].id, "2027-01-16").await;
    monitor
        .post(
            &format!("/api/visits/{}/answers", a.id),
            &json!({ "answers": [{ "question_code": question, "choice": "non_compliant",
                                   "finding": "Overtime paid at the normal rate.",
                                   "suggestion": "Pay 150 %.", "changed_at": 1_000 }] }),
        )
        .await
        .assert_status(StatusCode::OK);
    for visit in [&a, &b] {
        monitor
            .put(
                &format!("/api/visits/{}/facts", visit.id),
                &completed_facts(),
            )
            .await
            .assert_status(StatusCode::OK);
    }
    monitor
        .put(
            &format!("/api/visits/{}/facts", c.id),
            &json!({ "outcome": "completed", "documents": [
                { "name": "Payroll records for November", "requested_on": "2026-12-10" }
            ] }),
        )
        .await
        .assert_status(StatusCode::OK);
    for visit in [&a, &b, &c] {
        step(&mut monitor, visit.id, "submit", "").await;
    }
    step(
        &mut approver,
        a.id,
        "return",
        "Findings need the payroll evidence.",
    )
    .await;
    app.advance_minutes(2 * DAY_MINUTES);
    let mut monitor = app.login_demo("monitor").await;
    let mut approver = app.login_demo("approver").await;
    step(&mut monitor, a.id, "submit", "").await;
    for visit in [&a, &b] {
        step(&mut approver, visit.id, "approve", "").await;
        step(&mut approver, visit.id, "publish", "").await;
    }
    let mut manager = app.login_demo("factory").await;
    let objected: ReportObjections = manager
        .post(
            &format!("/api/reports/{}/objections", a.id),
            &json!({ "findings": [{ "question_code": question, "reason": "Paid in full." }] }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    // A corrective action already past its target, one not yet due.
    for target in ["2027-01-10", "2027-03-31"] {
        manager
            .post(
                &format!("/api/reports/{}/corrective-actions", a.id),
                &json!({ "question_code": question, "description": "Pay the difference",
                         "responsible": "HR manager", "target_date": target,
                         "status": "planned" }),
            )
            .await
            .assert_status(StatusCode::CREATED);
    }
    app.advance_minutes(DAY_MINUTES);
    let mut approver = app.login_demo("approver").await;
    approver
        .post(
            &format!("/api/objections/{}/decision", objected.objections[0].id),
            &json!({ "outcome": "rejected", "reason": "The payroll shows the normal rate." }),
        )
        .await
        .assert_status(StatusCode::OK);
    sqlx::query(
        "insert into outbox_messages (factory_id, to_address, subject, body, delivery, error, \
             created_at) values ($1, 'hr@example.com', 'Your report is published', 'Body', \
             'failed', 'connection refused', $2)",
    )
    .bind(injae)
    .bind(crate::helpers::START)
    .execute(&app.db.pool)
    .await
    .expect("a failed notice");

    // Act, on 2027-01-18 (day 3).
    let report: ManagementReport = approver
        .get("/api/management?from=2026-12&to=2027-01")
        .await
        .assert_status(StatusCode::OK)
        .json();
    let default_period: ManagementReport = approver.get("/api/management").await.json();
    let bad = approver
        .get("/api/management?from=2027-13&to=2026-01")
        .await
        .field_errors();
    let backwards = approver
        .get("/api/management?from=2027-01&to=2026-12")
        .await
        .field_errors();

    // Assert
    assert_eq!(report.today, "2027-01-18");
    assert_eq!(report.publication_target_days, 28);
    // Submitted [3, 10, 36]: median 10, p90 at rank 1.8 = 10 + 0.8 × 26 = 30.8.
    // Approved and published [5, 12]: median 8.5, p90 = 5 + 0.9 × 7 = 11.3.
    let overall = rounded(&report.overall);
    assert_eq!(overall.visits, 4);
    assert_eq!(overall.submitted, stage(3, Some(10.0), Some(30.8)));
    assert_eq!(overall.approved, stage(2, Some(8.5), Some(11.3)));
    assert_eq!(overall.published, stage(2, Some(8.5), Some(11.3)));
    assert_eq!(overall.returned, 1);
    let months: Vec<Turnaround> = report.by_month.iter().map(rounded).collect();
    assert_eq!(months.len(), 2);
    assert_eq!(months[0].key, "2026-12");
    assert_eq!(months[0].visits, 1);
    assert_eq!(months[0].submitted, stage(1, Some(36.0), Some(36.0)));
    assert_eq!(months[0].published, stage(0, None, None));
    assert_eq!(months[1].key, "2027-01");
    assert_eq!(months[1].visits, 3);
    // [3, 10]: median 6.5, p90 = 3 + 0.9 × 7 = 9.3.
    assert_eq!(months[1].submitted, stage(2, Some(6.5), Some(9.3)));
    assert_eq!(months[1].published, stage(2, Some(8.5), Some(11.3)));
    assert_eq!(months[1].returned, 1);
    assert_eq!(
        report.by_monitor.len(),
        1,
        "the demo monitor led every visit"
    );
    assert_eq!(rounded(&report.by_monitor[0]).submitted, overall.submitted);
    let waiting: Vec<(&str, i64, Option<i64>)> = report
        .waiting
        .iter()
        .map(|w| (w.status.as_str(), w.reports, w.oldest_days))
        .collect();
    assert_eq!(
        waiting,
        [
            ("draft", 1, Some(3)),
            ("submitted", 1, Some(3)),
            ("returned", 0, None),
            ("approved", 0, None)
        ]
    );
    let late: Vec<(i64, &str, i64)> = report
        .past_target
        .iter()
        .map(|r| (r.visit_id, r.status.as_str(), r.days))
        .collect();
    assert_eq!(late, [(c.id, "submitted", 39)]);
    assert_eq!(report.objections.findings_objected, 1);
    assert_eq!(report.objections.rejected, 1);
    assert_eq!(report.objections.pending, 0);
    assert_eq!(report.objections.median_days_to_decision, Some(1.0));
    assert_eq!(report.actions_behind.len(), 1);
    assert_eq!(report.actions_behind[0].factory_id, injae);
    assert_eq!(report.actions_behind[0].actions, 1);
    assert_eq!(report.actions_behind[0].oldest_target, "2027-01-10");
    let documents: Vec<(i64, &str, i64)> = report
        .documents_overdue
        .iter()
        .map(|doc| (doc.visit_id, doc.due_on.as_str(), doc.days_overdue))
        .collect();
    assert_eq!(documents, [(c.id, "2026-12-17", 32)]);
    assert_eq!(report.failed_notices.len(), 1);
    assert_eq!(report.failed_notices[0].error, "connection refused");
    let mut paper: Vec<i64> = report
        .paper_copies_waiting
        .iter()
        .map(|p| p.visit_id)
        .collect();
    paper.sort();
    let mut expected: Vec<i64> = [(&a, injae), (&b, sabrina)]
        .into_iter()
        .filter(|(_, factory)| {
            factories
                .iter()
                .any(|f| f.id == *factory && f.needs_paper_copy)
        })
        .map(|(visit, _)| visit.id)
        .collect();
    expected.sort();
    assert_eq!(paper, expected);
    assert_eq!(
        (default_period.from.as_str(), default_period.to.as_str()),
        ("2026-02", "2027-01")
    );
    assert_eq!(bad, fields(&[("from", "month_invalid")]));
    assert_eq!(backwards, fields(&[("to", "month_before_start")]));
}
both_databases!(the_management_report_matches_the_hand_computed_fixture);

async fn only_administrators_and_approvers_read_the_management_report(app: TestApp) {
    // Arrange
    let calls = vec![Call::get(
        "/api/management".into(),
        [200, 403, 200, 403, 403, 403, 403, 403],
    )];

    // Act
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);

    // Assert
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(only_administrators_and_approvers_read_the_management_report);
