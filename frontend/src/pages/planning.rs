//! Visit planning. `/planning`: every active factory, highest risk first, with when its next
//! visit is due, its last visit, the reasons behind its risk score and the visits planned for
//! it. `/planning/new`: administrators and approvers plan a visit (a team, a date window and,
//! for a follow-up or a special check, the compliance points it covers). `/planning/schedule`:
//! the planned visits of a month as a list and as a calendar; monitors start theirs from it,
//! planners call visits off.

use std::collections::BTreeSet;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::analytics::GroupDimension;
use shared::api::factories::FactoryFilter;
use shared::api::planning::{
    CancelPlannedVisit, LastVisit, NewPlannedVisit, PlannedVisit, PlannedVisitFilter, Planner,
    PlannerFilter, PlannerMonitor, PlannerRow,
};
use shared::checklist::{ChecklistContent, Cluster};
use shared::date::{add_days, parse};
use shared::error::FieldError;
use shared::factory::PRODUCT_TYPES;
use shared::permissions::{may, Action};
use shared::planning::{add_months, planned_visit_problems, RiskReason, PLANNABLE_TYPES};
use shared::visit::VisitType;

use crate::api::{self, ApiError};
use crate::components::form::{
    field_errors, form_message, loaded_options, refused, DateField, Notice, SelectField,
    TextAreaField,
};
use crate::components::visit::today;
use crate::i18n::{province_label, use_i18n, I18n};
use crate::pages::LoadError;
use crate::session::use_session;

/// Days a new plan's window spans by default: two working weeks, from today.
const DEFAULT_WINDOW_DAYS: i64 = 14;

/// What the signed-in user may do here: plan and call off visits (administrators,
/// approvers), and start a planned visit (monitors).
fn permissions() -> (bool, bool) {
    let actor = use_session().user().map(|user| user.actor());
    let may_do = |action| actor.as_ref().is_some_and(|actor| may(actor, action));
    (may_do(Action::PlanVisits), may_do(Action::CreateVisit))
}

fn type_label(i18n: I18n, visit_type: &str) -> String {
    i18n.t(&format!("visit_type.{visit_type}"))
}

/// "2027-02-01 – 2027-02-12", or one date for a one-day window.
fn date_range(starts_on: &str, ends_on: &str) -> String {
    if starts_on == ends_on {
        starts_on.to_owned()
    } else {
        format!("{starts_on} – {ends_on}")
    }
}

/// The lead monitor, then the second one.
fn team(plan: &PlannedVisit) -> String {
    match &plan.second_monitor_name {
        Some(second) => format!("{}, {second}", plan.lead_monitor_name),
        None => plan.lead_monitor_name.clone(),
    }
}

/// "Partial: 12 points" or "Whole checklist".
fn scope_label(i18n: I18n, scope: &[String]) -> String {
    if scope.is_empty() {
        i18n.t("planning.scope_whole")
    } else {
        i18n.t_with(
            "planning.scope_partial",
            &[("count", &scope.len().to_string())],
        )
    }
}

/// A reason of the risk score with its value and the points it adds: "Verified concerns: 2
/// (+60)".
fn reason_label(i18n: I18n, reason: &RiskReason) -> String {
    i18n.t_with(
        &format!("planning.reason.{}", reason.code),
        &[
            ("value", &reason.value.to_string()),
            ("points", &reason.points.to_string()),
        ],
    )
}

/// A drop-down of the filter bar: "all" first (value `""`), then `options`.
fn filter_select(
    i18n: I18n,
    id: &'static str,
    all_key: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    view! {
        <select
            id=id
            aria-label=move || i18n.t(all_key)
            prop:value=move || value.get()
            on:change=move |event| value.set(event_target_value(&event))
        >
            <option value="">{move || i18n.t(all_key)}</option>
            {move || {
                options
                    .get()
                    .into_iter()
                    .map(|(option, text)| {
                        let selected = value.get_untracked() == option;
                        view! { <option value=option selected=selected>{text}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}

fn monitor_options(monitors: &[PlannerMonitor]) -> Vec<(String, String)> {
    monitors
        .iter()
        .map(|m| (m.id.to_string(), m.display_name.clone()))
        .collect()
}

#[component]
pub fn PlannerPage() -> impl IntoView {
    let i18n = use_i18n();
    let (may_plan, _) = permissions();
    let province = RwSignal::new(String::new());
    let monitor = RwSignal::new(String::new());
    let product_type = RwSignal::new(String::new());
    let planner = LocalResource::new(move || {
        let group = product_type.get();
        // The planner groups factories as the industry figures do; the page offers one
        // grouping, the product type.
        let dimension = if group.is_empty() {
            String::new()
        } else {
            GroupDimension::ProductType.as_str().to_owned()
        };
        api::planning::planner(&PlannerFilter {
            province: province.get(),
            monitor_id: monitor.get().parse().ok(),
            dimension,
            group,
        })
    });
    let retry = Callback::new(move |_| planner.refetch());
    // The choices come from the last planner loaded, so the filters stay while it reloads.
    let provinces = RwSignal::new(Vec::<String>::new());
    let monitors = RwSignal::new(Vec::<PlannerMonitor>::new());
    Effect::new(move |_| {
        if let Some(Ok(loaded)) = planner.get() {
            provinces.set(loaded.provinces);
            monitors.set(loaded.monitors);
        }
    });
    let province_options = Signal::derive(move || {
        provinces
            .get()
            .into_iter()
            .map(|name| {
                let label = province_label(i18n.lang(), &name);
                (name, label)
            })
            .collect()
    });
    let monitor_choices = Signal::derive(move || monitors.with(|m| monitor_options(m)));
    let product_options = Signal::derive(move || {
        PRODUCT_TYPES
            .iter()
            .map(|p| (p.to_string(), i18n.t(&format!("product.{p}"))))
            .collect()
    });
    view! {
        <section class="page-head with-actions">
            <div>
                <h1>{move || i18n.t("planning.title")}</h1>
                <p class="subtitle">{move || i18n.t("planning.intro")}</p>
            </div>
            <div class="actions">
                <A href="/planning/schedule" attr:class="button secondary" attr:data-testid="schedule-link">
                    {move || i18n.t("planning.schedule_link")}
                </A>
                {may_plan.then(|| view! {
                    <A href="/planning/new" attr:class="button primary">{move || i18n.t("planning.plan_visit")}</A>
                })}
            </div>
        </section>
        <div class="filter-bar planner-filters panel" role="search">
            {filter_select(i18n, "planner-province", "factories.all_provinces", province, province_options)}
            {filter_select(i18n, "planner-monitor", "planning.all_monitors", monitor, monitor_choices)}
            {filter_select(i18n, "planner-product", "factories.all_products", product_type, product_options)}
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || planner.get().map(|result| match result {
                Ok(planner) => view! { <PlannerTable planner=planner may_plan=may_plan/> }.into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn PlannerTable(planner: Planner, may_plan: bool) -> impl IntoView {
    let i18n = use_i18n();
    let counted_on = planner.today.clone();
    if planner.rows.is_empty() {
        return view! { <p class="panel">{move || i18n.t("planning.empty")}</p> }.into_any();
    }
    let count = planner.rows.len().to_string();
    let rows = planner
        .rows
        .into_iter()
        .map(|row| view! { <PlannerRowView row=row may_plan=may_plan/> })
        .collect_view();
    view! {
        <p class="subtitle" data-testid="planner-count">
            {move || i18n.t_with("planning.count", &[("count", &count), ("date", &counted_on)])}
        </p>
        <div class="table-wrap panel">
            <table class="planner-table" data-testid="planner">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t("visits.factory")}</th>
                        <th scope="col">{move || i18n.t("factories.province")}</th>
                        <th scope="col">{move || i18n.t("planning.last_assessment")}</th>
                        <th scope="col">{move || i18n.t("planning.next_visit_due")}</th>
                        <th scope="col">{move || i18n.t("planning.last_visit")}</th>
                        <th scope="col">{move || i18n.t("planning.risk")}</th>
                        <th scope="col">{move || i18n.t("planning.planned")}</th>
                        {may_plan.then(|| view! {
                            <th scope="col"><span class="visually-hidden">{move || i18n.t("planning.plan_visit")}</span></th>
                        })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn PlannerRowView(row: PlannerRow, may_plan: bool) -> impl IntoView {
    let i18n = use_i18n();
    let factory_id = row.factory_id;
    let province = row.province.clone();
    let product_key = format!("product.{}", row.product_type);
    let overdue = match row.overdue_days {
        None => Some(view! {
            <span class="tag warning" data-testid="never-assessed">{move || i18n.t("planning.never_assessed")}</span>
        }
        .into_any()),
        Some(days) if days > 0 => {
            let (key, count) = if days == 1 {
                ("planning.overdue_one", String::new())
            } else {
                ("planning.overdue_days", days.to_string())
            };
            Some(view! {
                <span class="tag overdue" data-testid="overdue">{move || i18n.t_with(key, &[("count", &count)])}</span>
            }
            .into_any())
        }
        Some(_) => None,
    };
    let reasons = row
        .risk
        .reasons
        .into_iter()
        .map(|reason| {
            let code = reason.code.clone();
            view! { <li data-reason=code>{move || reason_label(i18n, &reason)}</li> }
        })
        .collect_view();
    let no_plans = row.planned.is_empty();
    let planned = row
        .planned
        .into_iter()
        .map(|plan| {
            let dates = date_range(&plan.starts_on, &plan.ends_on);
            let visit_type = plan.visit_type.clone();
            let team = team(&plan);
            view! {
                <li>
                    <span class="nowrap">{dates}</span>" · "{move || type_label(i18n, &visit_type)}
                    <span class="block muted">{team}</span>
                </li>
            }
        })
        .collect_view();
    // Each cell names its column too: on a tablet the rows become cards without a header.
    let label = move |key: &'static str| move || i18n.t(key);
    view! {
        <tr data-testid="planner-row" data-factory=factory_id>
            <td>
                <A href=format!("/factories/{factory_id}")>{row.factory_name.clone()}</A>
                <span class="block muted">{move || i18n.t(&product_key)}</span>
            </td>
            <td data-label=label("factories.province")>{move || province_label(i18n.lang(), &province)}</td>
            <td class="nowrap" data-label=label("planning.last_assessment")>{row.last_assessment.clone().unwrap_or_else(|| "–".to_owned())}</td>
            <td data-label=label("planning.next_visit_due")>
                <span class="nowrap">{row.next_visit_due.clone().unwrap_or_else(|| "–".to_owned())}</span>
                {overdue.map(|badge| view! { <span class="block">{badge}</span> })}
            </td>
            <td data-label=label("planning.last_visit")>{row.last_visit.map(|visit| view! { <LastVisitView visit=visit/> })}</td>
            <td class="risk" data-label=label("planning.risk")>
                <strong class="risk-score" data-testid="risk-score">{row.risk.score}</strong>
                <ul class="risk-reasons">{reasons}</ul>
            </td>
            <td class="planned" class:empty=no_plans data-label=label("planning.planned")><ul class="planned-list">{planned}</ul></td>
            {may_plan.then(|| view! {
                <td>
                    <A href=format!("/planning/new?factory={factory_id}") attr:class="button small secondary" attr:data-testid="plan-visit">
                        {move || i18n.t("planning.plan_visit")}
                    </A>
                </td>
            })}
        </tr>
    }
}

/// "2026-03-10 · Assessment · Completed · Sokha Chan".
#[component]
fn LastVisitView(visit: LastVisit) -> impl IntoView {
    let i18n = use_i18n();
    let type_key = format!("visit_type.{}", visit.visit_type);
    let outcome_key = match &visit.outcome {
        Some(outcome) => format!("facts.outcome.{outcome}"),
        None => "planning.report_in_progress".to_owned(),
    };
    view! {
        <span class="nowrap">{visit.start_date.clone()}</span>" · "
        {move || i18n.t(&type_key)}" · "{move || i18n.t(&outcome_key)}
        <span class="block muted">{visit.lead_monitor_name.clone()}</span>
    }
}

/// The checklist's scored clusters with a checkbox per compliance point: a cluster's own
/// checkbox chooses or clears all its points.
#[component]
fn ScopePicker(content: ChecklistContent, scope: RwSignal<BTreeSet<String>>) -> impl IntoView {
    content
        .clusters
        .into_iter()
        .filter(|cluster| cluster.scored && !cluster.points.is_empty())
        .map(|cluster| view! { <ScopeCluster cluster=cluster scope=scope/> })
        .collect_view()
}

#[component]
fn ScopeCluster(cluster: Cluster, scope: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let codes = StoredValue::new(
        cluster
            .points
            .iter()
            .map(|point| point.code.clone())
            .collect::<Vec<_>>(),
    );
    let total = cluster.points.len();
    let chosen = move || {
        scope.with(|scope| {
            codes.with_value(|codes| codes.iter().filter(|c| scope.contains(*c)).count())
        })
    };
    let points = cluster
        .points
        .into_iter()
        .map(|point| {
            let code = point.code.clone();
            let checked = code.clone();
            let name = StoredValue::new(point.name);
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        value=code.clone()
                        data-testid="scope-point"
                        prop:checked=move || scope.with(|scope| scope.contains(&checked))
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            scope.update(|scope| {
                                if on {
                                    scope.insert(code.clone());
                                } else {
                                    scope.remove(&code);
                                }
                            });
                        }
                    />
                    " "<span class="question-code">{point.code.clone()}</span>" "
                    {move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}
                </label>
            }
        })
        .collect_view();
    let name = StoredValue::new(cluster.name);
    let cluster_code = cluster.code;
    view! {
        <details class="topic-cluster" data-cluster=cluster_code.clone()>
            <summary>
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="scope-cluster"
                        prop:checked=move || chosen() == total
                        prop:indeterminate=move || { let n = chosen(); n > 0 && n < total }
                        on:change=move |event| {
                            let on = event_target_checked(&event);
                            scope.update(|scope| codes.with_value(|codes| {
                                for code in codes {
                                    if on {
                                        scope.insert(code.clone());
                                    } else {
                                        scope.remove(code);
                                    }
                                }
                            }));
                        }
                    />
                    " "<span class="question-code">{cluster_code.clone()}</span>" "
                    {move || name.with_value(|n| n.get(i18n.lang().code()).to_owned())}
                    " "<span class="muted">{move || format!("{}/{total}", chosen())}</span>
                </label>
            </summary>
            <div class="topic-points">{points}</div>
        </details>
    }
}

#[component]
pub fn PlanVisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let query = use_query_map();
    let factories = LocalResource::new(|| {
        api::factories::list(&FactoryFilter {
            status: "active".to_owned(),
            ..FactoryFilter::default()
        })
    });
    // The monitors a visit can be planned for come with the planner.
    let planner = LocalResource::new(|| api::planning::planner(&PlannerFilter::default()));
    let retry_planner = Callback::new(move |_| planner.refetch());
    let checklist = LocalResource::new(api::checklists::current);
    let today = today();
    let factory_id = RwSignal::new(query.with_untracked(|q| q.get("factory").unwrap_or_default()));
    let visit_type = RwSignal::new(VisitType::Assessment.as_str().to_owned());
    let starts_on = RwSignal::new(today.clone());
    let ends_on =
        RwSignal::new(add_days(&today, DEFAULT_WINDOW_DAYS - 1).unwrap_or_else(|| today.clone()));
    let lead_monitor = RwSignal::new(String::new());
    let second_monitor = RwSignal::new(String::new());
    let scope = RwSignal::new(BTreeSet::<String>::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    // An assessment covers the whole checklist: points are chosen only for the other kinds.
    let takes_scope = move || {
        visit_type.with(|t| VisitType::parse(t).is_some_and(|t| t != VisitType::Assessment))
    };
    let min_date = today.clone();

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let input = NewPlannedVisit {
            factory_id: factory_id.get_untracked().parse().unwrap_or_default(),
            visit_type: visit_type.get_untracked(),
            starts_on: starts_on.get_untracked(),
            ends_on: ends_on.get_untracked(),
            lead_monitor_id: lead_monitor.get_untracked().parse().unwrap_or_default(),
            second_monitor_id: second_monitor.get_untracked().parse().ok(),
            // Points picked before switching to an assessment stay on screen for switching
            // back, but are not sent.
            scope: if takes_scope() {
                scope.get_untracked().into_iter().collect()
            } else {
                Vec::new()
            },
            note: note.get_untracked().trim().to_owned(),
        };
        // The server's own rules, so a mistake shows without a round trip.
        if refused(planned_visit_problems(&input, &today), error) {
            return;
        }
        error.set(None);
        pending.set(true);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::planning::plan_visit(&input).await {
                Ok(_) => navigate("/planning/schedule", Default::default()),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    let errors = move |field: &'static str| field_errors(i18n, error, field);
    let label = move |key: &'static str| Signal::derive(move || i18n.t(key));
    let factory_options =
        loaded_options(factories, |factory| (factory.id.to_string(), factory.name));
    let type_options = Signal::derive(move || {
        PLANNABLE_TYPES
            .iter()
            .map(|t| (t.as_str().to_owned(), type_label(i18n, t.as_str())))
            .collect::<Vec<_>>()
    });
    let monitor_choices = Signal::derive(move || {
        planner
            .get()
            .and_then(Result::ok)
            .map(|planner| monitor_options(&planner.monitors))
            .unwrap_or_default()
    });
    let scope_hint = move || {
        i18n.t(
            if visit_type.with(|t| t == VisitType::SpecialCheck.as_str()) {
                "planning.scope_hint_special_check"
            } else {
                "planning.scope_hint_follow_up"
            },
        )
    };
    let scope_errors = move || {
        let messages = field_errors(i18n, error, "scope").get();
        (!messages.is_empty())
            .then(|| view! { <p class="field-errors" role="alert">{messages.join(" ")}</p> })
    };
    let picker = move || match checklist.get() {
        None => {
            view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }.into_any()
        }
        Some(Ok(Some(detail))) => {
            view! { <ScopePicker content=detail.content scope=scope/> }.into_any()
        }
        Some(Ok(None)) => view! { <p>{i18n.t("planning.no_checklist")}</p> }.into_any(),
        Some(Err(failure)) => {
            let retry = Callback::new(move |_| checklist.refetch());
            view! { <LoadError error=failure retry=retry/> }.into_any()
        }
    };
    view! {
        <A href="/planning" attr:class="back-link">{move || i18n.t("planning.back")}</A>
        <section class="page-head">
            <h1>{move || i18n.t("planning.new_title")}</h1>
            <p class="subtitle">{move || i18n.t("planning.new_intro")}</p>
        </section>
        {move || planner.get().and_then(Result::err).map(|failure| view! { <LoadError error=failure retry=retry_planner/> })}
        <form class="panel" on:submit=submit novalidate data-testid="plan-visit-form">
            <Notice message=form_message(i18n, error)/>
            <div class="grid-form">
                <SelectField id="factory_id" label=label("visits.factory") value=factory_id choose=label("visits.choose_factory") options=factory_options errors=errors("factory_id")/>
                <SelectField id="visit_type" label=label("visits.type") value=visit_type options=type_options errors=errors("visit_type")/>
                <DateField id="starts_on" label=label("planning.starts_on") value=starts_on min=min_date.clone() errors=errors("starts_on")/>
                <DateField id="ends_on" label=label("planning.ends_on") value=ends_on min=min_date errors=errors("ends_on")/>
                <SelectField id="lead_monitor_id" label=label("planning.lead_monitor") value=lead_monitor choose=label("common.choose") options=monitor_choices errors=errors("lead_monitor_id")/>
                <SelectField id="second_monitor_id" label=label("visits.second_monitor") value=second_monitor choose=label("visits.no_second_monitor") options=monitor_choices errors=errors("second_monitor_id")/>
            </div>
            <p class="hint">{move || i18n.t("planning.window_hint")}</p>
            <Show when=takes_scope>
                <fieldset class="topics scope-picker" data-testid="scope-picker">
                    <legend>{move || i18n.t("planning.scope")}</legend>
                    <p class="hint">{scope_hint}</p>
                    <p class="scope-count" role="status" data-testid="scope-count">
                        {move || i18n.t_with("planning.points_chosen", &[("count", &scope.with(|s| s.len()).to_string())])}
                    </p>
                    {picker}
                    {scope_errors}
                </fieldset>
            </Show>
            <TextAreaField id="note" label=label("planning.note") value=note errors=errors("note") hint=label("planning.note_hint")/>
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>{move || i18n.t("planning.save")}</button>
                <A href="/planning" attr:class="button secondary">{move || i18n.t("common.cancel")}</A>
            </div>
        </form>
    }
}

/// The first day of the month of an ISO date.
fn month_start(date: &str) -> String {
    format!("{}-01", date.get(..7).unwrap_or("1970-01"))
}

/// The last day of the month that starts on `first`.
fn month_end(first: &str) -> String {
    add_months(first, 1)
        .and_then(|next| add_days(&next, -1))
        .unwrap_or_else(|| first.to_owned())
}

/// The first day of the month before the one that starts on `first`.
fn previous_month(first: &str) -> String {
    add_days(first, -1)
        .map(|last| month_start(&last))
        .unwrap_or_else(|| first.to_owned())
}

fn next_month(first: &str) -> String {
    add_months(first, 1).unwrap_or_else(|| first.to_owned())
}

/// Every day of the month that starts on `first`, as ISO dates.
fn days_of_month(first: &str) -> Vec<String> {
    let last = month_end(first);
    std::iter::successors(Some(first.to_owned()), |day| {
        add_days(day, 1).filter(|next| *next <= last)
    })
    .collect()
}

const WEEKDAY_KEYS: [&str; 7] = [
    "planning.weekday.mon",
    "planning.weekday.tue",
    "planning.weekday.wed",
    "planning.weekday.thu",
    "planning.weekday.fri",
    "planning.weekday.sat",
    "planning.weekday.sun",
];

#[component]
pub fn SchedulePage() -> impl IntoView {
    let i18n = use_i18n();
    let (may_plan, may_start) = permissions();
    let month = RwSignal::new(month_start(&today()));
    let monitor = RwSignal::new(String::new());
    let planned = LocalResource::new(move || {
        let first = month.get();
        api::planning::planned_visits(&PlannedVisitFilter {
            to: month_end(&first),
            from: first,
            monitor_id: monitor.get().parse().ok(),
            status: String::new(),
        })
    });
    let retry = Callback::new(move |_| planned.refetch());
    // Planners choose whose visits to see; the monitors come with the planner. A monitor sees
    // only their own, so they get no choice and the planner is not asked for.
    let monitors =
        may_plan.then(|| LocalResource::new(|| api::planning::planner(&PlannerFilter::default())));
    let monitor_choices = Signal::derive(move || {
        monitors
            .and_then(|monitors| monitors.get())
            .and_then(Result::ok)
            .map(|planner| monitor_options(&planner.monitors))
            .unwrap_or_default()
    });
    let month_title = move || {
        let first = month.get();
        let number = first
            .get(5..7)
            .and_then(|m| m.parse::<u8>().ok())
            .unwrap_or(1);
        let name = i18n.t(&format!("planning.month.{number}"));
        i18n.t_with(
            "planning.month_title",
            &[
                ("month", &name),
                ("year", first.get(..4).unwrap_or_default()),
            ],
        )
    };
    let on_cancelled = Callback::new(move |_| planned.refetch());
    view! {
        <A href="/planning" attr:class="back-link">{move || i18n.t("planning.back")}</A>
        <section class="page-head with-actions">
            <div>
                <h1>{move || i18n.t("planning.schedule_title")}</h1>
                <p class="subtitle">
                    {move || i18n.t(if may_plan { "planning.schedule_intro" } else { "planning.schedule_intro_monitor" })}
                </p>
            </div>
            {may_plan.then(|| view! {
                <div class="actions">
                    <A href="/planning/new" attr:class="button primary">{move || i18n.t("planning.plan_visit")}</A>
                </div>
            })}
        </section>
        <div class="month-nav panel">
            <button type="button" class="button secondary" data-testid="previous-month"
                on:click=move |_| month.update(|m| *m = previous_month(m))>
                {move || i18n.t("planning.previous_month")}
            </button>
            <h2 data-testid="month-title" aria-live="polite">{month_title}</h2>
            <button type="button" class="button secondary" data-testid="next-month"
                on:click=move |_| month.update(|m| *m = next_month(m))>
                {move || i18n.t("planning.next_month")}
            </button>
            {may_plan.then(|| view! {
                <div class="month-nav-filter">
                    {filter_select(i18n, "schedule-monitor", "planning.all_monitors", monitor, monitor_choices)}
                </div>
            })}
        </div>
        <Transition fallback=move || view! { <p class="loading" role="status">{i18n.t("common.loading")}</p> }>
            {move || planned.get().map(|result| match result {
                Ok(visits) => {
                    let first = month.get_untracked();
                    view! {
                        <ScheduleList visits=visits.clone() may_plan=may_plan may_start=may_start on_cancelled=on_cancelled/>
                        <MonthCalendar first=first visits=visits/>
                    }
                    .into_any()
                }
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ScheduleList(
    visits: Vec<PlannedVisit>,
    may_plan: bool,
    may_start: bool,
    on_cancelled: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let empty = visits.is_empty();
    let items = visits
        .into_iter()
        .map(|plan| {
            view! { <PlannedVisitItem plan=plan may_plan=may_plan may_start=may_start on_cancelled=on_cancelled/> }
        })
        .collect_view();
    view! {
        <section class="panel" data-testid="schedule-list">
            <h2>{move || i18n.t("planning.list_title")}</h2>
            <ul class="planned-visits">{items}</ul>
            {empty.then(|| view! { <p data-testid="schedule-empty">{move || i18n.t("planning.schedule_empty")}</p> })}
        </section>
    }
}

#[component]
fn PlannedVisitItem(
    plan: PlannedVisit,
    may_plan: bool,
    may_start: bool,
    on_cancelled: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = plan.id;
    let calling_off = RwSignal::new(false);
    let visit_type = plan.visit_type.clone();
    let province = plan.province.clone();
    let scope = plan.scope.clone();
    let is_planned = plan.status == "planned";
    let status_key = format!("planning.status.{}", plan.status);
    let note = (!plan.note.is_empty()).then(|| plan.note.clone());
    let dates = date_range(&plan.starts_on, &plan.ends_on);
    let factory_href = format!("/factories/{}", plan.factory_id);
    let factory_name = plan.factory_name.clone();
    let team = team(&plan);
    view! {
        <li class="planned-visit" data-testid="planned-visit" data-id=id>
            <p>
                <strong class="nowrap">{dates}</strong>" · "
                <A href=factory_href>{factory_name}</A>" · "
                {move || province_label(i18n.lang(), &province)}
                {(!is_planned).then(|| view! { " "<span class="tag">{move || i18n.t(&status_key)}</span> })}
            </p>
            <p>
                {move || type_label(i18n, &visit_type)}" · "{team}" · "
                <span data-testid="scope-size">{move || scope_label(i18n, &scope)}</span>
            </p>
            {note.map(|note| view! { <p class="note">{note}</p> })}
            {(is_planned && (may_start || may_plan)).then(|| view! {
                <div class="actions">
                    {may_start.then(|| view! {
                        <A href=format!("/visits/new?planned={id}") attr:class="button primary small" attr:data-testid="start-planned">
                            {move || i18n.t("planning.start")}
                        </A>
                    })}
                    {may_plan.then(|| view! {
                        <Show when=move || !calling_off.get()>
                            <button type="button" class="button danger small" data-testid="call-off"
                                on:click=move |_| calling_off.set(true)>
                                {move || i18n.t("planning.call_off")}
                            </button>
                        </Show>
                    })}
                </div>
            })}
            <Show when=move || calling_off.get()>
                <CallOffForm
                    planned_visit_id=id
                    on_done=Callback::new(move |_| {
                        calling_off.set(false);
                        on_cancelled.run(());
                    })
                    on_close=Callback::new(move |_| calling_off.set(false))
                />
            </Show>
        </li>
    }
}

/// Asks why the visit is called off, then calls it off.
#[component]
fn CallOffForm(
    planned_visit_id: i64,
    on_done: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let pending = RwSignal::new(false);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let body = CancelPlannedVisit {
            reason: reason.get_untracked().trim().to_owned(),
        };
        let problems = if body.reason.is_empty() {
            vec![FieldError::new("reason", "required")]
        } else {
            Vec::new()
        };
        if refused(problems, error) {
            return;
        }
        error.set(None);
        pending.set(true);
        leptos::task::spawn_local(async move {
            match api::planning::cancel(planned_visit_id, &body).await {
                Ok(_) => on_done.run(()),
                Err(failure) => error.set(Some(failure)),
            }
            pending.set(false);
        });
    };
    view! {
        <form class="call-off" on:submit=submit novalidate data-testid="call-off-form">
            <Notice message=form_message(i18n, error)/>
            <TextAreaField
                id=format!("call-off-reason-{planned_visit_id}")
                label=Signal::derive(move || i18n.t("planning.call_off_reason"))
                value=reason
                errors=field_errors(i18n, error, "reason")
                rows=2
            />
            <div class="actions">
                <button type="submit" class="button danger" disabled=move || pending.get()>
                    {move || i18n.t("planning.call_off_confirm")}
                </button>
                <button type="button" class="button secondary" on:click=move |_| on_close.run(())>
                    {move || i18n.t("planning.keep_visit")}
                </button>
            </div>
        </form>
    }
}

/// The month as a grid of days, Monday first, each planned visit shown on every day of its
/// window that falls in the month.
#[component]
fn MonthCalendar(first: String, visits: Vec<PlannedVisit>) -> impl IntoView {
    let i18n = use_i18n();
    let today = today();
    let leading = parse(&first)
        .map(|date| date.weekday().number_days_from_monday() as usize)
        .unwrap_or_default();
    let weekdays = WEEKDAY_KEYS
        .into_iter()
        .map(|key| view! { <span>{move || i18n.t(key)}</span> })
        .collect_view();
    let blanks = (0..leading)
        .map(|_| view! { <li class="calendar-blank" aria-hidden="true"></li> })
        .collect_view();
    let days = days_of_month(&first)
        .into_iter()
        .map(|day| {
            let on_day = visits
                .iter()
                .filter(|plan| plan.starts_on <= day && day <= plan.ends_on)
                .map(|plan| {
                    let visit_type = plan.visit_type.clone();
                    let title = plan.visit_type.clone();
                    let team = team(plan);
                    view! {
                        <li class=format!("calendar-visit type-{}", plan.visit_type) data-id=plan.id
                            title=move || format!("{} · {team}", type_label(i18n, &title))>
                            {plan.factory_name.clone()}
                            <span class="visually-hidden">" · "{move || type_label(i18n, &visit_type)}</span>
                        </li>
                    }
                })
                .collect_view();
            let number = day.get(8..).unwrap_or_default().trim_start_matches('0').to_owned();
            let is_today = day == today;
            view! {
                <li class="calendar-day" class:today=is_today data-date=day.clone()>
                    <time class="day-number" datetime=day.clone()>{number}</time>
                    <ul class="calendar-visits">{on_day}</ul>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel" data-testid="schedule-calendar">
            <h2 class="visually-hidden">{move || i18n.t("planning.calendar_title")}</h2>
            <div class="calendar-weekdays" aria-hidden="true">{weekdays}</div>
            <ol class="calendar">{blanks}{days}</ol>
        </section>
    }
}
