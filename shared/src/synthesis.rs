//! The synthesis report's rules, in one place for the API, the extranet and the public site:
//! which periods have one, how far back its trend goes, what "progress" compares, and how a
//! period is named.

use crate::analytics::{period_bounds, share, Granularity};
use crate::api::analytics::PeriodTrend;
use crate::i18n::{translate_with, Lang};

/// How many periods of history a synthesis report's trend shows, its own period last.
pub const TREND_PERIODS: usize = 8;

/// The granularity of a synthesis report's period (`2025-Q3` quarter, `2025-H1` half-year);
/// `None` for anything else, years included (the annual cycle report covers years).
pub fn granularity_of(period: &str) -> Option<Granularity> {
    match period_bounds(period)? {
        (granularity @ (Granularity::Quarter | Granularity::Half), _, _) => Some(granularity),
        _ => None,
    }
}

/// Whether `period` has ended on `today` (ISO date): only an ended period's edition can be
/// issued, since a report published later in the period would otherwise be left out.
pub fn period_has_ended(period: &str, today: &str) -> bool {
    period_bounds(period).is_some_and(|(_, _, last)| last.as_str() < today)
}

/// The trend a report of `period` shows: that period and those before it, at most
/// [`TREND_PERIODS`], oldest first.
pub fn trend_up_to(periods: Vec<PeriodTrend>, period: &str) -> Vec<PeriodTrend> {
    let mut trend: Vec<PeriodTrend> = periods
        .into_iter()
        .filter(|p| p.period.as_str() <= period)
        .collect();
    let skip = trend.len().saturating_sub(TREND_PERIODS);
    trend.drain(..skip);
    trend
}

/// What one line of the progress table measures.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgressMeasure {
    /// A cluster's non-compliance, by its index in the period's clusters.
    Cluster(usize),
    /// The mean non-compliance over all clusters.
    AllClusters,
    /// The share of factories without any critical issue.
    WithoutCriticalIssues,
}

/// One line of the progress table: the figure before, now, and the change in percentage
/// points between the rounded figures (what a reader subtracts from the printed ones).
#[derive(Clone, Debug, PartialEq)]
pub struct ProgressLine {
    pub measure: ProgressMeasure,
    pub before: Option<f64>,
    pub now: Option<f64>,
    pub change: Option<f64>,
}

/// Progress since the period before: every cluster, then all clusters, then the share of
/// factories without critical issues. `None` when the trend has no period before.
pub fn progress(trend: &[PeriodTrend]) -> Option<(&PeriodTrend, &PeriodTrend, Vec<ProgressLine>)> {
    let [.., before, now] = trend else {
        return None;
    };
    let line = |measure, before: Option<f64>, now: Option<f64>| ProgressLine {
        measure,
        before,
        now,
        change: before.zip(now).map(|(b, n)| n.round() - b.round()),
    };
    let mut lines: Vec<ProgressLine> = now
        .clusters
        .iter()
        .enumerate()
        .map(|(index, cluster)| {
            let previous = before
                .clusters
                .iter()
                .find(|c| c.code == cluster.code)
                .and_then(|c| c.rate);
            line(ProgressMeasure::Cluster(index), previous, cluster.rate)
        })
        .collect();
    lines.push(line(
        ProgressMeasure::AllClusters,
        before.mean_rate,
        now.mean_rate,
    ));
    let without = |p: &PeriodTrend| share(p.factories_without_critical_issues, p.factories);
    lines.push(line(
        ProgressMeasure::WithoutCriticalIssues,
        without(before),
        without(now),
    ));
    Some((before, now, lines))
}

/// A change in percentage points as printed: `+3`, `-5`, `+0`; a dash when either side is
/// missing.
pub fn change_label(change: Option<f64>) -> String {
    match change {
        Some(change) => format!("{change:+.0}"),
        None => "–".to_owned(),
    }
}

/// A period in the reader's language: `2025`, `2025-H1`, `2025-Q3`.
pub fn period_label(lang: Lang, period: &str) -> String {
    let (Some(year), Some(rest)) = (period.get(..4), period.get(4..)) else {
        return period.to_owned();
    };
    match rest {
        "" => translate_with(lang, "analytics.period.year", &[("year", year)]),
        "-H1" => translate_with(lang, "analytics.period.h1", &[("year", year)]),
        "-H2" => translate_with(lang, "analytics.period.h2", &[("year", year)]),
        _ => match rest.strip_prefix("-Q") {
            Some(number) => translate_with(
                lang,
                "analytics.period.quarter",
                &[("year", year), ("number", number)],
            ),
            None => period.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::analytics::ClusterRate;
    use crate::checklist::Translated;

    fn period(name: &str, rate: Option<f64>, factories: i64, without: i64) -> PeriodTrend {
        PeriodTrend {
            period: name.to_owned(),
            factories,
            workers: 0,
            women_workers: 0,
            factories_without_critical_issues: without,
            mean_rate: rate,
            clusters: vec![ClusterRate {
                code: "WH".to_owned(),
                name: Translated::default(),
                factories,
                rate,
                weighted_rate: None,
            }],
        }
    }

    #[test]
    fn only_quarters_and_half_years_have_synthesis_reports() {
        assert_eq!(granularity_of("2025-Q3"), Some(Granularity::Quarter));
        assert_eq!(granularity_of("2025-H1"), Some(Granularity::Half));
        assert_eq!(granularity_of("2025"), None);
        assert_eq!(granularity_of("2025-Q5"), None);
        assert_eq!(granularity_of(""), None);
    }

    #[test]
    fn a_period_ends_after_its_last_day() {
        assert!(!period_has_ended("2025-H1", "2025-06-30"));
        assert!(period_has_ended("2025-H1", "2025-07-01"));
        assert!(!period_has_ended("nonsense", "2099-01-01"));
    }

    #[test]
    fn the_trend_stops_at_the_period_and_keeps_eight() {
        let periods: Vec<PeriodTrend> = (2010..2022)
            .map(|year| period(&format!("{year}-H1"), Some(10.0), 5, 1))
            .collect();
        let trend = trend_up_to(periods, "2020-H1");
        assert_eq!(trend.len(), TREND_PERIODS);
        assert_eq!(trend.first().unwrap().period, "2013-H1");
        assert_eq!(trend.last().unwrap().period, "2020-H1");
    }

    #[test]
    fn progress_subtracts_the_rounded_figures() {
        let trend = vec![
            period("2024-H2", Some(20.4), 10, 2),
            period("2025-H1", Some(17.6), 8, 4),
        ];
        let (before, now, lines) = progress(&trend).unwrap();
        assert_eq!(
            (before.period.as_str(), now.period.as_str()),
            ("2024-H2", "2025-H1")
        );
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].change, Some(-2.0));
        assert_eq!(lines[2].before, Some(20.0));
        assert_eq!(lines[2].now, Some(50.0));
        assert_eq!(change_label(lines[2].change), "+30");
        assert!(progress(&trend[..1]).is_none());
    }
}
