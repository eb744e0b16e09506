//! `/compare`: factories side by side against the industry average. Buyers choose among the
//! factories that granted them access; staff among every factory with a report. The choice
//! lives in the address (`?factories=3,5,8`) so it survives a reload and can be shared.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::api::analytics::ComparableFactory;
use shared::roles::Role;

use crate::api;
use crate::components::analytics::AnalyticsTabs;
use crate::components::comparison::ComparisonView;
use crate::i18n::province_label;
use crate::i18n::use_i18n;
use crate::pages::LoadError;
use crate::session::use_session;

/// The server compares at most this many factories: more does not fit a tablet or a page.
const MAX_COMPARED: usize = 6;

fn parse_ids(value: &str) -> Vec<i64> {
    value
        .split(',')
        .filter_map(|part| part.trim().parse().ok())
        .collect()
}

#[component]
pub fn ComparePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let chosen =
        Memo::new(move |_| query.with(|q| parse_ids(&q.get("factories").unwrap_or_default())));
    let candidates = LocalResource::new(api::analytics::comparable_factories);
    let comparison = LocalResource::new(move || {
        let request = chosen.with(|ids| (!ids.is_empty()).then(|| api::analytics::compare(ids)));
        async move {
            match request {
                Some(request) => Some(request.await),
                None => None,
            }
        }
    });
    let toggle = Callback::new(move |id: i64| {
        let mut ids = chosen.get_untracked();
        if let Some(position) = ids.iter().position(|chosen| *chosen == id) {
            ids.remove(position);
        } else if ids.len() < MAX_COMPARED {
            ids.push(id);
        }
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        let path = if list.is_empty() {
            "/compare".to_owned()
        } else {
            format!("/compare?factories={}", list.join(","))
        };
        navigate(&path, Default::default());
    });
    let is_staff = move || session.user().is_some_and(|u| u.role != Role::Buyer);
    view! {
        <Show when=is_staff><AnalyticsTabs/></Show>
        <section class="page-head">
            <h1>{move || i18n.t("compare.title")}</h1>
            <p class="subtitle">{move || i18n.t_with("compare.intro", &[("max", &MAX_COMPARED.to_string())])}</p>
        </section>
        <div class="compare-layout">
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || candidates.get().map(|result| match result {
                    Ok(factories) => view! {
                        <FactoryPicker factories=factories chosen=chosen toggle=toggle/>
                    }.into_any(),
                    Err(error) => view! {
                        <LoadError error=error retry=Callback::new(move |_| candidates.refetch())/>
                    }.into_any(),
                })}
            </Transition>
            <div class="compare-result">
                <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                    {move || comparison.get().map(|result| match result {
                        None => view! { <p class="panel">{move || i18n.t("compare.choose")}</p> }.into_any(),
                        Some(Ok(comparison)) => view! { <ComparisonView comparison=comparison/> }.into_any(),
                        Some(Err(error)) => view! {
                            <LoadError error=error retry=Callback::new(move |_| comparison.refetch())/>
                        }.into_any(),
                    })}
                </Transition>
            </div>
        </div>
    }
}

/// Checkboxes for the factories that may be compared, with a name filter for long lists.
#[component]
fn FactoryPicker(
    factories: Vec<ComparableFactory>,
    chosen: Memo<Vec<i64>>,
    toggle: Callback<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filter = RwSignal::new(String::new());
    let factories = StoredValue::new(factories);
    let full = move || chosen.with(|ids| ids.len() >= MAX_COMPARED);
    let rows = move || {
        let needle = filter.get().to_lowercase();
        factories.with_value(|factories| {
            factories
                .iter()
                .filter(|f| needle.is_empty() || f.name.to_lowercase().contains(&needle))
                // A long list is narrowed by typing; the chosen ones always stay in view.
                .filter(|f| {
                    !needle.is_empty()
                        || factories.len() <= 60
                        || chosen.with(|ids| ids.contains(&f.id))
                })
                .take(60)
                .map(|factory| {
                    let id = factory.id;
                    let checked = move || chosen.with(|ids| ids.contains(&id));
                    let province = province_label(i18n.lang(), &factory.province);
                    view! {
                        <li>
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=checked
                                    disabled=move || full() && !checked()
                                    on:change=move |_| toggle.run(id)
                                />
                                <span>{factory.name.clone()}</span>
                                <span class="muted">{province}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let empty = factories.with_value(|f| f.is_empty());
    view! {
        <section class="panel compare-picker">
            <h2>{move || i18n.t("compare.factories")}</h2>
            {if empty {
                view! { <p>{move || i18n.t("compare.none_available")}</p> }.into_any()
            } else {
                view! {
                    <label for="compare-filter">{move || i18n.t("compare.filter")}</label>
                    <input
                        id="compare-filter"
                        type="search"
                        prop:value=move || filter.get()
                        on:input=move |e| filter.set(event_target_value(&e))
                    />
                    <p class="hint" aria-live="polite">
                        {move || i18n.t_with("compare.chosen_count", &[
                            ("count", &chosen.with(|ids| ids.len()).to_string()),
                            ("max", &MAX_COMPARED.to_string()),
                        ])}
                    </p>
                    <ul class="check-list" data-testid="compare-picker">{rows}</ul>
                }.into_any()
            }}
        </section>
    }
}
