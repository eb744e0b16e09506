//! `/factories/:id`: one factory's record and its visit history.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::factories::Factory;
use shared::api::visits::VisitFilter;
use shared::roles::{Area, Role};

use crate::api;
use crate::i18n::province_label;
use crate::i18n::{use_i18n, I18n};
use crate::pages::reports::report::ReportHistory;
use crate::pages::visits::list::VisitTable;
use crate::pages::LoadError;
use crate::session::use_session;
use shared::analytics::format_number;

#[component]
pub fn FactoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    // An id that is not a number names no factory: the server answers "not found".
    let factory_id = move || {
        params
            .with(|params| params.get("id").and_then(|id| id.parse::<i64>().ok()))
            .unwrap_or_default()
    };
    let factory = LocalResource::new(move || api::factories::get(factory_id()));
    let retry = Callback::new(move |_| factory.refetch());
    // Staff see every visit of the factory; its managers see its published reports.
    let history = LocalResource::new(move || {
        api::visits::list(&VisitFilter {
            factory_id: Some(factory_id()),
            ..VisitFilter::default()
        })
    });
    // Every published report, for the progress over time; shown only when there are some.
    let reports = LocalResource::new(move || api::reports::history(factory_id()));
    let is_monitor = move || {
        session
            .user()
            .is_some_and(|user| user.role == Role::Monitor)
    };
    let may_list = move || {
        session
            .user()
            .is_some_and(|user| user.areas.contains(&Area::Factories))
    };
    let may_edit = Signal::derive(move || {
        session
            .user()
            .is_some_and(|user| user.role == Role::Administrator)
    });
    view! {
        <Show when=may_list>
            <A href="/factories" attr:class="back-link">{move || i18n.t("factories.back")}</A>
        </Show>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || factory.get().map(|result| match result {
                Ok(factory) => view! { <FactoryCard factory=factory may_edit=may_edit/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
        {move || params.with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok())).map(|factory_id| {
            view! { <crate::pages::concerns::FactoryConcernsPanel factory_id=factory_id/> }
        })}
        <Transition fallback=|| ()>
            {move || reports.get().and_then(Result::ok).filter(|entries| !entries.is_empty()).map(|entries| {
                view! { <ReportHistory factory_id=factory_id() entries=entries/> }
            })}
        </Transition>
        <section class="page-head with-actions">
            <h2>{move || i18n.t("factories.visit_history")}</h2>
            <Show when=is_monitor>
                <A
                    href=move || format!("/visits/new?factory={}", params.with(|p| p.get("id").unwrap_or_default()))
                    attr:class="button primary"
                >
                    {move || i18n.t("visits.new")}
                </A>
            </Show>
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || history.get().map(|result| match result {
                Ok(rows) => view! { <VisitTable rows=rows empty_key="factories.no_visits"/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=Callback::new(move |_| history.refetch())/> }.into_any(),
            })}
        </Transition>
    }
}

fn yes_no(i18n: I18n, value: Option<bool>) -> String {
    match value {
        Some(true) => i18n.t("factories.yes"),
        Some(false) => i18n.t("factories.no"),
        None => i18n.t("factories.unknown"),
    }
}

#[component]
fn FactoryCard(factory: Factory, may_edit: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let factory = StoredValue::new(factory);
    let text = move |pick: fn(&Factory) -> Option<String>| {
        move || {
            factory
                .with_value(pick)
                .unwrap_or_else(|| i18n.t("factories.unknown"))
        }
    };
    let edit_href = factory.with_value(|f| format!("/factories/{}/edit", f.id));
    view! {
        <section class="page-head with-actions">
            <div>
                <p class="eyebrow">{move || i18n.t("factories.detail_title")}</p>
                <h1>{factory.with_value(|f| f.name.clone())}</h1>
                {factory.with_value(|f| f.local_name.clone()).map(|name| view! { <p class="subtitle">{name}</p> })}
            </div>
            <Show when=move || may_edit.get()>
                <A href=edit_href.clone() attr:class="button secondary">{move || i18n.t("factories.edit")}</A>
            </Show>
        </section>
        <dl class="panel facts">
            <dt>{move || i18n.t("factories.registration_number")}</dt>
            <dd>{text(|f| f.registration_number.clone())}</dd>
            <dt>{move || i18n.t("factories.osh_id")}</dt>
            <dd>{text(|f| f.osh_id.clone())}</dd>
            <dt>{move || i18n.t("factories.address")}</dt>
            <dd>{factory.with_value(|f| f.address.clone())}</dd>
            <dt>{move || i18n.t("factories.province")}</dt>
            <dd>{move || factory.with_value(|f| province_label(i18n.lang(), &f.province))}</dd>
            <dt>{move || i18n.t("factories.latitude")}" / "{move || i18n.t("factories.longitude")}</dt>
            <dd>{text(|f| f.latitude.zip(f.longitude).map(|(lat, lng)| format!("{lat:.5}, {lng:.5}")))}</dd>
            <dt>{move || i18n.t("factories.product_type")}</dt>
            <dd>{move || factory.with_value(|f| i18n.t(&format!("product.{}", f.product_type)))}</dd>
            <dt>{move || i18n.t("factories.ownership_country")}</dt>
            <dd>{text(|f| f.ownership_country.clone())}</dd>
            <dt>{move || i18n.t("factories.export_licence")}</dt>
            <dd>{text(|f| f.export_licence.clone())}</dd>
            <dt>{move || i18n.t("factories.workers")}</dt>
            <dd>{text(|f| f.total_workers.map(format_number))}</dd>
            <dt>{move || i18n.t("factories.women_share")}</dt>
            <dd>{text(|f| f.women_share_percent.map(|share| format!("{share:.1}%")))}</dd>
            <dt>{move || i18n.t("factories.union_presence")}</dt>
            <dd>{move || yes_no(i18n, factory.with_value(|f| f.union_presence))}</dd>
            <dt>{move || i18n.t("factories.contact_email")}</dt>
            <dd>{text(|f| f.contact_email.clone())}</dd>
            <dt>{move || i18n.t("factories.needs_paper_copy")}</dt>
            <dd>{move || yes_no(i18n, Some(factory.with_value(|f| f.needs_paper_copy)))}</dd>
            <dt>{move || i18n.t("factories.third_party_delay_days")}</dt>
            <dd>{factory.with_value(|f| f.third_party_delay_days)}</dd>
            <dt>{move || i18n.t("factories.status")}</dt>
            <dd>{move || factory.with_value(|f| i18n.t(&format!("status.{}", f.status)))}</dd>
        </dl>
    }
}
