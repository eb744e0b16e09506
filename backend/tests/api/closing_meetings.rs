//! The closing meeting of a visit: a monitor of the team records it (each recording kept, the
//! latest shown) with the documents requested as they stood; staff and the factory's manager
//! read it; nothing is recorded once the report has left the monitors.

use axum::http::StatusCode;
use serde_json::{json, Value};
use shared::api::auth::CurrentUser;
use shared::api::closing_meetings::{ClosingMeeting, ClosingMeetingSummary};

use crate::helpers::{fields, TestApp};
use crate::matrix::{anonymous_mismatches, role_mismatches, Call};
use crate::visits::{another_monitor, create_visit, step, INJAE};

const DAY_MINUTES: i64 = 24 * 60;

fn meeting(held_on: &str, summary: &str) -> Value {
    json!({
        "held_on": held_on,
        "attendees": "Mr Chen (general manager), Ms Dany (HR manager)",
        "summary": summary,
        "next_steps": "We will send the draft report to Mr Chen.",
    })
}

async fn a_team_monitor_records_the_closing_meeting_and_the_factory_reads_it(app: TestApp) {
    // Arrange: a visit of the demo manager's factory on 2027-01-15 and 16; two documents
    // requested on the 16th, due on the 23rd.
    let manager: CurrentUser = app.login_demo("factory").await.me().await.json();
    let factory = manager.factory_id.expect("a factory");
    let mut monitor = app.login_demo("monitor").await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}/closing-meeting", visit.id);
    let facts_path = format!("/api/visits/{}/facts", visit.id);
    monitor
        .put(
            &facts_path,
            &json!({ "outcome": "completed", "documents": [
                { "name": "Payroll for December", "requested_on": "2027-01-16" },
                { "name": "Fire drill records", "requested_on": "2027-01-16" }
            ] }),
        )
        .await
        .assert_status(StatusCode::OK);
    let none_yet = monitor.get(&path).await.status;

    // Act: on the 15th the 16th is still to come; the next day the meeting is recorded, the
    // facts change afterwards, and the monitor corrects the record.
    let too_early = monitor
        .post(&path, &meeting("2027-01-16", "Overtime"))
        .await
        .field_errors();
    let before_visit = monitor
        .post(&path, &meeting("2027-01-14", "Overtime"))
        .await
        .field_errors();
    app.advance_minutes(DAY_MINUTES);
    let mut monitor = app.login_demo("monitor").await;
    let no_summary = monitor
        .post(&path, &meeting("2027-01-16", "  "))
        .await
        .field_errors();
    let first: ClosingMeeting = monitor
        .post(
            &path,
            &meeting(
                " 2027-01-16 ",
                "Overtime above two hours a day.\nNo fire drill.",
            ),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    monitor
        .put(
            &facts_path,
            &json!({ "outcome": "completed", "documents": [
                { "name": "Payroll for December", "requested_on": "2027-01-16",
                  "received_on": "2027-01-16" }
            ] }),
        )
        .await
        .assert_status(StatusCode::OK);
    let kept: ClosingMeeting = monitor.get(&path).await.json();
    let corrected: ClosingMeeting = monitor
        .post(
            &path,
            &meeting("2027-01-16", "Overtime above two hours a day."),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let mut factory_client = app.login_demo("factory").await;
    let read_by_factory: ClosingMeeting = factory_client.get(&path).await.json();
    let listed: Vec<ClosingMeetingSummary> = factory_client
        .get(&format!("/api/factories/{factory}/closing-meetings"))
        .await
        .json();
    step(&mut monitor, visit.id, "submit", "").await;
    let after_submission = monitor.post(&path, &meeting("2027-01-16", "Late")).await;
    let rows: i64 =
        sqlx::query_scalar("select count(*) from visit_closing_meetings where visit_id = $1")
            .bind(visit.id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();

    // Assert
    assert_eq!(none_yet, StatusCode::NOT_FOUND);
    assert_eq!(too_early, fields(&[("held_on", "date_in_future")]));
    assert_eq!(before_visit, fields(&[("held_on", "before_visit")]));
    assert_eq!(no_summary, fields(&[("summary", "required")]));
    assert_eq!(first.version, 1);
    assert_eq!(first.held_on, "2027-01-16");
    assert_eq!(first.factory_name, INJAE);
    assert_eq!(first.monitors, vec!["Dara Kim".to_owned()]);
    assert_eq!(first.recorded_by, "Dara Kim");
    assert_eq!(
        first.summary,
        "Overtime above two hours a day.\nNo fire drill."
    );
    let announced: Vec<(&str, &str, Option<&str>)> = kept
        .documents
        .iter()
        .map(|d| (d.name.as_str(), d.due_on.as_str(), d.received_on.as_deref()))
        .collect();
    assert_eq!(
        announced,
        [
            ("Payroll for December", "2027-01-23", None),
            ("Fire drill records", "2027-01-23", None)
        ],
        "the record keeps the documents as they were requested at the meeting"
    );
    assert_eq!(corrected.version, 2);
    assert_eq!(corrected.summary, "Overtime above two hours a day.");
    assert_eq!(
        corrected.documents.len(),
        1,
        "a new recording takes the documents of its day"
    );
    assert_eq!(read_by_factory, corrected);
    assert_eq!(
        listed,
        vec![ClosingMeetingSummary {
            visit_id: visit.id,
            visit_start: "2027-01-15".into(),
            visit_end: "2027-01-16".into(),
            held_on: "2027-01-16".into(),
            version: 2,
        }],
        "the factory's list holds the latest recording of each visit"
    );
    after_submission.assert_error(StatusCode::CONFLICT, "visit_not_editable");
    assert_eq!(rows, 2, "every recording is kept");
}
both_databases!(a_team_monitor_records_the_closing_meeting_and_the_factory_reads_it);

async fn only_the_team_records_and_only_staff_and_the_factory_read_the_closing_meeting(
    app: TestApp,
) {
    // Arrange: a meeting recorded at a visit of the demo manager's factory, and one at a visit
    // of a factory the demo manager has nothing to do with.
    let manager: CurrentUser = app.login_demo("factory").await.me().await.json();
    let factory = manager.factory_id.expect("a factory");
    let mut monitor = app.login_demo("monitor").await;
    let visit = create_visit(&mut monitor, factory).await;
    let path = format!("/api/visits/{}/closing-meeting", visit.id);
    monitor
        .post(&path, &meeting("2027-01-15", "Overtime"))
        .await
        .assert_status(StatusCode::CREATED);
    let other_factory = crate::visits::factory_id(&mut monitor, crate::visits::SABRINA).await;
    let other = create_visit(&mut monitor, other_factory).await;
    let other_path = format!("/api/visits/{}/closing-meeting", other.id);
    monitor
        .post(&other_path, &meeting("2027-01-15", "Overtime"))
        .await
        .assert_status(StatusCode::CREATED);
    let (mut outsider_monitor, _) = another_monitor(&app).await;
    let calls = vec![
        // Outsiders are told nothing exists.
        Call::get(path.clone(), [200, 200, 200, 200, 200, 404, 404, 404]),
        Call::get(other_path, [200, 200, 200, 200, 404, 404, 404, 404]),
        Call::get(
            format!("/api/factories/{factory}/closing-meetings"),
            [200, 200, 200, 200, 200, 403, 403, 403],
        ),
        Call::get(
            format!("/api/factories/{other_factory}/closing-meetings"),
            [200, 200, 200, 200, 403, 403, 403, 403],
        ),
        // Gets as far as the date check for the monitor on the team.
        Call::post(
            path.clone(),
            meeting("", "Overtime"),
            [403, 422, 403, 403, 403, 403, 403, 403],
        ),
    ];

    // Act
    let mut mismatches = role_mismatches(&app, &calls, "").await;
    mismatches.extend(anonymous_mismatches(&app, &calls).await);
    let not_on_team = outsider_monitor
        .post(&path, &meeting("2027-01-15", "Overtime"))
        .await
        .status;

    // Assert
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(not_on_team, StatusCode::FORBIDDEN);
}
both_databases!(only_the_team_records_and_only_staff_and_the_factory_read_the_closing_meeting);
