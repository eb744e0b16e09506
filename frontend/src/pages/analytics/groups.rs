//! `/analytics/groups`: industry figures by group of factories (product, size, ownership
//! country, province, union presence, export licence), each beside the industry.

use leptos::prelude::*;
use shared::analytics::GroupDimension;

use crate::api;
use crate::components::analytics::AnalyticsTabs;
use crate::components::figures::{
    dimension_label, ChoiceButtons, GroupComparisonFigure, ScopeChoice, ScopeFilter,
};
use crate::i18n::use_i18n;
use crate::pages::analytics::overview::scope_options;
use crate::pages::LoadError;

#[component]
pub fn GroupComparisonPage() -> impl IntoView {
    let i18n = use_i18n();
    let scope = RwSignal::new(ScopeChoice::default());
    let dimension = RwSignal::new(GroupDimension::ProductType.as_str().to_owned());
    let (periods, groups) = scope_options(scope);
    // Groups are compared over a period only (the filter offers no group here).
    let period = Memo::new(move |_| scope.with(|s| s.period.clone()));
    let comparison = LocalResource::new(move || {
        let grouped_by =
            GroupDimension::parse(&dimension.get()).unwrap_or(GroupDimension::ProductType);
        period.with(|period| api::analytics::groups(grouped_by, period))
    });
    let retry = Callback::new(move |_| comparison.refetch());
    let dimensions: Vec<(String, String)> = GroupDimension::ALL
        .iter()
        .map(|d| {
            (
                d.as_str().to_owned(),
                format!("group.dimension.{}", d.as_str()),
            )
        })
        .collect();
    let dimension_name = move || {
        GroupDimension::parse(&dimension.get())
            .map(|d| dimension_label(i18n.lang(), d))
            .unwrap_or_default()
    };
    view! {
        <AnalyticsTabs/>
        <section class="page-head">
            <h1>{move || i18n.t("analytics.groups.title")}</h1>
            <p class="subtitle" data-testid="analytics-scope">{move || scope.with(|s| s.describe(i18n.lang()))}</p>
        </section>
        <section class="panel analytics-controls">
            <ChoiceButtons
                label=Signal::derive(move || i18n.t("group.dimension.label"))
                options=dimensions
                selected=dimension
                testid="group-dimension"
            />
            <ScopeFilter scope=scope periods=periods groups=groups period_only=true/>
        </section>
        <section class="panel">
            <h2>{move || i18n.t_with("analytics.groups.chart", &[("dimension", &dimension_name())])}</h2>
            <p class="hint">{move || i18n.t("analytics.groups.hint")}</p>
            <Transition fallback=move || view! { <p class="loading" role="status">{move || i18n.t("common.loading")}</p> }>
                {move || comparison.get().map(|result| match result {
                    Ok(comparison) => view! {
                        <GroupComparisonFigure
                            chart_id="groups-chart"
                            table_id="groups-table"
                            comparison=comparison
                            label=Signal::derive(move || {
                                i18n.t_with("analytics.groups.chart", &[("dimension", &dimension_name())])
                            })
                            file_name=Signal::derive(move || format!("groups-{}", dimension.get()))
                        />
                    }
                    .into_any(),
                    Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
