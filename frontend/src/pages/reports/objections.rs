//! Objections, amendments and clarification meetings: the part of the report page that
//! fetches them ([`ReportAmendments`]), and `/objections`, where administrators and approvers
//! find the objections waiting for a decision and the meetings not yet held.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use shared::api::analytics::FactoryReport;
use shared::api::objections::{
    ClarificationMeeting, Correction, MeetingOutcome, MeetingRequest, MeetingSchedule,
    NewObjection, Objection, ObjectionDecision,
};
use shared::roles::Role;

use crate::api;
use crate::components::form::sender;
use crate::components::objections::{
    AmendmentNotice, MeetingsPanel, ObjectionsPanel, ReportActions, VersionHistory, VersionView,
};
use crate::components::visit::format_time;
use crate::i18n::use_i18n;
use crate::pages::LoadError;
use crate::session::use_session;

/// Wraps the report body (`children`) with the amendment notice and an earlier version when
/// one is asked for (`?version=N`) above it, and the objections, the version history and
/// the clarification meetings below it. `on_amended` fetches the report again after a change
/// of its findings.
#[component]
pub fn ReportAmendments(
    report: FactoryReport,
    on_amended: Callback<()>,
    children: Children,
) -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let visit_id = report.visit.id;
    let findings = StoredValue::new(report.findings.clone());
    let role = session.user().map(|user| user.role);
    let is_factory_manager = role == Some(Role::FactoryManager);
    // Buyers read objections and versions; meetings are between the factory and the staff.
    let sees_meetings =
        role.is_some_and(|role| role.is_programme_staff() || role == Role::FactoryManager);
    let objections = LocalResource::new(move || api::objections::of_report(visit_id));
    let versions = LocalResource::new(move || api::objections::versions(visit_id));
    let meetings = LocalResource::new(move || {
        let request = sees_meetings.then(|| api::objections::meetings_of_report(visit_id));
        async move {
            match request {
                Some(request) => request.await.map(Some),
                None => Ok(None),
            }
        }
    });
    let requested_version =
        move || query.with(|q| q.get("version").and_then(|v| v.parse::<i64>().ok()));
    let old_version = LocalResource::new(move || {
        let request = requested_version().map(|number| api::objections::version(visit_id, number));
        async move {
            match request {
                Some(request) => request.await.map(Some),
                None => Ok(None),
            }
        }
    });
    let objection_sent = RwSignal::new(false);
    let actions = ReportActions {
        object: sender(move |body: NewObjection| async move {
            api::objections::submit(visit_id, &body).await.map(|_| ())
        }),
        decide: sender(|(id, decision): (i64, ObjectionDecision)| async move {
            api::objections::decide(id, &decision).await.map(|_| ())
        }),
        correct: sender(move |body: Correction| async move {
            api::objections::correct(visit_id, &body).await
        }),
        request_meeting: sender(move |body: MeetingRequest| async move {
            api::objections::request_meeting(visit_id, &body)
                .await
                .map(|_| ())
        }),
        schedule_meeting: sender(|(id, body): (i64, MeetingSchedule)| async move {
            api::objections::schedule_meeting(id, &body)
                .await
                .map(|_| ())
        }),
        record_outcome: sender(|(id, body): (i64, MeetingOutcome)| async move {
            api::objections::record_outcome(id, &body).await.map(|_| ())
        }),
    };
    let refresh_all = Callback::new(move |_| {
        objections.refetch();
        versions.refetch();
        meetings.refetch();
    });
    // A decision or correction may change the findings and scores: the whole report reloads.
    let after_decision = Callback::new(move |_| on_amended.run(()));
    let latest = move || {
        versions
            .get()
            .and_then(|result| result.ok())
            .and_then(|list| list.iter().map(|v| v.number).max())
            .unwrap_or(1)
    };
    view! {
        {move || versions.get().and_then(|result| result.ok()).map(|list| view! { <AmendmentNotice versions=list/> })}
        {move || old_version.get().map(|result| match result {
            Ok(Some(detail)) if detail.version.number != latest() => {
                view! { <VersionView visit_id=visit_id detail=detail latest=latest()/> }.into_any()
            }
            Ok(_) => ().into_any(),
            Err(error) => view! { <LoadError error=error retry=Callback::new(move |_| old_version.refetch())/> }.into_any(),
        })}
        {children()}
        {move || objections.get().map(|result| match result {
            Ok(data) => view! {
                <ObjectionsPanel
                    data=data
                    findings=findings.get_value()
                    is_factory_manager=is_factory_manager
                    on_saved=Callback::new(move |_| objections.refetch())
                    on_decided=after_decision
                    sent=objection_sent
                    actions=actions
                />
            }.into_any(),
            Err(error) => view! { <LoadError error=error retry=refresh_all/> }.into_any(),
        })}
        {move || versions.get().and_then(|result| result.ok()).map(|list| view! { <VersionHistory visit_id=visit_id versions=list/> })}
        {move || meetings.get().map(|result| match result {
            Ok(Some(data)) => view! { <MeetingsPanel data=data actions=actions on_saved=Callback::new(move |_| meetings.refetch())/> }.into_any(),
            Ok(None) => ().into_any(),
            Err(error) => view! { <LoadError error=error retry=refresh_all/> }.into_any(),
        })}
    }
}

/// `/objections`: what waits for administrators and approvers.
#[component]
pub fn ObjectionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let pending = LocalResource::new(api::objections::pending);
    let meetings = LocalResource::new(api::objections::open_meetings);
    let retry = Callback::new(move |_| {
        pending.refetch();
        meetings.refetch();
    });
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("objections.page_title")}</h1>
            <p class="subtitle">{move || i18n.t("objections.page_intro")}</p>
        </section>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || pending.get().map(|result| match result {
                Ok(list) => view! { <PendingObjections objections=list/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
            {move || meetings.get().map(|result| match result {
                Ok(list) => view! { <OpenMeetings meetings=list/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

fn day_of(seconds: i64) -> String {
    format_time(seconds).chars().take(10).collect()
}

#[component]
fn PendingObjections(objections: Vec<Objection>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if objections.is_empty() {
        view! { <p data-testid="no-pending-objections">{move || i18n.t("objections.none_pending")}</p> }.into_any()
    } else {
        let rows = objections
            .into_iter()
            .map(|objection| {
                let question = StoredValue::new(objection.question.clone());
                view! {
                    <tr data-testid="pending-objection">
                        <td>{objection.factory_name.clone()}</td>
                        <td>{objection.visit_start_date.clone()}</td>
                        <td>
                            <span class="question-code">{objection.question_code.clone()}</span>" "
                            {move || question.with_value(|q| q.get(i18n.lang().code()).to_owned())}
                        </td>
                        <td lang="en">{objection.reason.clone()}</td>
                        <td>{objection.submitted_by.clone()}" · "{day_of(objection.submitted_at)}</td>
                        <td><A href=format!("/reports/{}", objection.visit_id)>{move || i18n.t("objections.open_report")}</A></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("objections.col.factory")}</th>
                            <th scope="col">{move || i18n.t("objections.col.visit")}</th>
                            <th scope="col">{move || i18n.t("objections.col.finding")}</th>
                            <th scope="col">{move || i18n.t("objections.reason")}</th>
                            <th scope="col">{move || i18n.t("objections.col.submitted")}</th>
                            <th scope="col"><span class="visually-hidden">{move || i18n.t("objections.open_report")}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel" data-testid="pending-objections">
            <h2>{move || i18n.t("objections.pending_title")}</h2>
            {body}
        </section>
    }
}

#[component]
fn OpenMeetings(meetings: Vec<ClarificationMeeting>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if meetings.is_empty() {
        view! { <p>{move || i18n.t("meetings.none_open")}</p> }.into_any()
    } else {
        let rows = meetings
            .into_iter()
            .map(|meeting| {
                let status_key = format!("meetings.status.{}", meeting.status.as_str());
                view! {
                    <tr data-testid="open-meeting">
                        <td>{meeting.factory_name.clone()}</td>
                        <td lang="en">{meeting.topic.clone()}</td>
                        <td>{move || i18n.t(&status_key)}</td>
                        <td>{meeting.scheduled_for.clone().unwrap_or_default().replace('T', " ")}</td>
                        <td><A href=format!("/reports/{}", meeting.visit_id)>{move || i18n.t("objections.open_report")}</A></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("objections.col.factory")}</th>
                            <th scope="col">{move || i18n.t("meetings.topic")}</th>
                            <th scope="col">{move || i18n.t("meetings.col.status")}</th>
                            <th scope="col">{move || i18n.t("meetings.when")}</th>
                            <th scope="col"><span class="visually-hidden">{move || i18n.t("objections.open_report")}</span></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel" data-testid="open-meetings">
            <h2>{move || i18n.t("meetings.open_title")}</h2>
            {body}
        </section>
    }
}
