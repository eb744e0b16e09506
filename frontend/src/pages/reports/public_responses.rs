//! Public responses on the report page: the report's findings that the public website shows,
//! each with the factory's response. The factory's manager writes or replaces a response; a
//! monitor on a later visit checks it; staff read them.

use leptos::prelude::*;
use shared::api::corrective_actions::VerificationInput;
use shared::api::public_responses::{DisclosedFinding, PublicResponseInput, PublicResponses};
use shared::public_response::{response_problems, STATEMENT_MAX_CHARS};
use shared::wire::Verification;

use crate::api::{self, ApiError};
use crate::components::form::{field_errors, form_message, refused, Notice, TextAreaField};
use crate::components::visit::format_time;
use crate::i18n::use_i18n;

/// The section below a published assessment, for its factory's manager and programme staff.
#[component]
pub fn PublicResponsesSection(visit_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let responses = RwSignal::new(None::<PublicResponses>);
    let load_error = RwSignal::new(None::<ApiError>);
    let request = api::public_responses::list(visit_id);
    leptos::task::spawn_local(async move {
        match request.await {
            Ok(loaded) => responses.set(Some(loaded)),
            Err(error) => load_error.set(Some(error)),
        }
    });
    let on_saved = Callback::new(move |saved: PublicResponses| responses.set(Some(saved)));
    view! {
        {move || responses.get().map(|loaded| {
            let PublicResponses { findings, may_respond, may_check } = loaded;
            let empty = findings.is_empty();
            let items = findings
                .into_iter()
                .map(|finding| view! {
                    <FindingResponse
                        visit_id=visit_id
                        finding=finding
                        may_respond=may_respond
                        may_check=may_check
                        on_saved=on_saved
                    />
                })
                .collect_view();
            view! {
                <section class="panel report-block public-responses" data-testid="public-responses">
                    <h2>{move || i18n.t("responses.title")}</h2>
                    <p class="hint">{move || i18n.t("responses.intro")}</p>
                    {empty.then(|| view! { <p>{move || i18n.t("responses.none")}</p> })}
                    <ul class="cap-finding-list">{items}</ul>
                </section>
            }
        })}
        <Notice message=form_message(i18n, load_error)/>
    }
}

#[component]
fn FindingResponse(
    visit_id: i64,
    finding: DisclosedFinding,
    may_respond: bool,
    may_check: bool,
    on_saved: Callback<PublicResponses>,
) -> impl IntoView {
    let i18n = use_i18n();
    let question = StoredValue::new(finding.question.clone());
    let code = finding.question_code.clone();
    let kind = move || match finding.critical_issue {
        Some(number) => i18n.t_with("responses.critical", &[("number", &number.to_string())]),
        None => i18n.t("responses.publicly_reported"),
    };
    let response = finding.response.clone();
    let unchecked_id = response
        .as_ref()
        .filter(|r| r.check.is_none())
        .map(|r| r.id);
    let has_response = response.is_some();
    let shown = match response {
        Some(response) => {
            let posted = format_time(response.posted_at);
            let check = response.check.clone();
            // In the reader's language, also after they switch it.
            let status = move || match &check {
                None => i18n.t("responses.unverified"),
                Some(check) => {
                    let key = match check.outcome {
                        Verification::Verified => "responses.verified",
                        Verification::NotVerified => "responses.not_verified",
                    };
                    i18n.t_with(key, &[("date", &format_time(check.checked_at))])
                }
            };
            view! {
                <blockquote class="public-response" data-testid="public-response">{response.statement}</blockquote>
                <p class="hint">
                    {move || i18n.t_with("responses.posted", &[("date", &posted)])}" · "
                    <span data-testid="public-response-status">{status}</span>
                </p>
            }
            .into_any()
        }
        None => view! { <p class="hint">{move || i18n.t("responses.no_response")}</p> }.into_any(),
    };
    view! {
        <li class="cap-finding" data-testid="disclosed-finding" data-question=code.clone()>
            <h3 class="question-code">{code.clone()}" · "{kind}</h3>
            <p class="question-text">{move || question.with_value(|q| q.get(i18n.lang().code()).to_owned())}</p>
            {shown}
            {may_respond.then(|| view! {
                <ResponseForm visit_id=visit_id question_code=code.clone() replaces=has_response on_saved=on_saved/>
            })}
            {unchecked_id.filter(|_| may_check).map(|id| view! { <CheckForm response_id=id on_saved=on_saved/> })}
        </li>
    }
}

/// The factory manager's response to one finding (a new one replaces the one shown).
#[component]
fn ResponseForm(
    visit_id: i64,
    question_code: String,
    replaces: bool,
    on_saved: Callback<PublicResponses>,
) -> impl IntoView {
    let i18n = use_i18n();
    let statement = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let code = StoredValue::new(question_code);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = PublicResponseInput {
            question_code: code.get_value(),
            statement: statement.get_untracked(),
        };
        // What was typed stays so that it can be corrected.
        if refused(response_problems(&body), error) {
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::public_responses::respond(visit_id, &body).await {
                Ok(saved) => {
                    error.set(None);
                    statement.set(String::new());
                    on_saved.run(saved);
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let label = Signal::derive(move || {
        i18n.t_with(
            "responses.statement",
            &[("count", &STATEMENT_MAX_CHARS.to_string())],
        )
    });
    view! {
        <form class="cap-form" data-testid="public-response-form" on:submit=submit>
            <Notice message=form_message(i18n, error)/>
            <TextAreaField
                id=format!("response-{visit_id}-{}", code.get_value())
                label=label
                value=statement
                errors=field_errors(i18n, error, "statement")
                rows=3
            />
            <p class="hint">{move || i18n.t("responses.public_warning")}</p>
            <button type="submit" class="button primary" disabled=move || pending.get()>
                {move || i18n.t(if replaces { "responses.replace" } else { "responses.post" })}
            </button>
        </form>
    }
}

/// A monitor's check of a response at a later visit.
#[component]
fn CheckForm(response_id: i64, on_saved: Callback<PublicResponses>) -> impl IntoView {
    view! {
        <super::CheckAtVisitForm
            id=format!("check-{response_id}")
            testid="check-response"
            note_label="responses.check_note"
            verified_label="responses.mark_verified"
            not_verified_label="responses.mark_not_verified"
            send=move |body: VerificationInput| async move {
                api::public_responses::check(response_id, &body).await
            }
            on_saved=on_saved
        />
    }
}
