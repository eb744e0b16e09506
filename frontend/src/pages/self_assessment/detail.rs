//! `/self-assessments/:id`: progress per chosen cluster, how many questions are still
//! unanswered, and completing it. When the server refuses to complete, the page lists the
//! questions it names, by cluster.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::self_assessments::SelfAssessmentDetail;
use shared::wire::SelfAssessmentStatus;

use crate::answer_sync::{PendingAnswers, SelfAssessmentAnswers};
use crate::api::{self, ApiError};
use crate::components::form::{form_message, Notice};
use crate::components::self_assessment::{MissingQuestions, SelfProgressList, SelfStatusTag};
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::self_assessment::path_id;
use crate::pages::LoadError;

#[component]
pub fn SelfAssessmentPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let detail = LocalResource::new(move || {
        let request = path_id(params.with(|p| p.get("id"))).map(api::self_assessments::get);
        async move {
            match request {
                Ok(request) => request.await,
                Err(error) => Err(error),
            }
        }
    });
    let retry = Callback::new(move |_| detail.refetch());
    view! {
        <A href="/self-assessments" attr:class="back-link">{move || i18n.t("self_assessment.back_to_list")}</A>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || detail.get().map(|result| match result {
                Ok(detail) => view! { <DetailView detail=detail on_changed=retry/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn DetailView(detail: SelfAssessmentDetail, on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let summary = detail.summary.clone();
    let id = summary.id;
    let completed = summary.status == SelfAssessmentStatus::Completed;
    let unanswered = detail.unanswered;
    // Answers still waiting on this device are not counted by the server yet.
    let waiting = PendingAnswers::of(SelfAssessmentAnswers(id)).load().len();
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let complete = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::self_assessments::complete(id).await {
                Ok(_) => on_changed.run(()),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    // The questions the server names when it refuses to complete.
    let missing = move || {
        error.with(|error| match error {
            Some(ApiError::Server { status: 422, body }) => {
                // Each missing question is named as the field `answers.{question code}`.
                let codes: Vec<String> = body
                    .fields
                    .iter()
                    .filter_map(|field| field.field.strip_prefix("answers."))
                    .map(str::to_owned)
                    .collect();
                (!codes.is_empty()).then_some(codes)
            }
            _ => None,
        })
    };
    let first_open = detail
        .progress
        .iter()
        .find(|cluster| cluster.answered < cluster.total)
        .or(detail.progress.first())
        .map(|cluster| format!("/self-assessments/{id}/clusters/{}", cluster.code));
    let unanswered_text = unanswered.to_string();
    view! {
        <section class="page-head">
            <div>
                <p class="eyebrow">{summary.factory_name.clone()}" · "{summary.checklist_label.clone()}</p>
                <h1>{move || i18n.t("self_assessment.detail_title")}</h1>
                <p class="subtitle">
                    <SelfStatusTag status=summary.status/>" "
                    {move || i18n.t("self_assessment.started")}": "{format_time(summary.started_at)}" · "{summary.started_by.clone()}
                </p>
            </div>
        </section>
        {(waiting > 0).then(|| view! {
            <p class="notice info" role="status">{move || i18n.t_with("self_assessment.waiting_on_device", &[("count", &waiting.to_string())])}</p>
        })}
        <section class="panel self-assessment-status">
            {if completed {
                view! {
                    <p>{move || i18n.t("self_assessment.completed_notice")}</p>
                    <A href=format!("/self-assessments/{id}/result") attr:class="button primary" attr:data-testid="open-result">
                        {move || i18n.t("self_assessment.open_result")}
                    </A>
                }.into_any()
            } else {
                view! {
                    <p data-testid="unanswered">
                        {move || if unanswered == 0 {
                            i18n.t("self_assessment.all_answered")
                        } else {
                            i18n.t_with("self_assessment.unanswered", &[("count", &unanswered_text)])
                        }}
                    </p>
                    <Notice message=Signal::derive(move || if missing().is_some() { None } else { form_message(i18n, error).get() })/>
                    {move || missing().map(|codes| view! { <MissingQuestions id=id codes=codes/> })}
                    <div class="actions">
                        {first_open.clone().map(|href| view! {
                            <A href=href attr:class="button secondary">{move || i18n.t("self_assessment.answer")}</A>
                        })}
                        {detail.editable.then(|| view! {
                            <button type="button" class="button primary" data-testid="complete" disabled=move || pending.get() on:click=complete>
                                {move || i18n.t("self_assessment.complete")}
                            </button>
                        })}
                    </div>
                }.into_any()
            }}
        </section>
        <SelfProgressList id=id progress=detail.progress.clone()/>
    }
}
