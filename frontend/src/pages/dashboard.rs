//! `/`: the home dashboard. Everyone sees the industry's factories and workforce by province,
//! except factory managers, who see their own factory (`pages::home`).

use leptos::prelude::*;
use shared::analytics::format_number;
use shared::api::dashboard::ProvinceWorkforce;
use shared::roles::Role;

use crate::api;
use crate::components::chart::{TwoMeasureBarChart, TwoMeasureBars};
use crate::i18n::province_label;
use crate::i18n::use_i18n;
use crate::pages::home::FactoryHome;
use crate::pages::LoadError;
use crate::session::use_session;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // A factory manager's home is their factory; everyone else's the industry's workforce.
    let own_factory = Memo::new(move |_| {
        session
            .user()
            .filter(|user| user.role == Role::FactoryManager)
            .and_then(|user| user.factory_id)
    });

    let greeting = move || {
        session.user().map(|user| {
            let role = i18n.t(&format!("role.{}", user.role.as_str()));
            view! {
                <h1>{i18n.t_with("dashboard.welcome", &[("name", &user.display_name)])}</h1>
                <p class="subtitle">{i18n.t_with("dashboard.signed_in_as", &[("role", &role)])}</p>
                {user.organisation.map(|organisation| view! {
                    <p class="subtitle">{i18n.t_with("dashboard.organisation", &[("organisation", &organisation)])}</p>
                })}
            }
        })
    };

    view! {
        <section class="page-head">{greeting}</section>
        {move || match own_factory.get() {
            Some(factory_id) => view! { <FactoryHome factory_id=factory_id/> }.into_any(),
            None => view! { <IndustryWorkforce/> }.into_any(),
        }}
    }
}

/// The industry's factories and workers by province.
#[component]
fn IndustryWorkforce() -> impl IntoView {
    let i18n = use_i18n();
    let workforce = LocalResource::new(api::dashboard::province_workforce);
    let retry = Callback::new(move |_| workforce.refetch());
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || workforce.get().map(|result| match result {
                Ok(rows) => view! { <WorkforceSummary rows=rows/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

/// Totals and the chart for the given rows.
#[component]
fn WorkforceSummary(rows: Vec<ProvinceWorkforce>) -> impl IntoView {
    let i18n = use_i18n();
    let total_factories: i64 = rows.iter().map(|row| row.factories).sum();
    let total_workers: i64 = rows.iter().map(|row| row.workers).sum();
    let empty = rows.is_empty();
    let rows = StoredValue::new(rows);
    let chart_data = Signal::derive(move || {
        let lang = i18n.lang();
        rows.with_value(|rows| TwoMeasureBars {
            categories: rows
                .iter()
                .map(|row| province_label(lang, &row.province))
                .collect(),
            first_name: i18n.t("dashboard.workers"),
            first_values: rows.iter().map(|row| row.workers).collect(),
            second_name: i18n.t("dashboard.factories"),
            second_values: rows.iter().map(|row| row.factories).collect(),
        })
    });
    view! {
        <div class="stat-cards">
            <div class="stat-card">
                <span class="stat-value" data-testid="total-factories">{format_number(total_factories)}</span>
                <span class="stat-label">{move || i18n.t("dashboard.total_factories")}</span>
            </div>
            <div class="stat-card">
                <span class="stat-value" data-testid="total-workers">{format_number(total_workers)}</span>
                <span class="stat-label">{move || i18n.t("dashboard.total_workers")}</span>
            </div>
        </div>
        <section class="panel">
            <h2>{move || i18n.t("dashboard.workforce_chart")}</h2>
            <p class="hint">{move || i18n.t("dashboard.workforce_chart_hint")}</p>
            {if empty {
                view! { <p>{move || i18n.t("dashboard.no_data")}</p> }.into_any()
            } else {
                view! {
                    <TwoMeasureBarChart
                        id="province-workforce-chart"
                        data=chart_data
                        label=Signal::derive(move || i18n.t("dashboard.workforce_chart"))
                    />
                }
                .into_any()
            }}
        </section>
    }
}
