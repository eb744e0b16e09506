//! `/visits/:id/clusters/:code`: the monitor answers one cluster of the checklist on the
//! tablet. Every change is kept on the device at once and sent to the server in the
//! background (see `answer_sync`); the badge at the top tells where the answers are.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::visits::{Answer, ClusterCapture, FactoryAnswer};
use shared::checklist::QuestionKind;
use shared::visit::AnswerChoice;

use crate::answer_sync::{AnswerSync, PendingAnswers, SyncBadge};
use crate::api;
use crate::components::question::QuestionItem;
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::LoadError;

#[component]
pub fn VisitCapturePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let capture = LocalResource::new(move || {
        // An id that is not a number names no visit: the server answers "not found".
        let (id, code) = params.with(|p| {
            (
                p.get("id")
                    .and_then(|id| id.parse::<i64>().ok())
                    .unwrap_or_default(),
                p.get("code").unwrap_or_default(),
            )
        });
        api::visits::cluster(id, &code)
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

#[component]
fn CaptureView(capture: ClusterCapture) -> impl IntoView {
    let i18n = use_i18n();
    let visit_id = capture.visit.id;
    let sync = AnswerSync::start(visit_id);
    let mut stored = PendingAnswers::of_visit(visit_id).shown(&capture.answers);
    // One signal per question, so answering one question redraws only that question.
    let signals: Vec<(shared::checklist::ChecklistQuestion, RwSignal<Answer>)> = capture
        .cluster
        .questions()
        .map(|question| {
            let answer = stored.remove(&question.code).unwrap_or_else(|| Answer {
                question_code: question.code.clone(),
                ..Answer::default()
            });
            (question.clone(), RwSignal::new(answer))
        })
        .collect();
    let counted: Vec<(QuestionKind, RwSignal<Answer>)> =
        signals.iter().map(|(q, a)| (q.kind, *a)).collect();
    let total = counted.len();
    let answered = Memo::new(move |_| {
        counted
            .iter()
            .filter(|(kind, answer)| {
                answer.with(|a| match kind {
                    QuestionKind::YesNo => a.choice.is_some(),
                    _ => !a.value.trim().is_empty(),
                })
            })
            .count()
    });
    let non_compliant_count = {
        let signals: Vec<RwSignal<Answer>> = signals.iter().map(|(_, a)| *a).collect();
        Memo::new(move |_| {
            signals
                .iter()
                .filter(|a| a.with(|a| a.choice == Some(AnswerChoice::NonCompliant)))
                .count()
        })
    };
    let editable = capture.editable;
    let on_change = Callback::new(move |answer: Answer| sync.record(answer));
    let mut by_point: HashMap<String, RwSignal<Answer>> =
        signals.iter().map(|(q, a)| (q.code.clone(), *a)).collect();
    // What the server holds after a batch (another monitor's answer, a conflict to settle)
    // replaces a question's answer unless a newer change of it waits on this device.
    let by_code = by_point.clone();
    Effect::new(move |_| {
        for stored in sync.stored.get() {
            let Some(signal) = by_code.get(&stored.question_code) else {
                continue;
            };
            if sync.is_waiting(&stored.question_code) {
                signal.update(|answer| answer.conflict = stored.conflict.clone());
            } else if signal.with_untracked(|answer| *answer != stored) {
                signal.set(stored);
            }
        }
    });
    let mut factory_answers: HashMap<String, FactoryAnswer> = capture
        .factory_self_assessment
        .iter()
        .flat_map(|own| own.answers.iter())
        .map(|answer| (answer.question_code.clone(), answer.clone()))
        .collect();
    let self_assessed_on = capture
        .factory_self_assessment
        .as_ref()
        .map(|own| format_time(own.completed_at));
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
                    let answer = by_point.remove(&question.code)?;
                    let own = factory_answers.remove(&question.code);
                    Some(view! {
                        <QuestionItem question=question.clone() answer=answer editable=editable on_change=on_change factory_answer=own/>
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
    let next = capture.cluster_codes.get(position + 1).cloned();
    let visit_href = format!("/visits/{visit_id}");
    let total_text = total.to_string();
    view! {
        <A href=visit_href.clone() attr:class="back-link">{move || i18n.t("capture.back_to_visit")}</A>
        <section class="page-head capture-head">
            <div>
                <p class="eyebrow">{capture.visit.factory_name.clone()}" · "{capture.visit.start_date.clone()}</p>
                <h1>{move || cluster.with_value(|c| c.name.get(lang_code()).to_owned())}</h1>
                <p class="subtitle" data-testid="cluster-progress">
                    {move || i18n.t_with("capture.progress", &[("answered", &answered.get().to_string()), ("total", &total_text)])}
                    " · "
                    {move || i18n.t_with("capture.non_compliant_count", &[("count", &non_compliant_count.get().to_string())])}
                </p>
            </div>
            <SyncBadge sync=sync/>
        </section>
        {(!editable).then(|| view! { <p class="notice info" role="status">{move || i18n.t("capture.read_only")}</p> })}
        {self_assessed_on.map(|date| view! {
            <p class="notice info" data-testid="factory-self-assessment-note">
                {move || i18n.t_with("capture.factory_self_assessment", &[("date", &date)])}
            </p>
        })}
        {points}
        <nav class="capture-nav">
            <A href=visit_href attr:class="button secondary">{move || i18n.t("capture.back_to_visit")}</A>
            {next.map(|code| view! {
                <A href=format!("/visits/{visit_id}/clusters/{code}") attr:class="button primary">{move || i18n.t("capture.next_cluster")}</A>
            })}
        </nav>
    }
}
