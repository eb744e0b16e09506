//! `/outbox`: the emails the system wrote (held here when no SMTP server is configured) and
//! the published reports still to post on paper to factories without email.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::outbox::OutboxView;

use crate::api;
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::LoadError;

#[component]
pub fn OutboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = LocalResource::new(api::outbox::get);
    let refresh = Callback::new(move |_| outbox.refetch());
    view! {
        <section class="page-head"><h1>{move || i18n.t("outbox.title")}</h1></section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || outbox.get().map(|result| match result {
                Ok(view_data) => view! { <OutboxContent data=view_data refresh=refresh/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=refresh/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn OutboxContent(data: OutboxView, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let mark_posted = move |visit_id: i64| {
        leptos::task::spawn_local(async move {
            if api::outbox::mark_posted(visit_id).await.is_ok() {
                refresh.run(());
            }
        });
    };
    let nothing_due = data.paper_copies_due.is_empty();
    let paper = data
        .paper_copies_due
        .into_iter()
        .map(|due| {
            let visit_id = due.visit_id;
            view! {
                <tr>
                    <td><A href=format!("/visits/{visit_id}")>{due.factory_name.clone()}</A></td>
                    <td>{due.address.clone()}</td>
                    <td>{format_time(due.published_at)}</td>
                    <td><button type="button" class="button small secondary" on:click=move |_| mark_posted(visit_id)>{move || i18n.t("outbox.mark_posted")}</button></td>
                </tr>
            }
        })
        .collect_view();
    let messages = data
        .messages
        .into_iter()
        .map(|message| {
            let delivery_key = format!("outbox.delivery.{}", message.delivery);
            view! {
                <li class="message" data-testid="outbox-message">
                    <details>
                        <summary>
                            <span class="tag">{move || i18n.t(&delivery_key)}</span>" "
                            <strong>{message.subject.clone()}</strong>" · "{message.to_address.clone()}" · "{format_time(message.created_at)}
                        </summary>
                        <pre class="message-body">{message.body.clone()}</pre>
                        {message.error.clone().map(|error| view! { <p class="notice error">{error}</p> })}
                    </details>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <div class="page-head with-actions">
                <h2>{move || i18n.t("outbox.paper_copies")}</h2>
                {(!nothing_due).then(|| view! {
                    <A href="/outbox/paper-copies" attr:class="button primary" attr:data-testid="print-paper-copies">{move || i18n.t("paper_copies.print_all")}</A>
                })}
            </div>
            <div class="table-wrap">
                <table data-testid="paper-copies">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("visits.factory")}</th>
                        <th scope="col">{move || i18n.t("factories.address")}</th>
                        <th scope="col">{move || i18n.t("outbox.published")}</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>{paper}</tbody>
                </table>
            </div>
            {nothing_due.then(|| view! { <p>{move || i18n.t("outbox.no_paper_copies")}</p> })}
        </section>
        <section class="panel">
            <h2>{move || i18n.t("outbox.messages")}</h2>
            <p class="hint">{move || i18n.t("outbox.hint")}</p>
            <ul class="messages">{messages}</ul>
        </section>
    }
}
