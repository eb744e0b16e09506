//! The synthesis editions on the public site: a list and one printable page per issued
//! edition, written from the document stored when staff issued it, never recomputed. The
//! exact stored text is also published (`data/editions/{period}.json`), so anyone can check
//! it against the SHA-256 printed on the page.

use maud::{html, Markup};
use shared::analytics::{percent, share};
use shared::api::analytics::ClusterRate;
use shared::api::synthesis::SynthesisDocument;
use shared::date::cambodia_date;
use shared::disclosure::suppressed;
use shared::synthesis::{change_label, period_label, progress, ProgressMeasure};

use super::render::{bar_chart, layout, withheld_cell, Page};

/// An issued edition as the site publishes it.
#[derive(Clone, Debug, PartialEq)]
pub struct PublicEdition {
    pub period: String,
    pub issued_at: i64,
    pub data_as_of: Option<i64>,
    pub sha256: String,
    /// The document exactly as stored: the bytes the hash is of.
    pub text: String,
    pub document: SynthesisDocument,
}

/// How many compliance points the edition's chart of top issues shows (the table has all).
const TOP_POINTS_CHARTED: usize = 10;

/// The path of an edition's page inside a language folder.
pub fn page_path(period: &str) -> String {
    format!("editions/{period}.html")
}

/// A rate of a group of `factories`: withheld below five, like every public group figure.
fn shown(factories: i64, rate: Option<f64>) -> Option<f64> {
    (!suppressed(factories as usize)).then_some(rate).flatten()
}

/// A figure about a group of `factories`: the text, or "withheld" below five.
fn group_cell(page: &Page, factories: i64, text: impl FnOnce() -> String) -> Markup {
    if suppressed(factories as usize) {
        withheld_cell(page)
    } else {
        html! { td { (text()) } }
    }
}

fn cell(page: &Page, factories: i64, rate: Option<f64>) -> Markup {
    group_cell(page, factories, || percent(rate))
}

pub fn list(page: &Page, editions: &[PublicEdition]) -> String {
    let body = html! {
        p { (page.t("site.editions.intro")) }
        @if editions.is_empty() {
            p class="notice" { (page.t("site.editions.none")) }
        } @else {
            div class="table-wrap" {
                table data-testid="editions-table" {
                    thead { tr {
                        th scope="col" { (page.t("site.edition.period")) }
                        th scope="col" { (page.t("site.edition.issued")) }
                        th scope="col" { (page.t("site.column.factories")) }
                        th scope="col" { (page.t("site.edition.data_as_of")) }
                    } }
                    tbody {
                        @for edition in editions.iter().rev() {
                            tr {
                                td { a href=(page.href(&page_path(&edition.period))) { (period_label(page.lang, &edition.period)) } }
                                td { (cambodia_date(edition.issued_at)) }
                                td { (edition.document.overview.factories) }
                                td { (edition.data_as_of.map(cambodia_date).unwrap_or_else(|| "–".to_owned())) }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(page, &page.t("site.nav.editions"), body)
}

fn cluster_table(page: &Page, clusters: &[ClusterRate], testid: &str) -> Markup {
    let lang = page.lang.code();
    html! {
        div class="table-wrap" {
            table data-testid=(testid) {
                thead { tr {
                    th scope="col" { (page.t("site.edition.cluster")) }
                    th scope="col" { (page.t("site.column.factories")) }
                    th scope="col" { (page.t("site.edition.non_compliance")) }
                } }
                tbody {
                    @for cluster in clusters {
                        tr {
                            th scope="row" { (cluster.name.get(lang)) }
                            td { (cluster.factories) }
                            (cell(page, cluster.factories, cluster.rate))
                        }
                    }
                }
            }
        }
    }
}

pub fn edition(page: &Page, edition: &PublicEdition) -> String {
    let document = &edition.document;
    let overview = &document.overview;
    let lang = page.lang.code();
    let label = period_label(page.lang, &edition.period);
    let title = page.tw("site.edition.title", &[("period", &label)]);
    let withheld = suppressed(overview.factories as usize);
    let women = share(overview.women_workers, overview.workers);
    let without = share(
        overview.factories_without_critical_issues,
        overview.factories,
    );
    let cluster_bars: Vec<(String, Option<f64>)> = overview
        .clusters
        .iter()
        .map(|c| (c.name.get(lang).to_owned(), shown(c.factories, c.rate)))
        .collect();
    let trend_bars: Vec<(String, Option<f64>)> = document
        .trend
        .iter()
        .map(|p| {
            (
                period_label(page.lang, &p.period),
                shown(p.factories, p.mean_rate),
            )
        })
        .collect();
    let women_bars: Vec<(String, Option<f64>)> = document
        .trend
        .iter()
        .map(|p| {
            let women = share(p.women_workers, p.workers);
            (
                period_label(page.lang, &p.period),
                shown(p.factories, women),
            )
        })
        .collect();
    let point_bars: Vec<(String, Option<f64>)> = document
        .top_points
        .iter()
        .take(TOP_POINTS_CHARTED)
        .map(|p| {
            (
                p.name.get(lang).to_owned(),
                shown(p.factories_assessed, p.rate),
            )
        })
        .collect();
    let critical_bars: Vec<(String, Option<f64>)> = overview
        .critical_issues
        .iter()
        .map(|c| (c.number.to_string(), shown(overview.factories, c.rate)))
        .collect();
    let progress = progress(&document.trend);
    let body = html! {
        article class="edition" data-testid="edition" {
            p class="lead" { (page.t("site.edition.frozen")) }
            dl class="meta" {
                div { dt { (page.t("site.edition.issued")) } dd data-testid="edition-issued" { (cambodia_date(edition.issued_at)) } }
                div { dt { (page.t("site.edition.data_as_of")) } dd { (edition.data_as_of.map(cambodia_date).unwrap_or_else(|| "–".to_owned())) } }
                div { dt { (page.t("site.edition.sha256")) } dd { code data-testid="edition-sha256" { (edition.sha256) } } }
            }
            p class="data-links" {
                (page.t("site.edition.download")) ": "
                a href={(page.root()) "data/editions/" (edition.period) ".json"} { "JSON" }
            }
            @if withheld {
                p class="notice" data-withheld="true" { (page.t("site.withheld")) }
            } @else {
                dl class="figures" data-testid="edition-figures" {
                    div { dt { (page.t("site.column.factories")) } dd { (overview.factories) } }
                    div { dt { (page.t("site.column.workers")) } dd { (shared::analytics::format_number(overview.workers)) } }
                    div { dt { (page.t("site.column.women_share")) } dd { (percent(women)) } }
                    div { dt { (page.t("site.edition.without_critical")) } dd { (percent(without)) } }
                }
                section {
                    h2 { (page.t("site.edition.compliance")) }
                    p class="hint" { (page.t("site.edition.compliance_hint")) }
                    (bar_chart(&page.t("site.edition.compliance"), &cluster_bars, None))
                    (cluster_table(page, &overview.clusters, "edition-clusters-table"))
                }
                section {
                    h2 { (page.t("site.edition.trend")) }
                    (bar_chart(&page.t("site.edition.trend"), &trend_bars, None))
                    div class="table-wrap" {
                        table data-testid="edition-trend-table" {
                            thead { tr {
                                th scope="col" { (page.t("site.edition.period")) }
                                th scope="col" { (page.t("site.column.factories")) }
                                th scope="col" { (page.t("site.edition.non_compliance")) }
                                th scope="col" { (page.t("site.edition.without_critical")) }
                            } }
                            tbody {
                                @for period in &document.trend {
                                    tr {
                                        th scope="row" { (period_label(page.lang, &period.period)) }
                                        td { (period.factories) }
                                        (cell(page, period.factories, period.mean_rate))
                                        (cell(page, period.factories, share(period.factories_without_critical_issues, period.factories)))
                                    }
                                }
                            }
                        }
                    }
                }
                section {
                    h2 { (page.t("site.edition.progress")) }
                    @match &progress {
                        Some((before, now, lines)) => {
                            p class="hint" { (page.t("site.edition.progress_hint")) }
                            div class="table-wrap" {
                                table data-testid="edition-progress-table" {
                                    thead { tr {
                                        th scope="col" { (page.t("site.edition.measure")) }
                                        th scope="col" { (period_label(page.lang, &before.period)) }
                                        th scope="col" { (period_label(page.lang, &now.period)) }
                                        th scope="col" { (page.t("site.edition.change")) }
                                    } }
                                    tbody {
                                        @for line in lines {
                                            tr {
                                                th scope="row" { (match line.measure {
                                                    ProgressMeasure::Cluster(index) => now.clusters[index].name.get(lang).to_owned(),
                                                    ProgressMeasure::AllClusters => page.t("site.edition.all_clusters"),
                                                    ProgressMeasure::WithoutCriticalIssues => page.t("site.edition.without_critical"),
                                                }) }
                                                (cell(page, before.factories, line.before))
                                                (cell(page, now.factories, line.now))
                                                td { (if suppressed(before.factories as usize) || suppressed(now.factories as usize) { "–".to_owned() } else { change_label(line.change) }) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                        None => { p { (page.t("site.edition.no_previous")) } }
                    }
                }
                section {
                    h2 { (page.t("site.edition.employment")) }
                    (bar_chart(&page.t("site.column.women_share"), &women_bars, None))
                    div class="table-wrap" {
                        table data-testid="edition-employment-table" {
                            thead { tr {
                                th scope="col" { (page.t("site.edition.period")) }
                                th scope="col" { (page.t("site.column.factories")) }
                                th scope="col" { (page.t("site.column.workers")) }
                                th scope="col" { (page.t("site.column.women_share")) }
                            } }
                            tbody {
                                @for period in &document.trend {
                                    tr {
                                        th scope="row" { (period_label(page.lang, &period.period)) }
                                        td { (period.factories) }
                                        (group_cell(page, period.factories, || shared::analytics::format_number(period.workers)))
                                        (cell(page, period.factories, share(period.women_workers, period.workers)))
                                    }
                                }
                            }
                        }
                    }
                }
                section {
                    h2 { (page.t("site.edition.top_issues")) }
                    (bar_chart(&page.t("site.edition.top_issues"), &point_bars, None))
                    div class="table-wrap" {
                        table data-testid="edition-issues-table" {
                            thead { tr {
                                th scope="col" { (page.t("site.edition.point")) }
                                th scope="col" { (page.t("site.edition.factories_assessed")) }
                                th scope="col" { (page.t("site.edition.factories_found")) }
                                th scope="col" { (page.t("site.column.share_non_compliant")) }
                            } }
                            tbody {
                                @for point in &document.top_points {
                                    tr {
                                        th scope="row" { (point.name.get(lang)) }
                                        td { (point.factories_assessed) }
                                        (group_cell(page, point.factories_assessed, || point.factories_non_compliant.to_string()))
                                        (cell(page, point.factories_assessed, point.rate))
                                    }
                                }
                            }
                        }
                    }
                }
                section {
                    h2 { (page.t("site.edition.critical")) }
                    (bar_chart(&page.t("site.edition.critical"), &critical_bars, None))
                    div class="table-wrap" {
                        table data-testid="edition-critical-table" {
                            thead { tr {
                                th scope="col" { (page.t("site.column.critical_issue")) }
                                th scope="col" { (page.t("site.edition.factories_found")) }
                                th scope="col" { (page.t("site.column.share_non_compliant")) }
                            } }
                            tbody {
                                @for issue in &overview.critical_issues {
                                    tr {
                                        th scope="row" { (issue.number) ". " (page.t(&format!("critical.{}", issue.number))) }
                                        td { (issue.factories_non_compliant) }
                                        td { (percent(issue.rate)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    layout(page, &title, body)
}
