//! Parts of the visit page: progress per cluster, review history, scores and findings.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::api::visits::{ClusterProgress, Finding, HistoryEntry, Scores, VisitSummary};

use crate::components::chart::{TwoMeasureBarChart, TwoMeasureBars};
use crate::i18n::use_i18n;

/// Today in Cambodia, as an ISO date: the programme's dates (visits, deadlines, periods) are
/// Cambodian days, whatever time zone the device is set to.
pub fn today() -> String {
    shared::date::cambodia_date((js_sys::Date::now() / 1000.0) as i64)
}

/// A date and time from Unix seconds, in Cambodia (like every date the programme announces),
/// whatever the device's time zone.
pub fn format_time(seconds: i64) -> String {
    shared::date::cambodia_date_time(seconds)
}

/// Dates of a visit, one day or a range.
pub fn visit_dates(start: &str, end: &str) -> String {
    if start == end {
        start.to_owned()
    } else {
        format!("{start} – {end}")
    }
}

#[component]
pub fn StatusTag(status: shared::visit::VisitStatus) -> impl IntoView {
    let i18n = use_i18n();
    let key = format!("visit_status.{}", status.as_str());
    view! { <span class=format!("tag status-{}", status.as_str()) data-testid="visit-status">{move || i18n.t(&key)}</span> }
}

#[component]
pub fn VisitFactsSummary(visit: VisitSummary, checklist_label: String) -> impl IntoView {
    let i18n = use_i18n();
    let type_key = format!("visit_type.{}", visit.visit_type.as_str());
    let team = match &visit.second_monitor_name {
        Some(second) => format!("{}, {}", visit.lead_monitor_name, second),
        None => visit.lead_monitor_name.clone(),
    };
    let dates = visit_dates(&visit.start_date, &visit.end_date);
    let announced = visit.announced;
    view! {
        <dl class="panel facts">
            <dt>{move || i18n.t("visits.type")}</dt>
            <dd>{move || i18n.t(&type_key)}" · "{move || i18n.t(if announced { "visits.announced" } else { "visits.unannounced" })}</dd>
            <dt>{move || i18n.t("visits.dates")}</dt>
            <dd>{dates}</dd>
            <dt>{move || i18n.t("visits.team")}</dt>
            <dd>{team}</dd>
            <dt>{move || i18n.t("visits.checklist")}</dt>
            <dd>{checklist_label}</dd>
        </dl>
    }
}

#[component]
pub fn ProgressList(
    visit_id: i64,
    progress: Vec<ClusterProgress>,
    capture_label_key: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = progress
        .into_iter()
        .map(|cluster| {
            let name = StoredValue::new(cluster.name.clone());
            let href = format!("/visits/{visit_id}/clusters/{}", cluster.code);
            let percent = if cluster.total > 0 { cluster.answered * 100 / cluster.total } else { 0 };
            let counts = format!("{} / {}", cluster.answered, cluster.total);
            let incomplete = cluster.incomplete_findings;
            let conflicts = cluster.conflicts;
            let non_compliant = cluster.non_compliant;
            let scored = cluster.scored;
            view! {
                <li class="progress-row" data-cluster=cluster.code.clone()>
                    <div class="progress-label">
                        <A href=href>{move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}</A>
                        {(!scored).then(|| view! { <span class="tag">{move || i18n.t("visits.not_scored")}</span> })}
                    </div>
                    <progress max="100" value=percent.to_string() aria-label=counts.clone()></progress>
                    <span class="progress-count">{counts.clone()}</span>
                    <span class="progress-nc">
                        {(non_compliant > 0).then(|| view! { <span class="tag danger">{move || i18n.t_with("capture.non_compliant_count", &[("count", &non_compliant.to_string())])}</span> })}
                        {(incomplete > 0).then(|| view! { <span class="tag warning">{move || i18n.t_with("visits.incomplete_findings", &[("count", &incomplete.to_string())])}</span> })}
                        {(conflicts > 0).then(|| view! { <span class="tag warning" data-testid="cluster-conflicts">{move || i18n.t_with("visits.conflicts", &[("count", &conflicts.to_string())])}</span> })}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{move || i18n.t(capture_label_key)}</h2>
            <ul class="progress-list">{rows}</ul>
        </section>
    }
}

#[component]
pub fn HistoryList(history: Vec<HistoryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = history
        .into_iter()
        .map(|entry| {
            let to_key = format!("visit_status.{}", entry.to_status.as_str());
            let from_key = entry.from_status.map(|from| format!("visit_status.{}", from.as_str()));
            let reason = (!entry.reason.is_empty()).then_some(entry.reason.clone());
            view! {
                <li>
                    <time>{format_time(entry.occurred_at)}</time>" · "
                    <strong>{entry.actor_name.clone()}</strong>" · "
                    {move || match &from_key {
                        Some(from) => format!("{} → {}", i18n.t(from), i18n.t(&to_key)),
                        None => i18n.t(&to_key),
                    }}
                    {reason.map(|reason| view! { <blockquote class="reason">{reason}</blockquote> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{move || i18n.t("visits.history")}</h2>
            <ol class="history" data-testid="visit-history">{rows}</ol>
        </section>
    }
}

#[component]
pub fn ScoresView(scores: Scores) -> impl IntoView {
    let i18n = use_i18n();
    let scores = StoredValue::new(scores);
    let chart = Signal::derive(move || {
        let lang = i18n.lang();
        scores.with_value(|s| TwoMeasureBars {
            categories: s
                .clusters
                .iter()
                .map(|c| c.name.get(lang.code()).to_owned())
                .collect(),
            first_name: i18n.t("report.points_non_compliant"),
            first_values: s.clusters.iter().map(|c| c.points_non_compliant).collect(),
            second_name: i18n.t("report.points_assessed"),
            second_values: s.clusters.iter().map(|c| c.points_assessed).collect(),
        })
    });
    let rows = move || {
        let lang = i18n.lang();
        scores.with_value(|s| {
            s.clusters
                .iter()
                .map(|cluster| {
                    let rate = cluster
                        .non_compliance_rate
                        .map(|rate| format!("{rate:.0}%"))
                        .unwrap_or_else(|| "–".to_owned());
                    view! {
                        <tr>
                            <th scope="row">{cluster.name.get(lang.code()).to_owned()}</th>
                            <td class="number">{cluster.points_assessed}</td>
                            <td class="number">{cluster.points_non_compliant}</td>
                            <td class="number">{rate}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let critical = move || {
        scores.with_value(|s| {
            s.critical_issues
                .iter()
                .map(|number| {
                    let key = format!("critical.{number}");
                    view! { <li>{move || i18n.t(&key)}</li> }
                })
                .collect_view()
        })
    };
    let no_critical = scores.with_value(|s| s.critical_issues.is_empty());
    view! {
        <section class="panel" data-testid="scores">
            <h2>{move || i18n.t("report.scores")}</h2>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t("report.cluster")}</th>
                            <th scope="col" class="number">{move || i18n.t("report.points_assessed")}</th>
                            <th scope="col" class="number">{move || i18n.t("report.points_non_compliant")}</th>
                            <th scope="col" class="number">{move || i18n.t("report.non_compliance_rate")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <TwoMeasureBarChart id="scores-chart" data=chart label=Signal::derive(move || i18n.t("report.scores"))/>
            <h3>{move || i18n.t("report.critical_issues")}</h3>
            {if no_critical {
                view! { <p>{move || i18n.t("report.no_critical_issues")}</p> }.into_any()
            } else {
                view! { <ul class="critical-list" data-testid="critical-issues">{critical}</ul> }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn FindingsList(findings: Vec<Finding>) -> impl IntoView {
    let i18n = use_i18n();
    if findings.is_empty() {
        return view! { <section class="panel"><h2>{move || i18n.t("report.findings")}</h2><p>{move || i18n.t("report.no_findings")}</p></section> }.into_any();
    }
    let items = findings
        .into_iter()
        .map(|finding| {
            let finding = StoredValue::new(finding);
            view! {
                <li class="finding-item">
                    <p class="question-code">{finding.with_value(|f| f.question_code.clone())}" · "{move || finding.with_value(|f| f.point_name.get(i18n.lang().code()).to_owned())}</p>
                    <p class="question-text">{move || finding.with_value(|f| f.question.get(i18n.lang().code()).to_owned())}</p>
                    <dl class="facts">
                        <dt>{move || i18n.t("capture.finding")}</dt>
                        <dd lang="en">{finding.with_value(|f| f.finding.clone())}</dd>
                        <dt>{move || i18n.t("capture.suggestion")}</dt>
                        <dd lang="en">{finding.with_value(|f| f.suggestion.clone())}</dd>
                        <dt>{move || i18n.t("capture.legal_reference")}</dt>
                        <dd>{finding.with_value(|f| f.legal_reference.clone())}</dd>
                    </dl>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{move || i18n.t("report.findings")}</h2>
            <p class="hint">{move || i18n.t("report.findings_in_english")}</p>
            <ol class="findings" data-testid="findings">{items}</ol>
        </section>
    }
    .into_any()
}
