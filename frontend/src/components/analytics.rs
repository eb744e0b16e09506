//! The tabs shared by the industry-figure pages.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::use_i18n;

/// Each tab's path and label key, in the order staff read them.
const TABS: [(&str, &str); 7] = [
    ("/analytics", "analytics.tab.overview"),
    ("/analytics/issues", "analytics.tab.issues"),
    ("/analytics/groups", "analytics.tab.groups"),
    ("/analytics/trends", "analytics.tab.trends"),
    ("/analytics/recurring", "analytics.tab.recurring"),
    ("/analytics/synthesis", "analytics.tab.synthesis"),
    ("/compare", "analytics.tab.compare"),
];

/// Links between the analytics pages; the router marks the current one `aria-current`.
#[component]
pub fn AnalyticsTabs() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="tabs" aria-label=move || i18n.t("analytics.tabs")>
            {TABS.into_iter().map(|(href, key)| view! {
                <A href=href exact=true>{move || i18n.t(key)}</A>
            }).collect_view()}
        </nav>
    }
}
