//! `/outbox/paper-copies`: every report waiting for a paper copy, printed in one go.

use std::future::Future;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::analytics::FactoryReport;
use shared::api::outbox::PaperCopyDue;

use crate::api::{self, ApiError};
use crate::i18n::use_i18n;
use crate::pages::reports::report::{PrintButton, ReportBody};
use crate::pages::LoadError;

/// The reports due on paper, each with the address to post it to. The reports are asked
/// for once the outbox has said which they are.
fn load_copies() -> impl Future<Output = Result<Vec<(PaperCopyDue, FactoryReport)>, ApiError>> {
    let outbox = api::outbox::get();
    async move {
        let outbox = outbox.await?;
        let mut copies = Vec::with_capacity(outbox.paper_copies_due.len());
        for due in outbox.paper_copies_due {
            let report = api::reports::get(due.visit_id).await?;
            copies.push((due, report));
        }
        Ok(copies)
    }
}

/// A DOM id for one report's chart, unique on the page.
fn chart_id(visit_id: i64) -> String {
    format!("paper-copy-chart-{visit_id}")
}

#[component]
pub fn PaperCopiesPage() -> impl IntoView {
    let i18n = use_i18n();
    let copies = LocalResource::new(load_copies);
    let retry = Callback::new(move |_| copies.refetch());
    view! {
        <A href="/outbox" attr:class="back-link">{move || i18n.t("paper_copies.back")}</A>
        <section class="page-head with-actions screen-only">
            <div>
                <h1>{move || i18n.t("paper_copies.title")}</h1>
                <p class="subtitle">{move || i18n.t("paper_copies.hint")}</p>
            </div>
            <PrintButton/>
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || copies.get().map(|result| match result {
                Ok(copies) if copies.is_empty() => {
                    view! { <p class="panel">{move || i18n.t("outbox.no_paper_copies")}</p> }.into_any()
                }
                Ok(copies) => {
                    let count = copies.len().to_string();
                    let items = copies
                        .into_iter()
                        .map(|(due, report)| {
                            let id = chart_id(due.visit_id);
                            view! {
                                <div class="paper-copy" data-testid="paper-copy">
                                    <address class="paper-copy-address">
                                        <strong>{due.factory_name.clone()}</strong>
                                        <br/>
                                        {due.address.clone()}
                                    </address>
                                    <ReportBody report=report chart_id=id/>
                                </div>
                            }
                        })
                        .collect_view();
                    view! {
                        <p class="hint screen-only" data-testid="paper-copies-count">
                            {move || i18n.t_with("paper_copies.count", &[("count", &count)])}
                        </p>
                        {items}
                    }
                    .into_any()
                }
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}
