//! `/compare`: factories side by side against the industry average.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page-head"><h1>{move || i18n.t("nav.compare")}</h1></section> }
}
