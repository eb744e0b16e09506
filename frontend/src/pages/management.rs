//! `/management`: how the reporting service runs, for administrators and approvers. Over a
//! period of months (the visits whose last day falls in it): how long reports take from the
//! visit to submission, approval and publication, by month and by monitor; the reports
//! waiting in each state of the review and those past the publication target; objections;
//! and what else is late (corrective actions, documents, notices, paper copies).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::components::A;
use shared::analytics::{format_number, percent, share};
use shared::api::management::{
    ActionsBehind, DocumentOverdue, FailedNotice, LateReport, ManagementFilter, ManagementReport,
    ObjectionFigures, PaperCopyWaiting, Turnaround, Waiting,
};
use shared::management::{last_twelve_months, period_problems};
use shared::permissions::{may, Action};
use shared::table::TableData;

use crate::api::{self, ApiError};
use crate::components::chart::{Series, SeriesData, SeriesKind};
use crate::components::data_table::DataTable;
use crate::components::figures::ChartWithTable;
use crate::components::form::{field_errors, form_message, refused, Notice, TextField};
use crate::components::visit::{format_time, today};
use crate::i18n::{use_i18n, I18n};
use crate::pages::LoadError;
use crate::session::use_session;

/// What a missing figure shows, as in the analytics tables.
const NO_FIGURE: &str = "–";

// ---------------------------------------------------------------------------------------
// Numbers and labels.

/// Days with one decimal at most ("6.5", "7"), a dash when no report reached the step.
fn days(value: Option<f64>) -> String {
    match value {
        Some(value) => {
            let text = format!("{value:.1}");
            match text.strip_suffix(".0") {
                Some(whole) => whole.to_owned(),
                None => text,
            }
        }
        None => NO_FIGURE.to_owned(),
    }
}

/// Days as a chart draws them: rounded like [`days`] rounds them for the table, so both
/// read the same.
fn chart_days(value: Option<f64>) -> Option<f64> {
    value.map(|value| (value * 10.0).round() / 10.0)
}

/// "February 2026" for `2026-02`, in the current language; the text as it is when it is not
/// a month.
fn month_label(i18n: I18n, month: &str) -> String {
    let number = month.get(5..7).and_then(|m| m.parse::<u8>().ok());
    match (month.get(..4), number) {
        (Some(year), Some(number @ 1..=12)) => i18n.t_with(
            "planning.month_title",
            &[
                ("month", &i18n.t(&format!("planning.month.{number}"))),
                ("year", year),
            ],
        ),
        _ => month.to_owned(),
    }
}

/// A report's state in the review, as the visit pages name it.
fn status_label(i18n: I18n, status: &str) -> String {
    i18n.t(&format!("visit_status.{status}"))
}

/// The date of a moment (Unix seconds), in the browser's time zone.
fn date_of(seconds: i64) -> String {
    format_time(seconds).chars().take(10).collect()
}

/// The server refused the months chosen: the form shows why, next to the fields.
fn refused_period(error: &ApiError) -> bool {
    matches!(error, ApiError::Server { status: 422, body } if !body.fields.is_empty())
}

// ---------------------------------------------------------------------------------------
// Turnaround.

/// Median days from the visit's last day to submission, approval and publication, month by
/// month, one line each.
fn month_series(i18n: I18n, months: &[Turnaround]) -> SeriesData {
    let stage = |key: &str, pick: fn(&Turnaround) -> Option<f64>| Series {
        name: i18n.t(key),
        kind: SeriesKind::Line,
        values: months.iter().map(|m| chart_days(pick(m))).collect(),
        second_axis: false,
    };
    SeriesData {
        categories: months.iter().map(|m| month_label(i18n, &m.key)).collect(),
        series: vec![
            stage("management.series.submitted", |m| m.submitted.median_days),
            stage("management.series.approved", |m| m.approved.median_days),
            stage("management.series.published", |m| m.published.median_days),
        ],
        axis_name: i18n.t("management.axis.median_days"),
        second_axis_name: None,
        percent: false,
        horizontal: false,
    }
}

/// Median days to publication per monitor, monitors down the side (names are long).
fn monitor_series(i18n: I18n, monitors: &[Turnaround]) -> SeriesData {
    SeriesData {
        categories: monitors.iter().map(|m| m.label.clone()).collect(),
        series: vec![Series {
            name: i18n.t("management.series.published"),
            kind: SeriesKind::Bar,
            values: monitors
                .iter()
                .map(|m| chart_days(m.published.median_days))
                .collect(),
            second_axis: false,
        }],
        // Beside horizontal bars the axis name would be cut off; the legend names the series.
        axis_name: String::new(),
        second_axis_name: None,
        percent: false,
        horizontal: true,
    }
}

/// `first` (month or monitor), visits, median and 90th percentile of days to submission,
/// approval and publication, reports returned for revision.
fn turnaround_table(
    i18n: I18n,
    rows: &[Turnaround],
    first: &str,
    name: impl Fn(&Turnaround) -> String,
) -> TableData {
    TableData {
        headers: vec![
            i18n.t(first),
            i18n.t("management.col.visits"),
            i18n.t("management.col.submitted_median"),
            i18n.t("management.col.submitted_p90"),
            i18n.t("management.col.approved_median"),
            i18n.t("management.col.approved_p90"),
            i18n.t("management.col.published_median"),
            i18n.t("management.col.published_p90"),
            i18n.t("management.col.returned"),
        ],
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    name(row),
                    format_number(row.visits),
                    days(row.submitted.median_days),
                    days(row.submitted.p90_days),
                    days(row.approved.median_days),
                    days(row.approved.p90_days),
                    days(row.published.median_days),
                    days(row.published.p90_days),
                    format_number(row.returned),
                ]
            })
            .collect(),
    }
}

// ---------------------------------------------------------------------------------------
// The other tables.

fn waiting_table(i18n: I18n, waiting: &[Waiting]) -> TableData {
    TableData {
        headers: vec![
            i18n.t("management.col.state"),
            i18n.t("management.col.reports"),
            i18n.t("management.col.median_waiting"),
            i18n.t("management.col.oldest"),
        ],
        rows: waiting
            .iter()
            .map(|w| {
                vec![
                    status_label(i18n, &w.status),
                    format_number(w.reports),
                    days(w.median_days),
                    w.oldest_days
                        .map(format_number)
                        .unwrap_or_else(|| NO_FIGURE.to_owned()),
                ]
            })
            .collect(),
    }
}

fn late_table(i18n: I18n, late: &[LateReport]) -> TableData {
    TableData {
        headers: vec![
            i18n.t("management.col.factory"),
            i18n.t("management.col.lead_monitor"),
            i18n.t("management.col.last_day"),
            i18n.t("management.col.status"),
            i18n.t("management.col.days"),
        ],
        rows: late
            .iter()
            .map(|r| {
                vec![
                    r.factory_name.clone(),
                    r.lead_monitor_name.clone(),
                    r.last_day.clone(),
                    status_label(i18n, &r.status),
                    format_number(r.days),
                ]
            })
            .collect(),
    }
}

/// One figure a row: objected, upheld, rejected, pending, median and 90th percentile of days
/// to a decision (six numbers read better down a narrow screen than across it).
fn objections_table(i18n: I18n, figures: &ObjectionFigures) -> TableData {
    let row = |key: &str, value: String| vec![i18n.t(key), value];
    TableData {
        headers: vec![
            i18n.t("management.col.figure"),
            i18n.t("management.col.value"),
        ],
        rows: vec![
            row(
                "management.objections.objected",
                format_number(figures.findings_objected),
            ),
            row(
                "management.objections.upheld",
                format_number(figures.upheld),
            ),
            row(
                "management.objections.rejected",
                format_number(figures.rejected),
            ),
            row(
                "management.objections.pending",
                format_number(figures.pending),
            ),
            row(
                "management.objections.median_days",
                days(figures.median_days_to_decision),
            ),
            row(
                "management.objections.p90_days",
                days(figures.p90_days_to_decision),
            ),
        ],
    }
}

fn actions_table(i18n: I18n, behind: &[ActionsBehind]) -> TableData {
    TableData {
        headers: vec![
            i18n.t("management.col.factory"),
            i18n.t("management.col.actions"),
            i18n.t("management.col.oldest_target"),
        ],
        rows: behind
            .iter()
            .map(|a| {
                vec![
                    a.factory_name.clone(),
                    format_number(a.actions),
                    a.oldest_target.clone(),
                ]
            })
            .collect(),
    }
}

fn documents_table(i18n: I18n, overdue: &[DocumentOverdue]) -> TableData {
    TableData {
        headers: vec![
            i18n.t("management.col.factory"),
            i18n.t("management.col.document"),
            i18n.t("management.col.due_on"),
            i18n.t("management.col.days_overdue"),
        ],
        rows: overdue
            .iter()
            .map(|d| {
                vec![
                    d.factory_name.clone(),
                    d.document.clone(),
                    d.due_on.clone(),
                    format_number(d.days_overdue),
                ]
            })
            .collect(),
    }
}

fn notices_table(i18n: I18n, failed: &[FailedNotice]) -> TableData {
    TableData {
        headers: vec![
            i18n.t("management.col.factory"),
            i18n.t("management.col.subject"),
            i18n.t("management.col.when"),
            i18n.t("management.col.error"),
        ],
        rows: failed
            .iter()
            .map(|n| {
                vec![
                    n.factory_name
                        .clone()
                        .unwrap_or_else(|| NO_FIGURE.to_owned()),
                    n.subject.clone(),
                    format_time(n.created_at),
                    n.error.clone(),
                ]
            })
            .collect(),
    }
}

fn paper_copies_table(i18n: I18n, waiting: &[PaperCopyWaiting]) -> TableData {
    TableData {
        headers: vec![
            i18n.t("management.col.factory"),
            i18n.t("management.col.published"),
            i18n.t("management.col.days_waiting"),
        ],
        rows: waiting
            .iter()
            .map(|p| {
                vec![
                    p.factory_name.clone(),
                    date_of(p.published_at),
                    format_number(p.days_waiting),
                ]
            })
            .collect(),
    }
}

fn visit_link(visit_id: i64) -> Option<String> {
    Some(format!("/visits/{visit_id}"))
}

// ---------------------------------------------------------------------------------------
// The page.

#[component]
pub fn ManagementPage() -> impl IntoView {
    let i18n = use_i18n();
    let (first_month, last_month) = last_twelve_months(&today());
    let from = RwSignal::new(first_month);
    let to = RwSignal::new(last_month);
    let form_error = RwSignal::new(None::<ApiError>);
    // Empty at first: the server counts the twelve months up to its own today.
    let filter = RwSignal::new(ManagementFilter::default());
    let report = LocalResource::new(move || filter.with(api::management::report));
    let retry = Callback::new(move |_| report.refetch());
    // The fields show the months the figures cover; a refusal of the months shows beside them.
    Effect::new(move |_| match report.get() {
        Some(Ok(loaded)) => {
            from.set(loaded.from);
            to.set(loaded.to);
        }
        Some(Err(error)) if refused_period(&error) => form_error.set(Some(error)),
        _ => {}
    });
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let chosen = ManagementFilter {
            from: from.get_untracked().trim().to_owned(),
            to: to.get_untracked().trim().to_owned(),
        };
        if refused(period_problems(&chosen), form_error) {
            return;
        }
        form_error.set(None);
        if filter.with_untracked(|current| *current == chosen) {
            report.refetch();
        } else {
            filter.set(chosen);
        }
    };
    let label = move |key: &'static str| Signal::derive(move || i18n.t(key));
    view! {
        <section class="page-head">
            <h1>{move || i18n.t("management.title")}</h1>
            <p class="subtitle">{move || i18n.t("management.intro")}</p>
        </section>
        <form class="panel management-period" on:submit=submit novalidate data-testid="management-period-form">
            <Notice message=form_message(i18n, form_error)/>
            <div class="management-period-fields">
                <TextField
                    id="management-from"
                    label=label("management.from")
                    value=from
                    errors=field_errors(i18n, form_error, "from")
                    input_type="month"
                />
                <TextField
                    id="management-to"
                    label=label("management.to")
                    value=to
                    errors=field_errors(i18n, form_error, "to")
                    input_type="month"
                />
                <button type="submit" class="button primary" data-testid="management-show">
                    {move || i18n.t("management.show")}
                </button>
            </div>
            <p class="hint">{move || i18n.t("management.period_hint")}</p>
        </form>
        <Transition fallback=move || view! { <p class="loading" role="status">{move || i18n.t("common.loading")}</p> }>
            {move || report.get().map(|result| match result {
                Ok(report) => view! { <ManagementFigures report=report/> }.into_any(),
                // The form says what is wrong with the months.
                Err(error) if refused_period(&error) => ().into_any(),
                Err(error) => view! { <LoadError error=error retry=retry/> }.into_any(),
            })}
        </Transition>
    }
}

/// A section of the report: its heading, then what it shows.
#[component]
fn ReportSection(
    testid: &'static str,
    #[prop(into)] title: Signal<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="panel management-section" data-testid=testid>
            <h2>{move || title.get()}</h2>
            {children()}
        </section>
    }
}

/// A table with its CSV download, or one line saying there is nothing to list. The table is
/// `{section}-table` (its download `{section}-table-csv`), the line `{section}-empty`.
#[component]
fn TableOrEmpty(
    /// `data-testid` of the table; unique on the page.
    table_id: &'static str,
    /// `data-testid` of the line shown instead when there are no rows.
    empty_id: &'static str,
    #[prop(into)] table: Signal<TableData>,
    /// Where each row's first cell leads.
    #[prop(optional, into)]
    row_links: Option<Signal<Vec<Option<String>>>>,
    #[prop(into)] caption: Signal<String>,
    #[prop(into)] file_name: Signal<String>,
    #[prop(into)] empty_message: Signal<String>,
) -> impl IntoView {
    view! {
        <Show
            when=move || table.with(|t| !t.rows.is_empty())
            fallback=move || view! { <p class="figure-empty" data-testid=empty_id>{move || empty_message.get()}</p> }
        >
            <DataTable
                testid=table_id
                data=table
                file_name=file_name
                caption=caption
                row_links=row_links.unwrap_or_else(|| Signal::stored(Vec::new()))
            />
        </Show>
    }
}

/// A headline number with what it counts; the card is `{testid}`, its number
/// `{testid}-value`.
fn stat_card(
    testid: &'static str,
    value: String,
    label: Signal<String>,
    detail: Option<Signal<String>>,
) -> impl IntoView {
    view! {
        <div class="stat-card" data-testid=testid>
            <span class="stat-value" data-testid=format!("{testid}-value")>{value}</span>
            <span class="stat-label">{move || label.get()}</span>
            {detail.map(|detail| view! { <span class="stat-detail">{move || detail.get()}</span> })}
        </div>
    }
}

#[component]
fn ManagementFigures(report: ManagementReport) -> impl IntoView {
    let i18n = use_i18n();
    // Failed notices and paper copies are dealt with in the outbox, which only
    // administrators open.
    let may_open_outbox = use_session()
        .user()
        .is_some_and(|user| may(&user.actor(), Action::ReadOutbox));
    let ManagementReport {
        today,
        from,
        to,
        publication_target_days,
        overall,
        by_month,
        by_monitor,
        waiting,
        past_target,
        objections,
        actions_behind,
        documents_overdue,
        failed_notices,
        paper_copies_waiting,
    } = report;
    let target = publication_target_days.to_string();
    let period = StoredValue::new(format!("{from}-{to}"));
    let file_name = move |what: &str| {
        Signal::stored(period.with_value(|period| format!("management-{what}-{period}")))
    };
    let text = move |key: &'static str| Signal::derive(move || i18n.t(key));

    let covered = {
        let (from, to) = (from.clone(), to.clone());
        move || {
            i18n.t_with(
                "management.covered",
                &[
                    ("from", &month_label(i18n, &from)),
                    ("to", &month_label(i18n, &to)),
                    ("today", &today),
                ],
            )
        }
    };

    let stats = {
        let published = format_number(overall.published.reports);
        let returned = format_number(overall.returned);
        let submitted = format_number(overall.submitted.reports);
        let target = target.clone();
        view! {
            <div class="stat-cards management-stats">
                {stat_card(
                    "management-reports",
                    format_number(overall.visits),
                    text("management.stat.reports"),
                    Some(Signal::derive(move || i18n.t_with("management.stat.published_count", &[("count", &published)]))),
                )}
                {stat_card(
                    "management-published-median",
                    days(overall.published.median_days),
                    text("management.stat.published_median"),
                    None,
                )}
                {stat_card(
                    "management-published-p90",
                    days(overall.published.p90_days),
                    text("management.stat.published_p90"),
                    Some(text("management.stat.p90_hint")),
                )}
                {stat_card(
                    "management-returned-share",
                    percent(share(overall.returned, overall.submitted.reports)),
                    text("management.stat.returned"),
                    Some(Signal::derive(move || i18n.t_with(
                        "management.stat.returned_count",
                        &[("count", &returned), ("submitted", &submitted)],
                    ))),
                )}
                {stat_card(
                    "management-past-target-count",
                    format_number(past_target.len() as i64),
                    text("management.stat.past_target"),
                    Some(Signal::derive(move || i18n.t_with("management.stat.target", &[("days", &target)]))),
                )}
            </div>
        }
    };

    let by_month = StoredValue::new(by_month);
    let by_monitor = StoredValue::new(by_monitor);
    let waiting = StoredValue::new(waiting);
    let past_target = StoredValue::new(past_target);
    let objections = StoredValue::new(objections);
    let actions_behind = StoredValue::new(actions_behind);
    let documents_overdue = StoredValue::new(documents_overdue);
    let failed_notices = StoredValue::new(failed_notices);
    let paper_copies_waiting = StoredValue::new(paper_copies_waiting);

    let outbox_link = move || {
        may_open_outbox.then(|| {
            view! {
                <p>
                    <A href="/outbox" attr:class="button secondary small" attr:data-testid="management-outbox-link">
                        {move || i18n.t("management.outbox_link")}
                    </A>
                </p>
            }
        })
    };

    view! {
        <p class="subtitle management-covered" data-testid="management-covered">{covered}</p>
        {stats}

        <ReportSection testid="management-turnaround-month" title=text("management.by_month.title")>
            <p class="hint">{move || i18n.t("management.by_month.hint")}</p>
            <ChartWithTable
                chart_id="management-turnaround-month-chart"
                table_id="management-turnaround-month-table"
                chart=Signal::derive(move || by_month.with_value(|m| month_series(i18n, m)))
                table=Signal::derive(move || by_month.with_value(|m| {
                    turnaround_table(i18n, m, "management.col.month", |row| month_label(i18n, &row.key))
                }))
                label=text("management.by_month.title")
                file_name=file_name("turnaround-by-month")
                empty=Signal::derive(move || by_month.with_value(|m| m.iter().all(|m| m.visits == 0)))
                empty_message=text("management.no_visits")
            />
        </ReportSection>

        <ReportSection testid="management-turnaround-monitor" title=text("management.by_monitor.title")>
            <p class="hint" data-testid="management-monitor-restricted">{move || i18n.t("management.by_monitor.restricted")}</p>
            <ChartWithTable
                chart_id="management-turnaround-monitor-chart"
                table_id="management-turnaround-monitor-table"
                chart=Signal::derive(move || by_monitor.with_value(|m| monitor_series(i18n, m)))
                table=Signal::derive(move || by_monitor.with_value(|m| {
                    turnaround_table(i18n, m, "management.col.monitor", |row| row.label.clone())
                }))
                label=text("management.by_monitor.title")
                file_name=file_name("turnaround-by-monitor")
                empty=Signal::derive(move || by_monitor.with_value(Vec::is_empty))
                empty_message=text("management.no_visits")
            />
        </ReportSection>

        <ReportSection testid="management-waiting" title=text("management.waiting.title")>
            <p class="hint">{move || i18n.t("management.waiting.hint")}</p>
            <TableOrEmpty
                table_id="management-waiting-table"
                empty_id="management-waiting-empty"
                // States nobody waits in are left out; none at all says so in one line.
                table=Signal::derive(move || waiting.with_value(|w| {
                    let waiting: Vec<Waiting> = w.iter().filter(|w| w.reports > 0).cloned().collect();
                    waiting_table(i18n, &waiting)
                }))
                caption=text("management.waiting.title")
                file_name=file_name("reports-waiting")
                empty_message=text("management.waiting.none")
            />
        </ReportSection>

        <ReportSection
            testid="management-past-target"
            title=Signal::derive({
                let target = target.clone();
                move || i18n.t_with("management.past_target.title", &[("days", &target)])
            })
        >
            <p class="hint">{move || i18n.t("management.past_target.hint")}</p>
            <TableOrEmpty
                table_id="management-past-target-table"
                empty_id="management-past-target-empty"
                table=Signal::derive(move || past_target.with_value(|r| late_table(i18n, r)))
                row_links=Signal::derive(move || past_target.with_value(|r| r.iter().map(|r| visit_link(r.visit_id)).collect()))
                caption=Signal::derive({
                    let target = target.clone();
                    move || i18n.t_with("management.past_target.title", &[("days", &target)])
                })
                file_name=file_name("past-target")
                empty_message=text("management.past_target.none")
            />
        </ReportSection>

        <ReportSection testid="management-objections" title=text("management.objections.title")>
            <p class="hint">{move || i18n.t("management.objections.hint")}</p>
            <TableOrEmpty
                table_id="management-objections-table"
                empty_id="management-objections-empty"
                table=Signal::derive(move || objections.with_value(|o| {
                    if o.findings_objected == 0 {
                        TableData::default()
                    } else {
                        objections_table(i18n, o)
                    }
                }))
                caption=text("management.objections.title")
                file_name=file_name("objections")
                empty_message=text("management.objections.none")
            />
        </ReportSection>

        <ReportSection testid="management-actions-behind" title=text("management.actions.title")>
            <TableOrEmpty
                table_id="management-actions-behind-table"
                empty_id="management-actions-behind-empty"
                table=Signal::derive(move || actions_behind.with_value(|a| actions_table(i18n, a)))
                row_links=Signal::derive(move || actions_behind.with_value(|a| {
                    a.iter().map(|a| Some(format!("/factories/{}", a.factory_id))).collect()
                }))
                caption=text("management.actions.title")
                file_name=file_name("actions-behind")
                empty_message=text("management.actions.none")
            />
        </ReportSection>

        <ReportSection testid="management-documents-overdue" title=text("management.documents.title")>
            <p class="hint">{move || i18n.t("management.documents.hint")}</p>
            <TableOrEmpty
                table_id="management-documents-overdue-table"
                empty_id="management-documents-overdue-empty"
                table=Signal::derive(move || documents_overdue.with_value(|d| documents_table(i18n, d)))
                row_links=Signal::derive(move || documents_overdue.with_value(|d| d.iter().map(|d| visit_link(d.visit_id)).collect()))
                caption=text("management.documents.title")
                file_name=file_name("documents-overdue")
                empty_message=text("management.documents.none")
            />
        </ReportSection>

        <ReportSection testid="management-failed-notices" title=text("management.notices.title")>
            <TableOrEmpty
                table_id="management-failed-notices-table"
                empty_id="management-failed-notices-empty"
                table=Signal::derive(move || failed_notices.with_value(|n| notices_table(i18n, n)))
                caption=text("management.notices.title")
                file_name=file_name("failed-notices")
                empty_message=text("management.notices.none")
            />
            {move || failed_notices.with_value(|n| !n.is_empty()).then(outbox_link)}
        </ReportSection>

        <ReportSection testid="management-paper-copies" title=text("management.paper.title")>
            <TableOrEmpty
                table_id="management-paper-copies-table"
                empty_id="management-paper-copies-empty"
                table=Signal::derive(move || paper_copies_waiting.with_value(|p| paper_copies_table(i18n, p)))
                row_links=Signal::derive(move || paper_copies_waiting.with_value(|p| p.iter().map(|p| visit_link(p.visit_id)).collect()))
                caption=text("management.paper.title")
                file_name=file_name("paper-copies")
                empty_message=text("management.paper.none")
            />
            {move || paper_copies_waiting.with_value(|p| !p.is_empty()).then(outbox_link)}
        </ReportSection>
    }
}
