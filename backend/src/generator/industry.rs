//! The shape of a generated industry, free of I/O: factory profiles, when each factory is
//! assessed and how each question is answered. Seeded, so the same seed gives the same data.
//!
//! Rates come from the programme's published figures (`bfc_aggregate_figures.csv`): almost all
//! factories exceed the overtime limit, about half keep exits clear, three quarters are too
//! hot, few underpay the minimum wage to regular workers but more underpay casual and
//! piece-rate workers, fundamental-rights violations are rare, and the share of factories free
//! of all critical issues rises after public reporting began in 2014.

use rand::Rng;
use rand_distr::{Distribution, LogNormal, Normal};

use super::names::NameStyle;

/// Where factories are, weighted like the sector (most around Phnom Penh).
pub const PROVINCES: &[(&str, u32)] = &[
    ("Phnom Penh", 44),
    ("Kandal", 20),
    ("Kampong Speu", 10),
    ("Svay Rieng", 7),
    ("Kampong Chhnang", 5),
    ("Takeo", 4),
    ("Preah Sihanouk", 4),
    ("Kampong Cham", 3),
    ("Pursat", 2),
    ("Kampot", 1),
];

/// Owners' countries, weighted like the sector, with the style of their factories' names.
pub const OWNERSHIP: &[(&str, u32, NameStyle)] = &[
    ("China", 34, NameStyle::Chinese),
    ("Hong Kong", 14, NameStyle::Chinese),
    ("Taiwan", 15, NameStyle::Chinese),
    ("South Korea", 9, NameStyle::Korean),
    ("Cambodia", 8, NameStyle::Khmer),
    ("Singapore", 4, NameStyle::Chinese),
    ("Malaysia", 3, NameStyle::Chinese),
    ("Japan", 4, NameStyle::Other),
    ("Thailand", 2, NameStyle::Other),
    ("United States", 2, NameStyle::Other),
    ("India", 2, NameStyle::Other),
    ("United Kingdom", 1, NameStyle::Other),
];

pub const PRODUCT_TYPES: &[(&str, u32)] = &[
    ("garment", 85),
    ("footwear", 8),
    ("travel_goods_and_bags", 7),
];

/// Picks an item with probability proportional to its weight.
pub fn weighted<'a, T>(rng: &mut impl Rng, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
    let total: u32 = items.iter().map(&weight).sum();
    let mut ticket = rng.gen_range(0..total);
    for item in items {
        let w = weight(item);
        if ticket < w {
            return item;
        }
        ticket -= w;
    }
    items.last().expect("weighted lists are not empty")
}

/// A generated factory's lasting traits.
#[derive(Clone, Debug)]
pub struct FactoryProfile {
    pub province: &'static str,
    pub ownership_country: &'static str,
    pub name_style: NameStyle,
    pub product_type: &'static str,
    /// Workers when the factory joined the programme.
    pub initial_workers: f64,
    /// Yearly growth (or shrinkage) of the workforce.
    pub yearly_growth: f64,
    pub women_share_percent: f64,
    pub union_presence: bool,
    pub export_licence: bool,
    /// Days since 1970 of the first and the last day in the programme.
    pub joined_day: i64,
    pub left_day: Option<i64>,
    /// How much worse (positive) or better than the industry this factory tends to be, in
    /// log-odds of non-compliance.
    pub propensity: f64,
}

/// Draws a factory that joined the programme between `first_day` and `last_day`.
pub fn factory_profile(rng: &mut impl Rng, first_day: i64, last_day: i64) -> FactoryProfile {
    let (province, _) = *weighted(rng, PROVINCES, |p| p.1);
    let (ownership_country, _, name_style) = *weighted(rng, OWNERSHIP, |o| o.1);
    let (product_type, _) = *weighted(rng, PRODUCT_TYPES, |p| p.1);
    // Median about 700 workers, a long tail of footwear and large garment groups.
    let median = if product_type == "footwear" {
        1800.0
    } else {
        650.0
    };
    let workers = LogNormal::new(f64::ln(median), 0.75)
        .expect("valid log-normal")
        .sample(rng)
        .clamp(60.0, 12_000.0);
    // A third of today's factories were already in the programme twenty years ago; the rest
    // joined as the sector grew.
    let span = (last_day - first_day) as f64;
    let joined_day = if rng.gen_bool(0.3) {
        first_day
    } else {
        first_day + (span * rng.gen::<f64>().powf(0.8)) as i64
    };
    let left_day = rng
        .gen_bool(0.22)
        .then(|| joined_day + ((last_day - joined_day) as f64 * rng.gen_range(0.2..1.0)) as i64);
    FactoryProfile {
        province,
        ownership_country,
        name_style,
        product_type,
        initial_workers: workers,
        yearly_growth: Normal::new(0.02, 0.06).expect("valid normal").sample(rng),
        women_share_percent: Normal::<f64>::new(86.0, 5.0)
            .expect("valid normal")
            .sample(rng)
            .clamp(55.0, 98.0),
        union_presence: rng.gen_bool(0.72),
        export_licence: rng.gen_bool(0.93),
        joined_day,
        left_day,
        propensity: Normal::new(0.0, 0.8).expect("valid normal").sample(rng),
    }
}

impl FactoryProfile {
    /// Workers on a given day, following the factory's growth.
    pub fn workers_on(&self, day: i64) -> i64 {
        let years = (day - self.joined_day).max(0) as f64 / 365.25;
        (self.initial_workers * (1.0 + self.yearly_growth).powf(years))
            .round()
            .clamp(30.0, 15_000.0) as i64
    }

    /// Assessment start days: the first soon after joining, then about every six months.
    pub fn assessment_days(&self, rng: &mut impl Rng, last_day: i64) -> Vec<i64> {
        let end = self.left_day.unwrap_or(last_day).min(last_day);
        let mut days = Vec::new();
        let mut day = self.joined_day + rng.gen_range(20..150);
        while day <= end {
            // Monitors do not visit on Sundays.
            if (day + 4).rem_euclid(7) == 0 {
                day += 1;
            }
            days.push(day);
            day += rng.gen_range(150..230);
        }
        days
    }
}

/// Yearly base rate of non-compliance of a scored question, before the factory's own
/// tendency and the industry's improvement over time.
pub fn base_rate(question_code: &str, critical_issue: Option<i64>) -> f64 {
    let specific = match question_code {
        // Overtime beyond 2 hours a day: 88-94% of factories (2013-2014).
        "WT.02.01" => Some(0.88),
        "WT.02.04" => Some(0.72),
        "WT.02.05" => Some(0.66),
        "FOR.03.06" => Some(0.55),
        // Unacceptable heat: 78% (2012-2013).
        "OSH.04.01" => Some(0.75),
        // Exit ways kept clear: 50%.
        "OSH.08.02" => Some(0.50),
        // Sanitary drinking water: over half of factories fell short in 2012-2013.
        "OSH.06.01" => Some(0.30),
        "OSH.06.02" => Some(0.18),
        // Minimum wage: 2% for regular workers, 8% for piece-rate, 15% for casual workers.
        "COM.01.01" => Some(0.02),
        "COM.01.02" => Some(0.04),
        "COM.01.03" => Some(0.08),
        "COM.01.04" => Some(0.15),
        "OSH.08.05" => Some(0.14),
        "OSH.03.01" => Some(0.16),
        "OSH.08.01" => Some(0.05),
        "OSH.08.03" => Some(0.08),
        _ => None,
    };
    if let Some(rate) = specific {
        return rate;
    }
    let cluster = question_code.split('.').next().unwrap_or_default();
    match (cluster, critical_issue) {
        // Fundamental rights that are also critical issues are rarely breached.
        ("CHI" | "FOR" | "DIS" | "FOA", Some(_)) => 0.012,
        (_, Some(_)) => 0.05,
        ("CHI", None) => 0.02,
        ("FOR", None) => 0.05,
        ("DIS", None) => 0.04,
        ("FOA", None) => 0.07,
        ("COM", None) => 0.10,
        ("CON", None) => 0.14,
        ("WT", None) => 0.22,
        ("OSH", None) => 0.24,
        _ => 0.08,
    }
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The chance that a factory is found non-compliant with a question in a given year.
///
/// The industry improves slowly over twenty years, critical issues faster once they were
/// published from 2014, and an issue found last time tends to persist.
pub fn non_compliance_chance(
    base: f64,
    critical: bool,
    propensity: f64,
    year: f64,
    found_last_time: bool,
) -> f64 {
    let mut log_odds = logit(base.clamp(0.001, 0.995)) + propensity;
    log_odds -= 0.035 * (year - 2013.0);
    if critical && year >= 2014.0 {
        log_odds -= 0.45;
    }
    let chance = logistic(log_odds);
    if found_last_time {
        chance + (1.0 - chance) * 0.35
    } else {
        chance
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn same_seed_same_factory() {
        let first = factory_profile(&mut ChaCha8Rng::seed_from_u64(7), 13_000, 20_000);
        let second = factory_profile(&mut ChaCha8Rng::seed_from_u64(7), 13_000, 20_000);
        assert_eq!(format!("{first:?}"), format!("{second:?}"));
    }

    #[test]
    fn assessments_come_about_every_six_months() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut profile = factory_profile(&mut rng, 13_000, 20_300);
        profile.joined_day = 13_000;
        profile.left_day = None;
        let days = profile.assessment_days(&mut rng, 20_300);
        // Twenty years at 150 to 230 days apart.
        assert!(
            (30..=49).contains(&days.len()),
            "{} assessments",
            days.len()
        );
        assert!(days
            .windows(2)
            .all(|pair| (150..=231).contains(&(pair[1] - pair[0]))));
    }

    #[test]
    fn overtime_is_the_most_common_issue_and_child_labour_rare() {
        assert!(base_rate("WT.02.01", None) > 0.8);
        assert!(base_rate("CHI.01.01", Some(1)) < 0.02);
        let average =
            non_compliance_chance(base_rate("COM.01.04", Some(19)), true, 0.0, 2013.0, false);
        assert!((average - 0.15).abs() < 0.01);
    }

    #[test]
    fn issues_persist_and_the_industry_improves() {
        let base = 0.2;
        let fresh = non_compliance_chance(base, false, 0.0, 2020.0, false);
        let persistent = non_compliance_chance(base, false, 0.0, 2020.0, true);
        assert!(persistent > fresh);
        assert!(
            non_compliance_chance(base, false, 0.0, 2024.0, false)
                < non_compliance_chance(base, false, 0.0, 2008.0, false)
        );
        assert!(
            non_compliance_chance(base, true, 0.0, 2015.0, false)
                < non_compliance_chance(base, false, 0.0, 2015.0, false)
        );
    }
}
