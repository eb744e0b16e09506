//! Industry figures: overview, rankings, groups, trends, recurring issues and comparisons.

use std::future::Future;

use shared::analytics::{Granularity, GroupDimension, IssueLevel};
use shared::api::analytics::{
    AnalyticsQuery, ComparableFactory, Comparison, GroupComparison, IndustryOverview, IssueRate,
    RecurringIssue, Trends,
};
use shared::api::self_assessments::SelfAssessmentBlindSpots;

use super::ApiError;

/// `endpoint` with the chosen (non-empty) `params` as its encoded query string.
fn with_query(endpoint: &str, params: &[(&str, &str)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| {
            format!(
                "{name}={}",
                String::from(js_sys::encode_uri_component(value))
            )
        })
        .collect();
    if query.is_empty() {
        endpoint.to_owned()
    } else {
        format!("{endpoint}?{}", query.join("&"))
    }
}

/// The scope parameters: period, and a group with its dimension.
fn scope_params(scope: &AnalyticsQuery) -> [(&'static str, &str); 3] {
    [
        ("period", scope.period.as_str()),
        ("dimension", scope.dimension.as_str()),
        ("group", scope.group.as_str()),
    ]
}

/// `GET /api/analytics/overview`: headline figures of `scope` (period and group).
pub fn overview(
    scope: &AnalyticsQuery,
) -> impl Future<Output = Result<IndustryOverview, ApiError>> {
    super::get(&with_query("/api/analytics/overview", &scope_params(scope)))
}

/// `GET /api/analytics/issues`: the most frequent issues at `level` in `scope`.
pub fn issues(
    level: IssueLevel,
    scope: &AnalyticsQuery,
) -> impl Future<Output = Result<Vec<IssueRate>, ApiError>> {
    let mut params = vec![("level", level.as_str())];
    params.extend(scope_params(scope));
    super::get(&with_query("/api/analytics/issues", &params))
}

/// `GET /api/analytics/groups`: the figures of each group of `dimension`, in `period`
/// (empty: each factory's latest assessment).
pub fn groups(
    dimension: GroupDimension,
    period: &str,
) -> impl Future<Output = Result<GroupComparison, ApiError>> {
    super::get(&with_query(
        "/api/analytics/groups",
        &[("dimension", dimension.as_str()), ("period", period)],
    ))
}

/// `GET /api/analytics/trends`: figures by period of `granularity`.
pub fn trends(granularity: Granularity) -> impl Future<Output = Result<Trends, ApiError>> {
    super::get(&with_query(
        "/api/analytics/trends",
        &[("granularity", granularity.as_str())],
    ))
}

/// `GET /api/analytics/recurring`: points non-compliant in both of a factory's latest two
/// assessments, across the industry or the group of `scope` (its period is not used).
pub fn recurring(
    scope: &AnalyticsQuery,
) -> impl Future<Output = Result<Vec<RecurringIssue>, ApiError>> {
    super::get(&with_query(
        "/api/analytics/recurring",
        &[
            ("dimension", scope.dimension.as_str()),
            ("group", scope.group.as_str()),
        ],
    ))
}

/// `GET /api/analytics/self-assessment-blind-spots`: the points factories most often rate
/// compliant in their own latest self-assessment while the monitors found them non-compliant
/// (counts only; withheld when too few factories are compared).
pub fn self_assessment_blind_spots(
) -> impl Future<Output = Result<SelfAssessmentBlindSpots, ApiError>> {
    super::get("/api/analytics/self-assessment-blind-spots")
}

/// `GET /api/analytics/comparable-factories`: the factories this user may compare.
pub fn comparable_factories() -> impl Future<Output = Result<Vec<ComparableFactory>, ApiError>> {
    super::get("/api/analytics/comparable-factories")
}

/// `GET /api/analytics/compare?factories=3,5,8`.
pub fn compare(factory_ids: &[i64]) -> impl Future<Output = Result<Comparison, ApiError>> {
    let list: Vec<String> = factory_ids.iter().map(i64::to_string).collect();
    super::get(&format!(
        "/api/analytics/compare?factories={}",
        list.join(",")
    ))
}
