//! The programme's public disclosure rules: which factories the public site names, which are on
//! the low-compliance list, and which group figures are withheld. One home for each rule, used
//! by the site generator and by every page that explains the method.

use crate::analytics::{share, MIN_FACTORIES_IN_A_FIGURE};

/// A factory is named on the public site once it has this many published assessments.
pub const MIN_ASSESSMENTS_NAMED: usize = 2;

/// A factory can be on the low-compliance list once it has this many published assessments.
pub const MIN_ASSESSMENTS_LOW_COMPLIANCE: usize = 3;

/// How many standard deviations below the industry mean puts a factory on the list.
pub const LOW_COMPLIANCE_DEVIATIONS: f64 = 2.0;

/// Whether the public site names a factory with `assessments` published assessments.
pub fn is_named(assessments: usize) -> bool {
    assessments >= MIN_ASSESSMENTS_NAMED
}

/// Whether a figure about a group of `factories` factories must be withheld: a small group
/// could point at one factory.
pub fn suppressed(factories: usize) -> bool {
    (factories as i64) < MIN_FACTORIES_IN_A_FIGURE
}

/// A factory's score on the publicly reported items at one assessment: items found compliant
/// over items assessed (not applicable and unanswered items are not assessed), in percent.
pub fn public_items_score(compliant: i64, assessed: i64) -> Option<f64> {
    share(compliant, assessed)
}

/// The industry's scores on the publicly reported items (one per factory, at its latest
/// assessment) and the line below which a factory is on the low-compliance list.
#[derive(Clone, Debug, PartialEq)]
pub struct Distribution {
    pub factories: usize,
    pub mean: f64,
    /// Population standard deviation: the scores are the whole industry, not a sample.
    pub standard_deviation: f64,
    /// `mean - LOW_COMPLIANCE_DEVIATIONS × standard_deviation`.
    pub threshold: f64,
}

/// The distribution of `scores`; `None` without any score.
pub fn distribution(scores: &[f64]) -> Option<Distribution> {
    if scores.is_empty() {
        return None;
    }
    let count = scores.len() as f64;
    let mean = scores.iter().sum::<f64>() / count;
    let variance = scores
        .iter()
        .map(|score| (score - mean).powi(2))
        .sum::<f64>()
        / count;
    let standard_deviation = variance.sqrt();
    Some(Distribution {
        factories: scores.len(),
        mean,
        standard_deviation,
        threshold: mean - LOW_COMPLIANCE_DEVIATIONS * standard_deviation,
    })
}

/// Whether a factory with `assessments` published assessments and `latest_score` at its latest
/// one is on the low-compliance list. A score exactly on the line counts ("two standard
/// deviations or more below"); with no spread at all nobody is below the mean.
pub fn is_low_compliance(assessments: usize, latest_score: f64, industry: &Distribution) -> bool {
    assessments >= MIN_ASSESSMENTS_LOW_COMPLIANCE
        && industry.standard_deviation > 0.0
        && latest_score <= industry.threshold + 1e-9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_factory_is_named_from_its_second_assessment() {
        assert!(!is_named(1));
        assert!(is_named(2));
    }

    #[test]
    fn groups_under_five_factories_are_withheld() {
        assert!(suppressed(4));
        assert!(!suppressed(5));
    }

    #[test]
    fn the_distribution_is_the_population_one() {
        // Mean 50, deviations ±10 → population SD 10; threshold 30.
        let industry = distribution(&[40.0, 60.0, 40.0, 60.0]).expect("scores");
        assert_eq!(industry.mean, 50.0);
        assert_eq!(industry.standard_deviation, 10.0);
        assert_eq!(industry.threshold, 30.0);
        assert!(distribution(&[]).is_none());
    }

    #[test]
    fn the_list_takes_three_assessments_and_two_deviations() {
        let industry = distribution(&[40.0, 60.0, 40.0, 60.0]).expect("scores");
        assert!(is_low_compliance(3, 30.0, &industry), "on the line");
        assert!(is_low_compliance(5, 12.0, &industry));
        assert!(
            !is_low_compliance(2, 12.0, &industry),
            "too few assessments"
        );
        assert!(!is_low_compliance(3, 30.5, &industry), "above the line");
        let flat = distribution(&[70.0, 70.0]).expect("scores");
        assert!(
            !is_low_compliance(3, 70.0, &flat),
            "no spread, nobody below"
        );
    }
}
