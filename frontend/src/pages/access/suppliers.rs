//! `/suppliers`: every factory the buyer's organisation reads today (granted by the factory
//! and paid for), together, each with its reports past their third-party date.

use leptos::prelude::*;

use crate::api;
use crate::components::access::SupplierCard;
use crate::i18n::use_i18n;
use crate::pages::LoadError;

#[component]
pub fn SuppliersPage() -> impl IntoView {
    let i18n = use_i18n();
    let suppliers = LocalResource::new(api::access::suppliers);
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("suppliers.title")}</h1>
            <p class="subtitle">{move || i18n.t("suppliers.intro")}</p>
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || suppliers.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! { <p class="panel">{i18n.t("suppliers.none")}</p> }.into_any(),
                Ok(list) => view! {
                    <div class="supplier-grid">
                        {list.into_iter().map(|supplier| view! { <SupplierCard supplier=supplier/> }).collect_view()}
                    </div>
                }.into_any(),
                Err(error) => view! { <LoadError error=error retry=Callback::new(move |_| suppliers.refetch())/> }.into_any(),
            })}
        </Transition>
    }
}
