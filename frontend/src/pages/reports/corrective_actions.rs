//! The corrective action plan on the report page: for each finding, the factory's actions
//! with their updates and the monitors' verification; the factory's manager adds actions and
//! posts updates, a monitor on a later visit marks actions verified or not. Buyers with
//! access read it.

use std::future::Future;

use leptos::prelude::*;
use shared::api::analytics::FactoryReport;
use shared::api::corrective_actions::{
    ActionUpdateInput, CorrectiveAction, CorrectiveActionPlan, NewCorrectiveAction,
    VerificationInput,
};
use shared::api::visits::Finding;
use shared::corrective_action::{new_action_problems, update_problems, ActionStatus};

use crate::api::{self, ApiError};
use crate::components::corrective_actions::{ActionView, VerifiedShareCard};
use crate::components::form::{field_errors, form_message, Notice};
use crate::components::form::{refused, SelectField, TextAreaField, TextField};
use crate::i18n::use_i18n;

/// The plan of one published report, below the report.
#[component]
pub fn CorrectiveActionsSection(report: FactoryReport) -> impl IntoView {
    let i18n = use_i18n();
    let visit_id = report.visit.id;
    let findings = StoredValue::new(report.findings);
    let plan = RwSignal::new(None::<CorrectiveActionPlan>);
    let load_error = RwSignal::new(None::<ApiError>);
    // Read once when the section is drawn; each change answers with the whole plan again.
    let request = api::corrective_actions::plan(visit_id);
    leptos::task::spawn_local(async move {
        match request.await {
            Ok(loaded) => {
                load_error.set(None);
                plan.set(Some(loaded));
            }
            Err(error) => load_error.set(Some(error)),
        }
    });
    let on_saved = Callback::new(move |saved: CorrectiveActionPlan| plan.set(Some(saved)));
    let share = Signal::derive(move || plan.get().map(|p| p.share).unwrap_or_default());
    view! {
        <section class="panel report-block corrective-actions" data-testid="corrective-actions" aria-labelledby=format!("cap-{visit_id}")>
            <h2 id=format!("cap-{visit_id}")>{move || i18n.t("cap.title")}</h2>
            <p class="hint">{move || i18n.t("cap.intro")}</p>
            <div class="report-figures">
                <VerifiedShareCard share=share testid="cap-verified-share"/>
            </div>
            <Notice message=form_message(i18n, load_error)/>
            {move || plan.get().map(|plan| {
                let may_post = plan.may_post;
                let may_verify = plan.may_verify;
                let blocks = findings.with_value(|findings| {
                    findings
                        .iter()
                        .map(|finding| {
                            let actions: Vec<CorrectiveAction> = plan
                                .actions
                                .iter()
                                .filter(|a| a.question_code == finding.question_code)
                                .cloned()
                                .collect();
                            view! {
                                <FindingActions
                                    visit_id=visit_id
                                    finding=finding.clone()
                                    actions=actions
                                    may_post=may_post
                                    may_verify=may_verify
                                    on_saved=on_saved
                                />
                            }
                        })
                        .collect_view()
                });
                if findings.with_value(Vec::is_empty) {
                    view! { <p>{move || i18n.t("report.no_findings")}</p> }.into_any()
                } else {
                    view! { <ol class="cap-findings">{blocks}</ol> }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn FindingActions(
    visit_id: i64,
    finding: Finding,
    actions: Vec<CorrectiveAction>,
    may_post: bool,
    may_verify: bool,
    on_saved: Callback<CorrectiveActionPlan>,
) -> impl IntoView {
    let i18n = use_i18n();
    let question = StoredValue::new(finding.question);
    let code = finding.question_code.clone();
    let list = if actions.is_empty() {
        view! { <p class="hint" data-testid="no-actions">{move || i18n.t("cap.no_actions")}</p> }
            .into_any()
    } else {
        let items = actions
            .into_iter()
            .map(|action| {
                let id = action.id;
                view! {
                    <ActionView action=action>
                        {may_post.then(|| view! {
                            <UpdateForm
                                action_id=id
                                send=move |body: ActionUpdateInput| async move {
                                    api::corrective_actions::post_update(id, &body).await
                                }
                                on_saved=on_saved
                            />
                        })}
                        {may_verify.then(|| view! { <VerifyForm action_id=id on_saved=on_saved/> })}
                    </ActionView>
                }
            })
            .collect_view();
        view! { <ul class="corrective-action-list">{items}</ul> }.into_any()
    };
    view! {
        <li class="cap-finding" data-testid="cap-finding" data-question=code.clone()>
            <h3 class="question-code">{code.clone()}</h3>
            <p class="question-text">{move || question.with_value(|q| q.get(i18n.lang().code()).to_owned())}</p>
            {list}
            {may_post.then(|| view! {
                <NewActionForm
                    id_prefix="cap".to_owned()
                    question_code=code.clone()
                    send=move |body: NewCorrectiveAction| async move {
                        api::corrective_actions::add(visit_id, &body).await
                    }
                    on_saved=on_saved
                />
            })}
        </li>
    }
}

/// The status choices, as (value, label).
pub(crate) fn status_options(i18n: crate::i18n::I18n) -> Signal<Vec<(String, String)>> {
    Signal::derive(move || {
        ActionStatus::ALL
            .iter()
            .map(|status| {
                let value = status.as_str();
                (value.to_owned(), i18n.t(&format!("cap.status.{value}")))
            })
            .collect()
    })
}

/// The factory manager's form for one more action on a finding.
#[component]
pub fn NewActionForm<T, F, Fut>(
    /// Makes the form's ids unique on the page.
    id_prefix: String,
    question_code: String,
    /// Posts the action and answers with what the page shows next.
    send: F,
    on_saved: Callback<T>,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    F: Fn(NewCorrectiveAction) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let i18n = use_i18n();
    let description = RwSignal::new(String::new());
    let responsible = RwSignal::new(String::new());
    let target_date = RwSignal::new(String::new());
    let status = RwSignal::new(ActionStatus::Planned.as_str().to_owned());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let code = StoredValue::new(question_code.clone());
    let submit = move |event: leptos::ev::SubmitEvent| {
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
        // What was typed stays so that it can be corrected.
        if refused(new_action_problems(&body), error) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match send(body).await {
                Ok(saved) => {
                    error.set(None);
                    on_saved.run(saved);
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let prefix = format!("{id_prefix}-{}", question_code.replace('.', "-"));
    let id = move |name: &str| format!("{prefix}-{name}");
    view! {
        <details class="cap-form" data-testid="new-action">
            <summary class="button secondary">{move || i18n.t("cap.add_action")}</summary>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=form_message(i18n, error)/>
                <TextAreaField
                    id=id("description")
                    label=Signal::derive(move || i18n.t("cap.description"))
                    value=description
                    errors=field_errors(i18n, error, "description")
                    rows=2
                />
                <TextField
                    id=id("responsible")
                    label=Signal::derive(move || i18n.t("cap.responsible"))
                    value=responsible
                    errors=field_errors(i18n, error, "responsible")
                />
                <TextField
                    id=id("target-date")
                    input_type="date"
                    label=Signal::derive(move || i18n.t("cap.target_date"))
                    value=target_date
                    errors=field_errors(i18n, error, "target_date")
                />
                <SelectField
                    id=id("status")
                    label=Signal::derive(move || i18n.t("cap.status"))
                    value=status
                    options=status_options(i18n)
                    errors=field_errors(i18n, error, "status")
                />
                <div class="form-actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("cap.save_action")}
                    </button>
                </div>
            </form>
        </details>
    }
}

/// The factory manager's progress note on an action.
#[component]
pub fn UpdateForm<T, F, Fut>(action_id: i64, send: F, on_saved: Callback<T>) -> impl IntoView
where
    T: Send + Sync + 'static,
    F: Fn(ActionUpdateInput) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let i18n = use_i18n();
    let comment = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
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
            match send(body).await {
                Ok(saved) => {
                    error.set(None);
                    on_saved.run(saved);
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    view! {
        <details class="cap-form" data-testid="post-update">
            <summary class="button secondary">{move || i18n.t("cap.post_update")}</summary>
            <form on:submit=submit novalidate class="grid-form">
                <Notice message=form_message(i18n, error)/>
                <TextAreaField
                    id=format!("update-{action_id}-comment")
                    label=Signal::derive(move || i18n.t("cap.comment"))
                    value=comment
                    errors=field_errors(i18n, error, "comment")
                    rows=2
                />
                <SelectField
                    id=format!("update-{action_id}-status")
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

/// A monitor's check of an action at the next visit.
#[component]
fn VerifyForm(action_id: i64, on_saved: Callback<CorrectiveActionPlan>) -> impl IntoView {
    view! {
        <super::CheckAtVisitForm
            id=format!("verify-{action_id}")
            testid="verify-action"
            note_label="cap.verification_note"
            verified_label="cap.mark_verified"
            not_verified_label="cap.mark_not_verified"
            send=move |body: VerificationInput| async move {
                api::corrective_actions::verify(action_id, &body).await
            }
            on_saved=on_saved
        />
    }
}
