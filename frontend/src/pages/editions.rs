//! `/editions` and `/editions/{id}`: the issued synthesis reports, for staff, factories and
//! buyers. An edition is read exactly as issued (the same pages the public site publishes);
//! printable, in the reader's language.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::synthesis::{SynthesisEdition, SynthesisEditionSummary};

use crate::api;
use crate::components::figures::period_label;
use crate::components::synthesis::SynthesisReport;
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::reports::report::PrintButton;
use crate::pages::{path_id, LoadError};

#[component]
pub fn EditionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let editions = LocalResource::new(api::synthesis::editions);
    view! {
        <section class="page-head"><h1>{move || i18n.t("editions.title")}</h1></section>
        <p class="subtitle">{move || i18n.t("editions.intro")}</p>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || editions.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! {
                    <p class="panel" data-testid="editions-none">{move || i18n.t("editions.none")}</p>
                }.into_any(),
                Ok(list) => view! { <EditionList editions=list/> }.into_any(),
                Err(error) => view! {
                    <LoadError error=error retry=Callback::new(move |_| editions.refetch())/>
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn EditionList(editions: Vec<SynthesisEditionSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let shows_issuer = editions.iter().any(|e| e.issued_by.is_some());
    let rows = editions
        .into_iter()
        .map(|edition| {
            let period = edition.period.clone();
            let label = move || period_label(i18n.lang(), &period);
            let as_of = edition
                .data_as_of
                .map(format_time)
                .unwrap_or_else(|| "–".to_owned());
            view! {
                <tr>
                    <th scope="row"><A href=format!("/editions/{}", edition.id)>{label}</A></th>
                    <td>{format_time(edition.issued_at)}</td>
                    {shows_issuer.then(|| view! { <td>{edition.issued_by.clone().unwrap_or_default()}</td> })}
                    <td class="number">{edition.factories}</td>
                    <td>{as_of}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="panel table-wrap">
            <table data-testid="editions-table">
                <thead><tr>
                    <th scope="col">{move || i18n.t("editions.period")}</th>
                    <th scope="col">{move || i18n.t("editions.issued")}</th>
                    {shows_issuer.then(|| view! { <th scope="col">{move || i18n.t("editions.issued_by")}</th> })}
                    <th scope="col">{move || i18n.t("editions.factories")}</th>
                    <th scope="col">{move || i18n.t("editions.data_as_of")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn EditionPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let edition = LocalResource::new(move || {
        let id = path_id(params.with(|p| p.get("id")));
        async move {
            match id {
                Ok(id) => api::synthesis::edition(id).await,
                Err(error) => Err(error),
            }
        }
    });
    view! {
        <p class="back-link"><A href="/editions">{move || i18n.t("editions.back")}</A></p>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || edition.get().map(|result| match result {
                Ok(edition) => view! { <EditionView edition=edition/> }.into_any(),
                Err(error) => view! {
                    <LoadError error=error retry=Callback::new(move |_| edition.refetch())/>
                }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn EditionView(edition: SynthesisEdition) -> impl IntoView {
    let i18n = use_i18n();
    let period = edition.period.clone();
    let issued = format_time(edition.issued_at);
    let as_of = edition
        .data_as_of
        .map(format_time)
        .unwrap_or_else(|| "–".to_owned());
    view! {
        <section class="page-head with-actions">
            <h1>{move || format!("{} · {}", i18n.t("editions.title"), period_label(i18n.lang(), &period))}</h1>
            <div class="actions"><PrintButton/></div>
        </section>
        <section class="panel">
            <p class="notice success" data-testid="edition-issued">
                {move || i18n.t_with("synthesis.issued", &[("date", &issued)])}
            </p>
            <dl class="facts">
                {edition.issued_by.clone().map(|name| view! {
                    <dt>{move || i18n.t("editions.issued_by")}</dt><dd>{name}</dd>
                })}
                <dt>{move || i18n.t("editions.data_as_of")}</dt><dd>{as_of}</dd>
                <dt>{move || i18n.t("editions.sha256")}</dt>
                <dd><code class="hash" data-testid="edition-sha256">{edition.sha256.clone()}</code></dd>
            </dl>
        </section>
        <SynthesisReport document=edition.document/>
    }
}
