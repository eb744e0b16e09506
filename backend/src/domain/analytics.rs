//! Industry figures of a period from the scores stored at publication, free of I/O.
//!
//! Each factory counts once, with its latest assessment of the period. A cluster's industry
//! rate is the mean of the factories' rates (each factory weighs the same, as in the
//! programme's synthesis reports); the worker-weighted rate weighs each factory by its
//! workforce, so an issue in a factory of 5,000 workers counts ten times one of 500.

use std::collections::BTreeMap;

use shared::analytics::share;

/// A cluster's stored score in one assessment (rate in percent, `None` when no point of the
/// cluster was assessed).
#[derive(Clone, Debug, PartialEq)]
pub struct AssessedCluster {
    pub code: String,
    pub points_assessed: i64,
    pub points_non_compliant: i64,
    pub rate: Option<f64>,
}

/// One factory's assessment as the period figures need it.
#[derive(Clone, Debug, PartialEq)]
pub struct AssessedFactory {
    pub workers: i64,
    pub women_workers: i64,
    pub critical_issues: i64,
    pub clusters: Vec<AssessedCluster>,
}

impl AssessedFactory {
    /// Non-compliant points over assessed points, all clusters together (percent).
    pub fn overall_rate(&self) -> Option<f64> {
        let assessed: i64 = self.clusters.iter().map(|c| c.points_assessed).sum();
        let non_compliant: i64 = self.clusters.iter().map(|c| c.points_non_compliant).sum();
        share(non_compliant, assessed)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClusterFigure {
    pub code: String,
    /// Factories where the cluster was assessed.
    pub factories: i64,
    pub mean_rate: Option<f64>,
    pub weighted_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PeriodFigures {
    pub period: String,
    pub factories: i64,
    pub workers: i64,
    pub women_workers: i64,
    pub factories_without_critical_issues: i64,
    /// Mean over factories of their overall rate.
    pub mean_rate: Option<f64>,
    pub clusters: Vec<ClusterFigure>,
}

/// Mean of `values`, `None` when empty.
fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0_u32), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / f64::from(count))
}

/// Sum of value × weight over sum of weights, `None` when the weights add up to nothing.
pub fn weighted_mean(pairs: impl Iterator<Item = (f64, i64)>) -> Option<f64> {
    let (sum, weights) = pairs.fold((0.0, 0_i64), |(sum, weights), (value, weight)| {
        (sum + value * weight as f64, weights + weight)
    });
    (weights > 0).then(|| sum / weights as f64)
}

/// The figures of a period from one assessment per factory.
pub fn period_figures(period: &str, factories: &[AssessedFactory]) -> PeriodFigures {
    let mut by_cluster: BTreeMap<&str, Vec<(f64, i64)>> = BTreeMap::new();
    for factory in factories {
        for cluster in &factory.clusters {
            if let Some(rate) = cluster.rate {
                by_cluster
                    .entry(cluster.code.as_str())
                    .or_default()
                    .push((rate, factory.workers));
            }
        }
    }
    PeriodFigures {
        period: period.to_owned(),
        factories: factories.len() as i64,
        workers: factories.iter().map(|f| f.workers).sum(),
        women_workers: factories.iter().map(|f| f.women_workers).sum(),
        factories_without_critical_issues: factories
            .iter()
            .filter(|f| f.critical_issues == 0)
            .count() as i64,
        mean_rate: mean(factories.iter().filter_map(AssessedFactory::overall_rate)),
        clusters: by_cluster
            .into_iter()
            .map(|(code, rates)| ClusterFigure {
                code: code.to_owned(),
                factories: rates.len() as i64,
                mean_rate: mean(rates.iter().map(|(rate, _)| *rate)),
                weighted_rate: weighted_mean(rates.iter().copied()),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(code: &str, assessed: i64, non_compliant: i64) -> AssessedCluster {
        AssessedCluster {
            code: code.to_owned(),
            points_assessed: assessed,
            points_non_compliant: non_compliant,
            rate: share(non_compliant, assessed),
        }
    }

    #[test]
    fn each_factory_weighs_the_same_in_the_mean_and_by_workers_in_the_weighted_rate() {
        let small = AssessedFactory {
            workers: 500,
            women_workers: 400,
            critical_issues: 1,
            clusters: vec![cluster("OSH", 4, 2), cluster("WT", 2, 0)],
        };
        let large = AssessedFactory {
            workers: 1500,
            women_workers: 1200,
            critical_issues: 0,
            clusters: vec![cluster("OSH", 4, 0), cluster("WT", 0, 0)],
        };
        let figures = period_figures("2024-Q1", &[small, large]);
        assert_eq!(figures.factories, 2);
        assert_eq!(figures.workers, 2000);
        assert_eq!(figures.women_workers, 1600);
        assert_eq!(figures.factories_without_critical_issues, 1);
        // Overall: 2 of 6 points (33.3%) and 0 of 4 (0%).
        assert!((figures.mean_rate.unwrap() - 100.0 / 6.0).abs() < 1e-9);
        let osh = &figures.clusters[0];
        assert_eq!(osh.code, "OSH");
        assert_eq!(osh.factories, 2);
        assert_eq!(osh.mean_rate, Some(25.0));
        // (50% × 500 + 0% × 1500) / 2000
        assert_eq!(osh.weighted_rate, Some(12.5));
        // WT was not assessed in the large factory: only the small one counts.
        let wt = &figures.clusters[1];
        assert_eq!((wt.factories, wt.mean_rate), (1, Some(0.0)));
    }

    #[test]
    fn an_empty_period_has_no_rates() {
        let figures = period_figures("2024", &[]);
        assert_eq!(figures.factories, 0);
        assert_eq!(figures.mean_rate, None);
        assert!(figures.clusters.is_empty());
    }
}
