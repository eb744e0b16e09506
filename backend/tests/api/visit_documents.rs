//! The documents requested at a visit: the factory sees them once the visit has ended, marks
//! each handed over once; the monitors see its word and confirm; overdue ones are flagged.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::auth::CurrentUser;
use shared::api::visits::{RequestedDocument, VisitDetail};

use crate::helpers::{fields, TestApp};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call};
use crate::visits::create_visit;

const DAY_MINUTES: i64 = 24 * 60;

async fn the_factory_sees_requested_documents_after_the_visit_and_hands_one_over(app: TestApp) {
    // Arrange: a visit of the demo manager's factory on 2027-01-15 and 16, two documents
    // requested on the 16th (due the 23rd).
    let manager: CurrentUser = app.login_demo("factory").await.me().await.json();
    let factory = manager.factory_id.expect("a factory");
    let mut monitor = app.login_demo("monitor").await;
    let visit = create_visit(&mut monitor, factory).await;
    let documents = json!([
        { "name": "Payroll for December", "requested_on": "2027-01-16" },
        { "name": "Fire drill records", "requested_on": "2027-01-16" }
    ]);
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &json!({ "outcome": "completed", "documents": documents }),
        )
        .await
        .assert_status(StatusCode::OK);
    let list_path = format!("/api/factories/{factory}/requested-documents");
    let handover_path = format!("/api/visits/{}/documents/handover", visit.id);
    let during_visit: Vec<RequestedDocument> =
        app.login_demo("factory").await.get(&list_path).await.json();

    // Act: the day after the visit began, the visit has ended.
    app.advance_minutes(DAY_MINUTES);
    let mut factory_client = app.login_demo("factory").await;
    let after: Vec<RequestedDocument> = factory_client.get(&list_path).await.json();
    let unknown = factory_client
        .post(
            &handover_path,
            &json!({ "name": "Time cards", "handed_over_on": "2027-01-16" }),
        )
        .await
        .field_errors();
    let future = factory_client
        .post(
            &handover_path,
            &json!({ "name": "Payroll for December", "handed_over_on": "2027-01-17" }),
        )
        .await
        .field_errors();
    let handed: RequestedDocument = factory_client
        .post(
            &handover_path,
            &json!({ "name": "Payroll for December", "handed_over_on": "2027-01-16" }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let twice = factory_client
        .post(
            &handover_path,
            &json!({ "name": "Payroll for December", "handed_over_on": "2027-01-16" }),
        )
        .await;
    let mut monitor = app.login_demo("monitor").await;
    let seen: VisitDetail = monitor
        .get(&format!("/api/visits/{}", visit.id))
        .await
        .json();
    // The monitor saves the facts again, confirming receipt: the factory's word stays.
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &json!({ "outcome": "completed", "documents": [
                { "name": "Payroll for December", "requested_on": "2027-01-16",
                  "received_on": "2027-01-16" },
                { "name": "Fire drill records", "requested_on": "2027-01-16" }
            ] }),
        )
        .await
        .assert_status(StatusCode::OK);
    app.advance_minutes(8 * DAY_MINUTES);
    let later: Vec<RequestedDocument> =
        app.login_demo("factory").await.get(&list_path).await.json();

    // Assert
    assert!(
        during_visit.is_empty(),
        "nothing before the visit has ended"
    );
    let names: Vec<(&str, &str, bool)> = after
        .iter()
        .map(|d| {
            (
                d.document.name.as_str(),
                d.document.due_on.as_str(),
                d.overdue,
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Payroll for December", "2027-01-23", false),
            ("Fire drill records", "2027-01-23", false)
        ]
    );
    assert_eq!(unknown, fields(&[("name", "document_unknown")]));
    assert_eq!(future, fields(&[("handed_over_on", "date_in_future")]));
    assert_eq!(
        handed.document.handed_over_on.as_deref(),
        Some("2027-01-16")
    );
    twice.assert_error(StatusCode::CONFLICT, "document_already_handed_over");
    assert_eq!(
        seen.facts.documents[0].handed_over_on.as_deref(),
        Some("2027-01-16")
    );
    assert_eq!(seen.facts.documents[1].handed_over_on, None);
    // On 2027-01-25: the payroll was received and handed over; the drill records are overdue.
    let flags: Vec<(Option<&str>, Option<&str>, bool)> = later
        .iter()
        .map(|d| {
            (
                d.document.received_on.as_deref(),
                d.document.handed_over_on.as_deref(),
                d.overdue,
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            (Some("2027-01-16"), Some("2027-01-16"), false),
            (None, None, true)
        ]
    );
}
both_databases!(the_factory_sees_requested_documents_after_the_visit_and_hands_one_over);

async fn only_the_factory_hands_documents_over_and_staff_see_them(app: TestApp) {
    // Arrange: a visit of the demo manager's factory that has ended, one document requested.
    let manager: CurrentUser = app.login_demo("factory").await.me().await.json();
    let factory = manager.factory_id.expect("a factory");
    let mut monitor = app.login_demo("monitor").await;
    let visit = create_visit(&mut monitor, factory).await;
    sqlx::query(
        "update visits set start_date = '2027-01-10', end_date = '2027-01-10' where id = $1",
    )
    .bind(visit.id)
    .execute(&app.db.pool)
    .await
    .expect("date the visit");
    monitor
        .put(
            &format!("/api/visits/{}/facts", visit.id),
            &json!({ "documents": [{ "name": "Payroll", "requested_on": "2027-01-10" }] }),
        )
        .await
        .assert_status(StatusCode::OK);
    let calls = vec![
        Call::get(
            format!("/api/factories/{factory}/requested-documents"),
            [200, 200, 200, 200, 200, 403, 403, 403],
        ),
        // Gets as far as the date check for the factory's manager.
        Call::post(
            format!("/api/visits/{}/documents/handover", visit.id),
            json!({ "name": "Payroll", "handed_over_on": "" }),
            [403, 403, 403, 403, 422, 403, 403, 403],
        ),
    ];

    // Act
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);

    // Assert
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
both_databases!(only_the_factory_hands_documents_over_and_staff_see_them);
