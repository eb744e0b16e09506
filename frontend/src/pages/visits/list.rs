//! `/visits` (programme staff: every visit at every stage) and `/reports` (factory managers:
//! their factory's published reports).

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::visits::{VisitFilter, VisitSummary};
use shared::roles::Role;
use shared::visit::VisitStatus;

use crate::api;
use crate::components::visit::StatusTag;
use crate::i18n::use_i18n;
use crate::pages::LoadError;
use crate::session::use_session;

#[component]
pub fn VisitsPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let status = RwSignal::new(String::new());
    let visits = LocalResource::new(move || {
        api::visits::list(&VisitFilter {
            status: status.get(),
            ..VisitFilter::default()
        })
    });
    let retry = Callback::new(move |_| visits.refetch());
    let is_monitor = move || session.user().is_some_and(|u| u.role == Role::Monitor);
    view! {
        <section class="page-head with-actions">
            <h1>{move || i18n.t("visits.title")}</h1>
            <Show when=is_monitor>
                <div class="actions">
                    <A href="/visits/new" attr:class="button primary">{move || i18n.t("visits.new")}</A>
                </div>
            </Show>
        </section>
        <div class="filter-bar panel">
            <label for="status-filter">{move || i18n.t("visits.status")}</label>
            <select id="status-filter" on:change=move |e| status.set(event_target_value(&e))>
                <option value="">{move || i18n.t("visits.all_statuses")}</option>
                {VisitStatus::ALL.iter().map(|s| {
                    let key = format!("visit_status.{}", s.as_str());
                    view! { <option value=s.as_str()>{move || i18n.t(&key)}</option> }
                }).collect_view()}
            </select>
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || visits.get().map(|result| match result {
                Ok(rows) => view! { <VisitTable rows=rows empty_key="visits.empty"/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let i18n = use_i18n();
    let reports = LocalResource::new(|| api::visits::list(&VisitFilter::default()));
    let retry = Callback::new(move |_| reports.refetch());
    view! {
        <section class="page-head"><h1>{move || i18n.t("reports.title")}</h1></section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || reports.get().map(|result| match result {
                Ok(rows) => view! { <VisitTable rows=rows empty_key="reports.empty"/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

/// Visits as a table; also used for a factory's visit history.
#[component]
pub fn VisitTable(rows: Vec<VisitSummary>, empty_key: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    if rows.is_empty() {
        return view! { <p class="panel">{move || i18n.t(empty_key)}</p> }.into_any();
    }
    // Factory managers read a published visit as its report; staff open the visit itself.
    let reads_reports = session
        .user()
        .is_some_and(|user| !user.role.is_programme_staff());
    let body = rows
        .into_iter()
        .map(|visit| {
            let href = if reads_reports && visit.status == VisitStatus::Published {
                format!("/reports/{}", visit.id)
            } else {
                format!("/visits/{}", visit.id)
            };
            let type_key = format!("visit_type.{}", visit.visit_type.as_str());
            let team = match &visit.second_monitor_name {
                Some(second) => format!("{}, {}", visit.lead_monitor_name, second),
                None => visit.lead_monitor_name.clone(),
            };
            view! {
                <tr>
                    <td><A href=href>{visit.start_date.clone()}</A></td>
                    <td>{visit.factory_name.clone()}</td>
                    <td>{move || i18n.t(&type_key)}</td>
                    <td>{team}</td>
                    <td><StatusTag status=visit.status/></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap panel">
            <table data-testid="visit-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("visits.dates")}</th>
                        <th scope="col">{move || i18n.t("visits.factory")}</th>
                        <th scope="col">{move || i18n.t("visits.type")}</th>
                        <th scope="col">{move || i18n.t("visits.team")}</th>
                        <th scope="col">{move || i18n.t("visits.status")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
