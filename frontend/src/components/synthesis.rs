//! One synthesis report as the extranet shows it, from a live report or an issued edition:
//! charts with their tables, printable.

use leptos::prelude::*;
use shared::analytics::percent;
use shared::api::analytics::PeriodTrend;
use shared::api::synthesis::SynthesisDocument;
use shared::synthesis::{change_label, progress, ProgressMeasure};
use shared::table::TableData;

use crate::components::data_table::DataTable;
use crate::components::figures::{
    period_label, ClusterRatesFigure, CriticalIssuesFigure, EmploymentFigure, IndustryStats,
    IssueRankingFigure, TrendFigure,
};
use crate::i18n::{use_i18n, I18n};

/// Change of each cluster's non-compliance from the period before to the chosen one, in
/// percentage points (negative is progress).
fn progress_table(i18n: I18n, trend: &[PeriodTrend]) -> Option<TableData> {
    let (before, now, lines) = progress(trend)?;
    let lang = i18n.lang();
    let rows: Vec<Vec<String>> = lines
        .into_iter()
        .map(|line| {
            let measure = match line.measure {
                ProgressMeasure::Cluster(index) => {
                    now.clusters[index].name.get(lang.code()).to_owned()
                }
                ProgressMeasure::AllClusters => i18n.t("synthesis.all_clusters"),
                ProgressMeasure::WithoutCriticalIssues => {
                    i18n.t("synthesis.without_critical_share")
                }
            };
            vec![
                measure,
                percent(line.before),
                percent(line.now),
                change_label(line.change),
            ]
        })
        .collect();
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

/// One synthesis report, live or as issued: the headline figures, compliance by cluster, the
/// trend, progress, employment, top issues and critical issues, each chart with its table.
#[component]
pub fn SynthesisReport(document: SynthesisDocument) -> impl IntoView {
    let i18n = use_i18n();
    let SynthesisDocument {
        period,
        overview,
        trend,
        top_points,
    } = document;
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
