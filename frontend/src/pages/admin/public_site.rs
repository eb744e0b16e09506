//! `/public-site`: administrators see what the public transparency site holds now and write a
//! new generation from the published reports.

use leptos::prelude::*;
use shared::api::public_site::{PublicSiteGeneration, PublicSiteStatus};

use crate::api::{self, ApiError};
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::LoadError;

#[component]
pub fn PublicSitePage() -> impl IntoView {
    let i18n = use_i18n();
    let status = LocalResource::new(api::public_site::status);
    let retry = Callback::new(move |_| status.refetch());
    view! {
        <section class="page-head"><h1>{move || i18n.t("public_site.title")}</h1></section>
        <p class="subtitle">{move || i18n.t("public_site.intro")}</p>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || status.get().map(|result| match result {
                Ok(status) => view! { <PublicSiteContent status=status/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn PublicSiteContent(status: PublicSiteStatus) -> impl IntoView {
    let i18n = use_i18n();
    let latest = RwSignal::new(status.latest.clone());
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let publish = move |_| {
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::public_site::publish().await {
                Ok(status) => latest.set(status.latest),
                Err(failure) => error.set(Some(failure)),
            }
            working.set(false);
        });
    };
    let url = status.url.clone();
    let after_key = if status.after_publication {
        "public_site.after_publication_on"
    } else {
        "public_site.after_publication_off"
    };
    view! {
        <section class="panel" data-testid="public-site">
            <p>
                {move || i18n.t("public_site.address")}": "
                <a href=url.clone() target="_blank" rel="noopener" data-testid="public-site-url">{url.clone()}</a>
            </p>
            <p class="hint">{move || i18n.t(after_key)}</p>
            {move || match latest.get() {
                Some(generation) => view! { <GenerationFacts generation=generation/> }.into_any(),
                None => view! { <p data-testid="public-site-none">{move || i18n.t("public_site.none")}</p> }.into_any(),
            }}
            <button type="button" class="button primary" data-testid="publish-site" disabled=move || working.get() on:click=publish>
                {move || i18n.t(if working.get() { "public_site.publishing" } else { "public_site.publish" })}
            </button>
            {move || error.get().map(|failure| view! { <p class="notice error" role="alert">{failure.message(i18n.lang())}</p> })}
        </section>
    }
}

#[component]
fn GenerationFacts(generation: PublicSiteGeneration) -> impl IntoView {
    let i18n = use_i18n();
    let latest_publication = generation
        .latest_publication_at
        .map(format_time)
        .unwrap_or_else(|| "–".to_owned());
    view! {
        <dl class="facts" data-testid="public-site-latest">
            <dt>{move || i18n.t("public_site.sequence")}</dt>
            <dd data-testid="public-site-sequence">{generation.sequence}</dd>
            <dt>{move || i18n.t("public_site.generated_at")}</dt>
            <dd>{format_time(generation.generated_at)}</dd>
            <dt>{move || i18n.t("public_site.latest_publication")}</dt>
            <dd>{latest_publication}</dd>
            <dt>{move || i18n.t("public_site.contents")}</dt>
            <dd>{move || i18n.t_with("public_site.contents_value", &[
                ("factories", &generation.factories_named.to_string()),
                ("reports", &generation.published_reports.to_string()),
                ("files", &generation.files.to_string()),
            ])}</dd>
        </dl>
    }
}
