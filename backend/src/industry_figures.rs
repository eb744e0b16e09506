//! The industry's figures as the API serves them and a synthesis edition freezes them:
//! overview, issue rankings, trends and the synthesis report of a period. The analytics
//! handlers and the edition handler both call these, so an edition holds exactly what the
//! live report showed on the day it was issued.

use std::collections::HashMap;

use sha2::{Digest, Sha256};
use shared::analytics::{share, Granularity, IssueLevel};
use shared::api::analytics::{
    ClusterRate, CriticalIssueRate, IndustryOverview, IssueRate, PeriodTrend, Trends,
};
use shared::api::synthesis::SynthesisDocument;
use sqlx::AnyConnection;

use crate::db::analytics::{self as figures, GroupClusterRate, GroupFilter, IssueCounts, Scope};
use crate::db::checklists::{ChecklistNames, NamedItem};
use crate::db::synthesis_editions::{self, NewEdition};

/// How many question-level issues the overview lists.
const TOP_ISSUES: usize = 10;

/// Cluster rates of one group in checklist order, with their names.
pub fn cluster_rates(names: &ChecklistNames, rows: &[&GroupClusterRate]) -> Vec<ClusterRate> {
    let by_code: HashMap<&str, &&GroupClusterRate> = rows
        .iter()
        .map(|row| (row.cluster_code.as_str(), row))
        .collect();
    names
        .scored_clusters()
        .map(|(code, name)| {
            let row = by_code.get(code);
            ClusterRate {
                code: code.to_owned(),
                name: name.clone(),
                factories: row.map(|r| r.factories).unwrap_or(0),
                rate: row.and_then(|r| r.mean_rate),
                weighted_rate: row.and_then(|r| r.weighted_rate),
            }
        })
        .collect()
}

/// The industry at a glance in `scope`, narrowed to a group when `filter` is given.
pub async fn overview(
    connection: &mut AnyConnection,
    names: &ChecklistNames,
    scope: &Scope,
    filter: Option<&GroupFilter>,
) -> Result<IndustryOverview, sqlx::Error> {
    let totals = figures::totals(connection, scope, filter, None).await?;
    let total = totals.first().cloned().unwrap_or_default();
    let rates = figures::cluster_rates(connection, scope, filter, None).await?;
    let critical = figures::critical_issue_counts(connection, scope, filter).await?;
    let without_critical =
        figures::factories_without_critical_issues(connection, scope, filter).await?;
    let mut top_issues = question_issues(
        connection,
        names,
        scope,
        filter,
        total.factories,
        total.workers,
    )
    .await?;
    top_issues.truncate(TOP_ISSUES);
    Ok(IndustryOverview {
        factories: total.factories,
        workers: total.workers,
        women_workers: total.women_workers,
        factories_without_critical_issues: without_critical,
        clusters: cluster_rates(names, &rates.iter().collect::<Vec<_>>()),
        critical_issues: critical
            .into_iter()
            .map(|(number, factories, workers)| CriticalIssueRate {
                number,
                factories_non_compliant: factories,
                rate: share(factories, total.factories),
                workers_non_compliant: workers,
                weighted_rate: share(workers, total.workers),
            })
            .collect(),
        top_issues,
    })
}

/// Question-level issues, most frequent first (ties: most workers affected, then code).
async fn question_issues(
    connection: &mut AnyConnection,
    names: &ChecklistNames,
    scope: &Scope,
    filter: Option<&GroupFilter>,
    factories: i64,
    workers: i64,
) -> Result<Vec<IssueRate>, sqlx::Error> {
    let counts = figures::question_counts(connection, scope, filter).await?;
    let mut issues: Vec<IssueRate> = counts
        .into_iter()
        .filter(|c| c.non_compliant > 0)
        .filter_map(|c| {
            let question = names.question(&c.code)?;
            let assessed = factories - c.not_assessed;
            let workers_assessed = workers - c.workers_not_assessed;
            Some(issue_rate(
                IssueLevel::Question,
                question,
                c,
                assessed,
                workers_assessed,
            ))
        })
        .collect();
    sort_issues(&mut issues);
    Ok(issues)
}

/// How often a question or point was found, among the factories (and their workers) where
/// it was assessed.
fn issue_rate(
    level: IssueLevel,
    item: &NamedItem,
    counts: IssueCounts,
    factories_assessed: i64,
    workers_assessed: i64,
) -> IssueRate {
    IssueRate {
        level,
        name: item.name.clone(),
        cluster_code: item.cluster_code.clone(),
        critical_issue: item.critical_issue,
        factories_assessed,
        factories_non_compliant: counts.non_compliant,
        rate: share(counts.non_compliant, factories_assessed),
        workers_assessed,
        workers_non_compliant: counts.workers_non_compliant,
        weighted_rate: share(counts.workers_non_compliant, workers_assessed),
        code: counts.code,
    }
}

fn sort_issues(issues: &mut [IssueRate]) {
    issues.sort_by(|a, b| {
        b.rate
            .unwrap_or(0.0)
            .total_cmp(&a.rate.unwrap_or(0.0))
            .then(b.workers_non_compliant.cmp(&a.workers_non_compliant))
            .then(a.code.cmp(&b.code))
    });
}

/// Issues at `level` in `scope`, most frequent first.
pub async fn issues(
    connection: &mut AnyConnection,
    names: &ChecklistNames,
    scope: &Scope,
    filter: Option<&GroupFilter>,
    level: IssueLevel,
) -> Result<Vec<IssueRate>, sqlx::Error> {
    let total = figures::totals(connection, scope, filter, None)
        .await?
        .first()
        .cloned()
        .unwrap_or_default();
    let issues = match level {
        IssueLevel::Question => {
            question_issues(
                connection,
                names,
                scope,
                filter,
                total.factories,
                total.workers,
            )
            .await?
        }
        IssueLevel::Point => {
            let counts = figures::point_counts(connection, scope, filter).await?;
            let mut issues: Vec<IssueRate> = counts
                .into_iter()
                .filter_map(|(c, assessed, workers_assessed)| {
                    let point = names.point(&c.code)?;
                    Some(issue_rate(
                        IssueLevel::Point,
                        point,
                        c,
                        assessed,
                        workers_assessed,
                    ))
                })
                .collect();
            sort_issues(&mut issues);
            issues
        }
        IssueLevel::Cluster => {
            let rates = figures::cluster_rates(connection, scope, filter, None).await?;
            let mut issues: Vec<IssueRate> =
                cluster_rates(names, &rates.iter().collect::<Vec<_>>())
                    .into_iter()
                    .map(|cluster| IssueRate {
                        level: IssueLevel::Cluster,
                        cluster_code: cluster.code.clone(),
                        code: cluster.code,
                        name: cluster.name,
                        critical_issue: None,
                        factories_assessed: cluster.factories,
                        factories_non_compliant: 0,
                        rate: cluster.rate,
                        workers_assessed: 0,
                        workers_non_compliant: 0,
                        weighted_rate: cluster.weighted_rate,
                    })
                    .collect();
            sort_issues(&mut issues);
            issues
        }
    };
    Ok(issues)
}

/// The industry period by period.
pub async fn trends(
    connection: &mut AnyConnection,
    names: &ChecklistNames,
    granularity: Granularity,
) -> Result<Trends, sqlx::Error> {
    let periods = figures::period_rows(connection, granularity).await?;
    Ok(Trends {
        granularity,
        periods: periods
            .into_iter()
            .map(|period| {
                let rows: Vec<GroupClusterRate> = period
                    .clusters
                    .iter()
                    .map(|c| GroupClusterRate {
                        group: String::new(),
                        cluster_code: c.code.clone(),
                        factories: c.factories,
                        mean_rate: c.mean_rate,
                        weighted_rate: c.weighted_rate,
                    })
                    .collect();
                PeriodTrend {
                    clusters: cluster_rates(names, &rows.iter().collect::<Vec<_>>()),
                    period: period.period,
                    factories: period.factories,
                    workers: period.workers,
                    women_workers: period.women_workers,
                    factories_without_critical_issues: period.factories_without_critical_issues,
                    mean_rate: period.mean_rate,
                }
            })
            .collect(),
    })
}

/// The synthesis report of `period` (a quarter or half-year) as it stands now; `None` when
/// the period is not one that has a synthesis report.
pub async fn synthesis(
    connection: &mut AnyConnection,
    names: &ChecklistNames,
    period: &str,
) -> Result<Option<SynthesisDocument>, sqlx::Error> {
    let Some(granularity) = shared::synthesis::granularity_of(period) else {
        return Ok(None);
    };
    let (_, first, last) =
        shared::analytics::period_bounds(period).expect("a synthesis period has bounds");
    let scope = Scope::Period { first, last };
    let overview = overview(connection, names, &scope, None).await?;
    let top_points = issues(connection, names, &scope, None, IssueLevel::Point).await?;
    let trend = trends(connection, names, granularity).await?.periods;
    Ok(Some(SynthesisDocument {
        period: period.to_owned(),
        overview,
        trend: shared::synthesis::trend_up_to(trend, period),
        top_points,
    }))
}

/// Why an edition was not issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditionRefused {
    /// Not a quarter or half-year.
    NotASynthesisPeriod,
    /// The period has not ended on the day of issue.
    PeriodOpen,
    /// No published assessment falls in the period.
    NoData,
    /// The period already has its edition (the first one stands).
    AlreadyIssued,
}

/// Issues the edition of `period`: the synthesis report as it stands at `now`, stored whole
/// with the SHA-256 of its text. The caller's transaction makes it one step; the API and the
/// demo data both issue through here.
pub async fn issue_edition(
    connection: &mut AnyConnection,
    names: &ChecklistNames,
    period: &str,
    issued_by: i64,
    now: i64,
) -> Result<Result<i64, EditionRefused>, sqlx::Error> {
    if !shared::synthesis::period_has_ended(period, &shared::date::cambodia_date(now)) {
        return Ok(Err(match shared::synthesis::granularity_of(period) {
            None => EditionRefused::NotASynthesisPeriod,
            Some(_) => EditionRefused::PeriodOpen,
        }));
    }
    let Some(document) = synthesis(connection, names, period).await? else {
        return Ok(Err(EditionRefused::NotASynthesisPeriod));
    };
    if document.overview.factories == 0 {
        return Ok(Err(EditionRefused::NoData));
    }
    let text = serde_json::to_string(&document).expect("a synthesis document serialises");
    let sha256 = hex::encode(Sha256::digest(text.as_bytes()));
    let data_as_of = synthesis_editions::latest_publication_at(&mut *connection).await?;
    let edition = NewEdition {
        period,
        issued_by,
        issued_at: now,
        data_as_of,
        factories: document.overview.factories,
        document: &text,
        sha256: &sha256,
    };
    Ok(synthesis_editions::insert(&mut *connection, &edition)
        .await?
        .ok_or(EditionRefused::AlreadyIssued))
}
