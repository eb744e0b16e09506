//! The public-holiday calendar (`/api/holidays`) and the working-day objection deadline it
//! feeds on the published report.
//!
//! The test clock starts at 1_800_000_000 = Friday 2027-01-15, 15:00 in Phnom Penh. A report
//! published then may be objected to for 21 working days counted from Monday 18 January:
//! 18–22, 25–29 January, 1–5, 8–12 February (20), Monday 15 February (21).

use axum::body::Body;
use axum::http::{Method, StatusCode};
use backend::clock::Clock;
use backend::demo::DEMO_USERS;
use serde_json::json;
use shared::api::analytics::FactoryReport;
use shared::deadline::Holiday;
use shared::roles::Role;

use crate::helpers::{fields, TestApp, TestClient, TestResponse, START};
use crate::visits::{factory_id, published_visit, step, submitted_visit, INJAE};

/// What the server does at startup (the test harness does not go through it).
async fn seed(app: &TestApp) {
    assert!(
        backend::db::holidays::seed_if_empty(&app.db, START)
            .await
            .expect("seed the calendar"),
        "a fresh database has no holidays"
    );
}

async fn holidays(client: &mut TestClient, query: &str) -> Vec<Holiday> {
    client
        .get(&format!("/api/holidays{query}"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

/// `DELETE path` as the web app sends it.
async fn delete(client: &mut TestClient, path: &str) -> TestResponse {
    let request = client
        .request(Method::DELETE, path)
        .body(Body::empty())
        .unwrap();
    client.send(request).await
}

fn holiday(date: &str, name: &str) -> serde_json::Value {
    json!({ "date": date, "name": name })
}

async fn the_seeded_calendar_is_listed(app: TestApp) {
    seed(&app).await;
    assert!(
        !backend::db::holidays::seed_if_empty(&app.db, START)
            .await
            .unwrap(),
        "a second start leaves the calendar alone"
    );
    let mut manager = app.login_demo("factory").await;

    let in_2025 = holidays(&mut manager, "?year=2025").await;
    let every_year = holidays(&mut manager, "").await;

    assert_eq!(in_2025.len(), 22);
    assert_eq!(every_year.len(), 44);
    assert_eq!(
        in_2025[0],
        Holiday {
            date: "2025-01-01".into(),
            name: "International New Year's Day".into()
        }
    );
    let khmer_new_year: Vec<&str> = in_2025
        .iter()
        .filter(|day| day.name == "Khmer New Year")
        .map(|day| day.date.as_str())
        .collect();
    assert_eq!(khmer_new_year, ["2025-04-14", "2025-04-15", "2025-04-16"]);
    assert_eq!(every_year[0].date, "2024-01-01");
    assert!(holidays(&mut manager, "?year=2031").await.is_empty());
    let refused = manager.get("/api/holidays?year=next").await;
    assert_eq!(
        refused.field_errors(),
        fields(&[("year", "number_invalid")])
    );
}

async fn an_administrator_adds_and_deletes_a_holiday(app: TestApp) {
    seed(&app).await;
    let mut admin = app.login_demo("admin").await;

    let added = admin
        .post("/api/holidays", &holiday("2026-04-14", "  Khmer New Year "))
        .await;
    added.assert_status(StatusCode::CREATED);
    let twice = admin
        .post("/api/holidays", &holiday("2026-04-14", "Again"))
        .await;

    assert_eq!(
        added.json::<Holiday>(),
        Holiday {
            date: "2026-04-14".into(),
            name: "Khmer New Year".into()
        }
    );
    assert_eq!(twice.field_errors(), fields(&[("date", "holiday_exists")]));
    let mut trainer = app.login_demo("trainer").await;
    assert_eq!(
        holidays(&mut trainer, "?year=2026").await,
        [Holiday {
            date: "2026-04-14".into(),
            name: "Khmer New Year".into()
        }]
    );
    let deleted = delete(&mut admin, "/api/holidays/2026-04-14").await;
    deleted.assert_status(StatusCode::NO_CONTENT);
    assert!(holidays(&mut trainer, "?year=2026").await.is_empty());
    delete(&mut admin, "/api/holidays/2026-04-14")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    delete(&mut admin, "/api/holidays/not-a-date")
        .await
        .assert_error(StatusCode::NOT_FOUND, "not_found");
    // A seeded day can be removed too (a holiday moved by a later decree).
    delete(&mut admin, "/api/holidays/2025-05-11")
        .await
        .assert_status(StatusCode::NO_CONTENT);
    assert_eq!(holidays(&mut trainer, "?year=2025").await.len(), 21);
}

async fn only_administrators_change_the_calendar(app: TestApp) {
    seed(&app).await;
    for demo_user in DEMO_USERS
        .iter()
        .filter(|user| user.role != Role::Administrator)
    {
        let mut client = app.login_demo(demo_user.username).await;

        let add = client
            .post("/api/holidays", &holiday("2026-06-01", "Not theirs"))
            .await;
        let removal = delete(&mut client, "/api/holidays/2025-01-01").await;
        let list = client.get("/api/holidays").await;

        add.assert_error(StatusCode::FORBIDDEN, "forbidden");
        removal.assert_error(StatusCode::FORBIDDEN, "forbidden");
        list.assert_status(StatusCode::OK);
    }
    let mut anonymous = app.client();
    anonymous
        .get("/api/holidays")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    anonymous
        .post("/api/holidays", &holiday("2026-06-01", "Nobody's"))
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    delete(&mut anonymous, "/api/holidays/2025-01-01")
        .await
        .assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    let mut admin = app.login_demo("admin").await;
    assert_eq!(holidays(&mut admin, "").await.len(), 44, "nothing changed");
}

async fn a_bad_holiday_is_refused_with_field_errors(app: TestApp) {
    let mut admin = app.login_demo("admin").await;

    let impossible = admin
        .post("/api/holidays", &holiday("2026-02-30", " "))
        .await;
    let local_format = admin
        .post("/api/holidays", &holiday("14/04/2026", "Khmer New Year"))
        .await;
    let missing = admin.post("/api/holidays", &holiday("", "x")).await;
    let in_khmer = admin
        .clone()
        .with_language("km")
        .post("/api/holidays", &holiday("2026-13-01", "x"))
        .await;

    assert_eq!(
        impossible.field_errors(),
        fields(&[("date", "date_invalid"), ("name", "required")])
    );
    assert_eq!(
        local_format.field_errors(),
        fields(&[("date", "date_invalid")])
    );
    assert_eq!(missing.field_errors(), fields(&[("date", "required")]));
    let error = in_khmer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "validation_failed");
    assert_eq!(error.fields[0].code, "date_invalid");
    assert!(holidays(&mut admin, "").await.is_empty());
}

async fn objection_deadline(client: &mut TestClient, visit_id: i64) -> Option<String> {
    client
        .get(&format!("/api/reports/{visit_id}"))
        .await
        .assert_status(StatusCode::OK)
        .json::<FactoryReport>()
        .objection_deadline
}

async fn the_report_shows_the_working_day_objection_deadline(app: TestApp) {
    seed(&app).await;
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let mut manager = app.login_demo("factory").await;

    // Without holidays in its window, a report published at the start of the test clock
    // (Friday 2027-01-15) may be objected to until Monday 15 February.
    let first = published_visit(&app, injae).await;
    // Holidays declared later: one inside the window, one on a Saturday, one after it. They
    // count for reports published from now on; the deadline already announced stays.
    admin
        .post(
            "/api/holidays",
            &holiday("2027-01-20", "A day off inside the window"),
        )
        .await
        .assert_status(StatusCode::CREATED);
    admin
        .post("/api/holidays", &holiday("2027-02-20", "A Saturday"))
        .await
        .assert_status(StatusCode::CREATED);
    admin
        .post(
            "/api/holidays",
            &holiday("2027-03-01", "After the deadline"),
        )
        .await
        .assert_status(StatusCode::CREATED);
    let second = published_visit(&app, injae).await;

    assert_eq!(
        objection_deadline(&mut manager, first.id).await.as_deref(),
        Some("2027-02-15")
    );
    assert_eq!(
        objection_deadline(&mut manager, second.id).await.as_deref(),
        Some("2027-02-16"),
        "one working day later"
    );

    // The seeded calendar: published 2025-03-31 at 20:00 UTC, which is already Tuesday
    // 1 April in Phnom Penh. 21 working days skip Khmer New Year (14–16 April) and Labour
    // Day (Thursday 1 May): 2–4, 7–11, 17–18, 21–25, 28–30 April (19), 2 May, 5 May,
    // Tuesday 6 May. (Counted from the UTC date, 31 March, it would end on 5 May.)
    let earlier = submitted_visit(&app, injae).await;
    let mut approver = app.login_demo("approver").await;
    step(&mut approver, earlier.id, "approve", "").await;
    app.clock.set_now(1_743_451_200); // 2025-03-31T20:00:00Z
    step(&mut approver, earlier.id, "publish", "").await;
    app.clock.set_now(START);
    assert_eq!(
        objection_deadline(&mut manager, earlier.id)
            .await
            .as_deref(),
        Some("2025-05-06")
    );
    // Staff read the same deadline.
    assert_eq!(
        objection_deadline(&mut admin, earlier.id).await.as_deref(),
        Some("2025-05-06")
    );
}

both_databases!(
    the_seeded_calendar_is_listed,
    an_administrator_adds_and_deletes_a_holiday,
    only_administrators_change_the_calendar,
    a_bad_holiday_is_refused_with_field_errors,
    the_report_shows_the_working_day_objection_deadline,
);
