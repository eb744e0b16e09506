//! Figures for the home dashboard.

use std::future::Future;

use shared::api::dashboard::ProvinceWorkforce;

use super::ApiError;

/// `GET /api/dashboard/province-workforce`.
pub fn province_workforce() -> impl Future<Output = Result<Vec<ProvinceWorkforce>, ApiError>> {
    super::get("/api/dashboard/province-workforce")
}
