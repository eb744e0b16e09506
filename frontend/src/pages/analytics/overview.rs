//! `/analytics`: the industry at a glance — headline numbers, non-compliance by cluster
//! (plain and worker-weighted), critical issues and the most frequent issues, for the whole
//! industry or one group of factories, over each factory's latest assessment or a period's.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::{Granularity, GroupDimension};
use shared::api::analytics::{AnalyticsQuery, IndustryOverview};

use crate::api;
use crate::components::analytics::AnalyticsTabs;
use crate::components::figures::{
    period_choices, ClusterRatesFigure, CriticalIssuesFigure, IndustryStats, IssueRankingFigure,
    ScopeChoice, ScopeFilter,
};
use crate::i18n::use_i18n;
use crate::pages::LoadError;

/// The query of the analytics endpoints for the scope chosen in a [`ScopeFilter`].
pub fn scope_query(scope: &ScopeChoice) -> AnalyticsQuery {
    let mut query = AnalyticsQuery::default();
    for (name, value) in scope.params() {
        match name {
            "period" => query.period = value,
            "dimension" => query.dimension = value,
            "group" => query.group = value,
            _ => {}
        }
    }
    query
}

/// What a [`ScopeFilter`] offers: the periods that have figures (from the quarterly trends)
/// and the groups of the dimension chosen in `scope`.
pub fn scope_options(scope: RwSignal<ScopeChoice>) -> (Signal<Vec<String>>, Signal<Vec<String>>) {
    let quarters = LocalResource::new(|| api::analytics::trends(Granularity::Quarter));
    let dimension = Memo::new(move |_| scope.with(|s| s.dimension.clone()));
    let groups = LocalResource::new(move || {
        let request =
            GroupDimension::parse(&dimension.get()).map(|d| api::analytics::groups(d, ""));
        async move {
            let Some(request) = request else {
                return Ok(Vec::new());
            };
            request.await.map(|comparison| {
                comparison
                    .groups
                    .into_iter()
                    .map(|group| group.key)
                    .filter(|key| !key.is_empty())
                    .collect::<Vec<String>>()
            })
        }
    });
    let periods = Signal::derive(move || {
        quarters
            .get()
            .and_then(Result::ok)
            .map(|trends| {
                let quarters: Vec<String> = trends.periods.into_iter().map(|p| p.period).collect();
                period_choices(&quarters)
            })
            .unwrap_or_default()
    });
    let groups = Signal::derive(move || groups.get().and_then(Result::ok).unwrap_or_default());
    (periods, groups)
}

#[component]
pub fn AnalyticsOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    let scope = RwSignal::new(ScopeChoice::default());
    let (periods, groups) = scope_options(scope);
    let query = Memo::new(move |_| scope.with(scope_query));
    let overview = LocalResource::new(move || query.with(api::analytics::overview));
    let retry = Callback::new(move |_| overview.refetch());
    view! {
        <AnalyticsTabs/>
        <section class="page-head">
            <h1>{move || i18n.t("analytics.overview.title")}</h1>
            <p class="subtitle" data-testid="analytics-scope">{move || scope.with(|s| s.describe(i18n.lang()))}</p>
        </section>
        <section class="panel analytics-controls">
            <ScopeFilter scope=scope periods=periods groups=groups/>
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{move || i18n.t("common.loading")}</p> }>
            {move || overview.get().map(|result| match result {
                Ok(overview) => view! { <OverviewFigures overview=overview/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn OverviewFigures(overview: IndustryOverview) -> impl IntoView {
    let i18n = use_i18n();
    let IndustryOverview {
        factories,
        workers,
        women_workers,
        factories_without_critical_issues,
        clusters,
        critical_issues,
        top_issues,
    } = overview;
    view! {
        <IndustryStats
            factories=factories
            workers=workers
            women_workers=women_workers
            factories_without_critical_issues=factories_without_critical_issues
        />
        <section class="panel">
            <h2>{move || i18n.t("analytics.clusters.title")}</h2>
            <p class="hint">{move || i18n.t("analytics.clusters.hint")}</p>
            <ClusterRatesFigure
                chart_id="overview-clusters-chart"
                table_id="overview-clusters-table"
                clusters=clusters
                label=Signal::derive(move || i18n.t("analytics.clusters.title"))
                file_name="industry-clusters"
            />
        </section>
        <section class="panel">
            <h2>{move || i18n.t("analytics.critical.title")}</h2>
            <p class="hint">{move || i18n.t("analytics.critical.hint")}</p>
            <CriticalIssuesFigure
                chart_id="overview-critical-chart"
                table_id="overview-critical-table"
                issues=critical_issues
                label=Signal::derive(move || i18n.t("analytics.critical.title"))
                file_name="industry-critical-issues"
            />
        </section>
        <section class="panel">
            <div class="panel-head">
                <h2>{move || i18n.t("analytics.top.title")}</h2>
                <A href="/analytics/issues">{move || i18n.t("analytics.top.full_ranking")}</A>
            </div>
            <p class="hint">{move || i18n.t("analytics.top.hint")}</p>
            <IssueRankingFigure
                chart_id="overview-top-chart"
                table_id="overview-top-table"
                issues=top_issues
                chart_limit=10
                label=Signal::derive(move || i18n.t("analytics.top.title"))
                file_name="industry-top-issues"
            />
        </section>
    }
}
