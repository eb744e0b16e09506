//! Published reports as immutable documents (`/api/reports/:id`,
//! `/api/report-documents/verify`): what is stored is what readers get, amendments chain by
//! hash, tampering is found, and the announced deadline does not move with the calendar.
//!
//! The test clock starts at 1_800_000_000 = Friday 2027-01-15 in Phnom Penh; the seeded
//! holiday calendar ends with 2025, so a deadline counted in 2027 skips weekends only.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::analytics::FactoryReport;
use shared::api::reports::{ChainCheck, ReportDocument};

use crate::helpers::TestApp;
use crate::visits::INJAE;

/// The stored documents of a report: (version, document text, sha256, previous sha256).
async fn stored(app: &TestApp, visit_id: i64) -> Vec<(i64, String, String, String)> {
    sqlx::query_as(
        "select version_number, document, sha256, previous_sha256 from report_documents \
         where visit_id = $1 order by version_number",
    )
    .bind(visit_id)
    .fetch_all(&app.db.pool)
    .await
    .expect("read the stored documents")
}

both_databases!(
    readers_get_the_stored_document,
    an_amendment_chains_a_new_version,
    tampering_is_reported_by_verify,
    a_holiday_added_later_does_not_move_the_deadline,
);

async fn readers_get_the_stored_document(app: TestApp) {
    let report = app.report_with_findings(INJAE).await;
    let (visit, findings) = (report.visit, report.findings);
    let documents = stored(&app, visit.id).await;
    assert_eq!(documents.len(), 1);
    let (number, text, sha256, previous) = &documents[0];
    assert_eq!(*number, 1);
    let document: ReportDocument = serde_json::from_str(text).unwrap();

    let mut manager = app.login_demo("factory").await;
    let report: FactoryReport = manager
        .get(&format!("/api/reports/{}", visit.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(report.version, 1);
    assert_eq!(&report.document_sha256, sha256);
    assert_eq!(report.visit, document.visit);
    assert_eq!(report.findings, document.findings);
    assert_eq!(
        report
            .findings
            .iter()
            .map(|f| f.question_code.clone())
            .collect::<Vec<_>>(),
        findings
    );
    assert_eq!(report.measurements, document.measurements);
    assert_eq!(report.documents, document.documents);
    assert_eq!(report.progress, document.progress);
    assert_eq!(report.critical_issues, document.scores.critical_issues);
    assert_eq!(report.objection_deadline, document.objection_deadline);
    assert_eq!(
        report.third_party_visible_from,
        Some(document.third_party_visible_from)
    );
    assert_eq!(report.overall_rate, document.scores.overall_rate());
    assert_eq!(report.clusters.len(), document.clusters.len());
    for (read, kept) in report.clusters.iter().zip(&document.clusters) {
        assert_eq!(
            (
                read.code.as_str(),
                read.rate,
                read.industry_rate_at_publication
            ),
            (
                kept.code.as_str(),
                kept.rate,
                kept.industry_rate_at_publication
            )
        );
    }
    // The report is Injae's latest assessment, so the average now includes it too.
    assert!(report.clusters.iter().any(|c| c.industry_rate.is_some()));
    // The factory's earlier documents (none in the demo data) come before it in its chain.
    assert_eq!(previous, "");
    // The window of the deadline lies in 2027, which the seeded calendar does not cover.
    assert_eq!(report.deadline_years_without_holidays, vec![2027]);
}

async fn an_amendment_chains_a_new_version(app: TestApp) {
    let report = app.report_with_findings(INJAE).await;
    let (visit, findings) = (report.visit, report.findings);
    let mut approver = app.login_demo("approver").await;
    approver
        .post(
            &format!("/api/reports/{}/corrections", visit.id),
            &json!({
                "question_code": findings[0],
                "reason": "The time cards were misread.",
                "amendment": {"choice": "compliant"},
            }),
        )
        .await
        .assert_status(StatusCode::CREATED);
    let documents = stored(&app, visit.id).await;
    assert_eq!(
        documents.iter().map(|d| d.0).collect::<Vec<_>>(),
        vec![1, 2]
    );
    assert_eq!(documents[1].3, documents[0].2, "version 2 names version 1");
    let first: ReportDocument = serde_json::from_str(&documents[0].1).unwrap();
    let second: ReportDocument = serde_json::from_str(&documents[1].1).unwrap();
    assert_eq!(first.findings.len(), 2, "version 1 is kept as published");
    assert_eq!(second.findings.len(), 1);
    assert_eq!(second.objection_deadline, first.objection_deadline);
    assert_eq!(
        second.third_party_visible_from,
        first.third_party_visible_from
    );

    let report: FactoryReport = approver
        .get(&format!("/api/reports/{}", visit.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(report.version, 2);
    assert_eq!(report.document_sha256, documents[1].2);
    assert_eq!(report.findings, second.findings);

    let mut admin = app.login_demo("admin").await;
    let check: ChainCheck = admin
        .get("/api/report-documents/verify")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert!(check.breaks.is_empty(), "{:?}", check.breaks);
    assert!(check.documents >= 2);
}

async fn tampering_is_reported_by_verify(app: TestApp) {
    let visit = app.report_with_findings(INJAE).await.visit;
    let mut admin = app.login_demo("admin").await;
    let before: ChainCheck = admin
        .get("/api/report-documents/verify")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert!(before.breaks.is_empty(), "{:?}", before.breaks);

    let (_, text, _, _) = stored(&app, visit.id).await.remove(0);
    let tampered = text.replacen("Overtime not paid", "Overtime paid", 1);
    assert_ne!(tampered, text);
    sqlx::query("update report_documents set document = $1 where visit_id = $2")
        .bind(&tampered)
        .bind(visit.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let after: ChainCheck = admin
        .get("/api/report-documents/verify")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(after.documents, before.documents);
    assert_eq!(after.breaks.len(), 1, "{:?}", after.breaks);
    assert_eq!(after.breaks[0].visit_id, visit.id);
    assert_eq!(after.breaks[0].version, 1);
    assert_eq!(after.breaks[0].problem, "hash_mismatch");

    // Only administrators run the check.
    let mut approver = app.login_demo("approver").await;
    approver
        .get("/api/report-documents/verify")
        .await
        .assert_status(StatusCode::FORBIDDEN);
}

async fn a_holiday_added_later_does_not_move_the_deadline(app: TestApp) {
    let visit = app.report_with_findings(INJAE).await.visit;
    let mut manager = app.login_demo("factory").await;
    let path = format!("/api/reports/{}", visit.id);
    let before: FactoryReport = manager.get(&path).await.json();
    // Published Friday 2027-01-15: 21 working days from Monday 18 January, weekends only.
    assert_eq!(before.objection_deadline.as_deref(), Some("2027-02-15"));

    let mut admin = app.login_demo("admin").await;
    admin
        .post(
            "/api/holidays",
            &json!({"date": "2027-01-20", "name": "A holiday declared after publication"}),
        )
        .await
        .assert_status(StatusCode::CREATED);
    let after: FactoryReport = manager.get(&path).await.json();
    assert_eq!(after.objection_deadline, before.objection_deadline);
    let objections: serde_json::Value = manager
        .get(&format!("/api/reports/{}/objections", visit.id))
        .await
        .json();
    assert_eq!(objections["deadline"], "2027-02-15");
}

both_databases!(the_holiday_page_warns_of_years_without_holidays);
async fn the_holiday_page_warns_of_years_without_holidays(app: TestApp) {
    let mut admin = app.login_demo("admin").await;
    let coverage: shared::deadline::HolidayCoverage = admin
        .get("/api/holidays/coverage")
        .await
        .assert_status(StatusCode::OK)
        .json();
    // The seeded calendar ends with 2025; the test clock is in January 2027.
    assert_eq!(coverage.years_without_holidays, vec![2027, 2028]);
    admin
        .post(
            "/api/holidays",
            &json!({"date": "2027-04-14", "name": "Khmer New Year"}),
        )
        .await
        .assert_status(StatusCode::CREATED);
    let coverage: shared::deadline::HolidayCoverage =
        admin.get("/api/holidays/coverage").await.json();
    assert_eq!(coverage.years_without_holidays, vec![2028]);
}
