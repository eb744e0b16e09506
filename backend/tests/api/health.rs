//! `/api/health`.

use axum::http::StatusCode;
use shared::api::health::Health;

use crate::helpers::TestApp;

async fn health_reports_the_database_kind_and_that_it_is_reachable(app: TestApp) {
    // Arrange
    let mut client = app.client();

    // Act
    let response = client.get("/api/health").await;

    // Assert
    response.assert_status(StatusCode::OK);
    let health: Health = response.json();
    assert_eq!(health.status, "ok");
    assert_eq!(health.database.kind, app.kind().name());
    assert!(health.database.reachable);
    assert!(!health.version.is_empty());
}
both_databases!(health_reports_the_database_kind_and_that_it_is_reachable);
