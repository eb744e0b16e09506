//! `/analytics/synthesis`: the synthesis report of a quarter or half-year — compliance
//! trends up to that period, employment, progress since the period before and the top
//! issues — with charts and tables, printable, in the reader's language.

use std::future::Future;

use leptos::prelude::*;
use shared::analytics::{percent, Granularity, IssueLevel};
use shared::api::analytics::{AnalyticsQuery, IndustryOverview, IssueRate, PeriodTrend, Trends};
use shared::table::TableData;

use crate::api::{self, ApiError};
use crate::components::analytics::AnalyticsTabs;
use crate::components::data_table::DataTable;
use crate::components::figures::{
    period_label, ClusterRatesFigure, CriticalIssuesFigure, EmploymentFigure, IndustryStats,
    IssueRankingFigure, TrendFigure,
};
use crate::i18n::{use_i18n, I18n};
use crate::pages::LoadError;

/// How many periods of history the trend charts show, the chosen one last.
const TREND_PERIODS: usize = 8;

/// Everything one synthesis report shows, loaded together so that it prints complete.
#[derive(Clone, Debug, PartialEq)]
struct Synthesis {
    period: String,
    overview: IndustryOverview,
    /// The chosen period and those before it, oldest first.
    trend: Vec<PeriodTrend>,
    top_points: Vec<IssueRate>,
}

/// The three reads of one period's report, all asked for at once.
fn load_synthesis(period: String) -> impl Future<Output = Result<Synthesis, ApiError>> {
    let granularity = if period.contains("-Q") {
        Granularity::Quarter
    } else {
        Granularity::Half
    };
    let scope = AnalyticsQuery {
        period: period.clone(),
        ..AnalyticsQuery::default()
    };
    let overview = api::analytics::overview(&scope);
    let trends = api::analytics::trends(granularity);
    let top_points = api::analytics::issues(IssueLevel::Point, &scope);
    async move {
        let overview = overview.await?;
        let trends = trends.await?;
        let top_points = top_points.await?;
        Ok(synthesis_of(period, overview, trends, top_points))
    }
}

/// The report of `period` from its figures: the trend is cut to the chosen period and those
/// before it.
fn synthesis_of(
    period: String,
    overview: IndustryOverview,
    trends: Trends,
    top_points: Vec<IssueRate>,
) -> Synthesis {
    let mut trend: Vec<PeriodTrend> = trends
        .periods
        .into_iter()
        .filter(|p| p.period <= period)
        .collect();
    let skip = trend.len().saturating_sub(TREND_PERIODS);
    trend.drain(..skip);
    Synthesis {
        period,
        overview,
        trend,
        top_points,
    }
}

/// Half-years then quarters that have figures, newest first.
fn report_periods(trends: &Trends) -> Vec<String> {
    let mut halves: Vec<String> = Vec::new();
    let mut quarters: Vec<String> = Vec::new();
    for period in trends.periods.iter().rev() {
        let quarter = period.period.clone();
        let half = match quarter.get(..7) {
            Some(prefix) if prefix.ends_with("Q1") || prefix.ends_with("Q2") => {
                format!("{}-H1", &quarter[..4])
            }
            _ => format!("{}-H2", &quarter[..4]),
        };
        if !halves.contains(&half) {
            halves.push(half);
        }
        quarters.push(quarter);
    }
    halves.into_iter().chain(quarters).collect()
}

#[component]
pub fn SynthesisPage() -> impl IntoView {
    let i18n = use_i18n();
    let quarters = LocalResource::new(|| api::analytics::trends(Granularity::Quarter));
    let chosen = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        quarters
            .get()
            .and_then(Result::ok)
            .map(|trends| report_periods(&trends))
            .unwrap_or_default()
    });
    // The latest half-year is the report most people ask for.
    Effect::new(move |_| {
        if chosen.get_untracked().is_empty() {
            if let Some(first) = choices.get().first() {
                chosen.set(first.clone());
            }
        }
    });
    let report = LocalResource::new(move || {
        let period = chosen.get();
        let load = (!period.is_empty()).then(|| load_synthesis(period));
        async move {
            match load {
                Some(load) => Some(load.await),
                None => None,
            }
        }
    });
    let options = move || {
        let lang = i18n.lang();
        choices
            .get()
            .into_iter()
            .map(|period| {
                let label = period_label(lang, &period);
                let selected = chosen.get_untracked() == period;
                view! { <option value=period selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <AnalyticsTabs/>
        <section class="page-head with-actions">
            <h1>{move || i18n.t("synthesis.title")}</h1>
            <div class="actions">
                <button type="button" class="button secondary" on:click=move |_| { let _ = window().print(); }>
                    {move || i18n.t("synthesis.print")}
                </button>
            </div>
        </section>
        <div class="filter-bar panel">
            <label for="synthesis-period">{move || i18n.t("synthesis.period")}</label>
            <select id="synthesis-period" on:change=move |e| chosen.set(event_target_value(&e))>
                {options}
            </select>
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || match (quarters.get(), report.get()) {
                (Some(Err(error)), _) => view! {
                    <LoadError error=error retry=Callback::new(move |_| quarters.refetch())/>
                }.into_any(),
                (Some(Ok(trends)), _) if trends.periods.is_empty() => {
                    view! { <p class="panel">{move || i18n.t("analytics.no_data")}</p> }.into_any()
                }
                (_, Some(Some(Ok(synthesis)))) => view! { <SynthesisReport synthesis=synthesis/> }.into_any(),
                (_, Some(Some(Err(error)))) => view! {
                    <LoadError error=error retry=Callback::new(move |_| report.refetch())/>
                }.into_any(),
                _ => view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }.into_any(),
            }}
        </Transition>
    }
}

/// Change of each cluster's non-compliance from the period before to the chosen one, in
/// percentage points (negative is progress).
fn progress_table(i18n: I18n, trend: &[PeriodTrend]) -> Option<TableData> {
    let [.., before, now] = trend else {
        return None;
    };
    let lang = i18n.lang();
    let change = |before: Option<f64>, now: Option<f64>| match (before, now) {
        (Some(before), Some(now)) => format!("{:+.0}", now.round() - before.round()),
        _ => "–".to_owned(),
    };
    let mut rows: Vec<Vec<String>> = now
        .clusters
        .iter()
        .map(|cluster| {
            let previous = before
                .clusters
                .iter()
                .find(|c| c.code == cluster.code)
                .and_then(|c| c.rate);
            vec![
                cluster.name.get(lang.code()).to_owned(),
                percent(previous),
                percent(cluster.rate),
                change(previous, cluster.rate),
            ]
        })
        .collect();
    rows.push(vec![
        i18n.t("synthesis.all_clusters"),
        percent(before.mean_rate),
        percent(now.mean_rate),
        change(before.mean_rate, now.mean_rate),
    ]);
    let without = |p: &PeriodTrend| {
        shared::analytics::share(p.factories_without_critical_issues, p.factories)
    };
    rows.push(vec![
        i18n.t("synthesis.without_critical_share"),
        percent(without(before)),
        percent(without(now)),
        change(without(before), without(now)),
    ]);
    Some(TableData {
        headers: vec![
            i18n.t("synthesis.measure"),
            period_label(lang, &before.period),
            period_label(lang, &now.period),
            i18n.t("synthesis.change"),
        ],
        rows,
    })
}

#[component]
fn SynthesisReport(synthesis: Synthesis) -> impl IntoView {
    let i18n = use_i18n();
    let Synthesis {
        period,
        overview,
        trend,
        top_points,
    } = synthesis;
    let period = StoredValue::new(period);
    let heading = move || {
        i18n.t_with(
            "synthesis.heading",
            &[(
                "period",
                &period.with_value(|p| period_label(i18n.lang(), p)),
            )],
        )
    };
    let file = move |name: &'static str| {
        Signal::derive(move || format!("synthesis-{}-{name}", period.get_value()))
    };
    let clusters = Signal::stored(overview.clusters.clone());
    let critical = Signal::stored(overview.critical_issues.clone());
    let trend_signal = Signal::stored(trend.clone());
    let top_points = Signal::stored(top_points);
    let trend = StoredValue::new(trend);
    let progress = Signal::derive(move || trend.with_value(|t| progress_table(i18n, t)));
    view! {
        <article class="synthesis" data-testid="synthesis-report">
            <header class="panel">
                <h2>{heading}</h2>
                <p class="hint">{move || i18n.t("synthesis.scope")}</p>
                <IndustryStats
                    factories=overview.factories
                    workers=overview.workers
                    women_workers=overview.women_workers
                    factories_without_critical_issues=overview.factories_without_critical_issues
                />
            </header>
            <section class="panel">
                <h2>{move || i18n.t("synthesis.compliance")}</h2>
                <ClusterRatesFigure
                    chart_id="synthesis-clusters-chart"
                    table_id="synthesis-clusters-table"
                    clusters=clusters
                    label=Signal::derive(move || i18n.t("synthesis.compliance"))
                    file_name=file("clusters")
                />
            </section>
            <section class="panel">
                <h2>{move || i18n.t("synthesis.trend")}</h2>
                <TrendFigure
                    chart_id="synthesis-trend-chart"
                    table_id="synthesis-trend-table"
                    periods=trend_signal
                    label=Signal::derive(move || i18n.t("synthesis.trend"))
                    file_name=file("trend")
                />
            </section>
            <section class="panel">
                <h2>{move || i18n.t("synthesis.progress")}</h2>
                {move || match progress.get() {
                    Some(table) => view! {
                        <p class="hint">{move || i18n.t("synthesis.progress_hint")}</p>
                        <DataTable
                            testid="synthesis-progress-table"
                            data=Signal::stored(table)
                            file_name=file("progress")
                            caption=Signal::derive(move || i18n.t("synthesis.progress"))
                        />
                    }.into_any(),
                    None => view! { <p>{move || i18n.t("synthesis.no_previous")}</p> }.into_any(),
                }}
            </section>
            <section class="panel">
                <h2>{move || i18n.t("synthesis.employment")}</h2>
                <EmploymentFigure
                    chart_id="synthesis-employment-chart"
                    table_id="synthesis-employment-table"
                    periods=trend_signal
                    label=Signal::derive(move || i18n.t("synthesis.employment"))
                    file_name=file("employment")
                />
            </section>
            <section class="panel">
                <h2>{move || i18n.t("synthesis.top_issues")}</h2>
                <IssueRankingFigure
                    chart_id="synthesis-issues-chart"
                    table_id="synthesis-issues-table"
                    issues=top_points
                    chart_limit=10
                    label=Signal::derive(move || i18n.t("synthesis.top_issues"))
                    file_name=file("top-issues")
                />
            </section>
            <section class="panel">
                <h2>{move || i18n.t("synthesis.critical")}</h2>
                <CriticalIssuesFigure
                    chart_id="synthesis-critical-chart"
                    table_id="synthesis-critical-table"
                    issues=critical
                    label=Signal::derive(move || i18n.t("synthesis.critical"))
                    file_name=file("critical-issues")
                />
            </section>
        </article>
    }
}
