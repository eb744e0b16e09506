//! Parts of the self-assessment pages: the list, progress per cluster, what is missing before
//! completing, the result's figures and lists, and who a self-assessment is shared with. They
//! take data and callbacks and never fetch.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::percent;
use shared::api::self_assessments::{
    ComparedPoint, SelfAssessmentCluster, SelfAssessmentHistoryEntry, SelfAssessmentShare,
    SelfAssessmentSummary,
};
use shared::api::visits::ClusterProgress;
use shared::i18n::{translate, Lang};
use shared::table::TableData;
use shared::wire::SelfAssessmentStatus;

use crate::components::chart::{Series, SeriesData, SeriesKind};
use crate::components::visit::format_time;
use crate::i18n::use_i18n;

/// The day of a Unix time, in the browser's time zone.
pub fn format_day(seconds: i64) -> String {
    format_time(seconds).chars().take(10).collect()
}

#[component]
pub fn SelfStatusTag(status: SelfAssessmentStatus) -> impl IntoView {
    let i18n = use_i18n();
    let key = format!("self_assessment.status.{}", status.as_str());
    let class = match status {
        SelfAssessmentStatus::InProgress => "tag status-draft",
        SelfAssessmentStatus::Completed => "tag status-published",
    };
    view! { <span class=class data-testid="self-assessment-status">{move || i18n.t(&key)}</span> }
}

/// The factory's self-assessments, latest first, each with a link to go on or to its result.
#[component]
pub fn SelfAssessmentTable(list: Vec<SelfAssessmentSummary>) -> impl IntoView {
    let i18n = use_i18n();
    if list.is_empty() {
        return view! { <p data-testid="self-assessment-none">{move || i18n.t("self_assessment.none")}</p> }
            .into_any();
    }
    let rows = list
        .into_iter()
        .map(|item| {
            let completed = item.status == SelfAssessmentStatus::Completed;
            let (href, label_key) = if completed {
                (format!("/self-assessments/{}/result", item.id), "self_assessment.open_result")
            } else {
                (format!("/self-assessments/{}", item.id), "self_assessment.continue")
            };
            let clusters = item.clusters.len().to_string();
            let shared_with = item
                .shared_with
                .iter()
                .map(|share| share.organisation_name.clone())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <tr data-id=item.id.to_string()>
                    <td>{format_time(item.started_at)}<br/><span class="hint">{item.started_by.clone()}</span></td>
                    <td><SelfStatusTag status=item.status/></td>
                    <td>{item.checklist_label.clone()}" · "{move || i18n.t_with("self_assessment.cluster_count", &[("count", &clusters)])}</td>
                    <td>{item.completed_at.map(format_time).unwrap_or_else(|| "–".to_owned())}</td>
                    <td class="number">{percent(item.non_compliance_rate)}</td>
                    <td>{shared_with}</td>
                    <td><A href=href attr:class="button secondary small">{move || i18n.t(label_key)}</A></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table data-testid="self-assessment-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("self_assessment.started")}</th>
                        <th scope="col">{move || i18n.t("self_assessment.status")}</th>
                        <th scope="col">{move || i18n.t("self_assessment.scope")}</th>
                        <th scope="col">{move || i18n.t("self_assessment.completed")}</th>
                        <th scope="col">{move || i18n.t("self_assessment.rate")}</th>
                        <th scope="col">{move || i18n.t("self_assessment.shared_with")}</th>
                        <th scope="col"><span class="visually-hidden">{move || i18n.t("self_assessment.open")}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

/// Progress per chosen cluster, each linking to its capture page.
#[component]
pub fn SelfProgressList(id: i64, progress: Vec<ClusterProgress>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = progress
        .into_iter()
        .map(|cluster| {
            let name = StoredValue::new(cluster.name.clone());
            let href = format!("/self-assessments/{id}/clusters/{}", cluster.code);
            let percent = if cluster.total > 0 {
                cluster.answered * 100 / cluster.total
            } else {
                0
            };
            let counts = format!("{} / {}", cluster.answered, cluster.total);
            let non_compliant = cluster.non_compliant;
            let done = cluster.total > 0 && cluster.answered >= cluster.total;
            view! {
                <li class="progress-row" data-cluster=cluster.code.clone() class:done=done>
                    <div class="progress-label">
                        <A href=href>{move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}</A>
                    </div>
                    <progress max="100" value=percent.to_string() aria-label=counts.clone()></progress>
                    <span class="progress-count">{counts.clone()}</span>
                    <span class="progress-nc">
                        {(non_compliant > 0).then(|| view! { <span class="tag danger">{move || i18n.t_with("capture.non_compliant_count", &[("count", &non_compliant.to_string())])}</span> })}
                    </span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel">
            <h2>{move || i18n.t("self_assessment.progress_title")}</h2>
            <ul class="progress-list" data-testid="self-assessment-progress">{rows}</ul>
        </section>
    }
}

/// The questions still unanswered when completing was refused, grouped by cluster, each
/// cluster linking to its capture page.
#[component]
pub fn MissingQuestions(id: i64, codes: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let mut clusters: Vec<(String, Vec<String>)> = Vec::new();
    for code in codes {
        let cluster = code.split('.').next().unwrap_or_default().to_owned();
        match clusters.iter_mut().find(|(c, _)| *c == cluster) {
            Some((_, list)) => list.push(code),
            None => clusters.push((cluster, vec![code])),
        }
    }
    let count = clusters
        .iter()
        .map(|(_, list)| list.len())
        .sum::<usize>()
        .to_string();
    let items = clusters
        .into_iter()
        .map(|(cluster, list)| {
            let href = format!("/self-assessments/{id}/clusters/{cluster}");
            view! {
                <li>
                    <A href=href>{cluster.clone()}</A>": "
                    <span class="question-code">{list.join(", ")}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="notice warning missing-questions" role="alert" data-testid="missing-questions">
            <p>{move || i18n.t_with("self_assessment.missing", &[("count", &count)])}</p>
            <ul>{items}</ul>
        </div>
    }
}

/// Own rate, industry average and official report per cluster, as bars.
pub fn cluster_series(lang: Lang, clusters: &[SelfAssessmentCluster]) -> SeriesData {
    let bar = |key: &str, values: Vec<Option<f64>>| Series {
        name: translate(lang, key),
        kind: SeriesKind::Bar,
        values: values.into_iter().map(|v| v.map(f64::round)).collect(),
        second_axis: false,
    };
    SeriesData {
        categories: clusters
            .iter()
            .map(|c| c.name.get(lang.code()).to_owned())
            .collect(),
        series: vec![
            bar(
                "self_assessment.col.own_rate",
                clusters.iter().map(|c| c.non_compliance_rate).collect(),
            ),
            bar(
                "self_assessment.col.industry_rate",
                clusters.iter().map(|c| c.industry_rate).collect(),
            ),
            bar(
                "self_assessment.col.official_rate",
                clusters.iter().map(|c| c.official_rate).collect(),
            ),
        ],
        axis_name: translate(lang, "analytics.axis.non_compliance"),
        second_axis_name: None,
        percent: true,
        horizontal: false,
    }
}

/// Cluster, points assessed, non-compliant, own rate, industry average, official report.
pub fn cluster_table(lang: Lang, clusters: &[SelfAssessmentCluster]) -> TableData {
    TableData {
        headers: [
            "self_assessment.col.cluster",
            "self_assessment.col.points_assessed",
            "self_assessment.col.points_non_compliant",
            "self_assessment.col.own_rate",
            "self_assessment.col.industry_rate",
            "self_assessment.col.official_rate",
        ]
        .iter()
        .map(|key| translate(lang, key))
        .collect(),
        rows: clusters
            .iter()
            .map(|c| {
                vec![
                    c.name.get(lang.code()).to_owned(),
                    c.points_assessed.to_string(),
                    c.points_non_compliant.to_string(),
                    percent(c.non_compliance_rate),
                    percent(c.industry_rate),
                    percent(c.official_rate),
                ]
            })
            .collect(),
    }
}

/// The factory's rate at each completed self-assessment, as a line.
pub fn history_series(lang: Lang, history: &[SelfAssessmentHistoryEntry]) -> SeriesData {
    SeriesData {
        categories: history.iter().map(|h| format_day(h.completed_at)).collect(),
        series: vec![Series {
            name: translate(lang, "self_assessment.col.own_rate"),
            kind: SeriesKind::Line,
            values: history
                .iter()
                .map(|h| h.non_compliance_rate.map(f64::round))
                .collect(),
            second_axis: false,
        }],
        axis_name: translate(lang, "analytics.axis.non_compliance"),
        second_axis_name: None,
        percent: true,
        horizontal: false,
    }
}

/// Completed on, rate.
pub fn history_table(lang: Lang, history: &[SelfAssessmentHistoryEntry]) -> TableData {
    TableData {
        headers: vec![
            translate(lang, "self_assessment.completed"),
            translate(lang, "self_assessment.col.own_rate"),
        ],
        rows: history
            .iter()
            .map(|h| vec![format_day(h.completed_at), percent(h.non_compliance_rate)])
            .collect(),
    }
}

/// A list of compliance points (blind spots, or points reported fixed).
#[component]
pub fn ComparedPointList(
    points: Vec<ComparedPoint>,
    testid: &'static str,
    empty_key: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    if points.is_empty() {
        return view! { <p class="hint" data-testid=testid>{move || i18n.t(empty_key)}</p> }
            .into_any();
    }
    let items = points
        .into_iter()
        .map(|point| {
            let name = StoredValue::new(point.point_name.clone());
            let critical = point.critical_issue;
            view! {
                <li data-point=point.point_code.clone()>
                    <span class="question-code">{point.point_code.clone()}</span>" "
                    {move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}
                    {critical.map(|number| view! {
                        " "<span class="tag critical">{move || i18n.t_with("capture.critical_issue", &[("number", &number.to_string())])}</span>
                    })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="point-list compared-points" data-testid=testid>{items}</ul> }.into_any()
}

/// The organisations a self-assessment is shared with; the factory may revoke each.
#[component]
pub fn ShareList(
    shares: Vec<SelfAssessmentShare>,
    /// Whether revoke buttons are offered (the factory's own manager).
    may_revoke: bool,
    on_revoke: Callback<SelfAssessmentShare>,
) -> impl IntoView {
    let i18n = use_i18n();
    if shares.is_empty() {
        return view! { <p class="hint" data-testid="share-list">{move || i18n.t("self_assessment.not_shared")}</p> }
            .into_any();
    }
    let items = shares
        .into_iter()
        .map(|share| {
            let name = share.organisation_name.clone();
            let since = format_time(share.shared_at);
            let revoke_label = {
                let name = name.clone();
                move || i18n.t_with("self_assessment.unshare_label", &[("organisation", &name)])
            };
            let share = StoredValue::new(share);
            view! {
                <li>
                    <span><strong>{name.clone()}</strong>" · "{move || i18n.t("self_assessment.shared_at")}" "{since}</span>
                    {may_revoke.then(|| view! {
                        <button type="button" class="button secondary small" aria-label=revoke_label
                            on:click=move |_| on_revoke.run(share.get_value())>
                            {move || i18n.t("self_assessment.unshare")}
                        </button>
                    })}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="share-list" data-testid="share-list">{items}</ul> }.into_any()
}
