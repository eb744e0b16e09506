//! Parts of a factory manager's home page: the latest report, compliance per cluster beside
//! the industry, the documents the monitors asked for, the factory's open actions (corrective
//! and self-identified), the visits' closing meetings, upcoming meetings, who reads the factory's reports and the way to the
//! self-assessment. They render what the page gives them; the page fetches and sends.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::percent;
use shared::api::access::AccessGrant;
use shared::api::analytics::{FactoryReport, ReportCluster, ReportHistoryEntry};
use shared::api::closing_meetings::ClosingMeetingSummary;
use shared::api::improvement_actions::{ActionSource, FactoryAction, FactoryActions};
use shared::api::objections::{ClarificationMeeting, MeetingStatus};
use shared::api::self_assessments::SelfAssessmentResult;
use shared::api::visits::{DocumentHandover, Finding, RequestedDocument};
use shared::corrective_action::ActionStatus;
use shared::objection::objection_window_open;
use shared::table::TableData;
use shared::visit::document_handover_problems;

use crate::components::chart::{Series, SeriesData, SeriesKind};
use crate::components::closing_meeting::closing_meeting_href;
use crate::components::corrective_actions::ActionStatusTag;
use crate::components::figures::ChartWithTable;
use crate::components::form::{
    field_errors, form_message, refused, DateField, FieldErrors, Notice, Sender, Submission,
};
use crate::components::visit::{format_time, visit_dates};
use crate::error::ApiError;
use crate::i18n::use_i18n;

// ---------------------------------------------------------------------------------------
// What the page shows, chosen from what the API returns.

/// The factory's latest published report: the latest visit, then the latest publication.
pub fn latest_report(entries: &[ReportHistoryEntry]) -> Option<&ReportHistoryEntry> {
    entries.iter().max_by(|a, b| {
        (&a.start_date, a.published_at, a.visit_id).cmp(&(
            &b.start_date,
            b.published_at,
            b.visit_id,
        ))
    })
}

/// The actions not yet done, earliest target date first (on the same day, report actions
/// before self-identified ones).
pub fn open_actions(actions: &[FactoryAction]) -> Vec<FactoryAction> {
    let mut open: Vec<FactoryAction> = actions
        .iter()
        .filter(|action| action.status != ActionStatus::Done)
        .cloned()
        .collect();
    let order = |action: &FactoryAction| {
        (
            action.target_date.clone(),
            action.source == ActionSource::SelfIdentified,
            action.id,
        )
    };
    open.sort_by_key(order);
    open
}

/// Where an action comes from, as the page marks it: the source's name (as the API spells
/// it), its catalogue key and the page it was planned on (the report's plan, or the
/// self-assessment's result).
fn action_source(action: &FactoryAction) -> (&'static str, &'static str, String) {
    match action.source {
        ActionSource::Report => (
            "report",
            "home.source_report",
            format!("/reports/{}", action.origin_id),
        ),
        ActionSource::SelfIdentified => (
            "self_identified",
            "home.source_self",
            format!("/self-assessments/{}/result", action.origin_id),
        ),
    }
}

/// The meetings with a date that have not been held yet, soonest first.
pub fn upcoming_meetings(meetings: &[ClarificationMeeting]) -> Vec<ClarificationMeeting> {
    let mut upcoming: Vec<ClarificationMeeting> = meetings
        .iter()
        .filter(|meeting| meeting.status == MeetingStatus::Scheduled)
        .cloned()
        .collect();
    upcoming.sort_by(|a, b| (&a.scheduled_for, a.id).cmp(&(&b.scheduled_for, b.id)));
    upcoming
}

/// The catalogue key saying how the factory's rate compares with the industry's, as the
/// table shows both (whole percents): lower non-compliance is better.
fn comparison_key(rate: Option<f64>, industry: Option<f64>) -> Option<&'static str> {
    let (rate, industry) = (rate?.round(), industry?.round());
    Some(if rate < industry {
        "home.better"
    } else if rate > industry {
        "home.worse"
    } else {
        "home.same"
    })
}

/// `2027-01-20T09:30` as people read it.
fn meeting_time(scheduled_for: &str) -> String {
    scheduled_for.replacen('T', " ", 1)
}

/// The requested documents split into those the monitors still wait for and those they have
/// received, each in the order given (the server's: newest visit first).
pub fn split_received(
    documents: Vec<RequestedDocument>,
) -> (Vec<RequestedDocument>, Vec<RequestedDocument>) {
    documents
        .into_iter()
        .partition(|requested| requested.document.received_on.is_none())
}

// ---------------------------------------------------------------------------------------
// Components.

/// The factory's name, with its local name when it has one.
#[component]
pub fn FactoryHomeHead(name: String, local_name: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="eyebrow">{move || i18n.t("home.your_factory")}</p>
        <h2 class="home-factory-name" data-testid="home-factory-name">{name}</h2>
        {local_name.map(|name| view! { <p class="subtitle local-name">{name}</p> })}
    }
}

/// The latest report: its visit, publication, headline figures, the link to it and, while it
/// runs, the objection deadline.
#[component]
pub fn LatestReportSummary(report: FactoryReport, today: String) -> impl IntoView {
    let i18n = use_i18n();
    let visit = &report.visit;
    let href = format!("/reports/{}", visit.id);
    let dates = visit_dates(&visit.start_date, &visit.end_date);
    let type_key = format!("visit_type.{}", visit.visit_type.as_str());
    let published: String = format_time(report.published_at).chars().take(10).collect();
    let deadline = report
        .objection_deadline
        .clone()
        .filter(|deadline| objection_window_open(&today, Some(deadline)));
    let critical_count = report.critical_issues.len();
    let overall = percent(report.overall_rate);
    view! {
        <div class="home-latest" data-testid="home-latest-report" data-visit=visit.id.to_string()>
            <h3>{move || i18n.t("home.latest_report")}</h3>
            <div class="home-latest-body">
                <dl class="facts">
                    <dt>{move || i18n.t("visits.dates")}</dt>
                    <dd data-testid="home-visit-date">{dates}</dd>
                    <dt>{move || i18n.t("visits.type")}</dt>
                    <dd>{move || i18n.t(&type_key)}</dd>
                    <dt>{move || i18n.t("report.published")}</dt>
                    <dd>{published}</dd>
                </dl>
                <div class="home-figures">
                    <div class="stat-card">
                        <span class="stat-value" data-testid="home-overall-rate">{overall}</span>
                        <span class="stat-label">{move || i18n.t("report.overall_rate")}</span>
                    </div>
                    <div class="stat-card">
                        <span class="stat-value" data-testid="home-critical-count">{critical_count}</span>
                        <span class="stat-label">{move || i18n.t("report.critical_count")}</span>
                    </div>
                </div>
            </div>
            {deadline.map(|date| view! {
                <p class="notice info" role="note" data-testid="home-objection-deadline">
                    {move || i18n.t_with("home.objection_until", &[("date", &date)])}
                </p>
            })}
            <A href=href attr:class="button primary" attr:data-testid="home-report-link">
                {move || i18n.t("report.open")}
            </A>
        </div>
    }
}

/// Non-compliance per cluster, the factory's beside the industry's average, as bars and as
/// the table that reads the same figures without the chart.
#[component]
pub fn ClusterComparisonFigure(visit_id: i64, clusters: Vec<ReportCluster>) -> impl IntoView {
    let i18n = use_i18n();
    let empty = clusters.is_empty();
    let clusters = StoredValue::new(clusters);
    let chart = Signal::derive(move || {
        let lang = i18n.lang();
        clusters.with_value(|clusters| SeriesData {
            categories: clusters
                .iter()
                .map(|c| c.name.get(lang.code()).to_owned())
                .collect(),
            series: vec![
                Series {
                    name: i18n.t("home.your_factory"),
                    kind: SeriesKind::Bar,
                    values: clusters.iter().map(|c| c.rate.map(f64::round)).collect(),
                    second_axis: false,
                },
                Series {
                    name: i18n.t("report.industry_average"),
                    kind: SeriesKind::Bar,
                    values: clusters
                        .iter()
                        .map(|c| c.industry_rate.map(f64::round))
                        .collect(),
                    second_axis: false,
                },
            ],
            // The legend and the percent labels say what the bars are.
            axis_name: String::new(),
            second_axis_name: None,
            percent: true,
            horizontal: true,
        })
    });
    let table = Signal::derive(move || {
        let lang = i18n.lang();
        clusters.with_value(|clusters| TableData {
            headers: vec![
                i18n.t("report.cluster"),
                i18n.t("home.your_factory"),
                i18n.t("report.industry_average"),
                i18n.t("home.compared"),
            ],
            rows: clusters
                .iter()
                .map(|c| {
                    vec![
                        c.name.get(lang.code()).to_owned(),
                        percent(c.rate),
                        percent(c.industry_rate),
                        comparison_key(c.rate, c.industry_rate)
                            .map(|key| i18n.t(key))
                            .unwrap_or_else(|| "–".to_owned()),
                    ]
                })
                .collect(),
        })
    });
    let title = Signal::derive(move || i18n.t("home.clusters_title"));
    view! {
        <section class="panel home-clusters" data-testid="home-clusters" aria-labelledby="home-clusters-title">
            <h2 id="home-clusters-title">{move || title.get()}</h2>
            <p class="hint">{move || i18n.t("home.clusters_hint")}</p>
            <ChartWithTable
                chart_id="home-clusters-chart"
                table_id="home-clusters-table"
                chart=chart
                table=table
                label=title
                file_name=Signal::derive(move || format!("report-{visit_id}-clusters"))
                empty=empty
                empty_message=Signal::derive(move || i18n.t("analytics.no_data"))
            />
        </section>
    }
}

/// The factory's one list of open actions, corrective actions for report findings and the
/// improvement actions it identified itself, each marked by source and leading to where it was
/// planned, with how many are open and overdue as the server counts them
/// (`shared::corrective_action::is_overdue` on the server's date).
#[component]
pub fn OpenActionsPanel(
    /// The factory's actions, done or not.
    actions: FactoryActions,
    /// The latest published report, when there is one: its plan is a button away.
    latest_visit: Option<i64>,
    /// The latest report's findings, to name the point each of its actions is about.
    findings: Vec<Finding>,
) -> impl IntoView {
    let i18n = use_i18n();
    let posted = !actions.actions.is_empty();
    let open = open_actions(&actions.actions);
    let body = if open.is_empty() {
        let key = if posted {
            "home.all_actions_done"
        } else {
            "home.no_actions"
        };
        view! { <p data-testid="home-no-open-actions">{move || i18n.t(key)}</p> }.into_any()
    } else {
        let rows = open
            .into_iter()
            .map(|action| {
                let late = action.overdue;
                let (source, source_key, href) = action_source(&action);
                // Only the latest report's findings are at hand to name a point.
                let of_latest_report = action.source == ActionSource::Report
                    && Some(action.origin_id) == latest_visit;
                let point = findings
                    .iter()
                    .filter(|_| of_latest_report)
                    .find(|finding| finding.question_code == action.question_code)
                    .map(|finding| StoredValue::new(finding.point_name.clone()));
                view! {
                    <tr data-testid="home-open-action" data-source=source data-overdue=late.to_string()>
                        <th scope="row">
                            <A href=href attr:class=format!("tag source-{source}") attr:data-testid="home-action-source">
                                {move || i18n.t(source_key)}
                            </A>
                            " "<span class="question-code">{action.question_code}</span>
                            {point.map(|point| view! {
                                <span class="home-action-point">{move || point.with_value(|name| name.get(i18n.lang().code()).to_owned())}</span>
                            })}
                        </th>
                        <td>{action.description}</td>
                        <td class="nowrap">
                            {action.target_date}
                            {late.then(|| view! { " "<span class="tag overdue">{move || i18n.t("home.overdue")}</span> })}
                        </td>
                        <td><ActionStatusTag status=action.status/></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table data-testid="home-open-actions">
                    <caption class="visually-hidden">{move || i18n.t("home.actions_title")}</caption>
                    <thead><tr>
                        <th scope="col">{move || i18n.t("home.point")}</th>
                        <th scope="col">{move || i18n.t("cap.description")}</th>
                        <th scope="col">{move || i18n.t("cap.target_date")}</th>
                        <th scope="col">{move || i18n.t("cap.status")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let overdue_class = if actions.overdue > 0 {
        "stat-card home-overdue late"
    } else {
        "stat-card home-overdue"
    };
    view! {
        <section class="panel home-actions" data-testid="home-actions">
            <h2>{move || i18n.t("home.actions_title")}</h2>
            <p class="hint">{move || i18n.t("home.actions_hint")}</p>
            <div class="home-figures">
                <div class="stat-card">
                    <span class="stat-value" data-testid="home-open-count">{actions.open}</span>
                    <span class="stat-label">{move || i18n.t("home.open_actions")}</span>
                </div>
                <div class=overdue_class>
                    <span class="stat-value" data-testid="home-overdue-count">{actions.overdue}</span>
                    <span class="stat-label">{move || i18n.t("home.overdue_actions")}</span>
                </div>
            </div>
            {body}
            {latest_visit.map(|visit_id| view! {
                <A href=format!("/reports/{visit_id}") attr:class="button secondary">{move || i18n.t("home.open_plan")}</A>
            })}
        </section>
    }
}

/// What the factory's manager sends to mark a document handed over: the visit's id and the
/// hand-over; the page answers with the document as it now stands.
pub type DocumentHandoverSender = Sender<(i64, DocumentHandover), RequestedDocument>;

/// The documents the monitors asked for at the factory's ended visits: those still to reach
/// the monitors, with their due date or hand-over and, for whoever may hand them over, the
/// form to say so; then those the monitors received. Nothing is shown for a factory that was
/// never asked for a document (the page leaves the panel out).
#[component]
pub fn RequestedDocumentsPanel(
    documents: Vec<RequestedDocument>,
    /// `YYYY-MM-DD`, the latest day a hand-over can be dated and the form's first value.
    today: String,
    /// `None` when the user may not mark documents handed over: the rows then have no form.
    hand_over: Option<DocumentHandoverSender>,
    /// The page reads the list again once a hand-over is recorded.
    on_handed_over: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (outstanding, received) = split_received(documents);
    let body = if outstanding.is_empty() {
        view! { <p data-testid="documents-all-received">{move || i18n.t("requested_documents.all_received")}</p> }
            .into_any()
    } else {
        let rows = outstanding
            .into_iter()
            .enumerate()
            .map(|(index, requested)| {
                // Names may repeat across visits and hold any character: the row's place makes
                // the form's field ids unique.
                let form_id = format!("handover-document-{index}");
                let form = hand_over
                    .filter(|_| requested.document.handed_over_on.is_none())
                    .map(|send| {
                        view! {
                            <HandoverDocumentForm
                                form_id=form_id
                                visit_id=requested.visit_id
                                name=requested.document.name.clone()
                                requested_on=requested.document.requested_on.clone()
                                today=today.clone()
                                send=send
                                on_handed_over=on_handed_over
                            />
                        }
                        .into_any()
                    });
                view! { <RequestedDocumentRow requested=requested form=form/> }
            })
            .collect_view();
        view! { <ul class="home-documents">{rows}</ul> }.into_any()
    };
    let received = (!received.is_empty()).then(|| {
        let rows = received
            .into_iter()
            .map(|requested| {
                let document = requested.document;
                let day = document.received_on.unwrap_or_default();
                let data_name = document.name.clone();
                view! {
                    <li class="home-document" data-testid="received-document" data-name=data_name>
                        <strong>{document.name}</strong>
                        " · "{move || i18n.t_with("requested_documents.visit_of", &[("date", &requested.visit_date)])}
                        " · "{move || i18n.t_with("requested_documents.received_on", &[("date", &day)])}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{move || i18n.t("requested_documents.received_title")}</h3>
            <ul class="home-documents received">{rows}</ul>
        }
    });
    view! {
        <section class="panel home-documents-panel" data-testid="requested-documents" aria-labelledby="requested-documents-title">
            <h2 id="requested-documents-title">{move || i18n.t("requested_documents.title")}</h2>
            <p class="hint">{move || i18n.t("requested_documents.hint")}</p>
            {body}
            {received}
        </section>
    }
}

/// The closing meetings of the factory's visits: what the monitors told management, each
/// opening the printable record. The page leaves the panel out while there is none.
#[component]
pub fn ClosingMeetingsPanel(meetings: Vec<ClosingMeetingSummary>) -> impl IntoView {
    let i18n = use_i18n();
    let items = meetings
        .into_iter()
        .map(|meeting| {
            let dates = visit_dates(&meeting.visit_start, &meeting.visit_end);
            let held_on = meeting.held_on.clone();
            view! {
                <li>
                    <A
                        href=closing_meeting_href(meeting.visit_id)
                        attr:data-testid="closing-meeting-link"
                        attr:data-visit=meeting.visit_id.to_string()
                    >
                        {move || i18n.t_with("requested_documents.visit_of", &[("date", &dates)])}
                    </A>
                    " · "
                    <span class="hint">{move || i18n.t("closing_meeting.held_on")}": "{held_on.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel home-closing-meetings-panel" data-testid="closing-meetings" aria-labelledby="closing-meetings-title">
            <h2 id="closing-meetings-title">{move || i18n.t("closing_meeting.factory_list_title")}</h2>
            <p class="hint">{move || i18n.t("closing_meeting.factory_list_hint")}</p>
            <ul class="home-closing-meetings">{items}</ul>
        </section>
    }
}

/// One document the monitors still wait for: its name, visit, request and due dates, where it
/// stands, and the hand-over form when there is one.
#[component]
fn RequestedDocumentRow(requested: RequestedDocument, form: Option<AnyView>) -> impl IntoView {
    let i18n = use_i18n();
    let document = requested.document;
    let status = if requested.overdue {
        view! {
            <span class="tag overdue" data-testid="document-overdue">{move || i18n.t("requested_documents.overdue")}</span>
        }
        .into_any()
    } else if let Some(day) = document.handed_over_on.clone() {
        view! {
            <span data-testid="document-handed-over">{move || i18n.t_with("requested_documents.handed_over_waiting", &[("date", &day)])}</span>
        }
        .into_any()
    } else {
        let day = document.due_on.clone();
        view! { <span>{move || i18n.t_with("requested_documents.due", &[("date", &day)])}</span> }
            .into_any()
    };
    let data_name = document.name.clone();
    view! {
        <li class="home-document" data-testid="requested-document" data-name=data_name data-visit=requested.visit_id.to_string()>
            <p class="home-document-name"><strong>{document.name}</strong></p>
            <dl class="facts home-document-facts">
                <dt>{move || i18n.t("requested_documents.visit")}</dt>
                <dd>{requested.visit_date}</dd>
                <dt>{move || i18n.t("requested_documents.requested_on")}</dt>
                <dd>{document.requested_on}</dd>
                <dt>{move || i18n.t("requested_documents.due_on")}</dt>
                <dd>{document.due_on}</dd>
            </dl>
            <p class="home-document-status" data-testid="document-status">{status}</p>
            {form}
        </li>
    }
}

/// The day one document was handed over (today unless changed), checked with the shared rule
/// the API applies before it is sent.
#[component]
fn HandoverDocumentForm(
    /// Unique on the page: the prefix of the form's field ids.
    form_id: String,
    visit_id: i64,
    name: String,
    requested_on: String,
    today: String,
    send: DocumentHandoverSender,
    on_handed_over: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let handed_over_on = RwSignal::new(today.clone());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let min_day = requested_on.clone();
    let max_day = today.clone();
    // The rule reads only the request's date; the rest of the request is the server's.
    let request = shared::api::visits::DocumentRequest {
        name: name.clone(),
        requested_on,
        due_on: String::new(),
        received_on: None,
        handed_over_on: None,
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let handover = DocumentHandover {
            name: name.clone(),
            handed_over_on: handed_over_on.get_untracked().trim().to_owned(),
        };
        if refused(
            document_handover_problems(&request, &handover.handed_over_on, &today),
            error,
        ) {
            return;
        }
        error.set(None);
        pending.set(true);
        let done = Callback::new(move |result: Result<RequestedDocument, ApiError>| {
            pending.set(false);
            match result {
                // The list is read again: the row then shows the hand-over, without the form.
                Ok(_) => on_handed_over.run(()),
                // The chosen day stays in the form.
                Err(failure) => error.set(Some(failure)),
            }
        });
        send.run(Submission {
            body: (visit_id, handover),
            done,
        });
    };
    view! {
        <form class="handover-document" data-testid="handover-document" on:submit=submit novalidate>
            <Notice message=form_message(i18n, error)/>
            // The server may refuse the document itself (no longer requested at the visit).
            <FieldErrors errors=field_errors(i18n, error, "name")/>
            <div class="handover-document-fields">
                <DateField
                    id=format!("{form_id}-on")
                    label=Signal::derive(move || i18n.t("requested_documents.handed_over_on"))
                    value=handed_over_on
                    min=min_day
                    max=max_day
                    errors=field_errors(i18n, error, "handed_over_on")
                />
                <div class="actions">
                    <button type="submit" class="button secondary" data-testid="mark-handed-over" disabled=move || pending.get()>
                        {move || i18n.t("requested_documents.mark_handed_over")}
                    </button>
                </div>
            </div>
        </form>
    }
}

/// The report's clarification meetings that have a date and have not been held.
#[component]
pub fn UpcomingMeetingsPanel(meetings: Vec<ClarificationMeeting>) -> impl IntoView {
    let i18n = use_i18n();
    let upcoming = upcoming_meetings(&meetings);
    let body = if upcoming.is_empty() {
        view! { <p data-testid="home-no-meetings">{move || i18n.t("home.no_meetings")}</p> }
            .into_any()
    } else {
        let items = upcoming
            .into_iter()
            .map(|meeting| {
                let when = meeting
                    .scheduled_for
                    .as_deref()
                    .map(meeting_time)
                    .unwrap_or_default();
                view! {
                    <li class="home-meeting" data-testid="home-meeting">
                        <p class="home-meeting-when"><strong>{when}</strong>" · "{meeting.place}</p>
                        <p class="hint">{move || i18n.t("home.meeting_topic")}": "<span>{meeting.topic.clone()}</span></p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="home-meetings">{items}</ul> }.into_any()
    };
    view! {
        <section class="panel home-meetings-panel" data-testid="home-meetings-panel">
            <h2>{move || i18n.t("home.meetings_title")}</h2>
            <p class="hint">{move || i18n.t("home.meetings_hint")}</p>
            {body}
        </section>
    }
}

/// The organisations whose grant stands, and the way to the access page.
#[component]
pub fn ReportAccessCard(grants: Vec<AccessGrant>) -> impl IntoView {
    let i18n = use_i18n();
    let standing: Vec<AccessGrant> = grants
        .into_iter()
        .filter(|grant| grant.revoked_at.is_none())
        .collect();
    let body = if standing.is_empty() {
        view! { <p data-testid="home-no-access">{move || i18n.t("home.no_access")}</p> }.into_any()
    } else {
        let items = standing
            .into_iter()
            .map(|grant| {
                let kind_key = format!("organisation_kind.{}", grant.organisation_kind);
                let unpaid = !grant.subscription_active;
                view! {
                    <li data-testid="home-access-organisation">
                        <strong>{grant.organisation_name}</strong>
                        " "<span class="muted">{move || i18n.t(&kind_key)}</span>
                        {unpaid.then(|| view! { " "<span class="tag">{move || i18n.t("access.status_no_subscription")}</span> })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="home-access-list">{items}</ul> }.into_any()
    };
    view! {
        <section class="panel home-card" data-testid="home-access">
            <h2>{move || i18n.t("home.access_title")}</h2>
            <p class="hint">{move || i18n.t("home.access_hint")}</p>
            {body}
            <A href="/access" attr:class="button secondary" attr:data-testid="home-access-link">{move || i18n.t("home.manage_access")}</A>
        </section>
    }
}

/// The way to the factory's own assessment, with the latest completed one and its blind spots
/// when there is one.
#[component]
pub fn SelfAssessmentCard(latest: Option<SelfAssessmentResult>) -> impl IntoView {
    let i18n = use_i18n();
    let latest = latest.map(|result| {
        let id = result.summary.id;
        let date = result.summary.completed_at.map(format_time).unwrap_or_default();
        let rate = percent(result.summary.non_compliance_rate);
        let count = result.blind_spots.len().to_string();
        let blind_spots = result.blind_spots.into_iter().take(5).map(|point| {
            let name = StoredValue::new(point.point_name);
            view! { <li>{point.point_code}" · "{move || name.with_value(|name| name.get(i18n.lang().code()).to_owned())}</li> }
        }).collect_view();
        view! {
            <div data-testid="home-self-latest">
                <p>{move || i18n.t_with("home.self_latest", &[("date", &date), ("rate", &rate)])}</p>
                <p>{move || i18n.t_with("home.self_blind_spots", &[("count", &count)])}</p>
                <ul class="compact-list">{blind_spots}</ul>
                <A href=format!("/self-assessments/{id}/result") attr:class="button secondary">{move || i18n.t("home.self_open_result")}</A>
            </div>
        }
    });
    view! {
        <section class="panel home-card home-self" data-testid="home-self-assessment">
            <h2>{move || i18n.t("home.self_title")}</h2>
            <p>{move || i18n.t("home.self_text")}</p>
            {latest}
            <A href="/self-assessments" attr:class="button primary" attr:data-testid="home-self-assessment-link">
                {move || i18n.t("home.self_link")}
            </A>
        </section>
    }
}

/// What a factory without a published report reads instead of empty figures.
#[component]
pub fn NoReportYet() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice info home-no-report" role="note" data-testid="home-no-report">
            <h3>{move || i18n.t("home.no_report_title")}</h3>
            <p>{move || i18n.t("home.no_report_text")}</p>
            <p>{move || i18n.t("home.no_report_self")}</p>
        </div>
    }
}
