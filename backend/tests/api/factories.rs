//! `/api/factories`: the factory registry.

use axum::http::StatusCode;
use shared::api::auth::CurrentUser;
use shared::api::factories::Factory;

use crate::helpers::TestApp;

async fn programme_staff_see_every_demo_factory_sorted_by_name(app: TestApp) {
    // Arrange
    let mut monitor = app.login_demo("monitor").await;

    // Act
    let response = monitor.get("/api/factories").await;

    // Assert
    let factories: Vec<Factory> = response.assert_status(StatusCode::OK).json();
    let names: Vec<&str> = factories
        .iter()
        .map(|factory| factory.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "CPCG International Co. Ltd",
            "I-Cheng Corporation",
            "Injae Garment Co. Ltd.",
            "Reliable Source Industrial (Cambodia) Co. Ltd.",
            "Sabrina (Cambodia) Garment Manufacturing Corp.",
            "Yorks (Cambodia) Co. Ltd",
        ]
    );
    assert!(factories.iter().all(|factory| factory.status == "active"));
    let total: i64 = factories
        .iter()
        .filter_map(|factory| factory.total_workers)
        .sum();
    assert_eq!(total, 1850 + 960 + 5200 + 2400 + 3100 + 1600);
}
both_databases!(programme_staff_see_every_demo_factory_sorted_by_name);

async fn a_factory_manager_sees_their_own_factory(app: TestApp) {
    // Arrange
    let mut manager = app.login_demo("factory").await;
    let me: CurrentUser = manager.me().await.json();
    let factory_id = me
        .factory_id
        .expect("the demo factory manager has a factory");

    // Act
    let response = manager.get(&format!("/api/factories/{factory_id}")).await;

    // Assert
    let factory: Factory = response.assert_status(StatusCode::OK).json();
    assert_eq!(factory.id, factory_id);
    assert_eq!(factory.name, "Injae Garment Co. Ltd.");
    assert_eq!(factory.registration_number.as_deref(), Some("DEMO-0001"));
    assert_eq!(factory.province, "Phnom Penh");
    assert_eq!(factory.product_type, "garment");
    assert_eq!(factory.total_workers, Some(1850));
    assert_eq!(factory.women_share_percent, Some(84.0));
    assert_eq!(factory.local_name, None);
}
both_databases!(a_factory_manager_sees_their_own_factory);

async fn an_unknown_factory_is_not_found_for_staff_and_forbidden_to_a_factory_manager(
    app: TestApp,
) {
    // Arrange
    let mut admin = app.login_demo("admin").await;
    let mut manager = app.login_demo("factory").await;

    // Act
    let for_staff = admin.get("/api/factories/999999").await;
    let for_manager = manager.get("/api/factories/999999").await;

    // Assert
    for_staff.assert_error(StatusCode::NOT_FOUND, "not_found");
    // Refused before looking, so that outsiders cannot learn which ids exist.
    for_manager.assert_error(StatusCode::FORBIDDEN, "forbidden");
}
both_databases!(an_unknown_factory_is_not_found_for_staff_and_forbidden_to_a_factory_manager);

async fn a_factory_id_that_is_not_a_number_is_a_malformed_request(app: TestApp) {
    // Arrange
    let mut admin = app.login_demo("admin").await;

    // Act
    let word = admin.get("/api/factories/abc").await;
    let too_large = admin.get("/api/factories/99999999999999999999").await;

    // Assert
    word.assert_error(StatusCode::BAD_REQUEST, "malformed_request");
    too_large.assert_error(StatusCode::BAD_REQUEST, "malformed_request");
}
both_databases!(a_factory_id_that_is_not_a_number_is_a_malformed_request);
