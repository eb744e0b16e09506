//! `/subscriptions`: administrators record which organisation pays for which factory's
//! reports, for which dates and at what fee. A buyer reads a factory's reports only while a
//! grant from the factory and a paid subscription covering today both stand.

use leptos::prelude::*;
use shared::access::{format_dollars, parse_dollars, subscription_problems};
use shared::api::access::{Subscription, SubscriptionInput};
use shared::api::factories::{Factory, FactoryFilter};
use shared::api::users::OrganisationSummary;
use shared::error::FieldError;

use crate::api::{self, ApiError};
use crate::components::access::SubscriptionTable;
use crate::components::form::{
    field_errors, form_message, DateField, Notice, SelectField, TextField,
};
use crate::i18n::use_i18n;
use crate::pages::LoadError;

/// Organisation kinds that subscribe to reports (unions have their own channel).
const SUBSCRIBING_KINDS: [&str; 3] = ["buyer", "vendor", "head_office"];

#[component]
pub fn SubscriptionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(api::access::subscriptions);
    // What the form offers, loaded once: refreshing the list after a save must not rebuild
    // the form (that would drop the success message).
    let choices = LocalResource::new(|| {
        let organisations = api::users::organisations();
        let factories = api::factories::list(&FactoryFilter::default());
        let subscriptions = api::access::subscriptions();
        async move {
            let organisations = organisations.await?;
            let factories = factories.await?;
            let default_fee_cents = subscriptions.await?.default_fee_cents;
            Ok::<_, ApiError>((organisations, factories, default_fee_cents))
        }
    });
    let error = RwSignal::new(None::<ApiError>);
    let refresh = Callback::new(move |_| list.refetch());
    let toggle_paid = Callback::new(move |subscription: Subscription| {
        let input = SubscriptionInput {
            organisation_id: subscription.organisation_id,
            factory_id: subscription.factory_id,
            fee_cents: Some(subscription.fee_cents),
            starts_on: subscription.starts_on.clone(),
            ends_on: subscription.ends_on.clone(),
            paid: !subscription.paid,
        };
        if let Some(problems) = ApiError::from_problems(subscription_problems(&input)) {
            error.set(Some(problems));
            return;
        }
        leptos::task::spawn_local(async move {
            match api::access::update_subscription(subscription.id, &input).await {
                Ok(_) => {
                    error.set(None);
                    list.refetch();
                }
                Err(failure) => error.set(Some(failure)),
            }
        });
    });
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("subscriptions.title")}</h1>
            <p class="subtitle">{move || i18n.t("subscriptions.intro")}</p>
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || choices.get().map(|result| match result {
                Ok((organisations, factories, default_fee_cents)) => view! {
                    <AddSubscription
                        organisations=organisations
                        factories=factories
                        default_fee_cents=default_fee_cents
                        on_added=refresh
                    />
                }.into_any(),
                Err(failure) => view! {
                    <LoadError error=failure retry=Callback::new(move |_| choices.refetch())/>
                }.into_any(),
            })}
        </Transition>
        <Notice message=form_message(i18n, error)/>
        <section class="panel">
            <h2>{move || i18n.t("subscriptions.list_title")}</h2>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! {
                        <SubscriptionTable subscriptions=list.subscriptions on_toggle_paid=toggle_paid/>
                    }.into_any(),
                    Err(failure) => view! { <LoadError error=failure retry=refresh/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// The form for a new subscription; the fee starts at the configured yearly fee.
#[component]
fn AddSubscription(
    organisations: Vec<OrganisationSummary>,
    factories: Vec<Factory>,
    default_fee_cents: i64,
    on_added: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let organisation_id = RwSignal::new(String::new());
    let factory_id = RwSignal::new(String::new());
    let fee = RwSignal::new(format_dollars(default_fee_cents));
    let starts_on = RwSignal::new(String::new());
    let ends_on = RwSignal::new(String::new());
    let paid = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // The saved subscription, not its sentence, so the message follows a change of language.
    let added = RwSignal::new(None::<Subscription>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let fee_cents = parse_dollars(&fee.get_untracked());
        let input = SubscriptionInput {
            organisation_id: organisation_id.get_untracked().parse().unwrap_or_default(),
            factory_id: factory_id.get_untracked().parse().unwrap_or_default(),
            fee_cents,
            starts_on: starts_on.get_untracked(),
            ends_on: ends_on.get_untracked(),
            paid: paid.get_untracked(),
        };
        // The same rules as the server, before sending; what was typed stays in the form.
        let mut problems = subscription_problems(&input);
        if fee_cents.is_none() {
            // Not an amount at all, so not something the server could be sent.
            problems.push(FieldError::new("fee_cents", "amount_invalid"));
        }
        if let Some(problems) = ApiError::from_problems(problems) {
            added.set(None);
            error.set(Some(problems));
            return;
        }
        pending.set(true);
        added.set(None);
        leptos::task::spawn_local(async move {
            match api::access::add_subscription(&input).await {
                Ok(saved) => {
                    error.set(None);
                    added.set(Some(saved));
                    factory_id.set(String::new());
                    on_added.run(());
                }
                // What was typed stays in the form so that it can be corrected.
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let errors = move |field: &'static str| field_errors(i18n, error, field);
    let organisations: Vec<OrganisationSummary> = organisations
        .into_iter()
        .filter(|organisation| SUBSCRIBING_KINDS.contains(&organisation.kind.as_str()))
        .collect();
    let organisation_errors = errors("organisation_id");
    let factory_errors = errors("factory_id");
    let organisation_options: Vec<(String, String)> = organisations
        .into_iter()
        .map(|organisation| (organisation.id.to_string(), organisation.name))
        .collect();
    let factory_options: Vec<(String, String)> = factories
        .into_iter()
        .map(|factory| (factory.id.to_string(), factory.name))
        .collect();
    view! {
        <section class="panel">
            <h2>{move || i18n.t("subscriptions.add_title")}</h2>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=form_message(i18n, error)/>
                <Notice kind="success" message=Signal::derive(move || added.get().map(|saved| i18n.t_with(
                    "subscriptions.added",
                    &[("organisation", &saved.organisation_name), ("factory", &saved.factory_name)],
                )))/>
                <SelectField
                    id="subscription-organisation"
                    label=Signal::derive(move || i18n.t("access.organisation"))
                    value=organisation_id
                    choose=Signal::derive(move || i18n.t("access.choose_organisation"))
                    options=organisation_options
                    errors=organisation_errors
                />
                <SelectField
                    id="subscription-factory"
                    label=Signal::derive(move || i18n.t("subscriptions.factory"))
                    value=factory_id
                    choose=Signal::derive(move || i18n.t("subscriptions.choose_factory"))
                    options=factory_options
                    errors=factory_errors
                />
                <TextField
                    id="subscription-fee"
                    label=Signal::derive(move || i18n.t("subscriptions.fee"))
                    hint=Signal::derive(move || i18n.t("subscriptions.fee_hint"))
                    value=fee
                    errors=errors("fee_cents")
                />
                <DateField
                    id="subscription-starts"
                    label=Signal::derive(move || i18n.t("subscriptions.starts_on"))
                    value=starts_on
                    errors=errors("starts_on")
                />
                <DateField
                    id="subscription-ends"
                    label=Signal::derive(move || i18n.t("subscriptions.ends_on"))
                    value=ends_on
                    errors=errors("ends_on")
                />
                <div class="field checkbox">
                    <label>
                        <input type="checkbox" id="subscription-paid"
                            prop:checked=move || paid.get()
                            on:change=move |event| paid.set(event_target_checked(&event))/>
                        {move || i18n.t("subscriptions.paid")}
                    </label>
                </div>
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("subscriptions.add")}
                    </button>
                </div>
            </form>
        </section>
    }
}
