//! `/api/dashboard`: figures for the home page.

use axum::http::StatusCode;
use shared::api::dashboard::ProvinceWorkforce;

use crate::helpers::TestApp;

fn province(name: &str, factories: i64, workers: i64) -> ProvinceWorkforce {
    ProvinceWorkforce {
        province: name.to_owned(),
        factories,
        workers,
    }
}

async fn province_workforce_sums_the_demo_factories_largest_first(app: TestApp) {
    // Arrange
    let mut client = app.login_demo("union").await;

    // Act
    let response = client.get("/api/dashboard/province-workforce").await;

    // Assert
    let provinces: Vec<ProvinceWorkforce> = response.assert_status(StatusCode::OK).json();
    assert_eq!(
        provinces,
        [
            province("Kampong Speu", 1, 5200),
            province("Svay Rieng", 1, 3100),
            province("Phnom Penh", 2, 1850 + 960),
            province("Kampong Cham", 1, 2400),
            province("Takeo", 1, 1600),
        ]
    );
    let phnom_penh = &provinces[2];
    assert_eq!((phnom_penh.factories, phnom_penh.workers), (2, 2810));
}
both_databases!(province_workforce_sums_the_demo_factories_largest_first);

async fn only_active_factories_count_towards_the_workforce(app: TestApp) {
    // Arrange: the registry cannot suspend factories through the API yet.
    sqlx::query(
        "update factories set status = 'suspended' where registration_number = 'DEMO-0002'",
    )
    .execute(&app.db.pool)
    .await
    .expect("suspend a factory");
    let mut client = app.login_demo("monitor").await;

    // Act
    let response = client.get("/api/dashboard/province-workforce").await;

    // Assert
    let provinces: Vec<ProvinceWorkforce> = response.assert_status(StatusCode::OK).json();
    let phnom_penh = provinces
        .iter()
        .find(|row| row.province == "Phnom Penh")
        .expect("Phnom Penh still has an active factory");
    assert_eq!((phnom_penh.factories, phnom_penh.workers), (1, 1850));
}
both_databases!(only_active_factories_count_towards_the_workforce);
