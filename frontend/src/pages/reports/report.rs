//! `/reports/:id`: one published report, streamlined and detailed, printable. The report body
//! is also what the paper-copies page prints, and the factory page shows the factory's
//! history of reports.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::analytics::percent;
use shared::api::analytics::{
    FactoryReport, PointRef, Progress, ReportCluster, ReportHistoryEntry,
};
use shared::api::visits::{DocumentRequest, Finding, Measurement, VisitSummary};
use shared::checklist::Translated;
use shared::error::ErrorBody;
use shared::roles::Role;
use shared::table::TableData;

use crate::api::{self, ApiError};
use crate::components::chart::{Series, SeriesChart, SeriesData, SeriesKind};
use crate::components::data_table::DataTable;
use crate::components::visit::{format_time, StatusTag};
use crate::i18n::use_i18n;
use crate::pages::reports::objections::ReportAmendments;
use crate::pages::LoadError;
use crate::session::use_session;

#[component]
pub fn FactoryReportPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let params = use_params_map();
    let visit_id = move || params.with(|p| p.get("id").unwrap_or_default());
    let report = LocalResource::new(move || {
        let request = visit_id().parse::<i64>().ok().map(api::reports::get);
        async move {
            match request {
                Some(request) => request.await,
                // Not a report's number: what the server answers to such a path.
                None => Err(unreadable_path()),
            }
        }
    });
    let retry = Callback::new(move |_| report.refetch());
    // Staff come from the visit, buyers from the comparison, factories from their reports.
    let back = move || match session.user().map(|user| user.role) {
        Some(role) if role.is_programme_staff() => {
            (format!("/visits/{}", visit_id()), "report.back_to_visit")
        }
        Some(Role::Buyer) => ("/suppliers".to_owned(), "report.back_to_suppliers"),
        _ => ("/reports".to_owned(), "reports.back"),
    };
    view! {
        <div class="report-toolbar">
            <A href=move || back().0 attr:class="back-link">{move || i18n.t(back().1)}</A>
            <PrintButton/>
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || report.get().map(|result| match result {
                Ok(report) => view! {
                    <ReportAmendments report=report.clone() on_amended=retry>
                        <ReportBody report=report chart_id="report-clusters-chart"/>
                    </ReportAmendments>
                }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
        // The corrective action plan and the factory's verified concerns, below the report.
        <Transition fallback=|| ()>
            {move || report.get().and_then(Result::ok).map(|report| {
                let factory_id = report.visit.factory_id;
                view! {
                    <crate::pages::reports::corrective_actions::CorrectiveActionsSection report=report.clone()/>
                    {(report.visit.visit_type == shared::visit::VisitType::Assessment
                        && session.user().is_some_and(|user| shared::permissions::may(
                            &user.actor(),
                            shared::permissions::Action::ViewPublicResponses { factory_id },
                        )))
                    .then(|| view! {
                        <crate::pages::reports::public_responses::PublicResponsesSection visit_id=report.visit.id/>
                    })}
                    <crate::pages::concerns::FactoryConcernsPanel factory_id=factory_id/>
                }
            })}
        </Transition>
    }
}

/// The server's answer to a path whose number cannot be read.
fn unreadable_path() -> ApiError {
    ApiError::Server {
        status: 400,
        body: ErrorBody {
            code: "malformed_request".to_owned(),
            message: String::new(),
            fields: Vec::new(),
            retry_after_seconds: None,
            rows: Vec::new(),
        },
    }
}

/// Opens the browser's print dialog (the print stylesheet lays the report out on A4).
#[component]
pub fn PrintButton() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <button
            type="button"
            class="button primary print-button"
            data-testid="print"
            on:click=move |_| {
                let _ = window().print();
            }
        >
            {move || i18n.t("report.print")}
        </button>
    }
}

/// Dates of a visit, one day or a range.
fn visit_dates(visit: &VisitSummary) -> String {
    if visit.start_date == visit.end_date {
        visit.start_date.clone()
    } else {
        format!("{} – {}", visit.start_date, visit.end_date)
    }
}

/// The day of a Unix time, in the browser's time zone.
fn day_of(seconds: i64) -> String {
    format_time(seconds).chars().take(10).collect()
}

/// Rounded to one decimal, for charts (their tooltips show the value as it is).
fn rounded(rate: Option<f64>) -> Option<f64> {
    rate.map(|rate| (rate * 10.0).round() / 10.0)
}

/// A whole report: header, streamlined view and detailed view.
#[component]
pub fn ReportBody(
    report: FactoryReport,
    /// DOM id of the cluster chart; unique on the page.
    #[prop(into)]
    chart_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let visit_id = report.visit.id;
    let cluster_names: Vec<(String, Translated)> = report
        .clusters
        .iter()
        .map(|cluster| (cluster.code.clone(), cluster.name.clone()))
        .collect();
    view! {
        <article class="report" data-testid="report" data-visit=visit_id.to_string()>
            <ReportHeader report=report.clone()/>
            <section class="report-part" data-testid="report-streamlined" aria-labelledby=format!("streamlined-{visit_id}")>
                <h2 class="report-part-title" id=format!("streamlined-{visit_id}")>{move || i18n.t("report.streamlined")}</h2>
                <ClusterComparison visit_id=visit_id clusters=report.clusters chart_id=chart_id/>
                <CriticalIssues numbers=report.critical_issues/>
                <ProgressView progress=report.progress/>
            </section>
            <section class="report-part detailed" data-testid="report-detailed" aria-labelledby=format!("detailed-{visit_id}")>
                <h2 class="report-part-title" id=format!("detailed-{visit_id}")>{move || i18n.t("report.detailed")}</h2>
                <FindingsByCluster findings=report.findings clusters=cluster_names/>
                <MeasurementsTable measurements=report.measurements/>
                <DocumentsTable documents=report.documents/>
            </section>
        </article>
    }
}

#[component]
fn ReportHeader(report: FactoryReport) -> impl IntoView {
    let i18n = use_i18n();
    let visit = report.visit;
    let type_key = format!("visit_type.{}", visit.visit_type.as_str());
    let announced = visit.announced;
    let dates = visit_dates(&visit);
    let published = day_of(report.published_at);
    let third_party = report.third_party_visible_from.map(day_of);
    let objection_deadline = report.objection_deadline.clone();
    let uncovered_years = report
        .deadline_years_without_holidays
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let critical_count = report.critical_issues.len();
    let accuracy = report.self_assessment_accuracy.map(|accuracy| {
        let date = day_of(accuracy.completed_at);
        let agreeing = accuracy.points_agreeing.to_string();
        let compared = accuracy.points_compared.to_string();
        let rate = percent(accuracy.rate());
        view! {
            <p class="notice info" role="note" data-testid="report-self-assessment-accuracy">
                <strong>{move || i18n.t("report.self_assessment_accuracy")}": "{rate.clone()}</strong>" · "
                {move || i18n.t_with(
                    "report.self_assessment_accuracy_detail",
                    &[("date", &date), ("agreeing", &agreeing), ("compared", &compared)],
                )}
            </p>
        }
    });
    let partial = (!report.scope.is_empty()).then(|| {
        let count = report.scope.len().to_string();
        let codes = report.scope.join(", ");
        view! {
            <p class="notice info" role="note" data-testid="report-partial-visit">
                <strong>{move || i18n.t("visits.partial_visit")}</strong>" · "
                {move || i18n.t_with("report.partial_visit_detail", &[("count", &count)])}
                " "<span class="hint">{codes}</span>
            </p>
        }
    });
    view! {
        <header class="panel report-head">
            <p class="eyebrow"><span>{move || i18n.t("report.title")}</span>" "<StatusTag status=visit.status/></p>
            <h1 data-testid="report-factory">{visit.factory_name.clone()}</h1>
            {report.factory_local_name.clone().map(|name| view! { <p class="subtitle local-name">{name}</p> })}
            <div class="report-summary">
                <dl class="facts">
                    <dt>{move || i18n.t("visits.type")}</dt>
                    <dd>{move || i18n.t(&type_key)}" · "{move || i18n.t(if announced { "visits.announced" } else { "visits.unannounced" })}</dd>
                    <dt>{move || i18n.t("visits.dates")}</dt>
                    <dd>{dates}</dd>
                    <dt>{move || i18n.t("report.published")}</dt>
                    <dd>{published}</dd>
                    {third_party.map(|date| view! {
                        <dt>{move || i18n.t("report.third_party_date")}</dt>
                        <dd>{date}</dd>
                    })}
                    {objection_deadline.map(|date| view! {
                        <dt>{move || i18n.t("report.objection_deadline")}</dt>
                        <dd data-testid="report-objection-deadline">{date}</dd>
                    })}
                </dl>
                <div class="report-figures">
                    <div class="stat-card">
                        <span class="stat-value" data-testid="report-overall-rate">{percent(report.overall_rate)}</span>
                        <span class="stat-label">{move || i18n.t("report.overall_rate")}</span>
                    </div>
                    <div class="stat-card">
                        <span class="stat-value" data-testid="report-critical-count">{critical_count}</span>
                        <span class="stat-label">{move || i18n.t("report.critical_count")}</span>
                    </div>
                    <crate::components::corrective_actions::VerifiedShareCard share=report.corrective_actions/>
                </div>
            </div>
            {(!uncovered_years.is_empty()).then(|| view! {
                <p class="notice warning" role="note" data-testid="report-deadline-without-holidays">
                    {move || i18n.t_with("report.deadline_without_holidays", &[("years", &uncovered_years)])}
                </p>
            })}
            {partial}
            {accuracy}
            <p class="hint">{move || i18n.t("report.rates_hint")}</p>
        </header>
    }
}

/// Non-compliance per cluster beside the industry's average, as bars and as a table.
#[component]
fn ClusterComparison(
    visit_id: i64,
    clusters: Vec<ReportCluster>,
    #[prop(into)] chart_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
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
                    name: i18n.t("report.this_factory"),
                    kind: SeriesKind::Bar,
                    values: clusters.iter().map(|c| rounded(c.rate)).collect(),
                    second_axis: false,
                },
                Series {
                    name: i18n.t("report.industry_average"),
                    kind: SeriesKind::Bar,
                    values: clusters.iter().map(|c| rounded(c.industry_rate)).collect(),
                    second_axis: false,
                },
            ],
            // The legend and the percent labels say what the bars are; a name at the end of
            // a horizontal value axis would be cut off.
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
                i18n.t("report.points_assessed"),
                i18n.t("report.points_non_compliant"),
                i18n.t("report.non_compliance_rate"),
                i18n.t("report.industry_average"),
                i18n.t("report.industry_at_publication"),
            ],
            rows: clusters
                .iter()
                .map(|c| {
                    vec![
                        c.name.get(lang.code()).to_owned(),
                        c.points_assessed.to_string(),
                        c.points_non_compliant.to_string(),
                        percent(c.rate),
                        percent(c.industry_rate),
                        percent(c.industry_rate_at_publication),
                    ]
                })
                .collect(),
        })
    });
    let title = Signal::derive(move || i18n.t("report.clusters_title"));
    view! {
        <section class="panel report-block report-clusters" data-testid="scores">
            <h3>{move || title.get()}</h3>
            <p class="hint">{move || i18n.t("report.clusters_hint")}</p>
            <div class="chart-with-table">
                <SeriesChart id=chart_id data=chart label=title/>
                <DataTable
                    testid="report-clusters-table"
                    data=table
                    file_name=Signal::derive(move || format!("report-{visit_id}-clusters"))
                    caption=title
                />
            </div>
        </section>
    }
}

#[component]
fn CriticalIssues(numbers: Vec<i64>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if numbers.is_empty() {
        view! { <p class="notice success">{move || i18n.t("report.no_critical_issues")}</p> }
            .into_any()
    } else {
        let items = numbers
            .into_iter()
            .map(|number| {
                let key = format!("critical.{number}");
                let label = number.to_string();
                view! {
                    <li data-number=number>
                        <span class="tag critical">{move || i18n.t_with("report.critical_number", &[("number", &label)])}</span>
                        " "
                        {move || i18n.t(&key)}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="critical-list" data-testid="critical-issues">{items}</ul> }.into_any()
    };
    view! {
        <section class="panel report-block" data-testid="report-critical">
            <h3>{move || i18n.t("report.critical_issues")}</h3>
            <p class="hint">{move || i18n.t("report.critical_hint")}</p>
            {body}
        </section>
    }
}

#[component]
fn ProgressView(progress: Option<Progress>) -> impl IntoView {
    let i18n = use_i18n();
    let body = match progress {
        None => view! { <p>{move || i18n.t("report.no_previous")}</p> }.into_any(),
        Some(progress) => {
            let date = progress.previous_start_date.clone();
            view! {
                <p class="hint">{move || i18n.t_with("report.progress_since", &[("date", &date)])}</p>
                <div class="progress-columns">
                    <PointList title_key="report.newly_compliant" tone="improved" testid="progress-newly-compliant" points=progress.newly_compliant/>
                    <PointList title_key="report.newly_non_compliant" tone="worse" testid="progress-newly-non-compliant" points=progress.newly_non_compliant/>
                    <PointList title_key="report.persistent" tone="persistent" testid="progress-persistent" points=progress.persistent/>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section class="panel report-block report-progress" data-testid="report-progress">
            <h3>{move || i18n.t("report.progress")}</h3>
            {body}
        </section>
    }
}

#[component]
fn PointList(
    title_key: &'static str,
    tone: &'static str,
    testid: &'static str,
    points: Vec<PointRef>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = points.len();
    let body = if points.is_empty() {
        view! { <p class="hint">{move || i18n.t("report.none")}</p> }.into_any()
    } else {
        let items = points
            .into_iter()
            .map(|point| {
                let name = StoredValue::new(point.name);
                view! {
                    <li>
                        <span class="question-code">{point.code}</span>" "
                        {move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}
                    </li>
                }
            })
            .collect_view();
        view! { <ul>{items}</ul> }.into_any()
    };
    view! {
        <div class=format!("point-list {tone}") data-testid=testid>
            <h4>{move || i18n.t(title_key)}" "<span class="count">"("{count}")"</span></h4>
            {body}
        </div>
    }
}

/// Every finding, grouped by cluster in checklist order.
#[component]
fn FindingsByCluster(findings: Vec<Finding>, clusters: Vec<(String, Translated)>) -> impl IntoView {
    let i18n = use_i18n();
    if findings.is_empty() {
        return view! {
            <section class="panel report-block report-findings" data-testid="findings">
                <h3>{move || i18n.t("report.findings")}</h3>
                <p>{move || i18n.t("report.no_findings")}</p>
            </section>
        }
        .into_any();
    }
    // Clusters of the report first, in order; any other cluster after them.
    let mut order: Vec<(String, Translated)> = clusters;
    for finding in &findings {
        if !order.iter().any(|(code, _)| *code == finding.cluster_code) {
            order.push((
                finding.cluster_code.clone(),
                Translated {
                    en: finding.cluster_code.clone(),
                    km: finding.cluster_code.clone(),
                    zh: finding.cluster_code.clone(),
                },
            ));
        }
    }
    let count = findings.len();
    let groups = order
        .into_iter()
        .filter_map(|(code, name)| {
            let items: Vec<Finding> = findings
                .iter()
                .filter(|f| f.cluster_code == code)
                .cloned()
                .collect();
            if items.is_empty() {
                return None;
            }
            let name = StoredValue::new(name);
            let items = items
                .into_iter()
                .map(|finding| view! { <FindingItem finding=finding/> })
                .collect_view();
            Some(view! {
                <div class="finding-group">
                    <h4>{move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}</h4>
                    <ol class="findings">{items}</ol>
                </div>
            })
        })
        .collect_view();
    view! {
        <section class="panel report-block report-findings" data-testid="findings">
            <h3>{move || i18n.t("report.findings")}" "<span class="count">"("{count}")"</span></h3>
            <p class="notice info" role="note" data-testid="findings-language">{move || i18n.t("report.findings_in_english")}</p>
            {groups}
        </section>
    }
    .into_any()
}

#[component]
fn FindingItem(finding: Finding) -> impl IntoView {
    let i18n = use_i18n();
    let point_name = StoredValue::new(finding.point_name);
    let question = StoredValue::new(finding.question);
    let critical = finding.critical_issue.map(|number| {
        let label = number.to_string();
        let key = format!("critical.{number}");
        view! {
            <span class="tag critical" title=move || i18n.t(&key)>
                {move || i18n.t_with("report.critical_number", &[("number", &label)])}
            </span>
        }
    });
    let legal = (!finding.legal_reference.is_empty()).then_some(finding.legal_reference);
    view! {
        <li class="finding-item" data-testid="report-finding" data-question=finding.question_code.clone()>
            <p class="question-code">
                {finding.question_code.clone()}" · "{move || point_name.with_value(|n| n.get(i18n.lang().code()).to_owned())}
                " "{critical}
            </p>
            <p class="question-text">{move || question.with_value(|q| q.get(i18n.lang().code()).to_owned())}</p>
            <dl class="facts finding-facts">
                <dt>{move || i18n.t("capture.finding")}</dt>
                <dd lang="en" data-testid="finding-narrative">{finding.finding}</dd>
                <dt>{move || i18n.t("capture.suggestion")}</dt>
                <dd lang="en">{finding.suggestion}</dd>
                {legal.map(|legal| view! {
                    <dt>{move || i18n.t("capture.legal_reference")}</dt>
                    <dd>{legal}</dd>
                })}
            </dl>
        </li>
    }
}

#[component]
fn MeasurementsTable(measurements: Vec<Measurement>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if measurements.is_empty() {
        view! { <p>{move || i18n.t("report.no_measurements")}</p> }.into_any()
    } else {
        let rows = measurements
            .into_iter()
            .map(|m| {
                let key = format!("facts.kind.{}", m.kind.as_str());
                view! {
                    <tr>
                        <th scope="row">{move || i18n.t(&key)}</th>
                        <td>{m.location}</td>
                        <td class="number">{m.value.to_string()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table data-testid="report-measurements">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("facts.measurement_kind")}</th>
                        <th scope="col">{move || i18n.t("facts.location")}</th>
                        <th scope="col" class="number">{move || i18n.t("facts.value")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel report-block">
            <h3>{move || i18n.t("facts.measurements")}</h3>
            {body}
        </section>
    }
}

#[component]
fn DocumentsTable(documents: Vec<DocumentRequest>) -> impl IntoView {
    let i18n = use_i18n();
    let body = if documents.is_empty() {
        view! { <p>{move || i18n.t("report.no_documents")}</p> }.into_any()
    } else {
        let rows = documents
            .into_iter()
            .map(|d| {
                let received = match d.received_on {
                    Some(date) => view! { {date} }.into_any(),
                    None => view! { <span class="tag warning">{move || i18n.t("report.not_received")}</span> }.into_any(),
                };
                view! {
                    <tr>
                        <th scope="row" lang="en">{d.name}</th>
                        <td>{d.requested_on}</td>
                        <td>{d.due_on}</td>
                        <td>{received}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table data-testid="report-documents">
                    <thead><tr>
                        <th scope="col">{move || i18n.t("facts.document_name")}</th>
                        <th scope="col">{move || i18n.t("facts.requested_on")}</th>
                        <th scope="col">{move || i18n.t("facts.due_on")}</th>
                        <th scope="col">{move || i18n.t("facts.received_on")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="panel report-block">
            <h3>{move || i18n.t("facts.documents")}</h3>
            <p class="hint">{move || i18n.t("facts.documents_hint")}</p>
            {body}
        </section>
    }
}

/// A factory's published reports over time: overall non-compliance and critical issues as
/// lines, the figures (with every cluster) as a table, and a link to each report.
#[component]
pub fn ReportHistory(factory_id: i64, entries: Vec<ReportHistoryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    // Columns for every cluster any report scored, in the order they first appear.
    let mut columns: Vec<(String, Translated)> = Vec::new();
    for entry in &entries {
        for cluster in &entry.clusters {
            if !columns.iter().any(|(code, _)| *code == cluster.code) {
                columns.push((cluster.code.clone(), cluster.name.clone()));
            }
        }
    }
    let columns = StoredValue::new(columns);
    let links = entries
        .iter()
        .map(|entry| {
            let href = format!("/reports/{}", entry.visit_id);
            let date = entry.start_date.clone();
            let type_key = format!("visit_type.{}", entry.visit_type);
            view! {
                <li>
                    <A href=href attr:data-testid="history-report-link">
                        {date}" · "{move || i18n.t(&type_key)}
                    </A>
                </li>
            }
        })
        .collect_view();
    let entries = StoredValue::new(entries);
    let chart = Signal::derive(move || {
        entries.with_value(|entries| SeriesData {
            categories: entries.iter().map(|e| e.start_date.clone()).collect(),
            series: vec![
                Series {
                    name: i18n.t("report.overall_rate"),
                    kind: SeriesKind::Line,
                    values: entries.iter().map(|e| rounded(e.overall_rate)).collect(),
                    second_axis: false,
                },
                Series {
                    name: i18n.t("report.critical_count"),
                    kind: SeriesKind::Line,
                    values: entries
                        .iter()
                        .map(|e| Some(e.critical_issues as f64))
                        .collect(),
                    second_axis: true,
                },
            ],
            axis_name: i18n.t("report.non_compliance_rate"),
            second_axis_name: Some(i18n.t("report.critical_count")),
            percent: true,
            horizontal: false,
        })
    });
    let table = Signal::derive(move || {
        let lang = i18n.lang();
        columns.with_value(|columns| {
            entries.with_value(|entries| {
                let mut headers = vec![
                    i18n.t("visits.dates"),
                    i18n.t("visits.type"),
                    i18n.t("report.overall_rate"),
                    i18n.t("report.critical_count"),
                ];
                headers.extend(
                    columns
                        .iter()
                        .map(|(_, name)| name.get(lang.code()).to_owned()),
                );
                let rows = entries
                    .iter()
                    .map(|entry| {
                        let mut row = vec![
                            entry.start_date.clone(),
                            i18n.t(&format!("visit_type.{}", entry.visit_type)),
                            percent(entry.overall_rate),
                            entry.critical_issues.to_string(),
                        ];
                        row.extend(columns.iter().map(|(code, _)| {
                            percent(
                                entry
                                    .clusters
                                    .iter()
                                    .find(|c| c.code == *code)
                                    .and_then(|c| c.rate),
                            )
                        }));
                        row
                    })
                    .collect();
                TableData { headers, rows }
            })
        })
    });
    let title = Signal::derive(move || i18n.t("report.history_title"));
    view! {
        <section class="panel report-history" data-testid="report-history">
            <h2>{move || title.get()}</h2>
            <p class="hint">{move || i18n.t("report.history_hint")}</p>
            <SeriesChart id="report-history-chart" data=chart label=title/>
            <DataTable
                testid="report-history-table"
                data=table
                file_name=Signal::derive(move || format!("factory-{factory_id}-reports"))
                caption=title
            />
            <h3>{move || i18n.t("report.history_open")}</h3>
            <ul class="report-links">{links}</ul>
        </section>
    }
}
