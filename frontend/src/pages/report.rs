//! `/reports/:id`: one published report, streamlined and detailed, printable.

use leptos::prelude::*;

use crate::i18n::use_i18n;

#[component]
pub fn FactoryReportPage() -> impl IntoView {
    let i18n = use_i18n();
    view! { <section class="page-head"><h1>{move || i18n.t("nav.reports")}</h1></section> }
}
