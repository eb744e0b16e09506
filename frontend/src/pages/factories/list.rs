//! `/factories`: the registry list for programme staff, with search and filters; links to
//! add and import factories for administrators.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::factories::{Factory, FactoryFilter};
use shared::factory::{FACTORY_STATUSES, PRODUCT_TYPES, PROVINCES};
use shared::roles::Role;

use crate::api;
use crate::i18n::province_label;
use crate::i18n::use_i18n;
use crate::pages::LoadError;
use crate::session::use_session;
use shared::analytics::format_number;

#[component]
pub fn FactoriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let search_text = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let province = RwSignal::new(String::new());
    let product_type = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let factories = LocalResource::new(move || {
        api::factories::list(&FactoryFilter {
            q: query.get(),
            province: province.get(),
            product_type: product_type.get(),
            status: status.get(),
        })
    });
    let retry = Callback::new(move |_| factories.refetch());
    let search = move |event: SubmitEvent| {
        event.prevent_default();
        query.set(search_text.get_untracked().trim().to_owned());
    };
    let is_admin = move || {
        session
            .user()
            .is_some_and(|user| user.role == Role::Administrator)
    };
    let select = move |id: &'static str,
                       all_key: &'static str,
                       signal: RwSignal<String>,
                       options: Vec<(String, String)>| {
        let options = StoredValue::new(options);
        view! {
            <select
                id=id
                aria-label=move || i18n.t(all_key)
                prop:value=move || signal.get()
                on:change=move |event| signal.set(event_target_value(&event))
            >
                <option value="">{move || i18n.t(all_key)}</option>
                {move || options.with_value(|options| options.iter().map(|(value, key)| {
                    view! { <option value=value.clone()>{i18n.t(key)}</option> }
                }).collect_view())}
            </select>
        }
    };
    let province_options: Vec<(String, String)> = PROVINCES
        .iter()
        .map(|name| {
            (
                name.to_string(),
                format!("province.{}", name.to_lowercase().replace(' ', "_")),
            )
        })
        .collect();
    let product_options = PRODUCT_TYPES
        .iter()
        .map(|p| (p.to_string(), format!("product.{p}")))
        .collect();
    let status_options = FACTORY_STATUSES
        .iter()
        .map(|s| (s.to_string(), format!("status.{s}")))
        .collect();
    view! {
        <section class="page-head with-actions">
            <h1>{move || i18n.t("factories.title")}</h1>
            <Show when=is_admin>
                <div class="actions">
                    <A href="/factories/new" attr:class="button primary">{move || i18n.t("factories.add")}</A>
                    <A href="/factories/import" attr:class="button secondary">{move || i18n.t("factories.import")}</A>
                </div>
            </Show>
        </section>
        <crate::pages::concerns::FlaggedFactoriesPanel/>
        <form class="filter-bar panel" role="search" on:submit=search>
            <input
                type="search"
                aria-label=move || i18n.t("factories.search")
                placeholder=move || i18n.t("factories.search")
                prop:value=move || search_text.get()
                on:input=move |event| search_text.set(event_target_value(&event))
            />
            {select("filter-province", "factories.all_provinces", province, province_options)}
            {select("filter-product", "factories.all_products", product_type, product_options)}
            {select("filter-status", "factories.all_statuses", status, status_options)}
            <button type="submit" class="button secondary">{move || i18n.t("factories.search")}</button>
        </form>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || factories.get().map(|result| match result {
                Ok(rows) => view! { <FactoryTable rows=rows/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn FactoryTable(rows: Vec<Factory>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="panel">{move || i18n.t("factories.empty")}</p> }.into_any();
    }
    let count = rows.len().to_string();
    let body = rows
        .into_iter()
        .map(|factory| {
            let href = format!("/factories/{}", factory.id);
            let province = factory.province.clone();
            let product_key = format!("product.{}", factory.product_type);
            let status_key = format!("status.{}", factory.status);
            let workers = factory.total_workers.map(format_number);
            let women = factory
                .women_share_percent
                .map(|share| format!("{share:.0}%"));
            view! {
                <tr>
                    <td><A href=href>{factory.name.clone()}</A></td>
                    <td>{factory.registration_number.clone().unwrap_or_default()}</td>
                    <td>{move || province_label(i18n.lang(), &province)}</td>
                    <td>{move || i18n.t(&product_key)}</td>
                    <td class="number">{workers.unwrap_or_else(|| "–".to_owned())}</td>
                    <td class="number">{women.unwrap_or_else(|| "–".to_owned())}</td>
                    <td>{move || i18n.t(&status_key)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="subtitle" data-testid="factory-count">{move || i18n.t_with("factories.count", &[("count", &count)])}</p>
        <div class="table-wrap panel">
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("factories.name")}</th>
                        <th scope="col">{move || i18n.t("factories.registration_number")}</th>
                        <th scope="col">{move || i18n.t("factories.province")}</th>
                        <th scope="col">{move || i18n.t("factories.product_type")}</th>
                        <th scope="col" class="number">{move || i18n.t("factories.workers")}</th>
                        <th scope="col" class="number">{move || i18n.t("factories.women_share")}</th>
                        <th scope="col">{move || i18n.t("factories.status")}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
    .into_any()
}
