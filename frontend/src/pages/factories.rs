//! `/factories`: the registry list for programme staff.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::factories::FactorySummary;

use crate::api;
use crate::i18n::use_i18n;
use crate::pages::dashboard::format_number;
use crate::pages::{province_label, LoadError};

#[component]
pub fn FactoriesPage() -> impl IntoView {
    let i18n = use_i18n();
    let factories = LocalResource::new(|| api::get::<Vec<FactorySummary>>("/api/factories"));
    let retry = Callback::new(move |_| factories.refetch());
    view! {
        <section class="page-head"><h1>{move || i18n.t("factories.title")}</h1></section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || factories.get().map(|result| match result {
                Ok(rows) => view! { <FactoryTable rows=rows/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn FactoryTable(rows: Vec<FactorySummary>) -> impl IntoView {
    let i18n = use_i18n();
    if rows.is_empty() {
        return view! { <p class="panel">{move || i18n.t("factories.empty")}</p> }.into_any();
    }
    let body = rows
        .into_iter()
        .map(|factory| {
            let href = format!("/factories/{}", factory.id);
            let province = factory.province.clone();
            let product_key = format!("product.{}", factory.product_type);
            let status_key = format!("status.{}", factory.status);
            view! {
                <tr>
                    <td><A href=href>{factory.name.clone()}</A></td>
                    <td>{factory.registration_number.clone()}</td>
                    <td>{move || province_label(i18n.lang(), &province)}</td>
                    <td>{move || i18n.t(&product_key)}</td>
                    <td class="number">{format_number(factory.total_workers)}</td>
                    <td class="number">{format!("{:.0}%", factory.women_share_percent)}</td>
                    <td>{move || i18n.t(&status_key)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
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
