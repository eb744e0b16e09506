//! `/analytics/issues`: the most frequent issues, by question, compliance point or cluster,
//! with the worker-weighted rate beside the plain one.

use leptos::prelude::*;
use shared::analytics::IssueLevel;

use crate::api;
use crate::components::analytics::AnalyticsTabs;
use crate::components::figures::{ChoiceButtons, IssueRankingFigure, ScopeChoice, ScopeFilter};
use crate::i18n::use_i18n;
use crate::pages::analytics::overview::{scope_options, scope_query};
use crate::pages::LoadError;

/// How many issues the chart draws; the table lists them all.
const CHART_LIMIT: usize = 15;

#[component]
pub fn IssueRankingPage() -> impl IntoView {
    let i18n = use_i18n();
    let scope = RwSignal::new(ScopeChoice::default());
    let level = RwSignal::new(IssueLevel::Question.as_str().to_owned());
    let (periods, groups) = scope_options(scope);
    let query = Memo::new(move |_| scope.with(scope_query));
    let issues = LocalResource::new(move || {
        let level = IssueLevel::parse(&level.get()).unwrap_or(IssueLevel::Question);
        query.with(|query| api::analytics::issues(level, query))
    });
    let retry = Callback::new(move |_| issues.refetch());
    let levels: Vec<(String, String)> = IssueLevel::ALL
        .iter()
        .map(|l| {
            (
                l.as_str().to_owned(),
                format!("analytics.level.{}", l.as_str()),
            )
        })
        .collect();
    let hint = move || {
        if level.get() == IssueLevel::Cluster.as_str() {
            i18n.t("analytics.issues.cluster_hint")
        } else {
            i18n.t("analytics.issues.hint")
        }
    };
    view! {
        <AnalyticsTabs/>
        <section class="page-head">
            <h1>{move || i18n.t("analytics.issues.title")}</h1>
            <p class="subtitle" data-testid="analytics-scope">{move || scope.with(|s| s.describe(i18n.lang()))}</p>
        </section>
        <section class="panel analytics-controls">
            <ChoiceButtons
                label=Signal::derive(move || i18n.t("analytics.level.label"))
                options=levels
                selected=level
                testid="issue-level"
            />
            <ScopeFilter scope=scope periods=periods groups=groups/>
        </section>
        <section class="panel">
            <h2>{move || i18n.t_with("analytics.issues.chart", &[("count", &CHART_LIMIT.to_string())])}</h2>
            <p class="hint">{hint}</p>
            <Transition fallback=move || view! { <p class="loading" role="status">{move || i18n.t("common.loading")}</p> }>
                {move || issues.get().map(|result| match result {
                    Ok(issues) => view! {
                        <IssueRankingFigure
                            chart_id="issues-chart"
                            table_id="issues-table"
                            issues=issues
                            chart_limit=CHART_LIMIT
                            label=Signal::derive(move || i18n.t("analytics.issues.title"))
                            file_name=Signal::derive(move || format!("issue-ranking-{}", level.get()))
                        />
                    }
                    .into_any(),
                    Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
