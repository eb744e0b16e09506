//! `/outbox/paper-copies`: every report waiting for a paper copy, printed in one go.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn PaperCopiesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page-head"><h1>{move || i18n.t("nav.outbox")}</h1></section> }
}
