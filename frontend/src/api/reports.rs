//! Published reports and report history.

use std::future::Future;

use shared::api::analytics::{FactoryReport, ReportHistoryEntry};

use super::ApiError;

/// `GET /api/reports/{visit_id}`: the current version of a published report.
pub fn get(visit_id: i64) -> impl Future<Output = Result<FactoryReport, ApiError>> {
    super::get(&format!("/api/reports/{visit_id}"))
}

/// `GET /api/factories/{id}/reports`: the factory's published reports.
pub fn history(factory_id: i64) -> impl Future<Output = Result<Vec<ReportHistoryEntry>, ApiError>> {
    super::get(&format!("/api/factories/{factory_id}/reports"))
}
