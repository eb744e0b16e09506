//! What hangs off a published report besides its body: objections to findings and their
//! review, amendments and the version history, and clarification meetings. The report page
//! (`pages::reports::objections::ReportAmendments`) fetches the data and sends the requests;
//! the forms here check them with the shared rules, hand them to the page's senders and tell
//! the page to fetch again.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::percent;
use shared::api::objections::{
    AmendedAnswer, ClarificationMeeting, Correction, MeetingOutcome, MeetingRequest,
    MeetingSchedule, MeetingStatus, NewObjection, ObjectedFinding, Objection, ObjectionDecision,
    ObjectionStatus, ReportMeetings, ReportObjections, ReportVersion, ReportVersionDetail,
};
use shared::api::visits::Finding;
use shared::error::FieldError;
use shared::objection::{
    correction_problems, decision_problems, meeting_outcome_problems, meeting_request_problems,
    meeting_schedule_problems, objection_problems,
};
use shared::roles::Role;
use shared::visit::AnswerChoice;

use crate::components::form::{
    field_errors, form_message, refused, FieldErrors, Notice, SelectField, Sender, Submission,
    TextAreaField, TextField,
};
use crate::components::visit::format_time;
use crate::error::ApiError;
use crate::i18n::use_i18n;

/// What the report's objection and meeting panels send. The page makes each call through the
/// typed client and reports the outcome back (see [`Submission`]): these components never call
/// the API.
#[derive(Clone, Copy)]
pub struct ReportActions {
    pub object: Sender<NewObjection>,
    /// An objected finding's id and the decision.
    pub decide: Sender<(i64, ObjectionDecision)>,
    pub correct: Sender<Correction, ReportVersion>,
    pub request_meeting: Sender<MeetingRequest>,
    /// A meeting's id and its date and place.
    pub schedule_meeting: Sender<(i64, MeetingSchedule)>,
    /// A meeting's id and what was said.
    pub record_outcome: Sender<(i64, MeetingOutcome)>,
}

/// The day of a Unix time, in the browser's time zone.
fn day_of(seconds: i64) -> String {
    format_time(seconds).chars().take(10).collect()
}

/// "Name (Role)" of whoever took a step.
fn who(name: &str, role: Option<Role>, i18n: crate::i18n::I18n) -> String {
    match role {
        Some(role) => format!("{name} ({})", i18n.t(&format!("role.{}", role.as_str()))),
        None => name.to_owned(),
    }
}

/// "This report was amended on … (version N): reason", for the latest amendment.
#[component]
pub fn AmendmentNotice(versions: Vec<ReportVersion>) -> impl IntoView {
    let i18n = use_i18n();
    let latest = versions
        .into_iter()
        .filter(|v| v.number > 1)
        .max_by_key(|v| v.number);
    latest.map(|version| {
        let date = day_of(version.created_at);
        let number = version.number.to_string();
        let reason = version.reason.clone();
        view! {
            <p class="notice warning amendment-notice" role="status" data-testid="amendment-notice">
                {move || i18n.t_with("amend.notice", &[("date", &date), ("version", &number), ("reason", &reason)])}
            </p>
        }
    })
}

/// Every version of the report, with a link to read each one.
#[component]
pub fn VersionHistory(visit_id: i64, versions: Vec<ReportVersion>) -> impl IntoView {
    let i18n = use_i18n();
    let latest = versions.iter().map(|v| v.number).max().unwrap_or(1);
    let rows = versions
        .into_iter()
        .rev()
        .map(|version| {
            let kind_key = format!("versions.kind.{}", version.kind.as_str());
            let by = version.created_by.clone().unwrap_or_default();
            let role = version.created_by_role;
            let href = if version.number == latest {
                format!("/reports/{visit_id}")
            } else {
                format!("/reports/{visit_id}?version={}", version.number)
            };
            let number = version.number;
            view! {
                <tr data-testid="version-row" data-number=number>
                    <td class="number">{number}</td>
                    <td>{day_of(version.created_at)}</td>
                    <td>{move || i18n.t(&kind_key)}</td>
                    <td>{move || who(&by, role, i18n)}</td>
                    <td>{version.question_code.clone().unwrap_or_default()}" "<span lang="en">{version.reason.clone()}</span></td>
                    <td>
                        <A href=href>{move || i18n.t(if number == latest { "versions.read_current" } else { "versions.read" })}</A>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="panel report-block no-print" data-testid="version-history">
            <h3>{move || i18n.t("versions.title")}</h3>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("versions.number")}</th>
                            <th scope="col">{move || i18n.t("versions.date")}</th>
                            <th scope="col">{move || i18n.t("versions.kind")}</th>
                            <th scope="col">{move || i18n.t("versions.by")}</th>
                            <th scope="col">{move || i18n.t("versions.reason")}</th>
                            <th scope="col"><span class="visually-hidden">{move || i18n.t("versions.read")}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// An earlier version of the report: its findings and scores as they were.
#[component]
pub fn VersionView(visit_id: i64, detail: ReportVersionDetail, latest: i64) -> impl IntoView {
    let i18n = use_i18n();
    let version = detail.version;
    let snapshot = detail.snapshot;
    let number = version.number.to_string();
    let latest_text = latest.to_string();
    let date = day_of(version.created_at);
    let overall = percent(snapshot.scores.overall_rate());
    let critical = snapshot.scores.critical_issues.len();
    let clusters = snapshot
        .scores
        .clusters
        .into_iter()
        .map(|cluster| {
            let name = StoredValue::new(cluster.name);
            view! {
                <tr>
                    <th scope="row">{move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}</th>
                    <td class="number">{cluster.points_assessed}</td>
                    <td class="number">{cluster.points_non_compliant}</td>
                    <td class="number">{percent(cluster.non_compliance_rate)}</td>
                </tr>
            }
        })
        .collect_view();
    let findings = snapshot
        .findings
        .into_iter()
        .map(|finding| {
            let question = StoredValue::new(finding.question);
            view! {
                <li class="finding-item" data-testid="old-version-finding" data-question=finding.question_code.clone()>
                    <p class="question-code">{finding.question_code.clone()}</p>
                    <p class="question-text">{move || question.with_value(|q| q.get(i18n.lang().code()).to_owned())}</p>
                    <p lang="en" data-testid="old-version-narrative">{finding.finding}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel old-version" data-testid="old-version" data-number=version.number>
            <p class="notice warning" role="status">
                {move || i18n.t_with("versions.reading_old", &[("version", &number), ("latest", &latest_text), ("date", &date)])}
                " "
                <A href=format!("/reports/{visit_id}")>{move || i18n.t("versions.read_current")}</A>
            </p>
            <dl class="facts">
                <dt>{move || i18n.t("report.overall_rate")}</dt>
                <dd data-testid="old-version-overall-rate">{overall}</dd>
                <dt>{move || i18n.t("report.critical_count")}</dt>
                <dd>{critical}</dd>
            </dl>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("report.cluster")}</th>
                            <th scope="col">{move || i18n.t("report.points_assessed")}</th>
                            <th scope="col">{move || i18n.t("report.points_non_compliant")}</th>
                            <th scope="col">{move || i18n.t("report.non_compliance_rate")}</th>
                        </tr>
                    </thead>
                    <tbody>{clusters}</tbody>
                </table>
            </div>
            <h3>{move || i18n.t("report.findings")}</h3>
            <ol class="findings">{findings}</ol>
        </section>
    }
}

/// The choice, finding and suggestion a finding is amended to.
#[component]
fn AmendmentFields(
    /// Prefix of the inputs' ids, unique on the page.
    id: String,
    /// The chosen answer, as `AnswerChoice::as_str`.
    choice: RwSignal<String>,
    finding: RwSignal<String>,
    suggestion: RwSignal<String>,
    error: RwSignal<Option<ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let options = Signal::derive(move || {
        AnswerChoice::ALL
            .iter()
            .map(|option| {
                let value = option.as_str();
                (value.to_owned(), i18n.t(&format!("capture.choice.{value}")))
            })
            .collect::<Vec<_>>()
    });
    let non_compliant =
        move || AnswerChoice::parse(&choice.get()) == Some(AnswerChoice::NonCompliant);
    view! {
        <fieldset class="amendment-fields">
            <legend>{move || i18n.t("amend.amended_answer")}</legend>
            <SelectField
                id=format!("{id}-choice")
                label=Signal::derive(move || i18n.t("amend.choice"))
                value=choice
                options=options
                errors=field_errors(i18n, error, "amendment.choice")
            />
            <Show when=non_compliant>
                <TextAreaField
                    id=format!("{id}-finding")
                    label=Signal::derive(move || i18n.t("capture.finding"))
                    value=finding
                    errors=field_errors(i18n, error, "amendment.finding")
                />
                <TextAreaField
                    id=format!("{id}-suggestion")
                    label=Signal::derive(move || i18n.t("capture.suggestion"))
                    value=suggestion
                    errors=field_errors(i18n, error, "amendment.suggestion")
                />
            </Show>
        </fieldset>
    }
}

/// The amended answer as chosen in [`AmendmentFields`].
fn amended_answer(
    choice: RwSignal<String>,
    finding: RwSignal<String>,
    suggestion: RwSignal<String>,
) -> AmendedAnswer {
    AmendedAnswer {
        // The select offers only known choices.
        choice: AnswerChoice::parse(&choice.get_untracked()).unwrap_or(AnswerChoice::Compliant),
        finding: finding.get_untracked(),
        suggestion: suggestion.get_untracked(),
    }
}

/// The factory's objection to one or more findings, each with its reason.
#[component]
pub fn ObjectionForm(
    findings: Vec<Finding>,
    deadline: Option<String>,
    /// Set once an objection was sent; kept by the page, as the form is drawn anew after it.
    sent: RwSignal<bool>,
    send: Sender<NewObjection>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    // The codes in the order they were sent: the server names fields by that position.
    let sent_codes = RwSignal::new(Vec::<String>::new());
    let rows: Vec<(Finding, RwSignal<bool>, RwSignal<String>)> = findings
        .into_iter()
        .map(|finding| (finding, RwSignal::new(false), RwSignal::new(String::new())))
        .collect();
    let rows = StoredValue::new(rows);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let chosen: Vec<ObjectedFinding> = rows.with_value(|rows| {
            rows.iter()
                .filter(|(_, checked, _)| checked.get_untracked())
                .map(|(finding, _, reason)| ObjectedFinding {
                    question_code: finding.question_code.clone(),
                    reason: reason.get_untracked().trim().to_owned(),
                })
                .collect()
        });
        sent_codes.set(chosen.iter().map(|f| f.question_code.clone()).collect());
        sent.set(false);
        let body = NewObjection { findings: chosen };
        // The findings of the report as the form offers them, as the API checks them.
        let problems = rows.with_value(|rows| {
            let codes: Vec<&str> = rows
                .iter()
                .map(|(finding, _, _)| finding.question_code.as_str())
                .collect();
            objection_problems(&body, &codes)
        });
        if refused(problems, error) {
            return;
        }
        pending.set(true);
        let done = Callback::new(move |result: Result<(), ApiError>| {
            match result {
                Ok(()) => {
                    error.set(None);
                    sent.set(true);
                    rows.with_value(|rows| {
                        for (_, checked, reason) in rows {
                            checked.set(false);
                            reason.set(String::new());
                        }
                    });
                    on_saved.run(());
                }
                // What was typed stays in the form.
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
        send.run(Submission { body, done });
    };
    let items = rows.with_value(|rows| {
        rows.iter()
            .map(|(finding, checked, reason)| {
                let (checked, reason) = (*checked, *reason);
                let code = finding.question_code.clone();
                let box_id = format!("object-{code}");
                let reason_id = format!("object-{code}-reason");
                let question = StoredValue::new(finding.question.clone());
                let code_for_errors = code.clone();
                let reason_errors = Signal::derive(move || {
                    let position = sent_codes.get().iter().position(|c| *c == code_for_errors);
                    match (position, error.get()) {
                        (Some(index), Some(e)) => {
                            let mut messages =
                                e.field_messages(&format!("findings.{index}.reason"), i18n.lang());
                            messages.extend(e.field_messages(
                                &format!("findings.{index}.question_code"),
                                i18n.lang(),
                            ));
                            messages
                        }
                        _ => Vec::new(),
                    }
                });
                view! {
                    <li class="objection-choice" data-testid="objection-choice" data-question=code.clone()>
                        <div class="field checkbox">
                            <label for=box_id.clone()>
                                <input
                                    type="checkbox"
                                    id=box_id.clone()
                                    prop:checked=move || checked.get()
                                    on:change=move |event| checked.set(event_target_checked(&event))
                                />
                                <span><span class="question-code">{code.clone()}</span>" "
                                {move || question.with_value(|q| q.get(i18n.lang().code()).to_owned())}</span>
                            </label>
                        </div>
                        <Show when=move || checked.get()>
                            <TextAreaField
                                id=reason_id.clone()
                                label=Signal::derive(move || i18n.t("objections.reason"))
                                value=reason
                                errors=reason_errors
                            />
                        </Show>
                    </li>
                }
            })
            .collect_view()
    });
    let deadline_text = deadline.unwrap_or_default();
    view! {
        <form class="objection-form" data-testid="objection-form" on:submit=submit novalidate>
            <h4>{move || i18n.t("objections.form_title")}</h4>
            <p class="hint">{move || i18n.t_with("objections.form_hint", &[("date", &deadline_text)])}</p>
            <Notice message=form_message(i18n, error)/>
            <Notice message=Signal::derive(move || error.get().map(|e| e.field_messages("findings", i18n.lang()).join(" ")).filter(|m| !m.is_empty()))/>
            <ul class="objection-choices">{items}</ul>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || i18n.t("objections.submit")}
                </button>
            </div>
        </form>
    }
}

/// Uphold (with the amended answer) or reject (with a reason) one objected finding.
#[component]
fn DecisionForm(
    objection: Objection,
    finding: Option<Finding>,
    send: Sender<(i64, ObjectionDecision)>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = objection.id;
    let outcome = RwSignal::new(None::<ObjectionStatus>);
    let reason = RwSignal::new(String::new());
    let choice = RwSignal::new(AnswerChoice::Compliant.as_str().to_owned());
    let finding_text = RwSignal::new(
        finding
            .as_ref()
            .map(|f| f.finding.clone())
            .unwrap_or_default(),
    );
    let suggestion = RwSignal::new(finding.map(|f| f.suggestion).unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let chosen = outcome.get_untracked().unwrap_or(ObjectionStatus::Pending);
        let decision = ObjectionDecision {
            outcome: chosen,
            reason: reason.get_untracked(),
            amendment: (chosen == ObjectionStatus::Upheld)
                .then(|| amended_answer(choice, finding_text, suggestion)),
        };
        if refused(decision_problems(&decision), error) {
            return;
        }
        pending.set(true);
        let done = Callback::new(move |result: Result<(), ApiError>| {
            match result {
                Ok(()) => {
                    error.set(None);
                    on_saved.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
        send.run(Submission {
            body: (id, decision),
            done,
        });
    };
    let radio = move |value: ObjectionStatus, key: &'static str| {
        let radio_id = format!("decision-{id}-{}", value.as_str());
        view! {
            <label for=radio_id.clone() class="radio">
                <input
                    type="radio"
                    id=radio_id.clone()
                    name=format!("decision-{id}")
                    value=value.as_str()
                    prop:checked=move || outcome.get() == Some(value)
                    on:change=move |_| outcome.set(Some(value))
                />
                {move || i18n.t(key)}
            </label>
        }
    };
    view! {
        <form class="decision-form" data-testid="decision-form" on:submit=submit novalidate>
            <Notice message=form_message(i18n, error)/>
            <fieldset class="field">
                <legend>{move || i18n.t("objections.decision")}</legend>
                <div class="radio-row">
                    {radio(ObjectionStatus::Upheld, "objections.uphold")}
                    {radio(ObjectionStatus::Rejected, "objections.reject")}
                </div>
                <FieldErrors errors=field_errors(i18n, error, "outcome")/>
            </fieldset>
            <Show when=move || outcome.get() == Some(ObjectionStatus::Upheld)>
                <AmendmentFields id=format!("decision-{id}") choice=choice finding=finding_text suggestion=suggestion error=error/>
            </Show>
            <TextAreaField
                id=format!("decision-{id}-reason")
                label=Signal::derive(move || i18n.t("objections.decision_reason"))
                value=reason
                errors=field_errors(i18n, error, "reason")
            />
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || i18n.t("objections.decide")}
                </button>
            </div>
        </form>
    }
}

/// Staff amend one finding of the published report directly.
#[component]
pub fn CorrectionForm(
    findings: Vec<Finding>,
    send: Sender<Correction, ReportVersion>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let findings = StoredValue::new(findings);
    let code = RwSignal::new(findings.with_value(|f| {
        f.first()
            .map(|f| f.question_code.clone())
            .unwrap_or_default()
    }));
    let choice = RwSignal::new(AnswerChoice::NonCompliant.as_str().to_owned());
    let current = move || {
        findings.with_value(|all| {
            all.iter()
                .find(|f| f.question_code == code.get_untracked())
                .cloned()
        })
    };
    let finding_text = RwSignal::new(current().map(|f| f.finding).unwrap_or_default());
    let suggestion = RwSignal::new(current().map(|f| f.suggestion).unwrap_or_default());
    // Another finding chosen: its text is the starting point of the amendment.
    Effect::watch(
        move || code.get(),
        move |_, _, _| {
            if let Some(found) = current() {
                finding_text.set(found.finding);
                suggestion.set(found.suggestion);
            }
        },
        false,
    );
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = Correction {
            question_code: code.get_untracked(),
            reason: reason.get_untracked(),
            amendment: amended_answer(choice, finding_text, suggestion),
        };
        saved.set(None);
        if refused(correction_problems(&body), error) {
            return;
        }
        pending.set(true);
        let done = Callback::new(move |result: Result<ReportVersion, ApiError>| {
            match result {
                Ok(version) => {
                    error.set(None);
                    saved.set(Some(i18n.t_with(
                        "amend.saved",
                        &[("version", &version.number.to_string())],
                    )));
                    on_saved.run(());
                }
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
        send.run(Submission { body, done });
    };
    let options = Signal::derive(move || {
        findings.with_value(|all| {
            all.iter()
                .map(|finding| (finding.question_code.clone(), finding.question_code.clone()))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <details class="correction" data-testid="correction">
            <summary>{move || i18n.t("amend.correction_title")}</summary>
            <form class="correction-form" on:submit=submit novalidate>
                <Notice message=form_message(i18n, error)/>
                <Notice kind="success" message=saved/>
                <SelectField
                    id="correction-question"
                    label=Signal::derive(move || i18n.t("amend.question"))
                    value=code
                    options=options
                    errors=field_errors(i18n, error, "question_code")
                />
                <AmendmentFields id="correction".into() choice=choice finding=finding_text suggestion=suggestion error=error/>
                <TextAreaField
                    id="correction-reason"
                    label=Signal::derive(move || i18n.t("amend.reason"))
                    value=reason
                    errors=field_errors(i18n, error, "reason")
                    rows=3
                />
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t("amend.save")}
                    </button>
                </div>
            </form>
        </details>
    }
}

/// The objections of a report with their outcomes; the objection form for the factory and
/// the decision forms for staff.
#[component]
pub fn ObjectionsPanel(
    data: ReportObjections,
    findings: Vec<Finding>,
    is_factory_manager: bool,
    /// After an objection is submitted.
    on_saved: Callback<()>,
    /// After a decision or correction, which may change the findings and scores.
    on_decided: Callback<()>,
    /// An objection was sent from this page.
    sent: RwSignal<bool>,
    actions: ReportActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let deadline = data.deadline.clone().unwrap_or_default();
    let deadline_for_state = deadline.clone();
    let open = data.open;
    let may_decide = data.may_decide;
    let window = move || {
        if open {
            i18n.t_with("objections.open_until", &[("date", &deadline_for_state)])
        } else {
            i18n.t_with("objections.closed_since", &[("date", &deadline_for_state)])
        }
    };
    let items = if data.objections.is_empty() {
        view! { <p data-testid="no-objections">{move || i18n.t("objections.none")}</p> }.into_any()
    } else {
        data.objections
            .iter()
            .cloned()
            .map(|objection| {
                let finding = findings.iter().find(|f| f.question_code == objection.question_code).cloned();
                view! { <ObjectionItem objection=objection finding=finding may_decide=may_decide send=actions.decide on_saved=on_decided/> }
            })
            .collect_view()
            .into_any()
    };
    let form = data.may_object.then(|| {
        view! { <ObjectionForm findings=findings.clone() deadline=data.deadline.clone() sent=sent send=actions.object on_saved=on_saved/> }
    });
    let correction = (may_decide && !findings.is_empty())
        .then(|| view! { <CorrectionForm findings=findings.clone() send=actions.correct on_saved=on_decided/> });
    view! {
        <section class="panel report-block no-print" data-testid="objections">
            <h3>{move || i18n.t("objections.title")}</h3>
            {(!deadline.is_empty()).then(|| view! { <p class="hint" data-testid="objection-window" data-open=open.to_string()>{window}</p> })}
            {(is_factory_manager && !open).then(|| view! { <p class="notice info">{move || i18n.t("objections.closed_hint")}</p> })}
            <Notice kind="success" message=Signal::derive(move || sent.get().then(|| i18n.t("objections.submitted")))/>
            <ul class="objection-list">{items}</ul>
            {form}
            {correction}
        </section>
    }
}

#[component]
fn ObjectionItem(
    objection: Objection,
    finding: Option<Finding>,
    may_decide: bool,
    send: Sender<(i64, ObjectionDecision)>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = objection.status;
    let status_key = format!("objections.status.{}", status.as_str());
    let question = StoredValue::new(objection.question.clone());
    let submitted_by = objection.submitted_by.clone();
    let submitted_on = day_of(objection.submitted_at);
    let submitted = move || {
        i18n.t_with(
            "objections.submitted_by",
            &[("name", &submitted_by), ("date", &submitted_on)],
        )
    };
    let decided = objection.decided_at.map(|at| {
        let name = objection.decided_by.clone().unwrap_or_default();
        let role = objection.decided_by_role;
        let date = day_of(at);
        let version = objection.version_number.map(|n| n.to_string());
        view! {
            <p class="decision" data-testid="objection-decision">
                {move || i18n.t_with("objections.decided_by", &[("name", &who(&name, role, i18n)), ("date", &date)])}
                {version.clone().map(|number| view! { " · " {move || i18n.t_with("objections.created_version", &[("version", &number)])} })}
                <br/>
                <span lang="en">{objection.decision_reason.clone()}</span>
            </p>
        }
    });
    let form = (may_decide && status == ObjectionStatus::Pending).then(
        || view! { <DecisionForm objection=objection.clone() finding=finding send=send on_saved=on_saved/> },
    );
    view! {
        <li class="objection-item" data-testid="objection" data-status=status.as_str() data-question=objection.question_code.clone()>
            <p>
                <span class=format!("tag objection-{}", status.as_str())>{move || i18n.t(&status_key)}</span>" "
                <span class="question-code">{objection.question_code.clone()}</span>" "
                {move || question.with_value(|q| q.get(i18n.lang().code()).to_owned())}
            </p>
            <p class="hint">{submitted}</p>
            <blockquote lang="en" data-testid="objection-reason">{objection.reason.clone()}</blockquote>
            {decided}
            {form}
        </li>
    }
}

/// The report's clarification meetings, the factory's request form and the staff's forms.
#[component]
pub fn MeetingsPanel(
    data: ReportMeetings,
    actions: ReportActions,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let may_manage = data.may_manage;
    let items = if data.meetings.is_empty() {
        view! { <p>{move || i18n.t("meetings.none")}</p> }.into_any()
    } else {
        data.meetings
            .into_iter()
            .map(|meeting| view! { <MeetingItem meeting=meeting may_manage=may_manage actions=actions on_saved=on_saved/> })
            .collect_view()
            .into_any()
    };
    let request = data
        .may_request
        .then(|| view! { <MeetingRequestForm send=actions.request_meeting on_saved=on_saved/> });
    view! {
        <section class="panel report-block no-print" data-testid="meetings">
            <h3>{move || i18n.t("meetings.title")}</h3>
            <ul class="meeting-list">{items}</ul>
            {request}
        </section>
    }
}

#[component]
fn MeetingItem(
    meeting: ClarificationMeeting,
    may_manage: bool,
    actions: ReportActions,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = meeting.status;
    let status_key = format!("meetings.status.{}", status.as_str());
    let requested_by = meeting.requested_by.clone();
    let requested_on = day_of(meeting.requested_at);
    let requested = move || {
        i18n.t_with(
            "meetings.requested_by",
            &[("name", &requested_by), ("date", &requested_on)],
        )
    };
    let scheduled = meeting.scheduled_for.clone().map(|when| {
        let when = when.replace('T', " ");
        let place = meeting.place.clone();
        let by = meeting.scheduled_by.clone().unwrap_or_default();
        view! {
            <p data-testid="meeting-schedule">
                {move || i18n.t_with("meetings.scheduled_for", &[("when", &when), ("place", &place), ("name", &by)])}
            </p>
        }
    });
    let outcome = meeting.outcome_at.map(|at| {
        let by = meeting.outcome_by.clone().unwrap_or_default();
        let date = day_of(at);
        view! {
            <p data-testid="meeting-outcome">
                {move || i18n.t_with("meetings.outcome_by", &[("name", &by), ("date", &date)])}
                <br/>
                <span lang="en">{meeting.outcome.clone()}</span>
            </p>
        }
    });
    let schedule_form = (may_manage && status != MeetingStatus::Held)
        .then(|| view! { <ScheduleForm meeting_id=meeting.id send=actions.schedule_meeting on_saved=on_saved/> });
    let outcome_form = (may_manage && status == MeetingStatus::Scheduled)
        .then(|| view! { <OutcomeForm meeting_id=meeting.id send=actions.record_outcome on_saved=on_saved/> });
    view! {
        <li class="meeting-item" data-testid="meeting" data-status=status.as_str()>
            <p><span class="tag">{move || i18n.t(&status_key)}</span>" "<span lang="en">{meeting.topic.clone()}</span></p>
            <p class="hint">{requested}</p>
            {scheduled}
            {outcome}
            {schedule_form}
            {outcome_form}
        </li>
    }
}

/// Checks `body` with the shared rule's `problems`, then hands it to the page's `send` and
/// tells the page to fetch again once it is saved; keeps the input on failure.
fn send_form<B: 'static>(
    send: Sender<B>,
    body: B,
    problems: Vec<FieldError>,
    pending: RwSignal<bool>,
    error: RwSignal<Option<ApiError>>,
    on_done: impl Fn() + Send + Sync + 'static,
) {
    if refused(problems, error) {
        return;
    }
    pending.set(true);
    let done = Callback::new(move |result: Result<(), ApiError>| {
        match result {
            Ok(()) => {
                error.set(None);
                on_done();
            }
            Err(failure) => error.set(Some(failure)),
        }
        pending.set(false);
    });
    send.run(Submission { body, done });
}

#[component]
fn MeetingRequestForm(send: Sender<MeetingRequest>, on_saved: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let topic = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = MeetingRequest {
            topic: topic.get_untracked(),
        };
        let problems = meeting_request_problems(&body);
        send_form(send, body, problems, pending, error, move || {
            topic.set(String::new());
            on_saved.run(());
        });
    };
    view! {
        <form class="meeting-request" data-testid="meeting-request" on:submit=submit novalidate>
            <h4>{move || i18n.t("meetings.request_title")}</h4>
            <Notice message=form_message(i18n, error)/>
            <TextAreaField
                id="meeting-topic"
                label=Signal::derive(move || i18n.t("meetings.topic"))
                value=topic
                errors=field_errors(i18n, error, "topic")
                rows=3
            />
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>{move || i18n.t("meetings.request")}</button>
            </div>
        </form>
    }
}

#[component]
fn ScheduleForm(
    meeting_id: i64,
    send: Sender<(i64, MeetingSchedule)>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let when = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = MeetingSchedule {
            scheduled_for: when.get_untracked(),
            place: place.get_untracked(),
        };
        let problems = meeting_schedule_problems(&body);
        send_form(
            send,
            (meeting_id, body),
            problems,
            pending,
            error,
            move || on_saved.run(()),
        );
    };
    view! {
        <form class="meeting-schedule grid-form" data-testid="meeting-schedule-form" on:submit=submit novalidate>
            <Notice message=form_message(i18n, error)/>
            <TextField
                id=format!("meeting-{meeting_id}-when")
                input_type="datetime-local"
                label=Signal::derive(move || i18n.t("meetings.when"))
                value=when
                errors=field_errors(i18n, error, "scheduled_for")
            />
            <TextAreaField
                id=format!("meeting-{meeting_id}-place")
                label=Signal::derive(move || i18n.t("meetings.place"))
                value=place
                errors=field_errors(i18n, error, "place")
                rows=2
            />
            <div class="form-actions actions">
                <button type="submit" class="button secondary" disabled=move || pending.get()>{move || i18n.t("meetings.schedule")}</button>
            </div>
        </form>
    }
}

#[component]
fn OutcomeForm(
    meeting_id: i64,
    send: Sender<(i64, MeetingOutcome)>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = MeetingOutcome {
            outcome: outcome.get_untracked(),
        };
        let problems = meeting_outcome_problems(&body);
        send_form(
            send,
            (meeting_id, body),
            problems,
            pending,
            error,
            move || on_saved.run(()),
        );
    };
    view! {
        <form class="meeting-outcome" data-testid="meeting-outcome-form" on:submit=submit novalidate>
            <Notice message=form_message(i18n, error)/>
            <TextAreaField
                id=format!("meeting-{meeting_id}-outcome")
                label=Signal::derive(move || i18n.t("meetings.outcome"))
                value=outcome
                errors=field_errors(i18n, error, "outcome")
            />
            <div class="actions">
                <button type="submit" class="button secondary" disabled=move || pending.get()>{move || i18n.t("meetings.record_outcome")}</button>
            </div>
        </form>
    }
}
