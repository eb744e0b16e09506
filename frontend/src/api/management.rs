//! The management report: how the reporting service runs over a period of months.

use std::future::Future;

use shared::api::management::{ManagementFilter, ManagementReport};

use super::ApiError;

/// `GET /api/management?from=YYYY-MM&to=YYYY-MM`: turnaround, waiting and late reports of the
/// visits whose last day falls in the months chosen. Empty months are left out, and the
/// server then counts the twelve months up to this one.
pub fn report(
    filter: &ManagementFilter,
) -> impl Future<Output = Result<ManagementReport, ApiError>> {
    let params: Vec<String> = [("from", &filter.from), ("to", &filter.to)]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", js_sys::encode_uri_component(value)))
        .collect();
    let path = if params.is_empty() {
        "/api/management".to_owned()
    } else {
        format!("/api/management?{}", params.join("&"))
    };
    super::get(&path)
}
