//! `/analytics/synthesis`: the synthesis report of a quarter or half-year.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn SynthesisPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page-head"><h1>{move || i18n.t("nav.analytics")}</h1></section> }
}
