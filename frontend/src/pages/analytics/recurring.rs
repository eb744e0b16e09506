//! `/analytics/recurring`: compliance points found non-compliant in both of a factory's
//! latest two assessments, across the industry or one group, with the factories concerned,
//! so that trainers can plan where training helps most; and the industry's blind spots: the
//! points factories most often rate compliant in their own self-assessment while the monitors
//! found them non-compliant (counts only).

use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::{GroupDimension, MIN_FACTORIES_IN_A_FIGURE};
use shared::api::analytics::{AnalyticsQuery, RecurringIssue};
use shared::api::self_assessments::SelfAssessmentBlindSpots;
use shared::i18n::Lang;
use shared::table::TableData;

use crate::api;
use crate::components::analytics::AnalyticsTabs;
use crate::components::chart::{Series, SeriesChart, SeriesData, SeriesKind};
use crate::components::data_table::DataTable;
use crate::components::figures::{dimension_label, group_label};
use crate::i18n::{use_i18n, I18n};
use crate::pages::LoadError;

/// How many points the chart shows; the table lists them all.
const CHART_POINTS: usize = 15;
/// Factories listed per point before "and N more"; trainers narrow by group for the rest.
const LISTED_FACTORIES: usize = 30;

#[component]
pub fn RecurringIssuesPage() -> impl IntoView {
    let i18n = use_i18n();
    let dimension = RwSignal::new(String::new());
    let group = RwSignal::new(String::new());
    // The values a group can take come from the group comparison of that dimension.
    let groups = LocalResource::new(move || {
        let request =
            GroupDimension::parse(&dimension.get()).map(|d| api::analytics::groups(d, ""));
        async move {
            let Some(request) = request else {
                return Vec::new();
            };
            request
                .await
                .map(|comparison| comparison.groups.into_iter().map(|g| g.key).collect())
                .unwrap_or_default()
        }
    });
    let recurring = LocalResource::new(move || {
        let (dimension, group) = (dimension.get(), group.get());
        // A dimension narrows only once one of its groups is chosen.
        let scope = if dimension.is_empty() || group.is_empty() {
            AnalyticsQuery::default()
        } else {
            AnalyticsQuery {
                dimension,
                group,
                ..AnalyticsQuery::default()
            }
        };
        api::analytics::recurring(&scope)
    });
    let retry = Callback::new(move |_| recurring.refetch());
    let blind_spots = LocalResource::new(api::analytics::self_assessment_blind_spots);
    let retry_blind_spots = Callback::new(move |_| blind_spots.refetch());
    let group_options = move || {
        let lang = i18n.lang();
        let keys = groups.get().unwrap_or_default();
        let parsed = GroupDimension::parse(&dimension.get());
        keys.into_iter()
            .map(|key| {
                let label = parsed
                    .map(|d| group_label(lang, d, &key))
                    .unwrap_or_else(|| key.clone());
                view! { <option value=key>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <AnalyticsTabs/>
        <section class="page-head">
            <h1>{move || i18n.t("recurring.title")}</h1>
            <p class="subtitle">{move || i18n.t("recurring.intro")}</p>
        </section>
        <div class="filter-bar panel">
            <label for="recurring-dimension">{move || i18n.t("recurring.narrow_by")}</label>
            <select
                id="recurring-dimension"
                on:change=move |e| {
                    group.set(String::new());
                    dimension.set(event_target_value(&e));
                }
            >
                <option value="">{move || i18n.t("recurring.all_factories")}</option>
                {GroupDimension::ALL.iter().map(|d| {
                    let d = *d;
                    view! { <option value=d.as_str()>{move || dimension_label(i18n.lang(), d)}</option> }
                }).collect_view()}
            </select>
            <Show when=move || !dimension.get().is_empty()>
                <label for="recurring-group">{move || i18n.t("recurring.group")}</label>
                <select id="recurring-group" on:change=move |e| group.set(event_target_value(&e))>
                    <option value="">{move || i18n.t("recurring.choose_group")}</option>
                    {group_options}
                </select>
            </Show>
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || recurring.get().map(|result| match result {
                Ok(issues) if issues.is_empty() => {
                    view! { <p class="panel">{move || i18n.t("recurring.none")}</p> }.into_any()
                }
                Ok(issues) => view! { <RecurringView issues=issues/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || blind_spots.get().map(|result| match result {
                Ok(figures) => view! { <BlindSpotsView figures=figures/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry_blind_spots/> }.into_any(),
            })}
        </Transition>
    }
}

fn blind_spots_table(i18n: I18n, figures: &SelfAssessmentBlindSpots) -> TableData {
    let lang = i18n.lang().code();
    TableData {
        headers: vec![
            i18n.t("recurring.point"),
            i18n.t("recurring.code"),
            i18n.t("recurring.cluster"),
            i18n.t("recurring.factories"),
        ],
        rows: figures
            .points
            .iter()
            .map(|point| {
                vec![
                    point.point_name.get(lang).to_owned(),
                    point.point_code.clone(),
                    point.cluster_code.clone(),
                    point.factories.to_string(),
                ]
            })
            .collect(),
    }
}

/// The industry's blind spots: the two factory counts, then the points, or why they are
/// withheld.
#[component]
fn BlindSpotsView(figures: SelfAssessmentBlindSpots) -> impl IntoView {
    let i18n = use_i18n();
    let figures = StoredValue::new(figures);
    // Blind spots name no factory: the trainer plans a session on the point and chooses whom
    // to invite.
    let may_plan = crate::session::use_session().user().is_some_and(|user| {
        shared::permissions::may(&user.actor(), shared::permissions::Action::ManageTraining)
    });
    let plans = move || {
        let lang = i18n.lang().code();
        figures.with_value(|f| {
            (may_plan && !f.suppressed && !f.points.is_empty()).then(|| {
                let links = f
                    .points
                    .iter()
                    .map(|point| {
                        let href = format!("/training?point={}", point.point_code);
                        let label = i18n.t_with(
                            "blind_spots.plan_training",
                            &[("point", point.point_name.get(lang))],
                        );
                        view! { <li><A href=href>{label}</A></li> }
                    })
                    .collect_view();
                view! { <ul class="link-list" data-testid="blind-spot-plans">{links}</ul> }
            })
        })
    };
    let counts = move || {
        figures.with_value(|f| {
            i18n.t_with(
                "blind_spots.counts",
                &[
                    ("assessing", &f.factories_self_assessing.to_string()),
                    ("compared", &f.factories_compared.to_string()),
                ],
            )
        })
    };
    let body = move || {
        figures.with_value(|f| {
            if f.suppressed {
                view! {
                    <p class="hint" role="note" data-testid="blind-spots-suppressed">
                        {i18n.t_with(
                            "blind_spots.suppressed",
                            &[("minimum", &MIN_FACTORIES_IN_A_FIGURE.to_string())],
                        )}
                    </p>
                }
                .into_any()
            } else if f.points.is_empty() {
                view! { <p>{i18n.t("blind_spots.none")}</p> }.into_any()
            } else {
                let table =
                    Signal::derive(move || figures.with_value(|f| blind_spots_table(i18n, f)));
                view! {
                    <DataTable
                        testid="blind-spots-table"
                        data=table
                        file_name=Signal::derive(move || i18n.t("blind_spots.file_name"))
                        caption=Signal::derive(move || i18n.t("blind_spots.title"))
                    />
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="panel" data-testid="blind-spots">
            <h2>{move || i18n.t("blind_spots.title")}</h2>
            <p class="subtitle">{move || i18n.t("blind_spots.intro")}</p>
            <p data-testid="blind-spots-counts">{counts}</p>
            {body}
            {plans}
        </section>
    }
}

fn recurring_table(i18n: I18n, issues: &[RecurringIssue]) -> TableData {
    let lang = i18n.lang().code();
    TableData {
        headers: vec![
            i18n.t("recurring.point"),
            i18n.t("recurring.code"),
            i18n.t("recurring.cluster"),
            i18n.t("recurring.factories"),
        ],
        rows: issues
            .iter()
            .map(|issue| {
                vec![
                    issue.point_name.get(lang).to_owned(),
                    issue.point_code.clone(),
                    issue.cluster_code.clone(),
                    issue.factory_count.to_string(),
                ]
            })
            .collect(),
    }
}

fn recurring_chart(i18n: I18n, issues: &[RecurringIssue]) -> SeriesData {
    let lang = i18n.lang().code();
    let top = &issues[..issues.len().min(CHART_POINTS)];
    SeriesData {
        categories: top
            .iter()
            .map(|i| i.point_name.get(lang).to_owned())
            .collect(),
        series: vec![Series {
            name: i18n.t("recurring.factories"),
            kind: SeriesKind::Bar,
            values: top.iter().map(|i| Some(i.factory_count as f64)).collect(),
            second_axis: false,
        }],
        axis_name: i18n.t("recurring.factories"),
        second_axis_name: None,
        percent: false,
        horizontal: true,
    }
}

/// The ranking as a chart and a table, then each point's factories.
#[component]
fn RecurringView(issues: Vec<RecurringIssue>) -> impl IntoView {
    let i18n = use_i18n();
    let issues = StoredValue::new(issues);
    let chart = Signal::derive(move || issues.with_value(|i| recurring_chart(i18n, i)));
    let table = Signal::derive(move || issues.with_value(|i| recurring_table(i18n, i)));
    // The training unit plans a session on a point straight from here.
    let may_plan = crate::session::use_session().user().is_some_and(|user| {
        shared::permissions::may(&user.actor(), shared::permissions::Action::ManageTraining)
    });
    let details = move || {
        let lang = i18n.lang();
        issues.with_value(|issues| {
            issues
                .iter()
                .map(|issue| factories_of(i18n, lang, issue, may_plan))
                .collect_view()
        })
    };
    view! {
        <section class="panel">
            <h2>{move || i18n.t("recurring.chart_title")}</h2>
            <SeriesChart id="recurring-chart" data=chart label=Signal::derive(move || i18n.t("recurring.chart_title"))/>
            <DataTable
                testid="recurring-table"
                data=table
                file_name=Signal::derive(move || i18n.t("recurring.file_name"))
                caption=Signal::derive(move || i18n.t("recurring.chart_title"))
            />
        </section>
        <section class="panel">
            <h2>{move || i18n.t("recurring.factories_by_point")}</h2>
            <div data-testid="recurring-factories">{details}</div>
        </section>
    }
}

/// One point's factories, folded so that long lists do not bury the next point; with
/// `may_plan`, a link that plans a training session on the point inviting them.
fn factories_of(i18n: I18n, lang: Lang, issue: &RecurringIssue, may_plan: bool) -> impl IntoView {
    let shown: Vec<_> = issue
        .factories
        .iter()
        .take(LISTED_FACTORIES)
        .map(|factory| {
            let href = format!("/factories/{}", factory.id);
            let name = factory.name.clone();
            view! { <li><A href=href>{name}</A></li> }
        })
        .collect();
    let more = (issue.factory_count as usize).saturating_sub(shown.len());
    let summary = format!(
        "{} — {}",
        issue.point_name.get(lang.code()),
        i18n.t_with(
            "recurring.factory_count",
            &[("count", &issue.factory_count.to_string())]
        )
    );
    let plan = may_plan.then(|| {
        let ids: Vec<String> = issue.factories.iter().map(|f| f.id.to_string()).collect();
        let href = format!(
            "/training?point={}&factories={}",
            issue.point_code,
            ids.join(",")
        );
        view! {
            <p><A href=href attr:class="button small secondary" attr:data-testid="plan-training">{i18n.t("recurring.plan_training")}</A></p>
        }
    });
    view! {
        <details class="recurring-point" data-code=issue.point_code.clone()>
            <summary>{summary}</summary>
            {plan}
            <ul class="link-list">{shown}</ul>
            {(more > 0).then(|| view! {
                <p class="hint">{i18n.t_with("recurring.more_factories", &[("count", &more.to_string())])}</p>
            })}
        </details>
    }
}
