//! `/factories/:id`: one factory's record (its visit history arrives with the visits).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::factories::FactorySummary;
use shared::roles::Area;

use crate::api;
use crate::i18n::use_i18n;
use crate::pages::dashboard::format_number;
use crate::pages::{province_label, LoadError};
use crate::session::use_session;

#[component]
pub fn FactoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let factory = LocalResource::new(move || {
        let id = params.with(|params| params.get("id").unwrap_or_default());
        async move { api::get::<FactorySummary>(&format!("/api/factories/{id}")).await }
    });
    let retry = Callback::new(move |_| factory.refetch());
    let may_list = move || {
        session
            .user()
            .is_some_and(|user| user.role.may_open(Area::Factories))
    };
    view! {
        <Show when=may_list>
            <A href="/factories" attr:class="back-link">{move || i18n.t("factories.back")}</A>
        </Show>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || factory.get().map(|result| match result {
                Ok(factory) => view! { <FactoryCard factory=factory/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn FactoryCard(factory: FactorySummary) -> impl IntoView {
    let i18n = use_i18n();
    let province = factory.province.clone();
    let product_key = format!("product.{}", factory.product_type);
    let status_key = format!("status.{}", factory.status);
    view! {
        <section class="page-head">
            <p class="eyebrow">{move || i18n.t("factories.detail_title")}</p>
            <h1>{factory.name.clone()}</h1>
            {factory.local_name.clone().map(|name| view! { <p class="subtitle">{name}</p> })}
        </section>
        <dl class="panel facts">
            <dt>{move || i18n.t("factories.registration_number")}</dt>
            <dd>{factory.registration_number.clone()}</dd>
            <dt>{move || i18n.t("factories.province")}</dt>
            <dd>{move || province_label(i18n.lang(), &province)}</dd>
            <dt>{move || i18n.t("factories.product_type")}</dt>
            <dd>{move || i18n.t(&product_key)}</dd>
            <dt>{move || i18n.t("factories.workers")}</dt>
            <dd>{format_number(factory.total_workers)}</dd>
            <dt>{move || i18n.t("factories.women_share")}</dt>
            <dd>{format!("{:.1}%", factory.women_share_percent)}</dd>
            <dt>{move || i18n.t("factories.status")}</dt>
            <dd>{move || i18n.t(&status_key)}</dd>
        </dl>
    }
}
