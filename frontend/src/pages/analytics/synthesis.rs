//! `/analytics/synthesis`: the synthesis report of a quarter or half-year as it stands today,
//! for staff, with the way to issue its edition (administrators and approvers), which freezes
//! the figures and publishes them. An issued period says so and links to its edition.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::Granularity;
use shared::api::analytics::Trends;
use shared::api::synthesis::SynthesisEditionSummary;
use shared::permissions::{may, Action};
use shared::synthesis::period_has_ended;

use crate::api::{self, ApiError};
use crate::components::analytics::AnalyticsTabs;
use crate::components::figures::period_label;
use crate::components::synthesis::SynthesisReport;
use crate::components::visit::{format_time, today};
use crate::i18n::use_i18n;
use crate::pages::LoadError;
use crate::session::use_session;

/// Half-years then quarters that have figures, newest first.
fn report_periods(trends: &Trends) -> Vec<String> {
    let mut halves: Vec<String> = Vec::new();
    let mut quarters: Vec<String> = Vec::new();
    for period in trends.periods.iter().rev() {
        let quarter = period.period.clone();
        let half = match quarter.get(..7) {
            Some(prefix) if prefix.ends_with("Q1") || prefix.ends_with("Q2") => {
                format!("{}-H1", &quarter[..4])
            }
            _ => format!("{}-H2", &quarter[..4]),
        };
        if !halves.contains(&half) {
            halves.push(half);
        }
        quarters.push(quarter);
    }
    halves.into_iter().chain(quarters).collect()
}

#[component]
pub fn SynthesisPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let may_issue = session
        .user()
        .is_some_and(|user| may(&user.actor(), Action::IssueSynthesisEdition));
    let quarters = LocalResource::new(|| api::analytics::trends(Granularity::Quarter));
    let editions = LocalResource::new(api::synthesis::editions);
    let chosen = RwSignal::new(String::new());
    let choices = Memo::new(move |_| {
        quarters
            .get()
            .and_then(Result::ok)
            .map(|trends| report_periods(&trends))
            .unwrap_or_default()
    });
    // The latest half-year is the report most people ask for.
    Effect::new(move |_| {
        if chosen.get_untracked().is_empty() {
            if let Some(first) = choices.get().first() {
                chosen.set(first.clone());
            }
        }
    });
    let report = LocalResource::new(move || {
        let period = chosen.get();
        let load = (!period.is_empty()).then(|| api::synthesis::live(&period));
        async move {
            match load {
                Some(load) => Some(load.await),
                None => None,
            }
        }
    });
    let issued = Signal::derive(move || {
        let period = chosen.get();
        editions
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|edition| edition.period == period))
    });
    let options = move || {
        let lang = i18n.lang();
        choices
            .get()
            .into_iter()
            .map(|period| {
                let label = period_label(lang, &period);
                let selected = chosen.get_untracked() == period;
                view! { <option value=period selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <AnalyticsTabs/>
        <section class="page-head with-actions">
            <h1>{move || i18n.t("synthesis.title")}</h1>
            <div class="actions">
                <button type="button" class="button secondary" on:click=move |_| { let _ = window().print(); }>
                    {move || i18n.t("synthesis.print")}
                </button>
            </div>
        </section>
        <div class="filter-bar panel">
            <label for="synthesis-period">{move || i18n.t("synthesis.period")}</label>
            <select id="synthesis-period" on:change=move |e| chosen.set(event_target_value(&e))>
                {options}
            </select>
        </div>
        {move || {
            let period = chosen.get();
            (!period.is_empty()).then(|| view! {
                <EditionStatus
                    period=period
                    issued=issued.get()
                    may_issue=may_issue
                    on_issued=Callback::new(move |_| editions.refetch())
                />
            })
        }}
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || match (quarters.get(), report.get()) {
                (Some(Err(error)), _) => view! {
                    <LoadError error=error retry=Callback::new(move |_| quarters.refetch())/>
                }.into_any(),
                (Some(Ok(trends)), _) if trends.periods.is_empty() => {
                    view! { <p class="panel">{move || i18n.t("analytics.no_data")}</p> }.into_any()
                }
                (_, Some(Some(Ok(document)))) => view! { <SynthesisReport document=document/> }.into_any(),
                (_, Some(Some(Err(error)))) => view! {
                    <LoadError error=error retry=Callback::new(move |_| report.refetch())/>
                }.into_any(),
                _ => view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }.into_any(),
            }}
        </Transition>
    }
}

/// Whether the chosen period's edition is issued (with the way to read it), or that its
/// figures are live, with the button that issues it for those who may.
#[component]
fn EditionStatus(
    period: String,
    issued: Option<SynthesisEditionSummary>,
    may_issue: bool,
    on_issued: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    if let Some(edition) = issued {
        let date = format_time(edition.issued_at);
        return view! {
            <p class="notice success" data-testid="synthesis-issued">
                {move || i18n.t_with("synthesis.issued", &[("date", &date)])}" "
                <A href=format!("/editions/{}", edition.id)>{move || i18n.t("synthesis.read_edition")}</A>
            </p>
        }
        .into_any();
    }
    let ended = period_has_ended(&period, &today());
    let confirming = RwSignal::new(false);
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let period = StoredValue::new(period);
    let issue = move |_| {
        working.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::synthesis::issue(period.get_value()).await {
                Ok(_) => on_issued.run(()),
                Err(failure) => error.set(Some(failure)),
            }
            working.set(false);
        });
    };
    let question = move || {
        i18n.t_with(
            "synthesis.issue_confirm",
            &[("period", &period_label(i18n.lang(), &period.get_value()))],
        )
    };
    view! {
        <div class="panel screen-only" data-testid="synthesis-live">
            <p class="hint">{move || i18n.t("synthesis.live")}</p>
            {(may_issue && !ended).then(|| view! { <p class="hint">{move || i18n.t("synthesis.not_ended")}</p> })}
            {(may_issue && ended).then(|| view! {
                <Show
                    when=move || confirming.get()
                    fallback=move || view! {
                        <button type="button" class="button primary" data-testid="issue-edition" on:click=move |_| confirming.set(true)>
                            {move || i18n.t("synthesis.issue")}
                        </button>
                    }
                >
                    <p role="alert">{question}</p>
                    <div class="actions">
                        <button type="button" class="button primary" data-testid="confirm-issue-edition" disabled=move || working.get() on:click=issue>
                            {move || i18n.t("synthesis.issue")}
                        </button>
                        <button type="button" class="button secondary" on:click=move |_| confirming.set(false)>
                            {move || i18n.t("common.cancel")}
                        </button>
                    </div>
                </Show>
            })}
            {move || error.get().map(|failure| view! { <p class="notice error" role="alert">{failure.message(i18n.lang())}</p> })}
        </div>
    }
    .into_any()
}
