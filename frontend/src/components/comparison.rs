//! Several factories' latest reports side by side, against the industry average.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::percent;
use shared::api::analytics::Comparison;
use shared::table::TableData;

use crate::components::chart::{Series, SeriesChart, SeriesData, SeriesKind};
use crate::components::data_table::DataTable;
use crate::i18n::{use_i18n, I18n};

/// Rows: clusters, then the overall rate and critical issues; columns: each factory, then the
/// industry average. The chart and the CSV are built from the same figures.
pub fn comparison_table(i18n: I18n, comparison: &Comparison) -> TableData {
    let lang = i18n.lang().code();
    let mut headers = vec![i18n.t("compare.cluster")];
    headers.extend(comparison.factories.iter().map(|f| f.name.clone()));
    headers.push(i18n.t("compare.industry_average"));
    let mut rows: Vec<Vec<String>> = comparison
        .industry
        .iter()
        .map(|cluster| {
            let mut row = vec![cluster.name.get(lang).to_owned()];
            row.extend(comparison.factories.iter().map(|factory| {
                let rate = factory
                    .clusters
                    .iter()
                    .find(|c| c.code == cluster.code)
                    .and_then(|c| c.rate);
                percent(rate)
            }));
            row.push(percent(cluster.rate));
            row
        })
        .collect();
    let mut overall = vec![i18n.t("compare.overall")];
    overall.extend(comparison.factories.iter().map(|f| percent(f.overall_rate)));
    overall.push(String::new());
    rows.push(overall);
    let mut critical = vec![i18n.t("compare.critical_issues")];
    critical.extend(
        comparison
            .factories
            .iter()
            .map(|f| f.critical_issues.len().to_string()),
    );
    critical.push(String::new());
    rows.push(critical);
    let mut dates = vec![i18n.t("compare.assessed_on")];
    dates.extend(comparison.factories.iter().map(|f| f.start_date.clone()));
    dates.push(String::new());
    rows.push(dates);
    TableData { headers, rows }
}

fn comparison_chart(i18n: I18n, comparison: &Comparison) -> SeriesData {
    let lang = i18n.lang().code();
    let mut series: Vec<Series> = comparison
        .factories
        .iter()
        .map(|factory| Series {
            name: factory.name.clone(),
            kind: SeriesKind::Bar,
            values: comparison
                .industry
                .iter()
                .map(|cluster| {
                    factory
                        .clusters
                        .iter()
                        .find(|c| c.code == cluster.code)
                        .and_then(|c| c.rate)
                })
                .collect(),
            second_axis: false,
        })
        .collect();
    series.push(Series {
        name: i18n.t("compare.industry_average"),
        kind: SeriesKind::Line,
        values: comparison.industry.iter().map(|c| c.rate).collect(),
        second_axis: false,
    });
    SeriesData {
        categories: comparison
            .industry
            .iter()
            .map(|c| c.name.get(lang).to_owned())
            .collect(),
        series,
        axis_name: i18n.t("compare.non_compliance"),
        second_axis_name: None,
        percent: true,
        horizontal: false,
    }
}

/// The comparison as a chart, a table with its CSV, and links to each factory's report.
#[component]
pub fn ComparisonView(comparison: Comparison) -> impl IntoView {
    let i18n = use_i18n();
    let comparison = StoredValue::new(comparison);
    let chart = Signal::derive(move || comparison.with_value(|c| comparison_chart(i18n, c)));
    let table = Signal::derive(move || comparison.with_value(|c| comparison_table(i18n, c)));
    let links = comparison.with_value(|c| {
        c.factories
            .iter()
            .map(|factory| {
                let href = format!("/reports/{}", factory.visit_id);
                let name = factory.name.clone();
                let date = factory.start_date.clone();
                view! {
                    <li>
                        <A href=href>
                            {move || i18n.t_with("compare.open_report", &[("factory", &name), ("date", &date)])}
                        </A>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <section class="panel">
            <h2>{move || i18n.t("compare.chart_title")}</h2>
            <p class="hint">{move || i18n.t("compare.chart_hint")}</p>
            <SeriesChart id="compare-chart" data=chart label=Signal::derive(move || i18n.t("compare.chart_title"))/>
            <DataTable
                testid="compare-table"
                data=table
                file_name=Signal::derive(move || i18n.t("compare.file_name"))
                caption=Signal::derive(move || i18n.t("compare.chart_title"))
            />
            <ul class="link-list">{links}</ul>
        </section>
    }
}
