//! `/self-assessments`: the factory's self-assessments, and the form that starts a new one on
//! the current checklist, whole or chosen clusters. One may be in progress at a time: the
//! server refuses another and the form says why.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::api::self_assessments::{NewSelfAssessment, SelfAssessmentOptions};
use shared::wire::SelfAssessmentStatus;

use crate::api::{self, ApiError};
use crate::components::form::{field_errors, form_message, FieldErrors, Notice};
use crate::components::self_assessment::SelfAssessmentTable;
use crate::i18n::use_i18n;
use crate::pages::LoadError;

#[component]
pub fn SelfAssessmentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(|| api::self_assessments::list(None));
    let options = LocalResource::new(api::self_assessments::options);
    let retry = Callback::new(move |_| {
        list.refetch();
        options.refetch();
    });
    // While one is in progress the form is replaced by a link to it.
    let in_progress = move || {
        list.get().and_then(Result::ok).and_then(|list| {
            list.iter()
                .find(|item| item.status == SelfAssessmentStatus::InProgress)
                .map(|item| item.id)
        })
    };
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("self_assessment.title")}</h1>
            <p class="subtitle">{move || i18n.t("self_assessment.intro")}</p>
        </section>
        <Transition fallback=|| ()>
            {move || list.get().and_then(Result::ok).map(|_| match in_progress() {
                Some(id) => view! {
                    <section class="panel">
                        <p>{move || i18n.t("self_assessment.one_in_progress")}</p>
                        <A href=format!("/self-assessments/{id}") attr:class="button primary" attr:data-testid="continue-self-assessment">
                            {move || i18n.t("self_assessment.continue")}
                        </A>
                    </section>
                }.into_any(),
                None => view! {
                    <Transition fallback=|| ()>
                        {move || options.get().map(|result| match result {
                            Ok(options) => view! { <StartForm options=options/> }.into_any(),
                            Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
                        })}
                    </Transition>
                }.into_any(),
            })}
        </Transition>
        <section class="panel">
            <h2>{move || i18n.t("self_assessment.list_title")}</h2>
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || list.get().map(|result| match result {
                    Ok(list) => view! { <SelfAssessmentTable list=list/> }.into_any(),
                    Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// Whole checklist, or the clusters ticked; the server's refusal (e.g. one already in
/// progress) is shown above the button.
#[component]
fn StartForm(options: SelfAssessmentOptions) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let whole = RwSignal::new(true);
    let chosen = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let order: Vec<String> = options.clusters.iter().map(|c| c.code.clone()).collect();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let clusters = if whole.get_untracked() {
            Vec::new()
        } else {
            // In checklist order, whatever order they were ticked in.
            let ticked = chosen.get_untracked();
            order
                .iter()
                .filter(|code| ticked.contains(code))
                .cloned()
                .collect()
        };
        if !whole.get_untracked() && clusters.is_empty() {
            error.set(Some(ApiError::local_field("clusters", "required")));
            return;
        }
        pending.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::self_assessments::start(&NewSelfAssessment { clusters }).await {
                Ok(started) => navigate(
                    &format!("/self-assessments/{}", started.id),
                    Default::default(),
                ),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let clusters_errors = field_errors(i18n, error, "clusters");
    let boxes = options
        .clusters
        .iter()
        .map(|cluster| {
            let code = cluster.code.clone();
            let name = StoredValue::new(cluster.name.clone());
            let questions = cluster.questions.to_string();
            let input_id = format!("start-cluster-{code}");
            let checked = {
                let code = code.clone();
                move || chosen.with(|list| list.contains(&code))
            };
            let toggle = {
                let code = code.clone();
                move |event: leptos::ev::Event| {
                    let on = event_target_checked(&event);
                    chosen.update(|list| {
                        list.retain(|c| *c != code);
                        if on {
                            list.push(code.clone());
                        }
                    });
                }
            };
            view! {
                <li class="field checkbox">
                    <label for=input_id.clone()>
                        <input type="checkbox" id=input_id.clone() value=code.clone() prop:checked=checked on:change=toggle/>
                        " "{move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}
                        " "<span class="hint">{move || i18n.t_with("self_assessment.question_count", &[("count", &questions)])}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let label = options.checklist_label.clone();
    view! {
        <section class="panel start-self-assessment">
            <h2>{move || i18n.t("self_assessment.start_title")}</h2>
            <p class="hint">{move || i18n.t_with("self_assessment.checklist", &[("label", &label)])}</p>
            <form on:submit=submit novalidate data-testid="start-self-assessment">
                <Notice message=form_message(i18n, error)/>
                <fieldset class="scope-choice">
                    <legend>{move || i18n.t("self_assessment.scope")}</legend>
                    <div class="field checkbox">
                        <label>
                            <input type="radio" name="scope" value="whole" prop:checked=move || whole.get() on:change=move |_| whole.set(true)/>
                            " "{move || i18n.t("self_assessment.whole_checklist")}
                        </label>
                    </div>
                    <div class="field checkbox">
                        <label>
                            <input type="radio" name="scope" value="clusters" prop:checked=move || !whole.get() on:change=move |_| whole.set(false)/>
                            " "{move || i18n.t("self_assessment.chosen_clusters")}
                        </label>
                    </div>
                    <div class="cluster-choices" hidden=move || whole.get()>
                        <ul>{boxes}</ul>
                        <FieldErrors errors=clusters_errors/>
                    </div>
                </fieldset>
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("self_assessment.start")}
                    </button>
                </div>
            </form>
        </section>
    }
}
