//! The factory's improvement actions for one completed self-assessment: each question it rated
//! non-compliant, the actions already planned for it (kept on the factory's one list of
//! actions, marked self-identified), and for the factory's manager a form to plan one and to
//! post an update.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared::api::corrective_actions::{ActionUpdateInput, NewCorrectiveAction};
use shared::api::improvement_actions::{ActionSource, FactoryAction};
use shared::api::self_assessments::NonCompliantQuestion;
use shared::corrective_action::{new_action_problems, update_problems, ActionStatus};

use crate::api;
use crate::components::corrective_actions::ActionStatusTag;
use crate::components::form::{
    field_errors, form_message, refused, DateField, Notice, SelectField, TextAreaField, TextField,
};
use crate::error::ApiError;
use crate::i18n::use_i18n;
use crate::pages::reports::corrective_actions::status_options;
use crate::pages::LoadError;

#[component]
pub fn ImprovementActionsPanel(
    self_assessment_id: i64,
    factory_id: i64,
    questions: Vec<NonCompliantQuestion>,
    /// The factory's own manager: may plan actions and post updates.
    may_write: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let actions = LocalResource::new(move || api::improvement_actions::of_factory(factory_id));
    let refresh = Callback::new(move |_| actions.refetch());
    let questions = StoredValue::new(questions);
    view! {
        <section class="panel improvement-actions" data-testid="improvement-actions">
            <h2>{move || i18n.t("improvement.title")}</h2>
            <p class="hint">{move || i18n.t("improvement.intro")}</p>
            {move || questions.with_value(Vec::is_empty).then(|| view! {
                <p>{move || i18n.t("improvement.nothing_to_improve")}</p>
            })}
            <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
                {move || actions.get().map(|loaded| match loaded {
                    Ok(list) => {
                        let own: Vec<FactoryAction> = list
                            .actions
                            .into_iter()
                            .filter(|action| {
                                action.source == ActionSource::SelfIdentified
                                    && action.origin_id == self_assessment_id
                            })
                            .collect();
                        questions.with_value(|questions| questions.iter().map(|question| {
                            let planned: Vec<FactoryAction> = own
                                .iter()
                                .filter(|action| action.question_code == question.question_code)
                                .cloned()
                                .collect();
                            view! {
                                <QuestionActions
                                    self_assessment_id=self_assessment_id
                                    question=question.clone()
                                    planned=planned
                                    may_write=may_write
                                    on_saved=refresh
                                />
                            }
                        }).collect_view()).into_any()
                    }
                    Err(error) => view! { <LoadError error=error retry=refresh/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn QuestionActions(
    self_assessment_id: i64,
    question: NonCompliantQuestion,
    planned: Vec<FactoryAction>,
    may_write: bool,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let point_name = StoredValue::new(question.point_name.clone());
    let text = StoredValue::new(question.question.clone());
    let code = question.question_code.clone();
    let data_code = code.clone();
    let shown_code = code.clone();
    view! {
        <article class="improvement-question" data-testid="improvement-question" data-code=data_code>
            <h3>
                <span class="question-code">{shown_code}</span>" "
                {move || point_name.with_value(|name| name.get(i18n.lang().code()).to_owned())}
            </h3>
            <p class="hint">{move || text.with_value(|text| text.get(i18n.lang().code()).to_owned())}</p>
            <ul class="point-list">
                {planned.into_iter().map(|action| {
                    let id = action.id;
                    view! {
                        <li data-testid="improvement-action">
                            <ActionStatusTag status=action.status/>" "
                            <strong>{action.description.clone()}</strong>
                            " · "{action.responsible.clone()}" · "{action.target_date.clone()}
                            {action.overdue.then(|| view! { " "<span class="tag overdue">{move || i18n.t("home.overdue")}</span> })}
                            {(may_write && action.status != ActionStatus::Done).then(|| view! {
                                <UpdateForm action_id=id on_saved=on_saved/>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
            {may_write.then(|| view! {
                <NewActionForm self_assessment_id=self_assessment_id question_code=code on_saved=on_saved/>
            })}
        </article>
    }
}

#[component]
fn NewActionForm(
    self_assessment_id: i64,
    question_code: String,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let description = RwSignal::new(String::new());
    let responsible = RwSignal::new(String::new());
    let target_date = RwSignal::new(String::new());
    let status = RwSignal::new(ActionStatus::Planned.as_str().to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let id_prefix = format!("improvement-{question_code}");
    let code = StoredValue::new(question_code);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = NewCorrectiveAction {
            question_code: code.get_value(),
            description: description.get_untracked(),
            responsible: responsible.get_untracked(),
            target_date: target_date.get_untracked(),
            status: status.get_untracked(),
        };
        if refused(new_action_problems(&body), error) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::improvement_actions::create(self_assessment_id, &body).await {
                Ok(_) => {
                    error.set(None);
                    description.set(String::new());
                    responsible.set(String::new());
                    target_date.set(String::new());
                    on_saved.run(());
                }
                // What was typed stays so that it can be corrected.
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    view! {
        <details class="cap-form">
            <summary class="button secondary">{move || i18n.t("improvement.plan")}</summary>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=form_message(i18n, error)/>
                <TextAreaField
                    id=format!("{id_prefix}-description")
                    label=Signal::derive(move || i18n.t("cap.description"))
                    value=description
                    errors=field_errors(i18n, error, "description")
                    rows=2
                />
                <TextField
                    id=format!("{id_prefix}-responsible")
                    label=Signal::derive(move || i18n.t("cap.responsible"))
                    value=responsible
                    errors=field_errors(i18n, error, "responsible")
                />
                <DateField
                    id=format!("{id_prefix}-target")
                    label=Signal::derive(move || i18n.t("cap.target_date"))
                    value=target_date
                    errors=field_errors(i18n, error, "target_date")
                />
                <SelectField
                    id=format!("{id_prefix}-status")
                    label=Signal::derive(move || i18n.t("cap.status"))
                    value=status
                    options=status_options(i18n)
                    errors=field_errors(i18n, error, "status")
                />
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("improvement.save")}
                    </button>
                </div>
            </form>
        </details>
    }
}

#[component]
fn UpdateForm(action_id: i64, on_saved: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let comment = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let chosen = status.get_untracked();
        let body = ActionUpdateInput {
            comment: comment.get_untracked(),
            status: (!chosen.is_empty()).then_some(chosen),
        };
        if refused(update_problems(&body), error) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::improvement_actions::post_update(action_id, &body).await {
                Ok(_) => {
                    error.set(None);
                    comment.set(String::new());
                    on_saved.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    view! {
        <details class="cap-form">
            <summary class="button secondary">{move || i18n.t("cap.post_update")}</summary>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=form_message(i18n, error)/>
                <TextAreaField
                    id=format!("improvement-update-{action_id}-comment")
                    label=Signal::derive(move || i18n.t("cap.comment"))
                    value=comment
                    errors=field_errors(i18n, error, "comment")
                    rows=2
                />
                <SelectField
                    id=format!("improvement-update-{action_id}-status")
                    label=Signal::derive(move || i18n.t("cap.status"))
                    value=status
                    choose=Signal::derive(move || i18n.t("cap.status_unchanged"))
                    options=status_options(i18n)
                    errors=field_errors(i18n, error, "status")
                />
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("cap.save_update")}
                    </button>
                </div>
            </form>
        </details>
    }
}
