//! One checklist question with its answer controls, as the monitor sees it on the tablet, and
//! as a factory manager sees it in a self-assessment.

use leptos::prelude::*;
use shared::api::self_assessments::SelfAnswer;
use shared::api::visits::{Answer, ConflictingAnswer, FactoryAnswer};
use shared::checklist::{ChecklistQuestion, QuestionKind};
use shared::visit::{finding_is_incomplete, AnswerChoice};

use crate::i18n::use_i18n;

/// The answer a question's controls edit: a monitor's (with a finding and a suggestion for a
/// non-compliance) or a factory's own in a self-assessment (with a note on any answer).
pub trait CapturedAnswer: Clone + Send + Sync + 'static {
    /// The text fields below the controls, each labelled by the catalogue key `capture.{field}`.
    const TEXT_FIELDS: &'static [&'static str];
    /// Catalogue key of the hint above the text fields, if any.
    const TEXT_HINT: Option<&'static str>;
    /// The text fields are written in English (a monitor's finding is), else in any language.
    const TEXT_IN_ENGLISH: bool;
    /// Class of the block holding the text fields.
    const TEXT_CLASS: &'static str;
    fn choice(&self) -> Option<AnswerChoice>;
    fn set_choice(&mut self, choice: AnswerChoice);
    fn value(&self) -> String;
    fn set_value(&mut self, value: String);
    fn changed_at(&self) -> i64;
    fn set_changed_at(&mut self, changed_at: i64);
    fn text(&self, field: &str) -> String;
    fn set_text(&mut self, field: &str, text: String);
    /// Whether the text fields are shown now.
    fn text_shown(&self) -> bool;
    /// Catalogue key of the warning shown while the text fields lack something.
    fn incomplete_warning(&self) -> Option<&'static str>;
    /// The two sides of a conflict between two people's changes nobody has settled yet: the
    /// answer shown (with who made it), then the other.
    fn conflict_sides(&self) -> Option<(ConflictingAnswer, ConflictingAnswer)> {
        None
    }
    /// Takes the other side of the conflict as the answer (`take_other`), or keeps this one;
    /// either way the conflict is settled once the change reaches the server.
    fn settle(&mut self, _take_other: bool) {}
}

impl CapturedAnswer for Answer {
    const TEXT_FIELDS: &'static [&'static str] = &["finding", "suggestion"];
    const TEXT_HINT: Option<&'static str> = Some("capture.finding_hint");
    const TEXT_IN_ENGLISH: bool = true;
    const TEXT_CLASS: &'static str = "finding";
    fn choice(&self) -> Option<AnswerChoice> {
        self.choice
    }
    fn set_choice(&mut self, choice: AnswerChoice) {
        self.choice = Some(choice);
    }
    fn value(&self) -> String {
        self.value.clone()
    }
    fn set_value(&mut self, value: String) {
        self.value = value;
    }
    fn changed_at(&self) -> i64 {
        self.changed_at
    }
    fn set_changed_at(&mut self, changed_at: i64) {
        self.changed_at = changed_at;
    }
    fn text(&self, field: &str) -> String {
        if field == "finding" {
            self.finding.clone()
        } else {
            self.suggestion.clone()
        }
    }
    fn set_text(&mut self, field: &str, text: String) {
        if field == "finding" {
            self.finding = text;
        } else {
            self.suggestion = text;
        }
    }
    fn text_shown(&self) -> bool {
        self.choice == Some(AnswerChoice::NonCompliant)
    }
    fn incomplete_warning(&self) -> Option<&'static str> {
        finding_is_incomplete(self).then_some("capture.finding_required")
    }
    fn conflict_sides(&self) -> Option<(ConflictingAnswer, ConflictingAnswer)> {
        let conflict = self.conflict.as_ref()?;
        let current = ConflictingAnswer {
            choice: self.choice,
            value: self.value.clone(),
            finding: self.finding.clone(),
            suggestion: self.suggestion.clone(),
            changed_at: self.changed_at,
            by: conflict.current_by.clone(),
        };
        Some((current, conflict.other.clone()))
    }
    fn settle(&mut self, take_other: bool) {
        if let Some(conflict) = self.conflict.take() {
            if take_other {
                let other = conflict.other;
                self.choice = other.choice;
                self.value = other.value;
                self.finding = other.finding;
                self.suggestion = other.suggestion;
            }
        }
    }
}

impl CapturedAnswer for SelfAnswer {
    const TEXT_FIELDS: &'static [&'static str] = &["note"];
    const TEXT_HINT: Option<&'static str> = None;
    const TEXT_IN_ENGLISH: bool = false;
    const TEXT_CLASS: &'static str = "answer-note";
    fn choice(&self) -> Option<AnswerChoice> {
        self.choice
    }
    fn set_choice(&mut self, choice: AnswerChoice) {
        self.choice = Some(choice);
    }
    fn value(&self) -> String {
        self.value.clone()
    }
    fn set_value(&mut self, value: String) {
        self.value = value;
    }
    fn changed_at(&self) -> i64 {
        self.changed_at
    }
    fn set_changed_at(&mut self, changed_at: i64) {
        self.changed_at = changed_at;
    }
    fn text(&self, _field: &str) -> String {
        self.note.clone()
    }
    fn set_text(&mut self, _field: &str, text: String) {
        self.note = text;
    }
    fn text_shown(&self) -> bool {
        true
    }
    fn incomplete_warning(&self) -> Option<&'static str> {
        None
    }
}

/// Renders `question`; every change goes to `on_change` with the whole new answer. On a
/// monitor's tablet `factory_answer` is the factory's own answer from its self-assessment,
/// shown beside the monitor's and marked when the two differ.
#[component]
pub fn QuestionItem<A: CapturedAnswer>(
    question: ChecklistQuestion,
    answer: RwSignal<A>,
    editable: bool,
    on_change: Callback<A>,
    #[prop(default = None)] factory_answer: Option<FactoryAnswer>,
) -> impl IntoView {
    let i18n = use_i18n();
    let question = StoredValue::new(question);
    let code = question.with_value(|q| q.code.clone());
    let dom_id = code.replace('.', "-");
    let change = move |update: &dyn Fn(&mut A)| {
        let mut next = answer.get_untracked();
        update(&mut next);
        // Strictly increasing even if the tablet's clock steps back, so the server (which
        // keeps the latest change) never ignores a newer edit from this device.
        let changed_at = crate::answer_sync::now_ms().max(next.changed_at() + 1);
        next.set_changed_at(changed_at);
        answer.set(next.clone());
        on_change.run(next);
    };
    let choice_button = move |choice: AnswerChoice| {
        let selected = move || answer.with(|a| a.choice() == Some(choice));
        let label_key = format!("capture.choice.{}", choice.as_str());
        view! {
            <button
                type="button"
                class=format!("choice {}", choice.as_str())
                aria-pressed=move || selected().to_string()
                disabled=!editable
                on:click=move |_| change(&|a: &mut A| a.set_choice(choice))
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
                        prop:value=move || answer.with(|a| a.value())
                        on:input=move |event| {
                            let value = event_target_value(&event);
                            change(&|a: &mut A| a.set_value(value.clone()))
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
                    lang=A::TEXT_IN_ENGLISH.then_some("en")
                    disabled=!editable
                    prop:value=move || answer.with(|a| a.text(field))
                    on:input=move |event| {
                        let text = event_target_value(&event);
                        change(&|a: &mut A| a.set_text(field, text.clone()))
                    }
                ></textarea>
            </div>
        }
    };
    let factory_line = factory_answer.map(|own| {
        let own = StoredValue::new(own);
        let shown = move || {
            own.with_value(|own| match own.choice {
                Some(choice) => i18n.t(&format!("capture.choice.{}", choice.as_str())),
                None if own.value.trim().is_empty() => i18n.t("capture.factory_unanswered"),
                None => own.value.clone(),
            })
        };
        // Only once the monitor has answered: an unanswered question is not a disagreement.
        let differs = move || {
            answer.with(|a| {
                own.with_value(|own| match (kind, a.choice()) {
                    (QuestionKind::YesNo, Some(mine)) => own.choice != Some(mine),
                    (QuestionKind::YesNo, None) => false,
                    _ => !a.value().trim().is_empty() && a.value().trim() != own.value.trim(),
                })
            })
        };
        view! {
            <p class="factory-answer" class:differs=differs data-testid="factory-answer">
                {move || i18n.t("capture.factory_answer")}": "<strong>{shown}</strong>
                <Show when=differs>
                    " · "<span class="differs-label">{move || i18n.t("capture.factory_differs")}</span>
                </Show>
            </p>
        }
    });
    let conflict = move || {
        let sides = answer.with(|a| a.conflict_sides())?;
        let side = move |side: ConflictingAnswer, take_other: bool, testid: &'static str| {
            let shown = match side.choice {
                Some(choice) => i18n.t(&format!("capture.choice.{}", choice.as_str())),
                None => side.value.clone(),
            };
            let when = crate::components::visit::format_time(side.changed_at / 1000);
            let finding = (!side.finding.trim().is_empty()).then(|| side.finding.clone());
            view! {
                <li data-testid=testid>
                    <p>
                        <strong class="conflict-answer">{shown}</strong>
                        " · "{side.by.clone()}" · "<span class="muted">{when}</span>
                    </p>
                    {finding.map(|finding| view! { <p class="conflict-finding" lang="en">{finding}</p> })}
                    <button
                        type="button"
                        class="button small secondary"
                        disabled=!editable
                        on:click=move |_| change(&|a: &mut A| a.settle(take_other))
                    >
                        {move || i18n.t("capture.conflict_keep")}
                    </button>
                </li>
            }
        };
        Some(view! {
            <div class="answer-conflict" role="alert" data-testid="answer-conflict">
                <p><strong>{move || i18n.t("capture.conflict_title")}</strong></p>
                <p class="hint">{move || i18n.t("capture.conflict_help")}</p>
                <ul class="conflict-sides">
                    {side(sides.0, false, "conflict-current")}
                    {side(sides.1, true, "conflict-other")}
                </ul>
            </div>
        })
    };
    let non_compliant = move || answer.with(|a| a.choice() == Some(AnswerChoice::NonCompliant));
    let text_shown = move || answer.with(|a| a.text_shown());
    let warning = move || answer.with(|a| a.incomplete_warning());
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
            {conflict}
            {controls}
            {factory_line}
            <Show when=text_shown>
                <div class=A::TEXT_CLASS>
                    {A::TEXT_HINT.map(|hint| view! { <p class="hint">{move || i18n.t(hint)}</p> })}
                    {A::TEXT_FIELDS.iter().copied().map(&narrative).collect_view()}
                    {move || warning().map(|key| view! { <p class="notice warning">{move || i18n.t(key)}</p> })}
                </div>
            </Show>
        </li>
    }
}
