//! `/access`: the factory manager's third-party access form. Grant a buyer, vendor or head
//! office access to the factory's published reports, revoke it, and see in the ledger which
//! organisation opened which report, and when.

use leptos::prelude::*;
use shared::api::access::{AccessGrant, GrantRequest};
use shared::api::users::OrganisationSummary;

use crate::api::{self, ApiError};
use crate::components::access::{AccessLedger, GrantTable};
use crate::components::form::{field_errors, form_message, Notice, SelectField};
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
    let grants = LocalResource::new(move || api::access::grants(factory_id));
    let third_parties = LocalResource::new(api::access::third_parties);
    let ledger = LocalResource::new(move || api::access::access_log(factory_id));
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(None::<String>);
    let refresh = Callback::new(move |_| {
        grants.refetch();
        ledger.refetch();
    });
    let revoke = Callback::new(move |grant: AccessGrant| {
        done.set(None);
        leptos::task::spawn_local(async move {
            match api::access::revoke(factory_id, grant.organisation_id).await {
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
        <Notice message=form_message(i18n, error)/>
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
            match api::access::grant(factory_id, &GrantRequest { organisation_id }).await {
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
    // The kind is translated, so the labels follow the chosen language.
    let options = Signal::derive(move || {
        organisations
            .iter()
            .map(|organisation| {
                let kind = i18n.t(&format!("organisation_kind.{}", organisation.kind));
                (
                    organisation.id.to_string(),
                    format!("{} ({kind})", organisation.name),
                )
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="panel">
            <h2>{move || i18n.t("access.grant_title")}</h2>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=form_message(i18n, error)/>
                <SelectField
                    id="grant-organisation"
                    label=Signal::derive(move || i18n.t("access.organisation"))
                    value=chosen
                    choose=Signal::derive(move || i18n.t("access.choose_organisation"))
                    options=options
                    errors=field_errors(i18n, error, "organisation_id")
                />
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("access.grant")}
                    </button>
                </div>
            </form>
        </section>
    }
}
