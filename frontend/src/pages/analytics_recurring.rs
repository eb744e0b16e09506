//! `/analytics/recurring`: recurring issues by compliance point, for trainers.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn RecurringIssuesPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page-head"><h1>{move || i18n.t("nav.analytics")}</h1></section> }
}
