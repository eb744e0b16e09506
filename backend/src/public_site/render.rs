//! The public site's pages, one set per language, rendered with maud (escaped by default).
//! Every link is relative, so the folder works from any web server path, and no page calls
//! the API: everything a page shows is written into it.

use maud::{html, Markup, DOCTYPE};
use shared::date::cambodia_date;
use shared::disclosure::{
    LOW_COMPLIANCE_DEVIATIONS, MIN_ASSESSMENTS_LOW_COMPLIANCE, MIN_ASSESSMENTS_NAMED,
};
use shared::i18n::{translate, translate_with, Lang};
use shared::table::TableData;

use shared::api::public_responses::PublicResponse;
use shared::wire::Verification;

use super::dataset::{
    FindingResponse, Outcome, PublicAssessment, PublicDataset, PublicFactory, CRITICAL_ISSUES,
};
use super::tables::{rate, PublicTable, WITHHELD};

pub const LANGS: [Lang; 3] = [Lang::En, Lang::Km, Lang::Zh];

/// Assessments shown side by side in a factory page's outcome tables.
const OUTCOME_COLUMNS: usize = 6;

/// The open licence of the public data.
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// One page being written: its language and where it sits, for relative links.
#[derive(Clone, Copy)]
pub struct Page<'a> {
    pub lang: Lang,
    /// Path inside the language folder, e.g. `factories/12.html`.
    pub path: &'a str,
}

impl Page<'_> {
    pub(super) fn t(&self, key: &str) -> String {
        translate(self.lang, key)
    }

    pub(super) fn tw(&self, key: &str, values: &[(&str, &str)]) -> String {
        translate_with(self.lang, key, values)
    }

    /// The relative way from this page to the site's root folder.
    pub(super) fn root(&self) -> String {
        "../".repeat(self.path.matches('/').count() + 1)
    }

    /// A link to `path` in this page's language.
    pub(super) fn href(&self, path: &str) -> String {
        format!("{}{}/{}", self.root(), self.lang.code(), path)
    }
}

/// An outcome cell; a finding the factory responded to links to its response below.
fn cell_outcome(page: &Page, outcome: Outcome, response: Option<&FindingResponse>) -> Markup {
    let (class, key) = match outcome {
        Outcome::Compliant => ("ok", "site.outcome.compliant"),
        Outcome::NonCompliant => ("bad", "site.outcome.non_compliant"),
        Outcome::NotAssessed => ("na", "site.outcome.not_assessed"),
    };
    html! {
        td class=(class) {
            (page.t(key))
            @if let Some(found) = response {
                " " a class="response-link" href={"#response-" (found.response.id)} { (page.t("site.response.see")) }
            }
        }
    }
}

/// How far a response has been checked, in the reader's language.
pub fn response_status(page: &Page, response: &PublicResponse) -> String {
    match &response.check {
        None => page.t("site.response.unverified"),
        Some(check) => {
            let date = cambodia_date(check.checked_at);
            let key = match check.outcome {
                Verification::Verified => "site.response.verified",
                Verification::NotVerified => "site.response.not_verified",
            };
            page.tw(key, &[("date", &date)])
        }
    }
}

/// The factory's responses to the findings shown, newest assessment first, each labelled with
/// how far a monitor has checked it.
fn responses_section(page: &Page, dataset: &PublicDataset, recent: &[PublicAssessment]) -> Markup {
    let shown: Vec<(&PublicAssessment, &FindingResponse)> = recent
        .iter()
        .rev()
        .flat_map(|a| a.responses.iter().map(move |r| (a, r)))
        .collect();
    let item = |found: &FindingResponse| -> String {
        let text = dataset
            .items
            .iter()
            .find(|(code, _)| *code == found.question_code)
            .map(|(_, text)| text.get(page.lang.code()).to_owned());
        match (found.critical_issue, text) {
            (_, Some(text)) => format!("{} {text}", found.question_code),
            (Some(issue), None) => format!("{issue}. {}", page.t(&format!("critical.{issue}"))),
            (None, None) => found.question_code.clone(),
        }
    };
    html! {
        @if !shown.is_empty() {
            section data-testid="responses" {
                h2 { (page.t("site.response.title")) }
                p class="hint" { (page.t("site.response.hint")) }
                @for (assessment, found) in shown {
                    article class="response" id={"response-" (found.response.id)} data-testid="response" {
                        p class="response-item" { strong { (assessment.start_date) " · " (item(found)) } }
                        blockquote { (found.response.statement) }
                        @let class = if found.response.check.as_ref().is_some_and(|c| c.outcome == Verification::Verified) { "response-status verified" } else { "response-status" };
                        p class=(class) data-testid="response-status" { (response_status(page, &found.response)) }
                    }
                }
            }
        }
    }
}

/// A page with the site's header, language switch and footer.
pub fn layout(page: &Page, title: &str, body: Markup) -> String {
    let root = page.root();
    html! {
        (DOCTYPE)
        html lang=(page.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (page.t("site.name")) }
                link rel="stylesheet" href={(root) "style.css"};
            }
            body {
                header class="site-head" {
                    a class="brand" href=(page.href("index.html")) { (page.t("site.name")) }
                    nav aria-label=(page.t("site.languages")) class="languages" {
                        @for lang in LANGS {
                            a href={(root) (lang.code()) "/" (page.path)} lang=(lang.code())
                                aria-current=[(lang == page.lang).then_some("page")] { (lang.native_name()) }
                        }
                    }
                    nav class="site-nav" aria-label=(page.t("site.menu")) {
                        a href=(page.href("factories/index.html")) { (page.t("site.nav.factories")) }
                        a href=(page.href("low-compliance.html")) { (page.t("site.nav.low_compliance")) }
                        a href=(page.href("trends.html")) { (page.t("site.nav.trends")) }
                        a href=(page.href("cycles/index.html")) { (page.t("site.nav.cycles")) }
                        a href=(page.href("editions/index.html")) { (page.t("site.nav.editions")) }
                        a href=(page.href("provinces.html")) { (page.t("site.nav.provinces")) }
                        a href=(page.href("open-data.html")) { (page.t("site.nav.open_data")) }
                    }
                }
                main { h1 { (title) } (body) }
                footer class="site-foot" {
                    p { (page.t("site.footer")) }
                    p { a href=(LICENCE_URL) { (page.t("site.licence")) } }
                }
            }
        }
    }
    .into_string()
}

/// The cell of a figure withheld because its group has fewer than five factories.
pub(super) fn withheld_cell(page: &Page) -> Markup {
    html! { td class="withheld" data-withheld="true" { (page.t("site.withheld")) } }
}

/// A table with localized column labels; `link` is (column, folder): that column's cell links
/// to the page `{folder}{first cell}.html` (a factory's page by its id, a year's report).
pub(super) fn data_table(
    page: &Page,
    data: &TableData,
    testid: &str,
    link: Option<(usize, &str)>,
) -> Markup {
    html! {
        div class="table-wrap" {
            table data-testid=(testid) {
                thead { tr { @for column in &data.headers { th scope="col" { (page.t(&format!("site.column.{column}"))) } } } }
                tbody {
                    @for row in &data.rows {
                        tr {
                            @for (index, cell) in row.iter().enumerate() {
                                @if let Some((_, folder)) = link.filter(|(column, _)| *column == index) {
                                    td { a href=(page.href(&format!("{folder}{}.html", row[0]))) { (cell) } }
                                } @else if cell == WITHHELD {
                                    (withheld_cell(page))
                                } @else {
                                    td { (cell) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn data_links(page: &Page, name: &str) -> Markup {
    let root = page.root();
    html! {
        p class="data-links" {
            (page.t("site.download")) ": "
            a href={(root) "data/" (name) ".csv"} download { "CSV" } " · "
            a href={(root) "data/" (name) ".json"} { "JSON" }
        }
    }
}

/// Horizontal bars from 0 to 100 %, labelled; `marker` draws a vertical line (the threshold).
pub fn bar_chart(label: &str, bars: &[(String, Option<f64>)], marker: Option<f64>) -> Markup {
    let row = 26.0;
    let left = 140.0;
    let width = 560.0;
    let height = row * bars.len() as f64 + 30.0;
    let x = |value: f64| left + (width - left - 40.0) * value.clamp(0.0, 100.0) / 100.0;
    html! {
        svg class="chart" role="img" aria-label=(label) viewBox={"0 0 " (width) " " (height)} xmlns="http://www.w3.org/2000/svg" {
            @for (index, (name, value)) in bars.iter().enumerate() {
                @let y = 10.0 + row * index as f64;
                text x=(left - 8.0) y=(y + 15.0) text-anchor="end" class="axis" { title { (name) } (short_label(name)) }
                @if let Some(value) = value {
                    rect x=(left) y=(y + 3.0) width=(x(*value) - left) height=(row - 8.0) class="bar" {}
                    text x=(x(*value) + 4.0) y=(y + 15.0) class="value" { (format!("{value:.0}%")) }
                }
            }
            @if let Some(marker) = marker {
                line x1=(x(marker)) x2=(x(marker)) y1="4" y2=(height - 16.0) class="marker" {}
            }
            line x1=(left) x2=(left) y1="4" y2=(height - 16.0) class="axis-line" {}
            text x=(left) y=(height - 2.0) class="axis" { "0%" }
            text x=(x(100.0)) y=(height - 2.0) text-anchor="end" class="axis" { "100%" }
        }
    }
}

/// A bar's label cut to what fits left of the bars (the table below the chart has it whole).
fn short_label(name: &str) -> String {
    const FITS: usize = 18;
    if name.chars().count() <= FITS {
        name.to_owned()
    } else {
        format!(
            "{}…",
            name.chars().take(FITS - 1).collect::<String>().trim_end()
        )
    }
}

pub fn home(page: &Page, dataset: &PublicDataset) -> String {
    let latest = dataset
        .latest_publication_at
        .map(cambodia_date)
        .unwrap_or_else(|| "–".to_owned());
    let body = html! {
        p class="lead" { (page.t("site.home.intro")) }
        dl class="figures" data-testid="site-figures" {
            div { dt { (page.t("site.home.named")) } dd { (dataset.named.len()) } }
            div { dt { (page.t("site.home.assessed")) } dd { (dataset.factories_assessed) } }
            div { dt { (page.t("site.home.reports")) } dd { (dataset.published_reports) } }
            div { dt { (page.t("site.home.low_compliance")) } dd { (dataset.low_compliance.len()) } }
        }
        p class="hint" { (page.tw("site.home.snapshot", &[("latest", &latest), ("generated", &cambodia_date(dataset.generated_at))])) }
        h2 { (page.t("site.home.rules_title")) }
        ul class="rules" {
            li { (page.tw("site.rule.named", &[("count", &MIN_ASSESSMENTS_NAMED.to_string())])) }
            li { (page.tw("site.rule.low_compliance", &[("count", &MIN_ASSESSMENTS_LOW_COMPLIANCE.to_string()), ("deviations", &LOW_COMPLIANCE_DEVIATIONS.to_string())])) }
            li { (page.t("site.rule.suppressed")) }
            li { (page.t("site.rule.confidential")) }
        }
    };
    layout(page, &page.t("site.home.title"), body)
}

pub fn factory_list(page: &Page, table: &PublicTable) -> String {
    let body = html! {
        p { (page.tw("site.factories.intro", &[("count", &MIN_ASSESSMENTS_NAMED.to_string())])) }
        (data_table(page, &table.data, "factory-table", Some((1, "factories/"))))
        (data_links(page, table.name))
    };
    layout(page, &page.t("site.factories.title"), body)
}

pub fn factory(page: &Page, dataset: &PublicDataset, factory: &PublicFactory) -> String {
    let latest = factory.latest();
    // The outcome tables show the latest assessments only, so that a factory with twenty years
    // of reports stays readable on a tablet; every assessment is in the open data.
    let recent = &factory.assessments[factory.assessments.len().saturating_sub(OUTCOME_COLUMNS)..];
    let dates: Vec<&str> = recent.iter().map(|a| a.start_date.as_str()).collect();
    let all_shown = recent.len() == factory.assessments.len();
    let score_bars: Vec<(String, Option<f64>)> = factory
        .assessments
        .iter()
        .map(|a| (a.start_date.clone(), a.score))
        .collect();
    let progress = &factory.progress;
    let issues = |numbers: &[i64]| -> String {
        if numbers.is_empty() {
            page.t("site.none")
        } else {
            numbers
                .iter()
                .map(|n| page.t(&format!("critical.{n}")))
                .collect::<Vec<_>>()
                .join("; ")
        }
    };
    let body = html! {
        @if let Some(local) = &factory.local_name { p class="local-name" { (local) } }
        p { (page.t("site.factory.province")) ": " (factory.province) }
        @if factory.closed {
            p class="notice" data-testid="closed" { (page.t("site.factory.closed")) }
        }
        @if factory.low_compliance {
            p class="notice warning" data-testid="on-low-compliance" { a href=(page.href("low-compliance.html")) { (page.t("site.factory.on_low_compliance")) } }
        }
        dl class="figures" {
            div { dt { (page.t("site.factory.latest")) } dd data-testid="latest-date" { (latest.start_date) } }
            div { dt { (page.t("site.column.latest_score")) } dd data-testid="latest-score" { (rate(latest.score)) "%" } }
            div { dt { (page.t("site.factory.change")) } dd { (progress.score_change.map(|c| format!("{c:+.1}")).unwrap_or_else(|| "–".to_owned())) } }
            div { dt { (page.t("site.column.verified_fixed_percent")) } dd data-testid="verified-share" { (factory.corrective_actions.percent.map(|p| format!("{p:.0}%")).unwrap_or_else(|| "–".to_owned())) } }
        }
        section data-testid="progress" {
            h2 { (page.tw("site.factory.progress", &[("date", &progress.previous_date)])) }
            p { strong { (page.t("site.factory.resolved")) ": " } (issues(&progress.critical_resolved)) }
            p { strong { (page.t("site.factory.new")) ": " } (issues(&progress.critical_new)) }
        }
        section {
            h2 { (page.t("site.factory.score_title")) }
            p class="hint" { (page.t("site.factory.score_hint")) }
            (bar_chart(&page.t("site.factory.score_title"), &score_bars, None))
            div class="table-wrap" {
                table data-testid="score-table" {
                    thead { tr { th { (page.t("site.column.start_date")) } th { (page.t("site.column.items_assessed")) } th { (page.t("site.column.items_compliant")) } th { (page.t("site.column.score")) } } }
                    tbody { @for a in &factory.assessments { tr { td { (a.start_date) } td { (a.items_assessed) } td { (a.items_compliant) } td { (rate(a.score)) } } } }
                }
            }
        }
        section {
            h2 { (page.t("site.factory.critical_title")) }
            @if !all_shown {
                p class="hint" data-testid="latest-only" { (page.tw("site.factory.latest_only", &[("count", &recent.len().to_string())])) " " a href={(page.root()) "data/critical_issues.csv"} { "CSV" } }
            }
            div class="table-wrap" {
                table class="outcomes" data-testid="critical-table" {
                    thead { tr { th { (page.t("site.column.critical_issue")) } @for date in &dates { th { (date) } } } }
                    tbody {
                        @for issue in 1..=CRITICAL_ISSUES {
                            tr {
                                th scope="row" { (issue) ". " (page.t(&format!("critical.{issue}"))) }
                                @for a in recent { (cell_outcome(page, a.critical[(issue - 1) as usize], a.responses.iter().find(|r| r.critical_issue == Some(issue)))) }
                            }
                        }
                    }
                }
            }
        }
        section {
            h2 { (page.t("site.factory.items_title")) }
            div class="table-wrap" {
                table class="outcomes" data-testid="items-table" {
                    thead { tr { th { (page.t("site.column.question_code")) } @for date in &dates { th { (date) } } } }
                    tbody {
                        @for (code, text) in &dataset.items {
                            tr {
                                th scope="row" { span class="code" { (code) } " " (text.get(page.lang.code())) }
                                @for a in recent { (cell_outcome(page, a.items.get(code).copied().unwrap_or(Outcome::NotAssessed), a.responses.iter().find(|r| r.question_code == *code))) }
                            }
                        }
                    }
                }
            }
        }
        (responses_section(page, dataset, recent))
        section data-testid="report-hashes" {
            h2 { (page.t("site.factory.hashes_title")) }
            p class="hint" { (page.t("site.factory.hashes_hint")) }
            ul class="hashes" {
                @for a in &factory.assessments { li { (a.start_date) ": " code { (a.report_sha256) } } }
            }
            p { (page.t("site.factory.fingerprint")) ": " code data-testid="fingerprint" { (factory.reports_fingerprint()) } }
        }
        p class="hint" { (page.t("site.rule.confidential")) }
    };
    layout(page, &factory.name, body)
}

pub fn low_compliance(page: &Page, dataset: &PublicDataset, table: &PublicTable) -> String {
    let industry = dataset.industry.as_ref();
    let bars: Vec<(String, Option<f64>)> = dataset
        .low_compliance
        .iter()
        .map(|entry| (entry.name.clone(), Some(entry.latest_score)))
        .collect();
    let body = html! {
        section class="method" data-testid="method" {
            h2 { (page.t("site.low.method_title")) }
            p { (page.tw("site.low.method", &[("count", &MIN_ASSESSMENTS_LOW_COMPLIANCE.to_string()), ("deviations", &LOW_COMPLIANCE_DEVIATIONS.to_string())])) }
            @if let Some(industry) = industry {
                p data-testid="industry-line" { (page.tw("site.low.figures", &[
                    ("factories", &industry.factories.to_string()),
                    ("mean", &rate(Some(industry.mean))),
                    ("sd", &rate(Some(industry.standard_deviation))),
                    ("threshold", &rate(Some(industry.threshold))),
                ])) }
            }
        }
        @if dataset.low_compliance.is_empty() {
            p data-testid="low-compliance-empty" { (page.t("site.low.none")) }
        } @else {
            (bar_chart(&page.t("site.nav.low_compliance"), &bars, industry.map(|i| i.threshold)))
        }
        (data_table(page, &table.data, "low-compliance-table", Some((1, "factories/"))))
        (data_links(page, table.name))
    };
    layout(page, &page.t("site.nav.low_compliance"), body)
}

pub fn groups(
    page: &Page,
    title_key: &str,
    intro_key: &str,
    table: &PublicTable,
    testid: &str,
) -> String {
    let bars: Vec<(String, Option<f64>)> = table
        .data
        .rows
        .iter()
        .map(|row| (row[0].clone(), row[2].parse::<f64>().ok()))
        .collect();
    let body = html! {
        p { (page.t(intro_key)) }
        p class="hint" { (page.t("site.rule.suppressed")) }
        (bar_chart(&page.t(title_key), &bars, None))
        (data_table(page, &table.data, testid, None))
        (data_links(page, table.name))
    };
    layout(page, &page.t(title_key), body)
}

pub fn cycle_list(page: &Page, table: &PublicTable) -> String {
    let body = html! {
        p { (page.t("site.cycles.intro")) }
        p class="hint" { (page.t("site.rule.suppressed")) }
        (data_table(page, &table.data, "cycles-table", Some((0, "cycles/"))))
        (data_links(page, table.name))
    };
    layout(page, &page.t("site.nav.cycles"), body)
}

/// The annual cycle report of `dataset.years[index]`, beside the year before.
pub fn cycle(page: &Page, dataset: &PublicDataset, index: usize) -> String {
    let year = &dataset.years[index];
    let previous = index.checked_sub(1).map(|i| &dataset.years[i]);
    let reports = dataset
        .reports_per_year
        .get(&year.label)
        .copied()
        .unwrap_or_default();
    let shown = |figure: &super::dataset::GroupFigure, issue: usize| -> Option<f64> {
        (!figure.withheld)
            .then(|| figure.critical_shares.get(issue).copied())
            .flatten()
    };
    let change = |now: Option<f64>, before: Option<f64>| match (now, before) {
        // Rounded first, so that a change too small to show reads 0.0, never -0.0.
        (Some(now), Some(before)) => match ((now - before) * 10.0).round() / 10.0 {
            0.0 => "0.0".to_owned(),
            change => format!("{change:+.1}"),
        },
        _ => "–".to_owned(),
    };
    let percent_or_withheld = |value: Option<f64>, withheld: bool| {
        if withheld {
            page.t("site.withheld")
        } else {
            value
                .map(|v| format!("{v:.1}%"))
                .unwrap_or_else(|| "–".to_owned())
        }
    };
    let bars: Vec<(String, Option<f64>)> = (0..CRITICAL_ISSUES as usize)
        .map(|issue| (format!("{}", issue + 1), shown(year, issue)))
        .collect();
    let title = page.tw("site.cycle.title", &[("year", &year.label)]);
    let body = html! {
        dl class="figures" data-testid="cycle-figures" {
            div { dt { (page.t("site.column.factories")) } dd { (year.factories) } }
            div { dt { (page.t("site.column.reports_published")) } dd { (reports) } }
            div { dt { (page.t("site.column.mean_score")) } dd { (percent_or_withheld(year.mean_score, year.withheld)) } }
            div { dt { (page.t("site.cycle.change")) } dd { (change(year.mean_score.filter(|_| !year.withheld), previous.and_then(|p| p.mean_score.filter(|_| !p.withheld)))) } }
        }
        h2 { (page.t("site.cycle.critical_title")) }
        @if year.withheld {
            p class="notice" data-withheld="true" { (page.t("site.withheld")) }
        } @else {
            (bar_chart(&page.t("site.cycle.critical_title"), &bars, None))
        }
        div class="table-wrap" {
            table data-testid="cycle-critical-table" {
                thead { tr {
                    th { (page.t("site.column.critical_issue")) }
                    th { (year.label) }
                    th { (previous.map(|p| p.label.clone()).unwrap_or_default()) }
                    th { (page.t("site.cycle.change_short")) }
                } }
                tbody {
                    @for issue in 0..CRITICAL_ISSUES as usize {
                        tr {
                            th scope="row" { (issue + 1) ". " (page.t(&format!("critical.{}", issue + 1))) }
                            td { (percent_or_withheld(shown(year, issue), year.withheld)) }
                            td { (previous.map(|p| percent_or_withheld(shown(p, issue), p.withheld)).unwrap_or_default()) }
                            td { (change(shown(year, issue), previous.and_then(|p| shown(p, issue)))) }
                        }
                    }
                }
            }
        }
        p class="hint" { (page.t("site.cycle.hint")) }
        (data_links(page, "critical_by_year"))
    };
    layout(page, &title, body)
}

pub fn open_data(page: &Page, tables: &[PublicTable], archive: &str) -> String {
    let root = page.root();
    let body = html! {
        p { (page.t("site.open.intro")) }
        p { a href=(LICENCE_URL) { (page.t("site.licence")) } }
        p { a href={(root) "data/" (archive)} data-testid="archive" download { (page.t("site.open.archive")) } }
        @for table in tables {
            section class="dataset" {
                h2 { (page.t(&format!("site.table.{}", table.name))) }
                (data_links(page, table.name))
                table class="dictionary" {
                    thead { tr { th { (page.t("site.open.column")) } th { (page.t("site.open.meaning")) } } }
                    tbody {
                        @for column in &table.data.headers {
                            tr { td { code { (column) } } td { (page.t(&format!("site.column.{column}.about"))) } }
                        }
                    }
                }
            }
        }
        p class="hint" { (page.t("site.open.manifest")) }
    };
    layout(page, &page.t("site.nav.open_data"), body)
}

/// The root page: the three languages.
pub fn language_choice() -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (translate(Lang::En, "site.name")) }
                link rel="stylesheet" href="style.css";
            }
            body class="choose" {
                main {
                    @for lang in LANGS {
                        p { a href={(lang.code()) "/index.html"} lang=(lang.code()) { (translate(lang, "site.name")) " — " (lang.native_name()) } }
                    }
                }
            }
        }
    }
    .into_string()
}

pub fn not_found() -> String {
    let page = Page {
        lang: Lang::En,
        path: "404.html",
    };
    // Served for any missing path, at any depth: its style is inline, and its links go from
    // the root (where most missing addresses are typed).
    let body = html! { p { a href="index.html" { (page.t("site.name")) } } };
    layout(&page, &page.t("site.not_found"), body)
        .replace(
            "<link rel=\"stylesheet\" href=\"../style.css\">",
            &format!("<style>{STYLE}</style>"),
        )
        .replace("href=\"../", "href=\"")
        // Its language switch leads to each language's home page.
        .replace("/404.html\"", "/index.html\"")
}

pub const STYLE: &str = include_str!("site-style.css");
