//! The figures of the industry analytics: each one a chart with a [`DataTable`] of exactly
//! the same numbers beneath it (readable without the chart, downloadable as CSV), every
//! label in the current language. They take the API's data as props and never fetch, so any
//! page that has the data (the analytics tabs, the synthesis report) can show them.
//!
//! - [`ChartWithTable`]: the generic pairing, for any `SeriesData` + `TableData`.
//! - [`ClusterRatesFigure`]: non-compliance per cluster, plain and worker-weighted.
//! - [`CriticalIssuesFigure`]: how often each critical issue is found.
//! - [`IssueRankingFigure`]: the most frequent issues (questions, points or clusters).
//! - [`GroupComparisonFigure`]: each group of factories beside the industry.
//! - [`TrendFigure`], [`EmploymentFigure`]: compliance and employment over time.
//! - [`IndustryStats`]: the four headline numbers.
//! - [`ScopeFilter`], [`ChoiceButtons`]: the period / group and one-of-a-few choices.
//!
//! The `*_series` and `*_table` functions build the charts' data and the tables' cells from
//! the API types for a language; they are pure, so other pages can combine them freely.
//! Rates are rounded to whole percents in charts as in tables, so both read the same.

use leptos::prelude::*;
use shared::analytics::IssueLevel;
use shared::analytics::{format_number, percent, share, GroupDimension};
use shared::api::analytics::{
    ClusterRate, CriticalIssueRate, GroupComparison, IssueRate, PeriodTrend,
};
use shared::i18n::{has_key, translate, translate_with, Lang};
use shared::table::TableData;

use crate::components::chart::{Series, SeriesChart, SeriesData, SeriesKind};
use crate::components::data_table::DataTable;
use crate::i18n::use_i18n;

/// Longest category label drawn on a chart axis; tables show the full text.
const CHART_LABEL_CHARS: usize = 48;

// ---------------------------------------------------------------------------------------
// Labels and numbers.

/// Women as a share of the workforce ("78%"), a dash when the workforce is unknown.
pub fn women_share(women_workers: i64, workers: i64) -> String {
    percent(share(women_workers, workers))
}

/// A rate as a chart draws it: rounded like [`percent`] rounds it for the table.
fn chart_rate(rate: Option<f64>) -> Option<f64> {
    rate.map(f64::round)
}

/// `text`, cut to [`CHART_LABEL_CHARS`] characters with an ellipsis.
fn shorten(text: &str) -> String {
    if text.chars().count() <= CHART_LABEL_CHARS {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(CHART_LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The catalogue text of `key`, or `fallback` when the catalogue has no such key.
fn catalogue_or(lang: Lang, key: &str, fallback: &str) -> String {
    if has_key(Lang::En, key) {
        translate(lang, key)
    } else {
        fallback.to_owned()
    }
}

pub use shared::synthesis::period_label;

/// The periods a filter offers, derived from the quarters that have figures: years, then
/// half-years, then quarters, each newest first.
pub fn period_choices(quarters: &[String]) -> Vec<String> {
    let mut years: Vec<String> = Vec::new();
    let mut halves: Vec<String> = Vec::new();
    let mut sorted: Vec<&String> = quarters.iter().collect();
    sorted.sort_by(|a, b| b.cmp(a));
    sorted.dedup();
    for quarter in &sorted {
        let (Some(year), Some(number)) = (quarter.get(..4), quarter.get(6..)) else {
            continue;
        };
        let half = if matches!(number, "1" | "2") {
            format!("{year}-H1")
        } else {
            format!("{year}-H2")
        };
        if !years.iter().any(|y| y == year) {
            years.push(year.to_owned());
        }
        if !halves.contains(&half) {
            halves.push(half);
        }
    }
    years
        .into_iter()
        .chain(halves)
        .chain(sorted.into_iter().cloned())
        .collect()
}

/// The name of a grouping dimension ("Province") in `lang`.
pub fn dimension_label(lang: Lang, dimension: GroupDimension) -> String {
    translate(lang, &format!("group.dimension.{}", dimension.as_str()))
}

/// A group's key as the API returns it (`garment`, `Kandal`, `under_500`, `yes`...) in
/// `lang`. Ownership countries are shown as they are recorded; an empty key is "not known".
pub fn group_label(lang: Lang, dimension: GroupDimension, key: &str) -> String {
    let key = key.trim();
    if key.is_empty() {
        return translate(lang, "group.unknown");
    }
    match dimension {
        GroupDimension::ProductType => catalogue_or(lang, &format!("product.{key}"), key),
        GroupDimension::SizeBand => catalogue_or(lang, &format!("group.size.{key}"), key),
        GroupDimension::Province => catalogue_or(
            lang,
            &format!("province.{}", key.to_lowercase().replace([' ', '-'], "_")),
            key,
        ),
        GroupDimension::UnionPresence | GroupDimension::ExportLicence => {
            catalogue_or(lang, &format!("group.{key}"), key)
        }
        GroupDimension::OwnershipCountry => key.to_owned(),
    }
}

fn bar(name: String, values: Vec<Option<f64>>) -> Series {
    Series {
        name,
        kind: SeriesKind::Bar,
        values,
        second_axis: false,
    }
}

fn line(name: String, values: Vec<Option<f64>>) -> Series {
    Series {
        name,
        kind: SeriesKind::Line,
        values,
        second_axis: false,
    }
}

/// A chart of non-compliance percentages.
fn rate_chart(
    lang: Lang,
    categories: Vec<String>,
    series: Vec<Series>,
    horizontal: bool,
) -> SeriesData {
    SeriesData {
        categories,
        series,
        // Drawn at the end of the value axis, the name would be cut off beside horizontal
        // bars; the axis reads in percent and the legend names the series.
        axis_name: if horizontal {
            String::new()
        } else {
            translate(lang, "analytics.axis.non_compliance")
        },
        second_axis_name: None,
        percent: true,
        horizontal,
    }
}

// ---------------------------------------------------------------------------------------
// Clusters.

/// Plain and worker-weighted non-compliance per cluster, one bar each, clusters down the side.
pub fn cluster_rates_series(lang: Lang, clusters: &[ClusterRate]) -> SeriesData {
    rate_chart(
        lang,
        clusters
            .iter()
            .map(|c| shorten(c.name.get(lang.code())))
            .collect(),
        vec![
            bar(
                translate(lang, "analytics.series.rate"),
                clusters.iter().map(|c| chart_rate(c.rate)).collect(),
            ),
            bar(
                translate(lang, "analytics.series.weighted_rate"),
                clusters
                    .iter()
                    .map(|c| chart_rate(c.weighted_rate))
                    .collect(),
            ),
        ],
        true,
    )
}

/// Cluster, factories assessed, non-compliance, worker-weighted non-compliance.
pub fn cluster_rates_table(lang: Lang, clusters: &[ClusterRate]) -> TableData {
    TableData {
        headers: vec![
            translate(lang, "analytics.col.cluster"),
            translate(lang, "analytics.col.factories_assessed"),
            translate(lang, "analytics.series.rate"),
            translate(lang, "analytics.series.weighted_rate"),
        ],
        rows: clusters
            .iter()
            .map(|c| {
                vec![
                    c.name.get(lang.code()).to_owned(),
                    format_number(c.factories),
                    percent(c.rate),
                    percent(c.weighted_rate),
                ]
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Critical issues.

fn critical_issue_name(lang: Lang, number: i64) -> String {
    catalogue_or(lang, &format!("critical.{number}"), &number.to_string())
}

/// Share of factories and share of workers concerned by each critical issue.
pub fn critical_issues_series(lang: Lang, issues: &[CriticalIssueRate]) -> SeriesData {
    rate_chart(
        lang,
        issues
            .iter()
            .map(|i| {
                shorten(&format!(
                    "{}. {}",
                    i.number,
                    critical_issue_name(lang, i.number)
                ))
            })
            .collect(),
        vec![
            bar(
                translate(lang, "analytics.col.share_of_factories"),
                issues.iter().map(|i| chart_rate(i.rate)).collect(),
            ),
            bar(
                translate(lang, "analytics.col.share_of_workers"),
                issues.iter().map(|i| chart_rate(i.weighted_rate)).collect(),
            ),
        ],
        true,
    )
}

/// Number, critical issue, factories found, share of factories, workers concerned, share of
/// workers.
pub fn critical_issues_table(lang: Lang, issues: &[CriticalIssueRate]) -> TableData {
    TableData {
        headers: vec![
            translate(lang, "analytics.col.number"),
            translate(lang, "analytics.col.critical_issue"),
            translate(lang, "analytics.col.factories_non_compliant"),
            translate(lang, "analytics.col.share_of_factories"),
            translate(lang, "analytics.col.workers_concerned"),
            translate(lang, "analytics.col.share_of_workers"),
        ],
        rows: issues
            .iter()
            .map(|i| {
                vec![
                    i.number.to_string(),
                    critical_issue_name(lang, i.number),
                    format_number(i.factories_non_compliant),
                    percent(i.rate),
                    format_number(i.workers_non_compliant),
                    percent(i.weighted_rate),
                ]
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Issue rankings.

/// The first `limit` issues of a ranking, plain and worker-weighted rate, most frequent on top.
pub fn issue_series(lang: Lang, issues: &[IssueRate], limit: usize) -> SeriesData {
    let top = &issues[..issues.len().min(limit)];
    rate_chart(
        lang,
        top.iter()
            .map(|i| shorten(&format!("{} {}", i.code, i.name.get(lang.code()))))
            .collect(),
        vec![
            bar(
                translate(lang, "analytics.series.rate"),
                top.iter().map(|i| chart_rate(i.rate)).collect(),
            ),
            bar(
                translate(lang, "analytics.series.weighted_rate"),
                top.iter().map(|i| chart_rate(i.weighted_rate)).collect(),
            ),
        ],
        true,
    )
}

/// Rank, code, issue, factories non-compliant / assessed, rate, workers concerned, weighted
/// rate. Clusters are rated by their share of non-compliant points, not by counting
/// factories, so their counts of factories and workers found show a dash.
pub fn issue_table(lang: Lang, issues: &[IssueRate]) -> TableData {
    TableData {
        headers: vec![
            translate(lang, "analytics.col.rank"),
            translate(lang, "analytics.col.code"),
            translate(lang, "analytics.col.issue"),
            translate(lang, "analytics.col.non_compliant_of_assessed"),
            translate(lang, "analytics.series.rate"),
            translate(lang, "analytics.col.workers_concerned"),
            translate(lang, "analytics.series.weighted_rate"),
        ],
        rows: issues
            .iter()
            .enumerate()
            .map(|(index, i)| {
                let counted = i.level != IssueLevel::Cluster;
                let found = if counted {
                    format_number(i.factories_non_compliant)
                } else {
                    "–".to_owned()
                };
                vec![
                    (index + 1).to_string(),
                    i.code.clone(),
                    i.name.get(lang.code()).to_owned(),
                    format!("{found} / {}", format_number(i.factories_assessed)),
                    percent(i.rate),
                    if counted {
                        format_number(i.workers_non_compliant)
                    } else {
                        "–".to_owned()
                    },
                    percent(i.weighted_rate),
                ]
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Groups.

/// The plain average of the assessed clusters' rates; `None` when none was assessed.
pub fn mean_of_clusters(clusters: &[ClusterRate]) -> Option<f64> {
    let rates: Vec<f64> = clusters.iter().filter_map(|c| c.rate).collect();
    (!rates.is_empty()).then(|| rates.iter().sum::<f64>() / rates.len() as f64)
}

/// The rate of `cluster` (its code) in `clusters`, or their average when `cluster` is empty.
fn rate_of(clusters: &[ClusterRate], cluster: &str) -> Option<f64> {
    if cluster.is_empty() {
        mean_of_clusters(clusters)
    } else {
        clusters
            .iter()
            .find(|c| c.code == cluster)
            .and_then(|c| c.rate)
    }
}

/// Each group's non-compliance in `cluster` (a code; empty: the average of all clusters),
/// groups down the side, with the industry's as a line across them.
pub fn group_series(lang: Lang, comparison: &GroupComparison, cluster: &str) -> SeriesData {
    let industry = chart_rate(rate_of(&comparison.industry, cluster));
    rate_chart(
        lang,
        comparison
            .groups
            .iter()
            .map(|g| shorten(&group_label(lang, comparison.dimension, &g.key)))
            .collect(),
        vec![
            bar(
                translate(lang, "analytics.series.rate"),
                comparison
                    .groups
                    .iter()
                    .map(|g| chart_rate(rate_of(&g.clusters, cluster)))
                    .collect(),
            ),
            line(
                translate(lang, "group.industry"),
                comparison.groups.iter().map(|_| industry).collect(),
            ),
        ],
        true,
    )
}

/// The industry, then each group: factories, workers, share of women, average of clusters
/// and the non-compliance of each cluster.
pub fn group_table(lang: Lang, comparison: &GroupComparison) -> TableData {
    let mut headers = vec![
        dimension_label(lang, comparison.dimension),
        translate(lang, "analytics.col.factories"),
        translate(lang, "analytics.col.workers"),
        translate(lang, "analytics.col.women_share"),
        translate(lang, "analytics.col.mean_of_clusters"),
    ];
    headers.extend(
        comparison
            .industry
            .iter()
            .map(|c| c.name.get(lang.code()).to_owned()),
    );
    let rates = |clusters: &[ClusterRate]| -> Vec<String> {
        std::iter::once(percent(mean_of_clusters(clusters)))
            .chain(comparison.industry.iter().map(|industry| {
                percent(
                    clusters
                        .iter()
                        .find(|c| c.code == industry.code)
                        .and_then(|c| c.rate),
                )
            }))
            .collect()
    };
    let factories: i64 = comparison.groups.iter().map(|g| g.factories).sum();
    let workers: i64 = comparison.groups.iter().map(|g| g.workers).sum();
    let women: i64 = comparison.groups.iter().map(|g| g.women_workers).sum();
    let mut industry = vec![
        translate(lang, "group.industry"),
        format_number(factories),
        format_number(workers),
        women_share(women, workers),
    ];
    industry.extend(rates(&comparison.industry));
    let mut rows = vec![industry];
    rows.extend(comparison.groups.iter().map(|g| {
        let mut row = vec![
            group_label(lang, comparison.dimension, &g.key),
            format_number(g.factories),
            format_number(g.workers),
            women_share(g.women_workers, g.workers),
        ];
        row.extend(rates(&g.clusters));
        row
    }));
    TableData { headers, rows }
}

// ---------------------------------------------------------------------------------------
// Trends.

/// The clusters that appear in any period, in the order they first appear.
fn trend_clusters(periods: &[PeriodTrend]) -> Vec<&ClusterRate> {
    let mut clusters: Vec<&ClusterRate> = Vec::new();
    for period in periods {
        for cluster in &period.clusters {
            if !clusters.iter().any(|c| c.code == cluster.code) {
                clusters.push(cluster);
            }
        }
    }
    clusters
}

fn period_cluster_rate(period: &PeriodTrend, code: &str) -> Option<f64> {
    period
        .clusters
        .iter()
        .find(|c| c.code == code)
        .and_then(|c| c.rate)
}

/// Mean non-compliance of factories (all clusters) and of each cluster, period by period.
pub fn trend_series(lang: Lang, periods: &[PeriodTrend]) -> SeriesData {
    let mut series = vec![line(
        translate(lang, "analytics.series.all_clusters"),
        periods.iter().map(|p| chart_rate(p.mean_rate)).collect(),
    )];
    series.extend(trend_clusters(periods).into_iter().map(|cluster| {
        line(
            shorten(cluster.name.get(lang.code())),
            periods
                .iter()
                .map(|p| chart_rate(period_cluster_rate(p, &cluster.code)))
                .collect(),
        )
    }));
    rate_chart(
        lang,
        periods
            .iter()
            .map(|p| period_label(lang, &p.period))
            .collect(),
        series,
        false,
    )
}

/// Period, factories, all clusters, then each cluster's non-compliance.
pub fn trend_table(lang: Lang, periods: &[PeriodTrend]) -> TableData {
    let clusters = trend_clusters(periods);
    let mut headers = vec![
        translate(lang, "analytics.col.period"),
        translate(lang, "analytics.col.factories"),
        translate(lang, "analytics.series.all_clusters"),
    ];
    headers.extend(clusters.iter().map(|c| c.name.get(lang.code()).to_owned()));
    TableData {
        headers,
        rows: periods
            .iter()
            .map(|p| {
                let mut row = vec![
                    period_label(lang, &p.period),
                    format_number(p.factories),
                    percent(p.mean_rate),
                ];
                row.extend(
                    clusters
                        .iter()
                        .map(|c| percent(period_cluster_rate(p, &c.code))),
                );
                row
            })
            .collect(),
    }
}

/// Workers (bars, second axis) and the share of women (line, percent axis) by period.
pub fn employment_series(lang: Lang, periods: &[PeriodTrend]) -> SeriesData {
    SeriesData {
        categories: periods
            .iter()
            .map(|p| period_label(lang, &p.period))
            .collect(),
        series: vec![
            Series {
                name: translate(lang, "analytics.col.workers"),
                kind: SeriesKind::Bar,
                values: periods.iter().map(|p| Some(p.workers as f64)).collect(),
                second_axis: true,
            },
            line(
                translate(lang, "analytics.col.women_share"),
                periods
                    .iter()
                    .map(|p| chart_rate(share(p.women_workers, p.workers)))
                    .collect(),
            ),
        ],
        axis_name: translate(lang, "analytics.col.women_share"),
        second_axis_name: Some(translate(lang, "analytics.col.workers")),
        percent: true,
        horizontal: false,
    }
}

/// Period, factories, workers, women workers, share of women, factories without critical
/// issues.
pub fn employment_table(lang: Lang, periods: &[PeriodTrend]) -> TableData {
    TableData {
        headers: vec![
            translate(lang, "analytics.col.period"),
            translate(lang, "analytics.col.factories"),
            translate(lang, "analytics.col.workers"),
            translate(lang, "analytics.col.women_workers"),
            translate(lang, "analytics.col.women_share"),
            translate(lang, "analytics.col.without_critical"),
        ],
        rows: periods
            .iter()
            .map(|p| {
                vec![
                    period_label(lang, &p.period),
                    format_number(p.factories),
                    format_number(p.workers),
                    format_number(p.women_workers),
                    women_share(p.women_workers, p.workers),
                    format_number(p.factories_without_critical_issues),
                ]
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// Components.

/// A chart with the table of its figures (and their CSV download) beneath it, or a short
/// message instead of both when there is nothing to show.
#[component]
pub fn ChartWithTable(
    /// DOM id and `data-testid` of the chart; unique on the page.
    chart_id: &'static str,
    /// `data-testid` of the table; its download button is `{table_id}-csv`.
    table_id: &'static str,
    #[prop(into)] chart: Signal<SeriesData>,
    #[prop(into)] table: Signal<TableData>,
    /// What the figure shows: the chart's accessible name and the table's caption.
    #[prop(into)]
    label: Signal<String>,
    /// Name of the CSV download, without `.csv`.
    #[prop(into)]
    file_name: Signal<String>,
    /// Nothing to show: the message is shown instead.
    #[prop(into)]
    empty: Signal<bool>,
    /// What to say when there is nothing to show.
    #[prop(into)]
    empty_message: Signal<String>,
) -> impl IntoView {
    view! {
        <Show
            when=move || !empty.get()
            fallback=move || view! { <p class="figure-empty">{move || empty_message.get()}</p> }
        >
            <div class="figure">
                <SeriesChart id=chart_id data=chart label=label/>
                <DataTable testid=table_id data=table file_name=file_name caption=label/>
            </div>
        </Show>
    }
}

/// Non-compliance per cluster: the plain rate (average over factories) beside the
/// worker-weighted rate (the severity view: each factory weighs by its workforce).
#[component]
pub fn ClusterRatesFigure(
    chart_id: &'static str,
    /// `data-testid` of the table; its download button is `{table_id}-csv`.
    table_id: &'static str,
    #[prop(into)] clusters: Signal<Vec<ClusterRate>>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ChartWithTable
            chart_id=chart_id
            table_id=table_id
            chart=Signal::derive(move || clusters.with(|c| cluster_rates_series(i18n.lang(), c)))
            table=Signal::derive(move || clusters.with(|c| cluster_rates_table(i18n.lang(), c)))
            label=label
            file_name=file_name
            empty=Signal::derive(move || clusters.with(|c| c.iter().all(|c| c.rate.is_none())))
            empty_message=Signal::derive(move || i18n.t("analytics.no_data"))
        />
    }
}

/// How often each critical issue is found: share of factories and of workers concerned.
#[component]
pub fn CriticalIssuesFigure(
    chart_id: &'static str,
    /// `data-testid` of the table; its download button is `{table_id}-csv`.
    table_id: &'static str,
    #[prop(into)] issues: Signal<Vec<CriticalIssueRate>>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ChartWithTable
            chart_id=chart_id
            table_id=table_id
            chart=Signal::derive(move || issues.with(|i| critical_issues_series(i18n.lang(), i)))
            table=Signal::derive(move || issues.with(|i| critical_issues_table(i18n.lang(), i)))
            label=label
            file_name=file_name
            empty=Signal::derive(move || issues.with(Vec::is_empty))
            empty_message=Signal::derive(move || i18n.t("analytics.critical.none"))
        />
    }
}

/// A ranking of issues (most frequent first, as the API sorts them): the first
/// `chart_limit` in the chart, all of them in the table.
#[component]
pub fn IssueRankingFigure(
    chart_id: &'static str,
    /// `data-testid` of the table; its download button is `{table_id}-csv`.
    table_id: &'static str,
    #[prop(into)] issues: Signal<Vec<IssueRate>>,
    /// How many issues the chart draws.
    #[prop(default = 15)]
    chart_limit: usize,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ChartWithTable
            chart_id=chart_id
            table_id=table_id
            chart=Signal::derive(move || issues.with(|i| issue_series(i18n.lang(), i, chart_limit)))
            table=Signal::derive(move || issues.with(|i| issue_table(i18n.lang(), i)))
            label=label
            file_name=file_name
            empty=Signal::derive(move || issues.with(Vec::is_empty))
            empty_message=Signal::derive(move || i18n.t("analytics.no_issues"))
        />
    }
}

/// Each group's non-compliance beside the industry's, in one cluster or on average over
/// all clusters (the reader chooses), and the table of every group's figures.
#[component]
pub fn GroupComparisonFigure(
    chart_id: &'static str,
    /// `data-testid` of the table; its download button is `{table_id}-csv`.
    table_id: &'static str,
    #[prop(into)] comparison: Signal<GroupComparison>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Which cluster the chart shows (a code); empty: the average of all clusters.
    let cluster = RwSignal::new(String::new());
    let select_id = format!("{chart_id}-cluster");
    let options = move || {
        let lang = i18n.lang();
        comparison.with(|comparison| {
            comparison
                .industry
                .iter()
                .map(|c| {
                    let code = c.code.clone();
                    let selected = code.clone();
                    view! {
                        <option value=code selected=move || cluster.get() == selected>
                            {c.name.get(lang.code()).to_owned()}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="field compact figure-choice">
            <label for=select_id.clone()>{move || i18n.t("analytics.groups.cluster_shown")}</label>
            <select
                id=select_id
                prop:value=move || cluster.get()
                on:change=move |event| cluster.set(event_target_value(&event))
            >
                <option value="" selected=move || cluster.get().is_empty()>
                    {move || i18n.t("analytics.col.mean_of_clusters")}
                </option>
                {options}
            </select>
        </div>
        <ChartWithTable
            chart_id=chart_id
            table_id=table_id
            chart=Signal::derive(move || {
                let cluster = cluster.get();
                comparison.with(|c| group_series(i18n.lang(), c, &cluster))
            })
            table=Signal::derive(move || comparison.with(|c| group_table(i18n.lang(), c)))
            label=label
            file_name=file_name
            empty=Signal::derive(move || comparison.with(|c| c.groups.is_empty()))
            empty_message=Signal::derive(move || i18n.t("analytics.no_data"))
        />
    }
}

/// Mean non-compliance over time, for all clusters together and for each cluster.
#[component]
pub fn TrendFigure(
    chart_id: &'static str,
    /// `data-testid` of the table; its download button is `{table_id}-csv`.
    table_id: &'static str,
    #[prop(into)] periods: Signal<Vec<PeriodTrend>>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ChartWithTable
            chart_id=chart_id
            table_id=table_id
            chart=Signal::derive(move || periods.with(|p| trend_series(i18n.lang(), p)))
            table=Signal::derive(move || periods.with(|p| trend_table(i18n.lang(), p)))
            label=label
            file_name=file_name
            empty=Signal::derive(move || periods.with(Vec::is_empty))
            empty_message=Signal::derive(move || i18n.t("analytics.no_data"))
        />
    }
}

/// Employment over time: workers covered and the share of women among them.
#[component]
pub fn EmploymentFigure(
    chart_id: &'static str,
    /// `data-testid` of the table; its download button is `{table_id}-csv`.
    table_id: &'static str,
    #[prop(into)] periods: Signal<Vec<PeriodTrend>>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ChartWithTable
            chart_id=chart_id
            table_id=table_id
            chart=Signal::derive(move || periods.with(|p| employment_series(i18n.lang(), p)))
            table=Signal::derive(move || periods.with(|p| employment_table(i18n.lang(), p)))
            label=label
            file_name=file_name
            empty=Signal::derive(move || periods.with(Vec::is_empty))
            empty_message=Signal::derive(move || i18n.t("analytics.no_data"))
        />
    }
}

/// The four headline numbers: factories, workers, share of women, factories without
/// critical issues. Each value carries `data-testid="stat-{name}"`.
#[component]
pub fn IndustryStats(
    factories: i64,
    workers: i64,
    women_workers: i64,
    factories_without_critical_issues: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let women = format_number(women_workers);
    let of_factories = format_number(factories);
    view! {
        <div class="stat-cards industry-stats">
            <div class="stat-card">
                <span class="stat-value" data-testid="stat-factories">{format_number(factories)}</span>
                <span class="stat-label">{move || i18n.t("analytics.stat.factories")}</span>
            </div>
            <div class="stat-card">
                <span class="stat-value" data-testid="stat-workers">{format_number(workers)}</span>
                <span class="stat-label">{move || i18n.t("analytics.stat.workers")}</span>
            </div>
            <div class="stat-card">
                <span class="stat-value" data-testid="stat-women">{women_share(women_workers, workers)}</span>
                <span class="stat-label">{move || i18n.t("analytics.stat.women_share")}</span>
                <span class="stat-detail">{move || i18n.t_with("analytics.stat.women_count", &[("count", &women)])}</span>
            </div>
            <div class="stat-card">
                <span class="stat-value" data-testid="stat-without-critical">{format_number(factories_without_critical_issues)}</span>
                <span class="stat-label">{move || i18n.t("analytics.stat.without_critical")}</span>
                <span class="stat-detail">{move || i18n.t_with("analytics.stat.of_factories", &[("count", &of_factories)])}</span>
            </div>
        </div>
    }
}

/// A choice among a few values, as a row of toggle buttons (large enough to tap).
#[component]
pub fn ChoiceButtons(
    /// Shown before the buttons and used as the group's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// Each choice's value and the catalogue key of its text.
    options: Vec<(String, String)>,
    selected: RwSignal<String>,
    /// `data-testid` of the group.
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let buttons = options
        .into_iter()
        .map(|(value, key)| {
            let pressed = value.clone();
            view! {
                <button
                    type="button"
                    class="choice-button"
                    aria-pressed=move || (selected.get() == pressed).to_string()
                    on:click=move |_| selected.set(value.clone())
                >
                    {move || i18n.t(&key)}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="choice-bar" role="group" aria-label=move || label.get() data-testid=testid>
            <span class="choice-bar-label" aria-hidden="true">{move || label.get()}</span>
            {buttons}
        </div>
    }
}

/// Which assessments the figures count: a period (empty: each factory's latest assessment)
/// and optionally one group of factories (both `dimension` and `group` set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScopeChoice {
    pub period: String,
    pub dimension: String,
    pub group: String,
}

impl ScopeChoice {
    /// The query parameters of the analytics endpoints for this scope, unchosen ones left
    /// out (a dimension counts only with a group).
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if !self.period.is_empty() {
            params.push(("period", self.period.clone()));
        }
        if !self.dimension.is_empty() && !self.group.is_empty() {
            params.push(("dimension", self.dimension.clone()));
            params.push(("group", self.group.clone()));
        }
        params
    }

    /// What the figures count, in words: "Each factory's latest assessment in 2025-H2 ·
    /// Province: Kandal".
    pub fn describe(&self, lang: Lang) -> String {
        let mut text = if self.period.is_empty() {
            translate(lang, "analytics.scope.latest")
        } else {
            translate_with(
                lang,
                "analytics.scope.latest_in",
                &[("period", &period_label(lang, &self.period))],
            )
        };
        if let (Some(dimension), false) = (
            GroupDimension::parse(&self.dimension),
            self.group.is_empty(),
        ) {
            text.push_str(&format!(
                " · {}: {}",
                dimension_label(lang, dimension),
                group_label(lang, dimension, &self.group)
            ));
        }
        text
    }
}

/// Period and group selection for the analytics pages. The page offers the periods that
/// have figures and the groups of the chosen dimension, and reads `scope` to fetch.
#[component]
pub fn ScopeFilter(
    scope: RwSignal<ScopeChoice>,
    /// Periods with figures (`2025`, `2025-H2`, `2025-Q3`; see [`period_choices`]).
    #[prop(into)]
    periods: Signal<Vec<String>>,
    /// Group keys of the chosen dimension, as the API returns them.
    #[prop(into)]
    groups: Signal<Vec<String>>,
    /// Offer the period only (for pages that show every group anyway).
    #[prop(optional)]
    period_only: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let period_group = move |label_key: &'static str, is_kind: fn(&str) -> bool| {
        let lang = i18n.lang();
        let options: Vec<String> =
            periods.with(|periods| periods.iter().filter(|p| is_kind(p)).cloned().collect());
        (!options.is_empty()).then(|| {
            view! {
                <optgroup label=translate(lang, label_key)>
                    {options.into_iter().map(|period| {
                        let text = period_label(lang, &period);
                        let selected = period.clone();
                        view! {
                            <option value=period selected=move || scope.with(|s| s.period == selected)>
                                {text}
                            </option>
                        }
                    }).collect_view()}
                </optgroup>
            }
        })
    };
    let dimension = move || GroupDimension::parse(&scope.with(|s| s.dimension.clone()));
    let group_options = move || {
        let lang = i18n.lang();
        let Some(dimension) = dimension() else {
            return Vec::new();
        };
        groups.with(|groups| {
            groups
                .iter()
                .map(|key| {
                    let value = key.clone();
                    let selected = key.clone();
                    view! {
                        <option value=value selected=move || scope.with(|s| s.group == selected)>
                            {group_label(lang, dimension, key)}
                        </option>
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="scope-filter" role="search">
            <div class="field compact">
                <label for="scope-period">{move || i18n.t("analytics.scope.period")}</label>
                <select
                    id="scope-period"
                    prop:value=move || scope.with(|s| s.period.clone())
                    on:change=move |event| scope.update(|s| s.period = event_target_value(&event))
                >
                    <option value="" selected=move || scope.with(|s| s.period.is_empty())>
                        {move || i18n.t("analytics.scope.latest_option")}
                    </option>
                    {move || period_group("analytics.scope.years", |p| p.len() == 4)}
                    {move || period_group("analytics.scope.halves", |p| p.contains("-H"))}
                    {move || period_group("analytics.scope.quarters", |p| p.contains("-Q"))}
                </select>
            </div>
            <Show when=move || !period_only>
                <div class="field compact">
                    <label for="scope-dimension">{move || i18n.t("analytics.scope.narrow_by")}</label>
                    <select
                        id="scope-dimension"
                        prop:value=move || scope.with(|s| s.dimension.clone())
                        on:change=move |event| scope.update(|s| {
                            s.dimension = event_target_value(&event);
                            s.group.clear();
                        })
                    >
                        <option value="" selected=move || scope.with(|s| s.dimension.is_empty())>
                            {move || i18n.t("analytics.scope.whole_industry")}
                        </option>
                        {move || {
                            let lang = i18n.lang();
                            GroupDimension::ALL.iter().map(|d| {
                                let value = d.as_str();
                                view! {
                                    <option value=value selected=move || scope.with(|s| s.dimension == value)>
                                        {dimension_label(lang, *d)}
                                    </option>
                                }
                            }).collect_view()
                        }}
                    </select>
                </div>
                <div class="field compact">
                    <label for="scope-group">{move || i18n.t("analytics.scope.group")}</label>
                    <select
                        id="scope-group"
                        disabled=move || dimension().is_none()
                        prop:value=move || scope.with(|s| s.group.clone())
                        on:change=move |event| scope.update(|s| s.group = event_target_value(&event))
                    >
                        <option value="" selected=move || scope.with(|s| s.group.is_empty())>
                            {move || i18n.t("analytics.scope.all_groups")}
                        </option>
                        {group_options}
                    </select>
                </div>
            </Show>
        </div>
    }
}
