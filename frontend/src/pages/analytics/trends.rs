//! `/analytics/trends`: compliance and employment over time, by quarter, half-year or year.

use leptos::prelude::*;
use shared::analytics::Granularity;

use crate::api;
use crate::components::analytics::AnalyticsTabs;
use crate::components::figures::{ChoiceButtons, EmploymentFigure, TrendFigure};
use crate::i18n::use_i18n;
use crate::pages::LoadError;

#[component]
pub fn TrendsPage() -> impl IntoView {
    let i18n = use_i18n();
    // The programme reports twice a year.
    let granularity = RwSignal::new(Granularity::Half.as_str().to_owned());
    let trends = LocalResource::new(move || {
        let chosen = Granularity::parse(&granularity.get()).unwrap_or(Granularity::Half);
        api::analytics::trends(chosen)
    });
    let retry = Callback::new(move |_| trends.refetch());
    let granularities: Vec<(String, String)> = Granularity::ALL
        .iter()
        .map(|g| {
            (
                g.as_str().to_owned(),
                format!("analytics.granularity.{}", g.as_str()),
            )
        })
        .collect();
    let loading =
        move || view! { <p class="loading" role="status">{move || i18n.t("common.loading")}</p> };
    view! {
        <AnalyticsTabs/>
        <section class="page-head">
            <h1>{move || i18n.t("analytics.trends.title")}</h1>
            <p class="subtitle">{move || i18n.t("analytics.trends.subtitle")}</p>
        </section>
        <section class="panel analytics-controls">
            <ChoiceButtons
                label=Signal::derive(move || i18n.t("analytics.granularity.label"))
                options=granularities
                selected=granularity
                testid="trend-granularity"
            />
        </section>
        <Transition fallback=loading>
            {move || trends.get().map(|result| match result {
                Ok(trends) => {
                    let periods = trends.periods;
                    view! {
                        <section class="panel">
                            <h2>{move || i18n.t("analytics.trends.compliance")}</h2>
                            <p class="hint">{move || i18n.t("analytics.trends.compliance_hint")}</p>
                            <TrendFigure
                                chart_id="trends-chart"
                                table_id="trends-table"
                                periods=periods.clone()
                                label=Signal::derive(move || i18n.t("analytics.trends.compliance"))
                                file_name=Signal::derive(move || format!("trends-{}", granularity.get()))
                            />
                        </section>
                        <section class="panel">
                            <h2>{move || i18n.t("analytics.trends.employment")}</h2>
                            <p class="hint">{move || i18n.t("analytics.trends.employment_hint")}</p>
                            <EmploymentFigure
                                chart_id="employment-chart"
                                table_id="employment-table"
                                periods=periods
                                label=Signal::derive(move || i18n.t("analytics.trends.employment"))
                                file_name=Signal::derive(move || format!("employment-{}", granularity.get()))
                            />
                        </section>
                    }
                    .into_any()
                }
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}
