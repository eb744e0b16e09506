//! `/analytics/groups`: industry figures by group of factories.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn GroupComparisonPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page-head"><h1>{move || i18n.t("nav.analytics")}</h1></section> }
}
