//! `/analytics`: the industry at a glance.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn AnalyticsOverviewPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page-head"><h1>{move || i18n.t("nav.analytics")}</h1></section> }
}
