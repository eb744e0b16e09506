//! The public-holiday calendar that working-day deadlines skip.

use std::future::Future;

use shared::deadline::{Holiday, HolidayCoverage};

use super::{delete_no_content, post, ApiError};

/// `GET /api/holidays?year={year}`: one calendar year's holidays.
pub fn list(year: i32) -> impl Future<Output = Result<Vec<Holiday>, ApiError>> {
    super::get(&format!("/api/holidays?year={year}"))
}

/// `GET /api/holidays/coverage`: the years deadlines fall in that have no holidays.
pub fn coverage() -> impl Future<Output = Result<HolidayCoverage, ApiError>> {
    super::get("/api/holidays/coverage")
}

/// `POST /api/holidays`.
pub async fn add(holiday: &Holiday) -> Result<Holiday, ApiError> {
    post("/api/holidays", holiday).await
}

/// `DELETE /api/holidays/{date}`.
pub async fn remove(date: &str) -> Result<(), ApiError> {
    delete_no_content(&format!(
        "/api/holidays/{}",
        String::from(js_sys::encode_uri_component(date))
    ))
    .await
}
