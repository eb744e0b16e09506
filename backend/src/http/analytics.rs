//! `/api/analytics/*`: industry figures for administrators, approvers and trainers, and
//! side-by-side comparisons for buyers.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use shared::analytics::{period_bounds, Granularity, GroupDimension, IssueLevel};
use shared::api::analytics::{
    AnalyticsQuery, ComparableFactory, ComparedFactory, Comparison, FactoryRef, GroupComparison,
    GroupFigures, IndustryOverview, IssueRate, RecurringIssue, Trends, RECURRING_FACTORIES_LISTED,
};
use shared::error::FieldError;

use crate::db::analytics::{self as figures, GroupClusterRate, GroupFilter, Scope};
use crate::db::checklists;
use crate::db::{reports, visits};
use crate::http::error::ApiError;
use crate::http::extract::ActiveUser;
use crate::http::guards::{grant_scope, reader_access, require, GrantScope};
use crate::industry_figures::{self, cluster_rates};
use crate::state::AppState;
use shared::permissions::Action;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/analytics/overview", get(overview))
        .route("/analytics/issues", get(issues))
        .route("/analytics/groups", get(groups))
        .route("/analytics/trends", get(trends))
        .route("/analytics/recurring", get(recurring))
        .route("/analytics/comparable-factories", get(comparable_factories))
        .route("/analytics/compare", get(compare))
}

/// The scope and group asked for, or the field that was not understood.
fn scope_of(query: &AnalyticsQuery) -> Result<(Scope, Option<GroupFilter>), ApiError> {
    let scope = if query.period.is_empty() {
        Scope::Latest
    } else {
        let (_, first, last) = period_bounds(&query.period)
            .ok_or_else(|| ApiError::field("period", "period_invalid"))?;
        Scope::Period { first, last }
    };
    let filter = if query.dimension.is_empty() {
        None
    } else {
        Some(GroupFilter {
            dimension: dimension_of(&query.dimension)?,
            value: query.group.clone(),
        })
    };
    Ok((scope, filter))
}

fn dimension_of(value: &str) -> Result<GroupDimension, ApiError> {
    GroupDimension::parse(value).ok_or_else(|| ApiError::field("dimension", "dimension_invalid"))
}

async fn overview(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<AnalyticsQuery>,
) -> Result<Json<IndustryOverview>, ApiError> {
    require(&user, Action::ViewIndustryAnalytics)?;
    let (scope, filter) = scope_of(&query)?;
    let mut connection = state.db.pool.acquire().await?;
    let names = checklists::current_names(&mut connection, &state.db.checklist_names).await?;
    Ok(Json(
        industry_figures::overview(&mut connection, &names, &scope, filter.as_ref()).await?,
    ))
}

async fn issues(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<AnalyticsQuery>,
) -> Result<Json<Vec<IssueRate>>, ApiError> {
    require(&user, Action::ViewIndustryAnalytics)?;
    let (scope, filter) = scope_of(&query)?;
    let level = if query.level.is_empty() {
        IssueLevel::Question
    } else {
        IssueLevel::parse(&query.level).ok_or_else(|| ApiError::field("level", "level_invalid"))?
    };
    let mut connection = state.db.pool.acquire().await?;
    let names = checklists::current_names(&mut connection, &state.db.checklist_names).await?;
    Ok(Json(
        industry_figures::issues(&mut connection, &names, &scope, filter.as_ref(), level).await?,
    ))
}

async fn groups(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<AnalyticsQuery>,
) -> Result<Json<GroupComparison>, ApiError> {
    require(&user, Action::ViewIndustryAnalytics)?;
    let dimension = dimension_of(&query.dimension)?;
    let scope = scope_of(&AnalyticsQuery {
        dimension: String::new(),
        ..query.clone()
    })?
    .0;
    let mut connection = state.db.pool.acquire().await?;
    let names = checklists::current_names(&mut connection, &state.db.checklist_names).await?;
    let industry = figures::cluster_rates(&mut connection, &scope, None, None).await?;
    let totals = figures::totals(&mut connection, &scope, None, Some(dimension)).await?;
    let rates = figures::cluster_rates(&mut connection, &scope, None, Some(dimension)).await?;
    let mut rates_by_group: BTreeMap<&str, Vec<&GroupClusterRate>> = BTreeMap::new();
    for rate in &rates {
        rates_by_group
            .entry(rate.group.as_str())
            .or_default()
            .push(rate);
    }
    Ok(Json(GroupComparison {
        dimension,
        industry: cluster_rates(&names, &industry.iter().collect::<Vec<_>>()),
        groups: totals
            .iter()
            .map(|total| GroupFigures {
                key: total.group.clone(),
                factories: total.factories,
                workers: total.workers,
                women_workers: total.women_workers,
                clusters: cluster_rates(
                    &names,
                    rates_by_group
                        .get(total.group.as_str())
                        .map(Vec::as_slice)
                        .unwrap_or(&[]),
                ),
            })
            .collect(),
    }))
}

async fn trends(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<AnalyticsQuery>,
) -> Result<Json<Trends>, ApiError> {
    require(&user, Action::ViewIndustryAnalytics)?;
    let granularity = if query.granularity.is_empty() {
        Granularity::Year
    } else {
        Granularity::parse(&query.granularity)
            .ok_or_else(|| ApiError::field("granularity", "granularity_invalid"))?
    };
    let mut connection = state.db.pool.acquire().await?;
    let names = checklists::current_names(&mut connection, &state.db.checklist_names).await?;
    Ok(Json(
        industry_figures::trends(&mut connection, &names, granularity).await?,
    ))
}

async fn recurring(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<AnalyticsQuery>,
) -> Result<Json<Vec<RecurringIssue>>, ApiError> {
    require(&user, Action::ViewIndustryAnalytics)?;
    let (_, filter) = scope_of(&query)?;
    let mut connection = state.db.pool.acquire().await?;
    let names = checklists::current_names(&mut connection, &state.db.checklist_names).await?;
    let points =
        figures::recurring_points(&mut connection, filter.as_ref(), RECURRING_FACTORIES_LISTED)
            .await?;
    let mut issues: Vec<RecurringIssue> = points
        .into_iter()
        .filter_map(|recurring| {
            let point = names.point(&recurring.code)?;
            Some(RecurringIssue {
                point_name: point.name.clone(),
                cluster_code: point.cluster_code.clone(),
                point_code: recurring.code,
                factory_count: recurring.factory_count,
                factories: recurring
                    .factories
                    .into_iter()
                    .map(|(id, name)| FactoryRef { id, name })
                    .collect(),
            })
        })
        .collect();
    // Most widespread first: that is where training helps most.
    issues.sort_by(|a, b| {
        b.factory_count
            .cmp(&a.factory_count)
            .then(a.point_code.cmp(&b.point_code))
    });
    Ok(Json(issues))
}

/// Factories whose reports the reader may compare: all for staff, granted ones for buyers.
async fn comparable_factories(
    State(state): State<AppState>,
    user: ActiveUser,
) -> Result<Json<Vec<ComparableFactory>>, ApiError> {
    require(&user, Action::CompareFactories)?;
    let organisation = match grant_scope(&user) {
        GrantScope::Unlimited => None,
        GrantScope::Organisation(organisation_id) => Some(organisation_id),
        GrantScope::Nothing => return Ok(Json(Vec::new())),
    };
    Ok(Json(
        reports::comparable_factories(&state.db.pool, organisation, state.clock.now()).await?,
    ))
}

#[derive(Debug, serde::Deserialize)]
struct CompareQuery {
    /// Comma-separated factory ids.
    #[serde(default)]
    factories: String,
}

/// At most this many factories side by side: more does not fit a tablet or a page.
const MAX_COMPARED: usize = 6;

async fn compare(
    State(state): State<AppState>,
    user: ActiveUser,
    Query(query): Query<CompareQuery>,
) -> Result<Json<Comparison>, ApiError> {
    require(&user, Action::CompareFactories)?;
    let ids: Vec<i64> = query
        .factories
        .split(',')
        .filter(|part| !part.trim().is_empty())
        .map(|part| part.trim().parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|_| ApiError::field("factories", "factories_invalid"))?;
    if ids.is_empty() || ids.len() > MAX_COMPARED {
        return Err(ApiError::Validation(vec![FieldError::new(
            "factories",
            "compare_count",
        )]));
    }
    let mut connection = state.db.pool.acquire().await?;
    let names = checklists::current_names(&mut connection, &state.db.checklist_names).await?;
    let industry = figures::cluster_rates(&mut connection, &Scope::Latest, None, None).await?;
    let mut factories = Vec::new();
    for factory_id in ids {
        // "Not found" outside the reader's access, as for a factory that does not exist: a
        // buyer learns nothing about factories outside their grants.
        let visible_before = reader_access(&state, &user, factory_id).await?;
        let Some(visit_id) =
            reports::latest_report(&mut *connection, factory_id, visible_before).await?
        else {
            return Err(ApiError::NotFound);
        };
        let visit = visits::find(&mut *connection, visit_id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let scores = visits::scores(&mut connection, visit_id).await?;
        let rows: Vec<GroupClusterRate> = scores
            .clusters
            .iter()
            .map(|c| GroupClusterRate {
                group: String::new(),
                cluster_code: c.code.clone(),
                factories: 1,
                mean_rate: c.non_compliance_rate,
                weighted_rate: c.non_compliance_rate,
            })
            .collect();
        factories.push(ComparedFactory {
            factory_id,
            name: visit.factory_name,
            visit_id,
            start_date: visit.start_date,
            overall_rate: scores.overall_rate(),
            clusters: cluster_rates(&names, &rows.iter().collect::<Vec<_>>()),
            critical_issues: scores.critical_issues,
        });
    }
    Ok(Json(Comparison {
        industry: cluster_rates(&names, &industry.iter().collect::<Vec<_>>()),
        factories,
    }))
}
