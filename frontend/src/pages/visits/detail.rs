//! `/visits/:id`: one visit — its facts, capture progress, review workflow and, once
//! published, its report.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::closing_meetings::ClosingMeeting;
use shared::api::visits::{
    DocumentRequest, Measurement, TransitionRequest, VisitDetail, VisitFacts, VisitSummary,
};
use shared::permissions::{may, Action};
use shared::roles::Role;
use shared::visit::{
    decide_transition, document_is_overdue, gate_wait_is_too_long, visit_facts_problems,
    MeasurementKind, Transition, TransitionRefusal, VisitOutcome, LONG_GATE_WAIT_MINUTES,
};

use crate::answer_sync::{AnswerSync, SyncBadge};
use crate::api::{self, ApiError};
use crate::components::closing_meeting::{ClosingMeetingPanel, ClosingMeetingSender};
use crate::components::form::{
    field_errors, form_message, sender, FieldErrors, Notice, SelectField, TextAreaField, TextField,
};
use crate::components::visit::{
    format_time, FindingsList, HistoryList, ProgressList, ScoresView, StatusTag, VisitFactsSummary,
};
use crate::i18n::use_i18n;
use crate::pages::visits::self_assessment::FactorySelfAssessmentPanel;
use crate::pages::LoadError;
use crate::session::use_session;

#[component]
pub fn VisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    // An id that is not a number names no visit: the server answers "not found".
    let visit_id = move || {
        params
            .with(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()))
            .unwrap_or_default()
    };
    let detail = LocalResource::new(move || api::visits::get(visit_id()));
    let findings = LocalResource::new(move || api::visits::findings(visit_id()));
    let refresh = Callback::new(move |_| {
        detail.refetch();
        findings.refetch();
    });
    let is_staff = move || session.user().is_some_and(|u| u.role.is_programme_staff());
    let back = move || {
        if is_staff() {
            ("/visits", "visits.back")
        } else {
            ("/reports", "reports.back")
        }
    };
    view! {
        <A href=move || back().0.to_owned() attr:class="back-link">{move || i18n.t(back().1)}</A>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || detail.get().map(|result| match result {
                Ok(detail) => view! { <VisitView detail=detail refresh=refresh/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=refresh/> }.into_any(),
            })}
            {move || findings.get().and_then(|result| result.ok()).map(|findings| view! { <FindingsList findings=findings/> })}
        </Transition>
    }
}

#[component]
fn VisitView(detail: VisitDetail, refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let role = session.user().map(|u| u.role);
    let visit = detail.summary.clone();
    let editable = detail.on_team && role == Some(Role::Monitor) && visit.status.is_editable();
    let status = visit.status;
    let third_party = detail.third_party_visible_from;
    let published_at = visit.published_at;
    let capture_key = if editable {
        "visits.capture"
    } else {
        "visits.answers"
    };
    // Answers typed offline on a cluster page are sent from here too, and the report cannot
    // be submitted while some are still only on this device.
    let sync = editable.then(|| AnswerSync::start(visit.id));
    let waiting = match sync {
        Some(sync) => Signal::derive(move || sync.waiting.get()),
        None => Signal::derive(|| 0),
    };
    view! {
        <section class="page-head with-actions">
            <div>
                <p class="eyebrow">{move || i18n.t("visits.detail_title")}</p>
                <h1>{visit.factory_name.clone()}</h1>
                <p class="subtitle"><StatusTag status=status/></p>
            </div>
            {sync.map(|sync| view! { <SyncBadge sync=sync/> })}
        </section>
        <WorkflowActions detail=detail.clone() role=role refresh=refresh waiting=waiting/>
        <VisitFactsSummary visit=visit.clone() checklist_label=detail.checklist_label.clone()/>
        {(!detail.scope.is_empty()).then(|| {
            let count = detail.scope.len().to_string();
            let codes = detail.scope.join(", ");
            view! {
                <p class="notice info" role="note" data-testid="partial-visit">
                    <strong>{move || i18n.t("visits.partial_visit")}</strong>" · "
                    {move || i18n.t_with("visits.partial_visit_detail", &[("count", &count)])}
                    " "<span class="hint">{codes}</span>
                </p>
            }
        })}
        {role.is_some_and(Role::is_programme_staff).then(|| view! { <FactorySelfAssessmentPanel factory_id=visit.factory_id/> })}
        {published_at.map(|at| view! {
            <p class="notice info" role="status">
                {move || i18n.t_with("report.published_on", &[("date", &format_time(at))])}
                {third_party.map(|from| view! { " "{move || i18n.t_with("report.third_party_from", &[("date", &format_time(from))])} })}
                " "<A href=format!("/reports/{}", visit.id) attr:data-testid="open-report">{move || i18n.t("report.open")}</A>
            </p>
        })}
        {detail.non_cooperation.clone().map(|record| view! {
            <section class="panel notice warning" data-testid="non-cooperation">
                <h2>{move || i18n.t("visits.non_cooperation_record")}</h2>
                <p>{record.details.clone()}</p>
                <p class="hint">{record.recorded_by.clone()}" · "{format_time(record.recorded_at)}</p>
            </section>
        })}
        {detail.scores.clone().map(|scores| view! { <ScoresView scores=scores/> })}
        <ProgressList visit_id=visit.id progress=detail.progress.clone() capture_label_key=capture_key/>
        {sync.map(|sync| view! { <ImportSavedChanges import=Callback::new(move |text: String| sync.import(&text))/> })}
        {(!editable && detail.on_team).then(|| view! { <StrandedFacts visit_id=visit.id/> })}
        <FactsForm visit_id=visit.id facts=detail.facts.clone() editable=editable/>
        <ClosingMeetingSection visit=visit.clone() on_team=detail.on_team/>
        <HistoryList history=detail.history.clone()/>
    }
}

/// The closing meeting with the factory's management, for whoever may read it: its latest
/// record and, for a monitor of the team while the visit can still change, the form.
#[component]
fn ClosingMeetingSection(visit: VisitSummary, on_team: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let visit_id = visit.id;
    let actor = session.user().map(|user| user.actor());
    let may_view = actor.as_ref().is_some_and(|actor| {
        may(
            actor,
            Action::ViewClosingMeeting {
                factory_id: visit.factory_id,
            },
        )
    });
    if !may_view {
        return ().into_any();
    }
    let may_record = visit.status.is_editable()
        && actor.is_some_and(|actor| may(&actor, Action::RecordClosingMeeting { on_team }));
    let meeting = LocalResource::new(move || api::closing_meetings::latest(visit_id));
    let just_recorded = RwSignal::new(None::<ClosingMeeting>);
    let retry = Callback::new(move |_| meeting.refetch());
    let record: ClosingMeetingSender =
        sender(move |body| async move { api::closing_meetings::record(visit_id, &body).await });
    let visit_start = StoredValue::new(visit.start_date);
    view! {
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || meeting.get().map(|result| match result {
                Ok(loaded) => {
                    // The record just made replaces the loaded one without reading it again,
                    // so the form keeps the saved notice.
                    let shown = Signal::derive(move || just_recorded.get().or_else(|| loaded.clone()));
                    view! {
                        <ClosingMeetingPanel
                            meeting=shown
                            visit_start=visit_start.get_value()
                            today=crate::components::visit::today()
                            record=may_record.then_some(record)
                            on_recorded=Callback::new(move |meeting| just_recorded.set(Some(meeting)))
                        />
                    }
                    .into_any()
                }
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
    .into_any()
}

/// Changes a tablet saved to a file (when the server refused them, or to move them to another
/// device) are imported here: `import` queues and sends them, and answers how many the file
/// held or the catalogue key of why it is refused.
#[component]
fn ImportSavedChanges(import: Callback<String, Result<usize, &'static str>>) -> impl IntoView {
    let i18n = use_i18n();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let outcome = RwSignal::new(None::<Result<usize, &'static str>>);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(file) = file_input
            .get()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0))
        else {
            outcome.set(Some(Err("sync.import_choose")));
            return;
        };
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|value| value.as_string())
                .unwrap_or_default();
            outcome.set(Some(import.run(text)));
        });
    };
    view! {
        <section class="panel" data-testid="import-saved-changes">
            <h2>{move || i18n.t("sync.import_title")}</h2>
            <p class="hint">{move || i18n.t("sync.import_hint")}</p>
            <form on:submit=submit>
                <div class="field">
                    <label for="saved-changes-file">{move || i18n.t("sync.import_file")}</label>
                    <input id="saved-changes-file" type="file" accept=".json,application/json" node_ref=file_input/>
                </div>
                <button type="submit" class="button secondary">{move || i18n.t("sync.import_submit")}</button>
            </form>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(count) => view! {
                    <p class="notice success" role="status" data-testid="import-outcome">
                        {i18n.t_with("sync.imported", &[("count", &count.to_string())])}
                    </p>
                }.into_any(),
                Err(key) => view! {
                    <p class="notice error" role="alert" data-testid="import-outcome">{i18n.t(key)}</p>
                }.into_any(),
            })}
        </section>
    }
}

/// Facts this device kept for a visit that can no longer take them (it went to the reviewers
/// before they were sent): never dropped silently, the monitor saves them to a file or
/// discards them.
#[component]
fn StrandedFacts(visit_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let kept = RwSignal::new(crate::facts_queue::load(visit_id));
    let confirming = RwSignal::new(false);
    let save = move |_| {
        if let Some(facts) = kept.get_untracked() {
            let text = serde_json::to_string_pretty(&facts).unwrap_or_default();
            crate::components::data_table::download_text(
                &format!("visit-{visit_id}-facts.json"),
                "application/json",
                &text,
            );
        }
    };
    let discard = move |_| {
        crate::facts_queue::discard(visit_id);
        kept.set(None);
    };
    view! {
        <Show when=move || kept.with(Option::is_some)>
            <section class="panel notice warning" role="alert" data-testid="stranded-facts">
                <p>{move || i18n.t("facts.stranded")}</p>
                <p class="actions">
                    <button type="button" class="button small secondary" data-testid="stranded-facts-save" on:click=save>
                        {move || i18n.t("sync.save_file")}
                    </button>
                    <Show
                        when=move || confirming.get()
                        fallback=move || view! {
                            <button type="button" class="button small danger" on:click=move |_| confirming.set(true)>
                                {move || i18n.t("sync.discard")}
                            </button>
                        }
                    >
                        <span>{move || i18n.t("facts.discard_confirm")}</span>" "
                        <button type="button" class="button small danger" data-testid="stranded-facts-discard" on:click=discard>
                            {move || i18n.t("sync.discard")}
                        </button>
                    </Show>
                </p>
            </section>
        </Show>
    }
}

/// The workflow steps the signed-in user may take now.
#[component]
fn WorkflowActions(
    detail: VisitDetail,
    role: Option<Role>,
    refresh: Callback<()>,
    waiting: Signal<usize>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(role) = role else {
        return ().into_any();
    };
    let visit_id = detail.summary.id;
    let status = detail.summary.status;
    let on_team = detail.on_team;
    let steps: Vec<Transition> = Transition::ALL
        .iter()
        .copied()
        .filter(|step| step.allowed_for(role, detail.on_team) && step.target(status).is_some())
        .collect();
    if steps.is_empty() {
        return ().into_any();
    }
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let take = move |step: Transition| {
        let request = TransitionRequest {
            transition: step,
            reason: reason.get_untracked(),
        };
        // The server's own rule: a report is not returned without a reason. Other refusals
        // (someone else moved the report meanwhile) are the server's to tell.
        if let Err(TransitionRefusal::ReasonRequired) =
            decide_transition(step, status, role, on_team, &request.reason)
        {
            error.set(Some(ApiError::local_field(
                "reason",
                TransitionRefusal::ReasonRequired.code(),
            )));
            return;
        }
        pending.set(true);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::visits::transition(visit_id, &request).await {
                Ok(_) => refresh.run(()),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let needs_reason = steps.contains(&Transition::Return);
    // What stops a submission: the outcome is missing, or a finding is incomplete.
    let report_errors = {
        let outcome = field_errors(i18n, error, "outcome");
        let findings = field_errors(i18n, error, "findings");
        Signal::derive(move || {
            let mut messages = outcome.get();
            messages.extend(findings.get());
            messages
        })
    };
    let buttons = steps
        .into_iter()
        .map(|step| {
            let key = format!("workflow.{}", step.as_str());
            let class = if step == Transition::Return {
                "button secondary"
            } else {
                "button primary"
            };
            let blocked =
                move || pending.get() || (step == Transition::Submit && waiting.get() > 0);
            view! {
                <button type="button" class=class disabled=blocked on:click=move |_| take(step)>
                    {move || i18n.t(&key)}
                </button>
            }
        })
        .collect_view();
    view! {
        <section class="panel workflow" data-testid="workflow">
            <h2>{move || i18n.t("workflow.title")}</h2>
            <Notice message=form_message(i18n, error)/>
            <Show when=move || { waiting.get() > 0 }>
                <p class="notice warning" role="status">
                    {move || i18n.t_with("workflow.answers_waiting", &[("count", &waiting.get().to_string())])}
                </p>
            </Show>
            <FieldErrors errors=report_errors/>
            {needs_reason.then(|| view! {
                <TextAreaField id="return-reason" label=Signal::derive(move || i18n.t("workflow.reason")) value=reason
                    errors=field_errors(i18n, error, "reason") rows=3/>
            })}
            <div class="actions">{buttons}</div>
        </section>
    }
    .into_any()
}

fn parse_count(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

/// Gate waiting time, interviews, measurements, documents and outcome of the visit.
#[component]
fn FactsForm(visit_id: i64, facts: VisitFacts, editable: bool) -> impl IntoView {
    let i18n = use_i18n();
    // A save this device still holds wins over the server's copy: it is newer.
    let kept = editable
        .then(|| crate::facts_queue::load(visit_id))
        .flatten();
    let facts = kept.clone().unwrap_or(facts);
    let text_of = |value: Option<i64>| value.map(|v| v.to_string()).unwrap_or_default();
    let gate_wait = RwSignal::new(text_of(facts.gate_wait_minutes));
    let workers = RwSignal::new(text_of(facts.workers_interviewed));
    let managers = RwSignal::new(text_of(facts.managers_interviewed));
    let union_reps = RwSignal::new(text_of(facts.union_reps_interviewed));
    let outcome = RwSignal::new(
        facts
            .outcome
            .map(|o| o.as_str().to_owned())
            .unwrap_or_default(),
    );
    let details = RwSignal::new(facts.non_cooperation_details.clone());
    let measurements = RwSignal::new(facts.measurements.clone());
    let documents = RwSignal::new(facts.documents.clone());
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let pending = RwSignal::new(false);
    // Kept on this device and not yet on the server (offline, or refused until corrected).
    let kept_here = RwSignal::new(kept.is_some());

    // Sends what the device keeps; the outcome shows beside the save button.
    let send = move |facts: VisitFacts| {
        pending.set(true);
        saved.set(false);
        error.set(None);
        leptos::task::spawn_local(async move {
            match api::visits::save_facts(visit_id, &facts).await {
                Ok(stored) => {
                    crate::facts_queue::acknowledge(visit_id, &facts);
                    kept_here.try_set(crate::facts_queue::load(visit_id).is_some());
                    // Due dates come from the server. The page is not reloaded, so the
                    // monitor keeps their place and sees the confirmation.
                    documents.try_set(stored.documents);
                    saved.try_set(true);
                }
                // No connection: it waits on the device and goes when the connection returns.
                Err(ApiError::Network) => {
                    kept_here.try_set(true);
                }
                // Refused: kept (the form still shows it) until corrected and saved again.
                Err(failure) => {
                    kept_here.try_set(true);
                    error.try_set(Some(failure));
                }
            }
            pending.try_set(false);
        });
    };
    if let Some(kept) = kept {
        send(kept);
    }
    let resend = window_event_listener(leptos::ev::online, move |_| {
        if let Some(kept) = crate::facts_queue::load(visit_id) {
            send(kept);
        }
    });
    on_cleanup(move || resend.remove());

    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let facts = VisitFacts {
            gate_wait_minutes: parse_count(&gate_wait.get_untracked()),
            workers_interviewed: parse_count(&workers.get_untracked()),
            managers_interviewed: parse_count(&managers.get_untracked()),
            union_reps_interviewed: parse_count(&union_reps.get_untracked()),
            outcome: VisitOutcome::parse(&outcome.get_untracked()),
            non_cooperation_details: details.get_untracked(),
            measurements: measurements.get_untracked(),
            documents: documents.get_untracked(),
        };
        // The same checks as the server's, so a typing mistake is shown before sending.
        if let Some(invalid) = ApiError::from_problems(visit_facts_problems(&facts)) {
            error.set(Some(invalid));
            saved.set(false);
            return;
        }
        // On the device first: nothing typed is lost if the connection or the tab goes.
        crate::facts_queue::keep(visit_id, &facts);
        send(facts);
    };
    let errors_for = move |field: String| field_errors(i18n, error, field);
    let label = move |key: &'static str| Signal::derive(move || i18n.t(key));
    let number_field = move |id: &'static str, key: &'static str, value: RwSignal<String>| {
        view! {
            <TextField id=id label=label(key) value=value errors=errors_for(id.to_owned()) input_type="number"/>
        }
    };
    let outcome_options = Signal::derive(move || {
        VisitOutcome::ALL
            .iter()
            .map(|o| {
                (
                    o.as_str().to_owned(),
                    i18n.t(&format!("facts.outcome.{}", o.as_str())),
                )
            })
            .collect::<Vec<_>>()
    });
    let measurement_rows = move || {
        measurements
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, m)| {
                let update = move |f: &dyn Fn(&mut Measurement)| measurements.update_untracked(|list| if let Some(item) = list.get_mut(index) { f(item) });
                let value_text = m.value.to_string();
                view! {
                    <tr>
                        <td>
                            <select aria-label=move || i18n.t("facts.measurement_kind") disabled=!editable
                                on:change=move |e| { let v = event_target_value(&e); update(&|m| m.kind = MeasurementKind::parse(&v).unwrap_or(MeasurementKind::NoiseDb)) }>
                                {MeasurementKind::ALL.iter().map(|kind| {
                                    let key = format!("facts.kind.{}", kind.as_str());
                                    view! { <option value=kind.as_str() prop:selected=*kind == m.kind>{move || i18n.t(&key)}</option> }
                                }).collect_view()}
                            </select>
                        </td>
                        <td><input aria-label=move || i18n.t("facts.location") disabled=!editable prop:value=m.location.clone()
                            on:input=move |e| { let v = event_target_value(&e); update(&|m| m.location = v.clone()) }/>
                            <FieldErrors errors=errors_for(format!("measurements.{index}.location"))/></td>
                        <td><input type="number" step="any" inputmode="decimal" aria-label=move || i18n.t("facts.value") disabled=!editable prop:value=value_text
                            on:input=move |e| { let v = event_target_value(&e).parse().unwrap_or(f64::NAN); update(&|m| m.value = v) }/>
                            <FieldErrors errors=errors_for(format!("measurements.{index}.value"))/></td>
                        <td>{editable.then(|| view! { <button type="button" class="button small secondary" on:click=move |_| measurements.update(|list| { list.remove(index); })>{move || i18n.t("facts.remove")}</button> })}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    // The factory's word on each document, and those past due, flagged for the monitors.
    let counted_on = StoredValue::new(crate::components::visit::today());
    let document_rows = move || {
        documents
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, d)| {
                let overdue = counted_on.with_value(|today| document_is_overdue(&d, today));
                let handed_over = d.handed_over_on.clone();
                let update = move |f: &dyn Fn(&mut DocumentRequest)| documents.update_untracked(|list| if let Some(item) = list.get_mut(index) { f(item) });
                view! {
                    <tr>
                        <td><input aria-label=move || i18n.t("facts.document_name") disabled=!editable prop:value=d.name.clone()
                            on:input=move |e| { let v = event_target_value(&e); update(&|d| d.name = v.clone()) }/>
                            <FieldErrors errors=errors_for(format!("documents.{index}.name"))/></td>
                        <td><input type="date" aria-label=move || i18n.t("facts.requested_on") disabled=!editable prop:value=d.requested_on.clone()
                            on:input=move |e| { let v = event_target_value(&e); update(&|d| d.requested_on = v.clone()) }/>
                            <FieldErrors errors=errors_for(format!("documents.{index}.requested_on"))/></td>
                        <td>
                            {d.due_on.clone()}
                            {handed_over.map(|day| view! {
                                <span class="tag block" data-testid="document-handed-over">
                                    {move || i18n.t_with("facts.factory_handed_over", &[("date", &day)])}
                                </span>
                            })}
                            {overdue.then(|| view! {
                                <span class="tag danger block" data-testid="document-overdue">{move || i18n.t("facts.document_overdue")}</span>
                            })}
                        </td>
                        <td><input type="date" aria-label=move || i18n.t("facts.received_on") disabled=!editable prop:value=d.received_on.clone().unwrap_or_default()
                            on:input=move |e| { let v = event_target_value(&e); update(&|d| d.received_on = (!v.is_empty()).then(|| v.clone())) }/>
                            <FieldErrors errors=errors_for(format!("documents.{index}.received_on"))/></td>
                        <td>{editable.then(|| view! { <button type="button" class="button small secondary" on:click=move |_| documents.update(|list| { list.remove(index); })>{move || i18n.t("facts.remove")}</button> })}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let today = crate::components::visit::today();
    view! {
        <form class="panel facts-form" on:submit=save data-testid="facts-form">
            <h2>{move || i18n.t("facts.title")}</h2>
            <Notice message=form_message(i18n, error)/>
            // A read-only visit shows its facts in disabled fields.
            <fieldset disabled=!editable style="border: 0; margin: 0; padding: 0; min-width: 0;">
                <div class="grid-form">
                    {number_field("gate_wait_minutes", "facts.gate_wait", gate_wait)}
                    {number_field("workers_interviewed", "facts.workers_interviewed", workers)}
                    {number_field("managers_interviewed", "facts.managers_interviewed", managers)}
                    {number_field("union_reps_interviewed", "facts.union_reps_interviewed", union_reps)}
                    <SelectField id="outcome" label=label("facts.outcome") value=outcome choose=label("facts.outcome_pending")
                        options=outcome_options errors=errors_for("outcome".into())/>
                </div>
                // A long wait at the gate is itself obstruction: say so, and offer the outcome.
                <Show when=move || {
                    gate_wait_is_too_long(parse_count(&gate_wait.get()))
                        && outcome.get() != VisitOutcome::NonCooperation.as_str()
                }>
                    <p class="notice warning" role="status" data-testid="long-gate-wait">
                        {move || i18n.t_with("facts.long_gate_wait", &[("minutes", &LONG_GATE_WAIT_MINUTES.to_string())])}
                        " "
                        <button type="button" class="button small secondary" data-testid="record-non-cooperation"
                            on:click=move |_| outcome.set(VisitOutcome::NonCooperation.as_str().to_owned())>
                            {move || i18n.t("facts.record_non_cooperation")}
                        </button>
                    </p>
                </Show>
                <Show when=move || outcome.get() == VisitOutcome::NonCooperation.as_str()>
                    <TextAreaField id="non_cooperation_details" label=label("facts.non_cooperation_details") value=details
                        errors=errors_for("non_cooperation_details".into()) rows=3/>
                </Show>
            </fieldset>
            <h3>{move || i18n.t("facts.measurements")}</h3>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th scope="col">{move || i18n.t("facts.measurement_kind")}</th>
                        <th scope="col">{move || i18n.t("facts.location")}</th>
                        <th scope="col">{move || i18n.t("facts.value")}</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>{measurement_rows}</tbody>
                </table>
            </div>
            {editable.then(|| view! {
                <button type="button" class="button small secondary" on:click=move |_| measurements.update(|list| list.push(Measurement { kind: MeasurementKind::NoiseDb, location: String::new(), value: 0.0 }))>
                    {move || i18n.t("facts.add_measurement")}
                </button>
            })}
            <h3>{move || i18n.t("facts.documents")}</h3>
            <p class="hint">{move || i18n.t("facts.documents_hint")}</p>
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        <th scope="col">{move || i18n.t("facts.document_name")}</th>
                        <th scope="col">{move || i18n.t("facts.requested_on")}</th>
                        <th scope="col">{move || i18n.t("facts.due_on")}</th>
                        <th scope="col">{move || i18n.t("facts.received_on")}</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>{document_rows}</tbody>
                </table>
            </div>
            {editable.then(move || view! {
                <button type="button" class="button small secondary" on:click=move |_| documents.update(|list| list.push(DocumentRequest { name: String::new(), requested_on: today.clone(), due_on: String::new(), received_on: None, handed_over_on: None }))>
                    {move || i18n.t("facts.add_document")}
                </button>
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>{move || i18n.t("facts.save")}</button>
                    <Show when=move || saved.get()><span class="notice success" role="status">{move || i18n.t("facts.saved")}</span></Show>
                    <Show when=move || kept_here.get() && !pending.get()>
                        <span class="notice warning" role="status" data-testid="facts-kept">{move || i18n.t("facts.kept_on_device")}</span>
                    </Show>
                </div>
            })}
        </form>
    }
}
