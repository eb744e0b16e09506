//! Union concerns: a representative raises one; only programme staff and the submitter see
//! it until a monitor verifies it; a verified concern flags the factory for a visit and
//! becomes visible to the factory, never with who raised it.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::concerns::{Concern, ConcernFactoryOption, FlaggedFactory, VerifiedConcern};
use shared::api::users::TemporaryPasswordResponse;
use shared::concern::{ConcernCategory, ConcernStatus};

use crate::helpers::{fields, TestApp, TestClient};
use crate::visits::{factory_id, INJAE};

const DESCRIPTION: &str = "Workers in the cutting section are made to work every Sunday";

/// A second union representative, of another union, signed in.
async fn another_union_rep(app: &TestApp) -> TestClient {
    let mut admin = app.login_demo("admin").await;
    let organisations: Vec<serde_json::Value> = admin.get("/api/organisations").await.json();
    let union = organisations
        .iter()
        .find(|o| o["kind"] == "union")
        .and_then(|o| o["id"].as_i64())
        .expect("the demo union");
    let created: TemporaryPasswordResponse = admin
        .post(
            "/api/users",
            &json!({ "username": "union.two", "display_name": "Chan Dara",
                     "role": "union_representative", "organisation_id": union }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json();
    let password = "lotus flowers on the tonle sap";
    let mut client = app.login("union.two", &created.temporary_password).await;
    client
        .change_password(&created.temporary_password, password)
        .await
        .assert_status(StatusCode::OK);
    app.login("union.two", password).await
}

async fn submit(union: &mut TestClient, factory_id: i64) -> Concern {
    union
        .post(
            "/api/concerns",
            &json!({ "factory_id": factory_id, "category": "working_hours",
                     "description": DESCRIPTION }),
        )
        .await
        .assert_status(StatusCode::CREATED)
        .json()
}

async fn list(client: &mut TestClient) -> Vec<Concern> {
    client
        .get("/api/concerns")
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn verified(client: &mut TestClient, factory_id: i64) -> Vec<VerifiedConcern> {
    client
        .get(&format!("/api/factories/{factory_id}/concerns"))
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn flags(client: &mut TestClient) -> Vec<FlaggedFactory> {
    client
        .get("/api/concerns/flags")
        .await
        .assert_status(StatusCode::OK)
        .json()
}

async fn a_union_rep_chooses_an_active_factory_and_submits_a_concern(app: TestApp) {
    // Arrange
    let mut union = app.login_demo("union").await;

    // Act
    let options: Vec<ConcernFactoryOption> = union
        .get("/api/concerns/factories")
        .await
        .assert_status(StatusCode::OK)
        .json();
    let injae = options.iter().find(|f| f.name == INJAE).expect("Injae").id;
    let concern = submit(&mut union, injae).await;
    let bad = union
        .post(
            "/api/concerns",
            &json!({ "factory_id": 999999, "category": "pay", "description": "" }),
        )
        .await;
    let by_factory = app
        .login_demo("factory")
        .await
        .post(
            "/api/concerns",
            &json!({ "factory_id": injae, "category": "wages", "description": "x" }),
        )
        .await;
    let options_for_buyer = app
        .login_demo("buyer")
        .await
        .get("/api/concerns/factories")
        .await;

    // Assert
    assert_eq!(options.len(), 6);
    assert!(!options[0].province.is_empty());
    assert_eq!(concern.category, ConcernCategory::WorkingHours);
    assert_eq!(concern.status, ConcernStatus::Submitted);
    assert_eq!(concern.submitted_by_name, "Srey Mom");
    assert_eq!(concern.submitted_at, crate::helpers::START);
    assert_eq!(
        bad.field_errors(),
        fields(&[
            ("category", "choose_one"),
            ("description", "required"),
            ("factory_id", "factory_unknown"),
        ])
    );
    by_factory.assert_error(StatusCode::FORBIDDEN, "forbidden");
    options_for_buyer.assert_error(StatusCode::FORBIDDEN, "forbidden");
}
both_databases!(a_union_rep_chooses_an_active_factory_and_submits_a_concern);

async fn an_unverified_concern_is_seen_only_by_staff_and_its_submitter(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let mut union = app.login_demo("union").await;
    let concern = submit(&mut union, injae).await;
    let mut other_union = another_union_rep(&app).await;
    let mut factory = app.login_demo("factory").await;
    let mut buyer = app.login_demo("buyer").await;
    let mut monitor = app.login_demo("monitor").await;

    // Act
    let staff_list = list(&mut admin).await;
    let monitor_list = list(&mut monitor).await;
    let own_list = list(&mut union).await;
    let other_list = list(&mut other_union).await;
    let factory_list = factory.get("/api/concerns").await;
    let buyer_list = buyer.get("/api/concerns").await;
    let factory_sees = verified(&mut factory, injae).await;
    let buyer_sees = verified(&mut buyer, injae).await;
    let staff_flags = flags(&mut admin).await;
    let factory_flags = factory.get("/api/concerns/flags").await;

    // Assert
    assert_eq!(
        staff_list.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![concern.id]
    );
    assert_eq!(monitor_list.len(), 1);
    assert_eq!(own_list.len(), 1);
    assert!(other_list.is_empty(), "another union's rep sees nothing");
    factory_list.assert_error(StatusCode::FORBIDDEN, "forbidden");
    buyer_list.assert_error(StatusCode::FORBIDDEN, "forbidden");
    assert!(factory_sees.is_empty());
    assert!(buyer_sees.is_empty());
    assert!(staff_flags.is_empty(), "not verified yet, no flag");
    factory_flags.assert_error(StatusCode::FORBIDDEN, "forbidden");
}
both_databases!(an_unverified_concern_is_seen_only_by_staff_and_its_submitter);

async fn a_verified_concern_flags_the_factory_and_shows_without_its_submitter(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let injae = factory_id(&mut admin, INJAE).await;
    let mut union = app.login_demo("union").await;
    let concern = submit(&mut union, injae).await;
    let rejected = submit(&mut union, injae).await;
    let mut monitor = app.login_demo("monitor").await;
    let path = |id: i64| format!("/api/concerns/{id}/review");

    // Act
    let by_trainer = app
        .login_demo("trainer")
        .await
        .post(
            &path(concern.id),
            &json!({ "outcome": "verified", "note": "x" }),
        )
        .await;
    let no_note = monitor
        .post(
            &path(concern.id),
            &json!({ "outcome": "verified", "note": "" }),
        )
        .await;
    app.clock.advance(3600);
    let reviewed: Concern = monitor
        .post(
            &path(concern.id),
            &json!({ "outcome": "verified", "note": "Time cards confirm Sunday work" }),
        )
        .await
        .assert_status(StatusCode::OK)
        .json();
    monitor
        .post(
            &path(rejected.id),
            &json!({ "outcome": "not_verified", "note": "No evidence found" }),
        )
        .await
        .assert_status(StatusCode::OK);
    let again = monitor
        .post(
            &path(concern.id),
            &json!({ "outcome": "not_verified", "note": "x" }),
        )
        .await;
    let flagged = flags(&mut admin).await;
    let mut factory = app.login_demo("factory").await;
    let factory_sees = factory
        .get(&format!("/api/factories/{injae}/concerns"))
        .await
        .assert_status(StatusCode::OK)
        .text();
    let factory_concerns = verified(&mut factory, injae).await;
    let buyer_concerns = verified(&mut app.login_demo("buyer").await, injae).await;
    let own = list(&mut union).await;
    // A visit planned after the verification answers the flag.
    app.clock.advance(60);
    monitor
        .post(
            "/api/visits",
            &json!({ "factory_id": injae, "visit_type": "special_check", "announced": false,
                     "start_date": "2027-01-20", "end_date": "2027-01-20" }),
        )
        .await
        .assert_status(StatusCode::CREATED);
    let flags_after_visit = flags(&mut admin).await;

    // Assert
    by_trainer.assert_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(no_note.field_errors(), fields(&[("note", "required")]));
    assert_eq!(reviewed.status, ConcernStatus::Verified);
    assert_eq!(reviewed.reviewed_by_name.as_deref(), Some("Dara Kim"));
    assert_eq!(reviewed.reviewed_at, Some(crate::helpers::START + 3600));
    again.assert_error(StatusCode::CONFLICT, "concern_already_reviewed");
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].factory_id, injae);
    assert_eq!(flagged[0].verified_concerns, 1);
    assert_eq!(flagged[0].since, "2027-01-15");
    assert_eq!(
        factory_concerns.len(),
        1,
        "the rejected concern stays hidden"
    );
    assert_eq!(factory_concerns[0].category, ConcernCategory::WorkingHours);
    assert_eq!(
        factory_concerns[0].description.as_deref(),
        Some(DESCRIPTION)
    );
    assert!(!factory_sees.contains("Srey Mom") && !factory_sees.contains("Union"));
    assert_eq!(buyer_concerns.len(), 1);
    assert_eq!(buyer_concerns[0].description, None);
    let statuses: Vec<ConcernStatus> = own.iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        vec![ConcernStatus::NotVerified, ConcernStatus::Verified]
    );
    assert!(flags_after_visit.is_empty());
}
both_databases!(a_verified_concern_flags_the_factory_and_shows_without_its_submitter);
