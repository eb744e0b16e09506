//! Synthesis editions: issued once by staff, frozen (a report published afterwards changes the
//! live figures, never the edition), read by staff, factories and buyers, and published on the
//! public site exactly as stored.

use axum::http::StatusCode;
use backend::public_site;
use serde_json::json;
use sha2::{Digest, Sha256};
use shared::api::factories::Factory;
use shared::api::synthesis::{SynthesisDocument, SynthesisEdition, SynthesisEditionSummary};

use crate::analytics::publish_assessment;
use crate::helpers::{fields, TestApp, START};

/// The demo's six factories' ids.
async fn demo_factories(app: &TestApp) -> Vec<i64> {
    let mut admin = app.login_demo("admin").await;
    let factories: Vec<Factory> = admin.get("/api/factories").await.json();
    assert_eq!(factories.len(), 6);
    factories.iter().map(|factory| factory.id).collect()
}

async fn an_issued_edition_does_not_change_when_a_later_report_is_published(app: TestApp) {
    // Arrange: five assessments in 2026-H1 (the clock is in January 2027, so the half
    // ended); five, so that the public site does not withhold the edition's figures.
    let factories = demo_factories(&app).await;
    let (yes, no) = ("compliant", "non_compliant");
    for (index, factory) in factories[..5].iter().enumerate() {
        let choice = if index == 0 { no } else { yes };
        let date = format!("2026-0{}-10", index + 1);
        publish_assessment(&app, *factory, &date, &[("CHI.01.01", choice)]).await;
    }
    let mut approver = app.login_demo("approver").await;
    let live: SynthesisDocument = approver
        .get("/api/analytics/synthesis?period=2026-H1")
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(live.overview.factories, 5);

    // Act: issue, then publish a late report that falls in the same half-year.
    let issued: SynthesisEdition = approver
        .post("/api/synthesis-editions", &json!({ "period": "2026-H1" }))
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    publish_assessment(&app, factories[5], "2026-06-10", &[("CHI.01.01", no)]).await;

    // Assert: the live report moved, the edition did not.
    assert_eq!(issued.document, live);
    assert_eq!(issued.period, "2026-H1");
    assert_eq!(issued.issued_at, START);
    assert!(issued.data_as_of.is_some());
    let later: SynthesisDocument = approver
        .get("/api/analytics/synthesis?period=2026-H1")
        .await
        .json();
    assert_eq!(
        later.overview.factories, 6,
        "the live report includes the late one"
    );
    let reread: SynthesisEdition = approver
        .get(&format!("/api/synthesis-editions/{}", issued.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    assert_eq!(reread, issued);
    assert_eq!(reread.document.overview.factories, 5);
    // One edition per period: the first stands.
    approver
        .post("/api/synthesis-editions", &json!({ "period": "2026-H1" }))
        .await
        .assert_error(StatusCode::CONFLICT, "synthesis_edition_exists");

    // The public site publishes the stored text, whose hash is the one printed.
    let dir = std::env::temp_dir().join(format!(
        "ims-editions-{}-{}",
        app.kind().name(),
        std::process::id()
    ));
    std::fs::remove_dir_all(&dir).ok();
    public_site::generate(&app.db, &dir, START + 60)
        .await
        .expect("generated");
    let stored = std::fs::read(dir.join("data/editions/2026-H1.json")).expect("the edition's data");
    assert_eq!(hex::encode(Sha256::digest(&stored)), issued.sha256);
    for lang in ["en", "km", "zh"] {
        let page = std::fs::read_to_string(dir.join(format!("{lang}/editions/2026-H1.html")))
            .expect("the edition's page");
        assert!(page.contains(&issued.sha256), "{lang}");
        assert!(page.contains("<svg"), "{lang}: charts");
        let list = std::fs::read_to_string(dir.join(format!("{lang}/editions/index.html")))
            .expect("the list of editions");
        assert!(list.contains("2026-H1.html"), "{lang}");
    }
    let table = std::fs::read_to_string(dir.join("data/synthesis_editions.csv")).expect("csv");
    assert!(table.contains(&issued.sha256));
    // Regenerating after the late report leaves the edition's page as it was.
    let before = std::fs::read(dir.join("en/editions/2026-H1.html")).expect("page");
    public_site::generate(&app.db, &dir, START + 120)
        .await
        .expect("generated again");
    let after = std::fs::read(dir.join("en/editions/2026-H1.html")).expect("page");
    assert_eq!(before, after);
    std::fs::remove_dir_all(&dir).ok();
}

async fn only_ended_periods_with_reports_are_issued_and_everyone_concerned_reads_them(
    app: TestApp,
) {
    // Arrange
    let factories = demo_factories(&app).await;
    publish_assessment(
        &app,
        factories[0],
        "2026-08-10",
        &[("CHI.01.01", "compliant")],
    )
    .await;
    let mut admin = app.login_demo("admin").await;

    // Act and assert: what cannot be issued, and why.
    for (period, code) in [
        ("2026", "period_invalid"),
        ("2026-Q7", "period_invalid"),
        ("", "period_invalid"),
        ("2027-H1", "synthesis_period_open"),
        ("2027-Q1", "synthesis_period_open"),
        ("2019-H1", "synthesis_no_data"),
    ] {
        let response = admin
            .post("/api/synthesis-editions", &json!({ "period": period }))
            .await;
        assert_eq!(
            response.field_errors(),
            fields(&[("period", code)]),
            "{period}"
        );
    }
    let listed: Vec<SynthesisEditionSummary> = admin.get("/api/synthesis-editions").await.json();
    assert!(listed.is_empty(), "nothing refused was stored");

    let issued: SynthesisEdition = admin
        .post("/api/synthesis-editions", &json!({ "period": "2026-Q3" }))
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    assert_eq!(issued.issued_by.as_deref(), Some("Sophea Chan"));

    // Factories and buyers read it without the issuer's name; union representatives do not.
    for reader in ["factory", "buyer"] {
        let mut client = app.login_demo(reader).await;
        let list: Vec<SynthesisEditionSummary> = client.get("/api/synthesis-editions").await.json();
        assert_eq!(list.len(), 1, "{reader}");
        assert_eq!((list[0].period.as_str(), list[0].factories), ("2026-Q3", 1));
        assert_eq!(list[0].issued_by, None, "{reader}");
        let edition: SynthesisEdition = client
            .get(&format!("/api/synthesis-editions/{}", issued.id))
            .await
            .assert_status(StatusCode::OK)
            .json();
        assert_eq!(edition.document, issued.document, "{reader}");
        assert_eq!(edition.issued_by, None);
    }
    let mut union = app.login_demo("union").await;
    union
        .get("/api/synthesis-editions")
        .await
        .assert_status(StatusCode::FORBIDDEN);
    admin
        .get("/api/synthesis-editions/999999")
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

both_databases!(
    an_issued_edition_does_not_change_when_a_later_report_is_published,
    only_ended_periods_with_reports_are_issued_and_everyone_concerned_reads_them,
);
