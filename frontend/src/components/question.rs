//! One checklist question with its answer controls, as the monitor sees it on the tablet.

use leptos::prelude::*;
use shared::api::visits::Answer;
use shared::checklist::{ChecklistQuestion, QuestionKind};
use shared::visit::{finding_is_incomplete, AnswerChoice};

use crate::i18n::use_i18n;

/// Renders `question`; every change goes to `on_change` with the whole new answer.
#[component]
pub fn QuestionItem(
    question: ChecklistQuestion,
    answer: RwSignal<Answer>,
    editable: bool,
    on_change: Callback<Answer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let question = StoredValue::new(question);
    let code = question.with_value(|q| q.code.clone());
    let dom_id = code.replace('.', "-");
    let change = move |update: &dyn Fn(&mut Answer)| {
        let mut next = answer.get_untracked();
        update(&mut next);
        // Strictly increasing even if the tablet's clock steps back, so the server (which
        // keeps the latest change) never ignores a newer edit from this device.
        next.changed_at = crate::answer_sync::now_ms().max(next.changed_at + 1);
        answer.set(next.clone());
        on_change.run(next);
    };
    let choice_button = move |choice: AnswerChoice| {
        let selected = move || answer.with(|a| a.choice == Some(choice));
        let label_key = format!("capture.choice.{}", choice.as_str());
        view! {
            <button
                type="button"
                class=format!("choice {}", choice.as_str())
                aria-pressed=move || selected().to_string()
                disabled=!editable
                on:click=move |_| change(&|a: &mut Answer| a.choice = Some(choice))
            >
                {move || i18n.t(&label_key)}
            </button>
        }
    };
    let text_of = move || question.with_value(|q| q.text.get(i18n.lang().code()).to_owned());
    let kind = question.with_value(|q| q.kind);
    let critical = question.with_value(|q| q.critical_issue);
    let controls = match kind {
        QuestionKind::YesNo => view! {
            <div class="choices" role="group" aria-label=text_of>
                {choice_button(AnswerChoice::Compliant)}
                {choice_button(AnswerChoice::NonCompliant)}
                {choice_button(AnswerChoice::NotApplicable)}
            </div>
        }
        .into_any(),
        QuestionKind::Number | QuestionKind::Text => {
            let input_type = if kind == QuestionKind::Number {
                "number"
            } else {
                "text"
            };
            let input_id = format!("{dom_id}-value");
            view! {
                <div class="field compact">
                    <label for=input_id.clone()>{move || i18n.t("capture.value")}</label>
                    <input
                        id=input_id
                        type=input_type
                        maxlength="5000"
                        inputmode=if kind == QuestionKind::Number { "decimal" } else { "text" }
                        disabled=!editable
                        prop:value=move || answer.with(|a| a.value.clone())
                        on:input=move |event| {
                            let value = event_target_value(&event);
                            change(&|a: &mut Answer| a.value = value.clone())
                        }
                    />
                </div>
            }
            .into_any()
        }
    };
    let narrative_prefix = dom_id.clone();
    let narrative = move |field: &'static str| {
        let input_id = format!("{narrative_prefix}-{field}");
        view! {
            <div class="field compact">
                <label for=input_id.clone()>{move || i18n.t(&format!("capture.{field}"))}</label>
                <textarea
                    id=input_id
                    rows="3"
                    maxlength="5000"
                    lang="en"
                    disabled=!editable
                    prop:value=move || answer.with(|a| if field == "finding" { a.finding.clone() } else { a.suggestion.clone() })
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        change(&|a: &mut Answer| {
                            if field == "finding" { a.finding = text.clone() } else { a.suggestion = text.clone() }
                        })
                    }
                ></textarea>
            </div>
        }
    };
    let non_compliant = move || answer.with(|a| a.choice == Some(AnswerChoice::NonCompliant));
    view! {
        <li class="question" class:non-compliant=non_compliant id=dom_id.clone() data-code=code.clone()>
            <div class="question-head">
                <span class="question-code">{code.clone()}</span>
                {critical.map(|number| view! {
                    <span class="tag critical">{move || i18n.t_with("capture.critical_issue", &[("number", &number.to_string())])}</span>
                })}
            </div>
            <p class="question-text">{text_of}</p>
            <details class="guidance">
                <summary>{move || i18n.t("capture.guidance")}</summary>
                <p lang="en">{question.with_value(|q| q.guidance.clone())}</p>
                <p class="legal">{move || i18n.t("capture.legal_reference")}": "{question.with_value(|q| q.legal_reference.clone())}</p>
            </details>
            {controls}
            <Show when=non_compliant>
                <div class="finding">
                    <p class="hint">{move || i18n.t("capture.finding_hint")}</p>
                    {narrative("finding")}
                    {narrative("suggestion")}
                    <Show when=move || answer.with(finding_is_incomplete)>
                        <p class="notice warning">{move || i18n.t("capture.finding_required")}</p>
                    </Show>
                </div>
            </Show>
        </li>
    }
}
