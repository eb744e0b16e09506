//! `/access`: the factory manager's third-party access form. Grant a buyer, vendor or head
//! office access to the factory's published reports, revoke it, and see in the ledger which
//! organisation opened which report, and when.

use leptos::prelude::*;
use shared::api::access::{AccessGrant, AccessLogEntry, GrantRequest};
use shared::api::users::OrganisationSummary;

use crate::api::{self, ApiError};
use crate::components::access::{AccessLedger, GrantTable};
use crate::components::form::{field_errors, Notice};
use crate::i18n::use_i18n;
use crate::pages::LoadError;
use crate::session::use_session;

#[component]
pub fn ReportAccessPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let factory_id = session
        .user()
        .and_then(|user| user.factory_id)
        .unwrap_or_default();
    let grants = LocalResource::new(move || async move {
        api::get::<Vec<AccessGrant>>(&format!("/api/factories/{factory_id}/grants")).await
    });
    let third_parties = LocalResource::new(|| async {
        api::get::<Vec<OrganisationSummary>>("/api/third-parties").await
    });
    let ledger = LocalResource::new(move || async move {
        api::get::<Vec<AccessLogEntry>>(&format!("/api/factories/{factory_id}/access-log")).await
    });
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let refresh = Callback::new(move |_| {
        grants.refetch();
        ledger.refetch();
    });
    let revoke = Callback::new(move |grant: AccessGrant| {
        done.set(None);
        leptos::task::spawn_local(async move {
            let path = format!(
                "/api/factories/{factory_id}/grants/{}",
                grant.organisation_id
            );
            match api::delete::<Vec<AccessGrant>>(&path).await {
                Ok(_) => {
                    error.set(None);
                    done.set(Some(i18n.t_with(
                        "access.revoked_notice",
                        &[("organisation", &grant.organisation_name)],
                    )));
                    refresh.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    });
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("access.title")}</h1>
            <p class="subtitle">{move || i18n.t("access.intro")}</p>
        </section>
        <Notice message=Signal::derive(move || error.get().map(|e| e.message(i18n.lang())))/>
        <Notice kind="success" message=done/>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || third_parties.get().map(|result| match result {
                Ok(list) => view! {
                    <GrantForm factory_id=factory_id organisations=list on_granted=refresh done=done/>
                }.into_any(),
                Err(failure) => view! { <LoadError error=failure retry=Callback::new(move |_| third_parties.refetch())/> }.into_any(),
            })}
        </Transition>
        <section class="panel">
            <h2>{move || i18n.t("access.grants_title")}</h2>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || grants.get().map(|result| match result {
                    Ok(list) => view! { <GrantTable grants=list on_revoke=revoke/> }.into_any(),
                    Err(failure) => view! { <LoadError error=failure retry=refresh/> }.into_any(),
                })}
            </Transition>
        </section>
        <section class="panel">
            <h2>{move || i18n.t("access.ledger_title")}</h2>
            <p class="hint">{move || i18n.t("access.ledger_intro")}</p>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || ledger.get().map(|result| match result {
                    Ok(lines) => view! { <AccessLedger lines=lines/> }.into_any(),
                    Err(failure) => view! { <LoadError error=failure retry=refresh/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The digital third-party access form: choose an organisation and grant it access.
#[component]
fn GrantForm(
    factory_id: i64,
    organisations: Vec<OrganisationSummary>,
    on_granted: Callback<()>,
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let names: Vec<(i64, String)> = organisations
        .iter()
        .map(|organisation| (organisation.id, organisation.name.clone()))
        .collect();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Ok(organisation_id) = chosen.get_untracked().parse::<i64>() else {
            error.set(Some(ApiError::local_field("organisation_id", "required")));
            return;
        };
        let name = names
            .iter()
            .find(|(id, _)| *id == organisation_id)
            .map(|(_, name)| name.clone())
            .unwrap_or_default();
        pending.set(true);
        done.set(None);
        leptos::task::spawn_local(async move {
            let path = format!("/api/factories/{factory_id}/grants");
            match api::post::<_, Vec<AccessGrant>>(&path, &GrantRequest { organisation_id }).await {
                Ok(_) => {
                    error.set(None);
                    chosen.set(String::new());
                    done.set(Some(
                        i18n.t_with("access.granted_notice", &[("organisation", &name)]),
                    ));
                    on_granted.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let organisation_errors = field_errors(i18n, error, "organisation_id");
    view! {
        <section class="panel">
            <h2>{move || i18n.t("access.grant_title")}</h2>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=Signal::derive(move || error.get().map(|e| e.message(i18n.lang())))/>
                <div class="field" class:invalid=move || !organisation_errors.get().is_empty()>
                    <label for="grant-organisation">{move || i18n.t("access.organisation")}</label>
                    <select id="grant-organisation" aria-describedby="grant-organisation-errors"
                        prop:value=move || chosen.get()
                        on:change=move |event| chosen.set(event_target_value(&event))>
                        <option value="">{move || i18n.t("access.choose_organisation")}</option>
                        {organisations.into_iter().map(|organisation| {
                            let kind_key = format!("organisation_kind.{}", organisation.kind);
                            view! {
                                <option value=organisation.id.to_string()>
                                    {format!("{} ({})", organisation.name, i18n.t(&kind_key))}
                                </option>
                            }
                        }).collect_view()}
                    </select>
                    <ul class="field-errors" id="grant-organisation-errors">
                        {move || organisation_errors.get().into_iter().map(|message| view! { <li>{message}</li> }).collect_view()}
                    </ul>
                </div>
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("access.grant")}
                    </button>
                </div>
            </form>
        </section>
    }
}
