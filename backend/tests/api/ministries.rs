//! Reports of non-cooperation to the ministries: written when an obstructed visit's report is
//! approved, emailed through the outbox where an address is configured, the paper copy's
//! hand-over recorded once; and who may read and record.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::ministries::MinistryLetter;
use shared::api::outbox::OutboxView;
use shared::ministry::Ministry;

use crate::helpers::{fields, TestApp};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call};
use crate::visits::{create_visit, factory_id, step, SABRINA};

const LABOUR_ADDRESS: &str = "inspection@mlvt.example.gov.kh";
const SETTINGS: &[(&str, &str)] = &[("IMS_MINISTRY_LABOUR_EMAIL", LABOUR_ADDRESS)];
const DETAILS: &str = "Kept at the gate for 95 minutes, then refused entry to the sewing floor.";

/// An obstructed visit to Sabrina on 2027-01-15, submitted; its id.
async fn obstructed_visit(app: &TestApp) -> i64 {
    let mut monitor = app.login_demo("monitor").await;
    let factory = factory_id(&mut monitor, SABRINA).await;
    let visit = create_visit(&mut monitor, factory).await;
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &json!({ "outcome": "non_cooperation", "gate_wait_minutes": 95,
                     "non_cooperation_details": DETAILS }),
        )
        .await
        .assert_status(StatusCode::OK);
    step(&mut monitor, visit.id, "submit", "").await;
    visit.id
}

async fn an_obstructed_visit_is_reported_to_both_ministries(app: TestApp) {
    // Arrange
    let visit_id = obstructed_visit(&app).await;
    let mut approver = app.login_demo("approver").await;
    let before: Vec<MinistryLetter> = approver.get("/api/ministry-letters").await.json();

    // Act
    step(&mut approver, visit_id, "approve", "").await;
    let letters: Vec<MinistryLetter> = approver
        .get("/api/ministry-letters")
        .await
        .assert_status(StatusCode::OK)
        .json();
    let outbox: OutboxView = app
        .login_demo("admin")
        .await
        .get("/api/outbox")
        .await
        .json();
    let labour = letters
        .iter()
        .find(|l| l.ministry == Ministry::Labour)
        .expect("a letter to the Ministry of Labour")
        .clone();
    let commerce = letters
        .iter()
        .find(|l| l.ministry == Ministry::Commerce)
        .expect("a letter to the Ministry of Commerce")
        .clone();
    let path = format!("/api/ministry-letters/{}/paper-handover", commerce.id);
    let future = approver
        .post(
            &path,
            &json!({ "handed_over_on": "2027-01-16", "note": "" }),
        )
        .await
        .field_errors();
    let before_letter = approver
        .post(
            &path,
            &json!({ "handed_over_on": "2027-01-14", "note": "" }),
        )
        .await
        .field_errors();
    let handed: MinistryLetter = approver
        .post(
            &path,
            &json!({ "handed_over_on": "2027-01-15", "note": "Received by the cabinet, receipt 114" }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    let twice = approver
        .post(
            &path,
            &json!({ "handed_over_on": "2027-01-15", "note": "" }),
        )
        .await;
    let one: MinistryLetter = approver
        .get(&format!("/api/ministry-letters/{}", labour.id))
        .await
        .assert_status(StatusCode::OK)
        .json();
    let read_by_ministry: MinistryLetter = app
        .login_demo("ministry")
        .await
        .get(&format!("/api/ministry-letters/{}", commerce.id))
        .await
        .assert_status(StatusCode::OK)
        .json();

    // Assert
    assert!(before.is_empty(), "nothing is written before approval");
    assert_eq!(
        (
            read_by_ministry.paper_handed_over_on.as_deref(),
            read_by_ministry.paper_recorded_by.as_deref(),
            read_by_ministry.paper_note.as_str(),
            read_by_ministry.body.as_str(),
        ),
        (Some("2027-01-15"), None, "", handed.body.as_str()),
        "ministry staff read the letter and the day, not the programme's notes"
    );
    assert_eq!(letters.len(), 2);
    assert_eq!(labour.reference, format!("NC-{visit_id:06}-L"));
    assert_eq!(commerce.reference, format!("NC-{visit_id:06}-C"));
    assert_eq!(labour.written_on, "2027-01-15");
    for letter in [&labour, &commerce] {
        assert_eq!(letter.visit_id, visit_id);
        assert_eq!(letter.factory_name, SABRINA);
        let (khmer, english) = letter
            .body
            .split_once("\n\n----\n\n")
            .expect("two languages");
        for text in [khmer, english] {
            assert!(text.contains(SABRINA));
            assert!(text.contains(DETAILS));
            assert!(text.contains("2027-01-15"));
            assert!(text.contains("95"));
            assert!(text.contains(&letter.reference));
        }
    }
    // Only the Ministry of Labour has an address: its letter is in the outbox, held (no SMTP).
    assert_eq!(labour.emailed_to.as_deref(), Some(LABOUR_ADDRESS));
    assert_eq!(labour.email_delivery.as_deref(), Some("held"));
    assert_eq!(commerce.emailed_to, None);
    assert_eq!(commerce.email_delivery, None);
    let emailed: Vec<_> = outbox
        .messages
        .iter()
        .filter(|m| m.to_address == LABOUR_ADDRESS)
        .collect();
    assert_eq!(emailed.len(), 1);
    assert_eq!(emailed[0].subject, labour.subject);
    assert_eq!(future, fields(&[("handed_over_on", "date_in_future")]));
    assert_eq!(
        before_letter,
        fields(&[("handed_over_on", "before_letter")])
    );
    assert_eq!(handed.paper_handed_over_on.as_deref(), Some("2027-01-15"));
    assert_eq!(handed.paper_note, "Received by the cabinet, receipt 114");
    assert_eq!(handed.paper_recorded_by.as_deref(), Some("Maria Santos"));
    twice.assert_error(StatusCode::CONFLICT, "paper_already_handed_over");
    assert_eq!(one, labour);
    let events: i64 = sqlx::query_scalar("select count(*) from ministry_letter_events")
        .fetch_one(&app.db.pool)
        .await
        .expect("events");
    assert_eq!(events, 3, "two written, one handed over");
}

mod an_obstructed_visit_is_reported_to_both_ministries {
    #[tokio::test]
    async fn sqlite() {
        let app = crate::helpers::TestApp::sqlite_with_settings(super::SETTINGS).await;
        super::an_obstructed_visit_is_reported_to_both_ministries(app).await;
    }

    #[tokio::test]
    #[cfg_attr(
        not(postgres_tests),
        ignore = "IMS_TEST_POSTGRES_URL was not set when the tests were built"
    )]
    async fn postgres() {
        let app = crate::helpers::TestApp::postgres_with_settings(super::SETTINGS)
            .await
            .expect("IMS_TEST_POSTGRES_URL names the PostgreSQL server");
        super::an_obstructed_visit_is_reported_to_both_ministries(app).await;
    }
}

async fn a_completed_visit_writes_no_letter(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;
    let factory = factory_id(&mut monitor, SABRINA).await;
    let visit = create_visit(&mut monitor, factory).await;
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &crate::visits::completed_facts(),
        )
        .await
        .assert_status(StatusCode::OK);
    step(&mut monitor, visit.id, "submit", "").await;
    let mut approver = app.login_demo("approver").await;

    // Act
    step(&mut approver, visit.id, "approve", "").await;
    let letters: Vec<MinistryLetter> = approver.get("/api/ministry-letters").await.json();

    // Assert
    assert!(letters.is_empty());
}
both_databases!(a_completed_visit_writes_no_letter);

async fn staff_and_ministry_readers_read_letters_and_only_staff_record_a_hand_over(app: TestApp) {
    // Arrange
    let visit_id = obstructed_visit(&app).await;
    let mut approver = app.login_demo("approver").await;
    step(&mut approver, visit_id, "approve", "").await;
    let letters: Vec<MinistryLetter> = approver.get("/api/ministry-letters").await.json();
    let id = letters[0].id;
    let calls = vec![
        Call::get(
            "/api/ministry-letters".into(),
            [200, 403, 200, 403, 403, 403, 403, 200],
        ),
        Call::get(
            format!("/api/ministry-letters/{id}"),
            [200, 403, 200, 403, 403, 403, 403, 200],
        ),
        // Gets as far as the date check for those who may record.
        Call::post(
            format!("/api/ministry-letters/{id}/paper-handover"),
            json!({ "handed_over_on": "not a date" }),
            [422, 403, 422, 403, 403, 403, 403, 403],
        ),
    ];

    // Act
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);

    // Assert
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(staff_and_ministry_readers_read_letters_and_only_staff_record_a_hand_over);
