//! `/self-assessments/:id/clusters/:code`: the factory manager answers one cluster, with the
//! monitors' capture (compliant, non-compliant, not applicable, or a value) and a note per
//! answer. Every change is kept on the device at once and sent in the background (the same
//! queue as the monitors', see `answer_sync`); the badge tells where the answers are.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::self_assessments::{SelfAnswer, SelfAssessmentCapture};
use shared::checklist::{ChecklistQuestion, QuestionKind};
use shared::visit::AnswerChoice;

use crate::answer_sync::{AnswerSync, PendingAnswers, SelfAssessmentAnswers, SyncBadge};
use crate::api;
use crate::components::question::QuestionItem;
use crate::i18n::use_i18n;
use crate::pages::self_assessment::path_id;
use crate::pages::LoadError;

#[component]
pub fn SelfAssessmentCapturePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let capture = LocalResource::new(move || {
        let (id, code) = params.with(|p| (path_id(p.get("id")), p.get("code").unwrap_or_default()));
        let request = id.map(|id| api::self_assessments::cluster(id, &code));
        async move {
            match request {
                Ok(request) => request.await,
                Err(error) => Err(error),
            }
        }
    });
    let retry = Callback::new(move |_| capture.refetch());
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || capture.get().map(|result| match result {
                Ok(capture) => view! { <CaptureView capture=capture/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

fn is_answered(kind: QuestionKind, answer: &SelfAnswer) -> bool {
    match kind {
        QuestionKind::YesNo => answer.choice.is_some(),
        _ => !answer.value.trim().is_empty(),
    }
}

#[component]
fn CaptureView(capture: SelfAssessmentCapture) -> impl IntoView {
    let i18n = use_i18n();
    let id = capture.summary.id;
    let sync = AnswerSync::start_for(SelfAssessmentAnswers(id));
    let mut stored =
        PendingAnswers::of(SelfAssessmentAnswers(capture.summary.id)).shown(&capture.answers);
    // One signal per question, so answering one question redraws only that question.
    let signals: Vec<(ChecklistQuestion, RwSignal<SelfAnswer>)> = capture
        .cluster
        .questions()
        .map(|question| {
            let answer = stored.remove(&question.code).unwrap_or_else(|| SelfAnswer {
                question_code: question.code.clone(),
                ..SelfAnswer::default()
            });
            (question.clone(), RwSignal::new(answer))
        })
        .collect();
    let counted: Vec<(QuestionKind, RwSignal<SelfAnswer>)> =
        signals.iter().map(|(q, a)| (q.kind, *a)).collect();
    let total = counted.len();
    let answered = Memo::new(move |_| {
        counted
            .iter()
            .filter(|(kind, answer)| answer.with(|a| is_answered(*kind, a)))
            .count()
    });
    let non_compliant_count = {
        let signals: Vec<RwSignal<SelfAnswer>> = signals.iter().map(|(_, a)| *a).collect();
        Memo::new(move |_| {
            signals
                .iter()
                .filter(|a| a.with(|a| a.choice == Some(AnswerChoice::NonCompliant)))
                .count()
        })
    };
    let editable = capture.editable;
    let on_change = Callback::new(move |answer: SelfAnswer| sync.record(answer));
    let mut by_code: HashMap<String, RwSignal<SelfAnswer>> =
        signals.iter().map(|(q, a)| (q.code.clone(), *a)).collect();
    let lang_code = move || i18n.lang().code();
    let cluster = StoredValue::new(capture.cluster.clone());
    let points = capture
        .cluster
        .points
        .iter()
        .map(|point| {
            let name = StoredValue::new(point.name.clone());
            let items = point
                .questions
                .iter()
                .filter_map(|question| {
                    let answer = by_code.remove(&question.code)?;
                    Some(view! {
                        <QuestionItem question=question.clone() answer=answer editable=editable on_change=on_change/>
                    })
                })
                .collect_view();
            view! {
                <section class="point panel">
                    <h2>
                        <span class="question-code">{point.code.clone()}</span>" "
                        {move || name.with_value(|n| n.get(lang_code()).to_owned())}
                    </h2>
                    <ol class="questions">{items}</ol>
                </section>
            }
        })
        .collect_view();

    let position = capture
        .cluster_codes
        .iter()
        .position(|code| *code == capture.cluster.code)
        .unwrap_or_default();
    let previous = position
        .checked_sub(1)
        .and_then(|index| capture.cluster_codes.get(index))
        .cloned();
    let next = capture.cluster_codes.get(position + 1).cloned();
    let back_href = format!("/self-assessments/{id}");
    let total_text = total.to_string();
    let place = format!("{} / {}", position + 1, capture.cluster_codes.len());
    view! {
        <A href=back_href.clone() attr:class="back-link">{move || i18n.t("self_assessment.back_to_progress")}</A>
        <section class="page-head capture-head">
            <div>
                <p class="eyebrow">{capture.summary.factory_name.clone()}" · "{move || i18n.t("self_assessment.detail_title")}" · "{place}</p>
                <h1>{move || cluster.with_value(|c| c.name.get(lang_code()).to_owned())}</h1>
                <p class="subtitle" data-testid="cluster-progress">
                    {move || i18n.t_with("capture.progress", &[("answered", &answered.get().to_string()), ("total", &total_text)])}
                    " · "
                    {move || i18n.t_with("capture.non_compliant_count", &[("count", &non_compliant_count.get().to_string())])}
                </p>
            </div>
            <SyncBadge sync=sync/>
        </section>
        {(!editable).then(|| view! { <p class="notice info" role="status">{move || i18n.t("self_assessment.read_only")}</p> })}
        {points}
        <nav class="capture-nav">
            {match previous {
                Some(code) => view! {
                    <A href=format!("/self-assessments/{id}/clusters/{code}") attr:class="button secondary" attr:data-testid="previous-cluster">{move || i18n.t("capture.previous_cluster")}</A>
                }.into_any(),
                None => view! {
                    <A href=back_href attr:class="button secondary">{move || i18n.t("self_assessment.back_to_progress")}</A>
                }.into_any(),
            }}
            {match next {
                Some(code) => view! {
                    <A href=format!("/self-assessments/{id}/clusters/{code}") attr:class="button primary" attr:data-testid="next-cluster">{move || i18n.t("capture.next_cluster")}</A>
                }.into_any(),
                None => view! {
                    <A href=format!("/self-assessments/{id}") attr:class="button primary" attr:data-testid="to-completion">{move || i18n.t("self_assessment.to_completion")}</A>
                }.into_any(),
            }}
        </nav>
    }
}
