//! The public tables: each one is shown on a page and published as CSV and JSON from the same
//! [`TableData`], so the open data and the pages always say the same thing.

use shared::table::TableData;

use super::dataset::{GroupFigure, PublicDataset, CRITICAL_ISSUES};

/// Marks a figure withheld because its group has fewer than five factories.
pub const WITHHELD: &str = "withheld";

/// A published table: its file name (without extension) and its columns, whose labels and
/// descriptions are the catalogue keys `site.column.{column}` and `site.column.{column}.about`.
pub struct PublicTable {
    pub name: &'static str,
    pub data: TableData,
}

pub fn rate(value: Option<f64>) -> String {
    value.map(|v| format!("{v:.1}")).unwrap_or_default()
}

fn table(name: &'static str, columns: &[&str], rows: Vec<Vec<String>>) -> PublicTable {
    PublicTable {
        name,
        data: TableData {
            headers: columns.iter().map(|c| (*c).to_owned()).collect(),
            rows,
        },
    }
}

pub fn factories(dataset: &PublicDataset) -> PublicTable {
    table(
        "factories",
        &[
            "factory_id",
            "factory_name",
            "province",
            "assessments",
            "latest_assessment",
            "latest_score",
            "critical_issues_found",
            "verified_fixed_percent",
        ],
        dataset
            .named
            .iter()
            .map(|factory| {
                let latest = factory.latest();
                vec![
                    factory.id.to_string(),
                    factory.name.clone(),
                    factory.province.clone(),
                    factory.assessments.len().to_string(),
                    latest.start_date.clone(),
                    rate(latest.score),
                    latest.critical_non_compliant().len().to_string(),
                    rate(factory.corrective_actions.percent),
                ]
            })
            .collect(),
    )
}

pub fn assessments(dataset: &PublicDataset) -> PublicTable {
    table(
        "assessments",
        &[
            "factory_id",
            "factory_name",
            "start_date",
            "items_assessed",
            "items_compliant",
            "score",
            "critical_issues_list",
            "report_sha256",
        ],
        dataset
            .named
            .iter()
            .flat_map(|factory| {
                factory.assessments.iter().map(|assessment| {
                    vec![
                        factory.id.to_string(),
                        factory.name.clone(),
                        assessment.start_date.clone(),
                        assessment.items_assessed.to_string(),
                        assessment.items_compliant.to_string(),
                        rate(assessment.score),
                        assessment
                            .critical_non_compliant()
                            .iter()
                            .map(i64::to_string)
                            .collect::<Vec<_>>()
                            .join(" "),
                        assessment.report_sha256.clone(),
                    ]
                })
            })
            .collect(),
    )
}

pub fn critical_issues(dataset: &PublicDataset) -> PublicTable {
    table(
        "critical_issues",
        &["factory_id", "start_date", "critical_issue", "outcome"],
        dataset
            .named
            .iter()
            .flat_map(|factory| {
                factory.assessments.iter().flat_map(move |assessment| {
                    (1..=CRITICAL_ISSUES).map(move |issue| {
                        vec![
                            factory.id.to_string(),
                            assessment.start_date.clone(),
                            issue.to_string(),
                            assessment.critical[(issue - 1) as usize]
                                .as_str()
                                .to_owned(),
                        ]
                    })
                })
            })
            .collect(),
    )
}

pub fn public_items(dataset: &PublicDataset) -> PublicTable {
    table(
        "public_items",
        &["factory_id", "start_date", "question_code", "outcome"],
        dataset
            .named
            .iter()
            .flat_map(|factory| {
                factory.assessments.iter().flat_map(move |assessment| {
                    assessment.items.iter().map(move |(code, outcome)| {
                        vec![
                            factory.id.to_string(),
                            assessment.start_date.clone(),
                            code.clone(),
                            outcome.as_str().to_owned(),
                        ]
                    })
                })
            })
            .collect(),
    )
}

pub fn low_compliance(dataset: &PublicDataset) -> PublicTable {
    let industry = dataset.industry.as_ref();
    table(
        "low_compliance",
        &[
            "factory_id",
            "factory_name",
            "assessments",
            "latest_assessment",
            "latest_score",
            "industry_mean",
            "standard_deviation",
            "threshold",
        ],
        dataset
            .low_compliance
            .iter()
            .map(|entry| {
                vec![
                    entry.factory_id.to_string(),
                    entry.name.clone(),
                    entry.assessments.to_string(),
                    entry.latest_date.clone(),
                    rate(Some(entry.latest_score)),
                    rate(industry.map(|i| i.mean)),
                    rate(industry.map(|i| i.standard_deviation)),
                    rate(industry.map(|i| i.threshold)),
                ]
            })
            .collect(),
    )
}

fn group_rows(figures: &[GroupFigure]) -> Vec<Vec<String>> {
    figures
        .iter()
        .map(|figure| {
            let withheld = |value: String| {
                if figure.withheld {
                    WITHHELD.to_owned()
                } else {
                    value
                }
            };
            vec![
                figure.label.clone(),
                figure.factories.to_string(),
                withheld(rate(figure.mean_score)),
                withheld(figure.workers.map(|w| w.to_string()).unwrap_or_default()),
                withheld(rate(figure.women_share)),
            ]
        })
        .collect()
}

pub fn trends(dataset: &PublicDataset) -> PublicTable {
    table(
        "trends",
        &["year", "factories", "mean_score", "workers", "women_share"],
        group_rows(&dataset.years),
    )
}

pub fn provinces(dataset: &PublicDataset) -> PublicTable {
    table(
        "provinces",
        &[
            "province",
            "factories",
            "mean_score",
            "workers",
            "women_share",
        ],
        group_rows(&dataset.provinces),
    )
}

pub fn cycles(dataset: &PublicDataset) -> PublicTable {
    table(
        "cycles",
        &["year", "factories", "reports_published", "mean_score"],
        dataset
            .years
            .iter()
            .map(|year| {
                vec![
                    year.label.clone(),
                    year.factories.to_string(),
                    dataset
                        .reports_per_year
                        .get(&year.label)
                        .copied()
                        .unwrap_or_default()
                        .to_string(),
                    if year.withheld {
                        WITHHELD.to_owned()
                    } else {
                        rate(year.mean_score)
                    },
                ]
            })
            .collect(),
    )
}

pub fn critical_by_year(dataset: &PublicDataset) -> PublicTable {
    table(
        "critical_by_year",
        &["year", "critical_issue", "factories", "share_non_compliant"],
        dataset
            .years
            .iter()
            .flat_map(|year| {
                (1..=CRITICAL_ISSUES).map(move |issue| {
                    vec![
                        year.label.clone(),
                        issue.to_string(),
                        year.factories.to_string(),
                        if year.withheld {
                            WITHHELD.to_owned()
                        } else {
                            rate(year.critical_shares.get((issue - 1) as usize).copied())
                        },
                    ]
                })
            })
            .collect(),
    )
}

/// Every published table, in the order the open-data page lists them.
pub fn all(dataset: &PublicDataset) -> Vec<PublicTable> {
    vec![
        factories(dataset),
        assessments(dataset),
        critical_issues(dataset),
        public_items(dataset),
        low_compliance(dataset),
        trends(dataset),
        cycles(dataset),
        critical_by_year(dataset),
        provinces(dataset),
        editions(dataset),
        public_responses(dataset),
    ]
}

/// The factories' public responses to disclosed findings, with how far each was checked.
pub fn public_responses(dataset: &PublicDataset) -> PublicTable {
    use shared::wire::Verification;
    table(
        "public_responses",
        &[
            "factory_id",
            "factory_name",
            "start_date",
            "question_code",
            "critical_issue",
            "statement",
            "response_status",
            "checked_on",
        ],
        dataset
            .named
            .iter()
            .flat_map(|factory| {
                factory.assessments.iter().flat_map(move |assessment| {
                    assessment.responses.iter().map(move |found| {
                        let check = found.response.check.as_ref();
                        vec![
                            factory.id.to_string(),
                            factory.name.clone(),
                            assessment.start_date.clone(),
                            found.question_code.clone(),
                            found
                                .critical_issue
                                .map(|n| n.to_string())
                                .unwrap_or_default(),
                            found.response.statement.clone(),
                            match check.map(|c| c.outcome) {
                                None => "unverified",
                                Some(Verification::Verified) => "verified",
                                Some(Verification::NotVerified) => "not_verified",
                            }
                            .to_owned(),
                            check
                                .map(|c| shared::date::cambodia_date(c.checked_at))
                                .unwrap_or_default(),
                        ]
                    })
                })
            })
            .collect(),
    )
}

/// The issued synthesis editions: headline figures, the hash of the full document published
/// beside (`editions/{period}.json`).
pub fn editions(dataset: &PublicDataset) -> PublicTable {
    use shared::analytics::share;
    use shared::disclosure::suppressed;
    table(
        "synthesis_editions",
        &[
            "period",
            "issued_on",
            "factories",
            "workers",
            "women_share",
            "mean_non_compliance",
            "edition_sha256",
        ],
        dataset
            .editions
            .iter()
            .map(|edition| {
                let overview = &edition.document.overview;
                let withheld = suppressed(overview.factories as usize);
                let figure = |value: String| if withheld { WITHHELD.to_owned() } else { value };
                let mean = edition
                    .document
                    .trend
                    .iter()
                    .find(|p| p.period == edition.period)
                    .and_then(|p| p.mean_rate);
                vec![
                    edition.period.clone(),
                    shared::date::cambodia_date(edition.issued_at),
                    overview.factories.to_string(),
                    figure(overview.workers.to_string()),
                    figure(rate(share(overview.women_workers, overview.workers))),
                    figure(rate(mean)),
                    edition.sha256.clone(),
                ]
            })
            .collect(),
    )
}

/// The table as JSON: one object per row, keyed by column. Written cell by cell rather than
/// through a `serde_json::Value` per row: the largest tables have over a million rows.
pub fn to_json(data: &TableData) -> String {
    let quote = |text: &str| serde_json::to_string(text).expect("a string serialises");
    let keys: Vec<String> = data.headers.iter().map(|column| quote(column)).collect();
    let mut json = String::from("[");
    for (index, row) in data.rows.iter().enumerate() {
        json.push_str(if index == 0 { "\n  {" } else { ",\n  {" });
        for (position, (key, cell)) in keys.iter().zip(row).enumerate() {
            if position > 0 {
                json.push_str(", ");
            }
            json.push_str(key);
            json.push_str(": ");
            json.push_str(&quote(cell));
        }
        json.push('}');
    }
    json.push_str(if data.rows.is_empty() { "]\n" } else { "\n]\n" });
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_rows_are_objects_keyed_by_column() {
        let data = TableData {
            headers: vec!["factory_id".into(), "factory_name".into()],
            rows: vec![
                vec!["1".into(), "A \"B\" Co., Ltd.".into()],
                vec!["2".into(), "ខ្មែរ".into()],
            ],
        };
        let parsed: serde_json::Value = serde_json::from_str(&to_json(&data)).expect("valid JSON");
        assert_eq!(parsed[0]["factory_name"], "A \"B\" Co., Ltd.");
        assert_eq!(parsed[1]["factory_id"], "2");
        let empty = TableData {
            headers: vec!["x".into()],
            rows: vec![],
        };
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&to_json(&empty)).expect("valid"),
            serde_json::json!([])
        );
    }
}
