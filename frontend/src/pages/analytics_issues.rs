//! `/analytics/issues`: the most frequent issues.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn IssueRankingPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page-head"><h1>{move || i18n.t("nav.analytics")}</h1></section> }
}
